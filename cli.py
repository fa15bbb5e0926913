"""The command line: parses options, opens the ledger, calls one function of ledger/, claims/ or feeds/, renders.

Heavy modules (SQLAlchemy, rich, feedparser, numpy) are imported inside the commands, so `--help` stays fast.
"""

from __future__ import annotations

import contextlib
import copy
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ledger.errors import InputFileErrors, LedgerError

if TYPE_CHECKING:
    from ledger.db import Database

# Help is drawn by click's own formatter, not typer's rich panels: rich's markdown renderer alone costs more
# than importing typer, and every `--help` would pay for it.
_PLAIN_HELP: dict[str, Any] = {"rich_markup_mode": None}

app = typer.Typer(
    name="forecast-ledger",
    **_PLAIN_HELP,
    help="Register pundits' forecasts, watch the news, resolve questions and score every source.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
db_app = typer.Typer(
    **_PLAIN_HELP,
    help="The database schema: where it is, its revision, upgrades.",
    no_args_is_help=True,
)
articles_app = typer.Typer(
    **_PLAIN_HELP, help="Articles: the published pieces claims come from.", no_args_is_help=True
)
questions_app = typer.Typer(
    **_PLAIN_HELP,
    help="Questions: events phrased to resolve unambiguously, with criteria and a deadline.",
    no_args_is_help=True,
)
claims_app = typer.Typer(
    **_PLAIN_HELP,
    help="Claims: what one source said about one question, with its probability.",
    no_args_is_help=True,
)
feeds_app = typer.Typer(
    **_PLAIN_HELP,
    help="Feeds: news sources polled for items that bear on open questions.",
    no_args_is_help=True,
)
flags_app = typer.Typer(
    **_PLAIN_HELP,
    help="Flags: news items matched to open questions, for review.",
    no_args_is_help=True,
)
sources_app = typer.Typer(
    **_PLAIN_HELP,
    help="Sources: the authors and outlets claims come from; list, rename, merge two spellings.",
    no_args_is_help=True,
)
report_app = typer.Typer(
    **_PLAIN_HELP, help="Reports: track records, scores and calibration.", no_args_is_help=True
)
app.add_typer(db_app, name="db")
app.add_typer(articles_app, name="articles")
app.add_typer(questions_app, name="questions")
app.add_typer(claims_app, name="claims")
app.add_typer(sources_app, name="sources")
app.add_typer(feeds_app, name="feeds")
app.add_typer(flags_app, name="flags")
app.add_typer(report_app, name="report")


@dataclass
class State:
    db: str | None = None
    actor: str | None = None

    def open(self, *, read_only: bool = False) -> Database:
        """The ledger; `read_only` for commands that only read (an archived read-only copy opens too)."""
        from ledger.db import open_database

        return open_database(self.db, read_only=read_only)


def _state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="FORECAST_LEDGER_DB",
            help="SQLite file path or SQLAlchemy URL, e.g. --db team.db or "
            "--db postgresql+psycopg://user@host/ledger. Default: a file in your data directory.",
            show_envvar=True,
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--as",
            envvar="FORECAST_LEDGER_ACTOR",
            help="Who is making the changes, recorded in the ledger, e.g. --as alice. Default: your user name.",
            show_envvar=True,
        ),
    ] = None,
) -> None:
    ctx.obj = State(db=db, actor=actor)


# --- db -------------------------------------------------------------------------------------------------------


@db_app.command("current")
def db_current(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print stable JSON instead of text.")
    ] = False,
) -> None:
    """Show where the ledger is and its schema revision, e.g. `forecast-ledger db current`."""
    from ledger import db as dbmod
    from ledger.output import print_json

    url = dbmod.resolve_url(_state(ctx).db)
    engine = dbmod.create_engine(url)
    with dbmod.translate_errors(url):
        current, head, known = dbmod.revision_state(engine, url)
    engine.dispose()
    state = (
        "up to date" if current == head else ("unknown to this version" if not known else "behind")
    )
    if as_json:
        print_json(
            {"database": dbmod.describe(url), "revision": current, "head": head, "state": state}
        )
        return
    print(f"database: {dbmod.describe(url)}")
    print(f"revision: {current or '(empty)'} (head {head}, {state})")


@db_app.command("upgrade")
def db_upgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision, e.g. head or 0001.")] = "head",
) -> None:
    """Upgrade the schema, e.g. `forecast-ledger db upgrade` (needed on a shared PostgreSQL ledger)."""
    from ledger import db as dbmod

    url = dbmod.resolve_url(_state(ctx).db)
    engine = dbmod.create_engine(url)
    with dbmod.translate_errors(url):
        before, _head, known = dbmod.revision_state(engine, url)
        if not known:
            raise LedgerError(f"the database is at revision {before}, unknown to this version.")
        dbmod.upgrade(url, engine, revision)
        after, _, _ = dbmod.revision_state(engine, url)
    engine.dispose()
    print(f"{dbmod.describe(url)}: {before or '(empty)'} -> {after}")


@db_app.command("downgrade")
def db_downgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision, e.g. base or 0001.")],
) -> None:
    """Downgrade the schema (for developers), e.g. `forecast-ledger db downgrade base`."""
    from ledger import db as dbmod

    url = dbmod.resolve_url(_state(ctx).db)
    engine = dbmod.create_engine(url)
    dbmod.downgrade(url, engine, revision)
    with dbmod.translate_errors(url):
        after, _, _ = dbmod.revision_state(engine, url)
    engine.dispose()
    print(f"{dbmod.describe(url)}: now at {after or '(empty)'}")


# --- verify ---------------------------------------------------------------------------------------------------


@app.command()
def verify(
    ctx: typer.Context,
    expect_head: Annotated[
        str | None,
        typer.Option(
            "--expect-head",
            help="A head recorded earlier (by `export`, or printed by `verify`), which the chain must still "
            "contain: catches a chain cut short or rewritten, e.g. --expect-head 3f2a9c1d0b7e.",
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help='Print {"ok", "entries", "head", "rows", "problems"} as JSON, e.g. --json.',
        ),
    ] = False,
) -> None:
    """Check the ledger's hash chain, that every row still matches what the ledger recorded, and that the news
    items cited as evidence still read as recorded.

    Exit code 1 when anything was changed behind the tool's back, e.g. `forecast-ledger verify`. Deleting the
    newest entries together with the rows they wrote leaves a consistent shorter chain: keep the head
    (`export` records it) and check with --expect-head to catch that.
    """
    from ledger.events import verify as run_verify
    from ledger.output import print_json

    database = _state(ctx).open(read_only=True)
    with database.session() as session:
        report = run_verify(session, expect_head=expect_head)
    if as_json:
        print_json(
            {
                "ok": report.ok,
                "entries": report.entries,
                "rows": report.rows,
                "head": report.head,
                "problems": [
                    {"kind": p.kind, "table": p.table, "id": p.id, "detail": p.detail}
                    for p in report.problems
                ],
            }
        )
    else:
        for problem in report.problems:
            print(str(problem))
        if report.ok:
            print(
                f"ok: {report.entries} ledger entries, {report.rows} rows match (head {report.head[:12]})"
            )
    if not report.ok:
        raise LedgerError(
            f"the ledger does not match the database: {len(report.problems)} problem(s) listed above."
        )


@app.command("log")
def log(
    ctx: typer.Context,
    question: Annotated[
        str | None,
        typer.Option(
            "--question", "-q", help="Only entries touching this question, e.g. --question freeze."
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="Only entries touching this author or outlet, e.g. --source 'Ian Garner'.",
        ),
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Only changes by this person, e.g. --actor alice.")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", help="Only changes at or after this date or time, e.g. --since 2025-03-01."
        ),
    ] = None,
    action: Annotated[
        str | None,
        typer.Option(
            "--action",
            help="Only this action, or every action under a prefix, e.g. --action claim.amended or --action source.",
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", help="At most this many entries (0: all), e.g. -n 200.")
    ] = 50,
    as_json: JsonOpt = False,
) -> None:
    """List the ledger's changes, newest first: time, actor, action and what was touched, e.g.
    `forecast-ledger log --question freeze` or `forecast-ledger log --actor alice --since 2025-03-01`."""
    from ledger.history import log_entries, touched
    from ledger.output import print_json, show, table

    with _state(ctx).open(read_only=True).session() as session:
        rows = log_entries(
            session,
            question=question,
            source=source,
            actor=actor,
            since=since,
            action=action,
            limit=limit,
        )
    if as_json:
        print_json(rows)
        return
    show(
        table(
            ["seq", "at (UTC)", "actor", "action", "touched"],
            [
                [r["seq"], r["at"][:16].replace("T", " "), r["actor"], r["action"], touched(r)]
                for r in rows
            ],
        )
    )


# --- articles, questions, claims, import (claims workflow) --------------------------------------------------


def _actor(ctx: typer.Context) -> str:
    from ledger.events import default_actor

    return _state(ctx).actor or default_actor()


def _tty() -> bool:
    return sys.stdin.isatty()


def _date_opt(value: str | None, what: str) -> Any:
    if value is None:
        return None
    from ledger.dates import parse_date

    return parse_date(value, what=what)


JsonOpt = Annotated[bool, typer.Option("--json", help="Print stable JSON instead of a table.")]


