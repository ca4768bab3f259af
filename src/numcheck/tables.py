"""Tables as grids of cells: written into a document's text, read back, and their cells read.

Every reader (HTML `<table>`, a PDF page's ruled or aligned table, a Markdown or plain-text
table) hands over rows of `RawCell`s; `layout_table` writes them into the document's text, one
row per line with cells joined by " | ", and returns the `Table` record: a grid whose cells
keep offsets into that text, with row and column spans resolved, so that the JSONL contract
(`text[start:end]`) holds for every cell as for every figure. `Grid` answers what the checks
ask of a table (the cell at a place, a column's headers, a row's label) and `read_cell` reads
what a cell states: a number with its sign (accounting brackets and every minus sign), a
range or band (never a change), or a mark for a missing value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from numcheck.numbers import CURRENCY_PREFIXES, read_digits
from numcheck.schema import Cell, Table

#: What separates the cells of a row in the text.
CELL_SEP = " | "


@dataclass(frozen=True)
class RawCell:
    """A cell as a reader found it, before it has a place in the text.

    >>> RawCell("Total", header=True).colspan
    1
    """

    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    #: Indentation of a row label (0 outermost).
    level: int = 0


_WS = re.compile(r"\s+")


def clean_cell(text: str) -> str:
    """A cell's text on one line, its white space collapsed (cell text never holds a separator).

    >>> clean_cell(" 1,234\\n (56) | x ")
    '1,234 (56) ¦ x'
    """
    return _WS.sub(" ", text).strip().replace("|", "¦")


def layout_table(
    rows: Sequence[Sequence[RawCell]],
    *,
    offset: int,
    table_id: str,
    origin: str,
    header_rows: int | None = None,
    page: int | None = None,
    score: float = 1.0,
) -> tuple[str, Table | None]:
    """Write rows into text (one line a row, cells joined by " | ") and return it with its grid.

    `offset` is where the block will start in the document's text, so that cell offsets
    point into the document. Rows whose cells are all empty are left out; spans are resolved
    as HTML does (a cell takes the first free column of its row). `header_rows` defaults to
    the leading rows that hold only header cells or no number but years (`guess_header_rows`).
    Returns ("", None) when no row holds text.

    >>> text, t = layout_table([[RawCell("", header=True), RawCell("2024", header=True)],
    ...                         [RawCell("Cases"), RawCell("1,204")]], offset=0, table_id="t1", origin="html")
    >>> text.splitlines(), t.header_rows, t.header_cols, text[t.cells[-1].start:t.cells[-1].end]
    ([' | 2024', 'Cases | 1,204'], 1, 1, '1,204')
    """
    kept = [[RawCell(clean_cell(c.text), max(1, c.rowspan), max(1, c.colspan), c.header, c.level) for c in row] for row in rows]
    kept = [row for row in kept if any(c.text for c in row)]
    if not kept:
        return "", None
    occupied: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, RawCell]] = []
    n_rows = len(kept)
    for r, row in enumerate(kept):
        c = 0
        for raw in row:
            while (r, c) in occupied:
                c += 1
            rowspan = min(raw.rowspan, n_rows - r)
            for dr in range(rowspan):
                for dc in range(raw.colspan):
                    occupied.add((r + dr, c + dc))
            placed.append((r, c, RawCell(raw.text, rowspan, raw.colspan, raw.header, raw.level)))
            c += raw.colspan
    placed = _drop_empty_columns(placed)
    n_cols = max(c + raw.colspan for _, c, raw in placed)
    lines: list[str] = []
    cells: list[Cell] = []
    pos = offset
    by_row: dict[int, list[tuple[int, RawCell]]] = {}
    for r, c, raw in placed:
        by_row.setdefault(r, []).append((c, raw))
    for r in range(n_rows):
        parts: list[str] = []
        line_start = pos
        cursor = line_start
        for i, (c, raw) in enumerate(by_row.get(r, [])):
            if i:
                parts.append(CELL_SEP)
                cursor += len(CELL_SEP)
            if raw.text or raw.rowspan > 1 or raw.colspan > 1:
                cells.append(Cell(row=r, col=c, start=cursor, end=cursor + len(raw.text), rowspan=raw.rowspan,
                                  colspan=raw.colspan, header=raw.header, level=raw.level))
            parts.append(raw.text)
            cursor += len(raw.text)
        line = "".join(parts)
        lines.append(line)
        pos = line_start + len(line) + 1
    text = "\n".join(lines)
    table = Table(id=table_id, start=offset, end=offset + len(text), n_rows=n_rows, n_cols=n_cols, cells=cells,
                  origin=origin, page=page, score=score)
    grid = Grid(table, " " * offset + text)
    hr = guess_header_rows(grid) if header_rows is None else min(header_rows, n_rows)
    table = table.model_copy(update={"header_rows": hr})
    grid = Grid(table, " " * offset + text)
    table = table.model_copy(update={"header_cols": guess_header_cols(grid)})
    return text, table


def _drop_empty_columns(placed: list[tuple[int, int, RawCell]]) -> list[tuple[int, int, RawCell]]:
    """Leave out the columns in which no cell holds text and no spanning cell starts."""
    used: set[int] = set()
    for _r, c, raw in placed:
        if raw.text or raw.colspan > 1:
            used.update(range(c, c + raw.colspan))
    keep = sorted(used)
    if not keep or len(keep) == max(keep) + 1:
        return [(r, c, raw) for r, c, raw in placed if c <= (max(keep) if keep else 0)]
    index = {c: i for i, c in enumerate(keep)}
    return [(r, index[c], raw) for r, c, raw in placed if c in index]


def shift_table(table: Table, delta: int) -> Table:
    """The same table with every offset moved by `delta` (when text is put before it).

    >>> shift_table(Table(id="t1", start=0, end=5, n_rows=1, n_cols=1, cells=[Cell(row=0, col=0, start=0, end=5)]), 3).cells[0].start
    3
    """
    if delta == 0:
        return table
    cells = [c.model_copy(update={"start": c.start + delta, "end": c.end + delta}) for c in table.cells]
    update: dict[str, object] = {"start": table.start + delta, "end": table.end + delta, "cells": cells}
    for key in ("caption", "notes"):
        span = getattr(table, key)
        if span:
            update[key] = [span[0] + delta, span[1] + delta]
    return table.model_copy(update=update)


# --------------------------------------------------------------------------- cells


@dataclass(frozen=True)
class CellNumber:
    """What a cell states, read for arithmetic.

    `start`/`end` locate the figure inside the cell's text (sign, brackets, currency and
    percent sign included); `value` is signed; `form` is "number", "range" (a band such as
    "130-135" or an interval: no arithmetic) or "missing" (a dash, "..", "N/A", "(X)": no
    figure). `bracketed` says the number was printed in brackets, which a column of mixed
    bracketed and plain figures reads as negative. `second` is the bracketed figure after
    the first in a cell such as "60 (28.0)".
    """

    start: int
    end: int
    value: Decimal
    resolution: Decimal
    decimals: int
    form: str = "number"
    unit: str | None = None
    bracketed: bool = False
    signed: bool = False
    second: CellNumber | None = None

    @property
    def exact(self) -> bool:
        """Whether the printed figure is an exact integer (not rounded by its decimals)."""
        return self.decimals == 0 and self.unit != "%"


_MISSING = re.compile(
    r"^(?:[-–—‒−]+|\.{1,3}|…|n/?a|na|nil|x|\(x\)|\(na\)|\(d\)|\(z\)|\(s\)|\(nr\)|[*†‡§#]+|unq|ref\.?|"
    r"not\s+applicable|suppressed|none|z|:|—[a-z]?|\(\d\)|c|\[c\]|\[x\]|\[z\]|\[u\]|-{2,})$",
    re.I,
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SIGN = r"+\-−–‒﹣－"
_CUR = "|".join(re.escape(c) for c in sorted(CURRENCY_PREFIXES, key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?P<open>\()?\s?(?P<sign1>[{_SIGN}])?\s?(?P<cur>{_CUR})?\s?(?P<sign2>[{_SIGN}])?\s?(?P<num>{_NUM})"
    rf"(?P<pct>\s?%)?(?P<close>\))?"
)
#: What may follow a figure in a cell without making it text: footnote letters, superscripts,
#: daggers and stars, a unit's scale letter.
_TAIL = re.compile(r"^\s?(?:[a-z]{1,2}(?:,[a-z])*|[¹²³⁰⁴-⁹]+|[*†‡§]+|\(\d\)|\[\d+\]|r|p|e)?\s*$", re.I)
_RANGE = re.compile(rf"^(?P<a>{_NUM})\s?%?\s?(?:[-–—‒−]|to)\s?(?P<b>{_NUM})\s?%?$", re.I)
_HEAD_NOISE = re.compile(r"^[¹²³⁰⁴-⁹*†‡§]+")


@lru_cache(maxsize=1 << 16)
def read_cell(text: str) -> CellNumber | None:
    """The figure a cell states, or None when it holds text (or nothing).

    >>> c = read_cell("(561)"); (c.value, c.bracketed), read_cell("−1.8").value, read_cell("$1,185.5").unit
    ((Decimal('561'), True), Decimal('-1.8'), 'USD')
    >>> read_cell("130-135").form, read_cell("—").form, read_cell("2.5 e").value, read_cell("Total")
    ('range', 'missing', Decimal('2.5'), None)
    >>> c = read_cell("60 (28.0)"); (c.value, c.second.value, c.second.bracketed)
    (Decimal('60'), Decimal('28.0'), True)
    """
    s = text.strip()
    if not s:
        return None
    lead = len(text) - len(text.lstrip())
    if _MISSING.match(s):
        return CellNumber(lead, lead + len(s), Decimal(0), Decimal(1), 0, form="missing")
    rm = _RANGE.match(s)
    if rm and not re.match(rf"^[{_SIGN}]", s):
        a, dec, _ = read_digits(rm.group("a"))
        _b, dec_b, _ = read_digits(rm.group("b"))
        return CellNumber(lead, lead + len(s), a, Decimal(1).scaleb(-max(dec, dec_b)), max(dec, dec_b), form="range")
    first = _figure_at(s, 0)
    if first is None or first.start != 0:
        return None
    rest = s[first.end :]
    second = None
    m2 = re.match(r"^\s*(?=\()", rest)
    if m2 is not None and not first.bracketed:
        cand = _figure_at(s, first.end + m2.end())
        if cand is not None and cand.bracketed and cand.start == first.end + m2.end():
            second = cand
            rest = s[cand.end :]
    if not _TAIL.match(rest):
        return None
    out = CellNumber(lead + first.start, lead + first.end, first.value, first.resolution, first.decimals,
                     unit=first.unit, bracketed=first.bracketed, signed=first.signed)
    if second is not None:
        second = CellNumber(lead + second.start, lead + second.end, second.value, second.resolution, second.decimals,
                            unit=second.unit, bracketed=True, signed=second.signed)
        out = CellNumber(out.start, out.end, out.value, out.resolution, out.decimals, unit=out.unit,
                         bracketed=out.bracketed, signed=out.signed, second=second)
    return out


def _figure_at(s: str, pos: int) -> CellNumber | None:
    m = _FIGURE.match(s, pos)
    if m is None:
        m = _FIGURE.search(s, pos)
        if m is None:
            return None
    opened, closed = bool(m.group("open")), bool(m.group("close"))
    start, end = m.start(), m.end()
    if opened and not closed:
        start = m.start("sign1") if m.group("sign1") else m.start("cur") if m.group("cur") else m.start("num")
        if m.group("sign2") and not m.group("cur") and not m.group("sign1"):
            start = m.start("sign2")
    if closed and not opened:
        end = m.end("pct") if m.group("pct") else m.end("num")
    value, decimals, _notes = read_digits(m.group("num"))
    sign = m.group("sign1") or m.group("sign2")
    negative = sign is not None and sign != "+"
    bracketed = opened and closed
    if negative:
        value = -value
    unit = "%" if m.group("pct") else CURRENCY_PREFIXES.get(m.group("cur")) if m.group("cur") else None
    return CellNumber(start, end, value, Decimal(1).scaleb(-decimals), decimals, unit=unit, bracketed=bracketed,
                      signed=sign is not None)


# --------------------------------------------------------------------------- grids


class Grid:
    """A table's cells by place, with its headers, over the document's text.

    >>> text, t = layout_table([[RawCell("Region"), RawCell("2023"), RawCell("2024")],
    ...                         [RawCell("North"), RawCell("12"), RawCell("15")]], offset=0, table_id="t1", origin="text")
    >>> g = Grid(t, text)
    >>> g.column_header(2), g.row_label(1), g.text_at(1, 2)
    ('2024', 'North', '15')
    """

    def __init__(self, table: Table, text: str) -> None:
        self.table = table
        self.doc_text = text
        self._at: dict[tuple[int, int], Cell] = {}
        for cell in table.cells:
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    self._at[(cell.row + dr, cell.col + dc)] = cell

    @property
    def n_rows(self) -> int:
        """Rows of the grid."""
        return self.table.n_rows

    @property
    def n_cols(self) -> int:
        """Columns of the grid."""
        return self.table.n_cols

    def cell(self, row: int, col: int) -> Cell | None:
        """The cell covering a place (a spanning cell covers several), or None when it is empty."""
        return self._at.get((row, col))

    def text_of(self, cell: Cell | None) -> str:
        """A cell's text ('' for none)."""
        return "" if cell is None else self.doc_text[cell.start : cell.end]

    def text_at(self, row: int, col: int) -> str:
        """The text of the cell covering a place."""
        return self.text_of(self.cell(row, col))

    def own(self, row: int, col: int) -> Cell | None:
        """The cell whose top-left corner is this place (a spanned-over place has none)."""
        cell = self._at.get((row, col))
        return cell if cell is not None and cell.row == row and cell.col == col else None

    def column_header(self, col: int) -> str:
        """The header cells above a column, top to bottom, joined by " / " (repeats once)."""
        parts: list[str] = []
        seen: set[int] = set()
        for r in range(self.table.header_rows):
            cell = self.cell(r, col)
            if cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            t = self.text_of(cell)
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        return " / ".join(parts)

    def header_path(self, col: int) -> list[tuple[str, int, int]]:
        """The header cells above a column with the column range each covers, top to bottom."""
        out = []
        for r in range(self.table.header_rows):
            cell = self.cell(r, col)
            if cell is not None and self.text_of(cell):
                out.append((self.text_of(cell), cell.col, cell.col + cell.colspan))
        return out

    def row_label(self, row: int) -> str:
        """The label cells of a row (its stub), joined by " / "."""
        parts = []
        for c in range(max(self.table.header_cols, 1)):
            t = self.text_at(row, c)
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        return " / ".join(parts)

    def row_texts(self, row: int) -> list[str]:
        """The texts of a row's own cells, left to right."""
        return [self.text_of(c) for c in (self.own(row, col) for col in range(self.n_cols)) if c is not None]

    def number(self, row: int, col: int) -> CellNumber | None:
        """The figure of the cell whose corner is this place, with offsets into the document."""
        cell = self.own(row, col)
        if cell is None:
            return None
        return read_cell(self.text_of(cell))


