"""Time expressions in a sentence resolved to a deadline against the article's publication date.

The deadline is the last day on which the event still counts as "on time":

- "by 2026", "by the end of 2026", "in 2026" → 2026-12-31; "before 2026" → 2025-12-31.
- "by March", "in March 2026", "by the end of March" → the last day of that month (the next
  March on or after publication when no year is given); "before March" → the day before it.
- An explicit day ("by March 15, 2026", "on 15 March") → that day, read by dateparser.
- Seasons end on the last day of May (spring), August (summer), November (autumn / fall) and
  February (winter). "this spring" is the spring that has not yet ended at publication,
  "next spring" the first one that starts after it, "spring 2026" the one of that year.
- "this week / month / year", "the end of the year", "later this year" → the end of that period;
  "next week / month / year" → the end of the following one; "the end of the decade" → 31 Dec
  of the decade's last year (2029 for the 2020s); "over the next decade", "within a decade" → ten
  years from publication; "the first quarter" → its last day.
- "within three weeks", "in the next 6 months", "over the next two years" → publication + N.
- "the next few weeks", "the coming few days", "the next couple of months" count like "a few" (3)
  and "a couple of" (2): publication + 3 weeks, 3 days, 2 months.
- Vague spans get a documented length: "in the coming days" → 14 days, "in the coming weeks"
  → 8 weeks, "in the coming months" → 6 months, "in the coming years" → 3 years.
- "at the end of February" / "towards the end of March 2026" / "at the end of 2026" → the
  period's last day, like "by".
- "early 2026" → 30 April, "mid-2026" → 30 June, "late 2026" → 31 December ("early next year" likewise);
  "the first half of 2026" → 30 June, "the second half" → 31 December.
- "within days / weeks / months", "in a matter of months", "in the months ahead" → the vague spans
  below; "in the coming year", "the year ahead" → a year; "five years from now" → publication + 5
  years; "with 40 days left in the race", "two weeks to go before the vote" → the end of the month
  that publication + the span reaches;
  "through 2026" → 31 December 2026; "by next March" → the first March after publication.
- "tomorrow" → publication + 1 day; a weekday ("on Tuesday", "Tuesday's call") → the next such
  day after publication.
- "by Christmas" → the next 25 December; "over the Memorial Day weekend", "by Labor Day", "by
  Thanksgiving" → the next such US holiday on or after publication (a Thanksgiving weekend → its Sunday).
- Named events ("before the election", "after the summit") and "soon" are not resolved.

Relative expressions need the publication date; without it only absolute ones resolve.
A deadline earlier than the publication date is not a deadline and is dropped.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import MO, TH, relativedelta


@dataclass(frozen=True)
class TimeExpression:
    text: str
    start: int
    end: int
    deadline: date


# Each month's full name first, then its abbreviations.
_MONTH_SPELLINGS = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
_MONTHS = {name: i for i, names in enumerate(_MONTH_SPELLINGS, start=1) for name in names}
# "January" ... "December", as a date in running text writes them.
MONTH_NAMES = tuple(names[0].capitalize() for names in _MONTH_SPELLINGS)
_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_SEASON_END_MONTH = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11, "winter": 2}
_SEASON_START_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty": 20,
    "thirty": 30,
    "a few": 3,
    "a couple of": 2,
    "several": 3,
}
_NUMBER_RE = r"(?:\d{1,3}|a couple of|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty|thirty)"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_VAGUE_SPAN = {
    "day": relativedelta(days=14),
    "week": relativedelta(weeks=8),
    "month": relativedelta(months=6),
    "year": relativedelta(years=3),
}
_YEAR_RE = r"(?:19|20)\d\d"


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _season_end(season: str, year: int) -> date:
    """End of the season that starts in `year` (winter starting in December ends in February)."""
    month = _SEASON_END_MONTH[season]
    return _end_of_month(year + 1 if season == "winter" else year, month)


def _unit(word: str) -> str:
    return word.lower().rstrip("s")


def _count(word: str) -> int:
    w = re.sub(r"\s+", " ", word.lower())
    return int(w) if w.isdigit() else _NUMBER_WORDS[w]


Resolver = Callable[[re.Match[str], date | None], date | None]


def _year(m: re.Match[str], pub: date | None) -> date | None:
    year = int(m.group("year"))
    if m.group("prep").lower() == "before":
        return date(year - 1, 12, 31)
    if m.group("prep").lower() in ("in", "during") and pub is not None and year < pub.year:
        return None
    return date(year, 12, 31)


def _month(m: re.Match[str], pub: date | None) -> date | None:
    month = _MONTHS[m.group("month").lower().rstrip(".")]
    if m.group("year"):
        year = int(m.group("year"))
    elif pub is None:
        return None
    else:
        year = pub.year if month >= pub.month else pub.year + 1
    if m.group("prep").lower() == "before":
        return date(year, month, 1) - timedelta(days=1)
    return _end_of_month(year, month)


def _day(m: re.Match[str], pub: date | None) -> date | None:
    import dateparser  # lazily: dateparser costs ~0.1 s to import

    base = pub or date.today()
    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future",
        "RELATIVE_BASE": _midnight(base),
        "REQUIRE_PARTS": ["day", "month"],
    }
    parsed = dateparser.parse(m.group("date"), languages=["en"], settings=settings)
    if parsed is None:
        return None
    day = parsed.date()
    if not m.group("date_year") and pub is None:
        return None
    if m.group("prep").lower() == "before":
        day -= timedelta(days=1)
    return day


def _midnight(d: date) -> datetime:
    return datetime(d.year, d.month, d.day)


def _season(m: re.Match[str], pub: date | None) -> date | None:
    season = m.group("season").lower()
    which = (m.group("which") or m.group("which2") or "").lower()
    if not m.group("lead") and not m.group("year"):
        return None  # a bare "winter" is a topic ("the winter offensive"), not a date
    if m.group("year"):
        year = int(m.group("year"))
        # "winter 2026" is the winter that ends early in 2026 when it is already under way.
        if season == "winter" and pub is not None and pub.year == year and pub.month <= 2:
            year -= 1
        return _season_end(season, year)
    if pub is None:
        return None
    if which == "next":
        start_month = _SEASON_START_MONTH[season]
        year = pub.year if date(pub.year, start_month, 1) > pub else pub.year + 1
        return _season_end(season, year)
    for year in (pub.year - 1, pub.year, pub.year + 1):
        end = _season_end(season, year)
        if end >= pub:
            return end
    return None  # pragma: no cover - one of the three years always ends after pub


def _period(m: re.Match[str], pub: date | None) -> date | None:
    which = m.group("which").lower()
    unit = m.group("unit").lower()
    # "the year" names a period only in "the end of the year" ("the end of the month" ...).
    if which == "the" and "end of" not in m.group(0).lower():
        return None
    if pub is None:
        return None
    shift = 1 if which == "next" else 0
    if unit == "year":
        return date(pub.year + shift, 12, 31)
    if unit == "month":
        first = date(pub.year, pub.month, 1) + relativedelta(months=shift)
        return _end_of_month(first.year, first.month)
    if unit == "week":
        return pub + timedelta(days=6 - pub.weekday() + 7 * shift)
    if unit == "decade":
        return date(pub.year // 10 * 10 + 9 + 10 * shift, 12, 31)
    return None


def _end_of_year(m: re.Match[str], pub: date | None) -> date | None:
    return None if pub is None else date(pub.year, 12, 31)


def _quarter(m: re.Match[str], pub: date | None) -> date | None:
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}[
        (m.group("q") or m.group("q2")).lower()
    ]
    year_text = m.group("year") or m.group("year2")
    if year_text:
        year = int(year_text)
    elif pub is None:
        return None
    else:
        year = pub.year if q * 3 >= pub.month else pub.year + 1
    return _end_of_month(year, q * 3)


def _within(m: re.Match[str], pub: date | None) -> date | None:
    if pub is None:
        return None
    return pub + _within_delta(_count(m.group("n")), _unit(m.group("unit")))


def _within_delta(n: int, unit: str) -> relativedelta:
    return {
        "day": relativedelta(days=n),
        "week": relativedelta(weeks=n),
        "month": relativedelta(months=n),
        "quarter": relativedelta(months=3 * n),
        "year": relativedelta(years=n),
        "decade": relativedelta(years=10 * n),
    }[unit]


def _decade_span(m: re.Match[str], pub: date | None) -> date | None:
    """ "over the next decade", "in the coming decade": ten years from publication."""
    return None if pub is None else pub + relativedelta(years=10)


def _vague(m: re.Match[str], pub: date | None) -> date | None:
    if pub is None:
        return None
    unit = m.group("unit") or m.group("unit2") or m.group("unit3")
    return pub + _VAGUE_SPAN[_unit(unit)]


def _few(m: re.Match[str], pub: date | None) -> date | None:
    """ "the next few weeks", "the coming couple of months": publication plus as many units as "a
    few" / "a couple of" / "several" count in _NUMBER_WORDS (3, 2, 3), not the longer vague span."""
    if pub is None:
        return None
    word = " ".join(m.group("n").lower().split())
    n = _NUMBER_WORDS[word if word == "several" else "a " + word]
    return pub + _within_delta(n, _unit(m.group("unit")))


