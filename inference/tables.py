"""Table checks: the relations a table's structure states, checked by arithmetic.

A table states its relations outright: a total row against the rows above it, a total column
against the columns of its group, a share column against its count column and the total, a
change column against the two period columns beside it, a rate per 100,000 against a count
and a population column. This module reads a `Table` grid (`numcheck.tables`) into roles
(what each row and column is, from its header words, the caption and the notes), makes one
figure for every number cell (signed: accounting brackets and every kind of minus; scale and
unit from headers such as "£000", "in millions", "%"), and proposes relations; every verdict
comes from `numcheck.checks.relation.check_relation`, so the arithmetic and its words are
the ones every check uses.

How sure the reading is becomes the check's `score`. Where the structure allows more than one
reading (nested subtotals, a change column beside three period columns, shares without a
total of 100), a reading that agrees is kept and none that disagrees is reported: only a
structure with one reading, read with confidence, may say `inconsistent`. Ranges and bands
("130-135", "1.35 - 1.42") are never changes; a dash or "N/A" is no figure.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from numcheck.checks.figure import Figure
from numcheck.checks.relation import Relation, check_relation
from numcheck.checks.sums import warns_of_rounding
from numcheck.inference.describe import plain
from numcheck.precision import admitted
from numcheck.schema import (
    Check,
    CheckKind,
    Claim,
    Derived,
    Document,
    Quantity,
    QuantityKind,
    Reference,
    Table,
    Verdict,
)
from numcheck.tables import CellNumber, Grid, is_year_text, read_cell

K = QuantityKind
#: Below this score a table check that disagrees is not reported: the reading is too unsure.
FLAG_MIN_SCORE = 0.75

_TOTAL = re.compile(
    r"^\W*(?:grand\s+|sub-?)?totals?\b|\b(?:sub-?)?totals?\b\W*(?:\([^)]*\))?\W*$|"
    r"^\W*(?:world|national|overall|all\s+(?!others?\b)[a-z]+)\s+totals?\b",
    re.I,
)
_ALL = re.compile(r"^\W*(?:all|overall|both\s+sexes|united\s+states|u\.s\.)(?:\s+(?!others?\b)[a-z]+)?\W*$", re.I)
_NOT_PART = re.compile(
    r"^\W*(?:of\s+which|of\s+whom|includ\w*|exclud\w*|memo\w*|addendum|less\b|minus\b|percent|%|average|mean|"
    r"median|rate\b|change\b|per\s|ratio|share\b|difference|addition|plus\b|net\s+(?:change|total)|"
    r"deficit|surplus|balance|footnote|note)",
    re.I,
)
_PERCENT = re.compile(r"%|\bper\s?cent|\bshare\b|\bproportion\b|\bpct\b|\bdistribution\b", re.I)
_CHANGE = re.compile(
    r"\bchange|\bchg\b|\bdiff|\bincrease|\bdecrease|\bgrowth\b|\+/[-−]|±|Δ|\bvariance\b|\bvs\.?(?!\w)|\bversus\b|"
    r"\bgain\b|\bloss\b", re.I)
_NOT_CHANGE = re.compile(r"\baverage\b|\bannuali[sz]ed\b|\baapc\b|\bapc\b|\bcagr\b|\bcompound\b|\bper\s+(?:year|annum)\b|"
                         r"\bcumulative\b|\bsince\b", re.I)
_POINTS = re.compile(r"\bpoints?\b|\bpp\b|\bppt|\bp\.p\.", re.I)
_RATE_BASE = re.compile(
    r"\bper\s+(100[,\s]?000|10[,\s]?000|1[,\s]?000|100|1,?000,?000|million|thousand|capita|person|head|inhabitant)", re.I)
_RATE = re.compile(r"\brate\b|\bper\s+\w", re.I)
_ADJUSTED = re.compile(r"adjust|standardi[sz]|\baapc\b|\bcrude\b(?!\s+count)", re.I)
_POPULATION = re.compile(r"\bpopulation\b|\bpop\.|\bresidents\b|\binhabitants\b", re.I)
_NON_ADDITIVE = re.compile(
    r"\baverage|\bmean\b|\bmedian\b|\bindex\b|\bratio\b|\bodds\b|\bci\b|\bconfidence|\bse\b|\bstandard\s+error|"
    r"\bp\s*[- ]?value|\baapc\b|\bmargin\b|\bprice|\bper\b|\bmin(?:imum)?\b|\bmax(?:imum)?\b|\brank|\bapr\b|"
    r"\byears?\s+of\b|\bage\b|\bscore\b|\blimit\b|\bcap\b|\bthreshold\b",
    re.I,
)
_SCALE = re.compile(
    r"\bin\s+(thousands|millions|billions|trillions)\b|\((?:[$£€]\s*)?(?:in\s+)?(thousands|millions|billions)\b|"
    r"[$£€]\s?(?:000|m|mn|bn|k)\b|\b000s\b|\b(thousands|millions|billions|trillions)\s+of\b|"
    r"[$£€]\s*in\s+(thousands|millions|billions)|\b(?:millions|billions)\s+(?:of\s+)?dollars", re.I)
_MONEY = re.compile(r"[$£€¥]|\bdollars?\b|\beuros?\b|\bpounds?\b|\busd\b|\bgbp\b|\beur\b|\bbudget|\bfunding\b|"
                    r"\bappropriation|\boutlays?\b|\breceipts?\b|\bamount\b|\bcost", re.I)
_ROUNDING = re.compile(r"\bround|\bmay not (?:sum|add)|\bnot sum|\bestimat", re.I)
_ESTIMATE = re.compile(r"\bestimat|\bweighted\b|\bprojected\b|\bapprox", re.I)
_BRACKET_NEGATIVE = re.compile(r"parenthes|bracket", re.I)
_OLD_WORDS = re.compile(r"\b(previous|prior|last|year\s+ago|earlier|base|before|old|opening|start)\b", re.I)
_NEW_WORDS = re.compile(r"\b(current|this|latest|new|closing|end|now)\b", re.I)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s?[-–/]\s?(\d\d|(?:19|20)\d\d))?(?!\d)")


@dataclass
class Column:
    """What a column (or, for cells such as "60 (28.0)", one of its two figures) holds."""

    col: int
    sub: int
    header: str
    role: str = "level"  # level, percent, change, rate, population, other
    additive: bool = True
    reading: str | None = None  # a change's: absolute, relative, points
    period: tuple[int, int] | None = None
    negative_brackets: bool = False
    unusable: bool = False
    total: bool = False
    group: tuple[int, int] = (0, 0)

    @property
    def key(self) -> tuple[int, int]:
        """(column, 0 or 1): the second figure of a paired cell is a column of its own."""
        return (self.col, self.sub)


@dataclass
class Row:
    """A data row: its label, what it is and its figures by column key."""

    row: int
    label: str
    role: str  # data, total, group, other
    level: int = 0
    explicit_total: bool = False
    numbers: dict[tuple[int, int], CellNumber] = field(default_factory=dict)
    missing: set[tuple[int, int]] = field(default_factory=set)


@dataclass
class Reading:
    """A table read for checking: its grid, rows, columns and one figure per number cell."""

    table: Table
    grid: Grid
    rows: list[Row]
    columns: dict[tuple[int, int], Column]
    scaled: bool
    rounded: bool
    money: bool
    figures: dict[tuple[int, int, int], Figure] = field(default_factory=dict)


@dataclass
class Candidate:
    """One proposed relation in a table: the figures by place, how sure, and whether it is the
    only reading of the stated figure it tests."""

    kind: CheckKind
    places: list[tuple[int, int, int] | str]
    target: tuple[int, int, int]
    score: float
    clean: bool


@dataclass
class TableResult:
    """What the table checks give a document: the figures read from cells, the checks, the
    figures outside every table (for the prose linker) and one claim per table row."""

    quantities: list[Quantity]
    outside: list[Quantity]
    checks: list[Check]
    derived: list[Derived]
    claims: list[Claim]


# --------------------------------------------------------------------------- reading


def read_table(table: Table, text: str) -> Reading:
    """Read a table's rows and columns into roles.

    >>> from numcheck.tables import RawCell, layout_table
    >>> t, tb = layout_table([[RawCell("Area"), RawCell("2023"), RawCell("2024"), RawCell("% change")],
    ...                       [RawCell("North"), RawCell("100"), RawCell("110"), RawCell("10.0")]],
    ...                      offset=0, table_id="t1", origin="html")
    >>> [(c.header, c.role, c.reading) for c in read_table(tb, t).columns.values()]
    [('2023', 'level', None), ('2024', 'level', None), ('% change', 'change', 'relative')]
    """
    grid = Grid(table, text)
    context = " ".join(text[s[0] : s[1]] for s in (table.caption, table.notes) if s)
    head_text = " ".join(grid.column_header(c) for c in range(grid.n_cols))
    scaled = bool(_SCALE.search(context) or _SCALE.search(head_text))
    # "Detail may not sum to totals because of rounding" said anywhere holds for every table
    rounded = bool(_ROUNDING.search(context)) or warns_of_rounding(text)
    money = bool(_MONEY.search(context)) and not _PERCENT.search(context[:60])
    rows: list[Row] = []
    first_data = max(table.header_cols, 0)
    for r in range(table.header_rows, grid.n_rows):
        label = grid.row_label(r) if table.header_cols else ""
        stub = grid.cell(r, 0)
        numbers: dict[tuple[int, int], CellNumber] = {}
        missing: set[tuple[int, int]] = set()
        texts = [label] if label else []
        for c in range(first_data, grid.n_cols):
            cell = grid.own(r, c)
            if cell is None:
                continue
            cn = read_cell(grid.text_of(cell))
            if cn is None:
                texts.append(grid.text_of(cell))
                continue
            if cn.form == "missing":
                missing.add((c, 0))
                continue
            if cn.form != "number":
                missing.add((c, 0))
                continue
            numbers[(c, 0)] = _shift(cn, cell.start)
            if cn.second is not None:
                numbers[(c, 1)] = _shift(cn.second, cell.start)
        total_text = next((t for t in texts if _TOTAL.search(bare_label(t))), None)
        if not numbers and not missing:
            role = "group" if label else "other"
        elif not numbers:
            role = "data"
        elif total_text is not None or _ALL.match(bare_label(label)):
            role = "total"
        elif label and _NOT_PART.match(bare_label(label)):
            role = "other"
        else:
            role = "data"
        rows.append(Row(r, label, role, stub.level if stub is not None else 0, total_text is not None, numbers, missing))
    columns = _read_columns(grid, rows, context, money)
    reading = Reading(table, grid, rows, columns, scaled, rounded, money)
    _make_figures(reading, text)
    return reading


_MARKS = re.compile(r"[¹²³⁰⁴-⁹*†‡§]+|\s[a-z](?:,[a-z])*$|(?<=[a-z])[a-z](?:,[a-z])+$|\s\d$")


def bare_label(text: str) -> str:
    """A label or header without its footnote marks ("Total⁴", "Removals²", "2020 Rate a,b").

    >>> bare_label("Total⁴"), bare_label("Stolen property 1")
    ('Total', 'Stolen property')
    """
    return _MARKS.sub("", text).strip()


def _shift(cn: CellNumber, offset: int) -> CellNumber:
    second = _shift(cn.second, offset) if cn.second is not None else None
    return CellNumber(cn.start + offset, cn.end + offset, cn.value, cn.resolution, cn.decimals, cn.form, cn.unit,
                      cn.bracketed, cn.signed, second)


def _read_columns(grid: Grid, rows: list[Row], context: str, money: bool) -> dict[tuple[int, int], Column]:
    columns: dict[tuple[int, int], Column] = {}
    for c in range(grid.table.header_cols, grid.n_cols):
        cells = [row.numbers[(c, 0)] for row in rows if (c, 0) in row.numbers]
        if not cells:
            continue
        header = grid.column_header(c)
        paired = sum(1 for row in rows if (c, 1) in row.numbers) >= max(2, 0.6 * len(cells))
        heads = [header]
        if paired:
            m = re.match(r"^(.*?)\(([^)]*)\)\W*$", bare_label(header.split(" / ")[-1]))
            first, second = (m.group(1), m.group(2)) if m else (header, "")
            prefix = " / ".join(header.split(" / ")[:-1])
            heads = [f"{prefix} / {first}".strip(" /"), f"{prefix} / {second}".strip(" /")]
        own = [bare_label(t) for t, a, b in grid.header_path(c) if b - a == 1 and t]
        for sub, h in enumerate(heads):
            subcells = cells if sub == 0 else [row.numbers[(c, 1)] for row in rows if (c, 1) in row.numbers]
            if sub == 1 and not paired:
                continue
            col = _column_role(c, sub, h, subcells, context, [] if paired else own)
            if sub == 1 and col.role != "percent":
                col.role, col.additive = "other", False  # a standard error, an interval, a note
            columns[col.key] = col
        if not paired:
            for row in rows:
                row.numbers.pop((c, 1), None)
    _assign_groups(grid, columns)
    return columns


def _column_role(c: int, sub: int, header: str, cells: Sequence[CellNumber], context: str,
                 own: Sequence[str] = ()) -> Column:
    col = Column(col=c, sub=sub, header=header)
    # What the column's own header cells say (a header over a group of columns names the group).
    last = " ".join(own) if own else (bare_label(header.split(" / ")[-1]) if header else "")
    pct_cells = sum(1 for x in cells if x.unit == "%")
    bracketed = sum(1 for x in cells if x.bracketed)
    col.negative_brackets = (0 < bracketed < len(cells)) or (bracketed > 0 and bool(_BRACKET_NEGATIVE.search(context)))
    col.unusable = bracketed == len(cells) and not col.negative_brackets and sub == 0
    # A total column names itself in a header cell of its own (a "Total" over a group of
    # columns heads the group, not one column).
    col.total = any(_TOTAL.search(t) or re.fullmatch(r"\W*(all|both)\W*", t, re.I) for t in (own or [last]))
    if _CHANGE.search(last) and not _NOT_CHANGE.search(header):
        col.role = "change"
        if _POINTS.search(last):
            col.reading = "points"
        elif _PERCENT.search(last) or pct_cells > len(cells) / 2:
            col.reading = "relative"
        else:
            col.reading = "absolute"
        col.additive = col.reading == "absolute"
    elif _CHANGE.search(last) or _NOT_CHANGE.search(last):
        col.role, col.additive = "other", False
    elif _RATE_BASE.search(header) or (_RATE.search(last) and not _PERCENT.search(last)):
        col.role, col.additive = "rate", False
        if _ADJUSTED.search(header) or not _RATE_BASE.search(header):
            col.role = "other"
    elif _POPULATION.search(last):
        col.role = "population"
    elif pct_cells > len(cells) / 2 or _PERCENT.search(last) or (_PERCENT.search(header) and not _RATE.search(header)):
        col.role, col.additive = "percent", False
    elif _NON_ADDITIVE.search(last):
        col.role, col.additive = "other", False
    years = [m.group(1) for m in _YEAR.finditer(header)]
    if col.role in ("level", "percent", "rate", "population") and years:
        end = _YEAR.search(header).group(2)  # type: ignore[union-attr]
        y0 = int(years[-1])
        col.period = (y0, y0 + (1 if end else 0))
    return col


def _assign_groups(grid: Grid, columns: dict[tuple[int, int], Column]) -> None:
    """Each column's group: the columns under the lowest spanning header above it (the whole
    table when no header spans)."""
    for col in columns.values():
        lo, hi = grid.table.header_cols, grid.n_cols
        for _text, a, b in grid.header_path(col.col):
            if b - a > 1 and a <= col.col < b:
                lo, hi = a, b
        col.group = (lo, hi)


def _make_figures(reading: Reading, text: str) -> None:
    memo: dict[tuple[tuple[int, int], str | None], tuple[QuantityKind, str | None]] = {}
    for row in reading.rows:
        for key, cn in row.numbers.items():
            col = reading.columns.get(key)
            if col is None:
                continue
            value = cn.value
            if cn.bracketed and col.negative_brackets and value > 0:
                value = -value
            # A whole number is exact, as the precision rule reads counts, unless the table says its
            # figures are rounded: a scale (in thousands), a note on rounding, estimates.
            exact = cn.decimals == 0 and not reading.scaled and not reading.rounded and cn.unit != "%" and not (
                _ESTIMATE.search(col.header)) and (
                col.role in ("level", "population") or (col.role == "change" and col.reading == "absolute"))
            memo_key = (key, cn.unit)
            if memo_key not in memo:
                memo[memo_key] = (_kind(reading, col, cn), _unit(reading, col, cn))
            kind, unit = memo[memo_key]
            # validated: pydantic's validation runs in Rust and is faster than its `model_construct`
            # (6.6 against 9.7 µs a figure; a 100-page table report has 135,000)
            q = Quantity(id=f"_{row.row}_{key[0]}_{key[1]}", start=cn.start, end=cn.end,
                         text=text[cn.start : cn.end], kind=kind, value=plain(value), unit=unit,
                         score=round(reading.table.score, 4), hedge=None, place=None, period=None)
            resolution = cn.resolution
            if _ROUNDING.search(row.label) or _ROUNDING.search(col.header):
                # "World total (rounded)": rounded to its last nonzero digit
                digits = str(abs(int(value))) if value == value.to_integral_value() and value else ""
                zeros = len(digits) - len(digits.rstrip("0")) if digits else 0
                resolution, exact = max(resolution, Decimal(10) ** zeros), False
            interval = admitted(value, resolution, exact=exact)
            reading.figures[(row.row, *key)] = Figure(q, value, resolution, exact, None, interval)


def _kind(reading: Reading, col: Column, cn: CellNumber) -> QuantityKind:
    if col.role == "change":
        return K.CHANGE
    if col.role == "rate":
        return K.RATE
    if col.role == "percent" or cn.unit == "%":
        return K.PERCENT
    if cn.unit is not None or _MONEY.search(col.header) and not _NON_ADDITIVE.search(col.header) or reading.money:
        return K.MONEY
    return K.COUNT


def _unit(reading: Reading, col: Column, cn: CellNumber) -> str | None:
    if col.role == "rate":
        m = _RATE_BASE.search(col.header)
        return f"per {m.group(1)}" if m else None
    if col.role == "change":
        return {"relative": "%", "points": "pp"}.get(col.reading or "", cn.unit)
    if col.role == "percent" or cn.unit == "%":
        return "%"
    return cn.unit


# --------------------------------------------------------------------------- proposing


def propose(reading: Reading) -> list[list[Candidate]]:
    """The relations a table states, grouped by the stated figure each tests (first reading first).

    >>> from numcheck.tables import RawCell, layout_table
    >>> rows = [["Area", "Cases"], ["North", "10"], ["South", "12"], ["Total", "22"]]
    >>> t, tb = layout_table([[RawCell(x) for x in r] for r in rows], offset=0, table_id="t1", origin="html")
    >>> [(c[0].kind.value, len(c[0].places), c[0].clean) for c in propose(read_table(tb, t))]
    [('sum', 3, True)]
    """
    groups: list[list[Candidate]] = []
    groups += _column_totals(reading)
    groups += _indented_totals(reading)
    groups += _row_totals(reading)
    groups += _shares(reading)
    groups += _changes(reading)
    groups += _rates(reading)
    return [g for g in groups if g]


def _base(reading: Reading) -> float:
    return reading.table.score


def _additive(col: Column) -> bool:
    return col.additive and not col.unusable


def _column_totals(reading: Reading) -> list[list[Candidate]]:
    out: list[list[Candidate]] = []
    rows = reading.rows
    for key, col in reading.columns.items():
        if not (_additive(col) or col.role == "percent"):
            continue
        for i, total in enumerate(rows):
            if total.role != "total" or key not in total.numbers:
                continue
            cands = _total_readings(reading, rows, i, key, col)
            if col.role == "percent":
                # A share column adds up only when its total says 100.
                if not (Decimal(99) <= total.numbers[key].value <= Decimal(101)):
                    continue
            if cands and all(c.score < 0.61 * _base(reading) and not c.clean for c in cands) and _parallel(rows, i):
                out.extend([c] for c in cands)  # breakdowns of one total: each its own relation
            else:
                out.append(cands)
    return out


def _segment_start(rows: list[Row], i: int) -> int:
    """Index of the first row of the group holding row i (after the last group heading)."""
    j = i
    while j > 0 and rows[j - 1].role != "group":
        j -= 1
    return j


def _total_readings(reading: Reading, rows: list[Row], i: int, key: tuple[int, int], col: Column) -> list[Candidate]:
    total = rows[i]
    start = _segment_start(rows, i)
    above = rows[start:i]
    base = _base(reading) * (0.95 if total.explicit_total else 0.8)
    cands: list[Candidate] = []
    target = (total.row, *key)

    def cand(parts: list[Row], score: float, clean: bool) -> None:
        # A part printed as a dash or "N/A" adds nothing; the sum is then no longer sure.
        places = [(p.row, *key) for p in parts if (p.row, *key) in reading.figures]
        blank = sum(1 for p in parts if key not in p.missing and key not in p.numbers)
        if any(key in p.missing for p in parts) or blank > len(parts) / 2:
            clean = False  # a dash may be nil or not available; a column mostly blank is not summed
        if len(places) >= 2 and target in reading.figures:
            cands.append(Candidate(CheckKind.sum, [*places, target], target, round(score, 4), clean))

    def parts_ok(parts: list[Row]) -> bool:
        return all(key in p.numbers for p in parts) and not any(key in p.missing for p in parts)

    if not above or all(r.role in ("group", "other") for r in above):
        # The total printed first: the rows below it, to the next total or heading.
        below: list[Row] = []
        for r in rows[i + 1 :]:
            if r.role in ("group", "total"):
                break
            below.append(r)
        parts = [r for r in below if r.role == "data"]
        clean = parts_ok(parts) and not any(r.role == "other" for r in below) and _one_level(parts)
        cand(parts, base * 0.9, clean)
        # Totals printed first, nested: an inner total takes the rows under it.
        nested: list[Row] = []
        inner = False
        for r in rows[i + 1 :]:
            if r.role == "group" or (r.role == "total" and r.explicit_total and not _TOTAL.search(bare_label(r.label))
                                     and False):
                break
            if r.role == "total":
                nested.append(r)
                inner = True
            elif r.role == "data" and not inner:
                nested.append(r)
        if len(nested) > len(parts):
            cand(nested, base * 0.7, False)
        if parts and not _one_level(parts):
            top = min(p.level for p in parts)
            cand([p for p in parts if p.level == top], base * 0.8, False)
        # Groups that follow a leading total (Sex, Age, ...) each break it down, when they do.
        later = _later_groups(rows, i)
        for grp in later:
            cand(grp, base * 0.6, False)
        return cands
    inner = [j for j in range(start, i) if rows[j].role == "total"]
    if start > 0 and not inner and rows[start - 1].role == "group":
        groups = _groups_before(rows, start - 1, i)
        if len(groups) >= 2:
            # Several breakdowns (Sex, Race, Ethnicity) above one total: each is a breakdown of it,
            # and one may leave out a category ("not stated"), so none can make it wrong.
            for grp in reversed(groups):
                cand(grp, base * 0.6, False)
            return cands
    last_inner = inner[-1] if inner else start - 1
    earlier = [r for r in rows[:i] if r.role == "total" and key in r.numbers]
    if earlier and last_inner == i - 1 and (start > 0 or len(inner) >= 2):
        # A total right under the subtotals of the groups above it: their grand total.
        single = all(sum(1 for r in rows[_segment_start(rows, j):j + 1] if r.role == "total") == 1
                     for j in (rows.index(e) for e in earlier))
        clean = single and parts_ok(earlier) and total.explicit_total
        cand(earlier, base, clean)
        if clean:
            return cands
    block = [r for r in rows[last_inner + 1 : i]]
    parts = [r for r in block if r.role == "data"]
    clean = (not inner and parts_ok(parts) and not any(r.role == "other" for r in block) and _one_level(parts)
             and total.level <= min((p.level for p in parts), default=0))
    cand(parts, base, clean)
    if not _one_level(parts):
        top = min(p.level for p in parts)
        cand([p for p in parts if p.level == top], base * 0.8, False)
    if inner:
        subtotals = [rows[j] for j in inner]
        cand(subtotals + parts, base * 0.75, False)
        cand([r for r in rows[start:i] if r.role == "data"], base * 0.7, False)
        cand(subtotals, base * 0.7, False)
    return cands


def _indented_totals(reading: Reading) -> list[list[Candidate]]:
    """A row followed by rows indented one step further is their subtotal ("Violent crime"
    above "Murder", "Robbery", ...). Indentation is read off the page, so such a sum is
    reported when it agrees and never flagged."""
    out: list[list[Candidate]] = []
    rows = reading.rows
    for i, parent in enumerate(rows):
        if parent.role not in ("data", "total"):
            continue
        children: list[Row] = []
        for r in rows[i + 1 :]:
            if r.level <= parent.level or r.role == "group":
                break
            if r.level == parent.level + 1 and r.role == "data":
                children.append(r)
        if len(children) < 2:
            continue
        for key, col in reading.columns.items():
            target = (parent.row, *key)
            places = [(c.row, *key) for c in children if (c.row, *key) in reading.figures]
            if _additive(col) and target in reading.figures and len(places) >= 2:
                out.append([Candidate(CheckKind.sum, [*places, target], target, round(_base(reading) * 0.7, 4), False)])
    return out


def _parallel(rows: list[Row], i: int) -> bool:
    """Whether the total at row i closes several headed groups (breakdowns of it)."""
    start = _segment_start(rows, i)
    return start > 0 and rows[start - 1].role == "group" and len(_groups_before(rows, start - 1, i)) >= 2


def _groups_before(rows: list[Row], heading: int, total: int) -> list[list[Row]]:
    """The groups of data rows under the headings that precede a total, back to the previous total."""
    groups: list[list[Row]] = []
    current: list[Row] = []
    for r in rows[: heading + 1][::-1]:
        if r.role == "total":
            break
        if r.role == "group":
            if current:
                groups.insert(0, current[::-1])
            current = []
        elif r.role == "data":
            current.append(r)
    groups_after = [r for r in rows[heading + 1 : total] if r.role == "data"]
    out = [g for g in groups if g]
    return out + ([groups_after] if groups_after else [])


def _one_level(parts: list[Row]) -> bool:
    return len({p.level for p in parts}) <= 1


def _later_groups(rows: list[Row], i: int) -> list[list[Row]]:
    groups: list[list[Row]] = []
    current: list[Row] | None = None
    for r in rows[i + 1 :]:
        if r.role == "group":
            current = []
            groups.append(current)
        elif r.role == "total":
            current = None
        elif current is not None and r.role == "data":
            current.append(r)
    return [g for g in groups if len(g) >= 2]


def _row_totals(reading: Reading) -> list[list[Candidate]]:
    """A total column against the columns of its group. With several totals in one group the
    parts are read three ways (the columns up to the next total; those and the next total,
    which is then a subtotal; the columns since the previous total), none of them sure."""
    out: list[list[Candidate]] = []
    cols = reading.columns
    totals = [c for c in cols.values() if c.total and _additive(c)]
    for tcol in totals:
        lo, hi = tcol.group
        same = sorted((c for c in cols.values() if lo <= c.col < hi and c.sub == tcol.sub and _additive(c)
                       and c.role == tcol.role), key=lambda c: c.col)
        others = [c for c in same if c.total and c.col != tcol.col]
        readings: list[tuple[list[Column], bool]] = []
        if not others:
            readings.append(([c for c in same if c.col != tcol.col], True))
        else:
            nxt = next((c for c in others if c.col > tcol.col), None)
            prev = next((c for c in reversed(others) if c.col < tcol.col), None)
            right = [c for c in same if tcol.col < c.col < (nxt.col if nxt else hi)]
            readings.append((right, False))
            if nxt is not None:
                readings.append((right + [nxt], False))
            readings.append(([c for c in same if (prev.col if prev else lo - 1) < c.col < tcol.col], False))
        explicit = bool(_TOTAL.search(bare_label(tcol.header.split(" / ")[-1])))
        score = _base(reading) * (0.9 if explicit else 0.75)
        for row in reading.rows:
            if row.role not in ("data", "total"):
                continue
            target = (row.row, *tcol.key)
            if target not in reading.figures:
                continue
            group = []
            for parts, clean in readings:
                places = [(row.row, *c.key) for c in parts if (row.row, *c.key) in reading.figures]
                blank = [c for c in parts if (row.row, *c.key) not in reading.figures]
                if len(places) < 2 or len(blank) * 2 > len(parts):
                    continue
                # a blank or a dash in a row adds nothing, but the sum is then no longer sure
                group.append(Candidate(CheckKind.sum, [*places, target], target, round(score, 4), clean and not blank))
            if group:
                out.append(group)
    return out


def _covering_total(rows: list[Row], i: int, key: tuple[int, int]) -> tuple[Row | None, bool]:
    """The total row whose sum covers row i in a column, and whether it is the only candidate."""
    start = _segment_start(rows, i)
    for j in range(i + 1, len(rows)):
        if rows[j].role == "group":
            break
        if rows[j].role == "total" and key in rows[j].numbers:
            return rows[j], True
    for j in range(i - 1, -1, -1):
        if rows[j].role == "total" and key in rows[j].numbers:
            return rows[j], j >= start and all(r.role != "total" for r in rows[j + 1 : i])
        if rows[j].role == "group" and j < start:
            break
    return None, False


def _shares(reading: Reading) -> list[list[Candidate]]:
    out: list[list[Candidate]] = []
    cols = reading.columns
    for pcol in cols.values():
        if pcol.role != "percent" or pcol.unusable:
            continue
        lo, hi = pcol.group
        counts = [c for c in cols.values() if lo <= c.col < hi and c.role == "level" and _additive(c)
                  and (c.col, c.sub) < (pcol.col, pcol.sub)]
        if not counts:
            out.extend(_row_shares(reading, pcol))
            continue
        ncol = max(counts, key=lambda c: (c.col, c.sub))
        for i, row in enumerate(reading.rows):
            if row.role != "data":
                continue
            total, only = _covering_total(reading.rows, i, ncol.key)
            if total is None:
                continue
            place, part, whole = (row.row, *pcol.key), (row.row, *ncol.key), (total.row, *ncol.key)
            if not all(p in reading.figures for p in (place, part, whole)):
                continue
            hundred = pcol.key in total.numbers and Decimal(99) <= total.numbers[pcol.key].value <= Decimal(101)
            score = _base(reading) * (0.9 if hundred else 0.6)
            out.append([Candidate(CheckKind.share, [place, part, whole], place, round(score, 4),
                                  hundred and only and total.explicit_total)])
    return out


def _own_name(col: Column) -> str:
    return bare_label(col.header.split(" / ")[-1]).lower()


def _row_shares(reading: Reading, pcol: Column) -> list[list[Candidate]]:
    """A percent column named like a count column elsewhere ("Good" under "percent" and "Good"
    under "number") is that count's share of the row's total column."""
    cols = reading.columns
    name = _own_name(pcol)
    named = [c for c in cols.values() if c.role == "level" and _additive(c) and c.key != pcol.key and _own_name(c) == name]
    if len(named) != 1 or not name:
        return []
    ncol = named[0]
    totals = [c for c in cols.values() if c.total and c.role == "level" and c.group == ncol.group]
    totals = totals or [c for c in cols.values() if c.total and c.role == "level"]
    if len(totals) != 1:
        return []
    tcol = totals[0]
    out = []
    for row in reading.rows:
        if row.role not in ("data", "total"):
            continue
        place, part, whole = (row.row, *pcol.key), (row.row, *ncol.key), (row.row, *tcol.key)
        if all(p in reading.figures for p in (place, part, whole)):
            out.append([Candidate(CheckKind.share, [place, part, whole], place, round(_base(reading) * 0.85, 4), True)])
    return out


def _changes(reading: Reading) -> list[list[Candidate]]:
    out: list[list[Candidate]] = []
    cols = reading.columns
    for ccol in cols.values():
        if ccol.role != "change" or ccol.unusable:
            continue
        lo, hi = ccol.group
        percent_change = ccol.reading in ("relative", "points")
        levels = [c for c in cols.values() if lo <= c.col < hi and c.sub == 0 and c.col != ccol.col
                  and (c.role == "level" or (c.role == "percent" and percent_change) or c.role == "rate")
                  and not c.unusable]
        pairs = _period_pairs(ccol, levels)
        for row in reading.rows:
            if row.role not in ("data", "total"):
                continue
            place = (row.row, *ccol.key)
            if place not in reading.figures:
                continue
            group = []
            for (old, new), score, clean in pairs:
                po, pn = (row.row, *old.key), (row.row, *new.key)
                if po in reading.figures and pn in reading.figures:
                    group.append(Candidate(CheckKind.change, [place, po, pn], place,
                                           round(_base(reading) * score, 4), clean and len(pairs) == 1))
            if group:
                out.append(group)
    return out


def _period_pairs(ccol: Column, levels: list[Column]) -> list[tuple[tuple[Column, Column], float, bool]]:
    """The (old, new) level columns a change column may compare, surest first."""
    if len(levels) < 2:
        return []
    named = [int(m.group(1)) for m in _YEAR.finditer(ccol.header)]
    with_period = [c for c in levels if c.period is not None]
    if len(named) >= 2:
        old = [c for c in with_period if c.period[0] == min(named)]  # type: ignore[index]
        new = [c for c in with_period if c.period[0] == max(named)]  # type: ignore[index]
        if len(old) == 1 and len(new) == 1:
            return [((old[0], new[0]), 0.95, True)]
    if len(levels) == 2:
        return [(_order(levels[0], levels[1]), 0.9, True)]
    left = sorted((c for c in levels if c.col < ccol.col), key=lambda c: c.col)
    pairs = []
    if len(left) >= 2:
        pairs.append((_order(left[-2], left[-1]), 0.65, False))
    ordered = sorted(levels, key=lambda c: c.col)
    for a, b in zip(ordered, ordered[1:]):
        pair = _order(a, b)
        if all(pair != p for p, _s, _c in pairs):
            pairs.append((pair, 0.55, False))
    return pairs


def _order(a: Column, b: Column) -> tuple[Column, Column]:
    """Old first: by the years in the headers, else by words (previous, current), else left first."""
    if a.period and b.period and a.period != b.period:
        return (a, b) if a.period < b.period else (b, a)
    if _OLD_WORDS.search(b.header) and not _OLD_WORDS.search(a.header) or _NEW_WORDS.search(a.header) and not (
            _NEW_WORDS.search(b.header)):
        return (b, a)
    return (a, b)


def _rates(reading: Reading) -> list[list[Candidate]]:
    out: list[list[Candidate]] = []
    cols = reading.columns
    for rcol in cols.values():
        if rcol.role != "rate":
            continue
        lo, hi = rcol.group
        pops = [c for c in cols.values() if c.role == "population" and c.sub == 0]
        counts = [c for c in cols.values() if lo <= c.col < hi and c.role == "level" and c.sub == 0 and _additive(c)]
        if len(pops) != 1 or not counts:
            continue
        ncol = max((c for c in counts if c.col < rcol.col), key=lambda c: c.col, default=counts[0])
        for row in reading.rows:
            if row.role not in ("data", "total"):
                continue
            place, count, pop = (row.row, *rcol.key), (row.row, *ncol.key), (row.row, *pops[0].key)
            if all(p in reading.figures for p in (place, count, pop)):
                out.append([Candidate(CheckKind.rate, [place, count, pop], place, round(_base(reading) * 0.9, 4),
                                      len(counts) == 1 and not reading.scaled)])
    return out


# --------------------------------------------------------------------------- checking


def check_tables(
    doc: Document,
    tables: Sequence[Table],
    quantities: Sequence[Quantity],
    *,
    reference: Reference | None = None,
    population: float | None = None,
) -> TableResult:
    """Check every table of a document and split its figures into table cells and the rest.

    The figures the extractor found inside a table's number cells are replaced by the cells'
    own (their sign, unit and kind read from the structure); figures elsewhere in a table (a
    year in a label, a band) are kept but enter no check; the figures outside every table are
    returned for the prose linker.

    >>> from numcheck.tables import RawCell, layout_table
    >>> rows = [["Area", "Cases"], ["North", "10"], ["South", "12"], ["Total", "25"]]
    >>> t, tb = layout_table([[RawCell(x) for x in r] for r in rows], offset=0, table_id="t1", origin="html")
    >>> res = check_tables(Document(id="d", text=t), [tb], [])
    >>> [(c.kind.value, c.verdict.value, c.row, c.column) for c in res.checks]
    [('sum', 'inconsistent', 3, 1)]
    """
    text = doc.text
    readings = [read_table(t, text) for t in tables]
    cell_spans = sorted((f.quantity.start, f.quantity.end) for r in readings for f in r.figures.values())
    table_spans = sorted((t.start, t.end) for t in tables)
    outside: list[Quantity] = []
    kept_inside: list[Quantity] = []
    for q in quantities:
        if _overlaps(q.start, q.end, cell_spans):
            continue
        (kept_inside if _overlaps(q.start, q.end, table_spans) else outside).append(q)
    table_qs = [f.quantity for r in readings for f in r.figures.values()]
    # Final ids in text order over every figure of the document, so both checkers share them.
    ordered = sorted([*outside, *kept_inside, *table_qs], key=lambda q: (q.start, q.end))
    own = {id(q) for q in table_qs}
    renamed: dict[int, Quantity] = {}
    for i, q in enumerate(ordered, start=1):
        if id(q) in own:
            q.id = f"q{i}"  # made here from the structure: renamed in place (a long report has thousands)
            renamed[id(q)] = q
        else:
            renamed[id(q)] = q.model_copy(update={"id": f"q{i}"})  # the extractor's: never changed under it
    masked = _masked_text(text, readings)
    # The arithmetic reads only the number cells; a note that totals may not add up because of
    # rounding is read from the whole document.
    note = warns_of_rounding(text)
    checks: list[Check] = []
    derived: list[Derived] = []
    claims: list[Claim] = []
    for reading in readings:
        figures = reading.figures
        by_id = {f.id: f for f in figures.values()}
        seen: set[tuple[str, tuple[str | None, ...]]] = set()
        decided = []
        for group in propose(reading):
            check = _decide(group, reading, masked, by_id, reference=reference, population=population, seen=seen,
                            rounding_note=note)
            if check is not None:
                decided.append(check)
        decided += _prose_totals(reading, text, [renamed[id(q)] for q in outside], masked, by_id, seen, rounding_note=note)
        for check, more in _sparse_errors(decided):
            checks.append(check)
            derived.extend(more)
        claims.extend(_row_claims(reading, text))
    inside = [renamed[id(q)] for q in [*kept_inside, *table_qs]]
    return TableResult(
        quantities=sorted(inside, key=lambda q: (q.start, q.end)),
        outside=[renamed[id(q)] for q in outside],
        checks=checks,
        derived=derived,
        claims=claims,
    )


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint spans."""
    i = bisect.bisect_left(spans, (end, -1))
    return any(a < end and start < b for a, b in spans[max(0, i - 3) : i])


