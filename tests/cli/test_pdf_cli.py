"""`samverkan pdf ID` and `report --format pdf` (SPEC §8.10), read back with pypdf."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import OVK, base, front_matter, write_repo
from pdfread import Read
from samverkan_cli.cli import main
from samverkan_cli.scaffold.init import TEMPLATE

pytest.importorskip("typst")

TODAY = ["--today", "2026-06-15"]
BODY = """# Överenskommelse psykisk funktionsnedsättning

Inledande stycke om samverkan mellan huvudmännen, med *betoning*, **fetstil**,
`kod` och en [länk](https://example.se/sida). Ärendet gäller även Åre och Örnsköldsvik.

## Syfte och mål

- första punkten om vården
- andra punkten om omsorgen

1. steg ett
2. steg två

## Ansvar

| Huvudman | Ansvar |
|---|---:|
| Regionen | hälso- och sjukvård |
| Kommunen | socialtjänst |

### Särskilt om barn

```
kodblock med #import och $x$
```

> Ett citat ur lagen.

## Uppföljning

Avslutande stycke om uppföljning.
"""
LONG = "\n\n".join(
    f"Stycke {n}: parterna följer upp överenskommelsen och rapporterar till forumet." * 4
    for n in range(40)
)


def _repo(tmp_path: Path, body: str = BODY, **changes: object) -> Path:
    """The test county, its överenskommelse with `body` and the front matter `changes`."""
    documents = base()
    fields = documents.pop(OVK) | {"version": "3", "diarienummer": "Dnr 2026/7", **changes}
    root = write_repo(tmp_path / "lan", documents)
    (root / OVK).parent.mkdir(parents=True, exist_ok=True)
    (root / OVK).write_text(front_matter(fields, body), encoding="utf-8")
    return root


def _pdf(root: Path, *args: str) -> int:
    return main(["pdf", *args, "-C", str(root), *TODAY])


def test_a_document_pdf_is_tagged_titled_in_swedish_and_embeds_its_fonts(tmp_path):
    root = _repo(tmp_path, BODY + "\n\n" + LONG)
    out = tmp_path / "ovk.pdf"
    assert _pdf(root, "OVK-0001", "--out", str(out)) == 0
    read = Read.of(out)
    title = "OVK-0001 Överenskommelse psykisk funktionsnedsättning"
    assert read.lang == "sv-SE"
    assert read.marked
    assert read.shows_title
    assert read.info_title == title
    assert f'<rdf:li xml:lang="x-default">{title}</rdf:li>' in read.xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in read.xmp
    assert read.fonts() and all(embedded for _name, embedded in read.fonts())
    assert not {"/CreationDate", "/ModDate"} & read.info_keys  # no clock time


def test_the_structure_tree_follows_headings_tables_and_lists(tmp_path):
    root = _repo(tmp_path)
    out = tmp_path / "ovk.pdf"
    assert _pdf(root, "OVK-0001", "--out", str(out)) == 0
    names = Read.of(out).tag_names()
    headings = [n for n in names if n in ("H1", "H2", "H3", "H4", "H5", "H6")]
    # The title; the body's # repeats it and is left out; ## under it; ### under that.
    assert headings == ["H1", "H2", "H2", "H3", "H2"]
    assert names.count("Table") == 2  # the front-matter facts and the body's table
    for tag in ("THead", "TBody", "TR", "TH", "TD", "L", "LI", "LBody", "Link", "Code"):
        assert tag in names, tag
    assert names.count("L") == 2 and names.count("LI") == 4


def test_the_text_reads_in_order_with_swedish_letters_header_and_page_numbers(tmp_path):
    root = _repo(tmp_path, BODY + "\n\n" + LONG)
    out = tmp_path / "ovk.pdf"
    assert _pdf(root, "OVK-0001", "--out", str(out)) == 0
    pages = Read.of(out).pages()
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Sida {number} ({len(pages)})" in text
        assert "OVK-0001 · version 3 · diarienummer Dnr 2026/7" in text
    text = "\n".join(pages)
    for letter in "åäöÅÄÖ":
        assert letter in text, letter
    order = [
        "Överenskommelse OVK-0001",
        "Överenskommelse psykisk funktionsnedsättning",
        "Dokumenttyp",
        "Diarienummer",
        "Region Norr",  # parties by name, never by key
        "Inledande stycke",
        "Syfte och mål",
        "första punkten",
        "Regionen",
        "Särskilt om barn",
        "kodblock med #import",
        "Ett citat ur lagen",
        "Avslutande stycke",
        "Stycke 39",
    ]
    places = [text.find(word) for word in order]
    assert -1 not in places, [w for w, p in zip(order, places, strict=True) if p == -1]
    assert places == sorted(places)
    assert "region-norr" not in text


def test_user_text_prints_literally_and_reads_nothing(tmp_path):
    nasty = '#import "@preview/x:0.1.0": *  #read("/etc/passwd") ] $x$ \\ <label> @ref ~ //'
    body = f"# {nasty}\n\n{nasty}\n\n![bild](/etc/passwd) ![mer](../../../../../etc/hostname.png)\n"
    root = _repo(tmp_path, body, titel=nasty)
    out = tmp_path / "ovk.pdf"
    assert _pdf(root, "OVK-0001", "--out", str(out)) == 0
    read = Read.of(out)
    text = read.text()
    assert read.info_title == f"OVK-0001 {nasty}"
    assert text.count('#read("/etc/passwd")') >= 2  # the title and the paragraph
    assert "<label>" in text and "$x$" in text and "\\" in text
    assert "root:" not in text
    assert "bild" in text and "mer" in text  # images that are no attachment: their alt text
    assert "Figure" not in read.tag_names()


def test_an_attachment_image_is_embedded_with_its_alt_text(tmp_path):
    svg = (TEMPLATE / "dokument/huvudoverenskommelser/bilagor/samverkansstruktur.svg").read_bytes()
    body = "# Titel\n\n![Strukturen i tre nivåer](bilagor/struktur.svg)\n"
    root = _repo(tmp_path, body)
    (root / "dokument/overenskommelser/bilagor").mkdir()
    (root / "dokument/overenskommelser/bilagor/struktur.svg").write_bytes(svg)
    out = tmp_path / "ovk.pdf"
    assert _pdf(root, "OVK-0001", "--out", str(out)) == 0
    read = Read.of(out)
    assert "Figure" in read.tag_names()
    assert "Strukturen i tre nivåer" in read.alt_texts()


def test_the_signing_page_has_a_block_for_each_party_that_must_sign(tmp_path):
    signatures = [
        {"part": "region-norr", "namn": "Anna Exempel", "befattning": "Regiondirektör",
         "datum": "2026-02-01"},
    ]  # fmt: skip
    root = _repo(
        tmp_path,
        parter=["region-norr", "kommun-a", "kommun-b"],
        undertecknare=signatures,
        exemplar=3,
        status="antagande",
        antagande={"svara_senast": "2026-09-30"},
    )
    out = tmp_path / "ovk.pdf"
    assert _pdf(root, "OVK-0001", "--underskrift", "--out", str(out)) == 0
    pages = Read.of(out).pages()
    signing = pages[-1]
    assert "Underskrifter" in signing
    for name in ("Region Norr", "A kommun", "B kommun"):
        assert name in signing, name
    assert "kommun-a" not in signing and "region-norr" not in signing
    assert signing.count("Namnförtydligande") == 3
    assert signing.count("Ort och datum") == 3
    assert signing.count("Underskrift") >= 3
    assert "Anna Exempel" in signing and "2026-02-01" in signing
    assert "Regiondirektör" in signing
    assert (
        "Denna överenskommelse har upprättats i tre likalydande exemplar. "
        "Parterna har tagit var sitt." in " ".join(signing.split())
    )


def test_the_signing_page_follows_the_signing_order_and_leaves_out_a_party_that_said_no(
    tmp_path,
):
    decisions = [
        {"part": "kommun-a", "instans": "Kommunfullmäktige", "datum": "2026-03-01",
         "utfall": "avslagen"},
        {"part": "kommun-b", "instans": "Kommunfullmäktige", "datum": "2026-03-02"},
    ]  # fmt: skip
    root = _repo(
        tmp_path,
        parter=["region-norr", "kommun-a", "kommun-b"],
        stallningstaganden=decisions,
        status="antagande",
        antagande={"svara_senast": "2026-09-30", "underskriftsordning": ["kommun", "region"]},
    )
    out = tmp_path / "ovk.pdf"
    assert _pdf(root, "OVK-0001", "--underskrift", "--out", str(out)) == 0
    signing = " ".join(Read.of(out).pages()[-1].split())
    assert signing.count("Namnförtydligande") == 2
    assert "A kommun har avslagit dokumentet (2026-03-01) och skriver inte under." in signing
    assert signing.count("A kommun") == 1  # no block of its own
    assert signing.index("B kommun") < signing.index("Region Norr")  # kommun, then region


def test_a_signature_given_for_a_party_is_named_on_its_block(tmp_path):
    """On a huvudöverenskommelse the kommunförbund signs for each kommun that adopted it."""
    root = write_repo(tmp_path / "lan")
    out = tmp_path / "hok.pdf"
    assert _pdf(root, "HOK-0001", "--underskrift", "--out", str(out)) == 0
    signing = " ".join(Read.of(out).pages()[-1].split())
    assert signing.count("Namnförtydligande") == 2  # region and förbund sign themselves
    assert "Kommunförbundet Norr skriver under för A kommun: B Exempel" in signing
    assert "Kommunförbundet Norr skriver under för B kommun" in signing


def test_two_runs_give_the_same_bytes_whatever_the_clock(tmp_path):
    root = _repo(tmp_path)
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert _pdf(root, "OVK-0001", "--underskrift", "--out", str(first)) == 0
    time.sleep(1.1)  # another second on the wall clock
    assert _pdf(root, "OVK-0001", "--underskrift", "--out", str(second)) == 0
    assert first.read_bytes() == second.read_bytes()
    assert b"CreationDate" not in first.read_bytes() and b"CreateDate" not in first.read_bytes()


def test_the_default_out_is_the_id_in_the_current_folder_never_overwritten(
    tmp_path, monkeypatch, capsys
):
    root = _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["pdf", "ovk-0001", "-C", str(root), *TODAY]) == 0
    assert (tmp_path / "OVK-0001.pdf").read_bytes().startswith(b"%PDF-")
    capsys.readouterr()
    assert main(["pdf", "OVK-0001", "-C", str(root), *TODAY]) == 2
    err = capsys.readouterr().err
    assert "OVK-0001.pdf finns redan. Ange --force för att skriva över den" in err
    assert main(["pdf", "OVK-0001", "-C", str(root), *TODAY, "--force"]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["OVK-0010"],
            "Det finns inget dokument med id 'OVK-0010'. Menade du OVK-0001 eller HOK-0001?",
        ),
        (
            ["RUT-0001", "--underskrift"],
            "RUT-0001 är en rutin, som beslutas eller fastställs och inte skrivs under av "
            "parterna, så det finns ingen underskriftssida att skriva ut.",
        ),
        (["OVK-0001", "--today", "2026-02-30"], "--today ska vara ett datum ÅÅÅÅ-MM-DD"),
        (["OVK-0001", "--out", "samverkan.yaml"], "är arkivets inställningar"),
        (["OVK-0001", "--out", "dokument/x.pdf"], "ligger i arkivets mapp dokument/"),
    ],
)
def test_bad_usage_is_said_in_swedish(tmp_path, capsys, monkeypatch, args, message):
    root = _repo(tmp_path)
    monkeypatch.chdir(root)  # a relative --out is from here
    assert main(["pdf", *TODAY, *args, "-C", str(root)]) == 2  # a later --today wins
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not list(root.rglob("*.pdf"))


def test_the_report_as_pdf(tmp_path):
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns(".samverkan"))
    out = tmp_path / "rapport-2025.pdf"
    args = ["report", "-C", str(root), "--year", "2025", "--today", "2026-11-24"]
    assert main([*args, "--format", "pdf", "--out", str(out)]) == 0
    read = Read.of(out)
    assert read.info_title == "Årsrapport 2025: Samverkan Social ReKo Västernorrland"
    assert read.lang == "sv-SE" and read.marked and read.shows_title
    assert "<pdfuaid:part>1</pdfuaid:part>" in read.xmp
    names = read.tag_names()
    assert names.count("H1") == 1 and names.index("H1") < names.index("H2")
    assert {"Table", "TH", "TD", "L", "LI"} <= set(names)
    pages = read.pages()
    for number, text in enumerate(pages, start=1):
        assert f"Sida {number} ({len(pages)})" in text
    text = read.text()
    assert "Sammanfattning" in text and "Teknisk bilaga" in text
    assert "dokument/avtal/" not in text  # no file paths in the links' place
    again = tmp_path / "igen.pdf"
    assert main([*args, "--format", "pdf", "--out", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()


def test_the_report_pdf_is_never_written_to_a_terminal(tmp_path, capsys, monkeypatch):
    root = write_repo(tmp_path / "lan")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["report", "-C", str(root), "--year", "2026", "--format", "pdf", *TODAY]) == 2
    captured = capsys.readouterr()
    assert "En PDF kan inte visas i terminalen. Ange filen att skriva med --out" in captured.err
    assert "%PDF" not in captured.out


_WITHOUT_TYPST = """
import sys
sys.modules["typst"] = None  # as if the extra were not installed: `import typst` fails
from samverkan_cli.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["pdf", "OVK-0001", "--out", "{out}/x.pdf"],
        ["report", "--year", "2026", "--format", "pdf", "--out", "{out}/r.pdf"],
        ["publish", "--pdf", "--out", "{out}/site"],
    ],
)
def test_without_typst_the_pdf_commands_say_what_to_install(tmp_path, args):
    root = write_repo(tmp_path / "lan")
    out = tmp_path / "ut"
    out.mkdir()
    shown = [arg.replace("{out}", str(out)) for arg in args]
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_TYPST, *shown, "-C", str(root), *TODAY],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode == 2, done.stderr
    assert "PDF kräver tillägget för utskrift, som inte är installerat" in done.stderr
    assert "pip install 'samverkan-cli[pdf]'" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(out.iterdir()) == []


