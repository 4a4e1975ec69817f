"""Incremental publish (issue 6): after any change, the site in place equals a site built afresh,
and a change to one document's body makes one page again, not ten thousand."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from samverkan_cli.cli import main
from samverkan_cli.loading.repository import load
from samverkan_cli.scaffold.init import TEMPLATE
from samverkan_cli.site import build, write
from samverkan_cli.site.memo import Memo
from samverkan_cli.site.write import MARKER

TODAY = "2026-11-24"
RUTIN = "dokument/rutiner/RUT-0001-samordnad-individuell-plan.md"


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def publish(root: Path, out: Path, today: str = TODAY) -> None:
    assert main(["publish", "-C", str(root), "--out", str(out), "--today", today]) == 0


def afresh(root: Path, tmp_path: Path, monkeypatch, today: str = TODAY) -> dict[str, bytes]:
    """The site built with no cache at all, in a new folder."""
    out = tmp_path / "afresh"
    shutil.rmtree(out, ignore_errors=True)
    with monkeypatch.context() as patched:
        patched.setenv("SAMVERKAN_NO_CACHE", "1")
        publish(root, out, today)
    return files(out)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _later(path)


def _later(path: Path) -> None:
    """Move the file's time on, as a later save would (tests run within one clock tick)."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))


@pytest.fixture
def county(tmp_path) -> Path:
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns(".samverkan"))
    return root


def made(root: Path, out: Path, today: str = TODAY, *, use_cache: bool = True) -> list[str]:
    """Publish in-process and return the paths of the files that were made (rendered)."""
    repository = load(root, use_cache=use_cache, keep_text=True)
    outputs = build.outputs(repository, build.Options(date.fromisoformat(today)))
    rendered: list[str] = []

    def counting(output: build.Output) -> build.Output:
        def make() -> bytes:
            rendered.append(output.path)
            return output.make()

        return build.Output(output.path, output.key, make)

    write.write(out, [counting(o) for o in outputs], Memo.open(root, out, use_cache=use_cache))
    return sorted(rendered)


CHANGES = [
    ("the body of a routine", lambda r: edit(r / RUTIN, "## Syfte", "## Syfte och mål")),
    (
        "the title of an agreement that routines rest on",
        lambda r: edit(
            r / "dokument/overenskommelser/OVK-0001-psykisk-funktionsnedsattning.md",
            "titel: ",
            "titel: Reviderad ",
        ),
    ),
    (
        "the title of a routine that rests on it",
        lambda r: edit(
            r / "dokument/rutiner/RUT-0004-informationsoverforing.md", "titel: ", "titel: Ny "
        ),
    ),
    (
        "a meeting record's body",
        lambda r: edit(r / "moten/2026/2026-09-15-bg.md", "\n#", "\nTillägg.\n\n#"),
    ),
    (
        "a new routine",
        lambda r: (r / "dokument/rutiner/RUT-0099-ny.md").write_text(
            (r / RUTIN)
            .read_text("utf-8")
            .replace("RUT-0001", "RUT-0099")
            .replace("titel: ", "titel: Ny "),
            encoding="utf-8",
        ),
    ),
    ("a removed routine", lambda r: (r / RUTIN).unlink()),
    ("the county's name", lambda r: edit(r / "samverkan.yaml", "namn: ", "namn: Nya ")),
]


def test_each_change_gives_the_site_built_afresh(county, tmp_path, monkeypatch):
    out = tmp_path / "_site"
    publish(county, out)
    assert files(out) == afresh(county, tmp_path, monkeypatch)
    for what, change in CHANGES:
        change(county)
        publish(county, out)
        assert files(out) == afresh(county, tmp_path, monkeypatch), what
    # The edits are valid: the changed agreement is still published, under its new title.
    assert "Reviderad" in (out / "dokument/RUT-0004.html").read_text("utf-8")
    publish(county, out, "2027-06-01")
    assert files(out) == afresh(county, tmp_path, monkeypatch, "2027-06-01"), "a new date"


