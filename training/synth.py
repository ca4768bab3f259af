"""Synthetic press-release text with exact span labels, for teaching kinds from context.

Every sentence is built piece by piece: plain text pieces and labelled pieces, so each label's
offsets are exact by construction. Templates name slots (`{count}`, `{chg_by}`, `{date}` ...);
each slot is a function that returns pieces, drawing number formats (1,234 / 1 234 / 8, 970 /
decimal commas), hedges (kept outside the span), number words and scales, ranges, dates in many
forms, identifiers, hotlines, article numbers, ordinals, rates with their base (the base is not
a span) and changes in many wordings. Genres supply the counted nouns and units.

The span conventions follow `spec/gold-format.md`: a hedge is outside the span; a count's noun
is outside; a measure's unit and a currency are inside; `%`, `percent`, `per cent` are inside;
a printed sign (`+444`, `-1.9%`) is inside; the base of a rate is outside; a compound measure
(`4 tons and 714 kilograms`) is one span.

About a quarter of the paragraphs (`P_NEW_PARAGRAPH`) are built mainly from public-health,
epidemiology and survey sentences (`NEW_HEALTH_TEMPLATES`, genres `NEW_GENRES`) and from sentences
whose context decides the kind (`NEW_GENERAL_TEMPLATES`). They follow `eval/labels/README.md`:
names with digits glued to letters are OTHER as whole tokens (`H3N2`, `XBB.1.5`, `WTFA2019`,
`Module-024`, `CD8` without the `+`, `PCV15`, `PHQ-9`, `COVID-19`), as are years in programme
names (`Vision 2030`, `the 2021–2025 Action Plan`), versions, p-values, a ratio's null value `1.0`,
rating-scale points, reference brackets and table / figure / dose / step / item numbers; a date
range is one DATE span (`March 3–April 9, 2022`, `2015–2019`), a list of years is one DATE each,
`1990s` and `20th century` are DATE; ages are MEASURE with the sign outside (`≥65 years` ->
`65 years`; `18`, `44 years` in `18–44 years`), as are concentrations and areas with their unit
(`5 µg/dL`, `200 cells/mm3`, `4,700 square miles`); frequencies are one RATE span (`2 times/week`);
a percentage's confidence interval is PERCENT throughout (`95%` and both bounds); ratios (aOR, RR,
HR) are left out. `generate_tagged` tells which paragraphs use the new material.

All text here was written for numcheck; none is copied from any data set.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from numcheck.training.align import Span

Piece = tuple[str, str | None]


@dataclass
class SynthExample:
    """One generated text and its spans.

    >>> SynthExample("In 2024.", [Span(3, 7, "DATE")]).spans[0].kind
    'DATE'
    """

    text: str
    spans: list[Span] = field(default_factory=list)


def _assemble(pieces: list[Piece]) -> SynthExample:
    text_parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for txt, kind in pieces:
        if kind is not None and txt:
            spans.append(Span(pos, pos + len(txt), kind))
        text_parts.append(txt)
        pos += len(txt)
    return SynthExample("".join(text_parts), spans)


# ---------------------------------------------------------------- vocabulary

GENRES: dict[str, dict[str, list[str]]] = {
    "crime": {
        "noun": ["crimes", "offences", "criminal cases", "thefts", "burglaries", "robberies", "murders",
                 "fraud cases", "cases", "incidents", "arrests", "suspects", "reported crimes", "car thefts"],
        "actor": ["the Ministry of Internal Affairs", "the police", "the Prosecutor General's Office",
                  "the National Police Agency", "the Interior Ministry", "police headquarters"],
        "item": ["drugs", "narcotics", "cannabis", "heroin", "stolen copper", "explosives"],
        "money": ["damages", "stolen property", "fines", "seized assets"],
        "rate": ["crimes", "offences", "homicides"],
        "what": ["the crime rate", "the detection rate", "the clearance rate", "the case-solving index"],
        "cat": ["offences against property", "traffic offences", "fraud", "drug offences", "violent crimes",
                "cybercrime", "offences against public order", "burglaries", "vehicle thefts"],
    },
    "courts": {
        "noun": ["cases", "verdicts", "appeals", "defendants", "lawsuits", "hearings", "convictions",
                 "acquittals", "complaints", "petitions"],
        "actor": ["the Supreme Court", "the Court of Appeal", "the Judicial Council", "district courts"],
        "item": ["evidence", "case files"],
        "money": ["compensation", "court fees", "fines", "legal aid"],
        "rate": ["convictions", "cases"],
        "what": ["the conviction rate", "the backlog", "the appeal success rate"],
    },
    "prisons": {
        "noun": ["prisoners", "inmates", "detainees", "escapes", "transfers", "releases", "convicts"],
        "actor": ["the Penitentiary Service", "the prison authority", "the Justice Ministry"],
        "item": ["food supplies", "contraband"],
        "money": ["the prison budget", "upkeep costs"],
        "rate": ["prisoners", "inmates"],
        "what": ["the occupancy rate", "the reoffending rate"],
    },
    "road": {
        "noun": ["road accidents", "traffic accidents", "fatalities", "injuries", "drivers", "violations",
                 "vehicles", "pedestrians", "speeding offences", "crashes"],
        "actor": ["the Traffic Police", "the Road Safety Agency", "the State Traffic Inspectorate"],
        "item": ["asphalt", "road salt", "fuel"],
        "money": ["fines", "road repairs", "insurance payouts"],
        "rate": ["road deaths", "accidents"],
        "what": ["the accident rate", "the fatality rate"],
        "cat": ["collisions with pedestrians", "rear-end collisions", "rollovers", "single-vehicle crashes",
                "drink-driving cases", "speeding offences"],
    },
    "health": {
        "noun": ["patients", "cases", "deaths", "hospitalisations", "infections", "vaccinations", "births",
                 "doctors", "nurses", "beds", "visits", "overdose deaths", "new diagnoses"],
        "actor": ["the Health Ministry", "the national health institute", "the Centre for Disease Control",
                  "regional health authorities", "the statistics office"],
        "item": ["medicines", "vaccine doses", "medical oxygen", "blood plasma"],
        "money": ["health spending", "the hospital budget", "drug purchases"],
        "rate": ["deaths", "cases", "infections", "births"],
        "what": ["the mortality rate", "the vaccination rate", "the infection rate", "the occupancy rate"],
    },
    "elections": {
        "noun": ["voters", "ballots", "polling stations", "candidates", "seats", "votes", "observers",
                 "complaints", "constituencies", "parties"],
        "actor": ["the Election Commission", "the Central Election Commission", "electoral officials"],
        "item": ["ballot paper"],
        "money": ["campaign spending", "the election budget", "party funding"],
        "rate": ["voters", "votes"],
        "what": ["turnout", "the share of valid ballots"],
    },
    "budget": {
        "noun": ["projects", "contracts", "grants", "loans", "taxpayers", "companies", "tenders", "jobs"],
        "actor": ["the Finance Ministry", "the Treasury", "parliament", "the Audit Chamber", "the Central Bank"],
        "item": ["grain", "oil", "natural gas", "gold reserves"],
        "money": ["revenue", "expenditure", "the deficit", "public debt", "tax receipts", "investment",
                  "the budget", "subsidies", "pensions"],
        "rate": ["taxpayers", "residents"],
        "what": ["inflation", "the deficit", "the debt ratio", "growth"],
    },
    "labour": {
        "noun": ["workers", "jobs", "employees", "job seekers", "vacancies", "unemployed people",
                 "inspections", "workplace accidents", "strikes", "apprentices"],
        "actor": ["the Labour Ministry", "the employment agency", "the statistics office", "labour inspectors"],
        "item": ["protective equipment"],
        "money": ["wages", "the minimum wage", "unemployment benefits", "the average salary"],
        "rate": ["workers", "employees"],
        "what": ["the unemployment rate", "the employment rate", "the participation rate"],
    },
    "migration": {
        "noun": ["migrants", "asylum applications", "refugees", "residence permits", "border crossings",
                 "deportations", "visas", "arrivals", "citizens", "foreign nationals"],
        "actor": ["the Migration Service", "the Border Guard", "the Interior Ministry", "the refugee agency"],
        "item": ["humanitarian aid", "food parcels"],
        "money": ["resettlement funding", "aid", "visa fees"],
        "rate": ["residents", "applicants"],
        "what": ["the recognition rate", "net migration"],
    },
    "education": {
        "noun": ["pupils", "students", "schools", "teachers", "graduates", "classrooms", "applicants",
                 "universities", "scholarships", "kindergartens"],
        "actor": ["the Education Ministry", "the examination board", "the university council"],
        "item": ["textbooks", "school meals"],
        "money": ["tuition fees", "the education budget", "teacher salaries", "scholarships"],
        "rate": ["pupils", "students"],
        "what": ["the pass rate", "the dropout rate", "the enrolment rate"],
    },
    "environment": {
        "noun": ["fires", "wildfires", "inspections", "permits", "trees", "protected sites", "violations",
                 "species", "wells", "monitoring stations", "households"],
        "actor": ["the Environment Ministry", "the forestry agency", "the emergency service", "the Civil Defence Force"],
        "item": ["waste", "plastic", "emissions", "timber", "water", "carbon dioxide", "fish"],
        "money": ["clean-up costs", "environmental fines", "green investment"],
        "rate": ["households", "residents"],
        "what": ["the recycling rate", "air quality"],
    },
    "fire": {
        "noun": ["fire calls", "fires", "rescues", "emergency calls", "callouts", "evacuations", "false alarms"],
        "actor": ["the Civil Defence Force", "the fire service", "the Emergencies Ministry"],
        "item": ["water", "foam"],
        "money": ["property damage", "equipment"],
        "rate": ["fires", "residents"],
        "what": ["the response time", "the fire death rate"],
    },
}

FIRST = ["Vilas", "Aydan", "Rauf", "Leyla", "Tomas", "Mei", "Karim", "Olena", "Jonas", "Farid", "Nino",
         "Giorgi", "Aru", "Daniyar", "Hiroshi", "Priya", "Samuel", "Anahit", "Tigran", "Somchai", "Ines"]
LAST = ["Mammadli", "Guliyev", "Kapanadze", "Sarsenov", "Tanaka", "Okafor", "Petrosyan", "Hovsepyan",
        "Nurlanov", "Aliyeva", "Brennan", "Chaiyaporn", "Lindqvist", "Rahimov", "Eyyubov", "Haruna",
        "Beridze", "Abenova", "Sargsyan", "Dumont", "Kowalczyk"]
TITLES = ["Minister", "Deputy Minister", "the spokesperson", "Police Colonel", "Director", "Chairman",
          "Commissioner", "Prosecutor", "General-Major", "Chief Inspector", "Professor"]
PLACES = ["the capital", "the northern region", "the republic", "the country", "the city", "the province",
          "coastal districts", "rural areas", "the eastern provinces", "the metropolitan area"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MON_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]
SMALL_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
               "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
               "nineteen", "twenty"]
TENS_WORDS = {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}
HEDGES = ["nearly ", "about ", "more than ", "over ", "almost ", "around ", "approximately ", "some ",
          "at least ", "up to ", "roughly ", "less than ", "fewer than ", "an estimated ", "close to ",
          "just over ", "under "]
DOWN = ["decreased", "fell", "declined", "dropped", "went down", "was reduced", "shrank", "decreased", "fell",
        "plunged", "slipped", "eased", "contracted"]
UP = ["increased", "rose", "grew", "went up", "climbed", "jumped", "increased", "rose", "surged", "was up",
      "edged up", "soared"]
NOUN_DOWN = ["decrease", "fall", "drop", "decline", "reduction", "contraction", "dip"]
NOUN_UP = ["increase", "rise", "growth", "jump", "surge", "gain", "uptick"]
COMPARE = ["compared to the same period last year", "from the same period of the previous year",
           "year on year", "compared with {year}", "in comparison with {year}", "from a year earlier",
           "against the previous year", "over the previous period", "since {year}", "from last year"]


# ---------------------------------------------------------------- number formats

def fmt_int(n: int, rng: random.Random, *, plain_ok: bool = True) -> str:
    """An integer as a press release might print it.

    >>> fmt_int(33379, random.Random(1)) in {"33,379", "33379", "33 379", "33’379", "33, 379", "33.379"}
    True
    """
    if n < 1000:
        return str(n)
    r = rng.random()
    grouped = f"{n:,}"
    if r < 0.58:
        return grouped
    if r < 0.80 and plain_ok:
        return str(n)
    if r < 0.88:
        return grouped.replace(",", " ")
    if r < 0.92:
        return grouped.replace(",", "’")
    if r < 0.96:
        return grouped.replace(",", ", ")
    if n >= 1_000_000:
        return grouped.replace(",", ".")
    return grouped


def fmt_dec(x: float, decimals: int, rng: random.Random, comma: float = 0.12) -> str:
    """A decimal with a point, or sometimes a decimal comma ("92,4").

    >>> fmt_dec(94.4, 1, random.Random(0), comma=0)
    '94.4'
    """
    s = f"{x:.{decimals}f}"
    if decimals and rng.random() < comma:
        s = s.replace(".", ",")
    return s


def pct_suffix(rng: random.Random) -> str:
    """The percent sign or word, in the spellings seen in releases."""
    return rng.choices(["%", " %", " percent", " per cent", "%"], weights=[55, 10, 18, 10, 7])[0]


def _ordsuf(n: int) -> str:
    """The ordinal suffix of `n`.

    >>> [f"{n}{_ordsuf(n)}" for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd']
    """
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10 if n % 100 not in (11, 12, 13) else 0, "th")


def rand_count(rng: random.Random) -> int:
    """A count, log-uniform between 2 and a few million."""
    e = rng.choice([1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 6, 7])
    return rng.randint(10 ** (e - 1) + (1 if e == 1 else 0), 10**e - 1)


def rand_pct(rng: random.Random, hi: float = 100.0) -> tuple[float, int]:
    """A percent value and its printed decimals."""
    d = rng.choices([0, 1, 2], weights=[30, 55, 15])[0]
    return round(rng.uniform(0.1, hi), d), d


def count_text(rng: random.Random, *, words: bool = True, scale: bool = True) -> str:
    """A count in digits, words, or with a scale word ("27.9 million")."""
    r = rng.random()
    if words and r < 0.12:
        if rng.random() < 0.85:
            return rng.choice(SMALL_WORDS[2:])
        return rng.choice(list(TENS_WORDS.values()))
    if scale and r < 0.22:
        v = rng.choice([1, 2, 3, 1.2, 4.5, 27.9, 10, 12, 1.5, 3.8, 150, 2.25, 7, 0.8, 16.4])
        sc = rng.choice(["million", "million", "billion", "thousand", "mln"])
        return f"{fmt_dec(v, len(str(v).split('.')[1]) if isinstance(v, float) else 0, rng)} {sc}"
    return fmt_int(rand_count(rng), rng)


# ---------------------------------------------------------------- slots

def s_count(rng, g) -> list[Piece]:
    pieces: list[Piece] = []
    if rng.random() < 0.18:
        pieces.append((rng.choice(HEDGES), None))
    pieces.append((count_text(rng), "COUNT"))
    return pieces


def s_num(rng, g) -> list[Piece]:
    return [(fmt_int(rand_count(rng), rng), "COUNT")]


def s_num_chg(rng, g) -> list[Piece]:
    """A bare number that is the size of a change ('268' in '(268 cases or 1% more ...)'): drawn like `s_num`."""
    return [(fmt_int(rand_count(rng), rng), "CHANGE")]


def s_pct(rng, g) -> list[Piece]:
    v, d = rand_pct(rng)
    pieces: list[Piece] = []
    if rng.random() < 0.1:
        pieces.append((rng.choice(["about ", "nearly ", "almost ", "over ", "approximately "]), None))
    pieces.append((fmt_dec(v, d, rng) + pct_suffix(rng), "PERCENT"))
    return pieces


def _chg_pct_text(rng, sign: str = "") -> str:
    v, d = rand_pct(rng, hi=rng.choice([10, 30, 60, 200]))
    return sign + fmt_dec(v, d, rng) + pct_suffix(rng)


def s_chg_by(rng, g) -> list[Piece]:
    """'decreased by 9.4%', 'rose 12.0 percent', 'fell by 110 cases', 'decreased by -0.87%'."""
    down = rng.random() < 0.5
    verb = rng.choice(DOWN if down else UP)
    by = rng.choice(["by ", "by ", ""])
    r = rng.random()
    if r < 0.62:
        sign = "-" if (down and rng.random() < 0.08) else ("+" if (not down and rng.random() < 0.08) else "")
        return [(f"{verb} {by}", None), (_chg_pct_text(rng, sign), "CHANGE")]
    if r < 0.8:
        return [(f"{verb} {by}", None), (fmt_int(rand_count(rng), rng), "CHANGE"),
                (" " + rng.choice(g["noun"]), None)]
    if r < 0.9:
        return [(f"{verb} {by}", None), (_chg_pct_text(rng), "CHANGE"), (" or ", None),
                (fmt_int(rand_count(rng), rng), "CHANGE"), (" " + rng.choice(g["noun"]), None)]
    v = round(rng.uniform(0.1, 9.9), 1)
    return [(f"{verb} {by}", None), (fmt_dec(v, 1, rng) + rng.choice([" percentage points", " percentage point", " pp", " points"]), "CHANGE")]


def s_chg_noun(rng, g) -> list[Piece]:
    """'a 10.8% fall', 'an 18.5% decrease', 'a decrease of 16.5%', 'an increase of 340'."""
    nouns = NOUN_DOWN if rng.random() < 0.5 else NOUN_UP
    noun = rng.choice(nouns)
    r = rng.random()
    if r < 0.45:
        t = _chg_pct_text(rng)
        art = "an" if t[0] in "8" or t.startswith(("11", "18")) else "a"
        return [(f"{art} ", None), (t, "CHANGE"), (f" {noun}", None)]
    if r < 0.75:
        art = "an" if noun[0] in "aeiou" else "a"
        return [(f"{art} {noun} of ", None), (_chg_pct_text(rng), "CHANGE")]
    art = "an" if noun[0] in "aeiou" else "a"
    return [(f"{art} {noun} of ", None), (fmt_int(rand_count(rng), rng), "CHANGE"), (" " + rng.choice(g["noun"]), None)]


def s_chg_paren(rng, g) -> list[Piece]:
    """'(+444 or +8.6%)', '(-1.9% in comparison with 2016)', '(+1075)', '(- 668 or 02.5% ...)'."""
    down = rng.random() < 0.5
    sg = "-" if down else "+"
    r = rng.random()
    if r < 0.45:
        p: list[Piece] = [("(", None), (sg + fmt_int(rand_count(rng), rng), "CHANGE"), (" or ", None),
                          (_chg_pct_text(rng, sg), "CHANGE")]
    elif r < 0.7:
        p = [("(", None), (_chg_pct_text(rng, sg), "CHANGE")]
    elif r < 0.9:
        p = [("(", None), (sg + fmt_int(rand_count(rng), rng), "CHANGE")]
    else:
        p = [("(" + sg + " ", None), (fmt_int(rand_count(rng), rng), "CHANGE"), (" or ", None),
             (_chg_pct_text(rng), "CHANGE")]
    if rng.random() < 0.6:
        p.append((" ", None))
        p.extend(_compare(rng))
    p.append((")", None))
    return p


def _compare(rng) -> list[Piece]:
    c = rng.choice(COMPARE)
    if "{year}" in c:
        a, b = c.split("{year}")
        return [(a, None), (str(rng.randint(1995, 2025)), "DATE"), (b, None)]
    return [(c, None)]


def s_compare(rng, g) -> list[Piece]:
    return _compare(rng)


def s_chg_more(rng, g) -> list[Piece]:
    """'250 kilograms more drugs', '47-case reduction', '1,070 fewer crimes', '212 additional arrests'."""
    r = rng.random()
    if r < 0.3:
        unit = rng.choice(["kilograms", "tons", "tonnes", "litres", "hectares", "km", "kg"])
        return [(f"{rng.randint(2, 950)} {unit}", "CHANGE"), (f" {rng.choice(['more', 'less'])} {rng.choice(g['item'])}", None)]
    if r < 0.5:
        noun = rng.choice(g["noun"])
        sing = noun[:-1] if noun.endswith("s") else noun
        return [(str(rng.randint(2, 999)), "CHANGE"), (f"-{sing.split()[-1]} {rng.choice(['reduction', 'increase', 'drop', 'rise'])}", None)]
    if r < 0.8:
        return [(fmt_int(rand_count(rng), rng), "CHANGE"),
                (f" {rng.choice(['fewer', 'more', 'additional', 'extra', 'new'])} {rng.choice(g['noun'])}", None)]
    return [(fmt_int(rand_count(rng), rng), "CHANGE"), (f" {rng.choice(['more', 'fewer'])} {rng.choice(g['noun'])}", None)]


def s_chg_word(rng, g) -> list[Piece]:
    """'doubled', 'tripled', 'rose twofold'."""
    if rng.random() < 0.8:
        return [(rng.choice(["doubled", "tripled", "doubled", "quadrupled", "halved"]), "CHANGE")]
    return [(rng.choice(["rose ", "grew ", "increased "]), None), (rng.choice(["twofold", "threefold", "fivefold", "tenfold"]), "CHANGE")]


def s_chg_num(rng, g) -> list[Piece]:
    """'surged by 342', 'a rise of 226 incidents', 'increasing by 34 per cent or 39 cases'."""
    verb = rng.choice(UP + DOWN)
    return [(f"{verb} {rng.choice(['by ', 'by ', ''])}", None), (fmt_int(rand_count(rng), rng), "CHANGE")]


def s_duration(rng, g) -> list[Piece]:
    n = rng.randint(2, 30)
    v = SMALL_WORDS[n] if (n <= 20 and rng.random() < 0.4) else str(n)
    return [(f"{v} {rng.choice(['years', 'months', 'days', 'weeks', 'hours', 'years'])}", "MEASURE")]


def s_chg_from_to(rng, g) -> list[Piece]:
    """'fell by 2.6 percent, from 33,839 cases in 2015 to 32,964 cases in 2016'."""
    a = rand_count(rng)
    b = max(1, int(a * rng.uniform(0.6, 1.4)))
    down = b < a
    verb = rng.choice(DOWN if down else UP)
    noun = rng.choice(g["noun"])
    y = rng.randint(2000, 2024)
    p: list[Piece] = [(f"{verb} {rng.choice(['by ', ''])}", None), (_chg_pct_text(rng), "CHANGE")]
    form = rng.random()
    if form < 0.4:
        p += [(", from ", None), (fmt_int(a, rng), "COUNT"), (f" {noun} in ", None), (str(y), "DATE"),
              (" to ", None), (fmt_int(b, rng), "COUNT"), (f" {noun} in ", None), (str(y + 1), "DATE")]
    elif form < 0.7:
        p += [(" (from ", None), (fmt_int(a, rng), "COUNT"), (" to ", None), (fmt_int(b, rng), "COUNT"), (")", None)]
    else:
        p += [(rng.choice([" - from ", ", going from ", " from "]), None), (fmt_int(a, rng), "COUNT"), (" to ", None),
              (fmt_int(b, rng), "COUNT"), (f" {noun}", None)]
    return p


def s_chg_up_to(rng, g) -> list[Piece]:
    """'(up 4,293,741 to 25,145,561)', 'up 3.1% to 87.5%'."""
    if rng.random() < 0.5:
        a = rand_count(rng)
        return [(rng.choice(["up ", "down "]), None), (fmt_int(rand_count(rng), rng), "CHANGE"), (" to ", None),
                (fmt_int(a, rng), "COUNT")]
    return [(rng.choice(["increased by ", "rose by ", "fell by ", "went down by "]), None), (_chg_pct_text(rng), "CHANGE"),
            (" to ", None), (fmt_dec(*rand_pct(rng), rng) + pct_suffix(rng), "PERCENT")]


def s_year(rng, g) -> list[Piece]:
    return [(str(rng.randint(1990, 2026)), "DATE")]


def s_date(rng, g) -> list[Piece]:
    y = rng.randint(1995, 2026)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    r = rng.randint(0, 15)
    forms = [
        f"{MONTHS[m - 1]} {d}", f"{d} {MONTHS[m - 1]} {y}", f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}",
        f"{MON_ABBR[m - 1]}. {d}", f"{MONTHS[m - 1]} {d}{'st' if d in (1, 21) else 'nd' if d in (2, 22) else 'rd' if d in (3, 23) else 'th'}",
        f"{MONTHS[m - 1].upper()} {d}", f"{MONTHS[m - 1]} {d:02d}, {y}", f"{MONTHS[m - 1]} {y}",
        f"{MONTHS[m - 1]}-{MONTHS[min(11, m + rng.randint(1, 6)) ]} {y}", f"{MON_ABBR[m - 1]} - {MON_ABBR[min(11, m + 5)]} {y % 100:02d}",
        f"{y - rng.randint(1, 4)}-{y}", f"{MONTHS[m - 1]} {d}, {y}", f"{d}/{m}/{y}", f"{y}/{(y + 1) % 100:02d}",
        f"{d} {MON_ABBR[m - 1]} {y}",
    ]
    return [(forms[r], "DATE")]


def s_period(rng, g) -> list[Piece]:
    """'the first half of 2019', 'January-June 2015', 'the first 11 months of 2023'."""
    y = rng.randint(1998, 2025)
    r = rng.random()
    if r < 0.3:
        return [(f"the {rng.choice(['first', 'second'])} {rng.choice(['half', 'quarter'])} of ", None), (str(y), "DATE")]
    if r < 0.55:
        m = rng.randint(2, 11)
        return [("the first ", None), (rng.choice([str(m), SMALL_WORDS[m]]) + " months", "MEASURE"), (" of ", None), (str(y), "DATE")]
    if r < 0.8:
        m = rng.randint(1, 11)
        return [(f"{MONTHS[0]}-{MONTHS[m]} {y}", "DATE")]
    return [("the same period of ", None), (str(y), "DATE")]


def s_measure(rng, g) -> list[Piece]:
    r = rng.random()
    item = rng.choice(g["item"])
    if r < 0.15:
        t = rng.randint(1, 40)
        k = rng.randint(1, 999)
        u1, u2 = rng.choice([("tons", "kilograms"), ("tonnes", "kilograms"), ("kilograms", "grams"), ("km", "metres")])
        return [(f"{t} {u1} and {k} {u2}", "MEASURE"), (f" of {item}", None)]
    if r < 0.5:
        unit = rng.choice(["kilograms", "kg", "tons", "tonnes", "grams", "litres", "cubic metres", "hectares",
                           "km", "kilometres", "square metres", "megawatts", "MW", "barrels", "m3", "g"])
        v = rng.choice([str(rng.randint(2, 9999)), fmt_dec(rng.uniform(0.5, 99), 1, rng)])
        return [(f"{v} {unit}", "MEASURE"), (f" of {item}", None)]
    if r < 0.75:
        unit = rng.choice(["years", "months", "days", "hours", "weeks", "minutes"])
        n = rng.randint(2, 30)
        v = SMALL_WORDS[n] if (n <= 20 and rng.random() < 0.35) else str(n)
        return [(f"{v} {unit}", "MEASURE")]
    if r < 0.88:
        v = rng.choice([str(rng.randint(30, 200)), fmt_dec(rng.uniform(10, 45), 1, rng)])
        unit = rng.choice(["km/h", "°C", " degrees Celsius", " mm", " cm", " metres", " km"])
        return [(f"{v}{unit}", "MEASURE")]
    n = rng.randint(2, 50)
    unit = rng.choice(["year", "month", "day", "hour", "kilometre", "week"])
    v = SMALL_WORDS[n] if (n <= 20 and rng.random() < 0.3) else str(n)
    return [(v, "MEASURE"), (f"-{unit}", None)]


def s_money(rng, g) -> list[Piece]:
    v = rng.choice([str(rng.randint(2, 999)), fmt_dec(rng.uniform(1, 99), 1, rng), fmt_int(rand_count(rng), rng),
                    fmt_dec(rng.uniform(1, 9), 2, rng)])
    sc = rng.choice(["", "", " million", " billion", " thousand", "m", "bn", " mln"])
    r = rng.random()
    if r < 0.35:
        cur = rng.choice(["$", "€", "£", "US$", "S$", "₼"])
        t = f"{cur}{v}{sc}"
    elif r < 0.7:
        cur = rng.choice(["AZN", "USD", "EUR", "KZT", "GEL", "AMD", "THB", "JPY", "SGD"])
        t = f"{cur} {v}{sc}"
    else:
        cur = rng.choice(["manats", "dollars", "euros", "tenge", "lari", "drams", "baht", "yen", "pounds", "rubles"])
        t = f"{v}{sc if sc.startswith(' ') else ''} {cur}"
    hedge: list[Piece] = [(rng.choice(HEDGES), None)] if rng.random() < 0.12 else []
    return hedge + [(t, "MONEY")]


def s_rate(rng, g) -> list[Piece]:
    base = rng.choice(["100,000", "100,000", "100 000", "1,000", "10,000", "100", "100 thousand", "1 000"])
    who = rng.choice(["inhabitants", "population", "residents", "people", "live births", "adults", "children",
                      "women", "vehicles", "workers"])
    v = rng.choice([str(rng.randint(2, 950)), fmt_dec(rng.uniform(0.5, 99), 1, rng), fmt_dec(rng.uniform(0.1, 9), 2, rng)])
    noun = rng.choice(g["rate"])
    r = rng.random()
    if r < 0.3:
        return [(v, "RATE"), (f" {noun} per {base} {who}", None)]
    if r < 0.55:
        return [(f"the number of {noun} per {base} {who} was ", None), (v, "RATE")]
    if r < 0.7:
        return [(f"the {noun} rate per {base} {who} (", None), (v, "RATE"), (")", None)]
    if r < 0.85:
        return [("a rate of ", None), (v, "RATE"), (f" per {base}", None)]
    v2 = fmt_dec(rng.uniform(0.5, 60), 1, rng)
    return [("from ", None), (v, "RATE"), (" to ", None), (v2, "RATE"), (f" per {base}", None)]


def s_other(rng, g) -> list[Piece]:
    r = rng.randint(0, 17)
    n = rng.randint(1, 400)
    if r == 0:
        return [(rng.choice(["COP", "G", "COVID-", "Euro ", "Expo "]) + str(rng.choice([29, 20, 19, 2024, 7, 2030])), "OTHER")]
    if r == 1:
        q = rng.choice([("“", "”"), ('"', '"'), ("", "")])
        return [(f"the {q[0]}", None), (str(rng.choice([102, 103, 112, 911, 999, 101, 1919, 142])), "OTHER"), (f"{q[1]} {rng.choice(['Service', 'hotline', 'call centre', 'emergency line'])}", None)]
    if r == 2:
        return [(rng.choice(["Article ", "article ", "Articles "]), None), (str(n), "OTHER"),
                (rng.choice([" of the Criminal Code", "", " of the Code of Administrative Offences", " (fraud)"]), None)]
    if r == 3:
        return [(rng.choice(["Resolution ", "Decree No. ", "Law No. ", "Order No. ", "Regulation "]), None), (str(rng.randint(10, 3000)), "OTHER")]
    if r == 4:
        return [(rng.choice(["Table ", "Figure ", "Annex ", "Chart "]), None), (str(rng.randint(1, 12)), "OTHER")]
    if r == 5:
        return [(rng.choice(["Ward ", "District ", "Zone ", "Precinct ", "Region ", "Block "]), None), (str(rng.randint(1, 30)), "OTHER")]
    if r == 6:
        return [("the ", None), (f"{n}{_ordsuf(n)}", "OTHER"), (" " + rng.choice(["convocation", "anniversary", "session", "congress", "place"]), None)]
    if r == 7:
        return [("by calling ", None), (rng.choice(["+994 12 590 92 22", "1-800-555-0199", "(02) 8123 4567", "112", "0800 123 456"]), "OTHER")]
    if r == 8:
        return [(rng.choice(["case No. ", "file no. ", "ID "]), None), (f"{rng.randint(1, 9)}-{rng.randint(100, 999)}/{rng.randint(2015, 2025)}", "OTHER")]
    if r == 9:
        return [(rng.choice(["Route ", "Highway ", "Bus ", "Flight ", "Unit "]), None), (str(rng.randint(1, 999)), "OTHER")]
    if r == 10:
        return [("Wards ", None), (str(rng.randint(1, 3)), "OTHER"), (", ", None), (str(rng.randint(4, 6)), "OTHER"), (" and ", None), (str(rng.randint(7, 9)), "OTHER")]
    if r == 11:
        return [(rng.choice(["School No. ", "Hospital No. ", "Police Station No. ", "Lyceum No. "]), None), (str(rng.randint(1, 300)), "OTHER")]
    if r == 12:
        return [(rng.choice(["the ", "its "]), None), (rng.choice(["A4", "M1", "E-60", "Su-25", "F-16", "H5N1", "PM2.5", "ISO 9001", "Windows 11"]), "OTHER"), (rng.choice([" road", " model", " standard", " case", " programme"]), None)]
    if r == 13:
        return [(rng.choice(["Paragraph ", "Section ", "Chapter ", "Part "]), None), (str(rng.randint(1, 40)), "OTHER")]
    if r == 14:
        return [("the ", None), (rng.choice(["ASAN", "E-Gov", "Mobile", "Safe City"]) + " " + str(rng.randint(2, 5)) + ".0", "OTHER"), (" platform", None)]
    if r == 15:
        return [("No. ", None), (str(rng.randint(1, 999)), "OTHER")]
    if r == 16:
        return [("ranked ", None), (f"{rng.randint(2, 99)}th", "OTHER")]
    return [(rng.choice(["the Formula ", "Channel ", "Level "]), None), (str(rng.randint(1, 9)), "OTHER")]


def s_name(rng, g) -> list[Piece]:
    f = rng.choice(FIRST)
    l = rng.choice(LAST)
    form = rng.randint(0, 3)
    t = [f"{rng.choice(TITLES)} {f} {l}", f"{f[0]}. {l}", f"{rng.choice(TITLES)} {l}", f"{f} {l}"][form]
    return [(t, None)]


def s_age(rng, g) -> list[Piece]:
    a = rng.randint(14, 60)
    if rng.random() < 0.5:
        return [("aged ", None), (str(a), "MEASURE"), (rng.choice([" and over", " and older", " years and above", " or younger"]), None)]
    b = a + rng.randint(4, 15)
    dash = rng.choice(["–", "-", " to "])
    return [("aged ", None), (str(a), "MEASURE"), (dash, None), (str(b), "MEASURE")]


def s_month_of(rng, g) -> list[Piece]:
    """'in June of 2015' (only the year is a span), 'Monday, December 05, 2011'."""
    if rng.random() < 0.6:
        return [(f"{rng.choice(MONTHS)} of ", None), (str(rng.randint(1998, 2025)), "DATE")]
    day = rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
    m = rng.randint(1, 12)
    return [(f"{day}, ", None), (f"{MONTHS[m - 1]} {rng.randint(1, 28):02d}, {rng.randint(1998, 2025)}", "DATE")]


def s_rate_list(rng, g) -> list[Piece]:
    """'West Province (52.0 per 100,000), Lake County (39.1) and the capital (38.8)'."""
    names = ["North Province", "Lake County", "the capital", "the coastal region", "East District", "Hill County",
             "the border region", "River Province", "the southern districts"]
    rng.shuffle(names)
    p: list[Piece] = [(f"{names[0]} (", None), (fmt_dec(rng.uniform(5, 60), 1, rng, comma=0), "RATE"),
                      (rng.choice([" per 100,000)", " per 100 000)", " per 1,000)"]), None)]
    for nm in names[1:rng.randint(2, 5)]:
        p += [(f", {nm} (", None), (fmt_dec(rng.uniform(5, 60), 1, rng, comma=0), "RATE"), (")", None)]
    return p


def s_rate_paren_before(rng, g) -> list[Piece]:
    """'the crime rate (257) per 100,000 inhabitants'."""
    return [(f"the {rng.choice(g['rate'])} rate (", None), (str(rng.randint(20, 900)), "RATE"),
            (f") per {rng.choice(['100,000', '100 000', '10,000'])} {rng.choice(['inhabitants', 'residents', 'population'])}", None)]


def s_footnote(rng, g) -> list[Piece]:
    return [("[", None), (str(rng.randint(1, 9)), "OTHER"), ("]", None)]


def s_foreign(rng, g) -> list[Piece]:
    """A heading in a script the tokenizer barely knows, with a year in it."""
    letters = "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ"
    words = [''.join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(rng.randint(2, 5))]
    return [(str(rng.randint(2005, 2025)), "DATE"), (" " + " ".join(words), None)]


# ---------------------------------------------------------------- public health, epidemiology, surveys
#
# New material (see NEW_HEALTH_TEMPLATES / NEW_GENERAL_TEMPLATES): identifiers with digits glued to
# letters (OTHER as one token), date ranges as one DATE span, ages / concentrations / areas as
# MEASURE, frequencies and base-first rates as RATE, confidence intervals of percentages, counts with
# bracketed changes, year-like counts after a date, shares vs parallel changes, number words.

FACILITIES = [("clinic", "clinics"), ("hospital", "hospitals"), ("school", "schools"), ("laboratory", "laboratories"),
              ("office", "offices"), ("station", "stations"), ("site", "sites"), ("building", "buildings"),
              ("room", "rooms"), ("shelter", "shelters"), ("district", "districts"), ("household", "households")]
ORD_WORDS = ["first", "second", "third", "fourth", "fifth"]
REGIONS = ["the North", "the South", "the West", "the East", "the coastal provinces", "the rest of the country",
           "the capital region", "the mountain districts", "the national average", "rural counties"]
STRAIN_PREFIX = ["XBB", "XDQ", "KP", "JN", "LQ", "BA", "BQ", "EG", "QT", "MV", "ZR"]
SURVEY_VARS = ["WTFA", "WTSA", "WTIA", "PSU", "STRAT", "STRA", "SDMVPSU", "WTMEC", "VARPSU", "WTINT", "HHWT"]
INSTRUMENTS = ["PHQ-9", "PHQ-8", "PHQ-2", "GAD-7", "GAD-2", "K6", "K10", "SF-12", "SF-36", "EQ-5D", "PC-PTSD-5"]
VACCINES = ["PCV15", "PCV20", "PCV13", "PPSV23", "9vHPV", "RV5", "RV1", "PCV10"]
PATHOGENS = ["COVID-19", "SARS-CoV-2", "HIV-1", "HSV-2", "HPV-16", "EV-D68", "COVID-19"]
SOFTWARE = ["SAS", "SUDAAN", "Stata", "R", "SPSS", "Epi Info", "QGIS", "Python"]
PROGRAMME_NAMES = ["Vision ", "Agenda ", "Strategy ", "Healthy Towns ", "Clean Air ", "Health for All ", "Smoke-Free "]
PLAN_NAMES = [" Action Plan", " National Strategy", " Health Sector Plan", " Roadmap", " Immunization Programme",
              " Surveillance Plan"]


def _dash(rng) -> str:
    return rng.choice(["–", "–", "–", "-"])


def s_date_range(rng, g) -> list[Piece]:
    """One DATE span: 'March 3–April 9, 2022', 'May 2–19, 2021', '2015–2019', 'fiscal years 2018–2020'."""
    y = rng.randint(1998, 2025)
    m1 = rng.randint(1, 11)
    m2 = rng.randint(m1 + 1, 12)
    d1, d2 = rng.randint(1, 28), rng.randint(1, 28)
    dash = _dash(rng)
    r = rng.randint(0, 9)
    if r == 0:
        t = f"{MONTHS[m1 - 1]} {d1}{dash}{MONTHS[m2 - 1]} {d2}, {y}"
    elif r == 1:
        t = f"{MONTHS[m1 - 1]} {d1}{dash}{rng.randint(d1 + 1, 30)}, {y}"
    elif r in (2, 3):
        t = f"{y - rng.randint(1, 10)}{dash}{y}"
    elif r == 4:
        return [(rng.choice(["fiscal years ", "fiscal years ", "calendar years ", "survey years "]), None),
                (f"{y - rng.randint(1, 4)}{dash}{y}", "DATE")]
    elif r == 5:
        t = f"{d1} {MONTHS[m1 - 1]}{dash}{d2} {MONTHS[m2 - 1]} {y}"
    elif r == 6:
        t = f"{MONTHS[m1 - 1]} {y - 1}{dash}{MONTHS[m2 - 1]} {y}"
    elif r == 7:
        return [("the ", None), (f"{y - 1}{dash}{y % 100:02d}", "DATE"),
                (rng.choice([" influenza season", " school year", " respiratory virus season", " season"]), None)]
    elif r == 8:
        t = f"{MON_ABBR[m1 - 1]} {d1}{dash}{MON_ABBR[m2 - 1]} {d2}, {y}"
    else:
        t = f"{y - rng.randint(1, 6)} {rng.choice(['–', 'to', '-'])} {y}" if rng.random() < 0.3 else f"{y - rng.randint(1, 6)}{dash}{y}"
        if " to " in t:  # 'from 2015 to 2019' is two dates, not a range span
            a, b = t.split(" to ")
            return [(a, "DATE"), (" to ", None), (b, "DATE")]
    return [(t, "DATE")]


def s_year_list(rng, g) -> list[Piece]:
    """Separate DATE spans: '2001, 2003, and 2005', '2012 and 2016'."""
    k = rng.choice([2, 3, 3, 4])
    step = rng.choice([1, 2, 2, 4, 5])
    y0 = rng.randint(1990, 2025 - step * (k - 1))
    p: list[Piece] = []
    for i in range(k):
        if i:
            last = i == k - 1
            p.append(((" and " if k == 2 else rng.choice([", and ", " and "])) if last else ", ", None))
        p.append((str(y0 + step * i), "DATE"))
    return p


def s_decades(rng, g) -> list[Piece]:
    """'the past two decades' -> 'two decades' MEASURE."""
    n = rng.randint(2, 5)
    v = SMALL_WORDS[n] if rng.random() < 0.8 else str(n)
    return [(rng.choice(["the past ", "the last ", "the previous ", "nearly ", "more than "]), None), (f"{v} decades", "MEASURE")]


def s_era(rng, g) -> list[Piece]:
    """'the 1990s', 'the 1980s and 1990s', 'the 20th century' (DATE)."""
    r = rng.random()
    dec = rng.randrange(1940, 2030, 10)
    if r < 0.55:
        return [(rng.choice(["the ", "the early ", "the late ", "the "]), None), (f"{dec}s", "DATE")]
    if r < 0.75:
        dec = min(dec, 2010)
        return [("the ", None), (f"{dec}s", "DATE"), (" and ", None), (f"{dec + 10}s", "DATE")]
    c = rng.choice([19, 20, 20, 21])
    return [(rng.choice(["the ", "the early ", "the late ", "the "]), None), (f"{c}{_ordsuf(c)} century", "DATE")]


def s_strain(rng, g) -> list[Piece]:
    """Invented variant / strain names, OTHER as one token: 'A(H3N2)', 'XBB.1.5', 'BA.2', 'B.1.617.2'."""
    r = rng.randint(0, 4)
    if r == 0:
        name = f"H{rng.randint(1, 9)}N{rng.randint(1, 9)}"
        pre, post = rng.choice([("influenza A(", ") viruses"), ("A(", ") viruses"), ("influenza A ", " viruses"), ("avian influenza ", "")])
    elif r == 1:
        name = f"{rng.choice(STRAIN_PREFIX)}.{rng.randint(1, 9)}.{rng.randint(1, 19)}"
        pre, post = rng.choice([("the ", " lineage"), ("variant ", ""), ("the ", " sublineage"), ("", " viruses")])
    elif r == 2:
        name = f"{rng.choice(STRAIN_PREFIX)}.{rng.randint(1, 9)}"
        pre, post = rng.choice([("the ", " lineage"), ("Omicron ", ""), ("the ", " variant"), ("", " viruses")])
    elif r == 3:
        name = f"{rng.choice('ABCP')}.{rng.randint(1, 3)}.{rng.randint(100, 699)}.{rng.randint(1, 9)}"
        pre, post = rng.choice([("the ", " variant"), ("lineage ", ""), ("the ", " lineage")])
    else:
        name = f"{rng.randint(1, 3)}.{rng.randint(1, 4)}.{rng.randint(1, 4)}.{rng.randint(1, 4)}{rng.choice('abc')}"
        pre, post = rng.choice([("clade ", " viruses"), ("clade ", "")])
    p: list[Piece] = [(pre, None), (name, "OTHER")]
    if post:
        p.append((post, None))
    return p


def s_varname(rng, g) -> list[Piece]:
    """Survey variable names and file / component codes, OTHER: 'WTFA2019', 'PSU1017', 'Module-024'."""
    if rng.random() < 0.65:
        suf = str(rng.randint(1999, 2024)) if rng.random() < 0.5 else f"{rng.randint(1, 9999):04d}"
        return [(rng.choice(SURVEY_VARS) + suf, "OTHER")]
    w = rng.choice(["Module", "Component", "File", "Block", "Form", "Segment"])
    return [(f"{w}-{rng.randint(1, 99):03d}", "OTHER")]


def s_marker(rng, g) -> list[Piece]:
    """Cell markers, OTHER without the '+': 'CD8+ T cells'."""
    cd = f"CD{rng.choice([3, 4, 4, 8, 8, 19, 34, 56])}"
    return [(cd, "OTHER"), (rng.choice(["+ T cells", "+ T-cell counts", "+ lymphocytes", "+ cells", " cell counts"]), None)]


def s_cd4_threshold(rng, g) -> list[Piece]:
    """'CD4 count <200 cells/mm3': marker OTHER, threshold MEASURE (sign outside)."""
    v = rng.choice([200, 200, 350, 500, 100, 50])
    unit = rng.choice([" cells/mm3", " cells/mm3", "/mm3", " cells/µL", " cells/μL"])
    sign = rng.choice(["<", "< ", "≥", "below ", "of at least ", "<"])
    return [("CD4", "OTHER"), (" count " + sign, None), (f"{v}{unit}", "MEASURE")]


def s_instrument(rng, g) -> list[Piece]:
    """Scale names with digits, OTHER: 'PHQ-9', 'GAD-7'."""
    return [("the ", None), (rng.choice(INSTRUMENTS), "OTHER")]


def s_vaccine(rng, g) -> list[Piece]:
    """Vaccine names with digits, OTHER: 'PCV15'."""
    return [(rng.choice(VACCINES), "OTHER")]


def s_pathogen(rng, g) -> list[Piece]:
    """Disease and virus names with digits, OTHER as one token: 'COVID-19', 'SARS-CoV-2'."""
    return [(rng.choice(PATHOGENS), "OTHER")]


def s_icd(rng, g) -> list[Piece]:
    """'ICD-10 codes I20–I25' / 'ICD-10 code J45': every code OTHER."""
    L = rng.choice("IJEFCK")
    a = rng.randint(0, 90)
    if rng.random() < 0.5:
        return [("ICD-10", "OTHER"), (" codes ", None), (f"{L}{a:02d}", "OTHER"), (_dash(rng), None),
                (f"{L}{a + rng.randint(1, 9):02d}", "OTHER")]
    return [("ICD-10", "OTHER"), (" code ", None), (f"{L}{a:02d}" + (f".{rng.randint(0, 9)}" if rng.random() < 0.4 else ""), "OTHER")]


def s_programme(rng, g) -> list[Piece]:
    """A year inside a programme name is OTHER: 'Vision 2030', 'the 2021–2025 Action Plan'."""
    y = rng.randint(2020, 2040)
    r = rng.random()
    if r < 0.5:
        return [(rng.choice(PROGRAMME_NAMES), None), (str(y), "OTHER")]
    if r < 0.85:
        a = rng.randint(2010, 2030)
        return [("the ", None), (f"{a}{_dash(rng)}{a + rng.randint(3, 10)}", "OTHER"), (rng.choice(PLAN_NAMES), None)]
    return [("the ", None), (rng.choice(PROGRAMME_NAMES), None), (str(y), "OTHER"), (" programme", None)]


def s_version(rng, g) -> list[Piece]:
    """Software versions, OTHER: 'SAS (version 9.4.1; ...)', 'R version 4.3'."""
    v = f"{rng.randint(1, 15)}.{rng.randint(0, 9)}" + (f".{rng.randint(0, 9)}" if rng.random() < 0.6 else "")
    sw = rng.choice(SOFTWARE)
    r = rng.random()
    if r < 0.4:
        return [(f"{sw} (version ", None), (v, "OTHER"), (rng.choice(["; Analytic Software Inc.)", ")", "; Statistical Computing Group)"]), None)]
    if r < 0.8:
        return [(f"{sw} version ", None), (v, "OTHER")]
    return [(f"{sw} ", None), (v, "OTHER")]


def s_pvalue(rng, g) -> list[Piece]:
    """p-values, OTHER, the number only: 'p = 0.03', 'P<0.001'."""
    name = rng.choice(["p", "P", "p", "P", "p-value", "P for trend"])
    if rng.random() < 0.45:
        op = rng.choice(["<", " < ", "<", "≤"])
        v = rng.choice(["0.001", "0.01", "0.05", ".001", ".05", "0.0001"])
    else:
        op = rng.choice([" = ", "=", " = "])
        v = rng.choice([f"0.{rng.randint(1, 49):02d}", f"0.{rng.randint(1, 9):03d}", f".{rng.randint(1, 49):02d}",
                        f"0.{rng.randint(10, 95)}"])
    if rng.random() < 0.5:
        return [(f"({name}{op}", None), (v, "OTHER"), (")", None)]
    return [(f"{name}{op}", None), (v, "OTHER")]


def s_null(rng, g) -> list[Piece]:
    """A ratio's null value is OTHER: 'did not cross 1.0'. (The ratio itself is left out.)"""
    verb, tail = rng.choice([("did not cross ", ", indicating a significant association"),
                             ("did not include ", ", so the association was significant"),
                             ("excluded ", ", so the difference was significant"),
                             ("included ", ", so the difference was not significant"),
                             ("crossed ", ", and the association was not significant")])
    return [(verb, None), (rng.choice(["1.0", "1.0", "1", "1.00"]), "OTHER"), (tail, None)]


def s_likert(rng, g) -> list[Piece]:
    """Rating-scale points are OTHER: 'from 1 (never) to 5 (always)'."""
    lo = rng.choice([0, 1, 1])
    hi = rng.choice([3, 4, 5, 5, 7, 10])
    a, b = rng.choice([("never", "always"), ("not at all", "nearly every day"), ("strongly disagree", "strongly agree"),
                       ("very poor", "excellent"), ("no difficulty", "cannot do at all")])
    if rng.random() < 0.7:
        return [("from ", None), (str(lo), "OTHER"), (f" ({a}) to ", None), (str(hi), "OTHER"), (f" ({b})", None)]
    return [("on a scale where ", None), (str(lo), "OTHER"), (f" = {a} and ", None), (str(hi), "OTHER"), (f" = {b}", None)]


def s_ref(rng, g) -> list[Piece]:
    """Reference brackets, OTHER inside the brackets: '[12]', '[3,4]', '[5–7]'."""
    a = rng.randint(1, 48)
    r = rng.random()
    if r < 0.5:
        return [("[", None), (str(a), "OTHER"), ("]", None)]
    if r < 0.75:
        return [("[", None), (str(a), "OTHER"), (rng.choice([",", ", "]), None), (str(a + 1), "OTHER"), ("]", None)]
    return [("[", None), (str(a), "OTHER"), (_dash(rng), None), (str(a + rng.randint(2, 5)), "OTHER"), ("]", None)]


def s_tabref(rng, g) -> list[Piece]:
    """'Table 2', 'Figure 3', 'Supplementary Table 4' (OTHER)."""
    return [(rng.choice(["Table ", "Figure ", "Table ", "Figure ", "Supplementary Table ", "Appendix Figure "]), None),
            (str(rng.randint(1, 6)), "OTHER")]


def s_dose(rng, g) -> list[Piece]:
    """'dose 2' (OTHER)."""
    return [("dose ", None), (str(rng.randint(1, 4)), "OTHER")]


def s_step(rng, g) -> list[Piece]:
    """'step 4' (OTHER)."""
    return [("step ", None), (str(rng.randint(1, 9)), "OTHER")]


def s_item_no(rng, g) -> list[Piece]:
    """'item 7', 'question 12' (OTHER)."""
    return [(rng.choice(["item ", "item ", "question "]), None), (str(rng.randint(1, 30)), "OTHER")]


def s_age_h(rng, g) -> list[Piece]:
    """Ages as MEASURE: 'aged 18–44 years' ('18', '44 years'), 'aged ≥65 years' ('65 years')."""
    r = rng.random()
    a = rng.choice([12, 15, 18, 18, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 65])
    b = a + rng.choice([4, 9, 14, 19, 24])
    if r < 0.4:
        return [("aged ", None), (str(a), "MEASURE"), (_dash(rng), None), (f"{b} years", "MEASURE")]
    if r < 0.65:
        sign = rng.choice(["≥", "≥", "<", ">", "≤"])
        return [(f"aged {sign}{rng.choice(['', '', ' '])}", None), (f"{a} years", "MEASURE")]
    if r < 0.8:
        return [("aged ", None), (f"{a} years", "MEASURE"), (rng.choice([" and older", " or older", " and over"]), None)]
    if r < 0.9:
        return [("aged ", None), (str(rng.choice([6, 12, 18])), "MEASURE"), (_dash(rng), None),
                (f"{rng.choice([23, 35, 59])} months", "MEASURE")]
    return [("aged ", None), (f"{rng.randint(6, 11)} months", "MEASURE"), (_dash(rng), None),
            (f"{rng.randint(2, 17)} years", "MEASURE")]


def s_mean_age(rng, g) -> list[Piece]:
    """Abbreviated age, MEASURE: 'a mean age of 59.2 y'."""
    return [(rng.choice(["a mean age of ", "a median age of "]), None),
            (f"{fmt_dec(rng.uniform(8, 80), 1, rng, comma=0)} y", "MEASURE")]


def s_followup(rng, g) -> list[Piece]:
    """Abbreviated duration, MEASURE: 'a median follow-up of 6 mo'."""
    return [(rng.choice(["a median follow-up of ", "a follow-up of "]), None), (f"{rng.randint(2, 36)} mo", "MEASURE")]


def s_age_mo(rng, g) -> list[Piece]:
    """'aged 12–23 mo' ('12' MEASURE, '23 mo' MEASURE)."""
    return [("aged ", None), (str(rng.choice([6, 12, 18])), "MEASURE"), (_dash(rng), None), (f"{rng.choice([23, 35, 59])} mo", "MEASURE")]


CONC_UNITS = [("µg/dL", 1, 45, 1), ("μg/dL", 1, 45, 0), ("ng/mL", 0.01, 5, 2), ("cells/mm3", 50, 800, 0),
              ("mg/L", 0.1, 20, 1), ("mmol/L", 2, 15, 1), ("µg/m3", 5, 60, 1), ("ppb", 1, 80, 0),
              ("mg/kg", 0.1, 30, 1), ("IU/L", 10, 300, 0), ("copies/mL", 50, 1000, 0), ("pg/mL", 1, 90, 1)]


def _num_text(rng, lo: float, hi: float, d: int) -> str:
    return fmt_dec(rng.uniform(lo, hi), d, rng, comma=0) if d else str(rng.randint(int(max(1, lo)), int(hi)))


def s_conc(rng, g) -> list[Piece]:
    """Concentrations, MEASURE with the compound unit inside, sign outside: '≥5 µg/dL', '0.05 ng/mL'."""
    u, lo, hi, d = rng.choice(CONC_UNITS)
    p: list[Piece] = []
    if rng.random() < 0.4:
        p.append((rng.choice(["≥", "<", ">", "≤", "≥ "]), None))
    p.append((f"{_num_text(rng, lo, hi, d)} {u}", "MEASURE"))
    return p


def s_lead(rng, g) -> list[Piece]:
    """Blood lead reference values: '≥5 µg/dL' (MEASURE, sign outside)."""
    v = rng.choice(["5", "3.5", "10", "5", "45"])
    return [(rng.choice(["≥", "≥", "of at least ", "above "]), None), (f"{v} {rng.choice(['µg/dL', 'μg/dL'])}", "MEASURE")]


def s_dose_amt(rng, g) -> list[Piece]:
    """Drug amounts, MEASURE: '10 mg', '2.5 mL'."""
    u = rng.choice(["mg", "mg", "mL", "g", "µg", "mg/kg"])
    v = rng.choice([str(rng.choice([5, 10, 20, 25, 40, 50, 100, 200, 250, 400, 500])), fmt_dec(rng.uniform(0.5, 10), 1, rng, comma=0)])
    return [(f"{v}{rng.choice([' ', ' ', ' ', ''])}{u}", "MEASURE")]


def s_area(rng, g) -> list[Piece]:
    """Areas and distances, MEASURE: '4,700 square miles', '12 km2'."""
    r = rng.random()
    if r < 0.35:
        t = f"{fmt_int(rng.randint(120, 98000), rng)} square miles"
    elif r < 0.6:
        t = f"{rng.randint(2, 900)} {rng.choice(['km2', 'km²', 'sq km'])}"
    elif r < 0.75:
        t = f"{fmt_int(rng.randint(50, 40000), rng)} square kilometres"
    elif r < 0.9:
        t = f"{fmt_int(rng.randint(5, 20000), rng)} {rng.choice(['acres', 'hectares'])}"
    else:
        t = f"{fmt_dec(rng.uniform(1, 80), 1, rng, comma=0)} {rng.choice(['miles', 'km'])}"
    return [(t, "MEASURE")]


def s_freq(rng, g) -> list[Piece]:
    """Frequencies, RATE as one span: '1 time/day', '2 times/week' (a sign stays outside)."""
    n = rng.choice([1, 1, 2, 2, 3, 4, 5, 7])
    t = f"{n} time{'' if n == 1 else 's'}/{rng.choice(['day', 'day', 'week', 'week', 'month'])}"
    sign = rng.choice(["", "", "≥", "<"])
    return ([(sign, None)] if sign else []) + [(t, "RATE")]


def s_rate_base_first(rng, g) -> list[Piece]:
    """The base before the value: 'per 10,000 residents, the figure was 71 cases' -> '71' RATE."""
    base = rng.choice(["100 thousand", "100,000", "100 000", "1,000", "10,000"])
    who = rng.choice(["population", "residents", "inhabitants", "live births", "children", "adults"])
    v = rng.choice([str(rng.randint(2, 950)), fmt_dec(rng.uniform(0.5, 99), 1, rng)])
    noun = rng.choice(g["rate"])
    head, tail = rng.choice([(f"per {base} {who}, the figure was ", f" {noun}"), (f"per {base} {who}, there were ", f" {noun}"),
                             (f"for every {base} {who}, ", f" {noun} were recorded"), (f"per {base} {who}, the count reached ", f" {noun}")])
    return [(head, None), (v, "RATE"), (tail, None)]


def s_rate_py(rng, g) -> list[Piece]:
    """'12.5 per 100,000 person-years' -> '12.5' RATE."""
    v = fmt_dec(rng.uniform(0.2, 90), rng.choice([1, 1, 2]), rng, comma=0)
    tail = rng.choice([" per 100,000 person-years", f" {rng.choice(g['rate'])} per 1,000 person-years",
                       " per 10,000 person-years", " per 100 person-years", " per 1,000 person-months"])
    return [(v, "RATE"), (tail, None)]


def s_pct_ci(rng, g) -> list[Piece]:
    """A percentage with its confidence interval, all PERCENT: '3.5% (95% CI = 3.3–3.7)'."""
    d = rng.choice([1, 1, 1, 0, 2])
    step = 10 ** -d
    v = round(rng.uniform(2, 85), d)
    lo = round(max(step, v - step * rng.randint(1, 40 if d else 6)), d)
    hi = round(min(99.9, v + step * rng.randint(1, 40 if d else 6)), d)
    if not lo < v < hi:
        lo, v, hi = round(v - step, d), v, round(v + step, d)
    f = lambda x: f"{x:.{d}f}"  # noqa: E731
    p: list[Piece] = [(f(v) + rng.choice(["%", "%", "%", " percent"]), "PERCENT"), (" (", None),
                      (rng.choice(["95%", "95%", "95%", "90%"]), "PERCENT")]
    r = rng.randint(0, 5)
    if r == 0:
        p += [(" CI = ", None), (f(lo), "PERCENT"), (_dash(rng), None), (f(hi), "PERCENT")]
    elif r == 1:
        p += [(" CI: ", None), (f(lo), "PERCENT"), (_dash(rng), None), (f(hi), "PERCENT")]
    elif r == 2:
        p += [(" CI, ", None), (f(lo), "PERCENT"), (" to ", None), (f(hi), "PERCENT")]
    elif r == 3:
        p += [(" confidence interval [CI] = ", None), (f(lo), "PERCENT"), (_dash(rng), None), (f(hi), "PERCENT")]
    elif r == 4:
        p += [(" CI ", None), (f(lo) + "%", "PERCENT"), (_dash(rng), None), (f(hi) + "%", "PERCENT")]
    else:
        p += [(" CI = ", None), (f(lo), "PERCENT"), (", ", None), (f(hi), "PERCENT")]
    p.append((")", None))
    return p


def s_cat_counts(rng, g) -> list[Piece]:
    """Categories with parenthetical counts, each COUNT: 'thefts (1,204), fraud (387) and robberies (95)'."""
    cats = list(g.get("cat") or g.get("cond") or g["noun"])
    rng.shuffle(cats)
    k = rng.randint(2, min(5, len(cats)))
    vals = sorted((rand_count(rng) for _ in range(k)), reverse=True)
    p: list[Piece] = []
    for i in range(k):
        if i:
            p.append((rng.choice([" and ", ", and "]) if i == k - 1 else ", ", None))
        p += [(f"{cats[i]} (", None), (fmt_int(vals[i], rng), "COUNT"), (")", None)]
    return p


def _count_chg(rng, up: bool) -> list[Piece]:
    sign = "+" if up else rng.choice(["–", "−", "-", "–"])
    p: list[Piece] = [(fmt_int(rand_count(rng), rng), "COUNT"), (" (", None),
                      (sign + fmt_int(rng.randint(1, 2500), rng), "CHANGE")]
    r = rng.random()
    if r < 0.35:
        p += [(" compared with the same period of ", None), (str(rng.randint(2000, 2025)), "DATE")]
    elif r < 0.55:
        p.append((" ", None))
        p.extend(_compare(rng))
    p.append((")", None))
    return p


def s_count_chg(rng, g) -> list[Piece]:
    """A count then its change in brackets: '2,710 (+41 compared with the same period of 2022)' (COUNT, CHANGE)."""
    return _count_chg(rng, rng.random() < 0.5)


def s_count_chg_to(rng, g) -> list[Piece]:
    """'rose to 1,312 (+57)', 'fell to 1,312 (–57)' (COUNT, then the signed CHANGE)."""
    up = rng.random() < 0.5
    verb = rng.choice(["rose to ", "increased to ", "reached ", "totalled "] if up else
                      ["fell to ", "decreased to ", "dropped to ", "declined to "])
    return [(verb, None)] + _count_chg(rng, up)


def s_share_of(rng, g) -> list[Piece]:
    """A share of a whole, PERCENT: 'made up 60 per cent of all'."""
    verb = rng.choice(["made up ", "accounted for ", "represented ", "constituted ", "comprised "])
    return [(verb, None)] + s_pct(rng, g) + [(" of all ", None)]


def _small_chg(rng) -> str:
    return fmt_dec(rng.uniform(0.1, 15), rng.choice([1, 1, 2]), rng) + pct_suffix(rng)


def s_nw_of(rng, g) -> list[Piece]:
    """'One of the clinics was', 'Three of the schools were' (the number word is COUNT)."""
    n = rng.randint(1, 9)
    sing, plur = rng.choice(FACILITIES)
    return [(SMALL_WORDS[n], "COUNT"), (f" of the {plur} {'was' if n == 1 else 'were'}", None)]


def s_nw_people(rng, g) -> list[Piece]:
    """'One of the patients', 'two of the workers' (COUNT)."""
    n = rng.randint(1, 9)
    return [(SMALL_WORDS[n], "COUNT"), (f" of the {rng.choice(g['noun'])} {'was' if n == 1 else 'were'}", None)]


def s_nw_fac(rng, g) -> list[Piece]:
    """'two rooms', 'one clinic' (the number word is COUNT)."""
    n = rng.randint(1, 12)
    sing, plur = rng.choice(FACILITIES)
    return [(SMALL_WORDS[n], "COUNT"), (" " + (sing if n == 1 else plur), None)]


# Press-release levels and lists the first shipped model read wrongly (kinds from context):
# a count compared with last year's, seats by party, a level "of 58.0%" next to a change,
# "or 25.0%" after a count, shares each after its category.
PARTY_NAMES = ["the Civic Union", "the Farmers' Party", "the Greens", "the Liberal Front", "the Reform Bloc",
               "the Workers' Alliance", "independents", "the People's Movement", "the Centre Party"]
CATEGORY_WORDS = ["Landfill", "incineration", "recycling", "composting", "services", "industry", "construction",
                  "agriculture", "rail", "road transport", "shipping", "households", "exports"]


def s_fewer_than(rng, g) -> list[Piece]:
    """'187 deaths, 27 fewer than the 214 recorded a year earlier' (COUNT, CHANGE, COUNT)."""
    new = rand_count(rng)
    delta = max(1, int(new * rng.uniform(0.01, 0.3)))
    word = rng.choice(["fewer", "more", "less", "lower", "higher"])
    old = new + delta if word in ("fewer", "less", "lower") else max(1, new - delta)
    tail: list[Piece] = rng.choice([
        [(" recorded a year earlier", None)], [(" registered in ", None), (str(rng.randint(2005, 2025)), "DATE")],
        [(" of ", None), (str(rng.randint(2005, 2025)), "DATE")], [(" the year before", None)]])
    return [(fmt_int(new, rng), "COUNT"), (f" {rng.choice(g['noun'])}, ", None), (fmt_int(delta, rng), "CHANGE"),
            (f" {word} than the ", None), (fmt_int(old, rng), "COUNT"), *tail]


def s_seat_list(rng, g) -> list[Piece]:
    """'the Civic Union takes 62, the Greens 44 and independents 23' (each a COUNT)."""
    names = rng.sample(PARTY_NAMES, rng.randint(2, 4))
    verb = rng.choice(["takes", "won", "holds", "gets", "secured"])
    out: list[Piece] = []
    for i, name in enumerate(names):
        if i:
            out.append((" and " if i == len(names) - 1 else ", ", None))
        out += [(f"{name} {verb + ' ' if i == 0 else ''}", None), (str(rng.randint(1, 99)), "COUNT")]
    return out


def s_level_of(rng, g) -> list[Piece]:
    """'a turnout of 58.0%', 'a pass rate of 93.1%, up from 91.8% in 2024' (PERCENT levels)."""
    what = rng.choice(["a turnout of", "a pass rate of", "an occupancy rate of", "a detection rate of",
                       "a response rate of", "a vaccination coverage of", "a share of"])
    a, d = rand_pct(rng)
    out: list[Piece] = [(f"{what} ", None), (fmt_dec(a, d, rng) + pct_suffix(rng), "PERCENT")]
    if rng.random() < 0.5:
        b, _ = rand_pct(rng)
        out += [(rng.choice([", up from ", ", down from ", ", compared with "]), None),
                (fmt_dec(b, d, rng) + pct_suffix(rng), "PERCENT"), (" in ", None), (str(rng.randint(2005, 2025)), "DATE")]
    return out


def s_or_pct(rng, g) -> list[Piece]:
    """'with 6,205 people or 25.0%' (COUNT, PERCENT)."""
    v, d = rand_pct(rng)
    return [(rng.choice(["with ", "", "accounting for "]), None), (fmt_int(rand_count(rng), rng), "COUNT"),
            (f" {rng.choice(g['noun'])}{rng.choice([' or ', ', or '])}", None), (fmt_dec(v, d, rng) + pct_suffix(rng), "PERCENT")]


def s_took_pct(rng, g) -> list[Piece]:
    """'Landfill took 41% and incineration 21%' (PERCENT, PERCENT)."""
    a, b = rng.sample(CATEGORY_WORDS, 2)
    verb = rng.choice(["took", "accounted for", "made up", "had"])
    x, d = rand_pct(rng, hi=60)
    y, _ = rand_pct(rng, hi=40)
    return [(f"{a.capitalize()} {verb} ", None), (fmt_dec(x, d, rng) + pct_suffix(rng), "PERCENT"),
            (f" and {b} ", None), (fmt_dec(y, d, rng) + pct_suffix(rng), "PERCENT")]


def s_ordw(rng, g) -> list[Piece]:
    """An ordinal word used as an adjective: not a span."""
    return [(rng.choice(ORD_WORDS), None)]


# Changes read against changes and rates whose base came earlier (config `synth_press_changes`):
# a change compared with another change is a change too, "the largest drop, at 2.4 percent" is a
# change while "the highest share, at 41%" is a level, a count with "or 3% more" after it is the
# size of a change, and "the number of thefts per 100 thousand population ... 212 facts" is a rate.
CMP_REGIONS = ["the north", "the capital", "the southern districts", "rural areas", "the coastal region",
               "the western provinces", "border towns", "the old industrial belt", "the mountain districts"]


def s_chg_vs_chg(rng, g) -> list[Piece]:
    """'grew 11.5 percent and 7.2 percent, respectively, against 2.0 percent and 1.1 percent in the north'."""
    verb = rng.choice(UP + DOWN)
    suffix = pct_suffix(rng)

    def c() -> str:
        return fmt_dec(rng.uniform(0.1, 30), rng.choice([1, 1, 2]), rng) + suffix

    cmp = rng.choice(["compared to ", "compared with ", "against ", "versus ", "while it was ", "after "])
    if rng.random() < 0.5:
        return [(f"{verb} ", None), (c(), "CHANGE"), (" and ", None), (c(), "CHANGE"), (f", respectively, {cmp}", None),
                (c(), "CHANGE"), (" and ", None), (c(), "CHANGE"), (f" in {rng.choice(CMP_REGIONS)}", None)]
    tail: list[Piece] = rng.choice([[(" a year earlier", None)], [(" in ", None), (str(rng.randint(2000, 2025)), "DATE")],
                                    [(f" in {rng.choice(CMP_REGIONS)}", None)], [(" the year before", None)]])
    return [(f"{verb} ", None), (c(), "CHANGE"), (f", {cmp}", None), (c(), "CHANGE"), *tail]


def s_at_pct(rng, g) -> list[Piece]:
    """'the largest drop, at 2.4 percent' (CHANGE) beside 'the highest share, at 41%' (PERCENT)."""
    v = fmt_dec(rng.uniform(0.1, 40), rng.choice([0, 1, 1, 2]), rng) + pct_suffix(rng)
    if rng.random() < 0.6:
        head = rng.choice([f"the single {rng.choice(['region', 'province', 'district', 'city'])} where residents saw a {rng.choice(NOUN_DOWN + NOUN_UP)}",
                           f"the largest {rng.choice(NOUN_DOWN + NOUN_UP)}", f"the steepest {rng.choice(['fall', 'drop', 'decline'])}",
                           f"the fastest {rng.choice(['growth', 'rise', 'increase'])}", f"the smallest {rng.choice(['gain', 'rise', 'decrease'])}",
                           f"a {rng.choice(['modest', 'sharp', 'slight'])} {rng.choice(NOUN_DOWN + NOUN_UP)}"])
        return [(f"{head}, at ", None), (v, "CHANGE")]
    head = rng.choice(["the highest share", "the lowest turnout", "the highest coverage", "the largest share of the total",
                       "the lowest unemployment rate", "the highest pass rate", "a share well above average"])
    return [(f"{head}, at ", None), (v, "PERCENT")]


def s_count_or_more(rng, g) -> list[Piece]:
    """'(415 cases or 3% more in comparison with 2019)' (both CHANGE) beside 'with 6,205 cases or 25.0%' (levels)."""
    more = rng.choice(["more", "less", "fewer", "higher", "lower", "up", "down"])
    pct = fmt_dec(rng.uniform(0.1, 40), rng.choice([0, 1, 1]), rng) + pct_suffix(rng)
    by = rng.choice(["", "", "by "])
    p: list[Piece] = [(f"({by}", None), (fmt_int(rand_count(rng), rng), "CHANGE"), (f" {rng.choice(g['noun'])} or ", None),
                      (pct, "CHANGE"), (f" {more}", None)]
    if rng.random() < 0.7:
        p.append((" ", None))
        p.extend(_compare(rng))
    p.append((")", None))
    return p


def s_rate_base_far(rng, g) -> list[Piece]:
    """'the number of thefts per each 100 thousand population held steady at 212 facts' (RATE)."""
    base = rng.choice(["100 thousand", "100,000", "100 000", "10,000", "1,000"])
    who = rng.choice(["population", "inhabitants", "residents", "people"])
    v = rng.choice([str(rng.randint(2, 950)), fmt_dec(rng.uniform(0.5, 99), 1, rng)])
    noun = rng.choice(g["rate"])
    mid = rng.choice(["held steady at ", "fell slightly and stood at ", "rose and reached ", "was ",
                      "stayed level, amounting to ", "decreased to "])
    each = rng.choice(["each ", "every ", ""])
    return [(f"the number of {noun} per {each}{base} {who} {mid}", None), (v, "RATE"),
            (rng.choice([" facts", " cases", "", f" {noun}"]), None)]


#: This template of TEMPLATES labels the size of the change ("268" in "(268 cases or 1% more ...)")
#: as a COUNT, against the gold format; it is kept as it was so that configs without
#: `synth_press_changes` rebuild their models unchanged, and `press_changes` swaps it for the
#: corrected one (the first of PRESS_CHANGE_TEMPLATES).
MISLABELLED_CHANGE_TEMPLATE = "{num} {noun} were registered ({num} {noun} or {chg_pct_simple} more in comparison with {year})."

PRESS_CHANGE_TEMPLATES: list[str] = [
    "{num} {noun} were registered ({num_chg} {noun} or {chg_pct_simple} more in comparison with {year}).",
    "In {place}, {noun} {chg_vs_chg}.",
    "{actor} said {noun} {chg_vs_chg}.",
    "{place} was {at_pct}.",
    "Among the regions, {place} recorded {at_pct}.",
    "{num} {noun} were registered {count_or_more}.",
    "{actor} detected {num} {noun} {count_or_more}, and {num} {noun} were solved.",
    "In {year}, {rate_base_far}.",
    "{actor} reported that {rate_base_far}.",
]


# Figures whose kind is decided by the words around them (config `synth_press_contexts`): a count
# whose value looks like a year right after a date ("in June 2015, 2016 crime cases") against a
# list of years ("in 2015, 2016 and 2017"); a hotline number among other channels ("the “102”
# Service, hotlines and social media"); the size of a change behind an adjective ("marking a
# staggering uptick of 2,354 cases") against a level behind one ("a record total of 2,354 cases").
CHANNELS = ["hotlines", "social media", "the official website", "e-mail", "personal reception", "the mobile app",
            "the e-appeal portal", "regional offices", "mobile reception points", "the call centre"]
CHG_ADJ = ["staggering", "sharp", "significant", "notable", "marked", "dramatic", "modest", "slight", "steep",
           "considerable", "worrying", "remarkable", "unprecedented", "small", "substantial", "year-on-year"]
LEVEL_ADJ = ["record", "combined", "overall", "grand", "cumulative", "modest", "staggering"]


def s_date_then_count(rng, g) -> list[Piece]:
    """'in June 2015, 2016 crime cases' (DATE, COUNT) beside 'in 2015, 2016 and 2017' (three DATEs)."""
    y = rng.randint(1995, 2025)
    date = rng.choice([str(y), f"{rng.choice(MONTHS)} {y}", f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {y}"])
    pre: list[Piece] = [(rng.choice(["in ", "during ", "as of "]), None), (date, "DATE"), (", ", None)]
    if rng.random() < 0.3:
        years = [y + 1 + i for i in range(rng.choice([1, 2]))]
        p = list(pre)
        for i, yy in enumerate(years):
            if i:
                p.append((", ", None))
            p.append((str(yy), "DATE"))
        return p + [(rng.choice([" and ", ", and "]), None), (str(years[-1] + 1), "DATE"), (", ", None),
                    (fmt_int(rand_count(rng), rng), "COUNT"), (f" {rng.choice(g['noun'])}", None)]
    n = rng.choice([rng.randint(1900, 2100), rng.randint(1000, 2999), y + rng.randint(-3, 3)])
    return pre + [(str(n), "COUNT"), (f" {rng.choice(g['noun'])}", None)]


def s_hotline_list(rng, g) -> list[Piece]:
    """'the “102” Service, hotlines, and social media' (the number is OTHER)."""
    q = rng.choice([("“", "”"), ('"', '"'), ("", ""), ("«", "»")])
    num = str(rng.choice([102, 103, 112, 911, 999, 101, 1919, 142, 114, 1555, 161, 118]))
    name = rng.choice(["Service", "hotline", "call centre", "emergency line", "line", "Call Center", "Hotline"])
    others = rng.sample(CHANNELS, rng.choice([1, 2, 2, 3]))
    if rng.random() < 0.5:
        tail = others[0] if len(others) == 1 else ", ".join(others[:-1]) + rng.choice([", and ", " and "]) + others[-1]
        return [(f"the {q[0]}", None), (num, "OTHER"), (f"{q[1]} {name}, {tail}", None)]
    head = ", ".join(others) + (rng.choice([", and ", " and "]) if len(others) > 1 else " and ")
    return [(f"{head}the {q[0]}", None), (num, "OTHER"), (f"{q[1]} {name}", None)]


def s_chg_adj(rng, g) -> list[Piece]:
    """'marking a staggering uptick of 2,354 cases' (CHANGE) beside 'a record total of 2,354 cases' (COUNT)."""
    lead = rng.choice(["marking ", "representing ", "showing ", "reflecting ", "with ", "", "which is "])
    adj = rng.choice(CHG_ADJ)
    art = "an" if adj[0] in "aeiou" else "a"
    if rng.random() < 0.75:
        noun = rng.choice(NOUN_UP + NOUN_DOWN)
        if rng.random() < 0.6:  # a number of cases, its noun after it
            return [(f"{lead}{art} {adj} {noun} of ", None), (fmt_int(rand_count(rng), rng), "CHANGE"),
                    (f" {rng.choice(g['noun'])}", None)]
        return [(f"{lead}{art} {adj} {noun} of ", None), (_chg_pct_text(rng), "CHANGE")]
    adj = rng.choice(LEVEL_ADJ)
    art = "an" if adj[0] in "aeiou" else "a"
    what = rng.choice(["total", "number", "count", "tally", "figure"])
    return [(f"{lead}{art} {adj} {what} of ", None), (fmt_int(rand_count(rng), rng), "COUNT"), (f" {rng.choice(g['noun'])}", None)]


PRESS_CONTEXT_TEMPLATES: list[str] = [
    "{date_then_count} were registered according to {actor}.",
    "{date_then_count} were recorded, {actor} said.",
    "{actor} noted that {hotline_list} were used to receive {noun}.",
    "Appeals received through {hotline_list} were reviewed by {actor}.",
    "{num} calls came in through {hotline_list}.",
    "{count} {noun} were recorded in {place}, {chg_adj}.",
    "In {year}, {noun} {chg_by}, {chg_adj}.",
    "{actor} reported {count} {noun}, {chg_adj}.",
]

SLOTS: dict[str, Callable[[random.Random, dict], list[Piece]]] = {
    "count": s_count, "num": s_num, "num_chg": s_num_chg, "pct": s_pct, "chg_by": s_chg_by, "chg_noun": s_chg_noun,
    "chg_paren": s_chg_paren, "chg_more": s_chg_more, "chg_from_to": s_chg_from_to, "chg_up_to": s_chg_up_to,
    "year": s_year, "date": s_date, "period": s_period, "measure": s_measure, "money": s_money,
    "rate": s_rate, "other": s_other, "chg_word": s_chg_word, "chg_num": s_chg_num, "duration": s_duration,
    "month_of": s_month_of, "rate_list": s_rate_list, "rate_paren_before": s_rate_paren_before, "footnote": s_footnote,
    "foreign": s_foreign, "name": s_name, "age": s_age, "compare": s_compare,
    # new material: public health, epidemiology, surveys; contexts that decide the kind
    "date_range": s_date_range, "year_list": s_year_list, "decades": s_decades, "era": s_era, "strain": s_strain,
    "varname": s_varname, "marker": s_marker, "cd4_threshold": s_cd4_threshold, "instrument": s_instrument,
    "vaccine": s_vaccine, "pathogen": s_pathogen, "icd": s_icd, "programme": s_programme, "version": s_version,
    "pvalue": s_pvalue, "null": s_null, "likert": s_likert, "ref": s_ref, "tabref": s_tabref, 
    "age_h": s_age_h,  "conc": s_conc, "lead": s_lead, "dose_amt": s_dose_amt, "area": s_area,
    "freq": s_freq, "rate_base_first": s_rate_base_first, "rate_py": s_rate_py, "pct_ci": s_pct_ci,
    "cat_counts": s_cat_counts, "count_chg_to": s_count_chg_to, "share_of": s_share_of,
    "nw_of": s_nw_of,
    "count_chg": s_count_chg, "nw_people": s_nw_people, "dose": s_dose, "step": s_step, "item_no": s_item_no,
    "mean_age": s_mean_age, "followup": s_followup, "age_mo": s_age_mo, "nw_fac": s_nw_fac, "ordw": s_ordw,
    "fewer_than": s_fewer_than, "seat_list": s_seat_list, "level_of": s_level_of, "or_pct": s_or_pct, "took_pct": s_took_pct,
    "chg_vs_chg": s_chg_vs_chg, "at_pct": s_at_pct, "count_or_more": s_count_or_more, "rate_base_far": s_rate_base_far,
    "date_then_count": s_date_then_count, "hotline_list": s_hotline_list, "chg_adj": s_chg_adj,
}

# Plain-text slots filled from the genre (never labelled).
TEXT_SLOTS = {"noun", "actor", "item", "moneyword", "ratenoun", "what", "place", "cond", "pop", "region"}

TEMPLATES: list[str] = [
    # counts and shares
    "In {year}, {count} {noun} were registered in {place}.",
    "{actor} reported that {count} {noun} were recorded in {year}.",
    "A total of {count} {noun} were identified, and {count} {noun} were resolved.",
    "{pct} of these {noun} were solved, and {pct} were closed.",
    "{num} {noun} were recorded, with {pct} of them in {place}.",
    "{pct} or {num} of the {noun} were handled by {actor}.",
    "Among them there were {pct} ({num}) {noun} in {place}, and {pct} ({num}) in other areas.",
    "Of the {num} {noun}, {num} were closed and only {pct} ({num}) remained open.",
    "The share of {noun} in {place} reached {pct} in {year}.",
    "{what} stood at {pct}, while in {year} it reached {pct}.",
    "The case-solving index is {pct}.",
    "{name} said that {count} {noun} had been registered over the past {duration}.",
    "{count} {noun} and {count} {noun} were counted, of whom {pct} were in {place}.",
    "During the reporting period, {num} {noun} were registered by {actor} {chg_paren}.",
    "There were {count} {noun} in {date}, {chg_noun} {compare}.",
    "The acquittal of {count} {noun} followed, a figure that has occurred only {num} other times.",
    "{noun} accounted for {pct} of the total, up from {pct} in {year}.",
    "It was noted that {four_of_six} {noun} showed a decline.",
    "Of {num} registered {noun}, {num} (or {pct}) were in {place}.",
    "Figures for {year}: {num} {noun} ({pct}), {num} {noun} ({pct}).",
    "(n={num} in {year})",
    "In {year} – {num}, in {year} – {num}, and in {year} – {num}.",
    # changes
    "Overall, {noun} {chg_by}, and {noun} {chg_by}.",
    "{what} {chg_by} {compare}.",
    "{noun} {chg_by} in {period}.",
    "The number of {noun} {chg_from_to}.",
    "{actor} recorded {chg_noun} in {noun} {compare}.",
    "With {chg_noun} in {noun}, {place} saw the largest improvement.",
    "{num} {noun} {chg_paren} were registered in {place}.",
    "Compared to {year}, {chg_more} were seized.",
    "The {chg_more} was recorded in {year}.",
    "There have been {chg_more}, or {chg_noun}.",
    "The number of {noun} in {place} {chg_up_to}.",
    "Since {year}, {noun} have {chg_more}.",
    "{noun} {chg_by} to {count}.",
    "{noun} increased by {chg_pct_simple} to {pct}.",
    "This was {chg_pct_simple} higher compared to the same period last year.",
    "{year}: {chg_pct_simple} higher than the same period last year.",
    "a {chg_pct_sign} change from {num} {noun} in {year}",
    "{noun} {chg_num}, and {noun} {chg_num} {noun}.",
    "{noun} {chg_word} between {year} and {year}, from {rate_v} to {rate_paren}.",
    "The number of {noun} {chg_word} in {year}.",
    "Crimes rose by {chg_pct_simple} not {chg_pct_simple}, the figures show.",
    # measures, money, rates, dates
    "In total, {measure} and {measure} were discovered.",
    "Police seized {measure} during {count} operations.",
    "{actor} allocated {money} for {moneyword} in {year}.",
    "{moneyword} reached {money}, {chg_noun} {compare}.",
    "A fine of {money} was imposed on {count} {noun}.",
    "The {ratenoun} rate per 100,000 inhabitants was {rate_v} in {year}.",
    "The number of {ratenoun} {rate}.",
    "{place} had {rate}.",
    "{what} in {year} ({rate_paren}) was {chg_pct_simple} higher than in {year} ({rate_v}).",
    "Among persons {age}, the rate was highest.",
    "The meeting was held on {date} at {actor}.",
    "{actor} published the statistics for {period} on {date}.",
    "The {year} census counted {count} residents.",
    "The programme runs from {year} to {year}.",
    "He was sentenced to {duration} in prison, and {count} {noun} were fined {money}.",
    "The road was closed for {duration} after {count} {noun}.",
    "{noun} registered a {measure_hyphen} low.",
    "They resigned before completing their {measure_hyphen} terms.",
    "Over the past {duration}, {noun} {chg_by}.",
    "According to {actor}, in {month_of}, {num} {noun} were registered, while {num} were solved.",
    "{place} maintained {rate_paren_before}.",
    "The highest rates were in {rate_list}.",
    "{num} {noun} were registered ({num} {noun} or {chg_pct_simple} more in comparison with {year}).",
    "In {year}, the increase was {chg_pct_simple}, and in {year} – {chg_pct_simple}.",
    "{noun} increased by an average of {chg_pct_simple} over the past {duration}.",
    "{noun} fell by {chg_pct_simple} from the same period last year{footnote}.",
    "{foreign}",
    "{actor} said on {month_of} that {count} {noun} had been processed.",
    "The population rose {chg_pct_simple} from a decade ago to {count}.",
    "{noun} grew the most in terms of percentage ({rate_v_chg}).",
    # identifiers and non-quantities
    "{name} noted that the {other} had been modernised.",
    "Requests to {other} were promptly addressed.",
    "Security was ensured during {other} and other events.",
    "Charges were brought under {other}.",
    "The figures are shown in {other}.",
    "The increase was concentrated in {other}.",
    "Citizens may report violations {other}.",
    "{name} opened the session, and {name} presented the report.",
    "{name} thanked {actor} for its cooperation in {place}.",
    "It is the {ordinal} time that {actor} has published such a report.",
]

# ---------------------------------------------------------------- new material: genres and templates

POPS = ["adults", "children", "adolescents", "older adults", "women", "men", "respondents", "participants"]

#: Public-health genres (same keys as GENRES, plus `cond`, `pop` and `cat` for the health templates).
NEW_GENRES: dict[str, dict[str, list[str]]] = {
    "epidemiology": {
        "noun": ["cases", "confirmed cases", "hospitalizations", "deaths", "outbreaks", "infections", "specimens",
                 "contacts", "clusters", "emergency department visits", "probable cases"],
        "actor": ["the state health department", "the Epidemiology Unit", "the national surveillance network",
                  "county health officials", "the Public Health Agency", "the field investigation team"],
        "item": ["vaccine doses", "test kits", "antiviral courses", "specimens"],
        "money": ["outbreak response funding", "surveillance funding", "laboratory costs"],
        "rate": ["cases", "deaths", "hospitalizations", "infections"],
        "what": ["incidence", "the test positivity rate", "the case fatality rate", "the attack rate"],
        "cond": ["influenza", "measles", "pertussis", "hepatitis A", "Lyme disease", "salmonellosis", "tuberculosis",
                 "invasive pneumococcal disease", "legionellosis", "mumps"],
        "pop": ["children", "adults", "older adults", "pregnant women", "health care workers",
                "residents of long-term care facilities", "travellers", "infants"],
        "cat": ["salmonellosis", "campylobacteriosis", "norovirus infection", "hepatitis A", "pertussis", "mumps",
                "legionellosis"],
    },
    "surveys": {
        "noun": ["respondents", "participants", "households", "interviews", "adults", "adolescents", "students",
                 "completed questionnaires"],
        "actor": ["the survey team", "the national health interview programme", "the behavioural risk survey office",
                  "the investigators", "the statistics office"],
        "item": ["questionnaires", "survey kits"],
        "money": ["survey costs", "incentive payments"],
        "rate": ["respondents", "adults", "students"],
        "what": ["the response rate", "prevalence", "the completion rate"],
        "cond": ["obesity", "hypertension", "current smoking", "depressive symptoms", "diabetes", "binge drinking",
                 "food insecurity", "physical inactivity", "e-cigarette use", "short sleep duration"],
        "pop": ["adults", "high school students", "women of reproductive age", "veterans", "older adults",
                "young adults", "respondents"],
    },
    "envhealth": {
        "noun": ["children tested", "water samples", "homes", "wells", "inspections", "exceedances",
                 "monitoring sites", "complaints", "soil samples"],
        "actor": ["the environmental health division", "the water authority", "the county health department",
                  "the air quality office", "the poison centre"],
        "item": ["water", "soil", "drinking water", "paint chips"],
        "money": ["remediation costs", "abatement grants"],
        "rate": ["children", "homes", "residents"],
        "what": ["the exceedance rate", "the testing rate", "air quality"],
        "cond": ["elevated blood lead levels", "arsenic exposure", "asthma", "heat-related illness",
                 "carbon monoxide poisoning", "nitrate contamination"],
        "pop": ["children", "residents", "infants", "older adults", "outdoor workers", "households"],
    },
    "immunization": {
        "noun": ["doses administered", "vaccinations", "children", "adolescents", "clinics", "providers",
                 "vaccination records", "school entrants"],
        "actor": ["the immunization programme", "the state health department", "the vaccine advisory committee",
                  "school health services"],
        "item": ["vaccine doses", "syringes"],
        "money": ["vaccine purchases", "programme funding"],
        "rate": ["children", "adolescents", "doses"],
        "what": ["coverage", "the exemption rate", "the dropout rate"],
        "cond": ["measles", "pneumococcal disease", "HPV infection", "pertussis", "rotavirus", "influenza"],
        "pop": ["children", "adolescents", "kindergartners", "adults", "older adults", "infants"],
    },
}

#: Health, epidemiology and survey sentences; used with NEW_GENRES.
#: Press-release levels and lists (`generate(..., press_levels=True)`, config `synth_press_levels`):
#: off by default. The shipped config turns them on together with `training/labels/press-train.jsonl`
#: (see training/labels/README.md for the runs with and without them).
PRESS_LEVEL_TEMPLATES: list[str] = [
    "{actor} recorded {fewer_than}.",
    "In {year}, {place} registered {fewer_than}, {actor} said.",
    "Of the {num} seats, {seat_list}.",
    "{count} {noun} took part, {level_of}.",
    "In {place}, {num} {noun} were counted, {level_of}.",
    "{place} formed the largest group, {or_pct}.",
    "{took_pct}.",
]

NEW_HEALTH_TEMPLATES: list[str] = [
    # identifiers with digits (OTHER as one token)
    "During {date_range}, {strain} accounted for {pct} of sequenced specimens.",
    "{strain} predominated in {place} during {date_range}.",
    "Analyses used the survey weight {varname} and the design variables {varname} and {varname}.",
    "Data from {varname} were merged with the household file before weighting.",
    "Persons with HIV and a {cd4_threshold} were referred for care.",
    "Among {pop}, {marker} were measured at baseline.",
    "Coverage with {dose} of {vaccine} reached {pct} among {pop}.",
    "{count} {pop} received {vaccine} during {date_range}.",
    "Depressive symptoms were assessed with {instrument}, and anxiety with {instrument}.",
    "Each item of {instrument} was scored {likert}.",
    "Respondents rated each statement {likert}.",
    "{pathogen} was listed as the underlying cause in {count} deaths in {year}.",
    "Deaths were identified with {icd}.",
    "{count} cases of {pathogen} were reported to {actor} during {date_range}.",
    "{programme} sets targets for reducing {cond}.",
    "Under {programme}, {count} {noun} were screened.",
    "Analyses were conducted in {version} and {version}.",
    "The difference between groups was significant {pvalue}.",
    "Prevalence of {cond} differed by region {pvalue}.",
    "The confidence interval for the association {null}.",
    "These findings are consistent with earlier reports {ref}.",
    "Similar trends have been described elsewhere {ref}, although estimates vary {ref}.",
    "Characteristics of {pop} are shown in {tabref}, and trends in {tabref}.",
    "In {step} of the protocol, specimens were shipped to {actor}.",
    "Participants who answered {item_no} were asked a follow-up question.",
    # dates
    "During {date_range}, {count} cases of {cond} were reported to {actor}.",
    "{actor} investigated {count} {noun} from {date_range}.",
    "Data were collected during {date_range} and analysed during {date_range}.",
    "The survey was conducted in {year_list}.",
    "Over {decades}, {cond} {chg_by}.",
    "Rates of {cond} have declined since {era}.",
    "Deaths from {cond} peaked in {era}.",
    # measures
    "Among {pop} {age_h}, prevalence of {cond} was {pct_ci}.",
    "{pct_ci} of {pop} {age_h} reported {cond}.",
    "Vaccination coverage among persons {age_h} was {pct}.",
    "{count} {pop} {age_h} were enrolled, with {mean_age} and {followup}.",
    "Children {age_mo} were eligible, and {pct} completed {dose}.",
    "{pct} of children tested had blood lead levels {lead}.",
    "Samples with concentrations of {conc} were retested, and {count} exceeded {conc}.",
    "The median concentration was {conc} in {year}.",
    "Patients received {dose_amt} {freq} for {duration}.",
    "Infants were given {dose_amt} of the oral solution {freq}.",
    "The county covers {area} and had {count} residents in {year}.",
    "{actor} sampled wells across {area} during {date_range}.",
    "Symptoms resolved within {duration} in {pct} of {pop}.",
    # rates
    "{pct} of {pop} ate vegetables {freq}, and {pct} drank sugar-sweetened beverages {freq}.",
    "Respondents who exercised {freq} reported fewer {cond} symptoms.",
    "In {year}, {rate_base_first}.",
    "{rate_base_first} in {place} in {year}.",
    "Incidence of {cond} was {rate_py} among {pop}.",
    "The rate fell from {rate_py} in {year} to {rate_py} in {year}.",
    # intervals and counts
    "Overall, {pct_ci} of {pop} reported {cond}, and {pct_ci} reported {cond}.",
    "The most frequently reported illnesses were {cat_counts}.",
    "In {year}, {count} {noun} were reported, including {cat_counts}.",
    "{nw_of} closed during the outbreak, and {noun} were moved to {nw_fac}.",
    "The first of the {nw_fac} opened in {year}.",
    "Among those enrolled, {nw_people} {age_h}.",
]

#: Sentences for any genre (the press-release genres too): contexts that decide between kinds.
NEW_GENERAL_TEMPLATES: list[str] = [
    "By type, {cat_counts} were registered.",
    "The number of {noun} {count_chg_to}.",
    "The number of {noun} was {count_chg}.",
    "In {place}, {noun} {count_chg_to}.",
    "{noun} in {place} {share_of}{noun} in {year}.",
    "{nw_people} in {place}.",
    "{noun} were handled in {nw_fac} in {place}.",
    "For the {ordw} year in a row, {noun} {chg_by}.",
    "{actor} published its {ordw} report on {noun} on {date}.",
    "Over {decades}, {noun} {chg_by}.",
    "{noun} were recorded in {year_list}.",
    "During {date_range}, {count} {noun} were registered.",
    "{actor} compared {date_range} with {date_range}.",
    "{programme} aims to cut {noun} by {chg_pct_simple}.",
    "The details are given in {tabref}.",
]

#: Share of paragraphs built mainly from the new material; of those, the share set in a public-health genre.
P_NEW_PARAGRAPH = 0.27
P_NEW_GENRE = 0.65
P_NEW_SENTENCE = 0.75


NO_NUMBER_SENTENCES = [
    "{name} emphasised the importance of public participation in preventing {noun}.",
    "The measures taken were discussed in detail at the meeting of {actor}.",
    "{actor} relies on the support of citizens and the media.",
    "Speakers discussed the work done and the shortcomings that remain.",
    "{name} gave instructions to continue the work decisively.",
    "The observed trends reflect closer cooperation between {actor} and local communities.",
    "According to {name}, the situation remained under control throughout the reporting period.",
    "The report was prepared by {actor} together with regional offices.",
    "Further details will be published by {actor} in due course.",
    "{name} expressed gratitude to everyone who helped {actor}.",
]


def _fill(template: str, rng: random.Random, g: dict[str, list[str]]) -> list[Piece]:
    pieces: list[Piece] = []
    for part in re.split(r"(\{[a-z_0-9]+\})", template):
        if not part:
            continue
        if not (part.startswith("{") and part.endswith("}")):
            pieces.append((part, None))
            continue
        name = part[1:-1]
        if name in SLOTS:
            pieces.extend(SLOTS[name](rng, g))
        elif name == "noun":
            pieces.append((rng.choice(g["noun"]), None))
        elif name == "actor":
            pieces.append((rng.choice(g["actor"]), None))
        elif name == "item":
            pieces.append((rng.choice(g["item"]), None))
        elif name == "moneyword":
            pieces.append((rng.choice(g["money"]), None))
        elif name == "ratenoun":
            pieces.append((rng.choice(g["rate"]), None))
        elif name == "what":
            pieces.append((rng.choice(g["what"]), None))
        elif name == "place":
            pieces.append((rng.choice(PLACES), None))
        elif name == "cond":
            pieces.append((rng.choice(g.get("cond") or g["noun"]), None))
        elif name == "pop":
            pieces.append((rng.choice(g.get("pop") or POPS), None))
        elif name == "region":
            pieces.append((rng.choice(REGIONS), None))
        elif name == "four_of_six":
            a = rng.randint(2, 6)
            b = a + rng.randint(1, 6)
            pieces += [(SMALL_WORDS[a], "COUNT"), (" of the ", None), (SMALL_WORDS[b], "COUNT")]
        elif name == "chg_pct_simple":
            pieces.append((_chg_pct_text(rng), "CHANGE"))
        elif name == "chg_pct_sign":
            pieces.append((_chg_pct_text(rng, rng.choice("+-")), "CHANGE"))
        elif name == "rate_v_chg":
            pieces.append((fmt_dec(rng.uniform(1, 60), 1, rng, comma=0), "CHANGE"))
        elif name == "rate_v":
            pieces.append((fmt_dec(rng.uniform(1, 400), rng.choice([0, 1]), rng), "RATE"))
        elif name == "rate_paren":
            v = fmt_dec(rng.uniform(1, 60), 1, rng)
            pieces += [(v, "RATE"), (rng.choice([" per 100,000", " per 1,000", " per 100 000"]), None)]
        elif name == "measure_hyphen":
            n = rng.randint(2, 30)
            pieces += [(SMALL_WORDS[n] if n <= 20 and rng.random() < 0.4 else str(n), "MEASURE"), (rng.choice(["-year", "-month", "-day"]), None)]
        elif name == "ordinal":
            n = rng.randint(2, 30)
            pieces.append((f"{n}{_ordsuf(n)}", "OTHER"))
        else:  # pragma: no cover - a template typo
            raise KeyError(f"unknown slot {name!r} in template {template!r}")
    return pieces


def _capitalise(pieces: list[Piece]) -> list[Piece]:
    """Capitalise the sentence's first letter, also when a labelled piece ('twelve', 'one') opens it."""
    if pieces and pieces[0][0]:
        t, kind = pieces[0]
        if kind is None or t[0].isalpha():
            pieces[0] = (t[0].upper() + t[1:], kind)
    return pieces


def _table(rng: random.Random, g: dict[str, list[str]]) -> list[Piece]:
    """A table as text rows: category, two counts, difference, percent difference (or a markdown table)."""
    y = rng.randint(2005, 2024)
    markdown = rng.random() < 0.4
    rows = rng.randint(2, 5)
    p: list[Piece] = []
    if markdown:
        key = rng.choice(["Ward", "District", "Region"])
        p += [(f"| {key} | ", None), (str(y - 1), "DATE"), (" | ", None), (str(y), "DATE"),
              (" | Change | Percent Change |\n|---|---:|---:|---:|---:|\n", None)]
    else:
        p += [("Table ", None), (str(rng.randint(1, 6)), "OTHER"), (f": {rng.choice(g['noun']).capitalize()} reported\n", None),
              (f"{MON_ABBR[0]} - {MON_ABBR[5]} {(y - 1) % 100:02d}", "DATE"), (" ", None),
              (f"{MON_ABBR[0]} - {MON_ABBR[5]} {y % 100:02d}", "DATE"), (" Difference %Difference\n", None)]
    for i in range(rows):
        a = rand_count(rng)
        b = max(1, int(a * rng.uniform(0.7, 1.3)))
        d = b - a
        pct = (d / a * 100) if a else 0.0
        dtxt = f"{d:+,}" if rng.random() < 0.7 or d < 0 else f"{d:,}"
        ptxt = f"{pct:+.1f}" + rng.choice(["%", " %"])
        if markdown:
            p += [("| ", None), (str(i + 1), "OTHER"), (" | ", None), (fmt_int(a, rng), "COUNT"), (" | ", None),
                  (fmt_int(b, rng), "COUNT"), (" | ", None), (dtxt, "CHANGE"), (" | ", None), (ptxt, "CHANGE"), (" |\n", None)]
        else:
            p += [(rng.choice(g["noun"]).capitalize() + " ", None), (fmt_int(a, rng), "COUNT"), (" ", None),
                  (fmt_int(b, rng), "COUNT"), (" ", None), (dtxt, "CHANGE"), (" ", None), (ptxt, "CHANGE"), ("\n", None)]
    return p


def generate(n: int, seed: int = 0, *, max_chars: int = 480, press_levels: bool = False,
             press_changes: bool = False, press_contexts: bool = False) -> list[SynthExample]:
    """`n` synthetic paragraphs (1-4 sentences or a table) with exact spans, reproducible from `seed`.

    `press_levels` adds `PRESS_LEVEL_TEMPLATES` to the press-release sentences, `press_changes`
    adds `PRESS_CHANGE_TEMPLATES`, `press_contexts` adds `PRESS_CONTEXT_TEMPLATES`; with all three off
    the paragraphs are those of earlier versions.

    >>> ex = generate(3, seed=1)
    >>> all(ex[0].text[s.start:s.end] for s in ex[0].spans)
    True
    """
    return [ex for ex, _ in generate_tagged(n, seed, max_chars=max_chars, press_levels=press_levels,
                                            press_changes=press_changes, press_contexts=press_contexts)]


def generate_tagged(n: int, seed: int = 0, *, max_chars: int = 480, press_levels: bool = False,
                    press_changes: bool = False, press_contexts: bool = False) -> list[tuple[SynthExample, bool]]:
    """What `generate` gives (the same paragraphs), each with whether it uses a new-material sentence.

    About `P_NEW_PARAGRAPH` of the paragraphs are built mainly from NEW_HEALTH_TEMPLATES (in a NEW_GENRES
    genre) and NEW_GENERAL_TEMPLATES; the rest are the press-release paragraphs as before.

    >>> [e.text for e, _ in generate_tagged(4, seed=2)] == [e.text for e in generate(4, seed=2)]
    True
    """
    rng = random.Random(seed)
    press = TEMPLATES + (PRESS_LEVEL_TEMPLATES if press_levels else [])
    if press_changes:
        press = [t for t in press if t != MISLABELLED_CHANGE_TEMPLATE] + PRESS_CHANGE_TEMPLATES
    if press_contexts:
        press = press + PRESS_CONTEXT_TEMPLATES
    genres = list(GENRES)
    new_genres = list(NEW_GENRES)
    out: list[tuple[SynthExample, bool]] = []
    while len(out) < n:
        g = GENRES[rng.choice(genres)]
        if rng.random() < 0.07:
            out.append((_assemble(_table(rng, g)), False))
            continue
        new_par = rng.random() < P_NEW_PARAGRAPH
        pool = NEW_GENERAL_TEMPLATES
        if new_par and rng.random() < P_NEW_GENRE:
            g = NEW_GENRES[rng.choice(new_genres)]
            pool = NEW_HEALTH_TEMPLATES + NEW_GENERAL_TEMPLATES
        used_new = False
        pieces: list[Piece] = []
        for k in range(rng.choice([1, 2, 2, 3, 3, 4])):
            if rng.random() < 0.12:
                sent = _fill(rng.choice(NO_NUMBER_SENTENCES), rng, g)
            elif new_par and rng.random() < P_NEW_SENTENCE:
                sent = _fill(rng.choice(pool), rng, g)
                used_new = True
            else:
                sent = _fill(rng.choice(press), rng, g)
            sent = _capitalise(sent)
            if pieces:
                sep = rng.choice([" ", " ", " ", "\n", "\n\n"])
                pieces.append((sep, None))
                if sep.startswith("\n") and rng.random() < 0.2:
                    pieces += [(str(rng.randint(2, 12)), "OTHER"), (". ", None)]
            pieces.extend(sent)
            if sum(len(t) for t, _ in pieces) > max_chars:
                break
        out.append((_assemble(pieces), used_new))
    return out
