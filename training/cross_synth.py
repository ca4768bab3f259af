"""Synthetic series for the cross-document matcher: releases of invented publishers over
successive periods, with the cross checks that join them (spec/cross-format.md), all in text
we write ourselves.

Each publisher reports a few measures, each with several names that differ from release to
release ("crimes recorded" / "registered criminal offences"), and near neighbours that share
words but count something else ("serious crimes", "crimes investigated by the police"). A
release states this period's levels, some changes against the last period (in the level's
sentence, in brackets, or in a sentence of their own: "Overall, crimes fell by 9.4%"), and
sometimes restates last period's figures; `perturb` alters one stated figure of a later
release to make inconsistent copies. The gold verdict of every cross check is computed by the
checker's own arithmetic (`check_relation`), so gold and tool agree on the precision rule.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from numcheck.checks.figure import make_figure
from numcheck.checks.relation import Relation, check_relation
from numcheck.numbers import parse_number
from numcheck.schema import CheckKind, Quantity


@dataclass(frozen=True)
class Measure:
    """Something a publisher counts: its kind, a typical level, the names it goes by."""

    key: str
    kind: str  # COUNT, PERCENT, MONEY, MEASURE
    base: float
    names: tuple[str, ...]
    unit: str = ""  # "kg", "tonnes", "million" (money), "" (count or percent)
    generic: str = ""  # what a sentence of its own may call it ("crimes")
    decimals: int = 0
    #: A near neighbour: this measure is `sibling[1]` to `sibling[2]` times the measure `sibling[0]`.
    sibling: tuple[str, float, float] | None = None


@dataclass(frozen=True)
class Domain:
    publisher: str
    place: str
    measures: tuple[Measure, ...]
    cadence: str  # year, half, quarter, months, stock
    currency: str = "$"


def _m(key: str, kind: str, base: float, names: str, unit: str = "", generic: str = "", decimals: int = 0,
       sibling: tuple[str, float, float] | None = None) -> Measure:
    return Measure(key, kind, base, tuple(n.strip() for n in names.split("|")), unit, generic, decimals, sibling)


#: Train domains; `HELD_OUT` below are never trained on (the "own series" evaluation).
DOMAINS: dict[str, Domain] = {
    "crime": Domain("Ministry of the Interior of Valdoria", "Valdoria", (
        _m("crimes", "COUNT", 30000, "crimes recorded|registered criminal offences|crimes registered by all law enforcement bodies|offences recorded by the police", generic="crimes"),
        _m("investigated", "COUNT", 27000, "crimes investigated by the police and prosecutors|offences under pre-trial investigation by the police|crimes in the police and prosecution caseload", generic="crimes", sibling=("crimes", 0.9, 0.97)),
        _m("serious", "COUNT", 3500, "serious and especially serious crimes|grave crimes|crimes of a serious nature"),
        _m("thefts", "COUNT", 8000, "thefts|cases of theft|reported thefts"),
        _m("solved", "PERCENT", 85, "the detection rate|the share of crimes solved|the clearance rate", decimals=1),
        _m("drugs", "MEASURE", 1300, "narcotics seized|drugs taken out of illegal circulation|seized narcotic substances", unit="kg"),
    ), "year"),
    "roads": Domain("Road Safety Directorate of Ostland", "Ostland", (
        _m("accidents", "COUNT", 4200, "road traffic accidents|collisions on the roads|traffic accidents recorded", generic="accidents"),
        _m("deaths", "COUNT", 610, "people killed on the roads|road deaths|fatalities in traffic accidents", generic="road deaths"),
        _m("injury_acc", "COUNT", 3600, "accidents in which people were injured|injury collisions|accidents with casualties", generic="accidents", sibling=("accidents", 0.8, 0.95)),
        _m("injured", "COUNT", 5100, "people injured in road accidents|road casualties with injuries|injured road users"),
        _m("drink", "COUNT", 740, "drink-driving offences|motorists caught over the alcohol limit|drivers detected under the influence"),
    ), "half"),
    "tax": Domain("Revenue Service of Marovia", "Marovia", (
        _m("revenue", "MONEY", 4200, "tax revenue|revenue collected from taxes|receipts from taxation", unit="million", generic="revenue", decimals=1),
        _m("budget", "MONEY", 3900, "tax revenue of the state budget|budget tax receipts|taxes paid into the central budget", unit="million", generic="revenue", decimals=1, sibling=("revenue", 0.85, 0.96)),
        _m("vat", "MONEY", 1700, "VAT receipts|revenue from value added tax|value added tax collected", unit="million", decimals=1),
        _m("excise", "MONEY", 520, "excise duties|revenue from excise duties|excise receipts", unit="million", decimals=1),
        _m("taxpayers", "COUNT", 81000, "registered taxpayers|taxpayers on the register|taxpayers registered with the service"),
    ), "quarter", currency="€"),
    "population": Domain("National Statistics Board of Lurania", "Lurania", (
        _m("population", "COUNT", 6_400_000, "the population|the resident population|the number of residents", generic="population"),
        _m("permanent", "COUNT", 6_300_000, "the permanent population|permanent residents|the number of permanent residents", generic="population", sibling=("population", 0.96, 0.995)),
        _m("births", "COUNT", 71000, "live births|babies born|births registered"),
        _m("deaths", "COUNT", 52000, "deaths|deaths registered|people who died"),
        _m("marriages", "COUNT", 33000, "marriages|marriages registered|couples who married"),
    ), "stock"),
    "energy": Domain("Energy Statistics Agency of Nordmark", "Nordmark", (
        _m("consumption", "MEASURE", 214, "total energy consumption|energy consumed in all sectors|primary energy use", unit="Mtoe", generic="energy consumption", decimals=1),
        _m("final", "MEASURE", 150, "final energy consumption|energy consumed by final users|final energy use", unit="Mtoe", generic="energy consumption", decimals=1, sibling=("consumption", 0.65, 0.8)),
        _m("renewables", "MEASURE", 9.6, "energy consumption from renewable sources|renewable energy use|energy consumed from renewables", unit="Mtoe", decimals=1),
        _m("emissions", "MEASURE", 650, "greenhouse gas emissions|emissions of greenhouse gases|total emissions", unit="million tonnes", decimals=1),
        _m("share_ren", "PERCENT", 4.5, "the share of renewables in consumption|the renewable share|renewables' share of energy use", decimals=1),
    ), "year"),
}
HELD_OUT: dict[str, Domain] = {
    "health": Domain("Public Health Institute of Serrania", "Serrania", (
        _m("admissions", "COUNT", 48000, "hospital admissions|patients admitted to hospital|admissions to hospitals", generic="admissions"),
        _m("measles", "COUNT", 420, "measles cases|cases of measles|confirmed measles infections"),
        _m("vaccinated", "PERCENT", 91, "vaccination coverage|the share of children vaccinated|the immunisation rate", decimals=1),
        _m("beds", "COUNT", 12000, "hospital beds|beds in hospitals|available hospital beds"),
    ), "months"),
    "tourism": Domain("Tourism Board of Castellan", "Castellan", (
        _m("visitors", "COUNT", 1_250_000, "foreign visitors|international arrivals|tourists from abroad", generic="arrivals"),
        _m("nights", "COUNT", 3_900_000, "nights spent in hotels|overnight stays|hotel nights"),
        _m("spending", "MONEY", 880, "tourist spending|spending by visitors|receipts from tourism", unit="million", decimals=1),
        _m("occupancy", "PERCENT", 64, "hotel occupancy|the occupancy rate|the share of rooms occupied", decimals=1),
    ), "quarter", currency="£"),
}


@dataclass
class _Doc:
    id: str
    title: str
    date: date
    period: tuple[date, date, str]
    parts: list[str] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    #: measure key -> quantity id of this period's level
    levels: dict[str, str] = field(default_factory=dict)
    #: measure key -> (quantity id, value) of the previous period's level restated
    restated: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return " ".join(self.parts)

    def add(self, sentence: str, figs: list[tuple[str, str, str, str, float]]) -> list[str]:
        """Append a sentence holding figures given as (marker, printed, kind, unit, value)."""
        offset = len(self.text) + (1 if self.parts else 0)
        ids = []
        for marker, printed, kind, unit, value in figs:
            i = sentence.index(marker)
            sentence = sentence[:i] + printed + sentence[i + len(marker):]
            qid = f"q{len(self.quantities) + 1}"
            self.quantities.append({"id": qid, "start": offset + i, "end": offset + i + len(printed), "text": printed,
                                    "kind": kind, "value": value, "unit": unit or None})
            ids.append(qid)
        self.parts.append(sentence)
        return ids


def _periods(cadence: str, year: int, n: int, rnd: random.Random) -> list[tuple[date, date, str, date]]:
    """n successive periods (start, end, words, publication date)."""
    out = []
    if cadence == "year":
        for i in range(n):
            y = year + i
            out.append((date(y, 1, 1), date(y, 12, 31), str(y), date(y + 1, rnd.randint(1, 2), rnd.randint(10, 28))))
    elif cadence == "half":
        for i in range(n):
            y = year + i
            out.append((date(y, 1, 1), date(y, 6, 30), rnd.choice([f"the first half of {y}", f"January-June {y}",
                                                                   f"6 months of {y}"]), date(y, 7, rnd.randint(5, 28))))
    elif cadence == "quarter":
        for i in range(n):
            y = year + i
            out.append((date(y, 1, 1), date(y, 3, 31), rnd.choice([f"the first quarter of {y}", f"January-March {y}",
                                                                   f"Q1 {y}"]), date(y, 4, rnd.randint(5, 28))))
    elif cadence == "months":
        m = rnd.randint(4, 9)
        for i in range(n):
            y = year + i
            out.append((date(y, 1, 1), date(y, m, calendar.monthrange(y, m)[1]),
                        f"January-{calendar.month_name[m]} {y}", date(y, m + 1, rnd.randint(5, 25))))
    else:  # stock: a count at a date, released a few weeks later
        for i in range(n):
            y = year + i
            d = date(y, 1, 1)
            out.append((d, d, f"1 January {y}", date(y, 2, rnd.randint(5, 25))))
    return out


def _fmt(value: float, decimals: int) -> str:
    return f"{value:,.{decimals}f}"


def _printed(m: Measure, value: float, currency: str) -> tuple[str, str]:
    """The figure as printed and its unit."""
    if m.kind == "PERCENT":
        value = min(value, 99.4)
        return f"{value:.{m.decimals}f}" + ("%" if value * 7 % 2 < 1 else " percent"), "%"
    if m.kind == "MONEY":
        return f"{currency}{value:,.{m.decimals}f} million", "million"
    if m.kind == "MEASURE":
        return f"{_fmt(value, m.decimals)} {m.unit}", m.unit
    return _fmt(value, 0), m.names[0].split()[-1]


def _round(m: Measure, v: float) -> float:
    if m.kind == "PERCENT":
        v = min(v, 99.4)
    return round(v, m.decimals) if m.kind != "COUNT" else float(round(v))


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def make_series(domain_key: str, seed: int, *, n_docs: int = 3, domains: dict[str, Domain] | None = None,
                sums: bool = False) -> dict[str, Any]:
    """One series of `n_docs` releases of a domain's publisher, with its gold cross checks.

    With `sums`, each release also prints running totals of one or two of its measures since a
    start before the series ("Since January 2009, a total of ..."), and from the second release on
    the amount of the days since the last release's end (`_running_totals`): cross `sum` checks.
    The rest of the series is the same as without.

    >>> s = make_series("crime", 1)
    >>> len(s["documents"]), s["cross_checks"][0]["kind"] in ("change", "equal")
    (3, True)
    >>> any(c["kind"] == "sum" for c in make_series("health", 1, sums=True)["cross_checks"])
    True
    """
    rnd = random.Random(seed)
    dom = (domains or {**DOMAINS, **HELD_OUT})[domain_key]
    year = rnd.randint(2012, 2022)
    periods = _periods(dom.cadence, year, n_docs, rnd)
    values: dict[str, float] = {m.key: m.base * rnd.uniform(0.6, 1.4) for m in dom.measures}
    siblings = [m for m in dom.measures if m.sibling]

    def tie_siblings() -> None:
        for m in siblings:
            parent, lo, hi = m.sibling  # type: ignore[misc]
            values[m.key] = values[parent] * rnd.uniform(lo, hi)

    tie_siblings()
    docs: list[_Doc] = []
    mains: list[_Doc] = []
    # Its own random numbers, so a series with running totals is the one without, plus them.
    running = _RunningTotals(dom, periods[0][0].year, random.Random(seed * 7919 + 17)) if sums else None
    history: list[dict[str, float]] = []
    cross: list[dict[str, Any]] = []
    for t, (start, end, words, pub) in enumerate(periods):
        if t:
            for k in values:
                values[k] = values[k] * rnd.uniform(0.85, 1.15)
            tie_siblings()
        now = {m.key: _round(m, values[m.key]) for m in dom.measures}
        history.append(now)
        kind_title = {"year": "Annual results for", "half": "Results for", "quarter": "Report on", "months": "Bulletin for",
                      "stock": "Population estimate at"}[dom.cadence]
        doc = _Doc(id=f"{domain_key}-{seed}-{t}", title=f"{kind_title} {words}", date=pub, period=(start, end, words))
        doc.add(rnd.choice([f"{dom.publisher} published its figures for {words}.",
                            f"The {dom.publisher} reported on {words}.",
                            f"On {pub.day} {calendar.month_name[pub.month]}, the {dom.publisher} held a press conference."]), [])
        prev = mains[-1] if mains else None
        order = list(dom.measures)
        rnd.shuffle(order)
        later: list[str] = []
        for m in order[: rnd.randint(3, len(order))]:
            name = rnd.choice(m.names)
            v = now[m.key]
            printed, unit = _printed(m, v, dom.currency)
            can_change = prev is not None and m.key in prev.levels and m.kind != "PERCENT"
            style = rnd.choice(["plain", "inline", "bracket", "later", "later"]) if can_change else "plain"
            when = rnd.choice([f"in {words}", f"during {words}", ""]) if dom.cadence != "stock" else f"as of {words}"
            if style == "plain" or not can_change:
                sent = rnd.choice([f"{_cap(when + ', ' if when else '')}the number of {name} was {{V}}.",
                                   f"There were {{V}} {name}{' ' + when if when else ''}.",
                                   f"{_cap(name)} reached {{V}}{' ' + when if when else ''}.",
                                   f"{_cap(name)} stood at {{V}}{' ' + when if when else ''}."])
                if m.kind in ("PERCENT", "MONEY", "MEASURE") or dom.cadence == "stock":
                    sent = rnd.choice([f"{_cap(name)} was {{V}}{' ' + when if when else ''}.",
                                       f"{_cap(when + ', ' if when else '')}{name} amounted to {{V}}."])
                if m.kind == "COUNT" and rnd.random() < 0.4:
                    # Report prose: who said it first, and a share of the count after it.
                    speaker = rnd.choice(["In his report, the Minister stressed that", "The head of the office noted that",
                                          "It was reported that", "The report shows that"])
                    share = round(rnd.uniform(55, 97), 1)
                    sent = rnd.choice([f"{speaker} {{V}} {name} were counted{' ' + when if when else ''}, {{S}} of them in the capital.",
                                       f"{speaker} {{V}} {name} were registered{' ' + when if when else ''}, and {{S}} of them were resolved."])
                    qid, _ = doc.add(sent, [("{V}", printed, m.kind, unit, v), ("{S}", f"{share}%", "PERCENT", "%", share)])
                else:
                    (qid,) = doc.add(_cap(sent), [("{V}", printed, m.kind, unit, v)])
                doc.levels[m.key] = qid
                continue
            old = history[-2][m.key]
            rel = rnd.random() < 0.6
            delta = v - old
            word_up, word_down = rnd.choice([("more", "fewer"), ("higher", "lower")]) if m.kind == "COUNT" else ("higher", "lower")
            if rel:
                pct = abs(delta) / old * 100
                c_printed = f"{pct:.1f}%" if rnd.random() < 0.6 else f"{pct:.1f} percent"
                c_unit = "%"
            else:
                c_printed = _printed(m, abs(delta), dom.currency)[0] if m.kind != "COUNT" else _fmt(abs(delta), 0)
                c_unit = unit
            c_value = float(c_printed.replace(",", "").split("%")[0].split()[0].lstrip("$€£")) if rel else abs(delta)
            prev_words = {"stock": "the beginning of the year" if False else prev.period[2]}.get(dom.cadence, prev.period[2])
            cmp_phrase = rnd.choice([f"than in {prev_words}", f"compared with {prev_words}",
                                     "compared with the same period of last year", f"than a year earlier"])
            if dom.cadence == "stock":
                cmp_phrase = rnd.choice(["compared with a year earlier", f"since {prev.period[2]}", "year-on-year"])
            if style == "inline":
                direction = word_up if delta >= 0 else word_down
                sent = f"There were {{V}} {name} {when}, {{C}} {direction} {cmp_phrase}." if m.kind == "COUNT" else \
                    f"{_cap(name)} was {{V}} {when}, {{C}} {direction} {cmp_phrase}."
                q_new, q_c = doc.add(" ".join(sent.split()), [("{V}", printed, m.kind, unit, v), ("{C}", c_printed, "CHANGE", c_unit, c_value)])
            elif style == "bracket":
                sign = "+" if delta >= 0 else "-"
                sent = f"The number of {name} was {{V}} ({sign}{{C}} {cmp_phrase})." if m.kind == "COUNT" else \
                    f"{_cap(name)} amounted to {{V}} ({sign}{{C}} {cmp_phrase})."
                q_new, q_c = doc.add(sent, [("{V}", printed, m.kind, unit, v), ("{C}", c_printed, "CHANGE", c_unit, c_value)])
            else:  # the level now, the change in a sentence of its own further on
                (q_new,) = doc.add(rnd.choice([f"{_cap(name)} stood at {{V}}.", f"There were {{V}} {name}.",
                                               f"In total, {name} amounted to {{V}}."]), [("{V}", printed, m.kind, unit, v)])
                verb = rnd.choice(["increased", "rose", "grew"]) if delta >= 0 else rnd.choice(["decreased", "fell", "declined"])
                subject = rnd.choice([m.generic or name, name])
                later.append((m, subject, verb, c_printed, c_unit, c_value, q_new, cmp_phrase))
                doc.levels[m.key] = q_new
                continue
            doc.levels[m.key] = q_new
            cross.append(_change_gold(doc, q_c, prev, prev.levels[m.key], q_new))
        if len(later) >= 2 and rnd.random() < 0.6:
            # "Overall, crimes decreased by 9.4%, thefts by 5% and burglaries by 3%."
            parts, figs = [], []
            for i, (m, subject, verb, c_printed, c_unit, c_value, q_new, cmp_phrase) in enumerate(later):
                marker = f"{{C{i}}}"
                parts.append(f"{subject} {verb} by {marker}" if i == 0 else f"{subject} by {marker}")
                figs.append((marker, c_printed, "CHANGE", c_unit, c_value))
            body = ", ".join(parts[:-1]) + " and " + parts[-1]
            qs = doc.add(f"{rnd.choice(['Overall, ', 'Compared with the previous period, '])}{body}.", figs)
            for q_c, (m, *_rest) in zip(qs, later):
                cross.append(_change_gold(doc, q_c, prev, prev.levels[m.key], _rest[5]))
            later = []
        for m, subject, verb, c_printed, c_unit, c_value, q_new, cmp_phrase in later:
            opener = rnd.choice(["Overall, ", "", "Compared with the previous period, "])
            tail = "" if opener.startswith("Compared") else " " + cmp_phrase
            (q_c,) = doc.add(f"{opener}{subject if opener else _cap(subject)} {verb} by {{C}}{tail}.",
                             [("{C}", c_printed, "CHANGE", c_unit, c_value)])
            cross.append(_change_gold(doc, q_c, prev, prev.levels[m.key], q_new))
        if rnd.random() < 0.35:
            # A round, hedged figure of the same measure: never the level a change is measured against.
            m = rnd.choice([m for m in dom.measures if m.kind == "COUNT"] or list(dom.measures))
            v = values[m.key]
            mag = 10 ** max(0, len(str(int(v))) - 2)
            rounded = round(v / mag) * mag
            printed, unit = _printed(m, rounded, dom.currency)
            doc.add(rnd.choice([f"{_cap(m.generic or m.names[0])} is about {{V}}.",
                                f"Some {{V}} {m.names[0]} are expected next year."]),
                    [("{V}", printed, m.kind, unit, rounded)])
        if prev is not None and rnd.random() < 0.6:
            # A restatement of last period's level, under another name.
            keys = [m for m in dom.measures if m.key in prev.levels]
            m = rnd.choice(keys)
            old_v = history[-2][m.key]
            printed, unit = _printed(m, old_v, dom.currency)
            name = rnd.choice(m.names)
            when = f"as of {prev.period[2]}" if dom.cadence == "stock" else f"in {prev.period[2]}"
            (qid,) = doc.add(rnd.choice([f"For comparison, {when} the figure for {name} was {{V}}.",
                                         f"{_cap(when)}, {name} had been {{V}}."]), [("{V}", printed, m.kind, unit, old_v)])
            cross.append(_equal_gold(prev, prev.levels[m.key], doc, qid))
        if sums:
            running.add(doc, prev, now, dom, cross)
        docs.append(doc)
        mains.append(doc)
        if dom.cadence == "year" and t + 1 < len(periods) and rnd.random() < 0.5:
            docs.append(_interim(dom, doc, end.year + 1, values, rnd))
    return {
        "id": f"synth-{domain_key}-{seed}",
        "publisher": dom.publisher,
        "documents": [
            {"id": d.id, "source": {"publisher": dom.publisher, "title": d.title, "date": d.date.isoformat(), "url": None},
             "period": {"start": d.period[0].isoformat(), "end": d.period[1].isoformat(), "label": d.period[2]},
             "text": d.text, "quantities": d.quantities, "checks": []}
            for d in docs
        ],
        "cross_checks": cross,
        "_docs": docs,
    }


class _RunningTotals:
    """Running totals of one or two flow measures of a series since a start before it: each release
    prints its total, and from the second release on the amount of the days after the last
    release's end up to its own (the release's own level when its period is exactly those days,
    as annual releases' are; else a sentence "Between July 2014 and June 2015, ..."), so the last
    total plus that amount is the new total, a cross `sum`."""

    def __init__(self, dom: Domain, first_year: int, rnd: random.Random) -> None:
        flows = [m for m in dom.measures if m.kind in ("COUNT", "MONEY", "MEASURE")]
        self.rnd = rnd
        self.measures = rnd.sample(flows, k=min(len(flows), rnd.choice([1, 2]))) if dom.cadence != "stock" else []
        self.start = first_year - rnd.randint(1, 6)
        self.totals: dict[str, float] = {}
        self.qids: dict[str, str] = {}

    def add(self, doc: _Doc, prev: _Doc | None, now: dict[str, float], dom: Domain, cross: list[dict[str, Any]]) -> None:
        rnd = self.rnd
        start, end, _words = doc.period
        for m in self.measures:
            name = rnd.choice(m.names)
            if m.key not in self.totals:
                # What accumulated before the series: about the measure's level a year, per year.
                years = end.year - self.start + (end.month / 12)
                self.totals[m.key] = _round(m, m.base * years * rnd.uniform(0.8, 1.2))
                part_q = None
            else:
                after = prev.period[1] + timedelta(days=1)  # type: ignore[union-attr]
                if (after, end) == (start, end) and m.key in doc.levels:
                    part_v, part_q = now[m.key], doc.levels[m.key]
                else:
                    months = (end.year - after.year) * 12 + end.month - after.month + 1
                    part_v = _round(m, m.base * months / 12 * rnd.uniform(0.85, 1.15))
                    printed, unit = _printed(m, part_v, dom.currency)
                    span = (f"{calendar.month_name[after.month]} {after.year}", f"{calendar.month_name[end.month]} {end.year}")
                    if after.year == end.year and after.month == end.month:
                        when = f"In {span[1]}"
                    elif after.year == end.year:
                        when = f"In {calendar.month_name[after.month]}-{span[1]}"
                    else:
                        when = rnd.choice([f"Between {span[0]} and {span[1]}", f"From {span[0]} to {span[1]}"])
                    (part_q,) = doc.add(rnd.choice([f"{when}, {{V}} {name} were recorded." if m.kind == "COUNT" else
                                                    f"{when}, {name} amounted to {{V}}.",
                                                    f"{when}, {name} came to {{V}}."]),
                                        [("{V}", printed, m.kind, unit, part_v)])
                self.totals[m.key] = _round(m, self.totals[m.key] + part_v)
            printed, unit = _printed(m, self.totals[m.key], dom.currency)
            since = rnd.choice([f"since January {self.start}", f"since {self.start}", f"since 1 January {self.start}"])
            (total_q,) = doc.add(rnd.choice([f"{_cap(since)}, a total of {{V}} {name} have been recorded." if m.kind == "COUNT"
                                             else f"{_cap(since)}, {name} have totalled {{V}}.",
                                             f"The running total of {name} {since} reached {{V}}.",
                                             f"{_cap(name)} {since} amount to {{V}} in all."]),
                                 [("{V}", printed, m.kind, unit, self.totals[m.key])])
            if part_q is not None and prev is not None:
                cross.append({"kind": "sum", "quantities": [[prev.id, self.qids[m.key]], [doc.id, part_q], [doc.id, total_q]]})
            self.qids[m.key] = total_q


def _interim(dom: Domain, after: _Doc, year: int, values: dict[str, float], rnd: random.Random) -> _Doc:
    """A half-year bulletin between two annual releases: levels of another span, never a change's old level."""
    pub = date(year, 7, rnd.randint(5, 28))
    doc = _Doc(id=f"{after.id}-interim", title=f"Results for the first half of {year}", date=pub,
               period=(date(year, 1, 1), date(year, 6, 30), f"the first half of {year}"))
    doc.add(f"{dom.publisher} published its figures for the first half of {year}.", [])
    for m in rnd.sample(list(dom.measures), k=min(3, len(dom.measures))):
        v = _round(m, values[m.key] * (rnd.uniform(0.45, 0.55) if m.kind in ("COUNT", "MONEY", "MEASURE") else 1.0))
        printed, unit = _printed(m, v, dom.currency)
        doc.add(f"{_cap(rnd.choice(m.names))} reached {{V}} in the first half of {year}.", [("{V}", printed, m.kind, unit, v)])
    return doc


