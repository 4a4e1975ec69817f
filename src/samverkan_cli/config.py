"""samverkan.yaml: the parties and the rules that vary between counties, with SPEC §2's defaults."""

from __future__ import annotations

import difflib
import fnmatch
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, ConfigDict, Field, JsonValue, StrictInt
from pydantic_core import PydanticCustomError

from samverkan_cli.catalog import UNSILENCEABLE
from samverkan_cli.model import doctypes
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
from samverkan_cli.model.vocabulary import (
    GROUP_ID,
    NEEDS_HUVUDMAN,
    PARTY_TYP,
    PREFIX,
    TYP,
    accepted,
    party_huvudman,
)

CONFIG_FILE: Final = "samverkan.yaml"
#: The typs that must name a huvudman, as a user may spell them (for the schema's if/then).
_NEEDS_HUVUDMAN_SPELLED: Final[list[JsonValue]] = list(
    accepted(MappingProxyType({t: PARTY_TYP[t] for t in NEEDS_HUVUDMAN}))
)

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
#: The agreements HSL (2017:30) 16 kap. 3 § requires region and kommuner to have (SPEC §8.5).
DEFAULT_LAGKRAV: Final = {
    "psykisk-funktionsnedsattning": {
        "namn": "Överenskommelse om personer med psykisk funktionsnedsättning",
        "typ": ["overenskommelse"],
        "lagrum": "HSL (2017:30) 16 kap. 3 §",
    },
    "missbruk": {
        "namn": "Överenskommelse om personer med missbruk och beroende, spel om pengar inräknat",
        "typ": ["overenskommelse"],
        "lagrum": "HSL (2017:30) 16 kap. 3 §",
    },
    "barn-utanfor-hemmet": {
        "namn": "Överenskommelse om barn och unga som vårdas utanför det egna hemmet",
        "typ": ["overenskommelse"],
        "lagrum": "HSL (2017:30) 16 kap. 3 §",
    },
}
FALLBACK_INTERVAL: Final = 24
#: The first year of a mandate period after the 2022 general election (periods of four years).
DEFAULT_MANDATPERIOD_START: Final = 2023
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
PartyKeyName = Annotated[str, Field(pattern=GROUP_ID.pattern)]


