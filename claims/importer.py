"""Bulk import: YAML ledgers of articles, questions and claims, and Fatebook CSV exports.

A file is read and validated whole first; every problem is reported as `FILE:LINE: message`, and nothing is
written unless the whole file is valid. Writing is one transaction and one ledger entry. Records that exist
already (same article URL or text, same question key, same claim) are left alone, so re-importing is a no-op.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session

from claims.register import (
    BASES,
    QUESTION_KINDS,
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
    late: int = 0  # new forecast claims made once their outcome was known, or after the deadline

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
        late = (
            [f"  warning: {self.late} new claims are late (made once the outcome was known, or after the "
             "deadline): kept, never scored"]
            if self.late
            else []
        )  # fmt: skip
        return [f"{self.path}: {verdict}", *("  " + p for p in parts), *late]

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "created": dict(self.created),
            "existing": dict(self.existing),
            "late": self.late,
        }


# --- YAML with line numbers ----------------------------------------------------------------------------------


class _Map(dict[str, Any]):
    """A YAML mapping that remembers the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


# libyaml's parser when PyYAML has it (about ten times faster on a large file), with the same safe constructors.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    pass


_STR = "tag:yaml.org,2002:str"


def _construct(loader: _Loader, node: yaml.Node) -> Any:
    # Plain text is most of a large file: taken as it is, without the constructor's bookkeeping.
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    return loader.construct_object(node, deep=True)


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    result = _Map()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = str(_construct(loader, key_node))
        result[key] = _construct(loader, value_node)
        result.key_lines[key] = key_node.start_mark.line + 1
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

    def moment(self, record: _Map, key: str) -> dt.datetime | None:
        """A date (midnight UTC) or a date-time (UTC unless it says otherwise)."""
        value = record.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return (
                value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
            )
        if isinstance(value, dt.date):
            return as_utc_midnight(value)
        try:
            parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            self.add(
                self.line_of(record, key),
                f"{key!r} is not a date like 2025-03-17 or a time like 2025-03-17T09:30:00Z: {value!r}",
            )
            return None
        return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)

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


