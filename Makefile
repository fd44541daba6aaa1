# The two Quick start commands: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APP_STAMP := $(VENV)/.installed-app
PORT ?= 8501
DATASET ?= thanh-hoa-2017

.PHONY: run test test-fast lint bench setup setup-app system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# `make run` needs only the app's own dependencies; the tests and linters add theirs.
$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(APP_STAMP)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $(STAMP) $(APP_STAMP)

setup-app: $(APP_STAMP)

setup: $(STAMP)

run: setup-app
	$(BIN)/planner demo --dataset $(DATASET) --if-empty
	$(BIN)/python -m planner.demo.accounts --port $(PORT)
	$(BIN)/planner app --port $(PORT)

system-deps:
	bash scripts/system-deps.sh

test: setup system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# No browser, no PostgreSQL, no LibreOffice: the quick loop while editing.
test-fast: setup
	$(BIN)/python -m pytest -m "not browser and not postgres and not libreoffice" $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
