"""The front matter of every document typ (SPEC §3) as pydantic models.

Only what is required whatever the status is required here; what a `beslutad` document must also
carry is data in `requirements.py`, so that rule and JSON Schema read the same table.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, StrictFloat, StrictInt

from samverkan_cli.model.doctypes import DocType
from samverkan_cli.model.fields import (
    Aktivitetsstatus,
    Bool,
    DocId,
    Exemplar,
    GroupId,
    Handling,
    IsoDate,
    Mandat,
    Model,
    MonthDay,
    Months,
    Mote,
    Niva,
    PartyKey,
    PartyTyp,
    Per,
    Period,
    PositiveInt,
    Projektstatus,
    Roll,
    RuleCode,
    Status,
    Text,
    TextOrNumber,
    Typ,
    Utfall,
)


class Beslut(Model):
    """A decision by a body, e.g. 'SN 2015-03-18 § 106'."""

    instans: Text = Field(description="Beslutande instans, t.ex. SN, KS eller regionstyrelsen.")
    datum: IsoDate = Field(description="Beslutsdatum.")
    paragraf: TextOrNumber | None = Field(None, description="Paragraf, t.ex. § 106.")
    part: PartyKey | None = Field(None, description="Den part vars instans beslutade.")


class Faststalld(Model):
    av: GroupId = Field(description="Id för gruppen som fastställde dokumentet, t.ex. bg.")
    datum: IsoDate = Field(description="Datum för fastställandet.")
    paragraf: TextOrNumber | None = Field(None, description="Paragraf i protokollet.")


class Undertecknare(Model):
    part: PartyKey = Field(description="Parten som skrev under (nyckel i samverkan.yaml).")
    namn: Text = Field(description="Undertecknarens namn.")
    befattning: Text = Field(description="Befattning, t.ex. Regiondirektör.")
    datum: IsoDate | None = Field(None, description="Datum för underskriften.")
    for_: list[PartyKey] | None = Field(
        None,
        alias="for",
        description="Parter som underskriften gäller för, t.ex. kommunerna efter deras beslut.",
    )


class Stallningstagande(Model):
    part: PartyKey = Field(description="Parten som tog ställning.")
    instans: Text = Field(description="Instansen som beslutade, t.ex. KS eller SN.")
    datum: IsoDate = Field(description="Beslutsdatum.")
    paragraf: TextOrNumber | None = Field(None, description="Paragraf i protokollet.")
    utfall: Utfall = Field(
        "antagen", description="antagen, avslagen, aterremitterad eller bordlagd."
    )


class Rekommendation(Model):
    instans: Text = Field(description="Den som rekommenderade, t.ex. KSL:s styrelse.")
    datum: IsoDate = Field(description="Dagen för rekommendationen.")
    paragraf: TextOrNumber | None = Field(None, description="Paragraf i protokollet.")
    diarienummer: TextOrNumber | None = Field(None, description="Diarienummer.")


class Antagande(Model):
    """An agreement recommended and out for each party's own decision (SPEC §8.1)."""

    rekommendation: Rekommendation | None = Field(None, description="Rekommendationen.")
    svara_senast: IsoDate = Field(description="Sista dag för parternas beslut.")
    parter: list[PartyKey] | None = Field(
        None, description="Parterna som ska besluta; utelämnat: dokumentets kommuner."
    )
    underskriftsordning: list[PartyTyp] | None = Field(
        None, description="Partstyper i den ordning de skriver under, t.ex. [kommun, region]."
    )


class Forvaring(Model):
    part: PartyKey = Field(description="Parten som förvarar exemplaret.")
    handling: Exemplar = Field(description="original eller kopia.")


class Forlangning(Model):
    manader: Months = Field(description="Förlängningens längd i månader.")
    villkor: Text | None = Field(None, description="Villkor för förlängningen.")


class Indikator(Model):
    """A follow-up figure (SPEC §8.6), e.g. the number of SIPs, by year, quarter or month."""

    namn: Text = Field(description="Vad som mäts, t.ex. Antal SIP.")
    enhet: Text | None = Field(None, description="Enhet, t.ex. st eller procent.")
    varden: dict[Period, StrictInt | StrictFloat] = Field(
        description='Värden per period (ÅÅÅÅ, ÅÅÅÅ-Qn eller ÅÅÅÅ-MM), t.ex. {"2025": 42}.'
    )


class Aktivitet(Model):
    """One activity of an action plan (handlingsplan) and where it stands."""

    aktivitet: Text = Field(description="Vad som ska göras.")
    ansvar: Text = Field(description="Vem som ansvarar, t.ex. Beredningsgruppen.")
    klart: IsoDate = Field(description="Klart senast.")
    status: Aktivitetsstatus = Field(description="planerad, pagar, klar eller installd.")
    kommentar: Text | None = Field(None, description="Kommentar, t.ex. varför den ställdes in.")


class Installningar(Model):
    ignorera: list[RuleCode] = Field(
        default_factory=list, description="Regelkoder som inte ska rapporteras för den här filen."
    )


