"""Ask for what `new` is missing, with choices taken from the repository (terminal only)."""

from __future__ import annotations

import dataclasses
import difflib

from rich.console import Console
from rich.prompt import Prompt as _RichPrompt
from rich.text import Text

from samverkan_cli.cli.terminal import visible
from samverkan_cli.errors import UserError
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.vocabulary import STATUS
from samverkan_cli.scaffold.new import (
    Request,
    groups,
    missing_input,
    parent_problem,
    parents,
    party_keys,
)


class Prompt(_RichPrompt):
    """rich's prompt, answering in Swedish when the answer is not one of the choices."""

    illegal_choice_message = "[prompt.invalid.choice]Välj ett av alternativen ovan."
    validate_error_message = "[prompt.invalid]Skriv ett giltigt värde."


def complete(repo: Repository, request: Request) -> Request:
    """The request with every missing required value asked for."""
    console = Console(stderr=True, highlight=False)
    typ = repo.config.types.get(request.typ)
    console.print(f"{typ.a_new().capitalize()}: svara på frågorna (Ctrl-C avbryter).")
    for name in missing_input(request, repo.config.types):
        answer: object = _ASK[name](repo, request, console)
        request = dataclasses.replace(request, **{name: answer})  # type: ignore[arg-type]
    if request.typ == "overenskommelse" and not request.malgrupp:
        request = dataclasses.replace(request, malgrupp=_text("Målgrupp", console))
    return request


def _text(label: str, console: Console) -> str:
    while True:
        answer = Prompt.ask(label, console=console).strip()
        if answer:
            return answer


def _titel(_repo: Repository, _request: Request, console: Console) -> str:
    return _text("Titel", console)


def _parter(repo: Repository, _request: Request, console: Console) -> tuple[str, ...]:
    for key, party in repo.config.parter.items():
        console.print(Text(visible(f"  {key:<24} {party.namn}")))
    while True:
        answer = Prompt.ask(
            "Parter (nycklarna eller namnen ovan, med komma emellan, minst två)", console=console
        )
        given = tuple(p.strip() for p in answer.split(",") if p.strip())
        try:
            chosen = party_keys(repo, given)
        except UserError as error:
            _say(console, str(error))
            continue
        if len(chosen) >= 2:
            return chosen
        _say(
            console, "Ange minst två parter: ett avtal eller en överenskommelse har två eller fler."
        )


def _overordnad(repo: Repository, request: Request, console: Console) -> str:
    choices = parents(repo, request.typ)
    for document in sorted(repo.documents, key=lambda d: d.id or ""):
        if document.id in choices:
            status = str(document.raw.get("status", ""))
            shown = f" ({STATUS.get(status, status)})" if status != "beslutad" else ""
            console.print(Text(visible(f"  {document.id}  {document.raw.get('titel', '')}{shown}")))
    while True:
        answer = Prompt.ask("Överordnat dokument (id)", console=console).strip().upper()
        problem = parent_problem(repo, request.typ, answer) if answer else "Ange ett id ovan."
        if problem is None:
            return answer
        _say(console, problem)


def _grupp(repo: Repository, _request: Request, console: Console) -> str:
    known = groups(repo)
    console.print(Text(visible(f"  Grupper: {', '.join(known) or '(inga)'}")))
    while True:
        answer = Prompt.ask("Grupp (id)", console=console).strip().lower()
        if answer in known:
            return answer
        close = difflib.get_close_matches(answer, known, n=1)
        hint = f" Menade du {close[0]}?" if close else ""
        _say(console, f"Det finns ingen grupp '{answer}'.{hint} Välj en av: {', '.join(known)}.")


def _say(console: Console, message: str) -> None:
    console.print(Text(visible(message), style="red"))


_ASK = {"titel": _titel, "parter": _parter, "overordnad": _overordnad, "grupp": _grupp}
