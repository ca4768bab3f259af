"""ModelExtractor: windows merge exactly, edges snap to the conventions, offsets are sacred."""

from __future__ import annotations

import re

import pytest

from numcheck.inference.model import (
    ModelExtractor, identifier_span, listed_figures, listed_ranges, partitive_figures, percent_marked, postprocess, restated_figures, snap,
    table_columns,
)
from numcheck.models.labels import KINDS, begin_id, inside_id


def _onehot(i: int) -> list[float]:
    p = [0.0] * 17
    p[i] = 1.0
    return p


@pytest.mark.parametrize(
    ("text", "start", "end", "kind", "expected"),
    [
        ("rose by 12 percent.", 8, 10, "CHANGE", "12 percent"),
        ("was 93.1 % of all", 4, 8, "PERCENT", "93.1 %"),
        ("in 2024.", 3, 8, "DATE", "2024"),
        ("in 202", 3, 5, "DATE", "202"),
        ("total (7516) cases", 6, 11, "COUNT", "7516"),
        ("on Sept. 14 the", 3, 11, "DATE", "Sept. 14"),
        ("(- 668 or", 1, 6, "CHANGE", "668"),
        ("(-1.9% in", 1, 6, "CHANGE", "-1.9%"),
        ("March 22–October 17", 0, 9, "DATE", "March 22"),
        ("measure #0068 and", 8, 13, "OTHER", "0068"),
        ("-35 -20.1 % and", 5, 11, "CHANGE", "-20.1 %"),
        ("violence +87.23% and", 10, 16, "CHANGE", "+87.23%"),
        ("in 2015-2016 only", 8, 12, "DATE", "2016"),
        ("the COVID-19 wave", 10, 12, "OTHER", "19"),
        ("grew 2015-16 by", 10, 12, "COUNT", "16"),
        # A count never holds the noun it counts; number and scale words stay.
        ("across the 41 LGAs was", 11, 19, "COUNT", "41"),
        ("some 3 regional offices", 5, 23, "COUNT", "3"),
        ("about 2.5 million voters", 6, 17, "COUNT", "2.5 million"),
        ("exactly twenty-five", 8, 19, "COUNT", "twenty-five"),
        ("nearly 4 thousand", 7, 17, "COUNT", "4 thousand"),
        ("the 12 km stretch", 4, 9, "MEASURE", "12 km"),
        # A unit printed after a measure's number, and a frequency's "times a day", join the span.
        ("mean age 61.4 y at entry", 9, 13, "MEASURE", "61.4 y"),
        ("levels of 8 µg/dL or more", 10, 11, "MEASURE", "8 µg/dL"),
        ("for 3 months, then", 4, 5, "MEASURE", "3 months"),
        ("ate fruit 2 times per day", 10, 11, "RATE", "2 times per day"),
        ("smoked ≥1 time/day overall", 8, 9, "RATE", "1 time/day"),
        # ... but not a letter that may be a scale, a unit glued to a word, or after a count.
        ("raised 5 m from donors", 7, 8, "MEASURE", "5"),
        ("the 4 yards", 4, 5, "MEASURE", "4"),
        ("over that 9 year-span", 10, 11, "MEASURE", "9"),
        ("gave 3 times the dose", 5, 6, "RATE", "3"),
        ("in 7 days of which", 3, 4, "COUNT", "7"),
    ],
)
def test_snap(text, start, end, kind, expected):
    a, b = snap(text, start, end, kind)
    assert text[a:b] == expected


@pytest.mark.parametrize(
    ("text", "piece", "expected"),
    [
        ("the H3N2 strain", "3", "H3N2"),
        ("the XBB.1.5 lineage", "1.5", "XBB.1.5"),
        ("file Module-024 was", "-024", "Module-024"),
        ("under ICD-10 codes", "10", "ICD-10"),
        ("(CD8+ cells)", "8", "CD8"),
        ("by mid-2021", "2021", None),
        ("since Jan-2019", "2019", None),
        ("AZN350 paid", "350", None),
        ("in 3/4 of cases", "4", None),
        ("10 km2 burned", "2", None),
        ("a 12-month trial", "12", None),
    ],
)
def test_identifier_span_takes_whole_names_only(text, piece, expected):
    i = text.index(piece)
    got = identifier_span(text, i, i + len(piece))
    assert (None if got is None else text[got[0] : got[1]]) == expected