def _masked_text(text: str, readings: Sequence[Reading]) -> str:
    """The text the arithmetic reads for table checks: only the number cells, each at its
    place, so that no word of a row label or header ("Reductions", "less") is taken for a
    change's direction; an unsigned figure in a change column that prints falls with a minus
    is marked as a rise."""
    chars = [" "] * len(text)
    for reading in readings:
        signed_cols = {key for key, col in reading.columns.items() if col.role == "change" and any(
            (r.row, *key) in reading.figures and reading.figures[(r.row, *key)].value < 0 for r in reading.rows)}
        for (row, c, sub), f in reading.figures.items():
            q = f.quantity
            chars[q.start : q.end] = text[q.start : q.end]
            if (c, sub) in signed_cols and f.value > 0 and not f.text.lstrip().startswith("+") and q.start >= 2:
                chars[q.start - 2 : q.start] = [",", "+"]
    return "".join(chars)


def _decide(group: list[Candidate], reading: Reading, masked: str, by_id: dict[str, Figure], *,
            reference: Reference | None, population: float | None,
            seen: set[tuple[str, tuple[str | None, ...]]], rounding_note: bool = False,
            ) -> tuple[Check, list[Derived]] | None:
    """The first reading that agrees; else the only reading, when it is clean and sure enough.
    `rounding_note`: the document warns that components may not sum to totals (`check_sum`)."""
    figures = reading.figures
    tried: list[tuple[Candidate, Check, list[Derived]]] = []
    for cand in group:
        members = tuple(figures[p].id if isinstance(p, tuple) else p for p in cand.places)
        key = (cand.kind.value, members)
        if key in seen:
            return None
        check, derived = check_relation(masked, by_id, Relation(cand.kind, members, cand.score),
                                        reference=reference, population=population, rounding_note=rounding_note)
        tried.append((cand, check, derived))
        if check.verdict is Verdict.consistent:
            seen.add(key)
            return _placed(check, cand, reading), derived
    if len(tried) != 1:
        return None
    cand, check, derived = tried[0]
    if check.verdict is Verdict.inconsistent and (not cand.clean or cand.score < FLAG_MIN_SCORE):
        return None
    seen.add((cand.kind.value, tuple(check.quantities)))
    return _placed(check, cand, reading), derived


