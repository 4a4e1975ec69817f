"""Groups as real counties run them (SPEC §8.2, issue #15): mandate periods, conveners, a chair
that follows another group's, meetings counted as meetings, agendas sent in time, a party's
huvudman, and groups that have ended. Each test asserts the exact message a user reads."""

from __future__ import annotations

import json
from copy import deepcopy
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from helpers import BG, CONFIG, base, validate, write_repo
from samverkan_cli.cli import main
from samverkan_cli.errors import ConfigError
from samverkan_cli.loading.repository import load
from samverkan_cli.model.vocabulary import PARTY_TYP
from samverkan_cli.report.build import build
from samverkan_cli.schema_export import schemas
from samverkan_cli.todo import items

REKO = "grupper/reko.md"
TRE = "grupper/treparter.md"


def group(group_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "id": group_id,
        "typ": "grupp",
        "titel": group_id.capitalize(),
        "status": "beslutad",
        "dokumentansvarig": "Sekreterare",
        "beslut": [{"instans": "BG", "datum": "2022-12-01"}],
        "giltig_fran": "2023-01-01",
        "senast_granskad": "2026-01-10",
        **fields,
    }


def chair(year: int, party: str, vice: str | None = None, utsedd: str | None = None) -> dict:
    entry: dict[str, Any] = {
        "ar": year,
        "ordforande": {"namn": "Ordf", "part": party},
        "utsedd": utsedd or f"{year}-01-15",
    }
    if vice:
        entry["vice"] = {"namn": "Vice", "part": vice}
    return entry


def convener(year: int, party: str, **roles: str) -> dict:
    entry: dict[str, Any] = {
        "ar": year,
        "sammankallande": {"namn": "Sam", "part": party},
        "utsedd": f"{year - 1}-11-20",
    }
    entry.update({role: {"namn": "N", "part": p} for role, p in roles.items()})
    return entry


def forum(*terms: dict, **fields: Any) -> dict[str, Any]:
    """A political forum that chooses its chair for a mandate period, in January."""
    settings = {"mandat": "mandatperiod", "ordforande_utses_senast": "01-31", **fields}
    return group("reko", niva="politisk", ordforandeskap=list(terms), **settings)


def meeting(group_id: str, day: str, handling: str = "minnesanteckningar", **fields: Any):
    path = f"moten/{day[:4]}/{day}-{group_id}-{handling}.md"
    return path, {"typ": "mote", "grupp": group_id, "datum": day, "handling": handling, **fields}


def repo(tmp_path: Path, extra: dict[str, Any], config: dict | None = None) -> Path:
    docs = base()
    docs.update(extra)
    return write_repo(tmp_path, docs, config)


def found(root: Path, code: str, today: date, path: str | None = None) -> list[str]:
    return [
        d.message
        for d in validate(root, today)
        if d.code == code and (path is None or d.path == path)
    ]


def config_with(**parties: dict) -> dict:
    config = deepcopy(CONFIG)
    config["parter"].update(parties)
    return config


# 1. Mandate periods


def test_a_forum_with_one_row_for_the_period_needs_no_row_for_its_other_years(tmp_path):
    root = repo(tmp_path, {REKO: forum(chair(2023, "region-norr", "kommun-a"))})
    for today in (date(2024, 3, 1), date(2025, 3, 1), date(2026, 3, 1)):
        assert found(root, "SV042", today) == []
    assert [d for d in validate(root, date(2026, 3, 1)) if d.path == REKO] == []


def test_the_next_period_is_due_in_january_of_its_first_year(tmp_path):
    root = repo(tmp_path, {REKO: forum(chair(2023, "region-norr", "kommun-a"))})
    assert found(root, "SV042", date(2027, 1, 31), REKO) == []
    assert found(root, "SV042", date(2027, 2, 1), REKO) == [
        "Ordförande för mandatperioden 2027–2030 skulle ha utsetts senast 2027-01-31, men det "
        "finns ingen rad för 2027 i ordforandeskap. Lägg till den (ar: 2027, ordforande, vice, "
        "utsedd)."
    ]


