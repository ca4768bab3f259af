"""A document that warns its components may not sum to totals because of rounding: a total off
by rounding is no finding there, one off by more still is, and nowhere else does anything change."""

from __future__ import annotations

import pytest

from numcheck.checks.figure import make_figure
from numcheck.checks.relation import Relation, check_relation, figures_of
from numcheck.checks.sums import check_percent_sum, check_sum, warns_of_rounding
from numcheck.pipeline import check_text
from numcheck.schema import CheckKind, Document, Quantity, Verdict

NOTE = "Note: components may not sum to totals because of rounding."


def _figures(text: str, spans: list[str], kind: str = "COUNT") -> list:
    out, pos = [], 0
    for i, s in enumerate(spans, 1):
        start = text.index(s, pos)
        pos = start + len(s)
        out.append(make_figure(Quantity(id=f"q{i}", start=start, end=pos, text=s, kind=kind), text))
    return out


@pytest.mark.parametrize(("total", "strict", "noted"), [
    ("604.7", Verdict.inconsistent, Verdict.consistent),  # 605.1 printed: 0.4 off, one unit of each of 4 parts
    ("604.6", Verdict.inconsistent, Verdict.inconsistent),  # more than a unit a part: still a finding
    ("598.1", Verdict.inconsistent, Verdict.inconsistent),  # a hundredth of the total off: never rounding
    ("605.1", Verdict.consistent, Verdict.consistent),
])
def test_a_rounding_note_allows_one_unit_a_part_and_no_more(total: str, strict: Verdict, noted: Verdict) -> None:
    text = f"Stock by owner: 130.0, 218.9, 13.6 and 242.6; all owners {total}."
    *parts, whole = _figures(text, ["130.0", "218.9", "13.6", "242.6", total])
    assert check_sum(parts, whole).verdict is strict
    check = check_sum(parts, whole, rounding_note=True)
    assert check.verdict is noted
    if strict is Verdict.inconsistent and noted is Verdict.consistent:
        assert "warns that components may not sum to totals because of rounding" in check.explanation


def test_small_exact_figures_get_half_a_unit_and_no_junk_passes() -> None:
    text = "Staff: 128 and 1, in all 130; in another unit 1 and 2, in all 2."
    a, b, total, c, d, small = _figures(text, ["128", "1", "130", "1", "2", "2"])
    assert check_sum([a, b], total, rounding_note=True).verdict is Verdict.consistent  # 129 against 130: 0.8%
    assert check_sum([c, d], small, rounding_note=True).verdict is Verdict.inconsistent  # 3 against 2: not rounding


def test_shares_over_100_by_rounding_pass_only_under_a_note() -> None:
    text = "Shares: 33.4%, 33.4% and 33.4%."
    shares = _figures(text, ["33.4%", "33.4%", "33.4%"], kind="PERCENT")
    assert check_percent_sum(shares).verdict is Verdict.inconsistent  # at least 100.05
    assert check_percent_sum(shares, rounding_note=True).verdict is Verdict.consistent


def test_check_relation_reads_the_note_from_the_text_unless_told() -> None:
    body = "Of the 22.6 million trips, 10.4 million were by rail and 12.4 million by road."
    qs = [Quantity(id=f"q{i}", start=body.index(s), end=body.index(s) + len(s), text=s, kind="COUNT")
          for i, s in enumerate(["22.6 million", "10.4 million", "12.4 million"], 1)]
    rel = Relation(CheckKind.sum, ("q2", "q3", "q1"))
    assert check_relation(body, figures_of(body, qs), rel)[0].verdict is Verdict.inconsistent
    noted = f"{body} {NOTE}"
    assert check_relation(noted, figures_of(noted, qs), rel)[0].verdict is Verdict.consistent
    assert check_relation(noted, figures_of(noted, qs), rel, rounding_note=False)[0].verdict is Verdict.inconsistent


@pytest.mark.parametrize(("note", "verdict"), [("", Verdict.inconsistent), (NOTE, Verdict.consistent)])
def test_a_tables_total_row_reads_the_documents_note(note: str, verdict: Verdict) -> None:
    text = f"Region | Visitors (millions)\nNorth | 10.4\nSouth | 12.4\nTotal | 22.6\n\n{note}\n"
    checks = [c for c in check_text(Document(id="d", text=text), [], linker=False).checks if c.kind is CheckKind.sum]
    assert [c.verdict for c in checks] == [verdict]


def test_what_counts_as_a_rounding_note() -> None:
    said = ["Totals may not add due to rounding.", "Detail may not sum to totals because of rounding.",
            "Figures may not sum exactly due to rounding", "Percentages were rounded independently.",
            "Because of rounding, shares may not add to 100%.", "Components may not sum\nto totals due to rounding.",
            "Totals may not add up as the figures are rounded."]
    not_said = ["Totals were rounded to the nearest thousand.", "Rounding aside, the sum is 22.6.",
                "The total may not include late reports; figures are rounded."]
    assert all(warns_of_rounding(s) for s in said)
    assert not any(warns_of_rounding(s) for s in not_said)
