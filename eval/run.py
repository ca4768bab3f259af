"""`numcheck eval`: score extractors and the checker against a gold set and write a report.

`evaluate` is the API (it returns the figures and what they were computed from);
`run_eval` is what the command calls: it evaluates, writes `metrics.json`,
`metrics.schema.json`, `report.md`, `report.html` and `run.json` into `config.out`, prints a
summary on the console it is given and applies the `--min-*` gates.

An extractor that cannot be loaded (no model, spaCy missing) is reported as skipped with the
reason; one that breaks while running as failed; a checker that is not available leaves the
check figures empty with the reason. None of these stops the run.
"""

from __future__ import annotations

import hashlib
import json
import platform
import resource
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from numcheck.config import EvalConfig
from numcheck.errors import InputError, UsageError
from numcheck.eval.metrics import (
    SPAN_MODES,
    DocChecks,
    GoldCheck,
    check_scores,
    detection_scores,
    threshold_sweep,
    kind_confusion,
    span_scores,
    value_accuracy,
)
from numcheck.eval.results import (
    Cost,
    DatasetInfo,
    ExtractorResult,
    GateResult,
    MetricsReport,
    SetScores,
)
from numcheck.inference.extractor import Extractor
from numcheck.schema import CheckKind, Document, DocumentResult, Quantity, Verdict, iter_jsonl

EXTRACTOR_NAMES = ("model", "rules", "spacy", "gold")

#: Literal check entries that name no quantity of the document.
_LITERALS = ("ref:", "100%")


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("numcheck")
    except Exception:  # noqa: BLE001 - an uninstalled checkout still evaluates
        import numcheck

        return getattr(numcheck, "__version__", "unknown")


# --------------------------------------------------------------------------- gold input


