"""Only regular files inside the repository are read, at most 16 MiB each (issue 11, item 3).

A committed symlink may point anywhere: /proc/self/environ (the CI's secrets), /etc/passwd,
another project's Markdown, /dev/zero. A FIFO named .md would block a read forever. Each such
document is SV001 with a Swedish message saying what it is and how to fix it; samverkan.yaml or
lagrum.yaml so is SV090 (exit 2); and nothing of the target reaches any output.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import CONFIG, RUT, TODAY, base, front_matter, validate, write_repo
from samverkan_cli.cli import main
from samverkan_cli.errors import ConfigError
from samverkan_cli.fileio import READ_LIMIT, RefusedFile, read_repository_file
from samverkan_cli.loading import cache
from samverkan_cli.loading.repository import load, load_config, load_laws

SECRET = "HEMLIG_NYCKEL=sk-7731-utanfor"
LINK = "dokument/rutiner/RUT-0002-lank.md"


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A read that blocks (a FIFO) fails the test instead of hanging the suite."""

    def hung(_signum, _frame):
        raise AssertionError("a read blocked")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A Markdown file outside the repository, a valid document holding the secret."""
    path = tmp_path / "annat" / "RUT-0002-hemlig.md"
    path.parent.mkdir()
    fields = {"id": "RUT-0002", "typ": "rutin", "titel": SECRET, "status": "utkast"}
    path.write_text(front_matter(fields, f"# Rubrik\n\n{SECRET}\n"), "utf-8")
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_repo(tmp_path / "arkiv")


def sv001(root: Path, path: str) -> list[str]:
    return [d.message for d in validate(root) if d.path == path and d.code == "SV001"]


def cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out + err


def test_a_link_out_of_the_repository_is_sv001_and_never_read(root, outside, capsys):
    (root / LINK).symlink_to(outside)
    [message] = sv001(root, LINK)
    assert message == (
        f"Filen är en symbolisk länk som pekar utanför arkivet (till {outside}) och läses inte. "
        "Ersätt länken med filen själv."
    )
    assert load(root).get("RUT-0002") is None
    for form in ("text", "json", "github", "sarif"):
        code, output = cli(capsys, "validate", "-C", str(root), "--today", "2026-06-15", "-f", form)
        assert code == 1 and SECRET not in output, form


def test_a_link_out_of_the_repository_is_not_published(root, outside, tmp_path, capsys):
    (root / LINK).symlink_to(outside)
    out = tmp_path / "webbplats"
    code, output = cli(
        capsys,
        *("publish", "-C", str(root), "--out", str(out), "--today", "2026-06-15"),
        "--include-drafts",  # the outside file is a draft: published if it were read
    )
    assert code in (0, 1), output
    assert SECRET not in output
    for path in out.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_proc_self_environ_is_not_shown(root, capsys, monkeypatch):
    monkeypatch.setenv("SAMVERKAN_TEST_HEMLIGHET", SECRET)
    (root / LINK).symlink_to("/proc/self/environ")
    [message] = sv001(root, LINK)
    assert "pekar utanför arkivet (till /proc/self/environ)" in message
    _code, output = cli(capsys, "validate", "-C", str(root), "--today", "2026-06-15")
    assert SECRET not in output and "SAMVERKAN_TEST_HEMLIGHET" not in output


def test_dev_zero_is_refused_without_reading(root):
    """Run apart, with its memory bounded: reading /dev/zero whole (as before) exhausts it."""
    (root / LINK).symlink_to("/dev/zero")

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**31, 2**31))

    command = [sys.executable, "-m", "samverkan_cli", "validate", "-C", str(root), "-f", "json"]
    done = subprocess.run(
        [*command, "--today", "2026-06-15"],
        capture_output=True,
        text=True,
        preexec_fn=bounded,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    found = [d for d in json.loads(done.stdout)["diagnostics"] if d["path"] == LINK]
    assert [d["code"] for d in found] == ["SV001"]
    assert "pekar utanför arkivet (till /dev/zero)" in found[0]["message"]


def test_a_link_inside_the_repository_is_followed(root):
    target = root / "dokument/rutiner/delad/RUT-0002-verklig.md"
    target.parent.mkdir()
    target.write_text(
        front_matter({"id": "RUT-0002", "typ": "rutin", "titel": "Delad", "status": "utkast"}),
        "utf-8",
    )
    (root / LINK).symlink_to(Path("delad/RUT-0002-verklig.md"))
    repo = load(root)
    [document] = [d for d in repo.documents if d.path == LINK]
    assert document.model is not None and document.model.titel == "Delad"
    assert document.text is not None and document.text.startswith("---\n")


def test_a_dangling_link_is_named(root):
    (root / LINK).symlink_to(root / "dokument/rutiner/borta.md")
    [message] = sv001(root, LINK)
    assert message.startswith("Filen är en symbolisk länk till ") and "som inte finns" in message


def test_a_fifo_is_refused_without_blocking(root):
    os.mkfifo(root / LINK)  # opening it for reading without O_NONBLOCK would block forever
    [message] = sv001(root, LINK)
    assert message == (
        "Filen är en namngiven pipe (FIFO), inte en vanlig fil, och läses inte. Ersätt den med "
        "en vanlig textfil."
    )


def test_a_file_over_the_cap_is_refused_without_reading(root):
    with (root / LINK).open("wb") as stream:
        stream.truncate(READ_LIMIT + 2**20)  # sparse: nothing is written, nothing read
    [message] = sv001(root, LINK)
    assert message == (
        "Filen är 17 MiB, och mer än 16 MiB läses inte. Dela upp innehållet i flera filer, eller "
        "lägg stora bilagor som egna filer bredvid."
    )


def test_a_file_that_grows_past_the_cap_while_read_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "a.md"
    path.write_bytes(b"x" * 100)
    with pytest.raises(RefusedFile, match="läses inte"):
        read_repository_file(tmp_path, path, limit=99)
    assert read_repository_file(tmp_path, path, limit=100) == b"x" * 100


def test_a_document_folder_linked_out_of_the_repository_is_not_walked(root, outside):
    (root / "moten").rename(root / "moten-gammal")
    (root / "moten").symlink_to(outside.parent, target_is_directory=True)
    (root / "dokument/avtal").symlink_to(outside.parent, target_is_directory=True)
    paths = {d.path for d in load(root).documents}
    assert not any(p.startswith(("moten/", "dokument/avtal/")) for p in paths)


def test_a_cached_document_replaced_by_a_link_is_refused(root, outside):
    validate(root)  # the cache now holds RUT-0001
    (root / RUT).unlink()
    (root / RUT).symlink_to(outside)
    [message] = sv001(root, RUT)
    assert "pekar utanför arkivet" in message


@pytest.mark.parametrize("name", ["samverkan.yaml", "lagrum.yaml"])
def test_a_yaml_file_linked_out_of_the_repository_is_sv090(root, tmp_path, name, capsys):
    secret = tmp_path / "hemlig.yaml"
    secret.write_text(f"namn: {SECRET}\nparter: {{}}\n", "utf-8")
    (root / name).unlink(missing_ok=True)
    (root / name).symlink_to(secret)
    with pytest.raises(ConfigError) as raised:
        load_config(root) if name == "samverkan.yaml" else load_laws(root)
    [finding] = raised.value.diagnostics
    assert finding.code == "SV090" and finding.path == name
    assert finding.message == (
        f"{name}: Filen är en symbolisk länk som pekar utanför arkivet (till {secret}) och "
        "läses inte. Ersätt länken med filen själv."
    )
    code, output = cli(capsys, "validate", "-C", str(root), "--today", "2026-06-15")
    assert code == 2 and SECRET not in output


@pytest.mark.parametrize("name", ["samverkan.yaml", "lagrum.yaml"])
def test_a_yaml_fifo_is_sv090_without_blocking(root, name):
    (root / name).unlink(missing_ok=True)
    os.mkfifo(root / name)
    with pytest.raises(ConfigError) as raised:
        load_config(root) if name == "samverkan.yaml" else load_laws(root)
    assert "namngiven pipe (FIFO)" in raised.value.diagnostics[0].message


@contextlib.contextmanager
def memory_bounded(extra: int = 2**31) -> Iterator[None]:
    """This process may map only `extra` bytes more (a read of /dev/zero fails, not the machine)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    mapped = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (mapped + extra, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def test_a_cache_file_linked_to_dev_zero_is_a_miss(root):
    expected = [(d.code, d.path, d.message) for d in validate(root)]
    (root / cache.FOLDER / cache.FILE).unlink()
    (root / cache.FOLDER / cache.FILE).symlink_to("/dev/zero")
    with memory_bounded():
        assert [(d.code, d.path, d.message) for d in validate(root)] == expected


def test_a_cache_folder_linked_out_of_the_repository_is_not_written(tmp_path):
    root = write_repo(tmp_path / "arkiv", base(), CONFIG)
    elsewhere = tmp_path / "annanstans"
    elsewhere.mkdir()
    (root / ".samverkan").symlink_to(elsewhere, target_is_directory=True)
    validate(root, TODAY)
    assert list(elsewhere.iterdir()) == []


def test_the_json_findings_name_the_refused_file(root, outside, capsys):
    (root / LINK).symlink_to(outside)
    _code, output = cli(capsys, "validate", "-C", str(root), "--today", "2026-06-15", "-f", "json")
    found = [d for d in json.loads(output)["diagnostics"] if d["path"] == LINK]
    assert [(d["code"], d["line"], d["column"]) for d in found] == [("SV001", 1, 1)]
