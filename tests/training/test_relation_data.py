"""Relation training data: gold checks to links, distant supervision, labels restored by hash."""

from __future__ import annotations

import json

import numpy as np
import pytest

from numcheck.inference.relations import Link, build_doc, candidates
from numcheck.training.relation_data import (
    distant_relations,
    gold_links,
    labelled_pairs,
    reformatted_copy,
    restated_copy,
    restore_labels,
    sha256,
)
from tests.conftest import marked


def test_gold_links_of_every_kind():
    checks = [
        {"kind": "change", "quantities": ["c1", "o", "n"]},
        {"kind": "change", "quantities": ["c2", "o", "n"]},
        {"kind": "change", "quantities": ["p", None, "n2"], "delta": "d"},
        {"kind": "sum", "quantities": ["i1", "i2", "t"]},
        {"kind": "sum", "quantities": ["s1", "s2", "100%"]},
        {"kind": "rate", "quantities": ["r", "k", "ref:population"]},
        {"kind": "rate", "quantities": ["r2", "k2", "pop"]},
    ]
    links = gold_links(build_doc("", [], None), checks)
    assert {("c1", "o", Link.change_old), ("c1", "n", Link.change_new), ("c1", "c2", Link.change_twin),
            ("c2", "c1", Link.change_twin), ("p", "d", Link.change_twin), ("d", "n2", Link.change_new),
            ("i1", "t", Link.item_of), ("i2", "t", Link.item_of), ("s1", "s2", Link.pct_sibling),
            ("s2", "s1", Link.pct_sibling), ("r", "k", Link.rate_count), ("r2", "pop", Link.rate_pop)} <= links
    assert not any(b == "ref:population" for _, b, _ in links)


def test_pairs_are_labelled_only_for_links_their_kinds_allow():
    text, qs = marked("[94.4%|PERCENT] or [31,526|COUNT] of the [33,379|COUNT] crimes")
    doc = build_doc(text, qs, None)
    pairs = candidates(doc)
    y, mask = labelled_pairs(doc, pairs, gold_links(doc, [{"kind": "share", "quantities": ["q1", "q2", "q3"]}]))
    assert y.sum() == 3  # share_part, share_whole, and the part of its whole
    assert ((y > 0) <= (mask > 0)).all()


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("Of [2,412|COUNT] cases, [1,206|COUNT] ([50.0%|PERCENT]) were closed.", "share"),
        ("Deaths rose [1.4%|CHANGE] to [14,968|COUNT] in 2013 from [14,756|COUNT] in 2012.", "change"),
        ("A total of [1,238,750|MONEY] was paid: [542,590|MONEY] by one firm and [696,160|MONEY] by the other.", "sum"),
    ],
)
def test_distant_supervision_finds_arithmetic_matches(source, kind):
    text, qs = marked(source)
    doc = build_doc(text, qs, None)
    assert [r.kind.value for r in distant_relations(doc, candidates(doc))] == [kind]


def test_distant_supervision_ignores_imprecise_coincidences():
    # 50% of 4 is 2, but an integer percent of small counts matches too often to be evidence
    text, qs = marked("Of [4|COUNT] sites, [2|COUNT] reported; [50%|PERCENT] of staff were new.")
    doc = build_doc(text, qs, None)
    assert distant_relations(doc, candidates(doc)) == []


def test_restore_refuses_labels_whose_paragraph_changed(tmp_path):
    src = tmp_path / "texts.jsonl"
    src.write_text(json.dumps({"id": "p1", "text": "In 2024, 12 of 40 sites closed."}) + "\n")
    label = {"id": "p1", "text_sha256": sha256("In 2024, 12 of 40 sites closed."),
             "quantities": [{"id": "q1", "start": 9, "end": 11, "kind": "COUNT"},
                            {"id": "q2", "start": 15, "end": 17, "kind": "COUNT"}],
             "checks": [{"kind": "part_whole", "quantities": ["q1", "q2"], "verdict": "consistent"}]}
    (tmp_path / "labels.jsonl").write_text(json.dumps(label) + "\n")
    docs = restore_labels([tmp_path / "labels.jsonl"], [src])
    assert [q["text"] for q in docs[0]["quantities"]] == ["12", "40"]
    src.write_text(json.dumps({"id": "p1", "text": "In 2024, 13 of 40 sites closed."}) + "\n")
    with pytest.raises(ValueError, match="p1: text changed"):
        restore_labels([tmp_path / "labels.jsonl"], [src])


def test_only_the_alternatives_the_arithmetic_confirms_feed_the_confirmed_calibration():
    from numcheck.inference.relations import LINKS
    from numcheck.training.relations import confirmed_outcomes, fit_calibration

    import numpy as np

    text, qs = marked("Of [2,000|COUNT] thefts and [1,000|COUNT] robberies, [450|COUNT] ([22.5%|PERCENT]) were solved")
    doc = {"id": "d", "text": text, "quantities": [q.model_dump() for q in qs],
           "checks": [{"kind": "share", "quantities": ["q4", "q3", "q1"], "verdict": "consistent"}]}
    wanted = {("22.5%", "450", Link.share_part): 0.9, ("22.5%", "1,000", Link.share_whole): 0.7,
              ("22.5%", "2,000", Link.share_whole): 0.3}

    class Scorer:
        def score(self, ld, pairs):
            out = np.zeros((len(pairs), len(LINKS)), dtype=np.float32)
            for r, p in enumerate(pairs):
                for link in p.allowed:
                    out[r, LINKS.index(link)] = wanted.get((ld.figures[p.a].text, ld.figures[p.b].text, link), 0)
            return out

    got = confirmed_outcomes([doc], [None], Scorer(), min_link=0.1)
    # of the two readings (of 1,000: 45%, contradicted; of 2,000: 22.5%), only the confirmed one, and it is gold
    assert [row[:3] for row in got] == [("share", pytest.approx(0.27), True)]
    # 22.5% admits 22.45 to under 22.6, and the counts are exact to the unit
    assert got[0][3] == pytest.approx(0.15 / 22.5 + 1 / 450 + 1 / 2000)
    assert fit_calibration(got * 5, widths=True) == {}  # a fit needs both outcomes and ten of them


