"""Documents as laid out: web pages with their tables, PDF pages in reading order with theirs.

The PDFs are written here with reportlab (two columns, running heads, page numbers, dot
leaders, a table with a total row and bracketed negatives), so each test knows the truth.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from numcheck.errors import InputError
from numcheck.html_read import read_html
from numcheck.pdf_read import read_pdf
from numcheck.tables import Grid

reportlab = pytest.importorskip("reportlab")


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html><html><head><title>Awards</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<main><article><h1>Housing awards announced</h1>
<aside class="stat-headline"><p>4,218 households helped in 2024</p></aside>
<p>The department announced the awards for this year. The table lists each grantee and the amounts it receives.</p>
<table><caption>Awards by grantee</caption>
<thead><tr><th rowspan="2">State</th><th colspan="2">Program</th><th rowspan="2">Total</th></tr>
<tr><th>Housing</th><th>Shelter</th></tr></thead>
<tbody><tr><th>Ohio</th><td>$100,000</td><td>$20,000</td><td>$120,000</td></tr>
<tr><th>Utah</th><td>$80,000</td><td>$15,000</td><td>$95,000</td></tr>
<tr><th>TOTAL</th><td>$180,000</td><td>$35,000</td><td>$215,000</td></tr></tbody></table>
<p>Notes: Amounts are rounded to the nearest dollar.</p>
<p>Grantees must report on the use of the funds within a year of the award.</p>
</article></main><footer><p>Contact us | Privacy</p></footer></body></html>"""


def test_a_web_page_table_is_a_grid_in_place_with_spans_headers_caption_and_notes():
    text, tables, _meta = read_html(PAGE)
    assert len(tables) == 1
    t = tables[0]
    grid = Grid(t, text)
    assert (t.header_rows, t.header_cols, t.n_cols) == (2, 1, 4)
    assert grid.column_header(1) == "Program / Housing" and grid.column_header(3) == "Total"
    assert [grid.text_at(4, c) for c in range(4)] == ["TOTAL", "$180,000", "$35,000", "$215,000"]
    assert text[t.caption[0] : t.caption[1]] == "Awards by grantee"
    assert text[t.notes[0] : t.notes[1]].startswith("Notes: Amounts are rounded")
    assert text.index("lists each grantee") < t.start < text.index("Grantees must report")
    assert "Home" not in text and "Privacy" not in text


def test_the_headline_figures_in_an_aside_of_the_article_are_kept():
    text, _tables, _meta = read_html(PAGE)
    assert "4,218 households helped in 2024" in text


def test_a_page_that_is_only_a_table_keeps_it_and_a_layout_table_is_not_one():
    only = ("<table><tr><td>Region</td><td>2023</td><td>2024</td></tr><tr><td>North</td><td>1,204</td><td>1,310</td></tr>"
            "<tr><td>South</td><td>987</td><td>1,002</td></tr><tr><td>Total</td><td>2,191</td><td>2,312</td></tr></table>")
    text, tables, _ = read_html(f"<html><body>{only}</body></html>")
    assert len(tables) == 1 and "2,312" in text
    nested = f"<html><body><table><tr><td><p>Intro paragraph long enough to be kept by the extractor.</p>{only}</td></tr></table></body></html>"
    _text, tables, _ = read_html(nested)
    assert len(tables) == 1 and tables[0].n_rows == 4


def test_nul_bytes_in_html_are_reported_as_binary():
    with pytest.raises(InputError) as err:
        read_html(b"<html>\x00\x00</html>")
    assert err.value.code == "E_BINARY"


# --------------------------------------------------------------------------- PDF


def _pdf(path: Path, build) -> bytes:
    build(path)
    return path.read_bytes()


