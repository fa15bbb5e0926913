"""Proposing a question's watch terms from its wording: the names it is about and the event it asks about."""

from __future__ import annotations

import re
from dataclasses import dataclass

from feeds.matching.background import term_weight, weight, zipf
from feeds.matching.terms import (
    ALIAS_TABLE,
    MAX_GROUPS,
    Concept,
    TermKey,
    Watch,
    _to_ascii,
    term_key,
)


def wordset(text: str) -> frozenset[str]:
    """The words of a block of text, for word lists written as prose."""
    return frozenset(text.split())


# Function words and question scaffolding: they say how a question is asked, not what it is about.
_STOPWORDS = wordset(
    """
    a an the and or but nor of to in on at by for from with without within into onto over under about above
    below between among against through during before after until till since as than then that this these
    those there here it its itself they them their theirs he him his she her hers we us our you your i me my
    mine who whom whose which what when where why how whether if not no yes be is are was were been being am
    do does did done doing have has had having can could shall should will would may might must ought so
    such very too also only just even still yet ever any all some each every either neither both few many
    much more most other others own same least less fewer several per via upon off out up down again once
    one two three four five six seven eight nine ten first second third last next true false whose itself
    else otherwise including include includes
    """
)
# Words that are about time, quantity or manner, or that any question could use: never a term of their own.
_GENERIC = wordset(
    """
    year years month months week weeks fortnight fortnights day days hour hours weekend weekends decade decades
    time times date dates deadline today tomorrow yesterday now
    january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday resolve
    resolves resolved resolution question questions claim claims count counts counted credible report
    reports reported reporting confirm confirms confirmed confirmation official officially officials
    formally formal publicly public announce announces announced announcement state states stated least
    total overall around approximately nearly almost about some many more most less few already happen
    happens happened occur occurs occurred take takes taken took make makes made become becomes became
    remain remains remained get gets got give gives given say says said tell told go goes went gone come
    comes came put puts keep keeps kept let lets see seen show shows shown find found use used new old full
    fully general entire entirely whole alone only otherwise either major some any yes no not enough
    suffices sufficient does doesn alone itself per cent percent thing things way ways part parts case cases
    kind side sides
    """
)
# Common nouns for a kind of place ("the city of Kherson", "the Kursk region"): they say where, which the place's
# name says better, never what happens there.
_PLACE_NOUNS = wordset(
    "city cities town towns village villages region regions province provinces district districts area areas oblast"
)
# Honorifics and offices written before a name: the name is what follows.
_TITLES = wordset(
    """
    mr mrs ms miss dr gen general lt col colonel maj major adm admiral sgt capt captain sir dame lord lady
    president prime minister chancellor king queen prince princess pope judge justice senator rep
    representative governor mayor sheikh ayatollah emir sultan secretary
    """
)
# The last word of a name that is an organisation, a place or an event rather than a person ("Downing Street",
# "Nord Stream", "New Democracy"): such a name is never reduced to that word alone.
_PLACE_HEADS = wordset(
    """
    street road avenue square stream river lake sea ocean gulf bay strait canal island islands mountain
    mountains valley coast bridge dam plant station port airport prison hospital church mosque cathedral
    palace tower house hall office court tribunal police army navy forces force guard party democracy
    republic union league council committee commission assembly parliament senate congress ministry agency
    bureau fund bank rate index exchange market group company corporation corp inc ltd university college
    school institute foundation cup games championship prize award festival summit pipeline region province
    state county city district oblast territory territories kingdom federation emirates states nations
    organization organisation treaty accord agreement deal plan programme program act bill law system
    service services network media news times post journal review day week war crisis revolution movement
    """
)
# A person's surname may be a word ("Trump", "Johnson") but not one of the commonest ("Victory Day" is no person).
_SURNAME_MAX_ZIPF = 5.0
# Words a question's connective tissue lowercases inside a name ("Bank of England", "Mar-a-Lago").
_NAME_JOINERS = frozenset(
    {"of", "the", "de", "del", "da", "di", "du", "la", "le", "al", "bin", "von", "van"}
)
# Irregular forms a stemmer cannot join: a verb the question uses also matches its other forms in news.
_IRREGULAR_TEXT = """
    sink sank sunk | fall fell fallen | win won | meet met | lose lost | leave left | seize seized | hold held
    strike struck | shoot shot | fight fought | flee fled | freeze froze frozen | sell sold | buy bought |
    bring brought | drive drove driven | blow blew blown | break broke broken | rise rose risen | spend spent |
    choose chose chosen | catch caught | hit hits | cut cuts | quit quits | oust ousted | beat beaten |
    arrest detain detention | free freed release released | kill killed killing | withdraw withdrew withdrawn |
    begin began begun | run ran | send sent | lead led | shut shut | split split | steal stole stolen |
    speak spoke spoken | write wrote written | throw threw thrown | bear bore borne | swear swore sworn
"""
_IRREGULAR: dict[str, tuple[str, ...]] = {}
for _line in _IRREGULAR_TEXT.split("|"):
    _forms = tuple(_line.split())
    for _form in _forms:
        _IRREGULAR[_form] = _forms

