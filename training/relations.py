"""Training the relation head: labelled pairs -> MLP (and a gradient-boosted baseline) -> calibration
-> thresholds, written beside the token tagger (`numcheck train-links --config configs/links.json`).

1. Documents: hand labels on real paragraphs (restored from ../shared by hash) and gold-format
   files with `checks`, split by document into training and validation (a publisher held out
   for the blind set is never read here: `exclude_publishers`).
2. Vectors: the tagger's encoder reads every document once (`ModelExtractor.encode` for gold
   spans; `extract_states` for distant supervision, whose spans are the model's).
3. The head (`numcheck.models.relations`): one hidden layer, masked binary cross-entropy over
   the links each pair's kinds allow, early stopping on the validation loss. A
   HistGradientBoosting classifier per link over the simple and word features is trained on
   the same pairs as the baseline the head must beat (`baseline` in the metrics).
4. Calibration: relations decoded on the validation documents, matched to their gold checks;
   Platt scaling per check kind maps a relation's raw score to the probability it is right.
5. Thresholds: on perturbed copies of the validation documents (`numcheck.eval.perturb`), the
   lowest flag threshold whose flags are right at least `flag_precision` of the time; the keep
   threshold for relations the arithmetic confirms is `keep_threshold`.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from numcheck.errors import ConfigError

Log = Callable[[str], None]


class LinkTrainConfig(BaseModel):
    """Settings of one relation-head training run (`numcheck train-links --config FILE`).

    >>> LinkTrainConfig().hidden_units
    256
    """

    model_config = ConfigDict(extra="forbid")

    seed: int = Field(default=13, description="Seed for the split, sampling, initialisation and shuffling.")
    model_dir: Path = Field(default=Path("models/shipped"), description="Tagger whose encoder gives the vectors.")
    output: Path | None = Field(default=None, description="Directory to write the head into; default model_dir.")
    label_files: list[Path] = Field(default_factory=list, description="Hand relation labels (offsets, checks; "
                                    "texts restored from ../shared by hash).")
    gold_paths: list[Path] = Field(default_factory=list, description="Gold-format files with checks (never dev sets).")
    validation_fraction: float = Field(default=0.2, ge=0, lt=1, description="Share of labelled documents held out "
                                       "for early stopping, calibration and thresholds (split by document id).")
    exclude_publishers: list[str] = Field(default_factory=list, description="Publishers (prefixes) never read: "
                                          "the blind set's.")
    distant_paths: list[Path] = Field(default_factory=list, description="Unlabelled JSONL paragraphs for distant "
                                      "supervision.")
    distant_examples: int = Field(default=0, ge=0, description="Paragraphs of distant_paths to read.")
    distant_weight: float = Field(default=0.5, ge=0, description="Weight of a distantly supervised pair's loss.")
    hidden_units: int = Field(default=256, ge=8, description="Units of the head's hidden layer.")
    dropout: float = Field(default=0.2, ge=0, lt=1, description="Dropout on the input and hidden layer.")
    epochs: int = Field(default=60, ge=1, description="Most passes over the training pairs.")
    patience: int = Field(default=8, ge=1, description="Stop after this many epochs without a better validation loss.")
    batch_size: int = Field(default=256, ge=8, description="Pairs per optimiser step.")
    learning_rate: float = Field(default=1e-3, gt=0, description="AdamW learning rate.")
    weight_decay: float = Field(default=1e-2, ge=0, description="AdamW weight decay.")
    flag_precision: float = Field(default=0.95, gt=0, le=1, description="Flag precision the flag threshold must reach "
                                  "on the perturbed validation copies.")
    keep_threshold: float = Field(default=0.3, ge=0, le=1, description="Calibrated score from which a relation the "
                                  "arithmetic confirms is reported.")
    baseline: bool = Field(default=True, description="Also train and measure the gradient-boosted baseline.")


def load_link_config(path: str | Path) -> LinkTrainConfig:
    """Read a relation-head training config (JSON)."""
    p = Path(path)
    if not p.is_file():
        raise ConfigError(None, f"config {path} does not exist", "pass --config configs/links.json")
    try:
        return LinkTrainConfig.model_validate_json(p.read_text())
    except Exception as exc:  # noqa: BLE001 - pydantic's message names the field
        raise ConfigError(None, f"{path}: {exc}", "fix the field named above") from exc


def _split(ids: Sequence[str], fraction: float, seed: int) -> set[str]:
    """The validation ids: a seeded draw of documents (whole documents, never pairs)."""
    order = sorted(set(ids))
    random.Random(seed).shuffle(order)
    return set(order[: int(round(len(order) * fraction))])


def load_documents(config: LinkTrainConfig) -> list[dict[str, Any]]:
    """Every labelled document of the config, without the excluded publishers."""
    from numcheck.training.relation_data import read_jsonl, restore_labels

    docs = restore_labels(config.label_files) if config.label_files else []
    for p in config.gold_paths:
        docs += [d for d in read_jsonl(p) if d.get("checks") is not None]
    out = []
    for d in docs:
        src = d.get("source") or {}
        pub = src.get("publisher", "") if isinstance(src, dict) else ""
        if any(pub.startswith(x) for x in config.exclude_publishers):
            continue
        out.append(d)
    return out


def train_head(train: Any, val: Any, config: LinkTrainConfig, log: Log, weights: np.ndarray | None = None
               ) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """Fit the MLP on `train` (a PairSet), stopping early on `val`; numpy weights and the losses."""
    import torch
    from torch import nn

    torch.manual_seed(config.seed)
    # one thread: the head is small, and spinning threads cost far more than they give on a busy machine
    torch.set_num_threads(1)
    mean = train.x.mean(axis=0)
    scale = train.x.std(axis=0) + 1e-4
    xt = torch.tensor((train.x - mean) / scale, dtype=torch.float32)
    yt, mt = torch.tensor(train.y), torch.tensor(train.mask)
    wt = torch.tensor(weights if weights is not None else np.ones(len(train.x)), dtype=torch.float32)
    xv = torch.tensor((val.x - mean) / scale, dtype=torch.float32)
    yv, mv = torch.tensor(val.y), torch.tensor(val.mask)
    pos = (train.y * train.mask).sum(axis=0)
    neg = ((1 - train.y) * train.mask).sum(axis=0)
    pos_weight = torch.tensor(np.clip(np.sqrt((neg + 1) / (pos + 1)), 1, 10), dtype=torch.float32)
    n_links = train.y.shape[1]
    model = nn.Sequential(nn.Dropout(config.dropout), nn.Linear(xt.shape[1], config.hidden_units), nn.ReLU(),
                          nn.Dropout(config.dropout), nn.Linear(config.hidden_units, n_links))
    opt = torch.optim.AdamW(model.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay)
    bce = nn.BCEWithLogitsLoss(reduction="none", pos_weight=pos_weight)

    def loss_of(x: Any, y: Any, m: Any, w: Any | None = None) -> Any:
        per = bce(model(x), y) * m
        if w is not None:
            per = per * w[:, None]
        return per.sum() / m.sum().clamp(min=1)

    best = (float("inf"), None, 0)
    rng = np.random.default_rng(config.seed)
    for epoch in range(config.epochs):
        model.train()
        order = rng.permutation(len(xt))
        total = 0.0
        for b in range(0, len(order), config.batch_size):
            idx = torch.tensor(order[b : b + config.batch_size])
            loss = loss_of(xt[idx], yt[idx], mt[idx], wt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(idx)
        model.eval()
        with torch.no_grad():
            vloss = float(loss_of(xv, yv, mv)) if len(xv) else total / len(order)
        if vloss < best[0] - 1e-4:
            best = (vloss, {k: v.detach().clone() for k, v in model.state_dict().items()}, epoch)
        log(f"epoch {epoch + 1}: train loss {total / len(order):.4f}, validation loss {vloss:.4f}")
        if epoch - best[2] >= config.patience:
            break
    assert best[1] is not None
    sd = best[1]
    weights_np = {"w1": sd["1.weight"].numpy().T.copy(), "b1": sd["1.bias"].numpy(),
                  "w2": sd["4.weight"].numpy().T.copy(), "b2": sd["4.bias"].numpy(),
                  "mean": mean.astype(np.float32), "scale": scale.astype(np.float32)}
    return weights_np, {"validation_loss": best[0], "best_epoch": best[2] + 1}


def pair_metrics(probs: np.ndarray, y: np.ndarray, mask: np.ndarray) -> dict[str, Any]:
    """Per link: average precision and F1 at 0.5 over the known labels."""
    from sklearn.metrics import average_precision_score

    from numcheck.inference.relations import LINKS

    out: dict[str, Any] = {}
    for k, link in enumerate(LINKS):
        known = mask[:, k] > 0
        yk, pk = y[known, k], probs[known, k]
        if yk.sum() == 0:
            continue
        pred = pk >= 0.5
        tp = float((pred & (yk > 0)).sum())
        p = tp / max(pred.sum(), 1)
        r = tp / max(yk.sum(), 1)
        out[link.value] = {"positives": int(yk.sum()), "average_precision": round(float(average_precision_score(yk, pk)), 4),
                           "precision": round(p, 4), "recall": round(r, 4),
                           "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}
    return out


class GBMScorer:
    """The baseline: one HistGradientBoosting classifier per link over simple and word features."""

    def __init__(self, models: dict[int, Any]) -> None:
        self.models = models

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, mask: np.ndarray, seed: int) -> GBMScorer:
        """One classifier per link, on the pairs whose label for it is known."""
        from sklearn.ensemble import HistGradientBoostingClassifier

        models = {}
        for k in range(y.shape[1]):
            known = mask[:, k] > 0
            if y[known, k].sum() < 3 or (1 - y[known, k]).sum() < 3:
                continue
            clf = HistGradientBoostingClassifier(max_iter=150, learning_rate=0.1, random_state=seed,
                                                 class_weight="balanced", early_stopping=True,
                                                 n_iter_no_change=10)
            clf.fit(x[known], y[known, k])
            models[k] = clf
        return cls(models)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Link probabilities of feature rows (0 for links without a classifier)."""
        from numcheck.inference.relations import LINKS

        out = np.zeros((len(x), len(LINKS)), dtype=np.float32)
        for k, clf in self.models.items():
            out[:, k] = clf.predict_proba(x)[:, 1]
        return out

    def score(self, doc: Any, pairs: Sequence[Any]) -> np.ndarray:
        """A `LinkScorer`: the baseline's link probabilities of candidate pairs."""
        from numcheck.inference.relations import simple_features, word_features
        from numcheck.models.relations import allowed_mask

        if not pairs:
            return np.zeros((0, 0), dtype=np.float32)
        x = np.concatenate([np.stack([simple_features(doc, p) for p in pairs]),
                            np.stack([word_features(doc, p) for p in pairs])], axis=1)
        return self.predict(x) * allowed_mask(pairs)


