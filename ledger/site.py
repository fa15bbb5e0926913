"""The published scoreboard (`report site`): the ledger's track records as a static website."""

# The site, all links relative so it reads from file:// as from any static host:
#
#   index.html                 the league table of the --by grouping (authors or outlets)
#   authors.html / outlets.html   the same table for the other grouping (the switch between them)
#   authors/NAME.html, outlets/NAME.html   one page per source
#   questions.html, questions/KEY.html     every question, and one page per question
#   methodology.html, compare.html         how scoring works; the top sources' calibration
#   assets/site.css, assets/site.js        style, and table sorting (an enhancement only)
#
# - The figures are those of `report sources` (ledger.reports.sources_report, both groupings) and
#   the claims those of `report source` (ledger.reports.claim_records): the site shows what the
#   commands print.
# - Deterministic: no build time or random order anywhere, so the same ledger gives the same
#   bytes; the ledger head the site was built from is printed instead.
# - Safe: Jinja2 autoescapes every value; control characters become visible pictures; a URL is a
#   link only when it is http(s) with a host (anything else is shown as text); names and quotes
#   sit in <bdi> so a right-to-left mark cannot reorder the text around them.
# - Speed (bench/site.py): the claims are read once and grouped; charts are SVG written directly.

from __future__ import annotations

import datetime as dt
import gc
import html
import multiprocessing
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

import sqlalchemy as sa
from markupsafe import Markup
from sqlmodel import Session, col

from ledger import scoring
from ledger.errors import UserInputError
from ledger.events import chain_count_and_head
from ledger.models import Question, QuestionTag, Resolution, Source
from ledger.reports import (
    UNKNOWN,
    ClaimRecord,
    GroupBy,
    SourceRow,
    SourcesReport,
    claim_records,
    make_filters,
    sources_report,
)
from ledger.site_charts import (
    brier_line_svg,
    calibration_svg,
    comparison_svg,
    printable,
    strip_svg,
)
from ledger.site_folder import (
    WriteSummary,
    check_folder,
    claim_folder,
    prepare_folders,
    remove_stale,
    write_page,
)

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = ("site.css", "site.js")
DEFAULT_TITLE = "Forecast Ledger: track records"
N_COMPARED = 6  # sources on the comparison chart: more lines than this cannot be told apart
PLURAL = {"author": "authors", "outlet": "outlets"}
# The groupings the site publishes: pundits by author and by outlet. Analysts' own forecasts (the
# `forecaster` grouping) are the team's working record, not a published track record.
SITE_GROUPINGS: tuple[GroupBy, ...] = ("author", "outlet")
Task = tuple[str, str]  # (what, which): a page to render

# Fact-check verdicts on ClaimReview's numeric scale (1 worst, 3 best). "unverifiable" has no
# place on a truth scale, so such verdicts are shown but carry no ClaimReview markup.
RATINGS = {"false": (1, "False"), "misleading": (2, "Misleading"), "true": (3, "True")}
WORST_RATING, BEST_RATING = 1, 3


class HedgeLike(Protocol):
    """One row of the hedge table (claims.hedges.HedgeEntry), passed in by the CLI."""

    @property
    def phrase(self) -> str: ...
    @property
    def probability(self) -> float: ...
    @property
    def low(self) -> float: ...
    @property
    def high(self) -> float: ...
    @property
    def source(self) -> str: ...


@dataclass(frozen=True)
class SiteOptions:
    title: str = DEFAULT_TITLE
    base_url: str | None = None
    by: GroupBy = "author"


@dataclass(frozen=True)
class SiteResult:
    out: Path
    pages: int
    summary: WriteSummary
    head: str
    entries: int

    @property
    def index(self) -> Path:
        return self.out / "index.html"


_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f]")


