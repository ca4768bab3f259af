"""Shared by the eval tests (imported as `evalkit`; fixtures are in conftest.py): a tiny gold set, a perturbed copy, a fake extractor and a fake checker with known answers.

The gold set (our own sentences):
  d1  "Police recorded 120 thefts; 30 were solved."    120, 30 COUNT; part_whole(30, 120) consistent
  d2  "Of 50 cases, 70 were closed."                    50, 70 COUNT; part_whole(70, 50) inconsistent (real)
  d3  "In 2024, 10 buses ran and 8 were late <script>…" 2024 DATE, 10, 8 COUNT; part_whole(8, 10) consistent
The perturbed set:
  p1  d1 with 30 -> 300; part_whole(300, 120) inconsistent, marked "[Perturbed: q2 ...]"

The fake extractor finds runs of two or more digits and calls them all COUNT (so it misses
"8" and mis-kinds "2024"); the fake checker emits part_whole(later, earlier) for the last two
COUNT figures, inconsistent when the later is larger.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from numcheck.schema import Check, DocumentResult, Quantity

D1 = "Police recorded 120 thefts; 30 were solved."
D2 = "Of 50 cases, 70 were closed."
D3 = "In 2024, 10 buses ran and 8 were late <script>alert(1)</script>."
P1 = "Police recorded 120 thefts; 300 were solved."


def _q(qid: str, text: str, doc: str, kind: str, value) -> dict:
    start = doc.index(text)
    return {"id": qid, "start": start, "end": start + len(text), "text": text, "kind": kind, "value": value}


GOLD_DOCS = [
    {"id": "d1", "text": D1, "quantities": [_q("q1", "120", D1, "COUNT", 120), _q("q2", "30", D1, "COUNT", 30)],
     "checks": [{"kind": "part_whole", "quantities": ["q2", "q1"], "verdict": "consistent"}]},
    {"id": "d2", "text": D2, "quantities": [_q("q1", "50", D2, "COUNT", 50), _q("q2", "70", D2, "COUNT", 70)],
     "checks": [{"kind": "part_whole", "quantities": ["q2", "q1"], "verdict": "inconsistent", "note": "70 > 50"}]},
    {"id": "d3", "text": D3,
     "quantities": [_q("q1", "2024", D3, "DATE", 2024), _q("q2", "10", D3, "COUNT", 10), _q("q3", "8", D3, "COUNT", 8)],
     "checks": [{"kind": "part_whole", "quantities": ["q3", "q2"], "verdict": "consistent"}]},
]  # fmt: skip
PERTURBED_DOCS = [
    {"id": "d1~c0", "text": P1, "quantities": [_q("q1", "120", P1, "COUNT", 120), _q("q2", "300", P1, "COUNT", 300)],
     "checks": [{"kind": "part_whole", "quantities": ["q2", "q1"], "verdict": "inconsistent",
                 "note": "300 > 120 [Perturbed: q2 '30' -> '300'; part made larger than the whole]"}]},
]  # fmt: skip


def write_jsonl(path: Path, docs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


class FakeExtractor:
    """Runs of two or more digits, all COUNT."""

    name = "fake"

    def extract(self, texts):
        out = []
        for t in texts:
            qs = [
                Quantity(id=f"q{i}", start=m.start(), end=m.end(), text=m.group(), kind="COUNT", value=int(m.group()))
                for i, m in enumerate(re.finditer(r"\d{2,}", t), start=1)
            ]
            out.append(qs)
        return out


def fake_check_documents(docs, extractor, **_):
    """part_whole(later, earlier) over the last two COUNT figures of each document."""
    results = []
    for d in docs:
        qs = list(d.quantities) if extractor is None else extractor.extract([d.text])[0]
        counts = [q for q in qs if str(q.kind) in ("COUNT", "QuantityKind.COUNT")]
        checks = []
        if len(counts) >= 2:
            earlier, later = counts[-2], counts[-1]
            bad = float(later.value) > float(earlier.value)
            checks.append(
                Check(kind="part_whole", quantities=[later.id, earlier.id], verdict="inconsistent" if bad else "consistent",
                      explanation=f"{later.text} {'>' if bad else '<='} {earlier.text}")
            )  # fmt: skip
        results.append(DocumentResult(id=d.id, text=d.text, quantities=qs, checks=checks))
    return results
