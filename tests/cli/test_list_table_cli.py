"""`samverkan list` in a terminal of any width (issue 13): the columns are chosen by width, no id,
date or heading word is broken, the table never runs past the edge, what is left out is named,
and an empty result says so."""

from __future__ import annotations

import re
import shutil

import pytest

from samverkan_cli.cli import main
from samverkan_cli.scaffold.init import TEMPLATE

TODAY = ["--today", "2026-11-24"]
TOKENS = re.compile(r"\b[A-Z]{2,4}-\d{4}\b|\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    root = tmp_path_factory.mktemp("lista") / "lan"
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns(".samverkan"))
    return root


def _table(capsys, monkeypatch, county, width: int, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    assert main(["list", "-C", str(county), *TODAY, *args]) == 0
    return capsys.readouterr().out


def _whole(capsys, county) -> set[str]:
    assert main(["list", "-C", str(county), *TODAY, "-f", "csv"]) == 0
    return set(TOKENS.findall(capsys.readouterr().out))


@pytest.mark.parametrize("width", [60, 80, 120, 200])
def test_the_table_fits_and_breaks_no_id_or_date(capsys, monkeypatch, county, width):
    text = _table(capsys, monkeypatch, county, width)
    lines = text.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= width
    ids = {t for t in _whole(capsys, county) if not t[0].isdigit()}
    shown = set(TOKENS.findall(text))
    assert ids <= shown  # every id whole, on one line
    # A cell that ends in the middle of an id or a date ("AVT-", "2027-06-") broke it.
    broken = re.findall(r"\b(?:[A-Z]{2,4}|\d{4}|\d{4}-\d{2})-\s*[│┃]", text)
    assert broken == []


def test_at_80_columns_the_title_stays_and_the_rest_is_named(capsys, monkeypatch, county):
    text = _table(capsys, monkeypatch, county, 80)
    heading = next(line for line in text.splitlines() if "Titel" in line)
    assert "Id" in heading and "Status" in heading
    assert "Utelämnat för att få plats:" in text and "--format csv" in text
    for word in ("Titel", "Status", "granskning"):
        assert word in text  # heading words are never cut


def test_wide_enough_every_column_is_shown(capsys, monkeypatch, county):
    text = _table(capsys, monkeypatch, county, 400)
    assert "Utelämnat" not in text
    assert "Dokumentansvarig" in text and "Beslut" in text


def test_an_empty_result_says_so(capsys, monkeypatch, county):
    text = _table(capsys, monkeypatch, county, 80, "--typ", "projekt", "--status", "utkast")
    assert "0 dokument" in text
    assert "Inga dokument motsvarar urvalet" in text
    assert "┏" not in text
