# Two commands matter: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EXAMPLE := docs-repo-template

.PHONY: demo test golden bench lint typecheck check schemas docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

DEMO := build/demo

## demo: validate the example county, write its 2025 report (md, html, json) and publish its site, in build/demo/
demo: $(STAMP)
	$(BIN)/samverkan validate -C $(EXAMPLE)
	mkdir -p $(DEMO)
	for format in md html json; do \
	  $(BIN)/samverkan report -C $(EXAMPLE) --year 2025 --format $$format --out $(CURDIR)/$(DEMO)/rapport-2025.$$format --force || exit 1; \
	done
	$(BIN)/samverkan publish -C $(EXAMPLE) --out $(CURDIR)/$(DEMO)/webbplats
	@echo "Rapporterna finns i $(DEMO)/ och webbplatsen i $(DEMO)/webbplats/index.html."

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## golden: rewrite tests/golden/ from the current output (review the diff before committing)
golden: $(STAMP)
	$(BIN)/python -m pytest -q tests/cli/test_report_cli.py tests/cli/test_publish_cli.py tests/unit/test_findings_golden.py --update-golden

## bench: generate corpora of 100 to 20,000 documents and measure against the targets (minutes)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

check: test lint typecheck

## schemas / docs: regenerate checked-in output (tests fail when it is stale)
schemas: $(STAMP)
	$(BIN)/samverkan schema --out schemas

docs: $(STAMP)
	$(BIN)/python -m samverkan_cli.docs README.md

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
