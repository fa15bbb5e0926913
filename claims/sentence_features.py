"""Topic-free features of one sentence for the sentence classifier: grammar, not subject matter.

Words outside a closed list of function words, modals, auxiliaries and verbs of saying or
believing are replaced by their shape (capitalised, number, -ed, -ing, -ly ...), so the model
learns how forecasts and facts are worded rather than what the training op-eds were about.
The hedge and factual-evidence readings of the rules in claims.extract come in as `rule`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping

# Function words, modals and the verbs of saying, believing and predicting: the only words the
# model sees as themselves. Everything else becomes a shape.
_CLOSED_WORDS = """
a an the this that these those some any every each all no none both either neither such
i me my we us our you your he him his she her it its they them their one ones
who whom whose which what when where why how whether if unless until while although though
because since as than then so yet but and or nor not never n't no ever always often only just
also even still already again soon now today tomorrow yesterday later earlier once ago
here there about above after against among around at before behind below between beyond by
despite during for from in inside into like near of off on onto out over past per through
to toward towards under upon with within without
be is are was were been being am 's 're 'm
have has had having 've 'd do does did done doing
will would shall should can could may might must ought 'll wo ca
going gonna likely unlikely probably possibly perhaps certainly surely definitely inevitably
certain sure bound doomed impossible inconceivable chance chances possibility probability
expect expects expected expecting predict predicts predicted forecast hope hopes fear fears
believe believes believed think thinks thought doubt say says said told tell tells
argue argues argued claim claims claimed warn warns warned announce announced report reported
according insist insisted suggest suggested show shows showed found
future next last year years month months week weeks day days decade century time
more most less least very too much many few several really quite rather
need needs needed want wants wanted try tries tried seek seeks sought
make makes made take takes took get gets got become becomes became remain remains remained
continue continues continued end ends ended begin begins began start starts started
only way reason why must
yes
"""
CLOSED = frozenset(_CLOSED_WORDS.split())

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|n['’]t|\d[\d,.]*%?|[?!;:—–\"“”()]")


def _shape(word: str, initial: bool) -> str:
    if word[0].isdigit():
        return "NUM"
    lower = word.lower()
    if word[0].isupper() and not initial:
        return "CAP" if not word.isupper() or len(word) == 1 else "ACR"
    for suffix, tag in (
        ("ing", "-ing"),
        ("ed", "-ed"),
        ("ly", "-ly"),
        ("tion", "-tion"),
        ("ment", "-ment"),
        ("s", "-s"),
    ):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            return tag
    return "w"


def tokens(sentence: str) -> list[str]:
    """The sentence as closed-class words and shapes (punctuation kept as itself)."""
    out: list[str] = []
    raw = _TOKEN.findall(sentence.replace("’", "'"))
    for i, word in enumerate(raw):
        lower = word.lower()
        if lower.endswith("n't") and lower != "n't":
            stem = lower[:-3]
            out.append(stem if stem in CLOSED else _shape(stem, i == 0))
            out.append("n't")
            continue
        if "'" in lower and lower.split("'")[0] not in CLOSED:
            clitic = lower.partition("'")[2]
            out.append(_shape(word.split("'")[0], i == 0))
            out.append("'" + clitic)
            continue
        if lower in CLOSED or not word[0].isalnum():
            out.append(lower)
        else:
            out.append(_shape(word, i == 0))
    return out


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def features(sentence: str, rule: Mapping[str, object]) -> dict[str, float]:
    """Binary features (name -> 1.0) of a sentence and the rules' reading of it.

    `rule` holds the readings claims.extract makes: hedge family, whether the hedge is usable,
    reported, inside a quote or a condition, the factual evidence score, time cues, and the
    neighbouring sentences' roles (a question answered by the next sentence).
    """
    toks = tokens(sentence)
    feats: dict[str, float] = {"bias": 1.0}
    for t in toks:
        feats["u:" + t] = 1.0
    padded = ["<s>", *toks, "</s>"]
    for a, b in itertools.pairwise(padded):
        feats[f"b:{a}_{b}"] = 1.0
    for a, b, c in zip(padded, padded[1:], padded[2:], strict=False):
        if a in CLOSED or b in CLOSED or c in CLOSED:
            feats[f"t:{a}_{b}_{c}"] = 1.0
    feats["first:" + (toks[0] if toks else "")] = 1.0
    feats["len:" + _bucket(len(toks), (5, 9, 15, 25, 40))] = 1.0
    for name, value in rule.items():
        if isinstance(value, bool):
            if value:
                feats["r:" + name] = 1.0
        elif isinstance(value, int | float) or (isinstance(value, str) and value):
            feats[f"r:{name}={value}"] = 1.0
    return feats
