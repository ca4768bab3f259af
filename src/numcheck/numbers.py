"""Reading printed figures: `"33,379"`, `"4,94%"`, `"27.9 million"`, `"4 tons and 714 kilograms"`.

`parse_number` turns the text of one span into a `ParsedNumber`: its plain value as a
`Decimal`, the resolution it was printed with (the unit of its last printed digit, scale
applied) and whether it is an exact count. The precision rule itself lives in
`numcheck.precision`; this module only reads.

Forms read: thousands separators (`33,379`, `33 379`, `8, 970`, `12’205`, `1.234.567`),
decimal commas decided by context (`4,94%`, `92,4 %`), leading zeros (`02.5%`), percent and
percentage points, scale words (`1.2 billion`, `€5m`), currencies (`$7.4 billion`, `AZN 350`,
`350 manat`), number words (`nine`, `forty-five`, `a dozen`, `a third`), physical units and
compound measures (`4 tons and 714 kilograms` = 4714 kg; a press release's tons are tonnes),
ranges (`10-15`, `between 10 and 15`), signs (`+444`, `− 668`), multipliers (`doubled`,
`2.5 times`, `fourfold`) and ordinals (`2nd`, `first`: not quantities).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation, getcontext, localcontext
from functools import lru_cache

from numcheck.words import (
    FRACTIONS,
    NUMBER_WORDS_RE,
    ORDINALS,
    fraction_value,
    multiplier_value,
    words_to_number,
)

#: Scale words and their factors.
SCALES: dict[str, Decimal] = {
    "thousand": Decimal(10) ** 3,
    "thousands": Decimal(10) ** 3,
    "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "millions": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "m": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "billions": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "b": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    "lakh": Decimal(10) ** 5,
    "lakhs": Decimal(10) ** 5,
    "crore": Decimal(10) ** 7,
    "crores": Decimal(10) ** 7,
}

#: Currency signs and codes printed before an amount, with their ISO codes.
CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD", "S$": "SGD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD",
    "R$": "BRL", "BZ$": "BZD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₼": "AZN",
    "₹": "INR", "₽": "RUB", "₾": "GEL", "₸": "KZT", "₩": "KRW", "₱": "PHP", "฿": "THB",
    "₦": "NGN", "KSh": "KES", "Ksh": "KES", "Rs": "INR", "Rs.": "INR",
}  # fmt: skip
CURRENCY_CODES = (
    "AZN", "USD", "EUR", "GBP", "JPY", "CNY", "RUB", "KZT", "GEL", "AMD", "THB", "SGD", "INR",
    "PHP", "BZD", "AUD", "CAD", "CHF", "UAH", "TRY", "KGS", "UZS", "MYR", "IDR", "NGN", "KES",
    "ZAR", "PKR", "BDT", "LKR", "NZD", "HKD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON",
)  # fmt: skip
#: Currency names printed after an amount ("350 manat", "5 million dollars").
CURRENCY_WORDS: dict[str, str] = {
    "us dollars": "USD", "u.s. dollars": "USD", "dollars": "USD", "dollar": "USD",
    "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "sterling": "GBP",
    "manats": "AZN", "manat": "AZN", "tenge": "KZT", "lari": "GEL", "drams": "AMD",
    "dram": "AMD", "baht": "THB", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB", "rupees": "INR",
    "rupee": "INR", "pesos": "PHP", "peso": "PHP", "hryvnia": "UAH", "som": "KGS",
    "soms": "UZS", "ringgit": "MYR", "rand": "ZAR", "naira": "NGN", "shillings": "KES",
    "francs": "CHF", "lira": "TRY",
}  # fmt: skip

#: Physical and time units: printed form -> (unit symbol, factor to the base of its dimension).
#: Tons are tonnes (1000 kg): a press release's "tons" are metric.
UNITS: dict[str, tuple[str, str, Decimal]] = {}
#: Significant digits `parse_number` reads exactly (the checker's intervals compute at as many).
WORKING_DIGITS = 60
_LONG_FIGURE = re.compile(r"\d[\d,.’' \u00a0\u202f\u2009]{24}")
#: Characters before a figure that may hold its currency, sign or hedge.
_LEFT = 32
#: The note `parse_number` gives a compound measure ("4 tons and 714 kilograms") it read as one figure.
COMPOUND_NOTE = "compound measure read into its smaller unit"


def _unit(symbol: str, dim: str, factor: str | int, *names: str) -> None:
    for n in names:
        UNITS[n] = (symbol, dim, Decimal(factor))


_unit("t", "mass", 1000, "tons", "ton", "tonnes", "tonne", "metric tons", "metric tonnes", "t")
_unit("kg", "mass", 1, "kilograms", "kilogram", "kilogrammes", "kilogramme", "kilos", "kilo", "kg", "kgs")
_unit("g", "mass", "0.001", "grams", "gram", "grammes", "gramme", "g", "gr")
_unit("mg", "mass", "0.000001", "milligrams", "milligram", "mg")
_unit("km", "length", 1000, "kilometres", "kilometers", "kilometre", "kilometer", "km")
_unit("m", "length", 1, "metres", "meters", "metre", "meter", "m")
_unit("cm", "length", "0.01", "centimetres", "centimeters", "centimetre", "centimeter", "cm")
_unit("mm", "length", "0.001", "millimetres", "millimeters", "millimetre", "millimeter", "mm")
_unit("mi", "length", "1609.344", "miles", "mile")
_unit("km2", "area", 1000000, "square kilometres", "square kilometers", "sq km", "km2", "km²")
_unit("m2", "area", 1, "square metres", "square meters", "sq m", "m2", "m²")
_unit("ha", "area", 10000, "hectares", "hectare", "ha")
_unit("l", "volume", 1, "litres", "liters", "litre", "liter", "l")
_unit("ml", "volume", "0.001", "millilitres", "milliliters", "ml")
_unit("m3", "volume", 1000, "cubic metres", "cubic meters", "m3", "m³")
_unit("kt", "mass", 1000000, "kilotonnes", "kilotons", "kt")
_unit("Mt", "mass", 1000000000, "megatonnes", "megatons")  # not "Mt": "MT" is also metric tons
_unit("kWh", "energy", 1, "kilowatt-hours", "kilowatt hours", "kwh")
_unit("MWh", "energy", 1000, "megawatt-hours", "megawatt hours", "mwh")
_unit("GWh", "energy", 1000000, "gigawatt-hours", "gigawatt hours", "gwh")
_unit("TWh", "energy", 1000000000, "terawatt-hours", "terawatt hours", "twh")
_unit("kW", "power", "0.001", "kilowatts", "kilowatt", "kw")
_unit("MW", "power", 1, "megawatts", "megawatt", "mw")
_unit("GW", "power", 1000, "gigawatts", "gigawatt", "gw")
# Joules and oil equivalent are dimensions of their own: energy statistics convert between them
# by conventions (calorific values), not by factors. Tonnes of CO2 equivalent are tonnes: a text
# names the gas once and then writes "Mt" or "million tonnes" of the same emissions.
_unit("GJ", "energy (joules)", "0.001", "gigajoules", "gigajoule", "gj")
_unit("TJ", "energy (joules)", 1, "terajoules", "terajoule", "tj")
_unit("PJ", "energy (joules)", 1000, "petajoules", "petajoule", "pj")
_unit("toe", "oil equivalent", 1, "tonnes of oil equivalent", "tons of oil equivalent", "toe")
_unit("ktoe", "oil equivalent", 1000, "kilotonnes of oil equivalent", "ktoe")
_unit("Mtoe", "oil equivalent", 1000000, "megatonnes of oil equivalent", "mtoe")
_unit("tCO2e", "mass", 1000, "tonnes of carbon dioxide equivalent", "tonnes carbon dioxide equivalent",
      "tonnes of co2 equivalent", "tonnes co2 equivalent", "tonnes of co2e", "tonnes co2e", "tco2e", "t co2e")
_unit("ktCO2e", "mass", 1000000, "ktco2e", "kt co2e")
_unit("MtCO2e", "mass", 1000000000, "mtco2e", "mt co2e", "megatonnes of co2 equivalent",
      "megatonnes of carbon dioxide equivalent")
_unit("years", "time", 31536000, "years", "year", "yrs")
_unit("months", "time", 2628000, "months", "month")  # a twelfth of a 365-day year
_unit("weeks", "time", 604800, "weeks", "week")
_unit("days", "time", 86400, "days", "day")
_unit("h", "time", 3600, "hours", "hour", "hrs", "hr", "h")
_unit("min", "time", 60, "minutes", "minute", "mins", "min")
_unit("s", "time", 1, "seconds", "second", "secs", "sec")
_unit("°C", "temperature", 1, "degrees celsius", "°c", "degrees")
_unit("km/h", "speed", 1, "km/h", "kph", "kilometres per hour", "kilometers per hour", "km per hour")
_unit("mph", "speed", "1.609344", "mph", "miles per hour")

#: Each unit symbol's dimension and factor to the dimension's base unit ("Mt": mass, 10^9 kg).
UNIT_SYMBOLS: dict[str, tuple[str, Decimal]] = {sym: (dim, f) for sym, dim, f in UNITS.values()}

#: Units whose compounds are read into the smaller unit ("1 hour 20 minutes" -> 80 min).
_TIME_SMALL = {"h": ("min", Decimal(60)), "years": ("months", Decimal(12)), "min": ("s", Decimal(60))}

HEDGES = (
    "more than", "less than", "fewer than", "at least", "at most", "up to", "just over",
    "just under", "close to", "in excess of", "upwards of", "an estimated", "nearly",
    "almost", "about", "around", "approximately", "roughly", "some", "over", "under",
    "estimated", "approx.", "approx", "circa", "c.", "~", "below", "above", "exceeding",
    "only", "just", "barely", "well over", "an average of", "on average",
)  # fmt: skip


@dataclass(frozen=True)
class ParsedNumber:
    """A printed figure read into plain form.

    `value` has the scale applied (`27.9 million` -> 27900000, `94.4%` -> 94.4) and is the
    printed magnitude: `-957` reads as value 957 with `sign` -1 (apply it with `signed`);
    `resolution` is the unit of the last printed digit in the same terms
    (0.1 for `94.4`, 100000 for `27.9 million`, 1 for `327`); `exact` is True for a plain
    integer count, which is taken as printed with no rounding. `sign` is +1 or -1 when a sign
    is printed, 0 otherwise. `notes` records decisions a reader may want to know about (a
    decimal comma read by context, a leading zero). `low`/`high` bound a range (`10-15`);
    `form` says what was read: number, percent, money, measure, range, multiplier,
    fraction or ordinal (an ordinal is not a quantity). `start`/`end` locate the figure in
    the parsed text, a hedge ("nearly") excluded; `hedge` is that hedge, if any.

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
    low: Decimal | None = None
    high: Decimal | None = None
    form: str = "number"
    start: int = 0
    end: int = 0
    hedge: str | None = None

    @property
    def signed(self) -> Decimal:
        """The value with its printed sign applied: -957 for "-957".

        >>> parse_number("(-957 or -9.0%)").signed
        Decimal('-957')
        """
        return -self.value if self.sign < 0 else self.value