def load_gold(path: Path) -> tuple[list[Document], DatasetInfo]:
    """Read and validate a gold JSONL file (spec/gold-format.md).

    Raises `InputError` naming the file and line of the first problem: unreadable JSON, a
    missing field, an offset that does not point at the quantity's text, a check naming an
    unknown quantity.

    >>> load_gold(Path("missing.jsonl"))  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    numcheck.errors.InputError: [E_GOLD] gold file missing.jsonl does not exist
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("E_GOLD", f"gold file {path} does not exist", "pass a JSONL file in the gold format (spec/gold-format.md)")
    docs: list[Document] = []
    scopes: list[str] = []
    try:
        lines = list(iter_jsonl(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("E_GOLD", f"gold file {path} cannot be read ({exc})", "it must be UTF-8 JSONL") from exc
    for lineno, obj in lines:
        where = f"{path}:{lineno}"
        if isinstance(obj, Exception):
            raise InputError("E_GOLD", f"{where}: not a JSON object ({obj})", "each line must be one JSON document")
        try:
            doc = Document.model_validate(obj)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(x) for x in err["loc"])
            raise InputError("E_GOLD", f"{where}: field {loc!r}: {err['msg']}", "see spec/gold-format.md") from exc
        _validate_doc(doc, where)
        scope = obj.get("gold_scope")
        if scope and scope not in scopes:
            scopes.append(str(scope))
        docs.append(doc)
    if not docs:
        raise InputError("E_GOLD", f"gold file {path} has no documents", "it must hold one JSON document per line")
    info = DatasetInfo(
        path=str(path),
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        documents=len(docs),
        quantities=sum(len(d.quantities) for d in docs),
        checks=sum(len(d.checks) for d in docs),
        inconsistent_checks=sum(c.get("verdict") == "inconsistent" for d in docs for c in d.checks),
        any_spans=sum(q.kind == "ANY" for d in docs for q in d.quantities),
        partial=bool(scopes),
        gold_scope=scopes,
    )
    return docs, info


def _validate_doc(doc: Document, where: str) -> None:
    ids = set()
    for q in doc.quantities:
        if q.id in ids:
            raise InputError("E_GOLD", f"{where}: document {doc.id!r} has two quantities with id {q.id!r}", "ids must be unique")
        ids.add(q.id)
        if q.end > len(doc.text) or doc.text[q.start : q.end] != q.text:
            got = doc.text[q.start : q.end]
            raise InputError(
                "E_GOLD",
                f"{where}: quantity {q.id} of {doc.id!r} has text {q.text!r} but text[{q.start}:{q.end}] is {got!r}",
                "offsets are Python string indices into `text`, end exclusive",
            )
    for i, c in enumerate(doc.checks):
        if not isinstance(c, dict) or "kind" not in c or "verdict" not in c or not isinstance(c.get("quantities"), list):
            raise InputError("E_GOLD", f"{where}: check {i} of {doc.id!r} needs kind, quantities (a list) and verdict", "see spec/gold-format.md")
        if c["kind"] not in CheckKind.__members__.values():
            raise InputError("E_GOLD", f"{where}: check {i} of {doc.id!r} has kind {c['kind']!r}", f"kind must be one of {', '.join(CheckKind)}")
        if c["verdict"] not in Verdict.__members__.values():
            raise InputError("E_GOLD", f"{where}: check {i} of {doc.id!r} has verdict {c['verdict']!r}", f"verdict must be one of {', '.join(Verdict)}")
        for qid in c["quantities"]:
            if qid is None or qid in ids or (isinstance(qid, str) and qid.startswith(_LITERALS)):
                continue
            raise InputError(
                "E_GOLD", f"{where}: check {i} of {doc.id!r} names quantity {qid!r}, which the document does not have",
                "entries are quantity ids, null, 'ref:population' or '100%'",
            )


# --------------------------------------------------------------------------- running


@dataclass
class SetRun:
    """What one extractor produced on one document set (kept for the error listings)."""

    docs: list[Document]
    pred: list[list[Quantity]]
    #: One result per document (None where checking failed); None when the checker is missing.
    results: list[DocumentResult | None] | None
    checker_error: str | None = None


@dataclass
class ExtractorRun:
    """One extractor's figures and the predictions behind them."""

    result: ExtractorResult
    gold: SetRun | None = None
    perturbed: SetRun | None = None
    weights: dict[str, str] = field(default_factory=dict)
    version: str | None = None
    #: What the model says about itself (label scheme, training data hash), for run.json.
    model_card: dict[str, Any] = field(default_factory=dict)


@dataclass
class EvalOutcome:
    """The result of `evaluate`: the figures (`metrics`) and what they were computed from."""

    metrics: MetricsReport
    runs: list[ExtractorRun]
    timings: dict[str, float]


def _load_extractor(name: str, config: EvalConfig) -> Extractor:
    from numcheck.inference.extractor import get_extractor

    options: dict[str, Any] = {}
    if name == "model":
        options["runtime"] = config.runtime
        if config.model_path is not None:
            options["model_path"] = config.model_path
    return get_extractor(name, **options)


def _check_one(doc: Document, linker: Any = None) -> DocumentResult:
    # Looked up at call time so that the checker in progress (and test fakes) are used.
    from numcheck import pipeline

    return pipeline.check_documents([doc], None, linker=linker)[0]


def _linker(config: EvalConfig) -> Any:
    """The linker of `--model`'s directory (its encoder and relation head), else None: the shipped one."""
    if config.model_path is None:
        return None
    from numcheck.inference.linker import default_linker

    return default_linker(str(config.model_path))


