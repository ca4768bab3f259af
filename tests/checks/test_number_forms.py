"""Number forms the checker must read as a writer means them: shares and changes in words,
Indian digit grouping, currency letters glued to the figure, a sign after a currency code, and
direction words cut by the window the change's direction is read in. Each was a wrong verdict."""

from __future__ import annotations

import pytest

from numcheck.checks.relation import Relation, check_relation, direction, figures_of
from numcheck.checks.figure import make_figure
from numcheck.numbers import parse_number
from numcheck.schema import CheckKind, Quantity


def _check(text: str, spans: list[tuple[str, str]], kind: str, members: list[str]) -> str:
    qs, pos = [], 0
    for i, (t, k) in enumerate(spans):
        s = text.index(t, pos)
        qs.append(Quantity(id=f"q{i + 1}", start=s, end=s + len(t), text=t, kind=k))
        pos = s + len(t)
    check, _ = check_relation(text, figures_of(text, qs), Relation(CheckKind(kind), tuple(members)))
    return check.verdict.value


@pytest.mark.parametrize(("text", "spans", "kind", "members", "verdict"), [
    ("Burglaries fell by a fifth, from 1,000 to 800.",
     [("a fifth", "CHANGE"), ("1,000", "COUNT"), ("800", "COUNT")], "change", ["q1", "q2", "q3"], "consistent"),
    ("Burglaries fell by a fifth, from 1,000 to 700.",
     [("a fifth", "CHANGE"), ("1,000", "COUNT"), ("700", "COUNT")], "change", ["q1", "q2", "q3"], "inconsistent"),
    ("Of the 3,000 staff, 1,000, a third, were women.",
     [("3,000", "COUNT"), ("1,000", "COUNT"), ("a third", "PERCENT")], "share", ["q3", "q2", "q1"], "consistent"),
    ("Half of the 600 farms, 280, were irrigated.",
     [("Half", "PERCENT"), ("600", "COUNT"), ("280", "COUNT")], "share", ["q1", "q3", "q2"], "inconsistent"),
    # a fraction of one percent is that many percent, not the fraction as a percent
    ("Of 2,000 plots, 10, half of one per cent, were flooded.",
     [("2,000", "COUNT"), ("10", "COUNT"), ("half of one per cent", "PERCENT")], "share", ["q3", "q2", "q1"],
     "consistent"),
    ("Of 4,000 plots, 10, a quarter of a per cent, were flooded.",
     [("4,000", "COUNT"), ("10", "COUNT"), ("a quarter of a per cent", "PERCENT")], "share", ["q3", "q2", "q1"],
     "consistent"),
    # a share printed as a ratio: "one in eight" is 12.5%, its whole per part rounded (8,265 / 1,021 = 8.1)
    ("Of 8,265 deaths, 1,021 (one in eight) were of women.",
     [("8,265", "COUNT"), ("1,021", "COUNT"), ("one in eight", "PERCENT")], "share", ["q3", "q2", "q1"],
     "consistent"),
    ("Of 900 firms, 100 (1 in 3) exported.",
     [("900", "COUNT"), ("100", "COUNT"), ("1 in 3", "PERCENT")], "share", ["q3", "q2", "q1"], "inconsistent"),
    ("Of 900 firms, 300 (three out of ten) exported.",
     [("900", "COUNT"), ("300", "COUNT"), ("three out of ten", "PERCENT")], "share", ["q3", "q2", "q1"],
     "consistent"),
])
def test_shares_and_changes_in_words_are_percents(text, spans, kind, members, verdict):
    assert _check(text, spans, kind, members) == verdict


def test_indian_grouping_reads_lakhs_and_crores():
    assert parse_number("4,86,250").value == 486250
    assert parse_number("₹1,42,35,600").value == 14235600
    # Western grouping and decimal commas read as before
    assert parse_number("12,345,678").value == 12345678 and parse_number("4,94").value == parse_number("4.94").value
    text = "The district has 4,86,250 voters: 2,51,000 women and 2,35,250 men."
    spans = [("4,86,250", "COUNT"), ("2,51,000", "COUNT"), ("2,35,250", "COUNT")]
    assert _check(text, spans, "sum", ["q2", "q3", "q1"]) == "consistent"


@pytest.mark.parametrize("text", ["R1.2 million", "N3.4 billion", "₦3.4 billion", "A5", "x12"])
def test_a_letter_before_a_figure_is_no_minus_sign(text):
    assert parse_number(text).sign == 0


def test_money_in_letters_changes_by_percent():
    text = "Spending of R1.32 million, up 10% from R1.2 million."
    spans = [("R1.32 million", "MONEY"), ("10%", "CHANGE"), ("R1.2 million", "MONEY")]
    assert _check(text, spans, "change", ["q2", "q3", "q1"]) == "consistent"


def test_a_sign_after_a_currency_code():
    p = parse_number("GEL -5,076.0 million")
    assert (p.sign, p.unit, p.form) == (-1, "GEL", "money")
    assert parse_number("$-5").signed == -5 and parse_number("$-5").unit == "USD"


