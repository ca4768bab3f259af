"""Perturbed copies of series: the altered check is inconsistent, the others keep their gold."""

from __future__ import annotations

from numcheck.training.cross_synth import judge, make_series, perturb_each


def _series_with_an_ambiguous_check() -> dict:
    s = judge(make_series("crime", 3))
    # A series' own labels may say what the arithmetic alone cannot (dev-cross's 9.4%).
    s["cross_checks"].append({**s["cross_checks"][0], "verdict": "ambiguous"})
    return s


def test_each_copy_breaks_its_own_check_and_keeps_the_others_gold():
    s = _series_with_an_ambiguous_check()
    copies = perturb_each(s, 0)
    assert copies, "the crime series has a cross check that can be broken"
    for c in copies:
        i = int(c["id"].rsplit("-p", 1)[1])
        assert c["cross_checks"][i]["verdict"] == "inconsistent"
        doc_id, qid = (c["cross_checks"][i]["quantities"][0] if c["cross_checks"][i]["kind"] == "change"
                       else c["cross_checks"][i]["quantities"][1])
        for j, (old, new) in enumerate(zip(s["cross_checks"], c["cross_checks"], strict=True)):
            if [doc_id, qid] not in new["quantities"]:
                assert new["verdict"] == old["verdict"], j
        # offsets still name the figures' text in the altered document
        for d in c["documents"]:
            assert all(d["text"][q["start"]:q["end"]] == q["text"] for q in d["quantities"])


def test_only_consistent_checks_are_broken():
    """An ambiguous or inconsistent check is no starting point for a copy: its gold already says so."""
    s = _series_with_an_ambiguous_check()
    last = len(s["cross_checks"]) - 1
    ids = [c["id"] for c in perturb_each(s, 0)]
    assert ids and not any(i.endswith(f"-p{last}") for i in ids)
