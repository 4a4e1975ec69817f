"""Reporters: how findings are shown, selected by --format (text, json, github, sarif)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any, TextIO

from samverkan_cli import HOME, __version__, personnummer
from samverkan_cli.catalog import CATALOG, RuleInfo
from samverkan_cli.cli.options import check_format
from samverkan_cli.cli.terminal import visible
from samverkan_cli.diagnostics import Diagnostic, Severity, Summary, summarize
from samverkan_cli.fileio import RefusedFile, read_repository_file
from samverkan_cli.slug import path_uri


@dataclass(frozen=True)
class Printout:
    """What one validate run prints: its findings, and the files to show their lines from."""

    diagnostics: list[Diagnostic]
    documents: int
    root: Path
    #: The lines of each file a finding is shown in, split once (not once per finding: a file
    #: with 100,000 findings took minutes), None for a file not read.
    _lines: dict[str, list[str] | None] = field(default_factory=dict, repr=False)

    @property
    def summary(self) -> Summary:
        return summarize(self.diagnostics, self.documents)

    def source_line(self, path: str, line: int) -> str | None:
        if path not in self._lines:
            self._lines[path] = self._read_lines(path)
        lines = self._lines[path]
        return lines[line - 1].rstrip("\r") if lines and 0 < line <= len(lines) else None

    def _read_lines(self, path: str) -> list[str] | None:
        try:  # a link out of the repository, a FIFO: never read, never shown
            text = read_repository_file(self.root, self.root / path).decode("utf-8")
        except (OSError, ValueError, RefusedFile):  # ValueError: NUL in a path; bad UTF-8
            return None
        return text.split("\n")


Reporter = Callable[[Printout, TextIO], None]
_LABEL = {Severity.ERROR: "fel", Severity.WARNING: "varning", Severity.INFO: "info"}
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary_line(summary: Summary) -> str:
    documents = _plural(summary.documents, "dokument", "dokument")
    if not (summary.errors or summary.warnings or summary.infos):
        return f"Inga fel eller varningar i {documents}."
    parts = [
        _plural(summary.errors, "fel", "fel"),
        _plural(summary.warnings, "varning", "varningar"),
        _plural(summary.infos, "påminnelse", "påminnelser"),
    ]
    return f"{parts[0]}, {parts[1]} och {parts[2]} i {documents}."


def text(report: Printout, stream: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    # Only Text objects, never markup, and every value made visible: a title may hold "[bold]"
    # or an escape sequence, and neither must reach the terminal as such.
    console = Console(file=stream, soft_wrap=True, highlight=False)
    for path, items in groupby(report.diagnostics, key=lambda d: d.path):
        console.print(Text(visible(path, lines=False), style="bold underline"))
        for d in items:
            where = f"{d.line}:{d.column}" if d.column else str(d.line)
            console.print(
                Text.assemble(
                    f"  {where:<8}",
                    (f"{_LABEL[d.severity]:<8}", _STYLE[d.severity]),
                    (d.code, "dim"),
                    "  ",
                    visible(d.message),
                )
            )
            _print_source(console, report, d)
        console.print()
    summary = report.summary
    style = "bold red" if summary.errors else ("yellow" if summary.warnings else "green")
    console.print(Text(summary_line(summary), style=style))


def _print_source(console: Any, report: Printout, d: Diagnostic) -> None:
    from rich.text import Text

    source = report.source_line(d.path, d.line)
    if source is None or not source.strip():
        return
    # The message masks an identity number; the line shown must not repeat it (CI logs keep it).
    source = visible(personnummer.masked(source).expandtabs(4), lines=False)  # one char for one
    gutter = f"    {d.line:>4} │ "
    console.print(Text(gutter + source, style="dim"))
    if d.column:
        console.print(Text(" " * (len(gutter) + d.column - 1) + "^", style=_STYLE[d.severity]))


def as_json(report: Printout, stream: TextIO) -> None:
    summary = report.summary
    data = {
        "version": 1,
        "summary": {
            "documents": summary.documents,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
        },
        "diagnostics": [
            {
                "code": d.code,
                "severity": str(d.severity),
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "id": d.id,
                "message": d.message,
            }
            for d in report.diagnostics
        ],
    }
    stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(value: str) -> str:
    escaped = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(escaped, lines=False)  # the log is shown by a terminal emulator


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Printout, stream: TextIO) -> None:
    for d in report.diagnostics:
        props = [f"file={_escape_property(d.path)}", f"line={d.line}"]
        if d.column:
            props.append(f"col={d.column}")
        props.append(f"title={_escape_property(d.code)}")
        stream.write(
            f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(d.message)}\n"
        )
    stream.write(summary_line(report.summary) + "\n")


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif(report: Printout, stream: TextIO) -> None:
    rules = [_sarif_rule(info) for info in CATALOG.values()]
    index = {code: position for position, code in enumerate(CATALOG)}
    results = [_sarif_result(d, index[d.code]) for d in report.diagnostics]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "samverkan",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": HOME,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    stream.write(json.dumps(log, ensure_ascii=False, indent=2) + "\n")


def _sarif_rule(info: RuleInfo) -> dict[str, Any]:
    """A rule as code scanning shows it: its summary, what it checks, and what to do."""
    silencing = (
        f"Kan tystas med ignorera: [{info.code}] i filens samverkan: eller i samverkan.yaml."
        if info.silenceable
        else "Kan inte tystas."
    )
    level = _SARIF_LEVEL[info.severity]
    full = f"{info.summary}. {_SEVERITY_WORDS[level]} {silencing}"
    return {
        "id": info.code,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": full},
        "help": {
            "text": info.help,
            "markdown": f"**{info.code}: {info.summary}**\n\n{info.help}\n\n{silencing}",
        },
        "helpUri": f"{HOME}#regler",
        "defaultConfiguration": {"level": level},
    }


_SEVERITY_WORDS = {"error": "Ett fel.", "warning": "En varning.", "note": "En upplysning."}


def _sarif_result(d: Diagnostic, rule_index: int) -> dict[str, Any]:
    region: dict[str, int] = {"startLine": d.line}
    if d.column:
        region["startColumn"] = d.column
    return {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": path_uri(d.path), "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
        **({"properties": {"documentId": d.id}} if d.id else {}),
    }


REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "github": github, "sarif": sarif}


def reporter(name: str) -> Reporter:
    return REPORTERS[check_format(name, list(REPORTERS))]
