"""How generic a word is: the fixed background frequency of the matcher's terms (general English, shipped as data)."""

from __future__ import annotations

import gzip
import threading
from functools import lru_cache
from pathlib import Path

from feeds.matching.terms import TermKey

TABLE = Path(__file__).resolve().parent / "data" / "background.tsv.gz"
# Zipf units: log10 of occurrences per billion words. A word missing from the table is at most this common.
RARE_ZIPF = 1.8
# A word this common (e.g. "the", "said") weighs nothing; weights grow by one per tenfold rarer.
CEILING_ZIPF = 7.0
# Numbers are common in news whatever their value.
NUMBER_ZIPF = 5.0

_table: dict[str, float] | None = None
_lock = threading.Lock()


def _load() -> dict[str, float]:
    global _table
    with _lock:
        if _table is None:
            table: dict[str, float] = {}
            with gzip.open(TABLE, "rt", encoding="ascii") as lines:
                for line in lines:
                    key, _, zipf = line.rstrip("\n").partition("\t")
                    table[key] = float(zipf)
            _table = table
    return _table


def zipf(key: str) -> float:
    """The background frequency of one stemmed word, in Zipf units."""
    table = _table if _table is not None else _load()
    found = table.get(key)
    if found is not None:
        return found
    return NUMBER_ZIPF if key[:1].isdigit() else RARE_ZIPF


def weight(key: TermKey) -> float:
    """How much finding this term says about an item: 0 for the commonest words, about 5 for a rare name. A phrase
    weighs its rarest word and half of its next rarest (its words together are rarer than any alone)."""
    if isinstance(key, str):
        return max(0.0, CEILING_ZIPF - zipf(key))
    parts = sorted((max(0.0, CEILING_ZIPF - zipf(k)) for k in key), reverse=True)
    if not parts:
        return 0.0
    return parts[0] + (0.5 * parts[1] if len(parts) > 1 else 0.0)


@lru_cache(maxsize=1 << 16)
def term_weight(term: str) -> float:
    """weight() of a term as written: a hyphenated word ("foreign-currency") weighs as its heaviest part, not as
    its joined form, which general English rarely writes and so would look rarer than it is."""
    from feeds.matching.terms import term_key

    key = term_key(term)
    if "-" in term and not isinstance(key, tuple):
        parts = [term_key(p) for p in term.split("-") if p.strip()]
        return max((weight(p) for p in parts if p), default=weight(key))
    return weight(key)
