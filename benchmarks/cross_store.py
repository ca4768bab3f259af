"""Benchmark: checking a new release against a store of many documents, against checking it alone.

    python -m numcheck.benchmarks.cross_store [--documents 10000] [--store /tmp/archive.db]

The store is filled with synthetic releases (`numcheck.training.cross_synth`) run once
through the real pipeline (extractor, linker, `describe_document`, vectors) and then copied
with new ids, places and years until it holds `--documents` documents: 50 places over 200
years, as an archive of many publishers would be. The new releases are fresh synthetic ones
(one place and year range the archive also holds). Each is timed three ways: alone (extract
and check), with an empty store, and with the full store (extract, check, describe, match,
store), each store opened afresh for the release (its SQL compiled afresh, as a run of one
release does). Two more ways, as a journalist runs it:
- `batch`: the releases one after another against one opened full store, as
  `numcheck check a.txt b.txt ... --store archive.db` does (its SQL compiled once a run);
- `cli`: `numcheck check release.jsonl` against `numcheck check release.jsonl --store COPY` in
  a fresh process each (process start, model load, writing the report), on a copy of the full
  store, for `--cli-releases` releases.
Prints the figures as JSON; the issue's target is full store <= 2 x alone.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from numcheck.inference.cross import CrossMatcher, MatchScorer, default_embedder, describe_document
from numcheck.inference.extractor import get_extractor
from numcheck.pipeline import check_documents
from numcheck.schema import Document
from numcheck.store import Store, StoredDocument
from numcheck.training.cross_synth import DOMAINS, make_series

_PLACES = ["Austria", "Belgium", "Chile", "Denmark", "Estonia", "Finland", "Ghana", "Hungary", "Iceland", "Japan",
           "Kenya", "Latvia", "Malta", "Nepal", "Oman", "Peru", "Qatar", "Romania", "Spain", "Togo", "Uganda",
           "Vietnam", "Yemen", "Zambia", "Albania", "Bolivia", "Canada", "Egypt", "France", "Greece", "India",
           "Jordan", "Kuwait", "Lebanon", "Mexico", "Norway", "Poland", "Rwanda", "Sweden", "Tunisia", "Ukraine",
           "Belarus", "Cyprus", "Georgia", "Ireland", "Lithuania", "Morocco", "Portugal", "Serbia", "Turkey"]


def _shift(d: str | None, years: int) -> str | None:
    if not d:
        return d
    return f"{int(d[:4]) + years:04d}{d[4:]}"


def fill(store: Store, base: list[StoredDocument], n: int, rnd: random.Random) -> float:
    """Copy the base documents into the store until it holds n; seconds taken."""
    t0 = time.perf_counter()
    i = 0
    while i < n:
        for doc in base:
            if i >= n:
                break
            years = rnd.randint(-190, 0)
            place = _PLACES[i % len(_PLACES)]
            new_id = f"{doc.id}-copy{i}"
            figs = [replace(f, doc_id=new_id, place=place, period_start=_shift(f.period_start, years),
                            period_end=_shift(f.period_end, years), compare_start=_shift(f.compare_start, years),
                            compare_end=_shift(f.compare_end, years)) for f in doc.figures]
            copy = replace(doc, id=new_id, place=place, date=_shift(doc.date, years), figures=figs,
                           period_start=_shift(doc.period_start, years), period_end=_shift(doc.period_end, years))
            with store.writing() as w:
                w.add_document(copy)
            i += 1
    return time.perf_counter() - t0


def _time_releases(news: list[dict], extractor: Any, embedder: Any, scorer: MatchScorer, path: Path,
                   timings: dict[str, list[float]], batch_path: Path) -> None:
    """Each new release timed alone, with an empty store and with the full store at `path`; then
    all of them one after another against the store at `batch_path` (a copy of the full store
    made before: the releases stored in `path` would be restated in it)."""
    for k, d in enumerate(news):
        doc = Document(id=f"{d['id']}-new{k}", text=d["text"], source=d["source"])
        t0 = time.perf_counter()
        check_documents([doc], extractor)
        timings["alone"].append(time.perf_counter() - t0)
        with tempfile.TemporaryDirectory() as empty:
            m = CrossMatcher(Store(Path(empty) / "e.db"), embedder, scorer)
            t0 = time.perf_counter()
            m.process(check_documents([doc], extractor)[0])
            timings["empty_store"].append(time.perf_counter() - t0)
            m.store.close()
        m = CrossMatcher(Store(path), embedder, scorer)
        t0 = time.perf_counter()
        m.process(check_documents([doc.model_copy(update={"id": doc.id + "-full"})], extractor)[0])
        timings["full_store"].append(time.perf_counter() - t0)
        m.store.close()
    m = CrossMatcher(Store(batch_path), embedder, scorer)
    for k, d in enumerate(news):
        doc = Document(id=f"{d['id']}-batch{k}", text=d["text"], source=d["source"])
        t0 = time.perf_counter()
        m.process(check_documents([doc], extractor)[0])
        timings["batch_full_store"].append(time.perf_counter() - t0)
    m.store.close()


def _numcheck() -> str:
    """The `numcheck` command of this interpreter's environment."""
    beside = Path(sys.executable).parent / "numcheck"
    return str(beside) if beside.exists() else shutil.which("numcheck") or "numcheck"


