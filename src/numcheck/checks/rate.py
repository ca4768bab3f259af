"""`rate`: a per-100,000 (or per-1,000, per-capita) rate against a count and a population."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from numcheck.checks.figure import Figure, expected_float, fmt
from numcheck.precision import Interval
from numcheck.schema import Check, CheckKind, Derived, Verdict


@dataclass(frozen=True)
class Population:
    """The population a rate is computed over, and where it came from.

    `interval` spans the population at the start and at the end of the period when both are
    known: a rate is consistent if any population between them gives it. `token` is what the
    check lists among its quantities: a quantity id, or "ref:population".
    """

    interval: Interval
    token: str
    description: str


def check_rate(rate: Figure, count: Figure, population: Population, base: Decimal) -> Check:
    """Recompute count / population x base and judge the stated rate.

    >>> from numcheck.schema import Quantity
    >>> from numcheck.checks.figure import make_figure
    >>> t = "327 33,379"
    >>> r = make_figure(Quantity(id="q1", start=0, end=3, text="327", kind="RATE"), t)
    >>> c = make_figure(Quantity(id="q2", start=4, end=10, text="33,379", kind="COUNT"), t)
    >>> pop = Population(Interval(Decimal(10180770), Decimal(10224889)), "ref:population", "the reference population")
    >>> check_rate(r, c, pop, Decimal(100000)).verdict
    <Verdict.consistent: 'consistent'>
    """
    pop = population.interval
    if pop.lo <= 0:
        return Check(
            kind=CheckKind.rate,
            quantities=[rate.id, count.id, population.token],
            verdict=Verdict.unverifiable,
            explanation=f"{count.text} per {fmt(base, 0)}: a population of {fmt(pop.lo, 0)} gives no rate",
        )
    computed = (count.magnitude / pop).scale(base)
    point = abs(count.value) / pop.lo * base
    ok = computed.intersects(rate.magnitude)
    base_words = fmt(base, 0)
    arithmetic = f"{count.text} / {fmt(pop.lo, 0)} ({population.description}) × {base_words} = {fmt(point, 3)}"
    if not pop.is_point:
        arithmetic += f"; {fmt(pop.hi, 0)} at the end of the period gives {fmt(abs(count.value) / pop.hi * base, 3)}"
    implied = abs(count.value) / abs(rate.value) * base if rate.value else None
    tail = f"; the stated rate implies a population of about {fmt(implied, 0)}" if implied else ""
    if ok:
        words = f"{arithmetic}; stated {rate.printed} ({rate.admits}): they match{tail}"
    else:
        words = f"{arithmetic}; stated {rate.printed} ({rate.admits}): it does not match{tail}"
    return Check(
        kind=CheckKind.rate,
        quantities=[rate.id, count.id, population.token],
        verdict=Verdict.consistent if ok else Verdict.inconsistent,
        expected=expected_float(point),
        explanation=words,
    )


def derive_population(rate: Figure, count: Figure, base: Decimal) -> Derived | None:
    """The population a stated rate and count imply, for comparison with official figures.

    >>> from numcheck.schema import Quantity
    >>> from numcheck.checks.figure import make_figure
    >>> r = make_figure(Quantity(id="q1", start=0, end=3, text="250", kind="RATE"), "250 500")
    >>> c = make_figure(Quantity(id="q2", start=4, end=7, text="500", kind="COUNT"), "250 500")
    >>> derive_population(r, c, Decimal(100000)).value
    200000.0
    """
    if not rate.value:
        return None
    value = abs(count.value) / abs(rate.value) * base
    return Derived(
        quantities=[rate.id, count.id],
        value=expected_float(value, 0),
        unit="inhabitants",
        explanation=f"{count.text} / {rate.text} × {fmt(base, 0)} = a population of {fmt(value, 0)} (implied by the rate)",
    )
