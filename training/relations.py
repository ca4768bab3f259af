"""Training the relation head: labelled pairs -> MLP (and a gradient-boosted baseline) -> calibration
-> thresholds, written beside the token tagger (`numcheck train-links --config configs/links.json`).

1. Documents: hand labels on real paragraphs (restored from ../shared by hash) and gold-format
   files with `checks`, split by document into training and validation (a publisher held out
   for the blind set is never read here: `exclude_publishers`); labels added later
   (`training_only_files`) only train, so the validation set stays the same.
2. Vectors: the tagger's shared layers read every document once; the relation branch (a copy of
   the last layer) is trained with the head, or kept frozen from the head already written
   (`train_branch` false), its vectors then computed once.
3. The head (`numcheck.models.relations`): one hidden layer, the anchor-conditioned loss
   (`numcheck.training.relation_head`), early stopping on the validation loss; `heads` of them
   with successive seeds are merged into one that averages their logits. A
   HistGradientBoosting classifier per link over the simple and word features is trained on
   the same pairs as the baseline the head must beat (`baseline` in the metrics).
4. Calibration: relations decoded on the validation documents, matched to their gold checks;
   Platt scaling per check kind maps a relation's raw score to the probability it is right; a
   second fit on the alternatives the arithmetic confirms gives that probability once confirmed
   (printed figures rarely agree by chance: for a share or a sum it is much higher).
5. Thresholds: on perturbed copies of the validation documents (`numcheck.eval.perturb`), the
   lowest flag threshold whose flags are right at least `flag_precision` of the time; the keep
   threshold for relations the arithmetic confirms is `keep_threshold`, on the second fit.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable, Iterator, Sequence
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
    training_only_files: list[Path] = Field(default_factory=list, description="Hand relation labels whose documents "
                                            "only train, never validate: labels added after a branch was trained, so "
                                            "the validation set stays the one that branch never read.")
    training_only_gold_paths: list[Path] = Field(default_factory=list, description="Gold-format files with checks "
                                                 "whose documents only train, never validate (invented text "
                                                 "written after the validation set was drawn).")
    training_only_gold_weight: float = Field(default=1.0, ge=0, description="Weight of the loss of a document of "
                                             "training_only_gold_paths (invented text may count for less than a "
                                             "real paragraph).")
    training_only_gold_heads: int | None = Field(default=None, ge=0, description="How many of the heads (the last "
                                                 "ones) read training_only_gold_paths; the others train without "
                                                 "them, so the merged head averages heads of both kinds. None: all.")
    head_seeds: list[int] | None = Field(default=None, description="The seed of each head (default seed, seed+1, "
                                         "...): heads with and without the invented text may share seeds.")
    validation_fraction: float = Field(default=0.2, ge=0, lt=1, description="Share of labelled documents held out "
                                       "for early stopping, calibration and thresholds (split by document id).")
    exclude_publishers: list[str] = Field(default_factory=list, description="Publishers (prefixes) never read: "
                                          "the blind set's. Training-only files are read whatever their "
                                          "publisher: a blind set once spent may train.")
    restatement_swaps: bool = Field(default=False, description="Also train on a copy of each training document "
                                    "with its figures and their restatements in other forms (\"450 (22.5%)\" -> "
                                    "\"22.5% or 450\"; `restated_copy`); validation stays as labelled.")
    reformatted_copies: bool = Field(default=False, description="Also train on a copy of each training document "
                                     "with its figures printed in another publisher's number style (\"12 345,6\", "
                                     "\"per cent\"; `reformatted_copy`); validation stays as labelled.")
    empty_share: float = Field(default=0.33, ge=0, le=1, description="Share of training documents without any "
                               "relation that are kept (all of them teach 'none', few of them are needed).")
    words: bool = Field(default=True, description="Give the pair network the hashed words between and beside the figures.")
    docs_per_step: int = Field(default=8, ge=1, description="Documents per optimiser step.")
    branch_learning_rate: float = Field(default=3e-5, gt=0, description="AdamW learning rate of the relation branch.")
    train_branch: bool = Field(default=True, description="Train the relation branch with the head, from the "
                               "tagger's last layer. False: keep the branch of the head already in the output "
                               "directory, frozen, and train the head alone on its vectors, computed once (minutes "
                               "instead of an hour; the ONNX export, which holds the branch, stays valid).")
    heads: int = Field(default=1, ge=1, description="Heads trained with seeds seed, seed+1, ... and merged into one "
                       "whose link scores are the mean of theirs (their hidden layers side by side). More than one "
                       "needs train_branch false: merged heads must read one branch.")
    distant_paths: list[Path] = Field(default_factory=list, description="Unlabelled JSONL paragraphs for distant "
                                      "supervision (arithmetic matches among the model's spans).")
    distant_examples: int = Field(default=0, ge=0, description="Paragraphs of distant_paths to read.")
    distant_weight: float = Field(default=0.5, ge=0, description="Weight of a distantly supervised document's loss.")
    hidden_units: int = Field(default=256, ge=8, description="Units of the head's hidden layer.")
    dropout: float = Field(default=0.2, ge=0, lt=1, description="Dropout on the input and hidden layer.")
    epochs: int = Field(default=12, ge=1, description="Most passes over the training documents.")
    patience: int = Field(default=3, ge=1, description="Stop after this many epochs without a better validation loss.")
    learning_rate: float = Field(default=1e-3, gt=0, description="AdamW learning rate.")
    weight_decay: float = Field(default=1e-2, ge=0, description="AdamW weight decay.")
    flag_precision: float = Field(default=0.95, gt=0, le=1, description="Flag precision the flag threshold must reach "
                                  "on the perturbed validation copies.")
    keep_threshold: float = Field(default=0.1, ge=0, le=1, description="Calibrated score from which a relation the "
                                  "arithmetic confirms is reported.")
    min_link: float = Field(default=0.02, ge=0, le=1, description="Links below this probability are not considered "
                            "while decoding.")
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


def validation_ids(docs: Sequence[dict[str, Any]], config: LinkTrainConfig) -> set[str]:
    """The validation documents' ids: a seeded draw among the documents that may validate."""
    return _split([d["id"] for d in docs if not d.get("training_only")], config.validation_fraction, config.seed)


