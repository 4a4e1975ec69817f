"""publish refuses, writing nothing, while a personnummer or a duplicate id is there (SPEC §8.9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import RUT, base, front_matter, write_repo
from samverkan_cli.cli import main

TODAY = ["--today", "2026-06-15"]
NUMBER = "19121212-1212"  # the test personnummer, valid check digit


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize("case", ["personnummer", "duplicate-id"])
def test_publish_refuses_and_leaves_the_folder_as_it_was(capsys, tmp_path, case):
    documents = base()
    root = write_repo(tmp_path / "lan", documents)
    out = tmp_path / "ut"
    assert main(["publish", "-C", str(root), "--out", str(out), *TODAY]) == 0
    before = snapshot(out)
    if case == "personnummer":
        fields = dict(documents[RUT])
        (root / RUT).write_text(front_matter(fields, f"# Rutin\n\nKontakt: {NUMBER}\n"), "utf-8")
    else:
        (root / "dokument/rutiner/RUT-0001-kopia.md").write_text(
            front_matter(documents[RUT]), "utf-8"
        )
    capsys.readouterr()
    assert main(["publish", "-C", str(root), "--out", str(out), *TODAY]) == 1
    err = capsys.readouterr().err
    assert "publiceringen stoppades" in err and "inget skrevs" in err
    assert ("SV051" if case == "personnummer" else "SV005") in err
    assert NUMBER not in err
    assert snapshot(out) == before


def test_a_clean_repository_publishes(capsys, tmp_path):
    root = write_repo(tmp_path / "lan", base())
    assert main(["publish", "-C", str(root), "--out", str(tmp_path / "ut"), *TODAY]) == 0


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_csv_cells_never_start_a_formula(capsys, tmp_path, start):
    import csv
    import io

    documents = base()
    documents[RUT]["titel"] = f'{start}HYPERLINK("https://example.org","klicka")'
    root = write_repo(tmp_path / "lan", documents)
    assert main(["publish", "--out", str(tmp_path / "ut"), "-C", str(root), *TODAY]) == 0
    capsys.readouterr()
    published = (tmp_path / "ut/forteckning.csv").read_text("utf-8-sig")
    rows = list(csv.reader(io.StringIO(published), delimiter=";"))
    titles = [row[2] for row in rows[1:]]
    assert f"'{start}HYPERLINK" in "".join(titles)
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for row in rows for cell in row)
