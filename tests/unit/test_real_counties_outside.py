"""What trying issue 15 from outside found (a county's own repository, not the example)."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from helpers import BG, CONFIG, OVK, base, codes, validate, write_repo
from samverkan_cli.cli.app import app

PLAN = {
    **CONFIG,
    "dokumenttyper": {
        "samverkansplan": {
            "namn": "Samverkansplan",
            "prefix": "SVP",
            "vilar_pa": ["huvudoverenskommelse"],
            "beslut": ["undertecknare", "beslut"],
        }
    },
}
SVP_PATH = "dokument/samverkansplaner/SVP-0001-plan.md"
SVP = {
    "id": "SVP-0001",
    "typ": "samverkansplan",
    "titel": "Samverkansplan",
    "status": "beslutad",
    "parter": ["region-norr", "kommun-a"],
    "overordnad": "HOK-0001",
    "dokumentansvarig": "Samordnare",
    "giltig_fran": "2026-01-01",
    "beslut": [{"instans": "Regionfullmäktige", "datum": "2025-12-01"}],
}


def test_a_county_type_decided_by_beslut_needs_no_signatures(tmp_path):
    root = write_repo(tmp_path, {**base(), SVP_PATH: SVP}, PLAN)
    assert [d for d in validate(root) if d.path == SVP_PATH] == []


def test_sv003_says_a_decision_that_does_not_count_for_the_typ(tmp_path):
    plan = {k: v for k, v in SVP.items() if k != "beslut"}
    plan["faststalld"] = {"av": "bg", "datum": "2026-01-01"}
    root = write_repo(tmp_path, {**base(), SVP_PATH: plan}, PLAN)
    (finding,) = [d for d in validate(root) if d.path == SVP_PATH]
    assert finding.message == (
        "Ett beslutat dokument ska visa hur det beslutades. Lägg till beslut: eller "
        "undertecknare:. faststalld räknas inte för samverkansplan: samverkan.yaml anger vilka "
        "beslut som gäller för typen under dokumenttyper → samverkansplan → beslut."
    )


def test_an_expired_document_has_no_review_due_in_list_site_or_calendar(tmp_path):
    documents = base()
    documents[OVK].update(giltig_fran="2020-01-01", giltig_till="2025-12-31")
    root = write_repo(tmp_path, documents)
    runner = CliRunner()
    listed = runner.invoke(
        app, ["list", "--format", "json", "-C", str(root), "--today", "2026-06-15"]
    )
    entry = next(e for e in json.loads(listed.output)["dokument"] if e["id"] == "OVK-0001")
    assert entry["nasta_granskning"] is None
    out = tmp_path / "site"
    published = runner.invoke(
        app, ["publish", "-C", str(root), "--out", str(out), "--today", "2026-06-15"]
    )
    assert published.exit_code == 0, published.output
    assert "OVK-0001" not in (out / "granskning.html").read_text("utf-8")


def test_a_meeting_before_the_group_was_formed_does_not_count(tmp_path):
    documents = base()
    documents[BG].update(bildad="2025-11-15", giltig_fran="2025-11-15")
    documents[BG]["moten_minst"] = {"per": "ar", "antal": 6}
    documents["moten/2025/2025-10-01-bg.md"] = {
        "typ": "mote",
        "grupp": "bg",
        "datum": "2025-10-01",
        "handling": "minnesanteckningar",
    }
    root = write_repo(tmp_path, documents)
    found = [d for d in validate(root, date(2026, 1, 10)) if d.code == "SV043"]
    assert [d.message.split(",")[0] for d in found] == ["Under 2025 hölls inga möten"]


def test_a_mandat_written_wrongly_is_one_finding(tmp_path):
    documents = base()
    documents[BG]["mandat"] = "Mandatperiod"
    root = write_repo(tmp_path, documents)
    assert [d.code for d in validate(root, date(2026, 12, 2)) if d.path == BG] == ["SV004"]


def test_a_group_cannot_follow_itself(tmp_path):
    documents = base()
    documents[BG]["samma_huvudman_som"] = "bg"
    root = write_repo(tmp_path, documents)
    (finding,) = [d for d in validate(root) if d.code == "SV044"]
    assert finding.message.startswith("samma_huvudman_som pekar på gruppen själv (bg).")


def test_an_agenda_sent_in_the_future_is_a_date_in_the_future(tmp_path):
    documents = base()
    documents[BG]["dagordning_dagar_fore"] = 7
    documents["moten/2026/2026-12-20-bg.md"] = {
        "typ": "mote",
        "grupp": "bg",
        "datum": "2026-12-20",
        "handling": "dagordning",
        "utskickad": "2026-12-30",
    }
    root = write_repo(tmp_path, documents)
    found = [
        d for d in validate(root, date(2026, 12, 2)) if d.path.startswith("moten/2026/2026-12")
    ]
    assert codes(found) == ["SV024"]


def test_a_link_to_a_file_of_a_format_not_published_is_said(tmp_path):
    from helpers import RUT

    documents = base()
    documents[RUT] = documents[RUT]  # front matter as it is; the body links to a CSV
    root = write_repo(
        tmp_path,
        {**documents},
        extra={"dokument/rutiner/bilagor/data.csv": "a;b\n1;2\n"},
    )
    text = (root / RUT).read_text("utf-8") + "\nSe [data](bilagor/data.csv).\n"
    (root / RUT).write_text(text, encoding="utf-8")
    (finding,) = [d for d in validate(root) if d.code == "SV056"]
    assert finding.message.startswith(
        "Bilagan 'bilagor/data.csv' kan inte publiceras på webbplatsen. Filer av typen .csv "
        "publiceras inte: länken visas som vanlig text."
    )


def test_a_repositorys_law_replaced_by_an_unknown_law_is_sv090(tmp_path):
    import pytest

    from samverkan_cli.errors import ConfigError
    from samverkan_cli.loading.repository import load_laws

    laws = "lagar:\n  SFS 2099:123:\n    namn: Testlag\n    ersatt_av: SFS 9999:1\n"
    root = write_repo(tmp_path, {}, extra={"lagrum.yaml": laws})
    with pytest.raises(ConfigError) as raised:
        load_laws(root)
    (finding,) = raised.value.diagnostics
    assert finding.line == 4 and "SFS 9999:1 finns inte i lagrumsregistret" in finding.message


def test_a_requirement_no_typ_can_fulfil_is_refused(tmp_path):
    import pytest

    from samverkan_cli.errors import ConfigError
    from samverkan_cli.loading.repository import load_config

    root = write_repo(tmp_path, {}, {**CONFIG, "lagkrav": {"tom": {"namn": "Tom", "typ": []}}})
    with pytest.raises(ConfigError) as raised:
        load_config(root)
    assert [d.code for d in raised.value.diagnostics] == ["SV090"]


def test_the_year_under_way_is_not_reported_as_short_of_meetings(tmp_path):
    documents = base()
    documents[BG]["moten_minst"] = {"per": "ar", "antal": 6}
    root = write_repo(tmp_path, documents)

    def short(today: str) -> bool:
        result = CliRunner().invoke(
            app, ["report", "--year", "2026", "--format", "json", "-C", str(root), "--today", today]
        )
        assert result.exit_code == 0, result.output
        (group,) = [g for g in json.loads(result.output)["groups"] if g["id"] == "bg"]
        return group["short"]

    assert short("2026-12-02") is False
    assert short("2027-01-10") is True
