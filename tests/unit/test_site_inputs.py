"""A page's key is made from the same declaration as its context (site.inputs): what is in the
declaration is in the key, and what cannot be in a key cannot be declared."""

from __future__ import annotations

import dataclasses

import pytest

from samverkan_cli.loading.document import Document
from samverkan_cli.model.documents import Grupp
from samverkan_cli.site import inputs


def _document(path: str, digest: bytes | None, front: bytes | None) -> Document:
    return Document(path, digest=digest, front_digest=front)


def test_a_body_counts_for_a_whole_file_and_not_for_a_front():
    before = _document("grupper/bg.md", b"body-1", b"front")
    after = _document("grupper/bg.md", b"body-2", b"front")
    assert inputs.key(b"s", inputs.Front(before)) == inputs.key(b"s", inputs.Front(after))
    assert inputs.key(b"s", inputs.Whole(before)) != inputs.key(b"s", inputs.Whole(after))


def test_every_field_of_a_declaration_is_in_its_key():
    group = inputs.Whole(_document("grupper/bg.md", b"d", b"f"))
    meeting = inputs.Whole(_document("moten/2026/2026-01-01-bg.md", b"m", b"mf"))
    page = inputs.GroupPage(group, [meeting], None, [])
    copy = inputs.Attachment("grupper/bilaga.pdf", "grupper/bg/bilaga.pdf", b"pdf-1")
    keys = {
        inputs.key(b"s", page),
        inputs.key(b"s", dataclasses.replace(page, meetings=[])),
        inputs.key(b"s", dataclasses.replace(page, parent=inputs.Front(meeting.document))),
        inputs.key(b"other", page),
        inputs.key(b"s", dataclasses.replace(page, attachments=[copy])),
        inputs.key(
            b"s",
            dataclasses.replace(page, attachments=[dataclasses.replace(copy, digest=b"pdf-2")]),
        ),
    }
    assert len(keys) == 6


def test_a_file_of_unknown_digest_is_always_made():
    page = inputs.GroupPage(inputs.Whole(_document("grupper/bg.md", None, b"f")), [], None, [])
    assert inputs.key(b"s", page) is None


def test_a_value_with_no_digest_cannot_be_an_input():
    """A model (or anything else that does not say which file it comes from) would be keyed by
    its repr, or not at all: the declaration must name the file instead (Front, Whole)."""
    model = Grupp.model_construct(id="bg", typ="grupp", titel="Beredningsgrupp")
    with pytest.raises(TypeError):
        inputs.key(b"s", inputs.Catalog([], [model], {}))  # type: ignore[list-item]
