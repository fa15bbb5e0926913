"""The similarity stage of matching: items the watch terms let through are scored by their likeness to the question's
text and criteria, with the embedding model shipped in the wordllama wheel (feeds.matching.semantic)."""

from __future__ import annotations

import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from feeds.matching import semantic
from feeds.matching.index import semantic_about
from feeds.matching.learning import Decided, learn
from feeds.matching.matcher import MatchIndex, QuestionWatch, Scoring, Watch, propose_watch

NOW = datetime(2026, 1, 5, tzinfo=UTC)
KHERSON = "Will Russian forces capture the city of Kherson by 2026-12-31?"
CEASEFIRE = "Will Russia and Ukraine agree to a general ceasefire by 2026-12-31?"


def with_text(*questions: str, scoring: Scoring | None = None) -> MatchIndex:
    return MatchIndex(
        {n: QuestionWatch(propose_watch(q), about=q) for n, q in enumerate(questions, 1)},
        scoring=scoring,
    )


def terms_only(*questions: str) -> MatchIndex:
    return MatchIndex({n: QuestionWatch(propose_watch(q)) for n, q in enumerate(questions, 1)})


def test_vectors_are_unit_length_and_an_empty_text_is_zero() -> None:
    vectors = semantic.embed(["Russian troops take control of Kherson", "", "   "])
    assert vectors.shape == (3, 256) and vectors.dtype == np.float32
    assert abs(float(np.linalg.norm(vectors[0])) - 1.0) < 1e-5
    assert not vectors[1].any() and not vectors[2].any()


def test_texts_on_one_event_are_more_alike_than_texts_on_one_place() -> None:
    question, same_event, same_place, other = semantic.embed(
        [
            semantic.question_text(
                "Will the Bank of England raise interest rates to 5%?",
                "YES if the Monetary Policy Committee sets Bank Rate at 5% or more.",
            ),
            semantic.item_text(
                "Interest rates rise to 5% as inflation bites", "The MPC voted 7-2."
            ),
            semantic.item_text(
                "Bank of England museum reopens", "Visitors can see the gold vault again."
            ),
            semantic.item_text("Chelsea win the FA Cup", "A late goal settled the final."),
        ]
    )
    assert question @ same_event > question @ same_place > question @ other


def test_similarity_decides_between_items_that_meet_the_same_terms() -> None:
    captured = ("Russian troops take control of Kherson", "The southern city fell after a week.")
    grain = ("Kherson farmers struggle to export grain", "Russian blockade of ports hits prices.")
    assert terms_only(KHERSON).match(
        *grain, NOW
    )  # the place and the country are enough for the terms
    index = with_text(KHERSON)
    assert index.match(*captured, NOW)
    assert not index.match(*grain, NOW)
    # The preview shows it as a scored near miss.
    [(near, passes)] = index.score_all(*grain)
    assert not passes and 0 < near.score < index.scoring.threshold


def test_one_name_alone_is_not_flagged_however_similar() -> None:
    # Only the place is met (one line): below the bar, even though the item is close to the question.
    index = with_text(KHERSON)
    assert not index.match("Kherson", "Kherson.", NOW)
    [(near, passes)] = index.score_all("Kherson", "Kherson.")
    assert not passes and near.score < index.scoring.threshold


def test_a_breaking_story_is_flagged_whole_with_similarity() -> None:
    index = with_text(CEASEFIRE)
    flagged = sum(
        bool(
            index.match(
                f"Russia and Ukraine agree general ceasefire {n}",
                f"Report {n}: both sides said the truce would hold from midnight.",
                NOW,
            )
        )
        for n in range(1000)
    )
    assert flagged == 1000


def test_dismissals_still_teach_a_question_scored_by_similarity() -> None:
    watch = propose_watch(CEASEFIRE)
    chess = ("Russia Ukraine ceasefire at chess match", "A chess tournament truce.")
    dismissed = [
        Decided(f"Russia Ukraine ceasefire chess match {n}", "A chess tournament truce.", False)
        for n in range(3)
    ]
    feedback = learn(watch, dismissed)
    plain = MatchIndex({1: QuestionWatch(watch, about=CEASEFIRE)})
    taught = MatchIndex({1: QuestionWatch(watch, feedback=feedback, about=CEASEFIRE)})
    assert plain.match(*chess, NOW)
    assert not taught.match(*chess, NOW)


