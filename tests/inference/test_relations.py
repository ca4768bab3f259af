"""The relation stage around the head: candidates, decoding under constraints, abstention.

The head itself is replaced by `FakeScorer`, which gives the links a test names, so each test
says in one line which links the model believes and asserts what the decoder and the checker
make of them.
"""

from __future__ import annotations

import numpy as np
import pytest

from numcheck.inference.relations import (
    LINKS,
    MAX_SENTENCES,
    Link,
    Scored,
    Thresholds,
    build_doc,
    candidates,
    choose,
    decode,
    link_and_check,
)
from numcheck.checks.relation import Relation
from numcheck.schema import CheckKind, Document, Verdict
from tests.conftest import marked


class FakeScorer:
    """Link probabilities by the printed texts of the two figures: {(a, b): {link: p}}."""

    def __init__(self, links: dict[tuple[str, str], dict[Link, float]]) -> None:
        self.links = links

    def score(self, doc, pairs):
        out = np.zeros((len(pairs), len(LINKS)), dtype=np.float32)
        for r, p in enumerate(pairs):
            got = self.links.get((doc.figures[p.a].text, doc.figures[p.b].text), {})
            for link, prob in got.items():
                if link in p.allowed:
                    out[r, LINKS.index(link)] = prob
        return out


def _run(source: str, links, **kw):
    text, qs = marked(source)
    return link_and_check(Document(id="t", text=text), qs, None, FakeScorer(links), **kw)


def test_thresholds_take_no_part():
    text, qs = marked("Of [2,000|COUNT] patients, [450|COUNT] had levels <[100|MEASURE|mg/dL] and stayed "
                      "[26 months|MEASURE|months].")
    doc = build_doc(text, qs, None)
    assert [f.text for f in doc.figures] == ["2,000", "450", "26 months"]
    assert doc.excluded == {"q3"}


def test_candidates_stay_within_a_few_sentences():
    far = " ".join(["Nothing here."] * (MAX_SENTENCES + 1))
    text, qs = marked(f"Police recorded [2,000|COUNT] thefts. {far} Of them [450|COUNT] were car thefts.")
    doc = build_doc(text, qs, None)
    assert candidates(doc) == []
    text, qs = marked("Police recorded [2,000|COUNT] thefts. Of them [450|COUNT] were car thefts.")
    doc = build_doc(text, qs, None)
    assert {(p.a, p.b) for p in candidates(doc)} == {(0, 1), (1, 0)}


def test_candidates_grow_linearly_with_figures():
    text, qs = marked(" ".join(f"Item [{i}|COUNT] costs [{i + 1}.5%|PERCENT]." for i in range(1000)))
    pairs = candidates(build_doc(text, qs, None))
    assert len(pairs) <= 2000 * 25


@pytest.mark.parametrize(
    ("source", "links", "kind", "members"),
    [
        ("[94.4%|PERCENT] or [31,526|COUNT] of the [33,379|COUNT] crimes",
         {("94.4%", "31,526"): {Link.share_part: 0.9}, ("94.4%", "33,379"): {Link.share_whole: 0.9}},
         "share", ("q1", "q2", "q3")),
        ("thefts fell [7%|CHANGE] from [227,275|COUNT] to [211,994|COUNT]",
         {("7%", "227,275"): {Link.change_old: 0.9}, ("7%", "211,994"): {Link.change_new: 0.9}},
         "change", ("q1", "q2", "q3")),
        ("[824|COUNT] people were released: [449|COUNT] from prisons and [375|COUNT] from cells",
         {("449", "824"): {Link.item_of: 0.9}, ("375", "824"): {Link.item_of: 0.8}},
         "sum", ("q2", "q3", "q1")),
        ("[6,055|COUNT] citizens, including [4,468|COUNT] from the regions",
         {("4,468", "6,055"): {Link.part_of: 0.9}}, "part_whole", ("q2", "q1")),
        ("[60.5%|PERCENT] valid, [39.5%|PERCENT] spoilt",
         {("60.5%", "39.5%"): {Link.pct_sibling: 0.9}, ("39.5%", "60.5%"): {Link.pct_sibling: 0.9}},
         "sum", ("q1", "q2", "100%")),
    ],
)
def test_decoding_builds_each_kind_from_its_links(source, links, kind, members):
    result = _run(source, links)
    assert [(c.kind.value, tuple(c.quantities)) for c in result.checks] == [(kind, members)]
    assert result.checks[0].verdict is Verdict.consistent
    assert 0 < result.checks[0].score <= 1


