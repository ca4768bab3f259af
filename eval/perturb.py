"""Copies of gold documents with one figure altered, the relation it sits in made inconsistent.

A copy per consistent gold check: one of the check's figures is changed as a slip of the pen
would change it (a digit, the leading digit, the decimal point, a percent moved by some
points, a part made larger than its whole), the text and every later offset are shifted to
fit, and every gold check is recomputed (`numcheck.checks.relation.check_relation`), so each
verdict in the copy is what the arithmetic now says. The altered check's note ends with
`[Perturbed: q5 '94.4%' -> '89.4%']`, the marker `numcheck.eval.metrics` reads to know which
figure was altered. Copies where the check stays consistent are dropped.

    python -m numcheck.eval.perturb gold.jsonl --out gold-perturbed.jsonl --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import re
from decimal import Decimal
from typing import Any

from numcheck.checks.relation import Relation, check_relation, figures_of
from numcheck.schema import CheckKind, Quantity, Reference

_DIGIT = re.compile(r"\d")


def _alter(text: str, kind: str, rng: random.Random) -> tuple[str, str] | None:
    """A slip-of-the-pen variant of a figure's printed text, and what was done."""
    digits = [m.start() for m in _DIGIT.finditer(text)]
    if not digits:
        return None
    ops = ["digit", "leading"]
    if "." in text and re.search(r"\d\.\d", text):
        ops.append("point")
    if kind == "PERCENT" and re.fullmatch(r"\d+(\.\d+)?\s?%", text.strip()):
        ops.append("points")
    op = rng.choice(ops)
    if op == "digit" and len(digits) > 1:
        i = rng.choice(digits[1:])
    elif op in ("digit", "leading"):
        i = digits[0]
    if op in ("digit", "leading"):
        old = int(text[i])
        new = rng.choice([d for d in range(10) if d != old and not (i == digits[0] and d == 0)])
        return text[:i] + str(new) + text[i + 1 :], f"digit changed ({old} -> {new})"
    if op == "point":
        m = re.search(r"(\d)\.(\d)", text)
        assert m is not None
        j = m.start() + 1
        # move the point one place left: 25.2 -> 2.52
        left = text[:j]
        k = max(i for i in range(len(left)) if left[i].isdigit())
        if k == min(d for d in digits):
            return None
        return left[:k] + "." + left[k] + text[j + 1 :], "decimal point moved one place left"
    value = Decimal(re.sub(r"[^\d.]", "", text))
    shift = Decimal(rng.choice([-9, -5, -3, 3, 5, 9]))
    new_value = value + shift
    if new_value <= 0 or new_value >= 100:
        new_value = value - shift if value - shift > 0 else value + abs(shift)
    places = len(text.split(".")[1].rstrip("% ")) if "." in text else 0
    printed = f"{new_value:.{places}f}" + text[len(re.match(r"[\d.]+", text).group()) :]  # type: ignore[union-attr]
    return printed, f"percent moved by {shift:+} points"


def perturb(doc: dict[str, Any], check_index: int, rng: random.Random) -> dict[str, Any] | None:
    """A copy of a gold document with one figure of one check altered, or None when no
    alteration makes that check inconsistent (tried a few times)."""
    check = doc["checks"][check_index]
    members = [m for m in check["quantities"] if m not in (None, "100%", "ref:population")]
    qs = {q["id"]: q for q in doc["quantities"]}
    for _ in range(6):
        target = qs[rng.choice(members)]
        if check["kind"] == "part_whole" and target["id"] == check["quantities"][0] and rng.random() < 0.3:
            whole = qs[check["quantities"][1]]
            bigger = _bigger(target["text"], whole["text"])
            altered = None if bigger is None else (bigger, "part made larger than the whole")
        else:
            altered = _alter(target["text"], target["kind"], rng)
        if altered is None:
            continue
        new_text, how = altered
        copy = _replace(doc, target["id"], new_text)
        copy = recompute(copy)
        c = copy["checks"][check_index]
        if c["verdict"] == "inconsistent":
            c["note"] = (c.get("note") or "") + f" [Perturbed: {target['id']} {target['text']!r} -> {new_text!r}; {how}]"
            copy["id"] = f"{doc['id']}~c{check_index}"
            return copy
    return None


def _bigger(part: str, whole: str) -> str | None:
    digits = re.sub(r"\D", "", whole)
    if not digits:
        return None
    value = int(digits) * 2 + 7
    return f"{value:,}" if "," in whole else str(value)


def _replace(doc: dict[str, Any], qid: str, new_text: str) -> dict[str, Any]:
    """The document with one quantity's printed text replaced and later offsets shifted."""
    out = json.loads(json.dumps(doc))
    q = next(q for q in out["quantities"] if q["id"] == qid)
    delta = len(new_text) - (q["end"] - q["start"])
    out["text"] = out["text"][: q["start"]] + new_text + out["text"][q["end"] :]
    start = q["start"]
    for other in out["quantities"]:
        if other["start"] > start:
            other["start"] += delta
            other["end"] += delta
    q["end"] = q["start"] + len(new_text)
    q["text"] = new_text
    q["value"] = None  # read again from the text
    return out


def recompute(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with every check's verdict and note recomputed from its figures."""
    qs = [Quantity.model_validate(q) for q in doc["quantities"]]
    figs = figures_of(doc["text"], qs)
    ref = Reference.model_validate(doc["reference"]) if doc.get("reference") else None
    for c in doc["checks"]:
        try:
            rel = Relation(CheckKind(c["kind"]), tuple(c["quantities"]), delta=c.get("delta"))
            got, _ = check_relation(doc["text"], figs, rel, reference=ref, source=doc.get("source"))
        except (KeyError, ArithmeticError, ValueError):
            continue
        c["verdict"] = got.verdict.value
        c["note"] = got.explanation
    return doc


def perturbed_copies(docs: list[dict[str, Any]], seed: int = 7) -> list[dict[str, Any]]:
    """One altered copy per consistent check of each document, where an alteration makes it inconsistent.

    >>> d = {"id": "d", "text": "Of 2,000 thefts, 450 (22.5%) were car thefts.",
    ...      "quantities": [{"id": "q1", "start": 3, "end": 8, "text": "2,000", "kind": "COUNT"},
    ...                     {"id": "q2", "start": 17, "end": 20, "text": "450", "kind": "COUNT"},
    ...                     {"id": "q3", "start": 22, "end": 27, "text": "22.5%", "kind": "PERCENT"}],
    ...      "checks": [{"kind": "share", "quantities": ["q3", "q2", "q1"], "verdict": "consistent"}]}
    >>> [c["verdict"] for c in perturbed_copies([d])[0]["checks"]]
    ['inconsistent']
    """
    rng = random.Random(seed)
    out = []
    for d in docs:
        for i, c in enumerate(d.get("checks", [])):
            if c.get("verdict") != "consistent":
                continue
            copy = perturb(d, i, rng)
            if copy is not None:
                out.append(copy)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    docs = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    copies = perturbed_copies(docs, args.seed)
    with open(args.out, "w", encoding="utf-8") as fh:
        for c in copies:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
