"""Deviation counts (SPEC §8.6): avvikelser/*.csv read into counts, SV062 on the file's line."""

from __future__ import annotations

import json
import os
from datetime import date

from helpers import RUT, base, validate, write_repo
from samverkan_cli import avvikelser
from samverkan_cli.avvikelser import Count, Problem
from samverkan_cli.cli import main
from samverkan_cli.loading.repository import load
from samverkan_cli.report.build import build
from samverkan_cli.report.render import Links, render
from samverkan_cli.validate import run_cached

CSV = "avvikelser/2025.csv"


def _sv062(root, paths=None):
    return [(d.path, d.line, d.message) for d in validate(root, paths=paths) if d.code == "SV062"]


def test_rows_become_counts_with_their_line_and_optional_columns():
    text = "\ufeffperiod;dokument;antal;part;kategori\n2025-01;OVK-0001;3;kommun-a;Fall\n\n"
    text += "2025-Q2;OVK-0001;0;;\n2025;RUT-0001;7;;\n"
    found = avvikelser.parse(CSV, text.encode())
    assert found.problems == ()
    assert found.counts == (
        Count(CSV, 2, "2025-01", "OVK-0001", 3, "kommun-a", "Fall"),
        Count(CSV, 4, "2025-Q2", "OVK-0001", 0),
        Count(CSV, 5, "2025", "RUT-0001", 7),
    )


def test_each_broken_row_is_a_problem_at_its_line():
    text = (
        "period;dokument;antal\n"
        "2025-13;OVK-0001;1\n"
        "2025-02;OVK-0001;-2\n"
        "2025-03;OVK-0001;tre\n"
        "2025-04;OVK-0001\n"
    )
    assert avvikelser.parse(CSV, text.encode()).problems == (
        Problem(
            CSV,
            2,
            "Perioden '2025-13' går inte att läsa. Skriv den som ÅÅÅÅ-MM (t.ex. 2025-03), "
            "ÅÅÅÅ-Qn (t.ex. 2025-Q1) eller ÅÅÅÅ (t.ex. 2025).",
        ),
        Problem(
            CSV,
            3,
            "Antalet är negativt (-2). Skriv antalet avvikelser som ett heltal, 0 eller större.",
        ),
        Problem(
            CSV,
            4,
            "Antalet 'tre' är inget heltal. Skriv antalet avvikelser med siffror, t.ex. 3.",
        ),
        Problem(
            CSV,
            5,
            "Raden har 2 fält men rubrikraden 3. Skilj fälten med semikolon (;) och skriv ett "
            "fält per kolumn, även när det är tomt.",
        ),
    )


def test_a_missing_column_a_free_text_column_and_bad_encoding_are_problems():
    missing = avvikelser.parse(CSV, b"period;dokument\n2025-01;OVK-0001\n").problems
    assert missing == (
        Problem(
            CSV,
            1,
            "Kolumnen 'antal' saknas i rubrikraden. Första raden ska vara period;dokument;antal, "
            "eventuellt följd av part och kategori.",
        ),
    )
    (extra,) = avvikelser.parse(CSV, b"period;dokument;antal;kommentar\n").problems
    assert extra.message.startswith("Kolumnen 'kommentar' hör inte hemma i en avvikelsefil")
    latin1 = "period;dokument;antal\n2025-01;OVK-0001;1;Härnösand\n".encode("latin-1")
    assert avvikelser.parse(CSV, latin1).problems == (
        Problem(
            CSV,
            2,
            "Filen är inte giltig UTF-8. Spara den som UTF-8 (i Excel: Spara som → CSV UTF-8).",
        ),
    )


def test_sv062_names_unknown_documents_and_parties_on_the_csv_line(tmp_path):
    text = "period;dokument;antal;part\n2025-01;OVK-0001;1;kommun-a\n2025-02;OVK-0099;1;alfa\n"
    root = write_repo(tmp_path, extra={CSV: text})
    assert _sv062(root) == [
        (
            CSV,
            3,
            "Dokumentet OVK-0099 finns inte i arkivet. Rätta id:t, eller ta bort raden om "
            "dokumentet aldrig funnits.",
        ),
        (
            CSV,
            3,
            "Parten 'alfa' finns inte i samverkan.yaml. Skriv partens nyckel (en av forbund, "
            "kommun-a, kommun-b, region-norr, samf), eller lämna fältet tomt.",
        ),
    ]


def test_a_correct_file_is_silent(tmp_path):
    text = "period;dokument;antal\n" + "".join(f"2025-{m:02d};OVK-0001;{m}\n" for m in range(1, 13))
    root = write_repo(tmp_path, extra={CSV: text})
    assert _sv062(root) == []


