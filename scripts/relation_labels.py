"""Hand labels of figures and relations on real paragraphs: show, validate, build, restore.

Labels are written by hand in a compact annotation file kept outside the repository (it holds
span text), one JSON object per paragraph:

    {"id": "ons-...-p010",
     "quantities": [["q1", "28%", "PERCENT", 28, "%"], ["q2", "1,234", "COUNT", 1234, "deaths"]],
     "checks": [["share", ["q1", "q2", "q5"], "consistent"],
                ["change", ["q7", null, "q8"], "consistent", {"delta": "q6"}]],
     "reference": {"population": 10180770}}

Quantities are listed in text order; each span is found after the end of the one before it,
where it is not glued to a letter or digit. `validate` resolves the offsets, says which digits
no span covers, and recomputes every check with `numcheck.checks.relation.check_relation` so a
labeller sees where the stated verdict and the arithmetic disagree (the arithmetic is not the
linker: it says whether figures add up, not which figures belong together). `build` writes the
repository's label file: offsets, kinds, values, units and checks, with no text (the paragraphs
stay in ../shared, pinned by their SHA-256). `restore` joins a label file with the texts into a
gold-format JSONL file for training and evaluation.

    python scripts/relation_labels.py show --ids ons-x-p010 ons-y-p003
    python scripts/relation_labels.py validate /work/labelwork/batch-a.jsonl
    python scripts/relation_labels.py build /work/labelwork/batch-a.jsonl --out training/labels/relations/batch-a.jsonl
    python scripts/relation_labels.py restore training/labels/relations/batch-a.jsonl --out /tmp/batch-a-gold.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from numcheck.checks.relation import Relation, check_relation, figures_of
from numcheck.schema import CheckKind, Quantity, QuantityKind, Reference
# Where paragraph texts are read from, their hash, and the restoring of labels to gold documents:
# the same code `numcheck train-links` reads the labels with.
from numcheck.training.relation_data import TEXT_SOURCES, restore_labels, sha256

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
#: The base of a rate ("per 100,000", "per 100 kWh") is part of the rate's unit, not a span.
_RATE_BASE = re.compile(r"\b(?:per|every)\s+(?:each\s+|every\s+)?[\d,.\s]*\d\Z", re.I)
_KINDS = {k.value for k in QuantityKind} - {"ANY"}
_CHECK_KINDS = {k.value for k in CheckKind}


def load_texts(ids: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Paragraph records (id, text, source) by id, from every text source."""
    out: dict[str, dict[str, Any]] = {}
    for path in TEXT_SOURCES:
        if not path.is_file():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                if (ids is None or rec["id"] in ids) and rec["id"] not in out:
                    out[rec["id"]] = {"id": rec["id"], "text": rec["text"], "source": rec.get("source"),
                                      "file": _display(path)}
    return out


