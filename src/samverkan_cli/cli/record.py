"""`samverkan record …`: write what happened into a document (SPEC §8.7).

Each subcommand parses its flags into a Request, asks for what is missing in a terminal, and
hands over to the core: plan the steps, write them under the lock, show the diff, validate the
edited files. The exit code after a write is validate's for those files.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer

from samverkan_cli.cli.options import Debug, Repo, Today, parse_day, resolve
from samverkan_cli.cli.terminal import visible

Datum = Annotated[
    str | None, typer.Option("--datum", metavar="ÅÅÅÅ-MM-DD", help="Dagen det skedde.")
]
Paragraf = Annotated[
    str | None,
    typer.Option("--paragraf", metavar="TEXT", help='Paragraf i protokollet, t.ex. "§ 45".'),
]
Part = Annotated[
    str | None,
    typer.Option("--part", metavar="PART", help="Parten (nyckel i samverkan.yaml), t.ex. timra."),
]
Instans = Annotated[
    str | None,
    typer.Option("--instans", metavar="TEXT", help="Instansen som beslutade, t.ex. KS eller SN."),
]
Status = Annotated[
    str | None,
    typer.Option(
        "--status", metavar="STATUS", help="Sätt också dokumentets status, t.ex. beslutad."
    ),
]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Visa bara ändringen som diff, skriv inget.")
]
DocumentId = Annotated[str, typer.Argument(metavar="ID", help="Dokumentets id, t.ex. OVK-0003.")]


def _record(ctx: typer.Context, kind: str, document: str, values: dict[str, Any]) -> int:
    """Plan, write (unless --dry-run), show and validate one `record` step."""
    from samverkan_cli.cli import reporters  # loads rich: only when it runs
    from samverkan_cli.loading.repository import load
    from samverkan_cli.recording import steps, store

    dry_run = values.pop("dry_run")
    settings = resolve(ctx, values.pop("repo"), values.pop("today"))
    values.pop("debug", None)
    for flag in ("datum", "nasta"):
        if values.get(flag):
            values[flag] = parse_day(values[flag], f"--{flag}")
    request = steps.Request(kind, document, settings.today, **values)
    # The cache is read, not written: the file this run edits would be stale in it at once,
    # and writing 15,000 readings costs a 10,000-document run ~0.2 s; validate keeps it.
    repository = load(settings.root, use_cache=settings.use_cache, save_cache=False)
    if steps.missing(request) and sys.stdin.isatty():
        from samverkan_cli.cli.record_prompts import complete

        request = complete(repository, request)
    planned = steps.plan(repository, request)
    if dry_run:
        _show(store.preview(settings.root, planned.changes), planned.notes)
        typer.echo("(--dry-run: inget skrevs)")
        return 0
    edited = store.commit(settings.root, planned.changes)
    _show(edited, planned.notes)
    result = store.validated(repository, settings.today, edited)
    printout = reporters.Printout(result.diagnostics, result.documents, settings.root)
    reporters.reporter("text")(printout, sys.stdout)
    return 1 if printout.summary.errors else 0


def _show(edited: list[Any], notes: tuple[str, ...]) -> None:
    for one in edited:
        if one.after == one.before:
            typer.echo(visible(f"{one.path}: redan registrerat, inget ändrades."))
        else:
            typer.echo(visible(one.diff()), nl=False)
    for note in notes:
        typer.echo(visible(note))


def _values(local: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in local.items() if k not in ("ctx", "document")}


def stallningstagande(
    ctx: typer.Context,
    document: DocumentId,
    part: Part = None,
    instans: Instans = None,
    datum: Datum = None,
    paragraf: Paragraf = None,
    utfall: Annotated[
        str | None,
        typer.Option(
            "--utfall",
            metavar="UTFALL",
            help="antagen (standard), avslagen, aterremitterad eller bordlagd.",
        ),
    ] = None,
    status: Status = None,
    dry_run: DryRun = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,
) -> int:
    """Registrera en parts ställningstagande (beslut om att anta dokumentet)."""
    return _record(ctx, "stallningstagande", document, _values(locals()))


def underskrift(
    ctx: typer.Context,
    document: DocumentId,
    part: Part = None,
    namn: Annotated[
        str | None, typer.Option("--namn", metavar="TEXT", help="Undertecknarens namn.")
    ] = None,
    befattning: Annotated[
        str | None,
        typer.Option("--befattning", metavar="TEXT", help="Befattning, t.ex. Socialchef."),
    ] = None,
    datum: Datum = None,
    for_: Annotated[
        list[str] | None,
        typer.Option(
            "--for",
            metavar="PART",
            help="En part som underskriften gäller för; upprepa för flera.",
        ),
    ] = None,
    status: Status = None,
    dry_run: DryRun = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,
) -> int:
    """Registrera en underskrift."""
    values = _values(locals())
    values["for_"] = tuple(for_ or ())
    return _record(ctx, "underskrift", document, values)


def beslut(
    ctx: typer.Context,
    document: DocumentId,
    instans: Instans = None,
    datum: Datum = None,
    paragraf: Paragraf = None,
    part: Annotated[
        str | None,
        typer.Option("--part", metavar="PART", help="Parten vars instans beslutade (valfritt)."),
    ] = None,
    status: Status = None,
    dry_run: DryRun = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,
) -> int:
    """Registrera ett beslut i en instans, t.ex. SN 2026-03-18 § 106."""
    return _record(ctx, "beslut", document, _values(locals()))


def faststallande(
    ctx: typer.Context,
    document: DocumentId,
    av: Annotated[
        str | None,
        typer.Option("--av", metavar="GRUPP", help="Gruppen som fastställde, t.ex. bg."),
    ] = None,
    datum: Datum = None,
    paragraf: Paragraf = None,
    status: Status = None,
    dry_run: DryRun = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,
) -> int:
    """Registrera att en grupp fastställde dokumentet (fältet faststalld)."""
    return _record(ctx, "faststallande", document, _values(locals()))


def granskning(
    ctx: typer.Context,
    document: DocumentId,
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum", metavar="ÅÅÅÅ-MM-DD", help="Dagen för granskningen; standard i dag."
        ),
    ] = None,
    nasta: Annotated[
        str | None,
        typer.Option(
            "--nasta",
            metavar="ÅÅÅÅ-MM-DD",
            help="Nästa granskning (annars räknad från granskningsintervallet).",
        ),
    ] = None,
    status: Status = None,
    dry_run: DryRun = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,
) -> int:
    """Registrera en granskning (senast_granskad; nasta_granskning räknas om)."""
    return _record(ctx, "granskning", document, _values(locals()))


def upphavande(
    ctx: typer.Context,
    document: DocumentId,
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum",
            metavar="ÅÅÅÅ-MM-DD",
            help="Dagen dokumentet upphör att gälla (får vara framåt).",
        ),
    ] = None,
    dry_run: DryRun = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,
) -> int:
    """Registrera att dokumentet upphävs (status upphavd, upphavd_datum)."""
    return _record(ctx, "upphavande", document, _values(locals()))


def ersattning(
    ctx: typer.Context,
    document: Annotated[
        str, typer.Argument(metavar="ID", help="Id för dokumentet som ersätts, t.ex. OVK-0001.")
    ],
    av: Annotated[
        str | None,
        typer.Option("--av", metavar="ID", help="Id för det nya dokumentet, t.ex. OVK-0009."),
    ] = None,
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum", metavar="ÅÅÅÅ-MM-DD", help="Dagen det gamla slutar gälla (får vara framåt)."
        ),
    ] = None,
    dry_run: DryRun = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,
) -> int:
    """Registrera att ett dokument ersätts av ett nytt; ändrar båda filerna."""
    return _record(ctx, "ersattning", document, _values(locals()))


COMMANDS: dict[str, Callable[..., int]] = {
    "stallningstagande": stallningstagande,
    "underskrift": underskrift,
    "beslut": beslut,
    "faststallande": faststallande,
    "granskning": granskning,
    "upphavande": upphavande,
    "ersattning": ersattning,
}
