"""A question's watch terms as the analyst sees and edits them: shown (stored or proposed), set from text, reset,
each change one "question.watch_changed" ledger entry."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from feeds.matching.index import question_watch as matcher_watch
from feeds.matching.learning import decided_items, learn
from feeds.matching.terms import Watch, format_watch, parse_watch_text
from ledger.errors import Conflict, UserInputError
from ledger.events import change
from ledger.lookup import get
from ledger.models import Question

if TYPE_CHECKING:
    from ledger.db import Database

ACTION = "question.watch_changed"
_NO_CHANGE = object()


@dataclass(frozen=True)
class WatchTerms:
    """The terms the matcher uses for a question: stored by an analyst, or proposed from its text. `problem`
    explains why stored terms were passed over (unreadable), if they were."""

    question_id: str
    question_key: str | None
    question_text: str
    question_status: str
    watch: Watch
    stored: bool
    stored_raw: dict[str, Any] | None
    problem: str | None = None
    # What reviews of the question's flags taught the matcher (feeds.matching.learning).
    learned: Learned | None = None

    @property
    def text(self) -> str:
        return format_watch(self.watch)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": {
                "id": self.question_id,
                "key": self.question_key,
                "text": self.question_text,
                "status": self.question_status,
            },
            "source": "stored" if self.stored else "proposed",
            "watch": self.watch.to_dict(),
            "text": self.text,
            "problem": self.problem,
            "learned": (self.learned or Learned()).to_json(),
        }

    def rows(self) -> list[tuple[str, str]]:
        """(section, terms) rows for a table, in the order of the text form."""
        return [(section, " | ".join(terms)) for section, terms in self.watch.lines()]


@dataclass(frozen=True)
class Learned:
    """What the reviews of a question's flags taught: how many items were dismissed and kept as evidence, the words
    that now raise and lower an item's score, and that a near copy of a reviewed item scores as it was judged."""

    dismissed: int = 0
    evidence: int = 0
    raises: tuple[str, ...] = ()
    lowers: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "dismissed": self.dismissed,
            "evidence": self.evidence,
            "raises": list(self.raises),
            "lowers": list(self.lowers),
        }

    def line(self) -> str:
        if not (self.dismissed or self.evidence):
            return (
                "learned: nothing yet (dismiss flags or keep them as evidence to teach the matcher)"
            )
        parts = [f"learned from {self.dismissed} dismissed and {self.evidence} evidence items"]
        if self.raises:
            parts.append(f"raises {', '.join(self.raises)}")
        if self.lowers:
            parts.append(f"lowers {', '.join(self.lowers)}")
        parts.append("near copies of reviewed items score as those were judged")
        return "; ".join(parts)


def learned_of(session: Session, question_id: str, watch: Watch) -> Learned:
    decided = decided_items(session, [question_id]).get(question_id, [])
    feedback = learn(watch, decided)
    return Learned(
        dismissed=sum(not d.evidence for d in decided),
        evidence=sum(d.evidence for d in decided),
        raises=tuple(feedback.raise_terms.values()),
        lowers=tuple(feedback.lower_terms.values()),
    )


def _terms(question: Question, session: Session | None = None) -> WatchTerms:
    # The matcher's own rule (stored terms, else the proposal; unreadable stored terms never stop matching),
    # so what the analyst is shown is what the matcher uses.
    watch, problem = matcher_watch(question.text, question.watch, question.criteria or "")
    return WatchTerms(
        question.id,
        question.key,
        question.text,
        question.status,
        watch,
        stored=bool(question.watch) and problem is None,
        stored_raw=question.watch,
        problem=problem,
        learned=learned_of(session, question.id, watch) if session is not None else None,
    )


def question_watch(session: Session, ref: str) -> WatchTerms:
    """The watch terms of the question `ref` (id, short id or key)."""
    return _terms(get(session, Question, ref), session)


# Section names of the text form -> the Watch field they fill.
_SECTIONS = {
    "subject": "subject",
    "name": "names",
    "names": "names",
    "event": "events",
    "events": "events",
    "context": "context",
    "all": "groups",
    "group": "groups",
    "require": "groups",
    "boost": "boost",
    "phrase": "phrases",
    "phrases": "phrases",
    "exclude": "exclude",
    "not": "exclude",
}
_LINE_FIELDS = ("names", "events", "context", "groups")
_PROBE = "zzprobe"


def _term_lines(text: str) -> list[tuple[int, str, list[str]]]:
    """(line number, section, terms) of each line that names a known section."""
    out = []
    for lineno, line in enumerate(text.splitlines(), 1):
        name, sep, rest = line.strip().partition(":")
        section = _SECTIONS.get(name.strip().casefold())
        if sep and section and not line.strip().startswith("#"):
            out.append((lineno, section, [t.strip() for t in rest.split("|")]))
    return out


def _locate(text: str, message: str) -> str:
    """Puts a line number on a Watch error that has none (the Watch checks terms after the lines are read)."""
    lines = _term_lines(text)
    for lineno, section, terms in lines:
        try:
            fields: dict[str, Any] = {"groups": [[_PROBE]]}
            fields[section] = [terms] if section in _LINE_FIELDS else terms
            Watch(**fields)
        except ValueError as exc:
            detail = str(exc).split(": ", 1)[1] if ": " in str(exc) else str(exc)
            return f"line {lineno}: {detail}"
    if message.startswith("exclude: "):
        # "exclude: 'X' is also required (...)": the exclude line naming X.
        quoted = message.split("'")[1] if message.count("'") >= 2 else ""
        for lineno, section, terms in lines:
            if section == "exclude" and quoted.casefold() in (t.casefold() for t in terms):
                return f"line {lineno}: {message.removeprefix('exclude: ')}"
    if message.startswith("a watch may have at most"):
        groups = [lineno for lineno, section, _ in lines if section in _LINE_FIELDS]
        limit = int(message.split("at most ")[1].split()[0])
        if len(groups) > limit:
            return f"line {groups[limit]}: {message}"
    return message