_YEAR_TOKEN = re.compile(r"(?<![\d,.])(19[5-9]\d|20\d\d)(?![\d,])")


def _prose_totals(reading: Reading, text: str, outside: list[Quantity], masked: str, by_id: dict[str, Figure],
                  seen: set[tuple[str, tuple[str | None, ...]]], *, rounding_note: bool = False,
                  ) -> list[tuple[Check, list[Derived]]]:
    """A table without a total row whose year column adds up to the total the prose beside it
    states for that year ("19,263 arrests in 2024" above a table of wards by year).

    The prose figure must be the one count or amount for that year near the table (an average
    is none) and larger than every part; a sum further than a quarter from it is another
    total, not an error.
    """
    from numcheck.checks.figure import make_figure

    if any(r.role == "total" for r in reading.rows):
        return []
    table = reading.table
    near = [q for q in outside if table.start - 2000 <= q.start < table.start or table.end <= q.start < table.end + 1000]
    near = [q for q in near if QuantityKind(q.kind) in (K.COUNT, K.MONEY)]
    out: list[tuple[Check, list[Derived]]] = []
    for key, col in reading.columns.items():
        if not _additive(col) or col.period is None or col.period[0] != col.period[1]:
            continue
        parts = [(r.row, *key) for r in reading.rows if r.role == "data" and (r.row, *key) in reading.figures]
        if len(parts) < 2:
            continue
        biggest = max(abs(reading.figures[p].value) for p in parts)
        total = sum(reading.figures[p].value for p in parts)
        matches = []
        for q in near:
            f = make_figure(q, text)
            if f is None or abs(f.value) <= biggest or _year_near(text, q) != col.period[0]:
                continue
            if re.search(r"\b(average|mean|median|per)\b[^.\d]{0,20}$", text[max(0, q.start - 30) : q.start], re.I):
                continue  # an average is not a total
            matches.append(f)
        if len(matches) != 1 or abs(total - matches[0].value) > abs(matches[0].value) / 4:
            continue
        prose = matches[0]
        members = tuple([reading.figures[p].id for p in parts] + [prose.id])
        if ("sum", members) in seen:
            continue
        seen.add(("sum", members))
        figures = {**by_id, prose.id: prose}
        score = round(_base(reading) * 0.8, 4)
        check, derived = check_relation(masked, figures, Relation(CheckKind.sum, members, score),
                                        rounding_note=rounding_note)
        if check.verdict is Verdict.inconsistent and score < FLAG_MIN_SCORE:
            continue
        cells = [[p[0], p[1]] for p in parts] + [None]
        out.append((check.model_copy(update={"table": table.id, "row": None, "column": key[0], "cells": cells}),
                    derived))
    return out


