"""`numcheck check --engine ray`: the same check as the local runner, spread over a Ray cluster.

The plan has three steps, each a Ray Data operator:

1. one task per input file reads it with `numcheck.sources.iter_documents` (the reader of the
   local runner, so a broken line gets the same `errors` entry and id), one row per document;
2. the rows are cut into blocks of `BATCH_DOCS` documents (a streaming repartition), so a
   single large JSONL file is still spread over every worker;
3. a pool of actors (`map_batches` with a callable class) checks the blocks: each actor loads
   the extractor once, then checks each batch with the local runner's own batch function,
   which calls `numcheck.pipeline.check_documents`.

The driver streams the results back in input order and feeds them to the local runner's
report writers (`results.jsonl` in `--out`, or JSONL/text on standard output), `run.json`
and summary, so the output is the local runner's, line for line. Without `--ray-address` a
local Ray with this machine's CPUs is started and stopped again; with one, the run joins
that cluster (`auto`, `ray://head:10001`), whose nodes must have the same numcheck installed
and see the input paths at the same place (a shared filesystem).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from typing import Any

from numcheck.config import CheckConfig, FailOn, OutputFormat
from numcheck.errors import UsageError
from numcheck.outlock import locked_out
from numcheck.runner import BATCH_SIZE
from numcheck.schema import DocError, Document, DocumentResult, Reference, dump_record

#: Documents per block and per batch of the checking actors.
BATCH_DOCS = BATCH_SIZE["model"]
#: Object store of a Ray started here: enough for streaming batches, small beside other work.
LOCAL_OBJECT_STORE_BYTES = 1 << 30


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

    Both steps are the local runner's own (`make_extractor`, `check_batch`, which calls
    `numcheck.pipeline.check_documents`), so a line is the same whichever engine wrote it.

    >>> cfg = CheckConfig(paths=["x.jsonl"], extractor="gold").model_dump(mode="json")
    >>> row = {"doc": Document(id="a", text="5 cases").model_dump_json(), "errors": "[]", "has_gold": False}
    >>> json.loads(CheckBatch(config=cfg)({k: [v] for k, v in row.items()})["line"][0])["errors"][0]["code"]
    'E_NO_GOLD'
    """

    def __init__(self, *, config: dict[str, Any], reference: dict[str, Any] | None = None) -> None:
        from numcheck import runner

        self.config = CheckConfig.model_validate(config)
        self.reference = Reference.model_validate(reference) if reference else None
        self.extractor = runner.make_extractor(self.config)
        # The model extractor takes a thread per core of the machine; on Ray an actor owns only
        # its `num_cpus`, which Ray passes as OMP_NUM_THREADS, so actors do not oversubscribe.
        threads = os.environ.get("OMP_NUM_THREADS", "")
        if threads.isdigit() and int(threads) > 0 and "torch" in sys.modules:
            sys.modules["torch"].set_num_threads(int(threads))

    def __call__(self, batch: dict[str, Sequence[Any]]) -> dict[str, Any]:
        """Check every document of a batch; a document that fails gets an `errors` entry instead."""
        import numpy as np

        from numcheck import runner
        from numcheck.sources import LoadedDocument

        loaded = [
            LoadedDocument(Document.model_validate_json(d), [DocError.model_validate(e) for e in json.loads(errs)], bool(gold))
            for d, errs, gold in zip(batch["doc"], batch["errors"], batch["has_gold"], strict=True)
        ]
        results = runner.check_batch(loaded, self.extractor, self.config, self.reference)
        return {"line": np.asarray([dump_record(r) for r in results], dtype=object)}


def _validate(config: CheckConfig) -> list[OutputFormat]:
    """The local runner's checks of --format and --out, plus what the Ray engine cannot do."""
    from numcheck import runner

    if "-" in config.paths:
        raise UsageError("E_USAGE", "--engine ray reads files, not standard input ('-')",
                         "save the input to a .jsonl file, or use --engine local")
    if config.resume:
        raise UsageError("E_USAGE", "--resume is not supported with --engine ray",
                         "rerun without --resume, or use --engine local")
    return runner.validate_config(config.model_copy(update={"engine": "local"}))


