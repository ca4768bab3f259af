"""Every metric of numcheck.eval.metrics on hand-made gold/prediction pairs, answers worked by hand."""

from __future__ import annotations

import pytest

from numcheck.eval.metrics import (
    DocChecks,
    GoldCheck,
    altered_quantities,
    check_scores,
    confusion_matrix,
    detection_scores,
    kind_confusion,
    match_spans,
    span_scores,
    value_accuracy,
    values_equal,
)
from numcheck.schema import Check, Quantity

TEXT = "Nearly 1 million people; 94.4% of 33,379 crimes in 2024."


def q(qid: str, text: str, kind: str, value=None, *, within: str = TEXT, nth: int = 0) -> Quantity:
    """A quantity whose offsets are found in `within` (the nth occurrence of `text`)."""
    start = -1
    for _ in range(nth + 1):
        start = within.index(text, start + 1)
    return Quantity(id=qid, start=start, end=start + len(text), text=text, kind=kind, value=value)


GOLD = [
    q("q1", "1 million", "COUNT", 1_000_000),  # A
    q("q2", "94.4%", "PERCENT", 94.4),  # B
    q("q3", "33,379", "COUNT", 33379),  # C
    q("q4", "2024", "DATE", 2024),  # D
]
PRED = [
    q("q1", "Nearly 1 million", "COUNT", 1_000_000),  # a: overlaps A, wrong boundaries
    q("q2", "94.4%", "CHANGE", 94.4000001),  # b: B's offsets, wrong kind, value within tolerance
    q("q3", "33,379", "COUNT", 33479),  # c: exactly C, value wrong (3e-3 relative)
    q("q4", "crimes", "OTHER"),  # x: spurious
]


@pytest.mark.parametrize(
    ("mode", "tp", "precision", "recall", "f1"),
    [
        # strict: only c = C (offsets and kind) -> tp 1; 4 gold, 4 predicted -> 1/4 each.
        ("strict", 1, 0.25, 0.25, 0.25),
        # lenient: a~A (COUNT, overlap) and c=C -> tp 2 -> 2/4 each.
        ("lenient", 2, 0.5, 0.5, 0.5),
        # untyped strict: b=B and c=C by offsets -> tp 2.
        ("untyped_strict", 2, 0.5, 0.5, 0.5),
        # untyped lenient: a~A, b=B, c=C -> tp 3 -> 3/4.
        ("untyped_lenient", 3, 0.75, 0.75, 0.75),
    ],
)
def test_span_scores_by_mode(mode, tp, precision, recall, f1):
    s = span_scores([GOLD], [PRED], mode=mode).overall
    assert (s.tp, s.n_gold, s.n_pred) == (tp, 4, 4)
    assert s.precision == pytest.approx(precision)
    assert s.recall == pytest.approx(recall)
    assert s.f1 == pytest.approx(f1)


def test_span_scores_by_kind_strict():
    by = span_scores([GOLD], [PRED], mode="strict").by_kind
    # COUNT: gold A, C; predicted a, c; only c matches -> P = 1/2, R = 1/2.
    assert (by["COUNT"].tp, by["COUNT"].n_gold, by["COUNT"].n_pred) == (1, 2, 2)
    assert by["COUNT"].f1 == pytest.approx(0.5)
    # PERCENT: gold B, nothing predicted as PERCENT -> R = 0/1, precision 0/0 undefined, F1 0.
    assert (by["PERCENT"].tp, by["PERCENT"].n_gold, by["PERCENT"].n_pred) == (0, 1, 0)
    assert (by["PERCENT"].recall, by["PERCENT"].precision, by["PERCENT"].f1) == (0.0, None, 0.0)
    # CHANGE and OTHER: predicted once each, no gold -> precision 0/1, recall 0/0 undefined.
    assert (by["CHANGE"].n_gold, by["CHANGE"].n_pred, by["CHANGE"].precision, by["CHANGE"].recall) == (0, 1, 0.0, None)
    assert (by["OTHER"].n_gold, by["OTHER"].n_pred) == (0, 1)
    assert by["DATE"].recall == 0.0


def test_untyped_by_kind_gives_recall_only():
    by = span_scores([GOLD], [PRED], mode="untyped_lenient").by_kind
    # Gold PERCENT B is found by b (any kind) -> recall 1/1; no precision per kind.
    assert by["PERCENT"].recall == 1.0 and by["PERCENT"].precision is None
    assert by["DATE"].recall == 0.0  # D has nothing over it


