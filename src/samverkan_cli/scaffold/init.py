"""Plan a new documents repository from the template the package carries (`samverkan init`).

The template is itself a complete example repository (the example county); without
--exempel its documents are left out and a blank samverkan.yaml (from `_init/`) is used.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Final

from samverkan_cli.avvikelser import FOLDER
from samverkan_cli.errors import UserError
from samverkan_cli.loading.repository import DOCUMENT_FOLDERS
from samverkan_cli.scaffold.new import FOLDERS, Planned

TEMPLATE: Final = Path(__file__).resolve().parent.parent / "data" / "docs-repo-template"
#: The example's documents and deviation counts, left out of a blank init.
EXAMPLE_FOLDERS: Final = (*DOCUMENT_FOLDERS, FOLDER)
BLANK: Final = "_init"
SCHEMA_FOLDER: Final = "scheman"
CACHE_ROOT: Final = ".samverkan"


def template_files(template: Path = TEMPLATE) -> list[str]:
    """Every file of the template, dotfiles included, as sorted posix paths."""
    found: list[str] = []
    for directory, subdirs, files in os.walk(template):
        subdirs[:] = sorted(d for d in subdirs if d != CACHE_ROOT)  # made by runs, not template
        found.extend(
            Path(directory, name).relative_to(template).as_posix() for name in sorted(files)
        )
    return found


def plan(example: bool, template: Path = TEMPLATE) -> list[Planned]:
    """Every file `init` writes, in order."""
    planned = []
    for relative in template_files(template):
        top = relative.split("/", 1)[0]
        if top == BLANK or (not example and top in EXAMPLE_FOLDERS):
            continue
        source = template / relative
        if not example and relative == "samverkan.yaml":
            source = template / BLANK / "samverkan.yaml"
        planned.append(Planned(relative, source.read_text("utf-8"), relative))
    if not example:
        planned += [
            Planned(f"{folder}/.gitkeep", "", folder) for folder in sorted(set(FOLDERS.values()))
        ]
    return planned + _schemas()


def _schemas() -> list[Planned]:
    from samverkan_cli.schema_export import render, schemas

    return [
        Planned(f"{SCHEMA_FOLDER}/{name}", render(schema), name)
        for name, schema in schemas().items()
    ]


def check_target(target: Path) -> None:
    """Refuse anything but a missing or empty folder: init never mixes with existing files."""
    if target.exists() and not target.is_dir():
        raise UserError(f"'{target}' finns redan och är ingen mapp. Välj ett annat namn.")
    if target.is_dir() and any(target.iterdir()):
        raise UserError(f"Mappen '{target}' är inte tom. Välj en ny eller tom mapp; inget skrevs.")


def git_init(target: Path) -> str | None:
    """Make the folder a git repository; a Swedish note when that was not possible."""
    for command in (["git", "init", "-q", "-b", "main"], ["git", "init", "-q"]):
        try:
            done = subprocess.run(command, cwd=target, capture_output=True, text=True, check=False)
        except FileNotFoundError:
            return "git finns inte på datorn: installera git och kör 'git init' i mappen."
        if done.returncode == 0:
            return None
    return f"'git init' misslyckades ({done.stderr.strip()}). Kör det själv i mappen."