def test_postprocess_merges_date_ranges_and_name_pieces_but_not_lists():
    t = "From March 3–April 9, 2022 and in 2001, 2003 and 2005, PSU1017 rose 4%."
    spans = [
        (t.index("March"), t.index("–"), "DATE", 0.9),
        (t.index("April"), t.index(", 2022") + 6, "DATE", 0.9),
        (t.index("2001"), t.index("2001") + 4, "DATE", 0.9),
        (t.index("2003"), t.index("2003") + 4, "DATE", 0.9),
        (t.index("2005"), t.index("2005") + 4, "DATE", 0.9),
        (t.index("SU1"), t.index("SU1") + 3, "COUNT", 0.6),
        (t.index("017"), t.index("017") + 3, "COUNT", 0.5),
        (t.index("4%"), t.index("4%") + 2, "CHANGE", 0.9),
    ]
    got = [(t[a:b], k) for a, b, k, _ in postprocess(t, spans)]
    assert got == [
        ("March 3–April 9, 2022", "DATE"), ("2001", "DATE"), ("2003", "DATE"), ("2005", "DATE"),
        ("PSU1017", "OTHER"), ("4%", "CHANGE"),
    ]
    # a double hyphen stands for the en dash in plain-text reports
    t = "aged 4 and over (1998--2001) and 2003 - 2004, not 2006---2007"
    spans = [(m.start(), m.end(), "DATE", 0.9) for m in re.finditer(r"\d{4}", t)]
    assert [t[a:b] for a, b, _, _ in postprocess(t, spans)] == ["1998--2001", "2003 - 2004", "2006", "2007"]


def _cells(text, pieces):
    """Spans for whole cells (or words) `x`, found as ' x ' in order."""
    out, pos = [], 0
    for x, k in pieces:
        a = text.index(f" {x} ", pos) + 1 if f" {x} " in text[pos:] else text.index(f" {x}", pos) + 1
        out.append((a, a + len(x), k, 0.9))
        pos = a + len(x)
    return out


def test_table_columns_relabel_a_lone_cell_only_when_its_column_agrees():
    t = "| Unit | 2022 | 2023 | Change |\n|---|---|---|---|\n| 4 | 310 | 377 | +67 |\n| 5 | 208 | 199 | -9 |\n| 6 | 150 | 161 | +11 |"
    spans = _cells(t, [("2022", "DATE"), ("2023", "DATE"), ("4", "OTHER"), ("310", "COUNT"), ("377", "CHANGE"), ("+67", "CHANGE"),
                       ("5", "OTHER"), ("208", "COUNT"), ("199", "COUNT"), ("-9", "CHANGE"), ("6", "OTHER"), ("150", "COUNT"),
                       ("161", "COUNT"), ("+11", "COUNT")])
    got = [(t[a:b], k) for a, b, k, _ in table_columns(t, spans)]
    assert ("377", "COUNT") in got and ("+11", "CHANGE") in got  # two others of the column agree
    rows = "| 1 | 310 |\n| 2 | 377 |\n| 3 | 199 |"
    sp = _cells(rows, [("1", "OTHER"), ("310", "COUNT"), ("2", "COUNT"), ("377", "COUNT"), ("3", "OTHER"), ("199", "COUNT")])
    assert [k for *_, k, _ in table_columns(rows, sp)] == ["OTHER", "COUNT", "OTHER", "COUNT", "OTHER", "COUNT"]
    assert [k for x, k in got if x in ("4", "5", "6", "2022", "2023")] == ["DATE", "DATE", "OTHER", "OTHER", "OTHER"]
    # a column with one other cell, or a split vote, is left alone
    two = "| a | 310 |\n| b | 377 |"
    assert [k for *_, k, _ in table_columns(two, _cells(two, [("310", "COUNT"), ("377", "CHANGE")]))] == ["COUNT", "CHANGE"]
    split = "| a | 1 |\n| b | 2 |\n| c | 3 |\n| d | 5 |"
    kinds = ["COUNT", "CHANGE", "COUNT", "CHANGE"]
    assert [k for *_, k, _ in table_columns(split, _cells(split, list(zip("1235", kinds))))] == kinds
    # text without a table is returned as it is
    plain = "Crimes fell by 9.4% to 2,001 in all."
    sp = _cells(plain, [("9.4%", "CHANGE"), ("2,001", "COUNT")])
    assert table_columns(plain, sp) == sp