def _tomorrow(m: re.Match[str], pub: date | None) -> date | None:
    return None if pub is None else pub + timedelta(days=1)


def _weekday(m: re.Match[str], pub: date | None) -> date | None:
    if pub is None:
        return None
    target = _WEEKDAYS.index(m.group("weekday").lower())
    ahead = (target - pub.weekday() - 1) % 7 + 1
    return pub + timedelta(days=ahead)


def _christmas(m: re.Match[str], pub: date | None) -> date | None:
    if pub is None:
        return None
    this = date(pub.year, 12, 25)
    return this if this >= pub else date(pub.year + 1, 12, 25)


def _holiday_in(name: str, year: int) -> date:
    """The date of a US holiday whose day moves: Memorial Day (last Monday of May), Labor Day (first
    Monday of September), Thanksgiving (fourth Thursday of November)."""
    rule = {
        "memorial day": relativedelta(month=5, day=31, weekday=MO(-1)),
        "labor day": relativedelta(month=9, day=1, weekday=MO(1)),
        "thanksgiving": relativedelta(month=11, day=1, weekday=TH(4)),
    }[name]
    return date(year, 1, 1) + rule


def _holiday(m: re.Match[str], pub: date | None) -> date | None:
    """ "over the Memorial Day weekend", "by Thanksgiving": the next such day on or after
    publication; a Thanksgiving weekend runs to the Sunday after."""
    if pub is None:
        return None
    name = " ".join(m.group("holiday").lower().split())
    day = _holiday_in(name, pub.year)
    if day < pub:
        day = _holiday_in(name, pub.year + 1)
    return day + timedelta(days=3) if m.group("weekend") and name == "thanksgiving" else day


