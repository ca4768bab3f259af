"""A batch of hostile and huge inputs beside a good document (issue 21's "done when" batch).

    python benchmarks/hostile.py DIR [--real PATH] [--line-kb 400]
    numcheck check DIR --out OUT --format jsonl --format text --extractor rules

writes into DIR: a JSONL file whose first line holds a lone surrogate, a text file whose name
is not UTF-8, a 10^30 compound measure, a 5,000-digit run, HTML nested 3,000 deep with a
paragraph of figures at the bottom and one after it, a UTF-8 file with one invalid byte and
euro signs, a text full of terminal escapes, a single line of `--line-kb` KB and a good press
release. The long line is real prose when `--real` names a JSONL of paragraphs (e.g.
../shared/data/unlabeled/paragraphs.jsonl, read by path and never copied here), else our
own generated press releases joined into one line.

Every text below is written for this file; nothing is copied from a real release.

>>> import tempfile; names = sorted(p.name for p in write_batch(Path(tempfile.mkdtemp()), line_kb=4).iterdir())
>>> len(names), names[0]
(9, 'bad-byte.txt')
"""

from __future__ import annotations

import argparse
import json
import os
import random
from pathlib import Path

#: The figures a checker must find in the deep HTML's paragraph (nested 3,000 elements deep).
DEEP_PARAGRAPH = "Of the 1,250 inspections made in 2024, 300 (24%) found a breach."
#: The paragraph after the deep block, which must not vanish.
AFTER_DEEP = "A further 75 inspections are planned, up from 60 in 2023, a rise of 25%."
GOOD = (
    "Police in Northvale recorded 2,000 thefts in 2024, including 450 car thefts (22.5%).\n\n"
    "Burglaries fell by 10%, from 800 to 720."
)


