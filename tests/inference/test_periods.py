"""Periods from calendar phrases and the publication date (inference/periods.py)."""

from __future__ import annotations

from datetime import date

import pytest

from numcheck.inference.periods import Period, compared_period, document_period, figure_period, find_periods


@pytest.mark.parametrize(("text", "pub", "label"), [
    ("In 2024 the office counted 12 cases.", "2025-01-20", "2024"),
    ("in the first half of 2020", "2020-07-10", "January-June 2020"),
    ("in 6 months of 2021", "2021-07-09", "January-June 2021"),
    ("in the first quarter of 2025", "2025-04-25", "January-March 2025"),
    ("in January-September of this year", "2018-11-19", "January-September 2018"),
    ("as of 1 August 2019", "2019-09", "1 August 2019"),
    ("as of January 1, 2019", "2019-02-18", "1 January 2019"),
    ("in the year ending March 2014", "2014-07-17", "April 2013-March 2014"),
    ("during the past year", "2021-01-18", "2020"),
    ("in January 2020", "2020-02-18", "January 2020"),
    ("in Q3 2022", None, "July-September 2022"),
])
def test_own_periods(text: str, pub: str | None, label: str) -> None:
    found = [m for m in find_periods(text, pub) if not m.compared]
    assert found and found[0].period.label == label


@pytest.mark.parametrize(("sentence", "pub", "own", "expected"), [
    ("Crimes fell by 5% compared with the same period of 2024.", "2025-04-25", Period(date(2025, 1, 1), date(2025, 3, 31)), "January-March 2024"),
    ("Thefts rose by 3% year-on-year.", "2025-01-20", Period(date(2024, 1, 1), date(2024, 12, 31)), "2023"),
    ("The population rose by 4,000 since the beginning of the year.", "2019-09", Period(date(2019, 8, 1), date(2019, 8, 1)), "1 January 2019"),
    ("Arrests fell by 8 than in 2022.", "2024-02-01", Period(date(2023, 1, 1), date(2023, 12, 31)), "2022"),
    ("Visits rose by 2% on the previous year.", "2024-02-01", Period(date(2023, 1, 1), date(2023, 12, 31)), "2022"),
])
def test_compared_periods(sentence: str, pub: str, own: Period, expected: str) -> None:
    mentions = find_periods(sentence, pub)
    got = compared_period(mentions, sentence, (0, len(sentence)), sentence.index("by"), own)
    assert got is not None and got.label == expected


def test_document_period_prefers_the_title_then_the_most_named() -> None:
    assert document_period("Crime Analysis of the 1st half of 2020", "In 2019 ...", "2020").label == "January-June 2020"
    text = "In 2023, 100 cases. In 2023 most were closed. Compared with 2022, fewer."
    assert document_period(None, text, "2024-01-23").label == "2023"
    assert document_period(None, "No dates here.", "2024-05-02").label == "2024"
    assert document_period(None, "No dates here.", None) is None


def test_figure_period_takes_the_nearest_own_period_of_its_sentence() -> None:
    text = "In 2023 there were 40 cases; in 2024 there were 52."
    mentions = find_periods(text, "2025-01-10")
    default = Period(date(2024, 1, 1), date(2024, 12, 31))
    assert figure_period(mentions, (0, len(text)), text.index("40"), default).label == "2023"
    assert figure_period(mentions, (0, len(text)), text.index("52"), default).label == "2024"
    assert figure_period([], (0, 10), 3, default) is default


def test_shift_keeps_month_ends() -> None:
    assert Period(date(2024, 1, 1), date(2024, 2, 29)).shift_years(-1) == Period(date(2023, 1, 1), date(2023, 2, 28))


def test_a_change_between_two_years_is_of_the_later_and_compares_with_the_earlier():
    t = "Emissions fell by 3.2% between 2012 and 2013, to 570.1 million tonnes."
    ms = find_periods(t, "2015-07-08")
    pos = t.index("3.2%")
    own = figure_period(ms, (0, len(t)), pos, None)
    assert own.label == "2013"
    assert compared_period(ms, t, (0, len(t)), pos, own).label == "2012"
    # a span of months is one period, not two
    t2 = "Between January and March 2024, 5,100 cases were recorded."
    assert figure_period(find_periods(t2, "2024-04-20"), (0, len(t2)), t2.index("5,100"), None).label == "January-March 2024"


