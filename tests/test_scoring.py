"""Tests for ledger.scoring: every figure against an independent computation."""

import json
import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, log_loss

from ledger import scoring
from ledger.scoring import (
    Bin,
    ScoredClaim,
    bootstrap_brier,
    bootstrap_rng,
    brier,
    calibration_bins,
    ece,
    log_score,
    murphy,
    score_columns,
    score_sources,
    shrunk,
    skill,
    wilson,
)

HEDGES = [0.02, 0.05, 0.1, 0.2, 0.25, 0.3, 0.5, 0.7, 0.75, 0.8, 0.9, 0.95]
probs = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
pairs = st.lists(st.tuples(probs, st.integers(0, 1)), min_size=1, max_size=80)
hedged_pairs = st.lists(st.tuples(st.sampled_from(HEDGES), st.integers(0, 1)), min_size=1)


def split(rows: list[tuple[float, int]]) -> tuple[list[float], list[int]]:
    return [p for p, _ in rows], [o for _, o in rows]


def forecast(source: str, question: str, p: float, outcome: str | None) -> ScoredClaim:
    return ScoredClaim(source, question, "forecast", p, outcome)


def num(x: float | None) -> float:
    """A figure that must be present, for comparisons."""
    assert x is not None
    return x


def by_source(claims: list[ScoredClaim], **kw: int) -> dict[str, dict]:
    return {s["source"]: s for s in score_sources(claims, **kw).to_json()["sources"]}


# --- single-sample figures ---------------------------------------------------------------------


@settings(deadline=None)
@given(pairs)
def test_brier_matches_sklearn(rows: list[tuple[float, int]]) -> None:
    p, o = split(rows)
    assert brier(p, o) == pytest.approx(brier_score_loss(o, p, pos_label=1), abs=1e-12)


def test_brier_by_hand_and_scale() -> None:
    assert brier([0.8, 0.3], [1, 0]) == pytest.approx((0.04 + 0.09) / 2)
    assert brier([0.5] * 4, [1, 0, 0, 1]) == 0.25
    assert brier([1.0, 0.0], [0, 1]) == 1.0


def test_log_score_by_hand_clips_and_is_higher_better() -> None:
    # 0.005 on a yes is clipped to 0.01; 0.999 on a no is clipped to 0.99.
    got = log_score([0.9, 0.2, 0.005, 0.999], [1, 0, 1, 0])
    want = (math.log(0.9) + math.log(0.8) + math.log(0.01) + math.log(0.01)) / 4
    assert got == pytest.approx(want, abs=1e-12)
    assert log_score([0.5, 0.5], [1, 0]) == pytest.approx(math.log(0.5))
    assert log_score([0.9], [1]) > log_score([0.6], [1])


@settings(deadline=None)
@given(pairs)
def test_log_score_is_minus_sklearn_log_loss_of_clipped(rows: list[tuple[float, int]]) -> None:
    p, o = split(rows)
    clipped = np.clip(p, 0.01, 0.99)
    want = -log_loss(o, clipped, labels=[0, 1])
    assert log_score(p, o) == pytest.approx(want, abs=1e-9)


def test_inputs_are_checked() -> None:
    with pytest.raises(ValueError, match="equal length"):
        brier([0.5, 0.5], [1])
    with pytest.raises(ValueError, match="no scored"):
        brier([], [])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        brier([1.2], [1])
    with pytest.raises(ValueError, match="0 \\(no\\) or 1"):
        log_score([0.5], [2])


def test_wilson_matches_newcombe_1998_table() -> None:
    # Newcombe, "Two-sided confidence intervals for the single proportion", Stat Med 1998, Table II,
    # method 3 (score interval without continuity correction).
    cases = {
        (81, 263): (0.2553, 0.3662),
        (15, 148): (0.0624, 0.1605),
        (0, 20): (0.0, 0.1611),
        (1, 29): (0.0061, 0.1718),
    }
    for (k, n), (lo, hi) in cases.items():
        got_lo, got_hi = wilson(k, n)
        assert got_lo == pytest.approx(lo, abs=5e-5)
        assert got_hi == pytest.approx(hi, abs=5e-5)


def test_wilson_edges() -> None:
    assert wilson(0, 0) == (0.0, 1.0)
    lo, hi = wilson(10, 10)
    assert hi == 1.0 and lo == pytest.approx(1 - wilson(0, 10)[1])
    with pytest.raises(ValueError):
        wilson(3, 2)


