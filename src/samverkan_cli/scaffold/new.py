"""Plan a new document: its id, its conventional path and its text from the typ's template.

Planning never writes; `samverkan new` shows the plan with --dry-run or creates the one file.
A repository may override any template with its own `mallar/<typ>.md.j2`.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any, Final

from samverkan_cli.diagnostics import Severity
from samverkan_cli.errors import UserError
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.doctypes import BUILTIN, DocTypes
from samverkan_cli.model.vocabulary import (
    DOC_ID,
    ENDED_STATUSES,
    GROUP_ID,
    TYP,
    fold,
)
from samverkan_cli.printable import CONTROL
from samverkan_cli.scaffold.templating import render
from samverkan_cli.slug import slug, slugify

FOLDERS: Final = MappingProxyType(
    {
        "avtal": "dokument/avtal",
        "huvudoverenskommelse": "dokument/huvudoverenskommelser",
        "overenskommelse": "dokument/overenskommelser",
        "rutin": "dokument/rutiner",
        "behandlingslinje": "dokument/behandlingslinjer",
        "riktlinje": "dokument/riktlinjer",
        "projekt": "dokument/projekt",
        "sip-mall": "dokument/sip",
        "handlingsplan": "dokument/handlingsplaner",
        "grupp": "grupper",
        "mote": "moten",
    }
)
#: What a user must give for each typ (flag names), beyond what has a sensible default.
REQUIRED_INPUT: Final = MappingProxyType(
    {
        **{typ: ("titel",) for typ in TYP if typ != "mote"},
        "avtal": ("titel", "parter"),
        "huvudoverenskommelse": ("titel", "parter"),
        "overenskommelse": ("titel", "parter"),
        "rutin": ("titel", "overordnad"),
        "behandlingslinje": ("titel", "overordnad"),
        "mote": ("grupp",),
    }
)
FLAG: Final = MappingProxyType(
    {"titel": "--titel", "parter": "--part", "overordnad": "--overordnad", "grupp": "--grupp"}
)
_EXAMPLE_TITLE: Final = MappingProxyType(
    {"grupp": "Beredningsgruppen", "dokument": "Samverkan kring äldre med stora behov"}
)
_SIP_HEADINGS: Final = MappingProxyType(
    {
        "behov": "Personens behov, situation och önskemål",
        "mål": "Mål för de samordnade insatserna",
        "insatser": "Planerade och beslutade insatser",
        "ansvar": "Ansvar: vilken huvudman och verksamhet gör vad",
        "tidsplan": "Tidsplan för samordningen",
        "samordningsansvarig": "Samordningsansvarig: namn och kontaktuppgifter",
        "samtycke": "Samtycke",
        "uppföljning": "Uppföljning",
    }
)


@dataclass(frozen=True)
class Request:
    """What the user asked for; empty values are what they left out."""

    typ: str
    today: date
    titel: str | None = None
    parter: tuple[str, ...] = ()
    overordnad: str | None = None
    grupp: str | None = None
    datum: date | None = None
    malgrupp: str | None = None


@dataclass(frozen=True)
class Planned:
    """One file to create (path relative to the repository root)."""

    path: str
    text: str
    id: str
    context: dict[str, Any] = field(default_factory=dict, compare=False)


def normalize_typ(value: str, types: DocTypes = BUILTIN) -> str:
    typ = fold(value.strip().lower())
    if typ not in types:
        choices = ", ".join(types)
        close = difflib.get_close_matches(typ, list(types), n=1, cutoff=0.6)
        hint = f" Menade du {close[0]}?" if close else ""
        raise UserError(f"'{value}' är ingen dokumenttyp.{hint} Välj en av: {choices}.")
    return typ


def required_input(typ: str, types: DocTypes = BUILTIN) -> tuple[str, ...]:
    """The flags a typ needs; a county's own typ a title, and its parties when it is signed."""
    if typ in REQUIRED_INPUT:
        return REQUIRED_INPUT[typ]
    return ("titel", "parter") if types.signed(typ) else ("titel",)


