"""Both Markdown renderers give byte-identical HTML, with the same rewrites and protections."""

from __future__ import annotations

import pytest

from samverkan_cli.scaffold.init import TEMPLATE
from samverkan_cli.site.markdown import _fast_parser, render, render_reference


def link_for(href: str) -> str | None:
    if href.startswith("OVK-"):
        return f"../dokument/{href}.html" if href != "OVK-0004" else None
    return None if href.endswith(".md") else href


CASES = [
    "# Rubrik\n\n## Under\n\n###### Sex\n",
    'Se [överenskommelsen](OVK-0001 "titel") och [utkastet](OVK-0004) och [filen](a/b.md).',
    '![alt & text](https://example.org/x.png "t") [extern](https://example.org/?a=1&b=2) [mail](mailto:a@b.se)',
    "<script>alert(1)</script>\n\n<b>fet</b> [x](javascript:alert(1)) [y](#ankare)",
    '| a | b |\n|---|---|\n| [l](OVK-0001) | `kod <a href="x">` |\n',
    '```\n[inte](OVK-0001)\n<a href="x">\n```\n\n> citat [c](OVK-0002)\n\n1. ett\n2. två\n',
]


def test_fast_renderer_is_installed():
    assert _fast_parser() is not None


@pytest.mark.parametrize("text", CASES)
def test_same_html(text):
    assert render(text, link_for) == render_reference(text, link_for)


@pytest.mark.parametrize("path", sorted(TEMPLATE.rglob("*.md")), ids=lambda p: p.name)
def test_same_html_on_the_example_county(path):
    body = path.read_text("utf-8").split("\n---\n", 1)[-1]
    assert render(body, link_for) == render_reference(body, link_for)


def test_protections():
    out = render(CASES[3], link_for)
    assert (
        "<script>" not in out
        and "&lt;script&gt;" in out
        and "javascript:" not in out.split("href")[-1]
    )
    assert "<img" not in render(CASES[2], link_for)


def test_a_body_table_scrolls_on_its_own():
    """A Markdown table in a body is wrapped like the site's own tables: at 390 px it scrolls by
    itself instead of cutting columns off at the page's edge (issue 13)."""
    html = render("| Datum | Vad |\n|---|---|\n| 2026-01-01 | Start |\n", link_for)
    assert html.startswith(
        '<div class="table-wrap" role="region" aria-label="Tabell" tabindex="0"><table>'
    )
    assert html.rstrip().endswith("</table></div>")
    assert render("Text med &lt;table&gt; och `<table>`\n", link_for).count("table-wrap") == 0
