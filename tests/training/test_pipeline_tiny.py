"""The whole pipeline on a tiny model: data -> labels -> train -> save -> load -> extract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch")

CONFIG = Path(__file__).resolve().parents[2] / "configs" / "train-tiny.json"


def test_train_tiny_config_end_to_end(tmp_path):
    from numcheck.inference.model import ModelExtractor
    from numcheck.training.train import train_from_file

    out = train_from_file(CONFIG, output=tmp_path / "tiny")
    meta = json.loads((out / "numcheck.json").read_text())
    for key in ("label_scheme_version", "labels", "training_config", "data", "training", "metrics", "inference"):
        assert key in meta, key
    assert len(meta["data"]["sha256"]) == 64
    assert meta["data"]["cut_spans"] >= 0 and meta["data"]["spans"] > 0
    assert meta["training"]["steps"] == 4
    assert (out / "README.md").read_text().startswith("# numcheck figure tagger")
    assert json.loads((out / "config.json").read_text())["id2label"]["1"] == "B-COUNT"
    text = "In 2024, 33,379 crimes were recorded, 9.4% fewer than in 2023."
    [qs] = ModelExtractor(out).extract([text])
    for q in qs:  # an untrained tiny model may find anything, but offsets must hold
        assert text[q.start:q.end] == q.text and 0 <= q.score <= 1


def test_config_errors_name_the_field(tmp_path):
    from numcheck.errors import ConfigError
    from numcheck.training.config import load_train_config

    p = tmp_path / "bad.json"
    p.write_text(json.dumps({"epochs": -1}))
    with pytest.raises(ConfigError, match="epochs"):
        load_train_config(p)


def test_dev_sets_are_refused_as_training_data():
    from numcheck.errors import ConfigError
    from numcheck.training.data import check_not_dev

    with pytest.raises(ConfigError, match="measuring set"):
        check_not_dev("/work/shared/data/dev.jsonl")
    check_not_dev("/work/shared/data/external/re3d/train.jsonl")
