"""Control characters are refused in front matter (SV004) and kept out of every export."""

from __future__ import annotations

import subprocess
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import CONFIG, OVK, RUT, base, init_git, validate, write_repo
from samverkan_cli.cli import main
from samverkan_cli.printable import CONTROL, printable

CONTROLS = [
    chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF]
]


@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x07", "\x9b", "\x7f", "\ufffe"], ids=repr)
def test_a_control_character_in_a_title_is_sv004(tmp_path, char):
    documents = base()
    documents[RUT]["titel"] = f"Rutin{char}]8;;https://example.org\x07"
    root = write_repo(tmp_path, documents)
    found = [d for d in validate(root) if d.code == "SV004"]
    assert len(found) == 1 and "styrtecken" in found[0].message
    assert not CONTROL.search(found[0].message)


def test_a_control_character_in_a_party_name_is_sv090(tmp_path):
    from samverkan_cli.errors import ConfigError

    config = {**CONFIG, "namn": "Län\x1b[2J"}
    root = write_repo(tmp_path, base(), config)
    with pytest.raises(ConfigError) as raised:
        validate(root)
    assert "styrtecken" in raised.value.diagnostics[0].message


def test_tab_and_newlines_are_text(tmp_path):
    documents = base()
    documents[OVK]["malgrupp"] = "Vuxna\tmed\nbehov\r\n"
    assert validate(write_repo(tmp_path, documents)) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from([*CONTROLS, "a", "å", " ", "\t", "\n"]), max_size=30))
def test_printable_leaves_no_control_character(text):
    cleaned = printable(text)
    assert not CONTROL.search(cleaned) and len(cleaned) == len(text)


def test_commit_messages_with_control_characters_keep_atom_and_ics_well_formed(capsys, tmp_path):
    root = write_repo(tmp_path / "lan", base())
    init_git(root)
    (root / RUT).write_text((root / RUT).read_text("utf-8") + "\nText.\n", "utf-8")
    env = {"GIT_AUTHOR_NAME": "T\x1b[31m", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@e.org", "HOME": str(root)}
    subprocess.run(["git", "commit", "-qam", "Ny\x1b]8;;x\x07text"], cwd=root, env=env, check=True)
    out = tmp_path / "ut"
    assert main(["publish", "-C", str(root), "--out", str(out), "--today", "2026-06-15"]) == 0
    capsys.readouterr()
    ElementTree.parse(out / "atom.xml")  # well-formed
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".json", ".csv"):
            assert not CONTROL.search(path.read_text("utf-8")), path


def test_a_noncharacter_written_as_a_yaml_escape_is_sv004(tmp_path):
    root = write_repo(tmp_path, base())
    text = (root / RUT).read_text("utf-8").replace("titel: Rutin för SIP", 'titel: "Rutin \\ufffe"')
    (root / RUT).write_text(text, "utf-8")
    found = [d for d in validate(root) if d.code == "SV004"]
    assert len(found) == 1 and "U+FFFE" in found[0].message


def test_a_file_name_with_control_characters_is_not_read_and_never_shown_raw(capsys, tmp_path):
    import json

    documents = base()
    documents["dokument/rutiner/RUT-0009-\x1b[31mrod\x9b.md"] = documents[RUT] | {"id": "RUT-0009"}
    root = write_repo(tmp_path / "lan", documents)
    found = [d for d in validate(root) if d.code == "SV001"]
    assert len(found) == 1 and "styrtecken" in found[0].message
    assert not CONTROL.search(found[0].path) and "\ufffd" in found[0].path
    assert main(["validate", "-C", str(root), "-f", "json", "--today", "2026-06-15"]) == 1
    out = capsys.readouterr().out
    assert not CONTROL.search(json.loads(out)["diagnostics"][0]["path"])
    report = tmp_path / "r.md"
    main(
        ["report", "-C", str(root), "--year", "2026", "--out", str(report), "--today", "2026-12-01"]
    )
    capsys.readouterr()
    assert not CONTROL.search(report.read_text("utf-8"))
