"""Identity numbers are found; look-alikes (dates, phones, org numbers, diarienummer) are not."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from samverkan_cli import personnummer
from samverkan_cli.personnummer import find, mask


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("19121212-1212", "personnummer"),
        ("121212-1212", "personnummer"),
        ("1212121212", "personnummer"),
        ("191212121212", "personnummer"),
        ("121212+1212", "personnummer"),
        (f"701272-123{luhn.calc_check_digit('701272123')}", "samordningsnummer"),
        (f"19701272-123{luhn.calc_check_digit('701272123')}", "samordningsnummer"),
        (f"701272-123{(int(luhn.calc_check_digit('701272123')) + 1) % 10}", None),
        (f"701292-123{luhn.calc_check_digit('701292123')}", None),
    ],  # day 92 - 60 = 32: no such day
)
def test_found(text, kind):
    found = list(find(f"Text {text} text"))
    assert [f.kind for f in found] == ([kind] if kind else [])


@pytest.mark.parametrize(
    "text",
    [
        "19121212-1213",
        "222000-1701",
        "2015-03-18",
        "KS 2015/2121",
        "Dnr 2010/0003",
        "070-123 45 67",
        "tel 0701234567",
        "Telefon: 0701234567",
        "+46701234567",
        "20150318",
        "121312-1212",
        "12121212121212",
    ],
)
def test_not_found(text):
    assert list(find(f"Text {text} text")) == []


def test_offset_and_mask():
    found = next(find("ab 19121212-1212"))
    assert found.offset == 3
    assert mask(found.text) == "19121212-****"


PIECES = [
    "121212-1212",
    "19121212-1212",
    "1212121212",
    "tel ",
    "٣",
    "0",
    "9",
    "-",
    "+",
    " ",
    "å",
    "\n",
]


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
@settings(max_examples=500, deadline=None)
def test_the_prefilter_never_hides_a_number(text):
    """The fast six-digit check only skips texts the full pattern would find nothing in."""
    unfiltered = [
        m.start()
        for m in personnummer._CANDIDATE.finditer(text)
        if not personnummer._looks_like_phone(text, m.start()) and personnummer._kind(m)
    ]
    assert [found.offset for found in personnummer.find(text)] == unfiltered
