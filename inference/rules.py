"""The rule-based extractor: regexes and word lists find every number-bearing span and its kind.

No model and no spaCy: candidates are found by pattern (dates first, then identifiers,
figures with their currency / percent / unit, number words, multipliers), then each plain
figure is given a kind from its context, in this order of precedence:

- OTHER: identifiers and names with digits ("COP29"), footnote markers ("year[1]"),
  numbers after "Article", "Table", "Ward"..., quoted service numbers ("the “102” Service"),
  list and paragraph numbers ("2. The number"), the row labels of a table, phone numbers.
- DATE: years ("2024", unless a counted noun follows: "2016 crime cases"), dates, months,
  periods ("Jan - Jun 15", "2021-2023"), times.
- MEASURE: physical units and durations ("250 kilograms", "6 months", "30-year low", ages).
- CHANGE: the size of a stated change: a printed sign ("+444"), a change word before
  ("decreased by 9.4%", "rose 13.1 percent") or after ("a 10.8% fall", "1,070 fewer
  crimes", "47-case reduction"), the difference column of a table (checked by arithmetic).
- RATE: the value of a ratio to a stated base ("per 100,000 inhabitants was 327"); the
  base itself is not a quantity.
- PERCENT / MONEY / COUNT otherwise.

Spans follow the gold conventions: hedges outside ("nearly 1 million" -> "1 million"),
percent signs and words inside, currency inside, counted nouns outside except units of
measure and durations, signs inside for changes, ranges split into their two ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from numcheck.inference.describe import describe_span
from numcheck.inference.extractor import number_ids
from numcheck.numbers import UNITS, read_digits
from numcheck.schema import Quantity
from numcheck.words import NUMBER_WORDS_RE, words_to_number

# ------------------------------------------------------------------------ patterns

_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_M = rf"(?:(?i:{_MONTH_FULL})\b|(?i:{_MONTH_ABBR})\b\.?)"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"

_DATE_PATTERNS = [
    # "Jan - Jun 15", "January-June 2015", "January-March of 2015"
    re.compile(rf"\b{_M}\s*[-–]\s*{_M},?\s+(?:{_YEAR}|['’]?\d{{2}})(?![\d,.]\d)\b"),
    # "May 15-24", "November 16 - 17", "May 15-24, 2016"
    re.compile(rf"\b{_M}\s+\d{{1,2}}\s*[-–]\s*\d{{1,2}}(?:,?\s+{_YEAR})?\b(?![,.]\d)"),
    # "5-6 April 2016"
    re.compile(rf"\b\d{{1,2}}\s*[-–]\s*\d{{1,2}}\s+{_M}(?:,?\s+{_YEAR})?\b"),
    # "December 05, 2011", "July 27th", "Sept. 14"
    re.compile(rf"\b{_M}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?\b(?![,.]?\d|\s*(?:%|per\s?cent|percent))"),
    # "10 December", "19 December 2016", "3rd of March"
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}(?:,?\s+{_YEAR})?(?!\w)"),
    # "June 2015"
    re.compile(rf"\b{_M},?\s+{_YEAR}\b(?![,.]\d)"),
    # "24.01.2025", "24/01/2025", "2025-01-24"
    re.compile(r"\b\d{1,2}[./]\d{1,2}[./](?:\d{4})\b"),
    re.compile(rf"\b{_YEAR}-\d{{2}}-\d{{2}}\b"),
    # "2021-2023", "2015/16", "1977–1979"
    re.compile(rf"\b{_YEAR}\s?(?:--|[-–/])\s?(?:{_YEAR}|\d{{2}})\b(?![,.]?\d)"),
    # "Q1 2024", "H1 2021", "FY2024"
    re.compile(rf"\b[QH][1-4]\s?{_YEAR}\b"),
    re.compile(rf"\bFY\s?{_YEAR}(?:/\d{{2,4}})?\b"),
    # "10 a.m.", "14:30"
    re.compile(r"\b\d{1,2}(?::\d{2})?\s?[ap]\.m\.|\b\d{1,2}(?::\d{2})?\s?[ap]m\b", re.IGNORECASE),
    re.compile(r"\b(?:[01]?\d|2[0-3]):[0-5]\d\b(?!:)"),
    # "the 1990s"
    re.compile(r"\b(?:1[89]|20)\d0['’]?s\b"),
]

# Names and identifiers with digits: "COP29", "COVID-19", "H5N1", "G20", "F-16", "5G".
_HASH_ID = re.compile(r"(?<![\w&])#\s?(\d+)\b")
_IDENT = re.compile(r"(?<![\w$€£])(?:[A-Z][A-Za-z]*(?:[-‐][A-Za-z]+)*[-‐]?\d+(?:[A-Za-z]+\d*)*(?:[-‐]\d+)?|\d+[A-Z][A-Za-z\d]*)(?![\w])")
_FOOTNOTE = re.compile(r"(?<=[\w.,;:)”\"’\]])\[(\d{1,3})\]")
# Map coordinates ("59°10′25″N", "59.173616°N"), phone numbers ("888-847-6592", "+994 12 590 92 22").
_COORD = re.compile(r"\d{1,3}°(?:\s?\d{1,2}′)?(?:\s?\d{1,2}(?:\.\d+)?″)?\s?[NSEW]\b|\d{1,3}\.\d+°\s?[NSEW]?|(?<![\d.])\d{1,3}\.\d{5,}(?![\d])")
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?)?\d{3}[-.]\d{3}[-.]\d{4}(?!\d)|(?<![\w])\+\d{1,3}(?:[\s.-]\(?\d{1,4}\)?){2,5}(?![\d])")
# Web and mail addresses: their digits are no figures.
_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+")
_ERA = re.compile(r"\b\d{1,4}\s?(?:B\.C\.?|A\.D\.?|BCE?\b|AD\b)")
_ORDINAL = re.compile(r"(?<![\w.,])\d+(?:st|nd|rd|th)\b")

# A figure in digits. Commas group thousands ("33,379", and "8, 970" with a stray space);
# apostrophes too ("12’205"); a non-breaking or thin space too; a lone comma before 1-2
# digits is a decimal comma ("4,94", "92,4").
_CORE = re.compile(
    r"(?<![\d.,’'])(?:"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])"
    r"|\d{1,3}(?:, \d{3})+(?![\d,.])"
    r"|\d{1,3}(?:[’']\d{3})+(?![\d])"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?![\d])"
    r"|\d+(?:[.,]\d+)?"
    r"|\.\d+"
    r")"
)
_CUR_BEFORE = re.compile(
    r"(?:US\$|S\$|A\$|C\$|HK\$|NZ\$|BZ\$|R\$|\$|€|£|¥|₼|₹|₽|₾|₸|₩|₱|฿|"
    r"\b(?:AZN|USD|EUR|GBP|JPY|CNY|RUB|KZT|GEL|AMD|THB|SGD|INR|PHP|BZD|AUD|CAD|CHF|UAH|KGS|UZS|TRY|Rs\.?)[ \u00a0]?)[ \u00a0]?$"
)
_SCALE_AFTER = re.compile(r"[ \u00a0]?(?:thousand|million|billion|trillion|lakhs?|crores?|mln|bn|tn)\b", re.IGNORECASE)
_SHORT_SCALE = re.compile(r"[ \u00a0]?(?:m|bn|b|k|mn)\b")
_PCT_AFTER = re.compile(
    r"[ \u00a0]?(?:%|per[ \u00a0]?cent(?:age[ \u00a0]points?)?|percent(?:age[ \u00a0]points?)?"
    r"|percentage[ \u00a0]points?|pct\b|p\.p\.|pp\b)",
    re.IGNORECASE,
)
_CUR_AFTER = re.compile(
    r"[ \u00a0](?:US dollars|U\.S\. dollars|dollars|euros?|pounds sterling|manats?|tenge|lari|drams?|baht|yen|yuan|"
    r"roubles|rubles|rupees|pesos|hryvnias?|soms?|ringgit|naira|francs|AZN|USD|EUR|GBP|KZT|GEL|AMD|THB|SGD|INR)\b"
)
_UNIT_WORDS = sorted((u for u in UNITS if len(u) > 1 or u in ("t", "g", "m", "l", "h")), key=len, reverse=True)
_UNIT_AFTER = re.compile(r"[ \u00a0]?(?P<u>" + "|".join(re.escape(u) for u in _UNIT_WORDS) + r")(?![\w²³])", re.IGNORECASE)
_HYPHEN_UNIT = re.compile(
    r"[-‐](?:year|month|week|day|hour|minute|second|km|kilometre|kilometer|mile|metre|meter|ton|tonne|kilogram|kg|hectare)s?(?![a-z])",
    re.IGNORECASE,
)
_TIMES_AFTER = re.compile(r"[ \u00a0]times(?=\s+(?:more|higher|larger|greater|bigger|lower|less|fewer|smaller|as|the|over|that)\b)", re.IGNORECASE)
_MULT = re.compile(r"\b(?:doubled|doubling|tripled|trebled|tripling|quadrupled|halved|(?:\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)[-‐]?fold)\b", re.IGNORECASE)
_TWICE = re.compile(r"\b(?:twice|double|triple)(?=\s+(?:as|the|that|its|their|what)\b)", re.IGNORECASE)
_HALF_SCALE = re.compile(r"\b(?:half|a\s+quarter)\s+(?:a\s+)?(?:million|billion|thousand)\b", re.IGNORECASE)
_FRACTION_CHANGE = re.compile(
    r"\bby\s+(?:nearly\s+|almost\s+|about\s+|around\s+|more\s+than\s+|over\s+|roughly\s+|some\s+)?"
    r"(?P<f>(?:a|one)[-\s](?:half|third|quarter|fifth)|half|two[-\s]thirds|three[-\s]quarters)\b",
    re.IGNORECASE,
)
_FRACTION = re.compile(
    r"\b(?:(?:(?:a|one|two|three|four)[-\s])?(?:half|third|thirds|quarter|quarters)(?=\s+of\b)"
    r"|(?:a|one|two|three|four)[-\s](?:half|third|thirds|quarter|quarters|fourth|fourths|fifth|fifths)(?=\s+(?:of\b|\()))",
    re.IGNORECASE,
)

# Change words that announce the size of a change just after them.
_CHANGE_BEFORE = re.compile(
    r"(?:\b(?:increased|decreased|rose|risen|fell|fallen|grew|grown|dropped|declined|jumped|surged|climbed|soared|"
    r"plunged|plummeted|slipped|slid|tumbled|shrank|shrunk|gained|reduced|lowered|raised|went up|went down|"
    r"increase[sd]?|decrease[sd]?|increasing|decreasing|rise|rises|rising|fall|falls|falling|drop|drops|"
    r"dropping|decline|declines|declining|growth|growing|grow|grows|reduction|reductions|gain|gains|uptick|spike|jump|jumps|"
    r"jumping|surge|surging|change|changed|up|down|climb|climbing|lower|higher|improved|improvement|"
    r"deterioration|worsened|more|fewer|less)"
    r"\s+(?:by\s+)?(?:(?:a|an)\s+)?(?:(?:average|total|further|additional|overall)\s+of\s+|further\s+|"
    r"(?:a\s+)?(?:around|about|nearly|almost|some|over|approximately|roughly|only|just|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|close\s+to|an\s+estimated)\s+)?(?:of\s+)?)$",
    re.IGNORECASE,
)
_CHANGE_VERB_IN = re.compile(
    r"\b(?:increased|decreased|rose|fell|grew|dropped|declined|jumped|surged|climbed|soared|plunged|reduced|"
    r"decreasing|increasing|declining|falling|rising|decrease|increase|decline|reduction|growth|went up|went down)\b",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"^(?![ \u00a0]+(?:[a-z]+[ \u00a0]+)?or\s+(?:more|fewer|less|longer|older|higher|lower|greater|above|below)\b)"
    r"(?:[ \u00a0]+(?:[a-z]+[ \u00a0]+)?(?:more|fewer|less|additional|extra)\b(?!\s+likely\b|\s+than\s+(?:doubled|tripled|half)\b)"
    r"|[ \u00a0]+(?:higher|lower|larger|smaller|bigger|greater|up|down|rise|fall|increase|decrease|drop|decline|reduction|gain|growth|jump|"
    r"surge|uptick|hike|cut|change|year-on-year|y/y|yoy|on\s+the\s+year|over\s+the\s+(?:same|previous|last)|"
    r"from\s+(?:the\s+)?(?:same|previous|last)|from\s+a\s+year|compared\s+(?:to|with)\s+(?:the\s+)?(?:same|previous|last)"
    r"|in\s+comparison\s+with|against\s+the\s+(?:same|previous))\b"
    r"|[-‐][a-z]+[ \u00a0]+(?:reduction|increase|decrease|drop|rise|fall|decline|gain|jump)\b)",
    re.IGNORECASE,
)
# "the increase was 8.8%", "the average increase in serious crimes was 13.4%", "a decline, at 0.6 percent".
_CHANGE_NOUN_LEVEL = re.compile(
    r"\b(?:increase|decrease|rise|fall|drop|decline|growth|reduction|gain|change|jump|uptick|surge)s?\b"
    r"(?:(?:\s+[\w-]+){0,5}?\s+(?:was|were|is|are|amounted\s+to|stood\s+at|totalled|totaled|came\s+to)|\s*,?\s+at)"
    r"\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|only\s+|just\s+)?$",
    re.IGNORECASE,
)
_OTHER_KEYWORD = re.compile(
    r"(?:\b(?i:articles?|art\.|tables?|figures?|fig\.|charts?|wards?|districts?|sections?|chapters?|paragraphs?|para\.|"
    r"clauses?|annex(?:es)?|appendix|appendices|resolutions?|laws?|decrees?|nos?\.|nr\.|pages?|pp?\.|routes?|"
    r"highways?|rooms?|precincts?|exercise|flights?|platforms?|gates?|protocols?|bills?|orders?\s+no\.?|case\s+no\.?|"
    r"points?\s+\d+\s+of|weeks?|waves?|version|v\.)|\b(?:Level|Line|Unit|Zone|Phase|Grade|Block|Division|Brigade|Battalion|Regiment|Squad|Region|Sector|Camp|Building|Stage|Round|Group|Number|Act|Rule|Code|Category|Class|Lot|Box|Station|Road|Street|Avenue|Committee|Items?|Operator|Chapter|Article|Section|Part))\s*$"
)
_PER_BASE = re.compile(
    r"\bper\s+(?:each\s+)?(?P<base>100(?:,000|\s000)?|1,000(?:,000)?|10,000|1000|10000|100000|100\s+thousand|1\s+million|"
    r"thousand|million|hundred|capita)\b",
    re.IGNORECASE,
)
_COUNT_NOUN_AFTER = re.compile(
    r"^[ \u00a0]+(?:[a-z]+[ \u00a0]+)?(?:crimes?|cases?|people|persons|individuals|offen[cs]es|arrests|deaths|victims|"
    r"incidents|accidents|voters|ballots|votes|residents|inhabitants|citizens|suspects|murders|robberies|"
    r"thefts|violations|calls|fires|patients|births|students|households|vehicles|complaints|reports|"
    r"facts|acts|men|women|children|prisoners|migrants|refugees|officers|employees|workers|jobs|units|"
    r"items|events|operations|raids|strikes|kilograms|tons|tonnes|weapons|firearms|criminal)\b",
    re.IGNORECASE,
)
_COUNT_NOUN_AFTER_YEAR = re.compile(
    r"^[ \u00a0]+(?:[a-z]+[ \u00a0]+)?(?:crimes?|cases|people|persons|individuals|offen[cs]es|arrests|deaths|victims|"
    r"incidents|accidents|voters|ballots|votes|residents|inhabitants|citizens|suspects|murders|robberies|"
    r"thefts|violations|calls|fires|patients|births|students|households|vehicles|complaints|reports|"
    r"men|women|children|prisoners|migrants|refugees|officers|employees|workers|jobs|units|items|events|"
    r"criminal\s+cases|crime\s+cases)\b"
)


@dataclass
class _Cand:
    start: int
    end: int
    kind: str | None = None
    form: str = "number"  # number, percent, money, measure, multiplier, words, fraction
    signed: bool = False
    detached_sign: bool = False
    scaled: bool = False
    grouped: bool = False
    value: Decimal | None = None
    hyphen_unit: bool = False
    words: bool = False
    other_list: bool = False


# ---------------------------------------------------------------------- sentences


_ABBREV = {"mr", "ms", "mrs", "dr", "no", "nos", "art", "st", "vs", "fig", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec", "gen", "col", "lt", "approx", "etc", "p", "pp"}


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans: split at . ! ? before a space and a capital, and at line breaks."""
    bounds = []
    start = 0
    for m in re.finditer(r"[.!?]+[\"”’)]*\s+(?=[A-Z“\"(\d•])|\n+", text):
        if m.group()[0] == ".":
            w = re.search(r"(\w+)$", text[max(0, m.start() - 8) : m.start()])
            if w and (w.group(1).lower() in _ABBREV or (len(w.group(1)) == 1 and w.group(1).isupper())):
                continue
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


