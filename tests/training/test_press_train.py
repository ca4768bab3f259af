"""The hand-written press-release training set: its build script refuses unlabelled numbers, and
the training reader teaches a full set's unlabelled digits as no span while masking a partial set's."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from numcheck.training.data import read_partial_gold

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def mpt():
    spec = importlib.util.spec_from_file_location("make_press_train", ROOT / "scripts" / "make_press_train.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_press_train"] = module
    spec.loader.exec_module(module)
    return module


def _source(tmp_path: Path, *rows: dict) -> Path:
    path = tmp_path / "t.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_marks_become_offsets_and_rate_bases_stay_unlabelled(mpt, tmp_path):
    src = _source(tmp_path, {"id": "a", "genre": "crime",
                             "marked": "Police logged [812|COUNT] thefts, [14.2|RATE] per {100,000} people, in [2024|DATE]."})
    docs, problems = mpt.build(src)
    assert problems == []
    (doc,) = docs
    assert doc["text"] == "Police logged 812 thefts, 14.2 per 100,000 people, in 2024."
    assert [(q["text"], q["kind"]) for q in doc["quantities"]] == [("812", "COUNT"), ("14.2", "RATE"), ("2024", "DATE")]
    assert all(doc["text"][q["start"]:q["end"]] == q["text"] for q in doc["quantities"])


@pytest.mark.parametrize("marked,problem", [
    ("Police logged 812 thefts in [2024|DATE].", "digit outside every span"),
    ("Police logged [812|COUNT] thefts and two robberies.", "number word 'two' outside every span"),
    ("Police logged [many|COUNT] thefts.", "holds no digit and no number word"),
    ("Police logged [812|TALLY] thefts.", "unknown kind TALLY"),
    ("Police logged [812|COUNT thefts.", "unparsed mark"),
])
def test_a_paragraph_with_an_unlabelled_or_badly_marked_number_is_refused(mpt, tmp_path, marked, problem):
    _docs, problems = mpt.build(_source(tmp_path, {"id": "a", "genre": "crime", "marked": marked}))
    assert any(problem in p for p in problems), problems


def test_a_pronoun_one_is_allowed_only_when_listed(mpt, tmp_path):
    marked = "No one was hurt among the [31|COUNT] passengers."
    assert mpt.build(_source(tmp_path, {"id": "a", "marked": marked}))[1]
    assert mpt.build(_source(tmp_path, {"id": "a", "marked": marked, "unmarked_words": ["one"]}))[1] == []


def test_half_and_quarter_after_an_ordinal_are_parts_of_a_period_not_numbers(mpt, tmp_path):
    ok = "In the first half of [2025|DATE], the II quarter and the third quarter of [2024|DATE], [41|COUNT] cases."
    assert mpt.build(_source(tmp_path, {"id": "a", "marked": ok}))[1] == []
    bad = "Cases fell by half in [2025|DATE]."
    assert mpt.build(_source(tmp_path, {"id": "a", "marked": bad}))[1]


def test_duplicate_ids_are_refused_and_nothing_is_written(mpt, tmp_path):
    src = _source(tmp_path, {"id": "a", "marked": "[3|COUNT] cars."}, {"id": "a", "marked": "[4|COUNT] vans."})
    out = tmp_path / "out.jsonl"
    assert mpt.main(["--sources", str(src), "--out", str(out)]) == 1
    assert not out.exists()


@pytest.mark.parametrize(("built", "sources"), [("press-train.jsonl", "press"), ("press2-train.jsonl", "press2"),
                                                ("press3-train.jsonl", "press3")])
def test_the_committed_training_file_is_what_the_script_writes(mpt, tmp_path, built, sources):
    committed = ROOT / "training" / "labels" / built
    if not committed.exists():
        pytest.skip(f"training/labels/{built} is not built")
    out = tmp_path / built
    assert mpt.main(["--sources", str(ROOT / "training" / "labels" / sources), "--out", str(out)]) == 0
    assert out.read_bytes() == committed.read_bytes()


def _gold_line(text: str, quantities: list[dict], **extra) -> str:
    return json.dumps({"id": "d", "text": text, "quantities": quantities, **extra}) + "\n"


def test_a_full_gold_set_keeps_its_spans_and_teaches_unlabelled_digits_a_partial_one_is_cut_and_masked(tmp_path):
    text = "Police logged 812 thefts, 14.2 per 100,000 people, up 2.3 percentage points (+41)."
    spans = ["812", "14.2", "2.3 percentage points", "+41"]
    kinds = ["COUNT", "RATE", "CHANGE", "CHANGE"]
    qs = [{"id": f"q{i}", "start": text.index(t), "end": text.index(t) + len(t), "text": t, "kind": k}
          for i, (t, k) in enumerate(zip(spans, kinds, strict=True), 1)]
    full, partial = tmp_path / "full.jsonl", tmp_path / "partial.jsonl"
    full.write_text(_gold_line(text, qs), encoding="utf-8")
    partial.write_text(_gold_line(text, qs, gold_scope="counts, rates and changes"), encoding="utf-8")
    (f,) = read_partial_gold(full)
    (p,) = read_partial_gold(partial)
    assert [text[s.start:s.end] for s in f.spans] == spans
    assert f.masked == [] and not f.mask_unlabeled_digits
    # The partial set's spans are cut to their number core and the cut-off text is masked.
    assert [text[s.start:s.end] for s in p.spans] == ["812", "14.2", "2.3", "41"]
    assert {text[a:b] for a, b in p.masked} == {" percentage points", "+"}
    assert p.mask_unlabeled_digits


def test_written_relations_become_checks_and_a_slip_is_refused(mpt, tmp_path):
    marked = "Of [40|COUNT] cases, [10|COUNT] were mild and [30|COUNT] severe, [75%|PERCENT] of them."
    ok = {"id": "a", "marked": marked, "checks": [["sum", ["q2", "q3", "q1"], "consistent"],
                                                  ["share", ["q4", "q3", "q1"], "consistent"]]}
    docs, problems = mpt.build(_source(tmp_path, ok))
    assert problems == []
    assert [c["quantities"] for c in docs[0]["checks"]] == [["q2", "q3", "q1"], ["q4", "q3", "q1"]]
    # a wrong id makes the arithmetic fail: 10 is not 75% of 40
    slip = {**ok, "checks": [["share", ["q4", "q2", "q1"], "consistent"]]}
    assert any("the arithmetic says inconsistent" in p for p in mpt.build(_source(tmp_path, slip))[1])
    # a deliberate error is written inconsistent and kept
    planted = {**ok, "checks": [["share", ["q4", "q2", "q1"], "inconsistent"]]}
    assert mpt.build(_source(tmp_path, planted))[1] == []
    unknown = {**ok, "checks": [["share", ["q4", "q9", "q1"], "consistent"]]}
    assert any("unknown quantity ids ['q9']" in p for p in mpt.build(_source(tmp_path, unknown))[1])
