"""Percolation: matching news items against the compiled watch terms of every open question."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from feeds.matching.terms import (
    ALIAS_TABLE,
    Concept,
    TermKey,
    Watch,
    analyze,
    format_watch,
    parse_watch_text,
    prior_share,
    propose_watch,
    term_key,
    word_terms,
)

__all__ = [
    "ALIAS_TABLE",
    "Concept",
    "Match",
    "MatchIndex",
    "MatchStats",
    "QuestionWatch",
    "Scoring",
    "TermStats",
    "Watch",
    "format_watch",
    "parse_watch_text",
    "propose_watch",
]

SNIPPET_CHARS = 240


@dataclass(frozen=True)
class QuestionWatch:
    """A question's watch terms and the window of publication times an item may be flagged in: from the
    earliest claim on the question to a grace period after its deadline (None means no limit)."""

    watch: Watch
    not_before: datetime | None = None
    not_after: datetime | None = None


@dataclass(frozen=True)
class Match:
    """A news item that meets a question's watch: what becomes a flag."""

    question_id: int
    score: float
    matched_terms: list[str]
    snippet: str


# The analysis of one text: its stemmed words in order, and the joined forms of its hyphenated words.
Analysis = tuple[tuple[str, ...], tuple[str, ...]]
# An item's analysis: (title, summary).
ItemAnalysis = tuple[Analysis, Analysis]


@functools.lru_cache(maxsize=8192)
def _analyze(text: str) -> Analysis:
    """analyze(), remembered: ingestion counts an item into the idf statistics and then matches it, and
    both need the same analysis of the same title and summary."""
    seq, extra = analyze(text)
    return tuple(seq), tuple(extra)


def analyze_item(title: str, summary: str) -> ItemAnalysis:
    """The analysis matching needs of an item. A pure function of the text, so a parse worker computes it beside
    the feed and the poller, which holds the index, is spared it (TermStats.add, MatchIndex.match)."""
    return _analyze(title), _analyze(summary)


@dataclass(frozen=True)
class Scoring:
    """BM25F parameters and the flag threshold.

    Field weights scale term frequency per field before saturation (k1), and b normalises by
    field length against the typical lengths of feed titles and summaries (in words). Boost
    terms count at boost_weight of a required term. The score of a match is the BM25F sum over
    its terms divided by the number of required groups, so that one threshold serves watches of
    one to three groups alike; threshold is on that score.
    """

    k1: float = 1.2
    b: float = 0.75
    title_weight: float = 2.5
    summary_weight: float = 1.0
    avg_title_words: float = 11.0
    avg_summary_words: float = 30.0
    boost_weight: float = 0.5
    threshold: float = 3.0


@dataclass
class TermStats:
    """Document frequencies of terms over a background of news items, for idf.

    Until many items are seen the estimate leans on the alias table's prior shares: each term
    behaves as if prior_docs items had been seen with its prior share among them.
    """

    doc_count: int = 0
    doc_freq: Counter[str] = field(default_factory=Counter)
    prior_docs: int = 500

    def add(self, title: str, summary: str, analysis: ItemAnalysis | None = None) -> None:
        """Count one item; analysis, when given, is analyze_item(title, summary) done elsewhere."""
        (t_seq, t_extra), (s_seq, s_extra) = analysis or analyze_item(title, summary)
        self.doc_count += 1
        # Counted in C; the set counts each term once per item.
        self.doc_freq.update({*t_seq, *t_extra, *s_seq, *s_extra})

    @classmethod
    def from_items(cls, items: Iterable[tuple[str, str]], prior_docs: int = 500) -> TermStats:
        stats = cls(prior_docs=prior_docs)
        for title, summary in items:
            stats.add(title, summary)
        return stats

    def idf(self, key: TermKey) -> float:
        n = self.doc_count + self.prior_docs
        if isinstance(key, tuple):
            # A phrase is at most as common as its rarest word.
            df = min(self._df(k) for k in key) if key else 0.0
            df = min(df, n * prior_share(key))
        else:
            df = self._df(key)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _df(self, key: str) -> float:
        return self.doc_freq.get(key, 0) + self.prior_docs * prior_share(key)


@dataclass
class MatchStats:
    """Counters of the work done, for tests and benchmarks (cumulative until reset)."""

    items: int = 0
    signatures_checked: int = 0
    questions_scored: int = 0
    flags: int = 0

    def reset(self) -> None:
        self.items = self.signatures_checked = self.questions_scored = self.flags = 0


