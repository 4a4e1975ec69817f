"""A group's working order (arbetsordning): chairs that alternate between the huvudmän, and
the least number of meetings. One home for what SV040, SV041, SV043, the report and the group
page each judge, so that a county's rule is changed in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from samverkan_cli.config import Config
from samverkan_cli.model.documents import MotenMinst, Ordforandeskap

#: The roles that must come from another huvudman than the chair, with their Swedish names.
OTHER_SIDE: Final = (("vice", "vice ordförande"), ("sekreterare", "sekreterare"))


def same_side(config: Config, term: Ordforandeskap) -> Iterator[tuple[str, str, str]]:
    """(role, role's Swedish name, huvudman) for each role held by the chair's own huvudman."""
    chair = config.huvudman(term.ordforande.part)
    if chair is None:
        return
    for role, label in OTHER_SIDE:
        other = getattr(term, role)
        if other is not None and config.huvudman(other.part) == chair:
            yield role, label, chair


def repeated_side(config: Config, previous: Ordforandeskap, term: Ordforandeskap) -> str | None:
    """The huvudman when the chair of `term` comes from the same one as the chair before."""
    now = config.huvudman(term.ordforande.part)
    return now if now is not None and now == config.huvudman(previous.ordforande.part) else None


def alternation_holds(config: Config, terms: list[Ordforandeskap], year: int) -> bool:
    """The working order holds for `year` and the year after: no role on the chair's side, and
    the chair's huvudman changes from the year before."""
    by_year = {term.ar: term for term in terms}
    for ar in (year, year + 1):
        term = by_year.get(ar)
        if term is None:
            continue
        previous = by_year.get(ar - 1)
        if any(same_side(config, term)) or (
            previous is not None and repeated_side(config, previous, term)
        ):
            return False
    return True


def meetings_per_year(minimum: MotenMinst | None) -> int | None:
    """The least number of meetings in a year (a per-term minimum counts twice)."""
    if minimum is None:
        return None
    return minimum.antal * (2 if minimum.per == "termin" else 1)
