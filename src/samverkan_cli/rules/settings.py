"""What samverkan.yaml must say for the published site (SV091).

The accessibility statement (lag 2018:1937) every page links to is made from
`webbplats.tillganglighet`; the site never shows setup instructions to visitors, so what is
missing is said here, to the maintainer, as a warning on samverkan.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from samverkan_cli.catalog import severity
from samverkan_cli.config import CONFIG_FILE
from samverkan_cli.diagnostics import Diagnostic
from samverkan_cli.fileio import RefusedFile, read_repository_file
from samverkan_cli.rules.registry import Context, check

_KEY = re.compile(r"^[ \t]*([a-z_]+)[ \t]*:", re.MULTILINE)


@check("SV091")
def accessibility_statement(ctx: Context) -> Iterator[Diagnostic]:
    statement = ctx.config.webbplats.tillganglighet
    problems = []
    if not (statement.kontakt or "").strip():
        problems.append(
            "Tillgänglighetsredogörelsen saknar kontaktväg: lagen (2018:1937) kräver att den säger "
            "hur besökare kan påtala brister. Ange webbplats: tillganglighet: kontakt: i "
            "samverkan.yaml, t.ex. en e-postadress eller ett formulär."
        )
    written = statement.model_fields_set  # left out, the site says what the brister say
    if "efterlevnad" in written and statement.efterlevnad == "delvis" and not statement.brister:
        problems.append(
            "Tillgänglighetsredogörelsen säger efterlevnad: delvis men listar inga brister, så "
            "webbplatsen visar den som helt förenlig. Lista de kända bristerna under brister:, "
            "eller skriv efterlevnad: full."
        )
    if "efterlevnad" in written and statement.efterlevnad == "full" and statement.brister:
        problems.append(
            "Tillgänglighetsredogörelsen säger efterlevnad: full men listar brister. Skriv "
            "efterlevnad: delvis, eller ta bort bristerna som är åtgärdade."
        )
    if problems:
        line = config_line(ctx, "tillganglighet", "webbplats", "namn")
        for message in problems:
            yield Diagnostic("SV091", severity("SV091"), CONFIG_FILE, line, 1, None, message)


def config_line(ctx: Context, *keys: str) -> int:
    """The line in samverkan.yaml of the first of `keys` written there (1 when none is)."""
    try:
        text = read_repository_file(ctx.repo.root, ctx.repo.root / CONFIG_FILE).decode("utf-8")
    except (OSError, RefusedFile, UnicodeDecodeError):
        return 1
    found: dict[str, int] = {}
    for match in _KEY.finditer(text):
        found.setdefault(match[1], text.count("\n", 0, match.start()) + 1)
    return next((found[key] for key in keys if key in found), 1)