def test_merge_takes_each_token_from_its_most_central_window():
    # Three overlapping windows over tokens t0..t5; each window's probabilities carry its own id.
    offsets = [(i * 2, i * 2 + 1) for i in range(6)]
    wins = [
        {"offsets": [(0, 0)] + offsets[0:3] + [(0, 0)], "probs": [[9]] + [[0]] * 3 + [[9]]},
        {"offsets": [(0, 0)] + offsets[1:5] + [(0, 0)], "probs": [[9]] + [[1]] * 4 + [[9]]},
        {"offsets": [(0, 0)] + offsets[3:6] + [(0, 0)], "probs": [[9]] + [[2]] * 3 + [[9]]},
    ]
    merged = ModelExtractor.merge(wins)
    assert [(s, e) for s, e, _ in merged] == offsets  # every token once, in order
    assert [p[0] for _, _, p in merged] == [0, 0, 1, 1, 2, 2]


def test_decode_bio_and_word_pieces():
    line = "In 2024, 33,379 crimes"
    toks = [(0, 2, _onehot(0)), (3, 6, _onehot(begin_id("DATE"))), (6, 7, _onehot(0)), (7, 8, _onehot(0)),
            (9, 11, _onehot(begin_id("COUNT"))), (11, 12, _onehot(inside_id("COUNT"))),
            (12, 14, _onehot(inside_id("COUNT"))), (14, 15, _onehot(inside_id("COUNT"))), (16, 22, _onehot(0))]
    spans = ModelExtractor.decode(line, toks)
    assert [(line[s:e], k) for s, e, k, _ in spans] == [("2024", "DATE"), ("33,379", "COUNT")]
    # The glued piece "4" was tagged O, so the DATE span's mean tag probability is 1/2.
    assert [sc for *_, sc in spans] == [0.5, 1.0]


def test_decode_splits_a_number_word_from_the_next_item_of_a_list():
    # the model tagged "five, 30,293" as one run; a comma after a word ends a list item
    line = "under five, 30,293 pupils"
    toks = [(0, 5, _onehot(0)), (6, 10, _onehot(begin_id("COUNT"))), (10, 11, _onehot(inside_id("COUNT"))),
            (12, 14, _onehot(inside_id("COUNT"))), (14, 15, _onehot(inside_id("COUNT"))),
            (15, 18, _onehot(inside_id("COUNT"))), (19, 25, _onehot(0))]
    spans = [snap(line, s, e, k) for s, e, k, _ in ModelExtractor.decode(line, toks)]
    assert [line[s:e] for s, e in spans] == ["five", "30,293"]


def _mix(**weights: float) -> list[float]:
    p = [0.0] * (1 + 2 * len(KINDS))
    for label, w in weights.items():
        kind, part = label.rsplit("_", 1)
        p[begin_id(kind) if part == "B" else inside_id(kind)] = w
    return p


@pytest.mark.parametrize("line,span,expected", [
    ("a population of 10 million.", (16, 26), "COUNT"),    # no currency anywhere: the second kind
    ("a budget of 10 million dinars.", (12, 29), "MONEY"),  # a currency word inside the span
    ("a budget of $10 million.", (12, 23), "MONEY"),        # a currency sign inside
    ("a budget of 10 million euros.", (12, 22), "MONEY"),   # a known currency right after
])
def test_money_without_a_currency_takes_its_second_kind(line, span, expected):
    s, e = span
    toks = [(s, e, _mix(MONEY_B=0.6, COUNT_B=0.4))]
    [(a, b, kind, score)] = ModelExtractor.decode(line, toks)
    assert (a, b, kind) == (s, e, expected)
    assert score == (0.6 if expected == "MONEY" else 0.4)


