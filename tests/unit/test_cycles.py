"""SV014 on random graphs: a document is reported exactly when it lies on a cycle of a relation,
with the same finding whether the whole repository is validated or the document alone (`record`
validates one file of 10,000 and must not make every model to walk the graph)."""

from __future__ import annotations

import itertools
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import RUT, base, write_repo
from samverkan_cli.loading.repository import load
from samverkan_cli.validate import run, run_focused

TODAY = date(2026, 6, 15)
COUNT = 6
IDS = [f"RUT-{n:04d}" for n in range(1, COUNT + 1)]
MISSING = "RUT-0099"  # a target that no document has
TARGETS = st.sampled_from([*IDS, MISSING])


@st.composite
def graphs(draw: Any) -> dict[str, dict[str, Any]]:
    edges = {}
    for name in IDS:
        edges[name] = {
            "overordnad": draw(st.none() | TARGETS),
            "ersatter": draw(st.lists(TARGETS, max_size=2, unique=True)),
            "ersatt_av": draw(st.none() | TARGETS),
        }
    return edges


def _documents(edges: dict[str, dict[str, Any]]) -> dict[str, Any]:
    docs = base()
    template = docs.pop(RUT)
    for name, fields in edges.items():
        entry = {**template, "id": name, "titel": f"Rutin {name}"}
        entry.pop("overordnad")
        if fields["overordnad"]:
            entry["overordnad"] = fields["overordnad"]
        if fields["ersatter"]:
            entry["ersatter"] = fields["ersatter"]
        if fields["ersatt_av"]:
            entry["ersatt_av"] = fields["ersatt_av"]
            entry["status"] = "ersatt"
        docs[f"dokument/rutiner/{name}-rutin.md"] = entry
    return docs


def _on_cycle(graph: dict[str, set[str]]) -> set[str]:
    """Brute force: the nodes that reach themselves."""
    found = set()
    for start in graph:
        seen: set[str] = set()
        todo = list(graph.get(start, ()))
        while todo:
            node = todo.pop()
            if node == start:
                found.add(start)
                break
            if node not in seen:
                seen.add(node)
                todo.extend(graph.get(node, ()))
    return found


def _relations(edges: dict[str, dict[str, Any]]) -> dict[str, dict[str, set[str]]]:
    over: dict[str, set[str]] = {}
    replace: dict[str, set[str]] = {}
    for name, fields in edges.items():
        if fields["overordnad"]:
            over.setdefault(name, set()).add(fields["overordnad"])
        for older in fields["ersatter"]:
            replace.setdefault(name, set()).add(older)
        if fields["ersatt_av"]:
            replace.setdefault(fields["ersatt_av"], set()).add(name)
    return {"overordnad": over, "ersatter": replace}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs())
def test_cycles_are_found_alike_whole_and_focused(edges):
    with tempfile.TemporaryDirectory() as folder:
        repo = load(write_repo(Path(folder), _documents(edges)), use_cache=False)
        whole = run(repo, TODAY).diagnostics
        for document in repo.documents:
            expected = [d for d in whole if d.path == document.path]
            assert run_focused(repo, TODAY, [document.path]).diagnostics == expected
    for relation, graph in _relations(edges).items():
        reported = {
            d.path.split("/")[-1][:8]
            for d in whole
            if d.code == "SV014" and f"Cirkel i '{relation}'" in d.message
        }
        assert reported == _on_cycle(graph) & set(IDS), relation
        for finding in (d for d in whole if d.code == "SV014" and relation in d.message):
            chain = finding.message.split(": ", 1)[1].split(". ", 1)[0].split(" → ")
            assert chain[0] == chain[-1] == finding.path.split("/")[-1][:8]
            assert all(b in graph.get(a, ()) for a, b in itertools.pairwise(chain))


def test_each_document_on_two_cycles_is_told_the_shortest_once(tmp_path):
    edges = {name: {"overordnad": None, "ersatter": [], "ersatt_av": None} for name in IDS}
    edges["RUT-0001"]["overordnad"] = "RUT-0002"
    edges["RUT-0002"]["overordnad"] = "RUT-0003"
    edges["RUT-0003"]["overordnad"] = "RUT-0001"
    edges["RUT-0004"]["ersatter"] = ["RUT-0005", "RUT-0006"]
    edges["RUT-0005"]["ersatter"] = ["RUT-0004"]
    edges["RUT-0006"]["ersatter"] = ["RUT-0005"]
    repo = load(write_repo(tmp_path, _documents(edges)), use_cache=False)
    found = sorted(
        (d.path.split("/")[-1][:8], d.message.split(". ")[0])
        for d in run(repo, TODAY).diagnostics
        if d.code == "SV014"
    )
    assert found == [
        ("RUT-0001", "Cirkel i 'overordnad': RUT-0001 → RUT-0002 → RUT-0003 → RUT-0001"),
        ("RUT-0002", "Cirkel i 'overordnad': RUT-0002 → RUT-0003 → RUT-0001 → RUT-0002"),
        ("RUT-0003", "Cirkel i 'overordnad': RUT-0003 → RUT-0001 → RUT-0002 → RUT-0003"),
        ("RUT-0004", "Cirkel i 'ersatter': RUT-0004 → RUT-0005 → RUT-0004"),
        ("RUT-0005", "Cirkel i 'ersatter': RUT-0005 → RUT-0004 → RUT-0005"),
        ("RUT-0006", "Cirkel i 'ersatter': RUT-0006 → RUT-0005 → RUT-0004 → RUT-0006"),
    ]


def test_a_focused_run_makes_only_the_models_its_walk_reaches(tmp_path):
    edges = {name: {"overordnad": None, "ersatter": [], "ersatt_av": None} for name in IDS}
    edges["RUT-0001"]["overordnad"] = "RUT-0002"
    edges["RUT-0002"]["ersatt_av"] = "RUT-0001"
    repo = load(write_repo(tmp_path, _documents(edges)), use_cache=False)
    first = next(d for d in repo.documents if d.id == "RUT-0001")
    run_focused(repo, TODAY, [first.path])
    untouched = [d for d in repo.documents if d.id in {"RUT-0005", "RUT-0006"}]
    assert untouched and all(d._checking is not None for d in untouched)
