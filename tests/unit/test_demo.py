"""`make demo` says its warnings are intended and what they are: the sentence must stay true
of the example county on the demo's day, and the demo must run on a git repository (issue 13)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

from samverkan_cli.loading.repository import load
from samverkan_cli.scaffold.init import TEMPLATE
from samverkan_cli.validate import run

MAKEFILE = (Path(__file__).resolve().parents[2] / "Makefile").read_text("utf-8")


def test_the_demo_names_exactly_the_example_countys_warnings():
    day = date.fromisoformat(re.search(r"^DEMO_TODAY := (\S+)$", MAKEFILE, re.M).group(1))
    found = run(load(Path(TEMPLATE), use_cache=False), day).diagnostics
    counts = Counter(d.code for d in found)
    said = " ".join(re.findall(r'@echo "(.*)"', MAKEFILE))
    assert "sex varningar" in said and sum(counts.values()) == 6
    assert set(re.findall(r"SV\d{3}", said)) == set(counts)
    assert all(d.severity.value == "warning" for d in found)


def test_the_demo_runs_on_a_git_repository_of_the_example():
    recipe = MAKEFILE[MAKEFILE.index("\ndemo:") : MAKEFILE.index("## test:")]
    assert "samverkan init $(DEMO_REPO) --exempel" in recipe
    assert "init -q" in recipe and recipe.count("commit -q") == 2
    for command in ("validate", "report", "publish"):
        assert f"samverkan {command} -C $(DEMO_REPO)" in recipe
