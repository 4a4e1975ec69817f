"""A county's own document types, decision routes and titles (SPEC §8.3), and the review clock."""

from __future__ import annotations

import json
from copy import deepcopy
from datetime import date

import pytest
from typer.testing import CliRunner

from helpers import BASE, CONFIG, RUT, base, codes, validate, write_repo
from samverkan_cli.cli.app import app
from samverkan_cli.errors import ConfigError
from samverkan_cli.loading.repository import load_config

COUNTY = {
    **CONFIG,
    "dokumenttyper": {
        "uppdragshandling": {
            "namn": "Uppdragshandling",
            "prefix": "UPH",
            "mapp": "dokument/uppdragshandlingar",
            "vilar_pa": ["overenskommelse"],
            "beslut": ["faststalld", "beslut"],
            "granskning": 36,
        },
        "arbetsordning": {"namn": "Arbetsordning", "prefix": "ARB"},
        "underavtal": {
            "namn": "Underavtal",
            "prefix": "UAV",
            "vilar_pa": ["huvudoverenskommelse"],
            "beslut": ["undertecknare"],
        },
        "overenskommelse": {"namn": "Länsöverenskommelse"},
    },
}

UPH = {
    "id": "UPH-0001",
    "typ": "uppdragshandling",
    "titel": "Uppdrag till beredningsgruppen",
    "status": "beslutad",
    "overordnad": "OVK-0001",
    "dokumentansvarig": "Samordnare",
    "beslut": [{"instans": "Social ReKo", "datum": "2026-02-01"}],
    "giltig_fran": "2026-02-01",
}
UPH_PATH = "dokument/uppdragshandlingar/UPH-0001-uppdrag.md"


def _repo(tmp_path, extra=None, config=COUNTY):
    return write_repo(tmp_path, {**base(), **(extra or {})}, config)


def test_a_county_type_validates_like_a_built_in_one(tmp_path):
    root = _repo(tmp_path, {UPH_PATH: UPH})
    assert validate(root) == []


def test_a_county_type_unknown_in_another_county_is_named_with_the_choices(tmp_path):
    root = _repo(tmp_path, {UPH_PATH: UPH}, CONFIG)
    found = [d for d in validate(root) if d.path == UPH_PATH]
    assert [d.code for d in found] == ["SV004"]
    assert found[0].message.startswith("'uppdragshandling' är ingen dokumenttyp.")


def test_county_types_resting_on_the_wrong_typ_or_on_nothing(tmp_path):
    wrong = {**UPH, "overordnad": "HOK-0001"}
    nothing = {
        "id": "ARB-0001",
        "typ": "arbetsordning",
        "titel": "Arbetsordning för BG",
        "status": "utkast",
        "overordnad": "OVK-0001",
    }
    root = _repo(tmp_path, {UPH_PATH: wrong, "dokument/arbetsordningar/ARB-0001-bg.md": nothing})
    messages = {d.path: d.message for d in validate(root) if d.code == "SV013"}
    assert messages[UPH_PATH] == (
        "En uppdragshandling kan inte vila på HOK-0001, som är en huvudöverenskommelse. "
        "Ange en länsöverenskommelse."
    )
    assert messages["dokument/arbetsordningar/ARB-0001-bg.md"] == (
        "En arbetsordning vilar inte på något annat dokument. Ta bort overordnad, eller ange "
        "dokumentet under relaterade."
    )


def test_a_county_types_decision_routes(tmp_path):
    undecided = {k: v for k, v in UPH.items() if k != "beslut"}
    root = _repo(tmp_path, {UPH_PATH: undecided})
    found = [d for d in validate(root) if d.path == UPH_PATH]
    assert [(d.code, d.message) for d in found] == [
        (
            "SV003",
            "Ett beslutat dokument ska visa hur det beslutades. Lägg till beslut: eller "
            "faststalld:.",
        )
    ]


