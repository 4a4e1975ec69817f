"""References between documents, parties and groups, and the shape of the hierarchy (SV010–SV016)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Final

from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.lifecycle import in_force
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.scalars import Loc
from samverkan_cli.model.doctypes import DocTypes
from samverkan_cli.model.documents import (
    Avtalsdokument,
    Common,
    Grupp,
    Handlingsplan,
    MoteRecord,
    Projekt,
)
from samverkan_cli.rules.registry import Context, check


def document_references(model: Common) -> Iterator[tuple[Loc, str]]:
    """(where, id) for every reference to another document."""
    if model.overordnad:
        yield ("overordnad",), model.overordnad
    for name in ("relaterade", "ersatter"):
        for index, target in enumerate(getattr(model, name) or ()):
            yield (name, index), target
    if model.ersatt_av:
        yield ("ersatt_av",), model.ersatt_av


@check("SV010")
def missing_documents(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        for loc, target in document_references(model):
            if target not in ctx.repo.by_id and target not in ctx.unreadable_ids:
                yield document.diagnostic(
                    "SV010",
                    f"'{loc[0]}' hänvisar till {target}, men inget dokument har det id:t. "
                    "Rätta id:t eller lägg till dokumentet.",
                    loc,
                )


def party_references(document: Document) -> Iterator[tuple[Loc, str]]:
    model = document.model
    if isinstance(model, Common):
        for index, party in enumerate(model.parter or ()):
            yield ("parter", index), party
        for name in ("beslut", "undertecknare", "stallningstaganden"):
            for index, entry in enumerate(getattr(model, name) or ()):
                if entry.part is not None:
                    yield (name, index, "part"), entry.part
    if isinstance(model, Avtalsdokument):
        yield from adoption_party_references(model)
    if isinstance(model, Grupp):
        yield from _group_party_references(model)


def adoption_party_references(model: Avtalsdokument) -> Iterator[tuple[Loc, str]]:
    """Parties named by the fields of adoption (SPEC §8.1): who decides, for whom one signed,
    who keeps a copy."""
    block = model.antagande
    for index, party in enumerate(block.parter or () if block is not None else ()):
        yield ("antagande", "parter", index), party
    for index, signature in enumerate(model.undertecknare or ()):
        for inner, party in enumerate(signature.for_ or ()):
            yield ("undertecknare", index, "for", inner), party
    for index, kept in enumerate(model.forvaring or ()):
        yield ("forvaring", index, "part"), kept.part


def _group_party_references(model: Grupp) -> Iterator[tuple[Loc, str]]:
    for index, member in enumerate(model.ledamoter or ()):
        yield ("ledamoter", index, "part"), member.part
    for index, term in enumerate(model.ordforandeskap or ()):
        for role in ("ordforande", "sammankallande", "vice", "sekreterare"):
            person = getattr(term, role)
            if person is not None:
                yield ("ordforandeskap", index, role, "part"), person.part


@check("SV011")
def missing_parties(ctx: Context) -> Iterator[Diagnostic]:
    known = ctx.config.parter
    for document in ctx.documents():
        for loc, party in party_references(document):
            if party not in known:
                message = _unknown_party(party, list(known), ctx.config.party_keys(party))
                yield document.diagnostic("SV011", message, loc)


def _unknown_party(party: str, known: list[str], meant: list[str]) -> str:
    import difflib

    if len(meant) == 1:  # the key in other case, or the party's namn
        return (
            f"Parten '{party}' skrivs med sin nyckel i samverkan.yaml: menade du '{meant[0]}'? "
            f"Skriv {meant[0]}."
        )
    close = difflib.get_close_matches(party, known, n=1, cutoff=0.6)
    hint = f" Menade du '{close[0]}'?" if close else ""
    return f"Parten '{party}' finns inte i samverkan.yaml.{hint} Lägg till den under parter: eller rätta namnet."


def group_references(document: Document) -> Iterator[tuple[Loc, str]]:
    model = document.model
    if isinstance(model, Common) and model.faststalld is not None:
        yield ("faststalld", "av"), model.faststalld.av
    if isinstance(model, Projekt) and model.styrgrupp:
        yield ("styrgrupp",), model.styrgrupp
    if isinstance(model, Handlingsplan | MoteRecord) and model.grupp:
        yield ("grupp",), model.grupp
    if isinstance(model, Grupp) and model.rapporterar_till:
        yield ("rapporterar_till",), model.rapporterar_till
    if isinstance(model, Grupp) and model.samma_huvudman_som:
        yield ("samma_huvudman_som",), model.samma_huvudman_som


@check("SV012")
def missing_groups(ctx: Context) -> Iterator[Diagnostic]:
    for document in ctx.documents():
        for loc, group in group_references(document):
            if not ctx.repo.is_group(group):
                yield document.diagnostic(
                    "SV012",
                    f"Gruppen '{group}' finns inte. Rätta id:t eller lägg till gruppen i grupper/{group}.md.",
                    loc,
                )


@check("SV013")
def hierarchy(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        parent = ctx.model_of(model.overordnad) if model.overordnad else None
        if parent is None:
            continue
        types = ctx.config.types
        allowed = types.get(model.typ).rests_on
        parent_typ = getattr(parent, "typ", "mote")
        if parent_typ not in allowed:
            yield document.diagnostic(
                "SV013", _wrong_parent(types, model, parent_typ, allowed), ("overordnad",)
            )


def _wrong_parent(types: DocTypes, model: Common, parent_typ: str, allowed: tuple[str, ...]) -> str:
    if not allowed:
        return (
            f"{types.a(model.typ).capitalize()} vilar inte på något annat dokument. Ta bort "
            "overordnad, eller ange dokumentet under relaterade."
        )
    names = " eller ".join(types.a(t) for t in allowed)
    return (
        f"{types.a(model.typ).capitalize()} kan inte vila på {model.overordnad}, som är "
        f"{types.a(parent_typ)}. Ange {names}."
    )


_RELATIONS: Final = ("overordnad", "ersatter", "rapporterar_till")
#: relation → node → the nodes it points to
Graph = dict[str, dict[str, list[str]]]


def _own_edges(model: Common) -> Iterator[tuple[str, str, str]]:
    """(relation, from, to) for the edges one document adds: what it rests on, replaces (newer →
    older, so both ersatter and ersatt_av point the same way) and reports to."""
    if model.overordnad:
        yield "overordnad", model.id, model.overordnad
    for older in model.ersatter or ():
        yield "ersatter", model.id, older
    if model.ersatt_av:
        yield "ersatter", model.ersatt_av, model.id
    if isinstance(model, Grupp) and model.rapporterar_till:
        yield "rapporterar_till", model.id, model.rapporterar_till


class _Edges:
    """The relations' directed graphs, out-edges sorted so that a walk is the same whatever the
    documents' order. A whole run builds them from every model; a focused run (`record` on one
    file of 10,000) makes only the models its walks reach, found by id and by a raw-value index
    of ersatt_av (the one edge a document adds from another node)."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._known: dict[str, dict[str, list[str]]] = {}
        self.whole: Graph | None = None
        if ctx.focus is None:
            self.whole = {relation: {} for relation in _RELATIONS}
            for _document, model in ctx.every_modelled():
                for relation, source, target in _own_edges(model):
                    self.whole[relation].setdefault(source, []).append(target)
            for graph in self.whole.values():
                for source, targets in graph.items():
                    graph[source] = sorted(set(targets))

    def out(self, relation: str, node: str) -> list[str]:
        if self.whole is not None:
            return self.whole[relation].get(node, [])
        if node not in self._known:
            self._known[node] = self._around(node)
        return self._known[node].get(relation, [])

    def _around(self, node: str) -> dict[str, list[str]]:
        """The out-edges of `node`, per relation."""
        graph: dict[str, list[str]] = {}
        for document in self._sources(node):
            model = document.model
            if document.typ == "mote" or not isinstance(model, Common):
                continue  # as every_modelled: a record adds no edge
            for relation, source, target in _own_edges(model):
                if source == node:
                    graph.setdefault(relation, []).append(target)
        return {relation: sorted(set(targets)) for relation, targets in graph.items()}

    def _sources(self, node: str) -> list[Document]:
        found = list(self._ctx.repo.by_id.get(node, ()))
        seen = {id(document) for document in found}
        return found + [d for d in self._replaced_by.get(node, ()) if id(d) not in seen]

    @functools.cached_property
    def _replaced_by(self) -> dict[str, list[Document]]:
        index: dict[str, list[Document]] = {}
        for document in self._ctx.repo.documents:
            newer = document.peek("ersatt_av")
            if newer is not None:
                index.setdefault(newer, []).append(document)
        return index


