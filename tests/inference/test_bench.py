"""The benchmark: its generated corpus, its stage timing, its targets and its output files."""

from __future__ import annotations

import importlib.util
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from numcheck.benchmarks.corpus import BASE_DOCS, GENRES, generate_corpus, generate_document, write_corpus
from numcheck.inference import bench
from numcheck.schema import Document, DocumentResult, Quantity


class DigitExtractor:
    """Every run of digits is a COUNT: enough to exercise the timing without a real extractor."""

    name = "digits"

    def __init__(self) -> None:
        self.calls = 0

    def extract(self, texts):
        self.calls += 1
        return [
            [Quantity(id=f"q{i}", start=m.start(), end=m.end(), text=m.group(), kind="COUNT")
             for i, m in enumerate(re.finditer(r"\d[\d,.]*\d|\d", t), start=1)]
            for t in texts
        ]


class TimedDigitExtractor(DigitExtractor):
    """Like DigitExtractor, but keeps cumulative stage timings the way the model extractor may."""

    def __init__(self) -> None:
        super().__init__()
        self.timings = {"windowing": 0.0, "model": 0.0}

    def extract(self, texts):
        self.timings["windowing"] += 0.25
        return super().extract(texts)


class WindowedDigitExtractor(DigitExtractor):
    """Has a `_windows` step, as the model extractor does, and no timings of its own."""

    def _windows(self, texts):
        import time

        time.sleep(0.05)
        return list(texts)

    def extract(self, texts):
        return super().extract(self._windows(texts))


def _fake_check_text(doc: Document, quantities, **_: object) -> DocumentResult:
    return DocumentResult(id=doc.id, text=doc.text, quantities=quantities)


def test_corpus_is_deterministic_and_differs_by_seed():
    assert generate_corpus(3, seed=1) == generate_corpus(3, seed=1)
    assert generate_document(0, seed=1)["text"] != generate_document(0, seed=2)["text"]
    # Document i is the same in every corpus size, so 10x contains 1x.
    assert generate_corpus(BASE_DOCS * 2)[:BASE_DOCS] == generate_corpus(BASE_DOCS)


def test_corpus_has_every_genre_about_300_words_and_valid_offsets():
    docs = generate_corpus(BASE_DOCS)
    assert {d["genre"] for d in docs} == set(GENRES)
    for d in docs:
        words = len(d["text"].split())
        assert 290 <= words <= 360, (d["id"], words)
        assert len(d["quantities"]) >= 10
        for q in d["quantities"]:
            assert d["text"][q["start"]:q["end"]] == q["text"]
        # Every digit belongs to a recorded quantity, except a rate's base (part of its unit).
        covered = {i for q in d["quantities"] for i in range(q["start"], q["end"])}
        text = d["text"].replace("per 100,000", "per _______")
        assert all(i in covered for i, ch in enumerate(text) if ch.isdigit()), d["id"]


def test_corpus_plants_both_consistent_and_broken_relations():
    verdicts = [c["verdict"] for d in generate_corpus(BASE_DOCS) for c in d["checks"]]
    assert verdicts.count("consistent") > verdicts.count("inconsistent") > 5


def test_planted_shares_follow_the_rounding_rule():
    seen = 0
    for d in generate_corpus(BASE_DOCS):
        qs = {q["id"]: q for q in d["quantities"]}
        for c in d["checks"]:
            if c["kind"] != "share":
                continue
            pct, part, whole = (qs[i] for i in c["quantities"])
            exact = Decimal(part["value"]) / Decimal(whole["value"]) * 100
            rounded = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            assert (rounded == Decimal(str(pct["value"]))) == (c["verdict"] == "consistent"), (d["id"], c)
            seen += 1
    assert seen >= BASE_DOCS // 2


def test_write_corpus_round_trips_as_documents(tmp_path: Path):
    path = write_corpus(tmp_path / "c.jsonl", 4, seed=3)
    docs = [Document.model_validate(json.loads(line)) for line in path.read_text().splitlines()]
    assert [d.id for d in docs] == [f"bench-3-{i:05d}" for i in range(4)]


def test_run_numcheck_times_every_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("numcheck.pipeline.check_text", _fake_check_text)
    corpus = write_corpus(tmp_path / "c.jsonl", 70)
    ex = DigitExtractor()
    run = bench.run_numcheck(ex, corpus, tmp_path / "r.jsonl", size=1)
    assert run.docs == 70 and ex.calls == 2  # batches of 64
    assert run.words == sum(len(d["text"].split()) for d in generate_corpus(70))
    assert run.stages["windowing"] is None
    assert all(run.stages[s] >= 0 for s in ("reading", "model", "linking", "writing"))
    assert run.seconds >= sum(v for v in run.stages.values() if v)
    assert run.quantities > 70 * 10 and run.peak_rss_mb > 10
    lines = (tmp_path / "r.jsonl").read_text().splitlines()
    assert len(lines) == 70 and json.loads(lines[0])["id"] == "bench-0-00000"


def test_run_numcheck_uses_the_extractors_own_stage_timings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("numcheck.pipeline.check_text", _fake_check_text)
    run = bench.run_numcheck(TimedDigitExtractor(), write_corpus(tmp_path / "c.jsonl", 3), tmp_path / "r.jsonl", size=1)
    assert run.stages["windowing"] == pytest.approx(0.25)


