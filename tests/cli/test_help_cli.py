"""--help speaks Swedish to people (issue 13): a Swedish usage line, words for values instead of
programmer types (`<bool>`, `<str>`, `<list[Path]>`), and examples under every command."""

from __future__ import annotations

import re

import pytest

from samverkan_cli.cli import main
from samverkan_cli.cli.app import EXAMPLES

PROGRAMMER = re.compile(r"<\w+(\[\w+\])?>|\bUsage\b|\[OPTIONS\]|\bCOMMAND\b|\[ARGS\]")


def _help(capsys, *args: str) -> str:
    assert main([*args, "--help"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_command_has_swedish_usage_and_examples(capsys, name):
    text = _help(capsys, name)
    usage = next(line for line in text.splitlines() if "Användning:" in line)
    assert f"Användning: samverkan {name} [FLAGGOR]" in usage
    assert "{" not in usage  # typer writes a required argument as {typ}
    assert not PROGRAMMER.search(text), PROGRAMMER.search(text)
    assert "Exempel:" in text
    for example in EXAMPLES[name]:
        assert example in text


def test_the_tool_help_is_swedish_too(capsys):
    text = _help(capsys)
    assert "Användning: samverkan [FLAGGOR] KOMMANDO [ARGUMENT]..." in text
    assert not PROGRAMMER.search(text)
    assert "samverkan new rutin" in text


def test_values_are_named_as_people_know_them(capsys):
    text = _help(capsys, "new")
    assert re.search(r"--datum\s+ÅÅÅÅ-MM-DD", text)
    assert re.search(r"--overordnad\s+ID", text)
    assert re.search(r"--dry-run\s+Visa filen", text)  # an on/off flag takes no value
