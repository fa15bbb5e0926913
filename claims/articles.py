"""Reading an article from a file or a URL: plain text as it is, HTML through trafilatura's main-text extraction."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ledger.errors import UserInputError

_HTML_HINT = re.compile(rb"<\s*(html|body|article|p|div|head)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ArticleDraft:
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = field(default_factory=tuple)
    published: dt.date | None = None
    # True once someone said who wrote it, "nobody stated" (--author "") included.
    authors_given: bool = False

    def with_options(
        self,
        *,
        title: str | None,
        outlet: str | None,
        authors: list[str] | None,
        published: dt.date | None,
    ) -> ArticleDraft:
        """Options given on the command line win over what the page said about itself."""
        return replace(
            self,
            title=title if title is not None else self.title,
            outlet=outlet if outlet is not None else self.outlet,
            authors=tuple(authors) if authors is not None else self.authors,
            authors_given=self.authors_given or authors is not None or bool(self.authors),
            published=published if published is not None else self.published,
        )


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def looks_like_html(data: bytes, suffix: str = "") -> bool:
    return suffix.lower() in (".html", ".htm", ".xhtml") or bool(_HTML_HINT.search(data[:4096]))


def _decode(data: bytes, where: str, charset: str | None = None) -> str:
    for encoding in filter(None, (charset, "utf-8")):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise UserInputError(f"{where} is not UTF-8 text; convert it first (e.g. with iconv).")


def from_html(html: str, *, url: str | None = None, where: str) -> ArticleDraft:
    import trafilatura

    text = trafilatura.extract(
        html, url=url, output_format="txt", include_comments=False, include_tables=False
    )
    if not text or not text.strip():
        raise UserInputError(
            f"found no article text in {where}; save the text to a .txt file instead."
        )
    meta = trafilatura.extract_metadata(html, default_url=url)
    published = None
    if meta is not None and meta.date:
        try:
            published = dt.date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    authors: tuple[str, ...] = ()
    if meta is not None and meta.author:
        authors = tuple(a.strip() for a in re.split(r";|\band\b", meta.author) if a.strip())
    return ArticleDraft(
        text=text.strip(),
        title=(meta.title if meta is not None else None) or None,
        url=url,
        outlet=(meta.sitename if meta is not None else None) or None,
        authors=authors,
        published=published,
    )


def load(path_or_url: str) -> ArticleDraft:
    """An article from a local text or HTML file, or fetched from a URL (through feeds.fetch, our one
    HTTP client)."""
    if is_url(path_or_url):
        from feeds.fetch import FetchRequest, fetch_all

        [result] = fetch_all([FetchRequest(path_or_url)], total_timeout=30)
        if result.error or result.content is None:
            raise UserInputError(f"cannot fetch {path_or_url}: {result.error or 'no content'}.")
        content_type = result.headers.get("content-type", "")
        charset_match = re.search(r"charset=([\w-]+)", content_type)
        html = _decode(
            result.content, path_or_url, charset_match.group(1) if charset_match else None
        )
        return from_html(html, url=result.final_url or path_or_url, where=path_or_url)
    path = Path(path_or_url).expanduser()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserInputError(f"cannot read {path}: {exc.strerror or exc}.") from None
    if looks_like_html(data, path.suffix):
        return from_html(_decode(data, str(path)), where=str(path))
    text = _decode(data, str(path)).strip()
    if not text:
        raise UserInputError(f"{path} is empty.")
    return ArticleDraft(text=text)
