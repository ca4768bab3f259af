"""The synthetic generator's labels are exact by construction."""

from __future__ import annotations

import random

import pytest

from numcheck.models.labels import KINDS, has_number
from numcheck.training.synth import fmt_int, generate


@pytest.fixture(scope="module")
def examples():
    return generate(1500, seed=7)


def test_every_span_is_exact_and_holds_a_number(examples):
    for ex in examples:
        last_end = -1
        for sp in ex.spans:
            piece = ex.text[sp.start:sp.end]
            assert piece == piece.strip() and piece, (ex.text, sp)
            assert has_number(piece), (ex.text, piece)
            assert sp.kind in KINDS
            assert sp.start >= last_end  # no overlaps, in order
            last_end = sp.end


def test_every_kind_and_key_convention_appears(examples):
    kinds = {sp.kind for ex in examples for sp in ex.spans}
    assert kinds == set(KINDS)
    pieces = {(ex.text[sp.start:sp.end], sp.kind) for ex in examples for sp in ex.spans}
    texts = [p for p, _ in pieces]
    assert any(t.endswith(" percent") or t.endswith(" per cent") for t in texts)
    assert any(t.startswith(("+", "-")) and k == "CHANGE" for t, k in pieces)
    assert any(" and " in t and k == "MEASURE" for t, k in pieces)  # compound measures are one span


def test_hedges_stay_outside_spans(examples):
    for ex in examples:
        for sp in ex.spans:
            low = ex.text[sp.start:sp.end].lower()
            assert not low.startswith(("nearly ", "about ", "more than ", "over ", "almost ", "approximately "))


def test_rate_base_is_not_a_span(examples):
    for ex in examples:
        for sp in ex.spans:
            assert "per 100" not in ex.text[sp.start:sp.end]


def test_generation_is_reproducible():
    a = generate(50, seed=3)
    b = generate(50, seed=3)
    assert [(e.text, e.spans) for e in a] == [(e.text, e.spans) for e in b]
    assert [e.text for e in generate(50, seed=4)] != [e.text for e in a]


@pytest.mark.parametrize("n", [7, 999, 1234, 33379, 2853739])
def test_integer_formats_keep_the_digits(n):
    rng = random.Random(n)
    for _ in range(30):
        s = fmt_int(n, rng)
        assert "".join(ch for ch in s if ch.isdigit()) == str(n)


# ---------------------------------------------------------------- new material: public health, surveys, contexts

import re  # noqa: E402

from numcheck.training.synth import NEW_GENERAL_TEMPLATES, NEW_HEALTH_TEMPLATES, generate_tagged  # noqa: E402


@pytest.fixture(scope="module")
def sample():
    return generate(12000, seed=11)


@pytest.fixture(scope="module")
def rows(sample):
    """(span text, kind, 40 chars before, 40 chars after) for every span of the sample."""
    return [(ex.text[sp.start:sp.end], sp.kind, ex.text[max(0, sp.start - 40):sp.start], ex.text[sp.end:sp.end + 40])
            for ex in sample for sp in ex.spans]


def _found(rows, kind, piece, before=None, after=None):
    return any(k == kind and re.fullmatch(piece, t) and (before is None or re.search(before + r"$", b))
               and (after is None or re.match(after, a)) for t, k, b, a in rows)