def test_yearly_rows_for_a_mandate_period_are_off_the_cycle(tmp_path):
    rows = [chair(year, "region-norr", "kommun-a") for year in (2023, 2024, 2025, 2026)]
    root = repo(tmp_path, {REKO: forum(*rows)})
    messages = found(root, "SV004", date(2026, 3, 1))
    assert messages == [
        f"{year} är inget första år i en mandatperiod. Med mandat: mandatperiod gäller en rad "
        "hela perioden, och perioderna börjar vart fjärde år från mandatperiod_start (2023): "
        f"… 2019, 2023, 2027 … {year} hör till perioden 2023–2026: skriv ar: 2023, eller ta "
        "bort raden om perioden redan har en."
        for year in (2024, 2025, 2026)
    ]
    assert found(root, "SV041", date(2026, 3, 1)) == []  # one period, nothing to alternate


def test_yearly_rows_with_one_chair_are_what_a_yearly_group_alternates(tmp_path):
    rows = [chair(year, "region-norr", "kommun-a") for year in (2023, 2024, 2025, 2026)]
    root = repo(tmp_path, {REKO: forum(*rows, mandat="ar")})
    assert len(found(root, "SV041", date(2026, 3, 1))) == 3


def test_mandatperiod_start_moves_the_cycle(tmp_path):
    config = {**deepcopy(CONFIG), "mandatperiod_start": 2022}
    terms = [chair(2022, "region-norr", "kommun-a"), chair(2023, "kommun-a", "region-norr")]
    root = repo(tmp_path, {REKO: forum(*terms)}, config)
    assert found(root, "SV004", date(2024, 3, 1)) == [
        "2023 är inget första år i en mandatperiod. Med mandat: mandatperiod gäller en rad hela "
        "perioden, och perioderna börjar vart fjärde år från mandatperiod_start (2022): … 2018, "
        "2022, 2026 … 2023 hör till perioden 2022–2025: skriv ar: 2022, eller ta bort raden om "
        "perioden redan har en."
    ]


def test_alternation_compares_period_with_period(tmp_path):
    terms = [chair(2023, "region-norr", "kommun-a"), chair(2027, "region-norr", "kommun-b")]
    root = repo(tmp_path, {REKO: forum(*terms)})
    assert found(root, "SV041", date(2027, 3, 1)) == [
        "Ordföranden under mandatperioden 2027–2030 kommer från regionen, precis som under "
        "2023–2026. Ordförandeskapet ska växla mellan huvudmännen: välj en ordförande från den "
        "andra huvudmannen, eller sätt alternerar: false om gruppen inte växlar."
    ]
    terms[1] = chair(2027, "kommun-b", "region-norr")
    root = repo(tmp_path / "ok", {REKO: forum(*terms)})
    assert found(root, "SV041", date(2027, 3, 1)) == []


def test_a_bad_mandatperiod_start_is_sv090(tmp_path):
    root = write_repo(tmp_path, base(), {**deepcopy(CONFIG), "mandatperiod_start": "2023a"})
    with pytest.raises(ConfigError) as raised:
        load(root)
    (finding,) = raised.value.diagnostics
    assert (finding.code, finding.message) == (
        "SV090",
        "samverkan.yaml: 'mandatperiod_start' ska vara ett heltal, t.ex. 2023, inte '2023a'.",
    )


# 2. Conveners and a chair that follows another group's


def test_a_convener_instead_of_a_chair(tmp_path):
    root = repo(tmp_path, {TRE: group("treparter", ordforandeskap=[convener(2026, "kommun-a")])})
    assert [d for d in validate(root) if d.path == TRE] == []


def test_sv040_to_sv042_judge_the_convener(tmp_path):
    terms = [
        convener(2025, "region-norr"),
        convener(2026, "region-norr", sekreterare="region-norr"),
    ]
    extra = {TRE: group("treparter", ordforandeskap=terms, ordforande_utses_senast="11-30")}
    root = repo(tmp_path, extra)
    assert found(root, "SV040", date(2026, 12, 5)) == [
        "2026: sammankallande och sekreterare kommer båda från regionen. Enligt arbetsordningen "
        "ska de komma från olika huvudmän: byt sekreterare."
    ]
    assert found(root, "SV041", date(2026, 12, 5)) == [
        "Sammankallande 2026 kommer från regionen, precis som 2025. Uppdraget ska växla mellan "
        "huvudmännen: välj en sammankallande från den andra huvudmannen, eller sätt alternerar: "
        "false om gruppen inte växlar."
    ]
    assert found(root, "SV042", date(2026, 12, 5), TRE) == [
        "Sammankallande för 2027 skulle ha utsetts senast 2026-11-30, men det finns ingen rad "
        "för 2027 i ordforandeskap. Lägg till den (ar: 2027, sammankallande, utsedd)."
    ]


