# Etalase: `make run` serves the demo, `make test` runs every test. Both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test lint install translations db chromium axe clean messages

$(BIN)/python:
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv; }
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

translations: install
	$(BIN)/pybabel compile -d translations

db: install translations
	$(BIN)/flask db upgrade
	ETALASE_DEMO=1 $(BIN)/flask seed-demo

run: db
	@echo ""
	@echo "Etalase berjalan di http://127.0.0.1:5000  (Ctrl+C untuk berhenti)"
	ETALASE_DEMO=1 $(BIN)/flask run --host 127.0.0.1 --port 5000

chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium; }

# axe-core (accessibility checks in tests/browser) comes from the npm registry, pinned in package-lock.json;
# reinstalled when the lock file changes. Node and npm come from Debian when missing.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y nodejs npm; }
	npm ci --no-audit --no-fund
	touch $@

axe: node_modules/axe-core/axe.min.js

test: install translations chromium node_modules/axe-core/axe.min.js
	$(BIN)/python tools/run_tests.py

# The static checks alone (`make test` runs them first): the layers as import-linter contracts, and ruff.
lint: install
	$(BIN)/python tools/run_tests.py --checks-only

clean:
	rm -rf $(VENV) instance .pytest_cache test-results node_modules

# Babel skips folders starting with "_" unless told otherwise: templates/_macros holds strings too.
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location \
		--sort-output --project Etalase --ignore-dirs '.* __pycache__' .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --width 100 --ignore-obsolete
