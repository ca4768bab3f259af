"""`ModelExtractor`: the fine-tuned token-classification model as an `Extractor` (name "model").

Only lines that hold a digit or a number word go through the model. A line longer than the
window is cut into token windows that overlap by `stride`; each token's tag is taken from the
window where the token sits farthest from an edge, so merged predictions are exact. Windows of
all texts are batched together, sorted by length, with dynamic padding; on ONNX each window of a
batch then runs alone on its own tokens (`OnnxTagger`), since the int8 export's activation scale
would otherwise be shared by the batch and a paragraph's figures would depend on its neighbours.

Tags become character spans (offsets into the original text, always `text[start:end] ==
quantity.text`); edges are snapped to the span conventions (a `%` or `percent` after a percent
is included, as is a measure's unit or a rate's "times a day" printed after it; a digit run is
never cut, trailing punctuation is dropped, a count ends at its last number word); each span
takes the likeliest kind the gold format can write it as (`kind_fits`: money carries a currency,
a percent its sign or word unless it is a bare figure of at most 100, a rate no scale word, a
measure does not end on one); a compound measure split in two is joined
(`compound_measure`); the cells of a table's column, the ends of a list of ranges and the numbers
of a list closed by "and" agree on one kind (`table_columns`, `listed_ranges`, `listed_figures`),
as do a figure and its restatement in percent after "or" (`restated_figures`), and a part
and its whole in "N of the M" (`partitive_figures`);
spans without a digit or number word are dropped.
Value and unit come from `describe_span` when available.

The encoder runs on ONNX Runtime (the exported `model.onnx`, no torch) or on torch (`runtime`);
torch is imported only for the torch runtime, so importing this module never needs it.
"""

from __future__ import annotations

import contextlib
import re
import time
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from numcheck.inference.extractor import TokenStates
from numcheck.models.labels import KINDS, NUMBER_WORDS, has_number
from numcheck.numbers import _CUR_PREFIX_RE, _CUR_SUFFIX_RE, _SIGNS, _UNIT_RE, COMPOUND_NOTE, CURRENCY_CODES, UNITS, parse_number
from numcheck.schema import Quantity
from numcheck.words import FRACTIONS, MONTH_WORDS, ONES, TENS

_PCT_AFTER = re.compile(r"^(?:\s?%|\s(?:percent|per cent)\b)")
#: A number printed as an ordinal ("90th", "21st-largest", "2nd"): a rank or a position.
_ORDINAL = re.compile(r"\d[\d,]*(?:st|nd|rd|th)\b|\d[\d,]*(?:st|nd|rd|th)(?=-)", re.IGNORECASE)
_PCT_SIGN = re.compile(r"%|\bper ?cent\b|\bpct\b", re.IGNORECASE)
_PCT_RANGE_AFTER = re.compile(r"\s*(?:-|–|—|--|to)\s*[\d.,]+\s?(?:%|percent\b|per cent\b)")
_SCALE_WORDS = frozenset({"thousand", "thousands", "million", "millions", "billion", "billions", "trillion", "lakh",
                          "lakhs", "crore", "crores"})
_NUMBER_LINE = re.compile(r"[^\n]+")
_TRAILING_WORD = re.compile(r"\s+([^\W\d_]+)$")
# A number word joined by a hyphen to a fraction word is one figure: "three-quarters", "two-thirds".
_LAST_WORD = re.compile(r"([^\W\d_]+)$")
_FRACTION_AFTER = re.compile(r"[-‐](?:" + "|".join(sorted(FRACTIONS, key=len, reverse=True)) + r")\b", re.I)
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# A unit printed after a measure's number belongs to its span ("55.6 y", "10 µg/dL"); a frequency's
# "time/day" to a rate's ("1 time/day", "3 times per week"). Single letters other than "y" (years,
# in clinical text) are left out: "5 m" may be five million. A unit that starts a compound ("12
# year-span") stays out.
_MEASURE_UNITS = sorted({u for u in UNITS if len(u) > 1} | {"y", "yr", "mo", "wk", "wks"}, key=len, reverse=True)
_UNIT_AFTER = re.compile(
    r"[ \u00a0](?:(?:µg|μg|mg|ng|g|mmol|µmol|μmol|mEq|IU|cells)/(?:dL|L|mL|kg|day|mm3|mm³|µL|μL)|"
    + "|".join(re.escape(u) for u in _MEASURE_UNITS) + r")(?![\w/²³‐-])", re.IGNORECASE)
_FREQ_AFTER = re.compile(r"[ \u00a0]times?(?:/| (?:a|per|each) )(?:day|week|month|year)\b")


def _cpu_count() -> int:
    from numcheck.models.runtime import cpu_count

    return cpu_count()


def softmax(logits: np.ndarray) -> np.ndarray:
    """Probabilities over the last axis, in float32.

    >>> softmax(np.array([[0.0, 0.0], [0.0, 100.0]])).round(3).tolist()
    [[0.5, 0.5], [0.0, 1.0]]
    """
    x = np.asarray(logits, dtype=np.float32)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def describe(text: str, start: int, end: int, kind: str) -> tuple[Any, str | None]:
    """Value and unit of `text[start:end]` of `kind`: `describe_span` when present, else `parse_number`.

    >>> describe("fell by -1.9%", 8, 13, "CHANGE")
    (-1.9, '%')
    """
    try:
        from numcheck.inference.describe import describe_span
    except ImportError:
        describe_span = None
    if describe_span is not None:
        d = describe_span(text, start, end, kind)
        if isinstance(d, tuple):
            return d[0], d[1]
        if isinstance(d, dict):
            return d.get("value"), d.get("unit")
        return getattr(d, "value", None), getattr(d, "unit", None)
    piece = text[start:end]
    if kind == "DATE":
        return piece, None
    p = parse_number(piece)
    if p is None:
        return (piece if kind == "OTHER" else None), None
    value = p.value * (-1 if p.sign < 0 else 1)
    v: Any = int(value) if value == value.to_integral_value() and p.decimals == 0 else float(value)
    return v, p.unit


def money_marked(line: str, start: int, end: int) -> bool:
    """Whether `line[start:end]` can be an amount of money: a currency inside it (a sign, or a word
    that is no number word or scale, as in `1.9 billion marka`), or a known currency sign, code or
    name right beside it. The gold format writes money with its currency, so a bare `10 million`
    the model calls MONEY takes its second kind.

    >>> money_marked("cost 1.9 billion marka", 5, 22), money_marked("a population of 10 million.", 16, 26)
    (True, False)
    >>> money_marked("USD 6.8 million", 4, 15), money_marked("5 million dollars", 0, 9)
    (True, True)
    """
    piece = line[start:end]
    if any(unicodedata.category(ch) == "Sc" for ch in piece):
        return True
    if any(w.lower() not in NUMBER_WORDS and w.lower() not in _SCALE_WORDS for w in _LETTER_RUN.findall(piece)):
        return True
    return bool(_CUR_PREFIX_RE.search(line[max(0, start - 5) : start]) or _CUR_SUFFIX_RE.match(line, end))