def test_the_findings_show_when_the_file_or_its_folder_is_named(tmp_path):
    root = write_repo(tmp_path, extra={CSV: "period;dokument;antal\n2025-01;OVK-0001;-1\n"})
    assert [line for _, line, _ in _sv062(root, [CSV])] == [2]
    assert [line for _, line, _ in _sv062(root, ["avvikelser"])] == [2]
    assert _sv062(root, ["dokument"]) == []


def test_validate_names_the_csv_file(tmp_path, capsys):
    root = write_repo(tmp_path, extra={CSV: "period;dokument;antal\n2025-01;OVK-0001;-1\n"})
    assert main(["-C", str(root), "validate", "--today", "2026-06-15"]) == 1
    out = capsys.readouterr().out
    assert "avvikelser/2025.csv\n  2:1     fel     SV062  Antalet är negativt (-1)." in out


def test_a_changed_csv_is_checked_again(tmp_path):
    root = write_repo(tmp_path, extra={CSV: "period;dokument;antal\n2025-01;OVK-0001;1\n"})
    today = date(2026, 6, 15)
    old = (root / CSV).stat().st_mtime_ns - 60 * 10**9  # not a fresh file: the cache is used
    os.utime(root / CSV, ns=(old, old))
    assert [d for d in run_cached(root, today).diagnostics if d.code == "SV062"] == []
    (root / CSV).write_text("period;dokument;antal\n2025-01;OVK-0001;-1\n", encoding="utf-8")
    os.utime(root / CSV, ns=(old, old))  # the same time: only the content tells
    found = [d for d in run_cached(root, today).diagnostics if d.code == "SV062"]
    assert [d.line for d in found] == [2]


def test_counts_sum_by_quarter_with_every_quarter_present():
    counts = [
        Count(CSV, 2, "2025-01", "OVK-0002", 3),
        Count(CSV, 3, "2025-03", "OVK-0002", 1),
        Count(CSV, 4, "2025-Q3", "OVK-0002", 5),
        Count(CSV, 5, "2025", "OVK-0002", 9),
        Count(CSV, 6, "2024-12", "OVK-0002", 8),
        Count(CSV, 7, "2025-11", "OVK-0001", 1),
    ]
    assert avvikelser.by_quarter(counts, 2025) == {
        "OVK-0001": {"2025-Q1": 0, "2025-Q2": 0, "2025-Q3": 0, "2025-Q4": 1},
        "OVK-0002": {"2025-Q1": 4, "2025-Q2": 0, "2025-Q3": 5, "2025-Q4": 0},
    }
    assert avvikelser.whole_year(counts, 2025) == {"OVK-0002": 9}


def _report(root, fmt):
    return render(build(load(root), 2025, date(2026, 2, 1)), fmt, Links())


def test_the_report_sums_by_quarter_leaving_out_hidden_and_unknown_documents(tmp_path):
    documents = base()
    documents[RUT]["publicera"] = False
    text = (
        "period;dokument;antal;part\n"
        "2025-02;OVK-0001;3;\n2025-08;OVK-0001;4;kommun-a\n2025-09;OVK-0001;1;\n"
        "2025-12;OVK-0001;1;okand\n2025-05;RUT-0001;6;\n2025-05;OVK-0099;2;\n"
        "2024-05;OVK-0001;8;\n2025-05;;2;\n"
    )
    root = write_repo(tmp_path, documents, extra={CSV: text})
    data = json.loads(_report(root, "json"))
    assert data["deviations"] == {
        "OVK-0001": {"2025-Q1": 3, "2025-Q2": 0, "2025-Q3": 5, "2025-Q4": 0}
    }
    markdown = _report(root, "md")
    assert (
        "## Avvikelser 2025\n\nRapporterade avvikelser per dokument och kvartal. Här redovisas "
        "bara antal, aldrig enskilda ärenden.\n\n"
        "| Dokument | Kvartal 1 | Kvartal 2 | Kvartal 3 | Kvartal 4 | Totalt |\n"
        "|---|---:|---:|---:|---:|---:|\n"
        "| OVK-0001 Överenskommelse psykisk funktionsnedsättning | 3 | 0 | 5 | 0 | 8 |\n"
    ) in markdown
    assert "RUT-0001" not in markdown.split("## Avvikelser")[1].split("## ")[0]
    html = _report(root, "html")
    assert '<h2 id="avvikelser">Avvikelser 2025</h2>' in html
    assert 'aria-label="Avvikelser 2025 per kvartal, OVK-0001"' in html


def test_without_deviation_files_the_report_has_no_section_and_an_empty_mapping(tmp_path):
    root = write_repo(tmp_path)
    assert json.loads(_report(root, "json"))["deviations"] == {}
    assert "Avvikelser" not in _report(root, "md")
