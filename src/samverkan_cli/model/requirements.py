"""What each typ must carry beyond its model's required fields, by status (SPEC §3, §8.3).

One table serves the SV003 rule and the JSON Schema's if/then clauses, so they cannot drift. A
county's own types (samverkan.yaml dokumenttyper) are read through the same functions.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from samverkan_cli.model.doctypes import DocType
from samverkan_cli.model.vocabulary import ENDED_STATUSES

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

#: Fields required once the status is `beslutad`, whatever the typ's decision route.
WHEN_DECIDED: Final = ("dokumentansvarig", "giltig_fran")

#: Fields required while a document is out for the parties' own decisions (SPEC §8.1).
WHEN_ADOPTING: Final = ("antagande",)

#: Fields required when a document no longer applies.
WHEN_ENDED: Final = ("upphavd_datum",)


def always(typ: DocType) -> tuple[str, ...]:
    """Fields every status requires: a signed county type names its parties, as agreements do."""
    if typ.builtin:
        return ALWAYS.get(typ.key, ())
    return ("parter",) if typ.signed else ()


def when_decided(typ: DocType) -> tuple[str, ...]:
    """Fields a `beslutad` document requires: its decision route's field when it has only one."""
    if typ.key == "mote":
        return ()
    return (*WHEN_DECIDED, *(typ.routes if len(typ.routes) == 1 else ()))


def needs_two_parties(typ: DocType) -> bool:
    return typ.signed


def required_fields(typ: DocType, status: str | None) -> list[tuple[str, str | None]]:
    """(field, status that requires it or None when every status does) for a typ and status."""
    fields: list[tuple[str, str | None]] = [(name, None) for name in always(typ)]
    if status == "beslutad":
        fields += [(name, status) for name in when_decided(typ)]
    if status == "antagande" and typ.signed:
        fields += [(name, status) for name in WHEN_ADOPTING]
    if status in ENDED_STATUSES and typ.key != "mote":
        fields += [(name, status) for name in WHEN_ENDED]
    return fields
