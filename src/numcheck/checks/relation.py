"""One relation between figures, named by its kind and members, checked by arithmetic.

Whatever decides that figures are related (the trained linker, a table's structure, a person
labelling a gold set), the arithmetic is this one function: `check_relation` takes the
relation as the gold format writes it (`share`: percent, part, whole; `change`: change, old,
new; ...) and returns the check with its verdict and its arithmetic in words.

What the arithmetic needs beyond the figures is read by general rules, never by phrasings:
a change's reading comes from its unit (percent, points, "times") and its levels' kinds; its
direction from its sign or the nearest direction word; a rate's base from "per 100,000" in its
unit or right after it; a population from the text, the document's `reference`, `--population`
or the bundled World Bank table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from numcheck.checks.change import ChangeLink, Reading, check_change
from numcheck.checks.figure import Figure, make_figure
from numcheck.checks.part_whole import check_part_whole
from numcheck.checks.rate import Population, check_rate, derive_population
from numcheck.checks.share import check_share
from numcheck.checks.sums import check_percent_sum, check_sum, warns_of_rounding
from numcheck.numbers import UNIT_SYMBOLS, parse_number
from numcheck.precision import Interval
from numcheck.schema import Check, CheckKind, Derived, Quantity, QuantityKind, Reference, Verdict
from numcheck.words import fraction_value

_DOWN = re.compile(
    r"\b(decreas\w*|declin\w*|fell|fall\w*|drop\w*|reduc\w*|down|lower|less|fewer|cut|shr[aiu]nk\w*|"
    r"plung\w*|plummet\w*|slump\w*|dipp?\w*|contract\w*|lost|loss|minus|eased)\b",
    re.I,
)
_UP = re.compile(
    r"\b(increas\w*|ris[ei]\w*|rose|grow\w*|grew|up|higher|more|jump\w*|surg\w*|climb\w*|gain\w*|"
    r"soar\w*|rais\w*|additional|extra|added|spik\w*|uptick|escalat\w*|doubl\w*|tripl\w*|plus)\b",
    re.I,
)
_FOLD = re.compile(r"^(doubled|tripled|quadrupled|halved)$|times|fold", re.I)
_FOLD_AFTER = re.compile(r"^\s*(times|fold|-fold)\b", re.I)
_POINTS_AFTER = re.compile(r"^\s*(percentage\s+)?points?\b|^\s*p\.?p\b", re.I)
#: A rate's base: a power of ten from 100 (digits grouped or not), with a scale word or without;
#: or a scale word alone, or "capita" or "head".
_PER_BASE = re.compile(
    r"per\s+(?:each\s+|every\s+)?(?:(1(?:00?)?(?:[,\u00a0\u202f ]?000)+|100)\b(?:\s*(thousand|million|billion)\b)?"
    r"|(thousand|million|billion|capita|head)\b)",
    re.I,
)
_BRACKETED = re.compile(r"\([^()]*\)")
_SCALES = {"thousand": Decimal(1000), "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9,
           "capita": Decimal(1), "head": Decimal(1)}
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
#: A sentence's end: a full stop, question or exclamation mark before a space and a capital.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


@dataclass(frozen=True)
class Relation:
    """Figures said to be related: the check kind and its members in the gold format's order.

    `members` holds quantity ids, `None` (a change's unstated old value), `"100%"` (the total
    of shares of one whole) or `"ref:population"`; `delta` is the absolute form of a change
    whose old value is only implied ("12,310 (+210 or +1.7%)"); `score` is the confidence that
    the figures are related as the kind says.
    """

    kind: CheckKind
    members: tuple[str | None, ...]
    score: float = 1.0
    delta: str | None = None


def direction(text: str, change: Figure) -> int:
    """+1 when the sign or the nearest direction word says the change is a rise, -1 a fall, 0 unsaid.

    >>> t = "thefts fell by 12% while robberies grew"
    >>> direction(t, make_figure(Quantity(id="q1", start=15, end=18, text="12%", kind="CHANGE"), t))
    -1
    >>> t = "The number of registered voters increased from 1,000 in 2020 by 4.5%"
    >>> direction(t, make_figure(Quantity(id="q1", start=t.index("4.5%"), end=len(t), text="4.5%", kind="CHANGE"), t))
    1
    >>> t = "Output moved 3.1% over the year. Prices fell."
    >>> direction(t, make_figure(Quantity(id="q1", start=13, end=17, text="3.1%", kind="CHANGE"), t))
    0
    """
    q = change.quantity
    if change.value < 0 or change.text.lstrip()[:1] in "-−–":
        return -1
    if change.text.lstrip().startswith("+"):
        return 1
    # Whole words only: a window cut inside "increased" must not read "eased", nor one cut
    # inside "upon" read "up".
    lo, hi = max(0, q.start - 45), min(len(text), q.end + 30)
    while 0 < lo < q.start and text[lo - 1].isalpha() and text[lo].isalpha():
        lo += 1
    while q.end < hi < len(text) and text[hi].isalpha() and text[hi - 1].isalpha():
        hi -= 1
    # Within the change's sentence: a word of the next or the last sentence says nothing of it.
    before = _SENTENCE_END.split(text[lo : q.start])[-1]
    hi = q.end + len(_SENTENCE_END.split(text[q.end : hi], maxsplit=1)[0])
    if re.search(r"[(,:]\s*[-−–]\s?$", before):
        return -1
    if re.search(r"[(,:]\s*\+\s?$", before):
        return 1
    after = text[q.end : hi]
    cands = []
    for rx, sign in ((_DOWN, -1), (_UP, 1)):
        cands += [(len(before) - m.end(), sign) for m in rx.finditer(before)]
        cands += [(m.start(), sign) for m in rx.finditer(after)]
    return min(cands)[1] if cands else 0


def is_percent(f: Figure) -> bool:
    """Whether a figure is printed in percent (its sign or word), or is a PERCENT.

    >>> is_percent(make_figure(Quantity(id="q1", start=0, end=9, text="4 percent", kind="CHANGE"), "4 percent"))
    True
    """
    t = f.text.lower()
    return f.kind is QuantityKind.PERCENT or "%" in t or "per cent" in t or "percent" in t or (
        (f.quantity.unit or "").strip() == "%")


def readings(text: str, change: Figure, levels: Sequence[Figure]) -> tuple[Reading, ...]:
    """How a change may relate its levels, from its unit and theirs.

    A change in percent between two percent levels may be points or percent of the old level
    ("rose by 3% to 87.5%"): both readings are kept and a disagreement is `ambiguous`.

    >>> t = "up 3 points to 40%"
    >>> c = make_figure(Quantity(id="q1", start=3, end=4, text="3", kind="CHANGE"), t)
    >>> readings(t, c, [])
    (<Reading.points: 'percentage points'>,)

    A spelled fraction is a share of the old level, never points:

    >>> t = "cut by three-quarters from 9.9% to 2.6%"
    >>> c = make_figure(Quantity(id="q1", start=7, end=21, text="three-quarters", kind="CHANGE"), t)
    >>> levels = [make_figure(Quantity(id=f"q{i}", start=t.index(x), end=t.index(x) + 4, text=x, kind="PERCENT"), t)
    ...           for i, x in ((2, "9.9%"), (3, "2.6%"))]
    >>> readings(t, c, levels)
    (<Reading.relative: 'relative'>,)
    """
    unit = (change.quantity.unit or "").lower()
    after = text[change.quantity.end : change.quantity.end + 20]
    if _FOLD.search(change.text) or _FOLD_AFTER.match(after) or unit in ("times", "fold"):
        return (Reading.fold,)
    if re.search(r"point|\bp\.?p\b", change.text, re.I) or unit in ("pp", "percentage points", "points") or (
            _POINTS_AFTER.match(after)):
        return (Reading.points,)
    if not is_percent(change):
        return (Reading.absolute,)
    if fraction_value(change.text) is not None:  # "cut by three-quarters", "fell by half": of the old level
        return (Reading.relative,)
    if levels and all(f.kind is QuantityKind.PERCENT or "%" in f.text for f in levels):
        return (Reading.relative, Reading.points)
    return (Reading.relative,)


def rate_base(text: str, rate: Figure, *, own: bool = False) -> Decimal | None:
    """The base of a rate ("per 100,000"), from its unit or the words right after it. A base
    after other figures may be theirs too ("6.2 to 5.7 deaths per 100,000"); `own` takes only a
    base with no other figure between (a bracket may hold some): whether an amount is itself a
    rate, as "164.6" is and "1,927" is not in "1,927 offences in 2024, or 164.6 per 100,000".

    >>> base = lambda t, **kw: rate_base(t, make_figure(Quantity(id="q", start=0, end=3, text=t[:3], kind="RATE"), t),
    ...                                  **kw)
    >>> [base(t) for t in ("327 per 100,000 inhabitants", "0.4 per 100 million vehicle-km", "2.1 per billion",
    ...                    "9.5 per capita", "412 per 1 000 births", "6.2 to 5.7 deaths per 100,000")]
    [Decimal('100000'), Decimal('100000000'), Decimal('1000000000'), Decimal('1'), Decimal('1000'), Decimal('100000')]
    >>> [base(t, own=True) for t in ("5.8 (95% CI 4.1-7.2) per 100,000", "192 offences in 2024, or 16.4 per 100,000")]
    [Decimal('100000'), None]
    """
    m = _PER_BASE.search(rate.quantity.unit or "")
    if m is None:
        m = _PER_BASE.search(text, rate.quantity.end, rate.quantity.end + 40)
        if m is None or own and re.search(r"\d", _BRACKETED.sub("", text[rate.quantity.end:m.start()])):
            return None
    digits, scale, word = m.groups()
    if word:
        return _SCALES[word.lower()]
    return Decimal(re.sub(r"\D", "", digits)) * (_SCALES[scale.lower()] if scale else 1)


#: "141.8 cases per judge": a rate of one thing per one of another (not per a span of time, not per cent).
_PER_ONE = re.compile(r"\s*(?:[^\W\d_][\w-]*\s+){0,3}?per\s+(?:each\s+|every\s+)?(?!(?:cent|centum|mille|annum|year|"
                      r"month|week|day|hour|minute|second|quarter)s?\b)[^\W\d_]", re.I)


def per_one(text: str, rate: Figure) -> bool:
    """Whether a rate is printed per one of something ("141.8 cases per judge", "3.3 nights per
    visitor"): its base is 1, and its population can only be a figure of the text that counts
    those things, never a country's.

    >>> one = lambda t: per_one(t, make_figure(Quantity(id="q", start=0, end=5, text=t[:5], kind="RATE"), t))
    >>> [one(t) for t in ("141.8 cases per judge", "10.25 per cent", "12.50 visits per year", "327.0 per 100,000")]
    [True, False, False, False]
    """
    return _PER_ONE.match(text, rate.quantity.end, rate.quantity.end + 40) is not None


def reference_population(text: str, rate: Figure, *, reference: Reference | None = None,
                         population: float | None = None, source: object = None) -> Population | None:
    """The population outside the text: the document's `reference`, `--population`, or the
    World Bank table for the country the text is about, in the year named nearest the rate."""
    if reference is not None and reference.population:
        lo, hi = Decimal(str(reference.population)), Decimal(str(reference.population_end or reference.population))
        src = reference.population_source
        return Population(Interval(min(lo, hi), max(lo, hi)), "ref:population",
                          f"reference: {src[:80]}" if src else "reference population")
    if population:
        return Population(Interval.point(Decimal(str(population))), "ref:population",
                          "the population given with --population")
    from numcheck.population import lookup_population

    est = lookup_population(text, nearest_year(text, rate.quantity.start), source=source)
    return None if est is None else Population(est.interval, "ref:population", est.description)


def nearest_year(text: str, pos: int, window: int = 200) -> int | None:
    """The year printed nearest to a position, else the year the text names most often.

    >>> nearest_year("In 2023 there were 5; in 2024, 7.", 31)
    2024
    """
    lo = max(0, pos - window)
    near = [(abs(m.start() - pos), int(m.group())) for m in _YEAR.finditer(text, lo, pos + window)]
    if near:
        return min(near)[1]
    return _commonest_year(text)


@lru_cache(maxsize=16)
def _commonest_year(text: str) -> int | None:
    """The year a text names most often; cached, as `find_country`, since every rate of a long
    document may ask it of the same text."""
    years = [int(y) for y in _YEAR.findall(text)]
    return max(set(years), key=years.count) if years else None


def figures_of(text: str, quantities: Sequence[Quantity]) -> dict[str, Figure]:
    """The figures of the quantities that hold a number, by id."""
    out = {}
    for q in quantities:
        f = make_figure(q, text)
        if f is not None:
            out[q.id] = f
    return out


def in_one_unit(figures: dict[str, Figure], ids: Sequence[str]) -> dict[str, Figure]:
    """The figures `ids` of one relation in one unit, when they are printed in units of one
    dimension with different factors ("112.3 Mt" against "643.1 million tonnes": both in tonnes);
    the figures as they are otherwise. A figure keeps its printed text, so the arithmetic reads as
    printed.

    >>> t = "112.3 Mt of the 643.1 million tonnes"
    >>> figs = figures_of(t, [Quantity(id="a", start=0, end=8, text="112.3 Mt", kind="MEASURE"),
    ...                       Quantity(id="b", start=16, end=36, text="643.1 million tonnes", kind="MEASURE")])
    >>> one = in_one_unit(figs, ["a", "b"])
    >>> one["a"].value, one["a"].text, one["b"] is figs["b"]
    (Decimal('112300000.0'), '112.3 Mt', True)
    """
    dims = {i: unit_dimension(figures[i].quantity.unit, figures[i].text) for i in ids if i in figures}
    known = {i: k for i, k in dims.items() if k is not None}
    if len(known) < 2 or len({dim for dim, _ in known.values()}) != 1 or len({f for _, f in known.values()}) < 2:
        return figures
    base = min(f for _, f in known.values())
    out = dict(figures)
    for i, (_, f) in known.items():
        k = f / base
        if k != 1:
            fig, iv = figures[i], figures[i].interval
            out[i] = replace(fig, value=fig.value * k, resolution=fig.resolution * k,
                             interval=Interval(iv.lo * k, iv.hi * k, iv.lo_open, iv.hi_open))
    return out


def unit_dimension(unit: str | None, text: str) -> tuple[str, Decimal] | None:
    """The dimension of a figure's unit and the unit's factor to that dimension's base, for the
    units numcheck converts (`numcheck.numbers.UNIT_SYMBOLS`): the unit read with the figure, else
    the one printed in its text; None for any other unit.

    >>> unit_dimension(None, "8.8 Mtoe"), unit_dimension("crimes", "33,379")
    (('oil equivalent', Decimal('1000000')), None)
    """
    return UNIT_SYMBOLS.get(unit or _printed_unit(text) or "")


@lru_cache(maxsize=4096)
def _printed_unit(text: str) -> str | None:
    parsed = parse_number(text)
    return parsed.unit if parsed is not None else None


def check_relation(
    text: str,
    figures: dict[str, Figure],
    relation: Relation,
    *,
    reference: Reference | None = None,
    population: float | None = None,
    source: object = None,
    rounding_note: bool | None = None,
) -> tuple[Check, list[Derived]]:
    """Check one relation by arithmetic; the check carries the relation's score.

    `rounding_note` says whether the document warns that its components may not sum to totals
    because of rounding (default: whether `text` does; `check_sum`).

    >>> t = "Of 2,000 thefts, 450 (22.5%) were car thefts."
    >>> qs = [Quantity(id="q1", start=3, end=8, text="2,000", kind="COUNT"),
    ...       Quantity(id="q2", start=17, end=20, text="450", kind="COUNT"),
    ...       Quantity(id="q3", start=22, end=27, text="22.5%", kind="PERCENT")]
    >>> check, _ = check_relation(t, figures_of(t, qs), Relation(CheckKind.share, ("q3", "q2", "q1")))
    >>> check.verdict.value, check.explanation
    ('consistent', '450 / 2,000 × 100 = 22.5%, which matches the stated 22.5% (admits 22.45 to under 22.6)')
    """
    kind, m = relation.kind, relation.members
    derived: list[Derived] = []
    if any(x is not None and x not in ("100%", "ref:population") and x not in figures for x in m):
        missing = [x for x in m if x is not None and x not in figures and x not in ("100%", "ref:population")]
        raise KeyError(f"relation {kind.value} names figures that hold no number: {missing}")
    figures = in_one_unit(figures, [x for x in (*m, relation.delta) if x is not None])
    f = lambda x: figures[x]  # noqa: E731
    if kind is CheckKind.share:
        check = check_share(f(m[0]), f(m[1]), f(m[2]))
    elif kind is CheckKind.part_whole:
        check = check_part_whole(f(m[0]), f(m[1]))
    elif kind is CheckKind.sum:
        parts = [f(x) for x in m[:-1]]
        note = warns_of_rounding(text) if rounding_note is None else rounding_note
        check = (check_percent_sum(parts, rounding_note=note) if m[-1] == "100%"
                 else check_sum(parts, f(m[-1]), rounding_note=note))
    elif kind is CheckKind.change:
        change, new = f(m[0]), f(m[2])
        old = f(m[1]) if m[1] is not None else None
        delta = figures.get(relation.delta) if relation.delta else None
        # The two forms of one change share its direction: "(- 668 or 2.5%)" is a fall of 2.5%.
        stated = direction(text, change) or (direction(text, delta) if delta is not None else 0)
        link = ChangeLink(change=change, old=old, new=new, direction=stated, delta=delta,
                          readings=readings(text, change, [x for x in (old, new) if x is not None]))
        check, derived = check_change(link)
    elif kind is CheckKind.rate:
        check, derived = _check_rate(text, figures, relation, reference=reference, population=population,
                                     source=source)
    else:  # pragma: no cover - CheckKind has no other member
        raise ValueError(f"unknown check kind {kind!r}")
    return check.model_copy(update={"score": round(relation.score, 4)}), derived


def _check_rate(text: str, figures: dict[str, Figure], relation: Relation, *, reference: Reference | None,
                population: float | None, source: object) -> tuple[Check, list[Derived]]:
    rate, count = figures[relation.members[0]], figures[relation.members[1]]
    pop_id = relation.members[2]
    base = rate_base(text, rate)
    if base is None and pop_id != "ref:population" and per_one(text, rate):
        base = Decimal(1)
    if base is None:
        return Check(kind=CheckKind.rate, quantities=list(relation.members), verdict=Verdict.unverifiable,
                     explanation=f"{rate.text}: the base of the rate (per how many) is not printed beside it"), []
    if pop_id == "ref:population":
        pop = reference_population(text, rate, reference=reference, population=population, source=source)
    else:
        p = figures[pop_id]
        pop = Population(p.interval, p.id, f"the population stated in the text, {p.printed}")
    derived = [d for d in [derive_population(rate, count, base)] if d is not None]
    if pop is None:
        words = (f"{rate.text} per {base:,} against {count.text}: no population is stated, given (--population, "
                 f"--reference) or known for the place and year")
        return Check(kind=CheckKind.rate, quantities=list(relation.members), verdict=Verdict.unverifiable,
                     explanation=words), derived
    return check_rate(rate, count, pop, base), derived
