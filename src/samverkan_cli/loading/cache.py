"""The document cache: what reading each file found, kept between runs in .samverkan/cache/.

A pre-commit hook reads the whole repository on every commit so that references resolve, and
reading front matter is most of a run's cost (~0.2 ms a file). A file whose size, modification
and change times and inode are as last time is not read at all; one whose times changed but whose
content did not (a checkout, a copy) is read but not parsed again. Size and modification time
alone are not enough: `touch -r`, some editors and checkouts write new content under the old
time (a document made a draft stayed published), but any write sets the change time, which no
tool can set back. Only plain data is stored (marshal reads it ~10×
faster than pickle reads objects); models are rebuilt from it, and positions are found again only
for the few documents that have a finding.

The cache is an optimisation and never a source of truth: when it cannot be read or written
(a read-only checkout, another version of the tool) the run goes on without it. Every cache file
carries a checksum of its content (fetch/store, which the findings cache and publish's memo use
too): accidental damage (a flipped bit, a torn write, a cut) is a miss, never a changed answer;
CRC-32 finds every error of up to 32 bits in a row, and misses other random damage once in 4
billion. It is no seal against a person: who can write the cache can write the documents. Set
SAMVERKAN_NO_CACHE=1 to turn it off (read by the command line, passed down as use_cache).
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
import time
import zlib
from pathlib import Path
from typing import Any, Final

from samverkan_cli.fileio import RefusedFile, RepositoryFiles, write_atomic
from samverkan_cli.loading.reading import Plain, Reading, plain, typed

FOLDER: Final = Path(".samverkan") / "cache"
FILE: Final = "dokument.marshal"
#: Bump when what a reading holds changes; the tool's version and Python's are added to it.
FORMAT: Final = 7
#: A file changed this close to the run may change again within the clock's resolution without
#: its size or time changing (git's "racy" case): such an entry is always compared by content.
RACY_SECONDS: Final = 2.0
#: What a cache file starts with: this tag, then the checksum of the rest.
_MAGIC: Final = b"samverkan-cache2\n"
#: CRC-32: it finds every damage of up to 32 bits in a row (one flipped bit, a torn sector's
#: edge) and misses other damage once in 4 billion; no one forges a cache (who can write it
#: can write the documents), and it is ~4× faster than a hash on a 20 MB cache (~25 ms saved
#: on every run that reads one).
_CHECKSUM_SIZE: Final = 4
#: A cache of 20,000 documents is ~30 MB; a bigger file is not one of ours.
_LIMIT: Final = 2**30

#: size, mtime and ctime in ns, inode: what changes when a file is written, whatever its times.
Stat = tuple[int, int, int, int]
_UNTRUSTED: Final = (-1, -1, -1, -1)


def stat_of(info: os.stat_result) -> Stat:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


@functools.cache
def version() -> str:
    """The tool that wrote a cache: a cache from any other is not trusted.

    The installed files' sizes and times are part of it, so a development checkout whose code
    or templates changed under the same version number starts afresh too (~1 ms to stat them).
    """
    from samverkan_cli import __version__

    stamp = hashlib.blake2b(digest_size=8)
    package = Path(__file__).resolve().parents[1]
    for directory, subdirs, names in os.walk(package):
        # The example repository is copied by init, never read by a run (and may hold a cache).
        subdirs[:] = sorted(
            d
            for d in subdirs
            if d not in ("__pycache__", "docs-repo-template") and not d.startswith(".")
        )
        for name in sorted(names):
            info = os.stat(os.path.join(directory, name))  # noqa: PTH116, PTH118
            stamp.update(f"{directory}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return f"{FORMAT}/{__version__}/{python}/{stamp.hexdigest()}"


class DocumentCache:
    """Readings by repository path, each with the size, time and digest of the file read."""

    def __init__(self, root: Path, entries: dict[str, tuple[Stat, bytes, Plain]]) -> None:
        self.root = root
        self._old = entries
        self._new: dict[str, tuple[Stat, bytes, Plain]] = {}
        self._changed = False
        self._started = time.time_ns()

    @classmethod
    def open(cls, root: Path) -> DocumentCache:
        entries = fetch(root, FILE)
        return cls(root, entries if isinstance(entries, dict) else {})

    def by_stat(self, path: str, stat: Stat) -> Reading | None:
        """The reading of an unchanged file, known without reading it."""
        entry = self._old.get(path)
        if entry is None or entry[0] != stat:
            return None
        found = _typed(entry[2])
        if found is not None:
            self._new[path] = entry
        return found

    def digest_of(self, path: str) -> bytes | None:
        """The digest of the content last read from `path`."""
        entry = self._old.get(path)
        return entry[1] if entry else None

    def by_content(self, path: str, content_digest: bytes) -> Reading | None:
        """The reading of a file whose content is as last time (digest_of), though its time
        changed; None if the kept reading cannot be used (the file is then read again)."""
        entry = self._old[path]
        assert entry[1] == content_digest
        return _typed(entry[2])

    def put(self, path: str, stat: Stat, content_digest: bytes, found: Reading) -> None:
        if self._started - max(stat[1], stat[2]) < RACY_SECONDS * 1e9:
            stat = _UNTRUSTED  # compare by content next time
        self._new[path] = (stat, content_digest, plain(found))
        self._changed = True

    def save(self) -> None:
        """Keep what this run read, dropping files that are gone; silently skip if not writable."""
        if not self._changed and self._new.keys() == self._old.keys():
            return
        store(self.root, FILE, self._new)


def _typed(kept: Plain) -> Reading | None:
    try:
        return typed(kept)
    except (ValueError, TypeError, IndexError, KeyError):  # the shape of another version
        return None


def fetch(root: Path, name: str) -> Any:
    """What `store` kept under `name`, or None: no such file, a damaged one (its checksum says
    so), or one written by another version of the tool (the caller then starts afresh)."""
    try:
        data = RepositoryFiles(root).read(root / FOLDER / name, _LIMIT)
    except (OSError, RefusedFile):
        return None
    body = memoryview(data)[len(_MAGIC) + _CHECKSUM_SIZE :]  # not copied: it may be 30 MB
    if data[: len(_MAGIC) + _CHECKSUM_SIZE] != _MAGIC + _checksum(body):
        return None
    try:
        stored = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == version():
        return stored[1]
    return None


def _checksum(body: bytes | memoryview) -> bytes:
    return zlib.crc32(body).to_bytes(_CHECKSUM_SIZE, "big")


def store(root: Path, name: str, payload: Any) -> None:
    """Keep `payload` (plain data) under `name` with this version's stamp, and the .gitignore
    that keeps the folder out of commits.

    Silently does nothing where the folder cannot be written (a read-only checkout), or where
    it is a link out of the repository (a committed .samverkan/ must not make us write there).
    """
    body = marshal.dumps((version(), payload))
    folder = root / FOLDER
    if not RepositoryFiles(root).folder_inside(str(folder)):  # resolved as far as it exists
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            write_atomic(ignore, "# Skapad av samverkan: en cache som aldrig ska checkas in.\n*\n")
        write_atomic(folder / name, _MAGIC + _checksum(body) + body)
    except OSError:
        pass