def test_run_numcheck_clocks_a_windows_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("numcheck.pipeline.check_text", _fake_check_text)
    ex = WindowedDigitExtractor()
    corpus = write_corpus(tmp_path / "c.jsonl", 3)
    first = bench.run_numcheck(ex, corpus, tmp_path / "r.jsonl", size=1)
    second = bench.run_numcheck(ex, corpus, tmp_path / "r.jsonl", size=1)
    # One call per run: each run reports its own windowing time, not the running total.
    for run in (first, second):
        assert 0.05 <= run.stages["windowing"] < 0.5
        assert run.stages["model"] >= 0 and run.quantities > 0


def _run(extractor: str, size: int, seconds: float, words: int = 6000, rss: float = 400.0) -> bench.RunFigures:
    return bench.RunFigures(
        extractor=extractor, size=size, docs=20 * size, words=words * size, seconds=seconds, cpu_seconds=seconds,
        docs_per_s=20 * size / seconds, words_per_s=words * size / seconds, stages=dict.fromkeys(bench.STAGES, 0.1),
        peak_rss_mb=rss, quantities=1, checks=1, inconsistent=0,
    )


def test_targets_report_misses_and_by_how_much():
    result = bench.BenchResult(seed=0, base_docs=20, sizes=[10, 100], machine={}, load_seconds={"model": 3.5})
    result.runs = [_run("model", 10, 10.0), _run("model", 100, 130.0, rss=1600.0)]
    result.ratios = {"model vs spacy": {"100": 0.8}}
    result.growth = {"model": bench._growth(result.runs)}
    targets = {t.name: t for t in bench._targets(result, "model")}
    assert result.growth["model"] == pytest.approx(1.3)
    assert targets["throughput vs spaCy"].met is False and "missed by 20%" in targets["throughput vs spaCy"].note
    assert targets["peak memory (RSS)"].met is False and "100 MB" in targets["peak memory (RSS)"].note
    assert targets["model load"].met is False
    assert targets["linear growth"].met is False


def test_targets_met_and_tables_render():
    from rich.console import Console

    result = bench.BenchResult(seed=0, base_docs=20, sizes=[10, 100], machine={}, load_seconds={"rules": 0.01})
    result.runs = [_run("rules", 10, 1.0), _run("rules", 100, 10.5)]
    result.baselines = [bench.BaselineFigures(tool="spacy", size=100, docs=2000, words=600000, seconds=60.0,
                                              words_per_s=10000.0, found=5, peak_rss_mb=300.0)]
    result.ratios = {"rules vs spacy": {"100": 5.7}}
    result.growth = {"rules": bench._growth(result.runs)}
    result.targets = bench._targets(result, "rules")
    assert all(t.met for t in result.targets)
    console = Console(record=True, width=200)
    for table in bench.render_tables(result):
        console.print(table)
    text = console.export_text()
    assert "5.70x" in text and "57,143" in text and "linear growth" in text


def test_save_and_load_result(tmp_path: Path):
    result = bench.BenchResult(seed=4, base_docs=20, sizes=[1], machine={"cpus": 2}, load_seconds={"rules": 0.5})
    result.runs = [_run("rules", 1, 2.0)]
    assert bench.load_result(bench.save_result(result, tmp_path / "b.json")) == result


def test_bad_sizes_and_extractor_are_usage_errors():
    from numcheck.errors import UsageError

    with pytest.raises(UsageError):
        bench.measure([0], ["rules"], compare=False)
    with pytest.raises(UsageError):
        bench.run_bench([1], "regex", False, console=None)


@pytest.mark.skipif(
    importlib.util.find_spec("numcheck.inference.rules") is None
    or importlib.util.find_spec("numcheck.inference.relations") is None,
    reason="needs the rules extractor and the checker",
)
def test_cli_bench_rules_writes_bench_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from typer.testing import CliRunner

    from numcheck.cli import app

    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["bench", "--sizes", "1", "--extractor", "rules", "--no-compare", "--suites", "generated"])
    assert res.exit_code == 0, res.output
    data = json.loads((tmp_path / "bench.json").read_text())
    assert data["runs"][0]["extractor"] == "rules" and data["runs"][0]["docs"] == BASE_DOCS
    assert data["runs"][0]["checks"] > 0


def test_model_load_target_takes_the_fresh_process_figure():
    loads = {"model": 1.5, "model: in a fresh process, from python start": 3.2}
    result = bench.BenchResult(seed=0, base_docs=20, sizes=[10], machine={}, load_seconds=loads)
    result.runs = [_run("model", 10, 10.0)]
    target = {t.name: t for t in bench._targets(result, "model")}["model load"]
    assert target.met is False and "fresh process" in target.measured and "0.20 s" in target.note
    del result.load_seconds["model: in a fresh process, from python start"]
    target = {t.name: t for t in bench._targets(result, "model")}["model load"]
    assert target.met is True and "in process" in target.measured


def test_scaling_times_every_report_and_the_store_description(tmp_path: Path):
    from numcheck.benchmarks.scaling import main

    out = tmp_path / "scaling.json"
    assert main(["--extractor", "rules", "--sizes", "2,4", "--reports", "--json", str(out)]) == 0
    rows = json.loads(out.read_text())["rows"]
    assert [r["kb"] for r in rows] == [2, 4]
    for row in rows:
        assert set(row["reports_seconds"]) == {"text", "html", "sarif", "describe"}
        assert all(v >= 0 for v in row["reports_seconds"].values())
    assert rows[1]["figures"] > rows[0]["figures"] > 0
