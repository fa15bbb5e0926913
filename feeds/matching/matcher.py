"""Percolation: matching news items against the compiled watch terms of every open question."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any, NamedTuple

from feeds.matching.background import term_weight, weight
from feeds.matching.terms import (
    ALIAS_TABLE,
    Concept,
    TermKey,
    Watch,
    analyze,
    format_watch,
    parse_watch_text,
    propose_watch,
    term_key,
    word_terms,
)

__all__ = [
    "ALIAS_TABLE",
    "Concept",
    "Feedback",
    "Match",
    "MatchIndex",
    "MatchStats",
    "QuestionWatch",
    "Scoring",
    "Watch",
    "format_watch",
    "parse_watch_text",
    "propose_watch",
]

SNIPPET_CHARS = 240
# From this many candidate questions (anchors met) on, an item's scores are computed for all of them at once.
VECTOR_MIN = 32
# match_many scores at most this many (item, concept) pairs in one batch.
BATCH_ENTRIES = 1 << 20


@dataclass(frozen=True)
class Feedback:
    """What the analyst's decisions on a question's flags taught the matcher (feeds.matching.learning): terms
    that raise or lower an item's score, each with its weight factor, and the words of dismissed and of evidence
    items, so that a near copy of either scores accordingly."""

    raise_terms: Mapping[TermKey, str] = field(default_factory=dict)
    lower_terms: Mapping[TermKey, str] = field(default_factory=dict)
    dismissed: tuple[frozenset[TermKey], ...] = ()
    evidence: tuple[frozenset[TermKey], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.raise_terms or self.lower_terms or self.dismissed or self.evidence)


@dataclass(frozen=True)
class QuestionWatch:
    """A question's watch terms, the window of publication times an item may be flagged in (None: no limit), and
    what its flags' reviews taught."""

    watch: Watch
    not_before: datetime | None = None
    not_after: datetime | None = None
    feedback: Feedback | None = None
    # The question's text and criteria (feeds.matching.semantic.question_text): when set, an item the terms let
    # through is scored by its similarity to them as well as by the terms it meets.
    about: str = ""


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


def one_blas_thread() -> contextlib.AbstractContextManager[object]:
    """Matrix products in one thread inside the block. Matching's are small (an item's candidates by 256 dimensions):
    BLAS threads gain nothing on them, and between products they spin waiting for work, taking the cores a poll's
    parse workers need (at 10,000 questions, about a quarter of the poller's processor time). The results are the
    same to the last bit."""
    import numpy  # noqa: F401  (the limit applies to the BLAS libraries loaded)
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


@functools.lru_cache(maxsize=8192)
def _analyze(text: str) -> Analysis:
    seq, extra = analyze(text)
    return tuple(seq), tuple(extra)


def analyze_item(title: str, summary: str) -> ItemAnalysis:
    """The analysis matching needs of an item. A pure function of the text, so a parse worker computes it beside
    the feed and the poller, which holds the index, is spared it (MatchIndex.match)."""
    return _analyze(title), _analyze(summary)


@dataclass(frozen=True)
class Scoring:
    """How an item's score against a question is made, and the bar it must reach.

    Every 'name:', 'event:' and 'all:' line of a watch weighs as much as its rarest term is rare in general English
    (feeds.matching.background.weight): "Kherson" about 5, "Russia" about 2, "capture" about 2.6, "the" 0. An item
    meeting a line gains its weight, or summary_factor of it when the line's terms appear in the summary only;
    boost terms add boost_factor of theirs. The question's weight is the sum of its top_lines heaviest lines, and an
    item is flagged when its score is at least threshold of that: enough of what the question is about, never one
    common word. The score shown on a flag is that share.
    """

    summary_factor: float = 0.6
    subject_factor: float = 1.5
    name_factor: float = 1.0
    # Line weights are raised to this power, so that rare words count for more than several common ones together.
    power: float = 1.0
    boost_factor: float = 0.35
    learned_factor: float = 0.5
    top_lines: int = 3
    threshold: float = 0.5
    # An item must meet at least this many of the question's lines and boost terms: one name alone, however rare,
    # is not news about what the question asks.
    min_lines: int = 2
    # Whether a context line (a country setting the scene) counts towards min_lines (measured: counting it finds
    # more of what bears on a question and flags no more of what does not).
    context_counts: bool = True
    # A near copy of a dismissed item (this share of its words alike) loses this much of the bar; of an evidence
    # item, gains half as much.
    near_copy: float = 0.6
    near_copy_penalty: float = 0.5
    # For a question with its text (QuestionWatch.about): the score is share_weight x the terms' share plus
    # similarity_weight x the item's similarity to the question's text and criteria (feeds.matching.semantic), for
    # every item that meets at least min_lines of its lines; the bar is the same threshold. Chosen on the dev split
    # of bench/data/matching (bench/matching.py --tune).
    share_weight: float = 0.4
    similarity_weight: float = 1.0


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
    """A question's watch compiled to concept ids (one per line) with their factors."""

    question_id: int
    lines: tuple[tuple[int, float], ...]
    context: tuple[tuple[int, float], ...]
    boosts: tuple[tuple[int, float], ...]
    required: frozenset[int]
    phrases: frozenset[TermKey]
    exclude: frozenset[TermKey]
    not_before: datetime | None
    not_after: datetime | None
    norm: float
    anchors: frozenset[int]
    feedback: Feedback | None
    # The lines that count towards Scoring.min_lines, and how many of them an item must meet.
    counted: frozenset[int]
    needed: int
    # The concepts of its lines, context and boosts with a positive factor, in that order: what a flag on it can
    # show as met (_found).
    shown: tuple[int, ...] = ()
    # The question's row in the index's matrix of question vectors, or -1 when it is matched by its terms alone.
    row: int = -1
    # The question's row in the index's per-question arrays (see MatchIndex._table).
    slot: int = -1