def missing_input(request: Request, types: DocTypes = BUILTIN) -> list[str]:
    """The flags a user still has to give for this typ."""
    missing = []
    for name in required_input(request.typ, types):
        value = getattr(request, name)
        too_few = name == "parter" and len(set(value)) < 2
        if not value or too_few:
            missing.append(name)
    return missing


def plan(repo: Repository, request: Request) -> Planned:
    """The file `samverkan new` would create; UserError when input is missing or wrong."""
    missing = missing_input(request, repo.config.types)
    if missing:
        raise UserError(_missing_message(repo.config.types, request.typ, missing))
    request = dataclasses.replace(request, parter=party_keys(repo, request.parter))
    _check_patterns(request)
    _check_title(request)
    _check_references(repo, request)
    identifier = _identifier(repo, request)
    path = _path(repo.config.types, request, identifier)
    _check_folders(repo.root, path)
    if inside(repo.root, path).exists():
        raise UserError(f"{path} finns redan. Inget skrevs; välj en annan titel, grupp eller dag.")
    context = _context(repo, request, identifier)
    typ = repo.config.types.get(request.typ)
    like = None if typ.builtin else ("avtal" if typ.signed else "riktlinje")
    text = render(repo.root, request.typ, context, like=like)
    planned = Planned(path, text, identifier, context)
    _check_valid(repo, planned, request.today)
    return planned


def party_keys(repo: Repository, given: tuple[str, ...]) -> tuple[str, ...]:
    """The parties' keys for what the user wrote: a key in any case, or a party's namn; an
    unknown party is a UserError that suggests the nearest and lists them all."""
    keys: list[str] = []
    for name in given:
        found = repo.config.party_keys(name)
        if not found:
            close = difflib.get_close_matches(name.casefold(), list(repo.config.parter), n=1)
            hint = f" Menade du {close[0]}?" if close else ""
            raise UserError(
                f"Parten '{name}' finns inte i samverkan.yaml.{hint} Parter: "
                f"{repo.config.party_choices()}."
            )
        keys.extend(found)
    return tuple(dict.fromkeys(keys))


def parent_problem(repo: Repository, typ: str, parent_id: str) -> str | None:
    """Why `parent_id` cannot be the overordnad of a new `typ` (None: it can)."""
    types = repo.config.types
    allowed = types.get(typ).rests_on
    parent = repo.get(parent_id)
    if parent is None:
        return f"Det finns inget dokument med id {parent_id} att ange som overordnad."
    if not allowed:
        return (
            f"{types.a(typ).capitalize()} vilar inte på något annat dokument: utelämna overordnad."
        )
    if parent.typ not in allowed:
        names = " eller ".join(types.a(t) for t in allowed)
        examples = ", ".join(parents(repo, typ)[:5])
        return (
            f"{types.a(typ).capitalize()} kan inte vila på {parent_id}, som är "
            f"{types.a(parent.typ or 'okänd typ')}: den vilar på {names}"
            + (f", t.ex. {examples}." if examples else ".")
        )
    status = parent.raw.get("status")
    if isinstance(status, str) and fold(status) in ENDED_STATUSES:
        return (
            f"{parent_id} har status {fold(status)} och gäller inte längre. Ange dokumentet som "
            "gäller nu (det som ersatt det) som overordnad."
        )
    return None


def parents(repo: Repository, typ: str) -> list[str]:
    """The ids a new `typ` may rest on: documents of an allowed typ that have not ended."""
    allowed = repo.config.types.get(typ).rests_on
    return sorted(
        i
        for d in repo.documents
        if d.typ in allowed
        and (i := _valid(DOC_ID, d.id))
        and not (isinstance(s := d.raw.get("status"), str) and fold(s) in ENDED_STATUSES)
    )


