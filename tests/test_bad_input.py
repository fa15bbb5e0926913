"""No traceback on any user input: the reported cases, read-only ledgers, and garbage in every argument and
option of every command, generated from the typer app so new commands are covered too."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

import cli as cli_module
from tests.conftest import run_installed

# What a user can type: empty, blanks, numbers out of range, far dates, other scripts, SQL, huge text, paths
# that cannot exist, a URL nothing answers (port 9 on this machine), format strings. No NUL byte: no shell can
# pass one in an argument.
GARBAGE = (
    "",
    "   ",
    "x",
    "-1",
    "0",
    "1e309",
    "nan",
    "9" * 30,
    "in 9000 years",
    "ü-ñ-🙂 Ωμέγα",
    "'; DROP TABLE question; --",
    "a" * 3000,
    "../../no/such/dir/file.txt",
    "http://127.0.0.1:9/nothing",
    "%(x)s {0} $HOME",
    "--",
)
PER_PARAM = 4  # garbage values tried per argument or option (rotating through GARBAGE)
SKIP = {
    # Runs the whole product for a minute on any value that parses; test_demo runs it. Its number options
    # still get garbage (below).
    ("demo",): "numbers-only",
}
EXTRA = {("watch",): ["--once"]}  # one tick, never the endless loop


# Typer vendors its own click, so groups, arguments and flags are told apart by what they carry.
def _commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))
        else:
            yield (*path, name), command


def _params(command: Any) -> list[Any]:
    return [
        p for p in command.params if p.name not in ("help",) and not getattr(p, "hidden", False)
    ]


def _is_argument(param: Any) -> bool:
    return bool(param.param_type_name == "argument")


def _is_number(param: Any) -> bool:
    return str(param.bare_type()) in ("int", "float")


def _filler(param: Any) -> list[str]:
    """A harmless value for a required argument while another parameter gets the garbage."""
    return ["x"] if _is_argument(param) else [param.opts[0], "x"]


def _with(param: Any, value: str) -> list[str]:
    if _is_argument(param):
        return [value]
    if getattr(param, "is_flag", False):
        return [param.opts[0]]
    return [param.opts[0], value]


def generated_cases() -> list[tuple[str, list[str]]]:
    root = get_command(cli_module.app)
    cases: list[tuple[str, list[str]]] = []
    counter = 0
    for path, command in _commands(root):
        params = _params(command)
        for param in params:
            if SKIP.get(path) == "numbers-only" and not _is_number(param):
                continue
            values = [GARBAGE[(counter + k * 3) % len(GARBAGE)] for k in range(PER_PARAM)]
            counter += 1
            for value in dict.fromkeys(values):
                if getattr(param, "is_flag", False) and value != values[0]:
                    continue
                args: list[str] = list(path)
                for other in params:
                    if other is param:
                        args += _with(param, value)
                    elif other.required:
                        args += _filler(other)
                args += EXTRA.get(path, [])
                cases.append((" ".join(path) + " " + (param.name or "?"), args))
    # The root options, on a command that reads and one that writes.
    for value in GARBAGE:
        cases.append(("--db", ["--db", value, "questions", "list"]))
        cases.append(
            (
                "--as",
                [
                    "--as",
                    value,
                    "questions",
                    "add",
                    "Will X?",
                    "--kind",
                    "factual",
                    "--criteria",
                    "c",
                ],
            )
        )
    return cases


def test_the_generator_covers_every_command() -> None:
    root = get_command(cli_module.app)
    commands = {" ".join(path) for path, _ in _commands(root)}
    covered = {name.rsplit(" ", 1)[0] for name, _ in generated_cases()}
    # Every command with a parameter gets garbage (demo only in its numbers).
    with_params = {" ".join(p) for p, c in _commands(root) if _params(c)}
    assert with_params <= covered | {"--db", "--as"}
    assert "questions add" in commands


def test_garbage_in_every_argument_and_option_never_gives_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    ledger = tmp_path / "ledger.db"
    monkeypatch.chdir(tmp_path)  # exports with --out garbage land here
    monkeypatch.setenv("FORECAST_LEDGER_DB", str(ledger))
    monkeypatch.setenv("FORECAST_LEDGER_ACTOR", "fuzzer")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("EDITOR", "false")  # questions watch --edit must not open an editor
    cases = generated_cases()
    assert 300 < len(cases) < 3000, len(cases)
    failures: list[str] = []
    started = time.monotonic()
    for name, args in cases:
        assert time.monotonic() - started < 600, "the garbage run took more than ten minutes"
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        capsys.readouterr()
        try:
            cli_module.main(args)
            code: Any = 0
        except SystemExit as exc:
            code = exc.code
        except BaseException as exc:
            failures.append(f"{name}: {args!r} raised {type(exc).__name__}: {exc}"[:400])
            continue
        _out, err = capsys.readouterr()
        if code not in (0, 1, None):
            failures.append(f"{name}: {args!r} exited {code}")
        elif code == 1 and not any(
            line.startswith(("Error:", "Aborted.")) for line in err.splitlines()
        ):
            failures.append(f"{name}: {args!r} exit 1 without an Error line: {err[-300:]!r}")
        elif "Traceback" in err:
            failures.append(f"{name}: {args!r} printed a traceback")
    assert not failures, f"{len(failures)} of {len(cases)} cases:\n" + "\n".join(failures[:40])


# --- the cases a tester reported ------------------------------------------------------------------------------


def _one_error_line(result: Any) -> str:
    assert result.exit_code == 1, result
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return str(lines[0])


def test_a_deadline_past_year_9999_is_one_error_line(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli(
        ["questions", "add", "Will X happen?", "--criteria", "c", "--resolve-by", "in 9000 years"]
    )
    assert "too far away" in _one_error_line(result)
    assert cli(["questions", "list", "--json"]).stdout.strip() == "[]"


def test_db_that_is_not_sqlite(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 50)
    before = bogus.read_bytes()
    line = _one_error_line(run_installed(["--db", str(bogus), "questions", "list"]))
    assert "file is not a database" in line
    assert bogus.read_bytes() == before


def test_db_in_a_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    line = _one_error_line(
        run_installed(["--db", str(blocker / "sub" / "ledger.db"), "questions", "list"])
    )
    assert "cannot create the folder" in line


def test_db_url_that_does_not_parse() -> None:
    line = _one_error_line(run_installed(["--db", "postgresql://[::1", "questions", "list"]))
    assert "neither a file path nor a database URL" in line


def test_an_empty_yaml_file_names_the_problem(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    result = cli(["import", str(empty)])
    assert result.exit_code == 1
    assert "the file is empty" in result.stderr
    assert "1 problem found; nothing was written" in result.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_read_only_ledger_is_read_and_verified_but_never_written(tmp_path: Path) -> None:
    ledger = tmp_path / "archive.db"
    env = {"FORECAST_LEDGER_DB": str(ledger)}
    added = run_installed(
        ["questions", "add", "Will the archive stay put?", "--kind", "factual", "--criteria", "c"],
        env=env,
    )
    assert added.exit_code == 0, added.stderr
    os.chmod(ledger, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    before = _digest(ledger)
    try:
        listed = run_installed(["questions", "list", "--json"], env=env)
        assert listed.exit_code == 0, listed.stderr
        assert "Will the archive stay put?" in listed.stdout
        verified = run_installed(["verify"], env=env)
        assert verified.exit_code == 0 and verified.stdout.startswith("ok: 1 ledger entries"), (
            verified
        )
        line = _one_error_line(
            run_installed(
                ["questions", "add", "Another?", "--kind", "factual", "--criteria", "c"], env=env
            )
        )
        assert "read-only" in line and "nothing was written" in line
        assert _digest(ledger) == before
    finally:
        os.chmod(ledger, stat.S_IRUSR | stat.S_IWUSR)
