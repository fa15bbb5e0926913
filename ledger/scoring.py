"""Scoring of sources' track records: Brier, skill, log score, calibration, bootstrap, peers."""

# Conventions, fixed here so every report reads the same way:
#
# - Only forecast claims on questions resolved `yes` (1) or `no` (0) are scored, each with the
#   probability as first registered (the caller passes that one, never an amended value).
#   Forecasts on `annulled` questions, open forecasts and factual claims are counted, not scored.
#   A *late* forecast (made on or after its outcome became known, or after the deadline; the caller
#   marks it) is counted in n_late and n_claims only: never scored, never open, resolved or annulled.
#   Withdrawn claims never reach scoring at all (the caller leaves them out).
# - Probabilities are used exactly as stored, 0 and 1 included: Brier, skill and calibration on the
#   raw values.
# - Brier score: mean of (p - o)^2 on the 0-1 scale; 0 is perfect, 0.25 is always saying 50%,
#   lower is better.
# - Log score: mean natural-log likelihood of what happened, ln(p) if yes else ln(1 - p), with p
#   clipped to [0.01, 0.99] so one confident miss costs at most ln(0.01) = -4.6. It is <= 0 and
#   HIGHER is better; always saying 50% scores ln(0.5) = -0.693.
# - Skill: 1 - BS / BS_ref (positive beats the reference). `skill_vs_even` uses always-50%
#   (BS_ref = 0.25). `skill_vs_base` uses always-the-pool's-base-rate b, BS_ref = mean((b - o)^2)
#   over the source's own claims; when b is 0 or 1 that reference is perfect (BS_ref = 0) and the
#   skill is None.
# - Calibration bins: one bin per distinct probability when the source used <= 12 distinct values
#   (hedge-mapped data), else ten equal bins right-closed like scikit-learn's calibration_curve,
#   (0.1k, 0.1(k+1)], the first also holding 0. Only non-empty bins are returned. Murphy
#   decomposition and ECE come from the same bins; the identity BS = REL - RES + UNC is exact for
#   distinct-value bins and approximate for equal bins (within-bin spread is not counted).
#   All-same outcomes give uncertainty 0 and resolution 0.
# - Bootstrap: percentile 95% interval of the Brier over 1000 resamples of the source's scored
#   claims, taken in a canonical order (question name, probability, outcome). The draws for a
#   source with n claims come from a generator seeded with (seed, n), so its interval depends only
#   on its own claims and the seed: not on input order, nor on which other sources are in the
#   report. Sources of equal n share draws (common random numbers), which lets a whole group be
#   resampled with one matrix product.
# - Ranking: by the Brier shrunk toward the pool, (n*BS + 30*BS_pool) / (n + 30), lowest first,
#   ties by name; sources with no scored forecast come last, unranked. `small_sample` marks
#   n_resolved < min_n (20).
# - Peers: for each question the source forecast along with at least one other source, the
#   source's mean squared error on it minus the mean over the other sources (each other source
#   weighted once); `peer_diff` is the mean of those differences over the `peer_n` shared
#   questions. Negative means better than the peers on the same questions.
# - A source without scored forecasts has every forecast figure None and no bins; shares whose
#   denominator is 0 are None.

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

FORECAST = "forecast"
FACTUAL = "factual"
FORECAST_OUTCOMES = ("yes", "no", "annulled")
FACTUAL_VERDICTS = ("true", "misleading", "false", "unverifiable")

LOG_CLIP = (0.01, 0.99)
EVEN_BRIER = 0.25
MAX_DISTINCT = 12
N_EQUAL_BINS = 10
PRIOR_WEIGHT = 30
MIN_N = 20
N_BOOT = 1000
LEVEL = 0.95
WILSON_Z = 1.96
# Cells of one bootstrap draw matrix: caps working memory near 25 MB for a prolific source.
_BOOT_CELLS = 1 << 20

