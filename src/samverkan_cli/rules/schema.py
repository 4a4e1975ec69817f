"""Requirements that depend on typ and status, ids and file names (SV003, SV004, SV005, SV006).

The per-field checks of SV001–SV004 and SV007 happen while loading (loading/check.py); these are
the ones a model alone cannot express.
"""

from __future__ import annotations

from collections.abc import Iterator

from samverkan_cli.catalog import CATALOG
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.loading.document import Document
from samverkan_cli.model import requirements
from samverkan_cli.model.doctypes import DocType
from samverkan_cli.model.documents import Avtalsdokument, Common
from samverkan_cli.model.vocabulary import DOC_ID, GROUP_ID
from samverkan_cli.rules.references import adoption_party_references
from samverkan_cli.rules.registry import Context, check


@check("SV003")
def required_by_status(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        typ = ctx.config.types.get(model.typ)
        for name, status in requirements.required_fields(typ, model.status):
            # present but invalid is SV004's business; absent or left empty is missing
            if getattr(model, name, None) is None and not document.written(name):
                when = f" med status {status}" if status else ""
                yield document.diagnostic(
                    "SV003",
                    f"Fältet '{name}' saknas: {typ.a()}{when} ska ha det. Lägg till {name}:.",
                    ("status",) if status else ("typ",),
                    key=True,
                )
        if _needs_municipal_decisions(ctx, model):
            yield document.diagnostic(
                "SV003",
                "Fältet 'stallningstaganden' saknas: en beslutad huvudöverenskommelse ska ha ett "
                "ställningstagande från varje kommun. Lägg till stallningstaganden:.",
                ("status",),
                key=True,
            )
        if (
            model.status == "beslutad"
            and len(typ.routes) > 1
            and not any(getattr(model, f, None) for f in typ.routes)
            and not any(document.written(f) for f in typ.routes)
        ):
            ways = " eller ".join(f"{f}:" for f in _in_order(typ.routes))
            yield document.diagnostic(
                "SV003",
                f"Ett beslutat dokument ska visa hur det beslutades. Lägg till {ways}."
                + _not_a_route(typ, model),
                ("status",),
                key=True,
            )


def _not_a_route(typ: DocType, model: Common) -> str:
    """Why a decision that is written does not count: the county's typ is not decided so."""
    given = [f for f in ("beslut", "faststalld", "undertecknare") if getattr(model, f, None)]
    if not given or typ.builtin:
        return ""
    return (
        f" {given[0]} räknas inte för {typ.noun()}: samverkan.yaml anger vilka beslut som gäller "
        f"för typen under dokumenttyper → {typ.key} → beslut."
    )


def _in_order(routes: tuple[str, ...]) -> list[str]:
    """The routes as contract 1's message names them: beslut, faststalld, undertecknare."""
    return sorted(routes, key=("beslut", "faststalld", "undertecknare").index)


def _needs_municipal_decisions(ctx: Context, model: Common) -> bool:
    if (
        model.typ != "huvudoverenskommelse"
        or model.status != "beslutad"
        or model.stallningstaganden
    ):
        return False
    parties = [ctx.config.parter.get(p) for p in model.parter or ()]
    return any(p is not None and p.typ == "kommun" for p in parties)


@check("SV004")
def too_few_parties(ctx: Context) -> Iterator[Diagnostic]:
    for document, model in ctx.modelled():
        typ = ctx.config.types.get(model.typ)
        wrong_typ = not requirements.needs_two_parties(typ)
        if wrong_typ or model.parter is None or len(set(model.parter)) >= 2:
            continue
        yield document.diagnostic(
            "SV004", f"{typ.a().capitalize()} ska ha minst två parter i 'parter'.", ("parter",)
        )


@check("SV004")
def adoption_fields(ctx: Context) -> Iterator[Diagnostic]:
    """Status antagande is for agreements; the parties of adoption are the document's own."""
    for document, model in ctx.modelled():
        if model.status == "antagande" and not isinstance(model, Avtalsdokument):
            yield document.diagnostic(
                "SV004",
                "Status antagande gäller avtal och överenskommelser, inte "
                f"{ctx.config.types.a(model.typ)}. "
                "Sätt status: remiss medan dokumentet bereds, och beslutad när det har beslutats.",
                ("status",),
            )
        if not isinstance(model, Avtalsdokument):
            continue
        own = set(model.parter or ())
        for loc, party in adoption_party_references(model):
            if party in ctx.config.parter and party not in own:
                yield document.diagnostic(
                    "SV004",
                    f"'{party}' är inte part i dokumentet. Lägg till den i parter, eller ta bort "
                    "den här.",
                    loc,
                )


@check("SV004")
def unsilenceable(ctx: Context) -> Iterator[Diagnostic]:
    for document in ctx.documents():
        for index, code in enumerate(document.ignore_list):
            info = CATALOG.get(code) if isinstance(code, str) else None
            if isinstance(code, str) and info is None and code.startswith("SV"):
                yield document.diagnostic(
                    "SV004",
                    f"Regeln {code} finns inte. Kontrollera koden.",
                    ("samverkan", "ignorera", index),
                )
            elif info is not None and not info.silenceable:
                yield document.diagnostic(
                    "SV004",
                    f"{code} kan inte tystas: felet måste rättas. Ta bort {code} ur ignorera.",
                    ("samverkan", "ignorera", index),
                )


@check("SV005")
def duplicate_ids(ctx: Context) -> Iterator[Diagnostic]:
    for document_id, documents in ctx.repo.by_id.items():
        if len(documents) < 2:
            continue
        paths = sorted(d.path for d in documents)
        for document in documents:
            others = ", ".join(p for p in paths if p != document.path)
            yield document.diagnostic(
                "SV005",
                f"Id '{document_id}' används också i {others}. Ge ett av dokumenten ett nytt id "
                "(och byt filnamnet därefter).",
                ("id",),
            )


@check("SV006")
def file_name(ctx: Context) -> Iterator[Diagnostic]:
    for document in ctx.documents():
        document_id = document.id
        if document_id is None or document.typ == "mote":
            continue
        pattern = GROUP_ID if document.typ == "grupp" else DOC_ID
        if not pattern.match(document_id):
            continue  # SV004 says how the id is written; a rename to it would not help
        name = document.path.rsplit("/", 1)[-1]
        rest = name[len(document_id) :]
        if not name.startswith(document_id) or (rest[:1].isalnum()):
            yield document.diagnostic(
                "SV006",
                f"Filnamnet '{name}' börjar inte med id '{document_id}'. Byt namn på filen till "
                f"'{document_id}-…md', t.ex. '{document_id}-{_slug_hint(document)}.md'.",
                ("id",),
            )


def _slug_hint(document: Document) -> str:
    from samverkan_cli.slug import slugify

    title = document.raw.get("titel")
    return slugify(title) if isinstance(title, str) and title else "kort-namn"
