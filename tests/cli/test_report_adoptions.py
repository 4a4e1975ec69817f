"""The report's adoptions (SPEC §8.6): who has decided what by 31 December, who is late."""

from __future__ import annotations

import json

from adoption_repo import adoption_repo
from samverkan_cli.cli import main


def report(capsys, root, year, fmt, tmp_path):
    out = tmp_path / f"rapport-{year}.{fmt}"
    code = main(
        ["report", "-C", str(root), "--year", str(year), "--format", fmt, "--out", str(out),
         "--today", "2027-01-15", "--force"]
    )  # fmt: skip
    capsys.readouterr()
    assert code in (0, 1)
    return out.read_text("utf-8")


def test_json_adoptions_as_of_the_year_end(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan")
    data = json.loads(report(capsys, root, 2026, "json", tmp_path))
    assert data["adoptions"] == [
        {
            "id": "OVK-0005",
            "svara_senast": "2026-04-30",
            "positions": {
                "kommun-a": "antagen",
                "kommun-b": "avslagen",
                "kommun-c": "aterremitterad",
                "kommun-d": "bordlagd",
            },
            "pending": ["kommun-c", "kommun-d", "kommun-e"],
            "late": ["kommun-c", "kommun-d", "kommun-e"],
        }
    ]


def test_a_recommendation_after_the_year_is_not_listed(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan")
    assert json.loads(report(capsys, root, 2025, "json", tmp_path))["adoptions"] == []


def test_positions_after_the_year_end_do_not_count(capsys, tmp_path):
    root = adoption_repo(
        tmp_path / "lan",
        antagande={"svara_senast": "2027-04-30"},
        stallningstaganden=[
            {"part": "kommun-a", "instans": "KS", "datum": "2026-11-12"},
            {"part": "kommun-b", "instans": "KS", "datum": "2027-01-10"},
        ],
        undertecknare=None,
    )
    (entry,) = json.loads(report(capsys, root, 2026, "json", tmp_path))["adoptions"]
    assert entry["positions"] == {"kommun-a": "antagen"}
    assert entry["pending"] == ["kommun-b", "kommun-c", "kommun-d", "kommun-e"]
    assert entry["late"] == []


def test_in_force_or_hidden_agreements_are_not_listed(capsys, tmp_path):
    hidden = adoption_repo(tmp_path / "a", publicera=False)
    assert json.loads(report(capsys, hidden, 2026, "json", tmp_path))["adoptions"] == []


def test_markdown_and_html_say_who_is_late(capsys, tmp_path):
    root = adoption_repo(tmp_path / "lan")
    md = report(capsys, root, 2026, "md", tmp_path)
    assert "## Under antagande 31 december 2026" in md
    assert "| B kommun | Avslagen |" in md
    assert "| C kommun | Återremitterad (försenad) |" in md
    assert "| E kommun | Försenad |" in md
    html = report(capsys, root, 2026, "html", tmp_path)
    assert '<h2 id="antagande">Under antagande 31 december 2026</h2>' in html
    assert "<td><strong>Försenad</strong></td>" in html
