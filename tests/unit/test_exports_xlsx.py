"""forteckning.xlsx: the rows written here are the XML openpyxl writes, and every cell is text."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan_cli import exports

#: Text as titles, names and dates are; openpyxl makes '=…' a formula and '#N/A' an error,
#: which sheet_rows deliberately does not, so those are compared elsewhere.
CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x0b\x0c").filter(
        lambda c: c in "\t\n\r" or ord(c) >= 0x20
    ),
    max_size=12,
).filter(lambda text: not text.startswith(("=", "#")))


def openpyxl_rows(rows: list[list[str]]) -> str:
    """The <row> elements openpyxl's write-only mode writes for `rows` after a heading row."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Blad")
    sheet.append(["Rubrik"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    xml = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml").decode("utf-8")
    start = xml.index('<row r="2">') if rows else xml.index("</sheetData>")
    return xml[start : xml.index("</sheetData>")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELL, min_size=1, max_size=4), max_size=4))
def test_rows_are_the_xml_openpyxl_writes(rows: list[list[str]]) -> None:
    width = max((len(row) for row in rows), default=0)
    rows = [row + [""] * (width - len(row)) for row in rows]
    assert exports.sheet_rows(rows, first=2) == openpyxl_rows(rows)


def test_rows_with_what_xml_escapes_and_edge_spaces() -> None:
    rows = [["A & B <c>", " kant", "", "Överenskommelse\nrad två", "x "]]
    assert exports.sheet_rows(rows, first=2) == openpyxl_rows(rows)
    assert ' xml:space="preserve"> kant<' in exports.sheet_rows(rows, first=2)


def test_a_title_that_looks_like_a_formula_stays_text() -> None:
    from openpyxl import load_workbook

    rows = [['=HYPERLINK("http://example.org")', "#N/A"]]
    xml = exports.sheet_rows(rows, first=2)
    assert "<f>" not in xml and 't="e"' not in xml
    data = exports._repacked(_empty_workbook(), {"xl/worksheets/sheet1.xml": xml})
    sheet = load_workbook(io.BytesIO(data)).active
    assert [(c.value, c.data_type) for c in sheet[2]] == [
        ('=HYPERLINK("http://example.org")', "s"),
        ("#N/A", "s"),
    ]


def _empty_workbook() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    workbook.create_sheet("Blad").append(["Rubrik", "Rubrik"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_whole_workbook_reads_back() -> None:
    from openpyxl import load_workbook

    data = exports.forteckning_xlsx([], "Länet", date(2026, 11, 24))
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]][:3] == ["Id", "Typ", "Titel"]
    assert sheet.max_row == 1