def two_columns(path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

    w, h = A4
    col = (w - 4 * cm - cm) / 2
    styles = getSampleStyleSheet()

    def furniture(canvas, doc):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2 * cm, h - 1.2 * cm, "DOC/2026/7 Quarterly review")
        canvas.drawCentredString(w / 2, 1.2 * cm, str(doc.page))

    pdf = BaseDocTemplate(str(path), pagesize=A4)
    pdf.addPageTemplates([PageTemplate(frames=[Frame(2 * cm, 2 * cm, col, h - 4 * cm), Frame(3 * cm + col, 2 * cm, col, h - 4 * cm)],
                                       onPage=furniture)])
    story = []
    for page, word in enumerate(("alpha", "beta", "gamma")):
        left = f"Left column {word} paragraph. " * 30
        right = f"Right column {word} paragraph. " * 30
        story += [Paragraph(f"LEFT{page} " + left, styles["BodyText"]), FrameBreak(),
                  Paragraph(f"RIGHT{page} " + right, styles["BodyText"]), FrameBreak()]
    pdf.build(story)


def test_a_two_column_pdf_reads_down_each_column_without_running_heads_or_page_numbers(tmp_path):
    text, tables, _ = read_pdf(_pdf(tmp_path / "two.pdf", two_columns))
    order = [m.group() for m in re.finditer(r"(LEFT|RIGHT)\d", text)]
    assert order == ["LEFT0", "RIGHT0", "LEFT1", "RIGHT1", "LEFT2", "RIGHT2"]
    # each column's text runs on, never interleaved with the other column's lines
    assert not re.search(r"Left column \w+ paragraph\. Right", text) and not re.search(r"Right column \w+ paragraph\. Left", text)
    assert "DOC/2026/7" not in text and "Quarterly review" not in text
    assert not re.search(r"(^|\n)\s*[123]\s*(\n|$)", text)
    assert tables == []


def report_with_table(path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    rows = [["", "FY2024", "FY2025", "Change"],
            ["Account", "Enacted", "Enacted", "(%)"],
            ["Research", "1,451.5", "1,303.6", "-10.2"],
            ["Construction", "(14.7)", "13.7", "n/a"],
            ["Grants", "73.8", "80.0", "8.4"],
            ["Total", "1,510.6", "1,397.3", "-7.5"]]
    table = Table(rows)
    table.setStyle(TableStyle([("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("LINEBELOW", (0, 1), (-1, 1), 0.5, colors.black)]))
    contents = [Paragraph(f"Chapter {i} {'.' * 60} {i + 2}", styles["BodyText"]) for i in range(1, 5)]
    story = [Paragraph("Contents", styles["Heading2"]), *contents,
             Paragraph("Table 1. Funding by account ($ in millions)", styles["Heading4"]), table,
             Paragraph("Notes: Amounts in parentheses are net rescissions.", styles["BodyText"])]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def test_a_pdf_table_is_a_grid_with_headers_caption_and_notes_and_leaders_are_gone(tmp_path):
    text, tables, _ = read_pdf(_pdf(tmp_path / "table.pdf", report_with_table))
    assert len(tables) == 1
    t = tables[0]
    grid = Grid(t, text)
    assert (t.header_rows, t.header_cols, t.n_cols) == (2, 1, 4)
    assert grid.column_header(3) == "Change / (%)" and grid.column_header(1) == "FY2024 / Enacted"
    assert [grid.text_at(t.n_rows - 1, c) for c in range(4)] == ["Total", "1,510.6", "1,397.3", "-7.5"]
    assert grid.text_at(3, 1) == "(14.7)"
    assert text[t.caption[0] : t.caption[1]] == "Table 1. Funding by account ($ in millions)"
    assert text[t.notes[0] : t.notes[1]].startswith("Notes: Amounts in parentheses")
    # the contents page keeps its titles; leaders and the page numbers after them are gone
    assert "Chapter 1" in text and ".." not in text and not re.search(r"Chapter 1 \d", text)


def test_not_a_pdf_and_a_pdf_without_text_say_what_is_wrong(tmp_path):
    with pytest.raises(InputError) as err:
        read_pdf(b"%PDF-1.4 broken")
    assert err.value.code == "E_PDF_INVALID"
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(100, 100, 200, 200, fill=1)
    c.save()
    with pytest.raises(InputError) as err:
        read_pdf((tmp_path / "scan.pdf").read_bytes())
    assert err.value.code == "E_PDF_NO_TEXT"