@dataclass(frozen=True)
class _Compiled:
    """A question's watch compiled to keys and concept ids."""

    question_id: int
    groups: tuple[tuple[TermKey, ...], ...]
    signature: frozenset[int]
    boost: tuple[TermKey, ...]
    phrases: frozenset[TermKey]
    exclude: frozenset[TermKey]
    not_before: datetime | None
    not_after: datetime | None
    display: Mapping[TermKey, str]
    anchor: int
    # Questions with the same groups, phrases and boost terms score alike on any item.
    fingerprint: tuple[object, ...]


class _Item:
    """One news item, analysed once and shared by every question scored against it."""

    __slots__ = (
        "_snippets",
        "contrib",
        "outcomes",
        "present",
        "s_len",
        "s_seq",
        "summary",
        "t_len",
        "t_seq",
        "title",
    )

    def __init__(self, title: str, summary: str, analysis: ItemAnalysis | None = None) -> None:
        self.title = title
        self.summary = summary
        self._snippets: _SnippetSource | None = None
        self.outcomes: dict[tuple[object, ...], tuple[float, list[str], str] | None] = {}
        (t_seq, t_extra), (s_seq, s_extra) = analysis or analyze_item(title, summary)
        self.t_seq = list(t_seq + t_extra)
        self.s_seq = list(s_seq + s_extra)
        self.t_len = len(t_seq)
        self.s_len = len(s_seq)
        self.present: set[TermKey] = {*self.t_seq, *self.s_seq}
        self.contrib: dict[TermKey, float] = {}

    @property
    def snippets(self) -> _SnippetSource:
        if self._snippets is None:
            self._snippets = _SnippetSource(self.title, self.summary)
        return self._snippets

    def count(self, key: TermKey, in_title: bool) -> int:
        seq = self.t_seq if in_title else self.s_seq
        if not isinstance(key, tuple):
            return seq.count(key)
        words = seq[: self.t_len if in_title else self.s_len]
        n = len(key)
        first = key[0]
        return sum(1 for i, w in enumerate(words) if w == first and tuple(words[i : i + n]) == key)


