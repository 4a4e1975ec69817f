"""Document bodies as HTML: raw HTML off, links rewritten to the site, nothing from other hosts.

markdown-it already refuses javascript:, vbscript:, file: and data: links. On top of that a link
to a document that is not published becomes plain text (its page does not exist), and an image
becomes its alt text unless it is a file of the repository published with the site: a published
page must not load anything from another host.

Two renderers give the same bytes: markdown-it-pyrs (Rust, ~13× faster, used when installed) and
markdown-it-py (the reference, whose token stream we rewrite). pyrs cannot render a modified tree,
so its HTML is rewritten instead; that is safe because with raw HTML off every "<" a user writes
is escaped, and the only tags are the renderer's own. A test compares both on the example county.
"""

from __future__ import annotations

import html
import importlib
import re
from collections.abc import Callable
from functools import cache
from typing import Any, Final

from samverkan_cli.markdown_setup import parser as _parser
from samverkan_cli.rust_guard import guarded

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_KEEP_SCHEMES = ("http:", "https:", "mailto:", "tel:")


#: markdown-it-pyrs rules that make up CommonMark without raw HTML (plus tables, as in the site).
_PYRS_RULES = (
    "blockquote",
    "code",
    "fence",
    "heading",
    "hr",
    "lheading",
    "list",
    "paragraph",
    "reference",
    "autolink",
    "backticks",
    "emphasis",
    "entity",
    "escape",
    "image",
    "link",
    "newline",
    "table",
)
_HEADING = re.compile(r"<(/?)h([1-6])>")
_LINK = re.compile(r'<a href="([^"]*)"((?: title="[^"]*")?)>')
_IMAGE = re.compile(r'<img src="([^"]*)" alt="([^"]*)"((?: title="[^"]*")?) />')


@cache
def _fast_parser() -> Any:
    # The dependency is declared; only an install with --no-deps can lack it.
    try:
        pyrs: Any = importlib.import_module("markdown_it_pyrs")
    except ImportError:  # pragma: no cover
        return None
    return pyrs.MarkdownIt("zero").enable_many(list(_PYRS_RULES))


Resolve = Callable[[str], str | None]


def _no_image(_src: str) -> None:
    return None


def render(text: str, link_for: Resolve, image_for: Resolve = _no_image) -> str:
    """HTML for a Markdown body; `link_for` maps a repository link to a site link (None: drop),
    `image_for` an image's source to a copy published with the site (None: its alt text)."""
    fast = _fast_parser()
    if fast is None:  # pragma: no cover
        return without_comments(render_reference(text, link_for, image_for))
    return without_comments(
        guarded(
            text,
            lambda: _scrolling(_render_fast(fast, text, link_for, image_for)),
            lambda: render_reference(text, link_for, image_for),
        )
    )


#: A body's table scrolls on its own, as the site's own tables do: a page is never wider than
#: a phone. Named for screen readers, reachable by keyboard.
_TABLE_WRAP: Final = (
    '<div class="table-wrap" role="region" aria-label="Tabell" tabindex="0"><table>'
)


def _scrolling(html: str) -> str:
    if "<table>" not in html:
        return html
    return html.replace("<table>", _TABLE_WRAP).replace("</table>", "</table></div>")


_CODE = re.compile(r"(<pre>.*?</pre>|<code>.*?</code>)", re.DOTALL)
#: An HTML comment as the renderer escaped it (raw HTML is off), within one run of text or one
#: attribute value: the renderer escapes `"` in both, so a raw `<`, `>` or `"` is markup, and a
#: comment that would reach across it (from a link's title into its text) is left alone.
_COMMENT = re.compile(r'&lt;!--[^<>"]*?--&gt;')
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")


def without_comments(rendered: str) -> str:
    """The HTML without the comments a writer left in the body (`<!-- … -->`): people write
    notes to each other there and expect them unseen. Comments inside code stay, as text."""
    if "&lt;!--" not in rendered:
        return rendered
    parts = _CODE.split(rendered)
    for index in range(0, len(parts), 2):  # the parts between code
        parts[index] = _COMMENT.sub("", parts[index])
    return _EMPTY_PARAGRAPH.sub("", "".join(parts))


_LEADING_HEADING = re.compile(r"\A\s*<h([2-6])>(.*?)</h\1>\n?", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def without_title(rendered: str, title: str) -> str:
    """The body without a first heading that repeats `title`: the page shows the title as its
    h1 already, and a body usually opens with it (`# Rutin för …`)."""
    match = _LEADING_HEADING.match(rendered)
    if match is None or _words(html.unescape(_TAG.sub("", match[2]))) != _words(title):
        return rendered
    return rendered[match.end() :]


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _render_fast(parser: Any, text: str, link_for: Resolve, image_for: Resolve) -> str:
    rendered = _IMAGE.sub(lambda m: _image(m, image_for), str(parser.render(text)))
    rendered = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}>", rendered)
    parts: list[str] = []
    position = 0
    for match in _LINK.finditer(rendered):
        if match.start() < position:
            continue
        parts.append(rendered[position : match.start()])
        target = _target(html.unescape(match.group(1)), link_for)
        if target is None:
            close = rendered.index("</a>", match.end())  # links cannot nest in CommonMark
            parts.append(rendered[match.end() : close])
            position = close + len("</a>")
        else:
            parts.append(f'<a href="{html.escape(target)}"{match.group(2)}>')
            position = match.end()
    parts.append(rendered[position:])
    return "".join(parts)


def _image(match: re.Match[str], image_for: Resolve) -> str:
    """An image of the body as the page shows it: from its published copy, else its alt text
    (a page loads nothing from another host)."""
    target = image_for(html.unescape(match.group(1)))
    if target is None:
        return match.group(2)
    return f'<img src="{html.escape(target)}" alt="{match.group(2)}"{match.group(3)} />'


def render_reference(text: str, link_for: Resolve, image_for: Resolve = _no_image) -> str:
    """The same HTML with markdown-it-py's token stream (the reference implementation)."""
    parser = _parser()
    tokens = parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"  # the page's title is the only h1
        if token.children:
            _rewrite(token.children, link_for, image_for)
    return _scrolling(str(parser.renderer.render(tokens, parser.options, {})))


def _rewrite(children: list[Any], link_for: Resolve, image_for: Resolve) -> None:
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
            target = image_for(str(child.attrGet("src") or ""))
            if target is None:
                _to_text(child, child.content)
            else:
                child.attrSet("src", target)


def _target(href: str, link_for: Resolve) -> str | None:
    if href.startswith("#"):
        return href
    if _SCHEME.match(href):
        return href if href.lower().startswith(_KEEP_SCHEMES) else None
    return link_for(href)


def _to_text(token: Any, content: str) -> None:
    token.type, token.tag, token.nesting, token.attrs, token.content = "text", "", 0, {}, content
    token.children = None