def relation_outcomes(docs: Sequence[dict[str, Any]], states: Sequence[Any], scorer: Any) -> list[tuple[str, float, bool]]:
    """(check kind, raw score, matches a gold check) of every relation decoded on gold documents."""
    from numcheck.inference.relations import Scored, build_doc, candidates, decode
    from numcheck.schema import Quantity

    out = []
    for d, st in zip(docs, states, strict=True):
        qs = [Quantity.model_validate(q) for q in d["quantities"]]
        ld = build_doc(d["text"], qs, st)
        pairs = candidates(ld)
        if not pairs:
            continue
        probs = scorer.score(ld, pairs)
        groups = decode(ld, Scored({(p.a, p.b): probs[r] for r, p in enumerate(pairs)}))
        gold = {(c["kind"], tuple(c["quantities"])) for c in d.get("checks", [])}
        for g in groups:
            r = g[0]
            out.append((r.kind.value, r.score, (r.kind.value, r.members) in gold))
    return out


def fit_calibration(outcomes: Sequence[tuple[str, float, bool]]) -> dict[str, dict[str, float]]:
    """Platt scaling per check kind (kinds with few outcomes share one fit over all kinds)."""
    from sklearn.linear_model import LogisticRegression

    def fit(rows: Sequence[tuple[str, float, bool]]) -> dict[str, float] | None:
        ys = [ok for _, _, ok in rows]
        if len(rows) < 10 or all(ys) or not any(ys):
            return None
        s = np.clip(np.array([raw for _, raw, _ in rows]), 1e-6, 1 - 1e-6)
        z = np.log(s / (1 - s)).reshape(-1, 1)
        lr = LogisticRegression(C=10.0).fit(z, ys)
        return {"a": float(lr.coef_[0, 0]), "b": float(lr.intercept_[0])}

    pooled = fit(outcomes)
    out = {}
    for kind in sorted({k for k, _, _ in outcomes}):
        rows = [o for o in outcomes if o[0] == kind]
        cal = fit(rows) if len(rows) >= 30 else None
        if cal is None:
            cal = pooled
        if cal is not None:
            out[kind] = cal
    return out


