"""The förteckning: what may be shown of each document, with derived facts, in hierarchy order.

One place decides visibility for `list`, the site and every export: a document with
`publicera: false` is never shown, and drafts (utkast, remiss) only when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Final

from samverkan_cli.config import Config
from samverkan_cli.lifecycle import decided_on, in_force, next_review, plus_days
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.documents import Common, Grupp, MoteRecord
from samverkan_cli.model.vocabulary import STATUS, TYP

DRAFTS: Final = ("utkast", "remiss")
ARCHIVED: Final = ("upphavd", "ersatt")
ORDER: Final = {typ: index for index, typ in enumerate(TYP)}


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

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def typ(self) -> str:
        return self.model.typ

    @property
    def typ_label(self) -> str:
        return TYP[self.model.typ]

    @property
    def status_label(self) -> str:
        return STATUS[self.model.status]

    @property
    def archived(self) -> bool:
        return self.model.status in ARCHIVED


def visible(document: Document, include_drafts: bool = False) -> bool:
    """Whether a file may appear anywhere outside the repository."""
    model = document.model
    if isinstance(model, MoteRecord):
        return model.publicera
    if not isinstance(model, Common) or not model.publicera:
        return False
    return include_drafts or model.status not in DRAFTS


def decision_text(model: Common) -> str:
    """How the document was decided, as people write it: 'SN 2015-03-18 § 106'."""
    parts = [_beslut(b.instans, b.datum, b.paragraf) for b in model.beslut or ()]
    if model.faststalld is not None:
        f = model.faststalld
        parts.append(f"Fastställd av {f.av} {_beslut('', f.datum, f.paragraf).strip()}")
    signed = [u.datum for u in model.undertecknare or () if u.datum is not None]
    if signed:
        parts.append(f"Undertecknad {max(signed).isoformat()}")
    return "; ".join(parts)


def _beslut(instans: str, day: date, paragraf: str | None) -> str:
    text = f"{instans} {day.isoformat()}"
    if paragraf:
        text += f" {paragraf if paragraf.startswith('§') else '§ ' + paragraf}"
    return text.strip()


def entry(document: Document, model: Common, config: Config, today: date) -> Entry:
    horizon = plus_days(today, config.varna_dagar)
    due = next_review(model, config) if model.status == "beslutad" else None
    end = model.giltig_till
    return Entry(
        document=document,
        model=model,
        in_force=in_force(model, today),
        next_review=due,
        review_overdue=due is not None and due < today,
        review_soon=due is not None and today <= due <= horizon,
        expires_soon=model.status == "beslutad" and end is not None and today <= end <= horizon,
        decision=decision_text(model),
        parties=[
            (key, config.parter[key].namn if key in config.parter else key)
            for key in model.parter or ()
        ],
    )


def entries(repo: Repository, today: date, include_drafts: bool = False) -> list[Entry]:
    """Every visible document (groups and meetings excluded), sorted by typ then id."""
    found = [
        entry(d, d.model, repo.config, today)
        for d in repo.documents
        if isinstance(d.model, Common)
        and not isinstance(d.model, Grupp)
        and visible(d, include_drafts)
    ]
    return sorted(found, key=lambda e: (ORDER[e.typ], e.id))


def groups(repo: Repository, include_drafts: bool = False) -> list[tuple[Document, Grupp]]:
    found = [
        (d, d.model)
        for d in repo.documents
        if isinstance(d.model, Grupp) and visible(d, include_drafts)
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
