"""`samverkan new TYP`: a new document from the typ's template, at its conventional path."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from samverkan_cli.cli.options import Debug, Repo, Today, parse_day, resolve
from samverkan_cli.cli.terminal import visible
from samverkan_cli.errors import UserError


def command(
    ctx: typer.Context,
    typ: Annotated[
        str,
        typer.Argument(
            metavar="TYP", help="Dokumenttyp, t.ex. rutin, overenskommelse, grupp eller mote."
        ),
    ],
    titel: Annotated[str | None, typer.Option("--titel", help="Dokumentets titel.")] = None,
    part: Annotated[
        list[str] | None,
        typer.Option(
            "--part", metavar="PART", help="En part (nyckel i samverkan.yaml); upprepa för flera."
        ),
    ] = None,
    overordnad: Annotated[
        str | None,
        typer.Option("--overordnad", metavar="ID", help="Id för dokumentet det vilar på."),
    ] = None,
    grupp: Annotated[
        str | None, typer.Option("--grupp", metavar="GRUPP", help="Grupp (möte, styrgrupp, ägare).")
    ] = None,
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum", metavar="ÅÅÅÅ-MM-DD", help="Datum ÅÅÅÅ-MM-DD (möte, start); standard i dag."
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Visa filen som skulle skapas, skriv inget.")
    ] = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,  # read by the error boundary
) -> int:
    """Skapa ett nytt dokument (status utkast) från mallen för typen; skriver aldrig över en fil."""
    from samverkan_cli.fileio import create_atomic
    from samverkan_cli.loading.repository import load
    from samverkan_cli.scaffold.new import Request, inside, missing_input, normalize_typ, plan

    settings = resolve(ctx, repo, today)
    # a dry run reads the cache but leaves the folder as it was
    repository = load(settings.root, use_cache=settings.use_cache, save_cache=not dry_run)
    request = Request(
        typ=normalize_typ(typ, repository.config.types),
        today=settings.today,
        titel=titel,
        parter=tuple(part or ()),
        overordnad=overordnad,
        grupp=grupp,
        datum=parse_day(datum, "--datum") if datum else None,
    )
    if missing_input(request, repository.config.types) and sys.stdin.isatty():
        from samverkan_cli.cli.prompts import complete

        request = complete(repository, request)
    planned = plan(repository, request)
    if dry_run:
        typer.echo(visible(f"Skulle skapa {planned.path}:\n"))
        typer.echo(visible(planned.text))
        return 0
    target = inside(settings.root, planned.path)
    try:
        create_atomic(target, planned.text)
    except FileExistsError:
        raise UserError(f"{planned.path} finns redan. Inget skrevs.") from None
    typer.echo(_shown(target))
    return 0


def _shown(path: Path) -> str:
    try:
        return visible(str(path.relative_to(Path.cwd())))
    except ValueError:
        return visible(str(path))