class Party(Model):
    # A förvaltning is no huvudman of its own (party_problems says so as SV090; the schema
    # says it to an editor).
    model_config = ConfigDict(
        json_schema_extra={
            "if": {
                "properties": {"typ": {"enum": _NEEDS_HUVUDMAN_SPELLED}},
                "required": ["typ"],
            },
            "then": {"required": ["huvudman"]},
        }
    )

    namn: Text = Field(description="Partens namn, t.ex. Sundsvalls kommun.")
    typ: PartyTyp = Field(
        description="region, kommun, kommunforbund, samordningsforbund, statlig, privat, "
        "forvaltning eller annan."
    )
    organisationsnummer: Annotated[str | None, AfterValidator(_orgnr)] = Field(
        None, description="Organisationsnummer NNNNNN-NNNN."
    )
    huvudman: PartyKeyName | None = Field(
        None,
        description="Nyckeln för den part som är huvudman för den här, t.ex. kommunen en "
        "förvaltning hör till eller regionen en privat vårdcentral i vårdvalet verkar för. "
        "Krävs för typ forvaltning.",
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


Route = Literal["faststalld", "beslut", "undertecknare"]


def _new_typ_key(key: str) -> str:
    if key in ("grupp", "mote"):
        raise PydanticCustomError(
            "sv_typ_reserved",
            "'{key}' är redan en typ med egna fält och kan inte ändras. Välj ett annat namn.",
            {"key": key},
        )
    return key


TypKeyName = Annotated[str, Field(pattern=GROUP_ID.pattern), AfterValidator(_new_typ_key)]


class Dokumenttyp(Model):
    """A county's own document typ, or a new label for a built-in one (SPEC §8.3)."""

    namn: Text = Field(description="Typens namn som det visas, t.ex. Uppdragshandling.")
    prefix: Annotated[str, Field(pattern=r"^[A-Z]{2,4}$")] | None = Field(
        None, description="Id-prefix, 2–4 versaler, t.ex. UPH (krävs för en ny typ)."
    )
    mapp: Annotated[str, Field(pattern=r"^dokument(/[a-z0-9][a-z0-9._-]*)+$")] | None = Field(
        None, description="Mappen för typens dokument, under dokument/ (standard: dokument/TYP)."
    )
    vilar_pa: list[TypName] | None = Field(
        None, description="Typer som dokumentet får vila på (overordnad); [] = inga."
    )
    beslut: list[Route] | None = Field(
        None,
        description="Hur ett beslutat dokument visar sitt beslut: faststalld, beslut, "
        "undertecknare (ett av dem räcker).",
    )
    granskning: Months | None = Field(None, description="Månader mellan granskningar.")


class Lagkrav(Model):
    """Something the law requires the parties to have agreed (SPEC §8.5)."""

    namn: Text = Field(description="Vad lagen kräver, t.ex. Överenskommelse om …")
    typ: list[TypName] | None = Field(
        None,
        min_length=1,
        description="Dokumenttyper som kan uppfylla kravet; utelämnat: alla.",
    )
    lagrum: Text | None = Field(None, description='Lagrummet, t.ex. "HSL (2017:30) 16 kap. 3 §".')


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
    mandatperiod_start: Annotated[StrictInt, Field(ge=1900, le=2200)] = Field(
        DEFAULT_MANDATPERIOD_START,
        description="Första året i en mandatperiod; perioderna är fyra år (… 2019, 2023, "
        "2027 …). Gäller grupper med mandat: mandatperiod.",
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
    dokumenttyper: dict[TypKeyName, Dokumenttyp] = Field(
        default_factory=dict,
        description="Egna dokumenttyper, och nya namn på de inbyggda (bara namn).",
    )
    lagkrav: dict[PartyKeyName, Lagkrav] = Field(
        default_factory=lambda: {k: Lagkrav.model_validate(v) for k, v in DEFAULT_LAGKRAV.items()},
        description="Det som lagen kräver att parterna har kommit överens om; standard: de tre "
        "överenskommelser som HSL (2017:30) 16 kap. 3 § kräver.",
    )

    @functools.cached_property
    def types(self) -> doctypes.DocTypes:
        """Every typ of the repository: the built-in ones and its own dokumenttyper."""
        relabelled = {k: t.namn for k, t in self.dokumenttyper.items() if k in TYP}
        county = {
            key: doctypes.DocType(
                key,
                setting.namn,
                setting.prefix,
                setting.mapp or f"dokument/{key}",
                tuple(setting.vilar_pa or ()),
                tuple(setting.beslut or doctypes.ROUTES),
                builtin=False,
                signed="undertecknare" in (setting.beslut or ()),
                interval=setting.granskning,
            )
            for key, setting in self.dokumenttyper.items()
            if key not in TYP
        }
        return doctypes.build(relabelled, county)

    def interval(self, typ: str) -> int:
        """Months between reviews for a typ."""
        own = self.types.get(typ).interval
        return (
            self.granskning.get(typ) or own or self.granskning.get("default") or FALLBACK_INTERVAL
        )

    def typ_of(self, party: str) -> str | None:
        """The party's typ (region, kommun, …), None for a key not in `parter`."""
        found = self.parter.get(party)
        return found.typ if found is not None else None

    def named(self, party: str) -> str:
        """A party as a message names it: 'Sundsvalls kommun (sundsvall)', else the key."""
        found = self.parter.get(party)
        return f"{found.namn} ({party})" if found is not None else party

    def huvudman(self, party: str) -> str | None:
        """The side a party stands on (SPEC §3: 'region', 'kommun' or its own key), through the
        parties named by `huvudman:` (a förvaltning stands on its kommun's side); None for a key
        not in `parter`."""
        key = self.principal(party)
        found = self.parter.get(key) if key is not None else None
        return party_huvudman(key, found.typ) if key is not None and found else None

    def principal(self, party: str) -> str | None:
        """The party that `party` acts for, following `huvudman:` (itself when none is named);
        None for an unknown key or a circle (both are SV090 when samverkan.yaml is read)."""
        seen: list[str] = []
        key: str | None = party
        while key is not None and key in self.parter and key not in seen:
            seen.append(key)
            named = self.parter[key].huvudman
            if named is None:
                return key
            key = named
        return None

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


def typ_problems(config: Config) -> Iterator[tuple[Where, str]]:
    """What the dokumenttyper say wrong (SV090), each where it is written: a built-in typ may
    only be given a namn; a new one needs a prefix of its own, so that ids tell types apart.

    Checked after the model is built, since it relates one typ to the others."""
    taken = {prefix: typ for typ, prefix in PREFIX.items()}
    for key, setting in config.dokumenttyper.items():
        where: Where = ("dokumenttyper", key)
        if key in TYP:
            extra = [f for f in _COUNTY_ONLY if getattr(setting, f) is not None]
            if extra:
                yield (
                    (*where, extra[0]),
                    (
                        f"'dokumenttyper → {key}': {key} är en inbyggd typ och får bara ett nytt "
                        f"namn (namn:). Ta bort {', '.join(extra)}, eller ge typen ett eget namn som "
                        "ny typ."
                    ),
                )
            continue
        if setting.prefix is None:
            yield (
                where,
                (
                    f"'dokumenttyper → {key}': typen saknar prefix. Ange 2–4 versaler som typens id "
                    f"börjar med, t.ex. prefix: {key[:3].upper()}."
                ),
            )
        elif setting.prefix in taken:
            yield (
                (*where, "prefix"),
                (
                    f"'dokumenttyper → {key} → prefix': {setting.prefix} används redan av "
                    f"{taken[setting.prefix]}. Välj ett annat prefix."
                ),
            )
        else:
            taken[setting.prefix] = key
        if key in (setting.vilar_pa or ()):
            yield (
                (*where, "vilar_pa"),
                (
                    f"'dokumenttyper → {key} → vilar_pa': en typ kan inte vila på sig själv. Ta "
                    f"bort {key} ur vilar_pa."
                ),
            )


_COUNTY_ONLY: Final = ("prefix", "mapp", "vilar_pa", "beslut", "granskning")


def county_context(raw: dict[str, Any]) -> dict[str, Any]:
    """The validation context for samverkan.yaml: its own types may be named in its other keys."""
    own = raw.get("dokumenttyper")
    names = [k for k in own if isinstance(k, str)] if isinstance(own, dict) else []
    return {"county_types": tuple(k for k in names if k not in TYP)}


#: Where in samverkan.yaml a problem stands: keys and list indexes, as pydantic's `loc`.
Where = tuple[str | int, ...]


def party_problems(config: Config) -> Iterator[tuple[Where, str]]:
    """What the parties say wrong about their huvudman (SV090): a förvaltning that names none,
    a `huvudman` that is no party, a chain of them that comes back to where it started.

    Checked after the model is built, since it relates one party to the others."""
    for key, party in config.parter.items():
        if party.huvudman is None:
            if party.typ in NEEDS_HUVUDMAN:
                yield ("parter", key), _no_principal(config, key)
        elif party.huvudman not in config.parter:
            yield ("parter", key, "huvudman"), _unknown_principal(config, key, party.huvudman)
        elif config.principal(key) is None:
            yield ("parter", key, "huvudman"), _circle(config, key)


def _no_principal(config: Config, key: str) -> str:
    example = next(
        (k for k, p in config.parter.items() if p.typ in ("kommun", "region")), "kommunens-nyckel"
    )
    return (
        f"'parter → {key}': en förvaltning ska ange sin huvudman, den kommun eller region som "
        f"förvaltningen hör till. Lägg till huvudman: med den partens nyckel, t.ex. "
        f"huvudman: {example}."
    )


def _unknown_principal(config: Config, key: str, named: str) -> str:
    close = difflib.get_close_matches(named, list(config.parter), n=1, cutoff=0.6)
    hint = f" Menade du '{close[0]}'?" if close else ""
    return (
        f"'parter → {key} → huvudman': '{named}' finns inte under parter.{hint} Ange nyckeln "
        "för den part som är huvudman, t.ex. kommunen eller regionen, eller lägg till den "
        "under parter."
    )


def _circle(config: Config, key: str) -> str:
    chain = [key]
    while (named := config.parter[chain[-1]].huvudman) is not None and named not in chain:
        chain.append(named)
    chain.append(chain[0] if named == chain[0] else str(named))
    return (
        f"'parter → {key} → huvudman' leder runt i en cirkel ({' → '.join(chain)}). Ange som "
        "huvudman en part som inte själv har någon huvudman, t.ex. kommunen eller regionen."
    )


def title_matches(title: str, allowed: list[str]) -> bool:
    """Case-insensitive, ignoring a leading 'T.f.'/'Tf' (acting); "*" allows any title (for
    "förvaltningschef eller motsvarande", which no list of titles can say)."""
    wanted = _ACTING.sub("", title).strip().casefold()
    return any(a.strip() == "*" or _ACTING.sub("", a).strip().casefold() == wanted for a in allowed)


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
