"""Candidate claims proposed from an article's text: forecasts and checkable factual sentences."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any

from claims.drafting import (
    balance_quotes,
    correlative_sentence,
    draft_note,
    earlier_condition_note,
    fate_predicate,
    gate_note,
    imagined_event,
    list_subject,
    long_run_note,
    names_possessor,
    noun_content_note,
    preceding_text,
    present_condition,
    relative_clause,
    resolve_subject,
    tidy_predicate,
    title_case_spans,
    unmarked_clause_note,
)
from claims.hedges import (
    ARRIVING,
    CAN_ABOUT_THE_FUTURE,
    END_IDIOM,
    EPISTEMIC_SHOULD,
    FLAT_PRESENT,
    HedgeEntry,
    HedgeMatch,
    find_hedges,
    lookup,
)
from claims.hedges import direction as hedge_direction
from claims.places import COUNTRIES
from claims.timeexpr import find_deadline, find_time_expressions


@dataclass(frozen=True)
class Candidate:
    sentence: str
    kind: str  # "forecast" or "factual"
    hedge: str | None
    direction: str  # "affirms" or "denies"
    probability: float | None
    deadline: date | None
    question: str
    start: int
    end: int
    # The clause the forecast is conditional on ("if the army captures Sudzha"), kept in the question.
    condition: str | None = None
    # "stated" when a time phrase in the text gave the deadline, "default" for DEFAULT_HORIZON.
    deadline_basis: str | None = None
    # What the analyst must fix in the drafted question ("the subject 'this' refers to an earlier
    # sentence: name it"), or None.
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The keys of `claims extract --json`, in a stable order."""
        return {
            "sentence": self.sentence,
            "kind": self.kind,
            "hedge": self.hedge,
            "direction": self.direction,
            "probability": self.probability,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "question": self.question,
            "condition": self.condition,
            "deadline_basis": self.deadline_basis,
            "note": self.note,
        }


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    paragraph: int


# --- sentence splitting -------------------------------------------------------------------


@cache
def _segmenter() -> Any:
    import pysbd  # lazily: the CLI imports this module only for `claims extract`

    return pysbd.Segmenter(language="en", clean=False)


# A list marker or bullet in front of a sentence is layout, not part of the claim.
_LEADING_MARK = re.compile(r"^(?:[•·▪◦*\-–]+\s*|\d{1,2}(?:[.)]|\s+[-–—])\s+|\(?[a-z]\)\s+)")


_BRACKET_ONLY = re.compile(r"^\([^()]{1,40}\)\W*$")


def _split(text: str) -> list[_Sentence]:
    """Sentences with offsets into `text`; a line break always ends a sentence."""
    found: list[_Sentence] = []
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        cursor = 0
        if line.strip():
            for piece in _segmenter().segment(line):
                stripped = piece.strip()
                if not stripped:
                    continue
                at = line.find(stripped, cursor)
                if at < 0:  # pysbd normalised something; fall back to the raw remainder
                    continue
                cursor = at + len(stripped)
                mark = _LEADING_MARK.match(stripped)
                skip = mark.end() if mark else 0
                if _BRACKET_ONLY.match(stripped) and found and found[-1].paragraph == paragraph:
                    # "Bill is signed into law. (90%)": a bracket after the full stop belongs
                    # to the sentence before it (pysbd splits it off)
                    found[-1] = _Sentence(found[-1].start, offset + cursor, paragraph)
                    continue
                if stripped[skip:].strip():
                    found.append(_Sentence(offset + at + skip, offset + cursor, paragraph))
        offset += len(line) + 1
    return found


# --- boilerplate ---------------------------------------------------------------------------

# Words that only site furniture uses: a sentence with one of them is never a claim.
_BOILERPLATE = re.compile(
    r"\b(?:subscribers?|subscription|newsletters?|usernames?|advertis\w*|related articles|"
    r"most popular|recent comments|all rights reserved|getty images|afp via|ap photo|"
    r"appeared first on|privacy policy|terms of (?:use|service)|search engine|"
    r"comment guidelines|join the conversation|your account|registered users?|"
    # editorial disclaimers and notes about the piece itself
    r"(?:views|opinions)\s+expressed|(?:do|does)\s+not\s+necessarily\s+(?:reflect|represent)|"
    r"editor['’]s\s+note|the\s+author['’]s\s+own|"
    r"this\s+(?:article|piece|column|essay|op-ed|story)\s+(?:is|was|has\s+been)\s+(?:part|adapted|"
    r"updated|originally|first|republished|produced|published))\b|©|"
    r"^\W*(?:published|first published|originally published|updated)\s+(?:in|on|at)\b",
    re.IGNORECASE,
)
# Words an article may also use ("men who did not sign up"): furniture only when the sentence
# is short or speaks to the reader.
_WEAK_BOILERPLATE = re.compile(
    r"\b(?:subscribe|sign up|sign in|log in|cookies?|comments?|commenting|copyright|photo|"
    r"click here|read more|share this|follow us|already a)\b",
    re.IGNORECASE,
)
_READER = re.compile(r"\b(?:you|your|please)\b", re.IGNORECASE)
# "By Jane Smith": "by" and a name. "By comparison, ...", "By 2030 ..." open a sentence of the text.
_BYLINE = re.compile(
    r"^(?:[Bb]y|BY|[Ww]ritten by|[Ww]ords by)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Then|Now|Contrast|Comparison)\b)[A-Z][\w'’.-]*\b(?!,)"
)
_ROLE = (
    r"professor|fellow|author|editor|journalist|correspondent|director|analyst|researcher|"
    r"columnist|writer|contributor|lecturer|scholar|reporter|economist|historian|chair|founder"
)
_BIO = re.compile(
    r"^(?:[A-Z][\w'’.-]+\s+){1,3}(?:is|was)\s+(?:a|an|the)\b[^.]*\b(?:" + _ROLE + r")s?\b"
    r"|^(?:He|She|They)\s+(?:is|are)\s+(?:\w+ing)\b.*\b(?:lives?|is\s+based)\s+in\b"
)


def _layout_lines(text: str) -> set[int]:
    """Line numbers that are captions (repeated with a credit) or navigation glued to a title."""
    lines = text.split("\n")
    skip: set[int] = set()
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for a, b in itertools.pairwise(filled):
        first, second = lines[a].strip(), lines[b].strip()
        if first == second and len(first.split()) < 40:
            skip.update((a, b))  # an image caption or teaser printed twice in a row
        elif first == second:
            continue
        elif second.startswith(first) and len(second) - len(first) < 60:
            skip.update((a, b))  # a caption followed by the same caption plus its credit
        elif first.endswith(second) and len(first) - len(second) < 30:
            skip.add(a)  # breadcrumb glued to the title, e.g. "HomeThe War Is ..."
    return skip


def _is_boilerplate(sentence: str) -> bool:
    words = sentence.split()
    if len(words) < 4 and not (len(words) >= 2 and find_hedges(sentence)):
        return True
    if _BOILERPLATE.search(sentence):
        return True
    if _WEAK_BOILERPLATE.search(sentence) and (len(words) < 12 or _READER.search(sentence)):
        return True
    if _BYLINE.match(sentence) and len(words) < 16:
        return True
    return bool(_BIO.match(sentence))


# --- reading a sentence ---------------------------------------------------------------------

_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")
_MENTAL = (
    r"believe|think|hope|suppose|judge|feel|seem|appear|want|wish|prefer|like|imagine|"
    r"argue|say|consider|assume|expect|wonder|decide|fear|worry|understand|know|be\s+tempted"
)
_AFTER_MODAL_SPECULATION = re.compile(
    r"^\s+(?:also\s+|well\s+|still\s+|even\s+|not\s+)?(?:" + _MENTAL + r")\b", re.IGNORECASE
)
# "Households will feel the squeeze", "the region could feel the impact": an effect suffered, not a
# state of mind.
_FELT_OUTCOME = re.compile(
    r"^\s+(?:\w+\s+)?feel\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:pinch|pain|squeeze|effects?|impact|heat|"
    r"brunt|consequences|strain|shock|force|fallout|benefits?)\b",
    re.IGNORECASE,
)
# "could have won", "may have been": a guess about the past, not a forecast.
_AFTER_MODAL_PAST = re.compile(
    r"^(?:\s+(?:also\s+|well\s+|still\s+|even\s+|not\s+|never\s+)?have|['’]ve)\s+"
    r"(?!to\b|a\b|an\b|the\b|no\b|any\b|some\b|more\b|less\b|enough\b|nothing\b|little\b|"
    r"much\b|many\b|few\b|its\b|their\b|his\b|her\b|our\b|your\b|my\b|this\b|that\b)[a-z]+\b",
    re.IGNORECASE,
)
# "Putin may believe that the West will tire": what follows a guessed-at mind is that mind's view,
# not the author's forecast (RULES.md: speculation about a mental state only).
_SPECULATED_MIND = re.compile(
    r"\b(?:may|might|could)\s+(?:also\s+|well\s+|still\s+)?(?:" + _MENTAL + r")s?\b", re.I
)
# "was most likely the cause", "were probably": a judgement about the past.
_PAST_NEXT_TO_ADVERB = re.compile(r"\b(?:was|were|had|did)\s+$", re.IGNORECASE)
# A hedge that is a predicate ("bound to", "only a matter of time", "inevitable") after a past copula.
_PAST_COPULA = re.compile(
    r"\b(?:was|were|had\s+been)\s+(?:(?:only|just|always|surely|never|not|all\s+but)\s+)?$",
    re.IGNORECASE,
)
# "might" the noun: after a possessive, with at most an adjective between, or after an adjective of power.
_NOUN_MIGHT_BEFORE = re.compile(
    r"(?:\b(?:its|his|her|their|our|my|your)\s+(?:[a-z]+(?:al|ic|ary|ful|ous|ive|ian)\s+)?"
    r"|\b(?:military|economic|industrial|naval|financial|technological|sheer|full)\s+)$",
    re.IGNORECASE,
)
_PAST_AFTER_ADVERB = re.compile(
    r"^\s+(?:was|were|had|did"
    # "You probably haven't even driven one yet": the present perfect, not the future
    r"|(?:have|has)(?:n['’]t|\s+not|\s+never)?\s+(?:even\s+|yet\s+|already\s+|never\s+)?"
    r"(?!to\b|got\s+to\b)[a-z]+(?:ed|en|wn|ne|ght|id|de|ft|lt|ung|ook|oke)"
    r"|(?:haven|hasn|hadn)['’]t)\b",
    re.IGNORECASE,
)
# "which probably couldn't have been forged elsewhere": an adverb over a modal of the past.
_PAST_MODAL_AFTER_ADVERB = re.compile(
    r"^\s+(?:could|would|might|may|must|should)(?:n['’]t|\s+not|\s+never)?\s+have\s+[a-z]+", re.I
)
# The first finite verb after a sentence-opening adverb: "Perhaps the villagers were not surprised"
# (past), "Perhaps the voters will be recalled" (ahead).
_FIRST_FINITE = re.compile(
    r"\b(?:will|would|could|might|may|can|shall|must|should|won['’]t|is|are|am|was|were|had|did|has|"
    r"have|do|does)\b|['’](?:ll|s|re|d)\b",
    re.IGNORECASE,
)
_ADVERB_HEDGE = re.compile(
    r"^(?:most\s+|very\s+|highly\s+|quite\s+)?(?:likely|probably|perhaps|maybe|possibly|"
    r"certainly|definitely|undoubtedly|almost certainly|in all likelihood)$",
    re.IGNORECASE,
)
# "would be better than", "would be an understatement", "I will always support": stance, not forecast.
_CHANGED_BEFORE = re.compile(
    r"\b(?:grown|become|became|grew|looked|looks|made)\s+(?:much\s+|far\s+)?(?:less|more)\s+$", re.I
)
_STANCE_AFTER = re.compile(
    r"^\s+(?:also\s+|still\s+|surely\s+|certainly\s+)?be\s+(?:\w+\s+)?(?:better|worse|preferable|"
    r"wiser|wise|unwise|wrong|right|mistaken|(?:an?\s+)?(?:\w+\s+)?(?:mistake|error|blunder|"
    r"understatement|exaggeration)|"
    r"naive|naïve|foolish|fair|unfair|ideal|desirable|appropriate|reasonable|sensible|"
    r"welcome|nice|great|helpful|useful|irresponsible)\b"
    r"|^\s+(?:easily\s+|well\s+)?be\s+(?:[\w-]+ly\s+)?(?:compared|likened|described|called|forgiven|"
    r"excused|seen\s+as|considered|termed|labell?ed|said|argued|claimed|noted|objected|countered|"
    r"pointed\s+out)\b",
    re.IGNORECASE,
)
_EVALUATIVE_AFTER = re.compile(
    r"^\s+(?:also\s+)?be\s+(?:\w+\s+)?(?:interesting|fascinating|instructive|intriguing|easy|"
    r"tempting|worth\s+\w+ing|illuminating|revealing)\b",
    re.IGNORECASE,
)
_ATTITUDE_AFTER = re.compile(
    r"^\s+(?:always\s+|never\s+|continue\s+to\s+|forever\s+)?(?:support|oppose|love|hate|"
    r"remember|stand\s+(?:by|with|up)|defend|cherish|admire|respect|regret|miss|treasure)\b",
    re.IGNORECASE,
)
# "They will be desperate to make amends", "it will be INCREDIBLE": a future mood or a matter of
# taste, which no outcome settles (RULES.md: mental states; stance).
_FEELING_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?be\s+(?:so\s+|very\s+|really\s+|truly\s+|absolutely\s+)?(?:desperate|keen|"
    r"eager|happy|angry|relieved|disappointed|determined|anxious|worried|glad|sorry|furious|"
    r"delighted|thrilled|excited|incredible|amazing|wonderful|great|fantastic|awesome|terrible|"
    r"awful|horrible|exciting|fun|fascinating|brilliant|glorious|sad|nervous|proud|grateful)\b",
    re.IGNORECASE,
)
# "Next season will be a great one", "the campaign is going to be wilder and nastier", "it will be a
# fun ride": a matter of taste in a noun phrase or a comparative, which no record settles (RULES.md:
# framing with no falsifiable outcome is neither). Difficulty ("will be hard", "will not be easy")
# reads as a likelihood and is left out.
_TASTE_AFTER = re.compile(
    r"^\s+(?:\w+ly\s+|also\s+|still\s+)?be\s+(?:an?\s+)?(?:(?:very|so|really|truly|pretty|rather|"
    r"quite|even|much|far|more|most)\s+)*(?:good|bad|great|fascinating|interesting|exciting|busy|"
    r"wild|wilder|crazy|crazier|strange|stranger|weird|weirder|boring|fun|memorable|intriguing|"
    r"eventful|dull|lovely|nasty|nastier|mean|meaner|ugly|uglier|messy|messier)\b"
    r"(?!\s+(?:news|for|to|at|in)\b)",
    re.IGNORECASE,
)
# "The ruling will have far-reaching implications", "Netanyahu will face a defining choice", "a Trump
# presidency would set a distinct tone": an effect announced but not named, which nothing resolves
# (RULES.md, labeller A: framing with no falsifiable outcome).
_UNNAMED_EFFECT_AFTER = re.compile(
    r"^\s+(?:\w+ly\s+)?(?:have|present|bring|create|pose|set|face|carry|signal|mark)\s+"
    r"(?:a\s+|an\s+|the\s+)?(?:contrasting|distinct|defining|significant|major|profound|"
    r"far-reaching|wide-ranging|important|big|huge|serious|real|lasting|historic|different|"
    r"massive|enormous|vast|dramatic|tremendous|sweeping|global|broad|wider)\s+"
    r"(?:[\w-]+\s+)?(?:impacts?|consequences|implications|ramifications|repercussions|tone|"
    r"choices?|dilemmas?|moments?|turning\s+points?)\b",
    re.IGNORECASE,
)
# "If the mayor loses, it will be a rebuke to his party", "a second term would be a repudiation of
# the old guard", "a win would signify a new mood": what an outcome would mean, an interpretation no
# record settles. A measured effect ("would signify 300 job losses") is left alone, and so are "mean",
# which more often names an effect ("could mean thousands lose money"), and "signal", which is also an
# act ("the Fed will signal a cut").
_INTERPRETATION_AFTER = re.compile(
    r"^\s+(?:\w+ly\s+|also\s+|surely\s+)?(?:signify|symboli[sz]e|"
    r"be\s+(?:a|an)\s+(?:\w+\s+)?(?:rejection|repudiation|vindication|acceptance|endorsement|rebuke|"
    r"verdict|referendum))\b(?![^,;:]{0,40}?(?:\d|\b(?:more|less|fewer|higher|lower|"
    r"cheaper|dearer|bigger|smaller|[a-z]+er\s+than)\b))",
    re.IGNORECASE,
)
# "These states could go either way", "the vote will either confirm or reverse the trend": both
# outcomes granted alike, no lean (RULES.md, labeller E).
_EITHER_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?(?:go\s+|turn\s+out\s+|break\s+)?either\s+way\b"
    r"|^\s+either\s+\w+(?:\s+\w+)?\s+or\s+\w+",
    re.IGNORECASE,
)
_FIRST_PERSON_SUBJECT = re.compile(r"(?:^|[,;:]\s*)(?:i|we)\s+$", re.IGNORECASE)
# A finite verb right after "may" means the month or a name ("May does not need to resign").
_FINITE_AFTER = re.compile(
    r"^\s+(?:does|did|is|was|has|had|said|says|told|wants|wanted|needs|needed)\b", re.IGNORECASE
)
_IDIOM = re.compile(
    r"^\s*(?:n't\s+|not\s+)?be\s+(?:further|farther)\s+from\s+the\s+truth|"
    # "We will have to wait and see": the author declines to forecast
    r"^\s+(?:just\s+|simply\s+)?(?:have\s+to\s+)?wait\s+and\s+see\b|"
    # "He would often walk to work": "would" of past habit
    r"^\s+(?:often|usually|sometimes|always|regularly|frequently|occasionally|routinely)\s+"
    r"[a-z]+\b(?<!be)(?!\s+(?:to|by|in)\s+(?:next|the\s+end))|"
    # "there may be some truth in that", "it may come as no surprise", "that may sound odd"
    r"^\s*(?:well\s+)?(?:be\s+)?(?:some\s+|a\s+grain\s+of\s+|an\s+element\s+of\s+|little\s+)?truth\b|"
    r"^\s*(?:well\s+)?come\s+as\s+(?:no\s+|little\s+|a\s+|an\s+)?(?:\w+\s+)?(?:surprise|shock)|"
    r"^\s*(?:well\s+|also\s+)?sound\b|"
    r"^\s*(?:n't|not)\s+(?:be\s+clearer|agree\s+more|care\s+less)",
    re.IGNORECASE,
)
_WEAK_MODALS = {"may", "might", "could", "would", "there may be", "could easily"}
# "I would add", "one could argue", "you might say": the writer's voice, not an event.
_SPEAKER_SUBJECT = re.compile(r"(?:^|[,;:—–]\s*|\b(?:and|but|so)\s+)(?:i|we|you|one)\s+$", re.I)
_SPEECH_ACT_AFTER = re.compile(
    r"^\s+(?:also\s+|only\s+|just\s+|even\s+)?(?:add|argue|say|suggest|note|urge|recommend|"
    r"advise|caution|contend|submit|stress|emphasi[sz]e|venture|point\s+out|concede|propose|"
    r"put\s+it|call\s+it|describe|see|think|imagine|guess|wonder|ask)\b",
    re.IGNORECASE,
)
# "The best course of action would be to raise taxes": a recommendation, not a forecast.
_PRESCRIPTIVE_SUBJECT = re.compile(
    r"\b(?:best|better|wisest|wiser|smartest|right|only\s+sensible|answer|solution|remedy|"
    r"course\s+of\s+action|priority|task|challenge|goal|aim|lesson|mistake|danger|test|question|"
    r"key|issue|problem|point|irony|trick|hope|worry|concern|fear|risk|concerning)\b[^,;:]*$",
    re.IGNORECASE,
)
# "I'll be honest", "I could go on", "you can't make this up", "you will notice": the writer's own
# conduct or the reader's, not an event in the world.
_I_OR_YOU_BEFORE = re.compile(r"\b(?:i|you)(?:\s+(?:\w+\s+)?)?$", re.IGNORECASE)
# What happens to the generic "you" as a consumer, worker or saver: an outcome, not the reader's
# conduct in the text.
_YOU_OUTCOME_AFTER = re.compile(
    r"^\s+(?:\w+ly\s+|still\s+|soon\s+)?(?:pay|lose|owe|earn|save|get\s+(?:less|more)|"
    r"be\s+(?:paying|poorer|richer|worse\s+off|better\s+off))\b",
    re.IGNORECASE,
)
_MODAL_WORDS = {
    "will", "'ll", "would", "could", "might", "may", "can", "cannot", "can't", "can not",
    "won't", "will not", "would not", "wouldn't", "will never", "could never", "can never",
}  # fmt: skip
# "As we will see", "readers will remember", "this essay will examine": the text's own course.
_READER_SUBJECT = re.compile(
    r"(?:\b(?:we|readers?|those\s+\w+(?:\s+\w+){0,4}|some|many|others|critics|sceptics|skeptics|"
    r"anyone|everyone|nobody|no\s+one)|\bthis\s+(?:essay|article|column|piece|chapter|post|"
    r"series|book|section|paper)"
    # "The chart below will show", "the table above would suggest": the text's own furniture
    r"|\b(?:the|this|that)\s+(?:chart|table|graph|figure|map|list|section|paragraph)\s+"
    r"(?:below|above|here)?)\s*(?:no\s+doubt\s+|surely\s+|also\s+|probably\s+)?$",
    re.IGNORECASE,
)
_DISCOURSE_VERB_AFTER = re.compile(
    r"^\s+(?:no\s+doubt\s+|surely\s+|also\s+|never\s+|probably\s+)?(?:see|notice|find|recall|"
    r"remember|recogni[sz]e|agree|disagree|examine|discuss|explain|show|outline|describe|"
    r"consider|note|argue|object|say|call|know|look\s+at|turn\s+to|focus|ask|wonder|point\s+out|"
    r"suggest|indicate|illustrate|list|summari[sz]e|compare)\b",
    re.IGNORECASE,
)
_BE_THAT_AFTER = re.compile(r"^\s+(?:well\s+)?be\s+(?:the\s+case\s+)?that\b", re.IGNORECASE)
# "one could argue" (the generic speaker), not "no one will", "any one of them could".
_ONE_BEFORE = re.compile(r"(?:^|\W)(?<!\bno\s)(?<!\bany\s)(?<!\bevery\s)one\s+$", re.IGNORECASE)
_TIME_BEFORE = re.compile(r"\btime\s+$", re.IGNORECASE)
_TELL_AFTER = re.compile(r"\s+tell\b", re.IGNORECASE)
_IT_BEFORE = re.compile(r"\bit\s+$", re.IGNORECASE)
_DEMONSTRATIVE = re.compile(r"(?:the|this|that|such)\b", re.IGNORECASE)
_TO_INFINITIVE_AFTER = re.compile(
    r"^\s+(?:\w+\s+)?be\s+(?:to\s+\w+|alongside|how|whether|what|who|which|if)\b", re.I
)
# "we cannot know", "nobody can tell": a limit of knowledge, not a forecast of the event.
_KNOWING_AFTER = re.compile(
    r"^\s+(?:yet\s+|really\s+|possibly\s+)?(?:know|tell|say|see|predict|foresee|be\s+sure|"
    r"be\s+certain|guess|answer)\b",
    re.IGNORECASE,
)
# "I cannot trust him", "fans can't stand the manager", "I can no longer delude myself": an attitude
# the subject cannot hold now, not a forecast of an event (round 10). One adverb may come between
# ("cannot accurately predict").
_ADVERB_BETWEEN = r"(?:yet|really|possibly|still|even|ever|quite|\w{3,}ly)\s+"
_ATTITUDE_AFTER = re.compile(
    rf"^\s+(?:{_ADVERB_BETWEEN})?(?:trust|love|like|hate|stand|bear|stomach|abide|forgive|respect|"
    r"admire|understand|comprehend|fathom|delude|believe|know|tell|predict|foresee|guess)\b",
    re.IGNORECASE,
)
# "it is not clear who will step up", "nobody knows when it will end": an embedded question.
_EMBEDDED_QUESTION = re.compile(
    r"\b(?:clear|know|knows|knew|sure|certain|say|tell|ask|asks|asked|wonder|wonders|unclear|"
    r"uncertain|question|decide|matter|depends\s+on|doubt|guess|predict|anticipate)\s+"
    r"(?:about\s+|yet\s+)?(?:who|whom|when|if|whether)\b[^,;:]{0,60}$"
    # "I asked the dealer when the van would arrive": an indirect question after its object
    r"|\b(?:ask|asks|asked|asking|tell|tells|told)\s+(?:\w+\s+){1,2}(?:who|whom|when|if|whether)\b"
    r"[^,;:]{0,60}$",
    re.IGNORECASE,
)
_WH_BEFORE = re.compile(r"\b(?:what|how|whether|why|which|where)\b[^,;:]{0,60}$", re.IGNORECASE)
# "That's why / Here's why / This is why there will be ...": a connective, not an open question.
# "Five reasons why we won't see a crash" (a title) asserts its clause too.
_WHY_CONNECTIVE = re.compile(
    r"(?:\b(?:that|here|this|which)['’]s|\b(?:is|was)|\breasons?)\s+$", re.IGNORECASE
)
# "In which case rates will rise": a connective ("if so"), not a relative clause or a question.
_IN_WHICH_CASE = re.compile(r"\bin\s+which\s+case\b", re.IGNORECASE)
# "We won't see a crash in 2023", "we will see higher rates": "see" with an object that names an
# event is a forecast of that event, not the text's course ("as we will see", "we will see that").
_SEE_EVENT_AFTER = re.compile(
    r"^\s+(?:no\s+doubt\s+|also\s+|never\s+|probably\s+)?(?:see|find)\s+(?:a|an|any|no|more|less|"
    r"fewer|another|much|many|higher|lower|further|[a-z]+er\s+\w+|the\s+(?:\w+\s+)?(?:end|"
    r"return|rise|fall|effect|effects|impact|start|beginning|collapse))\b",
    re.IGNORECASE,
)
# Case-sensitive: "the WHO will" is an acronym, not a relative pronoun.
_RELATIVE_BEFORE = re.compile(r"\b(?:[Tt]hat|[Ww]hich|[Ww]ho)\s+(?:\w+\s+)?$")
# Before "that" in "But that would be ...": nothing but discourse words, so "that" is a pronoun.
_ONLY_DISCOURSE = re.compile(
    r"^\W*(?:(?:and|but|so|yet|still|even|then|indeed|of course|perhaps|maybe)\W+)*$", re.IGNORECASE
)
_COMPLEMENT_VERB = re.compile(
    r"\b(?:say|says|said|argue|argues|argued|believe|believes|think|thinks|expect|expects|"
    r"warn|warns|warned|clear|sure|certain|likely|unlikely|improbable|probable|doubt|"
    r"assumption|idea|fear|fears|hope|hopes|predict|predicts|is|are|was|"
    # the same verbs in the past ("we assumed that turnout would fall"): a complement, not a relative
    r"thought|believed|assumed|expected|feared|hoped|predicted|reckoned|suspected|imagined)"
    r"\s+that\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_NOUN_WILL_BEFORE = re.compile(
    r"\b(?:the|a|political|his|her|their|its|our|my|your|free|good|ill|popular|public|"
    r"people's|national)\s+$",
    re.IGNORECASE,
)
_MONTH_MAY_BEFORE = re.compile(
    r"\b(?:in|on|by|since|until|early|late|mid|last|next|of|from)\s+$", re.IGNORECASE
)
_SUBORDINATOR = re.compile(
    r"^\s*(?:even\s+)?(?:if|unless|until|when|whenever|once|as\s+long\s+as|while|whether|"
    r"because|since|although|though|before|after|given|despite|were|with|without)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s-\s")