@articles_app.command("add")
def articles_add(
    ctx: typer.Context,
    path_or_url: Annotated[str, typer.Argument(help="A .txt or .html file, or an http(s) URL.")],
    title: Annotated[
        str | None, typer.Option(help="Headline, e.g. --title 'Putin Is Stalling'.")
    ] = None,
    outlet: Annotated[
        str | None, typer.Option(help="Publication, e.g. --outlet 'Foreign Policy'.")
    ] = None,
    author: Annotated[
        list[str] | None,
        typer.Option(
            help="Author; repeat for several, e.g. --author 'Ian Garner'. --author '' if unstated."
        ),
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date, e.g. --published 2025-04-02.")
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            help="Where the article is published, for a saved file, e.g. --url https://foreignpolicy.com/2025/04/02/putin-stalling/."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Add an article from a file or URL, e.g. `forecast-ledger articles add oped.html --outlet FP`.

    HTML is reduced to its main text with trafilatura. Missing metadata is asked for on a terminal.
    The same URL or text twice gives back the existing article."""
    from dataclasses import replace

    from claims.articles import load
    from claims.interactive import complete_draft, register_draft
    from claims.queries import article_json
    from ledger.output import print_json, say

    authors = [a for a in author if a.strip()] if author is not None else None
    draft = load(path_or_url).with_options(
        title=title, outlet=outlet, authors=authors, published=_date_opt(published, "--published")
    )
    if url is not None:
        draft = replace(draft, url=_web_address(url))
    draft = complete_draft(draft, tty=_tty())
    database = _state(ctx).open()
    with database.write_session() as session:
        from claims.sources import close_to_existing

        close = close_to_existing(
            session, [("outlet", draft.outlet), *(("author", a) for a in draft.authors)]
        )
        article, created = register_draft(session, draft, actor=_actor(ctx))
        data = article_json(session, article)
    if created:
        _warn_close(close)
    if as_json:
        print_json({**data, "created": created})
        return
    verb = "added" if created else "already in the ledger:"
    say(f"article {verb} {article.id[:8]} {article.title!r}")
    print(article.id)


def _web_address(url: str) -> str:
    from urllib.parse import urlsplit

    from ledger.errors import UserInputError

    value = url.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise UserInputError(
            f"--url {url!r} is not an http(s) address, e.g. https://example.org/oped."
        )
    return value


@articles_app.command("list")
def articles_list(
    ctx: typer.Context,
    source: Annotated[
        str | None, typer.Option(help="Only this outlet or author, e.g. --source 'Ian Garner'.")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            help="Only articles (title, URL) whose words start with every word given, ignoring case and accents, e.g. --search 'truce kursk'."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List articles, newest first, e.g. `forecast-ledger articles list --source 'Foreign Policy'`."""
    from claims.queries import list_articles
    from claims.render import articles_table
    from ledger.output import print_json, show

    with _state(ctx).open(read_only=True).session() as session:
        rows = list_articles(session, source=source, search=search)
    print_json(rows) if as_json else show(articles_table(rows))


@articles_app.command("show")
def articles_show(
    ctx: typer.Context,
    article_id: Annotated[
        str, typer.Argument(help="Article id or its first characters, e.g. 3f2a.")
    ],
    text: Annotated[bool, typer.Option("--text", help="Print the article's text too.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Show one article, e.g. `forecast-ledger articles show 3f2a --text`."""
    from claims.queries import article_json
    from claims.render import article_panel
    from ledger.lookup import get
    from ledger.models import Article
    from ledger.output import print_json, show

    with _state(ctx).open(read_only=True).session() as session:
        data = article_json(session, get(session, Article, article_id), with_text=text or as_json)
    print_json(data) if as_json else show(article_panel(data))


@questions_app.command("add")
def questions_add(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            help="The yes/no question, e.g. 'Will Russia sign a ceasefire by 2026-12-31?'."
        ),
    ] = None,
    criteria: Annotated[
        str | None, typer.Option(help="How a stranger decides the outcome.")
    ] = None,
    resolve_by: Annotated[
        str | None, typer.Option(help="Deadline: 2026-12-31 or 'in 6 months'.")
    ] = None,
    kind: Annotated[
        str, typer.Option(help="forecast (future) or factual (past/present).")
    ] = "forecast",
    tag: Annotated[
        list[str] | None, typer.Option(help="Tag; repeat for several, e.g. --tag ceasefire.")
    ] = None,
    watch: Annotated[
        str | None, typer.Option(help="Watch terms in text form, e.g. 'all: russia | kremlin'.")
    ] = None,
    key: Annotated[
        str | None, typer.Option(help="A stable slug to refer to it, e.g. ru-ceasefire-2026.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Register a question, e.g. `forecast-ledger questions add 'Will X by 2026-12-31?' --criteria ... --resolve-by 2026-12-31`."""
    from claims.queries import question_json
    from claims.register import add_question
    from ledger.errors import UserInputError
    from ledger.output import print_json, say

    tty = _tty()
    if text is None:
        text = typer.prompt("Question") if tty else None
    if criteria is None:
        criteria = typer.prompt("Resolution criteria") if tty else None
    if resolve_by is None and kind == "forecast" and tty:
        resolve_by = typer.prompt("Resolve by (YYYY-MM-DD or 'in 6 months')")
    missing = [n for n, v in (("TEXT", text), ("--criteria", criteria)) if not v]
    if kind == "forecast" and not resolve_by:
        missing.append("--resolve-by")
    if missing:
        raise UserInputError(
            f"missing {', '.join(missing)} (a forecast needs a question, criteria and a deadline)."
        )
    watch_dict = None
    if watch is not None:
        from feeds.matching.terms import parse_watch_text

        try:
            watch_dict = parse_watch_text(watch).to_dict()
        except ValueError as exc:
            raise UserInputError(f"--watch: {exc}") from None
    deadline = _date_opt(resolve_by, "--resolve-by")  # before the ledger is opened (or created)
    database = _state(ctx).open()
    with database.write_session() as session:
        question = add_question(
            session,
            text=text or "",
            criteria=criteria or "",
            kind=kind,
            resolve_by=deadline,
            tags=tag or [],
            watch=watch_dict,
            key=key,
            actor=_actor(ctx),
        )
        data = question_json(session, question)
    if as_json:
        print_json(data)
        return
    say(f"question added {question.id[:8]}")
    print(question.id)


@questions_app.command("list")
def questions_list(
    ctx: typer.Context,
    status: Annotated[
        str | None,
        typer.Option(
            help="open, resolved, annulled (resolved as annulled) or withdrawn (an analyst's mistake, out of "
            "every count), e.g. --status annulled."
        ),
    ] = None,
    tag: Annotated[str | None, typer.Option(help="Only questions with this tag.")] = None,
    source: Annotated[
        str | None, typer.Option(help="Only questions this author or outlet made claims on.")
    ] = None,
    due: Annotated[
        bool, typer.Option("--due", help="Only open forecasts past their resolve-by date.")
    ] = False,
    kind: Annotated[str | None, typer.Option(help="forecast or factual.")] = None,
    search: Annotated[
        str | None,
        typer.Option(
            help="Only questions (text, criteria, key) whose words start with every word given, ignoring case and accents, e.g. --search 'ceasefire kursk'."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List questions, e.g. `forecast-ledger questions list --status open --tag ceasefire`."""
    from claims.queries import list_questions
    from claims.render import questions_table
    from ledger.output import print_json, show

    with _state(ctx).open(read_only=True).session() as session:
        rows = list_questions(
            session, status=status, tag=tag, source=source, due=due, kind=kind, search=search
        )
    print_json(rows) if as_json else show(questions_table(rows))


@questions_app.command("show")
def questions_show(
    ctx: typer.Context,
    question_id: Annotated[
        str, typer.Argument(help="Question id, its first characters, or its key.")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Show a question with its claims, resolutions and amendments, e.g. `forecast-ledger questions show ru-ceasefire-2026`."""
    from claims.queries import question_detail
    from claims.render import question_panel
    from ledger.output import print_json, show

    with _state(ctx).open(read_only=True).session() as session:
        data = question_detail(session, question_id)
    print_json(data) if as_json else show(question_panel(data))


@questions_app.command("amend")
def questions_amend(
    ctx: typer.Context,
    question_id: Annotated[
        str, typer.Argument(help="Question id, its first characters, or its key.")
    ],
    reason: Annotated[str | None, typer.Option(help="Why the change is needed (required).")] = None,
    text: Annotated[str | None, typer.Option(help="New wording.")] = None,
    criteria: Annotated[str | None, typer.Option(help="New resolution criteria.")] = None,
    resolve_by: Annotated[str | None, typer.Option(help="New deadline, e.g. 2027-06-30.")] = None,
    tags: Annotated[str | None, typer.Option(help="New tags, comma-separated.")] = None,
    key: Annotated[
        str | None,
        typer.Option(help="New key (a slug; '' removes it), e.g. --key ru-ceasefire-2027."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Amend a question with a reason; the old value stays in its history, e.g.
    `forecast-ledger questions amend ru-ceasefire-2026 --resolve-by 2027-06-30 --reason 'talks moved'`."""
    from claims.register import amend_question
    from ledger.errors import UserInputError
    from ledger.output import say

    changes = {
        k: v
        for k, v in (
            ("text", text),
            ("criteria", criteria),
            ("resolve_by", resolve_by),
            ("tags", tags),
            ("key", key),
        )
        if v is not None
    }
    if not changes:
        raise UserInputError(
            "nothing to amend: give --text, --criteria, --resolve-by, --tags or --key."
        )
    from claims.queries import amendment_json
    from ledger.output import print_json

    made = []
    database = _state(ctx).open()
    with database.write_session() as session:
        for field, value in changes.items():
            made.append(
                amend_question(
                    session, question_id, field=field, value=value, reason=reason, actor=_actor(ctx)
                )
            )
            if not as_json:
                say(f"amended {field}")
    if as_json:
        print_json([amendment_json(a) for a in made])


@claims_app.command("add")
def claims_add(
    ctx: typer.Context,
    question: Annotated[str | None, typer.Option(help="Question id, prefix or key.")] = None,
    article: Annotated[
        str | None, typer.Option(help="Article id or prefix the quote comes from.")
    ] = None,
    quote: Annotated[str | None, typer.Option(help="The source's words, verbatim.")] = None,
    probability: Annotated[
        str | None, typer.Option(help="0.7, 70% or a hedge like 'almost certainly'.")
    ] = None,
    basis: Annotated[
        str | None, typer.Option(help="stated, hedge or analyst (how the number was obtained).")
    ] = None,
    author: Annotated[
        str | None, typer.Option(help="Author, when not the article's first author or no article.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet, when not the article's.")] = None,
    note: Annotated[str | None, typer.Option(help="Analyst's note on the reading.")] = None,
    made: Annotated[
        str | None,
        typer.Option(
            "--made",
            help="When the source made the claim, e.g. --made 2025-03-17 or --made 2025-03-17T09:30Z. "
            "Default: the article's publication date; without an article, now (and it says so).",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Register a claim, e.g. `forecast-ledger claims add --question ru-ceasefire-2026 --article 3f2a --quote '...' --probability 'will never'`."""
    from claims.hedges import parse_probability
    from claims.queries import claim_json
    from claims.register import add_claim, claim_late_reason
    from ledger.dates import parse_datetime
    from ledger.errors import UserInputError
    from ledger.lookup import get
    from ledger.models import Article, Question
    from ledger.output import print_json, say

    made_at = parse_datetime(made, what="--made") if made is not None else None
    tty = _tty()
    if question is None and tty:
        question = typer.prompt("Question (id or key)")
    if quote is None and tty:
        quote = typer.prompt("Quote (verbatim)")
    if not question or not quote:
        raise UserInputError("missing --question or --quote.")
    database = _state(ctx).open()
    with database.write_session() as session:
        q = get(session, Question, question)
        if probability is None and q.kind == "forecast" and tty:
            probability = typer.prompt("Probability (0.7, 70% or a hedge)")
        parsed = None
        if probability is not None:
            try:
                parsed = parse_probability(probability)
            except ValueError as exc:
                raise UserInputError(str(exc)) from None
        article_row = get(session, Article, article) if article else None
        from claims.sources import close_to_existing

        close = close_to_existing(session, [("author", author), ("outlet", outlet)])
        claim, created = add_claim(
            session,
            question=q,
            article=article_row,
            quote=quote,
            probability=parsed.probability if parsed else None,
            basis=basis or (parsed.basis if parsed else None),
            hedge=parsed.hedge if parsed else None,
            note=note,
            author=author,
            outlet=outlet,
            made_at=made_at,
            actor=_actor(ctx),
        )
        data = claim_json(session, claim)
        late = claim_late_reason(session, claim)
    dated_now = created and made_at is None and (article_row is None or not article_row.published)
    if late is not None:
        say(f"warning: this claim is late and will never be scored: {late}.")
    if created:
        _warn_close(close)
    if as_json:
        print_json({**data, "created": created})
        return
    when = data["made_at"][:16].replace("T", " ")
    how = " (dated now: no --made given)" if dated_now else ""
    say(
        f"claim {'registered' if created else 'already in the ledger:'} {claim.id[:8]}, "
        f"made {when} UTC{how}"
    )
    print(claim.id)


@claims_app.command("list")
def claims_list(
    ctx: typer.Context,
    question: Annotated[str | None, typer.Option(help="Only claims on this question.")] = None,
    source: Annotated[str | None, typer.Option(help="Only this author or outlet.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only claims on questions with this tag.")] = None,
    status: Annotated[
        str | None, typer.Option(help="open or resolved (the question's status).")
    ] = None,
    due: Annotated[
        bool, typer.Option("--due", help="Only claims on forecasts past their deadline.")
    ] = False,
    search: Annotated[
        str | None,
        typer.Option(
            help="Only claims (quote, hedge, note, or their question's text, criteria, key) whose words start with every word given, ignoring case and accents, e.g. --search 'never negotiate'."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List claims, e.g. `forecast-ledger claims list --source 'Ian Garner' --status resolved`. `*` marks amended claims."""
    from claims.queries import list_claims
    from claims.render import claims_table
    from ledger.output import print_json, show

    with _state(ctx).open(read_only=True).session() as session:
        rows = list_claims(
            session,
            question=question,
            source=source,
            tag=tag,
            status=status,
            due=due,
            search=search,
        )
    print_json(rows) if as_json else show(claims_table(rows))


@claims_app.command("show")
def claims_show(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(help="Claim id or its first characters.")],
    as_json: JsonOpt = False,
) -> None:
    """Show a claim with its amendment history, e.g. `forecast-ledger claims show 9b1c`."""
    from claims.queries import claim_detail
    from claims.render import claim_panel
    from ledger.output import print_json, show

    with _state(ctx).open(read_only=True).session() as session:
        data = claim_detail(session, claim_id)
    print_json(data) if as_json else show(claim_panel(data))


@claims_app.command("amend")
def claims_amend(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(help="Claim id or its first characters.")],
    reason: Annotated[str | None, typer.Option(help="Why the change is needed (required).")] = None,
    probability: Annotated[
        str | None, typer.Option(help="New reading: 0.7, 70% or a hedge.")
    ] = None,
    quote: Annotated[
        str | None, typer.Option(help="Corrected quote (must be in the article).")
    ] = None,
    hedge: Annotated[str | None, typer.Option(help="Corrected hedge phrase.")] = None,
    basis: Annotated[str | None, typer.Option(help="stated, hedge or analyst.")] = None,
    note: Annotated[str | None, typer.Option(help="New analyst note.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Amend a claim with a reason; reports keep scoring the probability as first registered, e.g.
    `forecast-ledger claims amend 9b1c --probability 0.1 --reason 'misread the hedge'`."""
    from claims.register import amend_claim
    from ledger.errors import UserInputError
    from ledger.output import say

    changes = {
        k: v
        for k, v in (
            ("probability", probability),
            ("quote", quote),
            ("hedge", hedge),
            ("basis", basis),
            ("note", note),
        )
        if v is not None
    }
    if not changes:
        raise UserInputError(
            "nothing to amend: give --probability, --quote, --hedge, --basis or --note."
        )
    from claims.queries import amendment_json
    from ledger.output import print_json

    made = []
    database = _state(ctx).open()
    with database.write_session() as session:
        for field, value in changes.items():
            made.append(
                amend_claim(
                    session, claim_id, field=field, value=value, reason=reason, actor=_actor(ctx)
                )
            )
            if not as_json:
                say(f"amended {field}")
    if as_json:
        print_json([amendment_json(a) for a in made])


_WITHDRAW_REASON = (
    "Why (required), e.g. --reason 'wrong author: the quote is the interviewer's' or "
    "--reason 'duplicate of 3f2a9c1d'."
)


def _withdrawal(
    ctx: typer.Context, model: Any, ref: str, withdrawn: bool, reason: str | None
) -> None:
    from claims.register import set_withdrawn
    from ledger.ids import short
    from ledger.output import say

    with _state(ctx).open().write_session() as session:
        amendment = set_withdrawn(
            session, model, ref, withdrawn=withdrawn, reason=reason, actor=_actor(ctx)
        )
    what = "withdrawn: out of every score and count" if withdrawn else "reinstated"
    say(f"{amendment.subject} {short(amendment.subject_id)} {what} ({amendment.reason})")


@claims_app.command("withdraw")
def claims_withdraw(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(help="Claim id or its first characters, e.g. 9b1c.")],
    reason: Annotated[str | None, typer.Option(help=_WITHDRAW_REASON)] = None,
) -> None:
    """Withdraw a claim registered in error (wrong attribution, not a claim, a duplicate): it stays in the
    ledger and its history, out of every score and count, e.g.
    `forecast-ledger claims withdraw 9b1c --reason 'wrong author'`. (A question that proved ill-posed or moot is
    resolved `annulled` instead.)"""
    from ledger.models import Claim

    _withdrawal(ctx, Claim, claim_id, True, reason)


@claims_app.command("reinstate")
def claims_reinstate(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(help="Claim id or its first characters, e.g. 9b1c.")],
    reason: Annotated[
        str | None, typer.Option(help="Why (required), e.g. --reason 'author was right'.")
    ] = None,
) -> None:
    """Undo a withdrawal, e.g. `forecast-ledger claims reinstate 9b1c --reason 'the attribution was right'`."""
    from ledger.models import Claim

    _withdrawal(ctx, Claim, claim_id, False, reason)


@questions_app.command("withdraw")
def questions_withdraw(
    ctx: typer.Context,
    question_id: Annotated[
        str, typer.Argument(help="Question id, its first characters, or its key.")
    ],
    reason: Annotated[str | None, typer.Option(help=_WITHDRAW_REASON)] = None,
) -> None:
    """Withdraw a question registered in error (not a real question, a duplicate): it and its claims stay in
    the ledger, out of every score and count, e.g.
    `forecast-ledger questions withdraw ru-ceasefire-2026b --reason 'duplicate of ru-ceasefire-2026'`."""
    from ledger.models import Question

    _withdrawal(ctx, Question, question_id, True, reason)


@questions_app.command("reinstate")
def questions_reinstate(
    ctx: typer.Context,
    question_id: Annotated[
        str, typer.Argument(help="Question id, its first characters, or its key.")
    ],
    reason: Annotated[
        str | None, typer.Option(help="Why (required), e.g. --reason 'not a duplicate'.")
    ] = None,
) -> None:
    """Undo a question's withdrawal, e.g. `forecast-ledger questions reinstate 3f2a --reason 'not a duplicate'`."""
    from ledger.models import Question

    _withdrawal(ctx, Question, question_id, False, reason)


@claims_app.command("extract")
def claims_extract(
    ctx: typer.Context,
    article: Annotated[
        str, typer.Argument(help="Article id (or prefix), or a text/HTML file path.")
    ],
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date for a file, e.g. 2025-03-17 (deadlines are resolved against it)."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Propose forecasts and factual claims in an article, e.g. `forecast-ledger claims extract oped.txt --json`.

    On a terminal, accept, edit or skip each candidate into a question and a claim."""
    from pathlib import Path

    from claims.articles import load
    from claims.extract import extract
    from claims.interactive import as_json as candidates_json
    from claims.interactive import complete_draft, review_candidates
    from claims.render import candidates_table
    from ledger.errors import UserInputError
    from ledger.ids import is_prefix
    from ledger.lookup import get
    from ledger.models import Article
    from ledger.output import print_json, say, show

    row = None
    draft = None
    if Path(article).exists():
        draft = load(article).with_options(
            title=None, outlet=None, authors=None, published=_date_opt(published, "--published")
        )
        text, pub = draft.text, draft.published
    elif is_prefix(article):
        with _state(ctx).open(read_only=True).session() as session:
            row = get(session, Article, article)
        text, pub = row.text, row.published
    else:
        raise UserInputError(f"{article!r} is neither an article id nor a file.")
    candidates = extract(text, pub)
    if as_json:
        print_json(candidates_json(candidates))
        return
    if not _tty():
        show(candidates_table(candidates_json(candidates)))
        return
    if draft is not None:
        draft = complete_draft(draft, tty=True)
    database = _state(ctx).open()
    with database.write_session() as session:
        tally = review_candidates(session, candidates, article=row, draft=draft, actor=_actor(ctx))
    say(tally.line())


@app.command("forecast")
def forecast(
    ctx: typer.Context,
    question: Annotated[
        str,
        typer.Argument(
            help="Question id, its first characters, or its key, e.g. ceasefire-2025-04."
        ),
    ],
    probability: Annotated[
        str, typer.Argument(help="Your probability that it resolves yes, e.g. 0.3 or 30%.")
    ],
    note: Annotated[
        str | None,
        typer.Option("--note", help="Why, in a sentence, e.g. --note 'talks stalled again'."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Record your own forecast (as `--as`), dated now, e.g. `forecast-ledger --as alice forecast ceasefire-2025-04 30%`.

    A new forecast supersedes your last one on the question; reports score the latest one made before the
    outcome became known, and rank analysts apart from pundits (`report sources --by forecaster`)."""
    from claims.forecasts import add_own_forecast
    from claims.hedges import parse_probability
    from claims.queries import claim_json
    from ledger.errors import UserInputError
    from ledger.ids import short
    from ledger.output import print_json, say

    try:
        parsed = parse_probability(probability)
    except ValueError as exc:
        raise UserInputError(str(exc)) from None
    if parsed.basis != "stated":
        raise UserInputError(
            f"{probability!r} is a hedge phrase; your own forecast is a number, e.g. 0.3 or 30%."
        )
    with _state(ctx).open().write_session() as session:
        made = add_own_forecast(session, question, parsed.probability, note=note, actor=_actor(ctx))
        data = claim_json(session, made.claim, question=made.question)
    if made.late is not None:
        say(f"warning: this forecast is late and will never be scored: {made.late}.")
    if as_json:
        print_json({**data, "superseded": made.superseded.id if made.superseded else None})
        return
    before = (
        f", superseding {made.superseded.probability:.0%} of "
        f"{made.superseded.made_at.strftime('%Y-%m-%d %H:%M')} UTC"
        if made.superseded is not None and made.superseded.probability is not None
        else ""
    )
    say(
        f"forecast {short(made.claim.id)}: {data['author']} says {parsed.probability:.0%} on "
        f"{made.question.key or short(made.question.id)}{before}"
    )
    print(made.claim.id)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            help="A .yaml ledger file, a Fatebook .csv export, or a .json ledger export."
        ),
    ],
    as_json: JsonOpt = False,
) -> None:
    """Import articles, questions and claims in bulk, e.g. `forecast-ledger import ledger.yaml`.

    The whole file is checked first: every problem prints as FILE:LINE: message and nothing is written.
    Importing the same file again adds nothing."""
    from pathlib import Path

    from claims.importer import import_file
    from ledger.output import print_json

    database = _state(ctx).open()
    with database.write_session() as session:
        summary = import_file(session, Path(file), actor=_actor(ctx))
    if as_json:
        print_json(summary.to_json())
    else:
        print("\n".join(summary.lines()))


# (end of claims workflow section)


# --- resolution, exports --------------------------------------------------------------------------------------


@questions_app.command("resolve")
def questions_resolve(
    ctx: typer.Context,
    question: Annotated[
        str, typer.Argument(help="Question id, short id or key, e.g. 3f2a9c1d or ceasefire-2025.")
    ],
    outcome: Annotated[
        str,
        typer.Argument(
            help="yes | no | annulled for forecasts; true | false | misleading | unverifiable for "
            "factual questions, e.g. no."
        ),
    ],
    evidence: Annotated[
        list[str] | None,
        typer.Option(
            "--evidence",
            "-e",
            help="A URL or a flag id backing the outcome; repeat for several, e.g. "
            "--evidence https://apnews.com/article/... --evidence 9b1c44e0.",
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note", help="Why, in a sentence, e.g. --note 'No deal signed by the deadline.'"
        ),
    ] = None,
    again: Annotated[
        bool,
        typer.Option(
            "--again",
            help="Re-resolve a question that is already resolved (the history is kept, the latest "
            "stands), e.g. --again.",
        ),
    ] = False,
    if_version: Annotated[
        int | None,
        typer.Option(
            "--if-version",
            help="Resolve only if the question is still at this version (from `questions due --json` "
            "or `questions show --json`), e.g. --if-version 1.",
        ),
    ] = None,
    known_at: Annotated[
        str | None,
        typer.Option(
            "--known-at",
            help="When the outcome became known, e.g. --known-at 2025-08-01 or 2025-08-01T14:00Z. "
            "Default: the earliest publication time of the cited flags' news items, else now. "
            "Forecasts made from then on are late and never scored.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the resolution as JSON.")] = False,
) -> None:
    """Resolve a question, e.g. `forecast-ledger questions resolve ceasefire-2025 no --evidence URL`.

    Two analysts resolving at once: the first wins, the second gets a conflict and exit code 1.
    """
    from claims.resolve import resolution_json, resolve_ref
    from ledger.dates import parse_datetime
    from ledger.events import default_actor
    from ledger.ids import short
    from ledger.output import print_json, say

    state = _state(ctx)
    resolution = resolve_ref(
        state.open(),
        ref=question,
        outcome=outcome,
        evidence=evidence or (),
        note=note,
        actor=state.actor or default_actor(),
        again=again,
        expected_version=if_version,
        known_at=parse_datetime(known_at, what="--known-at") if known_at else None,
    )
    if as_json:
        print_json(resolution_json(resolution))
        return
    evidence_count = len(resolution.evidence or [])
    known = (resolution.known_at or resolution.resolved_at).strftime("%Y-%m-%d %H:%M UTC")
    print(
        f"resolved question {short(resolution.question_id)} as {resolution.outcome} "
        f"(resolution {short(resolution.id)}, {evidence_count} evidence, known since {known})"
    )
    say(f"history: forecast-ledger questions show {short(resolution.question_id)}")


@questions_app.command("due")
def questions_due(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="List what is due as of this date, e.g. --as-of 2026-01-01."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the list as JSON.")] = False,
) -> None:
    """List open forecasts past their resolve-by date, oldest first, e.g. `forecast-ledger questions due`."""
    from claims.resolve import due_listing
    from ledger.dates import parse_date
    from ledger.ids import short
    from ledger.output import print_json, show, table

    today = parse_date(as_of, what="--as-of") if as_of else None
    with _state(ctx).open(read_only=True).session() as session:
        rows = due_listing(session, today=today)
    if as_json:
        print_json(rows)
        return
    if not rows:
        print("no open forecasts are past their resolve-by date.")
        return
    show(
        table(
            ["id", "key", "resolve by", "overdue", "claims", "question"],
            [
                [
                    short(r["id"]),
                    r["key"] or "",
                    r["resolve_by"],
                    f"{r['days_overdue']} d",
                    r["n_claims"],
                    r["text"],
                ]
                for r in rows
            ],
            title=f"{len(rows)} forecast(s) due",
        )
    )


@app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="json: the whole ledger, restorable with `import`; csv: one row per claim with its "
            "question and outcome; claimreview: schema.org ClaimReview JSON-LD for resolved factual "
            "claims; fatebook: forecasts in Fatebook's CSV layout (import reads it back). E.g. --format csv.",
        ),
    ] = "json",
    out: Annotated[
        str | None,
        typer.Option(
            "--out", "-o", help="Write to this file instead of stdout, e.g. --out ledger.json."
        ),
    ] = None,
    organisation: Annotated[
        str | None,
        typer.Option(
            "--organisation",
            help="claimreview only: the reviewing organisation named as author (default: the analyst "
            "who resolved), e.g. --organisation 'Example Fact Desk'.",
        ),
    ] = None,
) -> None:
    """Export the ledger, e.g. `forecast-ledger export --format json --out ledger.json`.

    Records the ledger's head hash (in the JSON export, and on stderr for every format): keep it, and
    `verify --expect-head HEAD` later proves the chain was not cut short or rewritten since."""
    from claims.exports import export_to
    from ledger.events import chain_head

    with _state(ctx).open(read_only=True).session() as session:
        head = chain_head(session)
        written = export_to(session, fmt, out, organisation=organisation)
    # Plain print: a path must not be wrapped at the terminal width. The head anchors later checks.
    where = f" to {out}" if out and out != "-" else ""
    print(
        f"wrote {written}{where} at ledger head {head} (check later: verify --expect-head {head[:16]})",
        file=sys.stderr,
    )


# (end of resolution section)


# --- sources ----------------------------------------------------------------------------------------------------

_SOURCE_REF_HELP = (
    "A source's id, id prefix, name or a unique part of it, e.g. 'Ian Garner' or 3f2a9c1d."
)
_REASON_HELP = (
    "Why, kept in the ledger (required), e.g. --reason 'same person, initials in one byline'."
)


def _warn_close(warnings: list[Any]) -> None:
    for (
        warning
    ) in warnings:  # plain print: a command to copy must not be wrapped at the terminal width
        print(warning.line(), file=sys.stderr)


@sources_app.command("list")
def sources_list(
    ctx: typer.Context,
    search: Annotated[
        str | None,
        typer.Option(
            help="Only names containing this, ignoring case and accents, e.g. --search garner."
        ),
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="Only authors or outlets, e.g. --kind outlet.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List every source with its claim and article counts, e.g. `forecast-ledger sources list --search garner`."""
    from claims.sources import list_sources
    from ledger.output import print_json, show, table

    with _state(ctx).open(read_only=True).session() as session:
        rows = list_sources(session, search=search, kind=kind)
    if as_json:
        print_json(rows)
        return
    show(
        table(
            ["id", "kind", "name", "claims", "articles"],
            [[r["id"][:8], r["kind"], r["name"], r["n_claims"], r["n_articles"]] for r in rows],
        )
    )


@sources_app.command("rename")
def sources_rename(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help=_SOURCE_REF_HELP)],
    new_name: Annotated[str, typer.Argument(help="The new name, e.g. 'Ian Garner'.")],
    reason: Annotated[str | None, typer.Option(help=_REASON_HELP)] = None,
    as_json: JsonOpt = False,
) -> None:
    """Rename a source; the old name stays in its history, e.g. `forecast-ledger sources rename 3f2a 'Ian Garner' --reason typo`."""
    from claims.queries import amendment_json
    from claims.sources import rename_source
    from ledger.output import print_json

    with _state(ctx).open().write_session() as session:
        amendment = rename_source(session, source, new_name, reason=reason, actor=_actor(ctx))
    if as_json:
        print_json({"source_id": amendment.subject_id, **amendment_json(amendment)})
    else:
        print(f"source {amendment.subject_id[:8]} renamed: {amendment.old!r} -> {amendment.new!r}")


@sources_app.command("merge")
def sources_merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help=f"The source that stays. {_SOURCE_REF_HELP}")],
    other: Annotated[
        str,
        typer.Argument(
            help="The source folded into KEEP and removed, e.g. 'I. Garner'. Undo with `sources unmerge`."
        ),
    ],
    reason: Annotated[str | None, typer.Option(help=_REASON_HELP)] = None,
    as_json: JsonOpt = False,
) -> None:
    """Merge two spellings of one source: OTHER's claims and articles move to KEEP, and reports and exports follow,
    e.g. `forecast-ledger sources merge 'Ian Garner' 'I. Garner' --reason 'same person'`.

    One ledger entry records what moved; `forecast-ledger sources unmerge 'I. Garner' --reason ...` undoes it."""
    from claims.sources import merge_sources
    from ledger.output import count, print_json

    with _state(ctx).open().write_session() as session:
        result = merge_sources(session, keep, other, reason=reason, actor=_actor(ctx))
    if as_json:
        print_json(result.to_json())
        return
    print(
        f"merged {result.merged['kind']} {result.merged['name']!r} into {result.kept.name!r} "
        f"({result.kept.id[:8]}): {count(result.claims, 'claim')}, {count(result.articles, 'article')}, "
        f"{count(result.article_authors, 'byline')} moved (ledger entry {result.seq})"
    )


@sources_app.command("unmerge")
def sources_unmerge(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(help="The merged-away source, by its old name or id, e.g. 'I. Garner'."),
    ],
    reason: Annotated[str | None, typer.Option(help=_REASON_HELP)] = None,
    as_json: JsonOpt = False,
) -> None:
    """Undo a merge: the merged-away source comes back with its id, and what the merge moved moves back, e.g.
    `forecast-ledger sources unmerge 'I. Garner' --reason 'two different people'`."""
    from claims.sources import unmerge_source
    from ledger.output import count, print_json

    with _state(ctx).open().write_session() as session:
        result = unmerge_source(session, source, reason=reason, actor=_actor(ctx))
    if as_json:
        print_json(result.to_json())
        return
    print(
        f"restored {result.merged['kind']} {result.merged['name']!r} ({result.merged['id'][:8]}) from "
        f"{result.kept.name!r}: {count(result.claims, 'claim')}, {count(result.articles, 'article')}, "
        f"{count(result.article_authors, 'byline')} moved back (ledger entry {result.seq})"
    )


# (end of sources section)


# --- reports --------------------------------------------------------------------------------------------------

_BY_HELP = (
    "Group claims by the author (a person) or the outlet (a publication) that made them, or rank the "
    "analysts' own forecasts (`forecast`) with --by forecaster, e.g. --by outlet. Claims without one are "
    "grouped as '(unknown author)' / '(unknown outlet)'."
)
_TAG_HELP = "Only claims on questions with this tag, e.g. --tag ceasefire."
_SINCE_HELP = "Only claims made on or after this date, e.g. --since 2025-01-01."


@report_app.command("sources")
def report_sources(
    ctx: typer.Context,
    by: Annotated[str, typer.Option("--by", help=_BY_HELP)] = "author",
    tag: Annotated[str | None, typer.Option("--tag", help=_TAG_HELP)] = None,
    since: Annotated[str | None, typer.Option("--since", help=_SINCE_HELP)] = None,
    together: Annotated[
        bool,
        typer.Option(
            "--together",
            help="With --by forecaster: rank the analysts and the pundits (authors) in one table, "
            "e.g. --by forecaster --together. Default: analysts only, apart from the pundits.",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON list of sources, ranked.")
    ] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print CSV, one row per source, e.g. --csv > sources.csv.")
    ] = False,
) -> None:
    """Rank every source by its Brier score, e.g. `forecast-ledger report sources --by outlet`.

    One row per source: claims, resolved forecasts, Brier (0–1, lower is better) with its 95%
    bootstrap interval, the score shrunk toward the pool used for ranking, skill against always-50%
    and against the base rate, log score, calibration error, annulled share, factual accuracy.
    """
    from ledger.errors import UserInputError
    from ledger.output import show, stdout
    from ledger.reports import sources_csv, sources_report, sources_view

    if as_json and as_csv:
        raise UserInputError("choose one of --json and --csv.")
    with _state(ctx).open(read_only=True).session() as session:
        report = sources_report(session, by=by, tag=tag, since=since, together=together)
    if as_json:
        sys.stdout.write(report.json_text())
    elif as_csv:
        sys.stdout.write(sources_csv(report))
    else:
        show(sources_view(report, stdout()))


@report_app.command("source")
def report_source(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            help="The source's name (or a unique part of it, or its id), e.g. 'Ian Garner'."
        ),
    ],
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            help="Look only among authors or outlets, when a name is both, e.g. --by outlet.",
        ),
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", help=_TAG_HELP)] = None,
    since: Annotated[str | None, typer.Option("--since", help=_SINCE_HELP)] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the track record as JSON.")
    ] = False,
) -> None:
    """One source's track record, e.g. `forecast-ledger report source 'Ian Garner'`.

    Every claim with its quote, probability, outcome and Brier score, then the source's scores
    and calibration table.
    """
    from ledger.output import print_json, show
    from ledger.reports import source_track_record, track_record_view

    with _state(ctx).open(read_only=True).session() as session:
        record = source_track_record(session, name, by=by, tag=tag, since=since)
    if as_json:
        print_json(record.to_json())
    else:
        show(track_record_view(record))


