"""Dates: impossible orders, expiry, reviews due and overdue, dates in the future, and action
plans behind their dates (SV020–SV025)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from samverkan_cli import antagande
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.lifecycle import expired, next_review, plus_days
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.scalars import Loc
from samverkan_cli.model.documents import Common, Grupp, Handlingsplan
from samverkan_cli.model.vocabulary import AKTIVITETSSTATUS, DONE_ACTIVITIES, ENDED_STATUSES
from samverkan_cli.rules.registry import Context, check

#: (earlier, later, how to say it): pairs of fields that must come in this order.
_ORDER = (
    ("giltig_fran", "giltig_till", "giltig_till ({late}) är före giltig_fran ({early})"),
    ("giltig_fran", "upphavd_datum", "upphavd_datum ({late}) är före giltig_fran ({early})"),
    (
        "senast_granskad",
        "nasta_granskning",
        "nasta_granskning ({late}) är före senast_granskad ({early})",
    ),
    ("start", "slut", "projektets slut ({late}) är före start ({early})"),
)


@check("SV020")
def impossible_order(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        for early_name, late_name, text in _ORDER:
            early, late = getattr(model, early_name, None), getattr(model, late_name, None)
            if early is not None and late is not None and late < early:
                message = text.format(early=early, late=late)
                yield document.diagnostic(
                    "SV020",
                    f"Datumen går inte ihop: {message}. Rätta ett av datumen.",
                    (late_name,),
                )
        block = antagande.plan(model)
        if block and block.rekommendation and block.svara_senast < block.rekommendation.datum:
            yield document.diagnostic(
                "SV020",
                f"Datumen går inte ihop: svara_senast ({block.svara_senast}) är före "
                f"rekommendationen ({block.rekommendation.datum}). Rätta ett av datumen.",
                ("antagande", "svara_senast"),
            )


@check("SV021")
def expiry(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        if expired(model, ctx.today):
            yield document.diagnostic(
                "SV021",
                f"Giltighetstiden gick ut {model.giltig_till} men status är fortfarande beslutad. "
                "Förläng giltig_till efter nytt beslut, eller sätt status: upphavd (eller ersatt) "
                "med upphavd_datum.",
                ("giltig_till",),
            )


def _review_loc(model: Common) -> Loc:
    """Where the review date comes from: the field to change when the review is done."""
    if model.nasta_granskning is not None:
        return ("nasta_granskning",)
    written = [
        (day, name)
        for name in ("senast_granskad", "senast_reviderad")
        if (day := getattr(model, name)) is not None
    ]
    if written:
        return (max(written)[1],)
    return ("giltig_fran",) if model.giltig_fran is not None else ("status",)


@check("SV022", "SV023")
def reviews(ctx: Context) -> Iterator[Diagnostic]:
    horizon = plus_days(ctx.today, ctx.config.varna_dagar)
    for document, model in ctx.modelled():
        if model.status != "beslutad" or expired(model, ctx.today):
            continue  # an expired document's expiry is the finding (SV021), not its review
        due = next_review(model, ctx.config)
        if due is not None and due < ctx.today:
            yield document.diagnostic(
                "SV022",
                f"Granskningen är försenad: den skulle ha gjorts senast {due}. Granska dokumentet "
                "och skriv dagens datum i senast_granskad.",
                _review_loc(model),
            )
        elif due is not None and due <= horizon:
            yield document.diagnostic(
                "SV023",
                f"Dags för granskning snart: senast {due}. Planera granskningen och skriv sedan "
                "datumet i senast_granskad.",
                _review_loc(model),
            )
        yield from _expiry_soon(document, model, ctx.today, horizon)


def _expiry_soon(
    document: Document, model: Common, today: date, horizon: date
) -> Iterator[Diagnostic]:
    end = model.giltig_till
    if end is not None and today <= end <= horizon:
        yield document.diagnostic(
            "SV023",
            f"Dokumentet slutar gälla {end}. Besluta om förlängning eller ett nytt dokument i tid.",
            ("giltig_till",),
        )


def _recorded_dates(model: Common) -> Iterator[tuple[Loc, date]]:
    """Dates that record something that has happened: decisions, signatures, reviews."""
    for name in ("beslut", "undertecknare", "stallningstaganden"):
        for index, entry in enumerate(getattr(model, name) or ()):
            if entry.datum is not None:
                yield (name, index, "datum"), entry.datum
    if model.faststalld is not None:
        yield ("faststalld", "datum"), model.faststalld.datum
    for name in ("senast_granskad", "senast_reviderad"):
        if getattr(model, name) is not None:
            yield (name,), getattr(model, name)
    if isinstance(model, Grupp):
        for index, term in enumerate(model.ordforandeskap or ()):
            yield ("ordforandeskap", index, "utsedd"), term.utsedd
    block = antagande.plan(model)
    if block is not None and block.rekommendation is not None:
        yield ("antagande", "rekommendation", "datum"), block.rekommendation.datum


@check("SV024")
def future_records(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        for loc, day in _recorded_dates(model):
            if day > ctx.today:
                yield document.diagnostic(
                    "SV024",
                    f"Datumet {day} i '{_name(loc)}' ligger i framtiden. Ett beslut, en underskrift "
                    "eller en granskning kan inte vara gjord ännu: rätta datumet.",
                    loc,
                )
    for document, meeting in ctx.meetings_in_focus():
        if meeting.utskickad is not None and meeting.utskickad > ctx.today:
            yield document.diagnostic(
                "SV024",
                f"Datumet {meeting.utskickad} i 'utskickad' ligger i framtiden. Skriv in dagen "
                "då dagordningen skickades ut, när den har skickats.",
                ("utskickad",),
            )


def _name(loc: Loc) -> str:
    from samverkan_cli.loading.check import describe

    return describe(loc)


@check("SV025")
def late_activities(ctx: Context) -> Iterator[Diagnostic]:
    """An action plan's activity past its date and not done with: what the forum follows up."""
    for document, model in ctx.modelled():
        if not isinstance(model, Handlingsplan) or model.status in ENDED_STATUSES:
            continue
        for index, activity in enumerate(model.aktiviteter or ()):
            if activity.status in DONE_ACTIVITIES or activity.klart >= ctx.today:
                continue
            yield document.diagnostic(
                "SV025",
                f"Aktiviteten '{activity.aktivitet}' skulle vara klar {activity.klart} men har "
                f"status {AKTIVITETSSTATUS[activity.status].lower()}. Sätt status: klar när den är "
                "gjord, status: installd (med en kommentar) om den inte blir av, eller flytta "
                "klart till det nya datumet.",
                ("aktiviteter", index, "klart"),
            )
