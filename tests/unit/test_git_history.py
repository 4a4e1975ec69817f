"""The git wrapper: one log call parsed into changes, control characters made visible."""

from __future__ import annotations

from datetime import date

from helpers import base, init_git, write_repo
from samverkan_cli import git

R, F = "\x1e", "\x1f"


def test_parse_splits_commits_and_files():
    output = (
        f"{R}abc{F}2026-03-01{F}Anna{F}Ny rutin; rättad länk\0\ndokument/a.md\0dokument/b.md\0bild.png\0"
        f"{R}def{F}2026-02-01{F}Bo{F}Första\x1b[31m\0\ngrupper/bg.md\0"
    )
    changes = git._parse(output)
    assert [(c.commit, c.path) for c in changes] == [
        ("abc", "dokument/a.md"),
        ("abc", "dokument/b.md"),
        ("def", "grupper/bg.md"),
    ]
    assert changes[0] == git.Change(
        date(2026, 3, 1), "dokument/a.md", "Anna", "Ny rutin; rättad länk", "abc"
    )
    assert "\x1b" not in changes[2].message


def test_history_of_a_repository(tmp_path):
    root = write_repo(tmp_path / "lan", base())
    init_git(root)
    changes = git.history(root)
    assert changes is not None
    assert {c.message for c in changes} == {"Första versionen"}
    assert sorted(c.path for c in changes) == sorted(base())


def test_no_history_outside_a_repository_of_its_own(tmp_path):
    root = write_repo(tmp_path / "lan", base())
    assert git.history(root) is None
    init_git(tmp_path)  # a parent repository is not the documents repository's own
    assert git.history(root) is None


def test_paths_with_swedish_letters_and_spaces_are_read_as_written(tmp_path):
    documents = base()
    documents["dokument/rutiner/RUT-0002-sip-för barn.md"] = documents.pop(
        "dokument/rutiner/RUT-0001-sip.md"
    )
    root = write_repo(tmp_path / "lan", documents)
    init_git(root)
    paths = {c.path for c in git.history(root) or []}
    assert "dokument/rutiner/RUT-0002-sip-för barn.md" in paths
