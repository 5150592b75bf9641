# Etalase: `make run` serves the demo, `make test` runs every test. Both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test install translations db chromium clean messages

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

test: install translations chromium
	$(BIN)/python tools/run_tests.py

clean:
	rm -rf $(VENV) instance .pytest_cache test-results

# Babel skips folders starting with "_" unless told otherwise: templates/_macros holds strings too.
messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location \
		--sort-output --project Etalase --ignore-dirs '.* __pycache__' .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --width 100