# Each (kind, outcome) pair a claim may carry, as a small code so counting is one bincount.
_YES, _NO, _ANNULLED, _OPEN_FORECAST = 0, 1, 2, 3
_TRUE, _MISLEADING, _FALSE, _UNVERIFIABLE, _OPEN_FACTUAL = 4, 5, 6, 7, 8
_LATE = 9
_N_CATEGORIES = 10
_CATEGORY: dict[tuple[str, str | None], int] = {
    (FORECAST, "yes"): _YES,
    (FORECAST, "no"): _NO,
    (FORECAST, "annulled"): _ANNULLED,
    (FORECAST, None): _OPEN_FORECAST,
    (FACTUAL, "true"): _TRUE,
    (FACTUAL, "misleading"): _MISLEADING,
    (FACTUAL, "false"): _FALSE,
    (FACTUAL, "unverifiable"): _UNVERIFIABLE,
    (FACTUAL, None): _OPEN_FACTUAL,
}

Binning = Literal["distinct", "equal"]


@dataclass(frozen=True, slots=True)
class ScoredClaim:
    """One claim as scoring sees it.

    kind is "forecast" or "factual". outcome is the question's standing resolution: yes / no /
    annulled for forecasts, true / false / misleading / unverifiable for factual claims, None while
    unresolved. probability is the source's first-registered P(yes), required for a resolved
    forecast.
    """

    source: str
    question: str
    kind: str
    probability: float | None
    outcome: str | None
    late: bool = False


@dataclass(frozen=True, slots=True)
class Bin:
    """One calibration bin: probabilities in [lo, hi] (a single value when lo == hi)."""

    lo: float
    hi: float
    n: int
    mean_p: float
    freq: float
    wilson_low: float
    wilson_high: float

    def to_json(self) -> dict[str, Any]:
        return {
            "lo": self.lo,
            "hi": self.hi,
            "n": self.n,
            "mean_p": self.mean_p,
            "freq": self.freq,
            "wilson_low": self.wilson_low,
            "wilson_high": self.wilson_high,
        }


@dataclass(frozen=True, slots=True)
class Murphy:
    """Murphy (1973) decomposition of the Brier score over calibration bins."""

    reliability: float
    resolution: float
    uncertainty: float

    @property
    def brier(self) -> float:
        """REL - RES + UNC: equals the Brier score exactly when every bin holds a single value."""
        return self.reliability - self.resolution + self.uncertainty


@dataclass(frozen=True, slots=True)
class SourceScore:
    """Every figure of one source's track record; forecast figures None without scored claims.

    n_forecasts = n_resolved (scored: yes/no) + n_annulled + n_open (unresolved); n_late forecasts are
    counted apart (in n_claims, not n_forecasts).
    annulled_share = n_annulled / (n_resolved + n_annulled): how often its closed questions
    proved too vague or moot to score. base_rate is the source's own share of yes outcomes.
    factual_* are shares of its judged factual claims (n_factual_judged, all four verdicts).
    """

    source: str
    rank: int | None
    n_claims: int
    n_forecasts: int
    n_resolved: int
    n_open: int
    n_annulled: int
    n_late: int
    annulled_share: float | None
    small_sample: bool
    brier: float | None
    brier_low: float | None
    brier_high: float | None
    brier_shrunk: float | None
    skill_vs_even: float | None
    skill_vs_base: float | None
    log_score: float | None
    base_rate: float | None
    binning: Binning | None
    bins: tuple[Bin, ...]
    murphy: Murphy | None
    ece: float | None
    peer_diff: float | None
    peer_n: int
    n_factual: int
    n_factual_judged: int
    factual_true: float | None
    factual_misleading: float | None
    factual_false: float | None
    factual_unverifiable: float | None

    def to_json(self) -> dict[str, Any]:
        """Stable keys for `--json`; floats unrounded, missing figures null."""
        m = self.murphy
        return {
            "source": self.source,
            "rank": self.rank,
            "n_claims": self.n_claims,
            "n_forecasts": self.n_forecasts,
            "n_resolved": self.n_resolved,
            "n_open": self.n_open,
            "n_annulled": self.n_annulled,
            "n_late": self.n_late,
            "annulled_share": self.annulled_share,
            "small_sample": self.small_sample,
            "brier": self.brier,
            "brier_low": self.brier_low,
            "brier_high": self.brier_high,
            "brier_shrunk": self.brier_shrunk,
            "skill_vs_even": self.skill_vs_even,
            "skill_vs_base": self.skill_vs_base,
            "log_score": self.log_score,
            "base_rate": self.base_rate,
            "ece": self.ece,
            "reliability": None if m is None else m.reliability,
            "resolution": None if m is None else m.resolution,
            "uncertainty": None if m is None else m.uncertainty,
            "peer_diff": self.peer_diff,
            "peer_n": self.peer_n,
            "n_factual": self.n_factual,
            "n_factual_judged": self.n_factual_judged,
            "factual_true": self.factual_true,
            "factual_misleading": self.factual_misleading,
            "factual_false": self.factual_false,
            "factual_unverifiable": self.factual_unverifiable,
            "binning": self.binning,
            "bins": [b.to_json() for b in self.bins],
        }


