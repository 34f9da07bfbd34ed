"""The lab's worker and pipeline: discrete changes at once, typing waits, stale jobs stop, closing
mid-filter exits cleanly, memory is estimated before filtering, work is reused, results never lie."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gui.image_lab.image_io import LoadedImage
from gui.image_lab.lab import ImageLab
from gui.image_lab.pipeline import (
    Buffers,
    Cancelled,
    PipelineSettings,
    check_memory,
    estimate_bytes,
    run_pipeline,
)

pytestmark = pytest.mark.timeout(60)
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def lab(qtbot):
    w = ImageLab()
    w.show_dialogs = False
    qtbot.addWidget(w)
    w.show()
    assert w.wait_idle()
    yield w
    w.shutdown()


def test_an_arrow_click_filters_at_once_and_typing_waits(lab, qtbot):
    worker = lab._worker
    with qtbot.waitSignal(lab.resultShown, timeout=5000):
        lab.controls.bias.stepBy(1)  # one click on the spin box's arrow
        assert not worker._debounce.isActive()  # started at once: no waiting
    assert lab.result.settings.bias == pytest.approx(0.1)
    lab.controls.padding.setFocus()
    lab.controls.padding.selectAll()
    QTest.keyClicks(lab.controls.padding, "2")  # typing: the value may still change
    assert worker._debounce.isActive()
    assert lab.wait_idle()
    assert lab.result.settings.padding == 2
    with qtbot.waitSignal(lab.resultShown, timeout=5000):
        lab.controls.pool_group.setChecked(True)  # a tick: at once
        assert not worker._debounce.isActive()
    lab.controls.custom_edit.setPlainText("1 2")  # typing a kernel waits for the next key
    assert worker._debounce.isActive()


def test_a_slow_stale_job_is_cancelled_between_bands(lab, qtbot):
    img = np.random.default_rng(0).random((1500, 1500), dtype=np.float32)
    lab.set_loaded(LoadedImage(img, Path("big.png"), img.shape, False, ""))
    assert lab.wait_idle(20000)
    lab.set_settings(lab.settings().with_(kernels=("random",), kernel_size=15, padding=7))
    lab._worker.last_job_ms = 10_000  # as if jobs were slow
    with qtbot.waitSignal(lab.resultShown, timeout=20000) as shown:
        lab.controls.bias.stepBy(1)  # a newer request: the running job stops early
    assert shown.args[0].settings.bias == pytest.approx(0.1)


def test_cancel_keeps_the_current_output(lab, qtbot):
    before = lab.result
    lab.set_settings(lab.settings().with_(kernels=("gaussian",), kernel_size=9))
    lab.cancel_filtering()
    assert lab.wait_idle()
    assert lab.result is before and "Cancelled" in lab.status_label.text()


CLOSE_MID_FILTER = textwrap.dedent("""
    import sys
    import numpy as np
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from gui.image_lab.image_io import LoadedImage
    from gui.image_lab.lab import ImageLab
    lab = ImageLab(load_default=False)
    lab.show()
    img = np.random.default_rng(0).random((2500, 2500), dtype=np.float32)
    lab.set_settings(lab.settings().with_(kernels=("random", "box", "gaussian"), kernel_size=13, padding=6))
    state = []

    def close_now(busy):
        if busy:  # the job has run for a while: close the window in the middle of it
            state.append("closed while busy")
            lab.close()
            app.quit()

    lab._worker.busyChanged.connect(close_now)
    lab.set_loaded(LoadedImage(img, Path("big.png"), img.shape, False, ""))
    QTimer.singleShot(30000, app.quit)
    app.exec()
    print(state[0] if state else "never busy")
