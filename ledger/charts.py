"""Calibration charts: a matplotlib picture (PNG or SVG) and a text rendering for the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ledger.errors import UserInputError

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from rich.console import RenderableType

    from ledger.reports import Calibration
    from ledger.scoring import Bin

FORMATS = (".png", ".svg")
FEW = 20  # below this many resolved forecasts the chart says the intervals are wide


def _subtitle(cal: Calibration) -> str:
    brier = "–" if cal.brier is None else f"{cal.brier:.3f}"
    ece = "–" if cal.ece is None else f"{cal.ece:.3f}"
    return (
        f"Brier {brier} (0–1 scale, lower is better) · ECE {ece} · "
        f"{cal.n_resolved} resolved forecast{'s' if cal.n_resolved != 1 else ''}"
    )


def _binning_note(cal: Calibration) -> str:
    if cal.binning == "distinct":
        return "One bin per distinct stated probability."
    return "Ten equal-width bins of stated probability; points sit at the bin's mean."


def _fit(b: Bin) -> str:
    """Where the stated probability falls against the observed frequency's Wilson interval."""
    if b.mean_p > b.wilson_high:
        return "stated too high"
    if b.mean_p < b.wilson_low:
        return "stated too low"
    return "consistent"


# --- the picture ----------------------------------------------------------------------------------


def out_path(text: str) -> Path:
    """The --out value as a path (~ expanded)."""
    return Path(text).expanduser()


