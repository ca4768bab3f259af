"""Export a model directory's tagger to ONNX, for inference on ONNX Runtime without torch.

`export_onnx` writes `model.onnx` into the model directory, from the torch weights (the
directory's own and, when they were left out, the base package's embeddings), so the file
carries everything inference needs: tokens in, tag logits and the last layer's token vectors
out (`logits`, `hidden`), and, when the directory's relation head (`relations.safetensors`) has
a branch, the branch's token vectors (`relation`: the branch layer applied to the input of the
last layer, what the relation head reads). The steps:

1. torch's TorchScript exporter traces `BertTagger` (and the branch) at opset 17, with attention
   written as BERT's matrix products and an additive mask, the pattern ONNX Runtime's BERT
   fusions know;
2. `onnxruntime.transformers.optimizer` fuses attention, layer norms and GELU (python
   fusions only, so the graph is the same on every machine);
3. scheme "int8": dynamic int8 quantisation (weights int8 per output channel, activations
   quantised at run time) of the encoder's matrix products, the tag head kept in float;
4. the embedding tables stay float, stored in float16 (a `Cast` back to float32 that ONNX
   Runtime folds when the session loads), which halves the file at no measurable cost.

The same weights give the same file: `numcheck.json` records its sha256, the scheme, the
versions that wrote it, the hash of the relation head whose branch it holds (a model directory
whose head changed refuses to run the stale export) and how far its logits and relation-stage
token vectors are from torch's on a few sentences. Re-export after training or copying a
relation head into the directory: `numcheck export --model DIR`.

torch, onnx and onnxruntime are imported inside the functions (export runs at training
time; inference needs onnxruntime only).
"""

from __future__ import annotations

import json
import logging
import math
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from numcheck.errors import ModelError
from numcheck.models.runtime import ONNX_FILE, ONNX_OUTPUTS

#: ONNX opset of the export (ONNX Runtime 1.14 or later runs it).
OPSET = 17
#: What `scheme` may be: float32 matrix products, or dynamic int8 ones.
ONNX_SCHEMES = ("float32", "int8")
#: Float initialisers with at least this many elements are stored in float16 (the embedding tables).
HALF_STORE_MIN = 1 << 16
#: Sentences on which the export's logits are compared with torch's (recorded in numcheck.json).
PARITY_SENTENCES = (
    "In 2024, 33,379 crimes were recorded, 1.2% fewer than the year before.",
    "Unemployment stood at 4.1 per cent in March, down 0.3 percentage points from 4.4 per cent.",
    "Of the 6,480 people who applied, 5,213 (80.4%) were admitted; the rate was 327 per 100,000.",
)


