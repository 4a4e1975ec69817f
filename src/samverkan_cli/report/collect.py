"""The årsrapport's figures for a year, by SPEC §6's definitions. Pure: no I/O but git's log.

"Decided in Y": the latest date in beslut, faststalld or undertecknare falls in Y; revised and
reviewed: senast_reviderad / senast_granskad in Y; expired: giltig_till in Y; repealed and
superseded: upphavd_datum in Y with status upphavd / ersatt; in force on a day: see lifecycle.
Groups and meeting records have their own section and are not counted as documents.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from samverkan_cli import antagande, avvikelser, lagkrav
from samverkan_cli.arbetsordning import (
    Term,
    alternation_holds,
    first_day,
    held,
    required_in,
    required_in_year,
    term_for,
)
from samverkan_cli.config import Config
from samverkan_cli.diagnostics import Diagnostic, Severity
from samverkan_cli.forteckning import visible
from samverkan_cli.git import Change
from samverkan_cli.lifecycle import decided_on, in_force, next_review, period_of
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.documents import (
    Antagande,
    Common,
    Grupp,
    Handlingsplan,
    MotenMinst,
    MoteRecord,
    Person,
    Projekt,
)
from samverkan_cli.model.vocabulary import (
    AKTIVITETSSTATUS,
    DECIDED_STATUSES,
    DONE_ACTIVITIES,
    ENDED_STATUSES,
)


@dataclass(frozen=True)
class DocumentRef:
    id: str
    typ: str
    titel: str
    path: str
    detail: str = ""  # a date or a short note shown beside the title


@dataclass(frozen=True)
class DocumentFigures:
    decided: list[DocumentRef]
    revised: list[DocumentRef]
    reviewed: list[DocumentRef]
    expired: list[DocumentRef]
    repealed: list[DocumentRef]
    superseded: list[DocumentRef]
    in_force: list[DocumentRef]
    reviews_overdue: list[DocumentRef]
    reviews_due_next_year: list[DocumentRef]


@dataclass(frozen=True)
class GroupFigures:
    id: str
    titel: str
    path: str
    meetings: int
    required: int | None  # per year; a per-term minimum counted twice
    per: str | None
    terms: tuple[int, int] | None  # (VT, HT) meetings when the group counts per term
    term_minimum: int | None
    chair: str | None  # the leader: the chair, or the convener of a group led by one
    vice: str | None
    secretary: str | None
    next_chair: str | None
    alternation_ok: bool | None  # None: the group does not alternate, or no chair recorded
    #: 'ordforande' or 'sammankallande': what the leader of Y is called (None: none recorded).
    chair_role: str | None = None
    #: The years the chair of Y and of Y+1 were chosen for: '2025', or '2023–2026'.
    chair_years: str | None = None
    next_chair_years: str | None = None
    #: (VT, HT) meetings asked for, when the group counts per term (the first in proportion).
    term_required: tuple[int, int] | None = None
    #: Whether VT and HT of Y are over on the report's day: a term still running is not short.
    over: tuple[bool, bool] = (True, True)

    @property
    def short(self) -> bool:
        if self.required is None:
            return False
        if self.terms is not None and self.term_required is not None:
            return any(
                done and held < asked
                for held, asked, done in zip(self.terms, self.term_required, self.over, strict=True)
            )
        return self.over[1] and self.meetings < self.required


@dataclass(frozen=True)
class ProjectRef:
    id: str
    titel: str
    path: str
    start: date | None
    slut: date | None
    projektstatus: str | None
    followups: list[date]


@dataclass(frozen=True)
class ProjectFigures:
    started: list[ProjectRef]
    running: list[ProjectRef]
    finished: list[ProjectRef]


@dataclass(frozen=True)
class AdoptionFigures:
    """An agreement out for the parties' own decisions at the year's end (SPEC §8.6)."""

    ref: DocumentRef
    svara_senast: date
    positions: dict[str, str]  # party → utfall, as of Y-12-31
    pending: list[str]
    late: list[str]


@dataclass(frozen=True)
class PartyAdoption:
    """One party's decisions on what was recommended to it, as of Y-12-31: the forum asks which
    kommuner have not adopted what was recommended (documents in force included)."""

    party: str
    adopted: list[str]  # ids, each list sorted
    declined: list[str]
    pending: list[str]  # no decision, or aterremitterad/bordlagd
    late: list[str]  # of pending: past svara_senast

    @property
    def not_adopted(self) -> int:
        return len(self.declined) + len(self.pending)


@dataclass(frozen=True)
class RequirementFigures:
    """A requirement of the law (lagkrav) and the published documents fulfilling it on Y-12-31."""

    key: str
    namn: str
    lagrum: str | None
    fulfilled_by: list[DocumentRef]


@dataclass(frozen=True)
class ActionPlanFigures:
    """A handlingsplan for Y (SPEC §8.6): its activities by status, and those late on Y-12-31."""

    ref: DocumentRef
    activities: dict[str, int]
    late: list[str]
    #: (aktivitet, ansvar, klart, status, kommentar) as written, for the report's table.
    rows: list[tuple[str, str, date, str, str | None]]


@dataclass(frozen=True)
class IndicatorFigures:
    ref: DocumentRef
    namn: str
    enhet: str | None
    varden: dict[str, int | float]


@dataclass(frozen=True)
class DeviationFigures:
    """A document's deviations in Y (SPEC §8.6): by quarter, and those given for the whole year."""

    ref: DocumentRef
    quarters: dict[str, int]  # "2025-Q1" … "2025-Q4", every quarter present
    whole_year: int = 0  # counted for the year only (period YYYY): in no quarter

    @property
    def total(self) -> int:
        return sum(self.quarters.values()) + self.whole_year


