"""Pieces of question drafting that read more than the clause itself: tidying a predicate to the one
event it names, and finding what a pronoun subject ("he", "they", "it", "his policies") stands for in
the article.

Pure text functions, no database; claims.extract calls them while it drafts "Will <subject>
<predicate> by <deadline>?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from claims.places import COUNTRIES, countries_named, with_article
from claims.timeexpr import MONTH_NAMES, find_time_expressions

# --- the predicate --------------------------------------------------------------------------

# Focus and stance adverbs that open a predicate ("would also enable", "may even enjoy", "could then
# potentially lead"): they colour the author's sentence and say nothing the question resolves on.
_FOCUS = (
    r"also|even|then|too|potentially|possibly|probably|likely|certainly|surely|definitely|"
    r"inevitably|ultimately|eventually|indeed|undoubtedly|presumably|perhaps|maybe|in\s+turn|"
    r"in\s+fact|of\s+course|therefore|thus|hence|consequently|accordingly|"
    r"almost\s+certainly|most\s+likely|very\s+likely|quite\s+possibly|very\s+probably|"
    # stance and comment adverbs: the author's feeling about the event, not part of it
    r"still|simply|merely|just(?!\s+(?:as|about|over|under|before|after)\b)|somehow|miraculously|"
    r"sadly|unfortunately|fortunately|hopefully|clearly|obviously|arguably|emphatically|"
    r"undeniably|invariably|finally|now|"
    # "soon": the deadline says when
    r"soon|shortly"
)
_LEADING_FOCUS = re.compile(rf"^(?:(?:{_FOCUS})\b,?\s+)+", re.IGNORECASE)
# "... affect the EU economy too", "... as well": a trailing "also".
_TRAILING_FOCUS = re.compile(r",?\s+(?:too|as\s+well|yet|in\s+general)$", re.IGNORECASE)
# "will be still be in office": a doubled "be" around a focus adverb, a slip of the author's pen
_DOUBLED_BE = re.compile(rf"^be\s+(?:(?:{_FOCUS})\s+)+be\b", re.IGNORECASE)
# "may be more likely to pay more": the hedge already carries the likelihood.
_LIKELY_TO = re.compile(
    r"^be\s+(?:(?:much|far|even)\s+)?(?:more|less|very|quite|most|highly)?\s*(?:likely|unlikely)\s+to\s+",
    re.IGNORECASE,
)
# A participle clause after a comma adds a consequence or a manner ("retreat from its commitments,
# prioritising growth at home"): the question resolves on the main event, so it stops there.
_PARTICIPLE_CLAUSE = re.compile(
    r",[”\"]?\s+(?:(?:thereby|thus|perhaps|further|[a-z]+ly)\s+)?(?!(?:according|including|excluding|regarding|concerning|"
    r"during|notwithstanding|nothing|something|anything|everything|bring|sing|king|thing|"
    # "..., adjusting for inflation", "..., excluding energy": the measure, not a consequence
    r"adjusting|accounting|counting|measuring|using|"
    r"spring|string|morning|evening|ceiling|building|wedding|meeting|funding|ring)\b)"
    r"[a-z]+ing\b"
)
# "stocks will crash, the bear will jump": a second clause with its own subject and verb group,
# joined by a comma alone.
_COMMA_CLAUSE = re.compile(
    r",[”\"]?\s+(?:(?:the|a|an|its|their|his|her|our|some|many|most|all)\s+)?(?:[\w'’/-]+\s+){0,3}?"
    r"(?:will|would|may|might|could|can|cannot|can't|won't|must|shall|is|are|was|were)\b"
)
# The measure an amount is read on: "the official index", "CPI", "the Fed's preferred gauge". Cutting
# it changes how the question resolves ("rise 3% measured by CPI" is not "rise 3%").
_MEASURE = (
    r"(?:(?:the|a|an)\s+)?(?:[\w’'-]+\s+){0,3}?(?:index|indices|measures?|gauges?|data|figures|"
    r"statistics|estimates?\s+of|count|census|survey|rate|CPI|PCE|GDP|[A-Z]{2,})\b"
)
# ", such as ...", ", a major turnaround from ...": examples and appositions restate, they add no event.
_ASIDE_TAIL = re.compile(
    r",[”\"]?\s+(?:such\s+as|including|namely|i\.e\.|e\.g\.|an?)\s"
    # " - who even describe ...": an aside after a spaced hyphen; "given the ...", "because ...": a reason
    rf"|\s[-–—]\s(?!(?:as\s+)?(?:measured|calculated|gauged)\s+by\b|according\s+to\s+{_MEASURE})"
    r"|\s+(?:given|because|since)\s+(?:that|the|its|their|his|her|of|a|an)\b"
    # "... with the EU likely to decrease imports": an absolute clause with its own forecast
    r"|\s+with\s+(?:[\w’'()-]+\s+){1,4}(?:likely|unlikely|expected|set|poised|bound)\s+to\b"
    # "..., according to my estimates": an attribution, not part of the event ("according to the
    # official index", "according to CPI" is the measure the event resolves on, and stays)
    rf"|,?\s+according\s+to\s(?!{_MEASURE})"
    # "cut rates this year, let alone next spring": a second, stronger event
    r"|,?\s+(?:let\s+alone|never\s+mind|much\s+less|not\s+to\s+mention)\s"
    # "come within a year as the Fed focuses on inflation": a named actor's own clause, the setting
    r"|\s+as\s+(?:the\s+)?(?:[A-Z][\w’'.-]*\s+(?:of\s+)?){1,4}(?!(?:as|than|of)\b)[a-z]{2,}(?:s|ed)\b"
    # "remain elevated, despite fears of a recession": a concession, not part of the event
    r"|,?\s+(?:despite|in\s+spite\s+of|notwithstanding)\s"
)
# "end soon because the union has run out of money", "keep rising even though the bank has raised
# rates": a reason or a concession with its own subject and finite verb, joined without a comma. The
# question resolves on the main event, so it stops before the subordinator.
_SUBORDINATE_CLAUSE = re.compile(
    r"\s+(?:because|although|even\s+though|though|whereas|while|as)\s+"
    # not "as well as", "as long as" (a condition), "as soon as", "as fast as wages have": a comparison
    r"(?!(?:a|an|well|much|many|long|soon|far|such|likely|if|of|to|for|in|is|are|was|were)\b)"
    r"(?![\w-]+\s+as\b)"
    r"(?:(?:[\w’'-]+\s+){0,8}?(?:is|are|was|were|has|have|had|will|would|could|can|may|might|must|"
    r"should|does|do|did)\b"
    # "as it aims to ...", "while they argue ...": a pronoun subject and its verb, whatever the verb
    r"|(?:it|they|he|she|we|I|you)\s+(?!(?:to|and|or|of)\b)[a-z]{2,}\b)"
)
# "as fast as wages have", "the same as", "such as": the "as" of a comparison or an example.
_AS_COMPARED = re.compile(r"\b(?:as\s+[\w-]+|same|such)$", re.IGNORECASE)
# "collapse at any moment", "wear thin after a while": a vague time the deadline already says.
_VAGUE_TIME_TAIL = re.compile(
    r",?\s+(?:at\s+any\s+(?:moment|time|point)|after\s+a\s+while|at\s+some\s+(?:point|stage)|"
    r"in\s+due\s+course|in\s+time|before\s+long|sooner\s+rather\s+than\s+later|"
    r"eventually|in\s+the\s+end)$",
    re.IGNORECASE,
)
_MIN_WORDS_BEFORE_CUT = 1
_OR_EVEN = re.compile(r",?\s+(or|and)\s+(?:even|perhaps|possibly|maybe)\s+", re.IGNORECASE)


_LIST_ITEM_MAX_WORDS = 2


def _in_list(before: str) -> bool:
    """Whether the text before a comma ends in a short item after another comma ("food, medicine")."""
    items = before.split(",")
    return len(items) >= 2 and 0 < len(items[-1].split()) <= _LIST_ITEM_MAX_WORDS


# Events that happen at a moment and cannot last: "until" after them only reads under a negation
# ("the Fed won't cut until September"), and the question asks whether it comes before.
_PUNCTUAL_UNTIL = re.compile(
    r"^((?:be\s+)?(?:end|ended|start|started|begin|begun|arrive|come|happen|sign|signed|agree|win|"
    r"collapse|return|reopen|open|opened|close|closed|leave|join|resume|announce|announced|finish|"
    r"stop|cut|occur|emerge|recover|settle|settled|resolve|resolved|decide|accept|approve|approved|"
    r"pass|passed|launch|launched|declare|declared|over)\b[^,;:]*?)\s+until\b(?!\s+after\b)",
    re.IGNORECASE,
)


def tidy_predicate(predicate: str) -> str:
    """The predicate cut to the one event the question resolves on.

    Drops opening focus adverbs ("also enable" -> "enable"), a trailing "too", a trailing participle
    clause after a comma, and a comma-joined second clause with its own verb group.
    """
    p = _DOUBLED_BE.sub("be", predicate.strip())
    p = _LIKELY_TO.sub("", _LEADING_FOCUS.sub("", p))
    for pattern in (_COMMA_CLAUSE, _PARTICIPLE_CLAUSE, _ASIDE_TAIL):
        m = pattern.search(p)
        if m and len(p[: m.start()].split()) >= _MIN_WORDS_BEFORE_CUT:
            if pattern is _PARTICIPLE_CLAUSE and _in_list(p[: m.start()]):
                continue  # "for food, medicine, manufacturing parts": a list item, not a clause
            p = p[: m.start()]
    for sub in _SUBORDINATE_CLAUSE.finditer(p):
        if sub.group().split()[0].lower() == "as" and _AS_COMPARED.search(p[: sub.start()]):
            continue  # "as fast as wages have": the second "as" of a comparison
        if len(p[: sub.start()].split()) >= _MIN_WORDS_BEFORE_CUT:
            p = p[: sub.start()]
            break
    p = _TRAILING_FOCUS.sub("", p.rstrip(" ,;:"))
    # "call an election, or even a rerun": the alternative is part of the event, the "even" is not
    p = _OR_EVEN.sub(r" \1 ", p)
    p = _VAGUE_TIME_TAIL.sub("", p)
    # "[won't] cut rates until September": an event that cannot last comes before it, or not.
    p = _PUNCTUAL_UNTIL.sub(r"\1 before", p)
    return balance_quotes(p.strip())


# --- names in the article -------------------------------------------------------------------

# Words that make the name after them a person's: "Prime Minister Benjamin Netanyahu".
_TITLES_TEXT = (
    "President Minister Chancellor Senator Sen Rep Representative Governor Mr Mrs Ms Dr Professor "
    "Prof General Gen King Queen Prince Princess Pope Speaker Secretary Mayor Judge Justice "
    "Ambassador Premier Chairman Chairwoman Sir Dame Lord Lady CEO Commissioner Leader"
)
_TITLES = frozenset(_TITLES_TEXT.split())
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
# A run of capitalised words: "Vladimir Putin", "Benjamin Netanyahu", "Harris".
_NAME_RUN = re.compile(rf"(?<![\w'’-])(?:{_NAME_WORD})(?:\s+(?:{_NAME_WORD}))*")
# Words that say a name is a person's: what people do and have.
_PERSON_AFTER = re.compile(
    r"^(?:['’]s\s+(?:administration|presidency|government|cabinet|campaign|party|wife|husband|"
    r"son|daughter|family|tenure|career|leadership|premiership|own|allies|critics|supporters|"
    r"policies|approach)\b|\s+(?:said|says|told|wrote|argued|argues|thinks|believes|himself|"
    r"herself|insisted|insists|promised|promises|announced|claimed|declared|resigned|tweeted|"
    r"vowed)\b)"
)
_NOT_NAMES_TEXT = (
    "The A An This That These Those It He She They We I You But And Or So If When While As "
    "Yet Still Even Then However Indeed Moreover Perhaps Maybe In On At By For From With Of To "
    "After Before Under Over Without Within During Since Until Unless Although Though Because "
    "Whether What Which Who How Why Where There Here Some Many Most All Any Every Each No Not "
    "One Two Three Such Both Either Neither Our My Your His Her Their Its Now Today Yes Well "
    "Just Only Also Like Okay Of Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April June July August September October November December"
)
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())


@dataclass(frozen=True)
class _Name:
    text: str  # as written: "Theresa May", "Harris"
    start: int
    end: int


def _names(text: str) -> list[_Name]:
    """Capitalised runs that are not a sentence's first word or a function word, left to right."""
    found = []
    for m in _NAME_RUN.finditer(text):
        words = m.group().split()
        start = m.start()
        while words and words[0] in _NOT_NAMES:
            start += len(words[0]) + 1
            words = words[1:]
        if words:
            found.append(_Name(" ".join(words), start, start + len(" ".join(words))))
    return found


def _untitled(name: str) -> tuple[str, bool]:
    """The name after its last title word, and whether there was one."""
    words = name.split()
    titled = [i for i, w in enumerate(words) if w.rstrip(".") in _TITLES]
    return (" ".join(words[titled[-1] + 1 :]), True) if titled else (name, False)


# A name after "in" or "across" is a place's; so is one opening with a compass or a place word.
_PLACE_BEFORE = re.compile(r"\b(?:in|across|throughout|into|within|inside|outside)\s+$")
_PLACE_WORDS_TEXT = (
    "North South East West Northern Southern Eastern Western Central Upper Lower Greater Great New "
    "Old United Saint St San Santa Los Las Port Fort Mount Lake Cape Gulf Sea Bay River Republic "
    "Kingdom Democratic Federal Islamic Arab"
)
_PLACE_WORDS = frozenset(_PLACE_WORDS_TEXT.split())


@lru_cache(maxsize=8)
def _people(article: str) -> dict[str, str]:
    """A word of a person's name -> the fullest name the article gives that person, for the names the
    article shows to be people: after a title, before "said" or "'s administration", or written both
    in full and by one of its words alone ("Theresa May" ... "May", "Xi Jinping" ... "Xi")."""
    full: dict[str, str] = {}
    seen_alone: set[str] = set()
    places: set[str] = set()
    people: set[str] = set()
    for n in _names(article):
        before = article[max(0, n.start - 12) : n.start]
        if re.search(r"\bthe\s+$", before, re.IGNORECASE):
            continue  # "the European Union", "the Senate": institutions
        name, titled = _untitled(n.text)
        words = name.split()
        if not words:
            continue
        if _PLACE_BEFORE.search(before) or words[0] in _PLACE_WORDS:
            places.update(words)  # "in Africa", "Southern Africa": a place, not a person
        if len(words) == 1:
            seen_alone.add(name)
        elif len(words) <= 3:
            for w in words:
                if len(name) > len(full.get(w, "")):
                    full[w] = name
        if titled or _PERSON_AFTER.match(article[n.end : n.end + 40]):
            people.add(words[-1])
    people |= {w for w in full if w in seen_alone and w not in places}
    # "Boris Johnson will be re-elected. As reported, he may ...": the one full name of a sentence
    # whose next sentence opens with "he" or "she" is a person's.
    for name, _ in _taken_up(article):
        words = name.split()
        if len(words) >= 2 and not set(words) & places:
            people.add(words[-1])
            full.setdefault(words[-1], name)
    return {w: full.get(w, w) for w in people}


_HE_SHE_OPENS = re.compile(
    r"^\W*(?:(?:and|but|so|yet|still|now|then)\s+)?(?:[A-Z][^,.;:!?]{0,50},\s+)?(?P<p>he|she)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _taken_up(article: str) -> tuple[tuple[str, str], ...]:
    """(name, "he"/"she") for each sentence with exactly one name run of two or three words whose next
    sentence opens (after a short adverbial) with "he" or "she"."""
    found = []
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(article)]
    for a, b, c in zip(bounds, bounds[1:], [*bounds[2:], len(article)], strict=False):
        m = _HE_SHE_OPENS.match(article[b:c])
        if not m:
            continue
        text = article[a:b]
        runs = [
            n.text
            for n in _names(text)
            if 2 <= len(n.text.split()) <= 3
            and not set(n.text.split()) & _PLACE_WORDS
            and not re.search(r"\bthe\s+$", text[max(0, n.start - 5) : n.start], re.IGNORECASE)
        ]
        if len(runs) == 1:
            found.append((_untitled(runs[0])[0] or runs[0], m.group("p").lower()))
    return tuple(found)


# "Margaret Thatcher in her 1983 landslide", "Putin and his generals": a possessive right after a
# name says whether "he" or "she" can take it up.
# No other name may come between ("Harris criticised Trump for his remarks" says nothing of Harris).
_GENDERED_AFTER = re.compile(r"^,?(?:\s+[a-z]+){0,2}?\s+(?P<p>his|him|himself|her|herself)\b")


