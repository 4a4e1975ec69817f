"""A thin wrapper over the git command: the whole history in one call, never one per file."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import NamedTuple

from samverkan_cli.loading.repository import DOCUMENT_FOLDERS
from samverkan_cli.printable import printable

_RECORD, _FIELD = "\x1e", "\x1f"


class Change(NamedTuple):
    """One commit touching one document file (a tuple: a long history makes many)."""

    day: date
    path: str
    author: str
    message: str
    commit: str


def history(
    root: Path, since: date | None = None, until: date | None = None
) -> list[Change] | None:
    """Commits touching document files under `root`, newest first; None without git history.

    Only a repository of its own counts: a documents folder inside another project's repository
    (like the example in this tool's source) would otherwise report that project's commits.
    """
    if not _is_toplevel(root):
        return None
    command = [
        "git",
        "-C",
        str(root),
        "log",
        "--relative",
        "--no-renames",
        "--name-only",
        "-z",  # paths as they are: quoted paths (å, ä, ö) missed hidden files and public ones
        f"--format={_RECORD}%H{_FIELD}%cs{_FIELD}%an{_FIELD}%s",
    ]
    if since is not None:
        command.append(f"--since={since.isoformat()}T00:00:00")
    if until is not None:
        command.append(f"--until={until.isoformat()}T23:59:59")
    command += ["--", *DOCUMENT_FOLDERS]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, encoding="utf-8", check=False
        )
    except (FileNotFoundError, OSError):
        return None
    if done.returncode != 0:
        return None  # not a repository, or one without commits
    return _parse(done.stdout)


def _is_toplevel(root: Path) -> bool:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=False,
        )
    except (FileNotFoundError, OSError):
        return False
    return done.returncode == 0 and Path(done.stdout.strip()).resolve() == root.resolve()


def _parse(output: str) -> list[Change]:
    changes: list[Change] = []
    for record in output.split(_RECORD)[1:]:
        header, _, names = record.partition("\0")
        commit, day, author, message = header.split(_FIELD, 3)
        author, message = printable(author), printable(message)
        day_of = date.fromisoformat(day)
        changes.extend(
            Change(day_of, name, author, message, commit)
            for name in names.lstrip("\n").split("\0")
            if name.endswith(".md")
        )
    return changes
