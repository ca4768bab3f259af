#!/usr/bin/env python3
"""Write the checker-challenge gold set: invented press-release text, marked by hand.

Every document below is our own invented text (invented countries Norland, Castrova and Osmar,
invented cities, organisations, people and figures). It was written from the annotation spec
(spec/gold-format.md) alone, without reading the checker's linking code or its tests, so that
the figures it yields are not fitted to the checker.

Marked form: a figure is written inline as ``[text|KIND]``, ``[text|KIND|unit]`` or
``[text|KIND|unit|value]`` (value as JSON, only where it cannot be derived from the text).
Quantities get ids q1, q2, ... in text order. Each document lists its checks as
``(kind, [ids...], verdict, note)`` or ``(kind, [ids...], verdict, note, options)``; ids may also
be ``"100%"`` (shares of one whole), ``"ref:population"`` or ``None`` (old value not stated).
Options: ``dir`` ("up"/"down") for a change whose sign is not written, ``abs`` (the id of the
absolute change when ``old`` is None and the text states both forms), ``exhaustive`` (the
shares of a ``"100%"`` sum cover the whole, so they must also reach 100%).

The script computes offsets and values, then re-does every check's arithmetic by its own
interval arithmetic (the spec's precision rule: a figure with d decimals admits computed x if x
rounds half-up or truncates to it; plain integer counts, sums of money and measures are exact;
hedges widen one side or both) and refuses to write when a typed verdict disagrees.

    python scripts/make_checker_challenge.py --out eval/labels/checker-challenge.jsonl
    python scripts/make_checker_challenge.py --show        # list quantities and arithmetic

Standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from fractions import Fraction as F
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------

NOR_POLICE = "Norland Police Directorate"
NOR_STATS = "Statistics Office of Norland"
CAS_STATS = "National Statistics Service of Castrova"

DOCS: list[dict[str, Any]] = [
    # ---------------------------------------------------------------- crime statistics
    dict(
        id="cc-nor-police-annual-2024",
        publisher=NOR_POLICE, title="Crime in Norland in 2024", date="2025-02-11",
        text=(
            "The Norland Police Directorate recorded [41,260|COUNT|crimes] crimes in [2024|DATE], "
            "[2.4%|CHANGE] fewer than the [42,275|COUNT|crimes] registered in [2023|DATE]. Of these, "
            "[38,112|COUNT|crimes] ([92.4%|PERCENT]) were solved.\n\n"
            "With a population of [5,130,000|COUNT|inhabitants], the country's crime rate stood at "
            "[804|RATE|crimes per 100,000 inhabitants] per 100,000 inhabitants."
        ),
        checks=[
            ("change", ["q3", "q4", "q1"], "consistent", "relative fall from 2023 to 2024", {"dir": "down"}),
            ("share", ["q7", "q6", "q1"], "consistent", "solved crimes of all recorded"),
            ("rate", ["q9", "q1", "q8"], "consistent", "crimes per 100,000 of the stated population"),
        ],
    ),
    dict(
        id="cc-nor-capital-crime-2024",
        publisher="Metropolitan Police of Norland", title="Clearance rate in the capital", date="2025-01-30",
        text=(
            "[87.2%|PERCENT], or [10,444|COUNT|crimes], of the [11,977|COUNT|crimes] crimes reported "
            "in the capital in [2024|DATE] were solved, the Metropolitan Police said. Cybercrime in "
            "the capital rose by [23.5%|CHANGE], from [1,302|COUNT|crimes] to [1,608|COUNT|crimes] cases."
        ),
        checks=[
            ("share", ["q1", "q2", "q3"], "consistent", "solved share of reported crimes"),
            ("change", ["q5", "q6", "q7"], "consistent", "cybercrime, relative rise", {"dir": "up"}),
            ("part_whole", ["q7", "q3"], "consistent", "cybercrime is part of all crimes in the capital"),
        ],
    ),
    dict(
        id="cc-cas-velka-crime-2024",
        publisher="Velka Regional Police Department", title="Serious crime in the Velka region",
        date="2025-01-17",
        text=(
            "Police in the Velka region registered [6,218|COUNT|crimes] serious and especially "
            "serious crimes in [2024|DATE] ([2,904|COUNT|crimes] serious and [3,414|COUNT|crimes] "
            "especially serious). Property crimes fell by [7.3%|CHANGE], from [4,327|COUNT|crimes] "
            "to [4,011|COUNT|crimes]."
        ),
        checks=[
            ("sum", ["q3", "q4", "q1"], "inconsistent",
             "planted: the bracketed breakdown adds up to 6,318, not the stated 6,218"),
            ("change", ["q5", "q6", "q7"], "consistent", "property crimes, relative fall", {"dir": "down"}),
        ],
    ),
    dict(
        id="cc-cas-juvenile-2024",
        publisher="Ministry of Interior of Castrova", title="Juvenile delinquency in 2024", date="2025-03-04",
        text=(
            "Crimes committed by minors numbered [1,624|COUNT|crimes], accounting for "
            "[12.5%|PERCENT] of all [12,992|COUNT|crimes] crimes solved in Castrova in [2024|DATE]. "
            "The minors involved were [1,388|COUNT|minors] boys and [327|COUNT|minors] girls, "
            "[1,715|COUNT|minors] in total."
        ),
        checks=[
            ("share", ["q2", "q1", "q3"], "consistent", "crimes by minors of all solved crimes"),
            ("sum", ["q5", "q6", "q7"], "consistent", "boys and girls make the total"),
        ],
    ),
    dict(
        id="cc-nor-burglary-2024",
        publisher=NOR_POLICE, title="Residential burglaries at a record low", date="2025-02-20",
        text=(
            "Norland's police recorded [2,904|COUNT|burglaries] residential burglaries in "
            "[2024|DATE], or [56.6|RATE|burglaries per 100,000 inhabitants] per 100,000 inhabitants, "
            "the lowest level since [2008|DATE]. Offenders were identified in [1,117|COUNT|burglaries] cases."
        ),
        reference={"population": 5130000,
                   "population_source": "invented: Statistics Office of Norland, population at 1 January 2024"},
        checks=[
            ("rate", ["q3", "q1", "ref:population"], "consistent", "burglaries per 100,000 of the reference population"),
            ("part_whole", ["q5", "q1"], "consistent", "cleared burglaries of all burglaries"),
        ],
    ),
    dict(
        id="cc-nor-onlinefraud-2024",
        publisher="Norland Cybercrime Centre", title="Losses to online fraud", date="2025-03-12",
        text=(
            "Victims of online fraud in Norland lost [€23.7 million|MONEY] in [2024|DATE], "
            "[31%|CHANGE] more than the [€18.1 million|MONEY] reported in [2023|DATE]. Investment "
            "scams accounted for [€14.2 million|MONEY] of the losses. Suspicious text messages can "
            "be forwarded free of charge to [7726|OTHER]."
        ),
        checks=[
            ("change", ["q3", "q4", "q1"], "consistent", "relative rise of losses", {"dir": "up"}),
            ("part_whole", ["q6", "q1"], "consistent", "investment scams are part of the losses"),
        ],
    ),
    # ---------------------------------------------------------------- courts
    dict(
        id="cc-nor-courts-caseload-2024",
        publisher="Supreme Court of Norland", title="Annual report on the courts", date="2025-04-02",
        text=(
            "District courts in Norland received [128,450|COUNT|cases] cases in [2024|DATE]: "
            "[71,300|COUNT|cases] civil, [39,870|COUNT|cases] criminal and [17,280|COUNT|cases] "
            "administrative, according to the annual report of the Supreme Court. Criminal cases "
            "were decided within the [90|MEASURE|days]-day target in [84.7%|PERCENT] of instances."
        ),
        checks=[
            ("sum", ["q3", "q4", "q5", "q1"], "consistent", "civil + criminal + administrative"),
        ],
    ),
    dict(
        id="cc-cas-velka-fraud-2024",
        publisher="Velka Regional Court", title="Fraud cases before the Regional Court", date="2025-02-07",
        text=(
            "Under Article [187|OTHER] of the Criminal Code, the Velka Regional Court heard "
            "[342|COUNT|cases] fraud cases in [2024|DATE], [27|CHANGE|cases] more than in "
            "[2023|DATE], when it heard [315|COUNT|cases]. Prison sentences were imposed in "
            "[119|COUNT|cases] of them, with an average term of [3.4 years|MEASURE]."
        ),
        checks=[
            ("change", ["q4", "q6", "q2"], "consistent", "absolute rise in cases", {"dir": "up"}),
            ("part_whole", ["q7", "q2"], "consistent", "cases with prison sentences of cases heard"),
        ],
    ),
    dict(
        id="cc-cas-admincourt-2024",
        publisher="Administrative Court of Castrova", title="Tax appeals in 2024", date="2025-02-26",
        text=(
            "In [2024|DATE] the Administrative Court of Castrova received [2,870|COUNT|appeals] "
            "appeals against tax decisions, including [3,020|COUNT|appeals] against VAT assessments. "
            "The court closed [2,410|COUNT|cases] cases during the year; [1,140|COUNT|cases] of them "
            "([47.3%|PERCENT]) ended in favour of the taxpayer."
        ),
        checks=[
            ("part_whole", ["q3", "q2"], "inconsistent",
             "planted: the VAT appeals (3,020) are said to be included in 2,870 appeals"),
            ("share", ["q6", "q5", "q4"], "consistent", "cases won by taxpayers of closed cases"),
        ],
    ),
    dict(
        id="cc-cas-courts-timeliness-2024",
        publisher="High Judicial Council of Castrova", title="Court efficiency indicators", date="2025-03-19",
        text=(
            "The share of cases resolved by Castrova's courts within [six months|MEASURE|months] went "
            "up by [4%|CHANGE] to [71.2%|PERCENT] in [2024|DATE], from [67.2%|PERCENT]. There were "
            "[412|COUNT|judges] judges in office at the end of the year, [231|COUNT|judges] of them women."
        ),
        checks=[
            ("change", ["q2", "q5", "q3"], "ambiguous",
             "'up by 4%' fits 4 percentage points (71.2 - 67.2) but not 4 percent of 67.2% (6.0%)",
             {"dir": "up"}),
            ("part_whole", ["q7", "q6"], "consistent", "women judges of all judges"),
        ],
    ),
    # ---------------------------------------------------------------- prisons
    dict(
        id="cc-cas-prisons-census-2025",
        publisher="Penitentiary Service of Castrova", title="Prison population on 1 January 2025",
        date="2025-01-15",
        text=(
            "On [1 January 2025|DATE], Castrova's [14|COUNT|prisons] prisons held "
            "[9,842|COUNT|inmates] inmates, of whom [612|COUNT|inmates] were women and "
            "[148|COUNT|inmates] were juveniles. Remand prisoners numbered [2,915|COUNT|inmates]; "
            "the remaining [6,827|COUNT|inmates] were serving final sentences."
        ),
        checks=[
            ("part_whole", ["q4", "q3"], "consistent", "women of all inmates"),
            ("part_whole", ["q5", "q3"], "consistent", "juveniles of all inmates"),
            ("sum", ["q6", "q7", "q3"], "inconsistent",
             "planted: remand + sentenced = 9,742, not the stated 9,842"),
        ],
    ),
    dict(
        id="cc-osm-prison-rate-2024",
        publisher="Prison Administration of Osmar", title="Prison statistics at year end", date="2025-01-22",
        text=(
            "Osmar's prisons held [7,215|COUNT|prisoners] prisoners on [31 December 2024|DATE].\n\n"
            "With a population of [3,380,000|COUNT|residents], the imprisonment rate was "
            "[213|RATE|prisoners per 100,000 residents] per 100,000 residents. The prisons' official "
            "capacity is [8,050|COUNT|places] places, so occupancy stood at [89.6%|PERCENT]."
        ),
        checks=[
            ("rate", ["q4", "q1", "q3"], "consistent", "prisoners per 100,000 residents"),
            ("share", ["q6", "q1", "q5"], "consistent", "occupancy: prisoners of places"),
        ],
    ),
    dict(
        id="cc-osm-custody-deaths-2024",
        publisher="Prison Administration of Osmar", title="Deaths in custody", date="2025-03-03",
        text=(
            "[19|COUNT|deaths] people died in custody in Osmar in [2024|DATE], a rate of "
            "[2.9|RATE|deaths per 1,000 prisoners] per 1,000 prisoners based on an average prison "
            "population of [7,480|COUNT|prisoners]. [11|COUNT|deaths] deaths were from natural "
            "causes and [5|COUNT|deaths] were suicides; [3|COUNT|deaths] remain under investigation."
        ),
        checks=[
            ("rate", ["q3", "q1", "q4"], "inconsistent",
             "planted: 19 deaths among 7,480 prisoners is 2.5 per 1,000, not 2.9"),
            ("sum", ["q5", "q6", "q7", "q1"], "consistent", "causes of death add up to the total"),
        ],
    ),
    dict(
        id="cc-osm-prison-education-2024",
        publisher="Prison Administration of Osmar", title="Education and work in prisons", date="2025-04-10",
        text=(
            "In Osmar's prisons, [2,460|COUNT|inmates] inmates took part in education programmes in "
            "[2024|DATE], up from [2,075|COUNT|inmates] ([+18.6%|CHANGE]). Out of "
            "[6,940|COUNT|inmates] sentenced prisoners, [1,310|COUNT|inmates] worked in prison "
            "workshops under Law No. [512|OTHER] on the execution of sentences."
        ),
        checks=[
            ("change", ["q4", "q3", "q1"], "consistent", "relative rise, sign written"),
            ("part_whole", ["q6", "q5"], "consistent", "workshop workers of sentenced prisoners"),
        ],
    ),
    # ---------------------------------------------------------------- road safety
    dict(
        id="cc-cas-road-accidents-2024",
        publisher="Traffic Police of Castrova", title="Road accidents in 2024", date="2025-01-28",
        text=(
            "In [2024|DATE], [1,846|COUNT|accidents] road accidents were registered in Castrova, in "
            "which [212|COUNT|people] people died and [2,390|COUNT|people] were injured. Speeding was "
            "the cause of [731|COUNT|accidents] accidents, or [41.6%|PERCENT] of the total. The "
            "deadliest stretch remained Route [66|OTHER] between Velka and Dorn, where "
            "[38|COUNT|deaths] of the deaths occurred."
        ),
        checks=[
            ("share", ["q6", "q5", "q2"], "inconsistent",
             "planted: 731 of 1,846 accidents is 39.6%, not 41.6%"),
            ("part_whole", ["q8", "q3"], "consistent", "deaths on Route 66 of all deaths"),
        ],
    ),
    dict(
        id="cc-nor-summer-traffic-2025",
        publisher=NOR_POLICE, title="Summer traffic campaign results", date="2025-09-08",
        text=(
            "During the summer campaign from [1 June|DATE] to [31 August 2025|DATE], traffic police "
            "stopped [58,420|COUNT|vehicles] vehicles and fined [11,906|COUNT|drivers] drivers. Of "
            "those fined, [2,317|COUNT|drivers] ([19.5%|PERCENT]) were driving under the influence of "
            "alcohol. Drivers can report dangerous driving on the [112|OTHER] line at any time."
        ),
        checks=[
            ("share", ["q6", "q5", "q4"], "consistent", "drink-drivers of drivers fined"),
            ("part_whole", ["q4", "q3"], "consistent", "drivers fined of vehicles stopped"),
        ],
    ),
    dict(
        id="cc-nor-road-deaths-2024",
        publisher="Road Safety Council of Norland", title="Road deaths fall again", date="2025-01-09",
        text=(
            "Road deaths in Norland fell to [187|COUNT|deaths] in [2024|DATE], [19|CHANGE|deaths] "
            "fewer than the [214|COUNT|deaths] recorded a year earlier, the Road Safety Council said. "
            "Pedestrians accounted for [52|COUNT|deaths] of the deaths and motorcyclists for "
            "[31|COUNT|deaths]."
        ),
        checks=[
            ("change", ["q3", "q4", "q1"], "inconsistent",
             "planted: 214 - 187 = 27 fewer deaths, not 19", {"dir": "down"}),
            ("part_whole", ["q5", "q1"], "consistent", "pedestrian deaths of all deaths"),
            ("part_whole", ["q6", "q1"], "consistent", "motorcyclist deaths of all deaths"),
        ],
    ),
    dict(
        id="cc-nor-speed-cameras-2024",
        publisher="Norland Road Authority", title="Speed camera fines", date="2025-04-14",
        text=(
            "Speed cameras recorded [318,400|COUNT|violations] violations on the [A7|OTHER] motorway "
            "in [2024|DATE]. Fines issued totalled [€14.9 million|MONEY], of which "
            "[€11.2 million|MONEY] ([75.2%|PERCENT]) had been paid by [31 March 2025|DATE]."
        ),
        checks=[
            ("share", ["q6", "q5", "q4"], "consistent", "paid share of fines"),
        ],
    ),
    dict(
        id="cc-cas-ostra-accidents-2024",
        publisher="Ostra Provincial Police", title="Accidents in Ostra province", date="2025-02-03",
        text=(
            "Of the [4,877|COUNT|accidents] road accidents recorded in Castrova's Ostra province in "
            "[2024|DATE], [3,206|COUNT|accidents] occurred in built-up areas and "
            "[1,571|COUNT|accidents] outside them. [6,034|COUNT|people] people were injured, "
            "[1,088|COUNT|people] of them seriously."
        ),
        checks=[
            ("sum", ["q3", "q4", "q1"], "inconsistent",
             "planted: 3,206 + 1,571 = 4,777, not the stated 4,877"),
            ("part_whole", ["q6", "q5"], "consistent", "seriously injured of all injured"),
        ],
    ),
    # ---------------------------------------------------------------- health
    dict(
        id="cc-nor-measles-2025",
        publisher="Norland Institute of Public Health", title="Weekly measles bulletin", date="2025-03-17",
        text=(
            "The Norland Institute of Public Health reported [3,412|COUNT|cases] confirmed measles "
            "cases in the week to [14 March 2025|DATE]. Children under [5|MEASURE|years] accounted "
            "for [1,195|COUNT|cases] of them, or [35.0%|PERCENT] of the total, and "
            "[287|COUNT|patients] patients needed hospital care. No deaths were reported."
        ),
        checks=[
            ("share", ["q5", "q4", "q1"], "consistent", "cases in young children of all cases"),
            ("part_whole", ["q6", "q1"], "consistent", "hospitalised patients of all cases"),
        ],
    ),
    dict(
        id="cc-cas-tuberculosis-2024",
        publisher="National Centre for Disease Control of Castrova", title="Tuberculosis in 2024",
        date="2025-03-24",
        text=(
            "Castrova registered [1,372|COUNT|cases] new tuberculosis cases in [2024|DATE], an "
            "incidence of [31.4|RATE|cases per 100,000 population] per 100,000 population, based on "
            "a mid-year population of [4.62 million|COUNT|people]. Of the new cases, "
            "[118|COUNT|cases] were multidrug-resistant, the National Centre for Disease Control said."
        ),
        checks=[
            ("rate", ["q3", "q1", "q4"], "inconsistent",
             "planted: 1,372 / 4.62 million x 100,000 = 29.7, not 31.4"),
            ("part_whole", ["q5", "q1"], "consistent", "resistant cases of new cases"),
        ],
    ),
    dict(
        id="cc-nor-mmr-2024",
        publisher="Norland Institute of Public Health", title="Childhood vaccination coverage", date="2025-04-24",
        text=(
            "Of the [91,340|COUNT|children] children due for the MMR vaccine in [2024|DATE], "
            "[87,420|COUNT|children] received both doses by the age of [24 months|MEASURE], nearly "
            "[96%|PERCENT]. Coverage was lowest in the Ostra district, at [88.9%|PERCENT]."
        ),
        checks=[
            ("share", ["q5", "q3", "q1"], "consistent", "hedged 'nearly': 95.7% is just under 96%"),
        ],
    ),
    dict(
        id="cc-cas-emergency-2025",
        publisher="Ministry of Health of Castrova", title="Emergency department activity", date="2025-02-14",
        text=(
            "Emergency departments in Castrova treated [96,402|COUNT|patients] patients in "
            "[January 2025|DATE] ([+3,118|CHANGE|patients] or [+3.3%|CHANGE] on [January 2024|DATE]). "
            "Patients aged over [65|MEASURE|years] made up [41%|PERCENT] of the total."
        ),
        checks=[
            ("change", ["q4", None, "q1"], "consistent",
             "old value implied by the absolute change, relative change tested", {"abs": "q3"}),
        ],
    ),
    dict(
        id="cc-nor-smoking-2024",
        publisher="Norland Institute of Public Health", title="National Health Survey: tobacco", date="2025-05-06",
        text=(
            "About [12%|PERCENT] of adults in Norland smoke daily, according to the [2024|DATE] "
            "National Health Survey: [1,021|COUNT|respondents] of the [8,806|COUNT|respondents] "
            "adults interviewed said they did. Daily smoking was reported by [15.8%|PERCENT] of men "
            "and [7.6%|PERCENT] of women."
        ),
        checks=[
            ("share", ["q1", "q3", "q4"], "consistent", "hedged 'about': 11.6% is about 12%"),
        ],
    ),
    dict(
        id="cc-nor-hospitals-2024",
        publisher="Ministry of Health of Norland", title="Hospital capacity and occupancy", date="2025-03-28",
        text=(
            "Bed occupancy in Norland's [64|COUNT|hospitals] public hospitals averaged "
            "[81.2%|PERCENT] in [2024|DATE], [2.7 percentage points|CHANGE|pp] higher than in "
            "[2023|DATE], when it was [79.5%|PERCENT]. The hospitals had [18,930|COUNT|beds] beds in "
            "total, [2,140|COUNT|beds] of them in intensive and high-dependency care."
        ),
        checks=[
            ("change", ["q4", "q6", "q2"], "inconsistent",
             "planted: 81.2 - 79.5 = 1.7 percentage points, not 2.7", {"dir": "up"}),
            ("part_whole", ["q8", "q7"], "consistent", "intensive-care beds of all beds"),
        ],
    ),
    dict(
        id="cc-cas-avian-flu-2025",
        publisher="Castrova Veterinary Agency", title="Avian influenza situation update", date="2025-01-20",
        text=(
            "The Castrova Veterinary Agency has reported [37|COUNT|outbreaks] outbreaks of avian "
            "influenza [H5N1|OTHER] on poultry farms in [11|COUNT|provinces] provinces since "
            "[1 October 2024|DATE]. A total of [612,000|COUNT|birds] birds were culled, "
            "[72%|PERCENT] of them laying hens ([440,600|COUNT|birds])."
        ),
        checks=[
            ("share", ["q6", "q7", "q5"], "consistent", "laying hens of birds culled"),
        ],
    ),
    dict(
        id="cc-nor-births-2024",
        publisher=NOR_STATS, title="Births and infant deaths in 2024", date="2025-03-26",
        text=(
            "Norland registered [48,930|COUNT|births] live births in [2024|DATE], [2.9%|CHANGE] fewer "
            "than the [50,110|COUNT|births] of [2023|DATE]. A total of [163|COUNT|infants] infants died "
            "before their [1st|OTHER] birthday, an infant mortality rate of "
            "[3.3|RATE|infant deaths per 1,000 live births] per 1,000 live births."
        ),
        checks=[
            ("change", ["q3", "q4", "q1"], "inconsistent",
             "planted: (48,930 - 50,110) / 50,110 = -2.4%, not -2.9%", {"dir": "down"}),
            ("rate", ["q8", "q6", "q1"], "consistent", "infant deaths per 1,000 live births"),
        ],
    ),
    # ---------------------------------------------------------------- elections and surveys
    dict(
        id="cc-cas-election-results-2024",
        publisher="Central Electoral Commission of Castrova", title="Final results of the parliamentary election",
        date="2024-10-10",
        text=(
            "Final results published by the Central Electoral Commission of Castrova put turnout at "
            "[61.3%|PERCENT], with [2,204,118|COUNT|ballots] valid ballots cast. The Civic Union won "
            "[38.2%|PERCENT] of the vote, the Farmers' Party [27.5%|PERCENT], the Greens "
            "[14.1%|PERCENT], the Liberal Front [11.6%|PERCENT] and all other lists together "
            "[8.6%|PERCENT].\n\n"
            "Of the [150|COUNT|seats] seats in the National Assembly, the Civic Union takes "
            "[62|COUNT|seats], the Farmers' Party [44|COUNT|seats], the Greens [23|COUNT|seats] and "
            "the Liberal Front [21|COUNT|seats]."
        ),
        checks=[
            ("sum", ["q3", "q4", "q5", "q6", "q7", "100%"], "consistent", "vote shares of all lists",
             {"exhaustive": True}),
            ("sum", ["q9", "q10", "q11", "q12", "q8"], "consistent", "seats of the four parties"),
        ],
    ),
    dict(
        id="cc-osm-turnout-2024",
        publisher="Electoral Commission of Osmar", title="Turnout in the parliamentary election", date="2024-10-08",
        text=(
            "Of the [3,418,560|COUNT|voters] registered voters, [1,982,764|COUNT|voters] cast a ballot "
            "in the parliamentary election of [6 October 2024|DATE], a turnout of [58.0%|PERCENT]. "
            "Invalid ballots numbered [41,208|COUNT|ballots]. Voting at polling station No. "
            "[217|OTHER] in Velka was repeated after a complaint. The Democratic Alliance won "
            "[21|COUNT|districts] of the [34|COUNT|districts] single-member districts."
        ),
        checks=[
            ("share", ["q4", "q2", "q1"], "consistent", "turnout"),
            ("part_whole", ["q5", "q2"], "consistent", "invalid ballots of ballots cast"),
            ("part_whole", ["q7", "q8"], "consistent", "districts won of all districts"),
        ],
    ),
    dict(
        id="cc-dorn-mayor-runoff-2024",
        publisher="Dorn City Electoral Office", title="Mayoral run-off result", date="2024-11-18",
        text=(
            "In the mayoral run-off in Dorn on [17 November 2024|DATE], Ilva Merek received "
            "[48,216|COUNT|votes] votes ([53.8%|PERCENT]) and Tomas Raal [41,402|COUNT|votes] "
            "([46.2%|PERCENT]), out of [89,618|COUNT|votes] valid votes. Turnout was [44.9%|PERCENT]."
        ),
        checks=[
            ("share", ["q3", "q2", "q6"], "consistent", "Merek's share"),
            ("share", ["q5", "q4", "q6"], "consistent", "Raal's share"),
            ("sum", ["q2", "q4", "q6"], "consistent", "the two candidates' votes"),
            ("sum", ["q3", "q5", "100%"], "consistent", "two shares of one whole", {"exhaustive": True}),
        ],
    ),
    dict(
        id="cc-cas-trust-survey-2025",
        publisher="Castrova Opinion Institute", title="Trust in institutions survey", date="2025-03-01",
        text=(
            "In a survey of [1,204|COUNT|respondents] adults carried out for the Castrova Opinion "
            "Institute in [February 2025|DATE], [46%|PERCENT] said they trusted the police, "
            "[39%|PERCENT] said they did not and [15%|PERCENT] had no opinion. Among respondents "
            "under [30|MEASURE|years], trust was lower, at [37%|PERCENT]."
        ),
        checks=[
            ("sum", ["q3", "q4", "q5", "100%"], "consistent", "answers to one question", {"exhaustive": True}),
        ],
    ),
    dict(
        id="cc-nor-ombudsman-2024",
        publisher="Ombudsman of Norland", title="Annual report of the Ombudsman", date="2025-03-31",
        text=(
            "The Ombudsman of Norland received [2,315|COUNT|complaints] complaints in [2024|DATE]. "
            "Over [40%|PERCENT] of them ([893|COUNT|complaints]) concerned social benefits, "
            "[412|COUNT|complaints] concerned the police and [264|COUNT|complaints] the prison service."
        ),
        checks=[
            ("share", ["q3", "q4", "q1"], "inconsistent",
             "planted: 893 of 2,315 is 38.6%, which is not 'over 40%'"),
            ("part_whole", ["q5", "q1"], "consistent", "complaints about the police"),
            ("part_whole", ["q6", "q1"], "consistent", "complaints about the prison service"),
        ],
    ),
    # ---------------------------------------------------------------- budgets and finance
    dict(
        id="cc-nor-budget-2025",
        publisher="Ministry of Finance of Norland", title="Draft state budget for 2025", date="2024-10-01",
        text=(
            "The Ministry of Finance of Norland has submitted the draft budget for [2025|DATE] to "
            "parliament. Expenditure is planned at [€18.4 billion|MONEY] and revenue at "
            "[€17.1 billion|MONEY], leaving a deficit of [€1.5 billion|MONEY]. Education receives "
            "[€3.9 billion|MONEY], or [21.2%|PERCENT] of spending, and health care "
            "[€2.8 billion|MONEY] ([15.2%|PERCENT])."
        ),
        checks=[
            ("sum", ["q3", "q4", "q2"], "inconsistent",
             "planted: revenue 17.1 + deficit 1.5 = 18.6 billion, but expenditure is 18.4"),
            ("share", ["q6", "q5", "q2"], "consistent", "education of expenditure"),
            ("share", ["q8", "q7", "q2"], "consistent", "health of expenditure"),
        ],
    ),
    dict(
        id="cc-cas-public-debt-2024",
        publisher="Ministry of Finance of Castrova", title="Public debt at the end of 2024", date="2025-02-28",
        text=(
            "Castrova's public debt stood at [CSD 24.6 billion|MONEY] at the end of [2024|DATE], of "
            "which [CSD 15.9 billion|MONEY] was external and [CSD 8.7 billion|MONEY] domestic. "
            "Against a gross domestic product of [CSD 59.7 billion|MONEY], the debt ratio was "
            "[41.2%|PERCENT], within the [60%|PERCENT] ceiling set by the Fiscal Responsibility Law."
        ),
        checks=[
            ("sum", ["q3", "q4", "q1"], "consistent", "external + domestic debt"),
            ("share", ["q6", "q1", "q5"], "consistent", "debt of GDP"),
        ],
    ),
    dict(
        id="cc-dorn-city-budget-2025",
        publisher="City of Dorn", title="City budget 2025 adopted", date="2024-12-19",
        text=(
            "The City of Dorn's budget for [2025|DATE] totals [€642 million|MONEY] and is divided as "
            "follows: social services [34%|PERCENT], education [28%|PERCENT], transport "
            "[17%|PERCENT], housing [12%|PERCENT] and administration [13%|PERCENT]. Transport "
            "receives [€109 million|MONEY], mostly for the tram extension along Line [4|OTHER]."
        ),
        checks=[
            ("sum", ["q3", "q4", "q5", "q6", "q7", "100%"], "inconsistent",
             "planted: the listed shares of the budget add up to 104%", {"exhaustive": True}),
            ("share", ["q5", "q8", "q2"], "consistent", "transport of the budget"),
        ],
    ),
    dict(
        id="cc-nor-development-fund-2024",
        publisher="Norland Development Fund", title="Small business grants in 2024", date="2025-01-31",
        text=(
            "The Norland Development Fund disbursed [$4.2 million|MONEY] in [312|COUNT|grants] grants "
            "to small businesses in [2024|DATE]: [$2.6 million|MONEY] went to manufacturing firms and "
            "[$1.9 million|MONEY] to service firms. Women-led businesses received [118|COUNT|grants] "
            "of the grants."
        ),
        checks=[
            ("sum", ["q4", "q5", "q1"], "inconsistent",
             "planted: 2.6 + 1.9 = 4.5 million, not the 4.2 million disbursed"),
            ("part_whole", ["q6", "q2"], "consistent", "grants to women-led firms of all grants"),
        ],
    ),
    dict(
        id="cc-cas-tax-revenue-h1-2025",
        publisher="State Revenue Service of Castrova", title="Tax revenue in the first half-year", date="2025-07-15",
        text=(
            "Tax revenue reached [CSD 9.84 billion|MONEY] in "
            "[January–June 2025|DATE|period|\"2025-01/2025-06\"], up [CSD 0.61 billion|CHANGE|CSD], or "
            "[7.1%|CHANGE], on the same period of [2024|DATE]. Value added tax brought in "
            "[CSD 4.12 billion|MONEY] and income tax [CSD 2.37 billion|MONEY]."
        ),
        checks=[
            ("change", ["q4", None, "q1"], "inconsistent",
             "planted: 0.61 billion on an implied 9.23 billion is 6.6%, not 7.1%",
             {"abs": "q3", "dir": "up"}),
            ("part_whole", ["q6", "q1"], "consistent", "VAT of all tax revenue"),
            ("part_whole", ["q7", "q1"], "consistent", "income tax of all tax revenue"),
        ],
    ),
    # ---------------------------------------------------------------- labour market
    dict(
        id="cc-nor-labour-force-q2-2025",
        publisher=NOR_STATS, title="Labour force survey, second quarter", date="2025-08-12",
        text=(
            "Norland's unemployment rate fell to [5.8%|PERCENT] in "
            "[April–June 2025|DATE|period|\"2025-04/2025-06\"] from [6.4%|PERCENT] a year earlier, a "
            "decrease of [0.6 percentage points|CHANGE|pp], the Statistics Office said. The number of "
            "unemployed persons declined by [9,400|CHANGE|persons], or [5.5%|CHANGE], to "
            "[162,300|COUNT|persons], while employment rose by [1.2%|CHANGE] to "
            "[2,634,500|COUNT|persons]."
        ),
        checks=[
            ("change", ["q4", "q3", "q1"], "consistent", "percentage-point fall", {"dir": "down"}),
            ("change", ["q6", None, "q7"], "consistent",
             "old value implied by the absolute fall, relative fall tested", {"abs": "q5", "dir": "down"}),
            ("change", ["q8", None, "q9"], "unverifiable",
             "employment: only the relative change and the new value are stated", {"dir": "up"}),
        ],
    ),
    dict(
        id="cc-nor-wages-2024",
        publisher=NOR_STATS, title="Average wages in 2024", date="2025-03-07",
        text=(
            "The average monthly gross wage in Norland reached [€2,148|MONEY] in [2024|DATE], up "
            "[5.8%|CHANGE] from [€2,031|MONEY] a year before. In the public sector it was "
            "[€2,266|MONEY], in the private sector [€2,097|MONEY]. Wages were highest in finance "
            "and insurance, at [€3,478|MONEY]."
        ),
        checks=[
            ("change", ["q3", "q4", "q1"], "consistent", "relative rise of the average wage", {"dir": "up"}),
        ],
    ),
    dict(
        id="cc-nor-employment-sectors-2024",
        publisher=NOR_STATS, title="Employment by sector", date="2025-04-30",
        text=(
            "Of the [2.63 million|COUNT|people] people in employment in Norland in [2024|DATE], "
            "services employed [71.4%|PERCENT], industry [19.8%|PERCENT], construction "
            "[6.1%|PERCENT] and agriculture [2.6%|PERCENT].\n\n"
            "The number of self-employed was about [214,000|COUNT|people]."
        ),
        checks=[
            ("sum", ["q3", "q4", "q5", "q6", "100%"], "consistent",
             "sector shares of one whole (99.9% by rounding)", {"exhaustive": True}),
            ("part_whole", ["q7", "q1"], "consistent", "self-employed of all employed"),
        ],
    ),
    dict(
        id="cc-cas-vacancies-2025",
        publisher="Employment Agency of Castrova", title="Job vacancies rise", date="2025-04-08",
        text=(
            "The number of registered job vacancies in Castrova rose by [8.8%|CHANGE] from "
            "[23,150|COUNT|vacancies] at the end of [March 2024|DATE] to [25,187|COUNT|vacancies] at "
            "the end of [March 2025|DATE]. The information technology sector alone advertised "
            "[4,930|COUNT|vacancies]."
        ),
        checks=[
            ("change", ["q1", "q2", "q4"], "consistent", "relative rise of vacancies", {"dir": "up"}),
            ("part_whole", ["q6", "q4"], "consistent", "IT vacancies of all vacancies"),
        ],
    ),
    dict(
        id="cc-nor-workplace-accidents-2024",
        publisher="Labour Inspectorate of Norland", title="Workplace accidents in 2024", date="2025-04-28",
        text=(
            "Labour inspectors recorded [5,340|COUNT|accidents] workplace accidents in [2024|DATE], "
            "[27|COUNT|accidents] of them fatal. With [2,218,000|COUNT|workers] insured workers, the "
            "fatal accident rate was [1.2|RATE|fatal accidents per 100,000 workers] per 100,000 "
            "workers. Construction accounted for [11|COUNT|accidents] of the fatal accidents."
        ),
        checks=[
            ("part_whole", ["q3", "q1"], "consistent", "fatal accidents of all accidents"),
            ("rate", ["q5", "q3", "q4"], "consistent", "fatal accidents per 100,000 insured workers"),
            ("part_whole", ["q6", "q3"], "consistent", "construction of fatal accidents"),
        ],
    ),
    # ---------------------------------------------------------------- migration
    dict(
        id="cc-cas-asylum-permits-2024",
        publisher="State Migration Service of Castrova", title="Asylum and residence permits", date="2025-02-18",
        text=(
            "Of the [6,480|COUNT|applicants] people who applied for asylum in Castrova in "
            "[2024|DATE], [1,620|COUNT|applicants] ([25%|PERCENT]) were granted protection and "
            "[3,890|COUNT|applicants] were refused; the remaining claims are still pending, the State "
            "Migration Service said.\n\n"
            "Residence permits issued to foreign workers rose by [12.6%|CHANGE] to "
            "[18,240|COUNT|permits], from [16,420|COUNT|permits] in [2023|DATE]."
        ),
        checks=[
            ("share", ["q4", "q3", "q1"], "consistent", "protection granted of applicants"),
            ("part_whole", ["q5", "q1"], "consistent", "refused of applicants"),
            ("change", ["q6", "q8", "q7"], "inconsistent",
             "planted: (18,240 - 16,420) / 16,420 = 11.1%, not 12.6%", {"dir": "up"}),
        ],
    ),
    dict(
        id="cc-cas-net-migration-2024",
        publisher=CAS_STATS, title="International migration in 2024", date="2025-05-21",
        text=(
            "In [2024|DATE], [24,810|COUNT|people] people moved to Castrova and "
            "[21,660|COUNT|people] left the country, giving net migration of [3,150|COUNT|people]. "
            "Citizens of Norland formed the largest group of new arrivals, with "
            "[6,205|COUNT|people] people or [25.0%|PERCENT]."
        ),
        checks=[
            ("sum", ["q4", "q3", "q2"], "consistent", "net migration + emigrants = immigrants"),
            ("share", ["q6", "q5", "q2"], "consistent", "Norland citizens of arrivals"),
        ],
    ),
    dict(
        id="cc-cas-border-refusals-2024",
        publisher="Border Guard of Castrova", title="Refusals of entry at the Velka checkpoint", date="2025-01-24",
        text=(
            "Border guards registered [1,842,300|COUNT|crossings] crossings at the Velka checkpoint "
            "in [2024|DATE] and refused entry to [2,118|COUNT|people] people, of whom "
            "[1,366|COUNT|people] lacked a valid visa and [497|COUNT|people] carried forged "
            "documents; the remaining [255|COUNT|people] were turned back for other reasons."
        ),
        checks=[
            ("sum", ["q4", "q5", "q6", "q3"], "consistent", "grounds for refusal add up"),
        ],
    ),
    dict(
        id="cc-cas-work-permits-2024",
        publisher="Castrova Labour Migration Office", title="Work permits issued in 2024", date="2025-02-05",
        text=(
            "The Castrova Labour Migration Office issued [27,450|COUNT|permits] work permits in "
            "[2024|DATE], including [9,812|COUNT|permits] to citizens of Norland and "
            "[4,306|COUNT|permits] to citizens of Osmar. Seasonal permits, valid for up to "
            "[9 months|MEASURE], made up [11,070|COUNT|permits] of the total ([40.3%|PERCENT])."
        ),
        checks=[
            ("part_whole", ["q3", "q1"], "consistent", "permits to Norland citizens"),
            ("part_whole", ["q4", "q1"], "consistent", "permits to Osmar citizens"),
            ("share", ["q7", "q6", "q1"], "consistent", "seasonal permits of all permits"),
        ],
    ),
    # ---------------------------------------------------------------- education
    dict(
        id="cc-nor-school-exams-2025",
        publisher="Ministry of Education of Norland", title="School-leaving examination results", date="2025-07-03",
        text=(
            "A total of [48,215|COUNT|pupils] pupils sat the national school-leaving examination in "
            "[June 2025|DATE], and [44,870|COUNT|pupils] of them passed, a pass rate of "
            "[93.1%|PERCENT], up from [91.8%|PERCENT] in [2024|DATE]. The share of candidates "
            "achieving the top grade rose by [1.1 percentage points|CHANGE|pp] to [12.4%|PERCENT], "
            "from [11.3%|PERCENT]."
        ),
        checks=[
            ("share", ["q4", "q3", "q1"], "consistent", "pass rate"),
            ("change", ["q7", "q9", "q8"], "consistent", "percentage-point rise", {"dir": "up"}),
        ],
    ),
    dict(
        id="cc-nor-teachers-2025",
        publisher="Ministry of Education of Norland", title="Teachers and pupils", date="2025-01-13",
        text=(
            "Norland's schools employed [21,560|COUNT|teachers] teachers for "
            "[297,400|COUNT|pupils] pupils in the [2024/25|DATE|school year|\"2024/2025\"] school "
            "year, a ratio of [13.8|RATE|pupils per teacher] pupils per teacher.\n\n"
            "Women make up [78.4%|PERCENT] of the teaching staff ([16,320|COUNT|teachers]), and "
            "[3,905|COUNT|teachers] teachers are over [60|MEASURE|years]."
        ),
        checks=[
            ("rate", ["q4", "q2", "q1"], "consistent", "pupils per teacher"),
            ("share", ["q5", "q6", "q1"], "inconsistent",
             "planted: 16,320 of 21,560 teachers is 75.7%, not 78.4%"),
            ("part_whole", ["q7", "q1"], "consistent", "older teachers of all teachers"),
        ],
    ),
    dict(
        id="cc-nor-universities-2024",
        publisher="Norland Council of Rectors", title="University enrolment", date="2024-11-05",
        text=(
            "More than [62,000|COUNT|students] students enrolled at Norland's "
            "[9|COUNT|universities] public universities in the autumn of [2024|DATE]: "
            "[37,840|COUNT|students] in bachelor's programmes, [19,260|COUNT|students] in master's "
            "programmes and [5,110|COUNT|students] in doctoral studies. Women made up "
            "[58.3%|PERCENT] of the student body."
        ),
        checks=[
            ("sum", ["q4", "q5", "q6", "q1"], "consistent", "hedged 'more than': 62,210 exceeds 62,000"),
        ],
    ),
    dict(
        id="cc-cas-school-meals-2025",
        publisher="Ministry of Education of Castrova", title="Free school meals programme", date="2025-02-10",
        text=(
            "Free school meals reached [184,600|COUNT|pupils] pupils in [1,132|COUNT|schools] schools "
            "in [2024|DATE], up from [171,900|COUNT|pupils] the year before (an increase of "
            "[12,700|CHANGE|pupils], or [7.4%|CHANGE]). The programme cost "
            "[CSD 96.3 million|MONEY], of which the European Food Fund covered "
            "[CSD 38.5 million|MONEY], or [40%|PERCENT]."
        ),
        checks=[
            ("change", ["q5", "q4", "q1"], "consistent", "absolute rise", {"dir": "up"}),
            ("change", ["q6", "q4", "q1"], "consistent", "relative rise", {"dir": "up"}),
            ("share", ["q9", "q8", "q7"], "consistent", "fund's share of the cost"),
        ],
    ),
    # ---------------------------------------------------------------- environment and seizures
    dict(
        id="cc-nor-customs-narcotics-2024",
        publisher="Customs Service of Norland", title="Drug seizures in 2024", date="2025-01-27",
        text=(
            "Customs officers of Norland seized [2 tons and 380 kilograms|MEASURE] of narcotics in "
            "[2024|DATE], [410 kilograms|CHANGE|kg] more than a year earlier. Cannabis made up "
            "[1,905 kilograms|MEASURE] of the total, heroin [312 kilograms|MEASURE] and synthetic "
            "drugs [163 kilograms|MEASURE]."
        ),
        checks=[
            ("sum", ["q4", "q5", "q6", "q1"], "consistent", "compound total 2,380 kg"),
            ("change", ["q3", None, "q1"], "unverifiable", "only the absolute rise and the new total are stated",
             {"dir": "up"}),
        ],
    ),
    dict(
        id="cc-cas-dorn-cocaine-2025",
        publisher="Maritime Police of Castrova", title="Cocaine seizures in the port of Dorn", date="2025-06-02",
        text=(
            "Police in the port of Dorn seized nearly [1.2 tons|MEASURE] of cocaine in [2025|DATE] in "
            "[14|COUNT|operations] operations. The largest single haul, [486 kilograms|MEASURE], was "
            "found on [12 May|DATE] in a container of bananas; the other [13|COUNT|operations] "
            "operations yielded a further [702 kilograms|MEASURE]."
        ),
        checks=[
            ("sum", ["q4", "q7", "q1"], "consistent", "hedged 'nearly': 1,188 kg is nearly 1.2 tons"),
            ("part_whole", ["q6", "q3"], "consistent", "the other operations of all operations"),
        ],
    ),
    dict(
        id="cc-cas-forest-fires-2025",
        publisher="Forestry Agency of Castrova", title="Forest fire season 2025", date="2025-10-06",
        text=(
            "Forest fires burned [12,480 hectares|MEASURE] in Castrova during the [2025|DATE] season, "
            "against [8,915 hectares|MEASURE] in [2024|DATE], an increase of [40%|CHANGE]. Of the area "
            "burned, [9,730 hectares|MEASURE] was forest and [2,750 hectares|MEASURE] farmland. "
            "Firefighters responded to [1,316|COUNT|fires] fires."
        ),
        checks=[
            ("change", ["q5", "q3", "q1"], "consistent", "relative rise of the burned area", {"dir": "up"}),
            ("sum", ["q6", "q7", "q1"], "consistent", "forest + farmland"),
        ],
    ),
    dict(
        id="cc-nor-emissions-2024",
        publisher="Environment Agency of Norland", title="Greenhouse gas inventory", date="2025-04-15",
        text=(
            "Norland's greenhouse gas emissions fell by [4.1%|CHANGE] to "
            "[38.6 million tonnes|MEASURE] of [CO2|OTHER] equivalent in [2024|DATE], from "
            "[40.2 million tonnes|MEASURE] in [2023|DATE], the Environment Agency said. Transport "
            "remained the largest source with [11.3 million tonnes|MEASURE]. The figures will be "
            "presented at [COP31|OTHER]."
        ),
        checks=[
            ("change", ["q1", "q5", "q2"], "consistent",
             "relative fall; 3.98% from the rounded figures, 4.1% within their precision", {"dir": "down"}),
            ("part_whole", ["q7", "q2"], "consistent", "transport of all emissions"),
        ],
    ),
    dict(
        id="cc-cas-municipal-waste-2024",
        publisher="Environment Ministry of Castrova", title="Municipal waste and recycling", date="2025-06-11",
        text=(
            "Households in Castrova produced [1.46 million tonnes|MEASURE] of municipal waste in "
            "[2024|DATE], of which [512,000 tonnes|MEASURE] ([38.1%|PERCENT]) was recycled. Landfill "
            "took [41%|PERCENT] and incineration [21%|PERCENT]."
        ),
        checks=[
            ("share", ["q4", "q3", "q1"], "inconsistent",
             "planted: 512,000 of 1.46 million tonnes is 35.1%, not 38.1%"),
            ("sum", ["q4", "q5", "q6", "100%"], "consistent",
             "the three routes of one whole, 100.1% by rounding", {"exhaustive": True}),
        ],
    ),
    dict(
        id="cc-nor-river-nitrates-2024",
        publisher="Environment Agency of Norland", title="Nitrates in rivers", date="2025-05-14",
        text=(
            "Environmental inspectors took [1,460|COUNT|samples] water samples from "
            "[83|COUNT|rivers] rivers in [2024|DATE]; [219|COUNT|samples] of them ([15.0%|PERCENT]) "
            "exceeded the nitrate limit of [50 mg/l|MEASURE]. A year earlier the share was "
            "[17.4%|PERCENT], so the improvement amounts to [1.9 percentage points|CHANGE|pp]."
        ),
        checks=[
            ("share", ["q5", "q4", "q1"], "consistent", "samples above the limit"),
            ("change", ["q8", "q7", "q5"], "inconsistent",
             "planted: 17.4 - 15.0 = 2.4 percentage points, not 1.9", {"dir": "down"}),
        ],
    ),
    dict(
        id="cc-osm-wildlife-trafficking-2024",
        publisher="Wildlife Protection Inspectorate of Osmar", title="Seizures of protected species", date="2025-03-03",
        text=(
            "Inspectors in Osmar seized [3 tons and 45 kilograms|MEASURE] of protected timber and "
            "[118 kilograms|MEASURE] of ivory in [2024|DATE] in [57|COUNT|operations] operations, "
            "up from [41|COUNT|operations] in [2023|DATE]. The timber seizures were [640 kilograms|CHANGE|kg] "
            "larger than the [2 tons and 405 kilograms|MEASURE] seized a year earlier."
        ),
        checks=[
            ("change", ["q7", "q8", "q1"], "consistent", "absolute rise in timber, compound units", {"dir": "up"}),
        ],
    ),
    dict(
        id="cc-nor-hunting-season-2024",
        publisher="Norland Forestry and Game Agency", title="Hunting season results", date="2025-02-12",
        text=(
            "Hunters in Norland reported [14,260|COUNT|animals] animals taken in the [2024|DATE] "
            "season, of which [8,310|COUNT|animals] roe deer, [3,725|COUNT|animals] wild boar and "
            "[2,225|COUNT|animals] red deer. Wild boar made up [26.1%|PERCENT] of the bag. Rangers "
            "recorded [46|COUNT|offences] poaching offences, [9|CHANGE|offences] more than in "
            "[2023|DATE] ([+24.3%|CHANGE])."
        ),
        checks=[
            ("sum", ["q3", "q4", "q5", "q1"], "consistent", "species add up"),
            ("share", ["q6", "q4", "q1"], "consistent", "wild boar of all animals"),
            ("change", ["q10", None, "q7"], "consistent",
             "old value (37) implied by the absolute rise, relative rise tested", {"abs": "q8"}),
        ],
    ),
]

# --------------------------------------------------------------------------------------------
# Parsing the marked form
# --------------------------------------------------------------------------------------------

KINDS = {"COUNT", "MEASURE", "MONEY", "PERCENT", "RATE", "CHANGE", "DATE", "OTHER"}
MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)(?:\|([^\[\]|]*))?(?:\|([^\[\]|]*))?\]")
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100}
SCALES = {"thousand": 1000, "million": 10**6, "billion": 10**9}
CURRENCIES = {"€": "EUR", "$": "USD", "CSD": "CSD"}
MEASURE_UNITS = {"kilograms": "kg", "kilogram": "kg", "kg": "kg", "tons": "t", "tonnes": "t", "ton": "t",
                 "tonne": "t", "hectares": "ha", "years": "years", "months": "months", "days": "days",
                 "mg/l": "mg/l"}
TO_KG = {"kg": F(1), "t": F(1000)}
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
HEDGES = {"about": "about", "around": "about", "approximately": "about", "roughly": "about",
          "some": "about", "nearly": "nearly", "almost": "nearly", "over": "over", "more than": "over",
          "under": "under", "less than": "under", "up to": "under"}
NUMBER_WORDS_OUTSIDE = re.compile(r"\b(" + "|".join(list(WORDS) + list(SCALES)) + r")\b", re.I)


class GoldError(ValueError):
    """A document's marks, values or checks do not hold."""


