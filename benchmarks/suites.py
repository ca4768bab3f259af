"""Benchmark suites on real text and long documents, each run end to end in a fresh process.

`numcheck check` is timed the way a user meets it: a new Python process reads the input,
loads the model, checks and writes the JSONL report; the figures are its wall time from
process start to exit, its CPU time and its peak resident memory (from the kernel, `wait4`).
Its `run.json` splits the time into stages (reading, the model's windowing, forward pass and
decoding, linking and checks, the rest: start, load and writing). spaCy's `en_core_web_sm`
NER and quantulum3 then read the same text in the benchmark's own process (extraction only,
texts in memory, load excluded), so their words/s are the stricter comparison.

Suites, all read from the shared data folder by path (never copied into the repository):

- `press`: real press-release and bulletin paragraphs, `unlabeled/press/paragraphs.jsonl`
  then `unlabeled/press/bulk.jsonl` (ids not seen yet), up to `REAL_WORDS` words;
- `cdc`: CDC paragraphs, `unlabeled/paragraphs.jsonl`, up to `REAL_WORDS` words;
- `pdf`: generated reports of `PDF_PAGES` pages (`numcheck.benchmarks.pdf`: our own
  paragraphs and one small table a page), to show time and memory against length;
- `documents`: the real PDFs of `documents/`, one at a time, and `REPORT_NAME`, the four CRS
  reports there joined into one table-heavy report of about 100 pages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

#: Words of real text per paragraph suite (about what the issue measured).
REAL_WORDS = 100_000
#: Pages of the generated PDF reports.
PDF_PAGES = (25, 100, 200)
#: The CRS reports joined into the ~100-page real report (57 + 24 + 11 + 11 pages).
REPORT_PARTS = (
    "crs-R48694-federal-rd-funding-fy2026.pdf",
    "crs-R47194-highway-bridges-conditions-funding-2026.pdf",
    "crs-RS22331-foreign-holdings-of-federal-debt-2026.pdf",
    "crs-R48917-senate-fy2026-budget-resolution-2026.pdf",
)
REPORT_NAME = "crs-four-reports-joined.pdf"
#: A run longer than this is stopped and reported as timed out.
TIMEOUT_S = 900.0
SUITES = ("press", "cdc", "pdf", "documents")


def default_data_dir() -> Path:
    """The shared data folder beside the repository (`../shared/data` from its root).

    >>> default_data_dir().name
    'data'
    """
    import numcheck

    return Path(numcheck.__file__).resolve().parents[2].parent / "shared" / "data"


class ProcessRun(BaseModel):
    """`numcheck check` on one input in a fresh process."""

    suite: str
    name: str
    runtime: str | None = None
    pages: int | None = None
    docs: int = 0
    words: int = 0
    chars: int = 0
    seconds: float = Field(description="Wall time from process start to exit.")
    cpu_seconds: float
    words_per_s: float
    peak_rss_mb: float
    stages: dict[str, float | None] = Field(default_factory=dict, description="Seconds per stage, from run.json.")
    quantities: int = 0
    checks: int = 0
    exit_code: int
    timed_out: bool = False
    loadavg: list[float] = Field(default_factory=list, description="1, 5, 15-minute load average at the start.")


class ToolRun(BaseModel):
    """spaCy NER or quantulum3 on the same text as a `ProcessRun` (in memory, load excluded)."""

    suite: str
    name: str
    tool: str
    words: int
    seconds: float
    words_per_s: float
    found: int
    cpu_seconds: float | None = None


# --------------------------------------------------------------------------- inputs


def _iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def real_paragraphs(paths: Sequence[Path], *, words: int = REAL_WORDS) -> list[dict[str, str]]:
    """The first paragraphs of `paths` (ids seen once) up to `words` whitespace words, as `{id, text}`.

    >>> real_paragraphs([])
    []
    """
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    total = 0
    for path in paths:
        for row in _iter_jsonl(path):
            if total >= words:
                return out
            if row["id"] in seen or not row.get("text"):
                continue
            seen.add(row["id"])
            out.append({"id": row["id"], "text": row["text"]})
            total += len(row["text"].split())
    return out


def paragraph_suites(data: Path, names: Sequence[str]) -> dict[str, list[dict[str, str]]]:
    """The real paragraph sets named in `names` ("press", "cdc") that exist under `data`."""
    sources = {
        "press": [data / "unlabeled" / "press" / "paragraphs.jsonl", data / "unlabeled" / "press" / "bulk.jsonl"],
        "cdc": [data / "unlabeled" / "paragraphs.jsonl"],
    }
    return {n: real_paragraphs([p for p in sources[n] if p.is_file()]) for n in names if n in sources and sources[n][0].is_file()}


def join_pdfs(parts: Sequence[Path], out: Path) -> Path:
    """The PDFs `parts` joined into one file, in order (pypdf).

    >>> # join_pdfs([Path("a.pdf"), Path("b.pdf")], Path("ab.pdf"))
    """
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(str(part))
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def pdf_pages(path: Path) -> int | None:
    """Pages of a PDF (None when pypdf cannot count them)."""
    try:
        from pypdf import PdfReader

        return len(PdfReader(str(path)).pages)
    except Exception:  # noqa: BLE001 - a count is a nicety
        return None


# --------------------------------------------------------------------------- running


class _PeakWatch:
    """The peak resident memory of a child process since its exec (Linux `VmHWM`), read every 20 ms.

    The kernel's `ru_maxrss` of a child counts the parent's memory at fork time (the bench holds
    spaCy and the texts), so it would overstate numcheck's peak; `VmHWM` belongs to the new
    program alone. None where /proc is missing (the caller then falls back to `ru_maxrss`).
    """

    def __init__(self, pid: int, interval: float = 0.02, marker: bytes = b"numcheck.cli") -> None:
        self.mb: float | None = None
        self._path = Path(f"/proc/{pid}/status")
        self._cmdline = Path(f"/proc/{pid}/cmdline")
        self._marker = marker
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            if self._marker not in self._cmdline.read_bytes():
                return  # not exec'd yet: the memory is still the parent's
            status = self._path.read_text()
        except OSError:
            return
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                kb = float(line.split()[1])
                self.mb = max(self.mb or 0.0, kb / 1024)

    def _run(self, interval: float) -> None:
        while not self._stop.wait(interval):
            self._read()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_check_process(
    inputs: Sequence[Path], out_dir: Path, *, suite: str, name: str, extractor: str = "model",
    runtime: str = "onnx", model_path: Path | None = None, timeout: float = TIMEOUT_S,
) -> ProcessRun:
    """Run `numcheck check --format jsonl --out out_dir` on `inputs` in a new Python; time it from start to exit.

    >>> # run_check_process([Path("press.jsonl")], Path("out"), suite="press", name="press")
    """
    cmd = [sys.executable, "-m", "numcheck.cli", "check", *map(str, inputs), "--format", "jsonl", "--out", str(out_dir),
           "--extractor", extractor, "--fail-on", "never", "--no-progress"]
    if extractor == "model":
        cmd += ["--runtime", runtime] + (["--model", str(model_path)] if model_path else [])
    loadavg = list(os.getloadavg())
    err = (out_dir.parent / f"{out_dir.name}.stderr").open("wb")
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    peak = _PeakWatch(proc.pid)
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
        peak.stop()
        err.close()
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    run = ProcessRun(suite=suite, name=name, runtime=runtime if extractor == "model" else None, seconds=seconds,
                     cpu_seconds=usage.ru_utime + usage.ru_stime, words_per_s=0.0,
                     peak_rss_mb=peak.mb if peak.mb is not None else usage.ru_maxrss / 1024,
                     exit_code=proc.returncode, timed_out=seconds >= timeout, loadavg=loadavg)
    texts = []
    results = out_dir / "results.jsonl"
    if results.is_file():
        for row in _iter_jsonl(results):
            texts.append(row.get("text") or "")
            run.docs += 1
            run.quantities += len(row.get("quantities") or [])
            run.checks += len(row.get("checks") or [])
    run.words = sum(len(t.split()) for t in texts)
    run.chars = sum(len(t) for t in texts)
    run.words_per_s = run.words / seconds if seconds > 0 else 0.0
    run.stages = {} if run.timed_out else _stages(out_dir / "run.json", seconds)
    return run


def _stages(run_json: Path, seconds: float) -> dict[str, float | None]:
    """Reading, the model's windowing / forward pass / decoding, linking and checks, and the rest
    (Python start, imports, model load, writing) from a run's run.json."""
    try:
        timings = json.loads(run_json.read_text(encoding="utf-8"))["timings"]
    except (OSError, ValueError, KeyError):
        return {}
    read = float(timings.get("read_seconds") or 0.0)
    check = float(timings.get("check_seconds") or 0.0)
    model = timings.get("extract_stages") or {}
    extract = sum(float(v) for v in model.values())
    return {
        "reading": read,
        "windowing": model.get("windowing"),
        "model": model.get("model"),
        "decoding": model.get("decoding"),
        "linking": max(check - extract, 0.0),
        "start, load, writing": max(seconds - read - check, 0.0),
    }


