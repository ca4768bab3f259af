"""Scoring checks across documents against a series file (spec/cross-format.md).

Each series is fed as a journalist would: one document per run, oldest first, into a store of
its own, and the cross checks the runs report are compared with the series' gold by offsets
alone: a gold check is found when a reported check of the same kind names, in the same order,
figures of the same documents whose spans overlap the gold spans; it is found with the right
verdict when the verdicts agree too. A reported `inconsistent` is a flag; it is right when it
is a gold `inconsistent` check found so.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from numcheck.schema import CrossCheck, Document, DocumentResult, Verdict


@dataclass
class CrossScore:
    """What a set of series scored: counts and the ratios the issue names."""

    series: int = 0
    documents: int = 0
    gold: int = 0
    found: int = 0
    found_right: int = 0
    gold_inconsistent: int = 0
    flagged_right: int = 0
    flags: int = 0
    reported: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    wrong_flags: list[dict[str, Any]] = field(default_factory=list)

    @property
    def right_rate(self) -> float:
        """Gold cross checks found with the right verdict, over all gold cross checks."""
        return self.found_right / self.gold if self.gold else 0.0

    @property
    def flag_recall(self) -> float:
        """Gold inconsistent cross checks flagged, over all of them."""
        return self.flagged_right / self.gold_inconsistent if self.gold_inconsistent else 0.0

    @property
    def flag_precision(self) -> float:
        """Flags that are gold inconsistent checks, over all flags (1 when nothing is flagged)."""
        return self.flagged_right / self.flags if self.flags else 1.0

    def as_dict(self) -> dict[str, Any]:
        """The figures, for metrics.json (misses and wrong flags listed by ids only)."""
        return {
            "series": self.series, "documents": self.documents, "gold_cross_checks": self.gold,
            "found": self.found, "found_right_verdict": self.found_right, "right_rate": round(self.right_rate, 4),
            "gold_inconsistent": self.gold_inconsistent, "flagged_right": self.flagged_right, "flags": self.flags,
            "flag_recall": round(self.flag_recall, 4), "flag_precision": round(self.flag_precision, 4),
            "reported": self.reported, "misses": self.misses, "wrong_flags": self.wrong_flags,
        }


def load_series(path: str | Path) -> list[dict[str, Any]]:
    """The series of a JSONL file, one per line.

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "s.jsonl"
    >>> _ = p.write_text('{"id": "s", "documents": [], "cross_checks": []}\\n')
    >>> [s["id"] for s in load_series(p)]
    ['s']
    """
    out = []
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            obj = json.loads(line)
            if not isinstance(obj, dict) or "documents" not in obj:
                raise ValueError(f"{path}:{lineno}: a series needs 'documents' (spec/cross-format.md)")
            out.append(obj)
    return out


def run_series(series: dict[str, Any], check_one: Any, make_matcher: Any, store_dir: Path | None = None) -> list[DocumentResult]:
    """Feed a series' documents one per run, oldest first (the file's order), into a fresh store.

    `check_one(Document) -> DocumentResult` checks a document on its own; `make_matcher(store
    path)` opens the store as a new run would and returns a `CrossMatcher`.
    """
    tmp = tempfile.TemporaryDirectory() if store_dir is None else None
    root = Path(tmp.name) if tmp else Path(store_dir)  # type: ignore[union-attr]
    path = root / f"{_safe(series.get('id', 'series'))}.db"
    results = []
    try:
        for d in series["documents"]:
            doc = Document(id=d["id"], text=d["text"], source=d.get("source"), reference=d.get("reference"))
            matcher = make_matcher(path)
            try:
                results.append(matcher.process(check_one(doc)))
            finally:
                matcher.store.close()
    finally:
        if tmp:
            tmp.cleanup()
    return results


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name)[:80]


def _spans(series: dict[str, Any]) -> dict[tuple[str, str], tuple[int, int]]:
    return {(d["id"], q["id"]): (q["start"], q["end"]) for d in series["documents"] for q in d.get("quantities", [])}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _matches(gold: dict[str, Any], pred: CrossCheck, spans: dict[tuple[str, str], tuple[int, int]]) -> bool:
    if pred.kind.value != gold["kind"] or len(pred.quantities) != len(gold["quantities"]):
        return False
    for g, p in zip(gold["quantities"], pred.quantities, strict=True):
        if g is None or p is None:
            if g is not p and not (g is None and p is None):
                return False
            continue
        doc, qid = g
        if p.doc != doc or (doc, qid) not in spans or not _overlap(spans[(doc, qid)], (p.start, p.end)):
            return False
    return True


def score_series(series_list: Sequence[dict[str, Any]], results: Sequence[Sequence[DocumentResult]]) -> CrossScore:
    """Score each series' reported cross checks against its gold (see the module docstring)."""
    score = CrossScore()
    for series, res in zip(series_list, results, strict=True):
        score.series += 1
        score.documents += len(series["documents"])
        spans = _spans(series)
        preds = [c for r in res for c in r.cross_checks]
        score.reported += len(preds)
        used: set[int] = set()
        flagged_gold: set[int] = set()
        for gi, g in enumerate(series.get("cross_checks", [])):
            score.gold += 1
            inconsistent = g["verdict"] == Verdict.inconsistent.value
            score.gold_inconsistent += inconsistent
            hits = [i for i, p in enumerate(preds) if _matches(g, p, spans)]
            if hits:
                score.found += 1
            right = [i for i in hits if preds[i].verdict.value == g["verdict"]]
            if right:
                score.found_right += 1
                used.add(right[0])
                if inconsistent:
                    score.flagged_right += 1
                    flagged_gold.add(right[0])
            else:
                score.misses.append({"series": series["id"], "gold": gi, "kind": g["kind"], "verdict": g["verdict"],
                                     "reported": [preds[i].verdict.value for i in hits]})
        for i, p in enumerate(preds):
            if p.verdict is Verdict.inconsistent:
                score.flags += 1
                if i not in flagged_gold:
                    score.wrong_flags.append({"series": series["id"], "kind": p.kind.value,
                                              "quantities": [f"{q.doc}#{q.id}" for q in p.quantities if q]})
    return score


