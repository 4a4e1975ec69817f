"""Check front matter against its typ's model and say what is wrong in Swedish (SV002–SV004).

pydantic's errors carry a `loc`; we map it to the YAML position of the key or value and rewrite
the message for people who are not programmers. When a document has errors we still try to build
a model without the offending fields, so the other rules can run and every problem shows at once.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from pydantic import BaseModel, ValidationError

from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.scalars import Loc
from samverkan_cli.model import doctypes
from samverkan_cli.model.documents import AnyModel, model_class_for
from samverkan_cli.model.vocabulary import fold

_PATTERN_HINTS = {
    "doc": "Ett dokument-id är 2–4 versaler, bindestreck och fyra siffror, t.ex. OVK-0003.",
    "group": "Ett grupp-id består av små bokstäver a–z, siffror och bindestreck, t.ex. lsg-barn.",
    "code": "En regelkod skrivs SV och tre siffror, t.ex. SV006.",
    "key": "En nyckel skrivs med små bokstäver a–z, siffror och bindestreck (utan å, ä och ö), "
    "t.ex. uppdragshandling.",
    "prefix": "Ett prefix är 2–4 versaler A–Z, t.ex. UPH.",
    "mapp": "Mappen skrivs under dokument/ med små bokstäver, siffror och bindestreck, t.ex. "
    "dokument/uppdragshandlingar.",
    "party": "En partsnyckel skrivs med små bokstäver a–z, siffror och bindestreck (utan å, ä "
    "och ö), t.ex. kiruna eller region-norrbotten; partens namn skrivs i namn:.",
}
_GROUP_FIELDS = {"av", "styrgrupp", "grupp", "rapporterar_till", "samma_huvudman_som"}


#: Fields whose salvage would fall back to a permissive default: without `publicera` the
#: document would be public, without `status` a meeting record would be, without `giltig_till`
#: or `upphavd_datum` a document in force for ever. When one of them is broken, or an unknown
#: field looks like one of them (`Publicera:`, `publisera:`, `samverkan: {publicera: …}`, a
#: merge key `<<:` carrying one), the model is never public and the finding cannot be silenced.
FAIL_CLOSED: Final = frozenset({"publicera", "status", "giltig_till", "upphavd_datum"})
_LOOKALIKE = frozenset({"publicera", "status"})
_HIDDEN_UNTIL_FIXED = " Dokumentet publiceras inte förrän värdet är rättat."


@dataclass(frozen=True, slots=True)
class Checked:
    """A document's model (None if it cannot be built) and what is wrong with its fields.

    `locked` holds the findings no `ignorera` may silence: a broken field of FAIL_CLOSED.
    """

    model: AnyModel | None
    findings: list[Diagnostic]
    locked: frozenset[Diagnostic] = frozenset()
    #: For a list whose broken entries were left out of the model: the index in the file of
    #: each entry the model kept (a rule's `('undertecknare', 1)` is the file's entry 2 when
    #: entry 0 was broken). See Document.position.
    renumbered: Mapping[str, tuple[int, ...]] = field(default_factory=dict)


def check(document: Document, types: doctypes.DocTypes = doctypes.BUILTIN) -> Checked:
    """The document checked against its typ's model (`types`: the repository's types)."""
    raw = document.raw
    typ = document.typ
    if typ is None or typ not in types:
        return Checked(None, [_bad_typ(document, raw.get("typ"), types)])
    model_class = model_class_for(types.get(typ))
    # A field written twice (SV001 while reading) could mean either value: never public.
    ambiguous = document.located is not None and bool(document.located.problems)
    try:
        model = model_class.model_validate(raw)
    except ValidationError as error:
        errors = error.errors(include_url=False)
    else:
        return Checked(_hidden(model) if ambiguous else model, [])
    errors = _one_per_typo(errors)
    diagnostics = [describe_error(document, model_class, err, types) for err in errors]
    closed = {index for index, err in enumerate(errors) if _fails_closed(err)}
    salvaged, renumbered = _salvage(model_class, raw, errors)
    if not closed:
        kept = _hidden(salvaged) if ambiguous else salvaged
        return Checked(kept, diagnostics, renumbered=renumbered)
    for index in closed:
        finding = diagnostics[index]
        diagnostics[index] = dataclasses.replace(
            finding, message=finding.message + _HIDDEN_UNTIL_FIXED
        )
    locked = frozenset(diagnostics[i] for i in closed)
    return Checked(_hidden(salvaged), diagnostics, locked, renumbered)


def _one_per_typo(errors: list[Any]) -> list[Any]:
    """A misspelt key is one mistake: its SV002 names the key it resembles, so the same
    mapping's "missing" error for that key is left out (`befatning:` is not also "befattning
    saknas")."""
    unknown: dict[tuple[Any, ...], list[str]] = {}
    for err in errors:
        if err["type"] == "extra_forbidden" and err["loc"]:
            unknown.setdefault(tuple(err["loc"][:-1]), []).append(fold(str(err["loc"][-1])))
    if not unknown:
        return errors
    return [
        err
        for err in errors
        if not (
            err["type"] == "missing"
            and err["loc"]
            and difflib.get_close_matches(
                str(err["loc"][-1]), unknown.get(tuple(err["loc"][:-1]), []), cutoff=0.75
            )
        )
    ]