@report_app.command("calibration")
def report_calibration(
    ctx: typer.Context,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="Chart one source (name, unique part of it, or id); default: every source pooled, "
            "e.g. --source 'New York Times'.",
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by", help="With --source: look only among authors or outlets, e.g. --by outlet."
        ),
    ] = None,
    tag: Annotated[str | None, typer.Option("--tag", help=_TAG_HELP)] = None,
    since: Annotated[str | None, typer.Option("--since", help=_SINCE_HELP)] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            help="Write the chart as a picture, PNG or SVG by the suffix, e.g. --out calibration.png. "
            "Without it the chart is drawn in the terminal.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the calibration bins as JSON.")
    ] = False,
) -> None:
    """Calibration chart: how often what a source called X% came true, e.g.
    `forecast-ledger report calibration --source 'Ian Garner' --out garner.png`.

    Observed share of YES against stated probability, the diagonal of perfect calibration,
    Wilson 95% intervals, point size by the number of forecasts.
    """
    from ledger.charts import out_path, save_chart, terminal_chart
    from ledger.output import print_json, say, show
    from ledger.reports import calibration

    with _state(ctx).open(read_only=True).session() as session:
        cal = calibration(session, source=source, by=by, tag=tag, since=since)
    if out is not None:
        written = save_chart(cal, out_path(out))
        say(f"wrote the calibration chart of {cal.title} to {written}")
    if as_json:
        print_json(cal.to_json())
    elif out is None:
        show(terminal_chart(cal))


