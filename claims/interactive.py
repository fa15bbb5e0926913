"""Terminal conversations of the claims workflow: metadata prompts, and turning extracted candidates into
questions and claims one by one (accept, edit, skip, quit)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import typer
from sqlmodel import Session, select

from claims.articles import ArticleDraft
from claims.drafting import offered_question
from claims.extract import Candidate
from claims.proposals import (
    criteria_prompt,
    propose_key,
    propose_tags,
    proposed_criteria,
    settle_kind,
)
from claims.register import add_article, add_claim, add_question
from claims.related import (
    OpenQuestion,
    Registered,
    Related,
    bearing,
    quote_key,
    registered_index,
)
from ledger.dates import parse_date
from ledger.errors import LedgerError, UserInputError
from ledger.models import Article, Claim, Question, QuestionTag
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
    linked: int = 0
    already: int = 0

    def line(self) -> str:
        parts = [f"{self.accepted} registered", f"{self.skipped} skipped"]
        if self.linked:
            parts.insert(1, f"{self.linked} linked to existing questions")
        if self.already:
            parts.append(f"{self.already} already registered")
        return ", ".join(parts)


def _ask_date(label: str, default: dt.date | None) -> dt.date | None:
    while True:
        answer = typer.prompt(label, default=default.isoformat() if default else "")
        if not answer.strip():
            return None
        try:
            return parse_date(answer, what=label)
        except UserInputError as exc:
            stdout().print(f"[red]{exc}[/red]")


def _ask_probability(
    default: float | None, *, required: bool
) -> tuple[float | None, str | None, str]:
    from claims.hedges import parse_probability

    label = "Probability (0.7, 70% or a hedge)" + ("" if required else "; empty for none")
    while True:
        answer = typer.prompt(label, default=f"{default:g}" if default else "")
        if not answer.strip() and not required:
            return None, None, "analyst"
        try:
            parsed = parse_probability(answer)
        except ValueError as exc:
            stdout().print(f"[red]{exc}[/red]")
            continue
        return parsed.probability, parsed.hedge, parsed.basis


def _ask_kind(default: str) -> str:
    while True:
        answer = typer.prompt("Kind (forecast or factual)", default=default).strip().lower()
        for kind in ("forecast", "factual"):
            if answer and kind.startswith(answer):
                return kind
        stdout().print("[red]Error: kind is forecast or factual.[/red]")


def _ask_key(default: str, taken: set[str]) -> str | None:
    from claims.register import _KEY

    while True:
        answer = typer.prompt("Key (a short slug; '-' for none)", default=default).strip()
        if answer == "-":
            return None
        if not _KEY.match(answer):
            stdout().print(
                "[red]Error: a key is lowercase letters, digits, '.', '_' or '-' "
                "(e.g. ru-ceasefire-2026).[/red]"
            )
        elif answer in taken:
            stdout().print(f"[red]Error: key {answer!r} exists already.[/red]")
        else:
            return answer


def _ask_tags(default: list[str]) -> list[str]:
    answer = typer.prompt("Tags (comma-separated; '-' for none)", default=", ".join(default))
    if answer.strip() == "-":
        return []
    return [t.strip().lower() for t in answer.split(",") if t.strip()]


def _watch_text(question: str) -> str:
    """The watch terms the feed matcher would use for this question (one import to repoint)."""
    from feeds.matching.matcher import format_watch, propose_watch

    return format_watch(propose_watch(question))


def _open_questions(session: Session) -> list[OpenQuestion]:
    rows = session.exec(
        select(Question.id, Question.key, Question.text, Question.kind).where(
            Question.status == "open"
        )
    )
    return [OpenQuestion(i, k, t, kind) for i, k, t, kind in rows]


def _registered(session: Session) -> dict[str, list[Registered]]:
    questions = {q.id: q for q in session.exec(select(Question))}
    rows = session.exec(select(Claim.id, Claim.quote, Claim.question_id))
    return registered_index(
        (
            cid,
            quote,
            OpenQuestion(qid, questions[qid].key, questions[qid].text, questions[qid].kind),
        )
        for cid, quote, qid in rows
    )


def _print_candidate(number: int, total: int, cand: Candidate) -> None:
    console = stdout()
    console.rule(f"candidate {number}/{total} · {cand.kind}")
    console.print(inert(cand.sentence))
    p = f"{cand.probability:.0%}" if cand.probability is not None else "—"
    deadline = str(cand.deadline) if cand.deadline else "—"
    if cand.deadline and cand.deadline_basis == "default":
        deadline += " (default horizon)"
    lines = [f"hedge: {cand.hedge or '—'}   probability: {p}   deadline: {deadline}"]
    if cand.condition:
        lines.append(f"condition: {cand.condition}")
    question = offered_question(cand.question, cand.note)
    lines.append(f"question: {question if question is not None else '— (no draft)'}")
    if cand.note:
        lines.append(f"note: {cand.note}")
    console.print(inert("\n".join(lines)))


def review_candidates(
    session: Session,
    candidates: list[Candidate],
    *,
    article: Article | None,
    draft: ArticleDraft | None,
    actor: str,
) -> ReviewTally:
    """One candidate at a time. A sentence already registered is named and passed over. For a new one:
    [a]ccept the proposal, [e]dit it first, [s]kip or [q]uit; when it may bear on open questions, accepting
    registers the claim on the one chosen (the first by default) instead of a duplicate question.
    Accept and edit ask the same things in the same order (edit also asks the question, deadline and
    probability): kind, key, tags, criteria; the watch terms are shown and nothing is written before
    the analyst confirms."""
    tally = ReviewTally()
    console = stdout()
    registered = _registered(session)
    open_questions = _open_questions(session)
    keys = {k for k in session.exec(select(Question.key)) if k}
    known_tags = set(session.exec(select(QuestionTag.tag)))
    for number, cand in enumerate(candidates, 1):
        _print_candidate(number, len(candidates), cand)
        already = registered.get(quote_key(cand.sentence))
        if already:
            for reg in already:
                console.print(
                    inert(
                        f"already registered: claim {reg.claim_id[:8]} on question "
                        f"{reg.question.label} ({reg.question.text})"
                    )
                )
            tally.already += 1
            continue
        draft_text = offered_question(cand.question, cand.note) or ""
        related = bearing(f"{draft_text} {cand.sentence}", open_questions)
        for i, rel in enumerate(related, 1):
            console.print(
                inert(f"may bear on open question [{i}] {rel.question.label}: {rel.question.text}")
            )
        choice = typer.prompt("[a]ccept  [e]dit  [s]kip  [q]uit", default="s").strip().lower()[:1]
        if choice == "q":
            break
        target = _ask_target(related) if choice in ("a", "e") and related else None
        if target is not None:
            done = _link(session, cand, target, article=article, draft=draft, actor=actor)
            if done is not None:
                article = done
                tally.linked += 1
            else:
                tally.skipped += 1
            continue
        if choice not in ("a", "e"):
            tally.skipped += 1
            continue
        plan = _plan(cand, edit=choice == "e", keys=keys, known_tags=known_tags)
        if plan is None:
            tally.skipped += 1
            continue
        try:
            if article is None:
                assert draft is not None
                article, _ = register_draft(session, draft, actor=actor)
            question = add_question(
                session,
                text=plan.text,
                criteria=plan.criteria,
                kind=plan.kind,
                resolve_by=plan.deadline,
                tags=plan.tags,
                key=plan.key,
                actor=actor,
            )
            claim, _ = add_claim(
                session,
                question=question,
                article=article,
                quote=cand.sentence,
                probability=plan.probability if plan.kind == "forecast" else None,
                basis=plan.basis if plan.kind == "forecast" else None,
                hedge=plan.hedge if plan.kind == "forecast" else None,
                actor=actor,
            )
        except LedgerError as exc:
            console.print(f"[red]Not registered: {exc}[/red]")
            tally.skipped += 1
            continue
        if plan.key:
            keys.add(plan.key)
        known_tags.update(plan.tags)
        open_questions.append(OpenQuestion(question.id, question.key, question.text, plan.kind))
        registered.setdefault(quote_key(cand.sentence), []).append(
            Registered(claim.id, open_questions[-1])
        )
        label = question.key or question.id[:8]
        console.print(f"registered {plan.kind} question {label} and claim {claim.id[:8]}")
        tally.accepted += 1
    return tally


@dataclass
class _Plan:
    text: str
    kind: str
    deadline: dt.date | None
    probability: float | None
    hedge: str | None
    basis: str
    key: str | None
    tags: list[str]
    criteria: str


def _plan(cand: Candidate, *, edit: bool, keys: set[str], known_tags: set[str]) -> _Plan | None:
    """Ask for the new question's fields, in one order for accept and edit; None if not confirmed.
    A candidate without a draft (its note withholds it) asks for the question on accept too."""
    offered = offered_question(cand.question, cand.note)
    text = offered or ""
    deadline = cand.deadline
    probability: float | None = cand.probability
    hedge, basis = cand.hedge, ("hedge" if cand.hedge else "analyst")
    if edit or offered is None:
        text = _ask_question(offered)
        deadline = _ask_date("Resolve by (YYYY-MM-DD or 'in 6 months'; empty for none)", deadline)
        probability, new_hedge, basis = _ask_probability(probability, required=False)
        hedge = new_hedge or (hedge if probability == cand.probability else None)
    kind = _ask_kind(settle_kind(cand.kind, deadline=deadline, probability=probability))
    if kind == "forecast":
        if deadline is None:
            deadline = _ask_date("Resolve by (YYYY-MM-DD or 'in 6 months')", None)
        if probability is None:
            probability, hedge, basis = _ask_probability(None, required=True)
    elif probability is not None:
        stdout().print("a factual question carries no probability: it is judged true or false.")
        probability, hedge = None, None
    key = _ask_key(propose_key(text, deadline, keys), keys)
    tags = _ask_tags(propose_tags(text, cand.sentence, known_tags))
    criteria = typer.prompt(
        criteria_prompt(kind), default=proposed_criteria(kind, cand.condition) or None
    )
    console = stdout()
    console.print("watch terms (edit later with `questions watch`):")
    console.print(inert(_watch_text(text).rstrip()))
    summary = [
        f"question: {text}",
        f"kind: {kind}   key: {key or '—'}   tags: {', '.join(tags) or '—'}",
        f"resolve by: {deadline or '—'}   probability: "
        + (f"{probability:.0%}" if probability is not None else "—"),
        f"criteria: {criteria}",
    ]
    console.print(inert("\n".join(summary)))
    if not typer.confirm("Register this question and claim?", default=True):
        return None
    return _Plan(text, kind, deadline, probability, hedge, basis, key, tags, criteria)


def _ask_question(default: str | None) -> str:
    """The question's wording: the draft as default, or written by the analyst when there is none."""
    while True:
        answer = typer.prompt("Question", default=default or "").strip()
        if answer:
            return answer
        stdout().print(
            "[red]Error: there is no draft for this candidate; write the question.[/red]"
        )


