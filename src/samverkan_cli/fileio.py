"""The one place that writes files: atomically (temp file in the same folder, then rename);
and the one that reads a repository's files: only regular files inside it, of bounded size."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Final


def _mode(existing: Path) -> int:
    """The mode a new file gets from the user's umask (mkstemp makes 0600, which would hide
    published pages from the web server), or the mode of the file being replaced."""
    try:
        return existing.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write `content` (text as UTF-8 with \\n line endings) so readers see the old file or the
    new, never half of one."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), _mode(path))
            stream.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_only(path: str | Path) -> bool:
    """Whether the user has made the file read-only. write_atomic replaces a file by renaming,
    which only its folder's permission governs: without asking, a read-only file would be
    rewritten (by anyone, as it is by root, who may write anything)."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return False
    return not mode & 0o222 or not os.access(path, os.W_OK)


READ_ONLY: Final = (
    "{path} är skrivskyddad, så inget ändrades. Ta bort skrivskyddet (t.ex. chmod u+w {path}) "
    "om filen ska ändras, och försök igen."
)


def create_atomic(path: Path, text: str) -> None:
    """Like write_atomic, but never replaces an existing file (raises FileExistsError).

    The content is written to a temporary file first and then hard-linked into place, which
    fails if the name is taken: no moment exists when a half-written file has the final name.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            os.fchmod(stream.fileno(), _mode(path))
            stream.write(text)
        os.link(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


# Reading: a repository is input from anyone who can commit to it. A committed symbolic link
# may point anywhere (/proc/self/environ, /etc/passwd, another project's files, /dev/zero), and a
# FIFO or device named .md would block a read or never end it. So a repository's files are read
# only when they are regular files inside the repository, and at most READ_LIMIT bytes.

#: The most of one repository file that is read. 16 MiB is some 8,000 pages of text: a document
#: that long is a mistake, and a bigger read would only exhaust memory.
READ_LIMIT: Final = 16 * 2**20
#: Opened without following a final link, without blocking on a FIFO, never as a terminal.
_OPEN_FLAGS: Final = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)
_KIND: Final = (
    (stat.S_ISDIR, "en mapp"),
    (stat.S_ISFIFO, "en namngiven pipe (FIFO)"),
    (stat.S_ISCHR, "en enhetsfil"),
    (stat.S_ISBLK, "en enhetsfil"),
    (stat.S_ISSOCK, "en socket"),
)


class RefusedFile(Exception):
    """A repository file that is not read; `message` says why and how to fix it, in Swedish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_repository_file(root: Path | str, path: Path | str, limit: int = READ_LIMIT) -> bytes:
    """The bytes of `path`, a file in the repository at `root`: RefusedFile unless it is a
    regular file (or a link to one) inside the repository and at most `limit` bytes; OSError
    when it cannot be read."""
    return RepositoryFiles(root).read(path, limit)


class RepositoryFiles:
    """Checks and reads the files of one repository; remembers which folders lie inside it
    (resolving a path costs ~15 µs, as much as reading a small file)."""

    def __init__(self, root: Path | str) -> None:
        self.root = os.path.realpath(root)
        self._prefix = os.path.join(self.root, "")  # noqa: PTH118
        self._inside: dict[str, bool] = {}

    def read(self, path: Path | str, limit: int = READ_LIMIT) -> bytes:
        real, _info = self.inspect(path, limit)
        return read_regular(real, limit)

    def inspect(self, path: Path | str, limit: int = READ_LIMIT) -> tuple[str, os.stat_result]:
        """The path to read `path` by (its target, if a link) and its stat, checked as read()
        checks it; nothing is opened, so a FIFO or device is refused without touching it."""
        name = os.fspath(path)
        if not self.folder_inside(os.path.dirname(name)):  # noqa: PTH120
            raise RefusedFile(
                "Filen ligger i en mapp som är en symbolisk länk ut ur arkivet och läses inte. "
                "Ersätt länken med mappen själv."
            )
        info = os.lstat(name)
        if stat.S_ISLNK(info.st_mode):
            name = self._target(name)
            info = os.stat(name)  # noqa: PTH116
        check(info, limit)
        return name, info

    def folder_inside(self, folder: str) -> bool:
        """Whether `folder` (and so a file directly in it, not a link) lies inside the repository."""
        inside = self._inside.get(folder)
        if inside is None:
            inside = self._is_inside(os.path.realpath(folder))
            self._inside[folder] = inside
        return inside

    def _is_inside(self, real: str) -> bool:
        return real == self.root or real.startswith(self._prefix)

    def _target(self, link: str) -> str:
        real, written = os.path.realpath(link), Path(link).readlink()
        if not self._is_inside(real):
            raise RefusedFile(
                f"Filen är en symbolisk länk som pekar utanför arkivet (till {written}) "
                "och läses inte. Ersätt länken med filen själv."
            )
        if not os.path.lexists(real):
            raise RefusedFile(
                f"Filen är en symbolisk länk till {written}, som inte finns. Ersätt "
                "länken med filen själv."
            )
        return real


def check(info: os.stat_result, limit: int = READ_LIMIT) -> None:
    """RefusedFile unless `info` is that of a regular file of at most `limit` bytes."""
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KIND if test(info.st_mode)), "ingen vanlig fil")
        raise RefusedFile(
            f"Filen är {kind}, inte en vanlig fil, och läses inte. Ersätt den med en vanlig "
            "textfil."
        )
    if info.st_size > limit:
        raise RefusedFile(_too_big(info.st_size, limit))


def _too_big(size: int, limit: int) -> str:
    def mib(count: int) -> str:
        return f"{count / 2**20:.1f}".replace(".", ",").removesuffix(",0")

    return (
        f"Filen är {mib(size)} MiB, och mer än {mib(limit)} MiB läses inte. Dela upp innehållet "
        "i flera filer, eller lägg stora bilagor som egna filer bredvid."
    )


def read_regular(path: str, limit: int = READ_LIMIT) -> bytes:
    """The bytes of the regular file `path` (already checked to be inside its repository), read
    without following a link or blocking; RefusedFile if it is not a regular file of at most
    `limit` bytes by the time it is opened."""
    handle = _open(path)
    try:
        info = os.fstat(handle)
        check(info, limit)
        chunks, left = [], limit + 1
        while left > 0:  # to the end, which the size said: or to the limit, if it grew
            chunk = os.read(handle, min(left, max(info.st_size + 1, 2**16)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(handle)
    data = b"".join(chunks)
    if len(data) > limit:
        raise RefusedFile(_too_big(len(data), limit))
    return data


def read_start(path: str, size: int) -> bytes:
    """The first `size` bytes (or fewer: all there is) of the regular file `path`, already
    checked to be inside its repository and opened as read_regular opens it: what a file is
    shows in its first bytes, and an attachment of 25 MB need not be read to know it."""
    handle = _open(path)
    try:
        check(os.fstat(handle), limit=2**63)
        chunks, left = [], size
        while left > 0:
            chunk = os.read(handle, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(handle)
    return b"".join(chunks)


def _open(path: str) -> int:
    """A handle on `path`, opened without following a final link, blocking or a terminal."""
    try:
        return os.open(path, _OPEN_FLAGS)
    except OSError as error:
        if error.errno == errno.ELOOP:  # a link put in its place since it was checked
            raise RefusedFile(
                "Filen är en symbolisk länk och läses inte. Ersätt länken med filen själv."
            ) from None
        raise
