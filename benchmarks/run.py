"""Script entry of the benchmark: the same run as `numcheck bench`, with a choice of output file.

    python benchmarks/run.py --sizes 1,10,100 --extractor model --out benchmarks/bench.json
    python benchmarks/run.py --suites press,pdf --repeat 3 --out press-pdf.json
    python benchmarks/run.py --corpus-only 200 --out corpus-10x.jsonl   # just write a corpus
    python benchmarks/run.py --markdown press-pdf.json                   # a saved run's tables as markdown

Tables go to stderr; the figures are written as JSON to --out (default: bench.json).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the benchmark (or write a corpus); returns the exit code.

    >>> main(["--corpus-only", "2", "--out", "/tmp/numcheck-corpus-doctest.jsonl"])
    0
    """
    p = argparse.ArgumentParser(description="numcheck benchmark on generated press releases")
    p.add_argument("--sizes", default="1,10,100", help="corpus multiples, comma-separated (1x = 20 documents)")
    p.add_argument("--extractor", default="model", help="rules, model or spacy (rules is always timed too)")
    p.add_argument("--no-compare", action="store_true", help="skip spaCy and quantulum3")
    p.add_argument("--seed", type=int, default=0, help="corpus seed")
    p.add_argument("--model", type=Path, default=None, help="a model directory instead of the shipped one")
    p.add_argument("--runtime", default="onnx", help="onnx or torch")
    p.add_argument("--suites", default="generated,press,cdc,pdf,documents", help="generated, press, cdc, pdf, documents")
    p.add_argument("--repeat", type=int, default=1, help="runs of each real-text and document input")
    p.add_argument("--timeout", type=float, default=900.0, help="seconds after which one run is stopped")
    p.add_argument("--data", type=Path, default=None, help="the shared data folder (default ../shared/data)")
    p.add_argument("--out", type=Path, default=Path("bench.json"), help="JSON file for the figures")
    p.add_argument("--corpus-only", type=int, metavar="N", help="only write N generated documents as JSONL to --out")
    p.add_argument("--markdown", type=Path, metavar="JSON", help="only print the real-text and document tables of a saved run as markdown")
    args = p.parse_args(argv)
    console = Console(stderr=True)
    if args.markdown is not None:
        from numcheck.inference.bench import load_result, markdown_tables

        print(markdown_tables(load_result(args.markdown)), end="")
        return 0
    if args.corpus_only is not None:
        from numcheck.benchmarks.corpus import write_corpus

        write_corpus(args.out, args.corpus_only, seed=args.seed)
        console.print(f"{args.corpus_only} documents written to {args.out}", highlight=False)
        return 0
    from numcheck.errors import NumcheckError
    from numcheck.inference.bench import run_bench

    try:
        run_bench([int(s) for s in args.sizes.split(",")], args.extractor, not args.no_compare, console,
                  out=args.out, seed=args.seed, model_path=args.model, runtime=args.runtime,
                  suites=[x for x in args.suites.split(",") if x], repeat=args.repeat, timeout=args.timeout, data=args.data)
    except NumcheckError as exc:
        console.print(f"[bold red]error[/]: {exc}", highlight=False)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
