"""Confusion matrix and accuracy: hand-made counts, the curve over epochs, and the two views."""

import numpy as np
import pytest

from core import Network, Trainer, plot_data, three_class_dataset
from core.chapter.metrics import accuracy, accuracy_curve, confusion_matrix
from gui.network.beyond.classification_views import AccuracyPlot, ConfusionMatrixView

# 5 samples, 3 classes: true 0,0,1,2,2; predicted (argmax) 0,1,1,2,0
LABELS = np.array([0, 0, 1, 2, 2])
PROBS = np.array([
    [0.7, 0.2, 0.1],
    [0.3, 0.6, 0.1],
    [0.1, 0.8, 0.1],
    [0.2, 0.2, 0.6],
    [0.5, 0.1, 0.4],
])


def test_confusion_matrix_counts_a_hand_made_case():
    cm = confusion_matrix(LABELS, PROBS)
    np.testing.assert_array_equal(cm, [[1, 1, 0], [0, 1, 0], [1, 0, 1]])
    assert cm.sum() == 5 and cm.dtype.kind == "i"
    assert accuracy(LABELS, PROBS) == 3 / 5
    assert accuracy(LABELS.astype(float), PROBS) == 0.6  # labels as the data set stores them


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError):
        confusion_matrix([0, 3], PROBS[:2])
    with pytest.raises(ValueError):
        confusion_matrix([0, 1, 2], PROBS[:2])
    with pytest.raises(ValueError):
        accuracy([0.5], PROBS[:1])


def _trained():
    X, y = three_class_dataset()
    net = Network(n_outputs=3, output="softmax", init="xavier")
    t = Trainer(net, X, y, optimizer="adam", lr=0.05)
    t.run(60)
    return net, t, X, y


def test_accuracy_curve_matches_predict_at_every_recorded_epoch():
    net, t, X, y = _trained()
    d = plot_data(t)
    acc = accuracy_curve(net, X, y, d["params"])
    assert acc.shape == d["epochs"].shape
    before = net.theta.copy()
    for i in (0, len(acc) // 2, len(acc) - 1):
        other = net.copy()
        other.set_params({n: v[i] for n, v in d["params"].items()})
        assert acc[i] == accuracy(y, other.predict(X))
    np.testing.assert_array_equal(net.theta, before)
    assert acc[-1] > acc[0]


def test_confusion_view_shows_counts_and_class_names(qtbot):
    v = ConfusionMatrixView()
    qtbot.addWidget(v)
    assert v.objectName() == "confusionMatrix"
    v.show(LABELS, PROBS)
    np.testing.assert_array_equal(v.matrix(), confusion_matrix(LABELS, PROBS))
    assert v.cell_text(0, 1) == "1" and v.cell_text(2, 0) == "1" and v.cell_text(1, 2) == "0"
    ticks = v.plot.getAxis("bottom")._tickLevels[0]
    assert [name for _, name in ticks] == ["down", "flat", "up"]
    assert [name for _, name in v.plot.getAxis("left")._tickLevels[0]] == ["down", "flat", "up"]
    assert "3 of 5 right" in v.title.text() and "row = true class" in v.title.text()
    v.set_class_names(["a", "b", "c"])
    assert [name for _, name in v.plot.getAxis("bottom")._tickLevels[0]] == ["a", "b", "c"]
    v.show()  # plain QWidget.show still works
    v.resize(400, 300)
    assert not v.grab().isNull()


def test_confusion_view_with_a_trained_net_renders(qtbot):
    net, t, X, y = _trained()
    v = ConfusionMatrixView()
    qtbot.addWidget(v)
    cm = v.set_predictions(y, net.predict(X))
    assert cm.sum() == len(y)
    np.testing.assert_array_equal(cm.sum(axis=1), np.bincount(y.astype(int), minlength=3))
    v.resize(420, 320)
    assert not v.grab().isNull()


def test_accuracy_plot_draws_the_curve(qtbot):
    net, t, X, y = _trained()
    d = plot_data(t)
    acc = accuracy_curve(net, X, y, d["params"])
    p = AccuracyPlot()
    qtbot.addWidget(p)
    assert p.objectName() == "accuracyPlot"
    p.show(d["epochs"], acc, current_epoch=t.epoch)
    e, a = p.data()
    np.testing.assert_array_equal(e, d["epochs"])
    np.testing.assert_array_equal(a, acc)
    assert p.plot.ctrl.logXCheck.isChecked() or p.plot.getAxis("bottom").logMode
    assert f"{acc[-1]:.1%}" in p.note.text() and "chance 1/3" in p.note.text()
    assert p.cursor.isVisible()
    p.resize(500, 300)
    assert not p.grab().isNull()
