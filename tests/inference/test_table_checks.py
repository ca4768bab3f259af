"""Table checks: the relations a table's structure states, and when a disagreement is a flag.

Tables are written as the rows numcheck lays out (cells joined by " | "), read back from the
text, and checked; each test states the structure and the verdict it expects.
"""

from __future__ import annotations

import pytest

from numcheck.inference.tables import FLAG_MIN_SCORE, check_tables, read_table
from numcheck.pipeline import check_text
from numcheck.schema import Document
from numcheck.tables import RawCell, find_text_tables, layout_table


def table(rows: list[list[str]], caption: str = "", notes: str = "", origin: str = "html"):
    """A document holding one table laid out from rows (first row: headers)."""
    prefix = caption + "\n\n" if caption else ""
    text, t = layout_table([[RawCell(c, header=i == 0) for c in r] for i, r in enumerate(rows)],
                           offset=len(prefix), table_id="t1", origin=origin)
    full = prefix + text + ("\n\n" + notes if notes else "")
    update = {}
    if caption:
        update["caption"] = [0, len(caption)]
    if notes:
        update["notes"] = [len(prefix + text) + 2, len(full)]
    return Document(id="d", text=full), t.model_copy(update=update)


def checks(rows, **kw):
    doc, t = table(rows, **kw)
    res = check_tables(doc, [t], [])
    texts = {q.id: q.text for q in res.quantities}
    return [(c.kind.value, c.verdict.value, [texts.get(x, x) for x in c.quantities]) for c in res.checks], res


def test_a_total_row_sums_its_rows_per_column_and_says_where():
    found, res = checks([["Area", "2023", "2024"], ["North", "120", "130"], ["South", "80", "95"], ["Total", "200", "240"]])
    assert found == [("sum", "consistent", ["120", "80", "200"]), ("sum", "inconsistent", ["130", "95", "240"])]
    flag = res.checks[1]
    assert (flag.table, flag.row, flag.column, flag.cells) == ("t1", 3, 2, [[1, 2], [2, 2], [3, 2]])
    assert flag.score >= FLAG_MIN_SCORE


def test_rounded_parts_may_miss_their_total_by_their_rounding():
    found, _ = checks([["Account", "FY2026"], ["Roads", "14.7"], ["Parks", "22.2"], ["Water", "13.2"], ["Total", "50.0"]],
                      caption="Table 1. Spending ($ in millions)")
    assert found == [("sum", "consistent", ["14.7", "22.2", "13.2", "50.0"])]


def test_accounting_brackets_and_every_minus_are_negative():
    found, _ = checks([["Program", "FY2021", "FY2022"], ["Roads", "$80", "$12"], ["Bridges", "($38)", "−$2"],
                       ["Tunnels", "$9", "–$4"], ["Total", "$51", "$6"]],
                      notes="Amounts in parentheses indicate net de-obligations.")
    assert [v for _k, v, _f in found] == ["consistent", "consistent"]


def test_nested_subtotals_add_up_without_a_flag_and_a_grand_total_sums_them():
    rows = [["Item", "2024"], ["Capital", ""], ["Roads", "100"], ["Bridges", "50"], ["Total capital", "150"],
            ["Revenue", ""], ["Staff", "300"], ["Rent", "40"], ["Total revenue", "340"], ["Total", "490"]]
    found, _ = checks(rows)
    assert ("sum", "consistent", ["150", "340", "490"]) in found
    assert all(v == "consistent" for _k, v, _f in found) and len(found) == 3


def test_a_total_column_sums_the_columns_of_its_group():
    found, _ = checks([["State", "HOPWA", "VAWA", "TOTAL"], ["Ohio", "$1,000", "$200", "$1,200"],
                       ["Utah", "$800", "$150", "$1,050"]])
    assert [v for _k, v, _f in found] == ["consistent", "inconsistent"]


def test_a_percent_change_against_the_wrong_period_is_flagged():
    # 250 -> 300 is +20.0% of the old level; 16.7% is the change against the new level
    found, res = checks([["Area", "2023", "2024", "% change"], ["North", "250", "300", "16.7"],
                         ["South", "400", "380", "-5.0"]])
    assert found == [("change", "inconsistent", ["16.7", "250", "300"]), ("change", "consistent", ["-5.0", "400", "380"])]
    assert res.checks[0].reading == "relative" and res.checks[0].expected == 20.0


def test_change_columns_read_absolute_points_and_the_period_order_from_the_headers():
    found, _ = checks([["Group", "2024 (%)", "2020 (%)", "Change (points)", "Change"],
                       ["Adults", "45.0", "41.5", "3.5", "3.5"]])
    assert ("change", "consistent", ["3.5", "41.5", "45.0"]) in found


def test_bands_and_ranges_are_never_changes():
    found, _ = checks([["Pay band (£000)", "Staff", "Pension band"], ["130-135", "12", "15-20"], ["135-140", "9", "20-25"],
                       ["Total", "21", ""]])
    assert found == [("sum", "consistent", ["12", "9", "21"])]


