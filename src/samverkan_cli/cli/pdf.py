"""`samverkan pdf ID`: one document as an accessible A4 PDF, optionally with its signing page."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from samverkan_cli.cli.options import Debug, Repo, Settings, Today, resolve
from samverkan_cli.cli.report import STDOUT, check_target, refuse_terminal, suggest
from samverkan_cli.cli.terminal import visible
from samverkan_cli.errors import UserError


def _target(out: Path | None, settings: Settings, name: str, *, force: bool) -> Path:
    """The file to write, checked: a relative --out starts in the -C folder (like every path on
    the command line); without --out, `name` in the current folder. Never into a document
    folder, nor over a file without --force."""
    example = suggest(settings.root, name, settings.base)
    if out is None:
        _not_in_a_document_folder(settings.root, example)
    target = settings.here(out) if out is not None else Path(name)
    shown = out or target
    check_target(target, shown, settings.root, example=example)
    if target.exists() and not force:
        raise UserError(
            f"{shown} finns redan. Ange --force för att skriva över den, eller välj ett annat "
            "namn med --out; inget skrevs."
        )
    return target


def _not_in_a_document_folder(root: Path, example: str) -> None:
    """Without --out the PDF goes into the current folder: not when that is a document folder
    (`cd dokument && samverkan pdf ID`), whose files are all read as documents."""
    from samverkan_cli.loading.repository import document_folder_of

    folder = document_folder_of(root, Path.cwd())
    if folder is not None:
        raise UserError(
            f"Du står i arkivets mapp {folder}/, där varje fil läses som ett dokument, så "
            f"PDF-filen skrivs inte här. Ange med --out en plats utanför dokumentmapparna, "
            f"t.ex. --out {example}; inget skrevs."
        )


def command(
    ctx: typer.Context,
    document: Annotated[str, typer.Argument(metavar="ID", help="Dokumentets id, t.ex. OVK-0003.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FIL",
            help="PDF-filen att skriva (standard: ID.pdf i den här mappen; - för standard ut).",
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
    name = f"{model.id}.pdf"
    to_stdout = out is not None and str(out) == STDOUT
    if to_stdout:
        example = suggest(settings.root, name, settings.base)
        refuse_terminal(f"samverkan pdf {model.id} --out - > {name}", example)
        target = None
    else:
        target = _target(out, settings, name, force=force)
    printed = printing.render(repository, model.id, settings.today, sign=underskrift)
    if printed.replaced:
        where = f"i {model.id} ({found.path})"
        typer.echo(visible(engine.replaced_warning([(where, printed.replaced)])), err=True)
    if target is None:
        sys.stdout.buffer.write(printed.pdf)
        sys.stdout.flush()
    else:
        write_atomic(target, printed.pdf)
        typer.echo(visible(f"Skrev {out or target}"), err=True)
    return 0
