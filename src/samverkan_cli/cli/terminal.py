"""Text from documents made safe for a terminal: no control character reaches it raw.

A title (or a file name, a config value, a command-line argument) can hold ESC, OSC or other
control characters that a terminal would obey: recolour, retitle the window, hide text, plant a
link. Each is replaced one for one by a visible stand-in (so columns still line up): a C0
character by its Unicode control picture (ESC → ␛, NUL → ␀), DEL by ␡, a C1 character by U+FFFD.
Rich markup is never parsed from such text: callers pass `Text` objects, or `markup()`.
"""

from __future__ import annotations

import re
from typing import Final, TextIO

#: C0 (without tab and newline, which are kept where text has lines), DEL and C1.
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_WITH_LINES: Final = re.compile("[\x00-\x1f\x7f-\x9f]")
_PICTURES: Final = 0x2400
_DEL_PICTURE: Final = "\u2421"
_REPLACEMENT: Final = "\ufffd"


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code < 0x20:
        return chr(_PICTURES + code)
    return _DEL_PICTURE if code == 0x7F else _REPLACEMENT


def visible(text: str, *, lines: bool = True) -> str:
    """`text` with every control character replaced by a visible stand-in; with `lines`, tab and
    newline are kept."""
    pattern = _CONTROL if lines else _CONTROL_WITH_LINES
    return pattern.sub(_stand_in, text)


def markup(text: str) -> str:
    """`text` safe inside a rich markup string: visible, and its brackets printed as written."""
    from rich.markup import escape

    return escape(visible(text))


def for_stream(text: str, stream: TextIO) -> str:
    """Data (a report, a förteckning) as written when piped, made visible on a terminal."""
    isatty = getattr(stream, "isatty", None)
    return visible(text) if callable(isatty) and isatty() else text
