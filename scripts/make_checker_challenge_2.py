#!/usr/bin/env python3
"""Write the second checker-challenge gold set: invented press-release text, marked by hand.

A second, independent blind set for the checker's linking. Every document is our own invented
text (the invented country Valdoria, its city Kestrel Bay, its province Upper Marn, and invented
organisations, people and figures). It was written from the annotation spec
(spec/gold-format.md) alone, without reading the linker, the checks, their tests or the first
challenge set's documents.

The marked form, the parsing, the offset and coverage checks and the independent verdict
arithmetic are those of ``scripts/make_checker_challenge.py`` (imported, not copied). This
script adds a few units and currencies its documents need (litres, µg/m³, cm, hours, weeks, m²,
the Valdorian dinar "VDN", more number words for the coverage check) and one check form the
first script does not cover: a change stated as a ratio ("2.7 times more than", unit
``times``), verified as new / old at the ratio's stated precision.

    python scripts/make_checker_challenge_2.py --out eval/labels/checker-challenge-2.jsonl
    python scripts/make_checker_challenge_2.py --show      # list quantities and arithmetic

Standard library only.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from fractions import Fraction as F
from pathlib import Path
from typing import Any

_spec = importlib.util.spec_from_file_location(
    "make_checker_challenge", Path(__file__).resolve().parent / "make_checker_challenge.py")
mcc = importlib.util.module_from_spec(_spec)
sys.modules["make_checker_challenge"] = mcc
_spec.loader.exec_module(mcc)

# --------------------------------------------------------------------------------------------
# Extensions of the shared machinery
# --------------------------------------------------------------------------------------------

mcc.CURRENCIES["VDN"] = "VDN"
mcc.MEASURE_UNITS.update({"litres": "l", "µg/m³": "µg/m³", "cm": "cm", "hours": "hours",
                          "weeks": "weeks", "m²": "m²", "times": "times"})
mcc.WORDS.update({"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                  "eighteen": 18, "nineteen": 19, "thirty": 30, "forty": 40, "fifty": 50,
                  "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12})
mcc.NUMBER_WORDS_OUTSIDE = re.compile(
    r"\b(" + "|".join(list(mcc.WORDS) + list(mcc.SCALES)) + r")\b", re.I)

_base_verify = mcc.verify


def verify(doc: dict[str, Any], check: dict[str, Any], opts: dict[str, Any]):
    """The shared verification, plus changes stated as ratios ('2.7 times more than')."""
    if check["kind"] == "change":
        qs = {q["id"]: q for q in doc["quantities"]}
        c, old, new = check["quantities"]
        info = mcc.read_figure(qs[c]["text"])
        if info["unit"] == "times":
            if old is None:
                raise mcc.GoldError(f"{doc['id']}: a ratio change needs its old value")
            v = info["value"]
            step = F(1, 10 ** info["decimals"])
            civ = mcc.Iv(v - step / 2, v + step, hi_open=True)
            h = mcc.hedge_before(doc["text"], qs[c]["start"])
            if h == "about":
                civ = mcc.Iv(min(civ.lo, v * F(95, 100)), max(civ.hi, v * F(105, 100)))
            elif h == "nearly":
                civ = mcc.Iv(v * F(9, 10), v)
            elif h == "over":
                civ = mcc.Iv(v, v * F(11, 10))
            ratio = (mcc.interval_of(qs[new], doc["text"])[0]
                     .div(mcc.interval_of(qs[old], doc["text"])[0]))
            nv = abs(mcc.read_figure(qs[new]["text"])["value"]) * mcc._kg(qs[new])
            ov = abs(mcc.read_figure(qs[old]["text"])["value"]) * mcc._kg(qs[old])
            exp = nv / ov
            ok = civ.meets(ratio)
            return (mcc._v(ok), exp,
                    f"ratio: new / old = {qs[new]['text']} / {qs[old]['text']} = {mcc.fmt(exp)} "
                    f"(admits {ratio!r}); stated {qs[c]['text']} {civ!r}")
    return _base_verify(doc, check, opts)


mcc.verify = verify  # build() looks the name up at call time

# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------

MOI = "Ministry of Internal Affairs of Valdoria"
STATS = "Valdoria Statistics Office"
KB_POLICE = "Kestrel Bay Police Department"
UM_POLICE = "Upper Marn Provincial Police"
KB_COUNCIL = "Kestrel Bay City Council"
CEC = "Central Election Commission of Valdoria"
HEALTH_AGENCY = "National Public Health Agency of Valdoria"
HEALTH_MIN = "Ministry of Health of Valdoria"
CUSTOMS = "State Customs Committee of Valdoria"
LABOUR = "Ministry of Labour and Social Protection of Valdoria"
UM_ENV = "Upper Marn Environment Agency"
POP = 6812400  # invented: population of Valdoria on 1 January 2024
POP_END = 6824100  # invented: on 1 January 2025

DOCS: list[dict[str, Any]] = [
    dict(
        id="cc2-01-moi-crime-2024", publisher=MOI, date="2025-01-29",
        title="Board meeting reviews the crime situation in 2024",
        text=(
            "At the Ministry's annual board meeting, Deputy Minister Arven Tolska said that "
            "[41,862|COUNT|crimes] crimes were registered in Valdoria in [2024|DATE], [6.3%|CHANGE] fewer "
            "than the [44,676|COUNT|crimes] of the previous year. Of the registered crimes, "
            "[38,119|COUNT|crimes] ([91.1%|PERCENT]) have been solved.\n\n"
            "Serious and especially serious crimes numbered [9,407|COUNT|crimes], or [22.5%|PERCENT] of the "
            "total. Among them were [12,036|COUNT|thefts] thefts and [5,877|COUNT|frauds] frauds; the number "
            "of frauds rose by [412|CHANGE|frauds] over the year.\n\n"
            "Citizens may report crimes on the [1515|OTHER] hotline or through the Ministry's mobile application."),
        checks=[
            ("change", ["q3", "q4", "q1"], "consistent", "crimes down 6.3% from 44,676 to 41,862", {"dir": "down"}),
            ("share", ["q6", "q5", "q1"], "consistent", "solved crimes as a share of all registered"),
            ("share", ["q8", "q7", "q1"], "consistent", "serious crimes as a share of the total"),
            ("part_whole", ["q9", "q1"], "consistent", "thefts are among the registered crimes"),
            ("part_whole", ["q10", "q1"], "consistent", "frauds are among the registered crimes"),
            ("change", ["q11", None, "q10"], "unverifiable", "frauds rose by 412 to 5,877; last year's number is not stated", {"dir": "up"}),
        ]),
    dict(
        id="cc2-02-kb-police-roads-h1", publisher=KB_POLICE, date="2025-07-08",
        title="Road safety in Kestrel Bay, January to June 2025",
        text=(
            "Between [1 January|DATE] and [30 June 2025|DATE], [1,284|COUNT|road accidents] road accidents were "
            "recorded in Kestrel Bay, in which [57|COUNT|people] people were killed and [1,602|COUNT|people] "
            "injured. Compared with the same period of last year, the number of accidents fell by "
            "[118|CHANGE|road accidents], or [8.4%|CHANGE].\n\n"
            "Speeding was the main cause in [412|COUNT|road accidents] accidents ([32.1%|PERCENT]) and "
            "drink-driving in [163|COUNT|road accidents] ([12.7%|PERCENT]). On Route [7|OTHER] and the Harbour "
            "Ring alone, officers stopped [9,318|COUNT|drivers] drivers for checks.\n\n"
            "The department asks witnesses of the collision on Harbour Street to call [0800 220 118|OTHER]."),
        checks=[
            ("change", ["q7", None, "q3"], "consistent", "fell by 118 or 8.4% to 1,284: old implied 1,402", {"abs": "q6", "dir": "down"}),
            ("share", ["q9", "q8", "q3"], "consistent", "speeding share of accidents"),
            ("share", ["q11", "q10", "q3"], "consistent", "drink-driving share of accidents"),
            ("sum", ["q9", "q11", "100%"], "consistent", "main causes are shares of one whole"),
        ]),
    dict(
        id="cc2-03-um-stats-population", publisher="Upper Marn Provincial Statistics Department", date="2025-02-14",
        title="Population of Upper Marn at the start of 2025",
        text=(
            "As of [1 January 2025|DATE], the resident population of Upper Marn province was "
            "[1,246,318|COUNT|people], of whom [598,240|COUNT|men] were men and [648,078|COUNT|women] women. "
            "The urban population numbered [712,905|COUNT|people] ([57.2%|PERCENT]).\n\n"
            "In [2024|DATE] the province registered [11,437|COUNT|births] births and [14,902|COUNT|deaths] "
            "deaths. The crude birth rate was [9.2|RATE|per 1,000 population] per 1,000 population and the "
            "crude death rate [12.5|RATE|per 1,000 population] per 1,000."),
        checks=[
            ("sum", ["q3", "q4", "q2"], "consistent", "men and women make up the population"),
            ("share", ["q6", "q5", "q2"], "consistent", "urban share of the population"),
            ("rate", ["q10", "q8", "q2"], "consistent", "birth rate per 1,000"),
            ("rate", ["q11", "q9", "q2"], "inconsistent", "planted error: the death rate should be 12.0 per 1,000, not 12.5"),
        ]),
    dict(
        id="cc2-04-cec-kb-municipal", publisher=CEC, date="2025-03-21",
        title="Final results of the Kestrel Bay municipal council election",
        text=(
            "The Central Election Commission has approved the final results of the municipal council "
            "election held in Kestrel Bay on [16 March 2025|DATE]. Of the [284,610|COUNT|registered voters] "
            "registered voters, [163,947|COUNT|voters] took part, a turnout of [57.6%|PERCENT]. "
            "[2,507|COUNT|ballots] ballots were declared invalid, leaving [161,440|COUNT|valid votes] valid votes.\n\n"
            "The Civic Union received [71,214|COUNT|votes] votes ([44.1%|PERCENT]), the Green Alliance "
            "[39,850|COUNT|votes] ([24.7%|PERCENT]), the Harbour Party [28,066|COUNT|votes] ([17.4%|PERCENT]) and "
            "independent candidates together [22,310|COUNT|votes] ([13.8%|PERCENT]). The council's "
            "[45|COUNT|seats] seats will be allocated at the Commission's session on [24 March|DATE]."),
        checks=[
            ("share", ["q4", "q3", "q2"], "consistent", "turnout"),
            ("sum", ["q5", "q6", "q3"], "consistent", "invalid plus valid ballots make the ballots cast"),
            ("sum", ["q7", "q9", "q11", "q13", "q6"], "consistent", "list votes add up to the valid votes"),
            ("share", ["q8", "q7", "q6"], "consistent", "Civic Union share of valid votes"),
            ("share", ["q10", "q9", "q6"], "consistent", "Green Alliance share"),
            ("share", ["q12", "q11", "q6"], "consistent", "Harbour Party share"),
            ("share", ["q14", "q13", "q6"], "consistent", "independents' share"),
            ("sum", ["q8", "q10", "q12", "q14", "100%"], "consistent", "vote shares cover all valid votes", {"exhaustive": True}),
        ]),
    dict(
        id="cc2-05-health-measles", publisher=HEALTH_AGENCY, date="2025-02-03",
        title="Measles: surveillance summary for 2024",
        reference={"population": POP, "population_source": "invented: Valdoria Statistics Office, 1 January 2024"},
        text=(
            "In [2024|DATE], [1,118|COUNT|measles cases] cases of measles were notified in Valdoria, "
            "[3.3 times|CHANGE|times] more than the [342|COUNT|measles cases] cases notified in [2023|DATE]. "
            "Incidence reached [16.4|RATE|per 100,000 population] per 100,000 population.\n\n"
            "Of all cases, [781|COUNT|measles cases] ([69.9%|PERCENT]) were in children under the age of "
            "[15|MEASURE|years], and [612|COUNT|measles cases] were in people with no record of vaccination. "
            "Hospital treatment was needed for [204|COUNT|patients] patients, or [19.2%|PERCENT] of cases. "
            "No deaths were reported."),
        checks=[
            ("change", ["q3", "q4", "q2"], "consistent", "1,118 cases are 3.3 times the 342 of 2023"),
            ("rate", ["q6", "q2", "ref:population"], "consistent", "incidence per 100,000 with the reference population"),
            ("share", ["q8", "q7", "q2"], "consistent", "children's share of cases"),
            ("part_whole", ["q10", "q2"], "consistent", "unvaccinated cases are among all cases"),
            ("share", ["q12", "q11", "q2"], "inconsistent", "planted error: 204 of 1,118 is 18.2%, not 19.2%"),
        ]),
    dict(
        id="cc2-06-customs-april-seizures", publisher=CUSTOMS, date="2025-05-06",
        title="April seizures at Kestrel Bay port and the Upper Marn crossings",
        text=(
            "In [April 2025|DATE], customs officers at the Kestrel Bay sea port and the Upper Marn land "
            "crossings seized [3 tons and 250 kilograms|MEASURE] of narcotic substances, including "
            "[2 tons and 905 kilograms|MEASURE] of cannabis resin and [318 kilograms|MEASURE] of synthetic drugs. "
            "That is [1 ton and 140 kilograms|CHANGE] more than in [April 2024|DATE], when "
            "[2 tons and 210 kilograms|MEASURE] were seized.\n\n"
            "Officers also confiscated [14,600|COUNT|packs] packs of untaxed cigarettes and "
            "[1,920 litres|MEASURE] of alcohol. Criminal proceedings under Article [206|OTHER] of the Criminal "
            "Code have been opened against [23|COUNT|people] people."),
        checks=[
            ("part_whole", ["q3", "q2"], "consistent", "cannabis resin is part of the drugs seized"),
            ("part_whole", ["q4", "q2"], "consistent", "synthetic drugs are part of the drugs seized"),
            ("change", ["q5", "q7", "q2"], "inconsistent", "planted error: 3,250 kg - 2,210 kg = 1,040 kg, not 1 ton and 140 kilograms", {"dir": "up"}),
        ]),
    dict(
        id="cc2-07-court-statistics", publisher="Supreme Court of Valdoria", date="2025-02-20",
        title="Judicial statistics for 2024",
        text=(
            "In [2024|DATE], the courts of first instance received [58,431|COUNT|cases] cases: "
            "[31,207|COUNT|civil cases] civil, [17,655|COUNT|administrative cases] administrative and "
            "[9,569|COUNT|criminal cases] criminal. With [412|COUNT|judges] judges sitting at first instance, "
            "the caseload averaged [141.8|RATE|cases per judge] cases per judge.\n\n"
            "Judgments were delivered in [8,844|COUNT|criminal cases] criminal cases; in "
            "[7,912|COUNT|criminal cases] of them ([89.5%|PERCENT]) the defendant was convicted. Appeals were "
            "lodged against [12.8%|PERCENT] of all first-instance decisions, [1.4 percentage points|CHANGE] "
            "lower than in [2023|DATE], when the figure was [14.2%|PERCENT]. The average time to decide a civil "
            "case was [94 days|MEASURE]."),
        checks=[
            ("sum", ["q3", "q4", "q5", "q2"], "consistent", "civil, administrative and criminal cases make up all cases"),
            ("rate", ["q7", "q2", "q6"], "consistent", "cases per judge"),
            ("part_whole", ["q8", "q5"], "consistent", "judgments in criminal cases do not exceed criminal cases received"),
            ("share", ["q10", "q9", "q8"], "consistent", "conviction share"),
            ("change", ["q12", "q14", "q11"], "consistent", "appeal share down 1.4 points from 14.2% to 12.8%", {"dir": "down"}),
        ]),
    dict(
        id="cc2-08-kb-budget-2026", publisher=KB_COUNCIL, date="2025-12-10",
        title="Council adopts the 2026 budget",
        text=(
            "Kestrel Bay City Council adopted the city's budget for [2026|DATE] at its session on "
            "[9 December 2025|DATE]. Expenditure is set at [€412.6 million|MONEY], [€18.9 million|CHANGE] or "
            "[4.8%|CHANGE] more than this year's budget of [€393.7 million|MONEY].\n\n"
            "The largest items are education, at [€131.2 million|MONEY] ([31.8%|PERCENT] of spending), social "
            "services, at [€88.4 million|MONEY] ([21.4%|PERCENT]), and public transport, at "
            "[€57.0 million|MONEY] ([13.8%|PERCENT]). Revenue is forecast at [€405.1 million|MONEY], and the "
            "resulting deficit of [€8.5 million|MONEY] will be covered by a loan. The budget passed by "
            "[31|COUNT|votes] votes to [14|COUNT|votes]."),
        checks=[
            ("change", ["q4", "q6", "q3"], "consistent", "absolute rise of spending", {"dir": "up"}),
            ("change", ["q5", "q6", "q3"], "consistent", "relative rise of spending", {"dir": "up"}),
            ("share", ["q8", "q7", "q3"], "consistent", "education share"),
            ("share", ["q10", "q9", "q3"], "consistent", "social services share"),
            ("share", ["q12", "q11", "q3"], "consistent", "public transport share"),
            ("sum", ["q8", "q10", "q12", "100%"], "consistent", "item shares of one budget"),
            ("sum", ["q13", "q14", "q3"], "inconsistent", "planted error: revenue plus deficit is €413.6 million; the deficit should be €7.5 million"),
        ]),
    dict(
        id="cc2-09-um-env-air", publisher=UM_ENV, date="2025-03-04",
        title="Air quality in Marnford, 2024",
        text=(
            "The annual mean concentration of [PM2.5|OTHER] in Marnford fell to [14.2 µg/m³|MEASURE] in "
            "[2024|DATE] from [16.9 µg/m³|MEASURE] a year earlier, a decrease of [16%|CHANGE]. The limit value "
            "of [25 µg/m³|MEASURE] was respected at all [11|COUNT|stations] of the agency's monitoring stations.\n\n"
            "The ozone information threshold was exceeded on [23|COUNT|days] days, compared with "
            "[41|COUNT|days] in [2023|DATE]. Residents can check hourly readings on the agency's website or by "
            "calling [0800 417 220|OTHER]."),
        checks=[
            ("change", ["q5", "q4", "q2"], "consistent", "PM2.5 mean down 16%", {"dir": "down"}),
        ]),
    dict(
        id="cc2-10-education-enrolment", publisher="Ministry of Education of Valdoria", date="2024-10-15",
        title="Enrolment and teaching staff in the new school year",
        text=(
            "This school year, [812,460|COUNT|pupils] pupils are enrolled in Valdoria's [3,118|COUNT|schools] "
            "general schools, [1.9%|CHANGE] more than the [801,230|COUNT|pupils] of last year. They include "
            "[94,372|COUNT|pupils] children entering primary school.\n\n"
            "Teaching is provided by [71,905|COUNT|teachers] teachers, which gives an average of "
            "[11.3|RATE|pupils per teacher] pupils per teacher; the ratio is [8.7|RATE|pupils per teacher] in "
            "rural schools and [14.6|RATE|pupils per teacher] in the cities. Among the teachers, "
            "[59,320|COUNT|teachers] ([82.5%|PERCENT]) are women and [6,114|COUNT|teachers] are aged "
            "[60|MEASURE|years] or older."),
        checks=[
            ("change", ["q3", "q4", "q1"], "inconsistent", "planted error: 812,460 / 801,230 is a rise of 1.4%, not 1.9%", {"dir": "up"}),
            ("part_whole", ["q5", "q1"], "consistent", "new pupils are among all pupils"),
            ("rate", ["q7", "q1", "q6"], "consistent", "pupils per teacher nationally"),
            ("share", ["q11", "q10", "q6"], "consistent", "women's share of teachers"),
            ("part_whole", ["q12", "q6"], "consistent", "older teachers are among all teachers"),
        ]),
    dict(
        id="cc2-11-stats-safety-survey", publisher=STATS, date="2025-04-10",
        title="Crime and safety survey 2024: main findings",
        text=(
            "For its crime and safety survey, the Statistics Office selected [6,400|COUNT|households] "
            "households at random; [71%|PERCENT] of them took part. Of the respondents, [18.4%|PERCENT] said "
            "they felt unsafe walking alone in their neighbourhood after dark: [9.7%|PERCENT] of men and "
            "[26.2%|PERCENT] of women.\n\n"
            "Asked how the work of the police had changed over the past [three years|MEASURE], "
            "[34%|PERCENT] of respondents said it had improved, [47%|PERCENT] that it had stayed the same and "
            "[12%|PERCENT] that it had got worse; [7%|PERCENT] could not say. Households that had been victims "
            "of burglary in the previous [12 months|MEASURE] made up [3.1%|PERCENT] of the sample."),
        checks=[
            ("sum", ["q7", "q8", "q9", "q10", "100%"], "consistent", "answers to one question cover all respondents", {"exhaustive": True}),
        ]),
    dict(
        id="cc2-12-labour-unemployment", publisher=LABOUR, date="2025-08-12",
        title="Labour market, April to June 2025",
        text=(
            "In the April–June quarter of [2025|DATE], the number of unemployed people in Valdoria stood at "
            "[214,300|COUNT|people], down [9.5%|CHANGE] from [236,900|COUNT|people] a year earlier. With a "
            "labour force of [3,513,000|COUNT|people], the unemployment rate was [6.1%|PERCENT], "
            "[0.7 percentage points|CHANGE] below the [6.8%|PERCENT] recorded in the same quarter of "
            "[2024|DATE], when the labour force numbered [3,484,000|COUNT|people].\n\n"
            "Youth unemployment (ages [15|MEASURE|years] to [24|MEASURE|years]) was [17.9%|PERCENT], and "
            "long-term unemployment, lasting [12 months|MEASURE] or more, affected [2.3%|PERCENT] of the "
            "labour force."),
        checks=[
            ("change", ["q3", "q4", "q2"], "consistent", "unemployed down 9.5%", {"dir": "down"}),
            ("share", ["q6", "q2", "q5"], "consistent", "unemployment rate this year"),
            ("share", ["q8", "q4", "q10"], "consistent", "unemployment rate a year earlier"),
            ("change", ["q7", "q8", "q6"], "consistent", "rate down 0.7 points", {"dir": "down"}),
        ]),
    dict(
        id="cc2-13-fire-service-2024", publisher="State Fire and Rescue Service of Valdoria", date="2025-01-17",
        title="Fires in 2024",
        text=(
            "Fire and rescue units responded to [6,842|COUNT|fires] fires in [2024|DATE], of which "
            "[1,290|COUNT|fires] broke out in residential buildings and [2,955|COUNT|fires] in open areas and on "
            "farmland. Careless handling of fire or faulty wiring caused [1,342|COUNT|fires] of the residential "
            "fires.\n\n"
            "Fires claimed [74|COUNT|deaths] lives, [9|COUNT|deaths] of them children, and firefighters rescued "
            "[418|COUNT|people] people. Damage to property is estimated at [€21.3 million|MONEY]. In an "
            "emergency, call [112|OTHER]."),
        checks=[
            ("part_whole", ["q3", "q1"], "consistent", "residential fires are part of all fires"),
            ("part_whole", ["q4", "q1"], "consistent", "open-area fires are part of all fires"),
            ("part_whole", ["q5", "q3"], "inconsistent", "planted error: 1,342 of the residential fires exceeds the 1,290 residential fires"),
            ("part_whole", ["q7", "q6"], "consistent", "children among the deaths"),
        ]),
    dict(
        id="cc2-14-um-referendum", publisher="Referendum Commission of Upper Marn", date="2025-06-02",
        title="Provisional result of the regional referendum",
        text=(
            "Voters in Upper Marn have approved the proposal to merge the districts of Holm and Eskerby. "
            "According to the provisional count, [52.8%|PERCENT] voted in favour and [48.1%|PERCENT] against. "
            "Of the [904,117|COUNT|eligible voters] eligible voters, [421,560|COUNT|voters] cast a ballot, a "
            "turnout of [46.6%|PERCENT].\n\n"
            "The final result will be confirmed within [ten days|MEASURE]. Complaints may be filed under "
            "Section [41|OTHER] of the Referendum Act."),
        checks=[
            ("sum", ["q1", "q2", "100%"], "inconsistent", "planted error: 52.8% + 48.1% = 100.9%, more than the whole", {"exhaustive": True}),
            ("share", ["q5", "q4", "q3"], "consistent", "turnout"),
        ]),
    dict(
        id="cc2-15-health-vaccination", publisher=HEALTH_AGENCY, date="2025-05-20",
        title="Childhood vaccination coverage improves",
        text=(
            "Coverage with both doses of the measles vaccine among children aged [two years|MEASURE] reached "
            "[91.5%|PERCENT] in [2024|DATE], an increase of [3.5%|CHANGE] on the [88.0%|PERCENT] of "
            "[2023|DATE]. The target of [95%|PERCENT] was met in [four|COUNT|regions] of the country's "
            "[twelve|COUNT|regions] regions.\n\n"
            "In Kestrel Bay, [17,930|COUNT|children] of the [19,240|COUNT|children] children in the age group "
            "had received both doses ([93.2%|PERCENT])."),
        checks=[
            ("change", ["q4", "q5", "q2"], "ambiguous", "3.5 fits as percentage points (91.5 - 88.0) but not as percent (3.98%)", {"dir": "up"}),
            ("part_whole", ["q8", "q9"], "consistent", "regions meeting the target are among all regions"),
            ("share", ["q12", "q10", "q11"], "consistent", "coverage in Kestrel Bay"),
        ]),
    dict(
        id="cc2-16-um-police-domestic", publisher=UM_POLICE, date="2025-03-08",
        title="Domestic violence reports in 2024",
        text=(
            "Upper Marn police received [3,874|COUNT|reports] reports of domestic violence in [2024|DATE], "
            "equal to [310.8|RATE|per 100,000 residents] per 100,000 residents of the province (population "
            "[1,246,318|COUNT|people]). In [2,961|COUNT|reports] of the reports ([76.4%|PERCENT]) the victim was "
            "a woman, and [412|COUNT|reports] concerned violence against a parent or grandparent.\n\n"
            "The number of protection orders issued rose to [1,105|COUNT|protection orders] from "
            "[868|COUNT|protection orders] ([+27.3%|CHANGE]). Victims can get advice around the clock on "
            "[116 006|OTHER]."),
        checks=[
            ("rate", ["q3", "q1", "q4"], "consistent", "reports per 100,000 residents"),
            ("share", ["q6", "q5", "q1"], "consistent", "share of reports with a female victim"),
            ("part_whole", ["q7", "q1"], "consistent", "reports about parents are among all reports"),
            ("change", ["q10", "q9", "q8"], "consistent", "protection orders up 27.3%"),
        ]),
    dict(
        id="cc2-17-agriculture-harvest", publisher="Ministry of Agriculture of Valdoria", date="2025-09-30",
        title="Grain harvest completed",
        text=(
            "Farmers in Valdoria have harvested [2.41 million tonnes|MEASURE] of grain from "
            "[718,500 hectares|MEASURE], according to the Ministry's preliminary data. Wheat accounted for "
            "[1.52 million tonnes|MEASURE], barley for [0.61 million tonnes|MEASURE] and maize for "
            "[0.28 million tonnes|MEASURE].\n\n"
            "The harvest is [6.2%|CHANGE] larger than last year's [2.27 million tonnes|MEASURE]. Sowing of "
            "winter crops has begun on [405,000 hectares|MEASURE]."),
        checks=[
            ("sum", ["q3", "q4", "q5", "q1"], "consistent", "wheat, barley and maize make up the grain harvest"),
            ("change", ["q6", "q7", "q1"], "consistent", "harvest up 6.2%", {"dir": "up"}),
        ]),
    dict(
        id="cc2-18-prosecutor-corruption", publisher="Prosecutor General's Office of Valdoria", date="2025-02-11",
        title="Anti-corruption results for 2024",
        text=(
            "Prosecutors sent [1,026|COUNT|corruption cases] corruption cases to court in [2024|DATE]. Bribery "
            "made up [38.6%|PERCENT], or [396|COUNT|corruption cases], of the cases, and embezzlement of public "
            "funds [27.1%|PERCENT], or [278|COUNT|corruption cases].\n\n"
            "Among the [1,314|COUNT|defendants] defendants were [212|COUNT|defendants] officials of central and "
            "local government and [47|COUNT|defendants] law-enforcement officers. Damage of "
            "[€9.7 million|MONEY] has been compensated, [61%|PERCENT] of the [€15.9 million|MONEY] established "
            "by investigators. The Office's anti-corruption hotline, [161|OTHER], received "
            "[5,430|COUNT|calls] calls."),
        checks=[
            ("share", ["q3", "q4", "q1"], "consistent", "bribery share of cases"),
            ("share", ["q5", "q6", "q1"], "consistent", "embezzlement share of cases"),
            ("sum", ["q3", "q5", "100%"], "consistent", "case types are shares of one whole"),
            ("part_whole", ["q8", "q7"], "consistent", "officials among the defendants"),
            ("part_whole", ["q9", "q7"], "consistent", "law-enforcement officers among the defendants"),
            ("share", ["q11", "q10", "q12"], "consistent", "compensated share of the damage"),
        ]),
    dict(
        id="cc2-19-stats-cpi-march", publisher=STATS, date="2025-04-08",
        title="Consumer prices in March 2025",
        text=(
            "Consumer prices in Valdoria rose by [3.8%|CHANGE] in the [12 months|MEASURE] to "
            "[March 2025|DATE], after [4.1%|CHANGE] in February. Food prices were up [5.6%|CHANGE], while "
            "energy prices fell by [1.2%|CHANGE].\n\n"
            "The average price of a loaf of white bread rose to [VDN 1.45|MONEY] from [VDN 1.32|MONEY] a year "
            "earlier ([+9.8%|CHANGE]), and a litre of petrol cost [VDN 2.07|MONEY], [6.2%|CHANGE] more than a "
            "year ago."),
        checks=[
            ("change", ["q9", "q8", "q7"], "consistent", "bread price up 9.8%"),
            ("change", ["q11", None, "q10"], "unverifiable", "petrol up 6.2% to VDN 2.07; last year's price is not stated", {"dir": "up"}),
        ]),
    dict(
        id="cc2-20-kb-tourism-summer", publisher="Kestrel Bay Tourism Office", date="2025-09-15",
        title="Record summer for Kestrel Bay hotels",
        text=(
            "Hotels and guest houses in Kestrel Bay welcomed [412,780|COUNT|guests] guests between June and "
            "August, [+31,240|CHANGE|guests] or [+8.2%|CHANGE] on last summer. Guests spent "
            "[1.36 million|COUNT|nights] nights in the city, of which [0.52 million|COUNT|nights] were spent by "
            "visitors from abroad.\n\n"
            "The average stay was [3.3|RATE|nights per guest] nights per guest. Occupancy peaked at "
            "[94%|PERCENT] during the Harbour Festival on [2 August|DATE]."),
        checks=[
            ("change", ["q3", None, "q1"], "consistent", "up 31,240 or 8.2% to 412,780: old implied 381,540", {"abs": "q2"}),
            ("part_whole", ["q5", "q4"], "consistent", "nights of foreign visitors are part of all nights"),
            ("rate", ["q6", "q4", "q1"], "consistent", "nights per guest"),
        ]),
    dict(
        id="cc2-21-migration-permits", publisher="Migration Service of Valdoria", date="2025-02-27",
        title="Residence permits in 2024",
        text=(
            "Of the [18,652|COUNT|applications] applications for temporary residence permits examined in "
            "[2024|DATE], [15,309|COUNT|applications] ([82.1%|PERCENT]) were approved and "
            "[3,343|COUNT|applications] refused. Most applicants came to work ([9,870|COUNT|applications]), to "
            "study ([4,112|COUNT|applications]) or to join family members ([3,206|COUNT|applications]); the "
            "remaining [1,564|COUNT|applications] gave other reasons.\n\n"
            "Permanent residence was granted to [2,087|COUNT|people] people. Decisions may be appealed within "
            "[30 days|MEASURE]."),
        checks=[
            ("share", ["q4", "q3", "q1"], "consistent", "approval share"),
            ("sum", ["q3", "q5", "q1"], "consistent", "approved plus refused make all applications"),
            ("sum", ["q6", "q7", "q8", "q9", "q1"], "inconsistent", "planted error: the reasons add up to 18,752, not 18,652 (other reasons should be 1,464)"),
        ]),
    dict(
        id="cc2-22-health-hospital-capacity", publisher=HEALTH_MIN, date="2025-06-18",
        title="Hospital capacity report",
        text=(
            "At the end of [2024|DATE], Valdoria's [146|COUNT|hospitals] hospitals had [38,216|COUNT|beds] "
            "beds, or [56.1|RATE|per 10,000 population] per 10,000 population for a population of "
            "[6,812,400|COUNT|people]. Intensive care accounted for [1,487|COUNT|beds] of the beds "
            "([3.9%|PERCENT]).\n\n"
            "The health workforce numbered [24,930|COUNT|doctors] doctors and [51,344|COUNT|nurses] nurses, "
            "[3.7|RATE|per 1,000 population] and [7.5|RATE|per 1,000 population] per 1,000 population "
            "respectively. The average hospital stay fell to [6.4 days|MEASURE]."),
        checks=[
            ("rate", ["q4", "q3", "q5"], "consistent", "beds per 10,000"),
            ("share", ["q7", "q6", "q3"], "consistent", "intensive care share of beds"),
            ("rate", ["q10", "q8", "q5"], "consistent", "doctors per 1,000"),
            ("rate", ["q11", "q9", "q5"], "consistent", "nurses per 1,000"),
        ]),
    dict(
        id="cc2-23-kb-police-missing", publisher=KB_POLICE, date="2025-01-30",
        title="Appeal for a missing teenager; missing person reports in 2024",
        text=(
            "Kestrel Bay police are appealing for information about Mara Velt, aged [16|MEASURE|years], who "
            "was last seen at Platform [4|OTHER] of Central Station at [18:40|DATE|time|\"18:40\"] on "
            "[27 January|DATE]. She is [165 cm|MEASURE] tall and was wearing a green jacket.\n\n"
            "In [2024|DATE], the department received [1,146|COUNT|missing person reports] missing person "
            "reports; [1,121|COUNT|people] of those reported missing ([97.8%|PERCENT]) were found, most within "
            "[48 hours|MEASURE]. Anyone with information should call [0800 555 019|OTHER] or the emergency "
            "number [112|OTHER]."),
        checks=[
            ("share", ["q9", "q8", "q7"], "consistent", "share of missing people found"),
        ]),
    dict(
        id="cc2-24-kb-housing", publisher=KB_COUNCIL, date="2025-03-12",
        title="Housing completions in 2024",
        text=(
            "A total of [2,318|COUNT|homes] new homes were completed in Kestrel Bay last year: "
            "[1,604|COUNT|homes] flats in apartment blocks, [462|COUNT|homes] terraced and detached houses and "
            "[242|COUNT|homes] council homes for rent. Completions were [14%|CHANGE] higher than in "
            "[2023|DATE] ([2,033|COUNT|homes]).\n\n"
            "The council's target is [3,000|COUNT|homes] homes a year by [2030|DATE]. The average floor area "
            "of the new flats was [71.5 m²|MEASURE]."),
        checks=[
            ("sum", ["q2", "q3", "q4", "q1"], "inconsistent", "planted error: 1,604 + 462 + 242 = 2,308, not the 2,318 stated"),
            ("change", ["q5", "q7", "q1"], "consistent", "completions up 14%", {"dir": "up"}),
        ]),
    dict(
        id="cc2-25-env-wildfires", publisher="National Environment Agency of Valdoria", date="2025-10-21",
        title="Wildfire season 2025",
        text=(
            "Wildfires burned [8,460 hectares|MEASURE] of forest and scrubland in Valdoria this season, "
            "[2.7 times|CHANGE|times] more than the [3,120 hectares|MEASURE] lost in [2024|DATE].\n\n"
            "The agency registered [312|COUNT|wildfires] wildfires, [71|COUNT|wildfires] of them in the Kestrel "
            "Hills nature reserve. Lightning caused [19|COUNT|wildfires] fires; the rest were started by people. "
            "The largest fire, near Holm in Upper Marn, burned for [nine days|MEASURE] and destroyed "
            "[2,150 hectares|MEASURE]."),
        checks=[
            ("change", ["q2", "q3", "q1"], "consistent", "8,460 ha is 2.7 times 3,120 ha"),
            ("part_whole", ["q6", "q5"], "consistent", "fires in the reserve are among all fires"),
            ("part_whole", ["q7", "q5"], "consistent", "lightning fires are among all fires"),
            ("part_whole", ["q9", "q1"], "consistent", "the largest fire's area is part of the area burned"),
        ]),
    dict(
        id="cc2-26-customs-revenue-h1", publisher=CUSTOMS, date="2025-07-10",
        title="Customs revenue, January to June 2025",
        text=(
            "Between January and June, customs bodies transferred [VDN 1.84 billion|MONEY] to the state "
            "budget, [VDN 126 million|CHANGE] more than the [VDN 1.71 billion|MONEY] collected in the same "
            "period of [2024|DATE].\n\n"
            "Value added tax on imports brought in [VDN 1.12 billion|MONEY], accounting for [60.9%|PERCENT] of "
            "the total, and import duties [VDN 0.47 billion|MONEY], or [25.5%|PERCENT]. Excise duties made up "
            "the remainder, [VDN 0.25 billion|MONEY]. Officers processed [412,006|COUNT|declarations] customs "
            "declarations, [96.2%|PERCENT] of them electronically."),
        checks=[
            ("change", ["q2", "q3", "q1"], "consistent", "revenue up VDN 126 million", {"dir": "up"}),
            ("share", ["q6", "q5", "q1"], "consistent", "VAT share of customs revenue"),
            ("share", ["q8", "q7", "q1"], "consistent", "import duty share"),
            ("sum", ["q5", "q7", "q9", "q1"], "consistent", "VAT, duties and excise make up the total"),
            ("sum", ["q6", "q8", "100%"], "consistent", "shares of one total"),
        ]),
    dict(
        id="cc2-27-probation-caseload", publisher="Probation Service of Valdoria", date="2025-03-19",
        title="Probation caseload at the end of 2024",
        text=(
            "On [31 December 2024|DATE] the Probation Service was supervising [7,235|COUNT|people] people, "
            "[5.2%|CHANGE] fewer than a year earlier. Of them, [6,108|COUNT|people] were men and "
            "[1,127|COUNT|people] women; [388|COUNT|people] were under [18|MEASURE|years].\n\n"
            "The reoffending rate within [two years|MEASURE] of a community sentence was [21.4%|PERCENT], "
            "compared with [38.9%|PERCENT] for people released from prison. With [213|COUNT|officers] probation "
            "officers, each officer handled an average of [34|RATE|people per officer] people."),
        checks=[
            ("change", ["q3", None, "q2"], "unverifiable", "down 5.2% to 7,235; last year's number is not stated", {"dir": "down"}),
            ("sum", ["q4", "q5", "q2"], "consistent", "men and women make up the caseload"),
            ("part_whole", ["q6", "q2"], "consistent", "minors are among the people supervised"),
            ("rate", ["q12", "q2", "q11"], "consistent", "people per officer"),
        ]),
    dict(
        id="cc2-28-cec-candidates", publisher=CEC, date="2025-09-05",
        title="Candidate registration closes",
        text=(
            "Registration of candidates for the parliamentary election of [19 October 2025|DATE] closed on "
            "[4 September|DATE]. The Commission registered [1,348|COUNT|candidates] candidates in the "
            "[125|COUNT|constituencies] single-member constituencies, of whom [472|COUNT|candidates] "
            "([35.0%|PERCENT]) are women and [296|COUNT|candidates] are standing as independents. That is an "
            "average of [10.8|RATE|candidates per constituency] candidates per constituency.\n\n"
            "The average age of candidates is [47|MEASURE|years]; the youngest is [21|MEASURE|years] and the "
            "oldest [78|MEASURE|years]. [11|COUNT|parties] parties have nominated candidates, "
            "[three|CHANGE|parties] fewer than the [14|COUNT|parties] that took part in [2020|DATE]."),
        checks=[
            ("share", ["q6", "q5", "q3"], "consistent", "women's share of candidates"),
            ("part_whole", ["q7", "q3"], "consistent", "independents among the candidates"),
            ("rate", ["q8", "q3", "q4"], "consistent", "candidates per constituency"),
            ("change", ["q13", "q14", "q12"], "consistent", "three parties fewer", {"dir": "down"}),
        ]),
    dict(
        id="cc2-29-finance-tax-revenue", publisher="Ministry of Finance of Valdoria", date="2025-01-22",
        title="Tax revenue exceeds plan",
        text=(
            "The State Tax Service collected [VDN 8.34 billion|MONEY] in [2024|DATE], [104.2%|PERCENT] of the "
            "planned [VDN 8.00 billion|MONEY]. Compared with [2023|DATE], revenue grew by "
            "[VDN 0.61 billion|CHANGE], or [7.9%|CHANGE].\n\n"
            "Of the total, personal income tax brought in [VDN 2.96 billion|MONEY], VAT "
            "[VDN 3.02 billion|MONEY], corporate profit tax [VDN 1.87 billion|MONEY] and other taxes "
            "[VDN 0.49 billion|MONEY]. The Service registered [41,207|COUNT|taxpayers] new taxpayers. "
            "Taxpayers can call the [195|OTHER] contact centre."),
        checks=[
            ("share", ["q3", "q1", "q4"], "consistent", "revenue as a percentage of plan"),
            ("change", ["q7", None, "q1"], "consistent", "grew by VDN 0.61 billion or 7.9% to VDN 8.34 billion: old implied 7.73", {"abs": "q6", "dir": "up"}),
            ("sum", ["q8", "q9", "q10", "q11", "q1"], "consistent", "tax types make up the total"),
        ]),
    dict(
        id="cc2-30-stats-freight", publisher=STATS, date="2025-03-27",
        title="Freight transport in 2024",
        text=(
            "Transport companies in Valdoria carried [48.7 million tonnes|MEASURE] of freight in [2024|DATE], "
            "[2.3%|CHANGE] more than a year earlier. Road transport carried [31.9 million tonnes|MEASURE] "
            "([65.5%|PERCENT]), rail [12.4 million tonnes|MEASURE] ([25.5%|PERCENT]) and inland waterways "
            "[4.4 million tonnes|MEASURE] ([9.0%|PERCENT]).\n\n"
            "The heaviest single consignment of the year, a power transformer for the Upper Marn grid, "
            "weighed [214 tonnes|MEASURE]."),
        checks=[
            ("change", ["q3", None, "q1"], "unverifiable", "up 2.3% to 48.7 million tonnes; last year's volume is not stated", {"dir": "up"}),
            ("sum", ["q4", "q6", "q8", "q1"], "consistent", "modes add up to the total"),
            ("share", ["q5", "q4", "q1"], "consistent", "road share"),
            ("share", ["q7", "q6", "q1"], "consistent", "rail share"),
            ("share", ["q9", "q8", "q1"], "consistent", "waterway share"),
            ("sum", ["q5", "q7", "q9", "100%"], "consistent", "mode shares cover all freight", {"exhaustive": True}),
        ]),
    dict(
        id="cc2-31-um-police-drugs", publisher=UM_POLICE, date="2025-02-06",
        title="Drug offences in 2024",
        text=(
            "Upper Marn police recorded [1,927|COUNT|drug offences] drug offences in [2024|DATE], or "
            "[164.6|RATE|per 100,000 residents] per 100,000 residents, against [1,702|COUNT|drug offences] in "
            "[2023|DATE]. The province had [1,246,318|COUNT|people] residents at the start of [2025|DATE].\n\n"
            "The rise of [225|CHANGE|drug offences] offences, or [13.2%|CHANGE], mainly reflects more roadside "
            "drug testing. Officers seized [86 kilograms|MEASURE] of cannabis and [4.1 kilograms|MEASURE] of "
            "cocaine."),
        checks=[
            ("rate", ["q3", "q1", "q6"], "inconsistent", "planted error: 1,927 / 1,246,318 x 100,000 = 154.6, not 164.6"),
            ("change", ["q8", "q4", "q1"], "consistent", "absolute rise", {"dir": "up"}),
            ("change", ["q9", "q4", "q1"], "consistent", "relative rise", {"dir": "up"}),
        ]),
    dict(
        id="cc2-32-health-hiv-testing", publisher=HEALTH_AGENCY, date="2025-12-01",
        title="Results of the HIV testing week",
        text=(
            "During the testing week from [17|DATE|date|\"--11-17\"] to [24 November|DATE], "
            "[14,286|COUNT|people] people were tested for HIV at [210|COUNT|sites] sites across Valdoria. "
            "[57|COUNT|people] people received a reactive result, a positivity rate of [0.6%|PERCENT].\n\n"
            "Of those testing positive, [41|COUNT|people] were men and [16|COUNT|people] women; "
            "[38|COUNT|people] had never been tested before. Free and anonymous testing is available all "
            "year; appointments can be booked on [0800 448 448|OTHER]."),
        checks=[
            ("share", ["q6", "q5", "q3"], "inconsistent", "planted error: 57 of 14,286 is 0.4%, not 0.6%"),
            ("sum", ["q7", "q8", "q5"], "consistent", "men and women make up the positives"),
            ("part_whole", ["q9", "q5"], "consistent", "first-time testers among the positives"),
        ]),
    dict(
        id="cc2-33-labour-inspectorate", publisher="State Labour Inspectorate of Valdoria", date="2025-04-28",
        title="Workplace accidents in 2024",
        text=(
            "Employers reported [2,614|COUNT|workplace accidents] workplace accidents to the Inspectorate in "
            "[2024|DATE], of which [38|COUNT|workplace accidents] were fatal, [seven|CHANGE|workplace accidents] "
            "fewer than the [45|COUNT|workplace accidents] a year earlier. Construction accounted for "
            "[17|COUNT|workplace accidents] of the fatal accidents and agriculture for "
            "[8|COUNT|workplace accidents].\n\n"
            "Inspectors carried out [9,106|COUNT|inspections] inspections and imposed fines totalling "
            "[VDN 3.2 million|MONEY]; work was suspended at [4.6%|PERCENT] of the workplaces inspected."),
        checks=[
            ("part_whole", ["q3", "q1"], "consistent", "fatal accidents among all accidents"),
            ("change", ["q4", "q5", "q3"], "consistent", "seven fewer fatal accidents", {"dir": "down"}),
            ("part_whole", ["q6", "q3"], "consistent", "construction among the fatal accidents"),
            ("part_whole", ["q7", "q3"], "consistent", "agriculture among the fatal accidents"),
        ]),
    dict(
        id="cc2-34-kb-transport-passengers", publisher="Kestrel Bay Transport Authority", date="2025-02-13",
        title="Passenger numbers up on buses and trams",
        text=(
            "Passenger journeys on Kestrel Bay's public transport rose by [6.8%|CHANGE] to "
            "[97.4 million|COUNT|journeys] in [2024|DATE] from [91.2 million|COUNT|journeys] in [2023|DATE]. "
            "Buses accounted for [52.6 million|COUNT|journeys] journeys, trams for "
            "[38.1 million|COUNT|journeys] and the harbour ferries for [6.7 million|COUNT|journeys].\n\n"
            "Monthly pass holders made up [41%|PERCENT] of all journeys. The new Line [12|OTHER] tram, opened on "
            "[3 November|DATE], is used by about [14,000|COUNT|passengers] passengers a day."),
        checks=[
            ("change", ["q1", "q4", "q2"], "consistent", "journeys up 6.8%", {"dir": "up"}),
            ("sum", ["q6", "q7", "q8", "q2"], "consistent", "buses, trams and ferries make up all journeys"),
        ]),
    dict(
        id="cc2-35-um-env-bathing", publisher=UM_ENV, date="2025-10-02",
        title="Bathing water quality, summer 2025",
        text=(
            "The agency tested water at [64|COUNT|bathing sites] bathing sites on the Marn river, its lakes "
            "and the coast near Kestrel Bay between [1 June|DATE] and [31 August|DATE]. Water quality was rated "
            "excellent at [41|COUNT|bathing sites] sites ([64.1%|PERCENT]), good at [15|COUNT|bathing sites] "
            "([23.4%|PERCENT]), sufficient at [5|COUNT|bathing sites] ([7.8%|PERCENT]) and poor at "
            "[3|COUNT|bathing sites] ([4.7%|PERCENT]).\n\n"
            "The highest reading of the season, [1,850|RATE|cfu per 100 ml] colony-forming units of E. coli "
            "per 100 ml, was taken at Lake Orrin, where swimming was advised against for [12 days|MEASURE]."),
        checks=[
            ("sum", ["q4", "q6", "q8", "q10", "q1"], "consistent", "ratings cover all sites"),
            ("share", ["q5", "q4", "q1"], "consistent", "excellent"),
            ("share", ["q7", "q6", "q1"], "consistent", "good"),
            ("share", ["q9", "q8", "q1"], "consistent", "sufficient"),
            ("share", ["q11", "q10", "q1"], "consistent", "poor"),
            ("sum", ["q5", "q7", "q9", "q11", "100%"], "consistent", "rating shares cover all sites", {"exhaustive": True}),
        ]),
    dict(
        id="cc2-36-cec-regional-turnout", publisher=CEC, date="2024-11-12",
        title="Turnout in the regional assembly elections",
        text=(
            "Turnout in the regional assembly elections on [10 November 2024|DATE] was [52.3%|PERCENT] "
            "nationwide. It was highest in Upper Marn ([61.7%|PERCENT]) and lowest in Kestrel Bay "
            "([44.9%|PERCENT]). Among voters aged [18|MEASURE|years] to [29|MEASURE|years], turnout was "
            "[38.2%|PERCENT].\n\n"
            "In Upper Marn, [556,240|COUNT|voters] of the [901,520|COUNT|registered voters] registered voters "
            "cast ballots. Voting took place at [4,812|COUNT|polling stations] polling stations; "
            "[37|COUNT|polling stations] of them, including station No. [118|OTHER] in Eskerby, opened late "
            "because of a power cut."),
        checks=[
            ("share", ["q3", "q8", "q9"], "consistent", "Upper Marn turnout"),
            ("part_whole", ["q11", "q10"], "consistent", "late-opening stations among all stations"),
        ]),
    dict(
        id="cc2-37-coast-guard-summer", publisher="Coast Guard of Valdoria", date="2025-09-09",
        title="Summer rescue statistics",
        text=(
            "Between [1 May|DATE] and [31 August|DATE], Coast Guard crews carried out "
            "[286|COUNT|rescue operations] rescue operations, up from [241|COUNT|rescue operations] last year, "
            "an increase of [45|CHANGE|rescue operations], or [16.9%|CHANGE].\n\n"
            "A total of [612|COUNT|people] people were brought to safety, among them [148|COUNT|people] "
            "children. Most operations involved leisure craft ([171|COUNT|rescue operations]) or swimmers "
            "([83|COUNT|rescue operations]); [32|COUNT|rescue operations] involved commercial vessels. Sailors "
            "in distress should call on VHF channel [16|OTHER] or dial [112|OTHER]."),
        checks=[
            ("change", ["q5", "q4", "q3"], "consistent", "absolute increase", {"dir": "up"}),
            ("change", ["q6", "q4", "q3"], "inconsistent", "planted error: 45 / 241 is an increase of 18.7%, not 16.9%", {"dir": "up"}),
            ("part_whole", ["q8", "q7"], "consistent", "children among the people rescued"),
            ("sum", ["q9", "q10", "q11", "q3"], "consistent", "types of operation add up to all operations"),
        ]),
    dict(
        id="cc2-38-labour-pensions", publisher=LABOUR, date="2024-12-20",
        title="Pension indexation from 1 January",
        text=(
            "From [1 January 2025|DATE], pensions in Valdoria will be increased by [5.5%|CHANGE]. The average "
            "old-age pension will rise to [VDN 612|MONEY] a month from [VDN 580|MONEY].\n\n"
            "The state pays pensions to [1,482,600|COUNT|pensioners] people: [1,193,400|COUNT|pensioners] "
            "old-age pensioners, [214,700|COUNT|pensioners] disability pensioners and "
            "[74,500|COUNT|pensioners] recipients of survivors' pensions. The indexation will cost the budget "
            "an additional [VDN 590 million|MONEY] in [2025|DATE]. Questions can be put to the Pension Fund "
            "call centre at [1411|OTHER]."),
        checks=[
            ("change", ["q2", "q4", "q3"], "consistent", "average pension up 5.5%", {"dir": "up"}),
            ("sum", ["q6", "q7", "q8", "q5"], "consistent", "pension types make up all pensioners"),
        ]),
    dict(
        id="cc2-39-customs-counterfeits", publisher=CUSTOMS, date="2025-06-24",
        title="Counterfeit goods detained at the border",
        text=(
            "Customs officers detained [218,540|COUNT|items] counterfeit items in [2024|DATE]. Clothing and "
            "footwear made up [96,315|COUNT|items], or [44.1%|PERCENT] of all detained items, toys "
            "[41,020|COUNT|items] ([18.8%|PERCENT]) and medicines [12,480|COUNT|items] ([5.7%|PERCENT]).\n\n"
            "The goods were worth an estimated [€6.9 million|MONEY]. Most of them arrived in "
            "[312|COUNT|containers] containers at Kestrel Bay, [25|COUNT|containers] of which had been falsely "
            "declared as machine parts."),
        checks=[
            ("share", ["q4", "q3", "q1"], "consistent", "clothing share"),
            ("share", ["q6", "q5", "q1"], "consistent", "toys share"),
            ("share", ["q8", "q7", "q1"], "consistent", "medicines share"),
            ("sum", ["q4", "q6", "q8", "100%"], "consistent", "categories are shares of one whole"),
            ("part_whole", ["q11", "q10"], "consistent", "falsely declared containers among all"),
        ]),
    dict(
        id="cc2-40-stats-gdp-q3", publisher=STATS, date="2025-11-14",
        title="GDP in the July–September quarter",
        text=(
            "Valdoria's gross domestic product grew by [2.4%|CHANGE] year on year in the July–September "
            "quarter of [2025|DATE] and by [0.6%|CHANGE] compared with the previous quarter. At current prices, "
            "GDP amounted to [VDN 14.82 billion|MONEY].\n\n"
            "Growth for January to September was [2.1%|CHANGE], [0.3 percentage points|CHANGE] lower than in "
            "the same period of [2024|DATE], when the economy grew by [2.8%|CHANGE]. Industry's share of gross "
            "value added fell to [23.6%|PERCENT] from [24.9%|PERCENT], a drop of "
            "[1.3 percentage points|CHANGE]."),
        checks=[
            ("change", ["q6", "q8", "q5"], "inconsistent", "planted error: 2.1% against 2.8% is 0.7 points lower, not 0.3", {"dir": "down"}),
            ("change", ["q11", "q10", "q9"], "consistent", "industry share down 1.3 points", {"dir": "down"}),
        ]),
    dict(
        id="cc2-41-moi-online-fraud", publisher=MOI, date="2025-03-03",
        title="Online fraud complaints keep rising",
        text=(
            "The Ministry's cybercrime unit received [4,960|COUNT|complaints] complaints about online fraud in "
            "[2024|DATE], [2.5 times|CHANGE|times] more than the [1,984|COUNT|complaints] received in "
            "[2022|DATE]. Fake online shops accounted for [37%|PERCENT] of complaints, phishing messages for "
            "[29%|PERCENT] and investment scams for [18%|PERCENT].\n\n"
            "Victims lost a total of [VDN 11.6 million|MONEY]; the largest single loss was "
            "[VDN 420,000|MONEY]. Never share the [six-digit|OTHER] code sent by your bank, and report fraud "
            "on [1515|OTHER]."),
        checks=[
            ("change", ["q3", "q4", "q1"], "consistent", "4,960 is 2.5 times 1,984"),
            ("sum", ["q6", "q7", "q8", "100%"], "consistent", "complaint types are shares of one whole"),
            ("part_whole", ["q10", "q9"], "consistent", "the largest loss is part of the total lost"),
        ]),
    dict(
        id="cc2-42-health-tuberculosis", publisher=HEALTH_AGENCY, date="2025-03-24",
        title="World TB Day: tuberculosis in Valdoria",
        text=(
            "Valdoria notified [1,362|COUNT|tuberculosis cases] new cases of tuberculosis in [2024|DATE], an "
            "incidence of [20.0|RATE|per 100,000 population] per 100,000 population, based on a population of "
            "[6,812,400|COUNT|people]. Treatment was successful for [86.3%|PERCENT] of patients who started "
            "treatment in [2023|DATE], up [2.9 percentage points|CHANGE] from [83.9%|PERCENT] a year earlier.\n\n"
            "Multidrug-resistant forms were found in [97|COUNT|tuberculosis cases] of the new cases. Children "
            "under [15|MEASURE|years] made up [4.2%|PERCENT] of notifications ([57|COUNT|tuberculosis cases] "
            "cases)."),
        checks=[
            ("rate", ["q3", "q1", "q4"], "consistent", "incidence per 100,000"),
            ("change", ["q7", "q8", "q5"], "inconsistent", "planted error: 86.3% - 83.9% is 2.4 points, not 2.9", {"dir": "up"}),
            ("part_whole", ["q9", "q1"], "consistent", "resistant cases among new cases"),
            ("share", ["q11", "q12", "q1"], "consistent", "children's share of notifications"),
        ]),
    dict(
        id="cc2-43-admin-court-tax", publisher="Administrative Court of Valdoria", date="2025-05-14",
        title="Decisions in tax disputes, 2024",
        text=(
            "In [2024|DATE], the Administrative Court decided [2,540|COUNT|tax disputes] disputes between "
            "taxpayers and the State Tax Service. The court found fully for the taxpayer in [27.4%|PERCENT] of "
            "cases, partly in [15.1%|PERCENT] and for the tax authority in [57.5%|PERCENT]. Taxpayers thus won "
            "in full in [696|COUNT|tax disputes] disputes.\n\n"
            "The disputed amounts totalled [VDN 187 million|MONEY]. Under Article [58|OTHER] of the Tax Code, "
            "a taxpayer who wins is refunded within [30 days|MEASURE]."),
        checks=[
            ("sum", ["q3", "q4", "q5", "100%"], "consistent", "outcomes cover all decisions", {"exhaustive": True}),
            ("share", ["q3", "q6", "q2"], "consistent", "taxpayer wins in full"),
        ]),
    dict(
        id="cc2-44-kb-recycling", publisher=KB_COUNCIL, date="2025-04-03",
        title="Household waste and recycling in 2024",
        text=(
            "Kestrel Bay households produced [142,600 tonnes|MEASURE] of waste in [2024|DATE]. Of this, "
            "[58,300 tonnes|MEASURE] were recycled or composted, a recycling rate of [42.9%|PERCENT], up from "
            "[38.7%|PERCENT] in [2023|DATE]. Waste sent to landfill fell to [31,900 tonnes|MEASURE], "
            "[14%|CHANGE] less than a year earlier.\n\n"
            "The council's [six|COUNT|recycling centres] recycling centres are open daily from "
            "[8:00|DATE|time|\"08:00\"] to [20:00|DATE|time|\"20:00\"]."),
        checks=[
            ("share", ["q4", "q3", "q1"], "inconsistent", "planted error: 58,300 of 142,600 tonnes is 40.9%, not 42.9%"),
            ("part_whole", ["q7", "q1"], "consistent", "landfilled waste is part of all waste"),
            ("change", ["q8", None, "q7"], "unverifiable", "landfill down 14% to 31,900 tonnes; last year's amount is not stated", {"dir": "down"}),
        ]),
    dict(
        id="cc2-45-stats-marriages", publisher=STATS, date="2025-05-29",
        title="Marriages and divorces, 2024",
        text=(
            "[38,904|COUNT|marriages] marriages and [14,211|COUNT|divorces] divorces were registered in "
            "Valdoria in [2024|DATE]. The marriage rate was [5.7|RATE|per 1,000 population] per 1,000 "
            "population and the divorce rate [2.1|RATE|per 1,000 population]; both are calculated on the "
            "average annual population of [6,818,900|COUNT|people].\n\n"
            "There were [36.5|RATE|divorces per 100 marriages] divorces per 100 marriages. The average age of "
            "brides was [28.6 years|MEASURE] and of grooms [31.2 years|MEASURE]."),
        checks=[
            ("rate", ["q4", "q1", "q6"], "consistent", "marriages per 1,000"),
            ("rate", ["q5", "q2", "q6"], "consistent", "divorces per 1,000"),
            ("rate", ["q7", "q2", "q1"], "consistent", "divorces per 100 marriages"),
        ]),
    dict(
        id="cc2-46-kb-police-amnesty", publisher=KB_POLICE, date="2025-08-01",
        title="Weapons amnesty results",
        text=(
            "During the [six-week|MEASURE|weeks|6] weapons amnesty that ended on [31 July|DATE], residents "
            "handed in [1,073|COUNT|weapons] weapons at Kestrel Bay police stations ([684|COUNT|weapons] "
            "hunting rifles and shotguns, [251|COUNT|weapons] pistols and revolvers and [148|COUNT|weapons] "
            "other firearms), as well as [9,820|COUNT|rounds] rounds of ammunition and "
            "[27 kilograms|MEASURE] of explosives.\n\n"
            "People who handed in a weapon during the amnesty will not be prosecuted under Article "
            "[228|OTHER] of the Criminal Code."),
        checks=[
            ("sum", ["q4", "q5", "q6", "q3"], "inconsistent", "planted error: 684 + 251 + 148 = 1,083, not the 1,073 stated"),
        ]),
    dict(
        id="cc2-47-health-rural-doctors", publisher=HEALTH_MIN, date="2025-07-21",
        title="New doctors join the public health service",
        text=(
            "[412|COUNT|doctors] newly qualified doctors started work in the public health service on "
            "[1 July|DATE], among them [158|COUNT|doctors] who will work in rural clinics for at least "
            "[three years|MEASURE] under the rural placement scheme. Women make up [63%|PERCENT] of the new "
            "doctors ([260|COUNT|doctors]).\n\n"
            "Upper Marn will receive [47|COUNT|doctors] of the rural placements and the outlying districts of "
            "Kestrel Bay [12|COUNT|doctors]. Each placement doctor receives a monthly allowance of "
            "[VDN 450|MONEY] on top of the salary."),
        checks=[
            ("part_whole", ["q3", "q1"], "consistent", "rural placements among the new doctors"),
            ("share", ["q5", "q6", "q1"], "consistent", "women's share of new doctors"),
            ("part_whole", ["q7", "q3"], "consistent", "Upper Marn placements among rural placements"),
            ("part_whole", ["q8", "q3"], "consistent", "Kestrel Bay placements among rural placements"),
        ]),
    dict(
        id="cc2-48-kb-bird-count", publisher="Kestrel Bay Nature Reserve Authority", date="2025-02-04",
        title="Winter waterbird count",
        text=(
            "Volunteers counted about [48,000|COUNT|birds] waterbirds on the Kestrel Bay mudflats and the Marn "
            "estuary on [26 January|DATE]. Dunlin were the most numerous species, with nearly "
            "[19,500|COUNT|birds] birds, followed by wigeon (some [9,800|COUNT|birds]) and brent geese (more "
            "than [6,200|COUNT|birds]).\n\n"
            "In all, [61|COUNT|species] species were recorded, [four|CHANGE|species] more than the "
            "[57|COUNT|species] of last winter. The avocet count rose to [1,140|COUNT|birds] from "
            "[870|COUNT|birds], an increase of [21%|CHANGE]. The count involved [212|COUNT|volunteers] volunteers "
            "at [38|COUNT|sites] sites."),
        checks=[
            ("part_whole", ["q3", "q1"], "consistent", "dunlin among all waterbirds"),
            ("part_whole", ["q4", "q1"], "consistent", "wigeon among all waterbirds"),
            ("part_whole", ["q5", "q1"], "consistent", "brent geese among all waterbirds"),
            ("change", ["q7", "q8", "q6"], "consistent", "four species more", {"dir": "up"}),
            ("change", ["q11", "q10", "q9"], "inconsistent", "planted error: 1,140 / 870 is an increase of 31%, not 21%", {"dir": "up"}),
        ]),
    dict(
        id="cc2-49-customs-cash", publisher=CUSTOMS, date="2025-10-08",
        title="Undeclared cash found at Kestrel Bay airport",
        text=(
            "Customs officers at Kestrel Bay airport have detained a passenger arriving on flight "
            "[VX318|OTHER] who was carrying more than [€240,000|MONEY] in undeclared cash. Cash above "
            "[€10,000|MONEY] must be declared on entry or exit.\n\n"
            "In [2024|DATE], officers recorded [164|COUNT|breaches] breaches of the declaration rules involving "
            "a total of about [€3.9 million|MONEY]; [41|COUNT|breaches] of the cases were referred to "
            "prosecutors. The passenger faces a fine of up to [25%|PERCENT] of the undeclared amount."),
        checks=[
            ("part_whole", ["q7", "q5"], "consistent", "referred cases among all breaches"),
        ]),
    dict(
        id="cc2-50-cec-seats", publisher=CEC, date="2025-10-27",
        title="Seat allocation in the new National Assembly",
        text=(
            "The Commission has allocated the [150|COUNT|seats] seats in the National Assembly. The Civic Union "
            "won [64|COUNT|seats] seats, the Social Democrats [41|COUNT|seats], the Green Alliance "
            "[23|COUNT|seats], the Farmers' Party [14|COUNT|seats] and independent candidates "
            "[8|COUNT|seats].\n\n"
            "Women won [49|COUNT|seats] seats, or [32.7%|PERCENT] of the total, up from [28.0%|PERCENT] in the "
            "outgoing assembly. The Civic Union needs [12|COUNT|seats] more seats to reach the majority of "
            "[76|COUNT|seats]. The assembly will hold its opening session on [3 November|DATE]."),
        checks=[
            ("sum", ["q2", "q3", "q4", "q5", "q6", "q1"], "consistent", "seats by party add up to all seats"),
            ("share", ["q8", "q7", "q1"], "consistent", "women's share of seats"),
            ("sum", ["q2", "q10", "q11"], "consistent", "64 seats plus 12 reach the majority of 76"),
        ]),
    dict(
        id="cc2-51-stats-household-income", publisher=STATS, date="2025-06-30",
        title="Household income survey 2024",
        text=(
            "Average monthly disposable income per household member was [VDN 742|MONEY] in [2024|DATE], "
            "[7.1%|CHANGE] more in nominal terms than in [2023|DATE] ([VDN 693|MONEY]). Adjusted for inflation, "
            "the increase was [2.9%|CHANGE].\n\n"
            "Households in the top income quintile had an average of [VDN 1,580|MONEY] per member, "
            "[4.9 times|CHANGE|times] that of the bottom quintile ([VDN 322|MONEY]). Wages made up "
            "[63.4%|PERCENT] of household income, pensions and benefits [24.8%|PERCENT] and other sources "
            "[11.8%|PERCENT]. The survey covered [5,200|COUNT|households] households; the response rate was "
            "[68%|PERCENT]."),
        checks=[
            ("change", ["q3", "q5", "q1"], "consistent", "nominal income up 7.1%", {"dir": "up"}),
            ("change", ["q8", "q9", "q7"], "consistent", "top quintile income is 4.9 times the bottom"),
            ("sum", ["q10", "q11", "q12", "100%"], "consistent", "income sources cover all income", {"exhaustive": True}),
        ]),
    dict(
        id="cc2-52-kb-parking", publisher=KB_COUNCIL, date="2025-01-27",
        title="Parking enforcement report 2024",
        text=(
            "Parking wardens issued [68,412|COUNT|penalty notices] penalty notices in [2024|DATE], an increase "
            "of [7,950|CHANGE|penalty notices], or [11.6%|CHANGE], on the previous year. Fines paid brought in "
            "[€2.74 million|MONEY].\n\n"
            "[83%|PERCENT] of notices were paid within [14 days|MEASURE], when the reduced fine of "
            "[€30|MONEY] applies instead of [€60|MONEY]. Appeals were upheld in [1,206|COUNT|appeals] of the "
            "[4,388|COUNT|appeals] appeals heard ([27.5%|PERCENT])."),
        checks=[
            ("change", ["q4", None, "q1"], "inconsistent", "planted error: old implied 68,412 - 7,950 = 60,462, so the increase is 13.1%, not 11.6%", {"abs": "q3", "dir": "up"}),
            ("share", ["q12", "q10", "q11"], "consistent", "share of appeals upheld"),
        ]),
    dict(
        id="cc2-53-prisons-population", publisher="Prison Service of Valdoria", date="2025-01-15",
        title="Prison population on 1 January 2025",
        reference={"population": POP, "population_end": POP_END,
                   "population_source": "invented: Valdoria Statistics Office, 1 January 2024 and 1 January 2025"},
        text=(
            "On [1 January 2025|DATE], Valdoria's [19|COUNT|prisons] prisons held [9,184|COUNT|prisoners] "
            "prisoners, or [134.8|RATE|per 100,000 population] per 100,000 population. Of them, "
            "[1,973|COUNT|prisoners] ([21.5%|PERCENT]) were in pre-trial detention, and "
            "[412|COUNT|prisoners] were women.\n\n"
            "The prisons have an official capacity of [10,650|COUNT|places] places, so occupancy stands at "
            "[86.2%|PERCENT]."),
        checks=[
            ("rate", ["q4", "q3", "ref:population"], "consistent", "prisoners per 100,000 with the reference population"),
            ("share", ["q6", "q5", "q3"], "consistent", "pre-trial share"),
            ("part_whole", ["q7", "q3"], "consistent", "women among the prisoners"),
            ("share", ["q9", "q3", "q8"], "consistent", "occupancy"),
        ]),
    dict(
        id="cc2-54-kb-police-festival", publisher=KB_POLICE, date="2025-08-04",
        title="Harbour Festival weekend passes peacefully",
        text=(
            "The [38th|OTHER] Kestrel Bay Harbour Festival, held from [1|DATE|date|\"2025-08-01\"] to "
            "[3 August 2025|DATE], drew an estimated [310,000|COUNT|visitors] visitors. Police made "
            "[46|COUNT|arrests] arrests over the weekend, [29|COUNT|arrests] of them for public order offences, "
            "and medical teams treated [212|COUNT|people] people, mostly for heat exhaustion.\n\n"
            "The fireworks on Saturday at [22:30|DATE|time|\"22:30\"] were watched by about "
            "[85,000|COUNT|people] people from the seafront. Pier [3|OTHER] and the Route [9|OTHER] bus "
            "terminus will stay closed until [6 August|DATE]."),
        checks=[
            ("part_whole", ["q6", "q5"], "consistent", "public order arrests among all arrests"),
        ]),
    dict(
        id="cc2-55-health-influenza-season", publisher=HEALTH_AGENCY, date="2025-05-05",
        title="Influenza season summary",
        text=(
            "Sentinel general practices reported [41,380|COUNT|consultations] consultations for "
            "influenza-like illness between [1 October 2024|DATE] and [30 April 2025|DATE]. Laboratories "
            "confirmed influenza in [3,912|COUNT|samples] of the [10,806|COUNT|samples] samples tested, or "
            "[36.2%|PERCENT]; type A accounted for [2,861|COUNT|samples] of the positives and type B for "
            "[1,051|COUNT|samples].\n\n"
            "Hospitals admitted [1,247|COUNT|patients] patients with confirmed influenza, "
            "[188|COUNT|patients] of whom needed intensive care. Vaccination coverage among people aged "
            "[65|MEASURE|years] and over was [48.3%|PERCENT], compared with [44.0%|PERCENT] last season."),
        checks=[
            ("share", ["q6", "q4", "q5"], "consistent", "positivity"),
            ("sum", ["q7", "q8", "q4"], "consistent", "types A and B make up the positives"),
            ("part_whole", ["q10", "q9"], "consistent", "intensive care among admissions"),
        ]),
]


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="gold JSONL to write")
    ap.add_argument("--show", action="store_true", help="print quantities and checks of every document")
    args = ap.parse_args(argv)
    docs, problems = mcc.build_all(DOCS, show=args.show)
    if problems:
        return 1
    n_q = sum(len(d["quantities"]) for d in docs)
    n_c = sum(len(d["checks"]) for d in docs)
    by_kind: dict[str, int] = {}
    for d in docs:
        for c in d["checks"]:
            by_kind[c["kind"]] = by_kind.get(c["kind"], 0) + 1
    verdicts: dict[str, int] = {}
    for d in docs:
        for c in d["checks"]:
            verdicts[c["verdict"]] = verdicts.get(c["verdict"], 0) + 1
    n_bad_docs = sum(any(c["verdict"] == "inconsistent" for c in d["checks"]) for d in docs)
    summary = (f"{len(docs)} documents, {n_q} quantities, {n_c} checks "
               f"({', '.join(f'{k} {v}' for k, v in sorted(by_kind.items()))}; "
               f"{', '.join(f'{k} {v}' for k, v in sorted(verdicts.items()))}), "
               f"inconsistent checks in {n_bad_docs} documents")
    return mcc.write_gold(docs, args.out, summary)


if __name__ == "__main__":
    sys.exit(main())
