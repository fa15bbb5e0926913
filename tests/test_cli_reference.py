"""docs/cli.md is generated from --help; this fails when a command or option changed without regenerating it,
and checks that every command and option carries help text with an example."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer.main

import cli

ROOT = Path(__file__).resolve().parent.parent


def test_cli_reference_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "gen_cli_reference.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def _leaves(command: object, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    subs = getattr(command, "commands", None)
    if not subs:
        return [(path, command)]
    out = []
    for name, sub in subs.items():
        out += _leaves(sub, (*path, name))
    return out


def test_every_command_and_option_has_help_with_an_example() -> None:
    root = typer.main.get_command(cli.app)
    missing = []
    for path, command in _leaves(root):
        doc = getattr(command, "help", None) or ""
        if "e.g." not in doc:
            missing.append(f"{' '.join(path)}: no example in its help")
        for param in getattr(command, "params", []):
            if getattr(param, "param_type_name", "") == "option" and not getattr(
                param, "help", None
            ):
                missing.append(f"{' '.join(path)} {param.opts[0]}: no help text")
            if getattr(param, "param_type_name", "") == "argument" and not getattr(
                param, "help", None
            ):
                missing.append(f"{' '.join(path)} {param.name}: no help text")
    assert not missing, "\n".join(missing)


READ_COMMANDS = (
    "list",
    "show",
    "current",
    "due",
    "sources",
    "source",
    "calibration",
    "watch",
    "verify",
)


def test_every_list_show_and_report_command_has_json() -> None:
    root = typer.main.get_command(cli.app)
    missing = []
    for path, command in _leaves(root):
        if path[-1] in READ_COMMANDS and path != ("watch",):
            opts = {o for p in getattr(command, "params", []) for o in getattr(p, "opts", [])}
            if "--json" not in opts:
                missing.append(" ".join(path))
    assert not missing, missing
