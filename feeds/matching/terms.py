"""Watch terms of questions: the Watch model and text form, tokenising, alias table, proposal."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

# A term key is one stemmed word, or a tuple of stemmed words that must appear consecutively.
TermKey = str | tuple[str, ...]

MAX_GROUPS = 6
MAX_TERMS_PER_LIST = 40
MAX_TERM_CHARS = 80
WATCH_FORMAT_VERSION = 2

# --------------------------------------------------------------------------------------------
# Tokenising

# Capitalised "US"/"U.S." is the country; lower-case "us" is a pronoun, so the country is
# rewritten before case folding would make the two indistinguishable.
_US_RE = re.compile(r"\bU\.S\.(?:A\.)?|\bU\.S\b|\bUSA?\b")
# Numbers keep their thousands separators here ("160,000") and lose them in _word_parts.
_WORD_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])|[a-z0-9]+(?:['\-][a-z0-9]+)*")
# Typographic punctuation mapped to ASCII before everything else non-ASCII is dropped; dashes
# and ellipses become spaces so the words beside them stay apart.
_PUNCTUATION = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": " ",
        "\u2013": " ",
        "\u2014": " ",
        "\u2015": " ",
        "\u2026": " ",
        "\u00a0": " ",
        "\u201c": '"',
        "\u201d": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)

# Words whose plural-looking ending is not a plural, or that plain suffix rules would mangle.
_STEM_EXCEPTIONS: dict[str, str] = {
    "news": "news",
    "always": "always",
    "series": "series",
    "species": "species",
    "perhaps": "perhaps",
    "towards": "toward",
    "during": "during",
    "thing": "thing",
    "things": "thing",
    "nothing": "nothing",
    "something": "something",
    "anything": "anything",
    "everything": "everything",
    "bring": "bring",
    "spring": "spring",
    "king": "king",
    "kings": "king",
    "evening": "evening",
    "morning": "morning",
    "ceiling": "ceiling",
    "red": "red",
    "bed": "bed",
    "led": "lead",
    "speed": "speed",
    "need": "need",
    "needs": "need",
    "needed": "need",
    "feed": "feed",
    "feeds": "feed",
    "hundred": "hundred",
    "hundreds": "hundred",
    "sacred": "sacred",
    "kursk": "kursk",
    "paris": "paris",
    "texas": "texas",
    "hamas": "hamas",
    "isis": "isis",
    "crisis": "crisis",
    "analysis": "analysis",
    "basis": "basis",
}
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Reduce an already folded word to a light stem so inflections meet (plural, -ed, -ing,
    -ation, British -ise). Both sides of a match go through it, so consistency matters more
    than linguistic accuracy."""
    if len(word) <= 3 or not word.isalpha():
        return word
    exception = _STEM_EXCEPTIONS.get(word)
    if exception is not None:
        return exception
    w = word
    # Plurals and third person.
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("es") and w[:-2].endswith(("s", "x", "z", "ch", "sh")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    # Nominalisations meet their verbs: mobilisation/mobilise, negotiation/negotiate.
    if w.endswith(("ization", "isation")) and len(w) >= 9:
        w = w[:-5]
    elif w.endswith("ation") and len(w) >= 8:
        w = w[:-3]
    elif w.endswith("eed") and len(w) > 4:
        w = w[:-1]
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) >= 5 and _VOWELS.intersection(w[:-2]):
        w = _undouble(w[:-2])
    elif w.endswith("ing") and len(w) >= 6 and _VOWELS.intersection(w[:-3]):
        w = _undouble(w[:-3])
    # British and American spellings meet: mobilis- -> mobiliz-.
    if w.endswith("is") and len(w) >= 6:
        w = w[:-1] + "z"
    elif w.endswith("ise") and len(w) >= 7:
        w = w[:-2] + "z"
    if w.endswith("e") and len(w) >= 4:
        w = w[:-1]
    if w.endswith("y") and len(w) >= 4 and w[-2] not in _VOWELS:
        w = w[:-1] + "i"
    return w


