"""Small pieces of the site behind issue 13 (tests/cli/test_site_rough_edges.py shows them on
pages): dates kept whole and the decision with a place for the group's name."""

from __future__ import annotations

from datetime import date

from samverkan_cli import forteckning
from samverkan_cli.loading.document import Document
from samverkan_cli.model.documents import Faststalld, Styrdokument
from samverkan_cli.site import build


def test_dates_are_kept_whole_and_the_rest_escaped():
    assert str(build.whole_dates("<b> 2026-09-15 & 2027-06-30")) == (
        '&lt;b&gt; <span class="nowrap">2026-09-15</span> &amp; '
        '<span class="nowrap">2027-06-30</span>'
    )


def _entry(**fields) -> forteckning.Entry:
    model = Styrdokument.model_construct(
        id="RUT-0001", typ="rutin", titel="Rutin", status="beslutad", **fields
    )
    return forteckning.Entry(
        Document("dokument/RUT-0001.md"),
        model,
        True,
        None,
        False,
        False,
        False,
        forteckning.decision_text(model),
    )


def test_the_decision_keeps_the_words_of_the_förteckning_with_a_place_for_the_group():
    adopted = Faststalld.model_construct(av="bg", datum=date(2026, 9, 15), paragraf="41")
    e = _entry(faststalld=adopted, beslut=None, undertecknare=None)
    assert e.decision == "Fastställd av bg 2026-09-15 § 41"  # list and the exports read this
    assert build.decision(e) == build.Decision("Fastställd av ", "bg", " 2026-09-15 § 41")


def test_a_decision_by_no_group_is_the_förteckning_s_words():
    adopted = Faststalld.model_construct(av="", datum=date(2026, 9, 15), paragraf=None)
    e = _entry(faststalld=adopted, beslut=None, undertecknare=None)
    assert build.decision(e) == build.Decision("Fastställd 2026-09-15")
