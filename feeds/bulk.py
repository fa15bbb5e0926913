"""Feeds in bulk: many URLs in one ledger entry, OPML subscription lists read and written (how feed readers move
subscriptions between them)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from sqlmodel import Session, col, select

from feeds.registry import REMOVED, Added, check_interval, check_url, watch_again
from ledger.errors import InputFileErrors, LedgerError, Problem, UserInputError
from ledger.events import change
from ledger.ids import new_id
from ledger.models import Feed, utcnow

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold
_CHUNK = 500  # URLs per IN (...) lookup: well under every database's bound-parameter limit


@dataclass(frozen=True)
class Subscription:
    url: str
    title: str | None = None
    line: int | None = None  # in the OPML file


def check_all(subs: list[Subscription], where: str) -> list[Subscription]:
    """Every URL checked before anything is written; duplicates kept once, first title wins."""
    problems: list[Problem] = []
    seen: dict[str, Subscription] = {}
    for sub in subs:
        try:
            url = check_url(sub.url)
        except LedgerError as exc:
            problems.append(Problem(where, sub.line, str(exc)))
            continue
        if url not in seen:
            seen[url] = Subscription(url, (sub.title or "").strip()[:1000] or None, sub.line)
    if problems:
        raise InputFileErrors(problems)
    return list(seen.values())


def add_feeds(
    session: Session,
    subs: list[Subscription],
    *,
    interval: int | None = None,
    actor: str,
    where: str = "arguments",
) -> list[Added]:
    """Watches every URL in one ledger entry: new ones inserted together (2,000 at once take a second, not the
    half hour of 2,000 commands); ones already watched are left as they are, or watched again if removed."""
    interval = check_interval(interval)
    checked = check_all(subs, where)
    if not checked:
        raise UserInputError("no feed URLs given.")
    with change(session, "feeds.added", f"feeds:{len(checked)}", actor=actor) as ch:
        existing: dict[str, Feed] = {}
        urls = [s.url for s in checked]
        for i in range(0, len(urls), _CHUNK):
            for feed in session.exec(select(Feed).where(col(Feed.url).in_(urls[i : i + _CHUNK]))):
                existing[feed.url] = feed
        results: list[Added] = []
        rows: list[dict[str, Any]] = []
        # One model instance gives every column's default; each new row is a copy with its own id, URL and
        # title (building 2,000 model instances costs more than inserting the rows).
        columns = [c.name for c in Feed.__table__.columns]  # type: ignore[attr-defined]
        template = Feed(url="", interval_minutes=interval or 60, next_check_at=utcnow())
        defaults = {name: getattr(template, name) for name in columns}
        for sub in checked:
            found = existing.get(sub.url)
            if found is not None:
                results.append(watch_again(session, found, interval))
                continue
            row = {**defaults, "id": new_id(), "url": sub.url, "title": sub.title}
            rows.append(row)
            results.append(Added(Feed.model_construct(**row), created=True, reactivated=False))
        ch.insert_rows(session, Feed, rows)
        ch.data = {
            "added": len(rows),
            "watched_again": sum(r.reactivated for r in results),
            "already": sum(not r.created and not r.reactivated for r in results),
        }
    return results


# --- OPML -----------------------------------------------------------------------------------------------------


def read_opml(path: Path) -> list[Subscription]:
    """The feeds in an OPML file: every <outline> with an xmlUrl, at any depth (folders are outlines too)."""
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserInputError(f"{path}: {exc.strerror or exc}.") from None
    if not data.strip():
        raise InputFileErrors([Problem(where, None, "the file is empty; an OPML file is XML")])
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise InputFileErrors([Problem(where, line, f"not valid XML: {exc}")]) from None
    if root.tag.lower() != "opml":
        raise InputFileErrors([Problem(where, 1, f"the root element is <{root.tag}>, not <opml>")])
    subs = []
    for outline in root.iter():
        if outline.tag.lower() != "outline":
            continue
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        url = attrs.get("xmlurl")
        if url is None:
            continue
        subs.append(Subscription(url, attrs.get("title") or attrs.get("text")))
    if not subs:
        raise InputFileErrors([Problem(where, None, "no <outline xmlUrl=...> feeds in the file")])
    return subs


def opml_text(feeds: list[Feed], *, title: str = "forecast-ledger feeds") -> str:
    """The watched feeds (not the removed ones) as OPML 2.0."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_escape(title)}</title></head>",
        "  <body>",
    ]
    for feed in feeds:
        if feed.last_status == REMOVED:
            continue
        name = _NOT_XML.sub("", feed.title or feed.url)
        lines.append(
            f'    <outline type="rss" text={quoteattr(name)} title={quoteattr(name)} '
            f"xmlUrl={quoteattr(feed.url)}/>"
        )
    lines += ["  </body>", "</opml>"]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def watched_feeds(session: Session) -> list[Feed]:
    return list(session.exec(select(Feed).order_by(col(Feed.created_at), col(Feed.id))))