def texts_of_run(out_dir: Path, source: Path) -> list[str]:
    """The texts numcheck read in a run (from its results.jsonl, else read again from `source`),
    split into paragraphs at blank lines."""
    texts = [row.get("text") or "" for row in _iter_jsonl(out_dir / "results.jsonl")] if (out_dir / "results.jsonl").is_file() else []
    if not any(texts):
        if source.suffix == ".jsonl":
            texts = [row["text"] for row in _iter_jsonl(source)]
        else:
            from numcheck.sources import InputUnit, iter_documents

            texts = [d.doc.text for d in iter_documents([InputUnit(str(source), "file")], max_bytes=1 << 40)]
    return [p for t in texts for p in t.split("\n\n") if p.strip()]


def run_tools(tools: dict[str, tuple[Any, Callable[..., Any]]], texts: Sequence[str], *, suite: str, name: str) -> list[ToolRun]:
    """Each loaded comparison tool on `texts` (the `run_spacy` / `run_quantulum` of `numcheck.inference.bench`)."""
    out = []
    for tool, (handle, runner) in tools.items():
        fig = runner(handle, list(texts), size=1)
        out.append(ToolRun(suite=suite, name=name, tool=tool, words=fig.words, seconds=fig.seconds,
                           words_per_s=fig.words_per_s, found=fig.found, cpu_seconds=getattr(fig, "cpu_seconds", None)))
    return out