def test_rows_of_removed_questions_are_reused_and_scores_stay_the_same() -> None:
    index = with_text(KHERSON, CEASEFIRE)
    item = ("Russia and Ukraine agree a ceasefire", "Negotiators sign a truce.")
    before = [(m.question_id, m.score) for m in index.match(*item, NOW)]
    assert [q for q, _ in before] == [2]
    index.remove(1)
    index.add(3, QuestionWatch(propose_watch(KHERSON), about=KHERSON))
    assert index._rows_used == 2  # the freed row was taken again
    assert [(m.question_id, m.score) for m in index.match(*item, NOW)] == before
    index.remove(2)
    assert not index.match(*item, NOW)


def test_scoring_does_not_grow_with_unrelated_questions_that_have_texts() -> None:
    related = {
        1: QuestionWatch(propose_watch(KHERSON), about=KHERSON),
        2: QuestionWatch(propose_watch(CEASEFIRE), about=CEASEFIRE),
    }
    unrelated = {}
    for i in range(10_000):
        text = f"Will Company{i}x leave the Russian market by 2026-12-31?"
        unrelated[100 + i] = QuestionWatch(
            Watch(subject=[f"company{i}x"], names=[["russia", "kremlin"]]), about=text
        )
    items = [
        ("Russian troops take control of Kherson", "The city fell.", NOW),
        ("Russia and Ukraine agree a ceasefire", "Negotiators sign a truce.", NOW),
    ]
    small = MatchIndex(related)
    large = MatchIndex({**related, **unrelated})
    flags = [[(m.question_id, m.score) for m in small.match(*i)] for i in items]
    assert [[(m.question_id, m.score) for m in large.match(*i)] for i in items] == flags
    assert large.stats.questions_scored == small.stats.questions_scored
    assert [m.question_id for m in large.match("Company42x leaves Russia", "", NOW)] == [142]


def test_analyst_terms_are_matched_as_written() -> None:
    proposed = propose_watch(KHERSON)
    assert semantic_about(KHERSON, "", proposed) == KHERSON
    edited = Watch(subject=["Apple"], names=[["phone"]])
    assert semantic_about(KHERSON, "", edited) == ""
    index = MatchIndex({1: QuestionWatch(edited, about=semantic_about(KHERSON, "", edited))})
    assert index.match("Apple unveils a new phone", "Nothing about any war.", NOW)


def test_the_model_loads_with_the_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(semantic, "_model", None)
    monkeypatch.setattr(semantic, "_questions", {})
    vector = semantic.question_vector(KHERSON)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5
    # Only the wheel's files are read: the package itself (which configures logging on import) is not loaded.
    assert "wordllama" not in sys.modules


def test_the_cli_starts_without_the_model(tmp_path: Path) -> None:
    code = (
        "import sys, cli\n"
        "try:\n    cli.main(['--db', sys.argv[1], 'questions', 'list'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('numpy', 'tokenizers', 'safetensors', 'wordllama')\n"
        "print('LOADED', sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "l.db")], capture_output=True, text=True
    )
    assert "LOADED []" in out.stderr


