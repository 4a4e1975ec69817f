"""Read YAML into plain values and remember where every key and value stood.

Why not a constructing loader: we need positions for every finding, dates must stay text so that
2015-02-30 becomes a finding rather than a crash, and nothing in a document may construct Python
objects. libyaml's composer (through PyYAML) gives nodes with marks and is ~15× faster than
ruamel's pure-Python round-trip loader, which matters for a pre-commit hook over a whole repository.

Scalars are resolved the YAML 1.2 way (only true/false are booleans, no sexagesimal numbers, no
implicit timestamps), which is what editors with a YAML language server show users.
"""

from __future__ import annotations

import marshal
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import yaml

from samverkan_cli.loading import plain_yaml
from samverkan_cli.loading.scalars import MAX_DEPTH, Loc, Spot, resolve_plain
from samverkan_cli.printable import CONTROL

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Upper bound on nodes visited while expanding a block: stops alias bombs ("billion laughs").
MAX_NODES = 20_000

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


#: The fields every run's indexes read from every file (Document.typ, Document.id, SV014's
#: replacement index): a file's kept value answers for them without being unpacked.
INDEXED: Final = ("typ", "id", "ersatt_av")


@dataclass(frozen=True, slots=True)
class PackedValue:
    """Front matter as the cache keeps it: marshal bytes, unpacked when first read. `record` on
    one file of 10,000 reads a few files' fields; unpacking all costs it ~0.1 s."""

    data: bytes
    #: The INDEXED fields as written, where text (else None).
    known: tuple[str | None, ...]

    @classmethod
    def of(cls, value: Any) -> PackedValue:
        found = value if isinstance(value, dict) else {}
        known = tuple(v if isinstance(v := found.get(k), str) else None for k in INDEXED)
        return cls(marshal.dumps(value), known)


class Located:
    """Plain data with the positions of its keys and values, addressed by a path of keys/indices.

    Positions are only needed when something is reported, so they are kept as the flat lists
    reading made (`Flat`) and turned into lookups on first use; a document read from the cache
    unpacks them through `reread` the same way.
    """

    __slots__ = ("_keys", "_reread", "_value", "_values", "problems")

    def __init__(
        self,
        value: Any,
        keys: dict[Loc, Position] | None = None,
        values: dict[Loc, Position] | None = None,
        problems: list[tuple[str, Position]] | None = None,
        reread: Callable[[], tuple[dict[Loc, Position], dict[Loc, Position]]] | None = None,
    ) -> None:
        self._value = value
        self._keys = {} if keys is None and reread is None else keys
        self._values = {} if values is None and reread is None else values
        #: Problems that do not stop reading (duplicate keys): (message, position).
        self.problems = problems if problems is not None else []
        self._reread = reread

    @property
    def value(self) -> Any:
        if isinstance(self._value, PackedValue):
            self._value = marshal.loads(self._value.data)
        return self._value

    def peek(self, key: str) -> str | None:
        """Top-level field `key` (one of INDEXED) where it is text, without unpacking a kept
        value."""
        if isinstance(self._value, PackedValue):
            return self._value.known[INDEXED.index(key)]
        found = self._value.get(key) if isinstance(self._value, dict) else None
        return found if isinstance(found, str) else None

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
    quick = plain_yaml.read(text, first_line)
    if quick is not None:
        value, keys, values = quick
        return Flat(value, keys, values, [])
    return read_composed(text, first_line)


def read_composed(text: str, first_line: int = 1) -> Flat:
    """read() through libyaml's composer, for any YAML."""
    control = CONTROL.search(text)
    if control is not None:  # libyaml refuses most, and counts NEL (U+0085) as a line break
        raise _unprintable_at(control.start(), ord(control.group()), text, first_line)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise _translate(error, text, first_line) from None
    except yaml.reader.ReaderError as error:
        raise _unprintable(error, text, first_line) from None
    except yaml.YAMLError:  # pragma: no cover - libyaml marks its other errors
        raise YamlError(f"YAML kan inte läsas: {_UNKNOWN[0]}.", Position(first_line, 1)) from None
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
                message = (
                    f"Fältet '{key}' står två gånger. Ta bort det ena: tills dess publiceras "
                    "dokumentet inte, eftersom det inte går att veta vilket värde som menas."
                )
                self.problems.append((message, line, column))
            self.keys.append((key_loc, line, column))
            result[key] = self.build(value_node, key_loc)
        return result


def _bad_tag(tag: str) -> str:
    short = tag.replace(_TAG, "!!")
    return f"YAML-taggen '{short}' är inte tillåten här. Ta bort taggen och skriv värdet som vanlig text."


