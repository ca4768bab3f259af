"""A literal table of sentences per check kind: the relation found and the verdict it gets.

All sentences are ours. Figures are marked inline ([text|KIND]) so the table reads as text.
"""

from __future__ import annotations

import pytest

from numcheck.inference.linking import link_and_check
from numcheck.schema import Reference
from tests.conftest import marked_document

C, I, A, U = "consistent", "inconsistent", "ambiguous", "unverifiable"


def _both(source: str, right: str, wrong: str, kind: str, quantities: list[str]) -> list[tuple[str, str, list[str], str]]:
    """Two rows of the table: `source` with the right figure (consistent) and with a wrong one."""
    return [(source.format(right), kind, quantities, C), (source.format(wrong), kind, quantities, I)]

TABLE = [
    # share
    ("Police logged [12,480|COUNT] offences; [62.5%|PERCENT] or [7,800|COUNT] of them were thefts.",
     "share", ["q2", "q3", "q1"], C),
    ("Police logged [12,480|COUNT] offences; [65.5%|PERCENT] or [7,800|COUNT] of them were thefts.",
     "share", ["q2", "q3", "q1"], I),
    ("Of [4,000|COUNT] applications, [1,000|COUNT] ([25%|PERCENT]) were refused.", "share", ["q3", "q2", "q1"], C),
    ("Of [4,000|COUNT] applications, [1,100|COUNT] ([25%|PERCENT]) were refused.", "share", ["q3", "q2", "q1"], I),
    ("The agency received [900|COUNT] complaints, and [300|COUNT] were upheld. The uphold rate was [33.3%|PERCENT].",
     "share", ["q3", "q2", "q1"], C),
    # part_whole
    ("The court heard [1,250|COUNT] cases, including [830|COUNT] appeals.", "part_whole", ["q2", "q1"], C),
    ("The court heard [1,250|COUNT] cases, including [1,830|COUNT] appeals.", "part_whole", ["q2", "q1"], I),
    ("Inspectors visited [412|COUNT] farms, of which [97|COUNT] were fined.", "part_whole", ["q2", "q1"], C),
    # parts named as parts of an earlier whole
    ("There were [412|COUNT|judges] judges in office, [231|COUNT] of them women.", "part_whole", ["q2", "q1"], C),
    ("Road deaths fell to [187|COUNT|deaths] in [2024|DATE]. Pedestrians accounted for [252|COUNT] of the deaths.",
     "part_whole", ["q3", "q1"], I),
    ("Out of [6,940|COUNT] sentenced prisoners, [1,310|COUNT] worked in workshops.", "part_whole", ["q2", "q1"], C),
    # each clause's count after an opening whole; each item of an "including" list
    ("Of the [6,480|COUNT] applicants, [1,620|COUNT] were granted protection and [5,890|COUNT] were refused.",
     "part_whole", ["q3", "q1"], C),
    ("The office issued [27,450|COUNT] permits, including [9,812|COUNT] to citizens of A and [28,306|COUNT] to "
     "citizens of B.", "part_whole", ["q3", "q1"], I),
    # the noun of "of the deaths and ..." is the first word
    ("Road deaths fell to [187|COUNT|deaths]. Pedestrians accounted for [52|COUNT] of the deaths and "
     "motorcyclists for [31|COUNT].", "part_whole", ["q2", "q1"], C),
    # "people died" are the deaths a later part is "of"; "were injured" are not
    ("There were [1,846|COUNT] crashes, in which [212|COUNT|people] people died and [2,390|COUNT] were injured. "
     "On Route 6, [238|COUNT] of the deaths occurred.", "part_whole", ["q4", "q2"], I),
    # "alone" makes a figure part of the total the sentence before ends on
    ("Job vacancies rose by [8.8%|CHANGE] from [23,150|COUNT] to [25,187|COUNT]. The IT sector alone advertised "
     "[4,930|COUNT].", "part_whole", ["q4", "q3"], C),
    ("Job vacancies rose by [8.8%|CHANGE] from [23,150|COUNT] to [25,187|COUNT|vacancies]. The IT sector alone "
     "advertised [34,930|COUNT|vacancies] vacancies.", "part_whole", ["q4", "q3"], I),
    # the clauses after a share's bracketed part name more parts of its whole
    *_both("The office received [2,315|COUNT] complaints. Over [40%|PERCENT] of them ([993|COUNT]) concerned "
           "benefits, [412|COUNT] concerned the police and [{}|COUNT] the prisons.", "264", "2,364",
           "part_whole", ["q5", "q1"]),
    # the old value after a cue for the year before, the new one in the sentence before it
    *_both("Inspectors tested [1,460|COUNT] samples in [2024|DATE]; [219|COUNT] of them ([15.0%|PERCENT]) failed. "
           "A year earlier the share was [17.4%|PERCENT], so it improved by [{} percentage points|CHANGE|pp].",
           "2.4", "1.9", "change", ["q6", "q5", "q4"]),
    # a date inside the opening whole's clause is no figure of the list
    ("Of the [6,480|COUNT] people who applied in [2024|DATE], [1,620|COUNT] were granted protection and "
     "[3,890|COUNT] were refused.", "part_whole", ["q4", "q1"], C),
    # and the parts that follow with the verb and the whole left out
    ("Road deaths fell to [187|COUNT|deaths]. Pedestrians accounted for [52|COUNT] of the deaths and "
     "motorcyclists for [31|COUNT].", "part_whole", ["q3", "q1"], C),
    ("Road deaths fell to [187|COUNT|deaths]. Pedestrians accounted for [52|COUNT] of the deaths, cyclists "
     "for [18|COUNT] and motorcyclists for [231|COUNT].", "part_whole", ["q4", "q1"], I),
    ("The clinic registered [1,372|COUNT|cases] new cases in [2024|DATE]. Of the new cases, [118|COUNT] were resistant.",
     "part_whole", ["q3", "q1"], C),
    # sum
    ("Some [950|COUNT] migrants were returned by air ([610|COUNT]) and by sea ([340|COUNT]).",
     "sum", ["q2", "q3", "q1"], C),
    ("Some [950|COUNT] migrants were returned by air ([610|COUNT]) and by sea ([360|COUNT]).",
     "sum", ["q2", "q3", "q1"], I),
    ("Of the [2,000|COUNT] pupils, [55%|PERCENT] ([1,100|COUNT]) passed and [45%|PERCENT] ([900|COUNT]) failed.",
     "sum", ["q2", "q4", "100%"], C),
    ("Of the [2,000|COUNT] pupils, [65%|PERCENT] ([1,300|COUNT]) passed and [45%|PERCENT] ([900|COUNT]) failed.",
     "sum", ["q2", "q4", "100%"], I),
    # a year-like number that counts things is still a count (the extractor may call it a DATE)
    ("In [May 2022|DATE], [2024|DATE] offences were registered, of which [1,010|COUNT] were solved. "
     "The solving index is [49.9%|PERCENT].", "share", ["q4", "q3", "q2"], C),
    # listed figures
    ("The council spent [€90 million|MONEY] in all. Of the total, [€50 million|MONEY] went to schools, "
     "[€25 million|MONEY] to roads and [€15 million|MONEY] to other services.", "sum", ["q2", "q3", "q4", "q1"], C),
    ("The council spent [€90 million|MONEY] in all. Of the total, [€50 million|MONEY] went to schools, "
     "[€25 million|MONEY] to roads and [€25 million|MONEY] to other services.", "sum", ["q2", "q3", "q4", "q1"], I),
    ("The Blue Party won [48.2%|PERCENT], the Red Party [39.1%|PERCENT] and others [15.0%|PERCENT] of the votes cast.",
     "sum", ["q1", "q2", "q3", "100%"], I),
    # change
    ("Applications rose from [3,200|COUNT] to [3,520|COUNT], by [320|CHANGE].", "change", ["q3", "q1", "q2"], C),
    ("Arrests reached [5,150|COUNT] compared with [5,000|COUNT] a year earlier, an increase of [4.0%|CHANGE].",
     "change", ["q3", "q2", "q1"], I),
    ("Burglaries fell by [12.5%|CHANGE], from [1,600|COUNT] in [2023|DATE] to [1,400|COUNT] in [2024|DATE].",
     "change", ["q1", "q2", "q4"], C),
    ("Burglaries fell by [14.5%|CHANGE], from [1,600|COUNT] in [2023|DATE] to [1,400|COUNT] in [2024|DATE].",
     "change", ["q1", "q2", "q4"], I),
    ("Burglaries rose by [12.5%|CHANGE], from [1,600|COUNT] in [2023|DATE] to [1,400|COUNT] in [2024|DATE].",
     "change", ["q1", "q2", "q4"], I),  # the figures fell
    ("Road deaths reached [312|COUNT] ([+12|CHANGE] or [+4.0%|CHANGE] on a year earlier).",
     "change", ["q3", None, "q1"], C),
    ("Road deaths reached [312|COUNT] ([+12|CHANGE] or [+9.0%|CHANGE] on a year earlier).",
     "change", ["q3", None, "q1"], I),
    ("The clearance rate rose by [2%|CHANGE] to [61.2%|PERCENT].", "change", ["q1", None, "q2"], A),
    ("Seizures were [80 kilograms|CHANGE|kg] higher—[1 ton and 20 kilograms|MEASURE|kg] in total.",
     "change", ["q1", None, "q2"], U),
    ("Arrests [doubled|CHANGE] from [150|COUNT] to [300|COUNT].", "change", ["q1", "q2", "q3"], C),
    ("Turnout rose by [3.1 percentage points|CHANGE|pp], from [58.2%|PERCENT] to [61.3%|PERCENT].",
     "change", ["q1", "q2", "q3"], C),
    # "fewer than the 41,000" compares two figures; it does not hedge the second
    ("Hospitals recorded [40,000|COUNT] admissions in [2024|DATE], [2.4%|CHANGE] fewer than the [41,000|COUNT] of "
     "[2023|DATE].", "change", ["q3", "q4", "q1"], C),
    # the old value after the new: "rose by X% to NEW, from OLD in 2023"
    ("Work permits rose by [12.5%|CHANGE] to [9,000|COUNT], from [8,000|COUNT] in [2023|DATE].",
     "change", ["q1", "q3", "q2"], C),
    ("The pass rate went up by [4.0 percentage points|CHANGE|pp] to [71.2%|PERCENT] in [2024|DATE], from "
     "[68.2%|PERCENT].", "change", ["q1", "q4", "q2"], I),
    # "by ABS, or PCT, to NEW": the percent is tested, the count implies the old value
    ("Unemployment declined by [9,000|CHANGE], or [5.0%|CHANGE], to [171,000|COUNT].", "change", ["q2", None, "q3"], C),
    # the new value first: "reached NEW, up ABS, or PCT, on the same period"
    ("Revenue reached [€9.84 billion|MONEY] in the first half, up [€0.61 billion|CHANGE], or [6.6%|CHANGE], on "
     "the same period of [2024|DATE].", "change", ["q3", None, "q1"], C),
    ("Rangers recorded [46|COUNT] poaching offences, [9|CHANGE] more than in [2023|DATE] ([+24.3%|CHANGE]).",
     "change", ["q4", None, "q1"], C),
    # "NEW ..., up from OLD (an increase of ABS, or PCT)": not the count in between
    ("Free meals reached [184,600|COUNT] pupils in [1,132|COUNT] schools, up from [171,900|COUNT] the year before "
     "(an increase of [12,700|CHANGE], or [7.4%|CHANGE]).", "change", ["q5", "q3", "q1"], C),
    # "larger than the OLD seized a year earlier", the new value in the sentence before
    ("Officers seized [3 tons and 45 kilograms|MEASURE|kg] of timber. The seizures were [640 kilograms|CHANGE|kg] "
     "larger than the [2 tons and 405 kilograms|MEASURE|kg] seized a year earlier.", "change", ["q2", "q3", "q1"], C),
    # a fold reduction is the old value over the new
    ("Cases fell in a [thirty-three-fold|CHANGE] reduction, from [6.40|RATE] to [0.19|RATE] per 1,000 residents.",
     "change", ["q1", "q2", "q3"], C),
    # a bracketed change right after its pair; a pair taken once
    ("Comprehensive policies rose from [33%|PERCENT] to [88%|PERCENT] (a [167%|CHANGE] increase) and flexible "
     "breaks from [93%|PERCENT] to [97%|PERCENT] ([4%|CHANGE]).", "change", ["q3", "q1", "q2"], A),
    ("Seat belt use increased [46%|CHANGE] (from [13%|PERCENT] to [19%|PERCENT]) and crashes decreased "
     "[29%|CHANGE].", "change", ["q1", "q2", "q3"], A),  # 46% of 13% or 46 points: the relative reading fits
    # a sign for the words: ">30%" is "more than 30%"
    ("The preterm birth rate increased >[30%|CHANGE], from [9.4%|PERCENT] to [12.8%|PERCENT].",
     "change", ["q1", "q2", "q3"], A),
    # "approximately 600%": a round figure, loosely stated
    ("Sales increased approximately [600%|CHANGE] from [2.2 million|COUNT] to [16.2 million|COUNT] units.",
     "change", ["q1", "q2", "q3"], C),
    # breakdowns: after a colon, with the total after the parts, "of which", "Of the N ..."
    ("District courts received [128,450|COUNT] cases in [2024|DATE]: [71,300|COUNT] civil, [39,870|COUNT] criminal "
     "and [17,280|COUNT] administrative.", "sum", ["q3", "q4", "q5", "q1"], C),
    ("District courts received [128,450|COUNT] cases in [2024|DATE]: [71,300|COUNT] civil, [39,870|COUNT] criminal "
     "and [18,280|COUNT] administrative.", "sum", ["q3", "q4", "q5", "q1"], I),
    ("The minors were [1,388|COUNT] boys and [327|COUNT] girls, [1,715|COUNT] in total.", "sum", ["q1", "q2", "q3"], C),
    ("The minors were [1,400|COUNT] boys and [327|COUNT] girls, [1,715|COUNT] in total.", "sum", ["q1", "q2", "q3"], I),
    ("Ana Brel received [48,216|COUNT] votes ([53.8%|PERCENT]) and Ivo Tan [41,402|COUNT] ([46.2%|PERCENT]), out of "
     "[89,618|COUNT] valid votes.", "sum", ["q1", "q3", "q5"], C),
    ("Hunters took [14,260|COUNT] animals, of which [8,310|COUNT] roe deer, [3,725|COUNT] wild boar and "
     "[2,225|COUNT] red deer.", "sum", ["q2", "q3", "q4", "q1"], C),
    ("Of the [4,877|COUNT] accidents recorded in [2024|DATE], [3,206|COUNT] occurred in towns and [1,681|COUNT] "
     "outside them.", "sum", ["q3", "q4", "q1"], I),
    ("The Civic Union won [38.2%|PERCENT] of the vote, the Farmers' Party [27.5%|PERCENT], the Greens [24.1%|PERCENT] "
     "and all other lists together [10.2%|PERCENT].", "sum", ["q1", "q2", "q3", "q4", "100%"], C),
    ("The city budget is divided as follows: social services [34%|PERCENT], education [28%|PERCENT], transport "
     "[17%|PERCENT], housing [12%|PERCENT] and administration [13%|PERCENT].",
     "sum", ["q1", "q2", "q3", "q4", "q5", "100%"], I),
    # the parts in one bracket, named by the words of the total
    ("Police registered [6,318|COUNT] serious and especially serious crimes in [2024|DATE] ([2,904|COUNT] serious "
     "and [3,414|COUNT] especially serious).", "sum", ["q3", "q4", "q1"], C),
    # "; the remaining N" closes a breakdown
    ("The prisons held [9,742|COUNT] inmates. Remand prisoners numbered [2,915|COUNT]; the remaining "
     "[6,827|COUNT] were serving sentences.", "sum", ["q2", "q3", "q1"], C),
    ("[19|COUNT] people died in custody. [11|COUNT] deaths were from natural causes and [6|COUNT] were suicides; "
     "[3|COUNT] remain under investigation.", "sum", ["q2", "q3", "q4", "q1"], I),
    # balances: the smaller and the balance add up to the larger
    ("Expenditure is planned at [€18.4 billion|MONEY] and revenue at [€17.1 billion|MONEY], leaving a deficit of "
     "[€1.5 billion|MONEY].", "sum", ["q2", "q3", "q1"], I),
    ("In [2024|DATE], [24,810|COUNT] people moved to the country and [21,660|COUNT] left, giving net migration of "
     "[3,150|COUNT].", "sum", ["q3", "q4", "q2"], C),
    # the whole first, then categories each named before its share
    ("Of the [2.63 million|COUNT] people in employment, services employed [71.4%|PERCENT], industry "
     "[19.8%|PERCENT], construction [6.1%|PERCENT] and agriculture [2.6%|PERCENT].",
     "sum", ["q2", "q3", "q4", "q5", "100%"], C),
    # a list of shares whose last item names the common base, after a turnout share
    ("Voters numbered [1,200,000|COUNT]. Turnout reached [61.0%|PERCENT], or [732,000|COUNT], of the voters. "
     "The Blue Party received [40.2%|PERCENT], the Red Party received [35.3%|PERCENT] and the Greens received "
     "[27.5%|PERCENT] of the valid votes.", "sum", ["q4", "q5", "q6", "100%"], I),
    # "people died" are counted, "a resident population of" is the population
    ("In these fires [96|COUNT|people] people died and [1,410|COUNT|people] were hurt. With a resident population "
     "of [2,400,000|COUNT|residents], this is a fire death rate of [4.4|RATE|per 100,000 residents] per 100,000 residents.",
     "rate", ["q4", "q1", "q3"], I),
    # a population stated to the unit: the count that gives the rate, not the nearest plausible one
    ("In these crashes [510|COUNT|people] people died and [1,900|COUNT|people] were injured. With a population of "
     "[2,250,000|COUNT|residents], the road death rate was [22.7|RATE|per 100,000 residents] per 100,000 residents.",
     "rate", ["q4", "q1", "q3"], C),
    # the base of a rate counts something stated in the text
    ("Norland registered [48,000|COUNT|births] live births in [2024|DATE]. A total of [160|COUNT|infants] infants "
     "died before their first birthday, an infant mortality rate of [3.3|RATE|per 1,000 live births] per 1,000 live "
     "births.", "rate", ["q4", "q3", "q1"], C),
    ("Inspectors recorded [5,340|COUNT|accidents] accidents, [27|COUNT|accidents] of them fatal. With "
     "[2,000,000|COUNT|workers] insured workers, the fatal accident rate was [1.4|RATE|per 100,000 workers] per "
     "100,000 workers.", "rate", ["q4", "q2", "q3"], C),
    ("Schools employed [21,560|COUNT|teachers] teachers for [297,400|COUNT|pupils] pupils, a ratio of "
     "[13.8|RATE|pupils per teacher] pupils per teacher.", "rate", ["q3", "q2", "q1"], C),
    # the count in the paragraph before, not a later figure that happens to be plausible
    ("Prisons held [7,215|COUNT|prisoners] prisoners.\n\nWith a population of [3,380,000|COUNT|residents], the "
     "imprisonment rate was [213|RATE|per 100,000 residents] per 100,000 residents. Capacity is "
     "[8,050|COUNT|places] places.", "rate", ["q3", "q1", "q2"], C),
    # the list's total is the recorded total, not the part of the share before it ...
    ("Inspectors logged [18,000|COUNT|complaints] complaints in [2024|DATE]. They upheld [60.0%|PERCENT], or "
     "[10,800|COUNT|complaints], of the complaints logged. Of the logged complaints, [8,000|COUNT|complaints] concerned "
     "noise, [6,000|COUNT|complaints] concerned waste and [4,100|COUNT|complaints] other matters.",
     "sum", ["q5", "q6", "q7", "q1"], I),
    # ... unless "those" points at that part
    ("Inspectors logged [18,000|COUNT|complaints] complaints in [2024|DATE]. They upheld [60.0%|PERCENT], or "
     "[10,800|COUNT|complaints], of the complaints logged. Of those upheld, [5,000|COUNT|complaints] concerned "
     "noise, [3,000|COUNT|complaints] concerned waste and [2,900|COUNT|complaints] other matters.",
     "sum", ["q5", "q6", "q7", "q4"], I),
    # the whole of a share is the figure its noun names ("of the crashes recorded")
    ("Over the year, [9,800|COUNT|crashes] crashes were recorded. In these crashes [300|COUNT|people] people died and "
     "[12,100|COUNT|people] were hurt. Speeding caused [25.0%|PERCENT], or [2,500|COUNT|crashes], of the crashes recorded.",
     "share", ["q4", "q5", "q1"], I),
    # a comparison value is the whole only when the current figure is not
    ("[8,010|COUNT|fires] fires were reported compared with [8,000|COUNT|fires] in [2023|DATE], an increase of "
     "[0.1%|CHANGE]. Arson caused [12.5%|PERCENT], or [1,000|COUNT|fires], of the fires.", "share", ["q5", "q6", "q1"], C),
    # "of the total": the total of the part's own noun, not the nearest bigger figure
    ("In [2024|DATE], [1,846|COUNT|accidents] road accidents were registered, in which [212|COUNT|people] people "
     "died and [2,390|COUNT|people] were injured. Speeding caused [731|COUNT|accidents] accidents, or "
     "[41.6%|PERCENT] of the total.", "share", ["q6", "q5", "q2"], I),
    # "out of N" after both shares names their whole
    ("Ana Brel received [48,216|COUNT] votes ([53.8%|PERCENT]) and Ivo Tan [41,402|COUNT] ([46.2%|PERCENT]), out of "
     "[89,618|COUNT] valid votes.", "share", ["q4", "q3", "q5"], C),
    # the part in brackets after the noun of the whole
    ("Schools employed [21,560|COUNT|teachers] teachers for [297,400|COUNT|pupils] pupils. Women make up "
     "[78.4%|PERCENT] of the teaching staff ([16,320|COUNT|teachers]).", "share", ["q3", "q4", "q1"], I),
    # the sentence opens with the whole and closes with the share
    ("Of the [3,418,560|COUNT|voters] registered voters, [1,982,764|COUNT|voters] cast a ballot, a turnout of "
     "[58.0%|PERCENT].", "share", ["q3", "q2", "q1"], C),
    # the subject is the part's own noun
    ("Hunters took [14,260|COUNT|animals] animals, of which [8,310|COUNT|animals] roe deer and "
     "[5,950|COUNT|animals] wild boar. Wild boar made up [41.7%|PERCENT] of the bag.", "share", ["q4", "q3", "q1"], C),
    # the share's subject labels its part
    ("The city will spend [€400 million|MONEY] next year. The main items are [€150 million|MONEY] for schools, "
     "[€130 million|MONEY] for transport and [€120 million|MONEY] for housing. Schools thus account for "
     "[40.0 percent|PERCENT] of all spending.", "share", ["q5", "q2", "q1"], I),
    ("Clinics confirmed [5,000|COUNT] cases. By age group, the cases included [1,200|COUNT] infants, "
     "[2,300|COUNT] adults and [1,600|COUNT] older people.", "sum", ["q2", "q3", "q4", "q1"], I),
    # ages qualify the items, they are none themselves
    ("Clinics confirmed [5,000|COUNT] cases. By age group, the cases included [1,200|COUNT] children under "
     "[five|COUNT], [2,300|COUNT] adults aged [18|MEASURE]–[64|MEASURE] and [1,500|COUNT] people over [65|MEASURE].",
     "sum", ["q2", "q4", "q7", "q1"], C),
]


