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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from samverkan_cli import git
from samverkan_cli.forteckning import Entry
from samverkan_cli.loading.document import Document
from samverkan_cli.model.documents import AnyModel
from samverkan_cli.site import memo

M = TypeVar("M", bound=AnyModel)
D = TypeVar("D")


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


def fingerprint(value: object) -> object:
    """Plain values standing for `value` in a key (see the module's docstring)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    make = _FINGERPRINTS.get(kind)
    if make is None:
        raise TypeError(f"{kind.__name__} kan inte ingå i en sidas nyckel")
    return make(value)


def _items(value: Any) -> object:
    plain, entry = _PLAIN, Entry
    return [
        item
        if type(item) in plain
        else item.document.front_digest or _known(None)
        if type(item) is entry
        else fingerprint(item)
        for item in value
    ]


def _declared(value: Any) -> object:
    return _items([getattr(value, name) for name in _FIELDS[type(value)]])


#: Values that stand for themselves (a git.Change is a tuple of them).
_PLAIN: frozenset[type] = frozenset({str, bytes, int, bool, date, type(None), git.Change})
#: How each other kind of input stands in a key, by exact type (a site of 10,000 pages has
#: some 200,000 inputs): a type not here or in _PLAIN cannot be an input.
_FINGERPRINTS: dict[type, Callable[[Any], object]] = {
    Entry: lambda e: e.document.front_digest or _known(None),  # its id is in its front matter
    Front: lambda f: ("f", f.document.path, _known(f.document.front_digest)),
    Whole: lambda w: ("w", w.document.path, _known(w.document.digest)),
    list: _items,
    tuple: _items,
    dict: lambda d: sorted((k, fingerprint(v)) for k, v in d.items()),
}
_FIELDS: dict[type, tuple[str, ...]] = {}


def _declaration(cls: type[D]) -> type[D]:
    """Mark `cls` as the inputs of a kind of file: each of its fields goes into the key."""
    _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    _FINGERPRINTS[cls] = _declared
    return cls


def _known(digest: bytes | None) -> bytes:
    if digest is None:
        raise _Unknown
    return digest


@_declaration
@dataclass(frozen=True, slots=True)
class Attachment:
    """A file in the repository that a page links to, published beside the page: the page's
    key holds the digest of what is published, so a new PDF under the old name is copied again."""

    source: str  # its path in the repository
    published: str  # its path in the site
    digest: bytes  # of the bytes published (attachments.content)


@_declaration
@dataclass(frozen=True, slots=True)
class DocumentPage:
    """A document's page: the document, the documents and groups it names, its history, its
    source link. A group is shown by its name (its front matter), so a new title remakes the page."""

    entry: Entry
    source: Whole
    parent: Entry | None
    children: list[Entry]
    related: list[Entry]
    replaces: list[Entry]
    replaced_by: Entry | None
    groups: list[Front]  # the groups it names (fastställd av, styrgrupp, grupp), by id
    history: list[git.Change]
    copied: bool  # whether kalla/ID.md is published beside the page
    attachments: list[Attachment]  # the files its body links to, published beside it
    printed: bool = False  # whether ID.pdf is published beside the page (publish --pdf)


@_declaration
@dataclass(frozen=True, slots=True)
class DocumentPdf:
    """A document's PDF (publish --pdf): the document, the shown documents and groups it names
    by title (overordnad, ersätter, ersatt av, relaterade; fastställd av), and the attachments
    its body links to (images among them are embedded). The PDF is made from these alone."""

    entry: Entry
    source: Whole
    named: list[Entry]
    groups: list[Front]
    attachments: list[Attachment]


@_declaration
@dataclass(frozen=True, slots=True)
class GroupPage:
    """A group's page: the group, its published meeting records (newest first), its parent,
    and the group whose chairing huvudman it follows (samma_huvudman_som)."""

    group: Whole
    meetings: list[Whole]
    parent: Front | None
    attachments: list[Attachment]  # the files its body links to, published beside it
    follows: Front | None = None


@_declaration
@dataclass(frozen=True, slots=True)
class Catalog:
    """What the pages and exports that list everything show: every shown document's front
    matter, every group's, and every meeting record's (per group, newest first)."""

    entries: list[Entry]
    groups: list[Front]
    meetings: dict[str, list[Front]]


@_declaration
@dataclass(frozen=True, slots=True)
class Feed:
    """The Atom feed: the catalog and the shown documents' history."""

    catalog: Catalog
    changes: list[git.Change]


@_declaration
@dataclass(frozen=True, slots=True)
class Nothing:
    """A page made from the Shared inputs alone (the accessibility statement)."""


def key(shared: bytes, inputs: object) -> bytes | None:
    """The key of a file made from `shared` and `inputs` (None: a digest is not known)."""
    try:
        return memo.key(shared, type(inputs).__name__, fingerprint(inputs))
    except _Unknown:
        return None


def models(shown: list[Front] | list[Whole], kind: type[M]) -> list[M]:
    """The models of `shown` (each of them a `kind`, as it was chosen by its model)."""
    return [item.document.model for item in shown if isinstance(item.document.model, kind)]
