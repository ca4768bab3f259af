"""Splitting a document into paragraphs, sentences and table rows, keeping offsets.

The linker works sentence by sentence and row by row; every piece keeps its character
offsets into the document so that no figure is ever moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Sgt|St|No|Nos|Art|Vol|Fig|vs|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|D\.C|Inc|Ltd|Co|Corp|e\.g|i\.e|cf)|\b[A-Z])\.$"
)
_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+|$)")


@dataclass(frozen=True)
class Span:
    """A stretch of the document: [start, end) and its paragraph index."""

    start: int
    end: int
    paragraph: int


def paragraphs(text: str) -> list[Span]:
    """Non-blank lines grouped into paragraphs (split at line breaks).

    >>> [(p.start, p.end) for p in paragraphs("One.\\n\\nTwo.")]
    [(0, 4), (6, 10)]
    """
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append(Span(m.start(), m.end(), len(out)))
    return out


def sentences(text: str) -> list[Span]:
    """Sentences of the text, with their paragraph (line) index.

    A full stop ends a sentence when it is followed by white space and is not part of a
    number ("2.5"), an abbreviation ("Sept.") or an initial ("V. Eyvazov").

    >>> t = "Crime fell 2.5%. Mr. Smith said so. It rose in Sept. 2024."
    >>> [t[s.start:s.end] for s in sentences(t)]
    ['Crime fell 2.5%.', 'Mr. Smith said so.', 'It rose in Sept. 2024.']
    """
    out: list[Span] = []
    for para in paragraphs(text):
        start = para.start
        for m in _END.finditer(text, para.start, para.end):
            end = m.end()
            head = text[start:end]
            if _ABBREV.search(text[max(start, m.start() - 6) : m.start() + 1]):
                continue
            nxt = text[end : end + 3].lstrip()
            if nxt and (nxt[0].islower() or nxt[0].isdigit() and text[m.start()] == "."):
                # "in 2024. 94.4% of ..." does end a sentence; "No. 5" does not (handled above).
                if nxt[0].islower():
                    continue
            if head.strip():
                out.append(Span(start, end, para.paragraph))
            start = end
            while start < para.end and text[start].isspace():
                start += 1
        if start < para.end and text[start:para.end].strip():
            out.append(Span(start, para.end, para.paragraph))
    return out


def is_table_row(line: str, n_figures: int) -> bool:
    """A line that reads as a table row: several figures and few words between them.

    >>> is_table_row("Theft 8,034 7,122 -912 -11.4%", 4)
    True
    >>> is_table_row("Crime fell by 2% to 300 cases from 306 last year.", 3)
    False
    """
    if "|" in line and n_figures >= 2:
        return True
    if n_figures < 3:
        return False
    words = re.findall(r"[A-Za-z]{2,}", line)
    return not re.search(r"[.!?]\s*$", line.strip()) and len(words) <= 8
