"""Fields that decide visibility fail closed: a broken value never falls back to "public"."""

from __future__ import annotations

import pytest

from helpers import CONFIG, RUT, TODAY, base, codes, validate, write_repo
from samverkan_cli import forteckning
from samverkan_cli.loading.repository import load

BROKEN = ["nej", "no", "off", 0, 1, "false", "true", [False], [True], {}, None, "", "ja"]


def _entry_ids(root):
    return {e.id for e in forteckning.entries(load(root, use_cache=False), TODAY)}


@pytest.mark.parametrize("value", BROKEN, ids=repr)
def test_broken_publicera_is_not_public(tmp_path, value):
    documents = base()
    documents[RUT]["publicera"] = value
    root = write_repo(tmp_path, documents)
    assert "RUT-0001" not in _entry_ids(root)
    assert "SV004" in codes(validate(root)) or "SV003" in codes(validate(root))


@pytest.mark.parametrize("where", ["file", "repository"])
def test_sv004_on_publicera_cannot_be_silenced(tmp_path, where):
    documents = base()
    documents[RUT]["publicera"] = "nej"
    config = dict(CONFIG)
    if where == "file":
        documents[RUT]["samverkan"] = {"ignorera": ["SV004"]}
    else:
        config["ignorera"] = ["SV004"]
    root = write_repo(tmp_path, documents, config)
    found = [d for d in validate(root) if d.code == "SV004"]
    assert len(found) == 1
    assert "publiceras inte förrän värdet är rättat" in found[0].message


def test_other_sv004_can_still_be_silenced(tmp_path):
    documents = base()
    documents[RUT]["publicera"] = "nej"
    documents[RUT]["version"] = ["x"]
    documents[RUT]["samverkan"] = {"ignorera": ["SV004"]}
    root = write_repo(tmp_path, documents)
    found = [d for d in validate(root) if d.code == "SV004"]
    assert ["publicera" in d.message for d in found] == [True]


@pytest.mark.parametrize("field", ["giltig_till", "upphavd_datum"])
def test_broken_date_of_validity_is_not_public(tmp_path, field):
    documents = base()
    documents[RUT][field] = "snart"
    root = write_repo(tmp_path, documents)
    assert "RUT-0001" not in _entry_ids(root)
    assert "SV004" in codes(validate(root))


def test_exactly_true_and_false(tmp_path):
    documents = base()
    documents[RUT]["publicera"] = True
    root = write_repo(tmp_path / "a", documents)
    assert "RUT-0001" in _entry_ids(root)
    documents[RUT]["publicera"] = False
    root = write_repo(tmp_path / "b", documents)
    assert "RUT-0001" not in _entry_ids(root)
    assert codes(validate(root)) == []
