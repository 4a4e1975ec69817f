"""What the text says: SIP template sections, identity numbers, links and attachments
(SV050, SV051, SV053, SV056)."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Final
from urllib.parse import unquote

from samverkan_cli import attachments, personnummer
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.loading.yamlread import Position
from samverkan_cli.model.vocabulary import DOC_ID
from samverkan_cli.rules.registry import Context, check

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@check("SV050")
def sip_sections(ctx: Context) -> Iterator[Diagnostic]:
    sections = [[s] if isinstance(s, str) else s for s in ctx.config.sip_avsnitt]
    for document, model in ctx.modelled():
        if model.typ != "sip-mall":
            continue
        for words, why in missing_sections(sections, document.facts.headings or ()):
            yield document.at(
                "SV050",
                f"SIP-mallen saknar ett avsnitt om {_wanted(words)}. Lägg till en rubrik som "
                f"innehåller {'ordet' if len(words) == 1 else 'ett av orden'}, t.ex. "
                f"'## {words[0].capitalize()}'.{why}",
                Position(document.body_line, 1),
            )


#: The endings a section's word may have in a heading (SPEC §8.3: "insatserna", "ansvaret"),
#: and -t, the neuter one of a word that ends in a vowel ("samtycket"); any of them may take
#: a genitive -s ("insatsernas"). A longer word is another word: "samordningsansvarig" is
#: not "ansvar".
_ENDINGS: Final = ("", "en", "et", "n", "na", "er", "erna", "ar", "arna", "t")
#: Words are runs of letters: "Ansvar:" and "**Mål**" are the words "ansvar" and "mål", and a
#: hyphen parts words ("SIP-ansvar" holds "ansvar").
_LETTERS: Final = re.compile(r"[^\W\d_]+")
Pattern = tuple[frozenset[str], ...]


def missing_sections(
    sections: Sequence[list[str]], headings: Iterable[tuple[str, int]]
) -> list[tuple[list[str], str]]:
    """The sections (each a list of words, any of which will do) that no heading of its own
    names, each with why a heading that seems to name it does not count ("" when none does)."""
    found = [(_words(text), text, line) for text, line in headings]
    index: dict[str, list[int]] = defaultdict(list)  # word → the headings that hold it
    for number, (words, _text, _line) in enumerate(found):
        for word in dict.fromkeys(words):
            index[word].append(number)
    options = [_options([_pattern(word) for word in words], found, index) for words in sections]
    assigned = _assign(options)
    owners = {heading: section for section, heading in assigned.items()}
    missing = []
    for section, words in enumerate(sections):
        if section not in assigned:
            taken = options[section][0] if options[section] else None  # serves another one
            serving = sections[owners[taken]] if taken is not None else None
            missing.append((words, _why_not(found, taken, serving, words)))
    return missing


def _words(text: str) -> list[str]:
    return _LETTERS.findall(text.casefold())


def _pattern(word: str) -> Pattern:
    """The forms each word of a section's word may take ("vem gör vad" is three words)."""
    return tuple(
        frozenset(f"{w}{ending}{s}" for ending in _ENDINGS for s in ("", "s")) for w in _words(word)
    )


def _options(
    patterns: list[Pattern], found: list[tuple[list[str], str, int]], index: dict[str, list[int]]
) -> list[int]:
    """The headings that hold one of a section's words, in document order: looked up by the
    first word's forms, so that 40,000 headings cost a lookup each and not a scan per section."""
    hits: set[int] = set()
    for pattern in patterns:
        for form in pattern[0] if pattern else ():
            found_here = index.get(form, ())
            if len(pattern) > 1:  # the first word is there: are the others after it?
                found_here = [i for i in found_here if _holds(found[i][0], pattern)]
            hits.update(found_here)
    return sorted(hits)


def _holds(heading: list[str], pattern: Pattern) -> bool:
    """Whether the pattern's words stand in a row among a heading's words."""
    size = len(pattern)
    return size > 0 and any(
        all(heading[start + i] in forms for i, forms in enumerate(pattern))
        for start in range(len(heading) - size + 1)
    )


