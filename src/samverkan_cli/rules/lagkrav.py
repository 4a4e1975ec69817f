"""Agreements the law requires (SV060) and documents that claim to fulfil a requirement (SV061)."""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_cli import lagkrav
from samverkan_cli.catalog import severity
from samverkan_cli.config import CONFIG_FILE
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.rules.registry import Context, check
from samverkan_cli.rules.settings import config_line


@check("SV060")
def required_by_law(ctx: Context) -> Iterator[Diagnostic]:
    if ctx.focus is not None and CONFIG_FILE not in ctx.focus:
        return  # its finding is on samverkan.yaml, and it needs every model
    models = [model for _document, model in ctx.every_modelled()]
    missing = [k for k, ids in lagkrav.fulfilment(ctx.config, models, ctx.today).items() if not ids]
    if not missing:
        return
    line = config_line(ctx, "lagkrav", "namn")
    for key in missing:
        requirement = ctx.config.lagkrav[key]
        where = f", {requirement.lagrum}" if requirement.lagrum else ""
        yield Diagnostic(
            "SV060",
            severity("SV060"),
            CONFIG_FILE,
            line,
            1,
            None,
            f"Lagkravet '{key}' ({requirement.namn}{where}) uppfylls inte av något gällande "
            f"dokument. Ange lagkrav: [{key}] i det gällande dokument som uppfyller kravet, "
            "eller ta fram och besluta ett.",
        )


@check("SV061")
def unknown_requirement(ctx: Context) -> Iterator[Diagnostic]:
    known = ", ".join(ctx.config.lagkrav) or "(inga)"
    for document, model in ctx.modelled():
        for index, key in enumerate(model.lagkrav or ()):
            if key in ctx.config.lagkrav:
                allowed = ctx.config.lagkrav[key].typ
                if allowed is not None and model.typ not in allowed:
                    names = " eller ".join(ctx.config.types.a(t) for t in allowed)
                    yield document.diagnostic(
                        "SV061",
                        f"Lagkravet '{key}' uppfylls av {names}, inte av "
                        f"{ctx.config.types.a(model.typ)}. Ta bort det här, och ange det i den "
                        "överenskommelse som uppfyller kravet.",
                        ("lagkrav", index),
                    )
                continue
            yield document.diagnostic(
                "SV061",
                f"Lagkravet '{key}' finns inte i samverkan.yaml. Lagkrav: {known}. Rätta "
                "nyckeln, eller lägg till kravet under lagkrav i samverkan.yaml.",
                ("lagkrav", index),
            )
