"""Shared test helpers: sentences with their figures marked inline, so tests stay literal.

`marked("Police recorded [2,000|COUNT] thefts")` returns the plain text and its quantities,
offsets computed, so a test reads like the sentence it checks.
"""

from __future__ import annotations

import re

import pytest

from numcheck.schema import Document, Quantity

_MARK = re.compile(r"\[([^\]|]+)\|([A-Z]+)(?:\|([^\]]*))?\]")


def marked(source: str) -> tuple[str, list[Quantity]]:
    """Plain text and quantities from a sentence with figures marked `[text|KIND]` or `[text|KIND|unit]`."""
    out, quantities, pos = [], [], 0
    length = 0
    for i, m in enumerate(_MARK.finditer(source), start=1):
        out.append(source[pos : m.start()])
        length += m.start() - pos
        text, kind, unit = m.group(1), m.group(2), m.group(3)
        quantities.append(Quantity(id=f"q{i}", start=length, end=length + len(text), text=text, kind=kind, unit=unit))
        out.append(text)
        length += len(text)
        pos = m.end()
    out.append(source[pos:])
    return "".join(out), quantities


def marked_document(source: str, doc_id: str = "t", **extra: object) -> tuple[Document, list[Quantity]]:
    """A Document and its quantities from a marked sentence."""
    text, qs = marked(source)
    return Document(id=doc_id, text=text, **extra), qs


@pytest.fixture
def mark():
    """The `marked` helper as a fixture."""
    return marked
