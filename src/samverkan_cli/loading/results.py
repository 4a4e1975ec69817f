"""The last validation's findings, kept in .samverkan/cache/ with the inputs they came from.

When nothing a run reads has changed (every document's size, times and inode, samverkan.yaml,
lagrum.yaml, the deviation files (avvikelser/*.csv), the date, the tool's version, the existence of every file a link named, and what
examining each linked attachment says), the findings are the same, and a hook run on a
10,000-document repository costs a stat of each file instead of reading them. Any doubt (a file written in the last seconds, a damaged cache) means
the run is done in full.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from datetime import date
from pathlib import Path

from samverkan_cli import attachments, avvikelser
from samverkan_cli.config import CONFIG_FILE
from samverkan_cli.diagnostics import Diagnostic, Severity
from samverkan_cli.fileio import RefusedFile, RepositoryFiles
from samverkan_cli.findings import Findings
from samverkan_cli.lagrum import REGISTRY_FILE
from samverkan_cli.loading import cache
from samverkan_cli.loading.repository import files

FILE = "validering.marshal"
#: The årsrapport's findings, as of its year's 31 December: kept apart, so that a report and
#: the pre-commit hook's validate (as of today) do not push each other's findings out.
YEAR_END_FILE = "validering-arsslut.marshal"


def key(root: Path, today: date) -> bytes | None:
    """A digest of everything a run reads, or None when a file is too fresh to be trusted."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{cache.version()}|{today.isoformat()}".encode())
    fresh = time.time_ns() - cache.RACY_SECONDS * 1e9
    checked = RepositoryFiles(root)
    for name in (CONFIG_FILE, REGISTRY_FILE, *avvikelser.files(root)):
        # Each part with its length, so that no bytes can move from one file to the next
        # under the same key; an unreadable file by why (a finding names where a link led).
        try:
            content = checked.read(root / name)
        except RefusedFile as refused:
            content = b"refused\0" + str(refused).encode("utf-8", "surrogatepass")
        except OSError as error:
            content = f"unreadable\0{error.errno}".encode()
        digest.update(f"{name}\0{len(content)}\0".encode() + content)
    for relative, path in files(root):
        try:
            info = os.lstat(path)  # pathlib costs ~30 µs a file here
            if stat.S_ISLNK(info.st_mode):  # where it leads decides whether it is read
                resolved = os.path.realpath(path)
                digest.update(f"{relative}\0->{resolved}\0".encode(errors="surrogateescape"))
                info = os.stat(path)  # noqa: PTH116 - as above
        except OSError:
            return None
        # Only a fresh modification time means doubt: any write sets it. The change time is
        # in the key (a write under an old modification time, as `touch -r`, changes it) but
        # is set by much that is no write (chmod, utime, a checkout), which is no doubt.
        if info.st_mtime_ns > fresh:
            return None
        size, mtime, ctime, inode = cache.stat_of(info)
        digest.update(f"{relative}\0{size}\0{mtime}\0{ctime}\0{inode}\0".encode())
    return digest.digest()


def recall(root: Path, run_key: bytes | None, file: str = FILE) -> Findings | None:
    """The findings of the last run if its key was `run_key` and every probe answers the same."""
    if run_key is None:
        return None
    try:
        stored_key, diagnostics, paths, probes, examined = cache.fetch(root, file)
        if stored_key != run_key:
            return None
        if any((root / relative).exists() != existed for relative, existed in probes.items()):
            return None
        if _examined_again(root, examined) != examined:
            return None
        return Findings(
            [
                Diagnostic(c, Severity(s), p, ln, col, i, m)
                for c, s, p, ln, col, i, m in diagnostics
            ],
            paths,
            probes,
            examined,
        )
    except (OSError, ValueError, TypeError):  # none kept, or not in this shape
        return None


def remember(root: Path, run_key: bytes | None, found: Findings, file: str = FILE) -> None:
    if run_key is None:
        return
    diagnostics = [
        (d.code, str(d.severity), d.path, d.line, d.column, d.id, d.message)
        for d in found.diagnostics
    ]
    cache.store(root, file, (run_key, diagnostics, found.paths, found.probes, found.examined))


def _examined_again(root: Path, examined: dict[str, str | None]) -> dict[str, str | None]:
    """What examining each attachment says now: a PDF replaced by a bigger one is a new
    finding, though no document changed (its first bytes are read, not all of it)."""
    files = RepositoryFiles(root)
    return {relative: attachments.problem(files, relative) for relative in examined}
