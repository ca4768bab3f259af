"""Merged relation heads score as the mean of their logits."""

from __future__ import annotations

import numpy as np
import pytest


def _head(rng: np.random.Generator, d: int, units: int, links: int) -> dict[str, np.ndarray]:
    return {"p1": rng.normal(size=(d, units)), "pb1": rng.normal(size=units), "p2": rng.normal(size=(units, links)),
            "pb2": rng.normal(size=links), "n1": rng.normal(size=(d, 4)), "nb1": rng.normal(size=4),
            "n2": rng.normal(size=(4, links)), "nb2": rng.normal(size=links), "branch.w": np.ones(3)}


def test_a_merged_head_gives_the_mean_of_its_heads_logits():
    pytest.importorskip("torch")
    from numcheck.models.relations import RelationModel
    from numcheck.training.relation_head import merge_heads

    rng = np.random.default_rng(0)
    heads = [_head(rng, 6, units, 3) for units in (5, 7, 5)]
    merged = merge_heads(heads)
    x = rng.normal(size=(9, 6))
    for net in ("p", "n"):
        want = np.mean([RelationModel._mlp(x, h, net) for h in heads], axis=0)
        assert np.allclose(RelationModel._mlp(x, merged, net), want)
    assert merged["branch.w"] is heads[0]["branch.w"]


def test_heads_of_different_branches_are_not_merged():
    pytest.importorskip("torch")
    from numcheck.training.relation_head import merge_heads

    rng = np.random.default_rng(1)
    a, b = _head(rng, 4, 3, 2), _head(rng, 4, 3, 2)
    b["branch.w"] = np.zeros(3)
    with pytest.raises(ValueError, match="one branch"):
        merge_heads([a, b])
    b["branch.w"] = np.ones(3)
    assert merge_heads([a, b])["p1"].shape == (4, 6)
