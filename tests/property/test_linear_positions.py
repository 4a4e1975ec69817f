"""The linear ways of placing hits (issue 11) say what the old counting from the start said."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan_cli import personnummer
from samverkan_cli.loading import facts

PIECES = st.sampled_from(
    ["\n", "\r\n", "a", "å", " ", "19121212-1212", "121212-1212", "# Behov\n", "Mål\n---\n", "\t"]
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


def counted_from_start(text: str, offset: int) -> tuple[int, int]:
    """The quadratic reference: newlines counted from the start for each offset."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def masked_by_slicing(text: str) -> str:
    for found in reversed(list(personnummer.find(text))):
        end = found.offset + len(found.text)
        text = text[: found.offset] + personnummer.mask(found.text) + text[end:]
    return text


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data())
def test_line_and_column_agree_with_counting_from_the_start(text, data):
    offsets = data.draw(st.lists(st.integers(0, len(text)), max_size=10))
    lines = facts.LineStarts(text)
    for offset in sorted(offsets):
        assert lines.position(offset) == counted_from_start(text, offset)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_identity_numbers_are_placed_as_before(text):
    found = facts.find(text, text, 1, with_headings=False).identity_numbers
    expected = [
        (f.kind, f.text, *counted_from_start(text, f.offset)) for f in personnummer.find(text)
    ]
    assert list(found) == expected


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_masking_agrees_with_slicing(text):
    assert personnummer.masked(text) == masked_by_slicing(text)


@settings(max_examples=200, deadline=None)
@given(TEXTS.filter(lambda text: "\r" not in text), st.integers(1, 40))
def test_headings_agree_with_markdown_it_py(body, body_line):
    # (A CR inside a setext heading stays in pyrs' source text and not in markdown-it-py's
    # content: as before, and harmless to SV050, which looks for words.)
    assert facts.headings(body, body_line) == facts.reference_headings(body, body_line)
