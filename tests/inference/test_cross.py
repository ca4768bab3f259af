"""Checks across documents (inference/cross.py): measure words, families, scores, verdicts."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from numcheck.inference.cross import (
    SCORER_PATH,
    Candidate,
    Fig,
    MatchScorer,
    content_words,
    cross_key,
    family,
    measure_words,
    period_fit,
    resolve,
)
from numcheck.inference.periods import Period
from numcheck.numbers import parse_number
from numcheck.schema import CrossKind, Quantity, Verdict
from numcheck.store import StoredDocument, StoredFigure


@pytest.mark.parametrize(("text", "figure", "words"), [
    ("Overall, thefts decreased by 9.4%, burglaries by 3%.", "9.4%", "thefts decreased by"),
    ("In 2024, 4,398 vessel calls were recorded at the port, with 12% of them at night.", "4,398",
     "vessel calls were recorded at the port"),
    ("Cargo throughput fell by 0.8 million tonnes to 17.6 million tonnes.", "0.8 million tonnes",
     "Cargo throughput fell by to"),
])
def test_measure_words(text: str, figure: str, words: str) -> None:
    spans = []
    for t in ("9.4%", "3%", "2024", "4,398", "12%", "0.8 million tonnes", "17.6 million tonnes"):
        if t in text:
            spans.append((text.index(t), text.index(t) + len(t)))
    start = text.index(figure)
    q = Quantity(id="q1", start=start, end=start + len(figure), text=figure, kind="COUNT")
    assert measure_words(text, (0, len(text)), q, spans) == words


@pytest.mark.parametrize(("printed", "fam"), [("12.3 percent", "pct"), ("£31.1 billion", "money:GBP"),
                                               ("1 ton 662 kilograms", "measure:mass"),
                                               ("8.7 Mtoe", "measure:oil equivalent"), ("3 litres", "measure:volume"), ("6 months", "duration"),
                                               ("1,101", "count")])
def test_family(printed: str, fam: str) -> None:
    assert family(Quantity(id="q1", start=0, end=len(printed), text=printed, kind="COUNT")) == fam


def test_period_fit_and_words() -> None:
    year = Period(date(2024, 1, 1), date(2024, 12, 31))
    assert period_fit(year, year) == 1.0
    assert period_fit(year, Period(date(2023, 1, 1), date(2023, 12, 31))) == 0.0
    assert content_words("the registered criminal offences") == {"regis", "crimi", "offen"}


def test_shipped_scorer_loads_and_scores_in_range() -> None:
    scorer = MatchScorer.load(SCORER_PATH)
    for kind in ("equal", "change"):
        n = len(scorer.models[kind]["features"])
        p = scorer.score(kind, np.zeros((2, n)))
        assert ((p >= 0) & (p <= 1)).all()
    assert MatchScorer.untrained().score("equal", np.ones((1, len(scorer.models["equal"]["features"]))))[0] == pytest.approx(0.5)


def _fig(doc: StoredDocument, qid: str, printed: str, kind: str, words: frozenset[str] = frozenset({"theft"})) -> Fig:
    start = doc.text.index(printed)
    sf = StoredFigure(doc_id=doc.id, qid=qid, start=start, end=start + len(printed), text=printed, kind=kind,
                      measure="", sentence_start=0, sentence_end=len(doc.text))
    return Fig(sf, doc, np.zeros(4, dtype=np.float32), family(sf), set(words))


OLD = StoredDocument(id="old", text="In 2023 there were 1,000 thefts, and 800 of them were reported online.", date="2024-01-10")
NEW = StoredDocument(id="new", text="In 2024 there were 900 thefts, 700 reported online; thefts fell by 10%.", date="2025-01-10")


def _change(old_fig: str, new_fig: str, score: float) -> Candidate:
    return Candidate(CrossKind.change, (_fig(NEW, "c", "10%", "CHANGE"), _fig(OLD, old_fig, old_fig, "COUNT"),
                                        _fig(NEW, new_fig, new_fig, "COUNT")), [], score)


def test_two_measures_that_disagree_make_the_mismatch_ambiguous() -> None:
    # 1,000 -> 900 is -10% (fits); 800 -> 700 is -12.5% (does not): the text does not say which.
    checks = resolve([_change("1,000", "900", 0.9), _change("800", "700", 0.85)], MatchScorer.untrained())
    verdicts = sorted(c.verdict.value for c in checks)
    assert verdicts == ["ambiguous", "consistent"]
    ambiguous = next(c for c in checks if c.verdict is Verdict.ambiguous)
    assert "does not say which measure" in ambiguous.explanation and "1,000 → 900 fits" in ambiguous.explanation


def test_a_lone_mismatch_is_flagged_only_when_sure() -> None:
    scorer = MatchScorer.untrained()
    sure = resolve([_change("800", "700", 0.95)], scorer)
    assert [c.verdict for c in sure] == [Verdict.inconsistent]
    assert "[change from new (2025-01-10); old from old (2024-01-10); new from new (2025-01-10)]" in sure[0].explanation
    assert resolve([_change("800", "700", 0.6)], scorer) == []  # unsure: no flag
    assert resolve([_change("800", "700", 0.3)], scorer) == []  # below keep
    # sure, but the two releases name the figures with no word in common: no ground for a finding
    unnamed = _change("800", "700", 0.95)
    unnamed.figs = (unnamed.figs[0], _fig(OLD, "800", "800", "COUNT", frozenset({"onlin"})), unnamed.figs[2])
    assert resolve([unnamed], scorer) == []


def test_cross_key_names_the_figures() -> None:
    (check,) = resolve([_change("1,000", "900", 0.9)], MatchScorer.untrained())
    assert cross_key(check) == "change|new#c|old#1,000|new#900"
    assert [s.doc for s in check.sources] == ["new", "old"]


def test_the_onnx_embedder_gives_the_torch_encoders_vectors_and_serves_without_torch() -> None:
    import subprocess
    import sys

    from numcheck.inference.cross import OnnxEmbedder

    phrases = ["crimes recorded", "registered criminal offences", "tons of cargo handled", ""]
    onnx = OnnxEmbedder().embed(phrases)
    assert onnx.shape == (4, 384) and not onnx[3].any()
    assert np.allclose(np.linalg.norm(onnx[:3], axis=1), 1, atol=1e-5)
    torch_side = pytest.importorskip("torch")
    assert torch_side is not None
    from numcheck.inference.cross import EncoderEmbedder

    cos = (EncoderEmbedder().embed(phrases[:3]) * onnx[:3]).sum(1)
    assert cos.min() > 0.995, cos  # measured 0.999 and above
    code = ("import sys; sys.modules['torch'] = None\n"
            "from numcheck.inference.cross import default_embedder\n"
            "print(type(default_embedder()).__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "OnnxEmbedder", out.stderr


def test_a_store_run_reads_phrases_on_its_extractors_onnx_session() -> None:
    """--store loads no second copy of the model: the run's ONNX session gives the phrase vectors,
    the same ones a session of its own gives; a model on torch (or another model) gets its own."""
    from numcheck.inference.cross import OnnxEmbedder, default_embedder
    from numcheck.inference.extractor import get_extractor

    extractor = get_extractor("model")
    assert extractor.runtime == "onnx"
    shared = default_embedder(extractor=extractor)
    assert isinstance(shared, OnnxEmbedder) and shared.session is extractor.session
    phrases = ["crimes recorded", "vessel calls at the port", ""]
    assert np.array_equal(shared.embed(phrases), OnnxEmbedder().embed(phrases))
    # The extractor still tags after serving the phrases (its own states output is untouched).
    assert [q.text for q in extractor.extract(["Of 2,000 thefts, 450 were solved."])[0]] == ["2,000", "450"]

    class Other:
        runtime = "torch"
        model_path = extractor.model_path

    alone = default_embedder(extractor=Other())
    assert isinstance(alone, OnnxEmbedder) and alone.session is not extractor.session


def test_a_restatement_in_other_words_is_a_candidate_by_its_size() -> None:
    """Three figures of the earlier release are nearer in words; the one nearest in size is
    still proposed (a restatement may be named otherwise), whether it agrees or not."""
    from numcheck.inference.cross import equal_candidates

    old = StoredDocument(id="old", text="In H1 2021: 310 thefts, 295 frauds, 280 robberies, 14,058 offences.", date="2021-07-01")
    new = StoredDocument(id="new", text="In H1 2021, 14,085 crimes were registered.", date="2021-07-09")

    def fig(doc: StoredDocument, printed: str, vec: list[float]) -> Fig:
        f = _fig(doc, printed, printed, "COUNT")
        f.f.value = float(printed.replace(",", ""))
        f.f.period_start, f.f.period_end = "2021-01-01", "2021-06-30"
        f.vec = np.array(vec, dtype=np.float32) / np.linalg.norm(vec)
        return f

    stated = fig(new, "14,085", [1, 0, 0, 0])
    olds = [fig(old, "310", [1, 0.1, 0, 0]), fig(old, "295", [1, 0.2, 0, 0]), fig(old, "280", [1, 0.3, 0, 0]),
            fig(old, "14,058", [0, 1, 0, 0])]
    pairs = {(c.figs[0].f.text, c.figs[1].f.text) for c in equal_candidates([stated], olds)}
    assert ("14,058", "14,085") in pairs  # fourth in words, first in size: proposed, to be judged
    assert ("280", "14,085") in pairs  # the three nearest in words stay


def test_an_old_level_in_other_words_is_a_candidate_by_its_size() -> None:
    """The change's old level is proposed among the levels nearest in size, not only in words."""
    from numcheck.inference.cross import change_candidates

    old = StoredDocument(id="old", text="In 2023: 310 thefts, 295 frauds, 280 robberies, 36,811 offences.", date="2024-01-20")
    new = StoredDocument(id="new", text="In 2024, 33,379 crimes were registered, 9.4% fewer.", date="2025-01-20")

    def fig(doc: StoredDocument, printed: str, kind: str, year: int, vec: list[float]) -> Fig:
        f = _fig(doc, printed, printed, kind)
        f.f.value = float(printed.rstrip("%").replace(",", ""))
        f.f.period_start, f.f.period_end = f"{year}-01-01", f"{year}-12-31"
        f.vec = np.array(vec, dtype=np.float32) / np.linalg.norm(vec)
        return f

    change = fig(new, "9.4%", "CHANGE", 2024, [1, 0, 0, 0])
    change.f.compare_start, change.f.compare_end = "2023-01-01", "2023-12-31"
    level = fig(new, "33,379", "COUNT", 2024, [1, 0, 0, 0])
    olds = [fig(old, "310", "COUNT", 2023, [1, 0.1, 0, 0]), fig(old, "295", "COUNT", 2023, [1, 0.2, 0, 0]),
            fig(old, "280", "COUNT", 2023, [1, 0.3, 0, 0]), fig(old, "36,811", "COUNT", 2023, [0, 1, 0, 0])]
    triples = {(c.figs[1].f.text, c.figs[2].f.text) for c in change_candidates([change], [change, level], olds)}
    assert ("36,811", "33,379") in triples


