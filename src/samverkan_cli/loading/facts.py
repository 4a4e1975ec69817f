"""What a document's text says, found once when the file is read: identity numbers, links, headings.

The rules SV050, SV051 and SV053 need these, and finding them is most of the cost of reading the
text. Keeping them as plain data lets the document cache store them, so that a file that has not
changed is never read again, and lets worker processes find them in parallel.
"""

from __future__ import annotations

import marshal
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

from samverkan_cli import personnummer
from samverkan_cli.markdown_links import links
from samverkan_cli.rust_guard import guarded

_NEWLINE = re.compile("\n")


@dataclass(frozen=True, slots=True)
class Facts:
    #: (kind, number as written, line, column), kind "personnummer" or "samordningsnummer".
    identity_numbers: tuple[tuple[str, str, int, int], ...] = ()
    #: (target, line, column) of every link and image target in the body.
    links: tuple[tuple[str, int, int], ...] = ()
    #: (heading text as written, line); None when not looked for (only SIP templates need them).
    headings: tuple[tuple[str, int], ...] | None = None

    def plain(self) -> tuple[Any, ...]:
        """The facts as tuples of str and int, which marshal stores and reads fast."""
        return (self.identity_numbers, self.links, self.headings)


NONE = Facts()


def from_plain(plain: tuple[Any, ...]) -> Facts:
    identity_numbers, found_links, headings = plain
    return Facts(tuple(identity_numbers), tuple(found_links), headings)


#: Facts as kept in the cache: marshal bytes, unpacked when a rule first asks (`record` on one
#: file of 10,000 asks for one file's; unpacking them all costs such a run ~0.15 s).
Packed = Facts | bytes


def pack(found: Packed) -> bytes:
    return found if isinstance(found, bytes) else marshal.dumps(found.plain())


def unpack(found: Packed) -> Facts:
    return found if isinstance(found, Facts) else from_plain(marshal.loads(found))


def find(
    text: str, body: str, body_line: int, *, with_headings: bool, data: bytes | None = None
) -> Facts:
    """The facts of a decoded file (`data`: its bytes); `body` starts on file line `body_line`."""
    lines = LineStarts(text)
    numbers = tuple(
        (found.kind, found.text, *lines.position(found.offset))
        for found in personnummer.find(text, data)
    )
    targets = tuple((target, body_line + line, column + 1) for target, line, column in links(body))
    return Facts(numbers, targets, headings(body, body_line) if with_headings else None)


class LineStarts:
    """1-based line and column of offsets in `text`, found by bisection.

    Counting the newlines before each hit from the start made a 4 MB body full of numbers take
    97 s; the offsets of the line starts are found once (on the first question: most texts are
    never asked), so that each answer costs a bisection.
    """

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0, *(m.end() for m in _NEWLINE.finditer(self._text))]
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


@cache
def _tree_parser() -> Any:
    try:
        import markdown_it_pyrs
    except ImportError:  # pragma: no cover - a declared dependency; the reference still works
        return None
    return markdown_it_pyrs.MarkdownIt("commonmark")


def headings(body: str, body_line: int) -> tuple[tuple[str, int], ...]:
    """(text as written, file line) of every heading, ATX or setext, as CommonMark reads them.

    markdown-it-pyrs (~10× faster) gives byte offsets; the text is the heading's inline source,
    the same as markdown-it-py's inline token content (a test compares the two).
    """
    parser = _tree_parser()
    if parser is None:  # pragma: no cover
        return reference_headings(body, body_line)
    return guarded(
        body,
        lambda: _fast_headings(parser, body, body_line),
        lambda: reference_headings(body, body_line),
    )


def _fast_headings(parser: Any, body: str, body_line: int) -> tuple[tuple[str, int], ...]:
    data = body.encode("utf-8")
    found = []
    # Headings come in document order: count the newlines since the last one, not from the
    # start (which made 40,000 headings take 8 s).
    line, counted = body_line, 0
    for node in parser.tree(body).walk():
        if node.name not in ("heading", "lheading"):
            continue
        start = node.srcmap[0] if node.srcmap else 0
        if start < counted:  # not in order after all: count again from the start
            line, counted = body_line, 0
        line += data.count(b"\n", counted, start)
        counted = start
        spans = [child.srcmap for child in node.children if child.srcmap]
        text = data[spans[0][0] : spans[-1][1]].decode("utf-8") if spans else ""
        found.append((text.strip(), line))
    return tuple(found)


def reference_headings(body: str, body_line: int) -> tuple[tuple[str, int], ...]:
    """The same as headings(), through markdown-it-py's token stream."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(body)
    return tuple(
        (tokens[index + 1].content.strip(), body_line + (token.map[0] if token.map else 0))
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and index + 1 < len(tokens)
    )
