"""`make run`'s first step: a fresh desktop missing Qt's X11 libraries gets the one install command.

The check reads ``ldd``'s answer; these tests hand it made-up answers (a fake ``ldd`` script)
so they mean the same on a machine with every library and on one missing some.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from gui.window import system_check as sc

ROOT = Path(__file__).resolve().parents[2]
DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'
UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n'
FEDORA = 'NAME="Fedora Linux"\nID=fedora\n'
ROCKY = 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\n'
ARCH = 'NAME="Arch Linux"\nID=arch\n'
LIBS = sorted(sc.LIBRARY_PACKAGES)


def ldd_text(found: list[str], missing: list[str]) -> str:
    lines = ["\tlinux-vdso.so.1 (0x00007ffd)"]
    lines += [f"\t{lib} => /lib/x86_64-linux-gnu/{lib} (0x00007f00)" for lib in found]
    lines += [f"\t{lib} => not found" for lib in missing]
    return "\n".join(lines) + "\n"


def fake_ldd(tmp_path: Path, text: str) -> str:
    out = tmp_path / "ldd-answer.txt"
    out.write_text(text)
    script = tmp_path / "ldd"
    script.write_text(f"#!/bin/sh\ncat '{out}'\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def fake_plugin(tmp_path: Path) -> Path:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"\x7fELF")
    return plugin


@given(st.lists(st.sampled_from(LIBS), unique=True), st.lists(st.sampled_from(LIBS), unique=True))
def test_ldd_not_found_lines_are_what_is_missing(found, missing):
    found = [f for f in found if f not in missing]
    # ldd repeats a missing library once per library that needs it
    text = ldd_text(found, missing) + "".join(f"\t{m} => not found\n" for m in missing)
    assert sc.parse_ldd(text) == missing


@given(st.lists(st.sampled_from(LIBS), min_size=1, unique=True), st.sampled_from(sc.FAMILIES))
def test_every_missing_library_gets_its_package_once(missing, family):
    packages, unknown = sc.packages_for(missing, family)
    column = sc.FAMILIES.index(family)
    assert unknown == []
    assert set(packages) == {sc.LIBRARY_PACKAGES[lib][column] for lib in missing}
    assert len(packages) == len(set(packages))


def test_the_issue_s_debian_12_desktop_gets_the_two_packages_it_lacked(tmp_path):
    text = ldd_text(["libxcb-cursor.so.0", "libxcb.so.1"], ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    status, lines = sc.check({"DISPLAY": ":0"}, ldd=fake_ldd(tmp_path, text), os_release=DEBIAN,
                             platform="linux", root=False, xcb_plugin=fake_plugin(tmp_path))
    assert status == 1
    assert "    sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in lines
    assert not any("dnf" in line for line in lines)
    assert "libxcb-cursor0" not in "\n".join(lines)  # installed: not asked for again (Qt's message names it)


def test_fedora_and_its_relatives_get_dnf_with_fedora_names(tmp_path):
    text = ldd_text([], ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"])
    for release in (FEDORA, ROCKY):
        status, lines = sc.check({"DISPLAY": ":0"}, ldd=fake_ldd(tmp_path, text), os_release=release,
                                 platform="linux", root=False, xcb_plugin=fake_plugin(tmp_path))
        assert status == 1
        assert "    sudo dnf install xcb-util-wm xcb-util-keysyms xcb-util-cursor" in lines


def test_an_unknown_distribution_gets_both_commands_and_root_needs_no_sudo(tmp_path):
    text = ldd_text([], ["libxcb-icccm.so.4"])
    status, lines = sc.check({"DISPLAY": ":0"}, ldd=fake_ldd(tmp_path, text), os_release=ARCH,
                             platform="linux", root=True, xcb_plugin=fake_plugin(tmp_path))
    assert status == 1
    assert "    apt-get install libxcb-icccm4 (Debian/Ubuntu)" in lines
    assert "    dnf install xcb-util-wm (Fedora)" in lines


def test_a_library_not_in_the_table_is_named_with_how_to_find_its_package(tmp_path):
    text = ldd_text([], ["libxcb-new-thing.so.7"])
    _, lines = sc.check({"DISPLAY": ":0"}, ldd=fake_ldd(tmp_path, text), os_release=UBUNTU,
                        platform="linux", root=False, xcb_plugin=fake_plugin(tmp_path))
    assert any("libxcb-new-thing.so.7" in line and "apt-file search" in line for line in lines)


def test_all_libraries_present_is_silent_and_lets_the_window_start(tmp_path):
    text = ldd_text(LIBS, [])
    status, lines = sc.check({"DISPLAY": ":0"}, ldd=fake_ldd(tmp_path, text), os_release=DEBIAN,
                             platform="linux", root=False, xcb_plugin=fake_plugin(tmp_path))
    assert (status, lines) == (0, [])


def test_no_display_says_so_instead_of_qt_aborting(tmp_path):
    status, lines = sc.check({}, ldd=fake_ldd(tmp_path, ldd_text(LIBS, [])), os_release=DEBIAN,
                             platform="linux", root=False, xcb_plugin=fake_plugin(tmp_path))
    assert status == 1 and "No display" in lines[0] and "--screenshot" in lines[0]


def test_offscreen_and_other_systems_are_not_checked(tmp_path):
    missing = fake_ldd(tmp_path, ldd_text([], ["libxcb-icccm.so.4"]))
    plugin = fake_plugin(tmp_path)
    offscreen = {"QT_QPA_PLATFORM": "offscreen"}
    assert sc.check(offscreen, ldd=missing, platform="linux", xcb_plugin=plugin) == (0, [])
    assert sc.check({"DISPLAY": ":0"}, ldd=missing, platform="darwin", xcb_plugin=plugin) == (0, [])


def test_the_chinese_font_is_mentioned_only_as_optional_and_only_when_asked(tmp_path):
    no_fonts = tmp_path / "fc-list"
    no_fonts.write_text("#!/bin/sh\nexit 0\n")
    no_fonts.chmod(0o755)
    common = dict(ldd=fake_ldd(tmp_path, ldd_text(LIBS, [])), platform="linux", root=False,
                  xcb_plugin=fake_plugin(tmp_path), fc_list=str(no_fonts))
    status, lines = sc.check({"DISPLAY": ":0", "LANG": "zh_CN.UTF-8"}, os_release=FEDORA, **common)
    assert status == 0  # a missing font never stops the app
    assert lines == ["Optional: no Chinese font found; the 简体中文 interface needs one: "
                     "sudo dnf install google-noto-sans-cjk-fonts"]
    _, lines = sc.check({"DISPLAY": ":0", "LANG": "en_GB.UTF-8"}, os_release=DEBIAN, **common)
    assert lines == []
    _, lines = sc.check({"DISPLAY": ":0"}, os_release=DEBIAN, verbose=True, **common)
    assert lines[-1].endswith("sudo apt-get install fonts-noto-cjk")


def test_distribution_families():
    assert [sc.distro_family(r) for r in (DEBIAN, UBUNTU, FEDORA, ROCKY, ARCH, "")] == [
        "debian", "debian", "fedora", "fedora", None, None]


def test_the_real_check_agrees_with_ldd_on_this_machine():
    """Whatever this machine has: the command names exactly the libraries ldd cannot find."""
    plugin = sc.qt_plugin("xcb")
    assert plugin is not None and plugin.name == "libqxcb.so"
    ldd = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False).stdout
    missing = sc.parse_ldd(ldd)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"} | {"DISPLAY": ":0"}
    r = subprocess.run([sys.executable, "-m", "gui.window.system_check"], cwd=ROOT, env=env,
                       capture_output=True, text=True, check=False)
    assert r.returncode == (1 if missing else 0), r.stderr
    for lib in missing:
        assert lib in r.stderr
    # the check itself never imports Qt (it must run where Qt cannot load)
    code = ("import sys, gui.window.system_check as s; s.qt_plugin('xcb');"
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    probe = subprocess.run([sys.executable, "-c", code],
                           cwd=ROOT, capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "False"
