"""Validates the labelled op-eds in tune/, held/ and agreement/: fields, split, verbatim text, direction vs probability.

Run: python bench/data/extraction/check_labels.py   (exit 1 and one line per problem if any)
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TOPICS = {
    "elections",
    "economy",
    "technology",
    "climate",
    "public-health",
    "conflict-other",
    "russia-ukraine",
    "other",
}
KINDS = {"forecast", "factual", "neither"}
META = ("title", "outlet", "author", "published", "url", "obtained_from", "topic", "split", "text")
LABEL_KEYS = {"text", "kind", "also", "direction", "probability", "hedge"}
# "may" reads 0.5 and "might"/"could" 0.45 in claims/hedges.py, which still calls them affirming
# (the author raises the event as possible); "may not"/"might not" likewise deny at 0.5/0.55.
# So the direction check allows that band (see "Notes by labeller A" in RULES.md).
AFFIRM_MIN = 0.45
DENY_MAX = 0.55
MAX_WORDS = 1000  # "at most about 900 words"


def check_label(lab: object, text: str, where: str) -> list[str]:
    if not isinstance(lab, dict):
        return [f"{where}: not a mapping"]
    problems = []
    if set(lab) != LABEL_KEYS:
        problems.append(f"{where}: keys {sorted(lab)} != {sorted(LABEL_KEYS)}")
    sentence = lab.get("text")
    if not isinstance(sentence, str) or not sentence.strip():
        problems.append(f"{where}: empty text")
    elif sentence not in text:
        problems.append(f"{where}: text not found verbatim: {sentence[:60]!r}")
    kind, also = lab.get("kind"), lab.get("also")
    if kind not in KINDS:
        problems.append(f"{where}: kind {kind!r}")
    if also is not None and (also not in KINDS - {"neither"} or also == kind):
        problems.append(f"{where}: also {also!r} with kind {kind!r}")
    direction, prob, hedge = lab.get("direction"), lab.get("probability"), lab.get("hedge")
    if kind != "forecast":
        if direction is not None or prob is not None or hedge is not None:
            problems.append(f"{where}: direction/probability/hedge set on a {kind}")
        return problems
    if direction not in ("affirms", "denies"):
        problems.append(f"{where}: direction {direction!r}")
    if not isinstance(prob, (int, float)) or isinstance(prob, bool) or not 0 < prob < 1:
        problems.append(f"{where}: probability {prob!r} not in (0, 1)")
    elif direction == "affirms" and prob < AFFIRM_MIN:
        problems.append(f"{where}: affirms with probability {prob}")
    elif direction == "denies" and prob > DENY_MAX:
        problems.append(f"{where}: denies with probability {prob}")
    if hedge is not None and (not isinstance(hedge, str) or not hedge.strip()):
        problems.append(f"{where}: hedge {hedge!r}")
    return problems


def check_file(path: Path) -> list[str]:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return [f"{path.name}: YAML error: {exc}"]
    if not isinstance(doc, dict):
        return [f"{path.name}: not a mapping"]
    problems = [f"{path.name}: missing {k}" for k in (*META, "labels") if k not in doc]
    if problems:
        return problems
    stored = path.parent.name
    if path.parent.parent.name == "agreement":  # a second labelling keeps its op-ed's split
        stored = next((s for s in ("tune", "held") if (HERE / s / path.name).exists()), "?")
    if doc["split"] != stored:
        problems.append(f"{path.name}: split {doc['split']!r} but its op-ed is in {stored}/")
    if doc["topic"] not in TOPICS:
        problems.append(f"{path.name}: topic {doc['topic']!r}")
    published = doc["published"]
    if not isinstance(published, datetime.date) or not 2015 <= published.year <= 2025:
        problems.append(f"{path.name}: published {published!r} is not a 2015-2025 date")
    if not str(doc["url"]).startswith(("http://", "https://")):
        problems.append(f"{path.name}: url {doc['url']!r}")
    if not all(
        isinstance(doc[k], str) and doc[k].strip() for k in ("title", "outlet", "obtained_from")
    ):
        problems.append(f"{path.name}: empty title/outlet/obtained_from")
    text = doc["text"]
    if not isinstance(text, str) or not text.strip():
        return [*problems, f"{path.name}: empty text"]
    if len(text.split()) > MAX_WORDS:
        problems.append(f"{path.name}: {len(text.split())} words (at most about 900)")
    labels = doc["labels"]
    if not isinstance(labels, list) or not labels:
        return [*problems, f"{path.name}: no labels"]
    for i, lab in enumerate(labels, 1):
        problems += check_label(lab, text, f"{path.name} label {i}")
    # Labels come in reading order and together cover the whole excerpt (every sentence labelled).
    pos = cover = 0
    for i, lab in enumerate(labels, 1):
        if isinstance(lab, dict) and isinstance(lab.get("text"), str) and lab["text"] in text:
            found = text.find(lab["text"], pos)
            if found < 0:
                problems.append(f"{path.name} label {i}: out of reading order")
            else:
                uncovered = text[cover:found].strip()
                if uncovered:
                    problems.append(
                        f"{path.name}: unlabelled text before label {i}: {uncovered[:60]!r}"
                    )
                pos = found + 1
                cover = max(cover, found + len(lab["text"]))
    if text[cover:].strip():
        problems.append(f"{path.name}: unlabelled text at the end: {text[cover:].strip()[:60]!r}")
    return problems


def main() -> int:
    files = sorted(p for split in ("tune", "held") for p in (HERE / split).glob("*.yaml"))
    # Second, independent labellings of some of those op-eds (bench/labeller_agreement.py).
    files += sorted((HERE / "agreement").glob("*/*.yaml"))
    problems = [p for f in files for p in check_file(f)]
    for p in problems:
        print(p)
    print(f"{len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