def flag_curve(docs: Sequence[dict[str, Any]], states: Sequence[Any], model: Any) -> list[tuple[float, bool]]:
    """(calibrated score, right) of every relation the arithmetic contradicts, on perturbed copies:
    right when it is the altered gold check (or holds the altered figure in a document with one)."""
    from numcheck.checks.relation import check_relation
    from numcheck.eval.metrics import altered_quantities
    from numcheck.eval.metrics import GoldCheck
    from numcheck.inference.relations import Scored, build_doc, candidates, decode
    from numcheck.schema import Quantity, Reference, Verdict

    out = []
    for d, st in zip(docs, states, strict=True):
        qs = [Quantity.model_validate(q) for q in d["quantities"]]
        ld = build_doc(d["text"], qs, st)
        pairs = candidates(ld)
        if not pairs:
            continue
        probs = model.score(ld, pairs)
        rels = [g[0] for g in decode(ld, Scored({(p.a, p.b): probs[r] for r, p in enumerate(pairs)}))]
        figs = {f.id: f for f in ld.figures}
        gold = [GoldCheck.from_dict(c) for c in d.get("checks", [])]
        wrong_gold = {(c.kind, tuple(c.quantities)) for c in gold if c.verdict == "inconsistent"}
        altered = altered_quantities(gold)
        ref = Reference.model_validate(d["reference"]) if d.get("reference") else None
        for r in rels:
            if r.kind.value == "rate" and "ref:population" in r.members:
                continue
            try:
                check, _ = check_relation(d["text"], figs, r, reference=ref)
            except (KeyError, ArithmeticError, ValueError):
                continue
            if check.verdict is not Verdict.inconsistent:
                continue
            right = (r.kind.value, r.members) in wrong_gold or (bool(wrong_gold) and bool(altered & set(r.members)))
            out.append((model.calibrate(r.kind, r.score), right))
    return out


