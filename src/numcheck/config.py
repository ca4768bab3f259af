"""Typed configuration, one object per command. Each is saved beside its outputs (`run.json`)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, Field


class FailOn(StrEnum):
    """The verdict at or above which `numcheck check` exits with code 1."""

    inconsistent = "inconsistent"
    ambiguous = "ambiguous"
    never = "never"


class Runtime(StrEnum):
    """Where the model runs: ONNX Runtime on the exported model (no torch), or torch."""

    onnx = "onnx"
    torch = "torch"


class OutputFormat(StrEnum):
    """Report formats of `numcheck check`."""

    text = "text"
    jsonl = "jsonl"
    html = "html"
    sarif = "sarif"


class CheckConfig(BaseModel):
    """Settings of one verification run (`numcheck check`)."""

    paths: list[str] = Field(description="Files, directories, globs, or '-' for standard input.")
    formats: list[OutputFormat] = Field(
        default_factory=lambda: [OutputFormat.text], description="Report formats to write."
    )
    out: Path | None = Field(
        default=None, description="Directory for reports; required for several formats at once."
    )
    extractor: str = Field(default="model", description="rules, model, or gold (a gold JSONL's own figures).")
    model_path: Path | None = Field(default=None, description="A model directory; default: the shipped model.")
    runtime: Runtime = Field(default=Runtime.onnx, description="Runtime of the model: onnx (ONNX Runtime, no torch) or torch.")
    population: float | None = Field(default=None, gt=0, description="Population behind per-capita rates.")
    reference: Path | None = Field(default=None, description="JSON file of outside facts (gold-format `reference`).")
    fail_on: FailOn = Field(default=FailOn.inconsistent, description="Verdict that makes the exit code 1.")
    max_bytes: int = Field(default=20_000_000, gt=0, description="Documents larger than this are refused.")
    time_budget: float = Field(
        default=120.0, ge=0,
        description="Seconds of checking allowed per document, and as many again per further MB of its text "
        "(0: no limit); past it the document keeps what was checked and gets an E_TIMEOUT entry.",
    )
    resume: bool = Field(default=False, description="Continue an interrupted JSONL run without duplicates.")
    engine: str = Field(default="local", description="local, or ray for corpus-scale runs.")
    ray_address: str | None = Field(default=None, description="Address of a Ray cluster; default: start one locally.")
    progress: bool = Field(default=True, description="Show a progress bar on stderr for batches.")
    store: str | None = Field(
        default=None,
        description="A store of figures (SQLite file, or postgresql://...): each document is checked against the "
        "documents stored by earlier runs, then stored (spec/cross-format.md).",
    )


class EvalConfig(BaseModel):
    """Settings of one evaluation run (`numcheck eval`)."""

    gold: Path = Field(description="Gold JSONL (spec/gold-format.md).")
    perturbed: Path | None = Field(default=None, description="Perturbed gold JSONL for detection figures.")
    extractors: list[str] = Field(
        default_factory=lambda: ["model", "rules", "spacy", "gold"],
        description="Extractors to compare; those that cannot load are reported as skipped.",
    )
    out: Path = Field(default=Path("eval-report"), description="Directory for metrics.json, report.md/html, run.json.")
    min_f1: float | None = Field(default=None, ge=0, le=1, description="Gate: exit 1 when strict span F1 is lower.")
    min_check_recall: float | None = Field(default=None, ge=0, le=1, description="Gate on check recall.")
    min_detection: float | None = Field(default=None, ge=0, le=1, description="Gate on perturbed detection.")
    model_path: Path | None = Field(default=None, description="A model directory; default: the shipped model.")
    runtime: Runtime = Field(default=Runtime.onnx, description="Runtime of the model: onnx (ONNX Runtime, no torch) or torch.")
