"""The watched feeds: adding, listing and removing them (their polling lives in feeds.ingest)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from feeds.schedule import MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES
from ledger.errors import NotFound, UserInputError
from ledger.events import change
from ledger.ids import short
from ledger.lookup import get
from ledger.models import Feed, Flag, NewsItem, Resolution, utcnow

# last_status of a feed that was removed but kept because some of its items are evidence.
REMOVED = "removed"


def check_url(url: str) -> str:
    """The URL as stored: stripped, and it must be an absolute http(s) URL with a host and no control or format
    characters (urlsplit drops tabs and newlines silently and keeps escape sequences, which would reach the
    terminal when the feed is listed and could never be fetched). The URL is not echoed in that error."""
    url = url.strip()
    for position, char in enumerate(url, 1):
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            raise UserInputError(
                f"the URL has a {'space' if char == ' ' else 'control character'} (U+{ord(char):04X}) at "
                f"character {position}; give the feed's address as it is, e.g. https://www.theguardian.com/world/rss "
                "(percent-encode a space as %20)."
            )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise UserInputError(f"{url!r} is not a valid URL ({exc}).") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UserInputError(
            f"{url!r} is not an http(s) URL; give the feed's address, e.g. "
            "https://www.theguardian.com/world/rss."
        )
    if len(url) > 2000:
        raise UserInputError("the URL is longer than 2000 characters.")
    return url


def check_interval(minutes: int | None) -> int | None:
    if minutes is None:
        return None
    if not MIN_INTERVAL_MINUTES <= minutes <= MAX_INTERVAL_MINUTES:
        raise UserInputError(
            f"--interval {minutes} is out of range: give minutes between {MIN_INTERVAL_MINUTES} "
            f"and {MAX_INTERVAL_MINUTES} (24 h), e.g. --interval 30."
        )
    return minutes


@dataclass(frozen=True)
class Added:
    feed: Feed
    created: bool
    reactivated: bool


def add_feed(session: Session, *, url: str, interval: int | None = None, actor: str) -> Added:
    """Watch a feed, first checked at the next poll. Adding a URL already watched changes nothing but its interval
    (when given); adding a removed feed's URL again watches it again, with its old items."""
    url = check_url(url)
    interval = check_interval(interval)
    with change(session, "feed.added", "feed", actor=actor) as ch:
        existing = session.exec(select(Feed).where(Feed.url == url)).first()
        if existing is None:
            feed = Feed(url=url, interval_minutes=interval or 60, next_check_at=utcnow())
            session.add(feed)
            session.flush()
            ch.subject = f"feed:{feed.id}"
            return Added(feed, created=True, reactivated=False)
        ch.subject = f"feed:{existing.id}"
        reactivated = existing.last_status == REMOVED
        if reactivated:
            ch.action = "feed.readded"
            ch.data["url"] = url
            existing.disabled = False
            existing.last_status = None
            existing.consecutive_errors = 0
            existing.first_error_at = None
            existing.next_check_at = utcnow()
        if interval is not None:
            existing.interval_minutes = interval
        session.add(existing)
        return Added(existing, created=False, reactivated=reactivated)


def feed_status(feed: Feed) -> str:
    """One word for a feed's state: new, ok, warning, not modified, error, disabled or removed."""
    if feed.last_status == REMOVED:
        return REMOVED
    if feed.disabled:
        return "disabled"
    if feed.last_status is None:
        return "new"
    if feed.last_status == "ok" and feed.warning:
        return "warning"
    return feed.last_status.replace("_", " ")


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if value else None


def feed_json(feed: Feed, *, items: int = 0, flags: int = 0) -> dict[str, Any]:
    return {
        "id": feed.id,
        "url": feed.url,
        "final_url": feed.final_url,
        "title": feed.title,
        "status": feed_status(feed),
        "interval_minutes": feed.interval_minutes,
        "last_checked_at": _iso(feed.last_checked_at),
        "next_check_at": None if feed.disabled else _iso(feed.next_check_at),
        "last_http_status": feed.last_http_status,
        "consecutive_errors": feed.consecutive_errors,
        "first_error_at": _iso(feed.first_error_at),
        "last_error": feed.last_error,
        "warning": feed.warning,
        "disabled": feed.disabled,
        "removed": feed.last_status == REMOVED,
        "items": items,
        "flags": flags,
    }