@report_app.command("site")
def report_site(
    ctx: typer.Context,
    out: Annotated[
        str,
        typer.Option(
            "--out",
            "-o",
            help="Folder to write the site to: new, empty, or a site written before (rebuilt in "
            "place, pages that are gone removed), e.g. --out site.",
        ),
    ],
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Where the site will be served, for canonical links and ClaimReview URLs, e.g. "
            "--base-url https://example.org/ledger. Without it, links are relative only.",
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", help="The site's name, e.g. --title 'Ukraine war forecasts'."),
    ] = None,
    by: Annotated[
        str,
        typer.Option(
            "--by",
            help="Which league table the index shows, authors or outlets (the other is a click "
            "away), e.g. --by outlet.",
        ),
    ] = "author",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what was written as JSON.")
    ] = False,
) -> None:
    """Publish the track records as a static website, e.g. `forecast-ledger report site --out site`.

    A league table, a page per source and per question, the methodology and a calibration
    comparison; plain files that read from disk or any static host, the same bytes for the same
    ledger.
    """
    from claims.hedges import HEDGES
    from ledger.charts import out_path
    from ledger.output import print_json
    from ledger.site import build_site, make_options

    options = make_options(title=title, base_url=base_url, by=by)
    with _state(ctx).open().session() as session:
        result = build_site(session, out_path(out), options, hedges=HEDGES)
    address = result.index.resolve().as_uri()
    if as_json:
        print_json(
            {
                "out": str(result.out),
                "index": address,
                "pages": result.pages,
                "written": result.summary.written,
                "unchanged": result.summary.unchanged,
                "removed": result.summary.removed,
                "entries": result.entries,
                "head": result.head,
            }
        )
        return
    # Plain print: a path must not be wrapped at the terminal width.
    print(
        f"wrote the site to {result.out}: {result.pages} files, {result.summary.written} changed, "
        f"{result.summary.removed} removed; built from ledger head {result.head[:12]}",
        file=sys.stderr,
    )
    print(address)