@pytest.mark.parametrize("source,kind,quantities,verdict", TABLE)
def test_literal_sentences(source, kind, quantities, verdict):
    doc, qs = marked_document(source)
    result = link_and_check(doc, qs)
    found = {(c.kind.value, tuple(c.quantities)): c for c in result.checks}
    key = (kind, tuple(quantities))
    assert key in found, f"no {kind} check over {quantities}; got {sorted(found)}"
    check = found[key]
    assert check.verdict.value == verdict, check.explanation
    assert check.explanation, "every verdict carries its arithmetic in words"


def test_rate_against_reference_population():
    doc, qs = marked_document(
        "Police registered [8,250|COUNT] crimes in [2024|DATE], or [165|RATE|crimes per 100,000 inhabitants] "
        "per 100,000 inhabitants.",
        reference=Reference(population=5_000_000, population_end=5_020_000),
    )
    result = link_and_check(doc, qs)
    (check,) = [c for c in result.checks if c.kind.value == "rate"]
    assert check.quantities == ["q3", "q1", "ref:population"]
    assert check.verdict.value == "consistent"
    assert "population" in check.explanation and "5,000,000" in check.explanation
    assert any("population" in d.explanation for d in result.derived)


def test_rate_flagged_when_population_disagrees():
    doc, qs = marked_document(
        "Police registered [8,250|COUNT] crimes, or [195|RATE|crimes per 100,000 inhabitants] per 100,000 inhabitants.",
    )
    result = link_and_check(doc, qs, population=5_000_000)
    (check,) = [c for c in result.checks if c.kind.value == "rate"]
    assert check.verdict.value == "inconsistent"


