"""Exports: the whole-ledger JSON round trip (SQLite and PostgreSQL), its validation, the claims CSV and
ClaimReview JSON-LD."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from claims.importer import import_seed
from claims.register import amend_claim
from claims.resolve import resolve_question
from ledger.db import Database, open_database
from ledger.errors import InputFileErrors, LedgerError
from ledger.events import change, verify
from ledger.models import (
    Article,
    ArticleAuthor,
    Claim,
    Feed,
    Flag,
    LedgerEntry,
    NewsItem,
    Question,
    Resolution,
    Source,
)
from ledger.transfer import (
    CSV_COLUMNS,
    RATING_SCALE,
    claim_reviews,
    export_json,
    load_json,
    write_csv,
)
from tests.conftest import pg_schema

FORECAST_PLAN = ["yes", "no", "no", "annulled", "yes", "no"]
FACTUAL_PLAN = ["true", "false", "misleading", "unverifiable"]


@pytest.fixture
def fresh_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second, empty database on the same backend as `db_url`."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    with pg_schema("fl_restore_") as url:
        yield url


def _populate(database: Database) -> dict[str, Any]:
    """The seed ledger with forecasts and factual questions resolved (one twice), an amendment, and a feed
    item flagged and used as evidence."""
    with database.write_session() as s:
        import_seed(s, actor="seeder")
    with database.session() as s:
        questions = list(s.exec(select(Question).order_by(Question.key)))
    forecasts = [q for q in questions if q.kind == "forecast"][: len(FORECAST_PLAN)]
    factual = [q for q in questions if q.kind == "factual"][: len(FACTUAL_PLAN)]
    with database.write_session() as s, change(s, "test.flag", "flag", actor="matcher"):
        feed = Feed(url="http://127.0.0.1:9/news.xml", title="Local news", etag='"abc"')
        s.add(feed)
        s.flush()
        item = NewsItem(
            feed_id=feed.id,
            dedupe_key="guid-1",
            guid="guid-1",
            url="https://news.example/talks-collapse",
            title="Talks collapse in Istanbul",
            summary="Negotiators left without a deal.",
            published_at=dt.datetime(2025, 5, 16, 12, 30, 1, 123456, tzinfo=dt.UTC),
        )
        s.add(item)
        s.flush()
        flag = Flag(
            item_id=item.id, question_id=forecasts[1].id, score=2.718281828, matched_terms=["talks"]
        )
        s.add(flag)
    for q, outcome in zip(forecasts, FORECAST_PLAN, strict=True):
        evidence = [flag.id[:8]] if q.id == flag.question_id else ["https://example.org/evidence"]
        with database.write_session() as s:
            resolve_question(s, question=q.id, outcome=outcome, evidence=evidence, actor="alice")
    for q, outcome in zip(factual, FACTUAL_PLAN, strict=True):
        with database.write_session() as s:
            resolve_question(s, question=q.id, outcome=outcome, note="checked", actor="carol")
    with database.write_session() as s:  # a second resolution: the history is exported too
        resolve_question(s, question=forecasts[0].id, outcome="no", actor="bob")
    with database.session() as s:
        claim = s.exec(
            select(Claim).where(Claim.probability.is_not(None)).order_by(Claim.id)
        ).first()  # type: ignore[union-attr]
    assert claim is not None
    with database.write_session() as s:
        amend_claim(s, claim.id, field="note", value="reread", reason="typo", actor="alice")
    return {"forecasts": forecasts, "factual": factual, "flag": flag.id}


def _export(url: str) -> dict[str, Any]:
    db = open_database(url, say=lambda _line: None)
    try:
        with db.session() as s:
            return export_json(s)
    finally:
        db.dispose()


def test_json_round_trip_restores_the_ledger_exactly(
    database: Database, fresh_url: str, tmp_path: Path
) -> None:
    _populate(database)
    with database.session() as s:
        first = export_json(s)
    assert first["format"] == "forecast-ledger-export" and first["schema"]
    counts = {name: len(rows) for name, rows in first["tables"].items()}
    assert counts["claim"] == 52 and counts["question"] == 33 and counts["resolution"] == 11
    assert counts["news_item"] == counts["feed"] == counts["flag"] == counts["amendment"] == 1
    path = tmp_path / "ledger.json"
    path.write_text(json.dumps(first), encoding="utf-8")

    restored = open_database(fresh_url, say=lambda _line: None)
    with restored.write_session() as s:
        summary = load_json(s, path, actor="restorer")
    assert summary.rows["claim"] == 52 and summary.entries == len(first["ledger"])
    assert summary.lines()[0].startswith(f"{path}: restored {len(first['ledger'])} ledger entries")
    with restored.session() as s:
        report = verify(s)
        flag = s.exec(select(Flag)).one()
        item = s.exec(select(NewsItem)).one()
    restored.dispose()
    assert report.ok, [str(p) for p in report.problems]
    assert report.head == first["ledger"][-1]["hash"]
    assert flag.status == "evidence" and flag.score == 2.718281828
    assert item.published_at == dt.datetime(2025, 5, 16, 12, 30, 1, 123456, tzinfo=dt.UTC)
    assert _export(fresh_url) == first


def test_load_refuses_a_database_that_is_not_empty(database: Database, tmp_path: Path) -> None:
    _populate(database)
    path = tmp_path / "ledger.json"
    with database.session() as s:
        path.write_text(json.dumps(export_json(s)), encoding="utf-8")
        before = len(s.exec(select(LedgerEntry)).all())
    with database.write_session() as s, pytest.raises(LedgerError, match="empty database"):
        load_json(s, path, actor="x")
    with database.session() as s:
        assert len(s.exec(select(LedgerEntry)).all()) == before


def _doc_with(database: Database, tmp_path: Path, edit: Any) -> Path:
    _populate(database)
    with database.session() as s:
        doc = export_json(s)
    edit(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return path


def _claim0(doc: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = doc["tables"]["claim"][0]
    return row


@pytest.mark.parametrize(
    ("edit", "messages"),
    [
        (
            lambda d: _claim0(d).update(probability="high", made_at=5, extra=1),
            [
                "tables.claim[0]: unknown field(s) extra",
                "tables.claim[0].made_at: expected a date-time string",
                "tables.claim[0].probability: expected a number",
            ],
        ),
        (lambda d: _claim0(d).pop("quote"), ["tables.claim[0]: missing quote"]),
        (lambda d: d["tables"].pop("flag"), ["\"tables\": table 'flag' is missing"]),
        (lambda d: d.update(version=2), ["export format version 2 is not supported"]),
        (lambda d: d.update(format="other"), ["not a forecast-ledger export"]),
        (lambda d: _claim0(d).update(question_id=None), ["question_id: must not be null"]),
        # Valid shapes, but the rows no longer match the ledger that was exported with them.
        (lambda d: _claim0(d).update(quote="edited"), ["does not verify: claim "]),
        (lambda d: d["ledger"].pop(3), ["does not verify: ledger_entry 5: sequence jumps"]),
        (lambda d: _claim0(d).update(question_id="f" * 32), ["rows break a constraint"]),
    ],
)
def test_a_bad_export_is_reported_and_nothing_is_written(
    database: Database, fresh_url: str, tmp_path: Path, edit: Any, messages: list[str]
) -> None:
    path = _doc_with(database, tmp_path, edit)
    restored = open_database(fresh_url, say=lambda _line: None)
    with restored.write_session() as s, pytest.raises(InputFileErrors) as err:
        load_json(s, path, actor="x")
    lines = err.value.lines()
    for message in messages:
        assert any(line.startswith(f"{path}: ") and message in line for line in lines), lines
    with restored.session() as s:
        assert s.exec(select(LedgerEntry)).all() == [] and s.exec(select(Claim)).all() == []
    restored.dispose()


def test_broken_json_reports_its_line(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": "forecast-ledger-export",\n  "version": 1,,\n}\n')
    with database.write_session() as s, pytest.raises(InputFileErrors) as err:
        load_json(s, path, actor="x")
    [line] = err.value.lines()
    assert line.startswith(f"{path}:3: not valid JSON")


def test_cli_export_import_round_trip_gives_identical_reports(
    database: Database, cli, fresh_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    plan = _populate(database)
    out = tmp_path / "ledger.json"
    done = cli(["export", "--format", "json", "--out", str(out)])
    assert done.exit_code == 0 and done.stdout == "", done.stderr
    assert f"to {out}" in done.stderr
    to_stdout = cli(["export"])
    assert json.loads(to_stdout.stdout) == json.loads(out.read_text())
    views = [
        ["report", "sources", "--json"],
        ["report", "sources", "--by", "outlet", "--json"],
        ["report", "source", "Ian Garner", "--json"],
        ["questions", "show", plan["forecasts"][0].id, "--json"],
        ["questions", "list", "--json"],
        ["flags", "list", "--status", "evidence", "--json"],
        ["export", "--format", "csv"],
        ["export", "--format", "claimreview"],
        # The search index is not exported: the restore rebuilds it.
        ["claims", "list", "--search", max(plan["forecasts"][0].text.split(), key=len), "--json"],
    ]
    before = [cli(v) for v in views]
    for view, result in zip(views, before, strict=True):
        assert result.exit_code == 0, (view, result.stderr)
    # The views compared below carry real figures, so "identical" is a strong statement.
    assert any(row["brier"] is not None for row in json.loads(before[0].stdout))
    assert len(json.loads(before[3].stdout)["resolutions"]) == 2
    assert len(json.loads(before[5].stdout)) == 1
    assert json.loads(before[-1].stdout)

    monkeypatch.setenv("FORECAST_LEDGER_DB", fresh_url)
    imported = cli(["import", str(out)])
    assert imported.exit_code == 0, imported.stderr
    assert "restored" in imported.stdout
    assert cli(["verify"]).exit_code == 0
    again = cli(["import", str(out)])
    assert again.exit_code == 1 and "empty database" in again.stderr
    for view, result in zip(views, before, strict=True):
        assert cli(view).stdout == result.stdout, view
    assert json.loads(cli(["export"]).stdout) == json.loads(out.read_text())


def _authors(session: Any, article_id: str) -> list[ArticleAuthor]:
    return list(
        session.exec(
            select(ArticleAuthor)
            .where(ArticleAuthor.article_id == article_id)
            .order_by(ArticleAuthor.position)
        )
    )


# --- CSV --------------------------------------------------------------------------------------------------------


def test_csv_has_one_row_per_claim_with_its_outcome(database: Database) -> None:
    plan = _populate(database)
    buf = io.StringIO()
    with database.session() as s:
        n = write_csv(s, buf)
        claims = {c.id: c for c in s.exec(select(Claim))}
        sources = {x.id: x.name for x in s.exec(select(Source))}
        articles = {a.id: a for a in s.exec(select(Article))}
        authors = {a: _authors(s, a) for a in articles}
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert n == len(rows) == len(claims) == 52
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert sorted(r["claim_id"] for r in rows) == sorted(claims)
    outcome_of = {
        q.id: o for q, o in zip(plan["forecasts"], ["no", *FORECAST_PLAN[1:]], strict=True)
    }
    outcome_of |= {q.id: o for q, o in zip(plan["factual"], FACTUAL_PLAN, strict=True)}
    scored = 0
    for row in rows:
        claim = claims[row["claim_id"]]
        assert row["question_id"] == claim.question_id and row["quote"] == claim.quote
        byline = "; ".join(sources[x.source_id] for x in authors.get(claim.article_id or "", []))
        assert row["author"] == (sources[claim.author_id] if claim.author_id else byline)
        article = articles.get(claim.article_id or "")
        assert row["article_url"] == ((article.url or "") if article else "")
        expected = outcome_of.get(claim.question_id, "")
        assert row["outcome"] == expected
        assert row["status"] == ("resolved" if expected else "open")
        if expected in ("yes", "no") and claim.probability is not None:
            o = 1.0 if expected == "yes" else 0.0
            assert float(row["brier"]) == pytest.approx((claim.probability - o) ** 2)
            assert float(row["probability"]) == claim.probability
            scored += 1
        else:
            assert row["brier"] == ""
        if claim.question_id == plan["forecasts"][0].id:
            assert row["resolver"] == "bob"  # the standing resolution, not the first
    assert scored > 0
    assert sum(r["amendments"] == "1" for r in rows) == 1


# --- ClaimReview ------------------------------------------------------------------------------------------------


def _check_claim_review(review: dict[str, Any]) -> None:
    """The structure Google's fact-check markup and schema.org expect of one ClaimReview."""
    assert review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"]
    dt.date.fromisoformat(review["datePublished"])
    assert review["author"]["@type"] in ("Organization", "Person") and review["author"]["name"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    dt.date.fromisoformat(item["datePublished"])
    # An anonymous piece on an unnamed site has no author to credit: then the key is left out, not invented.
    credited = item.get("author", [])
    authors = credited if isinstance(credited, list) else [credited]
    assert all(a["@type"] in ("Person", "Organization") and a["name"] for a in authors)
    appearance = item["appearance"]
    assert appearance["@type"] == "CreativeWork" and appearance["headline"]
    assert appearance.get("url", "https://").startswith(("http://", "https://"))
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    if "ratingValue" in rating:
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert (rating["worstRating"], rating["bestRating"]) == (1, 3)


def test_claimreview_covers_resolved_factual_claims(database: Database) -> None:
    plan = _populate(database)
    with database.session() as s:
        doc = claim_reviews(s, organisation="Example Fact Desk")
        factual_ids = {q.id: q for q in plan["factual"]}
        expected = {c.id: c for c in s.exec(select(Claim)) if c.question_id in factual_ids}
        resolutions = {r.question_id: r for r in s.exec(select(Resolution))}
        articles = {a.id: a for a in s.exec(select(Article))}
        sources = {x.id: x.name for x in s.exec(select(Source))}
        bylines = {a: [sources[x.source_id] for x in _authors(s, a)] for a in articles}
    assert doc["@context"] == "https://schema.org"
    graph = doc["@graph"]
    assert expected and sorted(r["identifier"] for r in graph) == sorted(expected)
    verdicts = set()
    credited_somehow = 0
    for review in graph:
        _check_claim_review(review)
        claim = expected[review["identifier"]]
        outcome = dict(zip([q.id for q in plan["factual"]], FACTUAL_PLAN, strict=True))[
            claim.question_id
        ]
        verdicts.add(outcome)
        assert review["claimReviewed"] == claim.quote
        assert review["reviewRating"]["alternateName"] == outcome.capitalize()
        assert review["reviewRating"].get("ratingValue") == RATING_SCALE.get(outcome)
        assert review["author"] == {"@type": "Organization", "name": "Example Fact Desk"}
        assert (
            review["datePublished"] == resolutions[claim.question_id].resolved_at.date().isoformat()
        )
        assert review["reviewBody"] == "checked"
        article = articles[claim.article_id or ""]
        assert review["itemReviewed"]["appearance"].get("url") == article.url
        credited = review["itemReviewed"].get("author", [])
        names = [a["name"] for a in (credited if isinstance(credited, list) else [credited])]
        outlet = sources.get(claim.outlet_id or article.outlet_id or "")
        want = [sources[claim.author_id]] if claim.author_id else bylines[article.id]
        assert names == (want or ([outlet] if outlet else []))
        credited_somehow += bool(names)
    assert verdicts and credited_somehow  # verdicts and bylines are both exercised
    with database.session() as s:
        by_person = claim_reviews(s)["@graph"]
    assert {r["author"]["name"] for r in by_person} == {"carol"}


def test_cli_export_formats_and_errors(database: Database, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _populate(database)
    csv_out = tmp_path / "claims.csv"
    result = cli(["export", "--format", "csv", "-o", str(csv_out)])
    assert result.exit_code == 0 and "wrote 52 claims" in result.stderr
    assert csv_out.read_text().splitlines()[0] == ",".join(CSV_COLUMNS)
    reviews = cli(["export", "--format", "claimreview", "--organisation", "Desk"])
    assert reviews.exit_code == 0
    for review in json.loads(reviews.stdout)["@graph"]:
        _check_claim_review(review)
    for args, message in [
        (["--format", "xml"], "--format 'xml' is not one of json, csv, claimreview"),
        (["--format", "csv", "--organisation", "Desk"], "--organisation applies to"),
        (["--out", str(tmp_path / "missing" / "x.json")], "does not exist"),
        (["--out", str(tmp_path)], "is a directory"),
    ]:
        bad = cli(["export", *args])
        assert bad.exit_code == 1 and bad.stderr.startswith("Error: ") and message in bad.stderr
        assert "Traceback" not in bad.stderr
