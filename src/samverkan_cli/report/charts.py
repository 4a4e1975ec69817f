"""Inline SVG bar charts for the HTML report: no script, no external file, readable in print.

Each chart has a <title> and an aria-label, and the report shows the same figures in a table,
so nothing is conveyed by the picture alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

_ROW, _BAR, _PAD = 26, 300, 50
#: The label column grows with the longest label: a fixed one cut long group names off on the
#: left, in the browser and in print. Wide enough for the widest letters of a 13 px font.
_CHAR, _MIN_LABEL, _MAX_LABEL = 8, 80, 300


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | float
    target: int | None = None  # drawn as a marker: e.g. the minimum number of meetings
    tone: str = "ok"  # ok | warn | bad: colour only repeats what the text says


def bar_chart(title: str, bars: list[Bar]) -> str:
    """A horizontal bar chart as an SVG element (empty string when there is nothing to draw)."""
    if not bars:
        return ""
    top = max([b.value for b in bars] + [b.target or 0 for b in bars] + [1])
    longest = max(len(_clip(b.label)) for b in bars)
    label = min(_MAX_LABEL, max(_MIN_LABEL, longest * _CHAR + 16))
    width, height = label + _BAR + _PAD, _ROW * len(bars) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
    ]
    for index, bar in enumerate(bars):
        parts.append(_row(index, bar, top, label))
    parts.append("</svg>")
    return "".join(parts)


def _row(index: int, bar: Bar, top: float, label_width: int) -> str:
    y = 5 + index * _ROW
    length = round(_BAR * bar.value / top)
    text_y = y + _ROW * 0.62
    row = [
        f'<text x="{label_width - 8}" y="{text_y:.1f}" text-anchor="end" class="label">{escape(_clip(bar.label))}</text>',
        f'<rect x="{label_width}" y="{y + 4}" width="{length}" height="{_ROW - 10}" class="bar {bar.tone}"/>',
        f'<text x="{label_width + length + 6}" y="{text_y:.1f}" class="value">{bar.value}</text>',
    ]
    if bar.target is not None:
        x = label_width + round(_BAR * bar.target / top)
        row.append(f'<line x1="{x}" x2="{x}" y1="{y + 1}" y2="{y + _ROW - 3}" class="target"/>')
    return "".join(row)


def _clip(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
