"""A long PDF report for the benchmark: N pages of our own press-release paragraphs, one small table a page.

Each page holds the paragraphs of one generated release (`numcheck.benchmarks.corpus`, about
300 words) under a heading, and a ruled table of four districts with last year's and this
year's counts and the change, so a reader meets both prose and a table on every page.
Deterministic for a seed; needs reportlab (`pip install 'numcheck[dev]'`).

>>> from pathlib import Path; import tempfile
>>> p = write_report_pdf(Path(tempfile.mkdtemp()) / "r.pdf", pages=2)  # doctest: +SKIP
>>> p.stat().st_size > 1000  # doctest: +SKIP
True
"""

from __future__ import annotations

import random
from pathlib import Path

from numcheck.benchmarks.corpus import generate_document

_DISTRICTS = ("North", "South", "East", "West")


def _table_rows(rng: random.Random) -> list[list[str]]:
    rows = [["District", "Last year", "This year", "Change"]]
    before_total = after_total = 0
    for name in _DISTRICTS:
        before = rng.randint(200, 9000)
        after = max(0, before + rng.randint(-before // 5, before // 5))
        before_total += before
        after_total += after
        rows.append([name, f"{before:,}", f"{after:,}", f"{after - before:+,}"])
    rows.append(["Total", f"{before_total:,}", f"{after_total:,}", f"{after_total - before_total:+,}"])
    return rows


def write_report_pdf(path: Path, *, pages: int = 100, seed: int = 0) -> Path:
    """Write a `pages`-page PDF report to `path` and return it.

    >>> # write_report_pdf(Path("report-100.pdf"), pages=100)
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    rng = random.Random(seed)
    story: list = []
    for page in range(pages):
        doc = generate_document(page, seed=seed)
        story.append(Paragraph(f"Section {page + 1}: {doc['source']['title']}", styles["Heading2"]))
        for para in doc["text"].split("\n\n"):
            story.append(Paragraph(para.replace("&", "&amp;").replace("<", "&lt;"), styles["BodyText"]))
        story.append(Spacer(1, 8))
        table = Table(_table_rows(rng))
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
        story.append(table)
        story.append(PageBreak())
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # invariant=1 leaves out the creation date and random file id, so a seed gives the same bytes.
    SimpleDocTemplate(str(path), pagesize=A4, title="Generated benchmark report", author="numcheck bench",
                      invariant=1).build(story)
    return path
