"""A stated figure ready for arithmetic: the quantity, its parsed value and admitted interval."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from numcheck.numbers import parse_number
from numcheck.precision import Hedge, Interval, admitted, describe_interval, find_hedge, fmt_decimal
from numcheck.schema import Quantity, QuantityKind


#: What follows a fraction that is a fraction of one percent, not a percent itself.
_OF_ONE_PERCENT = re.compile(r"\s+(?:of\s+)?(?:one|a|1)\s*(?:per\s?cent|percent|%)", re.I)


@dataclass(frozen=True)
class Figure:
    """One quantity of a document as the checker sees it.

    `value` is signed as printed ("-957" is -957); `interval` is what the precision rule
    admits for its magnitude-preserving value; `hedge` is the phrase printed before it.
    """

    quantity: Quantity
    value: Decimal
    resolution: Decimal
    exact: bool
    hedge: tuple[str, Hedge] | None
    interval: Interval

    @property
    def id(self) -> str:
        """The quantity id."""
        return self.quantity.id

    @property
    def text(self) -> str:
        """The figure as printed."""
        return self.quantity.text

    @cached_property
    def kind(self) -> QuantityKind:
        """The quantity kind (asked for hundreds of times a document by the linker)."""
        return QuantityKind(self.quantity.kind)

    @property
    def magnitude(self) -> Interval:
        """The admitted interval of the absolute value (for changes whose sign is in words)."""
        iv = self.interval
        return -iv if iv.hi <= 0 and iv.lo < 0 else iv

    @property
    def printed(self) -> str:
        """The figure as printed, with its hedge."""
        return f"{self.hedge[0]} {self.text}" if self.hedge else self.text

    @property
    def admits(self) -> str:
        """The admitted interval in words ("admits 94.35 to under 94.5")."""
        return describe_interval(self.magnitude)


def make_figure(q: Quantity, doc_text: str) -> Figure | None:
    """The figure of a quantity, or None when it holds no number to compute with.

    >>> f = make_figure(Quantity(id="q1", start=7, end=12, text="94.4%", kind="PERCENT", value=94.4), "exactly 94.4%")
    >>> (f.value, f.interval.lo, f.interval.hi)
    (Decimal('94.4'), Decimal('94.35'), Decimal('94.5'))
    >>> f = make_figure(Quantity(id="q1", start=7, end=14, text="a fifth", kind="CHANGE"), "fell by a fifth")
    >>> (f.value, f.quantity.unit)
    (Decimal('20.0'), '%')
    >>> make_figure(Quantity(id="q1", start=0, end=20, text="half of one per cent", kind="PERCENT"), "half of one per cent").value
    Decimal('0.5')
    """
    ratio = _ratio(q.text) if QuantityKind(q.kind) is QuantityKind.PERCENT else None
    if ratio is not None:
        return _ratio_figure(q, *ratio, find_hedge(doc_text, q.start))
    parsed = parse_number(q.text)
    value: Decimal | None = None
    resolution = Decimal(1)
    exact = True
    if parsed is not None:
        value, resolution, exact = parsed.value, parsed.resolution, parsed.exact
        if parsed.sign < 0 and value > 0:
            value = -value
    if q.value is not None and not isinstance(q.value, str):
        try:
            given = Decimal(str(q.value))
        except (InvalidOperation, ValueError):  # ValueError: an int too long for str()
            given = None
        # The extractor's value wins when the text alone is not enough (number words, scales).
        if given is not None and (value is None or abs(abs(given) - abs(value)) > resolution):
            scale = _scale_of(given, value)
            if scale is not None:
                # A scale the figure shares with the range it opens ("from 8.7 to 9.6 million"):
                # printed to a tenth, it is known to a tenth of a million.
                value, resolution, exact = given, resolution * scale, False
            else:
                value = given
                resolution = Decimal(1)
                exact = given == given.to_integral_value() and QuantityKind(q.kind) in (
                    QuantityKind.COUNT,
                    QuantityKind.CHANGE,
                )
    if value is None:
        return None
    if (parsed is not None and parsed.form == "fraction" and abs(value) <= 1
            and QuantityKind(q.kind) in (QuantityKind.PERCENT, QuantityKind.CHANGE)):
        # A share or change in words ("a third", "fell by a fifth") is a percent: 33.33, 20;
        # a fraction of one percent ("half of one per cent") is that many percent: 0.5.
        if not _OF_ONE_PERCENT.match(q.text, parsed.end):
            value, resolution = value * 100, resolution * 100
        q = q.model_copy(update={"unit": "%"})
    if QuantityKind(q.kind) in (QuantityKind.PERCENT, QuantityKind.RATE) or (
        QuantityKind(q.kind) is QuantityKind.CHANGE and parsed is not None and parsed.unit in ("%", "pp")
    ):
        exact = False
    hedge = find_hedge(doc_text, q.start)
    iv = admitted(value, resolution, exact=exact, hedge=hedge[1] if hedge else None)
    return Figure(q, value, resolution, exact, hedge, iv)


def _scale_of(given: Decimal, printed: Decimal | None) -> Decimal | None:
    """The thousand, million, billion or trillion that turns the printed number into the
    extractor's value, if one does exactly.

    >>> _scale_of(Decimal("8700000"), Decimal("8.7")), _scale_of(Decimal("87"), Decimal("8.7"))
    (Decimal('1000000'), None)
    """
    if printed is None or printed == 0:
        return None
    for k in (3, 6, 9, 12):
        scale = Decimal(10) ** k
        if abs(given) == abs(printed) * scale:
            return scale
    return None


#: A share printed as a ratio: "one in eight", "1 in 3", "three out of ten".
_RATIO = re.compile(r"^\s*(?P<n>[\w,.]+)\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<m>[\w,.]+)\s*$", re.I)


def _ratio(text: str) -> tuple[Decimal, Decimal] | None:
    """(n, m) of a share printed as "n in m", whole numbers with 0 < n < m; None for anything else.

    >>> _ratio("one in eight"), _ratio("3 out of 10"), _ratio("8 in 3"), _ratio("12%")
    ((Decimal('1'), Decimal('8')), (Decimal('3'), Decimal('10')), None, None)
    """
    m = _RATIO.match(text)
    if not m:
        return None
    parts = [parse_number(m.group(g)) for g in ("n", "m")]
    if any(p is None or p.value != p.value.to_integral_value() or p.end - p.start != len(m.group(g))
           for p, g in zip(parts, ("n", "m"))):
        return None
    n, d = (p.value for p in parts)  # type: ignore[union-attr]
    return (n, d) if 0 < n < d else None


def _ratio_figure(q: Quantity, n: Decimal, m: Decimal, hedge: tuple[str, Hedge] | None) -> Figure:
    """A share printed as "n in m", in percent, with what the ratio admits when it was rounded or
    truncated as printed: for "one in m", the whole per part rounds or truncates to m ("one in
    eight" admits 100/9 to 100/7.5 percent: 11.11 to 13.34); for "n in m", the parts per m round
    or truncate to n ("three in ten" admits 25 to under 40 percent). "About" admits one more or
    less in the printed place (m for "one in m", n otherwise), "nearly" down to that, "over" up
    to 100% and "under" down to 0.

    >>> t = "nearly one in three"
    >>> f = make_figure(Quantity(id="q1", start=7, end=19, text="one in three", kind="PERCENT"), t)
    >>> (f.value, f.interval.lo, f.interval.hi)
    (Decimal('33.33'), Decimal('25.00'), Decimal('40.00'))
    """
    def pct(x: Decimal, rounding: str) -> Decimal:
        return (100 * x).quantize(Decimal("0.01"), rounding=rounding)

    h = hedge[1] if hedge else None
    if n == 1:  # the whole per part, m, was rounded: the share is 1 / (whole per part)
        lo, hi = pct(1 / (m + 1), ROUND_FLOOR), pct(1 / (m - Decimal("0.5")), ROUND_CEILING)
        about = (lo, pct(1 / max(m - 1, Decimal(1)), ROUND_CEILING))
    else:
        lo, hi = pct((n - Decimal("0.5")) / m, ROUND_FLOOR), pct((n + 1) / m, ROUND_CEILING)
        about = (pct((n - 1) / m, ROUND_FLOOR), hi)
    if h is Hedge.about:
        lo, hi = about
    elif h is Hedge.below:
        lo = about[0]
    elif h is Hedge.above:
        hi = Decimal(100)
    elif h is Hedge.under:
        lo = Decimal(0)
    iv = Interval(lo, hi, lo_open=n == 1 and h is None, hi_open=n > 1 and h is None)
    return Figure(q.model_copy(update={"unit": "%"}), pct(n / m, ROUND_HALF_UP), 100 / m, False, hedge, iv)


def fmt(x: Decimal, places: int = 2) -> str:
    """A computed value for an explanation, rounded for reading.

    >>> fmt(Decimal("94.4512")), fmt(Decimal("24300"))
    ('94.45', '24,300')
    """
    return fmt_decimal(x, places)


def expected_float(x: Decimal, places: int = 2) -> float:
    """The `expected` field of a check (or a derived value): a float rounded for reading.

    A value too long to round in Decimal's context (a figure of 30 digits over a tiny one)
    is converted as it is, never raised on.

    >>> expected_float(Decimal("94.4512")), expected_float(Decimal("1E+40") / 3, 0)
    (94.45, 3.333333333333333e+39)
    """
    try:
        return float(round(x, places))
    except ArithmeticError:
        return float(x)
