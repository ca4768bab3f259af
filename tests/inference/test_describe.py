"""describe_span: the value and unit of a tagged span, on literal sentences of our own."""

from __future__ import annotations

import pytest

from numcheck.inference.describe import describe_date, describe_span, plain


def _describe(text: str, span: str, kind: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(span, start + 1)
    return describe_span(text, start, start + len(span), kind)


@pytest.mark.parametrize(
    ("text", "span", "kind", "value", "unit"),
    [
        ("Police logged 41,207 offences in the year.", "41,207", "COUNT", 41207, "offences"),
        ("Of these, 12,880 of the offences were thefts.", "12,880", "COUNT", 12880, "offences"),
        ("Officers detained 216 criminal groups and 9 gangs.", "216", "COUNT", 216, "criminal groups"),
        ("There were 1,070 fewer burglaries than before.", "1,070", "CHANGE", 1070, "burglaries"),
        ("The count rose to 2.5 million voters.", "2.5 million", "COUNT", 2500000, "voters"),
        ("nearly 1 million rounds of ammunition were found", "1 million", "COUNT", 1000000, "rounds of ammunition"),
        ("seven suspects were held", "seven", "COUNT", 7, "suspects"),
        ("Turnout was 61,3 % in the north.", "61,3 %", "PERCENT", 61.3, "%"),
        ("Thefts fell by 12.0% on the year.", "12.0%", "CHANGE", 12, "%"),
        ("Thefts totalled 915 (-118 or -5.5%).", "-118", "CHANGE", -118, None),
        ("Thefts totalled 915 (-118 or -5.5%).", "-5.5%", "CHANGE", -5.5, "%"),
        ("Unemployment rose 0.3 percentage points.", "0.3 percentage points", "CHANGE", 0.3, "pp"),
        ("Customs seized 2 tons and 340 kilograms of cannabis.", "2 tons and 340 kilograms", "MEASURE", 2340, "kg"),
        ("The road is 12.5 km long.", "12.5 km", "MEASURE", 12.5, "km"),
        ("It was a 25-year low.", "25", "MEASURE", 25, "years"),
        ("adults aged 45 and over", "45", "MEASURE", 45, "years of age"),
        ("Parliament approved $3.2 billion for health.", "$3.2 billion", "MONEY", 3200000000, "USD"),
        ("The fine was AZN 500.", "AZN 500", "MONEY", 500, "AZN"),
        ("Spending doubled.", "doubled", "CHANGE", 2, "times"),
        ("The homicide rate per 100,000 inhabitants was 4.2.", "4.2", "RATE", 4.2, "homicides per 100,000 inhabitants"),
        ("Overdose deaths reached 21.4 per 100,000 people.", "21.4", "RATE", 21.4, "deaths per 100,000 people"),
        ("Under Article 318 of the Code", "318", "OTHER", 318, "article number"),
        ("see Table 4 below", "4", "OTHER", 4, "table number"),
        ("the G20 summit", "G20", "OTHER", "G20", "name"),
        ("the 3rd fall in a row", "3rd", "OTHER", "3rd", "ordinal"),
        ("fell again last year[2]. Then", "2", "OTHER", 2, "footnote number"),
        ("Call the “112” line now.", "112", "OTHER", 112, "service number"),
    ],
)
def test_describe_span(text, span, kind, value, unit):
    got_value, got_unit = _describe(text, span, kind)
    assert got_value == value
    if unit is not None:
        assert got_unit == unit


@pytest.mark.parametrize(
    ("span", "value", "unit"),
    [
        ("2024", 2024, "year"),
        ("January 24", "--01-24", "date"),
        ("July 27th", "--07-27", "date"),
        ("Sept. 14", "--09-14", "date"),
        ("14 May", "--05-14", "date"),
        ("June 2015", "2015-06", "month"),
        ("December 05, 2011", "2011-12-05", "date"),
        ("24.01.2025", "2025-01-24", "date"),
        ("2025-01-24", "2025-01-24", "date"),
        ("Jan - Jun 16", "2016-01/2016-06", "period"),
        ("January-March 2022", "2022-01/2022-03", "period"),
        ("2021-2023", "2021/2023", "period"),
        ("2015/16", "2015/2016", "period"),
        ("Q3 2022", "2022-07/2022-09", "period"),
        ("May 15-24", "--05-15/--05-24", "period"),
        ("the 1990s", "1990/1999", "period"),
        ("10 a.m.", "T10:00", "time"),
    ],
)
def test_describe_date(span, value, unit):
    assert describe_date(span) == (value, unit)
    assert describe_span(span, 0, len(span), "DATE") == (value, unit)


def test_plain_numbers():
    from decimal import Decimal

    assert plain(Decimal("52.0")) == 52 and isinstance(plain(Decimal("52.0")), int)
    assert plain(Decimal("0.87")) == 0.87


def test_no_figure_gives_none():
    assert describe_span("no figure", 0, 2, "COUNT") == (None, None)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_KINDS = ["COUNT", "MEASURE", "MONEY", "PERCENT", "RATE", "CHANGE", "DATE", "OTHER", "ANY"]
_TEXT = st.lists(
    st.sampled_from(["12", "3,379", " cases", " per 100,000 ", "%", "-", "Jan", " 2024", "| ", "\n", "of the ", "tons",
                     " and ", "$", "million", "“", "”", "[1]", "x", " ", "."]),
    max_size=20,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(0, 200), st.integers(0, 40), st.sampled_from(_KINDS))
def test_describe_never_raises(text, start, length, kind):
    start = min(start, len(text))
    end = min(len(text), start + length)
    value, unit = describe_span(text, start, end, kind)
    assert value is None or isinstance(value, int | float | str)
    assert unit is None or isinstance(unit, str)


def test_a_ranges_low_end_shares_the_scale_and_unit_printed_on_its_high_end():
    from decimal import Decimal

    from numcheck.checks.figure import make_figure
    from numcheck.checks.relation import Relation, check_relation, figures_of
    from numcheck.schema import CheckKind, Quantity, Verdict

    t = "Use rose by 10.3%, from 8.7 to 9.6 million tonnes; fines were between $550,000 and $1 million."
    low = t.index("8.7")
    assert describe_span(t, low, low + 3, "MEASURE") == (8700000, "t")
    fine = t.index("$550,000")
    assert describe_span(t, fine, fine + 8, "MONEY") == (550000, "USD")  # a full number of its own
    f = make_figure(Quantity(id="q", start=low, end=low + 3, text="8.7", kind="MEASURE", value=8700000, unit="t"), t)
    assert (f.value, f.resolution) == (Decimal(8700000), Decimal(100000))  # known to a tenth of a million

    def change(stated):
        text = t.replace("10.3%", stated)
        qs = []
        for qid, needle, kind in (("q1", stated, "CHANGE"), ("q2", "8.7", "MEASURE"), ("q3", "9.6 million tonnes", "MEASURE")):
            a = text.index(needle)
            value, unit = describe_span(text, a, a + len(needle), kind)
            qs.append(Quantity(id=qid, start=a, end=a + len(needle), text=needle, kind=kind, value=value, unit=unit))
        check, _ = check_relation(text, figures_of(text, qs), Relation(CheckKind.change, ("q1", "q2", "q3")))
        return check.verdict

    assert change("10.3%") is Verdict.consistent
    assert change("12.3%") is Verdict.inconsistent
