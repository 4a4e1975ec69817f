"""`samverkan avvikelser import EXPORT.csv`: a deviation system's export as counts (SPEC §8.6)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samverkan_cli.cli.options import Debug, Repo, Today, resolve
from samverkan_cli.cli.terminal import visible
from samverkan_cli.errors import UserError


def import_export(
    ctx: typer.Context,
    export: Annotated[
        Path,
        typer.Argument(
            metavar="EXPORT.csv",
            help="Avvikelsesystemets export: en rad per avvikelse, med rubrikrad.",
        ),
    ],
    kolumner: Annotated[
        str | None,
        typer.Option(
            "--kolumner",
            metavar="ROLL=KOLUMN,…",
            help="Exportens kolumner för datum, dokument, part och kategori, t.ex. "
            "datum=Händelsedatum,dokument=Rutin (standard: kolumnerna med de namnen).",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Visa bara vad som skulle skrivas, skriv inget.")
    ] = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,
) -> int:
    """Räkna avvikelser per månad ur en export och skriv avvikelser/ÅÅÅÅ.csv (bara antal)."""
    from samverkan_cli import avvikelser_import
    from samverkan_cli.loading.repository import load

    columns = avvikelser_import.parse_columns(kolumner)
    settings = resolve(ctx, repo, today)
    data = _read(export)
    planned = avvikelser_import.plan(
        load(settings.root, use_cache=settings.use_cache), data, columns
    )
    if not dry_run:
        avvikelser_import.apply(settings.root, planned)
    verb = "Skulle skriva" if dry_run else "Skrev"
    for one in planned.files:
        months = f"{one.months[0]}–{one.months[-1]}" if len(one.months) > 1 else one.months[0]
        typer.echo(visible(f"{verb} {one.path}: {_deviations(one.deviations)} under {months}."))
    if not planned.files:
        typer.echo("Exporten innehöll inga avvikelser med datum; inget skrevs.")
    for note in planned.notes():
        typer.echo(visible(f"Obs: {note}"), err=True)
    return 0


def _read(export: Path) -> bytes:
    try:
        return export.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Exportfilen '{export}' finns inte. Kontrollera sökvägen.") from None
    except OSError as error:
        raise UserError(f"Exportfilen '{export}' kan inte läsas ({error.strerror}).") from None


def _deviations(count: int) -> str:
    return "1 avvikelse" if count == 1 else f"{count} avvikelser"
