"""Rules that keep a track record honest, driven through the CLI on both databases: when claims were made,
late claims, withdrawals, duplicates and exact probabilities."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ledger.db import Database
from ledger.events import verify


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, result.stdout + result.stderr
    return result


def _question(cli: Any, key: str, resolve_by: str = "2030-12-31") -> None:
    _ok(
        cli(
            [
                "questions", "add", f"Will {key} happen?", "--key", key,
                "--criteria", "As reported.", "--resolve-by", resolve_by,
            ]
        )
    )  # fmt: skip


def _claim(cli: Any, key: str, author: str, p: str, *extra: str) -> Any:
    return cli(
        [
            "claims", "add", "--question", key, "--author", author, "--quote",
            f"{author} on {key}", "--probability", p, *extra,
        ]
    )  # fmt: skip


def _sources(cli: Any, *args: str) -> dict[str, dict[str, Any]]:
    rows = json.loads(_ok(cli(["report", "sources", "--json", *args])).stdout)
    return {r["source"]: r for r in rows}


def test_made_is_given_shown_and_defaults_to_now_with_a_note(cli: Any) -> None:
    _question(cli, "q-made")
    dated = _ok(_claim(cli, "q-made", "Ann", "0.3", "--made", "2025-03-17"))
    assert "made 2025-03-17 00:00 UTC" in dated.stderr
    assert "dated now" not in dated.stderr
    undated = _ok(_claim(cli, "q-made", "Ben", "0.4"))
    assert "dated now: no --made given" in " ".join(undated.stderr.split())
    claim_id = dated.stdout.strip()
    shown = json.loads(_ok(cli(["claims", "show", claim_id, "--json"])).stdout)
    assert shown["made_at"].startswith("2025-03-17T00:00:00")
    text = _ok(cli(["claims", "show", claim_id])).stdout
    assert "2025-03-17" in text
    bad = _claim(cli, "q-made", "Cy", "0.4", "--made", "last tuesday-ish")
    assert bad.exit_code == 1 and "Error:" in bad.stderr and "Traceback" not in bad.stderr


def test_late_claims_are_kept_marked_and_never_scored(cli: Any, database: Database) -> None:
    _question(cli, "q-late")
    _ok(_claim(cli, "q-late", "Early", "0.2", "--made", "2025-01-01"))
    _ok(cli(["questions", "resolve", "q-late", "no", "--known-at", "2025-06-01T12:00:00Z"]))
    hindsight = _ok(_claim(cli, "q-late", "Hindsight", "0.05", "--made", "2025-09-01"))
    warning = " ".join(hindsight.stderr.split())
    assert "late and will never be scored" in warning
    assert "on or after the outcome became known" in warning
    rows = _sources(cli)
    assert rows["Hindsight"]["n_late"] == 1
    assert rows["Hindsight"]["n_resolved"] == 0 and rows["Hindsight"]["brier"] is None
    assert rows["Hindsight"]["rank"] is None
    assert rows["Early"]["n_late"] == 0 and rows["Early"]["brier"] == pytest.approx(0.04)
    pooled = json.loads(_ok(cli(["report", "calibration", "--json"])).stdout)
    assert pooled["n_resolved"] == 1  # the late claim is in no pooled calibration either
    listed = json.loads(_ok(cli(["claims", "list", "--question", "q-late", "--json"])).stdout)
    assert {r["author"]: r["late"] for r in listed} == {"Early": False, "Hindsight": True}
    assert "late" in _ok(cli(["claims", "list", "--question", "q-late"])).stdout

    # A re-resolution that dates the outcome earlier makes the early claim late too.
    _ok(cli(["questions", "resolve", "q-late", "no", "--again", "--known-at", "2024-12-01"]))
    rows = _sources(cli)
    assert rows["Early"]["n_late"] == 1 and rows["Early"]["brier"] is None
    # And one that dates it later puts the hindsight claim back in time.
    _ok(cli(["questions", "resolve", "q-late", "no", "--again", "--known-at", "2025-10-01"]))
    rows = _sources(cli)
    assert rows["Hindsight"]["n_late"] == 0
    assert rows["Hindsight"]["brier"] == pytest.approx(0.05**2)
    with database.session() as s:
        assert verify(s).ok


def test_claims_after_the_deadline_are_late_even_while_open(cli: Any) -> None:
    _question(cli, "q-deadline", resolve_by="2025-03-31")
    on_day = _ok(_claim(cli, "q-deadline", "OnDay", "0.6", "--made", "2025-03-31T23:00:00Z"))
    assert "late" not in on_day.stderr
    after = _ok(_claim(cli, "q-deadline", "After", "0.6", "--made", "2025-04-01"))
    assert "after the resolve-by date 2025-03-31" in " ".join(after.stderr.split())
    rows = _sources(cli)
    assert rows["After"]["n_late"] == 1 and rows["After"]["n_open"] == 0
    assert rows["OnDay"]["n_late"] == 0 and rows["OnDay"]["n_open"] == 1


def test_known_at_defaults_to_now_without_dated_evidence(cli: Any) -> None:
    _question(cli, "q-known")
    out = json.loads(_ok(cli(["questions", "resolve", "q-known", "yes", "--json"])).stdout)
    assert out["known_at"] == out["resolved_at"]
    future = cli(["questions", "resolve", "q-known", "no", "--again", "--known-at", "2999-01-01"])
    assert future.exit_code == 1 and "in the future" in future.stderr


def test_withdrawn_claims_and_questions_leave_every_score_and_count(
    cli: Any, database: Database
) -> None:
    _question(cli, "q-w1")
    _question(cli, "q-w2")
    keep = _ok(_claim(cli, "q-w1", "Pundit", "0.8", "--made", "2025-01-01")).stdout.strip()
    wrong = _ok(
        _claim(cli, "q-w1", "Pundit", "0.1", "--made", "2025-01-02", "--quote", "not a claim")
    )
    wrong_id = wrong.stdout.strip()
    _ok(_claim(cli, "q-w2", "Pundit", "0.9", "--made", "2025-01-01"))
    _ok(cli(["questions", "resolve", "q-w1", "yes", "--known-at", "2025-02-01"]))
    _ok(cli(["questions", "resolve", "q-w2", "annulled", "--known-at", "2025-02-01"]))
    before = _sources(cli)["Pundit"]
    assert before["n_claims"] == 3 and before["annulled_share"] == pytest.approx(1 / 3)

    refused = cli(["claims", "withdraw", wrong_id])
    assert refused.exit_code == 1 and "--reason" in refused.stderr
    _ok(cli(["claims", "withdraw", wrong_id, "--reason", "not a claim: a summary of others"]))
    _ok(cli(["questions", "withdraw", "q-w2", "--reason", "duplicate of q-w1"]))
    after = _sources(cli)["Pundit"]
    assert after["n_claims"] == 1 and after["n_withdrawn"] == 2
    assert after["n_annulled"] == 0 and after["annulled_share"] == 0.0
    assert after["brier"] == pytest.approx(0.04)
    assert after["n_amended"] == 0  # a withdrawal is not an amendment of the reading

    shown = json.loads(_ok(cli(["claims", "show", wrong_id, "--json"])).stdout)
    assert shown["withdrawn"] is True
    assert [a["field"] for a in shown["amendments"]] == ["withdrawn"]
    assert "withdrawn" in _ok(cli(["claims", "show", wrong_id])).stdout

    again = cli(["claims", "withdraw", wrong_id, "--reason", "twice"])
    assert again.exit_code == 1 and "already withdrawn" in again.stderr
    _ok(cli(["claims", "reinstate", wrong_id, "--reason", "it was a claim after all"]))
    reinstated = _sources(cli)["Pundit"]
    assert reinstated["n_claims"] == 2 and reinstated["n_withdrawn"] == 1
    assert keep
    with database.session() as s:
        assert verify(s).ok


def test_a_duplicate_with_another_reading_is_refused_naming_the_claim(cli: Any) -> None:
    _question(cli, "q-dup")
    first = _ok(_claim(cli, "q-dup", "Dana", "0.3", "--made", "2025-01-01")).stdout.strip()
    same = _ok(_claim(cli, "q-dup", "Dana", "0.3", "--made", "2025-01-01"))
    assert "already in the ledger" in same.stderr
    other = _claim(cli, "q-dup", "Dana", "0.6", "--made", "2025-01-01")
    assert other.exit_code == 1
    assert first[:8] in other.stderr and "claims amend" in other.stderr
    assert "Traceback" not in other.stderr
    hedged = _claim(cli, "q-dup", "Dana", "likely", "--made", "2025-01-01")
    assert hedged.exit_code == 1 and "claims amend" in hedged.stderr
    listed = json.loads(_ok(cli(["claims", "list", "--question", "q-dup", "--json"])).stdout)
    assert [r["probability"] for r in listed] == [0.3]


def test_probabilities_are_stored_exactly_as_given(cli: Any) -> None:
    _question(cli, "q-exact")
    for author, p in (("Zero", "0"), ("One", "100%"), ("Tiny", "0.000001"), ("Near", "0.995")):
        _ok(_claim(cli, "q-exact", author, p, "--made", "2025-01-01"))
    _ok(cli(["questions", "resolve", "q-exact", "yes", "--known-at", "2025-02-01"]))
    rows = _sources(cli)
    assert rows["Zero"]["brier"] == 1.0 and rows["One"]["brier"] == 0.0
    assert rows["Tiny"]["brier"] == (1 - 0.000001) ** 2
    assert rows["Near"]["brier"] == (1 - 0.995) ** 2
    # Only the log score clips, to [0.01, 0.99].
    assert rows["One"]["log_score"] == pytest.approx(__import__("math").log(0.99))
    hedge_as_certain = cli(
        ["claims", "add", "--question", "q-exact", "--author", "H", "--quote", "h",
         "--probability", "1", "--basis", "hedge"]
    )  # fmt: skip
    assert hedge_as_certain.exit_code == 1 and "hedge phrase never maps" in hedge_as_certain.stderr


def test_fatebook_brier_matches_sklearn_on_raw_probabilities(cli: Any, tmp_path: Any) -> None:
    import csv

    from sklearn.metrics import brier_score_loss

    from claims.fatebook import HEADER

    # Two forecasters, edge probabilities included; o is the question's outcome (1 yes, 0 no).
    forecasts = {
        "Ada": [(0.0, 0), (1.0, 1), (1e-6, 1), (0.995, 0), (0.3, 1)],
        "Bo": [(1.0, 0), (0.0, 1), (0.995, 1), (1e-6, 0), (0.6, 1)],
    }
    path = tmp_path / "fatebook.csv"
    with path.open("w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=HEADER)
        writer.writeheader()
        for name, rows in forecasts.items():
            for i, (p, o) in enumerate(rows):
                writer.writerow(
                    {
                        "Question title": f"Question {i}?",
                        "Forecast created by": name,
                        "Forecast (scale = 0-1)": repr(p),
                        "Forecast created at": "2024-01-02 10:00:00",
                        "Question created at": "2024-01-01 10:00:00",
                        "Question resolve by": "2024-06-30",
                        "Resolution": "YES" if o else "NO",
                        "Resolved at": "2024-05-01 10:00:00",
                    }
                )
    _ok(cli(["import", str(path)]))
    rows = _sources(cli)
    for name, pairs in forecasts.items():
        expected = brier_score_loss([o for _, o in pairs], [p for p, _ in pairs])
        assert abs(rows[name]["brier"] - expected) <= 1e-12, name
    claims = json.loads(_ok(cli(["claims", "list", "--source", "Ada", "--json"])).stdout)
    assert sorted(c["probability"] for c in claims) == sorted(p for p, _ in forecasts["Ada"])
    assert all(c["note"] is None for c in claims)


def test_analysts_own_forecasts_supersede_and_rank_apart(cli: Any, database: Database) -> None:
    _question(cli, "q-own")
    _question(cli, "q-own2")
    _ok(_claim(cli, "q-own", "Pundit", "0.9", "--made", "2025-01-01"))
    first = _ok(cli(["--as", "alice", "forecast", "q-own", "70%", "--note", "gut feeling"]))
    second = _ok(cli(["--as", "alice", "forecast", "q-own", "0.2"]))
    assert "superseding 70%" in " ".join(second.stderr.split())
    _ok(cli(["--as", "bob", "forecast", "q-own", "0.5"]))
    _ok(cli(["--as", "bob", "forecast", "q-own2", "0.4"]))
    hedge = cli(["--as", "alice", "forecast", "q-own", "likely"])
    assert hedge.exit_code == 1 and "your own forecast is a number" in hedge.stderr
    _ok(cli(["questions", "resolve", "q-own", "yes"]))
    late = _ok(cli(["--as", "alice", "forecast", "q-own", "0.99"]))
    assert "late and will never be scored" in " ".join(late.stderr.split())

    analysts = _sources(cli, "--by", "forecaster")
    assert set(analysts) == {"alice", "bob"}
    # Only alice's latest forecast made before the outcome was known is scored: 0.2, not 0.7 nor the late 0.99.
    assert analysts["alice"]["brier"] == pytest.approx(0.64)
    assert analysts["alice"]["n_resolved"] == 1 and analysts["alice"]["n_late"] == 1
    assert analysts["alice"]["kind"] == "analyst"
    assert analysts["bob"]["n_resolved"] == 1 and analysts["bob"]["n_open"] == 1
    pundits = _sources(cli)
    assert set(pundits) == {"Pundit"}
    together = _sources(cli, "--by", "forecaster", "--together")
    assert set(together) == {"alice (analyst)", "bob (analyst)", "Pundit"}
    assert sorted(r["rank"] for r in together.values()) == [1, 2, 3]
    assert together["Pundit"]["kind"] == "author"
    wrong = cli(["report", "sources", "--together"])
    assert wrong.exit_code == 1 and "--by forecaster" in wrong.stderr

    record = json.loads(_ok(cli(["report", "source", "alice", "--json"])).stdout)
    statuses = sorted(c["status"] for c in record["claims"])
    assert statuses == ["late", "scored", "superseded"]
    shown = json.loads(_ok(cli(["claims", "show", first.stdout.strip(), "--json"])).stdout)
    assert shown["author"] == "alice" and shown["note"] == "gut feeling" and shown["quote"] == ""
    factual = cli(
        ["questions", "add", "Did it?", "--kind", "factual", "--key", "q-fact", "--criteria", "x"]
    )
    _ok(factual)
    refused = cli(["--as", "alice", "forecast", "q-fact", "0.5"])
    assert refused.exit_code == 1 and "factual" in refused.stderr
    with database.session() as s:
        assert verify(s).ok


def test_yaml_reimport_with_another_reading_names_the_line_and_claims_amend(
    cli: Any, tmp_path: Any
) -> None:
    doc = """version: 1
