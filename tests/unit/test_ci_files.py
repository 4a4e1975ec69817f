"""The CI files `init` writes install the tool from where it lives, at the version that wrote
them (issue 13: they installed `samverkan-cli` from the package index, where it is not
published, so a new repository's first CI run failed), and say how to pin another."""

from __future__ import annotations

from pathlib import Path

import yaml

from samverkan_cli import HOME, __version__
from samverkan_cli.scaffold.init import TEMPLATE

SOURCE = f"git+{HOME}.git@v{__version__}"


def test_github_and_gitlab_install_the_tool_from_its_repository_at_this_version():
    github = yaml.safe_load((Path(TEMPLATE) / ".github/workflows/samverkan.yml").read_text("utf-8"))
    assert SOURCE in github["env"]["SAMVERKAN_PAKET"]
    gitlab = yaml.safe_load((Path(TEMPLATE) / ".gitlab-ci.yml").read_text("utf-8"))
    assert gitlab["variables"]["SAMVERKAN_PAKET"] == SOURCE


def test_each_file_says_how_to_pin_another_version():
    for name in (".github/workflows/samverkan.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"):
        text = (Path(TEMPLATE) / name).read_text("utf-8")
        assert f"v{__version__}" in text and "Byt" in text, name


def test_the_readme_install_line_names_the_same_place():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    assert f"pipx install {SOURCE}" in readme