def save_chart(cal: Calibration, path: Path) -> Path:
    """Draws the calibration chart to `path`, PNG or SVG by its suffix; returns the path."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UserInputError(
            f"--out {str(path)!r}: the chart is written as .png or .svg, e.g. --out calibration.png."
        )
    if not cal.bins:
        raise UserInputError(
            f"{cal.title} has no resolved forecasts to chart; resolve questions first "
            "(forecast-ledger questions resolve ID yes|no)."
        )
    if not path.parent.exists():
        raise UserInputError(
            f"--out {str(path)!r}: the folder {str(path.parent)!r} does not exist."
        )
    figure = _figure(cal)
    try:
        # svg.fonttype none keeps labels as text in the SVG: searchable, selectable, small.
        import matplotlib

        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "forecast-ledger"}):
            figure.savefig(path, dpi=150, metadata=_metadata(suffix), bbox_inches="tight")
    except OSError as exc:
        raise UserInputError(f"cannot write {str(path)!r}: {exc.strerror or exc}.") from None
    return path


def _metadata(suffix: str) -> dict[str, str | None]:
    # No creation date in the file: the same ledger draws byte-identical charts.
    if suffix == ".svg":
        return {"Date": None}
    return {"Software": "forecast-ledger"}


def _figure(cal: Calibration) -> Figure:
    # Figure without pyplot: no global state, no GUI backend; savefig picks Agg or SVG by suffix.
    from matplotlib.figure import Figure

    bins = cal.bins
    x = [b.mean_p for b in bins]
    y = [b.freq for b in bins]
    below = [b.freq - b.wilson_low for b in bins]
    above = [b.wilson_high - b.freq for b in bins]
    biggest = max(b.n for b in bins)

    fig = Figure(figsize=(7.2, 8.4), layout="constrained")
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], linestyle="--", color="#888888", linewidth=1.2, zorder=1)
    if cal.binning == "equal":
        for b in bins:
            ax.plot(
                [b.lo, b.hi],
                [b.freq, b.freq],
                color="#1f77b4",
                alpha=0.25,
                linewidth=6,
                solid_capstyle="butt",
            )
    ax.errorbar(
        x,
        y,
        yerr=[below, above],
        fmt="none",
        ecolor="#1f77b4",
        elinewidth=1.5,
        capsize=4,
        zorder=2,
        label="Wilson 95% interval of the observed share",
    )
    sizes = [40 + 460 * b.n / biggest for b in bins]
    ax.scatter(
        x,
        y,
        s=sizes,
        color="#1f77b4",
        edgecolor="white",
        linewidth=1.0,
        zorder=3,
        label="observed share of YES (area ∝ number of forecasts)",
    )
    for b in bins:
        # Beside the point, on the side away from the diagonal; below it near the top edge.
        right = b.freq >= b.mean_p
        ax.annotate(
            f"n={b.n}",
            (b.mean_p, b.freq),
            xytext=(-9 if right else 9, -14 if b.freq > 0.9 else 6),
            textcoords="offset points",
            ha="right" if right else "left",
            fontsize=9,
            color="#333333",
        )
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_aspect("equal")
    ticks = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
    ax.set_xticks(ticks, [f"{t:.0%}" for t in ticks])
    ax.set_yticks(ticks, [f"{t:.0%}" for t in ticks])
    ax.grid(True, color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel("Stated probability that the question resolves YES")
    ax.set_ylabel("Share of those questions that resolved YES")
    fig.suptitle(f"Calibration: {cal.title}", fontsize=13, fontweight="bold")
    ax.set_title(_subtitle(cal), fontsize=10)
    from matplotlib.lines import Line2D

    # Proxy handles: the scatter's own handle would copy the first bin's (arbitrary) size.
    handles = [
        Line2D([], [], linestyle="--", color="#888888", label="perfect calibration"),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=8,
            color="#1f77b4",
            label="observed share of YES (area ∝ forecasts)",
        ),
        Line2D(
            [],
            [],
            marker="_",
            markersize=10,
            linestyle="-",
            color="#1f77b4",
            label="Wilson 95% interval",
        ),
    ]
    if cal.binning == "equal":
        handles.append(
            Line2D(
                [],
                [],
                linewidth=6,
                color="#1f77b4",
                alpha=0.25,
                solid_capstyle="butt",
                label="range of stated probabilities in the bin",
            )
        )
    ax.legend(handles=handles, loc="best", fontsize=8.5, framealpha=0.92)
    notes = [
        "Above the diagonal, YES came more often than stated (the probabilities were too low);",
        "below it, less often (too high). " + _binning_note(cal),
    ]
    if cal.n_resolved < FEW:
        notes.append(
            f"Fewer than {FEW} resolved forecasts: the intervals are wide, read with care."
        )
    if cal.filters.tag or cal.filters.since:
        notes.append("Claims: " + cal.filters.describe().split(", ", 1)[1] + ".")
    # supxlabel, unlike a free fig.text, is given room by the constrained layout.
    fig.supxlabel("\n".join(notes), x=0.02, ha="left", fontsize=8, color="#555555")
    return fig


# --- the terminal ---------------------------------------------------------------------------------

WIDTH = 41  # cells for 0..1, one every 2.5 percentage points


def _cell(value: float) -> int:
    return min(WIDTH - 1, max(0, round(value * (WIDTH - 1))))


def _strip(b: Bin) -> RenderableType:
    from rich.text import Text

    cells = [("·", "dim")] * WIDTH
    for i in range(_cell(b.wilson_low), _cell(b.wilson_high) + 1):
        cells[i] = ("─", "blue")
    cells[_cell(b.mean_p)] = ("│", "yellow")
    cells[_cell(b.freq)] = ("●", "bold blue")
    text = Text()
    for char, style in cells:
        text.append(char, style=style)
    return text


def terminal_chart(cal: Calibration) -> RenderableType:
    """The calibration chart as text: per bin, a 0–100% strip with the observed share (●), its
    Wilson 95% interval (─) and the stated probability (│); a calibrated source's ● sits on its │."""
    from rich.console import Group
    from rich.text import Text

    from ledger.output import table

    head = Text()
    head.append(f"Calibration: {cal.title}", style="bold")
    head.append(f"\n{_subtitle(cal)}")
    if not cal.bins:
        return Group(head, Text("No resolved forecasts yet: nothing to chart.", style="dim"))
    axis = "0%" + " " * (WIDTH // 2 - 4) + "50%" + " " * (WIDTH - WIDTH // 2 - 5) + "100%"
    rows = [
        [
            f"{b.lo:.2f}" if b.lo == b.hi else f"{b.lo:.1f}–{b.hi:.1f}",
            str(b.n),
            f"{b.mean_p:.0%}",
            f"{b.freq:.0%}",
            f"{b.wilson_low:.0%}–{b.wilson_high:.0%}",
            _strip(b),
            _fit(b),
        ]
        for b in cal.bins
    ]
    grid = table(["Bin", "n", "Stated", "Observed", "Wilson 95%", axis, "Fit"], rows)
    notes = [
        "● observed share of YES, ─ its Wilson 95% interval, │ mean stated probability. "
        "Calibrated: ● on │. " + _binning_note(cal)
    ]
    if cal.n_resolved < FEW:
        notes.append(f"Fewer than {FEW} resolved forecasts: the intervals are wide.")
    return Group(head, grid, Text(" ".join(notes), style="dim"))