def test_a_signed_county_type_is_an_agreement(tmp_path):
    signed = {
        "id": "UAV-0001",
        "typ": "underavtal",
        "titel": "Underavtal om hjälpmedel",
        "status": "beslutad",
        "parter": ["region-norr", "kommun-a"],
        "overordnad": "HOK-0001",
        "dokumentansvarig": "Regiondirektör",
        "giltig_fran": "2026-01-01",
        "undertecknare": [
            {"part": "region-norr", "namn": "A B", "befattning": "Regiondirektör"},
        ],
    }
    root = _repo(tmp_path, {"dokument/underavtal/UAV-0001-hjalpmedel.md": signed})
    found = [d for d in validate(root) if d.path.startswith("dokument/underavtal/")]
    assert [d.code for d in found] == ["SV030"]
    assert found[0].message.startswith("A kommun (kommun-a) har inte skrivit under.")


def test_a_county_types_own_review_interval(tmp_path):
    old = {**UPH, "giltig_fran": "2023-01-01"}  # + 36 months: 2026-01-01, passed
    root = _repo(tmp_path, {UPH_PATH: old})
    found = [d for d in validate(root) if d.path == UPH_PATH]
    assert [(d.code, d.message) for d in found] == [
        (
            "SV022",
            "Granskningen är försenad: den skulle ha gjorts senast 2026-01-01. Granska dokumentet "
            "och skriv dagens datum i senast_granskad.",
        )
    ]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            {"namn": "Rekommendation"},
            "samverkan.yaml: 'dokumenttyper → rekommendation': typen saknar prefix. Ange 2–4 "
            "versaler som typens id börjar med, t.ex. prefix: REK.",
        ),
        (
            {"namn": "Rekommendation", "prefix": "RUT"},
            "samverkan.yaml: 'dokumenttyper → rekommendation → prefix': RUT används redan av "
            "rutin. Välj ett annat prefix.",
        ),
    ],
)
def test_a_county_type_needs_a_prefix_of_its_own(tmp_path, setting, message):
    root = write_repo(tmp_path, {}, {**CONFIG, "dokumenttyper": {"rekommendation": setting}})
    with pytest.raises(ConfigError) as raised:
        load_config(root)
    assert [d.message for d in raised.value.diagnostics] == [message]


def test_a_built_in_type_may_only_be_relabelled(tmp_path):
    config = {**CONFIG, "dokumenttyper": {"rutin": {"namn": "Lokal rutin", "prefix": "LR"}}}
    root = write_repo(tmp_path, {}, config)
    with pytest.raises(ConfigError) as raised:
        load_config(root)
    assert [d.message for d in raised.value.diagnostics] == [
        "samverkan.yaml: 'dokumenttyper → rutin': rutin är en inbyggd typ och får bara ett nytt "
        "namn (namn:). Ta bort prefix, eller ge typen ett eget namn som ny typ."
    ]


def test_every_typ_problem_at_once_each_at_its_key(tmp_path):
    text = (
        "namn: Län\nparter:\n  r: {namn: R, typ: region}\ndokumenttyper:\n"
        "  plan: {namn: Plan}\n"
        "  rutin2: {namn: Rutin 2, prefix: RUT}\n"
        "  overenskommelse: {namn: Underavtal, prefix: UAV}\n"
    )
    root = write_repo(tmp_path, {}, text)
    with pytest.raises(ConfigError) as raised:
        load_config(root)
    assert [d.line for d in raised.value.diagnostics] == [5, 6, 7]


def test_other_settings_may_name_the_countys_types(tmp_path):
    config = {
        **COUNTY,
        "granskning": {"uppdragshandling": 12, "default": 24},
        "faststallare": {"uppdragshandling": ["bg"]},
    }
    root = write_repo(tmp_path, {}, config)
    loaded = load_config(root)
    assert loaded.interval("uppdragshandling") == 12
    assert loaded.faststallare["uppdragshandling"] == ["bg"]