def percent_marked(line: str, start: int, end: int) -> bool:
    """Whether `line[start:end]` can be a percent: one printed with its sign or word (inside the
    span or right after it, or after the last bound of a range it opens: `12–15%`), or a bare
    figure of at most 100, as the bounds of a confidence interval (`3.3–3.7`) and shares in words
    (`half`) are. A bare figure above 100 is never a percent: in "94.2% or 14,058 offenses percent"
    the stray word two words on does not make 14,058 one.

    >>> t = "94.2% or 14,058 offenses percent; 120–150% of the plan; CI 3.3–3.7; 250 per cent"
    >>> [percent_marked(t, t.index(x), t.index(x) + len(x)) for x in ("94.2", "14,058", "120", "3.7", "250")]
    [True, False, True, True, True]
    """
    if _PCT_SIGN.search(line[start:end]) or _PCT_AFTER.match(line[end:]) or _PCT_RANGE_AFTER.match(line, end):
        return True
    p = parse_number(line[start:end])
    return p is None or p.value <= 100


def kind_fits(kind: str, line: str, start: int, end: int) -> bool:
    """Whether the gold format can write `line[start:end]` as `kind`; decoding takes the likeliest
    kind that fits. Money carries its currency (`money_marked`); a percent its sign or word, or
    is a bare figure of at most 100 (`percent_marked`); a rate is printed without a
    scale word (`327` per 100,000, never `18 million`, which is a count of people); a measure
    with a scale word prints its unit after it (`2.5 million tons`), so one that ends on the scale
    word (`10 million`) is not a measure.

    >>> kind_fits("RATE", "a population of 18 million.", 16, 26), kind_fits("RATE", "was 257 per 100,000", 4, 7)
    (False, True)
    >>> kind_fits("MEASURE", "a population of 10 million.", 16, 26), kind_fits("MEASURE", "2.5 million tons", 0, 16)
    (False, True)
    """
    if kind == "MONEY":
        return money_marked(line, start, end)
    if kind == "PERCENT":
        return percent_marked(line, start, end)
    words = [w.lower() for w in _LETTER_RUN.findall(line[start:end])]
    if kind == "RATE":
        return not any(w in _SCALE_WORDS for w in words)
    if kind == "MEASURE":
        return not (words and words[-1] in _SCALE_WORDS)
    return True


def _glued_numbers(line: str, start: int, end: int, nxt: int) -> bool:
    """True when the token at `nxt` starts a second number rather than continuing the span.

    "4,441 373" (a table's old value and its change) is two figures: a figure grouped with
    commas or holding a decimal point is never continued by a space-separated group, while
    "33 379" (space-grouped thousands) is one.

    >>> _glued_numbers("4,441 373", 0, 5, 6), _glued_numbers("33 379", 0, 2, 3), _glued_numbers("8, 970", 0, 2, 3)
    (True, False, False)
    >>> _glued_numbers("75 66", 0, 2, 3), _glued_numbers("64, 65", 0, 3, 4), _glued_numbers("five, 30,293", 0, 5, 6)
    (True, True, True)
    """
    gap = line[end:nxt]
    if not gap or not gap.isspace() or not line[nxt : nxt + 1].isdigit():
        return False
    left = line[start:end]
    if re.search(r"[A-Za-z],$", left):
        return True  # "children under five, 30,293 pupils": a comma after a word ends a list item
    if not re.fullmatch(r"[+\-−–$€£]?[\d.,’' ]+", left):
        return False  # "3 tons and 120 kilograms" is one compound figure
    if left.endswith((",", "’", "'")):
        # "8, 970": thousands grouped with a comma and a space; "64, 65": a list of two
        return not re.match(r"\d{3}(?!\d)", line[nxt:])
    group = re.match(r"\d+([.,]\d)?", line[nxt:])
    if group and (len(group.group(0)) != 3):
        return True  # "75 66": a space-separated group has exactly three digits
    return bool(re.search(r"\d[,.]\d+$", left)) or not re.fullmatch(r"\d{1,3}( \d{3})*", left)


def snap(text: str, start: int, end: int, kind: str) -> tuple[int, int]:
    """Move span edges onto the character conventions.

    >>> t = "rose by 12 percent, to 2024."
    >>> snap(t, 8, 10, "CHANGE")
    (8, 18)
    >>> snap(t, 23, 28, "DATE")
    (23, 27)
    >>> snap("March 22–October 17", 0, 9, "DATE")
    (0, 8)
    >>> snap("YEREVAN, JULY 24, NEWS", 7, 16, "DATE")
    (9, 16)
    >>> t = "across the 76 PAOs, 2 million voters"
    >>> [t[a:b] for a, b in (snap(t, 11, 18, "COUNT"), snap(t, 20, 29, "COUNT"))]
    ['76', '2 million']
    >>> t = "cut by almost three-quarters from 9.9%"
    >>> t[slice(*snap(t, 7, 19, "CHANGE"))]
    'almost three-quarters'
    >>> t = "aged 55.6 y, BLLs ≥10 µg/dL, soda ≥1 time/day"
    >>> [t[a:b] for a, b in (snap(t, 5, 9, "MEASURE"), snap(t, 19, 21, "MEASURE"), snap(t, 35, 36, "RATE"))]
    ['55.6 y', '10 µg/dL', '1 time/day']
    >>> t = "from 8.7 to 9.6 Million tonnes of oil equivalent (Mtoe)"
    >>> t[slice(*snap(t, 12, 30, "MEASURE"))]
    '9.6 Million tonnes of oil equivalent'
    """
    # A digit run is never cut: "202" + "4".
    while end < len(text) and text[end].isdigit() and end > start and text[end - 1].isdigit():
        end += 1
    while start > 0 and text[start - 1].isdigit() and text[start].isdigit():
        start -= 1
    # Trailing punctuation and space are not part of a figure ("2024." "33,379,").
    while end > start and (text[end - 1] in " \t\n,;:)]”\"'!?–—-" or (text[end - 1] == "." and (end - start < 2 or text[end - 2].isdigit()))):
        end -= 1
    while start < end and text[start] in " \t\n([“\"'#,;:":
        start += 1
    # A count's span holds the number, never the noun it counts ("76 PAOs" -> "76"): a trailing
    # word that is neither a number word nor a scale word is not part of it.
    while kind == "COUNT":
        m = _TRAILING_WORD.search(text, start, end)
        if m is None or m.start() == start or m.group(1).lower() in NUMBER_WORDS or m.group(1).lower() in _SCALE_WORDS:
            break
        end = m.start()
    # A sign set apart by a space is not printed as part of the figure ("(- 668 or ...").
    if end - start > 2 and text[start] in "+-−–" and text[start + 1] == " ":
        start += 2
        while start < end and text[start] == " ":
            start += 1
    # A sign printed against the figure is part of it ("-35 -20.1 %", "violence +87.23%"), when
    # it starts a word (not the dash of "2015-16" or the hyphen of "COVID-19").
    if (kind not in ("DATE", "OTHER") and start > 0 and text[start - 1] in "+-−" and text[start : start + 1].isdigit()
            and (start == 1 or text[start - 2] in " \t\n([")):
        start -= 1
    # "almost three-quarters": a fraction spelled with a hyphen is not cut after its number word
    # (whose "-quarters" would be read as a unit of time).
    fraction = _FRACTION_AFTER.match(text, end) if kind not in ("DATE", "OTHER") else None
    if fraction:
        last = _LAST_WORD.search(text, start, end)
        if last and last.group(1).lower() in NUMBER_WORDS:
            end = fraction.end()
    if kind in ("PERCENT", "CHANGE") and end > start and text[end - 1].isdigit():
        m = _PCT_AFTER.match(text[end:])
        if m:
            end += m.end()
    # A measure's unit and a frequency's "times a day" are inside the span (gold format).
    if kind in ("MEASURE", "RATE") and end > start and text[end - 1].isdigit():
        m = (_UNIT_AFTER if kind == "MEASURE" else _FREQ_AFTER).match(text, end)
        if m:
            end = m.end()
    # A unit printed in several words is read whole ("9.6 million tonnes" + " of oil equivalent",
    # "13.5 Mt" + " CO2e"): a span that ends in a unit takes the longest unit starting there.
    elif kind in ("MEASURE", "CHANGE") and end > start and text[end - 1].isalpha():
        last = _LAST_WORD.search(text, start, end)
        if last and last.start() > start:
            m = _UNIT_RE.match(text, last.start())
            if m and m.end() > end:
                end = m.end()
    return start, end


