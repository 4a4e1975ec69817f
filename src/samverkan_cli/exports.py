"""The förteckning as data: JSON, CSV, Markdown, XLSX, iCalendar and Atom.

Every function takes entries that are already filtered for visibility (forteckning.entries),
and gives the same bytes for the same input: no clock, sorted input, fixed zip timestamps.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final
from xml.etree import ElementTree

from samverkan_cli import antagande
from samverkan_cli.forteckning import Entry
from samverkan_cli.git import Change
from samverkan_cli.printable import printable

if TYPE_CHECKING:
    from samverkan_cli.loading.repository import Repository

#: forteckning.json's shape version; raise it on any incompatible change (other tools read it).
JSON_VERSION: Final = 1
COLUMNS: Final = (
    "id",
    "typ",
    "titel",
    "status",
    "gallande",
    "parter",
    "malgrupp",
    "beslut",
    "giltig_fran",
    "giltig_till",
    "nasta_granskning",
    "dokumentansvarig",
    "diarienummer",
    "overordnad",
    "sida",
)
HEADINGS: Final = (
    "Id",
    "Typ",
    "Titel",
    "Status",
    "Gäller",
    "Parter",
    "Målgrupp",
    "Beslut",
    "Giltig från",
    "Giltig till",
    "Nästa granskning",
    "Dokumentansvarig",
    "Diarienummer",
    "Överordnat",
    "Sida",
)


def page(entry_id: str) -> str:
    """A document's page, relative to the site root (the report links here too)."""
    return f"dokument/{entry_id}.html"


def group_page(group_id: str) -> str:
    """A group's page, relative to the site root."""
    return f"grupper/{group_id}.html"


