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
    """Link the figures of one document and check every relation found.

    `population` (from `--population`) and `reference` (from `--reference`) supply outside
    facts when the document's own `reference` lacks them.
    """
    from numcheck.inference.linking import link_and_check

    return link_and_check(doc, quantities, population=population, reference=reference)


def check_documents(
    docs: Sequence[Document],
    extractor: Extractor | None,
    *,
    population: float | None = None,
    reference: Reference | None = None,
) -> list[DocumentResult]:
    """Extract the figures of a batch (or use each document's own when `extractor` is None)."""
    if extractor is None:
        found = [list(d.quantities) for d in docs]
    else:
        found = extractor.extract([d.text for d in docs])
    return [
        check_text(d, qs, population=population, reference=reference) for d, qs in zip(docs, found, strict=True)
    ]