def _export_module(tagger: Any, branch: Any = None) -> Any:
    """`tagger` as a module returning `(logits, hidden)`, and `relation` too when the relation head
    has a `branch`, attention spelled out for the ONNX fusions.

    The arithmetic is `BertTagger.encode`'s: a padded key gets -10000 added to its score
    instead of being dropped, which leaves every real token's vector as it was (to float
    rounding) and is the form ONNX Runtime's fused `Attention` replaces. The branch (a copy of
    the last layer, trained for relations) reads what the last layer reads, as
    `ModelExtractor` does on torch.
    """
    import torch

    def run_layer(layer: Any, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        sa = layer.attention.self
        b, t, h = x.shape
        d = h // sa.heads
        q = sa.query(x).view(b, t, sa.heads, d).transpose(1, 2)
        k = sa.key(x).view(b, t, sa.heads, d).permute(0, 2, 3, 1)
        v = sa.value(x).view(b, t, sa.heads, d).transpose(1, 2)
        probs = torch.softmax(torch.matmul(q, k) / math.sqrt(d) + bias, dim=-1)
        context = torch.matmul(probs, v).transpose(1, 2).reshape(b, t, h)
        a = layer.attention.output(context, x)
        return layer.output(layer.intermediate(a), a)

    class ExportTagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.tagger = tagger
            self.branch = branch

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
            bias = (1.0 - attention_mask[:, None, None, :].to(torch.float32)) * -10000.0
            x = self.tagger.bert.embeddings(input_ids)
            *shared, last = self.tagger.bert.encoder.layer
            for layer in shared:
                x = run_layer(layer, x, bias)
            hidden = run_layer(last, x, bias)
            if self.branch is None:
                return self.tagger.classifier(hidden), hidden
            # `x + 0.0`: the branch reads its own copy of the last layer's input, since ONNX Runtime's
            # attention fusion wants an input read by one attention only (else neither is fused:
            # 5 of 7 fused attentions, and 12% slower on dev)
            return self.tagger.classifier(hidden), hidden, run_layer(self.branch.layer, x + 0.0, bias)

    return ExportTagger().eval()


def _trace(tagger: Any, branch: Any, path: Path) -> None:
    import torch

    ids = torch.tensor([[101, 1999, 16798, 1010, 2539, 102], [101, 2539, 102, 0, 0, 0]])
    mask = (ids != 0).long()
    axes = {0: "batch", 1: "tokens"}
    outputs = list(ONNX_OUTPUTS if branch is not None else ONNX_OUTPUTS[:2])
    with warnings.catch_warnings(), torch.inference_mode():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notice and tracer warnings
        torch.onnx.export(
            _export_module(tagger, branch), (ids, mask), str(path), input_names=["input_ids", "attention_mask"],
            output_names=outputs, opset_version=OPSET, dynamo=False, do_constant_folding=True,
            dynamic_axes={"input_ids": axes, "attention_mask": axes, **{name: axes for name in outputs}},
        )


def _fuse(src: Path, dst: Path, cfg: dict[str, Any]) -> dict[str, int]:
    from onnxruntime.transformers import optimizer

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fused = optimizer.optimize_model(str(src), model_type="bert", num_heads=cfg["num_attention_heads"],
                                         hidden_size=cfg["hidden_size"], opt_level=0)
    fused.save_model_to_file(str(dst))
    return {k: v for k, v in fused.get_fused_operator_statistics().items() if v}


def _quantize(src: Path, dst: Path, exclude: Callable[[str], bool]) -> list[str]:
    """Dynamic int8 on the matrix products and fused attention, weights per output channel;
    returns the nodes left in float."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(src)).graph
    kept = sorted(n.name for n in graph.node if n.op_type in ("MatMul", "Attention") and exclude(n.name))
    logging.disable(logging.WARNING)  # the quantizer's advice to pre-process, meant for CNNs
    try:
        quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul", "Attention"], nodes_to_exclude=kept,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    finally:
        logging.disable(logging.NOTSET)
    return kept


def _store_half(src: Path, dst: Path) -> list[str]:
    """Store the large float initialisers in float16, each read through a Cast to float32."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(src))
    graph = model.graph
    halved = []
    for init in list(graph.initializer):
        if init.data_type != onnx.TensorProto.FLOAT or math.prod(init.dims) < HALF_STORE_MIN:
            continue
        half = numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name + "_fp16")
        graph.initializer.remove(init)
        graph.initializer.append(half)
        graph.node.insert(0, helper.make_node("Cast", [half.name], [init.name], to=onnx.TensorProto.FLOAT,
                                              name=init.name + "_to_float"))
        halved.append(init.name)
    onnx.save(model, str(dst))
    return halved


def _roles(name: str) -> str:
    """The part of the encoder a node of the exported graph belongs to (for int8 exclusions).

    >>> _roles("/tagger/bert/encoder/layer.3/output/dense/MatMul"), _roles("Attention_0")
    ('ffn_out', 'qkv')
    """
    if name.startswith("Attention") or "/self/" in name:
        return "qkv"
    if "/attention/output/" in name:
        return "attn_out"
    if "/intermediate/" in name:
        return "ffn_in"
    if "/output/dense" in name:
        return "ffn_out"
    if "classifier" in name:
        return "classifier"
    return "other"


#: Parts of the encoder that stay in float under scheme "int8": the tag head (it costs nothing)
#: and the feed-forward outputs (with them in float the relation stage finds all of torch's
#: checks on dev; 39.7 MiB against 34.9, 1.2x the int8 time).
INT8_KEEP_FLOAT = ("classifier", "ffn_out")
#: What `keep_float` may name (see `_roles`).
FLOAT_PARTS = ("qkv", "attn_out", "ffn_in", "ffn_out", "classifier")


