"""Perturbed copies: one figure altered, offsets kept, the altered check made inconsistent."""

from __future__ import annotations

from numcheck.eval.perturb import perturbed_copies


def _doc():
    text = "Of 2,000 thefts, 450 (22.5%) were car thefts; thefts fell 7% from 2,150."
    spans = [("2,000", "COUNT"), ("450", "COUNT"), ("22.5%", "PERCENT"), ("7%", "CHANGE"), ("2,150", "COUNT")]
    qs, pos = [], 0
    for i, (t, k) in enumerate(spans, 1):
        start = text.index(t, pos)
        qs.append({"id": f"q{i}", "start": start, "end": start + len(t), "text": t, "kind": k})
        pos = start + len(t)
    return {"id": "d", "text": text, "quantities": qs,
            "checks": [{"kind": "share", "quantities": ["q3", "q2", "q1"], "verdict": "consistent"},
                       {"kind": "change", "quantities": ["q4", "q5", "q1"], "verdict": "consistent"}]}


def test_copies_keep_offsets_and_mark_the_altered_figure():
    copies = perturbed_copies([_doc()], seed=3)
    assert copies
    for c in copies:
        for q in c["quantities"]:
            assert c["text"][q["start"] : q["end"]] == q["text"]
        marked = [k for k in c["checks"] if "[Perturbed:" in k.get("note", "")]
        assert len(marked) == 1 and marked[0]["verdict"] == "inconsistent"
        assert c["text"] != _doc()["text"]


def test_every_check_is_recomputed_after_the_alteration():
    for c in perturbed_copies([_doc()], seed=5):
        altered = c["checks"][int(c["id"].split("~c")[1])]["note"].split("[Perturbed: ")[1].split()[0]
        if altered == "q1":  # the whole of the share is also the new level of the change
            assert [k["verdict"] for k in c["checks"]].count("inconsistent") >= 1
