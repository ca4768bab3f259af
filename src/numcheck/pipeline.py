"""One document through numcheck: figures found, tables checked by their structure, the other
figures linked into relations, each relation checked.

`check_documents` is what every runner (local, Ray) and `numcheck eval` call, so the same
arithmetic runs everywhere. Before anything reads a document, it gets its reading view
(`numcheck.safetext`: escapes blanked, digits of any script read as ASCII, absurd digit runs
blanked, same offsets). Its tables (read from HTML or PDF, or written in its text) are checked
whole by `numcheck.inference.tables`; the extractor reads the text with their number cells
blanked. The prose is linked by the learned linker (`numcheck.inference.linker`), whose
vectors come from the extractor's own pass when the extractor is the model. A document longer
than `numcheck.parts.PART_CHARS` is linked part by part, cut at paragraph boundaries (a table
dense in figures in shorter parts), so the work per character stays flat.
A document's work can be bounded by a time budget: what was checked when it runs out is
kept, with an `E_TIMEOUT` entry saying what was not; a document whose checking raises gets
`E_INTERNAL`; neither stops its batch-mates.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from numcheck import parts as parts_
from numcheck.budget import BudgetExceeded, time_budget
from numcheck.inference.extractor import Extractor, TokenStates
from numcheck.safetext import MAX_FIGURE_DIGITS, reading_view
from numcheck.schema import DocError, Document, DocumentResult, Quantity, QuantityKind, Reference, Table

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
    tables: Sequence[Table] | None = None,
    states: TokenStates | None = None,
    linker: Any = None,
) -> DocumentResult:
    """Check the tables of one document by their structure and link the figures of its prose.

    The tables are `tables` when given (an empty list: prose only), else the document's own
    (read from HTML or PDF) or, when it has none, those its text holds (Markdown and plain-text
    tables). The figures in a table's cells are checked by the table checks alone; the linker
    sees only the figures outside tables. `states` are the encoder's vectors of the text with
    the number cells blanked (read here when not given). `population` (from `--population`)
    and `reference` (from `--reference`) supply outside facts when the document's own
    `reference` lacks them.

    >>> t = "Area | Cases\\nNorth | 10\\nSouth | 12\\nTotal | 25"
    >>> [c.verdict.value for c in check_text(Document(id="d", text=t), [], linker=False).checks]
    ['inconsistent']
    """
    from numcheck.inference.tables import check_tables
    from numcheck.tables import find_text_tables, mask_number_cells

    if tables is None:
        tables = list(doc.tables) or find_text_tables(doc.text)
    if not tables:
        return _link(doc, quantities, states, linker, population=population, reference=reference)
    found = check_tables(doc, tables, quantities, reference=doc.reference or reference, population=population)
    masked = doc.model_copy(update={"text": mask_number_cells(doc.text, tables)})
    prose = _link(masked, found.outside, states, linker, population=population, reference=reference)
    return _with_tables(prose.model_copy(update={"text": doc.text}), found, tables)


def _link(doc: Document, quantities: list[Quantity], states: TokenStates | None, linker: Any, *,
          population: float | None, reference: Reference | None) -> DocumentResult:
    """The prose linker on one document; `linker=False` links nothing (tables only)."""
    if linker is False or not quantities:
        return DocumentResult(id=doc.id, source=doc.source, text=doc.text, quantities=list(quantities))
    if linker is None:
        from numcheck.inference.linker import default_linker

        linker = default_linker(None)
    if states is None:
        states = linker.encode([doc.text])[0]
    return linker.check(doc, quantities, states, population=population, reference=reference)


def _with_tables(prose: DocumentResult, found: Any, tables: Sequence[Table]) -> DocumentResult:
    """The prose result with the table checks' figures, claims, checks and derived figures added."""
    return prose.model_copy(update={
        "quantities": sorted([*prose.quantities, *found.quantities], key=lambda q: (q.start, q.end)),
        "claims": sorted([*prose.claims, *found.claims], key=lambda c: (c.start, c.end)),
        "checks": [*found.checks, *prose.checks],
        "derived": [*found.derived, *prose.derived],
        "tables": list(tables),
    })


@dataclass
class _Prepared:
    doc: Document
    spans: list[tuple[int, int]]
    parts: list[Document]
    warnings: list[DocError]
    #: The reading view with the tables' number cells blanked: what the extractor and the linker read.
    masked: str = ""
    tables: list[Table] = field(default_factory=list)
    #: The reading view (same offsets as the text).
    view: str = ""

    def texts(self) -> list[str]:
        return [self.masked[a:b] for a, b in self.spans]