class _CountingEmbedder:
    """Unit vectors by phrase, counting the phrases it is asked to encode."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def embed(self, texts):
        self.asked += list(texts)
        return np.ones((len(texts), 4), dtype=np.float32) / 2


def test_a_document_is_described_with_its_prose_figures_each_phrase_encoded_once() -> None:
    from numcheck.inference.cross import describe_document
    from numcheck.schema import Cell, DocumentResult, Table

    prose = "In 2024 the port handled 4,120 calls. In 2024 the port handled 4,120 calls."
    table = "Region | 2023 | 2024\nNorth | 12 | 15"
    text = prose + "\n\n" + table
    start = len(prose) + 2
    qs = [Quantity(id=f"q{i}", start=p, end=p + 5, text="4,120", kind="COUNT", value=4120)
          for i, p in enumerate((prose.index("4,120"), prose.rindex("4,120")), 1)]
    for i, v in enumerate(("12", "15"), 3):
        p = text.index(f" {v}", start) + 1
        qs.append(Quantity(id=f"q{i}", start=p, end=p + 2, text=v, kind="COUNT", value=int(v)))
    cells = [Cell(row=1, col=c, start=text.index(v, start), end=text.index(v, start) + len(v))
             for c, v in ((1, "12"), (2, "15"))]
    result = DocumentResult(id="d", text=text, quantities=qs,
                            tables=[Table(id="t1", start=start, end=len(text), n_rows=2, n_cols=3, cells=cells)])
    embedder = _CountingEmbedder()
    doc = describe_document(result, embedder)
    # the table's cells are named by headers the matcher does not read: not stored
    assert [f.qid for f in doc.figures] == ["q1", "q2"]
    # two figures named alike: their phrase is encoded once, and both carry its vector
    assert len(embedder.asked) == len(set(embedder.asked)) == 1
    assert doc.figures[0].vector == doc.figures[1].vector is not None


def test_figures_printed_in_units_of_one_dimension_are_matched_and_judged_in_one_unit() -> None:
    """"8.7 Mtoe" in one release and "8.7 million tonnes of oil equivalent" in the next are one
    figure restated; "9.6 million tonnes of oil equivalent", a rise of 10.3% on 8.7 Mtoe, agrees."""
    from numcheck.inference.cross import arithmetic, change_candidates, equal_candidates

    old = StoredDocument(id="old", text="In 2012 the sector used 8.7 Mtoe of renewable energy.", date="2013-06-01")
    new = StoredDocument(id="new", text=("The sector used 8.7 million tonnes of oil equivalent in 2012 and "
                                         "9.6 million tonnes of oil equivalent in 2013, up 10.3%."), date="2014-06-01")

    def fig(doc: StoredDocument, printed: str, kind: str, year: int, nth: int = 0) -> Fig:
        start = -1
        for _ in range(nth + 1):
            start = doc.text.index(printed, start + 1)
        p = parse_number(printed)
        assert p is not None
        sf = StoredFigure(doc_id=doc.id, qid=f"{printed}@{start}", start=start, end=start + len(printed), text=printed,
                          kind=kind, value=float(p.value), unit=p.unit, measure="renewable energy used",
                          sentence_start=0, sentence_end=len(doc.text),
                          period_start=f"{year}-01-01", period_end=f"{year}-12-31")
        return Fig(sf, doc, np.array([1, 0, 0, 0], dtype=np.float32), family(sf), {"renew", "energ"})

    was = fig(old, "8.7 Mtoe", "MEASURE", 2012)
    restated = fig(new, "8.7 million tonnes of oil equivalent", "MEASURE", 2012)
    assert was.family == restated.family == "measure:oil equivalent"
    (pair,) = equal_candidates([restated], [was])
    check = arithmetic(pair)
    assert check.verdict is Verdict.consistent
    assert "; 8.7 Mtoe admits 8,650,000 to under 8,800,000 toe; the two admit a common value" in check.explanation

    change = fig(new, "10.3%", "CHANGE", 2013)
    change.f.compare_start, change.f.compare_end = "2012-01-01", "2012-12-31"
    level = fig(new, "9.6 million tonnes of oil equivalent", "MEASURE", 2013)
    (triple,) = change_candidates([change], [change, level], [was])
    assert triple.features[10] < 0.05  # log ratio in one unit: 9.6 against 8.7 million toe
    assert arithmetic(triple).verdict is Verdict.consistent  # 9.6 / 8.7 - 1 = 10.34%
    # a restatement that moved by a tenth of a Mtoe is a revision, not the same value
    revised = fig(new, "9.6 million tonnes of oil equivalent", "MEASURE", 2012)
    assert arithmetic(Candidate(CrossKind.equal, (was, revised), [])).verdict is Verdict.inconsistent


def test_the_low_end_of_a_range_takes_the_whole_unit_of_its_high_end() -> None:
    """"from 8.7 to 9.6 million tonnes of oil equivalent": 8.7 is 8.7 million toe, of the oil
    equivalent family, so a "8.8 Mtoe" of another release can be its restatement."""
    from numcheck.inference.describe import describe_span

    t = "Consumption rose from 8.7 to 9.6 million tonnes of oil equivalent, and from 5 to 10 kilometres."
    low = t.index("8.7")
    assert describe_span(t, low, low + 3, "MEASURE") == (8700000, "toe")
    assert describe_span(t, t.index("5 to"), t.index("5 to") + 1, "MEASURE") == (5, "km")
    assert family(StoredFigure(doc_id="d", qid="q", start=low, end=low + 3, text="8.7", kind="MEASURE",
                               unit="toe")) == "measure:oil equivalent"
    assert family(StoredFigure(doc_id="d", qid="q", start=0, end=2, text="87", kind="COUNT", unit="crimes")) == "count"


def test_a_restatement_at_another_grain_of_period_is_found_but_never_flagged() -> None:
    """A census day's figure restated in a bulletin dated by its month (or year): proposed, and
    reported when it agrees; when it disagrees it is not a finding, since a rate of a month and
    of its year may both be right."""
    from numcheck.inference.cross import equal_candidates

    old = StoredDocument(id="old", text="On census day, 27 March 2011, the island had 56,100 residents.", date="2012-07-16")
    new = StoredDocument(id="new", text="The island had 56,100 residents in March.", date="2012-12-11")
    wrong = StoredDocument(id="wrong", text="The island had 51,600 residents in March.", date="2012-12-11")

    def fig(doc: StoredDocument, start: str, end: str) -> Fig:
        f = _fig(doc, "q", doc.text.split(" residents")[0].split()[-1], "COUNT", frozenset({"resid", "islan"}))
        f.f.value = float(f.f.text.replace(",", ""))
        f.f.period_start, f.f.period_end = start, end
        return f

    day = fig(old, "2011-03-27", "2011-03-27")
    month, other = fig(new, "2011-03-01", "2011-03-31"), fig(wrong, "2011-03-01", "2011-03-31")
    year_before = fig(new, "2010-01-01", "2010-12-31")
    (agrees,) = equal_candidates([month], [day])
    assert agrees.nested
    assert equal_candidates([year_before], [day]) == []  # periods apart: no candidate
    agrees.score = 0.95
    assert [c.verdict for c in resolve([agrees], MatchScorer.untrained())] == [Verdict.consistent]
    (disagrees,) = equal_candidates([other], [day])
    disagrees.score = 0.95
    assert resolve([disagrees], MatchScorer.untrained()) == []
    disagrees.nested = False  # the same pair at one grain of period would be a finding
    assert [c.verdict for c in resolve([disagrees], MatchScorer.untrained())] == [Verdict.inconsistent]


def test_a_small_number_restated_needs_shared_words_or_a_precise_neighbour() -> None:
    """Unrelated releases share small numbers: "25" of bridges and "25" of states agree by chance.
    A restatement that agrees is reported when the two documents name it alike, when it is
    printed with three significant digits or more, or beside such a restatement of the same
    two sentences ("59 per cent (33.2 million)" in both)."""
    old = StoredDocument(id="old", text="Of 25 bridges, 12 were closed. Christians were 59 per cent (33.2 million).",
                         date="2013-01-10")
    new = StoredDocument(id="new", text="Some 25 states replied. 59 per cent (33.2 million) were Christian.",
                         date="2014-01-10")

    def restated(printed: str, old_words: set[str], new_words: set[str], score: float = 0.9) -> Candidate:
        a, b = _fig(old, "o" + printed, printed, "COUNT"), _fig(new, "n" + printed, printed, "COUNT")
        a.words, b.words = old_words, new_words
        # the share and its count stand in one sentence of each release
        a.f.sentence_start = old.text.index("Christians") if printed != "25" else 0
        b.f.sentence_start = new.text.index("59 per cent") if printed != "25" else 0
        return Candidate(CrossKind.equal, (a, b), [], score)

    scorer = MatchScorer.untrained()
    assert resolve([restated("25", {"bridg"}, {"state"})], scorer) == []
    assert [c.verdict for c in resolve([restated("25", {"bridg"}, {"bridg"})], scorer)] == [Verdict.consistent]
    share = restated("59 per cent", {"chris"}, set())
    assert resolve([share], scorer) == []  # alone, no word in common
    both = resolve([share, restated("33.2 million", set(), set())], scorer)
    assert sorted(q.text for c in both for q in c.quantities[:1]) == ["33.2 million", "59 per cent"]


def test_a_wrong_link_in_the_text_gives_way_to_a_level_the_arithmetic_confirms() -> None:
    """The change's document links "10%" to 700 (its own linker's pair): 800 -> 700 disagrees,
    1,000 -> 900 agrees. The agreeing reading is reported; with no agreeing reading, nothing is
    (a wrong link is no ground for a finding unless the match itself is sure)."""
    def linked(old_fig: str, new_fig: str, score: float, partner: str = "700") -> Candidate:
        cand = _change(old_fig, new_fig, score)
        cand.figs[0].f.partner = partner
        return cand

    (check,) = resolve([linked("800", "700", 0.45), linked("1,000", "900", 0.6)], MatchScorer.untrained())
    assert check.verdict is Verdict.consistent
    assert [q.text for q in check.quantities] == ["10%", "1,000", "900"]
    # the linked reading alone, disagreeing and unsure: nothing reported
    assert resolve([linked("800", "700", 0.5)], MatchScorer.untrained()) == []
    # a link the arithmetic confirms keeps the other level out, even one scored higher
    (only,) = resolve([linked("1,000", "900", 0.6, partner="900"), linked("800", "700", 0.9, partner="900")],
                      MatchScorer.untrained())
    assert [q.text for q in only.quantities] == ["10%", "1,000", "900"]


# --------------------------------------------------------------------------- running totals (`sum`)

_PUBLISHER = "Constabulary of Wrenmouth"


def _release(doc_id: str, title: str, date_: str, text: str, figures: list[str]) -> "DocumentResult":
    """A checked release of the invented constabulary: each printed figure a COUNT."""
    from numcheck.schema import DocumentResult, Source

    qs, pos = [], 0
    for i, printed in enumerate(figures, 1):
        start = text.index(printed, pos)
        pos = start + len(printed)
        qs.append(Quantity(id=f"q{i}", start=start, end=pos, text=printed, kind="COUNT",
                           value=int(printed.replace(",", "")), unit="burglaries"))
    return DocumentResult(id=doc_id, text=text, quantities=qs,
                          source=Source(publisher=_PUBLISHER, title=title, date=date_))


MAY = ("wren-2024-05", "Burglary bulletin, January to May 2024", "2024-06-12",
       "From January to May 2024, officers recorded 1,215 burglaries.", ["1,215"])


def _june(total: str, part: str = "247", when: str = "In June") -> tuple:
    return ("wren-2024-06", "Burglary bulletin, January to June 2024", "2024-07-11",
            f"{when}, officers recorded {part} burglaries. In January-June 2024, officers recorded {total} burglaries.",
            [part, total])


def _run(tmp_path, *releases: tuple, make=None) -> list:
    """The cross checks of each release, read one per run into one store, in the order given;
    `make` builds a checked release from each tuple (`_release` by default)."""
    from numcheck.inference.cross import CrossMatcher
    from numcheck.store import Store

    from dataclasses import replace

    store = Store(tmp_path / "archive.db")
    # The shipped scores; vectors of the stand-in embedder are compared as they are (its cosine has no weight).
    matcher = CrossMatcher(store, _CountingEmbedder(), replace(MatchScorer.load(), center=None))
    try:
        return [matcher.process((make or _release)(*r)).cross_checks for r in releases]
    finally:
        store.close()


def test_a_running_total_restated_across_two_releases_is_a_consistent_sum(tmp_path) -> None:
    # 1,215 (January-May) + 247 (June) = 1,462 (January-June)
    first, second = _run(tmp_path, MAY, _june("1,462"))
    assert first == []
    sums = [c for c in second if c.kind is CrossKind.sum]
    assert len(sums) == 1
    (check,) = sums
    assert [(q.doc, q.text) for q in check.quantities] == [
        ("wren-2024-05", "1,215"), ("wren-2024-06", "247"), ("wren-2024-06", "1,462")]
    assert check.verdict is Verdict.consistent and check.expected is None and 0.5 <= check.score <= 1
    # the arithmetic in words, naming both releases by title and date
    assert "1,215 + 247 = 1,462" in check.explanation
    assert "Burglary bulletin, January to May 2024 (2024-06-12)" in check.explanation
    assert "Burglary bulletin, January to June 2024 (2024-07-11)" in check.explanation
    assert "January-May 2024" in check.explanation and "June 2024" in check.explanation


def test_a_running_total_is_reported_once_whichever_release_is_read_first(tmp_path) -> None:
    second, first = _run(tmp_path, _june("1,462"), MAY)
    sums = [c for c in second + first if c.kind is CrossKind.sum]
    assert [[q.text for q in c.quantities] for c in sums] == [["1,215", "247", "1,462"]]
    assert sums[0].verdict is Verdict.consistent


def test_a_wrong_running_total_named_alike_and_sure_is_flagged(tmp_path) -> None:
    # 1,215 + 247 = 1,462, printed 1,426
    _, second = _run(tmp_path, MAY, _june("1,426"))
    (check,) = [c for c in second if c.kind is CrossKind.sum]
    assert check.verdict is Verdict.inconsistent and check.score >= 0.8
    assert "they do not add up" in check.explanation


def test_a_wrong_running_total_is_not_flagged_when_the_releases_name_it_apart(tmp_path) -> None:
    # the same wrong arithmetic, but June's release names the figures in other words: no finding
    june = ("wren-2024-06", "Burglary bulletin, January to June 2024", "2024-07-11",
            "In June, the force logged 247 break-ins. In January-June 2024, the force logged 1,426 break-ins.",
            ["247", "1,426"])
    _, second = _run(tmp_path, MAY, june)
    assert [c for c in second if c.verdict is Verdict.inconsistent] == []


@pytest.mark.parametrize("when", ["In the second quarter", "In May and June", "Last year"])
def test_a_part_that_does_not_tile_the_running_total_is_not_proposed(tmp_path, when: str) -> None:
    # April-June overlaps January-May, May and June overlap it too, last year lies outside it:
    # none is the days after May up to June, so 1,215 + 247 = 1,462 is no check, however it adds up
    _, second = _run(tmp_path, MAY, _june("1,462", when=when))
    assert [c for c in second if c.kind is CrossKind.sum] == []


def _total_fig(doc: StoredDocument, printed: str, start: str | None, end: str | None,
               words: frozenset[str] = frozenset({"burgl", "recor"})) -> Fig:
    f = _fig(doc, printed, printed, "COUNT", words)
    f.f.value = float(printed.replace(",", ""))
    f.f.period_start, f.f.period_end = start, end
    return f


SPRING = StoredDocument(id="spring", text="Burglaries January-May: 1,215.", date="2024-06-12")
SUMMER = StoredDocument(id="summer", text="Burglaries in June: 247; January-June: 1,462 (or 1,426), 250.", date="2024-07-11")


def test_sum_candidates_need_one_start_and_a_part_that_tiles_and_skip_figures_without_a_period() -> None:
    from numcheck.inference.cross import sum_candidates

    old = _total_fig(SPRING, "1,215", "2024-01-01", "2024-05-31")
    part = _total_fig(SUMMER, "247", "2024-06-01", "2024-06-30")
    total = _total_fig(SUMMER, "1,462", "2024-01-01", "2024-06-30")
    (cand,) = sum_candidates([part, total], [old])
    assert cand.kind is CrossKind.sum and [f.f.text for f in cand.figs] == ["1,215", "247", "1,462"]
    no_period = _total_fig(SUMMER, "250", None, None)
    late_start = _total_fig(SUMMER, "1,426", "2024-02-01", "2024-06-30")
    assert sum_candidates([no_period, late_start], [old]) == []  # no period; another start
    gap = _total_fig(SUMMER, "247", "2024-06-02", "2024-06-30")
    assert sum_candidates([gap, total], [old]) == []  # a day missing between the two totals
    assert sum_candidates([part, total], []) == []  # both totals of one document: checked within it


def _sum(total: str, score: float, words: frozenset[str] = frozenset({"burgl", "recor"})) -> Candidate:
    figs = (_total_fig(SPRING, "1,215", "2024-01-01", "2024-05-31"), _total_fig(SUMMER, "247", "2024-06-01", "2024-06-30"),
            _total_fig(SUMMER, total, "2024-01-01", "2024-06-30", words))
    return Candidate(CrossKind.sum, figs, [], score)


def test_a_wrong_running_total_is_flagged_only_under_the_flag_policy() -> None:
    scorer = MatchScorer.untrained()
    (flag,) = resolve([_sum("1,426", 0.9)], scorer)
    assert flag.verdict is Verdict.inconsistent and flag.expected is None
    assert "1,215 + 247 = 1,462 (exact); stated total 1,426 (exact): they do not add up" in flag.explanation
    assert resolve([_sum("1,426", 0.7)], scorer) == []  # not sure enough
    assert resolve([_sum("1,426", 0.9, frozenset({"arres"}))], scorer) == []  # the total named otherwise
    # another reading about as likely: no finding, and none when another reading adds up
    rival = _sum("1,426", 0.85)
    rival.figs = (rival.figs[0], _total_fig(SUMMER, "250", "2024-06-01", "2024-06-30"), rival.figs[2])
    assert resolve([_sum("1,426", 0.9), rival], scorer) == []
    # the same earlier total and part add up to another total of the release: that one is theirs
    (only,) = resolve([_sum("1,426", 0.9), _sum("1,462", 0.55)], scorer)
    assert only.verdict is Verdict.consistent and only.quantities[2].text == "1,462"


def _settlement(doc_id: str, date_: str, text: str, amounts: list[str]) -> "DocumentResult":
    """A release of an invented regulator: each printed amount MONEY in dollars ("$41.6 million")."""
    from numcheck.schema import DocumentResult, Source

    qs, pos = [], 0
    for i, printed in enumerate(amounts, 1):
        start = text.index(printed, pos)
        pos = start + len(printed)
        number, _, scale = printed.lstrip("$").partition(" ")
        value = float(number.replace(",", "")) * {"million": 1e6, "": 1.0}[scale]
        qs.append(Quantity(id=f"q{i}", start=start, end=pos, text=printed, kind="MONEY", value=value, unit="USD"))
    return DocumentResult(id=doc_id, text=text, quantities=qs,
                          source=Source(publisher="Harbour Safety Authority", title=f"Release {doc_id}", date=date_))


def _settlements(tmp_path, *releases: tuple) -> list:
    return _run(tmp_path, *releases, make=_settlement)


_PLEA = ("hsa-2024-031", "2024-03-05",
         "Harwick Ferries agreed to pay $41.6 million to settle claims that it falsified its safety logs.",
         ["$41.6 million"])


def _review(amount: str) -> tuple:
    return ("hsa-2025-007", "2025-02-10",
            f"Among the cases of the year, Harwick Ferries paid {amount} to settle claims that it falsified "
            "its safety logs.", [amount])


def test_a_one_off_amount_restated_a_year_later_is_found_though_its_periods_differ(tmp_path) -> None:
    # No sentence names a period: each figure takes its release's year, 2024 and 2025.
    first, second = _settlements(tmp_path, _PLEA, _review("$41.6 million"))
    assert first == []
    (check,) = second
    assert check.kind is CrossKind.equal and check.verdict is Verdict.consistent
    assert [(q.doc, q.text) for q in check.quantities] == [("hsa-2024-031", "$41.6 million"),
                                                            ("hsa-2025-007", "$41.6 million")]


@pytest.mark.parametrize("amount", ["$41.9 million", "$46.1 million"])
def test_a_one_off_amount_that_differs_is_never_a_finding(tmp_path, amount: str) -> None:
    # Without a period, two amounts named alike may be of different years: no restatement, no flag.
    _, second = _settlements(tmp_path, _PLEA, _review(amount))
    assert second == []


def test_an_amount_many_releases_print_alike_is_a_standing_phrase_not_a_restatement(tmp_path) -> None:
    def fine(n: int) -> tuple:
        return (f"hsa-{2020 + n}-001", f"{2020 + n}-03-01",
                "The operator faces a fine of up to $250,000 for each breach of the rules.", ["$250,000"])

    *earlier, last = _settlements(tmp_path, fine(1), fine(2), fine(3), fine(4))
    # restated once each: the third release's against the latest before it
    assert [[q.doc for q in c.quantities] for cs in earlier for c in cs] == [
        ["hsa-2021-001", "hsa-2022-001"], ["hsa-2022-001", "hsa-2023-001"]]
    assert last == []  # three earlier releases print it: boilerplate


@pytest.mark.parametrize(("title", "sentence", "flagged"), [
    # nothing names the period: each release's count "to date" is a guess at its year
    ("Operation Larch update", "Officers have charged {} people in the operation so far.", False),
    # the sentence names it: one year's count printed twice, differently
    ("Operation Larch update", "In 2024, officers charged {} people in the operation.", True),
])
def test_figures_whose_periods_are_both_guessed_are_never_flagged(tmp_path, title: str, sentence: str,
                                                                     flagged: bool) -> None:
    first = ("wren-larch-1", title, "2025-03-02", sentence.format("1,215"), ["1,215"])
    second = ("wren-larch-2", title, "2025-05-20", sentence.format("1,251"), ["1,251"])
    _, checks = _run(tmp_path, first, second)
    assert [c.verdict for c in checks] == ([Verdict.inconsistent] if flagged else [])


def test_a_figure_printed_alike_in_many_releases_is_restated_once_against_the_latest(tmp_path) -> None:
    def bulletin(n: int) -> tuple:
        return (f"wren-2024-q{n}", f"Burglary bulletin {n}, 2024", f"2025-0{n}-15",
                "In 2024, officers recorded 1,215 burglaries.", ["1,215"])

    *_, last = _run(tmp_path, bulletin(1), bulletin(2), bulletin(3))
    assert [[q.doc for q in c.quantities] for c in last] == [["wren-2024-q2", "wren-2024-q3"]]


@pytest.mark.parametrize(("new_level", "finding"), [
    ("37,000", False),  # +4,525% against "fell by 10%": a wrong match, sure or not
    ("8,000", True),  # +900%, but one slip of one figure makes it hold: a finding that names it
])
def test_a_change_far_off_its_levels_across_releases_is_a_finding_only_when_a_slip_explains_it(
        new_level: str, finding: bool) -> None:
    far = StoredDocument(id="new", text=f"In 2024 there were {new_level} thefts; thefts fell by 10%.", date="2025-01-10")
    cand = Candidate(CrossKind.change, (_fig(far, "c", "10%", "CHANGE"), _fig(OLD, "800", "800", "COUNT"),
                                        _fig(far, new_level, new_level, "COUNT")), [], 0.99)
    checks = resolve([cand], MatchScorer.untrained())
    assert [c.verdict for c in checks] == ([Verdict.inconsistent] if finding else [])
    assert all("may be a misprint of" in c.explanation for c in checks)
    # the same score and words, 800 -> 700 (-12.5% against 10%): near enough to be a finding as it is
    assert [c.verdict for c in resolve([_change("800", "700", 0.99)], MatchScorer.untrained())] == [Verdict.inconsistent]
