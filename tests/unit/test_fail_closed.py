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


MOTE = "moten/2026/2026-02-01-bg.md"


def _meeting_ids(root):
    from samverkan_cli.forteckning import public

    return public(load(root, use_cache=False)).paths


@pytest.mark.parametrize("value", ["Utkast", "UTKAST", ["utkast"], "draft", "", {"utkast": True}])
def test_a_meeting_record_with_a_broken_status_is_not_public(tmp_path, value):
    documents = base()
    documents[MOTE]["status"] = value
    root = write_repo(tmp_path, documents)
    assert MOTE not in _meeting_ids(root)


def _with_front_matter_text(tmp_path, extra: str):
    root = write_repo(tmp_path, base())
    text = (root / RUT).read_text("utf-8")
    (root / RUT).write_text(
        text.replace("---\n", f"---\n{extra}", 1).replace("\n---\n", "\n---\n", 1), "utf-8"
    )
    return root


@pytest.mark.parametrize(
    "extra",
    [
        "publicera: false\npublicera: true\n",
        "status: utkast\n",  # the file already says status: beslutad: written twice
        "Publicera: false\n",
        "publisera: false\n",
        "PUBLICERA: nej\n",
        "<<: {publicera: false}\n",
    ],
)
def test_ambiguous_or_misspelt_visibility_is_not_public(tmp_path, extra):
    root = _with_front_matter_text(tmp_path, extra)
    assert "RUT-0001" not in _entry_ids(root)
    found = validate(root)
    assert any(d.code in ("SV001", "SV002") for d in found)


def test_a_misspelt_publicera_cannot_be_silenced(tmp_path):
    root = _with_front_matter_text(tmp_path, "publisera: false\nsamverkan: {ignorera: [SV002]}\n")
    assert [d.code for d in validate(root)] == ["SV002"]


def test_a_nested_publicera_is_not_public(tmp_path):
    documents = base()
    documents[RUT]["samverkan"] = {"publicera": False}
    root = write_repo(tmp_path, documents)
    assert "RUT-0001" not in _entry_ids(root)
