"""Reports through the CLI on a small ledger, every figure checked against an independent computation."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
import sqlalchemy as sa
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, log_loss

from claims.register import add_claim, add_question, amend_claim
from claims.resolve import resolve_question
from ledger.db import Database
from ledger.lookup import get
from ledger.models import Question
from ledger.reports import CSV_COLUMNS, sources_report

ACTOR = "tester"


# --- the small ledger --------------------------------------------------------------------------


@dataclass(frozen=True)
class C:
    """One claim of the test ledger, as the tests reason about it."""

    author: str | None
    outlet: str | None
    question: str
    p: float | None
    made: str = "2024-01-01"
    amended_to: str | None = None


# Forecasts q1 yes, q2 no, q3 no (q1, q2 tagged ceasefire; q3 economy), q4 annulled, q5 open;
# factual f1 true, f2 false, f3 misleading.
QUESTIONS: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    "q1": ("forecast", "yes", ("ceasefire",)),
    "q2": ("forecast", "no", ("ceasefire",)),
    "q3": ("forecast", "no", ("economy",)),
    "q4": ("forecast", "annulled", ("ceasefire",)),
    "q5": ("forecast", None, ("ceasefire",)),
    "f1": ("factual", "true", ()),
    "f2": ("factual", "false", ()),
    "f3": ("factual", "misleading", ()),
}
OUTCOME = {"yes": 1, "no": 0}

CLAIMS = [
    C("Alice", "Times", "q1", 0.8),
    C("Alice", "Times", "q2", 0.3),
    C("Alice", "Times", "q3", 0.6, made="2025-02-01"),
    C("Alice", "Times", "q4", 0.5),
    C("Alice", "Times", "q5", 0.7),
    C("Alice", "Times", "f1", None),
    C("Alice", "Times", "f2", None),
    C("Bob", "Times", "q1", 0.4),
    C("Bob", "Times", "q2", 0.1, amended_to="0.9"),
    C("Bob", "Times", "q3", 0.2, made="2025-03-01"),
    C("Carol", "Post", "q1", 0.9),
    C("Carol", "Post", "q3", 0.5),
    C("Carol", "Post", "f3", None),
    C(None, "Post", "q2", 0.6),  # an unsigned editorial
    C("Dave", None, "q1", 0.55),  # a blogger without an outlet
]


@dataclass
class Ledger:
    questions: dict[str, str] = field(default_factory=dict)  # our name -> question key


def build(database: Database, claims: list[C] = CLAIMS) -> Ledger:
    ledger = Ledger()
    with database.write_session() as s:
        for name, (kind, _, tags) in QUESTIONS.items():
            q = add_question(
                s,
                text=f"Question {name}?",
                criteria="As reported.",
                kind=kind,
                tags=tags,
                key=f"test-{name}",
                actor=ACTOR,
            )
            ledger.questions[name] = q.key or q.id
        for i, c in enumerate(claims):
            question = get(s, Question, ledger.questions[c.question])
            claim, _ = add_claim(
                s,
                question=question,
                quote=f"Claim {i} by {c.author or c.outlet} on {c.question}.",
                probability=c.p,
                basis="stated" if c.p is not None else None,
                author=c.author,
                outlet=c.outlet,
                made_at=dt.datetime.fromisoformat(c.made).replace(tzinfo=dt.UTC),
                actor=ACTOR,
            )
            if c.amended_to:
                amend_claim(
                    s,
                    claim.id,
                    field="probability",
                    value=c.amended_to,
                    reason="re-read the hedge",
                    actor=ACTOR,
                )
    for name, (_, outcome, _) in QUESTIONS.items():
        if outcome is not None:
            with database.write_session() as s:
                resolve_question(s, question=ledger.questions[name], outcome=outcome, actor=ACTOR)
    return ledger


# --- independent computations -------------------------------------------------------------------


def source_of(c: C, by: str) -> str:
    name = c.author if by == "author" else c.outlet
    return name if name is not None else f"(unknown {by})"


def scored(claims: list[C], source: str | None = None, by: str = "author") -> list[C]:
    return [
        c
        for c in claims
        if QUESTIONS[c.question][0] == "forecast"
        and QUESTIONS[c.question][1] in OUTCOME
        and (source is None or source_of(c, by) == source)
    ]


def po(claims: list[C]) -> tuple[list[float], list[int]]:
    p = [c.p for c in claims]
    assert all(x is not None for x in p)
    return [float(x) for x in p if x is not None], [
        OUTCOME[str(QUESTIONS[c.question][1])] for c in claims
    ]


def peer_diff(claims: list[C], source: str, by: str) -> tuple[float | None, int]:
    """Mean over shared questions of own squared error minus the mean over the other sources."""
    rows = scored(claims, by=by)
    diffs = []
    for q in sorted({c.question for c in rows if source_of(c, by) == source}):
        err: dict[str, list[float]] = {}
        for c in rows:
            if c.question == q:
                assert c.p is not None
                err.setdefault(source_of(c, by), []).append(
                    (c.p - OUTCOME[str(QUESTIONS[q][1])]) ** 2
                )
        if len(err) < 2:
            continue
        own = float(np.mean(err[source]))
        others = [float(np.mean(v)) for k, v in err.items() if k != source]
        diffs.append(own - float(np.mean(others)))
    return (float(np.mean(diffs)) if diffs else None), len(diffs)


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson (1927) score interval, written from the textbook formula."""
    phat = k / n
    centre = phat + z * z / (2 * n)
    spread = z * math.sqrt(phat * (1 - phat) / n + z * z / (4 * n * n))
    denom = 1 + z * z / n
    return max(0.0, (centre - spread) / denom), min(1.0, (centre + spread) / denom)


