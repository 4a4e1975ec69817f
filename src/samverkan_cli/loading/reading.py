"""What reading a file's bytes found: the one typed record between the bytes and a Document.

A reading is computed in a worker process or kept in the cache as plain tuples (marshal moves
and stores those about ten times faster than objects); `plain` and `typed` are the only
conversion, used by the cache module and the worker boundary, so that everywhere else mypy
checks the fields by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from samverkan_cli.loading import facts
from samverkan_cli.loading.facts import Packed
from samverkan_cli.loading.yamlread import INDEXED, PackedValue


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file that cannot be read as a document: the finding (SV001, SV007) and where it is."""

    code: str
    message: str
    line: int
    column: int
    facts: Packed


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """A file read as front matter and body."""

    #: The front matter's data, or kept packed (read from the cache: unpacked on first use).
    value: Any
    #: (message, line, column) of each field written twice.
    problems: tuple[tuple[str, int, int], ...]
    body_line: int
    facts: Packed
    #: The positions of keys and values, as marshal bytes: unpacked only for a finding.
    positions: bytes
    #: A digest of the front matter's text (publish makes pages again when it changes).
    front_digest: bytes


Reading = Unreadable | FrontMatter


@dataclass(frozen=True, slots=True)
class Held:
    """The text of a file read in this run, kept so that publishing does not read it twice."""

    text: str
    body_start: int

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


#: A reading as the cache keeps it and a worker returns it: a tuple tagged "fel" or "ok".
Plain = tuple[Any, ...]


def plain(reading: Reading) -> Plain:
    if isinstance(reading, Unreadable):
        r = reading
        return ("fel", r.code, r.message, r.line, r.column, facts.pack(r.facts))
    f = reading
    value = f.value if isinstance(f.value, PackedValue) else PackedValue.of(f.value)
    return (
        "ok",
        value.data,
        f.problems,
        f.body_line,
        facts.pack(f.facts),
        f.positions,
        f.front_digest,
        value.known,
    )


def typed(data: Plain) -> Reading:
    """The record a plain reading stands for (a malformed one raises ValueError or TypeError)."""
    if data[0] == "fel":
        _kind, code, message, line, column, packed = data
        return Unreadable(code, message, line, column, _packed(packed))
    _kind, value, problems, body_line, packed, positions, front_digest, known = data
    if not isinstance(value, bytes) or len(known) != len(INDEXED):
        raise TypeError("front matter is kept packed")  # the shape of another version
    return FrontMatter(
        PackedValue(value, tuple(known)),
        tuple((m, ln, col) for m, ln, col in problems) if problems else (),
        body_line,
        _packed(packed),
        positions,
        front_digest,
    )


def _packed(packed: Any) -> bytes:
    if not isinstance(packed, bytes):
        raise TypeError("facts are kept packed")  # the shape of another version
    return packed
