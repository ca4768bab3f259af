"""How much an agreement says: the relative width within which a relation's figures agree."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numcheck.checks.chance import NARROWEST, agreement_width
from numcheck.checks.figure import make_figure
from numcheck.checks.relation import Relation
from numcheck.schema import CheckKind
from tests.conftest import marked


def _width(source: str, kind: CheckKind, members: tuple[str | None, ...] | None = None, delta: str | None = None) -> float:
    text, qs = marked(source)
    figs = {q.id: make_figure(q, text) for q in qs}
    return agreement_width(Relation(kind, members or tuple(figs), 0.5, delta), figs)


def test_more_printed_digits_agree_more_narrowly():
    coarse = _width("[13%|PERCENT] of them, [3|COUNT] of [23|COUNT]", CheckKind.share)
    fine = _width("[13.28%|PERCENT] of them, [3,263|COUNT] of [24,566|COUNT]", CheckKind.share)
    assert fine < coarse / 100


def test_a_hedge_or_an_open_end_widens_the_agreement():
    plain = _width("[45%|PERCENT] of them, [450|COUNT] of [1,000|COUNT]", CheckKind.share)
    hedged = _width("nearly [45%|PERCENT] of them, [450|COUNT] of [1,000|COUNT]", CheckKind.share)
    assert hedged > plain
    assert _width("[450|COUNT] were new and more than [500|COUNT] old, [950|COUNT] in all", CheckKind.sum) == 1.0


def test_a_part_and_its_whole_agree_with_any_smaller_part():
    assert _width("[450|COUNT] of [1,000|COUNT]", CheckKind.part_whole) == 1.0


def test_a_sum_in_mixed_units_is_measured_in_one_unit():
    # 4 tons and 714 kilograms: each admits one and a half steps of its last digit (rounded or
    # truncated), the tons' step 1,000 kg
    mixed = _width("[4 tons|MEASURE|t] and [714 kilograms|MEASURE|kg], [4,714 kg|MEASURE|kg] in all", CheckKind.sum)
    assert mixed == pytest.approx((1500 + 1.5 + 1.5) / 4714, rel=1e-6)


def test_a_change_of_close_levels_agrees_loosely():
    # the levels' last digits weigh on a difference of 2 as they do not on one of 2,000
    close = _width("up [0.2%|CHANGE] from [1,000|COUNT] to [1,002|COUNT]", CheckKind.change)
    apart = _width("up [200%|CHANGE] from [1,000|COUNT] to [3,000|COUNT]", CheckKind.change)
    assert close == 1.0 and apart < 0.01


def test_percents_adding_to_100_agree_within_their_steps():
    # each admits 1.5 points (rounded or truncated): 3 points of 100
    assert _width("[52%|PERCENT] for, [48%|PERCENT] against", CheckKind.sum, ("q1", "q2", "100%")) == pytest.approx(0.03)


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=10**9))
def test_the_width_is_a_probability_like_measure(a, b):
    total = a + b
    w = _width(f"[{a:,}|COUNT] and [{b:,}|COUNT], [{total:,}|COUNT] in all", CheckKind.sum)
    assert NARROWEST <= w <= 1.0
    assert w == pytest.approx(min(max(3 / total, NARROWEST), 1.0))
