"""The git wrapper: one log call parsed into changes, control characters made visible."""

from __future__ import annotations

from datetime import date

from helpers import base, init_git, write_repo
from samverkan_cli import git

R, F = "\x1e", "\x1f"


def test_parse_splits_commits_and_files():
    output = (
        f"{R}abc{F}2026-03-01{F}Anna{F}Ny rutin; rättad länk\n\ndokument/a.md\ndokument/b.md\nbild.png\n"
        f"{R}def{F}2026-02-01{F}Bo{F}Första\x1b[31m\n\ngrupper/bg.md\n"
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
