"""The words of the domain: keys users write (ASCII) and labels people read (proper Swedish).

The Swedish spelling of a key (`huvudöverenskommelse`, `upphävd`) is accepted as an alias, so
the labels double as the alias table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

Labels = MappingProxyType[str, str]

TYP: Final = MappingProxyType(
    {
        "avtal": "Avtal",
        "huvudoverenskommelse": "Huvudöverenskommelse",
        "overenskommelse": "Överenskommelse",
        "rutin": "Rutin",
        "behandlingslinje": "Behandlingslinje",
        "riktlinje": "Riktlinje",
        "projekt": "Projekt",
        "sip-mall": "SIP-mall",
        "handlingsplan": "Handlingsplan",
        "grupp": "Grupp",
        "mote": "Möte",
    }
)
#: Document types that sign (undertecknare) rather than being adopted by a group.
AGREEMENTS: Final = ("avtal", "huvudoverenskommelse", "overenskommelse")
#: Conventional id prefix per typ, in hierarchy order (used by `new` and in messages).
PREFIX: Final = MappingProxyType(
    {
        "avtal": "AVT",
        "huvudoverenskommelse": "HOK",
        "overenskommelse": "OVK",
        "rutin": "RUT",
        "behandlingslinje": "BHL",
        "riktlinje": "RIK",
        "projekt": "PRJ",
        "sip-mall": "SIP",
        "handlingsplan": "HPL",
    }
)


@dataclass(frozen=True, slots=True)
class StatusKind:
    """What a status means to every rule, list and page: the one home of the status groups."""

    label: str
    #: Work in progress: shown outside the repository only with --include-drafts.
    draft: bool = False
    #: Decided at some point: in force while valid (beslutad), or once (upphavd, ersatt).
    decided: bool = False
    #: No longer applies: needs upphavd_datum, and is shown in the archive.
    ended: bool = False


STATUSES: Final = MappingProxyType(
    {
        "utkast": StatusKind("Utkast", draft=True),
        "remiss": StatusKind("Remiss", draft=True),
        "antagande": StatusKind("Under antagande"),
        "beslutad": StatusKind("Beslutad", decided=True),
        "upphavd": StatusKind("Upphävd", decided=True, ended=True),
        "ersatt": StatusKind("Ersatt", decided=True, ended=True),
    }
)
STATUS: Final = MappingProxyType({key: kind.label for key, kind in STATUSES.items()})
DRAFT_STATUSES: Final = tuple(key for key, kind in STATUSES.items() if kind.draft)
DECIDED_STATUSES: Final = tuple(key for key, kind in STATUSES.items() if kind.decided)
ENDED_STATUSES: Final = tuple(key for key, kind in STATUSES.items() if kind.ended)
#: A party's decision on an agreement (ställningstagande) and whether it has decided by it.
UTFALL: Final = MappingProxyType(
    {
        "antagen": "Antagen",
        "avslagen": "Avslagen",
        "aterremitterad": "Återremitterad",
        "bordlagd": "Bordlagd",
    }
)
#: Outcomes that leave a party still to decide (as if it had not taken a position).
UNDECIDED_OUTCOMES: Final = ("aterremitterad", "bordlagd")
#: Which signed copy a party keeps (forvaring).
EXEMPLAR: Final = MappingProxyType({"original": "Original", "kopia": "Kopia"})
PARTY_TYP: Final = MappingProxyType(
    {
        "region": "Region",
        "kommun": "Kommun",
        "kommunforbund": "Kommunförbund",
        "samordningsforbund": "Samordningsförbund",
        "statlig": "Statlig myndighet",
        "privat": "Privat aktör",
        "forvaltning": "Förvaltning",
        "annan": "Annan",
    }
)
#: Party typs that are no huvudman of their own: they name the one they act for (`huvudman:`).
NEEDS_HUVUDMAN: Final = ("forvaltning",)
NIVA: Final = MappingProxyType(
    {
        "politisk": "Politisk nivå",
        "beredning": "Beredning",
        "lans": "Länsnivå",
        "lokal": "Lokal nivå",
        "operativ": "Operativ nivå",
        "tillfallig": "Tillfällig grupp",
    }
)
ROLL: Final = MappingProxyType(
    {
        "ordforande": "Ordförande",
        "vice_ordforande": "Vice ordförande",
        "sekreterare": "Sekreterare",
        "sammankallande": "Sammankallande",
        "ledamot": "Ledamot",
        "adjungerad": "Adjungerad",
    }
)
PROJEKTSTATUS: Final = MappingProxyType(
    {"planerad": "Planerad", "pagar": "Pågår", "avslutad": "Avslutad", "avbruten": "Avbruten"}
)
#: Where an action plan's activity stands (SPEC §8.6); klar and installd are done with.
AKTIVITETSSTATUS: Final = MappingProxyType(
    {"planerad": "Planerad", "pagar": "Pågår", "klar": "Klar", "installd": "Inställd"}
)
DONE_ACTIVITIES: Final = ("klar", "installd")
HANDLING: Final = MappingProxyType(
    {
        "dagordning": "Dagordning",
        "minnesanteckningar": "Minnesanteckningar",
        "protokoll": "Protokoll",
    }
)
PER: Final = MappingProxyType({"ar": "år", "termin": "termin"})
#: How long a chair's mandate runs: a year, or a four-year mandate period (politiska forum).
MANDAT: Final = MappingProxyType({"ar": "Ett år i taget", "mandatperiod": "Mandatperiod"})
#: Years in a mandate period (Swedish general elections every fourth year).
MANDATE_PERIOD_YEARS: Final = 4
#: The roles that may lead a group in an ordforandeskap entry, with their Swedish names.
LEADER: Final = MappingProxyType({"ordforande": "Ordförande", "sammankallande": "Sammankallande"})

#: The months' names, as a sentence writes them ("september 2025").
MONTHS: Final = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

DOC_ID: Final = re.compile(r"^[A-Z]{2,4}-\d{4}$")
GROUP_ID: Final = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RULE_CODE: Final = re.compile(r"^SV\d{3}$")


#: Keys whose proper Swedish spelling differs; users may write either (the schema offers both).
SPELLED: Final = MappingProxyType(
    {
        "huvudoverenskommelse": "huvudöverenskommelse",
        "overenskommelse": "överenskommelse",
        "mote": "möte",
        "upphavd": "upphävd",
        "kommunforbund": "kommunförbund",
        "samordningsforbund": "samordningsförbund",
        "forvaltning": "förvaltning",
        "lans": "läns",
        "tillfallig": "tillfällig",
        "ordforande": "ordförande",
        "vice_ordforande": "vice_ordförande",
        "pagar": "pågår",
        "aterremitterad": "återremitterad",
        "installd": "inställd",
        "ar": "år",
    }
)
_FOLD = str.maketrans("åäöÅÄÖ", "aaoAAO")


def fold(value: str) -> str:
    """The ASCII key for a Swedish spelling: 'huvudöverenskommelse' → 'huvudoverenskommelse'."""
    return value.translate(_FOLD)


def accepted(labels: Labels) -> list[str]:
    """Every spelling a user may write for a vocabulary: the keys, then their Swedish spellings."""
    return [*labels, *(SPELLED[key] for key in labels if key in SPELLED)]


_NEUTER = frozenset({"avtal", "projekt", "mote"})


def noun(typ: str) -> str:
    """The typ as a word in a sentence: 'överenskommelse', but 'SIP-mall' keeps its capitals."""
    label = TYP[typ]
    return label if label[:2].isupper() else label.lower()


def a(typ: str) -> str:
    """'en rutin', 'ett avtal'."""
    return f"{'ett' if typ in _NEUTER else 'en'} {noun(typ)}"


def a_new(typ: str) -> str:
    """'en ny rutin', 'ett nytt avtal'."""
    return f"{'ett nytt' if typ in _NEUTER else 'en ny'} {noun(typ)}"


def party_huvudman(party_key: str, party_typ: str) -> str:
    """Region → 'region'; kommun and kommunförbund → 'kommun'; anyone else stands for itself."""
    if party_typ == "region":
        return "region"
    if party_typ in ("kommun", "kommunforbund"):
        return "kommun"
    return party_key