# Countries: names, the adjectives and nouns for their people, and the capitals news uses to mean their
# governments. General geography, not any story.
_COUNTRIES_TEXT = """
russia: russian, russians, moscow, kremlin
ukraine: ukrainian, ukrainians, kyiv, kiev
united states: usa, america, american, americans, washington
united kingdom: uk, britain, british, great britain, london
germany: german, germans, berlin
france: french, paris
china: chinese, beijing
iran: iranian, iranians, tehran
israel: israeli, israelis
turkey: turkish, ankara, turkiye
poland: polish, warsaw
hungary: hungarian, hungarians, budapest
finland: finnish, finns, helsinki
sweden: swedish, swedes, stockholm
norway: norwegian, oslo
denmark: danish, copenhagen
italy: italian, italians, rome
spain: spanish, madrid
greece: greek, greeks, athens
belarus: belarusian, minsk
georgia: georgian, tbilisi
moldova: moldovan, chisinau
serbia: serbian, belgrade
japan: japanese, tokyo
india: indian, indians, new delhi
pakistan: pakistani, pakistanis, islamabad
afghanistan: afghan, afghans, kabul
north korea: north korean, pyongyang
south korea: south korean, seoul
taiwan: taiwanese, taipei
syria: syrian, syrians, damascus
iraq: iraqi, iraqis, baghdad
saudi arabia: saudi, saudis, riyadh
egypt: egyptian, egyptians, cairo
sudan: sudanese, khartoum
canada: canadian, canadians, ottawa
mexico: mexican, mexicans
brazil: brazilian, brasilia
venezuela: venezuelan, caracas
australia: australian, australians, canberra
netherlands: dutch, the hague
belgium: belgian, brussels
austria: austrian, vienna
switzerland: swiss
ireland: irish, dublin
scotland: scottish, edinburgh
lithuania: lithuanian, vilnius
latvia: latvian, riga
estonia: estonian, tallinn
kazakhstan: kazakh, astana
armenia: armenian, yerevan
azerbaijan: azerbaijani, azeri, baku
european union: eu
"""
_COUNTRIES: dict[TermKey, tuple[str, ...]] = {}
for _row in _COUNTRIES_TEXT.strip().splitlines():
    _name, _, _rest = _row.partition(":")
    _aliases = (_name.strip(), *(a.strip() for a in _rest.split(",")))
    for _alias in _aliases:
        _COUNTRIES.setdefault(term_key(_alias), _aliases)

# A capital named for itself ("Will Russia capture Kyiv?") is a place, not its country's government.
_CAPITALS = frozenset(
    term_key(c)
    for c in wordset(
        """
        moscow kyiv kiev washington london berlin paris beijing tehran ankara warsaw budapest helsinki
        stockholm oslo copenhagen rome madrid athens minsk tbilisi chisinau belgrade tokyo islamabad
        kabul pyongyang seoul taipei damascus baghdad riyadh cairo khartoum ottawa brasilia caracas
        canberra brussels vienna dublin edinburgh vilnius riga tallinn astana yerevan baku
        """
    )
)

_DATE_RE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:19|20)\d{2}\b", re.ASCII
)
_US_RE = re.compile(r"\bU\.S\.(?:A\.)?|\bU\.S\b|\bUSA?\b")
_RAW_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['\-.&][A-Za-z0-9]+)*|--|[.?!;:,&/()\"\u201c\u201d]")
_QUOTED_RE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{3,80})[\"\u201d]")

# Topic aliases of the table that are narrow enough to stand for the question's own word (a "mutiny" question also
# watches "revolt"): broad topics would widen a question to its neighbours ("oil" to "gas").
_NARROW_SHARE = 0.02
# A question's criteria add names and events it does not repeat, as boost terms, when they are this discriminating.
_CRITERIA_MIN_WEIGHT = 2.5
MAX_BOOST = 12
MAX_EVENTS = MAX_GROUPS


