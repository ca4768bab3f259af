"""Deterministic press releases for the benchmark (and for any test that needs a corpus).

Each document is about 300 words, in five paragraphs, in one of six genres (crime, elections, health, budgets,
road safety, employment), written from our own templates with invented places and figures.
The figures are related the way real releases relate them (a share of a total, parts that
should add up, a change from last year, a rate per 100,000 people), and about one relation
in four is deliberately broken, so the checker has both kinds of work to do.

A document is a dict in the gold format (`spec/gold-format.md`): every number we print is
recorded as a quantity with its offsets, and every relation we planted as a check with its
intended verdict. Nothing here is copied from any real release.

>>> doc = generate_document(0, seed=7)
>>> doc == generate_document(0, seed=7)
True
>>> all(doc["text"][q["start"]:q["end"]] == q["text"] for q in doc["quantities"])
True
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

#: Documents in the 1x corpus; the benchmark runs multiples of it (10x = 200 documents).
BASE_DOCS = 20
#: Documents are padded with context sentences up to about this many words.
TARGET_WORDS = 300

GENRES = ("crime", "elections", "health", "budgets", "road_safety", "employment")

_PLACES = (
    "Northvale", "Eastmarch", "Karvia", "Lindenport", "Osterholm", "Brightwater", "Selmark",
    "Vardon", "Ravenfield", "Talmora", "Greywick", "Mirendal",
)
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
_OFFICIALS = ("the Minister", "the Director", "the Chief Commissioner", "the Deputy Head", "the spokesperson")

# Context sentences without figures, so padding never adds numbers the gold does not list.
_FILLER = {
    "crime": [
        "Officers continued joint patrols with community volunteers in residential areas.",
        "Particular attention was paid to preventing offences committed by minors.",
        "The meeting discussed measures to strengthen cooperation with local authorities.",
        "Investigators were instructed to speed up work on unsolved cases from previous years.",
        "Residents are encouraged to report suspicious activity through the hotline.",
        "The board noted that public trust in the police service continued to grow.",
        "Training courses on cybercrime were organised for operational staff.",
    ],
    "elections": [
        "Observers from several international organisations monitored the vote.",
        "Polling stations opened in the morning and closed in the evening as scheduled.",
        "The commission thanked the volunteers who worked at the polling stations.",
        "Complaints received on election day were reviewed within the legal deadline.",
        "Final results will be published after all protocols have been verified.",
        "Voters with reduced mobility could request a mobile ballot box.",
    ],
    "health": [
        "Mobile clinics visited remote villages throughout the reporting period.",
        "The ministry reminded residents that vaccination remains free of charge.",
        "Hospitals received additional supplies of medicines and protective equipment.",
        "Family doctors were asked to contact patients in high-risk groups directly.",
        "An information campaign on healthy lifestyles was launched in schools.",
        "Laboratories extended their opening hours to reduce waiting times.",
    ],
    "budgets": [
        "The draft law will be submitted to parliament for a first reading.",
        "Spending priorities reflect the medium-term economic strategy.",
        "Municipalities will receive their transfers in equal monthly instalments.",
        "The finance committee held consultations with business associations.",
        "Revenue forecasts assume moderate growth in domestic consumption.",
        "Capital projects will be reviewed halfway through the year.",
    ],
    "road_safety": [
        "Traffic police increased checks on speeding and drink-driving.",
        "New pedestrian crossings were installed near schools and hospitals.",
        "Drivers are reminded to use seat belts on every journey.",
        "Awareness campaigns targeted young drivers and motorcyclists.",
        "Road maintenance crews repaired dangerous sections of regional roads.",
        "Speed cameras were moved to the locations with the most accidents.",
    ],
    "employment": [
        "Job fairs were held in several districts with the participation of employers.",
        "Vocational training programmes were expanded for young people.",
        "The agency continued to support people returning to work after long absences.",
        "Online services made it easier to register as a job seeker.",
        "Employers received advice on hiring people with disabilities.",
        "Regional offices extended their consultation hours.",
    ],
}


# Sentences any release may close with; they widen the pool so padding repeats itself less.
_GENERIC = [
    "The full report is available on the official website.",
    "Regional offices will present their own results in the coming weeks.",
    "The work will continue in close cooperation with civil society.",
    "Journalists may request further details from the press office.",
    "Staff were thanked for their dedication throughout the year.",
    "Plans for the next period were approved at the end of the meeting.",
    "Special attention will be given to transparency and accountability.",
    "The figures are preliminary and may be revised after further checks.",
    "Representatives of local authorities also took part in the discussion.",
    "A detailed action plan will be published after consultations.",
]


def _half_up(x: Decimal | float, decimals: int) -> Decimal:
    q = Decimal(1).scaleb(-decimals)
    return Decimal(str(x)).quantize(q, rounding=ROUND_HALF_UP)


def _fmt_int(n: int) -> str:
    return f"{n:,}"


def _fmt_dec(x: Decimal) -> str:
    return format(x, "f")


@dataclass
class _Builder:
    """Builds a text piece by piece and records the span of every figure it prints."""

    rng: random.Random
    parts: list[str] = field(default_factory=list)
    length: int = 0
    quantities: list[dict[str, Any]] = field(default_factory=list)
    checks: list[dict[str, Any]] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def fig(self, text: str, kind: str, value: float | int, unit: str | None) -> str:
        qid = f"q{len(self.quantities) + 1}"
        self.quantities.append(
            {"id": qid, "start": self.length, "end": self.length + len(text), "text": text,
             "kind": kind, "value": value, "unit": unit}
        )
        self.add(text)
        return qid

    def check(self, kind: str, qids: list[str | None], verdict: str, expected: float | None, note: str) -> None:
        self.checks.append({"kind": kind, "quantities": qids, "verdict": verdict, "expected": expected, "note": note})

    def paragraph(self) -> None:
        """End the paragraph: press releases separate paragraphs by one blank line."""
        last = self.parts[-1].rstrip(" ")
        self.length -= len(self.parts[-1]) - len(last)
        self.parts[-1] = last
        self.add("\n\n")

    def words(self) -> int:
        return len("".join(self.parts).split())

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _broken(rng: random.Random) -> bool:
    """About one planted relation in four does not add up."""
    return rng.random() < 0.25


def _share_sentence(b: _Builder, part: int, whole: int, unit: str, lead: str, tail: str) -> tuple[str, str, float, str]:
    """'<lead> 94.4% (31,526) of the <unit> <tail>', with the share right or wrong."""
    exact = Decimal(part) / Decimal(whole) * 100
    stated = _half_up(exact, 1)
    verdict = "consistent"
    if _broken(b.rng):
        stated += Decimal(b.rng.choice((-1, 1))) * Decimal(b.rng.choice(("0.7", "1.3", "2.1", "4.0")))
        verdict = "inconsistent"
    b.add(lead)
    p = b.fig(f"{_fmt_dec(stated)}%", "PERCENT", float(stated), "%")
    b.add(", or ")
    q = b.fig(_fmt_int(part), "COUNT", part, unit)
    b.add(f", of the {unit} {tail}")
    return p, q, float(_half_up(exact, 2)), verdict


def _date(b: _Builder, year: int) -> str:
    day = b.rng.randint(1, 28)
    month = b.rng.choice(_MONTHS)
    text = f"{month} {day}, {year}"
    b.fig(text, "DATE", f"{year}-{_MONTHS.index(month) + 1:02d}-{day:02d}", "date")  # the ISO value, as in the gold format
    return text


def _change_sentence(b: _Builder, new_q: str, new: int, unit: str, year: int) -> None:
    """'... compared with 36,811 in 2023, a decrease of 9.3%.' (right or wrong)."""
    old = int(new * b.rng.uniform(0.82, 1.18))
    if old == new:
        old += 7
    rel = (Decimal(new) - Decimal(old)) / Decimal(old) * 100
    stated = _half_up(abs(rel), 1)
    verdict = "consistent"
    if _broken(b.rng):
        stated += Decimal(b.rng.choice(("0.6", "1.8", "3.5")))
        verdict = "inconsistent"
    word = "an increase" if new > old else "a decrease"
    b.add(" compared with ")
    o = b.fig(_fmt_int(old), "COUNT", old, unit)
    b.add(" in ")
    b.fig(str(year - 1), "DATE", year - 1, None)
    b.add(f", {word} of ")
    c = b.fig(f"{_fmt_dec(stated)}%", "CHANGE", float(stated), "%")
    b.add(". ")
    b.check("change", [c, o, new_q], verdict, float(_half_up(abs(rel), 2)),
            f"({_fmt_int(new)} - {_fmt_int(old)}) / {_fmt_int(old)} x 100 = {_fmt_dec(_half_up(rel, 2))}%")


def _parts_sentence(b: _Builder, total_q: str, total: int, labels: list[str], unit: str, intro: str) -> None:
    """'Of these, 4,210 were thefts, 1,877 frauds and 12,004 other offences.' (sum right or wrong)."""
    k = len(labels)
    cuts = sorted(b.rng.sample(range(1, total), k - 1))
    parts = [b_ - a for a, b_ in zip([0, *cuts], [*cuts, total])]
    verdict = "consistent"
    if _broken(b.rng):
        i = b.rng.randrange(k)
        parts[i] += b.rng.choice((-1, 1)) * b.rng.choice((10, 100, 1000)) if parts[i] > 1000 else 9
        verdict = "inconsistent"
    b.add(intro)
    qids = []
    for i, (n, label) in enumerate(zip(parts, labels)):
        if i:
            b.add(" and " if i == k - 1 else ", ")
        qids.append(b.fig(_fmt_int(n), "COUNT", n, unit))
        b.add(" ")
        for piece in re.split(r"(\[[^\]]+\])", label):
            if piece.startswith("["):  # an age in the label: "children under [five|5]" is a MEASURE too
                text, value = piece[1:-1].split("|")
                b.fig(text, "MEASURE", int(value), "years")
            else:
                b.add(piece)
    b.add(". ")
    b.check("sum", [*qids, total_q], verdict, float(sum(parts)),
            f"{' + '.join(_fmt_int(n) for n in parts)} = {_fmt_int(sum(parts))}, stated {_fmt_int(total)}")


def _rate_sentence(b: _Builder, count_q: str, count: int, population: int, what: str) -> None:
    """'... resident population of 2,315,400 ... 17.4 per 100,000 residents.' (right or wrong)."""
    exact = Decimal(count) / Decimal(population) * 100000
    stated = _half_up(exact, 1)
    verdict = "consistent"
    if _broken(b.rng):
        stated += Decimal(b.rng.choice(("0.5", "1.2", "3.0")))
        verdict = "inconsistent"
    b.add("With a resident population of ")
    pq = b.fig(_fmt_int(population), "COUNT", population, "residents")
    b.add(f", this corresponds to {what} of ")
    r = b.fig(_fmt_dec(stated), "RATE", float(stated), "per 100,000 residents")
    b.add(" per 100,000 residents. ")
    b.check("rate", [r, count_q, pq], verdict, float(_half_up(exact, 2)),
            f"{_fmt_int(count)} / {_fmt_int(population)} x 100,000 = {_fmt_dec(_half_up(exact, 2))}")


def _crime(b: _Builder, place: str, year: int) -> str:
    total = b.rng.randint(8_000, 45_000)
    b.add(f"The Interior Ministry of {place} held its annual board meeting on ")
    _date(b, year + 1)
    b.add(f". In {place}, ")
    t = b.fig(_fmt_int(total), "COUNT", total, "crimes")
    b.add(" crimes were recorded in ")
    b.fig(str(year), "DATE", year, None)
    _change_sentence(b, t, total, "crimes", year)
    solved = int(total * b.rng.uniform(0.6, 0.97))
    p, q, exp, verdict = _share_sentence(b, solved, total, "crimes", "Police solved ", "recorded. ")
    b.check("share", [p, q, t], verdict, exp, f"{_fmt_int(solved)} / {_fmt_int(total)} x 100 = {exp}%")
    # no part_whole beside it: the share already tests the part against its whole (gold convention)
    _parts_sentence(b, t, total, ["thefts", "frauds", "cases of hooliganism", "other offences"], "crimes",
                    "Of the recorded crimes, ")
    murders = b.rng.randint(40, 400)
    b.add("Serious crimes included ")
    m = b.fig(_fmt_int(murders), "COUNT", murders, "murders")
    b.add(" murders. ")
    _rate_sentence(b, m, murders, b.rng.randint(900_000, 9_000_000), "a homicide rate")
    return f"Crime situation in {place} in {year}"


def _elections(b: _Builder, place: str, year: int) -> str:
    registered = b.rng.randint(300_000, 6_000_000)
    cast = int(registered * b.rng.uniform(0.38, 0.82))
    b.add(f"The Central Election Commission of {place} announced preliminary results of the vote held on ")
    _date(b, year)
    b.add(". A total of ")
    r = b.fig(_fmt_int(registered), "COUNT", registered, "voters")
    b.add(" voters were registered. ")
    p, c, exp, verdict = _share_sentence(b, cast, registered, "voters", "Turnout reached ", "registered. ")
    b.check("share", [p, c, r], verdict, exp, f"{_fmt_int(cast)} / {_fmt_int(registered)} x 100 = {exp}%")
    # Candidate shares that should add up to 100%.
    k = b.rng.choice((3, 4))
    cuts = sorted(b.rng.sample(range(1, 1000), k - 1))
    shares = [Decimal(y - x) / 10 for x, y in zip([0, *cuts], [*cuts, 1000])]
    verdict = "consistent"
    if _broken(b.rng):
        shares[0] += Decimal(b.rng.choice(("2.5", "4.0", "6.3")))
        verdict = "inconsistent"
    names = b.rng.sample(["the Civic Union", "the Green Alliance", "the People's Party", "the Reform Bloc", "independent candidates"], k)
    b.add("According to the preliminary count, ")
    qids = []
    for i, (s, name) in enumerate(zip(shares, names)):
        if i:
            b.add(" and " if i == k - 1 else ", ")
        b.add(f"{name} received ")
        qids.append(b.fig(f"{_fmt_dec(s)}%", "PERCENT", float(s), "%"))
    b.add(" of the valid votes. ")
    b.check("sum", [*qids, "100%"], verdict, float(sum(shares)), f"{' + '.join(_fmt_dec(s) for s in shares)} = {_fmt_dec(sum(shares))}%")
    invalid = b.rng.randint(2_000, 40_000)
    b.add("The commission declared ")
    i_q = b.fig(_fmt_int(invalid), "COUNT", invalid, "ballots")
    b.add(" ballots invalid. ")
    b.check("part_whole", [i_q, c], "consistent", None, f"{_fmt_int(invalid)} <= {_fmt_int(cast)}")
    return f"Preliminary results of the {year} vote in {place}"


def _health(b: _Builder, place: str, year: int) -> str:
    cases = b.rng.randint(2_000, 60_000)
    b.add(f"The Ministry of Health of {place} published its weekly bulletin on ")
    _date(b, year)
    b.add(". Since the start of the season, ")
    c = b.fig(_fmt_int(cases), "COUNT", cases, "cases")
    b.add(" cases of influenza have been confirmed")
    _change_sentence(b, c, cases, "cases", year)
    hosp = int(cases * b.rng.uniform(0.03, 0.2))
    p, h, exp, verdict = _share_sentence(b, hosp, cases, "cases", "Hospital treatment was needed in ", "confirmed. ")
    b.check("share", [p, h, c], verdict, exp, f"{_fmt_int(hosp)} / {_fmt_int(cases)} x 100 = {exp}%")
    _parts_sentence(b, c, cases, ["children under [five|5]", "school-age children", "adults", "people over [sixty-five|65]"],
                    "cases", "By age group, the confirmed cases included ")
    vacc = b.rng.randint(50_000, 900_000)
    b.add("So far ")
    b.fig(_fmt_int(vacc), "COUNT", vacc, "people")
    b.add(" people have been vaccinated. ")
    return f"Influenza bulletin for {place}, {year}"


def _budgets(b: _Builder, place: str, year: int) -> str:
    total = b.rng.randint(800, 9_000)  # millions
    b.add(f"The Government of {place} approved the draft budget for ")
    b.fig(str(year + 1), "DATE", year + 1, None)
    b.add(" on ")
    _date(b, year)
    b.add(". Total expenditure is planned at ")
    t = b.fig(f"€{_fmt_int(total)} million", "MONEY", total * 1_000_000, "EUR")
    b.add(". ")
    k = 4
    cuts = sorted(b.rng.sample(range(1, total), k - 1))
    parts = [y - x for x, y in zip([0, *cuts], [*cuts, total])]
    verdict = "consistent"
    if _broken(b.rng):
        parts[1] += b.rng.choice((15, 40, 120))
        verdict = "inconsistent"
    labels = ["education", "health care", "social protection", "infrastructure"]
    b.add("The main items are ")
    qids = []
    for i, (n, label) in enumerate(zip(parts, labels)):
        if i:
            b.add(" and " if i == k - 1 else ", ")
        qids.append(b.fig(f"€{_fmt_int(n)} million", "MONEY", n * 1_000_000, "EUR"))
        b.add(f" for {label}")
    b.add(". ")
    b.check("sum", [*qids, t], verdict, float(sum(parts) * 1_000_000),
            f"{' + '.join(_fmt_int(n) for n in parts)} = {_fmt_int(sum(parts))} million, stated {_fmt_int(total)} million")
    exact = Decimal(parts[0]) / Decimal(total) * 100
    stated = _half_up(exact, 1)
    verdict = "consistent"
    if _broken(b.rng):
        stated += Decimal("1.5")
        verdict = "inconsistent"
    b.add("Education thus accounts for ")
    p = b.fig(f"{_fmt_dec(stated)} percent", "PERCENT", float(stated), "%")
    b.add(" of all spending. ")
    b.check("share", [p, qids[0], t], verdict, float(_half_up(exact, 2)),
            f"{_fmt_int(parts[0])} / {_fmt_int(total)} x 100 = {_fmt_dec(_half_up(exact, 2))}%")
    return f"Draft budget of {place} for {year + 1}"


def _road_safety(b: _Builder, place: str, year: int) -> str:
    accidents = b.rng.randint(1_500, 20_000)
    b.add(f"The State Traffic Police of {place} summed up road safety results for ")
    b.fig(str(year), "DATE", year, None)
    b.add(". Over the year, ")
    a = b.fig(_fmt_int(accidents), "COUNT", accidents, "accidents")
    b.add(" road traffic accidents were registered")
    _change_sentence(b, a, accidents, "accidents", year)
    deaths = b.rng.randint(60, 900)
    injured = int(accidents * b.rng.uniform(1.0, 1.5))
    b.add("In these accidents ")
    d = b.fig(_fmt_int(deaths), "COUNT", deaths, "people")
    b.add(" people died and ")
    b.fig(_fmt_int(injured), "COUNT", injured, "people")
    b.add(" were injured. ")
    _rate_sentence(b, d, deaths, b.rng.randint(800_000, 7_000_000), "a road death rate")
    drunk = int(accidents * b.rng.uniform(0.04, 0.15))
    p, q, exp, verdict = _share_sentence(b, drunk, accidents, "accidents", "Drunk drivers caused ", "registered. ")
    b.check("share", [p, q, a], verdict, exp, f"{_fmt_int(drunk)} / {_fmt_int(accidents)} x 100 = {exp}%")
    return f"Road safety in {place}: results of {year}"


def _employment(b: _Builder, place: str, year: int) -> str:
    seekers = b.rng.randint(20_000, 250_000)
    b.add(f"The Employment Agency of {place} reported on its activities in ")
    b.fig(str(year), "DATE", year, None)
    b.add(". During the year, ")
    s = b.fig(_fmt_int(seekers), "COUNT", seekers, "job seekers")
    b.add(" job seekers registered with the agency")
    _change_sentence(b, s, seekers, "job seekers", year)
    placed = int(seekers * b.rng.uniform(0.25, 0.7))
    p, q, exp, verdict = _share_sentence(b, placed, seekers, "job seekers", "The agency found jobs for ", "registered. ")
    b.check("share", [p, q, s], verdict, exp, f"{_fmt_int(placed)} / {_fmt_int(seekers)} x 100 = {exp}%")
    _parts_sentence(b, q, placed, ["in services", "in industry", "in agriculture"], "job seekers",
                    "Of those placed, ")
    return f"Employment Agency of {place}: {year} in review"


_DISTRICTS = ("the capital district", "the northern region", "the coastal region", "the mountain districts", "the border towns", "the southern province")
_REGION_UNITS = {
    "crime": "crimes", "elections": "polling stations", "health": "cases", "budgets": "public servants",
    "road_safety": "accidents", "employment": "vacancies",
}


def _regions(b: _Builder, genre: str) -> None:
    """'In the capital district, the number of crimes rose from 1,204 to 1,330 (+126).' per district."""
    unit = _REGION_UNITS[genre]
    for district in b.rng.sample(_DISTRICTS, b.rng.choice((2, 3))):
        old = b.rng.randint(80, 9_000)
        new = max(1, old + b.rng.randint(-old // 4, old // 4))
        if new == old:
            new += 3
        diff = new - old
        verdict = "consistent"
        stated = abs(diff)
        if _broken(b.rng):
            stated += b.rng.choice((1, 10, 20))
            verdict = "inconsistent"
        verb = "rose" if diff > 0 else "fell"
        b.add(f"In {district}, the number of {unit} {verb} from ")
        o = b.fig(_fmt_int(old), "COUNT", old, unit)
        b.add(" to ")
        n = b.fig(_fmt_int(new), "COUNT", new, unit)
        b.add(", by ")
        c = b.fig(_fmt_int(stated), "CHANGE", stated, unit)
        b.add(". ")
        b.check("change", [c, o, n], verdict, float(abs(diff)), f"{_fmt_int(new)} - {_fmt_int(old)} = {diff:+,}")


def _pad(b: _Builder, fillers: list[str], genre: str, n: int) -> None:
    for _ in range(n):
        if not fillers:
            fillers.extend(_FILLER[genre] + _GENERIC)
            b.rng.shuffle(fillers)
        b.add(fillers.pop() + " ")


_WRITERS: dict[str, Callable[[_Builder, str, int], str]] = {
    "crime": _crime,
    "elections": _elections,
    "health": _health,
    "budgets": _budgets,
    "road_safety": _road_safety,
    "employment": _employment,
}


def generate_document(index: int, *, seed: int = 0) -> dict[str, Any]:
    """Press release number `index` of the corpus drawn from `seed`, as a gold-format dict.

    The genre cycles through `GENRES`, so every 1x corpus has all of them.

    >>> generate_document(3, seed=0)["id"]
    'bench-0-00003'
    """
    rng = random.Random(f"numcheck-bench:{seed}:{index}")
    genre = GENRES[index % len(GENRES)]
    place = rng.choice(_PLACES)
    year = rng.randint(2015, 2025)
    b = _Builder(rng)
    title = _WRITERS[genre](b, place, year)
    official = rng.choice(_OFFICIALS)
    fillers = list(_FILLER[genre] + _GENERIC)
    rng.shuffle(fillers)
    b.paragraph()
    b.add(f"Speaking at the event, {official} said the results would guide next year's work. ")
    _pad(b, fillers, genre, 2)
    b.paragraph()
    _regions(b, genre)
    b.add("Questions from the public can be sent to the hotline ")
    hotline = str(rng.choice((112, 102, 1655, 1818, 146)))
    b.fig(hotline, "OTHER", int(hotline), None)
    b.add(" or through the online portal. ")
    b.paragraph()
    halfway = (b.words() + TARGET_WORDS) // 2
    while b.words() < halfway:
        _pad(b, fillers, genre, 1)
    b.paragraph()
    while b.words() < TARGET_WORDS:
        _pad(b, fillers, genre, 1)
    text = b.text.rstrip()
    return {
        "id": f"bench-{seed}-{index:05d}",
        "source": {"publisher": f"numcheck benchmark ({genre})", "title": title, "date": None, "url": None},
        "text": text,
        "genre": genre,
        "quantities": b.quantities,
        "checks": b.checks,
    }


def generate_corpus(n_docs: int, *, seed: int = 0) -> list[dict[str, Any]]:
    """`n_docs` press releases (document i is the same in every corpus of the same seed).

    >>> [d["genre"] for d in generate_corpus(2)]
    ['crime', 'elections']
    """
    return [generate_document(i, seed=seed) for i in range(n_docs)]


def write_corpus(path: Path, n_docs: int, *, seed: int = 0) -> Path:
    """Write `generate_corpus(n_docs, seed=seed)` as JSONL to `path` and return it.

    >>> import tempfile; p = write_corpus(Path(tempfile.mkdtemp()) / "c.jsonl", 2)
    >>> len(p.read_text().splitlines())
    2
    """
    path = Path(path)
    with path.open("w", encoding="utf-8") as fh:
        for doc in generate_corpus(n_docs, seed=seed):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path