def _undouble(w: str) -> str:
    if len(w) >= 3 and w[-1] == w[-2] and w[-1] not in "lsz" and w[-1] not in _VOWELS:
        return w[:-1]
    return w


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _ascii_char(ch: str) -> str:
    mapped = ch.translate(_PUNCTUATION)
    if mapped != ch:
        return mapped
    # Decomposing keeps the base letter of "é" or "ü"; what has no ASCII form (Cyrillic,
    # symbols) is dropped, which the ASCII word pattern would skip anyway.
    return unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")


def _to_ascii(text: str) -> str:
    return _NON_ASCII_RE.sub(lambda m: _ascii_char(m.group()), text)


def fold(text: str) -> str:
    """Case-fold, strip diacritics and unify apostrophes and hyphens."""
    if "US" in text or "U.S" in text:
        text = _US_RE.sub("USA", text)
    if not text.isascii():
        text = _to_ascii(text)
    return text.casefold()


def _word_parts(raw: str) -> tuple[list[str], str | None]:
    """Split one regex word into its stemmed parts and, for a hyphenated word, the stem of the
    joined form (so "cease-fire" also meets "ceasefire")."""
    if "," in raw:
        return [raw.replace(",", "")], None
    if "'" in raw:
        pieces = []
        for piece in raw.split("-"):
            if piece.endswith("'s"):
                piece = piece[:-2]
            pieces.append(piece.replace("'", ""))
        raw = "-".join(p for p in pieces if p)
        if not raw:
            return [], None
    if "-" not in raw:
        return [stem(raw)], None
    parts = [p for p in raw.split("-") if p]
    return [stem(p) for p in parts], stem("".join(parts))


def analyze(text: str) -> tuple[list[str], list[str]]:
    """Return (sequence, extra): the stemmed words in order, and the joined forms of hyphenated
    words, which count as terms but take no place in the sequence used for phrases."""
    seq: list[str] = []
    extra: list[str] = []
    for raw in _WORD_RE.findall(fold(text)):
        if raw.isalnum():
            seq.append(stem(raw))
            continue
        parts, joined = _word_parts(raw)
        seq.extend(parts)
        if joined is not None:
            extra.append(joined)
    return seq, extra


@lru_cache(maxsize=1 << 16)
def word_terms(word: str) -> frozenset[str]:
    """The terms one word of running text yields (its stemmed parts and joined form)."""
    seq, extra = analyze(word)
    return frozenset(seq + extra)


def tokens(text: str) -> list[str]:
    """The stemmed words of a text, in order (hyphenated words as their parts)."""
    return analyze(text)[0]


@lru_cache(maxsize=1 << 16)
def term_key(term: str) -> TermKey:
    """The key a watch term matches on: one stem, or a tuple of stems for a multi-word term.
    A single hyphenated word ("cease-fire") keys on its joined form."""
    words = _WORD_RE.findall(fold(term))
    if len(words) == 1:
        parts, joined = _word_parts(words[0])
        if joined is not None:
            return joined
        if len(parts) == 1:
            return parts[0]
        if not parts:
            return ()
        return tuple(parts)
    seq: list[str] = []
    for raw in words:
        seq.extend(_word_parts(raw)[0])
    if len(seq) == 1:
        return seq[0]
    return tuple(seq)


# --------------------------------------------------------------------------------------------
# The Watch model

# The sections of the text form, in the order they are written, and the names they may be given.
SECTIONS = ("subject", "name", "event", "context", "all", "boost", "phrase", "exclude")
_SECTION_ALIASES = {
    "context": "context",
    "subject": "subject",
    "name": "name",
    "names": "name",
    "event": "event",
    "events": "event",
    "all": "all",
    "group": "all",
    "require": "all",
    "boost": "boost",
    "phrase": "phrase",
    "phrases": "phrase",
    "exclude": "exclude",
    "not": "exclude",
}


