"""The förteckning's one visibility rule and the public view built on it."""

from __future__ import annotations

from datetime import date

import pytest

from helpers import BG, OVK, RUT, TODAY, base, write_repo
from samverkan_cli import forteckning
from samverkan_cli.git import Change
from samverkan_cli.loading.repository import load

MOTE = "moten/2026/2026-02-01-bg.md"


def repo(tmp_path, change=None):
    documents = base()
    if change:
        change(documents)
    return load(write_repo(tmp_path, documents), use_cache=False)


def by_path(repository):
    return {d.path: d for d in repository.documents}


@pytest.mark.parametrize(
    ("path", "fields", "shown", "with_drafts"),
    [
        (RUT, {}, True, True),
        (RUT, {"publicera": False}, False, False),
        (RUT, {"status": "remiss"}, False, True),
        (RUT, {"status": "upphavd", "upphavd_datum": "2026-05-01"}, True, True),
        (MOTE, {"status": "utkast"}, False, True),
        (MOTE, {"publicera": False}, False, False),
        (BG, {"publicera": "nej"}, False, False),
    ],
)
def test_visible(tmp_path, path, fields, shown, with_drafts):
    repository = repo(tmp_path, lambda docs: docs[path].update(fields))
    document = by_path(repository)[path]
    assert forteckning.visible(document) is shown
    assert forteckning.visible(document, include_drafts=True) is with_drafts


def test_a_meeting_of_a_hidden_group_is_not_public(tmp_path):
    repository = repo(tmp_path, lambda docs: docs[BG].update(publicera=False))
    shown = forteckning.public(repository)
    assert MOTE not in shown.paths and BG not in shown.paths
    assert "bg" in shown.hidden and "bg" not in shown.ids


def test_references_to_hidden_documents_are_taken_out(tmp_path):
    def change(docs):
        docs[OVK]["publicera"] = False
        docs[RUT]["relaterade"] = ["OVK-0001", "HOK-0001"]

    repository = repo(tmp_path, change)
    entries = {e.id: e for e in forteckning.entries(repository, TODAY)}
    assert "OVK-0001" not in entries
    rutin = entries["RUT-0001"].model
    assert rutin.overordnad is None and rutin.relaterade == ["HOK-0001"]
    assert by_path(repository)[RUT].model.overordnad == "OVK-0001"  # the file's model is as read


def test_adopted_by_a_hidden_group_keeps_the_date_only(tmp_path):
    repository = repo(tmp_path, lambda docs: docs[BG].update(publicera=False))
    rutin = {e.id: e for e in forteckning.entries(repository, TODAY)}["RUT-0001"]
    assert rutin.model.faststalld is not None and rutin.model.faststalld.av == ""
    assert rutin.decision == "Fastställd 2026-03-01"


def test_history_keeps_public_files_and_drops_messages_of_commits_touching_others():
    shown = forteckning.Public(frozenset({"a.md", "b.md"}), frozenset({"A"}), frozenset({"H"}))
    day = date(2026, 1, 1)
    changes = [
        Change(day, "a.md", "X", "Rättade a", "1"),
        Change(day, "b.md", "X", "Ny b och hemlig h", "2"),
        Change(day, "h.md", "X", "Ny b och hemlig h", "2"),
    ]
    assert shown.changes(changes) == [changes[0], changes[1]._replace(message="")]


@pytest.mark.parametrize(
    ("text", "reveals"),
    [("Se RUT-0009.", True), ("RUT-00091", False), ("xRUT-0009", False), ("hr-grupp", True),
     ("hr-gruppen", False), ("Inget här", False)],
)  # fmt: skip
def test_reveals_whole_words_only(text, reveals):
    shown = forteckning.Public(frozenset(), frozenset(), frozenset({"RUT-0009", "hr-grupp"}))
    assert shown.reveals(text) is reveals


def test_entries_are_in_hierarchy_order(tmp_path):
    ids = [e.id for e in forteckning.entries(repo(tmp_path), TODAY)]
    assert ids == ["HOK-0001", "OVK-0001", "RUT-0001"]
