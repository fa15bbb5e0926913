"""`report site`: the pages hold the report's figures, the output is byte-identical for the same
ledger, a rebuild removes stale pages and touches nothing outside the folder, and hostile text
stays inert. (tests/test_site_browser.py loads the pages in a real browser.)"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claims.hedges import HEDGES
from ledger.db import Database
from ledger.site import build_site, http_url, make_options, slug, unique_names
from ledger.site_charts import printable
from ledger.site_folder import MARKER
from tests.site_ledger import HOSTILE_AUTHOR, HOSTILE_QUOTE, hostile_ledger, seed_ledger


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def _build(database: Database, out: Path, **options: str | None) -> object:
    with database.session() as session:
        return build_site(
            session,
            out,
            make_options(
                title=options.get("title"),
                base_url=options.get("base_url"),
                by=options.get("by") or "author",
            ),
            hedges=HEDGES,
            workers=int(options["workers"]) if options.get("workers") else None,
        )


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def _parse(html: bytes) -> _Tags:
    parser = _Tags()
    parser.feed(html.decode("utf-8"))
    return parser


# --- pure parts -----------------------------------------------------------------------------------


def test_only_http_urls_with_a_host_are_links() -> None:
    assert http_url("https://example.org/a?b=1#c") == "https://example.org/a?b=1#c"
    assert http_url("HTTP://EXAMPLE.ORG") == "HTTP://EXAMPLE.ORG"
    for bad in (
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "//example.org/x",
        "/relative",
        " https://example.org",
        "https://exa mple.org",
        "https://example.org/\nx",
        "https:///no-host",
        "ftp://example.org",
        "",
        None,
    ):
        assert http_url(bad) is None, bad


def test_file_names_are_slugs_unique_and_stable() -> None:
    assert slug("Ian Garner") == "ian-garner"
    assert slug("Émile Zola / Le Monde") == "emile-zola-le-monde"
    assert slug("<script>") == "script"
    assert slug("\u202e") == ""
    names = unique_names([("a1", "Same Name"), ("b2", "same-name"), ("c3", "!!!")], fallback="x")
    assert len(set(names.values())) == 3
    assert names["c3"] == "x-c3"
    assert names == unique_names(
        [("c3", "!!!"), ("b2", "same-name"), ("a1", "Same Name")], fallback="x"
    )


def test_control_characters_become_visible() -> None:
    assert printable("a\x1b[31mb\x07\x7f\x85") == "a␛[31mb␇␡\ufffd"
    assert printable("tab\tnew\nline") == "tab\tnew\nline"


# --- the site -------------------------------------------------------------------------------------


def test_site_pages_and_figures(database: Database, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    seed_ledger(database)
    out = tmp_path / "site"
    result = cli(["report", "site", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.stderr
    written = json.loads(result.stdout)
    assert written["index"] == (out / "index.html").resolve().as_uri()
    files = _files(out)
    assert written["pages"] == len(files) - 1  # all but the marker
    for page in (
        "index.html",
        "outlets.html",
        "questions.html",
        "methodology.html",
        "compare.html",
    ):
        assert page in files
    assert "assets/site.css" in files and "assets/site.js" in files
    sources = json.loads(cli(["report", "sources", "--json"]).stdout)
    index = files["index.html"].decode()
    for row in sources:
        # Every source of `report sources` is on the index, with its Brier score as printed there.
        assert f"<bdi>{row['source']}</bdi>" in index
        if row["brier"] is not None:
            assert f"{row['brier']:.3f}" in index
    authors = [f for f in files if f.startswith("authors/")]
    outlets = [f for f in files if f.startswith("outlets/")]
    questions = [f for f in files if f.startswith("questions/")]
    outlet_rows = json.loads(cli(["report", "sources", "--json", "--by", "outlet"]).stdout)
    assert len(authors) == len(sources) and len(outlets) == len(outlet_rows)
    question_list = json.loads(cli(["questions", "list", "--json"]).stdout)
    assert len(questions) == len(question_list)
    # The late and withdrawn columns are on the table (0 until claims carry those marks).
    assert ">Late<" in index and ">Withdrawn<" in index and ">Annulled<" in index
    # A source's page: its claims, charts, and sections.
    scored = [r for r in sources if r["n_resolved"]]
    assert scored
    charted = [
        f
        for f in authors
        if b'class="chart calibration"' in files[f] and b'class="chart brier-line"' in files[f]
    ]
    assert len(charted) == len(scored)
    garner = files["authors/ian-garner.html"].decode()
    assert "Open forecasts" in garner and "Late claims (0)" in garner
    assert "Withdrawn claims (0)" in garner
    # A question's page: resolution history with its evidence link, and the strip.
    revolt = files["questions/ru-armed-revolt-2023-06.html"].decode()
    assert 'href="https://example.org/news/wagner-mutiny-2023-06-24"' in revolt
    assert 'class="chart strip"' in revolt and "(stands)" in revolt
    # The methodology: the hedge table and the ledger head, with the verify line.
    verify = json.loads(cli(["verify", "--json"]).stdout)
    method = files["methodology.html"].decode()
    assert f"verify --expect-head {verify['head']}" in method
    assert f"<strong>{verify['entries']}</strong> entries" in method
    assert HEDGES[0].phrase in method and "ICD 203" in method
    comparison = files["compare.html"].decode()
    assert comparison.count('class="chart comparison"') >= 1


def test_claim_review_json_ld(database: Database, tmp_path: Path) -> None:
    seed_ledger(database)
    out = tmp_path / "site"
    _build(database, out, base_url="https://example.org/ledger/")
    page = out / "questions" / "fact-wagner-mutiny-june-2023.html"
    scripts = [
        json.loads(text)
        for attrs, text in _parse(page.read_bytes()).scripts
        if attrs.get("type") == "application/ld+json"
    ]
    assert scripts
    for review in scripts:
        assert review["@type"] == "ClaimReview" and review["@context"] == "https://schema.org"
        assert review["url"].startswith(
            "https://example.org/ledger/questions/fact-wagner-mutiny-june-2023.html#claim-"
        )
        assert review["claimReviewed"] and review["datePublished"]
        assert review["author"]["name"] and review["author"]["url"] == "https://example.org/ledger/"
        rating = review["reviewRating"]
        assert rating["alternateName"] == "True"
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["itemReviewed"]["@type"] == "Claim"
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", review["itemReviewed"]["datePublished"])
    # Forecast questions and open factual ones carry no ClaimReview.
    forecast = (out / "questions" / "ru-armed-revolt-2023-06.html").read_bytes()
    assert b"application/ld+json" not in forecast


def test_same_ledger_same_bytes_and_rebuild_in_place(database: Database, tmp_path: Path) -> None:
    seed_ledger(database)
    first, second = tmp_path / "one", tmp_path / "two"
    _build(database, first)
    _build(database, second, workers="2")  # the forked workers write the same bytes
    assert _files(first) == _files(second)
    before = {p: (first / p).stat().st_mtime_ns for p in _files(first)}
    again = _build(database, first)
    assert again.summary.written == 0 and again.summary.removed == 0  # type: ignore[attr-defined]
    assert {p: (first / p).stat().st_mtime_ns for p in _files(first)} == before


def test_rebuild_removes_stale_pages_and_stays_inside(database: Database, tmp_path: Path) -> None:
    seed_ledger(database)
    out = tmp_path / "site"
    _build(database, out)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("not the site's")
    (outside / "index.html").write_text("not the site's either")
    # Stale pages, a stale folder, and links planted to lead writes and deletions outside.
    (out / "questions" / "gone-question.html").write_text("old")
    (out / "old-folder").mkdir()
    (out / "old-folder" / "page.html").write_text("old")
    (out / "authors" / "link-out").symlink_to(outside)
    (out / "methodology.html").unlink()
    (out / "methodology.html").symlink_to(outside / "index.html")
    (out / "outlets").rename(tmp_path / "moved-outlets")
    (out / "outlets").symlink_to(outside)
    result = _build(database, out)
    assert result.summary.removed >= 2  # type: ignore[attr-defined]
    assert not (out / "questions" / "gone-question.html").exists()
    assert not (out / "old-folder").exists()
    assert not (out / "authors" / "link-out").exists()
    assert not (out / "methodology.html").is_symlink() and (out / "outlets").is_dir()
    assert not (out / "outlets").is_symlink()
    assert sorted(p.name for p in outside.iterdir()) == ["index.html", "keep.txt"]
    assert (outside / "index.html").read_text() == "not the site's either"
    fresh = tmp_path / "fresh"
    _build(database, fresh)
    assert _files(out) == _files(fresh)


def test_refuses_a_folder_it_did_not_make(database: Database, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    seed_ledger(database)
    mine = tmp_path / "photos"
    mine.mkdir()
    (mine / "holiday.jpg").write_bytes(b"\xff\xd8")
    result = cli(["report", "site", "--out", str(mine)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and MARKER in result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in mine.iterdir()] == ["holiday.jpg"]
    for args, message in (
        (["--out", str(tmp_path / "no" / "such" / "dir")], "does not exist"),
        (["--out", str(mine / "holiday.jpg")], "is a file"),
        (["--out", str(tmp_path / "s"), "--base-url", "javascript:alert(1)"], "http(s)"),
        (["--out", str(tmp_path / "s"), "--by", "pundit"], "--by"),
        (["--out", str(tmp_path / "s"), "--title", "   "], "--title"),
    ):
        result = cli(["report", "site", *args])
        assert result.exit_code == 1, args
        assert result.stderr.startswith("Error: ") and message in result.stderr, result.stderr
    assert not (tmp_path / "s").exists() and not (tmp_path / "no").exists()


def test_hostile_ledger_stays_inert(database: Database, tmp_path: Path) -> None:
    hostile_ledger(database)
    out = tmp_path / "site"
    _build(database, out, title="<script>alert('title')</script>", base_url="https://ex.org")
    files = _files(out)
    pages = {name: data for name, data in files.items() if name.endswith(".html")}
    seen_hostile = False
    for name, data in pages.items():
        text = data.decode("utf-8")
        assert "\x1b" not in text and "\x07" not in text, name
        assert 'href="javascript' not in text.lower() and "href='javascript" not in text.lower()
        parsed = _parse(data)
        for tag, attrs in parsed.tags:
            assert not any(a.lower().startswith("on") for a in attrs), (name, tag, attrs)
            for attr in ("href", "src"):
                value = attrs.get(attr)
                if value is None or (tag, value) == ("link", "data:,"):  # our empty favicon
                    continue
                assert value.startswith(("https://", "http://", "#")) or not re.match(
                    r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value
                ), (name, value)
        for attrs, body in parsed.scripts:
            if attrs.get("type") == "application/ld+json":
                json.loads(body)  # stays one JSON document: no </script> broke out
            else:
                assert attrs.get("src", "").endswith("assets/site.js") and not body.strip()
        if "Mallory" in text:
            seen_hostile = True
            assert "&lt;img src=x onerror=alert(1)&gt;" in text
            assert "<bdi>" in text  # names and quotes are isolated from the text around them
    assert seen_hostile
    author = next(n for n in pages if n.startswith("authors/img-src"))
    page = pages[author].decode()
    # The quote's markup is text, its escape sequences are pictures, its RTL text is isolated.
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "␛[2J␇" in page
    assert html.escape(HOSTILE_QUOTE.split("<script>")[0]) in page
    # The articles' javascript:, data: and space-led URLs are shown as text, not linked.
    for i in range(3):
        assert f"<td><bdi>Title {i} &lt;script&gt;" in page
    assert printable(HOSTILE_AUTHOR) != HOSTILE_AUTHOR


@pytest.mark.parametrize("by", ["author", "outlet"])
def test_by_chooses_the_index_table(database: Database, tmp_path: Path, by: str) -> None:
    seed_ledger(database)
    out = tmp_path / by
    _build(database, out, by=by)
    index = (out / "index.html").read_text()
    other = "outlets" if by == "author" else "authors"
    assert f"Track records of {by}s" in index
    assert f'href="{other}.html"' in index and (out / f"{other}.html").exists()
    assert not (out / f"{by}s.html").exists()


def test_late_and_withdrawn_claims_have_their_own_sections(
    database: Database, tmp_path: Path, cli
) -> None:  # type: ignore[no-untyped-def]
    def ok(args: list[str]) -> str:
        result = cli(args)
        assert result.exit_code == 0, result.stderr
        return str(result.stdout)

    for key, deadline in (("q-past", "2025-12-31"), ("q-open", "2030-12-31")):
        ok(["questions", "add", f"Will it happen by {deadline}?", "--criteria", "It happens.",
            "--resolve-by", deadline, "--key", key])  # fmt: skip
    # Made now, after the past question's deadline: late, never scored.
    ok(["claims", "add", "--question", "q-past", "--author", "Late Larry",
        "--quote", "It will surely happen.", "--probability", "0.8"])  # fmt: skip
    ok(["claims", "add", "--question", "q-open", "--author", "Wendy Withdrawn",
        "--quote", "Kept claim.", "--probability", "0.6", "--made", "2026-01-01"])  # fmt: skip
    wrong = json.loads(
        ok(
            [
                "claims",
                "add",
                "--question",
                "q-open",
                "--author",
                "Wendy Withdrawn",
                "--quote",
                "Not a claim at all.",
                "--probability",
                "0.3",
                "--made",
                "2026-01-02",
                "--json",
            ]
        )
    )["id"]
    ok(["claims", "withdraw", wrong, "--reason", "a summary of others, not a claim"])
    out = tmp_path / "site"
    _build(database, out)
    files = _files(out)
    larry = next(v for k, v in files.items() if k.startswith("authors/") and b"Late Larry" in v)
    late = larry.decode().split('<section id="late"')[1].split("</section>")[0]
    assert "It will surely happen." in late
    wendy = next(
        v for k, v in files.items() if k.startswith("authors/") and b"Wendy Withdrawn" in v
    ).decode()
    withdrawn = wendy.split('<section id="withdrawn"')[1].split("</section>")[0]
    assert "Not a claim at all." in withdrawn and "Kept claim." not in withdrawn
    assert "1 late" in larry.decode() and "1 withdrawn" in wendy