# ---------------------------------------------------------------------- candidates


def _overlaps(taken: bytearray, s: int, e: int) -> bool:
    return any(taken[s:e])


def _take(taken: bytearray, s: int, e: int) -> None:
    for i in range(s, e):
        taken[i] = 1


def _find_candidates(text: str) -> list[_Cand]:
    n = len(text)
    taken = bytearray(n)
    cands: list[_Cand] = []

    def add(c: _Cand) -> None:
        cands.append(c)
        _take(taken, c.start, c.end)

    for m in _FOOTNOTE.finditer(text):
        add(_Cand(m.start(1), m.end(1), kind="OTHER"))
    for m in _ADDRESS.finditer(text):
        _take(taken, m.start(), m.end())
    for pat in (_COORD, _PHONE):
        for m in pat.finditer(text):
            if not _overlaps(taken, m.start(), m.end()):
                add(_Cand(m.start(), m.end(), kind="OTHER", form="other"))
    for pat in [*_DATE_PATTERNS, _ERA]:
        for m in pat.finditer(text):
            s, e = m.start(), m.end()
            if _overlaps(taken, s, e):
                continue
            # "may" and "march" in lower case are a verb; a month name is capitalised.
            if re.search(r"\b(?:may|march)\b", m.group()) and not re.search(r"\b(?:May|March|MAY|MARCH)\b", m.group()):
                continue
            add(_Cand(s, e, kind="DATE", form="date"))
    for m in _IDENT.finditer(text):
        s, e = m.start(), m.end()
        if _overlaps(taken, s, e):
            continue
        letters = re.sub(r"[\d\-‐.]", "", m.group()).lower() if m.group()[0].isdigit() else ""
        if re.fullmatch(r"\d+(?:st|nd|rd|th)", m.group(), re.IGNORECASE):
            continue
        if letters in UNITS or letters in ("k", "m", "bn", "b", "mn", "mln", "km", "kg", "pm", "am"):
            continue
        add(_Cand(s, e, kind="OTHER", form="other"))
    for m in _HASH_ID.finditer(text):
        if not _overlaps(taken, m.start(1), m.end(1)):
            add(_Cand(m.start(1), m.end(1), kind="OTHER", form="other"))
    for m in _ORDINAL.finditer(text):
        if not _overlaps(taken, m.start(), m.end()):
            add(_Cand(m.start(), m.end(), kind="OTHER", form="ordinal"))

    for m in _CORE.finditer(text):
        s, e = m.start(), m.end()
        if _overlaps(taken, s, e):
            continue
        core = m.group()
        try:
            value = read_digits(core)[0]
        except InvalidOperation:
            continue
        c = _Cand(s, e, value=value, grouped=bool(re.search(r"\d[,’' \u00a0]\d{3}", core)))
        _extend(text, c, taken)
        add(c)

    for m in _HALF_SCALE.finditer(text):
        if not _overlaps(taken, m.start(), m.end()):
            w = m.group().lower()
            scale = Decimal(10) ** (6 if "million" in w else 9 if "billion" in w else 3)
            add(_Cand(m.start(), m.end(), form="words", value=scale * (Decimal("0.5") if w.startswith("half") else Decimal("0.25")), words=True, scaled=True))
    for m in _FRACTION_CHANGE.finditer(text):
        if not _overlaps(taken, m.start("f"), m.end("f")):
            add(_Cand(m.start("f"), m.end("f"), form="fraction", kind="CHANGE", words=True))
    for pat, form in ((_MULT, "multiplier"), (_TWICE, "multiplier"), (_FRACTION, "fraction")):
        for m in pat.finditer(text):
            if _overlaps(taken, m.start(), m.end()):
                continue
            if form == "fraction" and re.search(r"\b(?:first|second|last|latter|former)\s*$", text[max(0, m.start() - 12) : m.start()], re.IGNORECASE):
                continue
            add(_Cand(m.start(), m.end(), form=form, kind="CHANGE" if form == "multiplier" else "PERCENT", words=True))

    for m in NUMBER_WORDS_RE.finditer(text):
        s, e = m.start(), m.end()
        if _overlaps(taken, s, e):
            continue
        w = m.group()
        if not _keep_word(text, s, e, w):
            continue
        value = words_to_number(w)
        if value is None:
            continue
        c = _Cand(s, e, form="words", value=value, words=True)
        _extend(text, c, taken, words=True)
        add(c)
    cands.sort(key=lambda c: c.start)
    return _merge_space_groups(text, cands)