def _split(ids: Sequence[str], fraction: float, seed: int) -> set[str]:
    """The validation ids: a seeded draw of documents (whole documents, never pairs)."""
    order = sorted(set(ids))
    random.Random(seed).shuffle(order)
    return set(order[: int(round(len(order) * fraction))])


def load_documents(config: LinkTrainConfig) -> list[dict[str, Any]]:
    """Every labelled document of the config, without the excluded publishers (those of
    `training_only_files` last, marked `training_only`)."""
    from numcheck.training.relation_data import read_jsonl, restore_labels

    docs = restore_labels(config.label_files) if config.label_files else []
    for p in config.gold_paths:
        docs += [d for d in read_jsonl(p) if d.get("checks") is not None]
    # after the others: the draws over those stay as they were
    if config.training_only_files:
        docs += [{**d, "training_only": True} for d in restore_labels(config.training_only_files)]
    for p in config.training_only_gold_paths:
        docs += [{**d, "training_only": True, "loss_weight": config.training_only_gold_weight}
                 for d in read_jsonl(p) if d.get("checks") is not None]
    out = []
    for d in docs:
        src = d.get("source") or {}
        pub = src.get("publisher", "") if isinstance(src, dict) else ""
        # a training-only file is named on purpose (a blind set once spent may train)
        if not d.get("training_only") and any(pub.startswith(x) for x in config.exclude_publishers):
            continue
        out.append(d)
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
        from numcheck.inference.relations import simple_feature_rows, word_feature_rows
        from numcheck.models.relations import allowed_mask

        if not pairs:
            return np.zeros((0, 0), dtype=np.float32)
        x = np.concatenate([simple_feature_rows(doc, pairs), word_feature_rows(doc, pairs)], axis=1)
        return self.predict(x) * allowed_mask(pairs)


def _decoded(docs: Sequence[dict[str, Any]], states: Sequence[Any], scorer: Any, min_link: float | None
             ) -> Iterator[tuple[dict[str, Any], Any, list[list[Any]]]]:
    """(gold document, its link document, the decoded groups of alternatives) of each document
    with candidates, scored by `scorer`."""
    from numcheck.inference.relations import MIN_LINK, Scored, build_doc, candidates, decode
    from numcheck.schema import Quantity

    for d, st in zip(docs, states, strict=True):
        ld = build_doc(d["text"], [Quantity.model_validate(q) for q in d["quantities"]], st)
        pairs = candidates(ld)
        if pairs:
            scored = Scored.of(pairs, scorer.score(ld, pairs))
            yield d, ld, decode(ld, scored, min_link=MIN_LINK if min_link is None else min_link)


def relation_outcomes(docs: Sequence[dict[str, Any]], states: Sequence[Any], scorer: Any, *,
                      min_link: float | None = None) -> list[tuple[str, float, bool]]:
    """(check kind, raw score, matches a gold check) of every relation decoded on gold documents."""
    out = []
    for d, _ld, groups in _decoded(docs, states, scorer, min_link):
        gold = {(c["kind"], tuple(c["quantities"])) for c in d.get("checks", [])}
        for g in groups:
            r = g[0]
            out.append((r.kind.value, r.score, (r.kind.value, r.members) in gold))
    return out