def test_a_change_needs_two_levels_of_one_scale():
    text, qs = marked("rose [3%|CHANGE] from [40.1%|PERCENT] of [2,000|COUNT] cases")
    doc = build_doc(text, qs, None)
    scorer = FakeScorer({("3%", "40.1%"): {Link.change_old: 0.9}, ("3%", "2,000"): {Link.change_new: 0.9}})
    pairs = candidates(doc)
    probs = scorer.score(doc, pairs)
    groups = decode(doc, Scored({(p.a, p.b): probs[r] for r, p in enumerate(pairs)}))
    assert not [r for g in groups for r in g if r.kind is CheckKind.change and r.members[1] is not None]


def test_an_unsure_contradiction_is_a_question_not_a_finding():
    links = {("94.4%", "31,526"): {Link.share_part: 0.8}, ("94.4%", "33,379"): {Link.share_whole: 0.8}}
    source = "[90.4%|PERCENT] or [31,526|COUNT] of the [33,379|COUNT] crimes"
    links = {("90.4%", k[1]): v for k, v in links.items()}
    low = _run(source, links, thresholds=Thresholds(keep=0.3, flag=0.9))
    assert low.checks == [] and [c.verdict for c in low.unconfirmed] == [Verdict.inconsistent]
    high = _run(source, links, thresholds=Thresholds(keep=0.3, flag=0.5))
    assert [c.verdict for c in high.checks] == [Verdict.inconsistent] and high.unconfirmed == []


def test_below_the_flag_threshold_the_alternative_the_arithmetic_confirms_is_reported():
    # the likelier whole gives 22.5% only with the other part; the model is unsure between them
    source = "Of [2,000|COUNT] thefts and [1,000|COUNT] robberies, [450|COUNT] ([22.5%|PERCENT]) were solved"
    links = {("22.5%", "450"): {Link.share_part: 0.9},
             ("22.5%", "1,000"): {Link.share_whole: 0.7}, ("22.5%", "2,000"): {Link.share_whole: 0.6}}
    result = _run(source, links, thresholds=Thresholds(keep=0.3, flag=0.9))
    assert [(tuple(c.quantities), c.verdict) for c in result.checks] == [(("q4", "q3", "q1"), Verdict.consistent)]


_TWO_FORMS = "Meals reached [184,600|COUNT], up from [171,900|COUNT] (an increase of [12,700|CHANGE], or [7.4%|CHANGE])"
_TWO_FORMS_LINKS = {("7.4%", "184,600"): {Link.change_new: 0.9}, ("7.4%", "12,700"): {Link.change_twin: 0.9},
                    ("7.4%", "171,900"): {Link.change_old: 0.5}}


def test_a_change_in_both_forms_is_read_with_its_old_level_when_the_arithmetic_confirms_it():
    result = _run(_TWO_FORMS, _TWO_FORMS_LINKS, thresholds=Thresholds(keep=0.3, flag=0.5))
    change = [c for c in result.checks if c.quantities[0] == "q4"]
    assert [(tuple(c.quantities), c.verdict) for c in change] == [(("q4", "q2", "q1"), Verdict.consistent)]


def test_a_change_in_both_forms_does_not_take_an_old_level_the_arithmetic_rejects():
    # the old level the head links is another figure: the reading without it is reported
    source = _TWO_FORMS.replace("up from [171,900|COUNT]", "up from last year; schools [4,120|COUNT]")
    links = {**_TWO_FORMS_LINKS, ("7.4%", "4,120"): {Link.change_old: 0.5}}
    del links[("7.4%", "171,900")]
    result = _run(source, links, thresholds=Thresholds(keep=0.3, flag=0.5))
    assert [(tuple(c.quantities), c.verdict) for c in result.checks if c.quantities[0] == "q4"] == [
        (("q4", None, "q1"), Verdict.consistent)]
    # and a printed error is flagged in the reading without the doubtful old level
    wrong = _run(source.replace("[7.4%|CHANGE]", "[9.4%|CHANGE]"), {(k[0].replace("7.4", "9.4"), k[1]): v for k, v in links.items()},
                 thresholds=Thresholds(keep=0.3, flag=0.5))
    assert [(tuple(c.quantities), c.verdict) for c in wrong.checks if c.quantities[0] == "q4"] == [
        (("q4", None, "q1"), Verdict.inconsistent)]


def test_choose_never_flags_a_rate_against_an_outside_population():
    def run(r):
        from numcheck.schema import Check

        return Check(kind=r.kind, quantities=list(r.members), verdict=Verdict.inconsistent), []

    rel = Relation(CheckKind.rate, ("q1", "q2", "ref:population"), 0.99)
    chosen = choose([rel], run, Thresholds(keep=0.3, flag=0.5))
    assert chosen is not None and chosen[3] is False


