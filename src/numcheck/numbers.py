"""Reading printed figures: `"33,379"`, `"4,94%"`, `"27.9 million"`, `"4 tons and 714 kilograms"`.

`parse_number` turns the text of one span into a `ParsedNumber`: its plain value as a
`Decimal`, the resolution it was printed with (the unit of its last printed digit, scale
applied) and whether it is an exact count. The precision rule itself lives in
`numcheck.precision`; this module only reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

#: Scale words and their factors.
SCALES: dict[str, Decimal] = {
    "thousand": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}


@dataclass(frozen=True)
class ParsedNumber:
    """A printed figure read into plain form.

    `value` has the scale applied (`27.9 million` -> 27900000, `94.4%` -> 94.4);
    `resolution` is the unit of the last printed digit in the same terms (0.1 for `94.4`,
    100000 for `27.9 million`, 1 for `327`); `exact` is True for a plain integer count,
    which is taken as printed with no rounding. `sign` is +1 or -1 when a sign is printed,
    0 otherwise. `notes` records decisions a reader may want to know about (a decimal
    comma read by context, a leading zero).

    >>> p = parse_number("27.9 million")
    >>> (p.value, p.resolution, p.exact)
    (Decimal('27900000.0'), Decimal('1E+5'), False)
    """

    value: Decimal
    resolution: Decimal
    exact: bool
    decimals: int = 0
    unit: str | None = None
    sign: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)


_NUM = re.compile(
    r"""(?P<sign>[+\-−–])?\s*
        (?P<cur>[$€£¥₼])?\s*
        (?P<num>\d{1,3}(?:(?:,\s?|\s|’|'|\.)\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)
        \s*(?P<scale>thousand|million|billion|trillion|mln|bn)?
        \s*(?P<pct>%|percent(?:age\ points?)?|per\s?cent|pp|p\.p\.)?
    """,
    re.VERBOSE | re.IGNORECASE,
)


def _read_digits(num: str) -> tuple[Decimal, int, list[str]]:
    """Read a digit string with thousands separators and a decimal point or comma."""
    notes: list[str] = []
    s = num.replace("’", ",").replace("'", ",")
    s = re.sub(r",\s", ",", s)
    if re.fullmatch(r"\d{1,3}(?:\s\d{3})+(?:[.,]\d+)?", s):
        s = s.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?", s):
        # 1.234.567 or 1.234.567,89: dots group thousands, a comma marks decimals.
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"\d+,\d+", s):
        # One comma, not followed by exactly three digits: a decimal comma ("4,94", "92,4").
        s = s.replace(",", ".")
        notes.append("comma read as a decimal separator")
    decimals = len(s.split(".")[1]) if "." in s else 0
    if len(s) > 1 and s[0] == "0" and s[1].isdigit():
        notes.append("leading zero ignored")
    return Decimal(s), decimals, notes


def parse_number(text: str) -> ParsedNumber | None:
    """Read the first figure printed in `text`; None when there is none.

    >>> parse_number("94.4%").value, parse_number("94.4%").unit
    (Decimal('94.4'), '%')
    >>> parse_number("-1.9%").sign
    -1
    """
    m = _NUM.search(text)
    if not m:
        return None
    try:
        value, decimals, notes = _read_digits(m.group("num"))
    except InvalidOperation:
        return None
    resolution = Decimal(1).scaleb(-decimals)
    scale = (m.group("scale") or "").lower()
    exact = decimals == 0 and not scale
    if scale:
        factor = SCALES[scale]
        value *= factor
        resolution *= factor
    sign = 0
    if m.group("sign"):
        sign = 1 if m.group("sign") == "+" else -1
    pct = (m.group("pct") or "").lower()
    unit = None
    if pct:
        unit = "pp" if ("point" in pct or pct.startswith("p")) else "%"
        exact = False  # a percent is always a rounded figure
    if m.group("cur"):
        unit = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₼": "AZN"}[m.group("cur")]
    return ParsedNumber(
        value=value,
        resolution=resolution,
        exact=exact,
        decimals=decimals,
        unit=unit,
        sign=sign,
        notes=tuple(notes),
    )
