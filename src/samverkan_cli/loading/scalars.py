"""What both YAML readers share: the shape of a position and how a plain scalar resolves.

Apart so that the fast reader (plain_yaml) and libyaml's (yamlread) need not import each other.
"""

from __future__ import annotations

import re
from typing import Any

#: Where a value stands in the front matter: field names and list indices.
Loc = tuple[str | int, ...]
#: A position as reading records it: (where, line, column), plain data for the cache.
Spot = tuple[Loc, int, int]
#: Deepest nesting of lists and groups either reader accepts.
MAX_DEPTH = 50

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
#: The longest number read as a number; a longer one is read as text.
MAX_DIGITS = 100
#: First characters of the scalars that may resolve to something other than text.
_NUMBER_START = frozenset("0123456789+-.")
_WORD_START = frozenset("~nNtTfF")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


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
