"""The JSON Schemas: checked in and current, and never stricter than the validator."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from helpers import base, front_matter, validate, write_repo
from samverkan_cli.loading import source, yamlread
from samverkan_cli.model.vocabulary import fold
from samverkan_cli.schema_export import render, schemas

PROJECT = Path(__file__).resolve().parents[2]
EXAMPLE = PROJECT / "docs-repo-template"


def test_checked_in_schemas_are_current():
    expected = {name: render(schema) for name, schema in schemas().items()}
    actual = {p.name: p.read_text("utf-8") for p in (PROJECT / "schemas").glob("*.json")}
    assert actual == expected, "schemas/ is stale: run `make schemas`"


@pytest.mark.parametrize("name", sorted(schemas()))
def test_schemas_are_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(schemas()[name])


def _front(path: Path) -> dict:
    text = source.decode(path.read_bytes())
    assert isinstance(text, str)
    parts = source.split(text)
    return yamlread.load(parts.yaml_text, parts.yaml_line).value


def _schema_errors(front: dict) -> list[str]:
    from samverkan_cli.loading.repository import load_config

    # the example county's own types have schemas too, written by `samverkan schema` there
    schema = schemas(load_config(EXAMPLE).types)[f"{fold(front['typ'])}.schema.json"]
    return [e.message for e in Draft202012Validator(schema).iter_errors(front)]


def _documents(root: Path) -> list[Path]:
    return sorted(
        p for folder in ("dokument", "grupper", "moten") for p in (root / folder).rglob("*.md")
    )


@pytest.mark.parametrize("path", _documents(EXAMPLE), ids=lambda p: p.name)
def test_example_documents_pass_their_schema(path):
    assert _schema_errors(_front(path)) == []


def test_example_config_passes_its_schema():
    config = yamlread.load((EXAMPLE / "samverkan.yaml").read_text("utf-8")).value
    assert list(Draft202012Validator(schemas()["samverkan.schema.json"]).iter_errors(config)) == []


def test_schema_rejects_what_validator_rejects_at_field_level():
    front = {**base()["dokument/rutiner/RUT-0001-sip.md"], "giltig_tll": "2027-01-01"}
    assert any("giltig_tll" in message for message in _schema_errors(front))
    front = {**base()["dokument/rutiner/RUT-0001-sip.md"], "status": "beslutad"}
    del front["faststalld"]
    assert any("faststalld" in message for message in _schema_errors(front))


_FIELD_LEVEL = {"SV001", "SV002", "SV003", "SV004", "SV007"}
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.text(max_size=12),
    st.sampled_from(
        ["2026-01-01", "2026-02-30", "beslutad", "upphavd", "bg", "OVK-0001", "region-norr"]
    ),
    st.lists(st.sampled_from(["region-norr", "kommun-a", "x", "OVK-0001"]), max_size=3),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(sorted(base())),
    field=st.sampled_from(
        [
            "status",
            "giltig_fran",
            "giltig_till",
            "parter",
            "version",
            "exemplar",
            "publicera",
            "overordnad",
            "titel",
            "dokumentansvarig",
            "nytt_falt",
            "moten_minst",
        ]
    ),
    value=_VALUES,
)
def test_validator_accepted_implies_schema_accepted(tmp_path_factory, path, field, value):
    docs = base()
    docs[path][field] = value
    root = write_repo(tmp_path_factory.mktemp("repo"), docs)
    field_level = [d for d in validate(root) if d.path == path and d.code in _FIELD_LEVEL]
    if not field_level:
        assert _schema_errors(_front(root / path)) == [], (field, value)


def test_front_matter_helper_roundtrips():
    assert front_matter({"a": 1}, "") == "---\na: 1\n---\n"