def _utc(moment: datetime) -> datetime:
    # Feeds and the database hand over naive datetimes that are UTC by convention.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class MatchIndex:
    """Inverted index from watch terms to open questions.

    Each distinct required group becomes a concept id; a question is a conjunction of concept
    ids (its signature), filed under one anchor concept, the rarest. An item looks up the
    concepts its words satisfy, then checks only the signatures filed under those concepts, so
    questions that share none of an item's rarest required terms cost it nothing.
    """

    def __init__(
        self,
        questions: Mapping[int, QuestionWatch] | None = None,
        *,
        scoring: Scoring | None = None,
        stats: TermStats | None = None,
    ) -> None:
        self.scoring = scoring or Scoring()
        self.term_stats = stats or TermStats()
        self.stats = MatchStats()
        self._questions: dict[int, _Compiled] = {}
        self._concept_ids: dict[frozenset[TermKey], int] = {}
        self._concept_refs: dict[int, int] = {}
        self._concept_keys: dict[int, frozenset[TermKey]] = {}
        self._term_concepts: dict[TermKey, set[int]] = {}
        # phrase head word -> phrase key -> how many compiled questions use it
        self._phrase_heads: dict[str, dict[tuple[str, ...], int]] = {}
        # anchor concept -> signature -> question id -> compiled question
        self._anchors: dict[int, dict[frozenset[int], dict[int, _Compiled]]] = {}
        self._next_concept = 0
        for question_id, qw in (questions or {}).items():
            self.add(question_id, qw)

    def __len__(self) -> int:
        return len(self._questions)

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._questions

    # -- building ----------------------------------------------------------------------------

    def add(self, question_id: int, question: QuestionWatch) -> None:
        """Add or replace one question."""
        if question_id in self._questions:
            self.remove(question_id)
        watch = question.watch
        display: dict[TermKey, str] = {}
        groups: list[tuple[TermKey, ...]] = []
        concept_ids: list[int] = []
        for group in watch.groups:
            keys = tuple(dict.fromkeys(self._key(t, display) for t in group))
            groups.append(keys)
            concept_ids.append(self._concept_for(frozenset(keys)))
        boost = tuple(dict.fromkeys(self._key(t, display) for t in watch.boost))
        phrases = frozenset(self._key(t, display) for t in watch.phrases)
        exclude = frozenset(term_key(t) for t in watch.exclude)
        for key in (*boost, *phrases, *exclude):
            self._ref_phrase(key, +1)
        anchor = min(concept_ids, key=self._concept_cost)
        compiled = _Compiled(
            question_id=question_id,
            groups=tuple(groups),
            signature=frozenset(concept_ids),
            boost=boost,
            phrases=phrases,
            exclude=exclude,
            not_before=None if question.not_before is None else _utc(question.not_before),
            not_after=None if question.not_after is None else _utc(question.not_after),
            display=display,
            anchor=anchor,
            fingerprint=(
                tuple(tuple(g) for g in watch.groups),
                tuple(watch.phrases),
                tuple(watch.boost),
            ),
        )
        self._questions[question_id] = compiled
        by_sig = self._anchors.setdefault(anchor, {})
        by_sig.setdefault(compiled.signature, {})[question_id] = compiled

    def remove(self, question_id: int) -> bool:
        """Drop one question; False if it was not indexed."""
        compiled = self._questions.pop(question_id, None)
        if compiled is None:
            return False
        by_sig = self._anchors[compiled.anchor]
        members = by_sig[compiled.signature]
        del members[question_id]
        if not members:
            del by_sig[compiled.signature]
        if not by_sig:
            del self._anchors[compiled.anchor]
        for key in (*compiled.boost, *compiled.phrases, *compiled.exclude):
            self._ref_phrase(key, -1)
        for group in compiled.groups:
            self._release_concept(self._concept_ids[frozenset(group)])
        return True

    def _key(self, term: str, display: dict[TermKey, str]) -> TermKey:
        key = term_key(term)
        display.setdefault(key, term)
        return key

    def _concept_for(self, keys: frozenset[TermKey]) -> int:
        cid = self._concept_ids.get(keys)
        if cid is None:
            cid = self._next_concept
            self._next_concept += 1
            self._concept_ids[keys] = cid
            self._concept_keys[cid] = keys
            self._concept_refs[cid] = 0
            for key in keys:
                self._term_concepts.setdefault(key, set()).add(cid)
                self._ref_phrase(key, +1)
        self._concept_refs[cid] += 1
        return cid

    def _release_concept(self, cid: int) -> None:
        self._concept_refs[cid] -= 1
        if self._concept_refs[cid]:
            return
        keys = self._concept_keys.pop(cid)
        del self._concept_refs[cid]
        del self._concept_ids[keys]
        for key in keys:
            members = self._term_concepts[key]
            members.discard(cid)
            if not members:
                del self._term_concepts[key]
            self._ref_phrase(key, -1)

    def _ref_phrase(self, key: TermKey, delta: int) -> None:
        if not isinstance(key, tuple):
            return
        heads = self._phrase_heads.setdefault(key[0], {})
        count = heads.get(key, 0) + delta
        if count > 0:
            heads[key] = count
        else:
            heads.pop(key, None)
            if not heads:
                del self._phrase_heads[key[0]]

    def _concept_cost(self, cid: int) -> float:
        # Expected share of items that satisfy the group: the anchor should be the rarest.
        return sum(1.0 / (1.0 + self.term_stats.idf(k)) for k in self._concept_keys[cid])

    # -- matching ----------------------------------------------------------------------------

    def match(
        self,
        title: str,
        summary: str,
        published: datetime,
        analysis: ItemAnalysis | None = None,
    ) -> list[Match]:
        """Every question this item meets with a score at or above the threshold, best first. analysis, when
        given, is analyze_item(title, summary) done elsewhere."""
        stats = self.stats
        stats.items += 1
        item = _Item(title, summary, analysis)
        present = item.present
        self._add_phrases(item)

        satisfied: set[int] = set()
        term_concepts = self._term_concepts
        for key in term_concepts.keys() & present:
            satisfied.update(term_concepts[key])
        if not satisfied:
            return []

        when = _utc(published)
        matches: list[Match] = []
        threshold = self.scoring.threshold
        anchors = self._anchors
        for cid in satisfied:
            by_sig = anchors.get(cid)
            if not by_sig:
                continue
            for signature, members in by_sig.items():
                stats.signatures_checked += 1
                if not signature <= satisfied:
                    continue
                for compiled in members.values():
                    if compiled.exclude and not compiled.exclude.isdisjoint(present):
                        continue
                    if compiled.phrases and not compiled.phrases <= present:
                        continue
                    if compiled.not_before is not None and when < compiled.not_before:
                        continue
                    if compiled.not_after is not None and when > compiled.not_after:
                        continue
                    stats.questions_scored += 1
                    found = self._score(compiled, item)
                    if found is not None and found.score >= threshold:
                        matches.append(found)
        stats.flags += len(matches)
        matches.sort(key=lambda m: (-m.score, m.question_id))
        return matches

    def _add_phrases(self, item: _Item) -> None:
        heads = self._phrase_heads
        if not heads:
            return
        present = item.present
        for head in heads.keys() & present:  # a set operation in C; heads are words, never phrases
            for phrase in heads[head]:
                if all(w in present for w in phrase) and (
                    item.count(phrase, True) or item.count(phrase, False)
                ):
                    present.add(phrase)

    def _contribution(self, key: TermKey, item: _Item) -> float:
        cached = item.contrib.get(key)
        if cached is not None:
            return cached
        s = self.scoring
        tf_title = item.count(key, True)
        tf_summary = item.count(key, False)
        norm_t = 1.0 - s.b + s.b * item.t_len / s.avg_title_words
        norm_s = 1.0 - s.b + s.b * item.s_len / s.avg_summary_words
        tf = s.title_weight * tf_title / norm_t + s.summary_weight * tf_summary / norm_s
        value = self.term_stats.idf(key) * tf * (s.k1 + 1.0) / (tf + s.k1) if tf > 0 else 0.0
        item.contrib[key] = value
        return value

    def _score(self, compiled: _Compiled, item: _Item) -> Match | None:
        outcomes = item.outcomes
        if compiled.fingerprint in outcomes:
            outcome = outcomes[compiled.fingerprint]
        else:
            outcome = outcomes[compiled.fingerprint] = self._outcome(compiled, item)
        if outcome is None:
            return None
        score, terms, snippet = outcome
        return Match(compiled.question_id, score, list(terms), snippet)

    def _outcome(self, compiled: _Compiled, item: _Item) -> tuple[float, list[str], str] | None:
        present = item.present
        score = 0.0
        matched: list[TermKey] = []
        for group in compiled.groups:
            best_key: TermKey | None = None
            best = -1.0
            for key in group:
                if key in present:
                    value = self._contribution(key, item)
                    if value > best:
                        best, best_key = value, key
            if best_key is None:
                return None
            score += best
            matched.append(best_key)
        for key in compiled.phrases:
            score += self._contribution(key, item)
            matched.append(key)
        weight = self.scoring.boost_weight
        for key in compiled.boost:
            if key in present:
                score += weight * self._contribution(key, item)
                matched.append(key)
        terms = [compiled.display[k] for k in dict.fromkeys(matched)]
        return round(score / len(compiled.groups), 3), terms, item.snippets.cut(matched)


