"""A loaded file: its text, front matter with positions, body, model and loading findings."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.loading.yamlread import Loc, Located, Position
from samverkan_cli.model.documents import AnyModel
from samverkan_cli.model.vocabulary import fold
from samverkan_cli.rules.catalog import severity


@dataclass(eq=False, slots=True)
class Document:
    """One Markdown file under dokument/, grupper/ or moten/ (path is repository-relative, posix)."""

    path: str
    text: str | None = None
    located: Located | None = None
    body: str = ""
    body_line: int = 1
    model: AnyModel | None = None
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def raw(self) -> dict[str, Any]:
        value = self.located.value if self.located else None
        return value if isinstance(value, dict) else {}

    @property
    def typ(self) -> str | None:
        typ = self.raw.get("typ")
        return fold(typ) if isinstance(typ, str) else None

    @property
    def stem(self) -> str:
        return posixpath.splitext(posixpath.basename(self.path))[0]

    @property
    def id(self) -> str | None:
        """The id users refer to: a meeting's is its file name, everyone else's their `id`."""
        if self.typ == "mote":
            return self.stem
        value = self.raw.get("id")
        return value if isinstance(value, str) else None

    def written(self, name: str) -> bool:
        """Whether the user wrote field `name` with a value, even if spelled with å, ä or ö.

        A field that is written but wrong is reported once, where it stands (SV002 or SV004);
        rules that look for a *missing* field leave it alone rather than adding to the noise.
        """
        raw = self.raw
        if raw.get(name) is not None:
            return True
        return any(fold(key) == name and value is not None for key, value in raw.items())

    @property
    def ignored(self) -> frozenset[str]:
        settings = self.raw.get("samverkan")
        codes = settings.get("ignorera") if isinstance(settings, dict) else None
        return (
            frozenset(c for c in codes if isinstance(c, str))
            if isinstance(codes, list)
            else frozenset()
        )

    def position(self, loc: Loc = (), *, key: bool = False) -> Position:
        """Where `loc` stands; for a missing field the nearest parent; else the opening ---."""
        found = self.located.position(loc, key=key) if self.located and loc else None
        return found or Position(1, 1)

    def diagnostic(
        self, code: str, message: str, loc: Loc = (), *, key: bool = False
    ) -> Diagnostic:
        at = self.position(loc, key=key)
        return self.at(code, message, at)

    def at(self, code: str, message: str, position: Position) -> Diagnostic:
        return Diagnostic(
            code, severity(code), self.path, position.line, position.column, self.id, message
        )
