"""The period each figure covers, from the text and the publication date: calendar arithmetic.

A release names its periods ("in 2024", "January-June", "the first quarter of 2025", "as of 1
January 2019", "6 months of 2021") and its comparisons ("compared with the same period of last
year", "since the beginning of the year", "year-on-year"). These are calendar phrases, the same
in every publisher's prose, so they are read by rules; what a figure counts is left to the
trained matcher. A phrase without a year takes the latest year that ends on or before the
publication date ("January-September" in a November release is this year's).

Each figure gets the period named nearest to it in its sentence (else the document's period:
the period its title names, else the one its text names most), and a change figure also gets
the period it compares against: the one its sentence names after a comparison cue, else the
same span a year earlier (a month, quarter or half is compared with the same one of the year
before, as statistical releases do), or the start of the year for "since the beginning of the
year". A level after the start of a running total ("since January 2009", "year to date") covers
that start to the end of its own period, so running totals restated in successive releases line
up (`figure_period` with `cumulative`). Fiscal years are read as the U.S. federal one (October to
September, named by the year it ends in).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from numcheck.inference.describe import MONTHS

_MON = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_Y = r"((?:19|20)\d\d)"
_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}
_NUMWORD = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "two": 2, "four": 4, "five": 5, "seven": 7, "eight": 8,
            "ten": 10, "eleven": 11}
#: A year written as a phrase relative to the publication date.
_REL_YEAR = r"(this|the\s+current|current|last|the\s+past|past|the\s+previous|previous|the\s+preceding|preceding)\s+year"

#: Words before a period that make it the period compared against, not the figure's own.
_COMPARE_CUE = re.compile(
    r"(same\s+period\s+(?:of|in|last)?|compared\s+(?:with|to)|as\s+compared\s+(?:with|to)|in\s+comparison\s+with|"
    r"than\s+(?:in|at|on|for|during)?|from|since|versus|vs\.?|relative\s+to|over|on|against|a\s+year\s+(?:earlier|ago)|"
    r"previous|preceding|same\s+time)\s*(?:the\s+)?(?:same\s+period\s+(?:of|in)\s+)?$", re.I)
_SINCE_START = re.compile(r"since\s+(?:the\s+)?(?:early|beginning\s+of|start\s+of)\s+(?:the\s+|this\s+)?year|"
                          r"since\s+(?:early|the\s+start\s+of)\s+" + _Y + r"|since\s+(?:1\s+)?january\b", re.I)
_YEAR_ON_YEAR = re.compile(r"year[-\s]on[-\s]year|same\s+period\s+(?:of\s+|in\s+)?(?:the\s+)?(?:last|previous|"
                           r"preceding)\s+year|same\s+period\s+last\s+year|a\s+year\s+(?:earlier|ago|before)|"
                           r"previous\s+year|preceding\s+year|last\s+year|annual(?:ly)?\s+(?:increase|decrease|rise|fall|"
                           r"growth|change)", re.I)


@dataclass(frozen=True)
class Period:
    """A span of days (both ends included); a stock "at 1 January" has start == end.

    >>> Period(date(2024, 1, 1), date(2024, 6, 30)).label
    'January-June 2024'
    """

    start: date
    end: date

    @property
    def label(self) -> str:
        """The period in words."""
        s, e = self.start, self.end
        if s == e:
            return f"{s.day} {calendar.month_name[s.month]} {s.year}"
        if s.day == 1 and e == _month_end(e.year, e.month):
            if s.year == e.year:
                if s.month == 1 and e.month == 12:
                    return str(s.year)
                if s.month == e.month:
                    return f"{calendar.month_name[s.month]} {s.year}"
                return f"{calendar.month_name[s.month]}-{calendar.month_name[e.month]} {s.year}"
            return f"{calendar.month_name[s.month]} {s.year}-{calendar.month_name[e.month]} {e.year}"
        return f"{s.isoformat()}/{e.isoformat()}"

    @property
    def days(self) -> int:
        """Its length in days."""
        return (self.end - self.start).days + 1

    def shift_years(self, n: int) -> Period:
        """The same span n years later (earlier when negative); month ends stay month ends.

        >>> Period(date(2024, 1, 1), date(2024, 2, 29)).shift_years(-1).label
        'January-February 2023'
        """
        def move(d: date, is_end: bool) -> date:
            y = d.year + n
            if is_end and d == _month_end(d.year, d.month):
                return _month_end(y, d.month)
            return date(y, d.month, min(d.day, calendar.monthrange(y, d.month)[1]))

        return Period(move(self.start, False), move(self.end, True))

    def overlaps(self, other: Period) -> bool:
        """Whether the two spans share a day."""
        return self.start <= other.end and other.start <= self.end

    def iso(self) -> tuple[str, str]:
        """(start, end) as ISO dates."""
        return self.start.isoformat(), self.end.isoformat()


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _months(y: int, m1: int, m2: int) -> Period:
    return Period(date(y, m1, 1), _month_end(y, m2))


def parse_pub_date(value: str | None) -> tuple[date | None, date | None]:
    """The earliest and latest day a publication date (ISO, or only a year or a month) may be.

    >>> parse_pub_date("2019-09")
    (datetime.date(2019, 9, 1), datetime.date(2019, 9, 30))
    """
    if not value:
        return None, None
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value.strip())
    if not m:
        return None, None
    y = int(m.group(1))
    if m.group(3):
        d = date(y, int(m.group(2)), int(m.group(3)))
        return d, d
    if m.group(2):
        return date(y, int(m.group(2)), 1), _month_end(y, int(m.group(2)))
    return date(y, 1, 1), date(y, 12, 31)


_SUPERLATIVE = re.compile(r"\b(?:[a-z]+est|most|least|first\s+time)\b(?:\s+[\w-]+){0,3}\s*$", re.I)
_SPAN_TO = re.compile(r"\s(?:to|through|until)\s", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.I)
#: "since its inception in March 2007", "since the programme began in 2019": since a named event, dated.
_SINCE_EVENT = re.compile(r"\bsince\s+(?:[\w'’-]+\s+){1,3}(?:in|on)\s+$", re.I)
_AND_YEAR_AFTER = re.compile(r"\s+and\s+(?:19|20)\d\d\b")


@dataclass(frozen=True)
class Mention:
    """A period named in a text: where, which, and whether it is compared against."""

    start: int
    end: int
    period: Period
    compared: bool = False
    #: Named relative to the publication ("last year"): as a comparison it means the year before the figure's own.
    relative: bool = False
    #: The start of a running total ("since January 2009", "year to date"): a level it names counts
    #: from the period's start to the end of the figure's own period (`figure_period`, `cumulative`).
    since: bool = False
    #: A running total from the start of the figure's own year ("year to date", "so far this year").
    year_start: bool = False


class _Years:
    """Resolves a phrase without a year against the publication date."""

    def __init__(self, pub: str | None) -> None:
        self.lo, self.hi = parse_pub_date(pub)

    def year_for(self, month_end: int, *, relative: str | None = None) -> int | None:
        if self.hi is None:
            return None
        if relative:
            rel = relative.lower()
            y = self.hi.year
            return y - 1 if any(w in rel for w in ("last", "past", "previous", "preceding")) else y
        y = self.hi.year
        # The latest year in which the period has ended by the publication date.
        return y if _month_end(y, month_end) <= self.hi or self.lo is None or self.lo.month > month_end else y - 1


def _year_or_rel(m: re.Match, years: _Years, month_end: int, group: int, rel_group: int | None = None) -> int | None:
    if m.group(group):
        return int(m.group(group))
    if rel_group is not None and m.group(rel_group):
        return years.year_for(month_end, relative=m.group(rel_group))
    return years.year_for(month_end)


#: A month by its capitalised name alone ("in June"), after a preposition: the lower-case word
#: "may" and a name in a title ("June Smith") are not periods.
_BARE_MONTH = (r"(?:(?<=\b[Ii]n\s)|(?<=\b[Dd]uring\s)|(?<=\b[Ff]or\s)|(?<=\b[Ss]ince\s)|(?<=\bthrough\s)|(?<=\buntil\s))"
               r"(January|February|March|April|May|June|July|August|September|October|November|December)\b"
               r"(?!\s*(?:-|–|—|to\b|through\b)|\s+\d{1,2}(?:st|nd|rd|th)?\b(?![.,]?\d))")
#: A fiscal year, read as the U.S. federal one (October to September, named by the year it ends in).
_FY = r"(?:fiscal\s+years?(?:\s*\(FYs?\))?|FYs?)\s*'?((?:19|20)?\d\d)\b"

_PATTERNS: list[tuple[re.Pattern, str]] = [
    # fiscal years 2009 through 2013, FY2009-2012, FY 2009 - FY 2013 (a span of fiscal years)
    (re.compile(r"\b" + _FY + r"\s*(?:-|–|—|to|through)\s*(?:FY\s*'?)?((?:19|20)?\d\d)\b(?![.,]\d)", re.I), "fyrange"),
    # fiscal year 2013, FY2013, FY13
    (re.compile(r"\b" + _FY + r"(?![.,]\d|\s*[-–—/]\s*\d)", re.I), "fy"),
    # year ending 30 September 2013, fiscal year ended Sept. 30, 2013 (the twelve months to that day)
    (re.compile(r"\byear\s+end(?:ing|ed)\s+(?:on\s+)?(?:(\d{1,2})\s+(" + _MON + r")|(" + _MON + r")\s+(\d{1,2})),?\s+" + _Y, re.I),
     "yending_day"),
    # October 2012 to September 2013 (a span of months across years)
    (re.compile(r"\b(" + _MON + r")\s+" + _Y + r"\s*(?:-|–|—|to|through|until)\s*(" + _MON + r")\s+" + _Y + r"\b", re.I),
     "myrange"),
    (re.compile(r"\bbetween\s+(" + _MON + r")\s+" + _Y + r"\s+and\s+(" + _MON + r")\s+" + _Y + r"\b", re.I), "myrange"),
    # 2009-2013, 2009–2013 (a span of whole years; "from 2012 to 2013" is a change and stays two years)
    (re.compile(r"(?<![\d/.,-])" + _Y + r"\s*(?:-|–|—)\s*" + _Y + r"(?![\d/])"), "yrange"),
    # year to date, so far this year, since the beginning of the year (a running total of this year)
    (re.compile(r"\b(?:year[-\s]to[-\s]date|so\s+far\s+(?:this|in\s+the)\s+year|since\s+the\s+(?:beginning|start)\s+"
                r"of\s+(?:the|this)\s+year)\b", re.I), "ytd"),
    # 1 January 2019, January 1, 2019, as of 1 October (a stock at a date)
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MON + r")(?:,?\s+" + _Y + r")?\b", re.I), "dmy"),
    (re.compile(r"\b(" + _MON + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+" + _Y + r")?\b(?!\s*(?:-|–|to)\s*\d)", re.I), "mdy"),
    # January-June 2024, January to June, Jan-Sep of this year
    (re.compile(r"\b(" + _MON + r")\s*(?:-|–|—|to|through|until)\s*(" + _MON + r")(?:\s+(?:of\s+)?(?:" + _Y + r"|"
                + _REL_YEAR + r"))?", re.I), "mrange"),
    # between January and March 2024 (the same span; "January and March" alone are two months)
    (re.compile(r"\bbetween\s+(" + _MON + r")\s+and\s+(" + _MON + r")(?:\s+(?:of\s+)?(?:" + _Y + r"|"
                + _REL_YEAR + r"))?", re.I), "mrange"),
    # first half of 2020, 1st half of the current year, H1 2020
    (re.compile(r"\b(first|1st|second|2nd)\s+half\s+(?:of\s+)?(?:(?:the\s+)?year\s+)?(?:" + _Y + r"|" + _REL_YEAR + r")?", re.I), "half"),
    (re.compile(r"\bH([12])\s*" + _Y, re.I), "h"),
    # first quarter of 2024, Q1 2024
    (re.compile(r"\b(first|1st|second|2nd|third|3rd|fourth|4th|last)\s+quarter\s+(?:of\s+)?(?:" + _Y + r"|" + _REL_YEAR + r")?", re.I), "quarter"),
    (re.compile(r"\bQ([1-4])\s*" + _Y, re.I), "q"),
    # 6 months of 2021, the first nine months of the year
    (re.compile(r"\b(?:first\s+)?(\d{1,2}|three|six|nine|twelve|two|four|five|seven|eight|ten|eleven)\s+months\s+of\s+(?:"
                + _Y + r"|" + _REL_YEAR + r")", re.I), "nmonths"),
    # the first nine months (of the year the release's date puts it in)
    (re.compile(r"\bfirst\s+(\d{1,2}|three|six|nine|twelve|two|four|five|seven|eight|ten|eleven)\s+months\b(?!\s+of\s+\S)", re.I),
     "nmonths"),
    # year ending March 2014
    (re.compile(r"\byear\s+end(?:ing|ed)\s+(" + _MON + r")\s+" + _Y, re.I), "yending"),
    # January 2020, in March
    (re.compile(r"\b(" + _MON + r")\s+(?:of\s+)?" + _Y + r"\b", re.I), "my"),
    (re.compile(_BARE_MONTH), "month"),
    # 2020/21, 2019-20 (fiscal or two-year spans) are left alone; a plain year
    (re.compile(r"(?<![\d/.,-])" + _Y + r"(?![\d/]|-\d)"), "y"),
    (re.compile(r"\b" + _REL_YEAR + r"\b", re.I), "rely"),
]


def find_periods(text: str, pub_date: str | None) -> list[Mention]:
    """Every period a text names, in order; overlapping phrases keep the longest.

    >>> [(m.period.label, m.compared) for m in find_periods("In 2024 crimes fell 9% compared with 2023.", "2025-01-24")]
    [('2024', False), ('2023', True)]
    >>> [m.period.label for m in find_periods("in January-September of this year", "2018-11-19")]
    ['January-September 2018']
    >>> [(m.period.label, m.compared) for m in find_periods("It fell by 3.2% between 2012 and 2013.", "2015-07-08")]
    [('2012', True), ('2013', False)]
    >>> [m.period.label for m in find_periods("Between January and March 2024, and in May and June 2024", None)]
    ['January-March 2024', 'June 2024']
    """
    years = _Years(pub_date)
    found: list[Mention] = []
    for rx, kind in _PATTERNS:
        for m in rx.finditer(text):
            p = _period_of(m, kind, years)
            if p is None:
                continue
            found.append(Mention(m.start(), m.end(), p, relative=kind == "rely", since=kind == "ytd",
                                 year_start=kind == "ytd"))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[Mention] = []
    for x in found:
        if kept and x.start < kept[-1].end:
            continue
        before = text[max(0, x.start - 40) : x.start]
        cue = _COMPARE_CUE.search(before)
        # "on" and "over" compare only a relative year ("up 2% on the previous year"), not
        # "a report on January-March 2022" or "over 2023".
        if cue and cue.group(1).lower() in ("on", "over") and not x.relative:
            cue = None
        # "from October 2019 to September 2020" is the span itself, not a period compared against.
        if cue and cue.group(1).lower() == "from" and _SPAN_TO.search(text, x.start, x.end):
            cue = None
        # "between 2012 and 2013": a change over two whole years compares the later with the earlier.
        between = x.period.days >= 365 and _BETWEEN_BEFORE.search(before) and _AND_YEAR_AFTER.match(text, x.end)
        # "since January 2009": where a level follows, the start of its running total; a change
        # compares against it. "the highest since 2009" is no running total.
        since = x.since or bool(cue and cue.group(1).lower() == "since" and not x.relative
                                and not _SUPERLATIVE.search(before[: cue.start()]))
        if not cue and not x.relative and (event := _SINCE_EVENT.search(before)):
            since = not _SUPERLATIVE.search(before[: event.start()])
        kept.append(Mention(x.start, x.end, x.period, compared=bool(cue or between), relative=x.relative,
                            since=since, year_start=x.year_start))
    return kept


def _period_of(m: re.Match, kind: str, years: _Years) -> Period | None:  # noqa: PLR0911 - one branch per phrase
    try:
        if kind == "dmy":
            mo = MONTHS[m.group(2).lower().rstrip(".")]
            y = int(m.group(3)) if m.group(3) else years.year_for(mo)
            return None if y is None else Period(date(y, mo, int(m.group(1))), date(y, mo, int(m.group(1))))
        if kind == "mdy":
            mo = MONTHS[m.group(1).lower().rstrip(".")]
            if not m.group(3):
                return None  # "May 5" without a year is usually an event date, not a period of figures
            y = int(m.group(3))
            return Period(date(y, mo, int(m.group(2))), date(y, mo, int(m.group(2))))
        if kind == "mrange":
            m1, m2 = MONTHS[m.group(1).lower().rstrip(".")], MONTHS[m.group(2).lower().rstrip(".")]
            if m2 < m1:
                return None
            y = _year_or_rel(m, years, m2, 3, 4)
            return None if y is None else _months(y, m1, m2)
        if kind == "half":
            h = _ORD[m.group(1).lower()]
            y = _year_or_rel(m, years, 6 * h, 2, 3)
            return None if y is None else _months(y, 6 * h - 5, 6 * h)
        if kind == "h":
            h = int(m.group(1))
            return _months(int(m.group(2)), 6 * h - 5, 6 * h)
        if kind == "quarter":
            q = _ORD[m.group(1).lower()]
            y = _year_or_rel(m, years, 3 * q, 2, 3)
            return None if y is None else _months(y, 3 * q - 2, 3 * q)
        if kind == "q":
            q = int(m.group(1))
            return _months(int(m.group(2)), 3 * q - 2, 3 * q)
        if kind == "nmonths":
            raw = m.group(1).lower()
            n = int(raw) if raw.isdigit() else _NUMWORD[raw]
            if not 1 <= n <= 12:
                return None
            y = _year_or_rel(m, years, n, 2, 3) if m.re.groups >= 3 else years.year_for(n)
            return None if y is None else _months(y, 1, n)
        if kind == "yending":
            mo, y = MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2))
            end = _month_end(y, mo)
            return Period(date(y - 1, mo + 1, 1) if mo < 12 else date(y, 1, 1), end)
        if kind == "my":
            mo = MONTHS[m.group(1).lower().rstrip(".")]
            return _months(int(m.group(2)), mo, mo)
        if kind == "month":
            mo = MONTHS[m.group(1).lower()]
            y = years.year_for(mo)
            return None if y is None else _months(y, mo, mo)
        if kind in ("fy", "fyrange"):
            near = years.hi.year if years.hi is not None else None
            first = _full_year(m.group(1), near)
            last = _full_year(m.group(2), near) if kind == "fyrange" else first
            if first is None or last is None or not 0 <= last - first <= 50:
                return None
            return Period(date(first - 1, 10, 1), date(last, 9, 30))
        if kind == "yending_day":
            day, mo = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            end = date(int(m.group(5)), MONTHS[mo.lower().rstrip(".")], int(day))
            return Period(end.replace(year=end.year - 1) + timedelta(days=1), end)
        if kind == "myrange":
            y1, y2 = int(m.group(2)), int(m.group(4))
            m1, m2 = MONTHS[m.group(1).lower().rstrip(".")], MONTHS[m.group(3).lower().rstrip(".")]
            if (y2, m2) <= (y1, m1):
                return None
            return Period(date(y1, m1, 1), _month_end(y2, m2))
        if kind == "yrange":
            y1, y2 = int(m.group(1)), int(m.group(2))
            return Period(date(y1, 1, 1), date(y2, 12, 31)) if 0 < y2 - y1 <= 50 else None
        if kind == "ytd":
            y = years.year_for(12, relative="this year")
            return None if y is None else Period(date(y, 1, 1), date(y, 1, 1))
        if kind == "y":
            y = int(m.group(1))
            return Period(date(y, 1, 1), date(y, 12, 31))
        if kind == "rely":
            y = years.year_for(12, relative=m.group(0))
            return None if y is None else Period(date(y, 1, 1), date(y, 12, 31))
    except (ValueError, KeyError):
        return None
    return None


def _full_year(raw: str | None, near: int | None = None) -> int | None:
    """A year printed with four digits or two: the two-digit one in the century that puts it
    nearest `near` (the publication's year; "FY13" is 2013, "FY99" in 2010 is 1999), else in the
    20th century from 70 up and the 21st below.

    >>> _full_year("13", 2016), _full_year("99", 2010), _full_year("99"), _full_year("05"), _full_year("2014")
    (2013, 1999, 1999, 2005, 2014)
    """
    if not raw:
        return None
    if len(raw) == 4:
        return int(raw)
    yy = int(raw)
    if near is None:
        return 1900 + yy if yy >= 70 else 2000 + yy
    return min((1900 + yy, 2000 + yy), key=lambda y: (abs(y - near), y))


def document_period(title: str | None, text: str, pub_date: str | None,
                    mentions: Sequence[Mention] | None = None) -> Period | None:
    """The period a document reports on: the one its title names, else the one its text names most
    (the first of equals), else the year before an early-in-the-year publication or its own year.
    `mentions`: the text's `find_periods`, when the caller has them already.

    >>> document_period("Crime Analysis of the 1st half of 2020", "", "2020").label
    'January-June 2020'
    >>> document_period(None, "In 2023, 36,811 crimes; in 2023 ...; since 2020", "2024-01-23").label
    '2023'
    """
    if title:
        # A title names the release's own period, whatever word stands before it.
        own = list(find_periods(title, pub_date))
        if own:
            return max(own, key=lambda m: m.period.days < 366 and m.period.start != m.period.end).period
    found = find_periods(text, pub_date) if mentions is None else mentions
    mentions = [m for m in found if not m.compared and m.period.start != m.period.end]
    lo, hi = parse_pub_date(pub_date)
    if hi is not None:
        mentions = [m for m in mentions if m.period.start <= hi]
    if mentions:
        counts: dict[Period, int] = {}
        for m in mentions:
            counts[m.period] = counts.get(m.period, 0) + 1
        # Sub-year periods name the release's span more precisely than the year they fall in.
        best = max(counts, key=lambda p: (counts[p] + (0.5 if p.days < 360 else 0), -mentions.index(
            next(x for x in mentions if x.period == p))))
        return best
    if hi is None:
        return None
    return Period(date(hi.year, 1, 1), date(hi.year, 12, 31))


#: What may stand between a figure and the period it is "in": a few words (its unit, "cases filed"),
#: one of them a preposition, no figure, no punctuation but a bracket ("1,138 in FY 2010", "61
#: percent in CY 2011", "5 cases during the first half of").
_NAMES_ITS_PERIOD = re.compile(r"\s*(?:[^\W\d_][\w'-]*\s+|\([^\W\d_]+\)\s*){0,5}?"
                               r"(?:in|during|for|over|throughout|within|at|as\s+of|by)\s+(?:the\s+)?"
                               r"(?:[^\W\d_]+\s+|\([^\W\d_]+\)\s*){0,3}", re.I)


def figure_period(mentions: list[Mention], sentence: tuple[int, int], pos: int, default: Period | None,
                  *, cumulative: bool = False, until: date | None = None, text: str | None = None,
                  end: int | None = None) -> Period | None:
    """The period a figure at `pos` covers: the nearest own period named in its sentence, else `default`.

    A period printed right after the figure and joined to it by a preposition (`text`, and `end`,
    where the figure's span ends) is the figure's, however near another is before it: in "61 percent
    in CY 2011 and 52 percent in CY 2012" the 52 is of 2012.

    A named year is taken only when it can hold the document's period or no default exists, so
    a sub-year release's "in 2024" keeps the release's half-year; a date ("as of 1 August") wins.
    With `cumulative` (a level, not a change), the start of a running total counts as well: "since
    January 2009" gives January 2009 to the end of `default`, "year to date" the start of
    `default`'s last year to its end; to `until` instead where given (the publication day, when
    nothing names the release's own period: a count "since its inception" runs to the day it is
    printed, not to the end of a guessed year).

    >>> ms = find_periods("In 2024, 5 cases; in 2023, 7.", None)
    >>> figure_period(ms, (0, 30), 27, None).label
    '2023'
    >>> t = "Since January 2009, 1,420 cases were recorded."
    >>> figure_period(find_periods(t, "2013-10-20"), (0, len(t)), 20, Period(date(2012, 10, 1), date(2013, 9, 30)),
    ...               cumulative=True).label
    'January 2009-September 2013'
    >>> t = "Since its inception in March 2007, the force has charged 1,140 people."
    >>> figure_period(find_periods(t, "2011-06-17"), (0, len(t)), 55, Period(date(2011, 1, 1), date(2011, 12, 31)),
    ...               cumulative=True, until=date(2011, 6, 17)).label
    '2007-03-01/2011-06-17'
    """
    s0, s1 = sentence
    own = [(m, m.period) for m in mentions if s0 <= m.start < s1 and not m.compared and not m.since]
    if cumulative and default is not None:
        for m in mentions:
            if not (s0 <= m.start < s1 and m.since):
                continue
            stop = until or default.end
            start = date(stop.year, 1, 1) if m.year_start else m.period.start
            if start < stop:
                own.append((m, Period(start, stop)))
    if not own:
        return default
    after = [mp for mp in own if text is not None and end is not None and mp[0].start >= end
             and _NAMES_ITS_PERIOD.fullmatch(text, end, mp[0].start)]
    best, p = min(after, key=lambda mp: mp[0].start) if after else min(
        own, key=lambda mp: (abs((mp[0].start if mp[0].start >= pos else mp[0].end) - pos) + (0 if mp[0].start < pos else 15)))
    if best.since:
        return p
    # A year that holds the release's span names the release's year, not the figure's span (a
    # span written out from one month to another, "August 2014 to July 2015", is the figure's).
    if (default is not None and p.days >= 365 and p.start <= default.start and default.end <= p.end
            and (p.start == default.start or (p.start.month, p.start.day, p.end.month, p.end.day) == (1, 1, 12, 31))):
        return default
    return p


def compared_period(mentions: list[Mention], text: str, sentence: tuple[int, int], pos: int,
                    own: Period | None) -> Period | None:
    """The period a change at `pos` compares against (see the module docstring).

    >>> t = "Crimes fell by 12% compared with the same period of 2024."
    >>> compared_period(find_periods(t, "2025-04-25"), t, (0, len(t)), 15, Period(date(2025, 1, 1), date(2025, 3, 31))).label
    'January-March 2024'
    """
    s0, s1 = sentence
    seg = text[s0:s1]
    if own is None:
        return None
    if _SINCE_START.search(seg):
        start = date(own.end.year, 1, 1)
        return Period(start, start)
    cmp = [m for m in mentions if s0 <= m.start < s1 and m.compared]
    if cmp:
        nearest = min(cmp, key=lambda m: abs(m.start - pos))
        if nearest.relative:
            return own.shift_years(-1)
        best = nearest.period
        if best.days >= 365 and own.days < 360 and best.start.year == best.end.year:
            # "the same period of 2019": the release's own span, in that year
            return own.shift_years(best.start.year - own.start.year)
        return best
    return own.shift_years(-1)