@dataclass(frozen=True, slots=True)
class PoolReport:
    """Scores of every source, ranked, with the pool figures they were measured against."""

    sources: tuple[SourceScore, ...]
    n_claims: int
    n_resolved: int
    n_open: int
    n_annulled: int
    n_late: int
    n_factual: int
    brier: float | None
    base_rate: float | None
    log_score: float | None
    seed: int
    n_boot: int
    min_n: int
    prior: int

    def to_json(self) -> dict[str, Any]:
        return {
            "pool": {
                "n_claims": self.n_claims,
                "n_resolved": self.n_resolved,
                "n_open": self.n_open,
                "n_annulled": self.n_annulled,
                "n_late": self.n_late,
                "n_factual": self.n_factual,
                "brier": self.brier,
                "base_rate": self.base_rate,
                "log_score": self.log_score,
                "seed": self.seed,
                "n_boot": self.n_boot,
                "min_n": self.min_n,
                "prior": self.prior,
            },
            "sources": [s.to_json() for s in self.sources],
        }


# --- single-sample figures -------------------------------------------------------------------


def _as_pair(
    p: Sequence[float] | FloatArray, o: Sequence[float] | npt.ArrayLike
) -> tuple[FloatArray, FloatArray]:
    pa = np.asarray(p, dtype=np.float64)
    oa = np.asarray(o, dtype=np.float64)
    if pa.ndim != 1 or pa.shape != oa.shape:
        raise ValueError("probabilities and outcomes must be 1-D and of equal length")
    if pa.size == 0:
        raise ValueError("no scored forecasts")
    if not np.all((pa >= 0.0) & (pa <= 1.0)):
        raise ValueError("probabilities must lie in [0, 1]")
    if not np.all((oa == 0.0) | (oa == 1.0)):
        raise ValueError("outcomes must be 0 (no) or 1 (yes)")
    return pa, oa


def brier(p: Sequence[float] | FloatArray, o: npt.ArrayLike) -> float:
    """Brier score, mean (p - o)^2 on the 0-1 scale (lower is better); o is 1 for yes, 0 for no."""
    pa, oa = _as_pair(p, o)
    return float(np.mean((pa - oa) ** 2))


def _log_likelihood(p: FloatArray, o: FloatArray) -> FloatArray:
    pc = np.clip(p, *LOG_CLIP)
    return np.where(o == 1.0, np.log(pc), np.log1p(-pc))


def log_score(p: Sequence[float] | FloatArray, o: npt.ArrayLike) -> float:
    """Mean natural-log likelihood with p clipped to [0.01, 0.99]: <= 0, higher is better."""
    pa, oa = _as_pair(p, o)
    return float(np.mean(_log_likelihood(pa, oa)))


