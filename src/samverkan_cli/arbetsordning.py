"""A group's working order (arbetsordning): who leads it for which years, chairs that alternate
between the huvudmän, and the least number of meetings. One home for what SV040–SV046, the
report, the group page and `todo` each judge, so that a county's rule is changed in one place.

A group's mandate (`mandat`) is a year, or a four-year mandate period whose first years are those
that differ from `mandatperiod_start` by a multiple of four: an `ordforandeskap` entry then covers
its period, and alternation compares period with period.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Final

from samverkan_cli.config import Config
from samverkan_cli.lifecycle import period_of
from samverkan_cli.model.documents import Grupp, MotenMinst, Ordforandeskap, Person
from samverkan_cli.model.vocabulary import MANDATE_PERIOD_YEARS

#: The roles that must come from another huvudman than the leader, with their Swedish names.
OTHER_SIDE: Final = (("vice", "vice ordförande"), ("sekreterare", "sekreterare"))
#: The leader's role as a sentence names it.
LEADER_WORD: Final = {"ordforande": "ordförande", "sammankallande": "sammankallande"}


def term_years(group: Grupp) -> int:
    """How many years one `ordforandeskap` entry covers: 1, or 4 for a mandate period."""
    return MANDATE_PERIOD_YEARS if group.mandat == "mandatperiod" else 1


def on_cycle(config: Config, group: Grupp, year: int) -> bool:
    """Whether a term of `group` may start in `year` (every year does for yearly mandates)."""
    return (year - config.mandatperiod_start) % term_years(group) == 0


def term_start(config: Config, group: Grupp, year: int) -> int:
    """The first year of the term that `year` falls in."""
    return year - (year - config.mandatperiod_start) % term_years(group)


def cycle_years(config: Config, year: int) -> tuple[int, int]:
    """The first years of the mandate periods on either side of an off-cycle `year`."""
    before = year - (year - config.mandatperiod_start) % MANDATE_PERIOD_YEARS
    return before, before + MANDATE_PERIOD_YEARS


@dataclass(frozen=True, slots=True)
class Term:
    """One `ordforandeskap` entry as the rules read it: its place in the list and its years."""

    index: int
    entry: Ordforandeskap
    first: int
    last: int

    @property
    def leader(self) -> tuple[str, Person] | None:
        return self.entry.leader

    @property
    def years(self) -> str:
        """'2026', or '2023–2026' for a mandate period."""
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"

    def covers(self, year: int) -> bool:
        return self.first <= year <= self.last


def terms(config: Config, group: Grupp) -> dict[int, Term]:
    """The group's terms by first year. An entry off the mandate cycle is left out (SV004 says
    where it stands); of two entries for one term the later in the file counts."""
    length = term_years(group)
    return {
        entry.ar: Term(index, entry, entry.ar, entry.ar + length - 1)
        for index, entry in enumerate(group.ordforandeskap or ())
        if on_cycle(config, group, entry.ar)
    }


def term_for(config: Config, group: Grupp, year: int) -> Term | None:
    """The term that covers `year`, if it is recorded."""
    return terms(config, group).get(term_start(config, group, year))


def previous(config: Config, group: Grupp, term: Term) -> Term | None:
    return terms(config, group).get(term.first - term_years(group))


def led_by_convener(group: Grupp) -> bool:
    """Whether the group is led by a sammankallande rather than a chair: its latest entry
    names one, or (no entry yet) a member has that role."""
    entries = sorted(group.ordforandeskap or (), key=lambda e: e.ar)
    if entries:
        return entries[-1].ordforande is None and entries[-1].sammankallande is not None
    return any(member.roll == "sammankallande" for member in group.ledamoter or ())


def missing_row(group: Grupp, year: int) -> str:
    """The fields of the ordforandeskap row to write for `year`, as a message names them."""
    if led_by_convener(group):
        return f"ar: {year}, sammankallande, utsedd"
    return f"ar: {year}, ordforande, vice, utsedd"


def leader_side(config: Config, term: Term | None) -> str | None:
    """The huvudman the term's leader comes from (None: no term, no leader, unknown party)."""
    found = term.leader if term is not None else None
    return config.huvudman(found[1].part) if found is not None else None


def same_side(config: Config, entry: Ordforandeskap) -> Iterator[tuple[str, str, str]]:
    """(role, role's Swedish name, huvudman) for each role held by the leader's own huvudman."""
    found = entry.leader
    side = config.huvudman(found[1].part) if found is not None else None
    if side is None:
        return
    for role, label in OTHER_SIDE:
        other = getattr(entry, role)
        if other is not None and config.huvudman(other.part) == side:
            yield role, label, side


def repeated_side(config: Config, before: Term, term: Term) -> str | None:
    """The huvudman when the leader of `term` comes from the same one as the leader before."""
    now = leader_side(config, term)
    return now if now is not None and now == leader_side(config, before) else None


def alternation_holds(config: Config, group: Grupp, year: int) -> bool:
    """The working order holds for `year` and the year after: no role on the leader's side, and
    the leader's huvudman changes from the term before."""
    for ar in (year, year + 1):
        term = term_for(config, group, ar)
        if term is None:
            continue
        before = previous(config, group, term)
        if any(same_side(config, term.entry)) or (
            before is not None and repeated_side(config, before, term)
        ):
            return False
    return True


def meetings_per_year(minimum: MotenMinst | None) -> int | None:
    """The least number of meetings in a year (a per-term minimum counts twice)."""
    if minimum is None:
        return None
    return minimum.antal * (2 if minimum.per == "termin" else 1)


def _month(day: date) -> int:
    return day.year * 12 + day.month


def months_left(start: date, period: tuple[date, date]) -> tuple[int, int] | None:
    """(months left, months in the period) when the group started inside `period`: whole
    calendar months from the month of `start` to the period's end, that month included."""
    begin, end = period
    if not begin <= start <= end:
        return None
    return _month(end) - _month(start) + 1, _month(end) - _month(begin) + 1


def required_in(minimum: MotenMinst, start: date | None, period: tuple[date, date]) -> int:
    """The least number of meetings in one year or term: in the period the group started in,
    in proportion to the months left (ceil(antal × left / months)); none before it started."""
    if start is not None and start > period[1]:
        return 0
    share = months_left(start, period) if start is not None else None
    if share is None:
        return minimum.antal
    left, months = share
    return math.ceil(minimum.antal * left / months)


def required_in_year(minimum: MotenMinst | None, start: date | None, year: int) -> int | None:
    """The least number of meetings in `year` (its two terms for a per-term minimum)."""
    if minimum is None:
        return None
    periods = [period_of(date(year, 1, 1), minimum.per)]
    if minimum.per == "termin":
        periods.append(period_of(date(year, 7, 1), "termin"))
    return sum(required_in(minimum, start, period) for period in periods)


def first_day(group: Grupp, held: Iterable[date]) -> date | None:
    """Where meetings are counted from: `bildad`, else the group's first meeting."""
    return group.bildad or min(held, default=None)


def held(days: Iterable[date], today: date) -> list[date]:
    """The meetings held by `today`: one a date, however many records it has (a dagordning
    and the minnesanteckningar of one meeting count once); a record dated later is planned."""
    return sorted({day for day in days if day <= today})
