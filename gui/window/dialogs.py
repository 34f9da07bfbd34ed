"""The Help and About dialogs: non-modal, so they can stay open beside the diagram (and never block tests)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from core.resources import RESOURCES  # noqa: E402

HELP_MARKDOWN = """\
# How to read the window

## The diagram (centre)
The chapter's network, read left to right:

* **I1 … I5** — the five values of one 1D "image" (the sample shown).
* **K6, K7, K8** and **b_conv** — the one shared kernel. The same three weights slide over
  the inputs, so K6 meets I1, I2 and I3 in turn; edges of the same kernel weight share a colour.
* **C9, C10, C11** — the feature map: C9 = σ(I1·K6 + I2·K7 + I3·K8 + b_conv), and so on,
  with σ(z) = 1 / (1 + e^(−z)).
* **O12** — the output ŷ = λ9,12·C9 + λ10,12·C10 + λ11,12·C11 + b12 (linear).

Numbers on the nodes are their values; numbers on the edges are weights. A node's fill is its
value on the colour bar (orange above zero, purple below); a dashed edge is a negative weight
and an edge's width grows with |weight|; the legend under the diagram lists the colours.
Double-click a weight to edit it: O12, the labels and the plots follow at once. Hover for
the gradient. **More digits / Fewer digits** (Ctrl+= / Ctrl+−) change the labels' precision.

## The formulas (bottom)
While playing, the panel summarises the current epoch. **Step sample** (→) walks one
sample's pass one sub-step per click, highlighting the parts of the diagram it uses:

1. the forward sums above, C9_in = I1·K6 + I2·K7 + I3·K8 + b_conv and C9 = σ(C9_in);
2. the loss P = ½(ŷ − y)²;
3. the output's delta δ12 = ∂P/∂ŷ = ŷ − y, and its gradients ∂P/∂λ9,12 = δ12·C9,
   ∂P/∂b12 = δ12;
4. the feature map's deltas δ9 = σ′(C9_in)·λ9,12·δ12 with σ′ = C9(1 − C9);
5. the kernel gradients — each a sum of three terms because the kernel is shared:
   ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11, ∂P/∂b_conv = δ9 + δ10 + δ11;
6. the update θ ← θ − η·∂P/∂θ (in batch mode the gradient is the mean over the samples and
   there is one update per epoch; sgd updates after every sample, minibatch after each batch).

## The plots (right)
Prediction against target, kernel weights and output weights against epoch (log axis), and
the mean loss, as in the chapter. Click or drag on a plot to travel back to an earlier epoch;
press Play to return to the latest.

## The Image lab (second tab)
The same convolution in 2D: a k×k kernel slides over an image with padding p and stride s,
giving maps of H′ = ⌊(H + 2p − k)/s⌋ + 1 rows (and likewise columns); then an activation and,
if chosen, pooling. Hover over an output pixel to see its window and the weighted sum.

## Files
A **workspace** (.cnnviz) keeps everything: the network, its data and settings, the optimiser's
state, the random state and the whole training history, the experiment panel's settings and the
Image lab's image and settings. Open it later and Play carries on exactly where it stopped.
The title bar shows the file's name, with • while there are unsaved changes.
**File → Export** writes the history as CSV, the plots or the diagram as PNG or SVG, or an
Image lab stage.

## Keys
| key | does |
| --- | --- |
| Space | Play / Pause |
| → / Shift+→ | Step sample / Step epoch |
| Ctrl+Enter | Run N epochs (the number next to Run); Esc cancels it |
| R | Reset the weights from the seed |
| Ctrl+O / Ctrl+S / Ctrl+Shift+S | Open / Save / Save As a workspace |
| Ctrl+Shift+O | Open an image in the Image lab |
| Ctrl+L, Ctrl+= / Ctrl+− | Value labels on/off, more / fewer digits |
| F1 | This help |

The experiment panel (left) chooses the data, learning rate η, seed and optimiser; press
Apply to rebuild the network. Training stops at the epoch limit, when it diverges (lower η
and press Reset), or when the loss falls below ε.
"""


def _text_dialog(parent: QWidget | None, title: str, object_name: str, markdown: str) -> QDialog:
    dialog = QDialog(parent)
    dialog.setObjectName(object_name)
    dialog.setAccessibleName(title)
    dialog.setWindowTitle(title)
    dialog.setModal(False)
    browser = QTextBrowser(dialog)
    browser.setOpenExternalLinks(True)
    browser.setMarkdown(markdown)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dialog.resize(640, 560)
    return dialog


def help_dialog(parent: QWidget | None) -> QDialog:
    """How to read the diagram, the formulas and the plots."""
    return _text_dialog(parent, "How to read the window", "helpDialog", HELP_MARKDOWN)


def about_markdown() -> str:
    """The About text: purpose, source chapter, and the bundled images' licences."""
    try:
        licences = (RESOURCES / "images" / "LICENSES.md").read_text(encoding="utf-8")
    except OSError:
        licences = "(resources/images/LICENSES.md is missing.)"
    return (
        "# CNN Visualiser\n\nWatch the hand-made 1D convolutional network of Pyrcz, *Applied Machine "
        "Learning in Python*, chapter \"Convolutional Neural Networks\" (2024), learn — one sample, "
        "one sub-step at a time — and try 2D filters in the Image lab.\n\n"
        "Built with Qt for Python (PySide6, LGPLv3), pyqtgraph (MIT) and NumPy (BSD).\n\n"
        "---\n\n" + licences
    )


def about_dialog(parent: QWidget | None) -> QDialog:
    """About the program, with the licences of the bundled images."""
    return _text_dialog(parent, "About CNN Visualiser", "aboutDialog", about_markdown())
