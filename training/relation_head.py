"""Training the relation branch and head together (torch), on the tagger's shared layers.

The tagger's encoder is shared up to its last layer; the relation branch is a copy of that last
layer (`numcheck.models.encoder.RelationBranch`) trained for relations, so the tagger stays as
it was. The shared layers' output is computed once per document (`ModelExtractor.shared_windows`)
and kept; each step then runs the branch on a document's windows, merges them as inference does
(each token from the window where it is most central), pools the figures' vectors as
`numcheck.inference.relations.vector_features` does, and scores pairs and anchors.

The loss is the anchor-conditioned one the head is read with (`anchor_softmax`): for each figure
and link, the cross-entropy of choosing its gold partner among its candidates, or "none" when it
has no partner; `pct_sibling` pairs are judged one by one (binary cross-entropy).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch
from torch import nn

from numcheck.inference.extractor import TokenStates
from numcheck.inference.relations import (
    INDEPENDENT,
    LINKS,
    anchor_flags,
    build_doc,
    candidates,
    simple_feature_rows,
    word_feature_rows,
)
from numcheck.schema import Quantity
from numcheck.training.relation_data import distant_labels, gold_links, labelled_pairs

Windows = list[tuple[int, np.ndarray, np.ndarray]]
_INDEPENDENT = [LINKS.index(x) for x in INDEPENDENT]


class RelationTrainer(nn.Module):
    """The branch, the pair network and the none network, as trained."""

    def __init__(self, branch: nn.Module, hidden: int, pair_extra: int, anchor_extra: int, units: int, dropout: float) -> None:
        super().__init__()
        self.branch = branch
        self.hidden = hidden
        self.pair = nn.Sequential(nn.Dropout(dropout), nn.Linear(6 * hidden + pair_extra, units), nn.ReLU(),
                                  nn.Dropout(dropout), nn.Linear(units, len(LINKS)))
        self.none = nn.Sequential(nn.Dropout(dropout), nn.Linear(2 * hidden + anchor_extra, 64), nn.ReLU(),
                                  nn.Linear(64, len(LINKS)))

    def states(self, wins: Windows) -> tuple[np.ndarray, torch.Tensor]:
        """Token offsets and branch vectors of a document, merged over its windows as inference does."""
        return branch_states(self.branch, self.hidden, wins)


def branch_states(branch: nn.Module, hidden: int, wins: Windows) -> tuple[np.ndarray, torch.Tensor]:
    """Token offsets and `branch`'s vectors of a document, each token's from the window where it is
    most central (as inference merges them)."""
    outs = []
    for _start, _off, shared in wins:
        x = torch.tensor(shared, dtype=torch.float32)[None]
        outs.append(branch(x, torch.ones(1, x.shape[1], dtype=torch.long))[0])
    best: dict[tuple[int, int], tuple[int, int, int]] = {}
    for wi, (start, off, _shared) in enumerate(wins):
        content = [i for i, (s, e) in enumerate(off) if e > s]
        if not content:
            continue
        first, last = content[0], content[-1]
        for i in content:
            key = (int(off[i][0]) + start, int(off[i][1]) + start)
            c = min(i - first, last - i)
            if key not in best or c > best[key][0]:
                best[key] = (c, wi, i)
    keys = sorted(best)
    if not keys:
        return np.zeros((0, 2), dtype=np.int64), torch.zeros(0, hidden)
    return np.asarray(keys, dtype=np.int64), torch.stack([outs[best[k][1]][best[k][2]] for k in keys])


def freeze_branch(branch: nn.Module, hidden: int, items: Sequence[dict[str, Any]]) -> None:
    """Keep `branch` as it is: no gradient reaches it, and each item's vectors are computed once
    (`frozen`), so training the head alone reads no layer per step."""
    branch.eval()
    for p in branch.parameters():
        p.requires_grad_(False)
    with torch.no_grad():
        for it in items:
            it["frozen"] = branch_states(branch, hidden, it["wins"])


def merge_heads(heads: Sequence[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Heads (`numpy_weights`) reading one branch, as one head whose logits are the mean of theirs:
    their hidden layers side by side, the output layer's rows scaled by 1/len(heads).

    >>> a = {"p1": np.eye(2), "pb1": np.zeros(2), "p2": np.ones((2, 1)), "pb2": np.zeros(1),
    ...      "n1": np.eye(2), "nb1": np.zeros(2), "n2": np.ones((2, 1)), "nb2": np.ones(1)}
    >>> b = {k: 3 * v for k, v in a.items()}
    >>> m = merge_heads([a, b])
    >>> m["p1"].shape, m["p2"].shape, m["nb2"].tolist()
    ((2, 4), (4, 1), [2.0])
    """
    out = {k: v for k, v in heads[0].items() if k.startswith("branch.")}
    for h in heads[1:]:
        mine = {k: v for k, v in h.items() if k.startswith("branch.")}
        if mine.keys() != out.keys() or any(not np.array_equal(v, out[k]) for k, v in mine.items()):
            raise ValueError("merged heads must read one branch")
    for net in ("p", "n"):
        out[f"{net}1"] = np.concatenate([h[f"{net}1"] for h in heads], axis=1)
        out[f"{net}b1"] = np.concatenate([h[f"{net}b1"] for h in heads])
        out[f"{net}2"] = np.concatenate([h[f"{net}2"] for h in heads], axis=0) / len(heads)
        out[f"{net}b2"] = np.mean([h[f"{net}b2"] for h in heads], axis=0)
    return out


