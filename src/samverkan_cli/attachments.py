"""Attachments (bilagor): files in the repository that a document links to, published beside
its page (SPEC §8.3).

One home for which links name an attachment and whether it can be published, so that what
validation warns of (SV056) is exactly what publish leaves out. A file is published when it is
a regular file inside the repository (a link to it is followed only when it stays inside), of
at most LIMIT bytes, whose first bytes are those of the format its name says (an HTML page named
bilaga.pdf would run in the site's origin), and, for an SVG, whose drawing can be made safe.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from types import MappingProxyType
from typing import Final
from urllib.parse import unquote

from samverkan_cli.fileio import RefusedFile, RepositoryFiles, read_start
from samverkan_cli.filetypes import HEAD, MAX_BYTES, begins_as, safe_svg
from samverkan_cli.markdown_links import repository_paths

#: The formats published, by file name suffix, and their names in messages.
FORMATS: Final = MappingProxyType(
    {
        ".pdf": "PDF",
        ".docx": "Word (DOCX)",
        ".odt": "OpenDocument (ODT)",
        ".xlsx": "Excel (XLSX)",
        ".png": "PNG",
        ".jpg": "JPEG",
        ".jpeg": "JPEG",
        ".gif": "GIF",
        ".svg": "SVG",
        ".webp": "WebP",
    }
)
#: The formats a page may show as images (`![beskrivning](bild.png)`).
IMAGES: Final = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})
#: The largest attachment published: 25 MB (as a file manager counts them, 2^20 bytes each).
#: A bigger one would make the site slow to publish and to download on a phone.
LIMIT: Final = 25 * 2**20
_SCHEME: Final = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
#: Any size: the limit is judged here, with its own message.
_ANY_SIZE: Final = 2**63


def suffix(path: str) -> str:
    return posixpath.splitext(path)[1].lower()


def path_of(document_path: str, target: str, exists: Callable[[str], bool]) -> str | None:
    """The repository path of the attachment that a link `target` in the file at
    `document_path` names (the first place it may point to where `exists`), or None when it
    names no attachment: a web address, an id, a Markdown file, a path that leaves the
    repository, or a file of a format not published."""
    found = linked_file(document_path, target, exists)
    return found if found is not None and suffix(found) in FORMATS else None


def linked_file(document_path: str, target: str, exists: Callable[[str], bool]) -> str | None:
    """The repository path of the file, other than a Markdown file, that a link `target`
    names (published or not: `suffix` tells), or None. Most links name a web address, an id or
    a document: those are told apart before any path is looked up."""
    if not target or target.startswith("#") or _SCHEME.match(target):
        return None
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    kind = suffix(path)
    if not kind or kind == ".md":
        return None
    return next((p for p in repository_paths(document_path, path) if exists(p)), None)


def not_published_kind(relative: str) -> str:
    kinds = ", ".join(sorted({name for name in FORMATS.values()}))
    return (
        f"Filer av typen {suffix(relative)} publiceras inte: länken visas som vanlig text. "
        f"Spara bilagan i ett av formaten {kinds}, eller länka till adressen där den redan "
        "är publicerad."
    )


def problem(files: RepositoryFiles, relative: str) -> str | None:
    """Why the attachment at `relative` is not published, in Swedish with what to do; None when
    it is. Reads its first bytes only (an SVG whole, at most 2 MB)."""
    kind = suffix(relative)
    try:
        real, info = files.inspect(posixpath.join(files.root, relative), _ANY_SIZE)
        if info.st_size > LIMIT:
            return too_large(info.st_size)
        if kind == ".svg":
            if info.st_size > MAX_BYTES:
                return _unsafe_svg()
            return None if safe_svg(files.read(real, MAX_BYTES)) is not None else _unsafe_svg()
        return None if begins_as(read_start(real, HEAD), kind) else _not_its_format(kind)
    except RefusedFile as refused:
        return refused.message
    except OSError as error:
        return f"Filen kan inte läsas ({error.strerror})."


def content(files: RepositoryFiles, relative: str) -> bytes | None:
    """What is published of the attachment at `relative` (an SVG as its safe drawing), or None
    when it is not published (then `problem` says why)."""
    kind = suffix(relative)
    try:
        data = files.read(posixpath.join(files.root, relative), LIMIT)
    except (RefusedFile, OSError):
        return None
    if kind == ".svg":
        return safe_svg(data)
    return data if begins_as(data[:HEAD], kind) else None


def too_large(size: int) -> str:
    shown = f"{size / 2**20:.1f}".replace(".", ",").removesuffix(",0")
    return (
        f"Filen är {shown} MB, och bilagor över 25 MB publiceras inte: länken visas som vanlig "
        "text. Gör filen mindre (spara t.ex. en PDF med lägre bildupplösning), eller länka till "
        "adressen där den redan är publicerad."
    )


def _not_its_format(kind: str) -> str:
    name = FORMATS[kind]
    return (
        f"Filen är ingen {name}-fil (den börjar inte som en sådan gör): länken visas som vanlig "
        f"text. Spara filen som {name}, eller ge den det filnamnstillägg som hör till dess format."
    )


def _unsafe_svg() -> str:
    return (
        "Filen går inte att läsa som en ren SVG-bild (den är trasig, större än 2 MB, eller har "
        "DOCTYPE eller ENTITY): länken visas som vanlig text. Spara om den som vanlig SVG, eller "
        "som PNG."
    )
