"""Every message about a field's value is Swedish, whatever the value (issue 13): pydantic's
English ("Value should have at least 1 item after validation", "Input should be …") never
reaches a user. Each field of each kind of document gets values of every YAML shape."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import BASE, front_matter, parse_document
from samverkan_cli.model.documents import MODELS

ENGLISH = re.compile(
    r"\b(should|Input|Value|valid|field required|at least|item|instance|expected|object)\b"
)
SAMPLES = {typ: (path, fields) for path, fields in BASE.items() if (typ := fields["typ"])}
FIELDS = sorted({(typ, name) for typ in SAMPLES for name in MODELS[typ].model_fields})

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.sampled_from(["", " ", "gällande", "2025", "april 2026", "ja", "12 månader"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _messages(typ: str, name: str, value: Any) -> list[str]:
    path, fields = SAMPLES[typ]
    text = front_matter({**fields, name: value})
    yaml.safe_load(text.split("---")[1])  # the test's own file is YAML
    document = parse_document(path, text.encode("utf-8"))
    return [d.message for d in document.problems]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(FIELDS), values)
def test_no_english_in_any_message_about_a_value(field, value):
    typ, name = field
    for message in _messages(typ, name, value):
        ours = re.sub(r"'[^']*'", "", message)  # what the user wrote is quoted, as they wrote it
        assert not ENGLISH.search(ours), message


CLASSIC = ["", " ", [], {}, "x", 12, -1, 1.5, True, "2025", "april 2026", [{}], {"x": 1}]


def test_no_english_for_the_classic_mistakes_in_any_field():
    for typ, name in FIELDS:
        for value in CLASSIC:
            for message in _messages(typ, name, value):
                ours = re.sub(r"'[^']*'", "", message)
                assert not ENGLISH.search(ours), (typ, name, value, message)