# "early 2026" ends with April, "mid-2026" with June, "late 2026" with December.
_PART_END_MONTH = {"early": 4, "mid": 6, "middle": 6, "late": 12}


def _part_of_year(m: re.Match[str], pub: date | None) -> date | None:
    """ "by mid-2026", "in early 2026", "late next year", "in the first half of 2026"."""
    if m.group("year"):
        year = int(m.group("year"))
    elif pub is None:
        return None
    else:
        year = pub.year + (1 if (m.group("which") or "").lower() == "next" else 0)
    part = (m.group("part") or "").lower()
    month = 6 if (m.group("half") or "").lower() == "first" else 12
    if part:
        month = _PART_END_MONTH[part]
    if (m.group("prep") or "").lower() == "before":
        start = {4: 1, 6: 5, 12: 9}[month] if part else (1 if month == 6 else 7)
        return date(year, start, 1) - timedelta(days=1)
    return _end_of_month(year, month)


def _from_now(m: re.Match[str], pub: date | None) -> date | None:
    """ "five years from now", "a decade from now": publication plus the span."""
    return _within(m, pub)


def _time_left(m: re.Match[str], pub: date | None) -> date | None:
    """ "with roughly 40 days left in the race": the event falls about that long after publication; the
    count is often rounded, so the deadline is the end of the month it reaches."""
    end = _within(m, pub)
    return None if end is None else _end_of_month(end.year, end.month)


def _next_month(m: re.Match[str], pub: date | None) -> date | None:
    """ "by next March", "next January": the first such month after the publication month. Without a
    preposition the month must be capitalised ("the next may be worse" holds no month)."""
    if pub is None or (m.group("prep") is None and not m.group("month")[:1].isupper()):
        return None
    month = _MONTHS[m.group("month").lower().rstrip(".")]
    year = pub.year if month > pub.month else pub.year + 1
    if (m.group("prep") or "").lower() == "before":
        return date(year, month, 1) - timedelta(days=1)
    return _end_of_month(year, month)


