"""A small span scorer for training runs (exact offsets), so a model directory carries its own figures.

The official metrics and reports live in `numcheck.eval`; this one measures what training
needs: span P/R/F1 ignoring kind (untyped) and with kind (typed, "strict"), per kind, and value
accuracy on matched spans. Gold spans of kind ANY count for the untyped scores only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from numcheck.models.labels import KINDS
from numcheck.schema import Quantity, load_documents


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": n_gold}


def _kind(q: Quantity) -> str:
    return str(getattr(q.kind, "value", q.kind))


def _same_value(a: Any, b: Any) -> bool:
    try:
        fa, fb = float(a), float(b)
    except (TypeError, ValueError):
        return str(a).strip().lower() == str(b).strip().lower()
    return math.isclose(fa, fb, rel_tol=1e-6, abs_tol=1e-9)


def score_spans(gold: Sequence[Sequence[Quantity]], pred: Sequence[Sequence[Quantity]]) -> dict[str, Any]:
    """Exact-offset span scores of `pred` against `gold`, document by document.

    >>> g = [[Quantity(id="q1", start=0, end=2, text="12", kind="COUNT", value=12)]]
    >>> p = [[Quantity(id="q1", start=0, end=2, text="12", kind="DATE", value=12)]]
    >>> s = score_spans(g, p); s["untyped"]["f1"], s["typed"]["f1"], s["value_accuracy"]
    (1.0, 0.0, 1.0)
    """
    tp_u = tp_t = n_gold = n_pred = n_gold_typed = n_pred_typed = 0
    per = {k: [0, 0, 0] for k in KINDS}  # tp, pred, gold
    confusion: dict[str, int] = {}
    val_ok = val_n = 0
    errors: list[dict[str, Any]] = []
    for gdoc, pdoc in zip(gold, pred, strict=True):
        gmap = {(q.start, q.end): q for q in gdoc}
        pmap = {(q.start, q.end): q for q in pdoc}
        n_gold += len(gmap)
        n_pred += len(pmap)
        typed_gold = {k: q for k, q in gmap.items() if _kind(q) in KINDS}
        n_gold_typed += len(typed_gold)
        n_pred_typed += len(pmap)
        for q in typed_gold.values():
            per[_kind(q)][2] += 1
        for q in pmap.values():
            if _kind(q) in per:
                per[_kind(q)][1] += 1
        for key, gq in gmap.items():
            pq = pmap.get(key)
            if pq is None:
                errors.append({"type": "missed", "text": gq.text, "kind": _kind(gq)})
                continue
            tp_u += 1
            if _kind(gq) in KINDS:
                if _kind(gq) == _kind(pq):
                    tp_t += 1
                    per[_kind(gq)][0] += 1
                else:
                    pair = f"{_kind(gq)}->{_kind(pq)}"
                    confusion[pair] = confusion.get(pair, 0) + 1
                    errors.append({"type": "kind", "text": gq.text, "gold": _kind(gq), "pred": _kind(pq)})
            if gq.value is not None and _kind(gq) not in ("DATE",):
                val_n += 1
                if _same_value(gq.value, pq.value):
                    val_ok += 1
                else:
                    errors.append({"type": "value", "text": gq.text, "gold": gq.value, "pred": pq.value})
        for key, pq in pmap.items():
            if key not in gmap:
                errors.append({"type": "spurious", "text": pq.text, "kind": _kind(pq)})
    return {
        "untyped": _prf(tp_u, n_pred, n_gold),
        "typed": _prf(tp_t, n_pred_typed, n_gold_typed),
        "per_kind": {k: _prf(v[0], v[1], v[2]) for k, v in per.items()},
        "value_accuracy": round(val_ok / val_n, 4) if val_n else None,
        "value_support": val_n,
        "kind_confusion": dict(sorted(confusion.items(), key=lambda kv: -kv[1])),
        "errors": errors,
    }


def evaluate_extractor(extractor, gold_path: str | Path) -> dict[str, Any]:
    """Run `extractor` on the texts of a gold JSONL and score it.

    >>> # evaluate_extractor(ModelExtractor(), "/work/shared/data/dev.jsonl")["typed"]["f1"]
    """
    docs = load_documents(Path(gold_path))
    pred = extractor.extract([d.text for d in docs])
    out = score_spans([d.quantities for d in docs], pred)
    out["documents"] = len(docs)
    out["gold"] = str(gold_path)
    return out
