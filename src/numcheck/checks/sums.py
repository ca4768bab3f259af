"""`sum`: listed parts against a stated total, and shares of one whole against 100%."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache, reduce

from numcheck.checks.figure import Figure, fmt
from numcheck.precision import Interval, describe_interval
from numcheck.schema import Check, CheckKind, Verdict

_ZERO = Interval.point(Decimal(0))

#: A publisher's note that its printed components need not add up exactly ("Components may not
#: sum to totals due to rounding", "Totals may not add up as figures are rounded", "Due to
#: rounding, figures may not add up", "rounded independently"), a line break allowed inside:
#: statistical tables print each figure rounded from an unrounded one, and the total from the
#: unrounded sum. The table checks also read whole numbers of such a document as rounded.
_ROUNDING_NOTE = re.compile(
    r"\bnot\s+(?:sum|add|total)\b[^.;]{0,60}?\bround"
    r"|\brounding\b[^.;]{0,40}?\bmay\s+not\s+(?:sum|add|total)\b"
    r"|\b(?:rounded|rounding)\s+independently\b",
    re.I,
)


@lru_cache(maxsize=4)  # a few texts held: a long document's can be megabytes
def warns_of_rounding(text: str) -> bool:
    """Whether a document says that its components may not add up to its totals because of
    rounding (asked once per sum of a document; the text's hash is computed once).

    >>> warns_of_rounding("Notes: 4. Components may not sum to totals due to rounding.")
    True
    >>> warns_of_rounding("Due to rounding, percentages may not add up to 100."), warns_of_rounding("Totals were rounded.")
    (True, False)
    """
    return _ROUNDING_NOTE.search(text) is not None


def _with_rounding_slack(parts: list[Figure]) -> Interval:
    """The parts' total when each may be off by a further half unit of its last printed digit:
    what a document's rounding note allows (every figure of it was rounded, and its total from
    the figures before rounding). A rounded part may then be off by one unit, an exact one by half."""
    iv = _ZERO
    for p in parts:
        half = p.resolution / 2
        iv = iv + Interval(p.interval.lo - half, p.interval.hi + half, p.interval.lo_open, p.interval.hi_open)
    return iv


def _total(parts: list[Figure]) -> tuple[Decimal, Interval]:
    point = sum((p.value for p in parts), Decimal(0))
    iv = reduce(lambda a, b: a + b, (p.interval for p in parts), _ZERO)
    return point, iv


def check_sum(parts: list[Figure], total: Figure, *, rounding_note: bool = False) -> Check:
    """The parts must add up to the total, each at its printed precision. With `rounding_note`
    (the document warns that components may not sum to totals because of rounding), parts that
    miss at printed precision by under a hundredth of the total, but add up when each may be off
    by a further half unit of its last digit (`_with_rounding_slack`), are consistent, and the explanation
    says so.

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
    outcome = ": they match" if ok else ": they do not add up"
    # Rounding moves a total by a few units of the last digit, never by a hundredth of it.
    if not ok and rounding_note and abs(point - total.value) <= abs(total.value) / 100:
        loose = _with_rounding_slack(parts)
        if loose.intersects(total.interval):
            ok = True
            outcome = (": they do not add up at printed precision, but the document warns that components may not "
                       "sum to totals because of rounding, and they do when each part may be off by a further half "
                       f"unit of its last digit (parts {describe_interval(loose)})")
    words += outcome
    return Check(
        kind=CheckKind.sum,
        quantities=[*(p.id for p in parts), total.id],
        verdict=Verdict.consistent if ok else Verdict.inconsistent,
        explanation=words,
    )


def check_percent_sum(percents: list[Figure], *, overlap: bool = False, rounding_note: bool = False) -> Check:
    """Shares of one whole must total at most 100% (allowing for rounding), unless they overlap;
    with `rounding_note` (`check_sum`), shares totalling at most 101% at their printed values also
    pass when each may be off by a further half unit of its last digit.

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
    loose = _with_rounding_slack(percents) if not ok and rounding_note and point <= 101 else None
    if loose is not None and loose.lo <= 100:
        ok = True
        words += (": they do not at printed precision, but the document warns that figures may not add up because of "
                  "rounding, and they do when each share may be off by a further half unit of its last digit "
                  f"(at least {fmt(loose.lo)})")
    else:
        words += ": they do" if ok else ": they do not"
    return Check(
        kind=CheckKind.sum,
        quantities=[*(p.id for p in percents), "100%"],
        verdict=Verdict.consistent if ok else Verdict.inconsistent,
        explanation=words,
    )
