"""The wheel carries what `init` and `new` need: the whole template (dotfiles too) and templates."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from samverkan_cli.scaffold.init import template_files

PROJECT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_contains_the_template(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(PROJECT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("samverkan_cli-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    prefix = "samverkan_cli/data/docs-repo-template/"
    assert {prefix + f for f in template_files()} <= names
    assert "samverkan_cli/scaffold/templates/rutin.md.j2" in names
    assert "samverkan_cli/data/lagrum.yaml" in names
    for name in (
        "report/templates/report.html.j2",
        "site/templates/document.html.j2",
        "site/static/style.css",
        "site/static/filter.js",
    ):
        assert f"samverkan_cli/{name}" in names, name