def _in_cycles(edges: _Edges, relation: str) -> frozenset[str] | None:
    """The nodes that lie on some cycle, so that a whole run walks from those only; None in a
    focused run (it walks from each document of the focus)."""
    if edges.whole is None:
        return None
    graph = edges.whole[relation]
    found: set[str] = set()
    for component in _components(graph):
        if len(component) > 1 or component[0] in graph.get(component[0], ()):
            found.update(component)
    return frozenset(found)


def _components(graph: dict[str, list[str]]) -> Iterator[list[str]]:
    """Tarjan's strongly connected components, iterative: repositories can be deep."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = graph.get(node, [])
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if work:  # back in the node that reached this one
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                yield _pop_component(stack, on_stack, node)


def _pop_component(stack: list[str], on_stack: set[str], root: str) -> list[str]:
    component: list[str] = []
    while not component or component[-1] != root:
        component.append(stack.pop())
        on_stack.discard(component[-1])
    return component


def _shortest_cycle(edges: _Edges, relation: str, start: str) -> list[str] | None:
    """The shortest cycle through `start` (breadth first, out-edges in sorted order), as its
    nodes from `start`: one answer per node that a focused run finds exactly as a whole run."""
    parent: dict[str, str] = {start: start}
    level = [start]
    while level:
        following: list[str] = []
        for node in level:
            for target in edges.out(relation, node):
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return path[::-1]
                if target not in parent:
                    parent[target] = node
                    following.append(target)
        level = following
    return None


@check("SV014")
def cycles(ctx: Context) -> Iterator[Diagnostic]:
    edges = _Edges(ctx)
    members = {relation: _in_cycles(edges, relation) for relation in _RELATIONS}
    for document, model in ctx.modelled():
        if ctx.repo.get(model.id) is not document:
            continue  # a shared id is reported by its own rule; its first file speaks here
        for relation in _RELATIONS:
            known = members[relation]
            if known is not None and model.id not in known:
                continue
            cycle = _shortest_cycle(edges, relation, model.id)
            if cycle is None:
                continue
            chain = " → ".join([*cycle, model.id])
            yield document.diagnostic(
                "SV014",
                f"Cirkel i '{relation}': {chain}. Ett dokument kan inte (indirekt) vila på, "
                "ersätta eller rapportera till sig självt. Bryt cirkeln.",
                _cycle_loc(document, relation),
            )


def _cycle_loc(document: Document, relation: str) -> Loc:
    if relation == "ersatter" and "ersatter" not in document.raw:
        return ("ersatt_av",)
    return (relation,)


@check("SV015")
def replacement(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        if model.status == "ersatt" and not model.ersatt_av:
            yield document.diagnostic(
                "SV015",
                "Status är ersatt men ersatt_av saknas. Ange id för dokumentet som ersatte det här.",
                ("status",),
            )
        yield from _replacement_agrees(ctx, document, model)


def _replacement_agrees(ctx: Context, document: Document, model: Common) -> Iterator[Diagnostic]:
    if model.ersatt_av:
        newer = ctx.model_of(model.ersatt_av)
        if isinstance(newer, Common) and model.id not in (newer.ersatter or ()):
            yield document.diagnostic(
                "SV015",
                f"ersatt_av säger {model.ersatt_av}, men {model.ersatt_av} har inte {model.id} i "
                f"'ersatter'. Lägg till {model.id} under ersatter i {model.ersatt_av}.",
                ("ersatt_av",),
            )
        if model.status != "ersatt":
            yield document.diagnostic(
                "SV015",
                f"ersatt_av är angivet men status är {model.status}. Sätt status: ersatt.",
                ("ersatt_av",),
                key=True,
            )
    for index, older_id in enumerate(model.ersatter or ()):
        older = ctx.model_of(older_id)
        if isinstance(older, Common) and older.ersatt_av and older.ersatt_av != model.id:
            yield document.diagnostic(
                "SV015",
                f"{model.id} säger att det ersätter {older_id}, men {older_id} anger att det "
                f"ersattes av {older.ersatt_av}. Rätta det ena dokumentet.",
                ("ersatter", index),
            )
        elif isinstance(older, Common) and model.status == "beslutad" and not older.ersatt_av:
            yield document.diagnostic(
                "SV015",
                f"{model.id} ersätter {older_id}, men {older_id} saknar ersatt_av. Sätt status: ersatt, "
                f"ersatt_av: {model.id} och upphavd_datum i {older_id}.",
                ("ersatter", index),
            )


@check("SV016")
def rests_on_expired(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        if not model.overordnad or not in_force(model, ctx.today):
            continue
        parent = ctx.model_of(model.overordnad)
        if isinstance(parent, Common) and not in_force(parent, ctx.today):
            yield document.diagnostic(
                "SV016",
                f"Dokumentet gäller men vilar på {parent.id}, som inte gäller (status {parent.status}). "
                "Uppdatera overordnad till det dokument som gäller nu, eller se över dokumentet.",
                ("overordnad",),
            )