def _check_valid(repo: Repository, planned: Planned, today: date) -> None:
    """`new` never writes a file that validate would fail: the planned file is checked with
    every rule in the repository as it would be, and its errors refuse it."""
    from samverkan_cli.loading.cache import digest
    from samverkan_cli.loading.repository import document_from, read
    from samverkan_cli.validate import run_focused

    data = planned.text.encode("utf-8")
    found, held = read(data)
    document = document_from(planned.path, found, held, digest(data), repo.config.types)
    others = [d for d in repo.documents if d.path != planned.path]
    trial = dataclasses.replace(repo, documents=[*others, document])  # its index made anew
    found_now = run_focused(trial, today, [planned.path]).diagnostics
    errors = [d for d in found_now if d.severity is Severity.ERROR]
    if errors:
        found_lines = "\n".join(f"  {d.code} rad {d.line}: {d.message}" for d in errors)
        raise UserError(
            f"Inget skrevs: {planned.path} skulle inte klara validate:\n{found_lines}\n"
            "Rätta uppgifterna ovan och försök igen."
        )


def _missing_message(types: DocTypes, typ: str, missing: list[str]) -> str:
    flags = ", ".join(FLAG[name] for name in missing)
    message = f"Det saknas uppgifter för {types.get(typ).a_new()}: ange {flags}."
    if "parter" in missing:
        message += " Ange --part en gång per part, minst två parter."
    return message + " (Kör kommandot i en terminal för att bli tillfrågad.)"


def _check_patterns(request: Request) -> None:
    """Refuse ids that break their pattern: they are never used to build a path."""
    if request.grupp is not None and not _valid(GROUP_ID, request.grupp):
        raise UserError(
            f"--grupp '{request.grupp}' är inget giltigt grupp-id: ett grupp-id har små bokstäver "
            f"a-z, siffror och bindestreck och börjar med en bokstav eller siffra "
            f"({GROUP_ID.pattern}), t.ex. bg eller lsg-aldre."
        )
    if request.overordnad is not None and not _valid(DOC_ID, request.overordnad):
        raise UserError(
            f"--overordnad '{request.overordnad}' är inget giltigt dokument-id: ett id har två "
            f"till fyra stora bokstäver, bindestreck och fyra siffror ({DOC_ID.pattern}), "
            "t.ex. OVK-0001."
        )


def _check_title(request: Request) -> None:
    """A title needs letters or digits: a group's id and a document's file name are made of them."""
    title = request.titel
    if title is None:
        return
    control = CONTROL.search(title)
    if control is not None:
        raise UserError(
            f"Titeln innehåller ett osynligt styrtecken (U+{ord(control.group()):04X}) på plats "
            f"{control.start() + 1}. Skriv titeln på nytt i stället för att klistra in den."
        )
    if not any(character.isalnum() for character in title):
        raise UserError(
            f"Titeln '{title}' har inga bokstäver eller siffror. Ange en titel med bokstäver, "
            f't.ex. --titel "{_EXAMPLE_TITLE.get(request.typ, _EXAMPLE_TITLE["dokument"])}".'
        )
    if request.typ == "grupp" and not slug(title):
        raise UserError(
            f"Titeln '{title}' ger inget grupp-id: id:t bildas av titelns bokstäver a–z (å, ä "
            "och ö blir a och o) och siffror, och titeln har inga sådana. Ange en titel med "
            f'sådana bokstäver, t.ex. --titel "{_EXAMPLE_TITLE["grupp"]}".'
        )


def inside(root: Path, relative: str) -> Path:
    """`root / relative`, refused unless it lands inside `root` once links are followed."""
    target = root / relative
    if not target.resolve().is_relative_to(root.resolve()):
        raise UserError(
            f"{relative} skulle hamna utanför dokumentarkivet ({target.resolve()}), till exempel "
            "genom en symbolisk länk. Inget skrevs; ta bort länken eller välj en annan sökväg."
        )
    return target


def _check_folders(root: Path, relative: str) -> None:
    """Refuse when a folder on the way to `relative` is a file (the year's folder of meetings,
    say): the new file could not be made, and it would not be true that it exists."""
    folders = PurePosixPath(relative).parts[:-1]
    for depth in range(1, len(folders) + 1):
        folder = "/".join(folders[:depth])
        found = root / folder
        if found.exists() and not found.is_dir():
            raise UserError(
                f"{folder} är en fil, inte en mapp, så {relative} kan inte skapas där. Inget "
                f"skrevs; byt namn på eller flytta filen {folder} och försök igen."
            )


