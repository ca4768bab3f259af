"""The local runner of `numcheck check`: inputs in, one result per document out, every format.

Documents are read, checked and written one at a time (a few at a time for the model, which
is faster in batches), so memory stays flat for the JSONL report, a run killed at any
moment loses at most the documents in flight, and `--resume` picks up from the JSONL.
A document that cannot be read, or whose checking raises, gets an `errors` entry and the
batch goes on; only a usage error or a model that cannot load stops the run (exit code 2).
A document whose checking raised (E_INTERNAL, a bug in numcheck) makes the exit code 2, so a
CI gate never passes a run that did not check everything. Each document is checked within
`--time-budget` seconds (E_TIMEOUT keeps what was checked), `--out` is locked for the run
(`numcheck.outlock`), and SIGTERM stops a run as Ctrl-C does: run.json says "interrupted".
"""

from __future__ import annotations

import gc
import hashlib
import importlib
import json
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.text import Text

import numcheck
from numcheck import pipeline
from numcheck.config import CheckConfig, FailOn, OutputFormat
from numcheck.errors import InputError, ModelError, NumcheckError, UsageError
from numcheck.formats import ReportWriter, RunSummary
from numcheck.formats.jsonl import RESULTS_NAME, JsonlWriter, read_for_resume
from numcheck.formats.text import TextWriter, render_counts
from numcheck.outlock import locked_out
from numcheck.reference import load_reference
from numcheck.safetext import printable
from numcheck.schema import SCHEMA_VERSION, VERDICT_SEVERITY, DocError, Document, DocumentResult, Reference, Verdict
from numcheck.sources import InputUnit, LoadedDocument, count_documents, expand_paths, iter_documents