def test_span_scores_micro_average_over_documents():
    # doc 1: strict tp 1 of 4/4 (above); doc 2: one gold, one exact prediction -> tp 1 of 1/1.
    # micro: tp 2, gold 5, predicted 5 -> P = R = F1 = 2/5.
    text2 = "Up 5 points."
    g2 = [q("q1", "5", "CHANGE", within=text2)]
    s = span_scores([GOLD, g2], [PRED, list(g2)], mode="strict").overall
    assert (s.tp, s.n_gold, s.n_pred) == (2, 5, 5)
    assert s.f1 == pytest.approx(0.4)


def test_lenient_matching_is_one_to_one_and_prefers_the_larger_overlap():
    text = "seized 4 tons and 714 kilograms of drugs"
    gold = [q("q1", "4 tons and 714 kilograms", "MEASURE", within=text)]
    pred = [q("q1", "4 tons", "MEASURE", within=text), q("q2", "714 kilograms", "MEASURE", within=text)]
    # Both overlap the one gold span; it pairs with one of them only: the 13-character overlap
    # of "714 kilograms" beats the 6 characters of "4 tons".
    matches = match_spans(gold, pred, mode="lenient")
    assert [(m.gold, m.pred) for m in matches] == [(0, 1)]
    # tp 1, gold 1, predicted 2 -> P = 1/2, R = 1, F1 = 2 * 0.5 * 1 / 1.5 = 2/3.
    s = span_scores([gold], [pred], mode="lenient").overall
    assert (s.precision, s.recall) == (0.5, 1.0)
    assert s.f1 == pytest.approx(2 / 3)


def test_any_spans_count_for_untyped_figures_only():
    text = "12 killed and 5 hurt in 2017"
    gold = [q("q1", "12", "ANY", within=text), q("q2", "5", "COUNT", within=text)]
    pred = [q("q1", "12", "COUNT", within=text), q("q2", "5", "COUNT", within=text), q("q3", "2017", "DATE", within=text)]
    # Typed: the ANY span and the prediction on it leave -> gold {5}, predicted {5, 2017}:
    # tp 1 -> P = 1/2, R = 1/1, F1 = 2/3.
    strict = span_scores([gold], [pred], mode="strict").overall
    assert (strict.tp, strict.n_gold, strict.n_pred) == (1, 1, 2)
    assert strict.f1 == pytest.approx(2 / 3)
    assert "ANY" not in span_scores([gold], [pred], mode="strict").by_kind
    # Untyped: gold {12, 5}, predicted {12, 5, 2017}: tp 2 -> P = 2/3, R = 1, F1 = 0.8.
    untyped = span_scores([gold], [pred], mode="untyped_strict").overall
    assert (untyped.tp, untyped.n_gold, untyped.n_pred) == (2, 2, 3)
    assert untyped.f1 == pytest.approx(0.8)


def test_kind_confusion_counts_pairs_misses_and_spurious():
    cm = kind_confusion([GOLD], [PRED])
    # Pairs by overlap: A-a (COUNT, COUNT), C-c (COUNT, COUNT), B-b (PERCENT, CHANGE);
    # D is missed -> (DATE, none); x is spurious -> (none, OTHER).
    assert cm.count("COUNT", "COUNT") == 2
    assert cm.count("PERCENT", "CHANGE") == 1
    assert cm.count("DATE", "(none)") == 1
    assert cm.count("(none)", "OTHER") == 1
    assert sum(map(sum, cm.matrix)) == 5
    assert cm.labels[-1] == "(none)"


def test_value_accuracy_on_exact_offsets():
    # Exact-offset pairs: B-b (94.4 vs 94.4000001: within 1e-4 relative -> right) and
    # C-c (33379 vs 33479: 3e-3 relative -> wrong); A-a differ in offsets and are not scored.
    v = value_accuracy([GOLD], [PRED])
    assert (v.n, v.correct, v.accuracy) == (2, 1, 0.5)