def test_skill_and_shrunk_formulas() -> None:
    assert skill(0.125, 0.25) == 0.5
    assert skill(0.3, 0.25) == pytest.approx(-0.2)
    assert skill(0.1, 0.0) is None
    assert shrunk(10, 0.1, 0.2) == pytest.approx((10 * 0.1 + 30 * 0.2) / 40)
    assert shrunk(0, 0.1, 0.2) == 0.2
    assert shrunk(10**9, 0.1, 0.2) == pytest.approx(0.1, abs=1e-7)


# --- calibration -------------------------------------------------------------------------------


def test_distinct_value_bins_by_hand() -> None:
    p = [0.1, 0.9, 0.1, 0.5, 0.1, 0.5]
    o = [0, 1, 1, 1, 0, 0]
    bins = calibration_bins(p, o)
    assert [(b.lo, b.hi, b.n) for b in bins] == [(0.1, 0.1, 3), (0.5, 0.5, 2), (0.9, 0.9, 1)]
    assert [b.mean_p for b in bins] == pytest.approx([0.1, 0.5, 0.9])
    assert [b.freq for b in bins] == pytest.approx([1 / 3, 0.5, 1.0])
    assert (bins[0].wilson_low, bins[0].wilson_high) == pytest.approx(wilson(1, 3))
    assert (bins[2].wilson_low, bins[2].wilson_high) == pytest.approx(wilson(1, 1))
    # ECE: (3|0.1-1/3| + 2|0.5-0.5| + 1|0.9-1|) / 6
    assert ece(bins) == pytest.approx((3 * (1 / 3 - 0.1) + 0.1) / 6)
    m = murphy(bins)
    base = 3 / 6
    assert m.uncertainty == pytest.approx(base * (1 - base))
    assert m.reliability == pytest.approx((3 * (0.1 - 1 / 3) ** 2 + 0 + 0.1**2) / 6)
    assert m.resolution == pytest.approx((3 * (1 / 3 - base) ** 2 + 0 + (1 - base) ** 2) / 6)


def test_twelve_distinct_values_bin_by_value_thirteen_by_tenths() -> None:
    twelve = HEDGES
    bins = calibration_bins(twelve, [i % 2 for i in range(12)])
    assert len(bins) == 12 and all(b.lo == b.hi for b in bins)
    thirteen = [*HEDGES, 0.6]
    bins = calibration_bins(thirteen, [i % 2 for i in range(13)])
    assert all(b.hi == pytest.approx(b.lo + 0.1) for b in bins)
    assert sum(b.n for b in bins) == 13


def test_equal_bins_are_right_closed_like_sklearn() -> None:
    # Values sitting exactly on edges go to the bin below, 0 to the first bin, 1 to the last.
    p = [0.0, 0.1, 0.1000001, 0.2, 0.3, 0.30001, 0.5, 0.7, 0.9, 0.95, 1.0, 0.55, 0.65]
    o = [0, 0, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1]
    bins = calibration_bins(p, o)
    assert [(round(b.lo, 1), b.n) for b in bins] == [
        (0.0, 2),
        (0.1, 2),
        (0.2, 1),
        (0.3, 1),
        (0.4, 1),
        (0.5, 1),
        (0.6, 2),
        (0.8, 1),
        (0.9, 2),
    ]
    freq, mean_p = calibration_curve(o, p, n_bins=10, strategy="uniform")
    assert [b.freq for b in bins] == pytest.approx(freq.tolist(), abs=1e-12)
    assert [b.mean_p for b in bins] == pytest.approx(mean_p.tolist(), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(probs, st.integers(0, 1)), min_size=13, max_size=200))
def test_equal_bins_match_sklearn_calibration_curve(rows: list[tuple[float, int]]) -> None:
    p, o = split(rows)
    bins = calibration_bins(p, o)
    if len(set(p)) <= 12:
        assert all(b.lo == b.hi for b in bins)
        return
    if len(set(o)) == 1:
        o = [*o[:-1], 1 - o[-1]]  # calibration_curve wants both labels present
        bins = calibration_bins(p, o)
    freq, mean_p = calibration_curve(o, p, n_bins=10, strategy="uniform")
    assert [b.freq for b in bins] == pytest.approx(freq.tolist(), abs=1e-12)
    assert [b.mean_p for b in bins] == pytest.approx(mean_p.tolist(), abs=1e-12)
    assert sum(b.n for b in bins) == len(p)
    for b in bins:
        assert b.lo <= b.mean_p <= b.hi + 1e-12
        assert b.wilson_low <= b.freq <= b.wilson_high