def test_pdfinfo_reads_the_pdf_too(tmp_path):
    """A second reader (poppler), where it is installed: CI installs it."""
    if shutil.which("pdfinfo") is None:
        if os.environ.get("CI"):
            pytest.fail("pdfinfo is missing in CI: .ci/run must install Debian's poppler-utils")
        pytest.skip("pdfinfo (poppler-utils) is not installed here")
    root = _repo(tmp_path)
    out = tmp_path / "ovk.pdf"
    assert _pdf(root, "OVK-0001", "--out", str(out)) == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    fields = dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in info.stdout.splitlines())
    )
    assert fields["Title"] == "OVK-0001 Överenskommelse psykisk funktionsnedsättning"
    assert fields["Tagged"] == "yes"
    assert fields["Page size"].startswith("595.276 x 841.89 pts (A4)")
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows)  # emb column


def test_a_file_that_cannot_be_read_is_named_not_called_unknown(tmp_path, capsys):
    root = _repo(tmp_path)
    (root / OVK).write_bytes((root / OVK).read_bytes().replace(b"version", b"v\xc3rsion", 1))
    assert main(["pdf", "OVK-0001", "-C", str(root), *TODAY]) == 1
    err = capsys.readouterr().err
    assert f"{OVK} går inte att läsa, så den kan inte skrivas ut." in err
    assert "Det finns inget dokument med id" not in err
    assert not list(root.rglob("*.pdf"))


