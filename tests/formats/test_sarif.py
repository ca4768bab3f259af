"""SARIF 2.1.0: kinds and levels by verdict, regions into the checked text, notifications for errors."""

from __future__ import annotations

from numcheck.formats import RunSummary
from numcheck.formats.sarif import render_sarif
from numcheck.schema import Check, DocError, DocumentResult, Quantity, Source

TEXT = "Of 40 cases, 10 were closed (25%)."


def result() -> DocumentResult:
    qs = [Quantity(id="q1", start=3, end=5, text="40", kind="COUNT"), Quantity(id="q2", start=13, end=15, text="10", kind="COUNT"),
          Quantity(id="q3", start=TEXT.index("25%"), end=TEXT.index("25%") + 3, text="25%", kind="PERCENT")]
    checks = [Check(kind=k, quantities=q, verdict=v, explanation=f"{k} {v}") for k, q, v in [
        ("share", ["q3", "q2", "q1"], "consistent"), ("part_whole", ["q2", "q1"], "inconsistent"),
        ("change", ["q3", None, "q2"], "ambiguous"), ("rate", ["q2", "q1", "ref:population"], "unverifiable")]]
    return DocumentResult(id="press/a.txt", source=Source(path="press/a.txt"), text=TEXT, quantities=qs, checks=checks)


def test_kinds_levels_rules_and_regions():
    broken = DocumentResult(id="press/b.txt", errors=[DocError(code="E_EMPTY", message="press/b.txt is empty. Pass text")])
    log = render_sarif([result(), broken], RunSummary(documents=2))
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == ["share", "rate", "part_whole", "sum", "change"]
    got = [(r["ruleId"], r["kind"], r["level"]) for r in run["results"]]
    assert got == [("share", "pass", "none"), ("part_whole", "fail", "error"), ("change", "review", "none"), ("rate", "open", "none")]
    for r in run["results"]:
        assert rules[r["ruleIndex"]] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        region = loc["region"]
        artifact = run["artifacts"][loc["artifactLocation"]["index"]]
        stated = artifact["contents"]["text"][region["charOffset"]:region["charOffset"] + region["charLength"]]
        assert stated == {"share": "25%", "part_whole": "10", "change": "25%", "rate": "10"}[r["ruleId"]]
        assert loc["artifactLocation"]["uri"] == "press/a.txt"
    assert [len(r["relatedLocations"]) for r in run["results"]] == [3, 2, 2, 2]
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["descriptor"]["id"] == "E_EMPTY" and note["level"] == "error"
