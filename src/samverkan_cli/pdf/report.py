"""The årsrapport as a PDF: its Markdown, set as the document PDFs are (SPEC §8.10).

The report's Markdown is the same text `--format md` writes, read into blocks by pdf.body: its
headings, tables and lists become the PDF's structure. Links into the repository mean nothing on
paper and are left out (their text stays); links to the published site are kept.
"""

from __future__ import annotations

from samverkan_cli.pdf import body, engine


def render(markdown: str, title: str) -> engine.Printed:
    """The PDF of the report whose Markdown is `markdown`; `title` names it in its metadata."""
    found = body.ordered(body.blocks(markdown))
    return engine.compile_pdf({"title": title, "header": title, "blocks": found})