@settings(deadline=None)
@given(hedged_pairs)
def test_murphy_identity_is_exact_on_distinct_value_bins(rows: list[tuple[float, int]]) -> None:
    p, o = split(rows)
    bins = calibration_bins(p, o)
    assert all(b.lo == b.hi for b in bins)
    assert murphy(bins).brier == pytest.approx(brier(p, o), abs=1e-12)


@settings(deadline=None)
@given(pairs)
def test_ece_and_reliability_are_bounded(rows: list[tuple[float, int]]) -> None:
    p, o = split(rows)
    bins = calibration_bins(p, o)
    m = murphy(bins)
    assert 0.0 <= ece(bins) <= 1.0
    # A squared gap is at most the absolute gap when gaps are at most 1.
    assert 0.0 <= m.reliability <= ece(bins) + 1e-12
    assert 0.0 <= m.resolution <= m.uncertainty + 1e-12


def test_all_same_outcomes_have_no_uncertainty() -> None:
    bins = calibration_bins([0.2, 0.7, 0.7], [1, 1, 1])
    m = murphy(bins)
    assert m.uncertainty == 0.0 and m.resolution == 0.0
    assert m.brier == pytest.approx(brier([0.2, 0.7, 0.7], [1, 1, 1]))


# --- bootstrap ---------------------------------------------------------------------------------


def test_bootstrap_is_reproducible_and_brackets_the_estimate() -> None:
    rng = np.random.default_rng(7)
    p = rng.random(60)
    o = (rng.random(60) < p).astype(int)
    a = bootstrap_brier(p, o, rng=np.random.default_rng(3))
    b = bootstrap_brier(p, o, rng=np.random.default_rng(3))
    c = bootstrap_brier(p, o, rng=np.random.default_rng(4))
    assert a == b and a != c
    assert a[0] < brier(p, o) < a[1]


def test_bootstrap_matches_a_plain_loop() -> None:
    # The same draws taken one resample at a time give the same interval.
    p = np.array([0.1, 0.4, 0.8, 0.6, 0.3, 0.9, 0.2])
    o = np.array([0, 1, 1, 0, 0, 1, 1])
    sq = (p - o) ** 2
    rng = np.random.default_rng(11)
    means = [float(np.mean(sq[rng.integers(0, 7, size=7)])) for _ in range(200)]
    want = np.quantile(means, [0.025, 0.975])
    got = bootstrap_brier(p, o, rng=np.random.default_rng(11), n_boot=200)
    assert got == pytest.approx(tuple(want.tolist()), abs=1e-12)


def test_bootstrap_coverage_is_near_95_percent() -> None:
    # A calibrated forecaster with p ~ U(0, 1) has expected Brier E[p(1 - p)] = 1/6.
    rng = np.random.default_rng(2024)
    hits = 0
    trials = 300
    for _ in range(trials):
        p = rng.random(120)
        o = (rng.random(120) < p).astype(int)
        lo, hi = bootstrap_brier(p, o, rng=rng, n_boot=400)
        hits += lo <= 1 / 6 <= hi
    assert 0.89 <= hits / trials <= 0.99


def test_degenerate_bootstrap_on_one_claim() -> None:
    assert bootstrap_brier([0.3], [1], rng=np.random.default_rng(0)) == pytest.approx((0.49, 0.49))


# --- the whole pool ----------------------------------------------------------------------------


def pool_claims(seed: int = 5) -> list[ScoredClaim]:
    """Three sources: a hedger, a continuous forecaster, one with only factual/annulled claims."""
    rng = random.Random(seed)
    claims: list[ScoredClaim] = []
    for i in range(40):
        outcome = "yes" if rng.random() < 0.4 else "no"
        claims.append(forecast("hedger", f"q{i}", rng.choice(HEDGES[:6]), outcome))
        claims.append(forecast("fine", f"q{i}", rng.random(), outcome))
    claims += [forecast("fine", f"late{i}", 0.6, None) for i in range(3)]
    claims += [forecast("hedger", f"void{i}", 0.9, "annulled") for i in range(5)]
    claims += [forecast("vague", f"void{i}", 0.2, "annulled") for i in range(2)]
    verdicts = ["true", "true", "false", "misleading", "unverifiable", None]
    claims += [ScoredClaim("vague", f"fact{i}", "factual", None, v) for i, v in enumerate(verdicts)]
    return claims


