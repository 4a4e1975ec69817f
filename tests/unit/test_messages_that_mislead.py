"""Messages that do not mislead (issue 13). One malformed entry in a list gives one finding on
that entry, not a cascade: the rest of the list still counts, and no rule reports the broken
entry's party or year as missing. A wrong value is quoted as written, in Swedish, with the fix
that fits it."""

from __future__ import annotations

from tests.helpers import BG, CONFIG, HOK, OVK, base, codes, validate, write_repo


def _findings(tmp_path, change):
    documents = base()
    change(documents)
    return validate(write_repo(tmp_path, documents))


def test_a_misspelt_key_in_one_signature_is_one_finding(tmp_path):
    def misspell(documents):
        signature = documents[OVK]["undertecknare"][1]
        signature["befatning"] = signature.pop("befattning")

    found = _findings(tmp_path, misspell)
    assert [(d.code, d.line) for d in found if d.path == OVK] == [
        (d.code, d.line) for d in found if d.path == OVK and d.code == "SV002"
    ]
    assert codes([d for d in found if d.path == OVK]) == ["SV002"]
    assert "befatning" in found[0].message


def test_a_date_in_words_in_one_signature_is_one_finding(tmp_path):
    def in_words(documents):
        documents[OVK]["undertecknare"][0]["datum"] = "april 2026"

    found = [d for d in _findings(tmp_path, in_words) if d.path == OVK]
    assert codes(found) == ["SV004"]
    assert "april 2026" in found[0].message


def test_the_signatures_that_are_right_still_count(tmp_path):
    """The kommun's entry is broken; the region's signature is still read (no SV030 for it),
    and no SV030 for the kommun either: its row is there, SV004 says what is wrong with it."""

    def broken(documents):
        documents[OVK]["undertecknare"][1]["datum"] = "2026-13-01"

    found = [d for d in _findings(tmp_path, broken) if d.path == OVK]
    assert codes(found) == ["SV004"]


def test_a_broken_position_of_one_kommun_is_one_finding(tmp_path):
    def broken(documents):
        documents[HOK]["stallningstaganden"][0]["datum"] = "december"

    found = [d for d in _findings(tmp_path, broken) if d.path == HOK]
    assert codes(found) == ["SV004"]


def test_a_quoted_year_in_one_chair_row_gives_no_missing_chair(tmp_path):
    def quoted(documents):
        documents[BG]["ordforandeskap"][0]["ar"] = "2026"

    found = [d for d in _findings(tmp_path, quoted) if d.path == BG]
    assert "SV042" not in codes(found)
    assert codes(found) == ["SV004"]


def test_a_missing_signature_is_still_found(tmp_path):
    """The guard is for entries that are written: a party with no row at all is reported."""

    def removed(documents):
        del documents[OVK]["undertecknare"][1]

    found = [d for d in _findings(tmp_path, removed) if d.path == OVK]
    assert codes(found) == ["SV030"]


def test_a_status_the_tool_works_out_is_explained_as_written(tmp_path):
    def in_force(documents):
        documents[OVK]["status"] = "gällande"

    found = [d for d in _findings(tmp_path, in_force) if d.path == OVK]
    assert codes(found) == ["SV004"]
    assert found[0].message.startswith("'gällande' är ingen status att skriva")
    assert "status: beslutad" in found[0].message


def test_an_empty_value_is_said_in_swedish(tmp_path):
    def empty(documents):
        documents[OVK]["diarienummer"] = ""

    (finding,) = [d for d in _findings(tmp_path, empty) if d.path == OVK]
    assert (
        finding.message
        == "'diarienummer' får inte vara tomt. Skriv ett värde, eller ta bort raden."
    )


def test_a_number_where_a_mapping_belongs_gets_the_mapping_it_means(tmp_path):
    def months(documents):
        documents[OVK]["giltig_till"] = "2027-12-31"
        documents[OVK]["forlangning"] = 12

    (finding,) = [d for d in _findings(tmp_path, months) if d.path == OVK]
    assert "(manader, villkor)" in finding.message
    assert finding.message.endswith("Menade du forlangning: {manader: 12}?")


