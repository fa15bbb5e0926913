"""The published site in a real browser: Debian's chromium driven by Playwright, the site served
on 127.0.0.1. Every kind of page loads without a console error or a failed request, every
internal link leads to a page, axe-core finds nothing serious, the ClaimReview JSON-LD holds what
schema.org's ClaimReview needs, hostile text never runs, and the pages read without JavaScript.

Skipped with the reason when chromium or Playwright is missing on a developer's machine; under CI
(CI=true) that is a failure instead, since .ci/run installs both."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from claims.hedges import HEDGES
from ledger.db import open_database
from ledger.site import build_site, make_options
from tests.site_ledger import hostile_ledger, seed_ledger

CHROMIUM = os.environ.get("FORECAST_LEDGER_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parent.parent
# Set FORECAST_LEDGER_SCREENSHOTS=docs to refresh the README's screenshots in docs/.
SHOTS = os.environ.get("FORECAST_LEDGER_SCREENSHOTS")
MAX_PAGES = 400  # the crawl is bounded: the test ledger's site has about fifty pages


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -e '.[dev]')"
    if not Path(CHROMIUM).exists():
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    if _axe_script() is None:
        return "axe-core's axe.min.js is not installed (pip install -e '.[dev]')"
    return None


def _axe_script() -> Path | None:
    # axe-core as shipped inside the PyPI package axe-playwright-python (a dev dependency).
    try:
        import axe_playwright_python
    except ImportError:
        return None
    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    return path if path.exists() else None


_REASON = _missing()
if _REASON and os.environ.get("CI") == "true":
    raise RuntimeError(f"CI must run the browser tests, but {_REASON}; .ci/run installs them.")
pytestmark = pytest.mark.skipif(_REASON is not None, reason=_REASON or "")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def _serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _site(tmp: Path, fill: Any, **options: Any) -> Path:
    database = open_database(f"sqlite:///{tmp / 'ledger.db'}", say=lambda _line: None)
    try:
        fill(database)
        out = tmp / "site"
        with database.session() as session:
            build_site(
                session,
                out,
                make_options(title=options.get("title"), base_url=None, by="author"),
                hedges=HEDGES,
            )
    finally:
        database.dispose()
    return out


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("seed"), seed_ledger)


class _Watch:
    """Console errors, failed requests, page errors and dialogs of one browser page."""

    def __init__(self, page: Any, allowed_origin: str) -> None:
        self.problems: list[str] = []
        self.outside: list[str] = []
        page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url}"))
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))

        def request(r: Any) -> None:
            if not r.url.startswith((allowed_origin, "data:")):
                self.outside.append(r.url)

        page.on("request", request)


def _crawl(page: Any, watch: _Watch, start: str) -> dict[str, int]:
    """Loads every page reachable from `start` by internal links; page URL -> HTTP status."""
    seen: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = page.goto(url)
        seen[url] = response.status if response else 0
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target, fragment = urldefrag(href)
            if not target.startswith(start.rsplit("/", 1)[0]):
                continue  # links that leave the site (evidence, articles) are not followed
            if fragment:
                page_fragment = page.evaluate(
                    "([t, f]) => location.href.split('#')[0] !== t || !!document.getElementById(f)",
                    [target, fragment],
                )
                assert page_fragment, f"{url}: no #{fragment} on the page"
            if target not in seen:
                queue.append(target)
    assert not queue, f"more than {MAX_PAGES} pages: the crawl stopped"
    return seen


def _kinds(urls: list[str]) -> dict[str, str]:
    """One URL of each kind of page."""
    kinds: dict[str, str] = {}
    for url in sorted(urls):
        path = urlsplit(url).path
        kind = path.rsplit("/", 2)[-2] if path.count("/") > 1 else path.rsplit("/", 1)[-1]
        kinds.setdefault(kind, url)
    return kinds


def test_every_page_loads_clean_and_every_link_resolves(browser: Any, seed_site: Path) -> None:
    with _serve(seed_site) as base:
        page = browser.new_page()
        watch = _Watch(page, base)
        seen = _crawl(page, watch, base + "index.html")
        assert all(status == 200 for status in seen.values()), {
            u: s for u, s in seen.items() if s != 200
        }
        html_files = {
            p.relative_to(seed_site).as_posix() for p in seed_site.rglob("*.html") if p.is_file()
        }
        crawled = {urlsplit(u).path.lstrip("/") for u in seen}
        assert html_files <= crawled, f"pages no link leads to: {sorted(html_files - crawled)}"
        kinds = _kinds(list(seen))
        for kind in (
            "index.html",
            "outlets.html",
            "authors",
            "outlets",
            "questions",
            "questions.html",
            "methodology.html",
            "compare.html",
        ):
            assert kind in kinds, kind
        assert watch.problems == [] and watch.outside == []
        page.close()


def _axe(page: Any) -> list[dict[str, Any]]:
    script = _axe_script()
    assert script is not None
    page.add_script_tag(content=script.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_axe_finds_nothing_serious(browser: Any, seed_site: Path) -> None:
    pages = [
        "index.html",
        "outlets.html",
        "questions.html",
        "methodology.html",
        "compare.html",
        "authors/" + sorted(p.name for p in (seed_site / "authors").iterdir())[0],
        "outlets/" + sorted(p.name for p in (seed_site / "outlets").iterdir())[0],
        "questions/ru-armed-revolt-2023-06.html",
        "questions/fact-wagner-mutiny-june-2023.html",
    ]
    with _serve(seed_site) as base:
        # The site's own CSP would refuse the injected axe script: axe runs with CSP bypassed.
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        found = {}
        for name in pages:
            page.goto(base + name)
            serious = _axe(page)
            if serious:
                found[name] = [(v["id"], v["help"], len(v["nodes"])) for v in serious]
        assert found == {}
        context.close()


REQUIRED = ("url", "claimReviewed", "datePublished", "author", "reviewRating", "itemReviewed")


def test_claim_review_json_ld_as_a_crawler_reads_it(browser: Any, seed_site: Path) -> None:
    with _serve(seed_site) as base:
        page = browser.new_page()
        found = 0
        for name in ("fact-wagner-mutiny-june-2023", "fact-putin-uniform-first-time-2025-03"):
            page.goto(f"{base}questions/{name}.html")
            blocks = page.eval_on_selector_all(
                'script[type="application/ld+json"]', "els => els.map(e => e.textContent)"
            )
            assert blocks, name
            for block in blocks:
                review = json.loads(block)
                found += 1
                assert review["@context"] == "https://schema.org"
                assert review["@type"] == "ClaimReview"
                assert all(review.get(field) for field in REQUIRED), review
                assert review["author"]["@type"] in ("Organization", "Person")
                assert review["author"]["name"]
                rating = review["reviewRating"]
                assert rating["@type"] == "Rating" and rating["alternateName"]
                assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
                claim = review["itemReviewed"]
                assert claim["@type"] == "Claim" and claim["datePublished"]
                if "author" in claim:
                    assert claim["author"]["name"] and claim["author"]["@type"] in (
                        "Person",
                        "Organization",
                    )
                if "appearance" in claim:
                    assert claim["appearance"]["url"].startswith(("http://", "https://"))
                # The review's URL leads to the claim on this page.
                anchor = urlsplit(review["url"]).fragment
                assert page.locator(f"#{anchor}").count() == 1
        assert found >= 2
        page.close()


def test_pages_read_without_javascript_and_from_a_file(browser: Any, seed_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    watch = _Watch(page, "file://")
    page.goto((seed_site / "index.html").resolve().as_uri())
    rows = page.locator("table.league tbody tr")
    assert rows.count() >= 2
    first = rows.first.locator("a")
    first.click()
    assert "/authors/" in page.url and page.locator("h1").count() == 1
    assert page.locator("svg.chart").count() >= 0  # charts are plain SVG, no script needed
    page.goto((seed_site / "questions" / "ru-armed-revolt-2023-06.html").resolve().as_uri())
    assert page.locator("svg.chart.strip").count() == 1
    assert watch.problems == [] and watch.outside == []
    context.close()


def test_sorting_is_an_enhancement(browser: Any, seed_site: Path) -> None:
    page = browser.new_page()
    watch = _Watch(page, "file://")
    page.goto((seed_site / "index.html").resolve().as_uri())
    names = "els => els.map(e => e.textContent)"
    before = page.eval_on_selector_all("table.league tbody th", names)
    page.get_by_role("button", name="n", exact=True).click()
    ascending = page.eval_on_selector_all("table.league tbody td:nth-child(3)", names)
    assert [int(x) for x in ascending] == sorted(int(x) for x in ascending)
    assert sorted(page.eval_on_selector_all("table.league tbody th", names)) == sorted(before)
    assert page.locator("th[aria-sort]").count() == 1
    assert watch.problems == []
    page.close()


def test_hostile_ledger_runs_nothing(browser: Any, tmp_path: Path) -> None:
    site = _site(tmp_path, hostile_ledger, title="<script>alert('title')</script>")
    with _serve(site) as base:
        page = browser.new_page()
        watch = _Watch(page, base)
        seen = _crawl(page, watch, base + "index.html")
        assert len(seen) > 20
        # Nothing ran: no dialog, no error, no request anywhere else; the text is on the page.
        assert watch.problems == [] and watch.outside == []
        author = next(u for u in seen if "/authors/img-src" in u)
        page.goto(author)
        assert "<img src=x onerror=alert(1)>" in page.locator("h1").inner_text()
        assert page.locator("img").count() == 0
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h.lower().lstrip().startswith(("javascript:", "data:"))]
        page.close()


def test_screenshots_of_the_index_and_a_source(
    browser: Any, seed_site: Path, tmp_path: Path
) -> None:
    """The README's pictures; FORECAST_LEDGER_SCREENSHOTS=docs writes them to docs/."""
    target = ROOT / "docs" if SHOTS == "docs" else tmp_path
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.emulate_media(reduced_motion="reduce")
    page.goto((seed_site / "index.html").resolve().as_uri())
    page.screenshot(path=str(target / "site-index.png"))
    scored = json.loads(
        page.evaluate(
            "() => JSON.stringify([...document.querySelectorAll('table.league tbody tr')]"
            ".map(r => [r.querySelector('a').getAttribute('href'), r.cells[3].textContent]))"
        )
    )
    # The named author with the most resolved forecasts: the page with the most to show.
    named = [row for row in scored if "unknown" not in row[0]]
    href = max(named, key=lambda row: int(row[1].rstrip("*")))[0]
    page.set_viewport_size({"width": 1200, "height": 1500})
    page.goto(urljoin((seed_site / "index.html").resolve().as_uri(), href))
    page.screenshot(path=str(target / "site-source.png"))
    for name in ("site-index.png", "site-source.png"):
        data = (target / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    page.close()
    shutil.rmtree(tmp_path / "unused", ignore_errors=True)