# A third party's words: verbs that only report, or ones that report when "that" follows
# ("promises that" but not "promises of wealth").
_REPORTING = re.compile(
    # "Critics pointed to the statement as proof that hopes are fading": their reading, cited
    r"\b(?:pointed\s+to|points?\s+to|cited|cites?|seized\s+on|seizes?\s+on|hailed|hails?|took|"
    r"takes?|saw|sees?)\b[^.;:]{1,80}?\bas\s+(?:proof|evidence|a\s+sign|a\s+signal|confirmation)\s+"
    r"that\b|"
    r"\b(?:said|says|told|argued|argues|warned|warns|insisted|insists|stated|declared|"
    r"predicted|predicts|according to|spoke of|spoke about|talked of|wrote)\b"
    r"|(?<!to\s)\b(?:says|say)\b"
    r"|\b(?:claims?|claimed|argue|warn|insist|expects?|expected|believes|believed|"
    r"are adamant|is adamant|reported|reports|announced|announces|promised|promises|vowed|swore|sworn|"
    r"vows|pledged|pledges|recognizes|recognises|acknowledged|admits|admitted|implied|implies|"
    r"hinted|hints|indicated|signall?ed|mean|means|meant|predict|concludes?|concluded|found|finds|"
    r"shows?|showed"
    # "..., promising that a brighter future is around the corner": the words of the clause's actor
    r"|claiming|arguing|warning|insisting|promising|predicting|vowing|pledging|declaring|"
    r"announcing|assuring"
    # "Some analysts are speculating that ...", "The minister expressed confidence that ...": a view
    # someone voiced, reported (the verb is followed by at most one word, such as "confidence")
    r"|speculate|speculates|speculated|speculating|expressed|expresses|voiced|voices"
    # "The minister is trying to convince the public that ...": a claim pressed on others, reported
    # ("The world must convince autocrats that ..." prescribes, and is left alone)
    r"|(?<!must\s)(?<!should\s)(?:convinces?|convinced|convincing|persuades?|persuaded|persuading))"
    r"(?:\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+)?(?:public|voters|markets?|investors|people|"
    r"everyone|everybody|them|him|her|us|you|the\s+\w+)(?=\s+that\b))?"
    r"(?:\s*,[^,]{1,40},)?\s+(?:\w+\s+)?that\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|our|Our|us)\b")
_DISBELIEF = re.compile(
    r"\b(?:misconception|myth|flawed assumption|false assumption|mistaken belief|fallacy|"
    r"illusion|delusion|fantasy|(?:wrong|mistake|naive|naïve|foolish) to (?:think|assume|"
    r"believe|expect))\b",
    re.IGNORECASE,
)


def _quoted_spans(sentence: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTE.finditer(sentence)]


def _in_subordinate_clause(sentence: str, pos: int) -> bool:
    """Whether `pos` lies in a clause opened by if/unless/when/while ... (a condition)."""
    breaks = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, pos)]
    return bool(_SUBORDINATOR.match(sentence[breaks[-1] : pos]))


# "Had the bank acted sooner, ...", "If Biden had stood down earlier, ...": a condition about the past
# that did not happen, so the consequence is no forecast.
_PAST_COUNTERFACTUAL = re.compile(
    r"^\W*(?:had\s+(?:\w+\s+){1,5}?(?:\w+(?:ed|en|wn|ne|ght)|been|done|made|gone|taken)|if\s+[^,;:]{1,80}?"
    r"\bhad\s+(?:not\s+|never\s+)?(?:\w+(?:ed|en|wn|ne|ght)|been|done|made|gone|taken|stood|won|lost|"
    r"left|kept|held|met|paid|sold|spent|built|brought|become|run|come))\b[^,;:]*,",
    re.IGNORECASE,
)
# Table phrases of an outcome arriving; said of a date on the calendar they forecast nothing.
# "If it were possible to field two squads, both would reach the quarters", "If I were the minister,
# I would resign", "Were it not for the levy, prices would be higher": a singular subject with "were"
# (not "were to", a hypothetical future) supposes what is not so; its "would" forecasts nothing.
_PRESENT_COUNTERFACTUAL = re.compile(
    r"^\W*(?:(?:even\s+)?if\s+(?:only\s+)?(?:it|he|she|i|this|that|there|(?-i:[A-Z])[\w'’-]+)\s+were\b"
    r"(?!\s+to\b)|were\s+it\s+not\s+for\b)[^;:]*,",
    re.IGNORECASE,
)
_ARRIVAL_PHRASES = frozenset(
    {"looms", "BE looming", "on the horizon", "BE around the corner", "BE just around the corner",
     "BE imminent", "BE on its way", "BE on the way", "BE on their way"}
)  # fmt: skip


# --- general classes that carry a modal but assert no outcome of the author's (issue 12) ----------
# "It is not clear that Trump will succeed", "it remains uncertain that": no lean (RULES.md, labeller A:
# "It is uncertain if X" is neither). Impersonal only: "I'm not sure X will" is the author's doubt,
# and "far from certain", "not certain" lean against the event (see _NEGATED_FRAME).
_NO_LEAN_THAT = re.compile(
    r"\bit(?:\s+is|['’]s|\s+was|\s+remains|\s+seems)\s+(?:still\s+)?"
    r"(?:not\s+(?:at\s+all\s+|yet\s+|entirely\s+)?(?:clear|obvious)|unclear|uncertain)"
    r"\s+that\b[^,;:]{0,80}$",
    re.IGNORECASE,
)
# "We all secretly hope somebody will buy the club", "I wish the owner would sell": the author's wish,
# not a forecast (RULES.md, labeller F: a hopeful prediction is a wish). The noun ("hopes of a deal
# will fade", "little hope that") is not a wish voiced; "Investors hope rates will fall" is a third
# party's belief, reported (_THIRD_PARTY_BELIEF).
_WISH_BEFORE = re.compile(
    r"(?<!\bthe\s)(?<!\ba\s)(?<!\bno\s)(?<!\blittle\s)(?<!\bany\s)(?<!\bsome\s)(?<!\bslim\s)"
    r"(?<!\bfaint\s)(?<!\bfalse\s)(?<!\bof\s)"
    r"\b(?:hope|hopes|hoped|hoping|wish|wishes|wished|wishing|pray|prays|praying)\s+(?:that\s+)?"
    r"(?!of\b|for\b|to\b|is\b|are\b|was\b|were\b|has\b|have\b|had\b|that\s+is\b)\w[^,;:—–]{0,60}\s$",
    re.IGNORECASE,
)
# "Much will depend on turnout", "the outcome would hinge on the courts": what decides an event,
# not which way it goes (RULES.md, labeller A: framing with no falsifiable outcome).
# "Electric cars will depend on cheap solar power" names an outcome and stays a forecast.
_DEPENDS_AFTER = re.compile(
    r"^\s+(?:\w+ly\s+|all\s+|also\s+)?(?:depend|hinge)(?:\s*,[^,]{1,30},)?\s+(?:\w+ly\s+)?"
    r"(?:up)?on\s+(?:(?:who|whom|whether|how|what|which|when|if)\b|(?:\w+\s+){0,2}things?\b|"
    r"(?:\w+\s+)?factors\b)",
    re.IGNORECASE,
)
# "Much will depend on ...", "everything would hinge on ...": the subject is the whole matter.
_WHOLE_MATTER_BEFORE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|but|so|yet|in\s+\w+)\s*,?\s*)(?:much|so\s+much|a\s+lot|a\s+great\s+deal|"
    r"everything|all|it\s+all|the\s+(?:outcome|result|answer))\s+$",
    re.IGNORECASE,
)
_DEPEND_VERB_AFTER = re.compile(
    r"^\s+(?:\w+ly\s+|also\s+)?(?:depend|hinge)(?:\s*,[^,]{1,30},)?\s+(?:up)?on\b", re.IGNORECASE
)
# "School will look like a virtual classroom", "it'll feel like the nineties": what a predicted
# future would look like, not a separately checkable outcome (RULES.md, labeller H).
_LOOKS_LIKE_AFTER = re.compile(
    r"^\s+(?:\w+ly\s+|probably\s+|also\s+)?(?:look|feel|sound|seem)\s+(?:\w+\s+)?"
    r"(?:like|as\s+if|as\s+though)\b",
    re.IGNORECASE,
)
# "As if demand would grow without limit", "as though the rules would bend": a counterfactual
# mocked, not the author's forecast.
# "It feels as if the winner will be ...", "It seems to me that rates will ...", "It looks like the
# bill will pass": the author's impression of the outcome, a hedged forecast at the ICD 203 "likely"
# midpoint (0.68; 0.32 negated), as labeller I reads "it seems to be that X would" (RULES.md).
_APPEARANCE_FRAME = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|but|so)\s+)\W*(?:it|this|that)\s+(?:really\s+|certainly\s+|just\s+|"
    r"increasingly\s+|now\s+)?(?:feels|seems|looks|sounds)\s+(?:to\s+me\s+)?(?:to\s+be\s+)?"
    r"(?:as\s+(?:if|though)|like|that)\s+[^,;:]{0,80}$",
    re.IGNORECASE,
)
_PLAIN_FUTURE = frozenset(
    {"will", "'ll", "would", "BE going to", "will not", "won't", "would not", "wouldn't"}
)
_APPEARANCE = HedgeEntry(
    "it seems (as if) ... will",
    0.68,
    0.55,
    0.80,
    "labelling rules (RULES.md, ICD 203 'likely' midpoint; labeller I): the author's impression "
    "that an outcome will come ('It feels as if X will', 'it seems to be that X would')",
)
_AS_IF_BEFORE = re.compile(r"\bas\s+(?:if|though)\b[^,;:—–]{0,80}$", re.IGNORECASE)
# "She will be only 32 years old", "the king turns 80 next year": the calendar decides, no forecast
# (RULES.md, labeller G: a "will" whose outcome follows from the calendar is factual).
_AGE_AFTER = re.compile(
    r"^\s+(?:be|turn)\s+(?:only\s+|just\s+|barely\s+|already\s+)?(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)"
    r"\s+(?:years?\s+old|years\s+of\s+age)\b"
    r"|^\s+turn\s+(?:only\s+|just\s+)?\d{1,3}\b",
    re.IGNORECASE,
)
# "Let's assume that the north will swing", "let us suppose prices would fall": the scenario's
# premise, not the author's forecast (its consequence, in another clause, may be one).
_ASSUMED_BEFORE = re.compile(
    r"\b(?:let['’]s|let\s+us)\s+(?:just\s+)?(?:assume|suppose|say|imagine|pretend|posit)\b"
    r"[^,;:—–]{0,80}$",
    re.IGNORECASE,
)
# "The winner will be known soon", "the answer would be revealed on Friday": when the outcome comes
# to light, not which way it goes ("clear" and "seen" are left: "the road will be clear by Monday",
# "the effects will be seen in prices" name outcomes).
_COMES_TO_LIGHT_AFTER = re.compile(
    r"^\s+(?:\w+ly\s+|soon\s+|then\s+)?be\s+(?:\w+ly\s+)?(?:known|revealed|apparent|"
    r"answered)\s*(?:soon|shortly|before\s+long|in\s+(?:a|the|\d)|by\s|on\s|within\s|"
    r"after\s|when\s|once\s|\W*$)",
    re.IGNORECASE,
)
# "2022 could hardly be worse than 2021", "the message couldn't be clearer": a comparison in rhetoric.
_RHETORICAL_COMPARISON_AFTER = re.compile(
    r"^(?:\s+(?:hardly|scarcely)|\s*n['’]t|\s+not)\s+be\s+(?:any\s+|much\s+)?"
    r"(?:worse|better|clearer|more\s+\w+|less\s+\w+)\b",
    re.IGNORECASE,
)
# "It would be too simplistic to see it as ...", "it may be too early to say": an evaluation of a
# reading, not a forecast.
_TOO_SOON_TO_AFTER = re.compile(
    r"^\s+be\s+(?:far\s+|much\s+|a\s+bit\s+)?too\s+(?:simplistic|simple|early|soon|easy|hasty|"
    r"glib|facile|crude|premature|naive|naïve|cynical)\s+to\b",
    re.IGNORECASE,
)
# "If the election was held today, Trump would win": the present imagined otherwise (a poll read as
# a what-if), not the future; "If rates rise today, mortgages will follow" stays a forecast.
_IMAGINED_NOW = re.compile(
    r"\bif\s+(?:[\w'’%-]+\s+){1,8}?(?:were|was)\s+(?:\w+\s+){0,3}?(?:today|now|right\s+now|"
    r"tomorrow)\b",
    re.IGNORECASE,
)
# "Discontent will be a test for every government", "the summit would be a challenge for both": a
# trial announced, not its result (RULES.md, labeller A: framing with no falsifiable outcome).
_TRIAL_AFTER = re.compile(
    r"^\s+(?:also\s+|certainly\s+|surely\s+)?be\s+(?:a|an|the)\s+(?:\w+\s+)?"
    r"(?:test|challenge|trial|litmus\s+test)\s+(?:for|of)\b",
    re.IGNORECASE,
)
# "This would be my main prediction", "that will be my pick": a pointer to a forecast stated
# elsewhere, not one itself.
_POINTER_AFTER = re.compile(
    r"^\s+(?:also\s+)?be\s+(?:my|our)\s+(?:\w+\s+)?(?:prediction|forecast|pick|guess|bet|call|"
    r"choice|scenario)s?\b",
    re.IGNORECASE,
)
# "an almost impossible task", "an unlikely alliance": the word describes a thing, not the chance of
# an event ("The merger is unlikely to pass" keeps its reading).
_ATTRIBUTIVE_BEFORE = re.compile(
    r"\b(?:a|an|the|this|that|such|some|their|his|her|its|our|my)\s+"
    r"(?:\w+ly\s+|almost\s+|nearly\s+|near\s+|quite\s+)?$",
    re.I,
)
_ATTRIBUTIVE_HEDGES = frozenset({"impossible", "improbable", "unlikely"})
_NOUN_AFTER = re.compile(r"^\s+(?!to\b|that\b|for\b|of\b|in\b|as\b|event\b|case\b)[a-z]+\b")
# "The AI bubble that never was", "a war that never happened": "never" about the past.
# "England never won the World Cup", "the side never looked like winning": any verb in the simple past
# (a regular "-ed" form that is no present, or a common irregular past that is no present form).
_NEVER_PAST_AFTER = re.compile(
    r"^\s+(?:was|were|did|had|existed|happened|came|took\s+place|materiali[sz]ed"
    r"|(?!(?:need|feed|exceed|proceed|succeed|speed|bleed|breed|seed|heed|shed|wed|bed|red|embed)\b)"
    r"[a-z]{2,}ed|won|lost|got|made|took|gave|went|saw|said|thought|knew|became|began|ran|held|left|"
    r"kept|stood|fell|felt|found|told|paid|brought|bought|caught|fought|sought|rose|spoke|wrote|"
    r"broke|chose|drove|grew|threw|meant|led|sold|spent|built|sent)\b",
    re.IGNORECASE,
)
# "one that must never be forgotten", "we should never forget": an exhortation, not an outcome.
_NEVER_PRESCRIBED_BEFORE = re.compile(
    r"\b(?:must|mustn['’]t|should|shouldn['’]t|ought\s+to|need)\s+$", re.IGNORECASE
)
# "They are never 100% accurate": a present habit or trait, not the future ("is never going to"
# and "is never to" look ahead).
_PRESENT_BEFORE_NEVER = re.compile(r"\b(?:is|are|am|['’]s|['’]re)\s+$", re.IGNORECASE)
# "Viruses never give up", "the town never has a white Christmas", "once they lose, they never come
# back": a bare "never" before a verb in the simple present states a habit or a trait (like "will" of
# habit, RULES.md labeller D), not a forecast; "will never", "never again", "is never going to" and a
# time ahead ("never recovers from this year's losses" is left to the other rules) still look ahead.
_NEVER_HABIT = re.compile(
    r"^\s+(?!again\b|going\b|to\b|likely\b|be\b|ever\b)(?:[a-z]+s|give|come|go|get|have|do|make|"
    r"take|win|lose|change|learn|stop|work|last|forget|forgive|return|recover|leave|listen|care|know)\b"
    r"(?![^,;:]*\b(?:again|next|coming|from\s+now|anymore|any\s+more)\b)",
    re.IGNORECASE,
)
_AHEAD_AFTER_NEVER = re.compile(r"^\s+(?:going\s+to|gonna|to\b|again\b|likely\b)", re.IGNORECASE)


# A generic or ideal actor as the subject of "would"/"could": "as any prudent lender would", "your
# average commuter would", "a wise government would": what such a one does, a norm or a type, not an
# outcome in the world. A named or definite subject ("the government would") is left alone.
_GENERIC_ACTOR_BEFORE = re.compile(
    r"(?:\bas\s+any\s+|\byour\s+(?:average|typical|ordinary)\s+|"
    r"(?:^|[,;:]\s*|\b(?:and|but|so)\s+)\W*(?:a|any)\s+(?:truly\s+|really\s+)?(?:wise|sensible|prudent|"
    r"smart|rational|reasonable|responsible|competent)\s+)(?:[\w-]+\s+){1,6}?$",
    re.IGNORECASE,
)


# "It is impossible to know whether the truce will hold", "Predicting when prices will peak is hard":
# what cannot be known is said, not which way the event goes (like "it remains to be seen").
_KNOWING = r"(?:know|tell|say|predict|discern|determine|judge|gauge|foresee|forecast|guess)"
_UNKNOWABLE_AFTER = re.compile(
    rf"^\s+(?:for\s+(?:\w+\s+){{1,2}})?to\s+{_KNOWING}\b", re.IGNORECASE
)  # "impossible (for anyone) to know"
_UNKNOWABLE_SUBJECT = re.compile(
    r"^\W*(?:predicting|forecasting|knowing|guessing|telling|saying|judging)\b[^,;:]{0,100}?"
    r"\b(?:is|remains|will\s+be)\s+(?:\w+\s+)?(?:impossible|not\s+possible|hard|difficult|a\s+mug['’]s\s+game|"
    r"a\s+fool['’]s\s+errand|futile|tricky)\b",
    re.IGNORECASE,
)
# "That does not mean it will invade", "this doesn't mean that prices will fall": an inference
# rejected, which leaves the outcome open (RULES.md, labeller K).
_REJECTED_INFERENCE = re.compile(
    r"\b(?:this|that|it|which|none\s+of\s+this|none\s+of\s+that)\s+(?:does\s*(?:not|n['’]t)|"
    r"did\s*(?:not|n['’]t)|need\s+not|needn['’]t)\s+(?:necessarily\s+)?(?:mean|imply|suggest|"
    r"signal)\s+(?:that\s+)?[^,;:]{0,80}$",
    re.IGNORECASE,
)


# "To win a majority, the party will have to gain 120 seats", "To meet the budget, emissions would need
# to fall by a third": what a goal requires, stated as arithmetic or a condition, not that it happens.
_PURPOSE_OPENING = re.compile(r"^\W*(?:in\s+order\s+)?to\s+[a-z]+\b[^,;:]{0,100},\s*[^,;:]*$", re.I)
_NECESSITY_AFTER = re.compile(r"^\s+(?:also\s+|still\s+)?(?:need|have)\s+to\b", re.IGNORECASE)


def _asserts_no_outcome(sentence: str, h: HedgeMatch) -> bool:
    """A modal in one of the general classes above: no outcome of the author's is asserted."""
    word = h.text.lower().replace("’", "'")
    before = sentence[: h.start]
    after = sentence[h.end :]
    if _REJECTED_INFERENCE.search(before):
        return True  # "That does not mean the army will invade": the outcome is left open
    if _PURPOSE_OPENING.match(before) and (
        word in {"will have to", "would have to", "will need to", "would need to", "must"}
        or (word in {"will", "would", "'ll", "'d"} and _NECESSITY_AFTER.match(after))
    ):
        return True  # "To win a majority, the party will have to gain 120 seats": a requirement
    if word.split()[-1] in {
        "impossible",
        "possible",
        "difficult",
        "hard",
    } and _UNKNOWABLE_AFTER.match(after):
        return True  # "it is impossible to know whether ...": no lean either way
    unknowable = _UNKNOWABLE_SUBJECT.match(sentence)
    if unknowable and h.start < unknowable.end():
        return True  # "Predicting when the bubble will burst is impossible"
    modal = word.split()[0] in _MODAL_WORDS or word in {"'ll", "'d", "won't", "wouldn't"}
    wish = _WISH_BEFORE.search(before)
    if modal and wish and re.search(r"\b(?:i|we|us|one|you)\b", before[: wish.start()], re.I):
        return True
    if modal and _NO_LEAN_THAT.search(before):
        return True
    if modal and (
        _DEPENDS_AFTER.match(after)
        or (_DEPEND_VERB_AFTER.match(after) and _WHOLE_MATTER_BEFORE.search(before))
        or _LOOKS_LIKE_AFTER.match(after)
    ):
        return True
    if modal and _APPEARANCE_FRAME.search(before):
        pass  # "It feels as if the winner will be ...": the author's guess (see _main_hedge)
    elif modal and (_AS_IF_BEFORE.search(before) or _ASSUMED_BEFORE.search(before)):
        return True
    if word.startswith(("would", "could", "might", "'d")) and _IMAGINED_NOW.search(sentence):
        return True
    if word.startswith(("would", "could", "'d")) and _GENERIC_ACTOR_BEFORE.search(before):
        return True  # "as any prudent lender would do", "a sensible government would cut taxes"
    if modal and (_TRIAL_AFTER.match(after) or _POINTER_AFTER.match(after)):
        return True
    if h.entry.phrase.startswith(("my ", "our ")) and re.search(
        r"(?:\b(?:will|would|shall)\s+|['’]ll\s+|['’]d\s+)(?:also\s+)?be\s+$"
        r"|\b(?:this|that|these|those|which)\s+(?:is|was|are|were)\s+(?:also\s+)?$",
        before,
        re.IGNORECASE,
    ):
        return True  # "That will be my pick", "This is my main prediction": the pick is elsewhere
    if (
        word.split()[-1] in _ATTRIBUTIVE_HEDGES
        and _ATTRIBUTIVE_BEFORE.search(before)
        and _NOUN_AFTER.match(after)
    ):
        return True
    if modal and _COMES_TO_LIGHT_AFTER.match(after):
        return True
    if word in {"could", "can"} and _RHETORICAL_COMPARISON_AFTER.match(after):
        return True
    if word in {"would", "could", "might", "may", "will"} and (
        _IT_BEFORE.search(before) and _TOO_SOON_TO_AFTER.match(after)
    ):
        return True
    if word in {"will", "'ll", "shall"} and _AGE_AFTER.match(after):
        return True
    # "never" about the past, or a present trait
    return word == "never" and bool(
        _NEVER_PAST_AFTER.match(after)
        or _NEVER_PRESCRIBED_BEFORE.search(before)
        or (_PRESENT_BEFORE_NEVER.search(before) and not _AHEAD_AFTER_NEVER.match(after))
        or _NEVER_HABIT.match(after)
    )


