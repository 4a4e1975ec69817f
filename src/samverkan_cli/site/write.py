"""Write a planned site into --out, and nowhere else.

A marker file tells a folder that publish made, and lists (with a checksum) every file that
publish wrote there: such a folder is updated in place, and only files of that list that are
no longer planned are removed. Any other non-empty folder is refused, a marker without a valid
list removes nothing, and links inside the folder are never followed, so a mistyped --out or a
planted marker can never empty someone's folder.
"""

from __future__ import annotations

import hashlib
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
_MANIFEST: Final = "# samverkan-manifest 1 "
#: The folders whose files are documents: a site inside them would be read as documents.
_DOCUMENT_FOLDERS: Final = ("dokument", "grupper", "moten")


def check(out: Path, repo_root: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UserError(f"'{out}' finns och är ingen mapp. Ange en mapp med --out.")
    target, root = out.resolve(), repo_root.resolve()
    if target == root or target in root.parents:
        raise UserError(
            f"--out '{out}' är dokumentarkivet eller en mapp ovanför det. Ange en egen mapp, t.ex. _site."
        )
    for folder in _DOCUMENT_FOLDERS:
        if target == root / folder or (root / folder) in target.parents:
            raise UserError(
                f"--out '{out}' ligger i arkivets mapp {folder}/, där varje .md-fil läses som ett "
                "dokument. Ange en mapp utanför dokumentmapparna, t.ex. _site; inget skrevs."
            )
    if out.is_dir() and any(out.iterdir()) and read_manifest(out) is None:
        raise UserError(
            f"Mappen '{out}' är inte tom och skapades inte av samverkan publish. Välj en ny eller tom mapp; "
            "inget skrevs."
        )


def read_manifest(out: Path) -> frozenset[str] | None:
    """The files the last publish into `out` wrote, per its marker; None when there is no
    marker of ours. A marker of an older version (no list) gives an empty list: nothing is
    removed until a publish has written the list."""
    try:
        info = os.lstat(out / MARKER)
        if not _is_regular(info.st_mode) or info.st_size > 64 * 1024 * 1024:
            return None
        text = (out / MARKER).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if text == _MARKER_TEXT:
        return frozenset()
    intro, _, rest = text.partition("\n")
    header, _, listing = rest.partition("\n")
    if intro + "\n" != _MARKER_TEXT or not header.startswith(_MANIFEST):
        return None
    if header[len(_MANIFEST) :] != _digest(listing):
        return None
    paths = frozenset(listing.split("\n")) - {""}
    return paths if all(_is_inside(path) for path in paths) else None


def _is_regular(mode: int) -> bool:
    import stat

    return stat.S_ISREG(mode)


def _digest(listing: str) -> str:
    return hashlib.blake2b(listing.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _write_manifest(out: Path, paths: set[str] | frozenset[str]) -> None:
    listing = "".join(f"{path}\n" for path in sorted(paths))
    write_atomic(out / MARKER, f"{_MARKER_TEXT}{_MANIFEST}{_digest(listing)}\n{listing}")


def write(out: Path, outputs: list[Output], memo: Memo) -> tuple[int, int]:
    """Make and write each output whose inputs changed, atomically; remove what an earlier
    publish wrote that is no longer planned. (written, removed)"""
    for output in outputs:
        _inside(output.path)
    planned = {output.path for output in outputs}
    out.mkdir(parents=True, exist_ok=True)
    _refuse_links(out, planned)
    earlier = read_manifest(out) or frozenset()
    # Listed before writing: a publish stopped half-way still has every file it wrote listed.
    _write_manifest(out, planned | earlier)
    pending = [output for output in outputs if not memo.fresh(output.path, output.key)]
    written = _make_all(out, pending, len(outputs))
    for output in pending:
        memo.record(output.path, output.key)
    memo.save()
    removed = _remove_stale(out, planned, earlier)
    _write_manifest(out, planned)
    return written, removed


def _refuse_links(out: Path, planned: set[str]) -> None:
    """No folder publish writes into may be a link: writing through it would land elsewhere."""
    folders = {path.rsplit("/", 1)[0] for path in planned if "/" in path}
    parents = {"/".join(f.split("/")[: i + 1]) for f in folders for i in range(f.count("/") + 1)}
    for folder in sorted(parents):
        if (out / folder).is_symlink():
            raise UserError(
                f"'{out / folder}' är en symbolisk länk. publish skriver aldrig genom länkar: "
                "ta bort länken (eller välj en ny mapp med --out); inget skrevs."
            )


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
    if not target.is_symlink() and target.is_file() and target.read_bytes() == data:
        return 0
    write_atomic(target, data)  # a link in the file's place is replaced, never followed
    return 1


def _is_inside(name: str) -> bool:
    parts = name.split("/")
    return not (
        not name or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts)
    )


def _inside(name: str) -> None:
    if not _is_inside(name):
        raise ValueError(f"refusing to write outside the output folder: {name!r}")


def _remove_stale(out: Path, keep: set[str], earlier: frozenset[str]) -> int:
    """Delete the files an earlier publish wrote that are not in `keep`, and the temporary files
    of a publish that was stopped half-way; links are removed, never followed. Anything else
    in the folder is left alone. Plain strings: a 10,000-page site is cleaned on every publish.
    """
    removed = 0
    base = str(out)
    for name in sorted(earlier - keep):
        path = os.path.join(base, name)  # noqa: PTH118
        if os.path.islink(path) or os.path.isfile(path):  # noqa: PTH113, PTH114
            os.unlink(path)  # noqa: PTH108
            removed += 1
        _remove_empty_parents(base, name)
    dotfiles: dict[str, list[str]] = {}  # each page's folder is asked: list each once
    for name in sorted(keep | earlier):
        directory, _, file_name = name.rpartition("/")
        folder = os.path.join(base, directory)  # noqa: PTH118
        if folder not in dotfiles:
            dotfiles[folder] = _dotfiles(folder)
        prefix = f".{file_name}."  # write_atomic's temporary files, left by a killed run
        for leftover in dotfiles[folder]:
            if leftover.startswith(prefix) and leftover.endswith(".tmp"):
                os.unlink(os.path.join(folder, leftover))  # noqa: PTH108, PTH118
    return removed


def _dotfiles(folder: str) -> list[str]:
    try:
        return [n for n in os.listdir(folder) if n.startswith(".")]  # noqa: PTH208
    except OSError:
        return []


def _remove_empty_parents(base: str, name: str) -> None:
    parts = name.split("/")[:-1]
    while parts:
        directory = os.path.join(base, *parts)  # noqa: PTH118
        try:
            if os.path.islink(directory) or os.listdir(directory):  # noqa: PTH114, PTH208
                return
            os.rmdir(directory)  # noqa: PTH106
        except OSError:
            return
        parts.pop()
