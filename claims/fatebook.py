"""Fatebook's CSV export, both ways: analysts' own forecasts scored next to the pundits'.

Fatebook writes one row per forecast. We keep, per question and forecaster, the latest forecast made before the
question resolved (earlier ones were superseded by the forecaster); each forecaster becomes an author source,
YES/NO/AMBIGUOUS becomes a yes/no/annulled resolution, known at its resolution time. Probabilities are stored
exactly as written, 0 and 1 included, so per-forecaster Brier scores match Fatebook's own.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from sqlmodel import Session, col, select

from claims.importer import (
    ImportSummary,
    _apply,
    _ClaimPlan,
    _QuestionPlan,
)
from claims.register import normalise_space
from ledger.errors import InputFileErrors, Problem, UserInputError
from ledger.models import Claim, Question, Source

HEADER = [
    "Question title",
    "Multiple choice option",
    "Forecast created by",
    "Forecast (scale = 0-1)",
    "Forecast created at",
    "Question created by",
    "Question created at",
    "Question resolve by",
    "Resolution",
    "Resolved at",
    "Your Brier score for this question",
    "Your relative Brier score for this question",
    "Question notes",
    "Question shared with",
    "Question shared publicly",
    "Question comments",
    "Question tags",
]
REQUIRED = [
    "Question title",
    "Forecast created by",
    "Forecast (scale = 0-1)",
    "Forecast created at",
    "Question created at",
    "Question resolve by",
    "Resolution",
    "Resolved at",
]
OUTCOMES = {"YES": "yes", "NO": "no", "AMBIGUOUS": "annulled"}
FATEBOOK = "Fatebook"


_ONE_DIGIT_SECONDS = re.compile(r":(\d)$")


@lru_cache(maxsize=1 << 16)  # an export repeats each question's times on every forecast row
def parse_time(value: str) -> dt.datetime:
    """Fatebook writes `2024-01-02 10:00:00` (UTC), sometimes with one-digit seconds, sometimes ISO or a JS
    date string; all become aware UTC."""
    text = _ONE_DIGIT_SECONDS.sub(r":0\1", value.strip())
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        from dateutil import parser as dateutil_parser

        cleaned = re.sub(r"\s*\([^)]*\)$", "", text)  # "(Coordinated Universal Time)"
        parsed = dateutil_parser.parse(cleaned)
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


def question_key(title: str, resolve_by: dt.date) -> str:
    digest = hashlib.sha256(
        f"{normalise_space(title)}\x1f{resolve_by.isoformat()}".encode()
    ).hexdigest()
    return f"fatebook-{digest[:12]}"


@dataclass
class _Row:
    line: int
    title: str
    forecaster: str
    probability: float
    made_at: dt.datetime
    resolve_by: dt.date
    outcome: str | None
    resolved_at: dt.datetime | None
    tags: list[str]
    notes: str


def _read_rows(path: Path) -> tuple[list[_Row], list[Problem]]:
    problems: list[Problem] = []
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise UserInputError(f"cannot read {path}: {exc}") from None
    rows: list[_Row] = []
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputFileErrors(
                [
                    Problem(
                        str(path),
                        1,
                        f"not a Fatebook export: missing column(s) {', '.join(missing)}",
                    )
                ]
            )
        where = str(path)
        for raw in reader:
            line = reader.line_num

            def bad(message: str, line: int = line) -> None:
                problems.append(Problem(where, line, message))

            title = normalise_space(raw.get("Question title") or "")
            option = normalise_space(raw.get("Multiple choice option") or "")
            if option:
                title = f"{title} — {option}"
            forecaster = normalise_space(raw.get("Forecast created by") or "")
            if not title:
                bad("empty 'Question title'")
            if not forecaster:
                bad("empty 'Forecast created by'")
            try:
                probability = float(raw["Forecast (scale = 0-1)"])
                if not 0.0 <= probability <= 1.0:
                    raise ValueError
            except (TypeError, ValueError):
                bad(f"forecast {raw.get('Forecast (scale = 0-1)')!r} is not a number from 0 to 1")
                probability = float("nan")
            times: dict[str, dt.datetime | None] = {}
            for column in ("Forecast created at", "Question resolve by", "Resolved at"):
                value = (raw.get(column) or "").strip()
                if not value:
                    times[column] = None
                    continue
                try:
                    times[column] = parse_time(value)
                except (ValueError, OverflowError):
                    bad(f"{column!r} is not a date-time: {value!r}")
                    times[column] = None
            resolution = (raw.get("Resolution") or "").strip().upper()
            if resolution and resolution not in OUTCOMES:
                bad(f"resolution {resolution!r} is not YES, NO or AMBIGUOUS")
            if resolution and times["Resolved at"] is None:
                bad("a resolved question needs 'Resolved at'")
            made_at, resolve_by = times["Forecast created at"], times["Question resolve by"]
            if made_at is None:
                bad("missing 'Forecast created at'")
            if resolve_by is None:
                bad("missing 'Question resolve by'")
            if made_at is None or resolve_by is None or probability != probability:
                continue
            tags = [
                t.strip() for t in re.split(r"[;,]", raw.get("Question tags") or "") if t.strip()
            ]
            rows.append(
                _Row(
                    line=line,
                    title=title,
                    forecaster=forecaster,
                    probability=probability,
                    made_at=made_at,
                    resolve_by=resolve_by.date(),
                    outcome=OUTCOMES.get(resolution),
                    resolved_at=times["Resolved at"] if resolution else None,
                    tags=tags,
                    notes=(raw.get("Question notes") or "").strip(),
                )
            )
    return rows, problems


def import_fatebook(session: Session, path: Path, *, actor: str) -> ImportSummary:
    rows, problems = _read_rows(path)
    if problems:
        raise InputFileErrors(problems)
    if not rows:
        raise InputFileErrors([Problem(str(path), 1, "no forecasts in the file")])
    from claims.bulk import existing_questions

    questions: dict[str, _QuestionPlan] = {}
    outcomes: dict[str, dict[str, Any]] = {}
    latest: dict[tuple[str, str], _Row] = {}
    keys = [question_key(row.title, row.resolve_by) for row in rows]
    in_ledger = existing_questions(session, keys)
    for row, key in zip(rows, keys, strict=True):
        if key not in questions:
            existing = in_ledger.get(key)
            questions[key] = _QuestionPlan(
                row.line,
                key,
                {
                    "kind": "forecast",
                    "text": row.title,
                    "criteria": row.notes or "As resolved on Fatebook.",
                    "resolve_by": row.resolve_by,
                    "tags": row.tags,
                    "watch": None,
                },
                existing,
            )
        if row.outcome:
            outcomes[key] = {
                "question_key": key,
                "outcome": row.outcome,
                "resolved_at": row.resolved_at,
                "resolver": FATEBOOK,
                "note": "Resolution imported from Fatebook.",
            }
        # Forecasts after the resolution are not forecasts any more.
        if row.resolved_at is not None and row.made_at > row.resolved_at:
            continue
        slot = (key, row.forecaster)
        if slot not in latest or row.made_at >= latest[slot].made_at:
            latest[slot] = row
    claims = []
    for (key, forecaster), row in latest.items():
        claims.append(
            _ClaimPlan(
                row.line,
                key,
                None,
                {
                    "quote": f"{round(row.probability * 100, 2):g}% on Fatebook",
                    "probability": row.probability,
                    "basis": "stated",
                    "hedge": None,
                    "note": None,
                    "author": forecaster,
                    "outlet": FATEBOOK,
                    "made_at": row.made_at,
                },
            )
        )
    summary = ImportSummary(str(path))
    _apply(
        session,
        summary,
        {},
        questions,
        claims,
        actor=actor,
        action="import.fatebook",
        resolutions=list(outcomes.values()),
    )
    return summary


def _fmt(moment: dt.datetime | None) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def export_fatebook(
    session: Session, out: TextIO, *, question_ids: Iterable[str] | None = None
) -> int:
    """Writes forecast claims in Fatebook's CSV layout (one row per claim); returns the row count."""
    outcome_names = {v: k for k, v in OUTCOMES.items()}
    stmt = (
        select(Claim, Question, Source)
        .join(Question, col(Question.id) == col(Claim.question_id))
        .join(Source, col(Source.id) == col(Claim.author_id))
        .where(Question.kind == "forecast")
        .order_by(col(Question.created_at), col(Claim.made_at))
    )
    if question_ids is not None:
        stmt = stmt.where(col(Question.id).in_(list(question_ids)))
    from claims.register import question_tags

    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    count = 0
    for claim, question, author in session.exec(stmt):
        writer.writerow(
            {
                "Question title": question.text,
                "Forecast created by": author.name,
                "Forecast (scale = 0-1)": f"{claim.probability:g}",
                "Forecast created at": _fmt(claim.made_at),
                "Question created at": _fmt(question.created_at),
                "Question resolve by": question.resolve_by.isoformat() + " 00:00:00"
                if question.resolve_by
                else "",
                "Resolution": outcome_names.get(question.outcome or "", ""),
                "Resolved at": _fmt(question.resolved_at),
                "Question notes": question.criteria,
                "Question tags": "; ".join(question_tags(session, question.id)),
            }
        )
        count += 1
    return count


def export_fatebook_text(session: Session) -> str:
    buffer = io.StringIO()
    export_fatebook(session, buffer)
    return buffer.getvalue()
