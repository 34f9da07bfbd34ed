"""Classification metrics for the softmax network: confusion matrix and accuracy (NumPy only).

A sample's predicted class is the output with the largest probability (``argmax`` of
``Network.predict(X)``; ties go to the lower class). Rows of the confusion matrix are the
true class, columns the predicted one, as in most textbooks.
"""

from __future__ import annotations

import numpy as np

from core.chapter.network import Network


def _check(labels, probabilities) -> tuple[np.ndarray, np.ndarray]:
    P = np.asarray(probabilities, dtype=float)
    if P.ndim != 2 or P.shape[1] < 2:
        raise ValueError(f"probabilities must be (N, K) with K ≥ 2, got shape {P.shape}")
    y = np.asarray(labels, dtype=float).reshape(-1)
    if y.shape[0] != P.shape[0]:
        raise ValueError(f"{y.shape[0]} labels for {P.shape[0]} rows of probabilities")
    K = P.shape[1]
    if not np.all((y == np.round(y)) & (y >= 0) & (y < K)):
        raise ValueError(f"labels must be integers 0…{K - 1}")
    return y.astype(int), P


def predicted_classes(probabilities) -> np.ndarray:
    """The predicted class of each row: the index of its largest probability."""
    return np.argmax(np.asarray(probabilities, dtype=float), axis=1)


def confusion_matrix(labels, probabilities) -> np.ndarray:
    """K×K integer counts: entry [t, p] = samples of true class t predicted as class p."""
    y, P = _check(labels, probabilities)
    K = P.shape[1]
    cm = np.zeros((K, K), dtype=int)
    np.add.at(cm, (y, predicted_classes(P)), 1)
    return cm


def accuracy(labels, probabilities) -> float:
    """The fraction of samples whose predicted class is the true one (0 for no samples)."""
    y, P = _check(labels, probabilities)
    if y.size == 0:
        return 0.0
    return float(np.mean(predicted_classes(P) == y))


def accuracy_curve(net: Network, X, labels, params: dict[str, np.ndarray]) -> np.ndarray:
    """Accuracy on ``(X, labels)`` for each recorded parameter set (rows of ``plot_data``'s ``params``).

    ``params`` maps each parameter name to an array (one value per recorded epoch), as in
    ``core.plot_data(trainer)["params"]``; ``net`` supplies the shape and is not modified.
    """
    if net.output != "softmax":
        raise ValueError("accuracy needs a classification network (output='softmax')")
    names = net.param_names()
    rows = np.column_stack([np.asarray(params[n], dtype=float) for n in names])
    ws = net.batch_pass(X, labels)
    y = ws.y.astype(int)
    out = np.empty(rows.shape[0])
    with np.errstate(all="ignore"):
        for i, theta in enumerate(rows):
            Y = ws.forward(theta)
            out[i] = np.mean(np.argmax(Y, axis=1) == y)
    return out
