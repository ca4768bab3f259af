"""The terminal report: grouped by document and paragraph, verdicts with arithmetic, no markup from documents."""

from __future__ import annotations

import io

from rich.console import Console

from numcheck.formats import RunSummary
from numcheck.formats.text import TextWriter, paragraph_starts
from numcheck.schema import Check, DocError, DocumentResult, Quantity

TEXT = "Ships [bold]in[/] 2024.\n\nOf 40 cases, 50 were closed."


def render(*results: DocumentResult) -> str:
    console = Console(file=io.StringIO(), width=120, color_system=None)
    writer = TextWriter(console)
    summary = RunSummary()
    for r in results:
        writer.add(r)
        summary.add(r)
    writer.close(summary)
    return console.file.getvalue()


def test_checks_grouped_by_paragraph_with_arithmetic_findings_and_counts():
    qs = [Quantity(id="q1", start=27, end=29, text="40", kind="COUNT"), Quantity(id="q2", start=37, end=39, text="50", kind="COUNT")]
    r = DocumentResult(id="a.txt", text=TEXT, quantities=qs,
                       checks=[Check(kind="part_whole", quantities=["q2", "q1"], verdict="inconsistent", explanation="50 > 40: the part exceeds the whole")])
    broken = DocumentResult(id="b.txt", errors=[DocError(code="E_EMPTY", message="b.txt is empty. Pass text")])
    out = render(r, broken)
    lines = out.splitlines()
    assert lines[0].startswith("━━ a.txt") and "1 inconsistent" in lines[0]
    assert lines[1].strip() == "¶2 Of 40 cases, 50 were closed."
    assert lines[2].split() == ["✗", "inconsistent", "part_whole", "q2", "50", "·", "q1", "40"]
    assert lines[3].strip() == "50 > 40: the part exceeds the whole"
    assert "error E_EMPTY: b.txt is empty. Pass text" in out
    assert "Findings (1)" in out
    assert "2 documents, 1 checks: 0 consistent, 1 inconsistent, 0 ambiguous, 0 unverifiable" in out
    assert "1 documents with errors: 1 E_EMPTY" in out


def test_document_text_is_never_rich_markup():
    out = render(DocumentResult(id="[red]x[/]", text=TEXT, quantities=[], checks=[]))
    assert "[red]x[/]" in out


def test_paragraph_starts():
    assert paragraph_starts("a\n\nb\n \nc") == [0, 3, 7]