def test_scoring_one_by_one_at_once_and_in_batches_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """The three ways of scoring an item's candidates give the same matches and the same shares, to the last bit:
    one by one, all at once per item, and all the items of a batch together (match_many)."""
    from feeds.matching import matcher
    from feeds.matching.matcher import Feedback, content_keys, term_key

    texts = [
        KHERSON,
        CEASEFIRE,
        "Will the Bank of England raise interest rates to 5% by 2026-12-31?",
        "Will Emmanuel Macron win re-election as French president by 2026-12-31?",
        "Will Russia capture Kyiv by 2026-12-31?",
        "Will Russian troops leave Kherson by 2026-12-31?",
    ]
    early, late = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 10, tzinfo=UTC)
    questions = {n: QuestionWatch(propose_watch(t), about=t) for n, t in enumerate(texts)}
    questions[10] = QuestionWatch(propose_watch(KHERSON))  # terms alone
    questions[11] = QuestionWatch(Watch(subject=["Kherson"], exclude=["bread"]), about=KHERSON)
    questions[12] = QuestionWatch(Watch(groups=[["ceasefire"], ["russia"]]), about=CEASEFIRE)
    questions[13] = QuestionWatch(propose_watch(KHERSON), not_before=late, about=KHERSON)  # window
    questions[14] = QuestionWatch(propose_watch(CEASEFIRE), not_after=early, about=CEASEFIRE)
    questions[15] = QuestionWatch(
        Watch(subject=["Kherson"], events=[["troops"]], phrases=["take control"]), about=KHERSON
    )
    dismissed = content_keys(
        "Kherson residents queue for bread", "Russian troops control the city."
    )
    questions[16] = QuestionWatch(
        propose_watch(KHERSON),
        feedback=Feedback(
            raise_terms={term_key("fell"): "fell"},
            lower_terms={term_key("bread"): "bread"},
            dismissed=(dismissed,),
        ),
        about=KHERSON,
    )
    items = [
        ("Russian troops take control of Kherson", "The southern city fell after a week.", NOW),
        ("Kherson residents queue for bread", "Russian troops control the city.", NOW),
        ("Russia and Ukraine agree a ceasefire", "Negotiators in Riyadh sign a truce.", NOW),
        (
            "Russia and Ukraine agree a ceasefire",
            "Negotiators sign a truce.",
            datetime(2025, 12, 1, tzinfo=UTC),
        ),
        ("Bank of England raises interest rates to 5%", "The MPC voted 7-2.", NOW),
        ("Macron wins second term", "He beat Marine Le Pen.", NOW),
        ("Russian forces near Kyiv", "Shelling of the capital continued.", late),
        ("Apple unveils a new phone", "Nothing about any war.", NOW),
        (
            "Kherson Kherson Kherson",
            "",
            NOW,
        ),  # one line met: scored for previews, kept below the bar
        ("Kherson", "Troops, Russia, a ceasefire, rates, Kyiv and Macron in one summary.", NOW),
    ]

    def run(vector_min: int, batched: bool) -> list[Any]:
        monkeypatch.setattr(matcher, "VECTOR_MIN", vector_min)
        monkeypatch.setattr(
            matcher, "BATCH_ENTRIES", 1
        )  # a batch per item and concept: several batches
        index = MatchIndex(questions)
        if batched:
            found = index.match_many([(*i, None) for i in items])
        else:
            found = [index.match(*i) for i in items]
        flags = [[(m.question_id, m.score, m.matched_terms, m.snippet) for m in f] for f in found]
        near = [[(m.question_id, m.score, ok) for m, ok in index.score_all(*i)] for i in items]
        return [flags, near, index.stats]

    one_by_one = run(10**9, batched=False)
    assert any(one_by_one[0]) and any(one_by_one[1])
    assert run(0, batched=False) == one_by_one
    assert run(0, batched=True) == one_by_one
    assert run(10**9, batched=True) == one_by_one

    # The shares themselves, before any rounding.
    index = MatchIndex(questions)
    for title, summary, published in items:
        item = matcher._Item(title, summary)
        met = index._met(item)
        if not met:
            continue
        members = [index._anchors[cid] for cid in met]
        for near in (False, True):
            alone = index._candidates_one_by_one(item, members, published, near)
            (together,) = index._candidates_at_once([(item, met, published)], near)
            if alone is None:
                assert together is None
                continue
            assert together is not None
            order = np.argsort(alone[0])
            for a, b in zip(alone, together, strict=True):
                assert np.array_equal(a[order], b)


def test_questions_embedded_in_a_batch_get_the_vectors_they_get_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(semantic, "_questions", {})
    texts = [KHERSON, CEASEFIRE, "Will Emmanuel Macron win re-election by 2026-12-31?"]
    semantic.question_vectors(texts)
    assert set(semantic._questions) == set(texts)
    for text in texts:
        assert np.allclose(semantic.question_vector(text), semantic.embed([text])[0])
