"""What each `record` command writes (SPEC §8.7), and what it refuses.

Pure: from the loaded repository and the request to the list of edits per file. A request that
contradicts the document (a date after today, a party the county or the document does not
have) is refused before anything is written: the user fixes the command, not the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from samverkan_cli import antagande
from samverkan_cli.errors import SamverkanError, UserError
from samverkan_cli.lifecycle import next_review
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.documents import Avtalsdokument, Common
from samverkan_cli.model.vocabulary import ENDED_STATUSES, STATUS, UTFALL, fold
from samverkan_cli.recording.edit import Append, SetKey, Step, Value


class Refused(SamverkanError):
    """The step contradicts the document or cannot be written: exit 1, nothing written."""

    exit_code = 1


#: The values each kind cannot do without (asked for in a terminal, else a usage error).
REQUIRED: Final = {
    "stallningstagande": ("part", "instans", "datum"),
    "underskrift": ("part", "namn", "befattning", "datum"),
    "beslut": ("instans", "datum"),
    "faststallande": ("av", "datum"),
    "granskning": (),
    "upphavande": ("datum",),
    "ersattning": ("av", "datum"),
}

#: How each value is named on the command line.
FLAGS: Final = {
    "part": "--part",
    "instans": "--instans",
    "datum": "--datum",
    "namn": "--namn",
    "befattning": "--befattning",
    "av": "--av",
}


@dataclass(frozen=True)
class Request:
    kind: str
    document: str
    today: date
    part: str | None = None
    instans: str | None = None
    datum: date | None = None
    paragraf: str | None = None
    utfall: str | None = None
    namn: str | None = None
    befattning: str | None = None
    for_: tuple[str, ...] = ()
    av: str | None = None
    nasta: date | None = None
    status: str | None = None


@dataclass(frozen=True)
class Change:
    """The steps for one file (repository-relative path)."""

    path: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Plan:
    changes: tuple[Change, ...]
    #: Lines to show beside the diff (the recomputed next review).
    notes: tuple[str, ...] = field(default=())


def missing(request: Request) -> list[str]:
    """The required values the request lacks, in the order they are asked for."""
    return [name for name in REQUIRED[request.kind] if getattr(request, name) in (None, "")]


def plan(repo: Repository, request: Request) -> Plan:
    """The edits that record `request`; UserError for bad usage, Refused for a contradiction."""
    _no_placeholders(request)
    lacking = missing(request)
    if lacking:
        flags = ", ".join(FLAGS[name] for name in lacking)
        raise UserError(f"Ange {flags} för 'samverkan record {request.kind}'.")
    _check_status(request.status, request.kind, request.document)
    for flag, day in (("--datum", request.datum), ("--nasta", request.nasta)):
        _plausible(day, request.today, flag)
    document = find(repo, request.document)
    if document.typ == "grupp" and request.kind in ("stallningstagande", "underskrift"):
        what = "Ett ställningstagande" if request.kind == "stallningstagande" else "En underskrift"
        raise UserError(
            f"{document.id} är en grupp, inte ett avtal eller en överenskommelse. {what} "
            "registreras i dokumentet som parterna beslutar om: ange dess id (samverkan list "
            "visar dem)."
        )
    model = _model(document)
    _fits(repo, model, request)
    planned = _PLANS[request.kind](repo, document, model, request)
    for change in planned.changes:
        _no_alias(repo, change)
    return planned


#: The steps that bring nothing to an ended (ersatt, upphävt) document: it no longer applies.
_NOT_WHEN_ENDED: Final = (
    "stallningstagande",
    "underskrift",
    "beslut",
    "faststallande",
    "granskning",
)


def _fits(repo: Repository, model: Common, request: Request) -> None:
    """Refuse a step this kind of document does not take, or one an ended document does not."""
    types = repo.config.types
    label = types.a(model.typ)
    if request.kind == "stallningstagande" and not isinstance(model, Avtalsdokument):
        raise Refused(
            f"{model.id} är {label}: parter tar ställning till avtal och överenskommelser, inte "
            f"till {label}. Ange avtalets eller överenskommelsens id."
        )
    if request.kind == "faststallande" and types.signed(model.typ):
        raise Refused(
            f"{model.id} är {label}, som parterna skriver under i stället för att en grupp "
            f"fastställer det. Registrera underskrifterna: samverkan record underskrift {model.id}."
        )
    if request.kind in _NOT_WHEN_ENDED and model.status in ENDED_STATUSES:
        ended = "ersatt" if model.status == "ersatt" else "upphävt"
        raise Refused(
            f"{model.id} är {ended} och gäller inte längre, så inget registreras i det. "
            f"Registrera steget i dokumentet som gäller nu"
            f"{f' ({model.ersatt_av})' if model.ersatt_av else ''}."
        )


def _no_alias(repo: Repository, change: Change) -> None:
    """A field written with å, ä or ö (ställningstaganden) is the same field: adding the
    plain spelling beside it would split its entries in two."""
    document = next((d for d in repo.documents if d.path == change.path), None)
    if document is None:
        return
    for step in change.steps:
        written = [k for k in document.raw if isinstance(k, str) and k != step.key]
        alias = next((k for k in written if fold(k) == step.key), None)
        if alias is not None:
            raise Refused(
                f"{change.path} stavar fältet '{alias}'. Kör först samverkan fix {change.path} "
                f"så att det heter {step.key}, och registrera sedan igen. Inget ändrades."
            )


def _no_placeholders(request: Request) -> None:
    """A `…` copied from an example is not a value: it would be written into the document."""
    named = ("part", "instans", "namn", "befattning", "paragraf", "av")
    given = [(f"--{name}", getattr(request, name)) for name in named]
    given += [("--for", party) for party in request.for_]
    for flag, value in given:
        if isinstance(value, str) and value.strip() in ("…", "..."):
            raise UserError(f"Ersätt … efter {flag} med det riktiga värdet.")


def find(repo: Repository, document_id: str) -> Document:
    """The document with `document_id` (any case); UserError naming close ids otherwise."""
    found = repo.named(document_id)
    if found is not None:
        same = [d.path for d in repo.by_id.get(found.id or "", ()) if d.typ != "mote"]
        if len(same) > 1:
            raise Refused(
                f"Flera filer har id {found.id}: {', '.join(same)}. Det går inte att veta vilken "
                "som menas, så inget registrerades. Ge varje dokument ett eget id (SV005) och "
                "försök igen."
            )
        return found
    record = repo.by_id.get(document_id.strip())
    if record and all(d.typ == "mote" for d in record):
        raise UserError(
            f"{document_id} är mötesanteckningar, och i dem registrerar record inget. Registrera "
            "beslutet i dokumentet som det gäller (samverkan list visar dokumentens id)."
        )
    unreadable = repo.unreadable_named(document_id)
    if unreadable is not None:
        raise Refused(
            f"{unreadable.path} går inte att läsa, så inget kan registreras i den. Rätta felen "
            f"som 'samverkan validate {unreadable.path}' visar och försök igen."
        )
    raise repo.unknown(document_id)


def _model(document: Document) -> Common:
    written_twice = document.located is not None and bool(document.located.problems)
    if written_twice or not isinstance(document.model, Common):
        raise Refused(
            f"{document.path} har fel som hindrar att något registreras i den. Rätta felen som "
            f"'samverkan validate {document.path}' visar och försök igen."
        )
    return document.model


def _check_status(status: str | None, kind: str = "", document_id: str = "ID") -> None:
    if status is not None and status not in STATUS:
        raise UserError(f"--status ska vara en av: {', '.join(STATUS)}, inte '{status}'.")
    if status in ENDED_STATUSES:
        step = "upphavande" if status == "upphavd" else "ersattning"
        extra = " --av NYTT-ID" if status == "ersatt" else ""
        raise UserError(
            f"--status {status} kräver också ett slutdatum{' och det nya dokumentet' if extra else ''}: "
            f"registrera det med samverkan record {step} {document_id}{extra} --datum ÅÅÅÅ-MM-DD."
        )


#: How far from today a date may lie before it is taken for a typing error (0001-01-01, 9999).
_YEARS_AWAY: Final = 100


def _plausible(day: date | None, today: date, flag: str) -> None:
    if day is not None and abs(day.year - today.year) > _YEARS_AWAY:
        raise UserError(
            f"{flag} {day} ligger mer än {_YEARS_AWAY} år från i dag ({today}) och ser ut som ett "
            "skrivfel. Ange datumet som ÅÅÅÅ-MM-DD, t.ex. "
            f"{today.isoformat()}."
        )


def _not_future(day: date, today: date, what: str) -> None:
    if day > today:
        it = "det" if what.startswith("ett ") else "den"
        raise Refused(
            f"Datumet {day} ligger efter i dag ({today}): {what} kan bara registreras när {it} "
            f"har skett. Ange det datum {it} skedde, eller vänta till dess."
        )


def _known(repo: Repository, given: str, flag: str = "--part") -> str:
    """The party's key; Refused when the county does not have it."""
    keys = repo.config.party_keys(given)
    if not keys:
        raise Refused(
            f"{flag}: parten '{given}' finns inte i samverkan.yaml. Ange en av: "
            f"{repo.config.party_choices()}."
        )
    return keys[0]


