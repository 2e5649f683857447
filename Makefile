# Goodword: `make run` starts the app on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The app alone for `make run`; the tools and test libraries on top for everything else.
APP := $(VENV)/.installed-app
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck fmt clean

$(APP): pyproject.toml
	@echo "Setting up Goodword in $(VENV) (the first time takes a minute or two)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(APP)

$(STAMP): $(APP)
	@echo "Installing the development tools (tests, linters, the browser driver)..."
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(APP)
	$(BIN)/goodword db upgrade
	$(BIN)/goodword serve

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
