"""Training examples from three sources: synthetic text, real annotated text, weak labels on real text.

Every source yields `LabeledText` records (text, spans, character ranges to leave out of the
loss, and whether unlabelled digit tokens are left out too). `encode_all` turns them into
token-labelled windows through `numcheck.training.align`.

- Synthetic (`numcheck.training.synth`): exact by construction.
- A gold-format file that is only partially annotated (re3d): kind `ANY` spans and every digit
  token outside a span are masked (label -100) instead of being taught as `O`; the parts of a
  span outside our conventions (a leading hedge, a trailing counted noun, "the summer of") are
  masked too, so only the number core is taught.
- Weak labels: spans and kinds from the rule-based extractor on unlabelled paragraphs.
- Hand labels: unlabelled paragraphs whose spans were corrected by hand (`read_hand_labels`);
  they take the place of the weak labels of the same paragraphs.

The dev sets are measuring sets: `check_not_dev` refuses them as training input.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from numcheck.errors import ConfigError
from numcheck.models.labels import KINDS, NUMBER_WORDS, has_number
from numcheck.training.align import AlignStats, Span, encode_example
from numcheck.words import MONTH_WORDS

#: File names that are measuring sets and must never be trained on.
FORBIDDEN_NAMES = ("dev.jsonl", "dev-perturbed.jsonl")

_HEDGE_RE = re.compile(
    r"^(?:(?:at least|at most|more than|less than|fewer than|nearly|about|around|approximately|almost|over|"
    r"under|some|up to|roughly|an estimated|estimated|close to|just over|the|a|an|of|summer|winter|spring|"
    r"autumn|fall|early|late|mid|end|beginning|start|on|in|since|by)\s+)+",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[\w$€£%.,’'/-]+")


@dataclass
class LabeledText:
    """A text with its spans and what to leave out of the loss.

    >>> LabeledText("In 2024.", [Span(3, 7, "DATE")]).source
    'synthetic'
    """

    text: str
    spans: list[Span]
    masked: list[tuple[int, int]] = field(default_factory=list)
    mask_unlabeled_digits: bool = False
    source: str = "synthetic"


def check_not_dev(path: str | Path) -> None:
    """Refuse a measuring set as training input.

    >>> check_not_dev("data/external/re3d/train.jsonl")
    """
    p = Path(path)
    if p.name in FORBIDDEN_NAMES and "external" not in p.parts:
        raise ConfigError(None, f"training data {path} is a measuring set", "never train on dev.jsonl or dev-perturbed.jsonl")


def _numberish(word: str) -> bool:
    w = word.lower().strip(".,")
    return any(ch.isdigit() for ch in w) or w in NUMBER_WORDS or w in MONTH_WORDS or w in {"$", "€", "£", "a.m.", "p.m."}


def core_span(text: str, start: int, end: int, kind: str) -> tuple[int, int]:
    """The number core of an external span: leading hedges and framing words off, and for a count its trailing noun.

    >>> t = "on at least three occasions"
    >>> s, e = core_span(t, 3, len(t), "COUNT"); t[s:e]
    'three'
    """
    piece = text[start:end]
    m = _HEDGE_RE.match(piece)
    s = start + (m.end() if m else 0)
    words = [(s + w.start(), s + w.end(), w.group()) for w in _WORD_RE.finditer(text[s:end])]
    while words and not _numberish(words[0][2]):
        words.pop(0)
    if not words:
        return start, start
    s = words[0][0]
    e = end
    if kind in ("COUNT", "PERCENT", "OTHER", "RATE", "CHANGE"):
        last = max(i for i, w in enumerate(words) if _numberish(w[2]) or w[2].lower() in ("million", "billion", "thousand", "percent", "%"))
        e = words[last][1]
    while e > s and text[e - 1] in ".,;:":
        e -= 1
    return s, e


def read_partial_gold(path: str | Path) -> list[LabeledText]:
    """A gold-format file as training texts: partially annotated ones (e.g. re3d) with masks.

    >>> # read_partial_gold("/work/shared/data/external/re3d/train.jsonl")[0].mask_unlabeled_digits
    """
    check_not_dev(path)
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            doc = json.loads(line)
            text = doc["text"]
            spans: list[Span] = []
            masked: list[tuple[int, int]] = []
            # A set that says what it annotated (`gold_scope`, e.g. re3d) may leave numbers out,
            # and its spans are loose (hedges, nouns): they are cut to their number core and the
            # rest, like its unlabelled digits, is masked. A set without one labels every number
            # at the spec's edges: its spans are taken as they are, and text it leaves
            # unlabelled (a rate's base) is taught as no span.
            partial = bool(doc.get("gold_scope"))
            for q in doc.get("quantities", []):
                a, b, kind = q["start"], q["end"], q["kind"]
                if kind not in KINDS or not has_number(text[a:b]):
                    masked.append((a, b))
                    continue
                if not partial:
                    spans.append(Span(a, b, kind))
                    continue
                s, e = core_span(text, a, b, kind)
                if e <= s:
                    masked.append((a, b))
                    continue
                spans.append(Span(s, e, kind))
                if s > a:
                    masked.append((a, s))
                if e < b:
                    masked.append((e, b))
            out.append(LabeledText(text, spans, masked, mask_unlabeled_digits=partial, source=f"gold:{Path(path).name}"))
    return out


def holdout_ids(paths: Sequence[str | Path]) -> set[str]:
    """The paragraph ids listed in held-out label files (one JSON object with an `id` per line).

    >>> holdout_ids([])
    set()
    """
    ids: set[str] = set()
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            ids.update(json.loads(line)["id"] for line in fh if line.strip())
    return ids


def sample_unlabeled(path: str | Path, n: int, seed: int, *, exclude_ids: set[str] | None = None) -> list[tuple[str | None, str]]:
    """`n` (id, text) paragraphs sampled (reproducibly) from an unlabelled JSONL of `{"id": ..., "text": ...}` lines.

    Paragraphs whose `id` is in `exclude_ids` (a held-out evaluation set) are never taken; the
    shuffle is over the whole file, so excluding a few ids changes only those places.

    >>> # sample_unlabeled("/work/shared/data/unlabeled/paragraphs.jsonl", 10, 0)[0][0]
    """
    check_not_dev(path)
    exclude_ids = exclude_ids or set()
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    rng = random.Random(seed)
    rng.shuffle(rows)
    return [(r.get("id"), r["text"]) for r in rows if r.get("id") not in exclude_ids and has_number(r["text"])][:n]


def read_unlabeled(path: str | Path, n: int, seed: int, *, exclude_ids: set[str] | None = None) -> list[str]:
    """The texts of `sample_unlabeled`.

    >>> # len(read_unlabeled("/work/shared/data/unlabeled/paragraphs.jsonl", 10, 0))
    """
    return [text for _, text in sample_unlabeled(path, n, seed, exclude_ids=exclude_ids)]


def read_hand_labels(labels_path: str | Path, paragraphs_path: str | Path) -> dict[str, LabeledText]:
    """Hand-labelled paragraphs by id: labels (`id`, `text_sha256`, `quantities` with start/end/kind)
    joined to their text in the unlabelled paragraphs file.

    The labels hold no text; each paragraph is pinned by the SHA-256 of its text, and a paragraph
    that is missing or whose text changed is an error, never silently skipped. The labels are
    complete (every number-bearing span), so unlabelled digits are taught as outside.

    >>> # read_hand_labels("training/labels/cdc-train.jsonl", "../shared/data/unlabeled/paragraphs.jsonl")
    """
    check_not_dev(paragraphs_path)
    with open(labels_path, encoding="utf-8") as fh:
        labels = [json.loads(line) for line in fh if line.strip()]
    wanted = {lab["id"] for lab in labels}
    texts: dict[str, str] = {}
    with open(paragraphs_path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                if row.get("id") in wanted:
                    texts[row["id"]] = row["text"]
    out: dict[str, LabeledText] = {}
    for n, lab in enumerate(labels, 1):
        where = f"{labels_path} line {n} ({lab['id']})"
        text = texts.get(lab["id"])
        if text is None:
            raise ConfigError(None, f"{where}: no paragraph with this id in {paragraphs_path}",
                              "point unlabeled_path at the paragraphs the labels were made on")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != lab["text_sha256"]:
            raise ConfigError(None, f"{where}: the paragraph's text differs from the one labelled (SHA-256 mismatch)",
                              "relabel the paragraph or restore its text")
        spans = []
        for q in lab["quantities"]:
            a, b, kind = q["start"], q["end"], q["kind"]
            if not (0 <= a < b <= len(text)) or kind not in KINDS or not has_number(text[a:b]):
                raise ConfigError(None, f"{where}: quantity {q.get('id', (a, b))} is not a number-bearing span of a known kind",
                                  "fix its offsets or kind")
            spans.append(Span(a, b, kind))
        out[lab["id"]] = LabeledText(text, spans, [], mask_unlabeled_digits=False, source=f"hand:{Path(labels_path).name}")
    return out


def weak_label(texts: Sequence[str], extractor) -> list[LabeledText]:
    """Spans and kinds from another extractor (the rules) as weak labels.

    Spans of kind ANY or without a number are masked, not taught.

    >>> # weak_label(["In 2024, 5 cases."], RuleExtractor())
    """
    out = []
    results = extractor.extract(list(texts))
    for text, qs in zip(texts, results):
        spans = []
        masked = []
        for q in qs:
            kind = str(getattr(q.kind, "value", q.kind))
            if kind in KINDS and has_number(q.text):
                spans.append(Span(q.start, q.end, kind))
            else:
                masked.append((q.start, q.end))
        out.append(LabeledText(text, spans, masked, mask_unlabeled_digits=False, source="weak:rules"))
    return out


def split_paragraphs(item: LabeledText, max_chars: int = 400) -> list[LabeledText]:
    """Cut a long text at line breaks into pieces of about `max_chars`, shifting spans (no span is cut).

    >>> parts = split_paragraphs(LabeledText("a 1\\nb 2", [Span(2, 3, "COUNT"), Span(6, 7, "COUNT")]), max_chars=3)
    >>> [(p.text, [(s.start, s.end) for s in p.spans]) for p in parts]
    [('a 1', [(2, 3)]), ('b 2', [(2, 3)])]
    """
    text = item.text
    cuts = [0]
    for m in re.finditer(r"\n+|(?<=[.!?])\s+(?=[A-Z])", text):
        if m.end() - cuts[-1] > max_chars and not any(sp.start < m.start() < sp.end for sp in item.spans):
            cuts.append(m.end())
    cuts.append(len(text))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        seg = text[a:b].rstrip()
        b2 = a + len(seg)
        if not seg.strip():
            continue
        spans = [Span(s.start - a, s.end - a, s.kind) for s in item.spans if s.start >= a and s.end <= b2]
        masked = [(max(ms, a) - a, min(me, b2) - a) for ms, me in item.masked if me > a and ms < b2]
        out.append(LabeledText(seg, spans, masked, item.mask_unlabeled_digits, item.source))
    return out


def encode_all(items: Iterable[LabeledText], tokenizer, *, max_length: int, stride: int) -> tuple[list[dict], AlignStats]:
    """Token-labelled windows of all items, and the alignment statistics.

    >>> # rows, stats = encode_all(items, tok, max_length=128, stride=32)
    """
    stats = AlignStats()
    rows: list[dict] = []
    for item in items:
        for row in encode_example(item.text, item.spans, tokenizer, max_length=max_length, stride=stride,
                                  masked=item.masked, mask_unlabeled_digits=item.mask_unlabeled_digits, stats=stats):
            row["source"] = item.source
            rows.append(row)
    return rows, stats


def data_hash(items: Iterable[LabeledText]) -> str:
    """SHA-256 over every text and label, so a model names the exact data it was trained on.

    >>> len(data_hash([LabeledText("In 2024.", [Span(3, 7, "DATE")])]))
    64
    """
    h = hashlib.sha256()
    for it in items:
        h.update(it.text.encode("utf-8"))
        h.update(json.dumps([(s.start, s.end, s.kind) for s in it.spans] + [list(m) for m in it.masked]).encode())
        h.update(b"\x00" if not it.mask_unlabeled_digits else b"\x01")
    return h.hexdigest()
