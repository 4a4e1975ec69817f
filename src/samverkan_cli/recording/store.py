"""Apply a plan to the files: inside the repository, under a lock, atomically, as a diff.

Two `record` runs on one file must not lose a step: each applies its steps to the file's bytes
as they are once it holds the repository's record lock (the steps are data, not a finished
text), so the second run edits what the first one wrote.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from samverkan_cli.fileio import (
    READ_ONLY,
    RefusedFile,
    RepositoryFiles,
    read_only,
    read_regular,
    write_atomic,
)
from samverkan_cli.findings import Result
from samverkan_cli.loading.cache import digest
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import Repository, document_from, read
from samverkan_cli.recording.edit import EditError, apply
from samverkan_cli.recording.steps import Change, Refused
from samverkan_cli.validate import run_focused

#: Where the lock lives: the tool's own folder, which .gitignore already leaves out.
LOCK: Final = ".samverkan/record.lock"
#: How long a run waits for another to finish before it gives up (a run takes well under 1 s).
WAIT_SECONDS: Final = 30.0


@dataclass(frozen=True)
class Edited:
    path: str
    before: bytes
    after: bytes

    def diff(self) -> str:
        """The unified diff a reviewer reads (lines as the file has them, CRLF shown as LF)."""
        old = self.before.decode("utf-8", "replace").replace("\r\n", "\n")
        new = self.after.decode("utf-8", "replace").replace("\r\n", "\n")
        lines = difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            f"a/{self.path}",
            f"b/{self.path}",
        )
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def preview(root: Path, changes: tuple[Change, ...]) -> list[Edited]:
    """What the changes would make of the files now, nothing written."""
    files = RepositoryFiles(root)
    return [_edited(files, change) for change in changes]


def commit(root: Path, changes: tuple[Change, ...]) -> list[Edited]:
    """Write the changes, each from the file's bytes as they are under the lock."""
    files = RepositoryFiles(root)
    with _locked(root):
        edited = [_edited(files, change) for change in changes]  # all checked before any write
        for one in edited:
            if one.after != one.before and read_only(_real(files, one.path)):
                raise Refused(READ_ONLY.format(path=one.path))
        for one in edited:
            if one.after != one.before:
                write_atomic(Path(_real(files, one.path)), one.after)
    return edited


def _real(files: RepositoryFiles, path: str) -> str:
    try:
        return files.inspect(os.path.join(files.root, path))[0]  # noqa: PTH118
    except RefusedFile as refused:
        raise Refused(f"{path}: {refused.message}") from None
    except OSError:
        raise Refused(
            f"{path} kan inte läsas. Kontrollera att filen finns och att du får läsa den."
        ) from None


def _edited(files: RepositoryFiles, change: Change) -> Edited:
    real = _real(files, change.path)
    try:
        before = read_regular(real)
    except (OSError, RefusedFile):
        raise Refused(f"{change.path} kan inte läsas. Kontrollera filen och försök igen.") from None
    try:
        return Edited(change.path, before, apply(before, change.steps))
    except EditError as error:
        raise Refused(f"{change.path}: {error.message} Inget ändrades.") from None


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """The repository's record lock (an OS lock on a file in .samverkan/, released on exit,
    also when the process dies)."""
    path = root / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        _acquire(handle.fileno())
        try:
            yield
        finally:
            _release(handle.fileno())


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: int) -> None:
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)

    def _release(handle: int) -> None:
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _release(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)


def _acquire(handle: int) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            _try_lock(handle)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise Refused(_BUSY) from None
            time.sleep(0.02)


_BUSY = (
    "Ett annat 'samverkan record' skriver i arkivet just nu och blev inte klart på 30 sekunder. "
    f"Försök igen om en stund; hänger det sig, ta bort {LOCK}."
)


def validated(repo: Repository, today: date, edited: list[Edited]) -> Result:
    """validate's findings for the edited files, the rest of the repository as loaded (one
    load per run: the edited documents are read again from their new bytes, in memory)."""
    fresh = {one.path: _document(repo, one) for one in edited}
    return run_focused(repo.replaced(fresh), today, list(fresh))


def _document(repo: Repository, one: Edited) -> Document:
    found, held = read(one.after)
    return document_from(one.path, found, held, digest(one.after), repo.config.types)
