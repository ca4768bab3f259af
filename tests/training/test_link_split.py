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


def test_training_only_gold_files_are_loaded_marked_and_never_validate(tmp_path):
    import json

    from numcheck.training.relations import LinkTrainConfig, load_documents, validation_ids

    def write(name, n):
        p = tmp_path / name
        p.write_text("".join(json.dumps({"id": f"{name[:3]}{i}", "text": "x", "quantities": [], "checks": []}) + "\n"
                             for i in range(n)) + json.dumps({"id": "nochecks", "text": "x", "quantities": []}) + "\n")
        return p

    config = LinkTrainConfig(gold_paths=[write("old.jsonl", 20)], training_only_gold_paths=[write("new.jsonl", 12)],
                             training_only_gold_weight=0.5, validation_fraction=0.5)
    docs = load_documents(config)
    # documents without `checks` are not relation labels, so they are skipped
    assert len(docs) == 32 and sum(bool(d.get("training_only")) for d in docs) == 12
    assert all(i.startswith("old") for i in validation_ids(docs, config))
    assert {d.get("loss_weight") for d in docs} == {None, 0.5}


def test_head_seeds_and_invented_heads_must_fit_the_number_of_heads():
    import pytest

    from numcheck.errors import ConfigError
    from numcheck.training.relations import LinkTrainConfig, train_links

    with pytest.raises(ConfigError, match="head_seeds lists 1 seeds for 2 heads"):
        train_links(LinkTrainConfig(heads=2, head_seeds=[1], train_branch=False))
    with pytest.raises(ConfigError, match="training_only_gold_heads is 3 of 2 heads"):
        train_links(LinkTrainConfig(heads=2, training_only_gold_heads=3, train_branch=False))


def test_an_excluded_publisher_is_read_only_from_training_only_files(tmp_path):
    import json

    from numcheck.training.relations import LinkTrainConfig, load_documents

    def write(name, publishers):
        p = tmp_path / name
        p.write_text("".join(json.dumps({"id": f"{name[:3]}{i}", "text": "x", "quantities": [], "checks": [],
                                         "source": {"publisher": pub}}) + "\n" for i, pub in enumerate(publishers)))
        return p

    pubs = ["Office for National Statistics (ONS), UK", "City of Springfield", "Office for National Statistics"]
    config = LinkTrainConfig(gold_paths=[write("old.jsonl", pubs)], training_only_gold_paths=[write("new.jsonl", pubs)],
                             exclude_publishers=["Office for National Statistics"])
    # a labelled file keeps the blind set's publisher out; a training-only file is named on purpose
    assert sorted(d["id"] for d in load_documents(config)) == ["new0", "new1", "new2", "old1"]