# A digit string: grouped thousands (comma, comma+space, space, apostrophe, dot), grouped the
# Indian way (lakhs and crores: "4,86,250", "1,42,35,600") or plain.
_INDIAN = r"\d{1,2}(?:,\d{2})+,\d{3}(?![\d])(?:\.\d+)?"
_GROUPED = r"\d{1,3}(?:(?:,[ \u00a0]?|[ \u00a0\u2009\u202f]|[’']|\.)\d{3})+(?![\d])(?:[.,]\d+)?"
DIGITS = rf"(?:{_INDIAN}|{_GROUPED}|\d+(?:[.,]\d+)?|[.,]\d+)"
_DIGITS_RE = re.compile(rf"(?<![\d.,])(?:{DIGITS})")
#: Sign characters (in a regex class through `_SIGN_CLASS`: a bare "-" there would make a range
#: from "+" to "−" that holds every letter).
_SIGNS = "+-−–‒"
_SIGN_CLASS = "[" + re.escape(_SIGNS) + "]"
_CUR_PREFIX_RE = re.compile(
    r"(?:"
    + "|".join(re.escape(c) for c in sorted(CURRENCY_PREFIXES, key=len, reverse=True))
    + r"|(?:"
    + "|".join(CURRENCY_CODES)
    + r")\.?)[ \u00a0]?$"
)
_SCALE_RE = re.compile(
    r"[ \u00a0]?(?P<scale>thousands?|millions?|billions?|trillion|lakhs?|crores?|mln|mn|bn|tn|k|m|b)(?![\w])",
    re.IGNORECASE,
)
_PCT_RE = re.compile(
    r"[ \u00a0]?(?P<pct>%|per[ \u00a0]?cent(?:age[ \u00a0]points?)?|percentage[ \u00a0]points?"
    r"|percent(?:age[ \u00a0]points?)?|pct|p\.p\.|pp|points?)(?![\w])",
    re.IGNORECASE,
)
_CUR_SUFFIX_RE = re.compile(
    r"[ \u00a0]?(?:of[ \u00a0])?(?P<cur>"
    + "|".join(re.escape(w) for w in sorted(CURRENCY_WORDS, key=len, reverse=True))
    + "|"
    + "|".join(CURRENCY_CODES)
    + r")(?![\w])",
    re.IGNORECASE,
)
_UNIT_RE = re.compile(
    r"[ \u00a0]?(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
    + r")(?![\w²³])",
    re.IGNORECASE,
)
# "Mt" is megatonnes only as printed so ("112.3 Mt CO2e"): "MT" and "mt" are also metric tons.
_MEGATONNES_RE = re.compile(r"[ \u00a0]?(?P<unit>Mt)(?![a-z])")
_ORDINAL_SUFFIX_RE = re.compile(r"(?:st|nd|rd|th)(?![a-z])", re.IGNORECASE)
_TIMES_RE = re.compile(r"[ \u00a0]?(?:times|x)(?![\w])", re.IGNORECASE)
_FRACTION_RE = re.compile(
    r"\b(?:(?:a|an|one|two|three|four|five|seven|nine)[-\s]+)?(?:"
    + "|".join(FRACTIONS)
    + r")\b",
    re.IGNORECASE,
)
_MULT_RE = re.compile(
    r"\b(?:doubled|doubling|tripled|trebled|tripling|quadrupled|halved|twice|thrice|double|triple"
    r"|(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)[-‐]?fold)\b",
    re.IGNORECASE,
)
_HALF_SCALE_RE = re.compile(r"\b(?P<f>half|a\s+quarter)\s+(?:a\s+)?(?P<s>million|billion|thousand)\b", re.IGNORECASE)
_ORDINAL_WORD_RE = re.compile(r"\b(?:" + "|".join(ORDINALS) + r")\b", re.IGNORECASE)


