"""Attachments on the site: the files a page's body links to, copied into a folder named after
the page (dokument/OVK-0001.html links to dokument/OVK-0001/bilaga.pdf), and what each is.

Only shown documents and groups have pages, so a hidden document's attachments are never
copied; what is copied, and what is not, is what attachments.problem says (SV056). Each
attachment is read once per publish for its digest, an input of its page and its copy: ~50 ms
for 25 MB on a 2-core test machine, small beside rendering, so no memo of sizes and times is
kept for them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from samverkan_cli import attachments
from samverkan_cli.fileio import RepositoryFiles
from samverkan_cli.loading.cache import digest
from samverkan_cli.loading.document import Document
from samverkan_cli.site import memo
from samverkan_cli.site.inputs import Attachment

#: Characters a published name does not keep: control characters (the manifest of the site
#: holds one path a line) and the backslash (a folder separator on Windows).
_UNSAFE: Final = re.compile(r"[\x00-\x1f\x7f\\]")


class Found:
    """The repository's attachments as this publish found them: each read once, however many
    pages link to it."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self.files = RepositoryFiles(root)
        self._exists: dict[str, bool] = {}
        self._digests: dict[str, bytes | None] = {}

    def exists(self, relative: str) -> bool:
        found = self._exists.get(relative)
        if found is None:
            found = self._exists[relative] = (self._root / relative).exists()
        return found

    def digest(self, relative: str) -> bytes | None:
        """The digest of what is published of `relative`, None when it is not published."""
        if relative not in self._digests:
            data = attachments.content(self.files, relative)
            self._digests[relative] = digest(data) if data is not None else None
        return self._digests[relative]

    def content(self, relative: str) -> bytes:
        """What is published of `relative` (empty if it was changed into something that is
        not published since the site was planned: the next publish removes the copy)."""
        return attachments.content(self.files, relative) or b""


def of(document: Document, page: str, found: Found) -> list[Attachment]:
    """The published attachments that the body of `document`, shown at `page`, links to."""
    sources = {
        path
        for target, _line, _column in document.facts.links
        if (path := attachments.path_of(document.path, target, found.exists)) is not None
    }
    published = [(source, found.digest(source)) for source in sorted(sources)]
    return named(page, [(source, d) for source, d in published if d is not None])


def named(page: str, sources: Iterable[tuple[str, bytes]]) -> list[Attachment]:
    """Each attachment in the folder of `page` under its own file name, the later of two
    with the same name (in any case: on Windows and macOS they are one file) numbered."""
    folder = page.removesuffix(".html")
    taken: set[str] = set()
    found = []
    for source, content_digest in sources:
        name = _unique(_safe(posixpath.basename(source)), taken)
        taken.add(name.casefold())
        found.append(Attachment(source, f"{folder}/{name}", content_digest))
    return found


def key(attachment: Attachment) -> bytes:
    """The key of a copy: its source and the digest of its bytes, nothing else."""
    return memo.key("bilaga", attachment.source, attachment.digest)


def links(shown: Iterable[Attachment]) -> dict[str, str]:
    """Repository path → path in the site, for rewriting a body's links."""
    return {attachment.source: attachment.published for attachment in shown}


def _safe(name: str) -> str:
    clean = _UNSAFE.sub("_", name)
    return f"_{clean[1:]}" if clean.startswith(".") else clean  # never a hidden file


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix = posixpath.splitext(name)
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    return candidate
