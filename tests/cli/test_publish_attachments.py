"""Attachments (issue #15, SPEC §8.3): a file in the repository that a public document links to
is published beside its page and the link kept; one over 25 MB, or not what its name says, is
SV056 and is not copied; a hidden document's attachments are never copied; a changed attachment
is copied again, and a removed link or document removes its copy."""

from __future__ import annotations

import os
import re
from pathlib import Path
from posixpath import dirname, join, normpath
from urllib.parse import unquote

import pytest
from test_publish_incremental import afresh, files, made

from helpers import BG, RUT, TODAY, base, front_matter, validate, write_repo
from samverkan_cli.cli import main
from samverkan_cli.validate import run_cached

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
BILAGA = "dokument/rutiner/bilagor/Blankett för samtycke.pdf"
LINK = "Fyll i [blanketten](<bilagor/Blankett för samtycke.pdf#page=2>) med personen.\n"
TOO_BIG = 26 * 2**20


def repo(tmp_path: Path, body: str = LINK, extra: dict | None = None, **fields) -> Path:
    docs = base()
    docs[RUT] = front_matter({**docs[RUT], **fields}, f"# Rutin för SIP\n\n{body}")
    return write_repo(tmp_path / "lan", docs, extra=extra if extra is not None else {BILAGA: PDF})


def publish(root: Path, *args: str) -> Path:
    out = root.parent / "ut"
    assert main(["publish", "-C", str(root), "--out", str(out), "--today", str(TODAY), *args]) == 0
    return out


def hrefs(page: Path) -> list[str]:
    return re.findall(r'href="([^"]*)"', page.read_text("utf-8"))


def resolved(out: Path, page: str, href: str) -> Path:
    """The file a relative link on `page` leads to, as a browser reads it."""
    path = unquote(href.split("#", 1)[0])
    return out / normpath(join(dirname(page), path))


