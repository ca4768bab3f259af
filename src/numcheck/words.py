"""Number words: `"nine"`, `"forty-five"`, `"two hundred"`, `"a dozen"`, `"a third"`, `"doubled"`.

Press releases spell small counts out ("nine individuals", "four of the six classes") and
state changes as multipliers ("doubled", "fourfold"). This module reads those words into
`Decimal`s; `numcheck.numbers.parse_number` and the rule-based extractor build on it.
`NUMBER_WORDS_RE` finds a run of number words in running text (whole words only).
"""

from __future__ import annotations

import re
from decimal import Decimal

ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
#: Month names and their abbreviations, lower-case (not number words, but they make a date).
MONTH_WORDS: frozenset[str] = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
#: Scale words that multiply what precedes them ("two hundred", "1.2 billion").
SCALE_WORDS: dict[str, int] = {
    "hundred": 10**2, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}  # fmt: skip
#: Fractions, by their denominator word (singular and plural).
FRACTIONS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip
#: Multiplier words: the factor of a stated change.
MULTIPLIERS: dict[str, Decimal] = {
    "doubled": Decimal(2), "doubling": Decimal(2), "double": Decimal(2), "twice": Decimal(2),
    "tripled": Decimal(3), "trebled": Decimal(3), "tripling": Decimal(3), "thrice": Decimal(3),
    "quadrupled": Decimal(4), "halved": Decimal("0.5"), "triple": Decimal(3),
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
    "hundredth": 100,
}  # fmt: skip

_CARDINAL = sorted(list(ONES) + list(TENS), key=len, reverse=True)
_CARD_ALT = "|".join(_CARDINAL)
_SCALE_ALT = "|".join(SCALE_WORDS)
#: One cardinal word group: "forty-five", "twenty one", "nine".
_GROUP = (
    rf"(?:(?:{'|'.join(TENS)})(?:[-\s](?:{'|'.join(k for k in ONES if 0 < ONES[k] < 10)}))?"
    rf"|{_CARD_ALT}|dozen)"
)
_SIMPLE = rf"{_GROUP}(?:(?:\s+|-)(?:{_SCALE_ALT}|dozen))*"
#: A spelled-out cardinal: "nine", "forty-five", "a dozen", "two hundred and five".
NUMBER_WORDS_RE = re.compile(
    rf"\b(?:(?:(?:a|an)\s+(?:{_SCALE_ALT}|dozen)|{_GROUP}(?:\s+|-)(?:{_SCALE_ALT}|dozen))"
    rf"(?:(?:\s+|-)(?:{_SCALE_ALT}))*(?:(?:\s+and)?\s+{_SIMPLE})?|{_GROUP})\b",
    re.IGNORECASE,
)
MULTIPLIER_RE = re.compile(
    r"\b(?:(?P<word>" + "|".join(MULTIPLIERS) + r")|(?P<n>\w+)[-‐]?fold)\b", re.IGNORECASE
)


def words_to_number(text: str) -> Decimal | None:
    """The value of a spelled-out cardinal number, or None if `text` is not one.

    >>> words_to_number("forty-five"), words_to_number("two hundred and five"), words_to_number("a dozen")
    (Decimal('45'), Decimal('205'), Decimal('12'))
    """
    tokens = [t for t in re.split(r"[-\s]+", text.strip().lower()) if t and t != "and"]
    if not tokens:
        return None
    if tokens[0] in ("a", "an"):
        if len(tokens) == 1:
            return None
        tokens = ["one"] + tokens[1:]
    total = 0
    current = 0
    seen = False
    for tok in tokens:
        if tok in ONES:
            current += ONES[tok]
        elif tok in TENS:
            current += TENS[tok]
        elif tok in ("dozen", "dozens"):
            current = (current or 1) * 12
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[tok]
            current = 0
        else:
            return None
        seen = True
    return Decimal(total + current) if seen else None


def fraction_value(text: str) -> Decimal | None:
    """The value of a spelled-out fraction: "half", "a third", "two thirds", "three quarters".

    >>> fraction_value("a third").quantize(Decimal("0.001")), fraction_value("half")
    (Decimal('0.333'), Decimal('0.5'))
    """
    tokens = [t for t in re.split(r"[-\s]+", text.strip().lower()) if t]
    if not tokens or tokens[-1] not in FRACTIONS:
        return None
    den = FRACTIONS[tokens[-1]]
    head = tokens[:-1]
    if not head or head in (["a"], ["an"], ["one"]):
        num = Decimal(1)
    else:
        num_ = words_to_number(" ".join(head))
        if num_ is None:
            return None
        num = num_
    return num / Decimal(den)


def multiplier_value(text: str) -> Decimal | None:
    """The factor of a multiplier word: "doubled" 2, "tripled" 3, "fourfold" 4, "2.5-fold" 2.5.

    >>> multiplier_value("doubled"), multiplier_value("four-fold"), multiplier_value("3-fold")
    (Decimal('2'), Decimal('4'), Decimal('3'))
    """
    t = text.strip().lower()
    if t in MULTIPLIERS:
        return MULTIPLIERS[t]
    m = re.fullmatch(r"(.+?)[-‐]?fold", t)
    if not m:
        return None
    head = m.group(1)
    if re.fullmatch(r"\d+(?:\.\d+)?", head):
        return Decimal(head)
    return words_to_number(head)
