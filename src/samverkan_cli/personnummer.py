"""Find personnummer and samordningsnummer in text (SV051).

Candidates are found by pattern and confirmed by date and Luhn check digit (python-stdnum), so
dates, diarienummer, phone numbers and organisationsnummer (month 20 or more) are not flagged.
A samordningsnummer has 60 added to the day; stdnum rejects those, so the day is taken back before
the date check while the check digit is computed on the number as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_CANDIDATE = re.compile(r"(?<![\d\w+-])(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})(?![\d\w])")
# Every identity number holds six ASCII digits in a row, and most documents hold none. Finding
# out by turning every digit into "0" and everything else into a space (bytes.translate, in C)
# is ~20× faster than the full pattern and ~3× faster than a plain [0-9]{6} search.
_DIGITS_AS_ZEROS = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_PHONE_WORDS = re.compile(
    r"(tel|telefon|mobil|fax|sms|växel|nummer till)\w*[\s.:]*$", re.IGNORECASE
)
_COORDINATION = 60


@dataclass(frozen=True, slots=True)
class Found:
    offset: int
    text: str
    kind: str  # "personnummer" | "samordningsnummer"


def find(text: str, encoded: bytes | None = None) -> Iterator[Found]:
    """Every identity number in `text` with its character offset.

    `encoded`: the file's bytes, when the caller has them, so that the quick look for six digits
    in a row need not encode the text again (a BOM or CR changes nothing for it).
    """
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    if b"000000" not in encoded.translate(_DIGITS_AS_ZEROS):
        return
    for match in _CANDIDATE.finditer(text):
        if _looks_like_phone(text, match.start()):
            continue
        kind = _kind(match)
        if kind is not None:
            yield Found(match.start(), match.group(0), kind)


def _looks_like_phone(text: str, start: int) -> bool:
    return _PHONE_WORDS.search(text[max(0, start - 24) : start]) is not None


def _kind(match: re.Match[str]) -> str | None:
    from stdnum import luhn
    from stdnum.se import personnummer

    century, year, month, day, separator, tail = match.groups()
    if not luhn.is_valid(f"{year}{month}{day}{tail}"):
        return None
    kind = "personnummer"
    if int(day) > _COORDINATION:
        day = f"{int(day) - _COORDINATION:02d}"
        kind = "samordningsnummer"
    candidate = f"{century or ''}{year}{month}{day}{separator or '-'}{tail}"
    try:
        personnummer.get_birth_date(candidate)
    except Exception:  # stdnum raises its own ValidationError subclasses
        return None
    return kind


def masked(text: str) -> str:
    """`text` with every identity number in it masked, each as long as before (so that a caret
    under the line still points right): for showing a line of a file in a terminal or CI log."""
    pieces: list[str] = []
    start = 0
    for found in find(text):  # joined once: slicing the whole text per number is quadratic
        pieces += (text[start : found.offset], mask(found.text))
        start = found.offset + len(found.text)
    return "".join(pieces) + text[start:]


def mask(number: str) -> str:
    """Show where the number is without repeating it in full: 19121212-****."""
    return number[:-4] + "****"
