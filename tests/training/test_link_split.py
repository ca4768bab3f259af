"""The relation head's validation draw: documents added as training-only never validate and leave
the draw among the others as it was."""

from __future__ import annotations


def test_training_only_documents_never_validate_and_keep_the_draw():
    from numcheck.training.relations import LinkTrainConfig, validation_ids

    config = LinkTrainConfig(validation_fraction=0.25, seed=5)
    docs = [{"id": f"d{i}"} for i in range(40)]
    before = validation_ids(docs, config)
    added = docs + [{"id": f"new{i}", "training_only": True} for i in range(30)]
    after = validation_ids(added, config)
    assert after == before and len(before) == 10
    assert not any(i.startswith("new") for i in after)
    # listed as ordinary labels, the same documents would enter the draw
    assert validation_ids(docs + [{"id": f"new{i}"} for i in range(30)], config) != before
