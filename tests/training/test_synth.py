"""The synthetic generator's labels are exact by construction."""

from __future__ import annotations

import random

import pytest

from numcheck.models.labels import KINDS, has_number
from numcheck.training.synth import fmt_int, generate


@pytest.fixture(scope="module")
def examples():
    return generate(1500, seed=7)


def test_every_span_is_exact_and_holds_a_number(examples):
    for ex in examples:
        last_end = -1
        for sp in ex.spans:
            piece = ex.text[sp.start:sp.end]
            assert piece == piece.strip() and piece, (ex.text, sp)
            assert has_number(piece), (ex.text, piece)
            assert sp.kind in KINDS
            assert sp.start >= last_end  # no overlaps, in order
            last_end = sp.end


def test_every_kind_and_key_convention_appears(examples):
    kinds = {sp.kind for ex in examples for sp in ex.spans}
    assert kinds == set(KINDS)
    pieces = {(ex.text[sp.start:sp.end], sp.kind) for ex in examples for sp in ex.spans}
    texts = [p for p, _ in pieces]
    assert any(t.endswith(" percent") or t.endswith(" per cent") for t in texts)
    assert any(t.startswith(("+", "-")) and k == "CHANGE" for t, k in pieces)
    assert any(" and " in t and k == "MEASURE" for t, k in pieces)  # compound measures are one span


def test_hedges_stay_outside_spans(examples):
    for ex in examples:
        for sp in ex.spans:
            low = ex.text[sp.start:sp.end].lower()
            assert not low.startswith(("nearly ", "about ", "more than ", "over ", "almost ", "approximately "))


def test_rate_base_is_not_a_span(examples):
    for ex in examples:
        for sp in ex.spans:
            assert "per 100" not in ex.text[sp.start:sp.end]


def test_generation_is_reproducible():
    a = generate(50, seed=3)
    b = generate(50, seed=3)
    assert [(e.text, e.spans) for e in a] == [(e.text, e.spans) for e in b]
    assert [e.text for e in generate(50, seed=4)] != [e.text for e in a]


@pytest.mark.parametrize("n", [7, 999, 1234, 33379, 2853739])
def test_integer_formats_keep_the_digits(n):
    rng = random.Random(n)
    for _ in range(30):
        s = fmt_int(n, rng)
        assert "".join(ch for ch in s if ch.isdigit()) == str(n)
