"""Generate the README's rule table from the rule catalog (`make docs`; a test keeps it current).

Usage: python -m samverkan_cli.docs README.md
"""

from __future__ import annotations

import sys
from pathlib import Path

from samverkan_cli.catalog import CATALOG, UNSILENCEABLE
from samverkan_cli.fileio import write_atomic

START = "<!-- regeltabell:start (genereras av `make docs`) -->"
END = "<!-- regeltabell:slut -->"
_SEVERITY = {"error": "fel", "warning": "varning", "info": "info"}


def rule_table() -> str:
    rows = ["| Kod | Nivå | Regel | Kan tystas |", "|---|---|---|---|"]
    for info in CATALOG.values():
        silence = "nej" if info.code in UNSILENCEABLE else "ja"
        rows.append(f"| {info.code} | {_SEVERITY[info.severity]} | {info.summary} | {silence} |")
    return "\n".join(rows)


def update(text: str) -> str:
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    return f"{before}{START}\n{rule_table()}\n{END}{after}"


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "README.md")
    text = path.read_text("utf-8")
    updated = update(text)
    if updated != text:
        write_atomic(path, updated)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
