"""The published site's charts as inline SVG, written directly: calibration, Brier over time,
a question's probability strip and the comparison of the top sources."""

# Why not matplotlib here: a site of a thousand sources draws two thousand charts, and matplotlib
# takes tens of milliseconds for each; these are a few hundred bytes of markup apiece, and the
# text in them (source names) goes through the same escaping as the pages. Coordinates are
# printed to one decimal, so the same data always gives the same bytes.

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup, escape

from ledger.scoring import Bin

# Okabe & Ito's palette for colour-blind readers (black last), each with its own marker shape so
# that the series differ without colour too.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8C6D00", "#56B4E9", "#000000")
MARKERS = ("circle", "square", "triangle", "diamond", "down", "cross", "circle")
INK = "#222222"
GRID = "#dddddd"
MUTED = "#595959"


# C0 controls (ESC included) shown as their Unicode pictures (␛), DEL as ␡, C1 controls as �:
# feed and article text never carries a raw control character into a page.
_CONTROL_PICTURES = {
    **{c: 0x2400 + c for c in range(0x20) if chr(c) not in "\t\n\r"},
    0x7F: 0x2421,
    **dict.fromkeys(range(0x80, 0xA0), 0xFFFD),
}


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text from outside with its control characters made visible and harmless."""
    # The search runs in C; translate with a dict is slow and almost never needed.
    return text.translate(_CONTROL_PICTURES) if _CONTROL.search(text) else text


def _n(x: float) -> str:
    text = f"{x:.1f}"
    return "0.0" if text == "-0.0" else text


@dataclass(frozen=True)
class _Frame:
    """A square or wide plot area inside an SVG, mapping 0..1 data to pixels."""

    width: float
    height: float
    left: float = 46
    right: float = 12
    top: float = 12
    bottom: float = 40

    def x(self, v: float) -> float:
        return self.left + v * (self.width - self.left - self.right)

    def y(self, v: float) -> float:
        return self.height - self.bottom - v * (self.height - self.top - self.bottom)


def _open(frame: _Frame, label: str, css: str) -> list[str]:
    return [
        f'<svg class="{css}" viewBox="0 0 {_n(frame.width)} {_n(frame.height)}" '
        f'width="{_n(frame.width)}" height="{_n(frame.height)}" role="img" '
        f'aria-label="{escape(printable(label))}" xmlns="http://www.w3.org/2000/svg">'
    ]


def _text(x: float, y: float, text: str, *, anchor: str = "middle", size: int = 11) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{INK}">{escape(printable(text))}</text>'
    )


@cache
def _unit_axes(frame: _Frame, xlabel: str, ylabel: str, *, y_ticks: bool = True) -> list[str]:
    """Gridlines every 20%, tick labels, axis titles, for a 0..1 by 0..1 plot (the same for
    every chart of a size, so drawn once)."""
    out = []
    for i in range(6):
        v = i / 5
        out.append(
            f'<line x1="{_n(frame.x(v))}" y1="{_n(frame.y(0))}" x2="{_n(frame.x(v))}" '
            f'y2="{_n(frame.y(1))}" stroke="{GRID}"/>'
        )
        out.append(_text(frame.x(v), frame.y(0) + 14, f"{i * 20}%", size=10))
        if y_ticks:
            out.append(
                f'<line x1="{_n(frame.x(0))}" y1="{_n(frame.y(v))}" x2="{_n(frame.x(1))}" '
                f'y2="{_n(frame.y(v))}" stroke="{GRID}"/>'
            )
            out.append(_text(frame.x(0) - 4, frame.y(v) + 4, f"{i * 20}%", anchor="end", size=10))
    out.append(_text((frame.x(0) + frame.x(1)) / 2, frame.height - 6, xlabel))
    if ylabel:
        cx, cy = 12, (frame.y(0) + frame.y(1)) / 2
        out.append(
            f'<text x="{_n(cx)}" y="{_n(cy)}" text-anchor="middle" font-size="11" fill="{INK}" '
            f'transform="rotate(-90 {_n(cx)} {_n(cy)})">{escape(ylabel)}</text>'
        )
    return out


def _diagonal(frame: _Frame) -> str:
    return (
        f'<line x1="{_n(frame.x(0))}" y1="{_n(frame.y(0))}" x2="{_n(frame.x(1))}" '
        f'y2="{_n(frame.y(1))}" stroke="{MUTED}" stroke-dasharray="4 3"/>'
    )


def _marker(shape: str, x: float, y: float, r: float, colour: str) -> str:
    if shape == "square":
        return (
            f'<rect x="{_n(x - r)}" y="{_n(y - r)}" width="{_n(2 * r)}" height="{_n(2 * r)}" '
            f'fill="{colour}"/>'
        )
    if shape in ("triangle", "down", "diamond"):
        if shape == "triangle":
            pts = [(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]
        elif shape == "down":
            pts = [(x, y + r * 1.2), (x + r * 1.1, y - r * 0.8), (x - r * 1.1, y - r * 0.8)]
        else:
            pts = [(x, y - r * 1.3), (x + r * 1.3, y), (x, y + r * 1.3), (x - r * 1.3, y)]
        points = " ".join(f"{_n(a)},{_n(b)}" for a, b in pts)
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "cross":
        return (
            f'<path d="M{_n(x - r)} {_n(y - r)}L{_n(x + r)} {_n(y + r)}M{_n(x - r)} {_n(y + r)}'
            f'L{_n(x + r)} {_n(y - r)}" stroke="{colour}" stroke-width="2.5"/>'
        )
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{colour}"/>'


def calibration_svg(bins: Sequence[Bin], *, label: str) -> Markup:
    """One source's calibration: observed share of YES against stated probability per bin, with
    its Wilson 95% interval and a point whose area grows with the bin's forecasts."""
    frame = _Frame(340, 330)
    out = _open(frame, label, "chart calibration")
    out += _unit_axes(frame, "Stated probability of YES", "Share that resolved YES")
    out.append(_diagonal(frame))
    biggest = max((b.n for b in bins), default=1)
    for b in bins:
        x = frame.x(b.mean_p)
        out.append(
            f'<line x1="{_n(x)}" y1="{_n(frame.y(b.wilson_low))}" x2="{_n(x)}" '
            f'y2="{_n(frame.y(b.wilson_high))}" stroke="{PALETTE[0]}" stroke-width="2"/>'
        )
        r = 3 + 6 * (b.n / biggest) ** 0.5
        out.append(
            f'<circle cx="{_n(x)}" cy="{_n(frame.y(b.freq))}" r="{_n(r)}" fill="{PALETTE[0]}" '
            f'stroke="#ffffff"><title>{b.n} forecasts at {b.mean_p:.0%}: '
            f"{b.freq:.0%} came true</title></circle>"
        )
    out.append("</svg>")
    return Markup("".join(out))


