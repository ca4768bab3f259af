"""The relation head: link probabilities for candidate pairs of figures, run in numpy.

A pair `a -> b` is read as six pooled encoder vectors (the two figures, their product, the
words between them, the three tokens after each; `numcheck.inference.relations.vector_features`)
and a few simple features (kinds, distances, brackets; `simple_feature_rows`), standardised, then
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
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from numcheck.inference.relations import LINKS, LinkDoc, Pair, Thresholds, simple_feature_rows, vector_features

WEIGHTS_FILE = "relations.safetensors"
META_FILE = "relations.json"
#: Bumped when the features a head reads change; a head of another version does not load.
FEATURE_VERSION = 2


def has_branch(path: str | Path | None) -> bool:
    """Whether a model directory's relation head has its own branch (then the relation stage's
    token vectors are the branch's, not the tagger's last layer's). Reads the weights' names
    only, with safetensors' numpy API: no torch.

    >>> has_branch("/nonexistent")
    False
    """
    return bool(_branch_state(path, names_only=True))


def _branch_state(path: str | Path | None, *, names_only: bool = False) -> dict[str, Any]:
    from numcheck.models.io import SHIPPED_DIR

    file = (Path(path) if path is not None else SHIPPED_DIR) / WEIGHTS_FILE
    if not file.is_file():
        return {}
    from safetensors import safe_open

    with safe_open(str(file), "np") as fh:
        keys = [k for k in fh.keys() if k.startswith("branch.")]
        return {k[len("branch."):]: None if names_only else fh.get_tensor(k) for k in keys}


def branch_sha256(path: str | Path | None) -> str | None:
    """SHA-256 of the relation branch's weights in a model directory (names, dtypes, shapes and
    bytes, in name order), or None without a branch: what an ONNX export records, so that a head
    retrained on its frozen branch keeps its export and a retrained branch does not."""
    import hashlib

    state = _branch_state(path)
    if not state:
        return None
    h = hashlib.sha256()
    for k in sorted(state):
        v = np.ascontiguousarray(state[k])
        h.update(f"{k}|{v.dtype.str}|{v.shape}|".encode())
        h.update(v.tobytes())
    return h.hexdigest()


def load_branch(path: str | Path | None, tagger: Any, *, config_dir: str | Path | None = None) -> Any:
    """The relation branch (a torch `RelationBranch`) stored in a model directory's relation head,
    or None when the directory has no head or its head has no branch. The layer's shape is read
    from `config_dir` (default: `path`), the tagger's directory when the head was written apart."""
    from numcheck.models.io import SHIPPED_DIR

    base = Path(path) if path is not None else SHIPPED_DIR
    state = _branch_state(base)
    if not state:
        return None
    import torch

    from numcheck.models.encoder import RelationBranch, read_config

    branch = RelationBranch(read_config(config_dir if config_dir is not None else base))
    branch.load_state_dict({k: torch.tensor(v, dtype=torch.float32) for k, v in state.items()})
    branch.eval()
    return branch


@lru_cache(maxsize=1)
def _blas() -> Any:
    """The process's BLAS thread pools (threadpoolctl), found once: looking them up takes milliseconds."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def pair_inputs(doc: LinkDoc, pairs: Sequence[Pair], hidden: int) -> np.ndarray:
    """The head's input rows for the pairs: vector features then simple features."""
    if not pairs:
        return np.zeros((0, 6 * hidden + simple_features_size()), dtype=np.float32)
    return np.concatenate([vector_features(doc, pairs, hidden), simple_feature_rows(doc, pairs)], axis=1)


def simple_features_size() -> int:
    """The length of a row of `simple_feature_rows`."""
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
    """Platt scaling of a check kind's raw relation score: p = sigmoid(a * logit(raw) + b), and
    for a relation the arithmetic confirms, `c * log(width)` besides: the relative width within
    which its figures agree (`numcheck.checks.chance.agreement_width`; 1, no term, when unsaid)."""

    a: float = 1.0
    b: float = 0.0
    c: float = 0.0

    def __call__(self, raw: float, width: float = 1.0) -> float:
        """The calibrated probability.

        >>> round(Calibration(2.0, 0.0)(0.5), 3)
        0.5
        >>> round(Calibration(1.0, 0.0, -0.5)(0.5, width=0.0001), 3)  # a tight agreement says more
        0.99
        """
        raw = min(max(raw, 1e-6), 1 - 1e-6)
        z = self.a * np.log(raw / (1 - raw)) + self.b
        if self.c:
            z += self.c * np.log(min(max(width, 1e-6), 1.0))
        return float(1 / (1 + np.exp(-z)))


#: `score_many` multiplies the rows of documents together up to about this many pairs (a
#: table-heavy part has thousands; the first layer's output is 1,536 floats a row).
PAIRS_PER_PRODUCT = 1024