def test_each_source_matches_sklearn_and_the_pool() -> None:
    claims = pool_claims()
    report = score_sources(claims, n_boot=200)
    rows = {s.source: s for s in report.sources}
    scored = [c for c in claims if c.outcome in ("yes", "no")]
    all_p = [c.probability for c in scored]
    all_o = [int(c.outcome == "yes") for c in scored]
    pool_bs = brier_score_loss(all_o, all_p)
    base = sum(all_o) / len(all_o)
    assert report.brier == pytest.approx(pool_bs, abs=1e-12)
    assert report.base_rate == pytest.approx(base)
    for name in ("hedger", "fine"):
        mine = [c for c in scored if c.source == name]
        p = [num(c.probability) for c in mine]
        o = [int(c.outcome == "yes") for c in mine]
        row = rows[name]
        bs = brier_score_loss(o, p)
        assert row.n_resolved == 40
        assert row.brier == pytest.approx(bs, abs=1e-12)
        assert row.skill_vs_even == pytest.approx(1 - bs / 0.25)
        assert row.skill_vs_base == pytest.approx(1 - bs / np.mean((base - np.array(o)) ** 2))
        assert row.log_score == pytest.approx(-log_loss(o, np.clip(p, 0.01, 0.99)), abs=1e-12)
        assert row.brier_shrunk == pytest.approx((40 * bs + 30 * pool_bs) / 70)
        assert_same_bins(row.bins, calibration_bins(p, o))
        assert row.ece == pytest.approx(ece(row.bins), abs=1e-12)
        assert row.murphy is not None
        m = murphy(row.bins)
        got = (row.murphy.reliability, row.murphy.resolution, row.murphy.uncertainty)
        assert got == pytest.approx((m.reliability, m.resolution, m.uncertainty), abs=1e-12)
        assert num(row.brier_low) < num(row.brier) < num(row.brier_high)
        assert (row.brier_low, row.brier_high) == bootstrap_brier(
            sorted_for_bootstrap(mine)[0],
            sorted_for_bootstrap(mine)[1],
            rng=bootstrap_rng(0, 40),
            n_boot=200,
        )
    assert rows["hedger"].binning == "distinct"
    hedger_murphy = rows["hedger"].murphy
    assert hedger_murphy is not None
    assert hedger_murphy.brier == pytest.approx(num(rows["hedger"].brier), abs=1e-12)
    assert rows["fine"].binning == "equal"
    freq, _ = calibration_curve(
        [int(c.outcome == "yes") for c in scored if c.source == "fine"],
        [c.probability for c in scored if c.source == "fine"],
        n_bins=10,
    )
    assert [b.freq for b in rows["fine"].bins] == pytest.approx(freq.tolist())


def assert_same_bins(got: tuple[Bin, ...], want: list[Bin]) -> None:
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        assert (g.lo, g.hi, g.n) == (w.lo, w.hi, w.n)
        assert (g.mean_p, g.freq, g.wilson_low, g.wilson_high) == pytest.approx(
            (w.mean_p, w.freq, w.wilson_low, w.wilson_high), abs=1e-12
        )


def sorted_for_bootstrap(claims: list[ScoredClaim]) -> tuple[list[float], list[int]]:
    """The canonical order score_sources resamples in: by question name, probability, outcome."""
    key = sorted((c.question, num(c.probability), int(c.outcome == "yes")) for c in claims)
    return [p for _, p, _ in key], [o for _, _, o in key]


def test_exclusions_are_counted_not_scored() -> None:
    claims = pool_claims()
    rows = {s.source: s for s in score_sources(claims, n_boot=0).sources}
    hedger, fine, vague = rows["hedger"], rows["fine"], rows["vague"]
    assert (hedger.n_claims, hedger.n_forecasts, hedger.n_annulled) == (45, 45, 5)
    assert hedger.annulled_share == pytest.approx(5 / 45)
    assert (fine.n_open, fine.n_resolved, fine.annulled_share) == (3, 40, 0.0)
    only_resolved = [c for c in claims if c.outcome in ("yes", "no")]
    again = {s.source: s for s in score_sources(only_resolved, n_boot=0).sources}
    assert hedger.brier == again["hedger"].brier and fine.brier == again["fine"].brier
    assert vague.n_claims == 8 and vague.n_resolved == 0 and vague.annulled_share == 1.0
    assert (vague.n_factual, vague.n_factual_judged) == (6, 5)
    assert (vague.factual_true, vague.factual_false) == (0.4, 0.2)
    assert (vague.factual_misleading, vague.factual_unverifiable) == (0.2, 0.2)
    assert hedger.factual_true is None and hedger.n_factual == 0


