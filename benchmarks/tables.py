"""Benchmark of table reading: a long table-heavy PDF read, its tables checked, memory.

    python benchmarks/tables.py                       # a generated 100-page table-heavy PDF
    python benchmarks/tables.py --pages 100 --pdf ../shared/data/documents/fbi-nics-*.pdf
    python benchmarks/tables.py --extractor rules     # also the whole check with the rules extractor

The generated PDF (reportlab, seeded) holds on every page a running head, a page number,
a paragraph and a ruled or unruled table of 30 rows by 8 columns with a total row, a change
column or bracketed negatives. For it and for each `--pdf`, the script prints, and writes as
JSON to `--out`: the seconds (wall and CPU) to read the PDF into text and table grids (`numcheck.pdf_read`),
to check its tables (`numcheck.inference.tables.check_tables`, figures from the structure),
optionally the whole check with an extractor, the number of pages, tables, cells and checks,
and the process's peak resident memory. The speed targets (issue #20): a ~100-page
table-heavy PDF under 30 s, memory under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any


def make_pdf(path: Path, pages: int, seed: int = 20) -> None:
    """Write a table-heavy report of `pages` pages (one table a page) with reportlab."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    rng = random.Random(seed)
    styles = getSampleStyleSheet()

    def furniture(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2 * cm, A4[1] - 1.2 * cm, "BENCH/2026/1 Statistical annex")
        canvas.drawCentredString(A4[0] / 2, 1.2 * cm, f"Page {doc.page}")
        canvas.restoreState()

    story: list[Any] = []
    years = [str(y) for y in range(2018, 2025)]
    for p in range(pages):
        story.append(Paragraph(f"Table {p + 1}. Cases by district and year ($ in thousands)", styles["Heading4"]))
        story.append(Paragraph("The table gives the figures reported by each district office for the seven years.",
                               styles["BodyText"]))
        rows = [["District", *years]]
        totals = [0] * len(years)
        for r in range(29):
            vals = [rng.randint(-900, 90_000) for _ in years]
            totals = [a + b for a, b in zip(totals, vals)]
            rows.append([f"District {p + 1}-{r + 1}"] + [f"({-v:,})" if v < 0 else f"{v:,}" for v in vals])
        rows.append(["Total"] + [f"{v:,}" for v in totals])
        table = Table(rows, hAlign="LEFT")
        style = [("FONT", (0, 0), (-1, -1), "Helvetica", 7), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                 ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black), ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black)]
        if p % 2:
            style.append(("GRID", (0, 0), (-1, -1), 0.3, colors.grey))
        table.setStyle(TableStyle(style))
        story += [table, PageBreak()]
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)


def measure(path: Path, extractor: str | None) -> dict[str, Any]:
    """Time reading and table checks of one PDF (and the whole check with an extractor)."""
    from numcheck.inference.tables import check_tables
    from numcheck.pdf_read import read_pdf
    from numcheck.schema import Document

    data = path.read_bytes()
    t0, c0 = time.perf_counter(), time.process_time()
    text, tables, _meta = read_pdf(data, where=str(path))
    read_s, read_cpu = time.perf_counter() - t0, time.process_time() - c0
    doc = Document(id=str(path), text=text, tables=tables)
    t0, c0 = time.perf_counter(), time.process_time()
    found = check_tables(doc, tables, [])
    check_s, check_cpu = time.perf_counter() - t0, time.process_time() - c0
    out: dict[str, Any] = {
        "pdf": str(path), "bytes": len(data), "characters": len(text), "tables": len(tables),
        "cells": sum(len(t.cells) for t in tables), "table_checks": len(found.checks),
        "table_flags": sum(c.verdict.value == "inconsistent" for c in found.checks),
        "read_seconds": round(read_s, 2), "table_check_seconds": round(check_s, 2),
        # CPU seconds: on a machine shared with other work, the wall clock measures the others too
        "read_cpu_seconds": round(read_cpu, 2), "table_check_cpu_seconds": round(check_cpu, 2),
    }
    try:
        import pypdfium2

        out["pages"] = len(pypdfium2.PdfDocument(data))
    except Exception:  # noqa: BLE001 - the page count is informative only
        out["pages"] = None
    if extractor:
        from numcheck.inference.extractor import get_extractor
        from numcheck.pipeline import check_documents

        ex = get_extractor(extractor)
        t0 = time.perf_counter()
        result = check_documents([doc], ex)[0]
        out[f"check_seconds_{extractor}"] = round(time.perf_counter() - t0, 2)
        out["checks"] = len(result.checks)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print one line of figures per PDF and write them all to --out."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=100, help="pages of the generated PDF (0: none)")
    ap.add_argument("--pdf", type=Path, nargs="*", default=[], help="more PDFs to time")
    ap.add_argument("--extractor", default=None, help="also time the whole check with this extractor")
    ap.add_argument("--out", type=Path, default=Path("tables-bench.json"))
    ap.add_argument("--workdir", type=Path, default=Path("/tmp"))
    args = ap.parse_args(argv)
    paths = list(args.pdf)
    if args.pages:
        generated = args.workdir / f"numcheck-table-bench-{args.pages}p.pdf"
        if not generated.exists():
            make_pdf(generated, args.pages)
        paths.insert(0, generated)
    figures = []
    for path in paths:
        row = measure(path, args.extractor)
        figures.append(row)
        print(json.dumps(row), file=sys.stderr)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
