"""Feed parsing: the only module that imports feedparser; bytes and headers in, plain values out.

feedparser (with its sgmllib and sanitiser tables) is imported inside parse_feed, so commands
that never parse a feed do not load it; it costs about 40 ms here, more on a cold disk.
"""

from __future__ import annotations

import calendar
import io
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

_HTML_RE = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)


class FeedParseError(Exception):
    """The document is not a usable feed: no entries and malformed, empty, or not a feed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ParsedEntry:
    """One entry as published; times are UTC.

    title and summary are the publisher's text, HTML unsanitised: reduce them with
    feeds.items.plain_text before storing or showing them.
    """

    guid: str | None
    link: str | None
    title: str | None
    summary: str | None
    published: datetime | None
    updated: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    link: str | None
    ttl_minutes: int | None
    entries: list[ParsedEntry]
    warning: str | None
    version: str
    encoding: str | None


def _utc(struct: time.struct_time | None) -> datetime | None:
    # feedparser has already converted to UTC; timegm reads the struct as UTC.
    if struct is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _ttl(value: Any) -> int | None:
    try:
        ttl = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return ttl if ttl > 0 else None


def _recoverable(exc: BaseException | None) -> bool:
    """A bozo reason after which feedparser's loose parser has read the whole document as meant: entities
    that XML does not define, or an encoding declared wrongly."""
    if exc is None:
        return True
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    return "undefined entity" in str(message) or type(exc).__name__ == "CharacterEncodingOverride"


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "malformed feed"
    name = type(exc).__name__
    detail = str(exc).strip()
    if len(detail) > 200:
        detail = detail[:199] + "…"
    if name == "SAXParseException":
        where = f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}"  # type: ignore[attr-defined]
        return f"not well-formed XML at {where}: {exc.getMessage()}"  # type: ignore[attr-defined]
    if name == "CharacterEncodingOverride":
        return f"wrong declared encoding: {detail}"
    if name == "CharacterEncodingUnknown":
        return f"unknown character encoding: {detail}"
    if name == "NonXMLContentType":
        return f"not an XML content type: {detail}"
    return f"{name}: {detail}" if detail else name


def _absolute(link: str | None, base: str) -> str | None:
    """A relative entry link made absolute against the feed's URL. Done here for the one field we keep:
    feedparser given a base URL resolves every URL-bearing element, a tenth of the parse."""
    if not link or "://" in link[:12] or not base:
        return link
    return urljoin(base, link)


def _entry(raw: Any, base: str = "") -> ParsedEntry:
    summary = _text(raw.get("summary"))
    if summary is None:
        content = raw.get("content") or []
        if content and isinstance(content[0], Mapping):
            summary = _text(content[0].get("value"))
    return ParsedEntry(
        guid=_text(raw.get("id")),
        link=_absolute(_text(raw.get("link")), base),
        title=_text(raw.get("title")),
        summary=summary,
        published=_utc(raw.get("published_parsed")),
        # Asked only when present: feedparser's get() would alias it to published, with a warning.
        updated=_utc(raw["updated_parsed"]) if "updated_parsed" in raw else None,
    )


def parse_feed(content: bytes, *, url: str, headers: Mapping[str, str] | None = None) -> ParsedFeed:
    """Parse a fetched feed document.

    headers are the HTTP response headers: their Content-Type charset takes part in encoding
    detection. Relative links resolve against url unless the headers say otherwise.
    A malformed feed that still yielded entries comes back with a warning; one that yielded
    none raises FeedParseError, as does an empty body or an HTML page.
    """
    import feedparser  # lazy on purpose: see the module docstring

    if not content or not content.strip():
        raise FeedParseError("empty body")
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    # Without a Content-Type feedparser flags every document; application/xml (unlike text/xml)
    # lets the XML declaration and byte-order mark decide the encoding.
    response_headers.setdefault("content-type", "application/xml")
    # Bytes passed directly may be taken for a file name and read from disk; a stream is not.
    result = feedparser.parse(
        io.BytesIO(content),
        response_headers=response_headers,
        # Entries are reduced to plain text downstream, so feedparser's HTML sanitiser and
        # relative-URI rewriting inside content only cost time (half the parse on a markup-heavy
        # entry).
        sanitize_html=False,
        resolve_relative_uris=False,
    )

    base = response_headers.get("content-location") or url
    entries = [_entry(e, base) for e in result.get("entries", [])]
    bozo = bool(result.get("bozo"))
    version = result.get("version") or ""
    feed = result.get("feed", {})
    # An empty channel whose title holds an HTML entity (undefined in XML, so feedparser sets bozo and reads it
    # with its loose parser) is a readable feed with nothing in it yet, not a failure that would back it off and
    # in the end disable it. A document that is broken in any other way and yields no entries stays a failure.
    readable = bool(version) and (not bozo or _recoverable(result.get("bozo_exception")))
    if not entries and not readable:
        if not version and _HTML_RE.search(content[:2048]):
            raise FeedParseError("an HTML page, not a feed")
        if bozo:
            raise FeedParseError(_describe(result.get("bozo_exception")))
        raise FeedParseError("not a feed (no RSS or Atom document found)")

    return ParsedFeed(
        title=_text(feed.get("title")),
        link=_absolute(_text(feed.get("link")), base),
        ttl_minutes=_ttl(feed.get("ttl")),
        entries=entries,
        warning=_describe(result.get("bozo_exception")) if bozo else None,
        version=version,
        encoding=_text(result.get("encoding")),
    )