def _hidden(model: AnyModel | None) -> AnyModel | None:
    return model.model_copy(update={"publicera": False}) if model is not None else None


def _fails_closed(err: Any) -> bool:
    """Whether a field error concerns what decides visibility (see FAIL_CLOSED)."""
    loc = err["loc"]
    if not loc:
        return False
    if err["type"] == "extra_forbidden":
        value = err.get("input")
        keys = [loc[-1], *(value if isinstance(value, dict) else ())]
        return any(_looks_like_visibility(key) for key in keys)
    return loc[0] in FAIL_CLOSED and err["type"] != "missing"


def _looks_like_visibility(key: object) -> bool:
    name = fold(str(key)).casefold().strip()
    return name in _LOOKALIKE or bool(difflib.get_close_matches(name, _LOOKALIKE, cutoff=0.75))


def _bad_typ(document: Document, value: Any, types: doctypes.DocTypes) -> Diagnostic:
    allowed = ", ".join(types)
    if value is None:
        return document.diagnostic(
            "SV003",
            f"Fältet 'typ' saknas. Ange dokumenttypen, en av: {allowed}.",
            ("typ",),
            key=True,
        )
    return document.diagnostic(
        "SV004",
        f"'{value}' är ingen dokumenttyp.{_did_you_mean(str(value), list(types))} Tillåtna: {allowed}. "
        "En egen typ läggs till under dokumenttyper: i samverkan.yaml.",
        ("typ",),
    )


def _salvage(
    model_class: type[BaseModel], raw: dict[str, Any], errors: list[Any]
) -> tuple[AnyModel | None, dict[str, tuple[int, ...]]]:
    """A model without what is broken, so that the other rules can run: a broken entry of a
    list (one signature, one chair's row) is left out alone, the rest of its list kept; any
    other broken field is left out whole. None when a required field is missing. With it, the
    file's index of each entry kept in a list that lost some (Checked.renumbered)."""
    if any(err["type"] == "missing" and len(err["loc"]) == 1 for err in errors):
        return None, {}
    fields: set[str] = set()
    entries: dict[str, set[int]] = {}
    for err in errors:
        loc = err["loc"]
        if not loc:
            continue
        name = loc[0]
        if len(loc) > 1 and isinstance(loc[1], int) and isinstance(raw.get(name), list):
            entries.setdefault(name, set()).add(loc[1])
        else:
            fields.add(name)
    kept = {k: v for k, v in raw.items() if k not in fields}
    renumbered: dict[str, tuple[int, ...]] = {}
    for name, broken in entries.items():
        if name in kept:
            indices = tuple(i for i in range(len(raw[name])) if i not in broken)
            kept[name] = [raw[name][i] for i in indices]
            renumbered[name] = indices
    try:
        return model_class.model_validate(kept), renumbered  # type: ignore[return-value]
    except ValidationError:
        pass
    try:
        whole = {k: v for k, v in raw.items() if k not in fields | entries.keys()}
        return model_class.model_validate(whole), {}  # type: ignore[return-value]
    except ValidationError:
        return None, {}


def describe(loc: Loc) -> str:
    """'undertecknare nr 2 → befattning' for ('undertecknare', 1, 'befattning')."""
    names: list[str] = []
    for part in loc:
        if part == "[key]":  # pydantic's mark for a mapping's key: the key is named before it
            continue
        if isinstance(part, int) and names:
            names[-1] += f" nr {part + 1}"
        else:
            names.append(str(part))
    return " → ".join(names)


