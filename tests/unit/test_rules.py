"""One failing and one passing case for every rule code (SPEC §4), asserting code, line and gist.

Each case changes the clean baseline repository (helpers.BASE). A bad case names the file and a
text on the line the finding must point at; an ok case is the nearest valid variant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from helpers import BG, HOK, OVK, RUT, TODAY, base, front_matter, validate, write_repo

Docs = dict[str, Any]
AVT = "dokument/avtal/AVT-0001-hemsjukvard.md"
SIP = "dokument/sip/SIP-0001-mall.md"

AVTAL = {
    "id": "AVT-0001",
    "typ": "avtal",
    "titel": "Avtal om hemsjukvård",
    "status": "beslutad",
    "parter": ["region-norr", "samf"],
    "dokumentansvarig": "Avtalsansvarig",
    "undertecknare": [
        {"part": "region-norr", "namn": "A", "befattning": "Regiondirektör", "datum": "2026-01-05"},
        {"part": "samf", "namn": "S", "befattning": "Förbundschef", "datum": "2026-01-06"},
    ],
    "giltig_fran": "2026-01-15",
}
SIP_HEADINGS = [
    "Personens behov",
    "Mål",
    "Insatser",
    "Ansvar",
    "Tidsplan",
    "Samordningsansvarig",
    "Hjälpmedel",
    "Samtycke",
    "Uppföljning",
]


def sip_mall(headings: list[str]) -> str:
    fields = {
        "id": "SIP-0001",
        "typ": "sip-mall",
        "titel": "SIP-mall",
        "status": "utkast",
    }
    return front_matter(fields, "".join(f"## {h}\n" for h in headings))


@dataclass
class Case:
    code: str
    change: Callable[[Docs], None]
    path: str = ""
    needle: str = ""
    gist: str = ""
    today: date = TODAY
    ok: bool = False
    extra: dict[str, str | bytes] = field(default_factory=dict)


def set_(path: str, **fields: Any) -> Callable[[Docs], None]:
    def change(docs: Docs) -> None:
        docs[path].update(fields)

    return change


def drop(path: str, *names: str) -> Callable[[Docs], None]:
    def change(docs: Docs) -> None:
        for name in names:
            docs[path].pop(name)

    return change


def add(path: str, content: Any) -> Callable[[Docs], None]:
    def change(docs: Docs) -> None:
        docs[path] = content

    return change


def chain(*changes: Callable[[Docs], None]) -> Callable[[Docs], None]:
    def change(docs: Docs) -> None:
        for one in changes:
            one(docs)

    return change


def body(path: str, text: str) -> Callable[[Docs], None]:
    def change(docs: Docs) -> None:
        docs[path] = front_matter(docs[path], text)

    return change


def group(group_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": group_id,
        "typ": "grupp",
        "titel": group_id,
        "status": "beslutad",
        "dokumentansvarig": "Sekreterare",
        "beslut": [{"instans": "BG", "datum": "2025-01-01"}],
        "giltig_fran": "2025-01-01",
        **fields,
    }


def meetings(group_id: str, *days: str) -> Callable[[Docs], None]:
    def change(docs: Docs) -> None:
        for day in days:
            docs[f"moten/{day[:4]}/{day}-{group_id}.md"] = {
                "typ": "mote",
                "grupp": group_id,
                "datum": day,
                "handling": "protokoll",
            }

    return change


TRE = "grupper/treparter.md"
AGENDA = "moten/2026/2026-03-02-bg-dagordning.md"


def convener(year: int, party: str, utsedd: str = "2025-11-20") -> dict[str, Any]:
    return {"ar": year, "sammankallande": {"namn": "Sam", "part": party}, "utsedd": utsedd}


def agenda(sent: str, day: str = "2026-03-02") -> dict[str, Any]:
    return {"typ": "mote", "grupp": "bg", "datum": day, "handling": "dagordning", "utskickad": sent}


def term(year: int, chair: str, vice: str, utsedd: str = "2026-06-01") -> dict[str, Any]:
    return {
        "ar": year,
        "ordforande": {"namn": "Ordf", "part": chair},
        "vice": {"namn": "Vice", "part": vice},
        "utsedd": utsedd,
    }


def samordningsnummer() -> str:
    from stdnum import luhn

    stem = "701272123"  # 1970-12-12 with 60 added to the day
    return f"{stem[:6]}-{stem[6:]}{luhn.calc_check_digit(stem)}"


def drop_doc(path: str) -> Callable[[Docs], None]:
    def change(docs: Docs) -> None:
        docs.pop(path)

    return change


def rename(old: str, new: str) -> Callable[[Docs], None]:
    def change(docs: Docs) -> None:
        docs[new] = docs.pop(old)

    return change


BAD = [
    Case("SV001", add(RUT, "# Rutin utan front matter\n"), RUT, "# Rutin", "saknar front matter"),
    Case(
        "SV001",
        add(RUT, "---\nid: RUT-0001\ntitel: [öppen\n---\n"),
        RUT,
        "titel",
        "YAML kan inte läsas",
    ),
    Case(
        "SV001",
        add(RUT, "---\nid: RUT-0001\ntitel: A\ntitel: B\n---\n"),
        RUT,
        "titel: B",
        "två gånger",
    ),
    Case("SV001", add(RUT, "---\n- en lista\n---\n"), RUT, "---", "fält med namn och värde"),
    Case(
        "SV002", set_(RUT, giltig_tll="2027-01-01"), RUT, "giltig_tll", "Menade du 'giltig_till'?"
    ),
    Case(
        "SV002",
        set_(RUT, faststalld={"av": "bg", "datum": "2026-03-01", "paragrf": "§ 4"}),
        RUT,
        "paragrf",
        "Menade du 'paragraf'?",
    ),
    Case("SV003", drop(RUT, "dokumentansvarig"), RUT, "status:", "'dokumentansvarig' saknas"),
    Case("SV003", drop(RUT, "titel"), RUT, "---", "'titel' saknas"),
    Case("SV003", set_(OVK, status="upphavd"), OVK, "status:", "'upphavd_datum' saknas"),
    Case("SV003", drop(RUT, "faststalld"), RUT, "status:", "'faststalld' saknas"),
    Case("SV003", drop(OVK, "malgrupp"), OVK, "typ:", "'malgrupp' saknas"),
    Case("SV003", set_(HOK, parter=None), HOK, "typ:", "'parter' saknas"),
    Case("SV003", drop(HOK, "stallningstaganden"), HOK, "status:", "'stallningstaganden' saknas"),
    Case(
        "SV004",
        set_(RUT, giltig_fran="2015-02-30"),
        RUT,
        "giltig_fran",
        "februari 2015 har 28 dagar",
    ),
    Case("SV004", set_(RUT, status="beslutat"), RUT, "status", "Menade du 'beslutad'?"),
    Case("SV004", set_(RUT, id="rut-1"), RUT, "id:", "börjar det med RUT, t.ex. RUT-0001"),
    Case("SV004", set_(OVK, parter=["region-norr"]), OVK, "region-norr", "minst två parter"),
    Case("SV004", set_(OVK, exemplar="två"), OVK, "exemplar", "heltal"),
    Case(
        "SV005",
        add("dokument/rutiner/RUT-0001-kopia.md", base()[RUT]),
        RUT,
        "id:",
        "RUT-0001-kopia.md",
    ),
    Case(
        "SV006",
        rename(RUT, "dokument/rutiner/sip-rutin.md"),
        "dokument/rutiner/sip-rutin.md",
        "id:",
        "RUT-0001-",
    ),
    Case(
        "SV007",
        add(RUT, b"---\nid: RUT-0001\ntitel: R\xe4ksm\xf6rg\xe5s\n---\n"),
        RUT,
        "titel",
        "inte giltig UTF-8",
    ),
    Case("SV007", add(RUT, "---\n".encode("utf-16")), RUT, "", "UTF-16"),
    Case("SV010", set_(RUT, relaterade=["RUT-0099"]), RUT, "RUT-0099", "RUT-0099"),
    Case("SV010", set_(OVK, overordnad="HOK-0009"), OVK, "overordnad", "HOK-0009"),
    Case(
        "SV011",
        set_(OVK, parter=["region-norr", "kommun-x"]),
        OVK,
        "kommun-x",
        "Menade du 'kommun-",
    ),
    Case(
        "SV012",
        set_(RUT, faststalld={"av": "lsg-x", "datum": "2026-03-01"}),
        RUT,
        "av: lsg-x",
        "'lsg-x' finns inte",
    ),
    Case(
        "SV013",
        chain(
            add("dokument/rutiner/RUT-0002-b.md", {**base()[RUT], "id": "RUT-0002"}),
            set_(RUT, overordnad="RUT-0002"),
        ),
        RUT,
        "overordnad",
        "kan inte vila på RUT-0002",
    ),
    Case(
        "SV014",
        chain(add(AVT, {**AVTAL, "overordnad": "HOK-0001"}), set_(HOK, overordnad="AVT-0001")),
        HOK,
        "overordnad",
        "HOK-0001 → AVT-0001 → HOK-0001",
    ),
    Case(
        "SV015",
        set_(OVK, status="ersatt", upphavd_datum="2026-05-01"),
        OVK,
        "status",
        "ersatt_av saknas",
    ),
    Case(
        "SV015",
        chain(
            add(
                "dokument/overenskommelser/OVK-0002-ny.md",
                {**base()[OVK], "id": "OVK-0002", "ersatter": ["OVK-0001"]},
            ),
        ),
        "dokument/overenskommelser/OVK-0002-ny.md",
        "OVK-0001",
        "saknar ersatt_av",
    ),
    Case(
        "SV016",
        set_(OVK, status="upphavd", upphavd_datum="2026-05-01"),
        RUT,
        "overordnad",
        "OVK-0001, som inte gäller",
    ),
    Case("SV020", set_(OVK, giltig_till="2025-01-01"), OVK, "giltig_till", "före giltig_fran"),
    Case("SV021", set_(OVK, giltig_till="2026-06-01"), OVK, "giltig_till", "gick ut 2026-06-01"),
    Case(
        "SV022",
        set_(RUT, senast_granskad="2025-01-01", giltig_fran="2024-01-01"),
        RUT,
        "senast_granskad",
        "senast 2026-01-01",
    ),
    Case("SV022", set_(HOK, giltig_fran="2024-01-01"), HOK, "giltig_fran", "senast 2026-01-01"),
    Case(
        "SV023",
        set_(RUT, nasta_granskning="2026-08-01"),
        RUT,
        "nasta_granskning",
        "senast 2026-08-01",
    ),
    Case(
        "SV023", set_(OVK, giltig_till="2026-07-01"), OVK, "giltig_till", "slutar gälla 2026-07-01"
    ),
    Case(
        "SV024",
        set_(RUT, faststalld={"av": "bg", "datum": "2026-07-01"}),
        RUT,
        "2026-07-01",
        "2026-07-01",
    ),
    Case(
        "SV030",
        set_(OVK, undertecknare=[base()[OVK]["undertecknare"][0]]),
        OVK,
        "undertecknare",
        "A kommun (kommun-a) har inte skrivit under",
    ),
    Case(
        "SV030",
        set_(HOK, undertecknare=[base()[HOK]["undertecknare"][0]]),
        HOK,
        "undertecknare",
        "(forbund) har inte skrivit under",
    ),
    Case(
        "SV031",
        set_(
            OVK,
            undertecknare=[
                base()[OVK]["undertecknare"][0],
                {"part": "kommun-a", "namn": "C", "befattning": "Enhetschef"},
            ],
        ),
        OVK,
        "Enhetschef",
        "'Enhetschef' får inte skriva under",
    ),
    Case(
        "SV032",
        set_(HOK, stallningstaganden=[base()[HOK]["stallningstaganden"][0]]),
        HOK,
        "stallningstaganden",
        "B kommun (kommun-b) saknar ställningstagande",
    ),
    Case(
        "SV033",
        chain(
            add("grupper/social-reko.md", group("social-reko")),
            set_(RUT, faststalld={"av": "social-reko", "datum": "2026-03-01"}),
        ),
        RUT,
        "av: social-reko",
        "'social-reko' får inte fastställa",
    ),
    Case("SV034", set_(OVK, exemplar=3), OVK, "exemplar", "exemplar är 3"),
    Case(
        "SV011",
        set_(
            OVK, status="antagande", antagande={"svara_senast": "2026-07-01", "parter": ["okand"]}
        ),
        OVK,
        "okand",
        "Parten 'okand' finns inte i samverkan.yaml.",
    ),
    Case(
        "SV004",
        set_(
            OVK,
            status="antagande",
            antagande={"svara_senast": "2026-07-01", "parter": ["kommun-b"]},
        ),
        OVK,
        "kommun-b",
        "'kommun-b' är inte part i dokumentet.",
    ),
    Case(
        "SV004",
        set_(RUT, status="antagande"),
        RUT,
        "status",
        "Status antagande gäller avtal och överenskommelser, inte en rutin.",
    ),
    Case(
        "SV002",
        set_(RUT, antagande={"svara_senast": "2026-07-01"}),
        RUT,
        "antagande",
        "Fältet 'antagande' finns inte.",
    ),
    Case(
        "SV032",
        set_(
            HOK,
            stallningstaganden=[
                base()[HOK]["stallningstaganden"][0],
                {"part": "kommun-b", "instans": "KS", "datum": "2025-12-02", "utfall": "bordlagd"},
            ],
        ),
        HOK,
        "stallningstaganden",
        "B kommun (kommun-b) saknar ställningstagande",
    ),
    Case(
        "SV036",
        set_(
            HOK,
            stallningstaganden=[
                base()[HOK]["stallningstaganden"][0],
                {"part": "kommun-b", "instans": "KS", "datum": "2026-02-01"},
            ],
        ),
        HOK,
        "2026-01-12",
        "Kommunförbundet Norr (forbund) skrev under 2026-01-12 för kommunerna, men B kommun (kommun-b) beslutade först 2026-02-01.",
    ),
    Case(
        "SV024",
        set_(
            OVK,
            antagande={
                "svara_senast": "2026-12-01",
                "rekommendation": {"instans": "Styrelsen", "datum": "2026-09-01"},
            },
        ),
        OVK,
        "2026-09-01",
        "Datumet 2026-09-01 i 'antagande → rekommendation → datum' ligger i framtiden.",
    ),
    Case(
        "SV020",
        set_(
            OVK,
            antagande={
                "svara_senast": "2026-01-01",
                "rekommendation": {"instans": "Styrelsen", "datum": "2026-02-01"},
            },
        ),
        OVK,
        "svara_senast",
        "svara_senast (2026-01-01) är före rekommendationen (2026-02-01)",
    ),
    Case(
        "SV030",
        set_(
            OVK,
            undertecknare=[
                {
                    "part": "region-norr",
                    "namn": "A Exempel",
                    "befattning": "Regiondirektör",
                    "datum": "2026-02-01",
                }
            ],
            stallningstaganden=[{"part": "kommun-a", "instans": "KS", "datum": "2026-01-20"}],
        ),
        OVK,
        "undertecknare",
        "A kommun (kommun-a) har antagit dokumentet, men ingen har skrivit under för parten.",
    ),
    Case(
        "SV034",
        set_(
            OVK,
            exemplar=2,
            forvaring=[
                {"part": "region-norr", "handling": "original"},
                {"part": "kommun-a", "handling": "kopia"},
            ],
        ),
        OVK,
        "forvaring",
        "forvaring anger 1 original men exemplar är 2.",
    ),
    Case(
        "SV035",
        chain(
            drop(OVK, "undertecknare"),
            set_(OVK, status="antagande", antagande={"svara_senast": "2026-05-01"}),
        ),
        OVK,
        "svara_senast",
        "A kommun (kommun-a) har inte tagit ställning, fast svaret skulle ha kommit senast 2026-05-01.",
    ),
    Case(
        "SV036",
        set_(
            OVK, stallningstaganden=[{"part": "kommun-a", "instans": "KS", "datum": "2026-02-10"}]
        ),
        OVK,
        "2026-02-02",
        "A kommun (kommun-a) skrev under 2026-02-02, före sitt eget beslut 2026-02-10 (KS).",
    ),
    Case(
        "SV036",
        set_(
            OVK,
            undertecknare=[
                {
                    "part": "region-norr",
                    "namn": "A Exempel",
                    "befattning": "Regiondirektör",
                    "datum": "2026-02-01",
                    "for": ["kommun-a"],
                }
            ],
        ),
        OVK,
        "for:",
        "Underskriften gäller för A kommun (kommun-a), som inte har antagit dokumentet.",
    ),
    Case(
        "SV037",
        set_(
            OVK,
            antagande={"svara_senast": "2026-01-01", "underskriftsordning": ["kommun", "region"]},
        ),
        OVK,
        "2026-02-01",
        "Region Norr (region-norr) skrev under 2026-02-01, före A kommun (kommun-a) (2026-02-02)",
    ),
    Case(
        "SV038",
        set_(
            OVK,
            stallningstaganden=[
                {"part": "kommun-a", "instans": "KS", "datum": "2026-01-20", "utfall": "avslagen"}
            ],
        ),
        OVK,
        "part: kommun-a",
        "A kommun (kommun-a) har skrivit under, men partens senaste beslut är avslagen (2026-01-20).",
    ),
    Case(
        "SV039",
        chain(
            drop(OVK, "undertecknare"),
            set_(OVK, status="antagande", antagande={"svara_senast": "2026-07-01"}),
        ),
        OVK,
        "svara_senast",
        "Svaren ska komma senast 2026-07-01, och A kommun (kommun-a) har ännu inte tagit ställning.",
    ),
    Case(
        "SV040",
        set_(BG, ordforandeskap=[term(2026, "region-norr", "region-norr", "2025-11-10")]),
        BG,
        "part: region-norr",
        "båda från regionen",
    ),
    Case(
        "SV040",
        set_(BG, ordforandeskap=[term(2026, "kommun-a", "forbund", "2025-11-10")]),
        BG,
        "part: forbund",
        "båda från kommunerna",
    ),
    Case(
        "SV041",
        set_(
            BG,
            ordforandeskap=[
                term(2026, "region-norr", "kommun-a", "2025-11-10"),
                term(2027, "region-norr", "kommun-b"),
            ],
        ),
        BG,
        "part: region-norr",
        "Ordföranden 2027 kommer från regionen",
    ),
    Case(
        "SV042",
        lambda docs: None,
        BG,
        "ordforande_utses_senast",
        "Ordförande för 2027",
        today=date(2026, 12, 5),
    ),
    Case(
        "SV043",
        lambda docs: None,
        BG,
        "moten_minst",
        "Under 2026 hölls 1 möte, men",
        today=date(2027, 1, 10),
    ),
    Case(
        "SV043",
        chain(set_(BG, moten_minst={"per": "termin", "antal": 1}), meetings("bg", "2026-03-01")),
        BG,
        "moten_minst",
        "Under HT 2026 hölls inga möten",
        today=date(2027, 1, 10),
    ),
    Case(
        "SV044",
        add(
            TRE,
            group(
                "treparter", samma_huvudman_som="bg", ordforandeskap=[convener(2026, "kommun-a")]
            ),
        ),
        TRE,
        "part: kommun-a",
        "Sammankallande 2026 kommer från kommunerna, men ordföranden i Beredningsgruppen (bg) "
        "kommer 2026 från regionen.",
    ),
    Case(
        "SV045",
        chain(set_(BG, dagordning_dagar_fore=7), add(AGENDA, agenda("2026-02-27"))),
        AGENDA,
        "utskickad",
        "Dagordningen till mötet 2026-03-02 skickades ut 2026-02-27, 3 dagar före mötet",
    ),
    Case(
        "SV046",
        set_(BG, giltig_till="2026-01-31"),
        "moten/2026/2026-02-01-bg.md",
        "datum",
        "Mötet 2026-02-01 är registrerat på Beredningsgruppen (bg), men gruppen gällde till och "
        "med 2026-01-31.",
    ),
    Case(
        "SV046",
        set_(
            BG,
            giltig_till="2026-05-31",
            ordforandeskap=[
                term(2026, "region-norr", "kommun-a", "2025-11-10"),
                term(2027, "kommun-a", "region-norr", "2026-05-01"),
            ],
        ),
        BG,
        "ar: 2027",
        "ordforandeskap har en rad för 2027, men gruppen gällde till och med 2026-05-31.",
    ),
    Case(
        "SV050",
        add(SIP, sip_mall([h for h in SIP_HEADINGS if h != "Tidsplan"])),
        SIP,
        "Personens behov",
        "'tidsplan'",
    ),
    Case(
        "SV050",
        add(SIP, sip_mall(SIP_HEADINGS[:6] + SIP_HEADINGS[7:])),
        SIP,
        "Personens behov",
        "'läkemedel' eller 'hjälpmedel'",
    ),
    Case(
        "SV051",
        body(RUT, "Exempel: 19121212-1212 ska bort.\n"),
        RUT,
        "Exempel",
        "personnummer (19121212-****)",
    ),
    Case("SV051", body(RUT, "Kontakt 121212+1212.\n"), RUT, "Kontakt", "personnummer"),
    Case(
        "SV051",
        body(RUT, f"Samordning {samordningsnummer()}\n"),
        RUT,
        "Samordning",
        "samordningsnummer",
    ),
    Case("SV051", set_(RUT, titel="Rutin 191212121212"), RUT, "titel", "personnummer"),
    Case(
        "SV052",
        set_(RUT, lagrum=["HSL (1982:763) 3 f §"]),
        RUT,
        "HSL",
        "ersattes av Hälso- och sjukvårdslagen (2017:30) den 2017-04-01; 3 f § motsvaras",
    ),
    Case(
        "SV052",
        set_(RUT, lagrum=["SoL 5 kap. 8 a §"], giltig_fran="2015-01-01"),
        RUT,
        "SoL",
        "Socialtjänstlagen (2001:453)",
    ),
    Case(
        "SV052",
        set_(RUT, lagrum=["Lag (1990:1404) om betalningsansvar"]),
        RUT,
        "1990:1404",
        "2017:612",
    ),
    Case("SV053", body(RUT, "Se [överenskommelsen](OVK-0042).\n"), RUT, "OVK-0042", "OVK-0042"),
    Case(
        "SV053",
        body(RUT, "Se [fil](../saknas.md).\n"),
        RUT,
        "saknas.md",
        "dokument/saknas.md, som inte finns",
    ),
    Case(
        "SV053", body(RUT, "Se [fil](../../../../etc/passwd).\n"), RUT, "passwd", "utanför arkivet"
    ),
    Case(
        "SV054",
        set_(RUT, lagrum=["Socialtjänstlagen 2001:763"]),
        RUT,
        "2001:763",
        "menade du Socialtjänstlagen (2025:400)?",
    ),
    Case(
        "SV056",
        chain(
            body(RUT, "Se [blanketten](bilagor/blankett.pdf).\n"),
            add("dokument/rutiner/bilagor/blankett.pdf", b"<html><script>alert(1)</script>"),
        ),
        RUT,
        "blankett.pdf",
        "Filen är ingen PDF-fil",
    ),
]

OK = [
    Case("SV002", set_(RUT, giltig_till="2027-01-01")),
    Case(
        "SV003",
        chain(
            set_(RUT, status="utkast"), drop(RUT, "dokumentansvarig", "faststalld", "giltig_fran")
        ),
    ),
    Case("SV004", set_(RUT, giltig_fran="2016-02-29", status="beslutad")),
    Case("SV004", set_(HOK, typ="huvudöverenskommelse", status="beslutad")),
    Case("SV004", set_(OVK, version=4, exemplar=2, publicera=True)),
    Case("SV005", add("dokument/rutiner/RUT-0002-kopia.md", {**base()[RUT], "id": "RUT-0002"})),
    Case("SV006", rename(RUT, "dokument/rutiner/RUT-0001.md")),
    Case(
        "SV007",
        add(RUT, b"\xef\xbb\xbf" + (front_matter(base()[RUT]).replace("\n", "\r\n")).encode()),
    ),
    Case("SV010", set_(RUT, relaterade=["OVK-0001", "HOK-0001"])),
    Case("SV011", set_(OVK, galler_for=["Alla kommuner i länet"])),
    Case("SV012", set_(RUT, faststalld={"av": "bg", "datum": "2026-03-01"})),
    Case("SV013", set_(RUT, overordnad="HOK-0001")),
    Case("SV014", add(AVT, {**AVTAL, "overordnad": "HOK-0001"})),
    Case(
        "SV015",
        chain(
            set_(OVK, status="ersatt", ersatt_av="OVK-0002", upphavd_datum="2026-05-01"),
            add(
                "dokument/overenskommelser/OVK-0002-ny.md",
                {**base()[OVK], "id": "OVK-0002", "ersatter": ["OVK-0001"]},
            ),
        ),
    ),
    Case("SV016", set_(OVK, status="upphavd", upphavd_datum="2026-12-31")),
    Case("SV020", set_(OVK, giltig_till="2027-01-01")),
    Case("SV021", set_(OVK, giltig_till="2026-06-15")),
    Case("SV022", set_(RUT, senast_granskad="2025-06-15", giltig_fran="2024-01-01")),
    Case("SV023", set_(RUT, nasta_granskning="2026-12-01")),
    Case("SV024", set_(RUT, faststalld={"av": "bg", "datum": "2026-06-15"})),
    Case("SV030", lambda docs: None),
    Case(
        "SV031",
        set_(
            OVK,
            undertecknare=[
                base()[OVK]["undertecknare"][0],
                {"part": "kommun-a", "namn": "C", "befattning": "T.f. förvaltningschef"},
            ],
        ),
    ),
    Case(
        "SV031",
        set_(
            OVK,
            undertecknare=[
                base()[OVK]["undertecknare"][0],
                {"part": "kommun-a", "namn": "C", "befattning": "tf SOCIALCHEF"},
            ],
        ),
    ),
    Case("SV032", lambda docs: None),
    Case(
        "SV033",
        chain(
            add("grupper/lsg-barn.md", group("lsg-barn")),
            add(
                "dokument/projekt/PRJ-0001-p.md",
                {
                    "id": "PRJ-0001",
                    "typ": "projekt",
                    "titel": "P",
                    "status": "beslutad",
                    "dokumentansvarig": "X",
                    "faststalld": {"av": "lsg-barn", "datum": "2026-01-01"},
                    "giltig_fran": "2026-01-01",
                    "styrgrupp": "bg",
                },
            ),
        ),
    ),
    Case("SV034", set_(OVK, exemplar=2)),
    Case(
        "SV030",
        set_(
            OVK,
            undertecknare=[
                {
                    "part": "region-norr",
                    "namn": "A Exempel",
                    "befattning": "Regiondirektör",
                    "datum": "2026-02-01",
                    "for": ["kommun-a"],
                }
            ],
            stallningstaganden=[{"part": "kommun-a", "instans": "KS", "datum": "2026-01-20"}],
        ),
    ),
    Case(
        "SV034",
        set_(
            OVK,
            exemplar=2,
            forvaring=[
                {"part": "region-norr", "handling": "original"},
                {"part": "kommun-a", "handling": "original"},
            ],
        ),
    ),
    Case(
        "SV035",
        chain(
            drop(OVK, "undertecknare"),
            set_(
                OVK,
                status="antagande",
                antagande={"svara_senast": "2026-05-01"},
                stallningstaganden=[{"part": "kommun-a", "instans": "KS", "datum": "2026-04-01"}],
            ),
        ),
    ),
    Case(
        "SV036",
        set_(
            OVK, stallningstaganden=[{"part": "kommun-a", "instans": "KS", "datum": "2026-01-10"}]
        ),
    ),
    Case(
        "SV037",
        set_(
            OVK,
            antagande={"svara_senast": "2026-01-01", "underskriftsordning": ["region", "kommun"]},
        ),
    ),
    Case(
        "SV038",
        set_(
            OVK,
            stallningstaganden=[
                {"part": "kommun-a", "instans": "KS", "datum": "2026-01-05", "utfall": "bordlagd"},
                {"part": "kommun-a", "instans": "KS", "datum": "2026-01-20"},
            ],
        ),
    ),
    Case(
        "SV039",
        chain(
            drop(OVK, "undertecknare"),
            set_(OVK, status="antagande", antagande={"svara_senast": "2026-12-31"}),
        ),
    ),
    Case(
        "SV040",
        set_(
            BG,
            alternerar=False,
            ordforandeskap=[term(2026, "region-norr", "region-norr", "2025-11-10")],
        ),
    ),
    Case("SV040", set_(BG, ordforandeskap=[term(2026, "samf", "kommun-a", "2025-11-10")])),
    Case(
        "SV041",
        set_(
            BG,
            ordforandeskap=[
                term(2026, "region-norr", "kommun-a", "2025-11-10"),
                term(2027, "kommun-b", "region-norr"),
            ],
        ),
    ),
    Case(
        "SV042",
        set_(
            BG,
            ordforandeskap=[
                term(2026, "region-norr", "kommun-a", "2025-11-10"),
                term(2027, "kommun-b", "region-norr"),
            ],
        ),
        today=date(2026, 12, 5),
    ),
    Case(
        "SV043",
        meetings("bg", "2026-03-01", "2026-04-01", "2026-05-01", "2026-09-01", "2026-10-01"),
        today=date(2027, 1, 10),
    ),
    Case(
        "SV044",
        add(
            TRE,
            group(
                "treparter", samma_huvudman_som="bg", ordforandeskap=[convener(2026, "region-norr")]
            ),
        ),
    ),
    Case("SV045", chain(set_(BG, dagordning_dagar_fore=7), add(AGENDA, agenda("2026-02-23")))),
    Case("SV046", set_(BG, giltig_till="2026-02-01")),
    Case("SV050", add(SIP, sip_mall(SIP_HEADINGS))),
    Case(
        "SV051",
        body(
            RUT,
            "Org.nr 222000-1701. Tel 070-123 45 67, tel: 0701234567. Dnr KS 2015/2121, 2015-03-18, 19121212-1213.\n",
        ),
    ),
    Case(
        "SV052", set_(RUT, lagrum=["HSL (2017:30) 16 kap. 4 §", "SoL 2 kap. 7 §", "SOSFS 2007:10"])
    ),
    Case(
        "SV052", set_(OVK, status="upphavd", upphavd_datum="2026-12-31", lagrum=["HSL (1982:763)"])
    ),
    Case("SV054", set_(RUT, lagrum=["Socialtjänstlagen (2025:400)", "SOU 2020:47", "sol"])),
    Case(
        "SV053",
        body(
            RUT,
            "[a](OVK-0001) [b](../overenskommelser/OVK-0001-psykisk-halsa.md#syfte) [c](https://example.org) [d](#x) [e](/grupper/bg.md) [f](grupper/bg.md)\n",
        ),
    ),
    Case(
        "SV056",
        chain(
            body(RUT, "Se [blanketten](bilagor/blankett.pdf#page=2) och ![Karta](/karta.png).\n"),
            add("dokument/rutiner/bilagor/blankett.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
            add("karta.png", b"\x89PNG\r\n\x1a\n"),
        ),
    ),
]


def _apply(case: Case, tmp_path: Any) -> Any:
    docs = base()
    case.change(docs)
    return write_repo(tmp_path, docs)


@pytest.mark.parametrize("case", BAD, ids=lambda c: f"{c.code}-{c.gist[:30]}")
def test_bad(case: Case, tmp_path: Any) -> None:
    root = _apply(case, tmp_path)
    found = [d for d in validate(root, case.today) if d.code == case.code and d.path == case.path]
    assert found, f"no {case.code} in {case.path}: {validate(root, case.today)}"
    if case.needle:
        lines = (root / case.path).read_text("utf-8", errors="replace").split("\n")
        pointed = [lines[d.line - 1] for d in found]
        assert any(case.needle in text for text in pointed), pointed
    assert any(case.gist in d.message for d in found), [d.message for d in found]


@pytest.mark.parametrize("case", OK, ids=lambda c: c.code)
def test_ok(case: Case, tmp_path: Any) -> None:
    root = _apply(case, tmp_path)
    found = validate(root, case.today)
    assert case.code not in [d.code for d in found], found


def test_every_code_has_bad_and_ok_cases() -> None:
    from samverkan_cli.catalog import CATALOG

    # config errors: tests/unit/test_config.py; the accessibility statement:
    # tests/unit/test_accessibility_settings.py; lagkrav: tests/unit/test_lagkrav.py; deviation
    # files: tests/unit/test_avvikelser.py
    tested_elsewhere = {
        "SV090",
        "SV091",
        "SV060",
        "SV061",
        "SV025",
        "SV062",
    }  # SV025: test_follow_up.py
    assert {c.code for c in BAD} | tested_elsewhere == set(CATALOG)
    assert {c.code for c in OK} | tested_elsewhere | {"SV001"} == set(CATALOG)


def test_a_field_spelled_with_swedish_letters_is_one_finding(tmp_path):
    docs = base()
    docs[RUT]["fastställd"] = docs[RUT].pop("faststalld")
    found = validate(write_repo(tmp_path, docs))
    assert [d.code for d in found] == ["SV002"]