# (end of reports section)


# --- feeds, polling, watch ------------------------------------------------------------------------------------

_FEED_REF_HELP = "Feed id, short id or URL, e.g. 3fa2c1d0."


@feeds_app.command("add")
def feeds_add(
    ctx: typer.Context,
    urls: Annotated[
        list[str],
        typer.Argument(
            help="The feed's URL, or several, e.g. https://www.theguardian.com/world/rss https://feeds.bbci.co.uk/news/world/rss.xml."
        ),
    ],
    interval: Annotated[
        int | None,
        typer.Option(
            "--interval",
            help="Minutes between checks, 5 to 1440 (default 60), e.g. --interval 30. The feed's "
            "<ttl>, Cache-Control and Retry-After may make a check later.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the feed as JSON.")] = False,
) -> None:
    """Watch feeds, checked at the next poll, e.g. `forecast-ledger feeds add https://example.org/rss`.

    Several URLs are checked first (one bad URL: nothing is added) and added in one ledger entry."""
    from feeds.registry import add_feed, check_interval, check_url, feed_json
    from ledger.events import default_actor
    from ledger.output import print_json

    state = _state(ctx)
    # Checked before the ledger is opened: a bad URL must not leave a new, empty ledger behind.
    check_interval(interval)
    if len(urls) == 1:
        check_url(urls[0])
    if len(urls) > 1:
        _add_many(state, [(u, None) for u in urls], interval, as_json, where="arguments")
        return
    with state.open().write_session() as session:
        added = add_feed(
            session, url=urls[0], interval=interval, actor=state.actor or default_actor()
        )
    feed = added.feed
    if as_json:
        print_json({**feed_json(feed), "created": added.created, "reactivated": added.reactivated})
    elif added.created:
        print(f"feed {feed.id[:8]} added: {feed.url} (every {feed.interval_minutes} min)")
    elif added.reactivated:
        print(f"feed {feed.id[:8]} watched again: {feed.url} (its old items are kept)")
    else:
        print(
            f"feed {feed.id[:8]} is already watched: {feed.url} (every {feed.interval_minutes} min)"
        )


