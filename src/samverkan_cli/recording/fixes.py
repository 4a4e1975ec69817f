"""`samverkan fix`: the safe mechanical fixes only (SPEC §8.7), planned from what validate finds.

Each fix is one the finding itself spells out and that has a single right answer:
- a field name written with å, ä or ö whose plain spelling is a known field (SV002): the key
  is rewritten where it stands, nothing else on the line;
- a supersession recorded on one side only (SV015): the other document gets its half (the new
  one's `ersatter`, or the old one's status ersatt, ersatt_av and upphavd_datum, the day the new
  one began to apply);
- a file name that does not begin with the id (SV006): the file is renamed to the name the
  finding proposes, never over another file.
Anything that needs judgement is left to the editor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.documents import Common
from samverkan_cli.model.vocabulary import fold
from samverkan_cli.recording.edit import Append, SetKey
from samverkan_cli.recording.steps import Change
from samverkan_cli.slug import slugify

_SWEDISH: Final = frozenset("åäöÅÄÖ")


@dataclass(frozen=True)
class KeyRename:
    """Rewrite the key `old` as `new` at (line, column) of `path` (1-based, as findings say)."""

    path: str
    line: int
    column: int
    old: str
    new: str


@dataclass(frozen=True)
class FileRename:
    path: str
    to: str


@dataclass(frozen=True)
class Fixes:
    keys: tuple[KeyRename, ...]
    changes: tuple[Change, ...]
    renames: tuple[FileRename, ...]
    #: Why a fix that was looked for is not made (a person must choose), one line each.
    notes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.keys or self.changes or self.renames or self.notes)


def plan(repo: Repository, findings: Iterable[Diagnostic], paths: set[str] | None) -> Fixes:
    """The fixes for `findings` (validate's, of the whole repository) in the files `paths`
    name (None: all). A file whose keys are rewritten gets no other fix in the same run: what
    its model says may change with them (run fix again)."""
    found = [d for d in findings if paths is None or d.path in paths]
    keys = tuple(k for d in found if d.code == "SV002" and (k := _key_rename(repo, d)))
    busy = {k.path for k in keys}
    changes = tuple(c for c in _supersessions(repo, found) if c.path not in busy)
    busy |= {c.path for c in changes}
    wanted = [d for d in found if d.code == "SV006" and d.path not in busy]
    renames = tuple(r for d in wanted if (r := _rename(repo, d)))
    notes = tuple(n for d in wanted if (n := _taken(repo, d)))
    return Fixes(keys, changes, renames, notes)


def _key_rename(repo: Repository, finding: Diagnostic) -> KeyRename | None:
    """SV002 for a key whose only fault is å, ä or ö: the finding names the spelling to use."""
    marker = "fältnamn skrivs utan å, ä och ö. Skriv '"
    if marker not in finding.message or finding.column is None:
        return None
    new = finding.message.split(marker, 1)[1].split("'", 1)[0]
    old = finding.message.split("'", 2)[1].rsplit(" → ", 1)[-1]
    if fold(old) != new or not _SWEDISH & set(old):
        return None
    return KeyRename(finding.path, finding.line, finding.column, old, new)


def _supersessions(repo: Repository, findings: list[Diagnostic]) -> Iterable[Change]:
    """The missing half of each one-sided supersession SV015 reports."""
    flagged = {d.path for d in findings if d.code == "SV015"}
    flagged |= {d.path for d in findings if d.code == "SV003" and "'upphavd_datum'" in d.message}
    models = {
        d.id: (d, d.model)
        for d in repo.documents
        if d.id and isinstance(d.model, Common) and len(repo.by_id.get(d.id, ())) == 1
    }
    planned: dict[str, list[SetKey | Append]] = {}
    for document, model in models.values():
        if document.path not in flagged:
            continue
        newer = models.get(model.ersatt_av or "")
        lacks_half = newer is not None and model.id not in (newer[1].ersatter or ())
        if newer is not None and lacks_half and not _broken(newer, "ersatter"):
            planned.setdefault(newer[0].path, []).append(Append("ersatter", model.id))
        if newer is not None and _lacks_end(document, model) and newer[1].giltig_fran:
            planned.setdefault(document.path, []).append(
                SetKey("upphavd_datum", newer[1].giltig_fran)
            )
        for older_id in model.ersatter or ():
            older = models.get(older_id)
            if older is None or older[1].ersatt_av == model.id:
                continue
            if older[1].ersatt_av is not None or older[0].written("ersatt_av"):
                continue  # it names another successor: which is right needs a person
            steps: list[SetKey | Append] = [
                SetKey("status", "ersatt"),
                SetKey("ersatt_av", model.id),
            ]
            if older[1].upphavd_datum is None and model.giltig_fran is not None:
                steps.append(SetKey("upphavd_datum", model.giltig_fran))
            planned.setdefault(older[0].path, []).extend(steps)
    return [Change(path, tuple(steps)) for path, steps in sorted(planned.items())]


def _lacks_end(document: Document, model: Common) -> bool:
    """Ersatt with no day it stopped applying: the new one's first day is that day."""
    unwritten = not document.written("upphavd_datum")
    return model.status == "ersatt" and model.upphavd_datum is None and unwritten


def _broken(pair: tuple[Document, Common], name: str) -> bool:
    """Written in the file but not in the model: its own finding says what is wrong."""
    return pair[0].written(name) and getattr(pair[1], name) is None


def _rename(repo: Repository, finding: Diagnostic) -> FileRename | None:
    to = _new_name(repo, finding)
    if to is None or (repo.root / to).exists() or to == finding.path:
        return None
    return FileRename(finding.path, to)


def _taken(repo: Repository, finding: Diagnostic) -> str | None:
    to = _new_name(repo, finding)
    if to is None or to == finding.path or not (repo.root / to).exists():
        return None
    return (
        f"{finding.path} byter inte namn till {to}, eftersom det finns en fil med det namnet. "
        "Byt namn för hand: filnamnet ska börja med dokumentets id."
    )


def _new_name(repo: Repository, finding: Diagnostic) -> str | None:
    document = next((d for d in repo.documents if d.path == finding.path), None)
    if document is None or document.id is None:
        return None
    folder, _, _name = document.path.rpartition("/")
    return f"{folder}/{document.id}-{_slug(document)}.md" if folder else None


def _slug(document: Document) -> str:
    title = document.raw.get("titel")
    return slugify(title) if isinstance(title, str) and title else "dokument"


#: Rounds of rewriting keys that a rewrite brought to light: one per level of nesting.
_ROUNDS: Final = 5


def renamed_fully(
    repo: Repository, today: date, path: str, data: bytes, renames: Iterable[KeyRename]
) -> tuple[bytes, list[KeyRename]]:
    """`renamed_safely`, again for the keys the rewrite brings to light: validate reads the
    fields inside `ställningstaganden` only once that is spelt right, so its entries'
    `ställningstagande_datum` shows up in a second look (made here in memory, not by running
    fix twice)."""
    from samverkan_cli.recording.store import Edited, validated

    after, left = renamed_safely(data, renames)
    kept = {(k.line, k.column, k.old) for k in left}
    for _round in range(_ROUNDS):
        if after == data:
            break
        found = validated(repo, today, [Edited(path, data, after)]).diagnostics
        more = [
            k
            for d in found
            if d.code == "SV002" and d.path == path
            if (k := _key_rename(repo, d)) and (k.line, k.column, k.old) not in kept
        ]
        if not more:
            break
        again, also_left = renamed_safely(after, more)
        left += also_left
        kept |= {(k.line, k.column, k.old) for k in also_left}
        if again == after:
            break
        after = again
    return after, left


def renamed_safely(data: bytes, renames: Iterable[KeyRename]) -> tuple[bytes, list[KeyRename]]:
    """The file with each key rewritten that can be, and the renames left out: those that
    would write a field twice (the plain spelling is already there: which one is right needs
    a person). One such key leaves the others to be fixed."""
    from samverkan_cli.loading.reading import FrontMatter
    from samverkan_cli.loading.repository import read

    def problems(text: bytes) -> int | None:
        found, _held = read(text)
        return len(found.problems) if isinstance(found, FrontMatter) else None

    after, left = data, []
    allowed = problems(data)
    for rename in renames:
        attempt = rename_keys(after, [rename])
        counted = problems(attempt)
        if counted is not None and allowed is not None and counted <= allowed:
            after = attempt
        else:
            left.append(rename)
    return after, left


def rename_keys(data: bytes, renames: Iterable[KeyRename]) -> bytes:
    """The file with each key rewritten where its finding stands, every other byte as it was.
    A key not found exactly there (the file changed since it was read) is left alone."""
    text = data.decode("utf-8")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text[len(bom) :].splitlines(keepends=True)
    for rename in renames:
        index = rename.line - 1
        if not 0 <= index < len(lines):
            continue
        line, at = lines[index], rename.column - 1
        for quote in ("", '"', "'"):
            written = f"{quote}{rename.old}{quote}"
            if line.startswith(written, at):
                lines[index] = line[:at] + f"{quote}{rename.new}{quote}" + line[at + len(written) :]
                break
    return (bom + "".join(lines)).encode("utf-8")
