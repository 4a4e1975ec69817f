"""Names from titles and paths in links: slugs ('Överenskommelse om äldre' → 'overenskommelse-om-aldre') and paths as URIs."""

from __future__ import annotations

import re
import unicodedata

_SWEDISH = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def slugify(text: str, max_length: int = 60) -> str:
    """The slug of `text`, or 'dokument' when it has no letter a–z or digit to make one of."""
    return slug(text, max_length) or "dokument"


def slug(text: str, max_length: int = 60) -> str:
    """The slug of `text`: its letters a–z (å, ä, ö and accents folded) and digits, joined by
    hyphens; empty when it has none."""
    folded = unicodedata.normalize("NFKD", text.lower().translate(_SWEDISH))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    found = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    return found[:max_length].rstrip("-")


def path_uri(path: str) -> str:
    """A repository path as a URI reference (RFC 3986): each segment percent-encoded on its
    own, `/` kept as the separator (a space, å or `#` in a file name stays part of the path)."""
    from urllib.parse import quote

    return "/".join(quote(segment, safe="") for segment in path.split("/"))