def test_a_contradiction_ten_times_off_is_a_finding_only_when_one_misprint_explains_it():
    th = Thresholds(keep=0.3, flag=0.5)
    links = {("36%", "1.04 million"): {Link.change_old: 0.95}, ("36%", "14.1 million"): {Link.change_new: 0.95}}
    slip = _run("Admissions rose by [36%|CHANGE] from [1.04 million|COUNT] to [14.1 million|COUNT].", links,
                thresholds=th)
    [flag] = slip.checks
    assert flag.verdict is Verdict.inconsistent and "10.4 million (the decimal point moved)" in flag.explanation
    # the two ends of a range read as a change: 100% against a stated 0.2%, which no single
    # misprint of one figure explains
    links = {("0.2%", "£1.8 billion"): {Link.change_old: 0.95}, ("0.2%", "£3.6 billion"): {Link.change_new: 0.95}}
    ranged = _run("GDP may grow by [0.2%|CHANGE] ([£1.8 billion|MONEY] to [£3.6 billion|MONEY]).", links, thresholds=th)
    assert ranged.checks == [] and [c.verdict for c in ranged.unconfirmed] == [Verdict.inconsistent]
    assert "no single misprint" in ranged.unconfirmed[0].explanation
    # a small contradiction needs no misprint to be a finding
    near = _run("Admissions rose by [36%|CHANGE] from [10.4 million|COUNT] to [15.1 million|COUNT].",
                {(k[0], k[1].replace("1.04", "10.4").replace("14.1", "15.1")): v for k, v in
                 {("36%", "1.04 million"): {Link.change_old: 0.95}, ("36%", "14.1 million"): {Link.change_new: 0.95}}.items()},
                thresholds=th)
    assert [c.verdict for c in near.checks] == [Verdict.inconsistent] and "misprint" not in near.checks[0].explanation


def test_a_contradiction_one_slip_explains_is_a_finding_from_the_slip_threshold():
    links = {("68.0%", "1,522"): {Link.share_part: 0.8}, ("68.0%", "2,416"): {Link.share_whole: 0.8}}
    source = "Of the [2,416|COUNT] claims, [1,522|COUNT] ([68.0%|PERCENT]) were paid."

    def run(slip: float, *swaps: tuple[str, str]):
        text, moved = source, dict(links)
        for old, new in swaps:
            text = text.replace(old, new)
            moved = {(k[0].replace(old, new), k[1].replace(old, new)): v for k, v in moved.items()}
        return _run(text, moved, thresholds=Thresholds(keep=0.1, flag=0.9, slip=slip))

    def question(result) -> bool:
        return result.checks == [] and [c.verdict for c in result.unconfirmed] == [Verdict.inconsistent]

    # 1,522 / 2,416 is 63.0%: "68.0%" is one digit off, and the link is below the flag threshold
    [finding] = run(0.5).checks
    assert finding.verdict is Verdict.inconsistent and "68.0% may be a misprint of 63.0%" in finding.explanation
    assert finding.score < 0.9
    assert question(run(1.0))  # without a slip threshold
    assert question(run(0.5, ("68.0%", "71.4%")))  # no single slip makes 71.4% of it
    # "13%" has two significant digits: some slip of some figure meets so coarse a figure by chance too often
    assert question(run(0.5, ("68.0%", "13%")))
    # 63.1% misses 63.0% by less than two units of its last digit: a rounding as likely as a slip
    assert question(run(0.5, ("68.0%", "63.1%")))
    # a round figure ("2,400") was rounded: its slips mean nothing
    assert question(run(0.5, ("2,416", "2,400"), ("1,522", "1,512")))
    # a hedged figure says it is not exact
    assert question(run(0.5, ("([68.0%", "(about [68.0%")))


def test_a_contradiction_that_round_figures_explain_is_a_question():
    links = {("2.1%", "£26,500"): {Link.change_old: 0.95}, ("2.1%", "£27,000"): {Link.change_new: 0.95}}
    source = "Earnings were [£27,000|MONEY], an increase of [2.1%|CHANGE] on [£26,500|MONEY]."
    result = _run(source, links, thresholds=Thresholds(keep=0.3, flag=0.5))
    assert result.checks == [] and "rounded to the hundred" in result.unconfirmed[0].explanation
    links = {(k[0].replace("2.1", "4.1"), k[1]): v for k, v in links.items()}
    wrong = _run(source.replace("2.1%", "4.1%"), links, thresholds=Thresholds(keep=0.3, flag=0.5))
    assert [c.verdict for c in wrong.checks] == [Verdict.inconsistent]


