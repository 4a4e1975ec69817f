"""Every rule module, imported: the full list of checks.

Apart from the registry so that the rule modules, which import the registry's `check`, are not
imported by it in turn (no circle).
"""

from __future__ import annotations

from samverkan_cli.rules import (
    adoption,
    content,
    dates,
    deviations,
    groups,
    lagkrav,
    laws,
    meetings,
    references,
    schema,
    settings,
    signatures,
)
from samverkan_cli.rules.registry import CHECKS, Check

MODULES = (
    adoption,
    content,
    dates,
    deviations,
    groups,
    lagkrav,
    laws,
    meetings,
    references,
    schema,
    settings,
    signatures,
)


def all_checks() -> list[Check]:
    """Every registered check, in the order the modules registered them."""
    return list(CHECKS)
