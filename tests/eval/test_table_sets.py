"""The table sets: the generated one (HTML and reportlab PDFs with planted errors) and the
hand-labelled real one, built and scored by `numcheck eval`."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from numcheck.config import EvalConfig
from numcheck.eval.run import evaluate

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT.parent / "shared" / "data" / "documents"
LABELS = ROOT / "eval" / "labels" / "tables-real.jsonl"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _scores(gold: Path):
    outcome = evaluate(EvalConfig(gold=gold, extractors=["gold"]))
    g = outcome.metrics.extractors[0].gold
    return g.checks, g.detection


def test_the_generated_table_set_is_checked_with_the_right_verdict_and_right_flags(tmp_path):
    pytest.importorskip("reportlab")
    gen = _script("make_table_set")
    assert gen.main(["--out", str(tmp_path), "--n", "5", "--seed", "7"]) == 0
    docs = [json.loads(line) for line in (tmp_path / "gold.jsonl").read_text().splitlines()]
    assert {d["layout"] for d in docs} == {"html", "pdf-report", "pdf-two-column"}
    for d in docs:
        for q in d["quantities"]:
            assert d["text"][q["start"] : q["end"]] == q["text"]
    checks, detection = _scores(tmp_path / "gold.jsonl")
    assert checks.overall.n_gold >= 30
    assert checks.found_right >= 0.9
    assert detection.flag_precision is None or detection.flag_precision >= 0.95


def test_labels_hold_no_text_only_places_and_hashes():
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        lab = json.loads(line)
        assert set(lab) == {"document", "title", "text_sha256", "checks"}
        for c in lab["checks"]:
            assert len(c["figures"]) == len(c["hashes"]) and c["verdict"] in ("consistent", "inconsistent")
            assert all(h is None or len(h) == 12 for h in c["hashes"])


@pytest.mark.skipif(not DOCUMENTS.is_dir(), reason="../shared/data/documents is not here")
def test_the_real_table_set_builds_from_the_documents_and_is_checked_right(tmp_path):
    labels = _script("table_labels")
    n = labels.build(LABELS, DOCUMENTS, tmp_path / "real.jsonl")
    assert n == sum(len(json.loads(line)["checks"]) for line in LABELS.read_text().splitlines())
    checks, detection = _scores(tmp_path / "real.jsonl")
    assert checks.found_right >= 0.9 and detection.flag_precision >= 0.95
