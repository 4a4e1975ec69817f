"""A loaded file: its text, front matter with positions, body, model and loading findings."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from typing import Any

from samverkan_cli.catalog import severity
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.fileio import RefusedFile, read_regular
from samverkan_cli.loading import facts as found_facts
from samverkan_cli.loading.facts import NONE as NO_FACTS
from samverkan_cli.loading.facts import Facts, Packed
from samverkan_cli.loading.scalars import Loc
from samverkan_cli.loading.yamlread import Located, Position
from samverkan_cli.model.documents import AnyModel
from samverkan_cli.model.vocabulary import fold

_UNSET: Any = object()

#: What checking a document's front matter makes: its model, findings, the findings no
#: `ignorera` silences, and the renumbering of lists whose broken entries were left out.
Checking = tuple[
    AnyModel | None,
    tuple[Diagnostic, ...],
    frozenset[Diagnostic],
    Mapping[str, tuple[int, ...]] | None,
]


class Document:
    """One Markdown file under dokument/, grupper/ or moten/ (path is repository-relative, posix).

    A document read from the cache does not hold its text: `text` and `body` read the file again
    on first use (only publishing and reporting a finding's source line need them). Its model
    and findings are given when it is made, or by a `checking` function that makes them on first
    use (loading.repository.document_from): `record` validates one file of 10,000 against the
    rest, and the rest's models are mostly never asked for. Once made they never change.
    """

    __slots__ = (
        "_body",
        "_checking",
        "_facts",
        "_folded",
        "_id",
        "_locked",
        "_model",
        "_problems",
        "_renumbered",
        "_source",
        "_text",
        "_typ",
        "body_line",
        "digest",
        "front_digest",
        "located",
        "path",
    )

    def __init__(
        self,
        path: str,
        located: Located | None = None,
        *,
        text: str | None = None,
        body: str = "",
        body_line: int = 1,
        facts: Packed = NO_FACTS,
        source: str | None = None,
        digest: bytes | None = None,
        front_digest: bytes | None = None,
        model: AnyModel | None = None,
        problems: tuple[Diagnostic, ...] = (),
        locked: frozenset[Diagnostic] = frozenset(),
        renumbered: Mapping[str, tuple[int, ...]] | None = None,
        checking: Callable[[Document], Checking] | None = None,
    ) -> None:
        self.path = path
        self.located = located
        self.body_line = body_line
        self._model = model
        self._problems = problems
        self._locked = locked
        self._renumbered: Mapping[str, tuple[int, ...]] = renumbered or {}
        #: What makes the four above on first use (None: given, or made already).
        self._checking = checking
        self._facts = facts
        #: Digests of the whole file and of its front matter alone (None when not read as a
        #: document): publish re-renders a page only when the digests it depends on change.
        self.digest = digest
        self.front_digest = front_digest
        self._text = text
        self._body = body
        #: The file to read `text` from when it is not held (None: held, or not readable).
        self._source = source
        self._typ: str | object | None = _UNSET
        self._id: str | object | None = _UNSET
        self._folded: set[str] | None = None

    @property
    def facts(self) -> Facts:
        if isinstance(self._facts, bytes):  # kept packed by the cache: unpacked once
            self._facts = found_facts.unpack(self._facts)
        return self._facts

    @property
    def model(self) -> AnyModel | None:
        if self._checking is not None:
            self._check()
        return self._model

    @property
    def problems(self) -> tuple[Diagnostic, ...]:
        """What loading found wrong in the file (SV001–SV004 and the like)."""
        if self._checking is not None:
            self._check()
        return self._problems

    @property
    def locked(self) -> frozenset[Diagnostic]:
        """Findings that no `ignorera` silences (see loading.check.FAIL_CLOSED)."""
        if self._checking is not None:
            self._check()
        return self._locked

    @property
    def renumbered(self) -> Mapping[str, tuple[int, ...]]:
        """Where the model's entries of a list stand in the file, when broken ones were left
        out (loading.check.Checked.renumbered); rules name entries by the model's index."""
        if self._checking is not None:
            self._check()
        return self._renumbered

    def _check(self) -> None:
        checking, self._checking = self._checking, None
        assert checking is not None
        # While it runs, the findings it makes point into the file as written (no renumbering).
        self._model, self._problems, self._locked, renumbered = checking(self)
        self._renumbered = renumbered or {}

    @property
    def text(self) -> str | None:
        """The decoded file, or None when it could not be read as UTF-8."""
        if self._source is not None:
            self._read()
        return self._text

    @property
    def body(self) -> str:
        if self._source is not None:
            self._read()
        return self._body

    def _read(self) -> None:
        from samverkan_cli.loading import source

        assert self._source is not None
        try:  # checked to lie inside the repository when it was listed (RepositoryFiles)
            text = source.decode(read_regular(self._source))
        except (OSError, RefusedFile):
            text = None
        self._source = None
        if isinstance(text, str):
            self._text = text
            try:
                self._body = source.split(text).body
            except source.SplitProblem:
                self._body = ""

    @property
    def raw(self) -> dict[str, Any]:
        value = self.located.value if self.located else None
        return value if isinstance(value, dict) else {}

    @property
    def typ(self) -> str | None:
        if self._typ is _UNSET:  # asked by nearly every rule: fold once
            typ = self.peek("typ")
            self._typ = fold(typ) if typ is not None else None
        return self._typ  # type: ignore[return-value]

    def peek(self, name: str) -> str | None:
        """Top-level field `name` (one of yamlread.INDEXED) where it is text: what the indexes
        of every run read from every file, known without unpacking a cached file's value."""
        return self.located.peek(name) if self.located else None

    @property
    def stem(self) -> str:
        return posixpath.splitext(posixpath.basename(self.path))[0]

    @property
    def id(self) -> str | None:
        """The id users refer to: a meeting's is its file name, everyone else's their `id`."""
        if self._id is _UNSET:  # indexes ask for it several times a document: find it once
            self._id = self.stem if self.typ == "mote" else self.peek("id")
        return self._id  # type: ignore[return-value]

    def written(self, name: str) -> bool:
        """Whether the user wrote field `name` with a value, even if spelled with å, ä or ö.

        A field that is written but wrong is reported once, where it stands (SV002 or SV004);
        rules that look for a *missing* field leave it alone rather than adding to the noise.
        """
        raw = self.raw
        if raw.get(name) is not None:
            return True
        if self._folded is None:
            self._folded = {fold(key) for key, value in raw.items() if value is not None}
        return name in self._folded

    def written_in(self, name: str, key: str) -> frozenset[str]:
        """The values of `key` in the entries of list field `name` as the user wrote them (as
        text; each item of a list), broken entries included.

        Like `written`: a rule that looks for a *missing* entry (a party that has not signed, a
        year with no chair) leaves alone one that is written but wrong, which SV004 reports
        where it stands; one typo in one row must not read as every row missing.
        """
        entries = self.raw.get(name)
        found: set[str] = set()
        for entry in entries if isinstance(entries, list) else ():
            value = entry.get(key) if isinstance(entry, dict) else None
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, str | int) and not isinstance(item, bool):
                    found.add(str(item).strip())
        return frozenset(found)

    @property
    def ignore_list(self) -> list[object]:
        """The file's `samverkan: ignorera:` as written (read before the model: a file whose
        model cannot be built still silences what it asks to)."""
        settings = self.raw.get("samverkan")
        codes = settings.get("ignorera") if isinstance(settings, dict) else None
        return codes if isinstance(codes, list) else []

    @property
    def ignored(self) -> frozenset[str]:
        return frozenset(code for code in self.ignore_list if isinstance(code, str))

    def position(self, loc: Loc = (), *, key: bool = False) -> Position:
        """Where `loc` stands; for a missing field the nearest parent; else the opening ---."""
        numbers = self.renumbered  # while checking: none yet, the file's own numbering
        renumbered = numbers.get(str(loc[0])) if len(loc) > 1 and numbers else None
        if renumbered is not None and isinstance(loc[1], int) and 0 <= loc[1] < len(renumbered):
            loc = (loc[0], renumbered[loc[1]], *loc[2:])
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