def _clean_term(term: object, where: str) -> str:
    if not isinstance(term, str):
        raise ValueError(f"{where}: a term must be text, got {type(term).__name__}")
    cleaned = " ".join(term.split())
    if not cleaned:
        raise ValueError(f"{where}: empty term")
    if "|" in cleaned or ":" in cleaned:
        raise ValueError(f"{where}: term {cleaned!r} may not contain '|' or ':'")
    if len(cleaned) > MAX_TERM_CHARS:
        raise ValueError(f"{where}: term {cleaned[:20]!r}... is longer than {MAX_TERM_CHARS}")
    if term_key(cleaned) in ("", ()):
        raise ValueError(f"{where}: term {cleaned!r} has no letters or digits to match on")
    return cleaned


def _clean_list(terms: object, where: str) -> list[str]:
    if not isinstance(terms, list | tuple):
        raise ValueError(f"{where}: expected a list of terms")
    out: list[str] = []
    seen: set[TermKey] = set()
    for term in terms:
        cleaned = _clean_term(term, where)
        key = term_key(cleaned)
        if key not in seen:
            seen.add(key)
            out.append(cleaned)
    if len(out) > MAX_TERMS_PER_LIST:
        raise ValueError(f"{where}: more than {MAX_TERMS_PER_LIST} terms")
    return out


def _clean_lines(lines: object, where: str) -> list[list[str]]:
    if not isinstance(lines, list | tuple):
        raise ValueError(f"{where}: expected a list of lists of terms")
    if len(lines) > MAX_GROUPS:
        raise ValueError(f"a watch may have at most {MAX_GROUPS} {where} lines, got {len(lines)}")
    out = [_clean_list(line, f"{where} {i}") for i, line in enumerate(lines, 1)]
    for i, line in enumerate(out, 1):
        if not line:
            raise ValueError(f"{where} {i} is empty: give at least one term")
    return out


