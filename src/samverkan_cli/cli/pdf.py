"""`samverkan pdf ID`: one document as an accessible A4 PDF, optionally with its signing page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samverkan_cli.cli.options import Debug, Repo, Today, resolve
from samverkan_cli.cli.report import check_target
from samverkan_cli.cli.terminal import visible
from samverkan_cli.errors import UserError


def command(
    ctx: typer.Context,
    document: Annotated[str, typer.Argument(metavar="ID", help="Dokumentets id, t.ex. OVK-0003.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FIL",
            help="PDF-filen att skriva (standard: ID.pdf i den här mappen).",
        ),
    ] = None,
    underskrift: Annotated[
        bool,
        typer.Option(
            "--underskrift",
            help="Lägg till en underskriftssida med ett block för varje part som ska skriva under.",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Skriv över FIL om den finns.")] = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,  # read by the error boundary
) -> int:
    """Skriv ut ett dokument som tillgänglig PDF (A4): uppgifterna, texten och sidnumrering."""
    from samverkan_cli.fileio import write_atomic
    from samverkan_cli.loading.repository import load
    from samverkan_cli.pdf import engine, printing, signing

    settings = resolve(ctx, repo, today)
    engine.require()
    repository = load(settings.root, use_cache=settings.use_cache)
    found, model = printing.find(repository, document)
    if underskrift:
        signing.check_signed(repository.config, model)
    shown = out if out is not None else Path(f"{model.id}.pdf")
    target = settings.base / out if settings.base and out is not None else shown
    check_target(target, shown, settings.root, example=f"{model.id}.pdf")
    if target.exists() and not force:
        raise UserError(
            f"{shown} finns redan. Ange --force för att skriva över den, eller välj ett annat "
            "namn med --out; inget skrevs."
        )
    printed = printing.render(repository, model.id, settings.today, sign=underskrift)
    write_atomic(target, printed.pdf)
    if printed.replaced:
        where = f"i {model.id} ({found.path})"
        typer.echo(visible(engine.replaced_warning([(where, printed.replaced)])), err=True)
    typer.echo(visible(f"Skrev {shown}"), err=True)
    return 0
