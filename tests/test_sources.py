"""Sources as an analyst keeps them: listed with counts, renamed, two spellings merged (reports and exports follow)
and unmerged again, and a warning when a new name is close to an existing one. Both databases, through the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ledger.db import Database


def _ok(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout) if result.stdout.lstrip().startswith(("[", "{")) else result


def _article(cli: Any, tmp_path: Path, name: str, text: str, outlet: str, author: str) -> str:
    path = tmp_path / f"{name}.txt"
    path.write_text(text)
    result = cli(
        [
            "articles",
            "add",
            str(path),
            "--title",
            name,
            "--outlet",
            outlet,
            "--author",
            author,
            "--published",
            "2025-03-01",
            "--json",
        ]
    )
    data = _ok(result)
    return str(data["id"])


def _two_spellings(cli: Any, tmp_path: Path) -> dict[str, Any]:
    q = _ok(
        cli(
            [
                "questions",
                "add",
                "Will the front line freeze by 2030-12-31?",
                "--criteria",
                "A ceasefire holds.",
                "--resolve-by",
                "2030-12-31",
                "--key",
                "freeze",
                "--json",
            ]
        )
    )
    a1 = _article(
        cli,
        tmp_path,
        "First",
        "The war will almost certainly go on.",
        "Espreso Global",
        "Ian Garner",
    )
    _ok(
        cli(
            [
                "claims",
                "add",
                "--question",
                "freeze",
                "--article",
                a1,
                "--quote",
                "The war will almost certainly go on.",
                "--probability",
                "0.1",
            ]
        )
    )
    path = tmp_path / "second.txt"
    path.write_text("A freeze is unlikely this year.")
    second = cli(
        [
            "articles",
            "add",
            str(path),
            "--title",
            "Second",
            "--outlet",
            "Espreso. Global",
            "--author",
            "I. Garner",
            "--published",
            "2025-04-01",
        ]
    )
    assert second.exit_code == 0, second.stderr
    a2 = second.stdout.strip()
    claim = cli(
        [
            "claims",
            "add",
            "--question",
            "freeze",
            "--article",
            a2,
            "--quote",
            "A freeze is unlikely this year.",
            "--probability",
            "0.2",
        ]
    )
    assert claim.exit_code == 0, claim.stderr
    return {"question": q, "a1": a1, "a2": a2, "second_stderr": second.stderr}


def test_close_names_warn_and_say_which_source(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    made = _two_spellings(cli, tmp_path)
    warned = made["second_stderr"]
    assert "new author 'I. Garner' is close to the existing author 'Ian Garner'" in warned
    assert "new outlet 'Espreso. Global' is close to the existing outlet 'Espreso Global'" in warned
    # A name already in the ledger is not new: no warning the second time.
    again = cli(
        [
            "claims",
            "add",
            "--question",
            "freeze",
            "--quote",
            "Another line.",
            "--probability",
            "0.3",
            "--author",
            "I. Garner",
        ]
    )
    assert again.exit_code == 0 and "warning" not in again.stderr
    fresh = cli(
        [
            "claims",
            "add",
            "--question",
            "freeze",
            "--quote",
            "A third line.",
            "--probability",
            "0.3",
            "--author",
            "Anne Applebaum",
        ]
    )
    assert fresh.exit_code == 0 and "warning" not in fresh.stderr


def test_sources_list_counts_and_searches_without_case_or_accents(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _two_spellings(cli, tmp_path)
    rows = _ok(cli(["sources", "list", "--json"]))
    by_name = {(r["kind"], r["name"]): r for r in rows}
    assert by_name[("author", "Ian Garner")]["n_claims"] == 1
    assert by_name[("author", "I. Garner")]["n_articles"] == 1
    assert by_name[("outlet", "Espreso Global")]["n_claims"] == 1
    found = _ok(cli(["sources", "list", "--search", "GARNÉR", "--json"]))
    assert sorted(r["name"] for r in found) == ["I. Garner", "Ian Garner"]
    table = cli(["sources", "list", "--kind", "outlet"])
    assert (
        table.exit_code == 0 and "Espreso. Global" in table.stdout and "Garner" not in table.stdout
    )


def _report_names(cli: Any, by: str = "author") -> dict[str, int]:
    rows = _ok(cli(["report", "sources", "--by", by, "--json"]))
    return {r["source"]: r["n_claims"] for r in rows}


def test_merge_moves_everything_and_unmerge_brings_it_back(
    cli, tmp_path: Path, database: Database
) -> None:  # type: ignore[no-untyped-def]
    _two_spellings(cli, tmp_path)
    before = _report_names(cli)
    assert before["Ian Garner"] == 1 and before["I. Garner"] == 1

    no_reason = cli(["sources", "merge", "Ian Garner", "I. Garner"])
    assert no_reason.exit_code == 1 and no_reason.stderr.startswith("Error: give --reason")
    kinds = cli(["sources", "merge", "Ian Garner", "Espreso Global", "--reason", "x"])
    assert kinds.exit_code == 1 and "only sources of one kind merge" in kinds.stderr

    merged = _ok(
        cli(["sources", "merge", "Ian Garner", "I. Garner", "--reason", "same person", "--json"])
    )
    assert merged["claims"] == 1 and merged["article_authors"] == 1
    _ok(cli(["sources", "merge", "Espreso Global", "Espreso. Global", "--reason", "same outlet"]))
    after = _report_names(cli)
    assert after["Ian Garner"] == 2 and "I. Garner" not in after
    assert _report_names(cli, "outlet")["Espreso Global"] == 2
    exported = cli(["export", "--format", "csv"])
    assert exported.exit_code == 0
    authors = {row["author"] for row in csv.DictReader(io.StringIO(exported.stdout))}
    assert "I. Garner" not in authors and "Ian Garner" in authors
    claims = _ok(cli(["claims", "list", "--source", "Ian Garner", "--json"]))
    assert len(claims) == 2
    assert _ok(cli(["verify"])).stdout.startswith("ok:")

    unmerged = _ok(
        cli(["sources", "unmerge", "I. Garner", "--reason", "two people after all", "--json"])
    )
    assert unmerged["claims"] == 1 and unmerged["merged"]["name"] == "I. Garner"
    assert _report_names(cli) == before
    assert len(_ok(cli(["claims", "list", "--source", "I. Garner", "--json"]))) == 1
    articles = _ok(cli(["articles", "list", "--source", "I. Garner", "--json"]))
    assert [a["title"] for a in articles] == ["Second"]
    again = cli(["sources", "unmerge", "I. Garner", "--reason", "twice"])
    assert again.exit_code == 1 and "no merge removed" in again.stderr
    assert _ok(cli(["verify"])).stdout.startswith("ok:")


def test_rename_keeps_history_and_refuses_a_taken_name(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _two_spellings(cli, tmp_path)
    taken = cli(["sources", "rename", "Espreso. Global", "Espreso Global", "--reason", "typo"])
    assert taken.exit_code == 1 and "sources merge" in taken.stderr
    renamed = _ok(
        cli(["sources", "rename", "I. Garner", "Ivan Garner", "--reason", "byline", "--json"])
    )
    assert renamed["old"] == "I. Garner" and renamed["new"] == "Ivan Garner"
    assert "Ivan Garner" in _report_names(cli)
    assert _ok(cli(["verify"])).stdout.startswith("ok:")