@dataclass
class Watch:
    """What the feed matcher looks for on behalf of one question.

    subject: what the question is about above all, one line of the ways news names it; it weighs double.
    names: the people, places and organisations the question is about, one line per entity, each line the ways
    news names it ("Sergei Shoigu | Shoigu"); events: what the question asks happens, one line per idea ("sink |
    sank"); context: lines that set the scene (the countries of a question about a city, "after the Wagner revolt")
    and add a little, like boost terms, each line once. An item is scored by the lines it meets, each weighing as much as its rarest term is rare in general
    English (feeds.matching.background), and flagged when it meets enough of the question's weight (see
    feeds.matching.matcher.Scoring). No single line is required. groups ('all:') are lines that must be met;
    boost: optional terms that add a little; phrases: words that must all appear in order; exclude: terms that
    veto a match. Terms are cleaned (spaces collapsed, duplicates within a line dropped) and checked on
    construction; ValueError says what is wrong.
    """

    subject: list[str] = field(default_factory=list)
    names: list[list[str]] = field(default_factory=list)
    events: list[list[str]] = field(default_factory=list)
    groups: list[list[str]] = field(default_factory=list)
    context: list[list[str]] = field(default_factory=list)
    boost: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.subject = _clean_list(self.subject, "subject")
        self.names = _clean_lines(self.names, "name")
        self.events = _clean_lines(self.events, "event")
        self.groups = _clean_lines(self.groups, "group")
        self.context = _clean_lines(self.context, "context")
        if not (self.subject or self.names or self.events or self.groups):
            raise ValueError(
                "a watch needs at least one 'subject:', 'name:', 'event:' or 'all:' line of terms to look for"
            )
        self.boost = _clean_list(self.boost, "boost")
        self.phrases = _clean_list(self.phrases, "phrase")
        self.exclude = _clean_list(self.exclude, "exclude")
        required = {term_key(t): t for g in self.groups for t in g}
        required.update((term_key(t), t) for t in self.phrases)
        for t in self.exclude:
            if term_key(t) in required:
                raise ValueError(
                    f"exclude: {t!r} is also required ({required[term_key(t)]!r}); "
                    "a watch cannot both require and exclude a term"
                )

    def lines(self) -> list[tuple[str, list[str]]]:
        """(section, terms) in the order of the text form; boost and exclude as one line each."""
        out: list[tuple[str, list[str]]] = [("subject", list(self.subject))] if self.subject else []
        out.extend(("name", list(n)) for n in self.names)
        out.extend(("event", list(e)) for e in self.events)
        out.extend(("context", list(c)) for c in self.context)
        out.extend(("all", list(g)) for g in self.groups)
        if self.boost:
            out.append(("boost", list(self.boost)))
        out.extend(("phrase", [p]) for p in self.phrases)
        if self.exclude:
            out.append(("exclude", list(self.exclude)))
        return out

    def to_dict(self) -> dict[str, Any]:
        """Plain data with a version, for storage as JSON."""
        return {
            "version": WATCH_FORMAT_VERSION,
            "subject": list(self.subject),
            "names": [list(n) for n in self.names],
            "events": [list(e) for e in self.events],
            "groups": [list(g) for g in self.groups],
            "context": [list(c) for c in self.context],
            "boost": list(self.boost),
            "phrases": list(self.phrases),
            "exclude": list(self.exclude),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Watch:
        """Reads to_dict() back; version 1 (required groups and boost terms only) reads as it was meant."""
        if not isinstance(data, Mapping):
            raise ValueError("stored watch terms are not an object")
        version = data.get("version", WATCH_FORMAT_VERSION)
        if version not in (1, WATCH_FORMAT_VERSION):
            raise ValueError(f"stored watch terms have unknown format version {version!r}")
        keys = {
            "version",
            "subject",
            "names",
            "events",
            "groups",
            "context",
            "boost",
            "phrases",
            "exclude",
        }
        unknown = set(data) - keys
        if unknown:
            raise ValueError(f"stored watch terms have unknown keys: {', '.join(sorted(unknown))}")
        lines: dict[str, list[Any]] = {}
        for name in ("names", "events", "groups", "context"):
            value = data.get(name, [])
            if not isinstance(value, list):
                raise ValueError(f"stored watch terms: {name!r} must be a list of lists")
            lines[name] = [list(v) if isinstance(v, list) else v for v in value]
        return cls(
            subject=data.get("subject", []),
            names=lines["names"],
            events=lines["events"],
            groups=lines["groups"],
            context=lines["context"],
            boost=data.get("boost", []),
            phrases=data.get("phrases", []),
            exclude=data.get("exclude", []),
        )


def format_watch(watch: Watch) -> str:
    """The hand-editable text form: 'name:', 'event:' and 'all:' lines, then boost, phrase, exclude."""
    return "".join(f"{section}: {' | '.join(terms)}\n" for section, terms in watch.lines())


def parse_watch_text(text: str) -> Watch:
    """Read the text form back. Blank lines and '#' comments are ignored; 'boost', 'phrase' and
    'exclude' lines may repeat. Errors name the line: 'line 3: ...'."""
    lines: dict[str, list[list[str]]] = {
        "subject": [],
        "name": [],
        "event": [],
        "context": [],
        "all": [],
    }
    lists: dict[str, list[str]] = {"boost": [], "phrase": [], "exclude": []}
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        name, sep, rest = stripped.partition(":")
        section = _SECTION_ALIASES.get(name.strip().casefold())
        if not sep or section is None:
            raise ValueError(
                f"line {lineno}: expected 'subject:', 'name:', 'event:', 'context:', 'all:', 'boost:', "
                f"'phrase:' or 'exclude:' followed by terms separated by '|', got {stripped[:40]!r}"
            )
        terms = [t.strip() for t in rest.split("|")]
        if any(not t for t in terms):
            raise ValueError(f"line {lineno}: empty term (check for a stray '|')")
        for t in terms:
            if ":" in t:
                raise ValueError(f"line {lineno}: term {t!r} may not contain ':'")
        if section in lines:
            lines[section].append(terms)
        else:
            lists[section].extend(terms)
    if not (lines["subject"] or lines["name"] or lines["event"] or lines["all"]):
        raise ValueError(
            "no 'subject:', 'name:', 'event:' or 'all:' line: a watch needs at least one line of terms "
            "to look for"
        )
    if len(lines["subject"]) > 1:
        raise ValueError(
            "a watch has one 'subject:' line; make the others 'name:' or 'event:' lines"
        )
    return Watch(
        subject=lines["subject"][0] if lines["subject"] else [],
        names=lines["name"],
        events=lines["event"],
        groups=lines["all"],
        context=lines["context"],
        boost=lists["boost"],
        phrases=lists["phrase"],
        exclude=lists["exclude"],
    )


# --------------------------------------------------------------------------------------------
# The alias table

ConceptKind = Literal["actor", "person", "place", "topic", "broad"]


@dataclass(frozen=True)
class Concept:
    """A recurring entity or event and the words news uses for it.

    kind: actor (a state; broad, merged into one "who" group), person (stands for its actor
    unless nothing more specific is asked), place (specific and implies the war theatre, so no
    actor group is needed), topic (specific), broad (too common to require; boost only).
    share: rough fraction of items in a Russia/Ukraine news stream that mention it; it ranks
    concepts by specificity and gives a prior document frequency before real statistics exist.
    """

    name: str
    kind: ConceptKind
    aliases: tuple[str, ...]
    share: float
    actor: str | None = None
    exclude: tuple[str, ...] = ()


ALIAS_TABLE: tuple[Concept, ...] = (
    Concept(
        "russia",
        "actor",
        ("russia", "russian", "russians", "kremlin", "moscow", "putin"),
        0.35,
        # Moscow, Idaho (the 2022 murders) and the cocktail are not the Kremlin.
        exclude=("idaho", "kohberger", "moscow mule"),
    ),
    Concept(
        "ukraine",
        "actor",
        ("ukraine", "ukrainian", "ukrainians", "kyiv", "kiev", "zelensky", "zelenskyy"),
        0.3,
    ),
    Concept(
        "united states",
        "actor",
        ("united states", "US", "washington", "white house", "trump", "biden", "american"),
        0.15,
    ),
    Concept("europe", "actor", ("european union", "EU", "brussels"), 0.05),
    Concept("china", "actor", ("china", "chinese", "beijing", "xi jinping"), 0.06),
    Concept("belarus", "actor", ("belarus", "belarusian", "lukashenko", "minsk"), 0.02),
    Concept("putin", "person", ("putin", "vladimir putin"), 0.12, actor="russia"),
    Concept("zelensky", "person", ("zelensky", "zelenskyy", "zelenskiy"), 0.06, actor="ukraine"),
    Concept("trump", "person", ("trump", "donald trump"), 0.08, actor="united states"),
    Concept("nato", "actor", ("nato", "north atlantic treaty organization"), 0.04),
    Concept(
        "ceasefire",
        "topic",
        ("ceasefire", "cease-fire", "truce", "armistice", "cessation of hostilities"),
        0.02,
        # Gaza, Lebanon and Sudan ceasefires dominate the word in general news.
        exclude=("gaza", "hamas", "hezbollah", "sudan"),
    ),
    Concept(
        "peace talks",
        "topic",
        (
            "peace talks",
            "peace deal",
            "peace agreement",
            "peace plan",
            "peace process",
            "peace negotiations",
            "peace summit",
            "negotiation",
            "negotiate",
            "negotiator",
            "mediation",
        ),
        0.05,
    ),
    Concept(
        "mobilisation",
        "topic",
        (
            "mobilisation",
            "mobilise",
            "conscription",
            "conscript",
            "call-up",
            "reservist",
            "military draft",
            "draft age",
            "draft dodger",
            "enlistment",
        ),
        0.01,
    ),
    Concept(
        "mutiny",
        "topic",
        (
            "mutiny",
            "revolt",
            "rebellion",
            "coup",
            "uprising",
            "insurrection",
            "putsch",
            "armed rebellion",
        ),
        0.01,
        # Coups by juntas abroad (Myanmar, the Sahel) share the vocabulary.
        exclude=("junta",),
    ),
    Concept("wagner", "place", ("wagner", "wagner group", "prigozhin"), 0.01),
    Concept(
        "nuclear",
        "topic",
        ("nuclear", "nuke", "atomic", "warhead", "nuclear weapon", "tactical nuclear"),
        0.03,
        # Power plants and Iran's programme are most of "nuclear" in the news, not weapons threats.
        exclude=(
            "nuclear plant",
            "nuclear power",
            "power plant",
            "chernobyl",
            "iaea",
            "iran",
            "iranian",
        ),
    ),
    Concept(
        "sanctions",
        "topic",
        (
            "sanction",
            "embargo",
            "price cap",
            "export controls",
            "asset freeze",
            "frozen assets",
            "sanctions relief",
        ),
        0.04,
    ),
    Concept("kursk", "place", ("kursk", "sudzha"), 0.005),
    Concept(
        "crimea",
        "place",
        ("crimea", "crimean", "sevastopol", "kerch", "crimean bridge"),
        0.01,
        exclude=("crimean war", "crimean-congo"),
    ),
    Concept(
        "donbas",
        "place",
        ("donbas", "donbass", "donetsk", "luhansk", "lugansk"),
        0.02,
        exclude=("shakhtar donetsk",),
    ),
    Concept("zaporizhzhia", "place", ("zaporizhzhia", "zaporozhye", "enerhodar"), 0.005),
    Concept("kherson", "place", ("kherson",), 0.005),
    Concept("kharkiv", "place", ("kharkiv", "kharkov"), 0.005),
    Concept("bakhmut", "place", ("bakhmut", "soledar"), 0.005),
    Concept("black sea", "topic", ("black sea", "grain deal", "grain corridor", "odesa"), 0.01),
    Concept(
        "economy",
        "topic",
        (
            "economy",
            "economic",
            "recession",
            "inflation",
            "ruble",
            "rouble",
            "gdp",
            "central bank",
            "interest rate",
            "key rate",
            "budget deficit",
            "war economy",
        ),
        0.04,
    ),
    Concept("oil and gas", "topic", ("oil", "gas", "gazprom", "rosneft", "lng", "pipeline"), 0.04),
    Concept(
        "veterans",
        "topic",
        ("veteran", "ex-serviceman", "returning soldiers", "former soldiers"),
        0.005,
    ),
    Concept(
        "nationalists",
        "topic",
        ("nationalist", "ultranationalist", "milblogger", "military blogger", "hardliner"),
        0.005,
    ),
    Concept(
        "security guarantees",
        "topic",
        ("security guarantee", "peacekeeper", "peacekeeping", "reassurance force"),
        0.005,
    ),
    Concept(
        "annexation",
        "topic",
        ("annexation", "annex", "annexed", "referendum", "occupied territories"),
        0.01,
    ),
    Concept(
        "prisoner exchange",
        "topic",
        ("prisoner exchange", "prisoner swap", "prisoners of war", "pow", "pows"),
        0.005,
    ),
    Concept("election", "topic", ("election", "elections", "vote", "ballot"), 0.03),
    Concept(
        "war",
        "broad",
        ("war", "invasion", "conflict", "fighting", "offensive", "front line", "military"),
        0.3,
    ),
)

CONCEPTS: dict[str, Concept] = {c.name: c for c in ALIAS_TABLE}


def propose_watch(question_text: str, criteria: str = "") -> Watch:
    """Watch terms proposed from a question's wording and, when given, its resolution criteria (see
    feeds.matching.proposal, which is imported on first use)."""
    from feeds.matching.proposal import propose

    return propose(question_text, criteria)


def concept_terms(names: Iterable[str]) -> list[str]:
    """All aliases of the named concepts, for building watches by hand or in tests."""
    out: list[str] = []
    for name in names:
        out.extend(a for a in CONCEPTS[name].aliases if a not in out)
    return out
