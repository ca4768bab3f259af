"""Long documents checked in parts: split at paragraph boundaries, results merged back.

Linking reads the words between figures within a sentence and its neighbours, so a document
of hundreds of kilobytes (an annual report, a whole PDF, a text with no line breaks) gains
nothing from being linked in one piece, and costs time that grows faster than its length.
`split` cuts such a text into parts of at most `PART_CHARS` characters, at a blank line when
there is one, else at a line break, a sentence end or a space; each part is extracted and
linked on its own (relations stay inside a part); `merge` puts the parts' results back
together with offsets into the whole text and quantity ids unique across it.

>>> text = "First part, 12 of 40.\\n\\nSecond part, 3 of 9."
>>> [text[a:b] for a, b in split(text, 25)]
['First part, 12 of 40.\\n\\n', 'Second part, 3 of 9.']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from numcheck.schema import Check, Claim, Derived, Document, DocumentResult, Quantity

#: Longest part linked in one piece. Parts of 20,000 characters (about 3,000 words, four
#: pages) keep every relation of a press release or a report section, and keep linking's
#: cost per character flat (benchmarks/scaling.py).
PART_CHARS = 20_000
#: Most figures in one part: linking pairs figures, so a table dense in figures (a hundred
#: per KB) is cut shorter than prose (about ten per KB, 200 in a full part).
PART_FIGURES = 400
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")

# Where to cut, best first: after a blank line, a line break, a sentence end, a space.
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"”’)\]]*\s+"), re.compile(r"\s+"))


def split(
    text: str, max_chars: int = PART_CHARS, *, max_figures: int | None = None, keep_whole: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """The parts of `text` as contiguous (start, end) ranges of at most `max_chars` characters and
    about `max_figures` digit runs (default PART_FIGURES; one part when it all fits).

    A cut is placed in the second half of each window, at the best boundary found there, and
    never inside a span of `keep_whole` (gold quantities). A window with no white space at all
    is cut hard.

    >>> split("a b c d e f", 4)
    [(0, 4), (4, 8), (8, 11)]
    >>> split("1 2 3 4 5 6 7 8", 100, max_figures=3)
    [(0, 6), (6, 12), (12, 15)]
    """
    max_figures = max_figures or PART_FIGURES
    n = len(text)
    figures = [m.start() for m in _FIGURE.finditer(text)] if n > max_figures else []
    if n <= max_chars and len(figures) <= max_figures:
        return [(0, n)]
    spans = sorted(keep_whole)
    out: list[tuple[int, int]] = []
    start = 0
    while True:
        # The window ends at max_chars, or at the figure past max_figures, whichever comes first.
        k = bisect.bisect_left(figures, start) + max_figures
        limit = min(start + max_chars, figures[k] if k < len(figures) else n)
        if limit >= n:
            break
        cut = _cut(text, start, max(limit, start + 2), spans)
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


def _cut(text: str, start: int, limit: int, spans: list[tuple[int, int]]) -> int:
    lo = start + (limit - start) // 2
    for pattern in _CUTS:
        best = None
        for m in pattern.finditer(text, lo, limit):
            best = m.end()
        if best is not None and best > start:
            return _outside(best, start, spans)
    return _outside(limit, start, spans)


def _outside(cut: int, start: int, spans: list[tuple[int, int]]) -> int:
    for a, b in spans:
        if a < cut < b and a > start:
            return a
    return cut


def part_document(doc: Document, view: str, start: int, end: int) -> Document:
    """The part [start, end) of a document as a document of its own (its gold quantities shifted).

    `view` is the text the readers see (`numcheck.safetext.reading_view`); a gold quantity's
    text is taken from it.

    >>> d = Document(id="d", text="aa. 5 of 9")
    >>> part_document(d, d.text, 4, 10).text
    '5 of 9'
    """
    quantities = [
        q.model_copy(update={"start": q.start - start, "end": q.end - start, "text": view[q.start : q.end]})
        for q in doc.quantities
        if start <= q.start and q.end <= end
    ]
    return doc.model_copy(update={"text": view[start:end], "quantities": quantities})


def merge(doc: Document, parts: Sequence[tuple[int, int]], results: Sequence[DocumentResult], *, renumber: bool) -> DocumentResult:
    """One result for the whole document from the results of its parts, in order.

    Offsets are shifted into the whole text and each quantity's text is read from the
    document's own text (not the reading view); with `renumber`, quantity ids become q1, q2,
    ... across the whole document and every check, claim and derived figure follows.

    >>> d = Document(id="d", text="5 of 9. 2 of 4")
    >>> r1 = DocumentResult(id="d", quantities=[Quantity(id="q1", start=0, end=1, text="5", kind="COUNT")])
    >>> r2 = DocumentResult(id="d", quantities=[Quantity(id="q1", start=0, end=1, text="2", kind="COUNT")])
    >>> [(q.id, q.start) for q in merge(d, [(0, 8), (8, 14)], [r1, r2], renumber=True).quantities]
    [('q1', 0), ('q2', 8)]
    """
    text = doc.text
    quantities: list[Quantity] = []
    claims: list[Claim] = []
    checks: list[Check] = []
    derived: list[Derived] = []
    unconfirmed: list[Check] = []
    errors = []
    for (start, _end), result in zip(parts, results, strict=True):
        ids: dict[str, str] = {}
        for q in result.quantities:
            new_id = f"q{len(quantities) + 1}" if renumber else q.id
            ids[q.id] = new_id
            a, b = q.start + start, q.end + start
            quantities.append(q.model_copy(update={"id": new_id, "start": a, "end": b, "text": text[a:b]}))

        def rename(qid: str | None, ids: dict[str, str] = ids) -> str | None:
            return ids.get(qid, qid) if qid is not None else None

        claims += [c.model_copy(update={"start": c.start + start, "end": c.end + start,
                                        "quantities": [rename(q) for q in c.quantities]}) for c in result.claims]
        checks += [c.model_copy(update={"quantities": [rename(q) for q in c.quantities]}) for c in result.checks]
        derived += [d.model_copy(update={"quantities": [rename(q) for q in d.quantities]}) for d in result.derived]
        unconfirmed += [c.model_copy(update={"quantities": [rename(q) for q in c.quantities]}) for c in result.unconfirmed]
        errors += result.errors
    return DocumentResult(
        id=doc.id, source=doc.source, text=text, quantities=quantities, claims=claims, checks=checks,
        derived=derived, errors=errors, unconfirmed=unconfirmed,
    )