class RelationModel:
    """The trained relation head (a `LinkScorer`), its calibration and thresholds.

    Two small networks: one scores each candidate pair for each link (its six pooled vectors,
    its simple features and, when trained with them, its hashed words), one scores each figure
    for having no partner at all; `anchor_softmax` turns the two into probabilities.

    >>> # m = RelationModel.load("models/shipped"); m.score(doc, candidates(doc))
    """

    def __init__(self, weights: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
        self.weights = {k: v.astype(np.float32) for k, v in weights.items() if not k.startswith("branch.")}
        self.branch_weights = {k: v for k, v in weights.items() if k.startswith("branch.")}
        self.meta = meta
        self._split: dict[str, np.ndarray] | None = None
        self.hidden = int(meta["hidden"])
        self.words = bool(meta.get("words", False))
        if list(meta.get("links", [])) != [x.value for x in LINKS]:
            from numcheck.errors import ModelError

            raise ModelError(None, f"the relation head's links {meta.get('links')} differ from this numcheck's "
                             f"{[x.value for x in LINKS]}", "retrain it with numcheck train-links")
        self.calibration = {k: Calibration(**v) for k, v in meta.get("calibration", {}).items()}
        #: per check kind, the calibration of relations the arithmetic confirms (`confirm`)
        self.confirmed = {k: Calibration(**v) for k, v in meta.get("confirmed_calibration", {}).items()}
        t = meta.get("thresholds", {})
        self.thresholds = Thresholds(keep=float(t.get("keep", 0.5)), flag=float(t.get("flag", 0.9)),
                                     slip=float(t.get("slip", 1.0)), min_link=float(t.get("min_link", 0.2)),
                                     alternatives=int(t.get("alternatives", 4)))

    @staticmethod
    def _mlp(x: np.ndarray, w: dict[str, np.ndarray], prefix: str) -> np.ndarray:
        # A document's products have tens of rows: a second BLAS thread gains nothing on them, and
        # when another process holds a core, OpenBLAS waits a scheduler slice for it on every
        # product (the press suite's linking took 44 s instead of 7 s). One thread computes the
        # same numbers.
        with _blas().limit(limits=1, user_api="blas"):
            h = np.maximum(x @ w[f"{prefix}1"] + w[f"{prefix}b1"], 0)
            return h @ w[f"{prefix}2"] + w[f"{prefix}b2"]

    def inputs(self, doc: LinkDoc, pairs: Sequence[Pair]) -> tuple[np.ndarray, np.ndarray]:
        """The pair rows and the anchor rows the two networks read."""
        from numcheck.inference.relations import anchor_features, word_feature_rows

        x = pair_inputs(doc, pairs, self.hidden)
        if self.words:
            x = np.concatenate([x, word_feature_rows(doc, pairs)], axis=1)
        return x, anchor_features(doc, self.hidden)

    def score(self, doc: LinkDoc, pairs: Sequence[Pair]) -> np.ndarray:
        """Link probabilities of each pair, 0 where the kinds do not allow the link.

        The pair network's first layer is applied to the rows' parts (`pair_parts`): each figure's
        once, each pair of figures' once for both directions. The sum is the product with the full
        rows (`inputs`) up to float rounding, at a fraction of the work: a document of 60 figures
        has some 3,000 pairs, and their full rows are 2,716 numbers each.
        """
        return self.score_many([(doc, pairs)])[0]

    def score_many(self, jobs: Sequence[tuple[LinkDoc, Sequence[Pair]]]) -> list[np.ndarray]:
        """`score` of several documents at once: the first layer's products on figures and on pairs
        of figures, and the no-partner network, run once over the rows of all of them (a pair's own
        few features stay a product per document). A document's figures are a few rows, and a product of a few rows with the first
        layer's 896 x 1,536 weights reads them all for little work: over the documents of a batch,
        the same products take a quarter of the time. Each document's probabilities are its own
        (`score`'s, up to float rounding).
        """
        out: list[np.ndarray] = [np.zeros((0, len(LINKS)), dtype=np.float32)] * len(jobs)
        chunk: list[tuple[int, LinkDoc, Sequence[Pair]]] = []
        rows = 0
        for k, (doc, pairs) in enumerate(jobs):
            if pairs:
                chunk.append((k, doc, pairs))
                rows += len(pairs)
            if rows >= PAIRS_PER_PRODUCT or (chunk and k == len(jobs) - 1):
                self._score_chunk(chunk, out)
                chunk, rows = [], 0
        return out

    def _score_chunk(self, todo: Sequence[tuple[int, LinkDoc, Sequence[Pair]]], out: list[np.ndarray]) -> None:
        """`score_many` of the documents `todo` (index in `out`, document, pairs), into `out`."""
        from numcheck.inference.relations import anchor_features, anchor_softmax, pair_parts

        parts = [pair_parts(doc, pairs, self.hidden, words=self.words) for _, doc, pairs in todo]
        anchors = [anchor_features(doc, self.hidden) for _, doc, _ in todo]
        w, split = self.weights, self._first_layer(parts[0].own.shape[1])
        with _blas().limit(limits=1, user_api="blas"):
            both = np.concatenate([p.figure for p in parts]) @ split["figure"]
            between = np.concatenate([p.between for p in parts]) @ split["between"]
            none = self._mlp(np.concatenate(anchors), w, "n")
            units = split["between"].shape[1]  # the hidden layer's; `both` holds a figure's two halves
            f0 = b0 = 0
            for (k, _doc, pairs), p, a in zip(todo, parts, anchors, strict=True):
                # a pair's own features are a row of their own, and few: multiplied document by document
                fig = both[f0 : f0 + len(p.figure)]
                h = fig[p.a, :units] + fig[p.b, units:]
                h += between[b0 : b0 + len(p.between)][p.g]
                h += p.own @ split["own"] + w["pb1"]
                pair_logits = np.maximum(h, 0, out=h) @ w["p2"] + w["pb2"]
                out[k] = anchor_softmax(pair_logits, none[f0 : f0 + len(a)], pairs)
                f0, b0 = f0 + len(p.figure), b0 + len(p.between)

    def _first_layer(self, simple: int) -> dict[str, np.ndarray]:
        """The pair network's first-layer weights split by `pair_layout`'s parts, made once; a
        figure's weights as the pair's first and as its second side by side (`figure`), so one
        product gives both."""
        if self._split is None:
            from numcheck.inference.relations import pair_layout

            layout = pair_layout(self.hidden, simple, self.words)
            split = {k: np.ascontiguousarray(self.weights["p1"][cols]) for k, cols in layout.items()}
            split["figure"] = np.ascontiguousarray(np.concatenate([split.pop("first"), split.pop("second")], axis=1))
            self._split = split
        return self._split

    def calibrate(self, kind: object, raw: float) -> float:
        """The calibrated probability that a decoded relation of `kind` is right."""
        cal = self.calibration.get(str(getattr(kind, "value", kind)))
        return cal(raw) if cal is not None else raw

    def confirm(self, kind: object, raw: float, width: float = 1.0) -> float:
        """The calibrated probability that a decoded relation of `kind` is right, given that the
        arithmetic confirms it within the relative `width` (`agreement_width`): fitted on
        confirmed relations alone (a head calibrated before there was such a fit answers
        `calibrate`'s probability)."""
        cal = self.confirmed.get(str(getattr(kind, "value", kind)))
        return cal(raw, width) if cal is not None else self.calibrate(kind, raw)

    def save(self, path: str | Path) -> Path:
        """Write `relations.safetensors` and `relations.json` into a model directory (pairs with `load`)."""
        from safetensors.numpy import save_file

        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        tensors = {k: np.ascontiguousarray(v.astype(np.float16 if v.ndim == 2 else np.float32))
                   for k, v in {**self.weights, **self.branch_weights}.items()}
        save_file(tensors, str(out / WEIGHTS_FILE))
        t = self.thresholds
        meta = {**self.meta, "calibration": {k: vars(v) for k, v in self.calibration.items()},
                "confirmed_calibration": {k: vars(v) for k, v in self.confirmed.items()},
                "thresholds": {"keep": t.keep, "flag": t.flag, "slip": t.slip, "min_link": t.min_link,
                               "alternatives": t.alternatives}}
        (out / META_FILE).write_text(json.dumps(meta, indent=2, default=str) + "\n")
        return out

    @classmethod
    def load(cls, path: str | Path | None = None) -> RelationModel:
        """The relation head of a model directory (the shipped model by default)."""
        from safetensors.numpy import load_file

        from numcheck.errors import ModelError

        base = Path(path) if path is not None else Path(__file__).parent / "shipped"
        missing = [f for f in (WEIGHTS_FILE, META_FILE) if not (base / f).is_file()]
        if missing:
            raise ModelError(None, f"{base} has no relation head ({' and '.join(missing)} missing)",
                             "train one with numcheck train-links, or pass a model directory that has one")
        meta = json.loads((base / META_FILE).read_text())
        if meta.get("feature_version") != FEATURE_VERSION:
            raise ModelError(None, f"the relation head in {base} reads features of version "
                             f"{meta.get('feature_version')}, this numcheck makes version {FEATURE_VERSION}",
                             "retrain it with numcheck train-links")
        return cls(load_file(str(base / WEIGHTS_FILE)), meta)
