"""The rule-based extractor on literal sentences of our own, one table per kind.

Each sentence marks its expected spans as `[[span]]` (of the table's kind) or
`[[span|KIND]]`; the markup is removed to give the text, and the extractor must return
exactly those spans (offsets and kinds).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from numcheck.inference.extractor import Extractor, get_extractor
from numcheck.inference.rules import RuleExtractor, extract_quantities
from numcheck.words import NUMBER_WORDS_RE

_MARK = re.compile(r"\[\[([^\[\]|]+)(?:\|([A-Z]+))?\]\]")


def unmark(marked: str, kind: str = "COUNT") -> tuple[str, list[tuple[int, int, str, str]]]:
    """Text without markup, and the expected (start, end, text, kind) spans."""
    out, spans, pos = [], [], 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(1))
        spans.append((start, start + len(m.group(1)), m.group(1), m.group(2) or kind))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


COUNT = [
    "Of [[1,842]] detainees, [[1,630]], or [[88.5%|PERCENT]], were men.",
    "[[Half a million]] people were vaccinated in the first week.",
    "The [[12]]-member commission met [[3]] times a week for [[6 weeks|MEASURE]].",
    "Of [[15]] regions, [[11]] reported a decline in crime.",
    "Police registered [[41,207]] offences last year, of which [[12,880]] were thefts.",
    "The commission counted [[1 million]] ballots and almost [[2.5 million]] envelopes.",
    "[[Seven]] suspects were detained and [[nineteen]] witnesses questioned.",
    "A total of [[8 412]] households took part in the survey.",
    "Officers seized [[14]] vehicles and [[3,506]] counterfeit banknotes.",
    "There were [[4, 512]] applications, and [[1, 204]] of them were approved.",
    "The census found [[5,102,334]] residents in [[312]] municipalities.",
    "Some [[forty-five]] volunteers joined [[a dozen]] nurses at the clinic.",
    "In [[2019|DATE]], [[1987]] traffic accidents were recorded on rural roads.",
    "Hospitals admitted [[18’420]] patients, up from [[17’950]].",
    "The party won [[63]] of the [[150]] seats.",
]
PERCENT = [
    "Turnout reached [[61.3%]] in the capital and [[54,8 %]] elsewhere.",
    "Of all detainees, [[12 percent]] were women and [[88 per cent]] men.",
    "The solving rate stood at [[73.05%]].",
    "About [[two thirds]] of the respondents said they felt safe.",
    "Unemployment was [[5.2%]] in [[March 2021|DATE]].",
]
CHANGE = [
    "Homicides were down [[14]] cases, or [[11.2 per cent]], on the previous year.",
    "Death rates were [[2]]--[[3 times]] higher than for females ([[21.5|RATE]] per 100,000 population).",
    "The number of fatalities declined by [[27]], or [[8%]], compared with the previous year.",
    "Some [[1,250|COUNT]] new cases were registered, [[8.3%]] fewer than a year earlier.",
    "The ruling party won [[71|COUNT]] seats, [[5]] more than in [[2020|DATE]].",
    "Drug-related crimes dropped by [[a quarter]], to [[1,902|COUNT]].",
    "Arrests rose by nearly [[half]] to [[6,712|COUNT]].",
    "A [[2.5-fold]] increase in cyber fraud was observed.",
    "Expenditure grew [[2.3 times]] over [[five years|MEASURE]].",
    "The budget is [[8%]] larger than the [[2023|DATE]] budget.",
    "Thefts rose by [[1 per cent]] not [[7 per cent]].",
    "Turnout was up [[4.2 percentage points]] from the [[2019|DATE]] vote, when [[62.5%|PERCENT]] voted.",
    "Burglaries fell by [[12.4%]] to [[2,310|COUNT]] cases.",
    "Robberies rose [[6.1 percent]] to [[915|COUNT]], while assaults dropped [[3 percent]].",
    "The number of thefts was [[7,150|COUNT]] ([[+312]] or [[+4.6%]] compared with [[2022|DATE]]).",
    "Fraud cases totalled [[2,044|COUNT]] ([[-118]] or [[-5,5%]]).",
    "The jobless rate was [[4.1 percent|PERCENT]], up [[0.3 percentage points]] from a year earlier.",
    "There were [[420]] fewer road deaths and [[75]] additional patrols.",
    "The region saw a [[9.2%]] decline in vehicle thefts.",
    "Spending on prisons [[doubled]] over the decade.",
    "Police reported a [[33]]-case increase in cyber fraud.",
    "Drug seizures grew by [[350 kilograms]] to [[1 ton and 200 kilograms|MEASURE]].",
    "Violent crime decreased by [[8%]], burglary by [[11%]] and car theft by [[2.5%]].",
]
RATE = [
    "Population density is [[123]] people per square kilometre.",
    "The force employs [[12,400|COUNT]] officers, or [[312]] per 100,000 residents.",
    "Mortality fell from [[14.2]] to [[11.8]] per 1,000, a decrease of [[16.9 percent|CHANGE]].",
    "Crimes per 1,000 residents were [[23.5]] in the capital and [[17.8]] in the regions.",
    "The homicide rate per 100,000 inhabitants was [[4.2]] in [[2023|DATE]].",
    "Overdose deaths reached [[21.4]] per 100,000 people.",
    "The crime rate ([[312]]) per 100,000 residents was the lowest in the region.",
]
MEASURE = [
    "Police seized [[1 kilogram 200 grams]] of heroin and [[3 kg 150 g]] of cocaine.",
    "The driver was doing [[140 km/h]] in a [[90 km/h]] zone.",
    "The average sentence was [[4 years and 6 months]].",
    "Sentences of between [[3]] and [[7 years]] were handed down.",
    "Heroin seizures fell from [[1.2 tonnes]] to [[870 kg]].",
    "Customs seized [[2 tons and 340 kilograms]] of cannabis and [[75 kilograms]] of heroin.",
    "The new road is [[12.5 km]] long and took [[18 months]] to build.",
    "Inmates served an average of [[three years]] of their sentences.",
    "Patients aged [[65]] and over had the highest rate, ahead of those aged [[45]]–[[64]].",
    "It was a [[25]]-year low for burglaries.",
]
MONEY = [
    "Revenues of [[AZN 36.7 billion]] and expenditures of [[40.1 billion]] are planned.",
    "The grant of [[AZN 1.2 million]] ([[USD 705,000]]) was approved.",
    "Fines rose from [[200]] to [[500 manat]].",
    "Revenue is projected at [[12.4 trillion tenge]] in [[2025|DATE]].",
    "Parliament approved [[$3.2 billion]] for health and [[€450 million]] for schools.",
    "The fine was [[AZN 500]], and the bail [[2,000 manat]].",
    "The ministry spent [[£1.2bn]] on policing.",
]
DATE = [
    "The deadline is [[31 December 2025]] at [[18:00]].",
    "The [[2023/24]] season ended in [[May 2024]].",
    "The report was published on [[March 3, 2024]] and revised on [[14 May]].",
    "Figures for [[January-September 2022]] and for [[Q3 2022]] were released together.",
    "Data cover [[2018-2022]], and the next release is due on [[01.07.2025]].",
    "The meeting took place on [[Nov. 8]] and again on [[December 2nd]].",
    "The rate for [[Jan - Mar 23]] was higher than for [[Jan - Mar 22]].",
]
OTHER = [
    "An investigation of [[SARS-CoV-2]] transmission found [[13|COUNT]] cases.",
    "Voters at polling station #[[123]] backed the motion.",
    "Emergency calls to [[911]] rose to [[1.2 million|COUNT]].",
    "The clinic treated [[1,024|COUNT]] patients in week [[32]].",
    "Station No. [[2]] handled [[1,950|COUNT]] cases.",
    "Under Article [[318]] of the Criminal Code, [[6|COUNT]] people were charged.",
    "Calls to the “[[112]]” hotline are free; see Table [[4]] for details.",
    "The summit, [[G20]], met after the [[COVID-19]] pandemic.",
    "Turnout was highest in Districts [[2]], [[5]] and [[9]].",
    "Thefts fell in the second quarter, the [[3rd]] fall in a row.",
]
MIXED = [
    "Arrests totalled [[8,411|COUNT]], down [[6.2%|CHANGE]] from [[8,967|COUNT]] a year earlier.",
    "An [[8 per cent|CHANGE]] rise in shoplifting was recorded.",
    "Sales of firearms climbed [[12 percent|CHANGE]] year over year.",
    "Unemployment rose to [[312,000|COUNT]] from [[298,500|COUNT]].",
    "The index improved by [[0.7 points|CHANGE]] to [[61.2|COUNT]].",
    "The force has [[1,250|COUNT]] officers, [[312|COUNT]] of them women.",
    "In the year to [[March 2025|DATE]], police recorded [[6.6 million|COUNT]] crimes.",
    "The city will receive [[$12.5m|MONEY]] in federal funds and [[$3m|MONEY]] from the state.",
    "Hate crimes almost [[tripled|CHANGE]], from [[96|COUNT]] to [[270|COUNT]].",
    "The incarceration rate stood at [[415|RATE]] prisoners per 100,000 people.",
    "Some [[forty|COUNT]] protesters and [[a dozen|COUNT]] journalists were detained.",
    "Offences involving minors dropped [[9.1%|CHANGE]], while those by repeat offenders increased [[2.3%|CHANGE]].",
    "The party polled [[23.5%|PERCENT]], [[4.1 points|CHANGE]] behind the leader.",
    "Response times averaged [[8 minutes 40 seconds|MEASURE]] in cities.",
    "The law took effect on [[1 July 2023|DATE]] and was amended in [[2024|DATE]].",
    "In the [[24 hours|MEASURE]] to midnight, [[19|COUNT]] road accidents were reported.",
    "Prison admissions were [[5%|CHANGE]] lower than in [[2019|DATE]].",
    "The [[G7|OTHER]] summit and the [[COP28|OTHER]] talks were held in [[2023|DATE]].",
    "Of [[10|COUNT]] regions, [[seven|COUNT]] saw crime fall.",
    "During the operation, [[327|COUNT]] people were detained, [[41|COUNT]] of them foreigners.",
    "Violent crime is down by [[a third|CHANGE]] since [[2015|DATE]].",
    "Support for the bill was [[57 per cent|PERCENT]] among men and [[49 per cent|PERCENT]] among women.",
    "The number of registered drug addicts decreased by [[0.8 thousand|CHANGE]] to [[22.4 thousand|COUNT]].",
    "Infant mortality was [[8.1|RATE]] per 1,000 live births in [[2024|DATE]].",
    "The ministry received [[two|COUNT]] complaints in January and [[nine|COUNT]] in February.",
    "Bail was set at [[US$50,000|MONEY]].",
    "The suspect was caught with [[2.3 kg|MEASURE]] of methamphetamine and [[400 g|MEASURE]] of heroin.",
    "Pickpocketing cases went down from [[1,009|COUNT]] to [[870|COUNT]], a decrease of [[139|CHANGE]] cases.",
    "The conviction rate reached [[92,5%|PERCENT]], while the acquittal rate was [[0,4%|PERCENT]].",
    "In [[2021|DATE]] there were [[51|COUNT]] murders, in [[2022|DATE]] [[47|COUNT]], and in [[2023|DATE]] [[44|COUNT]].",
    "Burglary fell [[18%|CHANGE]] year-on-year, while robbery rose [[4%|CHANGE]].",
    "The hotline [[1616|OTHER]] is open around the clock.",
    "There were [[3,210|CHANGE]] more registrations than in [[2023|DATE]].",
    "Fraud losses reached [[£2.3bn|MONEY]] ([[£2.1bn|MONEY]] in [[2022|DATE]]).",
    "Data for [[2022/23|DATE]] were revised on [[12.03.2024|DATE]].",
    "Nearly [[three quarters|PERCENT]] of respondents trusted the police.",
    "The EC disqualified [[17|COUNT]] of the [[1,024|COUNT]] candidates.",
    "The prosecutor's office opened [[1,347|COUNT]] criminal cases in [[2023|DATE]], [[212|CHANGE]] more than a year before.",
    "Women accounted for [[38.2 percent|PERCENT]] of candidates and won [[29%|PERCENT]] of seats.",
    "Car thefts plunged [[31.5%|CHANGE]] to [[402|COUNT]], the lowest level since [[2001|DATE]].",
    "The suicide rate reached [[9.7|RATE]] per 100,000 in [[2022|DATE]], up from [[8.9|RATE]] in [[2021|DATE]].",
    "Election observers from [[41|COUNT]] countries monitored [[5,430|COUNT]] polling stations.",
    "The government earmarked [[$85 million|MONEY]] for police equipment, [[12%|CHANGE]] more than last year.",
    "Homicides were down [[14|CHANGE]] cases, or [[11.2 per cent|CHANGE]], on the previous year.",
    "Border guards intercepted [[640 kilograms|MEASURE]] of hashish and [[3.2 tons|MEASURE]] of tobacco.",
    "[[Nineteen|COUNT]] of the [[twenty-four|COUNT]] districts reported fewer burglaries.",
    "Under Section [[42|OTHER]] of the Police Act, [[15|COUNT]] officers were suspended.",
    "The prison population has more than [[doubled|CHANGE]] since [[2010|DATE]], to [[24,500|COUNT]].",
    "Figures for [[April-June 2024|DATE]] show a fall against [[Q2 2023|DATE]].",
    "Of the [[312|COUNT]] deaths recorded, [[174|COUNT]] involved pedestrians and [[38|COUNT]] cyclists.",
    "Average fines were [[€120|MONEY]], while the maximum fine was [[€2,500|MONEY]].",
    "Reported rapes increased by [[a fifth|CHANGE]] in [[2023|DATE]].",
    "There were [[4.6|RATE]] road deaths per 100,000 inhabitants, against an EU average of [[4.5|RATE]].",
    "A total of [[2.1 million|COUNT]] votes were cast, and [[48,200|COUNT]] were declared invalid.",
    "The clearance rate slipped [[1.3 percentage points|CHANGE]] to [[67.4%|PERCENT]].",
    "Police responded to [[48,915|COUNT]] calls for service, an average of [[134|COUNT]] a day.",
    "In the capital, turnout stood at [[41.7%|PERCENT]]; nationally it was [[46.3%|PERCENT]].",
    "Compared with [[2022|DATE]], the number of detected offences grew by [[1,208|CHANGE]] ([[+6.4%|CHANGE]]).",
    "The region recorded [[2.8|RATE]] murders per 100,000 residents, the national rate being [[3.4|RATE]].",
    "Investigators identified [[eleven|COUNT]] suspects and [[4|COUNT]] accomplices.",
    "The figures cover [[1 January|DATE]] to [[30 June 2025|DATE]].",
    "Damage was estimated at [[₼1.4 million|MONEY]], of which [[₼980,000|MONEY]] has been recovered.",
    "The search covered [[12 square kilometres|MEASURE]] over [[36 hours|MEASURE]].",
    "Registered crimes: [[14,330|COUNT]] ([[-512|CHANGE]]), solved: [[11,020|COUNT]] ([[+310|CHANGE]]).",
    "The share of juveniles among offenders fell to [[4.9 percent|PERCENT]] from [[5.6 percent|PERCENT]].",
    "The [[2024|DATE]] census counted [[3,128,400|COUNT]] people in [[904,000|COUNT]] households.",
    "Reports of domestic violence jumped [[fourfold|CHANGE]] between [[2019|DATE]] and [[2024|DATE]].",
    "See Annex [[3|OTHER]] and paragraphs [[12|OTHER]]–[[14|OTHER]] of the report.",
    "Some [[3,000|COUNT]] officers were deployed, along with [[150|COUNT]] vehicles and [[12|COUNT]] helicopters.",
    "Traffic fatalities fell from [[212|COUNT]] to [[187|COUNT]], a reduction of [[11.8%|CHANGE]].",
    "Each household receives [[AZN 200|MONEY]] a month, up from [[AZN 150|MONEY]].",
    "The campaign ran from [[September 1|DATE]] to [[October 15, 2024|DATE]].",
    "Nearly [[half|PERCENT]] of the victims were under [[30|MEASURE]].",
    "Cyber offences increased [[2.4 times|CHANGE]], to [[7,800|COUNT]].",
]
NOT_FIGURES = [
    "See www.police.gov/report2024 or write to press2024@police.gov for details.",
    "Data were analysed with SAS version [[9.4|OTHER]].",
    "Children eligible for [[1 day|MEASURE]] or more had [[2|COUNT]] or more visits.",
    "- [[45%|PERCENT]] of respondents said crime had increased.",
    "A total of [[1999|COUNT]] cases were heard in the year.",
    "Of [[48|COUNT]] states, [[12|COUNT]] had rates above [[20|RATE]] per 100,000 population.",
    "No one was hurt, and one of the officers said so.",
    "The first half of the year was calm for everyone.",
    "Someone said it was the second time this happened.",
]


TABLES = {
    "COUNT": COUNT, "PERCENT": PERCENT, "CHANGE": CHANGE, "RATE": RATE, "MEASURE": MEASURE,
    "MONEY": MONEY, "DATE": DATE, "OTHER": OTHER, "MIXED": MIXED, "NONE": NOT_FIGURES,
}  # fmt: skip


@pytest.mark.parametrize(("kind", "marked"), [(k, m) for k, table in TABLES.items() for m in table])
def test_sentence_spans_and_kinds(kind, marked):
    text, expected = unmark(marked, kind)
    got = [(q.start, q.end, q.text, q.kind.value) for q in extract_quantities(text)]
    assert got == expected


def test_footnote_marker_is_other():
    text = "Thefts fell for a third year[2]. Article 7 applies."
    got = [(q.text, q.kind.value, q.start) for q in extract_quantities(text)]
    assert got == [("2", "OTHER", 29), ("7", "OTHER", 41)]


def test_values_and_units_are_filled():
    qs = extract_quantities("Police registered 41,207 offences, and 12.5% of them were solved in 2024.")
    assert [(q.value, q.unit) for q in qs] == [(41207, "offences"), (12.5, "%"), (2024, "year")]


def test_rate_base_is_not_a_quantity():
    qs = extract_quantities("The rate was 19.8 per 100,000 inhabitants.")
    assert [q.text for q in qs] == ["19.8"]
    assert qs[0].unit == "per 100,000 inhabitants"


def test_extractor_protocol_and_ids():
    ex = get_extractor("rules")
    assert isinstance(ex, Extractor)
    assert isinstance(ex, RuleExtractor)
    out = ex.extract(["Crime fell by 3% in 2024.", ""])
    assert [q.id for q in out[0]] == ["q1", "q2"]
    assert out[1] == []


# ---- offsets are sacred, whatever the text ----

_PIECES = st.sampled_from(
    [
        "crimes fell by ", "12.5%", " to ", "3,379", " cases", " in ", "2024", ". ", "(", ")", "+44",
        "-9.0%", " nearly ", "1 million", " per 100,000 inhabitants was ", "327", " “102” ", "Article 5",
        " four ", "tons and ", "714 kilograms", "\n", " | ", "COP29", "[1]", " Jan - Jun 16 ", "€5m",
        "doubled", " one of the ", "x", "..", "%", "- ", "8, 970",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_offsets_hold_on_generated_text(text):
    for q in extract_quantities(text):
        assert text[q.start : q.end] == q.text
        assert re.search(r"\d", q.text) or NUMBER_WORDS_RE.search(q.text) or re.search(
            r"(?i)doubl|tripl|trebl|quadrupl|halved|fold|twice|half|third|quarter", q.text
        )


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_offsets_hold_on_arbitrary_text(text):
    qs = extract_quantities(text)
    starts = [q.start for q in qs]
    assert starts == sorted(starts)
    for q in qs:
        assert text[q.start : q.end] == q.text


def test_markdown_tables_change_columns_and_row_labels():
    text = (
        "| District | 2022 | 2023 | Change |\n"
        "|---|---|---|---|\n"
        "| 4 | 1,204 | 1,150 | 54 |\n"
        "| Party | Votes | Seats |\n"
        "|---|---|---|\n"
        "| Unity | 98,311 | 48 |\n"
    )
    got = [(q.text, q.kind.value, q.unit) for q in extract_quantities(text)]
    assert got == [
        ("2022", "DATE", "year"),
        ("2023", "DATE", "year"),
        ("4", "OTHER", "district number"),
        ("1,204", "COUNT", None),
        ("1,150", "COUNT", None),
        ("54", "CHANGE", None),
        ("98,311", "COUNT", "votes"),
        ("48", "COUNT", "seats"),
    ]


def test_plain_text_table_difference_column():
    text = "Cases  Jan - Jun 23  Jan - Jun 24  Difference  % Difference\nTheft 1,520 1,404 117 -7.6%\n"
    got = [(q.text, q.kind.value) for q in extract_quantities(text)]
    assert got == [
        ("Jan - Jun 23", "DATE"), ("Jan - Jun 24", "DATE"),
        ("1,520", "COUNT"), ("1,404", "COUNT"), ("117", "CHANGE"), ("-7.6%", "CHANGE"),
    ]  # fmt: skip