def _usable(sentence: str, h: HedgeMatch, quotes: list[tuple[int, int]]) -> bool:
    """Whether a hedge speaks for the author about a future event (see the rules inline)."""
    word = h.text.lower().replace("’", "'")
    before = sentence[: h.start]
    after = sentence[h.end :]
    # Someone else's words inside quotation marks are reported, not the author's forecast.
    if any(s <= h.start < e for s, e in quotes):
        return False
    if word == "will" and (_NOUN_WILL_BEFORE.search(before) or re.match(r"\s+to\b", after)):
        return False  # "political will", "the will to fight"
    if word == "might" and _NOUN_MIGHT_BEFORE.search(before):
        return False  # "with all its evolutionary might", "military might"
    if h.text.startswith("May") and (h.start > 0 or re.match(r"\s+\d", after)):
        return False  # the month, or a name
    if word == "may" and (_MONTH_MAY_BEFORE.search(before) or _FINITE_AFTER.match(after)):
        return False
    if _ADVERB_HEDGE.match(word) and (
        _PAST_NEXT_TO_ADVERB.search(before)
        or _PAST_AFTER_ADVERB.match(after)
        or _PAST_MODAL_AFTER_ADVERB.match(after)
    ):
        return False  # "the main factor was most likely the polls"
    if (
        _ADVERB_HEDGE.match(word)
        and re.fullmatch(r"\W*", before)
        # commas cut out first: "Perhaps the villagers, who had seen floods, will leave" looks ahead
        and (verb := _FIRST_FINITE.search(re.sub(r",[^,;]*,", " ", after.split(";")[0])))
        is not None
        and verb.group().lower() in {"was", "were", "had", "did"}
    ):
        return False  # "Perhaps the villagers were not surprised": a guess about the past
    if h.entry.phrase.endswith(" that") and _present_clause(after):
        return False  # "There is no doubt that the economy is struggling": a present judgement
    if _ADVERB_HEDGE.match(word) and _present_judgement(word, before, after):
        return False  # "the currency is probably undervalued": a judgement about the present
    if word == "never" and _BARE_PARTICIPLE.match(after) and not re.search(r"\w", before[-3:]):
        return False  # "never troubled by facts, ...": a description, not the future
    if word == "never" and re.search(r"\b(?:has|have|had|'s|'ve|'d)\s+$", before.replace("’", "'")):
        return False  # "who has never been one for decisions": the present perfect looks back
    if word.split()[0] not in _MODAL_WORDS and _PAST_COPULA.search(before):
        return False  # "it was only a matter of time until", "the bill was bound to pass": the past
    if (
        "expect" in word
        and not word.startswith(("should", "can"))
        and not h.entry.phrase.startswith("BE ")  # "the tariffs are expected to": impersonal
    ):
        # Only the author's own expectation ("We expect", "Don't expect", "Expect more") forecasts;
        # "Analysts expect" reports someone else's. "Drivers should expect delays", "savers can
        # expect lower rates": the author tells others what to expect, a forecast of the author's.
        clause = before[[0, *[m.end() for m in _CLAUSE_BREAK.finditer(before)]][-1] :]
        clause = _DISCOURSE.sub("", clause.strip())
        if clause and not re.fullmatch(
            r"(?:i|we|one|you)(?:['’]d)?(?:\s+\w+)?", clause, re.IGNORECASE
        ):
            return False
    if word.startswith(("would", "could", "might", "may")) and _STANCE_AFTER.match(after):
        return False
    if word.startswith(("would", "could", "might")) and (
        _PAST_COUNTERFACTUAL.match(before) or _PRESENT_COUNTERFACTUAL.match(before)
    ):
        return False  # "Had the bank acted sooner, inflation would be lower now": the past undone
    if "but to" in h.entry.phrase and re.search(r"\b(?:we|i|you)\s+$", before, re.IGNORECASE):
        return False  # "We have no choice but to act": a call to act, not a forecast
    # ("It would be a surprise if the bank raised rates": after "would" the past is subjunctive.)
    if (
        h.entry.phrase.endswith(" if")
        and not re.search(r"would|'d", h.entry.phrase)
        and _PAST.search(_clause_after(after, 0))
        and not re.search(r"\b(?:has|have)\b", _clause_after(after, 0))
        and not find_hedges(after)
    ):
        return False  # "Don't be surprised if the minister resigned": a guess about the past
    if h.entry.phrase in _ARRIVAL_PHRASES and _SCHEDULED.search(_clause_tail(before)):
        return False  # "The deadline is looming", "the election is around the corner": a date
    if h.entry.phrase in {"looms", "BE looming"} and re.match(
        r"\s+(?:large|over|above|behind|in\s+the\s+(?:distance|background))\b", after, re.I
    ):
        return False  # "the question looms large", "the mill looms over the town": the present
    if h.text == "Will" and h.start > 0 and re.match(r"\s+[A-Z][a-z]+\s+[a-z]+(?:ed|s)\b", after):
        return False  # "the moment Will Smith slapped ...": a name
    if _SPECULATED_MIND.search(before):
        return False  # "Putin may suppose that a brighter future is around the corner": a mind guessed at
    if word == "will have to" and _AFTER_MODAL_SPECULATION.match(after):
        return False  # "both sides will have to realise ...": advice, not a forecast
    if word.endswith("likely") and _CHANGED_BEFORE.search(before):
        return False  # "has grown less likely this week" reports a change
    if (
        word in {"will", "'ll", "shall"}
        and _ATTITUDE_AFTER.match(after)
        and (_FIRST_PERSON_SUBJECT.search(before) or re.search(r"\b(?:i|we)\s*$", before, re.I))
    ):
        return False  # "I will always support the former"
    if re.match(r"(?:was|were)\b", word):
        return False  # "was set to", "were likely to": an expectation in the past
    if _IDIOM.match(after):
        return False
    if h.entry.phrase in _WEAK_MODALS and _IT_BEFORE.search(before) and _BE_THAT_AFTER.match(after):
        return False  # "it may be that ...": a guess about how things are  # "nothing could be further from the truth"
    if word in {"cannot", "can't", "can not", "can no longer"} and (
        _AFTER_MODAL_SPECULATION.match(after)
        or _KNOWING_AFTER.match(after)
        or _ATTITUDE_AFTER.match(after)
    ):
        return False  # "can no longer imagine" describes a mind, "cannot know" its limits
    if h.entry.probability >= 0.4 and (
        (
            _SPEAKER_SUBJECT.search(before)
            and _SPEECH_ACT_AFTER.match(after)
            and not _SEE_EVENT_AFTER.match(after)
        )
        or _ONE_BEFORE.search(before)
    ):
        return False  # "I would add that", "one could argue", "one might expect"
    # "I'm going to say something unpopular" is the writer's conduct, as "I will say" is; but the
    # generic "you" paying or losing ("You will pay more for petrol next year") is an outcome.
    if (
        (word in _MODAL_WORDS or "going to" in word)
        and _I_OR_YOU_BEFORE.search(before)
        and not (re.search(r"\byou\s*$", before, re.IGNORECASE) and _YOU_OUTCOME_AFTER.match(after))
    ):
        return False
    if word.startswith(("will", "'ll", "would", "could", "might", "may", "can")) and (
        _EMBEDDED_QUESTION.search(before)
    ):
        return False
    if (
        word in _MODAL_WORDS
        and _READER_SUBJECT.search(before)
        and _DISCOURSE_VERB_AFTER.match(after)
        and not _SEE_EVENT_AFTER.match(after)
    ):
        return False
    if word in _MODAL_WORDS and (
        _FEELING_AFTER.match(after)
        or _EITHER_AFTER.match(after)
        or _UNNAMED_EFFECT_AFTER.match(after)
    ):
        return False
    if (word in _MODAL_WORDS or h.entry.phrase in _FLAT_FUTURE) and _INTERPRETATION_AFTER.match(
        after
    ):
        return False  # "it will mean the end of an era", "it would be a rebuke to the party"
    if (word in _MODAL_WORDS or h.entry.phrase in _FLAT_FUTURE) and _TASTE_AFTER.match(after):
        return False  # "2025 will be a great year", "politics is going to get wilder": taste
    if _TIME_BEFORE.search(before) and _TELL_AFTER.match(after):
        return False  # "only time will tell"
    if (
        word in {"will", "would", "could", "might", "may"}
        and _IT_BEFORE.search(before)
        and _EVALUATIVE_AFTER.match(after)
    ):
        return False  # "it will be interesting to see", "it would be easy to blame"
    if word.startswith(("would", "could", "might", "may", "will")) and (
        _PRESCRIPTIVE_SUBJECT.search(before) and _TO_INFINITIVE_AFTER.match(after)
    ):
        return False  # "the best course would be to ...": advice
    if h.entry.phrase in _WEAK_MODALS and _AFTER_MODAL_PAST.match(after):
        return False
    if _asserts_no_outcome(sentence, h):
        return False
    if (
        h.entry.phrase in _WEAK_MODALS
        or word in {"will", "'ll", "won't", "would not", "wouldn't"}
        # "how far prices are going to fall" is as open as "how far they will fall"
        or (h.entry.phrase in _FLAT_FUTURE and "going to" in h.entry.phrase)
    ):
        # "may believe" guesses at a mind and does not resolve.
        if _AFTER_MODAL_SPECULATION.match(after) and not _FELT_OUTCOME.match(after):
            return False
        # "how the administration might respond" is an open question, not a claim.
        wh = _WH_BEFORE.search(before)
        # "Why the Senate will stay Republican" (a title, no question mark) asserts its clause.
        why_title = wh and wh.start() == 0 and wh.group().lower().startswith("why")
        why_title = why_title and not _is_question(sentence)
        # ", which may be ...": a relative pronoun after a comma opens no question.
        relative = bool(
            wh
            and wh.group().lower().startswith(("which", "where"))
            and before[: wh.start()].rstrip().endswith(",")
        ) or bool(wh and re.match(r"which\s+(?:is|was)\s+why\b", wh.group(), re.IGNORECASE))
        # "What happens in Ohio will decide the election", "Countries which depend on gas will
        # suffer": the wh-clause has its own verb and the modal belongs to the main clause.
        relative = relative or bool(wh and _wh_clause_closed(sentence, wh, h))
        # "Which is why the bank will cut rates": a connective, like "that is why"
        if (
            wh
            and not why_title
            and not relative
            # "That's why X will" is a connective; "the question is whether X will" stays open
            and not (
                wh.group().lower().startswith("why")
                and _WHY_CONNECTIVE.search(before[: wh.start()])
            )
            and not _IN_WHICH_CASE.match(before, wh.start() - 3 if wh.start() >= 3 else 0)
        ):
            return False
        # "concessions that would hint at ..." describes a thing; "argue that it would" does not.
        if word.startswith("would") or word in {"could", "might"}:
            rel = _RELATIVE_BEFORE.search(before)
            if (
                rel
                and not _COMPLEMENT_VERB.search(before)
                and not _ONLY_DISCOURSE.match(_clause_tail(before[: rel.start()]))
            ):
                return False
    return True


# A finite verb inside a wh-clause: "happens", "rules", "are", "depend", "backed".
_WH_CLAUSE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|does|do|did|happens|happened|depends?|matters|goes|"
    r"comes|[a-z]{3,}ed)\b"
)
# After the modal, a predicate that shows the wh-clause held the modal ("How they will react is
# unclear", "What will happen depends on the courts").
_WH_LATER_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|remains?|depends?|matters?|hinges?)\b", re.IGNORECASE
)


def _wh_clause_closed(sentence: str, wh: re.Match[str], h: HedgeMatch) -> bool:
    """Whether the wh-clause before a modal is finished: it opens the sentence (a subject clause) or
    follows a noun (a relative), it has a verb of its own, and no predicate follows the modal."""
    lead = sentence[: wh.start()]
    opening = _ONLY_DISCOURSE.match(lead) is not None
    after_noun = bool(
        re.search(r"\b[a-z]{3,}s\s+$", lead, re.IGNORECASE)
        and wh.group().lower().startswith(("which", "where"))
    )
    if not (opening or after_noun) or _is_question(sentence):
        return False
    inside = sentence[wh.start() + len(wh.group().split()[0]) : h.start]
    # "Biden's 9 unscripted words": an -ed word after a determiner is an adjective
    finite = any(
        not re.search(
            r"(?:\b(?:the|a|an|his|her|its|their|our|my|your|\d+)|['’]s)\s+$",
            inside[: v.start()],
            re.I,
        )
        for v in _WH_CLAUSE_VERB.finditer(inside)
    )
    return finite and not _WH_LATER_PREDICATE.search(sentence[h.end :])


_PARENTHETICAL = re.compile(r"\s?[—–]\s?[^—–]+[—–]\s?|\([^()]*\)")


# "is probably being modest", "are certainly the favourites": an adverb of likelihood after a
# present copula judges the present, unless a future construction follows ("is probably going to").
_PRESENT_NEXT_TO_ADVERB = re.compile(r"\b(?:is|are|am|['’]s|['’]re)\s+$", re.IGNORECASE)
_FUTURE_AFTER_ADVERB = re.compile(
    r"^\s+(?:going\s+to|gonna|about|set|poised|headed|heading|bound|doomed|due|destined|to|on\s+(?:course|"
    r"track|the\s+(?:verge|brink|way))|in\s+for)\b",
    re.IGNORECASE,
)
# "never troubled by facts", "never elected to office": an adverb before a bare participle.
_BARE_PARTICIPLE = re.compile(r"^\s+[a-z]+(?:ed|en)\b", re.IGNORECASE)


# An actor's intent or readiness is its future course (RULES.md notes: "has no interest in"), so a
# certainty frame over it still forecasts: "We are certain that the Kremlin is not interested".
_INTENT = re.compile(
    r"\b(?:interested|willing|ready|prepared|determined|intends?|plans?|wants?|means?\s+to|"
    r"aims?|seeks?)\b",
    re.IGNORECASE,
)


def _present_clause(after: str) -> bool:
    """Whether a that-clause states only the present or the past: no modal, no future word or time
    phrase, no intent ("that the economy is struggling", "that he was right")."""
    clause = re.split(r"[;:]|\s[—–]\s", after, maxsplit=1)[0]
    # A bare present ("that the virus spreads to cattle") usually looks ahead; a copula, the
    # progressive or the past does not.
    if not re.search(r"\b(?:is|are|am|was|were|has\s+been|have\s+been|had|did)\b", clause) and not (
        _PAST.search(clause) and not re.search(r"\b(?:has|have)\b", clause)
    ):
        return False
    return not (
        find_hedges(clause)
        or _FUTURE_WORD.search(clause)
        or _FUTURE_TIME.search(clause)
        or _INTENT.search(clause)
        or re.search(r"\b(?:to\s+\w+|going|about|set|due|bound)\b", clause)
    )


# "this is most likely a fraction of the true number", "the cause is likely the heat": "likely" before a
# noun phrase identifies what something is now (an adjective after it, "likely unstoppable", leans ahead).
_NOUN_PHRASE_AFTER = re.compile(
    r"^\s+(?:just\s+|only\s+|still\s+)?(?:a|an|the|one|another)\s+\w", re.I
)


def _present_judgement(word: str, before: str, after: str) -> bool:
    return (
        # "are likely unstoppable within a year" leans to the future
        (not word.endswith("likely") or bool(_NOUN_PHRASE_AFTER.match(after)))
        and bool(_PRESENT_NEXT_TO_ADVERB.search(before))
        and not _FUTURE_AFTER_ADVERB.match(after)
        and not _FUTURE_TIME.search(before + after)
    )


def _speculative(sentence: str) -> bool:
    """A main clause that guesses rather than states: "The army may have lost 50,000 men",
    "One could argue that ...", "Putin may believe ...". Neither a forecast nor a checkable fact."""
    quotes = _quoted_spans(sentence)
    if (
        _PAST_COUNTERFACTUAL.match(sentence) or _PRESENT_COUNTERFACTUAL.match(sentence)
    ) and re.search(r"\b(?:would|could|might)\b", sentence):
        return True  # "Had the bank acted sooner, inflation would be lower": the past undone
    for h in find_hedges(sentence):
        if any(a <= h.start < b for a, b in quotes):
            continue
        if _in_subordinate_clause(sentence, h.start) or _in_relative_clause(sentence, h):
            continue
        before, after = sentence[: h.start], sentence[h.end :]
        word = h.text.lower().replace("’", "'")
        if word in _MODAL_WORDS and (
            _I_OR_YOU_BEFORE.search(before)
            or (_READER_SUBJECT.search(before) and _DISCOURSE_VERB_AFTER.match(after))
        ):
            return True  # "You will notice that ...", "Readers will remember ..."
        if h.entry.phrase not in _WEAK_MODALS:
            continue
        if _ONE_BEFORE.search(before) or _AFTER_MODAL_PAST.match(after):
            return True
        if (
            _AFTER_MODAL_SPECULATION.match(after)
            and not _REPORTING.search(before)
            and not _FELT_OUTCOME.match(after)
        ):
            return True
        if _IT_BEFORE.search(before) and (
            _BE_THAT_AFTER.match(after) or _STANCE_AFTER.match(after)
        ):
            return True  # "It may be that the voters simply stopped listening"
    return False


def _clause_tail(text: str) -> str:
    """The part of `text` after its last clause break (", but that won't": "but "); all of it when
    nothing follows the break (", which will" opens a relative clause)."""
    tail = text[([0] + [m.end() for m in _CLAUSE_BREAK.finditer(text)])[-1] :]
    return tail if tail.strip() else text


def _in_relative_clause(sentence: str, h: HedgeMatch) -> bool:
    before = sentence[: h.start]
    rel = _RELATIVE_BEFORE.search(before)
    return bool(
        rel
        and not _COMPLEMENT_VERB.search(before)
        and not _ONLY_DISCOURSE.match(_clause_tail(before[: rel.start()]))
    )


def _main_hedge(sentence: str) -> HedgeMatch | None:
    """The hedge that carries the sentence: the first in a main clause, outside asides."""
    quotes = _quoted_spans(sentence)
    usable = [h for h in find_hedges(sentence) if _usable(sentence, h, quotes)]
    if not usable:
        return None
    # "Though its orientation may be different, the challenge is not unique": a possibility
    # conceded in passing is not the author's forecast.
    usable = [h for h in usable if not _conceded(sentence, h)]
    if not usable:
        return None
    asides = [m.span() for m in _PARENTHETICAL.finditer(sentence)]
    outside = [h for h in usable if not any(s <= h.start < e for s, e in asides)] or usable
    main = [h for h in outside if not _in_subordinate_clause(sentence, h.start)] or outside
    # "the innovation that will accompany it will have a price": the relative clause's modal is not
    # the sentence's.
    main = [h for h in main if not _in_relative_clause(sentence, h)] or main
    # "He would likely accept it, but he will never regard it as an off ramp": the clause after the
    # contrast carries the author's final judgement.
    contrast = [m.end() for m in _CONTRAST.finditer(sentence)]
    if contrast and main[0].start < contrast[-1]:
        later = [h for h in main if h.start >= contrast[-1]]
        if later:
            return later[0]
    # "X will force Y on the party, and the majority will not vote for it", "Musk will reshape cars;
    # he might even pick a new industry": of two coordinated main clauses, each with its own modal,
    # the one the sentence ends on is labelled (RULES.md, labeller I).
    joins = [m.end() for m in _COORDINATED.finditer(sentence, main[0].end)]
    if joins:
        later = [h for h in main if h.start >= joins[-1]]
        if later and _BARE_SUBJECT.fullmatch(sentence[joins[-1] : later[0].start]):
            return later[0]
    # "One thing won't change: the rich will see it coming": a short frame announces the claim
    # that follows the colon.
    colon = sentence.find(":", main[0].end)
    if colon > 0 and len(sentence[:colon].split()) <= 6:
        later = [h for h in usable if h.start > colon]
        if later:
            return later[0]
    # "it will be impossible for them to win", "the deal will be unlikely to pass": the predicate's
    # own hedge, right after "will be", says how likely the event is; "will" only dates it.
    first = main[0]
    if first.entry.phrase in _PLAIN_FUTURE and _APPEARANCE_FRAME.search(sentence[: first.start]):
        # "It feels as if the winner will be ...": the frame, not the bare modal, says how likely
        negated = first.negated != (first.entry.probability < 0.5)
        return _matched(_APPEARANCE, sentence, first.start, first.end, negated)
    # "Here are my picks for who will win — Smith will be elected": a modal after the pick says
    # how sure the author is (a "will" pick keeps 0.9, RULES.md labeller E).
    if first.entry.phrase.startswith("my "):
        later = [h for h in usable if h.start > first.end]
        if later:
            return later[0]
    if first.entry.phrase in {"will", "'ll", "would", "shall"} and not first.negated:
        after = [h for h in usable if h.start > first.end]
        gap = sentence[first.end : after[0].start] if after else ""
        if after and (
            _BE_THEN.fullmatch(gap)
            or (not gap.strip() and re.match(r"(?:be|become)\s", after[0].text, re.IGNORECASE))
        ):
            h = after[0]  # read as one hedge from "will" on, so the draft's subject stops before it
            return replace(h, text=sentence[first.start : h.end], start=first.start)
    return first


_COORDINATED = re.compile(r";\s*|,\s+and\s+(?!then\b|so\b)")
# The subject of the second clause: a few words, no verb, comma or subordinator before its modal.
_BARE_SUBJECT = re.compile(
    # the speaker's "one cannot ignore", "we must admit" is stance, not a second forecast
    r"\s*(?!(?:if|when|once|unless|that|which|who|as|because|while|one|i|we|you)\b)"
    r"(?:(?:the|a|an|his|her|their|its|this|that|these|those|most|many|some|all|no)\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?[\w'’-]+\s+(?:(?:also|even|probably|then|still|likely|surely)\s+)?",
    re.IGNORECASE,
)
_BE_THEN = re.compile(r"\s+(?:be|become|prove)\s+(?:\w+ly\s+)?", re.IGNORECASE)


_CONCESSIVE = re.compile(r"^\s*(?:even\s+)?(?:although|though|while|whereas|granted)\b", re.I)
_CONCEDED_STATE = re.compile(r"^\s+(?:well\s+|still\s+|also\s+)?(?:be|seem|sound|look)\b", re.I)


def _conceded(sentence: str, h: HedgeMatch) -> bool:
    """A weak modal in a concessive clause ("although X may be ...") or in "X may be A, but B"."""
    if h.entry.phrase not in {"may", "might", "could", "may well", "could well", "might well"}:
        return False
    breaks = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, h.start)]
    if _CONCESSIVE.match(sentence[breaks[-1] : h.start]):
        return True
    contrast = _CONTRAST.search(sentence, h.end)
    return bool(
        contrast
        and _CONCEDED_STATE.match(sentence[h.end :])
        and not find_hedges(sentence[contrast.end() :])
    )


_CONTRAST = re.compile(r"(?:,|;|—|–)\s*(?:but|yet|though|however)\b|\bbut\s+(?=\w+\s+\w+)", re.I)


_PAST_REPORT = re.compile(
    r"\b(?:wrote|said|argued|predicted|warned|claimed|insisted|stated|declared|told)\b", re.I
)
# "the assertion that Ukraine cannot win": a position described, not the author's forecast.
_POSITION = re.compile(
    r"\b(?:the|this|that|their|his|her|its|such)\s+(?:\w+\s+)?(?:assertion|claim|notion|idea|"
    r"argument|suggestion|narrative|view|premise|contention|theory|prediction|expectation|hope|fear|"
    r"delusion|illusion|belief|news|report|rumou?r|speculation|worry)s?"
    r"\s+(?:\w+\s+)?that\b",
    re.IGNORECASE,
)


# "The fear is that the truce will collapse", "The bad news is that rates will rise": the author
# names the outcome as the predicate, not a position described ("the fear that X" is one).
_FEARED_OUTCOME = re.compile(
    r"\b(?:fear|worry|concern|danger|risk|news)\s+(?:here\s+)?(?:is|was)\s+that\s+[^,;:]*$", re.I
)
_OWN_INFERENCE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|but|so)\s+)\W*(?:this|that|it|which|all\s+this|all\s+of\s+this)\s+"
    r"(?:\w+ly\s+)?(?:means|meant|implies|implied|suggests|indicates|shows)\s+(?:that\s+)?[^;:]*$",
    re.IGNORECASE,
)
_REPORTED_NO_THAT = re.compile(
    r"\b(?:announced|promised|pledged|vowed|warned|signall?ed|hinted|indicated|claimed|insisted|"
    r"acknowledged|admitted|conceded|confirmed|predicted|forecast|estimated|projected|reported)"
    r"\s+(?:\w+\s+){1,3}$",
    re.IGNORECASE,
)


# "The model is predicting a 20 percent chance that ...", "markets are pricing in two cuts": a forecast
# someone (or something) is giving now, reported in the progressive; a first-person subject keeps it
# the author's ("I am predicting ...").
_REPORTED_PROGRESSIVE = re.compile(
    r"(?P<subject>^.*?)\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+|also\s+|still\s+)?"
    r"(?:predicting|forecasting|projecting|estimating|pricing\s+in|giving|putting|betting\s+on)\s+"
    r"(?:[\w'’%.-]+\s+){0,3}$",
    re.IGNORECASE,
)


_AS_REPORTED = re.compile(
    r"\bas\s+(?:[\w'’-]+\s+){1,5}?(?:(?:has|have|had)\s+)?(?:reported|noted|predicted|written|"
    r"warned|said)\s*,",
    re.IGNORECASE,
)


def _unowned_position(sentence: str, h: HedgeMatch) -> bool:
    """ "The notion that the virus will disappear is wishful thinking", "I reject the assertion that
    ...": a position nobody named holds, described or rejected. Neither the author's forecast nor a
    checkable report of someone's words."""
    before = sentence[: h.start]
    m = _POSITION.search(before)
    if m is None or not _DEMONSTRATIVE.match(m.group()) or _FEARED_OUTCOME.search(before):
        return False
    return _names(before[: m.start()].replace("’", "'")) == 0 and not _REPORTING.search(before)


# Someone who can make a threat, right before the verb: a name within the sentence or a personal
# pronoun ("the president threatens to" is missed; "Tariffs threaten to" is not an actor).
_ACTOR_BEFORE = re.compile(
    r"(?:(?<=\s)[A-Z][\w'’.-]+|\b(?:he|she|they|He|She|They))\s+(?:also\s+|now\s+|again\s+)?$"
)


