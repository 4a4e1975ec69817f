"""What each typ must carry beyond its model's required fields, by status (SPEC §3).

One table serves the SV003 rule and the JSON Schema's if/then clauses, so they cannot drift.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from samverkan_cli.model.vocabulary import AGREEMENTS, ENDED_STATUSES, TYP

_DOCUMENT_TYPES = tuple(typ for typ in TYP if typ != "mote")

#: Fields required whatever the status.
ALWAYS: Final = MappingProxyType(
    {
        "avtal": ("parter",),
        "huvudoverenskommelse": ("parter",),
        "overenskommelse": ("parter", "malgrupp"),
        "rutin": ("overordnad",),
        "behandlingslinje": ("overordnad",),
    }
)

#: Fields required once the status is `beslutad`.
WHEN_DECIDED: Final = MappingProxyType(
    {
        typ: (
            "dokumentansvarig",
            "giltig_fran",
            *(("faststalld",) if typ in ("rutin", "behandlingslinje", "projekt") else ()),
            *(("undertecknare",) if typ in AGREEMENTS else ()),
        )
        for typ in _DOCUMENT_TYPES
    }
)

#: Fields required while a document is out for the parties' own decisions (SPEC §8.1).
WHEN_ADOPTING: Final = ("antagande",)

#: Fields required when a document no longer applies.
WHEN_ENDED: Final = ("upphavd_datum",)

#: A `beslutad` document must record how it was decided with at least one of these.
DECISION_FIELDS: Final = ("beslut", "faststalld", "undertecknare")

#: Types whose `parter` must name at least two parties.
MIN_TWO_PARTIES: Final = AGREEMENTS


def required_fields(typ: str, status: str | None) -> list[tuple[str, str | None]]:
    """(field, status that requires it or None when every status does) for a typ and status."""
    fields: list[tuple[str, str | None]] = [(name, None) for name in ALWAYS.get(typ, ())]
    if status == "beslutad":
        fields += [(name, status) for name in WHEN_DECIDED.get(typ, ())]
    if status == "antagande" and typ in AGREEMENTS:
        fields += [(name, status) for name in WHEN_ADOPTING]
    if status in ENDED_STATUSES and typ != "mote":
        fields += [(name, status) for name in WHEN_ENDED]
    return fields
