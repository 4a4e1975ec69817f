"""The signing page (`samverkan pdf ID --underskrift`): one block per party that must sign.

Who must sign, and whose signature stands for whom, is what SV030 judges (antagande.must_sign,
antagande.signed_for): the page asks for exactly the signatures validation will look for.
"""

from __future__ import annotations

from typing import Final

from samverkan_cli import antagande
from samverkan_cli.config import Config
from samverkan_cli.errors import UserError
from samverkan_cli.model.documents import Common, Undertecknare
from samverkan_cli.pdf.body import Node, heading, paragraph

_NUMBERS: Final = (
    *("noll", "ett", "två", "tre", "fyra", "fem", "sex"),
    *("sju", "åtta", "nio", "tio", "elva", "tolv"),
)


def check_signed(config: Config, model: Common) -> None:
    """UserError, saying why, unless the parties sign documents of the model's typ."""
    if config.types.signed(model.typ):
        return
    raise UserError(
        f"{model.id} är {config.types.a(model.typ)}, som beslutas eller fastställs och inte skrivs "
        "under av parterna, så det finns ingen underskriftssida att skriva ut. --underskrift "
        "gäller avtal, huvudöverenskommelser, överenskommelser och länets egna typer som "
        "skrivs under (beslut: [undertecknare] i samverkan.yaml). Skriv ut dokumentet utan "
        "--underskrift."
    )


def page(config: Config, model: Common) -> list[Node]:
    """The signing page's blocks: a heading, the copies sentence, one block per party, in the
    order the parties sign."""
    check_signed(config, model)
    covered = antagande.signed_for(model, config)
    positions = antagande.positions(model)
    declined = [
        key
        for key in antagande.must_sign(model, config)
        if (position := positions.get(key)) is not None and position.utfall == "avslagen"
    ]
    parties = signing_order(
        model, config, [key for key in antagande.must_sign(model, config) if key not in declined]
    )
    found: list[Node] = [{"t": "pagebreak"}, heading(2, "Underskrifter")]
    if model.exemplar is not None:
        found.append(paragraph(copies(config, model, model.exemplar)))
    found += [  # SV038: a party that said no does not sign
        paragraph(
            f"{party_name(config, key)} har avslagit dokumentet ({positions[key].datum}) "
            "och skriver inte under."
        )
        for key in declined
    ]
    if not parties:
        found.append(paragraph("Ingen part behöver skriva under dokumentet."))
    found += [_block(config, model, key, covered.get(key)) for key in parties]
    return found


def signing_order(model: Common, config: Config, parties: list[str]) -> list[str]:
    """`parties` in `antagande.underskriftsordning`'s order of party typs (SV037), each typ in
    the order of `parter`; typs the order leaves out sign last. Without an order, `parter`'s."""
    block = antagande.plan(model)
    order = list(block.underskriftsordning or ()) if block is not None else []
    if not order:
        return parties

    def rank(key: str) -> int:
        typ = config.typ_of(key)
        return order.index(typ) if typ in order else len(order)

    return sorted(parties, key=rank)  # stable: parter's order within a typ


def copies(config: Config, model: Common, count: int) -> str:
    """'Denna överenskommelse har upprättats i fyra likalydande exemplar. …'"""
    kind = config.types.get(model.typ)
    this = f"{'Detta' if kind.neuter else 'Denna'} {kind.noun()}"
    number = _NUMBERS[count] if 0 <= count < len(_NUMBERS) else str(count)
    sentence = f"{this} har upprättats i {number} likalydande exemplar."
    if count == len(model.parter or ()):
        sentence += " Parterna har tagit var sitt."
    return sentence


def party_name(config: Config, key: str) -> str:
    """A party as people read it: its namn in samverkan.yaml (the key only if it has none)."""
    found = config.parter.get(key)
    return found.namn if found is not None else key


def _block(config: Config, model: Common, key: str, signature: Undertecknare | None) -> Node:
    name = party_name(config, key)
    block: Node = {"t": "sign", "party": name, "name": None, "title": None, "date": None}
    block["hint"] = _hint(config.allowed_titles(model.typ, key))
    block["note"] = None
    if signature is None:
        return block
    if signature.part != key:
        block["note"] = (
            f"{party_name(config, signature.part)} skriver under för {name}: "
            f"{signature.namn}, {signature.befattning}"
            + (f", {signature.datum}." if signature.datum else ".")
        )
        return block
    block["name"] = signature.namn
    block["title"] = signature.befattning
    block["date"] = signature.datum.isoformat() if signature.datum else None
    return block


def _hint(titles: list[str] | None) -> str | None:
    """The titles that may sign for the party, for the title line ('Regiondirektör')."""
    named = [title for title in titles or () if title.strip() != "*"]
    if not named:
        return None
    hint = " eller ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
    return f"{hint} eller motsvarande" if len(named) < len(titles or ()) else hint
