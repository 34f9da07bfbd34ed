# Two commands do all set-up on a fresh machine: `make run` and `make test`.
# Both create .venv when it is absent and install the project (editable, with
# its test extra) into it; the stamp file re-installs only when pyproject changes.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test bench lint screenshots install-desktop clean translations

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# On Linux, first check that Qt's X11 platform plugin finds its libraries; if not, print the one
# apt-get/dnf command that installs them (gui/window/system_check.py) instead of Qt's abort.
run: $(STAMP)
	$(PY) -m gui.window.system_check
	$(PY) main.py

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest
	$(VENV)/bin/ruff check .

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

# Close the real window while it is busy, 30 runs each of mid-training, mid image-lab filter and
# mid workspace save, 2 at a time; every run must exit 0 with nothing alarming on stderr and the
# workspace must be the old one or the new one (tests/soak/close_while_busy.py; a few minutes).
.PHONY: soak
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tests/soak/close_while_busy.py --runs 30 --jobs 2

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# Every picture in the README, rendered from the app itself offscreen (the table in docs/screenshots.py).
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) docs/screenshots.py

# The 简体中文 interface (docs/translation.md): pyside6-lupdate gathers every self.tr / translate /
# QT_TRANSLATE_NOOP string of gui/ and every N_ (core/i18n.py) string of core/ into the .ts, keeping
# the translations made so far; pyside6-lrelease compiles the .qm the app loads (both committed;
# tests/gui/window/test_language.py fails when they lag behind the code).
TS_FILES := resources/translations/cnn_visualiser_zh_CN.ts
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -silent -locations none -no-obsolete \
	  -tr-function-alias QT_TRANSLATE_NOOP+=N_ $$(find core gui -name '*.py' | LC_ALL=C sort) -ts $(TS_FILES)
	for ts in $(TS_FILES); do $(VENV)/bin/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm; done

# The desktop entry and icon, for this user only (no root), where desktop environments look:
# $XDG_DATA_HOME (default ~/.local/share)/applications and …/icons/hicolor. Exec is this venv's
# command, or DESKTOP_EXEC=… given on the command line (e.g. a pipx install; then no venv is made).
APP_ID      := cnn-visualiser
DESKTOP_EXEC = $(abspath $(VENV))/bin/$(APP_ID)
ICON_SIZES  := 48 64 128 256
install-desktop: $(if $(filter command line,$(origin DESKTOP_EXEC)),,$(STAMP))
	@set -e; data="$${XDG_DATA_HOME:-$$HOME/.local/share}"; \
	apps="$$data/applications"; icons="$$data/icons/hicolor"; \
	mkdir -p "$$apps" "$$icons/scalable/apps"; \
	cp resources/icon.svg "$$icons/scalable/apps/$(APP_ID).svg"; \
	for n in $(ICON_SIZES); do mkdir -p "$$icons/$${n}x$${n}/apps"; \
	  cp resources/icons/$(APP_ID)-$$n.png "$$icons/$${n}x$${n}/apps/$(APP_ID).png"; done; \
	sed -e 's|^Exec=.*|Exec="$(DESKTOP_EXEC)"|' -e 's|^TryExec=.*|TryExec=$(DESKTOP_EXEC)|' \
	  resources/$(APP_ID).desktop > "$$apps/$(APP_ID).desktop"; \
	echo "installed $$apps/$(APP_ID).desktop and its icon in $$icons (Exec: $(DESKTOP_EXEC))"

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
