"""Document bodies as HTML: raw HTML off, links rewritten to the site, nothing from other hosts.

markdown-it already refuses javascript:, vbscript:, file: and data: links. On top of that a link
to a document that is not published becomes plain text (its page does not exist), and an image
becomes its alt text: a published page must not load anything from another host.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_KEEP_SCHEMES = ("http:", "https:", "mailto:", "tel:")


@cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def render(text: str, link_for: Callable[[str], str | None]) -> str:
    """HTML for a Markdown body; `link_for` maps a repository link to a site link (None: drop)."""
    parser = _parser()
    tokens = parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"  # the page's title is the only h1
        if token.children:
            _rewrite(token.children, link_for)
    return str(parser.renderer.render(tokens, parser.options, {}))


def _rewrite(children: list[Any], link_for: Callable[[str], str | None]) -> None:
    dropped = 0
    for child in children:
        if child.type == "link_open":
            target = _target(str(child.attrGet("href") or ""), link_for)
            if target is None:
                _to_text(child, "")
                dropped += 1
            else:
                child.attrSet("href", target)
        elif child.type == "link_close" and dropped:
            _to_text(child, "")
            dropped -= 1
        elif child.type == "image":
            _to_text(child, child.content)


def _target(href: str, link_for: Callable[[str], str | None]) -> str | None:
    if href.startswith("#"):
        return href
    if _SCHEME.match(href):
        return href if href.lower().startswith(_KEEP_SCHEMES) else None
    return link_for(href)


def _to_text(token: Any, content: str) -> None:
    token.type, token.tag, token.nesting, token.attrs, token.content = "text", "", 0, {}, content
    token.children = None
