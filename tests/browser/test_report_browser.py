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
