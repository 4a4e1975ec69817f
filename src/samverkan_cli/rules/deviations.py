"""Deviation files (SV062): `avvikelser/*.csv` must be counts the report can add up.

Reported on the CSV file at its line, like the settings files: the files are no documents, but a
whole-repository run and a run that names them show their findings (findings.Findings.select).
"""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_cli import avvikelser
from samverkan_cli.catalog import severity
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.rules.registry import Context, check


@check("SV062")
def deviation_files(ctx: Context) -> Iterator[Diagnostic]:
    found = avvikelser.read(ctx.repo.root)
    unknown = avvikelser.unknown(found.counts, ctx.repo.by_id, ctx.config.parter)
    for problem in (*found.problems, *unknown):
        yield Diagnostic(
            "SV062", severity("SV062"), problem.path, problem.line, 1, None, problem.message
        )
