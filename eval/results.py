"""The records of `metrics.json`: a stable, documented schema (pydantic; JSON Schema on demand).

`MetricsReport.model_json_schema()` gives the JSON Schema; `numcheck eval` writes it beside
`metrics.json` as `metrics.schema.json`. Fields may be added in later schema versions; none
changes meaning. Every figure is defined once, in `numcheck.eval.metrics`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

METRICS_SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PRF(_Model):
    """Precision, recall and F1 from counts (micro-averaged over documents)."""

    precision: float | None = Field(description="tp / n_pred; null when n_pred is 0 or not defined.")
    recall: float | None = Field(description="tp / n_gold; null when n_gold is 0.")
    f1: float | None = Field(description="Harmonic mean of precision and recall; 0 when tp is 0; null when undefined.")
    tp: int = Field(description="Matched items (true positives).")
    n_gold: int = Field(description="Gold items.")
    n_pred: int | None = Field(description="Predicted items; null where not defined.")


class SpanScores(_Model):
    """Span figures under one matching mode."""

    mode: Literal["strict", "lenient", "untyped_strict", "untyped_lenient"] = Field(
        description="strict: exact offsets and kind; lenient: overlap and same kind; untyped_*: kind ignored."
    )
    overall: PRF = Field(description="Over all spans (typed modes leave out gold ANY spans and predictions on them).")
    by_kind: dict[str, PRF] = Field(
        description="By kind (gold kind for recall, predicted kind for precision); untyped modes give recall only."
    )


class ConfusionMatrix(_Model):
    """Counts of (gold label, predicted label); `(none)` marks a missing counterpart."""

    labels: list[str] = Field(description="Row and column labels, in order.")
    matrix: list[list[int]] = Field(description="matrix[i][j]: items with gold label i predicted as label j.")

    def count(self, gold: str, pred: str) -> int:
        """The count of one cell.

        >>> ConfusionMatrix(labels=["a", "b"], matrix=[[1, 2], [0, 3]]).count("a", "b")
        2
        """
        if gold not in self.labels or pred not in self.labels:
            return 0
        return self.matrix[self.labels.index(gold)][self.labels.index(pred)]


class ValueAccuracy(_Model):
    """Whether the value of a span with exact gold offsets was read right."""

    n: int = Field(description="Spans with exact gold offsets and a gold value.")
    correct: int = Field(description="Of those, spans whose value equals the gold value.")
    accuracy: float = Field(description="correct / n (0 when n is 0).")
    rel_tol: float = Field(description="Relative tolerance for numeric values; strings must be equal.")


class KindCheckScores(PRF):
    """Check recall/precision for one check kind, and verdict accuracy on its matched checks."""

    verdict_correct: int = Field(description="Matched checks whose verdict equals the gold verdict.")
    verdict_accuracy: float | None = Field(description="verdict_correct / tp; null without a matched check.")


class CheckScores(_Model):
    """How well predicted checks (relations and verdicts) agree with the gold checks."""

    overall: PRF = Field(description="recall: gold checks matched / gold checks; precision: matched / predicted.")
    by_kind: dict[str, KindCheckScores] = Field(description="The same by check kind.")
    verdict_correct: int = Field(description="Matched checks with the gold verdict.")
    verdict_accuracy: float | None = Field(description="verdict_correct / matched checks; null without a match.")
    found_right: float | None = Field(
        default=None, description="verdict_correct / gold checks: gold checks found and judged with the gold verdict."
    )
    verdict_confusion: ConfusionMatrix = Field(
        description="Gold verdict (rows) vs predicted verdict; column (none): missed gold checks, row (none): unmatched predictions."
    )


class DetectionScores(_Model):
    """Whether inconsistencies are flagged, and whether flags are right (see numcheck.eval.metrics)."""

    overall: PRF = Field(description="recall: gold inconsistent checks matched by a predicted inconsistent check / all of them.")
    by_kind: dict[str, PRF] = Field(description="The same by check kind (of the gold check).")
    flags: int = Field(description="Predicted checks with verdict inconsistent.")
    right_flags: int = Field(description="Flags that match a gold inconsistent check or touch an altered quantity.")
    flag_precision: float | None = Field(description="right_flags / flags; null without a flag.")
    altered_docs: int = Field(description="Documents with at least one gold inconsistent check.")
    altered_docs_detected: int = Field(description="Of those, documents with at least one right flag.")
    clean_docs: int = Field(description="Documents with no gold inconsistent check.")
    clean_docs_with_false_alarm: int = Field(description="Clean documents with at least one predicted inconsistent check.")
    clean_false_alarm_rate: float | None = Field(description="clean_docs_with_false_alarm / clean_docs; null without a clean document.")
    threshold_sweep: list[dict[str, float]] = Field(default_factory=list, description="Flags, flag precision and "
                                                   "recall had the flag threshold been each score seen (every "
                                                   "relation the arithmetic contradicts, reported or unconfirmed).")


class Cost(_Model):
    """Time and memory of one extractor (extraction plus checking, gold set and perturbed set)."""

    load_seconds: float | None = Field(description="Time to build the extractor (model load).")
    load_rss_mb: float | None = Field(description="Resident memory added by loading (RSS after minus before), MiB.")
    extract_seconds: float = Field(description="Wall time of extraction over all documents scored.")
    check_seconds: float = Field(description="Wall time of the checker over all documents scored.")
    documents: int = Field(description="Documents processed (gold plus perturbed).")
    words: int = Field(description="Whitespace-separated words processed.")
    docs_per_second: float | None = Field(description="documents / (extract_seconds + check_seconds).")
    words_per_second: float | None = Field(description="words / (extract_seconds + check_seconds).")
    peak_rss_mb: float = Field(description="Peak resident memory of the process so far (getrusage ru_maxrss), MiB.")


class SetScores(_Model):
    """Figures of one extractor on one document set."""

    spans: dict[str, SpanScores] | None = Field(default=None, description="By matching mode; null for the gold extractor.")
    kind_confusion: ConfusionMatrix | None = Field(default=None, description="Gold vs predicted kind of spans paired by overlap.")
    value_accuracy: ValueAccuracy | None = Field(default=None, description="Values of spans with exact gold offsets.")
    checks: CheckScores | None = Field(default=None, description="Null when the checker could not run.")
    detection: DetectionScores | None = Field(default=None, description="Null when the checker could not run.")
    checker_error: str | None = Field(default=None, description="Why the checker could not run, if it could not.")
    doc_errors: int = Field(default=0, description="Documents whose checking failed or reported errors.")


class ExtractorResult(_Model):
    """One extractor's run: figures on the gold set and, if given, the perturbed set."""

    name: str = Field(description="model, rules, spacy or gold (the gold quantities fed to the checker).")
    status: Literal["ok", "skipped", "failed"] = Field(description="skipped: could not load; failed: broke while running.")
    reason: str | None = Field(default=None, description="Why it was skipped or failed.")
    gold: SetScores | None = Field(default=None, description="Figures on the gold set.")
    perturbed: SetScores | None = Field(default=None, description="Figures on the perturbed set.")
    cost: Cost | None = Field(default=None, description="Time and memory.")


