"""Markdown as the PDF's blocks: plain data (dicts of strings) that the template sets as text.

Read with the site's parser (markdown_setup: CommonMark with tables, raw HTML off), so what a
page shows and what paper shows agree. Nothing here becomes Typst markup: a `#`, `$`, `]` or
`<label>` in a document is a character in a string. A link is kept only to a web or mail
address (a link into the repository means nothing on paper: its text stays); an image only when
`image_for` names a file we put beside the template, else its alt text shows.

PDF/UA-1 wants headings in order (the first of level 1, none skipped, none empty): `ordered`
makes them so, in document order, wherever they stand.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Final

from samverkan_cli.markdown_setup import parser
from samverkan_cli.printable import printable

#: A block or an inline node of the template: {"t": kind, ...}.
Node = dict[str, Any]
#: The name (beside the template) of the image a link `src` of the body names, or None.
ImageFor = Callable[[str], str | None]

_KEPT_LINKS: Final = re.compile(r"^(?:https?://|mailto:|tel:)", re.IGNORECASE)
_ALIGN: Final = re.compile(r"text-align:\s*(left|right|center)")
_COMMENT: Final = re.compile(r"<!--.*?-->", re.DOTALL)


def _no_image(_src: str) -> None:
    return None


def blocks(text: str, image_for: ImageFor = _no_image) -> list[Node]:
    """The blocks of a Markdown text (headings at the levels written)."""
    builder = _Builder(image_for)
    for token in parser().parse(text):
        builder.take(token)
    return builder.top


def text(value: str) -> Node:
    return {"t": "text", "v": printable(value)}


def paragraph(value: str) -> Node:
    return {"t": "p", "c": [text(value)]}


def heading(level: int, value: str) -> Node:
    return {"t": "h", "level": level, "c": [text(value)]}


class _Builder:
    """Turns markdown-it's flat token stream into nested blocks."""

    def __init__(self, image_for: ImageFor) -> None:
        self.image_for = image_for
        self.top: list[Node] = []
        self._into: list[list[Node]] = [self.top]  # where the next block goes
        self._lists: list[Node] = []
        self._table: Node | None = None
        self._row: list[list[Node]] | None = None
        self._level = 0  # of the heading being read

    def take(self, token: Any) -> None:
        handler = getattr(self, f"_{token.type}", None)
        if handler is not None:
            handler(token)

    def _add(self, node: Node) -> None:
        self._into[-1].append(node)

    def _heading_open(self, token: Any) -> None:
        self._level = int(token.tag[1])

    def _inline(self, token: Any) -> None:
        content = inline(token.children or [], self.image_for)
        if self._row is not None:
            self._row.append(content)
        elif self._level:
            if _plain(content).strip():  # an empty heading is nothing to read
                self._add({"t": "h", "level": self._level, "c": content})
            self._level = 0
        elif content and (_plain(content).strip() or _has_more_than_text(content)):
            self._add({"t": "p", "c": content})

    def _open_list(self, node: Node) -> None:
        self._add(node)
        self._lists.append(node)

    def _bullet_list_open(self, _token: Any) -> None:
        self._open_list({"t": "ul", "items": []})

    def _ordered_list_open(self, token: Any) -> None:
        start = token.attrGet("start")
        self._open_list({"t": "ol", "start": int(start) if start else 1, "items": []})

    def _bullet_list_close(self, _token: Any) -> None:
        self._lists.pop()

    _ordered_list_close = _bullet_list_close

    def _list_item_open(self, _token: Any) -> None:
        item: list[Node] = []
        self._lists[-1]["items"].append(item)
        self._into.append(item)

    def _list_item_close(self, _token: Any) -> None:
        self._into.pop()

    def _blockquote_open(self, _token: Any) -> None:
        node: Node = {"t": "quote", "c": []}
        self._add(node)
        self._into.append(node["c"])

    def _blockquote_close(self, _token: Any) -> None:
        self._into.pop()

    def _fence(self, token: Any) -> None:
        self._add({"t": "code", "v": printable(token.content.rstrip("\n"))})

    _code_block = _fence

    def _hr(self, _token: Any) -> None:
        self._add({"t": "hr"})

    def _table_open(self, _token: Any) -> None:
        self._table = {"t": "table", "head": [], "rows": [], "align": []}
        self._add(self._table)

    def _tr_open(self, _token: Any) -> None:
        self._row = []

    def _th_open(self, token: Any) -> None:
        assert self._table is not None
        found = _ALIGN.search(str(token.attrGet("style") or ""))
        self._table["align"].append(found[1] if found else None)

    def _tr_close(self, _token: Any) -> None:
        assert self._table is not None and self._row is not None
        if not self._table["head"]:
            self._table["head"] = self._row
        else:
            self._table["rows"].append(self._row)
        self._row = None

    def _table_close(self, _token: Any) -> None:
        self._table = None


