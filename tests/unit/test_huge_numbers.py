"""A number too long for Python's int conversion is a finding, never an internal error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import BG, CONFIG, RUT, base, validate, write_repo
from samverkan_cli.errors import ConfigError
from samverkan_cli.loading import scalars, yamlread

HUGE = "9" * 4301


@pytest.mark.parametrize(
    ("path", "field"),
    [(RUT, "exemplar"), (RUT, "granskningsintervall"), (RUT, "version"), (BG, "moten_minst")],
)
def test_huge_integer_in_a_document(tmp_path, path, field):
    documents = base()
    documents[path][field] = {"per": "ar", "antal": HUGE} if field == "moten_minst" else HUGE
    root = write_repo(tmp_path, documents)
    text = (root / path).read_text("utf-8").replace(f"'{HUGE}'", HUGE)
    (root / path).write_text(text, "utf-8")
    found = validate(root)
    if field == "version":  # text or number: a long number is fine as text
        assert found == []
        return
    messages = [d.message for d in found if d.code == "SV004"]
    assert len(messages) == 1 and "för stort tal" in messages[0], messages
    assert all(len(d.message) < 300 for d in found)


@pytest.mark.parametrize("key", ["varna_dagar", "granskning"])
def test_huge_integer_in_the_config(tmp_path, key):
    config = dict(CONFIG)
    config[key] = {"avtal": HUGE} if key == "granskning" else HUGE
    root = write_repo(tmp_path, base(), config)
    text = (root / "samverkan.yaml").read_text("utf-8").replace(f"'{HUGE}'", HUGE)
    (root / "samverkan.yaml").write_text(text, "utf-8")
    with pytest.raises(ConfigError) as raised:
        validate(root)
    assert [d.code for d in raised.value.diagnostics] == ["SV090"]
    assert "för stort tal" in raised.value.diagnostics[0].message


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"\A[-+]?[0-9]{1,6000}(\.[0-9]{0,3000})?\Z"))
def test_any_number_resolves_without_raising(text):
    value = scalars.resolve_plain(text)
    assert isinstance(value, int | float | str)
    assert yamlread.load(f"a: {text}\n").value["a"] == value
