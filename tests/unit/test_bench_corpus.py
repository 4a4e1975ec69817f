"""The benchmark corpus is a valid repository, so the benchmark measures real work, not errors."""

from __future__ import annotations

from datetime import date

from helpers import bench_module, validate

generate = bench_module("generate").generate
BENCH_TODAY = date(2026, 11, 24)  # bench/run.py's --today


def test_generated_corpus_has_no_errors(tmp_path):
    generate(300, tmp_path / "corpus")
    errors = [d for d in validate(tmp_path / "corpus", BENCH_TODAY) if d.severity == "error"]
    assert errors == []


def test_generation_is_deterministic(tmp_path):
    generate(60, tmp_path / "a")
    generate(60, tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.md"))
    assert files
    assert all(
        (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files
    )