def skill(bs: float, bs_ref: float) -> float | None:
    """Brier skill score 1 - bs / bs_ref; None when the reference is perfect (bs_ref == 0)."""
    return None if bs_ref <= 0.0 else 1.0 - bs / bs_ref


def shrunk(n: int, bs: float, bs_pool: float, *, prior: int = PRIOR_WEIGHT) -> float:
    """Brier pulled toward the pool as if `prior` pool-average forecasts were added: for ranking."""
    return (n * bs + prior * bs_pool) / (n + prior)


def _wilson_arrays(k: FloatArray, n: FloatArray, z: float) -> tuple[FloatArray, FloatArray]:
    phat = k / n
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (phat + z2 / (2.0 * n)) / denom
    half = z * np.sqrt(phat * (1.0 - phat) / n + z2 / (4.0 * n * n)) / denom
    # The ends are exactly 0 at k = 0 and 1 at k = n; rounding would leave them a hair off.
    low = np.where(k == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
    high = np.where(k == n, 1.0, np.clip(centre + half, 0.0, 1.0))
    return low, high


def wilson(k: int, n: int, z: float = WILSON_Z) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials (95% at z = 1.96); (0, 1) when n == 0."""
    if n < 0 or not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return 0.0, 1.0
    lo, hi = _wilson_arrays(np.array([k], dtype=np.float64), np.array([n], dtype=np.float64), z)
    return float(lo[0]), float(hi[0])


# --- calibration bins ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _BinTable:
    """Non-empty bins of many sources at once, ordered by source then probability."""

    source: IntArray
    lo: FloatArray
    hi: FloatArray
    n: FloatArray
    mean_p: FloatArray
    freq: FloatArray
    wilson_low: FloatArray
    wilson_high: FloatArray
    distinct: npt.NDArray[np.bool_]  # per source: binned by distinct value


def _bin_table(
    s: IntArray,
    p: FloatArray,
    o: FloatArray,
    n_sources: int,
    *,
    max_distinct: int = MAX_DISTINCT,
    n_bins: int = N_EQUAL_BINS,
    z: float = WILSON_Z,
) -> _BinTable:
    order = np.lexsort((p, s))
    s, p, o = s[order], p[order], o[order]
    size = s.size
    new_source = np.ones(size, dtype=np.bool_)
    new_source[1:] = s[1:] != s[:-1]
    new_value = new_source.copy()
    new_value[1:] |= p[1:] != p[:-1]
    distinct = np.bincount(s[new_value], minlength=n_sources) <= max_distinct
    # Same edges and searchsorted side as sklearn's calibration_curve(strategy="uniform").
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    equal_bin = np.searchsorted(edges[1:-1], p)
    new_equal = new_source.copy()
    new_equal[1:] |= equal_bin[1:] != equal_bin[:-1]
    starts = np.flatnonzero(np.where(distinct[s], new_value, new_equal))
    if starts.size == 0:
        empty = np.zeros(0, dtype=np.float64)
        return _BinTable(
            np.zeros(0, dtype=np.intp), empty, empty, empty, empty, empty, empty, empty, distinct
        )
    n = np.diff(np.append(starts, size)).astype(np.float64)
    mean_p = np.add.reduceat(p, starts) / n
    k = np.add.reduceat(o, starts)
    freq = k / n
    src = s[starts]
    by_value = distinct[src]
    first = equal_bin[starts]
    lo = np.where(by_value, p[starts], edges[first])
    hi = np.where(by_value, p[starts], edges[first + 1])
    w_lo, w_hi = _wilson_arrays(k, n, z)
    return _BinTable(src, lo, hi, n, mean_p, freq, w_lo, w_hi, distinct)


def _bins_of(table: _BinTable) -> list[Bin]:
    return list(
        map(
            Bin,
            table.lo.tolist(),
            table.hi.tolist(),
            table.n.astype(np.intp).tolist(),
            table.mean_p.tolist(),
            table.freq.tolist(),
            table.wilson_low.tolist(),
            table.wilson_high.tolist(),
        )
    )


def calibration_bins(
    p: Sequence[float] | FloatArray,
    o: npt.ArrayLike,
    *,
    max_distinct: int = MAX_DISTINCT,
    n_bins: int = N_EQUAL_BINS,
) -> list[Bin]:
    """Non-empty calibration bins: by distinct value if <= max_distinct values, else equal width."""
    pa, oa = _as_pair(p, o)
    table = _bin_table(
        np.zeros(pa.size, dtype=np.intp), pa, oa, 1, max_distinct=max_distinct, n_bins=n_bins
    )
    return _bins_of(table)


def murphy(bins: Iterable[Bin]) -> Murphy:
    """Reliability, resolution and uncertainty from calibration bins (weights n / N)."""
    bins = list(bins)
    total = sum(b.n for b in bins)
    if total == 0:
        raise ValueError("no scored forecasts")
    base = sum(b.n * b.freq for b in bins) / total
    rel = sum(b.n * (b.mean_p - b.freq) ** 2 for b in bins) / total
    res = sum(b.n * (b.freq - base) ** 2 for b in bins) / total
    return Murphy(rel, res, base * (1.0 - base))


def ece(bins: Iterable[Bin]) -> float:
    """Expected calibration error: n-weighted mean |mean probability - observed frequency|."""
    bins = list(bins)
    total = sum(b.n for b in bins)
    if total == 0:
        raise ValueError("no scored forecasts")
    return sum(b.n * abs(b.mean_p - b.freq) for b in bins) / total


# --- bootstrap -------------------------------------------------------------------------------


def _bootstrap_means(values: FloatArray, rng: np.random.Generator, n_boot: int) -> FloatArray:
    """Bootstrap means of each row of `values` (m, n): shape (m, n_boot).

    A resample is n indices drawn with replacement; its mean is the sum of values weighted by how
    often each was drawn, so every row of a group shares one count matrix and costs one matrix
    product per chunk instead of a Python loop per resample.
    """
    m, n = values.shape
    means = np.empty((m, n_boot), dtype=np.float64)
    rows = max(1, _BOOT_CELLS // n)
    for start in range(0, n_boot, rows):
        stop = min(n_boot, start + rows)
        k = stop - start
        idx = rng.integers(0, n, size=(k, n))
        idx += np.arange(0, k * n, n)[:, None]
        drawn = np.bincount(idx.ravel(), minlength=k * n).reshape(k, n).astype(np.float64)
        # einsum rather than @: BLAS threads stall when cores are busy, and its fixed summation
        # order keeps each row's result independent of which other rows share the group.
        means[:, start:stop] = np.einsum("mn,kn->mk", values, drawn) / n
    return means


def _percentile_interval(means: FloatArray, level: float) -> tuple[FloatArray, FloatArray]:
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(means, [tail, 1.0 - tail], axis=-1)
    return low, high


def bootstrap_brier(
    p: Sequence[float] | FloatArray,
    o: npt.ArrayLike,
    *,
    rng: np.random.Generator,
    n_boot: int = N_BOOT,
    level: float = LEVEL,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the Brier score, resampling claims with replacement."""
    if n_boot < 1:
        raise ValueError("n_boot must be at least 1")
    pa, oa = _as_pair(p, o)
    low, high = _percentile_interval(
        _bootstrap_means(((pa - oa) ** 2)[None, :], rng, n_boot), level
    )
    return float(low[0]), float(high[0])


def bootstrap_rng(seed: int, n: int) -> np.random.Generator:
    """The generator score_sources uses for every source with n scored claims."""
    return np.random.default_rng([seed, n])


# --- the whole pool --------------------------------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def score_sources(
    claims: Iterable[ScoredClaim],
    *,
    seed: int = 0,
    n_boot: int = N_BOOT,
    min_n: int = MIN_N,
    prior: int = PRIOR_WEIGHT,
) -> PoolReport:
    """Score every source in `claims`, ranked by shrunk Brier. n_boot=0 skips the intervals.

    Raises ValueError for a claim whose (kind, outcome) is unknown, or a resolved forecast
    without a probability in [0, 1].
    """
    claims = claims if isinstance(claims, Sequence) else list(claims)
    return score_columns(
        [c.source for c in claims],
        [c.question for c in claims],
        [c.kind for c in claims],
        [c.probability for c in claims],
        [c.outcome for c in claims],
        late=[c.late for c in claims],
        seed=seed,
        n_boot=n_boot,
        min_n=min_n,
        prior=prior,
    )


