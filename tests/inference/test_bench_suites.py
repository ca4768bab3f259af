"""The real-text and long-document suites of the benchmark: inputs, fresh-process runs, targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from numcheck.benchmarks import suites
from numcheck.inference import bench


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_real_paragraphs_stop_at_the_word_budget_and_skip_seen_ids(tmp_path):
    a = _write_jsonl(tmp_path / "a.jsonl", [{"id": f"p{i}", "text": "one two three four"} for i in range(5)])
    b = _write_jsonl(tmp_path / "b.jsonl", [{"id": "p1", "text": "seen already"}, {"id": "q", "text": "five six"}])
    rows = suites.real_paragraphs([a, b], words=100)
    assert [r["id"] for r in rows] == ["p0", "p1", "p2", "p3", "p4", "q"]
    assert [r["id"] for r in suites.real_paragraphs([a, b], words=9)] == ["p0", "p1", "p2"]


def test_a_fresh_process_run_reports_words_memory_and_stages(tmp_path):
    texts = [{"id": f"d{i}", "text": f"In 2024, {1000 + i} of the {4000 + i} cases (25.0%) were closed, {i + 3}% more."} for i in range(6)]
    src = _write_jsonl(tmp_path / "in.jsonl", texts)
    run = suites.run_check_process([src], tmp_path / "out", suite="press", name="press paragraphs", extractor="rules")
    assert run.exit_code == 0 and not run.timed_out
    assert run.docs == 6 and run.words == sum(len(t["text"].split()) for t in texts)
    assert run.quantities >= 6 * 4 and run.checks >= 6
    assert 0 < run.cpu_seconds and run.seconds > 0 and run.peak_rss_mb > 20
    assert {"reading", "linking", "start, load, writing"} <= set(run.stages)
    assert run.stages["model"] is None  # the rules keep no model clock
    assert suites.texts_of_run(tmp_path / "out", src)[0] == texts[0]["text"]


def test_a_run_past_its_timeout_is_stopped_and_says_so(tmp_path):
    src = _write_jsonl(tmp_path / "in.jsonl", [{"id": "d", "text": "In 2024, 12 of 40 cases were closed."}])
    run = suites.run_check_process([src], tmp_path / "out", suite="press", name="x", extractor="rules", timeout=0.05)
    assert run.timed_out and run.exit_code != 0


def test_generated_report_pdf_has_the_pages_asked_for(tmp_path):
    pytest.importorskip("reportlab")
    from numcheck.benchmarks.pdf import write_report_pdf

    a = write_report_pdf(tmp_path / "a.pdf", pages=3, seed=1)
    b = write_report_pdf(tmp_path / "b.pdf", pages=3, seed=1)
    assert suites.pdf_pages(a) == 3
    assert a.read_bytes() == b.read_bytes()  # a seed gives the same file
    joined = suites.join_pdfs([a, b], tmp_path / "ab.pdf")
    assert suites.pdf_pages(joined) == 6


def _process_run(suite, name, seconds, rss, words=100_000, pages=None, timed_out=False):
    return suites.ProcessRun(suite=suite, name=name, pages=pages, docs=1, words=words, seconds=seconds, cpu_seconds=seconds,
                             words_per_s=words / seconds, peak_rss_mb=rss, exit_code=0, timed_out=timed_out)


def test_issue_20_targets_take_the_best_run_and_report_misses():
    result = bench.BenchResult(seed=0, base_docs=20, sizes=[], machine={}, load_seconds={})
    result.process_runs = [
        _process_run("press", "press paragraphs", 20.0, 480.0), _process_run("press", "press paragraphs", 10.0, 520.0),
        _process_run("pdf", "generated 100 pages", 16.0, 300.0, pages=100),
        _process_run("documents", suites.REPORT_NAME, 900.0, 1200.0, pages=103, timed_out=True),
    ]
    result.tool_runs = [suites.ToolRun(suite="press", name="press paragraphs", tool="spacy", words=100_000, seconds=12.5,
                                       words_per_s=8000.0, found=1)]
    result.ready_seconds = [0.8, 1.3, 0.9]
    targets = {t.name: t for t in bench._real_targets(result)}
    ratio = targets["real press paragraphs vs spaCy NER (end to end, fresh process)"]
    assert ratio.met is False and ratio.measured.startswith("1.25x") and "10,000 vs 8,000" in ratio.measured  # the faster run
    assert targets["peak memory, real press paragraphs"].met is True  # the lower peak of the two runs
    assert targets["model ready after Python starts"].met is True and "median 0.90" in targets["model ready after Python starts"].measured
    assert targets["generated 100-page PDF (100 pages), end to end"].met is False
    report = targets["real table-heavy report (103 pages), end to end"]
    assert report.met is False and "timed out" in report.measured
    assert targets["real table-heavy report, peak memory"].met is False
    # the tables render with the runs in them
    from rich.console import Console

    console = Console(record=True, width=250)
    for table in bench.render_tables(result):
        console.print(table)
    text = console.export_text()
    assert "press paragraphs" in text and "1.25x" in text and "(timeout)" in text
    md = bench.markdown_tables(result)
    assert "| press paragraphs | - | 100,000 | 10.0 / 15.0 | 10,000 |" in md and "(timed out)" in md
