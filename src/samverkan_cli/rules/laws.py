"""Citations of laws that have been repealed or replaced (SV052), or that name a number the
registry does not know (SV054).

Only `lagrum` is read, never the body. Documents whose status has ended are not judged: an
archived agreement rightly cites the law of its day, and nobody will correct its typos.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.lagrum import Cited, LawRegistry, Reading, read_as_of
from samverkan_cli.model.vocabulary import ENDED_STATUSES
from samverkan_cli.rules.registry import Context, check


@check("SV052", "SV054")
def cited_laws(ctx: Context) -> Iterator[Diagnostic]:
    laws = ctx.repo.laws
    #: Read once per citation and day: a county cites the same few laws in most documents.
    said: dict[tuple[str, date], tuple[list[str], list[str]]] = {}
    for document, model in ctx.modelled():
        if model.status in ENDED_STATUSES:
            continue
        on = read_as_of(model, ctx.today)
        for index, citation in enumerate(model.lagrum or ()):
            if (citation, on) not in said:
                reading = laws.read(citation, on)
                said[citation, on] = (
                    list(_replaced(laws, citation, reading, ctx.today)),
                    list(_unknown(citation, reading)),
                )
            replaced, unknown = said[citation, on]
            at = ("lagrum", index)
            for message in replaced:
                yield document.diagnostic("SV052", message, at)
            for message in unknown:
                yield document.diagnostic("SV054", message, at)


def _replaced(laws: LawRegistry, citation: str, reading: Reading, today: date) -> Iterator[str]:
    for cited in reading.laws:
        ended = _ended(laws, cited)
        repealed = ended.law.upphavd_datum if ended else None
        if ended is not None and repealed is not None and repealed <= today:
            place = reading.provision if ended is cited else None
            yield _message(laws, citation, cited, ended, place)


def _ended(laws: LawRegistry, cited: Cited) -> Cited | None:
    """The law whose end `cited` shares: its own, or, for an amendment that has none, the end of
    the författning it amends (SOSFS 2008:20 goes with SOSFS 2007:10)."""
    if cited.law.upphavd_datum is not None:
        return cited
    amended = laws.laws.get(cited.law.andrar) if cited.law.andrar else None
    if cited.law.andrar and amended is not None and amended.upphavd_datum is not None:
        return Cited(cited.law.andrar, amended)
    return None


def _message(
    laws: LawRegistry, citation: str, cited: Cited, ended: Cited, place: str | None
) -> str:
    law = ended.law
    subject = law.namn if ended is cited else f"{cited.key}, en ändring i {law.namn}"
    if law.ersatt_av is None:
        return (
            f"'{citation}' hänvisar till {subject}, som upphävdes {law.upphavd_datum}. "
            "Ta bort hänvisningen eller ersätt den med den lag som gäller nu."
        )
    newer = laws.laws.get(law.ersatt_av)
    notes = " ".join(n for n in (law.anm, newer.anm if newer else None) if n)
    replaced = (
        f"'{citation}' hänvisar till {subject}, som ersattes av {laws.name(law.ersatt_av)} "
        f"den {law.upphavd_datum}"
    )
    target = (law.motsvarar or {}).get(place or "")
    if target is not None and newer is not None:
        instead = _written(law.ersatt_av, newer.kort, newer.namn, target)
        return (
            f"{replaced}; {place} motsvaras där av {target}. Skriv '{instead}' vid nästa "
            f"revidering.{_spaced(notes)}"
        )
    return f"{replaced}. Uppdatera hänvisningen vid nästa revidering.{_spaced(notes)}"


def _written(key: str, kort: str | None, namn: str, place: str) -> str:
    """A citation of `place` in the law `key` as documents write one: 'HSL (2017:30) 16 kap.
    4 §', or '16 kap. 4 § Lag (…)' for a law without a short name."""
    series, _space, number = key.partition(" ")
    if series != "SFS":
        return f"{key} {place}"
    return f"{kort} ({number}) {place}" if kort else f"{place} {namn}"


def _spaced(note: str) -> str:
    return f" {note}" if note else ""


def _unknown(citation: str, reading: Reading) -> Iterator[str]:
    for number in reading.unknown:
        if reading.meant is not None:
            check_it = f"Kontrollera numret: menade du {reading.meant.law.namn}?"
        elif number.startswith("SFS "):
            check_it = "Kontrollera numret mot Svensk författningssamling (riksdagen.se)."
        else:
            check_it = "Kontrollera numret mot myndighetens författningssamling."
        yield (
            f"'{citation}' nämner {number}, som lagrumsregistret inte känner till. {check_it} "
            "Stämmer numret, lägg till författningen i arkivets lagrum.yaml så att den känns igen."
        )
