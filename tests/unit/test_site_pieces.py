"""Small pieces of the site behind issue 13 (tests/cli/test_site_rough_edges.py shows them on
pages): dates kept whole, the decision with a place for the group's name, a body's repeated
title, a lagrum as read, and the statement's compliance."""

from __future__ import annotations

from datetime import date

import pytest

from samverkan_cli import forteckning
from samverkan_cli.config import Tillganglighet
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import load_laws
from samverkan_cli.model.documents import Faststalld, Styrdokument
from samverkan_cli.site import build
from samverkan_cli.site.markdown import render, without_title


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


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("# Rutin för SIP\n\nText.\n", "<p>Text.</p>\n"),
        ("#   rutin   för sip  \n\nText.\n", "<p>Text.</p>\n"),  # spaces and case
        ("<!-- anteckning -->\n# Rutin för SIP\n\nText.\n", "<p>Text.</p>\n"),
        ("## Rutin för SIP\n\n## Syfte\n", "<h3>Syfte</h3>\n"),
    ],
)
def test_a_first_heading_that_repeats_the_title_is_left_out(body, kept):
    assert without_title(render(body, lambda _href: None), "Rutin för SIP") == kept


@pytest.mark.parametrize(
    "body",
    [
        "# Bakgrund\n\nText.\n",  # another heading
        "Text först.\n\n# Rutin för SIP\n",  # not the first thing in the body
        "# Rutin för SIP för vuxna\n",  # longer than the title
    ],
)
def test_any_other_heading_stays(body):
    rendered = render(body, lambda _href: None)
    assert without_title(rendered, "Rutin för SIP") == rendered


def test_a_title_with_markup_and_entities_is_recognised():
    rendered = render("# Rutin för *SIP* & plan\n\nText.\n", lambda _href: None)
    assert without_title(rendered, "Rutin för SIP & plan") == "<p>Text.</p>\n"


@pytest.fixture(scope="module")
def laws(tmp_path_factory):
    return load_laws(tmp_path_factory.mktemp("lan"))  # the shipped registry


@pytest.mark.parametrize(
    ("cited", "read"),
    [
        ("HSL (2017:30) 16 kap. 3 §", "Hälso- och sjukvårdslagen (2017:30) 16 kap. 3 §"),
        ("HSL 16 kap. 3 §", "Hälso- och sjukvårdslagen (2017:30) 16 kap. 3 §"),
        ("SoL (2001:453) 5 kap. 8 a §", "Socialtjänstlagen (2001:453) 5 kap. 8 a §"),
        ("HSL (2017:30) 16 kap. 4 § första stycket",
         "Hälso- och sjukvårdslagen (2017:30) 16 kap. 4 § första stycket"),
        ("SoL (2025:400)", "Socialtjänstlagen (2025:400)"),
        ("SOSFS 2007:10", "Socialstyrelsens föreskrifter och allmänna råd (SOSFS 2007:10) om "
         "samordning av insatser för habilitering och rehabilitering"),
        # Named in full already: as written.
        ("Lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård",
         "Lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård"),
        # Named otherwise: as written, the registry's name after it without the number again.
        ("Utskrivningslagen (2017:612)",
         "Utskrivningslagen (2017:612) (Lag om samverkan vid utskrivning från sluten hälso- "
         "och sjukvård)"),
        # Not in the registry: as written.
        ("Lag (1999:999) om något annat", "Lag (1999:999) om något annat"),
    ],
)  # fmt: skip
def test_a_lagrum_reads_with_the_laws_name_and_number_once(laws, cited, read):
    assert build.law_text(laws, cited, date(2026, 11, 24)) == read


def test_a_lagrum_without_a_number_is_the_law_of_its_day(laws):
    assert (
        build.law_text(laws, "SoL 2 kap. 7 §", date(2015, 3, 18))
        == "Socialtjänstlagen (2001:453) 2 kap. 7 §"
    )


@pytest.mark.parametrize(
    ("efterlevnad", "brister", "said"),
    [
        ("delvis", [], "full"),  # the default, with nothing listed
        ("full", [], "full"),
        ("delvis", ["Bilagor"], "delvis"),
        ("full", ["Bilagor"], "delvis"),  # a listed shortcoming is never fully compliant
        ("ingen", [], "ingen"),
        ("ingen", ["Bilagor"], "ingen"),
    ],
)
def test_the_statement_says_what_its_list_shows(efterlevnad, brister, said):
    statement = Tillganglighet(efterlevnad=efterlevnad, brister=brister)
    assert build.compliance(statement) == said
