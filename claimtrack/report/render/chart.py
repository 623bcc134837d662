"""The HTML report's bar chart of a figure dispute: inline SVG sized to hold every label.

SVG text does not wrap and an inline <svg> clips what overflows its viewBox, so
the layout is computed here: each label's width is estimated from per-character
advances no narrower than those of DejaVu Sans (the widest common fallback for
the report's sans-serif stack), labels wrap onto as many lines as they need up
to `MAX_LABEL_LINES`, and a label longer still names its first backers and how
many more there are; the full lists then follow the chart as text. The chart
grows wider when a bar's value label would run past its edge.
"""

from __future__ import annotations

import math
import unicodedata
from html import escape

from claimtrack.models import FigureGroup
from claimtrack.report.models import FigureTable
from claimtrack.report.render.common import counts

# Geometry, in SVG user units (the SVG scales to the page width).
CHART_WIDTH = 720
BAR_AREA = 560
ROW_HEIGHT = 46  # a one-line label, its bar and a gap
LINE_HEIGHT = 16
BAR_HEIGHT = 16
FONT_SIZE = 13  # px, as report.css sets for .bar-label and .bar-value
MAX_LABEL_LINES = 4
BOLD = 1.15  # .bar-value is bold: wider glyphs

# Advance widths in em, rounded up from DejaVu Sans (Arial and Helvetica are narrower).
_NARROW = set(" il.,:;|!'`")
_MEDIUM = set('fjrt()[]{}"-/\\')
_WIDE = {"m": 1.0, "w": 0.84, "M": 0.87, "W": 1.0, "@": 1.0, "%": 0.96, "—": 1.0, "…": 1.0}


def e(value: object) -> str:
    return escape(str(value), quote=True)


def char_width(ch: str) -> float:
    """One character's advance in em, never less than the widest fallback font gives it."""
    if ch in _WIDE:
        return _WIDE[ch]
    if ch in _NARROW:
        return 0.34
    if ch in _MEDIUM:
        return 0.5
    if ch.isascii():
        return 0.65 if ch.islower() or ch.isdigit() else 0.84
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.05
    return 1.0  # other scripts and symbols: a full em is the safe side


def text_width(text: str, bold: bool = False) -> float:
    """Estimated width of `text` in SVG units at the chart's font size."""
    return sum(map(char_width, text)) * FONT_SIZE * (BOLD if bold else 1.0)


def wrap(text: str, width: float) -> list[str]:
    """Greedy line breaks at spaces; a word wider than a line is broken between characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:
            if text_width(line + ch) > width and line:
                lines.append(line)
                line = ""
            line += ch
    if line or not lines:
        lines.append(line)
    return lines


def label_lines(group: FigureGroup, width: float) -> tuple[list[str], bool]:
    """The bar's label as lines that fit, and whether backers had to be left out."""
    tail = f" ({counts(group.independent_sources, group.reports)})"
    full = wrap(f"{group.label} — {'; '.join(group.speakers)}{tail}", width)
    if len(full) <= MAX_LABEL_LINES:
        return full, False
    for shown in range(len(group.speakers) - 1, -1, -1):
        more = len(group.speakers) - shown
        names = "; ".join([*(_clip(s) for s in group.speakers[:shown]), f"{more} more"])
        lines = wrap(f"{group.label} — {names}{tail}", width)
        if len(lines) <= MAX_LABEL_LINES:
            return lines, True
    return wrap(f"{_clip(group.label)} — {len(group.speakers)} backers{tail}", width), True


def _clip(name: str, limit: int = 80) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def chart(table: FigureTable) -> str:
    """One horizontal bar per value, length proportional to it, labelled with its backers."""
    top = max((g.value for g in table.rows), default=0) or 1
    bars = [max(2.0, round(BAR_AREA * g.value / top, 1)) for g in table.rows]
    reach = max(
        (bar + 6 + text_width(g.label, bold=True) for bar, g in zip(bars, table.rows, strict=True)),
        default=0.0,
    )
    width = max(CHART_WIDTH, math.ceil(reach) + 4)
    labels = [label_lines(g, width) for g in table.rows]
    height = sum(ROW_HEIGHT + LINE_HEIGHT * (len(lines) - 1) for lines, _ in labels) + 8
    title = f"{table.unit}: " + ", ".join(g.label for g in table.rows)
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{e(title)}">',
        f"<title>{e(title)}</title>",
    ]
    y = 4
    for group, bar, (lines, _) in zip(table.rows, bars, labels, strict=True):
        below = LINE_HEIGHT * (len(lines) - 1)
        parts += [
            _label(lines, y + 13),
            f'<rect class="bar" x="0" y="{y + 20 + below}" width="{bar:g}" height="{BAR_HEIGHT}" '
            f'data-value="{group.value:g}"><title>{e(group.label)}</title></rect>',
            f'<text class="bar-value" x="{bar + 6:g}" y="{y + 33 + below}">{e(group.label)}</text>',
        ]
        y += ROW_HEIGHT + below
    parts.append("</svg>")
    if any(cut for _, cut in labels):
        parts.append(_backers(table))
    return "\n".join(parts)


def _label(lines: list[str], baseline: int) -> str:
    if len(lines) == 1:
        return f'<text class="bar-label" x="0" y="{baseline}">{e(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="0" dy="{0 if n == 0 else LINE_HEIGHT}">{e(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return f'<text class="bar-label" x="0" y="{baseline}">{spans}</text>'


def _backers(table: FigureTable) -> str:
    """The full backer lists the chart had to shorten, as text that wraps."""
    items = "".join(
        f"<li><strong>{e(g.label)}</strong>: {e('; '.join(g.speakers))}</li>" for g in table.rows
    )
    return f'<ul class="chart-backers meta">{items}</ul>'
