"""How checking time grows with a document's length: seconds per KB from 10 KB to 2 MB.

    python benchmarks/scaling.py --extractor rules --real ../shared/data/unlabeled/paragraphs.jsonl
    python benchmarks/scaling.py --extractor model --sizes 10,100,400 --layout line

Builds one document per size from real paragraphs (read by path from `--real`, never copied
into the repository) or, without `--real`, from the benchmark's own generated press releases,
laid out as paragraphs separated by blank lines (`--layout paragraphs`) or as one single line
(`--layout line`, the worst case for anything that scans back to a line start). Each is checked
once through `numcheck.pipeline.check_documents` (reading view, parts, extraction, linking,
checks; no time budget) and the figures are printed: seconds, seconds per KB, that ratio to
the smallest size's, and the process's peak RSS so far. A size that takes longer than
`--stop-after` seconds ends the run (the larger ones would only take longer).

`--reports` also times what follows the checking for the same result: the terminal, HTML and
SARIF reports, and describing the document for a store (`describe_document`, its phrases given
constant vectors, so the encoder is not timed). Each should grow with the document as the
checking does: a lookup that scans every figure for each check shows as a ratio that grows
with the size (the terminal and SARIF reports did, until 2026-12-07).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

DEFAULT_SIZES = (10, 50, 100, 200, 400, 1000, 2000)


def build_text(size_kb: int, *, real: Path | None, layout: str) -> str:
    """About `size_kb` KB (thousands of characters) of prose with figures, in the given layout.

    >>> len(build_text(2, real=None, layout="line")), "\\n" in build_text(2, real=None, layout="line")
    (2000, False)
    """
    size = size_kb * 1000
    pieces: list[str] = []
    total = 0
    for text in _paragraphs(real):
        text = " ".join(text.split())
        pieces.append(text)
        total += len(text) + 2
        if total >= size:
            break
    joined = (" " if layout == "line" else "\n\n").join(pieces)
    return joined[:size]


def _paragraphs(real: Path | None):
    if real is not None:
        while True:  # a small file is read again until the size is reached
            with Path(real).open(encoding="utf-8") as fh:
                for raw in fh:
                    yield json.loads(raw)["text"]
    from numcheck.benchmarks.corpus import generate_document

    i = 0
    while True:
        yield from (p for p in generate_document(i)["text"].split("\n\n") if p.strip())
        i += 1


class _ConstantEmbedder:
    """Every phrase the same unit vector: `describe_document` timed without the encoder."""

    def embed(self, texts):  # noqa: ANN001, ANN201 - the Embedder protocol
        import numpy as np

        return np.full((len(texts), 8), 8 ** -0.5, dtype=np.float32)


def time_reports(result, out_dir: Path) -> dict[str, float]:  # noqa: ANN001 - a DocumentResult
    """Seconds to write each report of one result, and to describe it for a store."""
    import io

    from rich.console import Console

    from numcheck.formats import RunSummary
    from numcheck.formats.html import HtmlWriter
    from numcheck.formats.sarif import SarifWriter
    from numcheck.formats.text import TextWriter
    from numcheck.inference.cross import describe_document

    summary = RunSummary()
    summary.add(result)
    writers = {"text": lambda: TextWriter(Console(file=io.StringIO(), width=120, color_system=None)),
               "html": lambda: HtmlWriter(out_dir / "report.html"), "sarif": lambda: SarifWriter(out_dir / "report.sarif")}
    out = {}
    for name, make in writers.items():
        t0 = time.perf_counter()
        writer = make()
        writer.add(result)
        writer.close(summary)
        out[name] = round(time.perf_counter() - t0, 3)
    t0 = time.perf_counter()
    describe_document(result, _ConstantEmbedder())
    out["describe"] = round(time.perf_counter() - t0, 3)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table; returns the exit code."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--extractor", default="rules", help="rules or model")
    p.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="document sizes in KB, comma-separated")
    p.add_argument("--layout", choices=("paragraphs", "line"), default="paragraphs")
    p.add_argument("--real", type=Path, default=None, help="JSONL of real paragraphs (a 'text' field per line)")
    p.add_argument("--stop-after", type=float, default=600.0, help="stop after a size that took longer (seconds)")
    p.add_argument("--json", type=Path, default=None, help="also write the figures here")
    p.add_argument("--reports", action="store_true", help="also time the reports and describing for a store")
    args = p.parse_args(argv)

    from numcheck import pipeline
    from numcheck.inference.extractor import get_extractor
    from numcheck.schema import Document

    extractor = get_extractor(args.extractor)
    # Load the extractor and import every stage outside the timings.
    pipeline.check_documents([Document(id="warm-up", text=build_text(2, real=args.real, layout=args.layout))], extractor)
    rows = []
    print(f"extractor {args.extractor}, layout {args.layout}, text from {args.real or 'generated press releases'}")
    print(f"{'KB':>6} {'seconds':>9} {'s/KB':>8} {'x smallest':>10} {'figures':>8} {'checks':>7} {'peak RSS MB':>12}")
    for size in (int(s) for s in args.sizes.split(",")):
        text = build_text(size, real=args.real, layout=args.layout)
        doc = Document(id=f"{size}kb", text=text)
        t0 = time.perf_counter()
        [result] = pipeline.check_documents([doc], extractor)
        seconds = time.perf_counter() - t0
        per_kb = seconds / (len(text) / 1000)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append({"kb": size, "seconds": round(seconds, 3), "seconds_per_kb": round(per_kb, 5),
                     "figures": len(result.quantities), "checks": len(result.checks), "peak_rss_mb": round(rss)})
        ratio = per_kb / rows[0]["seconds_per_kb"]
        line = (f"{size:>6} {seconds:>9.2f} {per_kb:>8.4f} {ratio:>10.2f} {len(result.quantities):>8} "
                f"{len(result.checks):>7} {rss:>12.0f}")
        if args.reports:
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                rows[-1]["reports_seconds"] = times = time_reports(result, Path(tmp))
            line += "  " + ", ".join(f"{k} {v:.2f} s" for k, v in times.items())
        print(line, flush=True)
        if seconds > args.stop_after:
            print(f"stopped: {size} KB took more than {args.stop_after:g} s")
            break
    if args.json:
        args.json.write_text(json.dumps({"extractor": args.extractor, "layout": args.layout, "rows": rows}, indent=1) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
