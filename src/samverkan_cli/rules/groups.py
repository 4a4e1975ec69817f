"""Groups: chairs that alternate between huvudmän, chairs chosen in time, meetings held (SV040–SV043)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from samverkan_cli.arbetsordning import repeated_side, same_side
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.lifecycle import in_force, mandate_deadline, period_name, period_of, plus_days
from samverkan_cli.loading.document import Document
from samverkan_cli.model.documents import Grupp
from samverkan_cli.model.vocabulary import DECIDED_STATUSES
from samverkan_cli.rules.registry import Context, check, unread

_HUVUDMAN_LABEL = {"region": "regionen", "kommun": "kommunerna"}


def _label(huvudman: str) -> str:
    return _HUVUDMAN_LABEL.get(huvudman, huvudman)


@check("SV040")
def same_principal(ctx: Context) -> Iterator[Diagnostic]:
    for document, group in ctx.groups():
        if not group.alternerar:
            continue
        for index, term in enumerate(group.ordforandeskap or ()):
            for role, label, chair in same_side(ctx.config, term):
                yield document.diagnostic(
                    "SV040",
                    f"{term.ar}: ordförande och {label} kommer båda från {_label(chair)}. "
                    f"Enligt arbetsordningen ska de komma från olika huvudmän: byt {label}.",
                    ("ordforandeskap", index, role, "part"),
                )


@check("SV041")
def alternation(ctx: Context) -> Iterator[Diagnostic]:
    for document, group in ctx.groups():
        if not group.alternerar:
            continue
        terms = {term.ar: (index, term) for index, term in enumerate(group.ordforandeskap or ())}
        for year, (index, term) in sorted(terms.items()):
            previous = terms.get(year - 1)
            now = repeated_side(ctx.config, previous[1], term) if previous else None
            if now is not None:
                yield document.diagnostic(
                    "SV041",
                    f"Ordföranden {year} kommer från {_label(now)}, precis som {year - 1}. "
                    "Ordförandeskapet ska växla mellan huvudmännen: välj en ordförande från den andra "
                    "huvudmannen, eller sätt alternerar: false om gruppen inte växlar.",
                    ("ordforandeskap", index, "ordforande", "part"),
                )


def _due_mandate_year(group: Grupp, today: date) -> int | None:
    """The latest mandate year whose last day to choose a chair has passed."""
    if not group.ordforande_utses_senast:
        return None
    passed = [
        year
        for year in (today.year, today.year + 1)
        if mandate_deadline(group.ordforande_utses_senast, year) < today
    ]
    return max(passed, default=None)


@check("SV042")
def chair_chosen_in_time(ctx: Context) -> Iterator[Diagnostic]:
    for document, group in ctx.groups():
        year = _due_mandate_year(group, ctx.today)
        if year is None or not in_force(group, ctx.today):
            continue
        terms = group.ordforandeskap or ()
        if str(year) in unread(document, "ordforandeskap", "ar", (t.ar for t in terms)):
            continue  # the year's row is written, and broken: SV004 says so where it stands
        if all(term.ar != year for term in terms):
            deadline = mandate_deadline(group.ordforande_utses_senast or "", year)
            yield document.diagnostic(
                "SV042",
                f"Ordförande för {year} skulle ha utsetts senast {deadline}, men det finns ingen rad "
                f"för {year} i ordforandeskap. Lägg till den (ar: {year}, ordforande, vice, utsedd).",
                ("ordforande_utses_senast",),
            )


@check("SV043")
def meetings_held(ctx: Context) -> Iterator[Diagnostic]:
    meetings: dict[str, set[date]] = {}
    for _document, meeting in ctx.meetings():
        meetings.setdefault(meeting.grupp, set()).add(meeting.datum)
    for document, group in ctx.groups():
        if group.moten_minst is None or group.status not in DECIDED_STATUSES:
            continue
        yield from _short_periods(ctx, document, group, sorted(meetings.get(group.id, ())))


def _short_periods(
    ctx: Context, document: Document, group: Grupp, held: list[date]
) -> Iterator[Diagnostic]:
    assert group.moten_minst is not None
    per, minimum = group.moten_minst.per, group.moten_minst.antal
    start = group.bildad or (held[0] if held else None)
    if start is None:
        return
    end = min(ctx.today, group.upphavd_datum or ctx.today)
    period_start, period_end = period_of(start, per)
    while period_end < end:
        count = sum(1 for day in held if period_start <= day <= period_end)
        if count < minimum:
            yield document.diagnostic(
                "SV043",
                _too_few(period_name(period_start, per), count, minimum, per),
                ("moten_minst",),
                key=True,
            )
        period_start, period_end = period_of(plus_days(period_end, 1), per)


def _too_few(period: str, count: int, minimum: int, per: str) -> str:
    unit = "år" if per == "ar" else "termin"
    return (
        f"Under {period} finns {count} mötesanteckningar, men gruppen ska mötas minst {minimum} "
        f"gånger per {unit}. Lägg till de möten som saknas under moten/ (en fil per möte), "
        "eller ändra moten_minst om arbetsordningen har ändrats."
    )