@dataclass(frozen=True)
class Report:
    year: int
    today: date
    name: str
    documents: DocumentFigures
    groups: list[GroupFigures]
    projects: ProjectFigures
    findings: list[Diagnostic]
    changes: list[Change] | None  # None: the repository has no git history
    party_names: dict[str, str] = field(default_factory=dict)
    #: Every typ's label, in hierarchy order (a county's own types, relabelled built-ins).
    typ_labels: dict[str, str] = field(default_factory=dict)
    adoptions: list[AdoptionFigures] = field(default_factory=list)
    adoption_by_party: list[PartyAdoption] = field(default_factory=list)
    requirements: list[RequirementFigures] = field(default_factory=list)
    #: Each visible document's and group's title, by id: findings are named by them in the
    #: report's first part, where file paths and rule codes do not belong.
    titles: dict[str, str] = field(default_factory=dict)
    action_plans: list[ActionPlanFigures] = field(default_factory=list)
    indicators: list[IndicatorFigures] = field(default_factory=list)
    deviations: list[DeviationFigures] = field(default_factory=list)
    #: Files that could not be read as documents: they are in no figure (whether one may be
    #: shown cannot be told), so the report says how many, never which.
    unreadable: int = 0

    def finding_counts(self) -> dict[str, int]:
        return dict(sorted(Counter(d.code for d in self.findings).items()))

    def severity_counts(self) -> dict[str, int]:
        counts = Counter(d.severity for d in self.findings)
        return {str(s): counts.get(s, 0) for s in Severity}


def _documents(repo: Repository) -> list[tuple[Document, Common]]:
    return [
        (d, d.model)
        for d in repo.documents
        if isinstance(d.model, Common) and not isinstance(d.model, Grupp) and visible(d)
    ]


def _ref(document: Document, model: Common, detail: object) -> DocumentRef:
    shown = detail.isoformat() if isinstance(detail, date) else ""
    return DocumentRef(model.id, model.typ, model.titel, document.path, shown)


def _in(day: date | None, year: int) -> date | None:
    """`day` when it falls in `year`, else None."""
    return day if day is not None and day.year == year else None


def _select(
    docs: list[tuple[Document, Common]], test: Callable[[Common], object]
) -> list[DocumentRef]:
    """The documents `test` accepts (a truthy result; a date is shown beside the title)."""
    chosen = [_ref(d, m, detail) for d, m in docs if (detail := test(m))]
    return sorted(chosen, key=lambda ref: ref.id)


