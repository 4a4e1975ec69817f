"""publish removes only what it wrote, never writes through a link, never into document folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samverkan_cli.cli import main
from samverkan_cli.scaffold.init import TEMPLATE
from samverkan_cli.site.write import MARKER

TODAY = ["--today", "2026-11-24"]
RUT = "dokument/rutiner/RUT-0004-informationsoverforing.md"


def publish(capsys, root: Path, out: Path) -> tuple[int, str, str]:
    code = main(["publish", "-C", str(root), "--out", str(out), *TODAY])
    stdout, stderr = capsys.readouterr()
    return code, stdout, stderr


@pytest.fixture
def county(tmp_path) -> Path:
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root)
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_document_no_longer_published_loses_its_page(capsys, county, tmp_path):
    out = tmp_path / "_site"
    assert publish(capsys, county, out)[0] == 0
    assert (out / "dokument/RUT-0004.html").is_file()
    path = county / RUT
    path.write_text(path.read_text("utf-8").replace("---\n", "---\npublicera: false\n", 1), "utf-8")
    code, stdout, _ = publish(capsys, county, out)
    assert code == 0 and "0 borttagna" not in stdout
    assert not (out / "dokument/RUT-0004.html").exists()
    assert not (out / "kalla/RUT-0004.md").exists()


@pytest.mark.parametrize(
    "marker",
    [
        "",
        "Skapad av samverkan publish.\n",
        "Skapad av samverkan publish. Mappen skrivs om vid "
        "varje publicering.\n# samverkan-manifest 1 0000\nviktig.txt\n",
    ],
    ids=["empty", "other-text", "bad-checksum"],
)
def test_a_planted_marker_removes_nothing(capsys, county, tmp_path, marker):
    out = tmp_path / "viktigt"
    out.mkdir()
    (out / "viktig.txt").write_text("behåll", encoding="utf-8")
    (out / MARKER).write_text(marker, encoding="utf-8")
    before = snapshot(out)
    code, _, err = publish(capsys, county, out)
    assert code == 2 and "skapades inte av samverkan publish" in err
    assert snapshot(out) == before


def test_a_marker_of_an_older_version_is_updated_and_removes_nothing(capsys, county, tmp_path):
    out = tmp_path / "_site"
    out.mkdir()
    (out / MARKER).write_text(
        "Skapad av samverkan publish. Mappen skrivs om vid varje publicering.\n", encoding="utf-8"
    )
    (out / "gammal.html").write_text("från förra versionen", encoding="utf-8")
    code, stdout, _ = publish(capsys, county, out)
    assert code == 0 and "0 borttagna" in stdout
    assert (out / "gammal.html").is_file()
    assert "index.html" in (out / MARKER).read_text("utf-8")


@pytest.mark.parametrize("folder", ["dokument", "grupper/webb", "moten/_site"])
def test_out_inside_the_document_folders_is_refused(capsys, county, folder):
    code, _, err = publish(capsys, county, county / folder)
    assert code == 2 and "dokumentmapparna" in err
    assert not (county / folder / "index.html").exists()


def test_out_inside_the_repository_elsewhere_is_fine(capsys, county):
    code, _, _ = publish(capsys, county, county / "_site")
    assert code == 0 and (county / "_site/index.html").is_file()
    assert main(["validate", "-C", str(county), *TODAY]) == 0
    capsys.readouterr()


def test_a_linked_folder_in_the_output_is_never_written_through(capsys, county, tmp_path):
    out = tmp_path / "_site"
    assert publish(capsys, county, out)[0] == 0
    elsewhere = tmp_path / "annan"
    elsewhere.mkdir()
    shutil.rmtree(out / "dokument")
    (out / "dokument").symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(out)
    code, _, err = publish(capsys, county, out)
    assert code == 2 and "symbolisk länk" in err
    assert list(elsewhere.iterdir()) == []
    assert snapshot(out) == before


def test_a_linked_file_in_the_output_is_replaced_not_followed(capsys, county, tmp_path):
    out = tmp_path / "_site"
    assert publish(capsys, county, out)[0] == 0
    victim = tmp_path / "viktig.html"
    victim.write_text("rör ej", encoding="utf-8")
    (out / "index.html").unlink()
    (out / "index.html").symlink_to(victim)
    assert publish(capsys, county, out)[0] == 0
    assert victim.read_text("utf-8") == "rör ej"
    assert not (out / "index.html").is_symlink()


def test_a_stopped_publish_is_cleaned_by_the_next(capsys, county, tmp_path):
    out = tmp_path / "_site"
    assert publish(capsys, county, out)[0] == 0
    (out / "dokument/.RUT-0004.html.k3j2h1.tmp").write_text("halv", encoding="utf-8")
    (out / ".index.html.abc.tmp").write_text("halv", encoding="utf-8")
    (out / ".min-egen.tmp").write_text("behåll", encoding="utf-8")
    assert publish(capsys, county, out)[0] == 0
    assert not (out / "dokument/.RUT-0004.html.k3j2h1.tmp").exists()
    assert not (out / ".index.html.abc.tmp").exists()
    assert (out / ".min-egen.tmp").is_file()


def _forged_marker(out: Path, listing: dict[str, bytes]) -> None:
    """A marker as an attacker would write it: a valid list, the digests of the contents."""
    from samverkan_cli.site.write import _MANIFEST, _MARKER_TEXT, content_digest

    lines = "".join(f"{content_digest(data)} {path}\n" for path, data in sorted(listing.items()))
    digest = content_digest(lines.encode())
    (out / MARKER).write_text(f"{_MARKER_TEXT}{_MANIFEST}{digest}\n{lines}", encoding="utf-8")


def test_a_forged_marker_cannot_delete_through_a_link(capsys, county, tmp_path):
    victim = tmp_path / "offer"
    victim.mkdir()
    (victim / "viktig.txt").write_bytes(b"viktigt\n")
    out = tmp_path / "plant"
    out.mkdir()
    (out / "lank").symlink_to(victim, target_is_directory=True)
    _forged_marker(out, {"lank/viktig.txt": b"viktigt\n"})
    assert publish(capsys, county, out)[0] == 0
    assert (victim / "viktig.txt").read_bytes() == b"viktigt\n"


def test_a_link_committed_into_the_site_folder_cannot_reach_the_repository(capsys, county):
    out = county / "_site"
    out.mkdir()
    (out / "r").symlink_to("..", target_is_directory=True)
    config = (county / "samverkan.yaml").read_bytes()
    _forged_marker(out, {"r/samverkan.yaml": config})
    assert publish(capsys, county, out)[0] == 0
    assert (county / "samverkan.yaml").read_bytes() == config


def test_a_forged_marker_cannot_delete_a_file_whose_content_it_does_not_know(
    capsys, county, tmp_path
):
    out = tmp_path / "plant"
    out.mkdir()
    (out / "min-rapport.docx").write_bytes(b"mitt eget")
    _forged_marker(out, {"min-rapport.docx": b"gissat"})
    assert publish(capsys, county, out)[0] == 0
    assert (out / "min-rapport.docx").read_bytes() == b"mitt eget"


def test_the_marker_is_the_same_for_the_same_site(capsys, county, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert publish(capsys, county, first)[0] == 0
    assert publish(capsys, county, second)[0] == 0
    assert (first / MARKER).read_bytes() == (second / MARKER).read_bytes()


def test_a_file_where_the_output_needs_a_folder_is_said_in_swedish(capsys, county, tmp_path):
    out = tmp_path / "_site"
    assert publish(capsys, county, out)[0] == 0
    shutil.rmtree(out / "kalla")
    (out / "kalla").write_text("x\n", encoding="utf-8")
    code, _, err = publish(capsys, county, out)
    assert code == 2
    assert err == (
        f"Fel: '{out / 'kalla'}' finns redan som en fil där det behövs en mapp. Flytta eller ta "
        "bort filen och försök igen.\n"
    )


def test_a_folder_where_the_output_needs_a_file_is_named_not_its_temporary(
    capsys, county, tmp_path
):
    out = tmp_path / "_site"
    assert publish(capsys, county, out)[0] == 0
    (out / "index.html").unlink()
    (out / "index.html").mkdir()
    code, _, err = publish(capsys, county, out)
    assert code == 2
    assert err == (
        f"Fel: '{out / 'index.html'}' är en mapp där det behövs en fil. Flytta eller ta bort "
        "mappen och försök igen.\n"
    )
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