def test_a_row_names_its_chair_or_its_convener(tmp_path):
    neither = {"ar": 2026, "utsedd": "2025-11-20"}
    both = {**chair(2026, "kommun-a"), "sammankallande": {"namn": "S", "part": "kommun-a"}}
    extra = {
        TRE: group("treparter", ordforandeskap=[neither]),
        "grupper/ovrig.md": group("ovrig", ordforandeskap=[both]),
    }
    root = repo(tmp_path, extra)
    assert found(root, "SV003", date(2026, 6, 15), TRE) == [
        "Raden för 2026 i ordforandeskap saknar ordförande. Lägg till ordforande: {namn: …, "
        "part: …}, eller sammankallande: {namn: …, part: …} om gruppen leds av en sammankallande."
    ]
    assert found(root, "SV004", date(2026, 6, 15), "grupper/ovrig.md") == [
        "Raden för 2026 i ordforandeskap har både ordforande och sammankallande. Gruppen leds av "
        "den ena: ta bort den som inte gäller."
    ]


def test_a_convener_from_another_huvudman_than_the_linked_groups_chair_is_sv044(tmp_path):
    extra = {
        TRE: group(
            "treparter",
            samma_huvudman_som="bg",
            ordforandeskap=[convener(2026, "kommun-b"), convener(2027, "kommun-b")],
        )
    }
    root = repo(tmp_path, extra)
    assert found(root, "SV044", date(2026, 6, 15)) == [
        "Sammankallande 2026 kommer från kommunerna, men ordföranden i Beredningsgruppen (bg) "
        "kommer 2026 från regionen. Enligt samma_huvudman_som ska sammankallande komma från "
        "samma huvudman: välj sammankallande från regionen, eller ta bort samma_huvudman_som om "
        "gruppen inte följer bg."
    ]  # 2027: bg has no chair recorded yet, nothing to compare
    assert found(root, "SV041", date(2026, 6, 15), TRE) == []  # it follows bg, not alternation


def test_samma_huvudman_som_an_unknown_group_is_sv012(tmp_path):
    root = repo(tmp_path, {TRE: group("treparter", samma_huvudman_som="vsg-norr")})
    assert found(root, "SV012", date(2026, 6, 15)) == [
        "Gruppen 'vsg-norr' finns inte. Rätta id:t eller lägg till gruppen i grupper/vsg-norr.md."
    ]


def test_a_convener_is_a_party_reference(tmp_path):
    root = repo(tmp_path, {TRE: group("treparter", ordforandeskap=[convener(2026, "kommun-aa")])})
    assert found(root, "SV011", date(2026, 6, 15)) == [
        "Parten 'kommun-aa' finns inte i samverkan.yaml. Menade du 'kommun-a'? Lägg till den "
        "under parter: eller rätta namnet."
    ]


# 3. Meetings


def test_an_agenda_and_the_notes_of_one_meeting_count_once(tmp_path):
    extra = dict(
        [
            meeting("reko", "2025-03-10", "dagordning"),
            meeting("reko", "2025-03-10", "minnesanteckningar"),
        ]
    )
    extra[REKO] = group("reko", bildad="2025-01-01", moten_minst={"per": "ar", "antal": 2})
    root = repo(tmp_path, extra)
    assert found(root, "SV043", date(2026, 1, 10)) == [
        "Under 2025 hölls 1 möte, men gruppen ska mötas minst 2 gånger per år. Lägg till de "
        "möten som saknas under moten/ (en fil per möte), eller ändra moten_minst om "
        "arbetsordningen har ändrats."
    ]


def test_the_first_year_counts_in_proportion(tmp_path):
    """Formed in September with four a year: ceil(4 × 4/12) = 2 in the first year."""
    fields = {"bildad": "2025-09-10", "moten_minst": {"per": "ar", "antal": 4}}
    extra = dict([meeting("reko", "2025-10-01")])
    extra[REKO] = group("reko", **fields)
    root = repo(tmp_path, extra)
    assert found(root, "SV043", date(2026, 1, 10)) == [
        "Under 2025 hölls 1 möte, men gruppen ska mötas minst 2 gånger det året: 4 per år, i "
        "proportion till de 4 av 12 månader som återstod från september 2025, då gruppen "
        "bildades. Lägg till de möten som saknas under moten/ (en fil per möte), eller ändra "
        "moten_minst om arbetsordningen har ändrats."
    ]
    extra.update([meeting("reko", "2025-12-01")])
    assert found(repo(tmp_path / "ok", extra), "SV043", date(2026, 1, 10)) == []


