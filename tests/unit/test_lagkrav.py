"""What the law requires to exist (SPEC §8.5): SV060 on samverkan.yaml, SV061 on a document."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from helpers import CONFIG, OVK, base, validate, write_repo
from samverkan_cli.cli.app import app

DEFAULTS = {k: v for k, v in CONFIG.items() if k != "lagkrav"}  # SPEC §8.5's three


def _sv060(root, today=date(2026, 6, 15)):
    return [d for d in validate(root, today) if d.code == "SV060"]


def test_by_default_the_three_agreements_hsl_requires(tmp_path):
    root = write_repo(tmp_path, base(), DEFAULTS)
    found = _sv060(root)
    assert [d.path for d in found] == ["samverkan.yaml"] * 3
    assert [d.message for d in found if "'psykisk-" in d.message] == [
        "Lagkravet 'psykisk-funktionsnedsattning' (Överenskommelse om personer med psykisk "
        "funktionsnedsättning, HSL (2017:30) 16 kap. 3 §) uppfylls inte av något gällande "
        "dokument. Ange lagkrav: [psykisk-funktionsnedsattning] i det gällande dokument som "
        "uppfyller kravet, eller ta fram och besluta ett."
    ]


def test_an_agreement_in_force_fulfils_its_requirement(tmp_path):
    documents = base()
    documents[OVK]["lagkrav"] = ["psykisk-funktionsnedsattning"]
    root = write_repo(tmp_path, documents, DEFAULTS)
    assert sorted(d.message.split("'")[1] for d in _sv060(root)) == [
        "barn-utanfor-hemmet",
        "missbruk",
    ]
    assert [d for d in validate(root) if d.code == "SV061"] == []


def test_an_expired_or_draft_agreement_fulfils_nothing(tmp_path):
    documents = base()
    documents[OVK].update(lagkrav=["missbruk"], status="remiss")
    root = write_repo(tmp_path, documents, DEFAULTS)
    assert "missbruk" in " ".join(d.message for d in _sv060(root))


def test_only_a_document_of_an_allowed_typ_fulfils_it(tmp_path):
    documents = base()
    rutin = "dokument/rutiner/RUT-0001-sip.md"
    documents[rutin]["lagkrav"] = ["missbruk"]
    root = write_repo(tmp_path, documents, DEFAULTS)
    (finding,) = [d for d in validate(root) if d.code == "SV061"]
    assert finding.path == rutin
    assert finding.message == (
        "Lagkravet 'missbruk' uppfylls av en överenskommelse, inte av en rutin. Ta bort det här, "
        "och ange det i den överenskommelse som uppfyller kravet."
    )
    assert "missbruk" in " ".join(d.message for d in _sv060(root))


def test_an_unknown_requirement_is_an_error_naming_the_known_ones(tmp_path):
    documents = base()
    documents[OVK]["lagkrav"] = ["psykisk"]
    root = write_repo(tmp_path, documents, DEFAULTS)
    (finding,) = [d for d in validate(root) if d.code == "SV061"]
    assert finding.severity.value == "error"
    assert finding.message == (
        "Lagkravet 'psykisk' finns inte i samverkan.yaml. Lagkrav: psykisk-funktionsnedsattning, "
        "missbruk, barn-utanfor-hemmet. Rätta nyckeln, eller lägg till kravet under lagkrav i "
        "samverkan.yaml."
    )


def test_a_county_lists_its_own_requirements(tmp_path):
    config = {**CONFIG, "lagkrav": {"sip": {"namn": "Rutin för SIP", "typ": ["rutin"]}}}
    root = write_repo(tmp_path, base(), config)
    (finding,) = _sv060(root)
    assert finding.message.startswith("Lagkravet 'sip' (Rutin för SIP) uppfylls inte av något")


def test_only_a_whole_run_reports_on_samverkan_yaml(tmp_path):
    root = write_repo(tmp_path, base(), DEFAULTS)
    assert [d for d in validate(root, paths=["dokument"]) if d.code == "SV060"] == []


def _report(root, year: int) -> dict:
    result = CliRunner().invoke(
        app,
        [
            "report",
            "--year",
            str(year),
            "--format",
            "json",
            "-C",
            str(root),
            "--today",
            "2026-06-15",
        ],
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_report_states_the_requirements_on_31_december(tmp_path):
    documents = base()
    documents[OVK]["lagkrav"] = ["psykisk-funktionsnedsattning"]
    root = write_repo(tmp_path, documents, DEFAULTS)
    assert _report(root, 2026)["lagkrav"] == {
        "psykisk-funktionsnedsattning": ["OVK-0001"],
        "missbruk": [],
        "barn-utanfor-hemmet": [],
    }
    assert documents[OVK]["giltig_fran"] > "2025-12-31"  # not yet in force then
    assert _report(root, 2025)["lagkrav"]["psykisk-funktionsnedsattning"] == []


def test_a_hidden_agreement_is_not_named_in_the_report_or_the_site(tmp_path):
    documents = base()
    documents[OVK].update(lagkrav=["missbruk"], publicera=False)
    root = write_repo(tmp_path, documents, DEFAULTS)
    assert _report(root, 2026)["lagkrav"]["missbruk"] == []
    out = tmp_path / "site"
    result = CliRunner().invoke(
        app, ["publish", "-C", str(root), "--out", str(out), "--today", "2026-06-15"]
    )
    assert result.exit_code == 0, result.output
    page = (out / "lagkrav.html").read_text("utf-8")
    assert "OVK-0001" not in page and "Inget gällande dokument uppfyller kravet" in page


def test_the_site_names_the_documents_that_fulfil_each_requirement(tmp_path):
    documents = base()
    documents[OVK]["lagkrav"] = ["psykisk-funktionsnedsattning"]
    root = write_repo(tmp_path, documents, DEFAULTS)
    out = tmp_path / "site"
    result = CliRunner().invoke(
        app, ["publish", "-C", str(root), "--out", str(out), "--today", "2026-06-15"]
    )
    assert result.exit_code == 0, result.output
    page = (out / "lagkrav.html").read_text("utf-8")
    assert "Överenskommelse om personer med psykisk funktionsnedsättning" in page
    assert 'href="dokument/OVK-0001.html"' in page
    assert page.count("Inget gällande dokument uppfyller kravet") == 2
    assert 'href="lagkrav.html"' in (out / "index.html").read_text("utf-8")
