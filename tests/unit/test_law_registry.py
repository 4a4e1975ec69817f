"""The law registry as real county documents cite it (issue 15, SPEC §8.4): citations read by
name and in any case, the version a citation's form and date mean, what to cite instead, unknown
numbers (SV054), the registry's sources, and a repository's own lagrum.yaml."""

from __future__ import annotations

from datetime import date

import pytest

from helpers import RUT, base, validate, write_repo
from samverkan_cli.errors import ConfigError
from samverkan_cli.lagrum import combine, parse_registry, provision, read_as_of, shipped_text
from samverkan_cli.loading import yamlread
from samverkan_cli.loading.repository import load
from samverkan_cli.model.documents import MODELS

LAWS = combine(parse_registry(yamlread.load(shipped_text()).value), None)
SHIPPED = yamlread.load(shipped_text()).value["lagar"]


def _keys(citation: str, on: date) -> list[str]:
    return [cited.key for cited in LAWS.read(citation, on).laws]


@pytest.mark.parametrize(
    ("citation", "on", "keys"),
    [
        ("3 kap 3 § SOL", date(2015, 3, 18), ["SFS 2001:453"]),
        ("socialtjänstlagen", date(2015, 3, 18), ["SFS 2001:453"]),
        ("Socialtjänstlagen (SoL)", date(2026, 1, 1), ["SFS 2025:400"]),
        ("hälso- och sjukvårdslagen 3 f §", date(2016, 1, 1), ["SFS 1982:763"]),
        ("Hälso- och sjukvårdslag (2017:30)", date(2020, 1, 1), ["SFS 2017:30"]),
        (
            "Lagen om stöd och service till vissa funktionshindrade",
            date(2020, 1, 1),
            ["SFS 1993:387"],
        ),
        ("patientlagen", date(2020, 1, 1), ["SFS 2014:821"]),
        ("Barnkonventionen", date(2021, 1, 1), ["SFS 2018:1197"]),
        ("sosfs 2009:6", date(2020, 1, 1), ["SOSFS 2009:6"]),
        ("SOSFS 2007:10 och 2008:20", date(2015, 1, 1), ["SOSFS 2007:10", "SOSFS 2008:20"]),
        ("SOSFS 2007:10/2008:20", date(2015, 1, 1), ["SOSFS 2007:10", "SOSFS 2008:20"]),
        ("SoL 2 kap. 7 § och HSL 16 kap. 4 §", date(2020, 1, 1), ["SFS 2001:453", "SFS 2017:30"]),
        ("kommunallagen", date(2015, 1, 1), ["SFS 1991:900"]),
        ("kommunallagen", date(2019, 1, 1), ["SFS 2017:725"]),
    ],
)
def test_citations_are_read_by_name_and_in_any_case(citation, on, keys):
    assert _keys(citation, on) == keys


@pytest.mark.parametrize("citation", ["sol", "SOU 2020:47", "Dir. 2017:39", "HFD 2011:49"])
def test_words_and_other_series_are_not_laws(citation):
    reading = LAWS.read(citation, date(2020, 1, 1))
    assert (reading.laws, reading.unknown) == ((), ())


@pytest.mark.parametrize(
    ("citation", "key"),
    [
        # Only the 2017 act has chapters, whatever the document's date …
        ("HSL 16 kap. 3 §", "SFS 2017:30"),
        ("hälso- och sjukvårdslagen 16 kap. 4 §", "SFS 2017:30"),
        # … and only the 1982 act has a 3 f §.
        ("HSL 3 f §", "SFS 1982:763"),
        # A chaptered SoL written before 2002 is the act about to come, not the 1980 one.
        ("SoL 5 kap. 8 a §", "SFS 2001:453"),
    ],
)
def test_the_form_of_a_citation_decides_the_version(citation, key):
    on = date(2016, 5, 1) if "HSL" in citation or "hälso" in citation else date(2001, 6, 1)
    assert _keys(citation, on) == [key]
    assert _keys(citation, date(2024, 2, 14)) == [key]


def test_citations_are_read_as_of_the_latest_of_giltig_fran_and_senast_reviderad():
    model = MODELS["rutin"].model_validate(
        {**base()[RUT], "giltig_fran": "2016-05-01", "senast_reviderad": "2024-02-14"}
    )
    assert read_as_of(model, date(2026, 6, 15)) == date(2024, 2, 14)
    reversed_ = model.model_copy(update={"senast_reviderad": date(2015, 1, 1)})
    assert read_as_of(reversed_, date(2026, 6, 15)) == date(2016, 5, 1)


def test_one_provision_is_read_in_normal_form():
    assert LAWS.read("HSL (1982:763) 3f §", date(2015, 1, 1)).provision == "3 f §"
    assert LAWS.read("3 kap 3 § SOL", date(2015, 1, 1)).provision == "3 kap. 3 §"
    assert LAWS.read("HSL 8a och b §§", date(2015, 1, 1)).provision is None
    assert LAWS.read("SoL 5 kap 8a och 9a §§", date(2015, 1, 1)).provision is None
    assert provision("16 kap 4§") == "16 kap. 4 §"
    assert provision("kapitel fyra") is None


