"""Names of countries, which English always capitalises and which "the country" can stand for.

A gazetteer of general knowledge (the sovereign states by their usual short English names, and a
few common forms of them), not a list drawn from any article.
"""

from __future__ import annotations

import re

_COUNTRIES_TEXT = """
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahamas|
Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Botswana|Brazil|
Britain|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chile|China|Colombia|
Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czechia|Czech Republic|Denmark|Djibouti|Dominica|
Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|
Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|
Indonesia|Iran|Iraq|Ireland|Israel|Italy|Jamaica|Japan|Kazakhstan|Kenya|Kiribati|Kosovo|
Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|
Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|Moldova|Monaco|
Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|
Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|
Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Samoa|
San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|
South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|
Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Tunisia|Turkey|Türkiye|Turkmenistan|Tuvalu|Uganda|
Ukraine|United Arab Emirates|United Kingdom|United States|America|Uruguay|Uzbekistan|Vanuatu|
Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|UK|US|USA|UAE
"""
# Left out: names that are also a person's or a US state's ("Chad", "Jordan", "Georgia").
COUNTRIES = frozenset(n.strip() for n in _COUNTRIES_TEXT.replace("\n", "").split("|"))
_COUNTRY = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(sorted((re.escape(c) for c in COUNTRIES), key=len, reverse=True))
    + r")(?![\w-])"
)


# Names read with "the" before them: "the Netherlands", "the US".
_WITH_THE = re.compile(r"^(?:[A-Z]{2,3}|United .*|.*(?:s|Republic))$")


def with_article(country: str) -> str:
    """The country's name as running text writes it: "the Netherlands", "the UK", "China"."""
    return f"the {country}" if _WITH_THE.match(country) and country != "Laos" else country


def countries_named(text: str) -> list[str]:
    """The countries the text names, in order, each once (a country named inside a longer name,
    "the Bank of Japan", counts too: the text is about it)."""
    seen: list[str] = []
    for m in _COUNTRY.finditer(text):
        if m.group() not in seen:
            seen.append(m.group())
    return seen
