"""Markdown as the PDF's blocks (pdf.body): headings in the order PDF/UA-1 wants, links and
images only where they may go, and no body that the template cannot set."""

from __future__ import annotations

import pytest

from samverkan_cli.pdf import body


def _levels(found: list[body.Node]) -> list[int]:
    return [node["level"] for node in body._headings(found)]


def test_a_body_goes_under_the_title_keeping_its_levels():
    found = body.blocks("## Syfte\n\n### Mer\n\n## Ansvar\n\n#### Djupt\n")
    assert _levels(body.under(found, 2)) == [2, 3, 2, 4]
    assert _levels(body.ordered(body.under(found, 2), last=1)) == [2, 3, 2, 3]


def test_the_first_heading_is_level_one_and_none_is_skipped():
    found = body.blocks("### C\n\n###### F\n\n## B\n")
    assert _levels(body.ordered(found)) == [1, 2, 2]


def test_an_empty_heading_is_left_out():
    assert body.blocks("#\n\n##   \n\ntext\n") == [body.paragraph("text")]


def test_a_first_heading_that_repeats_the_title_is_left_out():
    found = body.blocks("#  Rutin för   SIP \n\nText\n")
    assert body.without_title(found, "rutin för SIP") == [body.paragraph("Text")]


def test_only_web_and_mail_links_are_kept_their_text_always():
    found = body.blocks(
        "[a](https://x.se) [b](mailto:a@b.se) [c](RUT-0001) [d](javascript:alert(1)) "
        "[e](../annan.md)\n"
    )
    nodes = found[0]["c"]
    links = [node["url"] for node in nodes if node["t"] == "link"]
    assert links == ["https://x.se", "mailto:a@b.se"]
    # markdown-it does not read a javascript: link as a link at all: it stays as written
    assert body.plain(nodes) == "a b c [d](javascript:alert(1)) e"


def test_an_image_is_embedded_only_when_named_else_its_alt_text():
    named = {"bild.png": "bild-1.png"}
    found = body.blocks("![Karta](bild.png) ![Annan](/etc/passwd)\n", named.get)
    nodes = found[0]["c"]
    assert nodes[0] == {"t": "img", "src": "bild-1.png", "alt": "Karta"}
    assert body.plain(nodes) == " Annan"


def test_tables_lists_code_and_quotes_are_blocks():
    found = body.blocks(
        "| A | B |\n|---|--:|\n| 1 | 2 |\n\n- x\n- y\n\n3. tre\n\n```\n#kod\n```\n\n> citat\n"
    )
    assert [node["t"] for node in found] == ["table", "ul", "ol", "code", "quote"]
    assert found[0]["align"] == [None, "right"]
    assert body.plain(found[0]["head"][1]) == "B" and len(found[0]["rows"]) == 1
    assert found[2]["start"] == 3
    assert found[3]["v"] == "#kod"


def test_control_characters_never_reach_the_pdf():
    found = body.blocks("a\x01b\n")
    assert body.plain(found[0]["c"]) == "a\ufffdb"


EDGES = {
    "only a hash": "#\n",
    "headings in lists": "- # A\n  ## B\n- ###### C\n",
    "headings in quotes": "> # Q\n> > ## R\n",
    "an empty table head": "| | |\n|---|---|\n| a | |\n",
    "an image in a heading": "# ![alt](x.png)\n",
    "an image in a link": "[![alt](x.png)](https://x.se)\n",
    "a deep list": "".join("  " * i + "- n\n" for i in range(60)),
    "raw html": "<script>alert(1)</script> <b>x</b>\n",
    "setext headings": "Rubrik\n===\n\nUnder\n---\n",
    "a list from 0": "0. noll\n1. ett\n",
    "hard breaks": "rad ett  \nrad två\\\nrad tre\n",
    "a long word": ("a" * 5000) + "\n\n|" + ("b" * 3000) + "|\n|---|\n|c|\n",
    "typst syntax": '#import "x": * #read("/etc/passwd") $x$ <l> @r ] [ \\ ~ // /* ',
    "nothing": "",
}


@pytest.mark.parametrize("text", EDGES.values(), ids=EDGES.keys())
def test_any_body_can_be_set(text):
    pytest.importorskip("typst")
    from samverkan_cli.pdf import engine

    found = body.ordered([body.heading(1, "T"), *body.under(body.blocks(text), 2)])
    assert engine.compile_pdf({"title": "T", "header": None, "blocks": found}).pdf.startswith(
        b"%PDF"
    )


COMMENTED = """Före <!-- Intern anteckning --> efter.

<!-- Hela stycket
är en anteckning -->

## Rubrik <!-- ta bort -->

| A | B |
|---|---|
| cell <!-- dold --> | `<!-- i kod -->` |

Text med *<!-- över* betoning --> kvar.
"""


def test_comments_are_left_out_as_the_site_leaves_them_out():
    from samverkan_cli.site.markdown import without_comments

    found = body.blocks(COMMENTED)
    text = " ".join(
        body.plain(node["c"]) if node["t"] in ("p", "h") else repr(node) for node in found
    )
    assert "Intern anteckning" not in text and "Hela stycket" not in text
    assert "ta bort" not in text and "dold" not in text
    assert "Före  efter." in text and "Rubrik" in text and "cell" in text
    assert "<!-- i kod -->" in text  # code is shown as written
    assert "<!-- över" in text  # a comment across emphasis is text, on the page too
    page = without_comments(body.parser().render(COMMENTED))
    assert "&lt;!-- över" in page and "Intern anteckning" not in page
    assert [node["t"] for node in found] == ["p", "h", "table", "p"]
