"""Held-out evaluation paragraphs never reach the training data."""

from __future__ import annotations

import json
from pathlib import Path

from numcheck.training.config import TrainConfig
from numcheck.training.data import holdout_ids, read_unlabeled

ROOT = Path(__file__).resolve().parents[2]


def _paragraphs(tmp_path: Path, n: int = 30) -> Path:
    path = tmp_path / "paragraphs.jsonl"
    rows = [{"id": f"p{i}", "text": f"Our invented town counted {i + 1} new wells in 2019."} for i in range(n)]
    rows.append({"id": "words", "text": "Nothing was counted in this paragraph."})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_excluded_ids_are_never_sampled_and_the_rest_keep_their_order(tmp_path):
    path = _paragraphs(tmp_path)
    everything = read_unlabeled(path, 30, seed=5)
    assert len(everything) == 30 and "Nothing was counted in this paragraph." not in everything
    held = tmp_path / "held.jsonl"
    held.write_text(json.dumps({"id": "p3", "quantities": []}) + "\n" + json.dumps({"id": "p7"}) + "\n")
    ids = holdout_ids([held])
    assert ids == {"p3", "p7"}
    kept = read_unlabeled(path, 28, seed=5, exclude_ids=ids)
    assert not any(" 4 new wells" in t or " 8 new wells" in t for t in kept)
    assert kept == [t for t in everything if " 4 new wells" not in t and " 8 new wells" not in t]


def test_the_shipped_config_holds_out_the_hand_labelled_set():
    config = TrainConfig.model_validate(json.loads((ROOT / "configs" / "train.json").read_text()))
    labels = ROOT / "eval" / "labels" / "cdc-handlabelled.jsonl"
    assert labels.relative_to(ROOT) in config.holdout_labels
    assert len(holdout_ids([labels])) >= 25
