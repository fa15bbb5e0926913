"""Rich renderings of articles, questions and claims for people; `--json` prints the same dicts instead."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ledger.ids import short
from ledger.output import PlainTable, inert, on_terminal, table

if (
    TYPE_CHECKING
):  # rich is imported where something is drawn with it: a pipe of a list never needs it
    from rich.console import RenderableType
    from rich.text import Text


def _p(value: float | None) -> str:
    return (
        ""
        if value is None
        else f"{value:.0%}"
        if value * 100 == round(value * 100)
        else f"{value:.1%}"
    )


# How an outcome reads at a glance on a terminal (rich drops colour when piped or with NO_COLOR).
OUTCOME_STYLE = {
    "open": "cyan",
    "yes": "green",
    "true": "green",
    "no": "red",
    "false": "red",
    "misleading": "yellow",
    "annulled": "dim",
    "unverifiable": "dim",
}


def outcome_text(outcome: str | None) -> Text | str:
    if not on_terminal():
        return outcome or ""
    from rich.text import Text

    return Text(outcome or "", style=OUTCOME_STYLE.get(outcome or "", ""))


def _status(q: dict[str, Any]) -> str:
    status = q["outcome"] if q["status"] == "resolved" else "open"
    return status + (" (withdrawn: out of every score and count)" if q.get("withdrawn") else "")


def _marks(r: dict[str, Any]) -> str:
    """A claim's state beside its outcome: late (never scored) and withdrawn (out of every count)."""
    marks = [m for m in ("late", "withdrawn") if r.get(m)]
    return f" ({', '.join(marks)})" if marks else ""


def _outcome_marked(r: dict[str, Any]) -> Text | str:
    shown = outcome_text(r["outcome"])
    if isinstance(shown, str):  # piped: plain text
        return shown + _marks(r)
    shown.append(_marks(r))
    return shown


def articles_table(rows: list[dict[str, Any]]) -> RenderableType | PlainTable:
    return table(
        ["id", "published", "outlet", "authors", "claims", "title"],
        [
            [
                short(r["id"]),
                r["published"] or "",
                r["outlet"] or "",
                ", ".join(r["authors"]),
                r["n_claims"],
                r["title"],
            ]
            for r in rows
        ],
    )


def article_panel(a: dict[str, Any]) -> RenderableType:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    lines = Text()
    for label, value in [
        ("id", a["id"]),
        ("title", a["title"]),
        ("url", a["url"]),
        ("outlet", a["outlet"] or "(not stated)"),
        ("authors", ", ".join(a["authors"]) or "(not stated)"),
        ("published", a["published"] or "(unknown)"),
        ("claims", str(a["n_claims"])),
        ("length", f"{a['n_chars']} characters"),
    ]:
        if value:
            lines.append(f"{label:>10}  ", style="bold")
            lines.append_text(inert(value))
            lines.append("\n")
    parts: list[RenderableType] = [lines]
    if a.get("text"):
        parts.append(Panel(inert(a["text"]), title="text"))
    return Group(*parts)


def questions_table(rows: list[dict[str, Any]]) -> RenderableType | PlainTable:
    return table(
        ["id", "key", "kind", "status", "resolve by", "claims", "question"],
        [
            [
                short(r["id"]),
                r["key"] or "",
                r["kind"],
                outcome_text(_status(r)),
                r["resolve_by"] or "",
                r["n_claims"],
                r["text"],
            ]
            for r in rows
        ],
    )


def claims_table(rows: list[dict[str, Any]]) -> RenderableType | PlainTable:
    return table(
        ["id", "question", "source", "p", "hedge", "made", "outcome", "quote"],
        [
            [
                short(r["id"]) + (" *" if r["amended"] else ""),
                r["question_key"] or short(r["question_id"]),
                r["author"] or r["outlet"] or "",
                _p(r["probability"]),
                r["hedge"] or "",
                (r["made_at"] or "")[:10],
                _outcome_marked(r),
                r["quote"][:120] + ("…" if len(r["quote"]) > 120 else ""),
            ]
            for r in rows
        ],
    )


def _history(items: list[dict[str, Any]]) -> RenderableType | PlainTable:
    return table(
        ["when", "who", "field", "was", "now", "reason"],
        [[i["at"][:19], i["actor"], i["field"], i["old"], i["new"], i["reason"]] for i in items],
        title="amendments",
    )


def question_panel(q: dict[str, Any]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    head = Text()
    for label, value in [
        ("id", q["id"]),
        ("key", q["key"]),
        ("kind", q["kind"]),
        ("question", q["text"]),
        ("criteria", q["criteria"]),
        ("resolve by", q["resolve_by"]),
        ("status", _status(q)),
        ("tags", ", ".join(q["tags"])),
    ]:
        if value:
            head.append(f"{label:>10}  ", style="bold")
            head.append_text(inert(str(value)))
            head.append("\n")
    parts: list[RenderableType] = [head]
    if q["claims"]:
        parts.append(claims_table(q["claims"]))
    if q["resolutions"]:
        parts.append(
            table(
                ["when", "known", "outcome", "resolver", "evidence", "note"],
                [
                    [
                        r["resolved_at"][:19],
                        (r.get("known_at") or "")[:19],
                        r["outcome"],
                        r["resolver"],
                        "; ".join(
                            e.get("url") or e.get("flag_id", "") or "" for e in r["evidence"]
                        ),
                        r["note"] or "",
                    ]
                    for r in q["resolutions"]
                ],
                title="resolutions (latest stands)",
            )
        )
    if q.get("evidence_flags"):
        parts.append(
            table(
                ["flag", "published", "item", "url", "kept by"],
                [
                    [
                        short(f["id"]),
                        (f["published_at"] or "")[:10],
                        f["title"],
                        f["url"] or "",
                        f["reviewer"] or "",
                    ]
                    for f in q["evidence_flags"]
                ],
                title="news kept as evidence (flags)",
            )
        )
    if q["amendments"]:
        parts.append(_history(q["amendments"]))
    return Group(*parts)


def claim_panel(c: dict[str, Any]) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    head = Text()
    for label, value in [
        ("id", c["id"]),
        ("question", f"{c['question']} ({c['question_key'] or short(c['question_id'])})"),
        ("source", " / ".join(x for x in (c["author"], c["outlet"]) if x)),
        ("article", c.get("article", {}).get("title") if c.get("article") else None),
        ("quote", c["quote"]),
        (
            "probability",
            f"{_p(c['probability'])} ({c['basis']})" if c["probability"] is not None else None,
        ),
        ("hedge", c["hedge"]),
        ("made", c["made_at"]),
        ("outcome", c["outcome"]),
        ("late", f"never scored: {c['late_reason']}" if c.get("late_reason") else None),
        ("withdrawn", "out of every score and count" if c.get("withdrawn") else None),
        ("note", c["note"]),
    ]:
        if value:
            head.append(f"{label:>11}  ", style="bold")
            head.append_text(inert(str(value)))
            head.append("\n")
    parts: list[RenderableType] = [head]
    if c["amendments"]:
        parts.append(
            Text("Amended: reports score the probability as first registered.", style="italic")
        )
        parts.append(_history(c["amendments"]))
    return Group(*parts)


def candidates_table(rows: list[dict[str, Any]]) -> RenderableType | PlainTable:
    return table(
        ["#", "kind", "hedge", "p", "deadline", "sentence"],
        [
            [
                i,
                r["kind"],
                r["hedge"] or "",
                _p(r["probability"]),
                r["deadline"] or "",
                r["sentence"],
            ]
            for i, r in enumerate(rows, 1)
        ],
    )
