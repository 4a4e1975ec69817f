"""The fast link scanner agrees with markdown-it, which is the reference."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan_cli.markdown_links import links, scan
from samverkan_cli.scaffold.init import TEMPLATE


def reference(text: str) -> list[str]:
    from markdown_it import MarkdownIt

    found = []
    for block in MarkdownIt("commonmark", {"html": False}).parse(text):
        for child in block.children or ():
            target = (
                child.attrs.get("href") if child.type == "link_open" else child.attrs.get("src")
            )
            if child.type in ("link_open", "image") and isinstance(target, str):
                found.append(unquote(target))  # markdown-it percent-encodes; the rule unquotes too
    return found


def scanned(text: str) -> list[str]:
    return [target for target, _line, _column in links(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Se [avtalet](AVT-0001) och [rutinen](../rutiner/RUT-0001-x.md#syfte).",
        '![bild](bilder/a.png) [titel](OVK-0002 "Överenskommelsen") [v](<med mellanslag.md>)',
        "```\n[inte en länk](x.md)\n```\n[en länk](y.md)",
        "Kod: `[inte](z.md)` men [ja](w.md).",
        "[a [b] c](d.md) [tom]() text](x)",
        "~~~~\n[x](a.md)\n~~~\n[y](b.md)\n~~~~\n[z](c.md)",
        "[ref]: ../dokument/x.md\n\n[ref]",
        "[p](f(1).md) [e](a\\)b.md)",
    ],
)
def test_agrees_with_markdown_it(text):
    assert scanned(text) == reference(text)


@pytest.mark.parametrize("path", sorted(TEMPLATE.rglob("*.md")), ids=lambda p: p.name)
def test_agrees_on_the_example_county(path: Path):
    text = path.read_text("utf-8")
    assert scanned(text) == reference(text)


def test_positions():
    assert list(links("rad ett\nse [x](AVT-0001) här")) == [("AVT-0001", 1, 7)]


def every_line(text: str) -> list[tuple[str, int, int]]:
    """The scan over every line: skipping lines that cannot hold a link must change nothing."""
    return list(scan(enumerate(text.split("\n"))))


PIECES = ["[a](b.md)", "```", "~~~", "````", "](", "]:", "[r]: x.md", "\n", " ", "text", "`k`"]


@given(st.lists(st.sampled_from(PIECES), max_size=40))
@settings(max_examples=400, deadline=None)
def test_skipping_lines_changes_nothing(pieces):
    text = "".join(pieces)
    assert list(links(text)) == every_line(text)