def sparse(path: Path, size: int) -> None:
    """A file of `size` bytes that starts as a PDF and takes no room on disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(PDF)
        handle.truncate(size)


def sv056(root: Path) -> list[str]:
    return [
        f"{d.path}:{d.line}:{d.column} {d.message}" for d in validate(root) if d.code == "SV056"
    ]


def test_a_linked_pdf_is_published_beside_its_page_and_the_link_leads_to_it(tmp_path):
    root = repo(tmp_path)
    assert sv056(root) == []
    out = publish(root)
    copy = out / "dokument/RUT-0001/Blankett för samtycke.pdf"
    assert copy.read_bytes() == PDF
    link = next(h for h in hrefs(out / "dokument/RUT-0001.html") if "Blankett" in h)
    assert link == "../dokument/RUT-0001/Blankett%20f%C3%B6r%20samtycke.pdf#page=2"
    assert resolved(out, "dokument/RUT-0001.html", link) == copy
    assert [name for name in files(out) if "Blankett" in name] == [
        "dokument/RUT-0001/Blankett för samtycke.pdf"
    ]  # one copy, and nowhere else


def test_a_file_over_25_mb_is_sv056_and_is_not_copied(tmp_path):
    root = repo(tmp_path, extra={})
    sparse(root / BILAGA, TOO_BIG)
    assert sv056(root) == [
        f"{RUT}:15:22 Bilagan 'bilagor/Blankett för samtycke.pdf#page=2' kan inte publiceras på "
        "webbplatsen. Filen är 26 MB, och bilagor över 25 MB publiceras inte: länken visas som "
        "vanlig text. Gör filen mindre (spara t.ex. en PDF med lägre bildupplösning), eller "
        "länka till adressen där den redan är publicerad."
    ]
    out = publish(root)
    assert not (out / "dokument/RUT-0001").exists()
    page = (out / "dokument/RUT-0001.html").read_text("utf-8")
    assert "Fyll i blanketten med personen." in page  # plain text, pointing nowhere
    assert not any("Blankett" in h for h in hrefs(out / "dokument/RUT-0001.html"))


def test_a_file_of_exactly_25_mb_is_published(tmp_path):
    root = repo(tmp_path, extra={})
    sparse(root / BILAGA, 25 * 2**20)
    assert sv056(root) == []
    assert (publish(root) / "dokument/RUT-0001/Blankett för samtycke.pdf").stat().st_size == (
        25 * 2**20
    )


@pytest.mark.parametrize(
    ("fields", "args"),
    [
        ({"publicera": False}, ()),
        ({"status": "utkast"}, ()),
        ({"publicera": False}, ("--include-drafts",)),
    ],
)
def test_a_hidden_documents_attachment_is_never_copied(tmp_path, fields, args):
    root = repo(tmp_path, **fields)
    out = publish(root, *args)
    assert not any("Blankett" in name or "bilagor" in name for name in files(out))
    assert all(PDF not in data for data in files(out).values())


def test_a_document_never_published_has_no_sv056(tmp_path):
    root = repo(tmp_path, extra={}, publicera=False)
    sparse(root / BILAGA, TOO_BIG)
    assert sv056(root) == []


def test_a_draft_is_warned_of_it_will_be_published_once_decided(tmp_path):
    root = repo(tmp_path, extra={BILAGA: b"<html>"}, status="utkast")
    assert len(sv056(root)) == 1


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"<html><script>alert(1)</script></html>", "Filen är ingen PDF-fil (den börjar inte"),
        (b"", "Filen är ingen PDF-fil"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_sv056_and_not_copied(tmp_path, content, said):
    root = repo(tmp_path, extra={BILAGA: content})
    assert [m.split(" ", 1)[1] for m in sv056(root)] == [
        "Bilagan 'bilagor/Blankett för samtycke.pdf#page=2' kan inte publiceras på webbplatsen. "
        "Filen är ingen PDF-fil (den börjar inte som en sådan gör): länken visas som vanlig text. "
        "Spara filen som PDF, eller ge den det filnamnstillägg som hör till dess format."
    ]
    assert said in sv056(root)[0]
    assert not (publish(root) / "dokument/RUT-0001").exists()


def test_a_link_out_of_the_repository_is_never_followed(tmp_path):
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (outside / "a.pdf").write_bytes(PDF + b"hemlig")
    (outside / "b.pdf").write_bytes(PDF + b"hemlig")
    root = repo(tmp_path, body="Se [a](bilagor/a.pdf) och [b](mapp/b.pdf).\n", extra={})
    (root / "dokument/rutiner/bilagor").mkdir(parents=True)
    (root / "dokument/rutiner/bilagor/a.pdf").symlink_to(outside / "a.pdf")
    (root / "dokument/rutiner/mapp").symlink_to(outside)  # a folder out of the repository
    found = sv056(root)
    assert len(found) == 2
    assert "Filen är en symbolisk länk som pekar utanför arkivet" in found[0]
    assert "Filen ligger i en mapp som är en symbolisk länk ut ur arkivet" in found[1]
    out = publish(root)
    assert not (out / "dokument/RUT-0001").exists()
    assert all(b"hemlig" not in data for data in files(out).values())


def test_a_link_inside_the_repository_is_followed(tmp_path):
    root = repo(tmp_path, body="Se [a](bilagor/a.pdf).\n", extra={"arkiv/original.pdf": PDF})
    (root / "dokument/rutiner/bilagor").mkdir(parents=True)
    (root / "dokument/rutiner/bilagor/a.pdf").symlink_to(root / "arkiv/original.pdf")
    assert sv056(root) == []
    assert (publish(root) / "dokument/RUT-0001/a.pdf").read_bytes() == PDF


def test_images_of_the_repository_are_shown_and_others_stay_alt_text(tmp_path):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
        b'<rect width="4" height="4"/></svg>'
    )
    body = (
        "![Karta över länet](/bilder/karta.png) ![Schema](bilder/schema.svg) "
        "![Extern](https://example.org/bild.png)\n"
    )
    root = repo(
        tmp_path,
        body=body,
        extra={"bilder/karta.png": PNG, "dokument/rutiner/bilder/schema.svg": svg},
    )
    assert sv056(root) == []
    out = publish(root)
    page = (out / "dokument/RUT-0001.html").read_text("utf-8")
    assert '<img src="../dokument/RUT-0001/karta.png" alt="Karta över länet" />' in page
    assert '<img src="../dokument/RUT-0001/schema.svg" alt="Schema" />' in page
    assert "example.org" not in page and "Extern" in page
    assert (out / "dokument/RUT-0001/karta.png").read_bytes() == PNG
    drawing = (out / "dokument/RUT-0001/schema.svg").read_bytes()
    assert b"<rect" in drawing and b"script" not in drawing and b"onload" not in drawing


def test_two_files_of_one_name_get_a_name_each(tmp_path):
    body = "[a](a/Bilaga.pdf) [b](b/bilaga.pdf) [c](.dold.pdf) [a igen](./a/Bilaga.pdf)\n"
    extra = {
        "dokument/rutiner/a/Bilaga.pdf": PDF + b"a",
        "dokument/rutiner/b/bilaga.pdf": PDF + b"b",
        "dokument/rutiner/.dold.pdf": PDF + b"c",
    }
    out = publish(repo(tmp_path, body=body, extra=extra))
    shown = {n: d for n, d in files(out).items() if n.startswith("dokument/RUT-0001/")}
    assert shown == {
        "dokument/RUT-0001/Bilaga.pdf": PDF + b"a",
        "dokument/RUT-0001/bilaga-2.pdf": PDF + b"b",
        "dokument/RUT-0001/_dold.pdf": PDF + b"c",
    }
    links = hrefs(out / "dokument/RUT-0001.html")
    assert links.count("../dokument/RUT-0001/Bilaga.pdf") == 2


def test_a_groups_page_publishes_its_attachments(tmp_path):
    docs = base()
    docs[BG] = front_matter(docs[BG], "# Beredningsgruppen\n\n[Uppdraget](uppdrag.pdf)\n")
    root = write_repo(tmp_path / "lan", docs, extra={"grupper/uppdrag.pdf": PDF})
    out = publish(root)
    assert (out / "grupper/bg/uppdrag.pdf").read_bytes() == PDF
    assert "../grupper/bg/uppdrag.pdf" in hrefs(out / "grupper/bg.html")


def test_a_changed_attachment_is_copied_again_and_nothing_else_is_made(tmp_path):
    root = repo(tmp_path)
    out = tmp_path / "ut"
    made(root, out, str(TODAY))
    assert made(root, out, str(TODAY)) == []
    path = root / BILAGA
    path.write_bytes(PDF + b"% reviderad\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    assert made(root, out, str(TODAY)) == [
        "dokument/RUT-0001.html",  # its key holds the digest; its bytes are the same
        "dokument/RUT-0001/Blankett för samtycke.pdf",
    ]
    assert (
        (out / "dokument/RUT-0001/Blankett för samtycke.pdf").read_bytes().endswith(b"reviderad\n")
    )


def test_a_removed_link_or_document_removes_the_copy(tmp_path):
    root = repo(tmp_path)
    out = publish(root)
    assert (out / "dokument/RUT-0001/Blankett för samtycke.pdf").is_file()
    docs = base()
    (root / RUT).write_text(front_matter(docs[RUT], "# Rutin för SIP\n\nIngen bilaga.\n"), "utf-8")
    publish(root)
    assert not (out / "dokument/RUT-0001").exists()  # the copy, and its emptied folder
    (root / RUT).write_text(front_matter(docs[RUT], f"# Rutin\n\n{LINK}"), "utf-8")
    publish(root)
    assert (out / "dokument/RUT-0001/Blankett för samtycke.pdf").is_file()
    (root / RUT).write_text(front_matter({**docs[RUT], "publicera": False}, LINK), "utf-8")
    publish(root)
    assert not (out / "dokument/RUT-0001").exists()
    assert not (out / "dokument/RUT-0001.html").exists()


def test_a_grown_attachment_is_a_finding_though_no_document_changed(tmp_path):
    """The findings cache asks each linked attachment again: a PDF replaced by a bigger one
    is SV056 at the next run, though every document is as before."""
    root = repo(tmp_path)
    for _ in range(2):
        assert [d.code for d in run_cached(root, TODAY).diagnostics] == []
    sparse(root / BILAGA, TOO_BIG)
    assert [d.code for d in run_cached(root, TODAY).diagnostics] == ["SV056"]


def test_after_each_change_the_site_is_as_built_afresh(tmp_path, monkeypatch):
    root = repo(tmp_path, extra={BILAGA: PDF, "bilder/karta.png": PNG})
    out = publish(root)
    docs = base()
    changes = [
        lambda: (root / BILAGA).write_bytes(PDF + b"% ny\n"),
        lambda: (root / RUT).write_text(
            front_matter(docs[RUT], f"{LINK}![Karta](/bilder/karta.png)\n"), "utf-8"
        ),
        lambda: sparse(root / BILAGA, TOO_BIG),
        lambda: (root / "bilder/karta.png").unlink(),
        lambda: (root / BILAGA).write_bytes(PDF),
    ]
    for number, change in enumerate(changes):
        change()
        for path in (root / BILAGA, root / RUT):
            info = path.stat()
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + (number + 1) * 10**10))
        publish(root)
        assert files(out) == afresh(root, tmp_path, monkeypatch, str(TODAY)), number
