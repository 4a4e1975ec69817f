"""`samverkan report` end to end: golden output on the example county, --out safety, links."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import golden
from samverkan_cli.cli import main
from samverkan_cli.scaffold.init import TEMPLATE

TODAY = ["--today", "2026-11-24"]


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("lan") / "lan"
    shutil.copytree(TEMPLATE, target)  # a copy: no git history, so output depends on files only
    return target


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
@pytest.mark.parametrize("year", ["2025", "2026"])  # 2026: the action plan, the year under way
def test_golden_report_for_the_example_county(capsys, request, county, fmt, year):
    code, out, err = run(capsys, "report", "--year", year, "-f", fmt, "-C", str(county), *TODAY)
    assert code == 0, err
    golden.check(request, f"report-{year}.{fmt}", out)


def test_output_is_deterministic(capsys, county):
    first = run(capsys, "report", "--year", "2026", "-f", "html", "-C", str(county), *TODAY)[1]
    second = run(capsys, "report", "--year", "2026", "-f", "html", "-C", str(county), *TODAY)[1]
    assert first == second


def test_html_is_self_contained(capsys, county):
    html = run(capsys, "report", "--year", "2025", "-f", "html", "-C", str(county), *TODAY)[1]
    assert html.startswith("<!DOCTYPE html>") and '<html lang="sv">' in html
    assert "<script" not in html and "<link" not in html and "src=" not in html
    # meetings, types and reviews; the deviations of OVK-0001 and OVK-0003; two indicators
    assert html.count("<svg") == 7 and 'role="img"' in html
    assert "@media print" in html


def test_example_2026_figures(capsys, county):
    data = json.loads(
        run(capsys, "report", "--year", "2026", "-f", "json", "-C", str(county), *TODAY)[1]
    )
    assert data["documents"]["superseded"] == ["HOK-0000"]
    assert "HOK-0001" in data["documents"]["decided"]
    assert "OVK-0004" not in json.dumps(data)  # on remiss: a draft never appears
    groups = {g["id"]: g for g in data["groups"]}
    assert groups["lsg-barn-och-unga"]["terms"] == {"vt": 3, "ht": 3}
    assert groups["bg"]["next_chair"] == "harnosand"


def test_out_is_written_atomically_and_never_overwritten_without_force(
    capsys, county, tmp_path, monkeypatch
):
    monkeypatch.chdir(county)  # a relative --out is from the current folder
    target = county / "rapporter" / "2025.md"
    code, _, err = run(
        capsys, "report", "--year", "2025", "-C", str(county), "--out", "rapporter/2025.md", *TODAY
    )
    assert code == 0 and "Skrev rapporter/2025.md" in err
    text = target.read_text("utf-8")
    assert (
        "](../dokument/avtal/AVT-0001-arbetslivsinriktad-rehabilitering.md)" in text
    )  # relative to the file
    target.write_text("mitt eget", encoding="utf-8")
    code, _, err = run(
        capsys, "report", "--year", "2025", "-C", str(county), "--out", "rapporter/2025.md", *TODAY
    )
    assert code == 2 and "finns redan" in err
    assert target.read_text("utf-8") == "mitt eget"
    assert (
        run(
            capsys,
            "report",
            "--year",
            "2025",
            "-C",
            str(county),
            "--out",
            "rapporter/2025.md",
            "--force",
        )[0]
        == 0
    )
    assert target.read_text("utf-8").startswith("# Årsrapport 2025")
    shutil.rmtree(county / "rapporter")


def test_site_url_links(capsys, county):
    out = run(
        capsys,
        "report",
        "--year",
        "2025",
        "-C",
        str(county),
        "--site-url",
        "https://lan.example/samverkan",
        *TODAY,
    )[1]
    assert "[AVT-0001](https://lan.example/samverkan/dokument/AVT-0001.html)" in out


@pytest.mark.parametrize(
    ("args", "gist"),
    [
        (["report"], "--year saknas"),
        (["report", "--year", "tjugo"], "--year"),
        (["report", "--year", "25"], "--year ska vara ett årtal"),
        (
            ["report", "--year", "2025", "-f", "docx"],
            "Okänt format 'docx'. Välj ett av: md, html, json, pdf.",
        ),
    ],
)
def test_bad_usage(capsys, county, args, gist):
    code, _, err = run(capsys, *args, "-C", str(county))
    assert code == 2 and gist in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("out", "said"),
    [
        ("samverkan.yaml", "är arkivets inställningar"),
        ("dokument/rutiner/rapport.md", "ligger i arkivets mapp dokument/"),
        ("dokument", "är en mapp"),
    ],
)
def test_the_report_never_takes_the_place_of_the_repositorys_files(
    capsys, county, monkeypatch, out, said
):
    monkeypatch.chdir(county)  # a relative --out is from here
    before = (county / "samverkan.yaml").read_bytes()
    code = main(["report", "-C", str(county), "--year", "2025", "--out", out, "--force"])
    _stdout, err = capsys.readouterr()
    assert code == 2 and said in err
    assert (county / "samverkan.yaml").read_bytes() == before
    assert not (county / "dokument/rutiner/rapport.md").exists()


def test_a_report_answered_from_the_last_ones_findings_changes_with_the_documents(
    capsys, tmp_path, monkeypatch
):
    """The year-end findings are kept (validering-arsslut.marshal) and used while no input
    changed: the figures are always those of a report made afresh."""
    import os

    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root)
    arguments = ("report", "--year", "2026", "-f", "json", "-C", str(root), *TODAY)

    def afresh() -> str:
        monkeypatch.setenv("SAMVERKAN_NO_CACHE", "1")
        try:
            return run(capsys, *arguments)[1]
        finally:
            monkeypatch.delenv("SAMVERKAN_NO_CACHE")

    first = run(capsys, *arguments)[1]
    assert (root / ".samverkan/cache/validering-arsslut.marshal").is_file()
    assert run(capsys, *arguments)[1] == first == afresh()
    # validate (as of today) keeps its own: it does not push the report's out
    assert main(["validate", "-C", str(root), *TODAY, "-f", "json"]) in (0, 1)
    capsys.readouterr()
    kept = (root / ".samverkan/cache/validering-arsslut.marshal").read_bytes()
    assert run(capsys, *arguments)[1] == first
    assert (root / ".samverkan/cache/validering-arsslut.marshal").read_bytes() == kept

    path = next((root / "dokument").rglob("RUT-*.md"))
    text = path.read_text("utf-8")
    path.write_text(text.replace("\ndokumentansvarig:", "\nx_ansvarig:", 1), encoding="utf-8")
    past = path.stat().st_mtime_ns - 60 * 10**9  # not fresh: the key is trusted
    os.utime(path, ns=(past, past))
    changed = run(capsys, *arguments)[1]
    assert changed != first and changed == afresh()
    before, after = json.loads(first)["findings"], json.loads(changed)["findings"]
    assert sum(before.values()) < sum(after.values())
