"""`samverkan avvikelser import`: a deviation system's row export turned into counts (SPEC §8.6).

The export holds one row per deviation, often with free text and personal details about the
case. Nothing of it leaves the export but four things: the month of its date, the document it
maps to (an id, or a title matched exactly), the party (a key, or a party's namn in any case)
and a short category. A value that cannot be mapped is counted under an empty cell and reported;
it is never copied. Plan, then apply: `plan` computes every file's new text and what could not
be mapped, `apply` writes them atomically.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

from samverkan_cli import avvikelser, personnummer
from samverkan_cli.errors import UserError
from samverkan_cli.fileio import RefusedFile, RepositoryFiles, write_atomic
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.documents import Common
from samverkan_cli.scaffold.new import inside

#: The export's columns by what they mean, and the name each has unless --kolumner says.
ROLES: Final = ("datum", "dokument", "part", "kategori")
_DATE: Final = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
#: A category longer than this is free text, not a category, and is not copied.
CATEGORY_LIMIT: Final = 60
_SHOWN_ROWS: Final = 5


@dataclass(frozen=True)
class Columns:
    """The export's column for each role; `given` the roles --kolumner named."""

    names: dict[str, str] = field(default_factory=lambda: {role: role for role in ROLES})
    given: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Unmapped:
    """Rows whose value in `role` could not be mapped (`shown`: the value, or why it is not)."""

    role: str
    shown: str
    rows: tuple[int, ...]


@dataclass(frozen=True)
class PlannedFile:
    path: str  # repository-relative
    text: str
    months: tuple[str, ...]  # the months the export replaced
    deviations: int  # counted from the export


@dataclass(frozen=True)
class Plan:
    files: tuple[PlannedFile, ...]
    unmapped: tuple[Unmapped, ...]
    undated: tuple[int, ...]  # rows without a readable date: not counted

    def notes(self) -> list[str]:
        """What the user must know, in Swedish: values not mapped, rows not counted."""
        found = [_unmapped_note(u) for u in self.unmapped]
        if self.undated:
            found.append(
                f"{_rows(len(self.undated))} saknar ett läsbart datum ({_row_list(self.undated)}) "
                "och räknades inte. Datum ska skrivas ÅÅÅÅ-MM-DD, gärna med klockslag."
            )
        return found


@dataclass(frozen=True, slots=True)
class _Key:
    period: str
    dokument: str
    part: str
    kategori: str


def parse_columns(text: str | None) -> Columns:
    """`datum=Händelsedatum,dokument=Rutin` as Columns; UserError on anything else."""
    if not text:
        return Columns()
    names = {role: role for role in ROLES}
    given: set[str] = set()
    for piece in text.split(","):
        role, sign, name = piece.partition("=")
        role = role.strip().casefold()
        if not sign or role not in ROLES or not name.strip():
            raise UserError(
                f"--kolumner: '{piece.strip()}' går inte att läsa. Skriv ROLL=KOLUMN, med "
                "kommatecken mellan, där ROLL är datum, dokument, part eller kategori, t.ex. "
                "--kolumner datum=Händelsedatum,dokument=Rutin."
            )
        names[role], given = name.strip(), given | {role}
    return Columns(names, frozenset(given))


def plan(repo: Repository, export: bytes, columns: Columns) -> Plan:
    """Every deviation file the export changes, with its new text; nothing is written."""
    header, rows = _table(export)
    where = _positions(header, columns)
    mapper = _Mapper(repo)
    counts: Counter[_Key] = Counter()
    undated: list[int] = []
    for line, cells in rows:
        month = _month(_cell(cells, where.get("datum")))
        if month is None:
            undated.append(line)
            continue
        values = {role: _cell(cells, where.get(role)) for role in ("dokument", "part", "kategori")}
        mapped = mapper.map(line, values, where)
        counts[_Key(month, *mapped)] += 1
    return Plan(
        tuple(_planned_files(repo.root, counts, where)),
        tuple(mapper.unmapped()),
        tuple(undated),
    )


def apply(root: Path, planned: Plan) -> None:
    for one in planned.files:
        write_atomic(inside(root, one.path), one.text)


