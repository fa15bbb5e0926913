"""Times ledger.scoring.score_sources on synthetic claims (default 100,000 / 1,000 sources)."""

import argparse
import time

import numpy as np

from ledger.scoring import ScoredClaim, score_sources


def synthetic(n_claims: int, n_sources: int, n_questions: int, seed: int) -> list[ScoredClaim]:
    """A realistic mix: mostly resolved forecasts, some hedge-mapped, annulled, open and factual."""
    rng = np.random.default_rng(seed)
    truth = rng.random(n_questions)
    src = rng.integers(0, n_sources, n_claims).tolist()
    qs = rng.integers(0, n_questions, n_claims).tolist()
    kind_draw = rng.random(n_claims).tolist()
    noise = rng.normal(0.0, 0.15, n_claims)
    hedges = np.array([0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95])
    # A third of sources speak only in hedge words, so both binning modes are exercised.
    hedged = rng.random(n_sources) < 1 / 3
    verdicts = ("true", "misleading", "false", "unverifiable", None)
    claims = []
    for i in range(n_claims):
        s, q, r = src[i], qs[i], kind_draw[i]
        if r < 0.1:
            claims.append(ScoredClaim(f"src{s:04d}", f"q{q:05d}", "factual", None, verdicts[i % 5]))
            continue
        p = float(np.clip(truth[q] + noise[i], 0.01, 0.99))
        if hedged[s]:
            p = float(hedges[np.abs(hedges - p).argmin()])
        outcome = (
            "annulled" if r < 0.13 else None if r < 0.16 else ("yes" if truth[q] > 0.5 else "no")
        )
        claims.append(ScoredClaim(f"src{s:04d}", f"q{q:05d}", "forecast", p, outcome))
    return claims


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--sources", type=int, default=1_000)
    ap.add_argument("--questions", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    claims = synthetic(args.claims, args.sources, args.questions, seed=1)
    for n_boot in (1000, 0):
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            report = score_sources(claims, n_boot=n_boot)
            times.append(time.perf_counter() - t0)
        median = sorted(times)[len(times) // 2]
        print(
            f"score_sources n_boot={n_boot}: {len(claims)} claims, {len(report.sources)} sources, "
            f"{report.n_resolved} scored: best {min(times):.3f}s median {median:.3f}s"
        )


if __name__ == "__main__":
    main()