def parse_marked(marked: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and quantities (with offsets) of a marked text.

    >>> t, qs = parse_marked("Up [8.8%|CHANGE] to [1,608|COUNT|crimes] in [2024|DATE].")
    >>> t, [(q["id"], q["text"], q["value"], q["unit"]) for q in qs]
    ('Up 8.8% to 1,608 in 2024.', [('q1', '8.8%', 8.8, '%'), ('q2', '1,608', 1608, 'crimes'), ('q3', '2024', 2024, 'year')])
    """
    out: list[str] = []
    quantities: list[dict[str, Any]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        plain = marked[pos:m.start()]
        out.append(plain)
        length += len(plain)
        span, kind, unit, value = m.group(1), m.group(2), m.group(3), m.group(4)
        if kind not in KINDS:
            raise GoldError(f"unknown kind {kind} in {m.group(0)}")
        q: dict[str, Any] = {"id": f"q{len(quantities) + 1}", "start": length, "end": length + len(span),
                             "text": span, "kind": kind}
        if value:
            q["value"], u = json.loads(value), None
        else:
            q["value"], u = derive_value(span, kind)
        q["unit"] = unit if unit else u
        out.append(span)
        length += len(span)
        quantities.append(q)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "[" in text or "]" in text or "|" in text:
        raise GoldError(f"unparsed mark left in text: {text[:80]!r}")
    return text, quantities


def _number(s: str) -> tuple[F, int, int]:
    """(value, decimals, scale) of a number like '2.5 million', '1,905', 'six'."""
    s = s.strip()
    m = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion))?", s)
    if m:
        digits = m.group(1).replace(",", "")
        dec = len(digits.split(".")[1]) if "." in digits else 0
        scale = SCALES.get(m.group(2) or "", 1)
        return F(digits) * scale, dec, scale
    if s.lower() in WORDS:
        return F(WORDS[s.lower()]), 0, 1
    raise GoldError(f"cannot read number {s!r}")


def _plain(x: F) -> int | float:
    return int(x) if x.denominator == 1 else float(x)


def derive_value(span: str, kind: str) -> tuple[Any, str | None]:
    """Value and default unit of a span of the given kind."""
    if kind == "OTHER":
        return span, "identifier"
    if kind == "DATE":
        return parse_date(span)
    return number_of(span)[0], number_of(span)[1]


def number_of(span: str) -> tuple[int | float, str | None]:
    """Plain value and default unit of a number-bearing span (not a date or identifier)."""
    info = read_figure(span)
    return _plain(info["value"]), info["unit"]


def read_figure(span: str) -> dict[str, Any]:
    """Value, unit, decimals, scale and sign of a figure span.

    >>> read_figure("2 tons and 380 kilograms")["value"]
    Fraction(2380, 1)
    >>> r = read_figure("-9.0%"); (r["value"], r["unit"], r["decimals"])
    (Fraction(-9, 1), '%', 1)
    """
    s = span.strip()
    sign = 1
    signed = False
    if s[:1] in "+-−":
        sign = -1 if s[0] in "-−" else 1
        signed = True
        s = s[1:].strip()
    m = re.fullmatch(r"(\d[\d,]*)\s+(tons?|tonnes?)\s+and\s+(\d[\d,]*)\s+(kilograms?)", s)
    if m:
        v = F(m.group(1).replace(",", "")) * 1000 + F(m.group(3).replace(",", ""))
        return dict(value=sign * v, unit="kg", decimals=0, scale=1, signed=signed, base_unit="kg")
    unit = None
    for sym, code in CURRENCIES.items():
        if s.startswith(sym):
            unit = code
            s = s[len(sym):].strip()
            break
    for suffix, u in (("percentage points", "pp"), ("per cent", "%"), ("percent", "%"), ("%", "%")):
        if s.endswith(suffix):
            unit = u
            s = s[: -len(suffix)].strip()
            break
    else:
        parts = s.rsplit(" ", 1)
        if len(parts) == 2 and parts[1] in MEASURE_UNITS:
            unit = MEASURE_UNITS[parts[1]]
            s = parts[0]
    v, dec, scale = _number(s)
    return dict(value=sign * v, unit=unit, decimals=dec, scale=scale, signed=signed, base_unit=unit)


def parse_date(span: str) -> tuple[Any, str]:
    """ISO value and unit of a date span.

    >>> parse_date("14 March 2025"), parse_date("12 May"), parse_date("June 2025"), parse_date("2024")
    (('2025-03-14', 'date'), ('--05-12', 'date'), ('2025-06', 'month'), (2024, 'year'))
    """
    s = span.strip()
    if re.fullmatch(r"\d{4}", s):
        return int(s), "year"
    m = re.fullmatch(r"(\d{1,2}) ([A-Za-z]+)(?: (\d{4}))?", s)
    if m and m.group(2).lower() in MONTHS:
        d, mo = int(m.group(1)), MONTHS[m.group(2).lower()]
        return (f"{m.group(3)}-{mo:02d}-{d:02d}" if m.group(3) else f"--{mo:02d}-{d:02d}"), "date"
    m = re.fullmatch(r"([A-Za-z]+) (\d{4})", s)
    if m and m.group(1).lower() in MONTHS:
        return f"{m.group(2)}-{MONTHS[m.group(1).lower()]:02d}", "month"
    raise GoldError(f"cannot read date {span!r}; give its value in the mark")


# --------------------------------------------------------------------------------------------
# Independent arithmetic: intervals of admitted true values
# --------------------------------------------------------------------------------------------


class Iv:
    """A closed interval [lo, hi] of Fractions, with an optionally open upper end."""

    def __init__(self, lo: F, hi: F, hi_open: bool = False):
        self.lo, self.hi, self.hi_open = F(lo), F(hi), hi_open

    def __add__(self, o: Iv) -> Iv:
        return Iv(self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o: Iv) -> Iv:
        return Iv(self.lo - o.hi, self.hi - o.lo)

    def div(self, o: Iv) -> Iv:
        if o.lo <= 0:
            raise GoldError("division by an interval reaching zero")
        c = [self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi]
        return Iv(min(c), max(c))

    def scale(self, k: F) -> Iv:
        a, b = self.lo * k, self.hi * k
        return Iv(min(a, b), max(a, b))

    def neg(self) -> Iv:
        return Iv(-self.hi, -self.lo)

    def meets(self, o: Iv) -> bool:
        lo = max(self.lo, o.lo)
        if self.hi < o.hi:
            hi, open_ = self.hi, self.hi_open
        elif o.hi < self.hi:
            hi, open_ = o.hi, o.hi_open
        else:
            hi, open_ = self.hi, self.hi_open or o.hi_open
        return lo < hi or (lo == hi and not open_)

    def mid(self) -> F:
        return (self.lo + self.hi) / 2

    def __repr__(self) -> str:
        close = ")" if self.hi_open else "]"
        return f"[{fmt(self.lo)}, {fmt(self.hi)}{close}"


def fmt(x: F, nd: int = 3) -> str:
    """A Fraction as a short decimal: 94.45 -> '94.45', 33379 -> '33,379'."""
    if x.denominator == 1:
        return f"{int(x):,}"
    s = f"{float(x):,.{nd}f}".rstrip("0").rstrip(".")
    return s


def hedge_before(text: str, start: int) -> str | None:
    """The hedge word right before a span, normalised ('about', 'nearly', 'over', 'under')."""
    before = text[:start].lower()
    for word, norm in sorted(HEDGES.items(), key=lambda kv: -len(kv[0])):
        if re.search(r"(^|[^a-z])" + re.escape(word) + r" $", before):
            return norm
    return None


def exact_kind(q: dict[str, Any], info: dict[str, Any]) -> bool:
    """Plain integer counts, money and measures (and absolute changes of them) are exact."""
    if info["decimals"] or info["scale"] != 1:
        return False
    if q["kind"] in ("COUNT", "MONEY", "MEASURE"):
        return True
    return q["kind"] == "CHANGE" and info["unit"] not in ("%", "pp")


def interval_of(q: dict[str, Any], text: str, magnitude: bool = True) -> tuple[Iv, str]:
    """Admitted true values of a stated figure (its magnitude), and how they were admitted."""
    info = read_figure(q["text"])
    v = abs(info["value"]) if magnitude else info["value"]
    if info["base_unit"] == "t" or info["unit"] == "t":
        factor = TO_KG["t"]
    else:
        factor = F(1)
    step = F(1, 10 ** info["decimals"]) * info["scale"]
    if exact_kind(q, info):
        iv, how = Iv(v, v), "exact"
    else:
        iv, how = Iv(v - step / 2, v + step, hi_open=True), f"rounded or truncated at {fmt(step)}"
    h = hedge_before(text, q["start"])
    if h == "about":
        iv, how = Iv(min(iv.lo, v * F(95, 100)), max(iv.hi, v * F(105, 100))), "about: within 5%"
    elif h == "nearly":
        iv, how = Iv(v * F(9, 10), v), "nearly: up to 10% below"
    elif h == "over":
        iv, how = Iv(v, v * F(11, 10)), "over: up to 10% above"
    elif h == "under":
        iv, how = Iv(v * F(9, 10), v, hi_open=True), "under: up to 10% below"
    if factor != 1:
        iv = Iv(iv.lo * factor, iv.hi * factor, iv.hi_open)
    return iv, how


def rate_base(unit: str) -> F:
    """The base of a rate from its unit: 'per 100,000 inhabitants' -> 100000, 'per teacher' -> 1."""
    m = re.search(r"per ([\d,]+)", unit)
    if m:
        return F(m.group(1).replace(",", ""))
    if " per " in unit:
        return F(1)
    raise GoldError(f"rate unit {unit!r} names no base")


def verify(doc: dict[str, Any], check: dict[str, Any], opts: dict[str, Any]) -> tuple[str, F | None, str]:
    """(verdict by arithmetic, expected value, arithmetic) of one check."""
    text = doc["text"]
    qs = {q["id"]: q for q in doc["quantities"]}
    ids = check["quantities"]

    def iv(qid: str) -> Iv:
        return interval_of(qs[qid], text)[0]

    def desc(qid: str) -> str:
        q = qs[qid]
        return f"{q['text']} {interval_of(q, text)[0]!r} ({interval_of(q, text)[1]})"

    kind = check["kind"]
    if kind == "share":
        p, part, whole = ids
        _need(qs, p, "PERCENT")
        comp = iv(part).div(iv(whole)).scale(F(100))
        exp = (abs(read_figure(qs[part]["text"])["value"]) * _kg(qs[part])
               / (abs(read_figure(qs[whole]["text"])["value"]) * _kg(qs[whole])) * 100)
        ok = iv(p).meets(comp)
        return _v(ok), exp, f"{qs[part]['text']} / {qs[whole]['text']} x 100 = {fmt(exp)} (admits {comp!r}); stated {desc(p)}"
    if kind == "rate":
        r, count, pop = ids
        _need(qs, r, "RATE")
        base = rate_base(qs[r]["unit"])
        if pop == "ref:population":
            ref = doc.get("reference") or {}
            popv = [F(ref["population"])] + ([F(ref["population_end"])] if "population_end" in ref else [])
            pop_iv, pop_txt = Iv(min(popv), max(popv)), f"{fmt(popv[0])} (reference)"
            pop_mid = popv[0]
        else:
            pop_iv, pop_txt = iv(pop), qs[pop]["text"]
            pop_mid = abs(read_figure(qs[pop]["text"])["value"])
        comp = iv(count).div(pop_iv).scale(base)
        exp = abs(read_figure(qs[count]["text"])["value"]) / pop_mid * base
        ok = iv(r).meets(comp)
        return _v(ok), exp, f"{qs[count]['text']} / {pop_txt} x {fmt(base)} = {fmt(exp)} (admits {comp!r}); stated {desc(r)}"
    if kind == "part_whole":
        part, whole = ids
        ok = iv(part).lo <= iv(whole).hi
        return _v(ok), None, f"{qs[part]['text']} {'<=' if ok else '>'} {qs[whole]['text']}"
    if kind == "sum":
        *parts, total = ids
        comp = Iv(F(0), F(0))
        for pid in parts:
            comp = comp + iv(pid)
        exp = sum((abs(read_figure(qs[pid]["text"])["value"]) * _kg(qs[pid]) for pid in parts), F(0))
        terms = " + ".join(qs[pid]["text"] for pid in parts)
        if total == "100%":
            for pid in parts:
                _need(qs, pid, "PERCENT")
            ok = comp.lo <= 100 and (comp.hi >= 100 or not opts.get("exhaustive"))
            rule = "must reach 100 and not exceed it" if opts.get("exhaustive") else "must not exceed 100"
            return _v(ok), exp, f"{terms} = {fmt(exp)} (admits {comp!r}); shares of one whole {rule}"
        ok = iv(total).meets(comp)
        return _v(ok), exp, f"{terms} = {fmt(exp)} (admits {comp!r}); stated total {desc(total)}"
    if kind == "change":
        c, old, new = ids
        _need(qs, c, "CHANGE")
        cq = qs[c]
        info = read_figure(cq["text"])
        direction = opts.get("dir") or ("down" if info["value"] < 0 else "up" if info["signed"] else None)
        if direction is None:
            raise GoldError(f"{doc['id']}: change {c} needs a direction")
        mode = "relative" if info["unit"] == "%" else "pp" if info["unit"] == "pp" else "absolute"
        if check["verdict"] == "unverifiable":
            if old is not None or "abs" in opts:
                raise GoldError(f"{doc['id']}: an unverifiable change must lack the old value")
            return "unverifiable", None, f"{mode}, {direction}: {cq['text']} to {qs[new]['text']}; old value not stated"
        if old is None:
            a = opts.get("abs")
            if not a or mode != "relative":
                raise GoldError(f"{doc['id']}: change with old=None needs a relative change and 'abs'")
            abs_iv = iv(a)
            old_iv = iv(new) - abs_iv if direction == "up" else iv(new) + abs_iv
            comp = abs_iv.div(old_iv).scale(F(100))
            nv = abs(read_figure(qs[new]["text"])["value"]) * _kg(qs[new])
            av = abs(read_figure(qs[a]["text"])["value"]) * _kg(qs[a])
            ov = nv - av if direction == "up" else nv + av
            exp = av / ov * 100
            ok = iv(c).meets(comp)
            return (_v(ok), exp,
                    f"relative, {direction}: old implied {qs[new]['text']} {'-' if direction == 'up' else '+'} "
                    f"{qs[a]['text']} = {fmt(ov)}; {qs[a]['text']} / {fmt(ov)} x 100 = {fmt(exp)} "
                    f"(admits {comp!r}); stated {desc(c)}")
        ov = abs(read_figure(qs[old]["text"])["value"]) * _kg(qs[old])
        nv = abs(read_figure(qs[new]["text"])["value"]) * _kg(qs[new])

        def reading(m: str) -> tuple[bool, F, Iv]:
            if m == "relative":
                d = iv(new).div(iv(old)).scale(F(100)) - Iv(F(100), F(100))
                e = (nv - ov) / ov * 100
            else:
                d = iv(new) - iv(old)
                e = nv - ov
            if direction == "down":
                d, e = d.neg(), -e
            return iv(c).meets(d), e, d

        if check["verdict"] == "ambiguous":
            if mode != "relative" or qs[old]["kind"] != "PERCENT":
                raise GoldError(f"{doc['id']}: ambiguity is between percent and percentage points")
            ok_rel, e_rel, d_rel = reading("relative")
            ok_pp, e_pp, d_pp = reading("pp")
            verdict = "ambiguous" if ok_rel != ok_pp else _v(ok_rel)
            return (verdict, None,
                    f"as percentage points: {qs[new]['text']} - {qs[old]['text']} = {fmt(e_pp)} "
                    f"({'fits' if ok_pp else 'does not fit'}); as percent: ({qs[new]['text']} - {qs[old]['text']}) / "
                    f"{qs[old]['text']} x 100 = {fmt(e_rel)} ({'fits' if ok_rel else 'does not fit'}); stated {cq['text']}")
        ok, exp, d = reading("relative" if mode == "relative" else "absolute")
        sym = "(new - old) / old x 100" if mode == "relative" else "new - old"
        return (_v(ok), exp,
                f"{mode}, {direction}: {sym} with old {qs[old]['text']}, new {qs[new]['text']} gives "
                f"{fmt(exp)} (admits {d!r}); stated {desc(c)}")
    raise GoldError(f"unknown check kind {kind}")


def _kg(q: dict[str, Any]) -> F:
    info = read_figure(q["text"])
    return TO_KG["t"] if info["unit"] == "t" else F(1)


def _v(ok: bool) -> str:
    return "consistent" if ok else "inconsistent"


def _need(qs: dict[str, Any], qid: str, kind: str) -> None:
    if qs[qid]["kind"] != kind:
        raise GoldError(f"{qid} ({qs[qid]['text']}) should be {kind}, is {qs[qid]['kind']}")


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------


def build(spec: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The gold-format object of one document and the list of disagreements found."""
    text, quantities = parse_marked(spec["text"])
    problems: list[str] = []
    for q in quantities:
        if text[q["start"]:q["end"]] != q["text"]:
            problems.append(f"offset mismatch {q['id']}")
    # every digit of the text lies inside a span; no number word is left unlabelled
    covered = set()
    for q in quantities:
        covered.update(range(q["start"], q["end"]))
    for m in re.finditer(r"per [\d,]+", text):  # a rate's base belongs to the rate's unit
        covered.update(range(m.start(), m.end()))
    for i, ch in enumerate(text):
        if ch.isdigit() and i not in covered:
            problems.append(f"digit outside a span at {i}: {text[max(0, i - 20):i + 20]!r}")
    for m in NUMBER_WORDS_OUTSIDE.finditer(text):
        if m.start() not in covered:
            problems.append(f"number word outside a span: {text[max(0, m.start() - 20):m.end() + 20]!r}")
    doc: dict[str, Any] = {
        "id": spec["id"],
        "source": {"publisher": spec["publisher"], "title": spec["title"], "date": spec["date"], "url": None},
        "text": text,
    }
    if "reference" in spec:
        doc["reference"] = spec["reference"]
    doc["quantities"] = quantities
    ids = {q["id"] for q in quantities}
    checks = []
    for entry in spec["checks"]:
        kind, qids, verdict, note = entry[:4]
        opts = entry[4] if len(entry) > 4 else {}
        for x in qids:
            if x is not None and x not in ids and x not in ("100%", "ref:population"):
                problems.append(f"{kind} {qids}: unknown id {x}")
        if any(x is not None and x not in ids and x not in ("100%", "ref:population") for x in qids):
            continue
        check: dict[str, Any] = {"kind": kind, "quantities": list(qids), "verdict": verdict}
        try:
            got, exp, arith = verify(doc, check, opts)
        except GoldError as exc:
            problems.append(f"{kind} {qids}: {exc}")
            continue
        if got != verdict:
            problems.append(f"{kind} {qids}: typed {verdict}, arithmetic says {got}: {arith}")
        if exp is not None:
            check["expected"] = round(float(exp), 2)
        check["note"] = f"{note}. {arith}"
        checks.append(check)
    doc["checks"] = checks
    return doc, problems


def build_all(specs: list[dict[str, Any]], *, show: bool = False,
              prepare: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
              check_doc: Callable[[dict[str, Any]], list[str]] | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """Build every document (ids unique); `prepare` rewrites a spec first (may raise GoldError),
    `check_doc` adds a script's own problems for a built document. Problems are printed to
    stderr; nothing should be written when there are any."""
    docs: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for raw in specs:
        if raw["id"] in seen:
            problems.append(f"duplicate id {raw['id']}")
        seen.add(raw["id"])
        try:
            spec = prepare(raw) if prepare else raw
        except GoldError as exc:
            problems.append(str(exc))
            continue
        doc, probs = build(spec)
        docs.append(doc)
        problems.extend(f"{spec['id']}: {p}" for p in probs)
        problems.extend(f"{spec['id']}: {p}" for p in (check_doc(doc) if check_doc else []))
        if show:
            print(f"== {doc['id']}")
            for q in doc["quantities"]:
                h = hedge_before(doc["text"], q["start"])
                print(f"   {q['id']:>4} {q['kind']:<8} {q['text']!r:<32} {q['value']!r} {q['unit']}"
                      + (f"  [hedge: {h}]" if h else ""))
            for c in doc["checks"]:
                print(f"   {c['kind']:<10} {c['quantities']} {c['verdict']}: {c['note']}")
    if problems:
        for p in problems:
            print("ERROR", p, file=sys.stderr)
        print(f"{len(problems)} problem(s); nothing written", file=sys.stderr)
    return docs, problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="gold JSONL to write")
    ap.add_argument("--show", action="store_true", help="print quantities and checks of every document")
    args = ap.parse_args(argv)
    docs, problems = build_all(DOCS, show=args.show)
    if problems:
        return 1
    n_q = sum(len(d["quantities"]) for d in docs)
    n_c = sum(len(d["checks"]) for d in docs)
    n_bad = sum(c["verdict"] == "inconsistent" for d in docs for c in d["checks"])
    n_bad_docs = sum(any(c["verdict"] == "inconsistent" for c in d["checks"]) for d in docs)
    summary = (f"{len(docs)} documents, {n_q} quantities, {n_c} checks, {n_bad} inconsistent "
               f"in {n_bad_docs} documents")
    return write_gold(docs, args.out, summary)


def write_gold(docs: list[dict[str, Any]], out: Path | None, summary: str) -> int:
    """Write the gold file (one JSON document a line) to `out`, or only print the summary."""
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        print(f"wrote {out}: {summary}")
    else:
        print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