def _assign(options: list[list[int]]) -> dict[int, int]:
    """Section → heading, for as many sections as can each have a heading of their own (one
    heading serves one section: "Mål för insatserna" is the section on mål or on insatser, not
    both). Kuhn's augmenting paths; the sections are few, so this is O(sections × headings)."""
    owner: dict[int, int] = {}  # heading → section

    def take(section: int, seen: set[int]) -> bool:
        for heading in options[section]:
            if heading not in seen:
                seen.add(heading)
                if heading not in owner or take(owner[heading], seen):
                    owner[heading] = section
                    return True
        return False

    for section in range(len(options)):
        take(section, set())
    return {section: heading for heading, section in owner.items()}


def _why_not(
    found: list[tuple[list[str], str, int]],
    taken: int | None,
    serving: list[str] | None,
    words: list[str],
) -> str:
    """Why no heading names a section, or "" when no heading seems to: the heading `taken`
    that names it serves section `serving` already, or a heading holds the word only inside a
    longer one."""
    if taken is not None and serving is not None:
        _words, text, line = found[taken]
        return (
            f" Rubriken '{text}' (rad {line}) räknas redan för {_wanted(serving)}: varje "
            "avsnitt behöver en egen rubrik."
        )
    wanted = [word.casefold() for word in words]
    for heading, text, line in found:
        joined = " ".join(heading)  # a word found in it stands inside a longer one: no form
        part = next((w for w, f in zip(words, wanted, strict=True) if f in joined), None)
        if part is not None:
            return (
                f" Rubriken '{text}' (rad {line}) räknas inte: där ingår '{part}' bara i ett "
                "längre ord."
            )
    return ""


def _wanted(words: list[str]) -> str:
    return " eller ".join(f"'{w}'" for w in words)


@check("SV051")
def identity_numbers(ctx: Context) -> Iterator[Diagnostic]:
    for document in ctx.documents():
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
    said: dict[tuple[str, str], str | None] = {}  # by folder and target: links repeat
    for document in ctx.documents():
        folder = posixpath.dirname(document.path)
        for target, line, column in document.facts.links:
            if (folder, target) not in said:
                said[folder, target] = _link_problem(ctx, folder, target)
            problem = said[folder, target]
            if problem is not None:
                yield document.at("SV053", problem, Position(line, column))


def _link_problem(ctx: Context, folder: str, target: str) -> str | None:
    """What is wrong with a link to `target` in a file in `folder` (None: nothing)."""
    if not target or target.startswith("#") or _SCHEME.match(target):
        return None
    bare = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if DOC_ID.match(bare):
        if bare in ctx.repo.by_id or bare in ctx.unreadable_ids:
            return None  # an unreadable file's own finding says what is wrong
        return f"Länken går till {bare}, men inget dokument har det id:t. Rätta id:t i länken."
    base = "" if bare.startswith("/") else folder
    resolved = posixpath.normpath(posixpath.join(base, bare.lstrip("/")))
    if resolved.startswith("../") or resolved == "..":
        return f"Länken '{target}' pekar utanför arkivet. Länka till en fil i arkivet eller en webbadress."
    if ctx.exists(resolved) or ctx.exists(posixpath.normpath(bare.lstrip("/"))):
        return None  # relative to the file, or a path from the repository root
    return (
        f"Länken '{target}' går till {resolved}, som inte finns. Rätta sökvägen eller länka med "
        "dokumentets id, t.ex. [Överenskommelsen](OVK-0002)."
    )


@check("SV056")
def unpublished_attachments(ctx: Context) -> Iterator[Diagnostic]:
    """Attachments a document that may be published links to, which publish leaves out (a
    document that is never published has nothing left out; a missing file is SV053's)."""
    said: dict[tuple[str, str], str | None] = {}  # by folder and target: links repeat
    for document, model in ctx.modelled():
        if model.publicera is not True:
            continue
        folder = posixpath.dirname(document.path)
        for target, line, column in document.facts.links:
            if (folder, target) not in said:
                said[folder, target] = _attachment_problem(ctx, document.path, target)
            problem = said[folder, target]
            if problem is not None:
                yield document.at(
                    "SV056",
                    f"Bilagan '{target}' kan inte publiceras på webbplatsen. {problem}",
                    Position(line, column),
                )


def _attachment_problem(ctx: Context, document_path: str, target: str) -> str | None:
    """Why the file (not a document) that `target` links to is not published; None when it
    is, or when the link names no such file."""
    path = attachments.linked_file(document_path, target, ctx.exists)
    if path is None:
        return None
    if attachments.suffix(path) in attachments.FORMATS:
        return ctx.attachment_problem(path)
    return attachments.not_published_kind(path)
