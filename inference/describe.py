"""Value and unit of a tagged span, in the plain form the gold format wants.

`describe_span(text, start, end, kind)` is pure and fast: the rule-based extractor and the
model extractor both call it for every span they tag. The value is read from the span
itself (`numcheck.numbers.parse_number`, or the date readers below); the unit is the
counted thing, found in the nearby words ("33,379 crimes" -> "crimes", "31,526 of the
crimes" -> "crimes"), a physical unit, `%` / `pp`, a currency code, or for a rate its base
("crimes per 100,000 inhabitants").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from numcheck.numbers import _UNIT_RE, SCALES, UNITS, parse_number

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

Value = int | float | str | None


def plain(value: Decimal) -> int | float:
    """A Decimal as the JSON number the gold uses: an int when integral, else a float.

    >>> plain(Decimal("12.0")), plain(Decimal("94.4")), plain(Decimal("27900000.0"))
    (12, 94.4, 27900000)
    """
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _year(s: str, ref: int | None = None) -> int:
    y = int(s.lstrip("'’"))
    if y < 100:
        y += 2000 if y < 50 else 1900
    return y


def describe_date(span: str) -> tuple[Value, str]:
    """The gold value of a DATE span: a year, `--MM-DD`, `YYYY-MM`, a date or a period.

    >>> describe_date("2024"), describe_date("January 24"), describe_date("Jan - Jun 16")
    ((2024, 'year'), ('--01-24', 'date'), ('2016-01/2016-06', 'period'))
    """
    s = span.strip()
    low = s.lower()
    low = re.sub(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", "", low)
    low = re.sub(r"^the\s+", "", low)
    if re.fullmatch(r"(?:1[5-9]|20)\d{2}", low):
        return int(low), "year"
    m = re.fullmatch(r"((?:1[5-9]|20)\d{2})\s*[-–/]\s*((?:1[5-9]|20)?\d{2})", low)
    if m:
        a = int(m.group(1))
        b = m.group(2)
        bb = int(b) if len(b) == 4 else a // 100 * 100 + int(b)
        return f"{a}/{bb}", "period"
    m = re.fullmatch(r"((?:1[5-9]|20)\d)0'?s", low)
    if m:
        return f"{m.group(1)}0/{m.group(1)}9", "period"
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", low)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", "date"
    m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})", low)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        day, month = (a, b) if b <= 12 else (b, a)  # day first unless the second can't be a month
        return f"{y}-{month:02d}-{day:02d}", "date"
    m = re.fullmatch(r"(\d{1,2})[./](\d{4})", low)
    if m:
        return f"{m.group(2)}-{int(m.group(1)):02d}", "month"
    m = re.fullmatch(r"([qh])([1-4])\s*(\d{4})", low)
    if m:
        y, n = int(m.group(3)), int(m.group(2))
        first, last = ((n - 1) * 3 + 1, n * 3) if m.group(1) == "q" else ((n - 1) * 6 + 1, n * 6)
        return f"{y}-{first:02d}/{y}-{last:02d}", "period"
    # Month ranges: "Jan - Jun 16", "January-June 2015".
    m = re.fullmatch(rf"({_MONTH})\s*[-–]\s*({_MONTH}),?\s+(?:of\s+)?(\d{{4}}|['’]?\d{{2}})", low)
    if m:
        a, b = MONTHS[m.group(1).rstrip(".")], MONTHS[m.group(2).rstrip(".")]
        y = _year(m.group(3))
        return f"{y}-{a:02d}/{y}-{b:02d}", "period"
    # Day ranges within a month: "May 15-24", "5-6 April 2016".
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{1,2}})\s*[-–]\s*(\d{{1,2}})(?:,?\s+(\d{{4}}))?", low)
    if m:
        mo = MONTHS[m.group(1).rstrip(".")]
        pre = f"{m.group(4)}-" if m.group(4) else "--"
        return f"{pre}{mo:02d}-{int(m.group(2)):02d}/{pre}{mo:02d}-{int(m.group(3)):02d}", "period"
    m = re.fullmatch(rf"(\d{{1,2}})\s*[-–]\s*(\d{{1,2}})\s+({_MONTH})(?:,?\s+(\d{{4}}))?", low)
    if m:
        mo = MONTHS[m.group(3).rstrip(".")]
        pre = f"{m.group(4)}-" if m.group(4) else "--"
        return f"{pre}{mo:02d}-{int(m.group(1)):02d}/{pre}{mo:02d}-{int(m.group(2)):02d}", "period"
    # "December 05, 2011", "July 27th", "Sept. 14".
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?", low)
    if m:
        mo, d = MONTHS[m.group(1).rstrip(".")], int(m.group(2))
        if m.group(3):
            return f"{m.group(3)}-{mo:02d}-{d:02d}", "date"
        return f"--{mo:02d}-{d:02d}", "date"
    m = re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}),?(?:\s+(\d{{4}}))?", low)
    if m:
        mo, d = MONTHS[m.group(2).rstrip(".")], int(m.group(1))
        if m.group(3):
            return f"{m.group(3)}-{mo:02d}-{d:02d}", "date"
        return f"--{mo:02d}-{d:02d}", "date"
    m = re.fullmatch(rf"({_MONTH}),?\s+(?:of\s+)?(\d{{4}})", low)
    if m:
        return f"{m.group(2)}-{MONTHS[m.group(1).rstrip('.')]:02d}", "month"
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\.?", low)
    if m:
        h = int(m.group(1)) % 12 + (12 if m.group(3) == "p" else 0)
        return f"T{h:02d}:{m.group(2) or '00'}", "time"
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", low)
    if m:
        return f"T{int(m.group(1)):02d}:{m.group(2)}", "time"
    m = re.search(r"(?:1[5-9]|20)\d{2}", low)
    if m:
        return int(m.group()), "year"
    return s, "date"


# ----------------------------------------------------------------------------- units

#: Words that end a counted-noun phrase (verbs, prepositions, conjunctions).
_STOP = {
    "were", "was", "is", "are", "be", "been", "being", "had", "has", "have", "in", "on", "at",
    "by", "for", "from", "to", "with", "without", "and", "or", "but", "that", "which", "who",
    "whom", "whose", "as", "than", "per", "during", "since", "over", "under", "into", "across",
    "against", "between", "among", "compared", "while", "when", "where", "after", "before",
    "related", "involved", "deemed", "living", "registered", "recorded", "reported", "solved",
    "committed", "put", "held", "identified", "wanted", "seized", "released", "according",
    "through", "this", "these", "those", "the", "a", "an", "its", "their", "it", "they", "we",
    "not", "only", "also", "each", "every", "about", "of", "last", "year", "so", "far", "will",
    "would", "could", "may", "can", "remain", "remained", "recognized", "cast", "exercised",
    "respectively", "up", "down", "higher", "lower", "all", "did",
    "do", "does", "then", "there", "here", "via", "including", "included", "such", "around",
    "later", "earlier", "ago", "aged", "older", "younger", "old", "within", "outside", "inside",
    "throughout", "toward", "towards", "upon", "nationwide", "citywide", "countrywide", "worldwide",
    "respectively", "annually", "daily", "weekly", "monthly", "each", "apiece", "total",
    "comprises", "comprised", "amounted", "amounts", "totals", "totalled", "totaled", "stood",
    "rose", "fell", "grew", "dropped", "declined", "made", "saw", "reached", "remains",
    "accounted", "accounts", "represents", "represented", "percent", "per cent", "went", "came",
    "out", "thousand", "million", "billion", "trillion", "hundred",
}  # fmt: skip
#: Modifiers dropped from the front of a counted-noun phrase.
_DROP_FRONT = {
    "additional", "more", "fewer", "less", "new", "other", "extra", "total", "further",
    "such", "overall", "reported", "registered", "recorded", "some", "than",
}  # fmt: skip
#: Nouns that take an "of" complement as part of the counted thing ("rounds of ammunition").
_CLASSIFIERS = {
    "rounds", "types", "kinds", "pieces", "units", "items", "bottles", "boxes", "packs",
    "sorts", "forms", "categories", "hectares", "litres", "liters", "tons", "tonnes", "doses",
    "barrels", "cartridges", "packages", "sheets", "head", "heads", "acts", "counts", "kilograms",
}  # fmt: skip
#: Counted nouns looked for backwards when none follows the figure.
COUNT_NOUNS = (
    "crimes", "crime", "cases", "case", "offences", "offenses", "people", "persons",
    "individuals", "deaths", "arrests", "victims", "incidents", "accidents", "voters",
    "ballots", "votes", "residents", "inhabitants", "citizens", "suspects", "murders",
    "robberies", "arsons", "thefts", "violations", "calls", "fires", "patients", "births",
    "students", "households", "vehicles", "applications", "complaints", "reports",
)  # fmt: skip
_COUNT_NOUN_RE = re.compile(r"\b(?:" + "|".join(sorted(COUNT_NOUNS, key=len, reverse=True)) + r")\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z’'\-/]*")


def _noun_phrase(text: str, pos: int, limit: int = 6) -> str | None:
    """The counted-noun phrase starting at `pos` ("criminal groups were" -> "criminal groups")."""
    words: list[str] = []
    i = pos
    n = len(text)
    while len(words) < limit:
        m = re.compile(r"[ \t\u00a0]*").match(text, i)
        j = m.end() if m else i
        wm = _WORD.match(text, j)
        if not wm or (j == i and words):
            break
        w = wm.group()
        lw = w.lower()
        nxt = _WORD.match(text, wm.end() + 1)
        # "registered voters", "injured people": a participle before its noun is a modifier.
        if lw.endswith("ed") and not words and nxt and _is_plural(nxt.group()) and nxt.group().lower() not in _STOP:
            words.append(w)
            i = wm.end()
            continue
        if lw in _STOP:
            if lw == "of" and words and words[-1].lower() in _CLASSIFIERS:
                rest = _noun_phrase(text, wm.end(), 3)
                if rest:
                    words += ["of", rest]
            if lw == "and" and words and _is_plural(words[-1]):
                nxt = _WORD.match(text, wm.end() + 1)
                if nxt and _is_plural(nxt.group()) and nxt.group().lower() not in _STOP:
                    words += ["and", nxt.group()]
                    i = nxt.end()
                    continue
            break
        if w[0].isupper() and any(x.lower() not in _DROP_FRONT for x in words) and not w.isupper():
            break
        # Participles and adverbs end the phrase ("persons aged", "randomly selected").
        if "-" not in w and re.search(r"(?:ed|ly)$", lw) and lw not in ("hundred", "bed", "shed", "sled", "family", "supply", "ally", "assembly", "rally"):
            if lw.endswith("ly"):
                i = wm.end()
                continue
            break
        words.append(w)
        i = wm.end()
        if i < n and text[i] in ".,;:!?)(\n“”\"":
            break
    while words and words[0].lower() in _DROP_FRONT:
        words.pop(0)
    # Drop hyphenated modifiers ("awareness-raising events" -> "events").
    if len(words) > 1:
        words = [w for w in words[:-1] if "-" not in w] + [words[-1]]
    if not words:
        return None
    if len(words) > 2 and "of" not in words and "and" not in words:
        words = words[-1:]
    phrase = " ".join(words)
    if phrase.isupper() and len(phrase) > 1 and len(words) == 1 and phrase.lower() not in COUNT_NOUNS:
        return phrase
    return phrase if _WORD.fullmatch(words[0]) else None


def _is_plural(w: str) -> bool:
    lw = w.lower()
    return lw.endswith("s") or lw in ("people", "children", "women", "men", "police", "staff")


def _count_unit(text: str, start: int, end: int) -> str | None:
    """The counted thing of a count or an absolute change."""
    after = text[end:]
    # Skip a parenthetical "(+444 or +8.6% ...)" or ", or 5.69%," after the figure.
    m = re.match(r"\s*\([^()]{0,80}\)|\)(?=\s+[a-z])", after)
    skip = m.end() if m else 0
    m3 = re.match(
        r"\s+of\s+(?:the|these|those|all)\s+(?:[\d,.’' ]*\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)[\w-]*)(?:\s+(?:thousand|million|billion))?\s+",
        after,
    )
    if m3:
        np_ = _noun_phrase(text, end + m3.end())
        if np_:
            return np_
    m2 = re.match(r"[\s\u00a0]+of\s+(?:the|these|those|all|them|which)?\s*", after)
    if m2 and re.match(r"\s+of\s+(?:the|these|those|all)\b", after):
        np_ = _noun_phrase(text, end + m2.end())
        if np_:
            return np_
    np_ = _noun_phrase(text, end + skip)
    if np_ and np_.lower() not in ("percent", "per", "times", "year", "month"):
        return np_
    # "from 157,473 to 140,272 cases": the noun after the second figure.
    m = re.match(r"[ \t]*(?:to|and|or)[ \t]+[\d,.’' ]+\d(?:\s+(?:thousand|million|billion))?[ \t]+", after)
    if m:
        np_ = _noun_phrase(text, end + m.end())
        if np_:
            return np_
    # "the number of crimes ... was 2660": look back within the sentence.
    lo = max(0, start - 1000)  # a sentence is shorter: never scan the whole text before a figure
    sent_start = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start), lo)
    before = text[sent_start:start]
    m = list(re.finditer(r"\bnumber of\s+(?:the\s+)?", before))
    if m:
        np_ = _noun_phrase(text, sent_start + m[-1].end())
        if np_:
            return np_
    if "." in text[start:end] or "," in text[start:end] and re.search(r",\d{1,2}$", text[start:end]):
        return None  # a decimal figure counts nothing nameable from afar
    window = text[max(0, start - 400) : start].lower()
    hits = _COUNT_NOUN_RE.findall(window)
    best = hits[-1] if hits else None
    if best:
        return best if best.endswith("s") or best == "people" else best + "s"
    return None


def _rate_unit(text: str, start: int, end: int) -> str | None:
    """The base of a rate: "crimes per 100,000 inhabitants"."""
    lo, hi = max(0, start - 200), min(len(text), end + 120)
    window = text[lo:hi]
    best = None
    for m in re.finditer(
        r"(?:(?P<noun>[A-Za-z]+)\s+)?per\s+(?:each\s+)?(?P<base>\d[\d,.\s]*\d|\d+)(?:\s+(?P<scale>thousand|million))?"
        r"(?:\s+(?P<pop>inhabitants|population|people|residents|persons|live births|births|capita|women|men|children|adults|population))?",
        window,
    ):
        pos = lo + m.start()
        if best is None or abs(pos - start) < abs(best[0] - start):
            best = (pos, m)
    if best is None:
        dm = re.match(r"\s+(?:(?P<noun>[a-z]+)\s+)?per\s+(?P<base>sq(?:uare)?\.?\s+(?:km|kilomet(?:re|er)s?|miles?)|km2|km²|capita)", text[end : end + 60])
        if dm:
            return f"{dm.group('noun')} per {dm.group('base')}" if dm.group("noun") else f"per {dm.group('base')}"
        return None
    m = best[1]
    noun = (m.group("noun") or "").lower() or None
    if not noun or noun in ("rate", "the", "was", "at", "of", "is", "and"):
        rm = re.search(r"\b(crime|death|arrest|birth|infection|case|homicide|murder|suicide|overdose death)s?\s+rates?\b|\brates? of (?:[a-z\-]+ )*?([a-z]+s)\b", text[max(0, start - 200) : start])
        if rm:
            noun = (rm.group(1) + "s") if rm.group(1) else rm.group(2)
        else:
            sent = re.split(r"[.;!?]\s", text[max(0, start - 160) : start])[-1].lower()
            found = [h for h in _COUNT_NOUN_RE.findall(sent) if h.endswith("s") or h == "people"]
            noun = found[-1] if found else None
    base = m.group("base").strip()
    if m.group("scale"):
        base = f"{base} {m.group('scale')}"
    unit = f"per {base}"
    if m.group("pop"):
        unit += f" {m.group('pop')}"
    if noun and noun not in ("per",):
        unit = f"{noun} {unit}"
    return unit


def _other_unit(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 30) : start].lower()
    after = text[end : end + 20]
    if before.endswith("[") and after.startswith("]"):
        return "footnote number"
    m = re.search(r"\b(article|table|figure|fig\.|chart|ward|wards|district|section|chapter|paragraph|clause|item|part|annex|appendix|resolution|law|decree|no\.|number|page|route|room|precinct|zone|line|phase|grade|level|exercise|week|wave)s?\s*(?:\d+\s*,?\s*(?:and\s*|or\s*|&\s*)?)*$", before)
    if m:
        word = m.group(1).rstrip(".")
        word = {"wards": "ward", "fig": "figure", "no": "identifier"}.get(word, word)
        return f"{word} number" if word != "identifier" else "identifier"
    if re.search(r"[“\"']$", before) and re.match(r"[”\"']\s*(?:[Ss]ervice|[Hh]otline|line)", after):
        return "service number"
    if re.search(r"(?:^|\n)\s*$", text[max(0, start - 5) : start]) and re.match(r"[.)]\s", after):
        return "paragraph number"
    if re.search(r"\|\s*$", before):
        # The row label of a markdown table: named after the first header cell ("Ward").
        header = None
        for line in _lines_before(text, start):
            if not line.lstrip().startswith("|"):
                break
            if not re.fullmatch(r"[\s|:\-]+", line):
                header = line
        if header:
            first = header.strip().strip("|").split("|")[0].strip().lower()
            if re.fullmatch(r"[a-z][a-z ]{0,20}", first) and first not in ("", "no", "#"):
                return f"{first} number"
        return "row label"
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", text[start:end]):
        return "ordinal"
    if re.search(r"[A-Za-z]", text[start:end]):
        return "name"
    if re.search(r"\b(?:call|dial|hotline|phone|tel|telephone)\b", before):
        return "phone number"
    return "identifier"


def _lines_before(text: str, pos: int) -> Iterator[str]:
    """The lines above the one holding `pos`, nearest first (read backwards, never the whole text).

    >>> list(_lines_before("a\\nb\\nc", 4))
    ['b', 'a']
    """
    end = text.rfind("\n", 0, pos)
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        yield text[start:end]
        end = start - 1


def _column_header(text: str, start: int) -> str | None:
    """The header of the markdown-table column a figure stands in, when it names a thing ("Votes")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if not line.lstrip().startswith("|"):
        return None
    col = text[line_start:start].count("|") - 1
    rows = _lines_before(text, start)
    row = next(rows, None)
    while row is not None:
        above = next(rows, None)
        if above is None:
            return None
        if re.fullmatch(r"\s*\|[\s|:\-]+", row):
            cells = [c.strip() for c in above.strip().strip("|").split("|")]
            if 0 <= col < len(cells):
                name = cells[col].lower()
                if re.fullmatch(r"[a-z][a-z ]{1,30}", name) and not re.search(r"change|difference|percent|share|%|rate|total", name):
                    return name
            return None
        if not row.lstrip().startswith("|"):
            return None
        row = above
    return None