RUN_NAME = "run.json"
TEXT_NAME = "report.txt"
#: Documents per call to the checker: the model extracts faster in batches (its windows are
#: sorted by length across the whole call; 64 documents ran the benchmark corpus 1.3x faster
#: than 8); the rules do not care. A run stopped midway redoes at most one batch on --resume.
BATCH_SIZE = {"model": 64}
#: The error code of a document whose checking raised: a failure of numcheck, not of the input.
_INTERNAL = pipeline.E_INTERNAL
#: Exit codes of a run stopped by Ctrl-C (SIGINT) and by SIGTERM (128 + the signal's number).
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: the run stops as it does on Ctrl-C."""


def prepare_inputs(config: CheckConfig) -> tuple[list, Path | None]:
    """The input units of a run and its output directory, created; shared by every engine.

    A run never reads its own reports back as input, even when --out lies inside an input
    directory.
    """
    own = [config.out / name for name in (RESULTS_NAME, TEXT_NAME, "report.html", "report.sarif")] if config.out else []
    units = expand_paths(config.paths, exclude=[config.out] if config.out else [], exclude_files=own)
    _require_inputs(config, units)
    out = config.out
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError("E_OUT", f"--out {out} cannot be created: {exc.strerror or exc}", "pass a writable directory") from None
    return units, out


#: Python's default collects the youngest objects every 700 allocations; a run builds hundreds of
#: thousands of small records (cells, figures, checks) that live to the end of their document,
#: and each collection traversed them again: the 100-page NICS copy took 42 s, 31 s with this.
GC_THRESHOLD = (10_000, 10, 10)


@contextmanager
def collector_tuned() -> Iterator[None]:
    """Python's cyclic garbage collector set for a checking run, then put back: what is loaded
    so far (the model, the modules) is frozen out of every collection (`gc.freeze`), and the
    youngest objects are collected every `GC_THRESHOLD[0]` allocations instead of 700. Memory
    is not the cost: the records are alive anyway (the same peak RSS on the NICS copy).
    """
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def run_check(config: CheckConfig, console: Console) -> int:
    """Check every document named by `config.paths`, write the reports, return the exit code.

    Exit codes: 0 when no check is at or above `config.fail_on`, 1 when one is, 2 when no
    input exists, no document could be read or checking one raised (E_INTERNAL); 130 on
    Ctrl-C, 143 on SIGTERM. Raises `UsageError` for bad options (E_OUT_LOCKED when another run
    holds `--out`) and `ModelError` when the model cannot load (the CLI turns both into exit
    code 2).

    >>> from pathlib import Path; import tempfile
    >>> d = Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text("No figures here.")
    >>> run_check(CheckConfig(paths=[str(d / "a.txt")], formats=["jsonl"], out=d / "out", extractor="gold"),
    ...           Console(file=open(os.devnull, "w")))
    2
    """
    if config.engine == "ray":
        from numcheck.inference.runners.ray_runner import run_with_ray

        return run_with_ray(config, console)
    started = time.perf_counter()
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    formats = validate_config(config)
    reference = load_reference(config.reference) if config.reference else None
    units, out = prepare_inputs(config)
    with ExitStack() as held:
        held.enter_context(_sigterm_as_interrupt())
        # Locked before anything in --out is read or truncated: a second run fails here, untouched.
        held.enter_context(locked_out(out))
        try:
            return _run_locked(config, console, formats, reference, units, out, started, started_at)
        except Terminated:  # before the first document (loading the model, say): nothing was written
            console.print("[yellow]terminated[/] before any document was checked")
            return EXIT_TERMINATED


def _run_locked(
    config: CheckConfig, console: Console, formats: list[OutputFormat], reference: Reference | None,
    units: list[InputUnit], out: Path | None, started: float, started_at: str,
) -> int:
    # The store's database layer takes a third of a second to import: done while the model loads.
    warming = preload("sqlalchemy") if config.store is not None else None
    extractor = make_extractor(config)
    from numcheck.inference.linker import linker_for

    linker_for(extractor, _linker_path(config))  # a missing or unreadable relation head fails here, before any output
    if warming is not None:
        warming.join()
    cross = open_cross(config, extractor)
    with collector_tuned():
        return _run_loaded(config, console, formats, reference, units, out, started, started_at, extractor, cross)


def _run_loaded(
    config: CheckConfig, console: Console, formats: list[OutputFormat], reference: Reference | None,
    units: list[InputUnit], out: Path | None, started: float, started_at: str, extractor: Any, cross: Any,
) -> int:
    prior: list[DocumentResult] = []
    if config.resume:
        assert out is not None
        prior, dropped = read_for_resume(out / RESULTS_NAME)
        if dropped:
            console.print(Text(f"resume: dropped {dropped} incomplete line(s) of {out / RESULTS_NAME}; those documents are redone", style="yellow"))
        console.print(Text(f"resume: {len(prior)} documents already done in {out / RESULTS_NAME}"))
        for warning in _resume_mismatches(out / RUN_NAME, config):
            console.print(Text(f"resume: {printable(warning)}", style="yellow"))

    summary = RunSummary()
    run_info = RunInfo(config, extractor, started_at)
    timings = {"read_seconds": 0.0, "check_seconds": 0.0}
    status = "failed"
    with ExitStack() as stack:
        writers, jsonl_writer, text_to_tty = open_writers(config, formats, stack, append=bool(prior))
        if out is not None:
            run_info.write(out, summary, timings, "running", time.perf_counter() - started)
        for result in prior:
            summary.add(result)
            for writer in writers:
                if writer is not jsonl_writer:
                    writer.add(result)
        summary.resumed = len(prior)
        done = Counter(r.id for r in prior)
        seen = DuplicateIds()
        total = count_documents(units)
        show_progress = config.progress and console.is_terminal and total > 1 and not text_to_tty
        progress = Progress(
            TextColumn("[bold]checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
            console=console, disable=not show_progress, transient=True,
        )
        try:
            with progress:
                task = progress.add_task("check", total=total)
                batch: list[LoadedDocument] = []
                size = BATCH_SIZE.get(config.extractor, 1)

                def flush() -> None:
                    t0 = time.perf_counter()
                    # Each result is written as soon as its document is done: a slow document
                    # holds back none of the batch-mates checked before it.
                    for result in iter_check_batch(batch, extractor, config, reference):
                        if cross is not None:
                            result = cross_check(cross, result)
                        summary.add(result)
                        for writer in writers:
                            writer.add(result)
                        progress.advance(task)
                    timings["check_seconds"] += time.perf_counter() - t0
                    batch.clear()

                for loaded in _timed(iter_documents(units, max_bytes=config.max_bytes, with_gold=extractor is None), timings):
                    seen.note(loaded)
                    if done[loaded.doc.id] > 0:
                        # Already written by the interrupted run; a repeated id counts once per occurrence.
                        done[loaded.doc.id] -= 1
                        progress.advance(task)
                        continue
                    batch.append(loaded)
                    if len(batch) >= size:
                        flush()
                if batch:
                    flush()
            status = "complete"
        except KeyboardInterrupt as exc:
            status = "interrupted"
            code = EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
        finally:
            summary.seconds = round(time.perf_counter() - started, 3)
            broken = close_writers(writers, summary, console)
            if status != "interrupted":
                code = 2 if broken else exit_code(summary, config.fail_on)
            if out is not None:
                run_info.write(out, summary, timings, status, summary.seconds, exit_code=code)
            if cross is not None:
                cross.store.close()

    print_summary(console, summary, config, formats, status)
    return code


def exit_code(summary: RunSummary, fail_on: FailOn) -> int:
    """0 clean, 1 a verdict at or above `fail_on`, 2 when no document could be read at all or
    when checking a document raised (E_INTERNAL: a bug in numcheck; the run did not check
    everything, so a gate must not pass it).

    >>> exit_code(RunSummary(documents=1, verdicts={"inconsistent": 1}), FailOn.inconsistent)
    1
    >>> exit_code(RunSummary(documents=2, documents_with_errors=1, errors={"E_INTERNAL": 1}), FailOn.inconsistent)
    2
    """
    if summary.errors.get(_INTERNAL, 0):
        return 2
    if summary.documents and summary.documents_with_errors == summary.documents:
        return 2
    if fail_on == FailOn.never:
        return 0
    threshold = VERDICT_SEVERITY[Verdict(fail_on.value)]
    hit = any(n and VERDICT_SEVERITY[Verdict(v)] >= threshold for v, n in summary.verdicts.items())
    return 1 if hit else 0


# --------------------------------------------------------------------------- setup


def validate_config(config: CheckConfig) -> list[OutputFormat]:
    """The output formats a run writes, after checking that the options fit together (UsageError if not).

    Shared by the local and the Ray runner.

    >>> [f.value for f in validate_config(CheckConfig(paths=["a.txt"]))]
    ['text']
    """
    formats = list(dict.fromkeys(OutputFormat(f) for f in config.formats)) or [OutputFormat.text]
    if config.out is None:
        if len(formats) > 1:
            names = ", ".join(f.value for f in formats)
            raise UsageError("E_USAGE", f"--format {names} writes several reports", "pass --out DIR to write them into DIR")
        if formats[0] in (OutputFormat.html, OutputFormat.sarif):
            raise UsageError("E_USAGE", f"--format {formats[0].value} writes a file", "pass --out DIR")
        if config.resume:
            raise UsageError("E_USAGE", "--resume continues the run in --out DIR", "pass the --out DIR of the interrupted run")
    elif config.out.exists() and not config.out.is_dir():
        raise UsageError("E_OUT", f"--out {config.out} is a file, not a directory", "pass a directory (it is created if missing)")
    if config.store is not None and config.engine != "local":
        raise UsageError("E_USAGE", "--store runs with --engine local", "drop --engine ray, or drop --store")
    if config.engine not in ("local", "ray"):
        raise UsageError("E_USAGE", f"--engine must be local or ray, got {config.engine!r}", "use --engine local")
    return formats


def _require_inputs(config: CheckConfig, units: list[InputUnit]) -> None:
    if not units:
        raise InputError(
            "E_NO_INPUT", f"no documents found in {', '.join(config.paths)}",
            "pass .txt, .md, .html, .pdf or .jsonl files, or a directory holding them",
        )
    if all(u.kind == "missing" for u in units):
        missing = ", ".join(u.path for u in units[:5]) + (" ..." if len(units) > 5 else "")
        raise InputError("E_NO_INPUT", f"no input path exists: {missing}", "check the paths (relative paths start from the current directory)")


def make_extractor(config: CheckConfig) -> Any:
    """The extractor a run uses (None for `--extractor gold`); each Ray worker calls it once."""
    if config.extractor == "gold":
        return None
    from numcheck.inference.extractor import get_extractor

    if config.extractor != "model":
        try:
            return get_extractor(config.extractor)
        except NumcheckError:
            raise
        except ImportError as exc:
            raise UsageError("E_USAGE", f"--extractor {config.extractor} cannot load: {exc}", "use --extractor rules") from None
    options: dict[str, Any] = {"runtime": config.runtime}
    if config.model_path:
        options["model_path"] = config.model_path
    hint = "train one with `numcheck train`, pass --model DIR, or use --extractor rules"
    if config.model_path is not None and not config.model_path.is_dir():
        raise ModelError("E_MODEL", f"--model {config.model_path} is not a directory", "pass a directory written by `numcheck train`, or use --extractor rules")
    try:
        extractor = get_extractor("model", **options)
        # Loading may be lazy: one tiny call makes a missing model fail here, before any output.
        extractor.extract(["In 2024, 12 of 40 cases (30%) were closed."])
    except ModelError as exc:
        raise ModelError(exc.code, exc.message, f"{exc.hint}; or use --extractor rules" if exc.hint else hint) from None
    except NumcheckError:
        raise
    except Exception as exc:  # noqa: BLE001 - whatever stops the model from loading, say how to go on
        raise ModelError("E_MODEL", f"the model extractor could not load ({type(exc).__name__}: {exc})", hint) from None
    return extractor


def preload(module: str) -> threading.Thread:
    """Import `module` in a background thread (joined before it is used): a third-party package
    that nothing loading the model imports, so the two imports never wait for each other. A
    failed import is left for the importer that needs it to raise.

    >>> t = preload("json"); t.join(); t.is_alive()
    False
    """
    def load() -> None:
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001,S110 - the caller's own import says what failed
            pass
    thread = threading.Thread(target=load, name=f"preload-{module}", daemon=True)
    thread.start()
    return thread


def open_cross(config: CheckConfig, extractor: Any = None) -> Any:
    """The cross-document stage of a run with --store (None without): the store opened, the
    encoder (the run's model `extractor`'s when it can serve) and the match scores loaded (a
    UsageError or ModelError stops the run before any output)."""
    if config.store is None:
        return None
    from numcheck.inference.cross import open_matcher

    return open_matcher(config.store, model_path=config.model_path, extractor=extractor)


def cross_check(matcher: Any, result: DocumentResult) -> DocumentResult:
    """A result with its checks against the store, the document stored; a failure there is the
    document's `E_STORE` error, and the batch goes on. The matcher leaves a document that failed
    as it is; one read with warnings only (checked in parts, a guessed encoding) is stored and
    matched like any other."""
    try:
        return matcher.process(result)
    except NumcheckError:
        raise
    except Exception as exc:  # noqa: BLE001 - one document must not stop the batch
        message = (f"checking {result.id} against the store raised {type(exc).__name__}: {exc}. The document "
                   "was not stored; its own checks are reported. Run it again to store it")
        return result.model_copy(update={"errors": [*result.errors, DocError(code="E_STORE", message=message)]})


def open_writers(
    config: CheckConfig, formats: list[OutputFormat], stack: ExitStack, *, append: bool
) -> tuple[list[ReportWriter], JsonlWriter | None, bool]:
    """One writer per format, entered on `stack`; also the JSONL writer and whether text goes to a terminal."""
    from numcheck.formats.html import HTML_NAME, HtmlWriter
    from numcheck.formats.sarif import SARIF_NAME, SarifWriter

    writers: list[ReportWriter] = []
    jsonl: JsonlWriter | None = None
    text_to_tty = False
    out = config.out
    if out is not None:
        # With --out the JSONL is always written: it is the record that --resume continues.
        jsonl = JsonlWriter.to_file(out / RESULTS_NAME, append=append)
        writers.append(jsonl)
    for fmt in formats:
        if fmt == OutputFormat.jsonl and out is None:
            jsonl = JsonlWriter(sys.stdout)
            writers.append(jsonl)
        elif fmt == OutputFormat.text:
            if out is None:
                text_to_tty = sys.stdout.isatty()
                if hasattr(sys.stdout, "reconfigure"):
                    # A character the terminal's encoding lacks prints as an escape instead of stopping the run.
                    sys.stdout.reconfigure(errors="backslashreplace")
                # Piped text keeps long lines whole (grep-able) instead of wrapping at 80 columns.
                writers.append(TextWriter(Console(file=sys.stdout, highlight=False, width=None if text_to_tty else 120)))
            else:
                fh: TextIO = stack.enter_context((out / TEXT_NAME).open("w", encoding="utf-8"))
                writers.append(TextWriter(Console(file=fh, width=120, color_system=None, highlight=False, force_terminal=False)))
        elif fmt == OutputFormat.html:
            assert out is not None
            writers.append(HtmlWriter(out / HTML_NAME))
        elif fmt == OutputFormat.sarif:
            assert out is not None
            writers.append(SarifWriter(out / SARIF_NAME))
    return writers, jsonl, text_to_tty


def close_writers(writers: list[ReportWriter], summary: RunSummary, console: Console) -> int:
    """Close every writer, even when one fails (its report is missing, the others and run.json
    are written); returns how many failed, each said on the console."""
    broken = 0
    for writer in writers:
        try:
            writer.close(summary)
        except Exception as exc:  # noqa: BLE001 - one report must not cost the others
            broken += 1
            console.print(Text(f"error: writing the {type(writer).__name__} report raised {type(exc).__name__}: "
                               f"{printable(str(exc))}. This is a bug in numcheck; the other reports were written",
                               style="bold red"))
    return broken


# --------------------------------------------------------------------------- checking


def _timed(documents: Iterator[LoadedDocument], timings: dict[str, float]) -> Iterator[LoadedDocument]:
    while True:
        t0 = time.perf_counter()
        try:
            loaded = next(documents)
        except StopIteration:
            return
        finally:
            timings["read_seconds"] += time.perf_counter() - t0
        yield loaded


def check_batch(
    batch: list[LoadedDocument], extractor: Any, config: CheckConfig, reference: Reference | None
) -> list[DocumentResult]:
    """Results for a batch, in order; a document whose checking raises gets E_INTERNAL."""
    return list(iter_check_batch(batch, extractor, config, reference))


def iter_check_batch(
    batch: list[LoadedDocument], extractor: Any, config: CheckConfig, reference: Reference | None
) -> Iterator[DocumentResult]:
    """Results for a batch in input order, each as soon as its document is done.

    A document that could not be read gets its line with its errors; one whose checking
    raises gets E_INTERNAL; one that runs out of `config.time_budget` keeps what was checked,
    with E_TIMEOUT. When the batch's extraction itself raises, its documents are checked one
    at a time, so the one that raised is found and the others are not lost.
    """
    gold = extractor is None
    for loaded in batch:
        if loaded.ok and gold and not loaded.has_gold:
            loaded.errors.append(DocError(
                code="E_NO_GOLD",
                message=f"{loaded.doc.id} has no gold quantities, which --extractor gold needs. "
                "Pass a gold JSONL (with \"quantities\"), or use --extractor rules or model",
            ))
    stream = _iter_check([loaded for loaded in batch if loaded.ok], extractor, config, reference)
    one_at_a_time = False
    for loaded in batch:
        if not loaded.ok:
            doc = loaded.doc
            yield DocumentResult(id=doc.id, source=doc.source, text=doc.text, errors=loaded.errors)
            continue
        result = None
        if not one_at_a_time:
            try:
                result = next(stream)
            except StopIteration:
                raise RuntimeError(f"the checker returned no result for {loaded.doc.id}") from None
            except ModelError:
                raise
            except Exception:  # noqa: BLE001 - find the document that raised by checking one at a time
                one_at_a_time = True
        if result is None:
            try:
                result = next(_iter_check([loaded], extractor, config, reference))
            except ModelError:
                raise
            except Exception as exc:  # noqa: BLE001 - one document must not stop the batch
                result = _internal_error(loaded, exc)
        yield result


def _linker_path(config: CheckConfig) -> Path | None:
    """The model directory whose relation head links another extractor's figures (`--model`
    beside `--extractor gold` or `rules`); the model extractor carries its own."""
    return config.model_path if config.extractor != "model" else None


def _iter_check(
    todo: list[LoadedDocument], extractor: Any, config: CheckConfig, reference: Reference | None
) -> Iterator[DocumentResult]:
    from numcheck.inference.linker import linker_for

    docs = [loaded.doc for loaded in todo]
    results = pipeline.iter_check_documents(
        docs, extractor, population=config.population, reference=reference, budget=config.time_budget or None,
        linker=linker_for(extractor, _linker_path(config)),
    )
    for loaded, result in zip(todo, results, strict=True):
        doc = loaded.doc
        # The result line is keyed by the input's id and carries exactly the checked text.
        update: dict[str, Any] = {}
        if result.id != doc.id:
            update["id"] = doc.id
        if result.text != doc.text:
            update["text"] = doc.text
        if result.source is None and doc.source is not None:
            update["source"] = doc.source
        if loaded.errors:  # warnings from reading it (a guessed encoding, say)
            update["errors"] = loaded.errors + result.errors
        yield result.model_copy(update=update) if update else result


def _internal_error(loaded: LoadedDocument, exc: Exception) -> DocumentResult:
    return pipeline.internal_error(loaded.doc, exc, warnings=loaded.errors)


class DuplicateIds:
    """Notes a warning on a document whose id an earlier document of the run already had.

    >>> seen = DuplicateIds(); docs = [LoadedDocument(Document(id="a", text="1")) for _ in range(2)]
    >>> seen.note(docs[0]); seen.note(docs[1]); [e.code for e in docs[1].errors]
    ['W_DUPLICATE_ID']
    """

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()

    def note(self, loaded: LoadedDocument) -> None:
        """Count the document's id, and warn on it when it was seen before."""
        doc_id = loaded.doc.id
        self.seen[doc_id] += 1
        if self.seen[doc_id] > 1:
            loaded.errors.append(DocError(
                code="W_DUPLICATE_ID",
                message=f"the id {doc_id!r} is used by {self.seen[doc_id] - 1} earlier document(s) of this run; "
                "results with the same id are told apart only by their order. Give each document its own id",
            ))


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a service manager, a CI timeout, `kill`) stops the run as Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:  # noqa: ARG001 - signal handler signature
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the reports short
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# --------------------------------------------------------------------------- run.json and summary