def read_digits(num: str, decimal_comma: bool | None = None) -> tuple[Decimal, int, list[str]]:
    """Read a digit string with thousands separators and a decimal point or comma.

    Returns the value, the number of printed decimals and notes on decisions taken. One
    comma followed by exactly three digits groups thousands unless `decimal_comma` says the
    document writes decimal commas.

    >>> read_digits("4,94")[0], read_digits("8, 970")[0], read_digits("12’205")[0], read_digits("4,86,250")[0]
    (Decimal('4.94'), Decimal('8970'), Decimal('12205'), Decimal('486250'))
    """
    notes: list[str] = []
    s = num.replace("’", ",").replace("'", ",").replace("\u00a0", " ")
    s = re.sub(r",\s", ",", s)
    s = s.replace("\u2009", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:\s\d{3})+(?:[.,]\d+)?", s):
        s = s.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d+", s) or re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", s):
        # 1.234.567 or 1.234,5: dots group thousands, a comma marks decimals.
        s = s.replace(".", "").replace(",", ".")
        notes.append("dots read as thousands separators")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d+", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"\d{1,3},\d{3}", s) and decimal_comma:
        s = s.replace(",", ".")
        notes.append("comma read as a decimal separator (the document uses decimal commas)")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        s = s.replace(",", "")
        if re.fullmatch(r"\d{1,3},\d{3}", num.strip()):
            notes.append("comma before three digits read as a thousands separator")
    elif re.fullmatch(_INDIAN, s):
        s = s.replace(",", "")
        notes.append("commas read as Indian grouping (lakhs and crores)")
    elif re.fullmatch(r"\d*,\d+", s):
        # One comma, not followed by exactly three digits: a decimal comma ("4,94", "92,4").
        s = s.replace(",", ".")
        notes.append("comma read as a decimal separator")
    if s.startswith("."):
        s = "0" + s
    decimals = len(s.split(".")[1]) if "." in s else 0
    if len(s) > 1 and s[0] == "0" and s[1].isdigit():
        notes.append("leading zero ignored")
    return Decimal(s), decimals, notes


