"""Bulk import: the seed ledger, broken YAML reported line by line with nothing written, Fatebook both ways."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import sqlalchemy as sa
import yaml
from hypothesis import given
from hypothesis import strategies as st

from claims.fatebook import HEADER, export_fatebook_text
from claims.importer import SEED
from ledger.db import Database
from tests.conftest import run_installed

DATA = Path(__file__).parent / "data"


def _counts(database: Database) -> dict[str, int]:
    with database.engine.connect() as conn:
        return {
            t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in ("article", "question", "claim", "resolution", "ledger_entry", "source")
        }


def test_seed_imports_cleanly_and_reimports_as_a_no_op(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    seed = yaml.safe_load(SEED.read_text())
    first = cli(["import", str(SEED), "--json"])
    assert first.exit_code == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["created"] == {
        "articles": len(seed["articles"]),
        "questions": len(seed["questions"]),
        "claims": len(seed["claims"]),
    }
    after_first = _counts(database)
    assert after_first["ledger_entry"] == 1 and after_first["question"] >= 25
    again = cli(["import", str(SEED)])
    assert again.exit_code == 0 and "nothing new (already imported)" in again.stdout
    assert _counts(database) == after_first
    assert cli(["verify"]).exit_code == 0
    # Several seeds on one question, as the issue asks: the shared questions carry claims from 2+ articles.
    questions = json.loads(cli(["questions", "list", "--json"]).stdout)
    assert sum(q["n_claims"] >= 2 for q in questions) >= 3


def test_broken_yaml_reports_every_bad_line_and_writes_nothing(database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    before = _counts(database)
    result = cli(["import", str(DATA / "broken.yaml")])
    assert result.exit_code == 1
    path = str(DATA / "broken.yaml")
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(path + ":")]
    where = {int(ln.split(":")[1]) for ln in lines}
    # published 2025-13-01, duplicate key, bad kind, missing resolve_by, probability 1.5,
    # unknown question, quote not in article, misspelt field (and so no probability).
    assert where == {5, 8, 17, 21, 28, 29, 35, 37, 40}, result.stderr
    assert any("not a date" in ln for ln in lines)
    assert any("used twice" in ln for ln in lines)
    assert any("'prophecy' is not one of" in ln for ln in lines)
    assert any("no question with key 'q-missing'" in ln for ln in lines)
    assert any("quote is not in article" in ln for ln in lines)
    assert any("unknown field 'probabilty'" in ln for ln in lines)
    assert result.stderr.rstrip().endswith("nothing was written.")
    assert "Traceback" not in result.stderr
    assert _counts(database) == before


def test_invalid_yaml_syntax_has_a_line(tmp_path: Path, cli, database: Database) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions:\n  - key: x\n    text: [unclosed\n")
    result = cli(["import", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bad}:") and "not valid YAML" in result.stderr


def test_yaml_is_read_as_yaml_1_2(tmp_path: Path, cli, database: Database) -> None:  # type: ignore[no-untyped-def]
    # YAML 1.1 (PyYAML) would read `yes` and `no` as booleans and 1e-6 as text; the fast reader follows 1.2.
    doc = tmp_path / "v12.yaml"
    doc.write_text(
        "version: 1\nquestions:\n  - key: q-one\n    text: Will it happen?\n    criteria: yes\n"
        "    resolve_by: 2030-01-01\nclaims:\n  - question: q-one\n    author: Eve\n    quote: no\n"
        "    probability: 1e-6\n    made_at: 2025-02-03T04:05:06Z\n"
    )
    result = cli(["import", str(doc)])
    assert result.exit_code == 0, result.stderr
    claim = json.loads(cli(["claims", "list", "--json"]).stdout)[0]
    assert claim["quote"] == "no" and claim["probability"] == 1e-6
    question = json.loads(cli(["questions", "list", "--json"]).stdout)[0]
    assert question["criteria"] == "yes"


def test_a_file_only_the_line_keeping_reader_accepts_still_imports(
    tmp_path: Path, cli, database: Database
) -> None:  # type: ignore[no-untyped-def]
    # A key given twice: the fast reader refuses the file, PyYAML takes the last value, as before.
    doc = tmp_path / "twice.yaml"
    doc.write_text(
        "version: 1\nquestions:\n  - key: q-two\n    text: Will it?\n    text: Will it rain?\n"
        "    criteria: If it rains.\n    resolve_by: 2030-01-01\n"
    )
    result = cli(["import", str(doc)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(cli(["questions", "list", "--json"]).stdout)[0]["text"] == "Will it rain?"


def test_a_problem_found_while_writing_names_its_line(
    tmp_path: Path, cli, database: Database
) -> None:  # type: ignore[no-untyped-def]
    # The second claim repeats the first with another reading: found only when the claims are written,
    # after the fast read, and still reported at its own line.
    doc = tmp_path / "clash.yaml"
    head = "version: 1\nquestions:\n  - key: q-c\n    text: Will it?\n    criteria: If so.\n"
    head += "    resolve_by: 2030-01-01\nclaims:\n"
    claim = "  - question: q-c\n    author: Eve\n    quote: It will.\n    probability: {p}\n"
    doc.write_text(head + claim.format(p="0.4"))
    assert cli(["import", str(doc)]).exit_code == 0
    doc.write_text(
        head
        + "  - question: q-c\n    author: Ann\n    quote: Sure.\n    probability: 0.5\n"
        + claim.format(p="0.8")
    )
    result = cli(["import", str(doc)])
    assert result.exit_code == 1
    assert f"{doc}:12:" in result.stderr and "claims amend" in result.stderr, result.stderr


def test_reimport_with_changed_wording_is_refused(tmp_path: Path, cli, database: Database) -> None:  # type: ignore[no-untyped-def]
    doc = {
        "questions": [
            {
                "key": "q1",
                "text": "Will X happen by 2026?",
                "criteria": "X.",
                "resolve_by": "2026-12-31",
            }
        ],
        "claims": [
            {
                "question": "q1",
                "author": "Pundit",
                "quote": "X will happen.",
                "probability": "likely",
            }
        ],
    }
    path = tmp_path / "l.yaml"
    path.write_text(yaml.safe_dump(doc))
    assert cli(["import", str(path)]).exit_code == 0
    doc["questions"][0]["text"] = "Will Y happen by 2026?"
    path.write_text(yaml.safe_dump(doc))
    result = cli(["import", str(path)])
    assert result.exit_code == 1 and "questions amend q1" in result.stderr
    claims = json.loads(cli(["claims", "list", "--json"]).stdout)
    assert [(c["author"], c["probability"], c["basis"], c["hedge"]) for c in claims] == [
        ("Pundit", 0.7, "hedge", "likely")
    ]


def _read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_fatebook_import_and_round_trip(tmp_path: Path, database: Database, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["import", str(DATA / "fatebook_sample.csv"), "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["created"] == {"questions": 4, "claims": 5, "resolutions": 3}
    claims = json.loads(cli(["claims", "list", "--json"]).stdout)
    by = {(c["question"][:20], c["author"]): c for c in claims}
    # Alice's latest forecast before resolution (0.15, not 0.2); Bob's 0.9 came after resolution.
    assert by[("Will Russia and Ukra", "Alice Analyst")]["probability"] == 0.15
    assert by[("Will Russia and Ukra", "Bob Forecaster")]["probability"] == 0.35
    ruble = by[("Will the ruble trade", "Alice Analyst")]
    assert ruble["probability"] == 1.0 and ruble["note"] is None  # stored as written, not clipped
    questions = {q["text"][:20]: q for q in json.loads(cli(["questions", "list", "--json"]).stdout)}
    assert questions["Will Putin attend th"]["outcome"] == "annulled"
    assert questions["Will Russia and Ukra"]["outcome"] == "no"
    assert questions["Will a Black Sea truc"[:20]]["status"] == "open"
    assert "ceasefire" in questions["Will Russia and Ukra"]["tags"]
    assert cli(["import", str(DATA / "fatebook_sample.csv")]).stdout.count("nothing new") == 1

    with database.session() as session:
        exported = export_fatebook_text(session)
    assert exported.splitlines()[0].split(",") == HEADER
    path = tmp_path / "again.csv"
    assert cli(["export", "--format", "fatebook", "--out", str(path)]).exit_code == 0
    assert path.read_text() == exported
    # Importing our own export into a fresh ledger gives the same forecasts and resolutions back.
    fresh = tmp_path / "fresh.db"
    back = run_installed(["--db", str(fresh), "import", str(path)])
    assert back.exit_code == 0, back.stderr
    again = run_installed(["--db", str(fresh), "claims", "list", "--json"])
    pairs = sorted(
        (c["question"], c["author"], c["probability"], c["outcome"])
        for c in json.loads(again.stdout)
    )
    assert pairs == sorted(
        (c["question"], c["author"], c["probability"], c["outcome"]) for c in claims
    )


def test_fatebook_bad_rows_are_reported_by_line(tmp_path: Path, cli, database: Database) -> None:  # type: ignore[no-untyped-def]
    rows = (DATA / "fatebook_sample.csv").read_text().splitlines()
    rows[2] = rows[2].replace(",0.15,", ",lots,")
    rows[5] = rows[5].replace(",YES,", ",MAYBE,")
    path = tmp_path / "bad.csv"
    path.write_text("\n".join(rows) + "\n")
    result = cli(["import", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: forecast 'lots'" in result.stderr
    assert f"{path}:6: resolution 'MAYBE'" in result.stderr
    assert _counts(database)["claim"] == 0


def test_not_a_fatebook_csv(tmp_path: Path, cli, database: Database) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    result = cli(["import", str(path)])
    assert result.exit_code == 1 and "not a Fatebook export" in result.stderr


def test_seed_hedge_readings_come_from_the_hedge_table() -> None:
    """One table maps hedges to numbers: a seed claim read from a hedge carries the table's reading of that
    hedge in its quote (negation included), or its complement when the question asks the opposite event."""
    from claims.hedges import find_hedges, lookup

    doc = yaml.safe_load(SEED.read_text())
    hedged = [c for c in doc["claims"] if c.get("basis") == "hedge"]
    assert len(hedged) >= 5
    for claim in hedged:
        readings = [
            h.probability
            for h in find_hedges(claim["quote"])
            if h.text.lower() == claim["hedge"].lower()
        ]
        entry = lookup(claim["hedge"])
        if (
            not readings and entry is not None
        ):  # an adjective ("look increasingly unlikely"): the table's reading
            readings = [entry.probability]
        assert readings, (claim["hedge"], claim["quote"])
        p = claim["probability"]
        assert any(abs(p - r) < 1e-9 or abs(p - (1 - r)) < 1e-9 for r in readings), (
            claim["hedge"],
            p,
            readings,
        )


def test_a_large_import_leaves_postgresql_planning_for_the_rows_it_added(
    tmp_path: Path, pg_url: str
) -> None:
    # Without fresh statistics the planner takes the claim table for empty and a re-import looks every
    # fingerprint up by sequential scan; the import refreshes them itself (PostgreSQL only; SQLite has none).
    from claims.importer import import_file
    from ledger.db import open_database

    doc = tmp_path / "many.yaml"
    lines = [
        "version: 1",
        "questions:",
        "  - key: q-many",
        "    text: Will it?",
        "    criteria: If so.",
    ]
    lines += ["    resolve_by: 2030-01-01", "claims:"]
    for i in range(1200):
        lines += [
            "  - question: q-many",
            f"    author: Pundit {i}",
            f"    quote: It will, {i}.",
            "    probability: 0.6",
        ]
    doc.write_text("\n".join(lines) + "\n")
    database = open_database(pg_url, say=lambda _line: None)
    try:
        with database.write_session() as session:
            import_file(session, doc, actor="test")
        with database.engine.connect() as conn:
            estimate = conn.execute(
                sa.text("SELECT reltuples FROM pg_class WHERE oid = 'claim'::regclass")
            ).scalar_one()
        assert estimate >= 1000
    finally:
        database.dispose()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_spaces_are_normalised_exactly_as_the_regex_did(text: str) -> None:
    # Claim fingerprints hash the normalised quote: a different reading would make re-imports miss old claims.
    import re

    from claims.register import normalise_space

    assert normalise_space(text) == re.sub(r"\s+", " ", text).strip()