def _party(repo: Repository, model: Common, given: str, flag: str = "--part") -> str:
    """The party's key; Refused when the county or the document does not have it."""
    key = _known(repo, given, flag)
    if key not in (model.parter or ()):
        listed = ", ".join(model.parter or ()) or "(inga)"
        raise Refused(
            f"{flag}: {repo.config.named(key)} är inte part i {model.id} (parter: {listed}). "
            f"Ange en av dokumentets parter, eller lägg först till {key} i parter."
        )
    return key


def _with_status(steps: list[Step], request: Request) -> tuple[Step, ...]:
    if request.status is not None:
        steps.append(SetKey("status", request.status))
    return tuple(steps)


def _entry(**values: Value | None) -> dict[str, Value]:
    return {key: value for key, value in values.items() if value not in (None, (), [])}


def _stallningstagande(
    repo: Repository, document: Document, model: Common, request: Request
) -> Plan:
    assert request.part and request.datum  # by REQUIRED
    party = _party(repo, model, request.part)
    _not_future(request.datum, request.today, "ett ställningstagande")
    if request.utfall is not None and request.utfall not in UTFALL:
        raise UserError(f"--utfall ska vara en av: {', '.join(UTFALL)}, inte '{request.utfall}'.")
    entry = _entry(
        part=party,
        instans=request.instans,
        datum=request.datum,
        paragraf=request.paragraf,
        utfall=request.utfall,
    )
    steps: list[Step] = [Append("stallningstaganden", entry)]
    return Plan((Change(document.path, _with_status(steps, request)),))


