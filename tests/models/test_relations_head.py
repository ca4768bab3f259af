"""The relation head: numpy inference, save and load, calibration."""

from __future__ import annotations

import numpy as np
import pytest

from numcheck.errors import ModelError
from numcheck.inference.relations import LINKS, candidates
from numcheck.models.relations import FEATURE_VERSION, Calibration, RelationModel
from tests.conftest import random_head


def _model(hidden=4, units=5):
    weights, meta, doc = random_head(hidden, units, seed=0)
    return RelationModel(weights, meta), doc


def test_scores_are_probabilities_zero_where_kinds_forbid():
    model, doc = _model()
    pairs = candidates(doc)
    probs = model.score(doc, pairs)
    assert probs.shape == (len(pairs), len(LINKS))
    assert ((probs >= 0) & (probs <= 1)).all()
    for r, p in enumerate(pairs):
        allowed = {LINKS.index(x) for x in p.allowed}
        assert all(probs[r, k] == 0 for k in range(len(LINKS)) if k not in allowed)


def test_save_and_load_give_the_same_scores(tmp_path):
    model, doc = _model()
    model.calibration = {"share": Calibration(2.0, -1.0), "sum": Calibration(1.0, 0.0)}
    model.confirmed = {"share": Calibration(1.0, 3.0)}
    model.save(tmp_path)
    again = RelationModel.load(tmp_path)
    pairs = candidates(doc)
    assert np.allclose(model.score(doc, pairs), again.score(doc, pairs), atol=2e-3)  # weights stored in fp16
    assert again.thresholds.flag == 0.8 and again.calibrate("share", 0.5) == pytest.approx(Calibration(2.0, -1.0)(0.5))
    assert again.confirm("share", 0.5) == pytest.approx(Calibration(1.0, 3.0)(0.5))
    assert again.confirm("sum", 0.3) == pytest.approx(again.calibrate("sum", 0.3))  # no confirmed fit: the other


def test_a_head_of_other_features_does_not_load(tmp_path):
    model, _ = _model()
    model.meta["feature_version"] = FEATURE_VERSION + 1
    model.save(tmp_path)
    with pytest.raises(ModelError, match="retrain"):
        RelationModel.load(tmp_path)


def test_each_anchor_chooses_among_its_candidates_or_none():
    model, doc = _model()
    pairs = candidates(doc)
    probs = model.score(doc, pairs)
    for k, link in enumerate(LINKS):
        if link.value == "pct_sibling":
            continue
        for a in {p.a for p in pairs}:
            rows = [r for r, p in enumerate(pairs) if p.a == a and link in p.allowed]
            if rows:
                assert 0 < probs[rows, k].sum() <= 1 + 1e-5


def test_calibration_is_monotone():
    cal = Calibration(1.7, -0.3)
    xs = [cal(x) for x in np.linspace(0.01, 0.99, 30)]
    assert xs == sorted(xs)


@pytest.mark.parametrize("words", [False, True])
def test_the_first_layer_on_parts_equals_it_on_full_rows(words):
    """`score` multiplies each figure's and each pair of figures' features once; the full rows
    (`inputs`) through the same network give the same probabilities."""
    from numcheck.inference.extractor import TokenStates
    from numcheck.inference.relations import anchor_softmax, build_doc
    from tests.conftest import marked

    text, qs = marked("Of [2,400|COUNT] thefts, [1,100|COUNT] ([45.8%|PERCENT]) were of cars and [900|COUNT] "
                      "([37.5%|PERCENT]) of bicycles, up [12%|CHANGE] from [2,143|COUNT] in [2023|DATE].")
    rng = np.random.default_rng(3)
    starts = np.arange(0, len(text), 4)
    states = TokenStates(np.stack([starts, np.minimum(starts + 3, len(text))], axis=1),
                         rng.normal(size=(len(starts), 6)).astype(np.float32))
    weights, meta, _ = random_head(6, 7, seed=1)
    if words:
        from numcheck.inference.relations import HASH_BUCKETS

        weights["p1"] = np.concatenate([weights["p1"], rng.normal(size=(3 * HASH_BUCKETS, 7)).astype(np.float32)])
        meta["words"] = True
    model = RelationModel(weights, meta)
    doc = build_doc(text, qs, states)
    pairs = candidates(doc)
    assert len({(min(p.a, p.b), max(p.a, p.b)) for p in pairs}) < len(pairs)  # both directions occur
    x, xa = model.inputs(build_doc(text, qs, states), pairs)
    full = anchor_softmax(model._mlp(x, model.weights, "p"), model._mlp(xa, model.weights, "n"), pairs)
    assert np.abs(model.score(doc, pairs) - full).max() < 1e-5
    assert np.abs(full).sum() > 0


def test_documents_scored_together_score_as_they_do_alone(monkeypatch):
    """`score_many` runs each product once over the rows of several documents; each document's
    probabilities stay its own, whatever it is batched with (and a document without pairs is empty)."""
    from numcheck.inference.extractor import TokenStates
    from numcheck.inference.relations import build_doc
    from tests.conftest import marked

    rng = np.random.default_rng(5)
    sources = ["Of [2,400|COUNT] thefts, [1,100|COUNT] ([45.8%|PERCENT]) were of cars, up [12%|CHANGE] from [2,143|COUNT].",
               "Nothing was counted in [2024|DATE].",
               "[300|COUNT] of the [1,200|COUNT] replies ([25%|PERCENT]) came by post; [61%|PERCENT] backed it."]
    docs = []
    for source in sources:
        text, qs = marked(source)
        starts = np.arange(0, len(text), 4)
        states = TokenStates(np.stack([starts, np.minimum(starts + 3, len(text))], axis=1),
                             rng.normal(size=(len(starts), 6)).astype(np.float32))
        doc = build_doc(text, qs, states)
        docs.append((doc, candidates(doc)))
    model = RelationModel(*random_head(6, 7, seed=2)[:2])
    together = model.score_many(docs)
    assert [len(p) for p in together] == [len(pairs) for _, pairs in docs] and len(together[1]) == 0
    for (doc, pairs), got in zip(docs, together):
        assert np.allclose(got, model.score(doc, pairs), atol=1e-5, rtol=0)
    # the same document batched with others, or alone, or twice
    assert np.abs(model.score_many([docs[2], docs[0]])[1] - together[0]).max() < 1e-5
    # in products of a few rows at a time (a table-heavy part has thousands of pairs)
    import numcheck.models.relations as head

    monkeypatch.setattr(head, "PAIRS_PER_PRODUCT", 1)
    assert all(np.allclose(a, b, atol=1e-6, rtol=0) for a, b in zip(model.score_many(docs), together, strict=True))
