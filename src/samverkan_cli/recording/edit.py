"""Edit a document's front matter in place: one step, every other byte left as it was.

A YAML round-trip (ruamel's included) reflows flow sequences, re-indents, drops a BOM and turns
CRLF into LF; a reviewer then sees a diff of the whole block for one new signature. So the
front matter is only *parsed* (PyYAML's composer gives each node's exact character offsets) and
the step is written as text at those offsets: a new list entry as a new line after the list's
last line, in the list's own indentation and style; a value replaced where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, TypeAlias

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Value: TypeAlias = "str | int | bool | date | list[Value] | dict[str, Value]"

_BOM: Final = "\ufeff"
#: What some YAML reader takes for a number, though PyYAML (YAML 1.1) reads text: 1e3, .5, 0o17.
_NUMBER: Final = re.compile(
    r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^0[oxb][0-9a-fA-F_]+$"
    r"|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$"
)
_FENCES: Final = ("---",)
_CLOSING: Final = ("---", "...")


class EditError(Exception):
    """The file cannot be edited as asked; `message` says why and what to do, in Swedish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class SetKey:
    """Give the top-level field `key` the value `value` (added at the end when absent)."""

    key: str
    value: Value


@dataclass(frozen=True, slots=True)
class Append:
    """Add `entry` at the end of the top-level list `key` (the list is made when absent)."""

    key: str
    entry: Value


Step: TypeAlias = SetKey | Append


def apply(data: bytes, steps: Sequence[Step]) -> bytes:
    """The file's bytes with `steps` written into its front matter; EditError when the file
    has no front matter that parses as fields, or a step does not fit what is there."""
    text = _decode(data)
    bom = text.startswith(_BOM)
    body_of = text[1:] if bom else text
    start, end = _front_matter_span(body_of)
    front = body_of[start:end]
    newline = "\r\n" if body_of[:start].endswith("\r\n") else "\n"
    for step in steps:
        front = _apply_one(front, step, newline)
    edited = body_of[:start] + front + body_of[end:]
    return ((_BOM if bom else "") + edited).encode("utf-8")


def apply_to_data(data: Mapping[str, object], steps: Sequence[Step]) -> dict[str, object]:
    """What the front matter's data becomes with `steps` (the meaning `apply` must keep)."""
    result = dict(data)
    for step in steps:
        if isinstance(step, SetKey):
            result[step.key] = step.value
        else:
            old = result.get(step.key)
            if isinstance(old, list) and _plain(step.entry) in [_plain(e) for e in old]:
                continue
            result[step.key] = [*(old if isinstance(old, list) else []), step.entry]
    return result


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise EditError(
            "Filen är inte giltig UTF-8 och kan inte ändras. Spara den som UTF-8 och försök igen."
        ) from None


def _front_matter_span(text: str) -> tuple[int, int]:
    """Where the YAML between the fences starts and ends (the closing fence's line start)."""
    first_end = text.find("\n")
    if first_end == -1 or text[:first_end].rstrip() not in _FENCES:
        raise EditError(
            "Filen saknar front matter (första raden ska vara ---). Rätta filen med "
            "'samverkan validate' först."
        )
    start = position = first_end + 1
    while position < len(text):
        line_end = text.find("\n", position)
        line = text[position:] if line_end == -1 else text[position:line_end]
        if line.rstrip() in _CLOSING:
            return start, position
        if line_end == -1:
            break
        position = line_end + 1
    raise EditError(
        "Front matter avslutas aldrig. Lägg till en rad med bara --- efter sista fältet."
    )


