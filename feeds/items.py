"""News-item normalisation: canonical URLs, plain text, dedupe keys and published times."""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

if TYPE_CHECKING:
    from feeds.parse import ParsedFeed

TITLE_MAX_LEN = 500
SUMMARY_MAX_LEN = 4000
GUID_MAX_LEN = 1000
URL_MAX_LEN = 2048
# Keys longer than this are hashed so a hostile GUID or URL cannot bloat the unique index.
KEY_MAX_LEN = 512
FUTURE_TOLERANCE = timedelta(days=2)

# Query parameters that only identify a campaign or a click, never the page itself.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ocid",
        "cmp",  # Guardian, CNN
        "cmpid",
        "smid",  # NYT share links
        "smtyp",
        "partner",  # NYT RSS: ?partner=rss&emc=rss
        "emc",
        "at_medium",  # BBC
        "at_campaign",
        "at_campaign_type",
        "at_link_id",
        "at_link_origin",
        "at_link_type",
        "at_format",
        "at_ptr_name",
        "at_bbc_team",
        "ns_mchannel",
        "ns_source",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
    }
)
TRACKING_PREFIXES = ("utm_", "at_custom", "mkt_", "hsa_", "pk_")
DEFAULT_PORTS = {"http": 80, "https": 443}

# Terminal escape sequences (CSI, OSC) go whole, not just their ESC byte, or the rest would
# still print as garbage such as "[31m".
_ANSI_RE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
# Bidi overrides and invisible characters can make a title display as something it is not.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"),
    None,
)
_SPACE_RE = re.compile(r"\s+")
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p",
        "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title"})


@dataclass(frozen=True)
class NewsEntry:
    """One news item as the ingester stores it: plain text, UTC time, a per-feed dedupe key."""

    dedupe_key: str
    guid: str | None
    url: str | None
    title: str
    summary: str
    published_at: datetime


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


# For str patterns \s is exactly str.isspace(); the class below is Unicode's Cc, Cs and Co categories.
_WHITESPACE_RE = re.compile(r"\s")
_CONTROL_RE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)


# The controls that are not whitespace: whitespace controls (tab, newline, NEL, the separators) are spaces.
_NONSPACE_CONTROL_RE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ue000-\uf8ff"
    "\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)


def _strip_ansi(text: str) -> str:
    # Escape sequences are rare: a scan for ESC is far cheaper than running the regex over every text.
    return _ANSI_RE.sub("", text) if "\x1b" in text else text


def _strip_controls(text: str) -> str:
    text = _strip_ansi(text).translate(_INVISIBLE)
    # Whitespace controls become spaces (a tab or newline separates words); other Cc/Cs/Co go.
    # Regexes, not a per-character loop: this runs on every title, summary, guid and link.
    return _CONTROL_RE.sub("", _WHITESPACE_RE.sub(" ", text))


def truncate(text: str, max_len: int) -> str:
    """Cut text to at most max_len characters, at a word boundary when one is near, with '…'."""
    if max_len < 1:
        raise ValueError("max_len must be at least 1")
    if len(text) <= max_len:
        return text
    cut = text[: max_len - 1]
    space = cut.rfind(" ")
    if space >= max_len * 0.8:
        cut = cut[:space]
    return cut.rstrip() + "…"


def plain_text(html_or_text: str | None, max_len: int = SUMMARY_MAX_LEN) -> str:
    """Markup, entities, escape sequences and control characters out; whitespace collapsed."""
    if not html_or_text:
        return ""
    # Feeds double-escape often ("&amp;#39;"), so text is always read as HTML. Bounding the
    # input bounds the work an enormous entry can cost; markup rarely exceeds 10x the text.
    raw = _strip_ansi(html_or_text[: max_len * 10 + 100_000])
    if "<" not in raw:
        # What the parser does to text without tags: one round of character references decoded. Most
        # titles take this path, which is several times cheaper than the parser.
        text = html.unescape(raw)
    else:
        extractor = _TextExtractor()
        extractor.feed(raw)
        extractor.close()
        text = "".join(extractor.parts)
    # Same result as _strip_controls then collapsing, in fewer passes: whitespace controls are folded with
    # the other whitespace, the rest removed.
    text = _NONSPACE_CONTROL_RE.sub("", _strip_ansi(text).translate(_INVISIBLE))
    text = _SPACE_RE.sub(" ", text).strip()
    return truncate(text, max_len)