def _underskrift(repo: Repository, document: Document, model: Common, request: Request) -> Plan:
    assert request.part and request.datum
    on_behalf = [_party(repo, model, other, "--for") for other in request.for_]
    # One who signs for others (a kommunförbund for the kommuner, SPEC §8.1) need not be a
    # party of the document itself; only the county must know it.
    party = _known(repo, request.part) if on_behalf else _party(repo, model, request.part)
    _not_future(request.datum, request.today, "en underskrift")
    for signer in (party, *on_behalf):
        _not_rejected(repo, model, signer)
        _decided_first(repo, model, signer, request.datum)
    entry = _entry(
        part=party,
        namn=request.namn,
        befattning=request.befattning,
        datum=request.datum,
        **{"for": list(on_behalf)},  # type: ignore[arg-type]
    )
    steps: list[Step] = [Append("undertecknare", entry)]
    return Plan((Change(document.path, _with_status(steps, request)),))


def _not_rejected(repo: Repository, model: Common, party: str) -> None:
    """A signature for a party whose latest decision rejected the document contradicts it."""
    position = antagande.positions(model).get(party)
    if position is not None and position.utfall == "avslagen":
        raise Refused(
            f"{repo.config.named(party)} avslog dokumentet ({position.instans} "
            f"{position.datum}), så en underskrift för parten motsäger det som står i filen. "
            f"Registrera först partens nya beslut: samverkan record stallningstagande "
            f"{model.id} --part {party}."
        )


def _decided_first(repo: Repository, model: Common, party: str, day: date) -> None:
    """A party signs after its own decision to adopt (SV036): a signature dated before it
    contradicts the file."""
    position = antagande.positions(model).get(party)
    if position is not None and position.utfall == "antagen" and day < position.datum:
        raise Refused(
            f"{repo.config.named(party)} beslutade att anta dokumentet {position.datum} "
            f"({position.instans}), och underskriften kan inte vara daterad före det ({day}). "
            "Ange underskriftens rätta datum."
        )


def _beslut(repo: Repository, document: Document, model: Common, request: Request) -> Plan:
    assert request.datum
    party = _party(repo, model, request.part) if request.part else None
    _not_future(request.datum, request.today, "ett beslut")
    entry = _entry(
        instans=request.instans, datum=request.datum, paragraf=request.paragraf, part=party
    )
    steps: list[Step] = [Append("beslut", entry)]
    return Plan((Change(document.path, _with_status(steps, request)),))


def _faststallande(repo: Repository, document: Document, model: Common, request: Request) -> Plan:
    assert request.av and request.datum
    group = request.av.strip().lower()
    if not repo.is_group(group):
        known = sorted(d.id for d in repo.documents if d.typ == "grupp" and d.id)
        raise Refused(
            f"--av: det finns ingen grupp '{request.av}'. Ange en av: {', '.join(known) or '(inga)'}."
        )
    _not_future(request.datum, request.today, "ett fastställande")
    value = _entry(av=group, datum=request.datum, paragraf=request.paragraf)
    steps: list[Step] = [SetKey("faststalld", value)]
    earlier = model.faststalld
    if earlier is not None and earlier.datum > request.datum:
        raise Refused(
            f"{model.id} fastställdes senast {earlier.datum} ({earlier.av}), efter {request.datum}. "
            "Ett äldre fastställande ersätter inte ett nyare; ändra filen för hand om det som "
            "står där är fel."
        )
    notes = (
        (f"Det tidigare fastställandet ({earlier.av} {earlier.datum}) ersätts av det nya.",)
        if earlier is not None and (earlier.av, earlier.datum) != (group, request.datum)
        else ()
    )
    return Plan((Change(document.path, _with_status(steps, request)),), notes)


