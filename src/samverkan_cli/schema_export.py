"""JSON Schema (draft 2020-12) for each typ's front matter, for samverkan.yaml and for lagrum.yaml.

Generated from the same models and requirement table the validator uses, so an editor that
checks against these schemas agrees with `samverkan validate` on every field-level rule.
"""

from __future__ import annotations

import json
from typing import Any, Final

from pydantic import BaseModel

from samverkan_cli.config import Config
from samverkan_cli.lagrum import RegistryFile
from samverkan_cli.model import requirements
from samverkan_cli.model.doctypes import BUILTIN, DocType, DocTypes
from samverkan_cli.model.documents import model_class_for
from samverkan_cli.model.vocabulary import ENDED_STATUSES, SPELLED

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
BASE_URL: Final = "https://samverkan.example/schemas/"


def schemas(types: DocTypes = BUILTIN) -> dict[str, dict[str, Any]]:
    """File name → schema, for every typ (a repository's own too), for samverkan.yaml and for
    lagrum.yaml."""
    result = {f"{typ}.schema.json": document_schema(types.get(typ)) for typ in types}
    result["samverkan.schema.json"] = _finish(
        _schema(Config),
        "samverkan.schema.json",
        "samverkan.yaml",
        "Inställningar för dokumentarkivet.",
    )
    result["lagrum.schema.json"] = _finish(
        _schema(RegistryFile),
        "lagrum.schema.json",
        "lagrum.yaml",
        "Arkivets egna poster i lagrumsregistret (läggs till eller ersätter det medföljande).",
    )
    return result


def document_schema(doctype: DocType) -> dict[str, Any]:
    typ = doctype.key
    schema = _schema(model_class_for(doctype))
    spellings = [typ, *([SPELLED[typ]] if typ in SPELLED else [])]
    schema["properties"]["typ"] = {"enum": spellings, "description": "Dokumenttyp."}
    required = list(schema.get("required", []))
    required.extend(f for f in requirements.always(doctype) if f not in required)
    schema["required"] = required
    if requirements.needs_two_parties(doctype):
        schema["properties"]["parter"] = {
            "type": "array",
            "items": {"type": "string", "minLength": 1},
            "minItems": 2,
            "description": "Parterna (nycklar i samverkan.yaml), minst två.",
        }
    conditions = _conditions(doctype)
    if conditions:
        schema["allOf"] = conditions
    label = doctype.label
    return _finish(schema, f"{typ}.schema.json", label, f"Front matter för {doctype.noun()}.")


def _conditions(doctype: DocType) -> list[dict[str, Any]]:
    conditions = []
    decided = requirements.when_decided(doctype)
    if decided:
        conditions.append(_when_status(["beslutad"], list(decided)))
    if doctype.key != "mote":
        if doctype.signed:
            conditions.append(_when_status(["antagande"], list(requirements.WHEN_ADOPTING)))
        ended = [*ENDED_STATUSES, "upphävd"]
        conditions.append(_when_status(ended, list(requirements.WHEN_ENDED)))
    return conditions


def _when_status(statuses: list[str], fields: list[str]) -> dict[str, Any]:
    return {
        "if": {"properties": {"status": {"enum": statuses}}, "required": ["status"]},
        "then": {"required": fields},
    }


#: Swedish titles and descriptions for nested objects (the models' docstrings are developer English).
_DEFS: Final = {
    "Beslut": ("Beslut", "Ett beslut, t.ex. SN 2015-03-18 § 106."),
    "Faststalld": ("Fastställd", "Fastställande av en grupp."),
    "Undertecknare": ("Undertecknare", "En underskrift."),
    "Stallningstagande": ("Ställningstagande", "En parts eget beslut om dokumentet."),
    "Antagande": ("Antagande", "Rekommendationen, svarstiden och underskriftsordningen."),
    "Rekommendation": ("Rekommendation", "Rekommendationen att anta dokumentet."),
    "Forvaring": ("Förvaring", "Vem som förvarar vilket undertecknat exemplar."),
    "Forlangning": ("Förlängning", "Möjlig förlängning."),
    "Installningar": ("Inställningar", "Verktygets inställningar för filen."),
    "MotenMinst": ("Möten minst", "Minsta antal möten."),
    "Ledamot": ("Ledamot", "En ledamot i gruppen."),
    "Person": ("Person", "En person och den part hen företräder."),
    "Ordforandeskap": (
        "Ordförandeskap",
        "Ordförandeskapet ett mandatår eller en mandatperiod: ordförande eller sammankallande.",
    ),
    "Party": ("Part", "En part i samverkan."),
    "Webbplats": ("Webbplats", "Den publicerade förteckningen."),
    "Law": ("Författning", "En lag eller föreskrift i lagrumsregistret."),
    "Tillganglighet": (
        "Tillgänglighetsredogörelse",
        "Uppgifterna i webbplatsens tillgänglighetsredogörelse.",
    ),
}


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    for name, definition in schema.get("$defs", {}).items():
        title, description = _DEFS.get(name, (name, definition.get("description", "")))
        definition.update(title=title, description=description)
        _drop_field_titles(definition)
    _drop_field_titles(schema)
    return schema


def _drop_field_titles(schema: dict[str, Any]) -> None:
    """pydantic titles fields from their keys ('Giltig Fran'): noise in an editor, so drop them."""
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)


def _finish(schema: dict[str, Any], name: str, title: str, description: str) -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "$id": BASE_URL + name,
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
        "title": title,
        "description": description,
    }


def render(schema: dict[str, Any]) -> str:
    """Stable text for a schema file (sorted keys keep diffs small)."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
