"""SARIF output checked by the standard's own tools (issue 13): the official SARIF 2.1.0 schema
with a format checker, and Microsoft's SARIF multitool with GitHub code scanning's rules, on a
repository whose findings lie in files named with å, a space and #."""

from __future__ import annotations

import json
import subprocess

import jsonschema
import pytest

import sarif_tool
from helpers import RUT, base, write_repo
from samverkan_cli.catalog import CATALOG

ODD = "dokument/rutiner/ny mapp/RUT-0001 sip för barn #2.md"


@pytest.fixture
def sarif(tmp_path, capsys):
    from samverkan_cli.cli import main

    documents = base()
    documents[ODD] = documents.pop(RUT) | {"relaterade": ["RUT-0099"], "okand": 1}
    root = write_repo(tmp_path / "arkiv", documents)
    main(["validate", "-C", str(root), "--format", "sarif", "--today", "2026-06-15"])
    out = capsys.readouterr().out
    path = tmp_path / "samverkan.sarif"
    path.write_text(out, encoding="utf-8")
    return path


def test_every_rule_says_what_it_checks_and_what_to_do(sarif):
    driver = json.loads(sarif.read_text("utf-8"))["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert set(rules) == set(CATALOG)
    for code, rule in rules.items():
        assert rule["fullDescription"]["text"].startswith(CATALOG[code].summary)
        assert rule["help"]["text"] == CATALOG[code].help
        assert code in rule["help"]["markdown"]


def test_valid_against_the_official_schema_with_its_formats(sarif):
    schema = json.loads((sarif_tool.require() / "sarif-2.1.0.json").read_text("utf-8"))
    log = json.loads(sarif.read_text("utf-8"))
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert "dokument/rutiner/ny%20mapp/RUT-0001%20sip%20f%C3%B6r%20barn%20%232.md" in uris
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(log)] == []
    # The checker does check URIs: the raw path would not pass.
    broken = json.loads(json.dumps(log).replace("%20", " ", 1))
    assert list(validator.iter_errors(broken))


def test_the_multitool_and_github_rules_find_nothing(sarif, tmp_path):
    tool = sarif_tool.require() / "Sarif.Multitool"
    done = subprocess.run(
        [str(tool), "validate", str(sarif), "--rule-kind", "Sarif;Gh"],
        capture_output=True,
        text=True,
        timeout=300,
        env={"DOTNET_CLI_TELEMETRY_OPTOUT": "1", "HOME": str(tmp_path)},
    )
    lines = [
        line for line in done.stdout.splitlines() if ": error " in line or ": warning " in line
    ]
    assert done.returncode == 0, done.stdout + done.stderr
    assert lines == []
    assert "Analysis completed successfully" in done.stdout
