"""The extractor interface: text in, character spans with kind, value and unit out.

Every extractor (the rule-based baseline, the fine-tuned model, spaCy for comparison, the
gold quantities themselves) implements `Extractor`, so `numcheck check --extractor` and
`numcheck eval` can swap them freely.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from numcheck.schema import Quantity


@runtime_checkable
class Extractor(Protocol):
    """Finds the number-bearing spans of texts.

    `extract` takes a batch of texts and returns, for each, its quantities in text order
    with ids `q1`, `q2`, ... and `text[start:end] == quantity.text`. One that reads many
    texts faster in one call says so with a class attribute `batches = True` (the pipeline then
    hands it every part of a batch at once; otherwise one document at a time, within its
    time budget).
    """

    name: str

    def extract(self, texts: Sequence[str]) -> list[list[Quantity]]:
        """Quantities of each text, in order."""
        ...


def number_ids(quantities: list[Quantity]) -> list[Quantity]:
    """Sort by offset and renumber ids q1, q2, ... (returns new records).

    >>> qs = [Quantity(id="x", start=5, end=6, text="2", kind="COUNT"), Quantity(id="y", start=0, end=1, text="1", kind="COUNT")]
    >>> [(q.id, q.text) for q in number_ids(qs)]
    [('q1', '1'), ('q2', '2')]
    """
    ordered = sorted(quantities, key=lambda q: (q.start, q.end))
    return [q.model_copy(update={"id": f"q{i}"}) for i, q in enumerate(ordered, start=1)]


def get_extractor(name: str, **options: object) -> Extractor:
    """The extractor called `name`: `rules`, `model`, `spacy` (or `gold`, via `GoldExtractor`).

    >>> get_extractor("rules").name
    'rules'
    """
    if name == "rules":
        from numcheck.inference.rules import RuleExtractor

        return RuleExtractor()
    if name == "model":
        from numcheck.inference.model import ModelExtractor

        return ModelExtractor(**options)  # type: ignore[arg-type]
    if name == "spacy":
        from numcheck.inference.spacy_extractor import SpacyExtractor

        return SpacyExtractor()
    from numcheck.errors import UsageError

    raise UsageError(None, f"--extractor must be one of rules, model, spacy, gold; got {name!r}")
