"""Front matter in the plain shape nearly every document has, read without libyaml.

libyaml composes a tree with two mark objects a node, and walking it in Python was two thirds of
reading a document. Front matter as people and `samverkan new` write it uses a small part of
YAML: `fält: värde` lines, one-line [listor] and {grupper}, block lists of values or of fields,
and fields within a field. This reader knows exactly that part and gives exactly what libyaml's
path in yamlread gives (values resolved by YAML 1.2's core schema, the same positions). At
anything else it declines, and libyaml reads the file: comments, anchors and tags, multi-line or
escaped values, a field given twice, an empty value, unusual characters. A property test holds
the two paths to the same answers.
"""

from __future__ import annotations

import re
from typing import Any, Final

from samverkan_cli.loading.scalars import MAX_DEPTH, Loc, Spot, resolve_plain

#: Characters this reader declines to meet anywhere: '#' (a comment, or text that looks like
#: one), tabs, and what YAML reads as a line break or refuses (control characters, U+0085,
#: U+2028/9, a BOM).
_UNUSUAL: Final = re.compile(
    r"[^\n\x20-\x22\x24-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_KEY: Final = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: |$)")
_FLOW_KEY: Final = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*): ")
#: What a plain value may not start with (YAML's indicators; quotes and brackets are read apart).
_INDICATORS: Final = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: What a plain value within [ ] or { } may not hold.
_FLOW_UNSAFE: Final = frozenset(",[]{}:'\"")


class _Decline(Exception):
    """Not the plain shape: libyaml reads this text."""


def read(text: str, first_line: int = 1) -> tuple[Any, list[Spot], list[Spot]] | None:
    """(value, key positions, value positions) as yamlread's libyaml path gives them, or None
    when the text is not in the plain shape."""
    if _UNUSUAL.search(text) is not None:
        return None
    reader = _Reader(text.split("\n"), first_line)
    try:
        start = reader.skip_blank(0)
        if start == len(reader.lines) or reader.lines[start][0] == " ":
            return None
        value, _end = reader.mapping(start, 0, ())
    except _Decline:
        return None
    return value, reader.keys, reader.values


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