class Common(Model):
    """Fields every typ except `mote` may carry."""

    id: DocId = Field(description="Unikt id, t.ex. OVK-0003. Filnamnet börjar med id.")
    typ: Typ = Field(description="Dokumenttyp.")
    titel: Annotated[Text, Field(max_length=200)] = Field(description="Dokumentets titel.")
    status: Status = Field(description="utkast, remiss, antagande, beslutad, upphavd eller ersatt.")
    version: TextOrNumber | None = Field(None, description="Version, t.ex. 4.")
    parter: list[PartyKey] | None = Field(None, description="Parterna (nycklar i samverkan.yaml).")
    galler_for: list[Text] | None = Field(None, description="Vilka dokumentet gäller för.")
    malgrupp: Text | None = Field(None, description="Målgrupp.")
    dokumentansvarig: Text | None = Field(
        None, description="Ansvarig roll, t.ex. Förvaltningschef."
    )
    diarienummer: TextOrNumber | None = Field(None, description="Diarienummer, t.ex. KS 2015/2121.")
    beslut: list[Beslut] | None = Field(None, description="Beslut om dokumentet.")
    faststalld: Faststalld | None = Field(None, description="Fastställt av en grupp.")
    undertecknare: list[Undertecknare] | None = Field(None, description="Underskrifter.")
    stallningstaganden: list[Stallningstagande] | None = Field(
        None, description="Varje parts eget ställningstagande (beslut om dokumentet)."
    )
    exemplar: PositiveInt | None = Field(None, description="Antal likalydande exemplar.")
    giltig_fran: IsoDate | None = Field(None, description="Gäller från och med.")
    giltig_till: IsoDate | None = Field(
        None, description="Gäller till och med; utelämna = tills vidare."
    )
    forlangning: Forlangning | None = Field(None, description="Möjlig förlängning.")
    senast_reviderad: IsoDate | None = Field(None, description="Senast reviderad.")
    senast_granskad: IsoDate | None = Field(None, description="Senast granskad.")
    granskningsintervall: Months | None = Field(None, description="Månader mellan granskningar.")
    nasta_granskning: IsoDate | None = Field(None, description="Nästa granskning.")
    overordnad: DocId | None = Field(None, description="Dokumentet som det här vilar på.")
    relaterade: list[DocId] | None = Field(None, description="Relaterade dokument.")
    ersatter: list[DocId] | None = Field(None, description="Dokument som det här ersätter.")
    ersatt_av: DocId | None = Field(None, description="Dokumentet som ersatte det här.")
    upphavd_datum: IsoDate | None = Field(None, description="Dagen då dokumentet slutade gälla.")
    lagrum: list[Text] | None = Field(
        None, description='Lagrum, t.ex. "HSL (2017:30) 16 kap. 4 §".'
    )
    lagkrav: list[Text] | None = Field(
        None,
        description="Lagkrav som dokumentet uppfyller (nycklar under lagkrav i samverkan.yaml), "
        "t.ex. [psykisk-funktionsnedsattning].",
    )
    publicera: Bool = Field(
        True, description="false: visas aldrig på webbplatsen eller i exporter."
    )
    taggar: list[Text] | None = Field(None, description="Fria etiketter.")
    indikatorer: list[Indikator] | None = Field(
        None, description="Uppföljningens nyckeltal, t.ex. antal SIP per år."
    )
    samverkan: Installningar | None = Field(None, description="Verktygets inställningar för filen.")


class Styrdokument(Common):
    """avtal, huvudöverenskommelse, överenskommelse, rutin, behandlingslinje, riktlinje, sip-mall.

    (The file a document is read from is loading.document.Document.)"""


class Avtalsdokument(Styrdokument):
    """avtal, huvudöverenskommelse, överenskommelse: signed by the parties, adopted by each."""

    antagande: Antagande | None = Field(
        None, description="Rekommendation, svarstid och underskriftsordning under antagandet."
    )
    forvaring: list[Forvaring] | None = Field(
        None, description="Vilken part som förvarar vilket undertecknat exemplar."
    )


class Projekt(Common):
    styrgrupp: GroupId | None = Field(None, description="Gruppen som styr projektet.")
    start: IsoDate | None = Field(None, description="Projektets start.")
    slut: IsoDate | None = Field(None, description="Projektets planerade slut.")
    projektstatus: Projektstatus | None = Field(
        None, description="planerad, pagar, avslutad, avbruten."
    )
    uppfoljning: list[IsoDate] | None = Field(None, description="Datum för uppföljning.")


class Handlingsplan(Common):
    ar: Annotated[int, Field(strict=True, ge=1900, le=2200)] | None = Field(
        None, description="Året planen gäller."
    )
    grupp: GroupId | None = Field(None, description="Gruppen som äger planen.")
    aktiviteter: list[Aktivitet] | None = Field(
        None, description="Planens aktiviteter: vad, vem, klart senast och läge."
    )


class MotenMinst(Model):
    per: Per = Field(description="ar eller termin.")
    antal: Annotated[int, Field(strict=True, ge=0)] = Field(description="Minsta antal möten.")