def prepare(doc: Document, *, max_chars: int | None = None) -> _Prepared:
    """A document's reading view cut into parts of at most `max_chars` (default `numcheck.parts.PART_CHARS`),
    with its tables and warnings on what the view changed.

    >>> p = prepare(Document(id="d", text="\\x1b[2JOf 40 cases, 12 were closed."))
    >>> p.parts[0].text.lstrip(), [w.code for w in p.warnings]
    ('Of 40 cases, 12 were closed.', ['W_CONTROL_CHARS'])
    """
    from numcheck.tables import find_text_tables, mask_number_cells

    max_chars = max_chars or parts_.PART_CHARS
    view, warnings = reading_view(doc.text)
    tables = list(doc.tables) or find_text_tables(view)
    masked = mask_number_cells(view, tables) if tables else view
    # Parts are cut where the linker reads (the masked text): a table's cells count no figures there.
    spans = parts_.split(masked, max_chars, keep_whole=[(q.start, q.end) for q in doc.quantities])
    if len(spans) > 1:
        warnings.append(DocError(
            code="W_PARTS",
            message=f"the text has {len(doc.text):,} characters and was checked in {len(spans)} parts of at most "
            f"{max_chars:,} characters and about {parts_.PART_FIGURES} figures each (cut at paragraph boundaries): "
            "figures in different parts are not related (tables are checked whole)",
        ))
    parts = [parts_.part_document(doc, view, a, b).model_copy(update={"tables": []}) for a, b in spans]
    return _Prepared(doc, spans, parts, warnings, masked, tables, view)


def check_documents(
    docs: Sequence[Document],
    extractor: Extractor | None,
    *,
    population: float | None = None,
    reference: Reference | None = None,
    budget: float | None = None,
    linker: Any = None,
) -> list[DocumentResult]:
    """Extract the figures of a batch (or use each document's own when `extractor` is None) and check them.

    `budget` bounds each document's checking (`iter_check_documents`, `budget_for`).
    """
    return list(iter_check_documents(docs, extractor, population=population, reference=reference, budget=budget,
                                     linker=linker))


def iter_check_documents(
    docs: Sequence[Document],
    extractor: Extractor | None,
    *,
    population: float | None = None,
    reference: Reference | None = None,
    budget: float | None = None,
    linker: Any = None,
) -> Iterator[DocumentResult]:
    """Results of a batch in order, each yielded as soon as its document is done.

    An extractor that batches (`batches = True`, the model) reads every part of every
    document first, in calls of at most EXTRACT_CHARS characters, and raises before any
    result when it fails; any other reads
    each document within that document's budget (`budget_for`). A document that runs out of
    it keeps the parts checked so far, with an E_TIMEOUT entry; one whose checking raises gets
    E_INTERNAL. `linker` is the relation linker (default: the one sharing the model
    extractor's encoder, else the shipped one; False: tables only).
    """
    from numcheck.inference.linker import linker_for

    if linker is None:
        linker = linker_for(extractor)
    prepared = [prepare(d) for d in docs]
    found: list[list[tuple[list[Quantity], TokenStates | None]] | None] = [None] * len(prepared)
    if extractor is not None and getattr(extractor, "batches", False):
        flat = iter(_extract_in_calls(extractor, linker, [t for p in prepared for t in p.texts()]))
        found = [[next(flat) for _ in p.parts] for p in prepared]
        _prefetch(linker, prepared, found)
    for p, quantities in zip(prepared, found, strict=True):
        yield _check_prepared(p, extractor, linker, quantities, population=population, reference=reference,
                              budget=budget)


def _prefetch(linker: Any, prepared: Sequence[_Prepared], found: Sequence[Any]) -> None:
    """Let the linker score the links of the batch's short documents without tables together
    (`Linker.prefetch`): each reaches it as read. A long document (more than one part) is linked
    part by part within its own time budget, as a hostile one must be, and its parts are rows
    enough for the products anyway. When the prefetch fails, every document of the batch is
    linked alone, and one that fails fails within its own budget and error."""
    if not hasattr(linker, "prefetch"):
        return
    jobs = [(p.parts[0], *read[0]) for p, read in zip(prepared, found, strict=True)
            if read is not None and not p.tables and len(p.parts) == 1]
    try:
        linker.prefetch(jobs)
    except Exception:  # noqa: BLE001 - each document is then linked, and its errors reported, alone
        linker.prefetch([])


