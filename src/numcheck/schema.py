"""The records of numcheck: the shapes of `spec/gold-format.md` and `spec/report-format.md`.

Every record is a pydantic model so that gold files, result files and the objects the
checker passes around are one and the same thing. Offsets are Python string indices into
`text`, end exclusive, and `text[start:end] == quantity.text` always holds.

Beyond the contract, a quantity may say what it counts (`unit`), where (`place`) and for
which period (`period`); these let figures from many documents be stored side by side and
queried together (a 2024 release's "decreased by 9.4%" against the 2023 release's total).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "1"


class QuantityKind(StrEnum):
    """The kind of a number-bearing span, as listed in the gold format."""

    COUNT = "COUNT"
    MEASURE = "MEASURE"
    MONEY = "MONEY"
    PERCENT = "PERCENT"
    RATE = "RATE"
    CHANGE = "CHANGE"
    DATE = "DATE"
    OTHER = "OTHER"
    #: Only in sets converted from other datasets: a figure whose kind is not known.
    ANY = "ANY"


#: The kinds whose values take part in arithmetic.
ARITHMETIC_KINDS = frozenset(
    {
        QuantityKind.COUNT,
        QuantityKind.MEASURE,
        QuantityKind.MONEY,
        QuantityKind.PERCENT,
        QuantityKind.RATE,
        QuantityKind.CHANGE,
    }
)


class CheckKind(StrEnum):
    """The relations between figures that arithmetic can test."""

    share = "share"
    rate = "rate"
    part_whole = "part_whole"
    sum = "sum"
    change = "change"


class Verdict(StrEnum):
    """The outcome of one check. A verdict is data, never an exception."""

    consistent = "consistent"
    inconsistent = "inconsistent"
    ambiguous = "ambiguous"
    unverifiable = "unverifiable"


#: Verdicts from the least to the most severe, for `--fail-on`.
VERDICT_SEVERITY = {
    Verdict.consistent: 0,
    Verdict.unverifiable: 1,
    Verdict.ambiguous: 2,
    Verdict.inconsistent: 3,
}


class Record(BaseModel):
    """Base of every record: unknown fields are kept, so any gold file round-trips."""

    model_config = ConfigDict(extra="allow", use_enum_values=False)


class Source(Record):
    """Where a document came from."""

    publisher: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    path: str | None = None


class Reference(Record):
    """Outside facts a check may need (gold-format `reference`)."""

    population: float | None = None
    population_end: float | None = None
    population_source: str | None = None
    country: str | None = None
    year: int | None = None


class Quantity(Record):
    """One number-bearing span.

    >>> Quantity(id="q1", start=0, end=6, text="33,379", kind="COUNT", value=33379, unit="crimes").kind
    <QuantityKind.COUNT: 'COUNT'>
    """

    id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    kind: QuantityKind
    value: float | int | str | None = None
    unit: str | None = None
    score: float | None = Field(default=None, ge=0, le=1)
    #: A hedge printed before the span ("nearly", "more than"), which widens its precision.
    hedge: str | None = None
    #: Where the figure applies (a country, a city, a ward), when the text says.
    place: str | None = None
    #: The period the figure is for ("2024", "2024-01/2024-06"), when the text says.
    period: str | None = None

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: int, info: Any) -> int:
        start = info.data.get("start")
        if start is not None and end < start:
            raise ValueError(f"end must be >= start ({start}), got {end}")
        return end


class Claim(Record):
    """A stretch of text (usually a sentence) and the figures it states."""

    start: int
    end: int
    quantities: list[str] = Field(default_factory=list)


class Check(Record):
    """One recomputed relation and its verdict, with the arithmetic in words.

    `quantities` follows the order of the gold format's table; an entry may be `None`
    (the old value of a change that is only implied), `"ref:population"` or `"100%"`.
    """

    kind: CheckKind
    quantities: list[str | None]
    verdict: Verdict
    expected: float | None = None
    explanation: str = ""
    #: Which reading the verdict rests on ("relative", "absolute", "percentage points", ...).
    reading: str | None = None
    #: The calibrated probability that the figures are related as `kind` says (0 to 1).
    score: float | None = Field(default=None, ge=0, le=1)
    #: A table check: the id of the table (`Table.id`) whose structure states the relation.
    table: str | None = None
    #: A table check: the row and column (grid indices) of the figure the check tests.
    row: int | None = None
    column: int | None = None
    #: A table check: the (row, column) of each entry of `quantities`, None for a literal.
    cells: list[list[int] | None] | None = None


class Cell(Record):
    """One cell of a table grid: where it sits, what it spans and where its text is.

    `start`/`end` are offsets into the document's `text` (`start == end` for an empty cell);
    a cell that spans rows or columns is listed once, at its top-left position.

    >>> Cell(row=0, col=1, start=10, end=14, header=True).colspan
    1
    """

    row: int = Field(ge=0)
    col: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    rowspan: int = Field(default=1, ge=1)
    colspan: int = Field(default=1, ge=1)
    #: A header cell (`<th>`, a header row, the stub of row labels).
    header: bool = False
    #: How far a row label is indented (0 outermost): a nested row is part of the row above.
    level: int = Field(default=0, ge=0)


class Table(Record):
    """A table of a document as a grid of cells with its header rows and columns.

    `start`/`end` delimit the table's rows in `text`; `caption` and `notes` are the [start,
    end) of its title and of the notes printed under it (they may state units, scale and how
    to read signs); `score` says how sure the reading of the grid is (1 for markup, lower for
    a layout read off a PDF page).

    >>> Table(id="t1", start=0, end=9, n_rows=1, n_cols=2, cells=[]).header_rows
    0
    """

    id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    n_rows: int = Field(ge=0)
    n_cols: int = Field(ge=0)
    cells: list[Cell] = Field(default_factory=list)
    #: How many leading rows are column headers.
    header_rows: int = Field(default=0, ge=0)
    #: How many leading columns hold row labels.
    header_cols: int = Field(default=0, ge=0)
    caption: list[int] | None = None
    notes: list[int] | None = None
    #: Where the grid was read from: html, pdf (ruled or aligned), markdown, text.
    origin: str = "text"
    page: int | None = None
    score: float = Field(default=1.0, ge=0, le=1)


class Derived(Record):
    """A figure the text implies but does not print, for comparison with other sources."""

    quantities: list[str]
    value: float
    unit: str | None = None
    explanation: str


class CrossKind(StrEnum):
    """The kinds of a check across documents: those within one, and `equal` (a figure restated)."""

    equal = "equal"
    share = "share"
    part_whole = "part_whole"
    sum = "sum"
    change = "change"


class CrossRef(Record):
    """A figure of some document, named so that it can be scored by offsets without that document."""

    doc: str
    id: str
    start: int
    end: int
    text: str


class CrossSource(Record):
    """A document a cross check draws on, as a report shows it: the sentence and its date."""

    doc: str
    title: str | None = None
    date: str | None = None
    period: str | None = None
    sentence: str = ""


class CrossCheck(Record):
    """A relation between figures of different documents, checked (spec/cross-format.md).

    >>> CrossCheck(kind="equal", quantities=[CrossRef(doc="a", id="q1", start=0, end=2, text="12"),
    ...            CrossRef(doc="b", id="q4", start=9, end=11, text="12")], verdict="consistent").kind
    <CrossKind.equal: 'equal'>
    """

    kind: CrossKind
    quantities: list[CrossRef | None]
    verdict: Verdict
    expected: float | None = None
    score: float | None = Field(default=None, ge=0, le=1)
    explanation: str = ""
    reading: str | None = None
    #: The documents involved, each once, in the order their figures first appear.
    sources: list[CrossSource] = Field(default_factory=list)


class DocError(Record):
    """Something that went wrong with one document; the batch goes on.

    A code starting with `W_` is a warning: the document was checked, with a caveat (its
    encoding was guessed, a figure was too long to read, ...).

    >>> DocError(code="W_ENCODING", message="guessed").is_warning
    True
    """

    code: str
    message: str

    @property
    def is_warning(self) -> bool:
        """Whether the document was checked in spite of it."""
        return self.code.startswith("W_")


class Document(Record):
    """An input document: at least an `id` and its `text` (gold fields are kept, unused)."""

    id: str
    text: str
    source: Source | str | None = None
    reference: Reference | None = None
    quantities: list[Quantity] = Field(default_factory=list)
    checks: list[dict[str, Any]] = Field(default_factory=list)
    #: The document's tables as grids over `text`; read from the text when empty.
    tables: list[Table] = Field(default_factory=list)


class DocumentResult(Record):
    """One line of `numcheck check --format jsonl` (spec/report-format.md)."""

    id: str
    source: Source | str | None = None
    text: str = ""
    quantities: list[Quantity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    derived: list[Derived] = Field(default_factory=list)
    errors: list[DocError] = Field(default_factory=list)
    #: Relations the arithmetic contradicts but whose link the linker is not sure enough of to
    #: call a finding (their `score` is below the flag threshold): questions, not errors.
    unconfirmed: list[Check] = Field(default_factory=list)
    #: Checks against earlier documents of a store (`numcheck check --store`), each reported once.
    cross_checks: list[CrossCheck] = Field(default_factory=list)
    #: The tables the checks read (grids of cells with offsets into `text`).
    tables: list[Table] = Field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether an error (not only a warning) kept the document from being checked.

        >>> DocumentResult(id="d", errors=[DocError(code="W_PARTS", message="checked in 2 parts")]).failed
        False
        """
        return any(not e.is_warning for e in self.errors)

    def quantity(self, qid: str) -> Quantity:
        """The quantity with this id.

        >>> DocumentResult(id="d", quantities=[Quantity(id="q1", start=0, end=1, text="5", kind="COUNT")]).quantity("q1").text
        '5'
        """
        for q in self.quantities:
            if q.id == qid:
                return q
        raise KeyError(qid)

    def verdict_counts(self) -> dict[str, int]:
        """How many checks got each verdict."""
        counts = {v.value: 0 for v in Verdict}
        for c in self.checks:
            counts[Verdict(c.verdict).value] += 1
        return counts


