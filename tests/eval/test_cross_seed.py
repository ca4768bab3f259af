"""The seed story end to end (issue 18, item 4): the MIA's 2023 and 2024 board releases, read in
two runs into one store, join the 2024 "crimes decreased by 9.4%" to both 2023 totals it may
mean, as dev-cross annotates: all crimes (36,811 -> 33,379, -9.32%: ambiguous) and those the
police and prosecutors investigated (34,783 -> 31,526, -9.36%: consistent).

The releases are read from ../shared by path (evaluation data, never copied here).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from numcheck.inference.cross import open_matcher
from numcheck.inference.extractor import get_extractor
from numcheck.pipeline import check_documents
from numcheck.schema import Document

DEV_CROSS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "dev-cross.jsonl"
OLD, NEW = "az-mia-2024-01-23-board-2023", "az-mia-2025-01-24-board-2024"


@pytest.fixture(scope="module")
def releases() -> dict[str, dict]:
    if not DEV_CROSS.exists():
        pytest.skip(f"{DEV_CROSS} is not here (the shared data sits beside the checkout)")
    docs = {}
    for line in DEV_CROSS.read_text(encoding="utf-8").splitlines():
        for d in json.loads(line)["documents"]:
            docs[d["id"]] = d
    return {k: docs[k] for k in (OLD, NEW)}


def _run(store: Path, d: dict, extractor) -> object:
    doc = Document(id=d["id"], text=d["text"], source=d["source"])
    matcher = open_matcher(store)  # a new run: the store opened afresh
    try:
        return matcher.process(check_documents([doc], extractor)[0])
    finally:
        matcher.store.close()


def test_the_seed_story(tmp_path: Path, releases: dict[str, dict]) -> None:
    extractor = get_extractor("model")
    store = tmp_path / "archive.db"
    first = _run(store, releases[OLD], extractor)
    assert first.cross_checks == []
    second = _run(store, releases[NEW], extractor)
    text = releases[NEW]["text"]
    at = text.index("decreased by 9.4%") + len("decreased by ")
    on_94 = {}
    for c in second.cross_checks:
        change = c.quantities[0]
        if c.kind.value == "change" and change.doc == NEW and change.start == at:
            on_94[(c.quantities[1].text, c.quantities[2].text)] = c
    assert set(on_94) == {("36,811", "33,379"), ("34,783", "31,526")}
    total, investigated = on_94[("36,811", "33,379")], on_94[("34,783", "31,526")]
    assert total.verdict.value == "ambiguous" and total.expected is None or total.verdict.value == "ambiguous"
    assert investigated.verdict.value == "consistent" and investigated.expected == pytest.approx(9.36)
    assert [q.doc for q in total.quantities] == [NEW, OLD, NEW]
    old_text = releases[OLD]["text"]
    q = total.quantities[1]
    assert old_text[q.start:q.end] == "36,811"
    for c in (total, investigated):
        # both sources named, with their dates
        assert "(2024-01-23)" in c.explanation and "(2025-01-24)" in c.explanation
        assert {s.doc for s in c.sources} == {OLD, NEW}
        assert 0 <= c.score <= 1
