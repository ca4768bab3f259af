"""`part_whole`: a part can be no larger than its whole ("6,055 citizens, including 4,468")."""

from __future__ import annotations

from numcheck.checks.figure import Figure
from numcheck.schema import Check, CheckKind, Verdict


def check_part_whole(part: Figure, whole: Figure) -> Check:
    """The part must not exceed the whole (at the precision both were printed with).

    >>> from numcheck.schema import Quantity
    >>> from numcheck.checks.figure import make_figure
    >>> t = "6,055 including 4,468"
    >>> w = make_figure(Quantity(id="q1", start=0, end=5, text="6,055", kind="COUNT"), t)
    >>> p = make_figure(Quantity(id="q2", start=16, end=21, text="4,468", kind="COUNT"), t)
    >>> check_part_whole(p, w).explanation
    '4,468 ≤ 6,055: the part is no larger than the whole'
    """
    ok = part.magnitude.lo <= whole.magnitude.hi
    if ok:
        words = f"{part.printed} ≤ {whole.printed}: the part is no larger than the whole"
    else:
        words = f"{part.printed} > {whole.printed}: the part is larger than the whole it belongs to"
    return Check(
        kind=CheckKind.part_whole,
        quantities=[part.id, whole.id],
        verdict=Verdict.consistent if ok else Verdict.inconsistent,
        explanation=words,
    )
