"""Write a planned site into --out, and nowhere else.

A marker file tells a folder that publish made: such a folder is updated in place (files no
longer in the plan are removed); any other non-empty folder is refused, so a mistyped --out
can never empty someone's documents.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from samverkan_cli import parallel
from samverkan_cli.errors import UserError
from samverkan_cli.fileio import write_atomic
from samverkan_cli.site.build import Output
from samverkan_cli.site.memo import Memo

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


def write(out: Path, outputs: list[Output], memo: Memo) -> tuple[int, int]:
    """Make and write each output whose inputs changed, atomically; remove what an earlier
    publish left that is no longer planned. (written, removed)"""
    for output in outputs:
        _inside(output.path)
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    pending = [output for output in outputs if not memo.fresh(output.path, output.key)]
    written = _make_all(out, pending, len(outputs))
    for output in pending:
        memo.record(output.path, output.key)
    memo.save()
    return written, _remove_stale(out, {output.path for output in outputs})


#: Below this many files on the site, starting worker processes costs more than it saves.
PARALLEL_FROM: Final = 1000
#: Pages per task for a worker: small enough to keep both busy to the end.
_CHUNK: Final = 200
#: What forked workers make, by index (set in the parent before forking; closures don't pickle).
_pending: tuple[Path, list[Output]] | None = None


def _make_all(out: Path, pending: list[Output], planned: int) -> int:
    """Make and write `pending` of a site of `planned` files; in worker processes when the
    site is large and enough is pending. Files written."""
    global _pending
    costly = [i for i, o in enumerate(pending) if not o.path.startswith(_PAGE_FOLDERS)]
    rest = [i for i, o in enumerate(pending) if o.path.startswith(_PAGE_FOLDERS)]
    # On a large site each list and export takes 0.1-0.3 s (10,000 documents), a page a few
    # ms: two workers pay off from two such files (a front-matter edit) or a chunk of pages.
    worth = planned >= PARALLEL_FROM and (len(costly) >= 2 or len(rest) >= _CHUNK)
    if not worth or not parallel.available():
        return sum(_make(out, output) for output in pending)
    # The costly files first and one to a task, then pages in chunks.
    tasks = [[i] for i in costly] + [rest[at : at + _CHUNK] for at in range(0, len(rest), _CHUNK)]
    _pending = (out, pending)
    try:
        return sum(parallel.forked_map(_make_task, tasks))
    finally:
        _pending = None


_PAGE_FOLDERS: Final = ("dokument/", "grupper/", "kalla/")


def _make_task(indices: list[int]) -> int:
    assert _pending is not None, "runs in a worker forked by _make_all"
    out, pending = _pending
    return sum(_make(out, pending[i]) for i in indices)


def _make(out: Path, output: Output) -> int:
    """Make one file and write it if its bytes differ from what is there. 1 if written."""
    data = output.make()
    target = out / output.path
    if target.is_file() and target.read_bytes() == data:
        return 0
    write_atomic(target, data)
    return 1


def _inside(name: str) -> None:
    parts = name.split("/")
    if not name or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"refusing to write outside the output folder: {name!r}")


def _remove_stale(out: Path, keep: set[str]) -> int:
    """Delete files under `out` not in `keep`; links are removed, never followed.

    Plain strings, not pathlib: a 10,000-page site is walked on every publish.
    """
    removed = 0
    base = str(out)
    for directory, subdirs, files in os.walk(base, topdown=False, followlinks=False):
        relative = os.path.relpath(directory, base).replace(os.sep, "/")
        prefix = "" if relative == "." else f"{relative}/"
        links = [d for d in subdirs if os.path.islink(os.path.join(directory, d))]  # noqa: PTH114, PTH118
        for name in [*files, *links]:
            if f"{prefix}{name}" not in keep and f"{prefix}{name}" != MARKER:
                os.unlink(os.path.join(directory, name))  # noqa: PTH108, PTH118
                removed += 1
        if directory != base and not os.listdir(directory):  # noqa: PTH208
            os.rmdir(directory)  # noqa: PTH106
    return removed