GLYPHLESS_BODY = """# Titel

Ett stycke med en glad min 🙂 och mer text efter.

| Part | Svar |
|---|---|
| Regionen | ja 👍 tack |

Kinesiska: 中文 och thailändska: ไทย, svenska: åäö, samiska: Sámi.
"""


def test_characters_no_font_has_are_replaced_and_named_in_one_warning(tmp_path, capsys):
    root = _repo(tmp_path, GLYPHLESS_BODY, titel="Överenskommelse 🙂 om barn")
    out, again = tmp_path / "ovk.pdf", tmp_path / "igen.pdf"
    assert _pdf(root, "OVK-0001", "--out", str(out)) == 0
    err = capsys.readouterr().err
    text = " ".join(Read.of(out).text().split())
    assert "Överenskommelse □ om barn" in text  # the title
    assert "en glad min □ och mer text efter." in text  # the body
    assert "ja □ tack" in text  # a table cell
    assert "Kinesiska: □□ och thailändska: □□□, svenska: åäö, samiska: Sámi." in text
    assert "🙂" not in text and "中" not in text
    assert err.count("Varning:") == 1
    assert "PDF-filens typsnitt saknar några tecken, som därför ersattes med □" in err
    assert f"i OVK-0001 ({OVK}): " in err
    for named in ("U+1F642 🙂", "U+1F44D 👍", "U+4E2D 中", "U+6587 文", "U+0E44 ไ"):
        assert named in err, named
    assert "PDF/UA" not in err and "with font" not in err and "Traceback" not in err
    assert _pdf(root, "OVK-0001", "--out", str(again)) == 0
    assert again.read_bytes() == out.read_bytes()


