"""Validation: load once, run every rule, keep what is not silenced, report on the named paths."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.errors import UserError
from samverkan_cli.loading.repository import Repository
from samverkan_cli.rules.catalog import CATALOG
from samverkan_cli.rules.registry import Context, all_checks


@dataclass(frozen=True)
class Result:
    diagnostics: list[Diagnostic]
    documents: int


def run(repo: Repository, today: date, paths: Iterable[str] | None = None) -> Result:
    """Findings for the documents under `paths` (repository-relative; all when None), sorted."""
    selected = select(repo, paths)
    context = Context(repo, today)
    found: list[Diagnostic] = [p for d in repo.documents for p in d.problems]
    for registered in all_checks():
        found.extend(registered.run(context))
    silenced = _silenced(repo)
    kept = [d for d in found if d.path in selected and not _is_silenced(d, silenced)]
    return Result(sorted(set(kept), key=Diagnostic.sort_key), len(selected))


def select(repo: Repository, paths: Iterable[str] | None) -> set[str]:
    """The document paths that `paths` (files or folders, relative to the root) name."""
    every = {d.path for d in repo.documents}
    if paths is None:
        return every
    chosen: set[str] = set()
    for path in paths:
        prefix = path.rstrip("/")
        matched = {
            p for p in every if p == prefix or prefix in ("", ".") or p.startswith(prefix + "/")
        }
        chosen |= matched
    return chosen


_SETTINGS_FILES = ("samverkan.yaml", "lagrum.yaml")


def relative_paths(root: Path, paths: Iterable[Path]) -> list[str] | None:
    """Paths given on the command line as repository-relative posix paths (None: everything)."""
    result = []
    for path in paths:
        absolute = path.resolve()
        if not absolute.exists():
            raise UserError(f"Sökvägen '{path}' finns inte. Kontrollera stavningen.")
        if absolute.is_file() and absolute.name in _SETTINGS_FILES:
            return None  # a changed samverkan.yaml or lagrum.yaml can affect every document
        try:
            result.append(absolute.relative_to(root).as_posix())
        except ValueError:
            raise UserError(
                f"'{path}' ligger utanför dokumentarkivet {root}. Ange filer i arkivet, "
                "eller välj arkiv med -C."
            ) from None
    return result


def _silenced(repo: Repository) -> dict[str, frozenset[str]]:
    everywhere = frozenset(repo.config.ignorera)
    return {d.path: everywhere | d.ignored for d in repo.documents}


def _is_silenced(diagnostic: Diagnostic, silenced: dict[str, frozenset[str]]) -> bool:
    info = CATALOG.get(diagnostic.code)
    if info is None or not info.silenceable:
        return False
    return diagnostic.code in silenced.get(diagnostic.path, frozenset())