_YEARISH = re.compile(r"^(?:FY|CY|SFY)?\s?(?:19|20)\d\d(?:\s?[-–/]\s?(?:\d\d|(?:19|20)\d\d))?[a-z*¹²³]?$", re.I)


def is_year_text(text: str) -> bool:
    """A year or a span of years as printed in a header ("2024", "2016-17", "FY2026").

    >>> is_year_text("2016-17"), is_year_text("FY2026"), is_year_text("1,204")
    (True, True, False)
    """
    return bool(_YEARISH.match(text.strip()))


def _is_data_figure(text: str) -> bool:
    c = read_cell(text)
    return c is not None and c.form in ("number", "range") and not is_year_text(text)


def guess_header_rows(grid: Grid) -> int:
    """Leading rows of column headers: those before the first row holding a figure in a data column.

    A row counts as data when one of its cells (past the first column) states a figure that
    is not a year; header cells marked by the markup (`<th>`) alone do not decide, because
    pages mark row labels with `<th>` too.
    """
    for r in range(grid.n_rows):
        cells = [grid.own(r, c) for c in range(1, grid.n_cols)]
        if any(c is not None and not c.header and _is_data_figure(grid.text_of(c)) for c in cells):
            # A heading row just above the data (text in its first cell only, or one cell across
            # the table: "All ages") opens a group of rows; it does not head the columns.
            while r > 1 and _is_heading_row(grid, r - 1):
                r -= 1
            return r
    return 0