def _doc(text, spans, checks):
    qs = []
    for k, span in enumerate(spans, 1):
        start = text.index(span)
        qs.append({"id": f"q{k}", "start": start, "end": start + len(span), "text": span})
    return {"id": "d", "text": text, "quantities": qs, "checks": checks}


@pytest.mark.parametrize("seed", range(6))
def test_a_restated_copy_moves_each_figure_with_its_label(seed):
    text = "Sales rose to $5.2 billion, up $0.4 billion or 8.3%. Of 1,200 staff, 300 (25.0%) work abroad (see 2.1)."
    doc = _doc(text, ["$5.2 billion", "$0.4 billion", "8.3%", "1,200", "300", "25.0%", "2.1"],
               [{"kind": "change", "quantities": ["q3", None, "q1"], "delta": "q2"},
                {"kind": "share", "quantities": ["q6", "q5", "q4"]}])
    copy = restated_copy(doc, seed)
    assert copy is not None and copy["id"] == "d~restated" and copy["text"] != text
    assert copy["checks"] == doc["checks"]
    for q in copy["quantities"]:
        assert copy["text"][q["start"]:q["end"]] == q["text"]
    # the two restatements are rewritten, nothing else: the rest of the text reads as before
    assert copy["text"].startswith("Sales rose to $5.2 billion, up ") and copy["text"].endswith(" work abroad (see 2.1).")
    assert "$0.4 billion or 8.3%" not in copy["text"] and "300 (25.0%)" not in copy["text"]
    pieces = {copy["text"][q["start"]:q["end"]] for q in copy["quantities"]}
    assert pieces == {"$5.2 billion", "$0.4 billion", "8.3%", "1,200", "300", "25.0%", "2.1"}


def test_no_restated_copy_without_a_restatement_side_by_side():
    # the bracket holds more than the figure, and the other pair is no check's restatement
    doc = _doc("Of 1,200 staff, 300 (25.0% of them) work abroad; 40 or 50 more may go.",
               ["1,200", "300", "25.0%", "40", "50"], [{"kind": "share", "quantities": ["q3", "q2", "q1"]}])
    assert restated_copy(doc) is None


@pytest.mark.parametrize("seed", range(8))
def test_a_reformatted_copy_prints_the_same_values_in_one_other_style(seed):
    from numcheck.checks.figure import make_figure
    from numcheck.schema import Quantity

    text = ("Revenue was $2.571 billion in 2024, up 12.5% from $2,285.3 million; 1,204,331 of the "
            "1,310,000 customers (91.9%) renewed, and 4 tons and 714 kilograms were shipped.")
    doc = _doc(text, ["$2.571 billion", "2024", "12.5%", "$2,285.3 million", "1,204,331", "1,310,000", "91.9%",
                      "4 tons and 714 kilograms"], [{"kind": "share", "quantities": ["q7", "q5", "q6"]}])
    kinds = ["MONEY", "DATE", "CHANGE", "MONEY", "COUNT", "COUNT", "PERCENT", "MEASURE"]
    for q, k in zip(doc["quantities"], kinds, strict=True):
        q["kind"] = k
    copy = reformatted_copy(doc, seed)
    assert copy is not None and copy["text"] != text and copy["checks"] == doc["checks"]

    def value(d, q):
        t = d["text"][q["start"]:q["end"]]
        return make_figure(Quantity(id="q", start=0, end=len(t), text=t, kind=q["kind"]), t).value

    for old, new in zip(doc["quantities"], copy["quantities"], strict=True):
        assert value(copy, new) == value(doc, old), copy["text"][new["start"]:new["end"]]
    assert copy["text"][copy["quantities"][1]["start"]:copy["quantities"][1]["end"]] == "2024"
    # one style for the whole document: the two large counts are grouped alike
    big = [copy["text"][q["start"]:q["end"]] for q in copy["quantities"][4:6]]
    assert len({b[1] if b[1] in ", " else "" for b in big}) == 1, big


def test_no_reformatted_copy_of_a_document_printed_in_another_style():
    doc = _doc("Of 15 980 applications, 91,1% were granted.", ["15 980", "91,1%"], [])
    doc["quantities"][0]["kind"], doc["quantities"][1]["kind"] = "COUNT", "PERCENT"
    assert reformatted_copy(doc) is None


def test_the_confirmed_calibration_learns_what_a_tight_agreement_says():
    from numcheck.models.relations import Calibration
    from numcheck.training.relations import fit_calibration

    rng = np.random.default_rng(0)
    rows = []
    for _ in range(400):
        raw, tight = float(rng.uniform(0.01, 0.5)), bool(rng.random() < 0.5)
        # figures agreeing to 1 part in 10,000 are nearly always related; within a fifth, seldom
        rows.append(("sum", raw, bool(rng.random() < (0.9 if tight else 0.1)), 1e-4 if tight else 0.2))
    fitted = fit_calibration(rows, widths=True)["sum"]
    assert fitted["c"] < 0
    cal = Calibration(**fitted)
    assert cal(0.1, 1e-4) > 0.7 > 0.3 > cal(0.1, 0.2)
    assert "c" not in fit_calibration([r[:3] for r in rows])["sum"]  # a plain Platt fit has no width term
