"""`Linker.prefetch`: a batch's links scored together, each document then linked as it would be alone."""

from __future__ import annotations

import numpy as np

from numcheck.inference.extractor import TokenStates
from numcheck.inference.linker import Linker
from numcheck.inference.relations import Thresholds
from numcheck.models.relations import RelationModel
from numcheck.pipeline import iter_check_documents
from numcheck.schema import Document
from tests.conftest import marked
from tests.models.test_relations_head import random_head


class CountingHead(RelationModel):
    """A random head that counts how it is asked: one document at a time, or a batch."""

    def __init__(self) -> None:
        super().__init__(*random_head(6, 7, seed=4)[:2])
        self.thresholds = Thresholds(keep=0.0, flag=0.99, min_link=0.0)
        self.alone = self.together = 0

    def score(self, doc, pairs):
        self.alone += 1
        return super().score_many([(doc, pairs)])[0]

    def score_many(self, jobs):
        self.together += 1
        return super().score_many(jobs)


def _states(text: str, seed: int) -> TokenStates:
    starts = np.arange(0, len(text), 4)
    rng = np.random.default_rng(seed)
    return TokenStates(np.stack([starts, np.minimum(starts + 3, len(text))], axis=1),
                       rng.normal(size=(len(starts), 6)).astype(np.float32))


SOURCES = ["Of [2,400|COUNT] thefts, [1,100|COUNT] ([45.8%|PERCENT]) were of cars, up [12%|CHANGE] from [2,143|COUNT].",
           "[300|COUNT] of the [1,200|COUNT] replies ([25%|PERCENT]) came by post.",
           "Nothing was counted in [2024|DATE]."]


def _batch():
    out = []
    for k, source in enumerate(SOURCES):
        text, qs = marked(source)
        out.append((Document(id=f"d{k}", text=text), qs, _states(text, k)))
    return out


def test_a_prefetched_batch_links_as_each_document_alone():
    batch = _batch()
    head = CountingHead()
    alone = [Linker(None, head).check(d, qs, st).model_dump() for d, qs, st in batch]
    assert head.alone == 2  # the document without a pair is not scored
    linker = Linker(None, CountingHead())
    linker.prefetch(batch)
    together = [linker.check(d, qs, st).model_dump() for d, qs, st in batch]
    assert together == alone
    assert (linker.head.together, linker.head.alone) == (1, 0)
    assert any(r["checks"] for r in together)


def test_a_document_that_differs_from_what_was_prefetched_is_linked_alone():
    batch = _batch()
    linker = Linker(None, CountingHead())
    linker.prefetch(batch)
    d, qs, st = batch[0]
    fewer = linker.check(d, qs[:3], st)  # other figures: its own scores, not the prefetched ones
    assert linker.head.alone == 1
    assert fewer.model_dump() == Linker(None, CountingHead()).check(d, qs[:3], st).model_dump()
    linker.check(*batch[1])  # the rest of the batch still comes from the prefetch ...
    assert linker.head.alone == 1
    linker.check(*batch[1])  # ... once: a second check of the same document scores again
    assert linker.head.alone == 2
    linker.prefetch([])
    linker.check(*batch[0])  # a new prefetch drops what the last left
    assert linker.head.alone == 3


class PrefetchingExtractor:
    """Gold figures and fixed states, read in batches as the model extractor reads them."""

    batches = True

    def __init__(self, read: dict[str, tuple[list, TokenStates]]) -> None:
        self.read = read

    def extract_states(self, texts):
        return [self.read[t] for t in texts]

    extract = None


def test_the_pipeline_prefetches_a_batch_and_checks_every_document_as_alone():
    batch = _batch()
    read = {d.text: (qs, st) for d, qs, st in batch}
    extractor = PrefetchingExtractor(read)
    linker = Linker(extractor, CountingHead())
    linker.encoder = extractor  # the linker shares the extractor's pass, as the model's does
    got = [r.model_dump() for r in iter_check_documents([d for d, _, _ in batch], extractor, linker=linker)]
    assert (linker.head.together, linker.head.alone) == (1, 0)
    single = Linker(extractor, CountingHead())
    assert [r["checks"] for r in got] == [single.check(d, qs, st).model_dump()["checks"] for d, qs, st in batch]


def test_only_short_documents_without_tables_are_prefetched():
    # a long document is linked part by part within its own time budget, as a hostile one must be
    from numcheck.pipeline import _prefetch, prepare

    class Spy:
        def prefetch(self, jobs):
            self.jobs = [d.text for d, _qs, _st in jobs]

    short, qs, st = _batch()[1]
    long_text = "\n\n".join([short.text] * 3)
    table = Document(id="t", text="Area | Cases\nNorth | 10\nSouth | 12\nTotal | 22")
    prepared = [prepare(short), prepare(Document(id="l", text=long_text), max_chars=len(short.text) + 2), prepare(table)]
    assert [len(p.parts) for p in prepared] == [1, 3, 1] and prepared[2].tables
    spy = Spy()
    _prefetch(spy, prepared, [[(qs, st)] * len(p.parts) for p in prepared])
    assert spy.jobs == [short.text]
