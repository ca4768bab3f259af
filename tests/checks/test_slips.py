"""Slips of the pen: which misprints one figure admits, and when one explains a contradiction."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from numcheck.checks.figure import make_figure
from numcheck.checks.relation import Relation, check_relation
from numcheck.checks.slips import explained_by_slip, far_off, slips
from numcheck.schema import CheckKind, Quantity, Verdict
from tests.conftest import marked


def _figures(source: str):
    text, qs = marked(source)
    return text, {q.id: make_figure(q, text) for q in qs}


def _slip_explains(source: str, kind: CheckKind, stated: str | None = "q1") -> str | None:
    """`explained_by_slip` of the relation of `kind` between the marked figures, in their order."""
    text, figs = _figures(source)
    relation = Relation(kind, tuple(figs), 0.9)
    return explained_by_slip(text, relation.members, figs,
                             lambda override: check_relation(text, {**figs, **override}, relation)[0], stated)


@given(st.integers(min_value=10, max_value=10**7), st.integers(min_value=0, max_value=9), st.data())
def test_every_one_digit_change_of_a_number_is_a_slip_of_it(n, digit, data):
    printed = str(n)
    i = data.draw(st.integers(min_value=1, max_value=len(printed) - 1))  # not the leading digit
    changed = printed[:i] + str(digit) + printed[i + 1:]
    variants = dict(slips(printed))
    assert (changed in variants) == (changed != printed)
    assert all(not v.startswith("0") or v.startswith("0.") or v == "0" for v in variants)  # no needless leading zero


def test_a_slip_is_one_edit_of_the_printed_figure():
    variants = dict(slips("1,370"))
    assert {"1,170", "1,307", "1,37", "1,3700"} <= set(variants)  # replaced, swapped, dropped, missing
    assert "2,470" not in variants and "13.70" not in variants  # two edits; a decimal point in a grouped number
    assert dict(slips("54%"))["545%"] == "a 5 missing"


def test_far_off_is_an_order_of_magnitude_between_the_stated_figure_and_the_arithmetic():
    text, figs = _figures("up [36%|CHANGE] from [1.04 million|COUNT] to [14.1 million|COUNT]")
    relation = Relation(CheckKind.change, ("q1", "q2", "q3"), 0.9)
    check, _ = check_relation(text, figs, relation)
    assert check.verdict is Verdict.inconsistent and far_off(relation.kind, relation.members, check, figs, "q1")
    near = check.model_copy(update={"expected": 40.0})
    assert not far_off(relation.kind, relation.members, near, figs, "q1")
    _, parts = _figures("[340|COUNT] of [31|COUNT]")
    assert far_off(CheckKind.part_whole, ("q1", "q2"), check, parts, None)
    assert not far_off(CheckKind.part_whole, ("q2", "q1"), check, parts, None)


def test_a_moved_decimal_point_explains_a_change_a_range_does_not():
    why = _slip_explains("up [36%|CHANGE] from [1.04 million|COUNT] to [14.1 million|COUNT]", CheckKind.change)
    assert why is not None and "10.4 million" in why and "decimal point" in why

    # "£1.8 billion to £3.6 billion" read as a 0.2% change: its low precision admits 87% to 111%,
    # so a stated 90.2% would agree within it, but not with the printed values (100%)
    ranged = "by [0.2%|CHANGE] ([£1.8 billion|MONEY] to [£3.6 billion|MONEY])"
    assert _slip_explains(ranged, CheckKind.change) is None
    assert _slip_explains(ranged, CheckKind.change, stated=None) is not None  # by precision alone, by chance


def test_every_figure_one_slip_of_which_explains_a_share_is_named():
    # 31,526 / 33,179 is 95.02%: "33,379" for the whole or "31,326" for the part gives 94.4%;
    # the arithmetic cannot tell which was misprinted, so both are said
    why = _slip_explains("[94.4%|PERCENT] or [31,526|COUNT] of the [33,179|COUNT] cases", CheckKind.share)
    assert why is not None and why.startswith("31,526 may be a misprint of 31,326")
    assert ", or 33,179 of 33,379 (" in why and why.endswith("with which the figures agree")


def test_a_slipped_figure_keeps_its_place_and_kind():
    text, figs = _figures("a total of [1,240|COUNT] cases")
    q = figs["q1"].quantity
    slipped = make_figure(Quantity(id="q1", start=q.start, end=q.start + 5, text="1,740", kind="COUNT"), text)
    assert slipped is not None and slipped.value == 1740 and slipped.kind == figs["q1"].kind


def test_round_figures_read_as_rounded_to_the_hundred_may_explain_a_change():
    from numcheck.checks.slips import explained_by_rounding, rounded_to_hundreds

    text, figs = _figures("earnings were [£27,000|MONEY], up [2.1%|CHANGE] from [£26,500|MONEY]")
    relation = Relation(CheckKind.change, ("q2", "q3", "q1"), 0.9)

    def rerun(override):
        return check_relation(text, {**figs, **override}, relation)[0]
    assert rerun({}).verdict is Verdict.inconsistent  # 1.89% as printed
    why = explained_by_rounding(relation.members, figs, rerun)
    assert why is not None and "£27,000" in why and "£26,500" in why
    wrong = dict(figs, q2=_figures("up [4.1%|CHANGE]")[1]["q1"])
    assert explained_by_rounding(relation.members, wrong, lambda o: check_relation(text, {**wrong, **o}, relation)[0]) is None
    _, plain = _figures("[27,011|COUNT] [1,250|COUNT] [2.700|COUNT] [300|COUNT] [1,300|COUNT] [100%|PERCENT]")
    assert [rounded_to_hundreds(f) is not None for f in plain.values()] == [False, False, False, False, True, False]
    # a share stated as 100% is not explained by reading 100% as 50% to 150%
    text, figs = _figures("[100%|PERCENT] of the [1,200|COUNT] staff, [700|COUNT]")
    share = Relation(CheckKind.share, ("q1", "q3", "q2"), 0.9)
    assert explained_by_rounding(share.members, figs, lambda o: check_relation(text, {**figs, **o}, share)[0]) is None
