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


def _two_recommended(root):
    """OVK-0005 under adoption (adoption_repo) and OVK-0006 in force since June with one party
    against, one undecided and one whose decision came after the year; plus a repealed and a
    hidden recommendation that count for nobody. Figures below worked out by hand."""
    from adoption_repo import ADOPTION, OVK5, PARTIES
    from helpers import CONFIG, base, write_repo

    kommuner = ["kommun-a", "kommun-b", "kommun-c", "kommun-d", "kommun-e"]
    in_force = {
        **ADOPTION,
        "id": "OVK-0006",
        "titel": "Överenskommelse om missbruk",
        "status": "beslutad",
        "giltig_fran": "2026-06-01",
        "antagande": {"svara_senast": "2026-05-31"},
        "stallningstaganden": [
            {"part": "kommun-a", "instans": "KS", "datum": "2026-03-01"},
            {"part": "kommun-b", "instans": "KS", "datum": "2026-03-02"},
            {"part": "kommun-c", "instans": "KS", "datum": "2026-03-03", "utfall": "avslagen"},
            {"part": "kommun-e", "instans": "KS", "datum": "2027-01-05"},
        ],
    }
    repealed = {
        **in_force,
        "id": "OVK-0007",
        "status": "upphavd",
        "upphavd_datum": "2026-10-01",
        "stallningstaganden": [],
    }
    hidden = {**ADOPTION, "id": "OVK-0008", "publicera": False, "stallningstaganden": []}
    documents = base()
    documents[OVK5] = ADOPTION
    documents["dokument/overenskommelser/OVK-0006-missbruk.md"] = in_force
    documents["dokument/overenskommelser/OVK-0007-gammal.md"] = repealed
    documents["dokument/overenskommelser/OVK-0008-dold.md"] = hidden
    assert all(k in PARTIES for k in kommuner)
    return write_repo(root, documents, {**CONFIG, "parter": PARTIES})


def test_adoption_per_party_counts_what_was_recommended_in_force_or_not(capsys, tmp_path):
    root = _two_recommended(tmp_path / "lan")
    md = report(capsys, root, 2026, "md", tmp_path)
    section = md.split("## Antagande per part 31 december 2026", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "kommun" in line]
    assert rows == [
        "| A kommun | 2 | 0 | 0 | 0 |",
        "| B kommun | 1 | 1 | 0 | 0 |",
        "| C kommun | 0 | 1 | 1 | 1 |",
        "| D kommun | 0 | 0 | 2 | 2 |",
        "| E kommun | 0 | 0 | 2 | 2 |",
    ]
    assert "OVK-0007" not in section and "OVK-0008" not in section
    assert "Region" not in section  # only the parties that must decide: the kommuner here
    assert (
        "- C kommun: avslog OVK-0006 Överenskommelse om missbruk; har inte beslutat om OVK-0005 "
        "Överenskommelse om våld i nära relationer (försenat)."
    ) in section
    assert "- A kommun" not in section  # adopted everything: nothing to say


def test_adoption_per_party_in_html_has_a_chart_and_the_same_table(capsys, tmp_path):
    root = _two_recommended(tmp_path / "lan")
    html = report(capsys, root, 2026, "html", tmp_path)
    section = html.split('<h2 id="antagande-per-part">', 1)[1].split("</section>", 1)[0]
    assert (
        'aria-label="Rekommenderade dokument som parten inte har antagit, 31 december 2026"'
        in section
    )
    labels = [part.split("<", 1)[0] for part in section.split('class="label">')[1:]]
    values = [part.split("<", 1)[0] for part in section.split('class="value">')[1:]]
    assert list(zip(labels, values, strict=True)) == [
        ("A kommun", "0"), ("B kommun", "1"), ("C kommun", "2"), ("D kommun", "2"), ("E kommun", "2")
    ]  # fmt: skip
    assert '<th scope="row">D kommun</th><td class="num">0</td><td class="num">0</td>' in section


def test_no_recommendation_no_section(capsys, tmp_path):
    from helpers import write_repo

    root = write_repo(tmp_path / "lan")
    assert "Antagande per part" not in report(capsys, root, 2026, "md", tmp_path)
    assert "antagande-per-part" not in report(capsys, root, 2026, "html", tmp_path)


def test_the_format_follows_the_file_name(capsys, tmp_path):
    from helpers import write_repo

    root = write_repo(tmp_path / "lan")
    out = tmp_path / "rapport-2026.json"
    code = main(["report", "-C", str(root), "--year", "2026", "--out", str(out), "--today",
                 "2026-06-15"])  # fmt: skip
    assert code in (0, 1)
    assert json.loads(out.read_text("utf-8"))["year"] == 2026
    capsys.readouterr()
    wrong = tmp_path / "rapport-2026.html"
    code = main(["report", "-C", str(root), "--year", "2026", "-f", "json", "--out", str(wrong)])
    assert code == 2 and not wrong.exists()
    assert "--format json, men --out" in capsys.readouterr().err


def test_a_file_that_cannot_be_read_is_counted_never_named(capsys, tmp_path):
    from helpers import RUT, base, write_repo

    documents = base()
    documents[RUT] = "---\nid: RUT-0001\ntitel: [Rutin som inte går att läsa\n---\n# Text\n"
    root = write_repo(tmp_path / "lan", documents)
    md = report(capsys, root, 2026, "md", tmp_path)
    summary = md.split("## Sammanfattning", 1)[1].split("\n## ", 1)[0]
    assert (
        "Dessutom kunde en fil i dokumentarkivet inte läsas: den finns inte med i rapporten, och "
        "samverkan validate visar vilken det är och vad som ska rättas."
    ) in summary
    assert "RUT-0001" not in md and "inte går att läsa" not in md