def choose_flag_threshold(curve: Sequence[tuple[float, bool]], precision: float) -> tuple[float, list[dict[str, float]]]:
    """The lowest threshold whose flags (score >= threshold) are right at least `precision` of the
    time, with at least 5 flags above it (else 1.0: no flag); and the precision-recall sweep.

    >>> choose_flag_threshold([(0.9, True)] * 6 + [(0.5, False)], 0.95)[0]
    0.9
    """
    sweep = []
    n_right = sum(ok for _, ok in curve)
    chosen = 1.0
    for t in sorted({round(s, 3) for s, _ in curve}, reverse=True):
        above = [ok for s, ok in curve if s >= t]
        p = sum(above) / len(above)
        sweep.append({"threshold": t, "flags": len(above), "precision": round(p, 4),
                      "recall": round(sum(above) / n_right, 4) if n_right else 0.0})
    for row in sorted(sweep, key=lambda r: r["threshold"]):
        # the lowest threshold from which every higher one also keeps the precision
        higher = [r for r in sweep if r["threshold"] >= row["threshold"]]
        if row["flags"] >= 5 and all(r["precision"] >= precision or r["flags"] < 5 for r in higher):
            chosen = row["threshold"]
            break
    return chosen, sorted(sweep, key=lambda r: r["threshold"])


def calibrate_and_threshold(scorer: Any, val_docs: Sequence[dict[str, Any]], val_states: Sequence[Any],
                            copies: Sequence[dict[str, Any]], copy_states: Sequence[Any], config: LinkTrainConfig
                            ) -> tuple[dict[str, Any], Any, dict[str, Any]]:
    """Platt calibration per check kind on the validation documents, then the flag threshold on
    their perturbed copies; returns (calibration, thresholds, the flag sweep)."""
    from numcheck.inference.relations import Thresholds
    from numcheck.models.relations import Calibration

    calibration = {k: Calibration(**v) for k, v in fit_calibration(relation_outcomes(val_docs, val_states, scorer)).items()}

    class _Calibrated:
        def score(self, doc: Any, pairs: Any) -> np.ndarray:
            return scorer.score(doc, pairs)

        def calibrate(self, kind: Any, raw: float) -> float:
            cal = calibration.get(str(getattr(kind, "value", kind)))
            return cal(raw) if cal is not None else raw

    curve = flag_curve(copies, copy_states, _Calibrated())
    flag, sweep = choose_flag_threshold(curve, config.flag_precision)
    return calibration, Thresholds(keep=config.keep_threshold, flag=flag), {
        "perturbed_copies": len(copies), "threshold": flag, "sweep": sweep}


