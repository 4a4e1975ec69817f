"""`samverkan publish`: the förteckning as a static, accessible website with exports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from samverkan_cli.cli.options import Debug, Repo, Today, parse_url, resolve
from samverkan_cli.cli.terminal import visible
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.errors import UserError

BASE_EXAMPLE = "https://samverkan.example.se/"
SOURCE_EXAMPLE = "https://github.com/org/arkiv/blob/main/{path}"
_NO_SOURCE_URL = " (då länkar varje sida till en kopia av källfilen i kalla/)"


def command(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="MAPP",
            help="Mappen för webbplatsen (ny, tom eller en tidigare publicering).",
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            metavar="ADRESS",
            help="Webbplatsens adress, för absoluta länkar i kalender och flöde.",
        ),
    ] = None,
    include_drafts: Annotated[
        bool,
        typer.Option(
            "--include-drafts",
            help="Ta med utkast och remisser (för granskning, inte för publicering).",
        ),
    ] = False,
    source_url: Annotated[
        str | None,
        typer.Option(
            "--source-url",
            metavar="ADRESS",
            help="Länk till källfilen, med {path} för filens sökväg, t.ex. https://…/blob/main/{path}.",
        ),
    ] = None,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help="Lägg en tillgänglig PDF bredvid varje dokuments sida, med en länk från sidan.",
        ),
    ] = False,
    repo: Repo = None,
    today: Today = None,
    debug: Debug = False,  # read by the error boundary
) -> int:
    """Publicera förteckningen som en statisk webbplats: sidor, grupper, arkiv och exporter."""
    from samverkan_cli.loading.repository import load
    from samverkan_cli.site import build, gate, logo, write
    from samverkan_cli.site.memo import Memo

    if base_url is not None:
        parse_url(
            base_url,
            "--base-url",
            BASE_EXAMPLE,
            " (då får kalendern och flödet inga absoluta länkar)",
        )
    if source_url is not None:  # empty is refused: its links would point at copies never made
        parse_url(source_url, "--source-url", SOURCE_EXAMPLE, _NO_SOURCE_URL)
        if "{path}" not in source_url:
            raise UserError(
                f"--source-url '{visible(source_url)}' saknar {{path}}, så varje sida skulle länka "
                f"till samma adress. Skriv {{path}} där filens sökväg ska stå, t.ex. "
                f"{SOURCE_EXAMPLE}."
            )
    settings = resolve(ctx, repo, today)
    # A relative --out starts in the -C folder, like every path on the command line.
    target = settings.here(out or Path("_site"))
    write.check(target, settings.root)
    if pdf:  # before anything is read: the component may be missing (the PDF library loads
        # only here, so a publish without --pdf starts as fast as before)
        from samverkan_cli.pdf import engine

        engine.require()
    options = build.Options(settings.today, base_url, include_drafts, source_url, pdf=pdf)
    repository = load(settings.root, use_cache=settings.use_cache, keep_text=True)
    refused = gate.refusals(repository, settings.today)
    if refused:
        _refuse(refused)
        return 1
    unusable_logo = logo.problem(repository.root, repository.config.webbplats.logo)
    if unusable_logo:
        typer.echo(visible(f"Varning: {unusable_logo}"), err=True)
    _say_what_is_left_out(repository)
    outputs = build.outputs(repository, options)
    done = write.write(
        target, outputs, Memo.open(settings.root, target, use_cache=settings.use_cache)
    )
    if done.replaced:
        from samverkan_cli.pdf import engine

        places = [(f"i {path}", characters) for path, characters in done.replaced]
        typer.echo(visible(engine.replaced_warning(places)), err=True)
    pages = sum(1 for output in outputs if output.path.endswith(".html"))
    printed = sum(1 for output in outputs if output.path.endswith(".pdf")) if pdf else 0
    also = f" och {printed} PDF-{'fil' if printed == 1 else 'filer'}" if pdf else ""
    typer.echo(
        visible(
            f"Publicerade {pages} sidor{also} i {target} ({done.written} filer skrivna, "
            f"{done.removed} "
            "borttagna)."
        )
    )
    return 0


def _say_what_is_left_out(repository: Any) -> None:
    """A document that cannot be read has no page: say so, rather than publish without it in
    silence (validate tells what is wrong with it)."""
    unread = [d.path for d in repository.documents if d.model is None]
    if unread:
        shown = ", ".join(unread[:5]) + (f" och {len(unread) - 5} till" if len(unread) > 5 else "")
        typer.echo(
            visible(
                f"Varning: {len(unread)} {'fil' if len(unread) == 1 else 'filer'} kan inte läsas "
                f"och publicerades inte: {shown}. "
                "Kör samverkan validate för att se vad som är fel."
            ),
            err=True,
        )


def _refuse(findings: list[Diagnostic]) -> None:
    from samverkan_cli import personnummer

    for finding in findings:
        where = f"{finding.path}:{finding.line}:{finding.column or 1}"
        text = personnummer.masked(f"{where}: {finding.code} {finding.message}")
        typer.echo(visible(text), err=True)
    typer.echo(
        visible(
            f"Fel: publiceringen stoppades av {len(findings)} fel ovan: personnummer får aldrig "
            "publiceras, och två dokument kan inte ha samma id. Rätta dem och publicera igen; "
            "inget skrevs."
        ),
        err=True,
    )