def test_rate_uses_bundled_world_bank_table():
    doc, qs = marked_document(
        "Azerbaijan's police registered [33,000|COUNT] crimes in [2024|DATE]; the rate per 100,000 inhabitants was "
        "[323|RATE|crimes per 100,000 inhabitants]."
    )
    result = link_and_check(doc, qs)
    (check,) = [c for c in result.checks if c.kind.value == "rate"]
    assert "World Bank" in check.explanation
    assert check.verdict.value == "consistent", check.explanation


def test_solve_rates_of_different_bases_raise_no_sum():
    doc, qs = marked_document(
        "[71.2%|PERCENT] of burglaries, [64%|PERCENT] of robberies, [93.5%|PERCENT] of assaults and "
        "[88.1%|PERCENT] of frauds were solved."
    )
    result = link_and_check(doc, qs)
    assert not [c for c in result.checks if c.kind.value == "sum"]


_FAR_SHARE = (
    "Police recorded [41,200|COUNT|cases] cases in [2024|DATE], down from [43,000|COUNT|cases] the year before.\n\n"
    "The minister thanked the officers.\n\nPatrols were increased in the summer.\n\nNew stations opened.\n\n"
    "Burglaries, which made up [{pct} per cent|PERCENT] of all recorded cases, rose by [2 per cent|CHANGE] to "
    "[10,300|COUNT|cases]."
)


