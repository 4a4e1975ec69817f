"""The shape STYLE.md asks for: a core that never imports the UI, docs generated from code."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import samverkan_cli
from samverkan_cli.docs import rule_table, update

PROJECT = Path(__file__).resolve().parents[2]


def _core_modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(samverkan_cli.__path__, "samverkan_cli.")
        if not m.name.startswith("samverkan_cli.cli") and m.name != "samverkan_cli.__main__"
    ]


def test_core_never_imports_typer_or_rich():
    modules = _core_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "from samverkan_cli.rules.checks import all_checks; all_checks()\n"
        "bad = [m for m in ('typer', 'rich', 'click') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == ""


def test_version_does_not_import_typer():
    code = (
        "import sys\nfrom samverkan_cli.cli import main\nmain(['--version'])\n"
        "print('typer' in sys.modules, 'pydantic' in sys.modules)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip().split("\n")[-1] == "False False"


def test_readme_rule_table_is_current():
    readme = (PROJECT / "README.md").read_text("utf-8")
    assert update(readme) == readme, "README's rule table is stale: run `make docs`"
    assert "| SV051 | fel | Personnummer eller samordningsnummer i filen | nej |" in rule_table()


def test_every_code_has_a_check_or_comes_from_loading():
    from samverkan_cli.rules.catalog import CATALOG
    from samverkan_cli.rules.checks import all_checks

    from_loading = {"SV001", "SV002", "SV007", "SV090"}
    checked = {code for check in all_checks() for code in check.codes}
    assert checked | from_loading == set(CATALOG)