def http_url(url: str | None) -> str | None:
    """`url` when it is an http(s) URL with a host and nothing a browser would read otherwise
    (spaces, control characters), else None: only such URLs become links."""
    if not url or _NOT_IN_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def make_options(*, title: str | None, base_url: str | None, by: str) -> SiteOptions:
    """Checked options: --base-url must be an http(s) address, --title some text."""
    grouping = make_filters(by=by).by
    if base_url is not None:
        if http_url(base_url) is None:
            raise UserInputError(
                f"--base-url {base_url!r} is not an http(s) address; give where the site will be "
                "served, e.g. --base-url https://example.org/ledger."
            )
        base_url = base_url.rstrip("/")
    if title is not None:
        title = " ".join(printable(title).split())
        if not title:
            raise UserInputError(
                "--title is empty; give the site's name, e.g. --title 'Our ledger'."
            )
    return SiteOptions(title=title or DEFAULT_TITLE, base_url=base_url, by=grouping)


# --- names of pages -------------------------------------------------------------------------------

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, limit: int = 60) -> str:
    """A file name from any text: ASCII letters and digits joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:limit].strip("-")


def unique_names(items: Sequence[tuple[str, str]], *, fallback: str) -> dict[str, str]:
    """Key -> file stem for (key, text) pairs: the slug of the text, with the key added where
    two texts slug alike (or a text slugs to nothing). Deterministic for the same items."""
    stems: dict[str, str] = {}
    taken: set[str] = set()
    wanted = sorted((slug(text) or fallback, key) for key, text in items)
    counts: dict[str, int] = defaultdict(int)
    for stem, _ in wanted:
        counts[stem] += 1
    for stem, key in wanted:
        name = stem if counts[stem] == 1 and stem != fallback else f"{stem}-{slug(key)}"
        while name in taken:  # a slug that happens to end like another's key
            name = f"{name}-{slug(key)}"
        taken.add(name)
        stems[key] = name
    return stems


# --- what the pages show --------------------------------------------------------------------------


@dataclass(frozen=True)
class SourcePage:
    kind: GroupBy
    id: str | None
    name: str
    href: str  # from the site's root
    row: SourceRow


@dataclass(frozen=True)
class QuestionInfo:
    id: str
    key: str | None
    kind: str
    text: str
    criteria: str
    resolve_by: dt.date | None
    status: str
    outcome: str | None
    resolved_at: dt.datetime | None
    tags: tuple[str, ...]
    resolutions: tuple[Resolution, ...]

    @property
    def name(self) -> str:
        return self.key or self.id


def _questions(session: Session) -> list[QuestionInfo]:
    tags: dict[str, list[str]] = defaultdict(list)
    for qid, tag in session.execute(
        sa.select(col(QuestionTag.question_id), col(QuestionTag.tag)).order_by(col(QuestionTag.tag))
    ):
        tags[qid].append(tag)
    history: dict[str, list[Resolution]] = defaultdict(list)
    for resolution in session.scalars(
        sa.select(Resolution).order_by(col(Resolution.resolved_at), col(Resolution.id))
    ):
        history[resolution.question_id].append(resolution)
    rows = session.execute(
        sa.select(
            col(Question.id),
            col(Question.key),
            col(Question.kind),
            col(Question.text),
            col(Question.criteria),
            col(Question.resolve_by),
            col(Question.status),
            col(Question.outcome),
            col(Question.resolved_at),
        ).order_by(sa.func.coalesce(col(Question.key), col(Question.id)))
    )
    questions = []
    for qid, key, kind, text, criteria, resolve_by, status, outcome, resolved_at in rows:
        resolved = status == "resolved"
        questions.append(
            QuestionInfo(
                qid,
                key,
                kind,
                text,
                criteria,
                resolve_by,
                status,
                outcome if resolved else None,
                resolved_at if resolved else None,
                tuple(tags.get(qid, ())),
                tuple(history.get(qid, ())),
            )
        )
    return questions


# --- late and withdrawn claims (the track-record rules) --------------------------------------------


def _late_withdrawn_counts(row: SourceRow, kind: GroupBy) -> tuple[int, int]:
    data = row.to_json(kind)
    return int(data["n_late"]), int(data["n_withdrawn"])


def _claim_is_late(record: ClaimRecord) -> bool:
    return record.late


def _claim_is_withdrawn(record: ClaimRecord) -> bool:
    return record.withdrawn


# --- formatting -----------------------------------------------------------------------------------


def _f(x: float | None, digits: int = 3, *, signed: bool = False) -> str:
    if x is None:
        return "–"
    return f"{x:+.{digits}f}" if signed else f"{x:.{digits}f}"


def _pct(x: float | None) -> str:
    if x is None:
        return "–"
    text = f"{100 * x:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _interval(lo: float | None, hi: float | None) -> str:
    return "–" if lo is None or hi is None else f"{lo:.3f}–{hi:.3f}"


def _how(record: ClaimRecord) -> str:
    """How the probability was obtained, in words."""
    if record.basis == "hedge":
        return f"from the hedge “{record.hedge}”" if record.hedge else "from a hedge phrase"
    if record.basis == "stated":
        return "stated"
    if record.basis == "analyst":
        return "analyst's reading"
    return "–"


_OUTCOME_LABEL = {"yes": "YES", "no": "NO", "annulled": "annulled"}


@dataclass(slots=True)
class ClaimView:
    """One claim as every page shows it, formatted once: its table cells are built here as
    escaped HTML, because each claim appears on three pages (its author's, its outlet's and its
    question's) and a 100,000-claim ledger makes a third of a million rows; rendering their cells
    in the templates cost most of the build. The pages that show claims all sit one folder deep,
    so the cells' links start with ../."""

    record: ClaimRecord
    anchor: str
    made: str
    author: tuple[str, str] | None  # (name, href from the site's root)
    outlet: tuple[str, str] | None
    lead: str  # made, question, quote, article (escaped HTML, as all four below)
    tail: str  # probability, how obtained, outcome, Brier
    author_cell: str
    outlet_cell: str
    body: str  # for a question's page: quote, article, made, probability or verdict, how, Brier
    article_href: str | None
    section: str  # which part of a source's page lists it (SECTIONS)


def _section(r: ClaimRecord) -> str:
    if _claim_is_withdrawn(r):
        return "withdrawn"
    if _claim_is_late(r):
        return "late"
    if r.kind == scoring.FACTUAL:
        return "factual"
    if r.outcome is None:
        return "open"
    return "annulled" if r.outcome == "annulled" else "scored"


def _text(value: str) -> str:
    # html.escape, not markupsafe's: the same escaping without a Markup object per call.
    return html.escape(printable(value))


def _link_cell(link: tuple[str, str] | None) -> str:
    if link is None:
        return "<td>–</td>"
    return f'<td><a href="../{_text(link[1])}"><bdi>{_text(link[0])}</bdi></a></td>'


def claim_rows(views: Sequence[ClaimView], *, other: str | None = None) -> Markup:
    """The rows of a claims table: a source's (with the other kind of source, `other`, beside
    each claim) or, without `other`, a question's (numbered, author and outlet)."""
    if other is None:
        return Markup(
            "\n".join(
                f'<tr id="{v.anchor}"><td>{i}</td>{v.author_cell}{v.outlet_cell}{v.body}</tr>'
                for i, v in enumerate(views, 1)
            )
        )
    cell = "outlet_cell" if other == "outlet" else "author_cell"
    return Markup(
        "\n".join(f'<tr id="{v.anchor}">{v.lead}{getattr(v, cell)}{v.tail}</tr>' for v in views)
    )


def claim_view(
    r: ClaimRecord,
    *,
    question_href: str,
    author: tuple[str, str] | None,
    outlet: tuple[str, str] | None,
) -> ClaimView:
    if r.outcome is None:
        outcome = "open"
    else:
        outcome = _OUTCOME_LABEL.get(r.outcome, r.outcome) if r.kind == "forecast" else r.outcome
    if r.amended:
        outcome += " (amended)"
    article_href = http_url(r.article_url)
    if article_href:
        label = _text(r.article or article_href)
        article = (
            f'<td><a href="{_text(article_href)}" rel="nofollow noopener noreferrer">'
            f"<bdi>{label}</bdi></a></td>"
        )
    elif r.article:
        article = f"<td><bdi>{_text(r.article)}</bdi></td>"
    else:
        article = "<td>–</td>"
    quote = f"<td><q><bdi>{_text(r.quote)}</bdi></q></td>"
    made = r.made_at.date().isoformat()
    probability = _pct(r.probability)
    how = _text(_how(r))
    brier = _f(r.brier)
    given = _text(outcome) if r.kind == scoring.FACTUAL else probability
    return ClaimView(
        record=r,
        anchor=f"claim-{r.claim_id[:12]}",
        made=made,
        author=author,
        outlet=outlet,
        lead=(
            f'<td>{made}</td><td><a href="../{_text(question_href)}"><bdi>'
            f"{_text(r.question)}</bdi></a></td>{quote}{article}"
        ),
        tail=(f"<td>{probability}</td><td>{how}</td><td>{_text(outcome)}</td><td>{brier}</td>"),
        author_cell=_link_cell(author),
        outlet_cell=_link_cell(outlet),
        body=(f"{quote}{article}<td>{made}</td><td>{given}</td><td>{how}</td><td>{brier}</td>"),
        article_href=article_href,
        section=_section(r),
    )


SECTIONS = (
    (
        "scored",
        "Scored forecasts",
        "Forecasts on questions resolved YES or NO, with their Brier score.",
    ),
    ("open", "Open forecasts", "Forecasts on questions not resolved yet."),
    (
        "late",
        "Late claims",
        "Made once the outcome was known or after the deadline: kept, never scored.",
    ),
    (
        "withdrawn",
        "Withdrawn claims",
        "Taken back for an analyst's error (wrong attribution, not a claim, a duplicate): kept, never counted.",
    ),
    (
        "annulled",
        "Annulled forecasts",
        "On questions that proved too vague or moot to resolve: counted, not scored.",
    ),
    ("factual", "Factual claims", "Statements of fact, with the verdict when checked."),
)
ALWAYS_SHOWN = ("late", "withdrawn")


class _Builder:
    """Gathers the ledger once and renders every page from it."""

    def __init__(
        self,
        session: Session,
        options: SiteOptions,
        hedges: Sequence[HedgeLike],
        *,
        seed: int = 0,
        n_boot: int = scoring.N_BOOT,
    ) -> None:
        self.options = options
        self.hedges = hedges
        self.reports: dict[GroupBy, SourcesReport] = {
            kind: sources_report(session, by=kind, seed=seed, n_boot=n_boot)
            for kind in SITE_GROUPINGS
        }
        self.records = claim_records(session, make_filters(), include_withdrawn=True)
        self.questions = _questions(session)
        self.entries, self.head = chain_count_and_head(session)
        kinds = {
            sid: kind for sid, kind in session.execute(sa.select(col(Source.id), col(Source.kind)))
        }
        self.sources = self._source_pages(kinds)
        qnames = unique_names([(q.id, q.name) for q in self.questions], fallback="question")
        self.question_href = {q.id: f"questions/{qnames[q.id]}.html" for q in self.questions}
        self.claims = [self._claim_view(r) for r in self.records]
        self.by_source: dict[tuple[GroupBy, str | None], list[ClaimView]] = defaultdict(list)
        self.by_question: dict[str, list[ClaimView]] = defaultdict(list)
        for view in self.claims:
            self.by_source[("author", view.record.author_id)].append(view)
            self.by_source[("outlet", view.record.outlet_id)].append(view)
            self.by_question[view.record.question_id].append(view)
        self.source_order = sorted(self.sources.items(), key=lambda kv: kv[1].href)
        self.env = _environment()
        self._headers: dict[tuple[str, str], Markup] = {}

    # -- model --

    def _source_pages(self, kinds: dict[str, str]) -> dict[tuple[GroupBy, str | None], SourcePage]:
        pages: dict[tuple[GroupBy, str | None], SourcePage] = {}
        for kind in SITE_GROUPINGS:
            rows = self.reports[kind].rows
            names = unique_names([(row.source_id or "", row.source) for row in rows], fallback=kind)
            for row in rows:
                href = f"{PLURAL[kind]}/{names[row.source_id or '']}.html"
                pages[(kind, row.source_id)] = SourcePage(
                    kind, row.source_id, row.source, href, row
                )
        return pages

    def _link(self, kind: GroupBy, source_id: str | None) -> tuple[str, str] | None:
        page = self.sources.get((kind, source_id))
        return None if page is None else (page.name, page.href)

    def _claim_view(self, r: ClaimRecord) -> ClaimView:
        return claim_view(
            r,
            question_href=self.question_href[r.question_id],
            author=self._link("author", r.author_id),
            outlet=self._link("outlet", r.outlet_id),
        )

    def page_url(self, href: str) -> str:
        base = self.options.base_url
        return f"{base}/{href}" if base else href

    # -- pages --

    def _header(self, root: str, href: str) -> Markup:
        """The site's header and navigation, the same on every page of a folder: rendered once."""
        current = href if not root else ""
        key = (root, current)
        if key not in self._headers:
            self._headers[key] = Markup(
                self.env.get_template("_header.html").render(
                    site_title=self.options.title,
                    root=root,
                    current=current,
                    by=self.options.by,
                    league_href=self._league_href,
                )
            )
        return self._headers[key]

    def _render(self, template: str, href: str, **context: Any) -> tuple[str, bytes]:
        root = "../" * href.count("/")
        html = self.env.get_template(template).render(
            site_title=self.options.title,
            header=self._header(root, href),
            root=root,
            href=href,
            canonical=self.page_url(href) if self.options.base_url else None,
            by=self.options.by,
            league_href=self._league_href,
            head=self.head,
            entries=self.entries,
            **context,
        )
        return href, html.encode("utf-8")

    def _league_href(self, kind: GroupBy) -> str:
        return "index.html" if kind == self.options.by else f"{PLURAL[kind]}.html"

    def tasks(self) -> list[Task]:
        """Every page to write, as a small value a worker process can be handed."""
        tasks: list[Task] = [("asset", name) for name in ASSETS]
        tasks += [("league", kind) for kind in SITE_GROUPINGS]
        tasks += [("methodology", ""), ("compare", ""), ("questions", "")]
        tasks += [("source", str(i)) for i in range(len(self.source_order))]
        tasks += [("question", str(i)) for i in range(len(self.questions))]
        return tasks

    def render(self, task: Task) -> tuple[str, bytes]:
        what, arg = task
        if what == "asset":
            return f"assets/{arg}", (TEMPLATES / arg).read_bytes()
        if what == "league":
            return self._league("author" if arg == "author" else "outlet")
        if what == "methodology":
            return self._methodology()
        if what == "compare":
            return self._comparison()
        if what == "questions":
            return self._question_list()
        if what == "source":
            key, page = self.source_order[int(arg)]
            return self._source(page, self.by_source.get(key, []))
        question = self.questions[int(arg)]
        return self._question(question, self.by_question.get(question.id, []))

    def folders(self) -> set[str]:
        return {"assets", *PLURAL.values(), "questions"}

    def _league(self, kind: GroupBy) -> tuple[str, bytes]:
        report = self.reports[kind]
        rows = []
        for row in report.rows:
            s = row.score
            late, withdrawn = _late_withdrawn_counts(row, kind)
            rows.append(
                {
                    "rank": s.rank,
                    "name": row.source,
                    "href": self.sources[(kind, row.source_id)].href,
                    "n_claims": s.n_claims,
                    "n_resolved": s.n_resolved,
                    "small": s.small_sample,
                    "brier": _f(s.brier),
                    "brier_sort": s.brier,
                    "interval": _interval(s.brier_low, s.brier_high),
                    "shrunk": _f(s.brier_shrunk),
                    "shrunk_sort": s.brier_shrunk,
                    "skill_even": _f(s.skill_vs_even, 2, signed=True),
                    "skill_even_sort": s.skill_vs_even,
                    "skill_base": _f(s.skill_vs_base, 2, signed=True),
                    "skill_base_sort": s.skill_vs_base,
                    "n_late": late,
                    "n_withdrawn": withdrawn,
                    "n_annulled": s.n_annulled,
                }
            )
        return self._render(
            "index.html",
            self._league_href(kind),
            kind=kind,
            plural=PLURAL[kind],
            rows=rows,
            pool=report.pool,
            min_n=scoring.MIN_N,
            prior=report.pool.prior,
            pool_brier=_f(report.pool.brier),
            pool_base=_pct(report.pool.base_rate),
            n_questions=len(self.questions),
        )

    def _source(self, page: SourcePage, views: list[ClaimView]) -> tuple[str, bytes]:
        s = page.row.score
        sections: dict[str, list[ClaimView]] = {key: [] for key, _, _ in SECTIONS}
        for view in views:
            sections[view.section].append(view)
        scored = sorted(
            (v.record for v in sections["scored"] if v.record.brier is not None),
            key=lambda r: (r.resolved_at or r.made_at, r.made_at, r.claim_id),
        )
        running, line = 0.0, []
        for i, r in enumerate(scored, 1):
            running += r.brier or 0.0
            line.append(((r.resolved_at or r.made_at).date(), running / i))
        late, withdrawn = _late_withdrawn_counts(page.row, page.kind)
        kind_label = page.kind
        other = "outlet" if page.kind == "author" else "author"
        return self._render(
            "source.html",
            page.href,
            page=page,
            s=s,
            kind_label=kind_label,
            other=other,
            n_sources=len(self.reports[page.kind].rows),
            n_late=late,
            n_withdrawn=withdrawn,
            figures={
                "brier": _f(s.brier),
                "interval": _interval(s.brier_low, s.brier_high),
                "shrunk": _f(s.brier_shrunk),
                "skill_even": _f(s.skill_vs_even, 2, signed=True),
                "skill_base": _f(s.skill_vs_base, 2, signed=True),
                "log_score": _f(s.log_score),
                "ece": _f(s.ece),
                "peer_diff": _f(s.peer_diff, signed=True),
                "annulled": _pct(s.annulled_share),
                "base_rate": _pct(s.base_rate),
            },
            bins=[
                {
                    "range": f"{b.lo:.2f}" if b.lo == b.hi else f"{b.lo:.1f}–{b.hi:.1f}",
                    "n": b.n,
                    "stated": _pct(b.mean_p),
                    "observed": _pct(b.freq),
                    "wilson": f"{_pct(b.wilson_low)}–{_pct(b.wilson_high)}",
                }
                for b in s.bins
            ],
            calibration=calibration_svg(s.bins, label=f"Calibration of {page.name}")
            if s.bins
            else None,
            brier_line=brier_line_svg(line, label=f"Cumulative Brier score of {page.name}")
            if line
            else None,
            sections=[
                (key, heading, note, len(sections[key]), claim_rows(sections[key], other=other))
                for key, heading, note in SECTIONS
                if sections[key] or key in ALWAYS_SHOWN
            ],
            min_n=scoring.MIN_N,
            prior=self.reports[page.kind].pool.prior,
        )

    def _question(self, q: QuestionInfo, views: list[ClaimView]) -> tuple[str, bytes]:
        href = self.question_href[q.id]
        marks = [
            (v.record.probability, i)
            for i, v in enumerate(views, 1)
            if v.record.probability is not None
        ]
        outcome = {"yes": 1.0, "no": 0.0}.get(q.outcome or "")
        strip = (
            strip_svg(marks, outcome=outcome, label=f"Probabilities given on {q.name}")
            if marks
            else None
        )
        history = [
            {
                "at": r.resolved_at.date().isoformat(),
                "outcome": r.outcome,
                "resolver": r.resolver,
                "note": r.note,
                "evidence": [
                    {
                        "href": http_url(e.get("url")),
                        "text": e.get("title") or e.get("url") or "(no link)",
                        "kind": e.get("kind"),
                    }
                    for e in (r.evidence or [])
                    if isinstance(e, dict)
                ],
            }
            for r in q.resolutions
        ]
        return self._render(
            "question.html",
            href,
            q=q,
            views=views,
            rows=claim_rows(views),
            strip=strip,
            history=history,
            deadline=q.resolve_by.isoformat() if q.resolve_by else None,
            reviews=self._claim_reviews(q, views, href),
        )

    def _claim_reviews(
        self, q: QuestionInfo, views: list[ClaimView], href: str
    ) -> list[dict[str, Any]]:
        """schema.org ClaimReview of each claim on a factual question with a verdict on the
        truth scale: the claim, who made it and where, the verdict, and who judged it when."""
        if q.kind != scoring.FACTUAL or q.outcome not in RATINGS or not q.resolutions:
            return []
        value, name = RATINGS[q.outcome]
        judged = q.resolutions[-1].resolved_at.date().isoformat()
        reviewer: dict[str, Any] = {"@type": "Organization", "name": self.options.title}
        if self.options.base_url:
            reviewer["url"] = self.options.base_url + "/"
        reviews = []
        for v in views:
            r = v.record
            claim: dict[str, Any] = {"@type": "Claim", "datePublished": v.made}
            # The "(unknown …)" pseudo-sources name nobody: such a claim has no author here.
            if r.author_id is not None and v.author:
                claim["author"] = {"@type": "Person", "name": printable(v.author[0])}
            elif r.outlet_id is not None and v.outlet:
                claim["author"] = {"@type": "Organization", "name": printable(v.outlet[0])}
            if v.article_href:
                appearance: dict[str, Any] = {"@type": "CreativeWork", "url": v.article_href}
                if r.article:
                    appearance["headline"] = printable(r.article)
                claim["appearance"] = appearance
            reviews.append(
                {
                    "@context": "https://schema.org",
                    "@type": "ClaimReview",
                    "url": f"{self.page_url(href)}#{v.anchor}",
                    "claimReviewed": printable(r.quote),
                    "datePublished": judged,
                    "author": reviewer,
                    "reviewRating": {
                        "@type": "Rating",
                        "ratingValue": value,
                        "bestRating": BEST_RATING,
                        "worstRating": WORST_RATING,
                        "alternateName": name,
                    },
                    "itemReviewed": claim,
                }
            )
        return reviews

    def _question_list(self) -> tuple[str, bytes]:
        counts: dict[str, int] = defaultdict(int)
        for r in self.records:
            counts[r.question_id] += 1
        # Built here rather than in the template, like the claims' rows: 20,000 rows of a
        # large ledger cost seconds through Jinja.
        rows = Markup(
            "\n".join(
                f'<tr><th scope="row"><a href="{_text(self.question_href[q.id])}"><bdi>'
                f"{_text(q.name)}</bdi></a></th><td><bdi>{_text(q.text)}</bdi></td>"
                f"<td>{_text(q.kind)}</td><td>{_text(q.outcome or 'open')}</td>"
                f"<td>{q.resolve_by.isoformat() if q.resolve_by else '–'}</td>"
                f"<td>{counts.get(q.id, 0)}</td></tr>"
                for q in self.questions
            )
        )
        return self._render(
            "questions.html", "questions.html", rows=rows, count=len(self.questions)
        )

    def _comparison(self) -> tuple[str, bytes]:
        charts = []
        for kind in SITE_GROUPINGS:
            ranked = [
                r for r in self.reports[kind].rows if r.score.rank is not None and r.score.bins
            ]
            enough = [r for r in ranked if not r.score.small_sample]
            chosen = (enough if len(enough) >= 2 else ranked)[:N_COMPARED]
            charts.append(
                {
                    "kind": kind,
                    "plural": PLURAL[kind],
                    "svg": comparison_svg(
                        [(r.source, r.score.bins) for r in chosen],
                        label=f"Calibration of the top {len(chosen)} {PLURAL[kind]}",
                    )
                    if chosen
                    else None,
                    "sources": [
                        {
                            "name": r.source,
                            "href": self.sources[(kind, r.source_id)].href,
                            "rank": r.score.rank,
                            "n_resolved": r.score.n_resolved,
                            "brier": _f(r.score.brier),
                        }
                        for r in chosen
                    ],
                    "small": chosen is ranked or any(r.score.small_sample for r in chosen),
                }
            )
        return self._render("compare.html", "compare.html", charts=charts, min_n=scoring.MIN_N)

    def _methodology(self) -> tuple[str, bytes]:
        pool = self.reports[self.options.by].pool
        return self._render(
            "methodology.html",
            "methodology.html",
            hedges=[
                {
                    "phrase": h.phrase,
                    "probability": _pct(h.probability),
                    "band": f"{_pct(h.low)}–{_pct(h.high)}",
                    "source": h.source,
                }
                for h in self.hedges
            ],
            prior=pool.prior,
            min_n=scoring.MIN_N,
            n_boot=pool.n_boot,
            level=f"{scoring.LEVEL:.0%}",
            max_distinct=scoring.MAX_DISTINCT,
            n_bins=scoring.N_EQUAL_BINS,
            log_clip=scoring.LOG_CLIP,
            unknown=UNKNOWN,
            ratings=RATINGS,
        )


def _finalize(value: Any) -> Any:
    # Every {{ value }} passes here before escaping: text from outside shows its control
    # characters as pictures; a missing figure shows as a dash.
    if value is None:
        return "–"
    if type(value) is str:
        return printable(value)
    return value


def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        auto_reload=False,  # the templates do not change during a build: no stat per page
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


# Rendering is shared among worker processes forked from the builder (which they inherit, so
# nothing big is pickled): on a 20,000-question ledger the pages are most of the build. Small
# sites, and systems without fork, render in-process.
PARALLEL_FROM = 2000  # pages
_BUILDER: _Builder | None = None


def _render_and_write(out: Path, tasks: list[Task]) -> list[tuple[str, bool]]:
    assert _BUILDER is not None
    done = []
    for task in tasks:
        href, data = _BUILDER.render(task)
        done.append((href, write_page(out, href, data)))
    return done


def _worker_count(n_pages: int, workers: int | None) -> int:
    if workers is not None:
        return workers
    if n_pages < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


def build_site(
    session: Session,
    out: Path,
    options: SiteOptions,
    *,
    hedges: Sequence[HedgeLike],
    seed: int = 0,
    n_boot: int = scoring.N_BOOT,
    workers: int | None = None,
) -> SiteResult:
    """Writes the whole site to `out` (`report site`): checks the folder first, then gathers the
    ledger, renders and writes every page, and removes the files an earlier build left that the
    site no longer has. `workers`: processes rendering pages (default: by the site's size and
    the CPUs; 1 renders in this process)."""
    global _BUILDER
    check_folder(out)
    builder = _Builder(session, options, hedges, seed=seed, n_boot=n_boot)
    tasks = builder.tasks()
    claim_folder(out)
    prepare_folders(out, builder.folders())
    n = _worker_count(len(tasks), workers)
    _BUILDER = builder
    try:
        if n == 1:
            done = _render_and_write(out, tasks)
        else:
            from concurrent.futures import ProcessPoolExecutor

            # Interleaved slices: source pages (few, large) and question pages (many, small)
            # spread evenly over the workers.
            slices = [tasks[i::n] for i in range(n)]
            context = multiprocessing.get_context("fork")
            # Frozen objects are left out of the workers' garbage collections, which would
            # otherwise write to (and so copy) every page of the inherited builder.
            gc.freeze()
            try:
                with ProcessPoolExecutor(max_workers=n, mp_context=context) as pool:
                    parts = list(pool.map(_render_and_write, [out] * n, slices))
            finally:
                gc.unfreeze()
            done = [item for part in parts for item in part]
    finally:
        _BUILDER = None
    written = sum(1 for _, changed in done if changed)
    removed = remove_stale(out, {href for href, _ in done})
    summary = WriteSummary(written, len(done) - written, removed)
    return SiteResult(out, len(done), summary, builder.head, builder.entries)
