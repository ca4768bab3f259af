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


def test_running_totals_add_up_and_leave_the_rest_of_the_series_as_it_was():
    import random

    from numcheck.training.cross_synth import perturb_check

    for dom, seed in (("crime", 3), ("health", 4), ("tourism", 5)):
        plain, with_sums = judge(make_series(dom, seed)), judge(make_series(dom, seed, sums=True))
        sums = [c for c in with_sums["cross_checks"] if c["kind"] == "sum"]
        assert sums and all(c["verdict"] == "consistent" and c["expected"] is None for c in sums)
        # the series without running totals, then the sum checks
        assert [c for c in with_sums["cross_checks"] if c["kind"] != "sum"] == plain["cross_checks"]
        for a, b in zip(plain["documents"], with_sums["documents"], strict=True):
            assert b["text"].startswith(a["text"])
        # the earlier total is the last release's, the part and the total this release's
        for c in sums:
            (old_doc, _), (part_doc, _), (total_doc, _) = c["quantities"]
            assert old_doc != total_doc == part_doc
        i = with_sums["cross_checks"].index(sums[0])
        broken = perturb_check(with_sums, i, random.Random(0), suffix="-p")
        assert broken is None or broken["cross_checks"][i]["verdict"] == "inconsistent"
