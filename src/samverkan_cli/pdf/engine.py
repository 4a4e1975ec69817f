"""Set a PDF with Typst: one template of ours, the user's text passed as data only.

What a PDF shows is a JSON value in `sys.inputs`: the template reads it with `json(...)` and
puts each string in as text, so nothing a document says becomes Typst code. The compiler's root
is a new empty folder holding only the images we put there, so `read` and `image` reach
nothing else; only the fonts inside the typst package are used (the same bytes on every
machine), and the document has no date (`date: none`): the same input gives the same bytes.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
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


def available() -> bool:
    """Whether PDFs can be made here (typst importable), without importing it."""
    from importlib.util import find_spec

    try:
        return find_spec("typst") is not None
    except (ImportError, ValueError):
        return False


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


def compile_pdf(data: Mapping[str, Any], files: Mapping[str, bytes] | None = None) -> bytes:
    """The PDF of `data` (see templates/print.typ), with `files` (name → bytes: the images the
    data names) as the only files the template can reach."""
    typst = _typst()
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    with tempfile.TemporaryDirectory(prefix="samverkan-pdf-") as root:
        for name, content in (files or {}).items():
            if "/" in name or name.startswith("."):
                raise ValueError(f"not a plain file name: {name!r}")
            (Path(root) / name).write_bytes(content)
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
            raise PdfFailed(
                f"PDF-filen kunde inte sättas ({getattr(error, 'message', error)}). Det är ett fel i samverkan, inte "
                "i dina dokument: rapportera det gärna, med dokumentet som gav felet."
            ) from None
    assert isinstance(made, bytes)
    return made
