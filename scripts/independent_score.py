#!/usr/bin/env python3
"""An independent scorer for `numcheck check --format jsonl` output, to cross-check `numcheck eval`.

It imports nothing from numcheck and reads only two JSONL files: the predictions (one result
object per document, spec/report-format.md) and the gold set (spec/gold-format.md), paired by
`id`. It prints, as JSON: strict span precision/recall/F1 (exact offsets and kind; gold ANY
spans and predictions overlapping them left out), check recall and precision (same kind and
the same spans in the same order), detection (gold inconsistent checks matched by a predicted
inconsistent check), flag precision and the clean documents with a false alarm, using the
definitions written in numcheck/eval/metrics.py but implemented separately (counting
multisets rather than pairing lists).

    python scripts/independent_score.py --gold dev.jsonl --pred results.jsonl
    python scripts/independent_score.py --gold dev.jsonl --pred results.jsonl \
        --compare eval-report/metrics.json --extractor spacy --set gold

With `--compare`, the figures are compared with those `numcheck eval` wrote for one extractor
and set; the exit code is 1 when any differs (by more than 1e-9).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter


def read_jsonl(path):
    """Documents of a JSONL file by id."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                out[obj["id"]] = obj
    return out


def overlaps(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


def strict_counts(gold_doc, pred_doc):
    gold = [q for q in gold_doc.get("quantities") or [] if q["kind"] != "ANY"]
    anys = [q for q in gold_doc.get("quantities") or [] if q["kind"] == "ANY"]
    pred = [q for q in pred_doc.get("quantities") or [] if not any(overlaps(q, a) for a in anys)]
    g = Counter((q["start"], q["end"], q["kind"]) for q in gold)
    p = Counter((q["start"], q["end"], q["kind"]) for q in pred)
    tp = sum((g & p).values())
    return tp, len(gold), len(pred)


def keyed_checks(doc):
    """Each check as (kind, entries) with quantity ids replaced by their offsets."""
    where = {q["id"]: (q["start"], q["end"]) for q in doc.get("quantities") or []}
    out = []
    for c in doc.get("checks") or []:
        entries = tuple(where[x] if isinstance(x, str) and x in where else ("literal", x) for x in c["quantities"])
        out.append(((c["kind"], entries), c["verdict"], c))
    return out


MARKER = re.compile(r"\[Perturbed:\s*(q\d+)\b")


def score(gold_docs, pred_docs):
    tp = ng = npred = 0
    c_match = c_gold = c_pred = 0
    inc_total = inc_found = 0
    flags = right = 0
    clean = clean_alarm = 0
    for doc_id, gdoc in gold_docs.items():
        pdoc = pred_docs.get(doc_id, {"quantities": [], "checks": []})
        a, b, c = strict_counts(gdoc, pdoc)
        tp, ng, npred = tp + a, ng + b, npred + c

        gchecks = keyed_checks(gdoc)
        pchecks = keyed_checks(pdoc)
        gk = Counter(k for k, _, _ in gchecks)
        pk = Counter(k for k, _, _ in pchecks)
        c_match += sum((gk & pk).values())
        c_gold += len(gchecks)
        c_pred += len(pchecks)

        # Detection: a gold inconsistent check counts as found when some predicted check with the
        # same key says inconsistent; several gold checks with one key share the predictions
        # in order, which is what one-to-one pairing gives.
        pred_verdicts = {}
        for k, v, _ in pchecks:
            pred_verdicts.setdefault(k, []).append(v)
        used = Counter()
        gold_inc_keys = Counter()
        for k, v, _ in gchecks:
            i = used[k]
            used[k] += 1
            if v == "inconsistent":
                gold_inc_keys[k] += 1
                inc_total += 1
                lst = pred_verdicts.get(k, [])
                if i < len(lst) and lst[i] == "inconsistent":
                    inc_found += 1

        has_inc = any(v == "inconsistent" for _, v, _ in gchecks)
        marked = {m for _, _, c in gchecks for m in MARKER.findall(c.get("note") or "")}
        if not marked:
            marked = {x for _, v, c in gchecks if v == "inconsistent" for x in c["quantities"] if isinstance(x, str)}
        gq = {q["id"]: q for q in gdoc.get("quantities") or []}
        altered = [gq[x] for x in marked if x in gq]
        pq = {q["id"]: q for q in pdoc.get("quantities") or []}
        # Which predicted checks pair with which gold check: same key, in order on both sides.
        gold_by_key = {}
        for k, v, _ in gchecks:
            gold_by_key.setdefault(k, []).append(v)
        seen = Counter()
        doc_flags = 0
        for k, v, c in pchecks:
            i = seen[k]
            seen[k] += 1
            if v != "inconsistent":
                continue
            doc_flags += 1
            glist = gold_by_key.get(k, [])
            ok = i < len(glist) and glist[i] == "inconsistent"
            if not ok and has_inc:
                ok = any(x in pq and any(overlaps(pq[x], a) for a in altered) for x in c["quantities"] if isinstance(x, str))
            right += ok
        flags += doc_flags
        if not has_inc:
            clean += 1
            clean_alarm += doc_flags > 0

    def div(a, b):
        return a / b if b else None  # undefined, as numcheck eval reports it

    p, r = div(tp, npred), div(tp, ng)
    f1 = None if not (ng or npred) else (2 * p * r / (p + r) if tp else 0.0)
    return {
        "strict_span": {"precision": p, "recall": r, "f1": f1, "tp": tp, "n_gold": ng, "n_pred": npred},
        "checks": {"recall": div(c_match, c_gold), "precision": div(c_match, c_pred), "matched": c_match, "n_gold": c_gold, "n_pred": c_pred},
        "detection": {"recall": div(inc_found, inc_total), "detected": inc_found, "n_gold": inc_total},
        "flags": {"flags": flags, "right": right, "precision": div(right, flags)},
        "clean_docs": {"clean": clean, "with_false_alarm": clean_alarm},
    }


def compare(mine, metrics, extractor, set_name):
    """(figure, independent value, numcheck eval value) for every figure both compute."""
    entry = next(e for e in metrics["extractors"] if e["name"] == extractor)[set_name]
    pairs = [
        ("checks.recall", mine["checks"]["recall"], entry["checks"]["overall"]["recall"]),
        ("checks.precision", mine["checks"]["precision"], entry["checks"]["overall"]["precision"]),
        ("detection.recall", mine["detection"]["recall"], entry["detection"]["overall"]["recall"]),
        ("flags.flags", mine["flags"]["flags"], entry["detection"]["flags"]),
        ("flags.right", mine["flags"]["right"], entry["detection"]["right_flags"]),
        ("clean_docs.clean", mine["clean_docs"]["clean"], entry["detection"]["clean_docs"]),
        ("clean_docs.with_false_alarm", mine["clean_docs"]["with_false_alarm"], entry["detection"]["clean_docs_with_false_alarm"]),
    ]
    if entry.get("spans"):
        strict = entry["spans"]["strict"]["overall"]
        pairs += [(f"strict_span.{k}", mine["strict_span"][k], strict[k]) for k in ("precision", "recall", "f1", "tp")]
    return pairs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--compare", help="metrics.json written by numcheck eval")
    ap.add_argument("--extractor", default="gold", help="extractor entry of metrics.json to compare with")
    ap.add_argument("--set", default="gold", choices=["gold", "perturbed"], help="which set of that entry")
    args = ap.parse_args(argv)
    mine = score(read_jsonl(args.gold), read_jsonl(args.pred))
    if not args.compare:
        json.dump(mine, sys.stdout, indent=2)
        print()
        return 0
    with open(args.compare, encoding="utf-8") as fh:
        metrics = json.load(fh)
    bad = 0
    for name, a, b in compare(mine, metrics, args.extractor, args.set):
        same = a == b or (a is not None and b is not None and abs(a - b) <= 1e-9)
        bad += not same
        print(f"{'ok  ' if same else 'DIFF'} {name:32} independent={a} eval={b}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
