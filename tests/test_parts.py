"""Long documents in parts: cut at paragraph boundaries, checked part by part, merged back whole."""

from __future__ import annotations

import time

import pytest

from numcheck import parts, pipeline
from numcheck.budget import BudgetExceeded, time_budget
from numcheck.schema import Document, Quantity

pytest.importorskip("numcheck.inference.rules")

PARAGRAPH = "Police recorded 2,000 thefts in 2024, including 450 car thefts (22.5%). Burglaries fell by 10%, from 800 to 720."


def test_split_prefers_blank_lines_then_line_breaks_then_sentences_then_spaces():
    text = "aaaa aaaa.\n\nbbbb bbbb.\ncccc cccc. dddd dddd"
    assert [text[a:b] for a, b in parts.split(text, 14)] == ["aaaa aaaa.\n\n", "bbbb bbbb.\n", "cccc cccc. ", "dddd dddd"]
    assert parts.split("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]  # no white space: cut hard
    assert parts.split("short", 10) == [(0, 5)]


def test_split_never_cuts_inside_a_kept_span():
    text = "one two three four five six"
    cuts = parts.split(text, 12, keep_whole=[(8, 18)])  # "three four"
    assert all(not 8 < a < 18 for a, _ in cuts)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a == b for (_, a), (b, _) in zip(cuts, cuts[1:]))


def test_a_long_document_is_checked_in_parts_with_offsets_into_the_whole_text(monkeypatch):
    from numcheck.inference.rules import RuleExtractor

    monkeypatch.setattr(parts, "PART_CHARS", 400)
    # twelve paragraphs like PARAGRAPH, each with figures of its own (a repeated paragraph would
    # give the linker twelve identical candidates for every figure, which no real report does)
    paragraphs = [f"Police recorded {2000 + 40 * i:,} thefts in 2024, including {450 + 9 * i} car thefts "
                  f"({(450 + 9 * i) / (2000 + 40 * i) * 100:.1f}%). Burglaries fell by 10%, from {800 + 10 * i} to "
                  f"{720 + 9 * i}." for i in range(12)]
    text = "\n\n".join(paragraphs)
    prepared = pipeline.prepare(Document(id="long", text=text))
    assert len(prepared.parts) > 1 and [w.code for w in prepared.warnings] == ["W_PARTS"]
    [whole] = pipeline.check_documents([Document(id="long", text=text)], RuleExtractor())
    singles = pipeline.check_documents([Document(id=f"p{i}", text=p) for i, p in enumerate(paragraphs)],
                                       RuleExtractor())
    assert whole.text == text
    assert all(text[q.start : q.end] == q.text for q in whole.quantities)
    assert [q.id for q in whole.quantities] == [f"q{i}" for i in range(1, len(whole.quantities) + 1)]
    assert len(whole.quantities) == sum(len(s.quantities) for s in singles)
    # each paragraph keeps its share, which the linker is sure of read alone; parts of two
    # paragraphs may link across them too (the linker weighs its candidates against each other,
    # so the weaker links of a paragraph read alone need not all survive among more candidates)
    def shares(result):
        return {tuple(result.text[q.start : q.end] for q in result.quantities if q.id in c.quantities)
                for c in result.checks if c.kind.value == "share" and c.verdict.value == "consistent"}

    alone = set().union(*(shares(s) for s in singles))
    assert len(alone) == 12 and alone <= shares(whole)
    ids = {q.id for q in whole.quantities}
    assert all(qid in ids for c in whole.checks for qid in c.quantities if qid and qid.startswith("q"))
    # Every part's checks name that part's own figures.
    starts = {q.id: q.start for q in whole.quantities}
    for check in whole.checks:
        members = [starts[q] for q in check.quantities if q in starts]
        assert len({next(i for i, (a, b) in enumerate(prepared.spans) if a <= m < b) for m in members}) == 1
    assert "W_PARTS" in [e.code for e in whole.errors]


def test_gold_quantities_keep_their_ids_across_parts():
    text = "Of 40 cases, 12 were closed.\n\nOf 50 cases, 10 were closed."
    gold = [
        Quantity(id="a", start=3, end=5, text="40", kind="COUNT"),
        Quantity(id="b", start=13, end=15, text="12", kind="COUNT"),
        Quantity(id="c", start=33, end=35, text="50", kind="COUNT"),
        Quantity(id="d", start=43, end=45, text="10", kind="COUNT"),
    ]
    doc = Document(id="g", text=text, quantities=gold)
    prepared = pipeline.prepare(doc, max_chars=32)
    results = [pipeline.check_text(part, list(part.quantities)) for part in prepared.parts]
    merged = parts.merge(doc, prepared.spans, results, renumber=False)
    assert [(q.id, q.start, q.text) for q in merged.quantities] == [(q.id, q.start, q.text) for q in gold]