def _is_heading_row(grid: Grid, r: int) -> bool:
    first = grid.cell(r, 0)
    if first is None or not grid.text_of(first):
        return False
    if first.colspan >= grid.n_cols:
        return True
    return all(not grid.text_at(r, c) for c in range(first.colspan, grid.n_cols))


_ID_HEADER = re.compile(r"^\W*(ward|district|line|rank|id|code|year|age|state|region|county|fips|#)\W*$", re.I)


def guess_header_cols(grid: Grid) -> int:
    """Leading columns of row labels: text or years in most data rows, or a numbered stub ("Ward")."""
    rows = range(grid.table.header_rows, grid.n_rows)
    if not rows:
        return min(1, grid.n_cols)
    n = 0
    for c in range(grid.n_cols - 1):
        texts = [grid.text_at(r, c) for r in rows]
        filled = [t for t in texts if t]
        figures = [t for t in filled if _is_data_figure(t)]
        if not filled or len(figures) <= len(filled) / 3:
            n = c + 1
            continue
        header = grid.column_header(c)
        ids = [int(t) for t in figures if re.fullmatch(r"\d{1,4}", t)]
        if c == n and _ID_HEADER.match(header or "") and len(ids) == len(figures) and ids == sorted(ids):
            n = c + 1
            continue
        break
    return n