def record(e: Entry) -> dict[str, Any]:
    m = e.model
    return {
        "id": m.id,
        "typ": m.typ,
        "titel": m.titel,
        "status": m.status,
        "gallande": e.in_force,
        "parter": [{"nyckel": key, "namn": name} for key, name in e.parties],
        "malgrupp": m.malgrupp,
        "beslut": e.decision or None,
        "giltig_fran": _iso(m.giltig_fran),
        "giltig_till": _iso(m.giltig_till),
        "nasta_granskning": _iso(e.next_review),
        "dokumentansvarig": m.dokumentansvarig,
        "diarienummer": m.diarienummer,
        "overordnad": m.overordnad,
        "sida": page(m.id),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def deviation_totals(repo: Repository, shown: frozenset[str]) -> dict[str, dict[str, int]]:
    """The deviations of the documents `shown`, per period as written (summed over parties
    and categories; rows naming a party not in samverkan.yaml are SV062's and left out)."""
    from samverkan_cli import avvikelser

    totals: dict[str, dict[str, int]] = {}
    for count in avvikelser.read(repo.root).counts:
        if count.dokument not in shown:
            continue
        if count.part is not None and count.part not in repo.config.parter:
            continue
        periods = totals.setdefault(count.dokument, {})
        periods[count.period] = periods.get(count.period, 0) + count.antal
    return {key: dict(sorted(value.items())) for key, value in sorted(totals.items())}


def forteckning_json(
    entries: list[Entry],
    name: str,
    today: date,
    deviations: Mapping[str, Mapping[str, int]] | None = None,
) -> str:
    data = {
        "version": JSON_VERSION,
        "namn": name,
        "datum": today.isoformat(),
        "dokument": [{**record(e), **follow_up(e, deviations or {})} for e in entries],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def follow_up(e: Entry, deviations: Mapping[str, Mapping[str, int]]) -> dict[str, Any]:
    """Keys added in contract 2 (SPEC §8.5, §8.6): readers of version 1 keep working, since
    keys are only ever added."""
    m = e.model
    activities = getattr(m, "aktiviteter", None) or ()
    return {
        "lagkrav": list(m.lagkrav or ()),
        "indikatorer": [
            {"namn": i.namn, "enhet": i.enhet, "varden": dict(sorted(i.varden.items()))}
            for i in m.indikatorer or ()
        ],
        "aktiviteter": [
            {
                "aktivitet": a.aktivitet,
                "ansvar": a.ansvar,
                "klart": a.klart.isoformat(),
                "status": a.status,
                "kommentar": a.kommentar,
            }
            for a in activities
        ],
        "avvikelser": dict(deviations.get(m.id, {})),
    }


def _row(e: Entry) -> list[str]:
    """A document as people read it in a spreadsheet: labels, not the keys json carries."""
    values = record(e)
    values["typ"] = e.typ_label
    values["status"] = e.status_label
    values["parter"] = ", ".join(p["namn"] for p in values["parter"])
    values["gallande"] = "ja" if e.in_force else "nej"
    values["giltig_till"] = valid_until(e)
    return ["" if values[c] is None else str(values[c]) for c in COLUMNS]


#: The widest a spreadsheet column is made (characters); longer text wraps or runs on.
_WIDEST: Final = 60


def column_widths(rows: list[list[str]]) -> list[int]:
    """Each column as wide as its heading or its longest cell, at most _WIDEST, plus a margin."""
    return [
        min(_WIDEST, max(len(text) for text in (heading, *(row[i] for row in rows)))) + 2
        for i, heading in enumerate(HEADINGS)
    ]


#: What a spreadsheet program reads as the start of a formula (SPEC §8.9).
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell as text a spreadsheet program never runs: a formula-like start gets an apostrophe
    (`=HYPERLINK(…)` became a live link in LibreOffice)."""
    return f"'{cell}" if cell.startswith(_FORMULA_START) else cell


def forteckning_csv(entries: list[Entry]) -> bytes:
    """UTF-8 with BOM and semicolons, so Swedish Excel opens it with å, ä, ö intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADINGS)
    writer.writerows([spreadsheet_safe(cell) for cell in _row(e)] for e in entries)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


#: The short form of the förteckning: the terminal table and the Markdown export.
SUMMARY_HEADINGS: Final = (
    "Id",
    "Typ",
    "Titel",
    "Status",
    "Gäller",
    "Beslut",
    "Giltig till",
    "Nästa granskning",
    "Dokumentansvarig",
)


def valid_until(e: Entry) -> str:
    """Until when a document holds, in words: its giltig_till, a project's end, or "tills
    vidare" (a project with an end is not in force for ever)."""
    if e.model.giltig_till:
        return str(e.model.giltig_till)
    from samverkan_cli.model.documents import Projekt

    end = e.model.slut if isinstance(e.model, Projekt) else None
    return f"{end} (projektets slut)" if end else "tills vidare"


def summary_cells(e: Entry) -> list[str]:
    review = "" if e.next_review is None else str(e.next_review)
    if e.review_overdue:
        review += " (försenad)"
    return [
        e.id,
        e.typ_label,
        e.model.titel,
        e.status_label,
        "ja" if e.in_force else "nej",
        e.decision,
        valid_until(e),
        review,
        e.model.dokumentansvarig or "",
    ]


def forteckning_markdown(entries: list[Entry]) -> str:
    lines = ["| " + " | ".join(SUMMARY_HEADINGS) + " |", "|" + "---|" * len(SUMMARY_HEADINGS)]
    lines += ["| " + " | ".join(_md_cell(c) for c in summary_cells(e)) + " |" for e in entries]
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    """A table cell of Markdown as its text reads: a renderer (GitHub's, a wiki's) would take
    `<script>` or `|` in a title as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def forteckning_xlsx(entries: list[Entry], name: str, today: date) -> bytes:
    """A workbook with one sheet: openpyxl makes the workbook and the heading row, and the rows
    of documents are written into its sheet as XML here.

    openpyxl spends ~0.2 ms a row (2 s for 10,000 documents, made again whenever a title
    changes); the rows are the XML its write-only mode writes for text (a test holds the two to
    the same bytes), except that every cell is text: openpyxl would make a title beginning with
    '=' a formula, which a spreadsheet program then runs.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.writer.excel import ExcelWriter

    rows = [_row(e) for e in entries]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Förteckning")
    sheet.freeze_panes = "A2"
    for letter, width in zip(_COLUMNS, column_widths(rows), strict=False):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    header = []
    for heading in HEADINGS:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    stamp = datetime(today.year, today.month, today.day)
    workbook.properties.creator = "samverkan"
    workbook.properties.title = name
    workbook.properties.created = workbook.properties.modified = stamp
    # Workbook.save() stamps 'modified' with the clock; the writer underneath it does not.
    buffer = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _repacked(buffer.getvalue(), {_SHEET: sheet_rows(rows, first=2)})


_SHEET: Final = "xl/worksheets/sheet1.xml"
_COLUMNS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: What a worksheet cannot hold (openpyxl refuses them); YAML front matter cannot either.
_NOT_IN_SHEETS: Final = re.compile(r"[\000-\010\013\014\016-\037\ufffe\uffff]")


def sheet_rows(rows: list[list[str]], first: int) -> str:
    """`rows` of text as the <row> elements of a worksheet, numbered from `first`."""
    parts = []
    letters = _COLUMNS[: max((len(row) for row in rows), default=0)]
    for number, row in enumerate(rows, start=first):
        parts.append(f'<row r="{number}">')
        for letter, value in zip(letters, row, strict=False):
            if not value:
                parts.append(f'<c r="{letter}{number}" t="inlineStr" />')
                continue
            text = _NOT_IN_SHEETS.sub("", value[:32767])
            stripped = text.strip()
            space = ' xml:space="preserve"' if stripped and stripped != text else ""
            text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            parts.append(f'<c r="{letter}{number}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
        parts.append("</row>")
    return "".join(parts)


def _repacked(data: bytes, rows: dict[str, str]) -> bytes:
    """openpyxl's workbook zipped again: each entry stamped with the zip epoch instead of the
    clock (so output is reproducible), and `rows` (<row> elements, by sheet file name) added at
    the end of their sheet's data."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename in rows:
                end = content.rindex(b"</sheetData>")
                content = content[:end] + rows[info.filename].encode("utf-8") + content[end:]
            target.writestr(fixed, content)
    return out.getvalue()


#: One calendar event: (day, uid without the domain, summary, page address or None).
CalendarEvent = tuple[date, str, str, str | None]


def calendar_ics(
    entries: list[Entry],
    meetings: list[tuple[str, str, date, str]],
    name: str,
    today: date,
    base_url: str | None,
) -> bytes:
    """Reviews, expiries and meetings as all-day events with stable UIDs."""
    events: list[CalendarEvent] = []
    for e in entries:
        url = _absolute(base_url, page(e.id))
        if e.next_review is not None and not e.archived:
            events.append(
                (e.next_review, f"granskning-{e.id}", f"Granskning: {e.id} {e.model.titel}", url)
            )
        if e.model.giltig_till is not None and not e.archived:
            events.append(
                (e.model.giltig_till, f"slut-{e.id}", f"Slutar gälla: {e.id} {e.model.titel}", url)
            )
        plan = antagande.under_way(e.model)
        if plan is not None:
            events.append(
                (
                    plan.svara_senast,
                    f"svar-{e.id}",
                    f"Sista dag för parternas beslut: {e.id} {e.model.titel}",
                    url,
                )
            )
    for group_id, group_name, day, handling in meetings:
        url = _absolute(base_url, group_page(group_id))
        events.append(
            (day, f"mote-{day.isoformat()}-{group_id}", f"{group_name}: möte ({handling})", url)
        )
    return ics(events, f"{name}: granskningar, slutdatum, svarsdagar och möten", today)


def ics(events: list[CalendarEvent], calendar_name: str, today: date) -> bytes:
    """An iCalendar file (RFC 5545) of all-day `events`, sorted, stamped with `today`.

    Written as text: the file is a few fixed lines an event, and icalendar's objects cost
    ~0.2 ms an event (2.4 s for 10,000 documents, made again whenever a title changes). The
    lines are those icalendar writes; a test holds the two to the same bytes and reads the
    file back with icalendar.
    """
    stamp = f"DTSTAMP:{today:%Y%m%d}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//samverkan//förteckning//SV",
        f"X-WR-CALNAME:{_ics_text(calendar_name)}",
    ]
    for day, uid, summary, url in sorted(events):
        lines += [
            "BEGIN:VEVENT",
            f"SUMMARY:{_ics_text(summary)}",
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",  # a date, not a date-time (RFC 5545 §3.3.4)
            stamp,
            f"UID:{_ics_text(uid)}@samverkan",
        ]
        if url:
            lines.append(f"URL:{url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(f"{_fold(line)}\r\n" for line in lines).encode("utf-8")


def _ics_text(text: str) -> str:
    """A TEXT value escaped (RFC 5545 §3.3.11), without control characters (§3.1)."""
    text = printable(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """A content line folded to at most 75 octets a line (RFC 5545 §3.1), never inside a
    character nor after a backslash or caret (escapes in TEXT and, by RFC 6868, parameters),
    as icalendar folds."""
    if len(line.encode("utf-8")) < 75:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and size + width >= 75:
            carried = current.pop() if len(current) > 1 and current[-1] in "\\^" else ""
            pieces.append("".join(current))
            current, size = ([carried], 1) if carried else ([], 0)
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _absolute(base_url: str | None, path: str) -> str | None:
    return f"{base_url.rstrip('/')}/{path}" if base_url else None


def atom(
    entries: list[Entry],
    history: dict[str, list[Change]],
    name: str,
    today: date,
    base_url: str | None,
    limit: int = 50,
) -> bytes:
    """Documents changed, newest first: git history where there is one, else the documents' own dates."""
    from samverkan_cli.forteckning import latest_change

    ns = "http://www.w3.org/2005/Atom"
    ElementTree.register_namespace("", ns)
    items = []
    for e in entries:
        changes = history.get(e.document.path, [])
        updated = changes[0].day if changes else latest_change(e.model)
        if updated is not None:
            note = (changes[0].message if changes else "") or e.decision or e.status_label
            items.append((updated, e, note))
    items.sort(key=lambda item: (item[0], item[1].id), reverse=True)
    feed = ElementTree.Element(f"{{{ns}}}feed")
    _text(feed, ns, "title", f"{name}: ändrade dokument")
    # Ids are the same with or without --base-url (a reader that has seen an entry keeps it).
    _text(feed, ns, "id", f"urn:samverkan:{_urn(name)}")
    _text(feed, ns, "updated", _stamp(max((i[0] for i in items), default=today)))
    author = ElementTree.SubElement(feed, f"{{{ns}}}author")
    _text(author, ns, "name", name)
    ElementTree.SubElement(
        feed, f"{{{ns}}}link", rel="self", href=_absolute(base_url, "atom.xml") or "atom.xml"
    )
    for updated, e, note in items[:limit]:
        item = ElementTree.SubElement(feed, f"{{{ns}}}entry")
        _text(item, ns, "title", f"{e.id} {e.model.titel}")
        _text(item, ns, "id", f"urn:samverkan:{_urn(name)}:{e.id}")
        _text(item, ns, "updated", _stamp(updated))
        ElementTree.SubElement(
            item, f"{{{ns}}}link", href=_absolute(base_url, page(e.id)) or page(e.id)
        )
        _text(item, ns, "summary", f"{e.typ_label}, {e.status_label.lower()}. {note}")
    ElementTree.indent(feed)
    data: bytes = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def _text(parent: ElementTree.Element, ns: str, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, f"{{{ns}}}{tag}").text = printable(text)


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _urn(name: str) -> str:
    from samverkan_cli.slug import slugify

    return slugify(name)
