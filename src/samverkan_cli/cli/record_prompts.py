"""Ask for what a `record` command is missing, with the repository's choices (terminal only)."""

from __future__ import annotations

import dataclasses
from datetime import date

from rich.console import Console
from rich.text import Text

from samverkan_cli import antagande
from samverkan_cli.cli.prompts import Prompt
from samverkan_cli.cli.terminal import visible
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.documents import Common
from samverkan_cli.model.vocabulary import ENDED_STATUSES, UTFALL
from samverkan_cli.recording.steps import Request, find, missing

_LABELS = {
    "instans": "Instans som beslutade (t.ex. KS eller SN)",
    "namn": "Undertecknarens namn",
    "befattning": "Befattning (t.ex. Socialchef)",
}


def complete(repo: Repository, request: Request) -> Request:
    """The request with every missing required value asked for."""
    console = Console(stderr=True, highlight=False)
    document = find(repo, request.document)  # an unknown id is said before any question
    console.print(Text(visible(f"{document.id}: svara på frågorna (Ctrl-C avbryter).")))
    for name in missing(request):
        answer = _ask(repo, request, name, console)
        request = dataclasses.replace(request, **{name: answer})  # type: ignore[arg-type]
    for name in _OPTIONAL.get(request.kind, ()):
        if getattr(request, name) is None:
            request = dataclasses.replace(request, **{name: _optional(name, console)})  # type: ignore[arg-type]
    return request


#: What a step may carry beside what it needs, asked for too: an avslag typed in a terminal must
#: not be written as antagen for want of a question.
_OPTIONAL = {
    "stallningstagande": ("utfall", "paragraf"),
    "beslut": ("paragraf",),
    "faststallande": ("paragraf",),
}


def _optional(name: str, console: Console) -> str | None:
    if name == "utfall":
        choices = ", ".join(UTFALL)
        while True:
            answer = Prompt.ask(f"Utfall ({choices})", console=console, default="antagen").strip()
            if answer in UTFALL:
                return answer
            _say(console, f"Välj en av: {choices}.")
    answer = Prompt.ask("Paragraf (t.ex. § 45; tomt om ingen)", console=console, default="")
    return answer.strip() or None


def _ask(repo: Repository, request: Request, name: str, console: Console) -> object:
    if name == "part":
        return _party(repo, request, console)
    if name == "datum":
        return _day(request.today, console)
    if name == "av":
        return _av(repo, request, console)
    while True:
        answer = Prompt.ask(_LABELS[name], console=console).strip()
        if answer:
            return answer


def _party(repo: Repository, request: Request, console: Console) -> str:
    document = find(repo, request.document)
    own = [p for p in document.raw.get("parter") or () if isinstance(p, str)]
    waiting = _waiting(repo, document, request)
    for key in own:
        mark = "  (har inte tagit ställning)" if key in waiting else ""
        console.print(Text(visible(f"  {key:<24} {repo.config.named(key)}{mark}")))
    while True:
        answer = Prompt.ask("Part (nyckeln ovan)", console=console).strip()
        keys = repo.config.party_keys(answer)
        if keys and keys[0] in own:
            return keys[0]
        _say(console, f"Välj en av dokumentets parter: {', '.join(own) or '(inga)'}.")


def _waiting(repo: Repository, document: Document, request: Request) -> set[str]:
    """The parties still to decide, marked in the list a ställningstagande is chosen from."""
    model = document.model
    if request.kind != "stallningstagande" or not isinstance(model, Common):
        return set()
    return set(antagande.pending(model, repo.config))


def _day(today: date, console: Console) -> date:
    while True:
        answer = Prompt.ask("Datum (ÅÅÅÅ-MM-DD)", console=console, default=str(today)).strip()
        try:
            return date.fromisoformat(answer)
        except ValueError:
            _say(console, f"Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. {today}.")


def _av(repo: Repository, request: Request, console: Console) -> str:
    document = find(repo, request.document)
    if request.kind == "faststallande":
        groups = sorted(d.id for d in repo.documents if d.typ == "grupp" and d.id)
        typ = document.typ or ""
        allowed = [g for g in groups if repo.config.may_adopt(typ, g)]
        known = allowed or groups  # a typ with no faststallare: any group may
        label = "Grupp som fastställde (id)"
    else:
        known = sorted(
            d.id
            for d in repo.documents
            if d.id
            and d.typ not in ("mote", "grupp")
            and d.path != document.path
            and d.raw.get("status") not in ENDED_STATUSES
        )
        label = "Det nya dokumentets id"
    console.print(Text(visible(f"  Att välja: {', '.join(known) or '(inga)'}")))
    while True:
        answer = Prompt.ask(label, console=console).strip()
        if answer in known or answer.upper() in known:
            return answer if answer in known else answer.upper()
        _say(console, f"'{answer}' finns inte. Välj en av: {', '.join(known)}.")


def _say(console: Console, message: str) -> None:
    console.print(Text(visible(message), style="red"))