_SCALE_WORD = re.compile(r"\b(?:thousand|million|billion|trillion|bn|mn)\b|\d\s*[kmb]n?\b", re.I)
#: The high end of a range right after a figure, with a scale word: "8.7 to 9.6 million tonnes",
#: "between 1 and 2 million", "$3.5-$9.5 million".
_HIGH_END = re.compile(r"\s*(?:-|–|—|to|and)\s*(?:[$€£₼]\s*)?(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
                       r"(?P<scale>thousand|million|billion|trillion)\b", re.I)


def shared_scale(text: str, start: int, end: int) -> Decimal | None:
    """The scale a range's low end shares with its high end when it prints none of its own:
    "from 8.7 to 9.6 million" is 8.7 million; None when the span has a scale, nothing of the kind
    follows, or the two printed numbers are too far apart to share one ("$550,000 and $1 million").

    >>> t = "rose from 8.7 to 9.6 million tonnes; between $550,000 and $1 million"
    >>> shared_scale(t, 10, 13), shared_scale(t, 45, 52), shared_scale(t, 17, 28)
    (Decimal('1000000'), None, None)
    """
    m = _HIGH_END.match(text, end)
    if m is None or _SCALE_WORD.search(text[start:end]):
        return None
    # parsed again only for a figure a scaled high end follows (rare): not for every figure read
    low = parse_number(text[start:end])
    if low is None or low.value == 0:
        return None
    high = Decimal(m.group("num").replace(",", ""))
    if not (high / 100 <= abs(low.value) <= high * 100):
        return None
    return SCALES[m.group("scale").lower()]