_ONE_AFTER_STOP = re.compile(
    r"^[-\s]*(?:of|another|or|and|who|which|that|in|on|to|is|was|has|had|would|will|can|could|day|time|way|thing|"
    r"side|hand|point|must|should|may|might|by|at|for|with|from|as|if|but|another|else|more|less|per|such)\b",
    re.IGNORECASE,
)


def _keep_word(text: str, s: int, e: int, w: str) -> bool:
    """Whether a number word is a figure here ("nine individuals"), not an idiom ("one of the")."""
    lw = w.lower()
    before = text[max(0, s - 20) : s].lower()
    after = text[e : e + 20]
    if text[s - 1 : s] in ("-", "‐") and s > 0 and text[s - 2 : s - 1].isalpha():
        return False  # "well-one"
    if lw in ("one", "a dozen") or lw == "one":
        if re.search(r"\b(?:no|any|every|each|the|this|that|which|someone|anyone|everyone|no-|number)\s*$", before):
            return False
        if _ONE_AFTER_STOP.match(after) or not re.match(r"\s+[a-z]", after):
            return False
    if lw in ("ten", "one", "two") and after.startswith(("-", "‐")) and re.match(r"[-‐](?:thirds?|quarters?|halves|half)", after):
        return False
    # A capitalised number word inside a name ("Ten Downing"), not at a sentence start.
    if w[0].isupper() and s > 1 and not re.search(r"(?:[.!?:\n]\s*|^\s*|[“\"(]\s*)$", text[max(0, s - 3) : s]):
        return False
    return True


