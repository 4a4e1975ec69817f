"""Meetings: as many as the working order asks (SV043), agendas sent in time (SV045), and none
recorded after the group ended (SV046).

A meeting is one date of one group, however many records it has; a record dated after today is
a meeting planned, not held (arbetsordning.held).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from samverkan_cli.arbetsordning import first_day, held, months_left, required_in
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.lifecycle import last_day, period_name, period_of, plus_days
from samverkan_cli.loading.document import Document
from samverkan_cli.model.documents import Grupp, MotenMinst, MoteRecord
from samverkan_cli.model.vocabulary import DECIDED_STATUSES, ENDED_STATUSES, MONTHS
from samverkan_cli.rules.registry import Context, check


@check("SV043")
def meetings_held(ctx: Context) -> Iterator[Diagnostic]:
    judged = ctx.groups_in_focus()
    days: dict[str, list[date]] = {}
    for _document, meeting in ctx.meetings() if judged else ():
        days.setdefault(meeting.grupp, []).append(meeting.datum)
    for document, group in judged:
        if group.moten_minst is None or group.status not in DECIDED_STATUSES:
            continue
        found = held(days.get(group.id, ()), ctx.today)
        yield from _short_periods(ctx, document, group, group.moten_minst, found)


def _short_periods(
    ctx: Context, document: Document, group: Grupp, minimum: MotenMinst, days: list[date]
) -> Iterator[Diagnostic]:
    """Each finished year or term (while the group applied) with fewer meetings than asked."""
    start = first_day(group, days)
    if start is None:
        return
    ended = last_day(group)
    end = min(ctx.today, plus_days(ended, 1)) if ended is not None else ctx.today
    period = period_of(start, minimum.per)
    while period[1] < end:
        count = sum(1 for day in days if max(period[0], start) <= day <= period[1])
        required = required_in(minimum, start, period)
        if count < required:
            yield document.diagnostic(
                "SV043",
                _too_few(group, minimum, start, period, count, required),
                ("moten_minst",),
                key=True,
            )
        period = period_of(plus_days(period[1], 1), minimum.per)


def _meetings(count: int) -> str:
    return "inga möten" if count == 0 else f"{count} {'möte' if count == 1 else 'möten'}"


def _times(count: int) -> str:
    return f"{count} {'gång' if count == 1 else 'gånger'}"


def _too_few(
    group: Grupp,
    minimum: MotenMinst,
    start: date,
    period: tuple[date, date],
    count: int,
    required: int,
) -> str:
    unit = "år" if minimum.per == "ar" else "termin"
    said = (
        f"Under {period_name(period[0], minimum.per)} hölls {_meetings(count)}, men gruppen "
        "ska mötas minst "
    )
    share = months_left(start, period)
    if share is None or share[0] == share[1]:
        said += f"{_times(minimum.antal)} per {unit}."
    else:
        left, months = share
        since = "då gruppen bildades" if group.bildad else "då gruppens första möte hölls"
        said += (
            f"{_times(required)} {'det året' if minimum.per == 'ar' else 'den terminen'}: "
            f"{minimum.antal} per {unit}, i proportion till de {left} av {months} månader som "
            f"återstod från {MONTHS[start.month - 1]} {start.year}, {since}."
        )
    return (
        f"{said} Lägg till de möten som saknas under moten/ (en fil per möte), eller ändra "
        "moten_minst om arbetsordningen har ändrats."
    )


@check("SV045")
def agenda_in_time(ctx: Context) -> Iterator[Diagnostic]:
    for document, meeting in ctx.meetings_in_focus():
        group = ctx.repo.group(meeting.grupp)
        if meeting.utskickad is None or group is None or group.dagordning_dagar_fore is None:
            continue
        if meeting.utskickad > ctx.today:
            continue  # not sent yet: SV024 says the date lies ahead
        if (meeting.datum - meeting.utskickad).days < group.dagordning_dagar_fore:
            yield document.diagnostic("SV045", _late_agenda(group, meeting), ("utskickad",))


def _late_agenda(group: Grupp, meeting: MoteRecord) -> str:
    assert meeting.utskickad is not None and group.dagordning_dagar_fore is not None
    ahead = (meeting.datum - meeting.utskickad).days
    when = (
        f"{ahead} {'dag' if ahead == 1 else 'dagar'} före mötet"
        if ahead > 0
        else "samma dag som mötet"
        if ahead == 0
        else "efter mötet"
    )
    latest = plus_days(meeting.datum, -group.dagordning_dagar_fore)
    return (
        f"Dagordningen till mötet {meeting.datum} skickades ut {meeting.utskickad}, {when}, men "
        f"{group.titel} ska få den minst {group.dagordning_dagar_fore} dagar före mötet "
        f"(dagordning_dagar_fore), alltså senast {latest}. Skicka ut dagordningen i tid till "
        "nästa möte, eller rätta utskickad om datumet är fel."
    )


def _ended(group: Grupp, today: date) -> tuple[date, str] | None:
    """(the last day, how a sentence says it ended) for a group that has ended: upphävd or
    ersatt, or its giltig_till has passed."""
    last = last_day(group)
    passed = group.giltig_till is not None and group.giltig_till < today
    if last is None or not (group.status in ENDED_STATUSES or passed):
        return None
    if group.upphavd_datum is not None and plus_days(group.upphavd_datum, -1) == last:
        return last, f"upphörde att gälla {group.upphavd_datum}"
    return last, f"gällde till och med {last}"


@check("SV046")
def after_the_end(ctx: Context) -> Iterator[Diagnostic]:
    records: dict[str, list[tuple[Document, MoteRecord]]] = {}
    for document, meeting in ctx.meetings_in_focus():
        records.setdefault(meeting.grupp, []).append((document, meeting))
    for document, group in ctx.groups():
        ended = _ended(group, ctx.today)
        if ended is None:
            continue
        last, how = ended
        for index, entry in enumerate(group.ordforandeskap or ()):
            if entry.ar > last.year:
                yield document.diagnostic(
                    "SV046",
                    f"ordforandeskap har en rad för {entry.ar}, men gruppen {how}. Ta bort "
                    "raden, eller ändra gruppens slutdatum om gruppen finns kvar.",
                    ("ordforandeskap", index, "ar"),
                )
        for record, meeting in records.get(group.id, ()):
            if meeting.datum > last:
                yield record.diagnostic(
                    "SV046",
                    f"Mötet {meeting.datum} är registrerat på {group.titel} ({group.id}), men "
                    f"gruppen {how}. Ange under grupp: den grupp som höll mötet, t.ex. den som "
                    "tog över uppdraget, eller rätta datumet.",
                    ("datum",),
                )
