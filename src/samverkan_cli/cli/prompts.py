"""Ask for what `new` is missing, with choices taken from the repository (terminal only)."""

from __future__ import annotations

import dataclasses

from rich.console import Console
from rich.prompt import Prompt as _RichPrompt
from rich.text import Text

from samverkan_cli.cli.terminal import visible
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.vocabulary import a_new
from samverkan_cli.rules.references import ALLOWED_PARENTS
from samverkan_cli.scaffold.new import Request, documents, groups, missing_input


class Prompt(_RichPrompt):
    """rich's prompt, answering in Swedish when the answer is not one of the choices."""

    illegal_choice_message = "[prompt.invalid.choice]Välj ett av alternativen."
    validate_error_message = "[prompt.invalid]Skriv ett giltigt värde."


def complete(repo: Repository, request: Request) -> Request:
    """The request with every missing required value asked for."""
    console = Console(stderr=True, highlight=False)
    console.print(f"{a_new(request.typ).capitalize()}: svara på frågorna (Ctrl-C avbryter).")
    for name in missing_input(request):
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
    keys = list(repo.config.parter)
    for key, party in repo.config.parter.items():
        console.print(Text(visible(f"  {key:<24} {party.namn}")))
    while True:
        answer = Prompt.ask(
            "Parter (nycklarna ovan, med komma emellan, minst två)", console=console
        )
        chosen = tuple(dict.fromkeys(p.strip() for p in answer.split(",") if p.strip()))
        unknown = [p for p in chosen if p not in keys]
        if unknown:
            console.print(Text(visible(f"Okänd part: {', '.join(unknown)}"), style="red"))
        elif len(chosen) >= 2:
            return chosen


def _overordnad(repo: Repository, request: Request, console: Console) -> str:
    allowed = ALLOWED_PARENTS.get(request.typ, ())
    choices = documents(repo, allowed)
    for document in sorted(repo.documents, key=lambda d: d.id or ""):
        if document.id in choices:
            console.print(Text(visible(f"  {document.id}  {document.raw.get('titel', '')}")))
    return Prompt.ask(
        "Överordnat dokument (id)", choices=choices, show_choices=False, console=console
    )


def _grupp(repo: Repository, _request: Request, console: Console) -> str:
    return Prompt.ask("Grupp", choices=groups(repo), console=console)


_ASK = {"titel": _titel, "parter": _parter, "overordnad": _overordnad, "grupp": _grupp}