def test_a_share_of_all_cases_finds_its_far_whole_only_when_they_agree():
    # "which made up 25 per cent of all recorded cases ... to 10,300": part later in the
    # sentence, whole the latest total of that noun that is no comparison value, paragraphs back
    doc, qs = marked_document(_FAR_SHARE.format(pct=25))
    shares = [c for c in link_and_check(doc, qs).checks if c.kind.value == "share"]
    assert [(c.quantities, c.verdict.value) for c in shares] == [(["q4", "q6", "q1"], "consistent")]
    # so far from its share the whole is a guess: one that disagrees is no finding
    doc, qs = marked_document(_FAR_SHARE.format(pct=35))
    assert not [c for c in link_and_check(doc, qs).checks if c.kind.value == "share"]


# Scientific and survey prose: what is no share and no sum (each of these was a false alarm)
NOT_LINKED = [
    # a confidence level is no share of anything
    "Of [400|COUNT] patients, [212|COUNT] ([53.0%|PERCENT]; [95%|PERCENT] CI, [48.1%|PERCENT]–[57.9%|PERCENT]) improved.",
    # ages and spans of time are no parts or wholes
    "The trial followed [120|COUNT] patients for [2 years|MEASURE|years]; [18.5%|PERCENT] relapsed within "
    "[6 months|MEASURE|months].",
    # a rate next to two counts that do not give it is no finding
    "Surveys were sent to [5,000|COUNT] households and [2,100|COUNT] were returned. The response rate was [45%|PERCENT].",
    # a percent beside a count, with no whole named: the nearest bigger figure is a guess
    "Researchers enrolled [300|COUNT] adults. [40|COUNT] ([25%|PERCENT]) smokers reported daily use.",
    # percents of different bases add up to nothing
    "In the sample, [63%|PERCENT] were female, [61%|PERCENT] were White and [27%|PERCENT] were Black.",
    "The test had a sensitivity of [80.0%|PERCENT] and a specificity of [98.9%|PERCENT].",
    "Use was [56.9%|PERCENT] among Asian students, [48.8%|PERCENT] among Black students and [45.9%|PERCENT] among "
    "Hispanic students.",
    "Of the [316|COUNT] worksites, [38%|PERCENT] were small, [77%|PERCENT] were rural and [38%|PERCENT] were new.",
    # two outbreaks side by side are no breakdown of the first
    "Two outbreaks were reported: one, in the north, comprised [318|COUNT] cases and [280|COUNT] deaths, and the "
    "other comprised [284|COUNT] cases and [151|COUNT] deaths.",
    # thresholds are bounds, values counted through are no parts
    "Targets are: <[100|MEASURE|mg/dL] mg/dL for high risk, <[130|MEASURE|mg/dL] mg/dL for others and "
    "<[200|MEASURE|mg/dL] mg/dL overall.",
    "We grouped patients into [6|COUNT] categories: having [0|COUNT], [1|COUNT], [2|COUNT], [3|COUNT] or "
    "[4|COUNT] conditions.",
    # shares whose counts overlap are no partition: "86 (86%) owned animals, and 45 (45%) fell ill"
    "Among the [100|COUNT] persons with brucellosis, [86|COUNT] ([86%|PERCENT]) owned farm animals, and "
    "[45|COUNT] ([45%|PERCENT]) became ill in spring.",
    # bracketed values that are no breakdown of the figure before them
    "The outbreak affected [1,368|COUNT] residents (with [31|COUNT] hospitalizations and [12|COUNT] deaths).",
    "Intensity was highest at ages 18-24 ([8.9|COUNT] and [8.2|COUNT] drinks, respectively) among [34|COUNT] states.",
    "The definitions used [four|COUNT|sites] interproximal sites, and not all [six|COUNT] of the sites were measured.",
    # list markers and references are no counts
    "[Two|COUNT] components are needed: ([1|COUNT]) a culture system and ([2|COUNT]) a staining method.",
    "The [3|COUNT] studies with men only ([29,31,32|COUNT]) had a larger effect.",
    # "other" inside an item's label is no "and N other ..."
    "Figures exclude [370|COUNT] students. They also exclude [48|COUNT] students who answered \u201cother grade\u201d and "
    "[193|COUNT] students who gave no grade.",
    # a funnel is no breakdown: "Of these, 32 ... and 15 ..."
    "We identified [2,256|COUNT] articles. Of these, [32|COUNT] underwent full review and [15|COUNT] met the criteria.",
    # attributes of one population add up to nothing
    "Of the total population, [68.1%|PERCENT] were aged 50 to 65, [52.3%|PERCENT] were women and [76.4%|PERCENT] "
    "were White.",
    # labels are no amounts: "quartiles 1 (43.3%) and 2 (50.2%)"
    "Of the [4|COUNT] quartiles, quartiles [1|COUNT] ([43.3%|PERCENT]) and [2|COUNT] ([50.2%|PERCENT]) had lower "
    "incomes.",
    # a pace is no change; points are a change of a percent; interval bounds are no figures
    "Cases are expected to increase by about [10,000|CHANGE] per year, from [39,000|COUNT] in [1988|DATE] to "
    "[80,000|COUNT] in [1992|DATE].",
    "Among those with [four|COUNT] or more limitations, obesity was higher (men: [16 percentage points|CHANGE|pp] "
    "higher).",
    "The mean change was [−2.70 kg|MEASURE|kg] ([95%|PERCENT] CI, [−3.69|CHANGE] to [−1.71|CHANGE]) against "
    "[−2.40 kg|MEASURE|kg] before.",
    # a "ratio" next to two amounts that do not give it is no finding (a "solving index" is)
    "The debt stood at [CSD 24.6 billion|MONEY], of which [CSD 15.9 billion|MONEY] was external and "
    "[CSD 8.7 billion|MONEY] domestic. Against a product of [CSD 59.7 billion|MONEY], the debt ratio was "
    "[41.2%|PERCENT].",
    # parts followed by a remainder left unstated add up to no total
    "Of the [6,480|COUNT] people who applied in [2024|DATE], [1,620|COUNT] were granted protection and "
    "[3,890|COUNT] were refused; the remaining cases are pending.",
    # placed by position only, a larger part of a different thing is no finding
    "The national figure was [151|COUNT], down from [166|COUNT] in [2023|DATE]. In Hallby alone "
    "[1,893|COUNT|burglaries] burglaries were reported.",
    # another clause's "for" is no verb left out
    "Road deaths fell to [187|COUNT|deaths]. Pedestrians accounted for [52|COUNT] of the deaths and police fined "
    "drivers for [3,100|COUNT] offences.",
    # "from one year to the next" names no old value for a count of other things a sentence on
    "Each figure is compared as a [4.5%|CHANGE] rise from [1|COUNT|survey] survey year to the next. Clinics "
    "then saw [640|COUNT|patients] patients.",
]