def _year_ahead(m: re.Match[str], pub: date | None) -> date | None:
    """ "in the coming year", "over the year ahead": a year from publication."""
    return None if pub is None else pub + relativedelta(years=1)


def _through(m: re.Match[str], pub: date | None) -> date | None:
    return date(int(m.group("year")), 12, 31)


_PREP = r"(?P<prep>by|before|until|till|in|during|within|no later than|on)"
_END_OF = r"(?:(?:the\s+)?(?:end|close|middle)\s+of\s+)?"
_RULES: list[tuple[re.Pattern[str], Resolver]] = [
    (
        re.compile(
            r"\b(?:(?P<prep>by|in|until|before|during)\s+)?(?:the\s+)?"
            r"(?:(?P<part>early|mid|middle|late)(?:-|\s+|\s+of\s+)"
            rf"|(?P<half>first|second)\s+half\s+of\s+)(?:(?P<year>{_YEAR_RE})|(?P<which>this|next)\s+year)\b",
            re.IGNORECASE,
        ),
        _part_of_year,
    ),
    (
        re.compile(
            rf"\b(?P<n>{_NUMBER_RE})\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+from\s+now\b",
            re.IGNORECASE,
        ),
        _from_now,
    ),
    # "with roughly 40 days left in the campaign", "two weeks to go before the vote": the event the
    # claim is about falls that long after publication
    (
        re.compile(
            r"\b(?:with|are|have|has)\s+"
            r"(?:(?:roughly|about|around|some|just|only|nearly|barely|fewer\s+than|less\s+than)\s+)?"
            rf"(?P<n>{_NUMBER_RE})\s+(?P<unit>days?|weeks?|months?)\s+(?:left|to\s+go|remaining)\s+"
            r"(?:in|before|until|till|to)\b",
            re.IGNORECASE,
        ),
        _time_left,
    ),
    (
        re.compile(
            rf"\b(?:(?P<prep>by|before|until|in)\s+)?next\s+(?P<month>{_MONTH_RE})(?!\s*\d)", re.I
        ),
        _next_month,
    ),
    (
        re.compile(
            r"\b(?:in|over|during|within)\s+the\s+(?:(?:coming|following)\s+year|year\s+ahead)\b",
            re.IGNORECASE,
        ),
        _year_ahead,
    ),
    (re.compile(rf"\bthrough\s+(?:the\s+end\s+of\s+)?(?P<year>{_YEAR_RE})\b", re.I), _through),
    # "between 2021 and 2030", "from 2025 to 2030": a span that runs to the end of its later year
    (
        re.compile(
            rf"\b(?:between\s+{_YEAR_RE}\s+and|from\s+{_YEAR_RE}\s+(?:to|until|through))\s+"
            rf"(?P<year>{_YEAR_RE})\b",
            re.I,
        ),
        _through,
    ),
    (
        re.compile(
            rf"\b{_PREP}\s+(?:the\s+)?(?P<date>(?:{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?"
            rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE})"
            rf"(?:,?\s+(?P<date_year>{_YEAR_RE}))?)\b",
            re.IGNORECASE,
        ),
        _day,
    ),
    (
        re.compile(
            rf"\b{_PREP}\s+{_END_OF}(?P<month>{_MONTH_RE})(?:\s+(?P<year>{_YEAR_RE}))?\b(?!\s*\d)",
            re.IGNORECASE,
        ),
        _month,
    ),
    (
        # "at the end of February", "towards the end of March 2026": the month's last day
        re.compile(
            rf"\b(?P<prep>at|towards?)\s+the\s+(?:end|close)\s+of\s+(?P<month>{_MONTH_RE})"
            rf"(?:\s+(?P<year>{_YEAR_RE}))?\b(?!\s*\d)",
            re.IGNORECASE,
        ),
        _month,
    ),
    (
        re.compile(
            rf"\b(?P<lead>(?P<which>this|next)\s+|(?:by|in|before|until|over|during)\s+(?:the\s+)?{_END_OF}"
            rf"(?:the\s+)?(?:(?P<which2>this|next)\s+)?)?(?P<season>spring|summer|autumn|fall|winter)"
            rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR_RE}))?\b",
            re.IGNORECASE,
        ),
        _season,
    ),
    (
        re.compile(
            rf"\b(?:by|before|in|at|until)\s+(?:the\s+)?{_END_OF}"
            r"(?:the\s+)?(?P<q>first|second|third|fourth)\s+quarter"
            rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR_RE}))?\b"
            rf"|\b(?:by|before|in|until)\s+q(?P<q2>[1-4])\s+(?P<year2>{_YEAR_RE})\b",
            re.IGNORECASE,
        ),
        _quarter,
    ),
    (
        re.compile(rf"\b{_PREP}\s+{_END_OF}(?P<year>{_YEAR_RE})\b(?!\s*(?:percent|%))", re.I),
        _year,
    ),
    (
        # "at the end of 2026": like "by the end of 2026"
        re.compile(
            rf"\b(?P<prep>at|towards?)\s+the\s+(?:end|close)\s+of\s+(?P<year>{_YEAR_RE})\b", re.I
        ),
        _year,
    ),
    (
        # a span, not a calendar decade: "over the next decade" is ten years, "by the end of the next
        # decade" (below) is 31 December of its last year
        re.compile(
            r"\b(?:within|in|over|during|across)\s+the\s+(?:next|coming|following)\s+decade\b",
            re.IGNORECASE,
        ),
        _decade_span,
    ),
    (
        re.compile(
            r"\b(?:by\s+|before\s+|until\s+)?(?:the\s+)?(?:end\s+of\s+)?(?:later\s+)?"
            r"(?P<which>this|next|the)\s+(?P<unit>year|month|week|decade)\b",
            re.IGNORECASE,
        ),
        _period,
    ),
    (
        re.compile(
            r"\b(?:(?:by|before|until|at)\s+)?(?:year[- ]end|year['’]s\s+end)\b", re.IGNORECASE
        ),
        _end_of_year,
    ),
    (
        re.compile(
            rf"\b(?:within|in|over|during)\s+(?:the\s+)?(?:next\s+|coming\s+|following\s+)?"
            # "within 12 to 18 months", "in two or three years": the far end of a range
            rf"(?:{_NUMBER_RE}\s*(?:to|or|-|–)\s*)?"
            rf"(?P<n>{_NUMBER_RE})\s+(?P<unit>days?|weeks?|months?|quarters?|years?|decades?)\b",
            re.IGNORECASE,
        ),
        _within,
    ),
    (
        # "the next few weeks", "the coming couple of months": as many units as "a few" counts
        re.compile(
            r"\b(?:in|over|within|during)\s+the\s+(?:next|coming|following)\s+"
            r"(?P<n>few|several|couple\s+of)\s+(?P<unit>days|weeks|months|quarters|years)\b",
            re.IGNORECASE,
        ),
        _few,
    ),
    (
        re.compile(
            r"\b(?:in|over|within|during)\s+the\s+(?:coming|following)\s+(?P<unit>days|weeks|months|years)\b"
            # "within weeks", "in a matter of months", "in the months ahead"
            r"|\b(?:within|in\s+a\s+matter\s+of)\s+(?P<unit2>days|weeks|months)\b"
            r"|\b(?:in|over|during)\s+the\s+(?P<unit3>days|weeks|months|years)\s+ahead\b",
            re.IGNORECASE,
        ),
        _vague,
    ),
    (re.compile(r"\btomorrow\b", re.IGNORECASE), _tomorrow),
    (
        re.compile(
            r"\b(?:on\s+|next\s+|this\s+coming\s+)?(?P<weekday>monday|tuesday|wednesday|thursday|"
            r"friday|saturday|sunday)\b",
            re.IGNORECASE,
        ),
        _weekday,
    ),
    (re.compile(r"\b(?:by|before|until)\s+christmas\b", re.IGNORECASE), _christmas),
    (
        re.compile(
            r"\b(?:by|before|until|over|on|during)\s+(?:the\s+)?"
            r"(?P<holiday>memorial\s+day|labor\s+day|thanksgiving)(?P<weekend>\s+(?:holiday\s+)?weekend)?\b",
            re.IGNORECASE,
        ),
        _holiday,
    ),
]


