"""The pure next-check decision: intervals, server hints, backoff, disabling."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feeds.schedule import (
    DEFAULT_INTERVAL_MINUTES,
    MAX_INTERVAL_MINUTES,
    MIN_INTERVAL_MINUTES,
    Outcome,
    clamp_interval,
    next_check,
)

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def minutes_until(at: datetime) -> float:
    return (at - NOW).total_seconds() / 60


@pytest.mark.parametrize(
    ("given_minutes", "expected"),
    [
        (None, 60),
        (math.nan, 60),
        (0, 5),
        (-10, 5),
        (4.9, 5),
        (5, 5),
        (59.2, 60),
        (60, 60),
        (1440, 1440),
        (1441, 1440),
        (math.inf, 1440),
    ],
)
def test_clamp_interval(given_minutes: float | None, expected: int) -> None:
    assert clamp_interval(given_minutes) == expected


def test_success_waits_the_interval_and_resets_errors() -> None:
    schedule = next_check(
        now=NOW,
        interval_minutes=60,
        outcome="ok",
        consecutive_errors=3,
        first_error_at=NOW - timedelta(days=2),
    )
    assert schedule.next_at == NOW + timedelta(minutes=60)
    assert schedule.interval_minutes == 60
    assert schedule.consecutive_errors == 0
    assert schedule.first_error_at is None
    assert not schedule.disabled


def test_not_modified_counts_as_success() -> None:
    schedule = next_check(
        now=NOW, interval_minutes=30, outcome="not_modified", consecutive_errors=1
    )
    assert minutes_until(schedule.next_at) == 30
    assert schedule.consecutive_errors == 0


def test_default_interval_when_unset() -> None:
    schedule = next_check(now=NOW, interval_minutes=None, outcome="ok", consecutive_errors=0)
    assert minutes_until(schedule.next_at) == DEFAULT_INTERVAL_MINUTES
    assert schedule.interval_minutes == DEFAULT_INTERVAL_MINUTES


@pytest.mark.parametrize(
    ("hints", "expected_minutes"),
    [
        ({"ttl_minutes": 120}, 120),
        ({"ttl_minutes": 10}, 60),  # hints only ever lengthen the wait
        ({"max_age_seconds": 3 * 3600}, 180),
        ({"max_age_seconds": 30}, 60),
        ({"retry_after_seconds": 7200}, 120),
        ({"ttl_minutes": 90, "max_age_seconds": 6000, "retry_after_seconds": 600}, 100),
        ({"ttl_minutes": 10_000}, MAX_INTERVAL_MINUTES),
        ({"max_age_seconds": -5, "ttl_minutes": 0, "retry_after_seconds": math.nan}, 60),
    ],
)
def test_success_respects_server_hints(hints: dict[str, Any], expected_minutes: float) -> None:
    schedule = next_check(now=NOW, interval_minutes=60, outcome="ok", consecutive_errors=0, **hints)
    assert minutes_until(schedule.next_at) == expected_minutes
    # A hint from one response does not change the feed's own interval.
    assert schedule.interval_minutes == 60


@pytest.mark.parametrize(
    ("errors_before", "expected_minutes"),
    [(0, 60), (1, 120), (2, 240), (3, 480), (4, 960), (5, 1440), (6, 1440), (10_000, 1440)],
)
def test_error_backoff_doubles_and_caps_at_a_day(errors_before: int, expected_minutes: int) -> None:
    schedule = next_check(
        now=NOW,
        interval_minutes=60,
        outcome="error",
        consecutive_errors=errors_before,
        first_error_at=NOW - timedelta(hours=1) if errors_before else None,
    )
    assert minutes_until(schedule.next_at) == expected_minutes
    assert schedule.consecutive_errors == errors_before + 1
    assert schedule.interval_minutes == 60


def test_first_error_starts_the_failure_clock() -> None:
    schedule = next_check(now=NOW, interval_minutes=60, outcome="error", consecutive_errors=0)
    assert schedule.first_error_at == NOW
    later = next_check(
        now=NOW + timedelta(hours=1),
        interval_minutes=60,
        outcome="error",
        consecutive_errors=schedule.consecutive_errors,
        first_error_at=schedule.first_error_at,
    )
    assert later.first_error_at == NOW


def test_retry_after_on_error_is_honoured_and_capped() -> None:
    honoured = next_check(
        now=NOW,
        interval_minutes=60,
        outcome="error",
        consecutive_errors=0,
        retry_after_seconds=5 * 3600,
    )
    assert minutes_until(honoured.next_at) == 300
    capped = next_check(
        now=NOW,
        interval_minutes=60,
        outcome="error",
        consecutive_errors=0,
        retry_after_seconds=30 * 86400,
    )
    assert minutes_until(capped.next_at) == MAX_INTERVAL_MINUTES
    shorter = next_check(
        now=NOW,
        interval_minutes=60,
        outcome="error",
        consecutive_errors=3,
        retry_after_seconds=60,
    )
    assert minutes_until(shorter.next_at) == 480  # backoff still applies


def test_disabled_after_thirty_days_of_failure() -> None:
    def fail(days: float) -> bool:
        return next_check(
            now=NOW,
            interval_minutes=60,
            outcome="error",
            consecutive_errors=40,
            first_error_at=NOW - timedelta(days=days),
        ).disabled

    assert not fail(29.9)
    assert fail(30)
    assert fail(45)


def test_success_after_long_failure_is_not_disabled() -> None:
    schedule = next_check(
        now=NOW,
        interval_minutes=60,
        outcome="ok",
        consecutive_errors=40,
        first_error_at=NOW - timedelta(days=40),
    )
    assert not schedule.disabled and schedule.consecutive_errors == 0


def test_jitter_adds_up_to_a_tenth() -> None:
    def wait(jitter: float) -> float:
        at = next_check(
            now=NOW, interval_minutes=60, outcome="ok", consecutive_errors=0, jitter=jitter
        ).next_at
        return minutes_until(at)

    assert wait(0.0) == 60
    assert wait(0.5) == pytest.approx(63)
    assert wait(1.0) == pytest.approx(66)


@pytest.mark.parametrize("jitter", [-0.1, 1.5, math.nan])
def test_jitter_out_of_range(jitter: float) -> None:
    with pytest.raises(ValueError, match="jitter"):
        next_check(now=NOW, interval_minutes=60, outcome="ok", consecutive_errors=0, jitter=jitter)


def test_unknown_outcome() -> None:
    with pytest.raises(ValueError, match="outcome"):
        next_check(
            now=NOW,
            interval_minutes=60,
            outcome="maybe",  # type: ignore[arg-type]
            consecutive_errors=0,
        )


hint = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))


@given(
    interval=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    outcome=st.sampled_from(["ok", "not_modified", "error"]),
    errors=st.integers(min_value=-5, max_value=10**9),
    ttl=hint,
    max_age=hint,
    retry_after=hint,
    failing_for=st.one_of(st.none(), st.timedeltas(timedelta(0), timedelta(days=400))),
    jitter=st.floats(min_value=0.0, max_value=1.0),
)
def test_every_wait_is_within_bounds(
    interval: float | None,
    outcome: Outcome,
    errors: int,
    ttl: float | None,
    max_age: float | None,
    retry_after: float | None,
    failing_for: timedelta | None,
    jitter: float,
) -> None:
    schedule = next_check(
        now=NOW,
        interval_minutes=interval,
        outcome=outcome,
        consecutive_errors=errors,
        ttl_minutes=ttl,
        max_age_seconds=max_age,
        retry_after_seconds=retry_after,
        first_error_at=None if failing_for is None else NOW - failing_for,
        jitter=jitter,
    )
    wait = minutes_until(schedule.next_at)
    assert MIN_INTERVAL_MINUTES - 1e-6 <= wait <= MAX_INTERVAL_MINUTES + 1e-6
    assert MIN_INTERVAL_MINUTES <= schedule.interval_minutes <= MAX_INTERVAL_MINUTES
    if outcome == "error":
        assert schedule.consecutive_errors == max(0, errors) + 1
        assert schedule.first_error_at is not None
        assert schedule.disabled == (failing_for is not None and failing_for >= timedelta(days=30))
    else:
        assert schedule.consecutive_errors == 0 and not schedule.disabled
        assert schedule.first_error_at is None


@given(
    errors=st.integers(min_value=0, max_value=30),
    interval=st.integers(min_value=MIN_INTERVAL_MINUTES, max_value=MAX_INTERVAL_MINUTES),
)
def test_backoff_never_shrinks_as_errors_grow(errors: int, interval: int) -> None:
    def wait(n: int) -> float:
        at = next_check(now=NOW, interval_minutes=interval, outcome="error", consecutive_errors=n)
        return minutes_until(at.next_at)

    assert wait(errors) <= wait(errors + 1)
    assert wait(errors) >= interval