def _is_tracking(key: str) -> bool:
    low = key.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """Lowercase scheme and host, drop default port, fragment and tracking parameters.

    Remaining query parameters are sorted so that reordered links dedupe together; the path
    keeps its case because servers may treat it as significant.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal lost its brackets in .hostname
        host = f"[{host}]"
    netloc = host
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{host}"
    if port is not None and DEFAULT_PORTS.get(scheme) != port:
        netloc = f"{netloc}:{port}"
    path = parts.path or ("/" if netloc else "")
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    query.sort()
    # Stripped again: dropping the fragment can leave the space that stood before it ("x #top").
    return urlunsplit((scheme, netloc, path, urlencode(query), "")).strip()


def _bounded_key(kind: str, value: str) -> str:
    if len(value) > KEY_MAX_LEN:
        return f"{kind}:sha256:{hashlib.sha256(value.encode('utf-8')).hexdigest()}"
    return f"{kind}:{value}"


def dedupe_key(guid: str | None, url: str | None, title: str | None, summary: str | None) -> str:
    """The per-feed identity of an item: 'guid:…', else 'url:…' (canonical), else 'hash:…'."""
    if guid and guid.strip():
        return _bounded_key("guid", guid.strip())
    if url and url.strip():
        return _bounded_key("url", canonical_url(url))
    # Hash the plain text so the same item re-served with different markup still dedupes.
    text = plain_text(title, TITLE_MAX_LEN) + "\n" + plain_text(summary, SUMMARY_MAX_LEN)
    return "hash:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _as_utc(dt: datetime) -> datetime:
    # Feeds that give no zone almost always mean UTC (and feedparser normalises to UTC).
    if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def normalise_published(dt: datetime | None, fetched_at: datetime) -> datetime:
    """Published time in UTC; the fetch time when missing or more than two days in the future."""
    fetched = _as_utc(fetched_at)
    if dt is None:
        return fetched
    published = _as_utc(dt)
    if published > fetched + FUTURE_TOLERANCE:
        return fetched
    return published


def _web_url(link: str | None) -> str | None:
    # Only http(s) links are kept: a "javascript:" or "file:" link has no business in a report.
    if not link:
        return None
    link = _strip_controls(link).strip()
    if urlsplit(link).scheme.lower() not in ("http", "https") or len(link) > URL_MAX_LEN:
        return None
    return link


def make_entry(
    *,
    guid: str | None,
    link: str | None,
    title: str | None,
    summary: str | None,
    published: datetime | None,
    fetched_at: datetime,
) -> NewsEntry:
    """Build the stored form of one feed entry from what the parser found."""
    clean_guid = _strip_controls(guid).strip() if guid else ""
    try:
        url = _web_url(link)
    except ValueError:
        url = None
    return NewsEntry(
        dedupe_key=dedupe_key(clean_guid, url, title, summary),
        guid=truncate(clean_guid, GUID_MAX_LEN) if clean_guid else None,
        url=url,
        title=plain_text(title, TITLE_MAX_LEN),
        summary=plain_text(summary, SUMMARY_MAX_LEN),
        published_at=normalise_published(published, fetched_at),
    )


def feed_entries(parsed: ParsedFeed, fetched_at: datetime) -> list[NewsEntry]:
    """A parsed feed's entries in their stored form, the first occurrence of each dedupe key kept."""
    seen: set[str] = set()
    out: list[NewsEntry] = []
    for e in parsed.entries:
        entry = make_entry(
            guid=e.guid,
            link=e.link,
            title=e.title,
            summary=e.summary,
            published=e.published or e.updated,
            fetched_at=fetched_at,
        )
        if entry.dedupe_key not in seen:
            seen.add(entry.dedupe_key)
            out.append(entry)
    return out
