"""Which links name an attachment, and what validation says of one is what publish does with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan_cli import attachments
from samverkan_cli.fileio import RepositoryFiles
from samverkan_cli.filetypes import begins_as

DOC = "dokument/rutiner/RUT-0001-sip.md"


@pytest.mark.parametrize(
    ("target", "found"),
    [
        ("bilaga.pdf", "dokument/rutiner/bilaga.pdf"),
        ("bilaga.PDF", None),  # the file is bilaga.pdf; on a case-sensitive disk that is another
        ("./bilaga.pdf#page=3", "dokument/rutiner/bilaga.pdf"),
        ("bilaga.pdf?download=1", "dokument/rutiner/bilaga.pdf"),
        ("Blankett%20f%C3%B6r%20samtycke.docx", "dokument/rutiner/Blankett för samtycke.docx"),
        ("/bilder/karta.png", "bilder/karta.png"),
        ("bilder/karta.png", "bilder/karta.png"),  # from the root, as SV053 reads it
        ("../../../utanfor.pdf", None),
        ("https://example.org/bilaga.pdf", None),
        ("OVK-0001", None),
        ("RUT-0002-annan.md", None),
        ("saknas.pdf", None),
        ("anteckningar.txt", None),
        ("#bilaga.pdf", None),
    ],
)
def test_which_links_name_an_attachment(target, found):
    present = {
        "dokument/rutiner/bilaga.pdf",
        "dokument/rutiner/Blankett för samtycke.docx",
        "bilder/karta.png",
        "dokument/rutiner/RUT-0002-annan.md",
        "dokument/rutiner/anteckningar.txt",
    }
    assert attachments.path_of(DOC, target, present.__contains__) == found


PDF = b"%PDF-1.4\n"
CASES = {
    "ok.pdf": PDF,
    "ok-skrap-forst.pdf": b"\0" * 1000 + PDF,
    "for-sent.pdf": b"\0" * 1100 + PDF,
    "ok.docx": b"PK\x03\x04rest",
    "ok.xlsx": b"PK\x03\x04rest",
    "ok.odt": b"PK\x03\x04rest",
    "ok.gif": b"GIF89a...",
    "ok.webp": b"RIFF\x10\0\0\0WEBPVP8 ",
    "fel.webp": b"RIFF\x10\0\0\0WAVE",
    "ok.jpeg": b"\xff\xd8\xff\xe0",
    "ok.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
    "trasig.svg": b"<svg",
    "entitet.svg": b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>',
    "html.png": b"<html><script>alert(1)</script></html>",
    "tom.pdf": b"",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_validation_warns_of_exactly_what_publish_leaves_out(tmp_path: Path, name: str):
    (tmp_path / name).write_bytes(CASES[name])
    files = RepositoryFiles(tmp_path)
    problem, content = attachments.problem(files, name), attachments.content(files, name)
    assert (problem is None) == (content is not None), (problem, content)
    assert (problem is None) == name.startswith("ok"), problem


def test_a_folder_named_like_a_file_is_not_published(tmp_path: Path):
    (tmp_path / "mapp.pdf").mkdir()
    files = RepositoryFiles(tmp_path)
    assert attachments.content(files, "mapp.pdf") is None
    assert "Filen är en mapp" in (attachments.problem(files, "mapp.pdf") or "")


def test_the_size_is_told_as_a_file_manager_tells_it():
    assert attachments.too_large(26 * 2**20).startswith("Filen är 26 MB,")
    assert attachments.too_large(int(30.25 * 2**20)).startswith("Filen är 30,2 MB,")


def test_a_pdf_header_counts_within_its_first_1024_bytes():
    assert begins_as(b" " * 1019 + PDF, ".PDF")
    assert not begins_as(b" " * 1020 + PDF, ".pdf")