def brier_line_svg(points: Sequence[tuple[dt.date, float]], *, label: str) -> Markup:
    """The cumulative Brier score after each resolution, in the order they came (x is the count of
    resolved forecasts, with the first and last dates under it), beside always-50%'s 0.25."""
    frame = _Frame(520, 220, left=46, bottom=44)
    top = max(0.5, *(v for _, v in points)) if points else 0.5
    out = _open(frame, label, "chart brier-line")

    def y(v: float) -> float:
        return frame.y(v / top)

    for i in range(6):
        v = top * i / 5
        out.append(
            f'<line x1="{_n(frame.x(0))}" y1="{_n(y(v))}" x2="{_n(frame.x(1))}" y2="{_n(y(v))}" '
            f'stroke="{GRID}"/>'
        )
        out.append(_text(frame.x(0) - 4, y(v) + 4, f"{v:.2f}", anchor="end", size=10))
    out.append(
        f'<line x1="{_n(frame.x(0))}" y1="{_n(y(0.25))}" x2="{_n(frame.x(1))}" y2="{_n(y(0.25))}" '
        f'stroke="{MUTED}" stroke-dasharray="4 3"/>'
    )
    out.append(_text(frame.x(1), y(0.25) - 4, "always 50%: 0.25", anchor="end", size=10))
    n = len(points)
    if n:
        span = max(n - 1, 1)
        coords = " ".join(f"{_n(frame.x(i / span))},{_n(y(v))}" for i, (_, v) in enumerate(points))
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{PALETTE[1]}" stroke-width="2"/>'
        )
        out.append(_text(frame.x(0), frame.y(0) + 14, points[0][0].isoformat(), anchor="start"))
        if n > 1:
            out.append(_text(frame.x(1), frame.y(0) + 14, points[-1][0].isoformat(), anchor="end"))
    out.append(
        _text(
            (frame.x(0) + frame.x(1)) / 2,
            frame.height - 6,
            f"Resolved forecasts, in the order they resolved ({n})",
        )
    )
    out.append("</svg>")
    return Markup("".join(out))


