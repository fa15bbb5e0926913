"""Pure item normalisation: canonical URLs, plain text, dedupe keys, published times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from feeds.items import (
    KEY_MAX_LEN,
    SUMMARY_MAX_LEN,
    TITLE_MAX_LEN,
    canonical_url,
    dedupe_key,
    make_entry,
    normalise_published,
    plain_text,
    truncate,
)
from feeds.parse import parse_feed

FETCHED = datetime(2023, 6, 24, 12, 0, tzinfo=UTC)
NEWS = Path(__file__).resolve().parent.parent / "feeds" / "data" / "news"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://WWW.BBC.CO.UK/news/world-europe-66070461?at_medium=RSS&at_campaign=KARANGA",
         "https://www.bbc.co.uk/news/world-europe-66070461"),
        ("https://example.com/A/Path?utm_source=x&id=7&UTM_Medium=y#section",
         "https://example.com/A/Path?id=7"),
        ("https://example.com:443/x", "https://example.com/x"),
        ("http://example.com:80/x", "http://example.com/x"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/?b=2&a=1", "https://example.com/?a=1&b=2"),
        ("https://example.com/?fbclid=abc&gclid=def", "https://example.com/"),
        ("https://www.theguardian.com/world/2022?CMP=share_btn_tw",
         "https://www.theguardian.com/world/2022"),
        ("https://www.nytimes.com/2023/06/24/world/x.html?partner=rss&emc=rss&smid=tw",
         "https://www.nytimes.com/2023/06/24/world/x.html"),
        ("  https://example.com/x?q=  ", "https://example.com/x?q="),
        ("https://user:pw@Example.COM/x", "https://user:pw@example.com/x"),
        ("http://[::1]:8000/x#f", "http://[::1]:8000/x"),
        ("http://[::1/broken", "http://[::1/broken"),
    ],
)  # fmt: skip
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@example("0 #")  # a space before a fragment survived the first pass
@given(st.text(max_size=60))
def test_canonical_url_never_raises_and_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p>Hello <b>world</b></p><p>again</p>", "Hello world again"),
        ("Tom &amp; Jerry &#39;s &quot;show&quot; &eacute;", 'Tom & Jerry \'s "show" é'),
        ("a<br/>b<br>c", "a b c"),
        ("<script>alert(1)</script>visible<style>p{}</style>", "visible"),
        ("tab\tnew\nline\r\nend", "tab new line end"),
        ("bell\x07 and null\x00 gone", "bell and null gone"),
        ("\x1b[31mred\x1b[0m text", "red text"),
        ("\x1b]0;evil title\x07shown", "shown"),
        ("left\u202eright", "leftright"),
        ("c1\x9bcontrol", "c1control"),
        ("AT&T < 5 > 3", "AT&T < 5 > 3"),
        ("&lt;b&gt;double escaped&lt;/b&gt;", "<b>double escaped</b>"),
        ("unclosed <b>tag", "unclosed tag"),
        ("", ""),
        (None, ""),
        ("   ", ""),
    ],
)
def test_plain_text(raw: str | None, expected: str) -> None:
    assert plain_text(raw) == expected


def test_plain_text_on_a_real_description() -> None:
    feed = parse_feed((NEWS / "bbc-2023-07.xml").read_bytes(), url="file:///bbc")
    for entry in feed.entries:
        text = plain_text(entry.summary)
        assert text and "<" not in text and "&amp;" not in text and "  " not in text


@given(st.text(max_size=300), st.integers(min_value=1, max_value=120))
def test_plain_text_bounds_and_cleanliness(raw: str, max_len: int) -> None:
    text = plain_text(raw, max_len=max_len)
    assert len(text) <= max_len
    assert text == text.strip()
    assert "  " not in text
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in text)


def test_truncate_prefers_a_word_boundary() -> None:
    assert truncate("short", 10) == "short"
    assert truncate("alpha beta gamma delta", 20) == "alpha beta gamma…"
    # No space near the end: a hard cut rather than losing most of the allowed length.
    assert truncate("one two three four", 12) == "one two thr…"
    assert truncate("abcdefghijklmnop", 6) == "abcde…"
    with pytest.raises(ValueError):
        truncate("x", 0)


def test_dedupe_key_prefers_guid_then_url_then_hash() -> None:
    assert dedupe_key(" g-1 ", "https://e.com/x", "T", "S") == "guid:g-1"
    assert dedupe_key(None, "https://E.com/x?utm_source=a#f", "T", "S") == "url:https://e.com/x"
    assert dedupe_key("  ", "https://e.com/x", "T", "S") == "url:https://e.com/x"
    hashed = dedupe_key(None, None, "Title", "Summary")
    assert hashed.startswith("hash:") and len(hashed) == len("hash:") + 64
    # The hash is over plain text: the same item with different markup is the same item.
    assert dedupe_key(None, "", "<b>Title</b>", "<p>Summary</p>") == hashed
    assert dedupe_key(None, None, "Title", "Other") != hashed
    # Title and summary must not run together: ("ab", "c") is not ("a", "bc").
    assert dedupe_key(None, None, "ab", "c") != dedupe_key(None, None, "a", "bc")


def test_dedupe_key_bounded_for_enormous_ids() -> None:
    key = dedupe_key("g" * 10_000, None, None, None)
    assert key.startswith("guid:sha256:") and len(key) <= KEY_MAX_LEN
    assert key != dedupe_key("g" * 10_001, None, None, None)
    url_key = dedupe_key(None, "https://e.com/" + "p" * 10_000, None, None)
    assert url_key.startswith("url:sha256:")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (None, FETCHED),
        (datetime(2023, 6, 24, 9, 0, tzinfo=UTC), datetime(2023, 6, 24, 9, 0, tzinfo=UTC)),
        # Naive times are read as UTC.
        (datetime(2023, 6, 24, 9, 0), datetime(2023, 6, 24, 9, 0, tzinfo=UTC)),
        (datetime(2023, 6, 24, 12, 0, tzinfo=timezone(timedelta(hours=3))),
         datetime(2023, 6, 24, 9, 0, tzinfo=UTC)),
        # Up to two days ahead is clock skew or a time zone mistake, kept as given.
        (FETCHED + timedelta(days=2), FETCHED + timedelta(days=2)),
        (FETCHED + timedelta(days=2, seconds=1), FETCHED),
        (datetime(2999, 1, 1, tzinfo=UTC), FETCHED),
        (datetime(2001, 1, 1, tzinfo=UTC), datetime(2001, 1, 1, tzinfo=UTC)),
    ],
)  # fmt: skip
def test_normalise_published(published: datetime | None, expected: datetime) -> None:
    result = normalise_published(published, FETCHED)
    assert result == expected
    assert result.tzinfo is UTC


def test_normalise_published_with_naive_fetch_time() -> None:
    naive = FETCHED.replace(tzinfo=None)
    assert normalise_published(None, naive) == FETCHED
    assert normalise_published(None, naive).tzinfo is UTC


def test_make_entry_normalises_everything() -> None:
    entry = make_entry(
        guid="  urn:1\x00 ",
        link="https://Example.com/a?utm_source=x",
        title="<b>Putin</b> &amp; the \x1b[1mtruce\x1b[0m",
        summary="<p>Line one</p>\n<p>Line two</p>",
        published=None,
        fetched_at=FETCHED,
    )
    assert entry.dedupe_key == "guid:urn:1"
    assert entry.guid == "urn:1"
    assert entry.url == "https://Example.com/a?utm_source=x"  # stored as published
    assert entry.title == "Putin & the truce"
    assert entry.summary == "Line one Line two"
    assert entry.published_at == FETCHED


@pytest.mark.parametrize("link", ["javascript:alert(1)", "file:///etc/passwd", "", None])
def test_make_entry_keeps_only_web_links(link: str | None) -> None:
    entry = make_entry(
        guid=None, link=link, title="T", summary="S", published=None, fetched_at=FETCHED
    )
    assert entry.url is None
    assert entry.dedupe_key.startswith("hash:")


def test_make_entry_caps_lengths() -> None:
    entry = make_entry(
        guid="g" * 5000,
        link="https://e.com/" + "x" * 5000,
        title="word " * 1000,
        summary="<p>" + "word " * 100_000 + "</p>",
        published=None,
        fetched_at=FETCHED,
    )
    assert len(entry.title) <= TITLE_MAX_LEN
    assert len(entry.summary) <= SUMMARY_MAX_LEN
    assert entry.guid is not None and len(entry.guid) <= 1000
    assert entry.url is None  # longer than any real article URL
    assert len(entry.dedupe_key) <= KEY_MAX_LEN


def test_real_feed_dedupe_keys_are_unique_per_file() -> None:
    # The README: items are de-duplicated by link, so every key in a file is distinct.
    for path in sorted(NEWS.glob("*.xml")):
        feed = parse_feed(path.read_bytes(), url=path.as_uri())
        keys = {
            make_entry(
                guid=None,
                link=e.link,
                title=e.title,
                summary=e.summary,
                published=e.published,
                fetched_at=FETCHED,
            ).dedupe_key
            for e in feed.entries
        }
        assert len(keys) == len(feed.entries), path.name
