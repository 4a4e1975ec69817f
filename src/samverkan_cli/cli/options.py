"""Options shared by every command, resolved once into a frozen Settings object."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer

from samverkan_cli.config import CONFIG_FILE, find_root
from samverkan_cli.errors import UserError

Repo = Annotated[
    Path | None,
    typer.Option(
        "--repo",
        "-C",
        metavar="MAPP",
        help="Dokumentarkivets mapp (annars letar samverkan uppåt från den här mappen).",
    ),
]
Today = Annotated[
    str | None,
    typer.Option(
        "--today",
        metavar="ÅÅÅÅ-MM-DD",
        help="Räkna som om dagens datum vore ÅÅÅÅ-MM-DD (för rapporter och tester).",
    ),
]

#: Accepted after the command's name too (`samverkan validate --debug`), as the internal-error
#: text asks; the error boundary reads it from the arguments wherever it stands.
Debug = Annotated[bool, typer.Option("--debug", help="Visa hela felspårningen vid interna fel.")]


@dataclass(frozen=True)
class GlobalOptions:
    """Options given before the command's name (`samverkan -C arkiv validate`)."""

    repo: Path | None = None
    today: str | None = None
    debug: bool = False


@dataclass(frozen=True)
class Settings:
    root: Path
    today: date
    #: The -C folder: relative paths on the command line start there, like with `git -C`.
    base: Path | None
    #: Whether the caches in .samverkan/cache may be used (off with SAMVERKAN_NO_CACHE=1). Read
    #: here, at the edge, and passed down: the core never reads the environment.
    use_cache: bool = True

    def here(self, path: Path) -> Path:
        """A path given on the command line: a relative one starts in the -C folder, as with
        `git -C` (and `make -C`, `tar -C`); without -C, in the current folder."""
        return self.base / path if self.base else path


def parse_day(text: str, flag: str) -> date:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise UserError(f"{flag} ska vara ett datum ÅÅÅÅ-MM-DD, t.ex. 2026-01-01, inte '{text}'.")


def parse_url(text: str, flag: str, example: str, absent: str = "") -> str:
    """An absolute http(s) address; `javascript:`, `data:`, a relative or an empty one is refused.

    `absent` says what happens without the flag, for the message about an empty value.
    """
    if not text.strip():
        raise UserError(
            f"{flag} är tom. Ange en adress som börjar med https://, t.ex. {example}, eller "
            f"utelämna flaggan{absent}."
        )
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    unsafe = any(c.isspace() or not c.isprintable() for c in text)
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc or unsafe:
        raise UserError(
            f"{flag} ska vara en webbadress som börjar med https:// eller http://, t.ex. "
            f"{example}, inte '{text}'."
        )
    return text


def parse_today(text: str | None) -> date:
    return date.today() if text is None else parse_day(text, "--today")


def _global(ctx: typer.Context) -> GlobalOptions:
    obj: Any = ctx.find_root().obj
    return obj if isinstance(obj, GlobalOptions) else GlobalOptions()


def today_of(ctx: typer.Context, today: str | None) -> date:
    return parse_today(today or _global(ctx).today)


def resolve(ctx: typer.Context, repo: Path | None, today: str | None) -> Settings:
    """The repository root and today's date from the command's and the global options."""
    start = repo or _global(ctx).repo
    if start is not None and not start.is_dir():
        raise UserError(f"Mappen '{start}' finns inte. Ange dokumentarkivets mapp med -C.")
    root = find_root(start or Path.cwd())
    if root is None:
        where = f"'{start}'" if start else "den här mappen"
        raise UserError(
            f"Hittar ingen {CONFIG_FILE} i {where} eller någon mapp ovanför. Gå till dokumentarkivet "
            "eller ange det med -C MAPP. Ett nytt arkiv skapas med 'samverkan init MAPP'."
        )
    return Settings(root, today_of(ctx, today), start, use_cache=_caches_allowed())


def _caches_allowed() -> bool:
    import os

    return os.environ.get("SAMVERKAN_NO_CACHE", "") in ("", "0")


def check_format(name: str, formats: tuple[str, ...] | list[str]) -> str:
    """`name` if it is one of a command's `formats`, else a Swedish usage error listing them."""
    if name not in formats:
        raise UserError(f"Okänt format '{name}'. Välj ett av: {', '.join(formats)}.")
    return name