def document_figures(
    repo: Repository, year: int, docs: list[tuple[Document, Common]] | None = None
) -> DocumentFigures:
    end = date(year, 12, 31)
    docs = _documents(repo) if docs is None else docs
    config = repo.config
    current = [(d, m) for d, m in docs if in_force(m, end)]  # asked once a document
    due = {id(m): next_review(m, config) for _d, m in current}  # by object: ids may repeat

    def decided(model: Common) -> bool:
        return model.status in DECIDED_STATUSES

    def overdue(model: Common) -> date | None:
        day = due[id(model)]
        return day if day is not None and day < end else None

    return DocumentFigures(
        decided=_select(docs, lambda m: decided(m) and _in(decided_on(m), year)),
        revised=_select(docs, lambda m: _in(m.senast_reviderad, year)),
        reviewed=_select(docs, lambda m: _in(m.senast_granskad, year)),
        expired=_select(docs, lambda m: decided(m) and _in(m.giltig_till, year)),
        repealed=_select(docs, lambda m: m.status == "upphavd" and _in(m.upphavd_datum, year)),
        superseded=_select(docs, lambda m: m.status == "ersatt" and _in(m.upphavd_datum, year)),
        in_force=_select(current, lambda m: not _finished_project(m, end)),
        reviews_overdue=_select(current, overdue),
        reviews_due_next_year=_select(current, lambda m: _in(due[id(m)], year + 1)),
    )


def _existed_in(group: Grupp, year: int) -> bool:
    """The group was active some day of `year`: started by its end, not ended by its start
    (repealed, or its mandate's giltig_till passed)."""
    if group.status not in DECIDED_STATUSES or group.giltig_fran is None:
        return False
    ended = group.upphavd_datum is not None and group.upphavd_datum <= date(year, 1, 1)
    lapsed = group.giltig_till is not None and group.giltig_till < date(year, 1, 1)
    return group.giltig_fran <= date(year, 12, 31) and not ended and not lapsed


def group_figures(repo: Repository, year: int, today: date) -> list[GroupFigures]:
    """Each group that existed in `year`: meetings held by the year's end (or by today, for the
    year under way), against its minimum, and who led it."""
    records: dict[str, list[date]] = {}
    for document in repo.documents:
        if isinstance(document.model, MoteRecord):
            records.setdefault(document.model.grupp, []).append(document.model.datum)
    result = []
    for document in repo.documents:
        group = document.model
        if isinstance(group, Grupp) and visible(document) and _existed_in(group, year):
            days = held(records.get(group.id, ()), today)
            figures = _group(repo.config, document.path, group, year, days)
            over = (today >= date(year, 6, 30), today >= date(year, 12, 31))
            result.append(dataclasses.replace(figures, over=over))
    return sorted(result, key=lambda g: g.id)


def _group(config: Config, path: str, group: Grupp, year: int, every: list[date]) -> GroupFigures:
    """`every`: the group's meetings held, all years (where counting starts, from the first)."""
    minimum, start = group.moten_minst, first_day(group, every)
    days = [d for d in every if d.year == year and (start is None or d >= start)]
    chosen, upcoming = term_for(config, group, year), term_for(config, group, year + 1)
    leader = chosen.leader if chosen is not None else None
    return GroupFigures(
        id=group.id,
        titel=group.titel,
        path=path,
        meetings=len(days),
        required=required_in_year(minimum, start, year),
        per=None if minimum is None else minimum.per,
        terms=_per_term(days) if _by_term(minimum) else None,
        term_minimum=minimum.antal if minimum is not None and _by_term(minimum) else None,
        chair=leader[1].part if leader else None,
        vice=_part(chosen.entry.vice) if chosen else None,
        secretary=_part(chosen.entry.sekreterare) if chosen else None,
        next_chair=_leader_part(upcoming),
        alternation_ok=(
            alternation_holds(config, group, year) if leader and group.alternerar else None
        ),
        chair_role=leader[0] if leader else None,
        chair_years=chosen.years if chosen else None,
        next_chair_years=upcoming.years if upcoming else None,
        term_required=_term_required(minimum, start, year),
    )


def _by_term(minimum: MotenMinst | None) -> bool:
    return minimum is not None and minimum.per == "termin"


def _per_term(days: list[date]) -> tuple[int, int]:
    return sum(1 for d in days if d.month <= 6), sum(1 for d in days if d.month > 6)


def _term_required(
    minimum: MotenMinst | None, start: date | None, year: int
) -> tuple[int, int] | None:
    if minimum is None or not _by_term(minimum):
        return None
    spring, autumn = (period_of(date(year, month, 1), "termin") for month in (1, 7))
    return required_in(minimum, start, spring), required_in(minimum, start, autumn)


