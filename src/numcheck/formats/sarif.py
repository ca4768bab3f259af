"""SARIF 2.1.0 output, for code-scanning dashboards and review tools.

One result per check: consistent is kind "pass", inconsistent is kind "fail" with level
"error", ambiguous is kind "review", unverifiable is kind "open". Rule ids are the check
kinds. Each document is an artifact whose `contents.text` is the checked text, so the
`charOffset`/`charLength` regions point into exactly that text. Documents that could not
be read are tool notifications with their error code.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import numcheck
from numcheck.formats import RunSummary, WholeReportWriter, quantity_index
from numcheck.schema import Check, CheckKind, DocumentResult, Source, Verdict

#: File name of the SARIF report in `--out`.
SARIF_NAME = "report.sarif"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

RULES = {
    CheckKind.share: "A percent is the share a part is of its whole.",
    CheckKind.rate: "A rate per base is the count divided by the population.",
    CheckKind.part_whole: "A part is not larger than its whole.",
    CheckKind.sum: "The parts add up to their total.",
    CheckKind.change: "A stated change matches the old and new values.",
}
#: kind and level of a SARIF result, by verdict (SARIF 2.1.0 section 3.27.9 and 3.27.10).
KIND_LEVEL = {
    Verdict.consistent: ("pass", "none"),
    Verdict.inconsistent: ("fail", "error"),
    Verdict.ambiguous: ("review", "none"),
    Verdict.unverifiable: ("open", "none"),
}


def _uri(result: DocumentResult) -> str:
    """A relative URI for the document: its path (or id), percent-encoded.

    A file name that is not UTF-8 is encoded as its own bytes ("caf%E9").

    >>> _uri(DocumentResult(id="press/2025 01.txt")), _uri(DocumentResult(id="caf" + chr(0xDCE9)))
    ('press/2025%2001.txt', 'caf%E9')
    """
    source = result.source
    raw = source.path if isinstance(source, Source) and source.path and source.path == result.id else result.id
    try:
        data = raw.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        data = raw.encode("utf-8", "backslashreplace")
    return quote(data, safe="/:._-~")


def _region(result: DocumentResult, qid: str | None) -> dict[str, int] | None:
    q = quantity_index(result).get(qid) if qid is not None else None
    return None if q is None else {"charOffset": q.start, "charLength": q.end - q.start}


def sarif_result(result: DocumentResult, check: Check, artifact_index: int) -> dict[str, Any]:
    """One SARIF result for one check, located at the check's first figure.

    >>> from numcheck.schema import Quantity
    >>> r = DocumentResult(id="a.txt", text="5 of 4", quantities=[Quantity(id="q1", start=0, end=1, text="5", kind="COUNT"),
    ...                    Quantity(id="q2", start=5, end=6, text="4", kind="COUNT")])
    >>> out = sarif_result(r, Check(kind="part_whole", quantities=["q1", "q2"], verdict="inconsistent", explanation="5 > 4"), 0)
    >>> out["kind"], out["level"], out["locations"][0]["physicalLocation"]["region"]
    ('fail', 'error', {'charOffset': 0, 'charLength': 1})
    """
    verdict = Verdict(check.verdict)
    kind, level = KIND_LEVEL[verdict]
    artifact = {"uri": _uri(result), "index": artifact_index}

    def location(qid: str | None, index: int | None = None) -> dict[str, Any] | None:
        region = _region(result, qid)
        if region is None:
            return None
        loc: dict[str, Any] = {"physicalLocation": {"artifactLocation": artifact, "region": region}}
        if index is not None:
            loc["id"] = index
            loc["message"] = {"text": qid}
        return loc

    primary = next((loc for loc in (location(q) for q in check.quantities) if loc), None)
    related = [loc for i, q in enumerate(check.quantities) if (loc := location(q, i)) is not None]
    text = check.explanation or f"{check.kind} check: {verdict.value}"
    out: dict[str, Any] = {
        "ruleId": str(check.kind),
        "ruleIndex": list(RULES).index(CheckKind(check.kind)),
        "kind": kind,
        "level": level,
        "message": {"text": f"{verdict.value}: {text}"},
        "locations": [primary] if primary else [{"physicalLocation": {"artifactLocation": artifact}}],
        "relatedLocations": related,
        "properties": {"verdict": verdict.value, "quantities": check.quantities, "expected": check.expected,
                       "documentId": result.id},
    }
    return out


def render_sarif(results: list[DocumentResult], summary: RunSummary) -> dict[str, Any]:
    """The whole SARIF log for a run.

    >>> log = render_sarif([DocumentResult(id="a.txt", text="x")], RunSummary(documents=1))
    >>> log["version"], log["runs"][0]["tool"]["driver"]["name"]
    ('2.1.0', 'numcheck')
    """
    artifacts = []
    sarif_results = []
    notifications = []
    for index, result in enumerate(results):
        artifacts.append({
            "location": {"uri": _uri(result)},
            "contents": {"text": result.text},
            "properties": {"documentId": result.id},
        })
        for check in result.checks:
            sarif_results.append(sarif_result(result, check, index))
        for err in result.errors:
            notifications.append({
                "level": "warning" if err.is_warning else "error",
                "descriptor": {"id": err.code},
                "message": {"text": err.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(result), "index": index}}}],
            })
    rules = [
        {"id": str(kind), "name": str(kind), "shortDescription": {"text": desc},
         "defaultConfiguration": {"level": "error"}}
        for kind, desc in RULES.items()
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "numcheck", "version": numcheck.__version__, "rules": rules}},
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
            "artifacts": artifacts,
            "results": sarif_results,
            "columnKind": "unicodeCodePoints",
            "properties": {"summary": summary.model_dump(mode="json")},
        }],
    }


class SarifWriter(WholeReportWriter):
    """Collects the results and writes `report.sarif` when the run ends."""

    def render(self, summary: RunSummary) -> str:
        """The SARIF 2.1.0 log."""
        return json.dumps(render_sarif(self.results, summary), ensure_ascii=False, indent=1)
