# The two commands of the README: `make run` (site with demo data on SQLite) and `make test` (whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev,s3]"
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_data
	$(BIN)/python manage.py demo_accounts --address http://$(HOST):$(PORT)/
	@# The worker (queued e-mails, periodic jobs) runs beside the dev server and stops with it.
	$(BIN)/python manage.py run_worker & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	bash scripts/run-tests

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Interface strings: update locale/*/django.po from the code, translate them, then compile (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages -l en -l ar --ignore=.venv --ignore=var --ignore=tests --ignore=benchmarks --ignore=scripts --add-location=file --no-obsolete
	-$(BIN)/python scripts/po_pending.py apply
	$(BIN)/python scripts/po_pending.py french-plurals
	$(BIN)/python manage.py compilemessages --ignore=.venv
