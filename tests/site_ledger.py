"""Ledgers for the published-site tests: the shipped seed with resolutions citing evidence, and the
same with hostile strings in every field that reaches a page."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from claims.importer import import_seed
from claims.register import add_article, add_claim, add_question
from claims.resolve import resolve_question
from ledger.db import Database
from ledger.ids import short
from ledger.models import Question

ACTOR = "site-tester"

# Outcomes as the news of the seed's period settled them; the URLs are cited evidence only (the
# tests never follow links that leave the site).
RESOLUTIONS = (
    ("ru-armed-revolt-2023-06", "yes", "https://example.org/news/wagner-mutiny-2023-06-24"),
    ("ru-ua-war-ongoing-2023-06", "yes", "https://example.org/news/front-line-2023-07"),
    ("ru-accepts-us-30day-ceasefire-2025-03", "no", "https://example.org/news/ceasefire-2025-03"),
    ("ru-ua-general-ceasefire-2025-04", "no", "https://example.org/news/strikes-2025-04"),
    ("ru-accepts-freeze-current-lines-2025-04", "no", "https://example.org/news/lines-2025-04"),
    ("ua-holds-kursk-ground-2025-03-10", "yes", "https://example.org/news/kursk-2025-03"),
    ("ru-accuses-ua-truce-violation-2025-04", "yes", "https://example.org/news/truce-2025-04"),
    ("fact-wagner-mutiny-june-2023", "true", "https://example.org/news/wagner-march-on-moscow"),
    ("fact-putin-uniform-first-time-2025-03", "false", "https://example.org/news/uniform-2022"),
    ("fact-us-ukraine-30day-ceasefire-2025-03", "misleading", "https://example.org/news/jeddah"),
)

SCRIPT = '<script>alert("pwned")</script>'
HOSTILE_AUTHOR = '<img src=x onerror=alert(1)> Mallory \u202eyrollaM\x1b[31m "quoted"'
HOSTILE_OUTLET = '" onmouseover="alert(2)" x=\'y\' \u200fThe Outlet'
HOSTILE_QUOTE = (
    f'It\'s "likely" {SCRIPT} & <b>bold</b> \x1b[2J\x07 end \u202b\u05e9\u05dc\u05d5\u05dd'
)
HOSTILE_URLS = (
    "javascript:alert(3)",
    " https://example.org/leading-space",
    "data:text/html,<script>alert(4)</script>",
)
HOSTILE_EVIDENCE = 'https://evil.example/"><script>alert(5)</script>'


def seed_ledger(database: Database) -> None:
    with database.write_session() as session:
        import_seed(session, actor=ACTOR)
    for key, outcome, url in RESOLUTIONS:
        with database.write_session() as session:
            resolve_question(
                session,
                question=key,
                outcome=outcome,
                evidence=[url],
                note=f"Settled by the report at {url}.",
                actor=ACTOR,
            )


def hostile_ledger(database: Database) -> None:
    """The seed, plus questions, sources, articles, claims and a resolution made of hostile text."""
    seed_ledger(database)
    made = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    with database.write_session() as session:
        forecast = add_question(
            session,
            text=f"Will {SCRIPT} happen? \x1b[1mbold\x1b[0m \u202eright-to-left",
            criteria=f"Resolves YES if <a href='javascript:alert(6)'>this</a> {SCRIPT}.",
            tags=["<tag>", "x\x1b]0;title\x07"],
            actor=ACTOR,
        )
        factual = add_question(
            session,
            text=f"Fact: {HOSTILE_QUOTE}",
            kind="factual",
            criteria="Checked against </script> sources.",
            actor=ACTOR,
        )
        for i, url in enumerate(HOSTILE_URLS):
            article, _ = add_article(
                session,
                text=f"Hostile article {i}. {HOSTILE_QUOTE} #{i} and more.",
                title=f"Title {i} {SCRIPT} \u202e",
                url=url,
                outlet=HOSTILE_OUTLET,
                authors=[HOSTILE_AUTHOR],
                published=dt.date(2025, 3, 1),
                actor=ACTOR,
            )
            add_claim(
                session,
                question=forecast,
                article=article,
                quote=f"{HOSTILE_QUOTE} #{i}",
                probability=0.2 + 0.3 * i,
                basis="stated",
                author=HOSTILE_AUTHOR,
                outlet=HOSTILE_OUTLET,
                made_at=made,
                actor=ACTOR,
            )
        add_claim(
            session,
            question=factual,
            quote=HOSTILE_QUOTE,
            author=HOSTILE_AUTHOR,
            outlet=HOSTILE_OUTLET,
            made_at=made,
            actor=ACTOR,
        )
        forecast_id, factual_id = forecast.id, factual.id
    with database.write_session() as session:
        resolve_question(
            session,
            question=forecast_id,
            outcome="yes",
            evidence=[HOSTILE_EVIDENCE],
            note=f"Note {SCRIPT} \x1b[31m",
            actor=ACTOR,
        )
    with database.write_session() as session:
        resolve_question(session, question=factual_id, outcome="false", actor=ACTOR)


def question_ids(database: Database) -> dict[str, str]:
    with database.session() as session:
        return {q.key or short(q.id): q.id for q in session.exec(select(Question))}