_RANGE_HIGH = re.compile(r"\s*(?:-|–|to|and)\s*[\d.,]+\s*(?:(?:thousand|million|billion|trillion)\b)?", re.I)


def describe_span(text: str, start: int, end: int, kind: str) -> tuple[Value, str | None]:
    """The plain value and the unit of the span `text[start:end]` tagged `kind`.

    >>> t = "33,379 crimes were recorded; 94.4% or 31,526 of the crimes were solved."
    >>> describe_span(t, 0, 6, "COUNT"), describe_span(t, 29, 34, "PERCENT"), describe_span(t, 38, 44, "COUNT")
    ((33379, 'crimes'), (94.4, '%'), (31526, 'crimes'))
    """
    kind = str(getattr(kind, "value", kind))
    span = text[start:end]
    if kind == "DATE":
        return describe_date(span)
    if kind == "OTHER":
        unit = _other_unit(text, start, end)
        if re.fullmatch(r"\d+", span):
            return int(span), unit
        return span, unit
    p = parse_number(span)
    if p is None:
        return None, None
    scale = shared_scale(text, start, end) if p.form in ("number", "measure", "money") else None
    value: Value = plain(p.signed * scale) if scale is not None else plain(p.signed)
    if p.form == "fraction":
        value = plain((p.value * 100).quantize(Decimal("0.01")))
        return value, "%"
    if p.form == "range" and p.low is not None:
        value = plain(p.low)
    if kind == "PERCENT" or (kind == "CHANGE" and p.form == "percent"):
        return value, p.unit or "%"
    if kind == "MONEY":
        unit = p.unit
        if unit is None:
            window = text[max(0, start - 6) : end + 40]
            cur_re = r"[$€£₼]|\b(?:AZN|USD|EUR|GBP|KZT|GEL|AMD|manats?|dollars?|euros?|pounds|tenge|lari|drams?)\b"
            m = re.search(cur_re, window)
            if m is None:
                # The currency stated once earlier in the sentence ("AZN 36.7 billion and 40.1 billion").
                found = list(re.finditer(cur_re, re.split(r"[.;!?]\s", text[max(0, start - 200) : start])[-1]))
                m = found[-1] if found else None
            names = {"$": "USD", "€": "EUR", "£": "GBP", "₼": "AZN", "manat": "AZN", "manats": "AZN", "dollar": "USD",
                     "dollars": "USD", "euro": "EUR", "euros": "EUR", "pounds": "GBP", "tenge": "KZT", "lari": "GEL",
                     "dram": "AMD", "drams": "AMD"}
            unit = names.get(m.group(), m.group().upper()) if m else None
        return value, unit
    if p.form == "multiplier":
        return value, "times"
    if kind == "MEASURE" or p.form == "measure":
        if p.form == "measure" and p.unit:
            return value, p.unit
        m = re.match(r"[-‐\s]*(?P<u>[A-Za-z]+)", text[end : end + 20])
        if m and m.group("u").lower() in UNITS:
            sym = UNITS[m.group("u").lower()][0]
            if sym == "years" and re.search(r"\baged?\s*$|\bages\s*$|\baged \d+\s*(?:–|-|to)\s*$|,\s*$", text[max(0, start - 12) : start]):
                return value, "years of age"
            return value, sym
        if re.search(r"\bage[sd]?\b[^.]{0,20}$", text[max(0, start - 30) : start]) or re.search(
            r"\bage[sd]?\s+(?:[\d–\-,\s≥≤<>]|and\b|or\b|to\b)*$", text[max(0, start - 80) : start]
        ):
            return value, "years of age"
        # The low end of a range takes the unit of the high end: "5 to 10 years", "8.7 to 9.6 million tonnes".
        # A unit printed in several words is read whole ("8.7 to 9.6 million tonnes of oil equivalent").
        m = _RANGE_HIGH.match(text, end, min(len(text), end + 40))
        u = _UNIT_RE.match(text, m.end()) if m else None
        if u and u.group("unit").lower() in UNITS:
            return value, UNITS[u.group("unit").lower()][0]
        return value, None
    if kind == "RATE":
        return value, _rate_unit(text, start, end)
    # COUNT and absolute CHANGE: the counted thing.
    if p.unit and p.form == "money":
        return value, p.unit
    col = _column_header(text, start)
    if col:
        return value, col
    if re.match(r"\s*(?:--|-|–|to)\s*[\d.,]+\s*times\b", text[end : end + 30]):
        return value, "times"
    m = re.match(r"[-‐](?P<u>[a-z]+)\b", text[end : end + 20])
    if m and not re.search(r"(?:ed|ing|ly)$", m.group("u")):
        u = m.group("u")
        return value, u if u.endswith("s") else u + "s"
    return value, _count_unit(text, start, end)
