"""A user's pre-commit runs the hook from this repository (the real pre-commit tool)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import RUT, base, write_repo

PROJECT = Path(__file__).resolve().parents[2]


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.mark.slow
def test_try_repo_runs_samverkan_validate(tmp_path):
    root = write_repo(tmp_path / "arkiv", git=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(PROJECT), "samverkan-validate"]

    clean = subprocess.run(
        [*command, "--all-files"], cwd=root, env=env, capture_output=True, text=True
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "samverkan validate" in clean.stdout and "Passed" in clean.stdout

    docs = base()
    docs[RUT]["relaterade"] = ["RUT-0099"]
    write_repo(root, docs)
    _git(root, "add", ".")
    failed = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "SV010" in failed.stdout and RUT in failed.stdout
    assert "RUT-0099" in failed.stdout
