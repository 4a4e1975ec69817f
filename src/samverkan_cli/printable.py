"""Control characters: what no text the tool shows or writes may carry.

A terminal obeys them (ESC starts a sequence that can rewrite the screen or plant a link), XML
1.0 cannot hold most of them (atom.xml was ill-formed with a NUL in a title), and RFC 5545 bans
them from calendar text. Front matter refuses them (SV004); text from elsewhere (git's commit
messages and authors) has them replaced on the way out.
"""

from __future__ import annotations

import re
from typing import Final

#: C0 but tab, line feed and carriage return; DEL; C1; and U+FFFE, U+FFFF (not characters:
#: XML refuses them, and a YAML escape such as "\ufffe" brings them past the reader).
CONTROL: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
#: What stands in for a removed character: visible, and legal everywhere.
REPLACEMENT: Final = "\ufffd"


def printable(text: str) -> str:
    """`text` with every control character replaced by U+FFFD."""
    return CONTROL.sub(REPLACEMENT, text) if CONTROL.search(text) else text