@dataclass(frozen=True)
class _Word:
    text: str  # as written, possessive dropped
    low: str
    start: bool  # first word of a sentence: capitalised by grammar, not necessarily a name
    context: bool = (
        False  # in a clause that sets the scene ("after the Wagner revolt") rather than asks
    )
    possessive: bool = False  # written with 's: a name ends here ("Orban's Fidesz" is two names)


# Words that open a clause setting the scene of a question rather than saying what it asks: "..., after the Wagner
# revolt?", "... if Russia moves on Ukraine", "..., as proposed at the Jeddah talks". The clause runs to the next
# comma, dash or end of sentence.
_CONTEXT_OPENERS = wordset(
    """
    after if as following amid despite given including unless while when which who whose since like
    """
)
# Openers that start a context clause only after a comma ("Russia, as proposed..." but not "as President").
_AFTER_COMMA_ONLY = frozenset(
    {"as", "including", "which", "who", "whose", "while", "when", "like", "since"}
)


def _words(text: str) -> list[_Word]:
    text = _DATE_RE.sub(" ", text)
    text = _US_RE.sub("USA", text)
    if not text.isascii():
        text = _to_ascii(text)
    out: list[_Word] = []
    start = True
    context = False
    after_comma = False
    for m in _RAW_WORD_RE.finditer(text):
        raw = m.group()
        if raw in ("--", ".", "?", "!", ";", ":"):
            start = True
            context = after_comma = False
            out.append(_Word("", "", True))  # a break: names do not run across it
            continue
        if not raw[0].isalnum():
            # A comma or bracket: names do not run across it either, and a context clause ends at a comma.
            after_comma = raw == ","
            if after_comma:
                context = False
            out.append(_Word("", "", False))
            continue
        raw = raw.rstrip(".")
        possessive = raw.endswith(("'s", "'S"))
        if possessive:
            raw = raw[:-2]
        low = raw.casefold()
        if low in _CONTEXT_OPENERS and (after_comma or low not in _AFTER_COMMA_ONLY) and not start:
            context = True
        after_comma = False
        out.append(_Word(raw, low, start, context, possessive))
        start = False
    return out


def _is_capitalised(word: _Word) -> bool:
    return bool(word.text) and word.text[0].isupper()


def _known_name(low: str) -> bool:
    key = term_key(low)
    return key in _COUNTRIES or key in _ALIAS_INDEX


def _name_like(word: _Word) -> bool:
    """Whether a word can be part of a name: capitalised, and at the start of a sentence also rare or known (the
    first word of "Kherson falls within a fortnight" is a name, of "Social media videos..." it is not)."""
    if not _is_capitalised(word) or word.low in _STOPWORDS:
        return False
    if word.start:
        return word.text.isupper() or _known_name(word.low) or zipf(term_key(word.low) or "") < 4.0  # type: ignore[arg-type]
    return True


def _name_runs(words: list[_Word]) -> list[list[_Word]]:
    runs: list[list[_Word]] = []
    run: list[_Word] = []
    for i, word in enumerate(words):
        if _name_like(word) and (run or word.low not in _GENERIC):
            run.append(word)
            if word.possessive:
                runs.append(run)
                run = []
            continue
        nxt = words[i + 1] if i + 1 < len(words) else None
        if run and word.low in _NAME_JOINERS and nxt is not None and _name_like(nxt):
            run.append(word)
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    out = []
    for run in runs:
        while run and (run[0].low in _TITLES or run[0].low in _NAME_JOINERS) and len(run) > 1:
            run = run[1:]
        while run and (run[-1].low in _NAME_JOINERS or run[-1].low in _TITLES) and len(run) > 1:
            run = run[:-1]
        # "Ukrainian Neptune missiles", "Russian Black Sea flagship": the country and the name are two things.
        while len(run) > 1 and term_key(run[0].low) in _COUNTRIES:
            out.append(run[:1])
            run = run[1:]
        if run and not (len(run) == 1 and run[0].low in _TITLES):
            out.append(run)
    return out


def _alias_index() -> dict[TermKey, Concept]:
    # States come from the country table; the alias table's "actor" concepts merge a state with its leaders
    # ("trump" with "biden"), which would make two actors one.
    index: dict[TermKey, Concept] = {}
    for concept in ALIAS_TABLE:
        if concept.kind == "actor":
            continue
        for alias in concept.aliases:
            index.setdefault(term_key(alias), concept)
    return index