_SPACE_RE = re.compile(r"\s+")
_SNIPPET_WORD_RE = re.compile(r"[\w'\u2019\-]+")


class _SnippetSource:
    """The plain text a snippet is cut from, shared by all the item's matches: its words are read only as far
    as the first wanted term (where each term first occurs is remembered for the next match), and matches that
    start at the same word share their snippet."""

    __slots__ = ("cuts", "first", "rest", "text")

    def __init__(self, title: str, summary: str) -> None:
        self.text = _SPACE_RE.sub(" ", summary).strip() or _SPACE_RE.sub(" ", title).strip()
        self.first: dict[
            str, int
        ] = {}  # term -> offset of its first word, for the words read so far
        self.rest: Iterator[re.Match[str]] | None = None  # the words not read yet
        self.cuts: dict[tuple[int, int], str] = {}

    def _start(self, heads: set[str]) -> int:
        """The offset of the first word that yields one of heads (0 if none does)."""
        first = self.first
        seen = [first[h] for h in heads if h in first]
        if seen:  # the words not read yet all come after every word read
            return min(seen)
        if self.rest is None:
            self.rest = _SNIPPET_WORD_RE.finditer(self.text)
        for m in self.rest:
            terms = word_terms(m.group())
            at = m.start()
            for term in terms:
                first.setdefault(term, at)
            if not heads.isdisjoint(terms):
                return at
        return 0

    def cut(self, wanted: Iterable[TermKey], width: int = SNIPPET_CHARS) -> str:
        text = self.text
        if len(text) <= width:
            return text
        start_at = self._start({k if isinstance(k, str) else k[0] for k in wanted})
        cached = self.cuts.get((start_at, width))
        if cached is None:
            cached = self.cuts[start_at, width] = _window(text, start_at, width)
        return cached


def _window(text: str, start_at: int, width: int) -> str:
    """At most width characters of text around start_at, cut at word boundaries: some context before the
    term, most of the window after it."""
    lo = max(0, start_at - width // 4)
    hi = min(len(text), lo + width - 2)
    lo = max(0, min(lo, hi - (width - 2)))
    if lo > 0:
        space = text.find(" ", lo)
        lo = space + 1 if 0 <= space < start_at else lo
    if hi < len(text):
        space = text.rfind(" ", lo, hi)
        hi = space if space > lo else hi
    body = text[lo:hi].strip()
    return ("…" if lo > 0 else "") + body + ("…" if hi < len(text) else "")


def make_snippet(title: str, summary: str, terms: Iterable[str], width: int = SNIPPET_CHARS) -> str:
    """A plain-text window of the summary around the first matched term (the title when the
    summary is empty), cut at word boundaries, at most `width` characters."""
    return _SnippetSource(title, summary).cut([term_key(t) for t in terms], width)
