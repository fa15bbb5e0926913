"""Bulk import: YAML ledgers of articles, questions and claims, and Fatebook CSV exports.

A file is read and validated whole first; every problem is reported as `FILE:LINE: message`, and nothing is
written unless the whole file is valid. Writing is one transaction and one ledger entry. Records that exist
already (same article URL or text, same question key, same claim) are left alone, so re-importing is a no-op.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, select

from claims.register import (
    BASES,
    QUESTION_KINDS,
    _add_article,
    _add_claim,
    _add_question,
    as_utc_midnight,
    find_article,
    normalise_space,
    quote_in_text,
)
from ledger.errors import InputFileErrors, LedgerError, Problem, UserInputError
from ledger.events import change
from ledger.models import Question

SEED = Path(__file__).parent / "data" / "seed.yaml"


@dataclass
class ImportSummary:
    path: str
    created: Counter[str] = field(default_factory=Counter)
    existing: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        kinds = ["articles", "questions", "claims", "resolutions"]
        parts = []
        for kind in kinds:
            new, old = self.created[kind], self.existing[kind]
            if new or old:
                parts.append(f"{kind}: {new} new, {old} already in the ledger")
        if not parts:
            return [f"{self.path}: nothing to import"]
        verdict = "imported" if sum(self.created.values()) else "nothing new (already imported)"
        return [f"{self.path}: {verdict}", *("  " + p for p in parts)]

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "created": dict(self.created), "existing": dict(self.existing)}


# --- YAML with line numbers ----------------------------------------------------------------------------------


class _Map(dict[str, Any]):
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


class _Loader(yaml.SafeLoader):
    pass


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    result = _Map()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[str(key)] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    """A date-looking value that is no real date (2025-13-01) stays text, so the checker can say where."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _Checker:
    """Collects problems for one file."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def line_of(self, record: Any, key: str | None = None) -> int | None:
        if isinstance(record, _Map):
            return record.key_lines.get(key, record.line) if key else record.line
        return None

    def text(self, record: _Map, key: str, *, required: bool = True) -> str | None:
        value = record.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(record.line, f"missing {key!r}")
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.add(self.line_of(record, key), f"{key!r} must be text")
            return None
        return str(value)

    def date(self, record: _Map, key: str, *, required: bool = False) -> dt.date | None:
        value = record.get(key)
        if value is None:
            if required:
                self.add(record.line, f"missing {key!r} (a date like 2026-12-31)")
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.add(self.line_of(record, key), f"{key!r} is not a date like 2026-12-31: {value!r}")
            return None

    def names(self, record: _Map, key: str) -> list[str]:
        value = record.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        self.add(self.line_of(record, key), f"{key!r} must be a list of names")
        return []

    def unknown(self, record: _Map, allowed: set[str], what: str) -> None:
        for key in record:
            if key not in allowed:
                self.add(
                    self.line_of(record, key),
                    f"unknown field {key!r} in {what} (allowed: {', '.join(sorted(allowed))})",
                )


ARTICLE_FIELDS = {"key", "url", "title", "outlet", "authors", "published", "text", "text_file"}
QUESTION_FIELDS = {"key", "kind", "text", "criteria", "resolve_by", "tags", "watch"}
CLAIM_FIELDS = {
    "question",
    "article",
    "quote",
    "probability",
    "basis",
    "hedge",
    "note",
    "author",
    "outlet",
    "made_at",
}


@dataclass
class _ArticlePlan:
    line: int
    key: str
    fields: dict[str, Any]


@dataclass
class _QuestionPlan:
    line: int
    key: str
    fields: dict[str, Any]
    existing: Question | None = None


@dataclass
class _ClaimPlan:
    line: int
    question_key: str
    article_key: str | None
    fields: dict[str, Any]


def _read_yaml(path: Path, check: _Checker) -> Any:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserInputError(f"cannot read {path}: {exc}") from None
    try:
        return yaml.load(raw, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        check.add(mark.line + 1 if mark else None, f"not valid YAML: {problem}")
        return None


def _list_section(doc: _Map, name: str, check: _Checker) -> list[_Map]:
    value = doc.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        check.add(check.line_of(doc, name), f"{name!r} must be a list")
        return []
    out = []
    for item in value:
        if isinstance(item, _Map):
            out.append(item)
        else:
            check.add(check.line_of(doc, name), f"every entry of {name!r} must be a mapping")
    return out


def _plan_articles(doc: _Map, check: _Checker, base: Path) -> dict[str, _ArticlePlan]:
    plans: dict[str, _ArticlePlan] = {}
    for rec in _list_section(doc, "articles", check):
        check.unknown(rec, ARTICLE_FIELDS, "an article")
        key = check.text(rec, "key")
        title = check.text(rec, "title")
        text = check.text(rec, "text", required=False)
        text_file = check.text(rec, "text_file", required=False)
        if text is None and text_file is not None:
            try:
                text = (base / text_file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                check.add(check.line_of(rec, "text_file"), f"cannot read text_file: {exc}")
        elif text is None:
            check.add(rec.line, "missing 'text' (or 'text_file')")
        fields = {
            "title": title,
            "text": text,
            "url": check.text(rec, "url", required=False),
            "outlet": check.text(rec, "outlet", required=False),
            "authors": check.names(rec, "authors"),
            "published": check.date(rec, "published"),
        }
        if key is None:
            continue
        if key in plans:
            check.add(
                check.line_of(rec, "key"),
                f"article key {key!r} is used twice (first at line {plans[key].line})",
            )
            continue
        plans[key] = _ArticlePlan(rec.line, key, fields)
    return plans


def _watch_value(rec: _Map, check: _Checker) -> dict[str, Any] | None:
    value = rec.get("watch")
    if value is None:
        return None
    from feeds.matching.terms import Watch, parse_watch_text

    try:
        watch = parse_watch_text(value) if isinstance(value, str) else Watch.from_dict(dict(value))
    except (ValueError, TypeError, AttributeError) as exc:
        check.add(check.line_of(rec, "watch"), f"watch terms: {exc}")
        return None
    return watch.to_dict()


def _plan_questions(doc: _Map, check: _Checker, session: Session) -> dict[str, _QuestionPlan]:
    plans: dict[str, _QuestionPlan] = {}
    for rec in _list_section(doc, "questions", check):
        check.unknown(rec, QUESTION_FIELDS, "a question")
        key = check.text(rec, "key")
        kind = check.text(rec, "kind", required=False) or "forecast"
        if kind not in QUESTION_KINDS:
            check.add(check.line_of(rec, "kind"), f"kind {kind!r} is not one of: forecast, factual")
        text = check.text(rec, "text")
        criteria = check.text(rec, "criteria")
        resolve_by = check.date(rec, "resolve_by", required=kind == "forecast")
        tags = check.names(rec, "tags")
        watch = _watch_value(rec, check)
        if key is None:
            continue
        if key in plans:
            check.add(
                check.line_of(rec, "key"),
                f"question key {key!r} is used twice (first at line {plans[key].line})",
            )
            continue
        fields = {
            "kind": kind,
            "text": text,
            "criteria": criteria,
            "resolve_by": resolve_by,
            "tags": tags,
            "watch": watch,
        }
        plan = _QuestionPlan(rec.line, key, fields)
        existing = session.exec(select(Question).where(Question.key == key)).first()
        if existing is not None and text is not None:
            same = (
                existing.kind == kind
                and existing.text == normalise_space(text)
                and existing.criteria == (criteria or "").strip()
                and existing.resolve_by == resolve_by
            )
            if not same:
                check.add(
                    rec.line,
                    f"question {key!r} is already in the ledger with other wording, criteria or deadline; "
                    f"change it with `forecast-ledger questions amend {key} ...`",
                )
            plan.existing = existing
        plans[key] = plan
    return plans


def _probability(rec: _Map, check: _Checker) -> tuple[float | None, str | None, str | None]:
    """(probability, basis, hedge) from `probability` (0.7, "70%", a hedge phrase) or `hedge` alone."""
    from claims.hedges import parse_probability

    raw = rec.get("probability")
    basis = check.text(rec, "basis", required=False)
    hedge = check.text(rec, "hedge", required=False)
    if basis is not None and basis not in BASES:
        check.add(
            check.line_of(rec, "basis"), f"basis {basis!r} is not one of: stated, hedge, analyst"
        )
    if raw is None and hedge is not None:
        raw = hedge
    if raw is None:
        return None, basis, hedge
    if isinstance(raw, bool):
        check.add(
            check.line_of(rec, "probability"),
            "probability must be a number like 0.7, 70% or a hedge",
        )
        return None, basis, hedge
    try:
        parsed = parse_probability(str(raw))
    except ValueError as exc:
        check.add(check.line_of(rec, "probability") or check.line_of(rec, "hedge"), str(exc))
        return None, basis, hedge
    return parsed.probability, basis or parsed.basis, hedge or parsed.hedge


def _plan_claims(
    doc: _Map,
    check: _Checker,
    session: Session,
    articles: dict[str, _ArticlePlan],
    questions: dict[str, _QuestionPlan],
) -> list[_ClaimPlan]:
    plans = []
    for rec in _list_section(doc, "claims", check):
        check.unknown(rec, CLAIM_FIELDS, "a claim")
        qkey = check.text(rec, "question")
        akey = check.text(rec, "article", required=False)
        quote = check.text(rec, "quote")
        author = check.text(rec, "author", required=False)
        probability, basis, hedge = _probability(rec, check)
        made_at = rec.get("made_at")
        if made_at is not None:
            made = check.date(rec, "made_at")
            made_at = as_utc_midnight(made) if made else None
        kind = None
        if qkey is not None:
            if qkey in questions:
                kind = questions[qkey].fields["kind"]
            else:
                existing = session.exec(select(Question).where(Question.key == qkey)).first()
                if existing is None:
                    check.add(
                        check.line_of(rec, "question"),
                        f"no question with key {qkey!r} in this file or the ledger",
                    )
                else:
                    kind = existing.kind
        article = articles.get(akey) if akey else None
        if akey is not None and article is None:
            check.add(check.line_of(rec, "article"), f"no article with key {akey!r} in this file")
        if akey is None and author is None:
            check.add(rec.line, "a claim needs an 'article' key or an 'author'")
        article_text = article.fields["text"] if article is not None else None
        if (
            quote is not None
            and article_text is not None
            and not quote_in_text(quote, article_text)
        ):
            check.add(
                check.line_of(rec, "quote"),
                f"the quote is not in article {akey!r} (claims quote verbatim)",
            )
        if kind == "forecast":
            if probability is None and not any(
                p.line == check.line_of(rec, "probability") for p in check.problems
            ):
                check.add(
                    rec.line, "a forecast claim needs 'probability' (0.7, 70% or a hedge phrase)"
                )
            elif probability is not None and not 0 < probability < 1:
                check.add(
                    check.line_of(rec, "probability"),
                    f"probability {probability} must be strictly between 0 and 1",
                )
        elif kind == "factual" and rec.get("probability") is not None:
            check.add(
                check.line_of(rec, "probability"),
                "a claim on a factual question carries no probability",
            )
        if qkey is None or quote is None:
            continue
        plans.append(
            _ClaimPlan(
                rec.line,
                qkey,
                akey,
                {
                    "quote": quote,
                    "probability": probability if kind == "forecast" else None,
                    "basis": basis if kind == "forecast" else None,
                    "hedge": hedge if kind == "forecast" else None,
                    "note": check.text(rec, "note", required=False),
                    "author": author,
                    "outlet": check.text(rec, "outlet", required=False),
                    "made_at": made_at,
                },
            )
        )
    return plans


def import_yaml(session: Session, path: Path, *, actor: str) -> ImportSummary:
    check = _Checker(str(path))
    doc = _read_yaml(path, check)
    if doc is not None and not isinstance(doc, _Map):
        check.add(1, "the file must be a mapping with 'articles', 'questions' and 'claims'")
        doc = None
    if doc is None:
        raise InputFileErrors(check.problems)
    check.unknown(doc, {"version", "articles", "questions", "claims"}, "the file")
    if doc.get("version", 1) != 1:
        check.add(
            check.line_of(doc, "version"),
            f"version {doc.get('version')!r} is not supported (expected 1)",
        )
    articles = _plan_articles(doc, check, path.parent)
    questions = _plan_questions(doc, check, session)
    claims = _plan_claims(doc, check, session, articles, questions)
    if check.problems:
        raise InputFileErrors(sorted(check.problems, key=lambda p: p.line or 0))
    summary = ImportSummary(str(path))
    _apply(session, summary, articles, questions, claims, actor=actor, action="import.yaml")
    return summary


def _apply(
    session: Session,
    summary: ImportSummary,
    articles: dict[str, _ArticlePlan],
    questions: dict[str, _QuestionPlan],
    claims: list[_ClaimPlan],
    *,
    actor: str,
    action: str,
    resolutions: list[dict[str, Any]] | None = None,
) -> None:
    with change(session, action, f"file:{Path(summary.path).name}", actor=actor) as ch:
        article_rows = {}
        for key, a in articles.items():
            row, created = _add_article(session, **a.fields)
            article_rows[key] = row
            (summary.created if created else summary.existing)["articles"] += 1
        question_rows: dict[str, Question] = {}
        for key, q in questions.items():
            if q.existing is not None:
                question_rows[key] = q.existing
                summary.existing["questions"] += 1
                continue
            question_rows[key] = _add_question(session, key=key, **q.fields)
            summary.created["questions"] += 1
        for c in claims:
            question = (
                question_rows.get(c.question_key)
                or session.exec(select(Question).where(Question.key == c.question_key)).one()
            )
            _, created = _add_claim(
                session,
                question=question,
                article=article_rows.get(c.article_key or ""),
                **c.fields,
            )
            (summary.created if created else summary.existing)["claims"] += 1
        for res in resolutions or []:
            created = _add_import_resolution(
                session, question_rows[res["question_key"]], res, actor
            )
            (summary.created if created else summary.existing)["resolutions"] += 1
        ch.data = summary.to_json()
        if not sum(summary.created.values()):
            ch.data = {}


def _add_import_resolution(
    session: Session, question: Question, res: dict[str, Any], actor: str
) -> bool:
    """A resolution carried by an imported file (Fatebook): recorded once, like any other resolution."""
    from ledger.models import Resolution

    if question.status == "resolved" and question.outcome == res["outcome"]:
        return False
    resolution = Resolution(
        question_id=question.id,
        outcome=res["outcome"],
        note=res.get("note"),
        evidence=[],
        resolver=res.get("resolver") or actor,
        resolved_at=res["resolved_at"],
    )
    session.add(resolution)
    question.status = "resolved"
    question.outcome = res["outcome"]
    question.resolved_at = res["resolved_at"]
    question.version += 1
    session.add(question)
    session.flush()
    return True


def import_seed(session: Session, *, actor: str) -> ImportSummary:
    """The seed ledger shipped with the package: five op-eds and the questions taken from them."""
    return import_yaml(session, SEED, actor=actor)


def import_file(session: Session, path: Path, *, actor: str) -> Any:
    """Dispatches on the file's suffix: .yaml/.yml, .csv (Fatebook), .json (a ledger export)."""
    if not path.exists():
        raise UserInputError(f"{path}: no such file.")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return import_yaml(session, path, actor=actor)
    if suffix == ".csv":
        from claims.fatebook import import_fatebook

        return import_fatebook(session, path, actor=actor)
    if suffix == ".json":
        try:
            from ledger.transfer import load_json
        except ImportError:  # pragma: no cover - until the export issue lands
            raise LedgerError(
                "importing a JSON ledger export is not available in this version."
            ) from None
        return load_json(session, path, actor=actor)
    raise UserInputError(
        f"{path}: import reads .yaml/.yml, Fatebook .csv or a .json ledger export."
    )


__all__ = ["SEED", "ImportSummary", "find_article", "import_file", "import_seed", "import_yaml"]