def score_columns(
    sources: Sequence[str],
    questions: Sequence[str],
    kinds: Sequence[str],
    probabilities: Sequence[float | None],
    outcomes: Sequence[str | None],
    *,
    late: Sequence[bool] | None = None,
    seed: int = 0,
    n_boot: int = N_BOOT,
    min_n: int = MIN_N,
    prior: int = PRIOR_WEIGHT,
) -> PoolReport:
    """score_sources over parallel columns, one entry per claim, e.g. `zip(*cursor.fetchall())`.

    Same result as score_sources on the equivalent ScoredClaims, without building them.
    """
    if n_boot < 0:
        raise ValueError("n_boot must be >= 0")
    if seed < 0:
        raise ValueError("seed must be >= 0")
    size = len(sources)
    if not len(questions) == len(kinds) == len(probabilities) == len(outcomes) == size:
        raise ValueError("claim columns must be of equal length")

    cats = [_CATEGORY.get(pair) for pair in zip(kinds, outcomes, strict=True)]
    if None in cats:
        i = cats.index(None)
        raise ValueError(
            f"{sources[i]} on {questions[i]}: outcome {outcomes[i]!r} is not valid "
            f"for kind {kinds[i]!r}"
        )
    cat = np.array(cats, dtype=np.intp)
    if late is not None:
        if len(late) != size:
            raise ValueError("claim columns must be of equal length")
        is_late = np.array(late, dtype=np.bool_) & (cat <= _OPEN_FORECAST)
        cat[is_late] = _LATE
    prob = np.array([math.nan if x is None else x for x in probabilities], dtype=np.float64)
    is_scored = cat <= _NO
    # NaN fails both comparisons, so a missing probability is caught here too.
    bad_prob = is_scored & ~((prob >= 0.0) & (prob <= 1.0))
    if bad_prob.any():
        i = int(np.argmax(bad_prob))
        raise ValueError(
            f"{sources[i]} on {questions[i]}: a resolved forecast needs a probability in "
            f"[0, 1], got {probabilities[i]!r}"
        )
    # Codes are ranks of the names, so results do not depend on input order.
    names = sorted(dict.fromkeys(sources))
    n_sources = len(names)
    source_rank = {name: i for i, name in enumerate(names)}
    src_all = np.array([source_rank[name] for name in sources], dtype=np.intp)
    scored_idx = np.flatnonzero(is_scored).tolist()
    scored_questions = [questions[i] for i in scored_idx]
    question_rank = {name: i for i, name in enumerate(sorted(dict.fromkeys(scored_questions)))}
    n_questions = len(question_rank)

    counts = np.bincount(
        src_all * _N_CATEGORIES + cat, minlength=n_sources * _N_CATEGORIES
    ).reshape(n_sources, _N_CATEGORIES)

    s = src_all[is_scored]
    q = np.array([question_rank[name] for name in scored_questions], dtype=np.intp)
    p = prob[is_scored]
    o = (cat[is_scored] == _YES).astype(np.float64)
    order = np.lexsort((o, p, q, s))
    s, q, p, o = s[order], q[order], p[order], o[order]
    sq = (p - o) ** 2
    ll = _log_likelihood(p, o)

    n = np.bincount(s, minlength=n_sources).astype(np.float64)
    scored = n > 0
    safe_n = np.where(scored, n, 1.0)
    bs = np.bincount(s, weights=sq, minlength=n_sources) / safe_n
    yes = np.bincount(s, weights=o, minlength=n_sources)
    base = yes / safe_n
    logs = np.bincount(s, weights=ll, minlength=n_sources) / safe_n

    pool_brier = float(sq.mean()) if sq.size else None
    pool_base = float(o.mean()) if o.size else None
    pool_log = float(ll.mean()) if ll.size else None
    if pool_brier is not None and pool_base is not None:
        ref_base = ((1.0 - pool_base) ** 2 * yes + pool_base**2 * (n - yes)) / safe_n
        shrunk_bs = (n * bs + prior * pool_brier) / (n + prior)
    else:
        ref_base = np.zeros(n_sources)
        shrunk_bs = np.zeros(n_sources)

    table = _bin_table(s, p, o, n_sources)
    w = table.n / safe_n[table.source]
    rel = np.bincount(
        table.source, weights=w * (table.mean_p - table.freq) ** 2, minlength=n_sources
    )
    res = np.bincount(
        table.source, weights=w * (table.freq - base[table.source]) ** 2, minlength=n_sources
    )
    ece_s = np.bincount(
        table.source, weights=w * np.abs(table.mean_p - table.freq), minlength=n_sources
    )
    bin_bounds = np.searchsorted(table.source, np.arange(n_sources + 1)).tolist()

    peer_diff, peer_n = _peers(s, q, sq, n_sources, n_questions)

    n_int = n.astype(np.intp)
    low = np.full(n_sources, np.nan)
    high = np.full(n_sources, np.nan)
    if n_boot:
        first = np.concatenate(([0], np.cumsum(n_int)[:-1]))
        # Sources of equal size share draws: one matrix product per size, not per source.
        for n_scored in np.unique(n_int[n_int > 0]).tolist():
            members = np.flatnonzero(n_int == n_scored)
            block = sq[first[members][:, None] + np.arange(n_scored)]
            means = _bootstrap_means(block, bootstrap_rng(seed, n_scored), n_boot)
            low[members], high[members] = _percentile_interval(means, LEVEL)
    low_l = [None if math.isnan(x) else x for x in low.tolist()]
    high_l = [None if math.isnan(x) else x for x in high.tolist()]

    counts_l = counts.tolist()
    n_l = n.astype(np.intp).tolist()
    bs_l, base_l, logs_l = bs.tolist(), base.tolist(), logs.tolist()
    ref_l, shrunk_l = ref_base.tolist(), shrunk_bs.tolist()
    rel_l, res_l, ece_l = rel.tolist(), res.tolist(), ece_s.tolist()
    distinct_l = table.distinct.tolist()
    peer_diff_l, peer_n_l = peer_diff.tolist(), peer_n.tolist()

    all_bins = _bins_of(table)
    # Names are sorted, so the index breaks ties in shrunk score by name.
    ranked = sorted((i for i in range(n_sources) if n_l[i]), key=lambda i: (shrunk_l[i], i))
    rank_of = {i: r + 1 for r, i in enumerate(ranked)}
    rows: list[SourceScore] = []
    for i in [*ranked, *(i for i in range(n_sources) if not n_l[i])]:
        name = names[i]
        cnt = counts_l[i]
        k = n_l[i]
        closed = k + cnt[_ANNULLED]
        judged = cnt[_TRUE] + cnt[_MISLEADING] + cnt[_FALSE] + cnt[_UNVERIFIABLE]
        n_factual = judged + cnt[_OPEN_FACTUAL]
        has = k > 0
        b = base_l[i]
        rows.append(
            SourceScore(
                source=name,
                rank=rank_of.get(i),
                n_claims=sum(cnt),
                n_forecasts=closed + cnt[_OPEN_FORECAST],
                n_resolved=k,
                n_open=cnt[_OPEN_FORECAST],
                n_annulled=cnt[_ANNULLED],
                n_late=cnt[_LATE],
                annulled_share=_share(cnt[_ANNULLED], closed),
                small_sample=k < min_n,
                brier=bs_l[i] if has else None,
                brier_low=low_l[i],
                brier_high=high_l[i],
                brier_shrunk=shrunk_l[i] if has else None,
                skill_vs_even=1.0 - bs_l[i] / EVEN_BRIER if has else None,
                skill_vs_base=skill(bs_l[i], ref_l[i]) if has else None,
                log_score=logs_l[i] if has else None,
                base_rate=b if has else None,
                binning=("distinct" if distinct_l[i] else "equal") if has else None,
                bins=tuple(all_bins[bin_bounds[i] : bin_bounds[i + 1]]),
                murphy=Murphy(rel_l[i], res_l[i], b * (1.0 - b)) if has else None,
                ece=ece_l[i] if has else None,
                peer_diff=peer_diff_l[i] if peer_n_l[i] else None,
                peer_n=peer_n_l[i],
                n_factual=n_factual,
                n_factual_judged=judged,
                factual_true=_share(cnt[_TRUE], judged),
                factual_misleading=_share(cnt[_MISLEADING], judged),
                factual_false=_share(cnt[_FALSE], judged),
                factual_unverifiable=_share(cnt[_UNVERIFIABLE], judged),
            )
        )

    totals = counts.sum(axis=0).tolist() if n_sources else [0] * _N_CATEGORIES
    return PoolReport(
        sources=tuple(rows),
        n_claims=size,
        n_resolved=int(sq.size),
        n_open=totals[_OPEN_FORECAST],
        n_annulled=totals[_ANNULLED],
        n_late=totals[_LATE],
        n_factual=sum(totals[_TRUE : _OPEN_FACTUAL + 1]),
        brier=pool_brier,
        base_rate=pool_base,
        log_score=pool_log,
        seed=seed,
        n_boot=n_boot,
        min_n=min_n,
        prior=prior,
    )


