"""No control character from a document reaches the terminal raw, and rich markup in a field is
shown as written: the `list` table, `validate` text and every message that echoes a value."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import re
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import RUT, TODAY, base, front_matter, write_repo
from samverkan_cli import forteckning
from samverkan_cli.cli import listing, main, reporters
from samverkan_cli.cli.terminal import markup, visible
from samverkan_cli.diagnostics import Diagnostic, Severity
from samverkan_cli.loading.repository import load

#: What a terminal obeys: C0 (a newline is fine), DEL and C1.
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
CONTROLS = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]]
#: Controls whose visible form is exact wherever they stand (tab and newline are layout).
EXACT_CONTROLS = [c for c in CONTROLS if c not in "\t\n"]
MARKUP = "[bold red]fet[/] [link=https://ond.example/]länk[/link] :smile: [/]"
HOSTILE = (
    "\x1b]8;;https://ond.example/\x07klicka\x1b]8;;\x07 \x1b[2J\x1b[31m röd \x1b]0;titel\x07 "
    f"{MARKUP} \x9b31m \x00\x7f"
)
#: Printable text that rich would read as markup or emoji, and the controls around it.
PIECES = st.sampled_from(["[", "]", "[/]", "[bold]", "[link=x]", ":smile:", "\\", "=", " "])
WORDS = st.text("abcåäöXYZ019-", min_size=1, max_size=3)
TEXTS = st.lists(PIECES | st.sampled_from(EXACT_CONTROLS) | WORDS, min_size=1, max_size=12).map(
    "".join
)
ANY_TEXTS = st.lists(PIECES | st.sampled_from(CONTROLS) | WORDS, min_size=1, max_size=12).map(
    "".join
)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_visible_replaces_each_control_character_by_one_visible_one():
    assert visible("a\x1b[31mb\x00\x7f\x9b\tc\nd") == "a␛[31mb␀␡\ufffd\tc\nd"
    assert visible("\t\n\r", lines=False) == "␉␊␍"
    assert markup("[bold]x\x1b[/]") == "\\[bold]x␛\\[/]"


@settings(max_examples=300, deadline=None)
@given(text=st.text())
def test_visible_keeps_everything_printable_and_one_char_for_one(text):
    shown = visible(text, lines=False)
    assert len(shown) == len(text)
    assert not FORBIDDEN.search(shown) and "\n" not in shown
    for before, after in zip(text, shown, strict=True):
        assert before == after or FORBIDDEN.match(before) or before == "\n"


@pytest.fixture(scope="module")
def entries(tmp_path_factory):
    root = write_repo(tmp_path_factory.mktemp("lan"))
    return forteckning.entries(load(root), TODAY)


def table(chosen, title: str) -> str:
    with (
        mock.patch.dict(os.environ, {"COLUMNS": "2000"}),
        contextlib.redirect_stdout(io.StringIO()) as out,
    ):
        listing._table(chosen, title)
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(titel=TEXTS, name=TEXTS)
def test_the_list_table_shows_any_title_as_written_and_no_control(entries, titel, name):
    chosen = [
        dataclasses.replace(e, model=e.model.model_copy(update={"titel": titel})) for e in entries
    ]
    out = table(chosen, name)
    assert not FORBIDDEN.search(out)
    assert visible(titel).strip() in out
    assert visible(name).strip() in out


@settings(max_examples=150, deadline=None)
@given(message=TEXTS, line=TEXTS, path=TEXTS)
def test_validate_text_shows_any_message_and_line_as_written_and_no_control(message, line, path):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "dok.md").write_bytes(f"---\nx{line}\n".encode("utf-8", "surrogatepass"))
        finding = Diagnostic("SV002", Severity.ERROR, "dok.md", 2, 3, None, message)
        elsewhere = Diagnostic("SV002", Severity.ERROR, path, 2, 3, None, "x")
        report = reporters.Printout([finding, elsewhere], 1, root)
        stream = io.StringIO()
        reporters.text(report, stream)
    out = stream.getvalue()
    assert not FORBIDDEN.search(out)
    assert visible(message) in out
    assert visible(f"x{line}".rstrip("\r")) in out  # a trailing CR is the line ending
    assert visible(path) in out


def test_github_annotations_carry_no_control_character():
    finding = Diagnostic("SV002", Severity.ERROR, "a\x1b.md", 2, None, None, HOSTILE)
    stream = io.StringIO()
    reporters.github(reporters.Printout([finding], 1, Path()), stream)
    assert not FORBIDDEN.search(stream.getvalue())
    assert MARKUP in stream.getvalue()


@pytest.fixture
def hostile(tmp_path) -> Path:
    documents = base()
    # Control characters in a field are SV004 and keep the document out of `list` (the table's
    # own defence is tested above); markup is no fault, and must be shown as written.
    documents[RUT] = front_matter(
        {**documents[RUT], "titel": MARKUP, "dokumentansvarig": "[red]Samordnare[/]"},
        body=f"# Rubrik\n\n{HOSTILE} [länk](RUT-9999)\n",
    )
    return write_repo(tmp_path, documents)


def test_list_table_shows_markup_in_fields_as_written(capsys, hostile, monkeypatch):
    monkeypatch.setenv("COLUMNS", "2000")
    code, out, err = run(capsys, "list", "-C", str(hostile), "--today", "2026-06-15")
    assert code == 0, err
    assert not FORBIDDEN.search(out)
    assert MARKUP in out
    assert "[red]Samordnare[/]" in out


def test_validate_text_of_a_hostile_line(capsys, hostile):
    code, out, _ = run(capsys, "validate", "-C", str(hostile), "--today", "2026-06-15")
    assert code == 1
    assert "SV053" in out
    assert not FORBIDDEN.search(out)
    assert visible(f"{HOSTILE} [länk](RUT-9999)") in out
    assert "␛]8;;https://ond.example/␇klicka" in out


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--status", HOSTILE],
        ["list", "--part", HOSTILE],
        ["list", "--typ", HOSTILE],
        ["new", "riktlinje", "--titel", "R", "--grupp", HOSTILE],
        ["publish", "--base-url", HOSTILE],
        ["validate", "--format", HOSTILE],
        ["validate", HOSTILE],
    ],
)
def test_messages_that_echo_a_value_carry_no_control_character(capsys, hostile, args):
    code, out, err = run(capsys, *args, "-C", str(hostile))
    assert code == 2
    assert not FORBIDDEN.search(out + err)
    assert "Traceback" not in err


def test_new_refuses_a_title_with_control_characters_saying_so_visibly(
    capsys, hostile, monkeypatch
):
    """The file would fail validate (SV001), and `new` never writes such a file."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    args = ["new", "riktlinje", "--titel", HOSTILE, "--dry-run", "-C", str(hostile)]
    code, out, err = run(capsys, *args)
    assert code == 2
    assert "osynligt styrtecken (U+001B) på plats 1" in err
    assert not FORBIDDEN.search(out + err)


def test_new_dry_run_echoes_markup_in_a_title_as_written(capsys, hostile, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    args = ["new", "riktlinje", "--titel", f"Riktlinje {MARKUP}", "--dry-run", "-C", str(hostile)]
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert not FORBIDDEN.search(out)
    assert MARKUP in out


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(titel=ANY_TEXTS, body=ANY_TEXTS)
def test_list_and_validate_of_any_title_and_body_carry_no_control(
    capsys, tmp_path_factory, titel, body
):
    documents = base()
    line = body.replace("\n", " ").replace("\r", " ")
    documents[RUT] = front_matter(
        {**documents[RUT], "titel": titel}, body=f"# Rubrik\n\n{line} [x](RUT-9999)\n"
    )
    root = write_repo(tmp_path_factory.mktemp("lan"), documents)
    for args in (["list"], ["validate"], ["validate", "-f", "github"]):
        code, out, err = run(capsys, *args, "-C", str(root), "--today", "2026-06-15")
        assert code in (0, 1), err
        assert not FORBIDDEN.search(out + err)
        assert "Traceback" not in err
