"""Span, check and detection metrics, each defined once, here.

Signatures follow scikit-learn and seqeval: `y_true` is the gold side and `y_pred` the
predicted side, both given per document (`y_true[i]` and `y_pred[i]` describe document i).

Spans
    *strict*: a predicted span is right when its offsets and its kind equal a gold span's.
    *lenient*: when it overlaps a gold span of the same kind (by at least one character).
    *untyped*: the same two rules with the kind ignored.
    Matching is one-to-one: candidate pairs are taken greedily by largest overlap (then
    earliest gold start, then earliest predicted start), so one gold span never pays two
    predictions. Precision = TP / predicted, recall = TP / gold, F1 their harmonic mean
    (micro-averaged over documents); a ratio with a zero denominator is undefined (null),
    and F1 is 0 when nothing matched but something was expected or predicted.
    Gold spans of kind `ANY` (sets converted from other datasets) count for the untyped
    figures only; in the typed figures they are removed together with every predicted span
    that overlaps one, so a prediction there is neither right nor wrong.

Checks
    A gold check's quantity ids are mapped to predicted ids by exact offsets: each entry
    becomes the span `(start, end)` of its quantity; `None`, `"ref:population"`, `"100%"` and
    any other string that is not a quantity id stay literal tokens. A predicted check matches
    a gold check when the kinds are equal and the two token lists are equal, in order.
    Matching is one-to-one, predicted checks taken in their order.

Detection
    An *altered* check is a gold check with verdict `inconsistent`; it is *detected* when a
    predicted check matches it and says `inconsistent`. A *flag* is a predicted check with
    verdict `inconsistent`; it is *right* when it matches a gold `inconsistent` check, or when
    one of its quantities overlaps (by at least one character) an *altered quantity* of its
    document. The altered quantities of a document are those named by the perturbation
    markers in its gold check notes (`[Perturbed: q5 ...]`); a document without markers
    (a real inconsistency) takes the quantities of its gold `inconsistent` checks. A *clean*
    document has no gold `inconsistent` check; it has a *false alarm* when any of its
    predicted checks says `inconsistent`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from numcheck.eval.results import (
    CheckScores,
    ConfusionMatrix,
    DetectionScores,
    KindCheckScores,
    PRF,
    SpanScores,
    ValueAccuracy,
)
from numcheck.schema import Check, Quantity, QuantityKind

#: The label used in confusion matrices for "no counterpart" (a missed or spurious item).
NONE_LABEL = "(none)"

#: Relative tolerance for numeric values (2 parts in 10,000 of the larger value).
VALUE_REL_TOL = 1e-4

SPAN_MODES = ("strict", "lenient", "untyped_strict", "untyped_lenient")

_PERTURBED_MARKER = re.compile(r"\[Perturbed:\s*(q\d+)\b")


# --------------------------------------------------------------------------- spans


@dataclass(frozen=True)
class SpanMatch:
    """One matched pair of spans (indices into the gold and predicted lists of a document)."""

    gold: int
    pred: int


def _kind(q: Quantity) -> str:
    return QuantityKind(q.kind).value


def _overlap(a: Quantity, b: Quantity) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_spans(gold: Sequence[Quantity], pred: Sequence[Quantity], *, mode: str = "strict") -> list[SpanMatch]:
    """Pair the gold and predicted spans of one document one-to-one under `mode`.

    `mode` is one of `strict`, `lenient`, `untyped_strict`, `untyped_lenient` (see the module
    docstring). Returns the matched pairs; the others are misses and false alarms.

    >>> g = [Quantity(id="q1", start=7, end=16, text="1 million", kind="COUNT")]
    >>> p = [Quantity(id="q1", start=0, end=16, text="nearly 1 million", kind="COUNT")]
    >>> len(match_spans(g, p, mode="strict")), len(match_spans(g, p, mode="lenient"))
    (0, 1)
    """
    if mode not in SPAN_MODES:
        raise ValueError(f"mode must be one of {', '.join(SPAN_MODES)}; got {mode!r}")
    typed = not mode.startswith("untyped")
    exact = mode.endswith("strict")
    candidates: list[tuple[int, int, int, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if typed and _kind(g) != _kind(p):
                continue
            if exact:
                if (g.start, g.end) != (p.start, p.end):
                    continue
            elif _overlap(g, p) == 0:
                continue
            candidates.append((-_overlap(g, p), g.start, p.start, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    matches = []
    for _, _, _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matches.append(SpanMatch(gi, pi))
    return sorted(matches, key=lambda m: (m.gold, m.pred))


def _typed_view(gold: Sequence[Quantity], pred: Sequence[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """Drop gold `ANY` spans and the predictions overlapping them (typed figures only)."""
    any_spans = [g for g in gold if _kind(g) == QuantityKind.ANY]
    kept_gold = [g for g in gold if _kind(g) != QuantityKind.ANY]
    kept_pred = [p for p in pred if not any(_overlap(p, a) > 0 for a in any_spans)]
    return kept_gold, kept_pred


def _prf(tp: int, n_gold: int, n_pred: int) -> PRF:
    """Counts to figures; a ratio with nothing to divide by is None (shown as "–"), not 0."""
    precision = tp / n_pred if n_pred else None
    recall = tp / n_gold if n_gold else None
    if n_gold == 0 and n_pred == 0:
        f1 = None
    elif not tp:
        f1 = 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return PRF(precision=precision, recall=recall, f1=f1, tp=tp, n_gold=n_gold, n_pred=n_pred)


def span_scores(
    y_true: Sequence[Sequence[Quantity]], y_pred: Sequence[Sequence[Quantity]], *, mode: str = "strict"
) -> SpanScores:
    """Micro precision, recall and F1 of predicted spans over documents, overall and by kind.

    By kind, a pair counts for the gold kind (typed modes match only equal kinds); `untyped`
    modes give overall figures only, and their `by_kind` counts the gold kind of each gold
    span for recall (precision is not defined per kind without a kind).

    >>> g = [[Quantity(id="q1", start=0, end=2, text="12", kind="COUNT")]]
    >>> p = [[Quantity(id="q1", start=0, end=2, text="12", kind="COUNT"),
    ...       Quantity(id="q2", start=5, end=9, text="2024", kind="DATE")]]
    >>> s = span_scores(g, p, mode="strict"); (s.overall.precision, s.overall.recall)
    (0.5, 1.0)
    """
    _check_lengths(y_true, y_pred)
    typed = not mode.startswith("untyped")
    tp = n_gold = n_pred = 0
    kinds: dict[str, list[int]] = {}  # kind -> [tp, n_gold, n_pred]
    for gold, pred in zip(y_true, y_pred, strict=True):
        if typed:
            gold, pred = _typed_view(gold, pred)
        matches = match_spans(gold, pred, mode=mode)
        tp += len(matches)
        n_gold += len(gold)
        n_pred += len(pred)
        for g in gold:
            kinds.setdefault(_kind(g), [0, 0, 0])[1] += 1
        if typed:
            for p in pred:
                kinds.setdefault(_kind(p), [0, 0, 0])[2] += 1
        for m in matches:
            kinds[_kind(gold[m.gold])][0] += 1
    by_kind = {
        k: (_prf(t, ng, npred) if typed else _recall(t, ng))
        for k, (t, ng, npred) in sorted(kinds.items())
    }
    return SpanScores(mode=mode, overall=_prf(tp, n_gold, n_pred), by_kind=by_kind)


def kind_confusion(y_true: Sequence[Sequence[Quantity]], y_pred: Sequence[Sequence[Quantity]]) -> ConfusionMatrix:
    """Gold kind (rows) against predicted kind (columns) of spans paired by overlap.

    Spans are paired with `untyped_lenient` matching, so a span with the wrong boundaries
    still shows its kind; an unpaired gold span is counted in column `(none)` (missed), an
    unpaired prediction in row `(none)` (spurious).

    >>> g = [[Quantity(id="q1", start=0, end=3, text="9.4", kind="CHANGE")]]
    >>> p = [[Quantity(id="q1", start=0, end=4, text="9.4%", kind="PERCENT")]]
    >>> kind_confusion(g, p).count("CHANGE", "PERCENT")
    1
    """
    _check_lengths(y_true, y_pred)
    pairs: list[tuple[str, str]] = []
    for gold, pred in zip(y_true, y_pred, strict=True):
        matches = match_spans(gold, pred, mode="untyped_lenient")
        pairs += [(_kind(gold[m.gold]), _kind(pred[m.pred])) for m in matches]
        paired_g = {m.gold for m in matches}
        paired_p = {m.pred for m in matches}
        pairs += [(_kind(g), NONE_LABEL) for i, g in enumerate(gold) if i not in paired_g]
        pairs += [(NONE_LABEL, _kind(p)) for i, p in enumerate(pred) if i not in paired_p]
    order = [k.value for k in QuantityKind] + [NONE_LABEL]
    return confusion_matrix([a for a, _ in pairs], [b for _, b in pairs], labels=order)


def values_equal(gold: Any, pred: Any, *, rel_tol: float = VALUE_REL_TOL) -> bool:
    """Whether a predicted value equals the gold one: numbers within `rel_tol`, strings exactly.

    A numeric string is read as a number when the other side is a number.

    >>> values_equal(94.4, 94.40001), values_equal("--01-24", "--01-24"), values_equal(2024, "2023")
    (True, True, False)
    """
    a, b = _as_number(gold), _as_number(pred)
    if a is not None and b is not None and (_is_number(gold) or _is_number(pred)):
        return math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-9)
    if gold is None or pred is None:
        return gold is pred
    return str(gold) == str(pred)


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _as_number(x: Any) -> float | None:
    if _is_number(x):
        return float(x)
    if isinstance(x, str):
        try:
            return float(x)
        except ValueError:
            return None
    return None


def value_accuracy(y_true: Sequence[Sequence[Quantity]], y_pred: Sequence[Sequence[Quantity]]) -> ValueAccuracy:
    """Share of spans with exactly matching offsets whose predicted value equals the gold value.

    Pairs are made by `untyped_strict` matching (values of different stretches of text are
    not comparable); pairs whose gold value is `None` are not scored.

    >>> g = [[Quantity(id="q1", start=0, end=5, text="94.4%", kind="PERCENT", value=94.4)]]
    >>> p = [[Quantity(id="q1", start=0, end=5, text="94.4%", kind="PERCENT", value=0.944)]]
    >>> value_accuracy(g, p).accuracy
    0.0
    """
    _check_lengths(y_true, y_pred)
    n = correct = 0
    for gold, pred in zip(y_true, y_pred, strict=True):
        for m in match_spans(gold, pred, mode="untyped_strict"):
            g, p = gold[m.gold], pred[m.pred]
            if g.value is None:
                continue
            n += 1
            correct += values_equal(g.value, p.value)
    return ValueAccuracy(n=n, correct=correct, accuracy=correct / n if n else 0.0, rel_tol=VALUE_REL_TOL)


def confusion_matrix(y_true: Sequence[Hashable], y_pred: Sequence[Hashable], *, labels: Sequence[str]) -> ConfusionMatrix:
    """Counts of (true label, predicted label) pairs, rows in `labels` order (as scikit-learn).

    Labels that never occur are dropped from the matrix so that it stays readable.

    >>> confusion_matrix(["a", "a", "b"], ["a", "b", "b"], labels=["a", "b"]).matrix
    [[1, 1], [0, 1]]
    """
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true and y_pred must have the same length, got {len(y_true)} and {len(y_pred)}")
    seen = set(map(str, y_true)) | set(map(str, y_pred))
    used = [lab for lab in labels if lab in seen] + sorted(seen - set(labels))
    index = {lab: i for i, lab in enumerate(used)}
    matrix = [[0] * len(used) for _ in used]
    for t, p in zip(y_true, y_pred, strict=True):
        matrix[index[str(t)]][index[str(p)]] += 1
    return ConfusionMatrix(labels=used, matrix=matrix)


def _check_lengths(y_true: Sequence[Any], y_pred: Sequence[Any]) -> None:
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true and y_pred must list the same documents, got {len(y_true)} and {len(y_pred)}")


# --------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class GoldCheck:
    """A gold check as the metrics see it (the gold file keeps checks as plain objects)."""

    kind: str
    quantities: tuple[str | None, ...]
    verdict: str
    note: str = ""

    @classmethod
    def from_dict(cls, obj: Mapping[str, Any]) -> GoldCheck:
        """Read one entry of a gold document's `checks`.

        >>> GoldCheck.from_dict({"kind": "share", "quantities": ["q2", "q3", "q1"], "verdict": "consistent"}).kind
        'share'
        """
        return cls(
            kind=str(obj["kind"]),
            quantities=tuple(obj.get("quantities") or ()),
            verdict=str(obj["verdict"]),
            note=str(obj.get("note") or ""),
        )


Token = tuple[Any, ...]


def check_key(kind: str, quantity_ids: Iterable[str | None], quantities: Sequence[Quantity]) -> tuple[str, tuple[Token, ...]]:
    """The comparable form of a check: its kind and its entries as spans or literal tokens.

    >>> qs = [Quantity(id="q1", start=0, end=3, text="327", kind="RATE")]
    >>> check_key("rate", ["q1", None, "ref:population"], qs)
    ('rate', (('span', 0, 3), ('lit', None), ('lit', 'ref:population')))
    """
    spans = {q.id: (q.start, q.end) for q in quantities}
    tokens: list[Token] = []
    for qid in quantity_ids:
        if qid is not None and qid in spans:
            tokens.append(("span", *spans[qid]))
        else:
            tokens.append(("lit", qid))
    return str(kind), tuple(tokens)


@dataclass(frozen=True)
class CheckMatch:
    """A gold check (index) paired with a predicted check (index) of one document."""

    gold: int
    pred: int


def match_checks(
    gold: Sequence[GoldCheck], gold_quantities: Sequence[Quantity], pred: Sequence[Check], pred_quantities: Sequence[Quantity]
) -> list[CheckMatch]:
    """Pair the gold and predicted checks of one document (see the module docstring).

    >>> qs = [Quantity(id="q1", start=0, end=1, text="5", kind="COUNT"), Quantity(id="q2", start=4, end=5, text="9", kind="COUNT")]
    >>> g = [GoldCheck("part_whole", ("q1", "q2"), "consistent")]
    >>> p = [Check(kind="part_whole", quantities=["q1", "q2"], verdict="inconsistent")]
    >>> match_checks(g, qs, p, qs)
    [CheckMatch(gold=0, pred=0)]
    """
    gold_keys = [check_key(c.kind, c.quantities, gold_quantities) for c in gold]
    free = list(range(len(gold)))
    matches = []
    for pi, c in enumerate(pred):
        key = check_key(_value(c.kind), c.quantities, pred_quantities)
        for gi in free:
            if gold_keys[gi] == key:
                matches.append(CheckMatch(gi, pi))
                free.remove(gi)
                break
    return sorted(matches, key=lambda m: m.gold)


def _value(x: Any) -> str:
    return str(getattr(x, "value", x))


@dataclass
class DocChecks:
    """The check side of one document: gold checks and quantities, predicted ones."""

    gold: list[GoldCheck]
    gold_quantities: list[Quantity]
    pred: list[Check]
    pred_quantities: list[Quantity]
    #: Relations the arithmetic contradicts that stayed below the flag threshold (not findings).
    unconfirmed: list[Check] = field(default_factory=list)


def check_scores(docs: Sequence[DocChecks]) -> CheckScores:
    """Recall and precision of predicted checks, verdict accuracy and confusion, by check kind.

    >>> qs = [Quantity(id="q1", start=0, end=1, text="5", kind="COUNT"), Quantity(id="q2", start=4, end=5, text="9", kind="COUNT")]
    >>> d = DocChecks([GoldCheck("part_whole", ("q1", "q2"), "consistent")], qs,
    ...               [Check(kind="part_whole", quantities=["q1", "q2"], verdict="consistent")], qs)
    >>> s = check_scores([d]); (s.overall.recall, s.verdict_accuracy)
    (1.0, 1.0)
    """
    counts: dict[str, list[int]] = {}  # kind -> [matched, n_gold, n_pred, verdict_right]
    v_true: list[str] = []
    v_pred: list[str] = []
    for d in docs:
        matches = match_checks(d.gold, d.gold_quantities, d.pred, d.pred_quantities)
        for c in d.gold:
            counts.setdefault(c.kind, [0, 0, 0, 0])[1] += 1
        for c in d.pred:
            counts.setdefault(_value(c.kind), [0, 0, 0, 0])[2] += 1
        for m in matches:
            g, p = d.gold[m.gold], d.pred[m.pred]
            counts[g.kind][0] += 1
            counts[g.kind][3] += g.verdict == _value(p.verdict)
            v_true.append(g.verdict)
            v_pred.append(_value(p.verdict))
        matched_g = {m.gold for m in matches}
        matched_p = {m.pred for m in matches}
        for i, g in enumerate(d.gold):
            if i not in matched_g:
                v_true.append(g.verdict)
                v_pred.append(NONE_LABEL)
        for i, p in enumerate(d.pred):
            if i not in matched_p:
                v_true.append(NONE_LABEL)
                v_pred.append(_value(p.verdict))
    by_kind = {
        k: KindCheckScores(
            **_prf(m, ng, npred).model_dump(),
            verdict_correct=vr,
            verdict_accuracy=vr / m if m else None,
        )
        for k, (m, ng, npred, vr) in sorted(counts.items())
    }
    matched = sum(c[0] for c in counts.values())
    right = sum(c[3] for c in counts.values())
    overall = _prf(matched, sum(c[1] for c in counts.values()), sum(c[2] for c in counts.values()))
    labels = ["consistent", "inconsistent", "ambiguous", "unverifiable", NONE_LABEL]
    return CheckScores(
        overall=overall,
        by_kind=by_kind,
        verdict_correct=right,
        verdict_accuracy=right / matched if matched else None,
        found_right=right / overall.n_gold if overall.n_gold else None,
        verdict_confusion=confusion_matrix(v_true, v_pred, labels=labels),
    )


def altered_quantities(gold: Sequence[GoldCheck]) -> set[str]:
    """Ids of the quantities a perturbation changed, or of the gold inconsistent checks.

    >>> altered_quantities([GoldCheck("share", ("q5", "q6", "q1"), "inconsistent", "[Perturbed: q5 '94.4%' -> '89.4%']")])
    {'q5'}
    >>> sorted(altered_quantities([GoldCheck("part_whole", ("q2", "q1"), "inconsistent")]))
    ['q1', 'q2']
    """
    marked = {m.group(1) for c in gold for m in _PERTURBED_MARKER.finditer(c.note)}
    if marked:
        return marked
    return {q for c in gold if c.verdict == "inconsistent" for q in c.quantities if isinstance(q, str)}


def flag_is_right(flag: Check, doc: DocChecks, matches: Sequence[CheckMatch], flag_index: int) -> bool:
    """Whether one predicted `inconsistent` check is right (see the module docstring).

    >>> qs = [Quantity(id="q1", start=0, end=1, text="5", kind="COUNT"), Quantity(id="q2", start=4, end=5, text="9", kind="COUNT")]
    >>> d = DocChecks([GoldCheck("part_whole", ("q1", "q2"), "inconsistent")], qs, [], qs)
    >>> flag_is_right(Check(kind="sum", quantities=["q2", "100%"], verdict="inconsistent"), d, [], 0)
    True
    """
    for m in matches:
        if m.pred == flag_index and doc.gold[m.gold].verdict == "inconsistent":
            return True
    altered = [q for q in doc.gold_quantities if q.id in altered_quantities(doc.gold)]
    if not any(c.verdict == "inconsistent" for c in doc.gold):
        return False
    spans = {q.id: q for q in doc.pred_quantities}
    for qid in flag.quantities:
        q = spans.get(qid) if qid else None
        if q is not None and any(_overlap(q, a) > 0 for a in altered):
            return True
    return False


def detection_scores(docs: Sequence[DocChecks]) -> DetectionScores:
    """Detection of gold inconsistent checks, precision of inconsistent flags, false alarms.

    >>> qs = [Quantity(id="q1", start=0, end=1, text="5", kind="COUNT"), Quantity(id="q2", start=4, end=5, text="3", kind="COUNT")]
    >>> d = DocChecks([GoldCheck("part_whole", ("q1", "q2"), "inconsistent")], qs,
    ...               [Check(kind="part_whole", quantities=["q1", "q2"], verdict="inconsistent")], qs)
    >>> s = detection_scores([d]); (s.overall.recall, s.flag_precision)
    (1.0, 1.0)
    """
    by_kind: dict[str, list[int]] = {}  # kind -> [detected, altered]
    flags = right_flags = 0
    clean = clean_alarm = altered_docs = docs_detected = 0
    for d in docs:
        matches = match_checks(d.gold, d.gold_quantities, d.pred, d.pred_quantities)
        pred_of = {m.gold: m.pred for m in matches}
        has_inconsistent = False
        for gi, g in enumerate(d.gold):
            if g.verdict != "inconsistent":
                continue
            has_inconsistent = True
            row = by_kind.setdefault(g.kind, [0, 0])
            row[1] += 1
            pi = pred_of.get(gi)
            row[0] += pi is not None and _value(d.pred[pi].verdict) == "inconsistent"
        doc_flags = [(i, c) for i, c in enumerate(d.pred) if _value(c.verdict) == "inconsistent"]
        doc_right = sum(flag_is_right(c, d, matches, i) for i, c in doc_flags)
        flags += len(doc_flags)
        right_flags += doc_right
        if has_inconsistent:
            altered_docs += 1
            docs_detected += doc_right > 0
        else:
            clean += 1
            clean_alarm += bool(doc_flags)
    kinds = {k: _recall(det, n) for k, (det, n) in sorted(by_kind.items())}
    det_all = sum(v[0] for v in by_kind.values())
    n_all = sum(v[1] for v in by_kind.values())
    return DetectionScores(
        overall=_recall(det_all, n_all),
        by_kind=kinds,
        flags=flags,
        right_flags=right_flags,
        flag_precision=right_flags / flags if flags else None,
        altered_docs=altered_docs,
        altered_docs_detected=docs_detected,
        clean_docs=clean,
        clean_docs_with_false_alarm=clean_alarm,
        clean_false_alarm_rate=clean_alarm / clean if clean else None,
    )


def threshold_sweep(docs: Sequence[DocChecks]) -> list[dict[str, float]]:
    """Flags and their precision and recall had the flag threshold been each score seen.

    Every relation the arithmetic contradicts is a candidate flag, reported (`pred`) or kept
    below the threshold (`unconfirmed`); at threshold t the flags are the candidates with
    `score >= t`. A candidate is right as a flag is (`flag_is_right`); recall counts the gold
    inconsistent checks some right candidate matches, or the documents' altered checks.

    >>> qs = [Quantity(id="q1", start=0, end=1, text="5", kind="COUNT"), Quantity(id="q2", start=4, end=5, text="3", kind="COUNT")]
    >>> d = DocChecks([GoldCheck("part_whole", ("q1", "q2"), "inconsistent")], qs, [], qs,
    ...               [Check(kind="part_whole", quantities=["q1", "q2"], verdict="inconsistent", score=0.4)])
    >>> threshold_sweep([d])
    [{'threshold': 0.4, 'flags': 1, 'precision': 1.0, 'recall': 1.0}]
    """
    cands: list[tuple[float, bool, tuple[int, int] | None]] = []
    n_gold = 0
    for di, d in enumerate(docs):
        pool = [c for c in d.pred if _value(c.verdict) == "inconsistent"] + list(d.unconfirmed)
        gold_bad = [i for i, g in enumerate(d.gold) if g.verdict == "inconsistent"]
        n_gold += len(gold_bad)
        matches = match_checks(d.gold, d.gold_quantities, pool, d.pred_quantities)
        hit = {m.pred: m.gold for m in matches}
        for i, c in enumerate(pool):
            right = flag_is_right(c, DocChecks(d.gold, d.gold_quantities, pool, d.pred_quantities), matches, i)
            g = hit.get(i)
            target = (di, g) if g is not None and d.gold[g].verdict == "inconsistent" else (
                (di, gold_bad[0]) if right and len(gold_bad) == 1 else None)
            cands.append((float(c.score if c.score is not None else 1.0), right, target))
    out = []
    for t in sorted({math.floor(s * 1000) / 1000 for s, _, _ in cands}):
        above = [(ok, tg) for s, ok, tg in cands if s >= t]
        right = sum(ok for ok, _ in above)
        found = len({tg for ok, tg in above if ok and tg is not None})
        out.append({"threshold": t, "flags": len(above), "precision": round(right / len(above), 4),
                    "recall": round(found / n_gold, 4) if n_gold else 0.0})
    return out


def _recall(hit: int, n: int) -> PRF:
    return PRF(precision=None, recall=hit / n if n else None, f1=None, tp=hit, n_gold=n, n_pred=None)
