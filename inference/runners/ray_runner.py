"""`numcheck check --engine ray`: the same check as the local runner, spread over a Ray cluster.

The plan has three steps, each a Ray Data operator:

1. one task per input file reads it with `numcheck.sources.iter_documents` (the reader of the
   local runner, so a broken line gets the same `errors` entry and id), one row per document;
2. the rows are cut into blocks of `BATCH_DOCS` documents, so a single large JSONL file is
   still spread over every worker;
3. a pool of actors (`map_batches` with a callable class) checks the blocks: each actor loads
   the extractor once, then calls `numcheck.pipeline.check_documents` on each batch, exactly
   as the local runner does.

The driver streams the result lines, in input order, to `results.jsonl` in `--out` (or to
standard output) and computes the exit code from their verdicts. Without `--ray-address`
a local Ray with this machine's CPUs is started and stopped again; with one, the run joins
that cluster (`auto`, `ray://head:10001`, `head:6379`), whose nodes must have numcheck
installed and see the input paths (a shared filesystem).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from numcheck.config import CheckConfig, FailOn, OutputFormat
from numcheck.errors import InputError, NumcheckError, UsageError
from numcheck.schema import VERDICT_SEVERITY, DocError, Document, DocumentResult, Reference, Verdict, dump_record

#: Documents per block and per `check_documents` call.
BATCH_DOCS = 64
#: Name of the result file in `--out` (the local runner's JSONL name).
RESULTS_NAME = "results.jsonl"
#: Object store of a Ray started here: enough for streaming batches, small beside other work.
LOCAL_OBJECT_STORE_BYTES = 1 << 30

#: `--fail-on` value -> lowest severity that makes the exit code 1 (None: never).
_FAIL_SEVERITY: dict[FailOn, int | None] = {
    FailOn.inconsistent: VERDICT_SEVERITY[Verdict.inconsistent],
    FailOn.ambiguous: VERDICT_SEVERITY[Verdict.ambiguous],
    FailOn.never: None,
}


def read_unit_rows(row: dict[str, Any], *, max_bytes: int, with_gold: bool) -> list[dict[str, Any]]:
    """Read one input unit (a row `{"path", "kind", "reason"}`) into rows of serialized documents.

    Each row has the `Document` as JSON, its read errors as JSON, and `has_gold`.

    >>> rows = read_unit_rows({"path": "gone.jsonl", "kind": "missing", "reason": ""}, max_bytes=100, with_gold=False)
    >>> json.loads(rows[0]["errors"])[0]["code"]
    'E_MISSING'
    """
    from numcheck.sources import InputUnit, iter_documents

    unit = InputUnit(path=str(row["path"]), kind=row["kind"], reason=str(row.get("reason") or ""))
    return [
        {
            "doc": loaded.doc.model_dump_json(),
            "errors": json.dumps([e.model_dump(mode="json") for e in loaded.errors]),
            "has_gold": bool(loaded.has_gold),
        }
        for loaded in iter_documents([unit], max_bytes=max_bytes, with_gold=with_gold)
    ]


class CheckBatch:
    """The stateful step of the pool: loads the extractor once, then checks batches of rows.

    >>> checker = CheckBatch(extractor="gold")  # doctest: +SKIP
    >>> checker({"doc": [Document(id="a", text="5").model_dump_json()], "errors": ["[]"], "has_gold": [True]})["worst"]
    [0]
    """

    def __init__(
        self,
        *,
        extractor: str,
        model_path: str | None = None,
        population: float | None = None,
        reference: dict[str, Any] | None = None,
    ) -> None:
        from numcheck.inference.extractor import get_extractor

        self.gold = extractor == "gold"
        options: dict[str, Any] = {"model_path": Path(model_path)} if model_path and extractor == "model" else {}
        self.extractor = None if self.gold else get_extractor(extractor, **options)
        self.population = population
        self.reference = Reference.model_validate(reference) if reference else None

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        """Check every document of a batch; a row that fails gets an `errors` entry instead."""
        import numpy as np

        docs = [Document.model_validate_json(s) for s in batch["doc"]]
        read_errors = [[DocError.model_validate(e) for e in json.loads(s)] for s in batch["errors"]]
        results: list[DocumentResult | None] = [None] * len(docs)
        todo = []
        for i, (doc, errors) in enumerate(zip(docs, read_errors, strict=True)):
            if errors:
                results[i] = DocumentResult(id=doc.id, source=doc.source, text=doc.text, errors=errors)
            else:
                todo.append(i)
        for i, result in zip(todo, self._check([docs[i] for i in todo]), strict=True):
            results[i] = result
        lines = [dump_record(r) for r in results if r is not None]
        worst = [max((VERDICT_SEVERITY[Verdict(c.verdict)] for c in r.checks), default=-1) for r in results if r]
        return {
            "line": np.asarray(lines, dtype=object),
            "worst": np.asarray(worst, dtype=np.int64),
            "checks": np.asarray([len(r.checks) for r in results if r], dtype=np.int64),
            "failed": np.asarray([bool(r.errors) for r in results if r], dtype=bool),
        }

    def _check(self, docs: list[Document]) -> list[DocumentResult]:
        """`check_documents` on the batch; if it raises, each document alone, so one bad one costs one line."""
        from numcheck.pipeline import check_documents

        if not docs:
            return []
        try:
            return check_documents(docs, self.extractor, population=self.population, reference=self.reference)
        except Exception:  # noqa: BLE001 - retried one by one below to find the document at fault
            pass
        out = []
        for doc in docs:
            try:
                out.extend(check_documents([doc], self.extractor, population=self.population, reference=self.reference))
            except NumcheckError as exc:
                out.append(DocumentResult(id=doc.id, source=doc.source, text=doc.text, errors=[exc.to_doc_error()]))
            except Exception as exc:  # noqa: BLE001 - one document must not stop the batch
                err = DocError(code="E_INTERNAL", message=f"checking raised {type(exc).__name__}: {exc}. "
                               "This is a bug in numcheck; please report it with the document")
                out.append(DocumentResult(id=doc.id, source=doc.source, text=doc.text, errors=[err]))
        return out


def _validate(config: CheckConfig) -> None:
    """Refuse what the Ray engine cannot do, before starting Ray."""
    other = [f.value for f in config.formats if f not in (OutputFormat.jsonl, OutputFormat.text)]
    if other:
        raise UsageError(None, f"--engine ray writes JSONL result lines only; got --format {', '.join(other)}",
                         "use --format jsonl with --engine ray, or the local engine for html and sarif reports")
    if "-" in config.paths:
        raise UsageError(None, "--engine ray reads files, not standard input ('-')",
                         "save the input to a .jsonl file, or use the local engine")
    if config.resume:
        raise UsageError(None, "--resume is not supported with --engine ray", "rerun without --resume, or use the local engine")


def _load_reference(path: Path | None) -> dict[str, Any] | None:
    """The `--reference` JSON file as a dict for the actors (validated here, on the driver)."""
    if path is None:
        return None
    try:
        return Reference.model_validate(json.loads(Path(path).read_text(encoding="utf-8"))).model_dump(mode="json")
    except OSError as exc:
        raise InputError("E_REFERENCE", f"--reference {path} cannot be read: {exc.strerror or exc}", "check the path") from None
    except ValueError as exc:
        raise InputError("E_REFERENCE", f"--reference {path} is not a valid reference object: {exc}",
                         'see spec/gold-format.md "reference"') from None


def _start_ray(address: str | None) -> tuple[Any, bool]:
    """Import Ray and join `address`, or start a local Ray; returns (ray, started_here)."""
    try:
        import ray
        import ray.data  # noqa: F401 - fails when the [data] extra is missing
    except ImportError as exc:
        raise UsageError(None, f"--engine ray needs Ray Data, which is not installed ({exc})",
                         "pip install 'numcheck[ray]'") from None
    if ray.is_initialized():
        return ray, False
    if address:
        try:
            ray.init(address=address, logging_level=logging.WARNING)
        except Exception as exc:  # noqa: BLE001 - Ray raises many kinds for an unreachable cluster
            raise UsageError(None, f"cannot connect to the Ray cluster at --ray-address {address}: {exc}",
                             "pass auto on a cluster node, ray://HEAD:10001 from outside, or omit it for a local Ray") from None
        return ray, True
    ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False, logging_level=logging.WARNING,
             object_store_memory=LOCAL_OBJECT_STORE_BYTES)
    return ray, True


def _result_lines(ray: Any, config: CheckConfig, reference: dict[str, Any] | None) -> Iterator[dict[str, Any]]:
    """Build the Ray Data plan and stream its rows (in input order) to the driver."""
    from numcheck.sources import expand_paths

    exclude = [config.out] if config.out is not None else []
    units = expand_paths(config.paths, exclude=exclude)
    if not units:
        raise UsageError(None, f"no input documents found in {config.paths}", "pass .jsonl files or directories that contain them")
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = config.progress
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    ds = ray.data.from_items([{"path": u.path, "kind": u.kind, "reason": u.reason} for u in units],
                             override_num_blocks=len(units))
    ds = ds.flat_map(read_unit_rows, fn_kwargs={"max_bytes": config.max_bytes, "with_gold": config.extractor == "gold"})
    ds = ds.repartition(target_num_rows_per_block=BATCH_DOCS)
    ds = ds.map_batches(
        CheckBatch,
        fn_constructor_kwargs={
            "extractor": config.extractor,
            "model_path": str(config.model_path) if config.model_path else None,
            "population": config.population,
            "reference": reference,
        },
        batch_size=BATCH_DOCS,
        concurrency=(1, cpus),
        num_cpus=1,
    )
    yield from ds.iter_rows()


def run_with_ray(config: CheckConfig, console: Any) -> int:
    """Check `config.paths` on Ray and write one result line per document; returns the exit code.

    Exit codes are the local runner's: 1 when a check is at or above `--fail-on`, else 0;
    usage errors raise `UsageError` (exit 2 in the CLI).

    >>> from rich.console import Console  # doctest: +SKIP
    >>> run_with_ray(CheckConfig(paths=["gold.jsonl"], extractor="gold", engine="ray"), Console(stderr=True))
    0
    """
    _validate(config)
    reference = _load_reference(config.reference)
    threshold = _FAIL_SEVERITY[FailOn(config.fail_on)]
    ray, started_here = _start_ray(config.ray_address)
    docs = checks = failed = 0
    worst = -1
    target = None
    try:
        if config.out is not None:
            Path(config.out).mkdir(parents=True, exist_ok=True)
            target = Path(config.out) / RESULTS_NAME
            fh = target.open("w", encoding="utf-8")
        else:
            fh = sys.stdout
        try:
            for row in _result_lines(ray, config, reference):
                fh.write(row["line"] + "\n")
                docs += 1
                checks += int(row["checks"])
                failed += bool(row["failed"])
                worst = max(worst, int(row["worst"]))
        finally:
            if fh is not sys.stdout:
                fh.close()
            else:
                fh.flush()
        if config.out is not None:
            run = {"engine": "ray", "ray_address": config.ray_address, "config": config.model_dump(mode="json")}
            (Path(config.out) / "run.json").write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    finally:
        if started_here:
            ray.shutdown()
    where = f" -> {target}" if target else ""
    console.print(f"ray: {docs} documents, {checks} checks, {failed} with errors{where}", highlight=False)
    return 1 if threshold is not None and worst >= threshold else 0
