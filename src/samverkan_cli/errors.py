"""Exceptions the core raises for the CLI's error boundary to turn into exit codes.

Messages are Swedish because they reach the user verbatim. Nothing here imports a UI library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samverkan_cli.diagnostics import Diagnostic


class SamverkanError(Exception):
    """Base of every error the user can act on."""

    exit_code = 2


class UserError(SamverkanError):
    """Bad usage: a missing repository, a bad argument, a path outside the repository."""


class ConfigError(SamverkanError):
    """samverkan.yaml or lagrum.yaml is invalid; carries the SV090 findings."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} fel i konfigurationen")
        self.diagnostics = diagnostics
