"""The label scheme of the token-classification model: BIO tags over the eight kinds.

Tag 0 is `O`; then `B-<KIND>` and `I-<KIND>` for each kind of `spec/gold-format.md`, in the
order of `KINDS`. The version is written into every model's `numcheck.json`, so a model
trained on another scheme is refused at load time instead of silently mislabelling.
"""

from __future__ import annotations

#: Bump when the tags or their order change.
LABEL_SCHEME_VERSION = "bio-8kinds-1"

#: The kinds the model tags (ANY is only for partially annotated external sets).
KINDS: tuple[str, ...] = ("COUNT", "MEASURE", "MONEY", "PERCENT", "RATE", "CHANGE", "DATE", "OTHER")

#: Tag names by id.
LABELS: tuple[str, ...] = ("O",) + tuple(f"{p}-{k}" for k in KINDS for p in ("B", "I"))

#: The label id that the loss ignores (unlabelled or unknown-kind tokens, special tokens).
IGNORE = -100


def id2label() -> dict[int, str]:
    """Tag names by id, as stored in the model config.

    >>> id2label()[1]
    'B-COUNT'
    """
    return dict(enumerate(LABELS))


def label2id() -> dict[str, int]:
    """Tag ids by name.

    >>> label2id()["I-DATE"]
    14
    """
    return {name: i for i, name in enumerate(LABELS)}


def begin_id(kind: str) -> int:
    """Id of the `B-` tag of `kind`.

    >>> begin_id("COUNT"), begin_id("OTHER")
    (1, 15)
    """
    return 1 + 2 * KINDS.index(kind)


def inside_id(kind: str) -> int:
    """Id of the `I-` tag of `kind`.

    >>> inside_id("COUNT")
    2
    """
    return begin_id(kind) + 1


def kind_of(label_id: int) -> str | None:
    """The kind a tag id belongs to, None for `O`.

    >>> kind_of(0), kind_of(2)
    (None, 'COUNT')
    """
    if label_id <= 0:
        return None
    return KINDS[(label_id - 1) // 2]


def is_begin(label_id: int) -> bool:
    """Whether a tag id is a `B-` tag.

    >>> is_begin(1), is_begin(2), is_begin(0)
    (True, False, False)
    """
    return label_id > 0 and (label_id - 1) % 2 == 0


#: English number words that can carry a figure without a digit ("four of the six", "doubled").
NUMBER_WORDS: frozenset[str] = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    thousand million billion trillion dozen dozens half doubled tripled quadrupled halved twofold
    threefold fourfold fivefold tenfold twice""".split()
)

_WORD_RE = None


def has_number(text: str) -> bool:
    """Whether `text` holds a digit or an English number word (a candidate for a figure).

    >>> has_number("crimes fell by 9.4%"), has_number("the rate doubled"), has_number("no figures here")
    (True, True, False)
    """
    global _WORD_RE
    if any(ch.isdigit() for ch in text):
        return True
    if _WORD_RE is None:
        import re

        _WORD_RE = re.compile(r"[A-Za-z]+")
    return any(w.lower() in NUMBER_WORDS for w in _WORD_RE.findall(text))