# --------------------------------------------------------------------------- tables in plain text

_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _split_pipes(line: str, start: int) -> list[tuple[int, int]]:
    """[start, end) of each cell of a pipe row, trimmed, in document offsets."""
    bounds = [-1] + [m.start() for m in re.finditer(r"(?<!\\)\|", line)] + [len(line)]
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        seg = line[a + 1 : b]
        lead = len(seg) - len(seg.lstrip())
        spans.append((start + a + 1 + lead, start + a + 1 + lead + len(seg.strip())))
    stripped = line.strip()
    if stripped.startswith("|"):
        spans = spans[1:]
    if stripped.endswith("|") and len(stripped) > 1:
        spans = spans[:-1]
    return spans


def _split_wide(line: str, start: int, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    spans = []
    pos = len(line) - len(line.lstrip())
    for m in sep.finditer(line):
        if m.start() > pos:
            spans.append((start + pos, start + m.start()))
        pos = m.end()
    if line[pos:].strip():
        spans.append((start + pos, start + len(line.rstrip())))
    return spans


_WIDE = re.compile(r"\t+| {2,}")


def find_text_tables(text: str, *, first_id: int = 1) -> list[Table]:
    """Tables written in plain text: pipe rows (Markdown, with or without a separator line, and
    the rows numcheck writes), tab-separated rows, and rows aligned with runs of spaces.

    A block is a run of at least two consecutive lines of one style with at least two cells
    each, one of them holding a figure. Markdown rows above a separator line are header rows.

    >>> t = "Cases by year\\n\\n| Area | 2023 | 2024 |\\n|---|---:|---:|\\n| North | 10 | 12 |\\n| Total | 10 | 12 |\\n"
    >>> [(tb.n_rows, tb.n_cols, tb.header_rows) for tb in find_text_tables(t)]
    [(3, 3, 1)]
    """
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]*", text) if m.start() == 0 or text[m.start() - 1] == "\n"]
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        style = _row_style(lines[i][1])
        if style is None:
            i += 1
            continue
        j = i
        block: list[tuple[int, str]] = []
        while j < len(lines) and (_row_style(lines[j][1]) == style or (style == "pipe" and _SEPARATOR_ROW.match(lines[j][1]))):
            block.append(lines[j])
            j += 1
        table = _block_table(text, block, style, f"t{first_id + len(tables)}")
        if table is not None:
            tables.append(table)
        i = max(j, i + 1)
    return tables


