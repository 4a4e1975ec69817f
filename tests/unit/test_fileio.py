"""Writing files: atomic, and readable by others as the user's umask says (a web server must read
the published site)."""

from __future__ import annotations

import os

from samverkan_cli.fileio import create_atomic, write_atomic


def test_new_files_follow_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.html", "<p>a</p>")
        create_atomic(tmp_path / "b.md", "b")
        write_atomic(tmp_path / "c.bin", b"\x00")
    finally:
        os.umask(old)
    for name in ("a.html", "b.md", "c.bin"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644, name


def test_a_replaced_file_keeps_its_mode(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("gammal", "utf-8")
    target.chmod(0o640)
    write_atomic(target, "ny")
    assert target.read_text("utf-8") == "ny"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left
