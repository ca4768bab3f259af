"""Table grids: cells read for arithmetic, rows laid out into text, tables found in plain text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from numcheck.tables import Grid, RawCell, find_text_tables, layout_table, mask_number_cells, read_cell


@pytest.mark.parametrize(
    ("cell", "value", "bracketed", "unit"),
    [
        ("1,451.5", "1451.5", False, None),
        ("(561)", "561", True, None),  # a bracket is read by the column: negative where the column mixes
        ("($38)", "38", True, "USD"),
        ("-843", "-843", False, None),
        ("−1.8", "-1.8", False, None),  # Unicode minus
        ("–38", "-38", False, None),  # en dash
        ("-25.3%", "-25.3", False, "%"),
        ("+3.4", "3.4", False, None),
        ("£12,000", "12000", False, "GBP"),
        ("2.5 e", "2.5", False, None),  # a footnote letter after the figure
        ("−0.9e", "-0.9", False, None),
        ("12*", "12", False, None),
        ("100.0", "100.0", False, None),
    ],
)
def test_a_number_cell_is_read_with_its_sign_unit_and_brackets(cell, value, bracketed, unit):
    c = read_cell(cell)
    assert c is not None and c.form == "number"
    assert (c.value, c.bracketed, c.unit) == (Decimal(value), bracketed, unit)
    assert cell[c.start : c.end].strip("*e ") in cell


@pytest.mark.parametrize("cell", ["130-135", "15–20", "1.35 - 1.42", "102.7–103.6", "60 to 65"])
def test_bands_and_ranges_are_ranges_never_numbers(cell):
    assert read_cell(cell).form == "range"


@pytest.mark.parametrize("cell", ["—", "–", "-", "..", "N/A", "NA", "(X)", "*", "unq", "Ref.", "(D)"])
def test_dashes_and_marks_are_missing_values(cell):
    assert read_cell(cell).form == "missing"


@pytest.mark.parametrize("cell", ["Total", "FY2026 Enacted", "3.4 million people", "n = 217", "Table 3", ""])
def test_text_is_no_figure(cell):
    assert read_cell(cell) is None


def test_a_count_with_its_share_in_brackets_holds_two_figures():
    c = read_cell("1,234 (28.0)")
    assert (c.value, c.second.value, c.second.bracketed, "1,234 (28.0)"[c.second.start : c.second.end]) == (
        Decimal(1234), Decimal("28.0"), True, "(28.0)")


def test_layout_resolves_spans_and_keeps_offsets_into_the_text():
    rows = [
        [RawCell("", header=True), RawCell("Conifers", colspan=2, header=True), RawCell("Total", rowspan=2, header=True)],
        [RawCell("Ownership", header=True), RawCell("Public", header=True), RawCell("Private", header=True)],
        [RawCell("Opening stock"), RawCell("130.5"), RawCell("217.6"), RawCell("348.1")],
        [RawCell(""), RawCell(""), RawCell(""), RawCell("")],  # a spacer row is left out
        [RawCell("Closing stock"), RawCell("130.0"), RawCell("218.9"), RawCell("348.9")],
    ]
    prefix = "Table 1. Timber\n\n"
    text, table = layout_table(rows, offset=len(prefix), table_id="t1", origin="html")
    full = prefix + text
    grid = Grid(table, full)
    assert (table.n_rows, table.n_cols, table.header_rows, table.header_cols) == (4, 4, 2, 1)
    assert grid.column_header(1) == "Conifers / Public" and grid.column_header(3) == "Total"
    assert grid.text_at(3, 2) == "218.9" and grid.row_label(3) == "Closing stock"
    for cell in table.cells:
        assert full[cell.start : cell.end] == grid.text_of(cell)
    assert full[table.start : table.end] == text


@given(st.lists(st.lists(st.text(alphabet="ab 1,.|-()", max_size=6), min_size=1, max_size=4), min_size=1, max_size=5))
def test_every_cell_of_a_laid_out_table_points_at_its_own_text(cells):
    text, table = layout_table([[RawCell(c) for c in row] for row in cells], offset=0, table_id="t1", origin="text")
    if table is None:
        assert all(not c.strip() for row in cells for c in row)
        return
    for cell in table.cells:
        assert "\n" not in text[cell.start : cell.end] and " | " not in text[cell.start : cell.end]


def test_markdown_tables_with_and_without_separators_and_rows_numcheck_writes_are_found():
    text = ("Arrests by ward.\n\n| Ward | 2023 | 2024 |\n|---|---:|---:|\n| 1 | 1,699 | 2,820 |\n| 2 | 1,790 | 1,916 |\n\n"
            "Budget\nAccount | FY2026 | FY2027\nRoads | 14.7 | 13.7\nTotal | 14.7 | 13.7\n\nA sentence follows. It has 3 figures, 4 and 5.")
    tables = find_text_tables(text)
    assert [(t.n_rows, t.n_cols, t.header_rows, t.header_cols) for t in tables] == [(3, 3, 1, 1), (3, 3, 1, 1)]
    assert tables[0].origin == "markdown" and Grid(tables[0], text).text_at(2, 2) == "1,916"


def test_tab_and_space_aligned_tables_are_found():
    text = "Region\t2023\t2024\nNorth\t12\t15\nSouth\t20\t22\n\nItem      Q1      Q2\nPens      12      14\nInk       30      31\n"
    assert [t.n_cols for t in find_text_tables(text)] == [3, 3]


def test_number_cells_are_blanked_for_the_extractor_and_offsets_kept():
    text = "Area | Cases | Note\nNorth | 1,204 | up 5%\nSouth | (12) | since 2019"
    masked = mask_number_cells(text, find_text_tables(text))
    assert len(masked) == len(text)
    assert "1,204" not in masked and "(12)" not in masked and "up 5%" in masked and "2019" in masked