@pytest.mark.parametrize("line,span,weights,expected", [
    # a scaled figure is no rate: the next kind that fits, past MONEY without a currency
    ("a population of 18 million.", (16, 26), {"RATE_B": 0.5, "MONEY_B": 0.3, "COUNT_B": 0.2}, "COUNT"),
    ("the rate (257) per 100,000", (10, 13), {"RATE_B": 0.6, "COUNT_B": 0.4}, "RATE"),
    ("1.2 thousand tons per year", (0, 17), {"RATE_B": 0.5, "MEASURE_B": 0.3, "COUNT_B": 0.2}, "MEASURE"),
    # a measure prints its unit after the scale word: "1.2 thousand" alone is no measure either
    ("1.2 thousand per year", (0, 12), {"RATE_B": 0.5, "MEASURE_B": 0.3, "COUNT_B": 0.2}, "COUNT"),
    ("a population size of 10 million", (21, 31), {"MEASURE_B": 0.6, "COUNT_B": 0.4}, "COUNT"),
    # an ordinal is a rank or a position, never an amount; a date keeps it
    ("the 90th percentile value", (4, 19), {"PERCENT_B": 0.7, "COUNT_B": 0.3}, "OTHER"),
    ("at 5th Ave. N., 621 cases", (3, 6), {"MEASURE_B": 0.5, "RATE_B": 0.5}, "OTHER"),
    ("the 21st-largest economy", (4, 16), {"COUNT_B": 0.8, "OTHER_B": 0.2}, "OTHER"),
    ("on July 27th the board met", (3, 12), {"DATE_B": 0.9, "COUNT_B": 0.1}, "DATE"),
    ("the 1990s saw 25 cases", (14, 16), {"COUNT_B": 0.9, "OTHER_B": 0.1}, "COUNT"),
])
def test_decoding_takes_the_likeliest_kind_the_span_can_be(line, span, weights, expected):
    s, e = span
    [(a, b, kind, _)] = ModelExtractor.decode(line, [(s, e, _mix(**weights))])
    assert (a, b, kind) == (s, e, expected)


@pytest.mark.parametrize("line,piece,expected", [
    ("shares: 41.5% of the seats", "41.5%", "PERCENT"),
    ("rose to 88 per cent", "88", "PERCENT"),             # the word right after is the percent's
    ("between 120 and 150% of plan", "120", "COUNT"),     # "and" is no range dash: a bare 120 is no percent
    ("between 120–150% of plan", "120", "PERCENT"),      # the first bound of a marked range
    ("CI = 3.3–3.7 among adults", "3.7", "PERCENT"),     # a bare bound of at most 100 may be one
    ("81% or 2,311 pupils percent", "2,311", "COUNT"),   # a stray word further on marks nothing
])
def test_a_percent_above_100_is_printed_with_its_sign_or_word(line, piece, expected):
    s = line.index(piece)
    e = s + len(piece)
    [(_, _, kind, _)] = ModelExtractor.decode(line, [(s, e, _mix(PERCENT_B=0.6, COUNT_B=0.4))])
    assert kind == expected
    assert percent_marked(line, s, e) == (expected == "PERCENT")


def test_a_figure_restated_after_or_plays_the_same_part():
    t = "Of 2,500 thefts, 81.2% or 2,030 were solved; burglaries fell by 96 or 4.1%."
    # the surer reading decides: a share and its part, then a change told twice
    sp = _numbers(t, ["COUNT", "PERCENT", "CHANGE", "CHANGE", "PERCENT"])
    sp[2] = sp[2][:3] + (0.4,)
    sp[4] = sp[4][:3] + (0.5,)
    assert [k for *_, k, _ in restated_figures(t, sp)] == ["COUNT", "PERCENT", "COUNT", "CHANGE", "CHANGE"]
    # the percent was the less sure one: it becomes the change's twin
    sp = _numbers(t, ["COUNT", "CHANGE", "COUNT", "CHANGE", "PERCENT"])
    sp[1] = sp[1][:3] + (0.3,)
    assert [k for *_, k, _ in restated_figures(t, sp)][:3] == ["COUNT", "PERCENT", "COUNT"]
    # both in percent, neither in percent, a date, or another joint: left alone
    for text, kinds in [("rose 3% or 4% a year", ["CHANGE", "PERCENT"]),
                        ("fell by 96 or 120 cases", ["CHANGE", "COUNT"]),
                        ("in 2024, or 3.9% of all", ["DATE", "CHANGE"]),
                        ("81.2% and 2,030 were", ["PERCENT", "CHANGE"])]:
        assert [k for *_, k, _ in restated_figures(text, _numbers(text, kinds))] == kinds, text


def test_a_part_and_its_whole_are_counts_of_one_thing():
    t = "Thefts fell in 9 of the 14 wards and rose in 3 of 14; 2.5% of the 40% held."
    sp = _numbers(t, ["CHANGE", "COUNT", "COUNT", "CHANGE", "PERCENT", "PERCENT"])
    assert [k for *_, k, _ in partitive_figures(t, sp)] == ["COUNT"] * 4 + ["PERCENT"] * 2
    # no "of" between them, or a figure in percent: left alone
    for text, kinds in [("fell by 9 to 14 wards", ["CHANGE", "COUNT"]),
                        ("up 9% of 14 wards", ["CHANGE", "COUNT"])]:
        assert [k for *_, k, _ in partitive_figures(text, _numbers(text, kinds))] == kinds, text


