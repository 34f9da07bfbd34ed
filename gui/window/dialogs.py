"""The Help and About dialogs: non-modal, so they can stay open beside the diagram (and never block tests)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from core.resources import RESOURCES

translate = QCoreApplication.translate

HELP_SECTIONS = (  # the help page, one translatable section at a time (translated where shown)
    QT_TRANSLATE_NOOP("HelpPage", """# How to read the window

"""),
    QT_TRANSLATE_NOOP("HelpPage", """## One moment on screen
Everything in the window — the diagram, the formulas, the plots' cursor and the status bar —
shows the same moment. **Epoch N is the network after N epochs of training** (in the chapter's
batch mode: after N updates); epoch 0 is the network before training. The chapter's figures
plot, at epoch e, the values *used in* epoch e — our epoch e − 1. Numbers are shown with four
significant figures (View → More / Fewer digits), tiny ones as ×10ⁿ, so every written sum can be
checked from the numbers written.

"""),
    QT_TRANSLATE_NOOP("HelpPage", """## The diagram (centre)
The chapter's network, read left to right:

* **I1 … I5** — the five values of one 1D "image" (the sample shown).
* **K6, K7, K8** and **b_conv** — the one shared kernel. The same three weights slide over
  the inputs, so K6 meets I1, I2 and I3 in turn; edges of the same kernel weight share a colour
  (K6 red, K7 blue, K8 green, as in the chapter).
* **C9, C10, C11** — the feature map: C9 = σ(I1·K6 + I2·K7 + I3·K8 + b_conv), and so on,
  with σ(z) = 1 / (1 + e^(−z)).
* **O12** — the output ŷ = λ9,12·C9 + λ10,12·C10 + λ11,12·C11 + b12 (linear).

Numbers on the nodes are their values; numbers on the edges are weights. A node's fill is its
value on the colour bar (orange above zero, purple below); a dashed edge is a negative weight
and an edge's width grows with |weight|; the legend under the diagram lists the colours.
**Click a weight to edit it** (Enter keeps it, Esc cancels): O12, the labels and the plots
follow at once. Hover over a node or an edge for its gradient.

"""),
    QT_TRANSLATE_NOOP("HelpPage", """## The formulas (bottom)
When not stepping, the panel shows the displayed sample's forward pass, its loss P (one
sample's) and the **mean loss over the data set** (the number in the status bar). **Step sample**
(→) walks one sample's pass one sub-step per click, highlighting the parts of the diagram it
uses; until the update sub-step every view shows the parameters that pass used, from the update
on the new ones. **Play sub-steps** walks them by itself at the chosen rate.

1. the forward sums above, C9_in = I1·K6 + I2·K7 + I3·K8 + b_conv and C9 = σ(C9_in);
2. the loss P = ½(ŷ − y)²;
3. the output's delta δ12 = ∂P/∂ŷ = ŷ − y, and its gradients ∂P/∂λ9,12 = δ12·C9,
   ∂P/∂b12 = δ12;
4. the feature map's deltas δ9 = σ′(C9_in)·λ9,12·δ12 with σ′ = C9(1 − C9);
5. the kernel gradients — each a sum of three terms because the kernel is shared:
   ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11, ∂P/∂b_conv = δ9 + δ10 + δ11;
6. the update θ ← θ − η·∂P/∂θ (in batch mode the gradient is the mean over the samples and
   there is one update per epoch; sgd updates after every sample, minibatch after each batch).

With **dropout** (Shape tab) a dropped feature-map node is multiplied by m = 0 and a kept one by
m = 1/(1 − p); the formulas write every factor, so each sum still adds up. The loss plot then
shows the mean loss without dropout (solid) and the training loss with the dropped nodes (dashed).

**Momentum and Adam** follow PyTorch's conventions: momentum v ← μ·v + g, θ ← θ − η·v (v starts
at the first gradient); Adam with bias correction, β1 = 0.9, β2 = 0.999, ε = 10⁻⁸.

"""),
    QT_TRANSLATE_NOOP("HelpPage", """## The plots (right)
Prediction against target, kernel weights and output weights against epoch (log axis), and
the mean loss, as in the chapter. Click or drag on a plot to travel back to an earlier epoch;
press Play to go on from the latest. With many images or weights the plots draw the first ten
and a min–max band, and say so.

"""),
    QT_TRANSLATE_NOOP("HelpPage", """## The Image lab (second tab)
The same convolution in 2D: a k×k kernel slides over an image with padding p and stride s,
giving maps of H′ = ⌊(H + 2p − k)/s⌋ + 1 rows (and likewise columns); then an activation and,
if chosen, pooling. Hover over an output pixel to see its window and the weighted sum. The
mouse wheel scrolls the stages, Ctrl+wheel zooms.

"""),
    QT_TRANSLATE_NOOP("HelpPage", """## CNN on images (third tab)
