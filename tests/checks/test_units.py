"""Figures of one relation printed in different units of one dimension are compared in one unit."""

from __future__ import annotations

from numcheck.checks.figure import make_figure
from numcheck.checks.relation import Relation, check_relation
from numcheck.numbers import UNIT_SYMBOLS, parse_number
from numcheck.schema import CheckKind, Verdict
from tests.conftest import marked


def _check(source: str, kind: CheckKind, members: tuple[str, ...]):
    text, qs = marked(source)
    figs = {q.id: make_figure(q, text) for q in qs}
    return check_relation(text, figs, Relation(kind, members, 0.9))[0]


def test_megatonnes_are_read_only_as_printed_mt():
    assert parse_number("112.3 Mt").unit == "Mt" and parse_number("112.3 MtCO2e").unit == "MtCO2e"
    assert UNIT_SYMBOLS["Mt"] == UNIT_SYMBOLS["MtCO2e"]  # tonnes of CO2 equivalent are tonnes
    assert parse_number("4.5 MT").unit is None and parse_number("4.5 mt").unit is None  # metric tons, or nothing


def test_a_share_of_megatonnes_in_million_tonnes():
    source = "[17.5%|PERCENT] ([112.3 Mt|MEASURE]) of all emissions ([643.1 million tonnes|MEASURE])"
    right = _check(source, CheckKind.share, ("q1", "q2", "q3"))
    assert right.verdict is Verdict.consistent and "17.46%" in right.explanation
    wrong = _check(source.replace("112.3", "212.3"), CheckKind.share, ("q1", "q2", "q3"))
    assert wrong.verdict is Verdict.inconsistent


def test_parts_in_kilotonnes_and_megatonnes_add_up_to_tonnes():
    source = "[4.2 million tonnes|MEASURE] of cargo: [1,300 kt|MEASURE] of grain and [2.9 Mt|MEASURE] of containers"
    assert _check(source, CheckKind.sum, ("q2", "q3", "q1")).verdict is Verdict.consistent
    assert _check(source.replace("2.9 Mt", "3.9 Mt"), CheckKind.sum, ("q2", "q3", "q1")).verdict is Verdict.inconsistent


def test_units_of_different_dimensions_are_left_as_printed():
    # hours against kilometres: nothing to convert, the figures are compared as printed
    check = _check("[3 hours|MEASURE] of the [5 km|MEASURE]", CheckKind.part_whole, ("q1", "q2"))
    assert check.verdict is Verdict.consistent and "3 hours ≤ 5 km" in check.explanation


def test_tonnes_of_co2_equivalent_are_compared_with_tonnes():
    """A text names the gas once: "112.3 Mt CO2e" of "643.1 million tonnes" (or of "643.1 million
    tonnes carbon dioxide equivalent") is 17.46%, not 0%."""
    for whole in ("643.1 million tonnes", "643.1 million tonnes carbon dioxide equivalent"):
        check = _check(f"[17.5%|PERCENT] ([112.3 Mt CO2e|MEASURE]) of all emissions ([{whole}|MEASURE])",
                       CheckKind.share, ("q1", "q2", "q3"))
        assert check.verdict is Verdict.consistent and "17.46%" in check.explanation
