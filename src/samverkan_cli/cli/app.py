"""The typer application: global options, Swedish help, and one module per command."""

from __future__ import annotations

import difflib
from functools import cache
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from samverkan_cli import __version__
from samverkan_cli.cli import (
    avvikelser,
    fix,
    init,
    listing,
    new,
    pdf,
    publish,
    record,
    report,
    schema,
    todo,
    validate,
)
from samverkan_cli.cli.options import Debug, GlobalOptions, Repo, Today
from samverkan_cli.errors import UserError

HELP_HINT = "Se 'samverkan --help' eller 'samverkan KOMMANDO --help'."

_HELP_TEXT = "Visa den här hjälpen och avsluta."


class _SwedishHelp:
    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _HELP_TEXT
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        """The usage line in Swedish: "Användning: samverkan new [FLAGGOR] TYP"."""
        words = {"[OPTIONS]": "[FLAGGOR]", "COMMAND [ARGS]...": "KOMMANDO [ARGUMENT]..."}
        pieces = [
            words.get(piece, piece.strip("{}"))  # typer writes a required argument as {TYP}
            for piece in self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        ]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Användning: ")


class Group(_SwedishHelp, TyperGroup):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Options without a command: say which commands there are (click says it in English)."""
        rest: list[str] = super().parse_args(ctx, args)
        if not _command_given(ctx, rest) and not ctx.resilient_parsing:
            if ctx.params.get("version"):
                typer.echo(f"samverkan {__version__}")
                raise typer.Exit(0)
            commands = ", ".join(sorted(self.list_commands(ctx)))
            raise UserError(f"Ange ett kommando: {commands}.\n{HELP_HINT}")
        return rest

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """An unknown command is named in Swedish, with the app's own commands to choose from."""
        name = args[0] if args else None
        if name is not None and not name.startswith("-") and self.get_command(ctx, name) is None:
            commands = sorted(self.list_commands(ctx))
            close = difflib.get_close_matches(name, commands, n=1)
            hint = f" Menade du '{close[0]}'?" if close else ""
            raise UserError(
                f"Okänt kommando '{name}'.{hint} Kommandon: {', '.join(commands)}.\n{HELP_HINT}"
            )
        return super().resolve_command(ctx, args)


def _command_given(ctx: Any, rest: list[str]) -> bool:
    # click keeps the command in `_protected_args` (8.2 and typer's copy), else `protected_args`
    protected = getattr(ctx, "_protected_args", None)
    if protected is None:
        protected = getattr(ctx, "protected_args", None)
    return bool(protected or rest)


class Command(_SwedishHelp, TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Extra arguments are named in Swedish (click would say it in English)."""
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest: list[str] = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise UserError(f"Oväntat argument: {' '.join(rest)}.\n{HELP_HINT}")
        return rest


#: What a value is, in words a user knows, by the type typer would show (`<str>`, `<Path>`).
_VALUE_WORDS = {
    "str": "TEXT",
    "int": "TAL",
    "float": "TAL",
    "Path": "SÖKVÄG",
    "list[str]": "TEXT …",
    "list[Path]": "SÖKVÄG …",
}


def _value_word(param: Any, ctx: Any) -> str | None:
    """A parameter's value as --help shows it: its metavar, nothing for an on/off flag, else
    a Swedish word for its type (never typer's `<bool>` or `<list[Path]>`)."""
    from typer.core import TyperOption

    metavar = getattr(param, "metavar", None)
    if metavar is not None:
        return str(metavar) or None
    if isinstance(param, TyperOption) and param.is_flag:
        return None
    shown = str(param.display_type(ctx)).strip("<>")
    if "|" in shown:  # choices: they are listed, as typer shows them
        return shown
    return _VALUE_WORDS.get(shown, "VÄRDE")


def _translate_help_panels() -> None:
    from typer import core, rich_utils

    for kind in (core.TyperArgument, core.TyperOption):
        setattr(kind, "display_type_rich", _value_word)  # noqa: B010 (typer has no setting)
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
    epilog="\b\nExempel:\n  samverkan validate\n  samverkan new rutin\n  samverkan publish --out _site",
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


#: One or two examples under each command's --help.
EXAMPLES = {
    "validate": (
        "samverkan validate",
        "samverkan validate dokument/rutiner --format github",
    ),
    "new": (
        'samverkan new rutin --titel "Rutin för SIP" --overordnad OVK-0001',
        "samverkan new mote --grupp bg --datum 2026-09-15",
    ),
    "init": ("samverkan init mitt-lan", "samverkan init exempel --exempel"),
    "list": ("samverkan list", "samverkan list --typ rutin --format csv"),
    "report": (
        "samverkan report --year 2025",
        "samverkan report --year 2025 --format html --out rapport-2025.html",
        "samverkan report --year 2025 --format pdf --out rapport-2025.pdf",
    ),
    "pdf": (
        "samverkan pdf OVK-0001",
        "samverkan pdf OVK-0001 --underskrift --out OVK-0001-underskrift.pdf",
    ),
    "publish": (
        "samverkan publish --out _site",
        "samverkan publish --out _site --base-url https://samverkan.example.se/",
    ),
    "schema": ("samverkan schema --out schemas",),
    "todo": ("samverkan todo", "samverkan todo --part sundsvall"),
    "fix": ("samverkan fix --dry-run", "samverkan fix dokument/rutiner"),
    "avvikelser": (
        "samverkan avvikelser import export.csv",
        "samverkan avvikelser import export.csv --kolumner datum=Skapad,part=Enhet",
    ),
    "record": (
        "samverkan record beslut RIK-0001 --instans SN --datum 2026-03-18",
        "samverkan record granskning RUT-0004",
    ),
}


def _epilog(name: str) -> str:
    lines = "\n".join(f"  {example}" for example in EXAMPLES[name])
    return f"\b\nExempel:\n{lines}"


for name, module in (
    ("validate", validate),
    ("new", new),
    ("init", init),
    ("list", listing),
    ("report", report),
    ("pdf", pdf),
    ("publish", publish),
    ("schema", schema),
    ("todo", todo),
    ("fix", fix),
):
    app.command(name=name, cls=Command, epilog=_epilog(name))(module.command)

record_app = typer.Typer(
    cls=Group,
    help="Registrera det som hänt i ett dokument: beslut, underskrifter, granskningar.",
    no_args_is_help=True,
)
for name, function in record.COMMANDS.items():
    record_app.command(name=name, cls=Command, epilog=_epilog("record"))(function)
app.add_typer(record_app, name="record", epilog=_epilog("record"))

deviations_app = typer.Typer(
    cls=Group,
    help="Avvikelser som antal: läs in en export från avvikelsesystemet.",
    no_args_is_help=True,
)
deviations_app.command(name="import", cls=Command, epilog=_epilog("avvikelser"))(
    avvikelser.import_export
)
app.add_typer(deviations_app, name="avvikelser", epilog=_epilog("avvikelser"))


@cache
def command(*, help_wanted: bool = False) -> Any:
    """The click-level command; Swedish help panels only when help is shown (rich is slow to load)."""
    if help_wanted:
        _translate_help_panels()
    return typer.main.get_command(app)
