"""Validation: load once, run every rule, keep what is not silenced, report on the named paths."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from samverkan_cli import heap
from samverkan_cli.catalog import CATALOG
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.errors import UserError
from samverkan_cli.findings import SETTINGS, Findings, Result
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import DOCUMENT_FOLDERS, Repository
from samverkan_cli.rules.checks import all_checks
from samverkan_cli.rules.registry import Context


def run(repo: Repository, today: date, paths: Iterable[str] | None = None) -> Result:
    """Findings for the documents under `paths` (repository-relative; all when None), sorted."""
    return _everything(repo, today).select(paths)


def run_focused(repo: Repository, today: date, paths: Iterable[str]) -> Result:
    """run() for a few files of a large repository, as `record` and `new` check what they
    write: the checks walk only those files, against the whole repository's indexes, and find
    for them what a whole run finds (tests/unit/test_focused_validation.py holds them to it)."""
    wanted = frozenset(paths)
    with heap.lasting():
        return _found(repo, today, wanted).select(wanted)


def _everything(repo: Repository, today: date) -> Findings:
    with heap.lasting():  # the rules' indexes and findings last until the run ends
        return _found(repo, today)


def _found(repo: Repository, today: date, focus: frozenset[str] | None = None) -> Findings:
    context = Context(repo, today, focus=focus)
    judged = [d for d in repo.documents if focus is None or d.path in focus]
    found: list[Diagnostic] = [p for d in judged for p in d.problems]
    for registered in all_checks():
        found.extend(registered.run(context))
    silenced = _silenced(repo, judged)
    # A focused run keeps only the focus's findings (select): only their files' locks count.
    locked = {d for document in judged for d in document.locked}
    kept = {d for d in found if d in locked or not _is_silenced(d, silenced)}
    paths = [d.path for d in repo.documents]
    return Findings(
        sorted(kept, key=Diagnostic.sort_key), paths, dict(context.probes), dict(context.examined)
    )


def run_cached(
    root: Path, today: date, paths: Iterable[str] | None = None, *, use_cache: bool = True
) -> Result:
    """run() on the repository at `root`, answered from the last run when no input changed.

    The inputs are every document file (size and time), samverkan.yaml, lagrum.yaml, the date,
    the tool's version and the files links named; a pre-commit hook on a repository where
    nothing changed then costs a stat of each file. Raises ConfigError like load().
    """
    from samverkan_cli.loading import results
    from samverkan_cli.loading.repository import load

    if not use_cache:
        return _everything(load(root, use_cache=False), today).select(paths)
    key = results.key(root, today)
    return _remembered(root, today, key, results.FILE, lambda: load(root)).select(paths)


def run_remembered(repo: Repository, today: date, run_key: bytes | None, file: str) -> Result:
    """run() on all of `repo`, answered from the findings kept in `file` under `run_key`
    (results.key, taken before `repo` was loaded: a file written meanwhile gives a key that
    no later run has), and kept there when it is not."""
    return _remembered(repo.root, today, run_key, file, lambda: repo).select(None)


def _remembered(
    root: Path, today: date, run_key: bytes | None, file: str, loaded: Callable[[], Repository]
) -> Findings:
    """The findings kept in `file` under `run_key`, or those of a whole run on `loaded()`
    (loaded only then: a hook run with nothing changed reads no document), kept there."""
    from samverkan_cli.loading import results

    found = results.recall(root, run_key, file)
    if found is None:
        found = _everything(loaded(), today)
        results.remember(root, run_key, found, file)
    return found


_DOCUMENT_PREFIXES = tuple(f"{folder}/" for folder in DOCUMENT_FOLDERS)


def relative_paths(root: Path, paths: Iterable[Path]) -> list[str] | None:
    """Paths given on the command line as repository-relative posix paths (None: everything)."""
    result = []
    for path in paths:
        absolute = path.resolve()
        if not absolute.exists():
            raise UserError(f"Sökvägen '{path}' finns inte. Kontrollera stavningen.")
        if absolute.is_file() and absolute.name in SETTINGS:
            return None  # a changed samverkan.yaml or lagrum.yaml can affect every document
        try:
            relative = absolute.relative_to(root).as_posix()
        except ValueError:
            raise UserError(
                f"'{path}' ligger utanför dokumentarkivet {root}. Ange filer i arkivet, "
                "eller välj arkiv med -C."
            ) from None
        result.append(relative)
    return result


def outside_folders(root: Path, relative: list[str]) -> list[str]:
    """The named files that look like documents (front matter first) but lie outside the
    document folders, and so are not read: the command line says so rather than nothing."""
    found = []
    for path in relative:
        file = root / path
        if path.startswith(_DOCUMENT_PREFIXES) or file.suffix != ".md" or not file.is_file():
            continue
        try:
            with file.open("rb") as handle:
                starts = handle.read(3) == b"---"
        except OSError:
            continue
        if starts:
            found.append(path)
    return found


def _silenced(repo: Repository, judged: list[Document]) -> dict[str, frozenset[str]]:
    """What each judged file silences (a focused run keeps only its files' findings)."""
    everywhere = frozenset(repo.config.ignorera)
    return {d.path: everywhere | d.ignored for d in judged}


def _is_silenced(diagnostic: Diagnostic, silenced: dict[str, frozenset[str]]) -> bool:
    info = CATALOG.get(diagnostic.code)
    if info is None or not info.silenceable:
        return False
    return diagnostic.code in silenced.get(diagnostic.path, frozenset())