def test_a_share_is_not_reported_again_as_part_and_whole():
    links = {("94.4%", "31,526"): {Link.share_part: 0.9}, ("94.4%", "33,379"): {Link.share_whole: 0.9},
             ("31,526", "33,379"): {Link.part_of: 0.9}}
    result = _run("[94.4%|PERCENT] or [31,526|COUNT] of the [33,379|COUNT] crimes", links)
    assert [c.kind.value for c in result.checks] == ["share"]


def test_beside_a_share_left_as_a_question_its_part_and_whole_are_reported_only_as_a_finding():
    # 31,826 is 95.3% of 33,379, not 94.4%: a contradiction the linker is unsure of (a question)
    links = {("94.4%", "31,826"): {Link.share_part: 0.6}, ("94.4%", "33,379"): {Link.share_whole: 0.6},
             ("31,826", "33,379"): {Link.part_of: 0.95}}
    result = _run("[94.4%|PERCENT] or [31,826|COUNT] of the [33,379|COUNT] crimes", links,
                  thresholds=Thresholds(keep=0.3, flag=0.9))
    assert [c.kind.value for c in result.unconfirmed] == ["share"] and result.checks == []
    # a part larger than its whole stays a finding beside the doubtful share
    result = _run("[94.4%|PERCENT] or [33,526|COUNT] of the [31,379|COUNT] crimes",
                  {("94.4%", "33,526"): {Link.share_part: 0.6}, ("94.4%", "31,379"): {Link.share_whole: 0.6},
                   ("33,526", "31,379"): {Link.part_of: 0.95}}, thresholds=Thresholds(keep=0.3, flag=0.9))
    assert [(c.kind.value, c.verdict.value) for c in result.checks] == [("part_whole", "inconsistent")]


def test_a_contradiction_between_amounts_of_different_scales_or_a_share_above_100_is_no_finding():
    from numcheck.checks.figure import make_figure
    from numcheck.checks.relation import Relation
    from numcheck.inference.relations import _plausible
    from numcheck.schema import Check, CheckKind, Quantity

    text = "Grants were $65.8 requested, down $76.8 million, -54%, and 12 sites fell 4% to 24 sites."
    spans = [("$65.8", "MONEY"), ("$76.8 million", "MONEY"), ("-54%", "CHANGE"), ("12", "COUNT"), ("4%", "CHANGE"), ("24", "COUNT")]
    figs = {}
    for i, (t, kind) in enumerate(spans, start=1):
        at = text.index(t)
        figs[f"q{i}"] = make_figure(Quantity(id=f"q{i}", start=at, end=at + len(t), text=t, kind=kind), text)
    wrong = Check(kind="change", quantities=["q3", None, "q1"], verdict="inconsistent")
    assert not _plausible(Relation(CheckKind.change, ("q3", None, "q1"), 0.9, delta="q2"), wrong, figs)
    same_scale = Check(kind="change", quantities=["q5", "q4", "q6"], verdict="inconsistent")
    assert _plausible(Relation(CheckKind.change, ("q5", "q4", "q6"), 0.9), same_scale, figs)
    share = Check(kind="share", quantities=["q5", "q6", "q4"], verdict="inconsistent", expected=200.0)
    assert not _plausible(Relation(CheckKind.share, ("q5", "q6", "q4"), 0.9), share, figs)


def test_a_change_stated_as_an_amount_a_thousand_times_off_its_levels_difference_is_no_finding():
    from numcheck.checks.figure import make_figure
    from numcheck.checks.relation import Relation, check_relation
    from numcheck.inference.relations import _plausible
    from numcheck.schema import CheckKind, Quantity

    def judged(text, spans):
        figs = {}
        for i, (t, kind) in enumerate(spans, start=1):
            at = text.index(t)
            figs[f"q{i}"] = make_figure(Quantity(id=f"q{i}", start=at, end=at + len(t), text=t, kind=kind), text)
        relation = Relation(CheckKind.change, ("q1", "q2", "q3"), 0.9)
        check, _ = check_relation(text, figs, relation)
        assert check.verdict.value == "inconsistent"
        return _plausible(relation, check, figs)

    # 6 against a difference of 20,761: the 6 is of something else
    assert not judged("Cases fell by 6, from 10,118 to 30,879.", [("6", "CHANGE"), ("10,118", "COUNT"), ("30,879", "COUNT")])
    # a small change of large levels, misprinted: 5 against 10, still a finding
    assert judged("Cases rose by 5, from 29,990 to 30,000.", [("5", "CHANGE"), ("29,990", "COUNT"), ("30,000", "COUNT")])


