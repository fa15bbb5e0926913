"""`questions watch ID`: the watch terms shown (proposed or stored), set from a file or stdin, edited in $EDITOR,
reset; every change one ledger entry, bad text an `Error: line N` with nothing written; and the matcher using
edited terms on the next poll."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest
from sqlmodel import select

from claims.register import add_question
from feeds.matching.editing import parse_terms
from feeds.matching.terms import Watch, format_watch, propose_watch
from feeds.registry import add_feed
from ledger.db import Database
from ledger.errors import UserInputError
from ledger.events import verify
from ledger.models import LedgerEntry, Question
from tests.test_scheduler import FeedServer

TEXT = "Will Russia agree to a ceasefire in Ukraine by 2099?"
CUSTOM = textwrap.dedent(
    """\
    # hand-tuned
    all: ceasefire | truce | armistice
    all: Russia | Kremlin | Moscow
    boost: energy
    phrase: peace talks
    exclude: Gaza
    """
)


@pytest.fixture
def question(database: Database) -> Question:
    with database.write_session() as s:
        return add_question(s, text=TEXT, key="ceasefire-2099", actor="alice")


def _watch_entries(database: Database) -> list[LedgerEntry]:
    with database.session() as s:
        stmt = select(LedgerEntry).where(LedgerEntry.action == "question.watch_changed")
        return list(s.exec(stmt))


def _stored(database: Database, question_id: str) -> object:
    with database.session() as s:
        row = s.get(Question, question_id)
        assert row is not None
        return row.watch


def test_show_proposed_terms(database: Database, question: Question, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["questions", "watch", "ceasefire-2099", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    proposed = propose_watch(TEXT)
    assert data["source"] == "proposed" and data["problem"] is None
    assert data["watch"] == proposed.to_dict()
    assert data["text"] == format_watch(proposed)
    assert data["question"] == {
        "id": question.id,
        "key": "ceasefire-2099",
        "text": TEXT,
        "status": "open",
    }
    table = cli(["questions", "watch", question.id[:6]])
    assert table.exit_code == 0
    assert "terms: proposed from the question" in table.stdout
    assert "ceasefire | truce" in table.stdout and "event" in table.stdout


def test_set_file_then_reset(database: Database, question: Question, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "watch.txt"
    path.write_text(CUSTOM, encoding="utf-8")
    done = cli(["questions", "watch", "ceasefire-2099", "--set-file", str(path), "--json"])
    assert done.exit_code == 0, done.stderr
    assert "question ceasefire-2099 has new stored watch terms." in done.stderr
    data = json.loads(done.stdout)
    assert data["source"] == "stored"
    assert data["watch"]["groups"] == [
        ["ceasefire", "truce", "armistice"],
        ["Russia", "Kremlin", "Moscow"],
    ]
    assert data["watch"]["phrases"] == ["peace talks"] and data["watch"]["exclude"] == ["Gaza"]
    assert _stored(database, question.id) == data["watch"]

    same = cli(["questions", "watch", "ceasefire-2099", "--set-file", str(path)])
    assert same.exit_code == 0 and "already has these terms; nothing written." in same.stderr
    assert "terms: stored" in same.stdout
    assert len(_watch_entries(database)) == 1

    reset = cli(["questions", "watch", "ceasefire-2099", "--reset", "--json"])
    assert reset.exit_code == 0 and "now uses the proposed terms" in reset.stderr
    assert json.loads(reset.stdout)["source"] == "proposed"
    assert _stored(database, question.id) is None
    again = cli(["questions", "watch", "ceasefire-2099", "--reset"])
    assert "already uses the proposed terms; nothing written." in again.stderr

    entries = _watch_entries(database)
    assert [json.loads(e.payload)["data"] for e in entries] == [{"reset": False}, {"reset": True}]
    assert {e.subject for e in entries} == {f"question:{question.id}"}
    assert {e.actor for e in entries} == {"tester"}
    with database.session() as s:
        assert verify(s).ok


def test_set_file_from_stdin(database: Database, question: Question, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(["questions", "watch", "ceasefire-2099", "--set-file", "-"], input="all: truce\n")
    assert result.exit_code == 0, result.stderr
    assert _stored(database, question.id) == Watch(groups=[["truce"]]).to_dict()


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("all: truce\nall: Russia |\n", "Error: line 2: empty term"),
        ("all: truce\nwatch: Russia\n", "Error: line 2: expected 'subject:'"),
        ("# c\nall: truce | Gaza\nexclude: gaza\n", "Error: line 3: 'gaza' is also required"),
        ("all: truce\nboost: " + "x" * 90 + "\n", "Error: line 2: term 'xxxxxxxx"),
        ("boost: truce\n", "Error: no 'subject:', 'name:', 'event:' or 'all:' line"),
    ],
    ids=["stray-bar", "unknown-section", "exclude-required", "long-term", "no-group"],
)
def test_bad_text_writes_nothing(
    database: Database, question: Question, cli, tmp_path: Path, text: str, error: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "watch.txt"
    path.write_text(text, encoding="utf-8")
    result = cli(["questions", "watch", "ceasefire-2099", "--set-file", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(error), result.stderr
    assert result.stderr.rstrip().endswith(f"(in {path}); nothing was written.")
    assert "Traceback" not in result.stderr
    assert _stored(database, question.id) is None and _watch_entries(database) == []


def test_usage_errors(database: Database, question: Question, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    both = cli(["questions", "watch", "ceasefire-2099", "--edit", "--reset"])
    assert both.exit_code == 1
    assert both.stderr.startswith("Error: give exactly one of --set-file FILE, --edit or --reset.")
    missing = cli(["questions", "watch", "ceasefire-2099", "--set-file", str(tmp_path / "nope")])
    assert (
        missing.exit_code == 1
        and missing.stderr.startswith("Error: ")
        and "no such file" in missing.stderr
    )
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"all: \xff\xfe\n")
    notutf8 = cli(["questions", "watch", "ceasefire-2099", "--set-file", str(binary)])
    assert notutf8.exit_code == 1 and "not UTF-8 text" in notutf8.stderr
    unknown = cli(["questions", "watch", "no-such-question"])
    assert unknown.exit_code == 1 and unknown.stderr.startswith("Error: no question")


# --- $EDITOR --------------------------------------------------------------------------------------------------


def _editor(tmp_path: Path, body: str) -> str:
    """An 'editor' program: a Python script acting on the file it is given, as $EDITOR runs it."""
    script = tmp_path / "editor.py"
    script.write_text(body, encoding="utf-8")
    return f"{sys.executable} {script}"


def test_edit_replaces_the_terms(
    database: Database, question: Question, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    seen = tmp_path / "seen.txt"
    editor = _editor(
        tmp_path,
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"pathlib.Path({str(seen)!r}).write_text(p.read_text())\n"
        "text = p.read_text().replace('event: ceasefire', 'event: ceasefire | cessation of fighting')\n"
        "p.write_text(text + 'exclude: Sahel\\n')\n",
    )
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    result = cli(["questions", "watch", "ceasefire-2099", "--edit", "--json"])
    assert result.exit_code == 0, result.stderr
    shown = seen.read_text()
    assert shown.startswith("# Watch terms for question ceasefire-2099:")
    assert f"#   {TEXT}" in shown and shown.endswith(format_watch(propose_watch(TEXT)))
    stored = _stored(database, question.id)
    assert isinstance(stored, dict)
    assert stored["events"][0][:2] == ["ceasefire", "cessation of fighting"]
    assert stored["exclude"][-1] == "Sahel"
    assert json.loads(result.stdout)["source"] == "stored"
    assert len(_watch_entries(database)) == 1


def test_edit_without_changes_writes_nothing(
    database: Database, question: Question, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("VISUAL", _editor(tmp_path, "pass\n"))
    result = cli(["questions", "watch", "ceasefire-2099", "--edit"])
    assert result.exit_code == 0 and "unchanged" in result.stderr
    assert _stored(database, question.id) is None and _watch_entries(database) == []


def test_edit_emptied_cancels(
    database: Database, question: Question, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    editor = "import sys, pathlib\npathlib.Path(sys.argv[1]).write_text('# nothing\\n')\n"
    monkeypatch.setenv("VISUAL", _editor(tmp_path, editor))
    result = cli(["questions", "watch", "ceasefire-2099", "--edit"])
    assert (
        result.exit_code == 0
        and "no terms left: question ceasefire-2099 unchanged." in result.stderr
    )
    assert _watch_entries(database) == []


def test_edit_with_a_mistake_names_the_line_of_the_edited_file(
    database: Database, question: Question, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    editor = "import sys, pathlib\np = pathlib.Path(sys.argv[1])\np.write_text(p.read_text() + 'boost: |\\n')\n"
    monkeypatch.setenv("VISUAL", _editor(tmp_path, editor))
    result = cli(["questions", "watch", "ceasefire-2099", "--edit"])
    header = 6  # comment lines above the terms
    line = header + len(format_watch(propose_watch(TEXT)).splitlines()) + 1
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: line {line}: empty term"), result.stderr
    assert "(in the edited text); nothing was written." in result.stderr
    assert _watch_entries(database) == []


def test_editor_failing_writes_nothing(
    database: Database, question: Question, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("VISUAL", _editor(tmp_path, "raise SystemExit(3)\n"))
    result = cli(["questions", "watch", "ceasefire-2099", "--edit"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the editor exited with status 3; nothing was written.")
    monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
    missing = cli(["questions", "watch", "ceasefire-2099", "--edit"])
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: cannot start the editor")
    assert _watch_entries(database) == []


def test_edit_refused_when_someone_else_changed_the_terms_meanwhile(
    database: Database, question: Question, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    # While our editor is open, another analyst stores terms with the installed command.
    from tests.conftest import installed_cli

    theirs = tmp_path / "theirs.txt"
    theirs.write_text("all: armistice\n", encoding="utf-8")
    editor = (
        "import subprocess, sys, pathlib\n"
        f"subprocess.run([{installed_cli()!r}, '--as', 'bob', 'questions', 'watch', 'ceasefire-2099',"
        f" '--set-file', {str(theirs)!r}], check=True)\n"
        "p = pathlib.Path(sys.argv[1])\np.write_text('all: truce\\n')\n"
    )
    monkeypatch.setenv("VISUAL", _editor(tmp_path, editor))
    result = cli(["questions", "watch", "ceasefire-2099", "--edit"])
    assert result.exit_code == 1
    assert "changed while you were editing them; nothing was written" in result.stderr
    assert _stored(database, question.id) == Watch(groups=[["armistice"]]).to_dict()
    assert [e.actor for e in _watch_entries(database)] == ["bob"]


# --- the matcher uses what was stored -------------------------------------------------------------------------


def test_poll_matches_with_the_edited_terms(database: Database, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = FeedServer()  # its feed has a ceasefire story and a snowstorm story
    try:
        with database.write_session() as s:
            add_question(
                s, text="Will airports in Scandinavia close for a week?", key="snow", actor="a"
            )
        with database.write_session() as s:
            add_feed(s, url=server.url, actor="a")
        path = tmp_path / "snow.txt"
        path.write_text("all: snow | blizzard\nall: airport\n", encoding="utf-8")
        assert cli(["questions", "watch", "snow", "--set-file", str(path)]).exit_code == 0
        polled = cli(["feeds", "poll", "--all"])
        assert polled.exit_code == 0, polled.stderr
    finally:
        server.close()
    flags = json.loads(cli(["flags", "list", "--question", "snow", "--json"]).stdout)
    assert [f["item"]["title"] for f in flags] == ["Heavy snow closes airports in Scandinavia"]
    assert set(flags[0]["matched_terms"]) >= {"snow", "airport"}


def test_parse_terms_is_pure() -> None:
    assert parse_terms(CUSTOM).boost == ["energy"]
    with pytest.raises(UserInputError, match=r"^line 1: empty term"):
        parse_terms("all: |")