def _checked(docs: Sequence[dict[str, Any]], states: Sequence[Any], scorer: Any, min_link: float | None, *,
             tops: bool) -> Iterator[tuple[dict[str, Any], list[tuple[Any, Any]], Any, dict[str, Any]]]:
    """(gold document, its decoded relations with their checks, its `slip_judge`, its figures by
    id) of each document with candidates: the likeliest reading of each group (`tops`) or every
    alternative; a relation the checker cannot run is left out, as `choose` leaves it."""
    from numcheck.inference.relations import slip_judge
    from numcheck.checks.relation import check_relation
    from numcheck.schema import Reference

    for d, ld, groups in _decoded(docs, states, scorer, min_link):
        figs = {f.id: f for f in ld.figures}
        ref = Reference.model_validate(d["reference"]) if d.get("reference") else None
        out = []

        def rerun(r: Any, override: dict[str, Any], figs: dict[str, Any] = figs, ref: Any = ref, d: dict[str, Any] = d
                  ) -> Any:
            return check_relation(d["text"], {**figs, **override}, r, reference=ref)[0]
        slipped = slip_judge(d["text"], figs, rerun)
        for r in (g[0] for g in groups) if tops else (r for g in groups for r in g):
            try:
                check = check_relation(d["text"], figs, r, reference=ref)[0]
            except (KeyError, ArithmeticError, ValueError):
                continue
            out.append((r, check))
        yield d, out, slipped, figs


def confirmed_outcomes(docs: Sequence[dict[str, Any]], states: Sequence[Any], scorer: Any, *,
                       min_link: float | None = None) -> list[tuple[str, float, bool, float]]:
    """(check kind, raw score, matches a gold check, relative width of the agreement) of every
    decoded alternative the arithmetic confirms, on gold documents: what `choose` judges a
    confirmed alternative on (`agreement_width`)."""
    from numcheck.checks.chance import agreement_width
    from numcheck.schema import Verdict

    out = []
    for d, checked, _slipped, figs in _checked(docs, states, scorer, min_link, tops=False):
        gold = {(c["kind"], tuple(c["quantities"])) for c in d.get("checks", [])}
        out += [(r.kind.value, r.score, (r.kind.value, r.members) in gold, agreement_width(r, figs))
                for r, check in checked if check.verdict is Verdict.consistent]
    return out


def fit_calibration(outcomes: Sequence[tuple[Any, ...]], *, widths: bool = False) -> dict[str, dict[str, float]]:
    """Platt scaling per check kind (kinds with few outcomes share one fit over all kinds) of
    (kind, raw score, right) rows; with `widths`, of (kind, raw score, right, agreement width)
    rows, the log of the width a second input (`Calibration.c`)."""
    from sklearn.linear_model import LogisticRegression

    def fit(rows: Sequence[tuple[Any, ...]]) -> dict[str, float] | None:
        ys = [row[2] for row in rows]
        if len(rows) < 10 or all(ys) or not any(ys):
            return None
        s = np.clip(np.array([row[1] for row in rows]), 1e-6, 1 - 1e-6)
        x = np.log(s / (1 - s)).reshape(-1, 1)
        if widths:
            w = np.log(np.clip(np.array([row[3] for row in rows]), 1e-6, 1.0)).reshape(-1, 1)
            x = np.concatenate([x, w], axis=1)
        lr = LogisticRegression(C=10.0).fit(x, ys)
        out = {"a": float(lr.coef_[0, 0]), "b": float(lr.intercept_[0])}
        return {**out, "c": float(lr.coef_[0, 1])} if widths else out

    pooled = fit(outcomes)
    out = {}
    for kind in sorted({row[0] for row in outcomes}):
        rows = [o for o in outcomes if o[0] == kind]
        cal = fit(rows) if len(rows) >= 30 else None
        if cal is None:
            cal = pooled
        if cal is not None:
            out[kind] = cal
    return out


def calibrations(outcomes: Sequence[tuple[Any, ...]], *, widths: bool = False) -> dict[str, Any]:
    """`fit_calibration`'s fits as `Calibration`s, by check kind."""
    from numcheck.models.relations import Calibration

    return {k: Calibration(**v) for k, v in fit_calibration(outcomes, widths=widths).items()}


