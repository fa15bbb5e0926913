"""--search on questions, claims and articles: case- and accent-insensitive word prefixes over text, criteria,
key, quote and title, kept in step with amendments; the same answers on SQLite (FTS5) and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.search import fold, terms


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_fold_and_terms() -> None:
    assert fold("Kraków's ZÜRICH-talks, 2026!") == "krakow s zurich talks 2026"
    assert terms("  Gdańsk  ceasefire ") == ["gdansk", "ceasefire"]
    from ledger.errors import UserInputError

    with pytest.raises(UserInputError):
        terms("— !! —")


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_text_folds_as_the_full_unicode_path_folds_it(text: str) -> None:
    import re
    import unicodedata

    slow = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    assert fold(text) == " ".join(re.sub(r"[^0-9a-z]+", " ", slow.casefold()).split())


def _setup(cli: Any, tmp_path: Path) -> None:
    for text, criteria, key in (
        (
            "Will the Kremlin sign a ceasefire in Kraków by 2026?",
            "Signed in Zürich.",
            "ru-ceasefire-2026",
        ),
        ("Will the EU raise tariffs on steel by 2026?", "A published regulation.", "eu-steel"),
    ):
        added = cli(
            [
                "questions",
                "add",
                text,
                "--criteria",
                criteria,
                "--resolve-by",
                "2026-12-31",
                "--key",
                key,
            ]
        )
        assert added.exit_code == 0, added.stderr
    path = tmp_path / "oped.txt"
    path.write_text("Moscow will never negotiate in Gdańsk. Tariffs will rise.")
    article = cli(
        [
            "articles",
            "add",
            str(path),
            "--title",
            "Why the Truce Will Fail: São Paulo edition",
            "--outlet",
            "Gazette",
            "--author",
            "Jane Pundit",
            "--published",
            "2025-03-01",
        ]
    )
    assert article.exit_code == 0, article.stderr
    for question, quote in (
        ("ru-ceasefire-2026", "Moscow will never negotiate in Gdańsk."),
        ("eu-steel", "Tariffs will rise."),
    ):
        claim = cli(
            [
                "claims",
                "add",
                "--question",
                question,
                "--article",
                article.stdout.strip(),
                "--quote",
                quote,
                "--probability",
                "0.2",
            ]
        )
        assert claim.exit_code == 0, claim.stderr


def _keys(cli: Any, *search: str) -> list[str]:
    return [q["key"] for q in _json(cli(["questions", "list", "--search", *search, "--json"]))]


def test_questions_search_text_criteria_and_key(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _setup(cli, tmp_path)
    assert _keys(cli, "KRAKOW") == ["ru-ceasefire-2026"]
    assert _keys(cli, "kraków") == ["ru-ceasefire-2026"]
    assert _keys(cli, "zurich") == ["ru-ceasefire-2026"]  # criteria
    assert _keys(cli, "ru-ceasefire") == ["ru-ceasefire-2026"]  # key
    assert _keys(cli, "krem") == ["ru-ceasefire-2026"]  # a word's start
    assert _keys(cli, "will 2026") == ["ru-ceasefire-2026", "eu-steel"]
    assert _keys(cli, "ceasefire steel") == []  # every word must match
    assert _keys(cli, "emlin") == []  # not the middle of a word
    bad = cli(["questions", "list", "--search", "?!"])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: --search")


def test_claims_and_articles_search(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _setup(cli, tmp_path)
    found = _json(cli(["claims", "list", "--search", "GDANSK", "--json"]))
    assert [c["quote"] for c in found] == ["Moscow will never negotiate in Gdańsk."]
    by_question = _json(cli(["claims", "list", "--search", "steel", "--json"]))
    assert [c["question_key"] for c in by_question] == ["eu-steel"]
    articles = _json(cli(["articles", "list", "--search", "sao paulo", "--json"]))
    assert [a["title"] for a in articles] == ["Why the Truce Will Fail: São Paulo edition"]
    assert (
        _json(cli(["articles", "list", "--search", "gdansk", "--json"])) == []
    )  # titles, not texts


def test_search_follows_amendments(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _setup(cli, tmp_path)
    assert _keys(cli, "regulation") == ["eu-steel"]
    amended = cli(
        [
            "questions",
            "amend",
            "eu-steel",
            "--criteria",
            "An EU decision in the Official Journal.",
            "--reason",
            "clearer",
        ]
    )
    assert amended.exit_code == 0, amended.stderr
    assert _keys(cli, "official journal") == ["eu-steel"]
    assert _keys(cli, "regulation") == []  # the old wording is no longer found
