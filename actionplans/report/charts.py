"""Charts as inline SVG, written by hand: no script library, nothing to fetch, a few kilobytes each.

Every chart is a ``<figure>`` with a caption, an SVG ``<title>`` and ``<desc>`` (its text
alternative, read by screen readers), and a tooltip (``<title>``) on every bar with its label,
category and number. Callers put the numbers in a table under the chart as well.
"""
from __future__ import annotations

import itertools
import math
from typing import Sequence

from .page import esc, plural

_ids = itertools.count(1)
_CHAR = 6.2  # rough width of an 11px character, to cut long labels


def _cut(text: str, width: float) -> str:
    n = max(4, int(width / _CHAR))
    return text if len(text) <= n else text[: n - 1] + "…"


def _figure(title: str, desc: str, width: float, height: float, inner: str, before: str = "") -> str:
    n = next(_ids)
    return (f'<figure class="chart"><figcaption>{esc(title)}</figcaption>{before}'
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart{n}t chart{n}d" '
            f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">'
            f'<title id="chart{n}t">{esc(title)}</title><desc id="chart{n}d">{esc(desc)}</desc>'
            f"{inner}</svg></figure>")


def _ticks(value: float, most: int = 5) -> list[float]:
    """Axis ticks from 0 past ``value`` in round whole steps (1, 2, 5 x 10^k), at most ``most`` + 1 of them."""
    if value <= 0:
        return [0.0, 1.0]
    step = 1.0
    magnitude = 10 ** max(0, math.floor(math.log10(value / most)))
    for m in (1, 2, 5, 10):
        step = m * magnitude
        if value / step <= most:
            break
    return [step * i for i in range(math.ceil(value / step) + 1)]


def stacked_bars(rows: Sequence[tuple[str, Sequence[float]]], categories: Sequence[str], colours: Sequence[str],
                 inks: Sequence[str], *, title: str, desc: str, percent: bool = True, unit: str = "action",
                 width: int = 820, label_width: int = 190, bar_height: int = 16, legend_html: str = "") -> str:
    """Horizontal bars, one per row, split into ``categories``. ``percent`` scales every bar to
    100% (the mix); otherwise bars share one scale (the counts). Each segment carries its count
    as a tooltip ("12 actions", ``unit`` being the singular noun) and, where it fits, as a label."""
    gap, top, right = 4, 18, 60
    plot = width - label_width - right
    height = top + len(rows) * (bar_height + gap) + 8
    biggest = max([sum(v) for _, v in rows] + [0])
    ticks = [0.0, 25.0, 50.0, 75.0, 100.0] if percent else _ticks(biggest)
    scale_max = ticks[-1]
    parts = []
    for value in ticks:  # grid and axis labels
        x = label_width + plot * value / scale_max
        parts.append(f'<line class="grid" x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 6}"/>'
                     f'<text x="{x:.1f}" y="{top - 7}" text-anchor="middle">'
                     f'{value:.0f}{"%" if percent else ""}</text>')
    for i, (label, values) in enumerate(rows):
        y = top + i * (bar_height + gap)
        total = sum(values)
        parts.append(f'<text x="{label_width - 6}" y="{y + bar_height - 4}" text-anchor="end">'
                     f'<title>{esc(label)}</title>{esc(_cut(label, label_width - 10))}</text>')
        x = float(label_width)
        for cat, colour, ink, value in zip(categories, colours, inks, values):
            if not value:
                continue
            share = value / total * 100 if total else 0
            w = plot * (share / 100 if percent else value / scale_max)
            tip = f"{label} — {cat}: {plural(round(value), unit)} ({share:.0f}%)"
            parts.append(f'<rect class="seg" x="{x:.1f}" y="{y}" width="{max(w, 0.5):.1f}" height="{bar_height}" '
                         f'fill="{colour}" stroke="#555" stroke-width="0.5"><title>{esc(tip)}</title></rect>')
            shown = f"{value:,.0f}"
            if w >= len(shown) * _CHAR + 4:
                parts.append(f'<text x="{x + w / 2:.1f}" y="{y + bar_height - 4}" text-anchor="middle" '
                             f'style="fill:{ink}" aria-hidden="true">{shown}</text>')
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + bar_height - 4}">{total:,.0f}</text>')
    return _figure(title, desc, width, height, "".join(parts), before=legend_html)


def column_chart(points: Sequence[tuple[str, float]], *, title: str, desc: str, colour: str = "#0072B2",
                 unit: str = "action", width: int = 820, height: int = 240, marker: str = "",
                 marker_label: str = "") -> str:
    """Vertical bars, one per point (e.g. per quarter), on one scale; ``marker`` names the point
    to draw a dashed line before (e.g. the as-of quarter)."""
    left, bottom, top = 48, 46, 12
    plot_w, plot_h = width - left - 10, height - top - bottom
    ticks = _ticks(max([v for _, v in points] + [0]))
    biggest = ticks[-1]
    n = max(len(points), 1)
    slot = plot_w / n
    bar = max(1.0, slot * 0.8)
    parts = [f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}"/>']
    for tick in ticks:
        y = top + plot_h - plot_h * tick / biggest
        parts.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{tick:,.0f}</text>')
    every = max(1, math.ceil(n / (plot_w / 34)))  # label every k-th point so labels do not collide
    for i, (label, value) in enumerate(points):
        x = left + i * slot + (slot - bar) / 2
        h = plot_h * value / biggest
        if label == marker:
            mx = left + i * slot
            parts.append(f'<line x1="{mx:.1f}" y1="{top}" x2="{mx:.1f}" y2="{top + plot_h}" stroke="#000" '
                         f'stroke-dasharray="4 3"/><text x="{mx + 3:.1f}" y="{top + 10}">{esc(marker_label)}</text>')
        if value:
            parts.append(f'<rect class="seg" x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" '
                         f'height="{max(h, 0.5):.1f}" fill="{colour}">'
                         f'<title>{esc(label)}: {esc(plural(round(value), unit))}'
                         f'</title></rect>')
        if i % every == 0:
            cx = left + i * slot + slot / 2
            parts.append(f'<text x="{cx:.1f}" y="{top + plot_h + 12}" text-anchor="end" '
                         f'transform="rotate(-40 {cx:.1f} {top + plot_h + 12})">{esc(label)}</text>')
    return _figure(title, desc, width, height, "".join(parts))