def test_the_first_term_counts_from_the_first_meeting_when_bildad_is_not_written(tmp_path):
    extra = dict([meeting("lsg", "2025-10-02")])
    extra["grupper/lsg.md"] = group("lsg", moten_minst={"per": "termin", "antal": 3})
    root = repo(tmp_path, extra)
    assert found(root, "SV043", date(2026, 1, 10)) == [
        "Under HT 2025 hölls 1 möte, men gruppen ska mötas minst 2 gånger den terminen: 3 per "
        "termin, i proportion till de 3 av 6 månader som återstod från oktober 2025, då "
        "gruppens första möte hölls. Lägg till de möten som saknas under moten/ (en fil per "
        "möte), eller ändra moten_minst om arbetsordningen har ändrats."
    ]


def test_the_report_counts_held_meetings_and_the_first_year_in_proportion(tmp_path):
    fields = {"bildad": "2026-09-01", "moten_minst": {"per": "ar", "antal": 4}}
    extra = dict([meeting("reko", "2026-10-01"), meeting("reko", "2026-12-10", "dagordning")])
    extra[REKO] = group("reko", **fields)
    report = build(load(repo(tmp_path, extra)), 2026, date(2026, 11, 24))
    reko = next(g for g in report.groups if g.id == "reko")
    assert (reko.meetings, reko.required) == (1, 2)  # December's is planned, not held


# 4. Agendas sent in time


@pytest.mark.parametrize(
    ("sent", "when"),
    [
        ("2026-02-27", "3 dagar före mötet"),
        ("2026-03-01", "1 dag före mötet"),
        ("2026-03-02", "samma dag som mötet"),
        ("2026-03-04", "efter mötet"),
    ],
)
def test_an_agenda_sent_late_is_sv045_on_the_record(tmp_path, sent, when):
    path, record = meeting("bg", "2026-03-02", "dagordning", utskickad=sent)
    docs = {path: record}
    docs[BG] = {**base()[BG], "dagordning_dagar_fore": 7}
    root = repo(tmp_path, docs)
    assert found(root, "SV045", date(2026, 6, 15), path) == [
        f"Dagordningen till mötet 2026-03-02 skickades ut {sent}, {when}, men Beredningsgruppen "
        "ska få den minst 7 dagar före mötet (dagordning_dagar_fore), alltså senast 2026-02-23. "
        "Skicka ut dagordningen i tid till nästa möte, eller rätta utskickad om datumet är fel."
    ]


def test_an_agenda_sent_in_time_or_without_a_rule_is_fine(tmp_path):
    path, record = meeting("bg", "2026-03-02", "dagordning", utskickad="2026-02-23")
    root = repo(tmp_path, {path: record, BG: {**base()[BG], "dagordning_dagar_fore": 7}})
    assert found(root, "SV045", date(2026, 6, 15)) == []
    late = meeting("bg", "2026-03-02", "dagordning", utskickad="2026-03-01")
    assert found(repo(tmp_path / "utan", dict([late])), "SV045", date(2026, 6, 15)) == []


# 5. A party's huvudman


def test_a_private_provider_in_the_regions_vardval_stands_on_the_regions_side(tmp_path):
    config = config_with(vc={"namn": "Vårdcentral", "typ": "privat", "huvudman": "region-norr"})
    docs = {BG: {**base()[BG], "ordforandeskap": [chair(2026, "vc", "region-norr", "2025-11-10")]}}
    root = repo(tmp_path, docs, config)
    assert found(root, "SV040", date(2026, 6, 15)) == [
        "2026: ordförande och vice ordförande kommer båda från regionen. Enligt arbetsordningen "
        "ska de komma från olika huvudmän: byt vice ordförande."
    ]


def test_two_forvaltningar_of_one_kommun_are_one_huvudman(tmp_path):
    config = config_with(
        sn={"namn": "Socialförvaltningen", "typ": "forvaltning", "huvudman": "kommun-a"},
        von={
            "namn": "Vård- och omsorgsförvaltningen",
            "typ": "förvaltning",
            "huvudman": "kommun-a",
        },
    )
    docs = {BG: {**base()[BG], "ordforandeskap": [chair(2026, "sn", "von", "2025-11-10")]}}
    root = repo(tmp_path, docs, config)
    assert found(root, "SV040", date(2026, 6, 15)) == [
        "2026: ordförande och vice ordförande kommer båda från kommunerna. Enligt "
        "arbetsordningen ska de komma från olika huvudmän: byt vice ordförande."
    ]
    assert PARTY_TYP["forvaltning"] == "Förvaltning"


