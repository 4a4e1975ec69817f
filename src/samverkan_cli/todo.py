"""What to do next (SPEC §8.8): the work list a samordnare starts the week with.

Each item comes from the same facts as a rule of validate (the code it would report is kept
beside it), says who must act, what is due and by when, and names the command that closes it:
runnable as printed, with what is known filled in (the document, the party); what only the
user knows (the instance, the date) the command asks for in a terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Final

from samverkan_cli import antagande, arbetsordning
from samverkan_cli.arbetsordning import missing_row, term_years
from samverkan_cli.config import Config
from samverkan_cli.lifecycle import in_force, mandate_deadline, next_review, plus_days
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.documents import Common, Grupp
from samverkan_cli.rules.meetings import meetings_held
from samverkan_cli.rules.registry import Context

#: What an item is about, in the order the text output explains them.
KINDS: Final = {
    "stallningstagande": "ställningstagande",
    "underskrift": "underskrift",
    "granskning": "granskning",
    "ordforande": "ordförande att utse",
    "moten": "möten",
    "aktivitet": "aktivitet i handlingsplan",
    "lagkrav": "lagkrav",
}


@dataclass(frozen=True, slots=True)
class Item:
    vem: str | None  # a party key, else the dokumentansvarig as written, else None
    dokument: str | None
    vad: str
    senast: date | None
    kod: str | None
    kommando: str
    path: str | None = None
    #: The field to fill in by hand, where no `record` command does it yet (SPEC §8.7 comes).
    falt: str | None = None

    def sort_key(self) -> tuple[bool, date, bool, str, str]:
        return (
            self.senast is None,
            self.senast or date.min,
            self.vem is None,
            self.vem or "",
            self.dokument or "",
        )


Pairs = list[tuple[Document, Common]]


def items(repo: Repository, today: date, days: int | None = None) -> list[Item]:
    """Everything due, sorted by date (undated last), then by who, then by document."""
    horizon = plus_days(today, repo.config.varna_dagar if days is None else days)
    documents: Pairs = [
        (d, d.model)
        for d in repo.documents
        if isinstance(d.model, Common) and not isinstance(d.model, Grupp)
    ]
    groups = [(d, d.model) for d in repo.documents if isinstance(d.model, Grupp)]
    found = [
        *_decisions(repo, documents, today),
        *_signatures(repo, documents, today),
        *_reviews(repo, documents, today, horizon),
        *_chairs(repo.config, groups, today, horizon),
        *_meetings(repo, today),
    ]
    return sorted(found, key=Item.sort_key)


def _decisions(repo: Repository, documents: Pairs, today: date) -> Iterator[Item]:
    horizon = plus_days(today, repo.config.varna_dagar)
    for document, model in documents:
        plan = antagande.under_way(model)
        if plan is None:
            continue
        deadline = plan.svara_senast
        kod = "SV035" if today > deadline else "SV039" if deadline <= horizon else None
        for party in antagande.pending(model, repo.config, today):
            yield Item(
                party,
                model.id,
                "stallningstagande",
                deadline,
                kod,
                f"samverkan record stallningstagande {model.id} --part {party}",
                document.path,
                f"stallningstaganden: - {{part: {party}, instans: …, datum: …, utfall: antagen}}",
            )


def _to_sign(repo: Repository, model: Common, today: date) -> list[str]:
    """Who is to sign: a decided agreement's every signatory; under adoption the parties that
    have adopted it, and the others (the region, say) once no party is still to decide."""
    if model.status == "beslutad":
        return antagande.must_sign(model, repo.config)
    found = antagande.positions(model, today)
    deciders = antagande.must_decide(model, repo.config)
    adopted = [key for key in deciders if antagande.adopted(found.get(key))]
    if antagande.pending(model, repo.config, today):
        return adopted
    return [*adopted, *(key for key in model.parter or () if key not in deciders)]


def _signatures(repo: Repository, documents: Pairs, today: date) -> Iterator[Item]:
    for document, model in documents:
        signed = repo.config.types.signed(model.typ)
        if not signed or model.status not in ("antagande", "beslutad"):
            continue
        covered = antagande.signed_for(model, repo.config, today)
        needed = _to_sign(repo, model, today)
        for party in needed:
            if party in covered or party not in repo.config.parter:
                continue
            yield Item(
                party,
                model.id,
                "underskrift",
                None,
                "SV030" if model.status == "beslutad" else None,
                f"samverkan record underskrift {model.id} --part {party}",
                document.path,
                f"undertecknare: - {{part: {party}, namn: …, befattning: …, datum: …}}",
            )


def _reviews(repo: Repository, documents: Pairs, today: date, horizon: date) -> Iterator[Item]:
    for document, model in documents:
        if model.status != "beslutad" or not in_force(model, today):
            continue  # an expired document's expiry is the finding, not its review (§8.3)
        due = next_review(model, repo.config)
        if due is None or due > horizon:
            continue
        yield Item(
            model.dokumentansvarig,
            model.id,
            "granskning",
            due,
            "SV022" if due < today else "SV023",
            f"samverkan record granskning {model.id}",
            document.path,
            f"senast_granskad: {today}",
        )


def _chairs(
    config: Config, groups: list[tuple[Document, Grupp]], today: date, horizon: date
) -> Iterator[Item]:
    for document, group in groups:
        if not group.ordforande_utses_senast or not in_force(group, today):
            continue
        chosen = arbetsordning.terms(config, group)
        now, length = arbetsordning.term_start(config, group, today.year), term_years(group)
        for year in range(now, today.year + 3, length):  # terms starting by two years ahead
            deadline = mandate_deadline(group.ordforande_utses_senast, year)
            if year in chosen or deadline > horizon:
                continue
            if deadline < today and year + length - 1 < today.year:
                continue  # a mandate already over: nothing to appoint
            yield Item(
                group.dokumentansvarig,
                group.id,
                "ordforande",
                deadline,
                "SV042" if deadline < today else None,
                f"Fyll i ordforandeskap för {year} ({missing_row(group, year)}) i {document.path}",
                document.path,
            )


def _meetings(repo: Repository, today: date) -> Iterator[Item]:
    """Groups behind on meetings, as SV043 finds them (the rule's own check, run here)."""
    seen: set[str] = set()
    for finding in meetings_held(Context(repo, today)):
        if finding.id is None or finding.id in seen:
            continue
        seen.add(finding.id)
        group = repo.group(finding.id)
        yield Item(
            group.dokumentansvarig if group is not None else None,
            finding.id,
            "moten",
            None,
            "SV043",
            f"samverkan new mote --grupp {finding.id}",
            finding.path,
        )


def select(found: list[Item], part: str | None, ansvarig: str | None) -> list[Item]:
    """The items of one party (`--part`) or one dokumentansvarig (`--ansvarig`)."""
    if part is not None:
        found = [item for item in found if item.vem == part]
    if ansvarig is not None:
        wanted = ansvarig.casefold()
        found = [item for item in found if (item.vem or "").casefold() == wanted]
    return found


def as_json(found: list[Item], today: date) -> dict[str, object]:
    """The exact shape of SPEC §8.8."""
    return {
        "version": 1,
        "datum": today.isoformat(),
        "items": [
            {
                "vem": item.vem,
                "dokument": item.dokument,
                "vad": item.vad,
                "senast": item.senast.isoformat() if item.senast else None,
                "kod": item.kod,
                "kommando": item.kommando,
            }
            for item in found
        ],
    }


def by_who(found: list[Item]) -> list[tuple[str | None, list[Item]]]:
    """The items grouped by who must act, in the order of each one's first item."""
    groups: dict[str | None, list[Item]] = {}
    for item in found:
        groups.setdefault(item.vem, []).append(item)
    return list(groups.items())
