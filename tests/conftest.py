"""Shared test helpers: sentences with their figures marked inline, so tests stay literal.

`marked("Police recorded [2,000|COUNT] thefts")` returns the plain text and its quantities,
offsets computed, so a test reads like the sentence it checks.
"""

from __future__ import annotations

import re

import pytest

from numcheck.schema import Document, Quantity

_MARK = re.compile(r"\[([^\]|]+)\|([A-Z]+)(?:\|([^\]]*))?\]")


def marked(source: str) -> tuple[str, list[Quantity]]:
    """Plain text and quantities from a sentence with figures marked `[text|KIND]` or `[text|KIND|unit]`."""
    out, quantities, pos = [], [], 0
    length = 0
    for i, m in enumerate(_MARK.finditer(source), start=1):
        out.append(source[pos : m.start()])
        length += m.start() - pos
        text, kind, unit = m.group(1), m.group(2), m.group(3)
        quantities.append(Quantity(id=f"q{i}", start=length, end=length + len(text), text=text, kind=kind, unit=unit))
        out.append(text)
        length += len(text)
        pos = m.end()
    out.append(source[pos:])
    return "".join(out), quantities


def marked_document(source: str, doc_id: str = "t", **extra: object) -> tuple[Document, list[Quantity]]:
    """A Document and its quantities from a marked sentence."""
    text, qs = marked(source)
    return Document(id=doc_id, text=text, **extra), qs


@pytest.fixture
def mark():
    """The `marked` helper as a fixture."""
    return marked


def random_head(hidden: int, units: int, seed: int) -> tuple[dict[str, object], dict[str, object], object]:
    """Random weights and meta of a relation head (`numcheck.models.relations.RelationModel`) for
    token vectors of `hidden` dimensions, sized on a small document, which is returned too."""
    import numpy as np

    from numcheck.inference.relations import LINKS, anchor_features, build_doc, candidates
    from numcheck.models.relations import FEATURE_VERSION, pair_inputs

    text, qs = marked("[94.4%|PERCENT] or [31,526|COUNT] of the [33,379|COUNT] crimes")
    doc = build_doc(text, qs, None)
    dim, dim_a = pair_inputs(doc, candidates(doc), hidden).shape[1], anchor_features(doc, hidden).shape[1]
    rng = np.random.default_rng(seed)
    shapes = {"p1": (dim, units), "pb1": (units,), "p2": (units, len(LINKS)), "pb2": (len(LINKS),),
              "n1": (dim_a, units), "nb1": (units,), "n2": (units, len(LINKS)), "nb2": (len(LINKS),)}
    weights = {k: rng.normal(size=shape).astype(np.float32) for k, shape in shapes.items()}
    meta = {"feature_version": FEATURE_VERSION, "links": [x.value for x in LINKS], "hidden": hidden,
            "thresholds": {"keep": 0.4, "flag": 0.8}}
    return weights, meta, doc


def save_tiny_tagger(out):
    """A randomly initialised two-layer tagger (torch seed 0) with the shipped tokenizer, saved in
    `out` (a path) and returned: small enough to export and run in a test."""
    import torch

    from numcheck.models.io import build_model, load_tokenizer, save_model

    torch.manual_seed(0)
    model = build_model(tiny={"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 64})
    save_model(model, load_tokenizer(), out, {"training_config": {"max_length": 64}})
    return out