@dataclass
class _Core:
    start: int
    end: int
    value: Decimal
    decimals: int
    notes: list[str]
    words: bool = False
    form: str = "number"


def _find_core(text: str, pos: int = 0, decimal_comma: bool | None = None) -> _Core | None:
    """The earliest number core (digits, number words, fraction, multiplier, ordinal)."""
    found: list[_Core] = []
    m = _DIGITS_RE.search(text, pos)
    if m:
        try:
            v, d, notes = read_digits(m.group(), decimal_comma)
            found.append(_Core(m.start(), m.end(), v, d, notes))
        except InvalidOperation:
            pass
    m = _HALF_SCALE_RE.search(text, pos)
    if m:
        # "half a million": a fraction of a scale word is a plain (rounded) number.
        f = Decimal("0.5") if m.group("f").lower() == "half" else Decimal("0.25")
        found.append(_Core(m.start(), m.end(), f * SCALES[m.group("s").lower()], 0, ["fraction of a scale word"], True, "scaled"))
    m = _MULT_RE.search(text, pos)
    if m:
        v = multiplier_value(m.group())
        if v is not None:
            found.append(_Core(m.start(), m.end(), v, 0, [], True, "multiplier"))
    m = _FRACTION_RE.search(text, pos)
    if m:
        v = fraction_value(m.group())
        if v is not None:
            found.append(_Core(m.start(), m.end(), v, 0, ["fraction read as a share of one"], True, "fraction"))
    m = NUMBER_WORDS_RE.search(text, pos)
    if m:
        v = words_to_number(m.group())
        if v is not None:
            found.append(_Core(m.start(), m.end(), v, 0, [], True))
    m = _ORDINAL_WORD_RE.search(text, pos)
    if m:
        found.append(_Core(m.start(), m.end(), Decimal(ORDINALS[m.group().lower()]), 0, [], True, "ordinal"))
    if not found:
        return None
    # Earliest wins; at one position the longest (a fraction "a third" over "a").
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return found[0]