def _display(path: Path) -> str:
    """A text source as the repository names it: `../shared/data/...` or a path in the repository."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return "../shared/data/" + str(path.relative_to(SHARED))


def _find(text: str, piece: str, pos: int) -> int:
    """The first occurrence of `piece` at or after `pos` that is not glued to a word character."""
    while True:
        i = text.find(piece, pos)
        if i < 0:
            return -1
        before = text[i - 1] if i > 0 else " "
        after = text[i + len(piece)] if i + len(piece) < len(text) else " "
        glued_before = before.isalnum() and piece[:1].isalnum()
        glued_after = after.isalnum() and piece[-1:].isalnum()
        if not glued_before and not glued_after:
            return i
        pos = i + 1


def resolve(text: str, ann: dict[str, Any]) -> tuple[list[Quantity], list[dict[str, Any]], list[str]]:
    """Quantities with offsets, checks and the problems found, for one annotation."""
    problems: list[str] = []
    quantities: list[Quantity] = []
    pos = 0
    seen: set[str] = set()
    for row in ann.get("quantities", []):
        if not isinstance(row, list) or len(row) < 3:
            problems.append(f"quantity {row!r}: expected [id, text, kind, value, unit]")
            continue
        qid, piece, kind = row[0], row[1], row[2]
        value = row[3] if len(row) > 3 else None
        unit = row[4] if len(row) > 4 else None
        if qid in seen:
            problems.append(f"{qid}: id used twice")
        seen.add(qid)
        if kind not in _KINDS:
            problems.append(f"{qid} {piece!r}: kind must be one of {sorted(_KINDS)}, got {kind!r}")
            continue
        i = _find(text, piece, pos)
        if i < 0:
            where = "anywhere" if _find(text, piece, 0) < 0 else f"after offset {pos} (is the list in text order?)"
            problems.append(f"{qid} {piece!r}: not found {where}")
            continue
        quantities.append(Quantity(id=qid, start=i, end=i + len(piece), text=piece, kind=kind, value=value, unit=unit))
        pos = i + len(piece)
    covered = [False] * len(text)
    for q in quantities:
        for k in range(q.start, q.end):
            covered[k] = True
    for m in re.finditer(r"\d+", text):
        if not any(covered[m.start() : m.end()]) and not _RATE_BASE.search(text, max(0, m.start() - 12), m.end()):
            problems.append(f"digits {m.group()!r} at {m.start()} ({text[max(0, m.start() - 25) : m.end() + 15]!r}) "
                            "are in no span")
    checks, check_problems = check_rows(ann.get("checks", []), {q.id for q in quantities})
    return quantities, checks, problems + check_problems


def check_rows(rows: list[Any], ids: set[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """The gold checks of compact check rows (``[kind, [ids], verdict]``, optionally a fourth
    element ``{"delta": id}``) whose members are among `ids`, and the problems of the others.

    >>> check_rows([["sum", ["q1", "q2", "q3"], "consistent"], ["share", ["q1", "q9"], "consistent"]], {"q1", "q2", "q3"})
    ([{'kind': 'sum', 'quantities': ['q1', 'q2', 'q3'], 'verdict': 'consistent'}], ["check ['share', ['q1', 'q9'], 'consistent']: unknown quantity ids ['q9']"])
    """
    checks, problems = [], []
    for row in rows:
        if not isinstance(row, list) or len(row) < 3:
            problems.append(f"check {row!r}: expected [kind, [ids], verdict]")
            continue
        kind, members, verdict = row[0], row[1], row[2]
        extra = row[3] if len(row) > 3 and isinstance(row[3], dict) else {}
        if kind not in _CHECK_KINDS:
            problems.append(f"check {row!r}: kind must be one of {sorted(_CHECK_KINDS)}")
            continue
        bad = [m for m in members if m is not None and m not in ("100%", "ref:population") and m not in ids]
        if bad or (extra.get("delta") and extra["delta"] not in ids):
            problems.append(f"check {row!r}: unknown quantity ids {bad or [extra.get('delta')]}")
            continue
        checks.append({"kind": kind, "quantities": members, "verdict": verdict, **extra})
    return checks, problems


def recheck(text: str, quantities: list[Quantity], check: dict[str, Any], reference: Reference | None,
            source: Any = None) -> tuple[str, str]:
    """The arithmetic's verdict and words for a labelled check."""
    try:
        rel = Relation(CheckKind(check["kind"]), tuple(check["quantities"]), delta=check.get("delta"))
        got, _ = check_relation(text, figures_of(text, quantities), rel, reference=reference, source=source)
        return got.verdict.value, got.explanation
    except Exception as exc:  # noqa: BLE001 - reported to the labeller
        return "error", f"{type(exc).__name__}: {exc}"


def marked(text: str, quantities: list[Quantity]) -> str:
    """The text with each span shown as [[id text KIND]]."""
    out, pos = [], 0
    for q in sorted(quantities, key=lambda q: q.start):
        out += [text[pos : q.start], f"[[{q.id} {q.text} {q.kind.value}]]"]
        pos = q.end
    return "".join(out) + text[pos:]


def read_annotations(path: Path) -> list[dict[str, Any]]:
    """The annotation objects of a file (blank lines and lines starting with # skipped)."""
    anns = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            anns.append(json.loads(line))
        except json.JSONDecodeError as exc:
            sys.exit(f"{path}:{n}: not JSON ({exc}); fix the line and run again")
    return anns


