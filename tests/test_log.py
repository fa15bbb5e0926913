"""`log`: the ledger's changes newest first, filtered by question, source, actor, time and action, on both
databases through the CLI."""

from __future__ import annotations

import json
from typing import Any


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _setup(cli: Any) -> None:
    for key, text in (
        ("freeze", "Will the front freeze by 2026?"),
        ("talks", "Will talks start by 2026?"),
    ):
        assert (
            cli(
                [
                    "questions",
                    "add",
                    text,
                    "--criteria",
                    "c",
                    "--resolve-by",
                    "2026-12-31",
                    "--key",
                    key,
                ]
            ).exit_code
            == 0
        )
    added = cli(
        [
            "claims",
            "add",
            "--question",
            "freeze",
            "--quote",
            "It will not freeze.",
            "--probability",
            "0.1",
            "--author",
            "Ian Garner",
            "--json",
        ]
    )
    claim_id = _json(added)["id"]
    assert (
        cli(["claims", "amend", claim_id, "--probability", "0.2", "--reason", "misread"]).exit_code
        == 0
    )
    other = cli(
        [
            "--as",
            "bob",
            "claims",
            "add",
            "--question",
            "talks",
            "--quote",
            "Talks soon.",
            "--probability",
            "0.7",
            "--author",
            "Anne Applebaum",
        ]
    )
    assert other.exit_code == 0, other.stderr


def test_log_lists_newest_first_with_keys(cli) -> None:  # type: ignore[no-untyped-def]
    _setup(cli)
    rows = _json(cli(["log", "--json"]))
    assert [r["seq"] for r in rows] == sorted((r["seq"] for r in rows), reverse=True)
    assert [r["action"] for r in rows] == [
        "claim.registered",
        "claim.amended",
        "claim.registered",
        "question.added",
        "question.added",
    ]
    assert rows[-1]["key"] == "freeze" and rows[-1]["actor"] == "tester"
    text = cli(["log"])
    assert text.exit_code == 0 and "question " in text.stdout and "(freeze)" in text.stdout
    assert "misread" in text.stdout  # an amendment's reason is part of what it touched
    assert len(_json(cli(["log", "-n", "2", "--json"]))) == 2


def test_log_filters(cli) -> None:  # type: ignore[no-untyped-def]
    _setup(cli)

    def actions(*args: str) -> list[str]:
        return [r["action"] for r in _json(cli(["log", *args, "--json"]))]

    assert actions("--question", "freeze") == [
        "claim.amended",
        "claim.registered",
        "question.added",
    ]
    assert actions("--question", "talks") == ["claim.registered", "question.added"]
    assert actions("--source", "Ian Garner") == ["claim.registered"]
    assert actions("--actor", "bob") == ["claim.registered"]
    assert actions("--action", "claim") == ["claim.registered", "claim.amended", "claim.registered"]
    assert actions("--action", "claim.amended") == ["claim.amended"]
    assert actions("--since", "2000-01-01", "--actor", "tester", "--action", "question") == [
        "question.added",
        "question.added",
    ]
    assert actions("--since", "in 1 day") == []


def test_log_bad_filters_are_one_error_line(cli) -> None:  # type: ignore[no-untyped-def]
    _setup(cli)
    for args, words in (
        (["--limit", "-1"], "negative"),
        (["--question", "no-such-question"], "no question"),
        (["--since", "yesterday-ish"], "not a date"),
    ):
        result = cli(["log", *args])
        assert result.exit_code == 1 and result.stderr.startswith("Error: "), result
        assert words in result.stderr
