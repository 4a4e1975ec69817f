"""Checks that a public output runs no script of a user's and says nothing of a hidden document."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

#: The only script the site itself ships, by its src; anything else is a user's.
OWN_SCRIPTS = ("static/filter.js",)


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            text = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "data") and (
                text.startswith(("javascript:", "vbscript:", "data:text/html"))
            ):
                self.found.append(f"<{tag} {name}={text[:20]}>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.endswith(OWN_SCRIPTS):
                self.found.append(f"<script src={src!r}>")
        if tag in ("iframe", "object", "embed", "base", "meta") and tag != "meta":
            self.found.append(f"<{tag}>")


def scripts_in(html: str) -> list[str]:
    """Every place in `html` where a script of the user's could run."""
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return parser.found


def public_text(folder: Path) -> dict[str, str]:
    """Every file under `folder` as text (xlsx unzipped), by its relative path."""
    import zipfile

    texts: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(folder).as_posix()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                texts[relative] = "".join(
                    archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                )
        else:
            texts[relative] = path.read_bytes().decode("utf-8", "replace")
    return texts
