"""Close source names, as pure logic: the pairs users hit are caught, different people are not."""

from __future__ import annotations

import pytest

from claims.names import close_names, fold, why_close


def test_fold_drops_case_accents_and_punctuation() -> None:
    assert fold("Espreso. Global") == "espreso global"
    assert fold("  Zoë  Ó'Brien ") == "zoe o brien"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("I. Garner", "Ian Garner"),
        ("Espreso. Global", "Espreso Global"),
        ("The NewYork Times", "The New York Times"),
        ("Jon Smith", "John Smith"),
        ("Zoe Brien", "Zoë Brien"),
        ("T. L. Friedman", "Thomas L. Friedman"),
    ],
)
def test_names_of_one_source_are_close(a: str, b: str) -> None:
    assert why_close(a, b) is not None
    assert why_close(b, a) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ian Garner", "Ian Bremmer"),
        ("J. Smith", "K. Smith"),
        ("Foreign Policy", "Foreign Affairs"),
        ("BBC", "CNN"),
        ("Anne Applebaum", "Ian Garner"),
    ],
)
def test_different_sources_are_not_close(a: str, b: str) -> None:
    assert why_close(a, b) is None


def test_close_names_lists_the_closest_first_and_never_the_name_itself() -> None:
    found = close_names("I. Garner", ["I. Garner", "Ian Garner", "Ian Bremmer", "Iain Garner"])
    # "Ian Garner" is nearer in spelling than "Iain Garner"; both share the surname and the initial.
    assert [name for name, _ in found] == ["Ian Garner", "Iain Garner"]