def _resolution(decimals: int, factor: Decimal = Decimal(1)) -> Decimal:
    # Scale factors are powers of ten: 27.9 million has resolution 1E+5, not 100000.0.
    return Decimal(1).scaleb(factor.adjusted() - decimals)


def parse_number(text: str, *, decimal_comma: bool | None = None) -> ParsedNumber | None:
    """Read the first figure printed in `text`; None when there is none.

    `decimal_comma` tells whether the document writes decimal commas ("92,4 %"), which
    decides a lone comma before three digits ("1,234"); by default it groups thousands.
    Figures are read exactly up to `WORKING_DIGITS` significant digits; a longer one is read
    rounded and never called exact.

    >>> parse_number("94.4%").value, parse_number("94.4%").unit
    (Decimal('94.4'), '%')
    >>> parse_number("R1.2 million").sign, parse_number("N3.4 billion").sign, parse_number("GEL -5,076.0").signed
    (0, 0, Decimal('-5076.0'))
    >>> parse_number("-1.9%").sign
    -1
    >>> p = parse_number("4 tons and 714 kilograms"); (p.value, p.unit)
    (Decimal('4714'), 'kg')
    >>> p = parse_number("1000000000000000000000000000000 tons and 5 kilograms"); (p.value, p.unit)
    (Decimal('1000000000000000000000000000000005'), 'kg')
    """
    # A span is read when it is found (its value), again when it becomes a figure, and by
    # several checks: its reading is kept (it is frozen), keyed by what it depends on.
    ctx = getcontext()
    return _parse_cached(text, decimal_comma, ctx.prec, ctx.rounding)


