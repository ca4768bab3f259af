"""`numcheck train-links` end to end on one small label batch: train, calibrate, write, reload, recalibrate."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "training" / "labels" / "relations" / "train-o.jsonl"
SHARED = ROOT.parent / "shared" / "data" / "unlabeled"


@pytest.mark.slow
def test_a_head_is_trained_calibrated_written_reloaded_and_recalibrated(tmp_path):
    pytest.importorskip("torch")
    if not SHARED.is_dir():
        pytest.skip("the labelled paragraphs' texts are restored from ../shared, which is not here")
    from numcheck.inference.relations import build_doc, candidates
    from numcheck.models.relations import WEIGHTS_FILE, RelationModel, has_branch
    from numcheck.training.relations import LinkTrainConfig, recalibrate_links, train_links
    from tests.conftest import marked

    out = tmp_path / "head"
    config = LinkTrainConfig(model_dir=ROOT / "models" / "shipped", output=out, label_files=[LABELS], epochs=1,
                             hidden_units=16, validation_fraction=0.3, baseline=False, seed=3)
    metrics = train_links(config)
    assert metrics["fit"] and metrics["validation"]["checks"] > 0 and "threshold" in metrics["flags"]
    head = RelationModel.load(out)
    assert has_branch(out) and head.meta["branch"] is True
    assert 0 <= head.thresholds.keep <= 1 and 0 < head.thresholds.flag <= 1 and head.thresholds.min_link == config.min_link
    text, qs = marked("Of the [1,240|COUNT] cases, [212|COUNT] ([17.1%|PERCENT]) were closed.")
    doc = build_doc(text, qs, None)
    probs = head.score(doc, candidates(doc))
    assert probs.shape[0] == len(candidates(doc)) > 0 and np.all((probs >= 0) & (probs <= 1))

    weights = hashlib.sha256((out / WEIGHTS_FILE).read_bytes()).hexdigest()
    again = recalibrate_links(config.model_copy(update={"keep_threshold": 0.25}))
    assert again["validation"]["checks"] == metrics["validation"]["checks"]
    assert RelationModel.load(out).thresholds.keep == 0.25  # the thresholds follow the config ...
    assert hashlib.sha256((out / WEIGHTS_FILE).read_bytes()).hexdigest() == weights  # ... the weights stay

    # --slip-only: the slip threshold chosen again, nothing else
    from numcheck.training.relations import rechoose_slip_threshold

    before = RelationModel.load(out)
    slipped = rechoose_slip_threshold(config)
    after = RelationModel.load(out)
    assert after.thresholds.slip == slipped["flags"]["slip_threshold"] <= after.thresholds.flag == before.thresholds.flag
    assert after.calibration == before.calibration and after.thresholds.keep == before.thresholds.keep
    assert hashlib.sha256((out / WEIGHTS_FILE).read_bytes()).hexdigest() == weights

    # --confirmed-only: the calibration of confirmed relations fitted again, with its width term, nothing else
    from numcheck.training.relations import refit_confirmed_calibration

    before = RelationModel.load(out)
    refit_confirmed_calibration(config)
    after = RelationModel.load(out)
    assert after.calibration == before.calibration and after.thresholds == before.thresholds
    assert after.confirmed == before.confirmed  # training fitted it the same way, on the same readings
    assert hashlib.sha256((out / WEIGHTS_FILE).read_bytes()).hexdigest() == weights

    # heads retrained alone on the branch just trained, two of them merged into one
    from numcheck.errors import ConfigError
    from numcheck.models.relations import branch_sha256

    with pytest.raises(ConfigError, match="one branch"):
        train_links(config.model_copy(update={"heads": 2}))
    branch = branch_sha256(out)
    merged = train_links(config.model_copy(update={"heads": 2, "train_branch": False}))
    assert [h["best_epoch"] for h in merged["fit"]["heads"]] == [1, 1]
    assert branch_sha256(out) == branch  # the frozen branch is written back as it was
    two = RelationModel.load(out)
    assert two.weights["p1"].shape[1] == 2 * 16 and two.weights["n1"].shape[1] == 2 * 64
    probs2 = two.score(doc, candidates(doc))
    assert probs2.shape == probs.shape and np.all((probs2 >= 0) & (probs2 <= 1)) and not np.allclose(probs2, probs)
