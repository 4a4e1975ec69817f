"""Who must sign, with which title, and who adopts what (SV030–SV034).

The tables behind these rules (`undertecknare`, `faststallare`) are configuration: counties
differ in their delegation rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from samverkan_cli import antagande
from samverkan_cli.config import Party, title_matches
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.model.documents import Avtalsdokument, Common
from samverkan_cli.rules.registry import Context, broken_positions, check, unread


def _parties_lacking(
    ctx: Context, model: Common, present: set[str], concerns: Callable[[Party], bool]
) -> Iterator[tuple[int, str]]:
    """(index in parter, key) of each known party that `concerns` applies to and is not `present`."""
    for index, key in enumerate(model.parter or ()):
        party = ctx.config.parter.get(key)
        if party is not None and key not in present and concerns(party):
            yield index, key


@check("SV030")
def missing_signatures(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        if not ctx.config.types.signed(model.typ) or model.status != "beslutad":
            continue
        if _decided_otherwise(ctx, model):
            continue
        covered = antagande.signed_for(model, ctx.config)
        found = antagande.positions(model)
        # One missing signature of a kommunförbund is one finding: once it signs, it stands for
        # every kommun that has adopted a huvudöverenskommelse.
        waiting = model.typ == "huvudoverenskommelse" and any(
            ctx.config.typ_of(key) == "kommunforbund" and key not in covered
            for key in model.parter or ()
        )
        signers = model.undertecknare or ()
        read = [*(s.part for s in signers), *(p for s in signers for p in s.for_ or ())]
        broken = unread(document, "undertecknare", "part", read) | unread(
            document, "undertecknare", "for", read
        )
        # A signature under the party's namn or in other case (SV011 says how to write it).
        broken |= {
            key
            for written in read
            if written not in ctx.config.parter
            for key in ctx.config.party_keys(written)
        }
        for party in antagande.must_sign(model, ctx.config):
            if party in covered or party not in ctx.config.parter or party in broken:
                continue
            if waiting and ctx.config.typ_of(party) == "kommun":
                continue
            index = (model.parter or []).index(party)
            yield document.diagnostic(
                "SV030",
                _unsigned(ctx, party, adopted=antagande.adopted(found.get(party))),
                ("undertecknare",) if model.undertecknare else ("parter", index),
                key=True,
            )


def _decided_otherwise(ctx: Context, model: Common) -> bool:
    """A county type that may also be decided by beslut or faststalld, and has no signatures:
    any one route will do (SPEC §8.3), so a missing decision is SV003's, not a signature's."""
    routes = ctx.config.types.get(model.typ).routes
    return not model.undertecknare and len(routes) > 1


def _unsigned(ctx: Context, party: str, *, adopted: bool) -> str:
    name = ctx.config.named(party)
    if adopted:
        return (
            f"{name} har antagit dokumentet, men ingen har skrivit under för parten. Lägg till "
            f"partens underskrift under undertecknare (part: {party}, namn, befattning, datum), "
            f"eller for: [{party}] på underskriften som gäller för den."
        )
    return (
        f"{name} har inte skrivit under. Lägg till en rad under undertecknare med part: {party}, "
        "namn, befattning och datum."
    )


@check("SV031")
def signatory_titles(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        for index, signature in enumerate(model.undertecknare or ()):
            allowed = ctx.config.allowed_titles(model.typ, signature.part)
            if allowed and not title_matches(signature.befattning, allowed):
                yield document.diagnostic(
                    "SV031",
                    f"'{signature.befattning}' får inte skriva under "
                    f"{ctx.config.types.a(model.typ)} för "
                    f"{ctx.config.named(signature.part)}. Tillåtna befattningar: {', '.join(allowed)}. "
                    "Rätta befattningen, eller ändra undertecknare i samverkan.yaml om er "
                    "delegationsordning tillåter fler.",
                    ("undertecknare", index, "befattning"),
                )


@check("SV032")
def municipal_decisions(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        if model.typ != "huvudoverenskommelse" or model.status != "beslutad":
            continue
        found = antagande.positions(model)
        decided = {key for key, p in found.items() if antagande.has_decided(p)}
        decided |= broken_positions(document, model)
        for index, party in _parties_lacking(ctx, model, decided, lambda p: p.typ == "kommun"):
            yield document.diagnostic(
                "SV032",
                f"{ctx.config.named(party)} saknar ställningstagande. Lägg till en rad under "
                f"stallningstaganden med part: {party}, instans (t.ex. KS) och datum för beslutet.",
                ("stallningstaganden",) if model.stallningstaganden else ("parter", index),
                key=True,
            )


@check("SV033")
def adoption(ctx: Context) -> Iterator[Diagnostic]:
    """The group that adopted a document may do so. A missing faststalld is SV003's: the typ's
    decision routes say whether it is needed, or whether a board's beslut will do (§8.3)."""
    for document, model in ctx.modelled():
        if model.status != "beslutad" or model.typ not in ctx.config.faststallare:
            continue
        if model.faststalld is None or ctx.config.may_adopt(model.typ, model.faststalld.av):
            continue
        allowed = ", ".join(ctx.config.faststallare[model.typ])
        yield document.diagnostic(
            "SV033",
            f"Gruppen '{model.faststalld.av}' får inte fastställa "
            f"{ctx.config.types.a(model.typ)}. Tillåtna grupper: {allowed} (faststallare i "
            "samverkan.yaml).",
            ("faststalld", "av"),
        )


@check("SV034")
def copies(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        if model.exemplar is None:
            continue
        if model.parter and model.exemplar != len(model.parter):
            yield document.diagnostic(
                "SV034",
                f"exemplar är {model.exemplar} men dokumentet har {len(model.parter)} parter. "
                "Vanligen får varje part ett exemplar: kontrollera antalet.",
                ("exemplar",),
            )
        kept_by = model.forvaring if isinstance(model, Avtalsdokument) else None
        originals = sum(1 for kept in kept_by or () if kept.handling == "original")
        if kept_by and originals != model.exemplar:
            yield document.diagnostic(
                "SV034",
                f"forvaring anger {originals} original men exemplar är {model.exemplar}. "
                "Rätta antalet exemplar, eller vem som förvarar vilket original.",
                ("forvaring",),
                key=True,
            )