@pytest.mark.parametrize("source", NOT_LINKED)
def test_no_false_alarm_in_survey_prose(source):
    doc, qs = marked_document(source)
    result = link_and_check(doc, qs)
    assert not [c for c in result.checks if c.verdict.value == "inconsistent"], [c.explanation for c in result.checks]
    # and the figures that are no amounts enter no check at all
    texts = {q.id: q.text for q in qs}
    used = {texts.get(i) for c in result.checks for i in c.quantities}
    assert not used & {"95%", "2 years", "6 months", "63%", "80.0%", "56.9%"}


STATED_SHARES = [
    # "Eight of 38 (21%)": the part before "of", the whole after it
    ("Among [122|COUNT] cases, [eight|COUNT] of [38|COUNT] ([21%|PERCENT]) close contacts fell ill.",
     ["q4", "q2", "q3"], C),
    # nothing agrees: the count just before the bracket, not the biggest in the clause
    ("The sample ([940|COUNT] men) comprised [572|COUNT] men at site A ([60.8%|PERCENT]) and [368|COUNT] men at "
     "site B ([39.0%|PERCENT]).", ["q5", "q4", "q1"], I),
    # nested: "N1 (P1%) ..., including N2 (P2%)": N2 is a share of N1, not of N1's whole
    ("A survey of [1,933|COUNT] practices found that [1,727|COUNT] ([89.3%|PERCENT]) were open, including "
     "[1,397|COUNT] ([80.9%|PERCENT]) offering visits.", ["q5", "q4", "q2"], C),
    # "Among N", "of N" after the bracket, "solving index": the whole is stated, so a mismatch is a finding
    ("Among [160|COUNT] smokers, [40|COUNT] ([35%|PERCENT]) quit.", ["q3", "q2", "q1"], I),
    ("Among [160|COUNT] smokers, [40|COUNT] ([25%|PERCENT]) quit.", ["q3", "q2", "q1"], C),
    ("Of [38|COUNT] studies on lead, [three|COUNT] ([8%|PERCENT]) were federal; for silica, [seven|COUNT] "
     "([28%|PERCENT]) of [25|COUNT] were.", ["q5", "q4", "q6"], C),
    ("Police registered [3,000|COUNT] crimes and solved [1,500|COUNT]. The case-solving index is [55.0%|PERCENT].",
     ["q3", "q2", "q1"], I),
    ("Surveys were sent to [5,000|COUNT] households and [2,100|COUNT] were returned. The response rate was "
     "[42%|PERCENT].", ["q3", "q2", "q1"], C),
]