# A clause attributed at its end: "..., the council said.", "..., according to the minutes."
_TRAILING_ATTRIBUTION = re.compile(
    r"(?:,|—|–)\s*(?:[\w'’.-]+\s+){1,6}(?:said|says|told\s+\w+|announced|added|warned|warns|"
    r"predicted|predicts|insisted|argued|claimed|reported|wrote|noted|suggests|shows|finds|"
    r"found)(?:\s+(?:on\s+)?\w+)?\W*$"
    r"|(?:,|—|–)\s*according\s+to\s+[^,;]{2,60}\W*$"
    # the verb first: "..., says the bank's chief economist, Ann Lee.", "..., warned the minister."
    r"|(?:,|—|–)\s*(?:said|says|added|warned|warns|predicted|predicts|argued|argues|wrote|"
    r"writes|noted|insisted|insists|claimed)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w'’.-]+,?\s+){0,7}[\w'’.-]+\W*$",
    re.IGNORECASE,
)
# Verbs of belief, as (base, third person): the mind a reported forecast comes from.
_BELIEF_VERBS = (
    ("believe", "believes"),
    ("think", "thinks"),
    ("hope", "hopes"),
    ("fear", "fears"),
    ("reckon", "reckons"),
    ("suspect", "suspects"),
    ("assume", "assumes"),
    ("worry", "worries"),
    ("bet", "bets"),
    ("predict", "predicts"),
)
_BELIEF_ANY_FORM = "|".join(form for pair in _BELIEF_VERBS for form in pair)
_BELIEF_THIRD_PERSON = "|".join(third for _, third in _BELIEF_VERBS)
# "Many believe the president will resign", "Investors hope rates will fall": someone else's belief
# or hope, without "that" ("I think X will" stays the author's).
_THIRD_PARTY_BELIEF = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|but|so|yet)\s+)(?P<who>(?:[\w'’.-]+\s+){1,7}?)(?:also\s+|still\s+|now\s+)?"
    rf"(?:{_BELIEF_ANY_FORM})\s+[^,;:\s][^,;:]{{0,120}}$",
    re.IGNORECASE,
)


# "Martin McKee, a professor of public health, thinks it is unlikely that ...": the verb closes an
# appositive, so its subject is the person named before the commas.
_APPOSITIVE_BELIEF = re.compile(
    r"\b[A-Z][\w'’.-]+\s*,[^,;:]{3,120},\s*(?:also\s+|still\s+|now\s+)?"
    rf"(?:{_BELIEF_THIRD_PERSON}|expects|doubts|argues|says|said|warned|warns|insists|claims)"
    r"\s+[^,;:]{0,80}$"
)
# "This guy has been saying inflation is on its way", "analysts keep predicting a crash": someone's
# repeated claim, reported.
_REPEATED_CLAIM = re.compile(
    r"\b(?:(?:has|have|had)\s+been|keeps?|kept)\s+(?:\w+ly\s+)?(?:saying|predicting|warning|"
    r"claiming|arguing|insisting|forecasting|promising|telling\s+\w+)\b[^;:]{0,80}$",
    re.IGNORECASE,
)


_NOT_A_BELIEVER = re.compile(
    r"\b(?:to|a|an|the|good|safe|fair|sure|my|our|your|his|her|their|its)\s+$", re.IGNORECASE
)


# A prediction whose source is a forecasting instrument or an unnamed many, not the author: "Latest
# projections are that X could", "polls suggest that X would struggle", "some readings indicate that
# the war will end", "It is widely believed (by observers) that X will", a survey "asking whether they
# thought X would", and a figure given as projected ("X will have a projected deficit of $2bn"). Reported,
# like any quoted prediction (RULES.md, labeller A). "It is expected that X will" with no "widely" or
# agent, "prices suggest that X will" and "surveys indicate X will" (data the author reads, labeller
# E), stay the author's.
_INSTRUMENT_SAYS = re.compile(
    r"\b(?:projections?|forecasts|estimates|polls|polling|readings|models|simulations|"
    r"outlooks|opinion\s+polls)\s+(?:\w+\s+){0,2}?(?:suggest|suggests|suggested|indicate|indicates|"
    r"indicated|show|shows|showed|are|were|project|projects|predict|predicts|point\s+to)\s+"
    r"(?:that\s+)?[^;:]*$",
    re.IGNORECASE,
)
_PASSIVE_BELIEF = re.compile(
    r"\b(?:it\s+is|it['’]s|it\s+was|it\s+has\s+been)\s+(?:(?:widely|generally|commonly|broadly|"
    r"almost\s+universally|now)\s+(?:believed|expected|thought|assumed|predicted|anticipated|"
    r"accepted|agreed)\b|(?:believed|expected|thought|assumed|predicted|anticipated)\s+by\b)[^;:]*$",
    re.IGNORECASE,
)
_SURVEY_QUESTION = re.compile(
    r"\basking\s+(?:\w+\s+){0,3}?(?:if|whether)\s+(?:they|he|she|people|respondents)\s+"
    r"(?:thought|think|believed|believe|expected|expect)\b[^;:]*$",
    re.IGNORECASE,
)
_PROJECTED_FIGURE = re.compile(
    r"^\s+(?:\w+\s+){0,2}?(?:a|an|the)\s+(?:projected|forecast|estimated)\s+\w+", re.I
)


def _from_instrument(sentence: str, h: HedgeMatch) -> bool:
    before = sentence[: h.start]
    if _FIRST_PERSON.search(before):
        return False  # "our projections are that ...", "I thought": the author's own
    if _INSTRUMENT_SAYS.search(before) or _PASSIVE_BELIEF.search(before):
        return True
    if _SURVEY_QUESTION.search(before):
        return True
    return h.entry.phrase in {"will", "would"} and bool(_PROJECTED_FIGURE.match(sentence[h.end :]))


# "Most of us assumed turnout would collapse", "I thought the pound would recover": an expectation
# held in the past, with its modal moved back in tense; what someone expected then, reported, not a
# forecast now (RULES.md, labeller A: the author's own past predictions are factual). "Who would have
# thought", "I would have expected" (present judgements) and "I have always thought" (a belief still
# held) are left out.
_PAST_BELIEF = re.compile(
    r"(?<!\bhave\s)(?<!\bhas\s)(?<!['’]ve\s)(?<!\balways\s)(?<!\blong\s)(?<!\bthe\s)(?<!\ba\s)"
    r"(?<!\bthis\s)(?<!\bthat\s)(?<!\bmy\s)(?<!\bhis\s)(?<!\bher\s)(?<!\bour\s)"  # "the thought of"
    r"\b(?:thought|assumed|expected|believed|feared|hoped|reckoned|suspected|imagined|guessed|"
    r"figured|anticipated|presumed|predicted)\s+(?:that\s+)?[^;:.?!]{0,100}$",
    re.IGNORECASE,
)
_BACKSHIFTED = re.compile(
    r"^(?:would|could|might|['’]d|wouldn['’]t|couldn['’]t|was\s+going\s+to|were\s+going\s+to|"
    r"was\s+not\s+going\s+to|were\s+not\s+going\s+to|wasn['’]t\s+going\s+to|"
    r"weren['’]t\s+going\s+to)\b",
    re.IGNORECASE,
)
# "Setting aside the fact that the unions will strike in March, ...": what "the fact that" governs
# is presupposed as given, not forecast by the author.
_FACT_THAT = re.compile(r"\bthe\s+(?:simple\s+|plain\s+|very\s+|mere\s+)?fact\s+that\b", re.I)
# "A common prediction is that the merger will fail", "The consensus is that rates will fall": a view
# held by others, named by how widely it is held (not "my prediction is that", not "the danger is
# that").
# "The thought was that a heatwave would save the season", "the plan had been that the bridge would
# open in 2019": an expectation or plan of the past, named by a noun, with its modal moved back in
# tense (round 10); "the risk is that X would" (the present) is left.
_PAST_PLAN = re.compile(
    r"\b(?:the|their|his|her|its|our|my|your|\w+['’]s)\s+(?:[\w'’]+\s+)?(?:thought|idea|assumption|expectation|"
    r"belief|hope|fear|plan|theory|thinking|premise|bet|promise|pledge|intention|presumption)\s+"
    r"(?:\w+\s+){0,3}?(?:was|had\s+been)\s+(?:\w+\s+)?that\b[^;:]*$",
    re.IGNORECASE,
)
_COMMON_VIEW = re.compile(
    r"\b(?:an?|the)\s+(?:(?:popular|common|widespread|widely\s+held|prevailing|conventional|standard|"
    r"received|consensus|familiar)\s+(?:prediction|forecast|view|belief|assumption|expectation|"
    r"wisdom|narrative)|consensus|conventional\s+wisdom)\s+(?:\w+\s+){0,3}?(?:is|was|has\s+been)\s+"
    r"that\b[^;:]*$"
    # "Fears are growing that ...", "Hopes are high that ...": a mood reported, held by nobody named
    r"|(?:^|[,;:]\s*|\b(?:and|but|so)\s+)\W*(?:fears?|hopes?|worries|concerns?|speculation|talk)\s+"
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:\w+ing|rife|ripe|high|widespread|mounting)\s+"
    r"that\b[^;:]*$",
    re.IGNORECASE,
)


def _presupposed(sentence: str, h: HedgeMatch) -> bool:
    """Whether the hedge is the first after "the fact that" in its clause (see _FACT_THAT)."""
    facts = list(_FACT_THAT.finditer(sentence, 0, h.start))
    fact = facts[-1] if facts else None
    if fact is None or re.search(r"[;:]", sentence[fact.end() : h.start]):
        return False
    return not any(fact.end() <= o.start < h.start for o in find_hedges(sentence))


def _is_reported(sentence: str, h: HedgeMatch) -> bool:
    """A third party's prediction in indirect speech ("Analysts say prices will fall"), the author's own
    past one ("I wrote that they would never give up"), or a position described."""
    before = sentence[: h.start]
    if _BACKSHIFTED.match(h.text) and (_PAST_BELIEF.search(before) or _PAST_PLAN.search(before)):
        return True  # "We all assumed the vote would be close": an expectation held then
    if _presupposed(sentence, h) or _COMMON_VIEW.search(before):
        return True  # "the fact that X will", "a common prediction is that X will"
    if h.entry.phrase.startswith("threaten") and _ACTOR_BEFORE.search(before):
        return True  # "Trump threatens to veto the bill": a threat made, reported; not "tariffs threaten"
    if _DISBELIEF.search(before):
        return False  # "the flawed assumption is that ..." argues the opposite (see _read)
    if _POSITION.search(before) and not _FEARED_OUTCOME.search(before):
        return True
    if _from_instrument(sentence, h):
        return True  # "Latest projections are that X could ...", "It is widely believed that ..."
    if _OWN_INFERENCE.search(before):
        return False  # "This implies that Sri Lanka will be affected": the author's inference
    if _REPORTED_NO_THAT.search(before) or _AS_REPORTED.search(before):
        return True  # "the company announced it would cut 5,000 jobs", "As the paper has reported, ..."
    if _TRAILING_ATTRIBUTION.search(sentence[h.end :]):
        return True  # "The museum will reopen on Tuesday, the council said."
    progressive = _REPORTED_PROGRESSIVE.search(before)
    if progressive and not _FIRST_PERSON.search(progressive.group("subject")):
        return True  # "The model is predicting a 20 percent chance that the incumbent loses"
    belief = _THIRD_PARTY_BELIEF.search(before)
    if (
        belief
        and not re.search(r"\b(?:I|we|us|you|let['’]s)\b", belief.group("who"), re.IGNORECASE)
        # "There is reason to think", "It's a good bet": an infinitive or a noun, not someone's belief
        and not _NOT_A_BELIEVER.search(belief.group("who"))
    ):
        return True  # "Many economists think the recession will be short": their view, reported
    if _APPOSITIVE_BELIEF.search(before) and not _FIRST_PERSON.search(before):
        return True  # "Martin McKee, a professor at ..., thinks it is unlikely that ..."
    repeated = _REPEATED_CLAIM.search(before)
    if repeated and not _FIRST_PERSON.search(before[: repeated.start()]):
        return True  # "This guy has been saying inflation is on its way"
    reports = list(_REPORTING.finditer(before))
    if not reports:
        return False
    if _PAST_REPORT.search(reports[-1].group(0)):
        return True
    subject = before[: reports[-1].start()]
    return not _FIRST_PERSON.search(subject)


# --- factual sentences --------------------------------------------------------------------

_REPORT_VERB = re.compile(
    r"\b(?:said|says|told|announced|declared|stated|claimed|claims|reported|confirmed|admitted|"
    r"denied|warned|argued|argue|insisted|signal(?:l)?ed|branded|echoed|called for|agreed|"
    r"rejected|approved|launched|signed|voted|published|revealed|according to|divulged|"
    r"expressed|highlighted|admit|indicates|shows|showed|found|asserts?|asserted|emphasi[sz]ed|"
    r"warns?|suggests?|suggested|rejects|estimated|estimates|recorded|reached|increased|"
    r"decreased|grew|declined)\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|has been|have been|has|have|did|\w{3,}ed|made|took|gave|sent|began|"
    r"fell|rose|won|lost|led|left|met|paid|sold|spent|built|struck|brought|became|saw|went|"
    r"came|told|held|kept|got|set|cut|put|ran|grew|drew|shut|hit|fought|thought|sought|"
    # the other common irregular past forms (unambiguous: none is also a present form)
    r"drove|wore|swung|flew|threw|wrote|spoke|chose|rode|rang|sank|swam|stood|understood|caught|"
    r"taught|bought|felt|dealt|meant|lent|slept|hid|broke|froze|stole|woke|forgot|ate|knew|blew|"
    r"shook|sat|lay|heard|stuck|hung|dug|spun|fed|fled|sped|shot|slid|bore|tore|swore|overtook|"
    r"undertook|withdrew|forbade|arose|awoke)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(?:percent|per cent|million|billion|trillion|thousands?|hundreds?|dozens?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|twice|half|majority|first|second)\b",
    re.IGNORECASE,
)
# A measured quantity ("$87.6 million", "4.1 percent", "12,000 people"): the core of a checkable fact.
_QUANTITY = re.compile(
    r"[$£€¥]\s?\d|\d\s?%|\d[\d.,]*\s+(?:per\s?cent|percent|percentage\s+points?|million|billion|"
    r"trillion|thousand)\b|\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)\b",
    re.IGNORECASE,
)
# "He is 33", "Their ratings are in the upper 40s", "The share is a mere 61 seats": a present state
# given as a figure, as checkable as a measured quantity ("Here are 5 ways to ..." introduces a list).
_FIGURE_PREDICATE = re.compile(
    r"(?<!here\s)\b(?:is|are)\s+(?:now\s+|still\s+|just\s+|only\s+|a\s+mere\s+|about\s+|around\s+|roughly\s+|"
    r"nearly\s+|almost\s+|over\s+|under\s+|in\s+the\s+(?:low|mid|upper|high)(?:\s+|-))?\d",
    re.IGNORECASE,
)
_TIME_ANCHOR = re.compile(
    r"\b(?:january|february|march|april|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|last\s+"
    r"(?:week|month|year)|this\s+week|recent|recently|since|ago|so far|thus far|now|currently|"
    r"(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:should|must|ought|need to|needs to|let us|let's|clearly|obviously|plainly|surely|"
    r"fantasy|mistake|important|crucial|essential|vital|perfect|ultimate|nothing more than|"
    r"the only|simply|merely|reality|truth|wonder|sign of|telling|seems?|appears?|"
    r"perhaps|arguably|in other words|of course|i think|we think|i believe|we believe|"
    # evaluation and figures of speech: what an author makes of events, not the events
    r"ironic(?:ally)?|magically|spookily|to behold|remarkabl[ey]|extraordinar(?:y|ily)|"
    r"astonishing(?:ly)?|absurd(?:ly)?|outrageous(?:ly)?|shameful(?:ly)?|disgrace(?:ful)?|"
    r"tragic(?:ally)?|terrifying|brilliant(?:ly)?|nightmare|bleak|grim|means that|"
    r"is not to say|one can argue|so to speak|as it were|in a sense|much like|mirror(?:s|ing)?)\b",
    re.IGNORECASE,
)
# "has just broken the record", "were issued rifles": completed events, the core of a fact.
_PERFECT_OR_PASSIVE = re.compile(
    r"\b(?:has|have|had)\s+(?:just\s+|already\s+|recently\s+|now\s+)?(?:been\s+)?"
    r"(?:\w+ed|broken|seen|risen|fallen|grown|won|lost|made|taken|given|shown|become)\b"
    r"|\b(?:was|were)\s+(?:\w+ed|given|taken|shown|made|seen|built|held|sent|told)\b",
    re.IGNORECASE,
)
# The author narrating what they did ("I asked", "we drove", "I was in China last year"): as
# checkable as anyone else's past acts; what they thought or felt is not.
_OWN_PAST_ACT = re.compile(
    r"(?:^|[,;:]\s*)(?:[\w'’]+\s+){0,4}?(?:I|we|We)\s+(?!(?:thought|believed|felt|hoped|wanted|"
    r"wondered|feared|imagined|expected|assumed|worried|suspected|guessed|liked|loved|hated|"
    r"wished|needed|decided|realised|realized|learned|learnt)\b)(?:was|were|did|[a-z]{2,}ed|"
    r"went|met|saw|told|made|took|gave|sent|spoke|wrote|drove|flew|bought|paid|left|ran|won|"
    r"lost|got|came|sat|stood)\b"
)
# A main clause narrating an event in the simple past ("The pendulum swung to sellers", "The
# rally culminated in January"): a third person's act or a thing's change, as checkable as a date.
_NARRATED_PAST = re.compile(
    r"^\W*(?:(?:then|and|but|so|instead|later|soon|eventually|meanwhile),?\s+)?"
    r"(?!(?:I|we|you|it|this|that|there)\b)(?:the\s+|a\s+|an\s+|its\s+|their\s+|his\s+|her\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?(?!(?:was|were|had|did|has|have|is|are|been)\b)"
    r"(?:[a-z]{3,}ed|drove|wore|swung|flew|threw|wrote|spoke|chose|rode|stood|caught|taught|bought|"
    r"broke|froze|stole|shook|fled|withdrew|sent|began|fell|rose|won|lost|led|left|met|paid|sold|"
    r"spent|built|struck|brought|went|came|told|held|kept|grew|drew|fought|sought)\b"
    r"(?!\s+(?:by|to\s+be)\b)",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nothing|nobody|neither|nor|without|failed to|no longer)\b|n't\b",
    re.IGNORECASE,
)
_NOT_A_NEGATION = re.compile(
    r"\b(?:not only|not just|not merely|no doubt|nothing but|not least|no less)\b", re.IGNORECASE
)


# The first word, when capitalised and not followed by a comma, apostrophe, quote mark or hyphen.
_FIRST_WORD = re.compile(r"\W*([A-Z][a-z]+)\b(?![,’'\"”-])")


def _names(sentence: str) -> int:
    """Capitalised words after the first one, and a first word that reads as a name ("Germany is
    ...", not "However," or "Analysts"): a crude count of named entities."""
    words = re.findall(r"(?<![.!?]\s)\b[A-Z][\w'’.-]*", sentence)
    count = len([w for w in words[1:] if w not in {"I", "I’ve", "I'm"}])
    first = _FIRST_WORD.match(sentence)
    if (
        first
        and first.group(1).lower() not in _OPENERS
        and not first.group(1).endswith(("ly", "s"))
    ):
        count += 1
    return count


_OPENERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "some",
        "any",
        "every",
        "each",
        "all",
        "no",
        "none",
        "both",
        "either",
        "neither",
        "such",
        "i",
        "we",
        "you",
        "he",
        "she",
        "it",
        "they",
        "one",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "whether",
        "if",
        "unless",
        "until",
        "while",
        "although",
        "though",
        "because",
        "since",
        "as",
        "than",
        "then",
        "so",
        "yet",
        "but",
        "and",
        "or",
        "nor",
        "not",
        "never",
        "also",
        "even",
        "still",
        "already",
        "again",
        "soon",
        "now",
        "today",
        "tomorrow",
        "yesterday",
        "later",
        "earlier",
        "once",
        "after",
        "before",
        "despite",
        "during",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "over",
        "through",
        "under",
        "with",
        "without",
        "at",
        "by",
        "to",
        "about",
        "instead",
        "meanwhile",
        "moreover",
        "furthermore",
        "however",
        "indeed",
        "thus",
        "hence",
        "therefore",
        "perhaps",
        "maybe",
        "many",
        "most",
        "much",
        "more",
        "less",
        "few",
        "several",
        "other",
        "another",
        "given",
        "unlike",
        "like",
        "just",
        "only",
        "let",
        "our",
        "my",
        "your",
        "his",
        "her",
        "their",
        "its",
        "other",
        "last",
        "next",
        "first",
        "second",
        "third",
        "finally",
        "worse",
        "better",
        "whatever",
        "whoever",
        "consider",
        "imagine",
        "take",
        "look",
        "think",
        "note",
        "remember",
    ]
)


_PROGRESSIVE = re.compile(
    r"\b(?:is|are|was|were|been)\s+(?:\w+ly\s+|also\s+|still\s+|now\s+|already\s+)?\w{3,}ing\b",
    re.IGNORECASE,
)
# "Inflation is coming down", "mortgage rates are climbing again": a change under way in something
# measured, which the figures can confirm or refute.
_CHANGE_UNDER_WAY = re.compile(
    r"\b(?:is|are|was|were|been)\s+(?:\w+ly\s+|also\s+|still\s+|now\s+|already\s+)?(?:rising|"
    r"falling|growing|declining|increasing|decreasing|coming\s+down|going\s+up|climbing|dropping|"
    r"shrinking|slowing|accelerating|soaring|plunging|surging|sliding|easing|improving|worsening|"
    r"picking\s+up|becoming\s+\w+er)\b",
    re.IGNORECASE,
)


def _is_headline(sentence: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", sentence)
    capitalised = [w for w in words if w[0].isupper()]
    ends = sentence.rstrip("”\"')").endswith((".", "!"))
    return not ends and len(capitalised) >= 0.5 * max(1, len(words))


def _fact_evidence(sentence: str) -> dict[str, object]:
    """The separate signs of a checkable fact, for the classifier to weigh (see _factual_score)."""
    plain = sentence.replace("’", "'")
    names = _names(plain)
    return {
        "f_progressive": bool(_PROGRESSIVE.search(plain)),
        "f_report": bool(_REPORT_VERB.search(plain)),
        "f_past": bool(_PAST.search(plain)),
        "f_number": bool(_NUMBER.search(plain)),
        "f_quantity": bool(_QUANTITY.search(plain)),
        "f_time": bool(_TIME_ANCHOR.search(plain)),
        "f_names": "0" if names == 0 else "1-2" if names < 3 else "3+",
        "f_opinion": str(min(2, len(_OPINION.findall(plain)))),
        "f_short": len(plain.split()) < 7,
        "f_long": len(plain.split()) > 35,
    }


# A call to action or an instruction to the reader ("Compare the record with ...", "Ignore the noise in
# Washington", "For those interested, look under the archive tab", "And don't get me started on ..."):
# no checkable statement (RULES.md: calls to action are neither). "Note that ..." and "Consider that
# ..." often introduce a fact and are left out.
_IMPERATIVE_OPENER = re.compile(
    r"^\W*(?:(?:and|so|but|or|now|just|please)\s+)?"
    r"(?:for\s+(?:those|anyone|readers|people)\b[^,;:]{0,60},\s*)?"
    # verbs that are seldom a sentence's first noun ("Share prices fell", "Watch sales rose" are not
    # instructions, so "share", "watch", "check", "call", "stop", "visit" are left out)
    r"(?:make|compare|look|scroll|read|click|subscribe|keep|ask|tell|go|follow|join|sign\s+up|"
    r"forget|ignore|listen|avoid|don['’]t|do\s+not|let['’]s)\s+"
    # a capital next is most often a name that starts with the verb ("Look Mum No Computer released")
    r"(?!to\b|that\b|is\b|are\b|was\b|were\b|and\b|or\b|(?-i:[A-Z]))",
    re.IGNORECASE,
)


def _factual_score(sentence: str) -> int:
    """Evidence that a sentence states a checkable fact: events, numbers, names, sources."""
    if _is_headline(sentence):
        return 0
    if _IMPERATIVE_OPENER.match(sentence):
        return -3  # "Compare the record with ...": an instruction to the reader, however factual
    sentence = sentence.replace("’", "'")
    score = 0
    if _PROGRESSIVE.search(sentence):
        score += 1
    if _REPORT_VERB.search(sentence) or _CHANGE_UNDER_WAY.search(sentence):
        score += 2
    if _PAST.search(sentence):
        score += 1
    if _PERFECT_OR_PASSIVE.search(sentence) or _NARRATED_PAST.search(sentence):
        score += 1
    if _NUMBER.search(sentence):
        score += 1
    if _QUANTITY.search(sentence) or _FIGURE_PREDICATE.search(sentence):
        score += 1
    if _TIME_ANCHOR.search(sentence):
        score += 1
    names = _names(sentence)
    score += (names >= 1) + (names >= 3)
    if _QUOTE.search(sentence):
        score += 1
    score -= 2 * len(_OPINION.findall(sentence))
    if _OWN_PAST_ACT.search(sentence):
        score += (
            1  # "Last summer, I asked ...", "I was in Shanghai in 2019": the author's own record
        )
    elif _FIRST_PERSON.search(sentence):
        score -= 1
    if (
        len(sentence.split()) < 7
        and not _QUANTITY.search(sentence)
        and not (_SHORT_PAST_EVENT.search(sentence) and not _FIRST_PERSON.search(sentence))
    ):
        score -= 1  # a short sentence is rarely a fact, unless it gives a measured quantity
    return score


# A short sentence that narrates the past in a verb of its own ("Poland did not object", "No ballots
# were counted", "Turnout was falling"): a record as checkable as a long one. A past copula before a
# judgement or a name ("They were wrong", "Trump was a disaster") is not an event.
_SHORT_PAST_EVENT = re.compile(
    r"\b(?:did|didn['’]t)\s+(?:not\s+|never\s+)?[a-z]{3,}\b"
    r"|\b(?:was|were)\s+(?:not\s+|never\s+|\w+ly\s+)?(?:\w+ed|(?!going\b)\w{3,}ing|given|taken|shown|made|"
    r"seen|built|held|sent|told)\b",
    re.IGNORECASE,
)


FACTUAL_THRESHOLD = 2
# Evidence strong enough that a modal in a relative clause does not make the sentence a forecast.
STRONG_FACT = 4


def _negated(sentence: str) -> bool:
    cleaned = _NOT_A_NEGATION.sub(" ", sentence.replace("’", "'"))
    cleaned = _QUOTE.sub(" ", cleaned)
    return bool(_NEGATION.search(cleaned))


# --- questions ------------------------------------------------------------------------------

_DISCOURSE = re.compile(
    r"^(?:(?:and|but|or|so|yet|instead|meanwhile|moreover|furthermore|however|indeed|still|thus|"
    r"then|also|even|in reality|in fact|after all|put plainly|of course|nevertheless|"
    r"nonetheless|likewise|similarly|besides|now|today|in short|in other words|why|how|"
    r"perhaps|maybe|possibly|probably|"
    r"(?:this|that|which|here) is why|(?:that|here|this)['’]s why)\b[,:]?\s*)+",
    re.IGNORECASE,
)
_DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "some", "many", "most", "any", "every",
    "each", "all", "no", "its", "his", "her", "their", "our", "such", "there", "it", "they",
    "he", "she", "we", "you", "one", "other", "another", "few", "several", "both", "much",
}  # fmt: skip


_CALENDAR_WORD = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"june|july|august|september|october|november|december)\b"
)


@dataclass(frozen=True)
class _Words:
    lower: frozenset[str]  # words written in lower case
    mid_sentence: frozenset[str]  # capitalised words not opening a sentence
    after_word: frozenset[str]  # capitalised words right after a word, comma or semicolon


_WORD = re.compile(r"[A-Za-z][\w-]*")


@lru_cache(maxsize=8)
def _article_words(article: str) -> _Words:
    """How the article writes each word, read once per article (no per-word regex)."""
    lower: set[str] = set()
    mid: set[str] = set()
    after: set[str] = set()
    # A title-case line ("Why Russia Can't Afford Peace") capitalises common words: it says nothing
    # about names, and neither does a word opening a line.
    titles = title_case_spans(article)
    for m in _WORD.finditer(article):
        w = m.group()
        if w[0].islower():
            lower.add(w)
            continue
        if any(a <= m.start() < b for a, b in titles):
            continue
        j = m.start() - 1
        # an opening quote or bracket before a sentence's first word does not make it mid-sentence
        while j >= 0 and (article[j].isspace() or article[j] in "“‘\"'(") and article[j] != "\n":
            j -= 1
        if j >= 0 and article[j] not in ".!?\n":
            mid.add(w)
            if j < m.start() - 1 and (article[j].isalnum() or article[j] in ",;_"):
                after.add(w)
    return _Words(frozenset(lower), frozenset(mid), frozenset(after))


def _lower_first(phrase: str, article: str) -> str:
    """Lower-case the first word unless it is a name.

    A word the article also writes in lower case is common; one it capitalises mid-sentence is
    a name; otherwise only typical common-word endings are lowered.
    """
    if not phrase:
        return phrase
    first = re.split(r"[\s,]", phrase, maxsplit=1)[0]
    bare = re.sub(r"['’]s?$", "", first)  # "Harris’s" -> "Harris", "Brothers'" -> "Brothers"
    if (first.isupper() and len(first) > 1) or re.match(_CALENDAR_WORD, first, re.IGNORECASE):
        return phrase  # an acronym, a weekday or a month
    if bare in COUNTRIES:
        return phrase  # "China trade war": a country's name, however rarely the article repeats it
    # A word the article capitalises mid-sentence is a name ("Russian-Ukrainian war", "May");
    # one it writes only in lower case is common.
    words = _article_words(article)
    lower_seen = bare.lower() in words.lower
    upper_seen = bare in words.mid_sentence
    if first.lower() in _DETERMINERS:
        common = True
    elif upper_seen:
        common = False
    elif lower_seen:
        common = True
    else:
        # Unseen elsewhere: a name usually comes with another capitalised word ("Olaf Scholz").
        # A lone capitalised subject ("Moscow will ...") is a name too.
        rest = phrase[len(first) :].split()
        common = bool(rest) and not rest[0][:1].isupper()
        if rest[:1] in (["and"], ["or"]) and rest[1:2] and rest[1][:1].isupper():
            common = False  # "Beijing and Moscow": names coordinated with a name
        if names_possessor(first):
            common = False  # "Harris’s policies", "Europe’s gas"
        elif (
            re.fullmatch(r"[A-Z][a-z]{2,}ing", first)
            and rest
            and rest[0].lower() not in {"and", "or", "is", "has", "was", "will", "would"}
        ):
            common = True  # "Abandoning Nato’s policy": a gerund, not a name
    return phrase[0].lower() + phrase[1:] if common else phrase


def _strip_end(text: str) -> str:
    text = text.strip().rstrip(".!?;:,").strip()
    if text.endswith(("”", '"')) and text.count("“") < text.count("”"):
        text = text[:-1]  # a closing quote whose opening one lies outside the clause
    return text.strip()


# "Additionally, ...", "Crucially, ...": a sentence adverb says nothing the question needs.
_LEADING_ADVERB = re.compile(
    r"^(?:\w+ly|additionally|meanwhile|notably|still|yet|besides)\s*,\s*", re.I
)


