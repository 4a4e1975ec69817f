"""The site's logo: a raster image as it is, an SVG only as drawing with nothing active in it.

A PNG or JPEG is published byte for byte, but only when its bytes begin as that format does;
an SVG only as its drawing (both judged by samverkan_cli.filetypes, which the attachments of
documents share). `problem` says in Swedish why a configured logo is not published.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from samverkan_cli.fileio import RefusedFile, read_repository_file
from samverkan_cli.filetypes import begins_as, safe_svg

SUFFIXES: Final = (".png", ".jpg", ".jpeg", ".svg")
_FORMAT: Final = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_SETTING: Final = "webbplats.logo i samverkan.yaml"


def is_image(data: bytes, suffix: str) -> bool:
    """Whether `data` begins as a file of the raster format its `suffix` names (.png, .jpg,
    .jpeg, in any case); False for any other suffix, an SVG too (see safe_svg)."""
    return suffix.lower() in _FORMAT and begins_as(data, suffix)


def publishable(data: bytes, suffix: str) -> bytes | None:
    """What is published of a logo with these bytes: a raster image as it is, an SVG made
    safe; None when it is neither (then no logo is published)."""
    if suffix.lower() == ".svg":
        return safe_svg(data)
    return data if is_image(data, suffix) else None


def problem(root: Path, name: str | None) -> str | None:
    """Why the logo `name` (webbplats.logo, relative to the repository `root`) is not
    published, in Swedish with the fix; None when it is, or when none is configured."""
    if not name:
        return None
    path = (root / name).resolve()
    shown = f"Logotypen '{name}' ({_SETTING})"
    if root.resolve() not in path.parents:
        return f"{shown} ligger utanför dokumentarkivet och publiceras inte. Lägg bilden i arkivet."
    if not os.path.lexists(root / name):
        return f"{shown} finns inte och publiceras inte. Rätta sökvägen eller lägg bilden där."
    if path.suffix.lower() not in SUFFIXES:
        return (
            f"{shown} publiceras inte: en logotyp ska vara en PNG-, JPEG- eller SVG-fil (.png, "
            ".jpg, .jpeg eller .svg)."
        )
    return _content_problem(root, path, shown)


def _content_problem(root: Path, path: Path, shown: str) -> str | None:
    try:
        data = read_repository_file(root, path)
    except RefusedFile as refused:
        return f"{shown} läses inte och publiceras inte: {refused.message}"
    except OSError as error:
        return f"{shown} kan inte läsas ({error.strerror}) och publiceras inte."
    if publishable(data, path.suffix) is not None:
        return None
    if path.suffix.lower() == ".svg":
        return (
            f"{shown} publiceras inte: SVG-filen går inte att läsa som en ren bild (den är "
            "trasig, för stor, eller har DOCTYPE eller ENTITY). Spara om den som vanlig SVG, "
            "eller använd en PNG-bild."
        )
    kind = _FORMAT[path.suffix.lower()]
    return (
        f"{shown} publiceras inte: filen är ingen {kind}-bild (den börjar inte som en "
        f"{kind}-fil gör). Spara bilden som {kind}, eller ge filen det filnamnstillägg som "
        "hör till dess format."
    )
