"""The checker's arithmetic against an independent version written with fractions.Fraction.

The reference below does not share code with numcheck: it re-derives the precision rule
(round half-up or truncate at the printed decimals) and the share, rate and change formulas
from the gold format's text, on exact rationals.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from numcheck.checks.change import ChangeLink, Reading, check_change
from numcheck.checks.figure import make_figure
from numcheck.checks.rate import Population, check_rate
from numcheck.checks.share import check_share
from numcheck.precision import Interval
from numcheck.schema import Quantity


def ref_admits(stated: Fraction, decimals: int, x: Fraction) -> bool:
    """x rounds half-up to `stated` at `decimals`, or truncates to it (on magnitudes)."""
    step = Fraction(1, 10**decimals)
    stated, x = abs(stated), abs(x)
    rounded = (x / step + Fraction(1, 2)).__floor__() * step
    truncated = (x / step).__floor__() * step
    return rounded == stated or truncated == stated


def fig(text: str, kind: str, qid: str):
    return make_figure(Quantity(id=qid, start=0, end=len(text), text=text, kind=kind), text)


def pct_text(value: Fraction, decimals: int) -> str:
    return f"{float(value):.{decimals}f}%"


counts = st.integers(min_value=1, max_value=2_000_000)


@settings(max_examples=300, deadline=None)
@given(counts, counts, st.integers(0, 2), st.integers(-30, 30))
def test_share_matches_fraction_reference(a, b, decimals, nudge):
    part, whole = min(a, b), max(a, b)
    exact = Fraction(part * 100, whole)
    stated = Fraction(round(exact * 10**decimals) + nudge, 10**decimals)
    if stated < 0:
        return
    text = pct_text(stated, decimals)
    check = check_share(fig(text, "PERCENT", "q1"), fig(f"{part}", "COUNT", "q2"), fig(f"{whole}", "COUNT", "q3"))
    assert (check.verdict.value == "consistent") == ref_admits(Fraction(Decimal(text[:-1])), decimals, exact)


@settings(max_examples=200, deadline=None)
@given(counts, st.integers(100_000, 400_000_000), st.integers(0, 1), st.integers(-20, 20))
def test_rate_matches_fraction_reference(count, pop, decimals, nudge):
    exact = Fraction(count * 100_000, pop)
    stated = Fraction(round(exact * 10**decimals) + nudge, 10**decimals)
    if stated <= 0:
        return
    text = f"{float(stated):.{decimals}f}"
    population = Population(Interval.point(Decimal(pop)), "ref:population", "a test population")
    check = check_rate(fig(text, "RATE", "q1"), fig(str(count), "COUNT", "q2"), population, Decimal(100_000))
    assert (check.verdict.value == "consistent") == ref_admits(Fraction(Decimal(text)), decimals, exact)


@settings(max_examples=300, deadline=None)
@given(counts, counts, st.integers(0, 2), st.integers(-30, 30))
def test_relative_change_matches_fraction_reference(old, new, decimals, nudge):
    if old == new:
        return
    exact = Fraction((new - old) * 100, old)
    stated = Fraction(round(abs(exact) * 10**decimals) + nudge, 10**decimals)
    if stated < 0:
        return
    text = pct_text(stated, decimals)
    direction = 1 if new > old else -1
    link = ChangeLink(fig(text, "CHANGE", "q1"), fig(str(old), "COUNT", "q2"), fig(str(new), "COUNT", "q3"),
                      direction=direction, readings=(Reading.relative,))
    check, _ = check_change(link)
    assert (check.verdict.value == "consistent") == ref_admits(Fraction(Decimal(text[:-1])), decimals, exact)


@settings(max_examples=200, deadline=None)
@given(counts, counts, st.integers(-3, 3))
def test_absolute_change_matches_fraction_reference(old, new, nudge):
    stated = abs(new - old) + nudge
    if stated < 0 or new == old:
        return
    link = ChangeLink(fig(str(stated), "CHANGE", "q1"), fig(str(old), "COUNT", "q2"), fig(str(new), "COUNT", "q3"),
                      direction=1 if new > old else -1, readings=(Reading.absolute,))
    check, _ = check_change(link)
    assert (check.verdict.value == "consistent") == (stated == abs(new - old))
