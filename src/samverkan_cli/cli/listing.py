"""`samverkan list`: the förteckning in the terminal, or as json, csv or md for scripts."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Final

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
    wanted_status = fold(status.strip().lower()) if status else None  # as --typ: case, å/ä/ö
    if wanted_status is not None and wanted_status not in STATUS:
        raise UserError(f"Okänd status '{status}'. Välj en av: {', '.join(STATUS)}.")
    settings = resolve(ctx, repo, today)
    repository = load(settings.root, use_cache=settings.use_cache)
    wanted_typ = normalize_typ(typ, repository.config.types) if typ else None
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
        shown = frozenset(e.id for e in chosen)
        deviations = exports.deviation_totals(repository, shown)
        data = exports.forteckning_json(chosen, repository.config.namn, settings.today, deviations)
        sys.stdout.write(for_stream(data, sys.stdout))
    elif format_name == "csv":
        sys.stdout.buffer.write(exports.forteckning_csv(chosen))
    else:
        sys.stdout.write(for_stream(exports.forteckning_markdown(chosen), sys.stdout))
    return 0


#: The table's columns in the order they are given up as the terminal narrows, and whether a
#: cell may wrap (at spaces only): ids, dates and single words never break.
_PRIORITY: Final = (
    ("Id", False),
    ("Titel", True),
    ("Status", True),
    ("Nästa granskning", True),
    ("Giltig till", False),
    ("Typ", True),
    ("Gäller", False),
    ("Dokumentansvarig", True),
    ("Beslut", True),
)
_TITLE_AT_LEAST: Final = 16


def _table(chosen: list[Entry], title: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from samverkan_cli.exports import SUMMARY_HEADINGS, summary_cells

    console = Console(soft_wrap=False)
    # Text, never markup: a title like "[bold]x[/]" is shown as written.
    heading = Text(visible(f"{title}: {len(chosen)} dokument"))
    if not chosen:
        console.print(heading)
        console.print("Inga dokument motsvarar urvalet. Ändra --typ, --status eller --part.")
        return
    rows = [[visible(cell) for cell in summary_cells(e)] for e in chosen]
    index = {name: i for i, name in enumerate(SUMMARY_HEADINGS)}
    shown = _columns(rows, index, console.width)
    widths = _widths(shown, rows, index, console.width)
    table = Table(title=heading, title_justify="left", highlight=False)
    for (name, wraps), width in zip(shown, widths, strict=True):
        table.add_column(name, no_wrap=not wraps, width=width, overflow="fold")
    for row in rows:
        table.add_row(*(Text(row[index[name]]) for name, _wraps in shown))
    console.print(table)
    left_out = [name for name, _wraps in _PRIORITY if (name, _wraps) not in shown]
    if left_out:
        console.print(
            Text(
                f"Utelämnat för att få plats: {', '.join(left_out).lower()}. Visa allt med ett "
                "bredare fönster, eller med --format csv eller md."
            )
        )


def _narrowest(name: str, cells: list[str], wraps: bool) -> int:
    """The narrowest a column may be: its longest word (heading included) when it wraps at
    spaces, else its longest cell."""
    if wraps:
        return max(len(word) for text in [name, *cells] for word in (text.split() or [""]))
    return max(len(text) for text in [*name.split(), *cells])


def _widths(
    shown: list[tuple[str, bool]], rows: list[list[str]], index: dict[str, int], width: int
) -> list[int]:
    """Each column's width: as wide as its widest cell, the wrapping columns narrowed (the
    widest first, the title last, never below their longest word) until the table fits."""
    cells = {name: [row[index[name]] for row in rows] for name, _wraps in shown}
    natural = [max(len(text) for text in [name, *cells[name]]) for name, _wraps in shown]
    least = [
        max(_narrowest(name, cells[name], wraps), _TITLE_AT_LEAST if name == "Titel" else 0)
        if wraps
        else natural[i]
        for i, (name, wraps) in enumerate(shown)
    ]
    least = [min(low, high) for low, high in zip(least, natural, strict=True)]
    room = width - 1 - 3 * len(shown)
    widths = list(natural)
    while sum(widths) > room:
        slack = [w - low for w, low in zip(widths, least, strict=True)]
        if max(slack) <= 0:
            break
        # The title is the last to give: it is what people read the list for.
        widest = max(
            range(len(widths)),
            key=lambda i: (slack[i] > 0, shown[i][0] != "Titel", widths[i]),
        )
        widths[widest] -= 1
    return widths


def _columns(rows: list[list[str]], index: dict[str, int], width: int) -> list[tuple[str, bool]]:
    """The columns that fit in `width`, by priority, in the table's own order; the title gets
    what is left (each column costs its width and three characters of border and padding)."""
    chosen: list[tuple[str, bool]] = []
    used = 1
    for name, wraps in _PRIORITY:
        cells = [row[index[name]] for row in rows]
        narrowest = _narrowest(name, cells, wraps)
        need = (max(narrowest, _TITLE_AT_LEAST) if name == "Titel" else narrowest) + 3
        if chosen and used + need > width:
            continue
        chosen.append((name, wraps))
        used += need
    return sorted(chosen, key=lambda column: index[column[0]])
