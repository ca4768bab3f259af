"""The HTML report a journalist reads: one self-contained offline file.

Findings come first, across all documents, surest first (by the check's `score`): each says in
plain words what does not add up ("The 8 parts add up to 1,650.4, not the 1,650.5 printed as
the total"), shows its sentence or its table row with the figures marked, links to its place
in the document, and keeps the interval arithmetic behind a click. Then each document: its
tables drawn as tables with the suspect cells marked, its prose with only the figures that
entered a check highlighted (a `<mark>` with `data-quantity-id` and `data-verdict`, the worst
verdict of its checks); clicking one shows its checks. Document text is untrusted: jinja2
autoescapes everything it inserts, and a Content-Security-Policy allows only the report's own
inline style and script (by hash), so nothing a document contains can run.
"""

from __future__ import annotations

import bisect

import base64
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

import numcheck
from numcheck.formats import NOT_CHECKED, Recent, RunSummary, WholeReportWriter, figure_verdicts, grid_of, quantity_index
from numcheck.formats.plain import plain_words
from numcheck.formats.text import cross_figures_text, figures_text
from numcheck.safetext import printable
from numcheck.schema import Check, DocumentResult, Quantity, Source, Table, Verdict

#: File name of the HTML report in `--out`.
HTML_NAME = "report.html"
#: Verdicts listed as findings, in this order.
FINDING_VERDICTS = (Verdict.inconsistent, Verdict.ambiguous)
#: A finding without a score (a check whose linker gives none) ranks as this sure.
DEFAULT_SCORE = 0.5


@dataclass
class Segment:
    """A run of document text, highlighted when it is a figure that entered a check."""

    text: str
    q: Quantity | None = None
    verdict: str = ""
    anchor: str = ""


@dataclass
class CellView:
    """One table cell as drawn: its text runs, span, and whether a check marks it."""

    segments: list[Segment]
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    mark: str = ""


@dataclass
class Block:
    """A piece of a document's body: a paragraph of prose, or a table drawn as a table."""

    kind: str
    segments: list[Segment] = field(default_factory=list)
    rows: list[list[CellView]] = field(default_factory=list)
    anchor: str = ""


@dataclass
class _CheckView:
    check: Check
    ids: str
    figures: str
    words: str
    anchor: str


@dataclass
class Finding:
    """A check worth a journalist's time, with where it is and what it says."""

    check: Check
    doc: _DocView
    words: str
    score: float
    target: str
    context: Block | None
    anchor: str


@dataclass
class _DocView:
    result: DocumentResult
    anchor: str
    counts: dict[str, int]
    blocks: list[Block] = field(default_factory=list)
    checks: list[_CheckView] = field(default_factory=list)
    meta: str = ""
    cross_figures: list[str] = field(default_factory=list)
    cross_ids: list[str] = field(default_factory=list)
    findings: int = 0
    #: Contradictions the linker is not sure of (`DocumentResult.unconfirmed`): questions, not findings.
    questions: list[_CheckView] = field(default_factory=list)


_ORDERED = Recent(4)


def _ordered(result: DocumentResult) -> tuple[list[Quantity], list[int]]:
    """The result's quantities in text order and their starts, sorted once per document (a
    report draws a long document in thousands of stretches)."""

    def build() -> tuple[list[Quantity], list[int]]:
        ordered = sorted(result.quantities, key=lambda q: (q.start, q.end))
        return ordered, [q.start for q in ordered]

    return _ORDERED.get((result,), build)


def segments(result: DocumentResult, *, lo: int = 0, hi: int | None = None, anchor: str = "",
             verdicts: dict[str, str] | None = None, only: set[str] | None = None) -> list[Segment]:
    """Split a stretch of a document's text into plain runs and figures (with each figure's verdict).

    Figures whose offsets do not match the text, or that overlap an earlier figure, stay
    plain text: a highlight must never show the wrong characters. A figure that entered no
    check is plain text too (`only` narrows the highlights to some figures).

    >>> r = DocumentResult(id="d", text="Of 40 cases, 10", quantities=[
    ...     Quantity(id="q1", start=3, end=5, text="40", kind="COUNT"), Quantity(id="q2", start=13, end=15, text="10", kind="COUNT")],
    ...     checks=[Check(kind="part_whole", quantities=["q2", "q1"], verdict="consistent")])
    >>> [(s.text, s.verdict) for s in segments(r)]
    [('Of ', ''), ('40', 'consistent'), (' cases, ', ''), ('10', 'consistent')]
    """
    verdicts = figure_verdicts(result) if verdicts is None else verdicts
    text = result.text
    hi = len(text) if hi is None else hi
    out: list[Segment] = []
    cursor = lo
    ordered, starts = _ordered(result)
    for i in range(bisect.bisect_left(starts, lo), len(ordered)):
        q = ordered[i]
        if q.start >= hi:
            break
        if q.start < cursor or q.end > hi or text[q.start : q.end] != q.text or q.start == q.end:
            continue
        if verdicts.get(q.id, NOT_CHECKED) == NOT_CHECKED or (only is not None and q.id not in only):
            continue
        if q.start > cursor:
            out.append(Segment(text[cursor : q.start]))
        out.append(Segment(q.text, q, verdicts[q.id], f"{anchor}-{q.id}" if anchor else ""))
        cursor = q.end
    if cursor < hi:
        out.append(Segment(text[cursor:hi]))
    return out


