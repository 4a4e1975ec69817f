"""The caches never serve stale or damaged data (issue 11, item 12).

An edit that keeps a file's size and modification time (`touch -r`, some editors and checkouts)
served the old document: a document made a draft stayed published. One flipped bit in a cache
file silently changed the output in 2 of 150 trials. Now entries are keyed on size,
modification and change time and inode (any write sets the change time), and every cache file
(documents, findings, publish's memo) carries a checksum: damage is a miss, never an answer.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import RUT, TODAY, base, front_matter, write_repo
from samverkan_cli.loading import cache, results
from samverkan_cli.loading.repository import load
from samverkan_cli.scaffold.init import TEMPLATE
from samverkan_cli.site.build import Options, outputs
from samverkan_cli.site.memo import Memo
from samverkan_cli.site.write import write
from samverkan_cli.validate import run, run_cached

PLACEHOLDER = "XXXXXXXX-XXXX"
NUMBER = "19121212-1212"  # as long as the placeholder: SV051 once it stands there


def findings(root: Path, *, use_cache: bool = True) -> list[tuple]:
    repo = load(root, use_cache=use_cache)
    return [(d.code, d.path, d.line, d.column, d.message) for d in run(repo, TODAY).diagnostics]


def cached_findings(root: Path) -> list[tuple]:
    return [
        (d.code, d.path, d.line, d.column, d.message) for d in run_cached(root, TODAY).diagnostics
    ]


def age(root: Path, seconds: int = 3600) -> None:
    """Every file written an hour ago: entries are then trusted by their stat."""
    for path in root.rglob("*"):
        if path.is_file() and cache.FOLDER.parts[0] not in path.relative_to(root).parts:
            info = path.stat()
            os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - seconds * 10**9))


def edit_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    """What `touch -r` after an edit does: new content, same size, the old modification time."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    documents = base()
    documents[RUT] = front_matter(documents[RUT], f"# Rubrik\n\nRing {PLACEHOLDER}.\n")
    root = write_repo(tmp_path / "arkiv", documents)
    age(root)
    return root


def test_an_edit_under_the_old_size_and_time_is_read(root, monkeypatch):
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)  # not even a fresh entry is compared
    assert load(root).get("RUT-0001").model.status == "beslutad"
    edit_keeping_size_and_time(root / RUT, "status: beslutad", "status: utkast  ")
    assert load(root).get("RUT-0001").model.status == "utkast"


def test_a_document_made_a_draft_under_its_old_time_leaves_the_site(root, tmp_path):
    out = tmp_path / "webbplats"
    options = Options(today=TODAY)
    write(out, outputs(load(root, keep_text=True), options), Memo.open(root, out))
    assert (out / "dokument/RUT-0001.html").is_file()
    edit_keeping_size_and_time(root / RUT, "status: beslutad", "status: utkast  ")
    write(out, outputs(load(root, keep_text=True), options), Memo.open(root, out))
    assert not (out / "dokument/RUT-0001.html").exists()


def test_the_findings_cache_sees_an_edit_under_the_old_time(root):
    first = cached_findings(root)
    assert "SV051" not in {code for code, *_ in first}
    assert cached_findings(root) == first  # now from the findings cache
    edit_keeping_size_and_time(root / RUT, PLACEHOLDER, NUMBER)
    assert "SV051" in {code for code, *_ in cached_findings(root)}


def test_a_file_replaced_by_another_of_the_same_size_and_time_is_read(root, monkeypatch):
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)
    findings(root)
    path = root / RUT
    before = path.stat()
    replacement = path.with_name("ny.tmp")
    replacement.write_text(path.read_text("utf-8").replace(PLACEHOLDER, NUMBER), "utf-8")
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    replacement.replace(path)  # another inode, as a checkout writes it
    assert "SV051" in {code for code, *_ in findings(root)}


def damaged(data: bytes, index: int, bit: int) -> bytes:
    return data[:index] + bytes([data[index] ^ (1 << bit)]) + data[index + 1 :]


@pytest.mark.parametrize("name", [cache.FILE, results.FILE])
def test_every_flipped_byte_and_every_cut_is_a_miss(root, name):
    cached_findings(root)
    path = root / cache.FOLDER / name
    data = path.read_bytes()
    assert cache.fetch(root, name) is not None
    for index in range(len(data)):
        path.write_bytes(damaged(data, index, index % 8))
        assert cache.fetch(root, name) is None, index
    for length in range(0, len(data), max(1, len(data) // 200)):
        path.write_bytes(data[:length])
        assert cache.fetch(root, name) is None, length
    path.write_bytes(data + b"\0")
    assert cache.fetch(root, name) is None


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lan") / "lan"
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns(".samverkan"))
    age(root)
    return root


def _flip(path: Path, data: bytes, where: float, bit: int) -> None:
    index = min(int(where * len(data)), len(data) - 1)
    path.write_bytes(damaged(data, index, bit))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.floats(0, 1, exclude_max=True), st.integers(0, 7))
