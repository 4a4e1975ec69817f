"""When a document applies and when it is due for review (SPEC §3 and §6 definitions)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from samverkan_cli.config import Config
from samverkan_cli.model.documents import Common
from samverkan_cli.model.vocabulary import DECIDED_STATUSES


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month (01-31 + 1 → 02-28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not date.min.year <= year <= date.max.year:
        return date.max if months > 0 else date.min
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plus_days(day: date, days: int) -> date:
    """`day` + `days`, saturating at the calendar's ends instead of raising."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def in_force(model: Common, day: date) -> bool:
    """Decided, started, not past giltig_till, and not yet repealed on `day`."""
    if model.status not in DECIDED_STATUSES or model.giltig_fran is None:
        return False
    if model.giltig_fran > day or (model.giltig_till is not None and day > model.giltig_till):
        return False
    return model.upphavd_datum is None or day < model.upphavd_datum


def last_day(model: Common) -> date | None:
    """The last day a document applies: the day before upphavd_datum, else giltig_till
    (None: tills vidare)."""
    ends = [model.giltig_till] if model.giltig_till is not None else []
    if model.upphavd_datum is not None:
        ends.append(plus_days(model.upphavd_datum, -1))
    return min(ends, default=None)


def expired(model: Common, today: date) -> bool:
    """Beslutad, and its validity has run out (SV021): its expiry is what to act on, and it
    has no review due (SPEC §8.3)."""
    return (
        model.status == "beslutad" and model.giltig_till is not None and model.giltig_till < today
    )


def next_review(model: Common, config: Config) -> date | None:
    """nasta_granskning, else the latest of the last review and the last revision (or else the
    start) plus the interval for the typ: a revision is a review too (SPEC §8.3)."""
    if model.nasta_granskning is not None:
        return model.nasta_granskning
    looked_at = [d for d in (model.senast_granskad, model.senast_reviderad) if d is not None]
    base = max(looked_at) if looked_at else model.giltig_fran
    if base is None:
        return None
    return add_months(base, model.granskningsintervall or config.interval(model.typ))


def decision_dates(model: Common) -> list[date]:
    """Every recorded decision, adoption and signature date."""
    dates = [b.datum for b in model.beslut or ()]
    dates += [u.datum for u in model.undertecknare or () if u.datum is not None]
    if model.faststalld is not None:
        dates.append(model.faststalld.datum)
    return dates


def decided_on(model: Common) -> date | None:
    """The day a document was decided: the latest of its decision, adoption and signature dates."""
    return max(decision_dates(model), default=None)


def period_of(day: date, per: str) -> tuple[date, date]:
    """The year, or the term (VT Jan–Jun, HT Jul–Dec), that `day` falls in."""
    if per == "ar":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if day.month <= 6:
        return date(day.year, 1, 1), date(day.year, 6, 30)
    return date(day.year, 7, 1), date(day.year, 12, 31)


def period_name(start: date, per: str) -> str:
    if per == "ar":
        return str(start.year)
    return f"{'VT' if start.month == 1 else 'HT'} {start.year}"


def mandate_deadline(month_day: str, year: int) -> date:
    """The last day to choose the chair for mandate `year`: July–December fall in the year before."""
    month, day = (int(part) for part in month_day.split("-"))
    target_year = min(max(year - 1 if month >= 7 else year, date.min.year), date.max.year)
    return date(target_year, month, min(day, calendar.monthrange(target_year, month)[1]))
