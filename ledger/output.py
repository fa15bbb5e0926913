"""Terminal output: rich tables on a terminal, aligned plain text through a pipe, stable JSON for scripts, inert
text from outside. rich is imported only when something is drawn with it (start-up is paid on every call)."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

# C0/C1 control characters (ESC included) and DEL: never let feed or article text drive the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str | None) -> Text:
    """Text from outside (feeds, articles) as a rich Text: no markup is interpreted, no escapes reach the tty."""
    from rich.text import Text

    return Text(_CONTROL.sub("", text or ""))


# Piped output is read in wide editors and pagers: 80 columns would fold every table.
PIPE_WIDTH = 140


@cache
def stdout() -> Console:
    from rich.console import Console

    # highlight=False: rich would otherwise colour numbers and URLs inside data it did not produce.
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(highlight=False, soft_wrap=False, width=PIPE_WIDTH)
    return console


@cache
def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def on_terminal() -> bool:
    """Whether stdout is a terminal as rich decides it (FORCE_COLOR and TTY_COMPATIBLE=1 count as one), without
    importing rich."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1":
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _plain_cell(cell: Any) -> str:
    text = cell.plain if hasattr(cell, "plain") else ("" if cell is None else str(cell))
    return _CONTROL.sub("", text.replace("\n", " "))


class PlainTable:
    """A table as aligned plain text, for a pipe, a pager or grep: thousands of rows cost nothing to lay out,
    where rich measures and wraps every cell. Columns are separated by two spaces; the last is not padded."""

    def __init__(
        self, columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None
    ) -> None:
        self.columns = list(columns)
        self.rows = [[_plain_cell(c) for c in row] for row in rows]
        self.title = title

    def lines(self) -> list[str]:
        widths = [len(c) for c in self.columns]
        for row in self.rows:
            for i, cell in enumerate(row):
                widths[i] = max(widths[i], len(cell))

        def line(cells: Sequence[str]) -> str:
            padded = [c.ljust(w) for c, w in zip(cells[:-1], widths, strict=False)]
            return "  ".join([*padded, cells[-1]]).rstrip() if cells else ""

        out = [self.title] if self.title else []
        out.append(line(self.columns))
        out.append(line(["-" * w for w in widths]))
        out.extend(line(row) for row in self.rows)
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def __rich__(self) -> Text:  # inside a rich panel
        from rich.text import Text

        return Text(str(self), no_wrap=True, overflow="ignore")


def table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None
) -> Table | PlainTable:
    """A rich table on a terminal; aligned plain text otherwise."""
    if not on_terminal():
        return PlainTable(columns, rows, title)
    from rich.table import Table

    t = Table(title=title, show_edge=False, header_style="bold", pad_edge=False)
    for name in columns:
        t.add_column(name, overflow="fold")
    for row in rows:
        t.add_row(
            *(
                cell if hasattr(cell, "plain") else inert("" if cell is None else str(cell))
                for cell in row
            )
        )
    return t


def show(renderable: RenderableType | PlainTable) -> None:
    """Prints to stdout: plain tables directly, anything else through rich."""
    if isinstance(renderable, PlainTable):
        sys.stdout.write(str(renderable) + "\n")
    else:
        stdout().print(renderable)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`1 claim`, `2 claims`: a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def say(message: str) -> None:
    """A status line for people, on stderr so stdout stays clean for pipes."""
    stderr().print(inert(message))