_ALIAS_INDEX = _alias_index()
# The table's known confusions of a name ("Moscow, Idaho"), by any alias of its concept.
_EXCLUDES = {term_key(a): c for c in ALIAS_TABLE if c.exclude for a in c.aliases}


def _name_aliases(run: list[_Word]) -> list[str]:
    """The ways news names what a run of capitalised words names."""
    full = " ".join(w.text for w in run)
    key = term_key(full)
    country = _COUNTRIES.get(key)
    if country is not None and key not in _CAPITALS:
        return list(country)
    concept = _ALIAS_INDEX.get(key)
    if concept is not None and concept.kind in ("actor", "place", "person"):
        return [full, *(a for a in concept.aliases if term_key(a) != key)]
    aliases = [full]
    words = [w for w in run if w.low not in _NAME_JOINERS]
    last = words[-1].low if words else ""
    person = (
        len(words) >= 2
        and last not in _PLACE_HEADS
        and zipf(term_key(last) or "") < _SURNAME_MAX_ZIPF  # type: ignore[arg-type]
        and all(_is_capitalised(w) for w in words)
    )
    if person:
        # A person: news names them by surname alone, or with a middle initial ("Antony J. Blinken").
        aliases.append(words[-1].text)
    elif len(words) >= 2:
        # An organisation or place: a word of it rare enough to stand for it ("Azovstal steelworks").
        rare = [w.text for w in words if zipf(term_key(w.low) or "") < 3.0]  # type: ignore[arg-type]
        aliases.extend(rare[:1])
    return aliases


def _event_aliases(word: str) -> list[str]:
    aliases = [word]
    aliases.extend(f for f in _IRREGULAR.get(word, ()) if f != word)
    concept = _ALIAS_INDEX.get(term_key(word))
    if concept is not None and concept.kind == "topic" and concept.share <= _NARROW_SHARE:
        aliases.extend(a for a in concept.aliases if term_key(a) != term_key(word))
    return list(dict.fromkeys(aliases))


def _is_event_word(word: _Word) -> bool:
    low = word.low
    if not low or low in _STOPWORDS or low in _GENERIC or low in _TITLES or low in _PLACE_NOUNS:
        return False
    if len(low) < 3 or low.replace("-", "").replace(".", "").isdigit():
        return False
    key = term_key(low)
    return isinstance(key, str | tuple) and weight(key) > 1.0


@dataclass
class _Line:
    terms: list[str]
    name: bool
    context: bool
    country: bool = False

    @property
    def weight(self) -> float:
        # The word the question used says how specific the line is (not its rarest alias).
        return term_weight(self.terms[0])


def _hyphen_part(word: str) -> str | None:
    """The part of a hyphenated word that carries it ("election" of "re-election"), if one does."""
    if "-" not in word:
        return None
    parts = [
        p for p in word.split("-") if len(p) >= 3 and p not in _GENERIC and p not in _STOPWORDS
    ]
    # After "re-" the word left is the same event once more ("re-election" is an election, "re-arrested" an arrest),
    # as specific as any event word; of a compound ("foreign-currency"), only a specific part stands for the whole.
    # Other prefixes change the meaning ("non-nuclear", "anti-war", "co-operation"), so they are not stripped.
    prefixed = word.startswith("re-") and word.count("-") == 1
    parts = [p for p in parts if weight(term_key(p)) >= (1.0 if prefixed else 2.0)]
    return max(parts, key=lambda p: weight(term_key(p))) if parts else None


