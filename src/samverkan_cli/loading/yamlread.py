"""Read YAML into plain values and remember where every key and value stood.

Why not a constructing loader: we need positions for every finding, dates must stay text so that
2015-02-30 becomes a finding rather than a crash, and nothing in a document may construct Python
objects. libyaml's composer (through PyYAML) gives nodes with marks and is ~15× faster than
ruamel's pure-Python round-trip loader, which matters for a pre-commit hook over a whole repository.

Scalars are resolved the YAML 1.2 way (only true/false are booleans, no sexagesimal numbers, no
implicit timestamps), which is what editors with a YAML language server show users.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import yaml

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Loc = tuple[str | int, ...]

#: Upper bound on nodes visited while expanding a block: stops alias bombs ("billion laughs").
MAX_NODES = 20_000
MAX_DEPTH = 50

_TAG = "tag:yaml.org,2002:"
_CORE_TAGS = {
    f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
#: What an untagged node is before `_Builder.scalar` reads it: YAML 1.2's core schema is applied
#: there, so PyYAML's (1.1) implicit resolvers, a tenth of the parse time, are never asked.
_PLAIN = "tag:samverkan,2026:plain"
_STR = f"{_TAG}str"
_UNTAGGED: Final = {
    yaml.ScalarNode: _PLAIN,
    yaml.SequenceNode: f"{_TAG}seq",
    yaml.MappingNode: f"{_TAG}map",
}


class _Loader(_BaseLoader):  # type: ignore[misc]
    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return _UNTAGGED[kind]


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
#: The longest number read as a number; a longer one is read as text.
MAX_DIGITS = 100
#: First characters of the scalars that may resolve to something other than text.
_NUMBER_START = frozenset("0123456789+-.")
_WORD_START = frozenset("~nNtTfF")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


@dataclass(frozen=True, slots=True)
class Position:
    """1-based line and column in the file."""

    line: int
    column: int


class YamlError(Exception):
    """The text is not YAML we accept; message in Swedish, position in the file."""

    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


class Located:
    """Plain data with the positions of its keys and values, addressed by a path of keys/indices.

    Positions are only needed when something is reported, so they are kept as the flat lists
    reading made (`Flat`) and turned into lookups on first use; a document read from the cache
    unpacks them through `reread` the same way.
    """

    __slots__ = ("_keys", "_reread", "_values", "problems", "value")

    def __init__(
        self,
        value: Any,
        keys: dict[Loc, Position] | None = None,
        values: dict[Loc, Position] | None = None,
        problems: list[tuple[str, Position]] | None = None,
        reread: Callable[[], tuple[dict[Loc, Position], dict[Loc, Position]]] | None = None,
    ) -> None:
        self.value = value
        self._keys = {} if keys is None and reread is None else keys
        self._values = {} if values is None and reread is None else values
        #: Problems that do not stop reading (duplicate keys): (message, position).
        self.problems = problems if problems is not None else []
        self._reread = reread

    @property
    def keys(self) -> dict[Loc, Position]:
        if self._keys is None:
            self._fill()
        assert self._keys is not None
        return self._keys

    @property
    def values(self) -> dict[Loc, Position]:
        if self._values is None:
            self._fill()
        assert self._values is not None
        return self._values

    def _fill(self) -> None:
        self._keys, self._values = self._reread() if self._reread else ({}, {})

    def position(self, loc: Loc, *, key: bool = False) -> Position | None:
        """Where `loc` stands, or its nearest ancestor that exists (for a field that is missing)."""
        first, second = (self.keys, self.values) if key else (self.values, self.keys)
        for end in range(len(loc), 0, -1):
            found = first.get(loc[:end]) or second.get(loc[:end])
            if found is not None:
                return found
        return None


#: A position as reading records it: (where, line, column), plain data for the cache.
Spot = tuple[Loc, int, int]


@dataclass(frozen=True, slots=True)
class Flat:
    """What reading one YAML document found, as plain lists (marshal stores them as they are).

    `keys` in reading order (a key given twice: the last counts); `values` likewise, where the
    first position of a place counts, as the value read first is where a reader looks.
    """

    value: Any
    keys: list[Spot]
    values: list[Spot]
    problems: list[tuple[str, int, int]]

    def located(self) -> Located:
        return Located(
            self.value,
            problems=[(message, Position(line, column)) for message, line, column in self.problems],
            reread=lambda: lookups(self.keys, self.values),
        )


def lookups(
    keys: list[Spot], values: list[Spot]
) -> tuple[dict[Loc, Position], dict[Loc, Position]]:
    """Flat positions as the lookups Located answers from."""
    by_value: dict[Loc, Position] = {}
    for loc, line, column in values:
        by_value.setdefault(tuple(loc), Position(line, column))
    return {tuple(loc): Position(line, column) for loc, line, column in keys}, by_value


def load(text: str, first_line: int = 1) -> Located:
    """Parse one YAML document whose first line is line `first_line` of the file."""
    return read(text, first_line).located()


def read(text: str, first_line: int = 1) -> Flat:
    """The value of one YAML document and where its parts stand, as plain data.

    Front matter in the plain shape nearly every file has is read without libyaml
    (plain_yaml, about four times faster); everything else goes through libyaml's composer.
    """
    from samverkan_cli.loading import plain_yaml

    quick = plain_yaml.read(text, first_line)
    if quick is not None:
        value, keys, values = quick
        return Flat(value, keys, values, [])
    return read_composed(text, first_line)


def read_composed(text: str, first_line: int = 1) -> Flat:
    """read() through libyaml's composer, for any YAML."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise _translate(error, text, first_line) from None
    except yaml.YAMLError as error:  # pragma: no cover - libyaml always marks its errors
        raise YamlError(f"YAML-fel: {error}", Position(first_line, 1)) from None
    except RecursionError:
        raise YamlError(_too_deep(), Position(first_line, 1)) from None
    builder = _Builder(first_line)
    value = None if node is None else builder.build(node, ())
    return Flat(value, builder.keys, builder.values, builder.problems)