def test_plain_text_table_columns_vote_like_markdown_ones():
    t = ("Offence 2023 2024 Change %\nTheft 8,034 7,122 -912 -11.4%\nFraud 2,514 2,626 112 +4.5%\n"
         "Arson 4,068 4,441 373 +9.2%\nTotal 14,616 14,189 -427 -2.9%\nIn all, 2 of 3 rose.")
    kinds = {"373": "COUNT", "-912": "CHANGE", "112": "CHANGE", "-427": "CHANGE"}
    spans = [(m.start(), m.end(), kinds.get(m.group(0), "CHANGE" if "%" in m.group(0) else "COUNT"), 0.9)
             for m in re.finditer(r"[-+]?\d[\d,.]*%?", t)]
    got = {t[a:b]: k for a, b, k, _ in table_columns(t, spans)}
    assert got["373"] == "CHANGE"  # its column of differences outvotes it
    assert got["2023"] == got["7,122"] == got["2"] == "COUNT"  # the header and the prose are no rows
    # two rows are no table
    short = "Theft 8,034 7,122 -912\nFraud 2,514 2,626 112"
    sp = [(short.index("-912"), short.index("-912") + 4, "CHANGE", 0.9), (short.index("112"), short.index("112") + 3, "COUNT", 0.9)]
    assert table_columns(short, sp) == sp


@pytest.fixture(scope="module")
def tiny_extractor(tmp_path_factory):
    pytest.importorskip("torch")
    from numcheck.models.io import build_model, load_tokenizer, save_model

    out = tmp_path_factory.mktemp("m") / "tiny"
    model = build_model(tiny={"hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 32})
    save_model(model, load_tokenizer(), out, {"training_config": {"max_length": 32}})
    return ModelExtractor(out, max_length=32, stride=8, batch_size=4)


def test_offsets_are_sacred_on_a_long_text_with_windows(tiny_extractor):
    body = " ".join(f"In {2000 + i} there were {i * 37:,} cases and {i}.5% fewer thefts." for i in range(40))
    texts = [body, "No figures at all.", "Line one 12\n\nline two 3,400 (+5%)"]
    out = tiny_extractor.extract(texts)
    assert len(out) == 3 and out[1] == []
    for text, qs in zip(texts, out):
        assert [q.id for q in qs] == [f"q{i}" for i in range(1, len(qs) + 1)]
        for q in qs:
            assert text[q.start:q.end] == q.text
        assert all(a.end <= b.start for a, b in zip(qs, qs[1:]))


def test_windows_cover_a_long_line_exactly(tiny_extractor):
    line = " ".join(f"{i}" for i in range(300))
    wins = tiny_extractor._windows([line])
    assert len(wins) > 3
    merged_tokens = ModelExtractor.merge([{**w, "probs": [[0.0]] * len(w["ids"])} for w in wins])
    from numcheck.models.io import load_tokenizer

    full = load_tokenizer()(line, add_special_tokens=False, return_offsets_mapping=True)["offset_mapping"]
    assert [(s, e) for s, e, _ in merged_tokens] == [tuple(o) for o in full]


@pytest.fixture(scope="module")
def shipped():
    pytest.importorskip("torch")
    from numcheck.models.io import SHIPPED_DIR

    if not (SHIPPED_DIR / "model.safetensors").is_file():
        pytest.skip("no shipped model in this checkout")
    return ModelExtractor()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thefts fell by 12.5% to 4,210 cases in 2023.", [("12.5%", "CHANGE"), ("4,210", "COUNT"), ("2023", "DATE")]),
        ("Of the 900 applicants, 61.2% were admitted.", [("900", "COUNT"), ("61.2%", "PERCENT")]),
        ("Director Tomas Lindqvist thanked the staff of the “112” hotline.", [("112", "OTHER")]),
        ("The mortality rate was 14.8 per 100,000 residents.", [("14.8", "RATE")]),
        ("Officers seized 3 tons and 120 kilograms of cannabis worth $2.5 million.",
         [("3 tons and 120 kilograms", "MEASURE"), ("$2.5 million", "MONEY")]),
    ],
)
def test_shipped_model_reads_kinds_from_context(shipped, text, expected):
    [qs] = shipped.extract([text])
    assert [(q.text, q.kind.value) for q in qs] == expected
    assert all(text[q.start:q.end] == q.text and 0 <= q.score <= 1 for q in qs)


