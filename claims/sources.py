"""Sources as a list, and their upkeep through the ledger: rename, merge two spellings of one source, undo a merge,
and warnings when a new name is close to an existing one."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from claims.names import close_names, fold
from claims.register import claim_fingerprint, normalise_space
from ledger.errors import Conflict, NotFound, UserInputError
from ledger.events import change, snapshot
from ledger.models import Amendment, Article, ArticleAuthor, Claim, LedgerEntry, Source, utcnow
from ledger.reports import find_source

MERGED = "source.merged"
UNMERGED = "source.unmerged"


def _row(session: Session, ref: str, what: str) -> Source:
    found = find_source(session, ref)
    if found.id is None:
        raise UserInputError(
            f"{what} {ref!r} is not a source that can change; name one by id or name."
        )
    row = session.get(Source, found.id)
    assert row is not None
    return row


def _need_reason(reason: str | None) -> str:
    if not reason or not normalise_space(reason):
        raise UserInputError("give --reason: sources change only with a reason the ledger keeps.")
    return normalise_space(reason)


# --- listing --------------------------------------------------------------------------------------------------


def list_sources(
    session: Session, *, search: str | None = None, kind: str | None = None
) -> list[dict[str, Any]]:
    """Every source with its claim and article counts, by kind then name. `search` matches any part of the name,
    ignoring case and accents."""
    kinds = [k for (k,) in session.connection().execute(sa.select(col(Source.kind)).distinct())]
    if kind is not None and kind not in {"author", "outlet", *kinds}:
        raise UserInputError(f"--kind {kind!r} is not one of: author, outlet.")
    claims_as: dict[str, int] = {}
    articles: dict[str, int] = {}
    for counts, column in (
        (claims_as, col(Claim.author_id)),
        (claims_as, col(Claim.outlet_id)),
        (articles, col(Article.outlet_id)),
        (articles, col(ArticleAuthor.source_id)),
    ):
        counted = sa.select(column, sa.func.count()).where(column.is_not(None)).group_by(column)
        for source_id, n in session.connection().execute(counted):
            counts[str(source_id)] = counts.get(str(source_id), 0) + n
    stmt = select(Source).order_by(col(Source.kind), col(Source.name))
    if kind:
        stmt = stmt.where(col(Source.kind) == kind)
    wanted = fold(search) if search else ""
    return [
        {
            "id": s.id,
            "kind": s.kind,
            "name": s.name,
            "n_claims": claims_as.get(s.id, 0),
            "n_articles": articles.get(s.id, 0),
        }
        for s in session.exec(stmt)
        if not wanted or wanted in fold(s.name)
    ]


# --- close names ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CloseName:
    kind: str
    new: str
    existing: str
    existing_id: str
    reason: str

    def line(self) -> str:
        return (
            f"warning: new {self.kind} {self.new!r} is close to the existing {self.kind} {self.existing!r} "
            f"({self.existing_id[:8]}, {self.reason}); if they are one source: "
            f"forecast-ledger sources merge {self.existing_id[:8]} {self.new!r} --reason '...'"
        )


def close_to_existing(session: Session, names: list[tuple[str, str | None]]) -> list[CloseName]:
    """For each (kind, name) that is not yet a source, the existing sources of that kind it is close to.
    Call before the write that creates them."""
    out: list[CloseName] = []
    by_kind: dict[str, dict[str, str]] = {}
    for kind, raw in names:
        name = normalise_space(raw or "")
        if not name:
            continue
        if kind not in by_kind:
            by_kind[kind] = {
                s.name: s.id for s in session.exec(select(Source).where(Source.kind == kind))
            }
        existing = by_kind[kind]
        if name in existing:
            continue
        out.extend(
            CloseName(kind, name, other, existing[other], reason)
            for other, reason in close_names(name, existing)
        )
    return out


# --- rename ---------------------------------------------------------------------------------------------------


def rename_source(
    session: Session, ref: str, new_name: str, *, reason: str | None, actor: str
) -> Amendment:
    """Renames a source; the old name stays in its amendment history."""
    why = _need_reason(reason)
    name = normalise_space(new_name)
    if not name:
        raise UserInputError("the new name is empty.")
    source = _row(session, ref, "source")
    if name == source.name:
        raise UserInputError(f"the source is already named {name!r}; nothing to rename.")
    clash = session.exec(
        select(Source).where(Source.kind == source.kind, Source.name == name)
    ).first()
    if clash is not None:
        raise Conflict(
            f"another {source.kind} is already named {name!r} ({clash.id[:8]}); to make them one source use "
            f"`forecast-ledger sources merge {clash.id[:8]} {source.id[:8]} --reason ...`."
        )
    with change(session, "source.renamed", f"source:{source.id}", actor=actor):
        amendment = Amendment(
            subject="source",
            subject_id=source.id,
            field="name",
            old=source.name,
            new=name,
            reason=why,
            actor=actor,
        )
        source.name = name
        session.add(source)
        session.add(amendment)
    return amendment


# --- merge and unmerge ----------------------------------------------------------------------------------------


@dataclass
class MergeResult:
    kept: Source
    merged: dict[str, Any]  # the merged-away source's row as it was
    claims: int = 0
    articles: int = 0
    article_authors: int = 0
    seq: int | None = None
    moved: dict[str, list[Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "kept": {"id": self.kept.id, "kind": self.kept.kind, "name": self.kept.name},
            "merged": {k: self.merged[k] for k in ("id", "kind", "name")},
            "claims": self.claims,
            "articles": self.articles,
            "article_authors": self.article_authors,
            "ledger_seq": self.seq,
        }


def _refingerprint(session: Session, claims: list[Claim]) -> None:
    """A claim's fingerprint names its author: after moving claims, recompute it, refusing to fold two
    registrations of one quote into a duplicate."""
    for claim in claims:
        new = claim_fingerprint(claim.question_id, claim.article_id, claim.author_id, claim.quote)
        if new == claim.fingerprint:
            continue
        twin = session.exec(
            select(Claim).where(Claim.fingerprint == new, Claim.id != claim.id)
        ).first()
        if twin is not None:
            raise Conflict(
                f"claims {claim.id[:8]} and {twin.id[:8]} would become the same claim (one question, article, "
                "author and quote); nothing was written. Withdraw or amend one of them first."
            )
        claim.fingerprint = new
        session.add(claim)


def merge_sources(
    session: Session, keep_ref: str, other_ref: str, *, reason: str | None, actor: str
) -> MergeResult:
    """Moves every claim, article and authorship of OTHER onto KEEP and removes OTHER, in one ledger entry that
    lists what moved (`unmerge_source` reads it back)."""
    why = _need_reason(reason)
    keep = _row(session, keep_ref, "KEEP")
    other = _row(session, other_ref, "OTHER")
    if keep.id == other.id:
        raise UserInputError(
            f"{keep_ref!r} and {other_ref!r} are the same source; nothing to merge."
        )
    if keep.kind != other.kind:
        raise UserInputError(
            f"{keep.name!r} is an {keep.kind} and {other.name!r} an {other.kind}; only sources of one kind merge."
        )
    result = MergeResult(kept=keep, merged=snapshot(other))
    moved: dict[str, list[Any]] = {
        "author": [],
        "outlet": [],
        "articles": [],
        "authorships": [],
        "dropped": [],
    }
    with change(session, MERGED, f"source:{keep.id}", actor=actor) as ch:
        touched: list[Claim] = []
        for claim in list(
            session.exec(
                select(Claim).where(
                    sa.or_(col(Claim.author_id) == other.id, col(Claim.outlet_id) == other.id)
                )
            )
        ):
            if claim.author_id == other.id:
                claim.author_id = keep.id
                moved["author"].append(claim.id)
            if claim.outlet_id == other.id:
                claim.outlet_id = keep.id
                moved["outlet"].append(claim.id)
            touched.append(claim)
        _refingerprint(session, touched)
        for article in list(session.exec(select(Article).where(Article.outlet_id == other.id))):
            article.outlet_id = keep.id
            session.add(article)
            moved["articles"].append(article.id)
        for link in list(
            session.exec(select(ArticleAuthor).where(ArticleAuthor.source_id == other.id))
        ):
            has_keep = session.exec(
                select(ArticleAuthor).where(
                    ArticleAuthor.article_id == link.article_id, ArticleAuthor.source_id == keep.id
                )
            ).first()
            if has_keep is not None:  # both spellings credited on one article: one credit remains
                moved["dropped"].append(snapshot(link))
                session.delete(link)
            else:
                link.source_id = keep.id
                session.add(link)
                moved["authorships"].append(link.id)
        session.flush()
        session.delete(other)
        ch.data = {"reason": why, "kept": keep.id, "merged": result.merged, "moved": moved}
    result.claims = len(touched)
    result.articles = len(moved["articles"])
    result.article_authors = len(moved["authorships"]) + len(moved["dropped"])
    result.seq = ch.entry.seq if ch.entry else None
    result.moved = moved
    return result


def _find_merge(session: Session, ref: str) -> tuple[LedgerEntry, dict[str, Any]]:
    """The latest merge that removed the source named `ref` (its old id, id prefix or name)."""
    wanted = normalise_space(ref)
    if not wanted:
        raise UserInputError("name the merged-away source by its old id or name.")
    entries = session.exec(
        select(LedgerEntry)
        .where(col(LedgerEntry.action).in_((MERGED, UNMERGED)))
        .order_by(col(LedgerEntry.seq).desc())
    )
    undone: set[int] = set()
    for entry in entries:
        data = json.loads(entry.payload).get("data", {})
        if entry.action == UNMERGED:
            undone.add(int(data.get("merge_seq", -1)))
            continue
        merged = data.get("merged", {})
        named = merged.get("name", "").casefold() == wanted.casefold()
        by_id = len(wanted) >= 4 and str(merged.get("id", "")).startswith(wanted.lower())
        if (named or by_id) and entry.seq not in undone:
            return entry, data
    raise NotFound(
        f"no merge removed a source {wanted!r}; `forecast-ledger log --action {MERGED}` lists merges."
    )


def unmerge_source(session: Session, ref: str, *, reason: str | None, actor: str) -> MergeResult:
    """Undoes a merge: brings the merged-away source back with its id and name, and moves back what the merge
    moved (what was added to the kept source since stays with it)."""
    why = _need_reason(reason)
    entry, data = _find_merge(session, ref)
    merged = data["merged"]
    if session.get(Source, merged["id"]) is not None:
        raise Conflict(
            f"source {merged['id'][:8]} {merged['name']!r} exists already; nothing to undo."
        )
    clash = session.exec(
        select(Source).where(Source.kind == merged["kind"], Source.name == merged["name"])
    ).first()
    if clash is not None:
        raise Conflict(
            f"a new {merged['kind']} named {merged['name']!r} ({clash.id[:8]}) was added since the merge; "
            "rename it first, e.g. `forecast-ledger sources rename ...`."
        )
    keep = session.get(Source, data["kept"])
    if keep is None:
        raise Conflict(
            "the source the merge kept is gone (merged again?); undo the later merge first."
        )
    moved = data["moved"]
    result = MergeResult(kept=keep, merged=merged)
    with change(session, UNMERGED, f"source:{merged['id']}", actor=actor) as ch:
        created = merged.get("created_at")
        restored = Source(
            id=merged["id"],
            kind=merged["kind"],
            name=merged["name"],
            created_at=_parse_time(created) if created else utcnow(),
        )
        session.add(restored)
        session.flush()
        touched: list[Claim] = []
        for role in ("author", "outlet"):
            for claim_id in moved[role]:
                claim = session.get(Claim, claim_id)
                if claim is None:
                    continue
                if role == "author" and claim.author_id == keep.id:
                    claim.author_id = restored.id
                elif role == "outlet" and claim.outlet_id == keep.id:
                    claim.outlet_id = restored.id
                touched.append(claim)
        _refingerprint(session, list({c.id: c for c in touched}.values()))
        result.articles = _move_back(
            session, Article, "outlet_id", moved["articles"], keep.id, restored.id
        )
        result.article_authors = _move_back(
            session, ArticleAuthor, "source_id", moved["authorships"], keep.id, restored.id
        )
        for row in moved["dropped"]:
            if session.get(Article, row["article_id"]) is not None:
                session.add(
                    ArticleAuthor(
                        id=row["id"],
                        article_id=row["article_id"],
                        source_id=restored.id,
                        position=row["position"],
                    )
                )
                result.article_authors += 1
        ch.data = {"reason": why, "merge_seq": entry.seq, "restored": merged["id"]}
    result.claims = len({c.id for c in touched})
    result.seq = ch.entry.seq if ch.entry else None
    return result


def _move_back(
    session: Session, model: Any, column: str, ids: list[str], keep_id: str, restored_id: str
) -> int:
    """Points the rows a merge moved back at the restored source, unless they were pointed elsewhere since."""
    moved = 0
    for row_id in ids:
        row = session.get(model, row_id)
        if row is not None and getattr(row, column) == keep_id:
            setattr(row, column, restored_id)
            session.add(row)
            moved += 1
    return moved


def _parse_time(text: str) -> Any:
    import datetime as dt

    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
