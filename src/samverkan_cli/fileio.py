"""The one place that writes files: atomically (temp file in the same folder, then rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