def test_partial_quantization_runs_only_the_named_layers_in_int8(tiny_extractor):
    import torch

    from numcheck.inference.model import QUANTIZE_SCHEMES, _quantize

    model = _quantize(torch, tiny_extractor.model, "partial")
    kinds = {name: type(m).__name__ for name, m in model.named_modules()}
    quantized = {n for n, k in kinds.items() if "quantized" in k.lower() or k == "Linear" and "dynamic" in str(type(dict(model.named_modules())[n])).lower()}
    wanted = QUANTIZE_SCHEMES["partial"]
    assert quantized, "some layers must be int8"
    assert all(wanted(n) for n in quantized)
    assert isinstance(dict(model.named_modules())["classifier"], torch.nn.Linear)
    # the text still decodes into spans with sacred offsets
    tiny_extractor.model, before = model, tiny_extractor.model
    try:
        text = "Police recorded 1,234 thefts in 2024."
        for q in tiny_extractor.extract([text])[0]:
            assert text[q.start : q.end] == q.text
    finally:
        tiny_extractor.model = before


def test_unknown_quantization_scheme_is_refused(tmp_path):
    from numcheck.errors import ModelError
    from numcheck.inference.model import ModelExtractor

    with pytest.raises(ModelError, match="quantize must be one of"):
        ModelExtractor(quantize="half")


def test_dtype_is_checked_and_auto_follows_the_cpu(tiny_extractor, monkeypatch):
    from numcheck.errors import ModelError
    from numcheck.inference import model as model_mod

    with pytest.raises(ModelError, match="dtype must be one of"):
        model_mod.resolve_dtype("float16")
    monkeypatch.setattr(model_mod, "cpu_has_bf16", lambda cpuinfo=None: False)
    assert model_mod.resolve_dtype("auto") == "float32"
    monkeypatch.setattr(model_mod, "cpu_has_bf16", lambda cpuinfo=None: True)
    assert model_mod.resolve_dtype("auto") == "bfloat16"


def test_bfloat16_keeps_offsets_and_ids(tiny_extractor):
    text = "In 2024, 33,379 crimes were recorded and 94.4% of them were solved."
    tiny_extractor.dtype = "bfloat16"
    try:
        [qs] = tiny_extractor.extract([text])
    finally:
        tiny_extractor.dtype = "float32"
    assert all(text[q.start:q.end] == q.text for q in qs)
    assert [q.id for q in qs] == [f"q{i}" for i in range(1, len(qs) + 1)]


def test_int8_schemes_keep_float32_unless_asked(tmp_path_factory):
    pytest.importorskip("torch")
    from numcheck.models.io import build_model, load_tokenizer, save_model

    out = tmp_path_factory.mktemp("m8") / "tiny"
    model = build_model(tiny={"hidden_size": 16, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 32})
    save_model(model, load_tokenizer(), out, {"training_config": {"max_length": 32}, "inference": {"dtype": "bfloat16"}})
    assert ModelExtractor(out).dtype == "bfloat16"
    assert ModelExtractor(out, quantize="partial").dtype == "float32"
    assert ModelExtractor(out, quantize="partial", dtype="bfloat16").dtype == "bfloat16"


def _numbers(text, kinds):
    return [(m.start(), m.end(), k, 0.9) for m, k in zip(re.finditer(r"\d+", text), kinds, strict=True)]


def test_listed_ranges_share_the_kind_most_of_the_list_was_read_as():
    t = "cases in children aged 0-4, 5-9 or 10-14 fell"
    got = listed_ranges(t, _numbers(t, ["MEASURE", "MEASURE", "COUNT", "COUNT", "MEASURE", "MEASURE"]))
    assert [k for *_, k, _ in got] == ["MEASURE"] * 6
    # two ranges are no list; a split vote is left alone; a sentence between ranges ends the list
    for text, kinds in [
        ("aged 25–34 and 35–44 only", ["MEASURE", "MEASURE", "COUNT", "COUNT"]),
        ("aged 1-2, 3-4, 5-6", ["MEASURE", "MEASURE", "COUNT", "COUNT", "RATE", "RATE"]),
        ("aged 1-2, 3-4. Then 5-6 fell", ["MEASURE", "MEASURE", "MEASURE", "MEASURE", "COUNT", "COUNT"]),
    ]:
        sp = _numbers(text, kinds)
        assert listed_ranges(text, sp) == sp, text