# A sign just before a figure, at the start of the text or after a space, bracket or separator.
_SIGN_BEFORE = re.compile(r"(?:^|(?<=[\s(\[|:;,/]))([+\-−–])$")


def _extend(text: str, c: _Cand, taken: bytearray, words: bool = False) -> None:
    """Grow a figure over its sign, currency, scale, percent, currency word or unit."""
    n = len(text)
    s, e = c.start, c.end
    # Only the few characters before a figure can hold its currency or sign: slicing the whole
    # text before it made extraction's cost grow with the square of the text's length.
    lo = max(0, s - 8)
    cm = _CUR_BEFORE.search(text, lo, s) if not words else None
    if cm:
        s = cm.start()
        c.form = "money"
    sm = _SIGN_BEFORE.search(text, max(0, s - 2), s)
    if sm and not words:
        c.signed = True
        s = sm.start(1)
    elif not words and re.search(r"[(\[]\s*[\-−–]\s+$", text[max(0, s - 5) : s]):
        c.detached_sign = True
    scm = _SCALE_AFTER.match(text, e)
    if scm:
        e = scm.end()
        c.scaled = True
        if re.fullmatch(r"\d+", text[s:c.end].lstrip("+-−–$€£₼ ")) and re.match(r"(?i)\s*(?:thousand|million)", scm.group()):
            # "4 thousand 215", "2 million 300 thousand": printed in full around the scale word.
            t = re.compile(r"(?:[ \u00a0]\d{1,3}(?![\d.,]\d)(?:[ \u00a0](?:thousand)\b)?){1,2}(?![ \u00a0]*(?:%|per\s?cent|percent))").match(text, e)
            if t:
                e = t.end()
    elif c.form == "money":
        sm2 = _SHORT_SCALE.match(text, e)
        if sm2:
            e = sm2.end()
            c.scaled = True
    pm = _PCT_AFTER.match(text, e)
    if pm is None and not words:
        # "up 2.4 points", "4.1 points behind": points of a percentage, a change by nature.
        pt = re.compile(r"[ \u00a0]points?\b(?=\s+(?:behind|ahead|lead|higher|lower|up|down|more|less|from|on|compared|to\b))", re.IGNORECASE).match(text, e)
        if pt is None and re.search(r"\b(?:up|down|rose|fell|increased|decreased|gained|lost|improved|dropped|slipped|climbed|by)\s+$", text[max(0, s - 15) : s], re.IGNORECASE):
            pt = re.compile(r"[ \u00a0]points?\b", re.IGNORECASE).match(text, e)
        if pt is not None:
            c.form = "percent"
            c.kind = "CHANGE"
            c.start, c.end = s, pt.end()
            return
    if pm:
        c.form = "percent"
        e = pm.end()
    elif c.form != "money":
        curm = _CUR_AFTER.match(text, e)
        um = _UNIT_AFTER.match(text, e)
        tm = _TIMES_AFTER.match(text, e)
        if tm is None and re.search(r"\b(?:increased|decreased|rose|fell|grew|dropped|declined|jumped|surged|climbed|soared|"
                                    r"plunged|reduced|increase|decrease|multiplied|up|down)\s+(?:by\s+)?(?:about\s+|nearly\s+|almost\s+|some\s+|over\s+)?$",
                                    text[max(0, s - 40) : s], re.IGNORECASE):
            tm = re.compile(r"[ \u00a0]times\b", re.IGNORECASE).match(text, e)
        if curm:
            c.form = "money"
            e = curm.end()
        elif um and not re.match(r"[-‐]", text[um.end() : um.end() + 1]):
            unit = um.group("u").lower()
            # A bare "m", "t", "h", "g", "l" is a unit right after the digits ("250m"), or spaced
            # before "of" or punctuation ("400 g of heroin").
            if len(unit) > 1 or not um.group()[0].isspace() or re.match(r"\s+of\b|[.,;)]", text[um.end() : um.end() + 4]):
                c.form = "measure"
                e = um.end()
                e = _compound_end(text, e, unit)
        elif um:
            c.hyphen_unit = True
        elif tm:
            c.form = "multiplier"
            e = tm.end()
        elif re.match(r"[-‐]?fold\b", text[e : e + 6], re.IGNORECASE):
            c.form = "multiplier"
            e = re.match(r"[-‐]?fold", text[e : e + 6], re.IGNORECASE).end() + e  # type: ignore[union-attr]
        elif _HYPHEN_UNIT.match(text, e):
            c.hyphen_unit = True
    c.start, c.end = s, min(e, n)


