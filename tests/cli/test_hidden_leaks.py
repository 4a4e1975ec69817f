"""Nothing of a hidden document, group or draft record reaches any public output (issue 11)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import RUT, base, init_git, write_repo
from leaks import public_text
from samverkan_cli.cli import main

TODAY = ["--today", "2026-06-15"]
HIDDEN_TITLE = "Hemlig personalrutin"
HIDDEN = "dokument/rutiner/RUT-0009-hemlig.md"
SECRET_GROUP = "grupper/hr-grupp.md"
DRAFT_MEETING = "moten/2026/2026-03-01-bg.md"
DRAFT_TEXT = "Utkast till minnesanteckningar som inte är justerade"
COMMIT_SECRET = "Flyttade text om omorganisationen"


def _repo(root: Path) -> Path:
    documents = base()
    documents[HIDDEN] = {
        "id": "RUT-0009",
        "typ": "rutin",
        "titel": HIDDEN_TITLE,
        "status": "beslutad",
        "publicera": False,
        "overordnad": "OVK-0001",
        "dokumentansvarig": "HR",
        "faststalld": {"av": "bg", "datum": "2026-01-10"},
        "giltig_fran": "2026-02-01",
    }
    documents[SECRET_GROUP] = {
        "id": "hr-grupp",
        "typ": "grupp",
        "titel": "Hemlig arbetsgrupp",
        "status": "beslutad",
        "publicera": False,
        "dokumentansvarig": "HR",
        "beslut": [{"instans": "RS", "datum": "2025-11-01"}],
        "giltig_fran": "2026-01-01",
    }
    documents[RUT] |= {
        "relaterade": ["RUT-0009"],
        "faststalld": {"av": "hr-grupp", "datum": "2026-03-01"},
    }
    documents["dokument/rutiner/RUT-0002-gammal.md"] = {
        "id": "RUT-0002",
        "typ": "rutin",
        "titel": "Gammal rutin",
        "status": "ersatt",
        "ersatt_av": "RUT-0009",
        "upphavd_datum": "2026-02-01",
        "overordnad": "OVK-0001",
        "dokumentansvarig": "Samordnare",
        "faststalld": {"av": "bg", "datum": "2025-03-01"},
        "giltig_fran": "2025-03-01",
    }
    write_repo(root, documents)
    (root / DRAFT_MEETING).write_text(
        "---\ntyp: mote\ngrupp: bg\ndatum: 2026-03-01\nhandling: minnesanteckningar\n"
        f"status: utkast\n---\n# Minnesanteckningar\n\n{DRAFT_TEXT}\n",
        encoding="utf-8",
    )
    (root / RUT).write_text(
        (root / RUT).read_text("utf-8") + "\nSe [rutinen](RUT-0009).\n", encoding="utf-8"
    )
    init_git(root)
    for path in (HIDDEN, RUT):
        with (root / path).open("a", encoding="utf-8") as file:
            file.write("\nTillägg.\n")
    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "HOME": str(root)}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "commit", "-qam", COMMIT_SECRET], cwd=root, env=env, check=True)
    return root


MARKERS = (HIDDEN_TITLE, "RUT-0009", "hr-grupp", "Hemlig arbetsgrupp", DRAFT_TEXT, COMMIT_SECRET)


def _leaks(texts: dict[str, str]) -> list[tuple[str, str]]:
    return [(path, marker) for path, text in texts.items() for marker in MARKERS if marker in text]


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    return _repo(tmp_path_factory.mktemp("lan") / "lan")


def test_site_says_nothing_of_hidden_things(capsys, county, tmp_path):
    out = tmp_path / "webbplats"
    assert main(["publish", "-C", str(county), "--out", str(out), *TODAY]) == 0
    capsys.readouterr()
    texts = public_text(out)
    assert _leaks(texts) == []
    # What is public stays: the page and its history, without the messages of commits that
    # also touched a hidden file (both of them did: the first commit touched every file).
    page = texts["dokument/RUT-0001.html"]
    assert "Rutin för SIP" in page
    assert page.count("<td>–</td><td>T</td>") == 1 and page.count("<td>–</td><td>Test</td>") == 1
    assert "Första versionen" not in page
    assert "kalla/RUT-0001.md" not in texts  # its source links to the hidden document
    assert "kalla/RUT-0001.md" not in page
    assert "kalla/OVK-0001.md" in texts


def test_draft_meeting_is_nowhere(capsys, county, tmp_path):
    out = tmp_path / "webbplats"
    assert main(["publish", "-C", str(county), "--out", str(out), *TODAY]) == 0
    capsys.readouterr()
    texts = public_text(out)
    assert "2026-03-01" not in texts["grupper/bg.html"]
    assert "20260301" not in texts["kalender.ics"]


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "table"])
def test_list_says_nothing_of_hidden_things(capsys, county, fmt):
    assert main(["list", "-C", str(county), "--format", fmt, *TODAY]) == 0
    out, _err = capsys.readouterr()
    assert _leaks({"list": out}) == []
    assert "RUT-0002" in out


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_report_says_nothing_of_hidden_things(capsys, county, tmp_path, fmt):
    out = tmp_path / f"rapport.{fmt}"
    args = ["report", "-C", str(county), "--year", "2026", "--format", fmt, "--out", str(out)]
    assert main([*args, "--today", "2026-12-01"]) in (0, 1)
    capsys.readouterr()
    assert _leaks({"rapport": out.read_text("utf-8")}) == []


def _pdf_texts(folder: Path) -> dict[str, str]:
    from pdfread import Read

    return {p.relative_to(folder).as_posix(): Read.of(p).text() for p in folder.rglob("*.pdf")}


def test_site_pdfs_say_nothing_of_hidden_things(capsys, county, tmp_path):
    pytest.importorskip("typst")
    out = tmp_path / "webbplats"
    assert main(["publish", "-C", str(county), "--out", str(out), "--pdf", *TODAY]) == 0
    capsys.readouterr()
    texts = _pdf_texts(out)
    assert "dokument/RUT-0001.pdf" in texts and "dokument/RUT-0002.pdf" in texts
    assert "dokument/RUT-0009.pdf" not in texts
    assert _leaks(texts) == []
    assert _leaks(public_text(out)) == []


def test_report_pdf_says_nothing_of_hidden_things(capsys, county, tmp_path):
    pytest.importorskip("typst")
    out = tmp_path / "rapport.pdf"
    args = ["report", "-C", str(county), "--year", "2026", "--format", "pdf", "--out", str(out)]
    assert main([*args, "--today", "2026-12-01"]) in (0, 1)
    capsys.readouterr()
    assert _leaks(_pdf_texts(tmp_path)) == []
    assert "Rutin för SIP" in " ".join(_pdf_texts(tmp_path)["rapport.pdf"].split())