def _add_many(
    state: State,
    urls: list[tuple[str, str | None]],
    interval: int | None,
    as_json: bool,
    where: str,
) -> None:
    from feeds.bulk import Subscription, add_feeds, check_all
    from feeds.registry import feed_json
    from ledger.events import default_actor
    from ledger.output import count, print_json

    subs = [Subscription(url, title) for url, title in urls]
    check_all(subs, where)  # before the ledger is opened, so a bad URL leaves nothing behind
    with state.open().write_session() as session:
        results = add_feeds(
            session, subs, interval=interval, actor=state.actor or default_actor(), where=where
        )
    if as_json:
        print_json(
            [
                {**feed_json(r.feed), "created": r.created, "reactivated": r.reactivated}
                for r in results
            ]
        )
        return
    created = sum(r.created for r in results)
    again = sum(r.reactivated for r in results)
    print(
        f"{count(created, 'feed')} added, {again} watched again, "
        f"{len(results) - created - again} already watched"
    )


@feeds_app.command("import")
def feeds_import(
    ctx: typer.Context,
    file: Annotated[
        str, typer.Argument(help="An OPML file exported by a feed reader, e.g. subscriptions.opml.")
    ],
    interval: Annotated[
        int | None,
        typer.Option(
            "--interval",
            help="Minutes between checks for the new feeds, 5 to 1440, e.g. --interval 30.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the feeds as JSON.")] = False,
) -> None:
    """Watch every feed in an OPML file, with its title, in one ledger entry, e.g.
    `forecast-ledger feeds import subscriptions.opml`. Feeds already watched are left as they are."""
    from pathlib import Path

    from feeds.bulk import read_opml

    subs = read_opml(Path(file))
    _add_many(_state(ctx), [(s.url, s.title) for s in subs], interval, as_json, where=file)


