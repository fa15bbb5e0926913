"""The one error hierarchy: what a user did wrong (exit 1, one clear line) versus our own bugs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class LedgerError(Exception):
    """A problem the user can fix. The CLI prints `Error: <message>` and exits 1, never a traceback."""

    exit_code = 1


class UserInputError(LedgerError):
    """Bad option values, unparseable probabilities, malformed dates, ..."""


class NotFound(LedgerError):
    """An id, key or name that matches nothing."""


class Ambiguous(LedgerError):
    """A short id that matches several rows."""


class Conflict(LedgerError):
    """Someone else changed the row first (two analysts resolving at once, say)."""


class DatabaseError(LedgerError):
    """The database is unreachable, locked for too long, or at a schema revision we do not know."""


@dataclass(frozen=True)
class Problem:
    """One error found in an input file, printed as `path:line: message`."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class InputFileErrors(LedgerError):
    """Every problem found in an input file, reported together; nothing was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} found; nothing was written.")

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]
