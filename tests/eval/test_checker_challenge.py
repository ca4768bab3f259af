"""The three checker-challenge gold sets rebuild from their scripts, and the scripts refuse bad gold."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("script,gold", [
    ("make_checker_challenge", "checker-challenge.jsonl"),
    ("make_checker_challenge_2", "checker-challenge-2.jsonl"),
    ("make_checker_challenge_3", "checker-challenge-3.jsonl"),
])
def test_the_committed_gold_is_what_the_script_writes(script, gold, tmp_path):
    out = tmp_path / gold
    assert _load(script).main(["--out", str(out)]) == 0
    assert out.read_bytes() == (ROOT / "eval" / "labels" / gold).read_bytes()


def _spec(text: str, checks: list) -> dict:
    return {"id": "t", "publisher": "p", "title": "t", "date": "2025-01-01", "text": text, "checks": checks}


def test_a_typed_verdict_the_arithmetic_contradicts_is_refused():
    mcc = _load("make_checker_challenge")
    text = "Police recorded [1,000|COUNT|crimes] crimes; [40.0%|PERCENT] or [400|COUNT|crimes] of them were solved."
    _doc, problems = mcc.build(_spec(text, [("share", ["q2", "q3", "q1"], "consistent", "solved")]))
    assert problems == []
    _doc, problems = mcc.build(_spec(text, [("share", ["q2", "q3", "q1"], "inconsistent", "solved")]))
    assert problems and "arithmetic says consistent" in problems[0]


def test_a_figure_left_unlabelled_is_refused():
    mcc = _load("make_checker_challenge")
    _doc, problems = mcc.build(_spec("Police recorded [1,000|COUNT|crimes] crimes and 400 arrests.", []))
    assert any("digit outside a span" in p for p in problems)


def test_named_marks_resolve_to_quantity_ids():
    # the third script lets a check name its figures ("[200|COUNT]@all") instead of counting q-ids
    mcc3 = _load("make_checker_challenge_3")
    spec = {"id": "t", "publisher": "p", "title": "t", "date": "2025-01-01",
            "text": "Of [200|COUNT|files]@all files, [50|COUNT|files]@part were closed ([25%|PERCENT]@p).",
            "checks": [("share", ["p", "part", "all"], "consistent", "closed")]}
    doc, problems = mcc3.mcc.build(mcc3.resolve_names(spec))
    assert problems == []
    assert doc["checks"][0]["quantities"] == ["q3", "q2", "q1"]
    assert doc["text"] == "Of 200 files, 50 were closed (25%)."