def test_a_share_column_with_a_total_of_100_checks_each_share_and_its_sum():
    found, _ = checks([["Outcome", "Number", "Percent"], ["Approved", "60", "27.6"], ["Refused", "157", "72.4"],
                       ["Total", "217", "100.0"]])
    assert ("share", "consistent", ["27.6", "60", "217"]) in found
    assert ("sum", "consistent", ["27.6", "72.4", "100.0"]) in found
    wrong, _ = checks([["Outcome", "Number", "Percent"], ["Approved", "60", "37.6"], ["Refused", "157", "72.4"],
                       ["Total", "217", "100.0"]])
    assert ("share", "inconsistent", ["37.6", "60", "217"]) in wrong


def test_a_rate_per_100000_against_its_count_and_population_column():
    found, _ = checks([["Region", "Deaths", "Population", "Rate per 100,000"], ["North", "37", "544,030", "6.8"],
                       ["East", "22", "452,760", "49.0"]])
    assert found == [("rate", "consistent", ["6.8", "37", "544,030"]), ("rate", "inconsistent", ["49.0", "22", "452,760"])]


def test_an_age_adjusted_rate_is_not_checked_against_count_and_population():
    found, _ = checks([["Region", "Deaths", "Population", "Age-adjusted rate per 100,000"], ["North", "37", "544,030", "9.1"],
                       ["East", "22", "452,760", "7.7"]])
    assert found == []


def test_an_unsure_structure_yields_no_flag():
    # a dash in the parts (nil or not available?) and breakdowns that may leave a category out
    found, _ = checks([["Item", "2024"], ["A", "10"], ["B", "—"], ["C", "20"], ["Total", "45"]])
    assert all(v != "inconsistent" for _k, v, _f in found)
    breakdowns = [["Characteristic", "No."], ["Sex", ""], ["Female", "200"], ["Male", "225"], ["Ethnicity", ""],
                  ["Hispanic", "20"], ["Non-Hispanic", "400"], ["Total", "425"]]
    found, _ = checks(breakdowns)
    assert found == [("sum", "consistent", ["200", "225", "425"])]


def test_a_rule_that_fails_in_most_of_its_instances_was_misread_and_says_nothing():
    found, _ = checks([["Account", "A", "B", "C"], ["x", "1", "2", "3"], ["y", "4", "5", "6"], ["Total", "50", "70", "90"]])
    assert found == []


def test_a_pdf_reading_is_less_sure_than_markup_and_a_loose_pdf_reading_never_flags():
    rows = [["Area", "2023"], ["North", "120"], ["South", "80"], ["Total", "240"]]
    _doc, html_t = table(rows)
    _doc, pdf_t = table(rows, origin="pdf")
    doc = Document(id="d", text=_doc.text)
    html = check_tables(doc, [html_t], []).checks[0]
    loose = check_tables(doc, [pdf_t.model_copy(update={"score": 0.6})], []).checks
    assert html.verdict.value == "inconsistent" and html.score > FLAG_MIN_SCORE and loose == []


def test_units_and_scale_come_from_headers_and_caption():
    doc, t = table([["Account", "FY2026", "Share (%)"], ["Roads", "14.7", "40.0"], ["Total", "36.8", "100.0"]],
                   caption="Table 2. Spending ($ in millions)")
    reading = read_table(t, doc.text)
    assert reading.scaled and reading.money
    kinds = {q.text: (q.kind.value, q.unit) for q in check_tables(doc, [t], []).quantities}
    assert kinds["14.7"] == ("MONEY", None) and kinds["40.0"] == ("PERCENT", "%")


def test_check_text_checks_tables_by_structure_and_gives_the_linker_only_the_prose():
    text = ("Arrests rose in 2024.\n\n| Ward | 2023 | 2024 | Change |\n|---|---|---|---|\n"
            "| 1 | 1,699 | 2,820 | +1,121 |\n| 2 | 1,790 | 1,916 | +162 |")
    doc = Document(id="d", text=text)
    assert len(find_text_tables(text)) == 1
    res = check_text(doc, [])
    flagged = [c for c in res.checks if c.verdict.value == "inconsistent"]
    assert [(c.table, c.row, c.column) for c in flagged] == [("t1", 2, 3)]
    assert all(text[q.start : q.end] == q.text for q in res.quantities) and res.tables
    assert [q.text for q in res.quantities if q.kind.value == "CHANGE"] == ["+1,121", "+162"]


@pytest.mark.parametrize("cell", ["1,699", "(1,699)"])
def test_a_column_of_brackets_alone_is_not_read_as_negative(cell):
    found, _ = checks([["Item", "SE"], ["A", f"({cell.strip('()')})"], ["B", "(2.0)"], ["Total", "(5.0)"]])
    assert all(v != "inconsistent" for _k, v, _f in found)
