"""The site shows agreements under adoption (SPEC §8.1): their own page, the matrix, the calendar."""

from __future__ import annotations

import json

import icalendar

from adoption_repo import adoption_repo
from helpers import unwrapped
from samverkan_cli.cli import main

TODAY = ["--today", "2026-05-15"]


def publish(capsys, root, out):
    code = main(["publish", "-C", str(root), "--out", str(out), *TODAY])
    capsys.readouterr()
    assert code == 0
    return out


def test_every_party_in_plain_words(capsys, tmp_path):
    site = publish(capsys, adoption_repo(tmp_path / "lan"), tmp_path / "ut")
    page = unwrapped((site / "under-antagande.html").read_text("utf-8"))
    for words in (
        "Antagen KS 2026-03-12 § 45; undertecknad 2026-03-20",
        "Avslagen KS 2026-03-20",
        "Återremitterad KF 2026-04-02. Försenad: svaret skulle ha kommit senast 2026-04-30",
        "Bordlagd KS 2026-04-10. Försenad: svaret skulle ha kommit senast 2026-04-30",
        '<td class="missing">Försenad: svaret skulle ha kommit senast 2026-04-30</td>',
        "Förbundets styrelse 2026-02-01",
    ):
        assert words in page, words


def test_before_the_deadline_a_party_waits(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan")
    code = main(
        ["publish", "-C", str(root), "--out", str(tmp_path / "ut"), "--today", "2026-04-01"]
    )
    capsys.readouterr()
    assert code == 0
    page = (tmp_path / "ut/under-antagande.html").read_text("utf-8")
    assert (
        '<td class="waiting">Väntar, svar senast <span class="nowrap">2026-04-30</span></td>'
        in page
    )


def test_matrix_marks_it_and_the_förteckning_of_documents_in_force_does_not_list_it(
    capsys, tmp_path
):
    site = publish(capsys, adoption_repo(tmp_path / "lan"), tmp_path / "ut")
    matrix = (site / "antagande.html").read_text("utf-8")
    assert (
        'OVK-0005</a> Överenskommelse om våld i nära relationer <span class="badge warn">Under antagande</span>'
        in matrix
    )
    index = (site / "index.html").read_text("utf-8")
    assert "OVK-0005" not in index
    rows = json.loads((site / "forteckning.json").read_text("utf-8"))["dokument"]
    (row,) = [r for r in rows if r["id"] == "OVK-0005"]
    assert row["status"] == "antagande" and row["gallande"] is False


def test_the_reply_deadline_is_in_the_calendar(capsys, tmp_path):
    site = publish(capsys, adoption_repo(tmp_path / "lan"), tmp_path / "ut")
    calendar = icalendar.Calendar.from_ical((site / "kalender.ics").read_bytes())
    deadlines = [e for e in calendar.walk("VEVENT") if str(e["UID"]) == "svar-OVK-0005@samverkan"]
    assert len(deadlines) == 1
    assert deadlines[0].decoded("DTSTART").isoformat() == "2026-04-30"


def test_an_unpublished_one_appears_nowhere(capsys, tmp_path):
    site = publish(capsys, adoption_repo(tmp_path / "lan", publicera=False), tmp_path / "ut")
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".ics", ".json", ".csv", ".xml"):
            assert "OVK-0005" not in path.read_text("utf-8"), path
    assert "Inga avtal eller överenskommelser är under antagande" in (
        site / "under-antagande.html"
    ).read_text("utf-8")


def test_the_document_page_shows_adoption_and_each_outcome(capsys, tmp_path):
    root = adoption_repo(
        tmp_path / "lan",
        undertecknare=[
            {"part": "kommun-a", "namn": "A", "befattning": "Socialchef", "datum": "2026-03-20"},
            {"part": "region-norr", "namn": "R", "befattning": "Regiondirektör",
             "datum": "2026-03-21", "for": ["kommun-a"]},
        ],
        forvaring=[{"part": "region-norr", "handling": "original"}],
    )  # fmt: skip
    site = publish(capsys, root, tmp_path / "ut")
    page = (site / "dokument/OVK-0005.html").read_text("utf-8")
    for words in (
        "<strong>Under antagande.</strong> Parterna beslutar var för sig senast 2026-04-30",
        "Rekommenderat av Förbundets styrelse 2026-02-01. Svar senast 2026-04-30. "
        "Underskriftsordning: Kommun, Region.",
        "B kommun: Avslagen KS 2026-03-20",
        "R, Regiondirektör, Region Norr, 2026-03-21 (för A kommun)",
        "<dt>Förvaring</dt><dd><ul><li>Region Norr: original</li></ul></dd>",
        "Gäller när parterna har beslutat och skrivit under",
    ):
        assert words in page, words


def test_list_says_where_the_adoption_stands(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan")
    assert main(["list", "-C", str(root), "--status", "antagande", "-f", "json", *TODAY]) == 0
    rows = json.loads(capsys.readouterr().out)["dokument"]
    assert [r["beslut"] for r in rows] == [
        "Rekommenderad Förbundets styrelse 2026-02-01; svar senast 2026-04-30"
    ]