def token_states(model: RelationTrainer, wins: Windows) -> TokenStates:
    """The `TokenStates` inference would give from these windows with the trained branch."""
    with torch.no_grad():
        off, vecs = model.states(wins)
    return TokenStates(off, vecs.numpy().astype(np.float16))


def _pool(off: np.ndarray, vecs: torch.Tensor, s: int, e: int) -> torch.Tensor | None:
    if not len(off) or e <= s:
        return None
    lo = int(np.searchsorted(off[:, 1], s, side="right"))
    hi = int(np.searchsorted(off[:, 0], e, side="left"))
    return vecs[lo:hi].mean(0) if hi > lo else None


def torch_features(doc: Any, pairs: Sequence[Any], off: np.ndarray, vecs: torch.Tensor, hidden: int
                   ) -> tuple[torch.Tensor, torch.Tensor]:
    """The vector parts of `vector_features` (pairs) and `anchor_features` (figures), in torch."""
    zero = torch.zeros(hidden)
    cache: dict[tuple[int, int], torch.Tensor] = {}

    def pool(s: int, e: int) -> torch.Tensor:
        if (s, e) not in cache:
            v = _pool(off, vecs, s, e)
            cache[(s, e)] = zero if v is None else v
        return cache[(s, e)]

    def after(q: Quantity) -> torch.Tensor:
        lo = int(np.searchsorted(off[:, 0], q.end, side="left")) if len(off) else 0
        if lo >= len(off):
            return zero
        hi = min(len(off), lo + 3)
        return pool(int(off[lo, 0]), int(off[hi - 1, 1]))

    rows = []
    for p in pairs:
        qa, qb = doc.figures[p.a].quantity, doc.figures[p.b].quantity
        va, vb = pool(qa.start, qa.end), pool(qb.start, qb.end)
        lo, hi = (qa.end, qb.start) if qa.start < qb.start else (qb.end, qa.start)
        rows.append(torch.cat([va, vb, va * vb, pool(lo, hi), after(qa), after(qb)]))
    anchors = [torch.cat([pool(f.quantity.start, f.quantity.end), after(f.quantity)]) for f in doc.figures]
    return torch.stack(rows), torch.stack(anchors)


def doc_item(d: dict[str, Any], wins: Windows, hidden: int, words: bool, *, distant: bool = False
             ) -> dict[str, Any] | None:
    """A labelled document ready for training: candidates, labels, masks, extra features, windows.

    `distant`: the labels come from arithmetic matches among the document's figures
    (`distant_labels`), not from its checks; None when it holds none.
    """
    qs = [Quantity.model_validate(q) for q in d["quantities"]]
    doc = build_doc(d["text"], qs, None)
    pairs = candidates(doc)
    if not pairs:
        return None
    if distant:
        found = distant_labels(doc, pairs)
        if found is None:
            return None
        y, m, _ = found
    else:
        y, m = labelled_pairs(doc, pairs, gold_links(doc, d.get("checks", [])))
    extra = [simple_feature_rows(doc, pairs)]
    if words:
        extra.append(word_feature_rows(doc, pairs))
    return {"doc": doc, "pairs": pairs, "y": torch.tensor(y), "m": torch.tensor(m),
            "a": torch.tensor([p.a for p in pairs]), "xe": torch.tensor(np.concatenate(extra, axis=1)),
            "xa": torch.tensor(anchor_flags(doc)), "wins": wins}


