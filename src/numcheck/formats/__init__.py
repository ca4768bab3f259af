"""Report formats of `numcheck check`: jsonl (the contract), text, html, sarif.

Each format is a writer with `add(result)`, called as each document finishes, and
`close(summary)`, called once at the end, so the runner streams results to all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, Field

from numcheck.schema import VERDICT_SEVERITY, DocumentResult, Quantity, Verdict

#: The verdict of a figure that takes part in no check.
NOT_CHECKED = "not_checked"


class RunSummary(BaseModel):
    """What a run did, for the end of every report and for `run.json`."""

    documents: int = Field(0, description="Result lines, one per input document.")
    documents_with_errors: int = Field(0, description="Documents that could not be read or checked.")
    documents_with_warnings: int = Field(0, description="Documents checked with a caveat (W_ codes).")
    checks: int = Field(0, description="Checks over all documents.")
    verdicts: dict[str, int] = Field(default_factory=lambda: {v.value: 0 for v in Verdict})
    errors: dict[str, int] = Field(default_factory=dict, description="Documents per error code.")
    resumed: int = Field(0, description="Results kept from an interrupted run (--resume).")
    cross_checks: int = Field(0, description="Checks against earlier documents of a store (--store); their verdicts count in `verdicts`.")
    seconds: float = Field(0.0, description="Wall time of this run.")

    def add(self, result: DocumentResult) -> None:
        """Count one result line.

        >>> s = RunSummary(); s.add(DocumentResult(id="a")); s.documents
        1
        """
        self.documents += 1
        if result.failed:
            self.documents_with_errors += 1
        elif result.errors:
            self.documents_with_warnings += 1
        for err in result.errors:
            self.errors[err.code] = self.errors.get(err.code, 0) + 1
        for check in result.checks:
            self.checks += 1
            self.verdicts[Verdict(check.verdict).value] += 1
        for cross in result.cross_checks:
            self.cross_checks += 1
            self.verdicts[Verdict(cross.verdict).value] += 1


class ReportWriter(Protocol):
    """A report format: fed one result at a time, closed once with the run's summary."""

    def add(self, result: DocumentResult) -> None:
        """Take one finished document."""
        ...

    def close(self, summary: RunSummary) -> None:
        """Finish the report."""
        ...


class Recent:
    """The last `size` values built from some objects, found again by those objects' identity
    (and an equal `stamp`): a report asks for the same index of a document thousands of times.
    An entry holds its objects, so their ids are not reused while it is cached.

    >>> recent, built = Recent(2), []
    >>> key = object()
    >>> [recent.get((key,), lambda: built.append(1) or len(built)) for _ in range(3)]
    [1, 1, 1]
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: list[tuple[tuple[Any, ...], Any, Any]] = []

    def get(self, keys: tuple[Any, ...], build: Callable[[], Any], *, stamp: Any = None) -> Any:
        for held, held_stamp, value in self.entries:
            if len(held) == len(keys) and all(a is b for a, b in zip(held, keys, strict=True)) and held_stamp == stamp:
                return value
        value = build()
        self.entries.insert(0, (keys, stamp, value))
        del self.entries[self.size :]
        return value


_INDEXES = Recent(4)
_GRIDS = Recent(16)


def quantity_index(result: DocumentResult) -> dict[str, Quantity]:
    """The result's quantities by id, built once per document and reused by every check a
    report writes (a long report has thousands of checks over tens of thousands of figures).

    >>> r = DocumentResult(id="d", quantities=[Quantity(id="q1", start=0, end=1, text="5", kind="COUNT")])
    >>> quantity_index(r)["q1"].text
    '5'
    """
    qs = result.quantities
    return _INDEXES.get((result, qs), lambda: {q.id: q for q in qs}, stamp=len(qs))


def grid_of(table: Any, text: str) -> Any:
    """The `numcheck.tables.Grid` of a table, built once and reused by every check of it (a
    table of 80,000 cells has thousands of checks)."""
    from numcheck.tables import Grid

    return _GRIDS.get((table, text), lambda: Grid(table, text))


def figure_verdicts(result: DocumentResult) -> dict[str, str]:
    """Each quantity's verdict: the worst verdict of the checks it takes part in.

    A quantity in no check is `not_checked`.

    >>> from numcheck.schema import Check, Quantity
    >>> r = DocumentResult(id="d", quantities=[Quantity(id="q1", start=0, end=1, text="5", kind="COUNT")],
    ...                    checks=[Check(kind="part_whole", quantities=["q1", "q2"], verdict="inconsistent")])
    >>> figure_verdicts(r)
    {'q1': 'inconsistent'}
    """
    out = {q.id: NOT_CHECKED for q in result.quantities}
    members = [(c.verdict, c.quantities) for c in result.checks]
    # Checks against other documents colour this document's own figures too.
    members += [(c.verdict, [q.id for q in c.quantities if q is not None and q.doc == result.id])
                for c in result.cross_checks]
    for check_verdict, qids in members:
        verdict = Verdict(check_verdict)
        for qid in qids:
            if qid not in out:
                continue
            current = out[qid]
            if current == NOT_CHECKED or VERDICT_SEVERITY[verdict] > VERDICT_SEVERITY[Verdict(current)]:
                out[qid] = verdict.value
    return out


class WholeReportWriter:
    """A report written once at the end of the run from all its results (html, sarif).

    Subclasses say how to `render` the results; writing goes through a temporary file so a
    half-written report never appears.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.results: list[DocumentResult] = []

    def add(self, result: DocumentResult) -> None:
        """Keep one result for the report."""
        self.results.append(result)

    def render(self, summary: RunSummary) -> str:
        """The whole report as text."""
        raise NotImplementedError

    def close(self, summary: RunSummary) -> None:
        """Write the report."""
        tmp = self.path.with_name(self.path.name + ".tmp")
        # A lone surrogate left in the content is written as a \udXXX escape, never raised on.
        tmp.write_text(self.render(summary), encoding="utf-8", errors="backslashreplace")
        tmp.replace(self.path)
