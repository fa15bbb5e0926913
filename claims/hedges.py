"""The hedge table (phrase → probability with sources) and parsing of user-given probabilities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

# Median reading (as a fraction) of each phrase in the "perceptions" survey by Zonination
# (https://github.com/zonination/perceptions, file probly.csv: 46 Reddit respondents were asked
# "what probability would you assign to the phrase ...", one column per phrase). Computed from
# the CSV shipped in tests/data/probly.csv; tests/test_hedges.py recomputes and checks them.
PROBLY_MEDIANS: dict[str, float] = {
    "Almost Certainly": 0.95,
    "Highly Likely": 0.90,
    "Very Good Chance": 0.80,
    "Probable": 0.70,
    "Likely": 0.70,
    "Probably": 0.75,
    "We Believe": 0.70,
    "Better Than Even": 0.60,
    "About Even": 0.50,
    "We Doubt": 0.25,
    "Improbable": 0.15,
    "Unlikely": 0.20,
    "Probably Not": 0.265,
    "Little Chance": 0.15,
    "Almost No Chance": 0.02,
    "Highly Unlikely": 0.05,
    "Chances Are Slight": 0.10,
}

# Bands of Intelligence Community Directive 203 "Analytic Standards" (ODNI, 2015), section
# D.6.b(2)(a): the words analysts must use and the probability range each stands for.
ICD_203_BANDS: dict[str, tuple[float, float]] = {
    "almost no chance": (0.01, 0.05),
    "very unlikely": (0.05, 0.20),
    "unlikely": (0.20, 0.45),
    "roughly even chance": (0.45, 0.55),
    "likely": (0.55, 0.80),
    "very likely": (0.80, 0.95),
    "almost certain": (0.95, 0.99),
}


@dataclass(frozen=True)
class HedgeEntry:
    """One phrase of the table: how probable the author makes the event the sentence names."""

    phrase: str
    probability: float
    low: float
    high: float
    source: str


@dataclass(frozen=True)
class ParsedProbability:
    probability: float
    basis: str  # "stated" for numbers and percentages, "hedge" for phrases
    hedge: str | None


@dataclass(frozen=True)
class HedgeMatch:
    """A hedge found in a sentence; `probability` already accounts for a negator after it."""

    entry: HedgeEntry
    text: str
    start: int
    end: int
    negated: bool
    probability: float

    @property
    def direction(self) -> str:
        return direction(self.entry, self.negated)


def direction(entry: HedgeEntry, negated: bool) -> str:
    """ "denies" when the phrase itself is negative ("unlikely") or a negator follows it.

    "could" (0.45) still affirms: the author raises the event as possible, not ruled out.
    """
    negative = entry.probability < 0.4
    return "denies" if negative != negated else "affirms"


def _probly(column: str, band: str, *phrases: str) -> list[HedgeEntry]:
    low, high = ICD_203_BANDS[band]
    source = f'probly median "{column}" (Zonination perceptions); ICD 203 band "{band}"'
    return [HedgeEntry(p, PROBLY_MEDIANS[column], low, high, source) for p in phrases]


def _default(probability: float, band: str, why: str, *phrases: str) -> list[HedgeEntry]:
    low, high = ICD_203_BANDS[band]
    source = f'project default: {why}; ICD 203 band "{band}"'
    return [HedgeEntry(p, probability, low, high, source) for p in phrases]


# Phrases are matched case-insensitively on word boundaries, longest first, so "will almost
# certainly" wins over "will". "BE" stands for any form of "to be" (is/are/was/seems/remains...).
HEDGES: tuple[HedgeEntry, ...] = tuple(
    _probly(
        "Almost Certainly",
        "almost certain",
        "almost certainly",
        "will almost certainly",
        "almost certainly will",
        "BE almost certain to",
        "BE almost certain",
        "BE virtually certain",
        "BE almost sure to",
        "BE all but sure to",
        "it is almost certain that",
        "all but certain",
    )
    + _probly(
        "Highly Likely",
        "very likely",
        "highly likely",
        "BE highly likely to",
        "BE very likely to",
        "will very likely",
        "will most likely",
        "would most likely",
        "would very likely",
        "most likely",
        "in all likelihood",
        "in all probability",
        "likeliest",
    )
    + _probly("Very Good Chance", "very likely", "very good chance", "a very good chance")
    + _probly("Probable", "likely", "probable", "it is probable that")
    + _probly(
        "Likely",
        "likely",
        "likely",
        "BE likely to",
        "will likely",
        "would likely",
        "likely will",
        "it is likely that",
        "increasingly likely",
    )
    + _probly("Probably", "likely", "probably", "will probably", "probably will", "would probably")
    + _probly("We Believe", "likely", "we believe", "i believe")
    + _probly("Better Than Even", "roughly even chance", "better than even", "more likely than not")
    + _probly(
        "About Even",
        "roughly even chance",
        "about even",
        "even chance",
        "roughly even chance",
        "fifty-fifty",
        "a toss-up",
        "toss-up",
        "roughly even",
        "50-50",
        "50/50",
        "evens",
        "coin flip",
        "a coin flip",
    )
    + _probly("We Doubt", "unlikely", "we doubt", "i doubt", "doubtful", "it is doubtful that")
    + _probly("Improbable", "very unlikely", "improbable", "it is improbable that")
    + _probly(
        "Unlikely",
        "unlikely",
        "unlikely",
        "BE unlikely to",
        "it is unlikely that",
        "increasingly unlikely",
        "seems unlikely",
    )
    + _probly(
        "Probably Not",
        "unlikely",
        "probably not",
        "probably won't",
        "probably will not",
        "will probably not",
    )
    + _probly(
        "Little Chance",
        "very unlikely",
        "little chance",
        "small chance",
        "little prospect",
        "little hope of",
        "little hope that",
        "an outside chance",
        "an outside shot",
        "BE a long shot",
    )
    + _probly(
        "Almost No Chance",
        "almost no chance",
        "almost no chance",
        "vanishingly small",
    )
    + _probly(
        "Highly Unlikely",
        "very unlikely",
        "highly unlikely",
        "very unlikely",
        "extremely unlikely",
        "BE highly unlikely to",
        "BE very unlikely to",
    )
    + _probly(
        "Chances Are Slight",
        "very unlikely",
        "chances are slight",
        "slight chance",
        "slim chance",
        "chances are slim",
    )
    + _default(
        0.97,
        "almost certain",
        "words of certainty have no survey column; midpoint of the band",
        "certainly",
        "will certainly",
        "definitely",
        "will definitely",
        "will inevitably",
        "would inevitably",
        "would certainly",
        "would definitely",
        "would surely",
        "will surely",
        "inevitably",
        "BE sure to",
        "there is no doubt that",
        "undoubtedly",
    )
    + _default(
        0.95,
        "almost certain",
        "labelling rules (bench/data/extraction/RULES.md): an outcome called certain or "
        "unavoidable, read like 'almost certainly'",
        "BE certain to",
        "BE certain that",
        "we are certain",
        "i am certain",
        "it is certain that",
        "BE bound to",
        "BE doomed to",
        "BE doomed",
        "doomed to",
        "bound to",
        "BE destined to",
        "BE predestined to",
        "predestined to",
        "only a matter of time",
        "only a question of time",
        "BE a matter of time",
        "BE just a matter of time",
        "a matter of time before",
        "a question of when, not if",
        "a question of when, not whether",
        "not a question of if, but when",
        "not a question of if but when",
        "not a matter of if, but when",
        "not a matter of if but when",
        "a matter of when, not if",
        "not if but when",
        "not if, but when",
        "BE a foregone conclusion",
        "BE guaranteed to",
        "BE all but guaranteed",
        "BE all but assured",
    )
    + _default(
        0.95,
        "almost certain",
        "labelling rules: an outcome called a certainty or a destination reads like 'certain' / "
        "'destined to'",
        "BE a certainty",
        "BE a near certainty",
        "BE a virtual certainty",
        "BE all but locked in",
        "BE a shoo-in",
        "BE toast",
        "BE destined for",
        "not whether but when",
        "not whether, but when",
        "when, not whether",
        "when, not if",
    )
    + _default(
        0.97,
        "almost certain",
        "labelling rules: 'inevitable' reads like the table's 'inevitably'",
        "BE inevitable",
        "BE all but inevitable",
        "BE unavoidable",
        "BE all but unavoidable",
        "BE irreversible",
    )
    + _default(
        0.12,
        "very unlikely",
        "labelling rules: the ICD 203 band's midpoint for a phrase with no survey column",
        "highly doubtful",
        "very doubtful",
    )
    + _default(
        0.88,
        "very likely",
        "labelling rules: the ICD 203 band's midpoint for a phrase with no survey column",
        "every reason to expect",
        "every reason to anticipate",
        "every reason to believe",
    )
    + _default(
        0.7,
        "likely",
        "labelling rules: an actor who 'stands to' gain or lose is said to be likely to, read like "
        "'likely'",
        "stands to gain",
        "stands to lose",
        "stand to gain",
        "stand to lose",
        "stands to benefit",
        "stand to benefit",
    )
    + _default(
        0.6,
        "likely",
        "labelling rules (RULES.md, labellers D and F): 'best guess' and 'I guess' read as better "
        "than even",
        "my best guess is that",
        "my best guess is",
        "best guess is that",
        "i guess",
    )
    + _default(
        0.68,
        "likely",
        "labelling rules (RULES.md, labellers D and F): 'one suspects', 'is not wishful thinking', "
        "'is not a dream' take the ICD 203 'likely' midpoint",
        "one suspects",
        "i suspect",
        "we suspect",
        "BE not wishful thinking",
        "BE no wishful thinking",
        "BE not a dream",
        "BE not a pipe dream",
        "BE no pipe dream",
    )
    + _default(
        0.88,
        "very likely",
        "labelling rules (RULES.md, labeller F): 'there is little to stop X', 'little doubt' take the "
        "ICD 203 'very likely' midpoint",
        "there is little to stop",
        "there is nothing to stop",
        "there is little doubt that",
        "i have little doubt that",
    )
    + _default(
        0.95,
        "almost certain",
        "labelling rules (RULES.md, labellers A and F): 'I have no doubt that' and 'that much is "
        "certain' read like 'certain'",
        "i have no doubt that",
        "we have no doubt that",
        "that much is certain",
        "this much is certain",
    )
    + _default(
        0.32,
        "unlikely",
        "labelling rules (RULES.md, labellers A and F): 'does not look like' and 'we'll be lucky' take "
        "the ICD 203 'unlikely' midpoint",
        "does not look like it",
        "doesn't look like it",
        "does not look like they",
        "doesn't look like they",
        "does not look like there",
        "doesn't look like there",
        "does not look as if",
        "doesn't look as if",
        "we'll be lucky",
        "we will be lucky",
        "we'd be lucky",
        "we would be lucky",
        "will be lucky to",
        "would be lucky to",
        "'ll be lucky to",
        "'d be lucky to",
    )
    + _default(
        0.75,
        "likely",
        "labelling rules (RULES.md, labeller A): an impersonal 'is anticipated' reads like 'expect'",
        "BE anticipated to",
    )
    + _default(
        0.68,
        "likely",
        "labelling rules: the ICD 203 band's midpoint for a phrase with no survey column",
        "a good chance",
        "a strong chance",
        "a high chance",
        "a good bet that",
        "has every incentive to",
        "have every incentive to",
        "the smart bet is",
        "the smart money is on",
        "BE a good bet",
        "a strong possibility",
        "a good possibility",
        "a decent chance",
        "a fair chance",
        "a reasonable chance",
        "a good shot at",
        "a real shot at",
        "a decent shot at",
        "chances are",
        "odds are",
        "the odds favour",
        "the odds favor",
        "BE on the cards",
        "BE in the cards",
        "BE in the offing",
        "odds favour",
        "odds favor",
        # "Brazil are favourites to win", "she is the clear favourite to succeed him"
        *(
            f"BE {the}{kind}{ending} to"
            for the in ("", "the ", "the clear ", "the strong ", "clear ", "strong ", "firm ")
            for kind in ("favourite", "favorite")
            for ending in ("", "s")
        ),
    )
    + _default(
        0.68,
        "likely",
        "labelling rules: evidence the author says leans one way, the ICD 203 'likely' midpoint "
        "(RULES.md, labeller D: 'evidence points towards')",
        "evidence points to",
        "evidence points towards",
        "the evidence points to",
        "all signs point to",
        "all the signs point to",
        "signs point to",
        "indications are that",
        "all the indications are that",
        "the indications are that",
    )
    + _default(
        0.32,
        "unlikely",
        "an actor said to struggle to do something probably will not: the ICD 203 'unlikely' "
        "midpoint",
        "will have a hard time",
        "will have trouble",
        "will struggle to",
        "would struggle to",
        "will find it hard to",
        "will find it difficult to",
        *(
            f"{modal} find it {hard} to"
            for modal in ("may", "might", "could", "would", "is going to", "are going to")
            for hard in ("hard", "difficult", "tough")
        ),
        "will find it tough to",
        "will not find it easy to",
        "won't find it easy to",
        "will not find it easy",
        "won't find it easy",
        "faces an uphill battle",
        "face an uphill battle",
        "BE facing an uphill battle",
    )
    + _default(
        0.88,
        "very likely",
        "labelling rules: the ICD 203 band's midpoint, as for 'every reason to expect'",
        "every chance",
        "every likelihood",
        "BE a safe bet",
        "the safe bet is",
        "you can bet on",
        "you can count on",
        "a safe bet that",
    )
    + _default(
        0.32,
        "unlikely",
        "labelling rules: the ICD 203 band's midpoint for a phrase with no survey column",
        "odds are against",
        "the odds are against",
        "BE not in the cards",
        "BE not on the cards",
        "BE slipping out of reach",
        "BE slipping away",
        # "a trade war is far from inevitable" leans against it without ruling it out (RULES.md,
        # labeller G); a bare "not inevitable" states no lean and is not in the table
        "BE far from inevitable",
    )
    + _default(
        0.12,
        "very unlikely",
        "labelling rules: an outcome the author can hardly picture, the ICD 203 band's midpoint",
        "hard to imagine",
        "difficult to imagine",
        "hard to see how",
        "difficult to see how",
    )
    + _default(
        0.75,
        "likely",
        "labelling rules: a first-person or imperative 'expect' reads like 'probably'",
        "expect",
        "we expect",
        "i expect",
        "we fully expect",
        "expect to see",
        "should expect",
        "can expect",
    )
    + _default(
        0.75,
        "likely",
        "labelling rules (RULES.md, labellers D and E): the author's pick or stated prediction, "
        "with no modal, reads like 'expect'",
        "my pick",
        "i fancy",
        "i'm tipping",
        "i am tipping",
        "i'd tip",
        "i would tip",
        "my picks",
        "my prediction is",
        "my prediction is that",
        "my forecast is",
        "my forecast is that",
        "my bet is",
        "my bet is that",
        "my money is on",
        "my money's on",
        "i'd bet",
        "i would bet",
        "i'd wager",
        "i would wager",
        "i'm betting",
        "i am betting",
    )
    + _default(
        0.25,
        "unlikely",
        "labelling rules: 'do not expect' mirrors the 0.75 of 'expect' (probly 'We Doubt')",
        "don't see it happening",
        "do not see it happening",
        "can't see it happening",
        "cannot see it happening",
        "i can't say that",
        "i cannot say that",
        "don't expect",
        "do not expect",
        "we don't expect",
        "we do not expect",
        "i don't expect",
        "i do not expect",
        "shouldn't expect",
        "should not expect",
        "don't count on",
        "do not count on",
        "don't bet on",
        "do not bet on",
        "i wouldn't bet on",
        "i would not bet on",
        "wouldn't bet on",
        "would not bet on",
        "don't hold your breath",
        "do not hold your breath",
    )
    + _default(
        0.45,
        "roughly even chance",
        "labelling rules: 'a real possibility' names the event as live without a lean, "
        "read like 'could'",
        "a real possibility",
        "the danger is that",
        "the real danger is that",
        "the risk is that",
        "the real risk is that",
        "cannot be ruled out",
        "can't be ruled out",
        "can not be ruled out",
        "BE not ruled out",
        "don't rule out",
        "do not rule out",
        "wouldn't rule out",
        "would not rule out",
        "cannot rule out",
        "can't rule out",
        "it is possible that",
        "it is entirely possible that",
        "it is quite possible that",
        "it is conceivable that",
        "BE entirely possible",
        "BE quite possible",
        "BE still possible",
        "a distinct possibility",
        "a real chance",
        "real possibility",
        "a real risk",
        "a serious risk",
        "a real danger",
        "a serious danger",
        "there is a danger that",
        "there is a risk that",
        "there is a possibility",
        "there's a possibility",
    )
    + _default(
        0.03,
        "almost no chance",
        "labelling rules: inconceivable or impossible outcomes, and 'no chance', at the "
        "midpoint of the band",
        "inconceivable",
        "almost inconceivable",
        "it is inconceivable that",
        "no chance",
        "zero chance",
        "there is no chance",
        "no prospect",
        "BE out of the question",
        "no hope of",
        "no hope that",
        "BE out of reach",
        "BE beyond reach",
        "BE now out of reach",
        "impossible",
        "BE impossible",
        "BE not possible",
        "irreconcilable",
        "unresolvable",
        "unreachable",
        "unattainable",
        "unachievable",
        "unwinnable",
    )
    + _default(
        0.9,
        "very likely",
        "an unhedged future is a flat prediction, but less explicit than 'certainly'",
        "will",
        "'ll",
        "shall",
        "BE going to",
        "'re going to",
        "'s going to",
        "'m going to",
        "'re all going to",
        "'re both going to",
        "BE here to stay",
        "will have to",
    )
    + _default(
        0.9,
        "very likely",
        "labelling rules (RULES.md, labeller A): a flat present-tense claim about an actor's or a "
        "thing's future course ('has no choice but to', 'its days are numbered') reads like 'will'",
        "has no choice but to",
        "have no choice but to",
        "has no alternative but to",
        "have no alternative but to",
        "has no option but to",
        "have no option but to",
        "days are numbered",
        "BE living on borrowed time",
        "BE not going anywhere",
        "isn't going anywhere",
        "aren't going anywhere",
        "BE on borrowed time",
        "BE in terminal decline",
    )
    + _default(
        0.9,
        "very likely",
        "an outcome said to be still ahead ('the worst is yet to come', 'prices have further to "
        "fall'), stated as flatly as 'will'",
        "BE yet to come",
        "further to fall",
        "farther to fall",
        "further to rise",
        "further to go",
        "farther to go",
        "further to run",
    )
    + _default(
        0.1,
        "very unlikely",
        "labelling rules (RULES.md, labeller A): an actor with no intention or interest in a course "
        "it controls, read like an unhedged 'will not'",
        "has no intention of",
        "have no intention of",
        "has no interest in",
        "have no interest in",
        "BE not interested in",
        "has no incentive to",
        "have no incentive to",
    )
    + _default(
        0.8,
        "likely",
        "scheduled or expected events, upper edge of the band",
        "BE expected to",
        "BE forecast to",
        "BE forecasted to",
        "BE projected to",
        "BE predicted to",
        "BE tipped to",
        "BE set to",
        "BE poised to",
        "BE on track to",
        "BE on course to",
        "BE on the brink of",
        "BE about to",
        "BE heading for",
        "BE headed for",
        "BE on the verge of",
        "BE scheduled to",
        "BE slated to",
        "BE on course for",
        "BE on track for",
        "BE on its way",
        "BE on the way",
        "BE on their way",
        "BE set for",
        "BE poised for",
        "BE heading toward",
        "BE heading towards",
        "BE headed toward",
        "BE headed towards",
        "BE headed higher",
        "BE headed lower",
        "BE heading higher",
        "BE heading lower",
        "BE headed to",
        "BE heading to",
        "BE shaping up to be",
        "BE shaping up as",
        "BE looming",
        "looms",
        "on the horizon",
        "BE around the corner",
        "BE just around the corner",
        "BE imminent",
    )
    + _default(
        0.85,
        "very likely",
        "a conditional consequence is asserted nearly as flatly as 'will'",
        "would",
    )
    + _default(
        0.1,
        "very unlikely",
        "an unhedged 'will not' mirrors the 0.9 of 'will'",
        "will not",
        "won't",
        "will no longer",
        "shall not",
        "BE not going to",
        "isn't going to",
        "aren't going to",
        "'re not going to",
        "'s not going to",
        "'m not going to",
        "BE not going away",
        "isn't going away",
        "aren't going away",
        "BE not coming back",
        "BE far from over",
        "isn't coming back",
        "aren't coming back",
    )
    + _default(
        0.15,
        "very unlikely",
        "mirror of 'would'",
        "would not",
        "wouldn't",
        "would never",
        "would be a non-starter",
    )
    + _default(
        0.03,
        "almost no chance",
        "'never' and statements of impossibility rule the event out",
        "will never",
        "never",
        "not ever",
        "there is no scenario in which",
        "there is no way",
        "there is simply no way",
        "there is just no way",
        "there is absolutely no way",
        "under no circumstances",
    )
    + _default(
        0.05,
        "almost no chance",
        "'cannot' states incapacity, the upper edge of the band",
        "cannot",
        "can't",
        "can not",
        "can no longer",
        "could never",
        "there can be no",
        "can never",
    )
    + _default(
        0.05,
        "almost no chance",
        "labelling rules (RULES.md, labeller A): an outcome called futile or an illusion, the "
        "negation of 'certain' / 'doomed to'",
        "BE guaranteed not to",
        "BE a pipe dream",
        "BE futile",
        "BE dead on arrival",
        "BE untenable",
        "BE an illusion",
        "BE just an illusion",
    )
    + _default(
        0.95,
        "almost certain",
        "labelling rules (RULES.md, labeller I): certainty phrased as the author's inability to see an "
        "alternative ('I don't see how it can be otherwise') reads like 'certain'",
        "see how it can be otherwise",
        "see how it could be otherwise",
        "see how it can be any other way",
        "see how it could be any other way",
    )
    + _default(
        0.5,
        "roughly even chance",
        "'may' is read as a genuine possibility with no lean",
        "may",
        "there may be",
    )
    + _default(
        0.65,
        "likely",
        "'may well' and litotes of surprise lean towards the event",
        "may well",
        "could well",
        "might well",
        "would not be a surprise if",
        "it would not be surprising if",
        "would not be surprised if",
        "don't be surprised if",
        "do not be surprised if",
        "wouldn't be surprised if",
        "wouldn't be a surprise if",
        "would not be surprised to see",
        "wouldn't be surprised to see",
        "it wouldn't be surprising if",
        "it wouldn't surprise me if",
        "it would not surprise me if",
        "nobody should be surprised if",
        "no one should be surprised if",
        "nobody would be surprised if",
        "no one would be surprised if",
        "shouldn't be surprised if",
        "should not be surprised if",
    )
    + _default(
        0.35,
        "unlikely",
        "mirror of 'would not be a surprise if' (0.65): an outcome that would surprise the author",
        "would be a surprise if",
        "it would be surprising if",
        "would be surprised if",
        "'d be surprised if",
        "'d be surprised to see",
        "'d be very surprised if",
        "would be very surprised if",
        "it would surprise me if",
        "'d be astonished if",
        "would be astonished if",
        "'d be amazed if",
        "would be amazed if",
        "would be surprised to see",
    )
    + _default(
        0.45,
        "roughly even chance",
        "'might' and 'could' are slightly weaker than 'may' in readers' judgement",
        "might",
        "could",
        "could easily",
        "threatens to",
        "threaten to",
        "BE in danger of",
        "BE in real danger of",
        "BE at risk of",
        "runs the risk of",
        "run the risk of",
        "a fighting chance",
        "possibly",
        "potentially",
        "perhaps",
        "maybe",
    )
)

# Not in the table (a bare "can" is mostly ability: "birds can fly"): the extractor reads "can" this
# way only about a future outcome, in a main clause with a future time phrase ("X can win up to 450
# seats in the next election").
CAN_ABOUT_THE_FUTURE = HedgeEntry(
    "can",
    0.45,
    *ICD_203_BANDS["roughly even chance"],
    "labelling rules (RULES.md, labeller D): 'can' as a possibility about a future outcome "
    "reads like 'could'",
)

# Not in the table (these are matched by claims.extract's rules, not by phrase): an outcome said to be
# arriving ("A recession is coming", "the end is near") or an idiom of an end ("the final nail in
# the coffin", "the death knell", "the beginning of the end").
ARRIVING = HedgeEntry(
    "BE coming",
    0.8,
    *ICD_203_BANDS["likely"],
    "project default: an outcome said to be arriving reads like 'BE on its way' (scheduled or "
    "expected events, upper edge of the band)",
)
FLAT_PRESENT = HedgeEntry(
    "(present tense with a future time phrase)",
    0.9,
    *ICD_203_BANDS["very likely"],
    "labelling rules (RULES.md, labeller A): a flat present-tense claim about the future ('Next year, "
    "inflation falls back') reads like an unhedged 'will'",
)
EPISTEMIC_SHOULD = HedgeEntry(
    "should",
    0.68,
    *ICD_203_BANDS["likely"],
    "labelling rules (RULES.md, labeller F): an epistemic 'should' about an outcome nobody is told "
    "to bring about ('retirements should accelerate') takes the ICD 203 'likely' midpoint",
)
END_IDIOM = HedgeEntry(
    "nail in the coffin",
    0.9,
    *ICD_203_BANDS["very likely"],
    "labelling rules (RULES.md, labeller A): a metaphor that still names an outcome is a forecast, "
    "stated as flatly as 'will'",
)

# any other -ly adverb too ("is emphatically not going to"), but not one that is a hedge itself
_BE_ADVERB = (
    r"(?:\s+(?:now|still|also|equally|increasingly|(?!(?:un)?likely\b|probably\b|possibly\b|"
    r"certainly\b|definitely\b|surely\b|undoubtedly\b|almost\b)[a-z]+ly))?"
)
_BE = r"(?:is|are|was|were|be|been|seems?|seemed|looks?|remains?|appears?)" + _BE_ADVERB


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


# Contractions the table's phrases stand for: "there's no way", "it's unlikely that", "we're headed
# for", "the firm's about to" (after a noun, "'s" before these predicates is "is").
_CONTRACTED = {"there is": r"there(?:\s+is|'s)", "it is": r"it(?:\s+is|'s)"}


def _phrase_pattern(phrase: str) -> str:
    words = [_BE if w == "BE" else re.escape(w) for w in phrase.split(" ")]
    body = r"\s+".join(words)
    for full, short in _CONTRACTED.items():
        if phrase.startswith(full + " "):
            body = short + body[len(r"\s+".join(re.escape(w) for w in full.split(" "))) :]
    if phrase.startswith("BE "):
        # "we're headed for", "the deal's about to": the verb cliticised onto the subject. "'s" also
        # marks a possessive ("Tesla's inevitable decline"), so it counts only before a predicate
        # that takes a complement ("'s about to", "'s headed for").
        verbal = phrase.split(" ")[-1] in {"to", "for", "of", "that", "way"}
        clitic = r"'(?:s|re|m)" if verbal else r"'(?:re|m)"
        rest = body[len(_BE) + len(r"\s+") :]
        return (
            r"(?:(?<![\w'-])"
            + body
            + r"|(?<=\w)"
            + clitic
            + _BE_ADVERB
            + r"\s+"
            + rest
            + r")(?![\w-])"
        )
    # "'ll" attaches to the previous word; everything else stands on word boundaries.
    if phrase.startswith("'"):
        return body + r"\b"
    return r"(?<![\w'-])" + body + r"(?![\w-])"


@cache
def _compiled() -> list[tuple[re.Pattern[str], HedgeEntry]]:
    entries = sorted(HEDGES, key=lambda e: -len(e.phrase))
    return [(re.compile(_phrase_pattern(e.phrase), re.IGNORECASE), e) for e in entries]


@cache
def _needles() -> list[str]:
    """For each compiled phrase, its longest literal word: a phrase absent from a sentence is
    ruled out by one substring test instead of a regex scan (the table has ~200 phrases)."""
    return [
        max((w for w in e.phrase.lower().split(" ") if w != "be"), key=len).strip("'")
        for _, e in _compiled()
    ]


def lookup(phrase: str) -> HedgeEntry | None:
    """The table entry for a phrase as a user types it ("Almost certainly", "are unlikely to")."""
    wanted = _normalise(phrase)
    for pattern, entry in _compiled():
        if pattern.fullmatch(wanted):
            return entry
    return None


# Negators that, right after a positive hedge ("will not", "may never", "is likely not to",
# "will be no"), flip it; "no longer" counts as one.
_NEGATION_AFTER = re.compile(
    r"\s*(?:n't\b|not\b|never\b|no longer\b|(?:be|have|see)\s+(?:no|none|nothing)\b"
    # "will have no choice but to sell", "will be nothing short of a rout": no negation at all
    r"(?!\s+(?:other\s+|real\s+)?(?:choice|alternative|option)s?\s+but\b|\s+(?:but|short\s+of|less\s+than)\b))",
    re.IGNORECASE,
)
# Adverbs allowed between a hedge and its negator ("will likely not", "may well not").
_ADVERB = r"(?:\s+(?:also|still|then|even|ever|likely|probably|simply|really|well|easily|soon))*"
_NEGATION_AFTER_ADV = re.compile(_ADVERB + _NEGATION_AFTER.pattern, re.IGNORECASE)
# After an adverb of likelihood the negator sits on the next auxiliary: "certainly doesn't",
# "probably isn't", "almost certainly will not".
_AUX_NEGATION_AFTER = re.compile(
    r"\s+(?:do|does|did|is|are|was|were|has|have|had|will|would|can|could|should|wo|ca)"
    r"(?:n't\b|\s+not\b|\s+never\b)",
    re.IGNORECASE,
)
_SENTENCE_ADVERB = re.compile(
    r"(?:almost\s+)?(?:certainly|definitely|surely|undoubtedly|probably|likely|most\s+likely|"
    r"very\s+likely|possibly|perhaps|maybe|inevitably)",
    re.IGNORECASE,
)


def find_hedges(sentence: str) -> list[HedgeMatch]:
    """Every hedge in the sentence, left to right, without overlaps, with its polarity.

    The extractor asks about the same sentence several times; the answer is computed once."""
    return list(_find_hedges(sentence))


def clear_cache() -> None:
    """Forget sentences already read (the benchmark times each op-ed as never seen)."""
    _find_hedges.cache_clear()


@lru_cache(maxsize=4096)
def _find_hedges(sentence: str) -> tuple[HedgeMatch, ...]:
    """See find_hedges.

    A positive hedge followed by a negator ("may not", "will likely not", "will be no") gives
    the complement probability, so the probability is always of the event as stated without
    the negation ("Russia will never negotiate" → P(Russia negotiates) = 0.03).
    """
    text = sentence.replace("’", "'")
    lowered = text.lower()
    taken: list[tuple[int, int]] = []
    found: list[HedgeMatch] = []
    read_with_adverb: list[
        tuple[int, int]
    ] = []  # "probably isn't going to": the adverb reads it all
    for (pattern, entry), needle in zip(_compiled(), _needles(), strict=True):
        if needle not in lowered:
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            negated = False
            probability = entry.probability
            aux = _AUX_NEGATION_AFTER.match(text, end)
            adverb_over_aux = bool(_SENTENCE_ADVERB.fullmatch(m.group()) and aux)
            if probability >= 0.5 and (_NEGATION_AFTER_ADV.match(text, end) or adverb_over_aux):
                negated = True
                probability = round(1.0 - probability, 4)
                if adverb_over_aux and aux is not None:
                    read_with_adverb.append((end, aux.end()))
            found.append(HedgeMatch(entry, sentence[start:end], start, end, negated, probability))
    found = [h for h in found if not any(s <= h.start < e for s, e in read_with_adverb)]
    for m in _STATED_CHANCE.finditer(text):
        # "Trump has a 60 percent chance of being re-elected": the author states the number.
        start, end = m.span()
        if any(start < e and s < end for s, e in taken):
            continue
        value = min(1.0, float(m.group("n")) / 100)
        entry = HedgeEntry("a stated chance", value, value, value, "stated by the author")
        found.append(HedgeMatch(entry, sentence[start:end], start, end, False, value))
    found.sort(key=lambda h: h.start)
    return tuple(found)


# "a 60 percent chance of", "a 70% probability that", "a one-in-three chance" is left to the table.
_STATED_CHANCE = re.compile(
    r"\b(?:a|an)\s+(?P<n>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)\s+"
    r"(?:chance|probability|likelihood)(?=\s+(?:of|that)\b)",
    re.IGNORECASE,
)


_NUMBER = re.compile(
    r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(%?)$"
)  # 0.7, .7, 70%, 1e-06
_ACCEPTED = (
    'a number from 0 to 1 ("0.7", ".7"), a percentage ("70%") '
    'or a hedge phrase ("likely", "almost certainly", "is unlikely to")'
)


def parse_probability(text: str) -> ParsedProbability:
    """Read a probability as a user gives it: "0.7", ".7", "70%", "70 %" or a hedge phrase.

    Raises ValueError with a message saying what was wrong and what is accepted.
    """
    raw = text.strip()
    if not raw:
        raise ValueError(f"probability is empty; give {_ACCEPTED}")
    m = _NUMBER.match(raw)
    if m:
        value = float(m.group(1))
        if m.group(2):
            value /= 100.0
        if not 0.0 <= value <= 1.0:
            shown = f"{raw} (= {value:g})" if m.group(2) else raw
            raise ValueError(f"probability {shown} is outside 0 to 1; give {_ACCEPTED}")
        return ParsedProbability(probability=value, basis="stated", hedge=None)
    entry = lookup(raw)
    if entry is None:
        raise ValueError(f"cannot read {raw!r} as a probability; give {_ACCEPTED}")
    return ParsedProbability(probability=entry.probability, basis="hedge", hedge=_normalise(raw))
