"""Citations are read for their SFS (or other series) number, or by short name as of a date."""

from __future__ import annotations

from datetime import date

import pytest

from samverkan_cli.lagrum import combine, parse_registry, shipped_text
from samverkan_cli.loading import yamlread

LAWS = combine(parse_registry(yamlread.load(shipped_text()).value), None)


@pytest.mark.parametrize(
    ("citation", "key"),
    [
        ("HSL (2017:30) 16 kap. 4 §", "SFS 2017:30"),
        ("SFS 1982:763", "SFS 1982:763"),
        ("SOSFS 2007:10", "SOSFS 2007:10"),
        ("Socialtjänstlagen (2001:453) 2 kap. 7 §", "SFS 2001:453"),
        ("lag (2017:612) om samverkan vid utskrivning", "SFS 2017:612"),
    ],
)
def test_by_number(citation, key):
    resolved = LAWS.resolve(citation, date(2026, 1, 1))
    assert resolved is not None and resolved[0] == key


@pytest.mark.parametrize(
    ("citation", "on", "key"),
    [
        ("SoL 5 kap. 8 a §", date(2015, 1, 1), "SFS 2001:453"),
        ("SoL 2 kap. 7 §", date(2025, 9, 1), "SFS 2025:400"),
        ("HSL 16 kap. 4 §", date(2020, 1, 1), "SFS 2017:30"),
        ("3 f § HSL", date(2010, 1, 1), "SFS 1982:763"),
        ("LSS 9 §", date(2020, 1, 1), "SFS 1993:387"),
    ],
)
def test_by_short_name_as_of_the_documents_date(citation, on, key):
    resolved = LAWS.resolve(citation, on)
    assert resolved is not None and resolved[0] == key


def test_unknown_laws_are_not_guessed():
    assert LAWS.resolve("Arbetsmiljölagen (1977:1160)", date(2026, 1, 1)) is None
    assert LAWS.resolve("Arbetsmiljölagen", date(2026, 1, 1)) is None
    # A name with a number the registry does not know is that number (SV054), not the name.
    assert LAWS.resolve("Socialtjänstlagen 2001:763", date(2026, 1, 1)) is None


def test_replacements_point_at_registered_laws():
    for key, law in LAWS.laws.items():
        if law.ersatt_av:
            assert law.ersatt_av in LAWS.laws, key
            assert law.upphavd_datum is not None, key
