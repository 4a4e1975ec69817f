"""The typer application: global options, Swedish help, and one module per command."""

from __future__ import annotations

from functools import cache
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from samverkan_cli import __version__
from samverkan_cli.cli import init, listing, new, publish, report, schema, validate
from samverkan_cli.cli.options import Debug, GlobalOptions, Repo, Today

_HELP_TEXT = "Visa den här hjälpen och avsluta."


class _SwedishHelp:
    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _HELP_TEXT
        return option


class Group(_SwedishHelp, TyperGroup):
    pass


class Command(_SwedishHelp, TyperCommand):
    pass


def _translate_help_panels() -> None:
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = "Argument"
    rich_utils.OPTIONS_PANEL_TITLE = "Flaggor"
    rich_utils.COMMANDS_PANEL_TITLE = "Kommandon"
    rich_utils.DEFAULT_STRING = "[standard: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[krävs]"


app = typer.Typer(
    cls=Group,
    name="samverkan",
    help="Styrdokument för samverkan mellan region och kommuner: validera, rapportera, publicera.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def root(
    ctx: typer.Context,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,
    version: bool = typer.Option(False, "--version", "-V", help="Visa versionen och avsluta."),
) -> None:
    """Styrdokument för samverkan mellan region och kommuner: validera, rapportera, publicera."""
    if version:
        typer.echo(f"samverkan {__version__}")
        raise typer.Exit(0)
    ctx.obj = GlobalOptions(repo=repo, today=today, debug=debug)


for name, module in (
    ("validate", validate),
    ("new", new),
    ("init", init),
    ("list", listing),
    ("report", report),
    ("publish", publish),
    ("schema", schema),
):
    app.command(name=name, cls=Command)(module.command)


@cache
def command(*, help_wanted: bool = False) -> Any:
    """The click-level command; Swedish help panels only when help is shown (rich is slow to load)."""
    if help_wanted:
        _translate_help_panels()
    return typer.main.get_command(app)
