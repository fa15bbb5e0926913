"""Dates as users type them: ISO dates, and relative ones like "in 6 months" or "tomorrow"."""

from __future__ import annotations

import datetime as dt
import re

from ledger.errors import UserInputError

# Dates as articles print them (strptime compares month names in any case).
_WRITTEN = ("%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y")
_RELATIVE = re.compile(r"^in\s+(\d+|a|an|one)\s+(day|week|month|year)s?$")


def _add_months(day: dt.date, months: int) -> dt.date:
    import calendar

    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def parse_date(text: str, *, today: dt.date | None = None, what: str = "date") -> dt.date:
    """`2026-12-31`, `in 6 months`, `in 2 weeks`, `today`, `tomorrow`; else a UserInputError."""
    today = today or dt.date.today()
    value = text.strip().lower()
    if value in ("today", "now"):
        return today
    if value == "tomorrow":
        return today + dt.timedelta(days=1)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    for layout in _WRITTEN:  # "13 March 2025", "March 13, 2025", "13 Mar 2025"
        try:
            return dt.datetime.strptime(value.replace(",", ""), layout).date()
        except ValueError:
            pass
    match = _RELATIVE.match(value)
    if match:
        count = 1 if match.group(1) in ("a", "an", "one") else int(match.group(1))
        unit = match.group(2)
        try:
            if unit == "day":
                return today + dt.timedelta(days=count)
            if unit == "week":
                return today + dt.timedelta(weeks=count)
            return _add_months(today, count * (12 if unit == "year" else 1))
        except (ValueError, OverflowError):
            # Past year 9999 neither Python's dates nor the databases' can hold it.
            raise UserInputError(
                f"{what} {text!r} is too far away: dates end at 9999-12-31."
            ) from None
    raise UserInputError(
        f"{what} {text!r} is not a date; use YYYY-MM-DD (e.g. 2026-12-31), '13 March 2025' or 'in 6 months'."
    )


def parse_datetime(text: str, *, what: str = "time") -> dt.datetime:
    """An ISO date or date-time; naive values are taken as UTC."""
    value = text.strip()
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return dt.datetime.combine(parse_date(value, what=what), dt.time(), tzinfo=dt.UTC)
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)
