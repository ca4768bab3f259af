"""The precision rule: a literal table of edge cases, and properties checked with hypothesis."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numcheck.precision import INF, Hedge, Interval, admitted, describe_interval, find_hedge

CASES = [
    # value, resolution, exact, hedge, computed, admitted?
    ("94.4", "0.1", False, None, "94.45", True),  # rounds half-up to 94.5, but truncates to 94.4
    ("94.4", "0.1", False, None, "94.35", True),  # rounds half-up to 94.4
    ("94.4", "0.1", False, None, "94.3499", False),
    ("94.4", "0.1", False, None, "94.5", False),  # neither rounds nor truncates to 94.4
    ("99.9", "0.1", False, None, "99.95", True),
    ("100", "1", False, None, "99.5", True),
    ("100", "1", False, None, "99.49", False),
    ("327", "1", False, None, "327.86", True),  # truncation
    ("327", "1", False, None, "328", False),
    ("24300", "1", True, None, "24300", True),  # an exact count admits itself only
    ("24300", "1", True, None, "24301", False),
    ("1000000", "1000000", False, Hedge.above, "1000001", True),  # "over 1 million"
    ("1000000", "1000000", False, Hedge.above, "999999", False),
    ("1200", "1", True, Hedge.below, "1150", True),  # "nearly 1,200"
    ("1200", "1", True, Hedge.below, "1201", False),
    ("26", "1", False, Hedge.about, "27", True),  # "around 26 percent" admits 25 to 27
    ("26", "1", False, Hedge.about, "27.01", False),
    ("-9.0", "0.1", False, None, "-8.97", True),  # the rule applies to the magnitude
    ("-9.0", "0.1", False, None, "-9.11", False),
    ("4.94", "0.01", False, None, "44.94", False),  # a dropped digit is caught
]


@pytest.mark.parametrize("value,res,exact,hedge,computed,ok", CASES)
def test_precision_table(value, res, exact, hedge, computed, ok):
    iv = admitted(D(value), D(res), exact=exact, hedge=hedge)
    assert iv.contains(D(computed)) is ok, describe_interval(iv)


def test_describe_interval_words():
    assert describe_interval(admitted(D("94.4"), D("0.1"))) == "admits 94.35 to under 94.5"
    assert describe_interval(admitted(D("1000"), D("1"), exact=True, hedge=Hedge.above)) == "admits 1,000 to ∞"


@pytest.mark.parametrize(
    "text,phrase",
    [("nearly 1 million rounds", "nearly"), ("more than 1,000 arrests", "more than"), ("about 80.3%", "about"),
     ("in 2024, 327", None), ("rose over 5%", "over"), ("some 40 people", "some")],
)
def test_find_hedge(text, phrase):
    start = next(i for i, ch in enumerate(text) if ch.isdigit())
    found = find_hedge(text, start)
    assert (found[0] if found else None) == phrase


decimals = st.integers(min_value=0, max_value=3)
magnitudes = st.integers(min_value=0, max_value=10**7)


@given(magnitudes, decimals)
def test_stated_value_is_always_admitted(n, d):
    value = D(n).scaleb(-d)
    assert admitted(value, D(1).scaleb(-d)).contains(value)


@given(magnitudes, decimals, st.integers(min_value=0, max_value=10**4))
def test_rounding_half_up_is_admitted(n, d, frac):
    """Any x that rounds half-up to the printed value is admitted."""
    res = D(1).scaleb(-d)
    value = D(n).scaleb(-d)
    # x in [value - res/2, value + res/2)
    x = value - res / 2 + res * D(frac) / D(10**4 + 1)
    assert admitted(value, res).contains(x)


@given(magnitudes, decimals, st.integers(min_value=0, max_value=10**4))
def test_truncation_is_admitted(n, d, frac):
    """Any x that truncates to the printed value is admitted."""
    res = D(1).scaleb(-d)
    value = D(n).scaleb(-d)
    x = value + res * D(frac) / D(10**4 + 1)
    assert admitted(value, res).contains(x)


@given(magnitudes, decimals, st.integers(min_value=1, max_value=10**4))
def test_values_beyond_both_readings_are_refused(n, d, k):
    res = D(1).scaleb(-d)
    value = D(n).scaleb(-d)
    iv = admitted(value, res)
    assert not iv.contains(value + res + res * D(k) / 100)
    assert not iv.contains(value - res / 2 - res * D(k) / 10**5)


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_interval_division_brackets_the_point(a, b):
    num = Interval(D(a) - D("0.5"), D(a) + D("0.5"))
    den = Interval(D(b), D(b) + 1)
    q = num / den
    assert q.contains(D(a) / D(b)) or q.contains(D(a) / (D(b) + 1))
    assert q.lo <= q.hi and q.hi != INF
