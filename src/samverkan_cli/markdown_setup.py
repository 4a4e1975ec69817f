"""The Markdown every body is read with: CommonMark with tables, raw HTML off (SPEC §7).

One home for it: the site renders bodies with it (site.markdown) and the PDF reads them into
blocks with it (pdf.body), so a body reads the same on a page and on paper.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def parser() -> Any:
    """markdown-it-py's parser, configured as the site's."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
