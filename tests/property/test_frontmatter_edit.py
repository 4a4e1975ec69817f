"""The front-matter editor changes only the step (SPEC §8.7), proven on generated documents.

For every document of the example county and for generated documents (comments, flow and block
styles, odd quoting, CRLF, a BOM), a random step gives front matter that reads (PyYAML) as
exactly the old data plus the step, and every byte outside the edited entry is as it was: the
body, the BOM, the line endings, every other field with its comments and quoting.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan_cli.recording.edit import Append, SetKey, Step, Value, apply, apply_to_data

TEMPLATE = Path(__file__).resolve().parents[2] / "src/samverkan_cli/data/docs-repo-template"
COUNTY = sorted(
    p.read_bytes()
    for folder in ("dokument", "grupper", "moten")
    for p in (TEMPLATE / folder).rglob("*.md")
    if p.name.lower() != "readme.md"
)

WORDS = st.sampled_from(["bg", "timra", "KS", "Socialchef", "Åsa Öberg", "ett två", "x-1"])
ODD = st.sampled_from(
    [
        "§ 45",
        "a: b",
        "# inte kommentar",
        "yes",
        "null",
        "2026",
        "'citat'",
        'säg "hej"',
        "[lista]",
        "tab\there",
        "-",
        "*",
        "a,b",
        " kant ",
        "ny\nrad",
        "@x",
    ]
)
TEXT = st.one_of(
    WORDS,
    ODD,
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=8),
)
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
SCALARS: st.SearchStrategy[Value] = st.one_of(TEXT, DATES, st.integers(0, 9999), st.booleans())
ENTRIES: st.SearchStrategy[Value] = st.one_of(
    SCALARS,
    st.dictionaries(
        st.sampled_from(["part", "namn", "datum", "paragraf", "for"]),
        st.one_of(SCALARS, st.lists(WORDS, max_size=2)),
        min_size=1,
        max_size=4,
    ),
)
KEYS = st.sampled_from(
    [
        "id",
        "status",
        "titel",
        "beslut",
        "undertecknare",
        "stallningstaganden",
        "faststalld",
        "ersatter",
        "taggar",
        "senast_granskad",
        "nasta_granskning",
        "nytt_falt",
    ]
)

# ---- generated documents -------------------------------------------------------------------

PLAIN = ["bg", "2026-03-01", "42", "true", "Rutin för SIP", "§ 8"]
QUOTED = ["'enkel ''citat'''", '"dubbel \\"citat\\""', '"§ 106"', "'2026-01-01'", '""']
FLOW_MAPS = [
    "{part: a, datum: 2026-01-01}",
    '{ av: bg , datum: 2025-06-10, paragraf: "§ 8" }',
    "{}",
]
COMMENT = st.sampled_from(["", "", "  # kommentar", " #x", "   # tre"])


@st.composite
def _value(draw: st.DrawFn) -> str:
    """A value's text after `key:`, with its own line breaks (block styles start with one)."""
    comment = draw(COMMENT)
    kind = draw(
        st.sampled_from(
            ["plain", "quoted", "flowseq", "flowmap", "blockseq", "blockmaps", "blockmap", "empty"]
        )
    )
    indent = draw(st.sampled_from(["  ", "    ", ""]))
    if kind == "plain":
        return f" {draw(st.sampled_from(PLAIN))}{comment}"
    if kind == "quoted":
        return f" {draw(st.sampled_from(QUOTED))}{comment}"
    if kind == "flowseq":
        items = draw(st.lists(st.sampled_from(PLAIN[:3] + QUOTED[:3] + FLOW_MAPS[:2]), max_size=3))
        return f" [{', '.join(items)}]{comment}"
    if kind == "flowmap":
        return f" {draw(st.sampled_from(FLOW_MAPS))}{comment}"
    if kind == "empty":
        return comment
    if kind == "blockseq":
        items = draw(st.lists(st.sampled_from(PLAIN + QUOTED + FLOW_MAPS), min_size=1, max_size=3))
        return comment + "".join(f"\n{indent}- {item}{draw(COMMENT)}" for item in items)
    inner = indent if kind == "blockmap" else indent + "  "
    inner = inner or "  "
    pairs = draw(
        st.lists(
            st.sampled_from(
                ["part: a", "datum: 2026-01-02", "namn: 'Å Ö'", 'paragraf: "§ 1"', "for: [a, b]"]
            ),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    if kind == "blockmap":
        return comment + "".join(f"\n{inner}{pair}" for pair in pairs)
    entries = draw(st.integers(1, 3))
    lines = []
    for _ in range(entries):
        lines.append(f"\n{inner[:-2]}- {pairs[0]}")
        lines += [f"\n{inner}{pair}" for pair in pairs[1:]]
    return comment + "".join(lines)


@st.composite
def generated(draw: st.DrawFn) -> bytes:
    keys = draw(st.lists(KEYS, min_size=1, max_size=7, unique=True))
    lines = []
    for key in keys:
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["# en kommentarrad", "", "  # indragen kommentar"])))
        lines.append(f"{key}:{draw(_value())}")
    if draw(st.booleans()):
        lines.append("# sista kommentaren")
    body = draw(st.sampled_from(["# Rubrik\n\nText.\n", "", "---\nmer\n", "Utan radslut"]))
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if draw(st.booleans()) else data


