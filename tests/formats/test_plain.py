"""Plain words for a journalist: what each kind of check found, before its arithmetic."""

from __future__ import annotations

import pytest

from numcheck.formats.plain import plain_words
from numcheck.schema import Check, DocumentResult, Quantity


def result(*figures: tuple[str, str, float]) -> DocumentResult:
    text = " ".join(t for t, _k, _v in figures)
    qs, pos = [], 0
    for i, (t, kind, value) in enumerate(figures, start=1):
        qs.append(Quantity(id=f"q{i}", start=pos, end=pos + len(t), text=t, kind=kind, value=value))
        pos += len(t) + 1
    return DocumentResult(id="d", text=text, quantities=qs)


@pytest.mark.parametrize(
    ("check", "figures", "words"),
    [
        (Check(kind="sum", quantities=["q1", "q2", "q3", "q4"], verdict="inconsistent"),
         [("120", "COUNT", 120), ("80.5", "COUNT", 80.5), ("76", "COUNT", 76), ("277.0", "COUNT", 277.0)],
         "The 3 parts add up to 276.5, not the 277.0 printed as the total."),
        (Check(kind="sum", quantities=["q1", "q2", "q3"], verdict="consistent"),
         [("10", "COUNT", 10), ("12", "COUNT", 12), ("22", "COUNT", 22)],
         "The two parts add up to the 22 printed as the total."),
        (Check(kind="sum", quantities=["q1", "q2", "100%"], verdict="inconsistent"),
         [("60.5%", "PERCENT", 60.5), ("45.0%", "PERCENT", 45.0)], "The shares add up to 105.5%, more than 100%."),
        (Check(kind="share", quantities=["q1", "q2", "q3"], verdict="inconsistent", expected=27.65),
         [("37.6", "PERCENT", 37.6), ("60", "COUNT", 60), ("217", "COUNT", 217)],
         "60 is 27.65% of 217, not the 37.6 printed."),
        (Check(kind="change", quantities=["q1", "q2", "q3"], verdict="inconsistent", expected=20.0, reading="relative"),
         [("16.7%", "CHANGE", 16.7), ("250", "COUNT", 250), ("300", "COUNT", 300)],
         "From 250 to 300 is a rise of 20%, not the 16.7% printed."),
        (Check(kind="change", quantities=["q1", "q2", "q3"], verdict="consistent", expected=3.5,
               reading="percentage points"),
         [("3.5", "CHANGE", 3.5), ("41.5%", "PERCENT", 41.5), ("45.0%", "PERCENT", 45.0)],
         "From 41.5% to 45.0% is a rise of 3.5 percentage points, as the 3.5 printed says."),
        (Check(kind="rate", quantities=["q1", "q2", "q3"], verdict="inconsistent", expected=4.86),
         [("49.0", "RATE", 49.0), ("22", "COUNT", 22), ("452,760", "COUNT", 452760)],
         "The count and the population give a rate of 4.86, not the 49.0 printed."),
        (Check(kind="part_whole", quantities=["q1", "q2"], verdict="inconsistent"),
         [("5,400", "COUNT", 5400), ("4,000", "COUNT", 4000)], "5,400 is more than the 4,000 it is said to be part of."),
    ],
)
def test_each_kind_of_check_reads_in_plain_words(check, figures, words):
    assert plain_words(check, result(*figures)) == words


def test_a_table_check_names_its_row_and_column():
    from numcheck.inference.tables import check_tables
    from numcheck.schema import Document
    from numcheck.tables import RawCell, layout_table

    rows = [["Account", "FY2026 Enacted"], ["Roads", "14.7"], ["Parks", "22.2"], ["Total", "40.9"]]
    text, t = layout_table([[RawCell(c) for c in r] for r in rows], offset=0, table_id="t1", origin="html")
    found = check_tables(Document(id="d", text=text), [t], [])
    r = DocumentResult(id="d", text=text, quantities=found.quantities, checks=found.checks, tables=[t])
    assert plain_words(r.checks[0], r) == ("The two parts add up to 36.9, not the 40.9 printed as the total "
                                           "(row “Total”, column “FY2026 Enacted”).")
