"""Character spans -> token labels, through the fast tokenizer's `offset_mapping`.

A span is labelled on every token that overlaps it: `B-<KIND>` on the first, `I-<KIND>` on
the rest. A span whose edge falls inside a token ("cuts" the token) cannot be represented
exactly; it is still labelled, and counted in `AlignStats.cut_spans` so that training reports
it rather than dropping it silently. Tokens in `masked` character ranges (spans of unknown
kind, the uncertain edges of external annotations) and, for partially annotated sets, digit
tokens outside every span get label -100 so the loss ignores them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from numcheck.models.labels import IGNORE, begin_id, inside_id


@dataclass(frozen=True)
class Span:
    """A labelled character range: `text[start:end]` has kind `kind`.

    >>> Span(3, 7, "DATE").kind
    'DATE'
    """

    start: int
    end: int
    kind: str


@dataclass
class AlignStats:
    """What alignment met: spans labelled, spans that cut a token, tokens masked out of the loss.

    >>> AlignStats().cut_spans
    0
    """

    spans: int = 0
    cut_spans: int = 0
    masked_tokens: int = 0
    windows: int = 0
    cut_examples: list[str] = field(default_factory=list)

    def add(self, other: AlignStats) -> None:
        """Accumulate another example's counts."""
        self.spans += other.spans
        self.cut_spans += other.cut_spans
        self.masked_tokens += other.masked_tokens
        self.windows += other.windows
        room = 20 - len(self.cut_examples)
        if room > 0:
            self.cut_examples.extend(other.cut_examples[:room])


def token_labels(
    offsets: Sequence[tuple[int, int]],
    text: str,
    spans: Sequence[Span],
    *,
    masked: Sequence[tuple[int, int]] = (),
    mask_unlabeled_digits: bool = False,
    stats: AlignStats | None = None,
) -> list[int]:
    """Label ids for tokens with character `offsets` into `text` ((0, 0) marks a special token).

    >>> token_labels([(0, 0), (0, 2), (3, 6), (6, 7), (0, 0)], "in 2024", [Span(3, 7, "DATE")])
    [-100, 0, 13, 14, -100]
    """
    labels = [IGNORE if s == e else 0 for s, e in offsets]
    ordered = sorted(spans, key=lambda sp: sp.start)
    for sp in ordered:
        first = True
        touched = []
        for i, (s, e) in enumerate(offsets):
            if s == e or e <= sp.start or s >= sp.end:
                continue
            touched.append(i)
            labels[i] = begin_id(sp.kind) if first else inside_id(sp.kind)
            first = False
        if not touched:
            continue
        if stats is not None:
            stats.spans += 1
            s0 = offsets[touched[0]][0]
            e1 = offsets[touched[-1]][1]
            if s0 != sp.start or e1 != sp.end:
                stats.cut_spans += 1
                if len(stats.cut_examples) < 20:
                    stats.cut_examples.append(f"{text[sp.start:sp.end]!r} in {text[max(0, s0 - 10):e1 + 10]!r}")
    for i, (s, e) in enumerate(offsets):
        if s == e:
            continue
        if any(s < me and e > ms for ms, me in masked):
            labels[i] = IGNORE
        elif mask_unlabeled_digits and labels[i] == 0 and any(ch.isdigit() for ch in text[s:e]):
            labels[i] = IGNORE
        else:
            continue
        if stats is not None:
            stats.masked_tokens += 1
    return labels


def encode_example(
    text: str,
    spans: Sequence[Span],
    tokenizer,
    *,
    max_length: int = 128,
    stride: int = 32,
    masked: Sequence[tuple[int, int]] = (),
    mask_unlabeled_digits: bool = False,
    stats: AlignStats | None = None,
) -> list[dict[str, list[int]]]:
    """Tokenize `text` into windows of at most `max_length` tokens (overlapping by `stride`) with labels.

    >>> # encode_example("In 2024, 33,379 crimes.", [Span(3, 7, "DATE"), Span(9, 15, "COUNT")], tok)
    """
    enc = tokenizer(
        text,
        truncation=True,
        max_length=max_length,
        stride=stride,
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
    )
    local = AlignStats()
    out = []
    n_windows = len(enc["input_ids"])
    for w in range(n_windows):
        offsets = [tuple(o) for o in enc["offset_mapping"][w]]
        labels = token_labels(offsets, text, spans, masked=masked, mask_unlabeled_digits=mask_unlabeled_digits,
                              stats=local)
        out.append({"input_ids": list(enc["input_ids"][w]), "attention_mask": list(enc["attention_mask"][w]),
                    "labels": labels})
    if n_windows > 1:
        # Windows overlap and may cut a span at their edge: count spans on the whole text instead.
        local = AlignStats(masked_tokens=local.masked_tokens)
        full = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        token_labels([tuple(o) for o in full["offset_mapping"]], text, spans, stats=local)
    local.windows = n_windows
    if stats is not None:
        stats.add(local)
    return out