def test_a_document_whose_characters_all_print_has_no_warning(tmp_path, capsys):
    body = "# Titel\n\nSámi giella, Ελληνικά, Русский, עברית, العربية, हिन्दी, åäö.\n"
    root = _repo(tmp_path, body)
    assert _pdf(root, "OVK-0001", "--out", str(tmp_path / "ovk.pdf")) == 0
    assert "Varning" not in capsys.readouterr().err


def test_the_report_pdf_replaces_an_emoji_in_the_git_history(tmp_path, capsys):
    root = write_repo(tmp_path / "lan", git=True)
    (root / OVK).write_text((root / OVK).read_text("utf-8") + "\nNytt stycke.\n", "utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Anna 🙂 Exempel",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "Anna",
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "GIT_AUTHOR_DATE": "2026-05-01T12:00:00",
        "GIT_COMMITTER_DATE": "2026-05-01T12:00:00",
    }
    subprocess.run(["git", "commit", "-qam", "Rättat stycket 🎉"], cwd=root, env=env, check=True)
    out = tmp_path / "rapport.pdf"
    args = ["report", "-C", str(root), "--year", "2026", "--format", "pdf", "--out", str(out)]
    assert main([*args, "--today", "2026-11-24"]) == 0
    err = capsys.readouterr().err
    assert err.count("Varning:") == 1 and "i årsrapporten 2026" in err
    assert "U+1F642 🙂" in err or "U+1F389 🎉" in err
    assert "□" in Read.of(out).text()


