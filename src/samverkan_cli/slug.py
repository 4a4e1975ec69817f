"""File-name slugs from Swedish titles: 'Överenskommelse om äldre' → 'overenskommelse-om-aldre'."""

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
