#!/usr/bin/env python3
"""Generate the synthetic table set: HTML pages and PDFs with tables, their gold checks, and
the gold-format JSONL that `numcheck eval --gold` reads.

Every document is written from a random draw (seeded): tables of the kinds statistical
releases print (a total row, nested subtotals, a total column, change columns against two
periods, a share column against its count and 100, a rate per 100,000 against a count and a
population, salary bands, accounting negatives in brackets) in the layouts they come in (an
HTML page with page furniture; a PDF report with running heads and page numbers; a
two-column PDF; ruled and unruled tables). Values are drawn unrounded and printed rounded,
as publishers do, so totals may differ from the sum of their printed parts by rounding.
About one table in three gets one planted error: a total off by a typo, a percent change
computed against the wrong period, a change with the wrong sign, a share of the wrong
whole, a rate against the wrong population. The gold says which relations hold, from the
generator's own values, independently of numcheck's arithmetic: every relation that a
planted error touches is `inconsistent`, every other `consistent`.

The gold document's `text` and `tables` are what numcheck reads from the file (the
reader is part of what is measured, but its grid is the eval's input); each gold figure is
found in that text by its printed string, which the generator keeps unique within a
document. A figure the reader lost cannot be placed: its checks are left out of the gold
and counted in the summary this script prints.

    python scripts/make_table_set.py --out /tmp/table-set --n 40 --seed 19
    numcheck eval --gold /tmp/table-set/gold.jsonl --extractor rules --out /tmp/table-eval
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

# ----------------------------------------------------------------------------- table model


@dataclass
class Cell:
    """A printed cell: its text and, for a figure, its key in the gold."""

    text: str
    key: str | None = None
    header: bool = False
    colspan: int = 1


@dataclass
class Relation:
    """A relation the table states: check kind, member keys in gold order, and whether it holds."""

    kind: str
    members: list[str | None]
    holds: bool = True


@dataclass
class GenTable:
    """One generated table: caption, unit line, header rows, body rows, notes, relations."""

    caption: str
    unit: str
    head: list[list[Cell]]
    body: list[list[Cell]]
    notes: str
    relations: list[Relation]
    figures: dict[str, tuple[str, str, float]] = field(default_factory=dict)  # key -> (text, kind, value)
    levels: dict[int, int] = field(default_factory=dict)  # body row -> indentation level
    ruled: bool = False


PLACES = ["North", "South", "East", "West", "Central", "Coastal", "Highland", "Riverside", "Valley", "Harbour",
          "Lakeside", "Forest", "Moorland", "Old Town", "New Town", "Airport"]
SERVICES = ["Roads", "Schools", "Libraries", "Parks", "Housing", "Transport", "Waste", "Policing", "Health",
            "Water", "Energy", "Culture", "Planning", "Social care", "Fire service", "Museums"]
CRIMES = ["Burglary", "Robbery", "Vehicle theft", "Fraud", "Assault", "Vandalism", "Shoplifting", "Arson",
          "Cybercrime", "Drug offences", "Public order", "Weapons"]


class Printer:
    """Prints figures so that no printed string repeats within a document."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def free(self, text: str) -> bool:
        return text not in self.used and re.sub(r"[^\d]", "", text) not in {"", "0"}

    def take(self, text: str) -> str:
        self.used.add(text)
        return text


