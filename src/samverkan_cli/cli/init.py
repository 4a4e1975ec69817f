"""`samverkan init DIR [--exempel]`: a new documents repository, ready for the hook and CI."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samverkan_cli.cli.options import Debug, Repo, Today, today_of
from samverkan_cli.cli.terminal import visible


def command(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(metavar="MAPP", help="Mappen som ska bli dokumentarkivet (ny eller tom)."),
    ],
    exempel: Annotated[
        bool,
        typer.Option(
            "--exempel", help="Lägg till ett komplett exempellän med ett sextiotal dokument."
        ),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Visa vilka filer som skulle skapas.")
    ] = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,  # read by the error boundary
) -> int:
    """Skapa ett nytt dokumentarkiv: samverkan.yaml, mappar, pre-commit, CI och editorinställningar."""
    from samverkan_cli.fileio import create_atomic
    from samverkan_cli.loading.repository import DOCUMENT_FOLDERS
    from samverkan_cli.scaffold import init
    from samverkan_cli.scaffold.new import inside

    del repo  # init makes a repository; it does not work inside one
    today_of(ctx, today)
    init.check_target(folder)
    planned = init.plan(example=exempel)
    targets = [inside(folder, item.path) for item in planned]  # all checked before any write
    if dry_run:
        typer.echo(visible(f"Skulle skapa {len(planned)} filer i {folder}:"))
        for item in planned:
            typer.echo(visible(f"  {item.path}"))
        return 0
    for target, item in zip(targets, planned, strict=True):
        create_atomic(target, item.text)
    note = init.git_init(folder)
    documents = sum(1 for item in planned if item.path.split("/", 1)[0] in DOCUMENT_FOLDERS)
    typer.echo(visible(f"Skapade dokumentarkivet {folder} ({len(planned)} filer)."))
    if note:
        typer.echo(visible(f"Obs: {note}"), err=True)
    _next_steps(folder, exempel, documents)
    return 0


def _next_steps(folder: Path, exempel: bool, documents: int) -> None:
    typer.echo("\nNästa steg:")
    typer.echo(visible(f"  cd {folder}"))
    if not exempel:
        typer.echo("  Öppna samverkan.yaml och skriv in länets namn och parter.")
    else:
        typer.echo(f"  Exemplet har {documents} dokument, grupper och möten att utgå från.")
    typer.echo("  pre-commit install          # kontrollen före varje incheckning")
    typer.echo("  samverkan validate          # kontrollera alla dokument nu")
    if exempel:
        typer.echo('  samverkan new rutin --titel "…" --overordnad OVK-0001')
    else:  # a rutin rests on an agreement: the first document is one
        typer.echo('  samverkan new overenskommelse --titel "…" --part … --part …')
