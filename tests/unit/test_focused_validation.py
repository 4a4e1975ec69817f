"""Focused validation (record, new) finds for a file exactly what a whole run finds for it."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from samverkan_cli.loading.repository import load
from samverkan_cli.scaffold.init import TEMPLATE
from samverkan_cli.validate import run, run_focused

_RULES = Path(__file__).with_name("test_rules.py")
_spec = importlib.util.spec_from_file_location("rule_cases", _RULES)
assert _spec is not None and _spec.loader is not None
rule_cases = importlib.util.module_from_spec(_spec)
sys.modules["rule_cases"] = rule_cases  # its dataclasses look their module up
_spec.loader.exec_module(rule_cases)


@pytest.mark.parametrize("today", [date(2026, 11, 24), date(2028, 6, 1)])
def test_every_file_of_the_example_county(today):
    repo = load(Path(TEMPLATE), use_cache=False)
    whole = run(repo, today).diagnostics
    for document in repo.documents:
        expected = [d for d in whole if d.path == document.path]
        assert run_focused(repo, today, [document.path]).diagnostics == expected, document.path


@pytest.mark.parametrize("case", rule_cases.BAD + rule_cases.OK, ids=lambda c: c.code)
def test_every_rule_case(case, tmp_path):
    root = rule_cases._apply(case, tmp_path)
    repo = load(root, use_cache=False)
    whole = run(repo, case.today).diagnostics
    for document in repo.documents:
        expected = [d for d in whole if d.path == document.path]
        got = run_focused(repo, case.today, [document.path]).diagnostics
        assert got == expected, (case.code, document.path)


def test_a_focused_run_makes_no_meeting_records_model():
    """`record` on one routine of 10,000 documents must not check the 5,000 meeting records
    (Document.model is made on first use): a check that judges records walks the focus only."""
    repo = load(Path(TEMPLATE), use_cache=False)
    routine = next(d for d in repo.documents if d.path.startswith("dokument/rutiner/"))
    run_focused(repo, date(2026, 11, 24), [routine.path])
    records = [d for d in repo.documents if d.typ == "mote"]
    assert records
    assert all(d._checking is not None for d in records)  # never made
    assert records[0].model is not None  # made when asked for
    assert records[0]._checking is None


def test_a_cached_file_is_read_only_as_far_as_asked(tmp_path):
    """The cache keeps front matter packed: a focused run unpacks the focus and what it
    reaches, and the indexed fields answer exactly as the unpacked value would."""
    import shutil

    from samverkan_cli.loading.yamlread import INDEXED, PackedValue

    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root)
    load(root)  # writes the cache
    repo = load(root)
    documents = [d for d in repo.documents if d.located is not None]
    assert documents and all(isinstance(d.located._value, PackedValue) for d in documents)
    routine = next(d for d in documents if d.path.startswith("dokument/rutiner/"))
    run_focused(repo, date(2026, 11, 24), [routine.path])
    packed = [d for d in documents if isinstance(d.located._value, PackedValue)]
    assert len(packed) > len(documents) // 2  # records and unrelated documents left packed
    for document in documents:
        peeked = [document.peek(name) for name in INDEXED]
        raw = document.raw
        assert peeked == [v if isinstance(v := raw.get(k), str) else None for k in INDEXED]