def _change_gold(doc: _Doc, q_c: str, prev: _Doc, q_old: str, q_new: str) -> dict[str, Any]:
    return {"kind": "change", "quantities": [[doc.id, q_c], [prev.id, q_old], [doc.id, q_new]]}


def _equal_gold(prev: _Doc, q_old: str, doc: _Doc, q_new: str) -> dict[str, Any]:
    return {"kind": "equal", "quantities": [[prev.id, q_old], [doc.id, q_new]]}


def judge(series: dict[str, Any]) -> dict[str, Any]:
    """Fill each cross check's verdict and expected value by the checker's arithmetic.

    >>> judge(make_series("roads", 3))["cross_checks"][0]["verdict"] in ("consistent", "inconsistent", "ambiguous")
    True
    """
    docs = {d["id"]: d for d in series["documents"]}

    def fig(ref: list[str]) -> Any:
        d = docs[ref[0]]
        q = next(q for q in d["quantities"] if q["id"] == ref[1])
        return make_figure(Quantity.model_validate({**q, "id": f"{ref[0]}#{ref[1]}"}), d["text"])

    for c in series["cross_checks"]:
        figs = [fig(r) for r in c["quantities"]]
        if c["kind"] == "equal":
            ok = figs[0].interval.intersects(figs[1].interval)
            c["verdict"] = "consistent" if ok else "inconsistent"
            c["expected"] = float(figs[1].value)
        elif c["kind"] == "sum":
            total_doc = docs[c["quantities"][-1][0]]
            check, _ = check_relation(total_doc["text"], {f.id: f for f in figs},
                                      Relation(CheckKind.sum, tuple(f.id for f in figs)))
            c["verdict"], c["expected"] = check.verdict.value, None
        else:
            change_doc = docs[c["quantities"][0][0]]
            check, _ = check_relation(change_doc["text"], {f.id: f for f in figs},
                                      Relation(CheckKind.change, tuple(f.id for f in figs)))
            c["verdict"], c["expected"] = check.verdict.value, check.expected
    return series


