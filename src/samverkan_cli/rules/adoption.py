"""Adoption across many parties (SPEC §8.1): replies by the deadline, signatures after the
decisions they rest on, the signing order, and parties that said no (SV035–SV039)."""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_cli import antagande
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.lifecycle import plus_days
from samverkan_cli.loading.document import Document
from samverkan_cli.model.documents import Antagande, Common, Stallningstagande, Undertecknare
from samverkan_cli.model.vocabulary import PARTY_TYP, UTFALL
from samverkan_cli.rules.registry import Context, broken_positions, check


def _names(ctx: Context, keys: list[str]) -> str:
    named = [ctx.config.named(key) for key in keys]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} och {named[-1]}"


def _adopting(ctx: Context) -> Iterator[tuple[Document, Common, Antagande]]:
    for document, model in ctx.modelled():
        block = antagande.under_way(model)
        if block is not None:
            yield document, model, block


@check("SV035")
def replies_late(ctx: Context) -> Iterator[Diagnostic]:
    for document, model, block in _adopting(ctx):
        deadline = block.svara_senast
        found = antagande.positions(model, ctx.today)
        broken = broken_positions(document, model)
        for party in antagande.late(model, ctx.config, ctx.today):
            if party in broken:
                continue
            position = found.get(party)
            done = (
                f"har {_DID[position.utfall]} ärendet ({position.datum}) men inte beslutat"
                if position is not None
                else "har inte tagit ställning"
            )
            yield document.diagnostic(
                "SV035",
                f"{ctx.config.named(party)} {done}, fast svaret skulle ha kommit senast {deadline}. "
                "Påminn parten, eller skriv in beslutet under stallningstaganden "
                f"(part: {party}, instans, datum, utfall).",
                ("antagande", "svara_senast"),
            )


@check("SV039")
def replies_due(ctx: Context) -> Iterator[Diagnostic]:
    horizon = plus_days(ctx.today, ctx.config.varna_dagar)
    for document, model, block in _adopting(ctx):
        deadline = block.svara_senast
        broken = broken_positions(document, model)
        waiting = [p for p in antagande.pending(model, ctx.config, ctx.today) if p not in broken]
        if waiting and ctx.today <= deadline <= horizon:
            yield document.diagnostic(
                "SV039",
                f"Svaren ska komma senast {deadline}, och {_names(ctx, waiting)} har ännu inte "
                "tagit ställning. Påminn i tid, och skriv in varje beslut under "
                "stallningstaganden när protokollsutdraget kommer.",
                ("antagande", "svara_senast"),
            )


@check("SV036")
def signed_before_deciding(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        found = antagande.positions(model)
        for index, signature in enumerate(model.undertecknare or ()):
            if signature.datum is None:
                continue
            own = found.get(signature.part)
            if antagande.adopted(own) and own is not None and own.datum > signature.datum:
                yield document.diagnostic(
                    "SV036",
                    f"{ctx.config.named(signature.part)} skrev under {signature.datum}, före sitt eget "
                    f"beslut {own.datum} ({own.instans}). Kontrollera datumen: underskriften ska "
                    "komma efter beslutet.",
                    ("undertecknare", index, "datum"),
                )
            yield from _stands_for_too_early(ctx, document, model, index, signature, found)
            for party in signature.for_ or ():
                decision = found.get(party)
                if party in broken_positions(document, model):
                    continue
                if not antagande.adopted(decision):
                    yield document.diagnostic(
                        "SV036",
                        f"Underskriften gäller för {ctx.config.named(party)}, som inte har antagit "
                        "dokumentet. Skriv in partens beslut under stallningstaganden, eller ta "
                        f"bort {party} ur for.",
                        ("undertecknare", index, "for"),
                        key=True,
                    )
                elif decision is not None and decision.datum > signature.datum:
                    yield document.diagnostic(
                        "SV036",
                        f"Underskriften {signature.datum} gäller för {ctx.config.named(party)}, vars "
                        f"beslut kom först {decision.datum}. Kontrollera datumen.",
                        ("undertecknare", index, "for"),
                        key=True,
                    )


def _stands_for_too_early(
    ctx: Context,
    document: Document,
    model: Common,
    index: int,
    signature: Undertecknare,
    found: dict[str, Stallningstagande],
) -> Iterator[Diagnostic]:
    """On a huvudöverenskommelse a kommunförbund's signature stands for every kommun that has
    adopted it (without `for`): it must come after those decisions too."""
    if (
        model.typ != "huvudoverenskommelse"
        or signature.for_
        or signature.datum is None
        or ctx.config.typ_of(signature.part) != "kommunforbund"
    ):
        return
    for party in model.parter or ():
        decision = found.get(party)
        if ctx.config.typ_of(party) == "kommun" and antagande.adopted(decision):
            assert decision is not None
            if decision.datum > signature.datum:
                yield document.diagnostic(
                    "SV036",
                    f"{ctx.config.named(signature.part)} skrev under {signature.datum} för kommunerna, "
                    f"men {ctx.config.named(party)} beslutade först {decision.datum}. Kontrollera "
                    "datumen: underskriften ska komma efter kommunernas beslut.",
                    ("undertecknare", index, "datum"),
                )


@check("SV037")
def signing_order(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        block = antagande.plan(model)
        order = block.underskriftsordning if block is not None else None
        if not order:
            continue
        rank = {typ: place for place, typ in enumerate(order)}
        signed = [
            (index, s, rank[typ])
            for index, s in enumerate(model.undertecknare or ())
            if s.datum is not None and (typ := ctx.config.typ_of(s.part)) in rank
        ]
        for index, signature, place in signed:
            assert signature.datum is not None
            before = [
                other
                for _i, other, other_place in signed
                if other_place < place and other.datum is not None and other.datum > signature.datum
            ]
            if before:
                yield document.diagnostic(
                    "SV037",
                    f"{ctx.config.named(signature.part)} skrev under {signature.datum}, före "
                    f"{ctx.config.named(before[0].part)} ({before[0].datum}), men underskriftsordningen "
                    f"är {', '.join(PARTY_TYP[t].lower() for t in order)}. Kontrollera datumen, eller ändra "
                    "underskriftsordning om ordningen har ändrats.",
                    ("undertecknare", index, "datum"),
                )


#: What a party did, as a verb: "har avslagit det".
_DID = {"avslagen": "avslagit", "aterremitterad": "återremitterat", "bordlagd": "bordlagt"}


@check("SV038")
def said_no(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        found = antagande.positions(model)
        refused = {key: p for key, p in found.items() if p.utfall != "antagen"}
        for index, signature in enumerate(model.undertecknare or ()):
            position = refused.get(signature.part)
            if position is not None:
                yield document.diagnostic(
                    "SV038",
                    f"{ctx.config.named(signature.part)} har skrivit under, men partens senaste beslut "
                    f"är {UTFALL[position.utfall].lower()} ({position.datum}). Kontrollera "
                    "underskriften eller beslutet.",
                    ("undertecknare", index, "part"),
                )
        if model.status != "beslutad":
            continue
        for index, key in enumerate(model.parter or ()):
            position = refused.get(key)
            if position is not None:
                yield document.diagnostic(
                    "SV038",
                    f"Dokumentet är beslutat, men {ctx.config.named(key)} har "
                    f"{_DID[position.utfall]} det ({position.datum}). Ta bort parten ur "
                    "parter om den inte är med, eller skriv in dess nya beslut.",
                    ("parter", index),
                )