def _peers(
    s: IntArray, q: IntArray, sq: FloatArray, n_sources: int, n_questions: int
) -> tuple[FloatArray, IntArray]:
    """Mean over shared questions of (own error - mean error of the other sources on it)."""
    if s.size == 0:
        return np.zeros(n_sources), np.zeros(n_sources, dtype=np.intp)
    # Claims arrive sorted by (source, question): a cell is one source's claims on one question.
    new_cell = np.ones(s.size, dtype=np.bool_)
    new_cell[1:] = (s[1:] != s[:-1]) | (q[1:] != q[:-1])
    starts = np.flatnonzero(new_cell)
    cell_n = np.diff(np.append(starts, s.size))
    cell_err = np.add.reduceat(sq, starts) / cell_n
    cell_s, cell_q = s[starts], q[starts]
    voices = np.bincount(cell_q, minlength=n_questions)[cell_q]
    total = np.bincount(cell_q, weights=cell_err, minlength=n_questions)[cell_q]
    shared = voices >= 2
    others = (total[shared] - cell_err[shared]) / (voices[shared] - 1)
    diff = cell_err[shared] - others
    peer_n = np.bincount(cell_s[shared], minlength=n_sources)
    peer_sum = np.bincount(cell_s[shared], weights=diff, minlength=n_sources)
    return peer_sum / np.maximum(peer_n, 1), peer_n


__all__ = [
    "FACTUAL",
    "FACTUAL_VERDICTS",
    "FORECAST",
    "FORECAST_OUTCOMES",
    "Bin",
    "Murphy",
    "PoolReport",
    "ScoredClaim",
    "SourceScore",
    "bootstrap_brier",
    "bootstrap_rng",
    "brier",
    "calibration_bins",
    "ece",
    "log_score",
    "murphy",
    "score_columns",
    "score_sources",
    "shrunk",
    "skill",
    "wilson",
]
