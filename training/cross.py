"""Training the cross-document match scores: logistic regression over candidate features.

Series (synthetic from `numcheck.training.cross_synth`, or hand-labelled ones restored from
`../shared`) are fed document by document through the real pipeline (extractor, linker,
`describe_document`, `find_candidates`), exactly as `numcheck check --store` runs; each
candidate is labelled by whether a gold cross check names the same figures (spans overlapping,
in order), whatever its verdict. One model per cross kind is fitted on standardised features;
it never sees the arithmetic, so an altered figure is matched as surely as a right one.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from numcheck.inference.cross import (
    CHANGE_FEATURES,
    EQUAL_FEATURES,
    Candidate,
    CrossMatcher,
    MatchScorer,
    arithmetic,
)
from numcheck.schema import CrossKind, Document, DocumentResult, Verdict
from numcheck.store import Store


def label(cand: Candidate, gold: Sequence[dict[str, Any]], spans: dict[tuple[str, str], tuple[int, int]]) -> int:
    """1 when a gold cross check of the candidate's kind names its figures, in order, else 0.

    >>> label(Candidate("equal", (), []), [], {})
    0
    """
    for g in gold:
        if g["kind"] != CrossKind(cand.kind).value:
            continue
        if len(g["quantities"]) != len(cand.figs):
            continue
        ok = True
        for (doc, qid), fig in zip(g["quantities"], cand.figs, strict=True):
            span = spans.get((doc, qid))
            if fig.f.doc_id != doc or span is None or not (span[0] < fig.f.end and fig.f.start < span[1]):
                ok = False
                break
        if ok:
            return 1
    return 0


def collect(series_list: Sequence[dict[str, Any]], check_one: Callable[[Document], DocumentResult],
            make_matcher: Callable[[Path, Callable], CrossMatcher], work: Path) -> dict[str, tuple[list, list]]:
    """Features and labels of every candidate the pipeline proposes on the series, per kind."""
    out: dict[str, tuple[list, list, list]] = {"equal": ([], [], []), "change": ([], [], [])}
    work.mkdir(parents=True, exist_ok=True)
    for si, series in enumerate(series_list):
        spans = {(d["id"], q["id"]): (q["start"], q["end"]) for d in series["documents"] for q in d["quantities"]}
        gold = series.get("cross_checks", [])

        def observe(cands: list[Candidate], gold: Any = gold, spans: Any = spans) -> None:
            for c in cands:
                if c.kind.value not in out:
                    continue  # a running total is scored by the restatement model (`MatchScorer.score`)
                xs, ys, agree = out[c.kind.value]
                xs.append(list(c.features))
                ys.append(label(c, gold, spans))
                # Whether the arithmetic agrees: not a feature, but how often it does for right and
                # for wrong matches turns a score into the probability of a match that agrees.
                agree.append(int(arithmetic(c).verdict is not Verdict.inconsistent))

        path = work / f"train-{si}.db"
        if path.exists():
            path.unlink()
        for d in series["documents"]:
            doc = Document(id=d["id"], text=d["text"], source=d.get("source"))
            matcher = make_matcher(path, observe)
            try:
                matcher.process(check_one(doc))
            finally:
                matcher.store.close()
    return out


#: The direction each feature may push a score: more alike words, the document's own pairing,
#: a fitting period make a match likelier; a larger gap in magnitude, a lower rank, a hedge make
#: it less likely. Synthetic series can teach a weight the other way (their names are drawn at
#: random); such a feature is dropped and the model refitted, so what is learned stays sensible
#: on prose the generator never wrote.
SIGNS = {
    "cos": 1, "jaccard": 1, "unit": 1, "logratio": -1, "period_fit": 1, "place": 1, "rank": -1, "same_kind": 1,
    "publisher": 1, "hedged": -1, "cos_no": 1, "cos_cn": 1, "cos_co": 1, "jac_no": 1, "jac_cn": 1, "partner": 1,
    "same_sentence": 1, "distance": -1, "rank_n": -1, "rank_o": -1, "adjacent": 1, "new_is_pct": 0,
}


def fit(data: dict[str, tuple[list, list]], *, c: float = 1.0) -> dict[str, Any]:
    """One logistic regression per kind on standardised features, as `MatchScorer` reads them,
    with each weight held to its sign in `SIGNS` (a feature whose weight comes out the other way
    is dropped, the most contrary first, and the rest refitted)."""
    from sklearn.linear_model import LogisticRegression

    models = {}
    names = {"equal": EQUAL_FEATURES, "change": CHANGE_FEATURES}
    for kind, (xs, ys, agree) in data.items():
        x, y, a = np.asarray(xs, dtype=np.float64), np.asarray(ys), np.asarray(agree)
        if len(set(y.tolist())) < 2:
            raise ValueError(f"no positive or no negative {kind} candidates to train on ({len(y)} examples)")
        mean, scale = x.mean(0), x.std(0)
        scale[scale == 0] = 1.0
        z = (x - mean) / scale
        active = [i for i in range(x.shape[1]) if x[:, i].std() > 0]
        dropped: list[str] = []
        while True:
            lr = LogisticRegression(C=c, max_iter=2000).fit(z[:, active], y)
            coef = dict(zip(active, lr.coef_[0], strict=True))
            contrary = [(SIGNS.get(names[kind][i], 0) * w, i) for i, w in coef.items() if SIGNS.get(names[kind][i], 0) * w < 0]
            if not contrary:
                break
            worst = min(contrary)[1]
            active.remove(worst)
            dropped.append(names[kind][worst])
        full = [float(coef.get(i, 0.0)) for i in range(x.shape[1])]
        models[kind] = {"features": list(names[kind]), "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
                        "coef": np.round(full, 6).tolist(), "intercept": round(float(lr.intercept_[0]), 6),
                        "examples": int(len(y)), "positives": int(y.sum()), "dropped_for_sign": dropped,
                        # P(arithmetic agrees | right match), P(agrees | wrong match), Laplace-smoothed
                        "agree": [round(float((a[y == 1].sum() + 1) / ((y == 1).sum() + 2)), 4),
                                  round(float((a[y == 0].sum() + 1) / ((y == 0).sum() + 2)), 4)]}
    return models


def calibration(scorer: MatchScorer, data: dict[str, tuple[list, list]], bins: int = 5) -> dict[str, Any]:
    """Brier score and a reliability table (mean score vs share positive per score bin), per kind."""
    out = {}
    for kind, (xs, ys, *_rest) in data.items():
        if not xs:
            continue
        p = scorer.score(kind, np.asarray(xs, dtype=np.float64))
        y = np.asarray(ys, dtype=np.float64)
        table = []
        edges = np.linspace(0, 1, bins + 1)
        for lo, hi in zip(edges[:-1], edges[1:], strict=True):
            m = (p >= lo) & (p < hi if hi < 1 else p <= hi)
            if m.any():
                table.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(m.sum()), "mean_score": round(float(p[m].mean()), 3),
                              "positive": round(float(y[m].mean()), 3)})
        out[kind] = {"brier": round(float(((p - y) ** 2).mean()), 4), "n": int(len(y)), "reliability": table}
    return out


def encoder_center(embedder: Any, phrases: Sequence[str]) -> list[float]:
    """The mean vector of the encoder over measure phrases (see `MatchScorer.center`)."""
    return np.asarray(embedder.embed(list(phrases)), dtype=np.float64).mean(0).round(6).tolist()


def save_scorer(models: dict[str, Any], path: Path, meta: dict[str, Any], *, keep: float = 0.5, flag: float = 0.8,
                alike: float = 0.8, center: list[float] | None = None) -> None:
    """Write the scorer file `MatchScorer.load` reads."""
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"keep": keep, "flag": flag, "alike": alike, "center": center, "models": models, "trained": meta,
            "written": time.strftime("%Y-%m-%d")}
    path.write_text(json.dumps(body, indent=1) + "\n")


def to_json(obj: Any) -> str:
    """Pretty JSON for the training log."""
    return json.dumps(obj, indent=1)


def cached_checker(extractor: Any, cache: Path | None) -> Callable[[Document], DocumentResult]:
    """`check_documents` on one document, its result kept in `cache` (by text hash) when given:
    training and evaluation re-read the same synthetic documents many times."""
    import hashlib

    from numcheck.pipeline import check_documents

    def check_one(doc: Document) -> DocumentResult:
        if cache is None:
            return check_documents([doc], extractor)[0]
        key = hashlib.sha256(f"{extractor.name}\n{doc.id}\n{doc.text}".encode()).hexdigest()[:32]
        path = cache / f"{key}.json"
        if path.exists():
            return DocumentResult.model_validate_json(path.read_text())
        result = check_documents([doc], extractor)[0]
        cache.mkdir(parents=True, exist_ok=True)
        path.write_text(result.model_dump_json())
        return result

    return check_one


def open_matcher(embedder: Any, scorer: MatchScorer) -> Callable[[Path, Callable], CrossMatcher]:
    """A factory of matchers on a store path, each as a new run would open it."""
    return lambda path, observe: CrossMatcher(Store(path), embedder, scorer, observe=observe)
