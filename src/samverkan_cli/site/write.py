"""Write a planned site into --out, and nowhere else.

A marker file tells a folder that publish made: such a folder is updated in place (files no
longer in the plan are removed); any other non-empty folder is refused, so a mistyped --out
can never empty someone's documents.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Final

from samverkan_cli.errors import UserError
from samverkan_cli.fileio import write_atomic

MARKER: Final = ".samverkan-webbplats"
_MARKER_TEXT: Final = "Skapad av samverkan publish. Mappen skrivs om vid varje publicering.\n"


def check(out: Path, repo_root: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UserError(f"'{out}' finns och är ingen mapp. Ange en mapp med --out.")
    if out.resolve() == repo_root.resolve() or out.resolve() in repo_root.resolve().parents:
        raise UserError(
            f"--out '{out}' är dokumentarkivet eller en mapp ovanför det. Ange en egen mapp, t.ex. _site."
        )
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UserError(
            f"Mappen '{out}' är inte tom och skapades inte av samverkan publish. Välj en ny eller tom mapp; "
            "inget skrevs."
        )


def write(out: Path, files: dict[str, bytes]) -> tuple[int, int]:
    """Write `files` (site path → bytes) atomically; remove what an earlier publish left. (written, removed)"""
    for name in files:
        _inside(name)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    written = 0
    for name, data in files.items():
        target = out / name
        if target.is_file() and target.read_bytes() == data:
            continue
        write_atomic(target, data)
        written += 1
    return written, _remove_stale(out, set(files))


def _inside(name: str) -> None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ValueError(f"refusing to write outside the output folder: {name!r}")


def _remove_stale(out: Path, keep: set[str]) -> int:
    """Delete files under `out` not in `keep`; links are removed, never followed."""
    removed = 0
    for directory, subdirs, files in os.walk(out, topdown=False, followlinks=False):
        for name in [*files, *(d for d in subdirs if Path(directory, d).is_symlink())]:
            path = Path(directory, name)
            relative = path.relative_to(out).as_posix()
            if relative != MARKER and relative not in keep:
                path.unlink()
                removed += 1
        folder = Path(directory)
        if folder != out and not any(folder.iterdir()):
            folder.rmdir()
    return removed
