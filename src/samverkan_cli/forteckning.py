"""The förteckning: what may be shown of each document, with derived facts, in hierarchy order.

One place decides visibility for `list`, the site and every export: a document with
`publicera: false` is never shown, and drafts (utkast, remiss) only when asked for.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Final, TypeVar

from samverkan_cli import antagande
from samverkan_cli.config import Config
from samverkan_cli.git import Change
from samverkan_cli.lifecycle import decided_on, expired, in_force, next_review, plus_days
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.documents import Common, Grupp, MoteRecord
from samverkan_cli.model.vocabulary import DRAFT_STATUSES, ENDED_STATUSES, STATUS

#: Words as a text may name a file (with dots) or an id (with hyphens).
_WORDS: Final = re.compile(r"[\w.-]+")
_IDS: Final = re.compile(r"[\w-]+")
C = TypeVar("C", bound=Common)


@dataclass(frozen=True)
class Entry:
    """One document as the förteckning shows it."""

    document: Document
    model: Common
    in_force: bool
    next_review: date | None
    review_overdue: bool
    review_soon: bool
    expires_soon: bool
    decision: str
    parties: list[tuple[str, str]] = field(default_factory=list)  # (key, name)
    #: The typ as the repository names it (a county's own type, or a built-in one relabelled).
    typ_label: str = ""

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def typ(self) -> str:
        return self.model.typ

    @property
    def status_label(self) -> str:
        return STATUS[self.model.status]

    @property
    def archived(self) -> bool:
        return self.model.status in ENDED_STATUSES


def visible(document: Document, include_drafts: bool = False) -> bool:
    """Whether a file may appear anywhere outside the repository, judged by itself.

    Every kind of record answers the same: `publicera` exactly true (a broken value is made
    false when the file is read, see loading.check.FAIL_CLOSED) and not a draft. A meeting record
    also needs its group to be shown: `Public` says that, for the whole repository.
    """
    model = document.model
    if not isinstance(model, Common | MoteRecord) or model.publicera is not True:
        return False
    return include_drafts or model.status not in DRAFT_STATUSES


@dataclass(frozen=True)
class Public:
    """What of a repository may be shown outside it: one answer for the site, exports and report.

    A hidden document is absent from every public output: no page, no row, no id in another
    document's references, no path or commit message in a history.
    """

    #: Repository paths of the files that may be shown (documents, groups, meeting records).
    paths: frozenset[str]
    #: Ids of the documents and groups that may be shown.
    ids: frozenset[str]
    #: Ids of every other document and group, and the file names of every other file.
    hidden: frozenset[str]

    def reveals(self, text: str) -> bool:
        """Whether `text` names a hidden id or file (as a whole word). Linear in the text
        whatever the number of hidden names: its words are looked up, not searched for."""
        if not self.hidden:
            return False
        words = {w.rstrip(".") for w in _WORDS.findall(text)}
        return not self.hidden.isdisjoint(words | {w for w in _IDS.findall(text)})

    def referred(self, model: Common, links: Iterable[str]) -> bool:
        """Whether the file of `model` (its front matter as written, and its body's links)
        names something hidden: its copied source would show what its page leaves out."""
        if not self.hidden:
            return False
        named = [
            model.overordnad,
            model.ersatt_av,
            *(model.relaterade or ()),
            *(model.ersatter or ()),
        ]
        named += [getattr(model, name, None) for name in ("styrgrupp", "grupp", "rapporterar_till")]
        named.append(model.faststalld.av if model.faststalld is not None else None)
        for target in links:
            bare = target.split("#", 1)[0].split("?", 1)[0]
            named += [bare, posixpath.basename(bare)]
        return any(name in self.hidden for name in named if name)

    def changes(self, changes: list[Change]) -> list[Change]:
        """The history of shown files; a commit that touched any other file keeps no message."""
        secret = {c.commit for c in changes if c.path not in self.paths}
        return [
            c._replace(message="") if c.commit in secret else c
            for c in changes
            if c.path in self.paths
        ]

    def model(self, model: C) -> C:
        """`model` without references to what is not shown (None, left out, or an empty `av`)."""
        ids = self.ids
        single, several = _references(type(model))
        changes: dict[str, object] = {}
        for name in single:
            value = getattr(model, name)
            if value is not None and value not in ids:
                changes[name] = None
        for name in several:
            values = getattr(model, name)
            if values is not None and not ids.issuperset(values):
                changes[name] = [v for v in values if v in ids]
        if model.faststalld is not None and model.faststalld.av not in ids:
            changes["faststalld"] = model.faststalld.model_copy(update={"av": ""})
        return model.model_copy(update=changes) if changes else model


@functools.cache
def _references(kind: type[Common]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The fields of `kind` that name one document or group, and those that name several
    (asked of the class once: asking a model for a field it lacks costs microseconds)."""
    fields = kind.model_fields
    single = ("overordnad", "ersatt_av", "styrgrupp", "grupp", "rapporterar_till")
    return tuple(n for n in single if n in fields), tuple(
        n for n in ("relaterade", "ersatter") if n in fields
    )


def public(repo: Repository, include_drafts: bool = False) -> Public:
    shown = {d.path: d for d in repo.documents if visible(d, include_drafts)}
    ids = {
        d.model.id for d in shown.values() if isinstance(d.model, Common) and d.model.id is not None
    }
    for path, d in list(shown.items()):
        if isinstance(d.model, MoteRecord) and d.model.grupp not in ids:
            del shown[path]
    hidden = {d.id for d in repo.documents if d.id is not None and d.path not in shown}
    hidden |= {posixpath.basename(d.path) for d in repo.documents if d.path not in shown}
    return Public(frozenset(shown), frozenset(ids), frozenset(hidden - ids))


def decision_text(model: Common, names: Mapping[str, str] | None = None) -> str:
    """How the document was decided, as people write it: 'SN 2015-03-18 § 106', 'Fastställd av
    Beredningsgruppen 2026-09-15 § 41' (a group by its name in `names`, else its id); for one
    under adoption, where the adoption stands."""
    block = antagande.under_way(model)
    if block is not None:
        recommended = block.rekommendation
        by = (
            f"Rekommenderad {_beslut(recommended.instans, recommended.datum, recommended.paragraf)}; "
            if recommended
            else ""
        )
        return f"{by}svar senast {block.svara_senast}"
    parts = [_beslut(b.instans, b.datum, b.paragraf) for b in model.beslut or ()]
    if model.faststalld is not None:
        f = model.faststalld
        by = f" av {(names or {}).get(f.av, f.av)}" if f.av else ""
        parts.append(f"Fastställd{by} {_beslut('', f.datum, f.paragraf).strip()}")
    signed = [u.datum for u in model.undertecknare or () if u.datum is not None]
    if signed:
        parts.append(f"Undertecknad {max(signed).isoformat()}")
    return "; ".join(parts)


def _beslut(instans: str, day: date, paragraf: str | None) -> str:
    text = f"{instans} {day.isoformat()}"
    if paragraf:
        text += f" {paragraf if paragraf.startswith('§') else '§ ' + paragraf}"
    return text.strip()


def entry(
    document: Document,
    model: Common,
    config: Config,
    today: date,
    names: Mapping[str, str] | None = None,
) -> Entry:
    horizon = plus_days(today, config.varna_dagar)
    decided = model.status == "beslutad" and not expired(model, today)
    due = next_review(model, config) if decided else None
    end = model.giltig_till
    return Entry(
        document=document,
        model=model,
        in_force=in_force(model, today),
        next_review=due,
        review_overdue=due is not None and due < today,
        review_soon=due is not None and today <= due <= horizon,
        expires_soon=model.status == "beslutad" and end is not None and today <= end <= horizon,
        decision=decision_text(model, names),
        parties=[
            (key, config.parter[key].namn if key in config.parter else key)
            for key in model.parter or ()
        ],
        typ_label=config.types.label(model.typ),
    )


def entries(
    repo: Repository, today: date, include_drafts: bool = False, shown: Public | None = None
) -> list[Entry]:
    """Every visible document (groups and meetings excluded), sorted by typ then id, with
    references to what is not shown taken out and shown groups named by their titles."""
    shown = shown or public(repo, include_drafts)
    names = {group.id: group.titel for _d, group in groups(repo, shown=shown)}
    found = [
        entry(d, shown.model(d.model), repo.config, today, names)
        for d in repo.documents
        if isinstance(d.model, Common) and not isinstance(d.model, Grupp) and d.path in shown.paths
    ]
    order = {typ: index for index, typ in enumerate(repo.config.types)}
    return sorted(found, key=lambda e: (order.get(e.typ, len(order)), e.id))


def groups(
    repo: Repository, include_drafts: bool = False, shown: Public | None = None
) -> list[tuple[Document, Grupp]]:
    shown = shown or public(repo, include_drafts)
    found = [
        (d, shown.model(d.model))
        for d in repo.documents
        if isinstance(d.model, Grupp) and d.path in shown.paths
    ]
    return sorted(found, key=lambda pair: pair[1].id)


def latest_change(model: Common) -> date | None:
    """The newest date the document itself records."""
    dates = [
        d
        for d in (decided_on(model), model.senast_reviderad, model.giltig_fran, model.upphavd_datum)
        if d
    ]
    return max(dates, default=None)
