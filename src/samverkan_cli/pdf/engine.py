"""Set a PDF with Typst: one template of ours, the user's text passed as data only.

What a PDF shows is a JSON value in `sys.inputs`: the template reads it with `json(...)` and
puts each string in as text, so nothing a document says becomes Typst code. The compiler's root
is a new empty folder holding only the images we put there, so `read` and `image` reach
nothing else; only the fonts inside the typst package are used (the same bytes on every
machine), and the document has no date (`date: none`): the same input gives the same bytes.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

from samverkan_cli.errors import SamverkanError, UserError

#: The standard every PDF declares: PDF/UA-1 (tagged, with language, title, embedded fonts).
STANDARD: Final = "ua-1"
#: How a user gets what is missing (the extra in pyproject.toml).
INSTALL: Final = "pip install 'samverkan-cli[pdf]'"
MISSING: Final = (
    "PDF kräver tillägget för utskrift, som inte är installerat (Python-paketet typst saknas). "
    f"Installera det med {INSTALL} (med pipx: pipx inject samverkan-cli typst) och försök igen; "
    "inget skrevs."
)


class PdfUnavailable(UserError):
    """The optional PDF component is not installed: an environment error, like bad usage (2)."""


class PdfFailed(SamverkanError):
    """Typst refused what we gave it: a bug of ours (the input is data), shown in Swedish."""

    exit_code = 3


#: What stands in for a character that no bundled font has (checked to be in them, in text
#: and code alike: tests/unit/test_pdf_engine.py).
PLACEHOLDER: Final = "\u25a1"  # □
#: Rounds of replacing what Typst could not display: the first error lists every character,
#: so the second compile succeeds; more rounds only guard against a surprise.
_ROUNDS: Final = 4
#: PDF/UA-1 refuses a glyph the font lacks: `the text "🙂" could not be displayed with font
#: "Libertinus Serif"`, the text as Rust's Debug writes a string (escapes such as \u{200d}).
_UNDISPLAYABLE: Final = re.compile(r'the text `"((?:[^"\\]|\\.)*)"` could not be displayed')
_ESCAPE: Final = re.compile(r"\\(u\{([0-9a-fA-F]{1,6})\}|.)")
_ESCAPED: Final = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}
#: Keys whose strings are never set as text: an image's file, a link's address, the title in
#: the metadata (a viewer shows it with its own fonts).
_NOT_SHOWN: Final = frozenset({"src", "url"})


@dataclass(frozen=True)
class Printed:
    """A PDF, and the characters that no bundled font has, each replaced by PLACEHOLDER (or
    left out when it is an invisible format character, as a joiner in an emoji)."""

    pdf: bytes
    replaced: tuple[str, ...] = ()


def available() -> bool:
    """Whether PDFs can be made here (typst importable), without importing it."""
    from importlib.util import find_spec

    try:
        return find_spec("typst") is not None
    except (ImportError, ValueError):
        return False


#: Whether Typst has compiled in this process: a process forked after that hangs in its first
#: compile (Typst's thread pool does not survive a fork), so it is then no longer forkable.
_compiled_here = False


def forkable() -> bool:
    """Whether worker processes forked now can make PDFs: only before the first compile here."""
    return not _compiled_here


def _typst() -> Any:
    try:
        import typst
    except ImportError:
        raise PdfUnavailable(MISSING) from None
    return typst


def require() -> None:
    """PdfUnavailable (with what to install) unless PDFs can be made: checked before any work."""
    _typst()


@cache
def template() -> bytes:
    return resources.files("samverkan_cli").joinpath("pdf", "templates", "print.typ").read_bytes()


def compile_pdf(data: Mapping[str, Any], files: Mapping[str, bytes] | None = None) -> Printed:
    """The PDF of `data` (see templates/print.typ), with `files` (name → bytes: the images the
    data names) as the only files the template can reach. A character no bundled font has is
    replaced (Printed.replaced says which), so that any text can be printed."""
    replaced: set[str] = set()
    shown = dict(data)
    for _round in range(_ROUNDS):
        made, missing = _compiled(shown, files or {})
        if made is not None:
            return Printed(made, tuple(sorted(c for c in replaced if not _invisible(c))))
        replaced |= missing
        shown = {**data, **{k: _replace(v, replaced) for k, v in data.items() if k != "title"}}
    raise _failed("tecken som inte kan visas fanns kvar efter flera försök")


def _compiled(data: Mapping[str, Any], files: Mapping[str, bytes]) -> tuple[bytes | None, set[str]]:
    """(the PDF, nothing) or (None, the characters Typst could not display); PdfFailed when
    Typst refused for another reason."""
    global _compiled_here
    typst = _typst()
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    with tempfile.TemporaryDirectory(prefix="samverkan-pdf-") as root:
        for name, content in files.items():
            if "/" in name or name.startswith("."):
                raise ValueError(f"not a plain file name: {name!r}")
            (Path(root) / name).write_bytes(content)
        _compiled_here = True
        try:
            made = typst.compile(
                template(),
                format="pdf",
                root=root,
                ignore_system_fonts=True,
                pdf_standards=STANDARD,
                sys_inputs={"data": text},
            )
        except typst.TypstError as error:
            missing = undisplayable(str(getattr(error, "diagnostic", "") or error))
            if not missing or PLACEHOLDER in missing:
                raise _failed(getattr(error, "message", error)) from None
            return None, missing
        except BaseException as error:
            # A panic in Typst (Rust) arrives as pyo3's PanicException, a BaseException: when
            # a thread cannot be started under a limit on processes, for one.
            if type(error).__name__ != "PanicException":
                raise
            raise PdfFailed(
                f"PDF-filen kunde inte sättas: Typst avbröt ({_first_line(error)}). Det beror "
                "oftast på att datorn inte räcker till (för många processer eller för lite "
                "minne); försök igen. Händer det igen, rapportera det gärna, med dokumentet."
            ) from None
    assert isinstance(made, bytes)
    return made, set()


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


def _failed(why: object) -> PdfFailed:
    return PdfFailed(
        f"PDF-filen kunde inte sättas ({why}). Det är ett fel i samverkan, inte i dina "
        "dokument: rapportera det gärna, med dokumentet som gav felet."
    )


def undisplayable(diagnostic: str) -> set[str]:
    """The characters a Typst error says no font could display."""
    found: set[str] = set()
    for match in _UNDISPLAYABLE.finditer(diagnostic):
        found.update(_ESCAPE.sub(_unescape, match[1]))
    return found


def _unescape(match: re.Match[str]) -> str:
    if match[2] is not None:
        return chr(int(match[2], 16))
    return _ESCAPED.get(match[1], match[1])


def _replace(value: Any, replaced: set[str]) -> Any:
    """`value` (the JSON data) with each of `replaced` in its shown strings replaced."""
    if isinstance(value, str):
        return "".join(_stand_in(c) if c in replaced else c for c in value)
    if isinstance(value, list):
        return [_replace(v, replaced) for v in value]
    if isinstance(value, dict):
        return {k: v if k in _NOT_SHOWN else _replace(v, replaced) for k, v in value.items()}
    return value


def _stand_in(character: str) -> str:
    """Nothing for what only shapes the character before it (a joiner, a variation selector,
    a skin tone), else □."""
    return "" if _invisible(character) else PLACEHOLDER


def _invisible(character: str) -> bool:
    return unicodedata.category(character) == "Cf" or unicodedata.name(character, "").startswith(
        ("VARIATION SELECTOR", "EMOJI MODIFIER")
    )


def described(characters: tuple[str, ...]) -> str:
    """'U+1F642 🙂, U+4E2D 中': each character by its code point and as itself."""
    return ", ".join(f"U+{ord(c):04X} {c}" for c in characters)


def replaced_warning(places: list[tuple[str, tuple[str, ...]]]) -> str:
    """The one warning for PDFs whose characters were replaced: (where, characters) each."""
    shown = "; ".join(f"{where}: {described(characters)}" for where, characters in places)
    return (
        f"Varning: PDF-filens typsnitt saknar några tecken, som därför ersattes med "
        f"{PLACEHOLDER} i PDF-filen ({shown}). PDF-filen skrevs ändå. Ska tecknen synas på "
        "papper, skriv dem med ord i stället (tecken som emoji och kinesisk, japansk, koreansk "
        "eller thailändsk skrift finns inte i typsnitten)."
    )