def test_alternation_follows_the_huvudman_of_a_forvaltning(tmp_path):
    config = config_with(
        hsf={
            "namn": "Hälso- och sjukvårdsförvaltningen",
            "typ": "forvaltning",
            "huvudman": "region-norr",
        }
    )
    terms = [chair(2026, "hsf", "kommun-a", "2025-11-10"), chair(2027, "region-norr", "kommun-b")]
    root = repo(tmp_path, {BG: {**base()[BG], "ordforandeskap": terms}}, config)
    assert found(root, "SV041", date(2026, 6, 15)) == [
        "Ordföranden 2027 kommer från regionen, precis som 2026. Ordförandeskapet ska växla "
        "mellan huvudmännen: välj en ordförande från den andra huvudmannen, eller sätt "
        "alternerar: false om gruppen inte växlar."
    ]


@pytest.mark.parametrize(
    ("party", "line", "message"),
    [
        (
            "  sn: {namn: Socialförvaltningen, typ: forvaltning}\n",
            4,
            "samverkan.yaml: 'parter → sn': en förvaltning ska ange sin huvudman, den kommun "
            "eller region som förvaltningen hör till. Lägg till huvudman: med den partens "
            "nyckel, t.ex. huvudman: r.",
        ),
        (
            "  sn: {namn: Socialförvaltningen, typ: forvaltning, huvudman: kommun}\n",
            4,
            "samverkan.yaml: 'parter → sn → huvudman': 'kommun' finns inte under parter. Menade "
            "du 'kommun-a'? Ange nyckeln för den part som är huvudman, t.ex. kommunen eller "
            "regionen, eller lägg till den under parter.",
        ),
        (
            "  sn: {namn: Socialförvaltningen, typ: forvaltning, huvudman: sn}\n",
            4,
            "samverkan.yaml: 'parter → sn → huvudman' leder runt i en cirkel (sn → sn). Ange "
            "som huvudman en part som inte själv har någon huvudman, t.ex. kommunen eller "
            "regionen.",
        ),
    ],
    ids=["saknas", "okand", "cirkel"],
)
def test_a_wrong_huvudman_is_sv090(tmp_path, party, line, message):
    text = "namn: Län\nparter:\n  r: {namn: R, typ: region}\n" + party
    text += "  kommun-a: {namn: A kommun, typ: kommun}\n"
    write_repo(tmp_path, {}, text)
    with pytest.raises(ConfigError) as raised:
        load(tmp_path)
    (finding,) = raised.value.diagnostics
    assert (finding.code, finding.path, finding.line, finding.message) == (
        "SV090",
        "samverkan.yaml",
        line,
        message,
    )


# 6. Groups that have ended


def test_meetings_and_chairs_after_a_group_was_repealed_are_sv046(tmp_path):
    ended = {
        **base()[BG],
        "status": "upphavd",
        "upphavd_datum": "2026-04-01",
        "ordforandeskap": [
            chair(2026, "region-norr", "kommun-a", "2025-11-10"),
            chair(2027, "kommun-a", "region-norr", "2026-03-01"),
        ],
    }
    path, record = meeting("bg", "2026-05-05")
    root = repo(tmp_path, {BG: ended, path: record})
    assert found(root, "SV046", date(2026, 6, 15), path) == [
        "Mötet 2026-05-05 är registrerat på Beredningsgruppen (bg), men gruppen upphörde att "
        "gälla 2026-04-01. Ange under grupp: den grupp som höll mötet, t.ex. den som tog över "
        "uppdraget, eller rätta datumet."
    ]
    assert found(root, "SV046", date(2026, 6, 15), BG) == [
        "ordforandeskap har en rad för 2027, men gruppen upphörde att gälla 2026-04-01. Ta bort "
        "raden, eller ändra gruppens slutdatum om gruppen finns kvar."
    ]
    assert found(root, "SV046", date(2026, 6, 15), "moten/2026/2026-02-01-bg.md") == []


def test_a_group_whose_giltig_till_is_ahead_is_not_judged_yet(tmp_path):
    path, record = meeting("bg", "2026-09-05")
    root = repo(tmp_path, {BG: {**base()[BG], "giltig_till": "2026-08-31"}, path: record})
    assert found(root, "SV046", date(2026, 6, 15)) == []
    assert len(found(root, "SV046", date(2026, 9, 1))) == 1