def _compound_end(text: str, e: int, unit: str) -> int:
    """The end of a compound measure "4 tons and 714 kilograms" (or "1 hour 20 minutes")."""
    m = re.compile(r"(?:,?\s+and\s+|\s+)(?P<n>\d+(?:[.,]\d+)?)\s*(?P<u>[A-Za-z]+)\b").match(text, e)
    if not m:
        return e
    u2 = m.group("u").lower()
    if unit in UNITS and u2 in UNITS:
        a, b = UNITS[unit], UNITS[u2]
        if a[1] == b[1] and b[2] < a[2]:
            return m.end()
    return e


def _merge_space_groups(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Join "33 379" into one figure, unless the figures stand in a row of a table."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        if (
            i + 1 < len(cands)
            and c.kind is None
            and c.form == "number"
            and not c.signed
            and re.fullmatch(r"\d{1,3}", text[c.start : c.end])
            and cands[i + 1].start == c.end + 1
            and text[c.end] == " "
            and re.match(r"\d{3}(?!\d)", text[cands[i + 1].start : cands[i + 1].end])
            and not re.search(r"\d[\s|]*$", text[max(0, c.start - 6) : c.start])
            and not re.match(r"\s+[+\-−]?\d", text[cands[i + 1].end :])
            and cands[i + 1].kind is None
        ):
            nxt = cands[i + 1]
            merged = _Cand(c.start, nxt.end, form=nxt.form, grouped=True, scaled=nxt.scaled)
            try:
                merged.value = read_digits(text[c.start : c.end] + text[nxt.start : nxt.start + 3])[0]
            except InvalidOperation:
                merged.value = None
            out.append(merged)
            i += 2
            continue
        out.append(c)
        i += 1
    return out


# -------------------------------------------------------------------- classification


def _num(text: str, c: _Cand) -> Decimal | None:
    if c.value is not None:
        return c.value
    m = re.search(r"\d[\d,.]*", text[c.start : c.end])
    if not m:
        return None
    try:
        return read_digits(m.group().rstrip(".,"))[0]
    except InvalidOperation:
        return None