def fmt(x: float, decimals: int, *, sign: bool = False, brackets: bool = False, money: str = "") -> str:
    q = Decimal(str(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    neg = q < 0
    body = f"{abs(q):,.{decimals}f}"
    if money:
        body = money + body
    if neg and brackets:
        return f"({body})"
    if neg:
        return "-" + body
    return ("+" + body) if sign and q > 0 else body


def rounded(x: float, decimals: int) -> float:
    return float(Decimal(str(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


class Collision(Exception):
    """A computed figure would print like another figure of the document."""


class Builder:
    """Draws the tables of one document."""

    def __init__(self, rng: random.Random, printer: Printer, prefix: str) -> None:
        self.rng = rng
        self.p = printer
        self.prefix = prefix
        self.n = 0
        #: each figure's value before printing (after any nudge), by key
        self.raw: dict[str, float] = {}

    def key(self) -> str:
        self.n += 1
        return f"{self.prefix}k{self.n}"

    def figure(self, table: GenTable, value: float, decimals: int, kind: str, *, derived: bool = False,
               **style: Any) -> Cell:
        """A figure cell whose printed string is unique in the document. A figure drawn at random
        is nudged until it is; one computed from others (a total, a change) cannot move, so a
        clash raises `Collision` and the table is drawn again."""
        for _ in range(200):
            text = fmt(value, decimals, **style)
            if self.p.free(text):
                break
            if derived:
                raise Collision(text)
            value += (1 if decimals == 0 else 10 ** -decimals) * self.rng.choice([1, -1, 2, -2, 3])
        k = self.key()
        table.figures[k] = (self.p.take(text), kind, rounded(value, decimals))
        self.raw[k] = value
        return Cell(text, k)

    # -- kinds of table ------------------------------------------------------------------

    def totals(self, n_table: int, *, nested: bool = False, money: bool = False, brackets: bool = False) -> GenTable:
        """Rows by category, period columns, a total row (with subtotal groups when nested)."""
        rng = self.rng
        years = sorted(rng.sample(range(2016, 2026), rng.choice([2, 3, 4])))
        scale = rng.choice(["thousands", "millions"]) if money else ""
        decimals = 1 if money and scale == "millions" else 0
        cur = rng.choice(["$", "£"]) if money else ""
        unit = (f"({cur} in {scale})" if money else rng.choice(["(number of cases)", "(people)", "(incidents)"]))
        t = GenTable(caption=f"Table {n_table}. {rng.choice(['Spending', 'Budget', 'Outturn']) if money else rng.choice(['Recorded crimes', 'Cases', 'Applications'])} by "
                     f"{rng.choice(['service', 'area', 'category'])}, {years[0]}-{years[-1]}",
                     unit=unit, head=[], body=[], notes="", relations=[], ruled=rng.random() < 0.4)
        t.head = [[Cell("Category", header=True)] + [Cell(str(y), header=True) for y in years]]
        labels = rng.sample(SERVICES if money else CRIMES, rng.randint(6, 9) if nested else rng.randint(3, 7))
        groups = [labels[: len(labels) // 2], labels[len(labels) // 2 :]] if nested else [labels]
        group_names = ["Capital", "Revenue"] if money else ["Property", "Personal"]
        base = 10 ** rng.randint(2, 4)
        total_vals = [0.0] * len(years)
        sub_rows = []
        for gi, grp in enumerate(groups):
            if nested:
                t.body.append([Cell(f"{group_names[gi]} {'spending' if money else 'offences'}")] + [Cell("") for _ in years])
            sub_vals = [0.0] * len(years)
            parts_rows = []
            for lab in grp:
                row = [Cell(lab)]
                keys = []
                for yi, _y in enumerate(years):
                    v = rng.uniform(0.2, 3) * base * (1 if not brackets or rng.random() > 0.2 else -0.3)
                    v = v if decimals else round(v)
                    sub_vals[yi] += v
                    c = self.figure(t, v, decimals, "MONEY" if money else "COUNT", brackets=brackets)
                    sub_vals[yi] += self.raw[c.key] - v
                    row.append(c)
                    keys.append(c.key)
                t.body.append(row)
                if nested:
                    t.levels[len(t.body) - 1] = 1
                parts_rows.append(keys)
            if nested:
                row = [Cell(f"Total {group_names[gi].lower()}")]
                skeys = []
                for yi in range(len(years)):
                    c = self.figure(t, sub_vals[yi], decimals, "MONEY" if money else "COUNT", brackets=brackets,
                                    derived=True)
                    row.append(c)
                    skeys.append(c.key)
                t.body.append(row)
                for yi in range(len(years)):
                    t.relations.append(Relation("sum", [r[yi] for r in parts_rows] + [skeys[yi]]))
                sub_rows.append(skeys)
            else:
                sub_rows = parts_rows
            for yi in range(len(years)):
                total_vals[yi] += sub_vals[yi]
        row = [Cell("Total")]
        tkeys = []
        for yi in range(len(years)):
            c = self.figure(t, total_vals[yi], decimals, "MONEY" if money else "COUNT", brackets=brackets,
                            derived=True)
            row.append(c)
            tkeys.append(c.key)
        t.body.append(row)
        for yi in range(len(years)):
            t.relations.append(Relation("sum", [r[yi] for r in sub_rows] + [tkeys[yi]]))
        if brackets:
            t.notes = "Notes: Figures in parentheses are negative (net repayments). Totals may not add due to rounding."
        elif decimals:
            t.notes = "Note: Totals may not add due to rounding."
        return t

    def changes(self, n_table: int) -> GenTable:
        """Two period columns, an absolute and a percent change column."""
        rng = self.rng
        y0 = rng.randint(2015, 2024)
        y1 = y0 + 1
        pct_first = rng.random() < 0.3
        t = GenTable(caption=f"Table {n_table}. Recorded offences by area, {y0} and {y1}", unit="",
                     head=[], body=[], notes="Source: generated for numcheck's tests.", relations=[], ruled=rng.random() < 0.3)
        head = [Cell("Area", header=True), Cell(str(y0), header=True), Cell(str(y1), header=True)]
        if pct_first:
            head += [Cell("% change", header=True), Cell("Change", header=True)]
        else:
            head += [Cell("Change", header=True), Cell("% change", header=True)]
        t.head = [head]
        for lab in rng.sample(PLACES, rng.randint(4, 8)):
            old = round(rng.uniform(200, 9000))
            new = round(old * rng.uniform(0.7, 1.35))
            row = [Cell(lab)]
            co = self.figure(t, old, 0, "COUNT")
            cn = self.figure(t, new, 0, "COUNT")
            old, new = self.raw[co.key], self.raw[cn.key]
            ca = self.figure(t, new - old, 0, "CHANGE", sign=True, derived=True)
            cp = self.figure(t, (new - old) / old * 100, 1, "CHANGE", sign=True, derived=True)
            # the printed levels are what the change was computed from
            row += [co, cn] + ([cp, ca] if pct_first else [ca, cp])
            t.body.append(row)
            t.relations.append(Relation("change", [ca.key, co.key, cn.key]))
            t.relations.append(Relation("change", [cp.key, co.key, cn.key]))
        return t

    def shares(self, n_table: int) -> GenTable:
        """A count column, a percent-of-total column and a total row of 100.0."""
        rng = self.rng
        t = GenTable(caption=f"Table {n_table}. Applications by outcome", unit="", head=[], body=[],
                     notes="Percentages may not sum to 100 because of rounding.", relations=[], ruled=rng.random() < 0.5)
        t.head = [[Cell("Outcome", header=True), Cell("Number", header=True), Cell("Percent of total", header=True)]]
        labels = rng.sample(["Approved", "Refused", "Withdrawn", "Pending", "Appealed", "Referred", "Deferred"], rng.randint(3, 6))
        cells = [self.figure(t, round(rng.uniform(50, 5000)), 0, "COUNT") for _ in labels]
        counts = [self.raw[c.key] for c in cells]
        total = sum(counts)
        pkeys, ckeys = [], []
        rows = []
        for lab, n, c in zip(labels, counts, cells):
            p = self.figure(t, n / total * 100, 1, "PERCENT", derived=True)
            rows.append([Cell(lab), c, p])
            ckeys.append(c.key)
            pkeys.append(p.key)
        t.body = rows
        ct = self.figure(t, total, 0, "COUNT", derived=True)
        pt = Cell("100.0", "pct100")
        t.figures["pct100" + self.prefix] = ("100.0", "PERCENT", 100.0)
        pt.key = "pct100" + self.prefix
        t.body.append([Cell("Total"), ct, pt])
        t.relations.append(Relation("sum", ckeys + [ct.key]))
        t.relations.append(Relation("sum", pkeys + [pt.key]))
        for c, p in zip(ckeys, pkeys):
            t.relations.append(Relation("share", [p, c, ct.key]))
        return t

    def rates(self, n_table: int) -> GenTable:
        """A count, a population and a rate per 100,000 column."""
        rng = self.rng
        t = GenTable(caption=f"Table {n_table}. Road deaths and rates by region", unit="", head=[], body=[],
                     notes="Rates are per 100,000 residents.", relations=[], ruled=rng.random() < 0.3)
        t.head = [[Cell("Region", header=True), Cell("Deaths", header=True), Cell("Population", header=True),
                   Cell("Rate per 100,000", header=True)]]
        for lab in rng.sample(PLACES, rng.randint(3, 7)):
            pop = round(rng.uniform(80_000, 3_000_000))
            deaths = round(pop * rng.uniform(2, 12) / 100_000)
            if deaths < 5:
                deaths += 7
            cd = self.figure(t, deaths, 0, "COUNT")
            cp = self.figure(t, pop, 0, "COUNT")
            cr = self.figure(t, self.raw[cd.key] / self.raw[cp.key] * 100_000, 1, "RATE", derived=True)
            t.body.append([Cell(lab), cd, cp, cr])
            t.relations.append(Relation("rate", [cr.key, cd.key, cp.key]))
        return t

    def row_totals(self, n_table: int) -> GenTable:
        """Category columns and a total column, with a second-level header over them."""
        rng = self.rng
        kinds = rng.sample(["Full-time", "Part-time", "Temporary", "Agency", "Seasonal"], rng.randint(2, 4))
        t = GenTable(caption=f"Table {n_table}. Staff by contract and department", unit="(headcount)", head=[],
                     body=[], notes="", relations=[], ruled=rng.random() < 0.5)
        t.head = [[Cell("", header=True), Cell("Contract", header=True, colspan=len(kinds)), Cell("", header=True)],
                  [Cell("Department", header=True)] + [Cell(k, header=True) for k in kinds] + [Cell("Total", header=True)]]
        for lab in rng.sample(SERVICES, rng.randint(3, 7)):
            vals = [round(rng.uniform(20, 4000)) for _ in kinds]
            cells = [self.figure(t, v, 0, "COUNT") for v in vals]
            tot = self.figure(t, sum(self.raw[c.key] for c in cells), 0, "COUNT", derived=True)
            t.body.append([Cell(lab)] + cells + [tot])
            t.relations.append(Relation("sum", [c.key for c in cells] + [tot.key]))
        return t

    def bands(self, n_table: int) -> GenTable:
        """Pay bands (ranges, never changes) with staff counts and a total row."""
        rng = self.rng
        t = GenTable(caption=f"Table {n_table}. Senior staff by pay band", unit="(£000)", head=[], body=[],
                     notes="", relations=[], ruled=rng.random() < 0.5)
        t.head = [[Cell("Pay band", header=True), Cell("Staff", header=True), Cell("Pension band", header=True)]]
        lo = rng.choice([60, 70, 80, 90])
        # band ends are printed too: no count may read like one
        self.p.used.update({str(x) for x in range(lo, lo + 35, 5)} | {str(x) for x in range(5, 35, 5)})
        keys = []
        for i in range(rng.randint(3, 6)):
            a = lo + 5 * i
            c = self.figure(t, round(rng.uniform(10, 60)), 0, "COUNT")
            pa = rng.choice([5, 10, 15, 20, 25])
            t.body.append([Cell(f"{a}-{a + 5}"), c, Cell(f"{pa}-{pa + 5}")])
            keys.append(c.key)
        tot = sum(self.raw[k] for k in keys)
        ct = self.figure(t, tot, 0, "COUNT", derived=True)
        t.body.append([Cell("Total"), ct, Cell("")])
        t.relations.append(Relation("sum", keys + [ct.key]))
        return t


# ----------------------------------------------------------------------------- errors


def plant_error(t: GenTable, rng: random.Random, printer: Printer) -> str | None:
    """Alter one printed figure so that the relations holding it break; say what was done."""
    candidates = [r for r in t.relations if r.kind in ("sum", "change", "share", "rate")]
    if not candidates:
        return None
    rel = rng.choice(candidates)
    target = rel.members[0] if rel.kind in ("change", "share", "rate") else rel.members[-1]
    if target is None or target.startswith("pct100"):
        return None
    text, kind, value = t.figures[target]
    decimals = len(text.split(".")[1].rstrip(")%")) if "." in text else 0
    brackets = text.startswith("(")
    sign = text.startswith("+")
    money = ""
    if rel.kind == "change" and "%" not in text and decimals == 1:
        # a percent change computed against the new value instead of the old one
        old = t.figures[rel.members[1]][2]
        new = t.figures[rel.members[2]][2]
        wrong = (new - old) / new * 100
        if abs(wrong - value) < 0.5:
            wrong = value + (1.5 if value >= 0 else -1.5)
        how = "percent change against the new value"
    elif rel.kind == "change":
        wrong = -value if abs(value) >= 20 else value + 40
        how = "change with the wrong sign"
    elif rel.kind == "share":
        wrong = value + rng.choice([1, -1]) * max(value * 0.25, 3.0)
        wrong = abs(wrong)
        how = "share of the wrong whole"
    elif rel.kind == "rate":
        wrong = value * 10
        how = "rate against a tenth of the population"
    else:
        step = 10 ** max(0, len(str(int(abs(value)))) - 2) if decimals == 0 else 1.0
        wrong = value + rng.choice([1, -1]) * max(step * rng.choice([1, 2, 3]), abs(value) * 0.08)
        how = "total off by a typo"
    for _ in range(50):
        new_text = fmt(wrong, decimals, sign=sign, brackets=brackets, money=money)
        if printer.free(new_text):
            break
        wrong += 10 ** -decimals
    printer.used.discard(text)
    t.figures[target] = (printer.take(new_text), kind, rounded(wrong, decimals))
    for row in t.head + t.body:
        for cell in row:
            if cell.key == target:
                cell.text = new_text
    for r in t.relations:
        if target in r.members:
            r.holds = False
    return f"{target}: {text} -> {new_text} ({how})"


# ----------------------------------------------------------------------------- documents

PROSE = [
    "This bulletin sets out the figures for the year. The tables below give the detail by category, and the notes under each table explain how to read it.",
    "Figures are provisional and may be revised when late returns arrive. Comparisons with earlier years should be made with care.",
    "The council publishes these statistics every quarter so that residents can see how services are used and what they cost.",
    "Where a category is small, figures may move a great deal from one year to the next. The methodology annex describes the sources.",
    "Each table reports the latest figures alongside those of earlier periods. Users are asked to cite the bulletin when quoting them.",
    "Definitions follow the national guidance in force during the period covered by this release.",
]


@dataclass
class GenDoc:
    """A generated document: its id, layout and tables."""

    id: str
    layout: str
    title: str
    symbol: str
    tables: list[GenTable]
    errors: list[str]
    paragraphs: list[str]


def make_doc(i: int, rng: random.Random) -> GenDoc:
    layout = ["html", "pdf-report", "pdf-two-column", "html", "pdf-report"][i % 5]
    printer = Printer(rng)
    symbol = f"GEN/{2020 + i % 7}/{100 + i}"
    # Years, table numbers and the document symbol are printed too: no figure may look like them.
    printer.used.update({str(100 + i), *(str(y) for y in range(2010, 2031)), *(str(n) for n in range(10))})
    b = Builder(rng, printer, f"d{i}")
    makers = [
        lambda n: b.totals(n), lambda n: b.totals(n, money=True), lambda n: b.totals(n, nested=True),
        lambda n: b.totals(n, money=True, brackets=True), lambda n: b.changes(n), lambda n: b.shares(n),
        lambda n: b.rates(n), lambda n: b.row_totals(n), lambda n: b.bands(n),
    ]
    n_tables = 1 if layout == "pdf-two-column" else rng.randint(2, 3)
    chosen = rng.sample(range(len(makers)), n_tables)
    if layout == "pdf-two-column":
        chosen = [rng.choice([5, 6, 8])]  # narrow tables fit a column
    tables = []
    for n, k in enumerate(chosen):
        for _attempt in range(100):
            kept = set(printer.used)
            try:
                tables.append(makers[k](n + 1))
                break
            except Collision:
                printer.used = kept
    errors = []
    for t in tables:
        if rng.random() < 0.4:
            e = plant_error(t, rng, printer)
            if e:
                errors.append(e)
    paragraphs = rng.sample(PROSE, 4 if layout == "pdf-two-column" else 2)
    if layout == "pdf-two-column":
        paragraphs = paragraphs * 3
    return GenDoc(f"gen-{i:03d}", layout, f"Statistical bulletin {i}: services and spending", symbol, tables, errors, paragraphs)


def write_html(doc: GenDoc, path: Path) -> None:
    esc = html.escape
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>", esc(doc.title), "</title></head><body>",
             "<header><nav><a href='/'>Home</a> | <a href='/stats'>Statistics</a> | <a href='/about'>About us</a></nav></header>",
             "<main><article><h1>", esc(doc.title), "</h1>"]
    for p in doc.paragraphs[:1]:
        parts.append(f"<p>{esc(p)}</p>")
    for t in doc.tables:
        parts.append(f"<h2>{esc(t.caption)}</h2>")
        if t.unit:
            parts.append(f"<p>{esc(t.unit)}</p>")
        parts.append("<table><thead>")
        for row in t.head:
            parts.append("<tr>" + "".join(
                f"<th{f' colspan={c.colspan}' if c.colspan > 1 else ''}>{esc(c.text)}</th>" for c in row) + "</tr>")
        parts.append("</thead><tbody>")
        for ri, row in enumerate(t.body):
            label, *rest = row
            indent = "&nbsp;&nbsp;" * t.levels.get(ri, 0)
            parts.append(f"<tr><th scope='row'>{indent}{esc(label.text)}</th>" + "".join(f"<td>{esc(c.text)}</td>" for c in rest) + "</tr>")
        parts.append("</tbody></table>")
        if t.notes:
            parts.append(f"<p>{esc(t.notes)}</p>")
    for p in doc.paragraphs[1:]:
        parts.append(f"<p>{esc(p)}</p>")
    parts.append("</article></main><footer><p>Contact us | Accessibility | Cookies</p></footer></body></html>")
    path.write_text("".join(parts), encoding="utf-8")


def write_pdf(doc: GenDoc, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table,
                                    TableStyle)

    styles = getSampleStyleSheet()
    width, height = A4

    def furniture(canvas: Any, pdf: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2 * cm, height - 1.2 * cm, doc.symbol)
        canvas.drawRightString(width - 2 * cm, height - 1.2 * cm, "Statistical bulletin")
        canvas.drawCentredString(width / 2, 1.2 * cm, f"Page {pdf.page}")
        canvas.restoreState()

    if doc.layout == "pdf-two-column":
        gap = 0.8 * cm
        col = (width - 4 * cm - gap) / 2
        frames = [Frame(2 * cm, 2 * cm, col, height - 4 * cm, id="left"),
                  Frame(2 * cm + col + gap, 2 * cm, col, height - 4 * cm, id="right")]
    else:
        frames = [Frame(2 * cm, 2 * cm, width - 4 * cm, height - 4 * cm, id="body")]
    pdf = BaseDocTemplate(str(path), pagesize=A4, title=doc.title, author="numcheck test generator")
    pdf.addPageTemplates([PageTemplate(id="main", frames=frames, onPage=furniture)])
    story: list[Any] = [Paragraph(html.escape(doc.title), styles["Title"])]
    body = styles["BodyText"]
    for p in doc.paragraphs[: len(doc.paragraphs) // 2]:
        story.append(Paragraph(html.escape(p), body))
    for t in doc.tables:
        data = []
        spans = []
        for ri, row in enumerate(t.head):
            line = []
            for c in row:
                line.append(c.text)
                if c.colspan > 1:
                    spans.append(("SPAN", (len(line) - 1, ri), (len(line) - 2 + c.colspan, ri)))
                    line.extend([""] * (c.colspan - 1))
            data.append(line)
        for ri, row in enumerate(t.body):
            data.append([("   " * t.levels.get(ri, 0)) + row[0].text] + [c.text for c in row[1:]])
        style = [("FONT", (0, 0), (-1, -1), "Helvetica", 8), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                 ("FONT", (0, 0), (-1, len(t.head) - 1), "Helvetica-Bold", 8), *spans,
                 ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                 ("LINEBELOW", (0, len(t.head) - 1), (-1, len(t.head) - 1), 0.5, colors.black),
                 ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black)]
        for ri in t.levels:
            style.append(("LEFTPADDING", (0, len(t.head) + ri), (0, len(t.head) + ri), 14))
        if t.ruled:
            style.append(("GRID", (0, 0), (-1, -1), 0.4, colors.grey))
        table = Table(data, hAlign="LEFT", repeatRows=len(t.head))
        table.setStyle(TableStyle(style))
        block = [Spacer(1, 8), Paragraph(html.escape(t.caption), styles["Heading4"])]
        if t.unit:
            block.append(Paragraph(html.escape(t.unit), body))
        block.append(table)
        if t.notes:
            block.append(Paragraph(html.escape(t.notes), styles["Italic"]))
        story.append(KeepTogether(block))
    for p in doc.paragraphs[len(doc.paragraphs) // 2 :]:
        story.append(Paragraph(html.escape(p), body))
    pdf.build(story)


# ----------------------------------------------------------------------------- gold


def find_unique(text: str, printed: str) -> int | None:
    """Where a printed figure stands in the text, when it stands there exactly once."""
    hits = [m.start() for m in re.finditer(r"(?<![\d.,\-–])" + re.escape(printed) + r"(?![\d]|[.,]\d)", text)]
    return hits[0] if len(hits) == 1 else None


def gold_document(doc: GenDoc, path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Read the written file with numcheck and place the gold on what it reads."""
    from numcheck.sources import expand_paths, iter_documents

    loaded = next(iter_documents(expand_paths([str(path)]), max_bytes=50_000_000))
    if loaded.errors:
        raise RuntimeError(f"{path}: {loaded.errors}")
    text = loaded.doc.text
    quantities: dict[str, dict[str, Any]] = {}
    lost = 0
    for t in doc.tables:
        for key, (printed, kind, value) in t.figures.items():
            at = find_unique(text, printed)
            if at is None:
                lost += 1
                print(f"{doc.id}: {printed!r} is not found once in what numcheck reads", file=sys.stderr)
                continue
            quantities[key] = {"start": at, "end": at + len(printed), "text": printed, "kind": kind,
                               "value": -abs(value) if printed.startswith("(") else value}
    ordered = sorted(quantities.items(), key=lambda kv: kv[1]["start"])
    ids = {key: f"q{i}" for i, (key, _q) in enumerate(ordered, start=1)}
    checks = []
    dropped = 0
    for t in doc.tables:
        for r in t.relations:
            if any(m is not None and m not in ids for m in r.members):
                dropped += 1
                continue
            checks.append({"kind": r.kind, "quantities": [ids.get(m) if m else None for m in r.members],
                           "verdict": "consistent" if r.holds else "inconsistent",
                           "note": "" if r.holds else "planted: " + "; ".join(e for e in doc.errors if any(
                               e.startswith(m + ":") for m in r.members if m))})
    gold = {
        "id": doc.id,
        "source": {"publisher": "numcheck test generator", "title": doc.title, "path": path.name},
        "gold_scope": "the figures of table relations only",
        "layout": doc.layout,
        "text": text,
        "tables": [t.model_dump(mode="json") for t in loaded.doc.tables],
        "quantities": [{"id": ids[k], **q} for k, q in ordered],
        "checks": checks,
    }
    return gold, {"figures": sum(len(t.figures) for t in doc.tables), "lost": lost, "dropped_checks": dropped,
                  "checks": len(checks), "inconsistent": sum(c["verdict"] == "inconsistent" for c in checks)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    totals: dict[str, int] = {}
    lines = []
    for i in range(args.n):
        doc = make_doc(i, rng)
        path = args.out / (doc.id + (".html" if doc.layout == "html" else ".pdf"))
        (write_html if doc.layout == "html" else write_pdf)(doc, path)
        gold, stats = gold_document(doc, path)
        for k, v in stats.items():
            totals[k] = totals.get(k, 0) + v
        lines.append(json.dumps(gold, ensure_ascii=False))
    (args.out / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(json.dumps({"documents": args.n, **totals}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
