"""numcheck's plain-torch BERT tagger and window tokenizer agree with transformers'."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from numcheck.models.encoder import BertTagger, WindowTokenizer, read_config  # noqa: E402
from numcheck.models.io import SHIPPED_DIR, load_model, load_tagger, load_tokenizer  # noqa: E402
from tests.conftest import save_tiny_tagger  # noqa: E402

SENTENCES = [
    "In 2024, 33,379 crimes were recorded, 1.2% fewer than the year before.",
    "The ministry received 6,055 citizens.",
    "Unemployment stood at 4.1 per cent in March, down 0.3 percentage points.",
]


def _batch(tok, texts):
    """Padded ids and mask of `texts`, one window each (all of them short)."""
    rows = [tok.windows(t, max_length=64, stride=8)[0][0] for t in texts]
    width = max(map(len, rows))
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
        mask[i, : len(r)] = 1
    return ids, mask


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory):
    return save_tiny_tagger(tmp_path_factory.mktemp("enc") / "tiny")


def _assert_same_logits(path, atol):
    hf, _, _ = load_model(path)
    ours, tok, _ = load_tagger(path)
    ids, mask = _batch(tok, SENTENCES)
    with torch.inference_mode():
        want = hf(input_ids=ids, attention_mask=mask).logits
        got = ours(ids, mask)
    real = mask.bool()
    assert got.shape == want.shape
    assert torch.allclose(got[real], want[real], atol=atol), (got[real] - want[real]).abs().max()
    assert torch.equal(got[real].argmax(-1), want[real].argmax(-1))


def test_tagger_matches_transformers_on_a_random_tiny_model(tiny_dir):
    _assert_same_logits(tiny_dir, atol=1e-5)


def test_tagger_matches_transformers_on_the_shipped_model():
    if not (SHIPPED_DIR / "model.safetensors").is_file():
        pytest.skip("no shipped model in this checkout")
    _assert_same_logits(SHIPPED_DIR, atol=1e-4)


def test_padding_does_not_change_a_row(tiny_dir):
    ours, tok, _ = load_tagger(tiny_dir)
    ids, mask = _batch(tok, SENTENCES)
    with torch.inference_mode():
        together = ours(ids, mask)
        n = int(mask[1].sum())
        alone = ours(ids[1:2, :n], mask[1:2, :n])
    assert torch.allclose(together[1, :n], alone[0], atol=1e-5)


@pytest.mark.parametrize(("max_length", "stride"), [(16, 4), (32, 8), (128, 32)])
def test_windows_match_the_transformers_fast_tokenizer(max_length, stride):
    line = "In 2024, 33,379 crimes were recorded; " * 30 + "the rate was 327 per 100,000 inhabitants."
    hf = load_tokenizer()(line, truncation=True, max_length=max_length, stride=stride,
                          return_overflowing_tokens=True, return_offsets_mapping=True)
    ours = WindowTokenizer(SHIPPED_DIR).windows(line, max_length=max_length, stride=stride)
    assert len(ours) == len(hf["input_ids"]) > 1 or max_length == 128
    assert [ids for ids, _ in ours] == hf["input_ids"]
    assert [offs for _, offs in ours] == [[tuple(o) for o in w] for w in hf["offset_mapping"]]


def test_read_config_refuses_other_architectures(tmp_path):
    from numcheck.errors import ModelError

    (tmp_path / "config.json").write_text('{"hidden_act": "relu", "id2label": {"0": "O"}}')
    with pytest.raises(ModelError, match="gelu"):
        read_config(tmp_path)


def test_tagger_parameter_names_are_transformers_names(tiny_dir):
    hf, _, _ = load_model(tiny_dir)
    ours = BertTagger(read_config(tiny_dir))
    hf_names = {k for k in hf.state_dict() if not k.endswith("position_ids")}
    assert set(ours.state_dict()) == hf_names
