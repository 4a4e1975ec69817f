"""The rule registry: each check is a small function from the loaded repository to findings.

A check names the codes it may produce (one family of related codes per module); severities and
summaries live in the catalog so that every finding of a code has the same severity.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Final, TypeVar

from pydantic import BaseModel

from samverkan_cli import attachments
from samverkan_cli.config import Config
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.fileio import RepositoryFiles
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.documents import AnyModel, Common, Grupp, MoteRecord
from samverkan_cli.model.vocabulary import DOC_ID

K = TypeVar("K", bound=BaseModel)


@dataclass(frozen=True)
class Context:
    repo: Repository
    today: date
    #: Every path exists() was asked about and its answer: an input of the run, like the files.
    probes: dict[str, bool] = field(default_factory=dict)
    #: Every attachment examined and why it is not published (None: it is), an input too.
    examined: dict[str, str | None] = field(default_factory=dict)
    #: The paths whose findings are wanted (None: every file). A check walks only these with
    #: `modelled()` and `documents()`; every index (ids, groups, meetings) stays whole, and a
    #: check that needs every document (a graph, a count over the repository) asks for
    #: `every_modelled()`. `record` and `new` validate one file of a large repository so.
    focus: frozenset[str] | None = None

    def exists(self, relative: str) -> bool:
        """Whether `relative` (a normalised posix path in the repository) names a file or folder."""
        if relative not in self.probes:
            self.probes[relative] = (self.repo.root / relative).exists()
        return self.probes[relative]

    def attachment_problem(self, relative: str) -> str | None:
        """Why the attachment at `relative` is not published (attachments.problem)."""
        if relative not in self.examined:
            self.examined[relative] = attachments.problem(self._files, relative)
        return self.examined[relative]

    @functools.cached_property
    def _files(self) -> RepositoryFiles:
        return RepositoryFiles(self.repo.root)

    @property
    def config(self) -> Config:
        return self.repo.config

    def modelled(self) -> list[tuple[Document, Common]]:
        """Every document (of the focus) with a valid model, groups included, meeting records
        excluded (not `repo.documents`: every file read, valid or not)."""
        if self.focus is None:
            return self._by_kind
        return self._focused

    def every_modelled(self) -> list[tuple[Document, Common]]:
        """Every document with a valid model, whatever the focus: for checks whose finding on
        one document depends on all the others."""
        return self._by_kind

    def documents(self) -> list[Document]:
        """Every file read (of the focus), valid or not."""
        if self.focus is None:
            return self.repo.documents
        return [d for d in self.repo.documents if d.path in self.focus]

    @functools.cached_property
    def _focused(self) -> list[tuple[Document, Common]]:
        """Only the focus's models are made (Document.model makes them on first use)."""
        focus = self.focus or frozenset()
        return [
            (d, d.model)
            for d in self.repo.documents
            if d.path in focus and isinstance(d.model, Common)
        ]

    def groups(self) -> list[tuple[Document, Grupp]]:
        """Every group, whatever the focus (an index: groups are few)."""
        return self._of_typ("grupp", Grupp)

    def meetings(self) -> list[tuple[Document, MoteRecord]]:
        """Every meeting record, whatever the focus: for counts over a group's meetings."""
        return self._of_typ("mote", MoteRecord)

    def meetings_in_focus(self) -> list[tuple[Document, MoteRecord]]:
        """The meeting records of the focus: for checks that judge each record by itself."""
        if self.focus is None:
            return self.meetings()
        focus = self.focus
        return [
            (d, d.model)
            for d in self.repo.documents
            if d.path in focus and d.typ == "mote" and isinstance(d.model, MoteRecord)
        ]

    def groups_in_focus(self) -> list[tuple[Document, Grupp]]:
        found = self.groups()
        return found if self.focus is None else [(d, g) for d, g in found if d.path in self.focus]

    def _of_typ(self, typ: str, kind: type[K]) -> list[tuple[Document, K]]:
        """The valid models of `typ`, without making any other document's model (a file's
        typ decides its model's class)."""
        if typ not in self._kinds:
            self._kinds[typ] = [
                (d, d.model)
                for d in self.repo.documents
                if d.typ == typ and isinstance(d.model, kind)
            ]
        return self._kinds[typ]  # type: ignore[return-value]

    @functools.cached_property
    def _kinds(self) -> dict[str, list[tuple[Document, AnyModel]]]:
        return {}

    @functools.cached_property
    def _by_kind(
        self,
    ) -> list[tuple[Document, Common]]:
        """Sorted once: some thirty checks each walk the documents of one kind. Asking for it
        makes every model; a focused run asks only when a check needs them all."""
        documents: list[tuple[Document, Common]] = []
        for document in self.repo.documents:
            if document.typ == "mote":
                continue  # a record's model is never Common: leave it unmade
            model = document.model
            if isinstance(model, Common):
                documents.append((document, model))
        return documents

    @functools.cached_property
    def unreadable_ids(self) -> frozenset[str]:
        """Ids that files are named after whose own id cannot be read (broken YAML, a broken
        id): a reference to one is not reported again, the file's own finding says it once."""
        found = set()
        for document in self.repo.documents:
            named = _NAMED_ID.match(posixpath.basename(document.path))
            if named is None or named[1] in self.repo.by_id:
                continue  # asked first: it makes no model
            if document.model is not None and document.id and DOC_ID.match(document.id):
                continue
            found.add(named[1])
        return frozenset(found)

    def model_of(self, document_id: str) -> AnyModel | None:
        found = self.repo.get(document_id)
        return found.model if found else None


def unread(document: Document, name: str, key: str, read: Iterable[object]) -> frozenset[str]:
    """The values of `key` that entries of list field `name` were written with but the model
    lacks: broken entries, reported by SV004 where they stand (see Document.written_in)."""
    return document.written_in(name, key) - {str(value) for value in read}


def broken_positions(document: Document, model: Common) -> frozenset[str]:
    """Parties whose ställningstagande is written but broken: no rule reports them as having
    taken no position."""
    read = [entry.part for entry in model.stallningstaganden or ()]
    return unread(document, "stallningstaganden", "part", read)


_NAMED_ID: Final = re.compile(r"^([A-Z]{2,4}-\d{4})(?![0-9A-Za-z])")

CheckFunction = Callable[[Context], Iterable[Diagnostic]]
F = TypeVar("F", bound=CheckFunction)


@dataclass(frozen=True)
class Check:
    codes: tuple[str, ...]
    run: CheckFunction


CHECKS: list[Check] = []


def check(*codes: str) -> Callable[[F], F]:
    """Register a check that produces findings of `codes`."""

    def register(function: F) -> F:
        CHECKS.append(Check(codes, function))
        return function

    return register
