"""A check in plain words, for the journalist's report: what was compared and what came out.

The explanation a check carries is its arithmetic at the precision of each figure ("admits
94.35 to under 94.5"); it is the proof, shown behind a click. The words here come first:
"The parts add up to 276,653, not the 277,775 printed as the total." For a table check they
name the row and the column the figures come from.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from numcheck.formats import grid_of, quantity_index
from numcheck.precision import fmt_decimal
from numcheck.schema import Check, CheckKind, DocumentResult, Quantity, Verdict


def _value(q: Quantity | None) -> Decimal | None:
    if q is None or q.value is None or isinstance(q.value, str):
        return None
    try:
        return Decimal(str(q.value))
    except InvalidOperation:
        return None


def _decimals(qs: list[Quantity]) -> int:
    """The most decimals printed among the figures (a sum is shown at that precision)."""
    best = 0
    for q in qs:
        digits = q.text.replace(",", "")
        if "." in digits:
            tail = digits.split(".", 1)[1]
            best = max(best, len(tail) - len(tail.lstrip("0123456789")))
    return min(best, 3)


def _num(x: float) -> str:
    """A computed value as a reader reads it: thousands separated, at most two decimals.

    >>> _num(191842.0), _num(27.65), _num(20.0)
    ('191,842', '27.65', '20')
    """
    return fmt_decimal(Decimal(str(x)), 2)


def table_place(result: DocumentResult, check: Check) -> tuple[str, str] | None:
    """The row label and the column header of the figure a table check tests.

    >>> table_place(DocumentResult(id="d"), Check(kind="sum", quantities=[], verdict="consistent")) is None
    True
    """
    if check.table is None or check.row is None or check.column is None:
        return None
    table = next((t for t in result.tables if t.id == check.table), None)
    if table is None:
        return None
    grid = grid_of(table, result.text)
    return grid.row_label(check.row), grid.column_header(check.column)


def plain_words(check: Check, result: DocumentResult) -> str:
    """What a check found, in words a reader without the arithmetic follows.

    >>> qs = [Quantity(id="q1", start=0, end=2, text="10", kind="COUNT", value=10),
    ...       Quantity(id="q2", start=3, end=5, text="12", kind="COUNT", value=12),
    ...       Quantity(id="q3", start=6, end=8, text="23", kind="COUNT", value=23)]
    >>> r = DocumentResult(id="d", text="10 12 23", quantities=qs)
    >>> plain_words(Check(kind="sum", quantities=["q1", "q2", "q3"], verdict="inconsistent"), r)
    'The two parts add up to 22, not the 23 printed as the total.'
    """
    by_id = quantity_index(result)
    qs = [by_id.get(x) if x else None for x in check.quantities]
    verdict = Verdict(check.verdict)
    kind = CheckKind(check.kind)
    place = table_place(result, check)
    where = ""
    if place is not None:
        row, column = place
        bits = [f"row “{row}”" if row else "", f"column “{column}”" if column else ""]
        where = " (" + ", ".join(b for b in bits if b) + ")" if any(bits) else ""
    if verdict is Verdict.unverifiable:
        return "This cannot be checked: " + (check.explanation or "a figure it needs is not given") + "."
    if kind is CheckKind.sum:
        return _sum_words(check, qs, verdict, where)
    if kind is CheckKind.share and len(qs) == 3 and all(qs):
        pct, part, whole = qs
        computed = f"{_num(check.expected)}%" if check.expected is not None else "a different share"
        if verdict is Verdict.consistent:
            return f"{part.text} is {computed} of {whole.text}, as the {pct.text} printed{where} says."
        return f"{part.text} is {computed} of {whole.text}, not the {pct.text} printed{where}."
    if kind is CheckKind.change and len(qs) == 3 and qs[0] is not None and qs[2] is not None:
        return _change_words(check, qs, verdict, where)
    if kind is CheckKind.rate and qs and qs[0] is not None:
        rate = qs[0]
        computed = _num(check.expected) if check.expected is not None else "a different rate"
        if verdict is Verdict.consistent:
            return f"The count and the population give a rate of {computed}, as the {rate.text} printed{where} says."
        return f"The count and the population give a rate of {computed}, not the {rate.text} printed{where}."
    if kind is CheckKind.part_whole and len(qs) == 2 and all(qs):
        part, whole = qs
        if verdict is Verdict.consistent:
            return f"{part.text} is no more than the {whole.text} it is part of."
        return f"{part.text} is more than the {whole.text} it is said to be part of."
    if verdict is Verdict.ambiguous:
        return "The text can be read in ways that disagree: " + check.explanation
    return check.explanation


def _sum_words(check: Check, qs: list[Quantity | None], verdict: Verdict, where: str) -> str:
    parts = [q for q in qs[:-1] if q is not None]
    values = [_value(q) for q in parts]
    total_q = qs[-1]
    if check.quantities and check.quantities[-1] == "100%":
        total_pct = sum((v for v in values if v is not None), Decimal(0))
        words = f"The shares add up to {fmt_decimal(total_pct, _decimals(parts))}%"
        return words + (", no more than 100%." if verdict is Verdict.consistent else ", more than 100%.")
    if any(v is None for v in values) or total_q is None:
        return check.explanation
    total = sum(values, Decimal(0))  # type: ignore[arg-type]
    shown = fmt_decimal(total, _decimals(parts))
    n = len(parts)
    what = f"The {n} parts" if n > 2 else "The two parts"
    if verdict is Verdict.consistent:
        return f"{what} add up to the {total_q.text} printed as the total{where}."
    return f"{what} add up to {shown}, not the {total_q.text} printed as the total{where}."


def _change_words(check: Check, qs: list[Quantity | None], verdict: Verdict, where: str) -> str:
    change, old, new = qs
    assert change is not None and new is not None
    reading = check.reading or ""
    old_v, new_v = _value(old), _value(new)
    direction = ""
    if old_v is not None and new_v is not None:
        direction = "rise" if new_v > old_v else "fall" if new_v < old_v else "no change"
    if verdict is Verdict.ambiguous:
        return (f"{change.text} can be read as percentage points or as percent of the old level, and the two "
                f"readings disagree{where}.")
    if check.expected is None or old is None:
        return check.explanation
    unit = {"relative": "%", "percentage points": " percentage points", "fold-ratio": " times"}.get(reading, "")
    computed = f"{_num(check.expected)}{unit}"
    frm = f"From {old.text} to {new.text}"
    if direction == "no change":
        size = "no change"
    elif reading == "fold-ratio":
        size = f"a ratio of {computed}"
    else:
        size = f"a {direction} of {computed}"
    if verdict is Verdict.consistent:
        return f"{frm} is {size}, as the {change.text} printed{where} says."
    return f"{frm} is {size}, not the {change.text} printed{where}."