def _findings(tmp_path, lagrum, *, codes=("SV052", "SV054"), extra=None, **fields):
    docs = base()
    docs[RUT].update(lagrum=lagrum, **fields)
    root = write_repo(tmp_path, docs, extra=extra)
    return [(d.code, d.message) for d in validate(root) if d.code in codes]


def test_sv052_names_the_provision_to_cite_instead(tmp_path):
    assert _findings(tmp_path, ["HSL (1982:763) 3 f §"]) == [
        (
            "SV052",
            "'HSL (1982:763) 3 f §' hänvisar till Hälso- och sjukvårdslagen (1982:763), som "
            "ersattes av Hälso- och sjukvårdslagen (2017:30) den 2017-04-01; 3 f § motsvaras där "
            "av 16 kap. 4 §. Skriv 'HSL (2017:30) 16 kap. 4 §' vid nästa revidering.",
        )
    ]


def test_a_law_written_out_by_name_is_judged(tmp_path):
    found = _findings(tmp_path, ["hälso- och sjukvårdslagen 3 f §"], giltig_fran="2016-01-01")
    assert found == [
        (
            "SV052",
            "'hälso- och sjukvårdslagen 3 f §' hänvisar till Hälso- och sjukvårdslagen "
            "(1982:763), som ersattes av Hälso- och sjukvårdslagen (2017:30) den 2017-04-01; "
            "3 f § motsvaras där av 16 kap. 4 §. Skriv 'HSL (2017:30) 16 kap. 4 §' vid nästa "
            "revidering.",
        )
    ]


def test_a_short_name_in_capitals_is_judged(tmp_path):
    assert _findings(tmp_path, ["3 kap 3 § SOL"], giltig_fran="2015-04-01") == [
        (
            "SV052",
            "'3 kap 3 § SOL' hänvisar till Socialtjänstlagen (2001:453), som ersattes av "
            "Socialtjänstlagen (2025:400) den 2025-07-01. Uppdatera hänvisningen vid nästa "
            "revidering. Kapitel och paragrafer är numrerade på ett annat sätt än i "
            "socialtjänstlagen (2001:453).",
        )
    ]


def test_a_chaptered_hsl_in_a_revised_document_is_the_new_act(tmp_path):
    found = _findings(
        tmp_path,
        ["HSL 16 kap. 3 §", "hälso- och sjukvårdslagen 16 kap. 4 §"],
        giltig_fran="2016-05-01",
        senast_reviderad="2024-02-14",
    )
    assert found == []


def test_a_replaced_foreskrift_names_what_replaced_it(tmp_path):
    assert _findings(tmp_path, ["SOSFS 2009:6"]) == [
        (
            "SV052",
            "'SOSFS 2009:6' hänvisar till Socialstyrelsens föreskrifter (SOSFS 2009:6) om "
            "bedömningen av om en hälso- och sjukvårdsåtgärd kan utföras som egenvård, som "
            "ersattes av Lag (2022:1250) om egenvård den 2023-03-01. Uppdatera hänvisningen vid "
            "nästa revidering. Upphävd genom HSLF-FS 2023:2.",
        )
    ]


def test_an_amendment_in_force_and_its_base_are_silent(tmp_path):
    assert _findings(tmp_path, ["SOSFS 2007:10/2008:20", "SOSFS 2008:20"]) == []


def test_sv054_a_mistyped_sfs_number_and_the_law_its_name_means(tmp_path):
    assert _findings(tmp_path, ["Socialtjänstlagen 2001:763"], giltig_fran="2015-04-01") == [
        (
            "SV054",
            "'Socialtjänstlagen 2001:763' nämner SFS 2001:763, som lagrumsregistret inte känner "
            "till. Kontrollera numret: menade du Socialtjänstlagen (2001:453)? Stämmer numret, "
            "lägg till författningen i arkivets lagrum.yaml så att den känns igen.",
        )
    ]


def test_sv054_an_unknown_foreskrift(tmp_path):
    assert _findings(tmp_path, ["SOSFS 2099:1"]) == [
        (
            "SV054",
            "'SOSFS 2099:1' nämner SOSFS 2099:1, som lagrumsregistret inte känner till. "
            "Kontrollera numret mot myndighetens författningssamling. Stämmer numret, lägg till "
            "författningen i arkivets lagrum.yaml så att den känns igen.",
        )
    ]


def test_sv054_an_unknown_law(tmp_path):
    assert _findings(tmp_path, ["Arbetsmiljölagen (1977:1160)"]) == [
        (
            "SV054",
            "'Arbetsmiljölagen (1977:1160)' nämner SFS 1977:1160, som lagrumsregistret inte "
            "känner till. Kontrollera numret mot Svensk författningssamling (riksdagen.se). "
            "Stämmer numret, lägg till författningen i arkivets lagrum.yaml så att den känns igen.",
        )
    ]


def test_ended_documents_are_not_judged(tmp_path):
    found = _findings(
        tmp_path,
        ["Socialtjänstlagen 2001:763", "HSL (1982:763)"],
        status="upphavd",
        upphavd_datum="2026-05-01",
    )
    assert found == []


