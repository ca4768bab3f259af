"""The HTML report: one self-contained offline file, an index and one section per document.

Each figure of a document's text is a `<mark>` with `data-quantity-id` and `data-verdict`
(the worst verdict of the checks it takes part in); clicking it shows those checks and
their arithmetic. Document text is untrusted: jinja2 autoescapes everything it inserts, and a
Content-Security-Policy allows only the report's own inline style and script (by hash), so
nothing a document contains can run.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

import numcheck
from numcheck.formats import RunSummary, WholeReportWriter, figure_verdicts
from numcheck.formats.text import cross_figures_text, figures_text
from numcheck.safetext import printable
from numcheck.schema import Check, DocumentResult, Quantity, Source, Verdict

#: File name of the HTML report in `--out`.
HTML_NAME = "report.html"


@dataclass
class Segment:
    """A run of document text, highlighted when it is a figure."""

    text: str
    q: Quantity | None = None
    verdict: str = ""


@dataclass
class _CheckView:
    check: Check
    ids: str
    figures: str


@dataclass
class _DocView:
    result: DocumentResult
    anchor: str
    counts: dict[str, int]
    segments: list[Segment] = field(default_factory=list)
    checks: list[_CheckView] = field(default_factory=list)
    meta: str = ""
    cross_figures: list[str] = field(default_factory=list)
    cross_ids: list[str] = field(default_factory=list)


def segments(result: DocumentResult) -> list[Segment]:
    """Split a document's text into plain runs and figures (with each figure's verdict).

    Figures whose offsets do not match the text, or that overlap an earlier figure, stay
    plain text: a highlight must never show the wrong characters.

    >>> r = DocumentResult(id="d", text="Of 40 cases, 10", quantities=[
    ...     Quantity(id="q1", start=3, end=5, text="40", kind="COUNT"), Quantity(id="q2", start=13, end=15, text="10", kind="COUNT")])
    >>> [(s.text, s.verdict) for s in segments(r)]
    [('Of ', ''), ('40', 'not_checked'), (' cases, ', ''), ('10', 'not_checked')]
    """
    verdicts = figure_verdicts(result)
    text = result.text
    out: list[Segment] = []
    cursor = 0
    for q in sorted(result.quantities, key=lambda q: (q.start, q.end)):
        if q.start < cursor or q.end > len(text) or text[q.start : q.end] != q.text or q.start == q.end:
            continue
        if q.start > cursor:
            out.append(Segment(text[cursor : q.start]))
        out.append(Segment(q.text, q, verdicts[q.id]))
        cursor = q.end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
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


def render_html(results: list[DocumentResult], summary: RunSummary) -> str:
    """The report as one HTML string, documents sorted by number of inconsistencies.

    >>> html = render_html([DocumentResult(id="<b>x</b>", text="<script>alert(1)</script>")], RunSummary(documents=1))
    >>> "<script>alert" in html, "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    (False, True)
    """
    views = []
    for index, result in enumerate(results):
        counts = result.verdict_counts()
        view = _DocView(result=result, anchor=f"doc-{index + 1}", counts=counts, meta=_meta_line(result.source))
        view.segments = segments(result)
        view.checks = [
            _CheckView(c, " ".join(q for q in c.quantities if q), figures_text(result, c)) for c in result.checks
        ]
        view.cross_figures = [cross_figures_text(result, c) for c in result.cross_checks]
        view.cross_ids = [" ".join(q.id for q in c.quantities if q is not None and q.doc == result.id)
                          for c in result.cross_checks]
        views.append((index, view))
    # Most inconsistencies first, then most ambiguous, then input order (stable and deterministic).
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
        "summary": summary,
        "verdicts": [v.value for v in (Verdict.inconsistent, Verdict.ambiguous, Verdict.unverifiable, Verdict.consistent)],
        "version": numcheck.__version__,
        "style": style,
        "script": script,
        "style_hash": _csp_hash(style),
        "script_hash": _csp_hash(script),
    }
    return env.get_template("report.html.j2").render(**context)


class HtmlWriter(WholeReportWriter):
    """Collects the results and writes `report.html` when the run ends."""

    def render(self, summary: RunSummary) -> str:
        """The self-contained HTML report."""
        return render_html(self.results, summary)
