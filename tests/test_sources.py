"""Inputs: paths to documents, each readable one with its text, each broken one with an error code."""

from __future__ import annotations

import io
import json
import os
import random
from pathlib import Path

import pytest

from numcheck.errors import InputError
from numcheck.schema import Document
from numcheck.sources import (
    STDIN_ID,
    InputUnit,
    count_documents,
    decode_text,
    expand_paths,
    extract_html,
    extract_pdf,
    iter_documents,
)

PARAGRAPHS = [
    "Harbour traffic rose in 2024",
    "In 2024 the port authority recorded 12,400 ships. Of these, 3,100 ships, or 25%, were container vessels.",
    "Cargo volume increased by 10% from 200,000 tonnes in 2023 to 220,000 tonnes in 2024.",
]
TABLE = [["Terminal", "Ships"], ["North", "7,000"], ["South", "5,400"], ["Total", "12,400"]]
PLAIN = "\n\n".join([*PARAGRAPHS, "\n".join(" | ".join(r) for r in TABLE)])

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Harbour traffic rose in 2024 | Port of Eastvale</title>
<meta property="og:site_name" content="Port of Eastvale"><meta name="date" content="2025-01-24">
<script>window.__pwned = 1;</script><style>body {{ color: red; }}</style></head>
<body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/about">About us</a></li>
<li><a href="/contact">Contact 24/7: 555 0100</a></li></ul></nav>
<header><div class="search">Search 2,000 pages</div></header>
<main><article>
<h1>{p0}</h1>
<p>{p1}</p>
<p>{p2}</p>
<table><thead><tr><th>Terminal</th><th>Ships</th></tr></thead>
<tbody><tr><td>North</td><td>7,000</td></tr><tr><td>South</td><td>5,400</td></tr><tr><td>Total</td><td>12,400</td></tr></tbody></table>
</article></main>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a> <a href="#">Share by email (3 clicks)</a></div>
<footer><p>Copyright 2025 Port of Eastvale. 1 Harbour Road, 10115 Eastvale. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/cookies">Cookie settings</a></p></footer>
</body></html>
""".format(p0=PARAGRAPHS[0], p1=PARAGRAPHS[1], p2=PARAGRAPHS[2])


def make_pdf(paragraphs: list[str], table: list[list[str]], *, title: str = "Harbour traffic") -> bytes:
    pytest.importorskip("reportlab")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=title, author="Port of Eastvale")
    story = [Paragraph(paragraphs[0], styles["Title"])]
    story += [Paragraph(p, styles["BodyText"]) for p in paragraphs[1:]]
    story.append(Spacer(1, 12))
    grid = Table(table)
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story.append(grid)
    doc.build(story)
    return buf.getvalue()


def load(path: Path, **kw) -> list:
    return list(iter_documents(expand_paths([str(path)]), max_bytes=kw.pop("max_bytes", 10**6), **kw))


def only(path: Path, **kw):
    docs = load(path, **kw)
    assert len(docs) == 1
    return docs[0]


# --------------------------------------------------------------------------- paths


def test_directories_are_walked_recursively_in_sorted_order(tmp_path):
    for name in ["b.txt", "a/z.md", "a/y.html", "c.pdf", ".hidden/x.txt", "a/.secret.txt", "notes.docx", "out/results.jsonl"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    units = expand_paths([str(tmp_path)], exclude=[tmp_path / "out"])
    rel = [os.path.relpath(u.path, tmp_path) for u in units]
    assert rel == ["b.txt", "c.pdf", "a/y.html", "a/z.md"]


def test_a_run_never_reads_its_own_reports(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "results.jsonl").write_text("{}")
    units = expand_paths([str(tmp_path)], exclude=[tmp_path], exclude_files=[tmp_path / "results.jsonl"])
    assert [os.path.basename(u.path) for u in units] == ["a.txt"]


def test_globs_missing_paths_duplicates_and_stdin(tmp_path):
    (tmp_path / "one.txt").write_text("1")
    (tmp_path / "two.txt").write_text("2")
    units = expand_paths([str(tmp_path / "*.txt"), str(tmp_path / "one.txt"), str(tmp_path / "none*.md"),
                          str(tmp_path / "gone.txt"), "-"])
    assert [(os.path.basename(u.path), u.kind) for u in units] == [
        ("one.txt", "file"), ("two.txt", "file"), ("none*.md", "missing"), ("gone.txt", "missing"), (STDIN_ID, "stdin")]
    assert "no file matches" in units[2].reason


def test_count_documents_counts_jsonl_lines(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "1", "text": "x"}\n\n{"id": "2", "text": "y"}\n')
    (tmp_path / "b.txt").write_text("x")
    assert count_documents(expand_paths([str(tmp_path)])) == 3


# --------------------------------------------------------------------------- broken inputs


def codes(docs) -> list[str]:
    return [e.code for d in docs for e in d.errors]


def test_missing_file_and_dangling_symlink(tmp_path):
    (tmp_path / "link.txt").symlink_to(tmp_path / "nowhere.txt")
    docs = list(iter_documents(expand_paths([str(tmp_path / "gone.txt"), str(tmp_path / "link.txt")]), max_bytes=100))
    assert codes(docs) == ["E_MISSING", "E_MISSING"]
    assert [d.doc.id for d in docs] == [str(tmp_path / "gone.txt"), str(tmp_path / "link.txt")]
    assert "check the path" in docs[0].errors[0].message


def test_permission_denied_is_unreadable(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("In 2024, 12 ships docked.")

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    err = only(path).errors[0]
    assert err.code == "E_UNREADABLE" and "permission denied" in err.message and "chmod" in err.message


def test_a_pipe_is_unreadable_and_never_blocks(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.jsonl")
    assert count_documents(expand_paths([str(tmp_path)])) == 2
    assert codes(load(tmp_path)) == ["E_UNREADABLE", "E_UNREADABLE"]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E_BINARY"),
        ("empty.txt", b"", "E_EMPTY"),
        ("blank.md", b"  \n\n\t ", "E_EMPTY"),
        ("noise.txt", random.Random(3).randbytes(400).replace(b"\x00", b"\x01"), "E_ENCODING"),
        ("scan.pdf", b"%PDF-1.4 garbage that no parser accepts", "E_PDF_INVALID"),
        ("blank.html", b"<html><head><script>var x = 1;</script></head><body><div> </div><img src=x></body></html>", "E_EMPTY"),
        ("bad.jsonl", b"\x00\x01binary", "E_BINARY"),
        ("none.jsonl", b"\n\n", "E_EMPTY"),
    ],
)
def test_broken_files_get_one_error_each(tmp_path, name, data, code):
    (tmp_path / name).write_bytes(data)
    loaded = only(tmp_path / name)
    assert codes([loaded]) == [code]
    assert loaded.doc.id == str(tmp_path / name)
    what, _, fix = loaded.errors[0].message.rpartition(". ")
    assert what and len(fix) > 8, "the message says what went wrong, then what to do"


def test_pdf_without_text_layer(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(50, 50, 300, 400, fill=1)
    c.save()
    err = only(tmp_path / "scan.pdf").errors[0]
    assert err.code == "E_PDF_NO_TEXT" and "OCR" in err.message


def test_too_large_is_refused_before_reading(tmp_path):
    (tmp_path / "big.txt").write_text("In 2024, 12 ships docked. " * 100)
    err = only(tmp_path / "big.txt", max_bytes=1000).errors[0]
    assert err.code == "E_TOO_LARGE" and "2,600 bytes" in err.message and "--max-bytes" in err.message


def test_malformed_jsonl_lines_are_reported_with_their_line_number(tmp_path):
    lines = [
        '{"id": "ok-1", "text": "In 2024, 12 ships docked."}',
        '{"id": "cut", "text": "In 20',
        "",
        '["not", "an", "object"]',
        '{"text": "no id"}',
        '{"id": "no-text"}',
        '{"id": "blank", "text": "  "}',
        '{"id": 7, "text": "In 2023, 9 ships docked.", "reference": {"population": 52000}}',
        '{"id": "bad-ref", "text": "x 5", "reference": {"population": "many"}}',
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n")
    docs = load(path)
    assert [d.doc.id for d in docs] == ["ok-1", f"{path}:2", f"{path}:4", f"{path}:5", f"{path}:6", "blank", "7", f"{path}:9"]
    assert codes(docs) == ["E_JSONL", "E_JSONL", "E_JSONL", "E_JSONL", "E_EMPTY", "E_JSONL"]
    assert docs[6].doc.reference.population == 52000
    assert "line 2 of" in docs[1].errors[0].message


def test_jsonl_text_and_offsets_are_kept_exactly(tmp_path):
    text = "Line one: 5 cases.\r\nLine two:\t7 cases.  "
    obj = {"id": "x", "text": text, "extra": {"ignored": True},
           "quantities": [{"id": "q1", "start": 10, "end": 11, "text": "5", "kind": "COUNT"}]}
    (tmp_path / "s.jsonl").write_text(json.dumps(obj) + "\n")
    plain = only(tmp_path / "s.jsonl")
    assert plain.doc.text == text and plain.doc.quantities == [] and not plain.has_gold
    gold = only(tmp_path / "s.jsonl", with_gold=True)
    assert gold.has_gold and gold.doc.quantities[0].text == "5"


def test_jsonl_with_a_byte_order_mark_and_crlf_lines(tmp_path):
    (tmp_path / "w.jsonl").write_bytes(b'\xef\xbb\xbf{"id": "a", "text": "5 cases"}\r\n{"id": "b", "text": "6 cases"}\r\n')
    docs = load(tmp_path / "w.jsonl")
    assert [(d.doc.id, d.doc.text, d.ok) for d in docs] == [("a", "5 cases", True), ("b", "6 cases", True)]


def test_gold_offsets_that_miss_their_text_are_an_error(tmp_path):
    obj = {"id": "x", "text": "Of 40 cases, 10", "quantities": [{"id": "q1", "start": 0, "end": 2, "text": "40", "kind": "COUNT"}]}
    (tmp_path / "s.jsonl").write_text(json.dumps(obj) + "\n")
    err = only(tmp_path / "s.jsonl", with_gold=True).errors[0]
    assert err.code == "E_JSONL" and "reads 'Of', not '40'" in err.message


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "a.txt").write_text("In 2024, 12 ships docked.")
    (tmp_path / "b.txt").write_bytes(b"\x00\x00")
    (tmp_path / "c.txt").write_text("In 2023, 9 ships docked.")
    docs = load(tmp_path)
    assert [(os.path.basename(d.doc.id), d.ok) for d in docs] == [("a.txt", True), ("b.txt", False), ("c.txt", True)]


# --------------------------------------------------------------------------- text and encodings


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Le port a traité 12 400 navires en 2024, soit 5 % de plus qu'en 2023.".encode("cp1252"),
         "Le port a traité 12 400 navires en 2024, soit 5 % de plus qu'en 2023."),
        ("В 2024 году порт обработал 12 400 судов, на 5% больше, чем годом ранее.".encode("cp1251"),
         "В 2024 году порт обработал 12 400 судов, на 5% больше, чем годом ранее."),
        ("In 2024, 12 ships docked.".encode("utf-16"), "In 2024, 12 ships docked."),
        (b"\xef\xbb\xbfIn 2024, 12 ships docked.", "In 2024, 12 ships docked."),
    ],
)
def test_decode_text_detects_encodings(data, text):
    assert decode_text(data) == text


def test_text_files_get_unix_newlines_and_keep_paragraphs(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"First paragraph, 5 cases.\r\n\r\nSecond, 7 cases.\r\n")
    doc = only(tmp_path / "a.txt").doc
    assert doc.text == "First paragraph, 5 cases.\n\nSecond, 7 cases.\n"
    assert doc.source.path == str(tmp_path / "a.txt")


def test_stdin_text_and_jsonl():
    units = [InputUnit(path=STDIN_ID, kind="stdin")]
    text = list(iter_documents(units, max_bytes=1000, stdin=io.BytesIO(b"In 2024, 12 ships docked.")))
    assert [(d.doc.id, d.doc.text) for d in text] == [(STDIN_ID, "In 2024, 12 ships docked.")]
    lines = b'{"id": "a", "text": "5 cases"}\n{"id": "b", "text": "6 cases"}\n'
    assert [d.doc.id for d in iter_documents(units, max_bytes=1000, stdin=io.BytesIO(lines))] == ["a", "b"]


# --------------------------------------------------------------------------- HTML and PDF


def test_html_main_text_without_boilerplate_with_table_rows_and_metadata(tmp_path):
    text, meta = extract_html(PAGE.encode())
    assert text == PLAIN
    for boilerplate in ("Home", "About us", "Share on Facebook", "Tweet", "Copyright", "Cookie", "__pwned", "Search"):
        assert boilerplate not in text
    assert (meta.publisher, meta.date) == ("Port of Eastvale", "2025-01-24")
    assert meta.title and "Harbour traffic rose in 2024" in meta.title


def test_html_date_comes_from_markup_never_from_a_year_in_the_text():
    page = ("<html><head><title>Port</title></head><body><article><p>Le port a traité 12 400 navires en 2024, soit 5 % "
            "de plus qu'en 2023, a indiqué la capitainerie du port de l'Est.</p></article></body></html>")
    text, meta = extract_html(page.encode("cp1252"))
    assert text.startswith("Le port a traité 12 400 navires") and meta.date is None


def test_html_with_nul_bytes_is_binary(tmp_path):
    (tmp_path / "x.html").write_bytes(b"<html>\x00\x00\x00</html>")
    assert codes([only(tmp_path / "x.html")]) == ["E_BINARY"]


def test_html_file_keeps_metadata_in_source(tmp_path):
    (tmp_path / "page.htm").write_text(PAGE)
    doc = only(tmp_path / "page.htm").doc
    assert doc.source.publisher == "Port of Eastvale" and doc.source.path == str(tmp_path / "page.htm")


def test_html_line_breaks_do_not_glue_words():
    page = ("<html><body><article><p>North terminal: 7,000 ships<br>South terminal: 5,400 ships in the whole of 2024, "
            "as the harbour master reported to the council on Monday.</p></article></body></html>")
    text, _ = extract_html(page)
    assert "7,000 ships\nSouth terminal: 5,400 ships" in text


def test_pdf_paragraphs_are_rejoined_and_tables_become_rows():
    long = ("In 2024 the port authority recorded 12,400 ships, a figure that includes ferries, tugs and all of the "
            "small craft that call at the inner harbour during the summer season. Of these, 3,100 ships were container vessels.")
    data = make_pdf([PARAGRAPHS[0], long, PARAGRAPHS[2]], TABLE)
    text, meta = extract_pdf(data)
    assert text == "\n\n".join([PARAGRAPHS[0], long, PARAGRAPHS[2], "\n".join(" | ".join(r) for r in TABLE)])
    assert meta.title == "Harbour traffic" and meta.publisher == "Port of Eastvale"


def _figures_and_verdicts(path: Path, extractor) -> tuple[list, list]:
    from numcheck.pipeline import check_documents

    loaded = only(path)
    assert loaded.ok, loaded.errors
    result = check_documents([loaded.doc], extractor)[0]
    figures = [(q.text, q.kind.value, q.value) for q in result.quantities]
    texts = {q.id: q.text for q in result.quantities}
    checks = [(c.kind.value, [texts.get(q, q) for q in c.quantities], c.verdict.value) for c in result.checks]
    return figures, checks


def test_web_page_and_pdf_give_the_same_figures_and_verdicts_as_plain_text(tmp_path):
    rules = pytest.importorskip("numcheck.inference.rules")
    extractor = rules.RuleExtractor()
    (tmp_path / "release.txt").write_text(PLAIN)
    (tmp_path / "release.html").write_text(PAGE)
    (tmp_path / "release.pdf").write_bytes(make_pdf(PARAGRAPHS, TABLE))
    plain = _figures_and_verdicts(tmp_path / "release.txt", extractor)
    assert plain[0] and plain[1], "the plain text has figures and checks"
    assert _figures_and_verdicts(tmp_path / "release.html", extractor) == plain
    assert _figures_and_verdicts(tmp_path / "release.pdf", extractor) == plain


def test_every_unit_gives_a_document_even_when_reading_raises(tmp_path, monkeypatch):
    import numcheck.sources as sources

    def explode(*a, **k):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(sources, "extract_html", explode)
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "b.txt").write_text("In 2024, 12 ships docked.")
    docs = load(tmp_path)
    assert [(os.path.basename(d.doc.id), codes([d])) for d in docs] == [("a.html", ["E_INTERNAL"]), ("b.txt", [])]
    assert isinstance(docs[1].doc, Document)


def test_input_error_carries_its_hint():
    with pytest.raises(InputError, match="E_BINARY"):
        decode_text(b"\x00\x01\x02")


def test_pdf_paragraph_across_a_page_break_and_page_numbers_dropped():
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A6
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    paragraphs = [f"In {2000 + i} the northern office recorded {100 + i * 7:,} inspections of ships, ferries and "
                  f"small craft, of which {10 + i} found faults that the owners then repaired within a month." for i in range(8)]

    def page_number(canvas, doc):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(140, 15, f"Page {doc.page}")

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A6)
    doc.build([Paragraph(p, getSampleStyleSheet()["BodyText"]) for p in paragraphs], onFirstPage=page_number, onLaterPages=page_number)
    text, _ = extract_pdf(buf.getvalue())
    assert text == "\n\n".join(paragraphs)


def test_pdf_unruled_table_rows_stay_lines():
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    buf = io.BytesIO()
    body = getSampleStyleSheet()["BodyText"]
    SimpleDocTemplate(buf, pagesize=A4).build([Paragraph(PARAGRAPHS[1], body), Table(TABLE), Paragraph(PARAGRAPHS[2], body)])
    text, _ = extract_pdf(buf.getvalue())
    assert text.split("\n\n")[0] == PARAGRAPHS[1]
    assert text.split("\n\n")[-1] == PARAGRAPHS[2]
    rows = text.split("\n\n")[1:-1]
    assert rows == ["\n".join(" | ".join(r) for r in TABLE)]  # no rules: the cells are found by their alignment