def contradicted_outcomes(docs: Sequence[dict[str, Any]], states: Sequence[Any], scorer: Any, *,
                          min_link: float | None = None, slips: bool = False) -> list[tuple[str, float, bool]]:
    """(check kind, raw score, right) of every decoded relation the arithmetic contradicts, on gold
    documents or their perturbed copies: right when it is an inconsistent gold check (or holds the
    altered figure in a document with one); on a clean document every contradiction is a false alarm.
    With `slips`, only those one slip of the pen explains (`slip_judge`)."""
    from numcheck.eval.metrics import GoldCheck, altered_quantities
    from numcheck.schema import Verdict

    out = []
    for d, checked, slipped, _figs in _checked(docs, states, scorer, min_link, tops=True):
        gold = [GoldCheck.from_dict(c) for c in d.get("checks", [])]
        wrong_gold = {(c.kind, tuple(c.quantities)) for c in gold if c.verdict == "inconsistent"}
        altered = altered_quantities(gold)
        for r, check in checked:
            if check.verdict is not Verdict.inconsistent or (r.kind.value == "rate" and "ref:population" in r.members):
                continue
            if slips and slipped(r, check) is None:
                continue
            right = (r.kind.value, r.members) in wrong_gold or (bool(wrong_gold) and bool(altered & set(r.members)))
            out.append((r.kind.value, r.score, right))
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
    for t in sorted({math.floor(s * 1000) / 1000 for s, _ in curve}, reverse=True):
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
                            ) -> tuple[dict[str, Any], dict[str, Any], Any, dict[str, Any]]:
    """Platt calibration per check kind on the validation documents (of every decoded relation,
    and of the alternatives the arithmetic confirms alone), then the flag threshold on them and
    their perturbed copies; returns (calibration, confirmed calibration, thresholds, the flag sweep).

    The copies hold one error each; the clean documents none: a flag there is a false alarm, and
    real documents are mostly clean, so both count.
    """
    from numcheck.inference.relations import Thresholds

    calibration = calibrations(relation_outcomes(val_docs, val_states, scorer, min_link=config.min_link))
    confirmed = calibrations(confirmed_outcomes(val_docs, val_states, scorer, min_link=config.min_link), widths=True)

    def score(kind: str, raw: float) -> float:
        cal = calibration.get(kind)
        return cal(raw) if cal is not None else raw

    altered = contradicted_outcomes(copies, copy_states, scorer, min_link=config.min_link)
    clean = contradicted_outcomes(val_docs, val_states, scorer, min_link=config.min_link)
    flag, sweep = choose_flag_threshold([(score(k, raw), ok) for k, raw, ok in altered + clean], config.flag_precision)
    slips = _slip_curve(scorer, score, val_docs, val_states, copies, copy_states, config.min_link)
    slip = choose_slip_threshold(slips, flag, config.flag_precision)
    return calibration, confirmed, Thresholds(keep=config.keep_threshold, flag=flag, slip=slip, min_link=config.min_link), {
        "perturbed_copies": len(copies), "clean_documents": len(val_docs), "threshold": flag, "slip_threshold": slip,
        "false_alarms_on_clean_documents": sum(1 for k, raw, ok in clean if score(k, raw) >= flag and not ok),
        "sweep": sweep}


def _slip_curve(scorer: Any, score: Callable[[str, float], float], val_docs: Sequence[dict[str, Any]],
                val_states: Sequence[Any], copies: Sequence[dict[str, Any]], copy_states: Sequence[Any],
                min_link: float) -> list[tuple[float, bool]]:
    """(calibrated score, right) of every contradiction one slip of the pen explains, on the
    perturbed copies and the clean validation documents: what `choose_slip_threshold` chooses on."""
    return [(score(k, raw), ok) for docs, states in ((copies, copy_states), (val_docs, val_states))
            for k, raw, ok in contradicted_outcomes(docs, states, scorer, min_link=min_link, slips=True)]


def choose_slip_threshold(curve: Sequence[tuple[float, bool]], flag: float, precision: float) -> float:
    """The threshold from which a contradiction that one slip of the pen explains is a finding:
    chosen like `flag` (`choose_flag_threshold`) on such contradictions scoring under `flag`,
    and never above it.

    >>> choose_slip_threshold([(0.6, True)] * 5 + [(0.3, False), (0.9, False)], 0.8, 0.95)
    0.6
    >>> choose_slip_threshold([(0.6, True)] * 2, 0.8, 0.95)
    0.8
    """
    chosen, _ = choose_flag_threshold([(s, ok) for s, ok in curve if s < flag], precision)
    return min(chosen, flag)