@pytest.mark.parametrize("source,quantities,verdict", STATED_SHARES)
def test_stated_shares(source, quantities, verdict):
    doc, qs = marked_document(source)
    found = {tuple(c.quantities): c.verdict.value for c in link_and_check(doc, qs).checks if c.kind.value == "share"}
    assert found.get(tuple(quantities)) == verdict, found


@pytest.mark.parametrize("source", [
    # a rate of a group, or one of several rates, is not the country's count over its population
    "A total of [1,800|COUNT] suicides occurred in the country. The suicide rate for males "
    "([19.2|RATE|per 100,000 population] per 100,000 population) was four times that for females.",
    "[1,300|COUNT] suicides occurred in the country. Rates were highest in the west ([12.8|RATE|per 100,000] per "
    "100,000), followed by the south ([12.1|RATE|per 100,000]) and the north ([8.7|RATE|per 100,000]).",
])
def test_no_rate_of_a_group_against_the_whole_population(source):
    doc, qs = marked_document(source, reference=Reference(population=10_000_000))
    assert not [c for c in link_and_check(doc, qs).checks if c.kind.value == "rate"]


def test_a_whole_of_zero_gives_no_share():
    from numcheck.checks.figure import make_figure
    from numcheck.checks.share import check_share
    from numcheck.schema import Quantity

    t = "0% or 0 of 0"
    p, a, w = (make_figure(Quantity(id=i, start=st, end=e, text=t[st:e], kind=k), t) for i, st, e, k in
               [("q1", 0, 2, "PERCENT"), ("q2", 6, 7, "COUNT"), ("q3", 11, 12, "COUNT")])
    check = check_share(p, a, w)
    assert check.verdict.value == "unverifiable" and "0" in check.explanation


