"""One document through numcheck: figures found, linked into relations, each relation checked.

`check_documents` is what every runner (local, Ray) and `numcheck eval` call, so the same
arithmetic runs everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

from numcheck.inference.extractor import Extractor
from numcheck.schema import Document, DocumentResult, Quantity, Reference


def check_text(
    doc: Document,
    quantities: list[Quantity],
    *,
    population: float | None = None,
    reference: Reference | None = None,
) -> DocumentResult:
    """Check the tables of one document by their structure and link the figures of its prose.

    The tables are the document's own (read from HTML or PDF) or, when it has none, those
    its text holds (Markdown and plain-text tables). The figures in a table's cells are
    checked by the table checks alone; the prose linker sees only the figures outside tables.
    `population` (from `--population`) and `reference` (from `--reference`) supply outside
    facts when the document's own `reference` lacks them.

    >>> t = "Area | Cases\\nNorth | 10\\nSouth | 12\\nTotal | 25"
    >>> [c.verdict.value for c in check_text(Document(id="d", text=t), []).checks]
    ['inconsistent']
    """
    from numcheck.inference.linking import link_and_check
    from numcheck.inference.tables import check_tables
    from numcheck.tables import find_text_tables

    tables = list(doc.tables) or find_text_tables(doc.text)
    if not tables:
        return link_and_check(doc, quantities, population=population, reference=reference)
    ref = doc.reference or reference
    found = check_tables(doc, tables, quantities, reference=ref, population=population)
    prose = link_and_check(doc, found.outside, population=population, reference=reference)
    return prose.model_copy(update={
        "quantities": sorted([*prose.quantities, *found.quantities], key=lambda q: (q.start, q.end)),
        "claims": sorted([*prose.claims, *found.claims], key=lambda c: (c.start, c.end)),
        "checks": [*found.checks, *prose.checks],
        "derived": [*found.derived, *prose.derived],
        "tables": tables,
    })


def check_documents(
    docs: Sequence[Document],
    extractor: Extractor | None,
    *,
    population: float | None = None,
    reference: Reference | None = None,
) -> list[DocumentResult]:
    """Extract the figures of a batch (or use each document's own when `extractor` is None) and
    check each document. The figures of table number cells come from the table structure, so
    the extractor reads the text with them blanked."""
    from numcheck.tables import find_text_tables, mask_number_cells

    docs = [d if d.tables else d.model_copy(update={"tables": find_text_tables(d.text)}) for d in docs]
    if extractor is None:
        found = [list(d.quantities) for d in docs]
    else:
        found = extractor.extract([mask_number_cells(d.text, d.tables) if d.tables else d.text for d in docs])
    return [
        check_text(d, qs, population=population, reference=reference) for d, qs in zip(docs, found, strict=True)
    ]