def _lines(text: str) -> list[_Line]:
    """The names and event words of a text, each a line of aliases, in the order they first appear; names joined by
    "or" are one line ("Finland or Sweden")."""
    words = _words(text)
    runs = _name_runs(words)
    position = {id(w): i for i, w in enumerate(words)}
    in_names = {id(w) for run in runs for w in run}
    lines: list[_Line] = []
    seen: set[TermKey] = set()
    last_end = -10
    for run in runs:
        aliases = _name_aliases(run)
        keys = {term_key(a) for a in aliases}
        first = position[id(run[0])]
        joined_by_or = first - last_end == 2 and words[last_end + 1].low == "or"
        last_end = position[id(run[-1])]
        if keys & seen:
            continue
        seen.update(keys)
        run_key = term_key(" ".join(w.text for w in run))
        country = run_key in _COUNTRIES and run_key not in _CAPITALS
        if joined_by_or and lines and lines[-1].name:
            lines[-1].terms.extend(a for a in aliases if a not in lines[-1].terms)
            lines[-1].country = lines[-1].country and country
            continue
        lines.append(_Line(aliases, True, run[0].context, country))
    # Quoted words are a name of their own ("people's republics").
    for m in _QUOTED_RE.finditer(text):
        phrase = " ".join(m.group(1).split())
        key = term_key(phrase)
        if isinstance(key, tuple) and key not in seen:
            seen.add(key)
            lines.append(_Line([phrase], True, False))
            in_names.update(id(w) for w in words if w.low and term_key(w.low) in key)
    for word in words:
        if id(word) in in_names or not _is_event_word(word):
            continue
        key = term_key(word.low)
        if key in seen:
            continue
        # A lower-case country adjective ("Russian troops") names the country.
        state = _COUNTRIES.get(key)
        if state is not None:
            if not {term_key(a) for a in state} & seen:
                seen.update(term_key(a) for a in state)
                lines.append(_Line(list(state), True, word.context, True))
            continue
        aliases = _event_aliases(word.low)
        part = _hyphen_part(word.low)
        if part is not None and term_key(part) not in seen:
            aliases.append(part)
        seen.update(term_key(a) for a in aliases)
        lines.append(_Line(aliases, False, word.context))
    return lines


# The subject of a question is required only when it is at least this specific (a generic word never is).
SUBJECT_MIN_WEIGHT = 2.5


def _subject(lines: list[_Line]) -> _Line | None:
    """What the question is about above all: the most specific name outside scene-setting clauses (in "Will
    Russia capture Kyiv?" it is Kyiv). A country is never the subject, nor is a word that is not a name: news
    repeats names more faithfully than a question's own words ("eurobonds" for a default)."""
    names = [
        line
        for line in lines
        if line.name and not line.context and not line.country and line.weight >= SUBJECT_MIN_WEIGHT
    ]
    return max(names, key=lambda line: line.weight) if names else None


def propose(question_text: str, criteria: str = "") -> Watch:
    """Watch terms for a question: its subject, the most specific thing it asks about, as the one required line
    ('all:'); one 'name:' line per other person, place or organisation it names (a person also by surname, a
    country also by its adjective and capital; names joined by "or" on one line); one 'event:' line per word of
    what it asks happens; the names and words of scene-setting clauses ("after the Wagner revolt") and the rare
    names and words its criteria add as boost terms. The matcher weighs each line by how rare its words are in
    general English and flags an item that meets enough of the question."""
    lines = _lines(question_text)
    if not lines:
        # Nothing but common words: the rarest of them stand in, so every question can be watched.
        words = [w.low for w in _words(question_text) if w.low and w.low not in _STOPWORDS]
        words.sort(key=lambda w: -weight(term_key(w)))
        lines = [_Line([w], False, False) for w in words[:2] or [question_text.split()[0]]]
    subject = _subject(lines)
    # Countries set the scene of most news (a war's two sides are in nearly every item about it): unless one is the
    # subject, they only boost.
    for line in lines:
        if line.country and line is not subject:
            line.context = True
    main = [line for line in lines if not line.context and line is not subject]
    names = [line.terms for line in main if line.name][:MAX_GROUPS]
    events = sorted((line for line in main if not line.name), key=lambda e: -e.weight)
    used = {term_key(a) for line in lines for a in line.terms}
    context = [line.terms for line in lines if line.context]
    boost: list[str] = []
    if criteria:
        for line in _lines(criteria):
            if {term_key(a) for a in line.terms} & used:
                continue
            if line.weight >= _CRITERIA_MIN_WEIGHT:
                used.add(term_key(line.terms[0]))
                boost.append(line.terms[0])
    exclude: list[str] = []
    for line in lines:
        concept = _EXCLUDES.get(term_key(line.terms[0]))
        if concept is not None:
            exclude.extend(e for e in concept.exclude if term_key(e) not in used)
    mentioned = term_key(question_text + " " + criteria)
    mentioned_keys = set(mentioned) if isinstance(mentioned, tuple) else {mentioned}
    exclude = [
        e for e in dict.fromkeys(exclude) if not set(_as_tuple(term_key(e))) <= mentioned_keys
    ]
    return Watch(
        names=names,
        events=[e.terms for e in events][:MAX_EVENTS],
        subject=subject.terms if subject is not None else [],
        context=context[:MAX_GROUPS],
        boost=boost[:MAX_BOOST],
        exclude=exclude,
    )


def _as_tuple(key: TermKey) -> tuple[str, ...]:
    return key if isinstance(key, tuple) else (key,)
