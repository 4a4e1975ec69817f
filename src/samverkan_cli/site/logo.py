"""The site's logo: a raster image as it is, an SVG only as drawing with nothing active in it.

An SVG is a document that may carry script, event handlers, links and references to other
hosts; published beside the pages it would run in the site's origin when opened. So an SVG is
parsed and written again with only drawing elements and attributes (an allowlist), local
references only, and no DOCTYPE or entities; one that does not parse is left out.
"""

from __future__ import annotations

import re
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