def document_inputs(data: Path, workdir: Path, suites: Sequence[str], *, pages: Sequence[int] = PDF_PAGES,
                    seed: int = 0) -> list[tuple[str, str, Path]]:
    """(suite, name, path) of every long document to run: generated PDFs, the real PDFs, the joined report."""
    out: list[tuple[str, str, Path]] = []
    if "pdf" in suites:
        from numcheck.benchmarks.pdf import write_report_pdf

        for n in pages:
            out.append(("pdf", f"generated {n} pages", write_report_pdf(workdir / f"generated-{n}.pdf", pages=n, seed=seed)))
    docs = data / "documents"
    if "documents" in suites and docs.is_dir():
        for path in sorted(docs.glob("*.pdf")):
            out.append(("documents", path.name, path))
        parts = [docs / p for p in REPORT_PARTS]
        if all(p.is_file() for p in parts):
            out.append(("documents", REPORT_NAME, join_pdfs(parts, workdir / REPORT_NAME)))
    return out


def measure_suites(
    suites: Sequence[str], *, data: Path | None = None, extractor: str = "model", runtime: str = "onnx",
    model_path: Path | None = None, tools: dict[str, tuple[Any, Callable[..., Any]]] | None = None,
    repeat: int = 1, timeout: float = TIMEOUT_S, workdir: Path | None = None, log: Callable[[str], None] | None = None,
) -> tuple[list[ProcessRun], list[ToolRun]]:
    """Run the named suites: numcheck in fresh processes (`repeat` times each), the tools once per input.

    >>> runs, tools = measure_suites([], data=Path("."))
    >>> runs, tools
    ([], [])
    """
    say = log or (lambda _msg: None)
    data = data or default_data_dir()
    runs: list[ProcessRun] = []
    tool_runs: list[ToolRun] = []
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        tmpdir = Path(tmp)
        inputs: list[tuple[str, str, Path]] = []
        for suite, rows in paragraph_suites(data, suites).items():
            path = tmpdir / f"{suite}.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
            inputs.append((suite, f"{suite} paragraphs", path))
        inputs += document_inputs(data, tmpdir, suites)
        for i, (suite, name, path) in enumerate(inputs):
            pages = pdf_pages(path) if path.suffix == ".pdf" else None
            texts: list[str] | None = None
            for r in range(repeat):
                out_dir = tmpdir / f"out-{i}-{r}"
                run = run_check_process([path], out_dir, suite=suite, name=name, extractor=extractor, runtime=runtime,
                                        model_path=model_path, timeout=timeout)
                run.pages = pages
                if run.timed_out:  # the input's size from the text itself, for the tables
                    texts = texts if texts is not None else texts_of_run(out_dir, path)
                    run.words = sum(len(t.split()) for t in texts)
                runs.append(run)
                say(f"{name}: {run.words:,} words in {run.seconds:.1f} s ({run.words_per_s:,.0f} words/s), "
                    f"peak {run.peak_rss_mb:,.0f} MB{' TIMED OUT' if run.timed_out else ''}")
            if tools:
                texts = texts if texts is not None else texts_of_run(tmpdir / f"out-{i}-0", path)
                tool_runs += run_tools(tools, texts, suite=suite, name=name)
    return runs, tool_runs