@lru_cache(maxsize=8)
def _genders(article: str) -> dict[str, str]:
    """A person's surname -> "he" or "she", from a possessive or object pronoun within a few words
    after the name (a name read both ways gets neither), else from the pronoun that takes the name
    up in the next sentence."""
    seen: dict[str, set[str]] = {}
    for n in _names(article):
        m = _GENDERED_AFTER.match(article[n.end : n.end + 40])
        if m:
            word = "he" if m.group("p").lower() in {"his", "him", "himself"} else "she"
            seen.setdefault(n.text.split()[-1], set()).add(word)
    taken = {name.split()[-1]: pronoun for name, pronoun in _taken_up(article)}
    for word, pronoun in taken.items():
        seen.setdefault(word, {pronoun})  # weaker than a pronoun right after the name
    return {w: next(iter(g)) for w, g in seen.items() if len(g) == 1}


# --- pronoun subjects -----------------------------------------------------------------------

_PERSONAL = {"he", "she"}
_POSSESSIVE = {"his", "her"}
# Subjects that point back at something the question cannot name without the article.
_POINTING = re.compile(
    r"^(?:it|this|that|these|those|they|them|such|its|their|one(?!\s+of\b)|which|who|what)\b", re.I
)
# Words that never sit inside a noun phrase: "a countercoup as it generally", "the 1890s and".
_NOT_IN_NP = (
    r"(?!(?:and|or|but|nor|as|it|its|they|he|she|we|you|that|which|who|whom|if|when|while|because|"
    r"is|are|was|were|be|been|being|than|so|to|not|no|will|would|could|may|might|can|must|then|"
    r"also|even|only|just|very|there|here|however)\b)"
)
_NOT_NAME_LEAD = r"(?!(?:But|And|So|Yet|Or|If|When|While|As|The|This|That|It|They)\b)"
_NP_WORD = rf"{_NOT_IN_NP}[\w’'-]+"
_PLURAL_NP = re.compile(
    rf"(?:^|(?<=[\s,;:]))((?:(?i:the|many|most|some|several|both|all)|{_NOT_NAME_LEAD}[A-Z][\w’'-]*)\s+(?:{_NP_WORD}\s+){{0,4}}?"
    rf"{_NOT_IN_NP}[A-Za-z][\w’'-]*[A-Za-rt-z]s|{_NOT_NAME_LEAD}[A-Z][a-z]+[a-rt-z]s)\s+(?:\([^()]*\)\s+)?"
    r"(?:are|were|have|had|will|would|could|may|might|can|cannot|must|grew|rose|fell|[a-z]{3,}ed)\b"
)
_SINGULAR_NP = re.compile(
    rf"(?:^|(?<=[\s,;:]))((?i:the|a|an)\s+(?:{_NP_WORD}\s+){{0,3}}?{_NOT_IN_NP}[a-z][\w’'-]*[a-rt-z])"
    r"\s+(?:\([^()]*\)\s+)?(?:is|was|has|had|will|would|could|may|might|can|cannot|must|grew|rose|"
    r"fell|[a-z]{3,}ed)\b"
)
_CONTEXT_CHARS = 600
_QUANTIFIERS = frozenset({"many", "some", "most", "few", "several", "others", "both", "all"})
# "this approach", "such supervariants", "that reform agenda": a description pointing back.
_DEMONSTRATIVE = re.compile(
    r"^(?:this|that|these|those|such)\s+(?:[a-z][\w-]*\s+){0,2}(?P<head>[a-z][\w-]*)$", re.I
)
_IN_DESCRIPTION = (
    r"(?!(?:it|its|they|he|she|we|you|that|which|who|if|when|while|because|is|are|was|were|be|"
    r"been|will|would|could|may|might|can|must|not|no)\b)[\w’'-]+"
)
_PREPOSITION = r"(?:toward|towards|with|of|on|in|for|to|against|over|from|between|across)"
_SENTENCES_BACK = 2
_MIN_DESCRIPTION_WORDS = 3


_DESCRIPTION_BEFORE = re.compile(rf"\b((?:a|an|the)\s+(?:{_IN_DESCRIPTION}\s+){{0,4}}?)$")
_DESCRIPTION_AFTER = re.compile(
    rf"^(\s+{_PREPOSITION}\s+[^,.;:—–()]{{1,40}}?)?"
    r"(?=\s*[,.;:—–(]|\s+(?:and|but|which|that|who|is|are|was|were|will|would|could|may|"
    r"might|can|has|have)\b|\s*$)"
)


def _earlier_description(head: str, context: str) -> str | None:
    """The fuller noun phrase with the same head in the last sentences ("a cautious but multilateral
    approach toward China" for "this approach"), when it says more than "the <head>"."""
    ends = [m.end() for m in _SENTENCE_END.finditer(context)]
    start = ends[-_SENTENCES_BACK - 1] if len(ends) > _SENTENCES_BACK else 0
    window = context[start:]
    found = None
    at = window.find(head)
    while at >= 0:
        end = at + len(head)
        whole_word = (at == 0 or not window[at - 1].isalnum()) and (
            end == len(window) or not window[end].isalnum()
        )
        before = _DESCRIPTION_BEFORE.search(window[:at]) if whole_word else None
        after = _DESCRIPTION_AFTER.match(window[end:]) if before else None
        if before and after:
            found = before.group(1) + head + (after.group(1) or "")
        at = window.find(head, end)
    if not found or len(found.split()) < _MIN_DESCRIPTION_WORDS:
        return None
    return " ".join(found.split())


def _named_antecedent(head: str, context: str) -> str | None:
    """The one noun phrase before with the same head noun that a name makes specific: "the Omicron
    variant" for "the variant", "the Paris agreement" for "the agreement", "OPEC’s agreement" for "the
    agreement". None when there is no such phrase, or more than one (two deals named before "the
    deal": which one is meant is the article's to say)."""
    h = re.escape(head)
    found: set[str] = set()
    for m in re.finditer(
        rf"\b(?i:the)\s+((?:[A-Z][\w.&-]*\s+){{1,3}}(?:[a-z][\w-]*\s+)?){h}\b", context
    ):
        found.add(f"the {' '.join(m.group(1).split())} {head}")
    for m in re.finditer(
        rf"(?<=[\w,;] )([A-Z][\w.&-]*)(['’]s)\s+((?:[a-z][\w-]*\s+)?){h}\b", context
    ):
        if m.group(1) in _NOT_NAMES or m.group(1) == "May":
            continue  # "March’s deal", "May’s figures": a month, not a name
        found.add(" ".join(f"{m.group(1)}{m.group(2)} {m.group(3)} {head}".split()))
    return found.pop() if len(found) == 1 else None


