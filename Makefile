# Two commands matter: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EXAMPLE := docs-repo-template

.PHONY: demo test lint typecheck check schemas docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: validate the bundled example repository
demo: $(STAMP)
	$(BIN)/samverkan validate -C $(EXAMPLE)

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

check: test lint typecheck

## schemas / docs: regenerate checked-in output (tests fail when it is stale)
schemas: $(STAMP)
	$(BIN)/samverkan schema --out schemas

docs: $(STAMP)
	$(BIN)/python -m samverkan_cli.docs README.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