def _row_style(line: str) -> str | None:
    if line.count("|") >= 1 and len(_split_pipes(line, 0)) >= 2:
        return "pipe"
    if "\t" in line.strip() and len(_split_wide(line, 0, re.compile(r"\t+"))) >= 2:
        return "tab"
    cells = _split_wide(line, 0, _WIDE)
    if len(cells) >= 3 and any(_is_data_figure(line[a:b]) for a, b in cells[1:]):
        return "aligned"
    return None


def _block_table(text: str, block: list[tuple[int, str]], style: str, table_id: str) -> Table | None:
    rows: list[list[tuple[int, int]]] = []
    header_rows = None
    sep = re.compile(r"\t+") if style == "tab" else _WIDE
    for start, line in block:
        if style == "pipe" and _SEPARATOR_ROW.match(line):
            if header_rows is None:
                header_rows = len(rows)
            continue
        rows.append(_split_pipes(line, start) if style == "pipe" else _split_wide(line, start, sep))
    if len(rows) < 2 or not any(_is_data_figure(text[a:b]) for row in rows for a, b in row[1:]):
        return None
    n_cols = max(len(r) for r in rows)
    cells = [Cell(row=r, col=c, start=a, end=b) for r, row in enumerate(rows) for c, (a, b) in enumerate(row)]
    ragged = len({len(r) for r in rows}) > 1
    score = {"pipe": 0.95, "tab": 0.9, "aligned": 0.6}[style] - (0.3 if ragged else 0.0)
    table = Table(id=table_id, start=block[0][0], end=block[-1][0] + len(block[-1][1]), n_rows=len(rows), n_cols=n_cols,
                  cells=cells, origin="markdown" if header_rows is not None else "text", score=round(score, 2))
    grid = Grid(table, text)
    table = table.model_copy(update={"header_rows": header_rows if header_rows is not None else guess_header_rows(grid)})
    table = table.model_copy(update={"header_cols": guess_header_cols(Grid(table, text))})
    return table


