"""The HTML report as a forum member sees it: rendered and printed by headless Chromium."""

from __future__ import annotations

import re
import shutil

import chromium

from samverkan_cli.cli import main
from samverkan_cli.scaffold.init import TEMPLATE


def test_report_renders_and_prints(tmp_path, capsys):
    county = tmp_path / "lan"
    shutil.copytree(TEMPLATE, county)
    html = tmp_path / "rapport.html"
    assert (
        main(
            [
                "report",
                "--year",
                "2025",
                "-f",
                "html",
                "-C",
                str(county),
                "--out",
                str(html),
                "--today",
                "2026-11-24",
            ]
        )
        == 0
    )
    capsys.readouterr()
    chromium.SCREENSHOTS.mkdir(exist_ok=True)
    png = chromium.SCREENSHOTS / "report-2025.png"
    chromium.run(
        "--window-size=1100,2600", f"--screenshot={png}", html.as_uri(), profile=tmp_path / "p1"
    )
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    pdf = tmp_path / "rapport.pdf"
    chromium.run(
        "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri(), profile=tmp_path / "p2"
    )
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert 2 <= pages <= 12, pages


def test_no_chart_label_is_clipped(tmp_path, capsys):
    """Issue 17: long group names were cut off on the left of the bar charts."""
    from playwright.sync_api import sync_playwright

    html = tmp_path / "rapport-2026.html"
    code = main(
        ["report", "--year", "2026", "-f", "html", "-C", TEMPLATE, "--out", str(html),
         "--today", "2026-11-24"]
    )  # fmt: skip
    assert code == 0
    capsys.readouterr()
    executable = chromium.require()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), args=chromium.FLAGS[1:]
        )
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(html.as_uri())
        boxes = page.eval_on_selector_all(
            "svg.chart text",
            "els => els.map(e => { const b = e.getBBox();"
            " const w = e.ownerSVGElement.viewBox.baseVal.width;"
            " return [e.textContent, b.x, b.x + b.width, w]; })",
        )
        browser.close()
    assert len(boxes) > 20  # meetings, documents, reviews, activities and indicators
    clipped = [
        (text, left, right) for text, left, right, width in boxes if left < 0 or right > width
    ]
    assert clipped == []
