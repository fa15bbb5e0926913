"""feeds.parse on the shipped real feeds and on broken documents."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.items import SUMMARY_MAX_LEN, make_entry
from feeds.parse import FeedParseError, ParsedFeed, parse_feed

NEWS = Path(__file__).resolve().parent.parent / "feeds" / "data" / "news"


def _readme_counts() -> dict[str, int]:
    """The item counts from the table in the data README, the independent record of truth."""
    counts = {}
    for line in (NEWS / "README.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\|\s*([\w.-]+\.xml)\s*\|[^|]*\|[^|]*\|\s*(\d+)\s*\|", line)
        if match:
            counts[match.group(1)] = int(match.group(2))
    return counts


README_COUNTS = _readme_counts()


def _rss(items: str, *, encoding: str = "utf-8", channel: str = "") -> str:
    return (
        f"<?xml version='1.0' encoding='{encoding}'?><rss version='2.0'><channel>"
        f"<title>Test feed</title><link>https://example.com/</link>{channel}{items}"
        "</channel></rss>"
    )


def parse(text: str | bytes, **headers: str) -> ParsedFeed:
    content = text.encode("utf-8") if isinstance(text, str) else text
    return parse_feed(content, url="https://example.com/feed.xml", headers=headers or None)


def test_readme_table_covers_every_shipped_file() -> None:
    assert len(README_COUNTS) == 17
    assert set(README_COUNTS) == {p.name for p in NEWS.glob("*.xml")}
    assert sum(README_COUNTS.values()) == 5438


@pytest.mark.parametrize("name", sorted(README_COUNTS))
def test_real_feeds_parse_with_the_documented_counts(name: str) -> None:
    feed = parse_feed((NEWS / name).read_bytes(), url=f"file:///{name}")
    assert feed.warning is None
    assert feed.version == "rss20"
    assert len(feed.entries) == README_COUNTS[name]
    assert feed.title
    for entry in feed.entries:
        # The README: guid = link, RFC 822 times in UTC, every item titled.
        assert entry.guid is not None and entry.guid == entry.link
        assert entry.title
        assert entry.published is not None and entry.published.tzinfo is UTC
    stamp = re.search(r"(\d{4})-(\d{2})\.xml$", name)
    assert stamp is not None
    year, month = int(stamp.group(1)), int(stamp.group(2))
    # Each file is one month of items, newest first.
    published = [e.published for e in feed.entries if e.published is not None]
    assert {(p.year, p.month) for p in published} == {(year, month)}
    assert published == sorted(published, reverse=True)


def test_real_feed_first_item_exact() -> None:
    feed = parse_feed((NEWS / "bbc-2023-07.xml").read_bytes(), url="file:///bbc-2023-07.xml")
    first = feed.entries[0]
    assert feed.title == "BBC"
    assert first.published == datetime(2023, 7, 3, 20, 49, 35, tzinfo=UTC)
    assert first.link is not None
    assert first.link.startswith("https://www.bbc.co.uk/news/uk-england-manchester-66093295")


def test_ttl_and_relative_links() -> None:
    feed = parse(_rss("<item><title>x</title><link>/a/b</link></item>", channel="<ttl>90</ttl>"))
    assert feed.ttl_minutes == 90
    assert feed.entries[0].link == "https://example.com/a/b"


@pytest.mark.parametrize("ttl", ["<ttl>0</ttl>", "<ttl>soon</ttl>", ""])
def test_ttl_absent_or_unusable(ttl: str) -> None:
    assert parse(_rss("<item><title>x</title></item>", channel=ttl)).ttl_minutes is None


def test_atom_feed() -> None:
    atom = (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>Atom</title><id>urn:x</id><updated>2023-06-24T10:00:00+03:00</updated>"
        "<entry><id>urn:e1</id><title>Wagner</title><link href='https://example.com/e1'/>"
        "<updated>2023-06-24T10:00:00+03:00</updated><content type='html'>&lt;p&gt;Rostov"
        "&lt;/p&gt;</content></entry></feed>"
    )
    feed = parse(atom)
    assert feed.version == "atom10"
    [entry] = feed.entries
    assert entry.guid == "urn:e1"
    assert entry.summary == "<p>Rostov</p>"
    assert entry.updated == datetime(2023, 6, 24, 7, 0, tzinfo=UTC)


def test_empty_feed_is_not_an_error() -> None:
    feed = parse(_rss(""))
    assert feed.entries == [] and feed.warning is None


@pytest.mark.parametrize("body", [b"", b"   \n\t  "])
def test_empty_body(body: bytes) -> None:
    with pytest.raises(FeedParseError, match=r"^empty body$"):
        parse(body)


def test_html_page_instead_of_a_feed() -> None:
    page = "<!DOCTYPE html><html><head><title>Home</title></head><body><p>hi</p></body></html>"
    with pytest.raises(FeedParseError, match="HTML page, not a feed"):
        parse(page, **{"Content-Type": "text/html; charset=utf-8"})


@pytest.mark.parametrize("body", ['{"items": []}', "just some words", "<a><b></a>"])
def test_not_a_feed(body: str) -> None:
    with pytest.raises(FeedParseError):
        parse(body)


def test_invalid_xml_without_entries() -> None:
    with pytest.raises(FeedParseError, match="not well-formed XML at line 1"):
        parse("<?xml version='1.0'?><rss version='2.0'><channel><title>T</title><<<")


def test_bozo_with_entries_is_a_warning() -> None:
    feed = parse(_rss("<item><guid>1</guid><title>Tom & Jerry</title></item><item><title>B"))
    assert feed.warning is not None and feed.warning.startswith("not well-formed XML")
    assert [e.title for e in feed.entries][:1] == ["Tom & Jerry"]


def test_wrong_declared_encoding_is_a_warning_with_the_text_recovered() -> None:
    body = _rss("<item><guid>g</guid><title>Zürich café</title></item>").encode("latin-1")
    feed = parse(body, **{"Content-Type": "application/rss+xml; charset=utf-8"})
    assert feed.warning is not None and "encoding" in feed.warning
    assert feed.entries[0].title == "Zürich café"


def test_encoding_declared_in_http_header_is_used() -> None:
    body = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        "<item><title>Київ</title></item></channel></rss>"
    ).encode("koi8-u")
    feed = parse(body, **{"Content-Type": "application/rss+xml; charset=koi8-u"})
    assert feed.warning is None
    assert feed.entries[0].title == "Київ"


def test_enormous_single_entry() -> None:
    description = "&lt;p&gt;lorem &lt;b&gt;ipsum&lt;/b&gt;&lt;/p&gt; " * 100_000  # ~3.7 MB
    feed = parse(_rss(f"<item><guid>big</guid><title>Big</title><description>{description}"
                      "</description></item>"))  # fmt: skip
    [entry] = feed.entries
    assert entry.summary is not None and len(entry.summary) > 1_000_000
    stored = make_entry(
        guid=entry.guid,
        link=entry.link,
        title=entry.title,
        summary=entry.summary,
        published=entry.published,
        fetched_at=datetime(2024, 1, 1, tzinfo=UTC),
    )
    assert len(stored.summary) <= SUMMARY_MAX_LEN
    assert stored.summary.startswith("lorem ipsum lorem ipsum")


def test_content_is_never_taken_for_a_file_name(tmp_path: Path) -> None:
    # feedparser reads a local file when handed bytes that name one; a feed body must not.
    local = tmp_path / "secret.xml"
    local.write_text(_rss("<item><title>local secret</title></item>"), encoding="utf-8")
    with pytest.raises(FeedParseError):
        parse(str(local).encode())


def test_entry_without_dates_or_ids() -> None:
    feed = parse(_rss("<item><description>only text</description></item>"))
    [entry] = feed.entries
    assert entry.guid is None and entry.link is None and entry.title is None
    assert entry.published is None and entry.updated is None
    assert entry.summary == "only text"
