"""References between documents, parties and groups, and the shape of the hierarchy (SV010–SV016)."""

from __future__ import annotations

from collections.abc import Iterator

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


def _edges(ctx: Context) -> dict[str, dict[str, list[str]]]:
    """Directed graphs per relation: overordnad, replacement (newer → older), rapporterar_till."""
    graphs: dict[str, dict[str, list[str]]] = {
        "overordnad": {},
        "ersatter": {},
        "rapporterar_till": {},
    }
    for _document, model in ctx.every_modelled():
        if model.overordnad:
            graphs["overordnad"].setdefault(model.id, []).append(model.overordnad)
        for older in model.ersatter or ():
            graphs["ersatter"].setdefault(model.id, []).append(older)
        if model.ersatt_av:
            graphs["ersatter"].setdefault(model.ersatt_av, []).append(model.id)
        if isinstance(model, Grupp) and model.rapporterar_till:
            graphs["rapporterar_till"].setdefault(model.id, []).append(model.rapporterar_till)
    return graphs


def _cycle_members(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each cycle once, as the list of its nodes (iterative DFS: repositories can be deep)."""
    state: dict[str, int] = {}
    cycles: list[list[str]] = []
    for start in sorted(graph):
        if start in state:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                path.append(node)
            targets = graph.get(node, [])
            if index < len(targets):
                stack.append((node, index + 1))
                target = targets[index]
                if state.get(target) == 1:
                    cycles.append(path[path.index(target) :])
                elif target not in state:
                    stack.append((target, 0))
            else:
                state[node] = 2
                path.pop()
    return cycles


_RELATION_FIELD = {
    "overordnad": "overordnad",
    "ersatter": "ersatter",
    "rapporterar_till": "rapporterar_till",
}


@check("SV014")
def cycles(ctx: Context) -> Iterator[Diagnostic]:
    for relation, graph in _edges(ctx).items():
        for members in _cycle_members(graph):
            for position, member in enumerate(members):
                turn = members[position:] + members[:position]
                chain = " → ".join([*turn, member])
                document = ctx.repo.get(member)
                if document is None:
                    continue
                loc = _cycle_loc(document, relation)
                yield document.diagnostic(
                    "SV014",
                    f"Cirkel i '{relation}': {chain}. Ett dokument kan inte (indirekt) vila på, "
                    "ersätta eller rapportera till sig självt. Bryt cirkeln.",
                    loc,
                )


def _cycle_loc(document: Document, relation: str) -> Loc:
    if relation == "ersatter" and "ersatter" not in document.raw:
        return ("ersatt_av",)
    return (_RELATION_FIELD[relation],)


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