def _visible(value: Any) -> Any:
    """A value the template prints, with control characters escaped (`numcheck.safetext.printable`);
    the report's own markup (`Markup`: its style and script) is left as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return printable(value)
    return value


def _meta_line(source: Source | str | None) -> str:
    if isinstance(source, Source):
        parts = [p for p in (source.title, source.publisher, source.date, source.url) if p]
        return " · ".join(parts)
    return ""


def _csp_hash(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _asset(name: str) -> str:
    return resources.files("numcheck.formats").joinpath("templates", name).read_text(encoding="utf-8")


def _cell_marks(result: DocumentResult) -> dict[tuple[str, int, int], str]:
    """How each table cell is marked, by (table, row, column): the cell a check tests takes its
    verdict; the other cells of a check that does not add up are marked as its parts."""
    order = {"consistent": 0, "unverifiable": 1, "ambiguous": 2, "part": 3, "inconsistent": 4}
    marks: dict[tuple[str, int, int], str] = {}
    for check in result.checks:
        if not check.table or not check.cells:
            continue
        v = Verdict(check.verdict).value
        for cell in check.cells:
            if cell is None:
                continue
            key = (check.table, cell[0], cell[1])
            tested = [cell[0], cell[1]] == [check.row, check.column]
            mark = "part" if v == "inconsistent" and not tested else v
            if key not in marks or order[mark] > order[marks[key]]:
                marks[key] = mark
    return marks


def _table_block(result: DocumentResult, table: Table, anchor: str, verdicts: dict[str, str],
                 marks: dict[tuple[str, int, int], str], rows: list[int] | None = None,
                 only: set[str] | None = None) -> Block:
    grid = grid_of(table, result.text)
    wanted = list(range(grid.n_rows)) if rows is None else rows
    drawn: list[list[CellView]] = []
    for r in wanted:
        line: list[CellView] = []
        for c in range(grid.n_cols):
            cell = grid.own(r, c)
            covering = grid.cell(r, c)
            if cell is None:
                if covering is None or (rows is not None and covering.row not in wanted):
                    line.append(CellView([]))
                continue
            span = cell.rowspan if rows is None else 1
            segs = segments(result, lo=cell.start, hi=cell.end, anchor=anchor, verdicts=verdicts, only=only)
            line.append(CellView(segs, span, cell.colspan, cell.header or r < table.header_rows or c < table.header_cols,
                                 marks.get((table.id, r, c), "")))
        drawn.append(line)
    return Block("table", rows=drawn, anchor=f"{anchor}-{table.id}")


def document_blocks(result: DocumentResult, anchor: str = "doc") -> list[Block]:
    """A document's body in reading order: paragraphs of prose and its tables as tables.

    >>> [b.kind for b in document_blocks(DocumentResult(id="d", text="One.\\n\\nTwo."))]
    ['prose', 'prose']
    """
    verdicts = figure_verdicts(result)
    marks = _cell_marks(result)
    text = result.text
    blocks: list[Block] = []
    pos = 0

    def prose(lo: int, hi: int) -> None:
        start = lo
        while start < hi:
            end = text.find("\n\n", start, hi)
            end = hi if end < 0 else end
            if text[start:end].strip():
                blocks.append(Block("prose", segments(result, lo=start, hi=end, anchor=anchor, verdicts=verdicts)))
            start = end + 2

    for table in sorted(result.tables, key=lambda t: t.start):
        if table.start < pos or table.end > len(text):
            continue
        prose(pos, table.start)
        blocks.append(_table_block(result, table, anchor, verdicts, marks))
        pos = table.end
    prose(pos, len(text))
    return blocks


def _context(result: DocumentResult, check: Check, anchor: str, verdicts: dict[str, str],
             marks: dict[tuple[str, int, int], str]) -> Block | None:
    """The sentence of a prose check, or the header rows and the tested row of a table check."""
    members = {q for q in check.quantities if q}
    if check.table is not None and check.row is not None:
        table = next((t for t in result.tables if t.id == check.table), None)
        if table is None:
            return None
        rows = list(range(table.header_rows)) + [check.row]
        own = {(check.table, r, c): ("target" if [r, c] == [check.row, check.column] else "member")
               for r, c in (x for x in (check.cells or []) if x is not None)}
        block = _table_block(result, table, "", verdicts, own, rows=rows, only=members)
        block.anchor = ""
        return block
    by_id = quantity_index(result)
    first = next((by_id[q] for q in check.quantities if q in by_id), None)
    if first is None:
        return None
    claim = next((c for c in result.claims if c.start <= first.start < c.end), None)
    lo, hi = (claim.start, claim.end) if claim else (max(0, first.start - 120), min(len(result.text), first.end + 120))
    return Block("prose", segments(result, lo=lo, hi=hi, verdicts=verdicts, only=members))


def render_html(results: list[DocumentResult], summary: RunSummary) -> str:
    """The report as one HTML string: findings surest first, then each document.

    >>> html = render_html([DocumentResult(id="<b>x</b>", text="<script>alert(1)</script>")], RunSummary(documents=1))
    >>> "<script>alert" in html, "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    (False, True)
    """
    views: list[tuple[int, _DocView]] = []
    findings: list[Finding] = []
    for index, result in enumerate(results):
        counts = result.verdict_counts()
        anchor = f"doc-{index + 1}"
        view = _DocView(result=result, anchor=anchor, counts=counts, meta=_meta_line(result.source))
        view.blocks = document_blocks(result, anchor)
        verdicts = figure_verdicts(result)
        marks = _cell_marks(result)
        by_id = {q.id: q for q in result.quantities}
        for n, c in enumerate(result.checks, start=1):
            words = plain_words(c, result)
            view.checks.append(_CheckView(c, " ".join(q for q in c.quantities if q), figures_text(result, c), words,
                                          f"{anchor}-c{n}"))
            if Verdict(c.verdict) in FINDING_VERDICTS:
                target_q = _target(c, by_id)
                target = f"{anchor}-{target_q}" if target_q else anchor
                findings.append(Finding(c, view, words, c.score if c.score is not None else DEFAULT_SCORE, target,
                                        _context(result, c, anchor, verdicts, marks), f"{anchor}-f{n}"))
                view.findings += 1
        view.questions = [_CheckView(c, " ".join(q for q in c.quantities if q), figures_text(result, c), "", "")
                          for c in result.unconfirmed]
        view.cross_figures = [cross_figures_text(result, c) for c in result.cross_checks]
        view.cross_ids = [" ".join(q.id for q in c.quantities if q is not None and q.doc == result.id)
                          for c in result.cross_checks]
        views.append((index, view))
    order = {Verdict.inconsistent: 0, Verdict.ambiguous: 1}
    findings.sort(key=lambda f: (order[Verdict(f.check.verdict)], -f.score))
    # Documents with the most inconsistencies first, then most ambiguous, then input order.
    views.sort(key=lambda iv: (-iv[1].counts["inconsistent"], -iv[1].counts["ambiguous"], iv[0]))
    style, script = _asset("report.css"), _asset("report.js")
    env = Environment(
        loader=PackageLoader("numcheck.formats", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        # Every text the template prints shows control characters as visible escapes, never raw.
        finalize=_visible,
    )
    context: dict[str, Any] = {
        "docs": [v for _, v in views],
        "findings": findings,
        "summary": summary,
        "verdicts": [v.value for v in (Verdict.inconsistent, Verdict.ambiguous, Verdict.unverifiable, Verdict.consistent)],
        "version": numcheck.__version__,
        "style": style,
        "script": script,
        "style_hash": _csp_hash(style),
        "script_hash": _csp_hash(script),
    }
    return env.get_template("report.html.j2").render(**context)


def _target(check: Check, by_id: dict[str, Quantity]) -> str | None:
    """The figure a check tests: the total of a sum, else its first figure."""
    ids = [q for q in check.quantities if q and q in by_id]
    if not ids:
        return None
    return ids[-1] if check.kind == "sum" else ids[0]


class HtmlWriter(WholeReportWriter):
    """Collects the results and writes `report.html` when the run ends."""

    def render(self, summary: RunSummary) -> str:
        """The self-contained HTML report."""
        return render_html(self.results, summary)
