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
