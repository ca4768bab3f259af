"""Scoring reported cross checks against a series' gold by offsets (eval/cross.py)."""

from __future__ import annotations

from numcheck.eval.cross import score_series
from numcheck.schema import CrossCheck, CrossRef, DocumentResult

SERIES = {
    "id": "s",
    "documents": [
        {"id": "a", "text": "In 2023 there were 1,000 thefts.", "quantities": [{"id": "q1", "start": 19, "end": 24}]},
        {"id": "b", "text": "In 2024 thefts fell by 10% to 900; in 2023 there were 1,100.",
         "quantities": [{"id": "q1", "start": 23, "end": 26}, {"id": "q2", "start": 30, "end": 33},
                        {"id": "q3", "start": 54, "end": 59}]},
    ],
    "cross_checks": [
        {"kind": "change", "quantities": [["b", "q1"], ["a", "q1"], ["b", "q2"]], "verdict": "consistent"},
        {"kind": "equal", "quantities": [["a", "q1"], ["b", "q3"]], "verdict": "inconsistent"},
    ],
}


def _ref(doc: str, qid: str, start: int, end: int) -> CrossRef:
    return CrossRef(doc=doc, id=qid, start=start, end=end, text="x" * (end - start))


def test_found_flagged_and_wrong_flags_by_offsets() -> None:
    change = CrossCheck(kind="change", verdict="consistent",
                        quantities=[_ref("b", "x1", 23, 25), _ref("a", "x9", 19, 24), _ref("b", "x2", 30, 33)])
    equal = CrossCheck(kind="equal", verdict="inconsistent", quantities=[_ref("a", "x9", 19, 24), _ref("b", "x3", 54, 59)])
    wrong = CrossCheck(kind="equal", verdict="inconsistent", quantities=[_ref("a", "x9", 19, 24), _ref("b", "x2", 30, 33)])
    results = [[DocumentResult(id="a"), DocumentResult(id="b", cross_checks=[change, equal, wrong])]]
    score = score_series([SERIES], results)
    assert (score.gold, score.found, score.found_right) == (2, 2, 2)
    assert (score.gold_inconsistent, score.flagged_right, score.flags) == (1, 1, 2)
    assert score.flag_precision == 0.5 and score.flag_recall == 1.0 and score.right_rate == 1.0
    assert score.wrong_flags == [{"series": "s", "kind": "equal", "quantities": ["a#x9", "b#x2"]}]


def test_a_wrong_verdict_or_order_is_not_found_right() -> None:
    swapped = CrossCheck(kind="change", verdict="consistent",
                         quantities=[_ref("b", "x1", 23, 26), _ref("b", "x2", 30, 33), _ref("a", "x9", 19, 24)])
    ambiguous = CrossCheck(kind="equal", verdict="ambiguous", quantities=[_ref("a", "x9", 19, 24), _ref("b", "x3", 54, 59)])
    score = score_series([SERIES], [[DocumentResult(id="b", cross_checks=[swapped, ambiguous])]])
    assert (score.found, score.found_right, score.flags) == (1, 0, 0)
    assert [m["kind"] for m in score.misses] == ["change", "equal"]
