"""samverkan.yaml and lagrum.yaml: defaults, merging, and SV090 for what is wrong."""

from __future__ import annotations

import pytest

from helpers import CONFIG, TODAY, validate, write_repo
from samverkan_cli.config import title_matches
from samverkan_cli.errors import ConfigError
from samverkan_cli.loading.repository import load, load_config


def test_minimal_config_gets_spec_defaults(tmp_path):
    write_repo(tmp_path, {}, "namn: Län\nparter:\n  r: {namn: R, typ: region}\n")
    config = load_config(tmp_path)
    assert config.varna_dagar == 90
    assert config.interval("rutin") == 12
    assert config.interval("projekt") == 24
    assert config.faststallare["projekt"] == ["bg", "lsg-*"]
    assert config.sip_avsnitt[6] == ["läkemedel", "hjälpmedel"]


def test_per_typ_merge_keeps_other_defaults(tmp_path):
    text = "namn: Län\nparter: {r: {namn: R, typ: region}}\nfaststallare:\n  rutin: [styrgrupp]\n"
    write_repo(tmp_path, {}, text)
    config = load_config(tmp_path)
    assert config.faststallare["rutin"] == ["styrgrupp"]
    assert config.faststallare["behandlingslinje"] == ["bg"]
    assert config.may_adopt("projekt", "lsg-barn")
    assert not config.may_adopt("rutin", "bg")


def test_granskning_replaces_whole_table(tmp_path):
    write_repo(tmp_path, {}, "namn: Län\nparter: {}\ngranskning: {rutin: 6}\n")
    config = load_config(tmp_path)
    assert config.interval("rutin") == 6
    assert config.interval("avtal") == 24  # no default left in the table: the tool's fallback


@pytest.mark.parametrize(
    ("text", "line", "gist"),
    [
        ("namn: Län\nparter:\n  r: {namn: R, typ: landsting}\n", 3, "Tillåtna värden: region"),
        ("namn: Län\nparter: {}\nvarna_dag: 30\n", 3, "Menade du 'varna_dagar'?"),
        (
            "namn: Län\nparter:\n  r: {namn: R, typ: region, organisationsnummer: 222000-1702}\n",
            3,
            "organisationsnummer",
        ),
        ("parter: {}\n", 1, "'namn' saknas"),
        ("namn: [oj\n", 1, "YAML kan inte läsas"),
        ("- bara en lista\n", 1, "namn: och parter:"),
        ("namn: Län\nparter: {}\nignorera: [SV6]\n", 3, "SV006"),
    ],
)
def test_invalid_config_is_sv090(tmp_path, text, line, gist):
    write_repo(tmp_path, {}, text)
    with pytest.raises(ConfigError) as raised:
        load(tmp_path)
    found = raised.value.diagnostics
    assert {d.code for d in found} == {"SV090"}
    assert found[0].path == "samverkan.yaml"
    assert found[0].line == line
    assert any(gist in d.message for d in found), [d.message for d in found]


@pytest.mark.parametrize("code", ["SV001", "SV005", "SV007", "SV051", "SV090"])
def test_an_unsilenceable_code_in_the_repository_wide_ignorera_is_sv090(tmp_path, code):
    write_repo(tmp_path, {}, f"namn: Län\nparter: {{}}\nignorera:\n  - SV020\n  - {code}\n")
    with pytest.raises(ConfigError) as raised:
        load(tmp_path)
    (found,) = raised.value.diagnostics
    assert (found.code, found.path, found.line, found.column) == ("SV090", "samverkan.yaml", 5, 5)
    assert found.message == (
        f"samverkan.yaml: 'ignorera nr 2': {code} kan inte tystas: felet måste rättas. Ta bort "
        f"{code} ur ignorera."
    )


def test_silenceable_codes_may_be_ignored_repository_wide(tmp_path):
    write_repo(tmp_path, {}, "namn: Län\nparter: {}\nignorera: [SV006, SV020, SV053]\n")
    assert load_config(tmp_path).ignorera == ["SV006", "SV020", "SV053"]


def test_valid_orgnr_accepted(tmp_path):
    write_repo(
        tmp_path,
        {},
        "namn: Län\nparter:\n  r: {namn: R, typ: region, organisationsnummer: 232100-0198}\n",
    )
    assert load_config(tmp_path).parter["r"].organisationsnummer == "232100-0198"


def test_invalid_lagrum_yaml_is_sv090(tmp_path):
    write_repo(tmp_path, extra={"lagrum.yaml": "lagar:\n  SFS 2020:1: {kort: X}\n"})
    with pytest.raises(ConfigError) as raised:
        load(tmp_path)
    assert raised.value.diagnostics[0].path == "lagrum.yaml"
    assert "'lagar → SFS 2020:1 → namn' saknas" in raised.value.diagnostics[0].message


def test_local_lagrum_extends_registry(tmp_path):
    from helpers import RUT, base

    docs = base()
    docs[RUT]["lagrum"] = ["Lokal lag (2020:1)"]
    local = "lagar:\n  SFS 2020:1: {namn: Lokal lag, upphavd_datum: 2026-01-01}\n"
    write_repo(tmp_path, docs, extra={"lagrum.yaml": local})
    found = [d for d in validate(tmp_path, TODAY) if d.code == "SV052"]
    assert found and "Lokal lag, som upphävdes 2026-01-01" in found[0].message


@pytest.mark.parametrize(
    ("title", "ok"),
    [
        ("Regiondirektör", True),
        ("regiondirektör", True),
        ("T.f. Regiondirektör", True),
        ("Tf regiondirektör", True),
        ("tf. Regiondirektör", True),
        ("Biträdande regiondirektör", False),
    ],
)
def test_title_matching(title, ok):
    assert title_matches(title, ["Regiondirektör"]) is ok


def test_config_is_used_for_parties():
    assert "kommun-a" in CONFIG["parter"]