class RunInfo:
    """Writes `run.json`: version, model hash, config, counts per verdict, timings."""

    def __init__(self, config: CheckConfig, extractor: Any, started_at: str) -> None:
        self.config = config
        self.started_at = started_at
        #: The extractor's own clock per stage (the model's windowing, forward pass and decoding), if it keeps one.
        self.stages = getattr(extractor, "timings", None)
        self.extractor = {
            "name": config.extractor,
            "class": type(extractor).__name__ if extractor is not None else None,
            "runtime": getattr(extractor, "runtime", None),
            "model_hash": _model_hash(extractor, config),
        }

    def write(
        self, out: Path, summary: RunSummary, timings: dict[str, float], status: str, seconds: float,
        *, exit_code: int | None = None,
    ) -> None:
        """Write run.json (again): `exit_code` is the run's, once it is known."""
        checked = max(summary.documents - summary.resumed, 0)
        internal = summary.errors.get(_INTERNAL, 0)
        info = {
            "numcheck_version": numcheck.__version__,
            "schema_version": SCHEMA_VERSION,
            "status": status,
            "exit_code": exit_code,
            "exit_reason": _exit_reason(exit_code, internal),
            "started_at": self.started_at,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds") if status != "running" else None,
            "config": self.config.model_dump(mode="json"),
            "extractor": self.extractor,
            "counts": summary.model_dump(mode="json", exclude={"seconds"}),
            "timings": {
                "seconds": round(seconds, 3),
                "read_seconds": round(timings["read_seconds"], 3),
                "check_seconds": round(timings["check_seconds"], 3),
                "documents_per_second": round(checked / seconds, 2) if seconds > 0 else None,
                **({"extract_stages": {k: round(float(v), 3) for k, v in self.stages.items()}}
                   if isinstance(self.stages, dict) else {}),
            },
            "python": sys.version.split()[0],
        }
        tmp = out / (RUN_NAME + ".tmp")
        tmp.write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, out / RUN_NAME)


