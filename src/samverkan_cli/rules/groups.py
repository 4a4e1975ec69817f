"""Groups: who leads them, chairs that alternate between huvudmän and are chosen in time, and
the chair that follows another group's (SV040–SV044, and SV003/SV004 for an ordforandeskap
entry). What the working order says lives in arbetsordning; meetings are in rules/meetings.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from samverkan_cli.arbetsordning import (
    LEADER_WORD,
    Term,
    cycle_years,
    leader_side,
    led_by_convener,
    missing_row,
    on_cycle,
    previous,
    repeated_side,
    same_side,
    term_for,
    term_start,
    term_years,
    terms,
)
from samverkan_cli.config import Config
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.lifecycle import in_force, mandate_deadline
from samverkan_cli.loading.document import Document
from samverkan_cli.model.documents import Grupp
from samverkan_cli.model.vocabulary import MANDATE_PERIOD_YEARS, fold
from samverkan_cli.rules.registry import Context, check, unread

_HUVUDMAN_LABEL = {"region": "regionen", "kommun": "kommunerna"}


def _label(huvudman: str) -> str:
    return _HUVUDMAN_LABEL.get(huvudman, huvudman)


def _years(group: Grupp, first: int) -> str:
    """A term as a message names it: '2026', or '2023–2026' for a mandate period."""
    length = term_years(group)
    return str(first) if length == 1 else f"{first}–{first + length - 1}"


@check("SV003", "SV004")
def leader_named(ctx: Context) -> Iterator[Diagnostic]:
    """Each ordforandeskap entry names its chair or its convener, not both nor neither."""
    for document, group in ctx.groups():
        for index, entry in enumerate(group.ordforandeskap or ()):
            if entry.ordforande is None and entry.sammankallande is None:
                yield document.diagnostic(
                    "SV003",
                    f"Raden för {entry.ar} i ordforandeskap saknar ordförande. Lägg till "
                    "ordforande: {namn: …, part: …}, eller sammankallande: {namn: …, part: …} "
                    "om gruppen leds av en sammankallande.",
                    ("ordforandeskap", index, "ar"),
                    key=True,
                )
            elif entry.ordforande is not None and entry.sammankallande is not None:
                yield document.diagnostic(
                    "SV004",
                    f"Raden för {entry.ar} i ordforandeskap har både ordforande och "
                    "sammankallande. Gruppen leds av den ena: ta bort den som inte gäller.",
                    ("ordforandeskap", index, "sammankallande"),
                    key=True,
                )


@check("SV004")
def mandate_cycle(ctx: Context) -> Iterator[Diagnostic]:
    """With mandat: mandatperiod, an entry's ar is the first year of a period."""
    for document, group in ctx.groups():
        for index, entry in enumerate(group.ordforandeskap or ()):
            if not on_cycle(ctx.config, group, entry.ar):
                yield document.diagnostic(
                    "SV004", _off_cycle(ctx.config, entry.ar), ("ordforandeskap", index, "ar")
                )


def _off_cycle(config: Config, year: int) -> str:
    before, after = cycle_years(config, year)
    step = MANDATE_PERIOD_YEARS
    return (
        f"{year} är inget första år i en mandatperiod. Med mandat: mandatperiod gäller en rad "
        f"hela perioden, och perioderna börjar vart fjärde år från mandatperiod_start "
        f"({config.mandatperiod_start}): … {before - step}, {before}, {after} … "
        f"{year} hör till perioden {before}–{after - 1}: skriv ar: {before}, eller ta bort "
        "raden om perioden redan har en."
    )


@check("SV040")
def same_principal(ctx: Context) -> Iterator[Diagnostic]:
    for document, group in ctx.groups():
        if not group.alternerar:
            continue
        for index, entry in enumerate(group.ordforandeskap or ()):
            leader = entry.leader
            for role, label, side in same_side(ctx.config, entry):
                assert leader is not None
                yield document.diagnostic(
                    "SV040",
                    f"{_years(group, entry.ar)}: {LEADER_WORD[leader[0]]} och {label} kommer "
                    f"båda från {_label(side)}. Enligt arbetsordningen ska de komma från olika "
                    f"huvudmän: byt {label}.",
                    ("ordforandeskap", index, role, "part"),
                )


@check("SV041")
def alternation(ctx: Context) -> Iterator[Diagnostic]:
    """The leader's huvudman changes from one term to the next. A group whose leader follows
    another group's (samma_huvudman_som) alternates as that one does: SV044 judges it."""
    for document, group in ctx.groups():
        if not group.alternerar or group.samma_huvudman_som:
            continue
        for _first, term in sorted(terms(ctx.config, group).items()):
            before = previous(ctx.config, group, term)
            side = repeated_side(ctx.config, before, term) if before is not None else None
            if side is not None and before is not None and term.leader is not None:
                yield document.diagnostic(
                    "SV041",
                    _not_alternating(group, term, before, side),
                    ("ordforandeskap", term.index, term.leader[0], "part"),
                )


