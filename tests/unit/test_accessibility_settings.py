"""SV091: what the accessibility statement needs is said to the maintainer in validate, never to
visitors on the site (issue 13)."""

from __future__ import annotations

from helpers import CONFIG, base, codes, validate, write_repo

CONTACT = {"kontakt": "samverkan@example.org"}


def _config(tillganglighet: dict | None) -> dict:
    config = {key: value for key, value in CONFIG.items() if key != "webbplats"}
    if tillganglighet is not None:
        config["webbplats"] = {"tillganglighet": tillganglighet}
    return config


def _settings_findings(tmp_path, tillganglighet):
    root = write_repo(tmp_path, base(), _config(tillganglighet))
    return [d for d in validate(root) if d.path == "samverkan.yaml"]


def test_no_contact_is_a_warning_on_samverkan_yaml(tmp_path):
    (finding,) = _settings_findings(tmp_path, None)
    assert finding.code == "SV091" and finding.severity.value == "warning"
    lines = (tmp_path / "samverkan.yaml").read_text("utf-8").splitlines()
    assert "kontakt" in finding.message and lines[finding.line - 1].startswith("namn:")


def test_a_statement_with_a_contact_and_no_claims_is_silent(tmp_path):
    assert _settings_findings(tmp_path, CONTACT) == []


def test_a_statement_that_contradicts_itself_is_named(tmp_path):
    partly = _settings_findings(tmp_path, {**CONTACT, "efterlevnad": "delvis"})
    assert codes(partly) == ["SV091"] and "listar inga brister" in partly[0].message
    full = _settings_findings(tmp_path, {**CONTACT, "efterlevnad": "full", "brister": ["PDF:er"]})
    assert codes(full) == ["SV091"] and "listar brister" in full[0].message


def test_the_finding_points_at_the_statement_and_only_a_whole_run_shows_it(tmp_path):
    text = (
        "namn: Län\nparter:\n  region-norr: {namn: Region Norr, typ: region}\n"
        "webbplats:\n  tillganglighet:\n    efterlevnad: delvis\n"
    )
    root = write_repo(tmp_path, {}, text)
    found = [d for d in validate(root) if d.code == "SV091"]
    assert {d.line for d in found} == {5}
    assert validate(root, paths=["dokument"]) == []
