"""The JSONL report: one flushed line per document, and recovery of an interrupted file."""

from __future__ import annotations

import json

from numcheck.formats.jsonl import JsonlWriter, read_for_resume
from numcheck.schema import DocumentResult, Quantity, dump_record


def test_each_line_is_flushed_as_it_is_added(tmp_path):
    path = tmp_path / "results.jsonl"
    writer = JsonlWriter.to_file(path)
    writer.add(DocumentResult(id="a", text="5 cases", quantities=[Quantity(id="q1", start=0, end=1, text="5", kind="COUNT")]))
    line = json.loads(path.read_text())  # readable before close: a kill now loses nothing
    assert line["id"] == "a" and line["quantities"][0]["kind"] == "COUNT"
    assert set(line) >= {"id", "source", "text", "quantities", "claims", "checks", "derived", "errors"}
    writer.add(DocumentResult(id="b"))
    assert len(path.read_text().splitlines()) == 2


def test_resume_keeps_complete_lines_and_drops_broken_ones(tmp_path):
    path = tmp_path / "results.jsonl"
    good = [dump_record(DocumentResult(id=i)) for i in "abc"]
    path.write_text(good[0] + "\n" + "{not json\n" + good[1] + "\n" + good[2][:10])
    results, dropped = read_for_resume(path)
    assert [r.id for r in results] == ["a", "b"] and dropped == 2
    assert path.read_text() == good[0] + "\n" + good[1] + "\n"
    assert read_for_resume(tmp_path / "none.jsonl") == ([], 0)


def test_a_long_result_is_written_in_pieces_as_the_same_line(tmp_path):
    """Thousands of figures and tables go out a batch at a time; the line is the one dump_record writes."""
    from numcheck.schema import Cell, Table, dump_result_pieces

    text = "7 " * 2500
    qs = [Quantity(id=f"q{i + 1}", start=2 * i, end=2 * i + 1, text="7", kind="COUNT", value=7) for i in range(2500)]
    tables = [Table(id=f"t{i}", start=0, end=1, n_rows=1, n_cols=1, cells=[Cell(row=0, col=0, start=0, end=1)])
              for i in range(2100)]
    result = DocumentResult(id="long", text=text, quantities=qs, tables=tables)
    assert len(list(dump_result_pieces(result))) > 4  # both lists in batches
    path = tmp_path / "r.jsonl"
    writer = JsonlWriter.to_file(path)
    writer.add(result)
    writer.stream.close()
    assert path.read_text(encoding="utf-8") == dump_record(result) + "\n"
    assert json.loads(path.read_text(encoding="utf-8"))["quantities"][2499]["id"] == "q2500"


def test_a_stream_that_takes_only_ascii_gets_escaped_lines_in_the_same_layout():
    import io

    from numcheck.formats.jsonl import JsonlWriter
    from numcheck.schema import DocumentResult, dump_record

    plain, accented = DocumentResult(id="a", text="5 cases"), DocumentResult(id="b", text="5 café cases")
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    writer = JsonlWriter(stream)
    writer.add(plain)
    writer.add(accented)
    lines = raw.getvalue().decode("ascii").splitlines()
    assert lines[0] == dump_record(plain)
    assert lines[1] == dump_record(accented).replace("é", "\\u00e9")
