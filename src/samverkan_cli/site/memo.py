"""What the last publish into a folder wrote: for each file, the key of its inputs.

Rendering 10,000 pages takes seconds; after one document changed, a handful of them differ. Each
planned file carries a key, a digest of everything it is made from (the tool, the options, the
configuration, and the digests of the documents it shows). A file whose key is as last time, and
which is still on disk as it was written (same size, times and inode), is neither rendered nor
written.

Kept beside the document cache in the repository's .samverkan/cache/, one file per output
folder, never inside the published site. Like that cache it is only a shortcut: without it, or
with SAMVERKAN_NO_CACHE=1, every file is rendered and the site is the same.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from samverkan_cli import heap
from samverkan_cli.loading import cache

#: (key, (size, mtime, ctime, inode)) of a written file. A hand edit of a published file
#: changes one of them (its change time, even under an old modification time), and the file is
#: made again.
Written = tuple[bytes, cache.Stat]


def key(*parts: object) -> bytes:
    """A digest of plain values (str, bytes, int, date, None and tuples/lists of them)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Memo:
    def __init__(self, root: Path | None, out: Path, written: dict[str, Written]) -> None:
        self.root = root
        self.out = out
        self._base = str(out)
        self._old = written
        self._new: dict[str, Written] = {}

    @classmethod
    def none(cls, out: Path) -> Memo:
        """A memo that remembers nothing: every file is rendered."""
        return cls(None, out, {})

    @classmethod
    def open(cls, root: Path, out: Path, *, use_cache: bool = True) -> Memo:
        if not use_cache:
            return cls.none(out)
        with heap.lasting():
            written = cache.fetch(root, _file(out))
        return cls(root, out, written if isinstance(written, dict) else {})

    def fresh(self, path: str, file_key: bytes | None) -> bool:
        """Whether `path` was written from the same inputs and is untouched since."""
        entry = self._old.get(path)
        if file_key is None or entry is None or entry[0] != file_key:
            return False
        try:
            info = os.stat(os.path.join(self._base, path))  # noqa: PTH116, PTH118 (10,000 files)
        except OSError:
            return False
        if cache.stat_of(info) != entry[1]:
            return False
        self._new[path] = entry
        return True

    def record(self, path: str, file_key: bytes | None) -> None:
        """Remember that `path` now holds what `file_key`'s inputs make."""
        if file_key is None or self.root is None:
            return
        try:
            info = os.stat(os.path.join(self._base, path))  # noqa: PTH116, PTH118
        except OSError:
            return
        self._new[path] = (file_key, cache.stat_of(info))

    def save(self) -> None:
        if self.root is not None and self._new != self._old:
            cache.store(self.root, _file(self.out), self._new)


def _file(out: Path) -> str:
    """One memo per output folder, named by the folder's absolute path."""
    name = hashlib.blake2b(str(out.resolve()).encode(), digest_size=8).hexdigest()
    return f"webbplats-{name}.marshal"