def expected_row(claims: list[C], source: str, by: str) -> dict[str, Any]:
    """Every forecast figure of one source, computed without ledger.scoring."""
    mine = [c for c in claims if source_of(c, by) == source]
    mine_scored = scored(claims, source, by)
    pool_p, pool_o = po(scored(claims, by=by))
    pool_brier = brier_score_loss(pool_o, pool_p)
    base = float(np.mean(pool_o))
    forecasts = [c for c in mine if QUESTIONS[c.question][0] == "forecast"]
    annulled = [c for c in forecasts if QUESTIONS[c.question][1] == "annulled"]
    factual = [c for c in mine if QUESTIONS[c.question][0] == "factual"]
    verdicts = [QUESTIONS[c.question][1] for c in factual]
    row: dict[str, Any] = {
        "source": source,
        "n_claims": len(mine),
        "n_resolved": len(mine_scored),
        "n_annulled": len(annulled),
        "n_open": sum(1 for c in forecasts if QUESTIONS[c.question][1] is None),
        "n_factual": len(factual),
        "n_amended": sum(1 for c in mine if c.amended_to),
        "annulled_share": len(annulled) / (len(mine_scored) + len(annulled))
        if mine_scored or annulled
        else None,
        "small_sample": len(mine_scored) < 20,
        "factual_true": verdicts.count("true") / len(verdicts) if verdicts else None,
        "factual_false": verdicts.count("false") / len(verdicts) if verdicts else None,
        "factual_misleading": verdicts.count("misleading") / len(verdicts) if verdicts else None,
    }
    if mine_scored:
        p, o = po(mine_scored)
        bs = brier_score_loss(o, p)
        ref = float(np.mean([(base - y) ** 2 for y in o]))
        n = len(p)
        # log_loss is the negated mean log-likelihood; no probability here needs clipping.
        ll = -log_loss(o, p, labels=[0, 1])
        row.update(
            brier=bs,
            skill_vs_even=1 - bs / 0.25,
            skill_vs_base=None if ref == 0 else 1 - bs / ref,  # base rate 0 or 1: perfect reference
            log_score=ll,
            brier_shrunk=(n * bs + 30 * pool_brier) / (n + 30),
            # Every test source uses few distinct values, so bins are one per value.
            ece=sum(
                abs(v - np.mean([y for x, y in zip(p, o, strict=True) if x == v])) * p.count(v) / n
                for v in set(p)
            ),
        )
    else:
        row.update(brier=None, skill_vs_even=None, log_score=None, ece=None)
    diff, shared = peer_diff(claims, source, by)
    row.update(peer_diff=diff, peer_n=shared)
    return row


def close(actual: Any, expected: Any) -> bool:
    if expected is None or isinstance(expected, bool | str):
        return bool(actual == expected)
    return actual is not None and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12)


