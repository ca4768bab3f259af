"""The human report: each document's checks grouped by paragraph, with verdicts and arithmetic.

Document text is untrusted, so it only ever reaches rich as `Text` (never as markup): a
document containing "[red]" prints "[red]"; and only through `printable`, so an escape
sequence or another control character prints as `\\x1b`, never reaching the terminal raw.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from numcheck.formats import RunSummary, quantity_index
from numcheck.safetext import printable
from numcheck.schema import Check, CrossCheck, DocumentResult, Verdict

STYLES = {
    Verdict.consistent: "green",
    Verdict.inconsistent: "bold red",
    Verdict.ambiguous: "yellow",
    Verdict.unverifiable: "blue",
}
MARKS = {Verdict.consistent: "✓", Verdict.inconsistent: "✗", Verdict.ambiguous: "?", Verdict.unverifiable: "…"}
#: Verdicts listed in the table of findings.
FINDINGS = (Verdict.inconsistent, Verdict.ambiguous)
_MAX_FINDINGS_ROWS = 200
_LINE = re.compile(r"[^\n]+")


def paragraph_starts(text: str) -> list[int]:
    """Offsets where the paragraphs of `text` start: each non-blank line, as the checker splits them.

    >>> paragraph_starts("One.\\n\\nTwo.\\nRow | 5")
    [0, 6, 11]
    """
    return [m.start() for m in _LINE.finditer(text) if m.group().strip()] or [0]


def paragraph_of(starts: list[int], offset: int) -> int:
    """The 0-based paragraph holding `offset`.

    >>> paragraph_of([0, 6], 7)
    1
    """
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def check_offset(result: DocumentResult, check: Check) -> int:
    """Where a check sits in the text: the start of its first quantity found in the document.

    >>> from numcheck.schema import Quantity
    >>> r = DocumentResult(id="d", text="Of 40, 50", quantities=[Quantity(id="q1", start=3, end=5, text="40", kind="COUNT")])
    >>> check_offset(r, Check(kind="part_whole", quantities=["q2", "q1"], verdict="inconsistent"))
    3
    """
    index = quantity_index(result)
    found = [index[q].start for q in check.quantities if q in index]
    return min(found) if found else 0


def figures_text(result: DocumentResult, check: Check) -> str:
    """The figures of a check as printed: 'q2 25% · q3 3,100 · q1 12,400'.

    >>> figures_text(DocumentResult(id="d"), Check(kind="sum", quantities=["q1", "100%"], verdict="consistent"))
    'q1 · 100%'
    """
    index = quantity_index(result)
    parts = []
    for qid in check.quantities:
        if qid is None:
            parts.append("(implied)")
        elif qid in index:
            parts.append(f"{qid} {index[qid].text}")
        else:
            parts.append(qid)
    return " · ".join(parts)


def cross_figures_text(result: DocumentResult, cross: CrossCheck) -> str:
    """The figures of a cross check as printed, each other document's named: '9.4% · 36,811 (in B) · 33,379'.

    >>> from numcheck.schema import CrossRef
    >>> c = CrossCheck(kind="equal", verdict="consistent", quantities=[CrossRef(doc="b", id="q2", start=0, end=2, text="12"),
    ...                CrossRef(doc="a", id="q1", start=0, end=2, text="12")])
    >>> cross_figures_text(DocumentResult(id="a"), c)
    '12 (in b) · 12'
    """
    parts = []
    for q in cross.quantities:
        if q is None:
            parts.append("(implied)")
        else:
            parts.append(q.text if q.doc == result.id else f"{q.text} (in {q.doc})")
    return " · ".join(parts)


@dataclass
class _Finding:
    doc: str
    paragraph: int
    check: Check | CrossCheck
    figures: str


class TextWriter:
    """Prints each document as it finishes, then a table of findings and the counts.

    >>> import io
    >>> console = Console(file=io.StringIO(), width=100)
    >>> TextWriter(console).add(DocumentResult(id="a.txt", text="No figures."))
    >>> "a.txt" in console.file.getvalue()
    True
    """

    def __init__(self, console: Console) -> None:
        self.console = console
        self.findings: list[_Finding] = []
        self.n_findings = 0

    def add(self, result: DocumentResult) -> None:
        """Print one document: its errors, then its checks paragraph by paragraph."""
        counts = result.verdict_counts()
        head = Text("━━ ", style="dim")
        head.append(printable(result.id), style="bold")
        summary = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
        head.append(f"  ({len(result.quantities)} figures, {len(result.checks)} checks" + (f": {summary}" if summary else "") + ")", style="dim")
        self.console.print(head)
        for err in result.errors:
            line = Text("   warning " if err.is_warning else "   error ", style="yellow" if err.is_warning else "bold red")
            line.append(err.code, style="bold")
            line.append(": " + printable(err.message))
            self.console.print(line)
        starts = paragraph_starts(result.text)
        ordered = sorted(result.checks, key=lambda c: check_offset(result, c))
        last_paragraph = -1
        for check in ordered:
            para = paragraph_of(starts, check_offset(result, check))
            if para != last_paragraph:
                last_paragraph = para
                self.console.print(self._paragraph_line(result.text, starts, para))
            verdict = Verdict(check.verdict)
            line = Text("     ")
            line.append(f"{MARKS[verdict]} {verdict.value:<12}", style=STYLES[verdict])
            line.append(f" {check.kind:<10} ", style="bold")
            line.append(printable(figures_text(result, check)), style="cyan")
            self.console.print(line)
            if check.explanation:
                self.console.print(Text("       " + printable(check.explanation), style="dim" if verdict == Verdict.consistent else ""))
            if verdict in FINDINGS:
                self.n_findings += 1
                if len(self.findings) < _MAX_FINDINGS_ROWS:
                    self.findings.append(_Finding(result.id, para + 1, check, figures_text(result, check)))
        if result.unconfirmed:
            self._questions(result, starts)
        if result.cross_checks:
            self._cross(result, starts)

    def _questions(self, result: DocumentResult, starts: list[int]) -> None:
        """Relations the arithmetic contradicts but whose link the linker is not sure of: not
        findings, questions a reader may want to look at (the figures may belong to other things)."""
        self.console.print(Text(f"   questions, not findings ({len(result.unconfirmed)}): the figures disagree "
                                "if they are related as below, and the linker is not sure they are", style="dim"))
        for check in result.unconfirmed:
            para = paragraph_of(starts, check_offset(result, check))
            line = Text(f"     ? ¶{para + 1:<4} ", style="dim")
            line.append(f"{check.kind:<10} ", style="bold")
            line.append(printable(figures_text(result, check)), style="cyan")
            if check.score is not None:
                line.append(f"  (link {check.score:.2f})", style="dim")
            self.console.print(line)
            if check.explanation:
                self.console.print(Text("       " + printable(check.explanation), style="dim"))

    def _cross(self, result: DocumentResult, starts: list[int]) -> None:
        """The checks against earlier documents: verdict, figures with their documents, arithmetic,
        and each document's sentence with its date."""
        self.console.print(Text(f"   across documents ({len(result.cross_checks)})", style="bold magenta"))
        for cross in result.cross_checks:
            verdict = Verdict(cross.verdict)
            line = Text("     ")
            line.append(f"{MARKS[verdict]} {verdict.value:<12}", style=STYLES[verdict])
            line.append(f" {cross.kind.value:<10} ", style="bold")
            figures = cross_figures_text(result, cross)
            line.append(figures, style="cyan")
            if cross.score is not None:
                line.append(f"  (match score {cross.score:.2f})", style="dim")
            self.console.print(line)
            if cross.explanation:
                self.console.print(Text("       " + cross.explanation, style="dim" if verdict == Verdict.consistent else ""))
            for src in cross.sources:
                row = Text("       ")
                row.append(f"{src.title or src.doc}" + (f" ({src.date})" if src.date else ""), style="bold")
                row.append(": " + src.sentence, style="italic")
                self.console.print(row)
            if verdict in FINDINGS:
                self.n_findings += 1
                mine = [q.start for q in cross.quantities if q is not None and q.doc == result.id]
                para = paragraph_of(starts, min(mine)) + 1 if mine else 0
                if len(self.findings) < _MAX_FINDINGS_ROWS:
                    self.findings.append(_Finding(result.id, para, cross, figures))

    @staticmethod
    def _paragraph_line(text: str, starts: list[int], para: int) -> Text:
        end = starts[para + 1] if para + 1 < len(starts) else len(text)
        body = printable(" ".join(text[starts[para] : end].split()))
        excerpt = body if len(body) <= 90 else body[:89] + "…"
        line = Text(f"   ¶{para + 1} ", style="bold magenta")
        line.append(excerpt, style="italic")
        return line

    def close(self, summary: RunSummary) -> None:
        """Print the table of findings and the counts per verdict."""
        self.console.print()
        if self.findings:
            table = Table(title=f"Findings ({self.n_findings})", title_justify="left", show_lines=False)
            for col in ("document", "¶", "verdict", "check", "figures", "arithmetic"):
                table.add_column(col, overflow="fold")
            for f in self.findings:
                verdict = Verdict(f.check.verdict)
                table.add_row(
                    Text(printable(f.doc)), str(f.paragraph), Text(verdict.value, style=STYLES[verdict]),
                    str(f.check.kind), Text(printable(f.figures)), Text(printable(f.check.explanation)),
                )
            self.console.print(table)
            if self.n_findings > len(self.findings):
                self.console.print(Text(f"... and {self.n_findings - len(self.findings)} more (see the JSONL report)", style="dim"))
        self.console.print(render_counts(summary))


def render_counts(summary: RunSummary) -> Group:
    """The counts per verdict (and per error code) as a rich renderable.

    >>> import io
    >>> Console(file=io.StringIO(), width=100).print(render_counts(RunSummary(documents=1)))
    """
    line = Text(f"{summary.documents} documents, {summary.checks} checks: ")
    for i, verdict in enumerate(Verdict):
        if i:
            line.append(", ")
        line.append(f"{summary.verdicts.get(verdict.value, 0)} {verdict.value}", style=STYLES[verdict])
    parts: list[Text] = [line]
    if summary.errors:
        warned = f", {summary.documents_with_warnings} with warnings only" if summary.documents_with_warnings else ""
        err = Text(f"{summary.documents_with_errors} documents with errors{warned}: ", style="red")
        err.append(", ".join(f"{n} {code}" for code, n in sorted(summary.errors.items())))
        parts.append(err)
    return Group(*parts)