def _positive(predicate: str) -> str:
    """The predicate with the negation the hedge already accounts for removed."""
    p = re.sub(r"^\s*(?:n['’]t|not|never)\b\s*", "", predicate)
    p = re.sub(r"^(\s*(?:be|have|see))\s+(?:no|none)\b", r"\1 any", p)
    p = re.sub(r"^(\s*(?:be|have|see))\s+nothing\b", r"\1 anything", p)
    p = re.sub(r"^\s*no longer\b\s*", "", p)
    return p.strip()


def _cut(predicate: str) -> str:
    """Keep the predicate's own clause: stop at a dash, semicolon or a trailing subordinate."""
    predicate = _PARENTHETICAL.sub(" ", predicate)
    m = re.search(
        r"\s[—–]\s|—|;|:|…|,\s+(?:even as|as|while|because|since|but|which|it|they|he|she|we|"
        r"not least|not only|especially|particularly|given|whereas|although|though|whether)\b"
        # "stocks will crash and the bear will jump": a second clause with its own verb group
        r"|,?\s+(?:and|but|or)\s+(?:[\w'’-]+\s+){0,5}?(?:will|would|may|might|could|can|cannot|"
        r"is|are|was|were|has|have)\b"
        r"|,\s+(?:and|but|or)\s+(?:it|they|he|she|we|this|that|there)\b",
        predicate,
    )
    return predicate[: m.start()] if m else predicate


def _framed_clause(after: str) -> bool:
    """Whether the words after a bare frame ("I expect", "odds are") are a clause with its own modal:
    "the court will rule ..." is; "a deal to be agreed that will last" (an object and an
    infinitive, the modal inside a relative clause) is not."""
    clause = _strip_end(_cut(after))
    inner = _main_hedge(clause)
    if inner is None:
        return False
    opener = re.search(r"\b(?:to|that|which|who|whom|whose|where|when)\b", clause, re.IGNORECASE)
    return opener is None or inner.start < opener.start()


# "X is the most likely Y", "the likeliest Y is X": the author names the outcome they expect, and the
# question asks whether the Y turns out to be X.
_LIKELIEST = r"(?:most\s+likely|likeliest|most\s+probable)"
_X_IS_LIKELIEST = re.compile(
    rf"^(?P<x>[^,;:]+?)\s+(?:is|are|looks\s+like|remains|seems)\s+the\s+{_LIKELIEST}\s+"
    r"(?P<y>[^,;:]+?)[.!]?$",
    re.IGNORECASE,
)
_LIKELIEST_IS_X = re.compile(
    rf"^the\s+{_LIKELIEST}\s+(?P<y>[^,;:]+?)\s+(?:is|are|remains|seems\s+to\s+be|looks\s+like)\s+"
    r"(?P<x>[^,;:]+?)[.!]?$",
    re.IGNORECASE,
)


def _likeliest_identity(sentence: str, h: HedgeMatch) -> tuple[str, str] | None:
    """(Y, X) when the hedge's clause (after a last colon or semicolon) says "X is the most likely Y"
    or "the most likely Y is X", without a negation; else None."""
    cut = max(sentence.rfind(":", 0, h.start), sentence.rfind(";", 0, h.start)) + 1
    clause = sentence[cut:].strip()
    if re.search(r"\b(?:not|never|no)\b|n['’]t\b", clause, re.IGNORECASE):
        return None
    m = _X_IS_LIKELIEST.match(clause) or _LIKELIEST_IS_X.match(clause)
    if not m:
        return None
    y, x = m.group("y").strip(), m.group("x").strip()
    if len(y.split()) > 6 or re.search(r"\b(?:is|are|was|were|will|would)\b", x + " " + y):
        return None
    return y, x


def _forecast_question(
    sentence: str,
    h: HedgeMatch,
    deadline: date | None,
    article: str,
    published: date | None = None,
) -> str:
    """ "Will <subject> <predicate> by <deadline> [if <condition>]?" from the clause the hedge carries."""
    by = f" by {deadline.isoformat()}" if deadline else ""
    after = sentence[h.end :]
    phrase = h.entry.phrase.lower()
    seen = next(
        (m for m in (o.match(sentence) for o in _SEEING_OPENERS) if m and h.end <= m.end()), None
    )
    pictured = re.match(r"\s*(.+?)\s+([a-z]{2,}ing\b.*)$", after) if seen else None
    if pictured:
        # "I can't see the Democrats holding the House": will the Democrats be holding the House?
        subject = _OBJECT_PRONOUN.get(pictured.group(1).lower(), pictured.group(1))
        rest = _drop_time_phrase(_strip_end(pictured.group(2)), deadline, published)
        return f"Will {_lower_first(subject, article)} be {rest}{by}?"
    course = _HEADLINE_COURSE.match(sentence) if h.entry is FLAT_PRESENT else None
    if course and course.start("verb") == h.start:
        # "Governor Coasting To Victory": will the governor coast to victory?
        verb, link = h.text.lower().split(maxsplit=1)
        subject = _lower_first(sentence[: h.start].strip(), article)
        outcome = _drop_time_phrase(_strip_end(after), deadline, published).strip()
        outcome = _headline_case(outcome, article.replace(sentence, " ")).strip()
        return f"Will {subject} {_COURSE_BASE[verb]} {link} {outcome}{by}?"
    sized = _CHANCE_OF.fullmatch(h.text)
    if sized and sized.group("link") != "that" and not re.match(r"\w+ing\b", sized.group("event")):
        # "The prospects for a ceasefire look dim", "the risk of a bank run is high"
        event = _drop_time_phrase(sized.group("event"), deadline, published)
        return f"Will there be {_lower_first(event, article)}{by}?"
    identity = _likeliest_identity(sentence, h)
    if identity:
        # "A hung parliament is the most likely result": will the result be a hung parliament?
        y, x = identity
        return f"Will the {y} be {_lower_first(x, article)}{by}?"
    # "I expect the court will rule ...", "we expect that X will ...": a frame over a clause with a
    # modal of its own is asked as that clause.
    if (
        phrase.endswith((" that", " in which", " if"))
        or re.match(r"\s+that\b", after)
        or (phrase in _CLAUSE_FRAMES and _framed_clause(after))
    ):
        proposition = _strip_end(_cut(re.sub(r"^\s+that\b", "", after)))
        inner = _main_hedge(proposition)
        if inner is not None:
            return _forecast_question(proposition, inner, deadline, article, published)
        # "that the Kremlin is not interested in talks" → "Will the Kremlin be interested in talks"
        state = re.match(
            r"(.{3,60}?)\s+(?:is|are|remains?)\s+(?:not\s+|no\s+longer\s+)?(.+)$", proposition
        )
        if state:
            subject = _lower_first(state.group(1), article)
            return (
                f"Will {subject} be {_drop_time_phrase(state.group(2), deadline, published)}{by}?"
            )
        return f"Will it turn out{by} that {_lower_first(proposition, article)}?"
    if _ADVERB_HEDGE.match(phrase):
        # "Perhaps the government will get ...": the adverb sets the odds, the modal the clause.
        modal = next((m for m in find_hedges(sentence) if m.start > h.start), None)
        if modal is not None and not _ADVERB_HEDGE.match(modal.entry.phrase):
            return _forecast_question(sentence, modal, deadline, article, published)
        sentence = sentence[: h.start] + sentence[h.end :].lstrip(" ,")
        found = [m for m in find_hedges(sentence) if m.start >= h.start]
        if found:
            return _forecast_question(sentence, found[0], deadline, article, published)
    region = sentence[: h.start]
    if _NOT_ABLE.search(phrase):
        region = _COPULA_END.sub("", region)
    subject = _subject(_DATELINE.sub("", region))
    predicate = (
        fate_predicate(phrase) or _predicate(after) or _PHRASE_PREDICATE.get(phrase.split()[-1], "")
    )
    imagined = imagined_event(phrase, after)
    if imagined:
        return f"Will there be {imagined}{by}?"
    arriving = _ARRIVING_VERB.search(h.text) if h.entry is ARRIVING else None
    if arriving:
        # "A recession is coming next year", "the end is near": the outcome comes (what follows is
        # a time phrase or a place: "coming to Europe")
        verb = re.sub(r"^(?:coming|near|nigh)\b", "come", arriving.group().lower())
        predicate = f"{re.sub(r'^drawing', 'draw', verb)} {predicate}".strip()
    if _is_headline(sentence):
        predicate = _headline_case(predicate, article.replace(sentence, " "))
    if re.search(r"\b(?:expected|anticipated)(?:\s+to)?$", phrase) and subject:
        # "Prices are expected to rise": a passive frame keeps the sentence's own subject; only its
        # verb is the predicate (no "there be" in front of a verb); "can be expected to" leaves its
        # modal on the subject.
        subject = re.sub(
            r"\s+(?:can|could|may|might|should|would|will|must)(?:\s+not)?$",
            "",
            subject,
            flags=re.IGNORECASE,
        )
    elif re.search(r"expect|anticipate", phrase):
        # "We do not expect Russia to negotiate": the object is the subject of the question.
        m = re.match(r"\s*(.+?)\s+to\s+(.+)$", after)
        if m:
            subject = _OBJECT_PRONOUN.get(m.group(1).lower(), m.group(1))
            predicate = _predicate(" " + m.group(2))
        else:
            subject, predicate = "there", "be " + predicate
    elif phrase.endswith(" no") and phrase.startswith("there "):
        subject, predicate = "there", "be any " + predicate
    elif fate_predicate(phrase) and (m := _FOR_X_TO.match(after)):
        # "it will be impossible for Republicans to win": will Republicans win?
        subject = _OBJECT_PRONOUN.get(m.group(1).lower(), m.group(1))
        predicate = _predicate(" " + m.group(2))
    elif _NOT_ABLE.search(phrase) and not fate_predicate(phrase):
        # "The conflict is unresolvable": will it be resolved?
        subject = _COPULA_END.sub("", subject)
        predicate = "be " + _participle(phrase) + _trailing_condition(after)
    if not predicate:
        # "the chance of a Russian victory remains vanishingly small": the hedge ends the clause.
        chance = re.search(
            r"\b(?:chances?|likelihood|probability|prospects?|odds|risk)\s+(?:of|that)\s+(.+?)"
            r"(?:\s+(?:remains?|is|are|was|were|looks?|seems?|appears?))?$",
            subject,
            re.IGNORECASE,
        )
        if chance:
            return f"Will there be {_strip_end(chance.group(1))}{by}?"
        return f"Will it happen{by} that {_lower_first(_strip_end(sentence), article)}?"
    if phrase.startswith("there ") and not predicate.startswith("be "):
        subject, predicate = "there", "be " + predicate
    if not subject:
        return f"Will it happen{by} that {_lower_first(_strip_end(sentence), article)}?"
    if not _verb_first(predicate):
        # "Will Labour a landslide in seats", "Will Republicans suddenly pivoting": no verb to ask about
        return f"Will it happen{by} that {_lower_first(_strip_end(sentence), article)}?"
    subject = _positive_subject(subject)
    if arriving:
        # "No deal is coming" (read as denied): "Will a deal come"; "no talks" -> "talks"
        subject = re.sub(r"^no\s+(?=\w+s\b)", "", subject, flags=re.IGNORECASE)
        subject = re.sub(
            r"^no\s+(?=(?P<vowel>[aeiou])?)",
            lambda m: "an " if m.group("vowel") else "a ",
            subject,
            flags=re.IGNORECASE,
        )
    context = preceding_text(article, sentence) + " " + region[: region.rfind(subject)]
    subject = resolve_subject(subject, context, article).text
    predicate, condition = _split_condition(predicate)
    predicate = _drop_time_phrase(tidy_predicate(predicate), deadline, published)
    # "by politicians. (That is why ...)": the sentence's own full stop is no part of the predicate;
    # "in the world , and then": a space left where a time phrase was cut before a comma
    # ("in the U.S." and "Inc." keep theirs: a full stop after a capital or a short word)
    predicate = re.sub(r"(?<=[a-z]{3})\.$", "", re.sub(r"\s+,", ",", predicate).rstrip(" ;:"))
    tail = f" {condition}" if condition else ""
    return " ".join(f"Will {_lower_first(subject, article)} {predicate}{by}{tail}?".split())


# Words a predicate cannot open with: a determiner or a preposition means the verb was lost.
_NOT_A_VERB_TEXT = (
    "a an the this that these those his her its their our my your some any no every each at in on "
    "of for with from into onto about against between among than"
)
_NOT_A_VERB = frozenset(_NOT_A_VERB_TEXT.split())
# Bare verbs that end in -ing ("bring peace"), not participles.
_ING_VERBS_TEXT = "bring sing ring sting swing spring string cling fling sling wring"
_ING_VERBS = frozenset(_ING_VERBS_TEXT.split())


def _verb_first(predicate: str) -> bool:
    """Whether the predicate opens with a bare verb, past -ly adverbs and "not": "win the vote",
    "quickly collapse"; not "a landslide in seats", "suddenly pivoting to ...", "51 seats"."""
    words = [w for w in predicate.split() if not (w.endswith("ly") and len(w) > 4) and w != "not"]
    if not words:
        return False
    first = words[0].lower().strip("“”\"'‘’")
    if first in _NOT_A_VERB or first[:1].isdigit():
        return False
    return not (first.endswith("ing") and first not in _ING_VERBS and len(first) > 5)


def _positive_subject(subject: str) -> str:
    """ "Neither A nor B (will)" → "A or B", "Nobody" → "anyone": the hedge already carries the "no"."""
    subject = re.sub(r"^neither\s+(.+?)\s+nor\s+", r"\1 or ", subject, flags=re.IGNORECASE)
    subject = re.sub(r"^(?:nobody|no one)$", "anyone", subject, flags=re.IGNORECASE)
    subject = re.sub(r"^none\b", "any", subject, flags=re.IGNORECASE)

    return re.sub(r"^nothing$", "anything", subject, flags=re.IGNORECASE)


def _headline_case(predicate: str, rest: str) -> str:
    """ "Russia Will Lose": title-case words of a headline that the article never capitalises mid-sentence
    are common words."""
    words = predicate.split(" ")
    for i, w in enumerate(words):
        bare = w.strip("“”\"'‘’,.")
        if (
            bare[:1].isupper()
            and not bare.isupper()
            and bare not in _article_words(rest).after_word
        ):
            words[i] = w.replace(bare, bare.lower(), 1)
    return " ".join(words)


_COPULA_END = re.compile(
    r"\s+(?:is|are|was|were|remains?|seems?|looks?|appears?|becomes?)(?:\s+\w+ly)?\s*$", re.I
)
# "BERLIN – Ukraine will ...": a dateline is layout.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'-]{2,}\s+[–—-]\s+")
# Hedges that end their clause and imply the predicate: "the virus is not going away", "here to stay".
_PHRASE_PREDICATE = {"away": "go away", "stay": "stay"}
# The arrival an "is coming" / "is near" / "is coming to an end" hedge states, as a bare verb phrase.
_ARRIVING_VERB = re.compile(
    r"(?:coming|drawing)\s+to\s+(?:an?\s+)?(?:end|close|head)|coming$|near$|nigh$", re.I
)
_OBJECT_PRONOUN = {"them": "they", "him": "he", "her": "she", "us": "we", "me": "I", "it": "it"}
_NOT_ABLE = re.compile(r"\b(?:un|ir|in|im)(\w+?)(?:able|ible)\b", re.IGNORECASE)
_IRREGULAR = {"winn": "won", "resolv": "resolved", "reconcil": "reconciled", "reach": "reached"}


_FOR_X_TO = re.compile(r"\s*for\s+(.+?)\s+to\s+(.+)$", re.IGNORECASE)


def _participle(word: str) -> str:
    m = _NOT_ABLE.search(word)
    stem = m.group(1).lower() if m else word.lower()
    if stem in _IRREGULAR:
        return _IRREGULAR[stem]
    return stem + ("d" if stem.endswith("e") else "ed")


# "once the roof is fixed": "once" opening a clause (not "once again", "once so vigorous")
_CLAUSE_AFTER_ONCE = r"\s+(?:the|a|an|this|that|these|those|its|their|his|her|it|they|he|she|we|you|(?-i:[A-Z])\w*)\b"
_CONDITION = re.compile(
    r"(?:^|,\s*|\s+)(?P<c>(?:even\s+)?(?:if|unless|as\s+long\s+as|provided\s+(?:that\s+)?|"
    rf"so\s+long\s+as|once(?={_CLAUSE_AFTER_ONCE}))\s+.+)$",
    re.IGNORECASE,
)
_LEADING_CONDITION = re.compile(
    r"^\W*(?:(?:and|but|so|yet|still|furthermore|moreover|however|indeed|now)\W+)?"
    # "For instance, if ...", "In that case, unless ...": a short lead-in before the condition
    r"(?:(?:[A-Za-z]+\s+){0,2}[A-Za-z]+,\s+)?"
    r"(?P<c>(?:even\s+)?(?:if|unless|as\s+long\s+as|provided\s+(?:that\s+)?|should|when|"
    r"once(?!\s+(?:so|again|more|upon|and|or|very|too|as|\w+ly)\b)|"
    # "Were Russia to win, ...": an inverted condition
    r"assuming\s+(?:that\s+)?|were(?=\s+[^,;:]+?\s+to\s)|"
    # "Without a deal, ...", "Barring a miracle, ...": a condition put as a noun phrase
    r"without|absent|barring|short\s+of|in\s+(?:the\s+)?(?:event|case)\s+of)\s+[^,;:]+?)"
    r"\s*(?:,|\bthen\b)",
    re.IGNORECASE,
)


def _split_condition(predicate: str) -> tuple[str, str | None]:
    m = _CONDITION.search(predicate)
    if m and m.start() > 0:
        main = predicate[: m.start()].rstrip(" ,")
        # "may be inevitable if X": whether the subject happens, if X
        main = "happen" if main.startswith("be ") and fate_predicate(main) else main
        return main, _strip_end(tidy_predicate(m.group("c")))
    if predicate.startswith("be ") and fate_predicate(predicate):
        return "happen", None
    return predicate, None


def _trailing_condition(after: str) -> str:
    m = _CONDITION.search(_strip_end(_cut(after)))
    return f" {_strip_end(m.group('c'))}" if m else ""


def condition_of(sentence: str, h: HedgeMatch | None) -> str | None:
    """The condition a forecast rests on: a leading "If X," before the hedge, or a trailing "if X"."""
    found = _condition_of(sentence, h)
    return balance_quotes(found) if found else None


# "X, once a rubber stamp, will ...": "once" and an indefinite noun phrase between commas, right
# before the modal, says what the subject used to be, not when the forecast holds.
_APPOSITIVE_ONCE = re.compile(r"once\s+an?\s", re.IGNORECASE)
_MODAL_NEXT = re.compile(
    r"\s*(?:will|would|could|can|may|might|must|shall|is|are)\b", re.IGNORECASE
)


def _condition_of(sentence: str, h: HedgeMatch | None) -> str | None:
    m = _LEADING_CONDITION.match(sentence)
    if m and _APPOSITIVE_ONCE.match(m.group("c")) and _MODAL_NEXT.match(sentence[m.end() :]):
        m = None  # "Parliament, once a rubber stamp, will ...": what the subject used to be
    if m and (h is None or m.end() <= h.start):
        return " ".join(_strip_end(_PARENTHETICAL.sub(" ", m.group("c"))).split())
    if h is not None:
        tail = _CONDITION.search(_strip_end(_cut(sentence[h.end :])))
        if tail:
            # "if the US raises tariffs, is a great concern": the condition's own clause only
            return _strip_end(tidy_predicate(tail.group("c")))
    return None


# An amount just before "in <year>" ("emit 68mt in 2025", "sell 2 million cars in 2026"): the year is
# the period the total is counted over, and cutting it loses what the question resolves on.
_AMOUNT_IN_YEAR = re.compile(
    r"(?:\d[\d,.]*\s*(?:%|percent|per\s+cent|[a-zA-Z]{1,3}\b|(?:thousand|million|billion|trillion|"
    r"tonnes|tons|barrels|units|cars|homes|people|jobs)\b)?)"
    # "5mt of copper in 2025": what the amount counts
    r"(?:\s+of\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?\s*$",
    re.IGNORECASE,
)
_YEAR_PHRASE = re.compile(
    r"(?:in|between\s+(?:19|20)\d\d\s+and|from\s+(?:19|20)\d\d\s+(?:to|until|through))\s+(?:19|20)\d\d",
    re.IGNORECASE,
)
# "at" left before a cut time phrase that opens without a preposition ("at [the end of the year]")
_DANGLING_PREPOSITION = re.compile(r"\s+(?:at|on|by|in|during|before|until)\s*$", re.IGNORECASE)


def _drop_time_phrase(predicate: str, deadline: date | None, published: date | None) -> str:
    """ "end in 2025" + deadline 2025-12-31 → "end": the deadline says it once."""
    if deadline is None:
        return predicate
    for t in find_time_expressions(predicate, published):
        if t.deadline == deadline:
            head = predicate[: t.start]
            if _AMOUNT_IN_YEAR.search(head) and _YEAR_PHRASE.fullmatch(t.text):
                return predicate  # "emit 68mt in 2025": a total over that year, not a date
            # "be Chancellor at the end of the year": the preposition goes with its phrase
            head = _DANGLING_PREPOSITION.sub(" ", head)
            return (head + predicate[t.end :]).replace("  ", " ").strip(" ,")
    year = str(deadline.year)
    m = re.search(r"\s+(?:by|in|before|during)\s+(?:the\s+end\s+of\s+)?" + year + r"\b", predicate)
    if m:
        return (predicate[: m.start()] + predicate[m.end() :]).strip(" ,")
    return re.sub(
        r"\s+(?:any\s*time\s+soon|soon|in\s+the\s+(?:near|foreseeable)\s+future)$", "", predicate
    )


def _predicate(after: str) -> str:
    after = re.sub(
        r"^\s*,[^,]{1,60},\s*", " ", after
    )  # "could, from a position of strength, pursue"
    return _strip_end(_cut(_positive(re.sub(r"^\s*to\b", "", after))))


_SUBJECT_THAT = re.compile(r"\b(\w+)\s+that\s+((\S+)(?:\s+\S+){0,3})$")
_TAKES_THAT = re.compile(
    r"(?:idea|claim|belief|assumption|fact|view|notion|hope|fear|sure|clear|certain|likely|"
    r"unlikely|say|says|said|argue|argues|argued|think|thinks|believe|believes|expect|expects|"
    r"warn|warns|warned|insist|insists|adamant|is|was|are|were)$",
    re.IGNORECASE,
)
_LEADING_SUBORDINATE = re.compile(
    r"^(?:even\s+)?(?:while|although|though|because|since|if|unless|when|once|as|whereas)\s+",
    re.IGNORECASE,
)


_BRACKETED_ACRONYM = re.compile(r"\b([A-Z][\w’'-]*)\s+\([A-Z][A-Za-z]{1,6}\)(?=\s+[a-z])")


# A colon inside a quoted title ("“Dune: Part Two” is expected to") splits no clause: it is masked
# while the subject is found, then restored.
_QUOTED_TITLE = re.compile(r"[“\"][^“”\"]{1,80}[”\"]")
# Only a colon: a comma before the closing quote ("“non-aligned,” he") is the clause's own.
_MASKED = {":": "\x01"}


def _subject(before: str) -> str:
    """The subject of the clause that ends where the hedge starts."""
    masked = _QUOTED_TITLE.sub(lambda m: "".join(_MASKED.get(ch, ch) for ch in m.group()), before)
    subject = _clause_subject(masked)
    for ch, mark in _MASKED.items():
        subject = subject.replace(mark, ch)
    return subject


def _clause_subject(before: str) -> str:
    """_subject on text whose quoted titles are masked."""
    # "the Extended Fund Facility (EFF) loan": a bracketed acronym after the name it abbreviates is
    # no aside, and the noun after it is still the subject's head
    before = _BRACKETED_ACRONYM.sub(r"\1", before)
    # An aside between dashes separates like a comma, except right before the hedge.
    region = re.sub(r"\x00\s*$", "", _PARENTHETICAL.sub("\x00", before)).rstrip()
    m = _SUBJECT_THAT.search(region)
    if m and (
        m.group(3).lower() in _DETERMINERS
        or m.group(3)[0].isupper()
        or _TAKES_THAT.match(m.group(1))
    ):
        return _strip_end(m.group(2))
    parts = re.split(r"[,;:\x00]", region)
    listed = list_subject(parts)
    if listed:
        return _strip_end(_DISCOURSE.sub("", listed))
    i = len(parts) - 1
    end = len(parts)
    if i >= 2 and not parts[i].strip():
        i -= 2  # "The population, already strained by inflation, would": skip the aside
        end = i + 1
    while i > 0 and not _DISCOURSE.sub("", parts[i].strip()):
        i -= 1
    if re.match(r"^\s*(?:and|or)\b", parts[i]) and i > 0 and len(parts[i - 1].split()) <= 3:
        # Walk back over list items ("masculinity, strength, and power") to the list's head.
        i -= 1
        while i > 0 and len(parts[i].split()) <= 3:
            i -= 1
    subject = ",".join(parts[i:end]).strip()
    subject = _LEADING_SUBORDINATE.sub("", _DISCOURSE.sub("", subject)).strip()
    # "it's clear that Washington has no confidence Putin": the subject follows the last word that
    # opens a clause or takes one ("that", "confidence", "has"); a subject is a short phrase.
    words = subject.split()
    if words and words[-1].lower() in {"and", "but", "or"}:
        # "Putin is bogged down in Ukraine and cannot win": the subject of the first verb group.
        verb = next(
            (k for k, w in enumerate(words) if _FINITE.fullmatch(w.lower().replace("’", "'"))), None
        )
        return _strip_end(" ".join(words[:verb] if verb else words[:-1]))
    if len(words) > 4:
        for k in range(len(words) - 1, 0, -1):
            w = words[k - 1].strip(",;:").lower()
            # "X is colourful and reaching agreement will": "and" joins clauses when a verb precedes it.
            joins = w in {"and", "but", "or"} and any(
                _FINITE.fullmatch(x.lower()) or (x.endswith("ed") and x.islower())
                for x in words[: k - 1]
            )
            if joins or _CLAUSE_OPENER.fullmatch(w):
                rest = words[k:]
                if w in {"that", "which", "who"} and (
                    _FINITE.fullmatch(rest[0].lower())
                    # "Agents that help bring you up to speed": a verb, not a noun phrase, follows
                    or relative_clause(words[k - 2] if k >= 2 else "", rest)
                ):
                    continue  # "people who have commuted ...": a relative clause inside the subject
                if words[k - 1].lower() == "that" and len(rest) == 1 and rest[0].islower():
                    rest = words[k - 1 :]  # "that closet" is a noun phrase
                subject = " ".join(rest)
                break
    return _strip_end(subject)


_FINITE = re.compile(
    r"is|are|was|were|has|have|had|will|would|can|cannot|can't|could|may|might|must|does|did|do"
)


