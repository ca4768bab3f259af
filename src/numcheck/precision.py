"""The precision rule: a stated figure is an interval given by how it was printed.

A figure printed with d decimals (more generally, with resolution r, the unit of its last
printed digit) is consistent with a computed value x when x rounds to it half-up at that
resolution, or truncates to it. Together these admit ``[v - r/2, v + r)``. Hedges widen the
interval on one side ("nearly", "over") or both ("about"). Plain integer counts are exact.

`admitted` is the one function that owns this rule; everything else asks it.

Arithmetic on intervals (`Interval.__add__`, `__truediv__` ...) is exact in `Decimal` at
60 significant digits, so a verdict never depends on binary floating point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum

from numcheck.words import NUMBER_WORDS_RE

INF = Decimal("Infinity")
_PREC = 60


class Hedge(StrEnum):
    """How a hedge word widens a stated figure."""

    about = "about"  # both sides, one unit of the last digit
    below = "below"  # the true value is at most the figure ("nearly", "almost", "up to")
    above = "above"  # the true value is at least the figure ("over", "more than", "at least")
    under = "under"  # the true value is less than the figure ("less than", "under", "fewer than")


#: Hedge phrases as printed before a figure, longest first, and what each means.
HEDGE_PHRASES: list[tuple[str, Hedge]] = sorted(
    [
        ("about", Hedge.about),
        ("around", Hedge.about),
        ("approximately", Hedge.about),
        ("approx.", Hedge.about),
        ("roughly", Hedge.about),
        ("some", Hedge.about),
        ("circa", Hedge.about),
        ("an estimated", Hedge.about),
        ("estimated", Hedge.about),
        ("an average of", Hedge.about),
        ("on average", Hedge.about),
        ("nearly", Hedge.below),
        ("almost", Hedge.below),
        ("close to", Hedge.below),
        ("just under", Hedge.below),
        ("just below", Hedge.below),
        ("up to", Hedge.below),
        ("at most", Hedge.below),
        ("no more than", Hedge.below),
        ("not more than", Hedge.below),
        ("over", Hedge.above),
        ("more than", Hedge.above),
        ("above", Hedge.above),
        ("in excess of", Hedge.above),
        ("exceeding", Hedge.above),
        ("at least", Hedge.above),
        ("upwards of", Hedge.above),
        ("just over", Hedge.above),
        ("no less than", Hedge.above),
        ("not less than", Hedge.above),
        ("less than", Hedge.under),
        ("fewer than", Hedge.under),
        ("under", Hedge.under),
        ("below", Hedge.under),
    ],
    key=lambda p: -len(p[0]),
)

_HEDGE_RE = re.compile(
    r"(?:^|[\s(\[—–-])(" + "|".join(re.escape(p) for p, _ in HEDGE_PHRASES) + r")\s+(?:the\s+|a\s+total\s+of\s+)?[$€£]?\s*$",
    re.IGNORECASE,
)
_HEDGE_OF = {p: h for p, h in HEDGE_PHRASES}

_SIGN_HEDGES = {">": Hedge.above, "≥": Hedge.above, "<": Hedge.under, "≤": Hedge.below}

# A figure (not a year), a percent or "times" just before a comparative: "2.9% fewer than",
# "9 more than", "410 kilograms more than", "three times more than", "seven fewer than".
_FIGURE_BEFORE = re.compile(
    r"(?:\d\s*(?:%|per\s?cent|percent)|(?<![\d,.])(?!(?:1[89]|20)\d\d\b)\d[\d,.]*(?:\s+[a-z]+)?|\btimes"
    rf"|(?:{NUMBER_WORDS_RE.pattern})(?:\s+[a-z]+)?)\s*$", re.I)

#: How far below a "nearly" figure the true value may lie, as a share of the figure.
NEARLY_SLACK = Decimal("0.1")


@dataclass(frozen=True)
class Interval:
    """A closed or half-open interval of Decimals; `hi` may be infinite.

    >>> Interval.point(Decimal(3)) + Interval(Decimal(1), Decimal(2))
    Interval(lo=Decimal('4'), hi=Decimal('5'), lo_open=False, hi_open=False)
    """

    lo: Decimal
    hi: Decimal
    lo_open: bool = False
    hi_open: bool = False

    @staticmethod
    def point(v: Decimal) -> Interval:
        """The interval holding exactly `v`."""
        return Interval(v, v)

    @property
    def is_point(self) -> bool:
        """True for an exact value."""
        return self.lo == self.hi and not (self.lo_open or self.hi_open)

    @property
    def mid(self) -> Decimal:
        """The midpoint (the low end when unbounded)."""
        if self.hi == INF:
            return self.lo
        if self.lo == -INF:
            return self.hi
        with localcontext() as ctx:
            ctx.prec = _PREC
            return (self.lo + self.hi) / 2

    def contains(self, x: Decimal) -> bool:
        """True when `x` lies in the interval."""
        above_lo = x > self.lo if self.lo_open else x >= self.lo
        below_hi = x < self.hi if self.hi_open else x <= self.hi
        return above_lo and below_hi

    def intersects(self, other: Interval) -> bool:
        """True when the two intervals share at least one value."""
        lo, lo_open = max((self.lo, self.lo_open), (other.lo, other.lo_open), key=lambda t: (t[0], t[1]))
        hi, hi_open = min((self.hi, not self.hi_open), (other.hi, not other.hi_open), key=lambda t: (t[0], t[1]))
        hi_open = not hi_open
        if lo < hi:
            return True
        return lo == hi and not lo_open and not hi_open

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_open, self.lo_open)

    def __add__(self, other: Interval) -> Interval:
        with localcontext() as ctx:
            ctx.prec = _PREC
            return Interval(
                self.lo + other.lo, self.hi + other.hi, self.lo_open or other.lo_open, self.hi_open or other.hi_open
            )

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def scale(self, k: Decimal) -> Interval:
        """Multiply by a non-negative constant."""
        with localcontext() as ctx:
            ctx.prec = _PREC
            if k < 0:
                return (-self).scale(-k)
            return Interval(self.lo * k, self.hi * k, self.lo_open, self.hi_open)

    def __truediv__(self, other: Interval) -> Interval:
        """Divide by an interval of positive values (denominators here are counts)."""
        if other.lo < 0 or (other.lo == 0 and not other.lo_open and other.hi == 0):
            raise ZeroDivisionError("denominator interval must be positive")
        with localcontext() as ctx:
            ctx.prec = _PREC
            corners = []
            for a, ao in ((self.lo, self.lo_open), (self.hi, self.hi_open)):
                for b, bo in ((other.lo, other.lo_open), (other.hi, other.hi_open)):
                    if b == 0:
                        val = INF if a > 0 else (-INF if a < 0 else Decimal(0))
                    elif b == INF:
                        val = Decimal(0) if abs(a) != INF else a
                    else:
                        val = a / b
                    corners.append((val, ao or bo))
            lo = min(corners, key=lambda t: (t[0], not t[1]))
            hi = max(corners, key=lambda t: (t[0], not t[1]))
            return Interval(lo[0], hi[0], lo[1], hi[1])


@dataclass(frozen=True)
class Stated:
    """A figure as printed: its value, resolution, exactness and hedge, and the interval they admit."""

    value: Decimal
    resolution: Decimal
    exact: bool
    hedge: Hedge | None
    interval: Interval


def admitted(value: Decimal, resolution: Decimal, *, exact: bool = False, hedge: Hedge | None = None) -> Interval:
    """The values a printed figure admits: the precision rule.

    A rounded figure v with resolution r admits ``[v - r/2, v + r)``: x rounds half-up to v
    at that resolution (``[v - r/2, v + r/2)``) or truncates to it (``[v, v + r)``). For a
    negative v the rule applies to its magnitude. An exact integer count admits itself.
    Hedges: "about" admits ``[v - r, v + r]``, and a round "about" figure (an integer ending in
    zeros: "about 600%", "some 10,000") half its last nonzero digit's place, at most 10% of v
    ("about 600" admits 550 to 650); "nearly" ``[v - max(r, 10% of v), v + r/2)``; "over"
    ``[v, inf)``; "less than" ``[0, v]``.

    >>> admitted(Decimal("600"), Decimal("1"), hedge=Hedge.about)
    Interval(lo=Decimal('550'), hi=Decimal('650'), lo_open=False, hi_open=False)
    >>> admitted(Decimal("26"), Decimal("1"), hedge=Hedge.about)
    Interval(lo=Decimal('25'), hi=Decimal('27'), lo_open=False, hi_open=False)

    >>> admitted(Decimal("94.4"), Decimal("0.1"))
    Interval(lo=Decimal('94.35'), hi=Decimal('94.5'), lo_open=False, hi_open=True)
    >>> admitted(Decimal("31526"), Decimal("1"), exact=True)
    Interval(lo=Decimal('31526'), hi=Decimal('31526'), lo_open=False, hi_open=False)
    >>> admitted(Decimal("1000"), Decimal("1"), exact=True, hedge=Hedge.above).hi
    Decimal('Infinity')
    """
    with localcontext() as ctx:
        ctx.prec = _PREC
        if value < 0:
            return -admitted(-value, resolution, exact=exact, hedge=hedge)
        r = resolution
        if hedge is Hedge.above:
            return Interval(value, INF)
        if hedge is Hedge.under:
            return Interval(Decimal(0), value)
        if hedge is Hedge.about:
            slack = r
            if r >= 1 and value == value.to_integral_value() and value >= 10:
                digits = format(value, "f").split(".")[0]  # str(int()) refuses over 4,300 digits
                place = Decimal(10) ** (len(digits) - len(digits.rstrip("0")))
                slack = max(r, min(place / 2, value * NEARLY_SLACK))
            return Interval(value - slack, value + slack)
        if hedge is Hedge.below:
            slack = max(r, value * NEARLY_SLACK)
            return Interval(value - slack, value if exact else value + r / 2, False, not exact)
        if exact:
            return Interval.point(value)
        return Interval(value - r / 2, value + r, False, True)


def stated(value: Decimal, resolution: Decimal, *, exact: bool = False, hedge: Hedge | None = None) -> Stated:
    """A `Stated` figure with the interval `admitted` gives it.

    >>> stated(Decimal("327"), Decimal("1")).interval.lo
    Decimal('326.5')
    """
    return Stated(value, resolution, exact, hedge, admitted(value, resolution, exact=exact, hedge=hedge))


def find_hedge(text: str, start: int) -> tuple[str, Hedge] | None:
    """The hedge printed right before the figure at `start`, if any.

    >>> find_hedge("with nearly 1 million rounds", 12)
    ('nearly', <Hedge.below: 'below'>)
    >>> find_hedge("in 2024 over", 3) is None
    True

    A comparative after a figure compares two figures, it hedges neither: "2.9% fewer than
    the 50,110 of 2023", "410 kilograms more than the 1 ton" (but "In 2024 over 3,000").

    >>> find_hedge("48,930 births, 2.9% fewer than the 50,110", 34) is None
    True
    >>> find_hedge("38 were fatal, seven fewer than the 45", 36) is None
    True
    >>> find_hedge("In 2024 over 3,000", 13)
    ('over', <Hedge.above: 'above'>)
    >>> find_hedge("increased >30%", 11)
    ('>', <Hedge.above: 'above'>)
    """
    window = text[max(0, start - 40) : start]
    sign = window.rstrip()[-1:]
    if sign in _SIGN_HEDGES:  # "increased >30%": a sign printed for the words
        return sign, _SIGN_HEDGES[sign]
    m = _HEDGE_RE.search(window)
    if not m:
        return None
    phrase = m.group(1).lower()
    hedge = _HEDGE_OF[phrase]
    if hedge in (Hedge.above, Hedge.under) and _FIGURE_BEFORE.search(window[: m.start(1)]):
        return None
    return phrase, hedge


def fmt_decimal(x: Decimal, places: int | None = None) -> str:
    """A Decimal in plain form with thousands separators, at most `places` decimals.

    >>> fmt_decimal(Decimal("24300")), fmt_decimal(Decimal("94.4512"), 2), fmt_decimal(Decimal("-2.5"))
    ('24,300', '94.45', '-2.5')
    """
    if x == INF:
        return "∞"
    if x == -INF:
        return "-∞"
    with localcontext() as ctx:
        ctx.prec = _PREC
        if places is not None:
            x = x.quantize(Decimal(1).scaleb(-places)) if abs(x) < Decimal(10) ** 40 else x
        s = f"{x:,f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def describe_interval(iv: Interval, places: int | None = None) -> str:
    """An admitted interval in words, as the report shows it.

    >>> describe_interval(Interval(Decimal("94.35"), Decimal("94.5"), False, True))
    'admits 94.35 to under 94.5'
    >>> describe_interval(Interval.point(Decimal(24300)))
    'exact'
    """
    if iv.is_point:
        return "exact"
    lo = fmt_decimal(iv.lo, places)
    hi = fmt_decimal(iv.hi, places)
    if iv.hi == INF:
        return f"admits {'over ' if iv.lo_open else ''}{lo} to ∞"
    return f"admits {'over ' if iv.lo_open else ''}{lo} to {'under ' if iv.hi_open else ''}{hi}"
