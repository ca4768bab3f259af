#!/usr/bin/env python3
"""Build series files (spec/cross-format.md) from labels that hold no text, and synthetic ones.

Hand-labelled series (eval/labels/cross-*.jsonl) name the paragraphs of ../shared's press
corpus each release is made of, pinned by the SHA-256 of their text, and their figures by
paragraph, offsets and the hash of the figure's text. This script joins them: each document's
text is its paragraphs joined by newlines; offsets become offsets into it; every hash is
checked; each cross check's verdict and expected value come from the checker's arithmetic
(`numcheck.training.cross_synth.judge`, the precision rule of gold-format.md). `--perturbed`
adds, per series, a copy with one figure of a consistent cross check altered; `--each` a copy
per consistent cross check instead. `--series` reads series that carry their text (dev-cross)
and keeps their gold verdicts (`ambiguous` included) where no figure was altered.

    python scripts/make_cross_series.py --labels eval/labels/cross-blind.jsonl \
        --press ../shared/data/unlabeled/press/bulk.jsonl --out /tmp/cross-blind.jsonl --perturbed
    python scripts/make_cross_series.py --synthetic health,tourism --seeds 100-129 --out /tmp/own.jsonl
    python scripts/make_cross_series.py --synthetic health,tourism --seeds 100-124 --perturbed --sums --out /tmp/own-sums.jsonl
    python scripts/make_cross_series.py --series ../shared/data/dev-cross.jsonl --each --out /tmp/dev-cross-p.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any


def _sha(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def restore(label: dict[str, Any], paragraphs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """One series with its texts restored from the paragraphs it names (hashes checked)."""
    docs = []
    for d in label["documents"]:
        texts, starts, source = [], {}, None
        offset = 0
        for p in d["paragraphs"]:
            # Paragraph ids repeat across copies of one release from two sources: the hash picks the one.
            same = [x for x in paragraphs.get(p["id"], []) if _sha(x["text"]) == p["text_sha256"]]
            if not same:
                raise SystemExit(f"{label['id']}: paragraph {p['id']} with the labelled hash is not in the press file")
            para = same[0]
            starts[p["id"]] = offset
            texts.append(para["text"])
            offset += len(para["text"]) + 1
            source = source or para["source"]
        text = "\n".join(texts)
        quantities = []
        for q in d["quantities"]:
            start = starts[q["paragraph"]] + q["start"]
            end = starts[q["paragraph"]] + q["end"]
            if _sha(text[start:end]) != q["text_sha256"]:
                raise SystemExit(f"{label['id']}: {d['id']} {q['id']} does not match its hash")
            quantities.append({"id": q["id"], "start": start, "end": end, "text": text[start:end], "kind": q["kind"],
                               "value": q["value"], "unit": q.get("unit")})
        src = {k: source.get(k) for k in ("publisher", "title", "date", "url")} if source else None
        docs.append({"id": d["id"], "source": src, "text": text, "quantities": quantities, "checks": []})
    return {"id": label["id"], "publisher": label.get("publisher"), "documents": docs,
            "cross_checks": [dict(c) for c in label["cross_checks"]]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, help="hand labels (no text)")
    ap.add_argument("--press", type=Path, default=Path("../shared/data/unlabeled/press/bulk.jsonl"))
    ap.add_argument("--synthetic", help="comma-separated synthetic domains (numcheck.training.cross_synth)")
    ap.add_argument("--seeds", default="100-129", help="seed range for --synthetic, e.g. 100-129")
    ap.add_argument("--series", type=Path, help="series with their text (spec/cross-format.md), perturbed only")
    ap.add_argument("--perturbed", action="store_true", help="add perturbed copies")
    ap.add_argument("--sums", action="store_true", help="with --synthetic: running totals across releases (sum checks)")
    ap.add_argument("--each", action="store_true", help="with --series: a perturbed copy per consistent cross check")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    from numcheck.training.cross_synth import judge, make_set, perturb, perturb_each

    series: list[dict[str, Any]] = []
    if args.labels:
        paragraphs = {}
        with args.press.open(encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                paragraphs.setdefault(obj["id"], []).append(obj)
        for i, line in enumerate(args.labels.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                s = judge(restore(json.loads(line), paragraphs))
                series.append(s)
                if args.perturbed:
                    p = perturb(s, i)
                    if p is not None:
                        series.append(p)
    if args.series:
        for i, line in enumerate(args.series.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                s = json.loads(line)
                if args.each:
                    series += perturb_each(s, i)
                else:
                    p = perturb(s, i)
                    series += [p] if p is not None else []
    if args.synthetic:
        lo, hi = (int(x) for x in args.seeds.split("-"))
        series += make_set(args.synthetic.split(","), range(lo, hi + 1), perturbed=0.5 if args.perturbed else 0.0,
                           sums=args.sums)
    args.out.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in series), encoding="utf-8")
    n = sum(len(s["cross_checks"]) for s in series)
    bad = sum(c["verdict"] == "inconsistent" for s in series for c in s["cross_checks"])
    print(f"wrote {len(series)} series, {n} cross checks ({bad} inconsistent) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