@pytest.mark.parametrize(
    ("gold", "pred", "equal"),
    [
        (94.4, 94.4, True),
        (33379, 33380, True),  # 1/33379 = 3.0e-5 < 1e-4
        (33379, 33479, False),  # 100/33379 = 3.0e-3
        (2024, "2024", True),  # a numeric string read as a number
        ("--01-24", "--01-24", True),
        ("--01-24", "--01-25", False),
        (94.4, None, False),
        (0.944, 94.4, False),
    ],
)
def test_values_equal(gold, pred, equal):
    assert values_equal(gold, pred) is equal


def test_confusion_matrix_keeps_label_order_and_drops_unused():
    cm = confusion_matrix(["a", "a", "b", "c"], ["a", "b", "b", "a"], labels=["c", "b", "a", "z"])
    # "z" never occurs and is dropped; rows/cols in the order c, b, a.
    assert cm.labels == ["c", "b", "a"]
    assert cm.matrix == [[0, 0, 1], [0, 1, 0], [0, 1, 1]]


# ------------------------------------------------------------------------ checks

CT = "AAAAA x BBBBB ... CCCCC"
G_Q = [  # gold quantity ids
    Quantity(id="q1", start=0, end=5, text="AAAAA", kind="COUNT"),
    Quantity(id="q2", start=8, end=13, text="BBBBB", kind="COUNT"),
    Quantity(id="q3", start=18, end=23, text="CCCCC", kind="COUNT"),
]
P_Q = [  # predicted ids differ: an extra span q2 shifts B and C to q3 and q4
    Quantity(id="q1", start=0, end=5, text="AAAAA", kind="COUNT"),
    Quantity(id="q2", start=6, end=7, text="x", kind="COUNT"),
    Quantity(id="q3", start=8, end=13, text="BBBBB", kind="COUNT"),
    Quantity(id="q4", start=18, end=23, text="CCCCC", kind="COUNT"),
]
G_CHECKS = [
    GoldCheck("share", ("q1", "q2", "q3"), "consistent"),  # G1
    GoldCheck("rate", ("q1", "q3", "ref:population"), "inconsistent"),  # G2
    GoldCheck("sum", ("q1", "q2", "100%"), "consistent"),  # G3
    GoldCheck("change", ("q1", None, "q3"), "consistent"),  # G4
]
P_CHECKS = [
    Check(kind="share", quantities=["q1", "q3", "q4"], verdict="consistent"),  # P1 = G1, verdict right
    Check(kind="rate", quantities=["q1", "q4", "ref:population"], verdict="consistent"),  # P2 = G2, verdict wrong
    Check(kind="sum", quantities=["q3", "q1", "100%"], verdict="consistent"),  # P3: G3's spans in another order: no match
    Check(kind="change", quantities=["q1", None, "q4"], verdict="consistent"),  # P4 = G4 (null is a literal)
    Check(kind="part_whole", quantities=["q3", "q4"], verdict="inconsistent"),  # P5: no gold counterpart
]
DOC = DocChecks(G_CHECKS, G_Q, P_CHECKS, P_Q)


def test_check_recall_precision_and_verdicts():
    s = check_scores([DOC])
    # Matched: G1-P1, G2-P2, G4-P4 -> recall 3/4, precision 3/5.
    assert (s.overall.tp, s.overall.n_gold, s.overall.n_pred) == (3, 4, 5)
    assert s.overall.recall == 0.75 and s.overall.precision == 0.6
    # Verdicts right on G1 and G4, wrong on G2 -> 2/3.
    assert s.verdict_correct == 2
    assert s.verdict_accuracy == pytest.approx(2 / 3)


def test_check_scores_by_kind():
    by = check_scores([DOC]).by_kind
    assert (by["share"].recall, by["share"].verdict_accuracy) == (1.0, 1.0)
    assert (by["rate"].recall, by["rate"].verdict_accuracy) == (1.0, 0.0)
    # sum: 1 gold, 1 predicted, none matched (order matters) -> recall 0, precision 0.
    assert (by["sum"].tp, by["sum"].n_gold, by["sum"].n_pred) == (0, 1, 1)
    assert by["sum"].verdict_accuracy is None
    # part_whole: predicted once, no gold -> precision 0/1, recall undefined.
    assert (by["part_whole"].n_gold, by["part_whole"].n_pred, by["part_whole"].precision) == (0, 1, 0.0)
    assert by["part_whole"].recall is None


