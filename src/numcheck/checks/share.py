"""`share`: a percent against its part and whole ("94.4% or 31,526 of the 33,379 crimes")."""

from __future__ import annotations

from decimal import Decimal

from numcheck.checks.figure import Figure, expected_float, fmt
from numcheck.precision import Interval
from numcheck.schema import Check, CheckKind, Derived, Verdict

HUNDRED = Interval.point(Decimal(100))


def check_share(percent: Figure, part: Figure, whole: Figure) -> Check:
    """Recompute part / whole x 100 and judge the stated percent at its printed precision.

    >>> from numcheck.schema import Quantity
    >>> from numcheck.checks.figure import make_figure
    >>> t = "94.4% or 31,526 of 33,379"
    >>> p, a, w = (make_figure(Quantity(id=i, start=s, end=e, text=t[s:e], kind=k), t) for i, s, e, k in
    ...     [("q1", 0, 5, "PERCENT"), ("q2", 9, 15, "COUNT"), ("q3", 19, 25, "COUNT")])
    >>> check_share(p, a, w).verdict
    <Verdict.consistent: 'consistent'>
    """
    if whole.magnitude.lo <= 0:
        return Check(
            kind=CheckKind.share,
            quantities=[percent.id, part.id, whole.id],
            verdict=Verdict.unverifiable,
            explanation=f"{part.text} / {whole.text}: a whole of {whole.printed} gives no share",
        )
    computed = (part.magnitude / whole.magnitude).scale(Decimal(100))
    point = abs(part.value) / abs(whole.value) * 100
    ok = computed.intersects(percent.magnitude)
    arithmetic = f"{part.text} / {whole.text} × 100 = {fmt(point)}%"
    if not computed.is_point:
        arithmetic += f" ({fmt(computed.lo)} to {fmt(computed.hi)} with the precision of the figures used)"
    if ok:
        words = f"{arithmetic}, which matches the stated {percent.printed} ({percent.admits})"
    else:
        words = f"{arithmetic}, but the stated {percent.printed} {percent.admits}: it does not match"
    return Check(
        kind=CheckKind.share,
        quantities=[percent.id, part.id, whole.id],
        verdict=Verdict.consistent if ok else Verdict.inconsistent,
        expected=expected_float(point),
        explanation=words,
    )


def derive_part(percent: Figure, whole: Figure, *, unit: str | None = None, what: str = "") -> Derived:
    """The part a percent of a whole implies ("87.6% of 33,379 crimes = 29,240").

    >>> from numcheck.schema import Quantity
    >>> from numcheck.checks.figure import make_figure
    >>> t = "87.6% of 33,379"
    >>> p = make_figure(Quantity(id="q1", start=0, end=5, text="87.6%", kind="PERCENT"), t)
    >>> w = make_figure(Quantity(id="q2", start=9, end=15, text="33,379", kind="COUNT"), t)
    >>> derive_part(p, w).value
    29240.0
    """
    value = abs(percent.value) * abs(whole.value) / 100
    unit = unit or whole.quantity.unit
    label = f" {unit}" if unit else ""
    tail = f" {what}" if what else ""
    return Derived(
        quantities=[whole.id, percent.id],
        value=expected_float(value, 0),
        unit=unit,
        explanation=f"{percent.text} of {whole.text}{label} = {fmt(value, 0)}{tail} (implied, not printed)",
    )
