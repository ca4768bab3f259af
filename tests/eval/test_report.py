"""The report's error listings, context snippets, escaping and plots."""

from __future__ import annotations

import pytest

import numcheck.pipeline
from numcheck.config import EvalConfig
from numcheck.eval.report import build_plots, collect_errors, context_segments, md_escape, metric_definitions
from numcheck.eval.run import evaluate

from evalkit import FakeExtractor, fake_check_documents


def _outcome(gold_file, perturbed_file, tmp_path, verdict=None, monkeypatch=None):
    if verdict is not None:
        # The fake checker, with every verdict forced to `verdict`.
        def forced(docs, extractor, **kw):
            results = fake_check_documents(docs, extractor, **kw)
            for r in results:
                r.checks = [c.model_copy(update={"verdict": verdict}) for c in r.checks]
            return results

        monkeypatch.setattr(numcheck.pipeline, "check_documents", forced)
    cfg = EvalConfig(gold=gold_file, perturbed=perturbed_file, extractors=["fake"], out=tmp_path)
    return evaluate(cfg, extractors={"fake": FakeExtractor()})


def test_span_and_check_errors_are_listed(gold_file, perturbed_file, fake_checker, tmp_path):
    errors = collect_errors(_outcome(gold_file, perturbed_file, tmp_path).runs[0])
    # The fake extractor skips the one-digit "8" of d3 and calls "2024" a COUNT.
    assert [e.what for e in errors["missed spans"].items] == ["gold COUNT '8' [26:27] not found"]
    assert [e.what for e in errors["wrong kinds"].items] == ["'2024': gold DATE, predicted COUNT"]
    # Without "8", d3's part_whole(8, 10) cannot be found.
    assert [e.doc_id for e in errors["missed checks"].items] == ["d3"]
    assert "missed inconsistencies" not in errors and "false alarms" not in errors


def test_missed_inconsistencies_and_false_alarms(gold_file, perturbed_file, fake_checker, monkeypatch, tmp_path):
    quiet = collect_errors(_outcome(gold_file, perturbed_file, tmp_path, "consistent", monkeypatch).runs[0])
    # d2's real inconsistency and the perturbed d1~c0 now pass as consistent.
    assert [e.doc_id for e in quiet["missed inconsistencies"].items] == ["d2", "d1~c0"]
    assert "predicted consistent" in quiet["missed inconsistencies"].items[0].what
    loud = collect_errors(_outcome(gold_file, perturbed_file, tmp_path, "inconsistent", monkeypatch).runs[0])
    # d1 (clean) is flagged; d3's only check (10 vs 2024) is flagged too and touches nothing altered.
    assert [e.doc_id for e in loud["false alarms"].items] == ["d1", "d3"]
    assert loud["false alarms"].total == 2


def test_error_lists_are_capped_but_keep_the_total(gold_file, perturbed_file, fake_checker, tmp_path):
    run = _outcome(gold_file, perturbed_file, tmp_path).runs[0]
    errors = collect_errors(run, limit=0)
    assert errors["missed spans"].items == [] and errors["missed spans"].total == 1


def test_context_marks_each_figure_and_trims_far_text():
    text = "x" * 200 + " 5 of 9 " + "y" * 200
    segs = context_segments(text, [(201, 202, "1"), (206, 207, "2")], width=10)
    assert [(s.text, s.mark) for s in segs if s.mark] == [("5", "1"), ("9", "2")]
    assert segs[0].text.startswith("…") and segs[-1].text.endswith("…")
    assert sum(len(s.text) for s in segs) < 40


def test_md_escape_makes_text_inert():
    assert md_escape("**bold** | <b>x</b>\nnext") == r"\*\*bold\*\* \| &lt;b&gt;x&lt;/b&gt; next"


def test_definitions_come_from_the_metrics_module():
    titles = [t for t, _ in metric_definitions()]
    assert titles == ["Spans", "Checks", "Detection"]
    assert "offsets and its kind equal" in dict(metric_definitions())["Spans"]


def test_plots_are_inline_svg_without_prolog(gold_file, perturbed_file, fake_checker, tmp_path):
    plots = build_plots(_outcome(gold_file, perturbed_file, tmp_path).metrics.extractors)
    assert plots["f1_by_kind"].startswith("<svg")
    assert "<?xml" not in plots["f1_by_kind"] and "<metadata>" not in plots["f1_by_kind"]
    assert set(plots["kind_confusion"]) == {"fake"}
    assert set(plots["verdict_confusion"]) == {"fake / gold", "fake / perturbed"}
    assert plots["detection_by_kind"].startswith("<svg")
    # ids are prefixed per figure so that several inline SVGs never share one
    assert 'id="f1-' in plots["f1_by_kind"]


@pytest.mark.parametrize("key", ["f1_by_kind", "detection_by_kind"])
def test_no_plots_without_results(key):
    assert build_plots([])[key] is None


def test_repeated_errors_are_collapsed():
    from numcheck.eval.report import ErrorItem, Segment, _collapse

    same = [ErrorItem("missed checks", f"d~c{i}", "share(...)", [Segment("ctx"), Segment("5", "1")]) for i in range(3)]
    other = ErrorItem("missed checks", "e", "share(...)", [Segment("other text")])
    out = _collapse([*same, other])
    assert [e.doc_id for e in out] == ["d~c0", "e"]
    assert out[0].also_in == ["d~c1", "d~c2"]