def _signed_value(text: str, c: _Cand) -> Decimal | None:
    v = _num(text, c)
    if v is not None and c.signed and text[c.start] in "-−–":
        return -v
    return v


def _classify(text: str, cands: list[_Cand]) -> None:
    sentences = _sentence_bounds(text)

    def sentence_of(pos: int) -> tuple[int, int]:
        for s, e in sentences:
            if s <= pos < e:
                return s, e
        return 0, len(text)

    tables = _markdown_tables(text)
    for i, c in enumerate(cands):
        if c.kind is not None:
            continue
        ss, se = sentence_of(c.start)
        before = text[ss : c.start]
        after = text[c.end : se]
        span = text[c.start : c.end]
        prev = cands[i - 1] if i > 0 else None

        # OTHER: numbers that name things.
        if c.form in ("number", "words") and not c.signed and not c.scaled:
            if _is_other(text, c, prev):
                c.kind = "OTHER"
                continue
            cell = tables.get(c.start)
            if cell is not None and cell[0] == 0 and re.fullmatch(r"\d{1,3}", span) and not cell[1]:
                c.kind = "OTHER"
                continue
        # DATE: a year-like integer, unless a counted noun follows.
        if c.form == "number" and re.fullmatch(_YEAR, span):
            if _COUNT_NOUN_AFTER_YEAR.match(text[c.end : c.end + 40]) and (
                not re.search(r"\b(?:in|since|of|during|until|by|from|to|between|year|years|the|for)\s*$", before)
                or re.search(r"\b(?:total|number|sum)\s+of\s*$", before)
            ):
                c.kind = "COUNT"
            else:
                c.kind = "DATE"
            continue
        # The base of a rate is part of the rate's unit, not a quantity.
        if re.search(r"\bper\s+(?:each\s+)?$", before, re.IGNORECASE) and c.form in ("number", "words"):
            c.kind = "DROP"
            continue
        cell = tables.get(c.start)
        if cell is not None and cell[1]:
            c.kind = "CHANGE"
            continue
        # MEASURE: units, durations, ages.
        if c.form == "measure" or c.hyphen_unit or _is_age(text, c, prev):
            if c.hyphen_unit and re.match(r"[-‐]\w+\s+(?:reduction|increase|decrease|drop|rise|fall|decline)", text[c.end :]):
                c.kind = "CHANGE"
            elif c.form == "measure" and (_CHANGE_AFTER.match(after) or _CHANGE_BEFORE.search(before[-80:])):
                c.kind = "CHANGE"
            else:
                c.kind = "MEASURE"
            continue
        if c.form == "multiplier":
            c.kind = "CHANGE"
            continue
        # CHANGE: a printed sign, a change word before or after.
        if c.signed or c.detached_sign:
            c.kind = "CHANGE"
            continue
        if _change_cue(text, c, before, after):
            c.kind = "CHANGE"
            continue
        if c.form == "percent":
            c.kind = "PERCENT"
            continue
        if c.form == "money":
            c.kind = "MONEY"
            continue
        # RATE: a figure in a sentence that states a per-N base.
        if _is_rate(text, c, ss, se, before, after):
            c.kind = "RATE"
            continue
        c.kind = "COUNT"

    _second_pass(text, cands, sentence_of)


def _is_other(text: str, c: _Cand, prev: _Cand | None) -> bool:
    span = text[c.start : c.end]
    before = text[max(0, c.start - 40) : c.start]
    after = text[c.end : c.end + 30]
    if _OTHER_KEYWORD.search(before):
        c.other_list = True
        return True
    # "Wards 1, 7, and 8": later members of a list of identifiers.
    if prev is not None and prev.other_list and re.fullmatch(r"\s*(?:,|and|, and|&|or|-|–)\s*", text[prev.end : c.start]):
        if re.fullmatch(r"\d{1,4}", span):
            c.other_list = True
            return True
    # A quoted short number: the “102” Service.
    if re.search(r"[“\"‘']$", before) and re.match(r"[”\"’']", after) and re.fullmatch(r"\d{2,4}", span):
        return True
    # "2. The number of ..." at the start of a line: a paragraph number.
    if re.fullmatch(r"\d{1,2}", span) and re.search(r"(?:^|\n)[ \t]*$", text[max(0, c.start - 10) : c.start]) and re.match(r"[.)]\s+[A-Z“\"]", after):
        return True
    if re.fullmatch(r"\d{1,2}", span) and c.start == 0 and re.match(r"[.)]\s+[A-Z]", after):
        return True
    # Phone and hotline numbers.
    if re.search(r"\b(?:call|dial|hotline|phone|tel\.?|telephone|fax|code|ID|No)\W{0,3}$", before, re.IGNORECASE) and not re.match(r"\s+(?:times|people|cases)", after):
        if re.fullmatch(r"\d{2,}", span):
            return True
    if re.search(r"\b(?:calls?\s+to|dial(?:l?ing)?|hotline|helpline|help\s+line|emergency\s+number)\s+(?:the\s+)?$", before, re.IGNORECASE) and re.fullmatch(r"\d{2,4}", span):
        return True
    if re.fullmatch(r"\d{7,}", span) and not _COUNT_NOUN_AFTER.match(after):
        return True
    return False