def test_a_body_change_makes_its_page_and_source_only(county, tmp_path):
    out = tmp_path / "_site"
    assert len(made(county, out)) > 40
    assert made(county, out) == []
    edit(county / RUTIN, "## Syfte", "## Syfte och mål")
    assert made(county, out) == ["dokument/RUT-0001.html", "kalla/RUT-0001.md"]


def test_a_front_matter_change_makes_the_pages_that_show_it(county, tmp_path):
    out = tmp_path / "_site"
    made(county, out)
    before = files(out)
    edit(county / RUTIN, "titel: ", "titel: Ändrad ")
    again = made(county, out)
    changed = {path for path, data in files(out).items() if before.get(path) != data}
    # Its own page, its parent's (which lists it), every list and every export; not the rest.
    assert {"dokument/RUT-0001.html", "dokument/OVK-0001.html", "index.html"} <= changed
    assert {"forteckning.json", "forteckning.xlsx", "kalender.ics"} <= set(again)
    assert changed <= {*again, MARKER}  # the marker lists each file's digest
    assert "dokument/AVT-0001.html" not in again
    assert len(again) < len(before) / 3


def test_a_hand_edited_or_deleted_page_is_made_again(county, tmp_path):
    out = tmp_path / "_site"
    made(county, out)
    page = out / "dokument/RUT-0001.html"
    original = page.read_bytes()
    page.write_bytes(b"<p>handskrivet</p>")
    (out / "arkiv.html").unlink()
    assert made(county, out) == ["arkiv.html", "dokument/RUT-0001.html"]
    assert page.read_bytes() == original


def test_history_from_git_reaches_the_page(county, tmp_path, monkeypatch):
    git = ["git", "-C", str(county), "-c", "user.name=Anna", "-c", "user.email=a@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "Första versionen"], check=True)
    out = tmp_path / "_site"
    publish(county, out)
    edit(county / RUTIN, "## Syfte", "## Syfte och mål")
    subprocess.run([*git, "commit", "-qam", "Tydligare syfte"], check=True)
    publish(county, out)
    assert "Tydligare syfte" in (out / "dokument/RUT-0001.html").read_text("utf-8")
    assert files(out) == afresh(county, tmp_path, monkeypatch)


def test_without_the_cache_every_file_is_made(county, tmp_path, monkeypatch):
    out = tmp_path / "_site"
    first = made(county, out)
    assert made(county, out, use_cache=False) == first
    monkeypatch.setenv("SAMVERKAN_NO_CACHE", "1")  # the command line reads it and passes it down
    memo = county / ".samverkan/cache"
    before = sorted(p.name for p in memo.iterdir())
    publish(county, tmp_path / "other")
    assert sorted(p.name for p in memo.iterdir()) == before


def test_worker_processes_make_the_same_site(county, tmp_path, monkeypatch):
    serial = tmp_path / "serial"
    publish(county, serial)
    monkeypatch.setattr(write, "PARALLEL_FROM", 2)
    monkeypatch.setattr(write, "_CHUNK", 3)
    forked = tmp_path / "forked"
    publish(county, forked)
    assert files(forked) == files(serial)


def test_a_new_draft_that_a_page_links_to_takes_its_source_copy_away(county, tmp_path, monkeypatch):
    """A page's inputs include which files are hidden: a draft added under a name that a public
    document's body links to must take away that document's kalla/ copy at once (the copy would
    show the draft's name), though the document itself did not change."""
    edit(county / RUTIN, "## Syfte", "Se [utkastet](RUT-0098-utkast.md).\n\n## Syfte")
    out = tmp_path / "_site"
    publish(county, out)
    assert (out / "kalla/RUT-0001.md").exists()
    draft = (county / RUTIN).read_text("utf-8").replace("RUT-0001", "RUT-0098")
    (county / "dokument/rutiner/RUT-0098-utkast.md").write_text(
        draft.replace("status: beslutad", "status: utkast"), encoding="utf-8"
    )
    publish(county, out)
    assert not (out / "kalla/RUT-0001.md").exists()
    assert files(out) == afresh(county, tmp_path, monkeypatch)
