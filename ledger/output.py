"""Terminal output: rich tables on a terminal, stable JSON for scripts, inert text from outside."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

# C0/C1 control characters (ESC included) and DEL: never let feed or article text drive the terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str | None) -> Text:
    """Text from outside (feeds, articles) as a rich Text: no markup is interpreted, no escapes reach the tty."""
    return Text(_CONTROL.sub("", text or ""))


# Piped output is read in wide editors and pagers: 80 columns would fold every table.
PIPE_WIDTH = 140


@cache
def stdout() -> Console:
    # highlight=False: rich would otherwise colour numbers and URLs inside data it did not produce.
    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(highlight=False, soft_wrap=False, width=PIPE_WIDTH)
    return console


@cache
def stderr() -> Console:
    return Console(stderr=True, highlight=False)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None
) -> Table:
    t = Table(title=title, show_edge=False, header_style="bold", pad_edge=False)
    for name in columns:
        t.add_column(name, overflow="fold")
    for row in rows:
        t.add_row(
            *(
                cell if isinstance(cell, Text) else inert("" if cell is None else str(cell))
                for cell in row
            )
        )
    return t


def say(message: str) -> None:
    """A status line for people, on stderr so stdout stays clean for pipes."""
    stderr().print(inert(message))