_CLAUSE_OPENER = re.compile(
    r"that|which|who|because|since|while|whether|if|unless|when|so|than|is|are|was|were|"
    r"confidence|doubt|sure|certain|clear|hope|fear|believe|believes|think|thinks|says|said|"
    r"expect|expects|knows|know|means|suggests|shows|ensure|ensures|insists?|argues?"
)


def _factual_question(sentence: str, article: str) -> str:
    body = _strip_end(_DISCOURSE.sub("", _LEADING_ADVERB.sub("", sentence.strip())))
    body = _DISCOURSE.sub("", body)
    return " ".join(f"Is it true that {_lower_first(body, article)}?".split())


# --- the extractor --------------------------------------------------------------------------


def _deadline_near(sentence: str, condition: str | None, pub: date | None) -> date | None:
    """The deadline a time phrase of the claim itself sets: a neighbour's date dates the neighbour's
    event, and a date inside the condition ("if they fail again in 2026") dates the condition."""
    if condition and condition in sentence:
        at = sentence.index(condition)
        sentence = sentence[:at] + " " * len(condition) + sentence[at + len(condition) :]
    own = find_deadline(sentence, pub)
    return own.deadline if own is not None else None


_WHY = re.compile(r"^\W*why\s+(?:would|will|is|are|does|do|must|should|could)\b", re.IGNORECASE)
_ANSWER = re.compile(
    r"^\W*(?:no|yes|not|never|hardly|unlikely|likely|probably|certainly|absolutely|definitely|"
    r"surely|of\s+course|nope|far\s+from\s+it|doubtful)\b",
    re.IGNORECASE,
)
# "Is the housing market about to crash? No.", "Is peace possible this year? Not a chance.": a
# question in the inverted present that asks about an outcome still to come.
_INVERTED_FUTURE = re.compile(
    r"^\W*(?:is|are|am)\s+(?:[\w'’-]+\s+){1,8}?(?:about\s+to|going\s+to|set\s+to|poised\s+to|"
    r"likely\s+to|bound\s+to|due\s+to|coming|heading|headed|on\s+(?:track|course)|possible|"
    r"finished|doomed|over|in\s+(?:trouble|danger))\b|\bha(?:ve|s)\s+a\s+future\b",
    re.IGNORECASE,
)
_PAST_TIME = re.compile(
    r"\b(?:ago|yesterday|last\s+(?:week|month|year|spring|summer|autumn|fall|winter|night)|"
    r"earlier\s+this\s+(?:week|month|year)|so\s+far|thus\s+far|to\s+date|in\s+the\s+past|"
    r"previously|once\s+again|(?:has|have|had)\s+(?:\w+\s+)?(?:been|\w+ed|\w+en))\b",
    re.IGNORECASE,
)
_FUTURE_WORD = re.compile(
    r"\b(?:future|coming|upcoming|next|soon|tomorrow|forthcoming|ahead|eventually|will|"
    r"would|going to|in the long run|long term|sooner or later)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    """What the rules see in one sentence: the hedge that carries it and the evidence of fact."""

    sentence: str
    start: int
    end: int
    index: int
    skip: bool  # layout, boilerplate or a repeat: never a candidate
    hedge: HedgeMatch | None  # the usable hedge in a main clause
    reported: bool
    rule: dict[str, object]
    next_sentence: str = ""


def read_sentences(
    text: str, published: date | None = None, sentences: list[_Sentence] | None = None
) -> list[Reading]:
    """Every sentence of the article with the rules' reading of it, in order."""
    sentences = _split(text) if sentences is None else sentences
    layout = _layout_lines(text)
    seen: set[str] = set()
    texts = [text[s.start : s.end] for s in sentences]
    out: list[Reading] = []
    for i, s in enumerate(sentences):
        sentence = texts[i]
        key = " ".join(sentence.split()).lower()
        # Repeated paragraphs (a capture artefact) would duplicate claims.
        skip = key in seen or s.paragraph in layout or _is_boilerplate(sentence)
        seen.add(key)
        out.append(_reading(sentence, s, i, texts, sentences, published, skip))
    _mark_listed_predictions(out)
    _mark_stated_odds(out)
    _mark_announced_picks(out)
    _mark_panel_picks(out)
    _mark_headline_items(out)
    _mark_endorsements(out)
    return out


# "Here are my predictions:" followed by lines such as "Labour: 37 per cent, 400 seats": each line is
# the author's point prediction with no modal, read like "expect" (RULES.md, labeller D). The same
# holds for "My forecast for the league:" + "Arsenal: first, 84 points".
_ANNOUNCES_PREDICTIONS = re.compile(
    r"\b(?:my|our)\s+(?:\w+\s+)?(?:predictions?|forecasts?|projections?|picks|calls)\b", re.I
)
_LIST_LINE = re.compile(r"^[^:.!?]{1,60}:\s*[^:]*\d[^:]*$")
_FINITE_VERB = re.compile(r"\b(?:is|are|was|were|will|would|has|have|had|did|does)\b", re.I)


def _mark_listed_predictions(readings: list[Reading]) -> None:
    announced = in_list = False
    for r in readings:
        line = r.rule["para_start"] and (
            r.index + 1 >= len(readings) or readings[r.index + 1].rule["para_start"]
        )
        listed = (
            line
            and len(r.sentence.split()) <= 15
            and bool(_LIST_LINE.match(r.sentence.strip()))
            and not _FINITE_VERB.search(r.sentence)
        )
        if listed and (announced or in_list):
            r.rule["listed"] = True
            in_list, announced = True, False
        elif r.rule["para_start"] and (in_list or announced):
            in_list = announced = False
        if _ANNOUNCES_PREDICTIONS.search(r.sentence) and not listed:
            announced = True


# "A significant bill is signed into law. (90%)", "Bitcoin peaks over $150k (90%)": a line of its
# own that ends on the author's odds in brackets is a forecast at that probability (RULES.md,
# labeller J). A bracketed share after a statistic ("Labour won 412 seats (63%)") is not: the line
# must have no past tense and stand under a heading that announces predictions, or carry a future
# marker of its own.
_STATED_ODDS = re.compile(r"\(\s*(\d{1,2}(?:\.\d)?)\s?%\s*\)\W*$")
_PREDICTIONS_WORD = re.compile(r"\b(?:predictions?|forecasts?|prophecies|picks|odds)\b", re.I)
_PRESENT_PASSIVE = re.compile(r"\b(?:is|are|be|gets?)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b", re.I)
_FUTURE_MARK = re.compile(
    r"\b(?:will|shall|going\s+to|by\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d|next\s+year|"
    r"ends?\s+(?:19|20)\d\d)\b",
    re.I,
)


def _stated_odds(r: Reading, announced: bool) -> float | None:
    m = _STATED_ODDS.search(r.sentence)
    if m is None or r.rule["question"]:
        return None
    main = r.sentence[: m.start()]
    if any(len(q.split()) > 4 for q in _QUOTE.findall(main)):
        return None  # quoted words, not the author's line; a quoted name ("DOGE") is fine
    if not 2 <= len(main.split()) <= 30 or _PAST.search(_PRESENT_PASSIVE.sub(" ", main)):
        return None
    if not (announced or _FUTURE_MARK.search(main)):
        return None
    return round(float(m.group(1)) / 100.0, 4)


def _mark_stated_odds(readings: list[Reading]) -> None:
    announced = False
    for r in readings:
        line = r.rule["para_start"] and (
            r.index + 1 >= len(readings) or readings[r.index + 1].rule["para_start"]
        )
        if line and not r.skip and (odds := _stated_odds(r, announced)) is not None:
            r.rule["odds"] = odds
        elif _PREDICTIONS_WORD.search(r.sentence) and len(r.sentence.split()) <= 12:
            announced = True


# "Then I make my predictions for the coming year." / "Here are the Top 12 Predictions for next year."
# followed by short paragraphs in the plain present ("Hillary Clinton wins the election.", "Oil prices
# stay below $50 a barrel."): each is the author's pick with no modal, read like "expect" (RULES.md,
# labeller D's "my predictions"); "X does not win" denies at "don't expect". Only a run of two or more
# such paragraphs counts (a list), and it ends at the first paragraph that is not one.
_PICK_PERSON = re.compile(r"\b(?:I|I['’]\w+|we|my|our|you|your|me|us)\b", re.IGNORECASE)
_PICK_MAIN_END = re.compile(
    r"[,;:(—–]|\s-\s|\b(?:because|as|while|after|when|since|if|unless|until|but|though)\b", re.I
)


def _plain_present_pick(r: Reading) -> bool:
    sentence = r.sentence.strip()
    words = sentence.split()
    # a flat present with a future time phrase ("Labour holds Bristol in May") is a pick as well
    flat = r.hedge is None or r.hedge.entry.phrase.startswith("(present tense")
    if not 3 <= len(words) <= 40 or not sentence[:1].isupper() or not flat:
        return False
    if r.rule["question"] or r.rule["has_quote"] or _PICK_PERSON.search(sentence):
        return False
    if r.hedge is None and any(
        h.entry.phrase in _FLAT_FUTURE or h.text.lower().split()[0] in _MODAL_WORDS
        for h in find_hedges(sentence)
    ):
        return False  # "Anyone who knows what will happen is a fool": a modal set aside, not a pick
    main = sentence[: m.start()] if (m := _PICK_MAIN_END.search(sentence, 1)) else sentence
    if _PAST.search(main):
        return False
    return len(main.split()) >= 3


def _mark_announced_picks(readings: list[Reading]) -> None:
    paragraphs: list[list[Reading]] = []
    for r in readings:
        if r.rule["para_start"] or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(r)
    announced = False
    run: list[list[Reading]] = []

    def close() -> None:
        if len(run) >= 2:
            for para in run:
                for r in para:
                    if not r.skip and _plain_present_pick(r) and len(r.sentence.split()) >= 5:
                        r.rule["pick"] = True
        run.clear()

    for para in paragraphs:
        first = para[0]
        if announced and len(para) <= 3 and _plain_present_pick(first):
            run.append(para)
            continue
        if run:
            close()
            announced = False
        if any(
            _ANNOUNCES_PREDICTIONS.search(r.sentence) or _announces_predictions(r.sentence)
            for r in para
        ):
            announced = True
    close()


# "Here are my 5 predictions for 2025:" followed by headline-style items, each a line of its own
# above the paragraph that argues for it ("Crypto assets suffer a bear market", "Stock Market Rising
# by 6%"): each headline is the author's pick, read like "expect" (RULES.md, labellers D and J).
# Unlike _mark_announced_picks, the argument paragraphs between the items do not end the list; two
# or more items make one. A headline is a line with no closing punctuation and a claim in the plain
# present; a titled noun phrase ("The Tale of 3% and 6%", "A Look at Oil") is a section title.
_TITLED_NOUN_PHRASE = re.compile(r"^\W*(?:the|a|an)\s+\w+\s+(?:of|for|to|at|on|in|about)\b", re.I)


def _headline_item(r: Reading) -> bool:
    sentence = r.sentence.strip()
    if sentence[-1:] in '.!?:;,”"' or not 3 <= len(sentence.split()) <= 12:
        return False
    if _TITLED_NOUN_PHRASE.match(sentence):
        return False
    return _plain_present_pick(r)


def _mark_headline_items(readings: list[Reading]) -> None:
    announced = False
    items: list[Reading] = []

    def close() -> None:
        if len(items) >= 2:
            for r in items:
                r.rule["pick"] = True
        items.clear()

    for i, r in enumerate(readings):
        line = r.rule["para_start"] and (
            i + 1 >= len(readings) or readings[i + 1].rule["para_start"]
        )
        heading = _ANNOUNCES_PREDICTIONS.search(r.sentence) or _announces_predictions(r.sentence)
        if heading:
            close()
            announced = True
        elif announced and line and _headline_item(r):
            items.append(r)
    close()


# A panel answering a question about the future ("Who is going to win this thing?" followed by
# "Sarah Jones: Brazil.", "Tom Lee: Germany to retain it."): each contributor's answer that opens on
# a name is that contributor's pick, read like "expect" (RULES.md, labeller F's question-and-answer
# lines and labeller J). Two or more such answers make a panel; it ends at the first paragraph that
# does not open on "Name:".
_FUTURE_QUESTION = re.compile(
    r"\b(?:will|going\s+to|gonna|wins?|predict\w*|picks?|expect\w*|next)\b", re.IGNORECASE
)
_PANEL_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}"
_PANEL_ANSWER = re.compile(r"^\W*" + _PANEL_NAME + r":\s+(?P<answer>.+)$", re.DOTALL)
_NAMED_PICK = re.compile(r"^" + _PANEL_NAME + r"\s*(?:[.!(]|$|to\s+[a-z]+\b)", re.DOTALL)


def _mark_panel_picks(readings: list[Reading]) -> None:
    asked = False
    run: list[Reading] = []

    def close() -> None:
        if len(run) >= 2:
            for r in run:
                m = _PANEL_ANSWER.match(r.sentence.strip())
                if m and _NAMED_PICK.match(m.group("answer")) and r.hedge is None:
                    r.rule["pick"] = True
        run.clear()

    for r in readings:
        if not r.rule["para_start"]:
            continue
        if asked and _PANEL_ANSWER.match(r.sentence.strip()):
            run.append(r)
            continue
        close()
        asked = bool(r.rule["question"] and _FUTURE_QUESTION.search(r.sentence))
    close()


# "Ninety percent of them said they thought it would. ... I agree with that.", "She warned that X could
# happen. ... And in this case, she is absolutely right.": the author's explicit endorsement of a
# prediction reported just before (within three sentences) is the author's forecast, read at the
# endorsed wording (RULES.md, labeller G).
_ENDORSEMENT = re.compile(
    r"\b(?:I|we)\s+(?:fully\s+|completely\s+|entirely\s+|wholeheartedly\s+|tend\s+to\s+)?"
    r"agree(?:\s+with\s+(?:that|this|them|him|her|it|the\s+\w+))?\s*\W*$"
    r"|\b(?:she|he|they|the\s+\w+)\s+(?:is|are|was|were|['’]s|['’]re)\s+(?:absolutely|quite|"
    r"entirely|completely|surely|dead|spot\s+on|probably)?\s*(?:right|correct)\s*\W*$",
    re.IGNORECASE,
)


_ENDORSED_FRAME = re.compile(
    r"\b(?:said|says|thought|think|thinks|predicted|predicts|warned|warns|believes?|believed|"
    r"expects?|expected|argued|argues|wrote|writes)\s+(?:that\s+)?",
    re.IGNORECASE,
)


def _mark_endorsements(readings: list[Reading]) -> None:
    for i, r in enumerate(readings):
        if r.skip or r.rule["question"] or r.hedge is not None or len(r.sentence.split()) > 25:
            continue
        if not _ENDORSEMENT.search(r.sentence) or re.search(r"\b(?:not|n['’]t)\b", r.sentence):
            continue
        for prev in reversed(readings[max(0, i - 3) : i]):
            if prev.reported and prev.hedge is not None and not prev.rule["question"]:
                r.rule["endorsed"] = prev.sentence
                break


_MODAL_QUESTION = re.compile(r"^\W*(?:will|would|can|could|shall|might|may)\b", re.IGNORECASE)


def _is_answer(sentence: str) -> bool:
    """ "No.", "Probably not.", "Almost certainly not.", "Don't count on it.": a reply that opens
    with a yes, a no or a hedge."""
    if _ANSWER.match(sentence):
        return True
    found = find_hedges(sentence)
    return bool(found) and not sentence[: found[0].start].strip(" \"“‘'(")


def _is_question(sentence: str) -> bool:
    return sentence.rstrip("”\"' )").endswith("?")


# "can" as the main clause's verb ("Investors can lose money on bonds", "They can do it with
# computer models"): an ability or a standing possibility, never a checkable event; about a future
# outcome ("Labour can win a majority at the next election") a hedged forecast, read like "could".
_MAIN_CAN = re.compile(
    r"^(?:(?!\b(?:that|which|who|whom|where|when|if|unless|because|since|while|although|though|"
    r"whether|what|how|once|as|so)\b)[^;:\"“”])*?\b(can)\s+(?!not\b|n['’]t\b|have\b|of\b)",
    re.IGNORECASE,
)
# "The regime knows what happens to dictators", "Voters want lower taxes": a present verb of desire or
# knowledge as the main verb describes a mind, which nobody can check (RULES.md: mental states).
_MIND_MAIN_VERB = re.compile(
    r"^(?!(?:I|We|You|They|He|She|It)\b)(?:[\w.'’-]+\s+){1,6}?(?<!\b[Tt]he\s)(?<!\b[Aa]\s)"
    r"(?:(?:does|do)\s+not\s+|(?:does|do)n['’]t\s+)?(?:knows|wants|feels|hopes|fears|wishes|loves|"
    r"hates|understands|want|know|fear|feel|wish)\b"
)
# A pick in a preview: "I have Arsenal finishing fourth", "In second, I have Senegal", "I currently
# have Ohio as Lean Republican": the author's prediction with no modal, read like "expect" (RULES.md).
_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|last|\d+(?:st|nd|rd|th))"
_PICK = re.compile(
    r"\b(I\s+(?:currently\s+|now\s+|still\s+)?have)\s+(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}"
    r"(?:\s+(?P<place>at\s+\d|as\s+(?:the\s+)?(?:[A-Z]|favou?rites?|winners?|champions?)|in\s+"
    + _ORDINAL
    + r"|(?:winning|finishing|taking|losing|topping|retaining|holding|flipping|edging|"
    r"reaching)\b)|\s*[.!]?$)"
)
# "I picked Switzerland to finish ahead of Brazil", "I chose Iceland to come out of Group D", "I'm
# going to say Uruguay", "I'll go with the Dutch": a pick named by the author's verb of choosing
# (RULES.md, labellers E, H and J). A past "picked"/"chose" counts only with the outcome it was
# picked for ("to finish ahead"): "I picked Brazil last time" recalls a past pick.
_PICK_VERB = re.compile(
    r"\b(I(?:\s+(?P<past>picked|chose|tipped)|\s+(?:pick|choose|tip)|(?:\s+am|['’]m)\s+"
    r"(?:picking|tipping|backing|going\s+(?:with|for|to\s+(?:say|go\s+with|pick)))|"
    r"['’]ll\s+(?:say|go\s+with|take)))"
    r"\s+(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}"
    r"(?:(?P<to>\s+to\s+(?!be\b)[a-z]+\b)|\s*[.!]?$)"
)


# "My prediction for the Greens is 40 seats", "Our forecast for the pound is $1.40": the author's stated
# prediction with what it is for between (RULES.md, labeller H), when a figure, a name or a "that" clause
# follows ("My prediction for 2020 was wrong" looks back, "... is based on polls" gives a basis).
# "I'm calling 12 for the Greens", "I'm calling it for the incumbent", "I'm calling Leeds to win": a
# call as a pick; "I'm calling for a ceasefire" (or "for the minister to resign") is a demand, left alone.
_STATED_PICK = re.compile(
    r"^\W*(?P<my>(?i:my|our)\s+(?i:main\s+|final\s+|bold\s+|own\s+)?(?i:prediction|forecast|call|"
    r"guess|bet|pick|tip))\s+for\s+[^,;:]{1,40}?\s+is\s+(?=(?:about\s+|around\s+|roughly\s+|"
    r"some\s+)?[$£€]?\d|[A-Z]|that\b)"
    r"|\b(?P<call>I(?:\s+am|['’]m)\s+(?:now\s+)?calling)\s+(?:it\s+for\s+(?!what\b|this\b|that\b)(?:the\s+)?[A-Za-z]|"
    r"\d[\d,.]*\s+(?:\w+\s+)?for\s+(?:the\s+)?[A-Z]|(?:the\s+)?[A-Z][\w'’.&-]*"
    r"(?:\s+[A-Z][\w'’.&-]*){0,3}\s+to\s+[a-z]+)",
)


def _past_year(sentence: str, published: date | None) -> bool:
    """A year before publication ("I tipped Ajax to win in 2019"): a past pick recalled."""
    if published is None:
        return False
    return any(int(y) < published.year for y in re.findall(r"\b(?:19|20)\d\d\b", sentence))


_PICK_AFTER_POSITION = re.compile(r"^\W*in\s+" + _ORDINAL + r"\b", re.IGNORECASE)
_FUTURE_TIME = re.compile(
    r"\b(?:next|upcoming|coming|future|soon|ahead\s+of|within\s+(?:a|the|\w+)\s+(?:days?|"
    r"weeks?|months?|years?|decades?))\b",
    re.IGNORECASE,
)


# Verbs that name how a contest or a course ends ("win", "stop", "survive"): under a negative
# subject, "can" with one of them rules the outcome out ("Neither side can win this war"), while
# "No country can match the navy" only compares abilities.
_OUTCOME_VERB = re.compile(
    r"\s+(?:ever\s+|now\s+|still\s+)?(?:win|stop|halt|prevent|save|rescue|end|survive|defeat|beat|"
    r"reverse|resolve|fix|avert|avoid|escape|govern|afford)\b",
    re.IGNORECASE,
)


# "The odds of a deal are low", "the chances that the truce holds look slim", "the probability of a
# default is high", "the risk of a bank run is very high" (RULES.md, labeller J): the likelihood named
# as the subject, its size as the predicate.
_CHANCE_OF = re.compile(
    r"\b(?:odds|chances?|probability|likelihood|prospects?|risks?)\s+(?P<link>of|that|for)\s+"
    r"(?P<event>[^,;:]{1,80}?)\s+"
    r"(?:is|are|remains?|looks?|seems?|appears?)\s+(?:now\s+|still\s+)?"
    r"(?P<size>(?:very\s+|extremely\s+)?(?:low|slim|small|poor|remote|negligible|high|good|strong|"
    r"dim|bleak)|(?:close\s+to|near|next\s+to|virtually|effectively|practically)\s+zero|zero|nil)\b",
    re.IGNORECASE,
)
_CHANCE_READING = {  # the table's phrase each size reads like
    "low": "little chance", "slim": "little chance", "small": "little chance",
    "poor": "little chance", "remote": "almost no chance", "negligible": "almost no chance",
    "high": "likely", "good": "a good chance", "strong": "a good chance",
    # "the prospects for a deal look dim" (RULES.md, labeller M: "the chance of X looks bleak" 0.32)
    "dim": "the odds are against", "bleak": "the odds are against",
    # "the chances of a majority are close to zero", "the odds of a default are nil"
    "zero": "no chance", "nil": "no chance",
}  # fmt: skip
# "The country risks running out of water": a verb of risk before a gerund, read like "threatens to".
_RISKS_GERUND = re.compile(r"(?<![Tt]he\s)(?<![Aa]\s)\b(risks)\s+(?=[a-z]+ing\b)")


def _size_hedge(sentence: str) -> HedgeMatch | None:
    """A likelihood named as a subject and sized in the predicate, or "X risks <gerund>"."""
    m = _CHANCE_OF.search(sentence)
    if m:
        size = m.group("size").lower().split()
        entry = lookup(_CHANCE_READING[size[-1]])
        if entry is not None:
            probability = entry.probability
            if size[0] in {"very", "extremely"}:  # "very low", "extremely high": the next band out
                probability = 0.05 if probability < 0.5 else 0.88
            return HedgeMatch(entry, m.group(), m.start(), m.end(), False, probability)
    r = _RISKS_GERUND.search(sentence)
    entry = lookup("threatens to")
    if r and entry is not None:
        return HedgeMatch(entry, r.group(1), r.start(1), r.end(1), False, entry.probability)
    return None


# "A recession is coming.", "The end of the pandemic is near", "No deal is coming this year", "the
# war is coming to an end": an outcome said to be arriving. "Inflation is coming down" is a trend
# under way (a fact), so "coming" counts only at the end of the clause or before a time phrase.
_ARRIVAL = re.compile(
    r"\b(?:is|are|['’]s|['’]re)\s+(?:now\s+|finally\s+|already\s+|surely\s+|fast\s+|"
    r"rapidly\s+|quickly\s+|clearly\s+)?(?:(?:coming|near|nigh)(?=\s*(?:$|[.!,;:—–)]"
    r"|\s+(?:soon|fast|quickly|this|next|in\s+the|within|before|by|for\b)))|(?:coming|drawing)\s+to\s+"
    r"(?:an?\s+)?(?:end|close|head)\b|nearing\s+(?:its|their|an|the)\s+(?:end|peak)\b)",
    re.IGNORECASE,
)
# "Self-driving taxis remain a decade away", "A vaccine is at least a year away": the time an outcome
# is said to need, stated as flatly as "will".
_TIME_AWAY = re.compile(
    r"\b(?:is|are|remains?|looks?|seems?)\s+(?:still\s+|at\s+least\s+|probably\s+|"
    r"now\s+)?(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|"
    r"forty|fifty|several|many|some|a\s+few|a\s+couple\s+of|\d+)\s+)?(?:(?:more|good)\s+)?"
    r"(?:days?|weeks?|months?|years?|decades?|generations?)\s+(?:away|off)\b",
    re.IGNORECASE,
)
# "The election is six weeks away": a date on the calendar, not a forecast.
_SCHEDULED = re.compile(
    r"\b(?:elections?|votes?|polls?|referend(?:um|a)|summits?|deadlines?|meetings?|conferences?|"
    r"budgets?|games|olympics|cup|tournaments?|finals?|season|holidays?|christmas|birthdays?|"
    r"anniversar(?:y|ies)|launch|day|inauguration|primar(?:y|ies)|caucus(?:es)?|debates?|"
    r"hearings?|trials?|ceremony|wedding|kick-?off|opening|release|deadline|year|month|week|"
    r"weekend|spring|summer|autumn|winter|term|semester|tax\s+day)\b",
    re.IGNORECASE,
)
# "The party faces a wipeout", "the firm faces bankruptcy": an outcome the subject is said to face,
# read like "likely" (0.7); "faces questions" or "faces a choice" names no outcome.
_FACES_OUTCOME = re.compile(
    r"(?<!\bor\s)(?<!\bto\s)\b(?:faces?|facing)\s+(?:an?\s+|almost\s+|near\s+|certain\s+|likely\s+|electoral\s+)*"
    r"(?:wipeout|wipe-out|defeat|extinction|collapse|bankruptcy|oblivion|annihilation|ruin|default|"
    r"eviction|closure|insolvency|irrelevance|meltdown|rout|drubbing|shutdown)\b",
    re.IGNORECASE,
)
# "Hopes of a deal are fading", "The window for a deal is closing": the chance of an outcome said to
# be shrinking, read like "the odds are against" (0.32).
_FADING = re.compile(
    r"\b(?:hopes?|chances?|prospects?|odds|likelihood)\s+(?:of|for)\s+[^,;:]{1,60}?\s+(?:are|is)\s+"
    r"(?:\w+ly\s+|now\s+)?(?:fading|dwindling|receding|slipping\s+away|shrinking|vanishing|"
    r"diminishing|evaporating)\b|\bwindow\s+(?:of\s+opportunity\s+)?(?:for|to)\s+[^,;:]{1,60}?\s+"
    r"is\s+(?:\w+ly\s+|now\s+)?(?:closing|narrowing|shutting)\b",
    re.IGNORECASE,
)
# "the final nail in coal's coffin", "sounds the death knell for", "the beginning of the end for",
# "the writing is on the wall for", "on its last legs": an end named by an idiom.
_END_IDIOM = re.compile(
    r"\bnails?\s+in\s+(?:the|its|their|his|her|[\w'’]+['’]s?)\s+coffin\b|\bdeath\s+knell\b|"
    r"\bbeginning\s+of\s+the\s+end\b|\bwriting\s+is\s+on\s+the\s+wall\b|"
    r"\bon\s+(?:its|their|his|her)\s+last\s+legs\b",
    re.IGNORECASE,
)
# A headline drops the copula: "Oil prices set to soar", "Labour heading for a landslide". (A bare
# infinitive, "Economy to shrink", is news style and too often a purpose or a verb's complement.)
_HEADLINE_PREDICATE = re.compile(
    r"^\W*(?:[\w'’.,&-]+\s+){1,6}?(?P<word>set|poised|expected|tipped|likely|unlikely|heading|"
    r"headed|about|bound|doomed|destined|on\s+course|on\s+track)\s+(?P<prep>to|for)\b",
    re.IGNORECASE,
)


