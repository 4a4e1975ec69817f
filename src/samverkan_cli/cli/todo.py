"""`samverkan todo`: what to do next, grouped by who must act (SPEC §8.8)."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from samverkan_cli.cli.options import Debug, Repo, Today, check_format, resolve
from samverkan_cli.cli.terminal import for_stream, visible
from samverkan_cli.errors import UserError

if TYPE_CHECKING:
    from datetime import date

    from samverkan_cli.config import Config
    from samverkan_cli.todo import Item

FORMATS = ("text", "json", "md")


def command(
    ctx: typer.Context,
    part: Annotated[
        str | None,
        typer.Option("--part", metavar="PART", help="Bara det som parten ska göra, t.ex. timra."),
    ] = None,
    ansvarig: Annotated[
        str | None,
        typer.Option(
            "--ansvarig", metavar="ROLL", help="Bara det som en dokumentansvarig ska göra."
        ),
    ] = None,
    dagar: Annotated[
        int | None,
        typer.Option(
            "--dagar", metavar="DAGAR", help="Ta med det som ska göras inom så många dagar."
        ),
    ] = None,
    format_name: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help="text, json eller md.")
    ] = "text",
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,  # read by the error boundary
) -> int:
    """Visa arbetslistan: beslut, underskrifter, granskningar, ordförande och möten att ordna."""
    from samverkan_cli import todo
    from samverkan_cli.loading.repository import load

    check_format(format_name, FORMATS)
    if dagar is not None and not 0 <= dagar <= 3650:
        raise UserError(f"--dagar ska vara 0–3650, inte {dagar}.")
    settings = resolve(ctx, repo, today)
    repository = load(settings.root, use_cache=settings.use_cache)
    config = repository.config
    if part is not None:
        keys = config.party_keys(part)
        if not keys:
            raise UserError(
                f"Parten '{part}' finns inte i samverkan.yaml. Parter: {config.party_choices()}."
            )
        part = keys[0]
    found = todo.select(todo.items(repository, settings.today, dagar), part, ansvarig)
    if format_name == "json":
        text = json.dumps(todo.as_json(found, settings.today), ensure_ascii=False, indent=2)
        sys.stdout.write(text + "\n")
    elif format_name == "md":
        sys.stdout.write(for_stream(markdown(found, config, settings.today), sys.stdout))
    else:
        sys.stdout.write(visible(plain(found, config, settings.today)))
    return 0


def _who(vem: str | None, config: Config) -> str:
    return "Ingen ansvarig angiven" if vem is None else config.named(vem)


def _when(item: Item, today: date) -> str:
    if item.senast is None:
        return "–"
    return f"{item.senast} (försenad)" if item.senast < today else str(item.senast)


def plain(found: list[Item], config: Config, today: date) -> str:
    from samverkan_cli.todo import KINDS, by_who

    if not found:
        return f"Inget att göra just nu ({today}).\n"
    lines = [f"Att göra {today}: {len(found)} {'sak' if len(found) == 1 else 'saker'}.", ""]
    for vem, items in by_who(found):
        lines.append(_who(vem, config))
        for item in items:
            lines.append(
                f"  {item.dokument or '–'}: {KINDS[item.vad]}, senast {_when(item, today)}"
            )
            lines.append(f"    {item.kommando}")
            if item.falt and item.path:
                lines.append(f"    (för hand: {item.falt} i {item.path})")
        lines.append("")
    return "\n".join(lines)


def markdown(found: list[Item], config: Config, today: date) -> str:
    from samverkan_cli.todo import KINDS, by_who

    lines = [f"# Att göra {today}", ""]
    if not found:
        return "\n".join([*lines, "Inget att göra just nu.", ""])
    for vem, items in by_who(found):
        lines += [f"## {_cell(_who(vem, config))}", ""]
        lines.append("| Dokument | Vad | Senast | Kommando | För hand |")
        lines.append("|---|---|---|---|---|")
        lines += [
            f"| {item.dokument or '–'} | {KINDS[item.vad]} | {_when(item, today)} | "
            f"`{_cell(item.kommando)}` | {_by_hand(item)} |"
            for item in items
        ]
        lines.append("")
    return "\n".join(lines)


def _by_hand(item: Item) -> str:
    return f"`{_cell(item.falt)}` i {_cell(item.path)}" if item.falt and item.path else "–"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