def run_cross_eval(path: Path, *, out: Path, extractor: str = "model", model_path: Path | None = None,
                   min_right: float | None = None, console: Any = None, scorer_path: Path | None = None) -> int:
    """`numcheck eval --cross FILE`: score cross checks on a series file and write `cross-metrics.json`.

    Returns 1 when `min_right` is given and missed, else 0.
    """
    from numcheck.errors import InputError
    from numcheck.inference.cross import CrossMatcher, MatchScorer, default_embedder
    from numcheck.pipeline import check_documents
    from numcheck.runner import make_extractor
    from numcheck.config import CheckConfig
    from numcheck.store import Store

    try:
        series = load_series(path)
    except (OSError, ValueError) as exc:
        raise InputError("E_INPUT", f"--cross {path} cannot be read: {exc}", "pass a series JSONL (spec/cross-format.md)") from None
    ext = make_extractor(CheckConfig(paths=["-"], extractor=extractor, model_path=model_path))
    embedder = default_embedder(model_path, ext)
    scorer = MatchScorer.load(scorer_path)
    gold_docs = {d["id"]: d for s in series for d in s["documents"]}

    def check_one(doc: Document) -> DocumentResult:
        if ext is None:  # --extractor gold: the series' own figures
            doc = Document.model_validate(gold_docs[doc.id])
        return check_documents([doc], ext)[0]

    results = [run_series(s, check_one, lambda p: CrossMatcher(Store(p), embedder, scorer)) for s in series]
    score = score_series(series, results)
    out.mkdir(parents=True, exist_ok=True)
    metrics = {"series_file": str(path), "extractor": extractor, **score.as_dict()}
    (out / "cross-metrics.json").write_text(json.dumps(metrics, indent=1, ensure_ascii=False) + "\n")
    if console is not None:
        from rich.text import Text

        console.print(Text(
            f"cross checks ({path.name}): {score.found_right}/{score.gold} found with the right verdict "
            f"({score.right_rate:.3f}); inconsistent flagged {score.flagged_right}/{score.gold_inconsistent}; "
            f"flags {score.flags}, precision {score.flag_precision:.3f}; written to {out / 'cross-metrics.json'}"))
    return 1 if min_right is not None and score.right_rate < min_right else 0
