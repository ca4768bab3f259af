"""Country lookup for per-100,000 rates: the word scan finds what a whole-word regex finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from numcheck.population import country_names, find_country, lookup_population


def _regex_find_country(text: str) -> str | None:
    """The straightforward version: one case-insensitive alternation of all names, longest first."""
    names = country_names()
    rx = re.compile(r"\b(" + "|".join(re.escape(a) for a in sorted(names, key=len, reverse=True)) + r")\b", re.I)
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in rx.finditer(text):
        name = names[m.group(1).lower()]
        counts[name] = counts.get(name, 0) + 1
        first.setdefault(name, m.start())
    return max(counts, key=lambda n: (counts[n], -first[n])) if counts else None


PIECES = ["Azerbaijan", "azerbaijan's", "Republic of Azerbaijan", "Niger", "Nigeria", "Nigerian", "Guinea",
          "Guinea-Bissau", "Papua New Guinea", "United States", "the United Kingdom", "Georgia", "Turkiye",
          "police", "fell by 9.4%", "in 2024", ",", ".", "(", ")", " ", "-", "3", "Mali", "Romania", "Oman"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map(" ".join))
def test_word_scan_agrees_with_the_regex(text):
    assert find_country(text) == _regex_find_country(text)


def test_longest_name_wins_and_counts_decide():
    assert find_country("Police of Papua New Guinea said") == "Papua New Guinea"
    assert find_country("Nigeria and Niger; Niger again") == "Niger"
    assert find_country("Romania") == "Romania"  # "Oman" inside a word does not count
    assert find_country("no country here") is None


def test_lookup_gives_an_interval_around_mid_year():
    est = lookup_population("Ministry of Internal Affairs of Azerbaijan", 2023)
    assert est is not None and est.country == "Azerbaijan"
    assert est.interval.lo <= est.interval.hi
    assert "2023" in est.description
    assert lookup_population("Azerbaijan", 1800) is None


def test_territories_the_table_lists_on_their_own_are_found():
    from numcheck.population import find_country

    assert find_country("Recorded crime in Hong Kong fell, police in Hong Kong said.") == "Hong Kong SAR, China"
    assert find_country("Deaths in Puerto Rico rose by 4%.") == "Puerto Rico (US)"
    assert find_country("Exports from Laos grew.") == "Lao PDR"
