"""samverkan.yaml: the parties and the rules that vary between counties, with SPEC §2's defaults."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, Field, StrictInt
from pydantic_core import PydanticCustomError

from samverkan_cli.catalog import UNSILENCEABLE
from samverkan_cli.model.fields import (
    IntervalName,
    IsoDate,
    Model,
    Months,
    PartyTyp,
    PartyTypName,
    RuleCode,
    Text,
    TypName,
)
from samverkan_cli.model.vocabulary import GROUP_ID, party_huvudman

CONFIG_FILE: Final = "samverkan.yaml"

DEFAULT_GRANSKNING: Final = {
    "avtal": 12,
    "huvudoverenskommelse": 24,
    "overenskommelse": 24,
    "rutin": 12,
    "behandlingslinje": 12,
    "riktlinje": 24,
    "sip-mall": 12,
    "default": 24,
}
DEFAULT_UNDERTECKNARE: Final[dict[str, dict[str, list[str]]]] = {
    "huvudoverenskommelse": {
        "region": ["Regiondirektör"],
        "kommunforbund": ["Förbundsdirektör", "Kommunförbundets chefstjänsteperson"],
    },
    "overenskommelse": {
        "region": ["Regiondirektör"],
        "kommun": ["Förvaltningschef", "Socialchef", "Socialdirektör", "Vård- och omsorgschef"],
    },
    "avtal": {},
}
DEFAULT_FASTSTALLARE: Final = {
    "rutin": ["bg"],
    "behandlingslinje": ["bg"],
    "projekt": ["bg", "lsg-*"],
}
DEFAULT_SIP_AVSNITT: Final[list[str | list[str]]] = [
    "behov",
    "mål",
    "insatser",
    "ansvar",
    "tidsplan",
    "samordningsansvarig",
    ["läkemedel", "hjälpmedel"],
    "samtycke",
    "uppföljning",
]
FALLBACK_INTERVAL: Final = 24
_ACTING = re.compile(r"^\s*t\.?\s?f\.?\s+", re.IGNORECASE)


def _orgnr(value: str | None) -> str | None:
    if value is None:
        return None
    from stdnum.se import orgnr

    if not orgnr.is_valid(value):
        raise ValueError(
            f"'{value}' är inget giltigt organisationsnummer (NNNNNN-NNNN med kontrollsiffra)."
        )
    return value


def _silenceable(code: str) -> str:
    """A code `ignorera` may name: the repository-wide list as a document's own (SV004 there)."""
    if code in UNSILENCEABLE:
        raise PydanticCustomError(
            "sv_unsilenceable",
            "{code} kan inte tystas: felet måste rättas. Ta bort {code} ur ignorera.",
            {"code": code},
        )
    return code


SilenceableCode = Annotated[RuleCode, AfterValidator(_silenceable)]


class Party(Model):
    namn: Text = Field(description="Partens namn, t.ex. Sundsvalls kommun.")
    typ: PartyTyp = Field(description="region, kommun, kommunforbund, samordningsforbund, …")
    organisationsnummer: Annotated[str | None, AfterValidator(_orgnr)] = Field(
        None, description="Organisationsnummer NNNNNN-NNNN."
    )


class Tillganglighet(Model):
    """The accessibility statement (lag 2018:1937) that every page of the site links to."""

    efterlevnad: Literal["full", "delvis", "ingen"] = Field(
        "delvis", description="Hur väl webbplatsen följer kraven: full, delvis eller ingen."
    )
    brister: list[Text] = Field(default_factory=list, description="Kända brister och varför.")
    bedomning: Text | None = Field(None, description="Hur webbplatsen har granskats.")
    bedomd: IsoDate | None = Field(None, description="När den granskades senast.")
    kontakt: Text | None = Field(
        None, description="Hur man rapporterar brister, t.ex. en e-postadress."
    )


class Webbplats(Model):
    logo: Text | None = Field(None, description="Sökväg i arkivet till en logotyp (PNG eller SVG).")
    farg: Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")] | None = Field(
        None, description="Profilfärg som #RRGGBB; texten på den väljs så att kontrasten räcker."
    )
    tillganglighet: Tillganglighet = Field(default_factory=Tillganglighet)


PartyKeyName = Annotated[str, Field(pattern=GROUP_ID.pattern)]