def _translate(error: yaml.MarkedYAMLError, text: str, first_line: int) -> YamlError:
    """Position the error where it can be fixed: an unclosed bracket where it was opened."""
    lines = text.split("\n")
    mark = error.problem_mark or error.context_mark
    if error.context_mark is not None and (mark is None or mark.line >= len(lines) - 1):
        mark = error.context_mark
    if (error.problem or "").startswith("could not find expected ':'") and error.context_mark:
        # libyaml notices a missing colon where the next line begins; the key without its
        # colon started where the scan of it began.
        mark = error.context_mark
    problem = (error.problem or "okänt fel").strip()
    if problem.startswith("mapping values are not allowed") and mark is not None:
        before = _colonless_line_before(lines, mark)
        if before is not None:  # `namn Län` and then `parter:`: the colon is missing above
            mark, problem = before, "could not find expected ':'"
    position = Position(first_line, 1)
    if mark is not None:
        position = Position(mark.line + first_line, mark.column + 1)
    if _indented_with_tab(lines, error.problem_mark):
        # libyaml names the tab in some versions and not in others; the line tells.
        problem = "found character '\\t' that cannot start any token"
    swedish, hint = _swedish(problem)
    if problem.startswith("could not find expected ':'") and mark is not None:
        hint = _colon_hint(lines, mark.line) or hint
    return YamlError(f"YAML kan inte läsas: {swedish}. {hint}", position)


def _colon_hint(lines: list[str], number: int) -> str | None:
    """The line as it should read, `titel: Rutin för SIP` for `titel Rutin för SIP`."""
    if not 0 <= number < len(lines):
        return None
    key, _, rest = lines[number].strip().partition(" ")
    if not key or not rest or ":" in key:
        return None
    fixed = f"{key}: {rest.strip()}"
    fixed = fixed if len(fixed) <= 60 else fixed[:59] + "…"
    return f"Skriv fältnamn, kolon och mellanslag före värdet: {fixed}"


def _colonless_line_before(lines: list[str], mark: Any) -> Any:
    """Where a key without its colon stands, when libyaml read it as the start of a text running
    on to the next field (`namn Län` then `parter:` gives "mapping values are not allowed" on
    the line of `parter:`); None when the colon the error is about is not a key's own."""
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    key = re.match(r"\s*[\w.-]+(?=:)", line)
    if key is None or key.end() != mark.column:
        return None
    for number in range(mark.line - 1, -1, -1):
        text = lines[number].strip()
        if not text or text.startswith("#"):
            continue
        if ":" in text or text.startswith(("-", "[", "{")):
            return None
        indent = len(lines[number]) - len(lines[number].lstrip())
        return _Mark(number, indent)
    return None


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int


def _indented_with_tab(lines: list[str], mark: Any) -> bool:
    """Whether the line of the error is indented with a tab, or a tab stands at the error."""
    if mark is None or mark.line >= len(lines):
        return False
    line = lines[mark.line]
    return (
        "\t" in line[: len(line) - len(line.lstrip(" \t"))]
        or line[mark.column : mark.column + 1] == "\t"
    )


_CHECK_LINE = "Kontrollera indrag, kolon och citattecken på raden och raden ovanför."
_QUOTE = 'Sätt citattecken runt värdet, t.ex. titel: "@kommun".'
_COLON = 'Sätt citattecken runt värden som innehåller kolon, t.ex. titel: "Avtal: hemsjukvård".'
_BACKSLASH = "Inom \"…\" skrivs \\ som \\\\; eller använd enkla citattecken: 'C:\\mapp'."
_INDENT = "ett fält eller en listrad har fel indrag jämfört med raderna ovanför"
_PERCENT = "Ta bort raden som börjar med %, eller sätt värdet inom citattecken."
_TAB = ("en tabb används för indrag", "Använd mellanslag, inte tabb, för indrag.")