class _Reader:
    def __init__(self, lines: list[str], first_line: int) -> None:
        self.lines = lines
        self.first_line = first_line
        self.keys: list[Spot] = []
        self.values: list[Spot] = []

    def skip_blank(self, index: int) -> int:
        lines = self.lines
        while index < len(lines) and not lines[index].strip(" "):
            index += 1
        return index

    def mapping(self, index: int, indent: int, loc: Loc) -> tuple[dict[str, Any], int]:
        """The block mapping whose keys stand at column `indent` from line `index` on, and the
        line after it."""
        if len(loc) > MAX_DEPTH:
            raise _Decline  # libyaml's path tells the user it is too deep
        lines, first_line = self.lines, self.first_line
        self.values.append((loc, index + first_line, indent + 1))
        result: dict[str, Any] = {}
        while index < len(lines):
            line = lines[index]
            at = _indent(line)
            if at == len(line):  # blank
                index += 1
                continue
            if at < indent:
                break
            if at > indent:
                raise _Decline  # a value going on over lines, or an indent YAML refuses
            match = _KEY.match(line, at)
            if match is None:
                raise _Decline
            key = match.group(1)
            if key in result:
                raise _Decline  # libyaml's path reports it
            key_loc = (*loc, key)
            self.keys.append((key_loc, index + first_line, at + 1))
            rest = line[match.end() :]
            value = rest.strip(" ")
            if value:
                column = match.end() + len(rest) - len(rest.lstrip(" "))
                result[key] = self.inline(value, key_loc, index, column)
                index += 1
            else:
                result[key], index = self.nested(index + 1, at, key_loc)
        return result, index

    def nested(self, index: int, indent: int, loc: Loc) -> tuple[Any, int]:
        """The value of a key with nothing after its colon: a block list or block mapping."""
        index = self.skip_blank(index)
        if index == len(self.lines):
            raise _Decline  # an empty value: libyaml places it
        line = self.lines[index]
        at = _indent(line)
        if line.startswith("- ", at) and at >= indent:
            return self.sequence(index, at, loc, indentless=at == indent)
        if at > indent:
            return self.mapping(index, at, loc)
        raise _Decline  # an empty value

    def sequence(
        self, index: int, indent: int, loc: Loc, *, indentless: bool
    ) -> tuple[list[Any], int]:
        if len(loc) > MAX_DEPTH:
            raise _Decline
        lines, first_line = self.lines, self.first_line
        self.values.append((loc, index + first_line, indent + 1))
        result: list[Any] = []
        while index < len(lines):
            line = lines[index]
            at = _indent(line)
            if at == len(line):
                index += 1
                continue
            if at < indent:
                break
            if at > indent:
                raise _Decline
            if not line.startswith("- ", at):
                if indentless:
                    break  # the next key of the mapping the list belongs to
                raise _Decline
            item = line[at + 2 :].rstrip(" ")
            if not item or item[0] == " ":
                raise _Decline
            item_loc = (*loc, len(result))
            if _KEY.match(item) is not None:  # "- part: region": a mapping begins
                lines[index] = " " * (at + 2) + item
                value, index = self.mapping(index, at + 2, item_loc)
                result.append(value)
            else:
                result.append(self.inline(item, item_loc, index, at + 2))
                index += 1
        return result, index

    def inline(self, text: str, loc: Loc, index: int, column: int) -> Any:
        """A value written on its key's line; `text` stripped, starting at 0-based `column`."""
        line = index + self.first_line
        self.values.append((loc, line, column + 1))
        first = text[0]
        if first == "[" or first == "{":
            if text[-1] != ("]" if first == "[" else "}"):
                raise _Decline  # goes on over lines, or has text after it
            return self.flow(text, loc, line, column, mapping=first == "{")
        if first == '"' or first == "'":
            return _quoted(text)
        if first in _INDICATORS or ": " in text or text[-1] == ":":
            raise _Decline
        return resolve_plain(text)

    def flow(self, text: str, loc: Loc, line: int, column: int, *, mapping: bool) -> Any:
        """A one-line [list] or {mapping} of plain or quoted values, none holding a comma."""
        items: list[Any] = []
        fields: dict[str, Any] = {}
        body = text[1:-1]
        if not body.strip(" "):
            return fields if mapping else items
        at = column + 2  # 1-based column of the character after the bracket
        for piece in body.split(","):
            lead = len(piece) - len(piece.lstrip(" "))
            start = at + lead
            at += len(piece) + 1
            if mapping:
                match = _FLOW_KEY.match(piece, lead)
                if match is None or match.group(1) in fields:
                    raise _Decline
                key = match.group(1)
                self.keys.append(((*loc, key), line, start))
                rest = piece[match.end() :]
                value = rest.lstrip(" ")
                start += match.end() - lead + len(rest) - len(value)
                self.values.append(((*loc, key), line, start))
                fields[key] = _flow_scalar(value.rstrip(" "))
            else:
                self.values.append(((*loc, len(items)), line, start))
                items.append(_flow_scalar(piece.strip(" ")))
        return fields if mapping else items


def _flow_scalar(text: str) -> Any:
    """A plain or quoted value within [ ] or { }."""
    if not text:
        raise _Decline  # an empty item, a trailing comma
    first = text[0]
    if first == '"' or first == "'":
        return _quoted(text)
    if first in _INDICATORS or not _FLOW_UNSAFE.isdisjoint(text):
        raise _Decline
    return resolve_plain(text)


def _quoted(text: str) -> str:
    """A one-line quoted value with nothing to unescape, else decline."""
    quote, inner = text[0], text[1:-1]
    if len(text) < 2 or text[-1] != quote or quote in inner or (quote == '"' and "\\" in inner):
        raise _Decline
    return inner
