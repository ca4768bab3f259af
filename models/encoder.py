"""The token tagger for inference, in plain torch: no transformers import on the way to a prediction.

`BertTagger` computes what transformers' `BertForTokenClassification` computes in eval mode
(absolute position embeddings, post-layer-norm blocks, erf GELU, a linear tag head), from the
same `config.json` and state-dict names, so a directory written by `numcheck train` loads into
either. Importing transformers' BERT costs about 2.4 s of a 5 s cold start on the 2-core
machine (it pulls in torch._dynamo, generation and distributed code); this module needs torch
alone. Training still uses transformers; `tests/models/test_encoder.py` holds the two to the
same logits.

`WindowTokenizer` (in `numcheck.models.tokenizer`, torch-free, re-exported here) is the matching
tokenizer.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.nn import functional as F

from numcheck.models.tokenizer import WindowTokenizer  # noqa: F401 - re-exported: it lived here

#: The config.json fields the tagger reads, with BERT's defaults.
_DEFAULTS = {"hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12, "intermediate_size": 3072,
             "max_position_embeddings": 512, "type_vocab_size": 2, "layer_norm_eps": 1e-12, "hidden_act": "gelu",
             "vocab_size": 30522, "pad_token_id": 0, "position_embedding_type": "absolute"}


def read_config(path: str | Path) -> dict[str, Any]:
    """The fields of a model directory's `config.json` that shape the tagger, defaults filled in.

    >>> cfg = read_config(Path(__file__).parent / "shipped")
    >>> cfg["hidden_size"], cfg["num_labels"]
    (384, 17)
    """
    raw = json.loads((Path(path) / "config.json").read_text())
    cfg = {k: raw.get(k, v) for k, v in _DEFAULTS.items()}
    cfg["num_labels"] = len(raw.get("id2label") or {}) or raw.get("num_labels", 2)
    if cfg["hidden_act"] != "gelu" or cfg["position_embedding_type"] != "absolute":
        from numcheck.errors import ModelError

        raise ModelError(None, f"{path}: only BERT with gelu and absolute positions is supported, got "
                         f"{cfg['hidden_act']} and {cfg['position_embedding_type']}", "train the model with numcheck train")
    return cfg


class _Embeddings(nn.Module):
    def __init__(self, cfg: dict[str, Any]) -> None:
        super().__init__()
        h = cfg["hidden_size"]
        self.word_embeddings = nn.Embedding(cfg["vocab_size"], h, padding_idx=cfg["pad_token_id"])
        self.position_embeddings = nn.Embedding(cfg["max_position_embeddings"], h)
        self.token_type_embeddings = nn.Embedding(cfg["type_vocab_size"], h)
        self.LayerNorm = nn.LayerNorm(h, eps=cfg["layer_norm_eps"])

    def forward(self, input_ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        x = self.word_embeddings(input_ids) + self.position_embeddings(positions)[None] + self.token_type_embeddings.weight[0]
        return self.LayerNorm(x)


class _Dense(nn.Module):
    """A linear layer followed by the residual add and layer norm (BERT's "output" blocks)."""

    def __init__(self, n_in: int, n_out: int, eps: float) -> None:
        super().__init__()
        self.dense = nn.Linear(n_in, n_out)
        self.LayerNorm = nn.LayerNorm(n_out, eps=eps)

    def forward(self, x: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dense(x) + residual)


class _SelfAttention(nn.Module):
    def __init__(self, cfg: dict[str, Any]) -> None:
        super().__init__()
        h = cfg["hidden_size"]
        self.heads = cfg["num_attention_heads"]
        self.query, self.key, self.value = nn.Linear(h, h), nn.Linear(h, h), nn.Linear(h, h)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        split = lambda y: y.view(b, t, self.heads, h // self.heads).transpose(1, 2)  # noqa: E731
        out = F.scaled_dot_product_attention(split(self.query(x)), split(self.key(x)), split(self.value(x)),
                                             attn_mask=mask, scale=1.0 / math.sqrt(h // self.heads))
        return out.transpose(1, 2).reshape(b, t, h)


class _Attention(nn.Module):
    def __init__(self, cfg: dict[str, Any]) -> None:
        super().__init__()
        self.self = _SelfAttention(cfg)
        self.output = _Dense(cfg["hidden_size"], cfg["hidden_size"], cfg["layer_norm_eps"])

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.output(self.self(x, mask), x)


class _Intermediate(nn.Module):
    def __init__(self, cfg: dict[str, Any]) -> None:
        super().__init__()
        self.dense = nn.Linear(cfg["hidden_size"], cfg["intermediate_size"])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.dense(x))


class _Layer(nn.Module):
    def __init__(self, cfg: dict[str, Any]) -> None:
        super().__init__()
        self.attention = _Attention(cfg)
        self.intermediate = _Intermediate(cfg)
        self.output = _Dense(cfg["intermediate_size"], cfg["hidden_size"], cfg["layer_norm_eps"])

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        a = self.attention(x, mask)
        return self.output(self.intermediate(a), a)


class _Encoder(nn.Module):
    def __init__(self, cfg: dict[str, Any]) -> None:
        super().__init__()
        self.layer = nn.ModuleList(_Layer(cfg) for _ in range(cfg["num_hidden_layers"]))


class _Bert(nn.Module):
    def __init__(self, cfg: dict[str, Any]) -> None:
        super().__init__()
        self.embeddings = _Embeddings(cfg)
        self.encoder = _Encoder(cfg)


class RelationBranch(nn.Module):
    """The relation head's own copy of the encoder's last layer: it reads the output of the layers
    below it, shared with the tagger, so the tagger's vectors and the relation vectors come from
    one pass (one layer more), and training it for relations leaves the tagger as it is.

    >>> cfg = {**_DEFAULTS, "hidden_size": 8, "num_hidden_layers": 1, "num_attention_heads": 2,
    ...        "intermediate_size": 16, "vocab_size": 20, "num_labels": 3}
    >>> RelationBranch(cfg)(torch.zeros(1, 3, 8), torch.tensor([[1, 1, 0]])).shape
    torch.Size([1, 3, 8])
    """

    def __init__(self, cfg: dict[str, Any]) -> None:
        super().__init__()
        self.layer = _Layer(cfg)

    def forward(self, x: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """The branch's token vectors from the shared layers' output."""
        return self.layer(x, attention_mask.bool()[:, None, None, :])


class BertTagger(nn.Module):
    """BERT with a token-classification head; parameter names as in transformers.

    >>> cfg = {**_DEFAULTS, "hidden_size": 8, "num_hidden_layers": 1, "num_attention_heads": 2,
    ...        "intermediate_size": 16, "vocab_size": 20, "num_labels": 3}
    >>> BertTagger(cfg)(torch.tensor([[1, 2, 0]]), torch.tensor([[1, 1, 0]])).shape
    torch.Size([1, 3, 3])
    """

    def __init__(self, cfg: dict[str, Any]) -> None:
        super().__init__()
        self.bert = _Bert(cfg)
        self.classifier = nn.Linear(cfg["hidden_size"], cfg["num_labels"])

    def encode(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, layers: int | None = None) -> torch.Tensor:
        """Token vectors after the first `layers` layers (all by default), shape (batch, tokens, hidden)."""
        mask = attention_mask.bool()[:, None, None, :]
        x = self.bert.embeddings(input_ids)
        for layer in self.bert.encoder.layer[:layers]:
            x = layer(x, mask)
        return x

    def top(self, x: torch.Tensor, attention_mask: torch.Tensor, layers: int) -> torch.Tensor:
        """The layers after the first `layers` applied to their output `x`."""
        mask = attention_mask.bool()[:, None, None, :]
        for layer in self.bert.encoder.layer[layers:]:
            x = layer(x, mask)
        return x

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Tag logits, shape (batch, tokens, labels); padded positions hold meaningless values."""
        return self.classifier(self.encode(input_ids, attention_mask))