def _read_yaml(path: Path, check: _Checker) -> tuple[Any, str | None]:
    """The document, and its text when it was read by the fast parser (so lines can be found later).

    yaml-rs (Rust, YAML 1.2) reads a large file some twenty times faster than PyYAML, but it keeps no
    positions; PyYAML's line-keeping loader reads what yaml-rs refuses, so its message and line are given.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserInputError(f"cannot read {path}: {exc}") from None
    import yaml_rs

    try:
        return _as_maps(yaml_rs.loads(raw)), raw
    except (yaml_rs.YAMLDecodeError, ValueError, TypeError, OverflowError):
        pass
    try:
        return yaml.load(raw, Loader=_Loader), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        check.add(mark.line + 1 if mark else None, f"not valid YAML: {problem}")
        return None, None


def _as_maps(value: Any, numbers: Iterator[int] | None = None) -> Any:
    """yaml-rs's dicts as _Maps (keys as text, as the PyYAML loader gives them).

    Their positions are not known yet: each mapping gets a distinct negative stand-in for its line, which
    _find_lines swaps for the real one if a problem has to be reported.
    """
    numbers = numbers if numbers is not None else itertools.count(-1, -1)
    if isinstance(value, dict):
        result = (
            _Map(value)
            if all(type(k) is str for k in value)
            else _Map((str(k), v) for k, v in value.items())
        )
        for key, item in result.items():
            if isinstance(
                item, (dict, list)
            ):  # most values are plain text or numbers: left as they are
                result[key] = _as_maps(item, numbers)
        result.line = next(numbers)
        result.key_lines = {}
        return result
    if isinstance(value, list):
        return [_as_maps(v, numbers) if isinstance(v, (dict, list)) else v for v in value]
    return value


def _find_lines(value: Any, node: yaml.Node, found: dict[int, int]) -> None:
    """Give a fast-read document the lines of the same mappings in PyYAML's node tree, noting in `found` which
    stand-in became which line."""
    if isinstance(value, _Map) and isinstance(node, yaml.MappingNode):
        found[value.line] = value.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key in value:
                value.key_lines[key] = key_node.start_mark.line + 1
                _find_lines(value[key], value_node, found)
    elif isinstance(value, list) and isinstance(node, yaml.SequenceNode):
        for item, item_node in zip(value, node.value, strict=False):
            _find_lines(item, item_node, found)


def _lines_of(doc: _Map, text: str) -> dict[int, int]:
    """Puts the real lines into a fast-read document; returns which stand-in became which line."""
    found: dict[int, int] = {}
    node = yaml.compose(text, Loader=_Loader)
    if node is not None:
        _find_lines(doc, node, found)
    return found


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
    from claims.bulk import existing_questions

    plans: dict[str, _QuestionPlan] = {}
    records = _list_section(doc, "questions", check)
    in_ledger = existing_questions(
        session, [str(r["key"]) for r in records if isinstance(r.get("key"), str)]
    )
    for rec in records:
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
        existing = in_ledger.get(key)
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
    from claims.bulk import existing_questions

    plans = []
    records = _list_section(doc, "claims", check)
    in_ledger = existing_questions(
        session,
        [
            str(r["question"])
            for r in records
            if isinstance(r.get("question"), str) and r["question"] not in questions
        ],
    )
    for rec in records:
        check.unknown(rec, CLAIM_FIELDS, "a claim")
        qkey = check.text(rec, "question")
        akey = check.text(rec, "article", required=False)
        quote = check.text(rec, "quote")
        author = check.text(rec, "author", required=False)
        probability, basis, hedge = _probability(rec, check)
        made_at = check.moment(rec, "made_at")
        kind = None
        if qkey is not None:
            if qkey in questions:
                kind = questions[qkey].fields["kind"]
            else:
                existing = in_ledger.get(qkey)
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
            elif probability is not None and not 0 <= probability <= 1:
                check.add(
                    check.line_of(rec, "probability"),
                    f"probability {probability} must be from 0 to 1",
                )
            elif probability in (0.0, 1.0) and basis == "hedge":
                check.add(
                    check.line_of(rec, "probability"),
                    "a hedge phrase never maps to 0 or 1; give basis stated if the source stated it",
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
    doc, fast_text = _read_yaml(path, check)
    if doc is not None and not isinstance(doc, _Map):
        check.add(1, "the file must be a mapping with 'articles', 'questions' and 'claims'")
        doc = None
    if doc is None and not check.problems:
        check.add(None, "the file is empty; it needs 'articles', 'questions' or 'claims'")
    if doc is None:
        raise InputFileErrors(check.problems)
    articles, questions, claims = _plan_yaml(doc, check, session, path)
    if check.problems and fast_text is not None:
        # The fast parser keeps no positions: find them, then check again so every problem has its line.
        _lines_of(doc, fast_text)
        check = _Checker(str(path))
        _plan_yaml(doc, check, session, path)
    if check.problems:
        raise InputFileErrors(sorted(check.problems, key=lambda p: p.line or 0))
    summary = ImportSummary(str(path))
    try:
        _apply(session, summary, articles, questions, claims, actor=actor, action="import.yaml")
    except (
        InputFileErrors
    ) as exc:  # a claim that clashes with the ledger: its line, as the check would give
        if fast_text is None:
            raise
        found = _lines_of(doc, fast_text)
        raise InputFileErrors(
            replace(p, line=found.get(p.line, p.line) if p.line is not None else None)
            for p in exc.problems
        ) from None
    return summary


def _plan_yaml(
    doc: _Map, check: _Checker, session: Session, path: Path
) -> tuple[dict[str, _ArticlePlan], dict[str, _QuestionPlan], list[_ClaimPlan]]:
    check.unknown(doc, {"version", "articles", "questions", "claims"}, "the file")
    if doc.get("version", 1) != 1:
        check.add(
            check.line_of(doc, "version"),
            f"version {doc.get('version')!r} is not supported (expected 1)",
        )
    articles = _plan_articles(doc, check, path.parent)
    questions = _plan_questions(doc, check, session)
    claims = _plan_claims(doc, check, session, articles, questions)
    return articles, questions, claims


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
    """Writes a checked file in one transaction and one ledger entry, in bulk (claims/bulk.py)."""
    from claims import bulk

    plan = bulk.Plan(
        summary.path,
        articles={key: a.fields for key, a in articles.items()},
        questions={key: q.fields for key, q in questions.items() if q.existing is None},
        existing={key: q.existing for key, q in questions.items() if q.existing is not None},
        claims=[(c.line, c.question_key, c.article_key, c.fields) for c in claims],
        resolutions=list(resolutions or []),
    )
    # Claims may name questions already in the ledger that the file does not list.
    missing = {c.question_key for c in claims} - plan.questions.keys() - plan.existing.keys()
    plan.existing.update(bulk.existing_questions(session, missing))
    with change(session, action, f"file:{Path(summary.path).name}", actor=actor) as ch:
        written = bulk.write(session, ch, plan, actor=actor)
        summary.late = written.late
        summary.created.update(written.created)
        summary.existing.update(written.existing)
        summary.created += Counter()  # drop zero counts
        summary.existing += Counter()
        ch.data = summary.to_json() if sum(summary.created.values()) else {}


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
