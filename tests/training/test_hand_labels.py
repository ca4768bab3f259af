"""Hand-corrected labels replace the weak labels of their paragraphs, and bad labels are refused."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from numcheck.errors import ConfigError
from numcheck.training.config import TrainConfig
from numcheck.training.data import read_hand_labels, sample_unlabeled
from numcheck.training.train import build_items

ROOT = Path(__file__).resolve().parents[2]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _paragraphs(tmp_path: Path) -> Path:
    rows = [{"id": f"p{i}", "text": f"The invented county logged {i + 3} dry wells in 2019 under Plan B{i}."} for i in range(12)]
    path = tmp_path / "paragraphs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def _label(text: str, pid: str, pieces: list[tuple[str, str]]) -> dict:
    qs = []
    for piece, kind in pieces:
        a = text.index(piece)
        qs.append({"start": a, "end": a + len(piece), "kind": kind})
    return {"id": pid, "text_sha256": _sha(text), "quantities": qs}


def _write(path: Path, labels: list[dict]) -> Path:
    path.write_text("".join(json.dumps(lab) + "\n" for lab in labels))
    return path


def test_hand_labels_take_the_place_of_weak_labels_of_the_same_paragraph(tmp_path):
    paras = _paragraphs(tmp_path)
    sample = sample_unlabeled(paras, 5, seed=3)
    pid, text = sample[0]
    labels = _write(tmp_path / "hand.jsonl", [_label(text, pid, [(text.split()[4], "COUNT"), ("2019", "DATE"), (text.split()[-1].rstrip("."), "OTHER")])])
    config = TrainConfig(synthetic_examples=0, unlabeled_path=paras, unlabeled_examples=5, seed=3,
                         hand_labels=[labels], hand_repeat=2)
    items = build_items(config, lambda _msg: None)
    sources = [it.source for it in items]
    assert sources.count("weak:rules") == 4 and sources.count("hand:hand.jsonl") == 2
    hand = [it for it in items if it.source.startswith("hand:")][0]
    assert hand.text == text and not hand.mask_unlabeled_digits
    assert [(text[s.start:s.end], s.kind) for s in hand.spans][-1] == (text.split()[-1].rstrip("."), "OTHER")
    assert all(it.text != text for it in items if it.source == "weak:rules")


def test_a_changed_paragraph_is_an_error_not_a_silent_skip(tmp_path):
    paras = _paragraphs(tmp_path)
    lab = _label("The invented county logged 3 dry wells in 2019 under Plan B0.", "p0", [("2019", "DATE")])
    lab["text_sha256"] = _sha("another text")
    with pytest.raises(ConfigError, match="SHA-256"):
        read_hand_labels(_write(tmp_path / "bad.jsonl", [lab]), paras)
    lab = _label("The invented county logged 3 dry wells in 2019 under Plan B0.", "nope", [("2019", "DATE")])
    with pytest.raises(ConfigError, match="no paragraph"):
        read_hand_labels(_write(tmp_path / "missing.jsonl", [lab]), paras)
    lab = _label("The invented county logged 3 dry wells in 2019 under Plan B0.", "p0", [("dry", "COUNT")])
    with pytest.raises(ConfigError, match="number-bearing"):
        read_hand_labels(_write(tmp_path / "word.jsonl", [lab]), paras)


def test_hand_labels_of_held_out_paragraphs_are_refused(tmp_path):
    paras = _paragraphs(tmp_path)
    text = "The invented county logged 3 dry wells in 2019 under Plan B0."
    labels = _write(tmp_path / "hand.jsonl", [_label(text, "p0", [("2019", "DATE")])])
    held = _write(tmp_path / "held.jsonl", [{"id": "p0", "quantities": []}])
    config = TrainConfig(synthetic_examples=0, unlabeled_path=paras, hand_labels=[labels], holdout_labels=[held])
    with pytest.raises(ConfigError, match="held out"):
        build_items(config, lambda _msg: None)


def test_the_shipped_training_labels_fit_the_paragraphs_when_present():
    labels = ROOT / "training" / "labels" / "cdc-train.jsonl"
    paras = ROOT.parent / "shared" / "data" / "unlabeled" / "paragraphs.jsonl"
    if not labels.exists() or not paras.exists():
        pytest.skip("needs training/labels/cdc-train.jsonl and ../shared beside the repository")
    hand = read_hand_labels(labels, paras)
    assert len(hand) >= 25
    sample_ids = {pid for pid, _ in sample_unlabeled(paras, 700, 13)}
    assert set(hand) <= sample_ids  # corrections of the shipped model's weak-label sample
    second = ROOT / "training" / "labels" / "cdc-train-2.jsonl"
    if second.exists():
        more = read_hand_labels(second, paras)
        assert set(more) <= sample_ids and not set(more) & set(hand)
    config = TrainConfig.model_validate(json.loads((ROOT / "configs" / "train.json").read_text()))
    assert config.hand_labels == [labels.relative_to(ROOT)]
