"""`record` in a terminal asks for what the command lacks, with the document's own choices, and
for what it may carry (an avslag typed in must not be written as antagen). Run in a
pseudo-terminal, as a user meets it."""

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

OVK5 = "dokument/overenskommelser/OVK-0005-vald-i-nara-relationer.md"


def _answered(args: list[str], cwd: Path, answers: list[tuple[bytes, bytes]]) -> tuple[str, int]:
    """Run samverkan in a terminal, typing each answer once its question has been shown."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: samverkan in the terminal
        os.chdir(cwd)
        os.environ["COLUMNS"] = "200"
        os.execv(sys.executable, [sys.executable, "-m", "samverkan_cli", *args])
    output, pending = b"", list(answers)
    deadline = time.monotonic() + 60
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
        if pending and pending[0][0] in output:
            question, answer = pending.pop(0)
            output = output.replace(question, question.upper(), 1)  # each question once
            os.write(fd, answer + b"\r")
    _pid, status = os.waitpid(pid, 0)
    return output.decode("utf-8", "replace"), os.waitstatus_to_exitcode(status)


def test_a_position_asked_for_in_a_terminal_keeps_its_outcome(tmp_path):
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns(".samverkan"))
    output, code = _answered(
        ["record", "stallningstagande", "OVK-0005", "--today", "2026-11-24"],
        root,
        [
            (b"Part (nyckeln ovan)", b"solleftea"),
            (b"Instans som beslutade", b"KS"),
            (b"Datum", b"2026-11-20"),
            (b"Utfall", b"avslagen"),
            (b"Paragraf", "§ 77".encode()),
        ],
    )
    assert code in (0, 1), output
    # the parties still to decide are marked; one that has decided is not
    assert "Sollefteå kommun (solleftea)  (har inte tagit ställning)" in output
    assert "Sundsvalls kommun (sundsvall)  (har" not in output
    text = (root / OVK5).read_text("utf-8")
    assert (
        '  - {part: solleftea, instans: KS, datum: 2026-11-20, paragraf: "§ 77", utfall: avslagen}\n'
        in text
    )