def train_links(config: LinkTrainConfig, log: Log | None = None) -> dict[str, Any]:
    """Train, calibrate and write the relation head; return its metrics."""
    from numcheck.eval.perturb import perturbed_copies
    from numcheck.inference.model import ModelExtractor
    from numcheck.models.relations import FEATURE_VERSION, Calibration, RelationModel
    from numcheck.training.relation_data import PairSet, distant_pairs, gold_pairs, read_jsonl, sha256

    log = log or (lambda _m: None)
    t0 = time.time()
    docs = load_documents(config)
    if not docs:
        raise ConfigError(None, "no labelled documents: label_files and gold_paths are empty or excluded",
                          "list relation label files in the config")
    val_ids = _split([d["id"] for d in docs], config.validation_fraction, config.seed)
    train_docs = [d for d in docs if d["id"] not in val_ids]
    val_docs = [d for d in docs if d["id"] in val_ids]
    log(f"{len(train_docs)} training and {len(val_docs)} validation documents, "
        f"{sum(len(d['checks']) for d in train_docs)} and {sum(len(d['checks']) for d in val_docs)} checks")
    enc = ModelExtractor(config.model_dir)
    hidden = int(enc.model.classifier.in_features)
    train_states = enc.encode([d["text"] for d in train_docs])
    val_states = enc.encode([d["text"] for d in val_docs])
    train_set, cover_t = gold_pairs(train_docs, train_states, hidden, words=config.baseline)
    val_set, cover_v = gold_pairs(val_docs, val_states, hidden, words=config.baseline, doc_offset=len(train_docs))
    log(f"pairs: {len(train_set.x)} training, {len(val_set.x)} validation; gold links in candidates: "
        f"{cover_t['in_candidates']}/{cover_t['gold_links']} and {cover_v['in_candidates']}/{cover_v['gold_links']}")
    weights = np.ones(len(train_set.x), dtype=np.float32)
    distant_counts: dict[str, int] = {}
    if config.distant_paths and config.distant_examples:
        labelled = {d["id"] for d in docs}
        rows = [r for p in config.distant_paths for r in read_jsonl(p) if r["id"] not in labelled
                and not any(((r.get("source") or {}).get("publisher") or "").startswith(x) for x in config.exclude_publishers)]
        random.Random(config.seed).shuffle(rows)
        rows = rows[: config.distant_examples]
        found = enc.extract_states([r["text"] for r in rows])
        ds, distant_counts = distant_pairs([r["text"] for r in rows], found, hidden, words=config.baseline,
                                           doc_offset=len(docs))
        log(f"distant supervision: {sum(distant_counts.values())} relations {distant_counts} in {len(rows)} "
            f"paragraphs, {len(ds.x)} pairs")
        if len(ds.x):
            weights = np.concatenate([weights, np.full(len(ds.x), config.distant_weight, dtype=np.float32)])
            train_set = PairSet.concat([train_set, ds])
    head, fit_info = train_head(train_set, val_set, config, log, weights)
    meta: dict[str, Any] = {
        "feature_version": FEATURE_VERSION,
        "links": [x.value for x in __import__("numcheck.inference.relations", fromlist=["LINKS"]).LINKS],
        "hidden": hidden,
        "training_config": json.loads(config.model_dump_json()),
        "data": {"documents": len(docs), "validation_documents": len(val_docs),
                 "label_hash": sha256(json.dumps(sorted(d["id"] for d in docs))),
                 "distant_relations": distant_counts, "training_pairs": int(len(train_set.x))},
    }
    model = RelationModel(head, meta)
    probs_v = 1 / (1 + np.exp(-model.logits(val_set.x))) * val_set.mask if len(val_set.x) else val_set.y
    metrics: dict[str, Any] = {"fit": fit_info, "pairs": pair_metrics(probs_v, val_set.y, val_set.mask)}
    gbm: GBMScorer | None = None
    if config.baseline and train_set.words is not None and len(val_set.x):
        from numcheck.models.relations import simple_features_size

        k = simple_features_size()
        xb_t = np.concatenate([train_set.x[:, -k:], train_set.words], axis=1)
        xb_v = np.concatenate([val_set.x[:, -k:], val_set.words], axis=1)
        gbm = GBMScorer.fit(xb_t, train_set.y, train_set.mask, config.seed)
        metrics["baseline_pairs"] = pair_metrics(gbm.predict(xb_v) * val_set.mask, val_set.y, val_set.mask)
        metrics["baseline_relations"] = _relation_summary(relation_outcomes(val_docs, val_states, gbm), val_docs)
    copies = perturbed_copies(val_docs, seed=config.seed)
    copy_states = enc.encode([d["text"] for d in copies])
    model.calibration, model.thresholds, metrics["flags"] = calibrate_and_threshold(
        model, val_docs, val_states, copies, copy_states, config)
    metrics["relations"] = _relation_summary(relation_outcomes(val_docs, val_states, model), val_docs)
    metrics["validation"] = end_to_end(val_docs, val_states, model, model.thresholds, model.calibrate)
    metrics["validation_perturbed"] = end_to_end(copies, copy_states, model, model.thresholds, model.calibrate)
    log(f"validation: {metrics['validation']}")
    log(f"validation, perturbed: {metrics['validation_perturbed']}")
    if gbm is not None:
        holder = RelationModel(head, meta)
        cal, th, flags = calibrate_and_threshold(gbm, val_docs, val_states, copies, copy_states, config)
        holder.calibration = cal
        metrics["baseline_flags"] = {k: v for k, v in flags.items() if k != "sweep"}
        metrics["baseline_validation"] = end_to_end(val_docs, val_states, gbm, th, holder.calibrate)
        metrics["baseline_validation_perturbed"] = end_to_end(copies, copy_states, gbm, th, holder.calibrate)
        log(f"baseline validation: {metrics['baseline_validation']}")
        log(f"baseline validation, perturbed: {metrics['baseline_validation_perturbed']}")
    metrics["seconds"] = round(time.time() - t0, 1)
    model.meta["metrics"] = metrics
    out = model.save(config.output or config.model_dir)
    log(f"wrote the relation head to {out} (flag threshold {model.thresholds.flag}, {metrics['seconds']} s)")
    return metrics