def _start_ray(address: str | None) -> tuple[Any, bool]:
    """Import Ray and join `address`, or start a local Ray; returns (ray, started_here)."""
    try:
        import ray
        import ray.data  # noqa: F401 - fails when the [data] extra is missing
    except ImportError as exc:
        raise UsageError("E_USAGE", f"--engine ray needs Ray Data, which is not installed ({exc})",
                         "pip install 'numcheck[ray]'") from None
    if ray.is_initialized():
        return ray, False
    if address:
        try:
            ray.init(address=address, logging_level=logging.WARNING)
        except Exception as exc:  # noqa: BLE001 - Ray raises many kinds for an unreachable cluster
            raise UsageError("E_USAGE", f"cannot connect to the Ray cluster at --ray-address {address}: {exc}",
                             "pass auto on a cluster node, ray://HEAD:10001 from outside, or omit it for a local Ray") from None
        return ray, True
    ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False, logging_level=logging.WARNING,
             object_store_memory=LOCAL_OBJECT_STORE_BYTES)
    return ray, True


def _result_lines(
    ray: Any, config: CheckConfig, units: list[Any], reference: Reference | None, *, progress: bool
) -> Iterator[str]:
    """Build the Ray Data plan and stream its result lines, in input order, to the driver."""
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = progress
    # Ray Data logs every operator's state at INFO on stderr; keep stderr for numcheck's summary.
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    logging.getLogger("ray.data._internal.progress").setLevel(logging.ERROR)
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    ds = ray.data.from_items([{"path": u.path, "kind": u.kind, "reason": u.reason} for u in units],
                             override_num_blocks=len(units))
    ds = ds.flat_map(read_unit_rows, fn_kwargs={"max_bytes": config.max_bytes, "with_gold": config.extractor == "gold"})
    ds = ds.repartition(target_num_rows_per_block=BATCH_DOCS)
    ds = ds.map_batches(
        CheckBatch,
        fn_constructor_kwargs={
            "config": config.model_dump(mode="json"),
            "reference": reference.model_dump(mode="json") if reference else None,
        },
        batch_size=BATCH_DOCS,
        # One actor per CPU at most (Ray >= 2.51 takes the pool as `compute`, not `concurrency`).
        compute=ray.data.ActorPoolStrategy(min_size=1, max_size=cpus),
        num_cpus=1,
    )
    for row in ds.iter_rows():
        yield row["line"]


def run_with_ray(config: CheckConfig, console: Any) -> int:
    """Check `config.paths` on Ray and write the local runner's reports; returns its exit code.

    Exit codes are the local runner's (`numcheck.runner.exit_code`): 0 clean, 1 a check at
    or above `--fail-on`, 2 when no document could be read or one raised (E_INTERNAL); 130
    when interrupted. Bad options raise `UsageError` before Ray starts.

    >>> from rich.console import Console  # doctest: +SKIP
    >>> run_with_ray(CheckConfig(paths=["gold.jsonl"], extractor="gold", engine="ray"), Console(stderr=True))  # doctest: +SKIP
    1
    """
    from numcheck import runner
    from numcheck.formats import RunSummary
    from numcheck.reference import load_reference

    started = time.perf_counter()
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    formats = _validate(config)
    reference = load_reference(config.reference) if config.reference else None
    units, out = runner.prepare_inputs(config)
    ray, started_here = _start_ray(config.ray_address)
    summary = RunSummary()
    # The extractor lives on the workers: run.json names it from the config only.
    run_info = runner.RunInfo(config, None, started_at)
    timings = {"read_seconds": 0.0, "check_seconds": 0.0}
    status = "failed"
    try:
        with ExitStack() as stack:
            # Before the writers truncate anything: a second run on this --out fails here.
            stack.enter_context(locked_out(out))
            writers, _, _ = runner.open_writers(config, formats, stack, append=False)
            if out is not None:
                run_info.write(out, summary, timings, "running", time.perf_counter() - started)
            try:
                progress = config.progress and bool(getattr(console, "is_terminal", False))
                for line in _result_lines(ray, config, units, reference, progress=progress):
                    result = DocumentResult.model_validate_json(line)
                    summary.add(result)
                    for writer in writers:
                        writer.add(result)
                status = "complete"
            except KeyboardInterrupt:
                status = "interrupted"
            finally:
                summary.seconds = round(time.perf_counter() - started, 3)
                # Reading and checking overlap on the workers; the whole span is reported as checking.
                timings["check_seconds"] = summary.seconds
                broken = runner.close_writers(writers, summary, console)
                code = (runner.EXIT_INTERRUPTED if status == "interrupted" else 2 if broken
                        else runner.exit_code(summary, FailOn(config.fail_on)))
                if out is not None:
                    run_info.write(out, summary, timings, status, summary.seconds, exit_code=code)
    finally:
        if started_here:
            ray.shutdown()
    runner.print_summary(console, summary, config, formats, status)
    return code