# ---- the property ------------------------------------------------------------------------------


def _front(data: bytes) -> tuple[str, str]:
    """(front matter text, everything after it) of a file the editor accepts."""
    text = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    return "\n".join(lines[1:end]) + "\n", "\n".join(lines[end:])


@st.composite
def _step(draw: st.DrawFn, data: dict[str, object]) -> Step:
    key = draw(st.one_of(KEYS, st.sampled_from(sorted(data) or ["id"])))
    appendable = key not in data or data[key] is None or isinstance(data[key], list)
    if appendable and draw(st.booleans()):
        return Append(key, draw(ENTRIES))
    value = draw(st.one_of(SCALARS, ENTRIES, st.lists(WORDS, max_size=3)))
    return SetKey(key, value)


def _entry_span(old_front: str, key: str) -> tuple[int, int] | None:
    """Where the entry `key` is in the old front matter: its first line to its last line's end."""
    node = yaml.compose(old_front, Loader=yaml.SafeLoader)
    found = [(k, v) for k, v in node.value if k.value == key]
    if not found:
        return None
    k, v = found[-1]
    start = old_front.rfind("\n", 0, k.start_mark.index) + 1
    end = max(_leaf_end(v), k.end_mark.index)
    stop = old_front.find("\n", end)
    return start, len(old_front) if stop == -1 else stop + 1


def _leaf_end(node: yaml.Node) -> int:
    if (
        isinstance(node, yaml.SequenceNode | yaml.MappingNode)
        and not node.flow_style
        and node.value
    ):
        last = node.value[-1]
        return _leaf_end(last[1] if isinstance(last, tuple) else last)
    return int(node.end_mark.index)


def _changed(old: str, new: str) -> tuple[int, int]:
    """The part of `old` that differs from `new`: (start, end), empty for a pure insertion."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix


def _check(data: bytes, step: Step) -> None:
    old_front, old_rest = _front(data)
    before = yaml.safe_load(old_front)
    edited = apply(data, [step])
    new_front, new_rest = _front(edited)
    assert yaml.safe_load(new_front) == apply_to_data(before, [step])
    assert new_rest == old_rest  # the body, byte for byte
    assert edited.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    if b"\r\n" in data:
        assert edited.count(b"\n") == edited.count(b"\r\n")  # CRLF stays CRLF
    start, end = _changed(old_front, new_front)
    span = _entry_span(old_front, step.key)
    if span is None or start == end:
        assert start == end or span is not None, "a new field replaced other text"
    else:
        assert span[0] <= start and end <= span[1], (old_front, new_front)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_step_changes_only_its_entry(data: st.DataObject) -> None:
    document = data.draw(st.one_of(st.sampled_from(COUNTY), generated()))
    before = yaml.safe_load(_front(document)[0])
    if not isinstance(before, dict):
        return
    _check(document, data.draw(_step(before)))


def test_every_county_document_takes_a_signature_without_other_changes() -> None:
    entry: Value = {
        "part": "timra",
        "namn": "Ny Person",
        "befattning": "Chef",
        "datum": date(2026, 3, 20),
    }
    for document in COUNTY:
        _check(
            document,
            Append("undertecknare", entry)
            if b"\nundertecknare:" in document
            else SetKey("senast_granskad", date(2026, 3, 20)),
        )
