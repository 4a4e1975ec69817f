"""The county's colour, with a text colour that meets WCAG 2.1 AA contrast on it."""

from __future__ import annotations

DEFAULT_ACCENT = "#1f4e79"
_WHITE, _INK = "#ffffff", "#111111"


def _luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours(accent: str | None) -> tuple[str, str]:
    """(accent, text on accent). An accent too light to carry links on white is replaced."""
    chosen = (accent or DEFAULT_ACCENT).lower()
    if contrast(chosen, _WHITE) < 4.5:  # the accent is also the link colour on white pages
        chosen = DEFAULT_ACCENT
    return chosen, _WHITE
