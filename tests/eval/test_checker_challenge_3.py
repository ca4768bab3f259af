"""The third checker-challenge gold set rebuilds from its script, byte for byte."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_the_committed_third_gold_is_what_its_script_writes(tmp_path):
    out = tmp_path / "checker-challenge-3.jsonl"
    assert _load("make_checker_challenge_3").main(["--out", str(out)]) == 0
    assert out.read_bytes() == (ROOT / "eval" / "labels" / "checker-challenge-3.jsonl").read_bytes()


def test_named_marks_resolve_to_quantity_ids():
    mcc3 = _load("make_checker_challenge_3")
    spec = {"id": "t", "publisher": "p", "title": "t", "date": "2025-01-01",
            "text": "Of [200|COUNT|files]@all files, [50|COUNT|files]@part were closed ([25%|PERCENT]@p).",
            "checks": [("share", ["p", "part", "all"], "consistent", "closed")]}
    doc, problems = mcc3.mcc.build(mcc3.resolve_names(spec))
    assert problems == []
    assert doc["checks"][0]["quantities"] == ["q3", "q2", "q1"]
    assert doc["text"] == "Of 200 files, 50 were closed (25%)."
