"""Citations of laws that have been repealed or replaced (SV052)."""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.lagrum import Law, LawRegistry
from samverkan_cli.lifecycle import decided_on
from samverkan_cli.model.vocabulary import ENDED_STATUSES
from samverkan_cli.rules.registry import Context, check


@check("SV052")
def replaced_laws(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        if model.status in ENDED_STATUSES:
            continue  # archived documents rightly cite the law of their day
        written = model.giltig_fran or decided_on(model) or ctx.today
        for index, citation in enumerate(model.lagrum or ()):
            resolved = ctx.repo.laws.resolve(citation, written)
            if resolved is None:
                continue
            _key, law = resolved
            if law.upphavd_datum is not None and law.upphavd_datum <= ctx.today:
                yield document.diagnostic(
                    "SV052", _message(ctx.repo.laws, citation, law), ("lagrum", index)
                )


def _message(laws: LawRegistry, citation: str, law: Law) -> str:
    if law.ersatt_av:
        newer = laws.laws.get(law.ersatt_av)
        note = f" {newer.anm}" if newer and newer.anm else ""
        return (
            f"'{citation}' hänvisar till {law.namn}, som ersattes av {laws.name(law.ersatt_av)} "
            f"den {law.upphavd_datum}. Uppdatera hänvisningen vid nästa revidering.{note}"
        )
    return (
        f"'{citation}' hänvisar till {law.namn}, som upphävdes {law.upphavd_datum}. "
        "Ta bort hänvisningen eller ersätt den med den lag som gäller nu."
    )
