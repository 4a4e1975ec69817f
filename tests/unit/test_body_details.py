"""Link targets are read as CommonMark reads them; comments in a body are not shown."""

from __future__ import annotations

from helpers import RUT, base, front_matter, validate, write_repo
from samverkan_cli.markdown_links import links
from samverkan_cli.site.markdown import render, render_reference


def test_character_references_in_a_link_target_are_decoded():
    assert [t for t, _l, _c in links("[a](&#106;avascript:alert(1)) [b](a&amp;b.md)")] == [
        "javascript:alert(1)",
        "a&b.md",
    ]
    assert [t for t, _l, _c in links(r"[c](a\&amp;b.md) [d](a\(b\).md)")] == [
        "a&amp;b.md",
        "a(b).md",
    ]


def test_sv053_never_reports_an_entity_as_the_path(tmp_path):
    documents = base()
    fields = documents.pop(RUT)
    documents[RUT] = front_matter(fields, "# Rutin\n\n[klicka](&#106;avascript:alert(1))\n")
    assert [d for d in validate(write_repo(tmp_path, documents)) if d.code == "SV053"] == []


def test_comments_are_not_shown_but_code_keeps_them():
    def none(_href: str) -> None:
        return None

    text = "Text <!-- intern anteckning --> mer\n\n<!-- en hel rad -->\n\n`<!-- i kod -->`\n"
    for rendered in (render(text, none),):
        assert "intern anteckning" not in rendered and "en hel rad" not in rendered
        assert "<code>&lt;!-- i kod --&gt;</code>" in rendered
        assert "<p></p>" not in rendered
    assert "intern anteckning" in render_reference(text, none)  # the reference is the renderer


def test_removing_a_comment_never_breaks_markup():
    from html.parser import HTMLParser

    def none(_href: str) -> None:
        return None

    text = '[--> x](https://a.example/ "<!--") y [z](#onmouseover=alert(2)//)\n'
    rendered = render(text, none)
    assert rendered == render_reference(text, none)  # nothing to remove: it spans markup

    names: list[str] = []

    class Attributes(HTMLParser):
        def handle_starttag(self, tag, attrs):
            names.extend(name for name, _value in attrs)

    Attributes().feed(rendered)
    assert names and not any(name.startswith("on") for name in names)