def test_a_flipped_bit_in_the_document_cache_never_changes_the_findings(county, where, bit):
    expected = findings(county, use_cache=False)
    findings(county)
    path = county / cache.FOLDER / cache.FILE
    _flip(path, path.read_bytes(), where, bit)
    assert findings(county) == expected


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.floats(0, 1, exclude_max=True), st.integers(0, 7))
def test_a_flipped_bit_in_the_findings_cache_never_changes_the_findings(county, where, bit):
    expected = findings(county, use_cache=False)
    cached_findings(county)
    path = county / cache.FOLDER / results.FILE
    _flip(path, path.read_bytes(), where, bit)
    assert cached_findings(county) == expected


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.floats(0, 1, exclude_max=True), st.integers(0, 7))
def test_a_flipped_bit_in_the_publish_memo_never_changes_the_site(county, tmp_path, where, bit):
    options = Options(today=TODAY)
    reference = tmp_path / "utan-minne"
    shutil.rmtree(reference, ignore_errors=True)
    write(
        reference,
        outputs(load(county, keep_text=True, use_cache=False), options),
        Memo.none(reference),
    )
    out = tmp_path / "webbplats"
    write(out, outputs(load(county, keep_text=True), options), Memo.open(county, out))
    [memo] = (county / cache.FOLDER).glob("webbplats-*.marshal")
    _flip(memo, memo.read_bytes(), where, bit)
    write(out, outputs(load(county, keep_text=True), options), Memo.open(county, out))
    assert _tree(out) == _tree(reference)
    memo.unlink()


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".samverkan")
    }


def _old(path: Path) -> None:
    """The link itself (not where it leads) an hour old: trusted by its stat."""
    info = path.lstat()
    past = info.st_mtime_ns - 3600 * 10**9
    os.utime(path, ns=(past, past), follow_symlinks=False)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "lan"
    shutil.copytree(TEMPLATE, root)
    age(root)
    return root


def test_a_document_link_led_elsewhere_to_the_same_file_is_judged_again(example, tmp_path):
    """A link out of the repository is refused (SV001); led back inside to the same file (a
    hard link: the same inode, size and times) it is read. Its target's stat alone kept the
    refusal."""
    document = next((example / "dokument/rutiner").glob("RUT-0004-*.md"))
    inside = example / "dokument/_delat/r4.md"
    inside.parent.mkdir()
    document.rename(inside)
    (tmp_path / "utanfor").mkdir()
    os.link(inside, tmp_path / "utanfor/r4.md")
    document.symlink_to(tmp_path / "utanfor/r4.md")
    _old(document)
    refused = cached_findings(example)
    assert refused == findings(example, use_cache=False)
    assert any(code == "SV001" for code, *_ in refused)
    document.unlink()
    document.symlink_to(Path("../_delat/r4.md"))
    _old(document)
    assert cached_findings(example) == findings(example, use_cache=False) != refused


def test_a_deviation_file_that_cannot_be_read_is_judged_by_why(example, tmp_path):
    """Every unreadable deviation file was one and the same in the key, though the finding
    says where its link led."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.csv").write_text("period;dokument;antal\n", "utf-8")
    link = example / "avvikelser/extra.csv"
    link.symlink_to(tmp_path / "a/x.csv")
    first = cached_findings(example)
    assert first == findings(example, use_cache=False)
    link.unlink()
    link.symlink_to(tmp_path / "b/x.csv")
    assert cached_findings(example) == findings(example, use_cache=False) != first


def test_bytes_moved_between_two_deviation_files_change_the_key(example):
    """Each file is in the key with its length: a file's end cannot pass for the next's
    start (with a NUL and the next one's name written into it)."""
    folder = example / "avvikelser"
    for old in folder.glob("*.csv"):
        old.unlink()
    head, marker = b"period;dokument;antal\n", b"\0avvikelser/b.csv\0"
    bad, good = b"2025-01;OVK-0001;x\n", b"2025-02;OVK-0001;1\n"
    (folder / "a.csv").write_bytes(head + bad + marker + head)
    (folder / "b.csv").write_bytes(good)
    first = cached_findings(example)
    (folder / "a.csv").write_bytes(head + bad)
    (folder / "b.csv").write_bytes(head + marker + good)
    assert cached_findings(example) == findings(example, use_cache=False) != first
