"""The document cache: a warm run says exactly what a cold one says, and never trusts stale data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import RUT, TODAY, base, write_repo
from samverkan_cli.loading import cache, facts, repository, results
from samverkan_cli.loading.repository import load
from samverkan_cli.scaffold.init import TEMPLATE
from samverkan_cli.validate import run, run_cached

PNR = "Ring 19121212-1212 om något händer."  # a valid test personnummer (SV051)


def findings(root: Path, *, use_cache: bool = True) -> list[tuple]:
    repo = load(root, use_cache=use_cache)
    return [(d.code, d.path, d.line, d.column, d.message) for d in run(repo, TODAY).diagnostics]


@pytest.fixture
def county(tmp_path) -> Path:
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns(".samverkan"))
    return root


def parses(monkeypatch) -> list[int]:
    """Count the files parsed (not taken from the cache) from here on."""
    count = [0]
    real = repository.read

    def counting(data: bytes):
        count[0] += 1
        return real(data)

    monkeypatch.setattr(repository, "read", counting)
    return count


def test_warm_run_says_what_a_cold_run_says(county):
    (county / "dokument/rutiner/RUT-0004-trasig.md").write_text(
        "---\nid: RUT-0004\ntyp: rutin\ntitel: [oavslutad\n---\n" + PNR + "\n", encoding="utf-8"
    )
    uncached = findings(county, use_cache=False)
    assert not (county / cache.FOLDER).exists()
    cold = findings(county)
    assert (county / cache.FOLDER / cache.FILE).is_file()
    warm = findings(county)
    assert uncached == cold == warm
    assert {"SV001", "SV051", "SV052"} <= {code for code, *_ in warm}


def test_unchanged_files_are_not_parsed_again(county, monkeypatch):
    findings(county)
    count = parses(monkeypatch)
    findings(county)
    assert count[0] == 0


def test_a_changed_file_is_read_again(county, monkeypatch):
    findings(county)
    target = county / "dokument/rutiner/RUT-0001-sip-vuxna.md"
    if not target.exists():
        target = next((county / "dokument/rutiner").glob("*.md"))
    target.write_text(target.read_text("utf-8") + "\n" + PNR + "\n", encoding="utf-8")
    count = parses(monkeypatch)
    found = findings(county)
    assert count[0] == 1
    relative = target.relative_to(county).as_posix()
    assert ("SV051", relative) in {(code, path) for code, path, *_ in found}


def test_same_size_and_time_but_new_content_is_noticed(tmp_path):
    """A file written twice within the clock's resolution keeps size and time: compare content."""
    root = write_repo(tmp_path / "r", base())
    path = root / RUT
    findings(root)
    before = path.stat()
    text = path.read_text("utf-8").replace("titel: ", "titel: X", 1).replace("# Rubrik", "# Rubri")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    repo = load(root)
    assert repo.get("RUT-0001").model.titel.startswith("X")


def test_touched_but_unchanged_content_is_not_parsed(county, monkeypatch):
    findings(county)
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)
    findings(county)  # entries now carry real times
    for path in (county / "dokument").rglob("*.md"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    expected = findings(county, use_cache=False)
    count = parses(monkeypatch)
    assert findings(county) == expected
    assert count[0] == 0  # read and compared by content, not parsed


def test_deleted_files_leave_the_cache(county):
    findings(county)
    gone = next((county / "moten").rglob("*.md"))
    gone.unlink()
    findings(county)
    stored = cache.DocumentCache.open(county)
    assert stored.digest_of(gone.relative_to(county).as_posix()) is None


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", b"\xe3\x00\x00"])
def test_a_damaged_cache_is_ignored(county, damage):
    expected = findings(county, use_cache=False)
    folder = county / cache.FOLDER
    folder.mkdir(parents=True)
    (folder / cache.FILE).write_bytes(damage)
    assert findings(county) == expected
    assert findings(county) == expected


def test_a_cache_from_another_version_is_ignored(county, monkeypatch):
    expected = findings(county)
    monkeypatch.setattr(cache, "version", lambda: f"{cache.FORMAT + 1}/another")
    count = parses(monkeypatch)
    assert findings(county) == expected
    assert count[0] > 0


def test_an_unwritable_cache_does_not_stop_the_run(county):
    (county / ".samverkan").mkdir()
    (county / ".samverkan/cache").write_text("a file where the folder should be", "utf-8")
    assert findings(county) == findings(county, use_cache=False)


def test_turned_off_by_the_command_line(capsys, county, monkeypatch):
    from samverkan_cli.cli import main

    findings(county, use_cache=False)
    assert not (county / ".samverkan").exists()
    monkeypatch.setenv("SAMVERKAN_NO_CACHE", "1")  # read at the command line, passed down
    main(["validate", "-C", str(county), "--today", TODAY.isoformat()])
    capsys.readouterr()
    assert not (county / ".samverkan").exists()


def test_the_cache_ignores_itself_in_git(county):
    findings(county)
    ignore = (county / cache.FOLDER / ".gitignore").read_text("utf-8")
    assert "\n*\n" in ignore


def test_parallel_reading_says_what_serial_reading_says(county, monkeypatch):
    expected = findings(county, use_cache=False)
    monkeypatch.setattr(repository, "PARALLEL_FROM", 2)
    assert findings(county, use_cache=False) == expected
    assert findings(county) == expected  # cold, through the workers
    assert findings(county) == expected  # warm


def test_text_is_read_on_demand_from_a_cached_document(county):
    findings(county)
    document = load(county).get("OVK-0001")
    assert document is not None and document.text is not None
    assert document.text.startswith("---\n") and document.body.lstrip().startswith("#")


SIP_BODIES = [
    "# Syfte\n\ntext\n\n## Ansvar *och* roller\n",
    "Setext\n======\n\nAndra\n------\n",
    "```\n# inte en rubrik\n```\n\n    # inte heller\n\n> ## i citat\n",
    "# Å ä ö\n\n- ## i lista\n\n#ingen\n\n###### sex ######\n",
    "",
]


@pytest.mark.parametrize("body", SIP_BODIES)
def test_headings_agree_with_markdown_it_py(body):
    assert facts.headings(body, 7) == facts.reference_headings(body, 7)


def test_headings_agree_on_the_example_templates():
    for path in (TEMPLATE / "dokument").rglob("*.md"):
        body = path.read_text("utf-8").split("\n---\n", 1)[1]
        assert facts.headings(body, 1) == facts.reference_headings(body, 1), path


# The last run's findings (loading/results.py): reused only while no input changed.


def age(root: Path, seconds: int = 3600) -> None:
    """Make every file look written an hour ago: a fresh file is never trusted by size and time."""
    for path in root.rglob("*"):
        if path.is_file():
            info = path.stat()
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - seconds * 10**9))