@pytest.mark.parametrize("kind,piece,before,after", [
    # identifiers and names with digits glued to letters: OTHER, one whole token
    ("OTHER", r"H\dN\d", r"A\(", r"\)"),
    ("OTHER", r"[A-Z]{2,3}\.\d\.\d{1,2}", None, None),          # XBB.1.5-shaped
    ("OTHER", r"[A-Z]{2,3}\.\d", None, r" (lineage|variant|viruses)"),  # BA.2-shaped
    ("OTHER", r"[A-Z]\.\d\.\d{3}\.\d", None, None),             # B.1.617.2-shaped
    ("OTHER", r"[A-Z]{3,7}\d{4}", None, None),                  # WTFA2019, PSU1017
    ("OTHER", r"[A-Z][a-z]+-\d{3}", None, None),                # Module-024
    ("OTHER", r"CD\d+", None, r"\+ "),                           # CD8+ : the + outside
    ("OTHER", r"PCV\d+", None, None),
    ("OTHER", r"PHQ-\d", None, None),
    ("OTHER", r"GAD-\d", None, None),
    ("OTHER", r"COVID-19", None, None),
    ("OTHER", r"ICD-10", None, None),
    ("OTHER", r"20\d\d", r"Vision ", None),
    ("OTHER", r"20\d\d–20\d\d", r"the ", r" (Action Plan|National Strategy|Health Sector Plan|Roadmap)"),
    ("OTHER", r"\d+\.\d\.\d", r"version ", None),
    ("OTHER", r"0\.\d+", r"[pP] = ", None),
    ("OTHER", r"0\.\d+", r"[pP] ?< ?", None),
    ("OTHER", r"1\.0", r"did not cross ", None),
    ("OTHER", r"1", r"from ", r" \(never\) to "),
    ("OTHER", r"\d+", r"\) to ", r" \(always\)"),
    ("OTHER", r"\d+", r"[^ ]\[", r"\]"),
    ("OTHER", r"\d", r"Table ", None),
    ("OTHER", r"\d", r"Figure ", None),
    ("OTHER", r"\d", r"dose ", None),
    ("OTHER", r"\d", r"step ", None),
    ("OTHER", r"\d+", r"item ", None),
    # date ranges are one DATE span; decades and centuries are DATE
    ("DATE", r"[A-Z][a-z]+ \d{1,2}–[A-Z][a-z]+ \d{1,2}, \d{4}", None, None),
    ("DATE", r"[A-Z][a-z]+ \d{1,2}–\d{1,2}, \d{4}", None, None),
    ("DATE", r"\d{4}–\d{4}", None, None),
    ("DATE", r"\d{4}-\d{4}", None, None),
    ("DATE", r"\d{4}[–-]\d{4}", r"fiscal years ", None),
    ("DATE", r"\d{4}[–-]\d\d", r"the ", r" (influenza|school|season)"),
    ("DATE", r"19\d0s", r"the ", None),
    ("DATE", r"20th century", r"the ", None),
    # measures typical of health reports: unit inside, sign outside
    ("MEASURE", r"(two|three|four|five) decades", r"the past ", None),
    ("MEASURE", r"\d+", r"aged ", r"–\d+ years"),
    ("MEASURE", r"\d+ years", r"aged \d+–", None),
    ("MEASURE", r"\d+ years", r"aged ≥", None),
    ("MEASURE", r"\d+\.\d y", None, None),
    ("MEASURE", r"\d+ mo", None, None),
    ("MEASURE", r"[\d.]+ µg/dL", None, None),
    ("MEASURE", r"[\d.]+ ng/mL", None, None),
    ("MEASURE", r"\d+ cells/mm3", None, None),
    ("MEASURE", r"\d+ mg", None, None),
    ("MEASURE", r"\d\.\d mL", None, None),
    ("MEASURE", r"[\d,]+ square miles", None, None),
    ("MEASURE", r"\d+ km2", None, None),
    ("MEASURE", r"\d+ weeks", None, None),
    # rates
    ("RATE", r"1 time/day", None, None),
    ("RATE", r"\d times/week", None, None),
    ("RATE", r"[\d.,]+", r"(per |Per )?(100 )?(thousand )?[a-z ]+, the figure was ", r" [a-z]"),
    ("RATE", r"[\d.]+", None, r" per 100,000 person-years"),
    # shares vs changes by context
    ("PERCENT", r"[\d.,]+ ?(%|percent|per cent)", r"made up ", r" of all "),
    # number words counting things
    ("COUNT", r"One", None, r" of the "),
    ("COUNT", r"(two|three|four|five|six|seven|eight|nine|ten)", r" in ", r" [a-z]+s\b"),
    # counts with their change in brackets
    ("CHANGE", r"\+[\d,]+", r"\d \(", r" compared with the same period of \d{4}\)"),
    ("CHANGE", r"[–−][\d,]+", r"fell to [\d, ]+\(", r"\)"),
])
def test_new_construction_appears_with_kind_and_edges(rows, kind, piece, before, after):
    assert _found(rows, kind, piece, before, after), (kind, piece, before, after)


def test_signs_hedges_and_plus_stay_outside(rows):
    for t, k, b, a in rows:
        assert not t.startswith(("≥", "≤", "<", ">")), (t, b)
        assert not re.fullmatch(r"CD\d+\+.*", t), t
        assert not re.search(r"\b(first|second|third|fourth|fifth)\b", t), t  # ordinal adjectives are no spans


def test_a_century_is_a_date_not_an_ordinal(rows):
    assert not any(k == "OTHER" and a.startswith(" century") for t, k, b, a in rows)


