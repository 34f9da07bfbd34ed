"""The Help and About dialogs: non-modal, so they can stay open beside the diagram (and never block tests)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

RESOURCES = Path(__file__).resolve().parent.parent / "resources"

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

Numbers on the nodes are their values; numbers on the edges are weights. Double-click a
weight to edit it: O12, the labels and the plots follow at once. Hover for the gradient.

## The formulas (bottom)
While playing, the panel summarises the current epoch. **Step sample** (→) walks one
sample's pass one sub-step per click: the forward sums, the loss P = ½(ŷ − y)², the
deltas δ12 = ŷ − y and δ9 = C9(1 − C9)·λ9,12·δ12, the kernel gradients — each a sum of three
terms because the kernel is shared, ∂P/∂K6 = I1·δ9 + I2·δ10 + I3·δ11 — and the update
θ ← θ − η·∂P/∂θ. The parts of the diagram each sub-step uses are highlighted.

## The plots (right)
Prediction against target, kernel weights and output weights against epoch (log axis),
as in the chapter. Click or drag on a plot to travel back to an earlier epoch; press
Play to return to the latest.

## Controls
* **Play / Pause** (Space), **Step sample** (→), **Step epoch** (Shift+→),
  **Run N epochs** (Ctrl+Enter), **Reset** (R).
* **Speed**: from 2 epochs a second up to flat out (right end).
* The experiment panel (left) chooses the data, learning rate η, seed and optimiser;
  press Apply to rebuild the network. Training stops at the epoch limit, when it
  diverges (lower η and press Reset), or when the loss falls below ε.
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
