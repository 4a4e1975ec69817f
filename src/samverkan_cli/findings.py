"""What one validation run found: every finding in a repository, and what a run reports of it.

Apart from validate so that the findings cache (loading.results) can keep and give back a run
without importing the validator that makes one (no circle).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from samverkan_cli.avvikelser import is_deviation_file
from samverkan_cli.diagnostics import Diagnostic


@dataclass(frozen=True)
class Result:
    diagnostics: list[Diagnostic]
    documents: int


@dataclass(frozen=True)
class Findings:
    """Every finding in the repository, and what the rules asked of the disk to find them."""

    diagnostics: list[Diagnostic]
    paths: list[str]
    #: Files outside the documents that links named, and whether each existed (SV053).
    probes: dict[str, bool]
    #: Attachments that links named, and why each was not published (None: it was; SV056).
    examined: dict[str, str | None] = field(default_factory=dict)

    def select(self, paths: Iterable[str] | None) -> Result:
        """The findings on the documents `paths` name (all: every document, and the findings on
        samverkan.yaml too, which naming it also asks for), and on the deviation files they
        name (all: every one)."""
        selected = select(self.paths, paths)
        deviation_files = {d.path for d in self.diagnostics if is_deviation_file(d.path)}
        named_files = (
            deviation_files | SETTINGS if paths is None else select(deviation_files, paths)
        )
        shown = selected | named_files
        kept = [d for d in self.diagnostics if d.path in shown]
        return Result(kept, len(selected))


#: The settings files a finding may be about (SV091); they are not documents.
SETTINGS: Final = frozenset({"samverkan.yaml", "lagrum.yaml"})


def select(every_path: Iterable[str], paths: Iterable[str] | None) -> set[str]:
    """The document paths that `paths` (files or folders, relative to the root) name."""
    every = set(every_path)
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