_CURRENCY_CODES = frozenset(CURRENCY_CODES)
_TOKEN_JOINERS = "-./"
_RANGE_DASH = re.compile(r"[ \t]*(?:--|[-–—])[ \t]*")


def _word_start(text: str, i: int) -> int:
    """Start of the letters-and-digits word ending at `i` (joined by `-./`), never past a space."""
    while i > 0 and (text[i - 1].isalnum() or (text[i - 1] in _TOKEN_JOINERS and i > 1 and text[i - 2].isalnum())):
        i -= 1
    return i


def _word_end(text: str, i: int) -> int:
    while i < len(text) and (text[i].isalnum() or (text[i] in _TOKEN_JOINERS and i + 1 < len(text) and text[i + 1].isalnum())):
        i += 1
    return i


def identifier_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The whole token when a span sits inside a name with digits ("SARS-CoV-2", "PSU9621", "CD4").

    A figure glued on its left to letters is part of a name: directly ("PSU" + "9621"), or through
    `-`, `.` or `/` ("SARS-" + "CoV-2", "B." + "1.617.2"), when what is glued holds a capital.
    Fractions ("379/850"), units ("200/mm3"), lower-case prefixes ("mid-2020"), months
    ("Jan-2020") and currency codes ("AZN350") are not names. None when the span is not in a name.

    >>> t = "the SARS-CoV-2 B.1.617.2 variant, PSU9621 and CD4+ cells in mid-2020, 379/850, 200/mm3"
    >>> names = (identifier_span(t, t.index(x), t.index(x) + len(x)) for x in ("CoV-2", "1.617.2", "9621", "4", "2020", "850", "mm3"))
    >>> [t[a:b] for a, b in filter(None, names)]
    ['SARS-CoV-2', 'B.1.617.2', 'PSU9621', 'CD4']
    """
    if start == 0:
        return None
    left = text[start - 1]
    if left.isalpha() and (text[start].isalnum() or text[start] in _TOKEN_JOINERS):
        a = _word_start(text, start)
    elif left in _TOKEN_JOINERS and start >= 2 and text[start - 2].isalnum():
        a = _word_start(text, start - 1)
    else:
        return None
    head = re.match(r"[A-Za-z]+", text[a:start])
    prefix = text[a:start].rstrip(_TOKEN_JOINERS)
    if head and (head.group(0).lower() in MONTH_WORDS or head.group(0) in _CURRENCY_CODES) and head.end() == len(prefix):
        return None
    if not any(ch.isupper() for ch in prefix):
        return None  # "379/850", "mm3", "mid-2020": a fraction, a unit, a prefix
    return a, max(end, _word_end(text, end))


def compound_measure(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is one compound measure: two amounts of one dimension, the larger
    unit first ("4 tons and 714 kilograms"), which the gold format writes as one span
    (`parse_number` reads it whole).

    >>> compound_measure("2 tons and 51 kilograms", 0, 23), compound_measure("2 kilograms and 51 tons", 0, 23)
    (True, False)
    """
    p = parse_number(text[start:end])
    return p is not None and p.start == 0 and p.end == end - start and COMPOUND_NOTE in p.notes


