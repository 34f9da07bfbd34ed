"""The app's numbers are the chapter's: every row of chapter_reference.json to 1e-12.

``tests/data/chapter_reference.json`` is produced by running the chapter notebook's own code
cells (``tests/data/make_chapter_reference.py``), so these tests compare with the chapter,
not with numbers copied from this code's output. Set ``CHAPTER_NOTEBOOK`` to the notebook's
path to also check that the stored file is still what the notebook produces.
"""

import importlib.util
import json
import os
from pathlib import Path

import numpy as np
import pytest

from core import Network, Trainer, chapter_dataset, experiment1

DATA = Path(__file__).resolve().parents[2] / "data"
REF_PATH = DATA / "chapter_reference.json"
REF = json.loads(REF_PATH.read_text())
NAMES = {"w6": "K6", "w7": "K7", "w8": "K8", "bconv": "b_conv",
         "w9": "w9_12", "w10": "w10_12", "w11": "w11_12", "b12": "b12"}
TOL = 1e-12


def test_initialisation_is_the_chapters():
    net = Network()
    p = net.get_params()
    init = REF["init"]  # drawn in the chapter's order: K6 K7 K8 λ9 λ10 λ11 b_conv b12
    order = ["K6", "K7", "K8", "w9_12", "w10_12", "w11_12", "b_conv", "b12"]
    for name, value in zip(order, init, strict=True):
        assert p[name] == value, name
    assert net.param_names() == ["K6", "K7", "K8", "b_conv", "w9_12", "w10_12", "w11_12", "b12"]


def test_reference_was_made_by_the_chapters_code():
    src = REF["source"]
    assert src["repository"] == "GeostatsGuy/MachineLearningDemos_Book"
    assert src["path"].endswith("MachineLearning_CNN.ipynb") and len(src["sha256"]) == 64


def test_chapter_dataset_is_the_chapters_bit_for_bit():
    """Experiment 2's images and labels: the labels by the chapter's np.dot, to the last bit."""
    X, y = chapter_dataset()
    assert np.array_equal(X, np.array(REF["dataset"]["X"]))
    ref_y = np.array(REF["dataset"]["y"])
    assert [v.hex() for v in y.tolist()] == [v.hex() for v in ref_y.tolist()]


def test_labels_differ_from_the_sum_formula_the_core_used_before():
    """Why np.dot matters: np.sum(x*z)/np.sum(x*x) misses the chapter's labels by an ulp or two."""
    X, _ = chapter_dataset()
    x = np.arange(1, 6)
    by_sum = np.array([np.sum(x * z) / np.sum(x * x) for z in X])
    ref_y = np.array(REF["dataset"]["y"])
    assert not np.array_equal(by_sum, ref_y) and np.allclose(by_sum, ref_y, rtol=1e-15, atol=0)


@pytest.mark.skipif(not os.environ.get("CHAPTER_NOTEBOOK"), reason="set CHAPTER_NOTEBOOK to the notebook")
def test_stored_reference_is_what_the_notebook_produces():
    spec = importlib.util.spec_from_file_location("make_ref", DATA / "make_chapter_reference.py")
    make_ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_ref)
    got = make_ref.run_notebook(Path(os.environ["CHAPTER_NOTEBOOK"]).read_bytes())
    assert {k: REF[k] for k in got} == json.loads(json.dumps(got))


def _check_rows(trainer, rows, pred_key):
    h = trainer.history
    P = h.params
    for r in rows:
        i = r["epoch"] - 1
        assert h.epochs[i] == r["epoch"]
        for ref_name, name in NAMES.items():
            assert abs(P[name][i] - r[ref_name]) <= TOL, (r["epoch"], name)
        assert np.abs(h.predictions[i] - np.atleast_1d(r[pred_key])).max() <= TOL