def _is_age(text: str, c: _Cand, prev: _Cand | None) -> bool:
    if c.form not in ("number", "words"):
        return False
    before = text[max(0, c.start - 25) : c.start]
    if re.search(r"\b(?:aged|ages|age of|age)\s+(?:between\s+|from\s+|under\s+|over\s+|≥\s*|≤\s*|<\s*|>\s*)?$", before, re.IGNORECASE):
        return True
    if re.search(r"\b(?:children|adults|persons|people|those|men|women|boys|girls|youths?|minors|teenagers)\s+(?:under|over|below|above)\s+(?:the\s+age\s+of\s+)?$", before, re.IGNORECASE) and not re.match(r"\s+(?:per\s?cent|percent|%)", text[c.end:]):
        return True
    # "the victims were under 30": an age bound stated for people.
    wide = text[max(0, c.start - 60) : c.start]
    if re.search(r"\b(?:victims|people|persons|children|adults|men|women|suspects|offenders|respondents|patients|drivers|voters|"
                 r"detainees|perpetrators)\s+(?:\w+\s+){0,2}(?:under|over|below|above|younger\s+than|older\s+than)\s+$", wide, re.IGNORECASE):
        if c.value is not None and c.value <= 120 and not re.match(r"[ \u00a0]*(?:[a-z]+|%|per)", text[c.end : c.end + 10]):
            return True
    if prev is not None and prev.kind == "MEASURE" and re.fullmatch(r"\s*(?:[-–]|to|,|and|, and|or)\s*", text[prev.end : c.start]):
        return bool(re.search(r"\b(?:aged|ages|age)\b", text[max(0, prev.start - 60) : prev.start], re.IGNORECASE))
    return False


def _change_cue(text: str, c: _Cand, before: str, after: str) -> bool:
    tail = before[-90:]
    if re.search(r"\b(?:made|make|makes|making|added|adds|add|sum|sums|summed|took|take|takes|taking|ended|end|ends|picked|pick|set|sets|build|built|builds|made)\s+(?:up|down)\s+$", tail, re.IGNORECASE):
        return False
    if _CHANGE_NOUN_LEVEL.search(tail):
        return True
    if _CHANGE_BEFORE.search(tail):
        # "fell to their lowest", "dropped to 596": a level, not a change.
        return True
    if _CHANGE_AFTER.match(after):
        return True
    # "crimes decreased by 9.4%, serious crimes by 18.9%": "by" in a sentence of changes.
    if re.search(r"\bby\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|over\s+)?$", tail, re.IGNORECASE) and _CHANGE_VERB_IN.search(before):
        return True
    return False


def _is_rate(text: str, c: _Cand, ss: int, se: int, before: str, after: str) -> bool:
    if c.form not in ("number",) or c.scaled:
        return False
    if re.match(r"[ \u00a0]+(?:[a-z\-]+[ \u00a0]+){0,3}per[ \u00a0]+(?:each[ \u00a0]+)?\d", after):
        return True
    # A density: "123 people per square kilometre".
    if re.match(r"[ \u00a0]+(?:[a-z\-]+[ \u00a0]+){0,2}per[ \u00a0]+(?:sq(?:uare)?\.?[ \u00a0]+(?:km|kilomet(?:re|er)|mile)|km2|km²)", after):
        return True
    sentence = text[ss:se]
    if not _PER_BASE.search(sentence):
        return False
    v = c.value
    if c.grouped and v is not None and v >= 1000:
        return False
    counted = _COUNT_NOUN_AFTER.match(after) or re.match(r"[ \u00a0]+(?!(?:in|on|at|of|for|the|a|an|to|from|and|or|by|with|as|is|was|were|its|this|these|than)\b)(?:[a-z\-]+[ \u00a0]+){0,2}?[a-z]{2,}s\b", after)
    if counted and not re.match(r"[ \u00a0]+(?:[\w\-]+[ \u00a0]+){0,3}per\b", after):
        # "was 264 facts" still states the rate in its own words.
        if not re.match(r"[ \u00a0]+facts\b", after):
            return False
    return True


# What may stand between two parallel changes: "14.3 percent and 13.8 percent, respectively,
# compared to 3.2 percent", "the increase was 8.8%, and in 2023 – 8.1%".
_PARALLEL = re.compile(
    r"[\s,;]*(?:(?:and|or|while|whereas|but|not|instead\s+of|rather\s+than)\s+)?(?:respectively,?\s*)?(?:(?:compared\s+(?:to|with)|versus|vs\.?|against|"
    r"as\s+against)\s+)?(?:(?:in|for)\s+(?:\d{4}|the\s+\w+|\w+)\s*,?\s*)?(?:[–—-]\s*|by\s+|was\s+|were\s+)?",
    re.IGNORECASE,
)