def export_onnx(
    model_dir: str | Path | None = None,
    *,
    scheme: str = "int8",
    keep_float: tuple[str, ...] = INT8_KEEP_FLOAT,
    out: str | Path | None = None,
    log: Callable[[str], None] | None = None,
) -> Path:
    """Write `model.onnx` for the tagger of `model_dir` (default: the shipped model) and return its path.

    `scheme` is "float32" or "int8" (dynamic int8 matrix products; `keep_float` names the parts
    left in float: qkv, attn_out, ffn_in, ffn_out, classifier). The file goes into `out` when
    given, else into `model_dir`, whose `numcheck.json` then records it under "onnx".

    >>> # export_onnx("models/shipped", scheme="int8")
    """
    import numpy as np

    from numcheck.models.encoder import read_config
    from numcheck.models.io import META_FILE, SHIPPED_DIR, file_sha256, load_tagger, read_meta

    say = log or (lambda _msg: None)
    if scheme not in ONNX_SCHEMES:
        raise ModelError(None, f"the ONNX scheme must be one of {', '.join(ONNX_SCHEMES)}, got {scheme!r}")
    if unknown := [p for p in keep_float if p not in FLOAT_PARTS]:
        raise ModelError(None, f"the parts kept in float must be among {', '.join(FLOAT_PARTS)}, got {', '.join(unknown)}")
    model_dir = Path(model_dir) if model_dir is not None else SHIPPED_DIR
    target = Path(out) if out is not None else model_dir / ONNX_FILE
    from numcheck.models.relations import load_branch

    tagger, tokenizer, meta = load_tagger(model_dir)
    branch = load_branch(model_dir, tagger)
    cfg = read_config(model_dir)
    with tempfile.TemporaryDirectory() as tmp:
        raw, fused, small = Path(tmp) / "raw.onnx", Path(tmp) / "fused.onnx", Path(tmp) / "small.onnx"
        _trace(tagger, branch, raw)
        fusions = _fuse(raw, fused, cfg)
        say(f"traced {'with' if branch is not None else 'without'} the relation branch, fused: {fusions}")
        kept: list[str] = []
        if scheme == "int8":
            quant = Path(tmp) / "int8.onnx"
            kept = _quantize(fused, quant, lambda name: _roles(name) in keep_float)
            fused = quant
            say(f"int8 except {', '.join(keep_float) or 'nothing'} ({len(kept)} nodes in float)")
        halved = _store_half(fused, small)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(small.read_bytes())
    parity, cosine = onnx_parity(target, tagger, tokenizer, branch=branch,
                                 max_length=int(meta.get("training_config", {}).get("max_length", 128)))
    say(f"wrote {target} ({target.stat().st_size / 2**20:.1f} MiB); largest logit difference from torch {parity:.2e}, "
        f"smallest cosine of a relation-state token vector {cosine:.5f}")
    record = {
        "file": target.name, "sha256": file_sha256(target), "scheme": scheme, "keep_float": list(keep_float) if scheme == "int8" else [],
        "opset": OPSET, "fusions": fusions, "float16_stored": halved, "max_abs_logit_diff": float(np.float32(parity)),
        "outputs": list(ONNX_OUTPUTS if branch is not None else ONNX_OUTPUTS[:2]),
        "relation_branch": _branch_record(model_dir) if branch is not None else None,
        "min_relation_cosine": round(cosine, 6),
        "written_with": _versions(),
    }
    if out is None or target.parent.resolve() == model_dir.resolve():
        meta = read_meta(model_dir)
        meta["onnx"] = record
        (model_dir / META_FILE).write_text(json.dumps(meta, indent=2, default=str) + "\n")
    return target


def onnx_parity(path: Path, tagger: Any, tokenizer: Any, *, branch: Any = None, max_length: int = 128) -> tuple[float, float]:
    """How far the ONNX file is from torch on `PARITY_SENTENCES` (real tokens only): the largest
    absolute difference of the tag logits, and the smallest cosine between the relation stage's
    token vectors (the branch's when there is one, else the last layer's).

    >>> # onnx_parity(Path("models/shipped/model.onnx"), *load_tagger()[:2])
    """
    import numpy as np
    import torch

    from numcheck.models.runtime import OnnxTagger

    rows = [tokenizer.windows(s, max_length=max_length, stride=0)[0][0] for s in PARITY_SENTENCES]
    width = max(map(len, rows))
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = 1
    got, got_states = OnnxTagger(path, threads=1)(ids, mask, states=True)
    with torch.inference_mode():
        ids_t, mask_t = torch.from_numpy(ids), torch.from_numpy(mask)
        want = tagger(ids_t, mask_t).numpy()
        if branch is None:
            want_states = tagger.encode(ids_t, mask_t).numpy()
        else:
            layers = len(tagger.bert.encoder.layer) - 1
            want_states = branch(tagger.encode(ids_t, mask_t, layers=layers), mask_t).numpy()
    real = mask.astype(bool)
    return float(np.abs(got[real] - want[real]).max()), float(token_cosines(got_states[real], want_states[real]).min())


def token_cosines(a: Any, b: Any) -> Any:
    """Row-wise cosine similarity of two `(tokens, hidden)` arrays, in float32.

    >>> import numpy as np
    >>> token_cosines(np.array([[1.0, 0.0], [1.0, 1.0]]), np.array([[2.0, 0.0], [1.0, -1.0]])).tolist()
    [1.0, 0.0]
    """
    import numpy as np

    u, v = np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)
    return (u * v).sum(-1) / (np.linalg.norm(u, axis=-1) * np.linalg.norm(v, axis=-1) + 1e-12)


def _branch_record(model_dir: Path) -> dict[str, str | None]:
    """Which relation branch went into the export (its weights' hash, `branch_sha256`), so an
    export made before the branch was retrained can be told apart; a head retrained on the same
    frozen branch keeps its export."""
    from numcheck.models.relations import WEIGHTS_FILE, branch_sha256

    return {"file": WEIGHTS_FILE, "branch_sha256": branch_sha256(model_dir)}


def _versions() -> dict[str, str]:
    import onnx
    import onnxruntime
    import torch

    return {"torch": torch.__version__, "onnx": onnx.__version__, "onnxruntime": onnxruntime.__version__}
