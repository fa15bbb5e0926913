"""Learning from the analyst: what dismissals and evidence on a question's flags teach its matching."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlmodel import Session, col, select

from feeds.matching.background import weight
from feeds.matching.matcher import Feedback, content_keys
from feeds.matching.terms import TermKey, Watch, term_key
from ledger.models import Flag, NewsItem

# A word is learned when it recurs: in this many decided items of one kind and in none (raise) or few (lower) of
# the other kind.
MIN_ITEMS = 2
MAX_LEARNED = 8
# The latest decided items a near copy is looked for among.
MAX_REMEMBERED = 50


@dataclass(frozen=True)
class Decided:
    """A reviewed flag's item: its words, and whether it was kept as evidence or dismissed."""

    title: str
    summary: str
    evidence: bool


def watch_keys(watch: Watch) -> set[TermKey]:
    lines = [
        watch.subject,
        *watch.names,
        *watch.events,
        *watch.context,
        *watch.groups,
        watch.boost,
        watch.phrases,
        watch.exclude,
    ]
    return {term_key(t) for line in lines for t in line}


def learn(watch: Watch, decided: Iterable[Decided]) -> Feedback:
    """What the reviews of a question's flags teach: words that recur in its evidence items and not in its
    dismissed ones raise the score of items that have them; words that recur in dismissed items and never in
    evidence lower it; and a near copy of a decided item is scored as that item was judged. The question's own terms
    are never learned (they are why the items were flagged)."""
    own = watch_keys(watch)
    kept: Counter[TermKey] = Counter()
    dropped: Counter[TermKey] = Counter()
    evidence: list[frozenset[TermKey]] = []
    dismissed: list[frozenset[TermKey]] = []
    display: dict[TermKey, str] = {}
    for item in decided:
        keys = content_keys(item.title, item.summary)
        for word in f"{item.title} {item.summary}".split():
            key = term_key(word.strip(".,;:!?\"'()[]"))
            if isinstance(key, str) and key in keys:
                display.setdefault(key, word.strip(".,;:!?\"'()[]").lower())
        (evidence if item.evidence else dismissed).append(keys)
        (kept if item.evidence else dropped).update(keys - own)
    raise_terms = sorted(
        (k for k, n in kept.items() if n >= MIN_ITEMS and dropped[k] * 2 < n and k in display),
        key=lambda k: (-kept[k] * weight(k), str(k)),
    )[:MAX_LEARNED]
    lower_terms = sorted(
        (k for k, n in dropped.items() if n >= MIN_ITEMS and not kept[k] and k in display),
        key=lambda k: (-dropped[k] * weight(k), str(k)),
    )[:MAX_LEARNED]
    return Feedback(
        raise_terms={k: display[k] for k in raise_terms},
        lower_terms={k: display[k] for k in lower_terms},
        dismissed=tuple(dismissed[-MAX_REMEMBERED:]),
        evidence=tuple(evidence[-MAX_REMEMBERED:]),
    )


def decided_items(session: Session, question_ids: Iterable[str]) -> dict[str, list[Decided]]:
    """The reviewed (dismissed or evidence) flags' items of each question, oldest review first."""
    ids = list(question_ids)
    out: dict[str, list[Decided]] = {}
    if not ids:
        return out
    stmt = (
        select(Flag.question_id, Flag.status, NewsItem.title, NewsItem.summary)
        .join(NewsItem, col(NewsItem.id) == col(Flag.item_id))
        .where(col(Flag.status).in_(("dismissed", "evidence")))
        .order_by(col(Flag.reviewed_at), col(Flag.id))
    )
    wanted = set(ids)
    for qid, status, title, summary in session.exec(stmt):
        if qid in wanted:
            out.setdefault(qid, []).append(Decided(title, summary, status == "evidence"))
    return out


def load_feedback(session: Session, watches: Mapping[str, Watch]) -> dict[str, Feedback]:
    """What each question (id -> its watch) learned from its reviewed flags; questions with none are left out."""
    out: dict[str, Feedback] = {}
    for qid, decided in decided_items(session, watches).items():
        feedback = learn(watches[qid], decided)
        if feedback:
            out[qid] = feedback
    return out