def _not_alternating(group: Grupp, term: Term, before: Term, side: str) -> str:
    period = term_years(group) > 1
    now = f"under mandatperioden {term.years}" if period else term.years
    then = f"under {before.years}" if period else before.years
    assert term.leader is not None
    if term.leader[0] == "sammankallande":
        return (
            f"Sammankallande {now} kommer från {_label(side)}, precis som {then}. Uppdraget "
            "ska växla mellan huvudmännen: välj en sammankallande från den andra huvudmannen, "
            "eller sätt alternerar: false om gruppen inte växlar."
        )
    return (
        f"Ordföranden {now} kommer från {_label(side)}, precis som {then}. Ordförandeskapet ska "
        "växla mellan huvudmännen: välj en ordförande från den andra huvudmannen, eller sätt "
        "alternerar: false om gruppen inte växlar."
    )


def _due_term(config: Config, group: Grupp, today: date) -> int | None:
    """The latest first year of a term whose last day to choose its leader has passed: the
    term today falls in, or the next one."""
    if not group.ordforande_utses_senast:
        return None
    now = term_start(config, group, today.year)
    passed = [
        year
        for year in (now, now + term_years(group))
        if mandate_deadline(group.ordforande_utses_senast, year) < today
    ]
    return max(passed, default=None)


@check("SV042")
def chair_chosen_in_time(ctx: Context) -> Iterator[Diagnostic]:
    for document, group in ctx.groups():
        year = _due_term(ctx.config, group, ctx.today)
        if year is None or not in_force(group, ctx.today) or _mandat_unread(document, group):
            continue  # a mandat written wrongly is SV004's: its default would mislead here
        entries = group.ordforandeskap or ()
        if str(year) in unread(document, "ordforandeskap", "ar", (e.ar for e in entries)):
            continue  # the term's row is written, and broken: SV004 says so where it stands
        if term_for(ctx.config, group, year) is None:
            deadline = mandate_deadline(group.ordforande_utses_senast or "", year)
            yield document.diagnostic(
                "SV042",
                f"{_who(group, year)} skulle ha utsetts senast {deadline}, men det finns ingen "
                f"rad för {year} i ordforandeskap. Lägg till den ({missing_row(group, year)}).",
                ("ordforande_utses_senast",),
            )


def _mandat_unread(document: Document, group: Grupp) -> bool:
    """`mandat` is written but could not be read (SV004 says so): the model's default, a
    yearly mandate, is not what the group said."""
    written = document.raw.get("mandat")
    return written is not None and fold(str(written)) != group.mandat


def _who(group: Grupp, year: int) -> str:
    role = "Sammankallande" if led_by_convener(group) else "Ordförande"
    if term_years(group) > 1:
        return f"{role} för mandatperioden {_years(group, year)}"
    return f"{role} för {year}"


@check("SV044")
def follows_other_group(ctx: Context) -> Iterator[Diagnostic]:
    """samma_huvudman_som: the leader comes from the huvudman that leads the other group."""
    for document, group in ctx.groups():
        if group.samma_huvudman_som == group.id:
            yield document.diagnostic(
                "SV044",
                f"samma_huvudman_som pekar på gruppen själv ({group.id}). Ange den grupp vars "
                "ordförande bestämmer vilken huvudman som leder den här gruppen, eller ta bort "
                "samma_huvudman_som.",
                ("samma_huvudman_som",),
            )
            continue
        other = ctx.repo.group(group.samma_huvudman_som) if group.samma_huvudman_som else None
        if other is None:
            continue  # not named, or no such group (SV012)
        for term in terms(ctx.config, group).values():
            found = _first_mismatch(ctx.config, term, other)
            if found is not None and term.leader is not None:
                yield document.diagnostic(
                    "SV044",
                    _other_side(ctx, term, other, *found),
                    ("ordforandeskap", term.index, term.leader[0], "part"),
                )


def _first_mismatch(config: Config, term: Term, other: Grupp) -> tuple[int, Term] | None:
    """(year, the other group's term) for the first year of `term` whose leader comes from
    another huvudman than the other group's; years it has no leader for are not judged."""
    side = leader_side(config, term)
    for year in range(term.first, term.last + 1):
        theirs = term_for(config, other, year)
        found = leader_side(config, theirs)
        if side is not None and found is not None and side != found and theirs is not None:
            return year, theirs
    return None


def _other_side(ctx: Context, term: Term, other: Grupp, year: int, theirs: Term) -> str:
    assert term.leader is not None and theirs.leader is not None
    word = LEADER_WORD[term.leader[0]]
    side = _label(leader_side(ctx.config, term) or "")
    their_side = _label(leader_side(ctx.config, theirs) or "")
    their_word = "ordföranden" if theirs.leader[0] == "ordforande" else "sammankallande"
    return (
        f"{word.capitalize()} {term.years} kommer från {side}, men {their_word} i {other.titel} "
        f"({other.id}) kommer {year} från {their_side}. Enligt samma_huvudman_som ska {word} "
        f"komma från samma huvudman: välj {word} från {their_side}, eller ta bort "
        f"samma_huvudman_som om gruppen inte följer {other.id}."
    )