def perturb(series: dict[str, Any], seed: int) -> dict[str, Any] | None:
    """A copy of a series with one figure of a cross check in its later document altered, so that
    the arithmetic no longer holds; None when no check can be altered that way.

    >>> s = perturb(judge(make_series("crime", 2)), 0)
    >>> s is None or any(c["verdict"] == "inconsistent" for c in s["cross_checks"])
    True
    """
    rnd = random.Random(seed)
    checks = [i for i, c in enumerate(series["cross_checks"]) if c.get("verdict") == "consistent"]
    rnd.shuffle(checks)
    for i in checks:
        out = perturb_check(series, i, rnd, suffix="-perturbed")
        if out is not None:
            return out
    return None


def perturb_each(series: dict[str, Any], seed: int) -> list[dict[str, Any]]:
    """One copy of a series per consistent cross check that can be broken, each with that check's
    figure in its later document altered (`perturb_check`), named `<series>-p<index of the check>`.

    >>> s = judge(make_series("crime", 2))
    >>> copies = perturb_each(s, 0)
    >>> all(c["cross_checks"][int(c["id"].rsplit("-p", 1)[1])]["verdict"] == "inconsistent" for c in copies)
    True
    """
    rnd = random.Random(seed)
    out = []
    for i, c in enumerate(series["cross_checks"]):
        if c.get("verdict") == "consistent":
            copy_ = perturb_check(series, i, rnd, suffix=f"-p{i}")
            if copy_ is not None:
                out.append(copy_)
    return out


