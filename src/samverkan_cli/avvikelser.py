"""Deviations (avvikelser) as counts only: the files `avvikelser/*.csv` (SPEC §8.6).

A county follows up its agreements by how many deviations were reported, per period and
document, never by the cases themselves. Each file is UTF-8 (a BOM allowed), `;`-separated, with
a header row `period;dokument;antal` and optionally `part` and `kategori`. Reading never stops at
a bad row: what is wrong is a Problem (file, line, message), which SV062 reports; the rows that
can be read are Counts. An empty `dokument` cell counts deviations not tied to a document (an
import counts there what it could not map). Whether a document or party exists is judged against a repository by
`unknown`, apart from reading, so that `avvikelser import` can read a file without a repository.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from samverkan_cli.fileio import RefusedFile, RepositoryFiles
from samverkan_cli.model.vocabulary import DOC_ID

FOLDER: Final = "avvikelser"
REQUIRED: Final = ("period", "dokument", "antal")
OPTIONAL: Final = ("part", "kategori")
COLUMNS: Final = REQUIRED + OPTIONAL
_PERIOD: Final = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$")
QUARTERS: Final = ("Q1", "Q2", "Q3", "Q4")


@dataclass(frozen=True, slots=True)
class Count:
    """One row of a deviation file: `antal` deviations in `period` under `dokument`."""

    path: str
    line: int
    period: str
    dokument: str
    antal: int
    part: str | None = None  # None: not broken down by party
    kategori: str | None = None

    @property
    def year(self) -> int:
        return int(self.period[:4])

    @property
    def quarter(self) -> str | None:
        """The quarter (`Q1`…`Q4`) a month or quarter lies in; None for a whole year."""
        return quarter_of(self.period)


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    line: int
    message: str


@dataclass(frozen=True)
class Deviations:
    counts: tuple[Count, ...] = ()
    problems: tuple[Problem, ...] = ()


def is_deviation_file(relative: str) -> bool:
    """Whether the repository-relative posix path names a deviation file."""
    folder, _, name = relative.rpartition("/")
    return folder == FOLDER and name.endswith(".csv") and not name.startswith(".")


def quarter_of(period: str) -> str | None:
    match = _PERIOD.match(period)
    if match is None or (match[2] is None and match[3] is None):
        return None
    return f"Q{match[3]}" if match[3] else QUARTERS[(int(match[2]) - 1) // 3]


def files(root: Path) -> list[str]:
    """The deviation files of the repository at `root`, as sorted repository-relative paths."""
    try:
        names = [entry.name for entry in (root / FOLDER).iterdir()]
    except OSError:  # no folder (most repositories), or not a folder
        return []
    return sorted(f"{FOLDER}/{name}" for name in names if is_deviation_file(f"{FOLDER}/{name}"))


def read(root: Path) -> Deviations:
    """Every deviation file of the repository, read through its checks (no link out of it)."""
    checked = RepositoryFiles(root)
    counts: list[Count] = []
    problems: list[Problem] = []
    for relative in files(root):
        try:
            data = checked.read(root / relative)
        except RefusedFile as refused:
            problems.append(Problem(relative, 1, refused.message))
            continue
        except OSError as error:
            problems.append(Problem(relative, 1, f"Filen kan inte läsas ({error.strerror})."))
            continue
        found = parse(relative, data)
        counts += found.counts
        problems += found.problems
    return Deviations(tuple(counts), tuple(problems))


def parse(path: str, data: bytes) -> Deviations:
    """The counts and problems of one deviation file's bytes (`path` names it in problems)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Deviations(problems=(Problem(path, line, _NOT_UTF8),))
    rows = list(_rows(text))
    if not rows:
        return Deviations(problems=(Problem(path, 1, _EMPTY),))
    header_line, header = rows[0]
    names = [cell.strip().casefold() for cell in header]
    trouble = _header_problems(names)
    if trouble:
        return Deviations(problems=tuple(Problem(path, header_line, m) for m in trouble))
    counts, problems = [], []
    for line, cells in rows[1:]:
        count = _count(path, line, names, cells)
        if isinstance(count, Count):
            counts.append(count)
        else:
            problems += [Problem(path, line, message) for message in count]
    return Deviations(tuple(counts), tuple(problems))


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, cells) of every row that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    start = 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            yield start, cells
        start = reader.line_num + 1


def _header_problems(names: list[str]) -> list[str]:
    problems = [
        f"Kolumnen '{name}' saknas i rubrikraden. Första raden ska vara "
        "period;dokument;antal, eventuellt följd av part och kategori."
        for name in REQUIRED
        if name not in names
    ]
    problems += [
        f"Kolumnen '{name}' hör inte hemma i en avvikelsefil: den får bara innehålla antal, "
        "aldrig uppgifter om enskilda ärenden. Ta bort kolumnen; tillåtna kolumner är period, "
        "dokument, antal, part och kategori."
        for name in names
        if name not in COLUMNS
    ]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    problems += [
        f"Kolumnen '{name}' finns två gånger i rubrikraden. Ta bort den ena." for name in duplicated
    ]
    return problems