@pytest.mark.parametrize("stepper", ["run", "step_epoch", "step_sample"])
def test_experiment1_rows(stepper):
    X, y = experiment1()
    assert np.allclose(X[0], REF["single"]["inputs"]) and y[0] == REF["single"]["target"]
    t = Trainer(Network(), X, y, lr=0.2)
    if stepper == "run":
        t.run(1000)
    elif stepper == "step_epoch":
        for _ in range(1000):
            t.step_epoch()
    else:
        for _ in range(1000):
            t.step_sample()
    assert t.epoch == 1000
    _check_rows(t, REF["single"]["rows"], "o12")
    # the feature-map values of each reference row come out of the forward pass too
    for r in REF["single"]["rows"]:
        net = Network()
        net.theta[:] = t.history.param_matrix[r["epoch"] - 1]
        fw = net.forward(X[0])
        for node in ("c9", "c10", "c11", "o12"):
            assert abs(fw[node.upper()] - r[node]) <= TOL


@pytest.mark.parametrize("stepper", ["run", "step_epoch"])
def test_experiment2_rows(stepper):
    X, y = chapter_dataset()
    t = Trainer(Network(), X, y, lr=0.2, mode="batch")
    if stepper == "run":
        t.run(1000)
    else:
        for _ in range(1000):
            t.step_epoch()
    _check_rows(t, REF["batch"]["rows"], "yhat")


def test_experiment2_step_sample_matches_run_bit_for_bit():
    X, y = chapter_dataset()
    a = Trainer(Network(), X, y)
    b = Trainer(Network(), X, y)
    a.run(20)
    for _ in range(20 * 10):
        b.step_sample()
    assert np.array_equal(a.net.theta, b.net.theta)
    assert np.array_equal(a.history.param_matrix, b.history.param_matrix)


def test_first_forward_pass_by_hand():
    """C9_in = I1·K6 + I2·K7 + I3·K8 + b_conv, written out as the chapter does."""
    net = Network()
    p = net.get_params()
    x = [0.1, 0.2, 0.3, 0.4, 0.5]
    fw = net.forward(x)
    c9_in = x[0] * p["K6"] + x[1] * p["K7"] + x[2] * p["K8"] + p["b_conv"]
    assert fw["C9_in"] == c9_in
    c = [fw["C9"], fw["C10"], fw["C11"]]
    o12 = p["w9_12"] * c[0] + p["w10_12"] * c[1] + p["w11_12"] * c[2] + p["b12"]
    assert fw["O12"] == o12
    assert abs(fw["O12"] - REF["single"]["rows"][0]["o12"]) <= TOL


def test_backward_is_the_chapters_formulas():
    net = Network()
    p = net.get_params()
    x, y = [0.1, 0.2, 0.3, 0.4, 0.5], 0.1
    b = net.backward(x, y)
    fw = b["forward"]
    d12 = fw["O12"] - y
    assert b["delta"]["O12"] == d12
    for j, c in enumerate(["C9", "C10", "C11"]):
        lam = p[f"w{9 + j}_12"]
        assert b["delta"][c] == pytest.approx(fw[c] * (1 - fw[c]) * lam * d12, rel=1e-15)
        assert b["grad"][f"w{9 + j}_12"] == fw[c] * d12
    d = [b["delta"][c] for c in ("C9", "C10", "C11")]
    assert b["grad"]["K6"] == pytest.approx(x[0] * d[0] + x[1] * d[1] + x[2] * d[2], rel=1e-15)
    assert b["grad"]["K8"] == pytest.approx(x[2] * d[0] + x[3] * d[1] + x[4] * d[2], rel=1e-15)
    assert b["grad"]["b_conv"] == pytest.approx(sum(d), rel=1e-15)
    assert b["grad"]["b12"] == d12
    # weight sharing, term by term: ∂P/∂K7 = I2·δ9 + I3·δ10 + I4·δ11
    terms = b["terms"]["K7"]
    assert [t[0] for t in terms] == ["I2", "I3", "I4"]
    assert [t[2] for t in terms] == ["C9", "C10", "C11"]
    assert sum(t[4] for t in terms) == pytest.approx(b["grad"]["K7"], rel=1e-15)