def dump_record(record: BaseModel) -> str:
    r"""One JSON line for a record (compact, as pydantic writes it); it always encodes as UTF-8.

    A lone surrogate (a file name that is not UTF-8, a JSON input's "\ud800") is kept as a
    `\udce9` escape, which `json.loads` reads back to the same string.

    >>> dump_record(DocError(code="E_X", message="caf" + chr(0xDCE9)))
    '{"code":"E_X","message":"caf\\udce9"}'
    """
    from pydantic_core import PydanticSerializationError

    from numcheck.safetext import escape_surrogates

    try:
        # Written by pydantic without a tree of dicts in between (a table-heavy report's line
        # holds a hundred thousand figures); infinite and NaN floats become null.
        return record.model_dump_json()
    except PydanticSerializationError:  # a lone surrogate, which UTF-8 cannot hold
        pass
    data = record.model_dump(mode="json", exclude_none=False)
    try:
        line = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except ValueError:  # an infinite or NaN float somewhere: walk the record only then
        line = json.dumps(_finite(data), ensure_ascii=False, separators=(",", ":"))
    return escape_surrogates(line)


#: A result's lists written a batch at a time by `dump_result_pieces`: (field, what follows it).
_LONG_LISTS = (("quantities", ',"claims":'), ("tables", ""))