class DatasetInfo(_Model):
    """A scored document set."""

    path: str = Field(description="The file as given.")
    sha256: str = Field(description="sha256 of the file's bytes.")
    documents: int = Field(description="Documents in the set.")
    quantities: int = Field(description="Gold quantities.")
    checks: int = Field(description="Gold checks.")
    inconsistent_checks: int = Field(description="Gold checks with verdict inconsistent.")
    any_spans: int = Field(description="Gold spans of kind ANY (count for untyped figures only).")
    partial: bool = Field(description="True when some document has a gold_scope: not every number is annotated.")
    gold_scope: list[str] = Field(default_factory=list, description="The distinct gold_scope statements of the set.")


class GateResult(_Model):
    """One `--min-*` threshold and whether it was met."""

    name: Literal["min_f1", "min_check_recall", "min_detection"] = Field(description="The option.")
    metric: str = Field(description="The figure compared, as a path into this file.")
    threshold: float = Field(description="The minimum asked for.")
    extractor: str | None = Field(description="The extractor gated: the first listed (for min_f1, the first other than gold).")
    value: float | None = Field(description="The figure measured; null when it could not be measured.")
    passed: bool = Field(description="value >= threshold.")


class MetricsReport(_Model):
    """Everything `numcheck eval` measured (metrics.json)."""

    schema_version: str = Field(default=METRICS_SCHEMA_VERSION, description="Version of this schema.")
    numcheck_version: str = Field(description="numcheck's version.")
    gold: DatasetInfo = Field(description="The gold set.")
    perturbed: DatasetInfo | None = Field(default=None, description="The perturbed set, if given.")
    extractors: list[ExtractorResult] = Field(description="One entry per extractor asked for, in order.")
    gates: list[GateResult] = Field(default_factory=list, description="Thresholds asked for.")
    passed: bool = Field(description="All gates met (true without gates).")