def test_source_without_scored_forecasts_has_none_figures_and_comes_last() -> None:
    rows = score_sources(pool_claims(), n_boot=50).sources
    assert [r.source for r in rows][-1] == "vague"
    vague = rows[-1]
    assert vague.rank is None and vague.small_sample and vague.bins == ()
    figures = (vague.brier, vague.brier_low, vague.brier_shrunk, vague.skill_vs_even)
    assert figures == (None, None, None, None)
    assert (vague.log_score, vague.ece, vague.murphy, vague.peer_diff) == (None,) * 4
    assert [r.rank for r in rows[:-1]] == [1, 2]
    assert num(rows[0].brier_shrunk) <= num(rows[1].brier_shrunk)


def test_ranking_uses_the_shrunk_score_not_the_raw_one() -> None:
    # "lucky" is perfect on 2 claims; "steady" is good on 60. Shrinkage puts steady first.
    claims = [forecast("lucky", f"a{i}", 0.99, "yes") for i in range(2)]
    claims += [forecast("steady", f"b{i}", 0.9, "yes" if i % 10 else "no") for i in range(60)]
    claims += [forecast("pool", f"c{i}", 0.5, "yes") for i in range(200)]
    rows = score_sources(claims, n_boot=0).sources
    by = {r.source: r for r in rows}
    assert num(by["lucky"].brier) < num(by["steady"].brier)
    assert [r.source for r in rows][:2] == ["steady", "lucky"]
    assert by["lucky"].small_sample and not by["steady"].small_sample


def test_small_sample_marker_at_min_n() -> None:
    claims = [forecast("a", f"q{i}", 0.7, "yes") for i in range(19)]
    claims += [forecast("b", f"q{i}", 0.7, "yes") for i in range(20)]
    rows = {r.source: r for r in score_sources(claims, n_boot=0).sources}
    assert rows["a"].small_sample and not rows["b"].small_sample
    rows = {r.source: r for r in score_sources(claims, n_boot=0, min_n=5).sources}
    assert not rows["a"].small_sample


def test_peer_comparison_by_hand() -> None:
    claims = [
        forecast("A", "q1", 0.9, "yes"),  # A 0.01, B 0.25
        forecast("B", "q1", 0.5, "yes"),
        forecast("A", "q2", 0.2, "no"),  # A 0.04, B 0.36, C 0.64
        forecast("B", "q2", 0.6, "no"),
        forecast("C", "q2", 0.8, "no"),
        forecast("A", "q3", 0.3, "yes"),  # A alone: not shared
        forecast("C", "q4", 0.1, "no"),  # C twice on q4 (0.01, 0.09), B once (0.49)
        forecast("C", "q4", 0.3, "no"),
        forecast("B", "q4", 0.7, "no"),
        forecast("D", "q5", 0.5, "annulled"),
    ]
    rows = by_source(claims, n_boot=0)
    assert rows["A"]["peer_n"] == 2
    assert rows["A"]["peer_diff"] == pytest.approx(((0.01 - 0.25) + (0.04 - (0.36 + 0.64) / 2)) / 2)
    assert rows["B"]["peer_n"] == 3
    b_diffs = [0.25 - 0.01, 0.36 - (0.04 + 0.64) / 2, 0.49 - 0.05]
    assert rows["B"]["peer_diff"] == pytest.approx(sum(b_diffs) / 3)
    assert rows["C"]["peer_n"] == 2
    c_diffs = [0.64 - (0.04 + 0.36) / 2, 0.05 - 0.49]
    assert rows["C"]["peer_diff"] == pytest.approx(sum(c_diffs) / 2)
    assert rows["D"]["peer_n"] == 0 and rows["D"]["peer_diff"] is None