def cached(root: Path, today=TODAY) -> list[tuple]:
    return [
        (d.code, d.path, d.line, d.column, d.message) for d in run_cached(root, today).diagnostics
    ]


def no_loading(monkeypatch) -> None:
    def refuse(*_args, **_kwargs):
        raise AssertionError("the repository was read although nothing changed")

    monkeypatch.setattr(repository, "load", refuse)


def test_nothing_changed_means_nothing_is_read(county, monkeypatch):
    age(county)
    first = cached(county)
    assert first == findings(county, use_cache=False)
    no_loading(monkeypatch)
    assert cached(county) == first


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / "samverkan.yaml").write_text(
            (root / "samverkan.yaml").read_text("utf-8") + "\nignorera: [SV052]\n", "utf-8"
        ),
        lambda root: (root / "lagrum.yaml").write_text(
            "lagar:\n  SFS 2001:453:\n    kort: SoL\n    namn: Socialtjänstlagen\n    upphavd_datum: 2020-01-01\n",
            "utf-8",
        ),
        lambda root: (root / "dokument/rutiner/RUT-0077-ny.md").write_text(
            "# utan fält\n", "utf-8"
        ),
        lambda root: next((root / "dokument").rglob("RIK-0001*.md")).unlink(),
    ],
    ids=["samverkan.yaml", "lagrum.yaml", "ny fil", "borttagen fil"],
)
def test_a_changed_input_means_a_full_run(county, change):
    age(county)
    before = cached(county)
    change(county)
    age(county, 60)
    after = cached(county)
    assert after == findings(county, use_cache=False)
    assert after != before  # each change alters the findings, so a stale answer would show


def test_another_day_means_a_full_run(county, monkeypatch):
    from datetime import date

    age(county)
    cached(county)
    later = date(2030, 1, 1)
    expected = [
        (d.code, d.path, d.line, d.column, d.message)
        for d in run(load(county, use_cache=False), later).diagnostics
    ]
    assert cached(county, later) == expected != cached(county)


def test_a_linked_file_that_appears_is_noticed(tmp_path):
    body = "# Rubrik\n\nSe [bilagan](bilagor/karta.pdf).\n"
    root = write_repo(tmp_path / "r", base())
    path = root / RUT
    path.write_text(path.read_text("utf-8").replace("# Rubrik\n", body), "utf-8")
    age(root)
    assert "SV053" in {code for code, *_ in cached(root)}
    (root / "dokument/rutiner/bilagor").mkdir()
    (root / "dokument/rutiner/bilagor/karta.pdf").write_bytes(b"%PDF")
    assert "SV053" not in {code for code, *_ in cached(root)}


def test_a_file_written_just_now_is_never_trusted(county):
    age(county)
    target = next((county / "dokument").rglob("*.md"))
    target.write_text(target.read_text("utf-8"), "utf-8")  # its time is now
    cached(county)
    assert not (county / cache.FOLDER / results.FILE).exists()


@pytest.mark.parametrize("parallel", [False, True])
def test_kept_text_is_the_text_on_disk(county, monkeypatch, parallel):
    if parallel:
        monkeypatch.setattr(repository, "PARALLEL_FROM", 2)
    held = load(county, use_cache=False, keep_text=True)
    on_disk = load(county, use_cache=False).documents  # not kept: read again on demand
    assert [(d.text, d.body) for d in held.documents] == [(d.text, d.body) for d in on_disk]
    assert all(d._source is None for d in held.documents)  # nothing left to read
