"""Linking figures into checkable relations, and checking each one.

The linker reads the words between figures, sentence by sentence and table row by table row,
and proposes relations: a percent with its part and whole, a change with its old and new
values, parts with their total, a rate with its count and population. Each relation is then
recomputed by `numcheck.checks`.

Where the text names a relation outright ("94.4% or 31,526", "from 299 to 248", "including")
the relation is checked whatever the arithmetic says, so an error is flagged. Where the link
rests only on proximity (a whole mentioned sentences earlier, a change whose old and new
values come in the next sentence), a candidate is taken only when the arithmetic agrees:
a loose link that disagrees is more likely a wrong link than a wrong figure, and a false
alarm costs a journalist more than a silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from numcheck.checks.change import ChangeLink, Reading, check_change
from numcheck.checks.figure import Figure, fmt, make_figure
from numcheck.checks.part_whole import check_part_whole
from numcheck.checks.rate import Population, check_rate, derive_population
from numcheck.checks.share import check_share, derive_part
from numcheck.checks.sums import check_percent_sum, check_sum
from numcheck.inference.text import Span, is_table_row, sentences
from numcheck.population import lookup_population
from numcheck.precision import Interval
from numcheck.schema import (
    Check,
    CheckKind,
    Claim,
    Derived,
    Document,
    DocumentResult,
    Quantity,
    QuantityKind,
    Reference,
    Verdict,
)

K = QuantityKind
AMOUNT_KINDS = (K.COUNT, K.MEASURE, K.MONEY)
LEVEL_KINDS = (K.COUNT, K.MEASURE, K.MONEY, K.RATE, K.PERCENT)

_DOWN = re.compile(
    r"\b(decreas\w*|declin\w*|fell|fall\w*|drop\w*|reduc\w*|down|lower|less|fewer|cut|shr[aiu]nk\w*|"
    r"plung\w*|plummet\w*|slump\w*|dipp?\w*|contract\w*|lost|loss|minus)\b",
    re.I,
)
_UP = re.compile(
    r"\b(increas\w*|ris[ei]\w*|rose|grow\w*|grew|up|higher|more|jump\w*|surg\w*|climb\w*|gain\w*|"
    r"soar\w*|rais\w*|additional|extra|added|spik\w*|uptick|escalat\w*|doubl\w*|tripl\w*)\b",
    re.I,
)
_FOLD_WORDS = re.compile(r"^(doubled|tripled|quadrupled|halved)$|times|fold", re.I)
_DEMONSTRATIVE = re.compile(r"^\s*of\s+(them|these|those|which|this)\b", re.I)
_ANAPHORA = re.compile(r"^\s*of\s+(them|these|those|which|this|the\s+[a-z]+)\b", re.I)
_POP_AFTER = re.compile(r"^\s*(inhabitants|people|residents|population|citizens|persons)\b", re.I)
_POP_BEFORE = re.compile(r"(population(\s+size)?\s+(of|was|is|stood\s+at|reached)|inhabited\s+by)\s*$", re.I)
_PER_BASE = re.compile(
    r"per\s+(?:each\s+)?(100[,\s]?000|100\s+thousand|10[,\s]?000|1[,\s]?000|thousand|1,?000,?000|million|capita|head)",
    re.I,
)
_BASES = {"capita": Decimal(1), "head": Decimal(1), "thousand": Decimal(1000), "million": Decimal(10) ** 6}


@dataclass
class Doc:
    """A document being linked: its text, figures, sentences and what has been linked so far."""

    text: str
    figures: list[Figure]
    sentences: list[Span]
    reference: Reference | None
    population: float | None
    source: object = None
    dates: list[Quantity] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)
    seen: set[tuple[str, tuple[str | None, ...]]] = field(default_factory=set)
    # share links: percent id -> (part id | None, whole id)
    shares: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    used_as_old: set[str] = field(default_factory=set)
    linked_changes: set[str] = field(default_factory=set)
    #: table rows: (line start, line end, label, figures), in text order
    rows: list[tuple[int, int, str, list[Figure]]] = field(default_factory=list)
    others: list[Quantity] = field(default_factory=list)

    def gap(self, a: Figure, b: Figure) -> str:
        """The text between two figures (a before b)."""
        return self.text[a.quantity.end : b.quantity.start]

    def worded_gap(self, a: Figure, b: Figure) -> str:
        """The text between two figures with each date in it written as a word ("applied in 2024, "
        -> "applied in DATE, "), for patterns that take any digit for another figure."""
        lo, hi = a.quantity.end, b.quantity.start
        parts, pos = [], lo
        for d in sorted(self.dates, key=lambda q: q.start):
            if lo <= d.start and d.end <= hi:
                parts += [self.text[pos : d.start], "DATE"]
                pos = d.end
        return "".join(parts) + self.text[pos:hi]

    def before(self, f: Figure, n: int = 60) -> str:
        """Up to n characters before a figure."""
        return self.text[max(0, f.quantity.start - n) : f.quantity.start]

    def after(self, f: Figure, n: int = 60) -> str:
        """Up to n characters after a figure."""
        return self.text[f.quantity.end : f.quantity.end + n]

    def sentence_of(self, f: Figure) -> int:
        """Index of the sentence holding the figure."""
        for i, s in enumerate(self.sentences):
            if s.start <= f.quantity.start < s.end:
                return i
        return -1

    def in_sentence(self, i: int) -> list[Figure]:
        """The figures of sentence i, in order."""
        if i < 0 or i >= len(self.sentences):
            return []
        s = self.sentences[i]
        return [f for f in self.figures if s.start <= f.quantity.start < s.end]

    def in_parens(self, f: Figure) -> bool:
        """True when the figure sits inside parentheses."""
        left = self.text[: f.quantity.start]
        return left.rfind("(") > left.rfind(")") and left.rfind("(") > left.rfind("\n")

    def add(self, check: Check, derived: Iterable[Derived] = ()) -> bool:
        """Record a check once."""
        key = (check.kind.value, tuple(check.quantities))
        if key in self.seen:
            return False
        self.seen.add(key)
        self.checks.append(check)
        self.derived.extend(derived)
        return True


def link_and_check(
    document: Document,
    quantities: list[Quantity],
    *,
    population: float | None = None,
    reference: Reference | None = None,
) -> DocumentResult:
    """Find the relations between the figures of a document and check each one.

    >>> from numcheck.inference.extractor import number_ids
    >>> t = "Police recorded 2,000 thefts, including 450 car thefts."
    >>> qs = number_ids([Quantity(id="a", start=16, end=21, text="2,000", kind="COUNT"),
    ...                  Quantity(id="b", start=40, end=43, text="450", kind="COUNT")])
    >>> [c.verdict.value for c in link_and_check(Document(id="d", text=t), qs).checks]
    ['consistent']
    """
    text = document.text
    figures = []
    for q in quantities:
        if K(q.kind) is K.DATE and _year_as_count(text, q):
            q = q.model_copy(update={"kind": K.COUNT})
        if K(q.kind) in (K.DATE, K.OTHER, K.ANY):
            continue
        f = make_figure(q, text)
        if f is not None:
            figures.append(f)
    figures = _read_kinds(text, figures)
    ref = document.reference or reference
    doc = Doc(text, figures, sentences(text), ref, population, document.source,
              dates=[q for q in quantities if K(q.kind) is K.DATE],
              others=[q for q in quantities if K(q.kind) is K.OTHER])
    _link_tables(doc)
    _link_changes(doc)
    _link_shares(doc)
    _link_share_groups(doc)
    _link_part_whole(doc)
    _link_breakdowns(doc)
    _link_lists(doc)
    _link_balances(doc)
    _link_rates(doc)
    _link_loose_changes(doc)
    quantities = _situate(doc, quantities)
    claims = []
    for s in doc.sentences:
        ids = [q.id for q in quantities if s.start <= q.start < s.end]
        if ids:
            claims.append(Claim(start=s.start, end=s.end, quantities=ids))
    return DocumentResult(
        id=document.id,
        source=document.source,
        text=text,
        quantities=quantities,
        claims=claims,
        checks=doc.checks,
        derived=doc.derived,
    )


def _situate(doc: Doc, quantities: list[Quantity]) -> list[Quantity]:
    """Say where and when each figure applies, so figures of many documents can be compared:
    the year named nearest in its sentence, and the country the document is about."""
    from numcheck.population import find_country

    place = find_country(doc.text)
    by_id = {f.id: f for f in doc.figures}
    out = []
    for q in quantities:
        f = by_id.get(q.id)
        if f is None:
            out.append(q)
            continue
        update: dict[str, object] = {}
        si = doc.sentence_of(f)
        if q.period is None and si >= 0:
            year = _nearest_year(doc, f, doc.sentences[si].start, doc.sentences[si].end)
            if year is not None:
                update["period"] = str(year)
        if q.place is None and place:
            update["place"] = place
        out.append(q.model_copy(update=update) if update else q)
    return out


_CHANGE_BEFORE = re.compile(
    r"(\b(by|of|up|down|over|an?|minus|plus)\s+(a\s+total\s+of\s+|some\s+|about\s+|nearly\s+)?|[+\-−–]\s?)$", re.I)
_CHANGE_AFTER = re.compile(
    r"^[-\s]*(\w+[-\s]+)?(more|fewer|additional|extra|less|reduction|increase|decrease|drop|rise|fall|decline|"
    r"gain|growth|higher|lower|larger|smaller|bigger|greater|longer|shorter|up|down)\b", re.I)


_YEAR_COUNT_AFTER = re.compile(r"^\s+([a-z]+\s+){1,2}(were|was|are|have\s+been|had\s+been|has\s+been)\b")
_YEAR_BEFORE = re.compile(r"\b(in|since|by|of|for|from|to|until|till|during|before|after|between|and|the|year|years)\s*$", re.I)


def _year_as_count(text: str, q: Quantity) -> bool:
    """A year-like number that counts things: "In June 2015, 2016 crime cases were registered"."""
    if not re.fullmatch(r"\d{4}", q.text):
        return False
    return bool(_YEAR_COUNT_AFTER.match(text[q.end : q.end + 40])) and not _YEAR_BEFORE.search(text[max(0, q.start - 12) : q.start])


_DURATION_UNITS = frozenset(("y", "yr", "yrs", "year", "years", "mo", "month", "months", "wk", "week", "weeks",
                             "d", "day", "days", "h", "hr", "hrs", "hour", "hours", "minute", "minutes", "min"))


_LABEL_BEFORE = re.compile(
    r"\b(quartiles?|quintiles?|deciles?|tertiles?|terciles?|grades?|stages?|phases?|waves?|levels?|steps?|models?|"
    r"tables?|figures?|cycles?|rounds?|doses?|wards?|zones?|tiers?|classes|class|types?|categor(y|ies)|arms?|"
    r"versions?|items?|questions?|criteria|criterion)\s+(\d+\s*(\([^()]*\))?\s*(,|and|or)\s*)*$", re.I)
_CONFIDENCE_AFTER = re.compile(r"^\s*(CIs?\b|confidence|credible|uncertainty|prediction\s+interval|UI\b|CrI\b)", re.I)


def _is_duration(f: Figure) -> bool:
    unit = (f.quantity.unit or "").lower().strip(" .")
    if unit in _DURATION_UNITS:
        return True
    tail = re.search(r"([a-z]+)\.?$", f.text.lower())
    return bool(tail and tail.group(1) in _DURATION_UNITS)


def _read_kinds(text: str, figures: list[Figure]) -> list[Figure]:
    """The kind the linker reads each figure as, where the extractor's kind and the words disagree.

    A CHANGE with no sign, no percent and no change word next to it ("(7403)", "94.2% or
    14,058 offenses") is read as a COUNT; a COUNT right after a per-100,000 phrase in its
    sentence ("per 100 thousand population ... was 264") is read as a RATE. The records keep
    the extractor's kinds; this only decides which relations are looked for.
    """
    out = []
    in_row = {g.id for _start, _end, is_row, figs in _lines(text, figures) if is_row for g in figs}
    for f in figures:
        q = f.quantity
        kind = f.kind
        row = f.id in in_row
        before, after = text[max(0, q.start - 30) : q.start], text[q.end : q.end + 30]
        # "(268 facts or 1 % more)", "by 34 per cent or 39 cases": the absolute form of a change
        nxt = next((g for g in figures if g.quantity.start >= q.end), None)
        prv = next((g for g in reversed(figures) if g.quantity.end <= q.start), None)
        paired = (nxt is not None and nxt.kind is K.CHANGE and _is_pct(nxt)
                  and re.fullmatch(r"\s*([A-Za-z]+\s+)?or\s+[+\-−–]?\s?", text[q.end : nxt.quantity.start])) or (
            prv is not None and prv.kind is K.CHANGE and _is_pct(prv)
            and re.fullmatch(r"\s*,?\s*or\s+[+\-−–]?\s?", text[prv.quantity.end : q.start]))
        marked = bool(re.search(r"%|per\s?cent|percent|pct|p\.p\.", q.text, re.I))
        if kind in (K.COUNT, K.CHANGE) and paired and not row:
            kind = K.CHANGE
        elif kind is K.PERCENT and not marked and not row and (
            abs(f.value) > 100
            or prv is not None and _is_pct(prv) and _OR_GAP_AFTER_PCT.match(text[prv.quantity.end : q.start])):
            # "caused 8.6%, or 664, of the accidents": a bare number over 100, or the part
            # printed after a percent, is a count whatever the extractor says
            kind = K.COUNT
        elif kind is K.CHANGE and not row and not re.search(r"[+\-−–%]|per\s?cent|percent|times|fold|doubl|tripl|halv", q.text, re.I):
            if not (_CHANGE_BEFORE.search(before) or _CHANGE_AFTER.match(after) or _DOWN.search(before[-20:])
                    or _UP.search(before[-20:])):
                kind = K.COUNT
        elif kind is K.COUNT and (re.fullmatch(r"\d{1,3}(,\d{1,2})+", q.text) or (
                text[q.start - 1 : q.start] == "(" and text[q.end : q.end + 2] == ") " and abs(f.value) < 20
                and re.search(r"(^|[:;,]|\band|\bor)\s*\($", before))):
            kind = K.OTHER  # "(29,31,32)": references; ": (1) a culture system and (2) a method": list markers
        elif kind is K.COUNT and _LABEL_BEFORE.search(before):
            kind = K.OTHER  # "quartiles 1 (43.3%) and 2 (50.2%)", "dose 2": a label, no amount
        elif kind is K.COUNT and re.search(r"(\bper|/)\s*$", before):
            kind = K.OTHER  # "0.77 new infections/1,000 persons": the base of a rate is part of its unit
        elif kind in (K.COUNT, K.MEASURE, K.MONEY, K.PERCENT) and re.search(r"[<>≤≥]\s*$", before):
            kind = K.OTHER  # "<100 mg/dL", "≥65 years": a threshold is a bound, no amount
        elif (kind is K.PERCENT and _CONFIDENCE_AFTER.match(after)) or re.search(
                r"\b(CI|confidence\s+interval|range|IQR)\s*[,:=]?\s*$|\b(CI|interval|range)\s*[,:=]?\s*[−\-]?[\d.]+\s*\S{0,3}\s*(–|-|−|to)\s*$",
                before):
            # "95% CI", "99% confidence interval": a confidence level; "CI, 48.1%–57.9%": its
            # bounds; no share of anything
            kind = K.OTHER
        elif kind is K.MEASURE and _is_duration(f):
            # "aged 18–39 years", "every 3 years", "at 6 months": an age or a span of time is no
            # amount that shares, sums and wholes are made of (changes skip durations already)
            kind = K.OTHER
        elif kind is K.COUNT and not row:
            start = max(text.rfind(". ", 0, q.start), text.rfind("\n", 0, q.start), 0)
            lead = text[start : q.start]
            m = list(_PER_BASE.finditer(lead))
            first_after = not any(start + m[-1].end() < g.quantity.start < q.start for g in figures) if m else False
            population_like = _POP_AFTER.match(after) or _POP_BEFORE.search(before)
            if first_after and not population_like and abs(f.value) < 100_000:
                kind = K.RATE
        if kind is not f.kind:
            # the precision a figure is read with depends on its kind (a rate is never exact)
            f = make_figure(q.model_copy(update={"kind": kind}), text) or f
        out.append(f)
    return out


# --- changes ---------------------------------------------------------------------------------


def _direction(doc: Doc, f: Figure) -> int:
    """+1 when the words around a change say it rose, -1 when it fell, 0 when they don't say."""
    if f.value < 0 or f.text.lstrip()[:1] in "-−–":
        return -1
    if f.text.lstrip().startswith("+"):
        return 1
    before = doc.before(f, 45)
    if re.search(r"[-−–]\s?$", before) and re.search(r"[(,:]\s*[-−–]\s?$", before):
        return -1
    if re.search(r"[(,:]\s*\+\s?$", before):
        return 1
    after = doc.after(f, 30)
    # the nearest direction word wins: "decrease of 16.5%" or "16.5% decrease"
    cands = []
    for rx, sign in ((_DOWN, -1), (_UP, 1)):
        for m in rx.finditer(before):
            cands.append((len(before) - m.end(), sign))
        for m in rx.finditer(after):
            cands.append((m.start(), sign))
    if not cands:
        return 0
    return min(cands)[1]


def _readings(doc: Doc, change: Figure, old: Figure | None, new: Figure) -> tuple[Reading, ...]:
    unit = (change.quantity.unit or "").lower()
    printed = change.text.lower()
    if _FOLD_WORDS.search(printed) or re.match(r"^\s*(times|fold|-fold)\b", doc.after(change, 10), re.I):
        return (Reading.fold,)
    if "point" in printed or unit in ("pp", "percentage points", "points") or re.match(
        r"^\s*(percentage\s+)?points?\b", doc.after(change, 20), re.I
    ):
        return (Reading.points,)
    is_pct = "%" in printed or "per" in printed and "cent" in printed or unit == "%"
    if not is_pct:
        return (Reading.absolute,)
    levels = [f for f in (old, new) if f is not None]
    if levels and all(f.kind is K.PERCENT or "%" in f.text for f in levels):
        return (Reading.relative, Reading.points)
    return (Reading.relative,)


def _add_change(doc: Doc, change: Figure, old: Figure | None, new: Figure, *, delta: Figure | None = None,
                direction: int | None = None, only_if_consistent: bool = False) -> bool:
    if old is not None and old.id == new.id or change.id in (new.id, old.id if old else None):
        return False
    if re.search(r"percentage\s+points?|\bp\.?p\b|\bpoints?\b", change.text, re.I) and new.kind not in (K.PERCENT, K.RATE):
        return False  # a change in percentage points is a change of a percent
    if re.match(r"^\s*(per\s+(year|annum|month|week|day)|a\s+(year|month)|annually|each\s+year|every\s+year)\b",
                doc.after(change, 20), re.I):
        return False  # "by about 10,000 per year, from 39,000 to 80,000": a pace, not the change
    link = ChangeLink(
        change=change,
        old=old,
        new=new,
        direction=_direction(doc, change) if direction is None else direction,
        delta=delta,
        readings=_readings(doc, change, old, new),
    )
    check, derived = check_change(link)
    if only_if_consistent and check.verdict is not Verdict.consistent:
        return False
    if doc.add(check, derived):
        doc.linked_changes.add(change.id)
        if old is not None:
            doc.used_as_old.add(old.id)
        return True
    return False


def _is_pct(f: Figure) -> bool:
    t = f.text.lower()
    return "%" in t or ("per" in t and "cent" in t) or (f.quantity.unit or "") == "%"


def _same_kind(a: Figure, b: Figure) -> bool:
    """Two figures that can be the old and new values of one change."""
    if a.kind != b.kind:
        return False
    ua, ub = (a.quantity.unit or "").lower(), (b.quantity.unit or "").lower()
    durations = ("year", "years", "month", "months", "day", "days", "week", "weeks", "hours")
    if a.kind is K.MEASURE and (ua in durations or ub in durations):
        return False
    return True


def _lines(text: str, figures: list[Figure]) -> list[tuple[int, int, bool, list[Figure]]]:
    """Each line of the text: its span, whether it reads as a table row, and its figures."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        figs = [f for f in figures if m.start() <= f.quantity.start < m.end()]
        out.append((m.start(), m.end(), is_table_row(m.group(), len(figs)), figs))
    return out


def _link_tables(doc: Doc) -> None:
    """Rows of a table: old, new, then the absolute and relative change columns; a total row."""
    rows: list[list[Figure]] = []
    row_spans: list[tuple[int, int]] = []
    for start, end, is_row, figs in _lines(doc.text, doc.figures):
        row_spans.append((start, end))
        if not is_row:
            rows.append([])
            continue
        rows.append(figs)
        if figs:
            label = doc.text[start : figs[0].quantity.start].strip(" |\t")
            doc.rows.append((start, end, label, figs))
        levels = [f for f in figs if f.kind in LEVEL_KINDS and f.kind is not K.PERCENT or f.kind is K.RATE]
        changes = [f for f in figs if f.kind is K.CHANGE]
        if len(levels) >= 2 and changes:
            old, new = levels[0], levels[1]
            for c in changes:
                if c.quantity.start > new.quantity.start:
                    _add_change(doc, c, old, new)
    _link_table_totals(doc, rows, row_spans)


_TOTAL_LABEL = re.compile(r"^\W*(total|all|overall|grand total|sum)\b", re.I)


def _year_of(q: Quantity | Figure) -> int | None:
    q = q.quantity if isinstance(q, Figure) else q
    if isinstance(q.value, int) and 1900 <= q.value <= 2100:
        return q.value
    m = re.fullmatch(r"(19|20)\d\d", q.text.strip())
    return int(q.text) if m else None


def _nearest_year(doc: Doc, f: Figure, lo: int, hi: int) -> int | None:
    best = None
    for d in doc.dates:
        if lo <= d.start < hi and _year_of(d) is not None:
            dist = d.start - f.quantity.end if d.start >= f.quantity.end else f.quantity.start - d.end
            if best is None or dist < best[0]:
                best = (dist, _year_of(d))
    return best[1] if best else None


def _prose_totals(doc: Doc, block: list[list[Figure]], header: tuple[int, int] | None,
                  table_span: tuple[int, int]) -> None:
    """A table without a total row whose columns add up to totals stated in the prose, by year."""
    width = {len([f for f in row if f.kind in AMOUNT_KINDS]) for row in block}
    if len(block) < 2 or len(width) != 1 or header is None:
        return
    years = [_year_of(d) for d in doc.dates if header[0] <= d.start < header[1]]
    years = [y for y in years if y is not None]
    n = width.pop()
    if len(years) < n or n == 0:
        return
    for col in range(n):
        parts = [[f for f in row if f.kind in AMOUNT_KINDS][col] for row in block]
        year = years[col]
        for f in doc.figures:
            if f.kind is not K.COUNT or table_span[0] <= f.quantity.start < table_span[1]:
                continue
            si = doc.sentence_of(f)
            s = doc.sentences[si]
            if _nearest_year(doc, f, s.start, s.end) == year and abs(f.value) > max(abs(p.value) for p in parts):
                doc.add(check_sum(parts, f))
                break


def _link_table_totals(doc: Doc, rows: list[list[Figure]], spans: list[tuple[int, int]]) -> None:
    block: list[list[Figure]] = []
    header: tuple[int, int] | None = None
    first = 0
    for figs, (start, end) in zip(rows, spans, strict=True):
        if not figs:
            if block:
                _prose_totals(doc, block, header, (first, start))
            block = []
            if re.search(r"[A-Za-z0-9]", doc.text[start:end]):
                header = (start, end)
            continue
        if not block:
            first = start
        label = doc.text[start : figs[0].quantity.start]
        counts = [f for f in figs if f.kind in AMOUNT_KINDS]
        if _TOTAL_LABEL.search(label) and block:
            for col, total in enumerate(counts):
                parts = []
                for row in block:
                    rc = [f for f in row if f.kind in AMOUNT_KINDS]
                    if len(rc) == len(counts):
                        parts.append(rc[col])
                if len(parts) >= 2:
                    doc.add(check_sum(parts, total))
            block = []
            continue
        block.append(figs)
    if block:
        _prose_totals(doc, block, header, (first, len(doc.text)))


def _link_changes(doc: Doc) -> None:
    """Changes stated with their old and new values in the same sentence."""
    for si, _s in enumerate(doc.sentences):
        figs = doc.in_sentence(si)
        for i, c in enumerate(figs):
            if c.kind is not K.CHANGE or c.id in doc.linked_changes:
                continue
            rest = [f for f in figs[i + 1 :] if f.kind in LEVEL_KINDS]
            if doc.in_parens(c):
                # "(a 167% increase) and breaks from 93% to 97%": past its bracket, figures are another's
                rest = [f for f in rest if ")" not in doc.text[c.quantity.end : f.quantity.start]]
            prior = [f for f in figs[:i] if f.kind in LEVEL_KINDS]
            if _from_to(doc, c, rest):
                continue
            if _change_from(doc, c, prior, rest):
                continue
            if _paren_change(doc, c, figs, i):
                continue
            if _by_to(doc, c, figs, i):
                continue
            if _pair_before(doc, c, prior):
                continue
            _level_then_change(doc, c, figs, i)


def _pair_before(doc: Doc, c: Figure, prior: list[Figure]) -> bool:
    """The change comes after its values: 'rose from 8,952 to 10,128, by 1,196';
    '10,281 crimes in 2019 compared with 9,713 in 2018, an increase of 5.8%'."""
    if len(prior) < 2:
        return False
    a, b = prior[-2], prior[-1]
    if a.id in doc.used_as_old:
        return False  # "increased 46% (from 13% to 19%) and MVCs decreased 29%": that pair is taken
    # "from 33% to 88% (a 167% increase)": a bracketed change right after its pair is theirs
    bracketed_after = doc.in_parens(c) and re.fullmatch(r"\s*\(\s*(an?\s+)?[+\-−]?", doc.gap(b, c)) is not None
    if not _same_kind(a, b) or len(doc.gap(b, c)) > 45 or re.search(r"[.;]", doc.gap(b, c)) or (doc.in_parens(c) and not bracketed_after):
        return False
    gap = doc.gap(a, b)
    if re.search(r"[;()]", gap):
        return False
    if re.search(r"\bfrom\s+(the\s+)?$", doc.before(a, 12), re.I) and re.search(r"\bto\b", gap, re.I):
        return _add_change(doc, c, a, b)
    if re.search(r"\b(compared\s+(with|to)|against|versus|vs\.?|up\s+from|down\s+from|from)\b", gap, re.I) and len(gap) < 60:
        return _add_change(doc, c, b, a)
    return False


def _from_to(doc: Doc, c: Figure, rest: list[Figure]) -> bool:
    """'fell 17.1 percent, from 299 cases in 2015 to 248 cases in 2016'."""
    for j in range(len(rest) - 1):
        a, b = rest[j], rest[j + 1]
        lead = doc.text[c.quantity.end : a.quantity.start]
        mid = doc.gap(a, b)
        if doc.in_parens(c) and ")" in lead:
            continue  # "(a 167% increase) and breaks from 93% to 97%": the bracket closed on another pair
        if len(lead) > 90 or not re.search(r"\bfrom\s+(the\s+)?(record\s+|level\s+of\s+|total\s+of\s+)?$|\(from\s+$|\bfrom\b[^.;]{0,40}$", lead, re.I):
            continue
        if re.search(r"\bto\s+(the\s+)?$|\bto\b[^.;()]{0,12}$", mid, re.I) and len(mid) < 60:
            if a.kind in LEVEL_KINDS and b.kind in LEVEL_KINDS:
                return _add_change(doc, c, a, b)
    return False


def _change_from(doc: Doc, c: Figure, prior: list[Figure], rest: list[Figure]) -> bool:
    """'2,146 fire calls in 2016, a 10.8% fall from the 2,406 fire calls'."""
    if not rest:
        return False
    a = rest[0]
    lead = doc.text[c.quantity.end : a.quantity.start]
    if not re.search(r"\b(from|than|over|compared\s+(to|with))\b[^.;]{0,45}$", lead, re.I) or len(lead) > 70:
        return False
    if re.search(r"\bto\b", lead, re.I):
        return False
    for b in reversed(prior):
        if b.id in doc.used_as_old or b.kind is K.CHANGE:
            continue
        if b.kind in LEVEL_KINDS and _same_kind(a, b):
            return _add_change(doc, c, a, b)
    if not prior and re.search(r"\bthan\b", lead, re.I):
        # "Inspectors seized 3 tons and 45 kilograms ... The seizures were 640 kilograms larger
        # than the 2 tons and 405 kilograms seized a year earlier": the new value, in the same
        # unit, in the sentence before
        si = doc.sentence_of(c)
        before = [b for b in doc.in_sentence(si - 1) if b.kind in LEVEL_KINDS and _same_kind(a, b) and a.quantity.unit
                  and (b.quantity.unit or "") == a.quantity.unit and b.id not in doc.used_as_old] if si > 0 else []
        if before:
            return _add_change(doc, c, a, before[0])
    return False


def _paren_change(doc: Doc, c: Figure, figs: list[Figure], i: int) -> bool:
    """'5613 (+444 or +8.6% from a year earlier)': the old value is implied by the absolute change."""
    if not doc.in_parens(c):
        return False
    open_at = doc.text.rfind("(", 0, c.quantity.start)
    inside = [f for f in figs if open_at < f.quantity.start and doc.in_parens(f)
              and doc.text.rfind("(", 0, f.quantity.start) == open_at]
    base = [f for f in figs[:i] if f.quantity.end <= open_at and f.kind in AMOUNT_KINDS and not doc.in_parens(f)]
    if not base:
        return False
    new = base[-1]
    old = None
    if len(base) >= 2 and re.search(
            r"\b(up|down)\s+from\s+(the\s+)?$|\bcompared\s+(with|to)\s+(the\s+)?$", doc.before(new, 20), re.I):
        # "reached 184,600 pupils in 1,132 schools, up from 171,900 the year before (an increase
        # of 12,700, or 7.4%)": the old value; the new one is the like figure nearest it in size
        likes = [f for f in base[:-1] if _same_kind(f, new) and f.value and new.value]
        if likes:
            old = new
            new = min(likes, key=lambda f: abs((abs(f.value) / abs(old.value)).ln()))
    if "%" not in c.text and "cent" not in c.text.lower():
        return False
    deltas = [f for f in inside if f.kind is K.CHANGE and f.id != c.id and "%" not in f.text]
    if old is not None:
        return _add_change(doc, c, old, new)
    direction = _direction(doc, deltas[0]) if deltas else None
    if deltas and direction == 0:
        direction = _direction(doc, c)
    return _add_change(doc, c, None, new, delta=deltas[0] if deltas else None, direction=direction) if deltas else False


def _by_to(doc: Doc, c: Figure, figs: list[Figure], i: int) -> bool:
    """'rose by 1 per cent to 18,421', 'increasing by 34 per cent or 39 cases to 153 cases'."""
    rest = figs[i + 1 :]
    delta = None
    for f in rest:
        gap = doc.text[c.quantity.end : f.quantity.start]
        if len(gap) > 60:
            break
        if f.kind is K.CHANGE and re.search(r"^\s*,?\s*or\s+$", gap, re.I):
            delta = f
            continue
        lead = doc.text[(delta or c).quantity.end : f.quantity.start]
        if f.kind in LEVEL_KINDS and re.search(r"^\s*,?[^.;,()]{0,20}\b(to|reaching|reached|at)\s+(a\s+total\s+of\s+)?$", lead, re.I):
            # "rose by 12.6% to 18,240, from 16,420 in 2023": the old value follows the new
            old = _old_after(doc, f, rest)
            if old is not None:
                return _add_change(doc, c, old, f)
            if delta is not None and _is_pct(c):
                return _add_change(doc, c, None, f, delta=delta)
            if delta is not None and _is_pct(delta):
                # "declined by 9,400, or 5.5%, to 162,300": the percent is tested, the count implies the old value
                return _add_change(doc, delta, None, f, delta=c)
            return _add_change(doc, c, None, f)
        if (f.kind is K.MEASURE and c.kind is K.CHANGE and "%" not in c.text
                and (f.quantity.unit or "") == (c.quantity.unit or "-") and re.search(r"[—–-]", gap)):
            return _add_change(doc, c, None, f)
    return False


def _old_after(doc: Doc, new: Figure, rest: list[Figure]) -> Figure | None:
    """The old value stated after the new one: '... to 71.2% in 2024, from 67.2%'."""
    nxt = next((g for g in rest if g.quantity.start > new.quantity.end and g.kind in LEVEL_KINDS), None)
    if nxt is None or not _same_kind(new, nxt):
        return None
    if re.fullmatch(r"[^.;()]{0,45}\b(from|up\s+from|down\s+from|compared\s+(with|to))\s+(the\s+)?", doc.gap(new, nxt), re.I):
        return nxt
    return None


_LEVEL_THEN_CHANGE = re.compile(
    r",\s*(up|down|an?\s+(increase|decrease|rise|fall|drop|decline|reduction)\s+of)\s*$", re.I)
_MORE_THAN_BEFORE = re.compile(
    r"^\s*(more|less|fewer|higher|lower|larger|smaller|up|down)?\s*(than|on|from)\s+(a\s+year\s+(earlier|before|ago)|"
    r"the\s+(year|period|month)\s+before|the\s+previous\s+(year|period)|last\s+year|in\s+(19|20)\d\d)\b", re.I)


def _level_then_change(doc: Doc, c: Figure, figs: list[Figure], i: int) -> bool:
    """The new value first, then the change: 'reached CSD 9.84 billion ..., up CSD 0.61 billion,
    or 7.1%, on the same period'; '46 offences, 9 more than in 2023 (+24.3%)'; '2 tons and 380
    kilograms ..., 410 kilograms more than a year earlier'."""
    prior = [f for f in figs[:i] if f.kind in AMOUNT_KINDS and not doc.in_parens(f)]
    if not prior or doc.in_parens(c):
        return False
    new = prior[-1]
    gap = doc.gap(new, c)
    after = doc.text[c.quantity.end : c.quantity.end + 60]
    partner = figs[i + 1] if i + 1 < len(figs) and figs[i + 1].kind is K.CHANGE else None
    paired = partner is not None and (
        re.fullmatch(r"\s*,?\s*(or|\()\s*[+\-−]?", doc.gap(c, partner)) is not None
        # "9 more than in 2023 (+24.3%)"
        or _MORE_THAN_BEFORE.match(doc.gap(c, partner)) is not None and doc.gap(c, partner).rstrip(" +-−").endswith("("))
    if _LEVEL_THEN_CHANGE.search(gap) and len(gap) < 90:
        pass
    elif re.fullmatch(r"[^.;()]{0,60},\s*", gap) and _MORE_THAN_BEFORE.match(after):
        pass
    else:
        return False
    if not (_is_pct(c) or (new.quantity.unit or "") == (c.quantity.unit or "") or new.kind is K.COUNT):
        return False
    if paired and _is_pct(partner) and not _is_pct(c):
        return _add_change(doc, partner, None, new, delta=c)
    if paired and _is_pct(c) and not _is_pct(partner):
        return _add_change(doc, c, None, new, delta=partner)
    return _add_change(doc, c, None, new)


def _link_loose_changes(doc: Doc) -> None:
    """A change whose old and new values come in a nearby sentence.

    First pass: any pair of like figures in the neighbouring sentences, taken only when the
    arithmetic agrees. Second pass, for changes still unlinked: a pair the words tie to two
    periods ("In 2022 ... 33,281 ...; in 2023 ... 35,052"), taken whatever the arithmetic says.
    """
    pending = []
    for c in doc.figures:
        if c.kind is not K.CHANGE or c.id in doc.linked_changes:
            continue
        si = doc.sentence_of(c)
        if any(f.kind in AMOUNT_KINDS for f in doc.in_sentence(si) if f.quantity.start > c.quantity.start
               and doc.text[c.quantity.end:f.quantity.start].strip(" ,") in ("to", "or")):
            continue
        if _row_reference(doc, c, si):
            continue
        window = [f for j in range(si - 1, si + 4) for f in doc.in_sentence(j)]
        levels = [f for f in window if f.kind in (K.COUNT, K.RATE, K.MEASURE, K.MONEY) and f.id != c.id]
        if not _consistent_pair(doc, c, levels):
            pending.append((c, si))
    used = _used_in_changes(doc)
    takers: dict[str, list[Figure]] = {}
    fig = {f.id: f for f in doc.figures}
    for chk in doc.checks:
        if chk.kind is CheckKind.change and chk.quantities[0] in fig:
            for q in chk.quantities[1:]:
                if q:
                    takers.setdefault(q, []).append(fig[chk.quantities[0]])
    for c, si in list(pending):
        if _following_table(doc, c, si):
            pending.remove((c, si))
    waiting: dict[int, set[tuple[bool, str]]] = {}
    for c, si in pending:
        waiting.setdefault(si, set()).add((_is_pct(c), c.text))
    for c, si in pending:
        before = len(doc.checks)
        if _structural_pair(doc, c, si, used, takers, waiting) and len(doc.checks) > before:
            for q in doc.checks[-1].quantities[1:]:
                if q:
                    takers.setdefault(q, []).append(c)


def _row_old_new(row: list[Figure]) -> tuple[Figure, Figure] | None:
    levels = [f for f in row if f.kind in AMOUNT_KINDS or f.kind is K.RATE]
    if len(levels) >= 2 and _same_kind(levels[0], levels[1]):
        return levels[0], levels[1]
    return None


def _row_reference(doc: Doc, c: Figure, si: int) -> bool:
    """'212 additional arrests in Ward 5', 'These wards each saw more than 1,000 more': table rows
    named by their label."""
    if not doc.rows:
        return False
    s = doc.sentences[si]
    nxt = min((f.quantity.start for f in doc.figures if f.quantity.start > c.quantity.end), default=s.end)
    names = [q for q in doc.others if c.quantity.end < q.start < min(s.end, nxt)]
    if not names and si > 0 and re.match(r"^\W*(these|those|each|all|both)\b", doc.text[s.start : s.start + 20], re.I):
        p = doc.sentences[si - 1]
        names = [q for q in doc.others if p.start <= q.start < p.end]
    linked = False
    for q in names:
        for _start, _end, label, figs in doc.rows:
            if re.fullmatch(rf"(\w+\s+)?{re.escape(q.text)}", label):
                pair = _row_old_new(figs)
                if pair and _add_change(doc, c, *pair):
                    linked = True
    return linked


def _following_table(doc: Doc, c: Figure, si: int) -> bool:
    """'fell 12.0% from the same period last year' followed by a table: its total row, or its
    only row."""
    s = doc.sentences[si]
    after = [r for r in doc.rows if r[0] >= s.end]
    if not after or after[0][0] - s.end > 400:
        return False
    block = [after[0]]
    for r in after[1:]:
        if doc.text[block[-1][1] : r[0]].strip():
            break
        block.append(r)
    totals = [r for r in block if _TOTAL_LABEL.search(r[2])]
    sentence = doc.text[s.start : s.end]
    if totals and re.search(r"\b(total|overall|all)\b", sentence, re.I):
        row = totals[0]
    elif len(block) == 1 and not totals:
        row = block[0]
    else:
        return False
    pair = _row_old_new(row[3])
    return bool(pair) and _add_change(doc, c, *pair)


def _consistent_pair(doc: Doc, c: Figure, levels: list[Figure]) -> bool:
    for a_i, a in enumerate(levels):
        for b in levels[a_i + 1 :]:
            if not _same_kind(a, b):
                continue
            for old, new in ((a, b), (b, a)):
                if _add_change(doc, c, old, new, only_if_consistent=True):
                    return True
    return False


_CONTRAST = re.compile(r"\b(whereas|while|compared\s+(to|with)|against|versus|vs\.?|up\s+from|down\s+from|from)\b", re.I)
_OLDEST = re.compile(r"\b(previous\s+year|a\s+year\s+(earlier|before|ago)|the\s+year\s+before|previous\s+period)\b", re.I)
_OLDER = re.compile(r"\b(last\s+year)\b", re.I)
_NEWER = re.compile(r"\b(this\s+year|current\s+year|reporting\s+(year|period))\b", re.I)


def _period_rank(doc: Doc, f: Figure, s: Span) -> int | None:
    y = _nearest_year(doc, f, s.start, s.end)
    if y is not None:
        return y
    around = doc.text[max(s.start, f.quantity.start - 50) : min(s.end, f.quantity.end + 40)]
    # nearest cue wins: "30,868 cases last year from 31,508 the previous year"
    cues = []
    for rx, rank in ((_OLDEST, -3), (_OLDER, -2), (_NEWER, -1)):
        for m in rx.finditer(doc.text, max(s.start, f.quantity.start - 50), min(s.end, f.quantity.end + 40)):
            dist = m.start() - f.quantity.end if m.start() >= f.quantity.end else f.quantity.start - m.end()
            cues.append((dist, rank))
    if cues:
        return min(cues)[1]
    if _OLDER.search(around):
        return -2
    if _NEWER.search(around):
        return -1
    return None


def _used_in_changes(doc: Doc) -> set[str]:
    return {q for c in doc.checks if c.kind is CheckKind.change for q in c.quantities[1:] if q}


def _structural_pair(doc: Doc, c: Figure, si: int, used: set[str], takers: dict[str, list[Figure]],
                     waiting: dict[int, set[tuple[bool, str]]] | None = None) -> bool:
    """Old and new values named in the next sentences ("In 2022, 33,281 crimes ...; in 2023, 35,052").

    `waiting` maps the sentences of the changes this pass links to (in percent, text): a pair two
    sentences on is not this change's when the sentence between states another change of the
    same sort, which is nearer ("rose by 1 per cent" is not the "fell by 3 per cent" of the next
    sentence). A "9%" restated there is the same claim, and a change in cases ("or 1007") is
    another reading of the same pair: both may share it.
    """
    own = doc.in_sentence(si)
    olds = [f for f in own if f.quantity.start > c.quantity.start and f.kind in AMOUNT_KINDS
            and re.search(r"\bfrom\s+(the\s+)?(record\s+)?$", doc.text[c.quantity.end : f.quantity.start], re.I)]
    bracketed = [f for f in own if f.quantity.start > c.quantity.start and f.kind in AMOUNT_KINDS
                 and re.search(r"\b(compared|than|over|from)\b[^.;]*\(\s*(n\s*=\s*)?$",
                               doc.text[c.quantity.end : f.quantity.start], re.I)]
    # "219 of them (15.0%) exceeded the limit. A year earlier the share was 17.4%, so the
    # improvement amounts to 1.9 percentage points": the old value after a cue for the year
    # before, the change after it, the new value the last like figure of the sentence before
    earlier = [f for f in own if f.quantity.start < c.quantity.start and f.kind in LEVEL_KINDS]
    if (si > 0 and not olds and not bracketed and len(earlier) == 1
            and _OLDEST.search(doc.text[doc.sentences[si].start : earlier[0].quantity.start])
            and not any(f.kind in LEVEL_KINDS for f in own if f.quantity.start > c.quantity.start)):
        old = earlier[0]
        news = [f for f in doc.in_sentence(si - 1) if _same_kind(f, old) and f.id not in doc.used_as_old]
        if news:
            return _add_change(doc, c, old, news[-1])
    if bracketed and not olds:
        old = bracketed[0]
        for f in reversed(doc.in_sentence(si - 1) + [g for g in own if g.quantity.start < c.quantity.start]):
            if _same_kind(f, old) and f.id != old.id:
                return _add_change(doc, c, old, f)
    if olds:
        old = olds[0]
        # taken whatever the arithmetic says, so the new value must count what the old one does
        # ("from 1 data year to the next" ... "850 cases" is no pair)
        for f in doc.in_sentence(si + 1):
            if f.kind is old.kind and _same_kind(f, old) and f.id != old.id and _heads_agree(f, old):
                return _add_change(doc, c, old, f)
        return False
    if any(f.kind in AMOUNT_KINDS for f in own if f.quantity.start > c.quantity.start):
        return False
    nearer = {t for pct, t in (waiting or {}).get(si + 1, ()) if pct == _is_pct(c)} - {c.text}
    for j in (si + 1, si + 2, si - 1):
        if j < 0 or j >= len(doc.sentences) or (j == si + 2 and nearer):
            continue
        s = doc.sentences[j]
        amounts = [f for f in doc.in_sentence(j) if f.kind in AMOUNT_KINDS and not doc.in_parens(f)]
        pairs = [(a, b) for i, a in enumerate(amounts) for b in amounts[i + 1 :] if _same_kind(a, b)]
        if len(pairs) != 1:
            continue
        a, b = pairs[0]
        # a pair already tied to another change serves again only the same claim restated
        # ("rose 9% ... increased by 9% or 1007"), not a different change nearby
        prior = [t for x in (a.id, b.id) for t in takers.get(x, [])]
        if prior and not any(doc.sentence_of(t) == si or t.text == c.text for t in prior):
            continue
        gap = doc.gap(a, b)
        ra, rb = _period_rank(doc, a, s), _period_rank(doc, b, s)
        if ra is not None and rb is not None and ra != rb and (ra > 0) == (rb > 0):
            old, new = (a, b) if ra < rb else (b, a)
        elif re.search(r"\bto\s+$", doc.before(a, 12), re.I) and re.search(r"\bfrom\b", gap, re.I):
            old, new = b, a  # "dropped to 30,868 cases from 31,508"
        elif _CONTRAST.search(gap) and not re.fullmatch(r"\s*(while|from)\s*", _CONTRAST.search(gap).group(0)):
            old, new = (b, a) if re.search(r"\b(up|down)?\s*from\b", gap, re.I) else (a, b)
        else:
            continue
        return _add_change(doc, c, old, new)
    return False


# --- shares ----------------------------------------------------------------------------------

_OR_GAP_AFTER_PCT = re.compile(r"^\s*(of\s+(them|these|those|the\s+\w+)\s*)?,?\s*(or|\()\s*$", re.I)
_OR_GAP_AFTER_COUNT = re.compile(r"^\s*([A-Za-z\-]+[\s,]+){0,3}?,?\s*(or|\()\s*$", re.I)
_INDEX_CUE = re.compile(r"\b(index|rate|ratio|share|proportion|percentage)\b", re.I)


def _link_shares(doc: Doc) -> None:
    """A percent with its part ("94.4% or 31,526", "24,566 or 94.5%", "13.7% (3321)") and whole."""
    for si, _s in enumerate(doc.sentences):
        figs = doc.in_sentence(si)
        for i, p in enumerate(figs):
            if p.kind is not K.PERCENT:
                continue
            part = _adjacent_part(doc, figs, i)
            if part is None and _bracketed_percent(doc, p):
                part = _part_before_bracket(doc, figs, i)
            if part is None:
                # "Women make up 78.4% of the teaching staff (16,320)": the part in brackets after the noun
                nxt = figs[i + 1] if i + 1 < len(figs) else None
                if (nxt is not None and nxt.kind in AMOUNT_KINDS and doc.in_parens(nxt)
                        and re.fullmatch(r"\s*of\s+(the\s+)?(?:[a-z-]+\s+){0,3}\(\s*", doc.gap(p, nxt), re.I)):
                    part = nxt
            lead_pair = _lead_whole_part(doc, si, figs, i) if part is None else None
            if lead_pair is not None:
                whole, part = lead_pair
                doc.shares[p.id] = (part.id, whole.id)
                doc.add(check_share(p, part, whole))
                continue
            if part is not None:
                # "Eight of 38 (21%) close contacts": the part is the figure before "of"
                prv = next((f for f in reversed(figs) if f.quantity.end <= part.quantity.start), None)
                if (prv is not None and prv.kind in AMOUNT_KINDS and re.fullmatch(r"\s+of\s+(the\s+)?", doc.gap(prv, part))
                        and abs(prv.value) <= abs(part.value)
                        and re.fullmatch(r"\s*([A-Za-z-]+\s+){0,3}\(\s*", doc.gap(part, p))):
                    doc.shares[p.id] = (prv.id, part.id)
                    doc.add(check_share(p, prv, part))
                    continue
                whole = _explicit_whole(doc, figs, i, part) or _resolve_whole(doc, p, part)
                if whole is not None:
                    doc.shares[p.id] = (part.id, whole.id)
                    doc.add(check_share(p, part, whole))
                continue
            if _index_share(doc, si, figs, p):
                continue
            part = _labelled_part(doc, si, p)
            if part is not None:
                whole = _resolve_whole(doc, p, part) or _named_whole(doc, p, part)
                if whole is not None:
                    doc.shares[p.id] = (part.id, whole.id)
                    doc.add(check_share(p, part, whole))
                    continue
            whole = _explicit_whole(doc, figs, i, None)
            if whole is not None:
                doc.shares[p.id] = (None, whole.id)
                doc.derived.append(derive_part(p, whole))
                continue
            if _ANAPHORA.search(doc.after(p, 30)):
                whole = _referent(doc, p, None)
                if whole is not None:
                    doc.shares[p.id] = (None, whole.id)
                    doc.derived.append(derive_part(p, whole))


def _lead_whole_part(doc: Doc, si: int, figs: list[Figure], i: int) -> tuple[Figure, Figure] | None:
    """'Of the 3,418,560 registered voters, 1,982,764 cast a ballot ..., a turnout of 58.0%': the
    whole the sentence opens with, the count of its clause, the percent closing it."""
    p = figs[i]
    amounts = [f for f in figs[:i] if f.kind in AMOUNT_KINDS]
    if len(amounts) != 2 or not re.search(r",\s*(?:(?:nearly|about|almost|some|or|over|just\s+over|just\s+under)\s+|"
                                          r"an?\s+(?:turnout|share|rate|proportion|coverage|total)\s+of\s+)?$",
                                          doc.before(p, 40), re.I):
        return None
    part = amounts[1]
    if any(f.kind is K.PERCENT for f in figs[:i] if f.quantity.start > part.quantity.start):
        return None  # the percent closing the clause is the first after its count
    whole = _lead_whole(doc, doc.sentences[si], amounts, 1)
    return (whole, part) if whole is not None else None


def _adjacent_part(doc: Doc, figs: list[Figure], i: int) -> Figure | None:
    p = figs[i]
    if i + 1 < len(figs):
        n = figs[i + 1]
        if n.kind in AMOUNT_KINDS and _OR_GAP_AFTER_PCT.match(doc.gap(p, n)):
            return n
    if i > 0:
        n = figs[i - 1]
        if n.kind in AMOUNT_KINDS and _OR_GAP_AFTER_COUNT.match(doc.gap(n, p)):
            return n
    # "accounting for 87.23% of all ballots cast": the part comes just before
    if i > 0 and re.search(r"\b(accounting\s+for|representing|making\s+up|amounting\s+to|or\s+about)\s*$",
                           doc.before(p, 30), re.I):
        n = figs[i - 1]
        if n.kind in AMOUNT_KINDS and len(doc.gap(n, p)) < 60:
            return n
    # "84.3% of these offenses are ... minor offenses (11,849), and only 15.7%": one bracketed count
    nxt = next((j for j in range(i + 1, len(figs)) if figs[j].kind is K.PERCENT), len(figs))
    bracketed = [f for f in figs[i + 1 : nxt] if f.kind in AMOUNT_KINDS and doc.in_parens(f)]
    unbracketed = [f for f in figs[i + 1 : nxt] if f.kind in AMOUNT_KINDS and not doc.in_parens(f)]
    if len(bracketed) == 1 and not unbracketed and _ANAPHORA.search(doc.after(p, 30)):
        return bracketed[0]
    return None


_SHARE_OF_ALL = re.compile(
    r"\b([A-Za-z][a-z]+)\s+(?:thus\s+|alone\s+|therefore\s+|now\s+)?(?:accounts?\s+for|accounted\s+for|makes?\s+up|made\s+up|"
    r"represents?|represented|constitutes?|constituted)\s+(?:about\s+|nearly\s+|almost\s+|some\s+|over\s+)?$", re.I)


def _labelled_part(doc: Doc, si: int, p: Figure) -> Figure | None:
    """'... EUR 2,517 million for education, EUR 1,508 million for health ... Education thus
    accounts for 44.3 percent of all spending': the part is the one earlier figure, in this
    sentence or the two before, that the subject of the share labels ("for education")."""
    m = _SHARE_OF_ALL.search(doc.text[max(0, p.quantity.start - 60) : p.quantity.start])
    if m is None or not re.match(r"^\s*of\b", doc.after(p, 10), re.I):
        return None
    label = m.group(1).lower()
    if label in ("which", "who"):
        # "Theft, which made up 60 per cent of all reported cases, rose by 1 per cent to
        # 18,421": the part is the level the main clause gives its subject, later in the sentence
        later = [f for f in doc.in_sentence(si) if f.quantity.start > p.quantity.end]
        level = next((f for f in later if f.kind in AMOUNT_KINDS), None)
        return level if level is not None and re.search(r"\b(to|at|reached|totall?ed|was|were|stood\s+at)\s*$",
                                                         doc.before(level, 20), re.I) else None
    if label in ("this", "that", "it", "they", "these", "those", "and"):
        return None
    lo = doc.sentences[max(0, si - 2)].start
    label_re = re.compile(rf"^[\s,]*(?:(?:[a-z]+\s+){{0,2}}?(?:for|on|in|to|of)\s+(?:the\s+)?|(?:[a-z]+\s+)?){re.escape(label)}\b", re.I)
    found = [f for f in doc.figures if lo <= f.quantity.start < p.quantity.start and f.kind in AMOUNT_KINDS
             and label_re.match(doc.after(f, 40))]
    return found[0] if len(found) == 1 else None


def _named_whole(doc: Doc, p: Figure, part: Figure) -> Figure | None:
    """'60 per cent of all reported cases': the latest earlier total of that noun, however far back,
    that is not a comparison value ("from 31,508 the previous year"); so far from its share the
    link is a guess, taken only when the arithmetic agrees."""
    m = re.match(r"^\s*of\s+(?:all|the\s+total)\s+([a-z]{3,})(?:\s+([a-z]{3,}))?(?:\s+([a-z]{3,}))?", doc.after(p, 50), re.I)
    if m is None:
        return None
    for word in m.groups():
        cands = [f for f in doc.figures if f.quantity.start < p.quantity.start and f.kind is part.kind
                 and abs(f.value) > abs(part.value) and f.id not in doc.used_as_old and not doc.in_parens(f)
                 and not _is_population(doc, f, strict=True) and _counts(f, word, 6)
                 and not re.search(r"\b(from|compared\s+(with|to)|against|versus|vs\.?)\s*$", doc.before(f, 20), re.I)]
        if cands:
            whole = cands[-1]
            return whole if check_share(p, part, whole).verdict is Verdict.consistent else None
    return None


def _bracketed_percent(doc: Doc, p: Figure) -> bool:
    return doc.text[p.quantity.start - 1 : p.quantity.start] == "(" and doc.text[p.quantity.end : p.quantity.end + 1] == ")"


def _part_before_bracket(doc: Doc, figs: list[Figure], i: int) -> Figure | None:
    """'23,131,324 ballots in the 76 elections were valid (87.56%)': the part is a count before."""
    p = figs[i]
    cands = [f for f in reversed(figs[:i]) if f.kind in AMOUNT_KINDS and not doc.in_parens(f)][:3]
    for part in cands:
        whole = _resolve_whole(doc, p, part, require_consistent=True)
        if whole is not None:
            return part
    if not cands:
        return None
    # nothing agrees: the count just before the bracket ("368 men at site B (39.2%)"), else the
    # clause's main count, not a small one named on the way ("23,131,324 ballots in the 76
    # elections were valid (87.56%)")
    if re.fullmatch(r"\s+([A-Za-z-]+\s+){0,4}\(\s*", doc.text[cands[0].quantity.end : p.quantity.start]) and not re.search(
            r"\b(was|were|is|are|had|has|have)\b", doc.text[cands[0].quantity.end : p.quantity.start], re.I):
        return cands[0]
    return max(cands, key=lambda f: abs(f.value))


def _explicit_whole(doc: Doc, figs: list[Figure], i: int, part: Figure | None) -> Figure | None:
    """'58.45% of the 27.9 million eligible voters': the whole follows 'of the'; '48,216 votes
    (53.8%) and B 41,402 (46.2%), out of 89,618 valid votes': 'out of' names it for the sentence."""
    p = figs[i]
    for f in figs[i + 1 :]:
        if f.kind in AMOUNT_KINDS and f is not part and re.search(r"\b(out\s+of|of\s+a\s+total\s+of)\s+(the\s+)?$",
                                                                  doc.before(f, 20), re.I):
            return f
    for f in figs[i + 1 : i + 3]:
        if f.kind in AMOUNT_KINDS and f is not part:
            # "58.45% of the 27.9 million", "seven (28%) of 25 studies"
            if re.match(r"^\s*\)?\s*of\s+(the|all|a\s+total\s+of)?\s*$", doc.gap(p, f), re.I):
                return f
            if part is not None and re.match(r"^[\s,]*of\s+(the|all)?\s*$", doc.gap(part, f), re.I):
                return f
    return None


def _referent(doc: Doc, p: Figure, part: Figure | None) -> Figure | None:
    """The count that 'of them' / 'of these' / 'Among N' refers to: the nearest earlier total."""
    limit = part.value if part is not None else Decimal(0)
    si = doc.sentence_of(p)
    first_para = doc.sentences[si].paragraph if si >= 0 else 0
    cands = [
        f for f in doc.figures
        if f.quantity.start < p.quantity.start and f.kind in AMOUNT_KINDS and f is not part
        and not doc.in_parens(f) and abs(f.value) > abs(limit)
        and first_para - doc.sentences[doc.sentence_of(f)].paragraph <= 2
        and not _is_population(doc, f)
    ]
    return cands[-1] if cands else None


def _resolve_whole(doc: Doc, p: Figure, part: Figure, *, require_consistent: bool = False) -> Figure | None:
    """The whole of a share: an earlier total; one that agrees is preferred over the nearest."""
    si = doc.sentence_of(p)
    para = doc.sentences[si].paragraph if si >= 0 else 0
    cands = [
        f for f in doc.figures
        if f.quantity.start < min(p.quantity.start, part.quantity.start) and f.kind is part.kind
        and f is not part and abs(f.value) > abs(part.value)
        and para - doc.sentences[doc.sentence_of(f)].paragraph <= 2
    ]
    if not cands:
        return None
    sibling = _sibling_whole(doc, p, part)
    # "of these offenses" points back at the latest total; "of the total", "of the teaching staff"
    # name one, and are matched by noun below
    if _DEMONSTRATIVE.search(doc.after(p, 30)) or _DEMONSTRATIVE.search(doc.after(part, 30)):
        # "84.3% of these offenses": "these" names the latest total, not a sibling's whole
        sibling = _referent(doc, p, part) or sibling
    # a comparison value ("14,442 ... compared with 14,429 in 2024") is tried after the others
    ordered = ([sibling] if sibling is not None else []) + sorted(reversed(cands), key=lambda f: f.id in doc.used_as_old)
    for f in ordered:
        if check_share(p, part, f).verdict is Verdict.consistent:
            return f
    if require_consistent:
        return None
    if sibling is not None:
        return sibling
    # Nothing agrees: the nearest earlier total that is not bracketed, not a population, and
    # not the comparison value of a change ("197,133 ... compared with 161,975"); one whose
    # counted noun the text names ("of the accidents registered") goes first.
    structural = [f for f in cands if not doc.in_parens(f) and not _is_population(doc, f, strict=True)
                  and f.id not in doc.used_as_old]
    # the noun is the first or the second word: "of the accidents registered", "of the recorded crimes"
    noun = None
    for f in (p, part) if p.quantity.end < part.quantity.end else (part, p):
        noun = noun or re.match(r"^[\s,]*(?:or\s+[\d.,%\s]+,?\s*)?of\s+(?:the|all|these|those)\s+([a-z-]{3,})(?:\s+([a-z]{3,}))?",
                                doc.after(f, 50), re.I)
    words = list(noun.groups()) if noun else []
    if words and (words[0] or "").lower() in ("total", "overall"):
        words = [_unit_head(part)]  # "731 accidents, or 41.6% of the total": the total of the part's noun
    for word in words:
        named = [f for f in structural if _counts(f, word)]
        if named:
            return named[-1]
    # the text names a whole ("of the crimes"), introduces one ("Among 14,228 crimes, 94.2% or
    # 14,058", "47,124,842, of whom 26,418,754, or 51.06%"): the nearest such earlier total; it
    # names none ("24 (33%) ill students had ..."): a whole found by position alone is no finding
    if structural and noun:
        return structural[-1]
    same = [f for f in structural if doc.sentence_of(f) == si]
    introduced = [f for f in same if re.search(r"\b(among|of|out\s+of)\s+(the\s+|all\s+|these\s+|a\s+total\s+of\s+)?$",
                                               doc.before(f, 25), re.I)]
    if introduced:
        return introduced[-1]
    if same and re.search(r"\b(of\s+whom|of\s+which|of\s+them|among\s+them|among\s+whom)\s*,?\s*$", doc.before(part, 25), re.I):
        return same[-1]
    # "... recorded 1,000 permits. Of these, 310 permits, or 27%, were refused."
    lead = doc.text[doc.sentences[si].start : min(p.quantity.start, part.quantity.start)]
    if structural and re.match(r"^\W*(of|among|from|out\s+of)\s+(these|them|those|this\s+\w+|these\s+\w+)\b", lead, re.I):
        return structural[-1]
    return None


def _noun_stem(word: str | None, n: int = 5) -> str:
    """The first letters of a noun, plural or not: 'accidents' -> 'accid' (what units are matched by)."""
    return (word or "").lower().rstrip("s")[:n]


def _counts(f: Figure, word: str | None, n: int = 5) -> bool:
    """Whether `f`'s unit is the thing `word` names ("of the accidents registered" and 1,846 accidents)."""
    stem = _noun_stem(word, n)
    return bool(stem) and stem in (f.quantity.unit or "").lower()


#: Nouns a count names by its verb: "212 people died" counts deaths, "2,390 were injured" injuries.
_NOUN_VERBS = {"death": ("died", "killed", "dead"), "injur": ("injured", "hurt", "wounded"), "birth": ("born",),
               "arres": ("arrested", "detained")}


def _named_after(doc: Doc, f: Figure, noun: str) -> bool:
    """Whether the words right after `f` name `noun`, or the verb of its events: '212 people died'
    and 'of the deaths'."""
    after = doc.after(f, 30).lower()
    stem = _noun_stem(noun)
    return stem in after or any(re.search(rf"^\W*(?:[a-z]+\s+){{0,2}}?(?:were\s+|was\s+)?{v}\b", after)
                                for v in _NOUN_VERBS.get(stem, ()))


def _unit_head(f: Figure) -> str:
    words = (f.quantity.unit or "").lower().split()
    return words[-1].rstrip("s") if words else ""


def _heads_agree(a: Figure, b: Figure) -> bool:
    """Whether two figures can count the same things: their units' head words agree, or one has none."""
    ha, hb = _unit_head(a), _unit_head(b)
    return not ha or not hb or ha == hb


def _sibling_whole(doc: Doc, p: Figure, part: Figure) -> Figure | None:
    """The whole of the nearest earlier share in this sentence or the one before."""
    si = doc.sentence_of(p)
    fig = {f.id: f for f in doc.figures}
    best = None
    for pid, (_pt, wid) in doc.shares.items():
        other = fig[pid]
        if other.quantity.start < p.quantity.start and 0 <= si - doc.sentence_of(other) <= 1:
            w = fig[wid]
            pt = fig.get(_pt) if _pt else None
            if (pt is not None and pt.quantity.end <= part.quantity.start and abs(pt.value) > abs(part.value)
                    and re.search(r"\b(including|of\s+whom|of\s+which|of\s+these|of\s+them|among\s+them|among\s+these)\b",
                                  doc.text[pt.quantity.end : part.quantity.start], re.I)):
                w = pt  # "1,727 (89.8%) were open, including 1,397 (81.1%) ...": nested, the earlier part is the whole
            if (pt is not None and doc.sentence_of(other) != si and abs(pt.value) > abs(part.value) and pt.quantity.unit and part.quantity.unit
                    and _unit_head(pt) != _unit_head(part)):
                w = pt  # "of whom 26,418,754 voted ... 23,131,324 ballots were valid": nested, not siblings
            if abs(w.value) > abs(part.value) and (best is None or other.quantity.start > best[0]):
                best = (other.quantity.start, w)
    return best[1] if best else None


def _index_share(doc: Doc, si: int, figs: list[Figure], p: Figure) -> bool:
    """'3089 cases were registered and 1386 solved. The case-solving index is 44.87%.'"""
    s = doc.sentences[si]
    if not _INDEX_CUE.search(doc.text[max(s.start, p.quantity.start - 60) : p.quantity.start]):
        return False
    own = [f for f in figs if f.kind in AMOUNT_KINDS and f.quantity.start < p.quantity.start]
    if re.search(r"\b(to|reach\w*)\s+$", doc.before(p, 12)):
        return False  # "the detection rate rose by 4% to 71.5%": the level after a change, not a share
    prev: list[Figure] = []
    if si > 0 and doc.sentences[si - 1].paragraph >= s.paragraph - 1:
        prev = [f for f in doc.in_sentence(si - 1) if f.kind in AMOUNT_KINDS]
    used = _used_in_changes(doc)
    pool = [f for f in prev + own if not doc.in_parens(f) and f.id not in used]
    if len(pool) < 2 or len(own) > 2:
        return False
    whole, part = pool[-2], pool[-1]
    if not whole.value:
        return False  # a whole of 0 is none
    check = check_share(p, part, whole)
    # the part and whole are guessed from where they stand: a "solving index" is always the
    # solved over the registered, but a rate or a share ("the response rate was 61%") is taken
    # only when the two figures before it agree
    cue = _INDEX_CUE.search(doc.text[max(s.start, p.quantity.start - 60) : p.quantity.start])
    if check.verdict is not Verdict.consistent and cue.group(1).lower() != "index":
        return False
    doc.shares[p.id] = (part.id, whole.id)
    doc.add(check)
    return True


def _link_share_groups(doc: Doc) -> None:
    """Shares of one whole in one passage: they total at most 100%, and a full partition's parts
    add up to the whole."""
    by_whole: dict[str, list[str]] = {}
    for pid, (_part, whole) in doc.shares.items():
        by_whole.setdefault(whole, []).append(pid)
    fig = {f.id: f for f in doc.figures}
    for whole_id, pids in by_whole.items():
        pcts = sorted((fig[p] for p in pids), key=lambda f: f.quantity.start)
        groups: list[list[Figure]] = []
        for f in pcts:
            if groups and (
                doc.sentence_of(f) == doc.sentence_of(groups[-1][-1])
                or doc.sentence_of(f) - doc.sentence_of(groups[-1][-1]) == 1
                and sum((abs(g.value) for g in groups[-1]), Decimal(0)) < 99
            ):
                groups[-1].append(f)
            else:
                groups.append([f])
        for g in groups:
            if len(g) < 2:
                continue
            counted = [fig[doc.shares[f.id][0]] for f in g if doc.shares[f.id][0]]
            if len(counted) == len(g) and sum((abs(c.value) for c in counted), Decimal(0)) > abs(fig[whole_id].value) * Decimal("1.1"):
                # "Among the 100 persons, 86 (86%) owned farm animals, and 45 (45%) became ill": the
                # counts themselves overlap, by far more than a slip ("11,849 and 2,236 of 14,058"),
                # so the shares are no partition of one whole
                continue
            doc.add(check_percent_sum(g))
            face = sum((abs(f.value) for f in g), Decimal(0))
            if face != 100:
                continue
            first = g[0].quantity.start
            end_sentence = doc.sentences[doc.sentence_of(g[-1])].end
            parts_ids = [doc.shares[f.id][0] for f in g]
            if all(parts_ids):
                parts = [fig[i] for i in parts_ids if i]
            else:
                parts = [f for f in doc.figures if first <= f.quantity.start < end_sentence
                         and f.kind in AMOUNT_KINDS and doc.in_parens(f)]
                last_part = parts_ids[-1]
                if last_part and fig[last_part] not in parts:
                    parts.append(fig[last_part])
            if len(parts) >= 2 and whole_id not in {p.id for p in parts}:
                doc.add(check_sum(parts, fig[whole_id]))


# --- parts and wholes ------------------------------------------------------------------------

_INCLUDING = re.compile(r"(,|\(|\s)\s*(including|of\s+which|out\s+of\s+which|of\s+whom|of\s+them|among\s+them|from\s+that|among\s+which)\s+(some\s+|about\s+)?$", re.I)


def _link_part_whole(doc: Doc) -> None:
    """'6,055 citizens, including 4,468', 'four of the six', 'In particular, ...' sentences."""
    for si, _s in enumerate(doc.sentences):
        figs = doc.in_sentence(si)
        amounts = [f for f in figs if f.kind in AMOUNT_KINDS]
        for j, part in enumerate(amounts):
            if j == 0:
                continue
            before = doc.text[amounts[j - 1].quantity.end : part.quantity.start]
            if _INCLUDING.search(before) or re.search(r"\b(including|of\s+which|of\s+whom)\s+(some\s+)?$", before, re.I):
                whole = amounts[j - 1]
                if part.kind == whole.kind and not _in_share(doc, part, whole):
                    doc.add(check_part_whole(part, whole))
                    # "including 9,812 to citizens of A and 4,306 to citizens of B": each one listed
                    for nxt in amounts[j + 1 :]:
                        if nxt.kind is not part.kind or not re.fullmatch(r"[^\d.;()]{0,50}(,|\band\b)\s*", doc.gap(part, nxt)):
                            break
                        if not _in_share(doc, nxt, whole):
                            doc.add(check_part_whole(nxt, whole))
                        part = nxt
        for j in range(len(amounts) - 1):
            a, b = amounts[j], amounts[j + 1]
            if re.match(r"^\s*of\s+the\s+$", doc.gap(a, b), re.I) and a.kind == b.kind:
                doc.add(check_part_whole(a, b))
        for j in range(len(amounts) - 1):
            whole, part = amounts[j], amounts[j + 1]
            if (_SOLVED.match(doc.after(part, 50)) and _REGISTERED.search(doc.text[max(0, whole.quantity.start - 60) : part.quantity.start])
                    and part.kind == whole.kind and not _in_share(doc, part, whole) and not doc.in_parens(part)):
                doc.add(check_part_whole(part, whole))
        _of_them(doc, si, amounts)
        _after_share_part(doc, amounts)
        _alone_part(doc, si, amounts)
        # "In particular, Robbery declined ..., from 123 to 93": parts of the previous from-to pair.
        lead = doc.text[doc.sentences[si].start : doc.sentences[si].start + 40]
        if si > 0 and re.match(r"^\W*(in\s+particular|of\s+these|of\s+them|among\s+them|including)\b", lead, re.I):
            mine = _from_to_pair(doc, si)
            theirs = _from_to_pair(doc, si - 1)
            if mine and theirs:
                for part, whole in zip(mine, theirs, strict=True):
                    doc.add(check_part_whole(part, whole))


_OF_THEM_AFTER = re.compile(r"^\s*(of\s+(them|these|those|whom)|of\s+the\s+([a-z-]{3,})(?:\s+([a-z]{3,}))?)\b(?!\s*[\d$€£])", re.I)
_OUT_OF_LEAD = re.compile(r"^\W*(out\s+of|of|among)\s+(the\s+|all\s+)?$", re.I)
_OF_THE_NOUN_LEAD = re.compile(r"^\W*(out\s+of|of|among)\s+(the|all|these|those)\s+(?:[a-z-]+\s+){0,2}?([a-z]{3,})\s*,\s*$", re.I)


def _lead_whole(doc: Doc, s: Span, amounts: list[Figure], j: int) -> Figure | None:
    """'Out of 6,940 prisoners, 1,310 worked ...'; 'Of the 6,480 applicants, 1,620 (25%) were
    granted protection and 3,890 were refused': the whole the sentence opens with, for each count
    of its clauses."""
    first = amounts[0]
    if not _OUT_OF_LEAD.match(doc.text[s.start : first.quantity.start]):
        return None
    if not re.fullmatch(r"\s+[^,.;\d]{0,60},\s*", doc.worded_gap(first, amounts[1])):
        return None
    if j > 1 and not re.search(r"(,|\band\b|;)\s*$", doc.gap(amounts[j - 1], amounts[j]).split(")")[-1]):
        return None
    return first


def _of_them(doc: Doc, si: int, amounts: list[Figure]) -> None:
    """Parts named as parts of an earlier whole: '412 judges ..., 231 of them women';
    'Pedestrians accounted for 52 of the deaths'; 'Out of 6,940 prisoners, 1,310 worked';
    'Of the new cases, 118 were multidrug-resistant'."""
    s = doc.sentences[si]
    shared = {(part, whole) for part, whole in doc.shares.values()}
    in_share = {pt for pt, _w in shared if pt} | set(doc.shares)

    def earlier(part: Figure, noun: str | None) -> Figure | None:
        lo = doc.sentences[max(0, si - (2 if noun else 1))].start
        # the whole the words point at, whatever its size: a part larger than it is the finding
        cands = [f for f in doc.figures if lo <= f.quantity.start < part.quantity.start and f.kind is part.kind
                 and not doc.in_parens(f) and f.id not in doc.used_as_old and not _is_population(doc, f, strict=True)]
        if noun:
            cands = [f for f in cands if _counts(f, noun) or _named_after(doc, f, noun)]
        return cands[-1] if cands else None

    for j, part in enumerate(amounts):
        if part.id in in_share or doc.in_parens(part) or part.kind is K.MEASURE:
            continue
        if re.search(r"\d\s*(to|[-–—])\s*$", doc.before(part, 8)):
            continue  # the second end of a range ("150 to 300 meters of the roadway")
        whole = None
        m = _OF_THEM_AFTER.match(doc.after(part, 40))
        lead = doc.text[s.start : part.quantity.start]
        if m:
            # the noun is the first or the second word: "of the deaths and ...", "of the new cases"
            whole = earlier(part, None) if m.group(2) else (earlier(part, m.group(3)) or (
                earlier(part, m.group(4)) if m.group(4) else None))
        elif j > 0 and (lead_whole := _lead_whole(doc, s, amounts, j)) is not None:
            whole = lead_whole if abs(lead_whole.value) > abs(part.value) else None
        elif j == 0 and (n := _OF_THE_NOUN_LEAD.match(lead)):
            whole = earlier(part, n.group(3))
        if whole is not None and part.text[:1].isalpha() and abs(part.value) > abs(whole.value):
            whole = None  # "not all six of the sites", after "four sites": small words, no finding
        if whole is not None and part.kind is whole.kind and (part.id, whole.id) not in shared:
            doc.add(check_part_whole(part, whole))
            if m:
                _elided_parts(doc, amounts[j + 1 :], part, whole, in_share)


_ALONE_BEFORE = re.compile(r"^[^\d,;:]{0,60}\balone\b[^\d,;:]{0,30}$", re.I)


def _alone_part(doc: Doc, si: int, amounts: list[Figure]) -> None:
    """A sentence's first figure after "alone" is part of the total the sentence before ends on:
    'Vacancies rose to 25,187. The information technology sector alone advertised 4,930'."""
    if si == 0 or not amounts:
        return
    part = amounts[0]
    if not _ALONE_BEFORE.match(doc.text[doc.sentences[si].start : part.quantity.start]):
        return
    wholes = [f for f in doc.in_sentence(si - 1) if f.kind is part.kind and f.id not in doc.used_as_old
              and not doc.in_parens(f) and not _is_population(doc, f, strict=True)]
    if not wholes:
        return
    whole = wholes[-1]
    # placed by position only: a part larger than its whole is a finding only when both name
    # what they count and it is the same ("1,893 burglaries" is no part of a rate's 166)
    if abs(part.value) <= abs(whole.value) or (_unit_head(part) and _unit_head(part) == _unit_head(whole)):
        doc.add(check_part_whole(part, whole))


_NEXT_CLAUSE_GAP = re.compile(r"^\)?\s*(?:[A-Za-z-]+\s+){1,4}?(?:[A-Za-z-]+)\s*(?:,\s*(?:and\s+)?|and\s+)$")


def _after_share_part(doc: Doc, amounts: list[Figure]) -> None:
    """The clauses that follow a share's bracketed part name more parts of its whole: 'Over 40%
    of them (893) concerned social benefits, 412 concerned the police and 264 the prison service'."""
    share_parts = {pt for pt, _w in doc.shares.values() if pt}
    fig = {f.id: f for f in doc.figures}
    for pid, (pt, wid) in list(doc.shares.items()):
        part = next((f for f in amounts if f.id == pt), None)
        if part is None or not doc.in_parens(part) or fig[pid].quantity.end > part.quantity.start:
            continue
        for nxt in _joined_after(doc, amounts[amounts.index(part) + 1 :], part, _NEXT_CLAUSE_GAP, share_parts):
            doc.add(check_part_whole(nxt, fig[wid]))


#: "... accounted for 52 of the deaths[ and motorcyclists for ]31": the verb and the whole left out.
_ELIDED_PART_GAP = re.compile(r"^(?:\s*of\s+(?:them|these|those|whom|the\s+(?:[a-z-]+\s+){0,2}?[a-z-]+))?"
                              r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:[A-Za-z-]+\s+){1,2}for\s+$", re.I)


def _elided_parts(doc: Doc, rest: list[Figure], part: Figure, whole: Figure, in_share: set[str]) -> None:
    """The parts that follow a part of an earlier whole with its verb and whole left out:
    'Pedestrians accounted for 52 of the deaths, cyclists for 18 and motorcyclists for 31'. The
    first part must follow "for" too, so the "for" of another clause ("and police issued fines
    for 3,100 drivers") is not read as the verb left out."""
    if not re.search(r"\bfor\s+$", doc.before(part, 20), re.I):
        return
    for nxt in _joined_after(doc, rest, part, _ELIDED_PART_GAP, in_share):
        doc.add(check_part_whole(nxt, whole))


def _joined_after(doc: Doc, rest: list[Figure], first: Figure, gap: re.Pattern[str], skip: set[str]) -> list[Figure]:
    """The figures of `rest` that follow `first` one by one, each of its kind, outside brackets,
    not in `skip`, and joined to the one before by text `gap` matches."""
    out: list[Figure] = []
    for nxt in rest:
        if nxt.kind is not first.kind or nxt.id in skip or doc.in_parens(nxt) or not gap.match(doc.gap(out[-1] if out else first, nxt)):
            break
        out.append(nxt)
    return out


_SOLVED = re.compile(r"^\s*([a-z]+\s+){0,2}(were|was|had\s+been|have\s+been|has\s+been|are|is)\s+(solved|cleared|detected|closed|resolved)", re.I)
_REGISTERED = re.compile(r"\b(registered|recorded|reported|committed)\b", re.I)


def _in_share(doc: Doc, a: Figure, b: Figure) -> bool:
    return any(v == (a.id, b.id) for v in doc.shares.values())


def _from_to_pair(doc: Doc, si: int) -> tuple[Figure, Figure] | None:
    figs = [f for f in doc.in_sentence(si) if f.kind in AMOUNT_KINDS]
    for a, b in zip(figs, figs[1:], strict=False):
        if re.search(r"\bfrom\b[^.;]{0,20}$", doc.text[max(0, a.quantity.start - 25) : a.quantity.start], re.I) and re.search(
            r"\bto\b", doc.gap(a, b), re.I
        ):
            return a, b
    return None


def _link_breakdowns(doc: Doc) -> None:
    """'824 people were released from A (449) and B (375)': bracketed parts after a total."""
    for si, _s in enumerate(doc.sentences):
        figs = doc.in_sentence(si)
        for i, total in enumerate(figs):
            if total.kind not in AMOUNT_KINDS or doc.in_parens(total):
                continue
            parts = []
            for f in figs[i + 1 :]:
                if f.kind is K.PERCENT or f.kind is K.CHANGE:
                    break
                if not doc.in_parens(f):
                    break
                if f.kind in AMOUNT_KINDS and re.fullmatch(r"\(\s*", doc.text[f.quantity.start - 1 : f.quantity.start]) \
                        and doc.text[f.quantity.end : f.quantity.end + 1] == ")":
                    parts.append(f)
            if len(parts) >= 2 and not any(doc.shares.get(p.id) for p in parts):
                doc.add(check_sum(parts, total))
                continue
            # "6,218 serious crimes in 2024 (2,904 serious and 3,414 especially serious)": one bracket
            nxt = figs[i + 1 :]
            if not nxt or not doc.in_parens(nxt[0]) or re.search(r"[.;]", doc.gap(total, nxt[0])):
                continue
            open_at = doc.text.rfind("(", 0, nxt[0].quantity.start)
            if open_at < total.quantity.end or doc.text[open_at + 1 : nxt[0].quantity.start].strip():
                continue
            inside = [f for f in nxt if doc.in_parens(f) and doc.text.rfind("(", 0, f.quantity.start) == open_at]
            described = doc.text[total.quantity.end : open_at].lower()
            # each part named by the words that describe the total ("serious", "especially serious")
            named = all(
                (m := re.match(r"\s*([a-z-]{3,})", doc.after(f, 20).lower())) and m.group(1) in described for f in inside)
            closing = doc.text[inside[-1].quantity.end : doc.text.find(")", inside[-1].quantity.end)] if inside else ""
            if (len(inside) >= 2 and named and all(f.kind is total.kind for f in inside) and "respectively" not in closing
                    and all(re.fullmatch(r"\s+[^\d()=]{0,40}?(,|\band\b)\s*", doc.gap(a, b)) for a, b in zip(inside, inside[1:], strict=False))
                    and not any(doc.shares.get(f.id) for f in inside)):
                doc.add(check_sum(inside, total))


_LIST_GAP = re.compile(r"^[^\d.;:()]{0,60}$")
_STRONG_LIST_CUE = re.compile(r"(^\W*(of|among)\s+(the|those|these|them|which|all)\b[^,;:]{0,80},|\bbroken\s+down|consist\w*\s+of|compris\w*|"
                              r"main\s+items|split\s+(into|between)|divided\s+(into|between)|"
                              r"\bby\s+(age|sex|gender|region|type|category|district|province|county|origin|cause|nationality)"
                              r"(\s+(group|of\s+[a-z]+))?s?\s*,)", re.I)
_WEAK_LIST_CUE = re.compile(r"\b(includ\w*|by\s+[a-z ]+,|are|were|of\s+which|of\s+whom|among\s+them|comprising|consisting)\b", re.I)
# the total after its parts: "1,388 boys and 327 girls, 1,715 in total", "... out of 89,618 valid votes"
_TOTAL_AFTER_GAP = re.compile(r"^\s*,?\s*(out\s+of|of\s+a\s+total\s+of|a\s+total\s+of|totalling|totaling|in\s+all)?\s*(the\s+)?$", re.I)
_TOTAL_AFTER_WORDS = re.compile(r"^\s*([a-z]+\s+){0,2}?(in\s+total|in\s+all|altogether|combined|overall)\b", re.I)


_PARTITION_FOR = re.compile(
    r"\b(received|won|secured|obtained|polled|garnered|took|got|said|answered|replied|divided|split|"
    r"broken\s+down|as\s+follows|distributed|breakdown)\b|\bof\s+(the\s+)?(valid\s+|total\s+|all\s+)?"
    r"(votes?|ballots?(\s+cast)?|seats|the\s+total)\b", re.I)
_PARTITION_AGAINST = re.compile(
    r"\b(among|rates?|prevalence|sensitivity|specificity|coverage|protective|effectiveness|efficacy|likely|odds|"
    r"risks?|each|respectively|compared|versus|vs)\b", re.I)


def _link_lists(doc: Doc) -> None:
    """Listed figures of one sentence: shares of one whole ("A received 71.4%, B 25.3% and C
    2.6% of the valid votes") against 100%, and parts ("Of the recorded crimes, 4,568 thefts,
    2,457 frauds and 2,887 other offences") against the total stated before them."""
    for si, s in enumerate(doc.sentences):
        figs = doc.in_sentence(si)
        # an age that qualifies an item ("8,268 children under five, 30,293 pupils"), or an item's
        # bracketed share ("48,216 votes (53.8%) and B 41,402 (46.2%)"), is no item
        qualifiers = [f for f in figs if f.kind is K.OTHER or _is_qualifier(doc, f, figs)
                      or f.kind is K.PERCENT and doc.in_parens(f) and re.fullmatch(r"\(\s*", doc.text[f.quantity.start - 1 : f.quantity.start])]
        figs = [f for f in figs if f not in qualifiers]
        if len(figs) < 2:
            continue
        lists: list[list[Figure]] = [[figs[0]]]
        for a, b in zip(figs, figs[1:], strict=False):
            gap = doc.gap(a, b)
            for x in qualifiers:
                if a.quantity.end <= x.quantity.start < b.quantity.start:
                    gap = gap.replace(f"({x.text})", "", 1).replace(x.text, "", 1)
            # "...; the remaining 6,827 were serving sentences", "...; 3 remain under investigation"
            remaining = re.fullmatch(r"[^\d.:()]{0,60};\s*(the\s+)?(remaining|rest|other)\b[^\d.;:()]{0,20}", gap, re.I) or (
                re.fullmatch(r"[^\d.:()]{0,60};\s*", gap) and re.match(r"\s*(remain|are\s+still|were\s+still)", doc.after(b, 20), re.I))
            if (b.kind is a.kind and (_LIST_GAP.match(gap) and re.search(r",|\band\b", gap) or remaining) and not doc.in_parens(b)
                    and not _PART_OF_GAP.search(gap)):
                lists[-1].append(b)
            else:
                lists.append([b])
        for items in lists:
            if len(items) < 2:
                continue
            values = [f.value for f in items]
            if all(abs(v) < 20 for v in values) and all(b - a == 1 for a, b in zip(values, values[1:], strict=False)):
                continue  # "having 0, 1, 2, 3 or 4 conditions": values counted through, no parts
            kind = items[0].kind
            if kind is K.PERCENT:
                # shares followed each by "of ..." name their own bases: no common whole ("won 38.2%
                # of the vote, B 27.5%, ..." names one, once)
                if sum(bool(re.match(r"^\s*of\b", doc.after(f, 10), re.I)) for f in items) > 1:
                    continue
                # a share with its own part is summed with the others of its whole (share
                # groups); one whose whole was only inferred ("... and 39.7% of the valid
                # votes") still names the list's common base
                if any(doc.shares.get(f.id, (None, None))[0] is not None for f in items):
                    continue
                # listed percents are shares of one whole only when the text says so ("A received
                # 26.1%, B 34.2% and C 39.7% of the valid votes"); "63% were female, 61% were
                # White", "a sensitivity of 80.0% and a specificity of 98.9%", "56.9% among Asian
                # students, 48.8% among ..." each have their own base and add up to nothing
                span = doc.text[s.start : min(s.end, items[-1].quantity.end + 40)]
                # "Of the 2.63 million employed, services employed 71.4%, industry 19.8%, ...": the
                # whole first, then categories each named before its share (not "38% were small")
                named_first = bool(re.match(r"^\W*(of|among)\s+(the|all)\s+[\d$€£]", span, re.I)) and all(
                    re.match(r"^\s*(,|and\b|\.|;|$)", doc.after(f, 6)) for f in items) and all(
                    re.search(r"[A-Za-z]{3,}\s+$", doc.gap(a, b)) for a, b in zip(items, items[1:], strict=False))
                attributes = sum(bool(re.match(r"^\s*(were|was|had|have|has|are|is)\b", doc.after(f, 8), re.I)) for f in items) >= 2
                if (not (_PARTITION_FOR.search(span) or named_first) or _PARTITION_AGAINST.search(span)
                        or attributes and not re.search(r"\b(said|answered|replied)\b", span, re.I)):
                    continue  # "Of the total population, 68.1% were aged 50-65, 52.3% were women": attributes
                doc.add(check_percent_sum(items))
            elif kind in AMOUNT_KINDS and not any(f.id in doc.used_as_old for f in items):
                if len(items) >= 3 and _TOTAL_AFTER_WORDS.match(doc.after(items[-1], 30)):
                    # "1,388 boys and 327 girls, 1,715 in total": the last item is the total
                    if abs(items[-1].value) > max(abs(f.value) for f in items[:-1]):
                        doc.add(check_sum(items[:-1], items[-1]))
                    continue
                if _total_after(doc, si, items):
                    continue
                lead = doc.text[s.start : items[0].quantity.start]
                tail = doc.text[items[-2].quantity.end : items[-1].quantity.end + 25]
                inner = doc.text[items[0].quantity.end : items[-1].quantity.start]
                cue = _STRONG_LIST_CUE.search(lead)
                colon = lead.rfind(":")
                # a breakdown's cue: "Of the recorded crimes, ...", "By age group, ...", a colon
                # after the total ("128,450 cases in 2024: 71,300 civil, ..."), "of the total"
                before = s.start + cue.end() if cue else items[0].quantity.start
                if colon >= 0 and not re.search(r"\d", lead[colon:]):
                    before = s.start + colon
                strong = (bool(cue) or colon >= 0 and before == s.start + colon
                          # "and 2,887 other offences", "the remaining 255", "3 remain under investigation"
                          or bool(re.match(r"\s*(other|more|remain)", doc.after(items[-1], 12), re.I))
                          or bool(re.search(r"\b(the\s+)?(other|remaining|rest\s+of\s+the)\s*$", doc.before(items[-1], 20), re.I))
                          or bool(re.search(r"\bof\s+the\s+total\b", inner, re.I)))
                if not strong and not _WEAK_LIST_CUE.search(lead):
                    continue
                share_parts = {pt for pt, _w in doc.shares.values() if pt}
                if all(f.id in share_parts for f in items):
                    continue  # "81,083 (98%) ..., 335 (less than 1%) ... and 1,346 (2%)": the share groups sum them
                # the total comes before the cue ("By age group, the cases included 8,268 ..."): a
                # figure after it is one of the items
                _list_total(doc, si, items, strong, before=before, same_sentence=colon >= 0 and before == s.start + colon)


# a part-whole connector between two figures: the list of parts starts after it ("14,260
# animals, of which 8,310 roe deer, ...") or its total follows ("..., out of 89,618")
_PART_OF_GAP = re.compile(r"\b(of\s+which|of\s+whom|out\s+of|including|among\s+(them|whom)|a\s+total\s+of|totall?ing)\b", re.I)


def _total_after(doc: Doc, si: int, items: list[Figure]) -> bool:
    """Parts then their total in one sentence: '1,388 boys and 327 girls, 1,715 in total';
    'A received 48,216 votes (53.8%) and B 41,402 (46.2%), out of 89,618 valid votes'."""
    later = [f for f in doc.in_sentence(si) if f.quantity.start > items[-1].quantity.end and f.kind is items[0].kind
             and not doc.in_parens(f)]
    if not later:
        return False
    total = later[0]
    gap = doc.text[items[-1].quantity.end : total.quantity.start]
    gap = re.sub(r"\s*\([^()]*\)", "", gap)  # "41,402 (46.2%), out of": the bracketed share is no part of the gap
    gap = re.sub(r"^\s+[a-z]+(\s+[a-z]+)?(?=\s*,)", "", gap, flags=re.I)  # "327 girls, 1,715": the counted noun
    m = _TOTAL_AFTER_GAP.match(gap)
    if m is None or not (m.group(1) or _TOTAL_AFTER_WORDS.match(doc.after(total, 30))):
        return False
    if abs(total.value) <= max(abs(f.value) for f in items):
        return False
    doc.add(check_sum(items, total))
    return True


_AGE_BEFORE = re.compile(r"\b(under|over|aged|above|below|older\s+than|younger\s+than)\s*$", re.I)


def _is_qualifier(doc: Doc, f: Figure, figs: list[Figure]) -> bool:
    """An age after a counted noun ("children under five", "adults aged 18-64", "people over 65")."""
    if abs(f.value) >= 130 or f.kind not in (K.COUNT, K.MEASURE):
        return False
    before = doc.before(f, 25)
    if _AGE_BEFORE.search(before):
        return True
    # the second end of an age range: "aged 18-64"
    prv = next((g for g in reversed(figs) if g.quantity.end <= f.quantity.start), None)
    return (prv is not None and re.fullmatch(r"\s*[-–]\s*|\s+to\s+", doc.gap(prv, f)) is not None
            and _AGE_BEFORE.search(doc.before(prv, 25)) is not None)


def _list_total(doc: Doc, si: int, parts: list[Figure], strong: bool, *, before: int, same_sentence: bool = False) -> None:
    biggest = max(abs(f.value) for f in parts)
    first = doc.sentences[si if same_sentence else max(0, si - 2)].start
    cands = [f for f in doc.figures if first <= f.quantity.start < min(before, parts[0].quantity.start) and f.kind is parts[0].kind
             and abs(f.value) > biggest and not doc.in_parens(f) and f.id not in doc.used_as_old
             and not _is_population(doc, f, strict=True)]
    if not cands:
        return
    for total in reversed(cands):
        check = check_sum(parts, total)
        if check.verdict is Verdict.consistent:
            doc.add(check)
            return
    rest = doc.text[parts[-1].quantity.end : doc.sentences[si].end]
    if re.search(r"\b(remaining|remainder|rest)\b", rest, re.I) and not re.search(r"\d", rest):
        return  # "... and 3,890 were refused; the remaining cases are pending": the parts are not all
    if strong and sum((abs(f.value) for f in parts), Decimal(0)) < abs(cands[-1].value) / 2 and not re.search(
            r"\b(other|remaining|rest)\b", doc.text[parts[0].quantity.start : parts[-1].quantity.end + 20], re.I):
        return  # "2,256 articles. Of these, 32 underwent review and 15 met the criteria": a funnel, no breakdown
    if strong:
        # "Police solved 61.5%, or 20,876, of the crimes recorded. Of the recorded crimes, ...":
        # the part of a share is a subset, the list's total is the nearest figure that is none
        # ("Of those placed, ..." after "found jobs for 36.8%, or 53,963": "those" is the part itself)
        lead = doc.text[doc.sentences[si].start : parts[0].quantity.start]
        share_parts = set() if re.search(r"\bof\s+(those|these|them|which|whom)\b", lead, re.I) else {
            part for part, _whole in doc.shares.values() if part}
        doc.add(check_sum(parts, next((c for c in reversed(cands) if c.id not in share_parts), cands[-1])))


_BALANCE_BEFORE = re.compile(
    r"\b(net\s+(?:[a-z]+\s+){0,2}?(?:of\s+)?|(?:a|the)\s+(?:budget\s+)?(?:deficit|surplus|shortfall|balance)\s+of\s+)$", re.I)


def _link_balances(doc: Doc) -> None:
    """A balance of two figures: 'expenditure of EUR 18.4 billion and revenue of EUR 17.1 billion,
    leaving a deficit of EUR 1.5 billion'; '24,810 people moved in and 21,660 left, giving net
    migration of 3,150': the smaller and the balance add up to the larger."""
    for si, _s in enumerate(doc.sentences):
        figs = doc.in_sentence(si)
        for i, c in enumerate(figs):
            if c.kind not in (K.COUNT, K.MONEY) or not _BALANCE_BEFORE.search(doc.before(c, 40)):
                continue
            prior = [f for f in figs[:i] if f.kind is c.kind and not doc.in_parens(f)]
            if len(prior) < 2 or any(f.kind is K.PERCENT for f in figs[figs.index(prior[-2]) : i]):
                continue
            a, b = prior[-2], prior[-1]
            big, small = (a, b) if abs(a.value) >= abs(b.value) else (b, a)
            if abs(c.value) >= abs(big.value):
                continue
            doc.add(check_sum([small, c], big))


# --- rates -----------------------------------------------------------------------------------


def _is_population(doc: Doc, f: Figure, *, strict: bool = False) -> bool:
    """A figure that is a population ("a resident population of 1,608,998", "10 million
    inhabitants"); `strict` leaves out "people" and "citizens", which are often counted."""
    if _POP_BEFORE.search(doc.before(f, 40)):
        return True
    m = _POP_AFTER.match(doc.after(f, 20))
    return bool(m) and (not strict or m.group(1).lower() in ("inhabitants", "residents", "population"))


def _rate_base(doc: Doc, r: Figure) -> Decimal | None:
    window = doc.text[max(0, r.quantity.start - 120) : r.quantity.end + 60]
    unit = r.quantity.unit or ""
    m = _PER_BASE.search(unit) or None
    if m is None:
        ms = list(_PER_BASE.finditer(window))
        if not ms:
            return None
        centre = r.quantity.start - max(0, r.quantity.start - 120)
        m = min(ms, key=lambda x: abs(x.start() - centre))
    token = re.sub(r"[,\s]", "", m.group(1).lower())
    if token in _BASES:
        return _BASES[token]
    if token == "100thousand":
        return Decimal(100000)
    return Decimal(token)


def _link_rates(doc: Doc) -> None:
    """A per-N rate against its count and a population (text, reference, option, World Bank)."""
    for r in doc.figures:
        if r.kind is not K.RATE:
            continue
        window = doc.text[max(0, r.quantity.start - 150) : r.quantity.end + 80].lower()
        if re.search(r"age[- ]adjusted|age[- ]standardi[sz]ed", window):
            continue
        base = _rate_base(doc, r)
        if base is None and _base_noun(doc, r) and re.match(r"^\s*[a-z]+\s+per\s+(each\s+|a\s+)?[a-z]", doc.after(r, 40), re.I):
            base = Decimal(1)  # "a ratio of 13.8 pupils per teacher"
        if base is None:
            continue
        counts = _rate_count(doc, r)
        if not counts:
            continue
        found_any = False
        count = counts[0]
        pops = _populations(doc, r)
        rates_here = [f for f in doc.in_sentence(doc.sentence_of(r)) if f.kind is K.RATE]
        if pops and pops[0].token == "ref:population" and (len(rates_here) > 1 or _SUBGROUP.search(
                doc.text[max(0, r.quantity.start - 70) : r.quantity.end + 40])):
            # "the crude suicide rate for males (19.2 per 100,000)", "persons aged 10-19 years (6.9
            # per 100,000)": a rate of a part of the country is not the country's count over the
            # country's population
            continue
        for pop in pops:
            found_any = True
            # the nearest plausible count, unless the population is stated to the unit and a later
            # count gives the rate ("780 people died and 2,920 were injured. With a population of
            # 3,437,832, ... a road death rate of 22.7"); a rounded population ("10 million")
            # fits too many counts for agreement to say which one is meant
            fits = [c for c in counts if c.id != pop.token and _plausible(r, c, pop, base)]
            exact = pop.interval.hi - pop.interval.lo <= pop.interval.lo / 1000
            fit = next((c for c in fits if exact and check_rate(r, c, pop, base).verdict is Verdict.consistent),
                       fits[0] if fits else None)
            if fit is not None:
                count = fit
                doc.add(check_rate(r, fit, pop, base))
        d = derive_population(r, count, base)
        if d is not None:
            doc.derived.append(d)
        if not found_any:
            doc.add(
                Check(
                    kind=CheckKind.rate,
                    quantities=[r.id, count.id, "ref:population"],
                    verdict=Verdict.unverifiable,
                    explanation=f"{r.text} per {fmt(base, 0)} against {count.text}: no population is stated, given "
                    f"(--population, --reference) or known for the place and year; {d.explanation if d else ''}",
                )
            )


_SUBGROUP = re.compile(
    r"\b(aged|ages?|males?|females?|men|women|boys|girls|children|adolescents|adults|infants|youths?|among|black|"
    r"white|hispanic|asian|rural|urban|regional|provincial|state-specific|county|district|range)\b", re.I)


def _rate_count(doc: Doc, r: Figure) -> list[Figure]:
    si = doc.sentence_of(r)
    para = doc.sentences[si].paragraph if si >= 0 else 0
    # "861 people died": people are counted; only a figure named a population is left out
    cands = [f for f in doc.figures if f.kind is K.COUNT and not _is_population(doc, f, strict=True)
             and not doc.in_parens(f) and abs(doc.sentences[doc.sentence_of(f)].paragraph - para) <= 1]
    # the nearest count before the rate in its paragraph, else the nearest after it; among
    # them the first whose implied population is plausible (see _plausible)
    before = [f for f in cands if f.quantity.start < r.quantity.start
              and doc.sentences[doc.sentence_of(f)].paragraph == para]
    after = [f for f in cands if f.quantity.start > r.quantity.start]
    # "held 7,215 prisoners ...\n\nWith a population of 3,380,000, the rate was 213": the
    # paragraph before comes after this one's figures
    earlier = [f for f in cands if f.quantity.start < r.quantity.start and f not in before]
    return [*reversed(before), *after, *reversed(earlier)]


#: A stated rate whose implied population is further than this factor from the population
#: used is taken to be linked to the wrong count, not to be wrong.
PLAUSIBLE_FACTOR = Decimal(4)


def _plausible(r: Figure, count: Figure, pop: Population, base: Decimal) -> bool:
    if not r.value:
        return False
    implied = abs(count.value) / abs(r.value) * base
    return pop.interval.lo / PLAUSIBLE_FACTOR <= implied <= pop.interval.hi * PLAUSIBLE_FACTOR


def _base_noun(doc: Doc, r: Figure) -> str | None:
    """The noun a rate's base counts: 'per 1,000 live births' -> 'birth', 'per 100,000 workers' ->
    'worker', 'pupils per teacher' -> 'teacher' (None for people: inhabitants, residents, population)."""
    m = re.match(r"^\s*(?:[a-z]+\s+)?per\s+(?:each\s+|a\s+)?(?:[\d,.\s]+(?:thousand|million)?\s*)?(?:[a-z-]+\s+)?([a-z]{3,})",
                 doc.after(r, 60), re.I)
    if m is None:
        return None
    noun = m.group(1).lower()
    if noun in ("inhabitants", "inhabitant", "residents", "resident", "population", "people", "persons", "capita", "head",
                "year", "month", "week", "day", "cent"):
        return None
    return noun.rstrip("s")


def _populations(doc: Doc, r: Figure) -> list[Population]:
    out = []
    noun = _base_noun(doc, r)
    if noun:
        # the base is a stated count of something else: "163 infants died ..., 3.3 per 1,000 live
        # births" over the 48,930 births; "With 2,218,000 insured workers, ... per 100,000 workers"
        named = [f for f in doc.figures if f.kind is K.COUNT and f.id != r.id and abs(doc.sentence_of(f) - doc.sentence_of(r)) <= 2
                 and noun[:5] in ((f.quantity.unit or "") + " " + doc.after(f, 25)).lower()]
        if named:
            f = min(named, key=lambda f: (noun[:5] not in (f.quantity.unit or "").lower(), f.id in doc.used_as_old,
                                          f.quantity.start > r.quantity.start, abs(f.quantity.start - r.quantity.start)))
            return [Population(f.interval, f.id, f"the {noun}s stated in the text, {f.printed}")]
    near = [f for f in doc.figures if f.kind is K.COUNT and abs(doc.sentence_of(f) - doc.sentence_of(r)) <= 1]
    # "a resident population of 5,057,459" before "861 people died": a figure named a population
    # first, a number of people only when none is
    f = next((f for f in near if _is_population(doc, f, strict=True)), None) or next(
        (f for f in near if _is_population(doc, f)), None)
    if f is not None:
        out.append(Population(f.interval, f.id, f"the population stated in the text, {f.printed}"))
    ref = doc.reference
    if ref is not None and ref.population:
        lo, hi = Decimal(str(ref.population)), Decimal(str(ref.population_end or ref.population))
        src = ref.population_source or "the document's reference"
        words = "reference population" if not ref.population_source else f"reference: {src[:80]}"
        out.append(Population(Interval(min(lo, hi), max(lo, hi)), "ref:population", words))
    elif doc.population:
        p = Decimal(str(doc.population))
        out.append(Population(Interval.point(p), "ref:population", "the population given with --population"))
    else:
        wb = lookup_population(doc.text, _rate_year(doc, r), source=doc.source)
        if wb is not None:
            out.append(Population(wb.interval, "ref:population", wb.description))
    return out


def _rate_year(doc: Doc, r: Figure) -> int | None:
    si = doc.sentence_of(r)
    s = doc.sentences[si]
    years = [int(y) for y in re.findall(r"\b(19[5-9]\d|20\d\d)\b", doc.text[s.start : s.end])]
    if years:
        return years[-1]
    years = [int(y) for y in re.findall(r"\b(19[5-9]\d|20\d\d)\b", doc.text)]
    if years:
        return max(set(years), key=years.count)
    return None
