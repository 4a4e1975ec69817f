"""`samverkan list`: the förteckning in the terminal, or as json, csv or md for scripts."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from samverkan_cli.cli.options import Debug, Repo, Today, check_format, resolve
from samverkan_cli.cli.terminal import for_stream, visible
from samverkan_cli.errors import UserError

if TYPE_CHECKING:
    from samverkan_cli.forteckning import Entry

FORMATS = ("table", "json", "csv", "md")


def command(
    ctx: typer.Context,
    typ: Annotated[
        str | None,
        typer.Option("--typ", metavar="TYP", help="Bara dokument av typen, t.ex. rutin."),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", metavar="STATUS", help="Bara dokument med status, t.ex. beslutad."
        ),
    ] = None,
    part: Annotated[
        str | None, typer.Option("--part", metavar="PART", help="Bara dokument där parten är part.")
    ] = None,
    gallande: Annotated[
        bool, typer.Option("--gallande", help="Bara dokument som gäller i dag.")
    ] = False,
    format_name: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="table, json, csv eller md.")
    ] = "table",
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,  # read by the error boundary
) -> int:
    """Visa förteckningen över dokumenten (utkast och remisser bara med --status)."""
    from samverkan_cli import exports, forteckning
    from samverkan_cli.loading.repository import load
    from samverkan_cli.model.vocabulary import DRAFT_STATUSES, STATUS, fold
    from samverkan_cli.scaffold.new import normalize_typ

    check_format(format_name, FORMATS)
    wanted_typ = normalize_typ(typ) if typ else None
    wanted_status = fold(status.strip().lower()) if status else None  # as --typ: case, å/ä/ö
    if wanted_status is not None and wanted_status not in STATUS:
        raise UserError(f"Okänd status '{status}'. Välj en av: {', '.join(STATUS)}.")
    settings = resolve(ctx, repo, today)
    repository = load(settings.root, use_cache=settings.use_cache)
    parties = repository.config.party_keys(part) if part is not None else []
    if part is not None and not parties:
        raise UserError(
            f"Parten '{part}' finns inte i samverkan.yaml. Ange en parts nyckel eller namn: "
            f"{repository.config.party_choices()}."
        )
    include_drafts = wanted_status in DRAFT_STATUSES
    chosen = [
        e
        for e in forteckning.entries(repository, settings.today, include_drafts)
        if (wanted_typ is None or e.typ == wanted_typ)
        and (wanted_status is None or e.model.status == wanted_status)
        and (part is None or any(p in parties for p in e.model.parter or ()))
        and (not gallande or e.in_force)
    ]
    if format_name == "table":
        _table(chosen, repository.config.namn)
    elif format_name == "json":
        data = exports.forteckning_json(chosen, repository.config.namn, settings.today)
        sys.stdout.write(for_stream(data, sys.stdout))
    elif format_name == "csv":
        sys.stdout.buffer.write(exports.forteckning_csv(chosen))
    else:
        sys.stdout.write(for_stream(exports.forteckning_markdown(chosen), sys.stdout))
    return 0


def _table(chosen: list[Entry], title: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from samverkan_cli.exports import SUMMARY_HEADINGS, summary_cells

    # Text, never markup: a title like "[bold]x[/]" is shown as written.
    heading = Text(visible(f"{title}: {len(chosen)} dokument"))
    table = Table(title=heading, title_justify="left", highlight=False)
    table.add_column(SUMMARY_HEADINGS[0], no_wrap=True, min_width=8)
    for name in SUMMARY_HEADINGS[1:]:
        table.add_column(name, overflow="fold")
    for e in chosen:
        table.add_row(*(Text(visible(cell)) for cell in summary_cells(e)))
    Console(soft_wrap=False).print(table)
