"""`samverkan validate`: check documents and report findings (exit 1 on errors)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from samverkan_cli.cli import reporters
from samverkan_cli.cli.options import Debug, Repo, Today, resolve
from samverkan_cli.cli.terminal import visible
from samverkan_cli.errors import ConfigError


def command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="SÖKVÄG",
            help="Filer eller mappar att rapportera om (standard: hela arkivet).",
            show_default=False,
        ),
    ] = None,
    format_name: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="Utdata: text, json, github eller sarif."
        ),
    ] = "text",
    strict: Annotated[
        bool, typer.Option("--strict", help="Avsluta med kod 1 även vid varningar.")
    ] = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,  # read by the error boundary
) -> int:
    """Kontrollera dokumenten: fält, hänvisningar, underskrifter, datum, grupper och personuppgifter."""
    from samverkan_cli.validate import outside_folders, relative_paths, run_cached

    emit = reporters.reporter(format_name)
    settings = resolve(ctx, repo, today)
    named = [settings.here(path) for path in paths or ()]
    selected = relative_paths(settings.root, named) if named else None
    for path in outside_folders(settings.root, selected or []):
        typer.echo(
            visible(
                f"Obs: {path} ligger inte i dokument/, grupper/ eller moten/ och kontrolleras "
                "därför inte. Flytta filen dit, t.ex. till dokument/rutiner/."
            ),
            err=True,
        )
    try:
        result = run_cached(settings.root, settings.today, selected, use_cache=settings.use_cache)
    except ConfigError as error:
        emit(reporters.Printout(error.diagnostics, 0, settings.root), sys.stdout)
        return 2
    report = reporters.Printout(result.diagnostics, result.documents, settings.root)
    emit(report, sys.stdout)
    summary = report.summary
    return 1 if summary.errors or (strict and summary.warnings) else 0
