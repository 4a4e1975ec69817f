"""When a document applies and when it is due (SPEC §3 and §6), day by day at the edges."""

from __future__ import annotations

from datetime import date

import pytest

from samverkan_cli import lifecycle
from samverkan_cli.config import Config
from samverkan_cli.model.documents import Styrdokument

CONFIG = Config.model_validate({"namn": "Län", "parter": {"r": {"namn": "R", "typ": "region"}}})


def rutin(**fields: object) -> Styrdokument:
    data = {"id": "RUT-0001", "typ": "rutin", "titel": "Rutin", "status": "beslutad"}
    return Styrdokument.model_validate({**data, **fields})


@pytest.mark.parametrize(
    ("fields", "day", "expected"),
    [
        ({"giltig_fran": "2026-01-01"}, date(2025, 12, 31), False),
        ({"giltig_fran": "2026-01-01"}, date(2026, 1, 1), True),
        ({"giltig_fran": "2026-01-01", "giltig_till": "2026-06-30"}, date(2026, 6, 30), True),
        ({"giltig_fran": "2026-01-01", "giltig_till": "2026-06-30"}, date(2026, 7, 1), False),
        ({"giltig_fran": "2026-01-01", "upphavd_datum": "2026-03-01"}, date(2026, 2, 28), True),
        ({"giltig_fran": "2026-01-01", "upphavd_datum": "2026-03-01"}, date(2026, 3, 1), False),
        ({"giltig_fran": "2026-01-01", "status": "upphavd"}, date(2026, 2, 1), True),
        ({"giltig_fran": "2026-01-01", "status": "utkast"}, date(2026, 2, 1), False),
        ({"status": "beslutad"}, date(2026, 2, 1), False),
    ],
)
def test_in_force(fields, day, expected):
    assert lifecycle.in_force(rutin(**fields), day) is expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"nasta_granskning": "2027-05-01", "senast_granskad": "2020-01-01"}, date(2027, 5, 1)),
        ({"senast_granskad": "2026-01-31"}, date(2027, 1, 31)),
        ({"giltig_fran": "2026-01-31", "granskningsintervall": 1}, date(2026, 2, 28)),
        ({}, None),
    ],
)
def test_next_review(fields, expected):
    assert lifecycle.next_review(rutin(**fields), CONFIG) == expected


def test_dates_saturate_instead_of_raising():
    assert lifecycle.add_months(date(9999, 12, 1), 1200) == date.max
    assert lifecycle.add_months(date(1, 1, 1), -1) == date.min
    assert lifecycle.plus_days(date.max, 1) == date.max


def test_decided_on_is_the_latest_decision():
    model = rutin(
        beslut=[{"instans": "SN", "datum": "2026-01-05"}],
        faststalld={"av": "bg", "datum": "2026-02-01"},
    )
    assert lifecycle.decided_on(model) == date(2026, 2, 1)
    assert lifecycle.decided_on(rutin()) is None


@pytest.mark.parametrize(
    ("day", "per", "expected"),
    [
        (date(2026, 6, 30), "termin", (date(2026, 1, 1), date(2026, 6, 30))),
        (date(2026, 7, 1), "termin", (date(2026, 7, 1), date(2026, 12, 31))),
        (date(2026, 7, 1), "ar", (date(2026, 1, 1), date(2026, 12, 31))),
    ],
)
def test_period_of(day, per, expected):
    assert lifecycle.period_of(day, per) == expected


@pytest.mark.parametrize(
    ("month_day", "year", "expected"),
    [
        ("11-30", 2027, date(2026, 11, 30)),
        ("01-31", 2027, date(2027, 1, 31)),
        ("02-29", 2027, date(2027, 2, 28)),
    ],
)
def test_mandate_deadline(month_day, year, expected):
    assert lifecycle.mandate_deadline(month_day, year) == expected
