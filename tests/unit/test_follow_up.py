"""Action plans, indicators and their report (SPEC §8.6, issue 17: the parts built so far)."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from helpers import BASE, OVK, base, validate, write_repo
from samverkan_cli.cli.app import app

HPL = "dokument/handlingsplaner/HPL-0001-plan.md"
PLAN = {
    "id": "HPL-0001",
    "typ": "handlingsplan",
    "titel": "Handlingsplan 2026",
    "status": "beslutad",
    "ar": 2026,
    "grupp": "bg",
    "dokumentansvarig": "Samordnare",
    "beslut": [{"instans": "Forum", "datum": "2025-12-01"}],
    "giltig_fran": "2026-01-01",
    "aktiviteter": [
        {"aktivitet": "Utbildning i SIP", "ansvar": "BG", "klart": "2026-03-01", "status": "pagar"},
        {"aktivitet": "Ny rutin", "ansvar": "LSG", "klart": "2026-03-01", "status": "klar"},
        {"aktivitet": "Enkät", "ansvar": "BG", "klart": "2026-11-30", "status": "planerad"},
        {
            "aktivitet": "Journal",
            "ansvar": "BG",
            "klart": "2026-02-01",
            "status": "installd",
            "kommentar": "Väntar på lagstiftning.",
        },
    ],
}


def _repo(tmp_path, **changes):
    documents = {**base(), HPL: {**PLAN, **changes}}
    documents[OVK] = {
        **documents[OVK],
        "indikatorer": [{"namn": "Antal SIP", "enhet": "st", "varden": {"2025": 42, "2024": 31}}],
    }
    return write_repo(tmp_path, documents)


def test_an_activity_past_its_date_and_not_done_is_sv025(tmp_path):
    root = _repo(tmp_path)
    found = [d for d in validate(root, date(2026, 6, 15)) if d.code == "SV025"]
    assert [(d.severity.value, d.message) for d in found] == [
        (
            "warning",
            "Aktiviteten 'Utbildning i SIP' skulle vara klar 2026-03-01 men har status pågår. "
            "Sätt status: klar när den är gjord, status: installd (med en kommentar) om den inte "
            "blir av, eller flytta klart till det nya datumet.",
        )
    ]
    lines = (root / HPL).read_text("utf-8").splitlines()
    assert "2026-03-01" in lines[found[0].line - 1]  # at the activity's klart


def test_a_wrong_activity_status_is_sv004_in_swedish(tmp_path):
    activities = [{**PLAN["aktiviteter"][0], "status": "färdig"}]
    root = _repo(tmp_path, aktiviteter=activities)
    (finding,) = [d for d in validate(root) if d.path == HPL]
    assert finding.code == "SV004" and "planerad" in finding.message


def _report(root, year=2026, today="2027-01-15"):
    result = CliRunner().invoke(
        app, ["report", "--year", str(year), "--format", "json", "-C", str(root), "--today", today]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_report_json_gives_action_plans_and_indicators(tmp_path):
    data = _report(_repo(tmp_path))
    assert data["action_plans"] == [
        {
            "id": "HPL-0001",
            "activities": {"planerad": 1, "pagar": 1, "klar": 1, "installd": 1},
            "late": ["Utbildning i SIP", "Enkät"],
        }
    ]
    assert data["indicators"] == [
        {"id": "OVK-0001", "namn": "Antal SIP", "varden": {"2024": 31, "2025": 42}}
    ]
    assert _report(_repo(tmp_path / "b"), year=2025)["action_plans"] == []


def test_hidden_documents_give_no_indicators(tmp_path):
    root = _repo(tmp_path)
    text = (
        (root / OVK)
        .read_text("utf-8")
        .replace("status: beslutad", "publicera: false\nstatus: beslutad", 1)
    )
    (root / OVK).write_text(text, encoding="utf-8")
    assert _report(root)["indicators"] == []


def test_the_site_shows_activities_and_indicators(tmp_path):
    root = _repo(tmp_path)
    out = tmp_path / "site"
    result = CliRunner().invoke(
        app, ["publish", "-C", str(root), "--out", str(out), "--today", "2026-06-15"]
    )
    assert result.exit_code == 0, result.output
    plan = (out / "dokument/HPL-0001.html").read_text("utf-8")
    assert '<th scope="row">Utbildning i SIP</th>' in plan and "Pågår (försenad)" in plan
    assert "Inställd: Väntar på lagstiftning." in plan
    agreement = (out / "dokument/OVK-0001.html").read_text("utf-8")
    assert "Antal SIP (st)" in agreement and "<td>42</td>" in agreement


def test_base_has_no_follow_up():
    assert all("indikatorer" not in d for d in BASE.values())


def test_the_follow_up_page_and_forteckning_json(tmp_path):
    root = _repo(tmp_path)
    out = tmp_path / "site"
    result = CliRunner().invoke(
        app, ["publish", "-C", str(root), "--out", str(out), "--today", "2026-06-15"]
    )
    assert result.exit_code == 0, result.output
    page = (out / "uppfoljning.html").read_text("utf-8")
    assert "Utbildning i SIP" in page and "Antal SIP (st), OVK-0001" in page
    assert 'href="uppfoljning.html"' in (out / "index.html").read_text("utf-8")
    listed = json.loads((out / "forteckning.json").read_text("utf-8"))["dokument"]
    by_id = {d["id"]: d for d in listed}
    assert by_id["OVK-0001"]["indikatorer"] == [
        {"namn": "Antal SIP", "enhet": "st", "varden": {"2024": 31, "2025": 42}}
    ]
    assert [a["status"] for a in by_id["HPL-0001"]["aktiviteter"]] == [
        "pagar",
        "klar",
        "planerad",
        "installd",
    ]


def test_the_reports_first_part_speaks_plainly(tmp_path):
    import re

    from samverkan_cli.scaffold.init import TEMPLATE

    for fmt in ("md", "html"):
        result = CliRunner().invoke(
            app,
            ["report", "--year", "2025", "--format", fmt, "-C", TEMPLATE, "--today", "2026-11-24"],
        )
        assert result.exit_code == 0, result.output
        first, _, technical = result.output.partition("Teknisk bilaga")
        assert technical, fmt
        assert not re.search(r"SV\d{3}", first), fmt
        assert "anmärkning" not in result.output.lower(), fmt
        assert "Brister att åtgärda" in first and "RIK-0001" in first
        assert "SV052" in technical


def test_finished_projects_and_lapsed_groups_are_not_reported_as_current(tmp_path):
    from helpers import BG

    documents = base()
    documents["dokument/projekt/PRJ-0001-p.md"] = {
        "id": "PRJ-0001",
        "typ": "projekt",
        "titel": "Avslutat projekt",
        "status": "beslutad",
        "dokumentansvarig": "Projektledare",
        "beslut": [{"instans": "Styrelsen", "datum": "2025-01-10"}],
        "giltig_fran": "2025-01-10",
        "start": "2025-02-01",
        "slut": "2026-03-31",
        "projektstatus": "avslutad",
    }
    documents[BG]["giltig_till"] = "2025-12-31"
    root = write_repo(tmp_path, documents)
    data = _report(root, 2026, "2027-01-15")
    assert "PRJ-0001" not in data["documents"]["in_force"]
    assert data["projects"]["running"] == [] and data["projects"]["finished"] == ["PRJ-0001"]
    assert [g["id"] for g in data["groups"]] == []


def test_deviations_on_the_site_and_in_forteckning_json(tmp_path):
    root = _repo(tmp_path)
    (root / "avvikelser").mkdir()
    (root / "avvikelser/2025.csv").write_text(
        "period;dokument;antal\n2025-01;OVK-0001;3\n2025-02;OVK-0001;1\n2025-02;RUT-0001;2\n",
        encoding="utf-8",
    )
    text = (root / "dokument/rutiner/RUT-0001-sip.md").read_text("utf-8")
    (root / "dokument/rutiner/RUT-0001-sip.md").write_text(
        text.replace("status: beslutad", "publicera: false\nstatus: beslutad", 1), encoding="utf-8"
    )
    out = tmp_path / "site"
    result = CliRunner().invoke(
        app, ["publish", "-C", str(root), "--out", str(out), "--today", "2026-06-15"]
    )
    assert result.exit_code == 0, result.output
    agreement = (out / "dokument/OVK-0001.html").read_text("utf-8")
    assert "Avvikelser per period, OVK-0001" in agreement and "<td>3</td>" in agreement
    follow = (out / "uppfoljning.html").read_text("utf-8")
    assert "OVK-0001" in follow and "RUT-0001" not in follow  # a hidden document's never
    listed = {
        d["id"]: d for d in json.loads((out / "forteckning.json").read_text("utf-8"))["dokument"]
    }
    assert listed["OVK-0001"]["avvikelser"] == {"2025-01": 3, "2025-02": 1}
    assert "RUT-0001" not in listed
