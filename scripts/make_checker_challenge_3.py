#!/usr/bin/env python3
"""Write the third checker-challenge gold set: invented annual-report text, marked by hand.

A third, independent blind set for the checker's linking. Every document is our own invented
text (the invented country Harrowmere, its city Bresk, its province Veyle, the Isle of Tarn and
its town Port Aubin, the port of Saltgarth, and invented organisations and figures), written in
genres the first two sets lean on less: a statistics office's annual reports, a prosecutor's
year in review, a hospital network's bulletin, a regional election night, a port authority, a
tax agency, a school inspectorate, a wildfire season summary and a consumer protection board.
It was written from the annotation spec (spec/gold-format.md) alone, without reading the
linker, the checks, their tests or the other challenge sets' documents.

The marked form, the parsing, the offset and coverage checks, the independent verdict
arithmetic and ``write_gold`` are those of ``scripts/make_checker_challenge.py``, with the
extensions of ``scripts/make_checker_challenge_2.py`` (both imported, not copied). This script
adds the Harrowmere crown ("HMC"), a few measure units (nights, minutes, metres, TEU), more
number words for the coverage check, and one convenience: a mark may carry a name, written
``[text|KIND|unit]@name`` right after the closing bracket, and checks may refer to quantities
by that name instead of by q-number. Names are resolved to q1, q2, ... before building, so the
written gold is plain gold-format.

    python scripts/make_checker_challenge_3.py --out eval/labels/checker-challenge-3.jsonl
    python scripts/make_checker_challenge_3.py --show      # list quantities and arithmetic

Standard library only.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
_spec2 = importlib.util.spec_from_file_location("make_checker_challenge_2", _HERE / "make_checker_challenge_2.py")
mcc2 = importlib.util.module_from_spec(_spec2)
sys.modules["make_checker_challenge_2"] = mcc2
_spec2.loader.exec_module(mcc2)  # loads the first script and extends it (ratio changes, units)
mcc = mcc2.mcc

# --------------------------------------------------------------------------------------------
# Extensions of the shared machinery
# --------------------------------------------------------------------------------------------

mcc.CURRENCIES["HMC"] = "HMC"
mcc.MEASURE_UNITS.update({"nights": "nights", "minutes": "minutes", "metres": "m", "TEU": "TEU"})
mcc.WORDS.update({"hundred": 100})
mcc.NUMBER_WORDS_OUTSIDE = re.compile(
    r"\b(" + "|".join(list(mcc.WORDS) + list(mcc.SCALES)) + r")\b", re.I)

NAMED = re.compile(mcc.MARK.pattern + r"(?:@([A-Za-z_]\w*))?")


def resolve_names(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with ``@name`` labels removed from its text and names in its checks made q-ids.

    >>> s = resolve_names({"text": "[3|COUNT|x]@a of [4|COUNT|x]@b", "checks": [("part_whole", ["a", "b"], "consistent", "n")]})
    >>> s["text"], s["checks"]
    ('[3|COUNT|x] of [4|COUNT|x]', [('part_whole', ['q1', 'q2'], 'consistent', 'n')])
    """
    names: dict[str, str] = {}
    for i, m in enumerate(NAMED.finditer(spec["text"]), 1):
        if m.group(5):
            if m.group(5) in names:
                raise mcc.GoldError(f"{spec.get('id')}: name {m.group(5)} used twice")
            names[m.group(5)] = f"q{i}"
    text = NAMED.sub(lambda m: m.group(0)[: len(m.group(0)) - (len(m.group(5)) + 1 if m.group(5) else 0)],
                     spec["text"])
    if "@" in text:
        raise mcc.GoldError(f"{spec.get('id')}: stray @ in text")
    checks = []
    for entry in spec["checks"]:
        kind, qids, *rest = entry
        ids = [names.get(x, x) if isinstance(x, str) else x for x in qids]
        if rest[2:]:
            rest[2] = {k: names.get(v, v) if isinstance(v, str) else v for k, v in rest[2].items()}
        checks.append((kind, ids, *rest))
    return {**spec, "text": text, "checks": checks}


# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------

STATS = "Harrowmere Office for National Statistics"
PROS = "Office of the Prosecutor General of Harrowmere"
BRESK_PROS = "Bresk District Prosecutor's Office"
TARN_PROS = "Isle of Tarn Prosecution Service"
HOSP = "Veyle Hospitals Network"
ELEC = "Isle of Tarn Regional Electoral Board"
PORT = "Port of Saltgarth Authority"
TAX = "Harrowmere Tax Agency"
SCHOOLS = "Inspectorate of Schools of Harrowmere"
FIRE = "Veyle Forest and Fire Service"
CONSUMER = "Consumer Protection Board of Harrowmere"
POP = 4193100  # invented: population of Harrowmere on 1 January 2024
POP_END = 4218300  # invented: on 1 January 2025
UP, DOWN = {"dir": "up"}, {"dir": "down"}

