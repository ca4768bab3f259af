"""The relation head: link probabilities for candidate pairs of figures, run in numpy.

A pair `a -> b` is read as six pooled encoder vectors (the two figures, their product, the
words between them, the three tokens after each; `numcheck.inference.relations.vector_features`)
and a few simple features (kinds, distances, brackets; `simple_features`), standardised, then
one hidden layer (ReLU) and one sigmoid per link type (`LINKS`). Links the kinds do not allow
are 0. The weights live beside the token tagger in the model directory
(`relations.safetensors`, `relations.json` with the link types, the standardisation, the
calibration of each check kind and the thresholds), so the relation head ships with the model
and loads without torch.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from numcheck.inference.relations import LINKS, LinkDoc, Pair, Thresholds, simple_features, vector_features

WEIGHTS_FILE = "relations.safetensors"
META_FILE = "relations.json"
#: Bumped when the features a head reads change; a head of another version does not load.
FEATURE_VERSION = 1


def pair_inputs(doc: LinkDoc, pairs: Sequence[Pair], hidden: int) -> np.ndarray:
    """The head's input rows for the pairs: vector features then simple features."""
    if not pairs:
        return np.zeros((0, 6 * hidden + simple_features_size()), dtype=np.float32)
    vec = vector_features(doc, pairs, hidden)
    simple = np.stack([simple_features(doc, p) for p in pairs])
    return np.concatenate([vec, simple], axis=1)


def simple_features_size() -> int:
    """The length of `simple_features`."""
    from numcheck.inference.relations import ARITHMETIC

    return 2 * len(ARITHMETIC) + 16


def allowed_mask(pairs: Sequence[Pair]) -> np.ndarray:
    """1 where a pair's kinds allow the link, shape (pairs, len(LINKS))."""
    m = np.zeros((len(pairs), len(LINKS)), dtype=np.float32)
    for r, p in enumerate(pairs):
        for link in p.allowed:
            m[r, LINKS.index(link)] = 1
    return m


@dataclass
class Calibration:
    """Platt scaling of a check kind's raw relation score: p = sigmoid(a * logit(raw) + b)."""

    a: float = 1.0
    b: float = 0.0

    def __call__(self, raw: float) -> float:
        """The calibrated probability.

        >>> round(Calibration(2.0, 0.0)(0.5), 3)
        0.5
        """
        raw = min(max(raw, 1e-6), 1 - 1e-6)
        z = self.a * np.log(raw / (1 - raw)) + self.b
        return float(1 / (1 + np.exp(-z)))


class RelationModel:
    """The trained relation head (a `LinkScorer`), its calibration and thresholds.

    >>> # m = RelationModel.load("models/shipped"); m.score(doc, candidates(doc))
    """

    def __init__(self, weights: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
        self.w1 = weights["w1"].astype(np.float32)
        self.b1 = weights["b1"].astype(np.float32)
        self.w2 = weights["w2"].astype(np.float32)
        self.b2 = weights["b2"].astype(np.float32)
        self.mean = weights["mean"].astype(np.float32)
        self.scale = weights["scale"].astype(np.float32)
        self.meta = meta
        self.hidden = int(meta["hidden"])
        if list(meta.get("links", [])) != [x.value for x in LINKS]:
            from numcheck.errors import ModelError

            raise ModelError(None, f"the relation head's links {meta.get('links')} differ from this numcheck's "
                             f"{[x.value for x in LINKS]}", "retrain it with numcheck train-links")
        self.calibration = {k: Calibration(**v) for k, v in meta.get("calibration", {}).items()}
        t = meta.get("thresholds", {})
        self.thresholds = Thresholds(keep=float(t.get("keep", 0.5)), flag=float(t.get("flag", 0.9)))

    def logits(self, x: np.ndarray) -> np.ndarray:
        """Raw link logits of standardised-or-not input rows (standardised here)."""
        z = (x - self.mean) / self.scale
        h = np.maximum(z @ self.w1 + self.b1, 0)
        return h @ self.w2 + self.b2

    def score(self, doc: LinkDoc, pairs: Sequence[Pair]) -> np.ndarray:
        """Link probabilities of each pair, 0 where the kinds do not allow the link."""
        if not pairs:
            return np.zeros((0, len(LINKS)), dtype=np.float32)
        x = pair_inputs(doc, pairs, self.hidden)
        probs = 1 / (1 + np.exp(-self.logits(x)))
        return probs * allowed_mask(pairs)

    def calibrate(self, kind: object, raw: float) -> float:
        """The calibrated probability that a decoded relation of `kind` is right."""
        cal = self.calibration.get(str(getattr(kind, "value", kind)))
        return cal(raw) if cal is not None else raw

    def save(self, path: str | Path) -> Path:
        """Write `relations.safetensors` and `relations.json` into a model directory (pairs with `load`)."""
        from safetensors.numpy import save_file

        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        weights = {"w1": self.w1, "b1": self.b1, "w2": self.w2, "b2": self.b2, "mean": self.mean, "scale": self.scale}
        save_file({k: np.ascontiguousarray(v.astype(np.float16 if k.startswith("w") else np.float32))
                   for k, v in weights.items()}, str(out / WEIGHTS_FILE))
        meta = {**self.meta, "calibration": {k: vars(v) for k, v in self.calibration.items()},
                "thresholds": {"keep": self.thresholds.keep, "flag": self.thresholds.flag}}
        (out / META_FILE).write_text(json.dumps(meta, indent=2, default=str) + "\n")
        return out

    @classmethod
    def load(cls, path: str | Path | None = None) -> RelationModel:
        """The relation head of a model directory (the shipped model by default)."""
        from safetensors.numpy import load_file

        from numcheck.errors import ModelError

        base = Path(path) if path is not None else Path(__file__).parent / "shipped"
        if not (base / WEIGHTS_FILE).is_file():
            raise ModelError(None, f"{base} has no relation head ({WEIGHTS_FILE})",
                             "train one with numcheck train-links, or pass a model directory that has one")
        meta = json.loads((base / META_FILE).read_text())
        if meta.get("feature_version") != FEATURE_VERSION:
            raise ModelError(None, f"the relation head in {base} reads features of version "
                             f"{meta.get('feature_version')}, this numcheck makes version {FEATURE_VERSION}",
                             "retrain it with numcheck train-links")
        return cls(load_file(str(base / WEIGHTS_FILE)), meta)