def iter_table_cells(tables: Sequence[Table]) -> Iterator[tuple[Table, Cell]]:
    """Every cell of every table, in table order.

    >>> list(iter_table_cells([]))
    []
    """
    for table in tables:
        for cell in table.cells:
            yield table, cell


def mask_number_cells(text: str, tables: Sequence[Table]) -> str:
    """The text with the figures of the tables' number cells blanked (same length, offsets kept),
    and the rules between blanked cells (`_one_rule_between`).

    The figures of number cells are read from the structure, so an extractor need not (and
    should not: a row of figures is not a sentence) read them.

    >>> t = "Area | Cases\\nNorth | 10"
    >>> mask_number_cells(t, find_text_tables(t + "\\nSouth | 12"))
    'Area | Cases\\nNorth |   '
    """
    chars = list(text)
    for table in tables:
        for cell in table.cells:
            cn = read_cell(text[cell.start : cell.end])
            if cn is None or cn.form != "number":
                continue
            for part in (cn, cn.second):
                if part is not None:
                    chars[cell.start + part.start : cell.start + part.end] = " " * (part.end - part.start)
        _one_rule_between(chars, table)
    return "".join(chars)


def _one_rule_between(chars: list[str], table: Table) -> None:
    """In place: after a blanked cell, the rules up to the next cell that shows text go, so two
    cells that show text keep the one rule printed after the first. A row of blanked figures
    is otherwise mostly rules, each a token the encoder would read for nothing.

    >>> rows = [["Area", "Cases", "Deaths", "Note"], ["North", "10", "12", "see 1"]]
    >>> t, tb = layout_table([[RawCell(x) for x in r] for r in rows], offset=0, table_id="t1", origin="html")
    >>> mask_number_cells(t, [tb]).splitlines()[-1].rstrip()
    'North |           see 1'
    """
    end = min(table.end, len(chars))
    pos, after_blank = table.start, False
    for a, b in [*sorted((c.start, c.end) for c in table.cells), (end, end)]:
        for i in range(pos, min(a, end)):
            if chars[i] == "\n":
                after_blank = False
            elif after_blank and chars[i] == "|":
                chars[i] = " "
        if a >= pos:  # an empty cell (start == end) shows no text either
            after_blank = all(ch.isspace() for ch in chars[a:min(b, end)])
        pos = max(pos, b)