class _Table(NamedTuple):
    """The indexed questions as arrays, one row per slot (an empty slot scores nothing): what scoring many
    candidates at once reads (MatchIndex._candidates_at_once). What every candidate needs (the concepts that count
    towards min_lines, the lines needed, the window) is apart from what only the candidates that pass those checks
    need, so that the first gathers fetch no more than they use."""

    # Per slot, by column (scalars[NORM] is every slot's norm): norm, lines needed (Scoring.min_lines), lines,
    # window start and end (POSIX seconds, -inf and inf when unbounded), and 1 when _passes must look at it
    # (required lines or phrases).
    scalars: Any
    row: Any  # the question's row in the matrix of question vectors, or -1
    taught: Any  # whether near copies of reviewed items move its score
    # Per slot, `width` columns: each occurrence of a concept in its lines, context and boosts, in the order _share
    # adds them up. Padded with concept -1.
    occurring: Any
    width: int
    # Per slot: the distinct concepts that count towards min_lines, padded with concept -1.
    counted: Any
    # Per slot and occurrence: its factor, and what meeting it counts towards the lines met.
    factors: Any


NORM, NEEDED, N_LINES, NOT_BEFORE, NOT_AFTER, CHECKS = range(6)


class _Item:
    """One news item, analysed once and shared by every question scored against it."""

    __slots__ = (
        "_snippets",
        "contrib",
        "found",
        "found_for",
        "present",
        "s_len",
        "s_seq",
        "satisfied",
        "shown",
        "summary",
        "t_len",
        "t_seq",
        "title",
        "titled",
        "vector",
    )

    def __init__(self, title: str, summary: str, analysis: ItemAnalysis | None = None) -> None:
        self.title = title
        self.summary = summary
        self._snippets: _SnippetSource | None = None
        (t_seq, t_extra), (s_seq, s_extra) = analysis or analyze_item(title, summary)
        self.t_seq = list(t_seq + t_extra)
        self.s_seq = list(s_seq + s_extra)
        self.t_len = len(t_seq)
        self.s_len = len(s_seq)
        self.titled: set[TermKey] = set(self.t_seq)
        self.present: set[TermKey] = {*self.t_seq, *self.s_seq}
        self.contrib: dict[int, float] = {}
        self.satisfied: set[int] = set()
        self.shown: dict[int, TermKey] = {}
        self.found: dict[tuple[int, ...], tuple[list[str], str]] = {}
        self.found_for: dict[tuple[int, ...], tuple[list[str], str]] = {}
        self.vector: Any = None

    @property
    def snippets(self) -> _SnippetSource:
        if self._snippets is None:
            self._snippets = _SnippetSource(self.title, self.summary)
        return self._snippets

    def has_phrase(self, key: tuple[str, ...], in_title: bool) -> bool:
        words = self.t_seq[: self.t_len] if in_title else self.s_seq[: self.s_len]
        n = len(key)
        first = key[0]
        return any(w == first and tuple(words[i : i + n]) == key for i, w in enumerate(words))


def _utc(moment: datetime) -> datetime:
    # Feeds and the database hand over naive datetimes that are UTC by convention.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def content_keys(
    title: str, summary: str, analysis: ItemAnalysis | None = None
) -> frozenset[TermKey]:
    """The words of an item that say something (weight 2 or more), for comparing items with each other."""
    (t_seq, t_extra), (s_seq, s_extra) = analysis or analyze_item(title, summary)
    return frozenset(k for k in {*t_seq, *t_extra, *s_seq, *s_extra} if weight(k) >= 2.0)


