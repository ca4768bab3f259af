"""The extractor interface: text in, character spans with kind, value and unit out.

Every extractor (the rule-based baseline, the fine-tuned model, spaCy for comparison, the
gold quantities themselves) implements `Extractor`, so `numcheck check --extractor` and
`numcheck eval` can swap them freely.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol, runtime_checkable

import numpy as np

from numcheck.schema import Quantity


@dataclass
class TokenStates:
    """The encoder's last-layer vectors of a text's tokens, with their character offsets.

    Only lines the model read (those holding a digit or a number word) have tokens. The
    relation head pools these vectors over a figure's span and over the words between two
    figures (`pool`).

    >>> st = TokenStates(np.array([[0, 2], [3, 7]]), np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32))
    >>> st.pool(0, 7).tolist()
    [0.5, 0.5]
    """

    offsets: np.ndarray  # (tokens, 2) int, start and end offsets into the text, in text order
    vectors: np.ndarray  # (tokens, hidden) float16 or float32

    def pool(self, start: int, end: int) -> np.ndarray | None:
        """The mean vector (float32) of the tokens overlapping `[start, end)`, or None when none do."""
        if not len(self.offsets):
            return None
        starts, ends, vectors = self._search
        lo = bisect.bisect_right(ends, start)
        hi = bisect.bisect_left(starts, end)
        if hi <= lo:
            return None
        # `vectors[lo:hi].mean(axis=0)` as numpy computes it (a float32 sum, divided by the count in
        # float64 into float32), without its checks: a document pools thousands of spans.
        total = np.add.reduce(vectors[lo:hi], axis=0)
        return np.true_divide(total, np.intp(hi - lo), out=total, casting="unsafe")

    def after(self, end: int, tokens: int = 3) -> np.ndarray | None:
        """The mean vector of the `tokens` tokens that start at or after `end` (what follows a figure),
        or None when no token does.

        >>> st = TokenStates(np.array([[0, 2], [3, 7]]), np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32))
        >>> st.after(2).tolist(), st.after(7)
        ([0.0, 1.0], None)
        """
        starts, ends, _ = self._search
        lo = bisect.bisect_left(starts, end)
        if lo >= len(starts):
            return None
        hi = min(len(starts), lo + tokens)
        return self.pool(starts[lo], ends[hi - 1])

    @cached_property
    def _search(self) -> tuple[list[int], list[int], np.ndarray]:
        # A document's figures and pairs pool hundreds of spans: its offsets as lists (bisect on
        # them is several times faster than np.searchsorted on a column) and its vectors in float32
        # once, not once a span (the same numbers: a mean of the same float32 values).
        return self.offsets[:, 0].tolist(), self.offsets[:, 1].tolist(), self.vectors.astype(np.float32)

    @classmethod
    def empty(cls, hidden: int) -> TokenStates:
        """States of a text the model did not read."""
        return cls(np.zeros((0, 2), dtype=np.int64), np.zeros((0, hidden), dtype=np.float16))


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
