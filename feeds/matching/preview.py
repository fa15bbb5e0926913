"""Preview: the stored items a question's watch terms would flag now, with their scores, and the near misses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from feeds.matching.backfill import MAX_ITEMS
from feeds.matching.index import earliest_claims, match_window, semantic_about
from feeds.matching.learning import decided_items, learn
from feeds.matching.matcher import MatchIndex, QuestionWatch
from feeds.matching.terms import Watch
from ledger.models import NewsItem, Question

# A near miss scores at least this share of the bar.
NEAR = 0.6


@dataclass(frozen=True)
class PreviewRow:
    item_id: str
    title: str
    url: str | None
    published_at: dt.datetime
    score: float
    flagged: bool
    matched_terms: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "item_id": self.item_id,
            "title": self.title,
            "url": self.url,
            "published_at": self.published_at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
            "score": self.score,
            "flagged": self.flagged,
            "matched_terms": list(self.matched_terms),
        }


@dataclass(frozen=True)
class Preview:
    threshold: float
    items_read: int
    not_before: dt.datetime | None
    not_after: dt.datetime | None
    flagged: list[PreviewRow]
    near: list[PreviewRow]

    def to_json(self) -> dict[str, Any]:
        def iso(t: dt.datetime | None) -> str | None:
            return None if t is None else t.isoformat().replace("+00:00", "Z")

        return {
            "threshold": self.threshold,
            "items_read": self.items_read,
            "window": {"from": iso(self.not_before), "to": iso(self.not_after)},
            "flagged": [r.to_json() for r in self.flagged],
            "near_misses": [r.to_json() for r in self.near],
        }


def preview(session: Session, question: Question, watch: Watch, *, near_limit: int = 20) -> Preview:
    """Match the stored news inside the question's window (the newest MAX_ITEMS of it) with `watch` and what the
    question's reviews taught: every item it would flag, best first, and the best near misses."""
    not_before, not_after = match_window(
        question.kind, earliest_claims(session, [question.id]).get(question.id), question.resolve_by
    )
    feedback = learn(watch, decided_items(session, [question.id]).get(question.id, []))
    about = semantic_about(question.text, question.criteria or "", watch)
    index = MatchIndex(
        {0: QuestionWatch(watch, not_before, not_after, feedback or None, about=about)}
    )
    stmt = select(  # type: ignore[call-overload]
        NewsItem.id, NewsItem.title, NewsItem.summary, NewsItem.url, NewsItem.published_at
    )
    if not_before is not None:
        stmt = stmt.where(col(NewsItem.published_at) >= not_before)
    if not_after is not None:
        stmt = stmt.where(col(NewsItem.published_at) <= not_after)
    rows = session.exec(stmt.order_by(col(NewsItem.published_at).desc()).limit(MAX_ITEMS)).all()
    bar = index.scoring.threshold
    flagged: list[PreviewRow] = []
    near: list[PreviewRow] = []
    for item_id, title, summary, url, published in rows:
        for match, passes in index.score_all(title, summary, published):
            row = PreviewRow(
                item_id, title, url, published, match.score, passes, match.matched_terms
            )
            if passes:
                flagged.append(row)
            elif match.score >= NEAR * bar:
                near.append(row)
    flagged.sort(key=lambda r: (-r.score, r.published_at))
    near.sort(key=lambda r: (-r.score, r.published_at))
    return Preview(bar, len(rows), not_before, not_after, flagged, near[:near_limit])