def test_a_relation_the_arithmetic_confirms_is_judged_on_its_confirmed_score():
    # the model is unsure of the share (0.4 x 0.4); once the figures agree it is likely right
    links = {("22.5%", "450"): {Link.share_part: 0.4}, ("22.5%", "2,000"): {Link.share_whole: 0.4}}
    source = "[450|COUNT] of [2,000|COUNT] thefts ([22.5%|PERCENT]) were solved"
    thresholds = Thresholds(keep=0.3, flag=0.9, min_link=0.05)
    assert _run(source, links, thresholds=thresholds).checks == []
    confirm = lambda kind, raw, width: 0.8  # noqa: E731 - a calibration that trusts confirmed shares
    result = _run(source, links, thresholds=thresholds, confirm=confirm)
    assert [(c.kind.value, c.verdict, c.score) for c in result.checks] == [("share", Verdict.consistent, 0.8)]
    # a contradiction is never judged on the confirmed score
    wrong = _run(source.replace("22.5%", "32.5%"), {("32.5%", k[1]): v for k, v in links.items()},
                 thresholds=thresholds, confirm=confirm)
    assert wrong.checks == []


def test_a_tight_agreement_is_stronger_evidence_than_a_loose_one():
    # the same faint links; the confirmed calibration reads how closely the figures agree
    from numcheck.models.relations import Calibration

    faint = {Link.share_part: 0.3}, {Link.share_whole: 0.3}
    thresholds = Thresholds(keep=0.3, flag=0.9, min_link=0.05)
    confirm = lambda kind, raw, width: Calibration(1.0, 0.0, -0.5)(raw, width)  # noqa: E731

    def reported(part, whole, pct):
        links = {(pct, part): faint[0], (pct, whole): faint[1]}
        source = f"Of [{whole}|COUNT] thefts, [{part}|COUNT] ([{pct}|PERCENT]) were solved"
        return [c.kind.value for c in _run(source, links, thresholds=thresholds, confirm=confirm).checks]

    assert reported("3,263", "24,566", "13.28%") == ["share"]  # agrees to 1 part in 1,000
    assert reported("3", "23", "13%") == []  # 3 of 23 is 13.04%: agrees, but so would many pairs
    confirm = lambda kind, raw, width: Calibration(1.0, 0.0, -0.5)(raw)  # noqa: E731 - no width: neither
    assert reported("3,263", "24,566", "13.28%") == reported("3", "23", "13%") == []


def test_counts_of_things_named_apart_still_add_up_but_currencies_do_not():
    # the counted thing is the unit of a count, and releases name it in words that vary
    source = ("Of [2,400|COUNT|crimes] recorded, [1,500|COUNT|thefts] were minor, [700|COUNT|offences] "
              "serious and [200|COUNT|cases] grave.")
    links = {(x, "2,400"): {Link.item_of: 0.02} for x in ("1,500", "700", "200")}
    confirm = lambda kind, raw, width: 0.5 if raw > 0 else 0.0  # noqa: E731 - trusts any linked, confirmed reading
    thresholds = Thresholds(keep=0.1, flag=0.9, min_link=0.05)
    result = _run(source, links, thresholds=thresholds, confirm=confirm)
    assert [(c.kind.value, tuple(c.quantities), c.verdict) for c in result.checks] == [
        ("sum", ("q2", "q3", "q4", "q1"), Verdict.consistent)]
    money = ("Of [$2,400|MONEY|USD] raised, [$1,500|MONEY|USD] came in May, [€700|MONEY|EUR] in June and "
             "[$200|MONEY|USD] in July.")
    links = {(x, "$2,400"): {Link.item_of: 0.02} for x in ("$1,500", "€700", "$200")}
    assert _run(money, links, thresholds=thresholds, confirm=confirm).checks == []


def test_a_stray_figure_taken_for_an_item_does_not_hide_the_sum_of_the_others():
    source = ("Of [60|COUNT] cases, [10|COUNT] were in May, [20|COUNT] in June and [30|COUNT] in July; "
              "[4|COUNT] were new.")
    links = {(x, "60"): {Link.item_of: 0.6} for x in ("10", "20", "30")} | {("4", "60"): {Link.item_of: 0.5}}
    result = _run(source, links, thresholds=Thresholds(keep=0.1, flag=0.9, min_link=0.05))
    assert [(c.kind.value, tuple(c.quantities), c.verdict) for c in result.checks] == [
        ("sum", ("q2", "q3", "q4", "q1"), Verdict.consistent)]


