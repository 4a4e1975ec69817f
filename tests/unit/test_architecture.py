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
    from samverkan_cli.catalog import CATALOG
    from samverkan_cli.rules.checks import all_checks

    from_loading = {"SV001", "SV002", "SV007", "SV090"}
    checked = {code for check in all_checks() for code in check.codes}
    assert checked | from_loading == set(CATALOG)


def _unit(module: str) -> str:
    """A top-level module, or a sub-package taken whole (samverkan_cli.loading)."""
    return ".".join(module.split(".")[:2])


def _modules() -> dict[str, Path]:
    source = PROJECT / "src"
    found = {}
    for path in (source / "samverkan_cli").rglob("*.py"):
        parts = list(path.relative_to(source).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imported(tree: object) -> list[str]:
    """Every name imported anywhere in `tree` (functions included), except under
    `if TYPE_CHECKING:`: imports inside functions hide a circle, they do not remove it."""
    import ast

    names: list[str] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        pending.extend(ast.iter_child_nodes(node))  # type: ignore[arg-type]
    return names


def _import_graph() -> dict[str, set[str]]:
    """Which modules of the package each module imports."""
    import ast

    modules = _modules()

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = {resolve(t) for t in _imported(ast.parse(path.read_text("utf-8")))}
        # A module's own packages are imported before it whatever it says: no edge.
        graph[name] = {f for f in found if f and f != name and not name.startswith(f"{f}.")}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one node (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
            if other in stack:
                low[node] = min(low[node], low[other])
        if low[node] == index[node]:
            component = stack[stack.index(node) :]
            del stack[stack.index(node) :]
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_between_modules_and_sub_packages():
    modules = _import_graph()
    units: dict[str, set[str]] = {}
    for name, targets in modules.items():
        here = _unit(name)
        if here == "samverkan_cli":
            continue  # the package's __init__
        units.setdefault(here, set()).update(
            _unit(t) for t in targets if _unit(t) not in (here, "samverkan_cli")
        )
    assert _cycles(units) == []
    assert _cycles(modules) == []


def test_the_circle_test_can_fail():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