def _second_pass(text: str, cands: list[_Cand], sentence_of) -> None:  # type: ignore[no-untyped-def]
    """Propagate kinds along "or" links, lists of changes, ranges and table rows."""
    for i, c in enumerate(cands):
        if c.kind not in ("COUNT", "PERCENT", "RATE"):
            continue
        between_prev = text[cands[i - 1].end : c.start] if i > 0 else ""
        prev = cands[i - 1] if i > 0 else None
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        between_next = text[c.end : nxt.start] if nxt else ""
        # "9% or 1007", "34 per cent or 39 cases": the other form of the same change.
        if prev is not None and prev.kind == "CHANGE" and re.fullmatch(r"[\s,]*(?:[a-z]+[\s,]+)?or\s+", between_prev):
            c.kind = "CHANGE"
            continue
        if nxt is not None and nxt.kind == "CHANGE" and re.fullmatch(r"[\s,]*(?:[a-z]+[\s,]+)?or\s+", between_next) and (nxt.signed or _CHANGE_AFTER.match(text[nxt.end :])):
            c.kind = "CHANGE"
            continue
        # "revenues of AZN 36.7 billion and expenditures of 40.1 billion": an amount whose
        # currency was given once for the sentence.
        if c.kind == "COUNT" and c.scaled and c.form == "number" and not re.match(
            r"[ \u00a0]+(?!(?:are|is|was|were|will|would|in|for|and|to|on|from|while|of|this|that|respectively|"
            r"has|have|had|be|been|by|at|with|or|but|than|per|each|a|an|the)\b)(?:[a-z\-]+[ \u00a0]+)?[a-z]{3,}",
            text[c.end : c.end + 30],
        ):
            ss, _ = sentence_of(c.start)
            if any(x.kind == "MONEY" and sentence_of(x.start)[0] == ss and x.start < c.start for x in cands[:i]) and re.search(
                r"\b(?:of|to|at|and|from|by|was|were|reached|totalled|totaled|amounted\s+to)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|over\s+)?$",
                text[max(0, c.start - 30) : c.start],
            ):
                c.kind = "MONEY"
                continue
        # "from 200 to 500 manat": the first figure shares the second's kind.
        if nxt is not None and c.form == "number" and nxt.kind in ("MONEY", "MEASURE") and re.fullmatch(r"\s+(?:to|and)\s+", between_next) and re.search(r"\b(?:from|between)\s+$", text[max(0, c.start - 10) : c.start]):
            c.kind = nxt.kind
            continue
        # "between 1 and 15 October": the first day of a date range.
        if nxt is not None and nxt.kind == "DATE" and c.form == "number" and re.fullmatch(r"\d{1,2}", text[c.start : c.end]) and re.fullmatch(r"\s*(?:and|to|-|–)\s*", between_next) and re.match(r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Z]", text[nxt.start : nxt.end]):
            c.kind = "DATE"
            continue
        # A range "10-15%": the low end takes the kind of the high end.
        if nxt is not None and nxt.kind in ("PERCENT", "CHANGE", "MONEY", "MEASURE") and c.form in ("number", "words") and (
            re.fullmatch(r"\s?(?:--|[-–])\s?|\s+to\s+", between_next)
            or (re.fullmatch(r"\s+and\s+", between_next) and re.search(r"\bbetween\s+$", text[max(0, c.start - 10) : c.start]))
        ):
            if not (nxt.kind == "CHANGE" and nxt.signed):
                c.kind = nxt.kind
                continue
        if c.kind == "PERCENT":
            prev = next((x for x in reversed(cands[:i]) if x.kind != "DATE"), None)
        if c.kind == "PERCENT" and prev is not None and prev.kind == "CHANGE" and prev.form == "percent":
            if sentence_of(prev.start) == sentence_of(c.start) and _PARALLEL.fullmatch(text[prev.end : c.start]):
                if not re.match(r"\s+of\b", text[c.end : c.end + 5]):
                    c.kind = "CHANGE"
    # Table rows in plain text: "164 131 -33": the third figure is the difference of the first two.
    for i in range(len(cands) - 2):
        a, b, d = cands[i], cands[i + 1], cands[i + 2]
        if not all(x.kind in ("COUNT", "CHANGE", "RATE") and x.form == "number" for x in (a, b, d)):
            continue
        if "\n" in text[a.start : d.end]:
            continue
        va, vb, vd = _signed_value(text, a), _signed_value(text, b), _signed_value(text, d)
        if None in (va, vb, vd) or a.signed or b.signed:
            continue
        if not (re.fullmatch(r"[\s|]+", text[a.end : b.start]) and re.fullmatch(r"[\s|]+", text[b.end : d.start])):
            continue
        if abs(vb - va) == abs(vd) and vd != 0:
            d.kind = "CHANGE"
            continue
        # A difference column that does not add up is still a difference column: the third
        # figure of a row, followed by a percent, under a header that names a change.
        e = cands[i + 3] if i + 3 < len(cands) else None
        if e is not None and e.form == "percent" and re.fullmatch(r"[\s|]+", text[d.end : e.start]):
            head_start = max(0, text.rfind("\n\n", 0, a.start))
            if re.search(r"(?i)\b(?:difference|change|diff\.?|\+/-)", text[head_start : a.start]):
                d.kind = "CHANGE"


def _markdown_tables(text: str) -> dict[int, tuple[int, bool]]:
    """Cells of markdown tables: start offset of a figure -> (column index, column is a change).

    A table's header is the row just above its |---| separator line.
    """
    out: dict[int, tuple[int, bool]] = {}
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    header: list[str] | None = None
    for k, (off, line) in enumerate(lines):
        if not line.lstrip().startswith("|"):
            header = None
            continue
        if re.fullmatch(r"[\s|:\-]+", line):
            continue
        nxt = lines[k + 1][1] if k + 1 < len(lines) else ""
        cells = [(cm.start(), cm.group()) for cm in re.finditer(r"[^|]+", line)]
        if re.fullmatch(r"\s*\|[\s|:\-]+", nxt) or header is None:
            header = [c.strip().lower() for _, c in cells]
            continue
        for j, (coff, cell) in enumerate(cells):
            num = re.search(r"[+\-−]?\d", cell)
            if not num:
                continue
            name = header[j] if j < len(header) else ""
            is_change = bool(re.search(r"change|difference|diff\b|increase|decrease|\+/-|±", name))
            out[off + coff + num.start()] = (j, is_change)
            out[off + coff + num.start() + (1 if num.group()[0] in "+-−" else 0)] = (j, is_change)
    return out


# ----------------------------------------------------------------------- extractor


def extract_quantities(text: str) -> list[Quantity]:
    """Every number-bearing span of `text` with its kind, value and unit, in text order.

    >>> [(q.text, q.kind.value) for q in extract_quantities("Crime fell by 9.4% to 33,379 cases in 2024.")]
    [('9.4%', 'CHANGE'), ('33,379', 'COUNT'), ('2024', 'DATE')]
    """
    cands = _find_candidates(text)
    _classify(text, cands)
    out = []
    for c in cands:
        if c.kind in (None, "DROP") or c.end <= c.start:
            continue
        span = text[c.start : c.end]
        if not re.search(r"\d", span) and not c.words and c.form not in ("multiplier", "fraction"):
            continue
        value, unit = describe_span(text, c.start, c.end, c.kind)
        out.append(Quantity(id="q", start=c.start, end=c.end, text=span, kind=c.kind, value=value, unit=unit))
    return number_ids(out)


class RuleExtractor:
    """The rule-based baseline extractor (name "rules"); see the module docstring for its rules.

    >>> RuleExtractor().extract(["Turnout was 58.45% of 27.9 million voters."])[0][1].value
    27900000
    """

    name = "rules"

    def extract(self, texts: Sequence[str]) -> list[list[Quantity]]:
        """Quantities of each text, in order, ids q1, q2, ..."""
        return [extract_quantities(t) for t in texts]