def _part(person: Person | None) -> str | None:
    return person.part if person is not None else None


def _leader_part(term: Term | None) -> str | None:
    leader = term.leader if term is not None else None
    return leader[1].part if leader is not None else None


def _finished_project(model: Common, end: date) -> bool:
    """A projekt that was finished or stopped by `end` is history, not a document in force."""
    if not isinstance(model, Projekt):
        return False
    done = model.projektstatus in ("avslutad", "avbruten")
    return done or (model.slut is not None and model.slut <= end)


def project_figures(
    repo: Repository, year: int, docs: list[tuple[Document, Common]] | None = None
) -> ProjectFigures:
    end = date(year, 12, 31)
    projects = [
        (d, m)
        for d, m in (_documents(repo) if docs is None else docs)
        if isinstance(m, Projekt) and m.status in DECIDED_STATUSES and m.start
    ]
    refs = [
        (
            ProjectRef(
                m.id, m.titel, d.path, m.start, m.slut, m.projektstatus, sorted(m.uppfoljning or ())
            ),
            m,
        )
        for d, m in projects
    ]
    refs.sort(key=lambda pair: pair[0].id)
    return ProjectFigures(
        started=[r for r, m in refs if _in(m.start, year)],
        running=[
            r for r, m in refs if m.start and m.start <= end and not _finished_project(m, end)
        ],
        finished=[r for r, m in refs if _in(m.slut, year)],
    )


def _recommended(
    docs: list[tuple[Document, Common]], end: date
) -> Iterator[tuple[Document, Common, Antagande]]:
    """The shown documents with an antagande block begun (recommended, else a first position,
    else the deadline) by `end` and not ended (upphävd, ersatt) by then."""
    for document, model in docs:
        plan = antagande.plan(model)
        if plan is None or _ended_by(model, end):
            continue
        begun = plan.rekommendation.datum if plan.rekommendation else None
        first = min((s.datum for s in model.stallningstaganden or ()), default=None)
        if (begun or first or plan.svara_senast) <= end:
            yield document, model, plan


def adoption_figures(
    repo: Repository, year: int, docs: list[tuple[Document, Common]] | None = None
) -> list[AdoptionFigures]:
    """Every shown document with an antagande block under way on Y-12-31: recommended, not in
    force and not ended."""
    end = date(year, 12, 31)
    found = []
    for document, model, plan in _recommended(_documents(repo) if docs is None else docs, end):
        if in_force(model, end):
            continue
        found.append(
            AdoptionFigures(
                ref=_ref(document, model, None),
                svara_senast=plan.svara_senast,
                positions={
                    key: p.utfall for key, p in sorted(antagande.positions(model, end).items())
                },
                pending=sorted(antagande.pending(model, repo.config, end)),
                late=sorted(antagande.late(model, repo.config, end)),
            )
        )
    return sorted(found, key=lambda a: a.ref.id)


def adoption_by_party(
    repo: Repository, year: int, docs: list[tuple[Document, Common]] | None = None
) -> list[PartyAdoption]:
    """Per party that must decide on something recommended by Y-12-31 (in force by then or
    not), what it adopted, declined and has not decided; parties in samverkan.yaml's order."""
    end = date(year, 12, 31)
    lists: dict[str, tuple[list[str], list[str], list[str], list[str]]] = {}
    for _document, model, _plan in _recommended(_documents(repo) if docs is None else docs, end):
        found = antagande.positions(model, end)
        late = set(antagande.late(model, repo.config, end))
        for key in antagande.must_decide(model, repo.config):
            adopted, declined, pending, overdue = lists.setdefault(key, ([], [], [], []))
            position = found.get(key)
            if position is not None and position.utfall == "antagen":
                adopted.append(model.id)
            elif position is not None and position.utfall == "avslagen":
                declined.append(model.id)
            else:
                pending.append(model.id)
                if key in late:
                    overdue.append(model.id)
    order = {key: index for index, key in enumerate(repo.config.parter)}
    return [
        PartyAdoption(key, *(sorted(ids) for ids in lists[key]))
        for key in sorted(lists, key=lambda k: (order.get(k, len(order)), k))
    ]