def cmd_show(args: argparse.Namespace) -> int:
    ids = list(args.ids)
    if args.id_file:
        ids += [x.strip() for x in Path(args.id_file).read_text().split() if x.strip()]
    texts = load_texts(set(ids))
    for i in ids:
        rec = texts.get(i)
        if rec is None:
            print(f"## {i}: not found in {[str(p) for p in TEXT_SOURCES]}")
            continue
        src = rec.get("source") or {}
        print(f"## {i}  ({src.get('publisher')}, {src.get('title')}, {src.get('date')})")
        print(rec["text"])
        print()
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    anns = read_annotations(Path(args.file))
    texts = load_texts({a.get("id") for a in anns})
    n_bad = n_q = n_c = n_mismatch = 0
    for ann in anns:
        rec = texts.get(ann.get("id"))
        if rec is None:
            print(f"## {ann.get('id')}: unknown paragraph id")
            n_bad += 1
            continue
        text = rec["text"]
        quantities, checks, problems = resolve(text, ann)
        ref = Reference.model_validate(ann["reference"]) if ann.get("reference") else None
        mism = []
        for c in checks:
            verdict, words = recheck(text, quantities, c, ref, rec.get("source"))
            if verdict != c["verdict"] or args.verbose:
                flag = "OK " if verdict == c["verdict"] else "!! "
                mism.append(f"{flag}{c['kind']} {c['quantities']} labelled {c['verdict']}, arithmetic {verdict}: {words}")
            n_mismatch += verdict != c["verdict"]
        n_q += len(quantities)
        n_c += len(checks)
        if problems or mism or args.show:
            print(f"## {ann['id']}")
            for p in problems:
                print(f"  problem: {p}")
            for m in mism:
                print(f"  {m}")
            if args.show:
                print("  " + marked(text, quantities).replace("\n", "\n  "))
        n_bad += bool(problems)
    print(f"{len(anns)} paragraphs, {n_q} quantities, {n_c} checks; {n_bad} paragraphs with problems, "
          f"{n_mismatch} checks whose labelled verdict differs from the arithmetic")
    return 1 if n_bad else 0


def cmd_build(args: argparse.Namespace) -> int:
    out_rows = []
    for path in args.files:
        anns = read_annotations(Path(path))
        texts = load_texts({a.get("id") for a in anns})
        for ann in anns:
            rec = texts.get(ann.get("id"))
            if rec is None:
                sys.exit(f"{path}: unknown paragraph id {ann.get('id')!r}")
            publisher = (rec.get("source") or {}).get("publisher") or ""
            if (args.only_publisher and not publisher.startswith(args.only_publisher)) or (
                    args.exclude_publisher and publisher.startswith(args.exclude_publisher)):
                continue
            quantities, checks, problems = resolve(rec["text"], ann)
            if problems:
                sys.exit(f"{path}: {ann['id']}: {problems[0]} (run validate)")
            row: dict[str, Any] = {
                "id": ann["id"],
                "text_sha256": sha256(rec["text"]),
                "text_file": rec["file"],
                "quantities": [{"id": q.id, "start": q.start, "end": q.end, "kind": q.kind.value, "value": q.value,
                                "unit": q.unit} for q in quantities],
                "checks": checks,
            }
            if ann.get("reference"):
                row["reference"] = ann["reference"]
            out_rows.append(row)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        for row in out_rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(out_rows)} paragraphs, {sum(len(r['quantities']) for r in out_rows)} quantities, "
          f"{sum(len(r['checks']) for r in out_rows)} checks to {args.out}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    docs = restore_labels([Path(p) for p in args.labels])
    with open(args.out, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"wrote {len(docs)} gold documents to {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("show", help="print paragraphs by id")
    s.add_argument("--ids", nargs="*", default=[])
    s.add_argument("--id-file")
    s.set_defaults(func=cmd_show)
    v = sub.add_parser("validate", help="resolve offsets and recheck verdicts of an annotation file")
    v.add_argument("file")
    v.add_argument("--show", action="store_true", help="print every paragraph with its spans marked")
    v.add_argument("--verbose", action="store_true", help="print every check, not only disagreements")
    v.set_defaults(func=cmd_validate)
    b = sub.add_parser("build", help="write the repository label file (offsets, no text)")
    b.add_argument("files", nargs="+")
    b.add_argument("--out", required=True)
    b.add_argument("--only-publisher", help="keep only paragraphs whose publisher starts with this")
    b.add_argument("--exclude-publisher", help="leave out paragraphs whose publisher starts with this")
    b.set_defaults(func=cmd_build)
    r = sub.add_parser("restore", help="join label files with their texts into a gold-format file")
    r.add_argument("labels", nargs="+")
    r.add_argument("--out", required=True)
    r.set_defaults(func=cmd_restore)
    args = ap.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