@pytest.mark.parametrize(("text", "pub", "label"), [
    ("in fiscal year 2016 the agency paid", "2016-11-30", "October 2015-September 2016"),
    ("in FY17 the agency paid", "2017-11-30", "October 2016-September 2017"),
    ("in FY99 the agency paid", "2010-11-30", "October 1998-September 1999"),
    ("over FY98-FY02 the agency paid", "2003-01-15", "October 1997-September 2002"),
    ("the three-year total for FY2014-2016", "2016-11-30", "October 2013-September 2016"),
    ("over fiscal years 2014 through 2017", "2017-11-30", "October 2013-September 2017"),
    ("for the year ended 31 March 2020", "2020-06-01", "April 2019-March 2020"),
    ("in the year ending June 30, 2021", "2021-08-01", "July 2020-June 2021"),
    ("from October 2019 to September 2020", "2020-11-02", "October 2019-September 2020"),
    ("between April 2018 and March 2019", "2019-05-02", "April 2018-March 2019"),
    ("over 2015-2019 the board", "2020-02-01", "January 2015-December 2019"),
    ("In August 312 claims were settled.", "2022-09-14", "August 2022"),
    ("in the first five months the board", "2022-06-14", "January-May 2022"),
])
def test_periods_of_fiscal_years_spans_and_bare_months(text: str, pub: str, label: str) -> None:
    found = [m for m in find_periods(text, pub) if not m.compared]
    assert found and found[0].period.label == label


@pytest.mark.parametrize(("text", "labels"), [
    ("Prices may rise in the spring.", []),
    ("The scheme ran until 2019-20.", []),
    ("Fees rose from 2012 to 2013.", ["2012", "2013"]),
    ("It was signed in June 30 days later.", []),
])
def test_no_span_is_read_into_a_modal_a_two_year_label_a_change_or_a_day(text: str, labels: list[str]) -> None:
    assert [m.period.label for m in find_periods(text, "2020-07-01")] == labels


@pytest.mark.parametrize(("sentence", "pub", "own", "label"), [
    # a running total: from the named start to the end of the figure's own period
    ("Since January 2016, the fund has paid out $41.2 million.", "2019-10-15",
     Period(date(2018, 10, 1), date(2019, 9, 30)), "January 2016-September 2019"),
    ("The fund has paid 5,410 claims since 2011.", "2019-01-15", Period(date(2018, 1, 1), date(2018, 12, 31)),
     "January 2011-December 2018"),
    ("Year to date, the fund has paid 812 claims.", "2019-07-15", Period(date(2019, 6, 1), date(2019, 6, 30)),
     "January-June 2019"),
    # a superlative's "since" starts no running total
    ("The fund paid 5,410 claims, the highest number since 2011.", "2019-01-15",
     Period(date(2018, 1, 1), date(2018, 12, 31)), "2018"),
])
def test_a_level_since_a_start_covers_a_running_total(sentence: str, pub: str, own: Period, label: str) -> None:
    mentions = find_periods(sentence, pub)
    pos = next(i for i, ch in enumerate(sentence) if ch.isdigit() and sentence[i - 1] in " $")
    got = figure_period(mentions, (0, len(sentence)), pos, own, cumulative=True)
    assert got is not None and got.label == label
    # a change is never a running total: it compares against the start instead
    assert figure_period(mentions, (0, len(sentence)), pos, own) == own


def test_a_span_written_out_is_the_figures_own_but_a_year_holding_the_release_is_the_releases() -> None:
    own = Period(date(2015, 1, 1), date(2015, 7, 31))
    span = "From August 2014 to July 2015, 375 cases were confirmed."
    assert figure_period(find_periods(span, "2015-08-10"), (0, len(span)), span.index("375"), own).label == \
        "August 2014-July 2015"
    year = "In 2015, 375 cases were confirmed."
    assert figure_period(find_periods(year, "2015-08-10"), (0, len(year)), year.index("375"), own) == own


@pytest.mark.parametrize(("text", "figure", "label"), [
    # a period printed after the figure with a preposition is its own, though another ends nearer before it
    ("Inspections found faults in 12 percent in CY 2020 and 15 percent in CY 2021.", "15 percent", "2021"),
    ("Inspections found faults in 12 percent in CY 2020 and 15 percent in CY 2021.", "12 percent", "2020"),
    ("Filings rose from 310 cases filed in fiscal year (FY) 2019 to 355 in FY 2020.", "355", "October 2019-September 2020"),
    ("Filings rose from 310 cases filed in fiscal year (FY) 2019 to 355 in FY 2020.", "310", "October 2018-September 2019"),
    ("The count fell to 40 in 2023 from 52 in 2022.", "52", "2022"),
    # a period after a comma is the next clause's
    ("In 2022 the count was 52, in 2023 it fell.", "52", "2022"),
])
def test_a_period_after_its_figure_is_its_own(text: str, figure: str, label: str) -> None:
    pos = text.index(figure)
    got = figure_period(find_periods(text, "2024-02-01"), (0, len(text)), pos, None, text=text, end=pos + len(figure))
    assert got is not None and got.label == label
