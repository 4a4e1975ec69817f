"""The front-matter split slices the body instead of splitting every line; it must cut exactly
where the plain line-by-line reading cuts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan_cli.loading import source


def line_by_line(text: str) -> tuple:
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return ("ingen front matter",)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return ("\n".join(lines[1:index]), 2, "\n".join(lines[index + 1 :]), index + 2)
    return ("oavslutad",)


def sliced(text: str) -> tuple:
    try:
        parts = source.split(text)
    except source.SplitProblem as problem:
        return ("ingen front matter",) if "saknar" in problem.message else ("oavslutad",)
    return (parts.yaml_text, parts.yaml_line, parts.body, parts.body_line)


PIECES = ["---", "--- ", "...", "a: 1", "\n", "\n", "x", "  ", "-", "å"]


@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
@settings(max_examples=2000, deadline=None)
def test_split_cuts_where_the_lines_say(text):
    assert sliced(text) == line_by_line(text)