# "The 1.5C goal is effectively dead", "the deal looks dead in the water": a goal or an agreement
# written off, read like "BE futile" (RULES.md, labeller A: "dead on its knees", "just an illusion").
_DEAD_GOAL = re.compile(
    r"\b(?:goal|target|deal|agreement|treaty|accord|bill|plan|reform|process|talks|negotiations|"
    r"project|dream|hopes?|pact|ceasefire|truce|bid|merger|initiative|proposal)s?\s+(?:is|are|"
    r"looks?|seems?|appears?)\s+(?:now\s+|effectively\s+|all\s+but\s+|as\s+good\s+as\s+|"
    r"essentially\s+|basically\s+|virtually\s+|already\s+|probably\s+)?dead\b",
    re.IGNORECASE,
)
# "The question is no longer whether China overtakes the US, but when": read like "only a matter
# of time".
_NOT_WHETHER_BUT_WHEN = re.compile(
    r"\b(?:question|issue)\s+(?:is|was)\s+(?:no\s+longer|not)\s+(?:if|whether)\b.{1,160}?\bbut\s+"
    r"(?:when|how\s+soon)\b",
    re.IGNORECASE,
)
# "On current trends, the party loses half its seats", "If the polls are right, Labour wins a
# majority": a projection the author draws from the numbers, stated in the present; read like
# "expect" (RULES.md, labeller D: point predictions without a modal).
_PROJECTION_OPENER = re.compile(
    r"^\W*(?:on\s+(?:current|present|these|those|today['’]s|such|recent)\s+(?:trends|numbers|"
    r"figures|polls|projections|form|trajectory|evidence)|if\s+(?:the\s+|current\s+|these\s+|"
    r"today['’]s\s+|recent\s+)?(?:polls|trends|numbers|figures|projections|forecasts|models)\s+"
    r"(?:are\s+(?:right|correct|accurate|borne\s+out)|hold(?:\s+up)?|continue)|assuming\s+(?:that\s+)?"
    r"(?:current\s+|present\s+|these\s+|recent\s+)?(?:trends|polls|patterns|rates)\s+(?:continue|"
    r"hold|persist))\s*,\s+(?=\S+(?:\s+\S+){2})",
    re.IGNORECASE,
)
# "My expectation is that rates stay high", "I predict that the senator loses her seat", "I foresee a
# hung parliament": the author's own expectation with no modal after it, read like "expect" (a modal
# after it keeps its own reading, as labeller D reads "I foresee ... will" at 0.9).
_OWN_EXPECTATION = re.compile(
    r"^\W*(?:(?:but|and|so|still|frankly|personally|today)\W+)?(?:(?:my|our)\s+(?:\w+\s+)?(?:expectation|"
    r"hunch|sense|feeling|guess|bet|view|prediction|forecast|projection)\s+is\s+that|(?:i|we)\s+"
    r"(?:now\s+|still\s+|confidently\s+|fully\s+)?(?:predict|foresee|anticipate|reckon|forecast|"
    r"project)(?:\s+that)?)\s+(?=\S+(?:\s+\S+){1})",
    re.IGNORECASE,
)
# "Count on higher fares", "Brace for a long winter": an imperative
# that tells the reader what to expect, read like "Expect ..." (RULES.md, labeller A: a prescriptive
# wrapper around a prediction is labelled by the prediction).
_IMPERATIVE_EXPECT = re.compile(
    r"^\W*(?:(?:so|and|but|meanwhile|instead)\W+)?(?:(?:count|bank)\s+on\s+(?!(?:me|us|him|her|them|it)\b)|brace\s+"
    r"(?:yourself\s+|yourselves\s+|themselves\s+)?for\s+|get\s+ready\s+for\s+)(?=\S+(?:\s+\S+){1})",
    re.IGNORECASE,
)
# "I can see the Greens taking the seat", "I don't see them finishing in the top four", "it's hard to
# see the bill passing": the author pictures (or cannot picture) an outcome named by a subject and a
# gerund, read like "expect" (0.75), "don't expect" (0.25) and "hard to imagine" (0.12) (RULES.md,
# labeller D: "I don't see X will" 0.25). "I can see why", "I don't see the point" name no outcome.
_SEE_SUBJECT_GERUND = (
    r"(?!(?:why|how|what|where|when|whether|if|that|this|the\s+point|any\s+(?:reason|point|need))\b)"
    r"(?=(?:[\w'’.&-]+\s+){1,5}?(?!(?:\w*thing|during|according|including|morning|evening|"
    r"spring|king|ring|wing|string|building|meeting|ceiling|feeling|setting)\b)[a-z]{2,}ing\b)"
)
_OWN_SEEING = re.compile(
    r"^\W*(?:(?:but|and|so|still|frankly|personally|honestly|right\s+now|today)\W+)?i\s+"
    r"(?:can\s+(?:easily\s+|already\s+|definitely\s+|certainly\s+)?|could\s+(?:easily\s+)?)see\s+"
    + _SEE_SUBJECT_GERUND,
    re.IGNORECASE,
)
_OWN_NOT_SEEING = re.compile(
    r"^\W*(?:(?:but|and|so|still|frankly|personally|honestly|right\s+now|today)\W+)?(?:i|we)\s+"
    r"(?:just\s+|simply\s+|really\s+)?(?:can['’]?t|cannot|can\s+not|don['’]?t|do\s+not)\s+"
    r"(?:really\s+)?see\s+" + _SEE_SUBJECT_GERUND,
    re.IGNORECASE,
)
_HARD_TO_SEE = re.compile(
    r"^\W*(?:(?:but|and|so|still|frankly)\W+)?(?:it['’]s|it\s+is)\s+(?:very\s+|really\s+)?"
    r"(?:hard|difficult)\s+to\s+see\s+" + _SEE_SUBJECT_GERUND,
    re.IGNORECASE,
)
_SEEING_OPENERS = (_OWN_SEEING, _OWN_NOT_SEEING, _HARD_TO_SEE)
# "My prediction: the Lib Dems win 60 seats", "Our forecast: a hung parliament".
_PREDICTION_LABEL = re.compile(
    r"^\W*(?:my|our|the\s+author['’]s)\s+(?:\w+\s+)?(?:prediction|forecast|pick|call|guess|bet|"
    r"projection)s?\s*:\s+(?=\S+(?:\s+\S+){1})",
    re.IGNORECASE,
)
# "Next year, inflation falls back to 2 percent", "By 2030, electric cars outsell petrol cars",
# "Sooner or later the bill comes due": a future time phrase opening a clause in the present.
_FUTURE_OPENER = re.compile(
    r"^\W*(?:(?:next|this\s+coming)\s+(?:week|month|year|spring|summer|autumn|fall|winter|decade|"
    r"season|quarter|time)|in\s+the\s+(?:coming|next|years\s+ahead|months\s+ahead|long\s+run|"
    r"long\s+term)(?:\s+(?:\w+\s+)?(?:days|weeks|months|years|decades))?|by\s+(?:the\s+end\s+of\s+)?"
    r"(?P<year>20\d\d)|by\s+(?:the\s+end\s+of\s+)?next\s+\w+|within\s+(?:a|the\s+next|\w+)\s+"
    r"(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?)|sooner\s+or\s+later|before\s+long|"
    r"one\s+day|some\s+day|in\s+years\s+to\s+come|over\s+the\s+(?:next|coming)\s+(?:\w+\s+)?"
    r"(?:days|weeks|months|years|decades))\s*,?\s+(?=\S+(?:\s+\S+){2})",
    re.IGNORECASE,
)
# After such an opener: a condition, advice or the reader's voice makes no flat forecast.
# A leading condition or frame before the main clause: "If nothing changes, ", "One way or another, ".
_CLAUSE_LEAD = re.compile(
    r"^\W*(?:(?:if|unless|once|whether\s+or\s+not|even\s+if|as\s+long\s+as)\b[^,;:]{3,100},|"
    r"(?:one\s+way\s+or\s+another|either\s+way|come\s+what\s+may|whatever\s+happens)\s*,)\s*",
    re.IGNORECASE,
)
# A verb of mind or report before the outcome ("Analysts expect rates to fall by June").
_MIND_OR_REPORT = re.compile(
    r"\b(?:expects?|predicts?|forecasts?|believes?|think|thinks|says?|said|hopes?|wants?|fears?|"
    r"warns?|claims?|argues?|insists?|reckons?|suspects?|doubts?)\b",
    re.IGNORECASE,
)
_OPENER_AS_SUBJECT = re.compile(
    r"(?:is|will|marks|sees|brings|promises|looks|could|may|might|would|should|holds|offers)\b",
    re.IGNORECASE,
)
# A projection names an outcome: a seat won, a state flipped, a measure that rises or falls.
_OUTCOME_IN_PRESENT = re.compile(
    r"\b(?:wins?|loses?|takes?|holds?|gains?|falls?|rises?|turns?|flips?|finish(?:es)?|ends?\s+up|"
    r"secures?|keeps?|retains?|sweeps?|drops?|climbs?|reach(?:es)?|hits?|tops?|overtakes?|"
    r"surpass(?:es)?|doubles?|halves?|grows?|shrinks?|collapses?|runs?\s+(?:out|dry)|ends|"
    r"fails|folds|resigns|quits)\b",
    re.IGNORECASE,
)
_NOT_FLAT = re.compile(
    r"\b(?:if|unless|whether|should|must|ought|need|needs|let['’]s|we|you)\b", re.IGNORECASE
)


# "We have passed peak oil", "Inflation has peaked", "peak coal is behind us": a trend said to have
# turned, a forecast of its decline stated as flatly as "will" (RULES.md, labeller D: "We have
# passed peak Reform" affirms the decline).
_PEAKED = re.compile(
    r"\b(?:passed|past|reached|hit)\s+peak\s+[\w-]+|\bpeak\s+[\w-]+(?:\s+[\w-]+)?\s+(?:is|has)\s+(?:now\s+|already\s+|"
    r"finally\s+)?(?:behind\s+us|passed|been\s+reached|in\s+sight)|\b(?:has|have)\s+(?:now\s+|already\s+|"
    r"probably\s+|likely\s+|finally\s+)?peaked\b",
    re.IGNORECASE,
)
# "What makes the end of the engine inevitable is ...", "This makes a deal unlikely": the adjective
# says how likely the outcome named before it is (not "more likely", a change of odds).
_MAKES_ODDS = re.compile(
    r"\bmakes?\s+(?:[\w'’-]+\s+){1,8}?(?<!more\s)(?<!less\s)(?P<adj>inevitable|unavoidable|"
    r"impossible|unlikely|likely|certain)\b",
    re.IGNORECASE,
)
_MAKES_READING = {
    "inevitable": "BE inevitable", "unavoidable": "BE inevitable", "impossible": "impossible",
    "unlikely": "unlikely", "likely": "likely", "certain": "BE certain to",
}  # fmt: skip


# "Inflation should ease by the summer", "retirements should accelerate": "should" before a verb of
# change with no object is a judgement of likelihood, not advice ("the bank should cut rates", "we
# should grow the economy" tell someone what to do).
_EPISTEMIC_SHOULD = re.compile(
    r"(?<!\bI\s)(?<!\bwe\s)(?<!\bWe\s)(?<!\byou\s)(?<!\bYou\s)\b(?P<m>should)(?P<neg>\s+not|n['’]t)?\s+"
    r"(?:also\s+|still\s+|soon\s+|eventually\s+|gradually\s+|continue\s+to\s+|[a-z]+ly\s+)?"
    r"(?:ease|fall|rise|drop|decline|recover|rebound|improve|slow|accelerate|pick\s+up|peak|fade|"
    r"subside|abate|stabili[sz]e|moderate|normali[sz]e|cool|soften|narrow|widen|shrink|climb|"
    r"come\s+down|go\s+up|level\s+off|bottom\s+out|dissipate|diminish|recede|strengthen|weaken)"
    r"(?:s|ed)?\b(?!\s+(?:the|a|an|its|their|our|his|her|this|these|those|it|them|us|my|your)\b)"
    r"(?!\s+to\s+(?:match|meet|reflect|keep|make|reward|compensate|cover)\b)",
)


# Statements of necessity that predict an outcome (RULES.md): "The only way the strike ends is a
# better offer", "Rates must fall for the market to recover", "Only a settlement can end the war",
# and an actor's only course: "His only reason to negotiate is to buy time". Read like "will".
_NECESSITY = re.compile(
    # "the only way to learn is to practise" is advice for anyone: a clause must follow "way"
    r"\bonly\s+(?:real\s+)?(?:way|path|route|means)\s+(?!to\b|of\b|forward\b)[^,;:.?!]{3,80}?\b"
    r"(?:is|lies|remains)\s+(?:to|by|through|if|for|a|an|the|with|when|via)\b"
    # "we must act for our children to have a future" is a call to act
    r"|(?<!\bwe\s)(?<!\bWe\s)(?<!\byou\s)(?<!\bYou\s)(?<!\bI\s)(?<!\bone\s)\bmust\s+(?:first\s+)?"
    r"(?:\w+\s+){1,4}?for\s+(?:\w+\s+){1,5}?to\s+[a-z]+"
    # "Only a settlement can end the war", not "Only Congress can declare war" (a power, not an outcome)
    r"|^\W*only\s+(?!(?:then|when|if|by|through|after|now|with|in|at|so|once|because|recently|"
    r"later|afterwards|rarely|occasionally)\b)(?:\w+\s+){1,6}?can\s+(?:ever\s+|now\s+|still\s+)?"
    r"(?:win|stop|halt|prevent|save|rescue|end|survive|defeat|beat|reverse|resolve|fix|avert|avoid|"
    r"bring|restore|break|solve)\b"
    r"|\bonly\s+(?:real\s+)?(?:reason|purpose|motive|goal|aim|interest)\s+(?:\w+\s+){0,5}?is\s+to\s+"
    r"[a-z]+",
    re.IGNORECASE,
)


def _matched(entry: HedgeEntry, sentence: str, start: int, end: int, negated: bool) -> HedgeMatch:
    probability = round(1.0 - entry.probability, 4) if negated else entry.probability
    return HedgeMatch(entry, sentence[start:end], start, end, negated, probability)


def _future_without_modal(
    sentence: str, headline: bool, published: date | None = None
) -> HedgeMatch | None:
    """A forecast worded with no modal and no phrase of the table: an outcome said to be arriving,
    an idiom of an end, a goal written off, a projection or a future time phrase with the present,
    or a headline that drops its copula ("Oil prices set to soar")."""
    m = _DEAD_GOAL.search(sentence)
    futile = lookup("BE futile")
    if m and futile is not None and not _CLAUSE_NEGATION.search(m.group()):
        return _matched(futile, sentence, m.start(), m.end(), False)
    m = _NECESSITY.search(sentence)
    if m and not _in_subordinate_clause(sentence, m.start()):
        return _matched(FLAT_PRESENT, sentence, m.start(), m.end(), False)
    m = _EPISTEMIC_SHOULD.search(sentence)
    if m and not _in_subordinate_clause(sentence, m.start()):
        return _matched(EPISTEMIC_SHOULD, sentence, m.start(), m.end("m"), bool(m.group("neg")))
    m = _PEAKED.search(sentence)
    if m and not _in_subordinate_clause(sentence, m.start()) and not _negated(sentence):
        return _matched(END_IDIOM, sentence, m.start(), m.end(), False)
    m = _MAKES_ODDS.search(sentence)
    entry = lookup(_MAKES_READING[m.group("adj").lower()]) if m else None
    if m and entry is not None and not _negated(sentence[: m.start()]):
        return _matched(entry, sentence, m.start(), m.end(), False)
    m = _NOT_WHETHER_BUT_WHEN.search(sentence)
    certain = lookup("only a matter of time")
    if m and certain is not None:
        return _matched(certain, sentence, m.start(), m.end(), False)
    for opener, entry in (
        (_PROJECTION_OPENER, lookup("expect")),
        (_PREDICTION_LABEL, lookup("my prediction is")),
        (_OWN_EXPECTATION, lookup("expect")),
        (_IMPERATIVE_EXPECT, lookup("expect")),
        (_OWN_SEEING, lookup("expect")),
        (_OWN_NOT_SEEING, lookup("don't expect")),
        (_HARD_TO_SEE, lookup("hard to imagine")),
        (_FUTURE_OPENER, FLAT_PRESENT),
    ):
        m = opener.match(sentence)
        if m is None or entry is None:
            continue
        rest = sentence[m.end() :]
        if _PAST.search(rest) or _NOT_FLAT.search(rest) or _OPENER_AS_SUBJECT.match(rest):
            continue  # "Next year marks the 50th anniversary": the time phrase is the subject
        if opener is _PROJECTION_OPENER and not _OUTCOME_IN_PRESENT.search(rest):
            continue  # "If the polls are right, voters care about prices": a state, not an outcome
        year = m.groupdict().get("year")
        if year and published is not None and int(year) <= published.year:
            continue
        start = len(sentence) - len(sentence.lstrip(" \"“‘'("))
        negated = _negated(sentence[m.end() :])
        end = start + len(sentence[start : m.end()].rstrip(" ,:"))
        return _matched(entry, sentence, start, end, negated)
    # "If nothing changes, the reservoir runs dry by August", "One way or another, the strike ends
    # this month": an outcome in the present simple with an explicit future time of its own.
    main = _CLAUSE_LEAD.sub("", sentence, count=1)
    m = _OUTCOME_IN_PRESENT.search(main)
    if (
        m
        and published is not None
        and find_deadline(main, published) is not None
        and not _PAST.search(main)
        and not _NOT_FLAT.search(main)
        and not _SCHEDULED.search(main[: m.start()])
        and not re.search(
            r"\b(?:who|which|that|when|where|if|unless|until)\b", main[: m.start()], re.I
        )
        and not re.search(r"\bto\s+$", main[: m.start()])
        and not _MIND_OR_REPORT.search(main[: m.start()])
    ):
        start = len(sentence) - len(main) + m.start()
        return _matched(FLAT_PRESENT, sentence, start, start + len(m.group()), _negated(main))
    m = _ARRIVAL.search(sentence)
    if (
        m
        and not _in_subordinate_clause(sentence, m.start())
        and not _SCHEDULED.search(_clause_tail(sentence[: m.start()]))
    ):
        # "No deal is coming this year", "the end is not near"
        negated = bool(
            re.match(r"\W*(?:no|nothing|none|neither)\b", sentence, re.IGNORECASE)
            or _CLAUSE_NEGATION.search(m.group())
        )
        return _matched(ARRIVING, sentence, m.start(), m.end(), negated)
    m = _TIME_AWAY.search(sentence)
    if (
        m
        and not _in_subordinate_clause(sentence, m.start())
        and not _SCHEDULED.search(sentence[: m.start()])
    ):
        return _matched(FLAT_PRESENT, sentence, m.start(), m.end(), False)
    m = _FACES_OUTCOME.search(sentence)
    likely = lookup("likely")
    if m and likely is not None and not _in_subordinate_clause(sentence, m.start()):
        return _matched(likely, sentence, m.start(), m.end(), _negated(sentence[: m.start()]))
    m = _FADING.search(sentence)
    against = lookup("the odds are against")
    if m and against is not None and not _in_subordinate_clause(sentence, m.start()):
        return _matched(against, sentence, m.start(), m.end(), False)
    m = _END_IDIOM.search(sentence)
    if m:
        return _matched(END_IDIOM, sentence, m.start(), m.end(), False)
    if not headline:
        return None
    m = _HEADLINE_PREDICATE.match(sentence)
    entry = lookup(f"BE {m.group('word')} {m.group('prep')}") if m else None
    if m and entry is not None:  # "bound for Canary Islands" is a destination: no table entry
        return _matched(entry, sentence, m.start("word"), m.end("prep"), False)
    m = _HEADLINE_COURSE.match(sentence)
    if m:  # "Governor Coasting To Victory"
        return _matched(FLAT_PRESENT, sentence, m.start("verb"), m.end("verb"), False)
    m = _HEADLINE_INFINITIVE.match(sentence)
    if (
        m
        and published is not None
        and find_deadline(sentence, published) is not None
        and not _FINITE_IN_HEADLINE.search(sentence)
    ):  # "Robots To Replace Half Of All Truck Drivers By 2030"
        return _matched(FLAT_PRESENT, sentence, m.start("to"), m.end("to"), False)
    return None


# A title in headline case whose subject is followed by "To" and a verb, with a future time of its
# own: news style for "will" ("Solar And Electric Vehicles To Wipe Out Coal By 2020", RULES.md,
# labeller G). A noun that takes an infinitive ("Ways To Save", "Time To Act", "The Race To Win",
# "Plan To Cut Emissions By 2030") names a purpose, and a headline with a finite verb of its own ("The
# Race To Win In 2027 Starts Now") is not one: both are left alone, as is a sentence-case headline.
_HEADLINE_INFINITIVE = re.compile(
    r"^\W*(?!(?i:how|why|what|when|where|who|which|whether|if)\b)(?:[A-Z0-9][\w'’.&-]*\s+"
    r"|(?:and|of|the|a|an|in|on|for|&)\s+){0,7}[A-Z][\w'’.&-]*(?<!\bWays)(?<!\bWay)"
    r"(?<!\bTime)(?<!\bReasons)(?<!\bReason)(?<!\bThings)(?<!\bSteps)(?<!\bTips)(?<!\bGuide)"
    r"(?<!\bPlan)(?<!\bPlans)(?<!\bBid)(?<!\bRace)(?<!\bPush)(?<!\bMove)(?<!\bEffort)(?<!\bCall)"
    r"(?<!\bNeed)(?<!\bRight)(?<!\bChance)(?<!\bAttempt)(?<!\bDecision)(?<!\bVote)(?<!\bPledge)"
    r"(?<!\bPromise)(?<!\bDrive)(?<!\bFight)(?<!\bBattle)(?<!\bQuest)(?<!\bRoad)(?<!\bPath)"
    r"\s+(?P<to>To|to)\s+[A-Z][a-z]+\b"
)
_FINITE_IN_HEADLINE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|does|do|did|"
    r"starts?|begins?|ends?|says?|said)\b",
    re.IGNORECASE,
)
_COURSE_BASE = {
    "coasting": "coast", "cruising": "cruise", "sailing": "sail", "marching": "march",
    "hurtling": "hurtle", "sleepwalking": "sleepwalk", "careering": "career", "careening": "careen",
}  # fmt: skip
# A headline in the present progressive that names a course to an outcome ("Governor Coasting To
# Victory", "Europe Sleepwalking Into War"): read like an unhedged "will" (RULES.md, labeller H).
_HEADLINE_COURSE = re.compile(
    r"^\W*(?:[\w'’.,&-]+\s+){1,6}?(?P<verb>(?:"
    + "|".join(_COURSE_BASE)
    + r")\s+(?:to|towards?|into)\b)",
    re.IGNORECASE,
)


def _asserts_future(sentence: str) -> bool:
    """A main clause in the future tense ("The vote will either confirm or reverse the trend") that
    the rules did not take as a forecast: it still states no past or present fact."""
    quotes = _quoted_spans(sentence)
    for h in find_hedges(sentence):
        phrase = h.entry.phrase
        if not (phrase.startswith(("will", "won't")) or phrase in {"'ll", "shall"}):
            continue
        before = sentence[: h.start]
        if (
            any(a <= h.start < b for a, b in quotes)
            or _NOUN_WILL_BEFORE.search(before)
            or re.match(r"\s+to\b", sentence[h.end :])
            or _in_subordinate_clause(sentence, h.start)
            or _in_relative_clause(sentence, h)
            or _REPORTING.search(before)
            or _REPORT_VERB.search(before)
            or re.search(
                r"\b(?:where|when|believe|believes|think|thinks|expect|expects|hope|"
                r"hopes|fear|fears)\b",
                before,
                re.IGNORECASE,
            )
        ):
            continue
        return True
    return False


# "My prediction that AI worries would reach fever pitch did not occur", "That was my forecast that
# little would change": a prediction recalled in the past tense is reported, not made (RULES.md:
# a modal about the past). "My prediction is that X will" and "my call that X will ... stands" are
# made now and stay.
_PREDICTION_THAT = re.compile(
    r"\b(?:my|our|his|her|their|the|that|this|last\s+year['’]s)\s+(?:\w+\s+)?"
    r"(?:prediction|forecast|call|bet|guess|expectation|prophecy)\s+that\b",
    re.IGNORECASE,
)
_WAS_BEFORE = re.compile(r"\b(?:was|were)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_RECALLED_OUTCOME = re.compile(
    r"\b(?:did\s*(?:not|n['’]t)\s+(?:\w+\s+)?(?:occur|happen|materiali[sz]e|pan\s+out|come\s+true)|"
    r"(?:was|were|proved|turned\s+out)\s+(?:\w+\s+)?(?:wrong|right|correct|off|mistaken|accurate)|"
    r"came\s+true|fell\s+(?:flat|short)|missed|failed|occurred|happened|materiali[sz]ed|"
    r"panned\s+out)\b",
    re.IGNORECASE,
)


def _recalled_prediction(sentence: str, h: HedgeMatch) -> bool:
    m = _PREDICTION_THAT.search(sentence[: h.start])
    if m is None:
        return False
    return bool(
        _WAS_BEFORE.search(sentence[: m.start()]) or _RECALLED_OUTCOME.search(sentence[h.end :])
    )


