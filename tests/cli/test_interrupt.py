"""Ctrl-C in a prompt says "Avbrutet." and exits 130, writing nothing (issue 13: it said
nothing). Run in a pseudo-terminal, as a user meets it."""

from __future__ import annotations

import shutil

import pytest

from samverkan_cli.scaffold.init import TEMPLATE
from terminal import in_terminal

pty = pytest.importorskip("pty")


def test_ctrl_c_in_a_prompt_says_avbrutet(tmp_path):
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns(".samverkan"))
    before = sorted(p.relative_to(root) for p in root.rglob("*.md"))
    output, code = in_terminal(["new", "rutin"], root, [(b"Titel:", b"\x03")])  # Ctrl-C
    assert code == 130, output
    assert "Avbrutet." in output
    assert sorted(p.relative_to(root) for p in root.rglob("*.md")) == before
