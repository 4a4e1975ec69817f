"""What a file is by its first bytes, and an SVG's drawing with nothing active in it.

Anything the site publishes from a repository (the logo, a document's attachments) is served
from the site's own origin: an HTML page named bilaga.pdf or logo.png would run there when
opened. So a file is published only when its bytes begin as its format's files do (its
signature), and an SVG, a document that may carry script, event handlers, links and references
to other hosts, only as drawing: parsed and written again with only drawing elements and
attributes (an allowlist), local references only, and no DOCTYPE or entities; one that does not
parse is left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final
from xml.etree import ElementTree

SVG: Final = "http://www.w3.org/2000/svg"
XLINK: Final = "http://www.w3.org/1999/xlink"
ELEMENTS: Final = frozenset(
    {
        "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text",
        "tspan", "title", "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath",
        "mask", "symbol", "use", "pattern",
    }
)  # fmt: skip
_NAME = re.compile(r"^[a-zA-Z][a-zA-Z0-9:-]*$")
_URL = re.compile(r"url\(\s*(['\"]?)\s*([^)'\"]*)\1\s*\)", re.IGNORECASE)
_ACTIVE = re.compile(r"javascript:|expression\(|@import|behavior:|-moz-binding", re.IGNORECASE)
MAX_BYTES: Final = 2 * 1024 * 1024
#: The first bytes of every file of each format, by file name suffix (PNG: ISO/IEC 15948
#: §5.2; JPEG: the start-of-image marker and the first marker after it; GIF: its two versions;
#: WebP: a RIFF container of kind WEBP, bytes 4-7 being its size; DOCX, XLSX and ODT: ZIP
#: archives, whose first local file header starts PK\3\4).
SIGNATURES: Final[Mapping[str, tuple[bytes, ...]]] = MappingProxyType(
    {
        ".png": (b"\x89PNG\r\n\x1a\n",),
        ".jpg": (b"\xff\xd8\xff",),
        ".jpeg": (b"\xff\xd8\xff",),
        ".gif": (b"GIF87a", b"GIF89a"),
        ".docx": (b"PK\x03\x04",),
        ".xlsx": (b"PK\x03\x04",),
        ".odt": (b"PK\x03\x04",),
    }
)
#: A PDF's header may follow other bytes: readers look for it within the first 1,024 (Adobe's
#: PDF Reference, appendix H), and some producers put something before it.
PDF_WINDOW: Final = 1024
#: How many first bytes `begins_as` needs to judge any format.
HEAD: Final = PDF_WINDOW + 8


def begins_as(data: bytes, suffix: str) -> bool:
    """Whether `data` (a file's first HEAD bytes, or more) begins as a file of the format its
    `suffix` names (in any case); False for a suffix not known here, an SVG too (see safe_svg)."""
    suffix = suffix.lower()
    if suffix == ".pdf":
        return b"%PDF-" in data[:PDF_WINDOW]
    if suffix == ".webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    return any(data.startswith(signature) for signature in SIGNATURES.get(suffix, ()))


def safe_svg(data: bytes) -> bytes | None:
    """The drawing of an SVG, re-serialised from its allowed parts; None when it cannot be."""
    if len(data) > MAX_BYTES or b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return None
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    if root.tag != f"{{{SVG}}}svg":
        return None
    clean = _copy(root)
    ElementTree.register_namespace("", SVG)
    ElementTree.register_namespace("xlink", XLINK)
    written: bytes = ElementTree.tostring(clean, encoding="utf-8", xml_declaration=True)
    return written + b"\n"


def _copy(element: ElementTree.Element) -> ElementTree.Element:
    copy = ElementTree.Element(element.tag)
    for name, value in element.attrib.items():
        if _allowed(name, value):
            copy.set(name, value)
    copy.text = element.text if _local(element.tag) in ("text", "tspan", "title", "desc") else None
    for child in element:
        if child.tag.startswith(f"{{{SVG}}}") and _local(child.tag) in ELEMENTS:
            inner = _copy(child)
            inner.tail = child.tail if _local(element.tag) in ("text", "tspan") else None
            copy.append(inner)
    return copy


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _allowed(name: str, value: str) -> bool:
    if name in ("href", f"{{{XLINK}}}href"):
        return value.startswith("#")
    if "}" in name or not _NAME.match(name) or name.lower().startswith("on"):
        return False
    if _ACTIVE.search(value):
        return False
    return all(target.startswith("#") for _quote, target in _URL.findall(value))