def _root(front: str) -> MappingNode:
    try:
        # PyYAML refuses a tab where YAML and validate's reader allow one (`titel: T<tab># k`,
        # `namn:<tab>X`); a space in its place keeps every offset, and the edit is made in the
        # file's own text, tabs and all.
        node = yaml.compose(front.replace("\t", " "), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (rad {mark.line + 2})" if mark is not None else ""
        raise EditError(
            f"Front matter går inte att läsa som YAML{where}. Rätta felet som "
            "'samverkan validate' visar och försök igen."
        ) from None
    if not isinstance(node, MappingNode) or node.flow_style:
        raise EditError(
            "Front matter ska bestå av fält på egna rader, t.ex. 'titel: Rutin för SIP'. "
            "Skriv om den så och försök igen."
        )
    return node


def _apply_one(front: str, step: Step, newline: str) -> str:
    root = _root(front)
    found = _lookup(root, step.key)
    if isinstance(step, SetKey):
        return _set(front, root, found, step, newline)
    if found is not None and _listed(yaml.safe_load(front.replace("\t", " ")), step):
        return front  # written already, word for word: a command run twice adds nothing
    return _append(front, root, found, step, newline)


def _listed(data: object, step: Append) -> bool:
    entries = data.get(step.key) if isinstance(data, dict) else None
    return isinstance(entries, list) and _plain(step.entry) in [_plain(e) for e in entries]


def _plain(value: object) -> object:
    """A value as text all through, so that `paragraf: 106` is `paragraf: "106"`."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def _lookup(root: MappingNode, key: str) -> tuple[ScalarNode, Node] | None:
    """The last entry named `key` (the one a YAML reader keeps when a key is repeated)."""
    found = None
    for key_node, value_node in root.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            found = (key_node, value_node)
    return found


# ---- where things are ------------------------------------------------------------------------


def _last_end(front: str, node: Node) -> int:
    """The offset just after a node's last character (a block collection ends where its last
    leaf does; PyYAML's own end mark of one lies at the next key)."""
    if isinstance(node, SequenceNode | MappingNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _last_end(front, last[1] if isinstance(last, tuple) else last)
    end = int(node.end_mark.index)
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        while end > node.start_mark.index and front[end - 1] in "\r\n":
            end -= 1
    return end


def _line_start(front: str, offset: int) -> int:
    return front.rfind("\n", 0, offset) + 1


def _next_line(front: str, offset: int) -> int:
    """The start of the line after the one `offset` is on (the end when it is the last)."""
    end = front.find("\n", offset)
    return len(front) if end == -1 else end + 1


def _colon_after(front: str, key: ScalarNode) -> int:
    return front.index(":", int(key.end_mark.index)) + 1


def _is_empty(node: Node) -> bool:
    return (
        isinstance(node, ScalarNode)
        and node.tag == "tag:yaml.org,2002:null"
        and node.start_mark.index == node.end_mark.index
    )


def _insert_lines(front: str, at: int, lines: list[str], newline: str) -> str:
    """`lines` as whole lines before offset `at` (a line start, or the end of the text)."""
    prefix = front[:at]
    if prefix and not prefix.endswith("\n"):
        prefix += newline  # the last line had no line break of its own
    return prefix + "".join(line + newline for line in lines) + front[at:]


# ---- set -------------------------------------------------------------------------------------


def _set(
    front: str, root: MappingNode, found: tuple[ScalarNode, Node] | None, step: SetKey, nl: str
) -> str:
    rendered = render(step.value)
    if found is None:
        at = _next_line(front, _last_end(front, root)) if root.value else 0
        return _insert_lines(front, at, [f"{_key(step.key)}: {rendered}"], nl)
    key, value = found
    if _is_empty(value):
        colon = _colon_after(front, key)
        return f"{front[:colon]} {rendered}{front[colon:]}"
    in_place = isinstance(value, ScalarNode) and value.style not in ("|", ">")
    if in_place or getattr(value, "flow_style", False):
        start, end = int(value.start_mark.index), _last_end(front, value)
        return front[:start] + rendered + front[end:]
    colon = _colon_after(front, key)  # a block value: the whole of it becomes one line
    return f"{front[:colon]} {rendered}{front[_last_end(front, value) :]}"


# ---- append ----------------------------------------------------------------------------------


def _append(
    front: str, root: MappingNode, found: tuple[ScalarNode, Node] | None, step: Append, nl: str
) -> str:
    if found is None:
        at = _next_line(front, _last_end(front, root)) if root.value else 0
        if not isinstance(step.entry, dict):  # ids, tags: one line, as `relaterade: [a, b]`
            return _insert_lines(front, at, [f"{_key(step.key)}: {render([step.entry])}"], nl)
        return _insert_lines(front, at, [f"{_key(step.key)}:", f"  - {render(step.entry)}"], nl)
    key, value = found
    if _is_empty(value):
        at = _next_line(front, _colon_after(front, key))
        return _insert_lines(front, at, [f"  - {render(step.entry)}"], nl)
    if not isinstance(value, SequenceNode):
        raise EditError(
            f"Fältet {step.key} är inte en lista, så inget kan läggas till i det. Skriv det som "
            f"en lista (en rad '- …' per post under '{step.key}:') och försök igen."
        )
    if value.flow_style:
        return _append_flow(front, value, step.entry)
    lines = _block_entry(front, value, step.entry)
    return _insert_lines(front, _next_line(front, _last_end(front, value)), lines, nl)


def _append_flow(front: str, sequence: SequenceNode, entry: Value) -> str:
    if not sequence.value:
        closing = front.rindex("]", 0, int(sequence.end_mark.index))
        return front[:closing] + render(entry) + front[closing:]
    at = _last_end(front, sequence.value[-1])
    return f"{front[:at]}, {render(entry)}{front[at:]}"


def _block_entry(front: str, sequence: SequenceNode, entry: Value) -> list[str]:
    """The new entry's lines, indented as the list's first entry, in the style of its entries:
    one flow line `- {part: x, …}` unless the entries are block mappings."""
    first = sequence.value[0]
    line_start = _line_start(front, int(first.start_mark.index))
    dash = front.rindex("-", line_start, int(first.start_mark.index))
    before = front[line_start:dash]
    indent = before if not before.strip() else " " * len(before)
    gap = front[dash + 1 : int(first.start_mark.index)]
    gap = gap if gap and not gap.strip() and "\n" not in gap else " "
    block = [n for n in sequence.value if isinstance(n, MappingNode) and not n.flow_style]
    if not isinstance(entry, dict) or not entry or not block:
        return [f"{indent}-{gap}{render(entry)}"]
    inner = " " * (len(indent) + 1 + len(gap))
    pairs = [f"{_key(k)}: {render(v)}" for k, v in entry.items()]
    return [f"{indent}-{gap}{pairs[0]}", *(inner + pair for pair in pairs[1:])]


# ---- values as YAML text ---------------------------------------------------------------------


def render(value: Value) -> str:
    """`value` as flow YAML that reads back as exactly `value` (dates unquoted, as written)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | date):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, str):
        return _scalar(value)
    if isinstance(value, list):
        return "[" + ", ".join(render(item) for item in value) + "]"
    return "{" + ", ".join(f"{_key(k)}: {render(v)}" for k, v in value.items()) + "}"


def _key(name: str) -> str:
    return _scalar(name)


def _scalar(text: str) -> str:
    """Plain when a reader gives back the same string in any context, else double-quoted."""
    if _plain_is_safe(text) and not text.startswith("§"):  # "§ 45", as counties write it
        return text
    return '"' + "".join(_escaped(c) for c in text) + '"'


def _plain_is_safe(text: str) -> bool:
    if not text or text != text.strip() or any(c in text for c in "#,[]{}\"'\\") or ": " in text:
        return False
    if not all(c.isprintable() for c in text) or text.endswith(":"):
        return False
    if _NUMBER.match(text):
        return False  # YAML 1.2 readers (validate's among them) read 1e3 as a number
    try:
        in_flow: object = yaml.safe_load(f"[{text}]")
        in_block: object = yaml.safe_load(f"k: {text}")
    except yaml.YAMLError:
        return False
    return in_flow == [text] and in_block == {"k": text}


def _escaped(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if char.isprintable() and char not in "\u2028\u2029\x85":
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
