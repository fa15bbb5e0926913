"""Showing a flag on a terminal: matched terms found again in feed text, and the review screen as rich renderables.

Pure: no database. Text from feeds, articles and questions always goes through `ledger.output.inert` first, so
markup like "[bold]" stays literal and escape sequences never reach the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from feeds.matching.terms import TermKey, analyze, term_key
from ledger.output import inert

if TYPE_CHECKING:
    from feeds.review import FlagView

HIGHLIGHT_STYLE = "bold black on yellow"
# The same notion of a word as the snippet cutter in feeds.matching.matcher, so a snippet's words meet their terms.
_WORD_RE = re.compile(r"[\w'\u2019\-]+")

# Outcome keys per question kind, in the order they are offered.
OUTCOME_KEYS: dict[str, dict[str, str]] = {
    "forecast": {"y": "yes", "n": "no", "a": "annulled"},
    "factual": {"y": "true", "n": "false", "m": "misleading", "u": "unverifiable"},
}


def _term_keys(terms: Iterable[str]) -> tuple[set[str], list[tuple[str, ...]]]:
    singles: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    for term in terms:
        try:
            key: TermKey = term_key(term)
        except (TypeError, ValueError):  # a stored term we cannot read is simply not highlighted
            continue
        if isinstance(key, tuple):
            if key:
                phrases.append(key)
        elif key:
            singles.add(key)
    return singles, phrases


def highlight_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Character spans of `text` where the matched terms occur, by the matcher's own folding and stemming
    ("Kremlin's" meets "Kremlin", "cease-fire" meets "ceasefire", "peace talks" spans both words).
    Sorted, non-overlapping."""
    singles, phrases = _term_keys(terms)
    if not singles and not phrases:
        return []
    words = [(m.start(), m.end(), analyze(m.group())) for m in _WORD_RE.finditer(text)]
    spans: list[tuple[int, int]] = []
    # Each stemmed part remembers the word it came from, so a phrase can cross words.
    flat: list[tuple[str, int]] = []
    for index, (start, end, (parts, extra)) in enumerate(words):
        if singles.intersection(parts) or singles.intersection(extra):
            spans.append((start, end))
        flat.extend((part, index) for part in parts)
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(flat) - n + 1):
            if flat[i][0] == phrase[0] and tuple(p for p, _ in flat[i : i + n]) == phrase:
                spans.append((words[flat[i][1]][0], words[flat[i + n - 1][1]][1]))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlighted(text: str | None, terms: Iterable[str], style: str = HIGHLIGHT_STYLE) -> Text:
    """Outside text made inert, with the matched terms styled. Spans are found on the cleaned text, so removed
    control characters cannot shift them."""
    shown = inert(text)
    for start, end in highlight_spans(shown.plain, terms):
        shown.stylize(style, start, end)
    return shown


def _when(moment: dt.datetime | None) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else "-"


def key_legend(kind: str) -> Text:
    """The keys on offer for a question of this kind, e.g. "d dismiss  e evidence  y yes ..."."""
    legend = Text()
    entries = [("d", "dismiss"), ("e", "evidence")]
    entries += [(k, f"resolve {v}") for k, v in OUTCOME_KEYS.get(kind, {}).items()]
    entries += [("s", "skip"), ("q", "quit")]
    for i, (key, label) in enumerate(entries):
        if i:
            legend.append("  ")
        legend.append(key, style="bold cyan")
        legend.append(f" {label}")
    return legend


@dataclass(frozen=True)
class ScreenInfo:
    """Where a flag sits in the review: its place among the flags still new, and the question's claims."""

    position: int
    total: int
    claims: int
    today: dt.date
    # The questions the flag's item bears on, still new, as (question label, score, flag id): one card, each
    # question decided in turn.
    card: Sequence[tuple[str, float, str]] = ()


def flag_screen(view: FlagView, info: ScreenInfo) -> RenderableType:
    """One flag as the review shows it: the question, the item (title, feed, date, link) and its snippet with
    the matched terms highlighted, then the keys."""
    q = view.question
    item = view.item
    terms = view.matched_terms
    head = Text()
    head.append(f"flag {info.position} of {info.total}", style="bold")
    head.append(f"  {view.id[:8]}  score {view.score:.2f}")

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    question = Text()
    question.append(q.key or q.id[:8], style="cyan")
    question.append("  ")
    question.append_text(inert(q.text))
    grid.add_row("question", question)
    if q.criteria.strip():
        grid.add_row("criteria", inert(" ".join(q.criteria.split())))
    state = [q.kind, q.status if q.outcome is None else f"{q.status} {q.outcome}"]
    if q.resolve_by is not None:
        past = q.status == "open" and q.resolve_by < info.today
        state.append(f"resolve by {q.resolve_by.isoformat()}" + (" (past due)" if past else ""))
    state.append(f"{info.claims} claim" + ("" if info.claims == 1 else "s"))
    grid.add_row("", Text(" · ".join(state), style="dim"))
    grid.add_row("title", highlighted(item.title, terms))
    source = inert(item.feed_title or item.feed_url)
    if item.feed_title:
        source.append(f"  ({item.feed_url})", style="dim")
    grid.add_row("source", source)
    grid.add_row("date", Text(_when(item.published_at)))
    grid.add_row("link", inert(item.url or "-"))
    grid.add_row("snippet", highlighted(view.snippet, terms))
    grid.add_row("matched", inert(", ".join(terms) or "-"))
    if len(info.card) > 1:
        card = Text(f"this item bears on {len(info.card)} questions, each decided in turn: ")
        for n, (label, score, flag_id) in enumerate(info.card):
            if n:
                card.append(" · ")
            current = flag_id == view.id
            card.append(f"{label} {score:.2f}", style="bold cyan" if current else "dim")
        grid.add_row("card", card)
    return Group(Rule(style="dim"), head, grid, Text(), key_legend(q.kind))


def summary_line(counts: Sequence[tuple[str, int]]) -> str:
    """The end-of-review line, e.g. "2 dismissed, 1 marked evidence, 0 resolved, 3 skipped"."""
    return ", ".join(f"{n} {label}" for label, n in counts)