def _likeness(a: frozenset[TermKey], b: frozenset[TermKey]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class MatchIndex:
    """Inverted index from watch terms to open questions.

    Each distinct line of terms becomes a concept id shared by every question that has it. A question is filed
    under its anchors: the lines without which no item can reach its bar (the lightest lines, together, cannot),
    so an item is scored only against the questions whose anchors it meets, and its cost does not grow with
    questions about other things.
    """

    def __init__(
        self,
        questions: Mapping[int, QuestionWatch] | None = None,
        *,
        scoring: Scoring | None = None,
    ) -> None:
        self.scoring = scoring or Scoring()
        self.stats = MatchStats()
        self._questions: dict[int, _Compiled] = {}
        self._concept_ids: dict[frozenset[TermKey], int] = {}
        self._concept_refs: dict[int, int] = {}
        self._concept_keys: dict[int, frozenset[TermKey]] = {}
        self._concept_weight: dict[int, float] = {}
        self._term_concepts: dict[TermKey, set[int]] = {}
        self._display: dict[TermKey, str] = {}
        # phrase head word -> phrase key -> how many compiled questions use it
        self._phrase_heads: dict[str, dict[tuple[str, ...], int]] = {}
        # anchor concept -> question id -> compiled question
        self._anchors: dict[int, dict[int, _Compiled]] = {}
        self._next_concept = 0
        # One row per question with a text: its unit vector (feeds.matching.semantic), for one matrix product over
        # the questions an item is a candidate for. Rows of removed questions are reused.
        self._vectors: Any = None
        self._free_rows: list[int] = []
        self._rows_used = 0
        # Many candidates of an item are scored all at once, with numpy: every question is one row (its slot) of a
        # table of padded arrays (_Table: its lines' concept ids, factors, ...), built on the first match after
        # questions change, and each anchor concept has the array of its questions' slots.
        # excluded term -> slots of the questions that exclude it
        self._excluded_by: dict[TermKey, set[int]] = {}
        self._slots: list[_Compiled | None] = []
        self._free_slots: list[int] = []
        self._table: _Table | None = None
        self._anchor_slots: dict[int, Any] = {}
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
        s = self.scoring
        lines: list[tuple[int, float]] = []
        required: set[int] = set()
        if watch.subject:
            lines.append((self._concept_for(watch.subject), s.subject_factor))
        for terms in watch.names:
            lines.append((self._concept_for(terms), s.name_factor))
        for terms in (*watch.events, *watch.groups):
            lines.append((self._concept_for(terms), 1.0))
        for terms in watch.groups:
            required.add(self._concept_for(terms, count=False))
        context = [(self._concept_for(terms), s.boost_factor) for terms in watch.context]
        boosts = [(self._concept_for([t]), s.boost_factor) for t in watch.boost]
        feedback = question.feedback or None
        if feedback:
            boosts += [
                (self._concept_for([t]), s.learned_factor) for t in feedback.raise_terms.values()
            ]
            boosts += [
                (self._concept_for([t]), -s.learned_factor) for t in feedback.lower_terms.values()
            ]
        phrases = frozenset(term_key(t) for t in watch.phrases)
        exclude = frozenset(term_key(t) for t in watch.exclude)
        for key in (*phrases, *exclude):
            self._ref_phrase(key, +1)
        weights = sorted((self._concept_weight[c] * f for c, f in lines), reverse=True)
        norm = sum(weights[: s.top_lines]) or 1.0
        anchors = self._anchors_of(lines, [*context, *boosts], required, s.threshold * norm)
        compiled = _Compiled(
            question_id=question_id,
            lines=tuple(lines),
            context=tuple(context),
            boosts=tuple(boosts),
            required=frozenset(required),
            phrases=phrases,
            exclude=exclude,
            not_before=None if question.not_before is None else _utc(question.not_before),
            not_after=None if question.not_after is None else _utc(question.not_after),
            norm=norm,
            anchors=anchors,
            feedback=feedback,
            counted=frozenset(
                [c for c, _ in lines]
                + ([c for c, _ in context] if s.context_counts else [])
                + [c for c, f in boosts if f > 0]
            ),
            needed=min(s.min_lines, len(lines)),
            shown=tuple(cid for cid, f in (*lines, *context, *boosts) if f > 0),
            row=self._vector_row(question.about) if question.about.strip() else -1,
            slot=self._free_slots.pop() if self._free_slots else len(self._slots),
        )
        self._questions[question_id] = compiled
        for cid in anchors:
            self._anchors.setdefault(cid, {})[question_id] = compiled
        self._post(compiled)

    def _post(self, compiled: _Compiled) -> None:
        """Give the question its slot: its row in the table the next match builds (see _table)."""
        slot = compiled.slot
        for key in compiled.exclude:
            self._excluded_by.setdefault(key, set()).add(slot)
        if slot == len(self._slots):
            self._slots.append(compiled)
        else:
            self._slots[slot] = compiled
        self._changed(compiled)

    def _unpost(self, compiled: _Compiled) -> None:
        slot = compiled.slot
        for key in compiled.exclude:
            members = self._excluded_by[key]
            members.discard(slot)
            if not members:
                del self._excluded_by[key]
        self._slots[slot] = None
        self._free_slots.append(slot)
        self._changed(compiled)

    def _changed(self, compiled: _Compiled) -> None:
        self._table = None
        for cid in compiled.anchors:
            self._anchor_slots.pop(cid, None)

    def _occurrences(self, compiled: _Compiled) -> list[tuple[int, float, float]]:
        """Each line, context line and boost of a question in the order _share adds them up: its concept, its
        factor, and what it counts towards the lines met."""
        s = self.scoring
        return [
            *((cid, f, 1.0) for cid, f in compiled.lines),
            *((cid, f, float(s.context_counts)) for cid, f in compiled.context),
            *((cid, f, float(f > 0)) for cid, f in compiled.boosts),
        ]

    def prepare(self) -> None:
        """Build now what matching reads (the per-question table, the anchors' slots), rather than on the first
        match after questions changed: an index built to be kept (feeds.matching.index) pays for it once, up front."""
        self._arrays()
        for cid in self._anchors:
            self._slots_of_anchor(cid)

    def _arrays(self) -> _Table:
        """The per-question table, rebuilt after questions changed."""
        if self._table is None:
            self._table = self._build_table()
        return self._table

    def _build_table(self) -> _Table:
        import numpy as np

        n = len(self._slots)
        scalars = np.zeros((n, 6))
        scalars[:, NORM] = 1.0
        scalars[:, NOT_BEFORE] = -np.inf
        scalars[:, NOT_AFTER] = np.inf
        row = np.full(n, -1, dtype=np.intp)
        taught = np.zeros(n, dtype=bool)
        occurrences: list[list[tuple[int, float, float]]] = []
        counted: list[list[int]] = []
        for slot, c in enumerate(self._slots):
            if c is None:
                occurrences.append([])
                counted.append([])
                continue
            values = scalars[slot]
            values[NORM] = c.norm
            values[NEEDED] = c.needed
            values[N_LINES] = len(c.lines)
            if c.not_before is not None:
                values[NOT_BEFORE] = c.not_before.timestamp()
            if c.not_after is not None:
                values[NOT_AFTER] = c.not_after.timestamp()
            values[CHECKS] = bool(c.required or c.phrases)
            row[slot] = c.row
            taught[slot] = c.feedback is not None and bool(
                c.feedback.dismissed or c.feedback.evidence
            )
            occurrences.append(self._occurrences(c))
            counted.append(sorted(c.counted))
        # Padding is concept -1: the last entry of an item's per-concept arrays, never a concept's own (their ids
        # are below _next_concept), and always 0.
        width = max([1, *map(len, occurrences)])
        c_width = max([1, *map(len, counted)])
        pad = [(-1, 0.0, 0.0)]
        padded = np.array(
            [occ + pad * (width - len(occ)) for occ in occurrences], dtype=np.float64
        ).reshape(n, width, 3)
        return _Table(
            scalars=np.ascontiguousarray(scalars.T),
            row=row,
            taught=taught,
            occurring=padded[:, :, 0].astype(np.intp),
            width=width,
            counted=np.array(
                [c + [-1] * (c_width - len(c)) for c in counted], dtype=np.intp
            ).reshape(n, c_width),
            factors=np.ascontiguousarray(padded[:, :, 1:]),
        )

    def _slots_of_anchor(self, cid: int) -> Any:
        """The slots of the questions anchored on a concept, ascending."""
        slots = self._anchor_slots.get(cid)
        if slots is None:
            import numpy as np

            slots = np.array(sorted(c.slot for c in self._anchors[cid].values()), dtype=np.intp)
            self._anchor_slots[cid] = slots
        return slots

    def _anchors_of(
        self,
        lines: list[tuple[int, float]],
        boosts: list[tuple[int, float]],
        required: set[int],
        bar: float,
    ) -> frozenset[int]:
        """The lines an item must meet at least one of to reach the bar: all but the lightest, which together
        with every boost term cannot reach it. A required line alone is anchor enough."""
        if required:
            return frozenset({max(required, key=lambda c: self._concept_weight[c])})
        reachable = sum(self._concept_weight[c] * f for c, f in boosts if f > 0)
        anchors = set()
        for cid, factor in sorted(lines, key=lambda cf: self._concept_weight[cf[0]] * cf[1]):
            gain = self._concept_weight[cid] * factor
            if reachable + gain < bar:
                reachable += gain
            else:
                anchors.add(cid)
        if (
            not anchors
        ):  # even everything together cannot reach the bar: the heaviest line still files it
            anchors.add(max(lines, key=lambda cf: self._concept_weight[cf[0]])[0])
        return frozenset(anchors)

    def _vector_row(self, about: str) -> int:
        import numpy as np

        from feeds.matching.semantic import question_vector

        vector = question_vector(about)
        if self._free_rows:
            row = self._free_rows.pop()
        else:
            row = self._rows_used
            self._rows_used += 1
            if self._vectors is None or row >= len(self._vectors):
                grown = np.zeros((max(16, 2 * row), len(vector)), dtype=np.float32)
                if self._vectors is not None:
                    grown[: len(self._vectors)] = self._vectors
                self._vectors = grown
        self._vectors[row] = vector
        return row

    def remove(self, question_id: int) -> bool:
        """Drop one question; False if it was not indexed."""
        compiled = self._questions.pop(question_id, None)
        if compiled is None:
            return False
        self._unpost(compiled)
        if compiled.row >= 0:
            self._vectors[compiled.row] = 0.0
            self._free_rows.append(compiled.row)
        for cid in compiled.anchors:
            members = self._anchors[cid]
            del members[question_id]
            if not members:
                del self._anchors[cid]
        for key in (*compiled.phrases, *compiled.exclude):
            self._ref_phrase(key, -1)
        for cid, _ in (*compiled.lines, *compiled.context, *compiled.boosts):
            self._release_concept(cid)
        return True

    def _concept_for(self, terms: Iterable[str], *, count: bool = True) -> int:
        keys: list[TermKey] = []
        weights: list[float] = []
        for term in terms:
            key = term_key(term)
            self._display.setdefault(key, term)
            keys.append(key)
            weights.append(term_weight(term))
        frozen = frozenset(keys)
        cid = self._concept_ids.get(frozen)
        if cid is None:
            cid = self._next_concept
            self._next_concept += 1
            self._concept_ids[frozen] = cid
            self._concept_keys[cid] = frozen
            # The line weighs as its first term, the word the question itself used (a rare alias must not make a
            # common word heavy).
            self._concept_weight[cid] = weights[0] ** self.scoring.power
            self._concept_refs[cid] = 0
            for key in frozen:
                self._term_concepts.setdefault(key, set()).add(cid)
                self._ref_phrase(key, +1)
        if count:
            self._concept_refs[cid] += 1
        return cid

    def _release_concept(self, cid: int) -> None:
        self._concept_refs[cid] -= 1
        if self._concept_refs[cid]:
            return
        keys = self._concept_keys.pop(cid)
        del self._concept_refs[cid]
        del self._concept_weight[cid]
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

    # -- matching ----------------------------------------------------------------------------

    def match(
        self,
        title: str,
        summary: str,
        published: datetime,
        analysis: ItemAnalysis | None = None,
    ) -> list[Match]:
        """Every question this item meets with a score at or above the bar, best first. analysis, when given, is
        analyze_item(title, summary) done elsewhere."""
        return self._match(_Item(title, summary, analysis), _utc(published))

    def match_many(
        self, entries: Iterable[tuple[str, str, datetime, ItemAnalysis | None]]
    ) -> list[list[Match]]:
        """match() for each of many items (title, summary, published, analysis), with the same results: the items
        with many candidates are scored together, a few numpy operations for all of them (a feed's items, in a
        poll), not a few per item."""
        items = [
            (_Item(title, summary, analysis), _utc(published))
            for title, summary, published, analysis in entries
        ]
        mets = [self._met(item) for item, _ in items]
        anchors = self._anchors
        many = [
            n
            for n, met in enumerate(mets)
            if met and sum(len(anchors[cid]) for cid in met) >= VECTOR_MIN
        ]
        # Batches small enough that an array of one entry per (item, concept) stays small.
        step = max(1, BATCH_ENTRIES // (self._next_concept + 1))
        found: dict[int, tuple[Any, Any, Any] | None] = {}
        for lo in range(0, len(many), step):
            part = many[lo : lo + step]
            batch = [(items[n][0], mets[n], items[n][1]) for n in part]
            found.update(zip(part, self._candidates_at_once(batch, near=False), strict=True))
        for n, ((item, when), met) in enumerate(zip(items, mets, strict=True)):
            if met and n not in found:
                found[n] = self._candidates_one_by_one(
                    item, [anchors[cid] for cid in met], when, False
                )
        return self._scored(
            [item for item, _ in items], [found.get(n) for n in range(len(items))], near=False
        )

    def score_all(
        self, title: str, summary: str, published: datetime | None = None
    ) -> list[tuple[Match, bool]]:
        """Every indexed question whose anchors the item meets, with its score and whether that reaches the bar
        (for previews: the near misses too), best first."""
        item = _Item(title, summary)
        return self._match(item, None if published is None else _utc(published), near=True)

    def _match(self, item: _Item, when: datetime | None, *, near: bool = False) -> list[Any]:
        met = self._met(item)
        if not met:
            return []
        # Few candidates are scored one by one; many, all at once (the same sums in the same order, so the same
        # scores to the last bit), where numpy's cost per call is spread over enough of them.
        anchors = self._anchors
        if sum(len(anchors[cid]) for cid in met) < VECTOR_MIN:
            found = self._candidates_one_by_one(item, [anchors[cid] for cid in met], when, near)
        else:
            found = self._candidates_at_once([(item, met, when)], near)[0]
        return self._scored([item], [found], near)[0]

    def _met(self, item: _Item) -> list[int]:
        """The anchor concepts an item meets (none: no question can flag it). Sets item.satisfied."""
        stats = self.stats
        stats.items += 1
        self._add_phrases(item)
        present = item.present
        satisfied: set[int] = set()
        term_concepts = self._term_concepts
        for key in term_concepts.keys() & present:
            satisfied.update(term_concepts[key])
        if not satisfied:
            return []
        item.satisfied = satisfied
        anchors = self._anchors
        met = [cid for cid in satisfied if cid in anchors]
        stats.signatures_checked += len(met)
        return met

    def _scored(
        self, items: Sequence[_Item], founds: Sequence[tuple[Any, Any, Any] | None], near: bool
    ) -> list[list[Any]]:
        """For each item, the matches (for previews, with whether each reaches the bar) among the candidates found
        for it: their scores with the similarity added, best first.

        The candidates of all the items are scored as one array; only the similarity is computed item by item, one
        matrix product over the same rows as for the item alone (a product's last bits depend on its shape), with
        the items embedded together. Every other step works element by element, so an item's scores do not depend
        on the items scored beside it."""
        import numpy as np

        out: list[list[Any]] = [[] for _ in items]
        present = [n for n, found in enumerate(founds) if found is not None]
        if not present:
            return out
        stats = self.stats
        parts = [founds[n] for n in present]
        cand = np.concatenate([p[0] for p in parts if p is not None])
        share = np.concatenate([p[1] for p in parts if p is not None])
        enough = np.concatenate([p[2] for p in parts if p is not None])
        owner = np.repeat(
            np.array(present, dtype=np.intp), [len(p[0]) for p in parts if p is not None]
        )
        stats.questions_scored += len(cand)
        s = self.scoring
        table = self._arrays()
        rows, taught_slots = table.row, table.taught
        below = s.threshold - 0.001
        score = share
        row = rows[cand]
        semantic = row >= 0
        if semantic.any():
            # A question with a text: only items with some share are its candidates; their score adds the
            # similarity, one matrix product per item for all of them, the item embedded once.
            take = ~semantic | (share > 0)
            cand, share, row, semantic, enough, owner = (
                cand[take],
                share[take],
                row[take],
                semantic[take],
                enough[take],
                owner[take],
            )
            score = share.copy()
            if semantic.any():
                similarity = self._similarities(items, owner[semantic], row[semantic])
                combined = s.share_weight * share[semantic] + s.similarity_weight * similarity
                score[semantic] = np.where(enough[semantic], combined, np.minimum(combined, below))
        # Only what could reach the bar (or, for previews, score above 0) is looked at one by one: what rounds up to
        # it, or what a near copy of an evidence item could lift to it.
        bonus = 0.5 * s.near_copy_penalty + 0.001
        if near:
            look = score > -bonus
        else:
            look = score >= s.threshold - 0.001
            taught = taught_slots[cand]
            if taught.any():
                look |= taught & (score >= s.threshold - bonus)
        at = np.flatnonzero(look)
        slots = self._slots
        threshold = s.threshold
        for slot, value, n in zip(
            cand[at].tolist(), score[at].tolist(), owner[at].tolist(), strict=True
        ):
            compiled = slots[slot]
            assert compiled is not None
            item = items[n]
            feedback = compiled.feedback
            if feedback is not None and (feedback.dismissed or feedback.evidence):
                value += self._near_copies(feedback, item)
            value = round(value, 3)
            if value >= threshold:
                match = self._found(compiled, item, value)
                out[n].append((match, True) if near else match)
            elif near and value > 0:
                out[n].append((self._found(compiled, item, value), False))
        for matches in out:
            if near:
                matches.sort(key=lambda mf: (-mf[0].score, mf[0].question_id))
            else:
                stats.flags += len(matches)
                matches.sort(key=lambda m: (-m.score, m.question_id))
        return out

    def _similarities(self, items: Sequence[_Item], owner: Any, row: Any) -> Any:
        """The similarity of each (item owner[k], question vector row[k]), owner ascending: per item, one matrix
        product over its rows in the order given."""
        import numpy as np

        from feeds.matching.semantic import embed, item_text

        bounds = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1], [True])))
        owners = owner[bounds[:-1]].tolist()
        fresh = [n for n in owners if items[n].vector is None]
        if fresh:
            vectors = embed([item_text(items[n].title, items[n].summary) for n in fresh])
            for n, vector in zip(fresh, vectors, strict=True):
                items[n].vector = vector
        vectors = self._vectors
        parts = [
            vectors[row[lo:hi]] @ items[n].vector
            for n, lo, hi in zip(owners, bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)
        ]
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def _passes(self, compiled: _Compiled, item: _Item) -> bool:
        """The checks of a question's watch beyond its lines: required lines, excluded terms, phrases."""
        return not (
            (compiled.required and not compiled.required <= item.satisfied)
            or (compiled.exclude and not compiled.exclude.isdisjoint(item.present))
            or (compiled.phrases and not compiled.phrases <= item.present)
        )

    def _candidates_one_by_one(
        self,
        item: _Item,
        met_anchors: list[dict[int, _Compiled]],
        when: datetime | None,
        near: bool,
    ) -> tuple[Any, Any, Any] | None:
        """The questions whose anchors the item meets and that it passes (window, enough lines unless near, the
        watch's checks): their slots, shares and whether they met enough lines; None if there are none."""
        import numpy as np

        satisfied = item.satisfied
        seen: set[int] = set()
        slots: list[int] = []
        shares: list[float] = []
        enoughs: list[bool] = []
        for members in met_anchors:
            for qid, compiled in members.items():
                if qid in seen:
                    continue
                seen.add(qid)
                if compiled.required and not compiled.required <= satisfied:
                    continue  # the cheapest check first
                enough = len(compiled.counted & satisfied) >= compiled.needed
                if not near and not enough:
                    continue
                if when is not None:
                    if compiled.not_before is not None and when < compiled.not_before:
                        continue
                    if compiled.not_after is not None and when > compiled.not_after:
                        continue
                if not self._passes(compiled, item):
                    continue
                slots.append(compiled.slot)
                shares.append(self._share(compiled, item))
                enoughs.append(enough)
        if not slots:
            return None
        return np.array(slots, dtype=np.intp), np.array(shares), np.array(enoughs, dtype=bool)

    def _candidates_at_once(
        self, batch: Sequence[tuple[_Item, list[int], datetime | None]], near: bool
    ) -> list[tuple[Any, Any, Any] | None]:
        """What _candidates_one_by_one finds, for each (item, anchor concepts met, publication time) of a batch, with
        numpy over the candidates' rows of the table: the same checks, and the same sums of the same products in the
        same order. All the batch's candidates are one array of (item, slot) keys, ascending."""
        import numpy as np

        if not batch:
            return []
        table = self._arrays()
        s = self.scoring
        n_slots = len(self._slots)
        size = (
            self._next_concept + 1
        )  # per item, one entry per concept and a last one for the padding, -1
        parts: list[Any] = []
        owners: list[int] = []
        sat_keys: list[int] = []
        sat_gains: list[float] = []
        vetoed: list[int] = []
        excluded = self._excluded_by
        for n, (item, met, _) in enumerate(batch):
            parts += [self._slots_of_anchor(cid) for cid in met]
            owners += [n] * len(met)
            base = n * size
            for cid in item.satisfied:
                sat_keys.append(base + cid)
                sat_gains.append(self._gain(cid, item))
            if excluded:
                vetoed += [
                    n * n_slots + slot
                    for key in excluded.keys() & item.present
                    for slot in excluded[key]
                ]
        keys = np.concatenate(parts)
        keys += np.repeat(np.array(owners, dtype=np.intp) * n_slots, [len(p) for p in parts])
        keys.sort()
        # np.unique without its checks: numpy's calls cost more than their data here.
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        owner = keys // n_slots
        cand = keys - owner * n_slots
        # Whether each candidate's item meets each concept of its row, and its gain: looked up by (item, concept) in
        # one flat array per batch (the padding, -1, falls on an entry no concept has, which stays 0).
        sat = np.zeros(len(batch) * size, dtype=bool)
        sat[sat_keys] = True
        gains = np.zeros(len(batch) * size)
        gains[sat_keys] = sat_gains
        scalars = table.scalars
        offset = (owner * size)[:, None]
        enough = sat[table.counted[cand] + offset].sum(axis=1) >= scalars[NEEDED][cand]
        keep = np.ones(len(cand), dtype=bool) if near else enough.copy()
        moments = [when.timestamp() if when is not None else np.nan for _, _, when in batch]
        if any(when is not None for _, _, when in batch):
            moment = np.array(moments)[owner]
            inside = (scalars[NOT_BEFORE][cand] <= moment) & (moment <= scalars[NOT_AFTER][cand])
            keep &= inside | np.isnan(moment)
        if vetoed:
            keep &= ~np.isin(keys, vetoed)
        for n in np.flatnonzero(keep & (scalars[CHECKS][cand] > 0)).tolist():
            compiled = self._slots[int(cand[n])]
            assert compiled is not None
            keep[n] = self._passes(compiled, batch[int(owner[n])][0])
        if not keep.all():
            cand, owner, enough, offset = cand[keep], owner[keep], enough[keep], offset[keep]
        # The lines of the candidates that passed.
        wanted = table.occurring[cand] + offset
        met_at = sat[wanted]
        factors = table.factors[cand]
        # _share's running sum, column by column (an accumulation adds left to right, as its loop does).
        total = np.cumsum(gains[wanted] * factors[:, :, 0], axis=1)[:, -1]
        share = total / scalars[NORM][cand]
        lines_met = (met_at * factors[:, :, 1]).sum(axis=1)
        few = (lines_met < s.min_lines) & (lines_met < scalars[N_LINES][cand])
        share = np.where(few, np.minimum(share, s.threshold - 0.001), share)
        bounds = np.searchsorted(owner, np.arange(len(batch) + 1)).tolist()
        return [
            (cand[lo:hi], share[lo:hi], enough[lo:hi]) if hi > lo else None
            for lo, hi in pairwise(bounds)
        ]

    def _gain(self, cid: int, item: _Item) -> float:
        """What meeting a line gives an item (its weight, less when only in the summary); computed for the lines
        of the questions scored only, and remembered for the other questions that share the line."""
        gain = item.contrib.get(cid)
        if gain is None:
            titled = not item.titled.isdisjoint(self._concept_keys[cid])
            gain = self._concept_weight[cid] * (1.0 if titled else self.scoring.summary_factor)
            item.contrib[cid] = gain
        return gain

    def _share(self, compiled: _Compiled, item: _Item) -> float:
        satisfied = item.satisfied
        score = 0.0
        met = 0
        for cid, factor in compiled.lines:
            if cid in satisfied:
                score += self._gain(cid, item) * factor
                met += 1
        for cid, factor in compiled.context:
            if cid in satisfied:
                score += self._gain(cid, item) * factor
                met += self.scoring.context_counts
        for cid, factor in compiled.boosts:
            if cid in satisfied:
                score += self._gain(cid, item) * factor
                met += factor > 0
        share = score / compiled.norm
        if met < self.scoring.min_lines and met < len(compiled.lines):
            # Too few lines met: scored, for previews, but kept below the bar.
            share = min(share, self.scoring.threshold - 0.001)
        return share

    def _near_copies(self, feedback: Feedback, item: _Item) -> float:
        words = frozenset(k for k in item.present if weight(k) >= 2.0)
        s = self.scoring
        if any(_likeness(words, d) >= s.near_copy for d in feedback.dismissed):
            return -s.near_copy_penalty
        if any(_likeness(words, e) >= s.near_copy for e in feedback.evidence):
            return s.near_copy_penalty / 2
        return 0.0

    def _found(self, compiled: _Compiled, item: _Item, share: float) -> Match:
        # Questions that share lines are flagged on the same items with the same lines met: their terms and
        # snippet are made once per item, and looked up by the question's shown lines before the lines met are
        # worked out (questions made from one template share them: thousands of flags, a few hundred distinct).
        shown = item.found_for.get(compiled.shown)
        if shown is None:
            met = tuple(filter(item.satisfied.__contains__, compiled.shown))
            shown = item.found.get(met)
            if shown is None:
                matched = [self._shown(cid, item) for cid in met]
                terms = [self._display[k] for k in dict.fromkeys(matched)]
                shown = item.found[met] = (terms, item.snippets.cut(matched))
            item.found_for[compiled.shown] = shown
        return Match(compiled.question_id, share, list(shown[0]), shown[1])

    def _shown(self, cid: int, item: _Item) -> TermKey:
        """The term a met line is shown by: one in the title if any, the rarest; remembered per item, since the
        questions that share a line are flagged on the same items."""
        shown = item.shown.get(cid)
        if shown is None:
            keys = [k for k in self._concept_keys[cid] if k in item.present]
            shown = item.shown[cid] = max(keys, key=lambda k: (k in item.titled, weight(k)))
        return shown

    def _add_phrases(self, item: _Item) -> None:
        heads = self._phrase_heads
        if not heads:
            return
        present = item.present
        for head in heads.keys() & present:  # a set operation in C; heads are words, never phrases
            for phrase in heads[head]:
                if all(w in present for w in phrase):
                    if item.has_phrase(phrase, True):
                        present.add(phrase)
                        item.titled.add(phrase)
                    elif item.has_phrase(phrase, False):
                        present.add(phrase)


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