def perturb_check(series: dict[str, Any], i: int, rnd: random.Random, *, suffix: str) -> dict[str, Any] | None:
    """A copy of a series (ids suffixed) with the stated figure of cross check `i` altered (the
    change, or the later figure of a restatement) and the checks naming it judged again; None
    when the altered figure still fits."""
    import copy

    out = copy.deepcopy(series)
    out.pop("_docs", None)
    c = out["cross_checks"][i]
    # the stated figure: a change, the later figure of a restatement, a running total or its part
    where = rnd.choice([-1, 1]) if c["kind"] == "sum" else 0 if c["kind"] == "change" else 1
    doc_id, qid = c["quantities"][where]
    d = next(d for d in out["documents"] if d["id"] == doc_id)
    q = next(q for q in d["quantities"] if q["id"] == qid)
    new_text = _alter(q["text"], rnd)
    if new_text is None:
        return None
    shift = len(new_text) - len(q["text"])
    d["text"] = d["text"][: q["start"]] + new_text + d["text"][q["end"]:]
    for other in d["quantities"]:
        if other["start"] > q["start"]:
            other["start"] += shift
            other["end"] += shift
    q["end"] += shift
    q["text"] = new_text
    parsed = parse_number(new_text)
    q["value"] = float(parsed.value) if parsed is not None else None
    out["id"] = series["id"] + suffix
    for dd in out["documents"]:
        dd["id"] = dd["id"] + "-p"
    for cc in out["cross_checks"]:
        cc["quantities"] = [[a + "-p", b] for a, b in cc["quantities"]]
    # Only the checks of the altered figure are judged again: the others keep their gold verdict
    # (a series' own labels may say `ambiguous`, which the arithmetic alone cannot).
    judged = judge(copy.deepcopy(out))
    for cc, again in zip(out["cross_checks"], judged["cross_checks"], strict=True):
        if [doc_id + "-p", qid] in cc["quantities"]:
            cc["verdict"], cc["expected"] = again["verdict"], again["expected"]
    return out if out["cross_checks"][i]["verdict"] == "inconsistent" else None


def _alter(text: str, rnd: random.Random) -> str | None:
    """The printed figure with one digit changed enough to break the arithmetic."""
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if not digits:
        return None
    # a digit in the upper half of the figure, so the change is not lost in rounding
    i = rnd.choice(digits[: max(1, len(digits) // 2 + 1)])
    d = int(text[i])
    nd = (d + rnd.choice([1, 2, 3, -1, -2])) % 10
    if i == digits[0] and nd == 0:
        nd = (d % 9) + 1
    return text[:i] + str(nd) + text[i + 1:]


def make_set(domains: list[str], seeds: range, *, perturbed: float = 0.4, sums: bool = False) -> list[dict[str, Any]]:
    """Series for each domain and seed, judged, with perturbed copies of about `perturbed` of them
    (with `sums`, running totals as well: `make_series`)."""
    out = []
    for dom in domains:
        for seed in seeds:
            s = judge(make_series(dom, seed, n_docs=random.Random(seed).choice([2, 3, 3, 4]), sums=sums))
            s.pop("_docs", None)
            out.append(s)
            if random.Random(seed * 7 + 1).random() < perturbed:
                p = perturb(s, seed)
                if p is not None:
                    out.append(p)
    return out
