"""CI's smoke benchmark (issue 6): validate and publish on 1,000 documents may not grow to twice
their committed cost relative to a baseline measured in the same run (bench/smoke.py)."""

from __future__ import annotations

import json

import pytest

from helpers import BENCH, bench_module


def _smoke():
    return bench_module("smoke")


@pytest.mark.slow
def test_not_twice_as_slow_as_committed(tmp_path):
    smoke = _smoke()
    committed = json.loads((BENCH / "smoke.json").read_text("utf-8"))
    measured = smoke.measure(tmp_path)
    assert measured.keys() == committed.keys()
    slower = {
        name: f"{measured[name]} (committed {committed[name]})"
        for name in committed
        if measured[name] > smoke.TOLERANCE * committed[name]
    }
    assert not slower, f"more than {smoke.TOLERANCE}× the committed cost: {slower}"
