"""The HTML report without a browser: escaping, CSP, figure verdicts, index order."""

from __future__ import annotations

import base64
import hashlib
import re

from hypothesis import given
from hypothesis import strategies as st

from numcheck.formats import RunSummary, figure_verdicts
from numcheck.formats.html import render_html, segments
from numcheck.schema import Check, DocumentResult, Quantity


def doc(doc_id: str, verdicts: list[str]) -> DocumentResult:
    text = "Of 40 cases, 10 were closed and 5 were open."
    qs = [Quantity(id="q1", start=3, end=5, text="40", kind="COUNT"), Quantity(id="q2", start=13, end=15, text="10", kind="COUNT"),
          Quantity(id="q3", start=32, end=33, text="5", kind="COUNT")]
    checks = [Check(kind="part_whole", quantities=["q2", "q1"], verdict=v, explanation=f"check {i}") for i, v in enumerate(verdicts)]
    return DocumentResult(id=doc_id, text=text, quantities=qs, checks=checks)


def test_a_figure_takes_the_worst_verdict_of_its_checks():
    r = doc("a", ["consistent", "inconsistent", "ambiguous"])
    assert figure_verdicts(r) == {"q1": "inconsistent", "q2": "inconsistent", "q3": "not_checked"}
    assert figure_verdicts(doc("b", ["consistent", "unverifiable"]))["q1"] == "unverifiable"


def test_every_checked_figure_is_a_mark_with_id_and_verdict_and_the_others_stay_plain():
    html = render_html([doc("a", ["ambiguous"])], RunSummary(documents=1))
    body = html[html.index('class="doc"'):]
    marks = re.findall(r'<mark class="q v-(\w+)" id="doc-1-(q\d)" data-quantity-id="(q\d)" data-verdict="(\w+)"', body)
    assert marks == [("ambiguous", "q1", "q1", "ambiguous"), ("ambiguous", "q2", "q2", "ambiguous")]
    assert "were open" in body and 'data-quantity-id="q3"' not in body


def test_findings_come_first_surest_first_with_plain_words_and_a_link_to_their_place():
    r = doc("a", ["inconsistent", "inconsistent"])
    r.checks[0].score, r.checks[1].score = 0.4, 0.9
    r.checks[1].explanation = "second"
    html = render_html([r], RunSummary(documents=1))
    findings = html[html.index('id="findings"'):html.index('id="index"')]
    assert findings.index("second") < findings.index("check 0")
    assert "10 is more than the 40 it is said to be part of." in findings
    assert findings.count('href="#doc-1-q2"') == 2 and 'id="doc-1-q2"' in html


def test_a_table_is_drawn_as_a_table_with_its_suspect_cell_marked():
    from numcheck.inference.tables import check_tables
    from numcheck.schema import Document
    from numcheck.tables import RawCell, layout_table

    rows = [["Area", "Cases"], ["North", "10"], ["South", "12"], ["Total", "25"]]
    text, table = layout_table([[RawCell(x) for x in r] for r in rows], offset=0, table_id="t1", origin="html")
    found = check_tables(Document(id="d", text=text), [table], [])
    result = DocumentResult(id="d", text=text, quantities=found.quantities, checks=found.checks, tables=[table])
    html = render_html([result], RunSummary(documents=1))
    body = html[html.index('class="doc"'):]
    assert body.count("<table class=\"grid\">") == 1 and "<tr><th>Area</th><th>Cases</th></tr>" in body
    assert re.search(r'<td class="c-inconsistent"><mark class="q v-inconsistent" id="doc-1-q\d" data-quantity-id="q\d" '
                     r'data-verdict="inconsistent"[^>]*>25</mark></td>', body)
    findings = html[html.index('id="findings"'):html.index('id="index"')]
    assert "The two parts add up to 22, not the 25 printed as the total (row “Total”, column “Cases”)." in findings


def test_segments_skip_figures_whose_offsets_miss_the_text():
    r = DocumentResult(id="d", text="Of 40 cases", quantities=[Quantity(id="q1", start=0, end=2, text="40", kind="COUNT")])
    assert [(s.text, s.q) for s in segments(r)] == [("Of 40 cases", None)]


def test_index_puts_most_inconsistencies_first():
    html = render_html([doc("calm", ["consistent"]), doc("worst", ["inconsistent", "inconsistent"]), doc("bad", ["inconsistent"])],
                       RunSummary(documents=3))
    index = html[html.index('id="index"'):html.index('class="doc"')]
    assert re.findall(r'<a href="#doc-\d">(\w+)</a>', index) == ["worst", "bad", "calm"]


def test_untrusted_text_is_escaped_everywhere():
    r = doc('"><script>alert(1)</script>', ["inconsistent"])
    r.checks[0].explanation = "<img src=x onerror=alert(2)>"
    r.text = r.text.replace("were closed", "<b>closed</b>")
    html = render_html([r], RunSummary(documents=1))
    body = html.split("<body>", 1)[1]
    assert "<script>alert" not in body and "<img" not in body and "<b>closed" not in body
    assert "&lt;img src=x onerror=alert(2)&gt;" in body and "&#34;&gt;&lt;script&gt;" in body
    assert body.count("<script>") == 1  # the report's own


def test_csp_allows_exactly_the_inline_style_and_script_by_hash():
    html = render_html([doc("a", ["consistent"])], RunSummary(documents=1))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        inline = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    assert "http://" not in html.replace("http-equiv", "") and "https://" not in html  # nothing to fetch


@given(st.text(min_size=1, max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=8))
def test_segments_always_rebuild_the_text_exactly(text, spans):
    qs = []
    for i, (start, length) in enumerate(spans):
        start = min(start, len(text))
        end = min(start + length, len(text))
        qs.append(Quantity(id=f"q{i + 1}", start=start, end=end, text=text[start:end], kind="COUNT"))
    segs = segments(DocumentResult(id="d", text=text, quantities=qs))
    assert "".join(s.text for s in segs) == text
    for s in segs:
        if s.q is not None:
            assert text[s.q.start:s.q.end] == s.text != ""


def test_unconfirmed_relations_are_questions_apart_from_the_findings_and_warnings_are_not_errors():
    from numcheck.schema import DocError

    text = "Of 1,240 cases, 212 (17.9%) were closed."
    qs = [Quantity(id="q1", start=3, end=8, text="1,240", kind="COUNT"), Quantity(id="q2", start=16, end=19, text="212", kind="COUNT"),
          Quantity(id="q3", start=21, end=26, text="17.9%", kind="PERCENT")]
    question = Check(kind="share", quantities=["q3", "q2", "q1"], verdict="inconsistent", score=0.4,
                     explanation="212 / 1,240 × 100 = 17.1%, but the stated 17.9% admits 17.85 to under 18")
    r = DocumentResult(id="d", text=text, quantities=qs, unconfirmed=[question],
                       errors=[DocError(code="W_PARTS", message="checked in parts")])
    html = render_html([r], RunSummary(documents=1))
    assert "1 question, not findings" in html and "link 0.40" in html and "212 / 1,240" in html
    assert "Findings: 1" not in html and 'class="warning"><code>W_PARTS' in html