def test_a_bare_number_after_a_percent_is_its_part_whatever_its_kind():
    # the extractor called 600 a percent: read as one it would make "7.5% + 600 > 100%" a false alarm
    doc, qs = marked_document("Drivers over the limit caused [7.5%|PERCENT], or [600|PERCENT], of the "
                              "[8,000|COUNT] crashes.")
    result = link_and_check(doc, qs)
    assert [(c.kind.value, c.quantities, c.verdict.value) for c in result.checks] == [
        ("share", ["q1", "q2", "q3"], "consistent")]


def test_implied_figures_are_listed_as_derived():
    doc, qs = marked_document("Officers recorded [5,000|COUNT] offences, with [80%|PERCENT] of these offences solved.")
    result = link_and_check(doc, qs)
    assert any(d.value == 4000 for d in result.derived)


def test_years_and_identifiers_never_enter_the_arithmetic():
    doc, qs = marked_document(
        "In [2024|DATE], the [112|OTHER] line took [2,024|COUNT] calls, including [112|COUNT] hoaxes."
    )
    result = link_and_check(doc, qs)
    for c in result.checks:
        assert "q1" not in c.quantities and "q2" not in c.quantities


def test_offsets_and_claims_point_into_the_text():
    doc, qs = marked_document("The court heard [1,250|COUNT] cases. It upheld [830|COUNT] of them.")
    result = link_and_check(doc, qs)
    for q in result.quantities:
        assert result.text[q.start : q.end] == q.text
    assert [c.quantities for c in result.claims] == [["q1"], ["q2"]]