questions:
  - key: q-yaml
    text: Will it?
    criteria: If so.
    resolve_by: 2030-01-01
claims:
  - question: q-yaml
    author: Eve
    quote: It will.
    probability: {p}
    made_at: 2025-02-03T04:05:06Z
"""
    path = tmp_path / "l.yaml"
    path.write_text(doc.format(p="0.4"))
    _ok(cli(["import", str(path)]))
    listed = json.loads(_ok(cli(["claims", "list", "--json"])).stdout)
    assert listed[0]["made_at"].startswith("2025-02-03T04:05:06")
    again = json.loads(_ok(cli(["import", str(path), "--json"])).stdout)
    assert again["created"] == {} and again["existing"]["claims"] == 1
    path.write_text(doc.format(p="0.9"))
    changed = cli(["import", str(path)])
    assert changed.exit_code == 1
    assert f"{path}:8:" in changed.stderr and "claims amend" in changed.stderr  # the claim's line
    assert "nothing was written" in changed.stderr
    assert [r["probability"] for r in json.loads(cli(["claims", "list", "--json"]).stdout)] == [0.4]


def test_an_import_counts_and_warns_about_late_claims(cli: Any, tmp_path: Any) -> None:
    path = tmp_path / "late.yaml"
    path.write_text(
        """version: 1
questions:
  - key: q-imp
    text: Will it?
    criteria: If so.
    resolve_by: 2025-01-31
claims:
  - {question: q-imp, author: In Time, quote: Yes., probability: 0.7, made_at: 2025-01-10}
  - {question: q-imp, author: Too Late, quote: No., probability: 0.1, made_at: 2025-02-10}
"""
    )
    result = _ok(cli(["import", str(path)]))
    assert "1 new claims are late" in " ".join(result.stdout.split())
    rows = _sources(cli)
    assert rows["Too Late"]["n_late"] == 1 and rows["In Time"]["n_late"] == 0
