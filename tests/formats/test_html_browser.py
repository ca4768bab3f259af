"""The HTML report in a real browser: Debian's chromium headless, driven by Playwright.

Skipped cleanly when playwright or /usr/bin/chromium is missing (CI installs chromium).
Playwright's own browser download is never used: `executable_path` points at chromium.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from numcheck.formats import RunSummary, figure_verdicts
from numcheck.formats.html import render_html
from numcheck.schema import Check, DocumentResult, Quantity, Source

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser

RELEASE = (
    "Harbour traffic in 2024\n\n"
    "In 2024 the port recorded 12,400 ships. Of these, 3,100 ships, or 25%, were container vessels.\n\n"
    "Cargo rose by 10% from 200,000 tonnes to 220,000 tonnes, while 5,400 of the 4,000 berths were used.\n\n"
    "Quay | Berths\nEast | 1,200\nWest | 1,500\nTotal | 2,900"  # a table whose total is off: a sure finding
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, args=ARGS, headless=True,
        )
        yield context
        context.close()


def open_report(browser, tmp_path: Path, results: list[DocumentResult]):
    path = tmp_path / "report.html"
    path.write_text(render_html(results, RunSummary(documents=len(results))), encoding="utf-8")
    page = browser.new_page()
    events: list[str] = []
    page.on("dialog", lambda d: (events.append("dialog: " + d.message), d.dismiss()))
    page.on("pageerror", lambda e: events.append(f"pageerror: {e}"))
    page.on("console", lambda m: events.append(f"console: {m.text}"))
    page.on("request", lambda r: events.append(f"request: {r.url}") if not r.url.startswith("file:") else None)
    page.goto(path.as_uri())
    return page, events


def press_release() -> DocumentResult:
    """The release checked for real: the rules extractor and the checker, when both are installed."""
    rules = pytest.importorskip("numcheck.inference.rules")
    from numcheck.pipeline import check_documents
    from numcheck.schema import Document

    [result] = check_documents([Document(id="press/harbour.txt", text=RELEASE)], rules.RuleExtractor())
    return result


def test_every_figure_is_highlighted_with_its_verdict_and_a_click_shows_the_arithmetic(browser, tmp_path):
    result = press_release()
    assert {c.verdict.value for c in result.checks} >= {"consistent", "inconsistent"}
    page, events = open_report(browser, tmp_path, [result])
    marks = page.locator("section.doc mark[data-quantity-id]")
    checked = [q for q in result.quantities if figure_verdicts(result)[q.id] != "not_checked"]
    assert marks.count() == len(checked) > 0
    verdicts = figure_verdicts(result)
    colours = {}
    for i in range(marks.count()):
        mark = marks.nth(i)
        qid = mark.get_attribute("data-quantity-id")
        assert mark.inner_text() == result.quantity(qid).text
        assert mark.get_attribute("data-verdict") == verdicts[qid]
        colours.setdefault(verdicts[qid], set()).add(mark.evaluate("e => getComputedStyle(e).backgroundColor"))
    # The stylesheet ran under the Content-Security-Policy: each verdict has its own colour.
    checked = [c for v, c in colours.items() if v != "not_checked"]
    assert all(len(c) == 1 for c in checked) and len({next(iter(c)) for c in checked}) == len(checked)

    panel = page.locator("section.doc .panel")
    assert panel.is_hidden()
    for check in result.checks:
        qid = next(q for q in check.quantities if q and q.startswith("q"))
        page.locator(f'section.doc mark[data-quantity-id="{qid}"]').click()
        assert panel.is_visible()
        shown = panel.inner_text()
        assert check.explanation in shown
        assert check.verdict.value in shown.lower()
    assert events == []


def test_script_and_onerror_in_a_document_show_as_text_and_never_run(browser, tmp_path):
    evil = ('Of 40 cases <script>window.__pwned = 1; alert("x")</script>, 50 were '
            '<img src=x onerror="window.__pwned = 2; alert(2)"> solved. </div><svg onload="window.__pwned=3">')
    start = evil.index("40")
    part = evil.index("50")
    result = DocumentResult(
        id='<img src=y onerror="window.__pwned=4">.txt',
        source=Source(title="<script>window.__pwned=5</script>", publisher="x\" onmouseover=\"window.__pwned=6"),
        text=evil,
        quantities=[Quantity(id="q1", start=start, end=start + 2, text="40", kind="COUNT", unit="<b onclick=alert(1)>"),
                    Quantity(id="q2", start=part, end=part + 2, text="50", kind="COUNT")],
        checks=[Check(kind="part_whole", quantities=["q2", "q1"], verdict="inconsistent",
                      explanation='50 > 40 <img src=z onerror="window.__pwned=7">')],
    )
    page, events = open_report(browser, tmp_path, [result])
    page.locator('section.doc mark[data-quantity-id="q1"]').click()
    page.locator('section.doc mark[data-quantity-id="q1"]').hover()
    page.wait_for_timeout(100)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("section.doc img, section.doc svg, section.doc script").count() == 0
    text = page.locator("section.doc .text").inner_text()
    assert '<script>window.__pwned = 1; alert("x")</script>' in text
    assert '<img src=x onerror="window.__pwned = 2; alert(2)">' in text
    assert 'onerror="window.__pwned=7"' in page.locator("section.doc .panel").inner_text()
    assert [e for e in events if e.startswith(("dialog", "request"))] == []


def test_findings_come_first_and_a_table_is_drawn_with_its_suspect_cell_marked(browser, tmp_path):
    from numcheck.inference.tables import check_tables
    from numcheck.schema import Document
    from numcheck.tables import RawCell, layout_table

    rows = [["Account", "FY2025", "FY2026"], ["Roads", "14.7", "13.7"], ["Parks", "22.2", "30.0"], ["Total", "36.9", "50.0"]]
    prose = "Spending by account is set out below.\n\n"
    text, table = layout_table([[RawCell(c) for c in r] for r in rows], offset=len(prose), table_id="t1", origin="html")
    doc = Document(id="budget.html", text=prose + text)
    found = check_tables(doc, [table], [])
    result = DocumentResult(id=doc.id, text=doc.text, quantities=found.quantities, checks=found.checks, tables=[table])
    page, events = open_report(browser, tmp_path, [result])
    finding = page.locator("li.finding").first
    assert "The two parts add up to 43.7, not the 50.0 printed as the total" in finding.inner_text()
    assert finding.locator("details .arith").is_hidden()
    finding.locator("details summary").click()
    assert "stated total 50.0" in finding.locator("details .arith").inner_text()
    grid = page.locator("section.doc table.grid")
    assert grid.count() == 1 and grid.locator("tr").count() == 4
    suspect = grid.locator("td.c-inconsistent")
    assert suspect.inner_text() == "50.0"
    assert suspect.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    finding.locator("a", has_text="show in the document").click()
    assert page.evaluate("location.hash") == "#doc-1-" + suspect.locator("mark").get_attribute("data-quantity-id")
    assert events == []
