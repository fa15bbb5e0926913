"""Capitals in a drafted question's subject taken from a title-case headline: the article's running
text decides, pair by pair (claims/drafting.py headline_cased). Pure: no database."""

from __future__ import annotations

from claims.drafting import headline_cased

EV_ARTICLE = (
    "Batteries And Heat Pumps Will Transform Home Energy\n\n"
    "Installers report record orders. Even so, Batteries and Heat Pumps are making slow headway in "
    "older homes, and heat pumps still cost more up front than gas boilers do.\n"
)

FED_ARTICLE = (
    "Federal Reserve Will Cut Rates Twice\n\n"
    "The Federal Reserve meets next week. Markets expect a cut, and federal spending is also "
    "rising, which complicates matters for the bank.\n"
)

MORTGAGE_ARTICLE = (
    "Mortgage Rates Will Ease By Spring\n\n"
    "Lenders have been slow to pass on cuts. Brokers say mortgage rates tend to follow the "
    "swap market with a lag of several weeks.\n"
)


def test_a_pair_the_body_writes_in_lower_case_loses_its_headline_capitals() -> None:
    # the body capitalises "Heat Pumps" once mid-sentence but also writes "heat pumps": common noun
    assert headline_cased("Batteries And Heat Pumps", EV_ARTICLE).endswith("heat pumps")
    assert headline_cased("Mortgage Rates", MORTGAGE_ARTICLE) == "mortgage rates"


def test_a_pair_the_body_writes_only_capitalised_keeps_its_capitals() -> None:
    # "federal" is lower case in the body, but "Federal Reserve" only ever capitalised: a name
    assert headline_cased("Federal Reserve", FED_ARTICLE) == "Federal Reserve"
