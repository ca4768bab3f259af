"""`change`: a stated change against the old and new values (absolute, relative, points, fold).

"rose by 3% to 87.5%" is `ambiguous`: 3 may be percentage points or percent of the old level,
and both readings are shown. A change whose old value is not stated and not implied is
`unverifiable`, with the old value each reading implies listed as derived.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from numcheck.checks.figure import Figure, expected_float, fmt
from numcheck.precision import Interval, describe_interval
from numcheck.schema import Check, CheckKind, Derived, Verdict


class Reading(StrEnum):
    """How a stated change relates old and new."""

    relative = "relative"  # percent of the old value
    points = "percentage points"  # difference of two percent levels
    absolute = "absolute"  # difference in the figures' own unit
    fold = "fold-ratio"  # new / old ("doubled", "3 times")


@dataclass(frozen=True)
class ChangeLink:
    """A change and what it is a change of.

    `old` may be None when the text gives only the new value; `delta` is then the absolute
    change that implies it ("12,310 (+210 or +1.7%)"). `direction` is +1 (rose), -1 (fell)
    or 0 (not said in words or sign).
    """

    change: Figure
    old: Figure | None
    new: Figure
    direction: int = 0
    delta: Figure | None = None
    readings: tuple[Reading, ...] = (Reading.relative,)


_WORD = {1: "up", -1: "down", 0: "no change"}


def _sign(x: Decimal) -> int:
    return (x > 0) - (x < 0)


def _old_interval(link: ChangeLink) -> tuple[Interval, str]:
    """The old value: stated, or implied by the new value and an absolute change."""
    if link.old is not None:
        return link.old.interval, link.old.text
    assert link.delta is not None
    d = link.delta
    direction = link.direction or _sign(d.value)
    if direction < 0:
        return link.new.interval + d.magnitude, f"({link.new.text} + {d.text.lstrip('+-−')})"
    return link.new.interval - d.magnitude, f"({link.new.text} − {d.text.lstrip('+-−')})"


def _compute(reading: Reading, old: Interval, new: Interval) -> Interval:
    if reading is Reading.relative:
        return ((new - old) / old).scale(Decimal(100))
    if reading is Reading.fold:
        return new / old
    return new - old


def check_change(link: ChangeLink) -> tuple[Check, list[Derived]]:
    """Recompute the change by each admissible reading and judge the stated figure.

    >>> from numcheck.schema import Quantity
    >>> from numcheck.checks.figure import make_figure
    >>> t = "fell 2.6 percent, from 33,839 to 32,964"
    >>> c = make_figure(Quantity(id="q1", start=5, end=16, text="2.6 percent", kind="CHANGE"), t)
    >>> o = make_figure(Quantity(id="q2", start=23, end=29, text="33,839", kind="COUNT"), t)
    >>> n = make_figure(Quantity(id="q3", start=33, end=39, text="32,964", kind="COUNT"), t)
    >>> check_change(ChangeLink(c, o, n, direction=-1))[0].explanation
    'relative, down: (32,964 − 33,839) / 33,839 × 100 = -2.59%; stated 2.6 percent (admits 2.55 to under 2.7): they match'
    """
    ch = link.change
    ids = [ch.id, link.old.id if link.old else None, link.new.id]
    stated_dir = link.direction
    if link.old is None and link.delta is None:
        return _unimplied(link, ids, stated_dir)
    old_iv, old_words = _old_interval(link)
    if old_iv.lo <= 0 and any(r in (Reading.relative, Reading.fold) for r in link.readings):
        return (
            Check(kind=CheckKind.change, quantities=ids, verdict=Verdict.unverifiable,
                  explanation=f"the old value {old_words} is not positive, so no relative change can be computed"),
            [],
        )
    # The point estimate of a stated old value is its printed value, not the middle of what it admits.
    old_point = link.old.value if link.old is not None else (old_iv.mid if not old_iv.is_point else old_iv.lo)
    new_point = link.new.value
    results = []
    for reading in link.readings:
        computed = _compute(reading, old_iv, link.new.interval)
        point = _compute(reading, Interval.point(old_point), Interval.point(new_point)).lo
        actual_dir = _sign(new_point - old_point)
        if reading is Reading.fold and stated_dir < 0 and abs(ch.value) > 1 and link.new.interval.lo > 0:
            # "a thirty-three-fold reduction from 6.40 to 0.19": the old value over the new
            computed = old_iv / link.new.interval
            point = old_point / new_point
            ok = computed.intersects(ch.magnitude)
            arith = f"{old_words} / {link.new.text} = {fmt(point)}"
        elif reading is Reading.fold:
            ok = computed.intersects(ch.magnitude)
            arith = f"{link.new.text} / {old_words} = {fmt(point)}"
        else:
            magnitude_ok = (computed if stated_dir >= 0 else -computed).intersects(ch.magnitude)
            # A change stated as a fall must be a fall (and a rise a rise), unless it is zero.
            direction_ok = stated_dir == 0 or actual_dir == 0 or actual_dir == stated_dir
            if stated_dir == 0:
                magnitude_ok = computed.intersects(ch.magnitude) or (-computed).intersects(ch.magnitude)
            ok = magnitude_ok and direction_ok
            if reading is Reading.relative:
                arith = f"({link.new.text} − {old_words}) / {old_words} × 100 = {fmt(point)}%"
            else:
                unit = " points" if reading is Reading.points else ""
                arith = f"{link.new.text} − {old_words} = {fmt(point)}{unit}"
            if not direction_ok:
                arith += f" (the figures went {_WORD[actual_dir]}, the text says {_WORD[stated_dir]})"
        if ok and not ch.magnitude.contains(abs(point)):
            arith += _why_it_matches(link, computed, reading, stated_dir)
        head = f"{reading.value}, {_WORD[stated_dir] if stated_dir else _WORD[actual_dir]}"
        results.append((reading, ok, point, f"{head}: {arith}"))
    stated_words = f"stated {ch.printed} ({ch.admits})"
    oks = {r for r, ok, _, _ in results if ok}
    if len(results) == 1 or len(oks) in (0, len(results)):
        reading, ok, point, arith = results[0] if not oks else next(r for r in results if r[1])
        verdict = Verdict.consistent if oks else Verdict.inconsistent
        words = f"{arith}; {stated_words}: " + ("they match" if oks else "it does not match")
        if len(results) > 1 and not oks:
            words = "; ".join(a for _, _, _, a in results) + f"; {stated_words}: no reading matches"
        return (
            Check(kind=CheckKind.change, quantities=ids, verdict=verdict, expected=expected_float(abs(point)),
                  explanation=words, reading=reading.value),
            [],
        )
    parts = [f"{a} ({'matches' if ok else 'does not match'})" for _, ok, _, a in results]
    words = f"the text allows readings that disagree: {'; '.join(parts)}; {stated_words}"
    return (
        Check(kind=CheckKind.change, quantities=ids, verdict=Verdict.ambiguous, explanation=words),
        [],
    )


def _why_it_matches(link: ChangeLink, computed: Interval, reading: Reading, stated_dir: int) -> str:
    """Why a change matches although its printed figures give another value: their hedges
    ("more than $441 million" admits any old level above it), else their rounding."""
    hedged = [f.printed for f in (link.old, link.new, link.delta) if f is not None and f.hedge is not None]
    if hedged:
        return f" ({' and '.join(hedged)} admit{'s' if len(hedged) == 1 else ''} the stated change)"
    shown = computed if reading is Reading.fold or stated_dir >= 0 or computed.lo >= 0 else -computed
    return f" (the figures' rounding {describe_interval(shown, 2)})"


def _unimplied(link: ChangeLink, ids: list[str | None], stated_dir: int) -> tuple[Check, list[Derived]]:
    """No old value: say what each reading implies it was."""
    ch, new = link.change, link.new
    d = Decimal(stated_dir or 1)
    mag = abs(ch.value)
    derived = []
    readings_words = []
    for reading in link.readings:
        if reading is Reading.relative:
            old = abs(new.value) / (1 + d * mag / 100)
            readings_words.append(f"as percent of the old value, the old value was {fmt(old)}")
        elif reading is Reading.fold:
            old = abs(new.value) / mag if mag else None
            if old is None:
                continue
            readings_words.append(f"as a ratio, the old value was {fmt(old)}")
        else:
            old = abs(new.value) - d * mag
            diff = f"{fmt(mag)} percentage points" if reading is Reading.points else ch.text.lstrip("+-−–")
            readings_words.append(f"as a difference of {diff}, the old value was {fmt(old)}")
        derived.append(
            Derived(
                quantities=[ch.id, new.id],
                value=expected_float(old),
                unit=new.quantity.unit,
                explanation=f"{new.text} {'after' if stated_dir >= 0 else 'after a fall of'} {ch.printed}: "
                f"the previous value was {fmt(old)} ({reading.value} reading; implied, not printed)",
            )
        )
    if len(link.readings) > 1:
        verdict = Verdict.ambiguous
        words = (f"{ch.printed} to {new.text}: {ch.text} may be percentage points or percent of the old level "
                 f"({'; '.join(readings_words)}); the old value is not stated, so neither reading can be tested")
    else:
        verdict = Verdict.unverifiable
        words = f"{ch.printed} to {new.text}: the old value is not stated ({'; '.join(readings_words)})"
    return Check(kind=CheckKind.change, quantities=ids, verdict=verdict, explanation=words), derived
