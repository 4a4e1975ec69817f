"""Turn a file's bytes into text, front matter and body, with line numbers kept.

A BOM and CRLF line endings are accepted silently: editors on Windows write them.
"""

from __future__ import annotations

from dataclasses import dataclass

from samverkan_cli.loading.yamlread import Position

_BOM = b"\xef\xbb\xbf"
_FENCE = "---"


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    message: str
    position: Position


@dataclass(frozen=True, slots=True)
class Split:
    """A Markdown file cut at its front-matter fences. Lines are 1-based file lines."""

    yaml_text: str
    yaml_line: int  # first line of the YAML block (the line after the opening ---)
    body: str
    body_line: int


def decode(data: bytes) -> str | DecodeProblem:
    """UTF-8 text with a BOM removed and line endings made \\n, or where decoding failed."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return DecodeProblem(_not_utf8(data, error.start), _byte_position(data, error.start))
    return text.replace("\r\n", "\n")


def _byte_position(data: bytes, offset: int) -> Position:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return Position(data.count(b"\n", 0, offset) + 1, offset - line_start + 1)


def _not_utf8(data: bytes, offset: int) -> str:
    hint = "Spara filen som UTF-8 (i VS Code: klicka på teckenkodningen i statusraden, välj "
    hint += "'Save with Encoding' och 'UTF-8')."
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return f"Filen är sparad som UTF-16, inte UTF-8. {hint}"
    return f"Filen är inte giltig UTF-8 (byte 0x{data[offset]:02x} kan inte läsas). {hint}"


class SplitProblem(Exception):
    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


def split(text: str) -> Split:
    """Cut `text` at its `---` fences; raise SplitProblem when there is no front matter.

    Walks the front matter's lines only: the body (most of the file) is sliced, not split.
    """
    end = text.find("\n")
    first = text if end == -1 else text[:end]
    if first.rstrip() != _FENCE:
        raise SplitProblem(_missing_front_matter(first), Position(1, 1))
    start, number = end + 1, 2  # `start` begins file line `number`
    while end != -1:
        end = text.find("\n", start)
        line = text[start:] if end == -1 else text[start:end]
        if line.rstrip() in (_FENCE, "..."):
            yaml_text = text[len(first) + 1 : max(start - 1, len(first) + 1)]
            body = "" if end == -1 else text[end + 1 :]
            return Split(yaml_text, 2, body, number + 1)
        start, number = end + 1, number + 1
    raise SplitProblem(
        "Front matter avslutas aldrig. Lägg till en rad med bara --- efter sista fältet.",
        Position(1, 1),
    )


def _missing_front_matter(first_line: str) -> str:
    message = (
        "Filen saknar front matter: första raden ska vara --- följd av fälten (id, typ, titel …)"
    )
    message += " och en avslutande rad med ---."
    if first_line.strip() == _FENCE:
        message += " Ta bort mellanslagen före ---."
    return message