A small 2D CNN learns from the 1797 handwritten 8×8 digits — or from a folder of your own
images, one sub-folder per class (**Open image folder…**). Play, Step batch and Reset work as on
the Network tab; an epoch is one pass over the training images, batch by batch. The
**Architecture** on the left is a list of layers (conv:N:K:S:P, relu, maxpool:K, dense:N …):
edit it and Apply. **Kernels and feature maps** show every kernel on one shared colour scale and
every layer's output for the picked image; hover a cell to see its receptive field and the
weighted sum that made it. Click a kernel weight, or use **Step-through**, to follow one image
forward and backward and see that weight's gradient as a sum of one term per output position —
the chapter's ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11, in 2D. The curves (click or drag to go back to
an epoch), the confusion matrix and the misclassified images show how it learns; under **Draw a
digit**, draw with the mouse (Delete clears it) and watch it classified as you draw.

"""),
    QT_TRANSLATE_NOOP("HelpPage", """## Files and undo
A **workspace** (.cnnviz) keeps everything: the network, its data and settings, the optimiser's
state, the random state and the whole training history, the step-through position, the speed,
the Image lab's image and settings, and — once opened — the CNN on images tab's run. Open it
later and Play carries on exactly where it stopped. The title bar shows the file's name, with •
while there are unsaved changes. Apply and Reset ask before throwing a trained network away;
**Edit → Undo** brings it back. **File → Export** writes the history as CSV, the plots or the
diagram as PNG or SVG, an Image lab stage, or the CNN tab's kernels, feature maps and curves.

"""),
    QT_TRANSLATE_NOOP("HelpPage", """## Keys
| key | does |
| --- | --- |
| Space | Play / Pause |
| → / Shift+→ | Step sample / Step epoch |
| Ctrl+Enter | Run N epochs (the number next to Run); Esc cancels it |
| R | Reset the weights from the seed |
| Ctrl+Z | Undo Apply or Reset |
| Ctrl+O / Ctrl+S / Ctrl+Shift+S | Open / Save / Save As a workspace |
| Ctrl+Shift+O | Open an image in the Image lab |
| Ctrl+L, Ctrl+= / Ctrl+− | Value labels on/off, more / fewer digits |
| F1 | This help |

Space, → and R always reach the training controls, even while a number field has the focus;
Enter in a field keeps its value and gives the keys back to the diagram. The experiment panel
(left) chooses the data, learning rate η, seed and optimiser; press Apply to rebuild the network.
Training stops at the epoch limit, when it diverges (the window then shows the last finite epoch
and suggests a smaller η), or at a stop condition (Stop tab).
"""),
)


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


def help_markdown() -> str:
    """The help page in the window's language (each section translated as a whole)."""
    return "".join(QCoreApplication.translate("HelpPage", section) for section in HELP_SECTIONS)


HELP_MARKDOWN = "".join(HELP_SECTIONS)  # the English page


def help_dialog(parent: QWidget | None) -> QDialog:
    """How to read the diagram, the formulas and the plots."""
    return _text_dialog(parent, translate("Dialogs", "How to read the window"), "helpDialog", help_markdown())


def app_version() -> str:
    """The installed distribution's version (the checkout's pyproject says the same)."""
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("cnn-visualiser")
    except (ImportError, PackageNotFoundError):
        return "0.1.0"


def _digits_credit() -> str:
    """The digits' citation, read when the About box opens (importing the image CNN costs start-up time)."""
    from core.image_cnn.digits import DIGITS_CREDIT

    return DIGITS_CREDIT


def about_markdown() -> str:
    """The About text: purpose, version, source chapter, and the bundled files' credits."""
    try:
        licences = (RESOURCES / "images" / "LICENSES.md").read_text(encoding="utf-8")
    except OSError:
        licences = translate("Dialogs", "The sample images' licence note is missing from this installation.")
    return (
        f"# CNN Visualiser {app_version()}\n\n"
        + translate("Dialogs", "Watch the hand-made 1D convolutional network of Pyrcz, *Applied Machine "
                    "Learning in Python*, chapter \"Convolutional Neural Networks\" (2024), learn — one "
                    "sample, one sub-step at a time — try 2D filters in the Image lab, and watch a small 2D "
                    "CNN learn to read handwritten digits.") + "\n\n"
        + translate("Dialogs", "Built with Qt for Python (PySide6, LGPLv3), pyqtgraph (MIT) and NumPy "
                    "(BSD).") + "\n\n"
        + translate("Dialogs", "Handwritten digits: {credit}.").format(credit=_digits_credit()) + "\n\n"
        + "---\n\n" + licences  # the bundled files' licence notes, as their authors wrote them
    )


def about_dialog(parent: QWidget | None) -> QDialog:
    """About the program, with the licences of the bundled images."""
    return _text_dialog(parent, translate("Dialogs", "About CNN Visualiser"), "aboutDialog", about_markdown())
