"""The document types of one repository: the built-in ones and a county's own (SPEC §8.3).

Counties name and organise their documents differently (an arbetsordning, an uppdragshandling, a
rekommendation; an överenskommelse called "Underavtal"). What a typ is to every rule, page and
command (its label, id prefix, folder, what it may rest on, how its decision shows, its review
interval) is read here, so that a county's type behaves as a built-in one does everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from samverkan_cli.model import vocabulary

#: How a `beslutad` document may show its decision (SPEC §8.3 `beslut`).
ROUTES: Final = ("faststalld", "beslut", "undertecknare")
_AGREEMENT_PARENTS = vocabulary.AGREEMENTS
#: What each built-in typ may rest on (overordnad). Nothing rests on a rutin or behandlingslinje.
BUILTIN_PARENTS: Final = MappingProxyType(
    {
        "avtal": ("avtal", "huvudoverenskommelse"),
        "huvudoverenskommelse": ("avtal",),
        "overenskommelse": ("huvudoverenskommelse", "avtal"),
        "rutin": _AGREEMENT_PARENTS,
        "behandlingslinje": _AGREEMENT_PARENTS,
        "riktlinje": _AGREEMENT_PARENTS,
        "sip-mall": _AGREEMENT_PARENTS,
        "handlingsplan": _AGREEMENT_PARENTS,
        "projekt": (*_AGREEMENT_PARENTS, "handlingsplan"),
        "grupp": _AGREEMENT_PARENTS,
    }
)
#: Contract 1's decision routes; projekt may also be decided by a board's `beslut` (§8.3).
BUILTIN_ROUTES: Final = MappingProxyType(
    {
        "avtal": ("undertecknare",),
        "huvudoverenskommelse": ("undertecknare",),
        "overenskommelse": ("undertecknare",),
        "rutin": ("faststalld",),
        "behandlingslinje": ("faststalld",),
        "projekt": ("faststalld", "beslut"),
    }
)
#: A county type behaves like a riktlinje unless configured.
LIKE: Final = "riktlinje"
#: Words whose gender is neuter ("ett avtal"), for a county label's last word.
_NEUTER_ENDINGS: Final = (
    "avtal",
    "projekt",
    "möte",
    "dokument",
    "program",
    "uppdrag",
    "reglemente",
    "underlag",
    "protokoll",
    "direktiv",
    "beslut",
    "yttrande",
    "schema",
    "pm",
)


@dataclass(frozen=True, slots=True)
class DocType:
    key: str
    label: str
    prefix: str | None
    folder: str | None
    rests_on: tuple[str, ...]
    routes: tuple[str, ...]
    builtin: bool
    #: Decided by the parties' signatures, as an agreement (SV030–SV039, antagande): the
    #: built-in agreements, and a county type whose `beslut` names undertecknare.
    signed: bool = False
    #: Months between reviews set for the typ itself (else samverkan.yaml's granskning).
    interval: int | None = None

    @property
    def neuter(self) -> bool:
        if self.builtin and self.label == vocabulary.TYP.get(self.key):
            return self.key in ("avtal", "projekt", "mote")
        return self.label.casefold().endswith(_NEUTER_ENDINGS)

    def noun(self) -> str:
        """The typ as a word in a sentence: 'överenskommelse', but 'SIP-mall' keeps its capitals."""
        return self.label if self.label[:2].isupper() else self.label.lower()

    def a(self) -> str:
        """'en rutin', 'ett avtal'."""
        return f"{'ett' if self.neuter else 'en'} {self.noun()}"

    def a_new(self) -> str:
        """'en ny rutin', 'ett nytt avtal'."""
        return f"{'ett nytt' if self.neuter else 'en ny'} {self.noun()}"


def _builtin(key: str, label: str | None = None) -> DocType:
    return DocType(
        key,
        label or vocabulary.TYP[key],
        vocabulary.PREFIX.get(key),
        None,
        BUILTIN_PARENTS.get(key, ()),
        BUILTIN_ROUTES.get(key, ROUTES),
        builtin=True,
        signed=key in vocabulary.AGREEMENTS,
    )


@dataclass(frozen=True, slots=True)
class DocTypes:
    """Every typ of a repository in hierarchy order: each county type after the last built-in
    type it rests on (at the end when it rests on nothing), then grupp and mote."""

    by_key: Mapping[str, DocType]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_key)

    def __contains__(self, typ: object) -> bool:
        return typ in self.by_key

    def get(self, typ: str) -> DocType:
        found = self.by_key.get(typ)
        return found if found is not None else _builtin_or_unknown(typ)

    def label(self, typ: str) -> str:
        return self.get(typ).label

    def labels(self) -> dict[str, str]:
        return {key: t.label for key, t in self.by_key.items()}

    def a(self, typ: str) -> str:
        return self.get(typ).a()

    def signed(self, typ: str) -> bool:
        return self.get(typ).signed

    def documents(self) -> tuple[str, ...]:
        """The types of documents (not grupp or mote), in hierarchy order."""
        return tuple(t for t in self.by_key if t not in ("grupp", "mote"))

    def agreements(self) -> tuple[str, ...]:
        return tuple(t for t in self.documents() if self.by_key[t].signed)

    def prefixes(self) -> dict[str, str]:
        return {k: t.prefix for k, t in self.by_key.items() if t.prefix}

    def county(self) -> tuple[DocType, ...]:
        return tuple(t for t in self.by_key.values() if not t.builtin)


def _builtin_or_unknown(typ: str) -> DocType:
    if typ in vocabulary.TYP:
        return _builtin(typ)
    return DocType(typ, typ, None, None, (), ROUTES, builtin=False)


BUILTIN: Final = DocTypes(MappingProxyType({key: _builtin(key) for key in vocabulary.TYP}))


def build(relabelled: Mapping[str, str], county: Mapping[str, DocType]) -> DocTypes:
    """The repository's types: built-ins (some relabelled) and its own, in hierarchy order."""
    order = [key for key in vocabulary.TYP if key not in ("grupp", "mote")]
    for typ in county.values():
        builtin_parents = [order.index(p) for p in typ.rests_on if p in order]
        at = max(builtin_parents) + 1 if builtin_parents else len(order)
        while at < len(order) and order[at] not in vocabulary.TYP:
            at += 1  # county types resting on the same built-in keep the order they are written
        order.insert(at, typ.key)
    order += ["grupp", "mote"]
    table = {
        key: county[key] if key in county else _builtin(key, relabelled.get(key)) for key in order
    }
    return DocTypes(MappingProxyType(table))