DOCS: list[dict[str, Any]] = [
    # ---------------------------------------------------------------- statistics office
    {
        "id": "cc3-stats-population-2025",
        "publisher": STATS, "title": "Population of Harrowmere, 1 January 2025", "date": "2025-03-18",
        "text": (
            "On [1 January 2025|DATE] the resident population of Harrowmere stood at "
            "[4,218,300|COUNT|residents]@new, an increase of [25,200|CHANGE|residents]@abs or [0.6%|CHANGE]@rel "
            "on the [4,193,100|COUNT|residents]@old counted a year earlier. Residents aged [65|MEASURE|years] "
            "and over numbered [861,400|COUNT|residents]@old65, or [20.4%|PERCENT]@p65 of the total.\n\n"
            "There were [31,420|COUNT|births] live births and [38,905|COUNT|deaths] deaths during [2024|DATE], "
            "so for the fourth year running the population grew through migration alone."
        ),
        "checks": [
            ("change", ["abs", "old", "new"], "consistent", "absolute growth over the year", UP),
            ("change", ["rel", "old", "new"], "consistent", "relative growth over the year", UP),
            ("share", ["p65", "old65", "new"], "consistent", "share of residents aged 65 and over"),
        ],
    },
    {
        "id": "cc3-stats-labour-force-2024",
        "publisher": STATS, "title": "Labour Force Survey: annual results 2024", "date": "2025-02-27",
        "text": (
            "The Labour Force Survey for [2024|DATE] puts the labour force at [2,164,000|COUNT|people]@lf, "
            "of whom [2,046,000|COUNT|people]@emp were in work and [118,000|COUNT|people]@unemp were unemployed. "
            "The unemployment rate was therefore [5.5%|PERCENT]@rate, against [6.1%|PERCENT]@prev in "
            "[2023|DATE], a fall of [0.9 percentage points|CHANGE]@pp.\n\n"
            "Among people aged [16|MEASURE|years] to [24 years|MEASURE] the rate was higher, at [14.9%|PERCENT]. "
            "Survey interviews last about [20 minutes|MEASURE] and are repeated every quarter."
        ),
        "checks": [
            ("sum", ["emp", "unemp", "lf"], "consistent", "employed and unemployed make up the labour force"),
            ("share", ["rate", "unemp", "lf"], "consistent", "unemployment rate"),
            ("change", ["pp", "prev", "rate"], "inconsistent",
             "planted error: 6.1% to 5.5% is a fall of 0.6 percentage points, not 0.9", DOWN),
        ],
    },
    {
        "id": "cc3-stats-tourism-tarn-2024",
        "publisher": STATS, "title": "Tourist accommodation on the Isle of Tarn, 2024", "date": "2025-04-09",
        "text": (
            "Hotels and guest houses on the Isle of Tarn recorded [1,284,500|COUNT|overnight stays]@all "
            "overnight stays in [2024|DATE]. Visitors from abroad accounted for [512,300|COUNT|overnight stays]@abroad "
            "of them ([41.9%|PERCENT]@p), and residents of Harrowmere for the other "
            "[772,200|COUNT|overnight stays]@home.\n\n"
            "The average stay lasted [3.4 nights|MEASURE]. The island had [87|COUNT|establishments] "
            "establishments open in [August|DATE|month|\"--08\"], its busiest month."
        ),
        "checks": [
            ("share", ["p", "abroad", "all"], "inconsistent",
             "planted error: 512,300 of 1,284,500 stays is 39.9%, not 41.9%"),
            ("sum", ["abroad", "home", "all"], "consistent", "stays by visitors from abroad and from home"),
        ],
    },
    {
        "id": "cc3-stats-household-income-2024",
        "publisher": STATS, "title": "Household income and its distribution, 2024", "date": "2025-06-12",
        "text": (
            "Median disposable household income reached [HMC 38,420|MONEY]@new in [2024|DATE], "
            "[HMC 1,150|CHANGE]@abs or [3.1%|CHANGE]@rel more than in [2023|DATE]. Once consumer prices "
            "are taken into account, the gain was close to nil.\n\n"
            "The poorest fifth of households received [7.8%|PERCENT]@p1 of all disposable income and the "
            "richest fifth [38.6%|PERCENT]@p5. A household of [two|COUNT|adults] adults and "
            "[two|COUNT|children] children needed at least [HMC 31,900|MONEY] to stay above the poverty line."
        ),
        "checks": [
            ("change", ["rel", None, "new"], "consistent",
             "old income implied by the absolute rise", {"dir": "up", "abs": "abs"}),
            ("sum", ["p1", "p5", "100%"], "consistent", "two fifths' shares of the same income total"),
        ],
    },
    {
        "id": "cc3-stats-harvest-2024",
        "publisher": STATS, "title": "Final harvest estimates, 2024", "date": "2025-01-30",
        "text": (
            "The [2024|DATE] cereal harvest came to [1.92 million tonnes|MEASURE]@total: wheat "
            "[1.14 million tonnes|MEASURE]@wheat, barley [0.51 million tonnes|MEASURE]@barley and oats "
            "[0.21 million tonnes|MEASURE]@oats. The area sown to cereals was [412,000 hectares|MEASURE]@area, "
            "down [2.3%|CHANGE]@chg from [421,700 hectares|MEASURE]@area0 in the previous season."
        ),
        "checks": [
            ("sum", ["wheat", "barley", "oats", "total"], "inconsistent",
             "planted error: the three cereals add up to 1.86 million tonnes, not 1.92 million"),
            ("change", ["chg", "area0", "area"], "consistent", "fall in the sown area", DOWN),
        ],
    },
    {
        "id": "cc3-stats-births-bresk-2024",
        "publisher": STATS, "title": "Births by district, 2024", "date": "2025-05-06",
        "text": (
            "Bresk registered [5,862|COUNT|births]@b live births in [2024|DATE] among its "
            "[498,300|COUNT|residents]@pop residents, a crude birth rate of "
            "[11.8|RATE|births per 1,000 residents]@r per 1,000, well above the national rate of "
            "[7.4|RATE|births per 1,000 residents]. Mothers' average age at first birth was "
            "[31.2 years|MEASURE]."
        ),
        "checks": [
            ("rate", ["r", "b", "pop"], "consistent", "Bresk's crude birth rate"),
        ],
    },
    {
        "id": "cc3-stats-housing-2024",
        "publisher": STATS, "title": "Housing completions and tenure, 2024", "date": "2025-03-25",
        "text": (
            "[14,620|COUNT|dwellings]@new dwellings were completed in [2024|DATE], [1,870|CHANGE|dwellings]@chg "
            "fewer than the [16,490|COUNT|dwellings]@old of [2023|DATE]. Flats made up [62.3%|PERCENT] of "
            "completions, against [58.1%|PERCENT] a year before.\n\n"
            "Home ownership has fallen by [1.2%|CHANGE]@own since [2019|DATE], to [64.5%|PERCENT]@own1 of "
            "households from [65.7%|PERCENT]@own0."
        ),
        "checks": [
            ("change", ["chg", "old", "new"], "consistent", "fewer completions", DOWN),
            ("change", ["own", "own0", "own1"], "ambiguous",
             "1.2 fits as percentage points, not as a relative fall", DOWN),
        ],
    },
    {
        "id": "cc3-stats-road-deaths-2024",
        "publisher": STATS, "title": "Road traffic deaths, 2024", "date": "2025-04-29",
        "reference": {"population": POP, "population_end": POP_END,
                      "population_source": "Harrowmere Office for National Statistics, 1 January 2024 and 2025 (invented)"},
        "text": (
            "Road deaths fell to [184|COUNT|deaths]@d in [2024|DATE], or "
            "[4.4|RATE|deaths per 100,000 inhabitants]@r per 100,000 inhabitants, the lowest toll since "
            "records began in [1961|DATE]."
        ),
        "checks": [
            ("rate", ["r", "d", "ref:population"], "consistent", "road death rate on the national population"),
        ],
    },
    # ---------------------------------------------------------------- prosecutors
    {
        "id": "cc3-pros-annual-2024",
        "publisher": PROS, "title": "The year in review: 2024", "date": "2025-02-14",
        "text": (
            "In [2024|DATE] the Office received [48,216|COUNT|case files]@all case files from the police, "
            "[3.7%|CHANGE]@chg more than the [46,495|COUNT|case files]@old of [2023|DATE]. Prosecutors "
            "brought charges in [19,830|COUNT|case files]@charged of them ([41.1%|PERCENT]@p); "
            "[21,404|COUNT|case files]@disc were discontinued, and the rest were still open at year end.\n\n"
            "Charges of fraud under Article [212|OTHER] of the Criminal Code rose to [2,318|COUNT|charges], "
            "the highest number since the article was amended in [2016|DATE]."
        ),
        "checks": [
            ("change", ["chg", "old", "all"], "consistent", "growth in case files", UP),
            ("share", ["p", "charged", "all"], "consistent", "share of case files charged"),
            ("part_whole", ["disc", "all"], "consistent", "discontinued files are among the files received"),
        ],
    },
    {
        "id": "cc3-pros-bresk-domestic-violence",
        "publisher": BRESK_PROS, "title": "Domestic violence prosecutions in Bresk", "date": "2025-03-08",
        "text": (
            "Domestic violence prosecutions in Bresk reached [1,146|COUNT|prosecutions]@new in [2024|DATE], up "
            "from [982|COUNT|prosecutions]@old, a rise of [18.7%|CHANGE]@chg. [836|COUNT|prosecutions]@conv "
            "ended in a conviction.\n\n"
            "Victims can call the [1520|OTHER] helpline, which is staffed [24 hours|MEASURE] a day, "
            "[seven days|MEASURE] a week."
        ),
        "checks": [
            ("change", ["chg", "old", "new"], "inconsistent",
             "planted error: 982 to 1,146 is a rise of 16.7%, not 18.7%", UP),
            ("part_whole", ["conv", "new"], "consistent", "convictions among the prosecutions"),
        ],
    },
    {
        "id": "cc3-pros-asset-recovery",
        "publisher": PROS, "title": "Confiscated criminal assets, 2024", "date": "2025-04-02",
        "text": (
            "Courts ordered the confiscation of [HMC 27.4 million|MONEY]@all in criminal assets in "
            "[2024|DATE]. Drug cases accounted for [HMC 11.9 million|MONEY]@drugs ([43.4%|PERCENT]@pd) and "
            "tax fraud for [HMC 8.6 million|MONEY]@tax ([31.4%|PERCENT]@pt).\n\n"
            "[62|COUNT|vehicles] vehicles and [three|COUNT|vessels] fishing vessels were sold at auction; "
            "the proceeds go to the Victims' Fund set up under Article [44|OTHER] of the Proceeds of Crime Act."
        ),
        "checks": [
            ("share", ["pd", "drugs", "all"], "consistent", "drug cases' share"),
            ("share", ["pt", "tax", "all"], "consistent", "tax fraud's share"),
            ("sum", ["pd", "pt", "100%"], "consistent", "two shares of one total"),
        ],
    },
    {
        "id": "cc3-pros-trial-outcomes",
        "publisher": PROS, "title": "Outcomes of trials on indictment", "date": "2025-05-20",
        "text": (
            "Of the [2,904|COUNT|defendants]@all defendants tried on indictment last year, "
            "[2,311|COUNT|defendants]@conv were convicted, [417|COUNT|defendants]@acq acquitted and "
            "[196|COUNT|defendants]@dis had their cases dismissed. [84|COUNT|defendants]@young of the "
            "defendants were under [18|MEASURE|years] at the time of the offence.\n\n"
            "The median time from charge to verdict was [11.2 months|MEASURE]."
        ),
        "checks": [
            ("sum", ["conv", "acq", "dis", "all"], "inconsistent",
             "planted error: 2,311 + 417 + 196 = 2,924, not the 2,904 defendants tried"),
            ("part_whole", ["young", "all"], "consistent", "young defendants among all defendants"),
        ],
    },
    {
        "id": "cc3-pros-tarn-charging",
        "publisher": TARN_PROS, "title": "Charging on the Isle of Tarn", "date": "2025-02-03",
        "text": (
            "The Isle of Tarn, population [96,840|COUNT|residents]@pop, saw [1,012|COUNT|people]@n people "
            "charged with an offence in [2024|DATE], or [1,045|RATE|people charged per 100,000 residents]@r "
            "per 100,000 residents. The island court heard its [1,000th|OTHER] case of the year on "
            "[9 December|DATE]."
        ),
        "checks": [
            ("rate", ["r", "n", "pop"], "consistent", "charging rate per 100,000 residents"),
        ],
    },
    {
        "id": "cc3-pros-appeals",
        "publisher": PROS, "title": "Prosecution appeals", "date": "2025-06-30",
        "text": (
            "Prosecution appeals succeeded in [57|COUNT|appeals]@won of [88|COUNT|appeals]@all cases, a "
            "success rate of [64.8%|PERCENT]@p. The most cited ruling, case [HK-2024-117|OTHER], concerned "
            "sentencing for repeat burglary."
        ),
        "checks": [
            ("share", ["p", "won", "all"], "consistent", "success rate of appeals"),
        ],
    },
    # ---------------------------------------------------------------- hospital network
    {
        "id": "cc3-hosp-emergency-2024",
        "publisher": HOSP, "title": "Network bulletin: emergency care in 2024", "date": "2025-01-21",
        "text": (
            "The network's emergency departments treated [212,480|COUNT|patients]@all patients in "
            "[2024|DATE]. [171,300|COUNT|patients]@seen of them ([80.6%|PERCENT]@p) were admitted, "
            "transferred or discharged within the [four|MEASURE|hours]-hour target, short of the "
            "[95%|PERCENT] standard.\n\n"
            "The average time in the department was [2 hours 41 minutes|MEASURE|minutes|161]."
        ),
        "checks": [
            ("share", ["p", "seen", "all"], "consistent", "share seen within four hours"),
        ],
    },
    {
        "id": "cc3-hosp-st-elda-beds",
        "publisher": HOSP, "title": "St Elda's Hospital: capacity and staff", "date": "2025-02-11",
        "text": (
            "St Elda's Hospital in Bresk has [640|COUNT|beds]@beds beds. Over the year they were occupied "
            "[87.5%|PERCENT]@p of the time on average, with a daily average of [553|COUNT|beds]@used beds in use. "
            "The hospital employs [2,870|COUNT|staff]@staff staff, including [912|COUNT|nurses]@nurses "
            "registered nurses."
        ),
        "checks": [
            ("share", ["p", "used", "beds"], "inconsistent",
             "planted error: 553 of 640 beds is an occupancy of 86.4%, not 87.5%"),
            ("part_whole", ["nurses", "staff"], "consistent", "nurses among the staff"),
        ],
    },
    {
        "id": "cc3-hosp-infections",
        "publisher": HOSP, "title": "Hospital-acquired infections", "date": "2025-03-04",
        "text": (
            "Hospital-acquired infections fell to [1.9|RATE|infections per 1,000 patient-days]@r1 per 1,000 "
            "patient-days in [2024|DATE]: [842|COUNT|infections]@n infections in "
            "[438,600|COUNT|patient-days]@pd patient-days. The rate was [2.3|RATE|infections per 1,000 patient-days]@r0 "
            "in [2023|DATE], so the fall was [0.4|CHANGE|infections per 1,000 patient-days]@chg.\n\n"
            "Hand hygiene audits on Ward [7B|OTHER] found full compliance for the third month in a row."
        ),
        "checks": [
            ("rate", ["r1", "n", "pd"], "consistent", "infection rate"),
            ("change", ["chg", "r0", "r1"], "consistent", "fall in the rate", DOWN),
        ],
    },
    {
        "id": "cc3-hosp-waiting-list",
        "publisher": HOSP, "title": "Planned surgery waiting list", "date": "2025-01-14",
        "text": (
            "The waiting list for planned surgery stood at [18,940|COUNT|patients]@new at the end of "
            "[December 2024|DATE], [2,310|CHANGE|patients]@chg shorter than the [21,520|COUNT|patients]@old "
            "of a year earlier. Patients waiting more than [52 weeks|MEASURE] numbered "
            "[1,206|COUNT|patients]@long."
        ),
        "checks": [
            ("change", ["chg", "old", "new"], "inconsistent",
             "planted error: 21,520 - 18,940 = 2,580, not 2,310", DOWN),
            ("part_whole", ["long", "new"], "consistent", "long waiters are on the list"),
        ],
    },
    {
        "id": "cc3-hosp-maternity",
        "publisher": HOSP, "title": "Maternity services: the year's deliveries", "date": "2025-02-25",
        "text": (
            "The network's [three|COUNT|maternity units] maternity units delivered [6,418|COUNT|babies]@all "
            "babies last year: [3,905|COUNT|babies]@a at St Elda's, [1,662|COUNT|babies]@b at Veyle General "
            "and [851|COUNT|babies]@c at Ombridge Cottage Hospital.\n\n"
            "Caesarean sections accounted for [27.9%|PERCENT] of deliveries. Midwives made "
            "[11,240|COUNT|home visits] home visits in the [ten days|MEASURE] after birth."
        ),
        "checks": [
            ("sum", ["a", "b", "c", "all"], "consistent", "deliveries by unit"),
        ],
    },
    {
        "id": "cc3-hosp-agency-staff",
        "publisher": HOSP, "title": "Spending on agency staff", "date": "2025-05-13",
        "text": (
            "Agency staffing cost the network [HMC 14.6 million|MONEY]@new in [2024|DATE], down from "
            "[HMC 19.2 million|MONEY]@old, a cut of [24%|CHANGE]@chg. That is about [1.3%|PERCENT]@p of the "
            "network's annual budget of [HMC 1.12 billion|MONEY]@budget."
        ),
        "checks": [
            ("change", ["chg", "old", "new"], "consistent", "cut in agency spending", DOWN),
            ("share", ["p", "new", "budget"], "consistent", "agency spending as a share of the budget"),
        ],
    },
    # ---------------------------------------------------------------- election night
    {
        "id": "cc3-elec-turnout",
        "publisher": ELEC, "title": "Regional election: turnout", "date": "2025-05-11",
        "text": (
            "With all [41|COUNT|polling stations] polling stations counted, turnout in the Isle of Tarn "
            "regional election was [63.8%|PERCENT]@t: [49,212|COUNT|voters]@cast of the "
            "[77,130|COUNT|registered voters]@reg registered voters cast a ballot. Polls closed at "
            "[22:00|DATE|time|\"22:00\"] and the last result was declared at [03:15|DATE|time|\"03:15\"]."
        ),
        "checks": [
            ("share", ["t", "cast", "reg"], "consistent", "turnout"),
        ],
    },
    {
        "id": "cc3-elec-results",
        "publisher": ELEC, "title": "Regional election: votes by party", "date": "2025-05-11",
        "text": (
            "Of the [49,212|COUNT|ballots]@cast ballots cast, [48,301|COUNT|ballots]@valid were valid and "
            "[911|COUNT|ballots]@spoilt spoilt.\n\n"
            "Tarn First took [18,644|COUNT|votes]@tfv votes, [38.6%|PERCENT]@tf of valid votes; the Harbour "
            "Party took [27.9%|PERCENT]@hp, the Greens [14.2%|PERCENT]@gr, the Islanders' League "
            "[11.8%|PERCENT]@il and independent candidates [7.5%|PERCENT]@ind."
        ),
        "checks": [
            ("sum", ["valid", "spoilt", "cast"], "consistent", "valid and spoilt ballots"),
            ("share", ["tf", "tfv", "valid"], "consistent", "Tarn First's vote share"),
            ("sum", ["tf", "hp", "gr", "il", "ind", "100%"], "consistent",
             "all parties and independents share the valid votes", {"exhaustive": True}),
        ],
    },
    {
        "id": "cc3-elec-seats",
        "publisher": ELEC, "title": "Regional election: seats in the assembly", "date": "2025-05-12",
        "text": (
            "Seats in the [35|COUNT|seats]@all-seat assembly are distributed as follows: Tarn First "
            "[14|COUNT|seats]@tf, the Harbour Party [10|COUNT|seats]@hp, the Greens [5|COUNT|seats]@gr, the "
            "Islanders' League [4|COUNT|seats]@il and independents [three|COUNT|seats]@ind.\n\n"
            "Tarn First's total is [two|CHANGE|seats]@chg more than the [12|COUNT|seats]@tf0 it won in "
            "[2021|DATE]."
        ),
        "checks": [
            ("sum", ["tf", "hp", "gr", "il", "ind", "all"], "inconsistent",
             "planted error: 14 + 10 + 5 + 4 + 3 = 36 seats, one more than the assembly has"),
            ("change", ["chg", "tf0", "tf"], "consistent", "Tarn First's gain", UP),
        ],
    },
    {
        "id": "cc3-elec-turnout-change",
        "publisher": ELEC, "title": "Turnout up on 2021", "date": "2025-05-12",
        "text": (
            "Turnout of [63.8%|PERCENT]@new was [4.5 percentage points|CHANGE]@chg higher than at the "
            "[2021|DATE] election ([59.3%|PERCENT]@old). It was highest in Port Aubin [2|OTHER], at "
            "[71.4%|PERCENT], and lowest in the North Fells ward, at [52.0%|PERCENT]."
        ),
        "checks": [
            ("change", ["chg", "old", "new"], "consistent", "rise in turnout in percentage points", UP),
        ],
    },
    {
        "id": "cc3-elec-postal",
        "publisher": ELEC, "title": "Postal voting", "date": "2025-05-13",
        "text": (
            "Postal ballots numbered [6,870|COUNT|postal ballots]@post, or [15.3%|PERCENT]@p of all "
            "[49,212|COUNT|ballots]@cast ballots cast. [6,512|COUNT|postal ballots]@ontime of them arrived "
            "before the [8 May|DATE] deadline; the rest were set aside unopened."
        ),
        "checks": [
            ("share", ["p", "post", "cast"], "inconsistent",
             "planted error: 6,870 of 49,212 ballots is 14.0%, not 15.3%"),
            ("part_whole", ["ontime", "post"], "consistent", "ballots on time among postal ballots"),
        ],
    },
    {
        "id": "cc3-elec-referendum",
        "publisher": ELEC, "title": "Ferry link referendum", "date": "2025-05-11",
        "text": (
            "In the referendum held alongside the election, [27,904|COUNT|votes]@yes voters backed the "
            "fixed ferry link and [19,733|COUNT|votes]@no opposed it, so the proposal passed with "
            "[58.6%|PERCENT]@p of the [47,637|COUNT|votes]@all valid votes cast on the question."
        ),
        "checks": [
            ("sum", ["yes", "no", "all"], "consistent", "yes and no votes"),
            ("share", ["p", "yes", "all"], "consistent", "yes share"),
        ],
    },
    # ---------------------------------------------------------------- port authority
    {
        "id": "cc3-port-throughput-2024",
        "publisher": PORT, "title": "Annual traffic report 2024", "date": "2025-01-28",
        "text": (
            "The Port of Saltgarth handled [38.4 million tonnes|MEASURE]@new of cargo in [2024|DATE], "
            "[2.1%|CHANGE]@chg more than the [37.6 million tonnes|MEASURE]@old of [2023|DATE]. Dry bulk "
            "made up nearly [17 million tonnes|MEASURE]@bulk, or [44%|PERCENT]@p of the total.\n\n"
            "Container traffic reached [1.46 million TEU|MEASURE], a record for the port since it opened its "
            "deep-water quay in [1998|DATE]."
        ),
        "checks": [
            ("change", ["chg", "old", "new"], "consistent", "growth in tonnage", UP),
            ("share", ["p", "bulk", "new"], "consistent", "dry bulk's share of tonnage"),
        ],
    },
    {
        "id": "cc3-port-vessel-calls",
        "publisher": PORT, "title": "Vessel calls and cruise season", "date": "2025-02-06",
        "text": (
            "[6,214|COUNT|vessel calls]@new vessel calls were recorded in [2024|DATE], [388|CHANGE|vessel calls]@chg "
            "more than in [2023|DATE] ([5,862|COUNT|vessel calls]@old). Cruise ships made "
            "[143|COUNT|vessel calls]@cruise of the calls and brought [291,000|COUNT|passengers]@pax passengers, "
            "[2.3 times|CHANGE]@ratio the [126,000|COUNT|passengers]@pax0 of [2019|DATE].\n\n"
            "The new cruise Berth [14|OTHER] opened on [3 June|DATE]."
        ),
        "checks": [
            ("change", ["chg", "old", "new"], "inconsistent",
             "planted error: 6,214 - 5,862 = 352 more calls, not 388", UP),
            ("part_whole", ["cruise", "new"], "consistent", "cruise calls among all calls"),
            ("change", ["ratio", "pax0", "pax"], "consistent", "cruise passengers as a multiple of 2019", UP),
        ],
    },
    {
        "id": "cc3-port-crane-productivity",
        "publisher": PORT, "title": "Eastern Terminal performance", "date": "2025-03-12",
        "text": (
            "Crane productivity at the Eastern Terminal averaged [31.5|RATE|moves per crane-hour]@r moves "
            "per crane-hour over the year: [1,247,000|COUNT|moves]@moves container moves in "
            "[39,600|COUNT|crane-hours]@hours crane-hours. Trucks waited an average of [27 minutes|MEASURE] "
            "at the gate, and [eight|COUNT|cranes] new cranes are on order."
        ),
        "checks": [
            ("rate", ["r", "moves", "hours"], "consistent", "moves per crane-hour"),
        ],
    },
    {
        "id": "cc3-port-finances",
        "publisher": PORT, "title": "Financial statement 2024", "date": "2025-04-15",
        "text": (
            "Port dues and charges brought in [HMC 212.7 million|MONEY]@rev. Operating costs were "
            "[HMC 148.3 million|MONEY]@cost, leaving an operating surplus of [HMC 64.4 million|MONEY]@surplus.\n\n"
            "The Authority invested [HMC 41 million|MONEY] in dredging the approach channel to a depth of "
            "[16.5 metres|MEASURE], so that vessels of up to [400 metres|MEASURE] in length can berth at "
            "any state of the tide."
        ),
        "checks": [
            ("sum", ["cost", "surplus", "rev"], "consistent", "costs and surplus make up the revenue"),
        ],
    },
    {
        "id": "cc3-port-transshipment",
        "publisher": PORT, "title": "Transshipment", "date": "2025-03-19",
        "text": (
            "Of the [1.46 million TEU|MEASURE]@all handled, [0.62 million TEU|MEASURE]@ts were transshipped "
            "to feeder vessels, [46.2%|PERCENT]@p of the total."
        ),
        "checks": [
            ("share", ["p", "ts", "all"], "inconsistent",
             "planted error: 0.62 of 1.46 million TEU is 42.5%, not 46.2%"),
        ],
    },
    {
        "id": "cc3-port-shore-power",
        "publisher": PORT, "title": "Shore power and emissions at berth", "date": "2025-06-05",
        "text": (
            "Ships plugged into shore power on [412|COUNT|vessel calls]@sp calls, [6.6%|PERCENT]@p of all "
            "[6,214|COUNT|vessel calls]@all vessel calls. Emissions at berth fell from "
            "[58,300 tonnes|MEASURE]@old to [48,900 tonnes|MEASURE]@new of carbon dioxide, a drop of "
            "[9,400 tonnes|CHANGE]@chg."
        ),
        "checks": [
            ("share", ["p", "sp", "all"], "consistent", "share of calls on shore power"),
            ("change", ["chg", "old", "new"], "consistent", "fall in emissions", DOWN),
        ],
    },
    # ---------------------------------------------------------------- tax agency
    {
        "id": "cc3-tax-receipts-2024",
        "publisher": TAX, "title": "Annual report: tax receipts 2024", "date": "2025-04-22",
        "text": (
            "The Agency collected [HMC 61.84 billion|MONEY]@all in [2024|DATE], [HMC 3.12 billion|CHANGE]@abs "
            "or [5.3%|CHANGE]@rel more than a year earlier.\n\n"
            "Income tax brought in [HMC 24.37 billion|MONEY]@inc ([39.4%|PERCENT]@pinc), value added tax "
            "[HMC 19.05 billion|MONEY]@vat ([30.8%|PERCENT]@pvat) and corporation tax "
            "[HMC 8.91 billion|MONEY]@corp ([14.4%|PERCENT]@pcorp)."
        ),
        "checks": [
            ("change", ["rel", None, "all"], "consistent", "old receipts implied by the absolute rise",
             {"dir": "up", "abs": "abs"}),
            ("share", ["pinc", "inc", "all"], "consistent", "income tax share"),
            ("share", ["pvat", "vat", "all"], "consistent", "VAT share"),
            ("share", ["pcorp", "corp", "all"], "consistent", "corporation tax share"),
            ("sum", ["pinc", "pvat", "pcorp", "100%"], "consistent", "three shares of the same receipts"),
        ],
    },
    {
        "id": "cc3-tax-returns-filing",
        "publisher": TAX, "title": "Self-assessment filing season", "date": "2025-02-10",
        "text": (
            "[2.31 million|COUNT|returns]@filed income tax returns were filed by the [31 January|DATE] deadline, "
            "[94.6%|PERCENT]@p of the [2.44 million|COUNT|returns]@due expected. Online filing reached "
            "[88.2%|PERCENT]@on1 of returns, up from [85.9%|PERCENT]@on0 last year, a rise of "
            "[3.2 percentage points|CHANGE]@chg.\n\n"
            "Late filers pay a fixed penalty of [HMC 100|MONEY], rising after [three months|MEASURE]."
        ),
        "checks": [
            ("share", ["p", "filed", "due"], "consistent", "share of expected returns filed on time"),
            ("change", ["chg", "on0", "on1"], "inconsistent",
             "planted error: 85.9% to 88.2% is a rise of 2.3 percentage points, not 3.2", UP),
        ],
    },
    {
        "id": "cc3-tax-audits",
        "publisher": TAX, "title": "Compliance: audits and assessments", "date": "2025-05-27",
        "text": (
            "Inspectors completed [12,480|COUNT|audits]@all audits, [4,905|COUNT|audits]@found of which found "
            "tax underpaid. Additional assessments totalled [HMC 1.74 billion|MONEY]@amt, an average of "
            "[HMC 139,400|RATE|HMC per audit]@r per audit completed."
        ),
        "checks": [
            ("part_whole", ["found", "all"], "consistent", "audits finding underpayment"),
            ("rate", ["r", "amt", "all"], "consistent", "average assessment per audit"),
        ],
    },
    {
        "id": "cc3-tax-complaints",
        "publisher": TAX, "title": "Service standards", "date": "2025-06-18",
        "text": (
            "The Agency received [3,915|COUNT|complaints]@c complaints, or "
            "[1.7|RATE|complaints per 1,000 returns]@r per 1,000 returns processed "
            "([2.62 million|COUNT|returns]@ret). Its helpline, [0800 414 414|OTHER], answered "
            "[81%|PERCENT] of calls within [five minutes|MEASURE]."
        ),
        "checks": [
            ("rate", ["r", "c", "ret"], "inconsistent",
             "planted error: 3,915 complaints on 2.62 million returns is 1.5 per 1,000, not 1.7"),
        ],
    },
    {
        "id": "cc3-tax-vat-gap",
        "publisher": TAX, "title": "Estimate of the VAT gap", "date": "2025-09-09",
        "text": (
            "The VAT gap, the tax that was due but never collected, is estimated at "
            "[HMC 1.46 billion|MONEY]@gap for [2023|DATE]: [7.1%|PERCENT]@p of the [HMC 20.51 billion|MONEY]@due "
            "theoretically due. In [2022|DATE] the gap had been [8.3%|PERCENT]."
        ),
        "checks": [
            ("share", ["p", "gap", "due"], "consistent", "VAT gap as a share of VAT due"),
        ],
    },
    # ---------------------------------------------------------------- school inspectorate
    {
        "id": "cc3-schools-judgements-2023-24",
        "publisher": SCHOOLS, "title": "Annual report: inspection outcomes 2023/24", "date": "2024-11-19",
        "text": (
            "Inspectors visited [418|COUNT|schools]@all schools during the "
            "[2023/24|DATE|school year|\"2023/24\"] school year. [291|COUNT|schools]@good were judged good or "
            "outstanding ([69.6%|PERCENT]@p), [97|COUNT|schools]@ri required improvement and "
            "[30|COUNT|schools]@inad were judged inadequate.\n\n"
            "Schools judged inadequate are visited again within [18 months|MEASURE]."
        ),
        "checks": [
            ("sum", ["good", "ri", "inad", "all"], "consistent", "the three judgements cover every school visited"),
            ("share", ["p", "good", "all"], "consistent", "share judged good or outstanding"),
        ],
    },
    {
        "id": "cc3-schools-bresk-staffing",
        "publisher": SCHOOLS, "title": "Primary staffing in Bresk", "date": "2024-12-03",
        "text": (
            "Primary schools in Bresk had [38,920|COUNT|pupils]@pupils pupils and "
            "[2,163|COUNT|teachers]@teachers teachers in October, a ratio of "
            "[16.2|RATE|pupils per teacher]@r pupils per teacher. Classes in years [1|OTHER] to [3|OTHER] "
            "are capped at [28|COUNT|pupils] pupils."
        ),
        "checks": [
            ("rate", ["r", "pupils", "teachers"], "inconsistent",
             "planted error: 38,920 pupils over 2,163 teachers is 18.0 per teacher, not 16.2"),
        ],
    },
    {
        "id": "cc3-schools-absence",
        "publisher": SCHOOLS, "title": "Persistent absence in secondary schools", "date": "2025-01-16",
        "text": (
            "Persistent absence, defined as missing at least [10%|PERCENT] of sessions, affected "
            "[14,207|COUNT|pupils]@abs of the [151,630|COUNT|pupils]@all pupils in secondary schools, or "
            "[9.4%|PERCENT]@p. Pupils eligible for free school meals were [2.1 times|CHANGE] as likely to be "
            "persistently absent as their classmates."
        ),
        "checks": [
            ("share", ["p", "abs", "all"], "consistent", "share persistently absent"),
        ],
    },
    {
        "id": "cc3-schools-standards",
        "publisher": SCHOOLS, "title": "Standards at the end of primary school", "date": "2024-09-24",
        "text": (
            "The share of pupils reaching the expected standard in reading rose from [71.2%|PERCENT]@r0 to "
            "[73.9%|PERCENT]@r1, [2.7 percentage points|CHANGE]@rc higher, and in mathematics from "
            "[66.0%|PERCENT]@m0 to [69.1%|PERCENT]@m1, a rise of [3.6 percentage points|CHANGE]@mc.\n\n"
            "Pupils sit the tests in May of year [6|OTHER], when most are [10|MEASURE|years] or "
            "[11 years|MEASURE] old."
        ),
        "checks": [
            ("change", ["rc", "r0", "r1"], "consistent", "reading", UP),
            ("change", ["mc", "m0", "m1"], "inconsistent",
             "planted error: 66.0% to 69.1% is a rise of 3.1 percentage points, not 3.6", UP),
        ],
    },
    {
        "id": "cc3-schools-tarn-funding",
        "publisher": SCHOOLS, "title": "School funding on the Isle of Tarn", "date": "2025-02-20",
        "text": (
            "Schools on the Isle of Tarn received [HMC 74.6 million|MONEY]@money for "
            "[9,812|COUNT|pupils]@pupils pupils this year, or [HMC 7,603|RATE|HMC per pupil]@r per pupil, "
            "against a national average of [HMC 6,940|RATE|HMC per pupil]. Inspections on the island are "
            "announced [two days|MEASURE] in advance because of the ferry timetable."
        ),
        "checks": [
            ("rate", ["r", "money", "pupils"], "consistent", "funding per pupil"),
        ],
    },
    {
        "id": "cc3-schools-vacancies",
        "publisher": SCHOOLS, "title": "Teacher vacancies", "date": "2024-10-29",
        "text": (
            "On [1 October 2024|DATE] there were [612|COUNT|vacancies]@vac unfilled teaching posts, "
            "[1.4%|PERCENT]@p of the [43,870|COUNT|posts]@posts posts in state schools. Physics accounted for "
            "[74|COUNT|vacancies]@phys of the vacancies."
        ),
        "checks": [
            ("share", ["p", "vac", "posts"], "consistent", "vacancy rate"),
            ("part_whole", ["phys", "vac"], "consistent", "physics vacancies among all vacancies"),
        ],
    },
    # ---------------------------------------------------------------- wildfire season
    {
        "id": "cc3-fire-season-2024",
        "publisher": FIRE, "title": "Fire season summary 2024", "date": "2024-10-15",
        "text": (
            "The [2024|DATE] fire season in Veyle ran from [1 May|DATE] to [30 September|DATE]. The Service "
            "attended [1,384|COUNT|wildfires]@n wildfires that burned [21,760 hectares|MEASURE]@ha, an average "
            "of [15.7|RATE|hectares per fire]@r hectares per fire."
        ),
        "checks": [
            ("rate", ["r", "ha", "n"], "consistent", "average area per fire"),
        ],
    },
    {
        "id": "cc3-fire-causes",
        "publisher": FIRE, "title": "Causes of the season's fires", "date": "2024-10-15",
        "text": (
            "Human activity caused [61%|PERCENT]@h of the season's fires and lightning [24%|PERCENT]@l; "
            "[11%|PERCENT]@u had no identified cause, and the remaining [7%|PERCENT]@p were started by power "
            "lines. Barbecues were banned in all forests from [12 July|DATE]."
        ),
        "checks": [
            ("sum", ["h", "l", "u", "p", "100%"], "inconsistent",
             "planted error: the causes add up to 103% of the fires", {"exhaustive": True}),
        ],
    },
    {
        "id": "cc3-fire-harrow-pike",
        "publisher": FIRE, "title": "The Harrow Pike fire", "date": "2024-08-23",
        "text": (
            "The largest fire of the season, near Harrow Pike, broke out on [17 August|DATE] and burned "
            "[4,210 hectares|MEASURE] in [three days|MEASURE]. It forced the evacuation of "
            "[2,650|COUNT|residents] residents from [nine|COUNT|villages] villages and closed Route "
            "[9|OTHER] for [36 hours|MEASURE].\n\n"
            "[212|COUNT|firefighters]@ff firefighters, [14|COUNT|aircraft] aircraft and [38|COUNT|engines] "
            "engines were deployed. [two|COUNT|firefighters]@hurt of the firefighters, aged "
            "[23|MEASURE|years] and [41|MEASURE|years], were treated for burns."
        ),
        "checks": [
            ("part_whole", ["hurt", "ff"], "consistent", "injured firefighters among those deployed"),
        ],
    },
    {
        "id": "cc3-fire-ten-year-average",
        "publisher": FIRE, "title": "The season against the long-term average", "date": "2024-10-15",
        "text": (
            "The burned area of [21,760 hectares|MEASURE]@new was [38%|CHANGE]@chg below the "
            "[ten|MEASURE|years]-year average of [33,410 hectares|MEASURE]@avg. The number of fires, "
            "[1,384|COUNT|wildfires], was close to the average of [1,402|COUNT|wildfires]."
        ),
        "checks": [
            ("change", ["chg", "avg", "new"], "inconsistent",
             "planted error: 21,760 against 33,410 hectares is 34.9% below the average, not 38%", DOWN),
        ],
    },
    {
        "id": "cc3-fire-costs",
        "publisher": FIRE, "title": "The cost of the season", "date": "2024-11-05",
        "text": (
            "Firefighting cost [HMC 38.2 million|MONEY]@all this season, of which aircraft accounted for "
            "[HMC 15.9 million|MONEY]@air and overtime for [HMC 9.7 million|MONEY]@ot. Spending was "
            "[HMC 6.1 million|CHANGE]@chg lower than in [2023|DATE], when it reached "
            "[HMC 44.3 million|MONEY]@old."
        ),
        "checks": [
            ("part_whole", ["air", "all"], "consistent", "aircraft costs within the total"),
            ("part_whole", ["ot", "all"], "consistent", "overtime within the total"),
            ("change", ["chg", "old", "all"], "consistent", "fall in spending", DOWN),
        ],
    },
    {
        "id": "cc3-fire-density",
        "publisher": FIRE, "title": "Fire density", "date": "2024-10-15",
        "text": (
            "Veyle has [684,000 hectares|MEASURE]@forest of forest. This season's [1,384|COUNT|fires]@n fires "
            "amount to [20.2|RATE|fires per 10,000 hectares]@r per 10,000 hectares of forest, the lowest "
            "density since [2017|DATE]."
        ),
        "checks": [
            ("rate", ["r", "n", "forest"], "consistent", "fires per 10,000 hectares"),
        ],
    },
    # ---------------------------------------------------------------- consumer protection
    {
        "id": "cc3-consumer-complaints-2024",
        "publisher": CONSUMER, "title": "Annual report: complaints 2024", "date": "2025-03-03",
        "text": (
            "The Board received [27,395|COUNT|complaints]@all complaints in [2024|DATE], up [9.6%|CHANGE]@chg "
            "from [24,998|COUNT|complaints]@old. Online shopping accounted for [11,204|COUNT|complaints]@online "
            "of them ([40.9%|PERCENT]@p) and energy contracts for [3,618|COUNT|complaints]@energy.\n\n"
            "Consumers can reach the Board on [0300 220 5050|OTHER] or by writing to PO Box [418|OTHER], Bresk."
        ),
        "checks": [
            ("change", ["chg", "old", "all"], "consistent", "rise in complaints", UP),
            ("share", ["p", "online", "all"], "consistent", "online shopping's share"),
            ("part_whole", ["energy", "all"], "consistent", "energy complaints among all complaints"),
        ],
    },
    {
        "id": "cc3-consumer-redress",
        "publisher": CONSUMER, "title": "Money returned to consumers", "date": "2025-03-03",
        "text": (
            "The Board's interventions returned [HMC 8.42 million|MONEY]@all to consumers: "
            "[HMC 5.16 million|MONEY]@ref in refunds from traders and [HMC 2.91 million|MONEY]@comp in "
            "compensation ordered by the Disputes Tribunal. The median refund was [HMC 214|MONEY]."
        ),
        "checks": [
            ("sum", ["ref", "comp", "all"], "inconsistent",
             "planted error: 5.16 + 2.91 = HMC 8.07 million, not 8.42 million"),
        ],
    },
    {
        "id": "cc3-consumer-recalls",
        "publisher": CONSUMER, "title": "Product recalls", "date": "2025-01-09",
        "text": (
            "[146|COUNT|products]@all products were recalled last year, [58|COUNT|products]@toys of them toys "
            "and [37|COUNT|products]@elec electrical goods. Toys thus made up [39.7%|PERCENT]@p of recalls. "
            "The most serious, notice [RC-24-0913|OTHER], concerned a heater sold in [2022|DATE] and "
            "[2023|DATE]."
        ),
        "checks": [
            ("share", ["p", "toys", "all"], "consistent", "toys' share of recalls"),
            ("part_whole", ["elec", "all"], "consistent", "electrical goods among the recalls"),
        ],
    },
    {
        "id": "cc3-consumer-bresk-rate",
        "publisher": CONSUMER, "title": "Complaints by district", "date": "2025-04-24",
        "text": (
            "Bresk, with [498,300|COUNT|residents]@pop residents, lodged [2,940|COUNT|complaints]@c complaints, "
            "[590|RATE|complaints per 100,000 residents]@r per 100,000 residents, against "
            "[412|RATE|complaints per 100,000 residents] nationally."
        ),
        "checks": [
            ("rate", ["r", "c", "pop"], "consistent", "Bresk's complaint rate"),
        ],
    },
    {
        "id": "cc3-consumer-hidden-fees",
        "publisher": CONSUMER, "title": "Survey on hidden fees", "date": "2024-12-12",
        "text": (
            "Nearly [40%|PERCENT] of the [1,210|COUNT|shoppers]@all shoppers surveyed in [November 2024|DATE] "
            "said they had paid a hidden fee online in the past [12 months|MEASURE], but only "
            "[463|COUNT|shoppers]@compl had complained to the trader. The survey's margin of error is "
            "[2.8 percentage points|PERCENT]."
        ),
        "checks": [
            ("part_whole", ["compl", "all"], "consistent", "shoppers who complained among those surveyed"),
        ],
    },
]


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _one_planted_error(doc: dict[str, Any]) -> list[str]:
    n_bad = sum(c["verdict"] == "inconsistent" for c in doc["checks"])
    return [f"{n_bad} planted errors; at most one a document"] if n_bad > 1 else []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="gold JSONL to write")
    ap.add_argument("--show", action="store_true", help="print quantities and checks of every document")
    args = ap.parse_args(argv)
    docs, problems = mcc.build_all(DOCS, show=args.show, prepare=resolve_names, check_doc=_one_planted_error)
    if problems:
        return 1
    n_q = sum(len(d["quantities"]) for d in docs)
    n_c = sum(len(d["checks"]) for d in docs)
    by_kind: dict[str, int] = {}
    verdicts: dict[str, int] = {}
    for d in docs:
        for c in d["checks"]:
            by_kind[c["kind"]] = by_kind.get(c["kind"], 0) + 1
            verdicts[c["verdict"]] = verdicts.get(c["verdict"], 0) + 1
    n_bad_docs = sum(any(c["verdict"] == "inconsistent" for c in d["checks"]) for d in docs)
    summary = (f"{len(docs)} documents, {n_q} quantities, {n_c} checks "
               f"({', '.join(f'{k} {v}' for k, v in sorted(by_kind.items()))}; "
               f"{', '.join(f'{k} {v}' for k, v in sorted(verdicts.items()))}), "
               f"inconsistent checks in {n_bad_docs} documents")
    return mcc.write_gold(docs, args.out, summary)


if __name__ == "__main__":
    sys.exit(main())
