"""Adoption across many parties (SPEC §8.1): who must decide, what each has decided, and which
signature stands for whom. One home for what the rules, the site, the report and `todo` judge.
"""

from __future__ import annotations

from datetime import date

from samverkan_cli.config import Config
from samverkan_cli.model.documents import (
    Antagande,
    Avtalsdokument,
    Common,
    Stallningstagande,
    Undertecknare,
)
from samverkan_cli.model.vocabulary import UNDECIDED_OUTCOMES


def plan(model: Common) -> Antagande | None:
    """The document's `antagande` block (only agreements have one)."""
    return model.antagande if isinstance(model, Avtalsdokument) else None


def under_way(model: Common) -> Antagande | None:
    """The block of a document with status antagande, else None."""
    return plan(model) if model.status == "antagande" else None


def positions(model: Common, until: date | None = None) -> dict[str, Stallningstagande]:
    """Each party's position: its latest ställningstagande by date (on or before `until`)."""
    found: dict[str, Stallningstagande] = {}
    for entry in model.stallningstaganden or ():
        if until is not None and entry.datum > until:
            continue
        current = found.get(entry.part)
        if current is None or entry.datum >= current.datum:
            found[entry.part] = entry
    return found


def has_decided(position: Stallningstagande | None) -> bool:
    """A position counts as decided unless it is missing, återremitterad or bordlagd."""
    return position is not None and position.utfall not in UNDECIDED_OUTCOMES


def adopted(position: Stallningstagande | None) -> bool:
    return position is not None and position.utfall == "antagen"


def must_decide(model: Common, config: Config) -> list[str]:
    """The parties that must take a position: `antagande.parter`, else the document's kommuner."""
    block = plan(model)
    if block is not None and block.parter:
        return [key for key in dict.fromkeys(block.parter) if key in (model.parter or ())]
    return [key for key in model.parter or () if config.typ_of(key) == "kommun"]


def pending(model: Common, config: Config, until: date | None = None) -> list[str]:
    """The parties that must decide and have not (as of `until`)."""
    found = positions(model, until)
    return [key for key in must_decide(model, config) if not has_decided(found.get(key))]


def late(model: Common, config: Config, on: date) -> list[str]:
    """The pending parties once the reply deadline has passed on `on`."""
    block = plan(model)
    deadline = block.svara_senast if block is not None else None
    return pending(model, config, on) if deadline is not None and on > deadline else []


def must_sign(model: Common, config: Config) -> list[str]:
    """The parties whose signature (own, or one that stands for them) a decided agreement needs.

    On a huvudöverenskommelse a kommun signs through its ställningstagande (SV032): only one
    that has adopted it needs a signature standing for it, its own or another's.
    """
    if model.typ != "huvudoverenskommelse":
        return list(model.parter or ())
    found = positions(model)
    return [
        key
        for key in model.parter or ()
        if config.typ_of(key) != "kommun" or adopted(found.get(key))
    ]


def signed_for(
    model: Common, config: Config, until: date | None = None
) -> dict[str, Undertecknare]:
    """Each party covered by a signature, and the signature: its own; a `for` signature when
    the party has adopted the document; on a huvudöverenskommelse, a kommunförbund's signature
    for every kommun that has adopted it."""
    found = positions(model, until)
    covered: dict[str, Undertecknare] = {}
    for signature in model.undertecknare or ():
        for key in signature.for_ or ():
            if adopted(found.get(key)):
                covered.setdefault(key, signature)
        if model.typ == "huvudoverenskommelse" and config.typ_of(signature.part) == "kommunforbund":
            for key in model.parter or ():
                if config.typ_of(key) == "kommun" and adopted(found.get(key)):
                    covered.setdefault(key, signature)
    for signature in model.undertecknare or ():
        covered[signature.part] = signature  # a party's own signature comes first
    return covered