def test_the_reading_view_reaches_the_readers_and_the_record_keeps_the_text():
    from numcheck.inference.rules import RuleExtractor

    text = "\x1b[31mOf 80 staff, 20 (25%)\x1b[0m worked remotely; growth was ٣٫٥% in 2024."
    [result] = pipeline.check_documents([Document(id="e", text=text)], RuleExtractor())
    assert result.text == text
    assert all(text[q.start : q.end] == q.text for q in result.quantities)
    assert "31" not in [q.text for q in result.quantities] and "0m" not in "".join(q.text for q in result.quantities)
    assert [c.verdict.value for c in result.checks if c.kind.value == "share"] == ["consistent"]
    assert any(q.text == "٣٫٥%" and float(q.value) == 3.5 for q in result.quantities)


# --------------------------------------------------------------------------- the time budget


def test_time_budget_stops_a_busy_loop_and_no_except_exception_swallows_it():
    started = time.perf_counter()
    with pytest.raises(BudgetExceeded):
        with time_budget(0.2):
            while True:
                try:
                    sum(range(1000))
                except Exception:  # noqa: BLE001 - what a careless library might do
                    pass
    assert time.perf_counter() - started < 5
    with time_budget(None):
        pass


def test_a_document_past_its_budget_keeps_its_checked_parts_and_gets_e_timeout(monkeypatch):
    from numcheck.inference.rules import RuleExtractor

    real = pipeline.check_text
    calls = []

    def slow_second_part(doc, quantities, **kw):
        calls.append(doc.text[:10])
        if len(calls) == 2:
            time.sleep(30)
        return real(doc, quantities, **kw)

    monkeypatch.setattr(pipeline, "check_text", slow_second_part)
    monkeypatch.setattr(parts, "PART_CHARS", len(PARAGRAPH) + 2)
    text = "\n\n".join(PARAGRAPH for _ in range(3))
    docs = [Document(id="slow", text=text), Document(id="next", text=PARAGRAPH)]
    started = time.perf_counter()
    slow, after = pipeline.check_documents(docs, RuleExtractor(), budget=5.0)
    assert time.perf_counter() - started < 20
    assert [e.code for e in slow.errors] == ["W_PARTS", "E_TIMEOUT"]
    assert f"offset {len(PARAGRAPH) + 2:,}" in slow.errors[-1].message
    assert slow.quantities and all(q.end <= len(PARAGRAPH) for q in slow.quantities)
    assert after.errors == [] and after.checks  # its batch-mate is checked in full


def test_a_document_whose_checking_raises_gets_e_internal_and_its_batch_mates_are_checked(monkeypatch):
    from numcheck.inference.rules import RuleExtractor

    real = pipeline.check_text

    def boom(doc, quantities, **kw):
        if "CRASH" in doc.text:
            raise ValueError("kaput")
        return real(doc, quantities, **kw)

    monkeypatch.setattr(pipeline, "check_text", boom)
    docs = [Document(id="a", text="CRASH 5 of 9"), Document(id="b", text=PARAGRAPH)]
    bad, good = pipeline.check_documents(docs, RuleExtractor())
    assert [e.code for e in bad.errors] == ["E_INTERNAL"] and "kaput" in bad.errors[0].message
    assert good.checks and not good.errors


def test_a_batching_extractor_reads_a_long_document_in_calls_of_bounded_size(monkeypatch):
    from numcheck.inference.rules import RuleExtractor

    rules = RuleExtractor()
    calls: list[int] = []

    class Batching:
        name = "batching"
        batches = True

        def extract(self, texts):
            calls.append(sum(len(t) for t in texts))
            return rules.extract(texts)

    monkeypatch.setattr(parts, "PART_CHARS", len(PARAGRAPH) + 2)
    monkeypatch.setattr(pipeline, "EXTRACT_CHARS", 3 * (len(PARAGRAPH) + 2))
    text = "\n\n".join(PARAGRAPH for _ in range(10))
    [whole] = pipeline.check_documents([Document(id="long", text=text)], Batching())
    [one] = pipeline.check_documents([Document(id="one", text=PARAGRAPH)], rules)
    assert len(calls) >= 4 and max(calls[:-1]) <= 3 * (len(PARAGRAPH) + 2)
    assert len(whole.quantities) == 10 * len(one.quantities)
    assert all(text[q.start : q.end] == q.text for q in whole.quantities)


def test_a_table_dense_in_figures_is_cut_into_shorter_parts():
    rows = "\n".join(" | ".join(str(100 + i * 7 + j) for j in range(10)) for i in range(100))  # 1,000 figures
    cuts = parts.split(rows, 20_000, max_figures=300)
    assert len(cuts) >= 4
    for a, b in cuts:
        chunk = rows[a:b]
        assert len(parts._FIGURE.findall(chunk)) <= 300
        assert chunk.endswith("\n") or b == len(rows)  # cut at a row's end