def baseline_rows(docs: Sequence[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The baseline's view of gold documents: simple and word features, labels, masks of every candidate pair."""
    from numcheck.inference.relations import build_doc, candidates, simple_feature_rows, word_feature_rows
    from numcheck.schema import Quantity
    from numcheck.training.relation_data import gold_links, labelled_pairs

    xs, ys, ms = [], [], []
    for d in docs:
        doc = build_doc(d["text"], [Quantity.model_validate(q) for q in d["quantities"]], None)
        pairs = candidates(doc)
        if not pairs:
            continue
        y, m = labelled_pairs(doc, pairs, gold_links(doc, d.get("checks", [])))
        xs.append(np.concatenate([simple_feature_rows(doc, pairs), word_feature_rows(doc, pairs)], axis=1))
        ys.append(y)
        ms.append(m)
    return np.concatenate(xs), np.concatenate(ys), np.concatenate(ms)


def train_links(config: LinkTrainConfig, log: Log | None = None) -> dict[str, Any]:
    """Train the relation branch and head, calibrate them, choose the thresholds, write them; return the metrics."""
    from numcheck.eval.perturb import perturbed_copies
    from numcheck.inference.model import ModelExtractor
    from numcheck.models.encoder import RelationBranch, read_config
    from numcheck.models.relations import FEATURE_VERSION, RelationModel, load_branch
    from numcheck.training.relation_data import read_jsonl, sha256
    from numcheck.training.relation_head import (
        doc_item,
        freeze_branch,
        merge_heads,
        numpy_weights,
        token_states,
        train,
    )

    log = log or (lambda _m: None)
    t0 = time.time()
    if config.head_seeds is not None and len(config.head_seeds) != config.heads:
        raise ConfigError(None, f"head_seeds lists {len(config.head_seeds)} seeds for {config.heads} heads",
                          "give one seed per head, or leave head_seeds out")
    if config.training_only_gold_heads is not None and config.training_only_gold_heads > config.heads:
        raise ConfigError(None, f"training_only_gold_heads is {config.training_only_gold_heads} of {config.heads} heads",
                          "make it at most heads")
    if config.heads > 1 and config.train_branch:
        raise ConfigError(None, f"heads is {config.heads} with train_branch true: merged heads must read one branch",
                          "set train_branch to false (keep the branch already trained), or heads to 1")
    docs = load_documents(config)
    if not docs:
        raise ConfigError(None, "no labelled documents: label_files and gold_paths are empty or excluded",
                          "list relation label files in the config")
    val_ids = validation_ids(docs, config)
    rng = random.Random(config.seed)
    train_docs = [d for d in docs if d["id"] not in val_ids and (d["checks"] or rng.random() < config.empty_share)]
    val_docs = [d for d in docs if d["id"] in val_ids]
    from numcheck.training.relation_data import reformatted_copy, restated_copy

    for wanted, make, what in ((config.restatement_swaps, restated_copy, "restatements in other forms"),
                               (config.reformatted_copies, reformatted_copy, "figures in another number style")):
        if wanted:
            copies = [c for d in train_docs if d["checks"] and (c := make(d, config.seed)) is not None]
            log(f"{len(copies)} training documents copied with their {what}")
            train_docs += copies
    log(f"{len(train_docs)} training and {len(val_docs)} validation documents, "
        f"{sum(len(d['checks']) for d in train_docs)} and {sum(len(d['checks']) for d in val_docs)} checks")
    enc = ModelExtractor(config.model_dir, runtime="torch")  # the branch trains on torch's shared layers
    hidden = int(enc.model.classifier.in_features)
    train_wins = enc.shared_windows([d["text"] for d in train_docs])
    val_wins = enc.shared_windows([d["text"] for d in val_docs])
    log(f"shared layers read ({time.time() - t0:.0f} s)")
    items = []
    for d, w in zip(train_docs, train_wins, strict=True):
        if (x := doc_item(d, w, hidden, config.words)) is not None:
            if d.get("loss_weight") is not None:
                x["weight"] = d["loss_weight"]
                x["training_only_gold"] = True
            items.append(x)
    distant_counts: dict[str, int] = {}
    if config.distant_paths and config.distant_examples:
        labelled = {d["id"] for d in docs}
        rows = [r for p in config.distant_paths for r in read_jsonl(p) if r["id"] not in labelled and not any(
            ((r.get("source") or {}).get("publisher") or "").startswith(x) for x in config.exclude_publishers)]
        random.Random(config.seed).shuffle(rows)
        rows = rows[: config.distant_examples]
        found = enc.extract([r["text"] for r in rows])
        texts = [{"text": r["text"], "quantities": [q.model_dump() for q in qs]} for r, qs in zip(rows, found, strict=True)]
        found_items = [doc_item(d, w, hidden, config.words, distant=True)
                       for d, w in zip(texts, enc.shared_windows([d["text"] for d in texts]), strict=True)]
        found_items = [x for x in found_items if x]
        for x in found_items:
            x["weight"] = config.distant_weight
        distant_counts = {"paragraphs": len(rows), "with_matches": len(found_items)}
        log(f"distant supervision: {len(found_items)} of {len(rows)} paragraphs hold arithmetic matches")
        items += found_items
    val_items = [x for x in (doc_item(d, w, hidden, config.words) for d, w in zip(val_docs, val_wins, strict=True)) if x]
    if config.train_branch:
        branch = RelationBranch(read_config(config.model_dir))
        branch.layer.load_state_dict(enc.model.bert.encoder.layer[-1].state_dict())
    else:
        branch = load_branch(config.output or config.model_dir, enc.model, config_dir=config.model_dir)
        if branch is None:
            raise ConfigError(None, f"train_branch is false, but {config.output or config.model_dir} holds no relation "
                              "head with a branch to keep", "train one with train_branch true first")
        freeze_branch(branch, hidden, items + val_items)
        log(f"branch kept from the head in {config.output or config.model_dir}, its vectors computed once "
            f"({time.time() - t0:.0f} s)")
    fits = []
    seeds = config.head_seeds or [config.seed + k for k in range(config.heads)]
    with_gold = config.heads if config.training_only_gold_heads is None else config.training_only_gold_heads
    for k in range(config.heads):
        head_items = items if k >= config.heads - with_gold else [x for x in items if not x.get("training_only_gold")]
        log(f"head {k + 1} of {config.heads}: seed {seeds[k]}, {len(head_items)} training documents")
        trained, fit_info = train(head_items, val_items, branch, hidden, units=config.hidden_units, dropout=config.dropout,
                                  epochs=config.epochs, patience=config.patience, docs_per_step=config.docs_per_step,
                                  learning_rate=config.learning_rate, branch_learning_rate=config.branch_learning_rate,
                                  weight_decay=config.weight_decay, seed=seeds[k], log=log)
        fits.append((numpy_weights(trained), fit_info))
    weights = merge_heads([w for w, _ in fits]) if len(fits) > 1 else fits[0][0]
    fit_info = fits[0][1] if len(fits) == 1 else {"heads": [f for _, f in fits],
                                                  "seconds": round(sum(f["seconds"] for _, f in fits), 1)}
    meta: dict[str, Any] = {
        "feature_version": FEATURE_VERSION,
        "links": [x.value for x in __import__("numcheck.inference.relations", fromlist=["LINKS"]).LINKS],
        "hidden": hidden,
        "words": config.words,
        "branch": True,
        "training_config": json.loads(config.model_dump_json()),
        "data": {"documents": len(docs), "training_documents": len(train_docs), "validation_documents": len(val_docs),
                 "training_checks": sum(len(d["checks"]) for d in train_docs),
                 "label_hash": sha256(json.dumps(sorted(d["id"] for d in docs))), "distant": distant_counts},
    }
    model = RelationModel(weights, meta)
    val_states = [token_states(trained, w) for w in val_wins]
    metrics: dict[str, Any] = {"fit": fit_info}
    copies = perturbed_copies(val_docs, seed=config.seed)
    copy_states = [token_states(trained, w) for w in enc.shared_windows([d["text"] for d in copies])]
    _calibrate_and_measure(model, val_docs, val_states, copies, copy_states, config, metrics, log)
    if config.baseline:
        xb, yb, mb = baseline_rows(train_docs)
        gbm = GBMScorer.fit(xb, yb, mb, config.seed)
        holder = RelationModel(weights, meta)
        holder.calibration, holder.confirmed, th, flags = calibrate_and_threshold(gbm, val_docs, val_states, copies,
                                                                                  copy_states, config)
        metrics["baseline_flags"] = {k: v for k, v in flags.items() if k != "sweep"}
        metrics["baseline_relations"] = _relation_summary(relation_outcomes(val_docs, val_states, gbm), val_docs)
        metrics["baseline_validation"] = end_to_end(val_docs, val_states, gbm, th, holder.calibrate, holder.confirm)
        metrics["baseline_validation_perturbed"] = end_to_end(copies, copy_states, gbm, th, holder.calibrate,
                                                              holder.confirm)
        log(f"baseline validation: {metrics['baseline_validation']}")
        log(f"baseline validation, perturbed: {metrics['baseline_validation_perturbed']}")
    metrics["seconds"] = round(time.time() - t0, 1)
    model.meta["metrics"] = metrics
    out = model.save(config.output or config.model_dir)
    log(f"wrote the relation head to {out} (flag threshold {model.thresholds.flag}, {metrics['seconds']} s)")
    from numcheck.models.io import onnx_branch_stale, read_meta
    from numcheck.models.runtime import ONNX_FILE

    card = read_meta(out) if (Path(out) / "numcheck.json").is_file() else {}
    if model.branch_weights and (Path(out) / ONNX_FILE).is_file() and onnx_branch_stale(out, card):
        log(f"{out / ONNX_FILE} predates this head's branch: `numcheck export --model {out}` before `numcheck check`")
    return metrics


def _calibrate_and_measure(model: Any, val_docs: Sequence[dict[str, Any]], val_states: Sequence[Any],
                           copies: Sequence[dict[str, Any]], copy_states: Sequence[Any], config: LinkTrainConfig,
                           metrics: dict[str, Any], log: Log) -> None:
    """Calibrate `model`, choose its thresholds and record in `metrics` what it then does on the
    validation documents and their perturbed copies (after training, or again for a trained head)."""
    model.calibration, model.confirmed, model.thresholds, metrics["flags"] = calibrate_and_threshold(
        model, val_docs, val_states, copies, copy_states, config)
    metrics["relations"] = _relation_summary(relation_outcomes(val_docs, val_states, model, min_link=config.min_link),
                                             val_docs)
    _measure(model, val_docs, val_states, copies, copy_states, metrics, log)


def _measure(model: Any, val_docs: Sequence[dict[str, Any]], val_states: Sequence[Any],
             copies: Sequence[dict[str, Any]], copy_states: Sequence[Any], metrics: dict[str, Any], log: Log) -> None:
    """Record in `metrics` (and log) what `model`, at its thresholds, does on the validation
    documents and their perturbed copies."""
    metrics["validation"] = end_to_end(val_docs, val_states, model, model.thresholds, model.calibrate, model.confirm)
    metrics["validation_perturbed"] = end_to_end(copies, copy_states, model, model.thresholds, model.calibrate,
                                                 model.confirm)
    log(f"validation: {metrics['validation']}")
    log(f"validation, perturbed: {metrics['validation_perturbed']}")


def _trained_head_on_validation(config: LinkTrainConfig, log: Log) -> tuple[Path, Any, list[dict[str, Any]], list[Any],
                                                                             list[dict[str, Any]], list[Any]]:
    """A trained head (read from `output`, default `model_dir`) and the encoder states of the
    validation documents and their perturbed copies: (head directory, head, documents, states,
    copies, their states)."""
    from numcheck.eval.perturb import perturbed_copies
    from numcheck.inference.model import ModelExtractor
    from numcheck.models.relations import RelationModel, load_branch

    t0 = time.time()
    head_dir = Path(config.output or config.model_dir)
    docs = load_documents(config)
    val_ids = validation_ids(docs, config)
    val_docs = [d for d in docs if d["id"] in val_ids]
    enc = ModelExtractor(config.model_dir, runtime="torch")  # the head's own branch, as in training
    enc.branch = load_branch(head_dir, enc.model, config_dir=config.model_dir)
    model = RelationModel.load(head_dir)
    val_states = enc.encode([d["text"] for d in val_docs])
    copies = perturbed_copies(val_docs, seed=config.seed)
    copy_states = enc.encode([d["text"] for d in copies])
    log(f"{len(val_docs)} validation documents and {len(copies)} perturbed copies read ({time.time() - t0:.0f} s)")
    return head_dir, model, val_docs, val_states, copies, copy_states


def rechoose_slip_threshold(config: LinkTrainConfig, log: Log | None = None) -> dict[str, Any]:
    """Choose a trained head's slip threshold again, its weights, calibration and flag threshold
    unchanged (`numcheck train-links --slip-only`): on the validation documents and their perturbed
    copies, as `calibrate_and_threshold` chooses it after training. Returns the figures it records."""
    import dataclasses

    log = log or (lambda _m: None)
    head_dir, model, val_docs, val_states, copies, copy_states = _trained_head_on_validation(config, log)
    curve = _slip_curve(model, lambda k, raw: float(model.calibrate(k, raw)), val_docs, val_states, copies, copy_states,
                        config.min_link)
    slip = choose_slip_threshold(curve, model.thresholds.flag, config.flag_precision)
    model.thresholds = dataclasses.replace(model.thresholds, slip=slip)
    metrics: dict[str, Any] = dict(model.meta.get("metrics") or {})
    metrics.setdefault("flags", {})["slip_threshold"] = slip
    log(f"slip threshold {slip} ({sum(1 for s, _ in curve if slip <= s < model.thresholds.flag)} contradictions a slip "
        f"explains from it, {sum(ok for s, ok in curve if slip <= s < model.thresholds.flag)} right)")
    return _measured_and_saved(head_dir, model, metrics, val_docs, val_states, copies, copy_states, log)


def refit_confirmed_calibration(config: LinkTrainConfig, log: Log | None = None) -> dict[str, Any]:
    """Fit a trained head's calibration of the relations the arithmetic confirms again, its
    weights, other calibration and thresholds unchanged (`numcheck train-links --confirmed-only`):
    on the validation documents, as `calibrate_and_threshold` fits it after training. Returns the
    figures it records."""
    log = log or (lambda _m: None)
    head_dir, model, val_docs, val_states, copies, copy_states = _trained_head_on_validation(config, log)
    outcomes = confirmed_outcomes(val_docs, val_states, model, min_link=config.min_link)
    model.confirmed = calibrations(outcomes, widths=True)
    log(f"confirmed calibration fitted on {len(outcomes)} confirmed readings, {sum(row[2] for row in outcomes)} right: "
        + ", ".join(f"{k} {vars(v)}" for k, v in sorted(model.confirmed.items())))
    metrics: dict[str, Any] = dict(model.meta.get("metrics") or {})
    return _measured_and_saved(head_dir, model, metrics, val_docs, val_states, copies, copy_states, log)


def _measured_and_saved(head_dir: Path, model: Any, metrics: dict[str, Any], val_docs: Sequence[dict[str, Any]],
                        val_states: Sequence[Any], copies: Sequence[dict[str, Any]], copy_states: Sequence[Any],
                        log: Log) -> dict[str, Any]:
    """`_measure` a head changed after training into `metrics`, record them in it and write it
    back to `head_dir`; returns the metrics."""
    _measure(model, val_docs, val_states, copies, copy_states, metrics, log)
    model.meta["metrics"] = metrics
    model.save(head_dir)
    return metrics


def recalibrate_links(config: LinkTrainConfig, log: Log | None = None) -> dict[str, Any]:
    """Calibrate a trained head again and choose its thresholds again, its weights unchanged
    (`numcheck train-links --calibrate-only`): what `train_links` does after training, for a
    change of the calibration, the thresholds or the validation figures without the hour of
    training. The head is read from and written to `output` (default `model_dir`)."""
    log = log or (lambda _m: None)
    t0 = time.time()
    head_dir, model, val_docs, val_states, copies, copy_states = _trained_head_on_validation(config, log)
    metrics: dict[str, Any] = dict(model.meta.get("metrics") or {})
    for k in [k for k in metrics if k.startswith("baseline")]:
        del metrics[k]  # measured under the thresholds of the training run, not these
    _calibrate_and_measure(model, val_docs, val_states, copies, copy_states, config, metrics, log)
    model.meta["training_config"] = json.loads(config.model_dump_json())
    model.meta["metrics"] = metrics
    out = model.save(head_dir)
    log(f"recalibrated the relation head in {out} (flag threshold {model.thresholds.flag}, {time.time() - t0:.0f} s)")
    return metrics


def end_to_end(docs: Sequence[dict[str, Any]], states: Sequence[Any], scorer: Any, thresholds: Any,
               calibrate: Any = None, confirm: Any = None) -> dict[str, Any]:
    """Checks found with the right verdict, flags and their precision, clean documents with a
    false alarm: `link_and_check` on gold spans, scored as `numcheck eval` scores."""
    from numcheck.eval.metrics import DocChecks, GoldCheck, check_scores, detection_scores
    from numcheck.inference.relations import link_and_check
    from numcheck.schema import Document, Quantity

    rows = []
    for d, st in zip(docs, states, strict=True):
        qs = [Quantity.model_validate(q) for q in d["quantities"]]
        doc = Document.model_validate({k: v for k, v in d.items() if k in ("id", "text", "source", "reference")})
        res = link_and_check(doc, qs, st, scorer, thresholds=thresholds, calibrate=calibrate,
                             confirm=confirm)
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


def train_links_from_file(path: str | Path, output: str | Path | None = None, console: Any = None, *,
                          calibrate_only: bool = False, slip_only: bool = False, confirmed_only: bool = False
                          ) -> dict[str, Any]:
    """`numcheck train-links --config FILE [--output DIR]`: load the config, train, report on stderr.

    >>> train_links_from_file("configs/links.json", calibrate_only=True, slip_only=True)
    Traceback (most recent call last):
    ...
    numcheck.errors.ConfigError: [E_CONFIG] --calibrate-only, --slip-only and --confirmed-only ask for different runs. --calibrate-only fits the confirmed calibration and chooses the slip threshold too: pass one of them
    """
    if calibrate_only + slip_only + confirmed_only > 1:
        raise ConfigError(None, "--calibrate-only, --slip-only and --confirmed-only ask for different runs",
                          "--calibrate-only fits the confirmed calibration and chooses the slip threshold too: "
                          "pass one of them")
    config = load_link_config(path)
    if output is not None:
        config = config.model_copy(update={"output": Path(output)})

    def log(msg: str) -> None:
        if console is not None:
            console.print(msg, highlight=False)

    log(f"config {path}: model {config.model_dir}, output {config.output or config.model_dir}, seed {config.seed}")
    if slip_only:
        return rechoose_slip_threshold(config, log)
    if confirmed_only:
        return refit_confirmed_calibration(config, log)
    return recalibrate_links(config, log) if calibrate_only else train_links(config, log)
