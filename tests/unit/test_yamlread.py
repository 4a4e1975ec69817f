"""The YAML reader: positions, YAML 1.2 scalars, and safety against hostile input."""

from __future__ import annotations

import pytest

from samverkan_cli.loading import source, yamlread


def test_positions_of_keys_and_values():
    located = yamlread.load("id: RUT-0001\nlista:\n  - a\n  - {b: 1}\n", first_line=2)
    assert located.keys[("lista",)] == yamlread.Position(3, 1)
    assert located.values[("lista", 1, "b")] == yamlread.Position(5, 9)
    assert located.position(("lista", 1, "saknas"), key=True) == yamlread.Position(5, 5)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2025-01-01", "2025-01-01"),
        ("'2025-01-01'", "2025-01-01"),
        ("no", "no"),
        ("yes", "yes"),
        ("true", True),
        ("false", False),
        ("12", 12),
        ("1.5", 1.5),
        ("~", None),
        ("", None),
        ("1:30", "1:30"),
        ("0x1F", "0x1F"),
        ("'12'", "12"),
        ("!!str 12", "12"),
    ],
)
def test_scalars_resolve_like_yaml_1_2(text, value):
    assert yamlread.load(f"v: {text}\n").value == {"v": value}


def test_python_tags_are_refused():
    with pytest.raises(yamlread.YamlError, match="inte tillåten"):
        yamlread.load("v: !!python/object/apply:os.system ['echo hej']\n")


def test_local_tags_are_refused():
    with pytest.raises(yamlread.YamlError, match="inte tillåten"):
        yamlread.load("v: !egen 1\n")


def test_alias_bomb_is_bounded():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [{', '.join(['*' + previous] * 10)}]\n"
    with pytest.raises(yamlread.YamlError, match="alias"):
        yamlread.load(bomb)


def test_duplicate_keys_are_problems_not_crashes():
    located = yamlread.load("titel: A\ntitel: B\n")
    assert located.value == {"titel": "B"}
    assert "två gånger" in located.problems[0][0]


def test_yaml_error_has_position_and_swedish_text():
    with pytest.raises(yamlread.YamlError) as raised:
        yamlread.load("titel: a\n  fel: b\n", first_line=2)
    assert raised.value.position.line == 3
    assert "ett kolon står där det inte får stå" in raised.value.message


def test_decode_accepts_bom_and_crlf():
    assert source.decode(b"\xef\xbb\xbf---\r\nid: X\r\n---\r\n") == "---\nid: X\n---\n"


def test_decode_reports_line_and_column_of_bad_byte():
    problem = source.decode(b"---\nid: X\ntitel: \xe5\n")
    assert isinstance(problem, source.DecodeProblem)
    assert problem.position == yamlread.Position(3, 8)


@pytest.mark.parametrize(
    ("text", "gist"),
    [
        ("", "saknar front matter"),
        ("# Rubrik\n", "saknar front matter"),
        ("---\nid: X\n", "avslutas aldrig"),
        (" ---\nid: X\n---\n", "Ta bort mellanslagen"),
    ],
)
def test_split_problems(text, gist):
    with pytest.raises(source.SplitProblem, match=gist):
        source.split(text)


def test_split_keeps_line_numbers():
    parts = source.split("---\nid: X\n---\n# Rubrik\ntext\n")
    assert (parts.yaml_text, parts.yaml_line, parts.body_line) == ("id: X", 2, 4)
    assert parts.body.startswith("# Rubrik")


@pytest.mark.parametrize("text", ["faststalld:\n\tav: bg\n", "taggar:\n  -\ta\n\t- b\n"])
def test_a_tab_in_the_indent_is_named_in_swedish(text):
    with pytest.raises(yamlread.YamlError) as raised:
        yamlread.load(text, first_line=2)
    assert "tabb" in raised.value.message and "libyaml" not in raised.value.message
    assert "Använd mellanslag" in raised.value.message


@pytest.mark.parametrize("value", ["@kommun", "`kod`", "%andel"])
def test_a_reserved_first_character_is_named_in_swedish(value):
    with pytest.raises(yamlread.YamlError) as raised:
        yamlread.load(f"titel: {value}\n")
    assert "reserverar" in raised.value.message and "libyaml" not in raised.value.message
    assert "citattecken" in raised.value.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id: RUT-0001\ntitel Rutin för SIP\nstatus: utkast\n", 2),
        ("id: RUT-0001\ndokumentansvarig Samordnare\nfaststalld: {av: bg}\n", 2),
        ("namn Länets samverkan\n\nparter:\n  region: {namn: R, typ: region}\n", 1),
        ("namn: Län\n# en kommentar\nparter\n  region: {namn: R, typ: region}\n", 3),
    ],
)
def test_a_missing_colon_is_placed_on_its_own_line(text, line):
    """libyaml notices a missing colon on a later line; the finding points at the line that
    lacks it, and says so (issue 13)."""
    with pytest.raises(yamlread.YamlError) as raised:
        yamlread.read(text, 2)
    assert raised.value.position.line == line + 1  # the front matter starts on file line 2
    assert "kolon saknas efter fältnamnet på den här raden" in raised.value.message