def _reading(
    sentence: str,
    s: _Sentence,
    i: int,
    texts: list[str],
    sentences: list[_Sentence],
    published: date | None,
    skip: bool,
) -> Reading:
    h = _main_hedge(sentence)
    if h is not None and _recalled_prediction(sentence, h):
        h = None
    main_can = _MAIN_CAN.match(sentence) if not _is_question(sentence) else None
    if main_can is not None and _REPORT_VERB.search(sentence[: main_can.start(1)]):
        main_can = None  # "The firm said it can deliver 400 units": reported words
    generic_can = main_can is not None and bool(
        _ONE_BEFORE.search(sentence[: main_can.start(1)])
        or _I_OR_YOU_BEFORE.search(sentence[: main_can.start(1)])
        or re.search(r"\bwe\s+$", sentence[: main_can.start(1)], re.IGNORECASE)
    )  # "one can get an idea", "you can see": the writer's or reader's voice
    pick = _PICK.search(sentence)
    if (
        pick
        and (pick.group("place") or _PICK_AFTER_POSITION.match(sentence))
        and (h is None or pick.start() < h.start)
    ):
        entry = lookup("my pick")
        if entry is not None:
            h = HedgeMatch(
                entry, pick.group(1), pick.start(1), pick.end(1), False, entry.probability
            )
    chosen = _PICK_VERB.search(sentence) if not _is_question(sentence) else None
    if (
        chosen
        and (chosen.group("to") or not chosen.group("past"))
        and not (chosen.group("past") and _past_year(sentence, published))
        and (h is None or chosen.start() <= h.start)
        and (entry := lookup("my pick")) is not None
    ):
        # "I picked Peru to upset Argentina", "I'm going to say Uruguay": the author's pick
        h = HedgeMatch(
            entry, chosen.group(1), chosen.start(1), chosen.end(1), False, entry.probability
        )
    stated = _STATED_PICK.search(sentence) if not _is_question(sentence) else None
    if (
        stated
        and (h is None or stated.start() <= h.start)
        and (entry := lookup("my pick")) is not None
    ):
        # "My prediction for the Greens is 40 seats", "I'm calling 12 for the Greens"
        g = "my" if stated.group("my") else "call"
        h = HedgeMatch(
            entry, stated.group(g), stated.start(g), stated.end(g), False, entry.probability
        )
    if (
        h is None
        and main_can is not None
        and re.match(r"\W*(?:neither|no|nobody|none|nothing)\b", sentence, re.IGNORECASE)
        and (_OUTCOME_VERB.match(sentence[main_can.end(1) :]) or _FUTURE_TIME.search(sentence))
        and (cannot := lookup("cannot")) is not None
    ):
        # "Neither side can win this war", "No party can govern alone": "can" under a negative
        # subject rules the outcome out, as "cannot" does.
        h = HedgeMatch(cannot, main_can.group(1), main_can.start(1), main_can.end(1), False, 0.05)
    if h is None and not _is_question(sentence):
        h = _size_hedge(sentence)
    if h is None and main_can is not None and not generic_can:
        after_can = sentence[main_can.end(1) :]
        if _FUTURE_TIME.search(after_can) or find_deadline(after_can, published) is not None:
            h = HedgeMatch(
                CAN_ABOUT_THE_FUTURE,
                main_can.group(1),
                main_can.start(1),
                main_can.end(1),
                False,
                0.45,
            )
    if h is None and not _is_question(sentence):
        # a title or a standfirst line: no closing stop, at most 14 words
        headline_like = not sentence.rstrip("”\"')").endswith((".", "!", "?", ":")) and (
            len(sentence.split()) <= 14
        )
        h = _future_without_modal(sentence, headline_like, published)
    reported = h is not None and _is_reported(sentence, h)
    # "The plan, which will cost $5bn, was announced on Monday": the modal sits in a relative clause
    # or an aside, and the main clause states a fact with strong evidence.
    if h is not None and not reported and _factual_score(sentence) >= STRONG_FACT:
        asides = [m.span() for m in _PARENTHETICAL.finditer(sentence)]
        if _in_relative_clause(sentence, h) or any(a <= h.start < b for a, b in asides):
            reported = True
    unowned = reported and h is not None and _unowned_position(sentence, h)
    all_hedges = find_hedges(sentence)
    nxt = texts[i + 1] if i + 1 < len(texts) else ""
    prev = texts[i - 1] if i > 0 else ""
    question = _is_question(sentence)
    fscore = _factual_score(sentence)
    speculative = h is None and _speculative(sentence)
    # A sentence that opens with someone's words ("“It's going to come back to bite us.”") reports
    # what was said: checkable. A scare-quoted word or title does not count.
    spans = _quoted_spans(sentence.lstrip())
    quoted = bool(spans) and spans[0][0] == 0 and len(sentence.lstrip()[: spans[0][1]].split()) >= 4
    deadline = find_deadline(sentence, published)
    rule: dict[str, object] = {
        "hedge": (h.entry.phrase if h else ""),
        "hedge_p": (f"{h.probability:.1f}" if h else ""),
        "hedge_any": bool(all_hedges),
        "hedge_unusable": bool(all_hedges) and h is None,
        "hedge_reported": reported,
        "hedge_negated": bool(h and h.negated),
        "hedge_subordinate": bool(h and _in_subordinate_clause(sentence, h.start)),
        "hedge_quoted": bool(h and any(a <= h.start < b for a, b in _quoted_spans(sentence))),
        "fscore": max(-3, min(6, fscore)),
        "rules": (
            "forecast"
            if h is not None and not reported
            else "none"
            if unowned
            else "factual"
            if h is not None
            or (
                fscore >= FACTUAL_THRESHOLD
                and not speculative
                and main_can is None
                and not _MIND_MAIN_VERB.match(sentence)
                and not _asserts_future(sentence)
            )
            or quoted
            else "none"
        ),
        "question": question,
        "answered": question
        and (
            # Another question is not an answer: "Will rates rise? Will inflation fall?" lists
            # open questions.
            (_is_answer(nxt) and len(nxt.split()) <= 12 and not _is_question(nxt))
            # "Why would the world tip into recession? Because ...": the event is presupposed.
            or bool(_WHY.match(sentence) and re.match(r"\W*because\b", nxt, re.IGNORECASE))
        ),
        "answer": _is_question(prev) and _is_answer(sentence),
        # "Does anyone really think X will ...? Or that Y will ...?": asked so that the answer is no
        "rhetorical": question and bool(re.match(_RHETORICAL_DOUBT, sentence, re.IGNORECASE)),
        "rhetorical_or": question
        and _is_question(prev)
        and bool(re.match(r"\W*or\s+that\b", sentence, re.IGNORECASE))
        and bool(re.match(_RHETORICAL_DOUBT, prev, re.IGNORECASE)),
        "headline": _is_headline(sentence),
        "deadline": deadline is not None,
        "past_time": bool(_PAST_TIME.search(sentence)),
        "future_word": bool(_FUTURE_WORD.search(sentence)),
        "quote_open": sentence.lstrip()[:1] in '“"',
        "has_quote": bool(_QUOTE.search(sentence)),
        "disbelief": bool(_DISBELIEF.search(sentence)),
        "negated": _negated(sentence),
        "first_person": bool(_FIRST_PERSON.search(sentence)),
        "para_start": i == 0 or sentences[i - 1].paragraph != s.paragraph,
        **_fact_evidence(sentence),
    }
    return Reading(sentence, s.start, s.end, i, skip, h, reported, rule, nxt)


_LEFT_OPEN = re.compile(
    r"\b(?:remains?|is|are)\s+(?:yet\s+)?(?:to\s+be\s+seen|unclear|an\s+open\s+question|"
    r"anyone['’]s\s+guess|up\s+in\s+the\s+air)\W*$",
    re.IGNORECASE,
)


# "Here are my predictions for 2024:", "Seven predictions for the world of technology", "My
# prediction for the seats X would likely get": a heading that announces forecasts made below, not
# one itself (a list heading, neither). "My prediction for X is 258 seats" states one and is left.
# A fronted phrase ("In keeping with habit, here are ..."), a kicker before a colon ("Sport in 2027: 6
# predictions for ...") or "predictions based on" announce the same (round 10).
_ANNOUNCED_PREDICTIONS = re.compile(
    r"^\W*(?:[^\W\d][^,:;–—]{0,50}:\s+(?=\d))?"
    r"(?:(?:so|and|now|ok|okay)\s*[,–—]?\s+)*(?:(?:here|below)\s*(?:['’]s|\s+(?:are|is))\s+|"
    r"(?:(?:with|in)\s+[^,:;]{1,60}?\s*[,–—]\s*)+(?:here|below)\s*(?:['’]s|\s+(?:are|is))\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?:predictions?|forecasts?|picks|prophecies|calls)\s+"
    r"(?:for|about|on|based\s+on)\b"
    r"(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_LINKED_VALUE = re.compile(r"^\s*[^,;:]{0,60}?\s(?:is|are|was|were)\s", re.IGNORECASE)


def _announces_predictions(sentence: str) -> bool:
    m = _ANNOUNCED_PREDICTIONS.match(sentence)
    if m is None or len(sentence[: m.start("rest")].split()) > 20 or len(sentence.split()) > 35:
        return False
    here = re.search(
        r"^\W*(?:\w+\s*,?\s+)?(?:here|below)\b|[,–—]\s*(?:here|below)\s", sentence, re.I
    )
    # "Analysts made similar predictions on Monday": a report, with a verb before the noun
    opener = sentence[: m.start("rest")].lower()
    if not here and re.search(r"\b(?:made|make|makes|issued|published|gave|say|said)\b", opener):
        return False
    if re.search(r"(?::|\s[—–-])\s*(?:\S+\s+){2,}\S", m.group("rest")):
        # "Our prediction for the season is simple: Leinster will win", "my picks — Brazil will win"
        return False
    return bool(here) or not _LINKED_VALUE.match(m.group("rest"))


def _kind(r: Reading) -> str | None:
    """forecast, factual or None, by the rules (bench/sentence_classifier_cv.py compares them with a
    classifier trained on the tune labels: it did not do better)."""
    if r.rule.get("listed") or r.rule.get("pick") or r.rule.get("endorsed") or r.rule.get("odds"):
        return "forecast"
    if r.skip:
        return None
    if r.rule["question"]:
        # A question answered at once is the author's forecast; others assert nothing.
        future = (
            find_hedges(r.sentence)
            or _MODAL_QUESTION.match(r.sentence)
            or _INVERTED_FUTURE.search(r.sentence)
        )
        asked_to_deny = r.rule.get("rhetorical") or r.rule.get("rhetorical_or")
        return "forecast" if (r.rule["answered"] or asked_to_deny) and future else None
    if _announces_predictions(r.sentence):
        return None  # "Here are my predictions for 2024:": a list heading
    if r.rule["answer"] and len(r.sentence.split()) <= 5:
        return None  # "No." / "Probably not.": the question before it carries the forecast
    if _LEFT_OPEN.search(r.sentence):
        return None  # "Whether X will happen remains to be seen.": asserts nothing either way
    rules = r.rule["rules"]
    return None if rules == "none" else str(rules)


def extract(text: str, published: date | None = None) -> list[Candidate]:
    """Propose the forecast and factual sentences of an article, in reading order."""
    sentences = _split(text)
    readings = read_sentences(text, published, sentences)
    found: list[Candidate] = []
    for r in readings:
        kind = _kind(r)
        if kind is None:
            continue
        found.append(_candidate(r, kind, sentences, text, published))
    return found


# How far ahead a forecast without a time phrase is judged: documented in the README.
DEFAULT_HORIZON_DAYS = 365

# "Little will change", "Not much will come of it", "Few will notice": a scant quantity as the subject.
_SCANT_SUBJECT = (
    r"(?:^|\b(?:but|and|so|yet)\s+)\W*(?:very\s+|precious\s+)?(?:little|few|not\s+(?:much|many)|"
    r"hardly\s+any(?:one|thing|body)?|scarcely\s+any(?:one|thing|body)?)\s+$"
)
_SCEPTICAL = (
    r"\b(?:sceptical|skeptical|unconvinced|dubious)\b|\bnot\s+(?:\w+\s+)?convinced\b"
    r"|\bha(?:ve|s)\s+(?:my|our|his|her|their|serious|grave|real|some)\s+doubts\b"
)
# "Does anyone seriously believe the junta will hold elections?", "Who really thinks the truce will
# last?": a question whose answer is "nobody" denies the event it names.
_RHETORICAL_DOUBT = (
    r"^\W*(?:(?:and|but|so)\s+)?(?:(?:does|do|did|can|could|would|will)\s+(?:any|anyone|anybody)\b"
    r"(?:\s+\w+){0,3}?\s+(?:(?:really|seriously|honestly|still|actually)\s+)?"
    r"(?:believe|think|expect|imagine|suppose)|who\s+(?:(?:really|seriously|honestly|still|"
    r"actually)\s+)?(?:believes|thinks|expects|imagines|supposes))\b"
)
# "Washington has no confidence Putin will accept", "I do not believe they will": a negated frame
# in the same clause turns the hedged event around.
_NEGATED_FRAME = re.compile(
    r"(?:\b(?:no|little|scant|zero)\s+(?:\w+\s+){0,2}?(?:confidence|sign|signs|reason|evidence|"
    r"indication|hope|guarantee|prospect|expectation|likelihood)\b"
    r"|\b(?:do|does|did)\s*(?:not|n't)\s+(?:\w+\s+)?(?:believe|think|see|imagine|expect)\b"
    r"|\b(?:neither|nobody|no\s+one|none|nothing)\b"
    r"|\b(?:not|far\s+from)\s+(?:\w+\s+)?(?:certain|clear|sure|obvious)\b"
    # "I'm sceptical the deal will survive", "I have my doubts that the truce will hold"
    r"|" + _SCEPTICAL + r"|" + _RHETORICAL_DOUBT + r"|" + _SCANT_SUBJECT + r")[^,;:.?!]*$",
    re.IGNORECASE,
)
# Negation inside the clause a "that"-hedge governs: "We are certain that the Kremlin is not interested".
_INNER_NEGATION = re.compile(
    r"^\s+that\s+(?P<span>[^,;:]{0,80}?)(?:\b(?:not|never|no\s+longer|no)\b|n't\b)", re.IGNORECASE
)
# "I expect the court will rule that the law does not apply", "we expect X will confirm it won't
# sell": a negation inside a clause nested in the judged one (after a second "that", or after a
# modal that already has its own verb) belongs to the nested clause, not to the judged event.
_NESTED_CLAUSE = re.compile(
    r"\b(?:that|whether)\b|\b(?:will|would|shall|should|can|could|may|might|must)\s+"
    r"(?!not\b|never\b|no\s+longer\b)[a-z]\w*\s",
    re.IGNORECASE,
)


def _inner_negation(rest: str) -> bool:
    """Whether the clause a frame judges ("that X won't ...") is itself negated, in its own verb group:
    the modal the question is drafted from is negated, or a negation comes before any nested clause."""
    m = _INNER_NEGATION.match(rest)
    if not m:
        return False
    main = _main_hedge(_strip_end(_cut(re.sub(r"^\s+that\s+", "", rest))))
    if main is not None and (main.negated or _CLAUSE_NEGATION.search(main.text)):
        return True
    return not _NESTED_CLAUSE.search(m.group("span"))


# Hedges that open a clause the author judges, with "that" left out ("odds are the vote fails").
_CLAUSE_FRAMES = frozenset(
    {"chances are", "odds are", "my bet is", "my prediction is", "my forecast is", "i'd bet",
     "i would bet", "i'd wager", "i would wager", "i'm betting", "i am betting", "i believe",
     "we believe", "i doubt", "we doubt", "expect", "we expect", "i expect"}
)  # fmt: skip
_ANSWER_NO = re.compile(
    r"^\W*(?:no|not|never|hardly|nope|far\s+from\s+it|doubtful)\b", re.IGNORECASE
)
_ANSWER_YES = re.compile(r"^\W*(?:yes|yes,|certainly|absolutely|surely|of course)\b", re.I)


_POSSIBILITY_ADVERB = re.compile(r"perhaps|maybe|possibly|potentially", re.IGNORECASE)
_CLAUSE_NEGATION = re.compile(r"\b(?:not|never|no\s+longer)\b|n['’]t\b", re.IGNORECASE)
_NOT_FAR = re.compile(
    r"^\s+(?:be\s+)?(?:too\s+|very\s+|that\s+)?far\s+(?:behind|off|away)\b"
    # "It won't be long before the money runs out": soon, not never
    r"|^\s+(?:be\s+)?(?:too\s+|very\s+)?long\s+(?:before|until|till)\b",
    re.I,
)
_NAMED_POSSIBILITY = re.compile(
    r"\b(?:danger|risk|possibility|chance|threat|worry|fear|concern)\b[^,;:.?!]{0,40}?\b(?:is|was)\s+"
    r"that\s+[^,;:]*$",
    re.IGNORECASE,
)


_DOUBTING_MIND = re.compile(
    r"(?:do|does|did)\s*(?:not|n't)\s+(?:\w+\s+)?(?:believe|think|see|imagine|expect)\b|"
    + _SCEPTICAL,
    re.I,
)
_FLAT_FUTURE = {
    "will", "'ll", "shall", "BE going to", "'re going to", "'s going to", "'m going to",
    "will not", "won't", "shall not", "BE not going to", "isn't going to", "aren't going to",
    "'re not going to", "'s not going to", "BE yet to come", "further to fall", "farther to fall",
    "further to rise", "further to go", "farther to go", "further to run",
}  # fmt: skip
_EVIDENCE_SUGGESTS = re.compile(
    r"\b(?:suggest|suggests|suggested|indicate|indicates|point\s+to|points\s+to)\s+(?:that\s+)?"
    r"[^,;:]{0,80}$",
    re.IGNORECASE,
)


def _clause_after(sentence: str, at: int) -> str:
    """The rest of the clause that starts at `at` (up to the next clause break)."""
    m = _CLAUSE_BREAK.search(sentence, at + 1)
    return sentence[at : m.start() if m else len(sentence)]


def _polarity(sentence: str, h: HedgeMatch | None, answer: str) -> tuple[float, str, str | None]:
    """(probability of the positively phrased event, direction, hedge text) of a forecast sentence."""
    if answer:
        # "Will peace follow? No." — the answer carries the judgement.
        found = find_hedges(answer)
        if found:
            return found[0].probability, found[0].direction, found[0].text
        if _ANSWER_NO.match(answer):
            return 0.1, "denies", answer.strip().split()[0].strip(".,!")
        return 0.9, "affirms", answer.strip().split()[0].strip(".,!")
    if h is None:
        # A flat statement about the future reads like an unhedged "will" ("will not").
        negated = _negated(sentence)
        return (0.1, "denies", None) if negated else (0.9, "affirms", None)
    probability = h.probability
    negated = h.negated
    # "they'll probably be able", "would likely accept": the adverb after the modal sets the odds.
    adverb = next((a for a in find_hedges(sentence) if a.start > h.start), None)
    if (
        adverb is not None
        and h.entry.phrase in {"will", "'ll", "would", "shall"}
        and not sentence[h.end : adverb.start].strip()
        and _ADVERB_HEDGE.match(adverb.entry.phrase)
    ):
        probability, negated = adverb.probability, adverb.negated
        end = adverb.end
        h = HedgeMatch(adverb.entry, sentence[h.start : end], h.start, end, negated, probability)
    flip = False
    before = sentence[: h.start]
    # "The flawed assumption is that a ceasefire would bring peace" argues the opposite.
    if _DISBELIEF.search(before):
        flip = True
    plain = _PARENTHETICAL.sub(" ", before)
    clause = plain[([0] + [m.end() for m in _CLAUSE_BREAK.finditer(plain)])[-1] :]
    frame = _NEGATED_FRAME.search(clause.replace("’", "'"))
    # "I don't see anyone else will partner with them", "I do not think the truce will hold": a
    # flat future under a doubting mind reads like "don't expect" (0.25; RULES.md, labeller D).
    doubt = bool(frame and _DOUBTING_MIND.match(frame.group()) and h.entry.phrase in _FLAT_FUTURE)
    if frame and not h.negated and h.entry.probability >= 0.5:
        flip = not flip
    # "hard to imagine that X won't", "it is unlikely that X will not": the that-clause's own
    # negation turns the event around, as in "certain that X is not".
    # "Chances are the truce won't last", "I'd bet the deal doesn't survive": the same for a frame
    # whose clause follows without "that".
    bare_clause = h.entry.phrase in _CLAUSE_FRAMES and not re.match(r"\s+that\b", sentence[h.end :])
    if (
        h.entry.phrase.endswith("that")
        or bare_clause
        or h.text.lower().endswith("certain")
        or (h.entry.probability != 0.5 and re.match(r"\s+that\b", sentence[h.end :]))
    ) and (
        _inner_negation(" that " + sentence[h.end :].replace("’", "'"))
        if h.entry.phrase.endswith("that") or bare_clause
        else _inner_negation(sentence[h.end :].replace("’", "'"))
    ):
        flip = not flip
    # "Perhaps they won't return", "Or maybe they're not": an adverb of possibility over a negated
    # clause hedges the negation.
    if (
        _POSSIBILITY_ADVERB.fullmatch(h.entry.phrase)
        and not h.negated
        and _CLAUSE_NEGATION.search(_clause_after(sentence, h.end))
    ):
        flip = not flip
    # "won't be far behind", "isn't far off": litotes for "will soon follow".
    if (
        h.probability < 0.5
        and _CLAUSE_NEGATION.search(h.text)
        and _NOT_FAR.match(sentence[h.end :])
    ):
        flip = not flip
    # "The real danger is that inflation will return", "a possibility is that X will": the author
    # names a possibility, read like "a real possibility" (0.45).
    if (
        h.entry.phrase in {"will", "'ll", "would", "won't", "will not"}
        or "going to" in h.entry.phrase
    ) and _NAMED_POSSIBILITY.search(before):
        probability = 0.45 if probability >= 0.5 else 0.55
    # "Falling wholesale prices suggest that retail prices will fall further": a forecast the author
    # draws from evidence, read like "evidence points to" (0.68; RULES.md, labeller E).
    elif h.entry.phrase in _FLAT_FUTURE and _EVIDENCE_SUGGESTS.search(before):
        probability = 0.68 if probability >= 0.5 else 0.32
    if flip:
        probability = round(1.0 - probability, 4)
        negated = not negated
        if doubt:
            probability = 0.25
    return probability, hedge_direction(h.entry, negated), h.text


def _candidate(
    r: Reading, kind: str, sentences: list[_Sentence], text: str, published: date | None
) -> Candidate:
    sentence = r.sentence
    if kind == "factual":
        return Candidate(
            sentence=sentence,
            kind="factual",
            hedge=None,
            direction="denies" if _negated(sentence) else "affirms",
            probability=None,
            deadline=None,
            question=_factual_question(sentence, text),
            start=r.start,
            end=r.end,
        )
    h = r.hedge or next(iter(find_hedges(sentence)), None)
    endorsed = r.rule.get("endorsed")
    if isinstance(endorsed, str):
        # "I agree with that": the endorsed prediction is what is read and asked
        # from the reported clause on ("He said the dam would hold" -> "the dam would hold")
        frames = list(_ENDORSED_FRAME.finditer(endorsed))
        tail = endorsed[frames[-1].end() :] if frames else ""
        sentence = tail[:1].upper() + tail[1:] if find_hedges(tail) else endorsed
        h = _main_hedge(sentence) or next(iter(find_hedges(sentence)), None)
    why = bool(_WHY.match(sentence))
    answer = r.next_sentence if r.rule["answered"] and not why else ""
    probability, direction, hedge_text = _polarity(sentence, h, answer)
    if isinstance(odds := r.rule.get("odds"), float):
        # the author's own odds in brackets: "(90%)"
        probability, direction, hedge_text = odds, "affirms", f"({round(odds * 100)}%)"
    elif r.rule.get("listed"):
        probability, direction, hedge_text = 0.75, "affirms", None  # a listed point prediction
    elif r.rule.get("pick"):
        # a pick in the plain present: "expect", or "don't expect" when its main verb is negated
        negated = bool(re.search(r"\b(?:does|do)\s+not\b|\b(?:does|do)n['’]t\b", sentence, re.I))
        probability, direction, hedge_text = (
            (0.25, "denies", None) if negated else (0.75, "affirms", None)
        )
    if r.rule.get("rhetorical_or") and direction == "affirms":
        # "Or that Y will ...?" after "Does anyone think X will ...?": the same "nobody" answers it
        probability, direction = round(1.0 - probability, 4), "denies"
    asked = r.sentence
    rebuilt = correlative_sentence(sentence)
    if rebuilt and (inner := _main_hedge(rebuilt)) is not None:
        # "The longer X, the more likely Y": asked as "Will Y ... if X longer?"
        sentence, h = rebuilt, inner
    condition = condition_of(sentence, h)
    deadline = _deadline_near(sentence, condition, published)
    basis = "stated" if deadline else None
    if deadline is None and published is not None:
        deadline = published + timedelta(days=DEFAULT_HORIZON_DAYS)
        basis = "default"
    # "(That's why Bibi will stay free).": the brackets are layout.
    bare = re.sub(r"^\((.*)\)\W*$", r"\1", sentence) if sentence.startswith("(") else sentence
    if bare != sentence:
        h = _main_hedge(bare) or h
    opener = _clause_opener(sentence, h)
    if r.rule["question"]:
        question = _asked_question(sentence, deadline, published)
    elif opener:
        # "On current trends, the party loses half its seats": the clause after the opener is asked
        question = _flat_question(sentence[opener:].lstrip(" ,:"), deadline, text)
    elif h is not None:
        question = _forecast_question(bare, h, deadline, text, published)
    else:
        question = _flat_question(sentence, deadline, text)
    if condition and condition.lower() not in question.lower():
        question = question[:-1] + f" {condition[0].lower()}{condition[1:]}?"
    if condition:
        # "Will the factory close ... if no deal went through?": the question asks in the present
        present = present_condition(condition)
        at = question.lower().rfind(condition.lower())
        if present != condition and at >= 0:
            question = (
                question[:at] + present[0].lower() + present[1:] + question[at + len(condition) :]
            )
            condition = present
    return Candidate(
        sentence=asked,
        kind="forecast",
        hedge=hedge_text,
        direction=direction,
        probability=probability,
        deadline=deadline,
        question=question,
        start=r.start,
        end=r.end,
        condition=condition,
        deadline_basis=basis,
        note=draft_note(question)
        or earlier_condition_note(asked, condition)
        or long_run_note(sentence, basis)
        or (noun_content_note(sentence, h.start) if h is not None else None)
        or (unmarked_clause_note(sentence, h.start) if h is not None else None)
        or gate_note(bare, question, h.text if h else None, h.start if h else None, condition),
    )


def _clause_opener(sentence: str, h: HedgeMatch | None) -> int:
    """Where the clause starts after an opener that carries the forecast ("Next year,", "On current
    trends,", "I predict that", "My prediction:"), or 0 when the hedge is no such opener."""
    if h is None:
        return 0
    for opener in (_FUTURE_OPENER, _PROJECTION_OPENER, _OWN_EXPECTATION, _PREDICTION_LABEL):
        m = opener.match(sentence)
        if m and h.start <= m.start() + 3 and h.end <= m.end():
            return m.end()
    return 0


def _asked_question(sentence: str, deadline: date | None, published: date | None) -> str:
    """The author's own question, answered in the next sentence: "Will peace follow?" + deadline;
    "Why would the world tip into recession?" asks "Will the world tip into recession?"."""
    inverted = re.match(r"^\W*why\s+\w+\s+(.+)$", sentence.strip(), re.IGNORECASE)
    if inverted and _WHY.match(sentence):
        sentence = "Will " + inverted.group(1)
    body = _strip_end(_DISCOURSE.sub("", sentence.strip()))
    body = body[0].upper() + body[1:]
    body = _drop_time_phrase(body, deadline, published)
    return f"{body}{f' by {deadline.isoformat()}' if deadline else ''}?"


def _flat_question(sentence: str, deadline: date | None, article: str) -> str:
    by = f" by {deadline.isoformat()}" if deadline else ""
    return f"Will it turn out{by} that {_lower_first(_strip_end(_DISCOURSE.sub('', sentence)), article)}?"