def _too_deep() -> str:
    return (
        "YAML-blocket är för djupt nästlat eller innehåller för många alias (&/*). "
        "Skriv ut värdena direkt i stället för att använda alias."
    )


class _Builder:
    def __init__(self, first_line: int) -> None:
        self.offset = first_line
        self.budget = MAX_NODES
        self.keys: list[Spot] = []
        self.values: list[Spot] = []
        self.problems: list[tuple[str, int, int]] = []

    def pos(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(mark.line + self.offset, mark.column + 1)

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.budget -= 1
        if self.budget < 0 or len(loc) > MAX_DEPTH:
            raise YamlError(_too_deep(), self.pos(node))
        mark = node.start_mark
        self.values.append((loc, mark.line + self.offset, mark.column + 1))
        tag = node.tag
        if tag != _PLAIN and tag not in _CORE_TAGS and tag != "!":
            raise YamlError(_bad_tag(tag), self.pos(node))
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, index)) for index, item in enumerate(node.value)]
        if getattr(node, "style", None) or tag == _STR:
            return node.value  # quoted, block, or explicitly !!str
        return resolve_plain(node.value)

    def mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(
                    "En nyckel i YAML måste vara ett enkelt ord, t.ex. 'titel:'.",
                    self.pos(key_node),
                )
            key = str(key_node.value)
            key_loc = (*loc, key)
            mark = key_node.start_mark
            line, column = mark.line + self.offset, mark.column + 1
            if key in result:
                message = f"Fältet '{key}' står två gånger. Ta bort det ena, annars gäller bara det sista."
                self.problems.append((message, line, column))
            self.keys.append((key_loc, line, column))
            result[key] = self.build(value_node, key_loc)
        return result


def _bad_tag(tag: str) -> str:
    short = tag.replace(_TAG, "!!")
    return f"YAML-taggen '{short}' är inte tillåten här. Ta bort taggen och skriv värdet som vanlig text."


def resolve_plain(text: str) -> Any:
    """Resolve an unquoted scalar by YAML 1.2's core schema (no 'yes'/'no' booleans)."""
    if not text:
        return None
    first = text[0]
    if first in _NUMBER_START:
        if _INT.match(text):
            # Python refuses to convert more than 4,300 digits (and no field needs 20): such a
            # number stays text, which the model reports as too large (SV004/SV090).
            return int(text) if len(text) <= MAX_DIGITS else text
        if _FLOAT.match(text):
            return float(text) if len(text) <= MAX_DIGITS else text
        return text
    if first in _WORD_START:
        if _NULL.match(text):
            return None
        return _BOOL.get(text, text)
    return text  # most values: words that can be nothing but text


def _translate(error: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlError:
    """Position the error where it can be fixed: an unclosed bracket where it was opened."""
    lines = text.split("\n")
    mark = error.problem_mark or error.context_mark
    if error.context_mark is not None and (mark is None or mark.line >= len(lines) - 1):
        mark = error.context_mark
    position = Position(first_line, 1)
    if mark is not None:
        position = Position(mark.line + first_line, mark.column + 1)
    problem = (error.problem or "okänt fel").strip()
    if _indented_with_tab(lines, error.problem_mark):
        # libyaml names the tab in some versions and not in others; the line tells.
        problem = "found character '\\t' that cannot start any token"
    return YamlError(
        f"YAML kan inte läsas: {_swedish_problem(problem)}. {_hint(problem)}", position
    )


def _indented_with_tab(lines: list[str], mark: Any) -> bool:
    """Whether the line of the error is indented with a tab, or a tab stands at the error."""
    if mark is None or mark.line >= len(lines):
        return False
    line = lines[mark.line]
    return (
        "\t" in line[: len(line) - len(line.lstrip(" \t"))]
        or line[mark.column : mark.column + 1] == "\t"
    )


_PROBLEMS = {
    "mapping values are not allowed": "ett kolon står där det inte får stå",
    "could not find expected ':'": "ett kolon saknas efter ett fältnamn",
    "found character '\\t' that cannot start any token": "en tabb används för indrag",
    "found character that cannot start any token": "ett värde börjar med ett tecken som YAML "
    "reserverar (@, ` eller %)",
    "found unexpected end of stream": "texten tar slut mitt i ett värde",
    "did not find expected key": "indraget stämmer inte med raderna ovanför",
    "did not find expected ',' or ']'": "en lista inom [ ] avslutas inte: ',' eller ']' saknas",
    "did not find expected ',' or '}'": "en grupp inom { } avslutas inte: ',' eller '}' saknas",
    "found unexpected ':'": "ett kolon står där det inte får stå",
    "exceeded maximum nesting depth": "för många nivåer av listor och grupper i varandra",
    "found undefined alias": "ett alias (*namn) pekar på ett ankare (&namn) som inte finns",
}


def _swedish_problem(problem: str) -> str:
    for english, swedish in _PROBLEMS.items():
        if problem.startswith(english):
            return swedish
    return f"{problem} (libyaml)"


def _hint(problem: str) -> str:
    if "\\t" in problem:
        return "Använd mellanslag, inte tabb, för indrag."
    if problem.startswith("found character that cannot start"):
        return 'Sätt citattecken runt värdet, t.ex. titel: "@kommun".'
    if problem.startswith("mapping values"):
        return (
            'Sätt citattecken runt värden som innehåller kolon, t.ex. titel: "Avtal: hemsjukvård".'
        )
    return "Kontrollera indrag, kolon och citattecken på raden och raden ovanför."