def _check_references(repo: Repository, request: Request) -> None:
    unknown = [p for p in request.parter if p not in repo.config.parter]
    if unknown:
        known = ", ".join(repo.config.parter) or "(inga)"
        raise UserError(
            f"Parten {', '.join(unknown)} finns inte i samverkan.yaml. Parter: {known}."
        )
    if request.overordnad:
        problem = parent_problem(repo, request.typ, request.overordnad)
        if problem:
            raise UserError(problem)
    if request.grupp and not repo.is_group(request.grupp):
        raise UserError(
            f"Gruppen '{request.grupp}' finns inte. Grupper: {', '.join(groups(repo)) or '(inga)'}."
        )


def groups(repo: Repository) -> list[str]:
    """The ids `new` may use for a group: those of groups, where they follow the pattern."""
    return sorted(i for d in repo.documents if d.typ == "grupp" and (i := _valid(GROUP_ID, d.id)))


def _valid(pattern: re.Pattern[str], value: str | None) -> str:
    """`value` when it follows `pattern` (the whole of it), else the empty string."""
    return value if isinstance(value, str) and pattern.fullmatch(value) else ""


def next_id(repo: Repository, prefix: str) -> str:
    """One more than the highest number in use with this prefix (gaps are never reused)."""
    pattern = re.compile(rf"^{prefix}-(\d{{4}})$")
    used = [int(m[1]) for key in repo.by_id if (m := pattern.match(key))]
    number = max(used, default=0) + 1
    if number > 9999:
        raise UserError(f"Alla id:n {prefix}-0001 … {prefix}-9999 är använda.")
    return f"{prefix}-{number:04d}"


def _identifier(repo: Repository, request: Request) -> str:
    if request.typ == "mote":
        return f"{_day(request).isoformat()}-{request.grupp}"
    if request.typ == "grupp":
        identifier = slug(request.titel or "")  # not empty: see _check_title
        if identifier in repo.by_id:
            raise UserError(f"Det finns redan en grupp eller ett dokument med id '{identifier}'.")
        return identifier
    prefix = repo.config.types.get(request.typ).prefix
    assert prefix is not None  # every document typ has one: built in, or required by the config
    return next_id(repo, prefix)


def _day(request: Request) -> date:
    return request.datum or request.today


def _path(types: DocTypes, request: Request, identifier: str) -> str:
    folder = FOLDERS.get(request.typ) or types.get(request.typ).folder or "dokument"
    if request.typ == "mote":
        return f"{folder}/{_day(request).year}/{identifier}.md"
    if request.typ == "grupp":
        return f"{folder}/{identifier}.md"
    return f"{folder}/{identifier}-{slugify(request.titel or '')}.md"


def sip_headings(sections: list[str | list[str]]) -> list[str]:
    """A heading per required SIP section, each containing its word."""
    headings = []
    for section in sections:
        words = [section] if isinstance(section, str) else section
        if len(words) == 1:
            headings.append(_SIP_HEADINGS.get(words[0], words[0].capitalize()))
        else:
            headings.append(f"{words[0].capitalize()} och {' och '.join(words[1:])}")
    return headings


def _context(repo: Repository, request: Request, identifier: str) -> dict[str, Any]:
    group = repo.group(request.grupp) if request.grupp else None
    return {
        "id": identifier,
        "typ": request.typ,
        "typ_label": repo.config.types.label(request.typ),
        "titel": request.titel or "",
        "parter": list(dict.fromkeys(request.parter)),
        "party_names": {k: p.namn for k, p in repo.config.parter.items()},
        "party_types": {k: p.typ for k, p in repo.config.parter.items()},
        "overordnad": request.overordnad,
        "grupp": request.grupp,
        "group_name": group.titel if group else request.grupp,
        "datum": _day(request).isoformat(),
        "today": request.today.isoformat(),
        "ar": _day(request).year,
        "malgrupp": request.malgrupp or "Beskriv målgruppen",
        "sip_headings": sip_headings(repo.config.sip_avsnitt),
        "lagkrav_keys": list(repo.config.lagkrav),
        "routes": list(repo.config.types.get(request.typ).routes),
    }
