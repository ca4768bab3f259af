"""Choose the real paragraphs to label with relations: training batches and a blind set.

The blind set is the ONS paragraphs of batches a-e: no training batch draws from ONS, so its
figures say how the linker does on a publisher it never saw. (A first blind draw from the
smaller publishers, Eurostat, DfT, DfE and other GOV.UK pages, held too few relations, 31 in 90
paragraphs; that batch, `train-o`, is training data now.) Paragraphs are ranked by how many
relation cues they hold (percent signs, "of which", "total", "from ... to", "per 100,000",
rise and fall words ...) plus their figures, so labelling time goes to paragraphs with
relations in them; ties and the order within a batch come from a seeded shuffle.

    python scripts/select_relation_paragraphs.py --out /work/labelwork/ids
    python scripts/select_relation_paragraphs.py --out /work/labelwork/ids --rich 1500
    python scripts/select_relation_paragraphs.py --out /work/labelwork/ids --rich 1000 --rich-extractor rules \
        --rich-prefix rich2 --taken /work/labelwork/ids/rich-*.txt

Batches a-h held one relation in three paragraphs outside ONS (a paragraph with figures often
states no relation the gold format can test: a change without its old level, a share without
its part). `--rich N` draws N more training paragraphs, mostly (four in five) among those where
some candidate relation's arithmetic holds at all (a percent and two amounts, a change and two
levels, a run of figures and a total beside it, among the model's spans); on batches a-c those
held 1.2 relations a paragraph against 0.27 for the others. The rest are drawn at random, so
the labels do not all come from paragraphs the arithmetic already agrees with. The labels are
made by hand all the same: the selection only decides which paragraphs are read.
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


def loose_matches(text: str, quantities: list) -> int:
    """How many figures of a text (with the model's spans) have some candidate relation whose
    arithmetic holds: a percent with two amounts, a change with two levels, a total with a run of
    two to eight figures of its kind beside it."""
    from collections import defaultdict
    from decimal import Decimal

    from numcheck.checks.relation import Relation, check_relation
    from numcheck.inference.relations import build_doc, candidates
    from numcheck.schema import CheckKind, QuantityKind, Verdict

    d = build_doc(text, quantities, None)
    figs = {f.id: f for f in d.figures}
    near: dict[int, set[int]] = defaultdict(set)
    for p in candidates(d):
        near[p.a].add(p.b)

    def holds(kind: CheckKind, members: tuple) -> bool:
        try:
            return check_relation(text, figs, Relation(kind, members))[0].verdict is Verdict.consistent
        except (KeyError, ArithmeticError, ValueError):
            return False

    amounts = (QuantityKind.COUNT, QuantityKind.MONEY, QuantityKind.MEASURE)
    n = 0
    for i, f in enumerate(d.figures):
        o = sorted(near[i])
        fo = [d.figures[j] for j in o]
        if f.kind is QuantityKind.PERCENT:
            am = [g for g in fo if g.kind in amounts]
            n += any(holds(CheckKind.share, (f.id, a.id, w.id)) for a in am for w in am
                     if a.id != w.id and a.kind is w.kind and abs(a.value) < abs(w.value))
        elif f.kind is QuantityKind.CHANGE:
            lv = [g for g in fo if g.kind is not QuantityKind.CHANGE]
            n += any(holds(CheckKind.change, (f.id, a.id, b.id)) for a in lv for b in lv
                     if a.id != b.id and a.kind is b.kind and a.value != b.value)
        if f.kind in amounts:
            same = [j for j in o if d.figures[j].kind is f.kind]
            for side in (sorted(j for j in same if j > i), sorted((j for j in same if j < i), reverse=True)):
                for k in range(2, min(8, len(side)) + 1):
                    if sum((d.figures[j].value for j in side[:k]), Decimal(0)) == f.value:
                        n += 1
                        break
    return n


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _rich(pool: list[dict], n: int, rng: random.Random, extractor: str = "model") -> list[str]:
    """n ids: four in five among paragraphs with a loose arithmetic match (most matches first), the
    rest at random from the others; shuffled."""
    from numcheck.inference.extractor import get_extractor

    found = get_extractor(extractor).extract([r["text"] for r in pool])
    scored = [(loose_matches(r["text"], qs), r["id"]) for r, qs in zip(pool, found, strict=True)]
    matched = sorted((x for x in scored if x[0] > 0), key=lambda x: -x[0])
    others = [pid for s, pid in scored if s == 0]
    k = min(len(matched), n * 4 // 5)
    ids = [pid for _, pid in matched[:k]] + rng.sample(others, min(len(others), n - k))
    rng.shuffle(ids)
    return ids


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="folder for the id lists")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--blind", type=int, default=90)
    ap.add_argument("--blind-next", type=int, default=0,
                    help="a second blind set: this many ONS paragraphs after the first 500 by the same ranking "
                         "(blind2-NN.txt, batches of 150)")
    ap.add_argument("--rich", type=int, default=0, help="draw this many more relation-rich training paragraphs")
    ap.add_argument("--rich-extractor", default="model", choices=["model", "rules"],
                    help="spans for the loose arithmetic match (rules: much faster, for a second round)")
    ap.add_argument("--rich-prefix", default="rich", help="file name prefix of the rich batches")
    ap.add_argument("--taken", nargs="*", default=[], help="id lists whose paragraphs no new batch may take")
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
    # the blind set held 253 relations after batches a-e; two more batches of ONS paragraphs, the
    # next by cue score (in a draw of their own), brought it past 300
    ons = sorted(pools["ons"], key=lambda r: r["id"])
    random.Random(2027).shuffle(ons)
    ons_ranked = [r["id"] for r in sorted(ons, key=lambda r: -cue_score(r["text"]))]
    taken_ons = {r["id"] for r in chosen["ons"]}
    rest = [i for i in ons_ranked if i not in taken_ons]
    (out / "blind-ons-2.txt").write_text("\n".join(rest[:150]) + "\n")
    (out / "blind-ons-3.txt").write_text("\n".join(rest[150:300]) + "\n")
    # a second blind set, after the first was looked at: the next ONS paragraphs by the same ranking
    following = rest[300 : 300 + args.blind_next]
    for n, start in enumerate(range(0, len(following), 150)):
        (out / f"blind2-{n:02d}.txt").write_text("\n".join(following[start : start + 150]) + "\n")
    if args.rich:
        taken = set(order) | {r["id"] for r in blind} | set(more)
        taken |= {i for p in args.taken for i in Path(p).read_text().split()}
        pool = [r for k in ("hmt", "doj", "cdc", "blind") for r in pools[k] if r["id"] not in taken]
        pool.sort(key=lambda r: r["id"])
        rng.shuffle(pool)
        rich = _rich(pool, args.rich, rng, args.rich_extractor)
        size = 100
        for n, start in enumerate(range(0, len(rich), size)):
            (out / f"{args.rich_prefix}-{n:02d}.txt").write_text("\n".join(rich[start : start + size]) + "\n")
        print(f"rich: {len(rich)} paragraphs in {(len(rich) + size - 1) // size} batches")
    print(f"blind (ONS): {len(chosen['ons'])} paragraphs in batches a-e; training: the rest of a-e "
          f"({len(mixed) - len(chosen['ons'])}), train-o ({len(blind)}), train-f/g/h ({len(more)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
