"""Does a paragraph read the same alone as inside a run of many? (real press paragraphs)

    python benchmarks/batch_independence.py [--runtime onnx|torch] [--first 32] [--data ../shared/data]

Reads the press suite (`numcheck.benchmarks.suites`, by path from the shared data folder, never
copied here), extracts quantities and token states of all paragraphs in one call, then of each
of the first `--first` paragraphs alone, and prints how many differ: in their quantities (any
field, score included), in their spans or kinds, and in their token states (bit for bit), with
the largest difference of a token state. On ONNX every count must be 0; torch (float) may
differ in the token states by float16 rounding only.

>>> alone_vs_together({"q": [["a", 1]], "s": [[0.5]]}, {"q": [["a", 1]], "s": [[0.5]]})
(False, False, 0.0)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np


def alone_vs_together(alone: dict[str, Any], together: dict[str, Any]) -> tuple[bool, bool, float]:
    """(quantities differ, states differ bit for bit, largest state difference) of one paragraph's
    two readings, each {"q": quantity records, "s": token state array}."""
    a, b = np.asarray(alone["s"], dtype=np.float32), np.asarray(together["s"], dtype=np.float32)
    same_states = a.shape == b.shape and np.array_equal(a, b)
    largest = float(np.abs(a - b).max()) if a.shape == b.shape and a.size else (0.0 if same_states else float("inf"))
    return alone["q"] != together["q"], not same_states, largest


def measure(texts: list[str], *, runtime: str, first: int) -> dict[str, Any]:
    """Counts of the first `first` of `texts` whose reading alone differs from their reading in one
    call with all of `texts`."""
    from numcheck.inference.model import ModelExtractor

    extractor = ModelExtractor(runtime=runtime, **({"dtype": "float32"} if runtime == "torch" else {}))

    def reading(qs: Any, states: Any) -> dict[str, Any]:
        return {"q": [q.model_dump() for q in qs], "s": states.vectors, "spans": [(q.start, q.end, q.kind) for q in qs]}

    together = [reading(*r) for r in extractor.extract_states(texts)]
    out = {"runtime": runtime, "paragraphs": len(texts), "compared": 0, "quantities_differ": 0, "spans_differ": 0,
           "states_differ": 0, "largest_state_difference": 0.0}
    for i, text in enumerate(texts[:first]):
        alone = reading(*extractor.extract_states([text])[0])
        q_differ, s_differ, largest = alone_vs_together(alone, together[i])
        out["compared"] += 1
        out["quantities_differ"] += q_differ
        out["spans_differ"] += alone["spans"] != together[i]["spans"]
        out["states_differ"] += s_differ
        out["largest_state_difference"] = max(out["largest_state_difference"], largest)
    return out


def main(argv: list[str] | None = None) -> int:
    from numcheck.benchmarks.suites import default_data_dir, paragraph_suites

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runtime", choices=["onnx", "torch"], default="onnx")
    parser.add_argument("--first", type=int, default=32)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args(argv)
    texts = [p["text"] for p in paragraph_suites(args.data or default_data_dir(), ["press"]).get("press", [])]
    if not texts:
        print("no press paragraphs under the data folder", file=sys.stderr)
        return 2
    result = measure(texts, runtime=args.runtime, first=args.first)
    print(json.dumps(result, indent=1))
    return 1 if args.runtime == "onnx" and (result["quantities_differ"] or result["states_differ"]) else 0


if __name__ == "__main__":
    sys.exit(main())
