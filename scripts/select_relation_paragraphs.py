"""Choose the real paragraphs to label with relations: training batches and a blind set.

The blind set is the ONS paragraphs of batches a-e: no training batch draws from ONS, so its
figures say how the linker does on a publisher it never saw. (A first blind draw from the
smaller publishers, Eurostat, DfT, DfE and other GOV.UK pages, held too few relations, 31 in 90
paragraphs; that batch, `train-o`, is training data now.) Paragraphs are ranked by how many
relation cues they hold (percent signs, "of which", "total", "from ... to", "per 100,000",
rise and fall words ...) plus their figures, so labelling time goes to paragraphs with
relations in them; ties and the order within a batch come from a seeded shuffle.

    python scripts/select_relation_paragraphs.py --out /work/labelwork/ids
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
TRAIN_PUBLISHERS = ("U.S. Department of Justice", "HM Treasury", "Office for National Statistics",
                    "U.S. Centers for Disease Control")
_CUES = re.compile(
    r"%|per ?cent|\bper \d|\bper (thousand|million)|\btotal|\bof which|\bof them|\bof these|\bincluding|\bout of\b|"
    r"\bcompared|\bshare\b|\bproportion|\baccount\w* for|\brose|\bfell|\bincreas\w*|\bdecreas\w*|\bdeclin\w*|"
    r"\bfrom [\d£$€]|\bup \d|\bdown \d|\brate\b|\bhalf\b|\bthird\b|\bquarter\b",
    re.I,
)
_FIGURE = re.compile(r"(?<![\w.])[£$€]?\d[\d,.]*")


def cue_score(text: str) -> float:
    """Relation cues plus figures that are not bare years (capped), per paragraph."""
    figures = [m.group() for m in _FIGURE.finditer(text) if not re.fullmatch(r"(19|20)\d\d", m.group())]
    return len(_CUES.findall(text)) + min(len(figures), 12)


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="folder for the id lists")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--blind", type=int, default=90)
    ap.add_argument("--exclude", nargs="*", default=[str(ROOT / "eval" / "labels" / "cdc-handlabelled.jsonl")],
                    help="label files whose ids no batch may take")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    excluded = {json.loads(line)["id"] for p in args.exclude for line in Path(p).read_text().splitlines() if line.strip()}
    rows: dict[str, dict] = {}
    for path in (SHARED / "unlabeled" / "press" / "paragraphs.jsonl", SHARED / "unlabeled" / "press" / "bulk.jsonl",
                 SHARED / "unlabeled" / "paragraphs.jsonl"):
        for r in read(path):
            if r["id"] not in excluded and 150 <= len(r["text"]) <= 1500:
                rows.setdefault(r["id"], r)
    pools: dict[str, list[dict]] = {"blind": [], "ons": [], "hmt": [], "doj": [], "cdc": []}
    for r in rows.values():
        pub = (r.get("source") or {}).get("publisher") or ""
        key = ("doj" if pub.startswith("U.S. Department of Justice") else "hmt" if pub.startswith("HM Treasury")
               else "ons" if pub.startswith("Office for National") else "cdc" if pub.startswith("U.S. Centers")
               else "blind")
        pools[key].append(r)
    ranked = {}
    for key, pool in pools.items():
        pool.sort(key=lambda r: r["id"])
        rng.shuffle(pool)
        ranked[key] = sorted(pool, key=lambda r: -cue_score(r["text"]))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    blind = ranked["blind"][: args.blind]
    # training batches: relation-rich paragraphs of the four training publishers, interleaved
    take = {"ons": 200, "hmt": 90, "doj": 90, "cdc": 160}
    chosen = {k: ranked[k][:n] for k, n in take.items()}
    batches: dict[str, list[str]] = {b: [] for b in "abcde"}
    order = [r["id"] for k in ("ons", "hmt", "doj", "cdc") for r in chosen[k]]
    mixed = order[:]
    rng.shuffle(mixed)
    for i, pid in enumerate(mixed):
        batches["abcde"[i % 5]].append(pid)
    for b, ids in batches.items():
        (out / f"train-{b}.txt").write_text("\n".join(ids) + "\n")
    (out / "train-o.txt").write_text("\n".join(r["id"] for r in blind) + "\n")
    (out / "blind-ons.txt").write_text("\n".join(r["id"] for r in chosen["ons"]) + "\n")
    # more training batches: the next relation-rich paragraphs of the publishers other than ONS
    more = [r["id"] for k, n in (("hmt", 60), ("doj", 90), ("cdc", 240))
            for r in ranked[k][take[k] : take[k] + n]]
    rng.shuffle(more)
    for b in "fgh":
        part = more["fgh".index(b)::3]
        (out / f"train-{b}.txt").write_text("\n".join(part) + "\n")
    print(f"blind (ONS): {len(chosen['ons'])} paragraphs in batches a-e; training: the rest of a-e "
          f"({len(mixed) - len(chosen['ons'])}), train-o ({len(blind)}), train-f/g/h ({len(more)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