def _run_set(docs: list[Document], extractor: Extractor | None, cost: dict[str, float], linker: Any = None
             ) -> tuple[SetRun, list[str]]:
    warnings: list[str] = []
    t0 = time.perf_counter()
    if extractor is None:
        pred = [list(d.quantities) for d in docs]
    else:
        pred = extractor.extract([d.text for d in docs])
        if len(pred) != len(docs):
            raise RuntimeError(f"extract returned {len(pred)} lists for {len(docs)} texts")
    cost["extract"] += time.perf_counter() - t0
    for d, qs in zip(docs, pred, strict=True):
        for q in qs:
            if d.text[q.start : q.end] != q.text:
                warnings.append(f"{d.id}: {q.id} text {q.text!r} != text[{q.start}:{q.end}] {d.text[q.start:q.end]!r}")
    t0 = time.perf_counter()
    results: list[DocumentResult | None] | None = []
    checker_error = None
    for d, qs in zip(docs, pred, strict=True):
        try:
            results.append(_check_one(d.model_copy(update={"quantities": qs}), linker))
        except ImportError as exc:
            checker_error = f"the checker is not available: {exc}"
            results = None
            break
        except Exception as exc:  # noqa: BLE001 - one bad document must not end the run
            warnings.append(f"{d.id}: checking failed: {type(exc).__name__}: {exc}")
            results.append(None)
    cost["check"] += time.perf_counter() - t0
    return SetRun(docs=docs, pred=pred, results=results, checker_error=checker_error), warnings


def score_set(run: SetRun, *, spans: bool) -> SetScores:
    """All figures of one extractor on one set.

    >>> from numcheck.schema import Document
    >>> d = Document(id="d", text="5 of 9")
    >>> score_set(SetRun(docs=[d], pred=[[]], results=None, checker_error="no checker"), spans=True).checker_error
    'no checker'
    """
    gold_q = [list(d.quantities) for d in run.docs]
    out = SetScores(checker_error=run.checker_error)
    if spans:
        out.spans = {m: span_scores(gold_q, run.pred, mode=m) for m in SPAN_MODES}
        out.kind_confusion = kind_confusion(gold_q, run.pred)
        out.value_accuracy = value_accuracy(gold_q, run.pred)
    if run.results is not None:
        docs = [
            DocChecks(
                gold=[GoldCheck.from_dict(c) for c in d.checks],
                gold_quantities=list(d.quantities),
                pred=list(r.checks) if r is not None else [],
                pred_quantities=list(r.quantities) if r is not None and r.quantities else qs,
                unconfirmed=list(r.unconfirmed) if r is not None else [],
            )
            for d, qs, r in zip(run.docs, run.pred, run.results, strict=True)
        ]
        out.checks = check_scores(docs)
        out.detection = detection_scores(docs)
        out.detection.threshold_sweep = threshold_sweep(docs)
        out.doc_errors = sum(r is None or bool(r.errors) for r in run.results)
    return out


def _weights_of(extractor: Extractor | None, config: EvalConfig) -> dict[str, str]:
    """sha256 of the model's weight files, found beside the loaded model."""
    candidates = [getattr(extractor, a, None) for a in ("model_path", "model_dir", "path", "directory")]
    candidates.append(config.model_path)
    try:
        import numcheck.models as models_pkg

        candidates.append(Path(models_pkg.__file__).parent / "shipped")
    except Exception:  # noqa: BLE001
        pass
    for c in candidates:
        if not c:
            continue
        root = Path(str(c))
        files = sorted(p for pattern in ("*.safetensors", "*.onnx", "*.bin", "*.pt") for p in root.rglob(pattern)) if root.is_dir() else []
        if root.is_file():
            files = [root]
        if files:
            return {str(p): _sha256(p) for p in files}
    return {}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def evaluate(
    config: EvalConfig,
    *,
    extractors: Mapping[str, Extractor | None] | None = None,
    log: Callable[[str], None] | None = None,
) -> EvalOutcome:
    """Score each extractor of `config` on the gold set (and the perturbed set, if given).

    `extractors` supplies ready extractors by name instead of loading them (tests, the API);
    `log` receives one line per step.

    >>> cfg = EvalConfig(gold=Path("gold.jsonl"), extractors=["gold"])
    >>> evaluate(cfg)  # doctest: +SKIP
    """
    say = log or (lambda _msg: None)
    unknown = [n for n in config.extractors if n not in EXTRACTOR_NAMES and not (extractors and n in extractors)]
    if unknown:
        raise UsageError(None, f"--extractor must be one of {', '.join(EXTRACTOR_NAMES)}; got {unknown[0]!r}")
    if config.min_detection is not None and config.perturbed is None:
        raise UsageError(None, "--min-detection needs --perturbed", "pass the perturbed gold set with --perturbed FILE")
    t_start = time.perf_counter()
    gold_docs, gold_info = load_gold(config.gold)
    pert_docs, pert_info = load_gold(config.perturbed) if config.perturbed else (None, None)
    timings = {"load_data": time.perf_counter() - t_start}
    runs = []
    for name in dict.fromkeys(config.extractors):
        t_ex = time.perf_counter()
        runs.append(_evaluate_one(name, config, gold_docs, pert_docs, extractors, say))
        timings[name] = time.perf_counter() - t_ex
    metrics = MetricsReport(numcheck_version=_version(), gold=gold_info, perturbed=pert_info, extractors=[r.result for r in runs], passed=True)
    metrics.gates = apply_gates(metrics, config)
    metrics.passed = all(g.passed for g in metrics.gates)
    timings["total"] = time.perf_counter() - t_start
    return EvalOutcome(metrics=metrics, runs=runs, timings=timings)