def parse_terms(text: str, *, origin: str | None = None) -> Watch:
    """The text form read back; a mistake becomes UserInputError "line N: ..." (the line where it can be
    placed) naming where the text came from."""
    try:
        return parse_watch_text(text)
    except ValueError as exc:
        message = str(exc)
        if not message.startswith("line "):
            message = _locate(text, message)
        where = f" (in {origin})" if origin else ""
        raise UserInputError(f"{message}{where}; nothing was written.") from None


def read_terms_file(path: str) -> Watch:
    """Watch terms from a file in the text form (`-` reads standard input)."""
    if path == "-":
        return parse_terms(sys.stdin.read(), origin="standard input")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserInputError(f"{path}: no such file.") from None
    except UnicodeDecodeError:
        raise UserInputError(f"{path}: not UTF-8 text.") from None
    except OSError as exc:
        raise UserInputError(f"{path}: cannot read it ({exc.strerror}).") from None
    return parse_terms(text, origin=path)


def set_question_watch(
    session: Session,
    ref: str,
    watch: Watch | None,
    *,
    actor: str,
    expected: Any = _NO_CHANGE,
) -> tuple[WatchTerms, bool]:
    """Stores `watch` as the question's terms, or with None goes back to the proposal. Returns the terms now in
    force and whether anything was written (storing what is already stored writes nothing). `expected` is the
    stored value the caller started from (e.g. before an editor session); if someone changed it meanwhile,
    Conflict and nothing written. Use a write session."""
    question = get(session, Question, ref)
    if session.get_bind().dialect.name == "postgresql":
        session.refresh(question, with_for_update=True)
    if expected is not _NO_CHANGE and question.watch != expected:
        raise Conflict(
            f"the watch terms of question {question.key or question.id[:8]} changed while you were "
            "editing them; nothing was written. Look at them again and redo the edit."
        )
    new = watch.to_dict() if watch is not None else None
    if question.watch == new:
        session.rollback()
        return _terms(question, session), False
    with change(
        session,
        ACTION,
        f"question:{question.id}",
        actor=actor,
        data={"reset": watch is None},
    ):
        question.watch = new
    return _terms(question, session), True


# --- the editor -------------------------------------------------------------------------------------------------

_HELP = """\
# Watch terms for question {label}:
#   {text}
# all:     terms of which at least one must appear; one line per group, every group must be met
# boost:   optional terms that raise the score      phrase:  words that must appear in this order
# exclude: terms that veto a match                  separate terms with ' | '
# Lines starting with '#' are ignored. Save and quit to apply; delete every term line to cancel.
"""


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else nano or vi if installed."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("nano", "vi"):
        found = shutil.which(fallback)
        if found:
            return [found]
    raise UserInputError("no editor: set $EDITOR (e.g. export EDITOR=nano) or use --set-file FILE.")


def edit_text(terms: WatchTerms) -> str | None:
    """Opens the editor on the text form with a commented header; returns the saved text, or None when the
    analyst left no term lines (cancelled)."""
    label = terms.question_key or terms.question_id[:8]
    first_line = " ".join(terms.question_text.split())
    body = _HELP.format(label=label, text=first_line) + terms.text
    with tempfile.TemporaryDirectory(prefix="forecast-ledger-") as tmp:
        path = Path(tmp) / f"watch-{label[:40]}.txt".replace(os.sep, "_")
        path.write_text(body, encoding="utf-8")
        command = [*editor_command(), str(path)]
        try:
            done = subprocess.run(command, check=False)
        except OSError as exc:
            raise UserInputError(
                f"cannot start the editor {command[0]!r}: {exc.strerror}; check $EDITOR."
            ) from None
        if done.returncode != 0:
            raise UserInputError(
                f"the editor exited with status {done.returncode}; nothing was written."
            )
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UserInputError("the edited text is not UTF-8; nothing was written.") from None
    meaningful = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    return text if meaningful else None


# --- what `questions watch` does --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WatchUpdate:
    terms: WatchTerms
    changed: bool
    message: str


def update_watch(
    database: Database,
    ref: str,
    *,
    actor: str,
    set_file: str | None = None,
    edit: bool = False,
    reset: bool = False,
) -> WatchUpdate:
    """One of: store terms read from a file (--set-file), edit the current terms in $EDITOR (--edit), or go back
    to the proposal (--reset). Text that does not parse writes nothing."""
    if sum((set_file is not None, edit, reset)) != 1:
        raise UserInputError("give exactly one of --set-file FILE, --edit or --reset.")
    with database.session() as s:
        before = question_watch(s, ref)
    label = before.question_key or before.question_id[:8]
    watch: Watch | None
    if reset:
        watch = None
    elif set_file is not None:
        watch = read_terms_file(set_file)
    else:
        text = edit_text(before)
        if text is None:
            return WatchUpdate(before, False, f"no terms left: question {label} unchanged.")
        watch = parse_terms(text, origin="the edited text")
        if watch == before.watch and before.problem is None:
            return WatchUpdate(before, False, f"watch terms of question {label} unchanged.")
    with database.write_session() as s:
        after, changed = set_question_watch(
            s, before.question_id, watch, actor=actor, expected=before.stored_raw
        )
    if not changed:
        what = "already uses the proposed terms" if watch is None else "already has these terms"
        return WatchUpdate(after, False, f"question {label} {what}; nothing written.")
    what = "now uses the proposed terms" if watch is None else "has new stored watch terms"
    return WatchUpdate(after, True, f"question {label} {what}.")