def write_batch(directory: Path, *, real: Path | None = None, line_kb: int = 400) -> Path:
    """Write the hostile batch into `directory` (created) and return it."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    # json.dumps writes the lone surrogate as the escape \ud800, which json.loads reads back raw.
    lines = [
        {"id": "surrogate", "text": "Of 40 cases, 12 (30%) were closed \ud800 last week."},
        {"id": "after-surrogate", "text": "Of 50 cases, 10 (20%) were reopened."},
    ]
    (d / "surrogate.jsonl").write_text("".join(json.dumps(o) + "\n" for o in lines), encoding="ascii")
    # A Latin-1 name: the bytes are not UTF-8, so Python sees a lone surrogate (\udce9) in it.
    name = os.fsdecode(b"caf\xe9 report.txt")
    (d / name).write_text("The caf\u00e9 sold 120 coffees, 30 (25%) of them decaffeinated.", encoding="utf-8")
    (d / "huge-compound.txt").write_text(
        "The port handled 1000000000000000000000000000000 tons and 5 kilograms of cargo, "
        "a change of 100000000000000000000000000% on 2023.", encoding="utf-8")
    (d / "digit-run.txt").write_text(f"The code was {'7' * 5000} and 12 of 40 staff (30%) read it.", encoding="utf-8")
    depth = 3000
    deep = (
        "<html><body><article>" + "<div>" * depth + f"<p>{DEEP_PARAGRAPH}</p>" + "</div>" * depth
        + f"<p>{AFTER_DEEP}</p></article></body></html>"
    )
    (d / "deep.html").write_text(deep, encoding="utf-8")
    good_bytes = "Sales rose to €5.5 million from €5.0 million, a change of 10%; costs changed by −2%.".encode()
    # One invalid byte inside a word: the file is still UTF-8, and its euro and minus signs must stay so.
    (d / "bad-byte.txt").write_bytes(good_bytes[:3] + b"\xff" + good_bytes[3:])
    (d / "escapes.txt").write_text(
        "\x1b]0;pwned\x07\x1b[2J\x1b[31mOf 80 staff, 20 (25%) \x1b[0mworked remotely.\x1b[1;1H", encoding="utf-8")
    (d / "long-line.txt").write_text(_long_line(real, line_kb * 1000), encoding="utf-8")
    return d


def _long_line(real: Path | None, size: int) -> str:
    pieces: list[str] = []
    total = 0
    if real is not None:
        with Path(real).open(encoding="utf-8") as fh:
            for raw in fh:
                text = " ".join(json.loads(raw)["text"].split())
                pieces.append(text)
                total += len(text) + 1
                if total >= size:
                    break
    else:
        from numcheck.benchmarks.corpus import generate_document

        i = 0
        while total < size:
            text = " ".join(generate_document(i)["text"].split())
            pieces.append(text)
            total += len(text) + 1
            i += 1
    return " ".join(pieces)[:size]


_WORDS = (
    "of", "the", "cases", "rose", "fell", "by", "from", "to", "in", "total", "including", "and", "were",
    "per", "100,000", "residents", "million", "billion", "tons", "kilograms", "euros", "up", "down",
    "about", "nearly", "over", "or", "(", ")", ";", ":", ",", ".", "-", "points", "percent", "times",
)  # fmt: skip
_SEPARATORS = (",", ".", " ", "\u00a0", "\u202f", "’", "'", "٫", "٬", ", ")
_AFFIXES = ("%", "％", " per cent", " pp", "€", "$", "£", " m", " bn", "+", "−", "-", " kg", " million")
_UNICODE_DIGITS = ("٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９", "०१२३४५६७८९", "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗")


def digit_heavy_paragraph(rng: random.Random, *, n_tokens: int = 40, huge: float = 0.03) -> str:
    """Random text dense in figures of every shape: long digit runs, odd separators, other scripts' digits.

    `huge` is the chance of each figure being a run of thousands of digits.

    >>> p = digit_heavy_paragraph(random.Random(1)); isinstance(p, str) and any(c.isdigit() for c in p)
    True
    """
    out: list[str] = []
    for _ in range(n_tokens):
        roll = rng.random()
        if roll < 0.45:
            out.append(rng.choice(_WORDS))
            continue
        length = rng.choice((300, 4400, 5000)) if rng.random() < huge else rng.choice((1, 2, 3, 4, 6, 9, 12, 20, 28, 29, 31, 40, 60))
        digits = "".join(rng.choice("0123456789") for _ in range(length))
        if rng.random() < 0.1:
            table = rng.choice(_UNICODE_DIGITS)
            digits = "".join(table[int(d)] for d in digits)
        if rng.random() < 0.3 and length > 3:
            sep = rng.choice(_SEPARATORS)
            head = len(digits) % 3 or 3
            digits = digits[:head] + "".join(sep + digits[i : i + 3] for i in range(head, len(digits), 3))
        if rng.random() < 0.3:
            digits += rng.choice((".", ",", "٫")) + "".join(rng.choice("0123456789") for _ in range(rng.choice((1, 2, 5, 30))))
        if rng.random() < 0.5:
            affix = rng.choice(_AFFIXES)
            digits = affix + digits if affix in "€$£+−-" else digits + affix
        out.append(digits)
    return " ".join(out)


def unicode_heavy_paragraph(rng: random.Random, *, n_tokens: int = 30) -> str:
    """Random text of figures among control characters, escapes, surrogates, combining marks and wide scripts.

    >>> len(unicode_heavy_paragraph(random.Random(2))) > 0
    True
    """
    odd = (
        "\x1b[31m", "\x1b]0;title\x07", "\x1b[2J", "\x00", "\x07", "\r", "\u202e", "\u200b", "\ufeff", "\ud800",
        "\udce9", "e\u0301", "𝟓", "№", "½", "²", "³", "\u2028", "\x85", "\t", "\n", "\n\n", "ß", "İ", "ﬁ", "😀",
    )  # fmt: skip
    out: list[str] = []
    for _ in range(n_tokens):
        roll = rng.random()
        if roll < 0.35:
            out.append(rng.choice(odd))
        elif roll < 0.7:
            out.append(rng.choice(_WORDS))
        else:
            out.append(digit_heavy_paragraph(rng, n_tokens=1))
    return rng.choice(("", " ")).join(out)


def main(argv: list[str] | None = None) -> int:
    """Write the batch (or `--random N` digit-heavy paragraphs as JSONL); returns the exit code."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("directory", type=Path)
    p.add_argument("--real", type=Path, default=None, help="JSONL of real paragraphs for the long line")
    p.add_argument("--line-kb", type=int, default=400)
    p.add_argument("--random", type=int, default=0, metavar="N", help="write N random digit-heavy paragraphs to DIR/random.jsonl instead")
    p.add_argument("--seed", type=int, default=21)
    p.add_argument("--huge", type=float, default=0.03, help="chance of a figure being thousands of digits long")
    args = p.parse_args(argv)
    if args.random:
        rng = random.Random(args.seed)
        args.directory.mkdir(parents=True, exist_ok=True)
        with (args.directory / "random.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(args.random):
                text = digit_heavy_paragraph(rng, huge=args.huge) if i % 4 else unicode_heavy_paragraph(rng)
                fh.write(json.dumps({"id": f"random-{i}", "text": text}) + "\n")
        return 0
    write_batch(args.directory, real=args.real, line_kb=args.line_kb)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
