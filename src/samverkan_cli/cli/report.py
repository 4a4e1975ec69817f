"""`samverkan report --year YYYY`: the årsrapport as Markdown, HTML or JSON."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from samverkan_cli.cli.options import Debug, Repo, Today, check_format, parse_url, resolve
from samverkan_cli.cli.terminal import for_stream, visible
from samverkan_cli.errors import UserError

if TYPE_CHECKING:
    from samverkan_cli.report.render import Links


def command(
    ctx: typer.Context,
    year: Annotated[
        int, typer.Option("--year", metavar="ÅR", help="Året som rapporten gäller, t.ex. 2025.")
    ],
    format_name: Annotated[
        str,
        typer.Option("--format", "-f", metavar="FORMAT", help="md (standard), html eller json."),
    ] = "md",
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", metavar="FIL", help="Skriv till FIL i stället för standard ut."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Skriv över FIL om den finns.")] = False,
    site_url: Annotated[
        str | None,
        typer.Option(
            "--site-url",
            metavar="ADRESS",
            help="Länka dokumenten till den publicerade webbplatsen.",
        ),
    ] = None,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,  # read by the error boundary
) -> int:
    """Skriv årsrapporten till det politiska forumet: dokument, granskning, grupper, projekt, anmärkningar."""
    from samverkan_cli.fileio import write_atomic
    from samverkan_cli.loading.repository import load
    from samverkan_cli.report.build import build
    from samverkan_cli.report.render import FORMATS, render

    check_format(format_name, FORMATS)
    if not 1900 <= year <= 2200:
        raise UserError(f"--year ska vara ett årtal, t.ex. 2025, inte {year}.")
    if site_url is not None:
        parse_url(site_url, "--site-url", "https://samverkan.example.se/")
    settings = resolve(ctx, repo, today)
    target = (settings.base / out if settings.base else out) if out else None
    if target is not None:
        _check_target(target, out, settings.root)
    if target is not None and target.exists() and not force:
        raise UserError(
            f"{out} finns redan. Ange --force för att skriva över den, eller välj ett annat namn."
        )
    report = build(load(settings.root, use_cache=settings.use_cache), year, settings.today)
    text = render(report, format_name, _links(format_name, site_url, settings.root, target))
    if target is None:
        typer.echo(for_stream(text, sys.stdout), nl=False)
    else:
        write_atomic(target, text)
        typer.echo(visible(f"Skrev {out}"), err=True)
    return 0


def _check_target(target: Path, out: Path | None, root: Path) -> None:
    """The report never takes the place of the repository's own files, --force or not: not
    samverkan.yaml or lagrum.yaml, nothing in the document folders (each .md there is read as
    a document), and not a folder."""
    from samverkan_cli.config import CONFIG_FILE
    from samverkan_cli.lagrum import REGISTRY_FILE
    from samverkan_cli.loading.repository import document_folder_of

    if target.is_dir():
        raise UserError(f"--out '{out}' är en mapp. Ange en fil, t.ex. rapport-2025.md.")
    resolved, home = target.resolve(), root.resolve()
    if resolved in (home / CONFIG_FILE, home / REGISTRY_FILE):
        raise UserError(
            f"--out '{out}' är arkivets inställningar ({resolved.name}); rapporten skriver aldrig "
            "över dem. Ange en annan fil, t.ex. rapport-2025.md; inget skrevs."
        )
    folder = document_folder_of(root, target)
    if folder is not None:
        raise UserError(
            f"--out '{out}' ligger i arkivets mapp {folder}/, där varje .md-fil läses som ett "
            "dokument. Ange en fil utanför dokumentmapparna, t.ex. rapport-2025.md; inget skrevs."
        )


def _links(fmt: str, site_url: str | None, root: Path, target: Path | None) -> Links:
    from samverkan_cli.report.render import Links

    if site_url or fmt != "md":
        return Links(site_url=site_url)
    if target is None:
        return Links(source_prefix="")
    relative = os.path.relpath(root.resolve(), target.resolve().parent)
    return Links(source_prefix="" if relative == "." else Path(relative).as_posix())
