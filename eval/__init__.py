"""Evaluation: how far to trust numcheck (`numcheck eval`).

`numcheck.eval.metrics` defines every figure (span, check, detection); `numcheck.eval.results`
is the schema of `metrics.json`; `numcheck.eval.run` runs the extractors and the checker over
a gold set and applies the `--min-*` gates; `numcheck.eval.report` renders report.md and the
self-contained report.html. `scripts/independent_score.py` re-computes the headline figures
from `numcheck check --format jsonl` output with no numcheck code, as a cross-check.
"""
