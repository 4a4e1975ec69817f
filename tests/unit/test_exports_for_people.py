"""Exports as people read them (issue 13): the spreadsheet columns carry labels, not keys, the
workbook has column widths, and the Atom feed's ids are the same with or without --base-url,
its self link absolute when there is one."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import openpyxl

from samverkan_cli import exports, forteckning
from samverkan_cli.loading.repository import load
from samverkan_cli.scaffold.init import TEMPLATE

TODAY = date(2026, 11, 24)
ATOM = "{http://www.w3.org/2005/Atom}"


def _entries():
    return forteckning.entries(load(Path(TEMPLATE), use_cache=False), TODAY)


def test_csv_and_xlsx_carry_labels_not_keys(tmp_path):
    entries = _entries()
    rows = list(
        csv.reader(io.StringIO(exports.forteckning_csv(entries).decode("utf-8-sig")), delimiter=";")
    )
    typ, status = rows[0].index("Typ"), rows[0].index("Status")
    assert "Huvudöverenskommelse" in {row[typ] for row in rows[1:]}
    assert "huvudoverenskommelse" not in {row[typ] for row in rows[1:]}
    assert "Beslutad" in {row[status] for row in rows[1:]}
    path = tmp_path / "f.xlsx"
    path.write_bytes(exports.forteckning_xlsx(entries, "Län", TODAY))
    sheet = openpyxl.load_workbook(path).active
    assert "Huvudöverenskommelse" in {cell.value for cell in sheet["B"]}


def test_the_workbook_has_column_widths_from_its_content(tmp_path):
    path = tmp_path / "f.xlsx"
    path.write_bytes(exports.forteckning_xlsx(_entries(), "Län", TODAY))
    widths = {k: v.width for k, v in openpyxl.load_workbook(path).active.column_dimensions.items()}
    assert widths["A"] == len("AVT-0001") + 2  # the id column: as wide as an id
    assert widths["C"] == 62  # the title: long titles, capped
    assert all(width > 5 for width in widths.values())


def _feed(base_url: str | None) -> ElementTree.Element:
    data = exports.atom(_entries(), {}, "Län", TODAY, base_url)
    return ElementTree.fromstring(data)


def test_atom_ids_do_not_depend_on_the_base_url_and_self_is_absolute():
    bare, based = _feed(None), _feed("https://samverkan.example.se/")
    ids = [element.text for element in bare.iter(f"{ATOM}id")]
    assert ids == [element.text for element in based.iter(f"{ATOM}id")]
    assert all(i and i.startswith("urn:samverkan:") for i in ids)
    self_link = next(link for link in based.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "https://samverkan.example.se/atom.xml"


def test_a_group_is_named_by_its_title_in_list_and_exports(capsys):
    from samverkan_cli.cli import main

    rutin = next(e for e in _entries() if e.id == "RUT-0001")
    assert rutin.decision.startswith("Fastställd av Beredningsgruppen 2026-09-15")
    assert main(["list", "-C", str(TEMPLATE), "--today", "2026-11-24", "-f", "csv"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("RUT-0001"))
    assert "Fastställd av Beredningsgruppen" in row and "av bg " not in row


def test_a_project_with_an_end_is_not_in_force_for_ever():
    project = next(e for e in _entries() if e.id == "PRJ-0001")
    assert exports.valid_until(project) == "2027-06-30 (projektets slut)"
    assert "tills vidare" not in exports.summary_cells(project)


def test_markdown_cells_show_markup_as_text():
    """`list --format md` is read through a Markdown renderer: a title's `<script>` or `|` is
    text in its cell, never markup."""
    entry = _entries()[0]
    hostile = dataclasses.replace(
        entry, model=entry.model.model_copy(update={"titel": "Rutin <script>x</script> | & mer"})
    )
    row = exports.forteckning_markdown([hostile]).splitlines()[2]
    assert "&lt;script&gt;x&lt;/script&gt; \\| &amp; mer" in row
    assert "<script>" not in row
