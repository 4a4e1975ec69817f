"""SV050 as real county templates need it (issue #15, SPEC §8.3): each `sip_avsnitt` entry is a
whole word of a heading, in its base form or with a Swedish ending; a word inside a compound does
not count; and one heading serves one entry only."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_rules import SIP, SIP_HEADINGS, sip_mall

from helpers import CONFIG, base, validate, write_repo
from samverkan_cli.config import DEFAULT_SIP_AVSNITT
from samverkan_cli.rules.content import missing_sections

SECTIONS = [[s] if isinstance(s, str) else s for s in DEFAULT_SIP_AVSNITT]


def sv050(tmp_path: Path, headings: list[str], config: dict | None = None) -> list[str]:
    docs = {**base(), SIP: sip_mall(headings)}
    root = write_repo(tmp_path, docs, config)
    return [f"{d.line}: {d.message}" for d in validate(root) if d.code == "SV050"]


def test_one_heading_serves_one_section_and_the_message_says_which_it_serves(tmp_path):
    headings = [h for h in SIP_HEADINGS if h not in ("Mål", "Insatser")] + ["Mål för insatserna"]
    assert sv050(tmp_path, headings) == [
        "7: SIP-mallen saknar ett avsnitt om 'insatser'. Lägg till en rubrik som innehåller "
        "ordet, t.ex. '## Insatser'. Rubriken 'Mål för insatserna' (rad 14) räknas redan för "
        "'mål': varje avsnitt behöver en egen rubrik."
    ]


def test_a_word_inside_a_compound_does_not_count_and_the_message_says_so(tmp_path):
    headings = [h for h in SIP_HEADINGS if h != "Ansvar"]
    assert sv050(tmp_path, headings) == [
        "7: SIP-mallen saknar ett avsnitt om 'ansvar'. Lägg till en rubrik som innehåller "
        "ordet, t.ex. '## Ansvar'. Rubriken 'Samordningsansvarig' (rad 11) räknas inte: där "
        "ingår 'ansvar' bara i ett längre ord."
    ]


def test_a_county_lists_the_compound_as_an_alternative(tmp_path):
    headings = [h for h in SIP_HEADINGS if h != "Ansvar"] + ["Ansvarsfördelning"]
    sections = [
        ["ansvar", "ansvarsfördelning"] if s == "ansvar" else s for s in DEFAULT_SIP_AVSNITT
    ]
    assert sv050(tmp_path, headings, {**CONFIG, "sip_avsnitt": sections}) == []
    assert sv050(tmp_path / "default", headings) != []  # the default list does not take it


def test_a_template_with_each_section_in_a_heading_of_its_own_passes(tmp_path):
    """The headings of a real county template: Swedish endings, punctuation and markup."""
    headings = [
        "SIP – samordnad individuell plan",
        "Personens behov och önskemål",
        "**Målen** för samordningen",
        "Insatserna: vem gör vad",
        "Ansvaret för planen",
        "Tidsplanen",
        "Samordningsansvarig",
        "Läkemedel och hjälpmedel",
        "Samtycket",
        "Uppföljningens datum",
    ]
    assert sv050(tmp_path, headings) == []


@pytest.mark.parametrize(
    ("heading", "counts"),
    [
        ("Insatser", True),
        ("Insatserna", True),
        ("Insatsernas mål", True),
        ("Planerade insatser", True),
        ("SIP-insatser", True),  # a hyphen parts words
        ("INSATSER", True),
        ("Insatsplan", False),
        ("Insatserstöd", False),
        ("Insats", False),  # the singular is another form than the entry's
    ],
)
def test_which_forms_of_a_word_count(heading, counts):
    missing = missing_sections([["insatser"]], [(heading, 3)])
    assert (missing == []) is counts


def test_the_most_sections_are_served_whatever_the_order_of_the_headings():
    """A greedy pass would give "Mål och insatser" to mål and leave insatser without; the
    assignment that serves the most sections gives "Målet" to mål."""
    sections = [["insatser"], ["mål"]]
    assert missing_sections(sections, [("Mål och insatser", 3), ("Målet", 4)]) == []
    assert missing_sections([["mål"], ["insatser"]], [("Mål och insatser", 3), ("Målet", 4)]) == []


def test_an_entry_of_several_words_is_found_as_words_in_a_row():
    assert missing_sections([["vem gör vad"]], [("Vem gör vad?", 3)]) == []
    assert missing_sections([["vem gör vad"]], [("Vad gör vem?", 3)]) == [(["vem gör vad"], "")]


def test_the_example_county_and_the_new_template_still_pass():
    """The shipped SIP template and `new sip-mall`'s headings serve every default section."""
    from samverkan_cli.loading.facts import headings
    from samverkan_cli.scaffold.init import TEMPLATE
    from samverkan_cli.scaffold.new import sip_headings

    example = next((Path(TEMPLATE) / "dokument" / "sip").glob("SIP-*.md")).read_text("utf-8")
    assert missing_sections(SECTIONS, headings(example, 1)) == []
    scaffolded = [(heading, line) for line, heading in enumerate(sip_headings(DEFAULT_SIP_AVSNITT))]
    assert missing_sections(SECTIONS, scaffolded) == []