""")


@pytest.mark.timeout(180)
@pytest.mark.parametrize("run", range(3))
def test_closing_mid_filter_exits_cleanly(run):
    r = subprocess.run([sys.executable, "-c", CLOSE_MID_FILTER], cwd=ROOT, capture_output=True, text=True,
                       timeout=120, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr
    assert "closed while busy" in r.stdout
    noise = [line for line in r.stderr.splitlines() if "propagateSizeHints" not in line]
    assert noise == [], noise  # no "QThread: Destroyed while thread is still running", no traceback


def test_memory_is_estimated_before_filtering_and_named():
    s = PipelineSettings(kernels=("sobel-x", "sobel-y", "laplacian"), pool_op="max", depth_pool_op="max")
    shape = (8192, 8192, 3)
    stages = estimate_bytes(shape, s, 3, 3)
    assert stages == 3 * 8192**2 * 4 + 3 * 4096**2 * 4 + 4096**2 * 4 + 32 * 2**20
    small = np.zeros((64, 64), np.float32)
    refusal = r"3 kernels on this 64×64 image would need about \d+ MB.*limit of 1 MB"
    with pytest.raises(ValueError, match=refusal):
        check_memory(small, s, 3, 3, limit=2**20)
    assert check_memory(small, s, 3, 3) < 40 * 2**20


def test_changing_only_the_pooling_reuses_the_conv_stage():
    img = np.random.default_rng(1).random((64, 80), dtype=np.float32)
    s = PipelineSettings(kernels=("sobel-x", "laplacian"))
    first = run_pipeline(img, s)
    pooled = run_pipeline(img, s.with_(pool_op="avg"), previous=first)
    assert pooled.stages["conv"] is first.stages["conv"]
    again = run_pipeline(img, s.with_(bias=0.5), previous=pooled)
    assert again.stages["conv"] is not first.stages["conv"]
    np.testing.assert_allclose(again.stages["conv"], first.stages["conv"] + 0.5, atol=1e-6)


def test_a_job_stops_when_asked_between_bands():
    img = np.ones((300, 300), np.float32)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        run_pipeline(img, PipelineSettings(kernels=("box",), pool_op="max"), cancel=cancel)


def test_buffers_are_reused_only_when_no_result_holds_them():
    img = np.random.default_rng(2).random((40, 40), dtype=np.float32)
    s = PipelineSettings(kernels=("sobel-x",))
    buffers = Buffers()
    a = run_pipeline(img, s, buffers=buffers)
    kept = a.stages["conv"].copy()
    b = run_pipeline(img, s.with_(bias=1.0), buffers=buffers)
    assert not np.shares_memory(a.stages["conv"], b.stages["conv"])
    np.testing.assert_array_equal(a.stages["conv"], kept)  # a result still held is never overwritten
    base = id(b.stages["conv"].base)
    del b
    c = run_pipeline(img, s.with_(bias=2.0), buffers=buffers)
    assert id(c.stages["conv"].base) == base  # freed: its memory serves the next result


def test_weights_that_overflow_are_refused_not_drawn_as_infinity():
    img = np.ones((20, 20), np.float32)
    with pytest.raises(ValueError, match="overflow float32"):
        huge = PipelineSettings(kernels=("custom",), custom_text="3e38 3e38; 3e38 3e38", padding=0)
        run_pipeline(img, huge)


def test_the_pipeline_matches_the_definition_with_an_activation_applied_in_place():
    img = np.random.default_rng(3).random((30, 40, 3), dtype=np.float32)
    s = PipelineSettings(kernels=("sobel-x", "random"), activation="relu", bias=-0.2, padding=1)
    r = run_pipeline(img, s)
    assert r.pre_activation is None  # replaced in place: no second copy of the conv stage
    from core.image_ops.conv2d import conv2d, stack_kernels

    z = conv2d(img, stack_kernels([k.weights for k in r.kernels], 3), bias=-0.2, padding=1)
    np.testing.assert_allclose(r.stages["conv"], np.maximum(z, 0), atol=1e-6)


def test_typing_a_digit_is_debounced_with_keyboard_focus(lab, qtbot):
    spin = lab.controls.stride
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_Up)  # the arrow key steps: a discrete change
    assert not lab._worker._debounce.isActive()
    assert lab.wait_idle()
    assert lab.result.settings.stride == 2
