"""Labels reach tokens through offset_mapping; a span that cuts a token is labelled and reported."""

from __future__ import annotations

import pytest

from numcheck.models.labels import IGNORE, LABELS
from numcheck.training.align import AlignStats, Span, encode_example, token_labels

pytest.importorskip("transformers")


@pytest.fixture(scope="module")
def tok():
    from numcheck.models.io import load_tokenizer

    return load_tokenizer()


def _tags(tok, text, spans, **kw):
    enc = tok(text, return_offsets_mapping=True)
    labels = token_labels([tuple(o) for o in enc["offset_mapping"]], text, spans, **kw)
    toks = tok.convert_ids_to_tokens(enc["input_ids"])
    return [(t, LABELS[l] if l != IGNORE else None) for t, l in zip(toks, labels)]


def test_word_pieces_of_a_span_get_b_then_i(tok):
    text = "In 2024, 33,379 crimes fell by 9.4%."
    spans = [Span(3, 7, "DATE"), Span(9, 15, "COUNT"), Span(31, 35, "CHANGE")]
    tags = _tags(tok, text, spans)
    assert tags[0] == ("[CLS]", None) and tags[-1] == ("[SEP]", None)
    assert [t for t in tags if t[1] and t[1] != "O"] == [
        ("202", "B-DATE"), ("##4", "I-DATE"),
        ("33", "B-COUNT"), (",", "I-COUNT"), ("37", "I-COUNT"), ("##9", "I-COUNT"),
        ("9", "B-CHANGE"), (".", "I-CHANGE"), ("4", "I-CHANGE"), ("%", "I-CHANGE"),
    ]
    assert ("crimes", "O") in tags


def test_span_cutting_a_token_is_labelled_and_reported(tok):
    text = "In the 1990s crime fell."
    stats = AlignStats()
    tags = _tags(tok, text, [Span(7, 11, "DATE")], stats=stats)  # "1990" inside the one token "1990s"
    assert ("1990s", "B-DATE") in tags  # labelled, not dropped
    assert stats.spans == 1 and stats.cut_spans == 1
    assert stats.cut_examples[0].startswith("'1990' in")


def test_masked_ranges_and_unlabelled_digits_are_ignored(tok):
    text = "About 45 minutes later 12 people and 7 cars."
    tags = _tags(tok, text, [Span(23, 25, "COUNT")], masked=[(6, 16)], mask_unlabeled_digits=True)
    d = dict(tags)
    assert d["45"] is None and d["minutes"] is None
    assert d["12"] == "B-COUNT"
    assert d["7"] is None
    assert d["cars"] == "O"


def test_long_text_is_windowed_and_spans_counted_once(tok):
    text = " ".join(["word"] * 150) + " rose by 12%."
    start = text.index("12%")
    stats = AlignStats()
    rows = encode_example(text, [Span(start, start + 3, "CHANGE")], tok, max_length=64, stride=16, stats=stats)
    assert len(rows) > 2 and all(len(r["input_ids"]) <= 64 for r in rows)
    assert stats.spans == 1 and stats.cut_spans == 0
    last = rows[-1]
    assert LABELS[[l for l in last["labels"] if l not in (IGNORE, 0)][0]] == "B-CHANGE"
