"""The site's logo: a raster image as it is, an SVG only as drawing with nothing active in it.

A PNG or JPEG is published byte for byte, but only when its bytes begin as that format does
(its signature): any file can be named logo.png, and an HTML page named so would be served
from the site's own origin. An SVG is a document that may carry script, event handlers, links
and references to other hosts; published beside the pages it would run in the site's origin
when opened. So an SVG is parsed and written again with only drawing elements and attributes
(an allowlist), local references only, and no DOCTYPE or entities; one that does not parse is
left out. `problem` says in Swedish why a configured logo is not published.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Final
from xml.etree import ElementTree

from samverkan_cli.fileio import RefusedFile, read_repository_file

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
#: The first bytes of every file of each raster format (PNG: ISO/IEC 15948 §5.2; JPEG: the
#: start-of-image marker and the first marker after it).
SIGNATURES: Final[Mapping[str, bytes]] = {
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
}
SUFFIXES: Final = (".png", ".jpg", ".jpeg", ".svg")
_FORMAT: Final = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_SETTING: Final = "webbplats.logo i samverkan.yaml"


def is_image(data: bytes, suffix: str) -> bool:
    """Whether `data` begins as a file of the raster format its `suffix` names (.png, .jpg,
    .jpeg, in any case); False for any other suffix, an SVG too (see safe_svg)."""
    signature = SIGNATURES.get(suffix.lower())
    return signature is not None and data.startswith(signature)


def publishable(data: bytes, suffix: str) -> bytes | None:
    """What is published of a logo with these bytes: a raster image as it is, an SVG made
    safe; None when it is neither (then no logo is published)."""
    if suffix.lower() == ".svg":
        return safe_svg(data)
    return data if is_image(data, suffix) else None


def problem(root: Path, name: str | None) -> str | None:
    """Why the logo `name` (webbplats.logo, relative to the repository `root`) is not
    published, in Swedish with the fix; None when it is, or when none is configured."""
    if not name:
        return None
    path = (root / name).resolve()
    shown = f"Logotypen '{name}' ({_SETTING})"
    if root.resolve() not in path.parents:
        return f"{shown} ligger utanför dokumentarkivet och publiceras inte. Lägg bilden i arkivet."
    if not os.path.lexists(root / name):
        return f"{shown} finns inte och publiceras inte. Rätta sökvägen eller lägg bilden där."
    if path.suffix.lower() not in SUFFIXES:
        return (
            f"{shown} publiceras inte: en logotyp ska vara en PNG-, JPEG- eller SVG-fil (.png, "
            ".jpg, .jpeg eller .svg)."
        )
    return _content_problem(root, path, shown)


def _content_problem(root: Path, path: Path, shown: str) -> str | None:
    try:
        data = read_repository_file(root, path)
    except RefusedFile as refused:
        return f"{shown} läses inte och publiceras inte: {refused.message}"
    except OSError as error:
        return f"{shown} kan inte läsas ({error.strerror}) och publiceras inte."
    if publishable(data, path.suffix) is not None:
        return None
    if path.suffix.lower() == ".svg":
        return (
            f"{shown} publiceras inte: SVG-filen går inte att läsa som en ren bild (den är "
            "trasig, för stor, eller har DOCTYPE eller ENTITY). Spara om den som vanlig SVG, "
            "eller använd en PNG-bild."
        )
    kind = _FORMAT[path.suffix.lower()]
    return (
        f"{shown} publiceras inte: filen är ingen {kind}-bild (den börjar inte som en "
        f"{kind}-fil gör). Spara bilden som {kind}, eller ge filen det filnamnstillägg som "
        "hör till dess format."
    )


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