@lru_cache(maxsize=1 << 14)
def _parse_cached(text: str, decimal_comma: bool | None, _prec: int, _rounding: str) -> ParsedNumber | None:
    with localcontext() as ctx:
        if _LONG_FIGURE.search(text):
            # More digits than Decimal's default 28 would be rounded by the first multiplication.
            ctx.prec = WORKING_DIGITS
        parsed = _parse_number(text, decimal_comma)
    if parsed is None or len(parsed.value.as_tuple().digits) < WORKING_DIGITS:
        return parsed
    # As many digits as the context holds: the value may have been rounded, so it is not exact.
    return replace(parsed, exact=False, notes=(*parsed.notes, f"{WORKING_DIGITS} digits or more: read rounded"))


def _parse_number(text: str, decimal_comma: bool | None) -> ParsedNumber | None:
    core = _find_core(text, 0, decimal_comma)
    if core is None:
        return None
    start, end = core.start, core.end
    value, decimals, notes = core.value, core.decimals, list(core.notes)
    form = core.form
    exact = decimals == 0 and form == "number"
    unit: str | None = None
    sign = 0
    low = high = None

    if form == "ordinal" or (not core.words and _ORDINAL_SUFFIX_RE.match(text, end) and decimals == 0):
        if form != "ordinal":
            end = _ORDINAL_SUFFIX_RE.match(text, end).end()  # type: ignore[union-attr]
        return ParsedNumber(value, Decimal(1), False, 0, None, 0, ("an ordinal is not a quantity",),
                            form="ordinal", start=start, end=end, hedge=_hedge(text, start))
    if form == "multiplier":
        return ParsedNumber(value, Decimal(1) if value == value.to_integral() else Decimal("0.1"),
                            False, 0, "times", 0, (), form="multiplier", start=start, end=end,
                            hedge=_hedge(text, start))
    if form == "scaled":
        return ParsedNumber(value, value, False, 0, None, 0, tuple(notes), form="number", start=start, end=end,
                            hedge=_hedge(text, start))
    if form == "fraction":
        return ParsedNumber(value, Decimal("0.01"), False, 0, None, 0, tuple(notes), form="fraction",
                            start=start, end=end, hedge=_hedge(text, start))

    # Left: a currency sign or code, then a sign ("-$5", "$-5" are both read). Only a few
    # characters before the figure can matter: reading more would make a long text's cost grow
    # with the square of its length.
    lo = max(0, start - _LEFT)
    left = text[lo:start]
    cm = _CUR_PREFIX_RE.search(left)
    if cm:
        start = lo + cm.start()
        left = text[lo:start]
    sm = re.search(rf"({_SIGN_CLASS})[ \u00a0]?$", left)
    if sm:
        before = left[: sm.start()]
        # A currency before the sign: "GEL -5,076.0 million", "$-5".
        cur = None if cm else _CUR_PREFIX_RE.search(before)
        # A sign, not a hyphen or a dash between words or figures ("25-34", "2020 – 296").
        if cur or not re.search(r"[\w%]\s*$", before):
            sign = 1 if sm.group(1) == "+" else -1
            start = lo + sm.start()
            if cur:
                cm, start = cur, lo + cur.start()
    if cm:
        code = cm.group().strip().rstrip(".")
        unit = CURRENCY_PREFIXES.get(code, code.upper())
        form = "money"

    # Right: scale, then percent / currency / unit, then "times".
    factor = Decimal(1)
    tail_res: Decimal | None = None
    scm = _SCALE_RE.match(text, end)
    if scm:
        sc = scm.group("scale").lower()
        if len(sc) > 1 and sc not in ("mn", "tn") or form == "money" or _CUR_SUFFIX_RE.match(text, scm.end()):
            if not (sc in ("m", "b", "k") and form != "money" and not _CUR_SUFFIX_RE.match(text, scm.end())):
                factor = SCALES[sc]
                end = scm.end()
                exact = False
                tail = _spelled_tail(text, end, factor) if decimals == 0 else None
                if tail is not None:
                    # "4 thousand 215": the figure is printed in full, scale word and all.
                    extra, end, res = tail
                    tail_res = res
                    value = value * factor + extra
                    factor = Decimal(1)
                    decimals = 0
                    exact = res == 1
                    notes.append("scale word inside a figure printed in full")
    pm = _PCT_RE.match(text, end)
    um = (_UNIT_RE.match(text, end) or _MEGATONNES_RE.match(text, end)) if not pm else None
    curm = _CUR_SUFFIX_RE.match(text, end)
    if pm and not (pm.group("pct").lower().startswith("point") and form == "money"):
        p = pm.group("pct").lower()
        unit = "pp" if ("point" in p or p.startswith("p.") or p == "pp") else "%"
        form = "percent"
        exact = False
        end = pm.end()
    elif curm and form != "money":
        unit = CURRENCY_WORDS.get(curm.group("cur").lower(), curm.group("cur").upper())
        form = "money"
        exact = False
        end = curm.end()
    elif um and form != "money" and not core.words or (um and core.words and len(um.group("unit")) > 2):
        name = um.group("unit").lower()
        sym, dim, f = UNITS[name if um.re is not _MEGATONNES_RE else "megatonnes"]
        unit = sym
        form = "measure"
        exact = False
        end = um.end()
        compound = _compound(text, end, sym, dim, f, value * factor, decimal_comma)
        if compound is not None:
            value, unit, end, res = compound
            notes.append(COMPOUND_NOTE)
            return ParsedNumber(value, res, False, 0, unit, 0, tuple(notes), form="measure",
                                start=start, end=end, hedge=_hedge(text, start))
    elif form == "money":
        exact = False
    else:
        tm = _TIMES_RE.match(text, end)
        if tm:
            unit = "times"
            form = "multiplier"
            exact = False
            end = tm.end()

    value = value * factor
    resolution = _resolution(decimals, factor) if tail_res is None else _resolution(0, tail_res)

    # A range: "10-15", "10 to 15", "between 10 and 15".
    rm = re.compile(rf"[ \u00a0]?(?:[-–‒]|to)[ \u00a0]?(?={DIGITS})").match(text, end)
    between = re.search(r"\bbetween\s+$", text[max(0, start - _LEFT) : start], re.IGNORECASE)
    if between:
        rm = re.compile(rf"\s+and\s+(?={DIGITS})").match(text, end) or rm
    if rm and sign == 0:
        other = _find_core(text, rm.end(), decimal_comma)
        if other is not None and other.start == rm.end() and not other.words:
            low = value
            high = other.value * factor
            hend = other.end
            if factor == 1:
                scm2 = _SCALE_RE.match(text, hend)
                if scm2 and len(scm2.group("scale")) > 2:
                    f2 = SCALES[scm2.group("scale").lower()]
                    low, high, hend = low * f2, high * f2, scm2.end()
                    resolution = _resolution(decimals, f2)
            pm2 = _PCT_RE.match(text, hend)
            if pm2 and unit is None:
                unit = "%"
                hend = pm2.end()
            end = hend
            form = "range"
            exact = False
            notes.append("range: value is its low end")

    return ParsedNumber(
        value=value,
        resolution=resolution,
        exact=exact,
        decimals=decimals,
        unit=unit,
        sign=sign,
        notes=tuple(notes),
        low=low,
        high=high,
        form=form,
        start=start,
        end=end,
        hedge=_hedge(text, start),
    )


