"""Builds feeds/matching/data/background.tsv.gz, the fixed background word frequencies matching weighs terms by.

.venv/bin/pip install wordfreq && .venv/bin/python -m feeds.matching.build_background

The table is general English (wordfreq's "best" English list: subtitles, Wikipedia, news, books, web text), keyed by
the matcher's own stems, so how generic a word is never depends on the news a ledger has seen: a story that floods
the feeds cannot make its own words look common. Rebuild it after changing feeds.matching.terms.stem.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import defaultdict
from pathlib import Path

from feeds.matching.terms import term_key

OUT = Path(__file__).resolve().parent / "data" / "background.tsv.gz"
# Words rarer than this (per billion words, in Zipf units) are left out: the matcher treats every word missing from
# the table as this rare, which is as discriminating as a word gets.
MIN_ZIPF = 2.0
_WORD = re.compile(r"[a-z0-9]+")


def build() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    per_key: dict[str, float] = defaultdict(float)
    for word, freq in get_frequency_dict("en", "best").items():
        if not _WORD.fullmatch(word) or math.log10(freq * 1e9) < MIN_ZIPF:
            continue
        key = term_key(word)
        if isinstance(key, str) and key:
            per_key[key] += freq  # inflections that share a stem add up
    return {k: round(math.log10(f * 1e9), 2) for k, f in per_key.items()}


def main() -> None:
    table = build()
    lines = "".join(f"{k}\t{z:.2f}\n" for k, z in sorted(table.items()))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:  # mtime 0: the same table gives the same bytes
        out.write(lines.encode("ascii"))
    print(f"{OUT}: {len(table)} stems")


if __name__ == "__main__":
    main()
