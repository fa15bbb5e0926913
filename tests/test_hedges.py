"""Tests for the hedge table, hedge finding with polarity, and parse_probability."""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

import pytest

from claims.hedges import (
    HEDGES,
    ICD_203_BANDS,
    PROBLY_MEDIANS,
    find_hedges,
    lookup,
    parse_probability,
)

PROBLY = Path(__file__).parent / "data" / "probly.csv"


def test_probly_medians_match_the_survey_csv() -> None:
    with PROBLY.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    assert set(header) == set(PROBLY_MEDIANS)
    for i, column in enumerate(header):
        values = [float(r[i]) for r in data if r[i].strip()]
        assert PROBLY_MEDIANS[column] == pytest.approx(statistics.median(values) / 100)


def test_every_entry_is_inside_the_open_interval_and_its_band() -> None:
    for entry in HEDGES:
        assert 0 < entry.probability < 1, entry
        assert 0 < entry.low <= entry.high < 1, entry
        assert (entry.low, entry.high) in ICD_203_BANDS.values(), entry
        assert entry.source, entry


def test_probly_entries_cite_the_survey_and_the_icd_band() -> None:
    entry = lookup("unlikely")
    assert entry is not None
    assert entry.probability == 0.20
    assert (entry.low, entry.high) == (0.20, 0.45)
    assert "probly" in entry.source and "ICD 203" in entry.source


@pytest.mark.parametrize(
    ("sentence", "hedge", "probability", "direction"),
    [
        ("Russia is unlikely to negotiate in good faith.", "is unlikely to", 0.20, "denies"),
        ("Moscow will never negotiate peace.", "will never", 0.03, "denies"),
        ("Russia will almost certainly cite it.", "will almost certainly", 0.95, "affirms"),
        ("There will be no internal revolts.", "will", 0.10, "denies"),
        ("They will not speak out.", "will not", 0.10, "denies"),
        ("The rebels won't win.", "won't", 0.10, "denies"),
        ("Turnout will likely not exceed 60%.", "will likely", 0.30, "denies"),
        ("Prices probably won't fall.", "probably won't", 0.265, "denies"),
        ("The bank may cut rates.", "may", 0.50, "affirms"),
        ("The bank may not cut rates.", "may", 0.50, "denies"),
        ("Sanctions could pop the bubble.", "could", 0.45, "affirms"),
        ("Russia cannot shift to civilian production.", "cannot", 0.05, "denies"),
        ("It would not be a surprise if the party split.", "would not be a surprise if", 0.65,
         "affirms"),
        ("There is no scenario in which the Kremlin disengages.", "There is no scenario in which",
         0.03, "denies"),
        ("The chancellor is not going to raise taxes.", "is not going to", 0.10, "denies"),
        ("Voters aren't going to forgive him.", "aren't going to", 0.10, "denies"),
        ("He is emphatically not going to win.", "is emphatically not going to", 0.10, "denies"),
        ("She is clearly going to run again.", "is clearly going to", 0.90, "affirms"),
        ("The next downturn is on its way.", "is on its way", 0.80, "affirms"),
        # a hedge adverb is not swallowed by the copula: it keeps its own reading
        ("The bill is definitely going to pass.", "definitely", 0.97, "affirms"),
    ],
)  # fmt: skip
def test_find_hedges_reads_polarity(
    sentence: str, hedge: str, probability: float, direction: str
) -> None:
    found = find_hedges(sentence)
    assert found, sentence
    first = found[0]
    assert first.text == hedge
    assert sentence[first.start : first.end] == hedge
    assert first.probability == pytest.approx(probability)
    assert first.direction == direction


def test_longest_phrase_wins_and_matches_do_not_overlap() -> None:
    found = find_hedges("It is highly unlikely that the treaty will be ratified.")
    assert [h.text for h in found] == ["highly unlikely", "will"]
    assert found[0].probability == 0.05


def test_words_containing_a_modal_are_not_hedges() -> None:
    assert find_hedges("The goodwill of mayors mattered; willpower too.") == []