def test_verdict_confusion_includes_missed_and_unmatched():
    cm = check_scores([DOC]).verdict_confusion
    # matched: (consistent, consistent) G1, G4; (inconsistent, consistent) G2.
    assert cm.count("consistent", "consistent") == 2
    assert cm.count("inconsistent", "consistent") == 1
    # G3 missed -> (consistent, none); P3 and P5 unmatched -> (none, consistent), (none, inconsistent).
    assert cm.count("consistent", "(none)") == 1
    assert cm.count("(none)", "consistent") == 1
    assert cm.count("(none)", "inconsistent") == 1
    assert sum(map(sum, cm.matrix)) == 6


def test_a_check_whose_quantity_was_not_extracted_cannot_match():
    # Prediction lacks C: the gold share check's third entry has no predicted span.
    pred_q = P_Q[:3]
    s = check_scores([DocChecks(G_CHECKS[:1], G_Q, [Check(kind="share", quantities=["q1", "q3", "q9"], verdict="consistent")], pred_q)])
    assert s.overall.tp == 0


# ------------------------------------------------------------------------ detection

T2 = "X 94.4% of 1,000 of 2,000."
MARKED = DocChecks(
    [
        GoldCheck("share", ("q1", "q2", "q3"), "inconsistent", "… [Perturbed: q1 '49.4%' -> '94.4%'; moved]"),
        GoldCheck("part_whole", ("q2", "q3"), "consistent"),
    ],
    [q("q1", "94.4%", "PERCENT", within=T2), q("q2", "1,000", "COUNT", within=T2), q("q3", "2,000", "COUNT", within=T2)],
    [
        Check(kind="part_whole", quantities=["q2", "q3"], verdict="inconsistent"),  # wrong: consistent in gold, misses q1
        Check(kind="share", quantities=["q1", "q2", "q3"], verdict="inconsistent"),  # right: matches the gold inconsistent check
    ],
    [q("q1", "94.4%", "PERCENT", within=T2), q("q2", "1,000", "COUNT", within=T2), q("q3", "2,000", "COUNT", within=T2)],
)
CLEAN_ALARM = DocChecks(
    [GoldCheck("part_whole", ("q1", "q2"), "consistent")],
    G_Q[:2],
    [Check(kind="part_whole", quantities=["q1", "q3"], verdict="inconsistent")],
    P_Q,
)
CLEAN_QUIET = DocChecks([GoldCheck("part_whole", ("q1", "q2"), "consistent")], G_Q[:2], [], P_Q)


def test_altered_quantities_from_markers_or_inconsistent_checks():
    assert altered_quantities(MARKED.gold) == {"q1"}
    # No marker: the quantities of the gold inconsistent checks (G2: q1, q3; the literal is no id
    # of the document but is kept as given).
    assert altered_quantities(G_CHECKS) == {"q1", "q3", "ref:population"}


def test_detection_scores_by_hand():
    s = detection_scores([DOC, MARKED, CLEAN_ALARM, CLEAN_QUIET])
    # Gold inconsistent checks: DOC's rate G2 (P2 says consistent: missed) and MARKED's share
    # (flagged): 1 of 2; by kind rate 0/1, share 1/1.
    assert (s.overall.tp, s.overall.n_gold, s.overall.recall) == (1, 2, 0.5)
    assert (s.by_kind["rate"].recall, s.by_kind["share"].recall) == (0.0, 1.0)
    # Flags: DOC P5 (no gold match, but its q4 = C overlaps C, a quantity of the unmarked gold
    # inconsistent check -> right); MARKED part_whole (touches only q2, q3, not the marked q1 ->
    # wrong) and share (matches -> right); CLEAN_ALARM's flag (clean document -> wrong).
    # 4 flags, 2 right -> 0.5.
    assert (s.flags, s.right_flags, s.flag_precision) == (4, 2, 0.5)
    # Documents with a gold inconsistency: DOC and MARKED, both with a right flag.
    assert (s.altered_docs, s.altered_docs_detected) == (2, 2)
    # Clean documents: CLEAN_ALARM (false alarm) and CLEAN_QUIET -> 1 of 2.
    assert (s.clean_docs, s.clean_docs_with_false_alarm, s.clean_false_alarm_rate) == (2, 1, 0.5)


def test_detection_without_flags_or_clean_documents():
    s = detection_scores([CLEAN_QUIET])
    assert s.flag_precision is None
    assert s.overall.n_gold == 0 and s.overall.recall is None  # 0/0: undefined
    assert s.clean_false_alarm_rate == 0.0
