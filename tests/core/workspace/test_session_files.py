"""One workspace file for both tabs (core.workspace.session): the 1D trainer and the image CNN side by
side, each resuming bit for bit; every older file still opens; a hostile CNN section is refused in
one sentence naming the file, before anything is built, whatever the 1D part holds."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import Network, Trainer, chapter_dataset
from core.image_cnn import ImageCNN, ImageTrainer, digits, train_val_split
from core.workspace import WorkspaceError, load_workspace, save_workspace
from core.workspace.image_cnn import image_cnn_section, load_image_cnn_workspace, save_image_cnn_workspace
from core.workspace.session import load_session, save_session

LAYERS = ["conv:3:3:1:1", "relu", "maxpool:2", "dense:10"]


def _cnn(seed=0):
    X, y = digits()
    X_tr, y_tr, X_val, y_val = train_val_split(X[:160], y[:160])
    return ImageTrainer(ImageCNN((8, 8), LAYERS, seed=seed), X_tr, y_tr, X_val, y_val, lr=0.01, seed=seed)


def _chapter():
    t = Trainer(Network(), *chapter_dataset())
    t.run(7)
    return t


def _rewrite(path, out, change=None, arrays=None):
    """Copy a workspace with its manifest changed and arrays replaced (a forged or damaged file)."""
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["workspace.json"])
    if change is not None:
        change(manifest)
    members["workspace.json"] = json.dumps(manifest).encode()
    for name, arr in (arrays or {}).items():
        buf = io.BytesIO()
        np.lib.format.write_array(buf, arr, version=(1, 0))
        members[f"arrays/{name}.npy"] = buf.getvalue()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    out.write_bytes(buf.getvalue())
    return out


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    path = tmp_path_factory.mktemp("both") / "both.cnnviz"
    cnn = _cnn()
    cnn.run(2)
    cnn.step_batches(1)  # mid-epoch: the sample order is saved too
    canvas = np.zeros((32, 32), dtype=bool)
    canvas[4:28, 15:18] = True
    save_session(path, _chapter(), {"experiment": "2"}, {"image": None},
                 image_cnn_section(cnn, {"source": "digits", "view": {"image": ["validation", 4]}},
                                   canvas=canvas))
    return path


def test_both_tabs_resume_bit_for_bit_from_one_file(both):
    s = load_session(both)
    ws, cnn = s.workspace, s.image_cnn
    assert ws.trainer.epoch == 7 and ws.experiment == {"experiment": "2"}
    assert (cnn.trainer.epoch, cnn.trainer.batch) == (2, 1)
    assert cnn.extra["view"] == {"image": ["validation", 4]}
    assert cnn.canvas.dtype == bool and cnn.canvas[10, 16] and cnn.canvas.sum() == 24 * 3
    straight, one = _cnn(), _chapter()
    straight.run(4)
    one.run(3)
    cnn.trainer.run(2)  # finishing the partly stepped epoch counts as the first
    ws.trainer.run(3)
    assert np.array_equal(cnn.trainer.model.theta, straight.model.theta)
    assert np.array_equal(cnn.trainer.history["val_acc"], straight.history["val_acc"])
    assert np.array_equal(ws.trainer.net.theta, one.net.theta)


def test_each_tabs_own_loader_and_every_older_file_still_open(both, tmp_path):
    assert load_workspace(both).trainer.epoch == 7  # the command line's train --workspace
    assert load_image_cnn_workspace(both).trainer.epoch == 2  # and train-cnn --workspace
    old = tmp_path / "old.cnnviz"
    save_workspace(old, _chapter())
    s = load_session(old)
    assert s.workspace.trainer.epoch == 7 and s.image_cnn is None
    cnn_only = tmp_path / "cnn.cnnviz"
    save_image_cnn_workspace(cnn_only, _cnn())
    s = load_session(cnn_only)
    assert s.workspace is None and s.image_cnn.trainer.epoch == 0 and s.image_cnn.canvas is None


def test_a_save_leaves_no_temporary_file_and_no_cnn_means_the_old_format(tmp_path):
    p = tmp_path / "w.cnnviz"
    save_session(p, _chapter())
    with zipfile.ZipFile(p) as zf:
        assert not any(n.startswith("arrays/cnn_") for n in zf.namelist())
    save_session(p, _chapter(), cnn=image_cnn_section(_cnn()))
    assert sorted(x.name for x in tmp_path.iterdir()) == ["w.cnnviz"]


def _set(*keys, value):
    def change(m):
        d = m
        for k in keys[:-1]:
            d = d[k]
        d[keys[-1]] = value
    return change


HOSTILE = {
    "a lying shape": (_set("arrays", "cnn_theta", "shape", value=[7]), None, "cnn_theta"),
    "a huge declared array": (_set("arrays", "cnn_X", "shape", value=[10**7, 8, 8, 1]), None, "bytes"),
    "a huge network": (_set("image_cnn", "architecture", "input_shape", value=[4096, 4096, 1]), None,
                       "cannot be built"),
    "a wrong type": (_set("image_cnn", "state", "epoch", value="2"), None, "image_cnn.state.epoch"),
    "a bool for a number": (_set("image_cnn", "settings", "batch_size", value=True), None, "batch_size"),
    "NaN in the parameters": (None, {"cnn_theta": "nan"}, "not finite"),
    "a drawing of the wrong size": (_set("arrays", "cnn_canvas", "shape", value=[9, 9]), None, "cnn_canvas"),
    "a drawing that is not on/off": (None, {"cnn_canvas": "twos"}, "cnn_canvas"),
    "a section that is not an object": (_set("image_cnn", value=[1, 2]), None, "image_cnn"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_cnn_section_is_refused_in_one_sentence(both, tmp_path, case):
    change, arrays, words = HOSTILE[case]
    good = load_session(both).image_cnn
    values = {"nan": np.full_like(good.trainer.model.theta, np.nan),
              "twos": np.full((32, 32), 2, dtype=np.int64)}
    bad = _rewrite(both, tmp_path / "bad.cnnviz", change,
                   {k: values[v] for k, v in (arrays or {}).items()})
    with pytest.raises(WorkspaceError) as err:
        load_session(bad)
    text = str(err.value)
    assert text.startswith(str(bad)) and words in text and "\n" not in text, text


def test_a_network_too_big_to_train_is_refused_before_it_is_built(tmp_path):
    """Few, small images but an enormous layer: refused from the manifest's numbers alone."""
    X = np.zeros((2, 256, 256, 1))
    t = ImageTrainer(ImageCNN((256, 256, 1), ["conv:64:3:1:1", "relu", "maxpool:8", "dense:2"]),
                     X, np.array([0, 1]), batch_size=2)
    path = tmp_path / "big.cnnviz"
    save_image_cnn_workspace(path, t)
    big = _rewrite(path, tmp_path / "bigger.cnnviz", _set("image_cnn", "architecture", "layers",
                                                          value=["conv:64:3:1:1", "relu", "conv:64:9:1:4",
                                                                 "relu", "maxpool:8", "dense:2"]))
    with pytest.raises(WorkspaceError, match="GB of memory"):
        load_session(big)


@settings(max_examples=40, deadline=None)
@given(where=st.sampled_from([("state", "batch"), ("state", "correct"), ("settings", "lr"),
                              ("settings", "optimizer"), ("architecture", "seed"), ("state", "rng"),
                              ("class_names",), ("kind",), ("architecture", "layers")]),
       value=st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.text(max_size=5),
                       st.lists(st.integers(), max_size=3), st.floats(allow_nan=False)))
def test_any_wrong_value_in_the_section_is_refused_or_loads_cleanly(both, tmp_path_factory, where, value):
    bad = _rewrite(both, tmp_path_factory.mktemp("h") / "h.cnnviz", _set("image_cnn", *where, value=value))
    try:
        s = load_session(bad)
    except WorkspaceError as exc:
        assert str(exc).startswith(str(bad)) and "\n" not in str(exc)
        return
    assert s.image_cnn.trainer.epoch == 2  # a value that happens to be valid
