"""Run samverkan in a pseudo-terminal, as a user meets its prompts (tests' shared helper)."""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path


def in_terminal(args: list[str], cwd: Path, keys: list[tuple[bytes, bytes]]) -> tuple[str, int]:
    """samverkan's output and exit code, typing each `keys` entry's bytes once its question has
    been shown (in order; each question answered once)."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: samverkan in the terminal
        os.chdir(cwd)
        os.environ["COLUMNS"] = "200"
        os.execv(sys.executable, [sys.executable, "-m", "samverkan_cli", *args])
    output, pending, answered = b"", list(keys), 0
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
        if pending and output.find(pending[0][0], answered) != -1:
            question, typed = pending.pop(0)
            answered = output.find(question, answered) + len(question)
            os.write(fd, typed)
    _pid, status = os.waitpid(pid, 0)
    return output.decode("utf-8", "replace"), os.waitstatus_to_exitcode(status)