def requirement_figures(
    repo: Repository, year: int, docs: list[tuple[Document, Common]] | None = None
) -> list[RequirementFigures]:
    """SPEC §8.5 as of Y-12-31: each lagkrav with the visible documents in force that fulfil it."""
    documents = {
        model.id: (document, model)
        for document, model in (_documents(repo) if docs is None else docs)
    }
    end = date(year, 12, 31)
    found = lagkrav.fulfilment(repo.config, (m for _d, m in documents.values()), end)
    return [
        RequirementFigures(
            key,
            repo.config.lagkrav[key].namn,
            repo.config.lagkrav[key].lagrum,
            [_ref(*documents[i], "") for i in ids],
        )
        for key, ids in found.items()
    ]


def action_plan_figures(
    repo: Repository, year: int, docs: list[tuple[Document, Common]] | None = None
) -> list[ActionPlanFigures]:
    """The visible handlingsplaner with ar = Y, as §8.6's JSON gives them."""
    end = date(year, 12, 31)
    found = []
    for document, model in _documents(repo) if docs is None else docs:
        if not isinstance(model, Handlingsplan) or model.ar != year:
            continue
        activities = model.aktiviteter or []
        found.append(
            ActionPlanFigures(
                _ref(document, model, ""),
                {s: sum(1 for a in activities if a.status == s) for s in AKTIVITETSSTATUS},
                [
                    a.aktivitet
                    for a in activities
                    if a.status not in DONE_ACTIVITIES and a.klart <= end
                ],
                [(a.aktivitet, a.ansvar, a.klart, a.status, a.kommentar) for a in activities],
            )
        )
    return sorted(found, key=lambda p: p.ref.id)


def indicator_figures(
    repo: Repository, docs: list[tuple[Document, Common]] | None = None
) -> list[IndicatorFigures]:
    """Every indicator of a visible document, its whole series as written (SPEC §8.6)."""
    found = [
        IndicatorFigures(_ref(document, model, ""), i.namn, i.enhet, dict(sorted(i.varden.items())))
        for document, model in (_documents(repo) if docs is None else docs)
        for i in model.indikatorer or ()
    ]
    return sorted(found, key=lambda f: f.ref.id)


def deviation_figures(
    repo: Repository,
    year: int,
    counts: Iterable[avvikelser.Count],
    docs: list[tuple[Document, Common]] | None = None,
) -> list[DeviationFigures]:
    """Each visible document's deviations in Y, by quarter (rows SV062 reports are left out)."""
    shown = {
        model.id: (document, model)
        for document, model in (_documents(repo) if docs is None else docs)
    }
    usable = avvikelser.known(counts, shown, repo.config.parter)
    whole = avvikelser.whole_year(usable, year)
    return [
        DeviationFigures(_ref(*shown[key], ""), quarters, whole.get(key, 0))
        for key, quarters in avvikelser.by_quarter(usable, year).items()
    ]


def _ended_by(model: Common, end: date) -> bool:
    return model.status in ENDED_STATUSES and (
        model.upphavd_datum is None or model.upphavd_datum <= end
    )


def collect(
    repo: Repository,
    year: int,
    today: date,
    findings: list[Diagnostic],
    changes: list[Change] | None,
    deviations: Iterable[avvikelser.Count] = (),
) -> Report:
    """Every figure of the report for `year` (findings: validation as of Y-12-31; deviations:
    the counts read from avvikelser/*.csv)."""
    docs = _documents(repo)  # the visible documents, walked once for all of contract 2's figures
    return Report(
        year=year,
        today=today,
        name=repo.config.namn,
        documents=document_figures(repo, year, docs),
        groups=group_figures(repo, year, min(today, date(year, 12, 31))),
        projects=project_figures(repo, year, docs),
        findings=findings,
        changes=changes,
        party_names={key: party.namn for key, party in repo.config.parter.items()},
        typ_labels=repo.config.types.labels(),
        adoptions=adoption_figures(repo, year, docs),
        adoption_by_party=adoption_by_party(repo, year, docs),
        requirements=requirement_figures(repo, year, docs),
        titles={
            **{d.id: m.titel for d, m in docs if d.id},
            **{
                d.id: g.titel
                for d in repo.documents
                if d.id and isinstance(g := d.model, Grupp) and visible(d)
            },
        },
        action_plans=action_plan_figures(repo, year, docs),
        indicators=indicator_figures(repo, docs),
        deviations=deviation_figures(repo, year, deviations, docs),
        unreadable=sum(1 for d in repo.documents if d.model is None),
    )
