"""Search over questions, claims and articles: one index kept by the ledger's write path, the database's own
full-text search over it (SQLite FTS5, PostgreSQL tsvector with a GIN index), the same results on both.

Both databases index the same text, folded here in Python (lower case, accents dropped, punctuation as
spaces), so their tokenizers see only words of letters and digits and split them alike. A search matches the
rows having every word of the query as the start of one of their words: `garn kremlin` finds "Ian Garner on
the Kremlin's plans".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

TABLE = "search_entry"  # PostgreSQL: a table with a GIN index; SQLite: an FTS5 virtual table
# What each kind of row is found by (the fields users search: text, criteria, key, quote, title).
FIELDS: dict[str, tuple[str, ...]] = {
    "question": ("key", "text", "criteria"),
    "claim": ("quote", "hedge", "note"),
    "article": ("title", "url"),
}
_NOT_WORD = re.compile(r"[^0-9a-z]+")
MAX_WORD = 100


def is_index_table(name: str | None) -> bool:
    """The index and, on SQLite, FTS5's own tables behind it: kept by migrations, not by the models."""
    return bool(name) and str(name).startswith(TABLE)


def fold(text: str) -> str:
    """Lower case, accents dropped, punctuation as spaces: `Espreso. Global` -> `espreso global`."""
    if text.isascii():  # most text: nothing to decompose, and casefold() is lower() there
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def body(kind: str, row: dict[str, Any]) -> str:
    return fold(" ".join(str(row.get(name) or "") for name in FIELDS[kind]))


def terms(query: str) -> list[str]:
    """The words of a query as the index holds them; a query with none is a user error."""
    from ledger.errors import UserInputError

    words = fold(query).split()
    if not words:
        raise UserInputError(f"--search {query!r} has no letters or digits to look for.")
    if any(len(w) > MAX_WORD for w in words):
        # PostgreSQL does not index longer words; refusing them keeps both databases' answers alike.
        raise UserInputError(f"--search has a word longer than {MAX_WORD} characters.")
    return words


def index_changes(session: Session, changes: Iterable[dict[str, Any]]) -> None:
    """Keeps the index in step with one ledger entry's row changes (called by ledger.events.change)."""
    stale: list[dict[str, str]] = []
    fresh: list[dict[str, str]] = []
    for ch in changes:
        kind = ch.get("table")
        if kind not in FIELDS:
            continue
        if ch["op"] != "insert":
            stale.append({"kind": kind, "row_id": ch["id"]})
        if ch["op"] != "delete":
            fresh.append({"kind": kind, "row_id": ch["id"], "body": body(kind, ch["row"])})
    if not stale and not fresh:
        return
    conn = session.connection()
    if stale:
        conn.execute(sa.text(f"DELETE FROM {TABLE} WHERE kind = :kind AND row_id = :row_id"), stale)
    if fresh:
        conn.execute(
            sa.text(f"INSERT INTO {TABLE} (kind, row_id, body) VALUES (:kind, :row_id, :body)"),
            fresh,
        )


def matching_ids(session: Session, kind: str, query: str) -> sa.Select[Any]:
    """A select of the ids of the `kind` rows matching every word of `query` (for an IN clause)."""
    words = terms(query)
    if session.get_bind().dialect.name == "sqlite":
        # FTS5: each word as a quoted prefix query, ANDed; the words are [a-z0-9]+ so quoting is safe.
        fts = " AND ".join(f'"{w}"*' for w in words)
        return (
            sa.select(sa.column("row_id"))
            .select_from(sa.table(TABLE))
            .where(sa.column("kind") == kind, sa.text(f"{TABLE} MATCH :fts").bindparams(fts=fts))
        )
    tsquery = " & ".join(f"{w}:*" for w in words)
    return (
        sa.select(sa.column("row_id"))
        .select_from(sa.table(TABLE))
        .where(
            sa.column("kind") == kind,
            sa.text("to_tsvector('simple', body) @@ to_tsquery('simple', :tsquery)").bindparams(
                tsquery=tsquery
            ),
        )
    )