def test_an_invalid_id_gets_no_advice_to_rename_the_file_after_it(tmp_path):
    def short(documents):
        documents[OVK]["id"] = "OVK-1"

    found = [d for d in _findings(tmp_path, short) if d.path == OVK]
    assert "SV006" not in codes(found)
    assert "SV004" in codes(found)


def test_findings_on_the_entries_after_a_broken_one_point_at_their_own_lines(tmp_path):
    """The model leaves the broken entry out, so its second entry is the model's first: a
    finding on it must still point at the file's second entry."""
    from helpers import line_of

    documents = base()
    documents[OVK]["undertecknare"][0]["datum"] = "april 2026"
    documents[OVK]["undertecknare"][1]["befattning"] = "Praktikant"
    config = {**CONFIG, "undertecknare": {"overenskommelse": {"kommun": ["Socialchef"]}}}
    root = write_repo(tmp_path, documents, config)
    found = {d.code: d for d in validate(root) if d.path == OVK}
    assert set(found) == {"SV004", "SV031"}
    assert found["SV031"].line == line_of(root, OVK, "Praktikant")
    assert found["SV004"].line == line_of(root, OVK, "april 2026")


def test_a_quoted_year_is_said_to_be_text_not_too_big(tmp_path):
    def quoted(documents):
        documents[BG]["ordforandeskap"][0]["ar"] = "2026"

    (finding,) = [d for d in _findings(tmp_path, quoted) if d.path == BG]
    assert "ska vara ett tal, inte text: ta bort citattecknen, t.ex. ar: 2026." in finding.message
    assert "för stort" not in finding.message


def test_a_wrong_id_is_shown_with_the_typs_own_prefix(tmp_path):
    from helpers import RUT

    def wrong(documents):
        documents[RUT]["id"] = "OVK-1"

    found = [d for d in _findings(tmp_path, wrong) if d.path == RUT and d.code == "SV004"]
    assert "för en rutin börjar det med RUT, t.ex. RUT-0001" in found[0].message


def test_a_broken_file_is_one_finding_not_one_per_reference_to_it(tmp_path):
    """OVK-0001 cannot be read: the documents that name it do not each get an SV010."""

    def broken(documents):
        documents[OVK] = "---\nid: OVK-0001\ntitel Överenskommelse\n---\n# Text\n"

    found = _findings(tmp_path, broken)
    assert [d.code for d in found if d.severity.value == "error"] == ["SV001"]
    assert "titel: Överenskommelse" in found[0].message  # the line as it should read


def test_a_party_key_with_capitals_is_named_as_a_party_key(tmp_path):
    config = {
        **CONFIG,
        "parter": {**CONFIG["parter"], "Kiruna-KOMMUN": {"namn": "K", "typ": "kommun"}},
    }
    root = write_repo(tmp_path, base(), config)
    from samverkan_cli.errors import ConfigError
    from samverkan_cli.loading.repository import load_config

    try:
        load_config(root)
    except ConfigError as error:
        (finding,) = error.diagnostics
    assert "En partsnyckel skrivs med små bokstäver" in finding.message
    assert "[key]" not in finding.message and "dokument-id" not in finding.message


def test_a_title_too_long_is_said_in_characters(tmp_path):
    def long_title(documents):
        documents[OVK]["titel"] = "Ö" * 400

    messages = [d.message for d in _findings(tmp_path, long_title) if d.path == OVK]
    assert any("för långt: högst" in m and "tecken" in m for m in messages), messages


def test_a_party_written_by_its_name_or_in_capitals_is_one_finding_with_its_key(tmp_path):
    for written in ("KOMMUN-A", "A kommun"):

        def named(documents, written=written):
            documents[OVK]["undertecknare"][1]["part"] = written

        found = [d for d in _findings(tmp_path / written.replace(" ", "-"), named) if d.path == OVK]
        assert codes(found) == ["SV011"], found
        assert "menade du 'kommun-a'? Skriv kommun-a." in found[0].message