def _facts(root: Path, tmp_path: Path, today: str = "2026-06-15") -> str:
    out = tmp_path / "fakta.pdf"
    assert main(["pdf", "OVK-0001", "-C", str(root), "--today", today, "--out", str(out)]) == 0
    return " ".join(Read.of(out).text().split())


@pytest.mark.parametrize(
    ("changes", "today", "shown", "never"),
    [
        ({}, "2026-11-24", ["Status Beslutad, gäller vid utskriften 2026-11-24"], ["gäller 2026"]),
        (
            {"giltig_till": "2027-06-30"},
            "2027-08-01",
            ["Status Beslutad, giltighetstiden gick ut 2027-06-30", "Giltig till 2027-06-30"],
            ["gäller vid utskriften"],
        ),
        (
            {"giltig_fran": "2027-01-01"},
            "2026-11-24",
            ["Status Beslutad, gäller från 2027-01-01"],
            ["gäller vid utskriften"],
        ),
        (
            {"status": "upphavd", "upphavd_datum": "2027-03-01"},
            "2026-11-24",
            ["Status Upphävd, upphör att gälla 2027-03-01", "Upphör 2027-03-01"],
            ["Upphörde", "tills vidare", "gäller vid"],
        ),
        (
            {"status": "upphavd", "upphavd_datum": "2026-03-01"},
            "2026-11-24",
            ["Status Upphävd, upphörde att gälla 2026-03-01", "Upphörde 2026-03-01"],
            ["tills vidare", "gäller vid", "Upphör 2026"],
        ),
        (
            {"status": "utkast"},
            "2026-11-24",
            [
                "psykisk funktionsnedsättning Utkast – inte beslutat Uppgift",
                "Status Utkast – inte beslutat",
            ],
            ["gäller vid"],
        ),
    ],
)
def test_the_status_is_said_truthfully_on_the_print_date(tmp_path, changes, today, shown, never):
    text = _facts(_repo(tmp_path, **changes), tmp_path, today)
    for words in shown:
        assert words in text, words
    for words in never:
        assert words not in text, words


