"""Relations between the figures of a document: candidates -> link scores -> relations -> checks.

Each step hands the next a typed record, so what flows between any two can be printed:

1. `LinkDoc`: the figures that take part in arithmetic (kinds COUNT, MEASURE, MONEY, PERCENT,
   RATE, CHANGE), in text order, with their sentence and the encoder's vectors.
2. `candidates`: ordered pairs of figures close enough to be related (a few sentences, a
   dozen figures apart), each with the link types its kinds allow (`allowed_links`): these
   are the only rules about which figures may belong together, and they are about kinds,
   not phrasings.
3. A `LinkScorer` (the trained relation head, `numcheck.models.relations`) gives each pair a
   probability for each link type: "a is the part of the percent b", "b is the old level of
   the change a", ... It reads the figures' contextual vectors and the words between them;
   it never sees whether the arithmetic holds, so it can recognise a relation that is wrong.
4. `decode` turns link probabilities into relations under hard constraints (a change has one
   old and one new level of one kind; a share's part and whole are amounts of one kind; items
   of a total are of the total's kind; ...), each with its score.
5. `link_and_check` checks every relation by arithmetic (`numcheck.checks.relation`) and
   abstains: a relation the arithmetic contradicts is a finding (`inconsistent`) only when its
   calibrated score reaches the model's flag threshold, and only when the contradiction reads
   as a printing error (`misprint_judge`: not one that round figures explain, and one more than
   ten times off only when a single slip of the pen does); otherwise the relation is kept in the
   result's `unconfirmed` list, shown to the reader as a question, never as an error. A
   relation the arithmetic confirms is reported from a lower threshold up.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from enum import StrEnum
from typing import Any, Protocol

import numpy as np

from numcheck.checks.chance import agreement_width
from numcheck.checks.figure import Figure, make_figure
from numcheck.checks.relation import Relation, check_relation, is_percent, nearest_year, per_one, rate_base
from numcheck.inference.extractor import TokenStates
from numcheck.inference.text import sentences
from numcheck.schema import Check, CheckKind, Claim, Derived, Document, DocumentResult, Quantity, Reference, Verdict
from numcheck.schema import QuantityKind as K

#: Kinds that take part in arithmetic.
ARITHMETIC = (K.COUNT, K.MEASURE, K.MONEY, K.PERCENT, K.RATE, K.CHANGE)
AMOUNTS = (K.COUNT, K.MEASURE, K.MONEY)
LEVELS = (K.COUNT, K.MEASURE, K.MONEY, K.PERCENT, K.RATE)
#: How far apart two figures of one relation may be: sentences, and figures between them.
MAX_SENTENCES = 4
MAX_FIGURES = 16


class Link(StrEnum):
    """What a figure is to another (pair `a -> b`, read "b is the ... of a")."""

    share_part = "share_part"  # a PERCENT, b the part it is the share of
    share_whole = "share_whole"  # a PERCENT, b the whole
    change_old = "change_old"  # a CHANGE, b the old level
    change_new = "change_new"  # a CHANGE, b the new level
    change_twin = "change_twin"  # a CHANGE in percent, b the same change in absolute terms
    part_of = "part_of"  # a a part (not exhaustive) of the whole b
    item_of = "item_of"  # a one item of an exhaustive breakdown whose total is b
    pct_sibling = "pct_sibling"  # a and b shares in one split of a whole that totals 100%
    rate_count = "rate_count"  # a RATE, b the count it is computed from
    rate_pop = "rate_pop"  # a RATE, b the population it is computed over


LINKS: tuple[Link, ...] = tuple(Link)


@dataclass
class LinkDoc:
    """A document being linked: its text, its arithmetic figures in text order and their context."""

    text: str
    figures: list[Figure]
    sentence: list[int]  # sentence index of each figure
    line: list[int]  # line (paragraph) index of each figure
    states: TokenStates | None
    #: figures excluded from arithmetic by notation (thresholds, durations), by id
    excluded: set[str] = field(default_factory=set)
    #: What the features read many times, worked out once (`_figure_facts`, `_word_spans`, `_pool`).
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def n(self) -> int:
        """The number of figures."""
        return len(self.figures)


@dataclass(frozen=True)
class Pair:
    """A candidate link between figure `a` and figure `b` (indices into `LinkDoc.figures`)."""

    a: int
    b: int
    allowed: tuple[Link, ...]


class LinkScorer(Protocol):
    """Scores candidate pairs: probabilities, shape (pairs, len(LINKS)); disallowed links are 0."""

    def score(self, doc: LinkDoc, pairs: Sequence[Pair]) -> np.ndarray:
        """Link probabilities of each pair."""
        ...


_THRESHOLD_BEFORE = re.compile(r"[<>≤≥]\s*$")
def build_doc(text: str, quantities: Sequence[Quantity], states: TokenStates | None) -> LinkDoc:
    """The arithmetic figures of a text with their sentence and line, in text order.

    A threshold ("<100 mg/dL", "≥65 years") is a bound, not an amount that shares, sums and
    changes are made of.

    >>> t = "Of 2,000 thefts, 450 were car thefts. Levels <100 mg/dL."
    >>> qs = [Quantity(id="q1", start=3, end=8, text="2,000", kind="COUNT"),
    ...       Quantity(id="q2", start=17, end=20, text="450", kind="COUNT"),
    ...       Quantity(id="q3", start=46, end=55, text="100 mg/dL", kind="MEASURE", unit="mg/dL")]
    >>> d = build_doc(t, qs, None)
    >>> [f.text for f in d.figures], d.sentence, sorted(d.excluded)
    (['2,000', '450'], [0, 0], ['q3'])
    """
    sents = sentences(text)
    starts = [s.start for s in sents]
    figures, sent_of, line_of, excluded = [], [], [], set()
    for q in sorted(quantities, key=lambda q: (q.start, q.end)):
        if K(q.kind) not in ARITHMETIC:
            continue
        f = make_figure(q, text)
        if f is None:
            continue
        if _THRESHOLD_BEFORE.search(text[max(0, q.start - 3) : q.start]):
            excluded.add(q.id)
            continue
        si = max(0, bisect.bisect_right(starts, q.start) - 1)
        figures.append(f)
        sent_of.append(si)
        line_of.append(sents[si].paragraph if sents else 0)
    return LinkDoc(text, figures, sent_of, line_of, states, excluded)


def _rate_like(doc: LinkDoc, f: Figure) -> bool:
    # Asked for every candidate pair and anchor; a figure's answer is remembered (by the figure
    # object itself, so one that is no figure of the document is never mistaken for one that is).
    seen = doc.memo.setdefault("rate_like", {})
    hit = seen.get(id(f))
    if hit is None or hit[0] is not f:
        hit = seen[id(f)] = (f, f.kind is K.RATE or (f.kind in AMOUNTS and rate_base(doc.text, f, own=True) is not None))
    return bool(hit[1])


def allowed_links(doc: LinkDoc, a: Figure, b: Figure) -> tuple[Link, ...]:
    """The link types the kinds of `a` and `b` allow for `a -> b`.

    >>> t = "94.4% or 31,526"
    >>> p = make_figure(Quantity(id="q1", start=0, end=5, text="94.4%", kind="PERCENT"), t)
    >>> c = make_figure(Quantity(id="q2", start=9, end=15, text="31,526", kind="COUNT"), t)
    >>> d = LinkDoc(t, [p, c], [0, 0], [0, 0], None)
    >>> [x.value for x in allowed_links(d, p, c)], [x.value for x in allowed_links(d, c, p)]
    (['share_part', 'share_whole'], [])
    """
    ka, kb = a.kind, b.kind
    out: list[Link] = []
    if ka is K.PERCENT and kb in AMOUNTS:
        out += [Link.share_part, Link.share_whole]
    if ka is K.CHANGE and kb in LEVELS:
        out += [Link.change_old, Link.change_new]
    if ka is K.CHANGE and kb is K.CHANGE and is_percent(a) and not is_percent(b):
        out.append(Link.change_twin)
    if ka in (*AMOUNTS, K.PERCENT) and kb is ka and not _rate_like(doc, a) and not _rate_like(doc, b):
        out += [Link.part_of, Link.item_of]
    if ka is K.PERCENT and kb is K.PERCENT:
        out.append(Link.pct_sibling)
    if _rate_like(doc, a) and kb in AMOUNTS and not _rate_like(doc, b):
        out += [Link.rate_count, Link.rate_pop]
    return tuple(out)


def candidates(doc: LinkDoc) -> list[Pair]:
    """Ordered pairs of figures within `MAX_SENTENCES` sentences and `MAX_FIGURES` figures of each
    other that some link type allows; linear in the number of figures."""
    out = []
    for i, a in enumerate(doc.figures):
        lo, hi = max(0, i - MAX_FIGURES), min(doc.n, i + MAX_FIGURES + 1)
        for j in range(lo, hi):
            if j == i or abs(doc.sentence[j] - doc.sentence[i]) > MAX_SENTENCES:
                continue
            allowed = allowed_links(doc, a, doc.figures[j])
            if allowed:
                out.append(Pair(i, j, allowed))
    return out


# --- features ----------------------------------------------------------------------------------

_KIND_INDEX = {k: i for i, k in enumerate(ARITHMETIC)}
_WORD = re.compile(r"[A-Za-z]+|[%()+\-−–:;,]")
#: Hash buckets for the words between two figures and next to them (the gradient-boosted baseline's
#: only view of the words; the neural head reads the encoder's vectors instead).
HASH_BUCKETS = 128


def _unit_head(f: Figure) -> str:
    words = re.findall(r"[a-z]+", (f.quantity.unit or "").lower())
    return words[-1][:5] if words else ""


@dataclass(frozen=True)
class _FigureFacts:
    """What the pair features read of each figure of a document, one entry a figure."""

    kind: np.ndarray  # index into ARITHMETIC
    percent: np.ndarray
    rate_like: np.ndarray
    in_parens: np.ndarray
    signed: np.ndarray  # negative, or printed with a sign
    unit: list[str]  # `_unit_head`


def _figure_facts(doc: LinkDoc) -> _FigureFacts:
    if "facts" not in doc.memo:
        fs = doc.figures
        doc.memo["facts"] = _FigureFacts(
            kind=np.array([_KIND_INDEX[f.kind] for f in fs], dtype=np.int64),
            percent=np.array([is_percent(f) for f in fs], dtype=bool),
            rate_like=np.array([_rate_like(doc, f) for f in fs], dtype=bool),
            in_parens=np.array([_in_parens(doc.text, f.quantity.start) for f in fs], dtype=bool),
            signed=np.array([f.value < 0 or f.text.lstrip()[:1] in "+-−–" for f in fs], dtype=bool),
            unit=[_unit_head(f) for f in fs],
        )
    return doc.memo["facts"]  # type: ignore[no-any-return]


def _gap(doc: LinkDoc, p: Pair) -> tuple[int, int]:
    """The text between the two figures of a pair, as offsets (end before start when they overlap)."""
    qa, qb = doc.figures[p.a].quantity, doc.figures[p.b].quantity
    return (qa.end, qb.start) if qa.start < qb.start else (qb.end, qa.start)


def _word_spans(doc: LinkDoc) -> tuple[list[int], list[int], list[str]]:
    """The `_WORD` matches of the whole text (starts, ends, words), found once for every pair."""
    if "words" not in doc.memo:
        found = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(doc.text)]
        doc.memo["words"] = ([a for a, _, _ in found], [b for _, b, _ in found], [w for _, _, w in found])
    return doc.memo["words"]  # type: ignore[no-any-return]


def _words_in(doc: LinkDoc, lo: int, hi: int) -> list[str]:
    """`_WORD.findall(doc.text[lo:hi])`, read from the whole text's matches: a run of letters cut
    by the window is cut the same way (the pattern's matches are single signs and maximal runs of
    letters, so a run clipped to the window is the window's own maximal run)."""
    if hi <= lo:
        return []
    starts, ends, words = _word_spans(doc)
    i, j = bisect.bisect_right(ends, lo), bisect.bisect_left(starts, hi)
    out = words[i:j]
    if out:
        if starts[i] < lo:
            out[0] = out[0][lo - starts[i] :]
        if ends[j - 1] > hi:
            out[-1] = out[-1][: len(out[-1]) - (ends[j - 1] - hi)]
    return out


def simple_feature_rows(doc: LinkDoc, pairs: Sequence[Pair]) -> np.ndarray:
    """Features of each pair that need no encoder, shape (pairs, 2 * kinds + 16): kinds, distances,
    brackets, units agreeing. The figures' own features are worked out once a document, not once a
    pair.

    Nothing here compares the figures' values: the arithmetic is for the checker.

    >>> t = "Of 2,000 thefts, 450 were car thefts."
    >>> qs = [Quantity(id="q1", start=3, end=8, text="2,000", kind="COUNT"),
    ...       Quantity(id="q2", start=17, end=20, text="450", kind="COUNT")]
    >>> [round(float(v), 3) for v in simple_feature_rows(build_doc(t, qs, None), [Pair(1, 0, (Link.part_of,))])[0, 12:17]]
    [-1.0, 0.384, 0.0, 0.0, 1.0]
    """
    n = len(ARITHMETIC)
    x = np.zeros((len(pairs), 2 * n + 16), dtype=np.float32)
    if not pairs:
        return x
    f = _figure_facts(doc)
    a = np.array([p.a for p in pairs], dtype=np.int64)
    b = np.array([p.b for p in pairs], dtype=np.int64)
    rows = np.arange(len(pairs))
    sentence, line = np.asarray(doc.sentence, dtype=np.int64), np.asarray(doc.line, dtype=np.int64)
    gaps = [_gap(doc, p) for p in pairs]
    x[rows, f.kind[a]] = 1
    x[rows, n + f.kind[b]] = 1
    o = 2 * n
    x[:, o + 0] = np.where(b > a, 1.0, -1.0)
    x[:, o + 1] = [np.log1p(hi - lo if hi > lo else 0) / 6 for lo, hi in gaps]
    x[:, o + 2] = np.minimum(np.abs(b - a) - 1, 12) / 12
    x[:, o + 3] = np.minimum(np.abs(sentence[b] - sentence[a]), 4) / 4
    x[:, o + 4] = line[a] == line[b]
    x[:, o + 5] = f.in_parens[a]
    x[:, o + 6] = f.in_parens[b]
    x[:, o + 7] = f.percent[a]
    x[:, o + 8] = f.percent[b]
    x[:, o + 9] = [bool(f.unit[p.a]) and f.unit[p.a] == f.unit[p.b] for p in pairs]
    x[:, o + 10] = np.minimum([len(_words_in(doc, lo, hi)) for lo, hi in gaps], 30) / 30
    x[:, o + 11] = [hi > lo and doc.text.find("\n", lo, hi) >= 0 for lo, hi in gaps]
    x[:, o + 12] = f.rate_like[a]
    x[:, o + 13] = f.rate_like[b]
    x[:, o + 14] = f.signed[a]
    x[:, o + 15] = f.signed[b]
    return x


def _in_parens(text: str, pos: int, window: int = 80) -> bool:
    """Whether an open bracket precedes `pos` on its line with no closing one between (a bounded look)."""
    left = text[max(0, pos - window) : pos]
    cut = left.rfind("\n")
    if cut >= 0:
        left = left[cut + 1 :]
    return left.rfind("(") > left.rfind(")")


@lru_cache(maxsize=1 << 16)
def _hash(word: str) -> int:
    h = 2166136261
    for ch in word.lower().encode("utf-8"):
        h = ((h ^ ch) * 16777619) & 0xFFFFFFFF
    return h % HASH_BUCKETS


def _context_buckets(doc: LinkDoc, i: int) -> list[int]:
    """The hash buckets (within one figure's block) of the three words before and after figure `i`."""
    seen = doc.memo.setdefault("context", {})
    if i not in seen:
        q = doc.figures[i].quantity
        seen[i] = ([_hash("<" + w) for w in _words_in(doc, max(0, q.start - 40), q.start)[-3:]]
                   + [_hash(">" + w) for w in _words_in(doc, q.end, q.end + 40)[:3]])
    return seen[i]  # type: ignore[no-any-return]


def _between_buckets(doc: LinkDoc, gap: tuple[int, int]) -> list[int]:
    """The hash buckets of the (first 40) words between two figures, read once for both directions."""
    seen = doc.memo.setdefault("between", {})
    if gap not in seen:
        seen[gap] = [_hash(w) for w in _words_in(doc, *gap)[:40]]
    return seen[gap]  # type: ignore[no-any-return]


def word_feature_rows(doc: LinkDoc, pairs: Sequence[Pair]) -> np.ndarray:
    """Hashed bags of the words between each pair's figures and of three words on each side of
    each, shape (pairs, 3 * HASH_BUCKETS), each count at most 3; the words around a figure are
    read once a document, those between two figures once for both directions of the pair.

    >>> t = "Of 2,000 thefts, 450 were car thefts."
    >>> qs = [Quantity(id="q1", start=3, end=8, text="2,000", kind="COUNT"),
    ...       Quantity(id="q2", start=17, end=20, text="450", kind="COUNT")]
    >>> int(word_feature_rows(build_doc(t, qs, None), [Pair(0, 1, (Link.part_of,))]).sum())
    12
    """
    if not pairs:
        return np.zeros((0, 3 * HASH_BUCKETS), dtype=np.float32)
    parts = pair_parts(doc, pairs, 0, words=True, simple=False)
    return np.concatenate([parts.between[parts.g], parts.figure[parts.a], parts.figure[parts.b]], axis=1)


def _pool(doc: LinkDoc, start: int, end: int) -> np.ndarray | None:
    """`doc.states.pool(start, end)`, each span once a document (figures take part in many pairs)."""
    seen = doc.memo.setdefault("pool", {})
    if (start, end) not in seen:
        seen[(start, end)] = doc.states.pool(start, end) if doc.states is not None and end > start else None
    return seen[(start, end)]  # type: ignore[no-any-return]


def _after(doc: LinkDoc, q: Quantity) -> np.ndarray | None:
    """The pooled vector of the three tokens after a figure."""
    seen = doc.memo.setdefault("after", {})
    if q.end not in seen:
        seen[q.end] = doc.states.after(q.end) if doc.states is not None else None
    return seen[q.end]  # type: ignore[no-any-return]


@dataclass
class PairParts:
    """A document's pair rows in factored form: what depends on one figure, what on the two
    figures together (the same for both directions of a pair) and what on the ordered pair.

    A pair's row (`vector_features`, `word_feature_rows`) is its first figure's `figure` row, its
    second figure's, its `between` row and its `own` row, each in the columns `pair_layout` names.
    A network's first layer can then multiply each part once (a figure takes part in many pairs,
    and both directions share their words between), which is what `RelationModel.score` does.
    """

    figure: np.ndarray  # (figures, 2 * hidden [+ HASH_BUCKETS]): pooled vector, 3 tokens after [, words around]
    between: np.ndarray  # (pair sets, 2 * hidden [+ HASH_BUCKETS]): product, words between pooled [, hashed]
    own: np.ndarray  # (pairs, simple features): `simple_feature_rows`
    a: np.ndarray  # (pairs,) the first figure's row of `figure`
    b: np.ndarray  # (pairs,) the second figure's row of `figure`
    g: np.ndarray  # (pairs,) the pair's row of `between`


def pair_layout(hidden: int, simple: int, words: bool) -> dict[str, np.ndarray]:
    """Which columns of a full pair row each part's columns go to: `first` and `second` (a
    figure's row as the pair's first or second figure), `between` and `own`.

    >>> {k: v.tolist() for k, v in pair_layout(1, 2, False).items()}
    {'first': [0, 4], 'second': [1, 5], 'between': [2, 3], 'own': [6, 7]}
    """
    h, w = hidden, HASH_BUCKETS if words else 0
    words_at = 6 * h + simple
    return {"first": np.r_[0:h, 4 * h : 5 * h, words_at + w : words_at + 2 * w],
            "second": np.r_[h : 2 * h, 5 * h : 6 * h, words_at + 2 * w : words_at + 3 * w],
            "between": np.r_[2 * h : 4 * h, words_at : words_at + w],
            "own": np.r_[6 * h : words_at]}


def pair_parts(doc: LinkDoc, pairs: Sequence[Pair], hidden: int, *, words: bool = False, simple: bool = True
               ) -> PairParts:
    """The pairs' rows in factored form (`PairParts`): the vectors of `vector_features`, the simple
    features (without `simple`, no columns) and, with `words`, the hashed words of
    `word_feature_rows`."""
    st = doc.states
    vectors = hidden > 0 and st is not None and len(st.offsets) > 0
    figure = np.zeros((doc.n, 2 * hidden + (HASH_BUCKETS if words else 0)), dtype=np.float32)
    for i, f in enumerate(doc.figures):
        if vectors:
            v, w = _pool(doc, f.quantity.start, f.quantity.end), _after(doc, f.quantity)
            if v is not None:
                figure[i, :hidden] = v
            if w is not None:
                figure[i, hidden : 2 * hidden] = w
        if words:
            np.add.at(figure[i], 2 * hidden + np.array(_context_buckets(doc, i), dtype=np.int64), 1)
    index: dict[tuple[int, int], int] = {}
    g = np.zeros(len(pairs), dtype=np.int64)
    for r, p in enumerate(pairs):
        g[r] = index.setdefault((min(p.a, p.b), max(p.a, p.b)), len(index))
    between = np.zeros((len(index), 2 * hidden + (HASH_BUCKETS if words else 0)), dtype=np.float32)
    if index:
        # the product of the two figures' vectors (zero where either has none)
        xs, ys = np.array(list(index), dtype=np.int64).T
        between[:, :hidden] = figure[xs, :hidden] * figure[ys, :hidden]
    for (x, y), k in index.items():
        gap = _gap(doc, Pair(x, y, ()))
        if vectors:
            v = _pool(doc, *gap)
            if v is not None:
                between[k, hidden : 2 * hidden] = v
        if words:
            np.add.at(between[k], 2 * hidden + np.array(_between_buckets(doc, gap), dtype=np.int64), 1)
    if words:
        np.minimum(figure[:, 2 * hidden :], 3, out=figure[:, 2 * hidden :])
        np.minimum(between[:, 2 * hidden :], 3, out=between[:, 2 * hidden :])
    own = simple_feature_rows(doc, pairs) if simple else np.zeros((len(pairs), 0), dtype=np.float32)
    return PairParts(figure=figure, between=between, own=own,
                     a=np.array([p.a for p in pairs], dtype=np.int64), b=np.array([p.b for p in pairs], dtype=np.int64), g=g)


def assemble(parts: PairParts, hidden: int, *, words: bool = False) -> np.ndarray:
    """The full pair rows (`pair_layout`'s columns) from their parts."""
    layout = pair_layout(hidden, parts.own.shape[1], words)
    out = np.zeros((len(parts.a), sum(len(c) for c in layout.values())), dtype=np.float32)
    out[:, layout["first"]] = parts.figure[parts.a]
    out[:, layout["second"]] = parts.figure[parts.b]
    out[:, layout["between"]] = parts.between[parts.g]
    out[:, layout["own"]] = parts.own
    return out


def vector_features(doc: LinkDoc, pairs: Sequence[Pair], hidden: int) -> np.ndarray:
    """For each pair: the figures' vectors, their product, the words between them and the three
    tokens after each (pooled from the encoder's token vectors), shape (pairs, 6 * hidden)."""
    if not pairs:
        return np.zeros((0, 6 * hidden), dtype=np.float32)
    return assemble(pair_parts(doc, pairs, hidden, simple=False), hidden)


def anchor_flags(doc: LinkDoc) -> np.ndarray:
    """Each figure's kind and a few flags (percent, rate, in brackets), shape (figures, kinds + 3)."""
    out = np.zeros((doc.n, len(ARITHMETIC) + 3), dtype=np.float32)
    for i, f in enumerate(doc.figures):
        out[i, _KIND_INDEX[f.kind]] = 1
        out[i, -3] = float(is_percent(f))
        out[i, -2] = float(_rate_like(doc, f))
        out[i, -1] = float(_in_parens(doc.text, f.quantity.start))
    return out


def anchor_features(doc: LinkDoc, hidden: int) -> np.ndarray:
    """For each figure: its pooled vector, the three tokens after it and `anchor_flags`, shape
    (figures, 2 * hidden + kinds + 3): what the head reads to say that a figure has no partner
    for a link at all."""
    out = np.zeros((doc.n, 2 * hidden), dtype=np.float32)
    st = doc.states
    for i, f in enumerate(doc.figures):
        q = f.quantity
        if st is None or not len(st.offsets):
            break
        v = _pool(doc, q.start, q.end)
        if v is not None:
            out[i, :hidden] = v
        w = _after(doc, q)
        if w is not None:
            out[i, hidden:] = w
    return np.concatenate([out, anchor_flags(doc)], axis=1)


#: Links scored one pair at a time (a percent may share its split with many others); every other
#: link is a choice among an anchor's candidates, or none of them.
INDEPENDENT = (Link.pct_sibling,)


def anchor_softmax(pair_logits: np.ndarray, none_logits: np.ndarray, pairs: Sequence[Pair]) -> np.ndarray:
    """Link probabilities from logits: for each anchor and link, a softmax over the anchor's
    candidates and "none of them" (`none_logits[anchor]`); independent links through a sigmoid.

    >>> pl = np.zeros((2, len(LINKS))); nl = np.full((2, len(LINKS)), -50.0)
    >>> p = anchor_softmax(pl, nl, [Pair(0, 1, (Link.part_of,)), Pair(1, 0, (Link.part_of,))])
    >>> round(float(p[0, LINKS.index(Link.part_of)]), 3)
    1.0
    """
    out = np.zeros_like(pair_logits, dtype=np.float64)
    # The rows of each (link, anchor), in row order, gathered in one pass over the pairs.
    groups: dict[int, dict[int, list[int]]] = {}
    for r, p in enumerate(pairs):
        for link in dict.fromkeys(p.allowed):
            groups.setdefault(LINKS.index(link), {}).setdefault(p.a, []).append(r)
    for k, link in enumerate(LINKS):
        if k not in groups:
            continue
        if link in INDEPENDENT:
            rows = np.array(sorted(r for group in groups[k].values() for r in group), dtype=np.int64)
            out[rows, k] = 1 / (1 + np.exp(-np.clip(pair_logits[rows, k], -50, 50)))
            continue
        for a, group in groups[k].items():
            z = np.concatenate([pair_logits[group, k], [none_logits[a, k]]]).astype(np.float64)
            z = np.exp(z - z.max())
            out[group, k] = z[:-1] / z.sum()
    return out.astype(np.float32)


# --- decoding ----------------------------------------------------------------------------------


@dataclass
class Scored:
    """The link probabilities of a document's candidate pairs, by (a, b)."""

    probs: dict[tuple[int, int], np.ndarray]
    #: The candidates of each anchor a, as (b, probabilities): `best` reads an anchor's own.
    _by_anchor: dict[int, list[tuple[int, np.ndarray]]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        for (a, b), v in self.probs.items():
            self._by_anchor.setdefault(a, []).append((b, v))

    @classmethod
    def of(cls, pairs: Sequence[Pair], probs: np.ndarray) -> Scored:
        """The scores of `pairs`, row r of `probs` being pair r's."""
        return cls({(p.a, p.b): probs[r] for r, p in enumerate(pairs)})

    def p(self, a: int, b: int, link: Link) -> float:
        """The probability of `a -> b` being `link` (0 for pairs that are no candidates)."""
        v = self.probs.get((a, b))
        return 0.0 if v is None else float(v[LINKS.index(link)])

    def best(self, a: int, link: Link, among: Sequence[int] | None = None, *, least: float = 0.0
             ) -> list[tuple[float, int]]:
        """(probability, b) of the candidates of `a` for `link` from `least` up (and above 0),
        likeliest first."""
        col = LINKS.index(link)
        out = []
        for b, v in self._by_anchor.get(a, ()):
            q = float(v[col])
            if q > 0 and q >= least and (among is None or b in among):
                out.append((q, b))
        return sorted(out, key=lambda t: (-t[0], t[1]))


#: Below this a link is not considered at all while decoding.
MIN_LINK = 0.2
#: How many readings of an anchor the arithmetic may choose among (validation: 8 finds 3 more of
#: 413 relations than 4, with the same flags; 16 no more than 8).
ALTERNATIVES = 8


def _same_scale(a: Figure, b: Figure) -> bool:
    """Two levels a change can be between: both percents, both rates, or amounts of one kind."""
    if is_percent(a) or is_percent(b):
        return is_percent(a) and is_percent(b)
    return a.kind is b.kind


def decode(doc: LinkDoc, scored: Scored, *, min_link: float = MIN_LINK, alternatives: int = ALTERNATIVES) -> list[list[Relation]]:
    """Relations from link probabilities, under the hard constraints of each kind, as groups of
    alternatives: for each anchor (a change, a percent, a rate, a part) the relations it may
    take part in, likeliest first; for each total, the items linked to it.

    A relation's score is the product of the probabilities of the links it rests on (the
    smallest of them for a total and its items, whose links are judged one by one).
    """
    groups: list[list[Relation]] = []
    for i, f in enumerate(doc.figures):
        if f.kind is K.CHANGE:
            groups.append(_with_exact(_decode_change(doc, scored, i, min_link)[:alternatives],
                                      _exact_changes(doc, scored, i, min_link)))
        elif f.kind is K.PERCENT:
            groups.append(_with_exact(_decode_share(doc, scored, i, min_link)[:alternatives],
                                      _exact_ratios(doc, scored, i, min_link, Link.share_part, Link.share_whole)))
        if _rate_like(doc, f):
            groups.append(_with_exact(_decode_rate(doc, scored, i, min_link)[:alternatives],
                                      _exact_ratios(doc, scored, i, min_link, Link.rate_count, Link.rate_pop)))
    groups += _decode_parts(doc, scored, min_link, alternatives)
    splits = _decode_percent_splits(doc, scored, min_link)
    known = {r.members for r in splits} | {r.members for g in groups for r in g}
    splits += [r for r in _exact_splits(doc, scored) + _exact_totals(doc, scored) if r.members not in known]
    groups += [[r] for r in splits]
    return [g for g in groups if g]


def _decode_change(doc: LinkDoc, s: Scored, i: int, min_link: float) -> list[Relation]:
    c = doc.figures[i]
    news = s.best(i, Link.change_new, least=min_link)
    olds = s.best(i, Link.change_old, least=min_link)
    out = []
    for pn, n in news:
        for po, o in olds:
            if o != n and _same_scale(doc.figures[o], doc.figures[n]):
                out.append(Relation(CheckKind.change, (c.id, doc.figures[o].id, doc.figures[n].id), pn * po))
        # The twin is the change's other form and the absolute one is in the new level's units:
        # a count does not change a percent.
        twins = [(p, j) for p, j in s.best(i, Link.change_twin, least=min_link)
                 if j != n and is_percent(doc.figures[j]) == is_percent(doc.figures[n])]
        if twins:
            pt, t = twins[0]
            # Both forms of the change and its old level printed ("164 131 -33 -20.1%"): the change
            # is stated in full, (change, old, new), and checked in both forms; the reading without
            # the old level follows it at the same score, for an old level the arithmetic rejects.
            # The old level is one its two forms put where it is (a linked level they do not fit would
            # be dropped by `choose`), else the likeliest linked one.
            full = _levels_apart(doc, s, i, n, doc.figures[t])[:1] or [
                o for _po, o in olds if o not in (n, t) and _same_scale(doc.figures[o], doc.figures[n])][:1]
            out += [Relation(CheckKind.change, (c.id, doc.figures[o].id, doc.figures[n].id), pn * pt,
                             delta=doc.figures[t].id) for o in full]
            out.append(Relation(CheckKind.change, (c.id, None, doc.figures[n].id), pn * pt, delta=doc.figures[t].id))
        elif is_percent(c) and is_percent(doc.figures[n]) and not olds:
            # "rose by 3% to 87.5%": points or percent, and the old level is not printed (ambiguous)
            out.append(Relation(CheckKind.change, (c.id, None, doc.figures[n].id), pn))
    return sorted(out, key=lambda r: -r.score)


def _decode_share(doc: LinkDoc, s: Scored, i: int, min_link: float) -> list[Relation]:
    p = doc.figures[i]
    parts = s.best(i, Link.share_part, least=min_link)
    wholes = s.best(i, Link.share_whole, least=min_link)
    out = [Relation(CheckKind.share, (p.id, doc.figures[a].id, doc.figures[w].id), qp * qw)
           for qp, a in parts for qw, w in wholes if a != w and doc.figures[a].kind is doc.figures[w].kind]
    return sorted(out, key=lambda r: -r.score)


def _decode_rate(doc: LinkDoc, s: Scored, i: int, min_link: float) -> list[Relation]:
    r = doc.figures[i]
    counts = s.best(i, Link.rate_count, least=min_link)
    pops = s.best(i, Link.rate_pop, least=min_link)
    out = []
    for qc, c in counts:
        out += [Relation(CheckKind.rate, (r.id, doc.figures[c].id, doc.figures[p].id), qc * qp)
                for qp, p in pops if p != c]
        # the population outside the text, when none printed is likely: a weaker reading
        best_pop = max((qp for qp, p in pops if p != c), default=0.0)
        out.append(Relation(CheckKind.rate, (r.id, doc.figures[c].id, "ref:population"), qc * (1 - best_pop)))
    return sorted(out, key=lambda r: -r.score)


def _with_exact(readings: list[Relation], exact: list[Relation]) -> list[Relation]:
    """An anchor's decoded readings, then the readings the arithmetic proposes that are not among them."""
    known = {r.members for r in readings}
    return readings + [r for r in exact if r.members not in known]


#: The widest a share or rate may be printed, relative to its value, for the arithmetic to propose
#: its figures: 13.3% (one part in 133) or 60% (one in 60), not 5% (one in 5), which a ratio of
#: unrelated figures meets by chance too often.
_EXACT_RESOLUTION = Decimal("0.02")
#: A rate's may be coarser, one part in 20 ("2.5 per million", "47 per 100,000"): its count over its
#: population spreads over decades, where a share's ratios crowd into 0-100.
_EXACT_RATE_RESOLUTION = Decimal("0.05")


def _exact_ratios(doc: LinkDoc, s: Scored, i: int, min_link: float, numerator: Link, denominator: Link) -> list[Relation]:
    """Readings of the share or rate `i` that the arithmetic proposes: a numerator the linker links
    to it (a share's part, a rate's count), and any amount comparable to it (`_comparable`) within
    the linker's window whose ratio to it is the stated figure at its printed precision; or a
    linked denominator and any such numerator. "13.3% (3,263)" with 24,566 two sentences before it
    whose link the linker scores at 0.005: 3,263 / 24,566 is 13.28%.

    Like an exact split, the arithmetic only proposes: each reading scores the product of its
    two links, and `choose` judges it as a reading the arithmetic confirms. A reading that does not
    agree is never proposed, so nothing is flagged that the linker did not decode itself. A hedged
    figure, or one printed too coarsely (`_EXACT_RESOLUTION`; a rate, `_EXACT_RATE_RESOLUTION`), proposes
    nothing.

    >>> t = "Of the 24,566 crimes, 3,263 (13.3%) were grave."
    >>> qs = [Quantity(id="q1", start=7, end=13, text="24,566", kind="COUNT"),
    ...       Quantity(id="q2", start=22, end=27, text="3,263", kind="COUNT"),
    ...       Quantity(id="q3", start=29, end=34, text="13.3%", kind="PERCENT")]
    >>> d = build_doc(t, qs, None)
    >>> probs = np.zeros((2, len(LINKS)), dtype=np.float32)
    >>> probs[0, LINKS.index(Link.share_whole)], probs[1, LINKS.index(Link.share_part)] = 0.004, 0.9
    >>> s = Scored.of([Pair(2, 0, (Link.share_part, Link.share_whole)), Pair(2, 1, (Link.share_part, Link.share_whole))], probs)
    >>> [(r.members, round(r.score, 4)) for r in _exact_ratios(d, s, 2, 0.01, Link.share_part, Link.share_whole)]
    [(('q3', 'q2', 'q1'), 0.0036)]
    """
    f = doc.figures[i]
    widest = _EXACT_RATE_RESOLUTION if numerator is Link.rate_count else _EXACT_RESOLUTION
    if f.hedge is not None or f.value <= 0 or f.resolution > widest * f.value:
        return []
    if numerator is Link.rate_count:
        base = rate_base(doc.text, f) or (Decimal(1) if per_one(doc.text, f) else None)
        if base is None:
            return []
        stated = f.magnitude.lo / base, f.magnitude.hi / base
    else:
        stated = f.magnitude.lo / 100, f.magnitude.hi / 100
    out = []
    for a, w, score in _either_linked(s, i, numerator, denominator, min_link):
        part, whole = doc.figures[a], doc.figures[w]
        if a == w or not _comparable(part, whole):
            continue
        # A share's part is smaller than its whole; a rate's count need not be ("141.8 cases per judge").
        if part.hedge is not None or whole.hedge is not None or part.value <= 0 or whole.value <= 0 or (
                numerator is Link.share_part and whole.value <= part.value):
            continue
        lo, hi = part.magnitude.lo / whole.magnitude.hi, part.magnitude.hi / max(whole.magnitude.lo, Decimal("1e-9"))
        if lo <= stated[1] and hi >= stated[0]:
            out.append(Relation(CheckKind.share if numerator is Link.share_part else CheckKind.rate,
                                (f.id, part.id, whole.id), score))
    return sorted(out, key=lambda r: (-r.score, r.members))


def _either_linked(s: Scored, i: int, first: Link, second: Link, min_link: float) -> list[tuple[int, int, float]]:
    """The pairs (a, b) of candidates of anchor `i` as `first` and `second` of which at least one
    is linked from `min_link` up, with the product of the two links: what the arithmetic may
    complete (a share's linked part and any whole; a linked whole and any part)."""
    a_side, b_side = s.best(i, first), s.best(i, second)
    p_a, p_b = {a: q for q, a in a_side}, {b: q for q, b in b_side}
    pairs = {(a, b) for q, a in a_side if q >= min_link for _, b in b_side}
    pairs |= {(a, b) for q, b in b_side if q >= min_link for _, a in a_side}
    return [(a, b, p_a[a] * p_b[b]) for a, b in sorted(pairs)]


def _comparable(a: Figure, b: Figure) -> bool:
    """Two figures the arithmetic may put in one relation: of one kind, and of one unit unless
    they are counts, whose unit is the counted thing, named in words that vary ("3,263 offences"
    of "24,566 crimes"; a rate's count of cases and its population of residents)."""
    return a.kind is b.kind and (a.kind is K.COUNT or a.quantity.unit == b.quantity.unit)


def _level_pair(a: Figure, b: Figure) -> bool:
    """Two amounts a change may be between: comparable (`_comparable`), unhedged, positive."""
    return (a is not b and a.kind in AMOUNTS and _comparable(a, b)
            and a.hedge is None and b.hedge is None and a.value > 0 and b.value > 0
            and not is_percent(a) and not is_percent(b))


def _levels_apart(doc: LinkDoc, s: Scored, i: int, n: int, by: Figure) -> list[int]:
    """The candidate old levels of change `i` that lie `by` (its absolute form) away from its new
    level `n` at the printed precision of the three: "8,034 7,122 -912 -11.4%", whose old level
    the linker does not link. Nearest first."""
    new = doc.figures[n]
    out = []
    for _q, o in s.best(i, Link.change_old):
        old = doc.figures[o]
        if o == n or old is by or not _level_pair(old, new):
            continue
        lo, hi = new.magnitude.lo - old.magnitude.hi, new.magnitude.hi - old.magnitude.lo
        if hi < 0:
            lo, hi = -hi, -lo
        elif lo < 0:
            lo = Decimal(0)
        if lo <= by.magnitude.hi and hi >= by.magnitude.lo:
            out.append(o)
    return sorted(out, key=lambda o: abs(o - i))


def _exact_changes(doc: LinkDoc, s: Scored, i: int, min_link: float) -> list[Relation]:
    """Readings of the percent change `i` that the arithmetic proposes: a level the linker links
    to it as old or new, and an amount in its window that is the other level at the printed
    precision of all three ("fell 17.1 percent, from 299 cases in 2015 to 248"; 248 / 299 is
    0.829). Judged, like an exact share, on the product of the two links by `choose`; proposed
    only when the stated change fixes the ratio of the levels to one part in 50 or finer, and
    never when it does not agree, so nothing is flagged that the linker did not decode.

    >>> t = "Thefts fell 11.4% last year: 8,034 were recorded in 2015 and 7,122 in 2016."
    >>> qs = [Quantity(id="q1", start=12, end=17, text="11.4%", kind="CHANGE"),
    ...       Quantity(id="q2", start=29, end=34, text="8,034", kind="COUNT"),
    ...       Quantity(id="q3", start=64, end=69, text="7,122", kind="COUNT")]
    >>> d = build_doc(t, qs, None)
    >>> probs = np.zeros((2, len(LINKS)), dtype=np.float32)
    >>> probs[0, LINKS.index(Link.change_old)], probs[1, LINKS.index(Link.change_new)] = 0.003, 0.7
    >>> s = Scored.of([Pair(0, 1, (Link.change_old, Link.change_new)), Pair(0, 2, (Link.change_old, Link.change_new))], probs)
    >>> [(r.members, round(r.score, 4)) for r in _exact_changes(d, s, 0, 0.01)]
    [(('q1', 'q2', 'q3'), 0.0021)]
    """
    c = doc.figures[i]
    if c.hedge is not None or not is_percent(c) or c.value == 0:
        return []
    stated = c.magnitude.lo / 100, c.magnitude.hi / 100
    out = []
    for o, n, score in _either_linked(s, i, Link.change_old, Link.change_new, min_link):
        old, new = doc.figures[o], doc.figures[n]
        if o == n or not _level_pair(old, new):
            continue
        lo, hi = new.magnitude.lo / old.magnitude.hi - 1, new.magnitude.hi / old.magnitude.lo - 1
        if hi < 0:
            lo, hi = -hi, -lo  # a fall
            if stated[1] >= 1 or stated[1] - stated[0] > _EXACT_RESOLUTION * (1 - stated[1]):
                continue
        elif lo < 0 or stated[1] - stated[0] > _EXACT_RESOLUTION * (1 + stated[0]):
            continue  # no change at the printed precision, or one printed too coarsely
        if lo <= stated[1] and hi >= stated[0]:
            out.append(Relation(CheckKind.change, (c.id, old.id, new.id), score))
    return sorted(out, key=lambda r: (-r.score, r.members))


def _decode_parts(doc: LinkDoc, s: Scored, min_link: float, alternatives: int) -> list[list[Relation]]:
    """For each part, its likely wholes (`part_whole`); for each total, its items (`sum`)."""
    items: dict[int, list[tuple[float, int]]] = {}
    out = []
    for a in range(doc.n):
        wholes = s.best(a, Link.part_of, least=min_link)
        if wholes:
            out.append([Relation(CheckKind.part_whole, (doc.figures[a].id, doc.figures[w].id), q)
                        for q, w in wholes[:alternatives]])
        best_item = s.best(a, Link.item_of, least=min_link)[:1]
        for q, w in best_item:
            items.setdefault(w, []).append((q, a))
    for w, group in items.items():
        if len(group) >= 2:
            out.append(_sum_alternatives(doc, w, group, alternatives))
    return out


def _sum_alternatives(doc: LinkDoc, total: int, items: Sequence[tuple[float, int]], alternatives: int
                      ) -> list[Relation]:
    """A total and the figures linked to it as its items, with the readings that leave out one
    item or keep only the likeliest ones (a stray figure taken for an item makes a sum of the
    right items wrong), likeliest first.

    A reading's score is the probability of its least likely item times, for each item it leaves
    out, the probability that it is none.

    >>> t = "Of 60 cases, 10 were A, 20 were B, 30 were C, 4 were new."
    >>> qs = [Quantity(id=f"q{i}", start=t.index(x), end=t.index(x) + len(x), text=x, kind="COUNT")
    ...       for i, x in enumerate(["60", "10", "20", "30", "4"])]
    >>> d = build_doc(t, qs, None)
    >>> [(r.members, round(r.score, 2)) for r in _sum_alternatives(d, 0, [(0.6, 1), (0.6, 2), (0.6, 3), (0.3, 4)], 3)]
    [(('q1', 'q2', 'q3', 'q0'), 0.42), (('q1', 'q2', 'q3', 'q4', 'q0'), 0.3), (('q1', 'q2', 'q0'), 0.17)]
    """
    prob = {a: q for q, a in items}
    order = sorted(prob, key=lambda a: doc.figures[a].quantity.start)
    readings = {tuple(order)}
    if len(order) >= 3:
        readings |= {tuple(a for a in order if a != left_out) for left_out in order}
        likeliest = sorted(order, key=lambda a: (-prob[a], a))
        readings |= {tuple(a for a in order if a in likeliest[:k]) for k in range(2, len(order))}

    def score(reading: tuple[int, ...]) -> float:
        out = min(prob[a] for a in reading)
        for a in order:
            if a not in reading:
                out *= 1 - prob[a]
        return out

    ranked = sorted(readings, key=lambda r: (-score(r), r))
    return [Relation(CheckKind.sum, tuple(doc.figures[a].id for a in r) + (doc.figures[total].id,), score(r))
            for r in ranked[:alternatives]]


def _sibling(s: Scored, a: int, b: int) -> float:
    """How likely percents `a` and `b` are shares of one split: their sibling links both ways, averaged."""
    return (s.p(a, b, Link.pct_sibling) + s.p(b, a, Link.pct_sibling)) / 2


def _decode_percent_splits(doc: LinkDoc, s: Scored, min_link: float) -> list[Relation]:
    """Percents linked as shares of one split of a whole, total 100%: clusters merged strongest
    link first while the average link between the two clusters stays at least a half (average
    linkage: one strong link does not chain two splits into one)."""
    members = sorted({x for (a, b) in s.probs for x in (a, b) if doc.figures[x].kind is K.PERCENT})
    clusters: dict[int, list[int]] = {m: [m] for m in members}
    edges = sorted(((_sibling(s, a, b), a, b) for i, a in enumerate(members) for b in members[i + 1 :]), reverse=True)
    owner = {m: m for m in members}
    for q, a, b in edges:
        if q < max(min_link, 0.5):
            break
        ca, cb = owner[a], owner[b]
        if ca == cb:
            continue
        cross = [_sibling(s, x, y) for x in clusters[ca] for y in clusters[cb]]
        if sum(cross) / len(cross) < 0.5:
            continue
        clusters[ca] += clusters.pop(cb)
        for x in clusters[ca]:
            owner[x] = ca
    out = []
    for group in clusters.values():
        if len(group) < 2:
            continue
        out.append(_split(doc, s, sorted(group)))
    return out


def _split(doc: LinkDoc, s: Scored, group: Sequence[int]) -> Relation:
    """The percents `group` as shares of one split totalling 100%, scored by their average
    sibling link (a pair the linker never considered counts 0)."""
    links = [_sibling(s, x, y) for i, x in enumerate(group) for y in group[i + 1 :]]
    return Relation(CheckKind.sum, tuple(doc.figures[m].id for m in group) + ("100%",), sum(links) / len(links))


def _exact_splits(doc: LinkDoc, s: Scored) -> list[Relation]:
    """Runs of consecutive percents of one paragraph whose printed values add up to 100 within
    the rounding of each (52% and 48%; 55%, 10% and 35%): a split of one whole, however the text
    words it. Printed figures rarely total 100 by chance, so the arithmetic proposes the reading
    that the linker's sibling links are too unsure to decode; each reading scores the average of
    those links (a pair the linker never considers counts 0), and `choose` judges it as a reading
    the arithmetic confirms. A run that does not total 100 is never proposed: such a split is
    only checked, and flagged, when the linker itself decodes it.

    A percent that is hedged ("about 40%"), negative or not printed as a percent ("one in
    five", whose rounding admits too much to total 100 exactly) takes no part.

    >>> t = "Of the votes, 52% went to the mayor and 48% to her rival; turnout was 61%."
    >>> qs = [Quantity(id=f"q{i}", start=t.index(x), end=t.index(x) + len(x), text=x, kind="PERCENT")
    ...       for i, x in enumerate(["52%", "48%", "61%"])]
    >>> d = build_doc(t, qs, None)
    >>> [r.members for r in _exact_splits(d, Scored.of([], np.zeros((0, len(LINKS)))))]
    [('q0', 'q1', '100%')]
    """
    def member(f: Figure) -> bool:
        return f.kind is K.PERCENT and f.hedge is None and f.value > 0 and _PRINTED_PERCENT.search(f.text) is not None

    out = []
    for line in sorted(set(doc.line)):
        run = [i for i in range(doc.n) if doc.line[i] == line and member(doc.figures[i])]
        for start in range(len(run)):
            out += [_split(doc, s, group) for group in _prefixes_adding_up(doc, run[start:], Decimal(100), Decimal(0))]
    return out


def _exact_totals(doc: LinkDoc, s: Scored) -> list[Relation]:
    """Runs of amounts of one paragraph that add up to an amount beside them within the rounding
    of each ("Of 60 cases, 10 ..., 20 ... and 30 ..."; "$8 billion and $2 billion, $10 billion in
    all"): the total and the nearest amounts comparable to it (`_comparable`) after it, or before it, each
    smaller than the total. Like an exact split, the arithmetic proposes the reading and `choose`
    judges it as one the arithmetic confirms, on its least likely item link (a run whose items the
    linker never links to the total scores 0 and is dropped); a run that does not add up is never
    proposed.

    >>> t = "Of the 60 cases, 10 were in May, 20 in June and 30 in July."
    >>> qs = [Quantity(id=f"q{i}", start=t.index(x), end=t.index(x) + len(x), text=x, kind="COUNT")
    ...       for i, x in enumerate(["60", "10", "20", "30"])]
    >>> d = build_doc(t, qs, None)
    >>> probs = np.zeros((3, len(LINKS)), dtype=np.float32); probs[:, LINKS.index(Link.item_of)] = 0.3
    >>> s = Scored.of([Pair(i, 0, (Link.item_of,)) for i in (1, 2, 3)], probs)
    >>> [(r.members, round(r.score, 2)) for r in _exact_totals(d, s)]
    [(('q1', 'q2', 'q3', 'q0'), 0.3)]
    """
    def amount(f: Figure) -> bool:
        return (f.kind in (K.COUNT, K.MONEY, K.MEASURE) and f.hedge is None and f.value > 0
                and _PRINTED_PERCENT.search(f.text) is None)

    out = []
    for t, total in enumerate(doc.figures):
        if not amount(total):
            continue
        alike = [i for i in range(doc.n) if i != t and doc.line[i] == doc.line[t] and amount(doc.figures[i])
                 and _comparable(doc.figures[i], total)]
        for side in ([i for i in alike if i > t], [i for i in reversed(alike) if i < t]):
            smaller = list(itertools.takewhile(lambda i: doc.figures[i].value < total.value, side))
            for run in _prefixes_adding_up(doc, smaller, total.value, total.resolution / 2):
                items = sorted(run)
                score = min(s.p(i, t, Link.item_of) for i in items)
                if score > 0:
                    out.append(Relation(CheckKind.sum, tuple(doc.figures[i].id for i in items) + (total.id,), score))
    return out


def _prefixes_adding_up(doc: LinkDoc, seq: Sequence[int], target: Decimal, slack: Decimal) -> Iterator[list[int]]:
    """The prefixes of `seq` (indices of figures, at least two, at most `_MAX_SPLIT`) whose values
    add up to `target` within the rounding of each (half a unit of its last printed digit) and
    `slack`, the target's own."""
    added = Decimal(0)
    for n, i in enumerate(seq[:_MAX_SPLIT], 1):
        f = doc.figures[i]
        added += f.value
        slack += f.resolution / 2
        if added - slack > target:
            return
        if n >= 2 and abs(added - target) <= slack:
            yield list(seq[:n])


#: The most figures an exact split or total is looked for among (a table row of categories, at most).
_MAX_SPLIT = 12
_PRINTED_PERCENT = re.compile(r"%|per\s?cent", re.I)


# --- checking and abstention -------------------------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    """When a relation is reported: `keep` for one the arithmetic confirms, `flag` for one it
    contradicts (chosen on labelled validation data for flag precision of at least 0.95)."""

    keep: float = 0.5
    flag: float = 0.9
    #: a contradiction that one slip of the pen in one figure explains, its stated figure printed
    #: precisely (`slip_judge`), is a finding from this score (chosen like `flag`; 1.0: never
    #: below `flag`)
    slip: float = 1.0
    #: links below this probability are not considered while decoding
    min_link: float = MIN_LINK
    #: how many alternative relations of an anchor the arithmetic may choose among
    alternatives: int = ALTERNATIVES


def choose(group: Sequence[Relation], run: object, thresholds: Thresholds, *, outside_population: bool = True,
           figures: dict[str, Figure] | None = None, confirmed: Callable[[Relation], float] | None = None,
           clear: bool = True, misprint: Callable[[Relation, Check], tuple[bool, str]] | None = None,
           slipped: Callable[[Relation, Check], str | None] | None = None,
           ) -> tuple[Relation, Check, list[Derived], bool] | None:
    """Which of an anchor's alternative relations to report, and whether as a finding.

    The likeliest is a finding whatever the arithmetic says when its score reaches the flag
    threshold. Otherwise the likeliest alternative from the keep threshold up that the
    arithmetic confirms is reported (a chance agreement of printed figures is rare); failing
    that, the likeliest one, if the arithmetic contradicts it, is kept as a question
    (`unconfirmed`, finding False). A population read from the World Bank table
    (`outside_population`), not from the text or a reference the user gave, never makes a
    finding out of a mismatch: it says more often that the rate is of a region or a group.

    `confirmed(r)`: the probability that `r` is right once the arithmetic confirms it (the head's
    `confirm`, calibrated on confirmed relations only: printed figures rarely agree by chance, so
    it is higher than `r.score` for a share or a sum, and hardly for a part and its whole). A
    confirmed alternative is reported when that reaches the keep threshold, and its check carries
    it. Without it, every alternative is judged on `r.score`.

    `clear`: whether the likeliest reading holds more of the linker's belief than its
    alternatives together (`clear_reading`). A contradiction of a reading that is not clear is
    no finding, however sure the link: the figures may belong to one of the others.

    `misprint(r, check)`: whether a contradiction may be a printing error and what to add to its
    explanation (`misprint_judge`): not when it holds with its round figures read as rounded to
    the hundred; when off by more than ten times, only when one slip of the pen in one figure
    explains it. Otherwise it is a question that says why.

    `slipped(r, check)`: the slips of the pen that make a contradicted relation hold, in words, or
    None (`slip_judge`). A contradiction so explained is a finding from `thresholds.slip`, below
    `thresholds.flag`: a wrong link seldom misses by exactly one slip of a precisely printed figure,
    a misprint always does.
    """
    def confirmed_score(r: Relation, check: Check) -> float:
        return confirmed(r) if confirmed is not None and check.verdict is Verdict.consistent else r.score

    def kept(r: Relation, check: Check, der: list[Derived]) -> tuple[Relation, Check, list[Derived], bool]:
        score = confirmed_score(r, check)
        if score == r.score:
            return r, check, der, True
        return (Relation(r.kind, r.members, score, r.delta), check.model_copy(update={"score": round(score, 4)}),
                der, True)

    results = []
    for r in group:
        if r.score < thresholds.keep and results and confirmed is None:
            break
        try:
            check, der = run(r)  # type: ignore[operator]
        except (KeyError, ArithmeticError, ValueError):
            continue
        results.append((r, check, der))
    # A change stated in both forms is read with its old level only when the arithmetic confirms
    # that level: the link to it is one the reading without it does not need.
    in_two_forms = {_two_forms(r) for r, _c, _d in results if r.members[1] is None and r.delta is not None}
    results = [(r, c, d) for r, c, d in results if not (
        r.delta is not None and r.members[1] is not None and _two_forms(r) in in_two_forms
        and c.verdict is not Verdict.consistent)]
    if not results:
        return None
    top_r, top_c, top_d = results[0]
    outside = outside_population and top_r.kind is CheckKind.rate and "ref:population" in top_r.members
    if top_r.score >= thresholds.flag and top_c.verdict is not Verdict.inconsistent:
        return top_r, top_c, top_d, True
    flaggable = clear and not outside and top_c.verdict is Verdict.inconsistent and _plausible(top_r, top_c, figures or {})
    slip = (slipped(top_r, top_c) if flaggable and slipped is not None and thresholds.slip <= top_r.score < thresholds.flag
            else None)
    if flaggable and (top_r.score >= thresholds.flag or slip is not None):
        # An alternative reading the arithmetic confirms explains the figures better than a
        # printing error does: the figures agree, so the link, not the text, is in doubt.
        for r, check, der in results[1:]:
            if check.verdict is Verdict.consistent:
                return kept(r, check, der)
        slip_ok, slip_note = misprint(top_r, top_c) if misprint is not None else (True, "")
        if slip_ok and slip is not None and not slip_note:
            slip_note = f"possibly a misprint: {slip}"
        if slip_note:
            top_c = top_c.model_copy(update={"explanation": f"{top_c.explanation}; {slip_note}"})
        if slip_ok:
            return top_r, top_c, top_d, True
    # A reading the arithmetic confirms comes before one it cannot judge (a rate against a population
    # outside the text, a change in points or percent): printed figures rarely agree by chance.
    for wanted in ((Verdict.consistent,), (Verdict.unverifiable, Verdict.ambiguous)):
        for r, check, der in results:
            if check.verdict in wanted and confirmed_score(r, check) >= thresholds.keep:
                return kept(r, check, der)
    if top_c.verdict is Verdict.inconsistent and top_r.score >= thresholds.keep:
        return top_r, top_c, top_d, False
    return None


def misprint_judge(text: str, figures: dict[str, Figure], rerun: Callable[[Relation, dict[str, Figure]], Check]
                   ) -> Callable[[Relation, Check], tuple[bool, str]]:
    """`choose`'s `misprint`: whether a contradicted relation may be a printing error, and what
    to say of it. Not when it holds with its round figures read as rounded to the hundred
    (`numcheck.checks.slips.explained_by_rounding`); when it is off by more than ten times
    (`far_off`), only when one slip of the pen in one of its figures makes it hold, and the note
    says which slip or that none does. `rerun(r, override)` checks `r` again with some figures
    replaced."""
    from numcheck.checks.slips import FAR_OFF, explained_by_rounding, explained_by_slip, far_off

    def judge(r: Relation, check: Check) -> tuple[bool, str]:
        members = (*r.members, r.delta) if r.delta else r.members
        stated = _stated(r.kind, r.members)

        def again(override: dict[str, Figure]) -> Check:
            return rerun(r, override)
        rounded = explained_by_rounding(members, figures, again)
        if rounded is not None:
            return False, f"not a finding: {rounded}"
        if not far_off(r.kind, r.members, check, figures, stated):
            return True, ""
        why = explained_by_slip(text, members, figures, again, stated)
        if why is not None:
            return True, f"possibly a misprint: {why}"
        return False, (f"not a finding: the figures are more than {FAR_OFF:g} times apart and no single misprint "
                       "of one of them explains it, so they are likely not related as read")
    return judge


def slip_judge(text: str, figures: dict[str, Figure], rerun: Callable[[Relation, dict[str, Figure]], Check]
               ) -> Callable[[Relation, Check], str | None]:
    """`choose`'s `slipped`: the slips of the pen, each in one figure, that make a contradicted
    relation hold, in words (`explained_by_slip`), when that is evidence of a printing error
    rather than of a wrong link; else None.

    Among the hundred slips of a relation's figures one often makes it hold by chance, so a slip
    is evidence only where chance is small and nothing else explains the miss:
    - the relation states a figure that the others test (a share, a change, a rate, a total; a
      part larger than its whole is undone by dropping a digit of either), printed with three
      significant digits or more: the slips of "7.0%" cover 0.0 to 97.0 in steps of a few
      tenths, and one of them meets what unrelated figures give one time in a few;
    - no figure is hedged or round (an amount ending in 00 is rounded: its slips mean nothing);
    - the stated figure misses by at least two units of its last digit (a smaller miss is a
      rounding convention, a weight or a revision as often as a slip), and by less than a
      factor of two (a figure ten times off is a wrong link as often as a misprint: it is a
      finding only from the flag threshold, `misprint_judge`).
    `rerun(r, override)` checks `r` again with some figures replaced.
    """
    from numcheck.checks.slips import explained_by_slip, rounded_to_hundreds, significant_digits

    def judge(r: Relation, check: Check) -> str | None:
        stated = figures.get(str(_stated(r.kind, r.members)))
        members = [m for m in ((*r.members, r.delta) if r.delta else r.members) if m in figures]
        if stated is None or check.expected is None or significant_digits(stated.text) < 3:
            return None
        if any(figures[m].hedge or rounded_to_hundreds(figures[m]) is not None for m in members):
            return None
        given, got = abs(stated.value), abs(Decimal(str(check.expected)))
        iv = stated.magnitude
        miss = iv.lo - got if got < iv.lo else got - iv.hi if got > iv.hi else Decimal(0)
        if not given or not got or max(given, got) > 2 * min(given, got) or miss < 2 * stated.resolution:
            return None
        return explained_by_slip(text, members, figures, lambda override: rerun(r, override), stated.id)
    return judge


def _two_forms(r: Relation) -> tuple[str | None, str | None, str | None]:
    """A change read in both forms, whatever its old level: (change, new level, other form)."""
    return r.members[0], r.members[2], r.delta


def clear_reading(group: Sequence[Relation]) -> bool:
    """Whether the likeliest of a group's readings (raw scores, likeliest first) scores more than
    all its alternatives together: a share's whole chosen among three wholes the linker finds
    about as likely is not clear, whatever the calibration makes of its score.

    >>> r = lambda s: Relation(CheckKind.share, ("q1", "q2", "q3"), s)
    >>> clear_reading([r(0.9), r(0.05)]), clear_reading([r(0.33), r(0.29), r(0.28)]), clear_reading([r(0.4)])
    (True, False, True)
    """
    if not group:
        return True
    top = group[0]
    # The same change without its old level is the same reading, not an alternative to it.
    rest = [r for r in group[1:] if not (r.delta is not None and r.members[1] is None and _two_forms(r) == _two_forms(top))]
    return top.score > sum(r.score for r in rest)


def _plausible(relation: Relation, check: Check, figures: dict[str, Figure]) -> bool:
    """Whether a contradicted relation could be a printing error rather than a wrong link.

    Not when a share is computed at more than 100% against a stated share of at most 100% (its
    part and whole are swapped or of different things), nor when the amounts of a change (its
    levels and its absolute form) differ by more than a factor of 1,000: they were not printed
    in one unit ("$65.8 requested, down $76.8 million"), whatever the text meant; nor when a
    change stated as an amount is more than 1,000 times smaller or larger than the difference of
    its levels ("down 6" between 10,118 and 30,879: the 6 counts something else).

    >>> _plausible(Relation(CheckKind.share, ("q1", "q2", "q3"), 0.9), Check(kind="share", quantities=["q1"], verdict="inconsistent", expected=377.6), {})
    False
    """
    if relation.kind is CheckKind.share and check.expected is not None and check.expected > 100:
        return False
    if relation.kind is CheckKind.change:
        ids = [m for m in (*relation.members[1:], relation.delta) if m and m in figures]
        amounts = [abs(figures[m].value) for m in ids if not is_percent(figures[m])]
        amounts = [a for a in amounts if a]
        if len(amounts) >= 2 and max(amounts) > 1000 * min(amounts):
            return False
        stated = figures.get(relation.members[0])
        if stated is not None and not is_percent(stated) and stated.value and check.expected:
            ratio = abs(float(stated.value)) / abs(check.expected)
            if not 1e-3 <= ratio <= 1e3:
                return False
    return True


#: How faint a link, and how many readings of an anchor, may explain a flagged figure otherwise.
EXPLAIN_LINK = 0.001
EXPLAIN_ALTERNATIVES = 32


def _stated(kind: CheckKind, members: Sequence[str | None]) -> str | None:
    """The figure a check of `kind` tests against the others: a share's percent, a change, a
    rate, a sum's total (a part and its whole test each other: None)."""
    if kind is CheckKind.sum:
        return members[-1] if members[-1] != "100%" else None
    return None if kind is CheckKind.part_whole else members[0]


def _explained_elsewhere(doc: LinkDoc, scored: Scored, checks: list[Check],
                         run: Callable[[Relation], tuple[Check, list[Derived]]]) -> tuple[list[Check], list[Check]]:
    """Findings whose stated figure the arithmetic confirms in another reading become questions.

    A finding says the text is wrong: its figure does not follow from the ones it was linked to.
    When the same figure follows exactly from other figures of the document, in any reading the
    linker gives even a faint link to (down to `EXPLAIN_LINK`, `EXPLAIN_ALTERNATIVES` readings
    an anchor), the link is in doubt, not the figure: printed figures rarely agree by chance,
    and a printing error rarely leaves a figure that agrees with others. A split totalling at
    most 100% confirms nothing (any few shares do). A question made so says why in its
    explanation. Returns (checks kept, checks made questions).
    """
    explained: dict[str, str] = {}  # a stated figure's id: the arithmetic that confirms it
    for group in decode(doc, scored, min_link=EXPLAIN_LINK, alternatives=EXPLAIN_ALTERNATIVES):
        for r in group:
            stated = _stated(r.kind, r.members)
            if stated is None or stated in explained:
                continue
            try:
                check, _ = run(r)
            except (KeyError, ArithmeticError, ValueError):
                continue
            if check.verdict is Verdict.consistent:
                explained[stated] = check.explanation
    figs = {f.id: f for f in doc.figures}
    shares_of: dict[str, set[str]] = {}  # a figure's id: the percents linked to it as its share
    for i, f in enumerate(doc.figures):
        if f.kind is K.PERCENT:
            for _, b in scored.best(i, Link.share_part, least=EXPLAIN_LINK):
                shares_of.setdefault(doc.figures[b].id, set()).add(f.id)

    def siblings(c: Check) -> str | None:
        # "272,000 (44%) ... 42,000 (7%)": 42,000 is not 7% of 272,000 but both are shares of one
        # whole, when the ratio of the amounts is that of their percents
        if c.kind is not CheckKind.share:
            return None
        p, a, w = (figs.get(str(x)) for x in c.quantities[:3])
        if p is None or a is None or w is None or w.interval.lo <= 0:
            return None
        lo, hi = a.interval.lo / w.interval.hi, a.interval.hi / w.interval.lo
        for q in (figs[x] for x in shares_of.get(w.id, ()) if x != p.id):
            if q.interval.lo > 0 and p.interval.lo / q.interval.hi <= hi and lo <= p.interval.hi / q.interval.lo:
                return (f"{a.printed} ({p.printed}) and {w.printed} ({q.printed}) may be shares of one whole: "
                        f"{a.printed} / {w.printed} is {p.printed} / {q.printed} within rounding")
        return None

    kept, doubted = [], []
    for c in checks:
        stated = _stated(c.kind, c.quantities)
        why = ((explained.get(stated) if stated else None) or siblings(c)) if c.verdict is Verdict.inconsistent else None
        if why is None:
            kept.append(c)
        else:
            doubted.append(c.model_copy(update={"explanation": f"{c.explanation}. Not a finding: {why}"}))
    return kept, doubted


def situate(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Say where and when each figure applies, so figures of many documents can be compared:
    the year printed nearest to it, and the country the document is about.

    >>> situate("Azerbaijan recorded 33,379 crimes in 2024.", [Quantity(id="q1", start=20, end=26, text="33,379",
    ...         kind="COUNT")])[0].period
    '2024'
    """
    from numcheck.population import find_country

    place = find_country(text)
    out = []
    for q in quantities:
        update: dict[str, object] = {}
        if q.period is None and K(q.kind) in ARITHMETIC:
            year = nearest_year(text, q.start, window=120)
            if year is not None:
                update["period"] = str(year)
        if q.place is None and place:
            update["place"] = place
        out.append(q.model_copy(update=update) if update else q)
    return out


def link_and_check(
    document: Document,
    quantities: list[Quantity],
    states: TokenStates | None,
    scorer: LinkScorer,
    *,
    thresholds: Thresholds = Thresholds(),
    population: float | None = None,
    reference: Reference | None = None,
    calibrate: object = None,
    confirm: object = None,
    prepared: tuple[LinkDoc, list[Pair], np.ndarray] | None = None,
) -> DocumentResult:
    """Find the relations between the figures of a document and check each one.

    `prepared`: the document's link document, candidate pairs and their scores, when they were
    made with others' (`Linker.prefetch`); else they are made here.

    `calibrate(kind, raw_score) -> probability` maps a decoded relation's raw score to the
    calibrated probability that the figures are related as its kind says; `confirm(kind,
    raw_score, width)` to that probability once the arithmetic has confirmed the relation within
    the relative `width` (`agreement_width`: how seldom unrelated figures agree so well; `choose`).
    """
    text = document.text
    if prepared is not None:
        doc, pairs, probs = prepared
    else:
        doc = build_doc(text, quantities, states)
        pairs = candidates(doc)
        probs = scorer.score(doc, pairs) if pairs else np.zeros((0, len(LINKS)))
    scored = Scored.of(pairs, probs)
    groups = decode(doc, scored, min_link=thresholds.min_link, alternatives=thresholds.alternatives)
    raw = {(r.kind, r.members, r.delta): r.score for g in groups for r in g}
    clear = [clear_reading(g) for g in groups]
    if calibrate is not None:
        groups = [[Relation(r.kind, r.members, float(calibrate(r.kind, r.score)), r.delta) for r in g] for g in groups]

    figs = {f.id: f for f in doc.figures}

    def confirmed(r: Relation) -> float:
        return float(confirm(r.kind, raw[(r.kind, r.members, r.delta)], agreement_width(r, figs)))  # type: ignore[operator]
    ref = document.reference or reference
    checks: list[Check] = []
    unconfirmed: list[Check] = []
    derived_of: dict[int, list[Derived]] = {}  # a finding's derived figures, by id() of its check
    seen: set[tuple[str, tuple[str | None, ...]]] = set()

    def run(r: Relation) -> tuple[Check, list[Derived]]:
        return check_relation(text, figs, r, reference=ref, population=population, source=document.source)

    def rerun(r: Relation, override: dict[str, Figure]) -> Check:
        return check_relation(text, {**figs, **override}, r, reference=ref, population=population,
                              source=document.source)[0]
    misprint = misprint_judge(text, figs, rerun)
    slipped = slip_judge(text, figs, rerun)

    for group, is_clear in sorted(zip(groups, clear, strict=True), key=lambda t: -t[0][0].score):
        chosen = choose(group, run, thresholds, outside_population=not (ref and ref.population) and not population,
                        figures=figs, confirmed=confirmed if confirm is not None else None, clear=is_clear,
                        misprint=misprint, slipped=slipped)
        if chosen is None:
            continue
        r, check, der, finding = chosen
        key = (r.kind.value, r.members)
        if key in seen:
            continue
        seen.add(key)
        (checks if finding else unconfirmed).append(check)
        if finding:
            derived_of[id(check)] = der
    if any(c.verdict is Verdict.inconsistent for c in checks):
        checks, doubted = _explained_elsewhere(doc, scored, checks, run)
        unconfirmed += doubted
    # a share's part and whole are not also reported as a part and its whole; beside a share
    # left as a question, "the part is no larger than the whole" says nothing either, unless
    # it is itself a finding
    in_shares = {(c.quantities[1], c.quantities[2]) for c in checks if c.kind is CheckKind.share}
    in_questions = {(c.quantities[1], c.quantities[2]) for c in unconfirmed if c.kind is CheckKind.share}
    checks = [c for c in checks if not (c.kind is CheckKind.part_whole and (
        tuple(c.quantities) in in_shares or (tuple(c.quantities) in in_questions and c.verdict is Verdict.consistent)))]
    quantities = situate(text, quantities)
    claims = []
    for s in sentences(text):
        qids = [q.id for q in quantities if s.start <= q.start < s.end]
        if qids:
            claims.append(Claim(start=s.start, end=s.end, quantities=qids))
    checks.sort(key=lambda c: _first_start(c, quantities))
    return DocumentResult(id=document.id, source=document.source, text=text, quantities=quantities,
                          claims=claims, checks=checks, derived=[d for c in checks for d in derived_of.get(id(c), [])],
                          unconfirmed=unconfirmed)


def _first_start(check: Check, quantities: list[Quantity]) -> int:
    starts = {q.id: q.start for q in quantities}
    return min((starts[x] for x in check.quantities if x in starts), default=0)