def check_rows(got: list[dict[str, Any]], claims: list[C], by: str) -> None:
    names = {source_of(c, by) for c in claims}
    assert sorted(r["source"] for r in got) == sorted(names)
    for row in got:
        want = expected_row(claims, row["source"], by)
        for key, value in want.items():
            assert close(row[key], value), (row["source"], key, row[key], value)


def sources_json(cli, *args: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    result = cli(["report", "sources", "--json", *args])
    assert result.exit_code == 0, result.stderr
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


# --- report sources --------------------------------------------------------------------------------


def test_sources_by_author_every_figure(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    build(database)
    rows = sources_json(cli)
    check_rows(rows, CLAIMS, "author")
    by_name = {r["source"]: r for r in rows}
    # Unsigned claims are one pseudo-source, not dropped; amended Bob is scored at 0.1, not 0.9.
    assert by_name["(unknown author)"]["source_id"] is None
    assert by_name["(unknown author)"]["n_claims"] == 1
    assert by_name["Bob"]["n_amended"] == 1 and by_name["Alice"]["n_amended"] == 0
    assert math.isclose(by_name["Bob"]["brier"], (0.6**2 + 0.1**2 + 0.2**2) / 3)
    # Alice: the annulled q4, the open q5 and her two factual claims are counted, not scored.
    alice = by_name["Alice"]
    assert (alice["n_resolved"], alice["n_annulled"], alice["n_open"], alice["n_factual"]) == (
        3,
        1,
        1,
        2,
    )
    assert alice["annulled_share"] == 0.25
    assert (alice["factual_true"], alice["factual_false"]) == (0.5, 0.5)
    # Ranked by the shrunk Brier, lowest first; ranks 1..n.
    ranked = sorted(rows, key=lambda r: (r["brier_shrunk"], r["source"]))
    assert [r["source"] for r in rows] == [r["source"] for r in ranked]
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    for r in rows:
        assert r["brier_low"] <= r["brier"] + 1e-12 and r["brier"] <= r["brier_high"] + 1e-12
        p, o = po(scored(CLAIMS, r["source"]))
        errors = [(x - y) ** 2 for x, y in zip(p, o, strict=True)]
        assert min(errors) - 1e-12 <= r["brier_low"] and r["brier_high"] <= max(errors) + 1e-12
    # A single scored claim: every resample is that claim, so the interval is the point.
    dave = by_name["Dave"]
    assert dave["brier_low"] == dave["brier_high"] == pytest.approx(0.45**2)


def test_sources_by_outlet(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    build(database)
    rows = sources_json(cli, "--by", "outlet")
    check_rows(rows, CLAIMS, "outlet")
    by_name = {r["source"]: r for r in rows}
    assert set(by_name) == {"Times", "Post", "(unknown outlet)"}
    assert by_name["Times"]["n_claims"] == 10 and by_name["Times"]["kind"] == "outlet"
    assert by_name["Times"]["n_amended"] == 1
    # Pooled totals are the same whichever way the claims are grouped.
    by_author = sources_json(cli, "--by", "author")
    for key in ("n_claims", "n_resolved", "n_annulled", "n_open", "n_factual"):
        assert sum(r[key] for r in rows) == sum(r[key] for r in by_author)


def test_tag_and_since_filters(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    build(database)
    tagged = [c for c in CLAIMS if "ceasefire" in QUESTIONS[c.question][2]]
    check_rows(sources_json(cli, "--tag", "Ceasefire"), tagged, "author")
    recent = [c for c in CLAIMS if c.made >= "2025-01-01"]
    rows = sources_json(cli, "--since", "2025-01-01")
    check_rows(rows, recent, "author")
    assert {r["source"] for r in rows} == {"Alice", "Bob"}
    both = [c for c in recent if "ceasefire" in QUESTIONS[c.question][2]]
    assert both == [] and sources_json(cli, "--since", "2025-01-01", "--tag", "ceasefire") == []
    assert sources_json(cli, "--tag", "no-such-tag") == []


def test_csv_matches_json(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    build(database)
    rows = sources_json(cli, "--by", "outlet")
    result = cli(["report", "sources", "--by", "outlet", "--csv"])
    assert result.exit_code == 0
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(table[0].keys()) == CSV_COLUMNS
    assert [r["source"] for r in table] == [r["source"] for r in rows]
    for line, row in zip(table, rows, strict=True):
        for key in CSV_COLUMNS:
            value = row[key]
            if value is None:
                assert line[key] == ""
            elif isinstance(value, bool):
                assert line[key] == str(value)
            elif isinstance(value, float):
                assert float(line[key]) == value  # repr round-trips exactly
            else:
                assert line[key] == str(value)


def test_json_shape(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    assert sources_json(cli) == []  # an empty ledger is an empty list, not an error
    build(database)
    rows = sources_json(cli)
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
    for row in rows:
        assert required <= row.keys()
        assert isinstance(row["bins"], list)
        for b in row["bins"]:
            assert set(b) == {"lo", "hi", "n", "mean_p", "freq", "wilson_low", "wilson_high"}
    # Reproducible: the bootstrap is seeded.
    assert sources_json(cli) == rows


def test_table_marks_small_samples_and_labels_brier(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    build(database)
    result = cli(["report", "sources"])
    assert result.exit_code == 0
    out = result.stdout
    assert "Alice" in out and "(unknown author)" in out
    assert "3*" in out  # Alice's 3 resolved forecasts carry the small-sample marker
    assert "* fewer than 20 resolved forecasts" in out
    # Pool totals (n_claims once read as the last bootstrap group's size: fixed in scoring).
    assert "pool: 15 claims, 10 scored forecasts" in " ".join(out.split())
    assert "0–1 scale, lower is better" in out
    alice = expected_row(CLAIMS, "Alice", "author")
    assert f"{alice['brier']:.3f}" in out


def test_large_sample_is_not_marked(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    claims = many_claims("Erin", 24)
    build(database, claims)
    rows = sources_json(cli)
    assert rows[0]["small_sample"] is False and rows[0]["n_resolved"] == 24
    out = cli(["report", "sources"]).stdout
    assert " 24 " in out and "24*" not in out


# --- report source NAME ---------------------------------------------------------------------------


def test_track_record(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    build(database)
    result = cli(["report", "source", "bob", "--json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["source"] == "Bob" and record["kind"] == "author"
    claims = record["claims"]
    assert len(claims) == 3
    for c in claims:
        o = OUTCOME.get(c["outcome"])
        assert c["brier"] == pytest.approx((c["probability"] - o) ** 2)
        assert c["quote"].startswith("Claim ")
    amended = [c for c in claims if c["amended"]]
    assert len(amended) == 1 and amended[0]["probability"] == 0.1  # as first registered
    # The summary is exactly the row `report sources` prints for Bob, interval included.
    row = next(r for r in sources_json(cli) if r["source"] == "Bob")
    score = record["score"]
    for key in ("brier", "brier_low", "brier_high", "brier_shrunk", "skill_vs_base", "rank", "ece"):
        assert score[key] == row[key], key
    bins = score["bins"]
    assert [(b["mean_p"], b["n"]) for b in bins] == [(0.1, 1), (0.2, 1), (0.4, 1)]
    for b in bins:
        k = round(b["freq"] * b["n"])
        lo, hi = wilson(k, b["n"])
        assert b["wilson_low"] == pytest.approx(lo, abs=1e-12)
        assert b["wilson_high"] == pytest.approx(hi, abs=1e-12)


def test_track_record_text(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    build(database)
    result = cli(["report", "source", "Alice"])
    assert result.exit_code == 0
    out = result.stdout
    assert "Alice (author)" in out and "Claim 0 by Alice on q1." in out
    assert "annulled" in out and "Calibration (distinct bins)" in out
    assert "Wilson 95%" in out and "Murphy: reliability" in out


def test_source_lookup_errors(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    build(database)
    missing = cli(["report", "source", "Zed"])
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: no source named 'Zed'")
    vague = cli(["report", "source", "o"])  # Bob, Carol, Post
    assert vague.exit_code == 1 and "matches several sources" in vague.stderr
    pseudo = cli(["report", "source", "(unknown author)", "--json"])
    assert pseudo.exit_code == 0 and json.loads(pseudo.stdout)["score"]["n_claims"] == 1
    outlet = cli(["report", "source", "times", "--by", "outlet", "--json"])
    assert json.loads(outlet.stdout)["score"]["n_claims"] == 10


def test_user_errors(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    build(database)
    for args, message in [
        (["report", "sources", "--by", "paper"], "Error: --by 'paper' is not one of"),
        (["report", "sources", "--since", "last week"], "Error: --since 'last week' is not a date"),
        (["report", "sources", "--json", "--csv"], "Error: choose one of --json and --csv"),
    ]:
        result = cli(args)
        assert result.exit_code == 1 and result.stderr.startswith(message), result.stderr
        assert "Traceback" not in result.stderr


def test_unscorable_row_is_an_error_not_a_skip(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    build(database)
    # Only a hand edit around the tool can leave a resolved forecast without a probability.
    with database.engine.begin() as conn:
        conn.execute(sa.text("UPDATE claim SET probability = NULL WHERE probability = 0.55"))
    result = cli(["report", "sources"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot score the ledger: Dave on test-q1")


# --- calibration ----------------------------------------------------------------------------------


def many_claims(author: str, n: int) -> list[C]:
    """n forecasts by one author on q1 (yes) and q2 (no) with n distinct probabilities."""
    rng = np.random.default_rng(7)
    ps = rng.uniform(0.02, 0.98, n).round(4)
    return [C(author, "Blog", "q1" if i % 3 else "q2", float(p)) for i, p in enumerate(ps)]


def test_calibration_equal_bins_match_sklearn(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    claims = many_claims("Erin", 24)
    build(database, claims)
    result = cli(["report", "calibration", "--source", "Erin", "--json"])
    assert result.exit_code == 0, result.stderr
    cal = json.loads(result.stdout)
    assert cal["binning"] == "equal" and cal["n_resolved"] == 24
    p, o = po(claims)
    prob_true, prob_pred = calibration_curve(o, p, n_bins=10, strategy="uniform")
    assert [b["freq"] for b in cal["bins"]] == pytest.approx(list(prob_true))
    assert [b["mean_p"] for b in cal["bins"]] == pytest.approx(list(prob_pred))
    assert sum(b["n"] for b in cal["bins"]) == 24
    assert cal["brier"] == pytest.approx(brier_score_loss(o, p))
    counts = np.histogram(p, bins=np.linspace(0, 1, 11))[0]
    ece = sum(
        n / 24 * abs(m - f)
        for n, m, f in zip(counts[counts > 0], prob_pred, prob_true, strict=True)
    )
    assert cal["ece"] == pytest.approx(ece)


def test_pool_calibration(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    build(database)
    result = cli(["report", "calibration", "--json"])
    cal = json.loads(result.stdout)
    p, o = po(scored(CLAIMS))
    assert cal["source"] == "all sources" and cal["n_resolved"] == len(p) == 10
    assert cal["binning"] == "distinct"
    assert [b["mean_p"] for b in cal["bins"]] == sorted(set(p))
    for b in cal["bins"]:
        ys = [y for x, y in zip(p, o, strict=True) if x == b["mean_p"]]
        assert b["n"] == len(ys) and b["freq"] == pytest.approx(np.mean(ys))
    assert cal["brier"] == pytest.approx(brier_score_loss(o, p))
    # Murphy identity holds exactly on distinct-value bins.
    assert cal["reliability"] - cal["resolution"] + cal["uncertainty"] == pytest.approx(
        cal["brier"]
    )
    text = cli(["report", "calibration"]).stdout
    assert "Calibration: all sources" in text and "●" in text and "│" in text


def test_report_function_matches_cli(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    build(database)
    with database.session() as session:
        report = sources_report(session, by="outlet", since=dt.date(2024, 1, 1))
    assert report.to_json() == sources_json(cli, "--by", "outlet", "--since", "2024-01-01")


def test_a_short_source_name_is_never_folded(
    database: Database, cli, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A name under 24 characters stays on one line: the table is shown only when it fits with the names whole
    (at 140 columns it did not, and the name was folded to the text columns' minimum of 10); else paragraphs."""
    from ledger import output

    build(database)
    for columns, table in (("140", False), ("200", True)):
        monkeypatch.setenv("COLUMNS", columns)
        output.stdout.cache_clear()
        try:
            out = cli(["report", "sources"]).stdout
        finally:
            output.stdout.cache_clear()
        assert ("Skill vs base" in out) is table
        assert "(unknown author)" in out