def test_a_draft_says_so_on_every_page(tmp_path):
    root = _repo(tmp_path, BODY + "\n\n" + LONG, status="utkast")
    out = tmp_path / "ovk.pdf"
    assert _pdf(root, "OVK-0001", "--out", str(out)) == 0
    pages = Read.of(out).pages()
    assert len(pages) >= 3
    assert all("Utkast – inte beslutat" in page for page in pages)


def test_an_html_comment_in_the_body_is_not_printed(tmp_path):
    body = "# Titel\n\nSynligt stycke. <!-- Intern anteckning -->\n\n<!--\nOch en till\n-->\n"
    text = _facts(_repo(tmp_path, body), tmp_path)
    assert "Synligt stycke." in text
    assert "Intern anteckning" not in text and "Och en till" not in text and "<!--" not in text


def test_a_relative_out_starts_in_the_c_folder_like_git(tmp_path, capsys, monkeypatch):
    root = _repo(tmp_path)
    elsewhere = tmp_path / "annanstans"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert _pdf(root, "OVK-0001", "--out", "rel.pdf") == 0
    assert (root / "rel.pdf").read_bytes().startswith(b"%PDF-")
    assert not (elsewhere / "rel.pdf").exists()
    assert "Skrev rel.pdf" in capsys.readouterr().err
    assert main(["pdf", "OVK-0001", *TODAY, "--out", "rel.pdf"]) == 2  # no repository here
    assert _pdf(root, "OVK-0001", "--out", str(elsewhere / "abs.pdf")) == 0
    assert (elsewhere / "abs.pdf").exists()


def test_in_a_document_folder_without_out_the_pdf_is_refused_with_a_place_to_use(
    tmp_path, capsys, monkeypatch
):
    root = _repo(tmp_path)
    monkeypatch.chdir(root / "dokument")
    assert main(["pdf", "OVK-0001", *TODAY]) == 2
    err = capsys.readouterr().err
    assert (
        "Du står i arkivets mapp dokument/, där varje fil läses som ett dokument, så PDF-filen "
        "skrivs inte här. Ange med --out en plats utanför dokumentmapparna, t.ex. "
        "--out ../OVK-0001.pdf; inget skrevs." in " ".join(err.split())
    )
    assert not list(root.rglob("*.pdf"))
    assert main(["pdf", "OVK-0001", *TODAY, "--out", "../OVK-0001.pdf"]) == 0
    assert (root / "OVK-0001.pdf").exists()


