"""Terminal conversations of the claims workflow: metadata prompts, and turning extracted candidates into
questions and claims one by one (accept, edit, skip, quit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import typer
from sqlmodel import Session

from claims.articles import ArticleDraft
from claims.extract import Candidate
from claims.register import add_article, add_claim, add_question
from ledger.dates import parse_date
from ledger.errors import LedgerError, UserInputError
from ledger.models import Article
from ledger.output import inert, stdout


def complete_draft(draft: ArticleDraft, *, tty: bool) -> ArticleDraft:
    """Asks for missing metadata on a terminal; without one, missing metadata is an error.
    An empty answer (or --author "" / --outlet "") records the field as not stated."""
    missing = [
        name
        for name, value in (
            ("title", draft.title),
            ("outlet", draft.outlet),
            ("author", True if draft.authors or draft.authors_given else None),
            ("published", draft.published),
        )
        if value is None
    ]
    if not missing:
        return draft
    if not tty:
        flags = ", ".join(f"--{m}" for m in missing)
        raise UserInputError(
            f'missing {", ".join(missing)}: give {flags} (use --author "" when it is not stated).'
        )
    title = draft.title or typer.prompt("Title")
    outlet = (
        draft.outlet
        if draft.outlet is not None
        else typer.prompt("Outlet (empty if not stated)", default="")
    )
    authors = draft.authors
    if not authors and "author" in missing:
        answer = typer.prompt("Author(s), separated by ';' (empty if not stated)", default="")
        authors = tuple(a.strip() for a in answer.split(";") if a.strip())
    published = draft.published
    while published is None:
        try:
            published = parse_date(
                typer.prompt("Published (e.g. 2025-03-13 or 13 March 2025)"),
                what="publication date",
            )
        except UserInputError as exc:
            stdout().print(f"[red]{exc}[/red]")
    return ArticleDraft(
        draft.text, title, draft.url, outlet, authors, published, authors_given=True
    )


def register_draft(session: Session, draft: ArticleDraft, *, actor: str) -> tuple[Article, bool]:
    return add_article(
        session,
        text=draft.text,
        title=draft.title or "",
        url=draft.url,
        outlet=draft.outlet or None,
        authors=list(draft.authors),
        published=draft.published,
        actor=actor,
    )


@dataclass
class ReviewTally:
    accepted: int = 0
    skipped: int = 0

    def line(self) -> str:
        return f"{self.accepted} registered, {self.skipped} skipped"


def _ask_date(label: str, default: dt.date | None) -> dt.date | None:
    while True:
        answer = typer.prompt(label, default=default.isoformat() if default else "")
        if not answer.strip():
            return None
        try:
            return parse_date(answer, what=label)
        except UserInputError as exc:
            stdout().print(f"[red]{exc}[/red]")


def _ask_probability(default: float | None) -> tuple[float, str | None, str]:
    from claims.hedges import parse_probability

    while True:
        answer = typer.prompt(
            "Probability (0.7, 70% or a hedge)", default=f"{default:g}" if default else ""
        )
        try:
            parsed = parse_probability(answer)
        except ValueError as exc:
            stdout().print(f"[red]{exc}[/red]")
            continue
        return parsed.probability, parsed.hedge, parsed.basis


def review_candidates(
    session: Session,
    candidates: list[Candidate],
    *,
    article: Article | None,
    draft: ArticleDraft | None,
    actor: str,
) -> ReviewTally:
    """One candidate at a time: [a]ccept as proposed, [e]dit the question first, [s]kip, [q]uit."""
    tally = ReviewTally()
    console = stdout()
    for number, cand in enumerate(candidates, 1):
        console.rule(f"candidate {number}/{len(candidates)} · {cand.kind}")
        console.print(inert(cand.sentence))
        p = f"{cand.probability:.0%}" if cand.probability is not None else "—"
        console.print(
            inert(
                f"hedge: {cand.hedge or '—'}   probability: {p}   deadline: {cand.deadline or '—'}\n"
                f"question: {cand.question}"
            )
        )
        choice = typer.prompt("[a]ccept  [e]dit  [s]kip  [q]uit", default="s").strip().lower()[:1]
        if choice == "q":
            break
        if choice not in ("a", "e"):
            tally.skipped += 1
            continue
        text = cand.question
        deadline = cand.deadline
        probability: float | None = cand.probability
        hedge, basis = cand.hedge, ("hedge" if cand.hedge else "analyst")
        if choice == "e":
            text = typer.prompt("Question", default=text)
            deadline = _ask_date("Resolve by (YYYY-MM-DD or 'in 6 months')", deadline)
            if cand.kind == "forecast":
                probability, new_hedge, basis = _ask_probability(probability)
                hedge = new_hedge or hedge
        criteria = typer.prompt("Resolution criteria (how a stranger decides YES or NO)")
        if cand.kind == "forecast" and deadline is None:
            deadline = _ask_date("Resolve by (YYYY-MM-DD or 'in 6 months')", None)
        try:
            if article is None:
                assert draft is not None
                article, _ = register_draft(session, draft, actor=actor)
            question = add_question(
                session,
                text=text,
                criteria=criteria,
                kind=cand.kind,
                resolve_by=deadline,
                actor=actor,
            )
            claim, _ = add_claim(
                session,
                question=question,
                article=article,
                quote=cand.sentence,
                probability=probability if cand.kind == "forecast" else None,
                basis=basis if cand.kind == "forecast" else None,
                hedge=hedge if cand.kind == "forecast" else None,
                actor=actor,
            )
        except LedgerError as exc:
            console.print(f"[red]Not registered: {exc}[/red]")
            tally.skipped += 1
            continue
        console.print(f"registered question {question.id[:8]} and claim {claim.id[:8]}")
        tally.accepted += 1
    return tally


def as_json(candidates: list[Candidate]) -> list[dict[str, Any]]:
    return [c.to_json() for c in candidates]