# 7. Where a user meets the new fields: schema, templates, site, report, todo


def test_every_new_field_is_in_the_schema():
    group_schema = schemas()["grupp.schema.json"]
    for name in ("mandat", "samma_huvudman_som", "dagordning_dagar_fore"):
        assert group_schema["properties"][name]["description"]
    assert "sammankallande" in group_schema["$defs"]["Ordforandeskap"]["properties"]
    assert schemas()["mote.schema.json"]["properties"]["utskickad"]["description"]
    config_schema = schemas()["samverkan.schema.json"]
    assert config_schema["properties"]["mandatperiod_start"]["default"] == 2023
    assert "huvudman" in config_schema["$defs"]["Party"]["properties"]
    assert "forvaltning" in config_schema["$defs"]["Party"]["properties"]["typ"]["enum"]


def test_the_templates_of_new_name_the_new_fields(capsys, tmp_path):
    root = write_repo(tmp_path, base())
    args = ["-C", str(root), "--today", "2026-06-15", "--dry-run"]
    assert main(["new", "grupp", "--titel", "Treparter Norr", *args]) == 0
    text = capsys.readouterr().out
    for field in ("mandat:", "samma_huvudman_som:", "dagordning_dagar_fore:", "sammankallande:"):
        assert field in text, field
    assert main(["new", "mote", "--grupp", "bg", "--datum", "2026-06-20", *args]) == 0
    assert "# utskickad: 2026-06-15" in capsys.readouterr().out


def _site(tmp_path: Path, extra: dict[str, Any]) -> Path:
    root = repo(tmp_path / "lan", extra)
    out = tmp_path / "ut"
    assert main(["publish", "-C", str(root), "--out", str(out), "--today", "2026-06-15"]) == 0
    return out


def test_the_group_page_shows_the_period_the_convener_and_the_linked_group(tmp_path):
    agenda = meeting("treparter", "2026-03-02", "dagordning", utskickad="2026-02-20")
    extra = {
        REKO: forum(chair(2023, "region-norr", "kommun-a")),
        TRE: group(
            "treparter",
            samma_huvudman_som="bg",
            dagordning_dagar_fore=7,
            ordforandeskap=[convener(2026, "region-norr")],
        ),
        agenda[0]: agenda[1],
    }
    out = _site(tmp_path, extra)
    reko = (out / "grupper/reko.html").read_text("utf-8")
    assert '<th scope="row">Mandatperiod 2023–2026</th>' in reko
    assert "<dt>Mandat</dt><dd>Mandatperiod om fyra år" in reko
    page = (out / "grupper/treparter.html").read_text("utf-8")
    assert '<th scope="col">Sammankallande</th>' in page
    assert (
        '<dt>Sammankallande från samma huvudman som</dt><dd><a href="../grupper/bg.html">'
        "Beredningsgruppen</a></dd>"
    ) in page
    assert "<dt>Dagordning</dt><dd>Skickas ut minst 7 dagar före mötet</dd>" in page
    assert "2026-03-02: Dagordning (dagordningen utskickad 2026-02-20)" in page


def test_the_report_labels_a_convener_and_a_mandate_period(tmp_path):
    extra = {
        REKO: forum(chair(2023, "region-norr", "kommun-a")),
        TRE: group("treparter", ordforandeskap=[convener(2025, "kommun-a")]),
    }
    report = build(load(repo(tmp_path, extra)), 2025, date(2026, 1, 10))
    from samverkan_cli.report.render import Links, render

    text = render(report, "md", Links())
    assert "| Region Norr (mandatperiod 2023–2026) |" in text
    assert "| A kommun (sammankallande) |" in text
    data = json.loads(render(report, "json", Links()))
    tre = next(g for g in data["groups"] if g["id"] == "treparter")
    assert (tre["chair"], tre["chair_role"], tre["chair_years"]) == (
        "kommun-a",
        "sammankallande",
        "2025",
    )


def test_todo_asks_for_a_forums_chair_once_a_period(tmp_path):
    root = repo(tmp_path, {REKO: forum(chair(2023, "region-norr", "kommun-a"))})
    asked = [
        (i.dokument, i.senast)
        for i in items(load(root), date(2026, 11, 1), days=120)
        if i.vad == "ordforande" and i.dokument == "reko"
    ]
    assert asked == [("reko", date(2027, 1, 31))]
