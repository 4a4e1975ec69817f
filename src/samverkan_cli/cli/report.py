"""`samverkan report --year YYYY`: the årsrapport as Markdown, HTML, JSON or PDF."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer

from samverkan_cli.cli.options import Debug, Repo, Today, check_format, parse_url, resolve
from samverkan_cli.cli.terminal import for_stream, visible
from samverkan_cli.errors import UserError

if TYPE_CHECKING:
    from samverkan_cli.report.collect import Report
    from samverkan_cli.report.render import Links


def command(
    ctx: typer.Context,
    year: Annotated[
        int, typer.Option("--year", metavar="ÅR", help="Året som rapporten gäller, t.ex. 2025.")
    ],
    format_name: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="md, html, json eller pdf (standard: efter filändelsen i --out, annars md).",
        ),
    ] = None,
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
    from samverkan_cli.report.build import build, year_end_key
    from samverkan_cli.report.render import FORMATS, render

    format_name = _format(format_name, out)
    check_format(format_name, (*FORMATS, "pdf"))
    if not 1900 <= year <= 2200:
        raise UserError(f"--year ska vara ett årtal, t.ex. 2025, inte {year}.")
    if site_url is not None:
        parse_url(site_url, "--site-url", "https://samverkan.example.se/")
    settings = resolve(ctx, repo, today)
    # A relative --out starts in the -C folder, like every path on the command line; - is
    # standard output.
    target = settings.here(out) if out is not None and str(out) != STDOUT else None
    if target is not None:
        example = suggest(settings.root, f"rapport-{year}.{format_name}", settings.base)
        check_target(target, out, settings.root, example=example)
    if target is not None and target.exists() and not force:
        raise UserError(
            f"{out} finns redan. Ange --force för att skriva över den, eller välj ett annat namn."
        )
    if format_name == "pdf":
        _pdf_possible(target, year)
    remembered = year_end_key(settings.root, year) if settings.use_cache else None
    report = build(
        load(settings.root, use_cache=settings.use_cache), year, settings.today, remembered
    )
    if format_name == "pdf":
        content: str | bytes = _pdf(report, year, site_url)
    else:
        content = render(report, format_name, _links(format_name, site_url, settings.root, target))
    if target is not None:
        write_atomic(target, content)
        typer.echo(visible(f"Skrev {out}"), err=True)
    elif isinstance(content, bytes):
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        typer.echo(for_stream(content, sys.stdout), nl=False)
    return 0


def _pdf_possible(target: Path | None, year: int) -> None:
    """A PDF is bytes: never written to a terminal (piped onwards it may be), and only with
    the PDF component installed."""
    from samverkan_cli.pdf import engine

    if target is None:
        refuse_terminal(
            f"samverkan report --year {year} --format pdf > rapport-{year}.pdf",
            f"rapport-{year}.pdf",
        )
    engine.require()


#: --out - writes to standard output.
STDOUT: Final = "-"


def refuse_terminal(piped: str, example: str) -> None:
    """A PDF is bytes: never written to a terminal (piped onwards it may be)."""
    if sys.stdout.isatty():
        raise UserError(
            f"En PDF kan inte visas i terminalen. Ange filen att skriva med --out, t.ex. "
            f"--out {example}, eller skicka den vidare: {piped}; inget skrevs."
        )


def suggest(root: Path, name: str, base: Path | None) -> str:
    """`name` to suggest for --out: where a relative --out starts (the -C folder, else the
    current one), unless that is a document folder; then in the repository's own folder, as
    seen from there (../OVK-0001.pdf)."""
    from samverkan_cli.loading.repository import document_folder_of

    here = base or Path.cwd()
    if document_folder_of(root, here / name) is None:
        return name
    return Path(os.path.relpath(root.resolve() / name, here.resolve())).as_posix()


def _pdf(report: Report, year: int, site_url: str | None) -> bytes:
    """The report's Markdown (linking to the site when given, else to nothing) as a PDF."""
    from samverkan_cli.pdf import engine
    from samverkan_cli.pdf import report as printed
    from samverkan_cli.report.render import Links, render

    text = render(report, "md", Links(site_url=site_url))
    made = printed.render(text, f"Årsrapport {year}: {report.name}")
    if made.replaced:
        where = f"i årsrapporten {year}, från dokumentens text eller git-historiken"
        typer.echo(visible(engine.replaced_warning([(where, made.replaced)])), err=True)
    return made.pdf


def check_target(target: Path, out: Path | None, root: Path, example: str) -> None:
    """A report or PDF never takes the place of the repository's own files, --force or not:
    not samverkan.yaml or lagrum.yaml, nothing in the document folders (each .md there is read
    as a document), and not a folder. `example` is a file name to suggest."""
    from samverkan_cli.config import CONFIG_FILE
    from samverkan_cli.lagrum import REGISTRY_FILE
    from samverkan_cli.loading.repository import document_folder_of

    if target.is_dir():
        raise UserError(f"--out '{out}' är en mapp. Ange en fil, t.ex. {example}.")
    resolved, home = target.resolve(), root.resolve()
    if resolved in (home / CONFIG_FILE, home / REGISTRY_FILE):
        raise UserError(
            f"--out '{out}' är arkivets inställningar ({resolved.name}), som aldrig skrivs "
            f"över. Ange en annan fil, t.ex. {example}; inget skrevs."
        )
    folder = document_folder_of(root, target)
    if folder is not None:
        raise UserError(
            f"--out '{out}' ligger i arkivets mapp {folder}/, där varje .md-fil läses som ett "
            f"dokument. Ange en fil utanför dokumentmapparna, t.ex. {example}; inget skrevs."
        )


def _links(fmt: str, site_url: str | None, root: Path, target: Path | None) -> Links:
    from samverkan_cli.report.render import Links

    if site_url or fmt != "md":
        return Links(site_url=site_url)
    if target is None:
        return Links(source_prefix="")
    relative = os.path.relpath(root.resolve(), target.resolve().parent)
    return Links(source_prefix="" if relative == "." else Path(relative).as_posix())


#: The format a file name's ending says.
_BY_SUFFIX = {".md": "md", ".html": "html", ".htm": "html", ".json": "json", ".pdf": "pdf"}


def _format(given: str | None, out: Path | None) -> str:
    """--format, else the one --out's ending names (rapport-2025.pdf), else md; a format that
    the ending contradicts is refused: a PDF named .html opens as nonsense."""
    said = _BY_SUFFIX.get(out.suffix.lower()) if out is not None and str(out) != "-" else None
    if given is None:
        return said or "md"
    if said is not None and said != given and given in _BY_SUFFIX.values():
        raise UserError(
            f"--format {given}, men --out {out} slutar på {out.suffix if out else ''}. Ange "
            f"--format {said}, eller ett filnamn som slutar på .{given}."
        )
    return given
