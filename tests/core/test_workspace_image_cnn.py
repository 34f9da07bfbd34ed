"""Image-CNN workspaces: a saved run resumes bit for bit, and a damaged or foreign file is refused
in one sentence naming the file, before anything is built."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.image_cnn import ImageCNN, ImageTrainer, digits, train_val_split
from core.workspace import WorkspaceError, save_workspace
from core.workspace.image_cnn import load_image_cnn_workspace, save_image_cnn_workspace

LAYERS = ["conv:3:3:1:1", "relu", "maxpool:2", "dense:10"]


def _data(n=160):
    X, y = digits()
    return train_val_split(X[:n], y[:n])


def _trainer(optimizer="adam", batch_size=32, layers=LAYERS, seed=0):
    X_tr, y_tr, X_val, y_val = _data()
    model = ImageCNN((8, 8), layers, seed=seed)
    return ImageTrainer(model, X_tr, y_tr, X_val, y_val, optimizer=optimizer, lr=0.01,
                        batch_size=batch_size, seed=seed)


def _same(a: ImageTrainer, b: ImageTrainer) -> None:
    assert np.array_equal(a.model.theta, b.model.theta)
    assert (a.epoch, a.batch) == (b.epoch, b.batch)
    for key in ("epoch", "train_loss", "train_acc", "val_loss", "val_acc"):
        assert np.array_equal(a.history[key], b.history[key], equal_nan=True), key
    assert np.array_equal(a.history.snapshot_epochs, b.history.snapshot_epochs)


def test_five_plus_five_epochs_resumed_from_a_file_equal_ten_straight(tmp_path):
    straight = _trainer()
    straight.run(10)
    first = _trainer()
    first.run(5)
    path = tmp_path / "run.cnnviz"
    save_image_cnn_workspace(path, first, {"data": "digits"})
    ws = load_image_cnn_workspace(path)
    assert ws.extra == {"data": "digits"} and ws.class_names == tuple(str(d) for d in range(10))
    ws.trainer.run(5)
    _same(ws.trainer, straight)
    kept, model = ws.trainer.model_at(3)
    assert kept == 3 and np.array_equal(model.theta, straight.model_at(3)[1].theta)


@settings(max_examples=12, deadline=None)  # whole training runs: their time is not the point
@given(optimizer=st.sampled_from(["gd", "momentum", "adam"]), batch_size=st.sampled_from([16, 50, 500]),
       before=st.integers(0, 12), after=st.integers(1, 12),
       layers=st.sampled_from([LAYERS, ["conv:2:3", "tanh", "avgpool:2", "dropout:0.2", "dense:10"]]))
def test_a_run_saved_at_any_batch_continues_exactly(tmp_path_factory, optimizer, batch_size, before, after,
                                                     layers):
    path = tmp_path_factory.mktemp("ws") / "mid.cnnviz"
    straight = _trainer(optimizer, batch_size, layers)
    straight.step_batches(before + after)
    first = _trainer(optimizer, batch_size, layers)
    first.step_batches(before)
    save_image_cnn_workspace(path, first)
    resumed = load_image_cnn_workspace(path).trainer
    resumed.step_batches(after)
    _same(resumed, straight)


def _rewrite(path, out, change_manifest=None, drop=None):
    """Copy a workspace with its manifest changed (a forged or damaged file)."""
    with zipfile.ZipFile(path) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["workspace.json"])
    if change_manifest is not None:
        change_manifest(manifest)
    members["workspace.json"] = json.dumps(manifest).encode()
    if drop:
        members.pop(drop)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    out.write_bytes(buf.getvalue())
    return out


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    path = tmp_path_factory.mktemp("saved") / "good.cnnviz"
    t = _trainer()
    t.run(2)
    t.step_batches(1)
    save_image_cnn_workspace(path, t)
    return path


def _set(*keys, value):
    def change(m):
        d = m
        for k in keys[:-1]:
            d = d[k]
        d[keys[-1]] = value
    return change


@pytest.mark.parametrize("change, words", [
    (_set("format", value="something-else"), "foreign format"),
    (_set("version", value=2), "version"),
    (_set("image_cnn", "architecture", "layers", value=["conv:4"]), "malformed"),
    (_set("image_cnn", "class_names", value=["a", "b"]), "names 2 classes"),
    (_set("image_cnn", "settings", "lr", value=-1), "image_cnn.settings.lr"),
    (_set("image_cnn", "state", "batch", value=999), "batches"),
    (_set("image_cnn", "state", "diverged", value="no"), "true or false"),
    (_set("image_cnn", "architecture", "input_shape", value=[9, 8, 1]), "training images"),
    (_set("arrays", "cnn_theta", "shape", value=[5]), "cnn_theta"),
    (lambda m: m.pop("image_cnn"), "no image CNN"),
])
def test_a_forged_file_is_refused_in_one_sentence_naming_it(saved, tmp_path, change, words):
    bad = _rewrite(saved, tmp_path / "bad.cnnviz", change)
    with pytest.raises(WorkspaceError) as err:
        load_image_cnn_workspace(bad)
    text = str(err.value)
    assert text.startswith(str(bad)) and words in text and "\n" not in text


def test_a_missing_array_and_a_non_finite_parameter_are_refused(saved, tmp_path):
    with pytest.raises(WorkspaceError, match="cnn_opt_m"):
        load_image_cnn_workspace(_rewrite(saved, tmp_path / "a.cnnviz", drop="arrays/cnn_opt_m.npy"))
    t = _trainer()
    t.model.theta[0] = np.nan
    with pytest.raises(WorkspaceError, match="cannot be saved.*cnn_theta.*not finite"):
        save_image_cnn_workspace(tmp_path / "nan.cnnviz", t)
    assert not (tmp_path / "nan.cnnviz").exists()


def test_a_1d_workspace_and_a_text_file_are_not_image_cnn_workspaces(tmp_path):
    from core import Network, Trainer, experiment1

    X, y = experiment1()
    chapter = tmp_path / "chapter.cnnviz"
    save_workspace(chapter, Trainer(Network(), X, y))
    with pytest.raises(WorkspaceError, match="no image CNN"):
        load_image_cnn_workspace(chapter)
    text = tmp_path / "notes.cnnviz"
    text.write_text("hello")
    with pytest.raises(WorkspaceError, match="not a ZIP"):
        load_image_cnn_workspace(text)


def test_saving_onto_a_folder_is_an_os_error_and_leaves_nothing(tmp_path):
    (tmp_path / "dir.cnnviz").mkdir()
    with pytest.raises(OSError):
        save_image_cnn_workspace(tmp_path / "dir.cnnviz", _trainer())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir.cnnviz"]
