"""click's exception types, wherever this typer keeps them.

typer before 0.2x depends on click; newer typer ships its own copy as `typer._click`. The error
boundary matches exceptions by these types, never by their names or their English text.
"""

from __future__ import annotations

import importlib
from typing import Any


def _exceptions() -> Any:
    try:  # typer that vendors click
        return importlib.import_module("typer._click.exceptions")
    except ImportError:  # pragma: no cover - typer that depends on click
        return importlib.import_module("click.exceptions")


_MODULE = _exceptions()
# Any: the attributes each carries (option_name, param, message) differ between the copies.
UsageError: Any = _MODULE.UsageError
NoSuchOption: Any = _MODULE.NoSuchOption
BadOptionUsage: Any = _MODULE.BadOptionUsage
MissingParameter: Any = _MODULE.MissingParameter
BadParameter: Any = _MODULE.BadParameter


class _Never(Exception):
    """Stands in for a type this copy of click does not have: nothing is an instance of it."""


NoArgsIsHelpError: Any = getattr(_MODULE, "NoArgsIsHelpError", _Never)
