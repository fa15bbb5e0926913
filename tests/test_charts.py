"""Calibration charts: real PNG and SVG files, the terminal rendering, and the seed ledger's chart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from claims.importer import import_seed
from claims.resolve import resolve_question
from ledger.charts import save_chart, terminal_chart
from ledger.db import Database
from ledger.errors import UserInputError
from ledger.reports import Calibration, Filters
from ledger.scoring import calibration_bins, ece, murphy
from tests.test_reports import build

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

# The seed questions the shared news sample (or the record since) settles, as the seed YAML's
# comments describe them: the Wagner mutiny of 24 June 2023, the war still on in June 2023,
# Russia's "yes, but" to the 30-day ceasefire, no general ceasefire or freeze by April 2025,
# Ukrainian troops still in Kursk on 10 March 2025, Russia's accusations of breaches of the
# March 2025 energy truce, the Istanbul delegations of May 2025.
SEED_OUTCOMES = {
    "ru-armed-revolt-2023-06": "yes",
    "ru-ua-war-ongoing-2023-06": "yes",
    "ru-accepts-us-30day-ceasefire-2025-03": "no",
    "ru-ua-general-ceasefire-2025-04": "no",
    "ru-accepts-freeze-current-lines-2025-04": "no",
    "ua-holds-kursk-ground-2025-03-10": "yes",
    "ru-accuses-ua-truce-violation-2025-04": "yes",
    "ru-ua-direct-talks-2025-06": "yes",
    "fact-wagner-mutiny-june-2023": "true",
}


def sample(p: list[float], o: list[int], label: str = "Test Source") -> Calibration:
    bins = tuple(calibration_bins(p, o))
    return Calibration(
        label=label,
        kind="author",
        filters=Filters(),
        n_resolved=len(p),
        brier=sum((x - y) ** 2 for x, y in zip(p, o, strict=True)) / len(p),
        ece=ece(bins),
        binning="distinct" if len(set(p)) <= 12 else "equal",
        bins=bins,
        murphy=murphy(bins),
    )


HEDGED = sample([0.1, 0.1, 0.2, 0.7, 0.7, 0.7, 0.9, 0.9], [0, 1, 0, 1, 1, 0, 1, 1])


def test_png_is_a_real_picture(tmp_path: Path) -> None:
    out = save_chart(HEDGED, tmp_path / "chart.png")
    data = out.read_bytes()
    assert data.startswith(PNG_MAGIC)
    assert 20_000 < len(data) < 1_000_000
    with Image.open(out) as image:
        image.verify()
    with Image.open(out) as image:
        width, height = image.size
        assert 800 <= width <= 2000 and 800 <= height <= 2000
        # Not a blank canvas: the points and bars put many distinct colours on it.
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 50


def test_svg_holds_the_labels_as_text(tmp_path: Path) -> None:
    out = save_chart(HEDGED, tmp_path / "chart.SVG")
    svg = out.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "Calibration: Test Source (author)" in svg
    assert f"Brier {HEDGED.brier:.3f} (0–1 scale, lower is better)" in svg
    assert "Wilson 95% interval" in svg and "perfect calibration" in svg
    # One n label per bin: 0.1 (2), 0.2 (1), 0.7 (3), 0.9 (2).
    assert sorted(re.findall(r"n=(\d+)", svg)) == ["1", "2", "2", "3"]
    assert "Fewer than 20 resolved forecasts" in svg
    # No timestamp: the same ledger draws the same file.
    assert save_chart(HEDGED, tmp_path / "again.svg").read_text(encoding="utf-8") == svg


def test_equal_bins_chart(tmp_path: Path) -> None:
    p = [i / 40 + 0.01 for i in range(40)]
    o = [1 if i % 3 else 0 for i in range(40)]
    cal = sample(p, o)
    assert cal.binning == "equal" and len(cal.bins) == 10
    svg = save_chart(cal, tmp_path / "equal.svg").read_text(encoding="utf-8")
    assert "Ten equal-width bins" in svg and "Fewer than 20" not in svg


@pytest.mark.parametrize(
    ("name", "message"),
    [("chart.pdf", "written as .png or .svg"), ("missing/chart.png", "does not exist")],
)
def test_bad_out_paths(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(UserInputError, match=message):
        save_chart(HEDGED, tmp_path / name)


def test_no_resolved_forecasts(tmp_path: Path) -> None:
    empty = Calibration("Nobody", "author", Filters(), 0, None, None, None, (), None)
    with pytest.raises(UserInputError, match="no resolved forecasts to chart"):
        save_chart(empty, tmp_path / "x.png")
    assert not (tmp_path / "x.png").exists()


def test_terminal_chart() -> None:
    from rich.console import Console

    console = Console(width=120, record=True, color_system=None)
    console.print(terminal_chart(HEDGED))
    text = console.export_text()
    assert "Calibration: Test Source (author)" in text
    lines = [line for line in text.splitlines() if "●" in line]
    assert len(lines) == len(HEDGED.bins) + 1  # one strip per bin, and the legend
    # 0.10 said twice, happened once (50%): a Wilson interval of 9%-91% holds the 10%.
    assert any("0.10" in line and "50%" in line and "consistent" in line for line in lines)


def test_cli_writes_charts(database: Database, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    build(database)
    png = tmp_path / "bob.png"
    result = cli(["report", "calibration", "--source", "Bob", "--out", str(png)])
    assert result.exit_code == 0, result.stderr
    assert png.read_bytes().startswith(PNG_MAGIC)
    said = " ".join(result.stderr.split())  # the status line wraps at the terminal width
    assert f"wrote the calibration chart of Bob (author) to {png}" in said
    svg = tmp_path / "pool.svg"
    assert cli(["report", "calibration", "-o", str(svg)]).exit_code == 0
    assert "Calibration: all sources" in svg.read_text(encoding="utf-8")
    bad = cli(["report", "calibration", "--out", str(tmp_path / "chart.jpg")])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: --out")
    nobody = cli(
        ["report", "calibration", "--source", "Bob", "--tag", "economy", "--since", "2026-01-01"]
    )
    assert nobody.exit_code == 1
    assert nobody.stderr.startswith(
        "Error: Bob (author) has no claims on questions tagged economy made since 2026-01-01."
    )


def test_seed_ledger_chart(database: Database, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The seed ledger with the questions the news settles resolved: a chart an analyst can read."""
    with database.write_session() as s:
        import_seed(s, actor="tester")
    for key, outcome in SEED_OUTCOMES.items():
        with database.write_session() as s:
            resolve_question(s, question=key, outcome=outcome, actor="tester")
    out = tmp_path / "seed.png"
    assert cli(["report", "calibration", "--out", str(out)]).exit_code == 0
    with Image.open(out) as image:
        assert image.format == "PNG" and min(image.size) >= 800
    svg = tmp_path / "seed.svg"
    assert cli(["report", "calibration", "--out", str(svg)]).exit_code == 0
    text = svg.read_text(encoding="utf-8")
    # 13 resolved forecasts in the seed under those outcomes, one bin per hedge value.
    assert "13 resolved forecasts" in text and "One bin per distinct stated probability" in text