def doc_loss(model: RelationTrainer, item: dict[str, Any]) -> torch.Tensor:
    """The anchor-conditioned loss of one document (summed over its anchors and links)."""
    off, vecs = item["frozen"] if "frozen" in item else model.states(item["wins"])
    xp, xa = torch_features(item["doc"], item["pairs"], off, vecs, model.hidden)
    lp = model.pair(torch.cat([xp, item["xe"]], dim=1))
    ln = model.none(torch.cat([xa, item["xa"]], dim=1))
    y, m, a = item["y"], item["m"], item["a"]
    loss = torch.zeros(())
    for k in range(len(LINKS)):
        sel = m[:, k] > 0
        if not sel.any():
            continue
        if k in _INDEPENDENT:
            loss = loss + 0.5 * nn.functional.binary_cross_entropy_with_logits(lp[sel, k], y[sel, k], reduction="sum")
            continue
        rows = torch.nonzero(sel).squeeze(1)
        uniq, inv = torch.unique(a[rows], return_inverse=True)
        logits = torch.cat([lp[rows, k], ln[uniq, k]])
        group = torch.cat([inv, torch.arange(len(uniq))])
        is_pos = y[rows, k] > 0
        has_pos = torch.zeros(len(uniq), dtype=torch.bool).index_fill_(0, inv[is_pos], True)
        target = torch.cat([is_pos, ~has_pos])
        top = torch.full((len(uniq),), -1e9).scatter_reduce(0, group, logits.detach(), "amax")
        e = torch.exp(logits - top[group])
        total = torch.zeros(len(uniq)).index_add(0, group, e)
        right = torch.zeros(len(uniq)).index_add(0, group, e * target)
        loss = loss + (torch.log(total) - torch.log(right + 1e-12)).sum()
    return loss


def train(items: Sequence[dict[str, Any]], val_items: Sequence[dict[str, Any]], branch: nn.Module, hidden: int, *,
          units: int, dropout: float, epochs: int, patience: int, docs_per_step: int, learning_rate: float,
          branch_learning_rate: float, weight_decay: float, seed: int, log: Callable[[str], None]
          ) -> tuple[RelationTrainer, dict[str, Any]]:
    """Fit the branch (unless frozen) and both networks, keeping the epoch with the lowest validation loss."""
    torch.manual_seed(seed)
    torch.set_num_threads(1)  # small matrices: spinning threads cost more than they give on a busy machine
    model = RelationTrainer(branch, hidden, items[0]["xe"].shape[1], items[0]["xa"].shape[1], units, dropout)
    groups = [{"params": [*model.pair.parameters(), *model.none.parameters()], "lr": learning_rate}]
    trainable = [p for p in model.branch.parameters() if p.requires_grad]
    if trainable:  # a frozen branch (`freeze_branch`) is read from each item's vectors instead
        groups.append({"params": trainable, "lr": branch_learning_rate})
    opt = torch.optim.AdamW(groups, weight_decay=weight_decay)
    rng = np.random.default_rng(seed)
    best: tuple[float, dict[str, Any] | None, int] = (float("inf"), None, -1)
    t0 = time.time()
    for epoch in range(epochs):
        model.train()
        order = rng.permutation(len(items))
        total = 0.0
        for k in range(0, len(order), docs_per_step):
            loss = sum(doc_loss(model, items[i]) * items[i].get("weight", 1.0)
                       for i in order[k : k + docs_per_step]) / docs_per_step
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach())
        model.eval()
        with torch.no_grad():
            vloss = sum(float(doc_loss(model, it)) for it in val_items) / max(1, len(val_items))
        if vloss < best[0]:
            best = (vloss, copy.deepcopy(model.state_dict()), epoch)
        log(f"epoch {epoch + 1}: training loss {total / max(1, len(order) / docs_per_step):.3f}, "
            f"validation loss {vloss:.3f} ({time.time() - t0:.0f} s)")
        if epoch - best[2] >= patience:
            break
    assert best[1] is not None
    model.load_state_dict(best[1])
    model.eval()
    return model, {"validation_loss": round(best[0], 4), "best_epoch": best[2] + 1, "seconds": round(time.time() - t0, 1)}


def numpy_weights(model: RelationTrainer) -> dict[str, np.ndarray]:
    """The weights `numcheck.models.relations.RelationModel` reads (the branch under `branch.`)."""
    sd = model.state_dict()
    out = {"p1": sd["pair.1.weight"].numpy().T.copy(), "pb1": sd["pair.1.bias"].numpy(),
           "p2": sd["pair.4.weight"].numpy().T.copy(), "pb2": sd["pair.4.bias"].numpy(),
           "n1": sd["none.1.weight"].numpy().T.copy(), "nb1": sd["none.1.bias"].numpy(),
           "n2": sd["none.3.weight"].numpy().T.copy(), "nb2": sd["none.3.bias"].numpy()}
    for k, v in model.branch.state_dict().items():
        out[f"branch.{k}"] = v.numpy().copy()
    return out
