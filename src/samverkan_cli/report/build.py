"""Build the årsrapport: load once, validate as of Y-12-31, read git history and the deviation
counts once, collect."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from samverkan_cli import avvikelser, git, heap
from samverkan_cli.forteckning import public
from samverkan_cli.loading import results
from samverkan_cli.loading.repository import Repository
from samverkan_cli.report.collect import Report, collect
from samverkan_cli.validate import run_remembered

#: Not counted at year end. The repository holds today's text: a decision dated after Y-12-31
#: (SV024) or an overordnad pointing at a document that came later (SV016) is a later event,
#: not a fault in year Y.
NOT_AS_OF_YEAR_END = frozenset({"SV016", "SV024"})


def year_end_key(root: Path, year: int) -> bytes | None:
    """What `build` is told (taken before the load) to answer the year-end validation from
    the last report's when no input changed: a warm report then costs ~1 s less at 10,000
    documents."""
    return results.key(root, _year_end(year))


def _year_end(year: int) -> date:
    return date(year, 12, 31)


def build(repo: Repository, year: int, today: date, remembered: bytes | None = None) -> Report:
    # Every model is made here (on first use, Document.model): with the cycle collector
    # walking the growing heap meanwhile, that cost a 10,000-document report ~0.3 s.
    with heap.lasting():
        return _built(repo, year, today, remembered)


def _built(repo: Repository, year: int, today: date, remembered: bytes | None) -> Report:
    end = _year_end(year)
    shown = public(repo)
    documents = {d.path for d in repo.documents}
    findings = [
        d
        for d in run_remembered(repo, end, remembered, results.YEAR_END_FILE).diagnostics
        if d.code not in NOT_AS_OF_YEAR_END
        and (d.path in shown.paths or d.path not in documents)
        and not shown.reveals(d.message)
    ]
    changes = git.history(repo.root, since=date(year, 1, 1), until=end)
    history = None if changes is None else shown.changes(changes)
    deviations = avvikelser.read(repo.root).counts
    return collect(repo, year, today, findings, history, deviations)