def test_programme_years_are_never_dates(rows):
    for t, k, b, a in rows:
        if re.search(r"(Vision|Agenda|Strategy|Healthy Towns|Clean Air|Health for All|Smoke-Free) $", b) or re.match(
                r" (Action Plan|National Strategy|Health Sector Plan|Roadmap|Immunization Programme|Surveillance Plan)", a):
            assert k == "OTHER", (b, t, a)


def test_ranges_are_not_split(rows):
    # a range of years or days is one DATE span: no DATE span is followed by '–<digits>' outside it
    for t, k, b, a in rows:
        if k == "DATE":
            assert not re.match(r"[–-]\d", a), (b, t, a)
            assert not re.search(r"\d[–-]$", b), (b, t, a)


def test_year_lists_are_separate_dates(sample):
    ok = False
    for ex in sample:
        for s1, s2, s3 in zip(ex.spans, ex.spans[1:], ex.spans[2:]):
            if {s1.kind, s2.kind, s3.kind} == {"DATE"} and ex.text[s1.end:s2.start] == ", " \
                    and ex.text[s2.end:s3.start] in (", and ", " and ") and all(
                    re.fullmatch(r"\d{4}", ex.text[s.start:s.end]) for s in (s1, s2, s3)):
                ok = True
    assert ok


def test_percent_confidence_intervals(sample):
    seen = 0
    for ex in sample:
        for i, sp in enumerate(ex.spans):
            if ex.text[sp.start:sp.end] in ("95%", "90%") and ex.text[sp.end:].startswith((" CI", " confidence interval")):
                est, lo, hi = ex.spans[i - 1], ex.spans[i + 1], ex.spans[i + 2]
                assert est.kind == lo.kind == hi.kind == sp.kind == "PERCENT", ex.text
                val = lambda s: float(re.match(r"[\d.]+", ex.text[s.start:s.end]).group())  # noqa: E731
                assert val(lo) < val(est) < val(hi), ex.text
                seen += 1
    assert seen >= 20


def test_category_lists_with_parenthetical_counts(sample):
    runs = 0
    for ex in sample:
        k = 0
        for sp in ex.spans:
            inside = ex.text[sp.start - 1:sp.start] == "(" and ex.text[sp.end:sp.end + 1] == ")"
            if inside and sp.kind == "COUNT" and re.fullmatch(r"[a-z][a-z -]+ \($", ex.text[sp.start - 40:sp.start].split(", ")[-1].split(" and ")[-1]):
                k += 1
                if k == 3:
                    runs += 1
            elif inside:
                k = 0
    assert runs >= 5



def test_new_material_share_stays_a_minority():
    tagged = generate_tagged(5000, seed=13)
    share = sum(used for _, used in tagged) / len(tagged)
    assert 0.18 <= share <= 0.32, share
    assert [e.text for e, _ in tagged[:200]] == [e.text for e in generate(200, seed=13)]


def test_new_templates_all_fill_with_exact_spans():
    from numcheck.training.synth import GENRES, NEW_GENRES, _assemble, _fill

    rng = random.Random(0)
    for t in NEW_HEALTH_TEMPLATES + NEW_GENERAL_TEMPLATES:
        for genres in (NEW_GENRES, GENRES) if t in NEW_GENERAL_TEMPLATES else (NEW_GENRES,):
            for name in genres:
                for _ in range(5):
                    ex = _assemble(_fill(t, rng, genres[name]))
                    assert "  " not in ex.text and ex.spans, (t, ex.text)
                    last = -1
                    for sp in ex.spans:
                        piece = ex.text[sp.start:sp.end]
                        assert piece == piece.strip() and has_number(piece), (t, piece)
                        assert sp.start >= last
                        last = sp.end


def test_tagged_generation_is_reproducible():
    a = generate_tagged(300, seed=5)
    b = generate_tagged(300, seed=5)
    assert [(e.text, e.spans, u) for e, u in a] == [(e.text, e.spans, u) for e, u in b]
    assert any(u for _, u in a) and not all(u for _, u in a)


def test_press_levels_are_off_by_default_and_labelled_by_context_when_on():
    import re

    from numcheck.training.synth import generate

    plain = generate(1500, seed=7)
    assert not any(re.search(r"\bOf the \S+ seats,", e.text) for e in plain)
    on = generate(1500, seed=7, press_levels=True)
    kinds = {}
    for e in on:
        for sp in e.spans:
            before = e.text[max(0, sp.start - 20) : sp.start]
            after = e.text[sp.end : sp.end + 14]
            if after.startswith((" fewer than the", " more than the")):
                kinds.setdefault("delta", set()).add(sp.kind)
            if re.search(r"(a turnout|a pass rate|an occupancy rate) of $", before):
                kinds.setdefault("level", set()).add(sp.kind)
            if re.search(r"(Union|Party|Greens|Front|Bloc|Alliance|independents|Movement) (takes|won|holds|gets|secured) $",
                         before) and "seats," in e.text:
                kinds.setdefault("seats", set()).add(sp.kind)
    assert kinds == {"delta": {"CHANGE"}, "level": {"PERCENT"}, "seats": {"COUNT"}}


