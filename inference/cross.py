"""Checks across documents: a new release's figures matched against the figures of a store.

A pipe of typed records, each printable:

    DocumentResult --describe_document--> StoredDocument (figures with what they count, their
    period, the period a change compares against, a vector of the words that name them)
    --candidates--> Candidate triples (change, new level, old level), pairs (restated figure)
    and running totals (earlier total, part, new total)
    --MatchScorer--> scores --check_relation--> verdicts --resolve--> CrossCheck records

"Same measure" is a judgement on words that differ between releases ("crimes recorded" /
"registered criminal offences"), so it is made by a learned score over the encoder's vectors
and a few general agreements (kind, unit, period, place, order of magnitude), never by string
equality; the arithmetic is `numcheck.checks.relation.check_relation`, the same as within a
document. The score never sees whether the arithmetic agrees, so a wrong figure matches as
surely as a right one; a mismatch is flagged `inconsistent` only when the score is high and
no other measure of the archive fits, and is `ambiguous` when two measures fit and disagree
(the seed's "crimes decreased by 9.4%": all crimes, or those the police investigated).

`Embedder` is the protocol the matcher needs (`embed(texts) -> array`); `EncoderEmbedder` mean-
pools the shipped fine-tuned encoder's last hidden states.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from numcheck.checks.figure import Figure, make_figure
from numcheck.checks.relation import Relation, check_relation, in_one_unit, unit_dimension
from numcheck.checks.slips import explained_by_slip, far_off, significant_digits
from numcheck.inference.periods import (
    Period,
    compared_period,
    document_period,
    figure_period,
    find_periods,
    parse_pub_date,
)
from numcheck.inference.text import sentences
from numcheck.numbers import UNIT_SYMBOLS, parse_number
from numcheck.precision import describe_interval, find_hedge
from numcheck.schema import (
    CheckKind,
    CrossCheck,
    CrossKind,
    CrossRef,
    CrossSource,
    DocumentResult,
    Quantity,
    QuantityKind,
    Source,
    Verdict,
)
from numcheck.store import StoredDocument, StoredFigure, Store, Writer

#: The learned match scores, shipped beside the tagger.
SCORER_PATH = Path(__file__).resolve().parent.parent / "models" / "cross" / "scorer.json"
_LEVEL_KINDS = ("COUNT", "MONEY", "MEASURE", "PERCENT", "RATE")
_STOP = frozenset(
    "a an the of in on at to for by and or with from as is was were are be been being this that these those it its "
    "their them they which who whom than then there per all over under into across during since compared same "
    "period year years last previous total number".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


# --------------------------------------------------------------------------- embeddings


class Embedder(Protocol):
    """Turns texts into unit vectors whose dot products say how alike their meanings are."""

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """An array of shape (len(texts), dim), float32, each row of norm 1 (or 0 for an empty text)."""
        ...


class EncoderEmbedder:
    """Mean-pooled last hidden states of the fine-tuned encoder (the shipped tagger's BERT).

    The tagger's head is not used: the encoder below it was trained from a sentence-embedding
    model, and its last hidden states, averaged over the tokens of a phrase, keep what the phrase
    counts. The layers are run here, not through `BertTagger.forward`, which returns tag logits.

    >>> # EncoderEmbedder().embed(["crimes recorded", "registered criminal offences"]).shape
    """

    def __init__(self, model_path: str | Path | None = None, *, max_length: int = 64, batch_size: int = 64) -> None:
        import torch

        from numcheck.models.io import load_tagger

        self._torch = torch
        self.model, self.tokenizer, _ = load_tagger(model_path)
        self.max_length = max_length
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of `texts` (see `Embedder`)."""
        torch = self._torch
        bert = self.model.bert

        def pooled(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
            ids_t, mask_t = torch.from_numpy(ids), torch.from_numpy(mask)
            with torch.inference_mode():
                x = bert.embeddings(ids_t)
                attn = mask_t.bool()[:, None, None, :]
                for layer in bert.encoder.layer:
                    x = layer(x, attn)
                m = mask_t[:, :, None].float()
                return torch.nn.functional.normalize((x * m).sum(1) / m.sum(1).clamp(min=1), dim=-1).numpy()

        return _embed_phrases(texts, self.tokenizer, self.max_length, self.batch_size,
                              bert.embeddings.word_embeddings.embedding_dim, pooled)


def _embed_phrases(texts: Sequence[str], tokenizer: Any, max_length: int, batch_size: int, dim: int,
                   pooled: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    """Unit vectors of `texts`: each text's first window, batched by length and padded, through
    `pooled` (token ids, attention mask -> one unit vector a row); an empty text gets 0."""
    encoded = [tokenizer.windows(t or ".", max_length=max_length, stride=0)[0][0] for t in texts]
    out = np.zeros((len(texts), dim), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
    pad = tokenizer.pad_token_id
    for b in range(0, len(order), batch_size):
        idx = order[b : b + batch_size]
        width = max(len(encoded[i]) for i in idx)
        ids = np.full((len(idx), width), pad, dtype=np.int64)
        mask = np.zeros((len(idx), width), dtype=np.int64)
        for r, i in enumerate(idx):
            ids[r, : len(encoded[i])] = encoded[i]
            mask[r, : len(encoded[i])] = 1
        out[idx] = pooled(ids, mask)
    for i, t in enumerate(texts):
        if not t.strip():
            out[i] = 0
    return out


class OnnxEmbedder:
    """`EncoderEmbedder`'s vectors from the ONNX export, without torch: the `hidden` output is the
    fine-tuned encoder's last layer (int8; the tagger's head and the relation branch are not used).

    `tagger` and `tokenizer`, when given, are a loaded extractor's (`ModelExtractor` on ONNX
    Runtime): the run's session serves both, and the model is loaded once.

    >>> # OnnxEmbedder().embed(["crimes recorded", "registered criminal offences"]).shape
    """

    def __init__(self, model_path: str | Path | None = None, *, max_length: int = 64, batch_size: int = 64,
                 tagger: Any = None, tokenizer: Any = None) -> None:
        if tagger is None or tokenizer is None:
            from numcheck.models.io import SHIPPED_DIR
            from numcheck.models.runtime import OnnxTagger
            from numcheck.models.tokenizer import WindowTokenizer

            path = Path(model_path) if model_path is not None else SHIPPED_DIR
            tagger, tokenizer = OnnxTagger(path, relation=False), WindowTokenizer(path)
        self.session = tagger
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.batch_size = batch_size

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of `texts` (see `Embedder`)."""

        def pooled(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
            _, x = self.session(ids, mask, states=True, tags=False, states_from="hidden")
            m = mask[:, :, None].astype(np.float32)
            mean = (x * m).sum(1) / np.maximum(m.sum(1), 1)
            return mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)

        return _embed_phrases(texts, self.tokenizer, self.max_length, self.batch_size, self.session.widths["hidden"],
                              pooled)


def default_embedder(model_path: str | Path | None = None, extractor: Any = None) -> Embedder:
    """The encoder from the ONNX export (no torch; the session of `extractor` when it is the same
    model on ONNX Runtime, so a run loads the model once), else on torch when the model has no
    export (its vectors are torch's to a cosine above 0.999 on measure phrases); a clear E_MODEL
    when neither loads."""
    from numcheck.errors import ModelError
    from numcheck.models.io import SHIPPED_DIR
    from numcheck.models.runtime import ONNX_FILE

    path = Path(model_path) if model_path is not None else SHIPPED_DIR
    if (extractor is not None and getattr(extractor, "runtime", None) == "onnx"
            and Path(getattr(extractor, "model_path", "")).resolve() == path.resolve()):
        return OnnxEmbedder(tagger=extractor.session, tokenizer=extractor.tokenizer)
    failure: Exception | None = None
    if (path / ONNX_FILE).is_file():
        try:
            return OnnxEmbedder(path)
        except Exception as exc:  # noqa: BLE001 - whatever stops the export from loading, try torch
            failure = exc
    try:
        return EncoderEmbedder(model_path)
    except Exception as exc:  # noqa: BLE001 - whatever stops the encoder from loading, say so
        failure = failure or exc
    raise ModelError("E_MODEL", f"--store needs the encoder, which cannot load ({failure})",
                     "export the model (numcheck export --model DIR) or install the train extra") from None


def vector_bytes(v: np.ndarray) -> bytes:
    """A vector as the store keeps it (float16).

    >>> len(vector_bytes(np.ones(4, dtype=np.float32)))
    8
    """
    return np.asarray(v, dtype=np.float16).tobytes()


def vector_of(b: bytes | None, dim: int) -> np.ndarray:
    """A stored vector back as float32 (zeros when none was stored)."""
    if not b:
        return np.zeros(dim, dtype=np.float32)
    return np.frombuffer(b, dtype=np.float16).astype(np.float32)


# --------------------------------------------------------------------------- describing figures


_DURATION = frozenset("day days week weeks month months year years hour hours minute minutes".split())


def family(q: Quantity | StoredFigure) -> str:
    """What a figure is measured in, for deciding which figures can be compared at all:
    `pct` (percent or points), `money:<currency>`, `measure:<unit>`, `times`, or `count`.

    A measure in a unit of known dimension is of that dimension, so a figure printed in "Mtoe"
    meets one printed in "million tonnes of oil equivalent".

    >>> family(Quantity(id="q1", start=0, end=6, text="333 kg", kind="CHANGE"))
    'measure:mass'
    >>> family(Quantity(id="q1", start=0, end=8, text="8.8 Mtoe", kind="MEASURE"))
    'measure:oil equivalent'
    """
    p = parse_number(q.text)
    if p is None:
        return "count"
    if p.form == "percent" or p.unit in ("%", "pp"):
        return "pct"
    if p.form == "money":
        return f"money:{p.unit}"
    if p.form == "measure":
        if (p.unit or "").lower() in _DURATION:
            return "duration"
        known = UNIT_SYMBOLS.get(p.unit or "")
        return f"measure:{known[0] if known else p.unit}"
    if p.form == "multiplier":
        return "times"
    # The low end of a range prints no unit of its own: "from 8.7 to 9.6 Mtoe" (its unit is read
    # from the high end).
    known = UNIT_SYMBOLS.get(q.unit or "") if q.kind in ("MEASURE", "CHANGE") else None
    return f"measure:{known[0]}" if known else "count"


def content_words(text: str) -> set[str]:
    """The words of a phrase that say what it counts, cut to five letters (a crude stem).

    >>> sorted(content_words("of the crimes were registered"))
    ['crime', 'regis']
    """
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2}


_CLAUSE = re.compile(r"[,;:()]|\s[–—-]\s")
_RESTATED = re.compile(r"^\s*(?:or|,)?\s*\(?\s*$|^\s*or\s", re.I)
_OPENER = re.compile(r"\b(?:that|which|whom)\s", re.I)
_BRACKET_AFTER = re.compile(r"\s*\)|\s*\([^()]{0,80}\)")


class FigureSpans:
    """The figure spans of a text, sorted for the lookups `measure_words` makes once a figure (a
    long report has tens of thousands of figures: a scan of every span for each was quadratic).

    >>> sp = FigureSpans([(29, 33), (45, 47), (3, 5)])
    >>> sp.end_before(40, 0), sp.end_before(40, 30), sp.start_after(34, 100), sp.start_after(48, 100)
    (33, 30, 45, 100)
    """

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.by_end = sorted(spans, key=lambda se: (se[1], se[0]))
        self.ends = [e for _s, e in self.by_end]
        self.starts = sorted(s for s, _e in spans)
        self.last_start_ending: dict[int, int] = {}
        for s, e in self.by_end:
            self.last_start_ending[e] = max(s, self.last_start_ending.get(e, s))

    def end_before(self, pos: int, floor: int) -> int:
        """The last end at or before `pos` of a span starting at `floor` or later; `floor` if none."""
        k = bisect.bisect_right(self.ends, pos) - 1
        while k >= 0 and self.ends[k] >= floor:
            if self.by_end[k][0] >= floor:
                return max(self.ends[k], floor)
            k -= 1
        return floor

    def start_after(self, pos: int, ceiling: int) -> int:
        """The first start at or after `pos` and before `ceiling`; `ceiling` if none."""
        k = bisect.bisect_left(self.starts, pos)
        return self.starts[k] if k < len(self.starts) and self.starts[k] < ceiling else ceiling


def measure_words(text: str, sentence: tuple[int, int], q: Quantity,
                  spans: Sequence[tuple[int, int]] | FigureSpans) -> str:
    """The words that name what a figure counts: its clause, cut at the figures beside it.

    Left of the figure back to a clause mark or the previous figure, right of it up to a clause
    mark or the next figure; when that leaves fewer than three words, the left side reaches one
    clause further. Figures and digits are left out.

    >>> t = "Overall, crimes decreased by 9.4%, thefts by 3%."
    >>> measure_words(t, (0, len(t)), Quantity(id="q1", start=29, end=33, text="9.4%", kind="CHANGE"), [(29, 33), (45, 47)])
    'crimes decreased by'
    """
    s0, s1 = sentence
    index = spans if isinstance(spans, FigureSpans) else FigureSpans(spans)
    prev_end = index.end_before(q.start, s0)
    # A figure restated after "or" shares the words before its partner ("decreased by 12.3
    # percent or 1,101 incidents"): the left side reaches past the partner.
    if prev_end > s0 and _RESTATED.match(text[prev_end : q.start]):
        prev_end = index.end_before(index.last_start_ending[prev_end], s0)
    # The words after a bracket that follows the figure ("5240 (+224) crimes against property"),
    # or after the bracket the figure closes ("only 15.7% (2236) were grave crimes"), name it.
    after = q.end
    m = _BRACKET_AFTER.match(text, after, s1)
    if m:
        after = m.end()
    next_start = index.start_after(after, s1)
    left = text[prev_end : q.start]
    right = text[after : max(after, next_start)]
    # A clause that opens with "that" or "which" starts at it: the words before ("the Minister
    # stressed that") are about the speaker, not the figure.
    opener = list(_OPENER.finditer(left))
    if opener:
        left = left[opener[-1].end() :]
    cut = list(_CLAUSE.finditer(left))
    left_near = left[cut[-1].end() :] if cut else left
    rm = _CLAUSE.search(right)
    right_near = right[: rm.start()] if rm else right
    words = _clean(left_near) + " " + _clean(right_near)
    if len(words.split()) < 3 and len(cut) >= 1:
        before = left[cut[-2].end() : cut[-1].start()] if len(cut) >= 2 else left[: cut[-1].start()]
        words = _clean(before) + " " + words
    return " ".join(words.split()[-24:])


def _clean(s: str) -> str:
    s = re.sub(r"[\d.,%+−–-]*\d[\d.,%]*", " ", s)
    return " ".join(s.replace("\n", " ").split())


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sentences(text)] or [(0, len(text))]


def _sentence_of(spans: list[tuple[int, int]], pos: int, starts: Sequence[int] | None = None) -> tuple[int, int]:
    """The sentence holding `pos`, else the one starting nearest it (`spans` sorted, non-overlapping;
    `starts` their starts, given when asked many times).

    >>> _sentence_of([(0, 10), (11, 20)], 12), _sentence_of([(0, 10), (12, 20)], 11)
    ((11, 20), (12, 20))
    """
    if not spans:
        return 0, 0
    starts = starts if starts is not None else [s for s, _e in spans]
    k = bisect.bisect_right(starts, pos) - 1
    if k >= 0 and pos < spans[k][1]:
        return spans[k]
    near = [spans[j] for j in (k, k + 1) if 0 <= j < len(spans)]
    return min(near, key=lambda se: abs(se[0] - pos))


def source_fields(source: Source | str | dict | None) -> dict[str, str | None]:
    """publisher, title, date and url of a result's `source`, whatever form it came in.

    >>> source_fields({"publisher": "P", "date": "2024-01-02"})["date"]
    '2024-01-02'
    """
    if isinstance(source, Source):
        source = source.model_dump()
    if isinstance(source, dict):
        return {k: (str(source[k]) if source.get(k) is not None else None) for k in ("publisher", "title", "date", "url")}
    return {"publisher": None, "title": None, "date": None, "url": None}


def describe_document(result: DocumentResult, embedder: Embedder) -> StoredDocument:
    """A checked document as the store keeps it: each arithmetic figure with its measure words,
    period, compared period (changes), partner level (from the document's own change checks),
    place and vector.

    >>> # describe_document(result, EncoderEmbedder()).figures[0].period_label
    """
    src = source_fields(result.source)
    text = result.text
    mentions = find_periods(text, src["date"])
    own = document_period(src["title"], text, src["date"], mentions)
    # A running total whose release names no period of its own runs to the day it is printed.
    until = None if title_names_period(src["title"], src["date"]) else parse_pub_date(src["date"])[1]
    sents = _sentence_spans(text)
    partner, old_here = {}, set()
    for c in result.checks:
        if c.kind == CheckKind.change and len(c.quantities) == 3 and c.quantities[2]:
            partner.setdefault(c.quantities[0], c.quantities[2])
            if c.quantities[1]:
                old_here.add(c.quantities[0])
    # A table's figures are named by their row and column headers, which the matcher does not read
    # (their clause in the laid-out text is "| |"): only the prose's figures are stored.
    tables = sorted((t.start, t.end) for t in result.tables)
    table_starts = [a for a, _b in tables]

    def in_table(pos: int) -> bool:
        k = bisect.bisect_right(table_starts, pos) - 1
        return k >= 0 and pos < tables[k][1]

    qs = [q for q in result.quantities if q.kind.value in _LEVEL_KINDS + ("CHANGE",) and not in_table(q.start)]
    spans = FigureSpans([(q.start, q.end) for q in result.quantities if q.kind.value not in ("DATE",)])
    # Each figure reads the periods named in its sentence: found by bisection, once a figure.
    mentions = sorted(mentions, key=lambda m: m.start)
    mention_starts = [m.start for m in mentions]
    sent_starts = [s for s, _e in sents]
    figures = []
    for q in qs:
        if make_figure(q, text) is None or family(q) == "duration":
            continue
        sent = _sentence_of(sents, q.start, sent_starts)
        near = mentions[bisect.bisect_left(mention_starts, sent[0]) : bisect.bisect_left(mention_starts, sent[1])]
        period = figure_period(near, sent, q.start, own, cumulative=q.kind is not QuantityKind.CHANGE, until=until,
                               text=text, end=q.end)
        words = measure_words(text, sent, q, spans)
        f = StoredFigure(
            doc_id=result.id, qid=q.id, start=q.start, end=q.end, text=q.text, kind=q.kind.value,
            value=float(q.value) if isinstance(q.value, int | float) else None, unit=q.unit,
            measure=words, place=q.place, sentence_start=sent[0], sentence_end=sent[1],
        )
        if period is not None:
            f.period_start, f.period_end = period.iso()
            f.period_label = period.label
        if q.kind is QuantityKind.CHANGE:
            # A change whose old value its own document states is checked there; a restated
            # old value is checked against the archive as `equal`.
            cmp = None if q.id in old_here else compared_period(near, text, sent, q.start, period)
            if cmp is not None:
                f.compare_start, f.compare_end = cmp.iso()
            f.partner = partner.get(q.id)
        figures.append(f)
    _adjacent_levels(text, figures)
    if figures:
        # Each phrase is encoded once: a long report names few measures many times.
        phrases = [_embed_text(f) for f in figures]
        distinct = list(dict.fromkeys(phrases))
        vecs = dict(zip(distinct, (vector_bytes(v) for v in embedder.embed(distinct)), strict=True))
        for f, phrase in zip(figures, phrases, strict=True):
            f.vector = vecs[phrase]
    doc = StoredDocument(id=result.id, text=text, **src, place=next((q.place for q in qs if q.place), None))
    if own is not None:
        doc.period_start, doc.period_end = own.iso()
        doc.period_label = own.label
    doc.figures = figures
    return doc


_ADJACENT_GAP = re.compile(r"^[\s(,;:]*(?:or\s+|and\s+|by\s+)?[(\s]*$|^\s*\(", re.I)


def _adjacent_levels(text: str, figures: list[StoredFigure]) -> None:
    """Each change's adjacent level: the level printed right before it in its sentence with at most
    a bracket, a comma or a few words between ("5688 (+1160)", "4,398 vessel calls, 3.1% more"). A
    change with few words of its own takes its adjacent level's words (a bracketed change has none)."""
    levels: dict[int | None, list[StoredFigure]] = {}
    for f in figures:
        if f.kind != "CHANGE":
            levels.setdefault(f.sentence_start, []).append(f)
    for c in (f for f in figures if f.kind == "CHANGE"):
        before = [n for n in levels.get(c.sentence_start, ()) if n.end <= c.start]
        if not before:
            continue
        n = max(before, key=lambda x: x.end)
        gap = text[n.end : c.start]
        if len(gap) <= 60 and (_ADJACENT_GAP.match(gap) or len(gap.split()) <= 6):
            c.adjacent = n.qid
            if len(content_words(c.measure)) < 2:
                c.measure = f"{n.measure} {c.measure}".strip()


@lru_cache(maxsize=4096)
def title_names_period(title: str | None, pub_date: str | None) -> bool:
    """Whether a release's title names the period it reports on ("January to June 2024"): its
    figures' periods are then the title's, not a guess. Asked for every figure of a document read
    against the archive, so kept per title.

    >>> title_names_period("Burglary bulletin, January to June 2024", "2024-07-11"), title_names_period("Alstom pleads guilty", None)
    (True, False)
    """
    return bool(title and find_periods(title, pub_date))


def _embed_text(f: StoredFigure) -> str:
    unit = f.unit if f.unit and f.unit not in ("%", "pp") and f.unit.lower() not in f.measure.lower() else ""
    return f"{f.measure} {unit}".strip()


# --------------------------------------------------------------------------- candidates and features


@dataclass
class Fig:
    """A figure during matching: the stored record, its document, its vector and its periods."""

    f: StoredFigure
    doc: StoredDocument
    vec: np.ndarray
    family: str
    words: set[str]
    hedged: bool = False

    # The stored figure does not change while it is matched: its periods are read once.
    @cached_property
    def period(self) -> Period | None:
        return _period(self.f.period_start, self.f.period_end)

    @cached_property
    def compare(self) -> Period | None:
        return _period(self.f.compare_start, self.f.compare_end)

    @property
    def key(self) -> str:
        return f"{self.f.doc_id}#{self.f.qid}"

    @cached_property
    def undated(self) -> bool:
        """Whether nothing names the figure's period: not its sentence, nor its document's title
        (a bulletin "January to June 2024" names its figures' period). Its period is then a guess
        from the text's commonest year or the publication date, which a one-off amount (a
        settlement, a contract's value) or a count "to date" does not have."""
        sentence = self.doc.text[self.f.sentence_start : self.f.sentence_end]
        if any(not m.compared for m in find_periods(sentence, self.doc.date)):
            return False
        return not title_names_period(self.doc.title, self.doc.date)


def _period(a: str | None, b: str | None) -> Period | None:
    if not a or not b:
        return None
    return Period(date.fromisoformat(a), date.fromisoformat(b))


def period_fit(a: Period | None, b: Period | None) -> float:
    """How well two periods coincide: shared days over the days of either (1 for the same span).

    >>> period_fit(Period(date(2024, 1, 1), date(2024, 12, 31)), Period(date(2024, 1, 1), date(2024, 6, 30)))
    0.4973
    """
    if a is None or b is None or not a.overlaps(b):
        return 0.0
    shared = (min(a.end, b.end) - max(a.start, b.start)).days + 1
    return round(shared / ((max(a.end, b.end) - min(a.start, b.start)).days + 1), 4)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def unit_factor(f: StoredFigure) -> tuple[str, float] | None:
    """A figure's unit as a dimension and its factor to that dimension's base unit, read as the
    checker reads it (`numcheck.checks.relation.unit_dimension`); None for a unit it does not convert.

    >>> from numcheck.store import StoredFigure as F
    >>> unit_factor(F(doc_id="d", qid="q", start=0, end=8, text="8.8 Mtoe", kind="MEASURE", unit="Mtoe"))
    ('oil equivalent', 1000000.0)
    """
    known = unit_dimension(f.unit, f.text)
    return (known[0], float(known[1])) if known else None


def _logratio(a: StoredFigure, b: StoredFigure) -> float:
    """How far apart two figures are in size (log10 of their ratio, at most 3), in one unit when
    both are printed in units of one dimension ("8.8 Mtoe" against "9.6 million tonnes of oil
    equivalent": 8.8 million against 9.6 million toe).

    >>> from numcheck.store import StoredFigure as F
    >>> a = F(doc_id="d", qid="a", start=0, end=8, text="8.8 Mtoe", kind="MEASURE", value=8.8, unit="Mtoe")
    >>> b = F(doc_id="e", qid="b", start=0, end=6, text="9.6 million toe", kind="MEASURE", value=9.6e6, unit="toe")
    >>> round(_logratio(a, b), 3)
    0.038
    """
    if a.value is None or b.value is None or a.value == 0 or b.value == 0:
        return 3.0
    ratio = abs(a.value) / abs(b.value)
    ua, ub = unit_factor(a), unit_factor(b)
    if ua and ub and ua[0] == ub[0]:
        ratio *= ua[1] / ub[1]
    return min(3.0, abs(math.log10(ratio)))


def _unit_agree(a: StoredFigure, b: StoredFigure) -> float:
    ua, ub = (a.unit or "").lower().strip(), (b.unit or "").lower().strip()
    if not ua or not ub:
        return 0.5
    if ua == ub:
        return 1.0
    fa, fb = unit_factor(a), unit_factor(b)
    if fa and fb and fa[0] == fb[0]:
        return 1.0
    return 0.5 if content_words(ua) & content_words(ub) else 0.0


def _place_agree(a: StoredFigure, b: StoredFigure) -> float:
    if not a.place or not b.place:
        return 0.5
    return 1.0 if a.place == b.place else 0.0


EQUAL_FEATURES = ("cos", "jaccard", "unit", "logratio", "period_fit", "place", "rank", "same_kind", "publisher",
                  "hedged")
CHANGE_FEATURES = ("cos_no", "cos_cn", "cos_co", "jac_no", "jac_cn", "partner", "same_sentence", "distance",
                   "rank_n", "rank_o", "logratio", "unit", "period_fit", "place", "new_is_pct", "publisher",
                   "adjacent", "hedged")

#: A running total's features: the equal features of the earlier total against the new one, then
#: those of the part against the new total, its size compared per day of their periods (a part of
#: a total is smaller by about the share of the total's days it covers). The shipped equal model
#: scores each pair; the sum's score is the lower (`MatchScorer.score_all`).
SUM_FEATURES = tuple(f"old_{n}" for n in EQUAL_FEATURES) + tuple(f"part_{n}" for n in EQUAL_FEATURES)
#: Amounts that add up over time: a running total is of these kinds (a percent or a rate is not).
_SUM_KINDS = ("COUNT", "MONEY", "MEASURE")


def _publisher_agree(a: StoredDocument, b: StoredDocument) -> float:
    if not a.publisher or not b.publisher:
        return 0.5
    return 1.0 if a.publisher == b.publisher else 0.0


@dataclass
class Candidate:
    """A possible cross check before scoring: the figures (in the check's order) and their features."""

    kind: CrossKind
    figs: tuple[Fig, ...]
    features: list[float]
    score: float = 0.0
    #: A restatement whose periods are named at different grains (a census day, its month, its
    #: year): reported when it agrees, never flagged (a rate of a month and of its year differ).
    nested: bool = False
    #: A restatement of figures one of which nothing dates (`Fig.undated`, `undated_candidates`):
    #: reported when it agrees beyond chance, never flagged.
    undated: bool = False


#: Figures of another document kept as candidates: the nearest in words, and the nearest in size.
_NEAREST_IN_WORDS = 3
_NEAREST_IN_SIZE = 2


def _shortlist(sims: np.ndarray, logratios: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """Each figure's rank by meaning (0 the nearest) and whether it is kept as a candidate: among
    the `_NEAREST_IN_WORDS` nearest in words, or the `_NEAREST_IN_SIZE` nearest in size (a figure
    may be named in other words in another release, "crimes registered" / "offenses under
    pre-trial investigation", and its size is close whether it agrees or not).

    >>> ranks, kept = _shortlist(np.array([0.9, 0.8, 0.7, 0.1, 0.0]), [1.0, 1.0, 1.0, 0.01, 2.0])
    >>> ranks.tolist(), kept.tolist()
    ([0, 1, 2, 3, 4], [True, True, True, True, False])
    """
    ranks = (-sims).argsort().argsort()
    by_size = np.asarray(logratios).argsort().argsort()
    return ranks, (ranks < _NEAREST_IN_WORDS) | (by_size < _NEAREST_IN_SIZE)


def equal_candidates(news: Sequence[Fig], olds: Sequence[Fig]) -> list[Candidate]:
    """Pairs of figures that may be one figure restated: same period, same kind, comparable units.

    The first of the pair is the earlier document's, as `cross-format.md` orders `equal`.
    """
    out = []
    for a in news:
        if a.f.kind == "CHANGE" or a.period is None:
            continue
        pool = [b for b in olds if b.f.kind == a.f.kind and b.family == a.family and b.period is not None
                and _one_period(a, b)]
        if not pool:
            continue
        sims = np.array([float(a.vec @ b.vec) for b in pool])
        sizes = [_logratio(a.f, b.f) for b in pool]
        ranks, kept = _shortlist(sims, sizes)
        for b, size, rank, keep in zip(pool, sizes, ranks, kept, strict=True):
            if not keep:
                continue
            fit = period_fit(a.period, b.period)
            # The earlier document's figure first; a document read late may be the earlier one.
            pair = (a, b) if a.doc.date and b.doc.date and a.doc.date < b.doc.date else (b, a)
            out.append(Candidate(CrossKind.equal, pair, _equal_features(a, b, int(rank), size, fit), nested=fit < 0.999))
    return out


#: Kinds of figure a one-off amount is restated in, and how far apart two values are fetched as
#: one figure restated (the arithmetic then judges them at their printed precision).
_RESTATED_KINDS = ("COUNT", "MONEY", "MEASURE")
_RESTATED_SPREAD = 0.05
#: How alike two undated figures must be named to be read as one restated: the cosine of their
#: measure phrases and the share of their content words in common (chosen on the spent
#: cross-blind-3, whose settlements and contracts are restated in later releases).
_UNDATED_COS = 0.6
_UNDATED_WORDS = 0.15
#: More earlier documents than this printing one amount alike make it a standing phrase.
_BOILERPLATE_DOCS = 2


def same_number(a: Figure, b: Figure) -> bool:
    """Whether two printed figures are one number: the more precise, rounded to the other's last
    digit, is the other ("$98.15 million" and "$98 million"; not "$2.4 billion" and "$2.3 billion",
    though truncation lets both admit 2.35 to 2.4 billion).

    >>> from numcheck.checks.slips import _figure as fig
    >>> same_number(fig("98.15"), fig("98")), same_number(fig("2.4"), fig("2.3")), same_number(fig("1,041"), fig("1,041"))
    (True, False, True)
    """
    fine, coarse = (a, b) if a.resolution <= b.resolution else (b, a)
    step = coarse.resolution
    return (abs(fine.value) / step).to_integral_value(rounding=ROUND_HALF_UP) * step == abs(coarse.value)


def value_ranges(figs: Sequence[Fig]) -> list[tuple[str, float, float]]:
    """(kind, low, high) around each figure's value that `Writer.same_values` fetches restatements in.

    >>> from numcheck.store import StoredFigure as F
    >>> f = Fig(F(doc_id="d", qid="q", start=0, end=1, text="$375 million", kind="MONEY", value=375e6),
    ...         StoredDocument(id="d", text=""), np.zeros(2), "money:USD", set())
    >>> [(k, round(lo / 1e6, 2), round(hi / 1e6, 2)) for k, lo, hi in value_ranges([f])]
    [('MONEY', 356.25, 393.75)]
    """
    out = []
    for f in figs:
        v = f.f.value
        if f.f.kind in _RESTATED_KINDS and v:
            lo, hi = sorted((v * (1 - _RESTATED_SPREAD), v * (1 + _RESTATED_SPREAD)))
            out.append((f.f.kind, lo, hi))
    return out


def _near_in_value(a: float, b: float) -> bool:
    """Whether two values are within `_RESTATED_SPREAD` of each other (`value_ranges`' window)."""
    return 1 - _RESTATED_SPREAD <= a / b <= 1 + _RESTATED_SPREAD


def _named_as_restated(a: Fig, vec: np.ndarray, words: set[str]) -> bool:
    """Whether a figure named by `vec` and `words` is named alike enough with `a` to be it
    restated without a period: cosine `_UNDATED_COS`, content words in common `_UNDATED_WORDS`."""
    return float(a.vec @ vec) >= _UNDATED_COS and _jaccard(a.words, words) >= _UNDATED_WORDS


def _named_alike_rows(mine: Sequence[Fig], rows: Sequence[StoredFigure], center: Callable[[np.ndarray], np.ndarray],
                      dim: int) -> list[StoredFigure]:
    """The stored figures near in value to one of `mine` (`Writer.same_values`) that are also named
    alike with it (`undated_candidates`' cosine and words), found from the stored rows alone: an
    archive holds many figures of any one value, and only these are worth reading their documents
    for. A figure of mine that more than `_BOILERPLATE_DOCS` earlier releases print alike takes none."""
    if not rows:
        return []
    news = [a for a in mine if a.f.kind in _RESTATED_KINDS and a.f.value]
    alike: dict[str, list[StoredFigure]] = {a.key: [] for a in news}
    for r in rows:
        if not r.value or r.kind not in _RESTATED_KINDS:
            continue
        near = [a for a in news if a.f.kind == r.kind and _near_in_value(a.f.value, r.value)]
        if not near:
            continue
        vec, words = center(vector_of(r.vector, dim)), content_words(r.measure)
        for a in near:
            if _named_as_restated(a, vec, words):
                alike[a.key].append(r)
    # Printed alike by many releases: a standing phrase ("a fine of up to $250,000"), not one
    # figure restated.
    out = {(r.doc_id, r.qid): r for found in alike.values() if len({r.doc_id for r in found}) <= _BOILERPLATE_DOCS
           for r in found}
    return list(out.values())


def undated_candidates(news: Sequence[Fig], olds: Sequence[Fig], taken: set[tuple[str, str]]) -> list[Candidate]:
    """Restatements that `equal_candidates` cannot see: one of the two figures' sentences names no
    period (`Fig.undated`), so its period is its release's by default ("Alstom paid more than $75
    million" in the plea's release and, a year later, in the sentencing's), and the two periods differ.

    Only pairs of one kind and unit, not paired already (`taken`: new and old figure's keys), that
    print one number (`same_number`) and are named alike (cosine `_UNDATED_COS`, content words in
    common `_UNDATED_WORDS`), printed so by no more than `_BOILERPLATE_DOCS` earlier releases.
    Such a pair is reported when it agrees beyond chance and never flagged (`resolve`): without
    a period, two figures of one name may be of different years.
    """
    out = []
    for a in news:
        if a.f.kind not in _RESTATED_KINDS or not a.f.value:
            continue
        pool = [b for b in olds if b.f.kind == a.f.kind and b.family == a.family and b.f.value
                and (a.key, b.key) not in taken
                and _near_in_value(a.f.value, b.f.value) and _named_as_restated(a, b.vec, b.words)
                and (a.undated or b.undated) and same_number(_figure(a), _figure(b))]
        if not pool or len({b.f.doc_id for b in pool}) > _BOILERPLATE_DOCS:
            continue  # a standing phrase (`_named_alike_rows`)
        ranks = (-np.array([float(a.vec @ b.vec) for b in pool])).argsort().argsort()
        for b, rank in zip(pool, ranks, strict=True):
            pair = (a, b) if a.doc.date and b.doc.date and a.doc.date < b.doc.date else (b, a)
            out.append(Candidate(CrossKind.equal, pair, _equal_features(a, b, int(rank), _logratio(a.f, b.f)),
                                 undated=True))
    return out


def _one_period(a: Fig, b: Fig) -> bool:
    """Whether two figures' periods let them be one figure restated: the same period, unless both
    are guesses (`Fig.undated`: two releases of one year are not of one period for that), or one
    named within the other (`_nested`), neither a guess (a guessed year holds any day named).
    `undated_candidates` reads the figures this leaves out."""
    if period_fit(a.period, b.period) >= 0.999:
        return not (a.undated and b.undated)
    return _nested(a.period, b.period) and not (a.undated or b.undated)  # type: ignore[arg-type]


def _nested(a: Period, b: Period) -> bool:
    """Whether one period lies within the other ("27 March 2011" in "March 2011" in "2011"): one
    figure's period named at a coarser grain, as a bulletin's title may name it.

    >>> _nested(Period(date(2011, 3, 27), date(2011, 3, 27)), Period(date(2011, 1, 1), date(2011, 12, 31)))
    True
    >>> _nested(Period(date(2011, 1, 1), date(2011, 6, 30)), Period(date(2011, 4, 1), date(2011, 12, 31)))
    False
    """
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


def change_candidates(changes: Sequence[Fig], levels_here: Sequence[Fig], olds: Sequence[Fig]) -> list[Candidate]:
    """Triples (change, old level, new level): the change and its new level from one document,
    the old level from another, of the period the change compares against.

    The new level is the change's partner in its document's own checks, or any level there
    that the change may measure (kept to the three nearest in meaning).
    """
    out = []
    for c in changes:
        cmp = c.compare
        if cmp is None:
            continue
        fam_c = c.family
        # The new level is of the period the change is about ("In 2023 the port had 4,120 calls",
        # printed in the 2024 release, is no new level of a 2024 change).
        own = c.period
        news = [n for n in levels_here if n.f.doc_id == c.f.doc_id and n.f.kind != "CHANGE"
                and (fam_c in ("pct", "times") or n.family == fam_c)
                and (own is None or n.period is None or n.period.overlaps(own))]
        if not news:
            continue
        # The document's own linker paired them, or the level is printed right before: always a candidate.
        cn = np.array([float(c.vec @ n.vec) + (1.0 if n.f.qid in (c.f.partner, c.f.adjacent) else 0.0) for n in news])
        n_rank = (-cn).argsort().argsort()
        # A change in percent may measure any level of its release ("Overall, crimes decreased by 9.4%").
        top_n = 6 if fam_c in ("pct", "times") else 3
        for n, rank_n in zip(news, n_rank, strict=True):
            if rank_n >= top_n:
                continue
            pool = [o for o in olds if o.f.kind == n.f.kind and o.family == n.family and o.f.doc_id != n.f.doc_id
                    and o.period is not None and period_fit(o.period, cmp) > 0]
            if not pool:
                continue
            no = np.array([float(n.vec @ o.vec) for o in pool])
            o_rank, kept = _shortlist(no, [_logratio(n.f, o.f) for o in pool])
            for o, sim_no, rank_o, keep in zip(pool, no, o_rank, kept, strict=True):
                if not keep:
                    continue
                dist = abs(c.f.start - n.f.start)
                feats = [sim_no, float(c.vec @ n.vec), float(c.vec @ o.vec), _jaccard(n.words, o.words),
                         _jaccard(c.words, n.words), float(n.f.qid == c.f.partner),
                         float(n.f.sentence_start == c.f.sentence_start), math.log1p(dist) / 8, float(rank_n),
                         float(rank_o), _logratio(n.f, o.f), _unit_agree(n.f, o.f), _fit_point(o.period, cmp),
                         _place_agree(n.f, o.f), float(n.family == "pct"), _publisher_agree(n.doc, o.doc),
                         float(n.f.qid == c.f.adjacent), float(n.hedged or o.hedged)]
                out.append(Candidate(CrossKind.change, (c, o, n), feats))
    return out


def _fit_point(p: Period | None, cmp: Period) -> float:
    """period_fit, counting a stock at a date inside the compared span's first month as a fit."""
    if p is None:
        return 0.0
    if p.start == p.end and cmp.start <= p.start <= cmp.end and (p.start - cmp.start).days < 32:
        return 1.0
    return period_fit(p, cmp)


def _equal_features(a: Fig, b: Fig, rank: int, logratio: float, fit: float = 1.0) -> list[float]:
    """`EQUAL_FEATURES` of two figures, with their size apart (`logratio`) and the fit of their
    periods given: a restatement's periods fit as `period_fit` says; a running total's figures
    cover different periods by design (`sum_candidates`), so theirs count as fitting."""
    return [float(a.vec @ b.vec), _jaccard(a.words, b.words), _unit_agree(a.f, b.f), logratio, fit,
            _place_agree(a.f, b.f), float(rank), float(a.f.kind == b.f.kind), _publisher_agree(a.doc, b.doc),
            float(a.hedged or b.hedged)]


def _per_day_logratio(part: Fig, total: Fig) -> float:
    """How far a part's size is from its share of a total by their days (log10, at most 3): 240 in
    June against 1,440 in January-June is 8 a day against 8.

    >>> from numcheck.store import StoredFigure as F
    >>> doc = StoredDocument(id="d", text="")
    >>> part = Fig(F(doc_id="d", qid="a", start=0, end=3, text="240", kind="COUNT", value=240.0,
    ...              period_start="2024-06-01", period_end="2024-06-30"), doc, np.zeros(2), "count", set())
    >>> total = Fig(F(doc_id="d", qid="b", start=0, end=5, text="1,440", kind="COUNT", value=1440.0,
    ...               period_start="2024-01-01", period_end="2024-06-30"), doc, np.zeros(2), "count", set())
    >>> round(_per_day_logratio(part, total), 3)
    0.005
    """
    if part.period is None or total.period is None:
        return 3.0
    scaled = replace(part.f, value=None if part.f.value is None else part.f.value * total.period.days / part.period.days)
    return _logratio(scaled, total.f)


def sum_candidates(news: Sequence[Fig], olds: Sequence[Fig]) -> list[Candidate]:
    """Running totals restated across releases: (earlier total, part, new total), as `sum` lists
    them, parts first. The new total covers [s, e2], the earlier one [s, e1] of the same start
    in another document, and the part exactly the days after e1 up to e2 ("January-May" +
    "June" = "January-June"; "since January 2009" to September 2012 + fiscal year 2013 = since
    January 2009 to September 2013). One of the two totals is the new document's; each role
    keeps the figures nearest in words and in size, as for restatements (`_shortlist`).

    >>> # [c.figs for c in sum_candidates(mine, stored)]   # (earlier total, part, new total)
    """
    pool = [f for f in (*news, *olds) if f.f.kind in _SUM_KINDS and f.period is not None and f.f.value is not None]
    by_start: dict[date, list[Fig]] = {}
    by_span: dict[tuple[date, date], list[Fig]] = {}
    for f in pool:
        by_start.setdefault(f.period.start, []).append(f)
        by_span.setdefault((f.period.start, f.period.end), []).append(f)
    mine = {f.key for f in news}
    out = []
    for total in pool:
        p = total.period
        # A stored total is continued only by an earlier total of mine (a release read late).
        earlier = [o for o in by_start.get(p.start, ()) if o.period.end < p.end and o.f.doc_id != total.f.doc_id
                   and o.f.kind == total.f.kind and o.family == total.family and (total.key in mine or o.key in mine)]
        if not earlier:
            continue
        sims = np.array([float(total.vec @ o.vec) for o in earlier])
        o_ranks, o_kept = _shortlist(sims, [_logratio(o.f, total.f) for o in earlier])
        for old, o_rank, keep in zip(earlier, o_ranks, o_kept, strict=True):
            if not keep:
                continue
            after = old.period.end + timedelta(days=1)
            parts = [a for a in by_span.get((after, p.end), ()) if a.key not in (old.key, total.key)
                     and a.f.kind == total.f.kind and a.family == total.family]
            if not parts:
                continue
            a_sims = np.array([float(total.vec @ a.vec) for a in parts])
            a_sizes = [_per_day_logratio(a, total) for a in parts]
            a_ranks, a_kept = _shortlist(a_sims, a_sizes)
            old_feats = _equal_features(old, total, int(o_rank), _logratio(old.f, total.f))
            for part, a_rank, size, keep_a in zip(parts, a_ranks, a_sizes, a_kept, strict=True):
                if keep_a:
                    out.append(Candidate(CrossKind.sum, (old, part, total),
                                         old_feats + _equal_features(part, total, int(a_rank), size)))
    return out


# --------------------------------------------------------------------------- scores


@dataclass
class MatchScorer:
    """Calibrated logistic scores, one model per cross kind, read from a small JSON file.

    The file holds, per kind, the feature names, their means and scales, the weights and the
    intercept (scikit-learn's `LogisticRegression` on standardised features, written by
    `numcheck.training.cross`), and the two thresholds: `keep` (report a match that agrees) and
    `flag` (report a match that disagrees as `inconsistent`).

    >>> s = MatchScorer({"equal": {"features": ["cos"], "mean": [0.0], "scale": [1.0], "coef": [4.0], "intercept": -2.0}})
    >>> round(float(s.score("equal", np.array([[1.0]]))[0]), 3)
    0.881
    """

    models: dict[str, dict[str, Any]]
    keep: float = 0.5
    flag: float = 0.8
    #: A disagreeing measure is a second reading when its score is at least this share of the fitting one's.
    alike: float = 0.8
    #: The mean vector of the encoder over measure phrases: the fine-tuned encoder's mean-pooled
    #: states all point one way (raw cosines of unrelated phrases are 0.99), so vectors are
    #: compared after subtracting it.
    center: list[float] | None = None
    _center: np.ndarray | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path | None = None) -> MatchScorer:
        """Read a scorer file (default: the shipped one)."""
        from numcheck.errors import ModelError

        p = Path(path) if path else SCORER_PATH
        try:
            raw = json.loads(p.read_text())
        except (OSError, ValueError) as exc:
            raise ModelError("E_MODEL", f"the cross-document match scores cannot be read from {p}: {exc}",
                             "reinstall numcheck, or train them with scripts/train_cross.py") from None
        for kind, names in (("equal", EQUAL_FEATURES), ("change", CHANGE_FEATURES)):
            if raw["models"].get(kind, {}).get("features") != list(names):
                raise ModelError("E_MODEL", f"the match scores in {p} were trained on other {kind} features than "
                                 "this numcheck computes", "retrain them with scripts/train_cross.py")
        return cls(raw["models"], keep=raw.get("keep", 0.5), flag=raw.get("flag", 0.8), alike=raw.get("alike", 0.8),
                   center=raw.get("center"))

    @classmethod
    def untrained(cls, center: list[float] | None = None) -> MatchScorer:
        """Scores of 0.5 for everything: what training runs the pipeline with before it has scores."""
        return cls(center=center, models={kind: {"features": list(names), "mean": [0.0] * len(names), "scale": [1.0] * len(names),
                           "coef": [0.0] * len(names), "intercept": 0.0}
                    for kind, names in (("equal", EQUAL_FEATURES), ("change", CHANGE_FEATURES))})

    def centered(self, v: np.ndarray) -> np.ndarray:
        """A vector as the features compare it: the encoder's mean subtracted, norm 1."""
        if self.center is None or not v.any():
            return v
        if self._center is None:
            self._center = np.asarray(self.center, dtype=np.float32)
        w = v - self._center
        n = float(np.linalg.norm(w))
        return w / n if n else w

    def _model(self, kind: str) -> dict[str, Any]:
        # A running total is judged by the restatement model on its two pairs (`SUM_FEATURES`).
        return self.models[kind] if kind in self.models or kind != "sum" else self.models["equal"]

    def score(self, kind: str, x: np.ndarray) -> np.ndarray:
        """The probability that each row's figures are related as `kind` says.

        A `sum` (rows of `SUM_FEATURES`) scores as its less likely pair: the earlier total against
        the new one, and the part against the new total, each as a restatement would.
        """
        if kind == "sum" and "sum" not in self.models:
            half = len(EQUAL_FEATURES)
            return np.minimum(self.score("equal", x[:, :half]), self.score("equal", x[:, half:]))
        m = self.models[kind]
        z = (x - np.asarray(m["mean"])) / np.asarray(m["scale"])
        return 1 / (1 + np.exp(-(z @ np.asarray(m["coef"]) + m["intercept"])))

    def posterior(self, kind: str, score: float) -> float:
        """The probability of a match once its arithmetic agrees: the score updated by how much
        likelier agreement is for a right match than for a wrong one (rates measured in training;
        a chance agreement of two unrelated figures at printed precision is rare).

        >>> s = MatchScorer({"change": {"agree": [0.9, 0.05]}})
        >>> round(s.posterior("change", 0.2), 3)
        0.818
        """
        pos, neg = self._model(kind).get("agree", [1.0, 1.0])
        return score * pos / (score * pos + (1 - score) * neg)

    def least(self, kind: str) -> float:
        """The lowest score at which a candidate can be reported: as a fit, its posterior must
        reach `keep`; as a second reading beside a fit, `alike` times that fit's score; as a flag,
        `flag`. Below it `resolve` drops a candidate unchecked, which changes no result.

        >>> s = MatchScorer({"change": {"agree": [0.9, 0.1]}}, keep=0.5, alike=0.8, flag=0.8)
        >>> round(s.least("change"), 4), round(s.posterior("change", s.least("change") / 0.8), 4)
        (0.08, 0.5)
        """
        pos, neg = self._model(kind).get("agree", [1.0, 1.0])
        at_keep = self.keep * neg / (pos * (1 - self.keep) + self.keep * neg)  # posterior(at_keep) == keep
        return min(self.flag, self.alike * at_keep, at_keep)

    def score_all(self, cands: list[Candidate]) -> None:
        """Fill each candidate's score."""
        for kind in {c.kind for c in cands}:
            group = [c for c in cands if c.kind == kind]
            scores = self.score(kind.value, np.array([c.features for c in group], dtype=np.float64))
            for c, s in zip(group, scores, strict=True):
                c.score = float(s)


# --------------------------------------------------------------------------- arithmetic and verdicts


def _figure(fig: Fig) -> Figure:
    q = Quantity(id=fig.key, start=fig.f.start, end=fig.f.end, text=fig.f.text, kind=fig.f.kind, value=fig.f.value,
                 unit=fig.f.unit)
    made = make_figure(q, fig.doc.text)
    assert made is not None
    return made


def arithmetic(cand: Candidate) -> CrossCheck:
    """The check of a candidate by arithmetic: a `CrossCheck` with its verdict and explanation.

    >>> # arithmetic(candidate).verdict
    """
    figs = cand.figs
    figures = {f.key: _figure(f) for f in figs}
    if cand.kind is CrossKind.equal:
        a, b = figures[figs[0].key], figures[figs[1].key]
        one = in_one_unit(figures, [figs[0].key, figs[1].key])
        a1, b1 = one[figs[0].key], one[figs[1].key]
        ok = a1.interval.intersects(b1.interval)
        unit = _base_unit(figs[0].f, figs[1].f)
        converted = "".join(f"{x.printed} {_admits(x1)} {unit}; " for x, x1 in ((a, a1), (b, b1)) if x1 is not x)
        words = (f"equal: {a.printed} ({_admits(a)}) vs {b.printed} ({_admits(b)}); {converted}"
                 + ("the two admit a common value" if ok else "no value is admitted by both"))
        verdict = Verdict.consistent if ok else Verdict.inconsistent
        expected: float | None = float(b.value)
        reading = None
    elif cand.kind is CrossKind.sum:
        old, part, total = figs
        check, _ = check_relation(total.doc.text, figures, Relation(CheckKind.sum, (old.key, part.key, total.key)))
        verdict, expected, reading = check.verdict, None, None
        part_doc = "" if part.f.doc_id == total.f.doc_id else f", {_doc_name(part.doc)}"
        words = (f"running total: {old.f.text} ({_label(old)}, {_doc_name(old.doc)}) + {part.f.text} "
                 f"({_label(part)}{part_doc}) against {total.f.text} ({_label(total)}, {_doc_name(total.doc)}): "
                 f"{check.explanation}")
    else:
        c, o, n = figs
        check, _ = check_relation(c.doc.text, figures, Relation(CheckKind.change, (c.key, o.key, n.key)))
        verdict, expected, words, reading = check.verdict, check.expected, check.explanation, check.reading
    return CrossCheck(kind=cand.kind, quantities=[_ref(f) for f in figs], verdict=verdict, expected=expected,
                      score=round(cand.score, 4), explanation=f"{words} [{_provenance(cand)}]", reading=reading,
                      sources=_sources(figs))


def _base_unit(a: StoredFigure, b: StoredFigure) -> str:
    """The unit two figures of one dimension are compared in: the smaller of theirs, as
    `in_one_unit` converts them."""
    known = [k for k in (unit_factor(a), unit_factor(b)) if k]
    if not known:
        return "one unit"
    dim, factor = min(known, key=lambda k: k[1])
    return next((u for u, (d, k) in UNIT_SYMBOLS.items() if d == dim and float(k) == factor), "one unit")


def _label(f: Fig) -> str:
    return f.f.period_label or (f.period.label if f.period else "its period")


def _admits(f: Figure) -> str:
    return "exact" if f.interval.is_point else describe_interval(f.interval)


def _ref(f: Fig) -> CrossRef:
    return CrossRef(doc=f.f.doc_id, id=f.f.qid, start=f.f.start, end=f.f.end, text=f.f.text)


def _doc_name(doc: StoredDocument) -> str:
    name = doc.title or doc.id
    return f"{name} ({doc.date})" if doc.date else name


def _provenance(cand: Candidate) -> str:
    roles = {CrossKind.equal: ("first", "second"), CrossKind.sum: ("earlier total", "part", "total")}.get(
        cand.kind, ("change", "old", "new"))
    return "; ".join(f"{r} from {_doc_name(f.doc)}" for r, f in zip(roles, cand.figs, strict=True))


def _sources(figs: Sequence[Fig]) -> list[CrossSource]:
    out: dict[str, CrossSource] = {}
    for f in figs:
        if f.f.doc_id in out:
            continue
        d = f.doc
        sentence = " ".join(d.text[f.f.sentence_start : f.f.sentence_end].split())
        out[f.f.doc_id] = CrossSource(doc=d.id, title=d.title, date=d.date, period=f.f.period_label, sentence=sentence)
    # Each document's sentences: the other figures of the check may sit in another sentence.
    for f in figs:
        s = out[f.f.doc_id]
        sent = " ".join(f.doc.text[f.f.sentence_start : f.f.sentence_end].split())
        if sent not in s.sentence:
            s.sentence = f"{s.sentence} … {sent}"
    return list(out.values())


def resolve(cands: list[Candidate], scorer: MatchScorer) -> list[CrossCheck]:
    """The cross checks to report from scored candidates.

    Per stated figure (a change, or the later figure of a restatement) the candidates are
    checked by arithmetic. One that agrees is reported when the probability of a match given
    that it agrees (`MatchScorer.posterior`) reaches `keep`. One that disagrees is a flag,
    `inconsistent`, only when its own score reaches `flag` and nothing else fits; it is
    `ambiguous` when another measure of the archive fits and the words fit both about as well
    (its score at least `alike` times the fitting one's: the seed's "crimes decreased by 9.4%",
    all crimes or those the police investigated); otherwise it is dropped (a wrong match must
    not become a wrong flag). When the change's own document says which level it is of (the
    linker's pair, or "5688 (+1160)"), no other level is read. A figure of either document takes
    part in one restatement: the likeliest, then the one of the latest earlier release. A change
    far off what its levels give is a finding only when a slip explains it (`_as_finding`). A
    restatement of figures whose periods are guessed or nested is never flagged. A running total (`sum`) is
    resolved per new total (`_resolve_sum`), and not flagged when its earlier total and part add
    up to another stated total.
    """
    by_head: dict[tuple[str, str], list[Candidate]] = {}
    for c in cands:
        head = c.figs[0] if c.kind is CrossKind.change else c.figs[-1]
        other = {CrossKind.equal: c.figs[0].f.doc_id, CrossKind.sum: "sum"}.get(c.kind, "")
        by_head.setdefault((head.key, other), []).append(c)
    out: list[CrossCheck] = []
    sums: list[CrossCheck] = []
    equal_picks: list[tuple[Candidate, CrossCheck, float]] = []
    weak_picks: list[tuple[Candidate, CrossCheck, float]] = []  # agreeing restatements chance may explain
    for group in by_head.values():
        group.sort(key=lambda c: -c.score)
        group = group[:8]
        kind = group[0].kind
        others: list[Candidate] = []
        if kind is CrossKind.change:
            c0, _, n0 = group[0].figs
            stated = [c for c in group if c.figs[2].f.qid in (c0.f.partner, c0.f.adjacent)]
            if stated:
                # The text says which level the change is of: no other reading, unless none of
                # its readings agrees and one of another level does (below).
                others = [c for c in group if c.figs[2].key != stated[0].figs[2].key]
                group = [c for c in group if c.figs[2].key == stated[0].figs[2].key]
        if kind is CrossKind.sum:
            sums += _resolve_sum(group, scorer)
            continue
        # A candidate scored below `least` is reported whatever its arithmetic: not worth computing.
        least = scorer.least(kind.value)
        group = [c for c in group if c.score >= least]
        checked = [(c, arithmetic(c)) for c in group]
        fits = _fits(checked, scorer, kind)
        misfits = [(c, k) for c, k in checked if k.verdict is Verdict.inconsistent]
        if not fits and others:
            # The document's own link may be wrong ("Passenger arrivals increased by 8.0% ... to
            # 661,500" linked to the vessel calls before it): a reading of another level that the
            # arithmetic confirms is reported; one that does not is never a finding.
            fits = _fits([(c, arithmetic(c)) for c in others if c.score >= least], scorer, kind)
        if kind is CrossKind.equal:
            strong = [fit for fit in fits if _beyond_chance(fit[0])]
            if strong:
                equal_picks.append(strong[0])
            elif fits:
                weak_picks.append(fits[0])
            elif (misfits and misfits[0][0].score >= scorer.flag and _named_alike(misfits[0][0])
                  and not misfits[0][0].nested and not misfits[0][0].undated):
                equal_picks.append((misfits[0][0], misfits[0][1], misfits[0][0].score))
            continue
        if fits:
            best, best_check, _ = fits[0]
            out.append(best_check)
            taken = _distinct_measures([best])
            for cand, ch in misfits:
                if cand.score < scorer.alike * best.score or not _distinct_measures(taken + [cand])[len(taken):]:
                    continue
                taken.append(cand)
                out.append(ch.model_copy(update={"verdict": Verdict.ambiguous, "explanation": (
                    f"the text does not say which measure it states: {_figs_text(best)} fits "
                    f"({best_check.explanation.split(' [')[0]}), this one does not: {ch.explanation}")}))
                break
        elif misfits and misfits[0][0].score >= scorer.flag and _named_alike(misfits[0][0]):
            if finding := _as_finding(*misfits[0]):
                out.append(finding)
    # A running total whose earlier total and part add up to another stated total is that one's:
    # the total that misses them is of something else, not a finding.
    added_up = {cross_key_ref(q) for ch in sums if ch.verdict is Verdict.consistent for q in ch.quantities[:-1]}
    out += [ch for ch in sums if ch.verdict is Verdict.consistent
            or not added_up & {cross_key_ref(q) for q in ch.quantities[:-1]}]
    # A restatement chance may explain ("59 per cent") stands when one that it cannot joins the
    # same two sentences ("59 per cent (33.2 million)" in both).
    joined = {_sentences(c) for c, ch, _p in equal_picks if ch.verdict is Verdict.consistent}
    equal_picks += [pick for pick in weak_picks if _sentences(pick[0]) in joined]
    # One restatement per figure of either document: the likeliest, then the one of the latest
    # earlier release (a figure printed alike in every release of a year is restated once, not
    # against each of them).
    taken: set[str] = set()
    latest_first = sorted(equal_picks, key=lambda x: x[0].figs[0].doc.date or "", reverse=True)
    for cand, ch, _p in sorted(latest_first, key=lambda x: -x[2]):
        first, second = cand.figs[0].key, cand.figs[-1].key
        if first in taken or second in taken:
            continue
        taken |= {first, second}
        out.append(ch)
    return out


def _resolve_sum(group: list[Candidate], scorer: MatchScorer) -> list[CrossCheck]:
    """What to report of one new total's running-total candidates (the likeliest first): the
    likeliest whose arithmetic agrees, when likely enough (`_fits`); else a flag, only when the
    likeliest reading scores `flag` or more, both documents name its figures alike
    (`_named_alike`), no reading agrees, however unlikely, and no other reading is about as
    likely (its score under `alike` times the flag's): a total that two readings could miss is
    no finding.
    """
    checked = [(c, arithmetic(c)) for c in group]
    fits = _fits([(c, k) for c, k in checked if c.score >= scorer.least("sum")], scorer, CrossKind.sum)
    if fits:
        return [fits[0][1]]
    if any(k.verdict is not Verdict.inconsistent for _c, k in checked):
        return []
    best, best_check = checked[0]
    rivals = [c for c, _k in checked[1:] if c.score >= scorer.alike * best.score]
    if best.score >= scorer.flag and _named_alike(best) and not rivals:
        return [best_check]
    return []


def _fits(checked: list[tuple[Candidate, CrossCheck]], scorer: MatchScorer,
          kind: CrossKind) -> list[tuple[Candidate, CrossCheck, float]]:
    """The candidates whose arithmetic agrees and whose match, given that, is likely enough to
    report (`MatchScorer.posterior` at least `keep`), the likeliest first."""
    fits = [(c, k, scorer.posterior(kind.value, c.score)) for c, k in checked if k.verdict is not Verdict.inconsistent]
    return sorted((x for x in fits if x[2] >= scorer.keep), key=lambda x: -x[2])


def _as_finding(cand: Candidate, check: CrossCheck) -> CrossCheck | None:
    """A contradicted change as a finding, or None. One more than `FAR_OFF` times off what its
    levels give (`numcheck.checks.slips.far_off`; or stated against two equal levels) is a wrong
    match ("a $250,000 fine" read as a change against two releases' "$250,000") unless one slip of
    the pen in one figure explains it (`explained_by_slip`, each figure read in its own document's
    text), as within one document; the finding then names the slip.

    >>> old = Fig(StoredFigure(doc_id="o", qid="q", start=0, end=3, text="800", kind="COUNT"), StoredDocument(id="o", text="800"),
    ...           np.zeros(2), "count", set())
    >>> new = replace(old, f=replace(old.f, doc_id="n", text="37,000", end=6), doc=StoredDocument(id="n", text="37,000 10%"))
    >>> change = replace(new, f=replace(new.f, qid="c", start=7, end=10, text="10%", kind="CHANGE"))
    >>> cand = Candidate(CrossKind.change, (change, old, new), [])
    >>> _as_finding(cand, arithmetic(cand)) is None
    True
    """
    figures = {f.key: _figure(f) for f in cand.figs}
    members = tuple(f.key for f in cand.figs)
    if not far_off(CheckKind.change, members, check, figures, members[0]):  # type: ignore[arg-type]
        return check
    relation = Relation(CheckKind.change, members)

    def rerun(override: dict[str, Figure]) -> Any:
        return check_relation(cand.figs[0].doc.text, {**figures, **override}, relation)[0]

    for f in cand.figs:
        if why := explained_by_slip(f.doc.text, [f.key], figures, rerun, members[0]):
            return check.model_copy(update={"explanation": f"{check.explanation}; {why}"})
    return None


def _sentences(cand: Candidate) -> tuple[str, int, str, int]:
    """The two sentences a restatement joins: (document, sentence start) of each figure."""
    a, b = cand.figs[0].f, cand.figs[-1].f
    return a.doc_id, a.sentence_start, b.doc_id, b.sentence_start


def _beyond_chance(cand: Candidate) -> bool:
    """Whether a restatement that agrees says more than that two numbers are equal: the two
    documents name the figures with a word in common (`_named_alike`), or both are printed with
    three significant digits or more. Unrelated documents share small numbers all the time ("10",
    "25", "2.1%"): 25 documents of five publishers checked into one store gave 171 restatements
    that agreed, nearly all of them such numbers of different things. Such a restatement is
    reported only beside one beyond chance in the same two sentences (`resolve`).

    >>> from numcheck.store import StoredFigure as F
    >>> fig = lambda text, words: Fig(F(doc_id="d", qid="q", start=0, end=1, text=text, kind="COUNT"),
    ...                               StoredDocument(id="d", text=""), np.zeros(2), "count", words)
    >>> [_beyond_chance(Candidate(CrossKind.equal, (fig(a, wa), fig(b, wb)), [])) for a, wa, b, wb in (
    ...     ("25", {"state"}, "25", {"bridg"}), ("25", {"state"}, "25", {"state"}), ("4,210", set(), "4,210", set()))]
    [False, True, True]
    """
    a, b = cand.figs[0], cand.figs[-1]
    digits = min(significant_digits(a.f.text), significant_digits(b.f.text))
    if cand.undated:
        # Named alike always (`undated_candidates`); an amount of one digit ("$4 billion") is
        # too common a size to say more.
        return digits >= 2
    return _named_alike(cand) or digits >= 3


def _named_alike(cand: Candidate) -> bool:
    """Whether the two documents name a candidate's figures with a word in common (the old level
    and the change or its new level; the two figures of a restatement): without one, a figure of
    the archive that is merely near in size and period is no ground for a finding ("599.0 + 20.4"
    in a note about documents against "666 service members" in a press release).

    >>> from numcheck.store import StoredFigure as F
    >>> fig = lambda words: Fig(F(doc_id="d", qid="q", start=0, end=1, text="1", kind="COUNT"), StoredDocument(id="d", text=""),
    ...                         np.zeros(2), "count", words)
    >>> _named_alike(Candidate(CrossKind.equal, (fig({"crime", "recor"}), fig({"crime"})), []))
    True
    >>> _named_alike(Candidate(CrossKind.change, (fig({"stock"}), fig({"servi", "membe"}), fig({"openi"})), []))
    False
    """
    if cand.kind is CrossKind.equal:
        a, b = cand.figs
        return bool(a.words & b.words)
    if cand.kind is CrossKind.sum:
        old, part, total = cand.figs
        return bool(old.words & total.words) and bool(part.words & (old.words | total.words))
    change, old, new = cand.figs
    return bool((change.words | new.words) & old.words)


def _distinct_measures(cands: list[Candidate]) -> list[Candidate]:
    """Candidates with different new and old levels (the same level twice is one reading)."""
    seen_n, seen_o, out = set(), set(), []
    for c in cands:
        _, o, n = c.figs
        if n.key in seen_n or o.key in seen_o:
            continue
        seen_n.add(n.key)
        seen_o.add(o.key)
        out.append(c)
    return out


def _figs_text(c: Candidate) -> str:
    return " → ".join(f.f.text for f in c.figs[1:]) if c.kind is CrossKind.change else c.figs[0].f.text


def cross_key_ref(q: CrossRef | None) -> str:
    """A figure of a cross check as `cross_key` names it.

    >>> cross_key_ref(CrossRef(doc="a", id="q1", start=0, end=1, text="1"))
    'a#q1'
    """
    return f"{q.doc}#{q.id}" if q else "-"


def cross_key(check: CrossCheck) -> str:
    """The identity of a cross check, whatever run found it (its kind and figures).

    >>> cross_key(CrossCheck(kind="equal", quantities=[CrossRef(doc="a", id="q1", start=0, end=1, text="1")], verdict="consistent"))
    'equal|a#q1'
    """
    return check.kind.value + "|" + "|".join(cross_key_ref(q) for q in check.quantities)


# --------------------------------------------------------------------------- the stage


@dataclass
class CrossMatcher:
    """Matches each new document against a store and stores it, one transaction per document.

    >>> # matcher = CrossMatcher(Store("archive.db"), EncoderEmbedder(), MatchScorer.load())
    >>> # result = matcher.process(result)   # result.cross_checks filled, the document stored
    """

    store: Store
    embedder: Embedder
    scorer: MatchScorer
    observe: Callable[[list[Candidate]], None] | None = None
    timings: dict[str, float] = field(default_factory=lambda: {"describe": 0.0, "match": 0.0})

    def process(self, result: DocumentResult) -> DocumentResult:
        """The result with its `cross_checks`; the document is stored (unless its id already is)."""
        import time

        if result.failed or not result.text:
            return result
        t0 = time.perf_counter()
        doc = describe_document(result, self.embedder)
        t1 = time.perf_counter()
        self.timings["describe"] += t1 - t0
        with self.store.writing() as w:
            stored = w.stored_hash(doc.id)
            if stored is not None:
                # Read again: report what was reported with it before, find nothing new.
                checks = [CrossCheck.model_validate(p) for p in _payloads(self.store, w, doc.id)]
                self.timings["match"] += time.perf_counter() - t1
                return result.model_copy(update={"cross_checks": checks})
            checks = match_document(doc, w, self.scorer, self.observe)
            kept = []
            for ch in checks:
                if w.add_cross_check(cross_key(ch), doc.id, ch.model_dump(mode="json")):
                    kept.append(ch)
            w.add_document(doc)
        self.timings["match"] += time.perf_counter() - t1
        return result.model_copy(update={"cross_checks": kept})


def _payloads(store: Store, w: Writer, doc_id: str) -> list[dict[str, Any]]:
    import sqlalchemy as sa

    c = store.t["cross_checks"]
    return [json.loads(r.payload) for r in w.conn.execute(sa.select(c.c.payload).where(c.c.doc_id == doc_id))]


def match_document(doc: StoredDocument, w: Writer, scorer: MatchScorer,
                   observe: Callable[[list[Candidate]], None] | None = None) -> list[CrossCheck]:
    """The cross checks between a new document and the documents of the store (within `w`'s transaction).

    `observe`, when given, sees the scored candidates (training collects its examples so).
    """
    cands = find_candidates(doc, w, scorer.centered)
    scorer.score_all(cands)
    if observe is not None:
        observe(cands)
    return resolve(cands, scorer)


def find_candidates(doc: StoredDocument, w: Writer,
                    center: Callable[[np.ndarray], np.ndarray] = lambda v: v) -> list[Candidate]:
    """Every candidate cross check between a new document and the store, unscored; `center`
    maps a stored vector to the one compared (`MatchScorer.centered`)."""
    if not doc.figures:
        return []
    dim = len(vector_of(doc.figures[0].vector, 0)) if doc.figures[0].vector else 0

    def _fig(f: StoredFigure, d: StoredDocument, dim: int) -> Fig:
        return Fig(f, d, center(vector_of(f.vector, dim)), family(f), content_words(f.measure),
                   hedged=find_hedge(d.text, f.start) is not None)

    mine = [_fig(f, doc, dim) for f in doc.figures]
    own_periods = {(f.f.period_start, f.f.period_end) for f in mine if f.f.period_start}
    cmp_periods = {(f.f.compare_start, f.f.compare_end) for f in mine if f.f.compare_start}
    # Old levels for my changes and restatements of my figures; changes elsewhere my figures are the old levels of.
    found = w.candidates(own_periods | cmp_periods, exclude=doc.id, kinds=_LEVEL_KINDS, place=doc.place)
    late = w.compared_with(own_periods, exclude=doc.id, place=doc.place)
    docs = w.documents_by_id([f.doc_id for f in found] + [f.doc_id for f in late])
    others = [_fig(f, docs[f.doc_id], dim) for f in found if f.doc_id in docs]
    cands = equal_candidates(mine, others)
    # Figures restated whatever period each release gives them (a one-off amount has none).
    paired = {(c.figs[0].key, c.figs[1].key) for c in cands} | {(c.figs[1].key, c.figs[0].key) for c in cands}
    alike = _named_alike_rows(mine, w.same_values(value_ranges(mine), exclude=doc.id, place=doc.place), center, dim)
    docs.update(w.documents_by_id({f.doc_id for f in alike} - set(docs)))
    cands += undated_candidates(mine, [_fig(f, docs[f.doc_id], dim) for f in alike if f.doc_id in docs], paired)
    cands += sum_candidates(mine, others + _later_totals(mine, found, docs, w, dim, _fig, doc.place))
    cands += change_candidates([f for f in mine if f.f.kind == "CHANGE"], mine, others)
    late = [f for f in late if f.doc_id in docs]
    if late:
        theirs = [_fig(f, docs[f.doc_id], dim) for f in w.figures_of({f.doc_id for f in late})]
        cands += change_candidates([f for f in theirs if f.f.kind == "CHANGE"], theirs, mine)
    return cands


def _later_totals(mine: Sequence[Fig], found: Sequence[StoredFigure], docs: dict[str, StoredDocument], w: Writer,
                  dim: int, make: Callable[[StoredFigure, StoredDocument, int], Fig], place: str | None) -> list[Fig]:
    """The other figures of stored documents that print a later running total from the start of
    one of mine (a document read after the release that continues it): the part may be there."""
    ends: dict[str, str] = {}
    for f in mine:
        if f.f.kind in _SUM_KINDS and f.f.period_start and f.f.period_end:
            ends[f.f.period_start] = min(ends.get(f.f.period_start, f.f.period_end), f.f.period_end)
    later = {f.doc_id for f in found if f.kind in _SUM_KINDS and f.period_start in ends
             and f.period_end and f.period_end > ends[f.period_start]}
    seen = {(f.doc_id, f.qid) for f in found}
    return [make(f, docs[f.doc_id], dim) for f in w.figures_of(later)
            if f.doc_id in docs and (f.doc_id, f.qid) not in seen and (not place or not f.place or f.place == place)]


def explain_sources(check: CrossCheck) -> list[str]:
    """One line per document of a cross check: its title or id, date and sentence (for reports).

    >>> explain_sources(CrossCheck(kind="equal", quantities=[], verdict="consistent",
    ...     sources=[CrossSource(doc="a", date="2024-01-02", sentence="5 cases.")]))
    ['a (2024-01-02): 5 cases.']
    """
    out = []
    for s in check.sources:
        name = s.title or s.doc
        out.append(f"{name} ({s.date}): {s.sentence}" if s.date else f"{name}: {s.sentence}")
    return out


def open_matcher(location: str | Path, *, model_path: str | Path | None = None,
                 scorer_path: str | Path | None = None, extractor: Any = None) -> CrossMatcher:
    """The matcher of `numcheck check --store LOCATION`: the store, the encoder (the run's
    `extractor`'s session when it can serve, see `default_embedder`), the match scores.

    >>> # open_matcher("archive.db").process(result).cross_checks
    """
    from numcheck.errors import ModelError

    store = Store(location)
    try:
        embedder = default_embedder(model_path, extractor)
    except ModelError:
        store.close()
        raise
    return CrossMatcher(store, embedder, MatchScorer.load(scorer_path))
