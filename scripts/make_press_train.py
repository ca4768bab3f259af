#!/usr/bin/env python3
"""Build the hand-written press-release training set from its marked sources.

The sources are `training/labels/press/*.jsonl`: one paragraph a line, `{"id", "genre",
"marked"}`, every figure written inline as ``[text|KIND]`` (the mark form of
`scripts/make_checker_challenge.py`; a unit or value after a second bar is allowed and
ignored here). The paragraphs are our own invented text, written for training only: they
never enter an evaluation.

A source line may also carry `checks`, the relations its figures are in, in the compact form of
`scripts/relation_labels.py`: ``[kind, [ids], verdict]`` with an optional fourth element
``{"delta": "qN"}``, where ``qN`` is the N-th mark of the paragraph. Each is recomputed
(`numcheck.checks.relation.check_relation`) and must have the verdict its writer gave: a
relation written to be right that the arithmetic contradicts is a slip, and a deliberate
error is written `inconsistent`.

The script refuses to write (exit 1, problems on stderr) when a paragraph

- has an id seen before, an unknown kind, or a mark left unparsed;
- has a span that holds no digit and no number word;
- has a check of an unknown kind or quantity id, or whose verdict the arithmetic does not give;
- has a digit outside every span and every rate base (every number-bearing string must be labelled, ``OTHER``
  included; a rate's base, which the spec leaves out of every span, is written ``{100,000}``),
  or a number word outside every span (``one`` used as a pronoun is allowed when the source
  lists it in ``"unmarked_words"``; ``half`` and ``quarter`` after an ordinal are parts of a
  period, "the first half of [2025|DATE]", and need no span).

It writes `training/labels/press-train.jsonl` in the gold format (spec/gold-format.md: `id`,
`source`, `text`, `quantities` with `id`, `start`, `end`, `text`, `kind`; `checks` empty), which
`configs/*.json` list under `gold_paths`. `--diff` prints, for review, every span where the
rule extractor disagrees with the marks (needs numcheck installed).

    python scripts/make_press_train.py --out training/labels/press-train.jsonl
    python scripts/make_press_train.py --diff
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("make_checker_challenge", _HERE / "make_checker_challenge.py")
mcc = importlib.util.module_from_spec(_spec)
assert _spec.loader is not None
_spec.loader.exec_module(mcc)

SOURCES = _HERE.parent / "training" / "labels" / "press"

#: Number words that must sit inside a span (a sample: the common ones a writer uses).
NUMBER_WORDS = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|billion|dozen|half|third|quarter|fifth|doubled|tripled|quadrupled|halved|twofold|threefold)\b",
    re.IGNORECASE,
)


#: A figure mark ``[text|KIND...]`` or a rate base ``{100,000}`` (digits that are deliberately no span).
_TOKEN = re.compile(mcc.MARK.pattern + r"|\{(?P<base>[^{}\[\]|]+)\}")


#: An ordinal right before "half" or "quarter" makes it a part of a period, which is no span
#: (the year after it is the DATE): "the first half of 2025", "in the II quarter of 2024".
_PERIOD_PART = re.compile(r"\b(?:first|second|third|fourth|last|I|II|III|IV)[ \u00a0]$", re.IGNORECASE)


def _mark_spans(marked: str) -> tuple[str, list[dict[str, Any]], list[tuple[int, int]]]:
    """Plain text, spans (offsets, text, kind) and rate-base ranges of a marked paragraph.

    >>> _mark_spans("[327|RATE] per {100,000} people in [2024|DATE]")[0::2]
    ('327 per 100,000 people in 2024', [(8, 15)])
    """
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = length = 0
    bases: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(marked):
        plain = marked[pos : m.start()]
        out.append(plain)
        length += len(plain)
        if m.group("base") is not None:
            bases.append((length, length + len(m.group("base"))))
            out.append(m.group("base"))
            length += len(m.group("base"))
            pos = m.end()
            continue
        span, kind = m.group(1), m.group(2)
        if kind not in mcc.KINDS:
            raise mcc.GoldError(f"unknown kind {kind} in {m.group(0)}")
        spans.append({"id": f"q{len(spans) + 1}", "start": length, "end": length + len(span), "text": span, "kind": kind})
        out.append(span)
        length += len(span)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    for ch in "[]|{}":
        if ch in text:
            raise mcc.GoldError(f"unparsed mark left in text near {text[max(0, text.find(ch) - 20):][:60]!r}")
    return text, spans, bases


def _value(span: str, kind: str) -> tuple[Any, str | None]:
    try:
        return mcc.derive_value(span, kind)
    except (mcc.GoldError, ValueError, KeyError, ZeroDivisionError):
        return None, None


def problems_of(text: str, spans: list[dict[str, Any]], allowed_words: list[str],
                bases: list[tuple[int, int]] = ()) -> list[str]:
    """What is wrong with one paragraph's labels (empty when nothing is)."""
    problems = []
    covered = [False] * len(text)
    for a, b in bases:
        covered[a:b] = [True] * (b - a)
    for q in spans:
        s = q["text"]
        if not (any(ch.isdigit() for ch in s) or NUMBER_WORDS.search(s)):
            problems.append(f"span {s!r} holds no digit and no number word")
        for i in range(q["start"], q["end"]):
            covered[i] = True
    for i, ch in enumerate(text):
        if ch.isdigit() and not covered[i]:
            problems.append(f"digit outside every span: {text[max(0, i - 25) : i + 10]!r}")
            break
    allowed = {w.lower() for w in allowed_words}
    for m in NUMBER_WORDS.finditer(text):
        if _PERIOD_PART.search(text, 0, m.start()) and m.group(0).lower() in ("half", "quarter"):
            continue  # "the first half of [2025]": a part of a period, not a number
        if m.group(0).lower() == "third" and re.match(r"[ \u00a0](?:quarter|half)\b", text[m.end():]):
            continue  # "the third quarter": an ordinal
        if not covered[m.start()] and m.group(0).lower() not in allowed:
            problems.append(f"number word {m.group(0)!r} outside every span: {text[max(0, m.start() - 25) : m.end() + 10]!r}")
    return problems


