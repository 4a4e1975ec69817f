"""ignorera: per file and per repository; some codes can never be silenced."""

from __future__ import annotations

import pytest

from helpers import CONFIG, RUT, base, codes, front_matter, validate, write_repo
from samverkan_cli.errors import ConfigError


def _misnamed():
    docs = base()
    docs["dokument/rutiner/fel-namn.md"] = docs.pop(RUT)
    return docs


def test_file_level_ignore(tmp_path):
    docs = _misnamed()
    docs["dokument/rutiner/fel-namn.md"]["samverkan"] = {"ignorera": ["SV006"]}
    assert "SV006" not in codes(validate(write_repo(tmp_path, docs)))


def test_repository_level_ignore(tmp_path):
    assert "SV006" not in codes(
        validate(write_repo(tmp_path, _misnamed(), {**CONFIG, "ignorera": ["SV006"]}))
    )


def test_without_ignore_it_is_reported(tmp_path):
    assert "SV006" in codes(validate(write_repo(tmp_path, _misnamed())))


def test_personnummer_cannot_be_silenced(tmp_path):
    docs = base()
    docs[RUT]["samverkan"] = {"ignorera": ["SV051"]}
    docs[RUT] = front_matter(docs[RUT], "19121212-1212\n")
    found = validate(write_repo(tmp_path, docs))
    assert "SV051" in codes(found)
    assert any(d.code == "SV004" and "SV051 kan inte tystas" in d.message for d in found)
    # in samverkan.yaml the settings are refused as a whole (SV090), see test_config
    with pytest.raises(ConfigError) as refused:
        validate(write_repo(tmp_path, docs, {**CONFIG, "ignorera": ["SV051"]}))
    assert [(d.code, d.path) for d in refused.value.diagnostics] == [("SV090", "samverkan.yaml")]


def test_unknown_code_in_file_ignore(tmp_path):
    docs = base()
    docs[RUT]["samverkan"] = {"ignorera": ["SV999"]}
    found = validate(write_repo(tmp_path, docs))
    assert any(d.code == "SV004" and "SV999 finns inte" in d.message for d in found)