def postprocess(text: str, spans: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """Text-level repairs of decoded spans, in text order.

    - A span inside a name with digits becomes the whole name, kind OTHER (`identifier_span`);
      spans inside the same name merge.
    - Two dates joined only by a dash are one period ("May 23–June 12, 2021", "2014–2021"),
      as the gold format writes date ranges.
    - A tens word and a unit word joined by a hyphen are one number ("sixty-five"), of the
      kind its surer half was read as.
    - Two measures that make one compound amount are one span ("2 tons and 51 kilograms").
    - A percent that names the level of an interval ("95% CI", "90% confidence interval") is
      OTHER: it is a share of nothing in the text.

    >>> t = "During May 23–June 12, 2021, SARS-CoV-2 rose."
    >>> [(t[a:b], k) for a, b, k, _ in postprocess(t, [(7, 13, "DATE", .9), (14, 27, "DATE", .8), (34, 39, "OTHER", .7)])]
    [('May 23–June 12, 2021', 'DATE'), ('SARS-CoV-2', 'OTHER')]
    >>> t = "people over sixty-five"
    >>> [(t[a:b], k) for a, b, k, _ in postprocess(t, [(12, 17, "MEASURE", .6), (18, 22, "COUNT", .5)])]
    [('sixty-five', 'MEASURE')]
    >>> t = "OR = 1.89; 95% CI, 1.74-2.07"
    >>> [(t[a:b], k) for a, b, k, _ in postprocess(t, [(11, 14, "PERCENT", .9)])]
    [('95%', 'OTHER')]
    """
    out: list[tuple[int, int, str, float]] = []
    for a, b, kind, score in sorted(spans):
        ident = identifier_span(text, a, b)
        if ident is not None:
            a, b = ident
            kind = "OTHER"
        if kind == "PERCENT" and _INTERVAL_LEVEL.match(text, b):
            kind = "OTHER"
        if kind in ("COUNT", "MONEY"):
            a, b, kind = _physical_measure(text, a, b, kind)
        if out:
            pa, pb, pk, ps = out[-1]
            if a < pb:  # two pieces of one name
                out[-1] = (pa, max(pb, b), pk, max(ps, score))
                continue
            if pk == "MEASURE" and kind == "MEASURE" and compound_measure(text, pa, b):
                out[-1] = (pa, b, "MEASURE", min(ps, score))
                continue
            if pk == "DATE" and kind == "DATE" and _RANGE_DASH.fullmatch(text[pb:a]):
                out[-1] = (pa, b, "DATE", min(ps, score))
                continue
            if (text[pb:a] == "-" and text[pa:pb].lower() in TENS
                    and 0 < ONES.get(text[a:b].lower(), 0) < 10):
                out[-1] = (pa, b, pk if ps >= score else kind, max(ps, score))
                continue
        out.append((a, b, kind, score))
    return out


def _physical_measure(text: str, a: int, b: int, kind: str) -> tuple[int, int, str]:
    """A count or money figure printed in a physical unit is a measure, its unit in its span
    ("11.9 Mtoe", "214.8 Mtoe"): a unit of known dimension (`numcheck.numbers.UNITS`) spelled
    in two letters or more, so that "5 m" (five million) and "3 t" stay as they are, and not a
    duration (ages and spells are read as the model reads them).

    >>> t = "to 11.9 Mtoe and 4 cars, £2 billion"
    >>> [(t[x:y], k) for x, y, k in (_physical_measure(t, 3, 7, "COUNT"), _physical_measure(t, 17, 18, "COUNT"),
    ...                              _physical_measure(t, 3, 12, "MONEY"), _physical_measure(t, 25, 35, "MONEY"))]
    [('11.9 Mtoe', 'MEASURE'), ('4', 'COUNT'), ('11.9 Mtoe', 'MEASURE'), ('£2 billion', 'MONEY')]
    """
    if kind == "MONEY":
        parsed = parse_number(text[a:b])
        return (a, b, "MEASURE") if parsed is not None and parsed.form == "measure" else (a, b, kind)
    if not text[b - 1 : b].isdigit():
        return a, b, kind
    m = _UNIT_RE.match(text, b)
    if m is None or len(m.group("unit")) < 2:
        return a, b, kind
    unit = UNITS.get(m.group("unit").lower())  # UNITS is keyed in lower case
    if unit is None or unit[1] == "time":
        return a, b, kind
    return a, m.end(), "MEASURE"


#: What follows a percent that is an interval's level: "95% CI", "90% confidence interval".
_INTERVAL_LEVEL = re.compile(r"\s*(?:CI|UI|CrI|(?:confidence|credible|uncertainty|prediction)\s+(?:interval|level|bound)s?)\b")
_LIST_GAP = re.compile(r",? (?:and |or )?|, ")


def _two_thirds(kinds: list[str]) -> str | None:
    """The kind at least two thirds of `kinds` agree on (the first in name order on a tie), or None.

    >>> _two_thirds(["COUNT", "COUNT", "CHANGE"]), _two_thirds(["COUNT", "CHANGE"])
    ('COUNT', None)
    """
    if not kinds:
        return None
    best = _most(kinds)
    return best if kinds.count(best) * 3 >= len(kinds) * 2 else None


def _most(kinds: list[str]) -> str:
    """The kind most of `kinds` have (the first in name order on a tie); `kinds` is not empty."""
    return max(sorted(set(kinds)), key=kinds.count)


def _agree(spans: list[tuple[int, int, str, float]], out: list[tuple[int, int, str, float]], members: list[int]) -> None:
    """Give `out[i]` for every i in `members` the kind two thirds of them have in `spans`, if there is one."""
    best = _two_thirds([spans[i][2] for i in members])
    if best is not None:
        for i in members:
            a, b, _, score = spans[i]
            out[i] = (a, b, best, score)


def listed_ranges(text: str, spans: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    r"""In a list of three or more ranges ("aged 25–34, 35–44, and 45–54"), ends read otherwise than
    at least two thirds of the list's ends take their kind: a list names one kind of bound.
    Dates are left alone (their ranges are one span already).

    >>> t = "adults aged 25–34, 35–44, and 45–54 had"
    >>> sp = [(m.start(), m.end(), k, 0.9) for m, k in zip(re.finditer(r"\d+", t), ["MEASURE"] * 4 + ["COUNT"] * 2)]
    >>> [k for *_, k, _ in listed_ranges(t, sp)]
    ['MEASURE', 'MEASURE', 'MEASURE', 'MEASURE', 'MEASURE', 'MEASURE']
    """
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    ranges = [(i, j) for i, j in zip(order, order[1:])
              if spans[i][2] != "DATE" and spans[j][2] != "DATE" and _RANGE_DASH.fullmatch(text[spans[i][1] : spans[j][0]])]
    chains: list[list[tuple[int, int]]] = []
    for r in ranges:
        if chains and _LIST_GAP.fullmatch(text[spans[chains[-1][-1][1]][1] : spans[r[0]][0]]):
            chains[-1].append(r)
        else:
            chains.append([r])
    out = list(spans)
    for chain in chains:
        if len(chain) < 3:
            continue
        _agree(spans, out, [i for r in chain for i in r])
    return out


_BARE_INTEGER = re.compile(r"\d{1,3}(?:,\d{3})*|\d+")
_LIST_END = re.compile(r",? (?:and|or) ")


def listed_figures(text: str, spans: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    r"""In a list of three or more bare whole numbers closed by "and" or "or" ("Wards 1, 7, and 8"),
    a number read otherwise than at least two thirds of the list takes their kind: a list names
    one kind of thing. Dates neither vote nor change, and a number with anything printed on it
    (a unit, a sign, a decimal point) ends the list.

    >>> t = "concentrated in Wards 1, 7, and 8. In 2015, 2016 cases"
    >>> sp = [(m.start(), m.end(), k, 0.9) for m, k in zip(re.finditer(r"\d+", t), ["OTHER", "OTHER", "COUNT", "DATE", "COUNT"])]
    >>> [k for *_, k, _ in listed_figures(t, sp)]
    ['OTHER', 'OTHER', 'OTHER', 'DATE', 'COUNT']
    """
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    chains: list[list[int]] = []
    prev: int | None = None
    for i in order:
        a, b, kind, _ = spans[i]
        if kind == "DATE" or not _BARE_INTEGER.fullmatch(text[a:b]):
            prev = None
            continue
        if prev is not None and chains and chains[-1][-1] == prev and _LIST_GAP.fullmatch(text[spans[prev][1] : a]):
            chains[-1].append(i)
        else:
            chains.append([i])
        prev = i
    out = list(spans)
    for chain in chains:
        if len(chain) < 3 or not _LIST_END.fullmatch(text[spans[chain[-2]][1] : spans[chain[-1]][0]]):
            continue
        if any(_LIST_END.fullmatch(text[spans[x][1] : spans[y][0]]) for x, y in zip(chain[:-2], chain[1:-1])):
            continue  # "and" inside the list: two lists or more
        _agree(spans, out, chain)
    return out


_RESTATED = re.compile(r",? or (?:(?:about|around|almost|nearly|over|some|more than|less than|up to) )?")
_LEVELS = frozenset({"COUNT", "PERCENT", "MONEY", "MEASURE"})


def restated_figures(text: str, spans: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    r"""A figure restated in percent after "or" plays the same part: "94.4% or 31,526 of the crimes"
    states a share and its count, "fell by 118 or 3.5%" a change twice over. When exactly one of two
    figures joined by "or" is printed in percent and one of them was read as a change, the other as
    a level, the surer one decides: both are changes, or the percent is a share (PERCENT) and the
    other its part (a COUNT, unless it is money or a measure). Other kinds are left alone.

    >>> t = "94.2% or 14,058 offenses; fell by 118 or 3.5%"
    >>> read = [("PERCENT", 0.9), ("CHANGE", 0.5), ("CHANGE", 0.8), ("PERCENT", 0.6)]
    >>> sp = [(m.start(), m.end(), k, s) for m, (k, s) in zip(re.finditer(r"[\d.,]+%?", t), read)]
    >>> [k for *_, k, _ in restated_figures(t, sp)]
    ['PERCENT', 'COUNT', 'CHANGE', 'CHANGE']
    """
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    out = list(spans)
    for i, j in zip(order, order[1:]):
        (a1, b1, k1, s1), (a2, b2, k2, s2) = out[i], out[j]
        if not _RESTATED.fullmatch(text[b1:a2]):
            continue
        marked = bool(_PCT_SIGN.search(text[a1:b1])), bool(_PCT_SIGN.search(text[a2:b2]))
        if marked[0] == marked[1] or {k1, k2} - _LEVELS - {"CHANGE"} or (k1 == "CHANGE") == (k2 == "CHANGE"):
            continue
        sure, other = (i, j) if s1 >= s2 else (j, i)
        a, b, _, score = out[other]
        if out[sure][2] == "CHANGE":
            out[other] = (a, b, "CHANGE", score)
        else:
            out[other] = (a, b, "PERCENT" if _PCT_SIGN.search(text[a:b]) else "COUNT", score)
    return out


_PARTITIVE = re.compile(r" (?:out )?of (?:the |all )?")


def partitive_figures(text: str, spans: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """In "N of the M" ("rose in four of the six regions", "14 of 24 wards") N counts a part of the M
    things M counts: when one of the two was read as a count and the other as a change, both are
    counts. Figures in percent and other kinds are left alone ("3.5% of the 88.0%").

    >>> t = "a decrease in four of the six regions"
    >>> [k for *_, k, _ in partitive_figures(t, [(14, 18, "CHANGE", 0.6), (26, 29, "COUNT", 0.9)])]
    ['COUNT', 'COUNT']
    """
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    out = list(spans)
    for i, j in zip(order, order[1:]):
        (a1, b1, k1, _), (a2, b2, k2, _) = out[i], out[j]
        if ({k1, k2} != {"COUNT", "CHANGE"} or not _PARTITIVE.fullmatch(text[b1:a2])
                or _PCT_SIGN.search(text[a1:b1]) or _PCT_SIGN.search(text[a2:b2])):
            continue
        for x in (i, j):
            a, b, _, score = out[x]
            out[x] = (a, b, "COUNT", score)
    return out


#: Rows a plain-text table needs before its columns vote.
_TEXT_TABLE_ROWS = 3


def _text_tables(text: str, spans: list[tuple[int, int, str, float]]) -> list[list[list[int]]]:
    r"""Plain-text tables: runs of lines that end in the same number (two or more) of figures.

    A row is a line whose figures come last, apart only by spaces or tabs ("Commercial Crimes
    4,068 4,441 373 +9.2%"); at least three consecutive rows with as many figures make a table.
    Each table is its rows, each row the indices into `spans` of its figures, left to right.

    >>> t = "Kind 2023 2024 Change\nTheft 8,034 7,122 -912\nFraud 2,514 2,626 112\nArson 40 44 4\nAll done."
    >>> sp = [(m.start(), m.end(), "COUNT", 0.9) for m in re.finditer(r"[-+]?[\d,]+", t)]
    >>> [[t[sp[i][0]:sp[i][1]] for i in row] for row in _text_tables(t, sp)[0]]
    [['8,034', '7,122', '-912'], ['2,514', '2,626', '112'], ['40', '44', '4']]
    """
    tables: list[list[list[int]]] = []
    run: list[list[int]] = []
    order = sorted(range(len(spans)), key=lambda i: spans[i][0])
    k = 0
    for m in _NUMBER_LINE.finditer(text):
        row = []
        while k < len(order) and spans[order[k]][0] < m.end():
            if spans[order[k]][0] >= m.start():
                row.append(order[k])
            k += 1
        ok = len(row) >= 2 and spans[row[-1]][1] <= m.end() and not text[spans[row[-1]][1] : m.end()].strip()
        ok = ok and all(not text[spans[a][1] : spans[b][0]].strip(" \t") for a, b in zip(row, row[1:]))
        contiguous = bool(run) and text[spans[run[-1][0]][0] : m.start()].count("\n") == 1
        if ok and contiguous and len(row) == len(run[-1]):
            run.append(row)
            continue
        if len(run) >= _TEXT_TABLE_ROWS:
            tables.append(run)
        run = [row] if ok else []
    if len(run) >= _TEXT_TABLE_ROWS:
        tables.append(run)
    return tables


#: Words in a table header that make a column of changes even when a year is in it ("Change 2024/2023").
_CHANGE_HEADER = re.compile(r"chang|differ|growth|increase|decrease|\bvs\.?\b|[+±∆Δ%]", re.IGNORECASE)

#: Kinds a table column holds one of (dates, as in a header of years, neither vote nor change).
_COLUMN_KINDS = frozenset({"COUNT", "CHANGE", "PERCENT", "MONEY", "MEASURE", "RATE", "OTHER"})


def table_columns(text: str, spans: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    r"""In a table, a figure whose kind differs from the rest of its column takes theirs.

    Tables are markdown tables and plain-text tables (`_text_tables`: rows of figures after a
    label, as statistical annexes print them).

    A column of a table holds one kind of figure; a lone cell read otherwise (a count in a
    column of counts read as a change) is a misreading. A cell is relabelled only when it holds
    one span, its kind is held by no other cell or by at most a quarter of the column, and at
    least two thirds of the column's single-span cells (two at least) agree on another kind;
    dates (a header's years) neither vote nor change. A row number read as a count in a column
    of row numbers becomes OTHER.
    A markdown column headed by a year ("| 2024 |", not "| Change 2024 |") holds that year's
    levels: its unsigned cells read as changes take the kind most of its other cells have (when
    at least half of them are not changes), however many they are: in a long table the rows
    beyond the model's window have no header in view.

    >>> t = "| Ward | 2023 | Change |\n| 1 | 1,790 | +126 |\n| 2 | 1,916 | +98 |\n| 3 | 2,004 | -12 |"
    >>> sp = [(t.index(x), t.index(x) + len(x), k, 0.9) for x, k in
    ...       [("1,790", "COUNT"), ("+126", "CHANGE"), ("1,916", "CHANGE"), ("+98", "CHANGE"), ("2,004", "COUNT"), ("-12", "CHANGE")]]
    >>> [k for _, _, k, _ in table_columns(t, sp)]
    ['COUNT', 'CHANGE', 'COUNT', 'CHANGE', 'COUNT', 'CHANGE']
    """
    table, prev_end = 0, -2
    bounds: list[tuple[int, int, int, int]] = []  # cell start, cell end, table, column
    headers: dict[tuple[int, int], tuple[int, int]] = {}  # (table, column) -> its header cell
    first: list[tuple[int, int, int, int]] = []  # the cells of a table's first row, a header if a rule follows
    row = 0
    for m in re.finditer(r"^[ \t]*\|.*\|[ \t]*$", text, flags=re.M):
        row = 0 if m.start() != prev_end + 1 else row + 1
        if row == 0:
            table += 1
            first = []
        elif row == 1 and re.fullmatch(r"[ \t]*\|[-:| \t]+\|[ \t]*", m.group(0)):
            headers.update({(t, c): (a, b) for a, b, t, c in first})
            bounds = bounds[: len(bounds) - len(first)]
        prev_end = m.end()
        col = 0
        pos = m.start() + m.group(0).index("|") + 1
        for part in m.group(0)[m.group(0).index("|") + 1 :].split("|")[:-1]:
            bounds.append((pos, pos + len(part), table, col))
            if row == 0:
                first.append(bounds[-1])
            pos += len(part) + 1
            col += 1
    by_cell: dict[int, list[int]] = {}  # index in bounds -> span indices
    for i, (a, b, _, _) in enumerate(spans):
        cell = next((c for c, (cs, ce, _, _) in enumerate(bounds) if cs <= a and b <= ce), None)
        if cell is not None:
            by_cell.setdefault(cell, []).append(i)
    cells: dict[tuple[int, int], list[int]] = {}  # (table, column) -> span indices of single-span cells
    for cell, idx in by_cell.items():
        if len(idx) == 1:
            cells.setdefault(bounds[cell][2:], []).append(idx[0])
    for n, rows in enumerate(_text_tables(text, spans)):
        for row in rows:
            for col, i in enumerate(row):
                cells.setdefault((-1 - n, col), []).append(i)
    if not cells:
        return spans
    out = list(spans)
    dated = {key for key, (hs, he) in headers.items()
             if any(k == "DATE" and hs <= a and b <= he for a, b, k, _ in spans) and not _CHANGE_HEADER.search(text[hs:he])}
    for key, column in cells.items():
        idx = [j for j in column if spans[j][2] in _COLUMN_KINDS]  # years (a header without a rule below) do not vote
        kinds = [spans[j][2] for j in idx]
        if key in dated:
            # a column headed by a year holds that year's levels: an unsigned cell read as a change
            # takes the kind most of the column's other cells have
            levels = [k for k in kinds if k != "CHANGE"]
            if levels and len(levels) * 2 >= len(kinds):
                level = _most(levels)
                for i in idx:
                    a, b, kind, score = out[i]
                    if kind == "CHANGE" and not text[a:b].lstrip().startswith(tuple(_SIGNS)):
                        out[i] = (a, b, level, score)
                continue
        best = _two_thirds(kinds)
        if best is None or kinds.count(best) < 2:
            continue
        for i in idx:
            a, b, kind, score = spans[i]
            if kind != best and (kinds.count(kind) == 1 or kinds.count(kind) * 4 <= len(kinds)):
                out[i] = (a, b, best, score)
    return out


#: Compute types of the encoder: "float32", or "bfloat16" (torch autocast: matrix products in
#: bfloat16, layer norms and softmax in float32); "auto" takes bfloat16 where the CPU has native
#: bfloat16 instructions (AVX512-BF16 or AMX), else float32.
DTYPES = ("float32", "bfloat16", "auto")


#: Text-level kind repairs after `postprocess`, in the order they run: each sees the one before.
_KIND_REPAIRS = (table_columns, listed_ranges, listed_figures, restated_figures, partitive_figures)


def cpu_has_bf16(cpuinfo: str | None = None) -> bool:
    """True when the CPU flags include native bfloat16 arithmetic (Linux `/proc/cpuinfo`).

    >>> cpu_has_bf16("flags : fpu avx2 avx512f avx512_bf16"), cpu_has_bf16("flags : fpu avx2")
    (True, False)
    """
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(errors="replace")
        except OSError:
            return False
    flags = set()
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            flags.update(line.partition(":")[2].split())
            break
    return bool(flags & {"avx512_bf16", "amx_bf16"})


def resolve_dtype(dtype: str) -> str:
    """The compute type `dtype` stands for on this machine ("auto" resolved).

    >>> resolve_dtype("float32")
    'float32'
    """
    if dtype not in DTYPES:
        from numcheck.errors import ModelError

        raise ModelError(None, f"dtype must be one of {', '.join(DTYPES)}, got {dtype!r}")
    if dtype == "auto":
        return "bfloat16" if cpu_has_bf16() else "float32"
    return dtype


#: Which Linear layers each quantization scheme runs in dynamic int8.
QUANTIZE_SCHEMES = {
    "none": lambda name: False,
    "partial": lambda name: name.endswith(("intermediate.dense", "query", "key", "value")),
    "all": lambda name: True,
}


def _quantize(torch: Any, model: Any, scheme: str) -> Any:
    """The model with the layers of `scheme` in dynamic int8 (weights int8, activations float)."""
    import warnings

    from torch.ao.quantization import default_dynamic_qconfig, quantize_dynamic

    wanted = QUANTIZE_SCHEMES[scheme]
    spec = {n: default_dynamic_qconfig for n, m in model.named_modules() if isinstance(m, torch.nn.Linear) and wanted(n)}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the eager-mode API's deprecation notice
        return quantize_dynamic(model, spec, dtype=torch.qint8)


#: Runtimes of the model extractor: ONNX Runtime on the exported `model.onnx` (no torch), or torch.
RUNTIMES = ("onnx", "torch")


def resolve_runtime(runtime: str | None, model_dir: Path, *, torch_options: bool = False) -> str:
    """The runtime a model extractor uses: `runtime` when given, else "onnx" when `model_dir` holds an
    ONNX export and no torch-only option (`quantize`, `dtype`) was asked for, else "torch".

    >>> from numcheck.models.io import SHIPPED_DIR
    >>> resolve_runtime(None, SHIPPED_DIR), resolve_runtime(None, SHIPPED_DIR, torch_options=True)
    ('onnx', 'torch')
    """
    from numcheck.models.runtime import ONNX_FILE

    if runtime is None:
        return "onnx" if (model_dir / ONNX_FILE).is_file() and not torch_options else "torch"
    if runtime not in RUNTIMES:
        from numcheck.errors import UsageError

        raise UsageError(None, f"--runtime must be one of {', '.join(RUNTIMES)}, got {runtime!r}", "use --runtime onnx")
    return str(runtime)


class ModelExtractor:
    """Figures found by the fine-tuned model.

    `model_path` defaults to the shipped model. `runtime` is "onnx" (ONNX Runtime on the
    directory's `model.onnx`, written by `numcheck export`: no torch) or "torch" (the
    directory's weights in `BertTagger`); None takes "onnx" when the export is there and no
    torch-only option is given. On dev both find the same checks with the same verdicts and
    typed span F1 within 0.005 (tests hold them to it; the shipped export's int8 reads two of
    606 dev spans' kinds otherwise); its scheme is chosen at export, see `numcheck.models.export`.
    The token states for the relation stage (`extract_states`, `encode`) are the relation head's
    branch over the shared layers when the directory's head has one (on ONNX: the export's
    `relation` output), else the tagger's last layer.

    For the torch runtime only: `quantize` chooses which Linear layers run in dynamic int8:
    "all" (or True), "partial" (the feed-forward input and the query, key and value
    projections), or "none" (or False). None takes the model's numcheck.json recommendation,
    else "none". On dev "partial" cost 0.0017 typed F1 (0.9769 -> 0.9752) for 1.5x the speed,
    but the few spans it changes sit in relations: end to end it found 142 instead of 145 of
    156 checks and flagged 265 instead of 272 of 294 altered ones, so the shipped model does
    not use it. "all" cost 0.017 typed F1.
    `dtype` is the compute type: "float32", "bfloat16" (autocast) or "auto" (bfloat16 where the
    CPU has native bfloat16). None takes the model's numcheck.json recommendation (the shipped
    model says "auto": on dev bfloat16 gave the same figures as float32 at twice the speed), or
    float32 when an int8 scheme is on, since those were measured with float32 activations.

    >>> # ModelExtractor().extract(["Crimes fell by 9.4% in 2024."])[0][0].kind
    """

    name = "model"
    #: Reads many texts faster in one call (windows sorted by length across the call).
    batches = True

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        runtime: str | None = None,
        quantize: bool | str | None = None,
        batch_size: int = 32,
        max_length: int | None = None,
        stride: int = 32,
        threads: int | None = None,
        dtype: str | None = None,
    ) -> None:
        from numcheck.models.io import SHIPPED_DIR

        model_dir = Path(model_path) if model_path is not None else SHIPPED_DIR
        self.model_path = model_dir
        self.runtime = resolve_runtime(runtime, model_dir, torch_options=quantize is not None or dtype is not None)
        if self.runtime == "onnx":
            self._init_onnx(model_dir, quantize=quantize, dtype=dtype, threads=threads)
        else:
            self._init_torch(model_dir, quantize=quantize, dtype=dtype, threads=threads)
        self.batch_size = batch_size
        self.max_length = max_length or int(self.meta.get("training_config", {}).get("max_length", 128))
        self.stride = stride
        #: Whether `_run` keeps the encoder's token vectors (for the relation head), and whether it
        #: computes the tags (not when only the vectors are asked for).
        self.keep_states = False
        self.tags_wanted = True
        #: Seconds spent per stage over all `extract` calls (read by `numcheck bench`).
        self.timings: dict[str, float] = {"windowing": 0.0, "model": 0.0, "decoding": 0.0}

    def _init_onnx(self, model_dir: Path, *, quantize: Any, dtype: str | None, threads: int | None) -> None:
        from numcheck.models.io import load_onnx_tagger

        if quantize not in (None, False, "none") or dtype not in (None, "float32", "auto"):
            from numcheck.errors import UsageError

            raise UsageError(None, f"quantize={quantize!r} and dtype={dtype!r} apply to the torch runtime; the ONNX "
                             "model's int8 scheme is chosen when it is exported", "use runtime='torch' for them")
        self.session, self.tokenizer, self.meta = load_onnx_tagger(model_dir, threads=threads or _cpu_count())
        self.hidden_size = self.session.hidden_size
        self.quantized = str(self.meta.get("onnx", {}).get("scheme", "float32"))
        self.dtype = "float32"

    def _init_torch(self, model_dir: Path, *, quantize: Any, dtype: str | None, threads: int | None) -> None:
        try:
            import torch
        except ImportError:
            from numcheck.errors import ModelError

            raise ModelError(None, "the torch runtime needs torch, which is not installed",
                             "pip install torch==2.13.0 'numcheck[train]', or use --runtime onnx") from None

        from numcheck.models.io import load_tagger

        torch.set_num_threads(threads or _cpu_count())
        self.model, self.tokenizer, self.meta = load_tagger(model_dir)
        from numcheck.models.relations import load_branch

        #: The relation head's own last layer, when the model directory has one (its token vectors
        #: are the `TokenStates`; without it the tagger's last layer gives them).
        self.branch = load_branch(model_dir, self.model)
        self.shared_layers = len(self.model.bert.encoder.layer) - 1
        if quantize is None:
            quantize = self.meta.get("inference", {}).get("quantize_layers", "none")
        scheme = {True: "all", False: "none"}.get(quantize, quantize) if isinstance(quantize, bool) else str(quantize)
        if scheme not in QUANTIZE_SCHEMES:
            from numcheck.errors import ModelError

            raise ModelError(None, f"quantize must be one of {sorted(QUANTIZE_SCHEMES)}, got {quantize!r}")
        self.quantized = scheme
        if scheme != "none":
            self.model = _quantize(torch, self.model, scheme)
        # int8 schemes were measured with float32 activations: they keep float32 unless asked.
        default_dtype = "float32" if scheme != "none" else self.meta.get("inference", {}).get("dtype", "float32")
        self.dtype = resolve_dtype(dtype or default_dtype)
        self.hidden_size = int(self.model.classifier.in_features)
        self._torch = torch

    # -- windows ------------------------------------------------------------------------
    def _windows(self, texts: Sequence[str]) -> list[dict[str, Any]]:
        """Token windows of every candidate line of every text."""
        wins: list[dict[str, Any]] = []
        for ti, text in enumerate(texts):
            for m in _NUMBER_LINE.finditer(text):
                line = m.group()
                if not has_number(line):
                    continue
                for ids, offsets in self.tokenizer.windows(line, max_length=self.max_length, stride=self.stride):
                    wins.append({"text": ti, "line_start": m.start(), "line": line, "ids": ids, "offsets": offsets})
        return wins

    def _batches(self, wins: list[dict[str, Any]]) -> Iterator[tuple[list[int], np.ndarray, np.ndarray]]:
        """(window indexes, token ids, attention mask) of batches of windows of similar length, padded."""
        order = sorted(range(len(wins)), key=lambda i: len(wins[i]["ids"]))
        pad = self.tokenizer.pad_token_id
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            width = max(len(wins[i]["ids"]) for i in idx)
            ids = np.full((len(idx), width), pad, dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, i in enumerate(idx):
                n = len(wins[i]["ids"])
                ids[r, :n] = wins[i]["ids"]
                mask[r, :n] = 1
            yield idx, ids, mask

    def _run(self, wins: list[dict[str, Any]]) -> None:
        """Tag probabilities (and, when `keep_states`, the token vectors in float16) for every
        window, batched by similar length."""
        forward = self._forward_onnx if self.runtime == "onnx" else self._forward_torch
        for idx, ids, mask in self._batches(wins):
            probs, states = forward(ids, mask)
            for r, i in enumerate(idx):
                if probs is not None:
                    wins[i]["probs"] = probs[r, : len(wins[i]["ids"])]
                if states is not None:
                    wins[i]["states"] = states[r, : len(wins[i]["ids"])]

    def _forward_onnx(self, ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray | None, np.ndarray | None]:
        # the token states are the export's `relation` output when the relation head has a branch
        logits, states = self.session(ids, mask, states=self.keep_states, tags=self.tags_wanted or not self.keep_states)
        return (None if logits is None else softmax(logits)), (None if states is None else states.astype(np.float16))

    def _forward_torch(self, ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray | None, np.ndarray | None]:
        torch = self._torch
        cast = torch.autocast("cpu", dtype=torch.bfloat16) if self.dtype == "bfloat16" else contextlib.nullcontext()
        with torch.inference_mode(), cast:
            ids_t, mask_t = torch.from_numpy(ids), torch.from_numpy(mask)
            if self.branch is not None and self.keep_states:
                shared = self.model.encode(ids_t, mask_t, layers=self.shared_layers)
                rel = self.branch(shared, mask_t)
                hidden = self.model.top(shared, mask_t, self.shared_layers) if self.tags_wanted else None
            else:
                hidden = self.model.encode(ids_t, mask_t)
                rel = hidden
            probs = torch.softmax(self.model.classifier(hidden).float(), dim=-1).numpy() if hidden is not None else None
            return probs, rel.to(torch.float16).numpy() if self.keep_states else None

    @staticmethod
    def merge_states(windows: Sequence[dict[str, Any]], line_start: int) -> tuple[np.ndarray, np.ndarray]:
        """Token offsets (in the text) and vectors of one line, each token's from the window where
        it is most central, as `merge` takes its probabilities."""
        best = ModelExtractor._most_central(windows, "states")
        offsets = np.asarray([(s + line_start, e + line_start) for (s, e), _ in best], dtype=np.int64).reshape(-1, 2)
        vectors = np.stack([v for _, v in best]) if best else np.zeros((0, 0), dtype=np.float16)
        return offsets, vectors

    def _states(self, texts: Sequence[str], wins: list[dict[str, Any]]) -> list[TokenStates]:
        """Per text, the merged token vectors of every line the model read."""
        hidden = self.hidden_size
        by_text: dict[int, dict[int, list[dict[str, Any]]]] = {}
        for w in wins:
            by_text.setdefault(w["text"], {}).setdefault(w["line_start"], []).append(w)
        out = []
        for ti in range(len(texts)):
            lines = by_text.get(ti)
            if not lines:
                out.append(TokenStates.empty(hidden))
                continue
            parts = [self.merge_states(group, ls) for ls, group in sorted(lines.items())]
            parts = [p for p in parts if len(p[0])]
            if not parts:
                out.append(TokenStates.empty(hidden))
                continue
            out.append(TokenStates(np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])))
        return out

    def shared_windows(self, texts: Sequence[str]) -> list[list[tuple[int, np.ndarray, np.ndarray]]]:
        """Per text, its windows as (line start, token offsets, the shared layers' vectors): what the
        relation branch reads, for training it (`numcheck.training.relations`).

        >>> # ModelExtractor(runtime="torch").shared_windows(["Of 2,000 thefts, 450 were car thefts."])[0][0][2].shape
        """
        if self.runtime != "torch":
            from numcheck.errors import UsageError

            raise UsageError(None, f"shared_windows trains the relation branch and needs the torch runtime, got {self.runtime!r}",
                             "load the extractor with runtime='torch'")
        torch = self._torch
        wins = self._windows(texts)
        with torch.inference_mode():
            for idx, ids_np, mask_np in self._batches(wins):
                ids, mask = torch.from_numpy(ids_np), torch.from_numpy(mask_np)
                shared = self.model.encode(ids, mask, layers=self.shared_layers).to(torch.float16).numpy()
                for r, i in enumerate(idx):
                    wins[i]["shared"] = shared[r, : len(wins[i]["ids"])]
        out: list[list[tuple[int, np.ndarray, np.ndarray]]] = [[] for _ in texts]
        for w in wins:
            out[w["text"]].append((w["line_start"], np.asarray(w["offsets"], dtype=np.int64), w["shared"]))
        return out

    def encode(self, texts: Sequence[str]) -> list[TokenStates]:
        """The encoder's token vectors of each text (for relations between given spans, e.g. gold ones).

        >>> # ModelExtractor().encode(["Of 2,000 thefts, 450 were car thefts."])[0].vectors.shape
        """
        keep, self.keep_states, self.tags_wanted = self.keep_states, True, False
        try:
            wins = self._windows(texts)
            self._run(wins)
            return self._states(texts, wins)
        finally:
            self.keep_states, self.tags_wanted = keep, True

    @staticmethod
    def merge(windows: Sequence[dict[str, Any]]) -> list[tuple[int, int, list[float]]]:
        """Tokens of one line from overlapping windows, each from the window where it is most central.

        >>> w1 = {"offsets": [(0, 0), (0, 1), (2, 3), (0, 0)], "probs": [[1], [0.1], [0.2], [1]]}
        >>> w2 = {"offsets": [(0, 0), (2, 3), (4, 5), (0, 0)], "probs": [[1], [0.3], [0.4], [1]]}
        >>> [(s, e, p[0]) for s, e, p in ModelExtractor.merge([w1, w2])]
        [(0, 1, 0.1), (2, 3, 0.2), (4, 5, 0.4)]
        """
        return [(s, e, p) for (s, e), p in ModelExtractor._most_central(windows, "probs")]

    @staticmethod
    def _most_central(windows: Sequence[dict[str, Any]], values: str) -> list[tuple[tuple[int, int], Any]]:
        """Each token of overlapping windows once, in offset order, with its `values` entry from the
        window where it is most central (furthest from that window's cut ends)."""
        best: dict[tuple[int, int], tuple[int, Any]] = {}
        for w in windows:
            content = [i for i, (s, e) in enumerate(w["offsets"]) if e > s]
            if not content:
                continue
            first, last = content[0], content[-1]
            for i in content:
                key = w["offsets"][i]
                centrality = min(i - first, last - i)
                if key not in best or centrality > best[key][0]:
                    best[key] = (centrality, w[values][i])
        return [(key, value) for key, (_, value) in sorted(best.items())]

    @staticmethod
    def decode(line: str, tokens: Sequence[tuple[int, int, list[float]]]) -> list[tuple[int, int, str, float]]:
        """BIO tag probabilities of a line's tokens -> (start, end, kind, score) spans in line offsets.

        >>> p = lambda i: [0.0] * i + [1.0] + [0.0] * (16 - i)
        >>> ModelExtractor.decode("in 2024", [(0, 2, p(0)), (3, 6, p(13)), (6, 7, p(14))])
        [(3, 7, 'DATE', 1.0)]
        >>> [k for _, _, k, _ in ModelExtractor.decode("the 90th percentile", [(4, 8, p(3)), (9, 19, p(4))])]
        ['OTHER']
        """
        if not tokens:
            return []
        probs = np.asarray([p for _, _, p in tokens], dtype=np.float64)
        labels = probs.argmax(axis=1).tolist()
        spans: list[list[int]] = []  # [start, end, first token, last token + 1]
        cur: list[int] | None = None
        for t, ((s, e, _), lab) in enumerate(zip(tokens, labels)):
            if lab == 0:
                # A word piece glued to the previous token of a span stays in it ("202" + "##4").
                if cur is not None and s == cur[1] and line[s - 1 : s].isdigit() and line[s : s + 1].isdigit():
                    cur[1], cur[3] = e, t + 1
                    continue
                cur = None
                continue
            begin = (lab - 1) % 2 == 0
            if cur is not None and not begin and not _glued_numbers(line, cur[0], cur[1], s):
                cur[1], cur[3] = e, t + 1
                continue
            cur = [s, e, t, t + 1]
            spans.append(cur)
        # Each kind's score: its B and I probabilities summed, averaged over the span's tokens.
        kind_probs = probs[:, 1:].reshape(len(tokens), len(KINDS), 2).sum(axis=2)
        out = []
        for s, e, a, b in spans:
            scores = kind_probs[a:b].mean(axis=0)
            order = np.argsort(-scores, kind="stable")
            j = next((int(x) for x in order if kind_fits(KINDS[int(x)], line, s, e)), int(order[0]))
            if KINDS[j] not in ("DATE", "OTHER") and _ORDINAL.match(line, s):
                # "the 90th percentile", "5th Ave.", "the 13th largest": a rank, not an amount
                j = KINDS.index("OTHER")
            out.append((s, e, KINDS[j], min(1.0, max(0.0, float(scores[j])))))
        return out

    # -- API ----------------------------------------------------------------------------
    def extract(self, texts: Sequence[str]) -> list[list[Quantity]]:
        """Quantities of each text, in text order with ids q1, q2, ...

        >>> # ModelExtractor().extract(["In 2024, 33,379 crimes were recorded."])
        """
        return [qs for qs, _ in self._extract(texts, states=False)]

    def extract_states(self, texts: Sequence[str]) -> list[tuple[list[Quantity], TokenStates]]:
        """Quantities of each text and the token vectors they were read from, from one encoder pass.

        >>> # qs, st = ModelExtractor().extract_states(["Of 2,000 thefts, 450 were car thefts."])[0]
        """
        return self._extract(texts, states=True)  # type: ignore[return-value]

    def _extract(self, texts: Sequence[str], *, states: bool) -> list[tuple[list[Quantity], TokenStates | None]]:
        from numcheck.inference.extractor import number_ids

        t0 = time.perf_counter()
        wins = self._windows(texts)
        t1 = time.perf_counter()
        self.keep_states = states
        self._run(wins)
        t2 = time.perf_counter()
        by_line: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for w in wins:
            by_line.setdefault((w["text"], w["line_start"]), []).append(w)
        snapped: list[list[tuple[int, int, str, float]]] = [[] for _ in texts]
        for (ti, line_start), group in by_line.items():
            line = group[0]["line"]
            for s, e, kind, score in self.decode(line, self.merge(group)):
                a, b = snap(texts[ti], line_start + s, line_start + e, kind)
                if b > a:
                    snapped[ti].append((a, b, kind, score))
        found: list[list[Quantity]] = [[] for _ in texts]
        for ti, text in enumerate(texts):
            spans = postprocess(text, snapped[ti])
            for repair in _KIND_REPAIRS:
                spans = repair(text, spans)
            for a, b, kind, score in spans:
                piece = text[a:b]
                if not has_number(piece):
                    continue
                if found[ti] and found[ti][-1].end > a:
                    continue
                value, unit = describe(text, a, b, kind)
                found[ti].append(Quantity(id="q", start=a, end=b, text=piece, kind=kind, value=value, unit=unit,
                                          score=round(score, 4)))
        result = [number_ids(qs) for qs in found]
        token_states: list[TokenStates | None] = list(self._states(texts, wins)) if states else [None] * len(texts)
        self.timings["windowing"] += t1 - t0
        self.timings["model"] += t2 - t1
        self.timings["decoding"] += time.perf_counter() - t2
        return list(zip(result, token_states, strict=True))

