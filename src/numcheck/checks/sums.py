"""`sum`: listed parts against a stated total, and shares of one whole against 100%."""

from __future__ import annotations

from decimal import Decimal
from functools import reduce

from numcheck.checks.figure import Figure, fmt
from numcheck.precision import Interval, describe_interval
from numcheck.schema import Check, CheckKind, Verdict

_ZERO = Interval.point(Decimal(0))


def _total(parts: list[Figure]) -> tuple[Decimal, Interval]:
    point = sum((p.value for p in parts), Decimal(0))
    iv = reduce(lambda a, b: a + b, (p.interval for p in parts), _ZERO)
    return point, iv


def check_sum(parts: list[Figure], total: Figure) -> Check:
    """The parts must add up to the total, each at its printed precision.

    >>> from numcheck.schema import Quantity
    >>> from numcheck.checks.figure import make_figure
    >>> t = "824 (449) (375)"
    >>> f = [make_figure(Quantity(id=f"q{i}", start=s, end=e, text=t[s:e], kind="COUNT"), t) for i, (s, e) in enumerate([(0, 3), (5, 8), (11, 14)], 1)]
    >>> check_sum(f[1:], f[0]).explanation
    '449 + 375 = 824 (exact); stated total 824 (exact): they match'
    """
    point, iv = _total(parts)
    ok = iv.intersects(total.interval)
    lhs = " + ".join(p.printed for p in parts)
    parts_words = describe_interval(iv) if not iv.is_point else "exact"
    if not iv.is_point:
        parts_words = "parts " + parts_words
    words = f"{lhs} = {fmt(point)} ({parts_words}); stated total {total.printed} ({total.admits})"
    words += ": they match" if ok else ": they do not add up"
    return Check(
        kind=CheckKind.sum,
        quantities=[*(p.id for p in parts), total.id],
        verdict=Verdict.consistent if ok else Verdict.inconsistent,
        explanation=words,
    )


def check_percent_sum(percents: list[Figure], *, overlap: bool = False) -> Check:
    """Shares of one whole must total at most 100% (allowing for rounding), unless they overlap.

    >>> from numcheck.schema import Quantity
    >>> from numcheck.checks.figure import make_figure
    >>> t = "86.3% 13.7%"
    >>> f = [make_figure(Quantity(id=f"q{i}", start=s, end=e, text=t[s:e], kind="PERCENT"), t) for i, (s, e) in enumerate([(0, 5), (6, 11)], 1)]
    >>> check_percent_sum(f).verdict
    <Verdict.consistent: 'consistent'>
    """
    point, iv = _total(percents)
    lhs = " + ".join(p.printed for p in percents)
    ok = overlap or iv.lo <= 100
    words = f"{lhs} = {fmt(point)}% (at least {fmt(iv.lo)} allowing for rounding); shares of one whole must total at most 100%"
    words += ": they do" if ok else ": they do not"
    return Check(
        kind=CheckKind.sum,
        quantities=[*(p.id for p in percents), "100%"],
        verdict=Verdict.consistent if ok else Verdict.inconsistent,
        explanation=words,
    )
