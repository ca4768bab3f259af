"""Fuzzing the number reader and the whole pipeline on digit-heavy and unicode-heavy text.

Bounded for CI (a fixed number of derandomized examples, no per-example deadline): each
property asserts no exception, offsets that hold, a record that encodes, and a time per
character far above any sane cost (50 ms per character plus 2 s), so that only a blow-up
(quadratic on a few hundred characters, a regex that backtracks forever) fails it; speed
itself is measured by `benchmarks/scaling.py`.
"""

from __future__ import annotations

import json
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from numcheck.benchmarks.hostile import digit_heavy_paragraph, unicode_heavy_paragraph
from numcheck.numbers import parse_number
from numcheck.safetext import reading_view
from numcheck.schema import Document, dump_record

pytest.importorskip("numcheck.inference.rules")

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

_PIECES = st.sampled_from([
    "0", "7", "12", "1,234", "1.5", "٣", "٫", "٬", "５", "％", "%", " per cent", "€", "$", "−", "-", "+", " ", ",", ".",
    "'", "’", "\u00a0", "\u202f", " million", " tons", " and ", " kilograms", "between ", " to ", "(", ")", "x", " times",
    "about ", "\x1b[31m", "\ud800", "\udce9", "\u202e", "\x00", "\n", "\n\n", "9" * 45, "1" * 4400,
])
DIGIT_TEXT = st.lists(_PIECES, max_size=60).map("".join)
SEEDED = st.integers(min_value=0, max_value=10**9).map(lambda seed: random.Random(seed))


def _bounded(started: float, text: str) -> None:
    elapsed = time.perf_counter() - started
    assert elapsed < 2 + 0.05 * len(text), f"{elapsed:.1f} s for {len(text)} characters"


@FUZZ
@given(DIGIT_TEXT)
def test_the_number_reader_never_raises_and_stays_inside_the_text(text):
    started = time.perf_counter()
    for view in (text, reading_view(text)[0]):
        p = parse_number(view)
        if p is not None:
            assert 0 <= p.start <= p.end <= len(view)
            assert p.value.is_finite()
    _bounded(started, text)


@FUZZ
@given(st.one_of(DIGIT_TEXT, SEEDED.map(lambda r: digit_heavy_paragraph(r, n_tokens=25)),
                 SEEDED.map(lambda r: unicode_heavy_paragraph(r, n_tokens=20))))
def test_the_pipeline_never_raises_and_its_offsets_hold(rules_extractor, text):
    from numcheck.pipeline import check_documents

    started = time.perf_counter()
    [result] = check_documents([Document(id="fuzz", text=text)], rules_extractor, budget=60)
    _bounded(started, text)
    assert result.text == text
    assert not [e for e in result.errors if e.code == "E_INTERNAL"], result.errors
    for q in result.quantities:
        assert text[q.start : q.end] == q.text
    line = dump_record(result)
    line.encode("utf-8")
    assert json.loads(line)["text"] == text


@pytest.fixture(scope="module")
def rules_extractor():
    from numcheck.inference.rules import RuleExtractor

    return RuleExtractor()
