"""Can Qt open a window on this Linux desktop? Checked before the window starts (``make run``).

A fresh Debian or Ubuntu desktop lacks some of the X11 libraries Qt's ``xcb`` platform plugin
links (seen: ``libxcb-icccm4`` and ``libxcb-keysyms1``), and Qt then aborts with a message that
names only ``libxcb-cursor0`` — even when that one is installed. This module asks the dynamic
linker (``ldd``) which libraries of PySide6's ``libqxcb.so`` are ``not found`` and prints the one
``apt-get`` / ``dnf`` command that installs them. Qt-free on purpose: it must run where Qt
cannot load, and it finds PySide6 without importing it.

    python -m gui.window.system_check             exit 1, with the command, if something is missing
    python -m gui.window.system_check --verbose   also what was checked, and the optional CJK font

The same table is in docs/install.md for people installing by hand.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

# library (as ldd names it) -> (Debian/Ubuntu package, Fedora package)
LIBRARY_PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb-dri3.so.0": ("libxcb-dri3-0", "libxcb"),
    "libxcb-present.so.0": ("libxcb-present0", "libxcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libXau.so.6": ("libxau6", "libXau"),
    "libXdmcp.so.6": ("libxdmcp6", "libXdmcp"),
    "libXext.so.6": ("libxext6", "libXext"),
    "libXrender.so.1": ("libxrender1", "libXrender"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libGLdispatch.so.0": ("libglvnd0", "libglvnd"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libpng16.so.16": ("libpng16-16", "libpng"),
    "libexpat.so.1": ("libexpat1", "expat"),
    "libbrotlidec.so.1": ("libbrotli1", "libbrotli"),
    "libbrotlicommon.so.1": ("libbrotli1", "libbrotli"),
    "libzstd.so.1": ("libzstd1", "libzstd"),
    "libz.so.1": ("zlib1g", "zlib"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
    "libwayland-egl.so.1": ("libwayland-egl1", "libwayland-egl"),
}
CJK_FONT_PACKAGES = ("fonts-noto-cjk", "google-noto-sans-cjk-fonts")  # Debian/Ubuntu, Fedora
FAMILIES = ("debian", "fedora")
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")
QUIET_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}


def parse_ldd(text: str) -> list[str]:
    """The libraries ``ldd`` reports as ``not found``, each once, in the order it names them."""
    missing: list[str] = []
    for line in text.splitlines():
        m = _NOT_FOUND.match(line)
        if m and m.group(1) not in missing:
            missing.append(m.group(1))
    return missing


def packages_for(libraries: Iterable[str], family: str) -> tuple[list[str], list[str]]:
    """(packages that provide ``libraries`` on ``family``, each once; libraries not in the table)."""
    column = FAMILIES.index(family)
    packages: list[str] = []
    unknown: list[str] = []
    for lib in libraries:
        if lib in LIBRARY_PACKAGES:
            pkg = LIBRARY_PACKAGES[lib][column]
            if pkg not in packages:
                packages.append(pkg)
        elif lib not in unknown:
            unknown.append(lib)
    return packages, unknown


def install_command(packages: Sequence[str], family: str, root: bool = False) -> str:
    """The one command that installs ``packages`` (``sudo`` unless already root)."""
    tool = "apt-get install" if family == "debian" else "dnf install"
    return f"{'' if root else 'sudo '}{tool} {' '.join(packages)}"


def distro_family(os_release: str) -> str | None:
    """"debian" (Debian, Ubuntu, Mint…), "fedora" (Fedora, RHEL, Rocky…) or None, from /etc/os-release."""
    fields = {}
    for line in os_release.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            fields[key.strip()] = value.strip().strip('"').lower()
    ids = [fields.get("ID", ""), *fields.get("ID_LIKE", "").split()]
    if any(i in ("debian", "ubuntu") for i in ids):
        return "debian"
    if any(i in ("fedora", "rhel", "centos") for i in ids):
        return "fedora"
    return None


def qt_plugin(name: str) -> Path | None:
    """PySide6's platform plugin ``libq{name}.so`` in this Python's PySide6, found without importing Qt."""
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / f"libq{name}.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(plugin: Path, ldd: str = "ldd") -> list[str]:
    """The shared libraries ``plugin`` needs that the dynamic linker cannot find."""
    result = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, check=False)
    return parse_ldd(result.stdout + result.stderr)


def has_cjk_font(fc_list: str | None = None) -> bool | None:
    """True if fontconfig knows a Chinese font, None if that cannot be asked (no fc-list)."""
    fc_list = fc_list or shutil.which("fc-list")
    if not fc_list:
        return None
    out = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return bool(out.stdout.strip())


def report(missing: Sequence[str], family: str | None, root: bool) -> list[str]:
    """The lines to print for ``missing`` libraries of the xcb plugin (empty when none is missing)."""
    if not missing:
        return []
    lines = [f"Qt cannot open a window yet: its X11 platform plugin needs {', '.join(missing)}, "
             "which this system does not have. Install them with"]
    for fam in ([family] if family else FAMILIES):
        packages, unknown = packages_for(missing, fam)
        label = "" if family else (" (Debian/Ubuntu)" if fam == "debian" else " (Fedora)")
        if packages:
            lines.append(f"    {install_command(packages, fam, root)}{label}")
    _, unknown = packages_for(missing, family or "debian")
    for lib in unknown:
        lines.append(f"    and the package that provides {lib} (apt-file search {lib} / dnf provides "
                     f"'*/{lib}')")
    lines.append("then run `make run` again.")
    return lines


def _chinese_locale(env: dict[str, str]) -> bool:
    return any(env.get(k, "").lower().startswith("zh") for k in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"))


def check(env: dict[str, str] | None = None, *, ldd: str = "ldd", os_release: str | None = None,
          platform: str = sys.platform, verbose: bool = False, root: bool | None = None,
          xcb_plugin: Path | None = None, fc_list: str | None = None) -> tuple[int, list[str]]:
    """(exit status, lines to print): 1 when the window cannot open here, with what to do about it.

    Arguments other than ``env`` are for tests (a fake ``ldd``, another distribution, …).
    """
    env = dict(os.environ if env is None else env)
    lines: list[str] = []
    if not platform.startswith("linux"):
        return 0, (["Not Linux: nothing to check."] if verbose else [])
    wanted = env.get("QT_QPA_PLATFORM", "").split(":")[0].lower()
    if wanted in QUIET_PLATFORMS:
        return 0, ([f"QT_QPA_PLATFORM={wanted}: no display libraries needed."] if verbose else [])
    xcb = xcb_plugin or qt_plugin("xcb")
    if xcb is None or not xcb.is_file():
        return 1, ["PySide6 is not installed in this Python: run `make run` (or `pip install -e .`)."]
    if shutil.which(ldd) is None and not Path(ldd).is_file():
        return 0, (["No ldd here: the libraries cannot be checked."] if verbose else [])
    if os_release is None:
        try:
            os_release = Path("/etc/os-release").read_text(encoding="utf-8")
        except OSError:
            os_release = ""
    family = distro_family(os_release)
    root = (os.geteuid() == 0) if root is None else root
    missing = missing_libraries(xcb, ldd)
    lines += report(missing, family, root)
    status = 1 if missing else 0
    if verbose and not missing:
        lines.append(f"Qt's X11 platform plugin finds every library it needs ({xcb}).")
    if env.get("WAYLAND_DISPLAY"):
        wayland = xcb.with_name("libqwayland.so")
        gone = missing_libraries(wayland, ldd) if wayland.is_file() else []
        if gone:
            lines.append(f"(Wayland: Qt's Wayland plugin lacks {', '.join(gone)}; the window opens "
                         "through XWayland instead.)")
    if not status and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        lines.append("No display here (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open. "
                     "Without one: `.venv/bin/python main.py --screenshot window.png`.")
        status = 1
    if verbose or _chinese_locale(env):
        font = has_cjk_font(fc_list)
        if font is False:
            pkg = CJK_FONT_PACKAGES[1] if family == "fedora" else CJK_FONT_PACKAGES[0]
            tool = "dnf install" if family == "fedora" else "apt-get install"
            lines.append(f"Optional: no Chinese font found; the 简体中文 interface needs one: "
                         f"{'' if root else 'sudo '}{tool} {pkg}")
    return status, lines


def main(argv: list[str] | None = None) -> int:
    """Print what is missing (to stderr) and return 1, or return 0 in silence when all is there."""
    p = argparse.ArgumentParser(prog="python -m gui.window.system_check", description=__doc__.split("\n")[0])
    p.add_argument("--verbose", action="store_true", help="say what was checked, and the optional font")
    args = p.parse_args(argv)
    status, lines = check(verbose=args.verbose)
    for line in lines:
        print(line, file=sys.stderr if status else sys.stdout)
    return status


if __name__ == "__main__":
    sys.exit(main())