_ADVERBIAL_LEAD = re.compile(
    r"^(?:for\s+once|at\s+last|at\s+least|in\s+the\s+end|in\s+turn|in\s+time|once\s+again|"
    r"by\s+then|until\s+then|in\s+short|for\s+now|for\s+its\s+part|for\s+their\s+part)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Subject:
    text: str
    resolved: bool  # False when it still points at something only the article names
    note: str | None = None


def _last_person(context: str, article: str, pronoun: str | None = None) -> str | None:
    """The person a "he"/"she" takes up: the last name in the context the article shows to be a
    person's, else a name that is the subject opening the sentence before ("Putin will not stop. He
    wants ...": only a person is taken up by "he")."""
    people = _people(article)
    genders = _genders(article)
    names = _names(context)
    for k in range(len(names) - 1, -1, -1):
        name = _untitled(names[k].text)[0]
        if name and name.split()[-1] in people:
            if pronoun and genders.get(name.split()[-1], pronoun) != pronoun:
                continue  # "her 1983 landslide" after the name: "he" is someone else
            if any(
                _could_be_person(later, context, people[name.split()[-1]])
                and not (pronoun and genders.get(later.text.split()[-1], pronoun) != pronoun)
                for later in names[k + 1 :]
            ):
                return None  # a nearer full name may be the one meant: two candidates
            return people[name.split()[-1]]
    ends = [m.end() for m in _SENTENCE_END.finditer(context)]
    own = context[ends[-1] :] if ends else context
    if _names(own):
        # "Theresa May talks about a deal, but she won't get it": the name opening the pronoun's own
        # sentence as its subject, when it is a full name (two or three words) and no place's.
        opener = _OWN_NAME_SUBJECT.match(own[_OPENING.match(own).end() :])  # type: ignore[union-attr]
        if opener and not {*opener.group(1).split()} & (_PLACE_WORDS | _NOT_NAMES):
            return opener.group(1)
        return None  # a name in the pronoun's own sentence that is no person's: do not look further
    if ends:
        previous = context[(ends[-2] if len(ends) > 1 else 0) : ends[-1]]
        previous = previous[_OPENING.match(previous).end() :]  # type: ignore[union-attr]
        m = _NAME_SUBJECT.match(previous)
        if m and m.group(1).split()[0] not in _NOT_NAMES:
            return m.group(1)
    return None


def _could_be_person(n: _Name, context: str, chosen: str) -> bool:
    """Whether a name nearer the pronoun than the chosen person could be another person: a full name
    of two or three plain capitalised words, neither an institution ("the White House"), nor a
    place ("in New Mexico", "South Africa"), nor the chosen person's ("Theresa May" ... "May"); the
    caller drops one whose gender the article shows to differ from the pronoun's."""
    words = _untitled(n.text)[0].split()
    if not 2 <= len(words) <= 3 or set(words) & (_PLACE_WORDS | _NOT_NAMES | set(chosen.split())):
        return False
    before = context[max(0, n.start - 12) : n.start]
    return not (re.search(r"\bthe\s+$", before, re.IGNORECASE) or _PLACE_BEFORE.search(before))


# A name opening a sentence as its subject: "Putin will", "Vladimir Putin has", "Merkel said".
_NAME_SUBJECT = re.compile(
    rf"((?:{_NAME_WORD})(?:\s+{_NAME_WORD}){{0,2}})\s+(?:\w+ly\s+)?(?:will|would|could|may|might|"
    r"can|cannot|must|is|was|has|had|does|did|wants|knows|said|says|thinks|believes|[a-z]{3,}ed)\b"
)


_OWN_NAME_SUBJECT = re.compile(
    rf"((?:{_NAME_WORD})(?:\s+{_NAME_WORD}){{1,2}})\s+(?:\w+ly\s+)?[a-z]+(?:s|ed)\b(?!\s+[A-Z])"
)
# A bare singular noun phrase opening a sentence as its subject: "Inflation is falling", "Public
# debt will keep rising" ("it" in the next sentence takes it up).
_BARE_OPENER = re.compile(
    r"((?:[A-Z][a-z]+|[A-Z][\w-]*['’]s\s+[a-z]+)(?:\s+[a-z]+)?)\s+(?:is|was|has|had|will|would|could|"
    r"may|might|can|must|remains|keeps|looks|seems)\b"
)


# "Shut out from power — ... — veterans are a pool of resentment": a bare plural right after a clause
# boundary, followed by its verb.
_BARE_PLURAL_SUBJECT = re.compile(
    rf"(?:^|[,;:—–]\s*)((?:{_NOT_IN_NP}[a-z][\w-]*\s+){{0,2}}{_NOT_IN_NP}[a-z][\w-]*[a-rt-z]s)\s+"
    r"(?:are|were|have|had|will|would|could|may|might|can|cannot|must)\b"
)


def _bare_plural_before(context: str) -> str | None:
    """The one bare plural subject of the sentence before the pronoun's ("veterans"), when the
    pronoun opens its own clause with nothing plural before it in its own sentence."""
    ends = [m.end() for m in _SENTENCE_END.finditer(context)]
    if not ends:
        return None
    previous = context[(ends[-2] if len(ends) > 1 else 0) : ends[-1]]
    found = _BARE_PLURAL_SUBJECT.findall(previous.strip())
    if len(found) != 1 or found[0].split()[0] in _DETERMINER_WORDS | _QUANTIFIERS:
        return None
    return str(found[0])


def _bare_opener(context: str, article: str) -> str | None:
    """The bare common noun phrase opening the sentence before the pronoun's, when the pronoun's own
    sentence has no noun phrase of its own before it and the opener is no name (the article writes its
    first word in lower case, or it ends like an abstract noun) and not plural."""
    ends = [m.end() for m in _SENTENCE_END.finditer(context)]
    if not ends or context[ends[-1] :].strip():
        return None  # the pronoun does not open its sentence
    previous = context[(ends[-2] if len(ends) > 1 else 0) : ends[-1]]
    previous = previous[_OPENING.match(previous).end() :]  # type: ignore[union-attr]
    m = _BARE_OPENER.match(previous)
    if not m:
        return None
    np = m.group(1)
    first = np.split()[0]
    if names_possessor(first):
        # "China's economy is slowing": a name's singular thing ("Europe's banks" are "they")
        return None if np.endswith("s") else np
    if first in _NOT_NAMES or np.endswith("s") or _capitalised_inside(first, article):
        return None
    if not (_ABSTRACT_NOUN.fullmatch(first) or re.search(rf"\b{first.lower()}\b", article)):
        return None
    return np[0].lower() + np[1:]


_SENTENCE_END = re.compile(r"[.!?][”\"')]*(?:\s+|$)|\n")
_OPENING = re.compile(
    r"^\W*(?:(?:and|but|so|yet|still|however|indeed|moreover|meanwhile|now|then)\b,?\s*)*",
    re.IGNORECASE,
)


_AFTER_VERB = re.compile(
    r"\b(?!(?:and|or|but|so|yet|because|while|as|when|if|that|which|who|whether|since|although|"
    r"though|then|now|also|even|only|just|still|of|in|on|at|by|for|from|with|to|into|during|after|"
    r"before|under|over|about|than)\b)[a-z]+(?:s|ed|es)\s+$"
)


def _last_np(pattern: re.Pattern[str], context: str) -> str | None:
    """The subject a plural or singular pronoun takes up: the last matching noun phrase in the
    pronoun's own sentence, else the noun phrase that opens the sentence before."""
    context = re.sub(r"\([^()]*\)", " ", context)
    ends = [m.end() for m in _SENTENCE_END.finditer(context)]
    own = context[ends[-1] :] if ends else context
    # "Whether Britain rejoins the single market is ...": a noun phrase right after a verb is its
    # object, not the subject a pronoun takes up.
    found = [m for m in pattern.finditer(own) if not _AFTER_VERB.search(own[: m.start(1)])]
    if not found and ends:
        previous = context[(ends[-2] if len(ends) > 1 else 0) : ends[-1]]
        previous = previous[_OPENING.match(previous).end() :]  # type: ignore[union-attr]
        opening = pattern.match(previous)
        found = [opening] if opening else []
    for m in reversed(found):
        np = " ".join(m.group(1).split())
        return np[0].lower() + np[1:] if np.split()[0] in {"The", "A", "An"} else np
    return None


# "the country", "the nation's economy": a country the text before has named.
_THE_COUNTRY = re.compile(r"^(?P<head>the\s+(?:country|nation))(?:[’']s\b|$)", re.IGNORECASE)


def _country_before(near: str) -> str | None:
    """The one country named in the subject's own sentence before it, else in the sentences before,
    or None when none is, or more than one (which one "the country" is would be a guess)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(near)]
    own = near[ends[-1] :] if ends else near
    before = (
        near[ends[-1 - _SENTENCES_BACK] : ends[-1]]
        if len(ends) > _SENTENCES_BACK
        else near[: len(near) - len(own)]
    )
    for text in (own, before):
        named = countries_named(text)
        if named:
            return named[0] if len(named) == 1 else None
    return None


def resolve_subject(subject: str, context: str, article: str) -> Subject:
    """The subject with a pronoun replaced by what it stands for, read from `context` (the text before
    the subject: the sentence so far and the ones before it).

    "he"/"she" -> the most recent name in the context that the article shows to be a person, in the
    fullest form the article gives ("she" -> "Theresa May"); "his/her X" -> "<surname>'s X"; "they" ->
    the most recent plural noun phrase that is a clause's subject; "it" -> a singular one introduced by
    "the/a". Anything else that points back ("this", "that approach", "such changes") is left as it is
    and marked unresolved, with a note for the analyst.
    """
    # '” he' after a closing quote; an opening quote closed inside the subject ("“Dune” ...") stays
    subject = re.sub(r"^(?:[^\w(“\"]|[“\"](?![^“”\"]+[”\"]))+", "", subject)
    subject = headline_cased(subject, article)  # "Will Inflation Fall" -> "inflation"
    subject = _ADVERBIAL_LEAD.sub("", subject)  # "for once May" -> "May"
    subject = _INNER_ASIDE.sub("", subject).strip(" ,")  # "China, for instance," -> "China"
    if _LONE_ADVERB.fullmatch(subject):
        # "Wales, sadly will fall short": the adverb after the comma is no subject; the phrase before is.
        before = re.split(r"[.!?;:—–]\s|,\s*(?:and|but|while)\s", context.rstrip(" ,"))[-1]
        if before and len(before.split()) <= _LIST_ITEM_WORDS and context.rstrip().endswith(","):
            return resolve_subject(
                before.strip(), context[: context.rstrip().rfind(before)], article
            )
    subject = _TRAILING_ADVERB.sub("", subject)  # "A recession next year now" -> "... next year"
    subject = _without_hedge_adjective(
        subject
    )  # "the possible collapse of X" -> "the collapse of X"
    own_sentence = context[([0] + [m.end() for m in _SENTENCE_END.finditer(context)])[-1] :]
    subject = _without_deadline_phrase(subject, own_sentence)
    framed = _OPINION_FRAME.match(subject)
    if framed and subject[framed.end() :].strip():
        # "I predict Biden", "That means everyone": the frame is the author's voice, not the subject.
        return resolve_subject(
            subject[framed.end() :], context + " " + subject[: framed.end()], article
        )
    words = subject.split()
    if not words:
        return Subject(subject, True)
    first = words[0].lower().strip(",")
    near = context[-_CONTEXT_CHARS:]
    country = _THE_COUNTRY.match(subject)
    if country:
        named = _country_before(near)
        if named:
            # "China is slowing the outlook, but the country is unlikely to ...": the country named
            rest = subject[country.end("head") :]
            if rest[:2] in ("’s", "'s") and named.endswith("s"):
                rest = rest[:1] + rest[2:]  # "the Netherlands’ economy"
            name = with_article(named)
            return Subject((name[0].upper() + name[1:] if rest else name) + rest, True)
    if first in _PERSONAL and len(words) == 1:
        person = _last_person(near, article, first)
        if person:
            return Subject(person, True)
    elif first in _POSSESSIVE and len(words) > 1:
        person = _last_person(near, article, "he" if first == "his" else "she")
        if person:
            return Subject(f"{person.split()[-1]}’s {' '.join(words[1:])}", True)
    elif first == "they" and len(words) == 1:
        np = _last_np(_PLURAL_NP, near) or _bare_plural_before(near)
        if np:
            return Subject(_common_first(np, article), True)
    elif first in _QUANTIFIERS and len(words) == 1:
        # "Restaurateurs are entrepreneurial, and many will open new venues": many of the plural before.
        np = _last_np(_PLURAL_NP, near)
        if np and np.split()[0].lower() in {"the", "these", "those"}:
            return Subject(f"{first} of {np}", True)  # "many of the rebel MPs"
        if np:
            lead = np.split()[0]
            bare = (
                np[0].lower() + np[1:]
                if lead[1:].islower() and lead not in _people(article)
                else np
            )
            return Subject(f"{first} {bare}", True)  # "many restaurateurs"
    elif first == "it" and len(words) == 1:
        np = _last_np(_SINGULAR_NP, near) or _bare_opener(near, article)
        if np:
            return Subject(_common_first(np, article), True)
    if first == "to" and len(words) > 1 and words[1].isalpha() and words[1].islower():
        # "To take such action would invite fury": the infinitive subject reads as a gerund.
        return Subject(" ".join([gerund(words[1]), *words[2:]]), True)
    if first in {"which", "who"} and len(words) == 1:
        # "The possible disintegration of the system, which may be inevitable": the noun phrase before.
        ends = [m.end() for m in _SENTENCE_END.finditer(near)]
        own = near[ends[-1] :] if ends else near
        m = _RELATIVE_ANTECEDENT.search(own)
        if m:
            np = _OPENING.sub("", m.group(1).strip())
            if np and np.split()[0].lower() not in _PERSONAL | {"it", "they", "this", "that"}:
                head = np.split()[0]
                np = _without_hedge_adjective(
                    np[0].lower() + np[1:] if head in {"The", "A", "An"} else np
                )
                return Subject(np, True)
    described = _DEMONSTRATIVE.match(subject)
    if described:
        earlier = _earlier_description(described.group("head"), near)
        if earlier:
            return Subject(earlier, True)
    bare_the = re.fullmatch(r"(?i:the)\s+([a-z][a-z-]{2,})", subject)
    if bare_the:
        named = _named_antecedent(bare_the.group(1), context)
        if named:
            return Subject(named, True)  # "the variant" after "the Omicron variant"
    if len(words) == 1 and _people(article).get(subject, subject) != subject:
        return Subject(_people(article)[subject], True)  # "May" -> "Theresa May"
    if (
        len(words) == 1
        and _ABSTRACT_NOUN.fullmatch(subject)
        and not _capitalised_inside(subject, article)
    ):
        return Subject(subject.lower(), True)  # "Immunity, whether ... derived, will wane"
    if first in _PERSONAL or first in _POSSESSIVE or _POINTING.match(subject):
        return Subject(
            subject,
            False,
            f"the subject '{subject}' refers to an earlier sentence: name it",
        )
    return Subject(subject, True)


# "the possible collapse of the euro", "a potential strike": a hedge word inside the subject's noun
# phrase; the probability carries the hedge, and the question asks about the thing itself.
_HEDGE_ADJECTIVE = re.compile(
    r"^(?P<det>the|a|an|any)\s+(?:possible|probable|likely|potential|eventual|prospective)\s+"
    r"(?P<rest>[a-z].*)$",
    re.IGNORECASE,
)


def _without_hedge_adjective(subject: str) -> str:
    """The subject without a hedge adjective right after its determiner, the article agreeing with the
    word now after it ("a likely outcome" -> "an outcome")."""
    m = _HEDGE_ADJECTIVE.match(subject)
    if not m:
        return subject
    det, rest = m.group("det"), m.group("rest")
    if det.lower() in {"a", "an"}:
        an = rest[0].lower() in _VOWELS
        det = ("An" if an else "A") if det[0].isupper() else ("an" if an else "a")
    return f"{det} {rest}"


# "A recession next year now [looks inevitable]": a time adverb left at the subject's end.
_TRAILING_ADVERB = re.compile(
    r"(?<=\w)\s+(?:now|still|already|also|then|too|today)$", re.IGNORECASE
)


def _without_deadline_phrase(subject: str, before: str) -> str:
    """The subject without the time phrase that ends it and gives the question its deadline ("a
    recession next year" -> "a recession"): the sentence's first time phrase, when none comes before
    the subject; the question says "by <deadline>" once."""
    if find_time_expressions(before, _EARLIEST) or len(subject.split()) < 3:
        return subject
    found = [t for t in find_time_expressions(subject, _EARLIEST) if t.start > 0]
    if not found or _LOOKS_BACK.search(subject[: found[0].start]):
        return subject
    t = found[0]
    if subject[t.end :].strip(" ,") or t.text.lower().startswith("on "):
        # only a phrase that ends the subject ("a recession next year") is its time; a day ("the
        # decision on November 3") names the event
        return subject
    rest = (subject[: t.start] + subject[t.end :]).strip(" ,")
    return " ".join(rest.split()) if len(rest.split()) >= 1 else subject


_LOOKS_BACK = re.compile(r"\b(?:last|past|previous|earlier|since)\s*$", re.IGNORECASE)
# A publication date before any article, so that every phrase is found (none is "past") when only
# where a time phrase lies matters, not its date.
_EARLIEST = date(1900, 1, 1)


# "China for instance", "Electric vehicles, in fact,": a discourse aside inside the subject.
_INNER_ASIDE = re.compile(
    r",?\s+(?:for\s+instance|for\s+example|in\s+fact|of\s+course|however|though|in\s+turn|"
    r"on\s+the\s+other\s+hand|by\s+contrast|in\s+contrast|too|as\s+well)\b,?(?=\s|$)",
    re.IGNORECASE,
)
_LONE_ADVERB = re.compile(r"[a-z]+ly|(?i:still|then|now|too|though|however)")


# "I predict", "we don't think that", "That means", "As I foresee,": the author's frame around the
# clause the question is about.
_OPINION_FRAME = re.compile(
    r"^(?:(?:as\s+)?(?:I|we)\s+(?:(?:do\s+not|don['’]t|still|now|also|really|strongly|firmly|"
    r"honestly|personally)\s+)*(?:think|believe|predict|expect|suspect|guess|reckon|bet|fear|"
    r"foresee|see|feel|(?:am|are)\s+(?:sure|confident|certain|convinced))"
    r"|(?:that|this|which|it)\s+means)\b,?\s*(?:that\b\s*)?",
    re.IGNORECASE,
)
# Endings of abstract common nouns that names rarely have ("France", "Farage", "Florence" end
# otherwise): "Immunity", "Inflation", "Unemployment", "Negotiations".
_ABSTRACT_NOUN = re.compile(
    r"[A-Z][a-z]{2,}(?:ity|ities|tion|tions|sion|sions|ness|ment|ments|ism|isms|ship|ancy|ency)"
)


def _common_first(np: str, article: str) -> str:
    """A noun phrase taken from a sentence's start with its first word lower-cased when that word is
    a common noun: the article writes it in lower case too, or it ends like an abstract noun, and it
    is never capitalised after another word ("Negotiations could drag on" -> "negotiations")."""
    first = np.split()[0]
    if (
        not first[:1].isupper()
        or first.isupper()
        or _capitalised_inside(first, article)
        or first in COUNTRIES
    ):
        return np
    if _ABSTRACT_NOUN.fullmatch(first) or re.search(rf"\b{re.escape(first.lower())}\b", article):
        return first.lower() + np[len(first) :]
    return np


def _capitalised_inside(word: str, article: str) -> bool:
    """Whether the article writes the word capitalised after another word (a name, not a common noun)."""
    return bool(re.search(rf"[\w,;] +{re.escape(word)}\b", article))


def headline_cased(phrase: str, article: str) -> str:
    """A phrase that the article writes only inside title-case lines (its headline, subheads) with the
    capitals that title case adds taken off: a capitalised word goes to lower case when the article's
    running text writes it in lower case and never capitalises it after another word ("Higher
    Inflation" -> "higher inflation"; "Federal Reserve" stays, and so does a word the running text
    never uses)."""
    spans = title_case_spans(article)
    at = [m.start() for m in re.finditer(re.escape(phrase), article)] if phrase else []
    if not at or not spans or not all(any(s <= a < e for s, e in spans) for a in at):
        return phrase
    running = _blank_spans(article, spans)
    words = phrase.split(" ")
    bares = [w.strip("“”\"'‘’,.:;") for w in words]
    for i, w in enumerate(words):
        bare = bares[i]
        if not (bare[:1].isupper() and bare[1:].islower() and bare not in _TITLES):
            continue
        pair = _running_pair_case(bares, i, running)
        if pair is False:
            continue
        if pair or (
            re.search(rf"\b{re.escape(bare.lower())}\b", running)
            and not _capitalised_inside(bare, running)
        ):
            words[i] = w.replace(bare, bare.lower(), 1)
    return " ".join(words)


def _running_pair_case(bares: list[str], i: int, running: str) -> bool | None:
    """How the running text writes word i of a title-case phrase together with a capitalised
    neighbour: True when it writes the pair in lower case at least once ("Electric Vehicles" beside
    "electric vehicles": an author's stray capitals on a common noun), False when it writes the pair
    only capitalised ("the Federal Reserve"), None when the pair is not in the running text."""
    verdict: bool | None = None
    for j in (i - 1, i + 1):
        if not 0 <= j < len(bares) or not bares[j][:1].isupper():
            continue
        left, right = (bares[j], bares[i]) if j < i else (bares[i], bares[j])
        if re.search(rf"\b{re.escape(left.lower())}\s+{re.escape(right.lower())}\b", running):
            return True
        if re.search(rf"\b{re.escape(left)}\s+{re.escape(right)}\b", running):
            verdict = False
    return verdict


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span replaced by spaces of the same length."""
    out = text
    for s, e in spans:
        out = out[:s] + " " * (e - s) + out[e:]
    return out


def preceding_text(article: str, sentence: str) -> str:
    """The article's text before `sentence` (its first occurrence), or "" when it is not found."""
    at = article.find(sentence)
    return article[:at] if at > 0 else ""


def balance_quotes(phrase: str) -> str:
    """Close a quotation the phrase opens but a cut left open: 'remain “non-aligned' -> '... “non-aligned”'."""
    if phrase.count("“") > phrase.count("”"):
        return phrase + "”"
    return phrase


_VOWELS = "aeiou"


def gerund(verb: str) -> str:
    """The -ing form of a regular verb: take -> taking, die -> dying, stop -> stopping, see -> seeing."""
    v = verb.lower()
    if v in {"be", "see", "flee", "agree"}:
        return v + "ing"
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith(("ee", "ye", "oe")) and len(v) > 2:
        return v[:-1] + "ing"
    # one syllable ending consonant-vowel-consonant doubles the last letter (stop, win, cut)
    if (
        len(v) <= 4
        and len(v) >= 3
        and v[-1] not in _VOWELS + "wxy"
        and v[-2] in _VOWELS
        and v[-3] not in _VOWELS
        and sum(c in _VOWELS for c in v) == 1
    ):
        return v + v[-1] + "ing"
    return v + "ing"


_POINTING_QUESTION = re.compile(
    r"^Will\s+(?P<s>(?:it|this|that|these|those|they|he|she|we|you|such|his|her|its|their|"
    r"one(?!\s+of\b))\b)"
    # "those who do not join", "those of us": a generic description, not a pointer
    r"(?!\s+(?:who|whom|whose|of|in|with)\b)",
    re.IGNORECASE,
)
# "Will doing so cost ...", "Will the others follow", "Will most of them leave", "Will anyone else
# join": a subject that names nothing without the sentences before it.
_ARTICLE_DEFINITE = re.compile(
    r"^Will\s+(?P<s>[a-z]+ing\s+(?:so|this|that|these|those|such|it|them)\b|"
    r"(?:the\s+)?(?:others|rest|latter|former|remainder)\b|"
    r"(?:many|most|some|few|all|both|each|either|neither|any|none|one|several)\s+of\s+"
    r"(?:them|these|those|us|you|this|that|it)\b|"
    r"(?:any|every|some|no)(?:one|body)\s+else\b)",
    re.IGNORECASE,
)
# "Will the future of our town ...", "Will the value of your savings ...": the author's or the
# reader's, which only the article says.
_AUTHOR_IN_SUBJECT = re.compile(
    r"^Will\s+(?:[\w’'-]+\s+){1,4}?(?:of|in|for|from)\s+(?P<s>my|our|your)\b", re.IGNORECASE
)
# "Will Move make us all poorer' by ...": a closing quote with no opening one (a headline's quotation
# cut in half); "voters' rights" is a possessive.
_STRAY_QUOTE = re.compile(r"(?:[^\Ws][’']|”)(?=\s+by\s+\d{4}|\?$|\s)")
_OPENING_QUOTE = re.compile(r"(?:^|\s)[‘“'\"]")
_WHOLE_SENTENCE = re.compile(r"^Will\s+it\s+(?:happen|turn\s+out)\b")
# "Will I predict ...", "Will we be ...", "Will my work ...": the author or the reader as the subject.
_PERSONAL_QUESTION = re.compile(r"^Will\s+(?P<s>(?:I|i|we|you|my|our|your)\b)")
# "Will it’s the latter", "Will there’s always a chance": a clause with its own verb left in the draft.
_CONTRACTED_CLAUSE = re.compile(
    r"^Will\s+(?:[\w,]+\s+){0,3}?(?:it|he|she|there|here|that|this|we|they|you|I)[’'](?:s|re|m)\b",
    re.IGNORECASE,
)
# "Will the outcome is AI ...", "Will within a year they are ...": a finite verb right after the
# subject where the question needs the bare verb (no relative word before it to own it).
_FINITE_AFTER_SUBJECT = re.compile(
    r"^Will\s+(?!there\b)(?:(?!(?:that|which|who|whom|whose|what|where|when|if|than|as|and|or|"
    r"but|before|after|until|unless|because|while|since|once)\b)[\w’'-]+,?\s+){1,5}?"
    r"(?:is|are|was|were|has|does|did)\s",
    re.IGNORECASE,
)

# "Will Theresa May get it by ...?", "Will the mayor veto them?": a short question whose object is a
# pronoun; nothing in the question can be what it stands for.
_OBJECT_POINTING = re.compile(
    r"^Will\s+(?:[\w’'.-]+\s+){1,4}(?:it|them)(?:\s+(?:himself|herself|itself|themselves))?"
    r"(?:\s+by\s+\d{4}-\d\d-\d\d)?\?$"
)

# "remain low forever", "for years to come", "sooner or later": a span the deadline cannot stand for.
_OPEN_TIME = re.compile(
    r"\b(?:forever|for\s+ever|indefinitely|for\s+(?:years|decades|generations)\s+to\s+come|"
    r"sooner\s+or\s+later|sooner\s+(?:rather\s+)?than\s+later|sooner\s+than\s+\w+\s+(?:think|expect|imagine)|one\s+day|some\s+day|"
    r"someday|in\s+the\s+long\s+(?:run|term)|(?:in|within)\s+(?:our|my|their|your|his|her)\s+"
    r"lifetimes?|"
    # "eventually", "at some point", "in the end": the author says it will come, not by when
    r"eventually|at\s+some\s+(?:point|stage|time)|in\s+the\s+end|in\s+due\s+course|"
    r"one\s+of\s+these\s+days|down\s+the\s+(?:road|line)|in\s+(?:the\s+)?years\s+to\s+come|"
    r"in\s+the\s+(?:distant|far)\s+future)\b",
    re.IGNORECASE,
)
# "in the next elections", "at the coming summit": a date only the event's calendar gives.
_EVENT_NOUN = (
    r"(?:elections?|polls?|votes?|referendums?|summits?|conferences?|congress|season|tournament|"
    r"games|world\s+cup|olympics|midterms|primaries|deadline|talks|hearing|ruling|verdict)"
)
_EVENT_TIME = re.compile(
    r"\b(?:in|at|after|before|by|during|until|till|through)\s+the\s+(?:next|coming|upcoming|"
    rf"future|forthcoming)\s+(?:[\w-]+\s+){{0,2}}?{_EVENT_NOUN}\b",
    re.IGNORECASE,
)
# "Will the more Israel be seen ...": the comparative correlative cut at its comma.
_CORRELATIVE = re.compile(
    r"^Will\s+the\s+(?:(?:more|less|fewer)\s+(?!than\b)|(?:greater|bigger|higher|lower|longer)\s+"
    r"(?!than\b)(?:[A-Z]|[a-z]+\s+(?:will|would|be|is|are)\b))"
)
# "Will among the issues ... are ...", "Will leading the field be Labour ...": a predicate put first.
_INVERTED = re.compile(
    r"^Will\s+(?:(?i:among|within|gone|here|there\s+(?:is|are))\b|[a-z]+ing\b[^?]*?\sbe\s+(?:the\s+)?[A-Z])"
)

# "Will which exceed ...", "Will as an official ...", "Will on Thursday night ...": a subject that
# opens with a relative, a conjunction or a preposition is the wrong piece of the sentence.
_FUNCTION_WORD_SUBJECT = re.compile(
    # "as many as 10,000 jobs", "as much as a third": a quantity, not a subordinate clause
    r"^Will\s+(?!as\s+(?:many|much|few|little)\b)(?:which|who|whom|whose|what(?![’']s\b)|whatever|as|not|on|in|at|for|to|from|with|without|than|if|when|"
    r"because|while|although|though|since|so|and|but|or|nor|unless|whether|"
    # "Will after sufficient time ...", "Will thus force ...": a time phrase or a linking adverb
    # where the subject belongs ("over 50 people", "under 30s" are quantities)
    r"after|before|during|through|throughout|thus|then|therefore|hence|also|yet|still|"
    r"(?:over|under)(?!\s+\d))(?![\w-])",
    re.IGNORECASE,
)
# "Will Did Iran become ...", "Will is China ...": an auxiliary verb read as the subject ("May" the
# name is left alone).
_AUXILIARY_SUBJECT = re.compile(
    r"^Will\s+(?:is|are|was|were|did|does|do|has|have|had|can|could|would|should|will|shall|must|"
    r"might|be|been|being)\s",
    re.IGNORECASE,
)
# "win ’s general election": a possessive cut from its noun; "between now and by 2024-07-04": a
# word that needs a complement right before the deadline.
_BROKEN = re.compile(
    r"\s[’']s\b|\b(?:and|or|between|of|with|to|the|a|an|than|from|into|for)\s+by\s+\d{4}-\d\d-\d\d\?$"
    # "Will the pressure do by ...": an auxiliary with its verb or complement cut off
    r"|\s(?:do|does|be|have)\s+by\s+\d{4}-\d\d-\d\d\?$"
)
# Signs of a sentence run together or cut short inside the draft: a negated contraction left after
# "Will" ("Will X won’t go far enough"), an ellipsis, or "but" opening a clause with a subject of its
# own ("... but the autumn see ..."), or a second event joined by ", and then".
_RUN_TOGETHER = re.compile(
    r"\b\w+n[’']t\b|\.\.\.|…|\sbut\s+(?:the|a|an|its|their|his|her|this|that|these|those)\s"
    # "..., and then subside": a second event after the first
    r"|,\s+and\s+then\s+[a-z]",
    re.IGNORECASE,
)
# "Will Covid to become endemic": a name followed by an infinitive where the bare verb belongs (a
# title-case hedge, "Likely To", was cut out of a headline).
_INFINITIVE_PREDICATE = re.compile(r"^Will\s+(?:[A-Z][\w’'-]*\s+){1,3}(?i:to)\s+[A-Za-z]+\b")

# "Will the crisis Russia faces after a truce would make ...": a modal of the sentence's own left after
# the subject, with no relative word before it to own it.
_SECOND_MODAL = re.compile(
    r"^Will\s+(?:(?!(?:that|which|who|whom|whose|what|it|they|he|she|we|you|I|there|this|if|when|"
    r"as|than|and|or|but|so)\b)(?!\d{4}-\d\d-\d\d)[\w’'“”-]+,?\s+){1,8}"
    r"(?:would|will|could|might|must|should|can|may)\s"
)

# A note that opens with this withholds the draft: the drafter could not make a grammatical,
# self-contained question, and the analyst writes it (the interactive flow asks for it).
NO_DRAFT = "no draft: "


def draft_note(question: str) -> str | None:
    """What is wrong with a draft, or None when nothing is known to be: a note opening with NO_DRAFT
    withholds it (a subject pointing back at an earlier sentence or at the author, a draft built
    from the whole sentence, a clause with its own verb left inside)."""
    if not re.match(r"Will\s", question):
        # "Does anyone think ...?", "That bad code will ...?": the author's own sentence, not a draft
        return NO_DRAFT + "the draft is not a 'Will ...?' question: write the question"
    if _WHOLE_SENTENCE.match(question):
        return NO_DRAFT + "no one subject and predicate found in the sentence: write the question"
    m = _POINTING_QUESTION.match(question) or _PERSONAL_QUESTION.match(question)
    if m:
        return NO_DRAFT + (
            f"the subject ('{m.group('s')} ...') refers to an earlier sentence or to the author: "
            "write the question naming it"
        )
    m = _ARTICLE_DEFINITE.match(question)
    if m:
        return NO_DRAFT + (
            f"the subject ('{m.group('s')} ...') means something only the article says: write the "
            "question naming it"
        )
    m = _AUTHOR_IN_SUBJECT.match(question)
    if m:
        return NO_DRAFT + (
            f"'{m.group('s')}' in the subject is the author's or the reader's: write the question "
            "naming it"
        )
    if _STRAY_QUOTE.search(question) and not _OPENING_QUOTE.search(question):
        return NO_DRAFT + "a quotation cut from a headline is left in the draft: write the question"
    span = _OPEN_TIME.search(question)
    if span:
        return NO_DRAFT + (
            f"the claim sets no date of its own ('{span.group()}'): choose a deadline and write the "
            "question"
        )
    event = _EVENT_TIME.search(question)
    if event:
        return NO_DRAFT + (
            f"the claim is timed by an event ('{event.group().strip()}'): write the question with "
            "that event's date as the deadline"
        )
    if re.search(r"\b(?:until|till)\b[^?]*\sby\s\d{4}-\d\d-\d\d", question):
        return NO_DRAFT + (
            "the claim runs 'until ...': write the question with that as its deadline or condition"
        )
    if _CORRELATIVE.match(question):
        return NO_DRAFT + "'the more X, the more Y' is a conditional: write 'Will Y ... if X ...?'"
    if _INVERTED.match(question):
        return (
            NO_DRAFT + "an inverted sentence (its subject comes after the verb): write the question"
        )
    if _AUXILIARY_SUBJECT.match(question):
        return NO_DRAFT + "a verb was read as the subject: write the question"
    if (
        _FUNCTION_WORD_SUBJECT.match(question)
        or _BROKEN.search(question)
        or _RUN_TOGETHER.search(question)
        or _INFINITIVE_PREDICATE.match(question)
    ):
        return NO_DRAFT + "the sentence was cut in the wrong place: write the question"
    if _OBJECT_POINTING.match(question):
        return (
            NO_DRAFT
            + "the object ('it') refers to an earlier sentence: write the question naming it"
        )
    if (
        _CONTRACTED_CLAUSE.match(question)
        or _FINITE_AFTER_SUBJECT.match(question)
        or _SECOND_MODAL.match(question)
    ):
        return NO_DRAFT + "a clause with its own verb is left inside the draft: write the question"
    return None


# "In that case, ...", "In this scenario ...", "If so, ...", "Otherwise ...", "Then ...", "Without them,
# ...": the forecast rests on a condition or event stated in an earlier sentence, which the question
# would silently drop ("In that event the bank will cut rates" depends on what "that event" is).
_EARLIER_CONDITION = re.compile(
    r"\b(?:in|under)\s+(?:that|this|such\s+an?|either|which|each|both|these|those)\s+"
    r"(?:case|cases|scenarios?|event|eventuality|situation|circumstances?)\b"
    r"|\bif\s+(?:so|not)\b(?!\s+(?:only|all|most|more|for)\b)"
    r"|^\W*(?:(?:and|but|or)\s+)?(?:otherwise|then|failing\s+(?:that|this))\b"
    r"|,\s*otherwise\b"
    r"|^\W*(?:(?:and|but)\s+)?without\s+(?:them|it|this|that|these|those|him|her)\b",
    re.IGNORECASE,
)
# "if this new deal fails", "unless that happens", "if such a plan passes": the condition itself
# points back at an earlier sentence.
_POINTING_CONDITION = re.compile(
    r"^(?:even\s+)?(?:if|unless|once|when|should|as\s+long\s+as|provided\s+(?:that\s+)?|"
    r"assuming\s+(?:that\s+)?)\s+(?P<p>this|that|these|those|such)\b",
    re.IGNORECASE,
)


# "if we act now", "unless you sell": a condition about the author or the reader.
_AUTHOR_CONDITION = re.compile(
    r"^(?:even\s+)?(?:if|unless|once|when|should|as\s+long\s+as|provided\s+(?:that\s+)?)\s+"
    r"(?:we|I|you|us|our|my|your)\b",
    re.IGNORECASE,
)


# "If the union accepted the offer the strike would end": a leading clause with no comma or "then"
# to show where it ends, so where the subject starts is unknown.
_LEADING_CLAUSE = re.compile(
    r"^\W*(?:(?:and|but|so)\s+)?(?:even\s+)?(?:if|unless|once|when|whenever|although|though|because|"
    r"since|while|as\s+long\s+as)\s",
    re.IGNORECASE,
)


def unmarked_clause_note(sentence: str, hedge_start: int) -> str | None:
    """A NO_DRAFT note when the sentence opens with a subordinate clause that nothing in the sentence
    closes (no comma, dash or "then"), else None. The forecast may sit inside the clause itself ("While
    Russia is unlikely to negotiate, it ..."), so the close is looked for in the whole sentence."""
    if _LEADING_CLAUSE.match(sentence[:hedge_start]) and not re.search(
        r"[,;:–—]|\bthen\b", sentence
    ):
        return NO_DRAFT + (
            "the sentence opens with a clause whose end is not marked (no comma): write the question"
        )
    return None


def earlier_condition_note(sentence: str, condition: str | None) -> str | None:
    """A NO_DRAFT note when the forecast rests on a condition the sentence only points back at ("In
    that case", "If so", "Otherwise", "Then", "if this deal fails"), else None."""
    m = _EARLIER_CONDITION.search(sentence)
    if m:
        return NO_DRAFT + (
            f"the claim rests on a condition stated earlier ('{m.group().strip(' ,')}'): write the "
            "question naming that condition"
        )
    a = _AUTHOR_CONDITION.match(condition or "")
    if a:
        return NO_DRAFT + (
            f"the condition ('{a.group().strip()} ...') is about the author or the reader: write "
            "the question naming who"
        )
    p = _POINTING_CONDITION.match(condition or "")
    if p:
        return NO_DRAFT + (
            f"the condition ('{p.group().strip()} ...') refers to an earlier sentence: write the "
            "question naming it"
        )
    return None


# "The minister's promise that the plants will close by June simply sets a date": a forecast that is
# the content of a noun opening the sentence ("the promise that ...", "fears that ..."), which the
# sentence then says something about; its clause has no marked end, so the draft runs into the verb.
_NOUN_CONTENT_SUBJECT = re.compile(
    # the noun phrase's own words: determiners, names, possessives, an adjective
    r"^\W*(?:(?:the|a|an|this|these|those|his|her|its|their|our|my|your|recent|new|latest|"
    r"widespread|growing|repeated|public|official)\s+"
    r"|(?!(?:Given|If|When|While|Although|Though|Because|As|Since|Unless|Despite|But|And|That|This|"
    r"It|There)\b)[A-Z][\w.-]*\s+|[\w-]+[’']s\s+){0,6}?"
    r"(?:announcement|promise|pledge|claim|idea|notion|fears?|hopes?|news|prediction|expectation|"
    r"assumption|belief|warning|suggestion|threat|decision|prospect|possibility|risk|danger|"
    r"assurance|insistence|argument|forecast|projection|report|rumou?r|message|signal)s?\s+that\s",
    re.IGNORECASE,
)


def noun_content_note(sentence: str, hedge_start: int) -> str | None:
    """A withheld draft when the forecast sits in a "that" clause of the noun that is the sentence's
    subject ("Her promise that taxes will fall by June sets ..."): where that clause ends, and the
    sentence's own verb starts, cannot be told, and the forecast is rarely the author's own."""
    m = _NOUN_CONTENT_SUBJECT.match(sentence[:hedge_start])
    if not m or re.search(r"[,;:—–]", sentence[m.end() : hedge_start]):
        return None  # the hedge is in a later clause ("Fears that X are overblown, and Y will ...")
    return (
        NO_DRAFT
        + "the forecast is the content of a noun the sentence is about ('the promise that ...'): write the question"
    )


# "In the longer term, prices look set to rise", "over the long run": the author looks past the
# default one-year horizon, and no date in the sentence says how far.
_LONG_RUN = re.compile(
    r"\b(?:in|over|for)\s+the\s+(?:long|longer|very\s+long|medium|medium\s+to\s+long)[-\s]+"
    r"(?:term|run|haul)\b|\b(?:long|longer)[-\s]term\s*,|\bin\s+the\s+(?:decades|generations)\s+"
    r"(?:ahead|to\s+come)\b|\b(?:taking|take|takes)\s+(?:many\s+)?(?:years|decades)\s+to\b",
    re.IGNORECASE,
)


def long_run_note(sentence: str, basis: str | None) -> str | None:
    """A withheld draft for a claim about the long run that has no date of its own: the one-year
    default would contradict it, and only the analyst can say how long to wait."""
    if basis != "default" or not _LONG_RUN.search(sentence):
        return None
    return (
        NO_DRAFT
        + "the claim looks past the default horizon ('in the long run'): write the question with its deadline"
    )


def withheld(note: str | None) -> bool:
    """Whether a candidate's note withholds its drafted question (see NO_DRAFT)."""
    return bool(note) and note.startswith(NO_DRAFT)  # type: ignore[union-attr]


def offered_question(question: str, note: str | None) -> str | None:
    """The drafted question the analyst is shown, or None when the note withholds it."""
    return None if withheld(note) else question


# Words that open a sentence with a possessive and are not names: "Today’s vote", "Everyone’s".
_COMMON_POSSESSORS_TEXT = (
    "today tomorrow yesterday everyone everybody nobody someone somebody anyone anybody one "
    "this that year week month world country nation government"
)
_COMMON_POSSESSORS = frozenset(_COMMON_POSSESSORS_TEXT.split())


def names_possessor(word: str) -> bool:
    """Whether a capitalised word with a possessive 's ("Harris’s", "Europe’s") is a name: common
    words rarely open a sentence as a possessor, except those of time and the indefinite pronouns."""
    m = re.fullmatch(r"([A-Z][\w-]*)['’]s", word)
    return bool(m) and m.group(1).lower() not in _COMMON_POSSESSORS  # type: ignore[union-attr]


_TAKES_A_CLAUSE = re.compile(
    r"(?i)(?:say|says|said|think|thinks|believe|believes|expect|expects|argue|argues|fear|fears|"
    r"hope|hopes|know|knows|clear|sure|certain|likely|unlikely|fact|idea|view|claim|belief|"
    r"notion|sign|signs|means|suggests|shows|is|are|was|were|so|such|now)"
)


def relative_clause(before: str, rest: list[str]) -> bool:
    """Whether "that <rest>" right before the hedge is a relative clause inside the subject ("Agents that
    help bring you up to speed [would]") rather than a complement clause whose subject is <rest>
    ("argue that prices [will]"): a noun, not a verb of saying, comes before "that", and what follows
    is a long run opening with a lower-case word that is no determiner, so a verb."""
    if not rest or _TAKES_A_CLAUSE.fullmatch(before.strip(",;:")):
        return False
    first = rest[0]
    return (
        len(rest) >= 4
        and first.isalpha()
        and first.islower()
        and first not in _DETERMINER_WORDS
        and not first.endswith("s")  # "prices", "markets": a plural noun, the clause's subject
    )


_DETERMINER_WORDS = frozenset(
    ("the", "a", "an", "this", "that", "these", "those", "some", "many", "most", "any", "every",
     "each", "all", "no", "its", "his", "her", "their", "our", "my", "your", "such", "there", "it",
     "they", "he", "she", "we", "you", "one", "both", "few", "several", "much", "more", "less")
)  # fmt: skip


_LIST_ITEM_WORDS = 10


def list_subject(parts: list[str]) -> str | None:
    """A coordinated list that is the whole subject, split at its commas: "Accepting a deal, ending the
    war, and working with Trump[,] won't ..." -> the list, not its last item. The list ends in an
    "and"/"or" item right before the hedge (a trailing comma allowed), and every item is short."""
    items = list(parts)
    if items and not items[-1].strip():
        items = items[:-1]  # the comma before the hedge
    if len(items) < 3 or not re.match(r"^\s*(?:and|or)\s", items[-1]):
        return None
    if any(not p.strip() or len(p.split()) > _LIST_ITEM_WORDS for p in items):
        return None
    # Items are noun phrases or gerunds: no item is a clause ("the economy grew 5 per cent, and it")
    # and the first opens no adverbial ("While X, A, B and C", "During 2024, ...").
    if any(_CLAUSE_SIGN.search(p) for p in items) or re.match(
        r"^\W*(?:if|when|while|as|because|since|although|though|unless|during|in|on|at|after|"
        r"before|for|with|by|from|under|over|until|without|despite)\b",
        items[0],
        re.IGNORECASE,
    ):
        return None
    return ",".join(items).strip()


_CLAUSE_SIGN = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|do|does|did|grew|rose|"
    r"fell|said|says)\b|\b(?:it|they|he|she|we|I)\s*$",
    re.IGNORECASE,
)


_TITLE_WORDS_SHARE = 0.5


def title_case_spans(article: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of lines written in title case: no closing full stop, and at least
    half of their words capitalised ("Why Russia Can’t Afford Peace", "4. Peace Would Destabilise")."""
    spans = []
    offset = 0
    for line in article.split("\n"):
        words = re.findall(r"[A-Za-z][\w'’-]*", line)
        if (
            words
            and not line.rstrip().endswith((".", "?", "!", ":", ";", ",", "”", '"'))
            and sum(w[0].isupper() for w in words) >= _TITLE_WORDS_SHARE * len(words)
        ):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


# Hedges that name the event's fate, not an action: "X is inevitable", "X would be a non-starter".
_FATE = re.compile(
    r"(?:inevitable|unavoidable|non-starter|nonstarter|impossible|unthinkable|inconceivable|"
    r"out\s+of\s+the\s+question|a\s+given|a\s+foregone\s+conclusion)$",
    re.IGNORECASE,
)


def fate_predicate(phrase: str) -> str | None:
    """ "happen" for a hedge that states whether the subject comes about ("the collapse is inevitable",
    "that would be a non-starter"): the question asks whether it happens."""
    return "happen" if _FATE.search(phrase.strip()) else None


_IMAGINE = re.compile(r"(?:imagine|see|envisage|envision|foresee|conceive\s+of|picture)$", re.I)
_NP_START = re.compile(r"^\s*(?:a|an|the|any|some|no|such|another)\s", re.IGNORECASE)


def imagined_event(phrase: str, after: str) -> str | None:
    """The noun phrase a hedge of imagining governs ("it is hard to imagine a compromise that would
    allow for peace" -> "a compromise that would allow for peace"), for "Will there be <it>?"."""
    if not _IMAGINE.search(phrase.strip()) or not _NP_START.match(after):
        return None
    np = re.split(r"[,;:.!?]|\s[—–-]\s", after.strip(), maxsplit=1)[0].strip()
    return re.sub(r"^no\s", "a ", np, flags=re.IGNORECASE) or None


_RELATIVE_ANTECEDENT = re.compile(r"(?:^|[;:]\s*)([^,;:]{3,120}?),\s*$")


# Irregular past forms and their bare verbs, for a condition put back into the present tense.
_IRREGULAR_PAST_TEXT = (
    "went:go came:come took:take made:make gave:give won:win lost:lose fell:fall broke:break "
    "chose:choose ran:run got:get saw:see began:begin left:leave met:meet became:become "
    "kept:keep held:hold sent:send found:find brought:bring paid:pay sold:sell told:tell "
    "stood:stand grew:grow rose:rise drove:drive spent:spend built:build fought:fight "
    "struck:strike sank:sink threw:throw wrote:write said:say thought:think knew:know "
    "led:lead felt:feel withdrew:withdraw overtook:overtake forgave:forgive"
)
_IRREGULAR_PAST = dict(pair.split(":") for pair in _IRREGULAR_PAST_TEXT.split())
# Verbs whose past is their bare form ("if the Fed cut rates"): present only with a singular subject.
_SAME_PAST_TEXT = "cut put set hit let quit spread cost hurt shut"
_SAME_PAST = frozenset(_SAME_PAST_TEXT.split())
_CONDITION_OPENER = re.compile(
    r"^(?P<c>(?:even\s+)?(?:if|unless|once|when|as\s+long\s+as|so\s+long\s+as|provided\s+(?:that\s+)?|"
    r"assuming\s+(?:that\s+)?|in\s+case))\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_CONTRACTED_BE = re.compile(r"^\w+[’'](?:s|re|m|ve|d)$", re.IGNORECASE)
# "if they made the same mistake as in 2016", "if it grew last year": a condition about the past.
_PAST_MARK = re.compile(
    r"\b(?:ago|last|yesterday|earlier|previously|already|(?:19|20)\d\d)\b", re.I
)
# Words that end the condition's subject without a past verb: a present verb, or a clause of its own.
_NOT_PAST_STOP_TEXT = (
    "is are am has have does do can will may must should shall what which who that than as because "
    "where by in on at to for with from"
)
_NOT_PAST_STOP = frozenset(_NOT_PAST_STOP_TEXT.split())


def _plural_subject(words: list[str]) -> bool:
    last = words[-1].lower()
    if last in {"they", "we", "you", "i"} or "and" in (w.lower() for w in words):
        return True
    if len(words) > 1 and words[-2].lower() == "the" and words[-1][:1].isupper():
        return words[-1].endswith("s") and not words[-1].isupper()  # the Tories, the Democrats
    return (
        words[-1].endswith("s")
        and not words[-1].isupper()
        and not words[-1][:1].isupper()
        and not last.endswith(("ss", "us", "is", "news"))
    )


def _third_person(verb: str) -> str:
    if verb == "have":
        return "has"
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _regular_base(past: str) -> str | None:
    """The bare verb of a regular past form: raised -> raise, stopped -> stop, tried -> try,
    opened -> open; None when the word is not one."""
    if not past.endswith("ed") or len(past) < 5:
        return None
    if past.endswith("ied"):
        return past[:-3] + "y"
    if past.endswith("eed"):
        return past[:-1]
    stem = past[:-2]
    if stem[-1] == stem[-2] and stem[-1] not in "ls" + _VOWELS:
        return stem[:-1]  # stopped, planned
    if stem.endswith(("ss", "sh", "ch", "x", "ck", "ll")):
        return stem
    if stem[-1] in "cvzg" or (stem[-1] == "s" and stem[-2] in _VOWELS + "lnp"):
        return stem + "e"  # forced, solved, changed, raised, collapsed
    if stem[-2] in _VOWELS and stem[-3] not in _VOWELS:
        # one vowel before the last consonant: voted, ruled, decided; but opened, visited, entered
        if stem.endswith(("en", "er", "on", "it", "el", "al", "om", "or")) and len(stem) >= 4:
            return stem
        return stem if stem[-1] in "wxy" else stem + "e"
    return stem  # rained, failed, turned, started


# "unless Ukraine is also offered ...", "if the league even expands ...": a focus adverb inside the
# condition compares with something the question does not name; the condition holds without it.
_CONDITION_FOCUS = re.compile(
    r"(?<=\S)\s+(?:also|even)\b(?!\s+(?:if|though|when|as)\b)", re.IGNORECASE
)


def present_condition(condition: str) -> str:
    """The condition a "Will ...?" question asks under: without a focus adverb inside it ("unless X is
    also offered" -> "unless X is offered") and in the present tense (see _present_tense)."""
    return _present_tense(_CONDITION_FOCUS.sub("", condition))


def _present_tense(condition: str) -> str:
    """A condition put in the present tense a "Will ...?" question needs: "if no deal went through"
    -> "if no deal goes through", "if Russia were to win" -> "if Russia wins", "unless the board
    changed course" -> "unless the board changes course"; the condition unchanged when its verb is
    not found in the past."""
    inverted = re.match(r"^were\s+(.+?)\s+to\s+(\S+)(.*)$", condition, re.IGNORECASE)
    if inverted:
        # "Were Russia to win" -> "if Russia were to win", then put in the present below
        condition = f"if {inverted.group(1)} were to {inverted.group(2)}{inverted.group(3)}"
    m = _CONDITION_OPENER.match(condition)
    if not m or _PAST_MARK.search(condition):
        return condition
    words = m.group("rest").split(" ")
    for i in range(1, min(len(words), 6)):
        w = words[i]
        low = w.lower()
        if low in _NOT_PAST_STOP or (not w.isalpha() and low not in {"didn’t", "didn't"}):
            return condition
        if _CONTRACTED_BE.match(words[i - 1]):
            return condition  # "if he's convicted": a passive in the present
        if words[i - 1].lower() in _DETERMINER_WORDS:
            continue  # a word after "the", "a", "its" is a noun: "if the cut in rates is small"
        subject = words[:i]
        plural = _plural_subject(subject)
        rest = words[i + 1 :]
        if low in {"were", "was"}:
            if rest[:1] == ["to"] and len(rest) > 1:
                verb = rest[1].lower()
                new = [verb if plural else _third_person(verb)]
                rest = rest[2:]
            else:
                new = ["are" if plural else "is"]
        elif low == "had":
            new = ["have" if plural else "has"]
        elif low == "could":
            new = ["can"]
        elif low in {"did", "didn’t", "didn't"}:
            aux = "do" if plural else "does"
            new = [aux + w[3:]] if len(w) > 3 else [aux]
        elif low in _IRREGULAR_PAST or (low in _SAME_PAST and not plural):
            verb = _IRREGULAR_PAST.get(low, low)
            new = [verb if plural else _third_person(verb)]
        elif (base := _regular_base(low)) is not None:
            new = [base if plural else _third_person(base)]
        else:
            continue
        return " ".join([m.group("c"), *subject, *new, *rest])
    return condition


# "The longer the war lasts, the more likely Russia will win": a comparative correlative, a
# conditional in disguise ("Will Russia win ... if the war lasts longer?").
_COMPARATIVE = (
    r"(?:more|less|fewer|longer|shorter|higher|lower|greater|bigger|smaller|faster|slower|sooner|"
    r"later|worse|better|deeper|stronger|weaker|harder|wider|further|larger|richer|poorer)"
)
_CORRELATIVE_SENTENCE = re.compile(
    rf"^\W*(?:(?:and|but|so|yet)\s+)?the\s+(?P<c1>{_COMPARATIVE})\s+(?P<x>[^,;:]+?),\s+"
    rf"the\s+(?P<c2>(?:more|less)\s+[\w-]+|{_COMPARATIVE})\s+(?P<y>[^;:]+?)\W*$",
    re.IGNORECASE,
)
_CLAUSE_OPENERS_TEXT = (
    "the a an this that these those his her its their our my your we they he she it i you"
)
_CLAUSE_OPENERS = frozenset(_CLAUSE_OPENERS_TEXT.split())
_FINITE_TEXT = (
    "will would could might may can must should shall is are was were has have does do won’t "
    "won't can’t can't"
)
_FINITE = frozenset(_FINITE_TEXT.split())


def _comparative_clause(comp: str, clause: str) -> str:
    """ "longer" + "the war lasts" -> "the war lasts longer"; "more" + "voters turn out" -> "more
    voters turn out"; "more" + "money the bank prints" -> "the bank prints more money"; "bigger" +
    "the deficit" -> "the deficit is bigger"."""
    words = clause.split()
    low = [w.lower() for w in words]
    if (
        comp.lower() in {"more", "less", "fewer"}
        and low[0] not in _CLAUSE_OPENERS
        and not words[0][:1].isupper()
    ):
        # a fronted object: "more money the bank prints"
        at = next((i for i in range(1, min(len(low), 4)) if low[i] in _CLAUSE_OPENERS), None)
        if at is not None:
            return " ".join([*words[at:], comp, *words[:at]])
        return f"{comp} {clause}"
    if len(words) <= 2 and low[0] in _CLAUSE_OPENERS and low[-1] not in _FINITE:
        be = "are" if words[-1].endswith("s") and not words[-1].endswith("ss") else "is"
        return f"{clause} {be} {comp}"
    return f"{clause} {comp}"


def correlative_sentence(sentence: str) -> str | None:
    """ "The longer the drought lasts, the more likely farmers will sell their herds" -> "farmers will
    sell their herds if the drought lasts longer"; "The more the bank prints, the higher inflation
    will climb" -> "inflation will climb higher if the bank prints more"; None when the sentence is
    not one, or its second half lowers the odds ("the less likely ...")."""
    m = _CORRELATIVE_SENTENCE.match(sentence)
    if not m:
        return None
    c2, y = m.group("c2"), m.group("y")
    if re.match(r"less\s+likely|less\s+probable", c2, re.IGNORECASE):
        return None
    if re.match(r"more\s+(?:likely|probable)$", c2, re.IGNORECASE):
        consequence = re.sub(r"^(?:it\s+(?:is|becomes|will\s+be)\s+)?(?:that\s+)?", "", y)
    else:
        words = c2.split()
        first = y.split()[0].lower() if y.split() else ""
        if len(words) == 2 and first in _FINITE:
            # "the more Russia will suffer": the word after "more" is the subject
            y, c2 = f"{words[1]} {y}", words[0]
        split = re.match(
            r"(.+?)\s+(?:will|would|could|might|may|can|must|is\s+going\s+to)\s+(.+)$", y
        )
        if not split:
            return None
        consequence = f"{y} {c2}"
    condition = _comparative_clause(m.group("c1"), m.group("x"))
    return f"{consequence} if {condition}."


# --- the quality gate -----------------------------------------------------------------------
# A draft is offered only when nothing in it is known to need the article or a rewrite: each check
# below names one general way a drafted question fails an analyst (bench/data/extraction/DRAFTS.md),
# and a draft that fails any of them is withheld (NO_DRAFT), so the analyst writes the question
# from the sentence. The checks read the sentence, the hedge's place in it and the drafted question.

_QUESTION_PARTS = re.compile(
    r"^Will\s+(?P<body>.+?)(?:\s+by\s+(?P<date>\d{4}-\d\d-\d\d))?(?P<tail>\s+(?:even\s+)?"
    # "once and for all" is an idiom of the predicate, not "once X" the condition
    r"(?:if|unless|once(?!\s+and\s+for\s+all)|when|should|as\s+long\s+as|provided|assuming)\b.*)?\?$",
    re.DOTALL,
)
# Words that stand for something only the article names, wherever they sit in the question: personal
# pronouns, the author and the reader, demonstratives, and words that need a comparison the article
# makes ("other", "elsewhere", "remaining", "the latter").
_POINTER_ANYWHERE = re.compile(
    r"\b(?i:they|them|we|our|ours|you|your|yours|me|my|this|these|elsewhere|others?|remaining|"
    r"latter|aforementioned)\b|\b(?:us|I)\b"
    # "those who ...", "those of us": a description, not a pointer; "such as": an example follows
    r"|\b(?i:those)\b(?!\s+(?:who|whom|whose|of|in|with)\b)|\b(?i:such)\b(?!\s+as\b)"
    # "the same" alone (a pronoun: "Germany will do the same", "the same will happen"); "the same
    # way", "the same as in 2023" name what they compare
    r"|\b(?i:the\s+same)\b(?=\s+(?:by\s+\d|will|would|could|may|might|happens?|for|to)\b|[?,]|$)"
    # "the former" alone (a pronoun); "the former Wagner leader" is an adjective
    r"|\b(?i:the\s+former)\b(?=\s+(?:by\s+\d|and|or)\b|[?,]|$)"
    # "that" ending the phrase or after a preposition: a demonstrative ("stop that from happening")
    r"|\bthat\s+[a-z]+(?=\s+by\s+\d{4}|\?|$)"
    r"|\b(?i:of|on|to|from|at|about|for|with|around|stop|prevent|avoid|do)\s+(?i:that|it)\b"
    r"(?!\s+(?:is|are|was|were|will|would|could|can|may|might|has|have|had|the|a|an)\b)"
    # "it" as an object; not the subject of a verb inside the question ("the space it needs", "as it
    # is"), which takes up a noun the question names, nor the dummy "make it harder to ..."
    r"|\b(?i:it)\b(?!\s+(?:is|was|will|would|could|can|may|might|has|had|[a-z]+s)\b)"
    r"(?!\s+[\w-]+\s+(?:to|for|that)\b)",
)
# "he", "she", "him": they take up a person the question names before them ("Will Vladimir Putin win
# a war that he started"); with no name before them they point back. A possessive "his"/"her" in the
# predicate takes up the subject ("Will the champion retain her title"); in the subject it is checked
# below.
_PERSONAL_POINTER = re.compile(r"\b(?i:he|she|him|himself|herself)\b")
_NAME_BEFORE = re.compile(
    r"(?<!\bthe\s)(?<!\bThe\s)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*"
    # "the Russian leader", "the new president": a person named by their role
    r"|\b(?i:leader|president|minister|chancellor|premier|king|queen|candidate|nominee|ruler|"
    r"dictator|chief|governor|senator|mayor|champion|man|woman|author|founder|owner)\b"
)
# "each other", "other than", "on the other hand": "other" that points back at nothing.
_HARMLESS_OTHER = re.compile(r"\beach\s+other\b|\bother\s+than\b|\bthe\s+other\s+hand\b", re.I)
# Possessives that point back: inside the subject they always need the article; inside the predicate
# "its"/"their" can take up the subject ("the Fed will cut its rates").
_SUBJECT_POSSESSIVE = re.compile(r"^(?:\S+\s+)?(?i:his|her|its|their)\b")
# Subjects that name no resolvable set: "a lot", "everyone", "everything", "much" ("anyone", from
# "nobody will ...", asks whether there is one and is left alone).
_VAGUE_SUBJECT = re.compile(
    r"^(?:a\s+lot|lots|much|little|everyone|everybody|everything|anything|someone|somebody|"
    r"something|nobody|no\s+one|nothing|all|many|most|some|few)$",
    re.IGNORECASE,
)
# A subject that opens with a word no noun phrase opens with ("Will no pushovers", "Will starting
# with ...", "Will addicted as ...", "Will nationwide be ...").
_BAD_SUBJECT_START = re.compile(
    r"^(?:(?i:no|not|nationwide|right|left|just|only)|[a-z]+ed|[a-z]+ly(?!\s+[a-z]+ing\b))\b"
    r"(?!\s+of\b)"
)
# A clause with its own subject and finite verb kept inside the predicate, after a subordinator or a
# comma ("... as the chaps debate whether they should ...", "..., the Prime Minister has lost ...").
_FINITE_VERB = (
    r"(?:is|are|was|were|has|have|had|will|would|could|can|may|might|must|should|does|do|did)"
)
_SECOND_CLAUSE = re.compile(
    rf"(?:\b(?:because|although|though|whereas|while|as|since|whether)\s+(?!(?:a|an|well|much|many|"
    rf"long|soon|far|such|likely)\b)(?:[\w’'-]+\s+){{0,8}}?{_FINITE_VERB}\b"
    rf"|,\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?:[\w’'-]+\s+){{0,4}}?{_FINITE_VERB}\b)",
    re.IGNORECASE,
)
# A predicate that ends inside a relative clause with no verb ("become another disease that health
# systems").
_OPEN_RELATIVE = re.compile(
    rf"\b(?:that|which|who|whom|whose)\s+(?!(?:[\w’'-]+\s+){{0,3}}{_FINITE_VERB}\b)"
    r"(?:[\w’'-]+\s+){0,3}[\w’'-]+$"
)
# A date of its own left in the predicate beside the question's deadline ("leave the EU on 29 March
# 2019 by 2019-12-07", "enter 2023 ... by 2023-12-22"); "the 2024 election" names the event.
_PREDICATE_DATE = re.compile(
    r"(?<!the\s)(?<!’s\s)(?<!'s\s)\b(?:19|20)\d\d\b"
    r"(?=\s+(?:with|in|on|at|by|and|or|as|for|to|when|if)\b|\s*[,.;?]|\s*$)"
    r"|\b(?:this|next|that)\s+(?:year|month|week|spring|summer|autumn|fall|winter)\b"
    r"|\b(?:for\s+the\s+(?:whole|full|entire)\s+year)\b"
    # "before the emergence of new variants", "until the end of the war": a time set by an event
    r"|\b(?:before|until|till|ahead\s+of|by)\s+the\s+(?:emergence|arrival|end|start|beginning|"
    r"onset|advent|return|outbreak|close|completion)\s+of\b"
    # a duration of its own ("last for months", "for years"): the deadline cannot stand for it
    r"|\bfor\s+(?:many\s+|several\s+|some\s+)?(?:days|weeks|months|years|decades|generations|"
    r"a\s+long\s+time|some\s+time|the\s+foreseeable\s+future)\b",
    re.IGNORECASE,
)
# A subject that is one bare noun of quality after "the" ("the novelty", "the uncertainty", "the
# weakness"): a quality is always of something, and with no "of ..." only the sentences before say
# what. Nouns of things and bodies ("the coalition", "the bridge") are left alone.
_BARE_NOUN_SUBJECT = re.compile(r"^the\s+(?P<n>[a-z][a-z-]*(?:ity|ty|ness))$")
# "would" alone (not "would likely", "would probably") is the conditional mood: when the sentence
# states no condition, the event rests on one the article sets out elsewhere ("a Republican House
# would be a nightmare", "transiting the strait would be fraught with risk").
# "might" is the remote, conditional possibility: "Her administration might focus on ...", "Agents
# might be misused ..." rest on a case the article sets out elsewhere (a scenario, a capability), and
# with no condition in the sentence the question would drop it ("might well", "might even" too).
_BARE_CONDITIONAL = re.compile(
    r"^(?:would|’d|'d|might(?:\s+(?:well|even|also|yet|just))?)(?:\s+not|n['’]t)?$", re.IGNORECASE
)
# "would likely", "would probably", "would almost certainly": the conditional mood with a likelihood
# adverb is still the conditional mood ("Harris would likely support ...", written before an election
# she might lose); with no condition in the sentence, it rests on one the article states elsewhere.
_ADVERB_CONDITIONAL = re.compile(
    r"^(?:would|’d|'d)(?:\s+not|n['’]t)?\s+(?:(?:most|very|quite|almost|highly)\s+)?"
    r"(?:likely|probably|certainly|surely|presumably|undoubtedly|possibly|inevitably)$",
    re.IGNORECASE,
)
# "Trump: His approach could ...", "Option B: prices might ...": a sentence under a label is an entry
# of a list of scenarios (one per candidate, option or case), each resting on its label's case
# coming about, which the question does not name.
_LABELLED_SCENARIO = re.compile(r"^\W*(?:[A-Z][\w’'.&-]*\s+){0,3}[A-Z][\w’'.&-]*\s*:\s+\S")
_SCENARIO_MODAL = re.compile(r"^(?:would|could|may|might)\b", re.IGNORECASE)
# "Under Trump, ...", "Under a Labour government, ...": the claim holds under a case the question
# drops.
_UNDER_CASE = re.compile(r"^\W*(?i:(?:(?:and|but|so)\s+)?under)\s+(?:an?\s+|the\s+)?[A-Z]")
# "For example, an agent could share ...", "For instance, if X, Y may ...": an illustration of what
# could happen, not the author's forecast of what will.
_ILLUSTRATION = re.compile(
    r"^\W*(?:(?:and|but|so)\s+)?(?:for\s+(?:example|instance)|as\s+an\s+example|to\s+take\s+an\s+"
    r"example|e\.g\.|say)\b\s*,"
    # "China, for instance, will ...", "Ports for example will ...": the same aside inside the sentence
    r"|^[^;:]{1,60}?[\s,](?:for\s+(?:example|instance))\b",
    re.IGNORECASE,
)
# "Will any invasion fail", "Will any deal hold": "any" assumes the event the question should ask
# about ("any of the parties" picks from a named set and is left alone).
_ANY_SUBJECT = re.compile(r"^any\s+(?!of\b|one\b|body\b)[a-z]", re.IGNORECASE)
# "X Doomed to Failure", "a plan headed for extinction": one abstract noun after the hedge, where
# the question needs a verb ("Will the summit failure ...").
_NOUN_AFTER_HEDGE = re.compile(
    r"^\s*(?P<n>[A-Za-z]+(?:ure|tion|sion|ment|ness|ity|ance|ence))\W*$", re.IGNORECASE
)
# A state that lasts, asked about at a date: "Will COVID continue", "Will the virus stay", "Will there
# be a protracted conflict", "Will sea ice continue to melt", "go on growing" (a course already under
# way goes on): the predicate names no event that happens by the deadline.
_PERSISTING = re.compile(
    r"(?:^|\s)(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bat\s)"
    r"(?:continue|stay|remain|persist|last|endure|linger|go\s+on|carry\s+on|keep\s+going)$"
    r"|\b(?:continue|carry\s+on|go\s+on)\s+(?:to\s+[a-z]+|[a-z]+ing)\b"
    r"|\b(?:protracted|prolonged|drawn-out|long-running|long-lasting|lasting|enduring|permanent|"
    r"perpetual|endless|interminable)\s+[a-z]",
    re.IGNORECASE,
)
# A focus adverb left inside the question ("renew commitments also", "offered NATO membership also"):
# it compares the event with another the question does not name ("even if", "even though" open a
# condition or a concession, and "even after ..." a time).
_FOCUS_INSIDE = re.compile(
    r"\balso\b|\beven\b(?!\s+(?:if|though|as|when|while|after|before|so|then|numbers?)\b)"
    # "blur not just in writing": the rest of "not just X but Y" was cut
    r"|\bnot\s+(?:just|only|merely|simply)\b",
    re.IGNORECASE,
)
# "Will Kim Jong-un ensures his survival": a verb in the third person where "Will" needs the bare form
# ("pass", "focus", "bias", "has" are not it).
_THIRD_PERSON_PREDICATE = re.compile(
    r"^(?!(?:[a-z]*ss|[a-z]*us|[a-z]*is|[a-z]*ys|has|does|was|gas|yes|news|series|species)\b)"
    r"[a-z]{2,}s\b"
)
# "pay more", "spend less", "Will fewer ... by": an amount compared with nothing the question names
# (more than now? than others?); "Will Russia lose", "the US will lose out", "Sri Lanka may benefit":
# an outcome verb with nothing to say what is lost, won or gained.
_OPEN_END = re.compile(
    r"\s(?:more|less|fewer)$"
    r"|^(?:lose|win|benefit|gain|lose\s+out|miss\s+out)$",
    re.IGNORECASE,
)
# "after the 29 May poll", "following the summit", "after March": the claim is timed from an event or
# a date as its earliest moment; the default horizon may end before it, and only the article's
# calendar says how long after.
_AFTER_TIME = re.compile(
    r"\b(?:after|following|in\s+the\s+wake\s+of)\s+(?:the\s+|this\s+|next\s+|its\s+|their\s+)?"
    r"(?:(?:[\w-]+\s+){0,3}?(?:elections?|polls?|votes?|referendums?|summits?|conferences?|"
    r"congress|season|tournament|games|world\s+cup|olympics|midterms|primaries|deadline|talks|"
    r"hearing|ruling|verdict|inauguration|ceasefire|truce|war)\b"
    r"|(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:january|february|march|april|june|july|august|"
    r"september|october|november|december)\b|(?:19|20)\d\d\b)",
    re.IGNORECASE,
)
# A condition in the sentence ("if", "unless", "were X to", "should X") the draft must carry.
_SENTENCE_CONDITION = re.compile(
    r"\b(?:if|unless|provided\s+that|as\s+long\s+as|so\s+long\s+as|in\s+the\s+event\s+of|"
    r"assuming)\b|^\W*(?:were|should|had)\s+\w+",
    re.IGNORECASE,
)
# Someone else's forecast or a premise: "researchers expect that ...", "they thought ... could",
# "under the assumption that ...", "the delusion that ...".
_ATTRIBUTED = re.compile(
    r"\b(?:expects?|expected|estimated|predicts?|predicted|thought|believed|assumes?|assumed|hoped|"
    r"feared|projected|stresses|stressed|suggests?|suggested|thinks?|says|said|believes?|argues?|"
    r"argued|claimed|warns?|warned)\b"
    r"|\b(?:under|on)\s+the\s+(?:\w+\s+)?(?:assumption|premise|condition|hypothesis)\b"
    r"|\b(?:delusion|illusion|notion|assumption|premise|belief|fantasy|myth)\s+that\b"
    # "A countervailing possibility is that ...", "The real danger we face is that ...": a case the
    # author names, not one they forecast
    r"|\b(?:possibility|danger|risk|fear|worry|concern|scenario|hope|temptation)\s+"
    r"(?:[\w’']+\s+){0,3}?(?:is|was)\s+that\b",
    re.IGNORECASE,
)
_FIRST_PERSON_FRAME = re.compile(r"\b(?:I|we)\s+(?:[\w’']+\s+){0,2}$", re.IGNORECASE)
# Advice, not odds: "should", "ought to" as the hedge ("countries should expect ...").
_ADVICE = re.compile(r"\b(?:should|ought)\b", re.IGNORECASE)
# "a likely peak", "the probable outcome": the hedge word modifies a noun; the sentence asserts a fact.
_ATTRIBUTIVE_HEDGE = re.compile(
    r"\b(?:a|an|the|its|their|his|her|this|that)\s+(?:\w+\s+)?$", re.IGNORECASE
)


_ATTRIBUTIVE_WORD = re.compile(
    r"likely|probable|possible|perhaps|possibly|probably|potentially|maybe", re.IGNORECASE
)
# "central banks that will send ...": the hedge opens a restrictive relative clause (no comma before
# it); the main clause, and the claim, are elsewhere in the sentence. ", which may be inevitable"
# asserts its own claim about the noun before it and is left alone.
_RELATIVE_BEFORE = re.compile(r"(?<![,\w])\s*\b(?:that|who)\s+$")
# "... in April, when the energy cap will be lowered": "when" or "where" with a future "will" opens a
# relative clause on a time or a place (a clause of time says "when the cap is lowered"); the claim
# is the main clause's, and the relative clause's date is not the question's.
_WHEN_RELATIVE_BEFORE = re.compile(r"\b(?:when|where|whereby)\s+[^,;:.!?()]{1,80}?$", re.IGNORECASE)
# "may be entering", "could be heading": an epistemic modal over a progressive guesses at the present.
_PRESENT_GUESS = re.compile(r"^(?:may|might|could|must)(?:\s+well)?$", re.IGNORECASE)
_PROGRESSIVE = re.compile(r"^\s*(?:well\s+)?be\s+(?:[a-z]+ly\s+)?(?!being\b)[a-z]{2,}ing\b")
# "key thresholds there", "prices here": a place only the article names ("Will there be" is no place).
_PLACE_POINTER = re.compile(r"(?<=\w)\s+(?i:there|here)\b")
# "earlier collisions", "later rounds": a time only the article's events fix.
_RELATIVE_TIME_SUBJECT = re.compile(r"^(?:earlier|later|previous|subsequent)\s+[a-z]", re.I)


# A hedge word left inside the question ("the possible disintegration ... happen", "be likely to"):
# the probability carries it, the event must not (DRAFTS.md rule 3).
_HEDGE_INSIDE = re.compile(
    r"\b(?:possible|possibly|probably|probable|likely|unlikely|perhaps|maybe|potentially|surely|"
    r"certainly|inevitably|increasingly)\b",
    re.IGNORECASE,
)
# A comparison with nothing to compare with: "be less", "be in a better shape", "fewer people ..."
# without "than": only the article says than what.
_OPEN_COMPARISON = re.compile(
    r"^(?:fewer|more|less)\s|\b(?:be|become|get|grow)\s+(?:in\s+an?\s+)?(?:much\s+|far\s+)?"
    r"(?:less|more|fewer|better|worse|(?!(?:over|under|after|never|ever|another|other|together|rather|either|neither)\b)[a-z]{2,}er)\b"
    r"(?!\s+(?:than|and)\b)",
    re.IGNORECASE,
)


# "many restaurateurs", "some banks": a quantity no one can count when the question resolves.
_VAGUE_QUANTITY = re.compile(r"^(?:many|some|several|few|a\s+few|most)\s+[a-z]", re.IGNORECASE)
# "be difficult", "be effortless", "be a mistake": the author's evaluation of the event, not an event;
# no record shows it.
_EVALUATION = re.compile(
    r"(?:^|\s)be\s+(?:(?:very|so|too|increasingly|extremely|far|more|less|much|quite|rather)\s+)*"
    r"(?:difficult|easy|effortless|hard|tough|simple|costly|risky|dangerous|painful|wise|unwise|"
    r"foolish|sensible|a\s+mistake|an\s+error|a\s+disaster|a\s+nightmare|a\s+blunder|suicide|"
    r"suicidal|a\s+good\s+idea|a\s+bad\s+idea|"
    # how people will feel about it or how much it will matter: no record shows it either
    r"unpopular|popular|controversial|divisive|vulnerable|significant|important|crucial|vital|"
    r"the\s+same|different|(?:an?\s+)?(?:(?:very|highly|deeply|hugely)\s+)?(?:controversial|"
    r"divisive|significant|major|serious|big|huge|key)\s+(?:issue|problem|challenge|concern|factor|"
    r"blow|setback))\b"
    # "play a significant role", "be seen as a precursor", "be compared to": a part or a perception
    r"|\bplay\s+an?\s+(?:\w+\s+)?(?:role|part)\b"
    # "find it difficult to win": how hard it will be for the subject, not whether it happens
    r"|\bfind\s+it\s+(?:(?:very|so|too|more|less|much|quite|rather)\s+)*(?:difficult|easy|hard|"
    r"tough|impossible|simple)\b"
    r"|(?:^|\s)be\s+(?:[a-z]+ly\s+|[a-z]+-[a-z]+ly\s+)*(?:seen|viewed|regarded|considered|"
    r"perceived|compared|described|remembered|judged|labelled|labeled|branded)\s+(?:as|to|like)\b",
    re.IGNORECASE,
)
# "Will the seeds have been sown", "Will X have served two terms": a perfect after "Will" guesses at
# the past or states what will already be so, not an event to come ("have to", "have a say" pass).
# A relative clause's own perfect ("people who have moved") is left alone.
_PERFECT = re.compile(r"(?<!who\s)(?<!that\s)(?<!which\s)\bhave\s+(?:been|[a-z]{3,}ed)\b")
# ", where the rival appears to lead", ", which will ...": a clause of its own after a comma; and
# "against Raila Odinga who is vying for ...": a relative clause on a name adds to it whether or not
# a comma is written (a name needs no clause to say which one), so it is a clause of its own too.
_COMMA_RELATIVE = re.compile(
    r",\s+(?:where|which|who|whose)\s|\b[A-Z][a-z][\w’'-]*\s+(?:who|whose)\s"
)
# "a government like the US", "countries such as Chile": one of a kind the example stands for, not a
# referent; "a hardline approach", "a new strategy": a plan no one has named, so nothing to check.
_GENERIC_SUBJECT = re.compile(
    r"^(?:an?|any)\s+(?:[\w-]+\s+){1,2}(?:like|such\s+as)\s"
    r"|^(?:[a-z-]+\s+){0,1}[a-z-]+s\s+(?:like|such\s+as)\s"
    r"|^(?:an?)\s+(?:[\w-]+\s+){0,3}(?:approach|policy|strategy|move|plan|stance|tactic|course)$",
    re.IGNORECASE,
)


# "Will there be strike down the law": a verb where "there be" needs a noun phrase (a particle or a
# determiner right after the word shows it is a verb with its object).
_THERE_BE_VERB = re.compile(
    r"^there\s+be\s+(?!(?:a|an|the|any|no|some|more|less|fewer|much|many|further|another)\b)[a-z]+\s+"
    r"(?:down|up|out|off|back|away|the|a|an|its|their|his|her|our)\b"
)


# "Will there be be strengthened", "Will there be gross more than $5": a verb after "there be" (an
# auxiliary, an -ly adverb, or a word with a quantity object) where a noun phrase belongs.
_THERE_BE_AUX = re.compile(
    r"^there\s+be\s+(?:(?:be|been|have|has|get|become|can|will)\b"
    r"|(?!(?:early|only|likely|daily|weekly|monthly|yearly|costly|deadly|friendly|elderly|"
    r"orderly|timely|lonely)\b)[a-z]{3,}ly\s"
    r"|(?!(?:a|an|the|any|no|some|more|less|fewer|much|many|further|another)\b)[a-z]+\s+"
    r"(?:more|less|fewer)\s+than\b)"
)
# "Will now win a third term", "Will also rise": an adverb where the subject belongs.
_ADVERB_SUBJECT = re.compile(
    r"^(?:now|then|also|still|already|thus|so|soon|again|indeed|even|just|only)\s", re.IGNORECASE
)
# "... proliferate there", "... be sold here": a place only the article names, at the predicate's end.
_PLACE_AT_END = re.compile(r"(?<!\bget)(?<!\bgot)(?<!\bbe)\s+(?:there|here)$", re.IGNORECASE)
# "fight it anymore", "any longer": a negative-polarity word only reads with the author's "not".
_NEGATIVE_POLARITY = re.compile(r"\b(?:anymore|any\s+more|any\s+longer)$", re.IGNORECASE)
# ", and thus prevents ...", ", when the rival lost": a clause of its own joined to the predicate.
_JOINED_CLAUSE = re.compile(
    rf",?\s+and\s+(?:thus|so|therefore|hence|then)\s+(?:[a-z]+s|{_FINITE_VERB})\b"
    # inside the body (a condition "when X" comes after the deadline, in the tail)
    r"|,\s+when\s",
    re.IGNORECASE,
)
# "do the same", "follow suit": the event is whatever the article said someone else did.
_ECHO_PREDICATE = re.compile(
    r"\b(?:do|does|did)\s+(?:the\s+same(?=\s*(?:$|[,;]|\s(?:as|again|thing)\b))|likewise|so\s+too)"
    r"|\bfollows?\s+suit\b",
    re.IGNORECASE,
)
# "need to be strong", "have to withdraw": a necessity the author states, not an event a record shows.
_NECESSITY = re.compile(r"^(?:need|needs|have|has)\s+to\s", re.IGNORECASE)
# "..., and possibly create an upset": a second claim with odds of its own after "and".
_HEDGED_CONJUNCT = re.compile(
    r"\band\s+(?:possibly|perhaps|maybe|probably|likely)\s+(?P<verb>[a-z]{3,})\b", re.IGNORECASE
)

# A time of the claim's own left in the question beside its deadline, in forms the year check above
# does not see: a named day or season ("before Election Day", "ahead of Christmas"), a span the event
# lasts or fills ("through the year", "for another two years"), a point in a period ("at the end of
# the season", "during the first year of ...", "in the first months of ..."), a month or an
# approximate year ("around October", "around 2030", "in the late 2020s"), or a span ahead that the
# deadline did not take ("over the next decade"). The question would then carry two times.
# A month by name; "May" is left out, since after "before", "after" or "until" it is as often the name
# of a person ("after May resigns") as the month.
_MONTH = "(?:" + "|".join(m for m in MONTH_NAMES if m != "May") + ")"
_OWN_TIME = re.compile(
    r"\b(?:before|until|till|ahead\s+of)\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+)*(?:Day|Eve|Christmas|"
    r"Easter|Thanksgiving|Ramadan|Diwali|Olympics|holidays)\b"
    r"|\bthrough(?:out)?\s+(?:the\s+|this\s+|next\s+)?(?:year|decade|month|season|summer|winter|"
    r"spring|autumn|fall|(?:19|20)\d\d)\b"
    r"|\bfor\s+the\s+rest\s+of\b"
    r"|\bfor\s+(?:an?\s+|another\s+|an\s+additional\s+|a\s+further\s+|the\s+next\s+)?"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|few|couple\s+of)\s+"
    r"(?:more\s+)?(?:days|weeks|months|quarters|years|decades)\b"
    r"|\b(?:at|towards?|near|in|around)\s+the\s+(?:very\s+)?(?:end|start|beginning|close|middle|"
    r"turn)\s+of\b"
    r"|\b(?:during|in|within)\s+(?:the\s+)?(?:first|second|third|next|last|final|coming|early)\s+"
    r"(?:\w+\s+)?(?:days|weeks|months|year|years|quarter|half|term|months|stages?)\s+of\b"
    rf"|\b(?:around|in|until|till|before|from|during|since|through|after)\s+"
    rf"(?:(?:early|late|mid)(?:-|\s+))?{_MONTH}\b"
    r"|\b(?:around|circa|about|approximately)\s+(?:the\s+year\s+)?(?:19|20)\d\d\b"
    r"|\bin\s+the\s+(?:early|mid|late)(?:-|\s+)(?:19|20)?\d0[’']?s\b"
    r"|\b(?:over|in|during)\s+the\s+(?:next|coming|following)\s+(?:\w+\s+)?(?:days|weeks|months|"
    r"quarters|years|decades?|year|month|week)\b"
    # a calendar day ("on Sunday", "18th December", "March 3")
    r"|\b(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b",
)
# An adverb of manner or degree between the subject and the verb ("will swiftly become", "will
# quietly submit", "will scarcely bat an eye", "will negatively impact"): the author's colour on the
# event, or a degree that turns its polarity ("scarcely", "barely"); the question resolves on neither,
# so the analyst rewords it. Adjectives in -ly and the hedges and focus words tidy_predicate already
# drops are not this.
_PREVERBAL_ADVERB = re.compile(
    rf"^\s*(?!(?:only|early|likely|unlikely|daily|weekly|monthly|yearly|quarterly|{_FOCUS})\b)"
    r"(?P<adverb>[a-z]{3,}ly)\s+[a-z]",
    re.IGNORECASE,
)
# A reason kept in the question ("inch higher, due in part to El Nino", "win for a simple reason"):
# why the author expects the event, not part of it; a judge must not check it.
_REASON_KEPT = re.compile(
    r"\b(?:due\s+(?:in\s+(?:large\s+|great\s+|no\s+small\s+)?part\s+|largely\s+|mainly\s+|mostly\s+)?"
    r"to|owing\s+to|thanks\s+(?:in\s+part\s+)?to|because\s+of|on\s+account\s+of|"
    r"for\s+(?:a|one|the)\s+(?:\w+\s+)?reasons?)\b",
    re.IGNORECASE,
)
# The question body ends in ", <Name>": the sentence's next clause starts there ("Though the party will
# not win a majority, Modi and ...") and the cut left its subject behind.
_CUT_AT_NAME = re.compile(r",\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?$")

# "be stable", "be quite high", "be brief", "be slow": a predicate that ends in a state of degree,
# with no measure or threshold to read it against; only the analyst can say what level counts. A
# degree adverb before any word marks it as such a state; without one, the common adjectives of level,
# pace, strength and calm do.
_DEGREE_STATE = re.compile(
    r"(?:^|\s)be\s+(?:(?:quite|very|so|too|fairly|rather|pretty|extremely|relatively|remarkably|"
    r"reasonably|somewhat)\s+[a-z]+"
    r"|(?:high|low|slow|fast|quick|strong|weak|stable|unstable|brief|short|long|good|bad|poor|"
    r"tight|loose|calm|quiet|volatile|resilient|robust|sluggish|muted|subdued|modest|healthy|"
    r"normal|steady|solid|firm|soft|sharp|mild|severe|intense|fierce|tense|busy|cheap|expensive))$",
    re.IGNORECASE,
)

# Words that are never names, so a capital on one inside the question is the sentence's first letter
# kept by mistake ("Will Whoever wins the semi-final beat ...").
_NEVER_NAMES_TEXT = (
    "whoever whatever whichever whenever wherever everyone everybody everything anyone anybody "
    "each every both all some most many few several none those these such"
)
_NEVER_NAMES = frozenset(_NEVER_NAMES_TEXT.split())
# A sentence with fewer than two lower-case words of four letters or more is title case.
_CONTENT_LETTERS = 4
_RUNNING_WORDS = 2


def casing_note(sentence: str, body: str) -> str | None:
    """A NO_DRAFT note when the question breaks the sentence's capitals: a word the sentence writes
    capitalised after its first word, and never in lower case, comes out lower-cased ("The New
    England Patriots" -> "the new England Patriots"), or a word that is never a name keeps the capital
    of the sentence's start ("Will Whoever wins ..."). A title-case sentence (a headline, whose
    capitals the drafter takes off on purpose) is left alone."""
    words = re.findall(r"[A-Za-z][\w’'-]*", sentence)
    if sum(1 for w in words if w[0].islower() and len(w) >= _CONTENT_LETTERS) < _RUNNING_WORDS:
        return None
    inner_capital = {w for w in words[1:] if w[0].isupper()}
    lower = {w for w in words if w[0].islower()}
    for word in re.findall(r"(?<![\w’'-])[a-z][\w’'-]*", body):
        if word.capitalize() in inner_capital and word not in lower:
            return NO_DRAFT + f"'{word}' is a name's word lower-cased: write the question"
    first = re.match(r"[A-Z][a-z]+", body)
    if first and first.group().lower() in _NEVER_NAMES:
        return NO_DRAFT + f"'{first.group()}' keeps the sentence's capital: write the question"
    return None


# A measure set off by commas between the subject and the verb ("inflation, measured by CPI, will
# be 6%"): which series resolves the question; a question without it can resolve on another.
_MEASURE_ASIDE = re.compile(
    r",\s+(?:as\s+)?(?:measured|adjusted|calculated|defined|counted|expressed)\s+(?:by|for|as|in|on)\s+"
    r"(?P<by>[^,]{2,60}),"
)
# "make it impossible for Congress to enact ...": the author's claim is whether Congress enacts it; the
# question would ask about a difficulty no record shows, with the polarity left in the frame.
_MAKE_IT = re.compile(
    r"\bmake\s+it\s+(?:(?:much|far|very|even|more|less|all\s+but)\s+)*(?:impossible|possible|"
    r"difficult|hard|harder|easier|easy|tougher|likelier|unlikely|likely)\s+(?:for|to)\b",
    re.IGNORECASE,
)

# A hedge adjective right before a noun, after a comma or "and" ("disdain for norms, improbable hair
# and skin tone"): it describes the noun inside a list of a factual sentence, and no clause makes it
# a forecast ("improbable that", "improbable to" are left alone).
_LISTED_HEDGE = re.compile(r"(?:,|\band)\s*$")
_HEDGE_ADJECTIVES_TEXT = (
    "likely unlikely probable improbable possible impossible inevitable certain uncertain"
)
_HEDGE_ADJECTIVES = frozenset(_HEDGE_ADJECTIVES_TEXT.split())
_NOUN_NEXT = re.compile(r"^\s+(?!(?:to|that|if|for|and|or|but|as|in|at|by|from)\b)[a-z]{3,}\b")
# A headline's grammar: "X set to win Y", "X likely to fall" with no "is" or "are" before the hedge
# and no full stop; the question copies a headline's shortcuts ("win Taiwan presidency").
_HEADLINE_HEDGES_TEXT = "set poised likely unlikely expected due bound tipped primed"
_HEADLINE_HEDGES = frozenset(f"{word} to" for word in _HEADLINE_HEDGES_TEXT.split())
_COPULA_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|seems?|looks?|appears?|remains?|and|or|but|now|still|"
    r"very|highly|most|more|less|also|not)\s*$|[,;:]\s*$",
    re.IGNORECASE,
)
_SENTENCE_STOP = re.compile(r"[.!?][”\"’')\]]*\s*$")
# "Or, maybe, she will ...", "Or they could collapse ...": an alternative the author sets beside
# another course in the sentences before; the question would ask it as the author's own forecast.
_ALTERNATIVE_OPENER = re.compile(r"^\W*Or\b", re.IGNORECASE)


def _split_question(question: str) -> tuple[str, str] | None:
    """(body, condition tail) of "Will <body> by <date> <condition>?", or None."""
    m = _QUESTION_PARTS.match(question.strip())
    if not m:
        return None
    return m.group("body"), (m.group("tail") or "")


def _predicate_start(body: str, sentence: str, hedge_end: int) -> int | None:
    """Where the predicate starts in the question body: the first content word after the hedge in the
    sentence, found again in the body (not at its start); None when it is not there."""
    for word in re.findall(r"[A-Za-z’'-]+", sentence[hedge_end:])[:6]:
        if _LEADING_FOCUS.match(word + " ") or word.lower() in _SKIPPED_AFTER_HEDGE:
            continue
        m = re.search(rf"(?<=\s){re.escape(word)}\b", body)
        if m and m.start() > 0:
            return m.start()
    return None


_SKIPPED_AFTER_HEDGE_TEXT = (
    "not be have to that will would could may might can he she it they we you i"
)
_SKIPPED_AFTER_HEDGE = frozenset(_SKIPPED_AFTER_HEDGE_TEXT.split())


# A condition of two words or fewer ending in a name ("if Mudavadi", "unless Kenya") lost its verb
# ("if re-elected", "if so" are whole).
_SHORTEST_CONDITION = 2


def gate_note(
    sentence: str, question: str, hedge: str | None, hedge_start: int | None, condition: str | None
) -> str | None:
    """A NO_DRAFT note when the draft is not known to be usable as it stands, else None.

    The checks, each general: the sentence is the author's own forecast (not advice, a fact with an
    attributive "likely", someone else's forecast or a premise); a bare "would" has its condition
    in the sentence; a condition the sentence states is in the question; the question names every
    referent (no pronoun, demonstrative, "other"/"elsewhere", possessive in the subject, vague
    quantity as subject); the subject opens like a noun phrase; the predicate is one clause, not cut
    inside a relative clause, and holds no date of its own beside the deadline."""
    parts = _split_question(question)
    if parts is None or hedge is None or hedge_start is None:
        return None
    body, tail = parts
    faithless = polarity_note(sentence, question) or split_name_note(sentence, question)
    if faithless:
        return faithless
    before = sentence[:hedge_start]
    hedge_end = hedge_start + len(hedge)
    if _ADVICE.search(hedge):
        return NO_DRAFT + f"'{hedge}' gives advice or an obligation, not odds: write the question"
    if _ATTRIBUTIVE_HEDGE.search(before) and _ATTRIBUTIVE_WORD.fullmatch(hedge):
        return NO_DRAFT + f"'{hedge}' describes a noun; the sentence states a fact"
    # the attribution is before the hedge, or is the hedge itself ("analysts expect that ...")
    attributed = _ATTRIBUTED.search(before) or _ATTRIBUTED.match(hedge)
    frame = before[: attributed.start()] if attributed and attributed.string == before else before
    if attributed and not _FIRST_PERSON_FRAME.search(frame):
        return NO_DRAFT + (
            f"the forecast is someone else's or a premise ('{attributed.group()}'): write the "
            "question if the author makes it their own"
        )
    span = _OPEN_TIME.search(sentence)
    if span:
        return NO_DRAFT + (
            f"the claim sets no date of its own ('{span.group()}'): choose a deadline and write the "
            "question"
        )
    if _WHEN_RELATIVE_BEFORE.search(before):
        return NO_DRAFT + (
            "the hedge sits in a 'when'/'where' relative clause: the claim is elsewhere in the "
            "sentence"
        )
    if _RELATIVE_BEFORE.search(before):
        return (
            NO_DRAFT + "the hedge sits in a relative clause: the claim is elsewhere in the sentence"
        )
    if _ILLUSTRATION.match(sentence):
        return NO_DRAFT + "an illustration ('for example'), not the author's forecast"
    if _LABELLED_SCENARIO.match(sentence) and _SCENARIO_MODAL.match(hedge):
        return NO_DRAFT + (
            "an entry in a labelled list of scenarios: the question must name the case it rests on"
        )
    if not condition and _UNDER_CASE.match(sentence):
        return NO_DRAFT + "the claim holds 'under' a case the draft drops: write the question"
    if not condition and _ADVERB_CONDITIONAL.match(hedge):
        return NO_DRAFT + (
            f"'{hedge}' is the conditional mood with no condition in the sentence: write the "
            "question naming the case it rests on"
        )
    after = _AFTER_TIME.search(sentence)
    if after:
        return NO_DRAFT + (
            f"the claim is timed from an event or date ('{after.group().strip()}'): write the "
            "question with a deadline after it"
        )
    if not condition and _BARE_CONDITIONAL.match(hedge):
        return NO_DRAFT + (
            f"'{hedge}' with no condition in the sentence: the event rests on a condition the "
            "article states elsewhere; write the question naming it"
        )
    if (
        condition
        and len(condition.split()) <= _SHORTEST_CONDITION
        and condition.split()[-1][:1].isupper()
    ):
        # "if Mudavadi": the condition was cut short of its verb
        return NO_DRAFT + f"the condition ('{condition}') is cut short: write the question"
    if not condition and _SENTENCE_CONDITION.search(sentence):
        return NO_DRAFT + "the sentence states a condition the draft drops: write the question"
    if re.search(rf",\s+(?:[a-z]+s|{_FINITE_VERB})\b", tail):
        return NO_DRAFT + "the condition runs into the sentence's main clause: write the question"
    at = _predicate_start(body, sentence, hedge_end)
    subject = body[:at].strip() if at is not None else body
    predicate = body[at:] if at is not None else ""
    pointer = _POINTER_ANYWHERE.search(_HARMLESS_OTHER.sub(" ", f"{body}{tail}"))
    if pointer:
        return NO_DRAFT + (
            f"'{pointer.group().strip()}' stands for something only the article names: write the "
            "question naming it"
        )
    personal = _PERSONAL_POINTER.search(f"{body}{tail}")
    if personal and not _NAME_BEFORE.search(f"{body}{tail}"[: personal.start()]):
        return NO_DRAFT + (
            f"'{personal.group()}' has no name before it in the question: write the question naming "
            "who"
        )
    his = re.search(r"\b(?i:his|her)\b", subject)
    if _SUBJECT_POSSESSIVE.search(subject) or (
        his and not _NAME_BEFORE.search(subject[: his.start()])
    ):
        return NO_DRAFT + "a possessive in the subject points back: write the question naming it"
    noun = _NOUN_AFTER_HEDGE.match(sentence[hedge_end:])
    if noun and re.search(rf"\b{re.escape(noun.group('n'))}$", body, re.IGNORECASE):
        return NO_DRAFT + f"a noun ('{noun.group('n')}') where the question needs a verb"
    if _ANY_SUBJECT.match(subject):
        return NO_DRAFT + (
            f"the subject ('{subject}') assumes the event: write the question asking whether it "
            "happens"
        )
    if _GENERIC_SUBJECT.search(subject):
        return NO_DRAFT + f"the subject ('{subject}') is a kind or a plan, not a referent: name it"
    bare_noun = _BARE_NOUN_SUBJECT.match(subject)
    if bare_noun:
        return NO_DRAFT + f"the subject ('{subject}') is definite only from the article: name it"
    if (
        _VAGUE_SUBJECT.match(subject)
        or _BAD_SUBJECT_START.match(subject)
        or _VAGUE_QUANTITY.match(subject)
    ):
        return NO_DRAFT + f"the subject ('{subject}') names nothing resolvable: write the question"
    if _PRESENT_GUESS.match(hedge) and _PROGRESSIVE.match(sentence[hedge_end:]):
        return NO_DRAFT + (
            f"'{hedge} be ...ing' guesses at the present, not the future: write the question"
        )
    if _PLACE_POINTER.search(subject) or _RELATIVE_TIME_SUBJECT.match(subject):
        return NO_DRAFT + f"the subject ('{subject}') needs the article's place or time: name it"
    if _THERE_BE_VERB.match(body) or _THERE_BE_AUX.match(body):
        return NO_DRAFT + "a verb after 'there be', where a noun phrase belongs: write the question"
    if _ADVERB_SUBJECT.match(body):
        return NO_DRAFT + "an adverb where the subject belongs: write the question naming it"
    body_end = re.sub(r"\s+by\s+\d{4}-\d{2}-\d{2}$", "", body)
    if _PLACE_AT_END.search(body_end):
        return (
            NO_DRAFT + "'there' or 'here' needs the article's place: write the question naming it"
        )
    if _NEGATIVE_POLARITY.search(body_end):
        return NO_DRAFT + (
            "a negative-polarity word ('anymore', 'any longer') kept without its 'not': write the "
            "question"
        )
    if _JOINED_CLAUSE.search(f"{body}{tail}"):
        return NO_DRAFT + "a second clause is kept in the question: write the question"
    if _ECHO_PREDICATE.search(body):
        return NO_DRAFT + (
            "the predicate ('do the same') stands for an event only the article names: write it"
        )
    if predicate and _NECESSITY.match(predicate.strip()):
        return NO_DRAFT + "a necessity ('need to', 'have to') is not an event: write the question"
    conjunct = _HEDGED_CONJUNCT.search(sentence[hedge_end:])
    if conjunct and re.search(rf"\band\s+{conjunct.group('verb')}\b", body, re.IGNORECASE):
        return NO_DRAFT + (
            "a second claim with odds of its own ('and possibly ...') is joined to the event: "
            "write the question"
        )
    if re.search(r"\beven\s+if\b", sentence, re.IGNORECASE) and re.search(
        r"(?<!\beven)\s+if\b", f"{body}{tail}", re.IGNORECASE
    ):
        return NO_DRAFT + (
            "'even if' (the event happens either way) turned into 'if': write the question"
        )
    evaluation = _EVALUATION.search(body)
    if evaluation:
        return NO_DRAFT + (
            f"'{evaluation.group().strip()}' is the author's evaluation, not an event a record shows"
        )
    if _PERFECT.search(body):
        return NO_DRAFT + (
            "a perfect ('have been', 'have ...ed') guesses at the past or states what will already "
            "be so: write the question"
        )
    if _COMMA_RELATIVE.search(body):
        return NO_DRAFT + (
            "a relative clause after a comma or on a name is kept in the question: write it"
        )
    inside = _HEDGE_INSIDE.search(body)
    if inside:
        return NO_DRAFT + f"a hedge word ('{inside.group()}') is left inside the question"
    focus = _FOCUS_INSIDE.search(f"{body}{tail}")
    if focus:
        return NO_DRAFT + (
            f"a focus adverb ('{focus.group()}') compares with something the question does not name"
        )
    main = predicate.strip() if predicate else re.sub(r"^\S+\s+", "", body)
    if _OPEN_END.search(main) or _OPEN_END.search(body):
        return NO_DRAFT + (
            "the predicate leaves open what is compared, lost or won: write the question saying it"
        )
    if _PERSISTING.search(body):
        return NO_DRAFT + (
            "the claim is a state that lasts, not an event by the deadline: write the question "
            "with what would show it"
        )
    first_after = re.match(r"\s*([\w’'-]+)", sentence[hedge_end:])
    if (
        predicate
        and _THIRD_PERSON_PREDICATE.match(predicate.strip())
        and first_after
        and predicate.strip().startswith(first_after.group(1))
        # "There may be pauses", "Will there be talks": a plural noun after "be", not a verb
        and not re.search(r"\bbe$", hedge.strip(), re.IGNORECASE)
        and not body.startswith("there be ")
    ):
        return NO_DRAFT + "the verb is not in its bare form after 'Will': write the question"
    if _OPEN_COMPARISON.search(body) and not re.search(r"\bthan\b", body):
        return (
            NO_DRAFT
            + "a comparison with nothing to compare with: write the question saying than what"
        )
    if predicate and _SECOND_CLAUSE.search(predicate):
        return NO_DRAFT + "a second clause is kept in the predicate: write the question"
    if predicate and _OPEN_RELATIVE.search(predicate):
        return NO_DRAFT + "the predicate is cut inside a relative clause: write the question"
    if _DEGREE_STATE.search(body_end):
        return NO_DRAFT + (
            "the predicate is a state of degree with no measure ('be stable', 'be quite high'): "
            "write the question with the level that counts"
        )
    casing = casing_note(sentence, body_end)
    if casing:
        return casing
    # a capitalised word, not an acronym ("US households" may follow a misread hedge)
    if predicate and re.match(r"[A-Z][a-z]", predicate.strip()):
        before_predicate = body[:at].split() if at is not None else []
        if not before_predicate or before_predicate[-1].lower() not in {"be", "become"}:
            return NO_DRAFT + (
                f"a name ('{predicate.split()[0]}') where the predicate's verb belongs: write the "
                "question"
            )
    measure = _MEASURE_ASIDE.search(sentence)
    if measure and measure.group("by").strip() not in question:
        return NO_DRAFT + (
            f"the measure ('{measure.group().strip(', ')}') is left out of the question: write it"
        )
    if _MAKE_IT.search(body_end):
        return NO_DRAFT + (
            "'make it impossible/harder for X to ...' frames the event: write the question asking "
            "whether X does it"
        )
    if (
        hedge.lower() in _HEDGE_ADJECTIVES
        and _LISTED_HEDGE.search(before)
        and _NOUN_NEXT.match(sentence[hedge_end:])
    ):
        return NO_DRAFT + f"'{hedge}' describes a noun in a list; the sentence states no forecast"
    if (
        " ".join(hedge.lower().split()) in _HEADLINE_HEDGES
        and not _COPULA_BEFORE.search(before)
        and not _SENTENCE_STOP.search(sentence)
    ):
        return NO_DRAFT + f"a headline ('... {hedge} ...'): write the question in full"
    if _ALTERNATIVE_OPENER.match(sentence):
        return NO_DRAFT + (
            "an alternative ('Or ...') beside a course the article sets out: write the question "
            "if the author forecasts it"
        )
    if re.match(r"\s+when\b.*\sby\s\d{4}-\d\d-\d\d\b", tail):
        # "kick off when hosts Qatar take on Ecuador and end ... by <date>": the "when" read as a
        # condition runs on into the predicate
        return NO_DRAFT + "the condition runs into the predicate: write the question"
    own_time = _OWN_TIME.search(body_end)
    if own_time:
        return NO_DRAFT + (
            f"the claim has a time of its own ('{own_time.group()}') beside the deadline: write the "
            "question with one"
        )
    adverb = _PREVERBAL_ADVERB.match(sentence[hedge_end:])
    if adverb and re.search(rf"\b{adverb.group('adverb')}\b", body):
        return NO_DRAFT + (
            f"an adverb of manner or degree ('{adverb.group('adverb')}') is kept before the verb: "
            "write the question"
        )
    reason = _REASON_KEPT.search(body_end)
    if reason:
        return NO_DRAFT + f"a reason ('{reason.group()}') is kept in the question: write it"
    if _CUT_AT_NAME.search(body_end):
        return NO_DRAFT + "the question is cut where the sentence's next clause starts: write it"
    year = _PREDICATE_DATE.search(predicate or body)
    if year and not _past_year(year.group(), question) and not _counted_year(year, question):
        return NO_DRAFT + (
            "the claim has a time of its own beside the deadline: write the question with it as "
            "the deadline"
        )
    return None


# "no more dominant", "no less likely", "no longer": a negated comparison that turning "no" into
# "any" does not make positive ("Will X be any more dominant" asks something else).
_NEGATED_COMPARISON = re.compile(r"\bno\s+(?:more|less|longer|better|worse)\b", re.IGNORECASE)
_ANY_COMPARISON = re.compile(r"\bany\s+(?:more|less|longer|better|worse)\b", re.IGNORECASE)
# "no screen, only a keyboard", "no deal but a truce": "no X" with a contrast after it, whose
# positive form keeps the contrast and asks a self-contradictory question.
_NO_THEN_CONTRAST = re.compile(
    r"\bno\s+[^,;:.!?]{1,40}?,?\s+(?:only|but|just|rather|instead)\b", re.IGNORECASE
)
_EITHER = re.compile(r"\beither\b[^.;:!?]*?\bor\b", re.IGNORECASE)


def polarity_note(sentence: str, question: str) -> str | None:
    """A NO_DRAFT note when the question cannot keep the author's polarity or alternatives: a
    negated comparison ("no more dominant") asked as "any more"; a "no X, only Y" whose "no" became
    "any" with the contrast kept; one branch of an "either ... or" asked alone."""
    if _NEGATED_COMPARISON.search(sentence) and not _NEGATED_COMPARISON.search(question):
        return NO_DRAFT + (
            f"'{_NEGATED_COMPARISON.search(sentence).group()}' is a negated comparison the "  # type: ignore[union-attr]
            "question cannot turn positive: write the question"
        )
    contrast = _NO_THEN_CONTRAST.search(sentence)
    if contrast and re.search(r"\bany\b", question) and not re.search(r"\bno\b", question):
        return NO_DRAFT + (
            f"'{contrast.group()}': the question turned 'no' into 'any' and kept the contrast"
        )
    either = _EITHER.search(sentence)
    if either and not re.search(r"\bor\b", question):
        return NO_DRAFT + "one branch of an 'either ... or' asked alone: write the question"
    return None


_SPLIT_NAME_FUNCTION_TEXT = (
    "a an the this that these those his her its their our my your some any no every each all both "
    "there it he she they we i"
)
_SPLIT_NAME_FUNCTION = frozenset(_SPLIT_NAME_FUNCTION_TEXT.split())


def split_name_note(sentence: str, question: str) -> str | None:
    """A NO_DRAFT note when the question lower-cased the first word of a multi-word capitalised name
    that opens the sentence ("New England Patriots" -> "new England Patriots", "South Korea" ->
    "south Korea"): a word the sentence capitalises, followed in the question by a capitalised word
    that is not a sentence start, belongs to that name."""
    q = re.match(r"^Will\s+([a-z][\w’'-]*)\s+([A-Z][\w’'-]*)", question)
    if not q or q.group(1) in _SPLIT_NAME_FUNCTION:
        return None
    first, second = q.group(1), q.group(2)
    opened = re.search(
        rf"(?:^|[.!?:;\n“\"(]\s*|,\s+)({re.escape(first.capitalize())})\s+{re.escape(second)}"
        # the capitalised run is the whole noun phrase: a verb, a possessive or a comma follows
        # ("New SARS-CoV-2 variants", "Another Israeli assassination": an adjective before a noun)
        r"(?:\s+[A-Z][\w’'-]*)*(?:['’]s\b|\s*,|\s+(?:will|would|could|can|may|might|must|should|"
        r"shall|is|are|was|were|has|have|had|won['’]t|cannot|can['’]t)\b)",
        sentence,
    )
    if opened is None:
        return None
    return NO_DRAFT + (
        f"'{first.capitalize()} {second}' is a name the question would write as '{first} {second}'"
    )


def _counted_year(year: re.Match[str], question: str) -> bool:
    """Whether the year is the period an amount is counted over ("emit 68mt in 2025") and the deadline
    is that year's end: the question asks for the year's total, once, and the date agrees with it."""
    text = year.string
    return bool(
        year.group().isdigit()
        and re.search(
            r"\d\S*(?:\s+of\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?\s+in\s+$", text[: year.start()]
        )
        and f" by {year.group()}-12-31?" in question
    )


def _past_year(phrase: str, question: str) -> bool:
    """Whether a year in the predicate lies before the deadline's year by more than one ("than in
    2014" in a 2020 question): a past reference, not the claim's own time."""
    deadline = re.search(r"\bby\s+(\d{4})-\d\d-\d\d", question)
    return bool(deadline and phrase.isdigit() and int(phrase) < int(deadline.group(1)) - 1)
