"""Write a planned site into --out, and nowhere else.

A marker file tells a folder that publish made, and lists every file that publish wrote there
with a digest of its content: such a folder is updated in place, and a listed file that is no
longer planned is removed only while it still holds what publish wrote, as a regular file
reached through real folders. Any other non-empty folder is refused, a marker without a valid
list removes nothing, and links inside the folder are never followed: a mistyped --out, or a
marker planted with a list of other files, cannot delete anything outside the folder, nor a
file inside it whose content the planter does not know. The marker is deterministic, like the
rest of the site.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from samverkan_cli import heap, parallel
from samverkan_cli.errors import UserError
from samverkan_cli.fileio import write_atomic
from samverkan_cli.loading.repository import document_folder_of
from samverkan_cli.site.build import Output
from samverkan_cli.site.memo import Memo

MARKER: Final = ".samverkan-webbplats"
_MARKER_TEXT: Final = "Skapad av samverkan publish. Mappen skrivs om vid varje publicering.\n"
_MANIFEST: Final = "# samverkan-manifest 2 "
#: The folders whose files are documents: a site inside them would be read as documents.
#: A digest of a file's content as publish wrote it (hex).
Stamp = str


def check(out: Path, repo_root: Path) -> None:
    if out.exists() and not out.is_dir():
        raise UserError(f"'{out}' finns och är ingen mapp. Ange en mapp med --out.")
    target, root = out.resolve(), repo_root.resolve()
    if target == root or target in root.parents:
        raise UserError(
            f"--out '{out}' är dokumentarkivet eller en mapp ovanför det. Ange en egen mapp, t.ex. _site."
        )
    folder = document_folder_of(root, target)
    if folder is not None:
        raise UserError(
            f"--out '{out}' ligger i arkivets mapp {folder}/, där varje .md-fil läses som ett "
            "dokument. Ange en mapp utanför dokumentmapparna, t.ex. _site; inget skrevs."
        )
    if out.is_dir() and any(out.iterdir()) and read_manifest(out) is None:
        raise UserError(
            f"Mappen '{out}' är inte tom och skapades inte av samverkan publish. Välj en ny eller tom mapp; "
            "inget skrevs."
        )


def read_manifest(out: Path) -> dict[str, Stamp] | None:
    """The files the last publish into `out` wrote, per its marker; None when there is no
    marker of ours. A marker of an older version (no list, or a list without stamps) gives an
    empty list: nothing is removed until a publish has written one."""
    try:
        info = os.lstat(out / MARKER)
        if not stat.S_ISREG(info.st_mode) or info.st_size > 64 * 1024 * 1024:
            return None
        text = (out / MARKER).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    intro, _, rest = text.partition("\n")
    if intro + "\n" != _MARKER_TEXT:
        return None
    header, _, listing = rest.partition("\n")
    if not header.startswith(_MANIFEST):
        return {} if rest == "" else None  # the marker of contract 1: no list
    if header[len(_MANIFEST) :] != _digest(listing):
        return None
    return _parse_listing(listing)


def _parse_listing(listing: str) -> dict[str, Stamp] | None:
    files: dict[str, Stamp] = {}
    for line in listing.split("\n"):
        if not line:
            continue
        digest, _, path = line.partition(" ")
        if len(digest) != 32 or not _is_inside(path):
            return None
        files[path] = digest
    return files


def _digest(listing: str) -> str:
    return content_digest(listing.encode("utf-8", "surrogatepass"))


def content_digest(data: bytes) -> Stamp:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _write_manifest(out: Path, files: dict[str, Stamp]) -> None:
    listing = "".join(f"{digest} {path}\n" for path, digest in sorted(files.items()))
    write_atomic(out / MARKER, f"{_MARKER_TEXT}{_MANIFEST}{_digest(listing)}\n{listing}")


@dataclass(frozen=True)
class Outcome:
    """What a publish did: files written and removed, and for each PDF made whose fonts lack
    characters (replaced in it), its path in the site and those characters."""

    written: int
    removed: int
    replaced: tuple[tuple[str, tuple[str, ...]], ...] = ()


def write(out: Path, outputs: list[Output], memo: Memo) -> Outcome:
    """Make and write each output whose inputs changed, atomically; remove what an earlier
    publish wrote that is no longer planned."""
    for output in outputs:
        _inside(output.path)
    planned = {output.path for output in outputs}
    _refuse_links(out, planned)
    with heap.lasting():  # the manifest and the memo's answers last until the end
        earlier = read_manifest(out) or {}
        pending = [output for output in outputs if not memo.fresh(output.path, output.key)]
    with tempfile.TemporaryDirectory(prefix="samverkan-pdf-") as staging:
        # The PDFs first, outside --out: the one output that Typst may refuse (a bug) leaves
        # an existing site as it was (SPEC 8.9), and their bytes wait on disk, not in memory.
        pending, replaced = _printed_first(pending, Path(staging))
        out.mkdir(parents=True, exist_ok=True)
        if not (out / MARKER).exists():
            _write_manifest(out, {})  # the folder is publish's from the first file written
        written, removed = _written(out, outputs, pending, planned, earlier, memo)
    return Outcome(written, removed, replaced)


def _printed_first(
    pending: list[Output], staging: Path
) -> tuple[list[Output], tuple[tuple[str, tuple[str, ...]], ...]]:
    """`pending` with each PDF made now into `staging` (and read from there when written),
    and the characters replaced in each. Many PDFs are made in worker processes: Typst takes
    ~40 ms a document, 10,000 documents ~7 minutes on one core."""
    global _to_print
    wanted = [index for index, output in enumerate(pending) if output.printed is not None]
    _to_print = (staging, pending)
    try:
        if len(wanted) < PRINT_PARALLEL_FROM or not _forkable():
            made = _print_task(wanted)
        else:
            size = -(-len(wanted) // (parallel.workers() * 8))
            chunks = [wanted[at : at + size] for at in range(0, len(wanted), size)]
            made = [one for done in parallel.forked_map(_print_task, chunks) for one in done]
    finally:
        _to_print = None
    replaced = tuple((pending[index].path, chars) for index, chars in made if chars)
    staged = list(pending)
    for index in wanted:
        output, kept = pending[index], staging / f"{index}.pdf"
        staged[index] = Output(output.path, output.key, kept.read_bytes)
    return staged, replaced


#: From this many PDFs to make, they are made in worker processes (each loads Typst's fonts
#: once, ~0.2 s).
PRINT_PARALLEL_FROM: Final = 20
#: What forked workers print, by index (set in the parent before forking).
_to_print: tuple[Path, list[Output]] | None = None


def _forkable() -> bool:
    from samverkan_cli.pdf import engine

    return parallel.available() and engine.forkable()


def _print_task(indices: list[int]) -> list[tuple[int, tuple[str, ...]]]:
    """Make the PDFs at `indices` into the staging folder: (index, characters replaced)."""
    assert _to_print is not None, "set by _printed_first"
    staging, pending = _to_print
    made = []
    for index in indices:
        printer = pending[index].printed
        assert printer is not None
        printed = printer()
        (staging / f"{index}.pdf").write_bytes(printed.pdf)
        made.append((index, printed.replaced))
    return made


def _written(
    out: Path,
    outputs: list[Output],
    pending: list[Output],
    planned: set[str],
    earlier: dict[str, Stamp],
    memo: Memo,
) -> tuple[int, int]:
    """Write `pending`, remove what is stale, record it all: (written, removed)."""
    made = _make_all(out, pending, len(outputs))
    for output in pending:
        memo.record(output.path, output.key)
    memo.save()
    removed = _remove_stale(out, planned, earlier)
    digests = dict(zip((output.path for output in pending), (d for _w, d in made), strict=True))
    for path in planned - set(digests):  # unchanged since the last publish (the memo says so)
        found = earlier.get(path) or stamp(out, path)
        if found is not None:
            digests[path] = found
    _write_manifest(out, digests)
    return sum(written for written, _d in made), removed


def stamp(out: Path, path: str) -> Stamp | None:
    """The digest of the file at `path` under `out` if it is a regular file reached through
    real folders (no link anywhere on the way), else None."""
    directory, _, _name = path.rpartition("/")
    if directory and not _real_folder(out, directory):
        return None
    try:
        info = os.lstat(os.path.join(out, path))  # noqa: PTH118 (10,000 files)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > 256 * 1024 * 1024:
        return None
    try:
        return content_digest(Path(out, path).read_bytes())
    except OSError:
        return None


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


def _make_all(out: Path, pending: list[Output], planned: int) -> list[tuple[int, Stamp]]:
    """Make and write `pending` of a site of `planned` files; in worker processes when the
    site is large and enough is pending. (1 if written else 0, digest) for each, in order."""
    global _pending
    costly = [i for i, o in enumerate(pending) if not o.path.startswith(_PAGE_FOLDERS)]
    rest = [i for i, o in enumerate(pending) if o.path.startswith(_PAGE_FOLDERS)]
    # On a large site each list and export takes 0.1-0.3 s (10,000 documents), a page a few
    # ms: two workers pay off from two such files (a front-matter edit) or a chunk of pages.
    worth = planned >= PARALLEL_FROM and (len(costly) >= 2 or len(rest) >= _CHUNK)
    if not worth or not parallel.available():
        return [_make(out, output) for output in pending]
    # The costly files first and one to a task, then pages in chunks.
    tasks = [[i] for i in costly] + [rest[at : at + _CHUNK] for at in range(0, len(rest), _CHUNK)]
    _pending = (out, pending)
    try:
        results: dict[int, tuple[int, Stamp]] = {}
        for task, made in zip(tasks, parallel.forked_map(_make_task, tasks), strict=True):
            results.update(zip(task, made, strict=True))
        return [results[index] for index in range(len(pending))]
    finally:
        _pending = None


_PAGE_FOLDERS: Final = ("dokument/", "grupper/", "kalla/")


def _make_task(indices: list[int]) -> list[tuple[int, Stamp]]:
    assert _pending is not None, "runs in a worker forked by _make_all"
    out, pending = _pending
    return [_make(out, pending[i]) for i in indices]


def _make(out: Path, output: Output) -> tuple[int, Stamp]:
    """Make one file and write it if its bytes differ from what is there. (1 if written, digest)"""
    data = output.make()
    target = out / output.path
    if not target.is_symlink() and target.is_file() and target.read_bytes() == data:
        return 0, content_digest(data)
    write_atomic(target, data)  # a link in the file's place is replaced, never followed
    return 1, content_digest(data)


def _is_inside(name: str) -> bool:
    parts = name.split("/")
    return not (
        not name or name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts)
    )


def _inside(name: str) -> None:
    if not _is_inside(name):
        raise ValueError(f"refusing to write outside the output folder: {name!r}")


def _remove_stale(out: Path, keep: set[str], earlier: dict[str, Stamp]) -> int:
    """Delete the files an earlier publish wrote that are not in `keep`, while each is still the
    file it wrote; then the temporary files of a publish stopped half-way. Anything else in the
    folder is left alone. Plain strings: a 10,000-page site is cleaned on every publish."""
    removed = 0
    base = str(out)
    for name in sorted(set(earlier) - keep):
        if stamp(out, name) == earlier[name]:
            os.unlink(os.path.join(base, name))  # noqa: PTH108, PTH118
            removed += 1
            _remove_empty_parents(base, name)
    # write_atomic's temporary files (.NAME.xxxx.tmp), left by a killed run: each folder is
    # checked and listed once, and only the names of files publish writes are looked for.
    names: dict[str, set[str]] = {}
    for name in keep | set(earlier):
        directory, _, file_name = name.rpartition("/")
        names.setdefault(directory, set()).add(file_name)
    for directory, wanted in sorted(names.items()):
        if directory and not _real_folder(out, directory):
            continue
        folder = os.path.join(base, directory)  # noqa: PTH118
        for leftover in _dotfiles(folder):
            if leftover.endswith(".tmp") and leftover[1:].rsplit(".", 2)[0] in wanted:
                os.unlink(os.path.join(folder, leftover))  # noqa: PTH108, PTH118
    return removed


def _real_folder(out: Path, directory: str) -> bool:
    """Whether `directory` under `out` is reached through real folders only."""
    current = str(out)
    try:
        for part in directory.split("/"):
            current = os.path.join(current, part)  # noqa: PTH118
            if not stat.S_ISDIR(os.lstat(current).st_mode):
                return False
    except OSError:
        return False
    return True


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
            if not stat.S_ISDIR(os.lstat(directory).st_mode) or os.listdir(directory):  # noqa: PTH208
                return
            os.rmdir(directory)  # noqa: PTH106
        except OSError:
            return
        parts.pop()