def test_a_contradiction_is_a_finding_only_when_its_reading_is_clear():
    source = ("Of [1,240|COUNT] accidents, [5,380|COUNT] calls and [4,915|COUNT] visits, [212|COUNT] "
              "([17.9%|PERCENT]) were late")
    part = {("17.9%", "212"): {Link.share_part: 0.97}}
    thresholds = Thresholds(keep=0.1, flag=0.3, min_link=0.05)

    def wholes(*ps):
        return part | {("17.9%", w): {Link.share_whole: p} for w, p in zip(("1,240", "5,380", "4,915"), ps)}

    sure = _run(source, wholes(0.8, 0.1, 0.05), thresholds=thresholds)
    assert [(tuple(c.quantities), c.verdict) for c in sure.checks] == [(("q5", "q4", "q1"), Verdict.inconsistent)]
    torn = _run(source, wholes(0.35, 0.32, 0.3), thresholds=thresholds)  # each above the flag threshold
    assert torn.checks == [] and [c.verdict for c in torn.unconfirmed] == [Verdict.inconsistent]


def test_percents_that_total_100_are_proposed_as_a_split_the_linker_is_unsure_of():
    source = ("Of the [1,200|COUNT] replies, [61%|PERCENT] backed the plan, [27%|PERCENT] opposed it and "
              "[12%|PERCENT] had no view; turnout rose [4%|CHANGE].")
    weak = {(a, b): {Link.pct_sibling: 0.05} for a in ("61%", "27%", "12%") for b in ("61%", "27%", "12%") if a != b}
    thresholds = Thresholds(keep=0.1, flag=0.9, min_link=0.02)
    confirm = lambda kind, raw, width: 0.5 if raw > 0 else 0.0  # noqa: E731 - trusts any linked, confirmed reading
    result = _run(source, weak, thresholds=thresholds, confirm=confirm)
    assert [(c.kind.value, tuple(c.quantities), c.verdict) for c in result.checks] == [
        ("sum", ("q2", "q3", "q4", "100%"), Verdict.consistent)]
    # judged as a confirmed reading: without the linker's belief in any of its links, nothing
    assert _run(source, {}, thresholds=thresholds, confirm=confirm).checks == []
    # a split that does not total 100 within rounding is not proposed, so never flagged on arithmetic alone
    off = _run(source.replace("12%", "19%"), {(a.replace("12%", "19%"), b.replace("12%", "19%")): v
                                             for (a, b), v in weak.items()}, thresholds=thresholds, confirm=confirm)
    assert off.checks == [] and off.unconfirmed == []
    # rounding: 33.3% three times is a split, 33% three times (99 within 1.5) too, 30% three times not
    for shares, split in (("33.3%", True), ("33%", True), ("30%", False)):
        text = f"Each of three groups got [{shares}|PERCENT], [{shares}|PERCENT] and [{shares}|PERCENT] of the funds."
        links = {(shares, shares): {Link.pct_sibling: 0.05}}
        got = _run(text, links, thresholds=thresholds, confirm=confirm)
        assert bool(got.checks) is split, shares


def test_a_hedged_or_unprinted_percent_takes_no_part_in_an_exact_split():
    links = {("half", "50%"): {Link.pct_sibling: 0.3}, ("50%", "half"): {Link.pct_sibling: 0.3},
             ("50%", "50%"): {Link.pct_sibling: 0.3}}
    thresholds = Thresholds(keep=0.1, flag=0.9, min_link=0.02)
    confirm = lambda kind, raw, width: 0.5  # noqa: E731
    for first, split in (("[50%|PERCENT]", True), ("[half|PERCENT]", False), ("about [50%|PERCENT]", False)):
        result = _run(f"{first} of men and [50%|PERCENT] of women voted.", links, thresholds=thresholds, confirm=confirm)
        assert bool(result.checks) is split, first


def test_a_finding_whose_figure_follows_from_other_figures_is_a_question():
    source = ("Of [1,000|COUNT] robberies, [300|COUNT] were solved; of [2,000|COUNT] thefts, [450|COUNT] "
              "([22.5%|PERCENT]) were.")
    sure = {("22.5%", "300"): {Link.share_part: 0.97}, ("22.5%", "1,000"): {Link.share_whole: 0.97}}
    thresholds = Thresholds(keep=0.1, flag=0.5, min_link=0.05)
    alone = _run(source, sure, thresholds=thresholds)
    assert [(c.kind.value, c.verdict) for c in alone.checks] == [("share", Verdict.inconsistent)]
    # a faint link, below min_link, to the part and whole that give exactly 22.5%
    faint = sure | {("22.5%", "450"): {Link.share_part: 0.01}, ("22.5%", "2,000"): {Link.share_whole: 0.01}}
    doubted = _run(source, faint, thresholds=thresholds)
    assert doubted.checks == [] and [(c.kind.value, c.verdict) for c in doubted.unconfirmed] == [
        ("share", Verdict.inconsistent)]
    # the question says why, with the arithmetic that agrees
    assert "Not a finding: 450 / 2,000 × 100 = 22.5%" in doubted.unconfirmed[0].explanation
    # the faint reading must agree: 451 of 2,000 is not 22.5%
    wrong = _run(source.replace("450", "461"), {(a, b.replace("450", "461")): v for (a, b), v in faint.items()},
                 thresholds=thresholds)
    assert [(c.kind.value, c.verdict) for c in wrong.checks] == [("share", Verdict.inconsistent)]


