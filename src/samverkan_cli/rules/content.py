"""What the text says: SIP template sections, identity numbers, links (SV050, SV051, SV053)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import unquote

from samverkan_cli import personnummer
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.yamlread import Position
from samverkan_cli.model.vocabulary import DOC_ID
from samverkan_cli.rules.registry import Context, check

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@check("SV050")
def sip_sections(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        if model.typ != "sip-mall":
            continue
        texts = [text.casefold() for text, _line in document.facts.headings or ()]
        at = Position(document.body_line, 1)
        for section in ctx.config.sip_avsnitt:
            words = [section] if isinstance(section, str) else section
            if not any(word.casefold() in text for word in words for text in texts):
                wanted = " eller ".join(f"'{w}'" for w in words)
                yield document.at(
                    "SV050",
                    f"SIP-mallen saknar ett avsnitt om {wanted}. Lägg till en rubrik som innehåller "
                    f"ordet, t.ex. '## {words[0].capitalize()}'.",
                    at,
                )


@check("SV051")
def identity_numbers(ctx: Context) -> Iterator[Diagnostic]:
    for document in ctx.repo.documents:
        for kind, number, line, column in document.facts.identity_numbers:
            yield document.at(
                "SV051",
                f"Ett {kind} ({personnummer.mask(number)}) står i filen. Personuppgifter får "
                "aldrig finnas i arkivet: ta bort numret innan du sparar (och ur historiken om det "
                "redan är incheckat).",
                Position(line, column),
            )


@check("SV053")
def broken_links(ctx: Context) -> Iterator[Diagnostic]:
    for document in ctx.repo.documents:
        for target, line, column in document.facts.links:
            problem = _link_problem(ctx, document, target)
            if problem is not None:
                yield document.at("SV053", problem, Position(line, column))


def _link_problem(ctx: Context, document: Document, target: str) -> str | None:
    if not target or target.startswith("#") or _SCHEME.match(target):
        return None
    bare = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if DOC_ID.match(bare):
        if bare in ctx.repo.by_id or bare in ctx.unreadable_ids:
            return None  # an unreadable file's own finding says what is wrong
        return f"Länken går till {bare}, men inget dokument har det id:t. Rätta id:t i länken."
    base = "" if bare.startswith("/") else posixpath.dirname(document.path)
    resolved = posixpath.normpath(posixpath.join(base, bare.lstrip("/")))
    if resolved.startswith("../") or resolved == "..":
        return f"Länken '{target}' pekar utanför arkivet. Länka till en fil i arkivet eller en webbadress."
    if ctx.exists(resolved) or ctx.exists(posixpath.normpath(bare.lstrip("/"))):
        return None  # relative to the file, or a path from the repository root
    return (
        f"Länken '{target}' går till {resolved}, som inte finns. Rätta sökvägen eller länka med "
        "dokumentets id, t.ex. [Överenskommelsen](OVK-0002)."
    )