@cache
def _strip_axis(frame: _Frame) -> str:
    # One path for the line and its eleven ticks: drawn on every question's page, so kept small.
    base = frame.y(0)
    ticks = "".join(f"M{_n(frame.x(i / 10))} {_n(base)}v4" for i in range(11))
    out = [
        f'<path d="M{_n(frame.x(0))} {_n(base)}H{_n(frame.x(1))}{ticks}" stroke="{INK}" '
        'fill="none"/>'
    ]
    for i in (0, 5, 10):
        out.append(_text(frame.x(i / 10), base + 16, f"{i * 10}%", size=10))
    out.append(_text((frame.x(0) + frame.x(1)) / 2, frame.height - 4, "Probability of YES"))
    return "".join(out)


_STRIP = _Frame(520, 96, left=20, right=20, top=10, bottom=34)


def strip_svg(marks: Sequence[tuple[float, int]], *, outcome: float | None, label: str) -> Markup:
    """Every probability given on one question on a 0-100% strip, each numbered as in the claims
    table beside it; the outcome, when known, as a bar at 0% or 100%."""
    # Drawn for every question of the ledger, so the fixed parts come ready-made.
    frame = _STRIP
    out = [*_open(frame, label, "chart strip"), _strip_axis(frame)]
    base = frame.y(0)
    if outcome is not None:
        out.append(
            f'<rect x="{frame.x(outcome) - 3:.1f}" y="{frame.top:.1f}" width="6" '
            f'height="{base - frame.top:.1f}" fill="{PALETTE[2]}"><title>outcome</title></rect>'
        )
    # Marks at the same probability stack upward, so none hides another.
    heights: dict[int, int] = {}
    span = frame.width - frame.left - frame.right
    for p, number in marks:
        cell = round(p * 100)
        level = heights.get(cell, 0)
        heights[cell] = level + 1
        out.append(
            f'<circle cx="{frame.left + p * span:.1f}" cy="{base - 8 - 14 * min(level, 3):.1f}" '
            f'r="6" fill="{PALETTE[0]}" fill-opacity="0.85"><title>#{number}: {p:.0%}</title>'
            "</circle>"
        )
    out.append("</svg>")
    return Markup("".join(out))


def comparison_svg(series: Sequence[tuple[str, Sequence[Bin]]], *, label: str) -> Markup:
    """The calibration of several sources on one chart, each in its own colour and marker, with
    a legend naming them."""
    frame = _Frame(380, 360)
    legend_h = 18 * len(series) + 10
    width, height = 640.0, max(frame.height, legend_h + 20)
    out = [
        f'<svg class="chart comparison" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="img" aria-label="{escape(printable(label))}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    out += _unit_axes(frame, "Stated probability of YES", "Share that resolved YES")
    out.append(_diagonal(frame))
    for i, (name, bins) in enumerate(series):
        colour, shape = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
        coords = " ".join(f"{_n(frame.x(b.mean_p))},{_n(frame.y(b.freq))}" for b in bins)
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="1.5"/>'
        )
        for b in bins:
            out.append(_marker(shape, frame.x(b.mean_p), frame.y(b.freq), 4, colour))
        ly = 22 + 18 * i
        lx = frame.width + 16
        out.append(
            f'<line x1="{_n(lx)}" y1="{_n(ly)}" x2="{_n(lx + 22)}" y2="{_n(ly)}" '
            f'stroke="{colour}" stroke-width="1.5"/>'
        )
        out.append(_marker(shape, lx + 11, ly, 4, colour))
        out.append(
            _text(lx + 30, ly + 4, name if len(name) <= 34 else name[:33] + "…", anchor="start")
        )
    out.append("</svg>")
    return Markup("".join(out))
