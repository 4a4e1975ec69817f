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


def test_the_example_county_uses_the_forms_real_counties_need():
    """Issue 15: a mandate period, a convener, a county type, lagkrav and the mended facts."""
    repo = load(Path(TEMPLATE), use_cache=False)
    models = {d.id: d.model for d in repo.documents if d.model is not None}
    assert models["social-reko"].mandat == "mandatperiod"
    assert any(t.sammankallande for t in models["treparter-sundsvall"].ordforandeskap)
    assert models["treparter-sundsvall"].samma_huvudman_som == "lsg-psykisk-halsa"
    assert models["UPH-0001"].typ == "uppdragshandling" and "uppdragshandling" in repo.config.types
    declared = {key for m in models.values() for key in getattr(m, "lagkrav", None) or ()}
    assert declared == set(repo.config.lagkrav)
    assert "tobak" not in models["OVK-0002"].malgrupp
    assert "OSL (2009:400) 26 kap. 1 §" in models["RUT-0004"].lagrum
    assert not any(
        str(getattr(m, "diarienummer", "") or "").startswith("SFS") for m in models.values()
    )
    consent = next(d for d in repo.documents if d.id == "RUT-0003").body
    assert "mognad" in consent and "båda" in consent and "15 år" not in consent