class Ledamot(Model):
    namn: Text
    part: PartyKey
    befattning: Text | None = None
    roll: Roll


class Person(Model):
    namn: Text = Field(description="Personens namn.")
    part: PartyKey = Field(description="Parten som personen företräder (nyckel i samverkan.yaml).")


class Ordforandeskap(Model):
    """Who leads a group for a mandate: a chair, or (groups led by a convener) a sammankallande.

    Exactly one of the two is written; a rule says so when neither or both are (SV003, SV004),
    and the schema's oneOf says the same to an editor."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": [role], "properties": {role: {"type": "object"}}}
                for role in ("ordforande", "sammankallande")
            ]
        }
    )

    ar: Annotated[int, Field(strict=True, ge=1900, le=2200)] = Field(
        description="Mandatåret; med mandat: mandatperiod mandatperiodens första år."
    )
    ordforande: Person | None = Field(None, description="Ordföranden.")
    sammankallande: Person | None = Field(
        None, description="Sammankallande, i stället för ordförande i grupper som leds så."
    )
    vice: Person | None = Field(None, description="Vice ordförande.")
    sekreterare: Person | None = Field(None, description="Sekreteraren.")
    utsedd: IsoDate = Field(description="Dagen då ordförandeskapet utsågs.")

    @property
    def leader(self) -> tuple[str, Person] | None:
        """('ordforande' or 'sammankallande', the person) who leads; None when neither is named."""
        if self.ordforande is not None:
            return "ordforande", self.ordforande
        if self.sammankallande is not None:
            return "sammankallande", self.sammankallande
        return None


class Grupp(Common):
    id: GroupId = Field(description="Gruppens id, t.ex. bg eller lsg-barn.")
    niva: Niva | None = Field(None, description="Gruppens nivå.")
    rapporterar_till: GroupId | None = Field(
        None, description="Gruppen som den här rapporterar till."
    )
    bildad: IsoDate | None = Field(None, description="Dagen gruppen bildades.")
    moten_minst: MotenMinst | None = Field(
        None, description="Minsta antal möten per år eller termin."
    )
    ledamoter: list[Ledamot] | None = Field(None, description="Ledamöter.")
    mandat: Mandat = Field(
        "ar",
        description="ar: ordförandeskapet ett år i taget; mandatperiod: fyra år i taget, från "
        "mandatperiod_start i samverkan.yaml (politiska forum).",
    )
    ordforandeskap: list[Ordforandeskap] | None = Field(
        None, description="Ordförandeskap per mandatår eller mandatperiod."
    )
    ordforande_utses_senast: MonthDay | None = Field(
        None, description='Senaste dag att utse ordförande, MM-DD, t.ex. "11-30".'
    )
    alternerar: Bool = Field(True, description="Ordförandeskapet växlar mellan huvudmännen.")
    samma_huvudman_som: GroupId | None = Field(
        None,
        description="Id för en grupp: ordförande eller sammankallande kommer från den huvudman "
        "som leder den gruppen samma år.",
    )
    dagordning_dagar_fore: Annotated[int, Field(strict=True, ge=0, le=365)] | None = Field(
        None, description="Dagordningen skickas ut minst så många dagar före mötet."
    )


class MoteRecord(Model):
    """A meeting record: its id is its file name."""

    typ: Mote = Field(description="mote")
    grupp: GroupId = Field(description="Gruppen som möttes.")
    datum: IsoDate = Field(description="Mötesdatum.")
    handling: Handling = Field(description="dagordning, minnesanteckningar eller protokoll.")
    utskickad: IsoDate | None = Field(None, description="Dagen dagordningen skickades ut.")
    titel: Text | None = Field(None, description="Rubrik.")
    status: Status | None = Field(None, description="Status (frivillig för möten).")
    narvarande: list[Text] | None = Field(None, description="Närvarande.")
    publicera: Bool = Field(True, description="false: visas aldrig på webbplatsen.")
    taggar: list[Text] | None = Field(None, description="Fria etiketter.")
    samverkan: Installningar | None = Field(None, description="Verktygets inställningar för filen.")


AnyModel = Avtalsdokument | Styrdokument | Projekt | Handlingsplan | Grupp | MoteRecord

MODELS: dict[str, type[AnyModel]] = {
    "avtal": Avtalsdokument,
    "huvudoverenskommelse": Avtalsdokument,
    "overenskommelse": Avtalsdokument,
    "rutin": Styrdokument,
    "behandlingslinje": Styrdokument,
    "riktlinje": Styrdokument,
    "sip-mall": Styrdokument,
    "projekt": Projekt,
    "handlingsplan": Handlingsplan,
    "grupp": Grupp,
    "mote": MoteRecord,
}


def model_class_for(typ: DocType) -> type[AnyModel]:
    """The model of a typ: a county's own behaves like a riktlinje, or like an agreement when
    it is signed (SPEC §8.3)."""
    builtin = MODELS.get(typ.key)
    if builtin is not None:
        return builtin
    return Avtalsdokument if typ.signed else Styrdokument