# "earlier this week", "the past year", "last Tuesday", "two weeks ago": phrases that look back;
# "the worst harvest in a decade", "the first time in 20 years": a superlative measured over a span.
_PARTICLE_BEFORE = re.compile(r"\b(?:through|throughout|since)\s+$", re.I)
_OWN_PREPOSITION = re.compile(r"(?:in|over|within|during|by|before|until)\s", re.I)
_LOOKS_BACK_BEFORE = re.compile(
    r"\b(?:earlier|previously|already|past|last|since|through|throughout|so\s+far)\s+$"
    r"|\b(?:worst|best|most|least|first|highest|lowest|biggest|largest|smallest|fastest|slowest|"
    r"strongest|weakest|deepest|sharpest|steepest|greatest|longest|hottest|coldest|wettest|driest)"
    r"\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
# "shares, which have tripled this year", "inflation fell this month": the part of the current
# period already past (a future perfect, "will have doubled this year", still looks ahead).
_CURRENT_PERIOD = re.compile(
    r"(?:in\s+)?this\s+(?:year|month|week|decade|quarter)\b", re.IGNORECASE
)
_PERFECT_BEFORE = re.compile(
    r"(?<!will\s)(?<!would\s)(?<!could\s)(?<!might\s)(?<!should\s)(?<!must\s)(?<!to\s)"
    r"\b(?:has|have|had|was|were)\s+(?:\w+\s+){0,2}?(?:\w+(?:ed|en|wn|ne)|become|come|been)\s+"
    r"(?:[\w%$.,-]+\s+){0,4}$",
    re.IGNORECASE,
)


def _current_period(m: re.Match[str], published: date | None) -> bool:
    """ "this year", or the publication's own year named ("familiar in 2020" written in 2020): a period
    partly past, which a perfect before it ("have become familiar in 2020") looks back on."""
    if _CURRENT_PERIOD.match(m.group()):
        return True
    year = m.groupdict().get("year")
    return bool(
        published is not None
        and year
        and not m.groupdict().get("part")
        and int(year) == published.year
    )


_LOOKS_BACK_AFTER = re.compile(r"^\s*(?:ago|earlier|before)\b", re.IGNORECASE)


# "won't fall until 2027", "not until September": the event comes in that period at the earliest,
# so the question asks whether it comes before it.
_NEGATION_BEFORE = re.compile(r"(?:\bnot|n['’]t|\bnever)\b[^,;:.!?]*$", re.IGNORECASE)


def _not_until(m: re.Match[str], pattern: re.Pattern[str], text: str) -> re.Match[str]:
    """The match read as "before ..." when it is an "until" phrase after a negation in its clause."""
    prep = m.groupdict().get("prep") or ""
    if prep.lower() not in ("until", "till") or not _NEGATION_BEFORE.search(text[: m.start()]):
        return m
    return pattern.match("before" + m.group()[len(prep) :]) or m


def find_time_expressions(text: str, published: date | None) -> list[TimeExpression]:
    """All resolvable time expressions in `text`, left to right, without overlaps.
    A phrase that looks back ("earlier this week", "last Tuesday", "a year ago") is never a deadline."""
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    for pattern, resolve in _RULES:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            before = text[max(0, start - 40) : start]
            if (
                (
                    _LOOKS_BACK_BEFORE.search(before)
                    # "feed through over the next two quarters": a particle, not the phrase's
                    # preposition, when the phrase opens with its own
                    and not (_PARTICLE_BEFORE.search(before) and _OWN_PREPOSITION.match(m.group()))
                )
                or (
                    _current_period(m, published)
                    and _PERFECT_BEFORE.search(text[max(0, start - 40) : start])
                )
                or (_LOOKS_BACK_AFTER.match(text[end : end + 12]))
            ):
                taken.append((start, end))
                continue
            deadline = resolve(_not_until(m, pattern, text), published)
            if deadline is None:
                continue
            if published is not None and deadline < published:
                continue
            taken.append((start, end))
            found.append(TimeExpression(text[start:end], start, end, deadline))
    found.sort(key=lambda t: t.start)
    return found


def find_deadline(text: str, published: date | None) -> TimeExpression | None:
    """The first resolvable time expression in `text`, or None."""
    found = find_time_expressions(text, published)
    return found[0] if found else None
