"""Findings as data: what every rule produces and every reporter consumes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding at one place in one file (path relative to the repository root)."""

    code: str
    severity: Severity
    path: str
    line: int
    column: int | None
    id: str | None
    message: str

    def sort_key(self) -> tuple[str, int, str, int, str]:
        return (self.path, self.line, self.code, self.column or 0, self.message)


@dataclass(frozen=True, slots=True)
class Summary:
    documents: int
    errors: int
    warnings: int
    infos: int


def summarize(diagnostics: list[Diagnostic], documents: int) -> Summary:
    counts = {severity: 0 for severity in Severity}
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return Summary(
        documents, counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
    )