def _exit_reason(code: int | None, internal: int) -> str | None:
    if code is None:
        return None
    if code == 2 and internal:
        return f"checking {internal} document(s) raised (E_INTERNAL, a bug in numcheck): the run did not check everything"
    return {
        0: "no check at or above --fail-on",
        1: "checks at or above --fail-on",
        2: "no document could be read",
        EXIT_INTERRUPTED: "interrupted (Ctrl-C); --resume finishes it",
        EXIT_TERMINATED: "terminated (SIGTERM); --resume finishes it",
    }.get(code)


#: Settings that change results: resuming with others mixes two kinds of lines in one file.
_RESULT_SETTINGS = ("extractor", "model_path", "runtime", "population", "reference", "max_bytes")


def _resume_mismatches(run_json: Path, config: CheckConfig) -> list[str]:
    """What differs, in the settings that change results, from the interrupted run's run.json."""
    try:
        before = json.loads(run_json.read_text(encoding="utf-8"))["config"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    now = config.model_dump(mode="json")
    return [
        f"the interrupted run had --{key.replace('_', '-')} {before.get(key)!r}, this one {now[key]!r}; "
        "earlier lines keep the old setting (run without --resume to redo them all)"
        for key in _RESULT_SETTINGS
        if before.get(key) != now[key]
    ]


def _model_hash(extractor: Any, config: CheckConfig) -> str | None:
    if extractor is None:
        return None
    for attr in ("model_hash", "fingerprint"):
        value = getattr(extractor, attr, None)
        if isinstance(value, str):
            return value
    directory = config.model_path or getattr(extractor, "model_path", None)
    if directory is None and config.extractor == "model":
        from numcheck.models.io import SHIPPED_DIR

        directory = SHIPPED_DIR
    if directory is None or not Path(directory).is_dir():
        return None
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(directory).rglob("*") if p.is_file()):
        digest.update(path.relative_to(directory).as_posix().encode())
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
    return "sha256:" + digest.hexdigest()


def print_summary(console: Console, summary: RunSummary, config: CheckConfig, formats: list[OutputFormat], status: str) -> None:
    text_on_terminal = OutputFormat.text in formats and config.out is None and sys.stdout.isatty()
    if not text_on_terminal:  # the text report on the same terminal already ends with the counts
        console.print(render_counts(summary))
    line = Text(f"{summary.seconds:.1f} s", style="dim")
    if summary.resumed:
        line.append(f", {summary.resumed} kept from the interrupted run", style="dim")
    if config.out is not None:
        line.append(f"; reports in {config.out}/", style="dim")
    console.print(line)
    if status == "interrupted":
        console.print("[yellow]interrupted[/]: run the same command with --resume to finish" + ("" if config.out else " (needs --out DIR)"))
