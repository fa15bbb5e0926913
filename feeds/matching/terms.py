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
WATCH_FORMAT_VERSION = 1

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

_SECTION_ALIASES = {
    "all": "all",
    "group": "all",
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


@dataclass
class Watch:
    """What the feed matcher looks for on behalf of one question.

    groups: every group must be met by at least one of its terms (AND of ORs);
    boost: optional terms that raise the score; phrases: multi-word terms that must all appear
    word for word; exclude: terms that veto a match. Terms are cleaned (spaces collapsed,
    duplicates within a list dropped) and checked on construction; ValueError says what is wrong.
    """

    groups: list[list[str]]
    boost: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not isinstance(self.groups, list | tuple) or not self.groups:
            raise ValueError("a watch needs at least one group of terms that must appear ('all:')")
        if len(self.groups) > MAX_GROUPS:
            raise ValueError(
                f"a watch may have at most {MAX_GROUPS} groups, got {len(self.groups)}"
            )
        groups = [_clean_list(g, f"group {i}") for i, g in enumerate(self.groups, 1)]
        for i, g in enumerate(groups, 1):
            if not g:
                raise ValueError(f"group {i} is empty: give at least one term")
        self.groups = groups
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

    def to_dict(self) -> dict[str, Any]:
        """Plain data with a version, for storage as JSON."""
        return {
            "version": WATCH_FORMAT_VERSION,
            "groups": [list(g) for g in self.groups],
            "boost": list(self.boost),
            "phrases": list(self.phrases),
            "exclude": list(self.exclude),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Watch:
        if not isinstance(data, Mapping):
            raise ValueError("stored watch terms are not an object")
        version = data.get("version", WATCH_FORMAT_VERSION)
        if version != WATCH_FORMAT_VERSION:
            raise ValueError(f"stored watch terms have unknown format version {version!r}")
        unknown = set(data) - {"version", "groups", "boost", "phrases", "exclude"}
        if unknown:
            raise ValueError(f"stored watch terms have unknown keys: {', '.join(sorted(unknown))}")
        groups = data.get("groups")
        if not isinstance(groups, list):
            raise ValueError("stored watch terms: 'groups' must be a list of lists")
        return cls(
            groups=[list(g) if isinstance(g, list) else g for g in groups],
            boost=data.get("boost", []),
            phrases=data.get("phrases", []),
            exclude=data.get("exclude", []),
        )


def format_watch(watch: Watch) -> str:
    """The hand-editable text form: one 'all:' line per group, then boost, phrase, exclude."""
    lines = [f"all: {' | '.join(g)}" for g in watch.groups]
    if watch.boost:
        lines.append(f"boost: {' | '.join(watch.boost)}")
    lines.extend(f"phrase: {p}" for p in watch.phrases)
    if watch.exclude:
        lines.append(f"exclude: {' | '.join(watch.exclude)}")
    return "\n".join(lines) + "\n"


def parse_watch_text(text: str) -> Watch:
    """Read the text form back. Blank lines and '#' comments are ignored; 'boost', 'phrase' and
    'exclude' lines may repeat. Errors name the line: 'line 3: ...'."""
    groups: list[list[str]] = []
    lists: dict[str, list[str]] = {"boost": [], "phrase": [], "exclude": []}
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        name, sep, rest = stripped.partition(":")
        section = _SECTION_ALIASES.get(name.strip().casefold())
        if not sep or section is None:
            raise ValueError(
                f"line {lineno}: expected 'all:', 'boost:', 'phrase:' or 'exclude:' "
                f"followed by terms separated by '|', got {stripped[:40]!r}"
            )
        terms = [t.strip() for t in rest.split("|")]
        if any(not t for t in terms):
            raise ValueError(f"line {lineno}: empty term (check for a stray '|')")
        for t in terms:
            if ":" in t:
                raise ValueError(f"line {lineno}: term {t!r} may not contain ':'")
        if section == "all":
            groups.append(terms)
        else:
            lists[section].extend(terms)
    if not groups:
        raise ValueError(
            "no 'all:' line: a watch needs at least one group of terms that must appear"
        )
    return Watch(
        groups=groups, boost=lists["boost"], phrases=lists["phrase"], exclude=lists["exclude"]
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

_DEFAULT_SHARE = 0.02


def _build_prior() -> dict[TermKey, float]:
    prior: dict[TermKey, float] = {}
    for concept in ALIAS_TABLE:
        for alias in concept.aliases:
            key = term_key(alias)
            prior[key] = max(prior.get(key, 0.0), concept.share)
    return prior


# A guess at how often each alias appears in the news, used until real statistics exist.
PRIOR_SHARE: dict[TermKey, float] = _build_prior()


def prior_share(key: TermKey) -> float:
    """Estimated share of news items containing a term, before any statistics are seen."""
    share = PRIOR_SHARE.get(key)
    if share is not None:
        return share
    if key in _COMMON_KEYS:
        return 0.1
    return _DEFAULT_SHARE


# --------------------------------------------------------------------------------------------
# Proposal

_STOPWORD_TEXT = """
    a an the and or but nor of to in on at by for from with without within into onto over
    under about above below between among against through during before after until till since
    as than then that this these those there here it its it's itself they them their theirs he
    him his she her hers we us our you your i me my mine who whom whose which what when where why
    how whether if not no yes be is are was were been being am do does did done doing have has
    had having can could shall should will would may might must ought so such very too also only
    just even still yet ever any all some each every either neither both few many much more most
    other others own same least less fewer several per via upon off out up down again once
    one two three four five six seven eight nine ten first second third last next"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# Question scaffolding and weak verbs: they say how a question is asked, not what it is about.
_GENERIC_TEXT = """
    agree agrees agreed accept accepts accepted announce announces announced announcement take
    takes taken place happen happens occur occurs remain remains become becomes make makes hold
    holds held reach reaches sign signs signed end ends start starts begin begins continue
    continues new wave general full fully formally formal officially official publicly public
    year years month months day days week weeks time times date deadline resolve resolves
    resolved question claim true false yes no least total overall around approximately
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday country countries state states
    government leader leaders leadership side sides party parties"""
_GENERIC = frozenset(_GENERIC_TEXT.split())
_COMMON_KEYS = frozenset(term_key(w) for w in _GENERIC | _STOPWORDS)
_DATE_RE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:19|20)\d{2}\b", re.ASCII
)
_QUOTED_RE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{3,80})[\"\u201d]")

# Words that may help a score but cannot anchor a match: on a war news stream nearly every item has "forces"
# or "military", and adverbs, quantifiers and date words ("almost", "internationally", "mid-November") say
# nothing about what happens.
_WEAK_ANCHOR_TEXT = """
    almost nearly about some many more most less few several much very still already even only just
    force forces troops troop army armed military soldier soldiers war wars going official officials
    people person region regions area areas city cities part parts large-scale"""
_WEAK_ANCHORS = frozenset(_WEAK_ANCHOR_TEXT.split())
_WEAK_ANCHOR_RE = re.compile(r"^(?:\w+ly|(?:mid|early|late)-\w+)$")


def _can_anchor(word: str) -> bool:
    low = word.lower()
    return low not in _WEAK_ANCHORS and not _WEAK_ANCHOR_RE.match(low)


MAX_REQUIRED_TOPICS = 2
MAX_BOOST = 10


def _alias_index() -> dict[TermKey, list[Concept]]:
    index: dict[TermKey, list[Concept]] = {}
    for concept in ALIAS_TABLE:
        for alias in concept.aliases:
            index.setdefault(term_key(alias), []).append(concept)
    return index


_ALIAS_INDEX = _alias_index()
_MAX_ALIAS_WORDS = max(len(k) if isinstance(k, tuple) else 1 for k in _ALIAS_INDEX)


def _find_concepts(keys: list[str]) -> tuple[list[Concept], dict[str, list[int]]]:
    """Concepts named in a question, in order of first mention, with the word positions each
    used. Longer aliases win over shorter ones; on one span the most specific concept wins."""
    found: list[Concept] = []
    spans: dict[str, list[int]] = {}
    i = 0
    while i < len(keys):
        hit: tuple[int, list[Concept]] | None = None
        for n in range(min(_MAX_ALIAS_WORDS, len(keys) - i), 0, -1):
            key: TermKey = keys[i] if n == 1 else tuple(keys[i : i + n])
            concepts = _ALIAS_INDEX.get(key)
            if concepts:
                hit = (n, concepts)
                break
        if hit is None:
            i += 1
            continue
        n, concepts = hit
        best = min(concepts, key=lambda c: (c.kind == "actor", c.share))
        if best not in found:
            found.append(best)
        spans.setdefault(best.name, []).extend(range(i, i + n))
        i += n
    return found, spans


_RAW_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['\-][A-Za-z0-9]+)*")


@dataclass(frozen=True)
class _QWord:
    text: str  # folded, not stemmed
    key: str
    capitalised: bool


def _question_words(text: str) -> list[_QWord]:
    """The words of a question with dates removed, folded but not stemmed, remembering which
    were capitalised. A hyphenated word joining a known alias to something else
    ("US-proposed") is split into its parts."""
    text = _DATE_RE.sub(" ", text)
    text = _US_RE.sub("USA", text)
    if not text.isascii():
        text = _to_ascii(text)
    words: list[_QWord] = []
    for m in _RAW_WORD_RE.finditer(text):
        raw = m.group()
        if raw.endswith(("'s", "'S")):
            raw = raw[:-2]
        raw = raw.replace("'", "")
        # The first word is capitalised by grammar, not because it names something.
        capitalised = m.start() > 0 and raw[:1].isupper()
        folded = raw.casefold()
        if "-" in folded and term_key(folded) not in _ALIAS_INDEX:
            parts = [p for p in raw.split("-") if p]
            if any(term_key(p.casefold()) in _ALIAS_INDEX for p in parts):
                words.extend(
                    _QWord(p.casefold(), _word_key(p.casefold()), p[:1].isupper()) for p in parts
                )
                continue
        words.append(_QWord(folded, _word_key(folded), capitalised))
    return words


def _word_key(word: str) -> str:
    key = term_key(word)
    return key if isinstance(key, str) else "".join(key)


def _is_content(word: str, key: TermKey) -> bool:
    if word in _STOPWORDS or word in _GENERIC or key in _COMMON_KEYS:
        return False
    return len(word) >= 3 and not word.replace("-", "").isdigit()


def propose_watch(question_text: str) -> Watch:
    """Propose watch terms from a question's wording.

    Required groups, at most three:
    - the most specific things the question names, at most two: names the alias table does not
      know (capitalised runs such as "Siemens" or "Saudi Arabia", each a group of its own) and
      the table's topics and places, rarest first, always keeping one topic when there is one;
    - one "who" group merging every state actor it names (people count for their state),
      unless a place already pins the theatre down; when it names no actor and fewer than two
      specific things, this ledger's theatre (Russia or Ukraine) stands in;
    - without any name or topic, the people it names and its content words form the groups (words too
      common or vague to anchor a match, like "forces" or "almost", only boost).
    The words it used for everything else become boost terms, quoted text becomes phrases, and
    the table's known confusions (Moscow, Idaho; Gaza ceasefires) become exclusions.
    """
    qwords = _question_words(question_text)
    words = [w.text for w in qwords]
    keys = [w.key for w in qwords]
    found, spans = _find_concepts(keys)
    used = {pos for positions in spans.values() for pos in positions}

    names = _name_runs(qwords, used)
    for run in names:
        used.update(run)
    topics = sorted(
        (c for c in found if c.kind in ("topic", "place")),
        key=lambda c: (c.share, found.index(c)),
    )
    people = [c for c in found if c.kind == "person"]
    actors: list[Concept] = [c for c in found if c.kind == "actor"]
    for person in people:
        if person.actor is not None and CONCEPTS[person.actor] not in actors:
            actors.append(CONCEPTS[person.actor])

    content: list[str] = []
    seen_keys: set[TermKey] = set()
    for pos, (word, key) in enumerate(zip(words, keys, strict=True)):
        if pos not in used and key not in seen_keys and _is_content(word, key):
            seen_keys.add(key)
            content.append(word)

    name_groups = [[" ".join(words[p] for p in run)] for run in names]
    # A topic the table knows keeps a place among the specific groups: it says what happens.
    n_names = min(len(name_groups), MAX_REQUIRED_TOPICS - (1 if topics else 0))
    groups: list[list[str]] = name_groups[:n_names]
    required_topics = topics[: MAX_REQUIRED_TOPICS - len(groups)]
    groups.extend(list(c.aliases) for c in required_topics)
    specific = len(groups)
    required_people: list[Concept] = []
    if not groups:
        required_people = people[:2]
        groups.extend(list(p.aliases) for p in required_people)
        anchors = [w for w in content if _can_anchor(w)] or content
        if anchors:
            groups.append(anchors[:6])
            content = [w for w in content if w not in anchors[:6]]
    pinned = any(c.kind == "place" for c in required_topics) or bool(required_people)
    if not pinned and (actors or specific < 2):
        merged: list[str] = []
        for actor in actors or [CONCEPTS["russia"], CONCEPTS["ukraine"]]:
            merged.extend(a for a in actor.aliases if a not in merged)
        groups.append(merged)
    groups = groups[:3]

    required_keys = {term_key(t) for g in groups for t in g}
    boost: list[str] = []
    for group in name_groups[n_names:]:
        boost.extend(group)
    for concept in found:
        if concept in required_topics:
            continue
        # The words the question itself used, which say more than the concept's first aliases.
        surface = _surface_runs(words, spans[concept.name])
        boost.extend(t for t in surface if term_key(t) not in required_keys)
    boost.extend(w for w in content if term_key(w) not in required_keys)
    boost = list(dict.fromkeys(boost))[:MAX_BOOST]

    phrases = [" ".join(m.split()) for m in _QUOTED_RE.findall(question_text)]
    phrases = [p for p in phrases if isinstance(term_key(p), tuple)]

    exclude: list[str] = []
    theatre_default = not actors and groups[-1][0] == CONCEPTS["russia"].aliases[0]
    for concept in found + actors + ([CONCEPTS["russia"]] if theatre_default else []):
        exclude.extend(e for e in concept.exclude if term_key(e) not in required_keys)
    # A question about a ceasefire in Gaza must not exclude Gaza.
    exclude = [e for e in dict.fromkeys(exclude) if not _mentions(keys, term_key(e))]
    return Watch(groups=groups, boost=boost, phrases=phrases, exclude=exclude)


def _name_runs(qwords: list[_QWord], used: set[int]) -> list[list[int]]:
    """Runs of consecutive capitalised content words that no table alias explains: names."""
    runs: list[list[int]] = []
    for pos, w in enumerate(qwords):
        if pos in used or not w.capitalised or not _is_content(w.text, w.key):
            continue
        if runs and runs[-1][-1] == pos - 1:
            runs[-1].append(pos)
        else:
            runs.append([pos])
    return runs


def _mentions(keys: list[str], key: TermKey) -> bool:
    if isinstance(key, str):
        return key in keys
    n = len(key)
    return any(tuple(keys[i : i + n]) == key for i in range(len(keys) - n + 1))


def _surface_runs(words: list[str], positions: list[int]) -> list[str]:
    """Join consecutive positions back into the multi-word terms the question used."""
    runs: list[list[int]] = []
    for pos in sorted(set(positions)):
        if runs and runs[-1][-1] == pos - 1:
            runs[-1].append(pos)
        else:
            runs.append([pos])
    return [" ".join(words[p] for p in run) for run in runs]


def concept_terms(names: Iterable[str]) -> list[str]:
    """All aliases of the named concepts, for building watches by hand or in tests."""
    out: list[str] = []
    for name in names:
        out.extend(a for a in CONCEPTS[name].aliases if a not in out)
    return out