def test_postprocess_joins_a_compound_measure_split_in_two():
    t = "seized 3 tons and 208 kilograms of cannabis, and 4 kilograms and 2 tons of resin"
    spans = [(7, 17, "MEASURE", 0.9), (18, 31, "MEASURE", 0.8), (49, 60, "MEASURE", 0.9), (65, 71, "MEASURE", 0.9)]
    got = [(t[a:b], k) for a, b, k, _ in postprocess(t, spans)]
    # the larger unit first makes one amount; the other order is two amounts
    assert got == [("3 tons and 208 kilograms", "MEASURE"), ("4 kilograms", "MEASURE"), ("2 tons", "MEASURE")]



def _ward_table(header: str) -> tuple[str, list[tuple[int, int, str, float]]]:
    """A five-row table whose 2024 column has two levels misread as changes, and the spans read."""
    t = (f"| Ward | 2023 | {header} | Change |\n|---|---:|---:|---:|\n| 1 | 1,200 | 1,350 | +150 |\n"
         "| 2 | 800 | 910 | +110 |\n| 3 | 640 | 600 | -40 |\n| 4 | 95 | 99 | +4 |\n| 5 | 2,010 | 1,990 | -20 |")
    misread = {"1,350", "910"}
    spans = []
    for m in re.finditer(r"(?<=\| )[-+]?[\d,]+(?= \|)", t):
        col = t[: m.start()].split("\n")[-1].count("|") - 1
        kind = "OTHER" if col == 0 else "CHANGE" if col == 3 or m.group(0) in misread else "COUNT"
        spans.append((m.start(), m.end(), kind, 0.8))
    spans += [(m.start(), m.end(), "DATE", 0.99) for m in re.finditer(r"20\d\d", t.split("\n")[0])]
    return t, spans


def test_a_column_headed_by_a_year_holds_levels_however_many_cells_were_read_as_changes():
    t, spans = _ward_table("2024")
    got = {t[a:b]: k for a, b, k, _ in table_columns(t, spans)}
    assert got["1,350"] == got["910"] == "COUNT"  # two of five: more than the lone-cell vote fixes
    assert got["+150"] == got["-40"] == "CHANGE"  # the change column keeps its kind
    assert got["2023"] == got["2024"] == "DATE"
    # a header that names a change keeps its column's changes, year or not
    t, spans = _ward_table("Change 2024")
    got = {t[a:b]: k for a, b, k, _ in table_columns(t, spans)}
    assert got["1,350"] == got["910"] == "CHANGE"


def _numbers(text: str, kinds: list[str]) -> list[tuple[int, int, str, float]]:
    return [(m.start(), m.end(), k, 0.8) for m, k in zip(re.finditer(r"[\d.,]*\d%?", text), kinds, strict=True)]


def test_a_list_of_bare_numbers_closed_by_and_names_one_kind():
    t = "Arrests rose in Wards 2, 5, 6, and 8 most."
    got = [k for *_, k, _ in listed_figures(t, _numbers(t, ["OTHER", "OTHER", "COUNT", "OTHER"]))]
    assert got == ["OTHER"] * 4
    # too few, no closing "and", a split vote, or a figure with a unit printed on it: left alone
    for text, kinds in [("Wards 1 and 8 saw", ["OTHER", "COUNT"]),
                        ("in 2015, 2016 crimes, 40 thefts", ["DATE", "COUNT", "COUNT"]),
                        ("Wards 1, 2, 3, and 4", ["OTHER", "COUNT", "OTHER", "COUNT"]),
                        ("rose 4, 7 and 9% in turn", ["CHANGE", "CHANGE", "PERCENT"]),
                        ("Wards 1, 7 and 8 and 12 cases", ["OTHER", "OTHER", "OTHER", "COUNT"])]:
        sp = _numbers(text, kinds)
        assert [k for *_, k, _ in listed_figures(text, sp)] == kinds, text
    # a date inside the list ends it and keeps its kind
    t = "In 2019, 45, 52 and 60 cases"
    assert [k for *_, k, _ in listed_figures(t, _numbers(t, ["DATE", "COUNT", "OTHER", "COUNT"]))] == [
        "DATE", "COUNT", "COUNT", "COUNT"]