@pytest.mark.parametrize(("good_share", "finding"), [("44%", False), ("20%", True)])
def test_two_shares_of_one_unprinted_whole_are_no_finding(good_share, finding):
    # 42,000 is not 7% of 272,000; both are shares of some 620,000 bridges, as 7/44 = 42,000/272,000
    source = (f"[272,000|COUNT] bridges ([{good_share}|PERCENT]) were in good condition and "
              "[42,000|COUNT] ([7%|PERCENT]) in poor condition.")
    links = {("7%", "42,000"): {Link.share_part: 0.97}, ("7%", "272,000"): {Link.share_whole: 0.97},
             (good_share, "272,000"): {Link.share_part: 0.01}}
    result = _run(source, links, thresholds=Thresholds(keep=0.1, flag=0.5, min_link=0.05))
    flagged = [c for c in result.checks if c.verdict is Verdict.inconsistent]
    assert bool(flagged) is finding
    if not finding:
        assert [c.kind.value for c in result.unconfirmed] == ["share"]
        assert "42,000 (7%) and 272,000 (44%) may be shares of one whole" in result.unconfirmed[0].explanation


def test_amounts_that_add_up_to_a_total_beside_them_are_proposed_as_its_items():
    source = "Of the [2,400|COUNT] claims, [1,500|COUNT] were paid, [700|COUNT] refused and [200|COUNT] withdrawn."
    weak = {(x, "2,400"): {Link.item_of: 0.03} for x in ("1,500", "700", "200")}
    thresholds = Thresholds(keep=0.1, flag=0.9, min_link=0.05)  # each item link below min_link
    confirm = lambda kind, raw, width: 0.5 if raw > 0 else 0.0  # noqa: E731
    result = _run(source, weak, thresholds=thresholds, confirm=confirm)
    assert [(c.kind.value, tuple(c.quantities), c.verdict) for c in result.checks] == [
        ("sum", ("q2", "q3", "q4", "q1"), Verdict.consistent)]
    # no item linked at all: not proposed; a total the items do not give: not proposed, so never flagged
    assert _run(source, {}, thresholds=thresholds, confirm=confirm).checks == []
    off = _run(source.replace("2,400", "2,500"), {(a, "2,500"): v for (a, _), v in weak.items()},
               thresholds=thresholds, confirm=confirm)
    assert off.checks == [] and off.unconfirmed == []


def test_a_count_before_another_figure_s_rate_base_may_be_that_rate_s_count():
    # "per 100,000" belongs to 164.6, printed right before it, not to the count 1,927: the count
    # stays a count, so it can be the rate's count and the check is made
    source = ("Police recorded [1,927|COUNT] drug offences in 2024, or [164.6|RATE] per 100,000 residents. "
              "The province had [1,246,318|COUNT] residents.")
    text, qs = marked(source)
    doc = build_doc(text, qs, None)
    pairs = {(doc.figures[p.a].text, doc.figures[p.b].text): p.allowed for p in candidates(doc)}
    assert Link.rate_count in pairs[("164.6", "1,927")]
    result = _run(source, {("164.6", "1,927"): {Link.rate_count: 0.99},
                           ("164.6", "1,246,318"): {Link.rate_pop: 0.99}},
                  thresholds=Thresholds(keep=0.5, flag=0.9))
    rates = [c for c in result.checks if c.kind is CheckKind.rate]
    assert [c.verdict for c in rates] == [Verdict.inconsistent], [c.explanation for c in rates]


