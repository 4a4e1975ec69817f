"""What a visitor found on the published site (issue 13, "The site"), one section per point;
the layout points are in tests/browser/test_site_browser.py."""

from __future__ import annotations

import html
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from samverkan_cli.cli import main
from samverkan_cli.loading.repository import load
from samverkan_cli.scaffold.init import TEMPLATE
from samverkan_cli.site import build

TODAY = "2026-11-24"
GROUP_IDS = ("bg", "social-reko", "lsg-psykisk-halsa", "lsg-barn-och-unga")


def publish(root: Path, out: Path) -> Path:
    assert main(["publish", "-C", str(root), "--out", str(out), "--today", TODAY]) == 0
    return out


def county(root: Path, config: str = "") -> Path:
    """The example county; `config` is added to its samverkan.yaml, and replaces the example's
    own `webbplats:` block when it has one."""
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns(".samverkan"))
    if config:
        path = root / "samverkan.yaml"
        text = path.read_text("utf-8")
        if "webbplats:" in config:
            text = text.split("\n# Tillgänglighetsredogörelsen", 1)[0]
            assert "webbplats:" not in text
        path.write_text(text + config, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = county(tmp_path_factory.mktemp("lan") / "lan")
    return publish(root, tmp_path_factory.mktemp("ut") / "_site")


def read(site: Path, page: str) -> str:
    return (site / page).read_text("utf-8")


def visible_text(page: str) -> str:
    """The words a visitor reads: the main content without tags (and so without links' hrefs)."""
    main_part = page.split("<main", 1)[1].split("</main>", 1)[0]
    return html.unescape(re.sub(r"<[^>]*>", " ", main_part.split(">", 1)[1]))


# 1. Groups by name, linked to their page


def test_a_document_names_the_group_that_adopted_it(site):
    page = read(site, "dokument/RUT-0001.html")
    assert (
        '<dt>Fastställd</dt><dd>Av <a href="../grupper/bg.html">Beredningsgruppen</a> '
        "2026-09-15 § 41</dd>"
    ) in page


def test_the_förteckning_names_the_group_in_the_decision(site):
    index = read(site, "index.html")
    assert (
        '<td>Fastställd av <a href="grupper/bg.html">Beredningsgruppen</a> '
        '<span class="nowrap">2026-09-15</span> § 41</td>'
    ) in index
    assert "Fastställd av bg" not in index


def test_the_archive_shows_each_decision_with_the_groups_name(site):
    archive = read(site, "arkiv.html")
    assert '<th scope="col">Beslut</th>' in archive
    assert "Fastställd av bg" not in visible_text(archive)


@pytest.mark.parametrize("group", GROUP_IDS)
def test_no_page_shows_a_groups_id_as_text(site, group):
    for path in sorted(site.rglob("*.html")):
        words = re.findall(r"[\w-]+", visible_text(path.read_text("utf-8")))
        assert group not in words, f"{path.relative_to(site)} visar gruppens id {group}"


def test_a_groups_new_title_remakes_the_pages_that_name_it(tmp_path):
    """The cache key covers the group's title: the page of a document it adopted is made again."""
    root = county(tmp_path / "lan")

    def keys() -> dict[str, bytes | None]:
        outputs = build.outputs(load(root, use_cache=False), build.Options(date(2026, 11, 24)))
        return {o.path: o.key for o in outputs}

    before = keys()
    path = root / "grupper/bg.md"
    text = path.read_text("utf-8")
    path.write_text(
        text.replace("titel: Beredningsgruppen", "titel: Beredningsgrupp Mitt"), "utf-8"
    )
    after = keys()
    changed = {name for name in before if before[name] != after[name]}
    assert {"dokument/RUT-0001.html", "index.html", "arkiv.html"} <= changed
    assert "dokument/PRJ-0001.html" not in changed  # named lsg-psykisk-halsa only
    out = publish(root, tmp_path / "ut")
    assert 'Av <a href="../grupper/bg.html">Beredningsgrupp Mitt</a>' in read(
        out, "dokument/RUT-0001.html"
    )


def test_a_hidden_group_is_named_nowhere(tmp_path):
    root = county(tmp_path / "lan")
    path = root / "grupper/bg.md"
    path.write_text(
        path.read_text("utf-8").replace(
            "status: beslutad", "status: beslutad\npublicera: false", 1
        ),
        "utf-8",
    )
    out = publish(root, tmp_path / "ut")
    rutin = read(out, "dokument/RUT-0001.html")
    assert "<dt>Fastställd</dt><dd>2026-09-15 § 41</dd>" in rutin
    index = read(out, "index.html")
    assert "grupper/bg.html" not in index and "av Beredningsgruppen" not in index


# 4. Document pages


def test_the_title_is_shown_once(site):
    page = read(site, "dokument/OVK-0001.html")
    title = "Överenskommelse om samarbete kring personer med psykisk funktionsnedsättning"
    assert page.count(f"<h1>{title}</h1>") == 1
    assert f"<h2>{title}</h2>" not in page
    group = read(site, "grupper/bg.html")
    assert "<h2>Beredningsgruppen</h2>" not in group and "<h1>Beredningsgruppen</h1>" in group


@pytest.mark.parametrize(
    ("page", "law"),
    [
        ("dokument/OVK-0001.html", "Hälso- och sjukvårdslagen (2017:30) 16 kap. 3 §"),
        ("dokument/OVK-0001.html", "Socialtjänstlagen (2025:400)"),
        ("dokument/OVK-0002.html", "Lag (1988:870) om vård av missbrukare i vissa fall"),
        ("dokument/RUT-0002.html", "Lag (2017:612) om samverkan vid utskrivning från sluten hälso- och sjukvård"),
        ("dokument/RIK-0001.html", "Socialtjänstlagen (2001:453) 2 kap. 7 §"),
        ("dokument/RUT-0004.html", "Offentlighets- och sekretesslagen (2009:400) 25 kap. 1 §"),
    ],
)  # fmt: skip
def test_a_lagrum_names_the_law_once_with_its_number_once(site, page, law):
    text = read(site, page)
    assert f"<li>{law}</li>" in text
    for number in re.findall(r"\d{4}:\d+", law):
        listed = text.split("<dt>Lagrum</dt>", 1)[1].split("</dd>", 1)[0]
        for item in re.findall(r"<li>(.*?)</li>", listed):
            assert item.count(number) <= 1, item


def test_a_project_names_its_styrgrupp_and_a_plan_its_group(site):
    project = read(site, "dokument/PRJ-0001.html")
    link = '<a href="../grupper/lsg-psykisk-halsa.html">Länssamverkansgrupp psykisk hälsa och beroende</a>'
    assert f"<dt>Styrgrupp</dt><dd>{link}</dd>" in project
    assert f"Av {link} 2025-06-10 § 8" in project
    plan = read(site, "dokument/HPL-0001.html")
    assert '<dt>Grupp</dt><dd><a href="../grupper/social-reko.html">Social ReKo</a></dd>' in plan
    assert "<dt>År</dt><dd>2026</dd>" in plan


def test_a_project_page_shows_the_projects_facts(site):
    page = read(site, "dokument/PRJ-0001.html")
    for fact in (
        "<dt>Projektstatus</dt><dd>Pågår</dd>",
        "<dt>Start</dt><dd>2025-09-01</dd>",
        "<dt>Slut</dt><dd>2027-06-30</dd>",
        "<dt>Uppföljning</dt><dd>2026-03-15, 2026-09-15, 2027-03-15</dd>",
        "<dt>Giltighet</dt><dd>Från 2025-09-01 till projektets slut 2027-06-30</dd>",
    ):
        assert fact in page, fact
    assert "tills vidare" not in page.lower()
    index = read(site, "index.html")
    row = index.split('href="dokument/PRJ-0001.html"', 1)[1].split("</tr>", 1)[0]
    assert "Tills vidare" not in row and "2027-06-30</span> (projektets slut)" in row


# 5. Groups


def test_a_group_counts_the_meetings_held_by_today_and_shows_planned_ones(site):
    page = read(site, "grupper/bg.html")
    # Seven meetings are recorded for 2026; the one on 2026-12-08 is still to come.
    assert '<tr><th scope="row">2026</th><td>6</td><td>1</td><td>6</td></tr>' in page
    assert '2026-12-08: Dagordning <span class="badge">Planerat</span>' in page
    assert "2026-11-10: Minnesanteckningar</summary>" in page


def test_the_groups_are_listed_from_the_political_level_down(site):
    page = read(site, "grupper/index.html")
    order = re.findall(r'href="../grupper/([\w-]+)\.html"', page.split("<main", 1)[1])
    assert order == [
        "social-reko",
        "bg",
        "lsg-barn-och-unga",
        "lsg-psykisk-halsa",
        "treparter-sundsvall",
    ]


# 6. The accessibility statement


def test_with_no_shortcomings_listed_the_site_says_it_is_fully_compliant(site):
    page = visible_text(read(site, "tillganglighet.html"))
    assert "helt förenlig" in page and "delvis" not in page
    assert "Vi känner inte till några brister." in page


def test_the_public_never_reads_instructions_for_the_maintainer(tmp_path):
    """No contact configured: no section, no sentence (validate warns the maintainer, SV091)."""
    root = county(tmp_path / "lan", "\nwebbplats:\n  tillganglighet: {}\n")
    page = visible_text(read(publish(root, tmp_path / "ut"), "tillganglighet.html"))
    assert "samverkan.yaml" not in page and "saknas" not in page
    assert "Kontakta oss" not in page


def test_listed_shortcomings_make_it_partly_compliant_and_are_listed(tmp_path):
    config = (
        "\nwebbplats:\n  tillganglighet:\n    efterlevnad: full\n    kontakt: samverkan@example.org\n"
        "    brister:\n      - Äldre PDF-bilagor saknar taggar.\n"
    )
    out = publish(county(tmp_path / "lan", config), tmp_path / "ut")
    page = visible_text(read(out, "tillganglighet.html"))
    assert "delvis förenlig" in page and "på grund av de brister som beskrivs nedan" in page
    assert "Äldre PDF-bilagor saknar taggar." in page
    assert "Vi känner inte till några brister" not in page
    assert "Kontakta oss om du hittar brister" in page and "samverkan@example.org" in page


def test_not_compliant_without_a_list_says_so_without_a_list(tmp_path):
    config = "\nwebbplats:\n  tillganglighet:\n    efterlevnad: ingen\n"
    out = publish(county(tmp_path / "lan", config), tmp_path / "ut")
    page = visible_text(read(out, "tillganglighet.html"))
    assert "inte förenlig med lagen om tillgänglighet till digital offentlig service." in page
    assert "brister som beskrivs nedan" not in page and "Vi känner inte till" not in page
