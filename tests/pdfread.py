"""Read a PDF back with pypdf, as a checker would: its tags, metadata, fonts and text.

The tests trust what they read here, never what the library that made the PDF says about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


@dataclass(frozen=True)
class Read:
    reader: PdfReader

    @classmethod
    def of(cls, source: Path | bytes) -> Read:
        if isinstance(source, bytes):
            import io

            return cls(PdfReader(io.BytesIO(source)))
        return cls(PdfReader(source))

    @property
    def catalog(self) -> Any:
        return self.reader.trailer["/Root"]

    @property
    def lang(self) -> str | None:
        found = self.catalog.get("/Lang")
        return str(found) if found is not None else None

    @property
    def marked(self) -> bool:
        info = self.catalog.get("/MarkInfo")
        return bool(info is not None and info.get_object().get("/Marked"))

    @property
    def shows_title(self) -> bool:
        prefs = self.catalog.get("/ViewerPreferences")
        return bool(prefs is not None and prefs.get_object().get("/DisplayDocTitle"))

    @property
    def info_title(self) -> str | None:
        info = self.reader.metadata
        return info.title if info is not None else None

    @property
    def info_keys(self) -> set[str]:
        info = self.reader.metadata
        return set(info.keys()) if info is not None else set()

    @property
    def xmp(self) -> str:
        stream = self.catalog.get("/Metadata")
        return stream.get_object().get_data().decode("utf-8") if stream is not None else ""

    def tags(self) -> list[tuple[int, str]]:
        """(depth, structure type) of every element of the structure tree, in document order."""
        found: list[tuple[int, str]] = []
        root = self.catalog.get("/StructTreeRoot")
        if root is not None:
            _walk(root.get_object(), 0, found)
        return found

    def tag_names(self) -> list[str]:
        return [name for _depth, name in self.tags()]

    def alt_texts(self) -> list[str]:
        found: list[str] = []
        root = self.catalog.get("/StructTreeRoot")
        if root is not None:
            _alts(root.get_object(), found)
        return found

    def fonts(self) -> list[tuple[str, bool]]:
        """(name, embedded) of every font the pages use."""
        found: dict[str, bool] = {}
        for page in self.reader.pages:
            resources = page.get("/Resources")
            fonts = resources.get_object().get("/Font") if resources is not None else None
            for font in (fonts.get_object() if fonts is not None else {}).values():
                font = font.get_object()
                found[str(font.get("/BaseFont", font.get("/Name", "?")))] = _embedded(font)
        return sorted(found.items())

    def pages(self) -> list[str]:
        return [page.extract_text() or "" for page in self.reader.pages]

    def text(self) -> str:
        return "\n".join(self.pages())


def _children(node: DictionaryObject) -> list[Any]:
    kids = node.get("/K")
    if kids is None:
        return []
    kids = kids.get_object() if hasattr(kids, "get_object") else kids
    return list(kids) if isinstance(kids, ArrayObject | list) else [kids]


def _walk(node: DictionaryObject, depth: int, found: list[tuple[int, str]]) -> None:
    kind = node.get("/S")
    if kind is not None:
        found.append((depth, str(kind).lstrip("/")))
    for child in _children(node):
        child = child.get_object() if hasattr(child, "get_object") else child
        if isinstance(child, DictionaryObject) and child.get("/Type") not in ("/MCR", "/OBJR"):
            _walk(child, depth + 1, found)


def _alts(node: DictionaryObject, found: list[str]) -> None:
    if node.get("/Alt") is not None:
        found.append(str(node["/Alt"]))
    for child in _children(node):
        child = child.get_object() if hasattr(child, "get_object") else child
        if isinstance(child, DictionaryObject):
            _alts(child, found)


def _embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # its glyphs are drawn in the file itself
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