def test_skill_vs_base_is_none_when_the_pool_base_rate_is_certain() -> None:
    claims = [forecast("a", f"q{i}", 0.8, "yes") for i in range(5)]
    claims += [forecast("b", f"q{i}", 0.6, "yes") for i in range(5)]
    report = score_sources(claims, n_boot=0)
    assert report.base_rate == 1.0
    for row in report.sources:
        assert row.skill_vs_base is None and row.skill_vs_even is not None
        assert row.murphy is not None and row.murphy.uncertainty == 0.0


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["ft", "wsj", "nyt"]),
            st.integers(0, 8),
            st.sampled_from([*HEDGES, 0.33, 0.61]),
            st.sampled_from(["yes", "no", "annulled", None]),
        ),
        min_size=1,
        max_size=40,
    ),
    st.randoms(use_true_random=False),
)
def test_report_does_not_depend_on_claim_order(rows: list, shuffler: random.Random) -> None:
    claims = [forecast(s, f"q{q}", p, o) for s, q, p, o in rows]
    shuffled = claims[:]
    shuffler.shuffle(shuffled)
    assert score_sources(claims, n_boot=30) == score_sources(shuffled, n_boot=30)


def test_a_sources_interval_does_not_depend_on_other_sources() -> None:
    claims = pool_claims()
    alone = [c for c in claims if c.source == "fine"]
    full = {r.source: r for r in score_sources(claims, seed=3, n_boot=100).sources}
    solo = score_sources(alone, seed=3, n_boot=100).sources[0]
    assert (solo.brier_low, solo.brier_high) == (full["fine"].brier_low, full["fine"].brier_high)
    other_seed = {r.source: r for r in score_sources(claims, seed=4, n_boot=100).sources}
    assert other_seed["fine"].brier_low != full["fine"].brier_low


def test_json_has_stable_keys_and_serialises() -> None:
    report = score_sources(pool_claims(), n_boot=20)
    data = json.loads(json.dumps(report.to_json()))
    required = {
        "source",
        "n_claims",
        "n_resolved",
        "brier",
        "brier_low",
        "brier_high",
        "skill_vs_even",
        "log_score",
        "ece",
    }
    for row in data["sources"]:
        assert required <= row.keys()
        assert list(row) == list(data["sources"][0])
    assert data["pool"]["n_resolved"] == 80 and data["pool"]["n_annulled"] == 7
    assert data["pool"]["n_open"] == 3 and data["pool"]["n_factual"] == 6
    assert set(data["sources"][0]["bins"][0]) == set(Bin.__dataclass_fields__)


def test_empty_input_gives_an_empty_report() -> None:
    report = score_sources([])
    assert report.sources == () and report.brier is None and report.base_rate is None
    assert report.n_claims == 0


def test_bad_claims_are_refused_with_their_name() -> None:
    with pytest.raises(ValueError, match="ft on q1: outcome 'true' is not valid"):
        score_sources([ScoredClaim("ft", "q1", "forecast", 0.5, "true")])
    with pytest.raises(ValueError, match="ft on q2: a resolved forecast needs a probability"):
        score_sources([ScoredClaim("ft", "q2", "forecast", None, "yes")])
    with pytest.raises(ValueError, match="probability"):
        score_sources([ScoredClaim("ft", "q3", "forecast", float("nan"), "no")])
    # Open and annulled forecasts need no probability.
    report = score_sources([ScoredClaim("ft", "q4", "forecast", None, None)])
    assert report.sources[0].n_open == 1


def test_score_columns_equals_score_sources() -> None:
    claims = pool_claims()
    rows = [(c.source, c.question, c.kind, c.probability, c.outcome) for c in claims]
    columns = [list(col) for col in zip(*rows, strict=True)]
    assert score_columns(*columns, seed=9, n_boot=50) == score_sources(claims, seed=9, n_boot=50)
    with pytest.raises(ValueError, match="equal length"):
        score_columns(["a"], [], ["forecast"], [0.5], ["yes"])


def test_chunked_resampling_gives_the_same_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(1)
    p = rng.random(50)
    o = (rng.random(50) < 0.5).astype(int)
    whole = bootstrap_brier(p, o, rng=np.random.default_rng(5), n_boot=300)
    monkeypatch.setattr(scoring, "_BOOT_CELLS", 7 * 50)  # 7 resamples per chunk
    chunked = bootstrap_brier(p, o, rng=np.random.default_rng(5), n_boot=300)
    assert chunked == pytest.approx(whole, abs=1e-12)