@feeds_app.command("export")
def feeds_export(
    ctx: typer.Context,
    opml: Annotated[
        bool,
        typer.Option(
            "--opml", help="OPML 2.0, what feed readers import (the default), e.g. --opml."
        ),
    ] = False,
    out: Annotated[
        str | None,
        typer.Option(
            "--out", "-o", help="Write to this file instead of stdout, e.g. --out feeds.opml."
        ),
    ] = None,
) -> None:
    """Export the watched feeds as OPML for a feed reader or another ledger, e.g.
    `forecast-ledger feeds export --opml > feeds.opml`."""
    from feeds.bulk import opml_text, watched_feeds
    from ledger.errors import UserInputError

    with _state(ctx).open(read_only=True).session() as session:
        text = opml_text(watched_feeds(session))
    if out is None:
        sys.stdout.write(text)
        return
    try:
        with open(out, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UserInputError(f"cannot write {out}: {exc.strerror or exc}.") from None
    print(f"wrote {text.count('<outline')} feeds to {out}", file=sys.stderr)


@feeds_app.command("list")
def feeds_list(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the feeds as JSON.")] = False,
) -> None:
    """List feeds with status, last and next check, errors and item counts, e.g. `forecast-ledger feeds list`."""
    from feeds.registry import list_feeds
    from ledger.output import print_json, show, table

    with _state(ctx).open(read_only=True).session() as session:
        feeds = list_feeds(session)
    if as_json:
        print_json(feeds)
        return
    if not feeds:
        print("No feeds; add one with `forecast-ledger feeds add URL`.")
        return

    def when(value: str | None) -> str:
        return value[:16].replace("T", " ") if value else "-"

    rows = [
        [
            f["id"][:8],
            (f["title"] or "")[:40],
            f["url"],
            f["status"],
            when(f["last_checked_at"]),
            when(f["next_check_at"]),
            f["consecutive_errors"] or "",
            f["last_error"] or f["warning"] or "",
            f["items"],
            f["flags"],
        ]
        for f in feeds
    ]
    columns = [
        "id",
        "title",
        "url",
        "status",
        "last check",
        "next check",
        "errors",
        "last error",
        "items",
        "flags",
    ]
    show(table(columns, rows))


@feeds_app.command("remove")
def feeds_remove(
    ctx: typer.Context,
    feed: Annotated[str, typer.Argument(help=_FEED_REF_HELP)],
    as_json: Annotated[bool, typer.Option("--json", help="Print what was done as JSON.")] = False,
) -> None:
    """Stop watching a feed, e.g. `forecast-ledger feeds remove 3fa2c1d0`.

    A feed with no evidence among its items is deleted with its items and flags (the ledger keeps the flags'
    record); one with evidence is kept, never polled again and listed as removed."""
    from dataclasses import asdict

    from feeds.registry import remove_feed
    from ledger.events import default_actor
    from ledger.output import print_json

    state = _state(ctx)
    with state.open().write_session() as session:
        removed = remove_feed(session, feed, actor=state.actor or default_actor())
    if as_json:
        print_json(asdict(removed))
    else:
        print(removed.line())


@feeds_app.command("poll")
def feeds_poll(
    ctx: typer.Context,
    feed: Annotated[
        str | None, typer.Argument(help=f"Poll only this feed. {_FEED_REF_HELP}")
    ] = None,
    due: Annotated[
        bool,
        typer.Option(
            "--due", help="Poll the feeds whose next check has come (the default), e.g. from cron."
        ),
    ] = False,
    all_feeds: Annotated[
        bool, typer.Option("--all", help="Poll every enabled feed now, due or not.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Fetch feeds, store new items and flag those that bear on open questions, e.g. `forecast-ledger feeds poll
    --due`. Several workers may poll one PostgreSQL ledger at once: they share the due feeds. Exit status: 0 when
    the poll ran (feeds that failed are listed on stderr), 1 for an error of input or database, 3 when every feed
    polled failed (so cron can alert), 130 when stopped by Ctrl-C (after the feed in hand)."""
    from ledger.errors import UserInputError

    if sum([feed is not None, due, all_feeds]) > 1:
        raise UserInputError(
            "give one of --due, --all or a FEED, e.g. `forecast-ledger feeds poll --due`."
        )
    mode: Any = "one" if feed is not None else ("all" if all_feeds else "due")
    from ledger.output import inert, stderr

    with _stop_on_ctrl_c() as stop:
        summary = _poll_with_progress(_state(ctx), mode, feed, stop)
    if as_json:
        from ledger.output import print_json

        print_json(summary.to_json())
    else:
        for outcome in summary.feeds:
            if outcome.result == "failed":
                stderr().print(
                    inert(f"feed {outcome.feed_id[:8]} failed: {outcome.error} ({outcome.url})")
                )
        for warning in summary.warnings:
            stderr().print(inert(f"warning: {warning}"))
        print(summary.line())
    if summary.stopped:
        n = len(summary.feeds)
        print(
            f"Interrupted: the poll stopped after the feed in hand; {n} {'feed was' if n == 1 else 'feeds were'} "
            "stored and the rest are left for the next poll.",
            file=sys.stderr,
        )
        _INTERRUPT_TOLD.set()
        raise typer.Exit(130)
    if summary.failures and summary.failures == len(summary.feeds):
        raise typer.Exit(POLL_ALL_FAILED)


# Set once a command has said what a Ctrl-C stopped, so main() does not add its generic line.
_INTERRUPT_TOLD = threading.Event()

# `feeds poll` exits with this when every feed it polled failed, so that cron (which mails on non-zero) alerts.
POLL_ALL_FAILED = 3


@contextlib.contextmanager
def _stop_on_ctrl_c() -> Iterator[threading.Event]:
    """The first Ctrl-C asks the poll to stop after the feed in hand; a second one interrupts at once."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signal handlers can only be set from the main thread (e.g. an in-process test runner)
        return

    def first(signum: int, frame: Any) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        print("Stopping after the feed in hand (Ctrl-C again to abort).", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, first)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def _poll_with_progress(state: State, mode: Any, feed: str | None, stop: threading.Event) -> Any:
    from feeds.ingest import PollEvent, poll
    from ledger.output import stderr

    database = state.open()
    console = stderr()
    if not console.is_terminal:
        return poll(database, mode=mode, feed_ref=feed, actor=state.actor, stop=stop)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("polling"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[last]}", markup=False),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("poll", total=None, last="")

        def show(event: PollEvent) -> None:
            last = ""
            if event.outcome is not None:
                last = f"{event.outcome.url[-50:]}: {event.outcome.result.replace('_', ' ')}"
            bar.update(task, total=event.queued, completed=event.done, last=last)

        return poll(database, mode=mode, feed_ref=feed, actor=state.actor, progress=show, stop=stop)


# (end of feeds section)


# --- flags review ---------------------------------------------------------------------------------------------

_QUESTION_REF_HELP = "Question id, short id or key, e.g. 3f2a9c1d or ceasefire-2025."


@flags_app.command("list")
def flags_list(
    ctx: typer.Context,
    question: Annotated[
        str | None,
        typer.Option(
            "--question", "-q", help="Only flags on this question, e.g. --question 3f2a9c1d."
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="Only flags in this status: new, dismissed, evidence or superseded (new flags of questions resolved since; not listed otherwise), e.g. --status new.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the flags as JSON.")] = False,
) -> None:
    """List flags (news items matched to questions), oldest news first, e.g. `forecast-ledger flags list --status new`.

    Superseded flags (still new when their question was resolved) are kept but listed only with --status superseded."""
    from feeds.review import FLAG_COLUMNS, flag_rows, list_flags
    from ledger.output import print_json, show, table

    with _state(ctx).open(read_only=True).session() as session:
        views = list_flags(session, question=question, status=status)
    if as_json:
        print_json([v.to_json() for v in views])
        return
    if not views:
        print("No flags.")
        return
    show(table(FLAG_COLUMNS, flag_rows(views)))


def _set_flag(ctx: typer.Context, ref: str, status: str, as_json: bool) -> None:
    from feeds.review import set_flag_status
    from ledger.events import default_actor
    from ledger.output import print_json

    state = _state(ctx)
    with state.open().write_session() as session:
        result = set_flag_status(session, ref, status, actor=state.actor or default_actor())
    if as_json:
        print_json(
            {**result.flag.to_json(), "previous": result.previous, "changed": result.changed}
        )
    elif result.changed:
        print(f"flag {result.flag.id[:8]} {status} (was {result.previous})")
    else:
        print(f"flag {result.flag.id[:8]} is already {status}; nothing written")


@flags_app.command("dismiss")
def flags_dismiss(
    ctx: typer.Context,
    flag: Annotated[str, typer.Argument(help="Flag id or short id, e.g. 9b1c44e0.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the flag as JSON.")] = False,
) -> None:
    """Dismiss a flag: the item does not bear on its question, e.g. `forecast-ledger flags dismiss 9b1c44e0`."""
    _set_flag(ctx, flag, "dismissed", as_json)


@flags_app.command("evidence")
def flags_evidence(
    ctx: typer.Context,
    flag: Annotated[str, typer.Argument(help="Flag id or short id, e.g. 9b1c44e0.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the flag as JSON.")] = False,
) -> None:
    """Keep a flag as evidence for its question, without resolving it, e.g. `forecast-ledger flags evidence 9b1c44e0`."""
    _set_flag(ctx, flag, "evidence", as_json)


@flags_app.command("review")
def flags_review(
    ctx: typer.Context,
    question: Annotated[
        str | None,
        typer.Option(
            "--question", "-q", help="Only flags on this question, e.g. --question ceasefire-2025."
        ),
    ] = None,
) -> None:
    """Review new flags one at a time on a terminal, best score first, e.g. `forecast-ledger flags review`.

    An item that bears on several questions is one card: it lists them, and each is decided in turn.

    Keys: d dismiss, e evidence, y / n / a resolve the question yes / no / annulled with the item as evidence (factual questions: y true, n false, m misleading, u unverifiable), s skip, q quit.
    """
    from feeds.highlight import summary_line
    from feeds.review import review
    from ledger.events import default_actor
    from ledger.output import stdout

    if not sys.stdin.isatty():
        raise LedgerError(
            "flags review reads single keys from a terminal, and standard input is not one. In scripts use "
            "`flags list --status new --json` with `flags dismiss ID` or `flags evidence ID`."
        )
    state = _state(ctx)
    summary = review(
        state.open(),
        actor=state.actor or default_actor(),
        read_key=lambda: typer.getchar(echo=False),
        console=stdout(),
        question=question,
    )
    print(summary_line(summary.counts()))


@questions_app.command("watch")
def questions_watch(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help=_QUESTION_REF_HELP)],
    set_file: Annotated[
        str | None,
        typer.Option(
            "--set-file",
            help="Store the terms in FILE (the text form shown by this command; - reads stdin), e.g. --set-file watch.txt. With --preview, preview them without storing.",
        ),
    ] = None,
    edit: Annotated[
        bool, typer.Option("--edit", help="Edit the terms in $EDITOR and store them, e.g. --edit.")
    ] = False,
    reset: Annotated[
        bool,
        typer.Option(
            "--reset", help="Drop stored terms and go back to the proposed ones, e.g. --reset."
        ),
    ] = False,
    preview: Annotated[
        bool,
        typer.Option(
            "--preview",
            help="List the stored items the terms would flag now, with scores, and the near misses, e.g. --preview.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the terms as JSON.")] = False,
) -> None:
    """Show or edit the watch terms the feed matcher uses for a question, e.g. `forecast-ledger questions watch ceasefire-2025`.

    Text form, one section per line: `subject: Kherson` (what the question is about; weighs double), `name: Sergei Shoigu | Shoigu` (a person, place or organisation), `event: capture | seize`, `context: Russia | Russian` (sets the scene; adds a little), `all: truce` (must appear), `boost: Azovstal`, `phrase: peace deal`, `exclude: Idaho`. Also shows what reviews of the question's flags taught the matcher. A question added or with changed terms is matched against the stored news at the next poll.
    """
    from feeds.matching.editing import question_watch, update_watch
    from ledger.events import default_actor
    from ledger.output import inert, print_json, say, stdout, table

    state = _state(ctx)
    writes = (set_file is not None or edit or reset) and not preview
    database = state.open(read_only=not writes)
    if preview:
        _watch_preview(database, question, set_file, edit or reset, as_json)
        return
    if writes:
        update = update_watch(
            database,
            question,
            actor=state.actor or default_actor(),
            set_file=set_file,
            edit=edit,
            reset=reset,
        )
        say(update.message)
        terms = update.terms
    else:
        with database.session() as session:
            terms = question_watch(session, question)
    if as_json:
        print_json(terms.to_json())
        return
    out = stdout()
    label = terms.question_key or terms.question_id[:8]
    out.print(inert(f"{label}: {terms.question_text}"))
    out.print(inert(f"terms: {'stored' if terms.stored else 'proposed from the question'}"))
    if terms.problem:
        say(f"warning: {terms.problem}")
    out.print(table(("section", "terms"), terms.rows()))
    if terms.learned is not None:
        out.print(inert(terms.learned.line()))


def _watch_preview(
    database: Any, question: str, set_file: str | None, changing: bool, as_json: bool
) -> None:
    from feeds.matching.editing import question_watch, read_terms_file
    from feeds.matching.preview import preview
    from ledger.errors import UserInputError
    from ledger.lookup import get
    from ledger.models import Question
    from ledger.output import inert, print_json, stdout, table

    if changing:
        raise UserInputError(
            "--preview goes with --set-file FILE or alone, not with --edit or --reset."
        )
    watch = read_terms_file(set_file) if set_file is not None else None
    with database.session() as session:
        terms = question_watch(session, question)
        found = preview(session, get(session, Question, terms.question_id), watch or terms.watch)
    if as_json:
        print_json(found.to_json())
        return
    out = stdout()
    label = terms.question_key or terms.question_id[:8]
    out.print(inert(f"{label}: {terms.question_text}"))
    out.print(
        inert(
            f"{len(found.flagged)} of {found.items_read} stored items in the window would be flagged "
            f"(bar {found.threshold:.2f}); {len(found.near)} near misses shown"
        )
    )
    rows = [
        [
            f"{r.score:.2f}",
            "flag" if r.flagged else "near",
            r.published_at.strftime("%Y-%m-%d"),
            r.title,
            ", ".join(r.matched_terms),
        ]
        for r in [*found.flagged, *found.near]
    ]
    if rows:
        out.print(table(("score", "", "published", "title", "terms"), rows))


@app.command("watch")
def watch(
    ctx: typer.Context,
    interval: Annotated[
        float,
        typer.Option(
            "--interval", help="Seconds between ticks (each polls what is due), e.g. --interval 60."
        ),
    ] = 60.0,
    once: Annotated[
        bool,
        typer.Option(
            "--once", help="Run one tick and exit (for cron or a quick check), e.g. --once."
        ),
    ] = False,
) -> None:
    """Poll due feeds and report questions past their resolve-by date, every --interval seconds, until Ctrl-C or
    SIGTERM, e.g. `forecast-ledger watch --interval 60`.

    One watcher runs per database; a second one exits with an error. `feeds poll --due` from cron does the same work as one tick.
    """
    from feeds.scheduler import check_interval, run_watch

    check_interval(interval)
    state = _state(ctx)
    run_watch(state.open(), interval=interval, once=once, actor=state.actor)


# (end of flags section)


# --- demo -----------------------------------------------------------------------------------------------------


@app.command()
def demo(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Run on this ledger instead of a fresh temporary one, e.g. --db demo.db."
        ),
    ] = None,
    port: Annotated[
        int,
        typer.Option(
            min=1,
            max=65535,
            help="Local port the news is served on, e.g. --port 8765 (the same port on reruns).",
        ),
    ] = 8765,
    out: Annotated[
        str | None,
        typer.Option(
            help="Folder for the calibration chart, e.g. --out demo-out. Default: beside the ledger."
        ),
    ] = None,
) -> None:
    """Run the main job end to end on real data, offline, e.g. `forecast-ledger demo`.

    Imports the seed ledger, serves the shipped real news on 127.0.0.1 and polls it as feeds, shows the flags,
    resolves what the news settles citing the flagged items, prints track records and writes a calibration chart."""
    import tempfile
    from pathlib import Path

    from feeds.demo import run
    from ledger.db import open_database
    from ledger.output import stdout

    target = db or _state(ctx).db
    if target is None:
        workdir = Path(tempfile.mkdtemp(prefix="forecast-ledger-demo-"))
        target = str(workdir / "ledger.db")
    else:
        workdir = Path(target).parent if "://" not in target else Path.cwd()
    database = open_database(target)
    run(
        database,
        stdout(),
        port=port,
        out_dir=Path(out) if out else workdir,
        actor=_state(ctx).actor or "demo-analyst",
    )
    database.dispose()


# (end of demo section)


# --- entry point ----------------------------------------------------------------------------------------------


def _is_click_error(exc: BaseException) -> bool:
    # Typer vendors click; its usage errors carry these two attributes whatever module they live in.
    return (
        hasattr(exc, "format_message")
        and hasattr(exc, "exit_code")
        and not isinstance(exc, LedgerError)
    )


_ROOT_OPTIONS_WITH_VALUE = ("--db", "--as")


def _command_path(args: list[str]) -> list[str]:
    """The command words of a command line ("questions", "list"), skipping the root options and their values.

    Stops at the first option after a command word, and gives nothing when the line asks for the root's help.
    """
    words: list[str] = []
    i = 0
    while i < len(args) and len(words) < 2:
        arg = args[i]
        if arg.startswith("-"):
            if words:
                break
            if arg in _ROOT_OPTIONS_WITH_VALUE:
                i += 2
            elif arg.split("=", 1)[0] in _ROOT_OPTIONS_WITH_VALUE:
                i += 1
            else:
                return []  # --help and the like concern the whole app
            continue
        words.append(arg)
        i += 1
    return words


def _named(command: Any) -> str:
    name = command.name or getattr(command.callback, "__name__", "")
    return str(name).replace("_", "-")


def _only(application: typer.Typer, words: list[str]) -> typer.Typer:
    """The app cut down to the command the line names, so typer builds one command instead of all of them.

    Typer turns every registered command into a click command on each call, whichever one runs; with 47
    commands that costs more than the rest of a `questions list`. Anything not matched exactly (a typo, a help
    request) keeps the full app, so error messages and suggestions are unchanged.
    """
    if not words:
        return application
    groups = [g for g in application.registered_groups if g.name == words[0]]
    commands = [c for c in application.registered_commands if _named(c) == words[0]]
    if len(groups) + len(commands) != 1:
        return application
    pruned = copy.copy(application)
    pruned.registered_commands = commands
    pruned.registered_groups = groups
    if groups and len(words) > 1 and groups[0].typer_instance is not None:
        sub = _only(groups[0].typer_instance, words[1:])
        if sub is not groups[0].typer_instance:
            pruned.registered_groups = [copy.copy(groups[0])]
            pruned.registered_groups[0].typer_instance = sub
    return pruned


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: every user mistake ends as `Error: ...` on stderr and exit code 1."""
    # We use no pydantic plugins; looking for them reads every installed package's entry points on each call.
    import os

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    words = _command_path(sys.argv[1:] if argv is None else argv)
    try:
        result = _only(app, words)(args=argv, prog_name="forecast-ledger", standalone_mode=False)
    except InputFileErrors as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        print(f"Error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except LedgerError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        sys.exit(130)
    except OSError as exc:
        # A path the user gave that the system refuses (too long, a folder, no permission, gone).
        where = f"{exc.filename}: " if exc.filename else ""
        if len(where) > 200:
            where = where[:100] + "…: "
        print(f"Error: {where}{exc.strerror or exc}.", file=sys.stderr)
        sys.exit(1)
    except Exception as exc:
        if _is_click_error(exc):
            print(f"Error: {exc.format_message()}", file=sys.stderr)  # type: ignore[attr-defined]
            print("Try 'forecast-ledger --help' or add --help to the command.", file=sys.stderr)
            sys.exit(1)
        if type(exc).__name__ == "Abort":
            print("Aborted.", file=sys.stderr)
            sys.exit(1)
        if "sqlalchemy" in sys.modules:
            from ledger.db import database_error

            error = database_error(exc)
            if (
                error is not None
            ):  # the database itself failed (read-only, gone, locked): no traceback
                print(f"Error: {error}", file=sys.stderr)
                sys.exit(1)
        raise
    if (
        result == 130 and not _INTERRUPT_TOLD.is_set()
    ):  # typer turns a Ctrl-C it catches into this exit code, silently
        print("Interrupted.", file=sys.stderr)
    sys.exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    main()