_TAIL_RE = re.compile(r"[ \u00a0](?P<n>\d{1,3})(?![\d.,]\d)(?:[ \u00a0](?P<s>thousand|million)\b)?")


def _spelled_tail(text: str, end: int, factor: Decimal) -> tuple[Decimal, int, Decimal] | None:
    """The rest of "2 million 300 thousand" / "4 thousand 215" after the first scale word."""
    m = _TAIL_RE.match(text, end)
    if not m:
        return None
    f2 = SCALES[m.group("s").lower()] if m.group("s") else Decimal(1)
    if f2 >= factor:
        return None
    extra = Decimal(m.group("n")) * f2
    end = m.end()
    res = f2
    if m.group("s"):
        more = _spelled_tail(text, end, f2)
        if more is not None:
            extra += more[0]
            end, res = more[1], more[2]
    return extra, end, res


def _compound(
    text: str, end: int, sym: str, dim: str, factor: Decimal, value: Decimal, decimal_comma: bool | None
) -> tuple[Decimal, str, int, Decimal] | None:
    """A second measure of the same dimension after the first ("and 714 kilograms")."""
    m = re.compile(r"(?:,?\s+and\s+|\s+|,\s*)").match(text, end)
    if not m:
        return None
    core = _find_core(text, m.end(), decimal_comma)
    if core is None or core.start != m.end() or core.form != "number":
        return None
    um = _UNIT_RE.match(text, core.end)
    if not um:
        return None
    sym2, dim2, f2 = UNITS[um.group("unit").lower()]
    if dim2 != dim or f2 >= factor:
        return None
    total = value * factor / f2 + core.value
    # Keep the figure in plain form: 4714 kg, not 4714.000 kg.
    if total == total.to_integral() or core.decimals:
        try:
            total = total.quantize(Decimal(1).scaleb(-core.decimals))
        except InvalidOperation:  # more digits than the context holds: keep the value as computed
            pass
    return total, sym2, um.end(), _resolution(core.decimals)


def _hedge(text: str, start: int) -> str | None:
    lo = max(0, start - 2 * _LEFT)
    before = text[lo:start].rstrip().lower()
    for h in HEDGES:
        if before.endswith(h):
            k = len(before) - len(h)
            prev = before[k - 1] if k > 0 else text[lo - 1] if lo > 0 else ""
            if not prev.isalnum():
                return h
    return None


def format_decimal(value: Decimal) -> str:
    """A Decimal in plain notation, without exponent: 27900000, 94.4, 0.05.

    >>> format_decimal(Decimal("2.79E+7")), format_decimal(Decimal("94.40"))
    ('27900000', '94.40')
    """
    return format(value, "f")
