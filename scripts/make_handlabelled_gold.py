#!/usr/bin/env python3
"""Build the hand-labelled CDC gold set from the labels and the unlabelled paragraphs.

The labels (eval/labels/cdc-handlabelled.jsonl) hold offsets, kinds, values and units but no
text: the paragraphs are public-domain CDC text kept outside the repository, referenced by id
and pinned by the SHA-256 of their text. This script joins the two, checks the hash, fills
each quantity's `text` from its offsets and writes a gold-format JSONL
(spec/gold-format.md) that `numcheck eval --gold` reads.

    python scripts/make_handlabelled_gold.py \
        --paragraphs ../shared/data/unlabeled/paragraphs.jsonl \
        --labels eval/labels/cdc-handlabelled.jsonl --out /tmp/cdc-gold.jsonl

With `--select`, it prints instead the ids of the paragraphs chosen for labelling, in order,
by the reproducible procedure of `select_paragraphs` (needs `--exclude`: the ids of the 700
paragraphs the first shipped model was weak-labelled on; `tests/eval/test_handlabelled.py`
computes them the way `numcheck.training.data.read_unlabeled` samples, seed 13):

    python scripts/make_handlabelled_gold.py --select \
        --paragraphs ../shared/data/unlabeled/paragraphs.jsonl \
        --exclude first-training-sample-ids.txt

Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path
from typing import Any, Iterable

SEED = 2026
N_PARAGRAPHS = 40
MAX_HEALTH = 24
MIN_CHARS = 200
MAX_CHARS = 1200
KINDS = frozenset({"COUNT", "MEASURE", "MONEY", "PERCENT", "RATE", "CHANGE", "DATE", "OTHER"})


class LabelError(ValueError):
    """The labels do not fit the paragraphs they refer to."""


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Objects of a JSONL file, in order, skipping blank lines.

    >>> read_jsonl(Path("/dev/null"))
    []
    """
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(path: Path, objects: Iterable[dict[str, Any]]) -> int:
    """Write objects one a line; return how many were written."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for obj in objects:
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
            n += 1
    return n


def text_sha256(text: str) -> str:
    """Hex SHA-256 of the UTF-8 text.

    >>> text_sha256("")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_candidate(paragraph: dict[str, Any]) -> bool:
    """A paragraph worth labelling: MIN_CHARS..MAX_CHARS characters and at least one digit.

    >>> is_candidate({"text": "x" * 300 + "7"})
    True
    """
    text = paragraph["text"]
    return MIN_CHARS <= len(text) <= MAX_CHARS and re.search(r"\d", text) is not None


def select_paragraphs(
    paragraphs: list[dict[str, Any]],
    exclude: set[str],
    *,
    n: int = N_PARAGRAPHS,
    max_health: int = MAX_HEALTH,
    seed: int = SEED,
) -> list[dict[str, Any]]:
    """The paragraphs to label, in labelling order.

    The ids not in `exclude` are shuffled, in file order, with random.Random(seed); they are
    taken in that order when `is_candidate` holds, skipping "health" paragraphs once
    `max_health` are in, until `n` are chosen.

    >>> select_paragraphs([], set())
    []
    """
    by_id = {p["id"]: p for p in paragraphs}
    ids = [p["id"] for p in paragraphs if p["id"] not in exclude]
    random.Random(seed).shuffle(ids)
    chosen: list[dict[str, Any]] = []
    n_health = 0
    for pid in ids:
        paragraph = by_id[pid]
        if not is_candidate(paragraph):
            continue
        health = paragraph.get("source", {}).get("genre") == "health"
        if health and n_health >= max_health:
            continue
        chosen.append(paragraph)
        n_health += health
        if len(chosen) == n:
            break
    return chosen


def check_quantities(label: dict[str, Any], text: str) -> None:
    """Raise LabelError unless the spans are sorted, disjoint, inside the text and well named."""
    pid = label["id"]
    last_end = 0
    for i, q in enumerate(label["quantities"], start=1):
        if q.get("id") != f"q{i}":
            raise LabelError(f"quantity {i} of {pid} must have id 'q{i}', got {q.get('id')!r}")
        if q.get("kind") not in KINDS:
            raise LabelError(f"kind of {pid}/{q['id']} must be one of {sorted(KINDS)}, got {q.get('kind')!r}")
        start, end = q["start"], q["end"]
        if not (last_end <= start < end <= len(text)):
            raise LabelError(
                f"span {start}:{end} of {pid}/{q['id']} must lie in 0:{len(text)} after the "
                f"previous span (ending at {last_end}); fix the offsets in the labels file"
            )
        last_end = end


def join_label(label: dict[str, Any], paragraph: dict[str, Any] | None) -> dict[str, Any]:
    """One gold document: the paragraph with the label's quantities, their text filled in.

    >>> p = {"id": "x", "source": {}, "text": "We saw 3 cats."}
    >>> lab = {"id": "x", "text_sha256": text_sha256(p["text"]),
    ...        "quantities": [{"id": "q1", "start": 7, "end": 8, "kind": "COUNT", "value": 3, "unit": "cats"}]}
    >>> join_label(lab, p)["quantities"][0]["text"]
    '3'
    """
    pid = label["id"]
    if paragraph is None:
        raise LabelError(f"paragraph {pid} of the labels is missing from the paragraphs file")
    text = paragraph["text"]
    got = text_sha256(text)
    if got != label["text_sha256"]:
        raise LabelError(
            f"text of paragraph {pid} must have sha256 {label['text_sha256']}, got {got}; "
            "the paragraphs file differs from the one the labels were made on"
        )
    check_quantities(label, text)
    quantities = []
    for q in label["quantities"]:
        record = {"id": q["id"], "start": q["start"], "end": q["end"], "text": text[q["start"]:q["end"]]}
        record.update({k: v for k, v in q.items() if k not in record})
        quantities.append(record)
    return {"id": pid, "source": paragraph.get("source", {}), "text": text, "quantities": quantities, "checks": []}


def build_gold(paragraphs_path: Path, labels_path: Path) -> list[dict[str, Any]]:
    """Gold documents for every label, in the labels' order."""
    by_id = {p["id"]: p for p in read_jsonl(paragraphs_path)}
    return [join_label(label, by_id.get(label["id"])) for label in read_jsonl(labels_path)]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=Path, required=True, help="unlabelled paragraphs JSONL")
    parser.add_argument("--labels", type=Path, help="labels JSONL (offsets, no text)")
    parser.add_argument("--out", type=Path, help="gold JSONL to write")
    parser.add_argument("--select", action="store_true", help="print the selected paragraph ids instead")
    parser.add_argument("--exclude", type=Path, help="ids used for training, one a line (for --select)")
    args = parser.parse_args(argv)
    if args.select and args.exclude is None:
        parser.error("--select needs --exclude")
    if not args.select and (args.labels is None or args.out is None):
        parser.error("--labels and --out are required unless --select")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the command; 0 on success, 2 on bad input."""
    args = parse_args(argv)
    if args.select:
        exclude = set(args.exclude.read_text(encoding="utf-8").split())
        for p in select_paragraphs(read_jsonl(args.paragraphs), exclude):
            print(p["id"], p.get("source", {}).get("genre", ""), sep="\t")
        return 0
    try:
        gold = build_gold(args.paragraphs, args.labels)
    except LabelError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    n = write_jsonl(args.out, gold)
    spans = sum(len(d["quantities"]) for d in gold)
    print(f"wrote {n} documents, {spans} quantities to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
