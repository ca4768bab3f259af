"""How much a relation's agreement says: the relative width within which its figures agree.

When the arithmetic confirms a relation, the agreement is evidence that the figures belong
together only as far as unrelated figures would seldom agree as well. "3,263" is 13.3% of
"24,566" to within 1.1% of the percent's value: few pairs of figures in a paragraph have a ratio
so close to a stated one by chance. "2" and "3" add up to "5" within a fifth of it, and so do
many pairs. `agreement_width` measures this: the stated figure's admitted width and the widths
the other figures carry into what is computed from them, relative to the stated value. The
decoder's confirmed calibration reads its logarithm beside the link score (`Calibration`).

Small is strong evidence; 1 is none (a part and its whole agree with any part smaller than the
whole; a hedged or open-ended figure, "more than 500", agrees with much).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from numcheck.checks.figure import Figure
from numcheck.checks.relation import Relation, in_one_unit
from numcheck.precision import INF
from numcheck.schema import CheckKind

#: What a population read from a reference table, not printed, adds to a rate's width: the
#: table's year and coverage may differ from the text's.
REFERENCE_POPULATION_WIDTH = 0.02
#: The narrowest width reported: figures printed to many digits agree no more surely than this.
NARROWEST = 1e-6


def agreement_width(relation: Relation, figures: Mapping[str, Figure]) -> float:
    """The relative width, in (0, 1], within which the figures of `relation` agree when it holds.

    >>> from numcheck.checks.relation import figures_of
    >>> from numcheck.schema import Quantity
    >>> t = "Of 24,566 crimes, 3,263 (13.3%) were grave."
    >>> qs = [Quantity(id=i, start=t.index(x), end=t.index(x) + len(x), text=x, kind=k)
    ...       for i, x, k in [("w", "24,566", "COUNT"), ("p", "3,263", "COUNT"), ("s", "13.3%", "PERCENT")]]
    >>> round(agreement_width(Relation(CheckKind.share, ("s", "p", "w")), figures_of(t, qs)), 4)
    0.0116
    >>> t = "2 arrests in May and 3 in June, 5 in all."
    >>> qs = [Quantity(id=x, start=t.index(x), end=t.index(x) + 1, text=x, kind="COUNT") for x in "235"]
    >>> round(agreement_width(Relation(CheckKind.sum, ("2", "3", "5")), figures_of(t, qs)), 2)
    0.6
    >>> agreement_width(Relation(CheckKind.part_whole, ("p", "w")), figures_of(t, qs))
    1.0
    """
    kind, members = relation.kind, relation.members
    ids = [x for x in (*members, relation.delta) if x is not None and x in figures]
    figs = in_one_unit(dict(figures), ids)

    def fig(x: str | None) -> Figure | None:
        return figs.get(x) if x is not None else None

    if kind is CheckKind.part_whole:
        return 1.0
    if kind is CheckKind.share:
        width = sum(_relative(fig(x)) for x in members)
    elif kind is CheckKind.rate:
        width = _relative(fig(members[0])) + _relative(fig(members[1]))
        width += REFERENCE_POPULATION_WIDTH if members[2] == "ref:population" else _relative(fig(members[2]))
    elif kind is CheckKind.sum:
        items = [fig(x) for x in members[:-1]]
        total = fig(members[-1])
        spread = sum((_width(f) for f in items), Decimal(0))
        if members[-1] == "100%":
            width = float(spread / 100)
        elif total is None or total.value == 0:
            return 1.0
        else:
            width = float((spread + _width(total)) / abs(total.value))
    else:  # a change: the stated change, and what the levels' widths do to their difference
        change, old, new, delta = fig(members[0]), fig(members[1]), fig(members[2]), fig(relation.delta)
        width = _relative(change)
        if old is not None and new is not None:
            apart = abs(new.value - old.value)
            width += float((_width(old) + _width(new)) / apart) if apart else 1.0
        elif delta is not None:
            width += _relative(delta)
        else:
            width += _relative(new)
    return min(max(width, NARROWEST), 1.0)


def _width(f: Figure | None) -> Decimal:
    """The width of what a figure admits, and at least one unit of its last printed digit: an
    exact count ("3,263") still agrees with any value of that step by chance (infinite for an
    open-ended or missing figure)."""
    if f is None or f.interval.hi == INF or f.interval.lo == -INF:
        return INF
    return max(f.interval.hi - f.interval.lo, f.resolution)


def _relative(f: Figure | None) -> float:
    """A figure's admitted width relative to its value (1 or more when it says little)."""
    if f is None or f.value == 0:
        return 1.0
    w = _width(f)
    return 1.0 if w == INF else float(w / abs(f.value))
