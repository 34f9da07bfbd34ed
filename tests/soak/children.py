"""One close-while-busy run of the real window (started by tests/soak/close_while_busy.py).

    python tests/soak/children.py KIND SEED FOLDER [INPUT]

KIND is ``training`` (Play flat out, close 0.2–1.5 s after playing starts), ``lab`` (filter a
4096² image with a 21×21 kernel in the image lab, close 0.02–0.4 s later, while its worker is
busy) or ``save`` (open a workspace trained 100,000 epochs, train a little more, save onto the
same file and close at once). The window is built the way ``gui.window.app.run_gui`` builds
it (the app's QApplication, the event loop, ``shutdown`` on quit), with private settings. The
last stdout line is a JSON record of what was going on when the window closed; the driver
judges the exit status and stderr.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402

from gui.window.app import application  # noqa: E402

EXTRA_EPOCHS = (1, 500)  # the save run trains this many more epochs before saving (random)


def _window(folder: Path, load_image: bool = False):
    from gui.window.main_window import MainWindow

    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings=settings, restore=False, load_image=load_image)
    w.files.confirm_close = False  # the soak is about closing while busy, not the save question
    return w


def close_mid_training(w, rng: random.Random, note: dict, _input: str | None) -> None:
    worker = w.worker.worker

    def play() -> None:
        w.worker.set_epoch_limit(0)  # no limit: training must still run when the window closes
        w.actions_.play.setChecked(True)

    def close() -> None:
        note.update(epoch=worker.trainer.epoch if worker.trainer else None, busy=bool(worker.playing))
        w.close()

    delay = rng.uniform(0.2, 1.5)
    note["delay_s"] = round(delay, 3)

    def playing(on: bool) -> None:  # the clock starts once training really runs
        if on and "started" not in note:
            note["started"] = True
            QTimer.singleShot(int(delay * 1000), close)

    def never_played() -> None:
        if "started" not in note:
            note["error"] = "Play never started training"
            w.close()

    w.worker.playingChanged.connect(playing)
    QTimer.singleShot(0, play)
    QTimer.singleShot(20_000, never_played)


def close_mid_filter(w, rng: random.Random, note: dict, image: str | None) -> None:
    lab = w.image_lab
    w.tabs.setCurrentWidget(lab)

    def start() -> None:
        if not lab.load_file(image):
            note["error"] = lab.last_error
            w.close()
            return
        lab.set_settings(lab.settings().with_(kernels=("random",), kernel_size=21))
        delay = rng.uniform(0.02, 0.4)  # the filter takes ~0.5 s here (FFT path), plus its pictures
        note["delay_s"] = round(delay, 3)
        QTimer.singleShot(int(delay * 1000), close)

    def close() -> None:
        note.update(busy=not lab.is_idle(), filtered=lab.result is not None)
        w.close()

    QTimer.singleShot(0, start)


def close_mid_save(w, rng: random.Random, note: dict, workspace: str | None) -> None:
    files = w.files

    def opened(kind: str, _path: str, _info) -> None:
        if kind != "open":
            return
        extra = rng.randint(*EXTRA_EPOCHS)
        w.worker.run_epochs_now(extra)  # blocking: the trainer is now past the file's epoch
        note.update(extra=extra, epoch=w.worker.worker.trainer.epoch)
        files.save_to(workspace)  # queued to the worker …
        note["busy"] = True
        w.close()  # … and the window closes in the same breath

    w.worker.fileDone.connect(opened)
    w.worker.fileFailed.connect(lambda kind, message: (note.update(error=message), w.close()))
    QTimer.singleShot(0, lambda: files.open_file(workspace))


KINDS = {"training": close_mid_training, "lab": close_mid_filter, "save": close_mid_save}


def main(argv: list[str]) -> int:
    kind, seed, folder = argv[0], int(argv[1]), Path(argv[2])
    given = argv[3] if len(argv) > 3 else None
    rng = random.Random(seed)
    app = application(["soak"])
    w = _window(folder)
    note: dict = {"kind": kind, "seed": seed}
    app.aboutToQuit.connect(w.shutdown)
    w.resize(1366, 768)
    w.show()
    KINDS[kind](w, rng, note, given)
    status = app.exec()
    w.shutdown()
    print(json.dumps(note), flush=True)
    return int(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
