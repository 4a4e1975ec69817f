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
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf]'
	touch $(STAMP)

DEMO := build/demo
#: The day the demo is run as: its warnings are the ones described, whatever the date.
DEMO_TODAY := 2026-11-24
DEMO_REPO := $(DEMO)/lan
DEMO_GIT := git -C $(DEMO_REPO) -c user.name=Samordnaren -c user.email=samordnare@example.se

## demo: the example county as a git repository in build/demo/lan: validate it, write its 2025 and 2026 reports (md, html, json, pdf) and publish its site with a PDF of each document, in build/demo/
demo: $(STAMP)
	rm -rf $(DEMO_REPO) && mkdir -p $(DEMO)
	$(BIN)/samverkan init $(DEMO_REPO) --exempel > /dev/null
	@# Two commits dated 2025, so that the report's and the site's history show what they are for.
	@if command -v git > /dev/null 2>&1; then \
	  $(DEMO_GIT) init -q && $(DEMO_GIT) add -A && \
	  GIT_AUTHOR_DATE=2025-03-03T09:00:00 GIT_COMMITTER_DATE=2025-03-03T09:00:00 \
	    $(DEMO_GIT) commit -qm "Exempellänets styrdokument, grupper och möten" && \
	  printf '\nRutinen kompletterades med kontaktvägar till varje huvudman.\n' \
	    >> $(DEMO_REPO)/dokument/rutiner/RUT-0001-samordnad-individuell-plan.md && \
	  GIT_AUTHOR_DATE=2025-10-15T14:00:00 GIT_COMMITTER_DATE=2025-10-15T14:00:00 \
	    $(DEMO_GIT) commit -qam "Kompletterad rutin för SIP: kontaktvägar"; \
	else echo "(git finns inte här: historiken i rapporten och på webbplatsen blir tom)"; fi
	@echo "Exempellänet har med avsikt sex varningar, så att du ser hur de visas: en överenskommelse"
	@echo "under antagande där tre kommuner inte har svarat i tid (SV035), en riktlinje som hänvisar"
	@echo "till ersatta lagar (SV052) och en rutin vars granskning är försenad (SV022)."
	$(BIN)/samverkan validate -C $(DEMO_REPO) --today $(DEMO_TODAY)
	@# 2025: the last whole year; 2026: the year under way, with its action plan.
	for year in 2025 2026; do for format in md html json pdf; do \
	  $(BIN)/samverkan report -C $(DEMO_REPO) --year $$year --today $(DEMO_TODAY) --format $$format --out $(CURDIR)/$(DEMO)/rapport-$$year.$$format --force || exit 1; \
	done; done
	$(BIN)/samverkan publish -C $(DEMO_REPO) --today $(DEMO_TODAY) --out $(CURDIR)/$(DEMO)/webbplats --pdf
	@echo "Rapporterna finns i $(DEMO)/ och webbplatsen i $(DEMO)/webbplats/index.html;"
	@echo "exempellänets dokumentarkiv i $(DEMO_REPO)/."

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## golden: rewrite tests/golden/ from the current output (review the diff before committing)
golden: $(STAMP)
	$(BIN)/python -m pytest -q tests/cli/test_report_cli.py tests/cli/test_publish_cli.py tests/unit/test_findings_golden.py --update-golden

## bench: generate corpora of 100 to 20,000 documents and measure against the targets (minutes)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,pdf,bench]'
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
