"""The shape editor: the chapter's shape, node names from the core, refusing impossible shapes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from core import Network, Trainer, synthetic_dataset  # noqa: E402
from gui.network.panels.shape import NETWORK_KEYS, ShapeEditor  # noqa: E402


@pytest.fixture()
def editor(qtbot):
    w = ShapeEditor()
    qtbot.addWidget(w)
    w.resize(440, 460)
    w.show()
    return w


def test_defaults_are_the_chapters_network(editor):
    assert editor.objectName() == "shapeEditor"
    shape = editor.shape()
    assert shape == {"n_inputs": 5, "kernel_size": 3, "n_kernels": 1, "stride": 1, "padding": 0,
                     "n_outputs": 1, "output": "linear", "dropout": 0.0}
    assert editor.preview_text() == (
        "5 inputs → 1 kernel of 3 (stride 1, padding 0) → 3 feature-map nodes C9–C11 → O12")
    assert editor.apply_button.isEnabled() and editor.error() == ""


def test_two_kernels_on_eight_inputs_with_padding_name_nodes_like_the_core(editor):
    editor.n_inputs.setValue(8)
    editor.n_kernels.setValue(2)
    editor.padding.setValue(1)
    net = Network(n_inputs=8, kernel_size=3, n_kernels=2, padding=1)
    assert net.n_positions == 8  # (8 + 2 − 3)/1 + 1
    text = editor.preview_text()
    maps = [f"{row[0]}–{row[-1]}" for row in net.fmap_names]
    assert maps == ["C15–C22", "C23–C30"]
    assert text == ("8 inputs → 2 kernels of 3 (stride 1, padding 1) → 2 × 8 = 16 feature-map nodes "
                    f"{maps[0]}, {maps[1]} → {net.output_names[0]}")
    assert net.output_names == ["O31"]


def test_classification_has_three_softmax_outputs(editor):
    editor.output.setCurrentIndex(editor.output.findData("softmax"))
    shape = editor.shape()
    assert (shape["output"], shape["n_outputs"]) == ("softmax", 3)
    net = Network(n_outputs=3, output="softmax")
    assert net.output_names == ["O12", "O13", "O14"]
    assert editor.preview_text().endswith("C9–C11 → softmax O12–O14")


def test_kernel_larger_than_padded_input_is_refused_with_the_cores_reason(editor, qtbot):
    editor.kernel_size.setValue(6)  # 5 inputs, no padding
    with pytest.raises(ValueError) as core_error:
        Network(n_inputs=5, kernel_size=6)
    err = editor.findChild(QWidget, "error_kernel_size")
    assert err.isVisible() and err.text() == str(core_error.value)
    assert not editor.apply_button.isEnabled()
    with qtbot.assertNotEmitted(editor.shapeApplied):
        assert editor.apply() is False
    editor.padding.setValue(1)  # 5 + 2·1 = 7 ≥ 6: now legal
    assert not err.isVisible() and editor.apply_button.isEnabled()


def test_apply_emits_network_kwargs_plus_dropout(editor, qtbot):
    editor.set_shape({"n_inputs": 7, "kernel_size": 2, "stride": 2, "seed": 5, "activation": "relu"})
    editor.dropout.setValue(0.25)
    with qtbot.waitSignal(editor.shapeApplied) as sig:
        editor.apply_button.click()
    shape = sig.args[0]
    assert shape["dropout"] == 0.25 and shape["seed"] == 5 and shape["activation"] == "relu"
    net = Network(**{k: v for k, v in shape.items() if k in NETWORK_KEYS})
    assert (net.n_inputs, net.kernel_size, net.stride, net.n_positions) == (7, 2, 2, 3)
    X, y = synthetic_dataset(10, shape["n_inputs"])
    Trainer(net, X, y, dropout=shape["dropout"]).run(3)  # the dict really builds a trainer


def test_discarding_a_trained_network_asks_first(editor, qtbot):
    answers = []

    def confirm(answer):
        def ask():
            answers.append(answer)
            return answer
        return ask

    editor.confirm_discard = confirm(False)
    with qtbot.waitSignal(editor.shapeApplied):
        assert editor.apply() is True  # untrained: no question, applied
    assert answers == []
    editor.set_trained_epochs(250)
    with qtbot.assertNotEmitted(editor.shapeApplied):
        assert editor.apply() is False
    assert answers == [False]
    editor.confirm_discard = confirm(True)
    with qtbot.waitSignal(editor.shapeApplied):
        assert editor.apply() is True
    assert answers == [False, True]


def test_every_control_has_a_tooltip(editor):
    for name in ("nInputs", "kernelSize", "nKernels", "stride", "padding", "outputType", "dropout",
                 "applyShape", "chapterShape", "shapePreview"):
        child = editor.findChild(QWidget, name)
        assert child is not None and child.toolTip(), name
