"""What stops a publish before anything is written (SPEC §8.9).

A personnummer or samordningsnummer (SV051) would be published as it stands, in the page and in
the copied source; a duplicate id (SV005) gives two pages one address and the calendar two events
one UID. Both are errors no setting can silence, so publish refuses while either is there.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.loading.repository import Repository
from samverkan_cli.rules import content, schema
from samverkan_cli.rules.registry import CHECKS, Check, Context

REFUSING: Final = frozenset({"SV051", "SV005"})
#: The rule modules whose checks make those findings (the other six are not imported by a
#: publish; tests/unit/test_gate.py fails when a refusing code moves to another module).
MODULES: Final = (content, schema)


def refusals(repo: Repository, today: date) -> list[Diagnostic]:
    """The findings that stop a publish, sorted; only the checks that can make them are run."""
    context = Context(repo, today)
    found = [
        finding for check in checks() for finding in check.run(context) if finding.code in REFUSING
    ]
    return sorted(found, key=Diagnostic.sort_key)


def checks() -> list[Check]:
    """The registered checks of MODULES that can make a refusing finding."""
    names = {module.__name__ for module in MODULES}
    return [c for c in CHECKS if REFUSING & set(c.codes) and c.run.__module__ in names]
