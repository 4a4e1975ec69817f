"""`samverkan publish` and `samverkan list`: pages, exports, leak rules, output-dir safety."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

import golden
from helpers import unwrapped
from samverkan_cli.cli import main
from samverkan_cli.scaffold.init import TEMPLATE
from samverkan_cli.site.write import MARKER

TODAY = ["--today", "2026-11-24"]
SECRET = "Hemlig rutin om personalfrågor"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lan") / "lan"
    shutil.copytree(TEMPLATE, root)
    (root / "dokument/rutiner/RUT-0009-hemlig.md").write_text(
        "---\nid: RUT-0009\ntyp: rutin\ntitel: " + SECRET + "\nstatus: beslutad\npublicera: false\n"
        "overordnad: OVK-0001\ndokumentansvarig: HR\nfaststalld: {av: bg, datum: 2026-01-10}\n"
        "giltig_fran: 2026-02-01\nnasta_granskning: 2026-12-01\n---\n# Hemligt\n",
        encoding="utf-8",
    )
    (root / "dokument/rutiner/RUT-0008-elak.md").write_text(
        "---\nid: RUT-0008\ntyp: rutin\ntitel: Rutin med farlig text\nstatus: beslutad\noverordnad: OVK-0001\n"
        "dokumentansvarig: X\nfaststalld: {av: bg, datum: 2026-01-10}\ngiltig_fran: 2026-02-01\n---\n"
        "# Test\n<script>alert('x')</script>\n\n[klicka](javascript:alert(1)) [hemlig](RUT-0009) "
        "[utkast](OVK-0004) ![bild](https://example.org/spårning.png) [extern](https://www.example.org/)\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def site(county, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ut") / "_site"
    assert main(["publish", "-C", str(county), "--out", str(out), *TODAY]) == 0
    return out


def all_text(site: Path) -> str:
    """Everything published, except the Markdown source of the test document that names hidden ids."""
    parts = []
    for path in sorted(site.rglob("*")):
        if path.name == "RUT-0008.md":
            continue
        if path.suffix == ".xlsx":
            archive = zipfile.ZipFile(path)
            parts += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
        elif path.is_file():
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def test_pages_and_exports_exist(site):
    for name in (
        "index.html",
        "arkiv.html",
        "antagande.html",
        "under-antagande.html",
        "granskning.html",
        "hierarki.html",
        "tillganglighet.html",
        "grupper/index.html",
        "grupper/bg.html",
        "dokument/OVK-0001.html",
        "forteckning.json",
        "forteckning.csv",
        "forteckning.xlsx",
        "kalender.ics",
        "atom.xml",
        "static/style.css",
        "static/filter.js",
        "kalla/OVK-0001.md",
        MARKER,
    ):
        assert (site / name).is_file(), name


def test_unpublished_and_drafts_appear_nowhere(site):
    text = all_text(site)
    for leak in (
        "RUT-0009",
        SECRET,
        "OVK-0004",
        "samarbete kring äldre med omfattande behov av vård",
    ):
        assert leak not in text, leak


def test_include_drafts_shows_drafts_but_never_unpublished(capsys, county, tmp_path):
    out = tmp_path / "granskning"
    assert (
        run(capsys, "publish", "-C", str(county), "--out", str(out), "--include-drafts", *TODAY)[0]
        == 0
    )
    assert (out / "dokument/OVK-0004.html").is_file()
    assert "Remiss." in (out / "dokument/OVK-0004.html").read_text("utf-8")
    assert "RUT-0009" not in all_text(out)


def test_raw_html_and_dangerous_links_are_neutralised(site):
    page = (site / "dokument/RUT-0008.html").read_text("utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert 'href="javascript' not in page and '<a href="javascript' not in page
    assert "spårning.png" not in page and "<img" not in page.split("<main", 1)[1]
    assert '<a href="https://www.example.org/">extern</a>' in page
    assert "hemlig" in page and 'href="../dokument/RUT-0009.html"' not in page


def test_links_are_relative_and_nothing_loads_from_elsewhere(site):
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert not re.search(r'(src|href)="/', html), page
        assert not re.search(r'src="https?:', html), page
        assert not re.search(r'<link[^>]+href="https?:', html), page


def test_every_internal_link_resolves(site):
    for page in site.rglob("*.html"):
        for target in re.findall(r'href="([^"#:]+)(?:#[^"]*)?"', page.read_text("utf-8")):
            assert (page.parent / target).resolve().is_file(), f"{page.name} → {target}"


def test_document_page_content(site):
    page = (site / "dokument/HOK-0000.html").read_text("utf-8")
    assert "<strong>Ersatt.</strong> Dokumentet gäller inte längre sedan 2026-03-01." in page
    assert 'href="../dokument/HOK-0001.html"' in page
    rutin = (site / "dokument/RUT-0004.html").read_text("utf-8")
    assert "<strong>Granskning försenad</strong> sedan 2026-09-01." in rutin
    ovk = (site / "dokument/OVK-0001.html").read_text("utf-8")
    assert "<li>Hälso- och sjukvårdslagen (2017:30) 16 kap. 3 §</li>" in ovk  # the number once
    assert (
        ovk.count("<h1>") == 1
        and "<h2>Bakgrund och lagstöd</h2>" not in ovk
        and "<h3>Bakgrund och lagstöd</h3>" in ovk
    )
    assert 'href="../dokument/RUT-0001.html"' in ovk


def test_adoption_matrix_says_it_in_text(site):
    page = (site / "antagande.html").read_text("utf-8")
    assert '<span class="nowrap">2026-04-07</span>' in page  # a date is never broken
    page = unwrapped(page)
    assert '<td class="ok">undertecknad 2026-04-07</td>' in page
    assert '<td class="ok">beslut KS 2026-01-27 § 8</td>' in page
    assert '<td class="na">ej part</td>' in page


def test_csv_opens_in_swedish_excel(site):
    data = (site / "forteckning.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8")), delimiter=";"))
    assert rows[0][:4] == ["Id", "Typ", "Titel", "Status"]
    assert any(row[0] == "OVK-0001" for row in rows)


def test_json_export_shape(site):
    data = json.loads((site / "forteckning.json").read_text("utf-8"))
    assert (data["version"], data["namn"], data["datum"]) == (
        1,
        "Samverkan Social ReKo Västernorrland",
        "2026-11-24",
    )
    ovk = next(d for d in data["dokument"] if d["id"] == "OVK-0001")
    assert ovk["sida"] == "dokument/OVK-0001.html" and ovk["gallande"] is True
    assert {"nyckel": "ange", "namn": "Ånge kommun"} in ovk["parter"]


def test_xlsx_calendar_and_feed(site):
    from xml.etree import ElementTree

    from icalendar import Calendar
    from openpyxl import load_workbook

    workbook = load_workbook(site / "forteckning.xlsx")
    assert [c.value for c in workbook.active[1]][:3] == ["Id", "Typ", "Titel"]
    # Stamped from --today, never the clock, or two runs a second apart differ.
    stamps = {workbook.properties.created, workbook.properties.modified}
    assert {s.isoformat() for s in stamps} == {"2026-11-24T00:00:00"}
    ics = (site / "kalender.ics").read_bytes()
    assert b"DTSTART;VALUE=DATE:2026" in ics and b"\nDTSTART:" not in ics  # dates, not date-times
    calendar = Calendar.from_ical(ics)
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    assert "granskning-RUT-0004@samverkan" in uids and "mote-2026-12-08-bg@samverkan" in uids
    assert len(uids) == len(set(uids))
    feed = ElementTree.parse(site / "atom.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    updated = [e.find("{http://www.w3.org/2005/Atom}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True) and entries


def test_byte_identical_output(capsys, county, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        assert run(capsys, "publish", "-C", str(county), "--out", str(out), *TODAY)[0] == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.parametrize(
    "page", ["index.html", "dokument/OVK-0001.html", "grupper/bg.html", "antagande.html"]
)
def test_golden_pages(request, site, page):
    golden.check(request, f"site/{page.replace('/', '-')}", (site / page).read_text("utf-8"))


def test_refuses_a_folder_it_did_not_create(capsys, county, tmp_path):
    out = tmp_path / "viktigt"
    out.mkdir()
    (out / "mina-filer.txt").write_text("behåll", encoding="utf-8")
    code, _, err = run(capsys, "publish", "-C", str(county), "--out", str(out), *TODAY)
    assert code == 2 and "skapades inte av samverkan publish" in err
    assert [p.name for p in out.iterdir()] == ["mina-filer.txt"]


def test_refuses_the_repository_itself(capsys, county):
    code, _, err = run(capsys, "publish", "-C", str(county), "--out", str(county), *TODAY)
    assert code == 2 and "är dokumentarkivet" in err


def test_republish_removes_only_what_it_wrote_and_never_follows_links(capsys, county, tmp_path):
    out = tmp_path / "_site"
    assert run(capsys, "publish", "-C", str(county), "--out", str(out), *TODAY)[0] == 0
    (out / "dokument" / "EGEN.html").write_text("min egen fil", encoding="utf-8")
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (outside / "viktig.txt").write_text("rör ej", encoding="utf-8")
    (out / "lank").symlink_to(outside, target_is_directory=True)
    code, out_text, _ = run(capsys, "publish", "-C", str(county), "--out", str(out), *TODAY)
    assert code == 0 and "0 filer skrivna, 0 borttagna" in out_text
    assert (out / "dokument" / "EGEN.html").read_text("utf-8") == "min egen fil"
    assert (out / "lank").is_symlink()
    assert (outside / "viktig.txt").read_text("utf-8") == "rör ej"


def test_list_formats_and_filters(capsys, county):
    code, out, _ = run(
        capsys, "list", "-C", str(county), "-f", "json", "--typ", "rutin", "--gallande", *TODAY
    )
    data = json.loads(out)
    assert code == 0 and [d["id"] for d in data["dokument"]] == [
        "RUT-0001",
        "RUT-0002",
        "RUT-0003",
        "RUT-0004",
        "RUT-0008",
    ]
    code, out, _ = run(capsys, "list", "-C", str(county), "-f", "json", "--part", "timra", *TODAY)
    assert all(
        any(p["nyckel"] == "timra" for p in d["parter"]) for d in json.loads(out)["dokument"]
    )
    code, out, _ = run(
        capsys, "list", "-C", str(county), "-f", "json", "--status", "remiss", *TODAY
    )
    assert [d["id"] for d in json.loads(out)["dokument"]] == ["OVK-0004"]
    code, out, _ = run(
        capsys, "list", "-C", str(county), "-f", "md", "--typ", "huvudöverenskommelse", *TODAY
    )
    assert (
        out.splitlines()[0].startswith("| Id | Typ | Titel")
        and "| HOK-0001 | Huvudöverenskommelse |" in out
    )
    code, out, _ = run(capsys, "list", "-C", str(county), *TODAY)
    assert code == 0 and "OVK-0001" in out and "RUT-0009" not in out and "OVK-0004" not in out


def _ids(capsys, county: Path, *args: str) -> list[str]:
    code, out, err = run(capsys, "list", "-C", str(county), "-f", "json", *args, *TODAY)
    assert code == 0, err
    return [d["id"] for d in json.loads(out)["dokument"]]


def test_list_part_takes_a_key_in_any_case_or_a_partys_name(capsys, county):
    by_key = _ids(capsys, county, "--part", "sundsvall")
    assert by_key
    for given in ("Sundsvall", "SUNDSVALL", " sundsvall ", "Sundsvalls kommun"):
        assert _ids(capsys, county, "--part", given) == by_key
    assert _ids(capsys, county, "--part", "sundsvalls KOMMUN") == by_key
    assert _ids(capsys, county, "--part", "Timrå kommun") == _ids(capsys, county, "--part", "timra")


def test_an_unknown_part_names_the_parties_there_are(capsys, county):
    code, out, err = run(capsys, "list", "-C", str(county), "--part", "Sundsval", *TODAY)
    assert (code, out) == (2, "")
    assert err.startswith(
        "Fel: Parten 'Sundsval' finns inte i samverkan.yaml. Ange en parts nyckel eller namn: "
        "region-vasternorrland (Region Västernorrland), kommunforbundet (Kommunförbundet "
        "Västernorrland), sundsvall (Sundsvalls kommun), "
    )


@pytest.mark.parametrize(
    ("args", "gist"),
    [
        (["--typ", "policy"], "'policy' är ingen dokumenttyp"),
        (["--status", "klar"], "Okänd status 'klar'"),
        (["--part", "x"], "Parten 'x' finns inte"),
        (["-f", "xml"], "Okänt format 'xml'"),
    ],
)
def test_list_bad_usage(capsys, county, args, gist):
    code, _, err = run(capsys, "list", "-C", str(county), *args)
    assert code == 2 and gist in err


@pytest.mark.parametrize(("colour", "expected"), [("#7a1f3d", "#7a1f3d"), ("#ffeb3b", "#1f4e79")])
def test_logo_and_colour_from_config(capsys, tmp_path, colour, expected):
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root)
    (root / "bilder").mkdir()
    (root / "bilder" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8"
    )
    config = (root / "samverkan.yaml").read_text("utf-8")
    config += f'\nwebbplats:\n  logo: bilder/logo.svg\n  farg: "{colour}"\n  tillganglighet:\n    efterlevnad: full\n    kontakt: skriv till samverkan@example.org\n'
    (root / "samverkan.yaml").write_text(config, encoding="utf-8")
    out = tmp_path / "_site"
    assert run(capsys, "publish", "-C", str(root), "--out", str(out), *TODAY)[0] == 0
    assert (out / "static/logo.svg").is_file()
    assert f"--accent: {expected};" in (out / "static/farg.css").read_text("utf-8")
    assert '<img src="static/logo.svg" alt="">' in (out / "index.html").read_text("utf-8")
    statement = (out / "tillganglighet.html").read_text("utf-8")
    assert "helt förenlig" in statement and "skriv till samverkan@example.org" in statement


def _with_logo(tmp_path: Path, name: str, data: bytes | None) -> Path:
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root)
    if data is not None:
        (root / name).write_bytes(data)
    config = (root / "samverkan.yaml").read_text("utf-8")
    (root / "samverkan.yaml").write_text(f"{config}\nwebbplats:\n  logo: {name}\n", "utf-8")
    return root


@pytest.mark.parametrize(
    ("name", "data", "gist"),
    [
        ("saknas.png", None, "finns inte och publiceras inte. Rätta sökvägen"),
        ("logo.gif", b"GIF89a", "en logotyp ska vara en PNG-, JPEG- eller SVG-fil"),
        ("logo.svg", b"<svg", "SVG-filen går inte att läsa som en ren bild"),
        ("logo.png", b"<html><script>alert(1)</script></html>", "filen är ingen PNG-bild"),
    ],
)
def test_publish_warns_of_a_logo_it_cannot_use(capsys, tmp_path, name, data, gist):
    root = _with_logo(tmp_path, name, data)
    code, out, err = run(capsys, "publish", "-C", str(root), "--out", str(tmp_path / "ut"), *TODAY)
    assert code == 0
    assert err.startswith(f"Varning: Logotypen '{name}' (webbplats.logo i samverkan.yaml) ")
    assert gist in err and out.startswith("Publicerade ")


def test_a_logo_that_is_an_image_gives_no_warning(capsys, tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    root = _with_logo(tmp_path, "logo.png", png)
    code, _, err = run(capsys, "publish", "-C", str(root), "--out", str(tmp_path / "ut"), *TODAY)
    assert (code, err) == (0, "")
    assert (tmp_path / "ut" / "static" / "logo.png").read_bytes() == png


def test_a_file_named_png_that_is_no_image_is_not_published(capsys, tmp_path):
    root = _with_logo(tmp_path, "logo.png", b"<html><script>alert(1)</script></html>")
    assert run(capsys, "publish", "-C", str(root), "--out", str(tmp_path / "ut"), *TODAY)[0] == 0
    assert not (tmp_path / "ut" / "static" / "logo.png").exists()
    assert "static/logo.png" not in (tmp_path / "ut" / "index.html").read_text("utf-8")


def test_contrast_helper():
    from samverkan_cli.site.style import contrast

    assert round(contrast("#ffffff", "#000000"), 1) == 21.0
    assert contrast("#1f4e79", "#ffffff") >= 4.5


@pytest.mark.parametrize(
    "args",
    [
        ["publish", "--out", "{tmp}/ut"],
        ["list", "-f", "json"],
        ["report", "--year", "2200"],
        ["validate"],
    ],
)
def test_far_future_today_is_no_internal_error(capsys, county, tmp_path, args):
    code, _, err = run(
        capsys, *[a.format(tmp=tmp_path) for a in args], "-C", str(county), "--today", "9999-12-31"
    )
    assert code in (0, 1), err
    assert "internt fel" not in err


def test_unpublished_meeting_on_the_same_day_never_lends_its_text(capsys, tmp_path):
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root)
    (root / "moten/2026/2026-11-10-bg-extra.md").write_text(
        "---\ntyp: mote\ngrupp: bg\ndatum: 2026-11-10\nhandling: protokoll\npublicera: false\n---\n"
        "# Slutet möte\n\nKonfidentiell punkt om personal.\n",
        encoding="utf-8",
    )
    out = tmp_path / "_site"
    assert run(capsys, "publish", "-C", str(root), "--out", str(out), *TODAY)[0] == 0
    assert "Konfidentiell" not in all_text(out)
    page = (out / "grupper/bg.html").read_text("utf-8")
    assert "2026-11-10: Minnesanteckningar" in page and "2026-11-10: Protokoll" not in page


def test_a_file_that_cannot_be_read_is_named_not_left_out_in_silence(capsys, tmp_path):
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns(".samverkan"))
    rutin = next((root / "dokument/rutiner").glob("RUT-0001-*.md"))
    rutin.write_text(rutin.read_text("utf-8").replace("titel: ", "titel ", 1), encoding="utf-8")
    assert main(["publish", "-C", str(root), "--out", str(tmp_path / "ut"), *TODAY]) == 0
    err = capsys.readouterr().err
    assert "Varning: 1 fil kan inte läsas och publicerades inte: dokument/rutiner/RUT-0001" in err


def test_a_source_url_without_its_path_is_refused(capsys, tmp_path):
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns(".samverkan"))
    args = ["publish", "-C", str(root), "--out", str(tmp_path / "ut"), *TODAY]
    assert main([*args, "--source-url", "https://example.org/blob/main/"]) == 2
    assert "saknar {path}" in capsys.readouterr().err
    assert not (tmp_path / "ut").exists()