def dump_result_pieces(result: DocumentResult, *, batch: int = 2000) -> Iterator[str]:
    """The line `dump_record(result)` writes, in pieces whose concatenation is that line: a
    table-heavy report's quantities and table cells a batch at a time, so the line of a
    hundred thousand figures is never one string, nor copied whole on its way to a file.

    >>> r = DocumentResult(id="d", text="5 of 10", quantities=[
    ...     Quantity(id=f"q{i}", start=0, end=1, text="5", kind="COUNT", value=5) for i in range(5)])
    >>> pieces = list(dump_result_pieces(r, batch=2))
    >>> "".join(pieces) == dump_record(r), len(pieces)
    (True, 5)
    """
    from pydantic_core import PydanticSerializationError

    long = {name: getattr(result, name) for name, _ in _LONG_LISTS if len(getattr(result, name)) > batch}
    try:
        # Every string of the line is in the shell (the figures' texts are slices of `text`), so a
        # lone surrogate, which UTF-8 cannot hold, shows here, before anything is yielded.
        shell = result.model_copy(update={name: [] for name in long}).model_dump_json()
    except PydanticSerializationError:
        yield dump_record(result)
        return
    cuts = []
    for name, after in _LONG_LISTS:
        at = shell.find(f',"{name}":[]{after}') if name in long else -1
        if at >= 0:
            cuts.append((at + len(f',"{name}":['), name))
        elif name in long:  # not where the fields' order puts it: write the line whole
            yield dump_record(result)
            return
    pos = 0
    for cut, name in cuts:
        yield shell[pos:cut]
        items = long[name]
        adapter = _list_adapter(type(items[0]))
        for b in range(0, len(items), batch):
            yield ("," if b else "") + adapter.dump_json(items[b : b + batch]).decode()[1:-1]
        pos = cut
    yield shell[pos:]


@lru_cache(maxsize=4)
def _list_adapter(item: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(list[item])  # type: ignore[valid-type]


def _finite(obj: Any) -> Any:
    """`obj` with infinite and NaN floats as None: JSON has no Infinity (json.dumps would write it)."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_finite(v) for v in obj]
    return obj


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any] | Exception]]:
    """Yield (line number, parsed object or the error) for each non-blank line of a JSONL file."""
    with Path(path).open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
                yield lineno, obj
            except Exception as exc:  # noqa: BLE001 - the caller turns it into a DocError
                yield lineno, exc


def load_documents(path: Path) -> list[Document]:
    """Load a gold or input JSONL file; raises on the first malformed line."""
    docs = []
    for lineno, obj in iter_jsonl(path):
        if isinstance(obj, Exception):
            raise ValueError(f"{path}:{lineno}: {obj}")
        docs.append(Document.model_validate(obj))
    return docs


def save_results(results: Iterable[DocumentResult], path: Path) -> None:
    """Write results as JSONL, one document per line (pairs with `load_results`)."""
    with Path(path).open("w", encoding="utf-8") as fh:
        for r in results:
            fh.write(dump_record(r) + "\n")


def load_results(path: Path) -> list[DocumentResult]:
    """Read a file written by `save_results` or `numcheck check --format jsonl`."""
    out = []
    for lineno, obj in iter_jsonl(path):
        if isinstance(obj, Exception):
            raise ValueError(f"{path}:{lineno}: {obj}")
        out.append(DocumentResult.model_validate(obj))
    return out
