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
