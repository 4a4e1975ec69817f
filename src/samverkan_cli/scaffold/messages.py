"""What went wrong in a repository's template, in Swedish, with the fix.

Jinja's and Python's messages are English; they are not shown. A syntax error is described from
its known shapes (the block left open, the unknown tag, the token expected), any other fault by
its kind. The sandbox's own messages (scaffold.sandbox) are Swedish already.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from samverkan_cli.scaffold.limits import (
    Limits,
    TemplateFault,
    TemplateTimeout,
    out_of_memory,
    timed_out,
)

TEMPLATE_FOLDER: Final = "mallar"
_FIX_SYNTAX: Final = "Rätta Jinja-syntaxen, eller ta bort filen så används den inbyggda mallen."
#: Jinja's names for its tokens, as they are written in a template.
_TOKENS: Final = {
    "end of statement block": "%}",
    "begin of statement block": "{%",
    "end of print statement": "}}",
    "begin of print statement": "{{",
    "end of comment": "#}",
    "begin of comment": "{#",
    "end of template": "mallens slut",
    "template data / text": "text",
    "name": "ett namn",
    "integer": "ett tal",
    "float": "ett tal",
    "string": "en text",
}


def _token(description: str) -> str:
    return _TOKENS.get(description, description)


def _open_block(match: re.Match[str]) -> str:
    block = match["block"] or ""
    if not block:
        return "mallen tar slut mitt i ett uttryck eller en tagg"
    return f"mallen tar slut innan blocket '{block}' är avslutat: lägg till {{% end{block} %}}"


def _unknown_tag(match: re.Match[str]) -> str:
    return (
        f"taggen '{match['tag']}' finns inte eller står på fel plats (är blocken rätt "
        "avslutade, t.ex. {% endif %} och {% endfor %}?)"
    )


#: A syntax error's message → the Swedish description; the first that matches is used.
_SYNTAX: Final[tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...]] = (
    (
        re.compile(r"^Unexpected end of template\..*?(?:closed is '(?P<block>\w+)'|$)", re.S),
        _open_block,
    ),
    (re.compile(r"^Encountered unknown tag '(?P<tag>[^']*)'"), _unknown_tag),
    (
        re.compile(r"^unexpected end of template, expected '(?P<want>.*)'\.$"),
        lambda m: f"mallen tar slut där det ska stå {_token(m['want'])}",
    ),
    (
        re.compile(r"^expected token '(?P<want>.*)', got '(?P<got>.*)'$"),
        lambda m: f"här ska det stå {_token(m['want'])}, men det står {_token(m['got'])}",
    ),
    (
        re.compile(r"^Expected an expression, got '(?P<got>.*)'$"),
        lambda m: f"här saknas ett uttryck: det står {_token(m['got'])}",
    ),
    (
        re.compile(r"^unexpected '(?P<got>.*)'(?:, expected '(?P<want>.*)')?$"),
        lambda m: (
            f"'{_token(m['got'])}' står på fel plats"
            + (f" (det ska stå '{_token(m['want'])}')" if m["want"] else "")
        ),
    ),
    (
        re.compile(r"^unexpected char '(?P<char>.*)' at \d+$"),
        lambda m: f"tecknet '{m['char']}' hör inte hemma här",
    ),
    (
        re.compile(r"^No filter named '(?P<name>[^']*)'"),
        lambda m: f"filtret '{m['name']}' finns inte",
    ),
    (re.compile(r"^No test named '(?P<name>[^']*)'"), lambda m: f"testet '{m['name']}' finns inte"),
    (
        re.compile(r"^Block '(?P<name>[^']*)' defined twice$"),
        lambda m: f"blocket '{m['name']}' finns två gånger",
    ),
    (re.compile(r"^tag name expected$"), lambda m: "efter {% saknas taggens namn"),
    (re.compile(r"^Missing end of comment tag$"), lambda m: "en kommentar {# saknar sitt #}"),
    (re.compile(r"^Missing end of raw directive$"), lambda m: "{% raw %} saknar sitt {% endraw %}"),
)


def _known(message: str) -> str | None:
    """Jinja's message in Swedish, when it has one of the known shapes."""
    for pattern, describe in _SYNTAX:
        found = pattern.search(message)
        if found:
            return describe(found)
    return None


def syntax(message: str) -> str:
    """A Jinja syntax error's message, in Swedish."""
    known = _known(message)
    if known:
        return f"mallen har ett syntaxfel ({known}). {_FIX_SYNTAX}"
    return (
        "mallen har ett syntaxfel: kontrollera att varje {{ … }}, {% … %} och {# … #} är rätt "
        f"skrivet och att varje block är avslutat. {_FIX_SYNTAX}"
    )


#: Faults of a template's expressions, by the kind of Python error, in Swedish.
_KINDS: Final[tuple[tuple[type[BaseException], str], ...]] = (
    (ZeroDivisionError, "den delar med noll"),
    (OverflowError, "den räknar med ett för stort tal"),
    (RecursionError, "ett makro eller en include anropar sig självt i för många led"),
    (
        TypeError,
        "den använder ett värde av fel slag, t.ex. räknar med en text som med ett tal, eller "
        "ger ett filter eller en funktion fel sorts värde",
    ),
    (LookupError, "den hämtar ett element som inte finns"),
    (UnicodeError, "den gör om text mellan teckenkodningar, och det går inte"),
)


def describe(error: BaseException, names: list[str], limits: Limits) -> str:
    """A Swedish description of `error` from a repository template, with the fix."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError, TemplateError

    values = ", ".join(names)
    if isinstance(error, TemplateTimeout):
        return timed_out(limits).message
    if isinstance(error, MemoryError):
        return out_of_memory().message
    if isinstance(error, TemplateFault):
        return error.message
    if isinstance(error, TemplateSyntaxError):
        return syntax(error.message or "")
    if isinstance(error, SecurityError):
        return (
            f"mallen använder något som en mall inte får använda ({error}). En mall får använda "
            f"värdena {values} och filtret q, men inga egenskaper som börjar med _ och inga "
            "metoder som ändrar ett värde."
        )
    if isinstance(error, UndefinedError):
        return f"mallen använder ett värde som inte finns ({error}). Värden: {values}."
    if isinstance(error, TemplateNotFound):
        return (
            f"mallen tar med '{error.name}', som inte finns i {TEMPLATE_FOLDER}/ eller bland de "
            "inbyggda mallarna. Rätta namnet."
        )
    if isinstance(error, TemplateError):
        known = _known(error.message or "")
        if known:
            return f"mallen gick inte att fylla i ({known}). Rätta mallen."
        return "mallen gör något som Jinja inte tillåter där det står. Rätta mallen."
    return f"mallen gick inte att fylla i: {_kind(error)}. Rätta mallen."


def _kind(error: BaseException) -> str:
    if isinstance(error, ValueError) and "digits" in str(error):
        return "den gör om ett tal med fler än 4 300 siffror till text, eller tvärtom"
    for kind, description in _KINDS:
        if isinstance(error, kind):
            return description
    if isinstance(error, ValueError):
        return "den ger en funktion eller ett filter ett ogiltigt värde"
    return f"ett oväntat fel ({type(error).__name__}) i ett uttryck"
