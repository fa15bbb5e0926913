"""Writes docs/cli.md from the `--help` of every forecast-ledger command; `--check` fails when it is stale.

Run after changing a command: `.venv/bin/python docs/gen_cli_reference.py`.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

OUT = Path(__file__).parent / "cli.md"


def _help(argv: list[str]) -> str:
    import cli

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
        cli.main([*argv, "--help"])
    return buffer.getvalue().rstrip()


def _commands() -> list[list[str]]:
    import typer.main

    import cli

    root = typer.main.get_command(cli.app)
    paths: list[list[str]] = [[]]

    def walk(command: object, prefix: list[str]) -> None:
        for name in sorted(getattr(command, "commands", {})):
            sub = command.commands[name]  # type: ignore[attr-defined]
            if getattr(sub, "hidden", False):
                continue
            paths.append([*prefix, name])
            walk(sub, [*prefix, name])

    walk(root, [])
    return paths


def render() -> str:
    # A fixed width and no colour make the reference identical on every machine.
    os.environ.update({"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"})
    os.environ.pop("FORCE_COLOR", None)
    parts = [
        "# forecast-ledger command reference",
        "",
        "Generated from `--help` by `docs/gen_cli_reference.py`; a test fails when it is stale.",
        "",
    ]
    for path in _commands():
        title = " ".join(["forecast-ledger", *path])
        parts += [f"## `{title}`", "", "```text", _help(path), "```", ""]
    return "\n".join(parts)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            print(
                f"{OUT} is stale: run .venv/bin/python docs/gen_cli_reference.py", file=sys.stderr
            )
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
