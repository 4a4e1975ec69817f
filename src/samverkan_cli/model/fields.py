"""Field types shared by the document models and samverkan.yaml.

Types are strict where the JSON Schema is strict, so that whatever the validator accepts the
schema accepts too (editors and the CLI must agree). Dates are parsed here, from text, so that an
impossible date is a finding with a Swedish message rather than an exception.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic import BaseModel as _PydanticModel
from pydantic_core import PydanticCustomError

from samverkan_cli.model import vocabulary
from samverkan_cli.printable import CONTROL

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class Model(_PydanticModel):
    """Base of every model: unknown fields are errors (SV002), values never change after load."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def parse_date(value: Any) -> date:
    """An ISO date from text; the message says why when it is not one."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO.match(value):
        try:
            return date.fromisoformat(value)  # the common case; _ISO has checked the form
        except ValueError:
            pass  # other digits, or no such day: read below, and said in words
    text = str(value).strip() if isinstance(value, str | int) else None
    match = _ISO.match(text) if text else None
    if text is None or match is None:
        raise PydanticCustomError(
            "sv_date_format",
            "'{value}' är inget datum. Skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2025-03-01.",
            {"value": value},
        )
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise PydanticCustomError(
            "sv_date_month",
            "'{value}' är inget giltigt datum: månaden måste vara 01–12.",
            {"value": text},
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise PydanticCustomError(
            "sv_date_day",
            "'{value}' är inget giltigt datum: {month} {year} har {last} dagar.",
            {"value": text, "month": vocabulary.MONTHS[month - 1], "year": year, "last": last},
        )
    return date(year, month, day)


def _fold(value: Any) -> Any:
    return vocabulary.fold(value) if isinstance(value, str) else value


def _enum_schema(labels: vocabulary.Labels) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "enum": vocabulary.accepted(labels)})


IsoDate = Annotated[
    date,
    BeforeValidator(parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]


def _printable(value: str) -> str:
    found = CONTROL.search(value)
    if found is not None:
        raise PydanticCustomError(
            "sv_control",
            "innehåller ett osynligt styrtecken (U+{code}) på plats {at}. Skriv om texten "
            "utan det, t.ex. genom att skriva in den på nytt i stället för att klistra in den.",
            {"code": f"{ord(found.group()):04X}", "at": found.start() + 1},
        )
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_printable)]
#: Text that people often write as a bare number (version: 4, paragraf: 106).
TextOrNumber = Annotated[
    str,
    BeforeValidator(
        lambda v: str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
    ),
    Field(min_length=1),
    AfterValidator(_printable),
    WithJsonSchema({"type": ["string", "number"]}),
]
DocId = Annotated[str, Field(pattern=vocabulary.DOC_ID.pattern)]
GroupId = Annotated[str, Field(pattern=vocabulary.GROUP_ID.pattern)]
PartyKey = Annotated[str, Field(min_length=1), AfterValidator(_printable)]
RuleCode = Annotated[str, Field(pattern=vocabulary.RULE_CODE.pattern)]
PositiveInt = Annotated[StrictInt, Field(ge=1)]
#: A number of months: at most a century, which keeps date arithmetic meaningful.
Months = Annotated[StrictInt, Field(ge=1, le=1200)]
Bool = StrictBool

#: A typ as written: a built-in one or a county's own (samverkan.yaml dokumenttyper). Which
#: types a repository knows is checked when the model is chosen (loading/check.py).
TypKey = str
Typ = Annotated[
    str,
    BeforeValidator(_fold),
    Field(pattern=vocabulary.GROUP_ID.pattern),
    _enum_schema(vocabulary.TYP),
]
Status = Annotated[
    Literal["utkast", "remiss", "antagande", "beslutad", "upphavd", "ersatt"],
    BeforeValidator(_fold),
    _enum_schema(vocabulary.STATUS),
]
PartyTyp = Annotated[
    Literal[
        "region",
        "kommun",
        "kommunforbund",
        "samordningsforbund",
        "statlig",
        "privat",
        "forvaltning",
        "annan",
    ],
    BeforeValidator(_fold),
    _enum_schema(vocabulary.PARTY_TYP),
]
Niva = Annotated[
    Literal["politisk", "beredning", "lans", "lokal", "operativ", "tillfallig"],
    BeforeValidator(_fold),
    _enum_schema(vocabulary.NIVA),
]
Roll = Annotated[
    Literal[
        "ordforande", "vice_ordforande", "sekreterare", "sammankallande", "ledamot", "adjungerad"
    ],
    BeforeValidator(_fold),
    _enum_schema(vocabulary.ROLL),
]
Projektstatus = Annotated[
    Literal["planerad", "pagar", "avslutad", "avbruten"],
    BeforeValidator(_fold),
    _enum_schema(vocabulary.PROJEKTSTATUS),
]
Aktivitetsstatus = Annotated[
    Literal["planerad", "pagar", "klar", "installd"],
    BeforeValidator(_fold),
    _enum_schema(vocabulary.AKTIVITETSSTATUS),
]
#: A follow-up period: a year, a quarter or a month (SPEC §8.6).
Period = Annotated[str, Field(pattern=r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$")]
Handling = Annotated[
    Literal["dagordning", "minnesanteckningar", "protokoll"],
    BeforeValidator(_fold),
    _enum_schema(vocabulary.HANDLING),
]
Utfall = Annotated[
    Literal["antagen", "avslagen", "aterremitterad", "bordlagd"],
    BeforeValidator(_fold),
    _enum_schema(vocabulary.UTFALL),
]
Exemplar = Annotated[
    Literal["original", "kopia"], BeforeValidator(_fold), _enum_schema(vocabulary.EXEMPLAR)
]
Per = Annotated[Literal["ar", "termin"], BeforeValidator(_fold), _enum_schema(vocabulary.PER)]
Mandat = Annotated[
    Literal["ar", "mandatperiod"], BeforeValidator(_fold), _enum_schema(vocabulary.MANDAT)
]
Mote = Annotated[
    Literal["mote"],
    BeforeValidator(_fold),
    WithJsonSchema({"type": "string", "enum": ["mote", "möte"]}),
]


def _month_day(value: Any) -> str:
    text = value if isinstance(value, str) else ""
    match = re.match(r"^(\d{2})-(\d{2})$", text)
    if match is None or not _valid_month_day(int(match[1]), int(match[2])):
        raise PydanticCustomError(
            "sv_month_day",
            "'{value}' är ingen dag på året. Skriv MM-DD inom citattecken, t.ex. \"11-30\".",
            {"value": value},
        )
    return text


def _valid_month_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


MonthDay = Annotated[
    str,
    BeforeValidator(_month_day),
    WithJsonSchema({"type": "string", "pattern": r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"}),
]


def one_of(allowed: tuple[str, ...], what: str) -> Any:
    """A str that must be one of `allowed` (for mapping keys, where a Literal is awkward to use)."""

    def check(value: str) -> str:
        return _among(value, allowed, what)

    return Annotated[
        str, AfterValidator(check), WithJsonSchema({"type": "string", "enum": list(allowed)})
    ]


def _among(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise PydanticCustomError(
            "sv_one_of",
            "'{value}' är ingen {what}. Tillåtna: {allowed}.",
            {"value": value, "what": what, "allowed": ", ".join(allowed)},
        )
    return value


_DOCUMENT_TYPES = tuple(t for t in vocabulary.TYP if t != "mote")


def _typ_name(extra: tuple[str, ...], what: str) -> Any:
    """A typ samverkan.yaml may configure: a built-in one or one of its own dokumenttyper
    (passed as the validation context `county_types`, since they are read from the same file)."""

    def check(value: str, info: ValidationInfo) -> str:
        county = tuple((info.context or {}).get("county_types", ()))
        return _among(value, (*_DOCUMENT_TYPES, *county, *extra), what)

    return Annotated[
        str,
        AfterValidator(check),
        # a county's own types are keys too, so the schema names the built-in ones as examples
        WithJsonSchema(
            {
                "type": "string",
                "pattern": vocabulary.GROUP_ID.pattern,
                "examples": [*_DOCUMENT_TYPES, *extra],
            }
        ),
    ]


TypName = _typ_name((), "dokumenttyp")
IntervalName = _typ_name(("default",), "dokumenttyp (eller default)")
PartyTypName = one_of(tuple(vocabulary.PARTY_TYP), "partstyp")