def test_out_dash_writes_the_pdf_to_a_pipe_never_to_a_terminal(tmp_path, capsys, monkeypatch):
    root = _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert _pdf(root, "OVK-0001", "--out", "-") == 2
    err = capsys.readouterr().err
    assert "En PDF kan inte visas i terminalen." in err
    assert "samverkan pdf OVK-0001 --out - > OVK-0001.pdf" in " ".join(err.split())
    assert not (tmp_path / "-").exists()
    done = subprocess.run(
        [sys.executable, "-m", "samverkan_cli", "pdf", "OVK-0001", "--out", "-", "-C", str(root),
         *TODAY],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-") and not (tmp_path / "-").exists()


def test_report_out_dash_is_standard_output_and_a_relative_out_starts_in_the_c_folder(
    tmp_path, capsys, monkeypatch
):
    root = write_repo(tmp_path / "lan")
    monkeypatch.chdir(tmp_path)
    args = ["report", "-C", str(root), "--year", "2026", *TODAY]
    assert main([*args, "--out", "-"]) == 0
    assert capsys.readouterr().out.startswith("# Årsrapport 2026")
    assert not (tmp_path / "-").exists()
    assert main([*args, "--out", "r.md"]) == 0
    assert (root / "r.md").exists() and not (tmp_path / "r.md").exists()


def test_a_group_is_named_in_any_case_like_a_document(tmp_path):
    root = _repo(tmp_path)
    for name in ("bg", "BG", "Bg"):
        out = tmp_path / f"{name}.pdf"
        assert _pdf(root, name, "--out", str(out)) == 0, name
        assert "Beredningsgruppen" in Read.of(out).text()


@pytest.mark.parametrize("name", ["2026-02-01-bg", "2026-02-01-BG", "moten/2026/2026-02-01-bg.md"])
def test_a_meeting_record_is_said_to_be_no_pdf_not_unknown(tmp_path, capsys, name):
    root = _repo(tmp_path)
    assert _pdf(root, name, "--out", str(tmp_path / "m.pdf")) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert (
        "moten/2026/2026-02-01-bg.md är anteckningar från ett möte, och mötesanteckningar skrivs "
        "inte ut som PDF (bara dokument och grupper)." in err
    )
    assert "samverkan pdf bg" in err and "Det finns inget dokument" not in err
    assert not (tmp_path / "m.pdf").exists()


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>'
)
#: A4 is 595.28 pt wide; the template's margins are 2.3 cm (65.2 pt) each side.
_RIGHT_EDGE = 595.28 - 65.2


def _words(pdf: Path) -> list[tuple[float, float, float, str]]:
    """(xMin, yMin, xMax, text) of each word, as poppler places it."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing in CI: .ci/run must install Debian's poppler-utils")
        pytest.skip("pdftotext (poppler-utils) is not installed here")
    found = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True)
    return [(float(a), float(b), float(c), d) for a, b, c, d in _WORD.findall(found.stdout)]


def test_long_words_fit_their_cells_and_the_page(tmp_path):
    """Long compounds are hyphenated in Swedish; a run no pattern breaks breaks anyway."""
    compound = "Länssamverkansgrupp"
    made_up = "x" * 120
    number = "1234567890" * 8
    body = (
        "# Rapport\n\n| Grupp | Typ | Ordförande | Möten | Status |\n|---|---|---|---:|---|\n"
        f"| {compound} för barn och unga | {compound} | Ordförandeskapsrotation | 4 | Uppfyllt |\n"
        f"| {made_up} | Ledningsgrupp | {number} | 1 | Ej uppfyllt |\n\n"
        f"Ett stycke med {made_up} och {number} som ord.\n"
    )
    root = _repo(tmp_path, body)
    out = tmp_path / "ovk.pdf"
    assert _pdf(root, "OVK-0001", "--out", str(out)) == 0
    words = _words(out)
    assert words, "poppler read no words"
    assert max(right for _l, _t, right, _w in words) <= _RIGHT_EDGE + 0.5
    lines: dict[float, list[tuple[float, float]]] = {}
    for left, top, right, _word in words:
        lines.setdefault(round(top), []).append((left, right))
    for placed in lines.values():  # no word runs into the next one (the next cell)
        placed.sort()
        for (_l, right), (left, _r) in itertools.pairwise(placed):
            assert right <= left + 0.5
    text = Read.of(out).text()
    assert "Länssamverkans\u00adgrupp" in text or compound in text  # hyphenated, not cut