def _evaluate_one(
    name: str,
    config: EvalConfig,
    gold_docs: list[Document],
    pert_docs: list[Document] | None,
    given: Mapping[str, Extractor | None] | None,
    say: Callable[[str], None],
) -> ExtractorRun:
    extractor: Extractor | None = None
    load_s = load_mb = None
    if given is not None and name in given:
        extractor = given[name]
    elif name != "gold":
        say(f"loading the {name} extractor")
        rss0 = _current_rss_mb()
        t0 = time.perf_counter()
        try:
            extractor = _load_extractor(name, config)
        except Exception as exc:  # noqa: BLE001 - a missing extractor is reported, never a crash
            return ExtractorRun(ExtractorResult(name=name, status="skipped", reason=f"{type(exc).__name__}: {exc}"))
        load_s = time.perf_counter() - t0
        rss1 = _current_rss_mb()
        load_mb = rss1 - rss0 if rss0 is not None and rss1 is not None else None
    cost = {"extract": 0.0, "check": 0.0}
    result = ExtractorResult(name=name, status="ok")
    run = ExtractorRun(result=result, weights=_weights_of(extractor, config) if name == "model" else {})
    run.version = getattr(extractor, "version", None) if extractor is not None else None
    meta = getattr(extractor, "meta", None)
    if isinstance(meta, dict):
        run.model_card = {
            "label_scheme_version": meta.get("label_scheme_version"),
            "weights_dtype": meta.get("weights_dtype"),
            "training_data_sha256": (meta.get("data") or {}).get("sha256"),
            "base_model": meta.get("base_model"),
            "runtime": getattr(extractor, "runtime", None),
            "onnx": meta.get("onnx") if getattr(extractor, "runtime", None) == "onnx" else None,
        }
    warnings: list[str] = []
    try:
        say(f"{name}: {len(gold_docs)} gold documents")
        linker = _linker(config)  # every extractor's figures are linked by --model's head, as `check --model` does
        run.gold, w = _run_set(gold_docs, extractor, cost, linker)
        warnings += w
        result.gold = score_set(run.gold, spans=name != "gold")
        if pert_docs is not None:
            say(f"{name}: {len(pert_docs)} perturbed documents")
            run.perturbed, w = _run_set(pert_docs, extractor, cost, linker)
            warnings += w
            result.perturbed = score_set(run.perturbed, spans=False)
    except Exception as exc:  # noqa: BLE001 - reported as failed; the other extractors still run
        result.status = "failed"
        result.reason = f"{type(exc).__name__}: {exc}"
    if warnings:
        shown = "; ".join(warnings[:5])
        more = f" (and {len(warnings) - 5} more)" if len(warnings) > 5 else ""
        result.reason = (result.reason + "; " if result.reason else "") + f"{len(warnings)} warning(s): {shown}{more}"
    all_docs = gold_docs + (pert_docs or [])
    spent = cost["extract"] + cost["check"]
    words = sum(len(d.text.split()) for d in all_docs)
    result.cost = Cost(
        load_seconds=load_s,
        load_rss_mb=load_mb,
        extract_seconds=cost["extract"],
        check_seconds=cost["check"],
        documents=len(all_docs),
        words=words,
        docs_per_second=len(all_docs) / spent if spent > 0 else None,
        words_per_second=words / spent if spent > 0 else None,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
    return run


def _current_rss_mb() -> float | None:
    """Resident memory now (Linux /proc), MiB; None where it cannot be read."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except (OSError, ValueError, IndexError):
        return None


# --------------------------------------------------------------------------- gates


def apply_gates(metrics: MetricsReport, config: EvalConfig) -> list[GateResult]:
    """Compare the `--min-*` thresholds with the figures of the first extractor listed.

    `--min-f1` reads strict span F1 on the gold set of the first extractor listed other than
    `gold` (which has no span figures); `--min-check-recall` check recall on the gold set and
    `--min-detection` the share of the perturbed set's gold inconsistent checks flagged, both
    of the first extractor listed. An extractor that was skipped or failed misses the gate:
    a gate never falls back silently to another extractor.

    >>> apply_gates(outcome.metrics, EvalConfig(gold=Path("dev.jsonl"), min_f1=0.9))[0].passed  # doctest: +SKIP
    True
    """
    wanted: list[tuple[str, float | None, str, Callable[[ExtractorResult], float | None]]] = [
        ("min_f1", config.min_f1, "extractors[].gold.spans.strict.overall.f1",
         lambda r: r.gold.spans["strict"].overall.f1 if r.gold and r.gold.spans else None),
        ("min_check_recall", config.min_check_recall, "extractors[].gold.checks.overall.recall",
         lambda r: r.gold.checks.overall.recall if r.gold and r.gold.checks else None),
        ("min_detection", config.min_detection, "extractors[].perturbed.detection.overall.recall",
         lambda r: r.perturbed.detection.overall.recall if r.perturbed and r.perturbed.detection else None),
    ]  # fmt: skip
    gates = []
    for name, threshold, metric, read in wanted:
        if threshold is None:
            continue
        chosen = next((r for r in metrics.extractors if name != "min_f1" or r.name != "gold"), None)
        value = read(chosen) if chosen is not None and chosen.status == "ok" else None
        gates.append(
            GateResult(
                name=name, metric=metric, threshold=threshold, extractor=chosen.name if chosen else None,
                value=value, passed=value is not None and value >= threshold,
            )
        )  # fmt: skip
    return gates


# --------------------------------------------------------------------------- the command


def write_outputs(outcome: EvalOutcome, config: EvalConfig, *, started: datetime) -> dict[str, Path]:
    """Write metrics.json, metrics.schema.json, report.md, report.html and run.json.

    >>> write_outputs(outcome, config, started=datetime.now(UTC))  # doctest: +SKIP
    """
    from numcheck.eval.report import render_html, render_markdown
    from numcheck.eval.results import MetricsReport as _M

    out = Path(config.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(None, f"--out {out} cannot be created ({exc})", "pass a writable directory") from exc
    t0 = time.perf_counter()
    paths = {
        "metrics": out / "metrics.json",
        "schema": out / "metrics.schema.json",
        "markdown": out / "report.md",
        "html": out / "report.html",
        "run": out / "run.json",
    }
    paths["metrics"].write_text(outcome.metrics.model_dump_json(indent=2) + "\n", encoding="utf-8")
    paths["schema"].write_text(json.dumps(_M.model_json_schema(), indent=2) + "\n", encoding="utf-8")
    paths["markdown"].write_text(render_markdown(outcome), encoding="utf-8")
    paths["html"].write_text(render_html(outcome), encoding="utf-8")
    outcome.timings["report"] = time.perf_counter() - t0
    run_info = {
        "numcheck_version": _version(),
        "started_at": started.isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "config": json.loads(config.model_dump_json()),
        "model_weights_sha256": {r.result.name: r.weights for r in outcome.runs if r.weights},
        "extractors": {
            r.result.name: {"status": r.result.status, "reason": r.result.reason, "version": r.version, **({"model": r.model_card} if r.model_card else {})}
            for r in outcome.runs
        },
        "gold_sha256": outcome.metrics.gold.sha256,
        "perturbed_sha256": outcome.metrics.perturbed.sha256 if outcome.metrics.perturbed else None,
        "timings_seconds": {k: round(v, 3) for k, v in outcome.timings.items()},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    paths["run"].write_text(json.dumps(run_info, indent=2) + "\n", encoding="utf-8")
    return paths


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def run_eval(config: EvalConfig, console: Any) -> int:
    """Evaluate, write the report files into `config.out`, print a summary, apply the gates.

    Returns the exit code: 0 when every gate is met (or none is set), 1 when one is missed.
    Usage and input errors raise `NumcheckError` (the CLI exits with 2).

    >>> run_eval(EvalConfig(gold=Path("dev.jsonl"), extractors=["gold"]), console)  # doctest: +SKIP
    0
    """
    started = datetime.now(UTC)
    outcome = evaluate(config, log=lambda msg: console.print(f"[dim]{msg}[/]", highlight=False))
    paths = write_outputs(outcome, config, started=started)
    _print_summary(outcome, console)
    console.print(f"wrote {', '.join(str(p) for p in paths.values())}", highlight=False)
    code = 0
    for g in outcome.metrics.gates:
        mark = "[green]met[/]" if g.passed else "[bold red]missed[/]"
        why = ""
        if g.value is None:
            run = next((r for r in outcome.metrics.extractors if r.name == g.extractor), None)
            why = f" ({g.extractor} {run.status}: {run.reason})" if run is not None and run.status != "ok" else " (figure not measured)"
        console.print(
            f"gate {g.name}: {g.extractor or 'no extractor'} {_fmt(g.value)} >= {g.threshold:.3f} {mark}{why}", highlight=False
        )
        code = code or (0 if g.passed else 1)
    return code


def _print_summary(outcome: EvalOutcome, console: Any) -> None:
    from rich.table import Table

    table = Table(title=f"numcheck eval: {outcome.metrics.gold.path}", title_justify="left")
    for col in ("extractor", "span F1", "check R", "verdict", "right", "detect", "flag P", "alarms"):
        table.add_column(col, justify="left" if col == "extractor" else "right", no_wrap=True)
    for r in outcome.metrics.extractors:
        if r.status != "ok":
            continue
        g, p = r.gold, r.perturbed
        spans = g.spans if g and g.spans else None
        det = p.detection if p and p.detection else None
        if det is None and g and g.detection and g.detection.altered_docs:
            det = g.detection  # a gold set with real inconsistencies: detection on the set itself
        clean = g.detection if g and g.detection else None
        table.add_row(
            r.name,
            _fmt(spans["strict"].overall.f1) if spans else "-",
            _fmt(g.checks.overall.recall) if g and g.checks else "-",
            _fmt(g.checks.verdict_accuracy) if g and g.checks else "-",
            _fmt(g.checks.found_right) if g and g.checks else "-",
            _fmt(det.overall.recall) if det else "-",
            _fmt(det.flag_precision) if det else "-",
            f"{clean.clean_docs_with_false_alarm}/{clean.clean_docs}" if clean else "-",
        )
    console.print(table)
    console.print(
        "[dim]span F1: strict, gold set; check R, verdict: check recall and verdict accuracy, gold set; right: gold "
        "checks found with the gold verdict; detect, flag P: perturbed set (or the gold set's own inconsistent "
        "checks when no perturbed set is given); alarms: clean gold documents with a false inconsistent.[/]",
        highlight=False,
    )
    for r in outcome.metrics.extractors:
        if r.status != "ok" or r.reason:
            console.print(f"[yellow]{r.name} {r.status}[/]: {r.reason}", highlight=False)
