"""Label scheme and the save/load round trip of a tiny model (built from a config, no downloads)."""

from __future__ import annotations

import json

import pytest

from numcheck.models.labels import LABELS, begin_id, has_number, inside_id, is_begin, kind_of

torch = pytest.importorskip("torch")


def test_bio_scheme_covers_every_kind_once():
    assert LABELS[0] == "O"
    assert len(LABELS) == 17
    for kind in ("COUNT", "MEASURE", "MONEY", "PERCENT", "RATE", "CHANGE", "DATE", "OTHER"):
        assert LABELS[begin_id(kind)] == f"B-{kind}"
        assert LABELS[inside_id(kind)] == f"I-{kind}"
        assert kind_of(begin_id(kind)) == kind and is_begin(begin_id(kind)) and not is_begin(inside_id(kind))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9.4%", True), ("four of the six", True), ("doubled", True), ("Eyvazov", False), ("the first time", False)],
)
def test_has_number(text, expected):
    assert has_number(text) is expected


def test_save_load_round_trip(tmp_path):
    from numcheck.models.io import META_FILE, build_model, load_model, load_tokenizer, save_model

    model = build_model(tiny={"hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 32})
    model.eval()
    tok = load_tokenizer()
    save_model(model, tok, tmp_path / "m", {"training_config": {"max_length": 64}}, card="# tiny\n")
    loaded, tok2, meta = load_model(tmp_path / "m")
    ids = tok("In 2024, 33,379 crimes.", return_tensors="pt")
    with torch.no_grad():
        a = model(**ids).logits
        b = loaded(**ids).logits
    assert torch.allclose(a, b, atol=1e-6)
    assert loaded.config.id2label[1] == "B-COUNT"
    saved = json.loads((tmp_path / "m" / META_FILE).read_text())
    assert saved["label_scheme_version"] == meta["label_scheme_version"]
    assert (tmp_path / "m" / "README.md").read_text() == "# tiny\n"
    assert tok2.is_fast


def test_load_refuses_a_directory_without_metadata(tmp_path):
    from numcheck.errors import ModelError
    from numcheck.models.io import load_model

    with pytest.raises(ModelError, match="numcheck.json"):
        load_model(tmp_path)


def test_load_refuses_another_label_scheme(tmp_path):
    from numcheck.errors import ModelError
    from numcheck.models.io import META_FILE, load_model

    (tmp_path / META_FILE).write_text(json.dumps({"label_scheme_version": "old"}))
    with pytest.raises(ModelError, match="label scheme"):
        load_model(tmp_path)