def _count(path: str, line: int, names: list[str], cells: list[str]) -> Count | list[str]:
    """The row as a Count, or what is wrong with it."""
    if len(cells) != len(names):
        return [
            f"Raden har {len(cells)} fält men rubrikraden {len(names)}. Skilj fälten med "
            "semikolon (;) och skriv ett fält per kolumn, även när det är tomt."
        ]
    row = {name: cell.strip() for name, cell in zip(names, cells, strict=True)}
    problems = [
        message
        for message in (_period_problem(row["period"]), _document_problem(row["dokument"]))
        if message
    ]
    antal = _antal(row["antal"])
    if isinstance(antal, str):
        problems.append(antal)
    if problems or isinstance(antal, str):
        return problems
    return Count(
        path,
        line,
        row["period"],
        row["dokument"],
        antal,
        row.get("part") or None,
        row.get("kategori") or None,
    )


def _period_problem(period: str) -> str | None:
    if _PERIOD.match(period):
        return None
    written = f"Perioden '{period}' går inte att läsa" if period else "Perioden saknas"
    return (
        f"{written}. Skriv den som ÅÅÅÅ-MM (t.ex. 2025-03), ÅÅÅÅ-Qn (t.ex. 2025-Q1) "
        "eller ÅÅÅÅ (t.ex. 2025)."
    )


def _document_problem(dokument: str) -> str | None:
    if not dokument or DOC_ID.match(dokument):  # empty: not tied to a document
        return None
    return (
        f"'{dokument}' är inget dokument-id. Ange dokumentets id, t.ex. OVK-0001 "
        "(samverkan list visar dem)."
    )


def _antal(text: str) -> int | str:
    """The count, or what is wrong with it."""
    if re.fullmatch(r"[+-]?\d+", text):
        value = int(text)
        if value >= 0:
            return value
        return (
            f"Antalet är negativt ({value}). Skriv antalet avvikelser som ett heltal, 0 eller "
            "större."
        )
    if not text:
        return "Antalet saknas. Skriv antalet avvikelser som ett heltal, t.ex. 3 (eller 0)."
    return f"Antalet '{text}' är inget heltal. Skriv antalet avvikelser med siffror, t.ex. 3."


def unknown(counts: Iterable[Count], ids: Iterable[str], parties: Iterable[str]) -> list[Problem]:
    """The rows that name a document or party the repository does not have."""
    known_ids, known_parties = set(ids), sorted(parties)
    problems = []
    for count in counts:
        if count.dokument and count.dokument not in known_ids:
            problems.append(
                Problem(
                    count.path,
                    count.line,
                    f"Dokumentet {count.dokument} finns inte i arkivet. Rätta id:t, eller ta "
                    "bort raden om dokumentet aldrig funnits.",
                )
            )
        if count.part is not None and count.part not in known_parties:
            choices = ", ".join(known_parties) or "(inga)"
            problems.append(
                Problem(
                    count.path,
                    count.line,
                    f"Parten '{count.part}' finns inte i samverkan.yaml. Skriv partens nyckel "
                    f"(en av {choices}), eller lämna fältet tomt.",
                )
            )
    return problems


def known(counts: Iterable[Count], ids: Iterable[str], parties: Iterable[str]) -> list[Count]:
    """The counts whose document and party exist: the ones a report may add up."""
    known_ids, known_parties = set(ids), set(parties)
    return [
        c for c in counts if c.dokument in known_ids and (c.part is None or c.part in known_parties)
    ]


def by_quarter(counts: Iterable[Count], year: int) -> dict[str, dict[str, int]]:
    """Per document (sorted), the year's counts summed by quarter, every quarter present.

    A count for the whole year (period `YYYY`) lies in no quarter and is left out here.
    """
    found: dict[str, dict[str, int]] = {}
    for count in counts:
        quarter = count.quarter
        if count.year != year or not count.dokument:
            continue
        sums = found.setdefault(count.dokument, {f"{year}-{q}": 0 for q in QUARTERS})
        if quarter is not None:
            sums[f"{year}-{quarter}"] += count.antal
    return dict(sorted(found.items()))


def whole_year(counts: Iterable[Count], year: int) -> dict[str, int]:
    """Per document, the year's counts given for the whole year only (period `YYYY`)."""
    found: dict[str, int] = {}
    for count in counts:
        if count.year == year and count.quarter is None and count.dokument:
            found[count.dokument] = found.get(count.dokument, 0) + count.antal
    return found


_NOT_UTF8: Final = (
    "Filen är inte giltig UTF-8. Spara den som UTF-8 (i Excel: Spara som → CSV UTF-8)."
)
_EMPTY: Final = "Filen är tom. Första raden ska vara rubrikraden period;dokument;antal."
