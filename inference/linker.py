"""`Linker`: the encoder and the trained relation head together, one document at a time.

The encoder is the token tagger's (`ModelExtractor`): when the figures come from the model,
the vectors come from the same pass (`extract_states`); when they come from elsewhere (gold
spans, the rule extractor, spaCy) the linker reads the text once more (`encode`). The head
lives in the same model directory (`numcheck.models.relations`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from numcheck.inference.extractor import TokenStates
from numcheck.schema import Document, DocumentResult, Quantity, Reference


class Linker:
    """Relations between the figures of documents, checked.

    >>> # Linker.load().check(Document(id="d", text=t), quantities, states)
    """

    def __init__(self, encoder: Any, head: Any) -> None:
        self.encoder = encoder
        self.head = head
        #: scored links of the documents a batch is about to check, by id() of their states (`prefetch`)
        self._ready: dict[int, tuple[TokenStates, str, tuple[Any, ...], Any]] = {}

    @classmethod
    def load(cls, model_path: str | Path | None = None, *, encoder: Any = None) -> Linker:
        """The linker of a model directory (the shipped model by default), reusing `encoder` when given."""
        from numcheck.models.relations import RelationModel

        if encoder is None:
            from numcheck.inference.model import ModelExtractor

            encoder = ModelExtractor(model_path)
        return cls(encoder, RelationModel.load(model_path))

    def encode(self, texts: Sequence[str]) -> list[TokenStates]:
        """The encoder's token vectors of each text."""
        return self.encoder.encode(texts)

    def prefetch(self, jobs: Sequence[tuple[Document, list[Quantity], TokenStates | None]]) -> None:
        """Score the candidate links of the documents a batch is about to check in one pass of
        the head (`score_many`: its products run over the rows of all of them at once); `check`
        of the same text, figures and states then takes its scores from here, and any other
        document is scored alone. What the last call prefetched and no check took is dropped.
        """
        from numcheck.inference.relations import build_doc, candidates

        self._ready = {}
        if not hasattr(self.head, "score_many"):
            return
        ready = []
        for document, quantities, states in jobs:
            if states is None or not quantities:
                continue
            doc = build_doc(document.text, quantities, states)
            ready.append((states, document.text, _figures_key(quantities), doc, candidates(doc)))
        scored = self.head.score_many([(doc, pairs) for *_, doc, pairs in ready])
        for (states, text, key, doc, pairs), probs in zip(ready, scored, strict=True):
            self._ready[id(states)] = (states, text, key, (doc, pairs, probs))

    def check(self, document: Document, quantities: list[Quantity], states: TokenStates | None, *,
              population: float | None = None, reference: Reference | None = None) -> DocumentResult:
        """Link the figures of one document and check every relation found."""
        from numcheck.inference.relations import link_and_check

        got = self._ready.pop(id(states), None) if states is not None else None
        prepared = (got[3] if got is not None and got[0] is states and got[1] == document.text
                    and got[2] == _figures_key(quantities) else None)
        return link_and_check(document, quantities, states, self.head, thresholds=self.head.thresholds,
                              population=population, reference=reference, calibrate=self.head.calibrate,
                              confirm=self.head.confirm, prepared=prepared)


def _figures_key(quantities: Sequence[Quantity]) -> tuple[Any, ...]:
    """What the linker reads of a document's figures: two lists with the same key link alike."""
    return tuple((q.id, q.start, q.end, q.kind, q.text, q.unit, q.value) for q in quantities)


@lru_cache(maxsize=2)
def default_linker(model_path: str | None = None) -> Linker:
    """One linker per model directory per process (loading one takes a second)."""
    return Linker.load(model_path)


def linker_for(extractor: Any, model_path: str | Path | None = None) -> Linker:
    """The linker that shares the extractor's encoder when the extractor is the model, else the
    one of `model_path` (`--model` beside another extractor: its relation head, not the shipped
    one, links the gold or rule figures), else the shipped one."""
    path = getattr(extractor, "model_path", None)
    if extractor is not None and hasattr(extractor, "extract_states"):
        cached = getattr(extractor, "_linker", None)
        if cached is None:
            from numcheck.models.relations import RelationModel

            cached = Linker(extractor, RelationModel.load(path))
            extractor._linker = cached
        return cached
    return default_linker(None if model_path is None else str(model_path))