def test_a_local_entry_makes_a_number_known(tmp_path):
    local = "lagar:\n  SFS 1977:1160: {namn: Arbetsmiljölagen (1977:1160), kalla: riksdagen.se}\n"
    found = _findings(tmp_path, ["Arbetsmiljölagen (1977:1160)"], extra={"lagrum.yaml": local})
    assert found == []


def test_a_local_mapping_is_named(tmp_path):
    local = (
        "lagar:\n"
        "  SFS 2020:1: {namn: Gamla lagen (2020:1), upphavd_datum: 2026-01-01,\n"
        "               ersatt_av: SFS 2025:1, motsvarar: {'4§': '2 kap. 1 §'},\n"
        "               kalla: 'https://example.org: jämförelsetabell'}\n"
        "  sfs 2025:1: {namn: Nya lagen (2025:1), galler_fran: 2026-01-01}\n"
    )
    found = _findings(tmp_path, ["Lag (2020:1) 4 §"], extra={"lagrum.yaml": local})
    assert found == [
        (
            "SV052",
            "'Lag (2020:1) 4 §' hänvisar till Gamla lagen (2020:1), som ersattes av Nya lagen "
            "(2025:1) den 2026-01-01; 4 § motsvaras där av 2 kap. 1 §. Skriv '2 kap. 1 § Nya "
            "lagen (2025:1)' vid nästa revidering.",
        )
    ]


def test_an_amendment_goes_with_the_repealed_law_it_amends(tmp_path):
    local = (
        "lagar:\n"
        "  SOSFS 2001:1: {namn: Gamla föreskrifterna, upphavd_datum: 2020-01-01}\n"
        "  SOSFS 2002:1: {namn: Ändring i gamla föreskrifterna, andrar: SOSFS 2001:1}\n"
    )
    assert _findings(tmp_path, ["SOSFS 2002:1"], extra={"lagrum.yaml": local}) == [
        (
            "SV052",
            "'SOSFS 2002:1' hänvisar till SOSFS 2002:1, en ändring i Gamla föreskrifterna, som "
            "upphävdes 2020-01-01. Ta bort hänvisningen eller ersätt den med den lag som gäller "
            "nu.",
        )
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "{namn: X, ersatt_av: SFS 2017:30, motsvarar: {'3 f §': '16 kap. 4 §'}}",
            "lagrum.yaml: 'lagar → SFS 1982:763': motsvarar kräver kalla: ange var paragraferna "
            "är kontrollerade (t.ex. förarbetenas adress på riksdagen.se). Gissa aldrig ett "
            "paragrafnummer.",
        ),
        (
            "{namn: X, kalla: k, motsvarar: {'3 f §': '16 kap. 4 §'}}",
            "lagrum.yaml: 'lagar → SFS 1982:763': motsvarar säger var paragraferna finns i den "
            "författning som ersatte den här: ange den i ersatt_av, eller ta bort motsvarar.",
        ),
        (
            "{namn: X, kalla: k, ersatt_av: SFS 2017:30, motsvarar: {'3 f': '16 kap. 4 §'}}",
            "lagrum.yaml: 'lagar → SFS 1982:763 → motsvarar': '3 f' är ingen paragraf. Skriv "
            "t.ex. '3 f §' eller '16 kap. 4 §'.",
        ),
    ],
)
def test_a_bad_mapping_in_a_local_registry_is_sv090(tmp_path, entry, message):
    write_repo(tmp_path, extra={"lagrum.yaml": f"lagar:\n  SFS 1982:763: {entry}\n"})
    with pytest.raises(ConfigError) as raised:
        load(tmp_path)
    assert [(d.code, d.path, d.message) for d in raised.value.diagnostics] == [
        ("SV090", "lagrum.yaml", message)
    ]


def test_every_shipped_entry_names_its_source():
    assert [key for key, law in LAWS.laws.items() if not law.kalla] == []


def test_shipped_references_point_at_registered_entries():
    for key, law in LAWS.laws.items():
        for other in (law.ersatt_av, law.andrar):
            assert other is None or other in LAWS.laws, key
        if law.ersatt_av:
            assert law.upphavd_datum is not None, key


def test_shipped_keys_are_written_as_citations_produce_them():
    assert list(SHIPPED) == list(LAWS.laws)


@pytest.mark.parametrize(
    "key",
    [
        "SOSFS 2007:10",
        "SOSFS 2008:20",
        "SOSFS 2009:6",
        "SFS 2014:821",  # patientlagen
        "SFS 2008:355",  # patientdatalagen
        "SFS 1991:1128",  # LPT
        "SFS 1991:1129",  # LRV
        "SFS 2010:800",  # skollagen
        "SFS 2017:725",  # kommunallagen
        "SFS 2017:900",  # förvaltningslagen
        "SFS 2018:1197",  # barnkonventionen
        "SFS 2022:1250",  # egenvård
    ],
)
def test_the_registry_covers_what_documents_commonly_cite(key):
    assert key in LAWS.laws


def test_sosfs_2008_20_amends_sosfs_2007_10():
    assert LAWS.laws["SOSFS 2008:20"].andrar == "SOSFS 2007:10"
