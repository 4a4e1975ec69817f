"""Ctrl-C in a prompt says "Avbrutet." and exits 130, writing nothing (issue 13: it said
nothing). Run in a pseudo-terminal, as a user meets it."""

from __future__ import annotations

import os
import select
import shutil
import sys
import time
from pathlib import Path

import pytest

from samverkan_cli.scaffold.init import TEMPLATE

pty = pytest.importorskip("pty")


def _interrupted(args: list[str], cwd: Path) -> tuple[str, int]:
    pid, fd = pty.fork()
    if pid == 0:  # the child: samverkan in the terminal
        os.chdir(cwd)
        os.execv(sys.executable, [sys.executable, "-m", "samverkan_cli", *args])
    output, asked = b"", False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            output += data
        if not asked and b"Titel:" in output:
            os.write(fd, b"\x03")  # Ctrl-C at the first question
            asked = True
    _pid, status = os.waitpid(pid, 0)
    return output.decode("utf-8", "replace"), os.waitstatus_to_exitcode(status)


def test_ctrl_c_in_a_prompt_says_avbrutet(tmp_path):
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns(".samverkan"))
    before = sorted(p.relative_to(root) for p in root.rglob("*.md"))
    output, code = _interrupted(["new", "rutin"], root)
    assert code == 130, output
    assert "Avbrutet." in output
    assert sorted(p.relative_to(root) for p in root.rglob("*.md")) == before