def _granskning(repo: Repository, document: Document, model: Common, request: Request) -> Plan:
    day = request.datum or request.today
    _not_future(day, request.today, "en granskning")
    if model.senast_granskad is not None and day < model.senast_granskad:
        raise Refused(
            f"{model.id} granskades senast {model.senast_granskad}, efter {day}: en äldre "
            "granskning ändrar inte när dokumentet senast granskades. Ange datumet för den "
            "granskning som gjordes nu."
        )
    steps: list[Step] = [SetKey("senast_granskad", day)]
    notes: list[str] = []
    if request.nasta is not None and request.nasta <= day:
        raise Refused(
            f"--nasta {request.nasta} är inte efter granskningen ({day}). Ange dagen för nästa "
            "granskning, eller utelämna --nasta så räknas den fram."
        )
    if request.nasta is not None or "nasta_granskning" in document.raw:
        following = request.nasta or _recomputed(repo, model, day)
        if following is not None:
            steps.append(SetKey("nasta_granskning", following))
            notes.append(f"Nästa granskning: {following}.")
    else:
        following = _recomputed(repo, model, day)
        if following is not None:
            notes.append(f"Nästa granskning blir {following} (räknat från granskningsintervallet).")
    return Plan((Change(document.path, _with_status(steps, request)),), tuple(notes))


def _recomputed(repo: Repository, model: Common, day: date) -> date | None:
    reviewed = model.model_copy(update={"senast_granskad": day, "nasta_granskning": None})
    return next_review(reviewed, repo.config)


def _not_ended(model: Common) -> None:
    """An ended document keeps the end it has: a new one would bring it back into force."""
    if model.status == "ersatt":
        raise Refused(
            f"{model.id} är redan ersatt av {model.ersatt_av or 'ett annat dokument'}"
            f"{f' ({model.upphavd_datum})' if model.upphavd_datum else ''}. Inget ändrades; "
            "ändra filen för hand om det som står där är fel."
        )
    if model.status == "upphavd":
        raise Refused(
            f"{model.id} är redan upphävt{f' ({model.upphavd_datum})' if model.upphavd_datum else ''}. "
            "Inget ändrades; ändra filen för hand om datumet är fel."
        )


def _upphavande(repo: Repository, document: Document, model: Common, request: Request) -> Plan:
    assert request.datum
    _not_ended(model)
    steps: list[Step] = [SetKey("status", "upphavd"), SetKey("upphavd_datum", request.datum)]
    return Plan((Change(document.path, tuple(steps)),))


def _ersattning(repo: Repository, document: Document, model: Common, request: Request) -> Plan:
    assert request.av and request.datum
    newer = find(repo, request.av)
    if newer.typ == "grupp":
        raise Refused(
            f"{newer.id} är en grupp, inte ett dokument. Ange med --av id för dokumentet som "
            f"ersätter {model.id} (samverkan list visar dem)."
        )
    newer_model = _model(newer)
    if newer.path == document.path:
        raise Refused(
            f"{model.id} kan inte ersätta sig själv. Ange det nya dokumentets id med --av."
        )
    _not_ended(model)
    if newer_model.status in ENDED_STATUSES:
        raise Refused(
            f"{newer_model.id} gäller inte längre (status {newer_model.status}) och kan inte ersätta "
            f"{model.id}. Ange det dokument som gäller nu med --av."
        )
    old = Change(
        document.path,
        (
            SetKey("status", "ersatt"),
            SetKey("ersatt_av", newer_model.id),
            SetKey("upphavd_datum", request.datum),
        ),
    )
    if model.id in (newer_model.ersatter or ()):
        return Plan((old,))
    return Plan((old, Change(newer.path, (Append("ersatter", model.id),))))


_PLANS: Final[dict[str, Callable[[Repository, Document, Common, Request], Plan]]] = {
    "stallningstagande": _stallningstagande,
    "underskrift": _underskrift,
    "beslut": _beslut,
    "faststallande": _faststallande,
    "granskning": _granskning,
    "upphavande": _upphavande,
    "ersattning": _ersattning,
}