def end_to_end(docs: Sequence[dict[str, Any]], states: Sequence[Any], scorer: Any, thresholds: Any,
               calibrate: Any = None) -> dict[str, Any]:
    """Checks found with the right verdict, flags and their precision, clean documents with a
    false alarm: `link_and_check` on gold spans, scored as `numcheck eval` scores."""
    from numcheck.eval.metrics import DocChecks, GoldCheck, check_scores, detection_scores
    from numcheck.inference.relations import link_and_check
    from numcheck.schema import Document, Quantity

    rows = []
    for d, st in zip(docs, states, strict=True):
        qs = [Quantity.model_validate(q) for q in d["quantities"]]
        doc = Document.model_validate({k: v for k, v in d.items() if k in ("id", "text", "source", "reference")})
        res = link_and_check(doc, qs, st, scorer, thresholds=thresholds, calibrate=calibrate)
        rows.append(DocChecks([GoldCheck.from_dict(c) for c in d.get("checks", [])], qs, res.checks, res.quantities))
    cs, ds = check_scores(rows), detection_scores(rows)
    return {"checks": cs.overall.n_gold, "found_right": cs.verdict_correct,
            "found_right_share": round(cs.verdict_correct / cs.overall.n_gold, 4) if cs.overall.n_gold else None,
            "reported": cs.overall.n_pred, "flags": ds.flags, "right_flags": ds.right_flags,
            "flag_precision": ds.flag_precision, "altered_found": ds.overall.tp, "altered": ds.overall.n_gold,
            "clean_docs_with_false_alarm": f"{ds.clean_docs_with_false_alarm} of {ds.clean_docs}"}


def _relation_summary(outcomes: Sequence[tuple[str, float, bool]], docs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    n_gold = sum(len(d.get("checks", [])) for d in docs)
    right = sum(ok for _, _, ok in outcomes)
    return {"gold": n_gold, "decoded": len(outcomes), "matched": right,
            "recall": round(right / n_gold, 4) if n_gold else None,
            "precision": round(right / len(outcomes), 4) if outcomes else None}


def train_links_from_file(path: str | Path, output: str | Path | None = None, console: Any = None) -> dict[str, Any]:
    """`numcheck train-links --config FILE [--output DIR]`: load the config, train, report on stderr.

    >>> # train_links_from_file("configs/links.json", output="/tmp/links")
    """
    config = load_link_config(path)
    if output is not None:
        config = config.model_copy(update={"output": Path(output)})

    def log(msg: str) -> None:
        if console is not None:
            console.print(msg, highlight=False)

    log(f"config {path}: model {config.model_dir}, output {config.output or config.model_dir}, seed {config.seed}")
    return train_links(config, log)
