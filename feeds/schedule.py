"""The pure "when is this feed checked next" decision over a feed's stored scheduling state."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

DEFAULT_INTERVAL_MINUTES = 60
MIN_INTERVAL_MINUTES = 5
MAX_INTERVAL_MINUTES = 24 * 60
DISABLE_AFTER = timedelta(days=30)
# jitter in [0, 1] adds up to this fraction of the delay, so feeds added together spread out.
JITTER_FRACTION = 0.1
# 2**11 * 5 min already exceeds 24 h; a larger exponent only risks overflow.
_MAX_BACKOFF_EXPONENT = 11

Outcome = Literal["ok", "not_modified", "error"]


@dataclass(frozen=True)
class Schedule:
    """What to store on the feed after a check.

    interval_minutes is the feed's own (clamped) interval, never raised permanently by one
    response's TTL or Retry-After: those only push next_at later. first_error_at is when the
    current run of failures began (None after a success) so the 30-day rule can be applied.
    """

    next_at: datetime
    interval_minutes: int
    consecutive_errors: int
    disabled: bool
    first_error_at: datetime | None


def clamp_interval(minutes: float | None) -> int:
    """A whole number of minutes within 5 min – 24 h; None or NaN means the 60 min default."""
    if minutes is None or math.isnan(minutes):
        return DEFAULT_INTERVAL_MINUTES
    if minutes <= MIN_INTERVAL_MINUTES:
        return MIN_INTERVAL_MINUTES
    if minutes >= MAX_INTERVAL_MINUTES:
        return MAX_INTERVAL_MINUTES
    return math.ceil(minutes)


def _hint_minutes(value: float | None, per_minute: float) -> float:
    # Server hints may be missing, negative or garbage: they can only ever lengthen the wait.
    if value is None or math.isnan(value) or value <= 0:
        return 0.0
    return value / per_minute


def next_check(
    *,
    now: datetime,
    interval_minutes: float | None,
    outcome: Outcome,
    consecutive_errors: int,
    ttl_minutes: float | None = None,
    max_age_seconds: float | None = None,
    retry_after_seconds: float | None = None,
    first_error_at: datetime | None = None,
    jitter: float = 0.0,
    gone: bool = False,
) -> Schedule:
    """Decide the next check after a fetch that ended with `outcome` at `now`.

    consecutive_errors and first_error_at are the stored values from before this fetch.
    Success: wait the interval, raised to respect <ttl>, Cache-Control max-age and
    Retry-After. Error: wait interval * 2**(errors - 1), raised by Retry-After. Every wait is
    within 5 min – 24 h (jitter included). After 30 days of continuous failure the feed is
    disabled. jitter is drawn by the caller from [0, 1] so this stays pure. gone (an error that says the
    feed no longer exists, HTTP 410) disables it at once: retrying a permanent answer only wastes requests.
    """
    if not 0.0 <= jitter <= 1.0:
        raise ValueError(f"jitter must be within [0, 1], got {jitter}")
    if outcome not in ("ok", "not_modified", "error"):
        raise ValueError(f"unknown outcome {outcome!r}")
    interval = clamp_interval(interval_minutes)
    retry_after = _hint_minutes(retry_after_seconds, 60.0)

    if outcome == "error":
        errors = max(0, consecutive_errors) + 1
        started = first_error_at if first_error_at is not None else now
        backoff = interval * 2.0 ** min(errors - 1, _MAX_BACKOFF_EXPONENT)
        delay = max(backoff, retry_after)
        disabled = gone or now - started >= DISABLE_AFTER
    else:
        errors = 0
        started = None
        delay = max(
            interval,
            _hint_minutes(ttl_minutes, 1.0),
            _hint_minutes(max_age_seconds, 60.0),
            retry_after,
        )
        disabled = False

    delay *= 1.0 + JITTER_FRACTION * jitter
    delay = min(max(delay, MIN_INTERVAL_MINUTES), MAX_INTERVAL_MINUTES)
    return Schedule(
        next_at=now + timedelta(minutes=delay),
        interval_minutes=interval,
        consecutive_errors=errors,
        disabled=disabled,
        first_error_at=started,
    )
