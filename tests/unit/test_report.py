"""The årsrapport's figures, computed by hand for a small repository (SPEC §6 definitions).

Edge cases the issue names: a document repealed mid-year, a per-term group, a project spanning
years, a group with no meetings in the year; plus git history read once.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from helpers import CONFIG, write_repo
from samverkan_cli.loading.repository import load
from samverkan_cli.report.build import build
from samverkan_cli.report.render import Links, render

TODAY = date(2026, 2, 1)


def doc(id_, typ, **fields):
    base = {
        "id": id_,
        "typ": typ,
        "titel": f"Titel {id_}",
        "status": "beslutad",
        "dokumentansvarig": "Chef",
    }
    if typ in ("rutin", "behandlingslinje"):
        base.setdefault("overordnad", "AVT-0001")
    return {**base, **fields}


def faststalld(day):
    return {"faststalld": {"av": "bg", "datum": day}}


def signed(day, *parties):
    return {
        "parter": list(parties),
        "undertecknare": [
            {
                "part": p,
                "namn": "N",
                "befattning": "Regiondirektör" if p == "region-norr" else "Socialchef",
                "datum": day,
            }
            for p in parties
        ],
    }


def group(id_, per, antal, terms, **fields):
    return {
        "id": id_,
        "typ": "grupp",
        "titel": id_.upper(),
        "status": "beslutad",
        "dokumentansvarig": "S",
        "beslut": [{"instans": "X", "datum": "2024-01-01"}],
        "giltig_fran": "2024-01-01",
        "moten_minst": {"per": per, "antal": antal},
        "ordforandeskap": terms,
        **fields,
    }


def term(ar, chair, vice=None, secretary=None):
    entry = {"ar": ar, "ordforande": {"namn": "O", "part": chair}, "utsedd": f"{ar - 1}-10-01"}
    if vice:
        entry["vice"] = {"namn": "V", "part": vice}
    if secretary:
        entry["sekreterare"] = {"namn": "S", "part": secretary}
    return entry


def meeting(group_id, day):
    return (
        f"moten/{day[:4]}/{day}-{group_id}.md",
        {"typ": "mote", "grupp": group_id, "datum": day, "handling": "protokoll"},
    )


def project(id_, start, slut=None, **fields):
    return doc(
        id_,
        "projekt",
        start=start,
        **({"slut": slut} if slut else {}),
        giltig_fran=start,
        **faststalld(start),
        **fields,
    )


DOCS = {
    "dokument/avtal/AVT-0001-a.md": doc(
        "AVT-0001",
        "avtal",
        giltig_fran="2025-04-01",
        **signed("2025-03-10", "region-norr", "kommun-a"),
    ),
    "dokument/overenskommelser/OVK-0001-b.md": doc(
        "OVK-0001",
        "overenskommelse",
        status="upphavd",
        malgrupp="M",
        giltig_fran="2024-01-01",
        upphavd_datum="2025-06-30",
        **signed("2023-12-01", "region-norr", "kommun-a"),
    ),
    "dokument/rutiner/RUT-0001-c.md": doc(
        "RUT-0001",
        "rutin",
        status="ersatt",
        ersatt_av="RUT-0002",
        upphavd_datum="2025-09-01",
        giltig_fran="2022-01-01",
        senast_granskad="2024-10-01",
        **faststalld("2021-12-01"),
    ),
    "dokument/rutiner/RUT-0002-d.md": doc(
        "RUT-0002",
        "rutin",
        ersatter=["RUT-0001"],
        giltig_fran="2025-09-01",
        **faststalld("2025-08-20"),
    ),
    "dokument/riktlinjer/RIK-0001-e.md": doc(
        "RIK-0001",
        "riktlinje",
        giltig_fran="2020-01-01",
        senast_granskad="2023-01-01",
        beslut=[{"instans": "SN", "datum": "2019-12-01"}],
    ),
    "dokument/rutiner/RUT-0003-f.md": doc(
        "RUT-0003",
        "rutin",
        giltig_fran="2024-01-01",
        senast_granskad="2025-05-01",
        **faststalld("2023-12-01"),
    ),
    "dokument/riktlinjer/RIK-0002-g.md": doc(
        "RIK-0002",
        "riktlinje",
        giltig_fran="2024-01-01",
        giltig_till="2025-10-31",
        senast_granskad="2025-01-15",
        beslut=[{"instans": "SN", "datum": "2023-12-01"}],
    ),
    "dokument/riktlinjer/RIK-0003-h.md": doc(
        "RIK-0003",
        "riktlinje",
        giltig_fran="2024-06-01",
        senast_reviderad="2025-02-02",
        senast_granskad="2025-02-02",
        beslut=[{"instans": "SN", "datum": "2025-02-02"}],
    ),
    "dokument/rutiner/RUT-0004-utkast.md": doc(
        "RUT-0004", "rutin", status="utkast", senast_granskad="2025-03-03"
    ),
    "dokument/projekt/PRJ-0001-p1.md": project(
        "PRJ-0001", "2024-05-01", "2026-12-31", uppfoljning=["2025-05-01", "2025-11-01"]
    ),
    "dokument/projekt/PRJ-0002-p2.md": project(
        "PRJ-0002", "2025-02-01", "2025-11-30", projektstatus="avslutad"
    ),
    "dokument/projekt/PRJ-0003-p3.md": project("PRJ-0003", "2025-10-01"),
    "grupper/bg.md": group(
        "bg",
        "ar",
        6,
        [term(2025, "region-norr", vice="kommun-a"), term(2026, "kommun-b", vice="region-norr")],
    ),
    "grupper/lsg.md": group(
        "lsg", "termin", 2, [term(2025, "kommun-a", secretary="kommun-b")], rapporterar_till="bg"
    ),
    "grupper/reko.md": group("reko", "ar", 4, [], alternerar=False),
    "grupper/ny.md": group("ny", "ar", 4, [], giltig_fran="2026-01-01"),
    **dict(
        meeting("bg", d)
        for d in (
            "2025-02-01",
            "2025-04-01",
            "2025-09-01",
            "2025-11-01",
            "2024-12-01",
            "2026-01-10",
        )
    ),
    **dict(meeting("lsg", d) for d in ("2025-03-01", "2025-05-01", "2025-10-01")),
}


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = write_repo(tmp_path_factory.mktemp("r") / "arkiv", DOCS, CONFIG)
    return build(load(root), 2025, TODAY)


def ids(refs):
    return [r.id for r in refs]


def test_document_figures(report):
    d = report.documents
    assert ids(d.decided) == ["AVT-0001", "PRJ-0002", "PRJ-0003", "RIK-0003", "RUT-0002"]
    assert ids(d.revised) == ["RIK-0003"]
    assert ids(d.reviewed) == [
        "RIK-0002",
        "RIK-0003",
        "RUT-0003",
    ]  # the utkast RUT-0004 is never shown
    assert ids(d.expired) == ["RIK-0002"]
    assert ids(d.repealed) == ["OVK-0001"]  # repealed mid-year
    assert ids(d.superseded) == ["RUT-0001"]
    assert ids(d.in_force) == [  # PRJ-0002 finished in November: history, not in force
        "AVT-0001",
        "PRJ-0001",
        "PRJ-0003",
        "RIK-0001",
        "RIK-0003",
        "RUT-0002",
        "RUT-0003",
    ]
    assert ids(d.reviews_overdue) == ["RIK-0001"]  # 2023-01-01 + 24 months < 2025-12-31
    assert ids(d.reviews_due_next_year) == ["AVT-0001", "PRJ-0001", "RUT-0002", "RUT-0003"]


def test_drafts_and_unpublished_documents_appear_nowhere(tmp_path):
    docs = {**DOCS}
    docs["dokument/riktlinjer/RIK-0009-hemlig.md"] = doc(
        "RIK-0009",
        "riktlinje",
        publicera=False,
        giltig_fran="2025-01-01",
        senast_granskad="2020-01-01",
        beslut=[{"instans": "SN", "datum": "2025-01-01"}],
        titel="Hemlig riktlinje",
    )
    report = build(load(write_repo(tmp_path / "a", docs, CONFIG)), 2025, TODAY)
    for fmt in ("md", "html", "json"):
        text = render(report, fmt, Links())
        assert "RIK-0009" not in text and "Hemlig" not in text
        assert "RUT-0004" not in text  # the utkast


def test_group_figures(report):
    groups = {g.id: g for g in report.groups}
    assert set(groups) == {"bg", "lsg", "reko"}  # "ny" did not exist in 2025
    bg, lsg, reko = groups["bg"], groups["lsg"], groups["reko"]
    assert (bg.meetings, bg.required, bg.short) == (4, 6, True)
    assert (bg.chair, bg.vice, bg.next_chair, bg.alternation_ok) == (
        "region-norr",
        "kommun-a",
        "kommun-b",
        True,
    )
    assert (lsg.meetings, lsg.required, lsg.terms, lsg.short) == (
        3,
        4,
        (2, 1),
        True,
    )  # per term, counted twice
    assert (lsg.chair, lsg.secretary, lsg.alternation_ok) == ("kommun-a", "kommun-b", False)
    assert (reko.meetings, reko.required, reko.chair, reko.alternation_ok) == (0, 4, None, None)


def test_project_figures(report):
    p = report.projects
    assert ids(p.started) == ["PRJ-0002", "PRJ-0003"]
    assert ids(p.running) == ["PRJ-0001", "PRJ-0003"]  # PRJ-0001 spans 2024–2026
    assert ids(p.finished) == ["PRJ-0002"]
    assert p.running[0].followups == [date(2025, 5, 1), date(2025, 11, 1)]


def test_findings_as_of_year_end(report):
    counts = report.finding_counts()
    assert counts.get("SV022") == 1  # RIK-0001's review, overdue on 2025-12-31
    assert counts.get("SV021") == 1  # RIK-0002 expired 2025-10-31 and is still beslutad
    assert "SV024" not in counts


def test_json_shape(report):
    data = json.loads(render(report, "json", Links()))
    assert list(data)[:3] == ["version", "year", "today"]
    assert data["year"] == 2025 and data["version"] == 1
    assert data["documents"]["repealed"] == ["OVK-0001"]
    bg = next(g for g in data["groups"] if g["id"] == "bg")
    assert {
        k: bg[k]
        for k in ("id", "meetings", "required", "chair", "vice", "next_chair", "alternation_ok")
    } == {
        "id": "bg",
        "meetings": 4,
        "required": 6,
        "chair": "region-norr",
        "vice": "kommun-a",
        "next_chair": "kommun-b",
        "alternation_ok": True,
    }
    assert data["projects"] == {
        "started": ["PRJ-0002", "PRJ-0003"],
        "running": ["PRJ-0001", "PRJ-0003"],
        "finished": ["PRJ-0002"],
    }
    assert data["changes"] is None


def test_markdown_says_what_stands_out(report):
    text = render(report, "md", Links(source_prefix=".."))
    assert "**Obs:** REKO har inga möten registrerade under 2025." in text
    assert "**Obs:** BG höll färre möten än arbetsordningen kräver." in text
    assert "[AVT-0001](../dokument/avtal/AVT-0001-a.md)" in text
    assert "| 3 (VT 2, HT 1) | 2 per termin |" in text
    assert (
        "Under 2025 beslutades fem dokument, ett dokument reviderades och tre dokument granskades."
        in text
    )
    assert "Arkivet har ingen git-historik" in text


def test_site_links(report):
    html = render(report, "html", Links(site_url="https://samverkan.example/lan/"))
    assert '<a href="https://samverkan.example/lan/dokument/AVT-0001.html">AVT-0001</a>' in html
    assert '<a href="https://samverkan.example/lan/grupper/bg.html">BG</a>' in html


def _git(root: Path, *args: str, day: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ann Redaktör",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "Ann Redaktör",
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "GIT_AUTHOR_DATE": f"{day}T10:00:00",
        "GIT_COMMITTER_DATE": f"{day}T10:00:00",
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_changes_from_git_history(tmp_path):
    root = write_repo(tmp_path / "arkiv", DOCS, CONFIG)
    _git(root, "init", "-q", "-b", "main", day="2024-12-30")
    _git(root, "add", ".", day="2024-12-30")
    _git(root, "commit", "-q", "-m", "Första versionen", day="2024-12-30")
    path = root / "dokument/riktlinjer/RIK-0003-h.md"
    path.write_text(
        path.read_text("utf-8").replace("Titel RIK-0003", "Reviderad riktlinje"), encoding="utf-8"
    )
    _git(root, "commit", "-q", "-am", "Revidera riktlinjen efter beslut i SN", day="2025-02-03")
    changes = build(load(root), 2025, TODAY).changes
    assert changes is not None
    assert [(c.day.isoformat(), c.path, c.message, c.author) for c in changes] == [
        (
            "2025-02-03",
            "dokument/riktlinjer/RIK-0003-h.md",
            "Revidera riktlinjen efter beslut i SN",
            "Ann Redaktör",
        )
    ]
    text = render(build(load(root), 2025, TODAY), "md", Links())
    assert (
        "| 2025-02-03 | dokument/riktlinjer/RIK-0003-h.md | Revidera riktlinjen efter beslut i SN | Ann Redaktör |"
        in text
    )