def checks_of(text: str, spans: list[dict[str, Any]], rows: list[Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """The gold checks of a paragraph's compact check rows (read as `scripts/relation_labels.py`
    reads them), and the problems found: unknown kinds, verdicts or ids, and verdicts the
    arithmetic does not give.

    >>> t, s, _ = _mark_spans("Of [40|COUNT] cases, [10|COUNT] were mild and [25|COUNT] severe.")
    >>> checks_of(t, s, [["sum", ["q2", "q3", "q1"], "consistent"]])[1][0].split(" (")[0]
    "check sum ['q2', 'q3', 'q1']: written consistent, the arithmetic says inconsistent"
    >>> checks_of(t, s, [["sum", ["q2", "q3", "q1"], "inconsistent"]])[0]
    [{'kind': 'sum', 'quantities': ['q2', 'q3', 'q1'], 'verdict': 'inconsistent'}]
    """
    from numcheck.schema import Quantity, Verdict

    labels = _relation_labels()
    verdicts = {v.value for v in Verdict}
    quantities = [Quantity.model_validate({k: q[k] for k in ("id", "start", "end", "text", "kind")}) for q in spans]
    checks, problems = labels.check_rows(rows, {q["id"] for q in spans})
    out = []
    for c in checks:
        if c["verdict"] not in verdicts:
            problems.append(f"check {c['kind']} {c['quantities']}: verdict must be one of {sorted(verdicts)}")
            continue
        got, words = labels.recheck(text, quantities, c, None)
        if got == "error":
            problems.append(f"check {c['kind']} {c['quantities']}: the checker cannot run it ({words})")
        elif got != c["verdict"] and c["verdict"] in ("consistent", "inconsistent"):
            problems.append(f"check {c['kind']} {c['quantities']}: written {c['verdict']}, the arithmetic says "
                            f"{got} ({words})")
        else:
            out.append(c)
    return out, problems


@functools.cache
def _relation_labels() -> Any:
    """`scripts/relation_labels.py`, whose check rows and recomputation the written relations share."""
    spec = importlib.util.spec_from_file_location("relation_labels", _HERE / "relation_labels.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def build(sources: Path = SOURCES) -> tuple[list[dict[str, Any]], list[str]]:
    """Every paragraph of every source file, in file-name then line order, and the problems found."""
    docs: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for path in sorted(sources.glob("*.jsonl")) if sources.is_dir() else [sources]:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                row = json.loads(line)
                pid, marked = row["id"], row["marked"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                problems.append(f"{where}: not a {{id, genre, marked}} object ({exc})")
                continue
            if pid in seen:
                problems.append(f"{where}: duplicate id {pid}")
            seen.add(pid)
            try:
                text, spans, bases = _mark_spans(marked)
            except mcc.GoldError as exc:
                problems.append(f"{where} ({pid}): {exc}")
                continue
            problems.extend(f"{where} ({pid}): {p}" for p in problems_of(text, spans, row.get("unmarked_words", []), bases))
            for q in spans:
                q["value"], q["unit"] = _value(q["text"], q["kind"])
            checks, check_problems = checks_of(text, spans, row.get("checks", []))
            problems.extend(f"{where} ({pid}): {p}" for p in check_problems)
            docs.append({
                "id": pid,
                "source": {"publisher": "numcheck (invented training text)", "title": row.get("genre", ""),
                           "date": None, "url": None},
                "text": text,
                "quantities": spans,
                "checks": checks,
            })
    return docs, problems


def diff_with_rules(docs: list[dict[str, Any]]) -> int:
    """Print every span where the rule extractor and the marks disagree; return how many."""
    from numcheck.inference.rules import RuleExtractor

    pred = RuleExtractor().extract([d["text"] for d in docs])
    n = 0
    for d, ps in zip(docs, pred, strict=True):
        gold = {(q["start"], q["end"]): q["kind"] for q in d["quantities"]}
        got = {(q.start, q.end): q.kind for q in ps}
        for key in sorted(set(gold) | set(got)):
            if gold.get(key) != got.get(key):
                n += 1
                s, e = key
                ctx = d["text"][max(0, s - 50) : s] + "[[" + d["text"][s:e] + "]]" + d["text"][e : e + 30]
                print(f"{d['id']}: marks={gold.get(key)} rules={got.get(key)}  {ctx!r}")
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="gold-format JSONL to write")
    ap.add_argument("--sources", type=Path, default=SOURCES, help="folder of marked *.jsonl sources, or one file")
    ap.add_argument("--diff", action="store_true", help="print where the rule extractor disagrees")
    args = ap.parse_args(argv)
    docs, problems = build(args.sources)
    for p in problems:
        print("ERROR", p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s); nothing written", file=sys.stderr)
        return 1
    kinds: dict[str, int] = {}
    for d in docs:
        for q in d["quantities"]:
            kinds[q["kind"]] = kinds.get(q["kind"], 0) + 1
    summary = f"{len(docs)} paragraphs, {sum(kinds.values())} spans: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    if args.diff:
        print(f"{diff_with_rules(docs)} disagreements with the rule extractor")
    return mcc.write_gold(docs, args.out, summary)


if __name__ == "__main__":
    sys.exit(main())