def _ask_target(related: list[Related]) -> OpenQuestion | None:
    """Which proposed open question the claim goes on, or None for a new question."""
    while True:
        answer = typer.prompt(
            f"Register on open question 1-{len(related)}, or 'n' for a new question", default="1"
        ).strip()
        if answer.lower() in ("n", "new"):
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(related):
            return related[int(answer) - 1].question
        stdout().print(f"[red]Error: give a number from 1 to {len(related)} or 'n'.[/red]")


def _link(
    session: Session,
    cand: Candidate,
    target: OpenQuestion,
    *,
    article: Article | None,
    draft: ArticleDraft | None,
    actor: str,
) -> Article | None:
    """Register the candidate as a claim on an existing open question; the article, or None if not done."""
    probability: float | None = None
    hedge, basis = cand.hedge, "hedge" if cand.hedge else "analyst"
    if target.kind == "forecast":
        probability, new_hedge, basis = _ask_probability(cand.probability, required=True)
        hedge = new_hedge or (hedge if probability == cand.probability else None)
    p = f"{probability:.0%}" if probability is not None else "—"
    stdout().print(inert(f"claim on {target.label} ({target.text}), probability {p}"))
    if not typer.confirm("Register this claim?", default=True):
        return None
    question = session.get(Question, target.id)
    assert question is not None
    try:
        if article is None:
            assert draft is not None
            article, _ = register_draft(session, draft, actor=actor)
        claim, _ = add_claim(
            session,
            question=question,
            article=article,
            quote=cand.sentence,
            probability=probability,
            basis=basis if probability is not None else None,
            hedge=hedge if probability is not None else None,
            actor=actor,
        )
    except LedgerError as exc:
        stdout().print(f"[red]Not registered: {exc}[/red]")
        return None
    stdout().print(f"registered claim {claim.id[:8]} on existing question {target.label}")
    return article


def as_json(candidates: list[Candidate]) -> list[dict[str, Any]]:
    """`claims extract --json`: a withheld draft (see claims.drafting.NO_DRAFT) is null, its note says why."""
    return [{**c.to_json(), "question": offered_question(c.question, c.note)} for c in candidates]