def inline(children: list[Any], image_for: ImageFor = _no_image) -> list[Node]:
    """The inline nodes of one paragraph, heading or cell."""
    top: list[Node] = []
    into: list[list[Node]] = [top]
    for child in _runs(children):
        kind = getattr(child, "type", "text")
        if isinstance(child, str):
            if child:
                into[-1].append(text(child))
        elif kind == "hardbreak":
            into[-1].append({"t": "br"})
        elif kind == "code_inline":
            into[-1].append({"t": "code", "v": printable(child.content)})
        elif kind == "image":
            into[-1].append(_image(child, image_for))
        elif kind.endswith("_open"):
            node = _opened(child)
            into[-1].append(node)
            into.append(node["c"])
        elif kind.endswith("_close") and len(into) > 1:
            into.pop()
    return list(_flattened(top))


def _runs(children: list[Any]) -> Iterator[Any]:
    """`children` with each run of text and soft line breaks joined into one string, without
    the comments a writer left in it (`<!-- … -->`), as the site leaves them out
    (site.markdown.without_comments: within one run of text; a comment across emphasis, a
    link or code is text)."""
    run: list[str] = []
    for child in children:
        if child.type in ("text", "softbreak"):
            run.append(child.content if child.type == "text" else "\n")
            continue
        if run:
            yield _without_comments("".join(run))
            run = []
        yield child
    if run:
        yield _without_comments("".join(run))


def _without_comments(run: str) -> str:
    return _COMMENT.sub("", run).replace("\n", " ") if "<!--" in run else run.replace("\n", " ")


def _opened(token: Any) -> Node:
    """The node a `*_open` token starts: strong, emphasis, a kept link, else a plain span."""
    if token.type == "strong_open":
        return {"t": "strong", "c": []}
    if token.type == "em_open":
        return {"t": "em", "c": []}
    href = str(token.attrGet("href") or "") if token.type == "link_open" else ""
    if _KEPT_LINKS.match(href) and printable(href) == href:
        return {"t": "link", "url": href, "c": []}
    return {"t": "span", "c": []}


def _flattened(nodes: list[Node]) -> Iterator[Node]:
    """`nodes` with each span replaced by what it holds (a dropped link keeps its text)."""
    for node in nodes:
        if node["t"] == "span":
            yield from _flattened(node["c"])
        elif "c" in node:
            yield {**node, "c": list(_flattened(node["c"]))}
        else:
            yield node


def _image(token: Any, image_for: ImageFor) -> Node:
    alt = printable(_plain(inline(token.children or [])) or token.content or "")
    name = image_for(str(token.attrGet("src") or ""))
    if name is None:
        return text(alt)
    return {"t": "img", "src": name, "alt": alt or "Bild"}


def _has_more_than_text(nodes: list[Node]) -> bool:
    """Whether `nodes` show something besides their text (an image, a line break)."""
    return any(
        node["t"] in ("img", "br") or _has_more_than_text(node.get("c", [])) for node in nodes
    )


def _plain(nodes: list[Node]) -> str:
    """The text of inline nodes, as a reader hears it."""
    return "".join(
        node.get("v", "") if "c" not in node else _plain(node["c"])
        for node in nodes
        if node["t"] != "img"
    )


def plain(nodes: list[Node]) -> str:
    return _plain(nodes)


def without_title(found: list[Node], title: str) -> list[Node]:
    """`found` without a first heading that repeats `title` (the PDF prints the title itself),
    as the site leaves it out of a page."""
    if found and found[0]["t"] == "h" and _words(_plain(found[0]["c"])) == _words(title):
        return found[1:]
    return found


def _words(value: str) -> str:
    return " ".join(value.split()).casefold()


def under(found: list[Node], level: int) -> list[Node]:
    """`found` with its headings moved so that the shallowest is at `level` (a body's top
    headings under the document's own title), keeping their levels relative to each other."""
    levels = [node["level"] for node in _headings(found)]
    return _shifted(found, level - min(levels)) if levels else found


def _headings(found: list[Node]) -> Iterator[Node]:
    for node in found:
        if node["t"] == "h":
            yield node
        for item in node.get("items", ()):
            yield from _headings(item)
        if node["t"] == "quote":
            yield from _headings(node["c"])


def _shifted(found: list[Node], by: int) -> list[Node]:
    return [_shift(node, by) for node in found]


def _shift(node: Node, by: int) -> Node:
    if node["t"] == "h":
        return {**node, "level": node["level"] + by}
    if node["t"] in ("ul", "ol"):
        return {**node, "items": [_shifted(item, by) for item in node["items"]]}
    if node["t"] == "quote":
        return {**node, "c": _shifted(node["c"], by)}
    return node


def ordered(found: list[Node], last: int = 0) -> list[Node]:
    """Headings as PDF/UA-1 wants them, in document order: none deeper than one below the one
    before (`last`: the level before the first; 0 makes the first heading level 1)."""
    state = [last]
    return [_ordered(node, state) for node in found]


def _ordered(node: Node, state: list[int]) -> Node:
    if node["t"] == "h":
        level = max(1, min(node["level"], state[0] + 1))
        state[0] = level
        return {**node, "level": level}
    if node["t"] in ("ul", "ol"):
        return {**node, "items": [[_ordered(n, state) for n in item] for item in node["items"]]}
    if node["t"] == "quote":
        return {**node, "c": [_ordered(n, state) for n in node["c"]]}
    return node