def test_new_makes_a_county_type_in_its_folder_with_its_prefix(tmp_path):
    root = _repo(tmp_path)
    result = CliRunner().invoke(
        app,
        ["new", "uppdragshandling", "--titel", "Uppdrag om SIP", "--overordnad", "OVK-0001",
         "-C", str(root), "--today", "2026-06-15"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    made = root / "dokument/uppdragshandlingar/UPH-0001-uppdrag-om-sip.md"
    text = made.read_text("utf-8")
    assert "typ: uppdragshandling" in text and "id: UPH-0001" in text
    assert validate(root, paths=[str(made.relative_to(root))]) == []


def test_list_and_schema_know_the_countys_types(tmp_path):
    root = _repo(tmp_path, {UPH_PATH: UPH})
    runner = CliRunner()
    listed = runner.invoke(
        app, ["list", "--typ", "uppdragshandling", "--format", "json", "-C", str(root),
              "--today", "2026-06-15"],
    )  # fmt: skip
    assert listed.exit_code == 0, listed.output
    assert [e["id"] for e in json.loads(listed.output)["dokument"]] == ["UPH-0001"]
    schema = runner.invoke(app, ["schema", "-C", str(root)])
    assert schema.exit_code == 0, schema.output
    schemas = json.loads(schema.output)
    assert schemas["uppdragshandling.schema.json"]["title"] == "Uppdragshandling"
    assert "antagande" in schemas["underavtal.schema.json"]["properties"]


def test_the_site_shows_a_county_type_in_its_own_section_after_what_it_rests_on(tmp_path):
    root = _repo(tmp_path, {UPH_PATH: UPH})
    out = tmp_path / "site"
    result = CliRunner().invoke(
        app, ["publish", "-C", str(root), "--out", str(out), "--today", "2026-06-15"]
    )
    assert result.exit_code == 0, result.output
    index = (out / "index.html").read_text("utf-8")
    assert index.index("Länsöverenskommelse") < index.index("Uppdragshandling")
    assert index.index("Uppdragshandling") < index.index(">Rutin")


def test_a_projekt_decided_by_a_boards_beslut(tmp_path):
    projekt = {
        "id": "PRJ-0001",
        "typ": "projekt",
        "titel": "Projekt om unga vuxna",
        "status": "beslutad",
        "dokumentansvarig": "Förbundschef",
        "beslut": [{"instans": "Samordningsförbundets styrelse", "datum": "2026-03-01"}],
        "giltig_fran": "2026-03-01",
    }
    root = write_repo(tmp_path, {**base(), "dokument/projekt/PRJ-0001-unga.md": projekt})
    assert [d for d in validate(root) if d.path.startswith("dokument/projekt/")] == []
    del projekt["beslut"]
    root = write_repo(tmp_path / "b", {**base(), "dokument/projekt/PRJ-0001-unga.md": projekt})
    found = [d for d in validate(root) if d.path.startswith("dokument/projekt/")]
    assert [(d.code, d.message) for d in found] == [
        (
            "SV003",
            "Ett beslutat dokument ska visa hur det beslutades. Lägg till beslut: eller "
            "faststalld:.",
        )
    ]


def test_any_title_may_sign_where_the_rule_says_star(tmp_path):
    config = deepcopy(CONFIG)
    config["undertecknare"] = {
        "overenskommelse": {"region": ["Regiondirektör"], "kommun": ["Förvaltningschef", "*"]}
    }
    documents = base()
    ovk = documents["dokument/overenskommelser/OVK-0001-psykisk-halsa.md"]
    for signer in ovk["undertecknare"]:
        if signer["part"].startswith("kommun"):
            signer["befattning"] = "Barn- och utbildningschef"
    root = write_repo(tmp_path, documents, config)
    assert "SV031" not in codes(validate(root))


def test_a_revision_restarts_the_review_clock(tmp_path):
    documents = base()
    rutin = documents[RUT]
    rutin.pop("senast_granskad", None)
    rutin.update(giltig_fran="2017-01-01", senast_reviderad="2026-01-15")
    root = write_repo(tmp_path, documents)
    assert "SV022" not in codes(validate(root))
    rutin.pop("senast_reviderad")
    root = write_repo(tmp_path / "b", documents)
    assert "SV022" in codes(validate(root))


def test_an_expired_agreement_is_not_also_overdue_for_review(tmp_path):
    documents = base()
    ovk = documents["dokument/overenskommelser/OVK-0001-psykisk-halsa.md"]
    ovk.update(giltig_fran="2020-01-01", giltig_till="2025-12-31")
    ovk.pop("senast_granskad", None)
    root = write_repo(tmp_path, documents)
    found = codes(validate(root, date(2026, 6, 15)))
    assert "SV021" in found and "SV022" not in found and "SV023" not in found


def test_base_is_untouched():
    assert "dokumenttyper" not in CONFIG and BASE