def test_press_changes_are_off_by_default_and_read_by_context_when_on():
    import re

    from numcheck.training.synth import generate

    plain = generate(1500, seed=7, press_levels=True)
    assert not any(", respectively, " in e.text for e in plain)
    on = generate(3000, seed=7, press_levels=True, press_changes=True)
    kinds: dict[str, set[str]] = {}
    for e in on:
        for sp in e.spans:
            before = e.text[max(0, sp.start - 40) : sp.start]
            after = e.text[sp.end : sp.end + 30]
            if ", respectively, " in before or after.startswith(" and ") and ", respectively, " in after:
                kinds.setdefault("change vs change", set()).add(sp.kind)
            if re.search(r"the (largest|steepest|fastest) \w+, at $", before):
                kinds.setdefault("change at", set()).add(sp.kind)
            if re.search(r"the (highest|lowest) (share|turnout|coverage|pass rate), at $", before):
                kinds.setdefault("level at", set()).add(sp.kind)
            if re.match(r" [a-z ]+ or ", after) and before.endswith(("(", "(by ")):
                kinds.setdefault("count or more", set()).add(sp.kind)
            if re.search(r"per (each |every )?[\d, ]+(thousand )?(population|inhabitants|residents|people) "
                         r"(held steady at|was|decreased to|rose and reached) $", before):
                kinds.setdefault("rate, base before", set()).add(sp.kind)
    assert kinds == {"change vs change": {"CHANGE"}, "change at": {"CHANGE"}, "level at": {"PERCENT"},
                     "count or more": {"CHANGE"}, "rate, base before": {"RATE"}}


def test_press_changes_swap_the_template_that_labels_a_change_as_a_count():
    from numcheck.training.synth import MISLABELLED_CHANGE_TEMPLATE, PRESS_CHANGE_TEMPLATES, TEMPLATES

    assert MISLABELLED_CHANGE_TEMPLATE in TEMPLATES
    fixed = PRESS_CHANGE_TEMPLATES[0]
    assert fixed.replace("{num_chg}", "{num}", 1) == MISLABELLED_CHANGE_TEMPLATE


def test_press_contexts_are_off_by_default_and_label_by_the_words_around():
    import re

    from numcheck.training.synth import generate

    plain = generate(1500, seed=5, press_levels=True, press_changes=True)
    assert not any("calls came in through" in e.text for e in plain)
    on = generate(3000, seed=5, press_levels=True, press_changes=True, press_contexts=True)
    kinds: dict[str, set[str]] = {}
    for e in on:
        for sp in e.spans:
            before = e.text[max(0, sp.start - 40) : sp.start]
            after = e.text[sp.end : sp.end + 40]
            span = e.text[sp.start : sp.end]
            if re.fullmatch(r"\d{4}", span) and re.search(r"(in|during|as of) [A-Za-z0-9 ]*\d{4}, $", before):
                # a four-digit figure right after a date: a year when the list of years goes on, else a count
                if re.match(r"(,| and|, and) \d{4}", after):
                    kinds.setdefault("year in a list", set()).add(sp.kind)
                elif re.match(r" [a-z]", after):
                    kinds.setdefault("count after a date", set()).add(sp.kind)
            if re.search(r"(the [“\"«]?)$", before) and re.match(r"[”\"»]? (Service|hotline|call centre|emergency line|"
                                                                r"line|Call Center|Hotline)\b", after):
                kinds.setdefault("hotline", set()).add(sp.kind)
            if re.search(r"an? [a-z-]+ (increase|rise|growth|jump|surge|gain|uptick|decrease|fall|drop|decline|"
                         r"reduction|contraction|dip) of $", before):
                kinds.setdefault("change behind an adjective", set()).add(sp.kind)
            if re.search(r"an? [a-z-]+ (total|tally|count|figure) of $", before):
                kinds.setdefault("level behind an adjective", set()).add(sp.kind)
    assert kinds == {"count after a date": {"COUNT"}, "year in a list": {"DATE"}, "hotline": {"OTHER"},
                     "change behind an adjective": {"CHANGE"}, "level behind an adjective": {"COUNT"}}
