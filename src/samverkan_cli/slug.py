"""File-name slugs from Swedish titles: 'Överenskommelse om äldre' → 'overenskommelse-om-aldre'."""

from __future__ import annotations

import re
import unicodedata

_SWEDISH = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def slugify(text: str, max_length: int = 60) -> str:
    folded = unicodedata.normalize("NFKD", text.lower().translate(_SWEDISH))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    return slug[:max_length].rstrip("-") or "dokument"