def _table(export: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (folded names) and the rows (first line, cells) of the export."""
    try:
        text = export.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(
            "Exportfilen är inte UTF-8. Exportera den som UTF-8 (i Excel: Spara som → CSV "
            "UTF-8) och försök igen."
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    found, start = [], 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            found.append((start, cells))
        start = reader.line_num + 1
    if not found:
        raise UserError("Exportfilen är tom. Den ska ha en rubrikrad och en rad per avvikelse.")
    header = [cell.strip().casefold() for cell in found[0][1]]
    return header, found[1:]


def _positions(header: list[str], columns: Columns) -> dict[str, int]:
    """The index of each role's column; UserError when a needed one is missing."""
    where = {}
    for role, name in columns.names.items():
        if name.casefold() in header:
            where[role] = header.index(name.casefold())
        elif role in ("datum", "dokument") or role in columns.given:
            raise UserError(
                f"Exportfilen har ingen kolumn '{name}' (för {role}). Kolumnerna i rubrikraden "
                f"är: {', '.join(header)}. Ange rätt kolumn med --kolumner {role}=NAMN."
            )
    return where


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _month(text: str) -> str | None:
    match = _DATE.match(text)
    if match is None:
        return None
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return f"{day.year:04d}-{day.month:02d}"


def _plain(value: str) -> bool:
    """Whether a value may be shown or copied: short, printable, no formula, no identity number."""
    return (
        len(value) <= CATEGORY_LIMIT
        and value.isprintable()
        and not value.startswith(("=", "+", "-", "@"))
        and next(personnummer.find(value), None) is None
    )


class _Mapper:
    """Maps the export's values to ids and party keys, and remembers what it could not map."""

    def __init__(self, repo: Repository) -> None:
        self.config = repo.config
        self.ids = set(repo.by_id)
        titles: dict[str, set[str]] = {}
        for document in repo.documents:
            if isinstance(document.model, Common) and document.id:
                titles.setdefault(document.model.titel.strip(), set()).add(document.id)
        self.titles = {title: ids.pop() for title, ids in titles.items() if len(ids) == 1}
        self.missed: dict[tuple[str, str], list[int]] = {}

    def map(self, line: int, values: dict[str, str], where: dict[str, int]) -> tuple[str, ...]:
        found = (
            self._document(values["dokument"]),
            self._party(values["part"]) if "part" in where else "",
            self._category(values["kategori"]) if "kategori" in where else "",
        )
        for role, mapped in zip(("dokument", "part", "kategori"), found, strict=True):
            value = values[role]
            if value and not mapped:
                shown = f"'{value}'" if _plain(value) else _HIDDEN
                self.missed.setdefault((role, shown), []).append(line)
        return found

    def _document(self, value: str) -> str:
        if value in self.ids:
            return value
        return self.titles.get(value, "")

    def _party(self, value: str) -> str:
        keys = self.config.party_keys(value) if value else []
        return keys[0] if len(keys) == 1 else ""

    def _category(self, value: str) -> str:
        return value if _plain(value) else ""

    def unmapped(self) -> Iterator[Unmapped]:
        for (role, shown), rows in sorted(
            self.missed.items(), key=lambda item: (ROLES.index(item[0][0]), item[0][1])
        ):
            yield Unmapped(role, shown, tuple(rows))


_HIDDEN: Final = "(värdet visas inte: det ser ut som fritext eller innehåller ett personnummer)"


def _planned_files(
    root: Path, counts: Counter[_Key], where: dict[str, int]
) -> Iterator[PlannedFile]:
    years = sorted({key.period[:4] for key in counts})
    for year in years:
        ours = {key: n for key, n in counts.items() if key.period.startswith(year)}
        months = tuple(sorted({key.period for key in ours}))
        relative = f"{avvikelser.FOLDER}/{year}.csv"
        kept = [c for c in _existing(root, relative) if c.period not in months]
        rows: Counter[_Key] = Counter()
        for count in kept:
            rows[_Key(count.period, count.dokument, count.part or "", count.kategori or "")] += (
                count.antal
            )
        rows.update(ours)
        optional = [
            role
            for role in avvikelser.OPTIONAL
            if role in where or any(getattr(c, role) for c in kept)
        ]
        yield PlannedFile(relative, _render(rows, optional), months, sum(ours.values()))


def _existing(root: Path, relative: str) -> tuple[avvikelser.Count, ...]:
    """The counts already in the year's file; UserError when it cannot be read as one."""
    path = inside(root, relative)
    if not path.exists():
        return ()
    try:
        data = RepositoryFiles(root).read(path)
    except (OSError, RefusedFile) as error:
        why = error.message if isinstance(error, RefusedFile) else str(error.strerror)
        raise UserError(f"{relative} kan inte läsas: {why} Inget skrevs.") from None
    found = avvikelser.parse(relative, data)
    if found.problems:
        first = found.problems[0]
        raise UserError(
            f"{relative} rad {first.line}: {first.message} Rätta filen först (samverkan "
            f"validate {relative} visar allt som är fel); inget skrevs."
        )
    return found.counts


def _render(rows: dict[_Key, int], optional: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow([*avvikelser.REQUIRED, *optional])
    for key in sorted(rows, key=lambda k: (k.period, k.dokument, k.part, k.kategori)):
        extra = [getattr(key, role) for role in optional]
        writer.writerow([key.period, key.dokument, rows[key], *extra])
    return out.getvalue()


def _rows(count: int) -> str:
    return "1 rad" if count == 1 else f"{count} rader"


def _row_list(rows: Iterable[int]) -> str:
    listed = list(rows)
    shown = ", ".join(str(r) for r in listed[:_SHOWN_ROWS])
    more = f" och {len(listed) - _SHOWN_ROWS} till" if len(listed) > _SHOWN_ROWS else ""
    return f"rad {shown}{more}"


_WHAT: Final = {
    "dokument": (
        "dokumentet {shown}, som inte är ett dokuments id eller exakta titel",
        "utan dokument",
        "Skriv dokumentets id (t.ex. OVK-0001) eller exakta titel i exporten.",
    ),
    "part": (
        "parten {shown}, som inte är en parts nyckel eller namn i samverkan.yaml",
        "utan part",
        "Skriv partens nyckel eller namn (samverkan.yaml, parter:) i exporten.",
    ),
    "kategori": (
        "en kategori som ser ut som fritext (över {limit} tecken, eller med ett personnummer "
        "eller en formel)",
        "utan kategori",
        "Använd korta benämningar på kategorierna i exporten.",
    ),
}


def _unmapped_note(unmapped: Unmapped) -> str:
    what, counted, fix = _WHAT[unmapped.role]
    they = "Den" if len(unmapped.rows) == 1 else "De"
    return (
        f"{_rows(len(unmapped.rows))} ({_row_list(unmapped.rows)}) har "
        f"{what.format(shown=unmapped.shown, limit=CATEGORY_LIMIT)}. {they} räknades {counted}; "
        f"värdet skrevs inte till avvikelsefilen. {fix}"
    )