@pytest.mark.parametrize(
    ("text", "probability", "basis"),
    [
        ("0.7", 0.7, "stated"),
        (".7", 0.7, "stated"),
        ("70%", 0.7, "stated"),
        ("70 %", 0.7, "stated"),
        (" 2.5% ", 0.025, "stated"),
        ("Almost   Certainly", 0.95, "hedge"),
        ("is unlikely to", 0.20, "hedge"),
        ("are unlikely to", 0.20, "hedge"),
        ("probably won’t", 0.265, "hedge"),
    ],
)
def test_parse_probability_accepts(text: str, probability: float, basis: str) -> None:
    parsed = parse_probability(text)
    assert parsed.probability == pytest.approx(probability)
    assert parsed.basis == basis
    assert (parsed.hedge is None) == (basis == "stated")


def test_parse_probability_keeps_the_hedge_phrase() -> None:
    assert parse_probability("Almost   Certainly").hedge == "almost certainly"


@pytest.mark.parametrize(("text", "value"), [("0", 0.0), ("1", 1.0), ("0%", 0.0), ("100%", 1.0)])
def test_stated_certainties_are_kept_exactly(text: str, value: float) -> None:
    parsed = parse_probability(text)
    assert parsed.probability == value and parsed.basis == "stated"


def test_no_hedge_phrase_maps_to_a_certainty() -> None:
    from claims.hedges import HEDGES

    for entry in HEDGES:
        assert 0.0 < entry.probability < 1.0, entry.phrase
        # Negated ("will not") readings are 1 - p: inside (0, 1) too.
        assert 0.0 < 1.0 - entry.probability < 1.0, entry.phrase


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("101%", "101% (= 1.01)"),
        ("1.5", "outside 0 to 1"),
        ("-0.2", "outside 0 to 1"),
        ("banana", "cannot read 'banana'"),
        ("", "empty"),
        ("70%%", "cannot read"),
    ],
)
def test_parse_probability_refuses_with_a_clear_message(text: str, fragment: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_probability(text)
    message = str(err.value)
    assert fragment in message
    assert "70%" in message and "hedge phrase" in message  # says what is accepted


@pytest.mark.parametrize(
    ("text", "probability"),
    [
        ("roughly even", 0.5),
        ("toss-up", 0.5),
        ("a toss-up", 0.5),
        ("50-50", 0.5),
        ("a real possibility", 0.45),
        ("we expect", 0.75),
        ("don't expect", 0.25),
        ("bound to", 0.95),
        ("is doomed to", 0.95),
        ("we are certain", 0.95),
        ("inconceivable", 0.03),
        ("no chance", 0.03),
        ("is inevitable", 0.97),
        ("is destined to", 0.95),
        ("only a matter of time", 0.95),
        ("is on course to", 0.8),
        ("is on the brink of", 0.8),
        ("is about to", 0.8),
        ("a good chance", 0.68),
        ("chances are", 0.68),
        ("every chance", 0.88),
        ("the odds are against", 0.32),
        ("hard to imagine", 0.12),
        ("a real risk", 0.45),
        ("threatens to", 0.45),
        ("don't count on", 0.25),
        ("is not coming back", 0.1),
    ],
)
def test_the_new_readings_parse_with_their_documented_source(text: str, probability: float) -> None:
    parsed = parse_probability(text)
    assert parsed.probability == pytest.approx(probability) and parsed.basis == "hedge"
    entry = lookup(text)
    assert entry is not None and entry.source
    assert entry.low <= entry.probability <= entry.high


def test_a_number_in_scientific_notation_is_a_stated_probability() -> None:
    # YAML 1.2 and spreadsheets write small probabilities this way ("1e-06").
    assert parse_probability("1e-06").probability == pytest.approx(1e-6)
    assert parse_probability("2.5E-1").basis == "stated"
    with pytest.raises(ValueError, match="outside 0 to 1"):
        parse_probability("2e3")