def test_a_whole_or_population_the_ratio_fits_is_proposed_for_a_linked_part_or_count():
    thresholds = Thresholds(keep=0.1, flag=0.9, min_link=0.05)
    confirm = lambda kind, raw, width: 0.5 if raw > 0 else 0.0  # noqa: E731 - trusts any linked, confirmed reading
    # the part is linked, the whole only faintly (below min_link), a wrong whole more strongly
    source = ("The force recorded [24,566|COUNT] crimes and solved [18,102|COUNT]. Of the crimes, "
              "[3,263|COUNT] ([13.3%|PERCENT]) were grave.")
    links = {("13.3%", "3,263"): {Link.share_part: 0.9}, ("13.3%", "24,566"): {Link.share_whole: 0.01},
             ("13.3%", "18,102"): {Link.share_whole: 0.4}}
    result = _run(source, links, thresholds=thresholds, confirm=confirm)
    assert [(c.kind.value, tuple(c.quantities), c.verdict) for c in result.checks] == [
        ("share", ("q4", "q3", "q1"), Verdict.consistent)]
    # no whole gives the printed share: nothing is proposed, and the linker's reading stays a question
    off = _run(source.replace("24,566", "25,566"), {(a, b.replace("24,566", "25,566")): v for (a, b), v in links.items()},
               thresholds=thresholds, confirm=confirm)
    assert off.checks == [] and [tuple(c.quantities) for c in off.unconfirmed] == [("q4", "q3", "q2")]
    # too coarse a share ("13%" admits 12.5 to 13.5) proposes nothing the linker did not decode
    coarse = _run(source.replace("13.3%", "13%"), {(a.replace("13.3%", "13%"), b): v for (a, b), v in links.items()},
                  thresholds=thresholds, confirm=confirm)
    assert [tuple(c.quantities) for c in coarse.checks] == []
    # a rate per one of something: the count is linked, the divisor found by the arithmetic
    rate = ("The courts received [58,431|COUNT] cases. With [412|COUNT] judges sitting, the caseload averaged "
            "[141.8|RATE] cases per judge.")
    got = _run(rate, {("141.8", "58,431"): {Link.rate_count: 0.3}, ("141.8", "412"): {Link.rate_pop: 0.001}},
               thresholds=thresholds, confirm=confirm)
    assert [(c.kind.value, tuple(c.quantities), c.verdict) for c in got.checks] == [
        ("rate", ("q3", "q1", "q2"), Verdict.consistent)]


def test_a_reading_the_arithmetic_confirms_comes_before_one_it_cannot_judge():
    # the likelier reading is against the country's population (unverifiable without one); the
    # population printed in the text gives the rate exactly
    source = ("The province registered [11,437|COUNT] births in 2024. Its population was [1,246,318|COUNT]. "
              "The birth rate was [9.2|RATE] per 1,000 population.")
    links = {("9.2", "11,437"): {Link.rate_count: 0.6}, ("9.2", "1,246,318"): {Link.rate_pop: 0.2}}
    result = _run(source, links, thresholds=Thresholds(keep=0.1, flag=0.9, min_link=0.05))
    assert [(c.kind.value, tuple(c.quantities), c.verdict) for c in result.checks] == [
        ("rate", ("q3", "q1", "q2"), Verdict.consistent)]


def test_a_change_takes_the_level_the_arithmetic_puts_where_the_linker_is_unsure():
    thresholds = Thresholds(keep=0.1, flag=0.9, min_link=0.05)
    confirm = lambda kind, raw, width: 0.5 if raw > 0 else 0.0  # noqa: E731
    # in both forms: the linker links a wrong old level; the one its two forms put 912 away is taken
    row = "Thefts [9,120|COUNT] [8,034|COUNT] [7,122|COUNT] [-912|CHANGE] [-11.4%|CHANGE]"
    links = {("-11.4%", "7,122"): {Link.change_new: 0.9}, ("-11.4%", "-912"): {Link.change_twin: 0.5},
             ("-11.4%", "9,120"): {Link.change_old: 0.3}, ("-11.4%", "8,034"): {Link.change_old: 0.001}}
    got = _run(row, links, thresholds=thresholds, confirm=confirm)
    assert [(tuple(c.quantities), c.verdict) for c in got.checks if c.quantities[0] == "q5"] == [
        (("q5", "q2", "q3"), Verdict.consistent)]
    # in percent only: the new level is linked, the old one found by the ratio of the two
    prose = ("Robbery fell [24.4 percent|CHANGE], from [123|COUNT] cases in 2015 to [93|COUNT] in 2016, "
             "and thefts to [410|COUNT].")
    links = {("24.4 percent", "93"): {Link.change_new: 0.8}, ("24.4 percent", "123"): {Link.change_old: 0.002},
             ("24.4 percent", "410"): {Link.change_old: 0.3}}
    got = _run(prose, links, thresholds=thresholds, confirm=confirm)
    assert [(tuple(c.quantities), c.verdict) for c in got.checks] == [(("q1", "q2", "q3"), Verdict.consistent)]
    # no level at the ratio the change states: nothing is proposed, and the linker's reading stays a question
    off = _run(prose.replace("123", "128"), {(a, b.replace("123", "128")): v for (a, b), v in links.items()},
               thresholds=thresholds, confirm=confirm)
    assert off.checks == [] and [tuple(c.quantities) for c in off.unconfirmed] == [("q1", "q4", "q3")]
