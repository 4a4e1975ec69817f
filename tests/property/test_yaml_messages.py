"""Whatever YAML a user writes, a message about it is Swedish, and points into the text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan_cli.loading import yamlread

ENGLISH = re.compile(r"\b(found|expected|while|libyaml|scanning|parsing|character|stream)\b")
PIECES = [
    "a", "b: ", ": ", "- ", "[", "]", "{", "}", ",", "'", '"', "\\", "\\x", "\\u12", "&", "*",
    "!", "!!", "%YAML 1.1", "...", "---", "|", ">", "|0", "#", "\t", "\n", "\n  ", "@", "`",
    "?", "\x00", "\x1b", "\x85", "\ufeff", "å", "1", "2025-02-30",
]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.integers(min_value=1, max_value=40))
def test_every_yaml_message_is_swedish_and_placed(pieces, first_line):
    text = "".join(pieces)
    try:
        yamlread.read(text, first_line)
    except yamlread.YamlError as error:
        assert not ENGLISH.search(error.message), error.message
        lines = text.count("\n") + 1
        assert first_line <= error.position.line <= first_line + lines, (error.position, text)