@pytest.mark.parametrize("k", range(1, 9))
def test_direction_reads_whole_words_at_the_window_edge(k):
    # the 45 characters read before the change start k letters into "increased" ("eased" is a fall)
    filler = " in the vote, from 1,000 ballots, by ".rjust(36 + k)
    text = "Turnout increased" + filler + "5%"
    q = Quantity(id="q1", start=len(text) - 2, end=len(text), text="5%", kind="CHANGE")
    assert text[q.start - 45 :].startswith("increased"[k:])
    assert direction(text, make_figure(q, text)) == 0
    # and the 30 after it may end inside "upon" ("up" is a rise)
    text = "Turnout changed by 5% " + "z" * 23 + " ok upon appeal"
    q = Quantity(id="q1", start=19, end=21, text="5%", kind="CHANGE")
    assert text[q.end : q.end + 30].endswith(" up")
    assert direction(text, make_figure(q, text)) == 0


def test_the_absolute_form_of_a_change_gives_its_percent_form_a_direction():
    text = "In all, 26,004 crimes were registered (- 668 or 2.5% from the same period a year earlier)."
    qs = [Quantity(id=f"q{i}", start=text.index(t), end=text.index(t) + len(t), text=t, kind=k)
          for i, (t, k) in enumerate([("26,004", "COUNT"), ("668", "CHANGE"), ("2.5%", "CHANGE")], 1)]
    check, _ = check_relation(text, figures_of(text, qs), Relation(CheckKind.change, ("q3", None, "q1"), delta="q2"))
    assert check.verdict.value == "consistent", check.explanation


@pytest.mark.parametrize(("text", "spans", "verdict"), [
    # 1,560 / 300 billion x 100 million = 0.52; the base was read as 100
    ("Roads saw 0.52 deaths per 100 million vehicle-km: 1,560 deaths over 300 billion vehicle-km.",
     ["0.52", "1,560", "300 billion"], "consistent"),
    ("Roads saw 0.61 deaths per 100 million vehicle-km: 1,560 deaths over 300 billion vehicle-km.",
     ["0.61", "1,560", "300 billion"], "inconsistent"),
    # 2,400 / 800 billion x 1 billion = 3; the base was not read at all
    ("Airlines reported 3.0 incidents per billion passenger-km: 2,400 incidents in 800 billion passenger-km.",
     ["3.0", "2,400", "800 billion"], "consistent"),
])
def test_a_rate_base_of_many_millions_or_billions_reads_whole(text, spans, verdict):
    kinds = ["RATE", "COUNT", "MEASURE"]
    assert _check(text, list(zip(spans, kinds, strict=True)), "rate", ["q1", "q2", "q3"]) == verdict


@pytest.mark.parametrize(("text", "members", "verdict"), [
    # 58,431 / 412 = 141.8 cases per judge: a rate per one judge, the judges counted in the text
    ("Courts received 58,431 cases; with 412 judges, that is 141.8 cases per judge.", ["q3", "q1", "q2"],
     "consistent"),
    ("Courts received 58,431 cases; with 412 judges, that is 151.8 cases per judge.", ["q3", "q1", "q2"],
     "inconsistent"),
    # per one judge is never checked against a country's population
    ("Courts received 58,431 cases; with 412 judges, that is 141.8 cases per judge.", ["q3", "q1", "ref:population"],
     "unverifiable"),
])
def test_a_rate_per_one_thing_has_a_base_of_one(text, members, verdict):
    spans = [("58,431", "COUNT"), ("412", "COUNT"), (text.split("that is ")[1][:5], "RATE")]
    assert _check(text, spans, "rate", members) == verdict


def test_a_change_that_matches_only_within_its_figures_precision_says_why():
    def explain(text, spans):
        rel = Relation(CheckKind.change, tuple(f"q{i}" for i in range(1, len(spans) + 1)))
        qs = [Quantity(id=f"q{i}", start=text.index(x), end=text.index(x) + len(x), text=x, kind=k)
              for i, (x, k) in enumerate(spans, 1)]
        return check_relation(text, figures_of(text, qs), rel)[0]

    # an old level printed as a floor admits any level above it: the point value alone would read as an error
    hedged = explain("up 29 percent from more than $441 million to $2.51 billion",
                     [("29 percent", "CHANGE"), ("$441 million", "MONEY"), ("$2.51 billion", "MONEY")])
    assert hedged.verdict.value == "consistent"
    assert "= 469.16% (more than $441 million admits the stated change)" in hedged.explanation
    # levels rounded to a tenth of a million: -44% as printed, 40% within their rounding
    rounded = explain("fell 40%, from 2.5 million to 1.4 million",
                      [("40%", "CHANGE"), ("2.5 million", "COUNT"), ("1.4 million", "COUNT")])
    assert rounded.verdict.value == "consistent" and "= -44% (the figures' rounding admits" in rounded.explanation
    # a change that matches as printed needs no such note
    exact = explain("rose 33.3%, from 1.5 million to 2.0 million",
                    [("33.3%", "CHANGE"), ("1.5 million", "COUNT"), ("2.0 million", "COUNT")])
    assert exact.explanation.endswith("= 33.33%; stated 33.3% (admits 33.25 to under 33.4): they match")
