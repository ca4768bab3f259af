"""parse_number: a literal table of printed forms, and round trips through several styles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from numcheck.numbers import format_decimal, parse_number, read_digits
from numcheck.words import fraction_value, multiplier_value, words_to_number

D = Decimal

# text, value, unit, form, resolution, exact
TABLE = [
    ("33,379", D(33379), None, "number", D(1), True),
    ("33 379", D(33379), None, "number", D(1), True),
    ("8, 970", D(8970), None, "number", D(1), True),
    ("12’205", D(12205), None, "number", D(1), True),
    ("12'205", D(12205), None, "number", D(1), True),
    ("1,234,567", D(1234567), None, "number", D(1), True),
    ("1.234.567", D(1234567), None, "number", D(1), True),
    ("1.234,5", D("1234.5"), None, "number", D("0.1"), False),
    ("4,94%", D("4.94"), "%", "percent", D("0.01"), False),
    ("92,4 %", D("92.4"), "%", "percent", D("0.1"), False),
    ("-9,0%", D("9.0"), "%", "percent", D("0.1"), False),
    ("02.5%", D("2.5"), "%", "percent", D("0.1"), False),
    ("12.5 percent", D("12.5"), "%", "percent", D("0.1"), False),
    ("7 per cent", D(7), "%", "percent", D(1), False),
    ("7 percent", D(7), "%", "percent", D(1), False),
    ("2.4 percentage points", D("2.4"), "pp", "percent", D("0.1"), False),
    ("3 pp", D(3), "pp", "percent", D(1), False),
    ("0.75", D("0.75"), None, "number", D("0.01"), False),
    (".5", D("0.5"), None, "number", D("0.1"), False),
    ("two", D(2), None, "number", D(1), True),
    ("nine", D(9), None, "number", D(1), True),
    ("twelve", D(12), None, "number", D(1), True),
    ("forty-five", D(45), None, "number", D(1), True),
    ("Seventeen", D(17), None, "number", D(1), True),
    ("three hundred and ten", D(310), None, "number", D(1), True),
    ("a dozen", D(12), None, "number", D(1), True),
    ("half", D("0.5"), None, "fraction", D("0.01"), False),
    ("two thirds", D(2) / D(3), None, "fraction", D("0.01"), False),
    ("1.2 billion", D("1200000000.0"), None, "number", D("1E+8"), False),
    ("27.9 million", D("27900000.0"), None, "number", D("1E+5"), False),
    ("3 thousand", D(3000), None, "number", D("1E+3"), False),
    ("4 thousand 215", D(4215), None, "number", D(1), True),
    ("2 million 300 thousand", D(2300000), None, "number", D("1E+3"), False),
    ("₹500 crore", D(5000000000), "INR", "money", D("1E+7"), False),
    ("two million", D(2000000), None, "number", D(1), True),
    ("$7.4 billion", D("7400000000"), "USD", "money", D("1E+8"), False),
    ("US$ 12 million", D(12000000), "USD", "money", D("1E+6"), False),
    ("S$450", D(450), "SGD", "money", D(1), False),
    ("AZN 350", D(350), "AZN", "money", D(1), False),
    ("₼ 20", D(20), "AZN", "money", D(1), False),
    ("€5m", D(5000000), "EUR", "money", D("1E+6"), False),
    ("£1.2bn", D(1200000000), "GBP", "money", D("1E+8"), False),
    ("350 manat", D(350), "AZN", "money", D(1), False),
    ("40 million tenge", D(40000000), "KZT", "money", D("1E+6"), False),
    ("3.5 million US dollars", D(3500000), "USD", "money", D("1E+5"), False),
    ("4 tons and 714 kilograms", D(4714), "kg", "measure", D(1), False),
    ("2 tons and 51 kilograms", D(2051), "kg", "measure", D(1), False),
    ("1 hour 20 minutes", D(80), "min", "measure", D(1), False),
    ("250 kilograms", D(250), "kg", "measure", D(1), False),
    ("2.5 km", D("2.5"), "km", "measure", D("0.1"), False),
    ("6 months", D(6), "months", "measure", D(1), False),
    ("eight years", D(8), "years", "measure", D(1), False),
    ("12 hectares", D(12), "ha", "measure", D(1), False),
    # energy and emissions statistics: their units, oil and CO2 equivalent apart from mass
    ("8.8 Mtoe", D("8.8"), "Mtoe", "measure", D("0.1"), False),
    ("8.8 million tonnes of oil equivalent", D("8800000.0"), "toe", "measure", D("1E+5"), False),
    ("5.6 million tonnes of CO2 equivalent", D("5600000.0"), "tCO2e", "measure", D("1E+5"), False),
    ("12 TWh", D(12), "TWh", "measure", D(1), False),
    ("2.1 GW", D("2.1"), "GW", "measure", D("0.1"), False),
    ("3.2 petajoules", D("3.2"), "PJ", "measure", D("0.1"), False),
    ("300 kilotonnes", D(300), "kt", "measure", D(1), False),
    ("4 TWh and 500 GWh", D(4500), "GWh", "measure", D(1), False),
    ("10-15", D(10), None, "range", D(1), False),
    ("between 10 and 15", D(10), None, "range", D(1), False),
    ("10–15%", D(10), "%", "range", D(1), False),
    ("+444", D(444), None, "number", D(1), True),
    ("-957", D(957), None, "number", D(1), True),
    ("− 668", D(668), None, "number", D(1), True),
    ("+8.6%", D("8.6"), "%", "percent", D("0.1"), False),
    ("doubled", D(2), "times", "multiplier", D(1), False),
    ("tripled", D(3), "times", "multiplier", D(1), False),
    ("halved", D("0.5"), "times", "multiplier", D("0.1"), False),
    ("2.5 times", D("2.5"), "times", "multiplier", D("0.1"), False),
    ("fourfold", D(4), "times", "multiplier", D(1), False),
    ("3-fold", D(3), "times", "multiplier", D(1), False),
    ("2nd", D(2), None, "ordinal", D(1), False),
    ("21st", D(21), None, "ordinal", D(1), False),
    ("first", D(1), None, "ordinal", D(1), False),
]


@pytest.mark.parametrize(("text", "value", "unit", "form", "resolution", "exact"), TABLE)
def test_parse_number_table(text, value, unit, form, resolution, exact):
    p = parse_number(text)
    assert p is not None
    assert p.value == value
    assert p.unit == unit
    assert p.form == form
    assert p.resolution == resolution
    assert p.exact is exact


def test_doctest_behaviour_kept():
    p = parse_number("27.9 million")
    assert (p.value, p.exact) == (D("27900000.0"), False)
    assert str(p.resolution) == "1E+5"
    q = parse_number("94.4%")
    assert (q.unit, q.exact, q.sign) == ("%", False, 0)
    assert parse_number("-1.9%").sign == -1


@pytest.mark.parametrize(
    ("text", "span", "hedge"),
    [
        ("nearly 1 million", "1 million", "nearly"),
        ("more than 63,000", "63,000", "more than"),
        ("about 12 percent", "12 percent", "about"),
        ("some 40 people", "40", "some"),
        ("in 2024", "2024", None),
    ],
)
def test_span_excludes_hedge(text, span, hedge):
    p = parse_number(text)
    assert text[p.start : p.end] == span
    assert p.hedge == hedge


def test_range_bounds():
    p = parse_number("between 10 and 15 years")
    assert (p.low, p.high) == (D(10), D(15))
    q = parse_number("1.5-2 million")
    assert (q.low, q.high) == (D("1500000.0"), D(2000000))


def test_decimal_comma_by_context():
    assert read_digits("1,234")[0] == D(1234)
    assert "thousands" in " ".join(read_digits("1,234")[2])
    value, _, notes = read_digits("1,234", decimal_comma=True)
    assert value == D("1.234")
    assert "decimal" in notes[0]
    assert parse_number("4,94%").notes == ("comma read as a decimal separator",)


def test_nothing_to_read():
    assert parse_number("no figure here") is None
    assert parse_number("") is None


def test_words_helpers():
    assert words_to_number("ninety-nine") == D(99)
    assert words_to_number("cat") is None
    assert fraction_value("three quarters") == D("0.75")
    assert multiplier_value("ten-fold") == D(10)


# ---- hypothesis round trips: format a Decimal in several styles, parse it back ----

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


def _group(int_part: int, sep: str) -> str:
    return f"{int_part:,}".replace(",", sep)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from([",", " ", "’", ", "]))
def test_round_trip_grouped_integer(n, sep):
    text = _group(n, sep)
    p = parse_number(text)
    assert p.value == n
    assert p.exact is True
    assert text[p.start : p.end] == text


@settings(max_examples=150, deadline=None)
@given(amounts, st.sampled_from([".", ","]), st.sampled_from(["%", " %", " percent", " per cent"]))
def test_round_trip_percent(x, point, suffix):
    x = x.quantize(D("0.01")) % 1000
    x = x.quantize(D("0.01"))
    text = format_decimal(x).replace(".", point) + suffix
    p = parse_number(text)
    assert p.value == x
    assert p.unit == "%"
    assert p.resolution == D("0.01")


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9),
       st.sampled_from([("million", 6), ("billion", 9), ("thousand", 3)]),
       st.sampled_from(["", "$", "€"]))
def test_round_trip_scaled(whole, tenth, scale, cur):
    word, exp = scale
    text = f"{cur}{whole}.{tenth} {word}"
    p = parse_number(text)
    assert p.value == (D(whole) + D(tenth) / 10) * D(10) ** exp
    assert p.resolution == D(10) ** (exp - 1)
    assert p.exact is False
    assert (p.unit is not None) == bool(cur)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["+", "-", "−"]))
def test_round_trip_signed(n, sign):
    text = f"({sign}{n:,} cases)"
    p = parse_number(text)
    assert p.value == n
    assert p.signed == (n if sign == "+" else -n)
    assert text[p.start : p.end] == f"{sign}{n:,}"


def test_fraction_of_a_scale_word():
    p = parse_number("half a million")
    assert (p.value, p.exact, p.form) == (D(500000), False, "number")
    assert parse_number("double").value == 2


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789,. '’%$€£-+−–abkmtons and per cent kilograms million")), max_size=40))
def test_parse_number_never_raises(text):
    p = parse_number(text)
    if p is not None:
        assert 0 <= p.start <= p.end <= len(text)
        assert p.resolution > 0


# --------------------------------------------------------------------------- figures of any size (issue 21)


def test_a_compound_measure_of_thirty_digits_is_read_not_raised():
    p = parse_number("1000000000000000000000000000000 tons and 5 kilograms")
    assert (p.value, p.unit) == (D(10**33 + 5), "kg")


@pytest.mark.parametrize(("digits", "exact"), [(28, True), (34, True), (59, True), (60, False), (5000, False)])
def test_long_counts_are_read_whole_and_called_exact_only_when_they_are(digits, exact):
    text = "1234567890" * (digits // 10) + "1234567890"[: digits % 10]
    p = parse_number(text)
    assert p.exact is exact
    if exact:
        assert p.value == D(text)  # not rounded to Decimal's default 28 digits
    assert len(p.value.as_tuple().digits) >= min(digits, 60)


def test_a_huge_value_from_an_extractor_does_not_break_the_figure():
    from numcheck.checks.figure import expected_float, make_figure
    from numcheck.schema import Quantity

    q = Quantity(id="q1", start=0, end=2, text="12", kind="COUNT", value=10**5000)
    assert make_figure(q, "12 cases").value == 12  # the unreadable value is ignored, the text read
    assert expected_float(D(10) ** 40 / 3, 2) > 0
    assert expected_float(D("Infinity")) == float("inf")