def _did_you_mean(value: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return f" Menade du '{close[0]}'?" if close else ""


def _fields_of(model_class: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed where `loc` points (for suggestions)."""
    current: Any = model_class
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
        for inner in getattr(candidate, "__args__", ()):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def describe_error(
    document: Document,
    model_class: type[BaseModel],
    err: Any,
    types: doctypes.DocTypes = doctypes.BUILTIN,
) -> Diagnostic:
    """One pydantic error as a finding at the YAML position its `loc` names."""
    loc: Loc = tuple(err["loc"])
    kind: str = err["type"]
    name = describe(loc)
    if kind == "missing":
        return document.diagnostic("SV003", _missing(name, loc), loc[:-1], key=True)
    if kind == "extra_forbidden":
        known = _fields_of(model_class, loc[:-1])
        folded = fold(str(loc[-1]))
        if folded != loc[-1] and folded in known:
            return document.diagnostic(
                "SV002",
                f"Fältet '{name}' finns inte: fältnamn skrivs utan å, ä och ö. Skriv '{folded}'.",
                loc,
                key=True,
            )
        hint = _did_you_mean(str(loc[-1]), known) or " Ta bort det eller rätta stavningen."
        return document.diagnostic("SV002", f"Fältet '{name}' finns inte.{hint}", loc, key=True)
    if err.get("input", "") is None:
        return document.diagnostic(
            "SV003", f"Fältet '{name}' saknar värde. Fyll i det eller ta bort raden.", loc, key=True
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        fields = _fields_of(model_class, loc)
        return document.diagnostic("SV004", _not_a_mapping(name, loc, fields, err), loc)
    written = _as_written(document.raw, loc, err.get("input"))
    typ = types.get(document.typ) if document.typ else None
    message = _wrong_value(name, loc, kind, err, written, typ)
    return document.diagnostic("SV004", message, loc)


def _as_written(raw: dict[str, Any], loc: Loc, default: object) -> object:
    """The value at `loc` as the user wrote it (pydantic's input has been folded: 'gallande'
    for what was written 'gällande')."""
    current: Any = raw
    for part in loc:
        if isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            continue
        if not (isinstance(current, dict) and part in current):
            return default
        current = current[part]
    return current


def _not_a_mapping(name: str, loc: Loc, fields: list[str], err: Any) -> str:
    value = err.get("input")
    example = ""
    if "manader" in fields and isinstance(value, int) and not isinstance(value, bool):
        example = f" Menade du {loc[-1]}: {{manader: {value}}}?"
    elif fields:
        example = f" Till exempel {loc[-1]}: {{{fields[0]}: …}}."
    known = f" ({', '.join(fields)})" if fields else ""
    return (
        f"'{name}' ska vara en grupp av fält{known}, på egna rader med indrag under "
        f"{loc[-1]}: eller inom {{ }}, inte '{shown(value)}'.{example}"
    )


def _missing(name: str, loc: Loc) -> str:
    if len(loc) == 1:
        return f"Fältet '{name}' saknas. Lägg till {loc[0]}: med ett värde."
    return f"Fältet '{name}' saknas. Lägg till {loc[-1]}: där."


def _wrong_value(
    name: str, loc: Loc, kind: str, err: Any, written: object, typ: doctypes.DocType | None = None
) -> str:
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind.startswith("sv_"):
        return f"'{name}': {err['msg']}"
    if kind == "literal_error":
        allowed = [
            a.strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")
        ]
        if loc == ("status",) and isinstance(value, str) and value in _WORKED_OUT:
            return (
                f"'{shown(written)}' är ingen status att skriva: att ett dokument är "
                f"{_WORKED_OUT[value]} räknar verktyget ut av datumen. Skriv status: beslutad "
                "(och giltig_fran, giltig_till eller upphavd_datum)."
            )
        hint = _did_you_mean(str(value), allowed)
        return (
            f"'{shown(written)}' är inte tillåtet i '{name}'.{hint} "
            f"Tillåtna värden: {', '.join(allowed)}."
        )
    if kind == "string_pattern_mismatch":
        return f"'{shown(value)}' har fel form i '{name}'. {_pattern_hint(loc, typ)}"
    if kind == "int_type" and isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        if len(value.strip()) > 18:
            return f"'{name}' är ett för stort tal. Ange ett heltal med högst några siffror."
        return (
            f"'{name}' ska vara ett tal, inte text: ta bort citattecknen, "
            f"t.ex. {loc[-1]}: {value.strip()}."
        )
    if kind == "too_long" and isinstance(value, str):
        kind = "string_too_long"  # a text checked after its number became text
    message = _SIMPLE.get(kind)
    if message is not None:
        example = _NUMBER_EXAMPLES.get(str(loc[-1]) if loc else "", "12")
        return message.format(name=name, value=shown(value), example=example, **ctx)
    return (
        f"'{name}' kan inte ha värdet '{shown(written)}'. Skriv det i fältets form: den står i "
        "README och i arkivets JSON Schema (schemas/)."
    )


#: Statuses people write that the tool works out from dates (a decided document is in force,
#: expired or not yet in force): what to write instead is `beslutad`.
_WORKED_OUT: Final = {
    "gallande": "gällande",
    "aktuell": "aktuellt",
    "aktiv": "aktivt",
    "giltig": "giltigt",
    "faststalld": "fastställt",
    "antagen": "antaget",
    "utgangen": "utgånget",
}


def shown(value: object, limit: int = 60) -> str:
    """A value as a message quotes it: long text is cut, so one finding stays one line."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pattern_hint(loc: Loc, typ: doctypes.DocType | None = None) -> str:
    if "[key]" in loc and loc and loc[0] == "parter":
        return _PATTERN_HINTS["party"]
    if loc and loc[-1] == "[key]" and loc[0] in ("dokumenttyper", "lagkrav"):
        return _PATTERN_HINTS["key"]
    field = next((str(p) for p in reversed(loc) if isinstance(p, str) and p != "[key]"), "")
    if field in ("prefix", "mapp") and loc and loc[0] == "dokumenttyper":
        return _PATTERN_HINTS[field]
    if field == "ignorera":
        return _PATTERN_HINTS["code"]
    if loc == ("id",) and typ is not None and typ.prefix:
        return (
            f"Ett dokument-id är 2–4 versaler, bindestreck och fyra siffror; för {typ.a()} "
            f"börjar det med {typ.prefix}, t.ex. {typ.prefix}-0001 (samverkan new visar nästa "
            "lediga)."
        )
    if field in _GROUP_FIELDS or (field == "id" and "grupp" in loc):
        return _PATTERN_HINTS["group"]
    return _PATTERN_HINTS["doc"]


#: An example number that fits the field, where 12 would not.
_NUMBER_EXAMPLES: Final = {
    "ar": "2026",
    "antal": "6",
    "manader": "12",
    "mandatperiod_start": "2023",
    "dagordning_dagar_fore": "7",
}

_SIMPLE = {
    "string_type": "'{name}' ska vara text, inte '{value}'. Sätt citattecken runt värdet.",
    "string_too_short": "'{name}' får inte vara tomt.",
    "string_too_long": "'{name}' är för långt: högst {max_length} tecken.",
    "int_type": "'{name}' ska vara ett heltal, t.ex. {example}, inte '{value}'.",
    "int_parsing": "'{name}' ska vara ett heltal, t.ex. {example}, inte '{value}'.",
    "int_from_float": "'{name}' ska vara ett heltal, t.ex. {example}, inte '{value}'.",
    "greater_than_equal": "'{name}' måste vara minst {ge}, inte {value}.",
    "less_than_equal": "'{name}' får vara högst {le}, inte {value}.",
    "bool_type": "'{name}' ska vara true eller false, inte '{value}'.",
    "list_type": "'{name}' ska vara en lista: [a, b] eller en rad per värde som börjar med '- '.",
    "too_short": "'{name}' får inte vara tomt. Skriv ett värde, eller ta bort raden.",
    "too_long": "'{name}' har för många värden: högst {max_length}.",
    "float_type": "'{name}' ska vara ett tal, t.ex. 12, inte '{value}'.",
    "float_parsing": "'{name}' ska vara ett tal, t.ex. 12, inte '{value}'.",
    "date_type": "'{name}' ska vara ett datum som ÅÅÅÅ-MM-DD, inte '{value}'.",
    "date_from_datetime_inexact": "'{name}' ska vara ett datum utan klockslag, som ÅÅÅÅ-MM-DD.",
    "string_unicode": "'{name}' ska vara text.",
    "dict_type": "'{name}' ska vara en grupp av fält med namn och värde.",
    "set_type": "'{name}' ska vara en lista: [a, b] eller en rad per värde som börjar med '- '.",
    "tuple_type": "'{name}' ska vara en lista: [a, b] eller en rad per värde som börjar med '- '.",
    "enum": "'{value}' är inte tillåtet i '{name}'.",
    "union_tag_invalid": "'{name}' har ett värde som inte passar: '{value}'.",
}
