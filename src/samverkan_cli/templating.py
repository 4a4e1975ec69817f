"""The one factory for the tool's own Jinja templates: HTML is escaped by construction.

Keying autoescape on a file suffix let `report.html.j2` render unescaped (a title with
`<img onerror=…>` ran script in the årsrapport). Here the caller says what it renders, never
the file name, so an HTML template cannot be made without escaping. Templates a documents
repository supplies are not rendered here: they go through the sandbox in scaffold.
"""

from __future__ import annotations

from typing import Any, Literal


def environment(templates: str, output: Literal["html", "text"], **options: Any) -> Any:
    """A Jinja environment over the package folder `templates` (e.g. "site/templates")."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("samverkan_cli", templates),
        autoescape=output == "html",
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
