"""What each file of the site is made from, declared once: its key and its context come from it.

A page's inputs are one frozen dataclass (DocumentPage, GroupPage, Catalog, Feed). Its key is a
digest of every field, and the function that makes the page's context is given that object and
the Shared inputs, never the whole site: whatever a page shows is in its key, because there is
nowhere else to take it from. A field of a type `fingerprint` does not know is an error when the
site is planned, not a page served stale.

Documents stand in a key by their digests: an Entry or a `Front` (a file of which the page
shows front matter only) by the digest of its front matter, a `Whole` (a file whose body is
rendered) by the digest of the file. A change to one routine's body thus remakes its own page,
while a change to its title also remakes the pages that name it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from samverkan_cli import git
from samverkan_cli.forteckning import Entry
from samverkan_cli.loading.document import Document
from samverkan_cli.model.documents import AnyModel
from samverkan_cli.site import memo

M = TypeVar("M", bound=AnyModel)


class _Unknown(Exception):
    """A file whose digest is not known: its page is always made (key None)."""


@dataclass(frozen=True, slots=True)
class Front:
    """A file of which only the front matter is shown (a group in a list, a meeting's date)."""

    document: Document

    @property
    def model(self) -> Any:
        return self.document.model


@dataclass(frozen=True, slots=True)
class Whole:
    """A file shown whole: its body is rendered or copied."""

    document: Document

    @property
    def model(self) -> Any:
        return self.document.model


@dataclass(frozen=True, slots=True)
class DocumentPage:
    """A document's page: the document, the documents it names, its history, its source link."""

    entry: Entry
    source: Whole
    parent: Entry | None
    children: list[Entry]
    related: list[Entry]
    replaces: list[Entry]
    replaced_by: Entry | None
    history: list[git.Change]
    copied: bool  # whether kalla/ID.md is published beside the page


@dataclass(frozen=True, slots=True)
class GroupPage:
    """A group's page: the group, its published meeting records (newest first), its parent."""

    group: Whole
    meetings: list[Whole]
    parent: Front | None


@dataclass(frozen=True, slots=True)
class Catalog:
    """What the pages and exports that list everything show: every shown document's front
    matter, every group's, and every meeting record's (per group, newest first)."""

    entries: list[Entry]
    groups: list[Front]
    meetings: dict[str, list[Front]]


@dataclass(frozen=True, slots=True)
class Feed:
    """The Atom feed: the catalog and the shown documents' history."""

    catalog: Catalog
    changes: list[git.Change]


@dataclass(frozen=True, slots=True)
class Nothing:
    """A page made from the Shared inputs alone (the accessibility statement)."""


def key(shared: bytes, inputs: object) -> bytes | None:
    """The key of a file made from `shared` and `inputs` (None: a digest is not known)."""
    try:
        return memo.key(shared, type(inputs).__name__, fingerprint(inputs))
    except _Unknown:
        return None


def fingerprint(value: object) -> object:
    """Plain values standing for `value` in a key (see the module's docstring)."""
    if isinstance(value, Entry):
        return ("e", value.id, _known(value.document.front_digest))
    if isinstance(value, Front):
        return ("f", value.document.path, _known(value.document.front_digest))
    if isinstance(value, Whole):
        return ("w", value.document.path, _known(value.document.digest))
    if value is None or isinstance(value, str | bytes | int | date):  # bool is an int
        return value
    if isinstance(value, list | tuple):
        return [fingerprint(item) for item in value]
    if isinstance(value, dict):
        return sorted((k, fingerprint(v)) for k, v in value.items())
    if dataclasses.is_dataclass(value) and type(value).__module__ == __name__:
        return [fingerprint(getattr(value, f.name)) for f in dataclasses.fields(value)]
    raise TypeError(f"{type(value).__name__} kan inte ingå i en sidas nyckel")


def _known(digest: bytes | None) -> bytes:
    if digest is None:
        raise _Unknown
    return digest


def models(shown: list[Front] | list[Whole], kind: type[M]) -> list[M]:
    """The models of `shown` (each of them a `kind`, as it was chosen by its model)."""
    return [item.document.model for item in shown if isinstance(item.document.model, kind)]