def _year_near(text: str, q: Quantity) -> int | None:
    """The year printed nearest to a figure in its sentence."""
    lo = max(text.rfind(". ", 0, q.start), text.rfind("\n", 0, q.start), 0)
    hi_candidates = [i for i in (text.find(". ", q.end), text.find("\n", q.end)) if i >= 0]
    hi = min(hi_candidates) if hi_candidates else len(text)
    best = None
    for m in _YEAR_TOKEN.finditer(text, lo, hi):
        if q.start <= m.start() < q.end:
            continue
        dist = abs(m.start() - q.start)
        if best is None or dist < best[0]:
            best = (dist, int(m.group(1)))
    return best[1] if best else None


def _sparse_errors(decided: list[tuple[Check, list[Derived]]]) -> list[tuple[Check, list[Derived]]]:
    """Drop the disagreements of a reading that fails in most of its instances.

    One rule of a table (the total row, a total column, a change column) is checked once per
    column or per row. A printed error touches a cell or two; when most instances of one rule
    disagree, the rule was read wrong (rows missing from a block, another table's total), and
    none of its disagreements is reported, unless they all go through one figure (shares of a
    mistyped total), which is then the error.
    """
    groups: dict[tuple[object, ...], list[int]] = {}
    for i, (check, _d) in enumerate(decided):
        # A sum over a column is one instance of its total row's rule; every other check is one
        # instance of its column's.
        key = (check.kind.value, "row", check.row) if check.kind is CheckKind.sum and check.cells and all(
            c is None or c[1] == check.column for c in check.cells) else (check.kind.value, "col", check.column)
        groups.setdefault(key, []).append(i)
    drop: set[int] = set()
    for members in groups.values():
        bad = [i for i in members if decided[i][0].verdict is Verdict.inconsistent]
        if len(members) >= 2 and len(bad) * 2 > len(members):
            shared = set.intersection(*(set(decided[i][0].quantities) for i in bad))
            if len(bad) >= 2 and shared - {None, "100%"}:
                continue  # every disagreement goes through one figure (a wrong total): that figure is the error
            drop.update(bad)
    return [d for i, d in enumerate(decided) if i not in drop]


def _placed(check: Check, cand: Candidate, reading: Reading) -> Check:
    cells = [[p[0], p[1]] if isinstance(p, tuple) else None for p in cand.places]
    return check.model_copy(update={"table": reading.table.id, "row": cand.target[0], "column": cand.target[1],
                                    "cells": cells})


def _row_claims(reading: Reading, text: str) -> list[Claim]:
    by_row: dict[int, list[str]] = {}
    for (row, _c, _s), f in sorted(reading.figures.items(), key=lambda kv: kv[1].quantity.start):
        by_row.setdefault(row, []).append(f.id)
    spans: dict[int, tuple[int, int]] = {}
    for c in reading.table.cells:
        lo, hi = spans.get(c.row, (c.start, c.end))
        spans[c.row] = (min(lo, c.start), max(hi, c.end))
    return [Claim(start=spans[row][0], end=spans[row][1], quantities=ids)
            for row, ids in sorted(by_row.items()) if row in spans]
