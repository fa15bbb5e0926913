"""When two source names probably name the same person or outlet: folding, initials and near spellings."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ledger.search import fold

# Near spellings ("Jon Smith" / "John Smith", "Espresso Global" / "Espreso Global") score above this; two
# different short names rarely do.
CLOSE_RATIO = 0.88


def _initials_match(a: list[str], b: list[str]) -> bool:
    """`i garner` and `ian garner`: the same surname, and every other word equal or an initial of the other."""
    if len(a) != len(b) or len(a) < 2 or a[-1] != b[-1]:
        return False
    for x, y in zip(a[:-1], b[:-1], strict=True):
        if x == y:
            continue
        short, long = (x, y) if len(x) <= len(y) else (y, x)
        if len(short) != 1 or not long.startswith(short):
            return False
    return True


def why_close(a: str, b: str) -> str | None:
    """Why names a and b look like one source (None when they do not): same letters, initials or spelling."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return None
    if fa == fb or fa.replace(" ", "") == fb.replace(" ", ""):
        return "the same but for case, accents, spaces or punctuation"
    if _initials_match(fa.split(), fb.split()):
        return "the same surname with initials"
    matcher = difflib.SequenceMatcher(None, fa, fb)
    if matcher.quick_ratio() >= CLOSE_RATIO and matcher.ratio() >= CLOSE_RATIO:
        return f"spelt almost alike ({matcher.ratio():.0%})"
    return None


def close_names(name: str, existing: Iterable[str]) -> list[tuple[str, str]]:
    """The existing names close to `name` (not equal to it), each with the reason, closest first."""
    found = []
    for other in existing:
        if other == name:
            continue
        reason = why_close(name, other)
        if reason is not None:
            ratio = difflib.SequenceMatcher(None, fold(name), fold(other)).ratio()
            found.append((ratio, other, reason))
    found.sort(key=lambda t: (-t[0], t[1]))
    return [(other, reason) for _, other, reason in found]
