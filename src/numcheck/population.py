"""Populations by country and year, from the bundled World Bank table (public domain).

Used for per-capita rates when neither the text, the input's `reference` nor `--population`
gives one. The World Bank figure for a year is a mid-year estimate; a rate for year Y is
judged against the populations at the start and the end of Y, taken as the means of the
estimates for Y-1 and Y, and for Y and Y+1.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from numcheck.precision import Interval

#: Other names the text may use for a country in the table.
ALIASES = {
    "United States": ["the United States", "the U.S.", "the US", "USA", "America"],
    "United Kingdom": ["the UK", "the U.K.", "Britain", "Great Britain"],
    "Russian Federation": ["Russia"],
    "Korea, Rep.": ["South Korea", "Republic of Korea"],
    "Iran, Islamic Rep.": ["Iran"],
    "Egypt, Arab Rep.": ["Egypt"],
    "Turkiye": ["Turkey", "Türkiye"],
    "Kyrgyz Republic": ["Kyrgyzstan"],
    "Slovak Republic": ["Slovakia"],
    "Viet Nam": ["Vietnam"],
    "Czechia": ["Czech Republic"],
    # territories and regions the table lists on their own: a rate of Hong Kong is Hong Kong's
    "Hong Kong SAR, China": ["Hong Kong"],
    "Macao SAR, China": ["Macao", "Macau"],
    "Puerto Rico (US)": ["Puerto Rico"],
    "West Bank and Gaza": ["Gaza", "the West Bank", "Palestine"],
    "Virgin Islands (U.S.)": ["U.S. Virgin Islands", "US Virgin Islands"],
    "Sint Maarten (Dutch part)": ["Sint Maarten"],
    "St. Martin (French part)": ["Saint Martin", "Saint-Martin"],
    "Bahamas, The": ["the Bahamas", "Bahamas"],
    "Gambia, The": ["the Gambia", "Gambia"],
    "Congo, Dem. Rep.": ["the Democratic Republic of the Congo", "DR Congo", "DRC"],
    "Congo, Rep.": ["the Republic of the Congo", "Congo-Brazzaville"],
    "Korea, Dem. People's Rep.": ["North Korea"],
    "Venezuela, RB": ["Venezuela"],
    "Yemen, Rep.": ["Yemen"],
    "Somalia, Fed. Rep.": ["Somalia"],
    "Micronesia, Fed. Sts.": ["Micronesia"],
    "Lao PDR": ["Laos"],
    "Syrian Arab Republic": ["Syria"],
    "Cote d'Ivoire": ["Côte d'Ivoire", "Ivory Coast"],
    "Cabo Verde": ["Cape Verde"],
    "Eswatini": ["Swaziland"],
    "Brunei Darussalam": ["Brunei"],
    "North Macedonia": ["Macedonia"],
    "St. Lucia": ["Saint Lucia"],
    "St. Kitts and Nevis": ["Saint Kitts and Nevis"],
    "St. Vincent and the Grenadines": ["Saint Vincent and the Grenadines"],
}


@dataclass(frozen=True)
class PopulationEstimate:
    """A population interval and the words that say where it came from."""

    country: str
    year: int
    interval: Interval
    description: str


@lru_cache(maxsize=1)
def load_table() -> dict[str, dict[int, int]]:
    """The bundled table as {country name: {year: population}}.

    >>> load_table()["Azerbaijan"][2024] > 10_000_000
    True
    """
    table: dict[str, dict[int, int]] = {}
    with resources.files("numcheck").joinpath("data/population.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            try:
                table.setdefault(row["Country Name"], {})[int(row["Year"])] = int(float(row["Value"]))
            except (KeyError, ValueError):
                continue
    return table


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Every name a country is found by, lowercased, to its table name.

    >>> country_names()["azerbaijan"]
    'Azerbaijan'
    """
    names: dict[str, str] = {}
    for name in load_table():
        if "," in name or "&" in name or len(name) < 4 or name.lower() in {"world", "chad"}:
            continue
        names[name.lower()] = name
    for name, aliases in ALIASES.items():
        for a in aliases:
            names[a.lower()] = name
    return names


@lru_cache(maxsize=1)
def _names_by_first_word() -> dict[str, list[str]]:
    """Lowercased names grouped by their first word, longest first."""
    groups: dict[str, list[str]] = {}
    for low in sorted(country_names(), key=len, reverse=True):
        first = _WORD.match(low)
        if first is not None:
            groups.setdefault(first.group(), []).append(low)
    return groups


_WORD = re.compile(r"[^\W\d_]+")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@lru_cache(maxsize=16)
def find_country(text: str) -> str | None:
    """The country the text names most often (ties: the first named). Cached: every rate of a
    long document asks it of the same text (a string keeps its hash, so a hit costs little).

    A name counts where it stands as whole words, in any case ("the republic of azerbaijan");
    where names overlap, the longest wins. The text is scanned word by word, so the cost grows
    with its length, not with the number of countries.

    >>> find_country("Crime in the Republic of Azerbaijan fell; Azerbaijan's police said.")
    'Azerbaijan'
    """
    names, groups = country_names(), _names_by_first_word()
    low = text.lower()
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    pos = 0
    for m in _WORD.finditer(low):
        cands = groups.get(m.group())
        start = m.start()
        if not cands or start < pos or (start > 0 and _is_word_char(low[start - 1])):
            continue
        for cand in cands:
            end = start + len(cand)
            if low.startswith(cand, start) and (end == len(low) or _is_word_char(low[end]) != _is_word_char(cand[-1])):
                name = names[cand]
                counts[name] = counts.get(name, 0) + 1
                first.setdefault(name, start)
                pos = end
                break
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -first[n]))


def lookup_population(text: str, year: int | None, *, source: object = None) -> PopulationEstimate | None:
    """The population of the country a text is about, for a year, with its source in words.

    >>> est = lookup_population("Police of Azerbaijan", 2023)
    >>> est.country, est.interval.lo < est.interval.hi
    ('Azerbaijan', True)
    """
    meta = ""
    if source is not None and not isinstance(source, str):
        meta = " ".join(str(getattr(source, k, "") or "") for k in ("publisher", "title"))
    country = find_country(text) or (find_country(meta) if meta else None)
    if country is None or year is None:
        return None
    series = load_table().get(country, {})
    if year not in series:
        return None
    mid = Decimal(series[year])
    start = (Decimal(series[year - 1]) + mid) / 2 if year - 1 in series else mid
    end = (mid + Decimal(series[year + 1])) / 2 if year + 1 in series else mid
    lo, hi = min(start, end, mid), max(start, end, mid)
    words = f"World Bank population of {country}, {year}: {series[year]:,} mid-year"
    if lo != hi:
        words += f", {int(lo):,} to {int(hi):,} over the year"
    return PopulationEstimate(country, year, Interval(lo, hi), words)
