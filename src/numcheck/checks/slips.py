"""Slips of the pen and round figures: whether a relation that does not hold may still be right.

A printed figure that is wrong by a little (9.4% for 9.3%) may be a rounding or a reasoning
error; one wrong by an order of magnitude or more is either a slip of the pen (a digit
replaced, dropped or swapped, a decimal point moved) or not related to the others at all.
`far_off` says when a contradiction is that large; `explained_by_slip` looks for the one slip
of one figure that makes the relation hold, so a linker's wrong link ("0.2%" read as the change
between two ends of a range, "£1.8 to £3.6 billion") is not reported as a printing error.

An amount of four digits or more printed with two trailing zeros ("£27,000") is a multiple of a
hundred, which an exact count or amount is one time in a hundred: it is most likely rounded to
the hundred at least. `explained_by_rounding` says when reading such figures so makes a relation hold ("£27,000,
an increase of 2.1% from £26,500": 1.9% as printed, 2.1% within the hundreds), which is then no
finding: the figures may have been rounded after the percent was computed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from numcheck.checks.figure import Figure, make_figure
from numcheck.precision import Interval
from numcheck.schema import Check, CheckKind, QuantityKind, Verdict

#: A contradiction is far off when the stated figure and what its relation gives differ by more
#: than this factor (or a part is this many times its whole).
FAR_OFF = 10.0

_DIGIT = re.compile(r"\d")
#: A number printed with a needless leading zero ("01.4", "$04") or a point with no digit after
#: it ("643. million"): no slip prints one.
_MALFORMED = re.compile(r"^\D*0\d|\d\.(?!\d)")


def slips(printed: str) -> Iterator[tuple[str, str]]:
    """Each text one slip of the pen makes of a printed figure, with the slip that would have
    printed it so: a digit replaced, one too many or missing, two neighbours swapped, the decimal
    point moved one place.

    >>> variants = dict(slips("10.4"))
    >>> all(v in variants for v in ("1.04", "104", "19.4", "0.4", "100.4")) and "01.4" not in variants
    True
    >>> "643. million tonnes" in dict(slips("643.1 million tonnes"))
    False
    >>> variants["1.04"], variants["19.4"], variants["0.4"], variants["100.4"]
    ('the decimal point moved', '9 printed as 0', 'a 1 printed too many', 'a 0 missing')
    """
    digits = [m.start() for m in _DIGIT.finditer(printed)]
    seen = {printed}

    def fresh(text: str, what: str) -> Iterator[tuple[str, str]]:
        if text not in seen and _DIGIT.search(text) and not _MALFORMED.search(text):
            seen.add(text)
            yield text, what

    for i in digits:
        for d in "0123456789":
            if d != printed[i]:
                yield from fresh(printed[:i] + d + printed[i + 1:], f"{d} printed as {printed[i]}")
        if len(digits) > 1:
            yield from fresh(printed[:i] + printed[i + 1:], f"a {printed[i]} printed too many")
    for i in [*digits, digits[-1] + 1] if digits else []:
        for d in "0123456789":
            yield from fresh(printed[:i] + d + printed[i:], f"a {d} missing")
    for a, b in zip(digits, digits[1:], strict=False):
        if b == a + 1 and printed[a] != printed[b]:
            yield from fresh(printed[:a] + printed[b] + printed[a] + printed[b + 1:], "two digits swapped")
    m = re.search(r"(?<=\d)\.(?=\d)", printed)
    if m:
        p = m.start()
        no_point = printed[:p] + printed[p + 1:]
        for q in (p - 1, p + 1):
            if 0 < q < len(no_point) and no_point[q - 1].isdigit() and no_point[q].isdigit():
                yield from fresh(no_point[:q] + "." + no_point[q:], "the decimal point moved")
        yield from fresh(no_point, "a decimal point printed too many")
    elif "," not in printed:
        for a, b in zip(digits, digits[1:], strict=False):
            if b == a + 1:
                yield from fresh(printed[:b] + "." + printed[b:], "a decimal point missing")


def far_off(kind: CheckKind, members: Sequence[str | None], check: Check, figures: Mapping[str, Figure],
            stated: str | None) -> bool:
    """Whether a contradicted relation is off by more than `FAR_OFF` times: its stated figure (the
    id `stated`, the figure the relation tests) against what the others give (`check.expected`),
    or a part against its whole.

    >>> far_off(CheckKind.change, ("q1", "q2", "q3"), Check(kind="change", quantities=["q1"], verdict="inconsistent",
    ...         expected=100.0), {"q1": _figure("0.2%")}, "q1")
    True
    """
    if kind is CheckKind.part_whole:
        part, whole = (figures.get(str(m)) for m in members[:2])
        if part is None or whole is None:
            return False
        a, b = abs(float(part.value)), abs(float(whole.value))
        return b == 0 or a > FAR_OFF * b
    tested = figures.get(str(stated))
    if tested is None or check.expected is None:
        return False
    a, b = abs(float(tested.value)), abs(float(check.expected))
    if a == 0 or b == 0:
        return a != b
    return max(a / b, b / a) > FAR_OFF


def explained_by_slip(text: str, relation_members: Sequence[str | None], figures: Mapping[str, Figure],
                      rerun: Callable[[Mapping[str, Figure]], Check], stated: str | None = None) -> str | None:
    """The slips of one figure that make a contradicted relation hold, in words, or None: the
    first such slip of each figure that has one ("31,526 may be a misprint of 31,326 (...), or
    33,179 of 33,379 (...)"): which figure is wrong the arithmetic cannot tell.

    `rerun(override)` checks the relation again with some figures replaced. The slip must make it
    hold on the printed values, not only within their precision: with `stated` (the id of the
    figure the relation tests), what the others give (`expected`) must lie within what it
    admits. Low-precision figures admit a wide range ("£1.8 to £3.6 billion": 87% to 111%), and
    among the hundred slips of three figures one would often fall in it by chance.
    """
    fits = list(_slips_that_fit(text, relation_members, figures, rerun, stated))
    if not fits:
        return None
    (fig, variant, what), *others = fits
    words = [f"{fig.text} may be a misprint of {variant} ({what})", *(f"{f.text} of {v} ({w})" for f, v, w in others)]
    return f"{', or '.join(words)}, with which the figures agree"


def _slips_that_fit(text: str, relation_members: Sequence[str | None], figures: Mapping[str, Figure],
                    rerun: Callable[[Mapping[str, Figure]], Check], stated: str | None) -> Iterator[tuple[Figure, str, str]]:
    """(figure, its text after the slip, the slip) for each figure one slip of which makes the relation hold."""
    for fid in dict.fromkeys(m for m in relation_members if m and m in figures):
        fig = figures[fid]
        for variant, what in slips(fig.text):
            q = fig.quantity.model_copy(update={"text": variant, "end": fig.quantity.start + len(variant), "value": None})
            slipped = make_figure(q, text)
            if slipped is None:
                continue
            try:
                check = rerun({fid: slipped})
            except (KeyError, ArithmeticError, ValueError):
                continue
            if check.verdict is not Verdict.consistent:
                continue
            tested = slipped if fid == stated else figures.get(str(stated)) if stated else None
            if tested is not None and check.expected is not None and not Interval.point(
                    Decimal(str(abs(check.expected)))).intersects(tested.magnitude):
                continue
            yield fig, variant, what
            break


def significant_digits(printed: str) -> int:
    """How many significant digits a figure is printed with: its digits from the first nonzero one.

    >>> [significant_digits(t) for t in ("66.2%", "0.569", "-9.6%", "1,512", "7.0", "0")]
    [3, 3, 2, 4, 2, 0]
    """
    return len(re.sub(r"\D", "", printed).lstrip("0"))


def _figure(printed: str) -> Figure:
    """A figure of its own text (for the examples above)."""
    from numcheck.schema import Quantity

    kind = "PERCENT" if "%" in printed else "COUNT"
    made = make_figure(Quantity(id="q1", start=0, end=len(printed), text=printed, kind=kind), printed)
    assert made is not None
    return made


#: The kinds of figure that may be printed rounded to the hundred.
_AMOUNTS = frozenset({QuantityKind.COUNT, QuantityKind.MONEY, QuantityKind.MEASURE})
#: A whole number ending in 00: its digits, separators allowed ("27,000", "£26 500").
_ROUND = re.compile(r"(?<![\d.,])(\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+)(?![\d]|[.,]\d)")


def rounded_to_hundreds(fig: Figure) -> Figure | None:
    """The figure read as rounded to the hundred, when it is an amount (a count, money, a measure)
    printed as a whole number of at least four digits ending in 00 (no decimals, no scale word);
    else None. A hundred either way is then at most 5% of it: "100%" or "300 patients" are not
    read so.

    >>> rounded_to_hundreds(_figure("27,000")).interval
    Interval(lo=Decimal('26950'), hi=Decimal('27050'), lo_open=False, hi_open=True)
    >>> [rounded_to_hundreds(_figure(t)) is None for t in ("27,011", "2.700", "100%", "300", "1,000%")]
    [True, True, True, True, True]
    """
    m = _ROUND.search(fig.text)
    if m is None or "." in fig.text or "%" in fig.text or fig.kind not in _AMOUNTS:
        return None
    digits = re.sub(r"\D", "", m.group(1))
    if len(digits) < 4 or not digits.endswith("00") or fig.value != int(digits):
        return None
    lo, hi = fig.value - 50, fig.value + 50
    iv = fig.interval
    return replace(fig, interval=Interval(min(lo, iv.lo), max(hi, iv.hi), False, hi >= iv.hi))


def explained_by_rounding(relation_members: Sequence[str | None], figures: Mapping[str, Figure],
                          rerun: Callable[[Mapping[str, Figure]], Check]) -> str | None:
    """Why a contradicted relation may hold after all: it does when its round figures
    (`rounded_to_hundreds`) are read as rounded to the hundred. None when it has none or it
    still does not hold."""
    override = {}
    for fid in dict.fromkeys(m for m in relation_members if m and m in figures):
        rounded = rounded_to_hundreds(figures[fid])
        if rounded is not None:
            override[fid] = rounded
    if not override:
        return None
    try:
        check = rerun(override)
    except (KeyError, ArithmeticError, ValueError):
        return None
    if check.verdict is not Verdict.consistent:
        return None
    names = ", ".join(figures[f].text for f in override)
    return f"the figures agree if {names} {'is' if len(override) == 1 else 'are'} rounded to the hundred, as figures ending in 00 usually are"