def list_feeds(session: Session) -> list[dict[str, Any]]:
    """Every feed with its polling state and its counts of stored items and flags, oldest first."""
    items = dict(
        session.exec(select(NewsItem.feed_id, func.count()).group_by(col(NewsItem.feed_id))).all()
    )
    flags = dict(
        session.exec(
            select(NewsItem.feed_id, func.count())
            .select_from(Flag)
            .join(NewsItem, col(NewsItem.id) == col(Flag.item_id))
            .group_by(col(NewsItem.feed_id))
        ).all()
    )
    feeds = session.exec(select(Feed).order_by(col(Feed.created_at), col(Feed.id))).all()
    return [feed_json(f, items=items.get(f.id, 0), flags=flags.get(f.id, 0)) for f in feeds]


def find_feed(session: Session, ref: str) -> Feed:
    """A feed by id, short id or URL."""
    ref = ref.strip()
    by_url = session.exec(select(Feed).where(Feed.url == ref)).first()
    if by_url is not None:
        return by_url
    if "://" in ref:
        raise NotFound(f"no feed with URL {ref!r}; `forecast-ledger feeds list` shows them.")
    return get(session, Feed, ref)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _evidence_items(session: Session, feed_id: str) -> set[str]:
    """Ids of the feed's items that are evidence: a flag reviewed as evidence, or cited by a resolution."""
    flagged = set(
        session.exec(
            select(Flag.item_id)
            .join(NewsItem, col(NewsItem.id) == col(Flag.item_id))
            .where(NewsItem.feed_id == feed_id, Flag.status == "evidence")
        ).all()
    )
    item_ids = set(session.exec(select(NewsItem.id).where(NewsItem.feed_id == feed_id)).all())
    cited: set[str] = set()
    if item_ids:
        for evidence in session.exec(select(Resolution.evidence)).all():
            cited.update(s for s in _strings(evidence) if s in item_ids)
    return flagged | cited


@dataclass(frozen=True)
class Removed:
    """What `remove_feed` did: deleted the feed with its items and flags, or kept it (retired) because some of its
    items are evidence."""

    feed_id: str
    url: str
    kept: bool
    items: int
    flags: int
    evidence_items: int

    def line(self) -> str:
        if self.kept:
            return (
                f"feed {short(self.feed_id)} ({self.url}) will not be polled again; kept with its {self.items} "
                f"items and {self.flags} flags because {self.evidence_items} of its items are evidence."
            )
        return (
            f"removed feed {short(self.feed_id)} ({self.url}) with its {self.items} items and "
            f"{self.flags} unreviewed or dismissed flags (the ledger keeps the flags' record)."
        )


def remove_feed(session: Session, ref: str, *, actor: str) -> Removed:
    """Stop watching a feed without losing evidence.

    A feed none of whose items is evidence is deleted with its items and flags (new or dismissed; the ledger keeps
    each flag's record). A feed with evidence items is retired instead: never polled again, listed as removed, its
    items and flags kept so resolutions and reviewed flags still point at them."""
    with change(session, "feed.removed", "feed", actor=actor) as ch:
        feed = find_feed(session, ref)
        ch.subject = f"feed:{feed.id}"
        if feed.last_status == REMOVED:
            raise UserInputError(f"feed {short(feed.id)} ({feed.url}) is already removed.")
        evidence = _evidence_items(session, feed.id)
        n_items = session.exec(
            select(func.count()).select_from(NewsItem).where(NewsItem.feed_id == feed.id)
        ).one()
        flags = session.exec(
            select(Flag)
            .join(NewsItem, col(NewsItem.id) == col(Flag.item_id))
            .where(NewsItem.feed_id == feed.id)
        ).all()
        ch.data.update({"url": feed.url, "items": n_items, "flags": len(flags)})
        if evidence:
            ch.data["kept_for_evidence"] = len(evidence)
            feed.disabled = True
            feed.last_status = REMOVED
            feed.lease_owner = None
            feed.lease_until = None
            session.add(feed)
            return Removed(feed.id, feed.url, True, n_items, len(flags), len(evidence))
        for flag in flags:
            session.delete(flag)
        session.flush()
        session.execute(sa.delete(NewsItem).where(col(NewsItem.feed_id) == feed.id))
        session.delete(feed)
        return Removed(feed.id, feed.url, False, n_items, len(flags), 0)
