"""Render the årsrapport as Markdown (for the repository), HTML (for the forum) or JSON (for tools).

The same Report gives byte-identical output: lists are sorted in collect, nothing reads the
clock, and the HTML is one file with its styles and charts inline.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from typing import Any

from samverkan_cli import exports, templating
from samverkan_cli.catalog import CATALOG
from samverkan_cli.model.vocabulary import AKTIVITETSSTATUS, TYP, UTFALL
from samverkan_cli.report import charts, prose
from samverkan_cli.report.collect import DocumentRef, GroupFigures, Report

FORMATS = ("md", "html", "json")
WORST = 15  # findings listed by name; the rest are counted


@dataclass(frozen=True)
class Links:
    """Where document links point: the published site, the Markdown sources, or nowhere."""

    site_url: str | None = None
    #: From the report file's folder to the repository root, for links to Markdown sources.
    source_prefix: str | None = None

    def document(self, ref: DocumentRef) -> str | None:
        if self.site_url:
            return f"{self.site_url.rstrip('/')}/{exports.page(ref.id)}"
        if self.source_prefix is not None:
            return posixpath.join(self.source_prefix, ref.path)
        return None

    def group(self, group: GroupFigures) -> str | None:
        if self.site_url:
            return f"{self.site_url.rstrip('/')}/{exports.group_page(group.id)}"
        if self.source_prefix is not None:
            return posixpath.join(self.source_prefix, group.path)
        return None


def render(report: Report, fmt: str, links: Links) -> str:
    if fmt == "json":
        return as_json(report)
    text: str = _template(fmt).render(_context(report, links, fmt))
    return text


def _context(report: Report, links: Links, fmt: str) -> dict[str, Any]:
    d = report.documents
    return {
        "r": report,
        "summary": prose.summary(report),
        "compiled": prose.compiled(report),
        "links": links,
        "typ_label": report.typ_labels or dict(TYP),
        "party": lambda key: report.party_names.get(key, key) if key else "–",
        "leader": lambda g, upcoming=False: _leader(report, g, upcoming),
        "prorated": lambda g: _prorated(report, g),
        "sections": [
            ("Beslutade", d.decided),
            ("Reviderade", d.revised),
            ("Granskade", d.reviewed),
            ("Löpte ut", d.expired),
            ("Upphävda", d.repealed),
            ("Ersatta", d.superseded),
        ],
        "in_force_by_typ": [
            (_label(report, t), n) for t, n in _by_typ_in_hierarchy_order(report, d.in_force)
        ],
        "shortcomings": _shortcomings(report),
        "findings_table": [
            (code, n, CATALOG[code].summary) for code, n in report.finding_counts().items()
        ],
        "worst": _worst(report),
        "more_findings": max(0, len(report.findings) - WORST),
        "charts": _charts(report) if fmt == "html" else {},
        "rule": CATALOG,
        "utfall": UTFALL,
        "activity_label": AKTIVITETSSTATUS,
    }


def _by_typ_in_hierarchy_order(report: Report, refs: list[DocumentRef]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for ref in refs:
        counts[ref.typ] = counts.get(ref.typ, 0) + 1
    return [(typ, counts[typ]) for typ in report.typ_labels or TYP if typ in counts]


def _label(report: Report, typ: str) -> str:
    return (report.typ_labels or TYP).get(typ, typ)


def _shortcomings(report: Report) -> list[tuple[str, list[tuple[str, int]]]]:
    """The findings as the forum reads them: per document, by its title, what is wrong (the
    rules' summaries), errors first; file paths and rule codes are for the technical part."""
    by_subject: dict[str, dict[str, int]] = {}
    worst: dict[str, int] = {}
    order = {"error": 0, "warning": 1, "info": 2}
    for f in report.findings:
        if f.code == "SV060":
            subject = "Det lagen kräver"
        elif f.id and f.id in report.titles:
            subject = f"{f.id} {report.titles[f.id]}"
        elif f.path in ("samverkan.yaml", "lagrum.yaml"):
            subject = "Arkivets inställningar"
        else:
            subject = "Dokument som inte kan läsas"
        summary = CATALOG[f.code].summary
        by_subject.setdefault(subject, {})[summary] = (
            by_subject.get(subject, {}).get(summary, 0) + 1
        )
        worst[subject] = min(worst.get(subject, 3), order[f.severity])
    ranked = sorted(by_subject, key=lambda s: (worst[s], s))
    return [(s, sorted(by_subject[s].items())) for s in ranked]


def _activity_tone(status: str, late: list[str]) -> str:
    """Colour only repeats the words: late activities are what the forum should look at."""
    return "warn" if status in ("planerad", "pagar") and late else "ok"


def _worst(report: Report) -> list[Any]:
    order = {"error": 0, "warning": 1, "info": 2}
    ranked = sorted(report.findings, key=lambda f: (order[f.severity], f.path, f.line, f.code))
    return ranked[:WORST]


def _charts(report: Report) -> dict[str, Any]:
    groups = [
        charts.Bar(g.titel, g.meetings, g.required, "bad" if g.short else "ok")
        for g in report.groups
    ]
    in_force = [
        charts.Bar(_label(report, t), n)
        for t, n in _by_typ_in_hierarchy_order(report, report.documents.in_force)
    ]
    d = report.documents
    overdue, due = len(d.reviews_overdue), len(d.reviews_due_next_year)
    reviews = [
        charts.Bar("Försenade 31 december", overdue, tone="bad" if overdue else "ok"),
        charts.Bar(f"Ska granskas {report.year + 1}", due, tone="warn" if due else "ok"),
        charts.Bar("Granskade i tid", max(0, len(d.in_force) - overdue - due)),
    ]
    activities = {
        plan.ref.id: charts.bar_chart(
            f"Aktiviteterna i {plan.ref.id} efter läge",
            [
                charts.Bar(label, plan.activities[key], tone=_activity_tone(key, plan.late))
                for key, label in AKTIVITETSSTATUS.items()
            ],
        )
        for plan in report.action_plans
    }
    indicators = [
        charts.bar_chart(
            f"{i.namn} per period, {i.ref.id}",
            [charts.Bar(period, value) for period, value in i.varden.items()],
        )
        for i in report.indicators
    ]
    not_adopted = [
        charts.Bar(
            report.party_names.get(p.party, p.party),
            p.not_adopted,
            tone="bad" if p.late or p.declined else "warn" if p.pending else "ok",
        )
        for p in report.adoption_by_party
    ]
    return {
        "adoption_by_party": charts.bar_chart(
            f"Rekommenderade dokument som parten inte har antagit, 31 december {report.year}",
            not_adopted,
        ),
        "activities": activities,
        "indicators": indicators,
        "deviations": {
            d.ref.id: charts.bar_chart(
                f"Avvikelser {report.year} per kvartal, {d.ref.id}",
                [charts.Bar(f"Kvartal {q[-1]}", n) for q, n in d.quarters.items()],
            )
            for d in report.deviations
        },
        "meetings": charts.bar_chart(f"Möten {report.year} per grupp, och minsta antal", groups),
        "in_force": charts.bar_chart(
            f"Gällande dokument 31 december {report.year} per typ", in_force
        ),
        "reviews": charts.bar_chart(f"Granskningar 31 december {report.year}", reviews),
    }


def _template(fmt: str) -> Any:
    environment = templating.environment(
        "report/templates", "html" if fmt == "html" else "text", keep_trailing_newline=True
    )
    environment.filters["cell"] = _markdown_cell
    environment.filters["md_link"] = _markdown_link
    return environment.get_template(f"report.{fmt}.j2")


def _markdown_cell(value: object) -> str:
    """Text that cannot break a Markdown table or start markup."""
    text = str(value).replace("\n", " ").replace("|", "\\|")
    for char in "*_[]`<>":
        text = text.replace(char, "\\" + char)
    return text


def _markdown_link(text: str, url: str | None) -> str:
    label = _markdown_cell(text)
    return f"[{label}]({url.replace(' ', '%20').replace(')', '%29')})" if url else label


def _ids(refs: list[Any]) -> list[str]:
    return [ref.id for ref in refs]


def as_json(report: Report) -> str:
    d, p = report.documents, report.projects
    data = {
        "version": 1,
        "year": report.year,
        "today": report.today.isoformat(),
        "documents": {
            name: _ids(getattr(d, name))
            for name in (
                "decided",
                "revised",
                "reviewed",
                "expired",
                "repealed",
                "superseded",
                "in_force",
                "reviews_overdue",
                "reviews_due_next_year",
            )
        },
        "documents_in_force_by_typ": dict(_by_typ_in_hierarchy_order(report, d.in_force)),
        "groups": [_group_json(g) for g in report.groups],
        "projects": {
            "started": _ids(p.started),
            "running": _ids(p.running),
            "finished": _ids(p.finished),
        },
        "findings": report.finding_counts(),
        "findings_by_severity": report.severity_counts(),
        "adoptions": [
            {
                "id": a.ref.id,
                "svara_senast": a.svara_senast.isoformat(),
                "positions": a.positions,
                "pending": a.pending,
                "late": a.late,
            }
            for a in report.adoptions
        ],
        "lagkrav": {r.key: _ids(r.fulfilled_by) for r in report.requirements},
        "action_plans": [
            {"id": p.ref.id, "activities": p.activities, "late": p.late}
            for p in report.action_plans
        ],
        "indicators": [
            {"id": i.ref.id, "namn": i.namn, "varden": i.varden} for i in report.indicators
        ],
        "deviations": {d.ref.id: d.quarters for d in report.deviations},
        "changes": None
        if report.changes is None
        else [
            {
                "date": c.day.isoformat(),
                "path": c.path,
                "author": c.author,
                "message": c.message,
                "commit": c.commit,
            }
            for c in report.changes
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _leader(report: Report, g: GroupFigures, upcoming: bool) -> str:
    """Who leads a group in Y (or Y+1), as the table shows it: 'Region Norr', 'A kommun
    (sammankallande)', 'B kommun (mandatperiod 2023–2026)'."""
    key = g.next_chair if upcoming else g.chair
    if key is None:
        return "–"
    notes = ["sammankallande"] if g.chair_role == "sammankallande" else []
    years = g.next_chair_years if upcoming else g.chair_years
    if years is not None and "–" in years:
        notes.append(f"mandatperiod {years}")
    name = report.party_names.get(key, key)
    return f"{name} ({', '.join(notes)})" if notes else name


def _prorated(report: Report, g: GroupFigures) -> str:
    """' (2025: VT 0, HT 1)' when the year's terms ask less than the minimum: the group
    started during the year, and its first term counts in proportion."""
    asked, minimum = g.term_required, g.term_minimum
    if asked is None or minimum is None or asked == (minimum, minimum):
        return ""
    return f" ({report.year}: VT {asked[0]}, HT {asked[1]})"


def _group_json(g: GroupFigures) -> dict[str, Any]:
    return {
        "id": g.id,
        "meetings": g.meetings,
        "required": g.required,
        "chair": g.chair,
        "vice": g.vice,
        "next_chair": g.next_chair,
        "alternation_ok": g.alternation_ok,
        "chair_role": g.chair_role,
        "chair_years": g.chair_years,
        "next_chair_years": g.next_chair_years,
        "secretary": g.secretary,
        "per": g.per,
        "terms": None if g.terms is None else {"vt": g.terms[0], "ht": g.terms[1]},
        "short": g.short,
    }