def _read(extractor: Extractor, linker: Any, texts: list[str]) -> list[tuple[list[Quantity], TokenStates | None]]:
    """The extractor's quantities of `texts`, with the encoder's vectors when the extractor is
    the linker's encoder (one pass for both)."""
    if linker not in (None, False) and extractor is getattr(linker, "encoder", None):
        return extractor.extract_states(texts)  # type: ignore[attr-defined,no-any-return]
    return [(qs, None) for qs in extractor.extract(texts)]


def _extract_in_calls(extractor: Extractor, linker: Any, texts: list[str]) -> list[tuple[list[Quantity], TokenStates | None]]:
    """The extractor's quantities (and vectors) for `texts`, in calls of at most EXTRACT_CHARS
    characters, so that its memory does not grow with the length of a document (a batch of 64
    press releases still goes in one call)."""
    found: list[tuple[list[Quantity], TokenStates | None]] = []
    call: list[str] = []
    size = 0
    for text in texts:
        if call and size + len(text) > EXTRACT_CHARS:
            found += _read(extractor, linker, call)
            call, size = [], 0
        call.append(text)
        size += len(text)
    if call:
        found += _read(extractor, linker, call)
    return found


def _check_prepared(
    p: _Prepared,
    extractor: Extractor | None,
    linker: Any,
    found: list[tuple[list[Quantity], TokenStates | None]] | None,
    *,
    population: float | None,
    reference: Reference | None,
    budget: float | None,
) -> DocumentResult:
    from numcheck.inference.tables import check_tables

    done: list[DocumentResult] = []
    extra: list[DocError] = []
    warnings = list(p.warnings)
    started = time.perf_counter()
    table_found = None
    texts = p.texts()
    try:
        with time_budget(budget_for(len(p.doc.text), budget)):
            read: list[tuple[list[Quantity], TokenStates | None]] = []
            for i, part in enumerate(p.parts):
                if found is not None:
                    quantities, states = found[i]
                elif extractor is None:
                    quantities, states = list(part.quantities), None
                else:
                    [(quantities, states)] = _read(extractor, linker, [texts[i]])
                read.append((_readable(quantities, warnings, offset=p.spans[i][0]), states))
            prose = [qs for qs, _ in read]
            if p.tables:
                # Tables are checked whole, over the figures of every part (a total may be stated in the prose).
                whole = [q.model_copy(update={"start": q.start + a, "end": q.end + a})
                         for (a, _b), (qs, _s) in zip(p.spans, read, strict=True) for q in qs]
                view = p.doc.model_copy(update={"text": p.view, "quantities": []})
                table_found = check_tables(view, p.tables, whole, reference=p.doc.reference or reference,
                                           population=population)
                prose = [[q.model_copy(update={"start": q.start - a, "end": q.end - a})
                          for q in table_found.outside if a <= q.start and q.end <= b] for a, b in p.spans]
            for i, part in enumerate(p.parts):
                states = read[i][1]
                if p.tables:
                    part = part.model_copy(update={"text": texts[i]})
                done.append(check_text(part, prose[i], population=population, reference=reference, tables=[],
                                       states=states, linker=linker))
    except BudgetExceeded:
        start = p.spans[len(done)][0]
        extra.append(DocError(
            code=E_TIMEOUT,
            message=f"checking {p.doc.id} stopped after {time.perf_counter() - started:.0f} s, its time budget: "
            f"the text from offset {start:,} to its end ({len(p.doc.text) - start:,} characters) was not checked. "
            "Raise --time-budget, or split the document",
        ))
        table_found = None if not done else table_found
    except Exception as exc:  # noqa: BLE001 - one document must not stop the batch
        return internal_error(p.doc, exc, warnings=warnings)
    # Ids already run over the whole document when the table checks named them.
    result = parts_.merge(p.doc, p.spans[: len(done)], done, renumber=extractor is not None and table_found is None)
    if table_found is not None:
        text = p.doc.text
        for q in table_found.quantities:
            # check_tables made these for this result (a copy of each extractor's figure): set in
            # place, not copied again (a table-heavy report has tens of thousands)
            q.text = text[q.start : q.end]
        result = _with_tables(result, table_found, p.tables)
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