#: libyaml's problems, by how their text starts: (what is wrong, in Swedish; how to fix it).
_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    ("mapping values are not allowed", "ett kolon står där det inte får stå", _COLON),
    (
        "could not find expected ':'",
        "ett kolon saknas efter fältnamnet på den här raden",
        "Skriv fältnamn, kolon och mellanslag före värdet, t.ex. dokumentansvarig: Samordnare.",
    ),
    ("found character '\\t' that cannot start any token", *_TAB),
    ("found a tab character", *_TAB),
    (
        "found character that cannot start any token",
        "ett värde börjar med ett tecken som YAML reserverar (@, ` eller %)",
        _QUOTE,
    ),
    ("found unexpected end of stream", "texten tar slut mitt i ett värde", _CHECK_LINE),
    ("did not find expected key", "indraget stämmer inte med raderna ovanför", _CHECK_LINE),
    (
        "did not find expected ',' or ']'",
        "en lista inom [ ] avslutas inte: ',' eller ']' saknas",
        _CHECK_LINE,
    ),
    ("expected ',' or ']'", "en lista inom [ ] avslutas inte: ',' eller ']' saknas", _CHECK_LINE),
    (
        "did not find expected ',' or '}'",
        "en grupp inom { } avslutas inte: ',' eller '}' saknas",
        _CHECK_LINE,
    ),
    ("expected ',' or '}'", "en grupp inom { } avslutas inte: ',' eller '}' saknas", _CHECK_LINE),
    ("found unexpected ':'", "ett kolon står där det inte får stå", _COLON),
    (
        "exceeded maximum nesting depth",
        "för många nivåer av listor och grupper i varandra",
        _CHECK_LINE,
    ),
    (
        "found undefined alias",
        "ett alias (*namn) pekar på ett ankare (&namn) som inte finns",
        _QUOTE,
    ),
    ("found unknown escape character", "en okänd kombination med \\ inom citattecken", _BACKSLASH),
    (
        "found invalid Unicode character escape code",
        "en \\u-kod inom citattecken är ogiltig",
        _BACKSLASH,
    ),
    (
        "did not find expected hexdecimal number",
        "en \\x- eller \\u-kod inom citattecken är ogiltig",
        _BACKSLASH,
    ),
    (
        "found unexpected document indicator",
        "en rad som börjar med --- eller ... står mitt i ett värde",
        "Avsluta citattecknet på raden ovanför, eller sätt raden inom citattecken.",
    ),
    (
        "did not find expected <document start>",
        "texten fortsätter efter slutet på YAML-blocket (en rad med ... eller ett andra dokument)",
        "Ta bort raden med ... eller flytta texten under front matter.",
    ),
    (
        "expected '<document start>'",
        "texten fortsätter efter slutet på YAML-blocket",
        "Ta bort raden eller flytta texten under front matter.",
    ),
    (
        "did not find expected alphabetic or numeric character",
        "ett & eller * (ett ankare eller alias i YAML) följs inte av ett namn",
        _QUOTE,
    ),
    (
        "found unexpected non-alphabetical character",
        "ett ankare, alias eller en tagg har ett ogiltigt namn",
        _QUOTE,
    ),
    (
        "did not find expected '-' indicator",
        "en lista med '- ' och fält med namn blandas på samma nivå",
        _CHECK_LINE,
    ),
    ("expected <block end>", _INDENT, _CHECK_LINE),
    ("did not find expected node content", "ett värde saknas där det behövs", _CHECK_LINE),
    (
        "did not find expected comment or line break",
        "text står efter ett värde inom citattecken på samma rad",
        "Sätt citattecken runt hela värdet, t.ex. titel: \"'SIP' för barn\".",
    ),
    (
        "found an indentation indicator equal to 0",
        "ett | eller > följs av 0",
        "Ta bort siffran efter | eller >.",
    ),
    (
        "expected indentation indicator in the range 1-9",
        "ett | eller > följs av fel tecken",
        "Skriv | eller > ensamt sist på raden.",
    ),
    ("found undefined tag handle", "ett värde börjar med ! (en tagg i YAML)", _QUOTE),
    ("did not find URI escaped octet", "ett värde börjar med ! (en tagg i YAML)", _QUOTE),
    ("found duplicate %YAML directive", "en rad börjar med % (ett direktiv i YAML)", _PERCENT),
    ("found incompatible YAML document", "en rad börjar med % (ett direktiv i YAML)", _PERCENT),
)
_UNKNOWN = ("texten följer inte YAML:s regler här", _CHECK_LINE)


def _swedish(problem: str) -> tuple[str, str]:
    """What is wrong and how to fix it, in Swedish: libyaml's English never reaches users."""
    for english, swedish, hint in _PROBLEMS:
        if problem.startswith(english):
            return swedish, hint
    return _UNKNOWN


def _unprintable(error: yaml.reader.ReaderError, text: str, first_line: int) -> YamlError:
    code = (
        error.character
        if isinstance(error.character, int)
        else ord(str(error.character)[:1] or "\0")
    )
    return _unprintable_at(error.position, code, text, first_line)


def _unprintable_at(offset: int, code: int, text: str, first_line: int) -> YamlError:
    """A character YAML refuses (a control character), at its line and column."""
    at = min(max(offset, 0), len(text))
    line = text.count("\n", 0, at) + first_line
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return YamlError(
        f"YAML kan inte läsas: ett osynligt styrtecken (U+{code:04X}) står i texten. Ta bort det, "
        "t.ex. genom att skriva in raden på nytt i stället för att klistra in den.",
        Position(line, column),
    )
    return YamlError(
        f"YAML kan inte läsas: ett osynligt styrtecken (U+{code:04X}) står i texten. Ta bort det, "
        "t.ex. genom att skriva in raden på nytt i stället för att klistra in den.",
        Position(line, column),
    )