def _time_cli(news: list[dict], copy: Path, timings: dict[str, list[float]]) -> None:
    """Each release checked by `numcheck check` in a fresh process, alone and against the store at
    `copy` (a copy of the full store that holds none of the releases)."""
    with tempfile.TemporaryDirectory() as tmp:
        for k, d in enumerate(news):
            release = Path(tmp) / f"release{k}.jsonl"
            release.write_text(json.dumps({"id": f"{d['id']}-cli{k}", "text": d["text"], "source": d["source"]}) + "\n")
            for key, extra in (("cli_alone", []), ("cli_full_store", ["--store", str(copy)])):
                t0 = time.perf_counter()
                subprocess.run([_numcheck(), "check", str(release), "--format", "jsonl",
                                "--out", str(Path(tmp) / f"{key}{k}"), "--fail-on", "never", *extra],
                               check=True, capture_output=True)
                timings[key].append(time.perf_counter() - t0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--store", type=Path, default=None, help="store file (default: a temporary one)")
    ap.add_argument("--releases", type=int, default=12, help="new releases timed")
    ap.add_argument("--cli-releases", type=int, default=3, help="new releases timed in fresh processes (0: none)")
    args = ap.parse_args(argv)
    rnd = random.Random(7)
    extractor = get_extractor("model")
    embedder = default_embedder(extractor=extractor)  # as --store loads it: the run's ONNX session
    scorer = MatchScorer.load()
    tmp = tempfile.TemporaryDirectory()
    path = args.store or Path(tmp.name) / "archive.db"
    base_docs = [d for dom in sorted(DOMAINS) for seed in range(4) for d in make_series(dom, 500 + seed)["documents"]]
    base = []
    for d in base_docs:
        result = check_documents([Document(id=d["id"], text=d["text"], source=d["source"])], extractor)[0]
        base.append(describe_document(result, embedder))
    store = Store(path)
    have = len(store.documents())
    fill_seconds = fill(store, base, max(0, args.documents - have), rnd) if have < args.documents else 0.0
    store.close()
    # New releases: the place and years of some stored copies, so the archive holds their periods.
    news = [d for dom in sorted(DOMAINS) for d in make_series(dom, 900 + len(sorted(DOMAINS)), n_docs=3)["documents"]]
    news = news[: args.releases]
    timings: dict[str, list[float]] = {"alone": [], "empty_store": [], "full_store": [], "batch_full_store": [],
                                       "cli_alone": [], "cli_full_store": []}
    from numcheck.runner import collector_tuned

    # Each way on its own copy of the filled store: `--store` stays as filled (reusable), and no
    # way meets the releases another way stored (their figures would all be restated).
    copies = [Path(tmp.name) / f"{way}.db" for way in ("full", "batch", "cli")]
    for copy in copies:
        shutil.copy(path, copy)
    with collector_tuned():  # the garbage collector as `numcheck check` sets it
        _time_releases(news, extractor, embedder, scorer, copies[0], timings, copies[1])
    _time_cli(news[: args.cli_releases], copies[2], timings)
    med = {k: statistics.median(v) for k, v in timings.items() if v}
    report = {
        "documents_in_store": len(Store(path).documents()),  # as filled: the releases went to copies
        "store_file_mb": round(path.stat().st_size / 1e6, 1) if path.exists() else None,
        "fill_seconds": round(fill_seconds, 1),
        "releases_timed": len(news),
        "median_seconds": {k: round(v, 3) for k, v in med.items()},
        "full_over_alone": round(med["full_store"] / med["alone"], 2),
        "full_over_empty": round(med["full_store"] / med["empty_store"], 2),
        "batch_full_over_alone": round(med["batch_full_store"] / med["alone"], 2),
    }
    if "cli_alone" in med:
        report["cli_full_over_alone"] = round(med["cli_full_store"] / med["cli_alone"], 2)
    print(json.dumps(report, indent=1))
    tmp.cleanup()
    return 0 if report["full_over_alone"] <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
