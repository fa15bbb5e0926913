"""Flags: listing with filters, dismiss and evidence through the ledger (service and CLI), resolving from a flag,
the review loop driven by a key script, and the highlighting of matched terms."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from rich.console import Console
from sqlmodel import select

from claims.register import add_claim, add_question
from feeds.highlight import highlight_spans, highlighted
from feeds.review import (
    ReviewSummary,
    dismiss_flag,
    list_flags,
    mark_evidence,
    next_for_review,
    resolve_from_flag,
    review,
)
from ledger.db import Database
from ledger.errors import Conflict, NotFound, UserInputError
from ledger.events import change, verify
from ledger.models import Feed, Flag, LedgerEntry, NewsItem, Question, Resolution

UTC = dt.UTC


@dataclass
class Flagged:
    """A small ledger: two questions, one feed, three items, three new flags."""

    ceasefire: str  # question ids
    troops: str
    flags: dict[str, str]  # name -> flag id


def add_flag(
    database: Database,
    *,
    question_id: str,
    feed_id: str,
    title: str,
    summary: str = "",
    terms: tuple[str, ...] = (),
    score: float = 3.0,
    url: str | None = None,
    published: dt.datetime | None = None,
) -> str:
    """A news item and its flag, created as ingestion would: the item plainly, the flag through the ledger."""
    with database.write_session() as s:
        item = NewsItem(
            feed_id=feed_id,
            dedupe_key=f"guid:{title}",
            url=url,
            title=title,
            summary=summary,
            published_at=published or dt.datetime(2025, 3, 20, 9, 30, tzinfo=UTC),
        )
        s.add(item)
        s.flush()
        with change(s, "flag.raised", "flag", actor="ingest"):
            flag = Flag(
                item_id=item.id,
                question_id=question_id,
                score=score,
                matched_terms=list(terms),
                snippet=summary or title,
            )
            s.add(flag)
        return flag.id


def make_flagged(database: Database) -> Flagged:
    with database.write_session() as s:
        ceasefire = add_question(
            s,
            text="Will Russia agree to a ceasefire in Ukraine by 2025-12-31?",
            criteria="A signed ceasefire agreement.",
            resolve_by=dt.date(2025, 12, 31),
            key="ceasefire-2025",
            actor="alice",
        )
        troops = add_question(
            s,
            text="Will Russia announce a new mobilisation wave by 2026-06-30?",
            resolve_by=dt.date(2026, 6, 30),
            key="mobilisation-2026",
            actor="alice",
        )
        add_claim(
            s,
            question=ceasefire,
            quote="Moscow will not agree to a lasting ceasefire.",
            probability=0.1,
            basis="analyst",
            author="A. Pundit",
            outlet="The Daily",
            made_at=dt.datetime(2025, 1, 5, tzinfo=UTC),
            actor="alice",
        )
        with change(s, "feed.added", "feed", actor="alice"):
            feed = Feed(url="http://127.0.0.1:1/news.xml", title="Test News")
            s.add(feed)
        ids = (ceasefire.id, troops.id, feed.id)
    flags = {
        "truce": add_flag(
            database,
            question_id=ids[0],
            feed_id=ids[2],
            title="Kremlin accepts 30-day cease-fire proposal",
            summary="Russia said on Tuesday it would observe a cease-fire on energy targets.",
            terms=("Kremlin", "ceasefire"),
            score=5.0,
            url="https://news.example/truce",
        ),
        "talks": add_flag(
            database,
            question_id=ids[0],
            feed_id=ids[2],
            title="Peace talks stall in Riyadh",
            summary="Russian and Ukrainian delegations left without a truce.",
            terms=("Russian", "truce"),
            score=2.0,
            published=dt.datetime(2025, 3, 20, 10, 30, tzinfo=UTC),
        ),
        "draft": add_flag(
            database,
            question_id=ids[1],
            feed_id=ids[2],
            title="Putin signs spring conscription decree",
            terms=("Putin", "conscription"),
            score=4.0,
            published=dt.datetime(2025, 3, 20, 11, 30, tzinfo=UTC),
        ),
    }
    return Flagged(ceasefire=ids[0], troops=ids[1], flags=flags)


@pytest.fixture
def flagged(database: Database) -> Flagged:
    return make_flagged(database)


def _entries(database: Database, action: str) -> list[LedgerEntry]:
    with database.session() as s:
        return list(s.exec(select(LedgerEntry).where(LedgerEntry.action == action)))


# --- services -----------------------------------------------------------------------------------------------


def test_list_filters_by_question_and_status(database: Database, flagged: Flagged) -> None:
    with database.session() as s:
        everything = list_flags(s)
        on_ceasefire = list_flags(s, question="ceasefire-2025")
        by_short_id = list_flags(s, question=flagged.troops[:6])
        new = list_flags(s, status="new")
        dismissed = list_flags(s, status="dismissed")
    assert [v.item.title for v in everything] == [
        "Kremlin accepts 30-day cease-fire proposal",
        "Peace talks stall in Riyadh",
        "Putin signs spring conscription decree",
    ]
    assert {v.id for v in on_ceasefire} == {flagged.flags["truce"], flagged.flags["talks"]}
    assert [v.id for v in by_short_id] == [flagged.flags["draft"]]
    assert len(new) == 3 and dismissed == []
    first = everything[0]
    assert first.question.key == "ceasefire-2025" and first.item.feed_title == "Test News"
    assert first.matched_terms == ["Kremlin", "ceasefire"] and first.score == 5.0


def test_list_rejects_unknown_status_and_question(database: Database, flagged: Flagged) -> None:
    with database.session() as s:
        with pytest.raises(UserInputError, match="unknown flag status 'open'"):
            list_flags(s, status="open")
        with pytest.raises(NotFound):
            list_flags(s, question="no-such-question")


def test_dismiss_and_evidence_go_through_the_ledger(database: Database, flagged: Flagged) -> None:
    with database.write_session() as s:
        result = dismiss_flag(s, flagged.flags["talks"][:8], actor="bob")
    assert result.changed and result.previous == "new" and result.flag.status == "dismissed"
    assert result.flag.reviewer == "bob" and result.flag.reviewed_at is not None
    with database.write_session() as s:
        kept = mark_evidence(s, flagged.flags["truce"], actor="carol")
    assert kept.flag.status == "evidence"

    dismissed = _entries(database, "flag.dismissed")
    evidence = _entries(database, "flag.evidence")
    assert [e.subject for e in dismissed] == [f"flag:{flagged.flags['talks']}"]
    assert [e.actor for e in evidence] == ["carol"]
    payload = json.loads(dismissed[0].payload)
    assert payload["data"] == {"from": "new"}
    assert payload["changes"][0]["row"]["status"] == "dismissed"
    with database.session() as s:
        assert verify(s).ok


def test_repeating_an_action_writes_nothing(database: Database, flagged: Flagged) -> None:
    with database.write_session() as s:
        dismiss_flag(s, flagged.flags["talks"], actor="bob")
    with database.write_session() as s:
        again = dismiss_flag(s, flagged.flags["talks"], actor="bob")
    assert not again.changed and again.flag.status == "dismissed"
    assert len(_entries(database, "flag.dismissed")) == 1


def test_expected_status_refuses_a_flag_someone_else_reviewed(
    database: Database, flagged: Flagged
) -> None:
    with database.write_session() as s:
        dismiss_flag(s, flagged.flags["truce"], actor="bob")
    with (
        database.write_session() as s,
        pytest.raises(Conflict, match="already marked dismissed by bob"),
    ):
        mark_evidence(s, flagged.flags["truce"], actor="carol", expected_status="new")
    with database.session() as s:
        assert s.get(Flag, flagged.flags["truce"]).status == "dismissed"  # type: ignore[union-attr]


def test_resolve_from_flag_attaches_the_item(database: Database, flagged: Flagged) -> None:
    with database.write_session() as s:
        resolution = resolve_from_flag(s, flagged.flags["truce"], "yes", actor="dana")
    with database.session() as s:
        question = s.get(Question, flagged.ceasefire)
        flag = s.get(Flag, flagged.flags["truce"])
        assert question is not None and flag is not None
        assert (question.status, question.outcome) == ("resolved", "yes")
        assert flag.status == "evidence" and flag.reviewer == "dana"
        stored = s.get(Resolution, resolution.id)
        assert stored is not None
        assert [e.get("flag_id") for e in stored.evidence] == [flagged.flags["truce"]]
        assert verify(s).ok


def test_review_queue_order_skips_and_scope(database: Database, flagged: Flagged) -> None:
    with database.session() as s:
        first = next_for_review(s)
        assert first is not None and first[0].id == flagged.flags["truce"] and first[1] == 3
        after_skip = next_for_review(s, skipped={flagged.flags["truce"]})
        assert after_skip is not None and after_skip[0].id == flagged.flags["draft"]
        scoped = next_for_review(s, question_id=flagged.troops)
        assert scoped is not None and scoped[0].id == flagged.flags["draft"] and scoped[1] == 1
        assert next_for_review(s, skipped=set(flagged.flags.values())) is None


# --- the review loop, keys given as a script ----------------------------------------------------------------


def _keys(*keys: str) -> Iterator[str]:
    yield from keys
    raise AssertionError("the review asked for more keys than the script has")


def _run_review(
    database: Database, keys: list[str], question: str | None = None
) -> tuple[ReviewSummary, str]:
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, color_system=None, force_terminal=False)
    script = _keys(*keys)
    summary = review(
        database, actor="erin", read_key=lambda: next(script), console=console, question=question
    )
    return summary, buffer.getvalue()


def test_review_loop_acts_on_keys(database: Database, flagged: Flagged) -> None:
    # Highest score first: truce (5) -> evidence, draft (4) -> unknown key then skip, talks (2) -> dismiss.
    summary, out = _run_review(database, ["e", "x", "s", "d"])
    assert "flag 1 of 3" in out and "Kremlin accepts 30-day cease-fire proposal" in out
    assert "no action on 'x'" in out
    assert "No more new flags." in out
    assert (summary.evidence, summary.skipped, summary.dismissed) == (1, 1, 1)
    with database.session() as s:
        status = {f.id: f.status for f in s.exec(select(Flag))}
        assert verify(s).ok
    assert status == {
        flagged.flags["truce"]: "evidence",
        flagged.flags["draft"]: "new",
        flagged.flags["talks"]: "dismissed",
    }


def test_review_resolve_needs_confirmation(database: Database, flagged: Flagged) -> None:
    # n on the truce flag, cancelled with x; then y confirmed with y. The question's other new flag is then
    # superseded, so nothing is left to review on it.
    summary, out = _run_review(database, ["n", "x", "y", "y"], question="ceasefire-2025")
    assert "Resolve ceasefire-2025 as NO" in out and "not resolved" in out
    assert "question ceasefire-2025 resolved yes" in out and "No more new flags." in out
    assert summary.resolved == 1
    with database.session() as s:
        question = s.get(Question, flagged.ceasefire)
        assert question is not None and question.outcome == "yes"
        assert len(list(s.exec(select(Resolution)))) == 1
        assert s.get(Flag, flagged.flags["talks"]).status == "superseded"  # type: ignore[union-attr]


def test_review_reports_a_flag_reviewed_meanwhile(database: Database, flagged: Flagged) -> None:
    def sneaky_then_dismiss() -> Iterator[str]:
        # Another reviewer dismisses the flag on screen before our key arrives.
        with database.write_session() as s:
            dismiss_flag(s, flagged.flags["truce"], actor="someone-else")
        yield "e"
        yield "q"

    script = sneaky_then_dismiss()
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, color_system=None)
    summary = review(database, actor="erin", read_key=lambda: next(script), console=console)
    out = buffer.getvalue()
    assert "already marked dismissed by someone-else" in out
    assert summary.evidence == 0 and summary.handled_elsewhere == 1
    with database.session() as s:
        assert s.get(Flag, flagged.flags["truce"]).status == "dismissed"  # type: ignore[union-attr]


def test_review_with_nothing_new(database: Database) -> None:
    summary, out = _run_review(database, [])
    assert "No new flags to review." in out and summary.skipped == 0


# --- CLI -------------------------------------------------------------------------------------------------------


def test_cli_list_json_and_table(database: Database, flagged: Flagged, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["flags", "list", "--question", "ceasefire-2025", "--json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == [flagged.flags["truce"], flagged.flags["talks"]]
    assert rows[0]["question"]["key"] == "ceasefire-2025"
    assert rows[0]["item"]["feed"]["title"] == "Test News"
    assert rows[0]["item"]["published_at"] == "2025-03-20T09:30:00Z"
    table = cli(["flags", "list", "--status", "new"])
    assert table.exit_code == 0 and "Putin signs" in table.stdout
    assert flagged.flags["draft"][:8] in table.stdout
    empty = cli(["flags", "list", "--status", "evidence"])
    assert empty.exit_code == 0 and empty.stdout.strip() == "No flags."


def test_cli_dismiss_and_evidence(database: Database, flagged: Flagged, cli) -> None:  # type: ignore[no-untyped-def]
    talks = flagged.flags["talks"]
    done = cli(["flags", "dismiss", talks[:8]])
    assert done.exit_code == 0 and done.stdout.strip() == f"flag {talks[:8]} dismissed (was new)"
    again = cli(["flags", "dismiss", talks[:8]])
    assert again.exit_code == 0 and "already dismissed; nothing written" in again.stdout
    kept = cli(["flags", "evidence", talks, "--json"])
    data = json.loads(kept.stdout)
    assert data["status"] == "evidence" and data["previous"] == "dismissed" and data["changed"]
    assert data["reviewer"] == "tester"
    listed = json.loads(cli(["flags", "list", "--status", "evidence", "--json"]).stdout)
    assert [r["id"] for r in listed] == [talks]
    assert cli(["verify"]).exit_code == 0


def test_cli_errors(database: Database, flagged: Flagged, cli) -> None:  # type: ignore[no-untyped-def]
    missing = cli(["flags", "dismiss", "ffffffff"])
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: no flag with id starting")
    bad = cli(["flags", "list", "--status", "pending"])
    assert bad.exit_code == 1 and "Error: unknown flag status 'pending'" in bad.stderr
    assert "Traceback" not in missing.stderr + bad.stderr


def test_cli_review_refuses_without_a_terminal(database: Database, flagged: Flagged, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["flags", "review"], input="d\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: flags review reads single keys from a terminal")
    with database.session() as s:
        assert {f.status for f in s.exec(select(Flag))} == {"new"}


# --- highlighting (pure) ----------------------------------------------------------------------------------------


def test_highlight_meets_inflections_and_phrases() -> None:
    text = "Kremlin's cease-fire offer: peace talks in Moscow, and more talks later"
    spans = highlight_spans(text, ["Kremlin", "ceasefire", "peace talks"])
    assert [text[a:b] for a, b in spans] == ["Kremlin's", "cease-fire", "peace talks"]
    assert highlight_spans(text, []) == []
    assert highlight_spans("Ukraine", ["Russia"]) == []


def test_highlighted_text_is_inert_and_spans_survive_cleaning() -> None:
    shown = highlighted("\x1b[2J[bold]Russia[/bold] \x9b31m truce", ["Russia", "truce"])
    assert shown.plain == "[2J[bold]Russia[/bold] 31m truce"
    styled = [shown.plain[s.start : s.end] for s in shown.spans]
    assert styled == ["Russia", "truce"]
