"""One document through numcheck: figures found, linked into relations, each relation checked.

`check_documents` is what every runner (local, Ray) and `numcheck eval` call, so the same
arithmetic runs everywhere. Before anything reads a document, it gets its reading view
(`numcheck.safetext`: escapes blanked, digits of any script read as ASCII, absurd digit runs
blanked, same offsets), and a document longer than `numcheck.parts.PART_CHARS` is split at
paragraph boundaries and checked part by part (a table dense in figures in shorter parts),
so the work per character stays flat.
A document's work can be bounded by a time budget: what was checked when it runs out is
kept, with an `E_TIMEOUT` entry saying what was not; a document whose checking raises gets
`E_INTERNAL`; neither stops its batch-mates.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from numcheck import parts as parts_
from numcheck.budget import BudgetExceeded, time_budget
from numcheck.inference.extractor import Extractor
from numcheck.safetext import MAX_FIGURE_DIGITS, reading_view
from numcheck.schema import DocError, Document, DocumentResult, Quantity, QuantityKind, Reference

#: The code of a document whose checking raised: a bug in numcheck, never the document's fault.
E_INTERNAL = "E_INTERNAL"
#: The code of a document whose checking ran out of its time budget.
E_TIMEOUT = "E_TIMEOUT"
#: Characters per call to an extractor that batches (the model): 64 press releases fit in one.
EXTRACT_CHARS = 400_000
#: Bits of an int of MAX_FIGURE_DIGITS digits plus the largest scale word (a trillion).
_MAX_BITS = math.ceil((MAX_FIGURE_DIGITS + 12) * math.log2(10))


def check_text(
    doc: Document,
    quantities: list[Quantity],
    *,
    population: float | None = None,
    reference: Reference | None = None,
) -> DocumentResult:
    """Link the figures of one document and check every relation found.

    `population` (from `--population`) and `reference` (from `--reference`) supply outside
    facts when the document's own `reference` lacks them.
    """
    from numcheck.inference.linking import link_and_check

    return link_and_check(doc, quantities, population=population, reference=reference)


@dataclass
class _Prepared:
    doc: Document
    spans: list[tuple[int, int]]
    parts: list[Document]
    warnings: list[DocError]


def prepare(doc: Document, *, max_chars: int | None = None) -> _Prepared:
    """A document's reading view cut into parts of at most `max_chars` (default `numcheck.parts.PART_CHARS`),
    with warnings on what the view changed.

    >>> p = prepare(Document(id="d", text="\\x1b[2JOf 40 cases, 12 were closed."))
    >>> p.parts[0].text.lstrip(), [w.code for w in p.warnings]
    ('Of 40 cases, 12 were closed.', ['W_CONTROL_CHARS'])
    """
    max_chars = max_chars or parts_.PART_CHARS
    view, warnings = reading_view(doc.text)
    spans = parts_.split(view, max_chars, keep_whole=[(q.start, q.end) for q in doc.quantities])
    if len(spans) > 1:
        warnings.append(DocError(
            code="W_PARTS",
            message=f"the text has {len(doc.text):,} characters and was checked in {len(spans)} parts of at most "
            f"{max_chars:,} characters and about {parts_.PART_FIGURES} figures each (cut at paragraph boundaries): "
            "figures in different parts are not related",
        ))
    return _Prepared(doc, spans, [parts_.part_document(doc, view, a, b) for a, b in spans], warnings)


def check_documents(
    docs: Sequence[Document],
    extractor: Extractor | None,
    *,
    population: float | None = None,
    reference: Reference | None = None,
    budget: float | None = None,
) -> list[DocumentResult]:
    """Extract the figures of a batch (or use each document's own when `extractor` is None) and check them.

    `budget` bounds each document's checking (`iter_check_documents`, `budget_for`).
    """
    return list(iter_check_documents(docs, extractor, population=population, reference=reference, budget=budget))


def iter_check_documents(
    docs: Sequence[Document],
    extractor: Extractor | None,
    *,
    population: float | None = None,
    reference: Reference | None = None,
    budget: float | None = None,
) -> Iterator[DocumentResult]:
    """Results of a batch in order, each yielded as soon as its document is done.

    An extractor that batches (`batches = True`, the model) reads every part of every
    document first, in calls of at most EXTRACT_CHARS characters, and raises before any
    result when it fails; any other reads
    each document within that document's budget (`budget_for`). A document that runs out of
    it keeps the parts checked so far, with an E_TIMEOUT entry; one whose checking raises gets
    E_INTERNAL.
    """
    prepared = [prepare(d) for d in docs]
    found: list[list[list[Quantity]] | None] = [None] * len(prepared)
    if extractor is not None and getattr(extractor, "batches", False):
        flat = iter(_extract_in_calls(extractor, [part.text for p in prepared for part in p.parts]))
        found = [[next(flat) for _ in p.parts] for p in prepared]
    for p, quantities in zip(prepared, found, strict=True):
        yield _check_prepared(p, extractor, quantities, population=population, reference=reference, budget=budget)


def _extract_in_calls(extractor: Extractor, texts: list[str]) -> list[list[Quantity]]:
    """The extractor's quantities for `texts`, in calls of at most EXTRACT_CHARS characters, so
    that its memory does not grow with the length of a document (a batch of 64 press releases
    still goes in one call)."""
    found: list[list[Quantity]] = []
    call: list[str] = []
    size = 0
    for text in texts:
        if call and size + len(text) > EXTRACT_CHARS:
            found += extractor.extract(call)
            call, size = [], 0
        call.append(text)
        size += len(text)
    if call:
        found += extractor.extract(call)
    return found


def _check_prepared(
    p: _Prepared,
    extractor: Extractor | None,
    found: list[list[Quantity]] | None,
    *,
    population: float | None,
    reference: Reference | None,
    budget: float | None,
) -> DocumentResult:
    done: list[DocumentResult] = []
    extra: list[DocError] = []
    warnings = list(p.warnings)
    started = time.perf_counter()
    try:
        with time_budget(budget_for(len(p.doc.text), budget)):
            for i, part in enumerate(p.parts):
                if found is not None:
                    quantities = found[i]
                elif extractor is None:
                    quantities = list(part.quantities)
                else:
                    quantities = extractor.extract([part.text])[0]
                quantities = _readable(quantities, warnings, offset=p.spans[i][0])
                done.append(check_text(part, quantities, population=population, reference=reference))
    except BudgetExceeded:
        start = p.spans[len(done)][0]
        extra.append(DocError(
            code=E_TIMEOUT,
            message=f"checking {p.doc.id} stopped after {time.perf_counter() - started:.0f} s, its time budget: "
            f"the text from offset {start:,} to its end ({len(p.doc.text) - start:,} characters) was not checked. "
            "Raise --time-budget, or split the document",
        ))
    except Exception as exc:  # noqa: BLE001 - one document must not stop the batch
        return internal_error(p.doc, exc, warnings=warnings)
    result = parts_.merge(p.doc, p.spans[: len(done)], done, renumber=extractor is not None)
    return result.model_copy(update={"errors": warnings + result.errors + extra})


def _readable(quantities: list[Quantity], warnings: list[DocError], *, offset: int = 0) -> list[Quantity]:
    """The quantities with a value of more than MAX_FIGURE_DIGITS digits (one an extractor joined
    from space-separated groups, say) turned into OTHER spans, which no check computes with;
    `offset` is where their part starts in the document, for the warning."""
    out = []
    for q in quantities:
        if isinstance(q.value, (int, float)) and not isinstance(q.value, bool) and _too_long(q.value):
            warnings.append(DocError(
                code="W_LONG_NUMBER",
                message=f"the figure at offsets {q.start + offset}-{q.end + offset} has more than {MAX_FIGURE_DIGITS} digits; it is "
                "not used in any check",
            ))
            q = q.model_copy(update={"kind": QuantityKind.OTHER, "value": None})
        out.append(q)
    return out


def _too_long(value: int | float) -> bool:
    if isinstance(value, int):
        return value.bit_length() > _MAX_BITS
    return not math.isfinite(value) or abs(value) >= 10.0 ** (MAX_FIGURE_DIGITS + 12)


def budget_for(chars: int, seconds: float | None) -> float | None:
    """A document's time budget: `seconds`, and as many again for each further megabyte of text
    (checking time grows with length; the budget stops what does not end, not what is long).

    >>> budget_for(5_000, 120), budget_for(2_500_000, 120), budget_for(5_000, None)
    (120, 300.0, None)
    """
    if not seconds:
        return None
    return seconds * max(1, chars / 1_000_000)


def internal_error(doc: Document, exc: BaseException, *, warnings: Sequence[DocError] = ()) -> DocumentResult:
    """The result line of a document whose checking raised: no figures, an E_INTERNAL entry.

    >>> internal_error(Document(id="d", text="5"), ValueError("x")).errors[0].code
    'E_INTERNAL'
    """
    message = (
        f"checking {doc.id} raised {type(exc).__name__}: {exc}. This is a bug in numcheck; "
        "please report it with this document. The other documents were checked"
    )
    return DocumentResult(id=doc.id, source=doc.source, text=doc.text, errors=[*warnings, DocError(code=E_INTERNAL, message=message)])
