"""Relation training data: gold checks and arithmetic matches -> labelled candidate pairs.

Three sources, one shape (per document: its candidate pairs, a label per pair and link, and a
mask of which labels are known):

- **Hand labels** on real paragraphs (`training/labels/relations/*.jsonl`: offsets and checks,
  no text; `restore_labels` joins them with the paragraphs in ../shared) and any gold-format
  file with `checks`: every candidate pair of a labelled document is labelled for every link
  its kinds allow (`gold_links`).
- **Distant supervision** (`distant_relations`): in unlabelled real text, a candidate relation
  whose arithmetic holds at the printed precision, with figures precise enough that a chance
  match is unlikely (a percent with a decimal, counts of three digits and more), is taken as a
  relation; its anchor's other candidates for the same role are taken as not related. The
  arithmetic decides only which pairs are labelled: the head never sees it.
- Perturbed copies (`numcheck.eval.perturb`) for choosing the flag threshold.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from numcheck.checks.relation import Relation, check_relation, is_percent, rate_base
from numcheck.inference.relations import LINKS, Link, LinkDoc, Pair, build_doc, candidates  # noqa: F401 (doctests)
from numcheck.models.relations import allowed_mask
from numcheck.schema import CheckKind, Quantity, Verdict  # noqa: F401 (doctests)
from numcheck.schema import QuantityKind as K

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
#: Where labelled paragraphs' texts are read from, by id.
TEXT_SOURCES = (
    SHARED / "unlabeled" / "press" / "paragraphs.jsonl",
    SHARED / "unlabeled" / "press" / "bulk.jsonl",
    SHARED / "unlabeled" / "paragraphs.jsonl",
    ROOT / "training" / "labels" / "press-train.jsonl",
)


def sha256(text: str) -> str:
    """The SHA-256 of a text's UTF-8 bytes.

    >>> sha256("")[:8]
    'e3b0c442'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """The objects of a JSONL file."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def load_texts(ids: set[str], sources: Sequence[Path] = TEXT_SOURCES) -> dict[str, dict[str, Any]]:
    """Paragraph records (id, text, source) by id, the first source that has an id winning."""
    out: dict[str, dict[str, Any]] = {}
    for path in sources:
        if not Path(path).is_file():
            continue
        with Path(path).open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                if rec["id"] in ids and rec["id"] not in out:
                    out[rec["id"]] = rec
    return out


def restore_labels(paths: Iterable[str | Path], sources: Sequence[Path] = TEXT_SOURCES) -> list[dict[str, Any]]:
    """Gold-format documents from label files (offsets, no text) and the paragraphs they label.

    Raises ValueError naming the paragraph when its text is missing or its hash differs.
    """
    rows = [r for p in paths for r in read_jsonl(p)]
    texts = load_texts({r["id"] for r in rows}, sources)
    docs = []
    for r in rows:
        rec = texts.get(r["id"])
        if rec is None or sha256(rec["text"]) != r["text_sha256"]:
            raise ValueError(f"{r['id']}: text {'missing' if rec is None else 'changed (hash differs)'}; "
                             "the labels no longer fit the paragraph")
        text = rec["text"]
        qs = [{**q, "text": text[q["start"] : q["end"]]} for q in r["quantities"]]
        doc = {"id": r["id"], "source": rec.get("source"), "text": text, "quantities": qs, "checks": r["checks"]}
        if r.get("reference"):
            doc["reference"] = r["reference"]
        docs.append(doc)
    return docs


def gold_links(doc: LinkDoc, checks: Sequence[dict[str, Any]]) -> set[tuple[str, str, Link]]:
    """The links a document's gold checks state, as (a id, b id, link).

    >>> sorted(gold_links(LinkDoc("", [], [], [], None), [{"kind": "share", "quantities": ["p", "x", "w"]}]))
    [('p', 'w', <Link.share_whole: 'share_whole'>), ('p', 'x', <Link.share_part: 'share_part'>), ('x', 'w', <Link.part_of: 'part_of'>)]
    """
    out: set[tuple[str, str, Link]] = set()
    changes: dict[tuple[str | None, str], list[str]] = {}
    for c in checks:
        kind, m = c["kind"], list(c["quantities"])
        if kind == "share":
            out |= {(m[0], m[1], Link.share_part), (m[0], m[2], Link.share_whole), (m[1], m[2], Link.part_of)}
        elif kind == "change":
            if m[1] is not None:
                out.add((m[0], m[1], Link.change_old))
            out.add((m[0], m[2], Link.change_new))
            if c.get("delta"):
                out |= {(m[0], c["delta"], Link.change_twin), (c["delta"], m[2], Link.change_new)}
            changes.setdefault((m[1], m[2]), []).append(m[0])
        elif kind == "part_whole":
            out.add((m[0], m[1], Link.part_of))
        elif kind == "sum":
            if m[-1] == "100%":
                out |= {(a, b, Link.pct_sibling) for a in m[:-1] for b in m[:-1] if a != b}
            else:
                out |= {(a, m[-1], Link.item_of) for a in m[:-1]}
        elif kind == "rate":
            out.add((m[0], m[1], Link.rate_count))
            if m[2] not in (None, "ref:population"):
                out.add((m[0], m[2], Link.rate_pop))
    # two changes between the same levels are one change in two forms (absolute and percent)
    for (_old, _new), forms in changes.items():
        for a, b in combinations(forms, 2):
            out |= {(a, b, Link.change_twin), (b, a, Link.change_twin)}
    return out


#: What joins a figure to the same quantity restated in another form ("450 (22.5%)", "$171
#: million, or 41%", "up 1,046 or 3.7%"); a restated copy uses the first three.
RESTATEMENT_JOINS = (" (", " or ", ", or ", ", ")


def _restatements(checks: Sequence[dict[str, Any]]) -> set[frozenset[str]]:
    """Pairs of figure ids that a document's checks make one quantity in two forms: a share's
    percent and its part, the two forms of one change. (Not a rate and its count: the rate's
    unit, "per 1,000", is printed after its figure and would stay behind.)"""
    out: set[frozenset[str]] = set()
    for c in checks:
        m = c["quantities"]
        if c["kind"] == "share" and isinstance(m[1], str):
            out.add(frozenset((m[0], m[1])))
        elif c["kind"] == "change" and c.get("delta"):
            out.add(frozenset((m[0], c["delta"])))
    return out


#: An edit of a labelled text: (start, end, new text, {figure id: (start, end) within the new text}).
Edit = tuple[int, int, str, dict[str, tuple[int, int]]]


def _edited(doc: dict[str, Any], edits: Sequence[Edit], suffix: str) -> dict[str, Any]:
    """A copy of a labelled document with `edits` (in text order, not overlapping) made to its
    text: the figures each edit places move with it, every other figure keeps its text."""
    pieces, moved, shift = [], {}, []  # shift: (original offset from which, what to add)
    pos = size = 0
    for start, end, new, placed in edits:
        pieces += [doc["text"][pos:start], new]
        size += start - pos
        moved.update({q: (size + a, size + b) for q, (a, b) in placed.items()})
        size += len(new)
        pos = end
        shift.append((end, size - end))
    pieces.append(doc["text"][pos:])
    text = "".join(pieces)

    def at(offset: int) -> int:
        return offset + next((add for frm, add in reversed(shift) if frm <= offset), 0)

    quantities = []
    for q in doc["quantities"]:
        start, end = moved.get(q["id"]) or (at(q["start"]), at(q["end"]))
        quantities.append({**q, "start": start, "end": end, **({"text": text[start:end]} if "text" in q else {})})
    return {**doc, "id": f"{doc['id']}~{suffix}", "text": text, "quantities": quantities}


def restated_copy(doc: dict[str, Any], seed: int = 0) -> dict[str, Any] | None:
    """A copy of a labelled document with each figure and its restatement printed in another of
    the forms releases use: the other order, another join ("450 (22.5%)" -> "22.5% or 450",
    "$171 million, or 41%" -> "41% ($171 million)"), drawn per document from `seed`. The labels
    move with the figures; None when the document has no such pair side by side.

    Real releases print every form, labelled text mostly a few: the copy teaches the head that
    the form does not make the relation. A bracketed restatement is rewritten only when its
    bracket closes right after the second figure.

    >>> d = {"id": "x", "text": "Of 2,000 thefts, 450 (22.5%) were car thefts.",
    ...      "quantities": [{"id": "q1", "start": 3, "end": 8}, {"id": "q2", "start": 17, "end": 20},
    ...                     {"id": "q3", "start": 22, "end": 27}, {"id": "q4", "start": 34, "end": 37}],
    ...      "checks": [{"kind": "share", "quantities": ["q3", "q2", "q1"]}]}
    >>> c = restated_copy(d)
    >>> c["id"], c["text"]
    ('x~restated', 'Of 2,000 thefts, 450, or 22.5% were car thefts.')
    >>> [c["text"][q["start"]:q["end"]] for q in c["quantities"]]
    ['2,000', '450', '22.5%', 'car']
    """
    text = doc["text"]
    qs = sorted(doc["quantities"], key=lambda q: q["start"])
    pairs = _restatements(doc.get("checks") or [])
    rng = random.Random(f"{seed}:{doc['id']}")
    edits: list[Edit] = []
    pos = 0
    for a, b in zip(qs, qs[1:]):
        join = text[a["end"]:b["start"]]
        if frozenset((a["id"], b["id"])) not in pairs or join not in RESTATEMENT_JOINS or a["start"] < pos:
            continue
        end = b["end"] + 1 if join == " (" else b["end"]
        if join == " (" and text[b["end"]:end] != ")":
            continue
        forms = [(swap, j) for swap in (False, True) for j in RESTATEMENT_JOINS[:3] if (swap, j) != (False, join)]
        swap, new_join = rng.choice(forms)
        first, second = (b, a) if swap else (a, b)
        one, two = text[first["start"]:first["end"]], text[second["start"]:second["end"]]
        edits.append((a["start"], end, one + new_join + two + (")" if new_join == " (" else ""),
                      {first["id"]: (0, len(one)), second["id"]: (len(one) + len(new_join), len(one) + len(new_join) + len(two))}))
        pos = end
    return _edited(doc, edits, "restated") if edits else None


#: Number styles of publishers: (thousands separator, decimal mark).
NUMBER_STYLES = ((",", "."), (" ", "."), (" ", ","), ("", "."))
PERCENT_STYLES = ("%", " %", " per cent", " percent")
_EN_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])\d+(?:\.\d+)?(?![\d,])")
#: Figures printed in another style already ("91,1%", "15 980"): their document is left as it is.
_OTHER_STYLE = re.compile(r"\d,\d{1,2}(?!\d)|\d,\d{4}|\d \d{3}(?!\d)|\d\.\d{3}\.")
_ARITHMETIC_KINDS = {"COUNT", "MEASURE", "MONEY", "PERCENT", "RATE", "CHANGE"}


def reformatted_copy(doc: dict[str, Any], seed: int = 0) -> dict[str, Any] | None:
    """A copy of a labelled document whose figures are printed in another publisher's style:
    thousands grouped by a space or not at all, a decimal comma, "per cent" for "%", one style
    for the whole document, drawn from `seed`. The labels move with the figures; None when
    nothing changes, or when the document prints figures in a style other than "12,345.6".

    Publishers differ in how they print numbers more than in anything else, and the relation
    head reads each figure's own tokens: the copy teaches it that the style makes no relation.

    >>> d = {"id": "x", "text": "Of 12,000 thefts, 4,500 (37.5%) were car thefts in 2024.",
    ...      "quantities": [{"id": "q1", "start": 3, "end": 9, "kind": "COUNT"},
    ...                     {"id": "q2", "start": 18, "end": 23, "kind": "COUNT"},
    ...                     {"id": "q3", "start": 25, "end": 30, "kind": "PERCENT"},
    ...                     {"id": "q4", "start": 51, "end": 55, "kind": "DATE"}], "checks": []}
    >>> c = reformatted_copy(d, seed=5)
    >>> c["text"], [c["text"][q["start"]:q["end"]] for q in c["quantities"]]
    ('Of 12 000 thefts, 4 500 (37,5 percent) were car thefts in 2024.', ['12 000', '4 500', '37,5 percent', '2024'])
    """
    qs = sorted((q for q in doc["quantities"] if q.get("kind") in _ARITHMETIC_KINDS), key=lambda q: q["start"])
    texts = [doc["text"][q["start"]:q["end"]] for q in qs]
    if not qs or any(_OTHER_STYLE.search(t) for t in texts):
        return None
    rng = random.Random(f"{seed}:{doc['id']}")
    # "2.571 trillion" with a decimal comma would read as thousands: such a document keeps its point
    marks = "." if any(re.search(r"\.\d{3}(?!\d)", t) for t in texts) else ".,"
    styles = [(n, p) for n in NUMBER_STYLES for p in PERCENT_STYLES
              if (n, p) != (NUMBER_STYLES[0], "%") and n[1] in marks]
    (group, mark), percent = rng.choice(styles)

    def number(m: re.Match[str]) -> str:
        whole, _, frac = m.group().replace(",", "").partition(".")
        grouped = f"{int(whole):,}".replace(",", group) if len(whole) > 4 or "," in m.group() else whole
        return grouped + (mark + frac if frac else "")

    edits: list[Edit] = []
    for q, t in zip(qs, texts, strict=True):
        new = _EN_NUMBER.sub(number, t)
        new = re.sub(r"\s?%$", percent, new) if new.endswith("%") else new
        if new != t:
            edits.append((q["start"], q["end"], new, {q["id"]: (0, len(new))}))
    return _edited(doc, edits, "reformatted") if edits else None


def labelled_pairs(doc: LinkDoc, pairs: Sequence[Pair], links: set[tuple[str, str, Link]]) -> tuple[np.ndarray, np.ndarray]:
    """Labels (1 where the gold states the link) and mask (the links the kinds allow) of the pairs."""
    y = np.zeros((len(pairs), len(LINKS)), dtype=np.float32)
    for r, p in enumerate(pairs):
        a, b = doc.figures[p.a].id, doc.figures[p.b].id
        for link in p.allowed:
            if (a, b, link) in links:
                y[r, LINKS.index(link)] = 1
    return y, allowed_mask(pairs)


# --- distant supervision -----------------------------------------------------------------------


def _digits(f: Any) -> int:
    return sum(ch.isdigit() for ch in f.text)


def _precise_percent(f: Any) -> bool:
    """A percent printed with a decimal: a chance match at that precision is rare."""
    return f.resolution < 1 and 0 < abs(f.value) < 100


def distant_relations(doc: LinkDoc, pairs: Sequence[Pair]) -> list[Relation]:
    """Relations whose arithmetic holds at the printed precision, among candidate pairs, where
    a chance match is unlikely; anchors with more than one such relation of a kind are dropped.

    >>> t = "Of 2,412 cases, 1,206 (50.0%) were closed."
    >>> qs = [Quantity(id="q1", start=3, end=8, text="2,412", kind="COUNT"),
    ...       Quantity(id="q2", start=16, end=21, text="1,206", kind="COUNT"),
    ...       Quantity(id="q3", start=23, end=28, text="50.0%", kind="PERCENT")]
    >>> d = build_doc(t, qs, None)
    >>> [(r.kind.value, r.members) for r in distant_relations(d, candidates(d))]
    [('share', ('q3', 'q2', 'q1'))]
    """
    figs = {f.id: f for f in doc.figures}
    near: dict[int, list[int]] = {}
    for p in pairs:
        near.setdefault(p.a, []).append(p.b)
    found: list[Relation] = []

    def holds(rel: Relation) -> bool:
        try:
            return check_relation(doc.text, figs, rel)[0].verdict is Verdict.consistent
        except (KeyError, ArithmeticError, ValueError):
            return False

    for i, f in enumerate(doc.figures):
        others = near.get(i, [])
        if f.kind is K.PERCENT and _precise_percent(f):
            amounts = [j for j in others if doc.figures[j].kind in (K.COUNT, K.MONEY, K.MEASURE) and _digits(doc.figures[j]) >= 2]
            hits = [Relation(CheckKind.share, (f.id, doc.figures[a].id, doc.figures[w].id))
                    for a in amounts for w in amounts
                    if a != w and doc.figures[a].kind is doc.figures[w].kind and abs(doc.figures[a].value) < abs(doc.figures[w].value)
                    and holds(Relation(CheckKind.share, (f.id, doc.figures[a].id, doc.figures[w].id)))]
            if len(hits) == 1:
                found += hits
        if f.kind is K.CHANGE and (_precise_percent(f) if is_percent(f) else _digits(f) >= 3):
            levels = [j for j in others if doc.figures[j].kind in (K.COUNT, K.MONEY, K.MEASURE, K.PERCENT, K.RATE)
                      and _digits(doc.figures[j]) >= 2]
            hits = []
            for o in levels:
                for n in levels:
                    fo, fn = doc.figures[o], doc.figures[n]
                    if o == n or fo.value == fn.value or is_percent(fo) != is_percent(fn) or fo.kind is not fn.kind:
                        continue
                    rel = Relation(CheckKind.change, (f.id, fo.id, fn.id))
                    if holds(rel):
                        hits.append(rel)
            if len(hits) == 1:
                found += hits
        if f.kind is K.RATE or (f.kind in (K.COUNT, K.MEASURE, K.MONEY) and rate_base(doc.text, f) is not None):
            counts = [j for j in others if doc.figures[j].kind in (K.COUNT, K.MONEY, K.MEASURE) and _digits(doc.figures[j]) >= 3]
            hits = [Relation(CheckKind.rate, (f.id, doc.figures[c].id, doc.figures[p].id))
                    for c in counts for p in counts
                    if c != p and abs(doc.figures[c].value) < abs(doc.figures[p].value)
                    and holds(Relation(CheckKind.rate, (f.id, doc.figures[c].id, doc.figures[p].id)))]
            if len(hits) == 1:
                found += hits
    found += _distant_sums(doc, near, holds)
    return found


def _distant_sums(doc: LinkDoc, near: dict[int, list[int]], holds: Any) -> list[Relation]:
    """Runs of two to eight consecutive figures of one kind that add up exactly to a figure of that kind
    beside them (before or after the run), the total at least 100; percents that total 100."""
    out: list[Relation] = []
    n = doc.n
    for t, total in enumerate(doc.figures):
        if total.kind not in (K.COUNT, K.MONEY, K.MEASURE) or abs(total.value) < 100 or _digits(total) < 3:
            continue
        same = [j for j in near.get(t, []) if doc.figures[j].kind is total.kind]
        for side in (sorted(j for j in same if j > t), sorted((j for j in same if j < t), reverse=True)):
            hit = None
            for k in range(2, min(8, len(side)) + 1):
                run = sorted(side[:k])
                if run[-1] - run[0] != k - 1:
                    break
                rel = Relation(CheckKind.sum, tuple(doc.figures[j].id for j in run) + (total.id,))
                s = sum((doc.figures[j].value for j in run), Decimal(0))
                if s == total.value and holds(rel):
                    hit = rel
            if hit is not None:
                out.append(hit)
    for i in range(n):
        for k in range(3, 9):
            run = list(range(i, min(n, i + k)))
            if len(run) < k or any(doc.figures[j].kind is not K.PERCENT or not _precise_percent(doc.figures[j]) for j in run):
                break
            s = sum((doc.figures[j].value for j in run), Decimal(0))
            if abs(s - 100) <= Decimal("0.1") * k:
                out.append(Relation(CheckKind.sum, tuple(doc.figures[j].id for j in run) + ("100%",)))
                break
    return out


def distant_labels(doc: LinkDoc, pairs: Sequence[Pair]) -> tuple[np.ndarray, np.ndarray, list[Relation]] | None:
    """Labels and mask of a text's candidate pairs by distant supervision: the links of each
    arithmetic match are 1, the other candidates of its anchor for the same roles are 0, every
    other label unknown (mask 0). None when the text holds no match.

    >>> t = "Of 2,412 cases, 1,206 (50.0%) were closed."
    >>> qs = [Quantity(id="q1", start=3, end=8, text="2,412", kind="COUNT"),
    ...       Quantity(id="q2", start=16, end=21, text="1,206", kind="COUNT"),
    ...       Quantity(id="q3", start=23, end=28, text="50.0%", kind="PERCENT")]
    >>> d = build_doc(t, qs, None)
    >>> y, m, rels = distant_labels(d, candidates(d))
    >>> int(y.sum()), int(m.sum()) > int(y.sum())  # part and whole of the percent, and part of whole
    (3, True)
    """
    rels = distant_relations(doc, pairs)
    if not rels:
        return None
    role_links = {
        CheckKind.share: (Link.share_part, Link.share_whole),
        CheckKind.change: (Link.change_old, Link.change_new),
        CheckKind.rate: (Link.rate_count, Link.rate_pop),
    }
    links = gold_links(doc, [{"kind": r.kind.value, "quantities": list(r.members)} for r in rels])
    index = {f.id: k for k, f in enumerate(doc.figures)}
    anchors: dict[int, set[Link]] = {}
    for r in rels:
        if r.kind in role_links:
            anchors.setdefault(index[r.members[0]], set()).update(role_links[r.kind])
        elif r.members[-1] == "100%":
            for x in r.members[:-1]:
                anchors.setdefault(index[x], set()).add(Link.pct_sibling)
        else:
            for x in r.members[:-1]:
                anchors.setdefault(index[x], set()).add(Link.item_of)
    y = np.zeros((len(pairs), len(LINKS)), dtype=np.float32)
    m = np.zeros_like(y)
    for row, p in enumerate(pairs):
        a, b = doc.figures[p.a].id, doc.figures[p.b].id
        for link in p.allowed:
            col = LINKS.index(link)
            if (a, b, link) in links:
                y[row, col] = m[row, col] = 1
            elif link in anchors.get(p.a, ()):
                m[row, col] = 1
    return y, m, rels