def test_a_long_column_corrects_up_to_a_quarter_of_its_cells():
    rows = "\n".join(f"| {i} | {100 + i} |" for i in range(1, 9))
    kinds = [k for i in range(1, 9) for k in ("COUNT" if i in (7, 8) else "OTHER", "COUNT")]
    sp = [(m.start(), m.end(), k, 0.9) for m, k in zip(re.finditer(r"\d+", rows), kinds, strict=True)]
    got = [k for *_, k, _ in table_columns(rows, sp)]
    assert got[0::2] == ["OTHER"] * 8  # two row numbers of eight read as counts
    # three of eight is more than a quarter and more than one: the column is left as read
    kinds3 = [k for i in range(1, 9) for k in ("COUNT" if i in (6, 7, 8) else "OTHER", "COUNT")]
    sp3 = [(a, b, k, s) for (a, b, _, s), k in zip(sp, kinds3, strict=True)]
    assert [k for *_, k, _ in table_columns(rows, sp3)] == kinds3


@pytest.mark.slow
@pytest.mark.parametrize("runtime", ["onnx", "torch"])
def test_token_states_cover_every_span_and_match_between_passes(runtime):
    """The relation head reads the same vectors whether they come with the spans or alone."""
    import numpy as np

    from numcheck.inference.model import ModelExtractor

    if runtime == "torch":
        pytest.importorskip("torch")
    m = ModelExtractor(runtime=runtime)
    text = "Of 2,000 thefts, 450 (22.5%) were car thefts.\nNo figures on this line.\nCrimes fell by 9.4% to 33,379."
    quantities, states = m.extract_states([text])[0]
    assert [q.text for q in quantities] == [q.text for q in m.extract([text])[0]]
    assert states.vectors.shape == (len(states.offsets), m.hidden_size) == (len(states.offsets), 384)
    assert all(states.pool(q.start, q.end) is not None for q in quantities)
    # the line without a figure was not read
    line = text.index("No figures")
    assert not ((states.offsets[:, 0] >= line) & (states.offsets[:, 0] < line + 24)).any()
    alone = m.encode([text])[0]
    assert np.array_equal(alone.offsets, states.offsets)
    assert np.allclose(alone.vectors.astype(np.float32), states.vectors.astype(np.float32), atol=1e-2)


def test_a_paragraph_reads_the_same_alone_and_among_longer_ones():
    """On ONNX a paragraph's figures and token vectors do not depend on what else is in the run:
    the int8 export scales activations per input tensor, so a window batched with longer ones
    (and their padding) read differently. Bit for bit; torch (float) differs by rounding only."""
    import numpy as np

    from numcheck.models.io import SHIPPED_DIR
    from numcheck.models.runtime import ONNX_FILE

    if not (SHIPPED_DIR / ONNX_FILE).is_file():
        pytest.skip("no shipped ONNX model in this checkout")
    m = ModelExtractor(runtime="onnx")
    paragraph = "Police recorded 4,210 burglaries in 2023, 12.5% fewer than the 4,811 of 2022."
    longer = [
        "The harbour authority handled 38.6 million tonnes of cargo in 2024, up 7.2% on the year before, "
        "and 1,204,500 passengers, of whom 61% travelled on the three night ferries to the islands; "
        "its revenue grew by €14.9 million to €212.3 million while costs stayed at about 180 million.",
        "Of the 2,350 schools inspected between March and October, 1,870 (79.6%) met every standard, "
        "312 needed minor repairs and the remaining 168 were closed for an average of 4.5 weeks, "
        "at a cost of $3.75 billion spread over 12 regions and 46,000 classrooms.",
    ]
    (alone_q, alone_s), = m.extract_states([paragraph])
    for texts in ([paragraph, *longer], [*longer, paragraph]):
        qs, states = m.extract_states(texts)[texts.index(paragraph)]
        assert alone_q and [q.model_dump() for q in qs] == [q.model_dump() for q in alone_q]
        assert np.array_equal(states.offsets, alone_s.offsets)
        assert states.vectors.dtype == alone_s.vectors.dtype and np.array_equal(states.vectors, alone_s.vectors)
    # the vectors `encode` gives alone are the same ones too
    together = m.encode([*longer, paragraph])[-1]
    assert np.array_equal(together.vectors, m.encode([paragraph])[0].vectors)