class Config(Model):
    """A repository's settings; keys left out keep SPEC §2's defaults."""

    namn: Text = Field(description="Samverkans namn; visas som webbplatsens titel.")
    parter: dict[PartyKeyName, Party] = Field(description="Alla parter som dokumenten får nämna.")
    granskning: dict[IntervalName, Months] = Field(
        default_factory=lambda: dict(DEFAULT_GRANSKNING),
        description="Granskningsintervall i månader per typ.",
    )
    varna_dagar: Annotated[StrictInt, Field(ge=0, le=3650)] = Field(
        90, description="Antal dagar före granskning eller slutdatum då verktyget påminner."
    )
    undertecknare: dict[TypName, dict[PartyTypName, list[Text]]] = Field(
        default_factory=lambda: dict(DEFAULT_UNDERTECKNARE),
        description="Tillåtna befattningar för undertecknare per typ och partstyp.",
    )
    faststallare: dict[TypName, list[Text]] = Field(
        default_factory=lambda: dict(DEFAULT_FASTSTALLARE),
        description="Grupper som får fastställa en typ; * matchar, t.ex. lsg-*.",
    )
    sip_avsnitt: list[Text | list[Text]] = Field(
        default_factory=lambda: list(DEFAULT_SIP_AVSNITT),
        description="Ord som rubrikerna i en SIP-mall ska innehålla, vart och ett i en egen rubrik "
        "och som eget ord (även med ändelse: insatserna, ansvaret); en lista = något av orden.",
    )
    ignorera: list[SilenceableCode] = Field(
        default_factory=list, description="Regelkoder som inte rapporteras i hela arkivet."
    )
    webbplats: Webbplats = Field(
        default_factory=Webbplats, description="Den publicerade förteckningen."
    )

    def interval(self, typ: str) -> int:
        """Months between reviews for a typ."""
        return self.granskning.get(typ) or self.granskning.get("default") or FALLBACK_INTERVAL

    def typ_of(self, party: str) -> str | None:
        """The party's typ (region, kommun, …), None for a key not in `parter`."""
        found = self.parter.get(party)
        return found.typ if found is not None else None

    def named(self, party: str) -> str:
        """A party as a message names it: 'Sundsvalls kommun (sundsvall)', else the key."""
        found = self.parter.get(party)
        return f"{found.namn} ({party})" if found is not None else party

    def huvudman(self, party: str) -> str | None:
        found = self.parter.get(party)
        return party_huvudman(party, found.typ) if found else None

    def party_keys(self, given: str) -> list[str]:
        """The keys of the parties `given` names, as a user may write it: a key in any case, or
        a party's namn in any case (`sundsvall`, `SUNDSVALL`, `Sundsvalls kommun`)."""
        wanted = given.strip().casefold()
        keys = [key for key in self.parter if key.casefold() == wanted]
        return keys or [k for k, p in self.parter.items() if p.namn.strip().casefold() == wanted]

    def party_choices(self) -> str:
        """The parties as a user may name them, for a message: `key (namn), …`."""
        return ", ".join(f"{key} ({party.namn})" for key, party in self.parter.items()) or "(inga)"

    def allowed_titles(self, typ: str, party: str) -> list[str] | None:
        """Titles that may sign `typ` for `party`; None when any title will do."""
        found = self.parter.get(party)
        titles = self.undertecknare.get(typ, {}).get(found.typ) if found else None
        return titles or None

    def may_adopt(self, typ: str, group: str) -> bool:
        patterns = self.faststallare.get(typ)
        return patterns is None or any(fnmatch.fnmatchcase(group, p) for p in patterns)


def title_matches(title: str, allowed: list[str]) -> bool:
    """Case-insensitive, ignoring a leading 'T.f.'/'Tf' (acting)."""
    wanted = _ACTING.sub("", title).strip().casefold()
    return any(_ACTING.sub("", a).strip().casefold() == wanted for a in allowed)


def merge_defaults(raw: dict[str, Any]) -> dict[str, Any]:
    """undertecknare and faststallare replace the defaults per typ; other keys replace wholesale."""
    merged = dict(raw)
    for key, default in (
        ("undertecknare", DEFAULT_UNDERTECKNARE),
        ("faststallare", DEFAULT_FASTSTALLARE),
    ):
        if isinstance(raw.get(key), dict):
            merged[key] = {**default, **raw[key]}
    return merged


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds samverkan.yaml (like git finds .git).

    Whatever it is: a link out of the repository or a FIFO there is refused when it is read
    (SV090, saying why), rather than passed over for a samverkan.yaml further up."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_symlink() or (folder / CONFIG_FILE).exists():
            return folder
    return None