def test_figures_know_their_period_and_place():
    doc, qs = marked_document("In [2023|DATE], Moldova's police registered [24,000|COUNT] crimes.")
    result = link_and_check(doc, qs)
    count = result.quantity("q2")
    assert (count.period, count.place) == ("2023", "Moldova")


def test_a_pair_two_sentences_on_belongs_to_the_nearer_change():
    # the correction note's changes come first; the change stated right before the pair is its own
    doc, qs = marked_document(
        "Correction: burglaries rose by [4 per cent|CHANGE], not [6 per cent|CHANGE]. "
        "Thefts fell by [5 per cent|CHANGE] over the year. "
        "In all, thefts dropped to [9,700|COUNT] cases this year from [10,000|COUNT] cases the year before.")
    result = link_and_check(doc, qs)
    text = {q.id: q.text for q in qs}
    paired = [c for c in result.checks if c.kind.value == "change" and set(c.quantities[1:]) == {"q4", "q5"}]
    assert [(text[c.quantities[0]], c.verdict.value) for c in paired] == [("5 per cent", "inconsistent")]
    # a change in cases between them is another reading of the same pair, not a rival claim
    doc, qs = marked_document(
        "Thefts fell by [4%|CHANGE] this year. They fell by [4%|CHANGE] or [400|CHANGE] cases. "
        "There were [9,700|COUNT] thefts this year and [10,000|COUNT] the year before.")
    result = link_and_check(doc, qs)
    changes = {c.quantities[0]: c.verdict.value for c in result.checks
               if c.kind.value == "change" and set(c.quantities[1:]) == {"q4", "q5"}}
    assert changes.get("q1") == "inconsistent"  # 10,000 to 9,700 is 3%, not 4%
