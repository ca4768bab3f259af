"""The `numcheck` command line. Commands are thin: each builds a typed config and calls one
function. Human output goes to stderr, data to stdout. Exit codes: 0 clean, 1 findings at or
above `--fail-on` (or a missed gate), 2 usage or input error.

Docs: README.md, spec/report-format.md (the JSONL written by `check --format jsonl`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from numcheck.config import CheckConfig, EvalConfig, FailOn, OutputFormat, Runtime
from numcheck.errors import NumcheckError
from numcheck.safetext import printable

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Check that the figures in press releases add up, and show the arithmetic.",
)
err_console = Console(stderr=True)


def _fail(exc: NumcheckError) -> None:
    # A message may quote a path or a document: as plain text, with control characters escaped.
    err_console.print(Text.assemble(("error", "bold red"), ": ", printable(str(exc))), highlight=False)
    raise typer.Exit(code=2)


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .md .html .pdf .jsonl), directories, globs, or - for stdin.")],
    format: Annotated[list[OutputFormat], typer.Option("--format", "-f", help="text, jsonl, html, sarif; repeat for several.")] = [OutputFormat.text],  # noqa: B006
    out: Annotated[Optional[Path], typer.Option(help="Directory for reports (needed for html, sarif, several formats); always gets results.jsonl and run.json.")] = None,
    extractor: Annotated[str, typer.Option(help="model (default), rules, or gold (a gold JSONL's own figures).")] = "model",
    model: Annotated[Optional[Path], typer.Option("--model", help="A model directory instead of the shipped one.")] = None,
    runtime: Annotated[Runtime, typer.Option(help="Where the model runs: onnx (ONNX Runtime, the default) or torch (needs numcheck\\[train]).")] = Runtime.onnx,
    population: Annotated[Optional[float], typer.Option(help="Population behind per-capita rates.")] = None,
    reference: Annotated[Optional[Path], typer.Option(help="JSON file of outside facts (gold-format reference).")] = None,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 when a check is at or above this verdict.")] = FailOn.inconsistent,
    max_bytes: Annotated[int, typer.Option(help="Refuse documents (a file, or one JSONL line) larger than this many bytes.")] = 20_000_000,
    time_budget: Annotated[float, typer.Option(help="Seconds of checking per document, as many again per further MB (0: no limit); past it the document keeps what was checked, with E_TIMEOUT.")] = 120.0,
    resume: Annotated[bool, typer.Option(help="Continue an interrupted run in --out from its results.jsonl, without duplicates.")] = False,
    engine: Annotated[str, typer.Option(help="local, or ray (needs numcheck\\[ray]).")] = "local",
    ray_address: Annotated[Optional[str], typer.Option(help="Ray cluster address; default: a local Ray.")] = None,
    progress: Annotated[bool, typer.Option(help="Progress bar on stderr for batches (off when stderr is not a terminal).")] = True,
    store: Annotated[Optional[str], typer.Option(help="Store of figures (a SQLite file, or postgresql://...): check each document against those stored by earlier runs, then store it. See spec/cross-format.md.")] = None,
) -> None:
    """Check the figures of documents and report each check with its arithmetic."""
    from numcheck.runner import run_check

    try:
        config = CheckConfig(
            paths=paths, formats=format, out=out, extractor=extractor, model_path=model, runtime=runtime,
            population=population, reference=reference, fail_on=fail_on, max_bytes=max_bytes,
            time_budget=time_budget, resume=resume, engine=engine, ray_address=ray_address, progress=progress,
            store=store,
        )
        code = run_check(config, console=err_console)
    except NumcheckError as exc:
        _fail(exc)
    except Exception as exc:  # noqa: BLE001 - a bug: it must not exit 1, which means "findings"
        _crashed(exc)
    raise typer.Exit(code=code)


def _crashed(exc: Exception) -> None:
    import traceback

    err_console.print(Text(printable(traceback.format_exc()), style="dim"))
    err_console.print(Text.assemble(
        ("error", "bold red"), f": numcheck failed with {type(exc).__name__}: ", printable(str(exc)),
        ". This is a bug in numcheck; please report it with the traceback above",
    ))
    raise typer.Exit(code=2)


@app.command(name="eval")
def eval_(
    gold: Annotated[Optional[Path], typer.Option(help="Gold JSONL (spec/gold-format.md).")] = None,
    cross: Annotated[Optional[Path], typer.Option(help="Series JSONL (spec/cross-format.md): score checks across documents, one store per series, one document per run, oldest first.")] = None,
    min_cross: Annotated[Optional[float], typer.Option(help="Exit 1 when cross checks found with the right verdict are fewer than this share.")] = None,
    perturbed: Annotated[Optional[Path], typer.Option(help="Perturbed gold JSONL for detection figures.")] = None,
    extractor: Annotated[Optional[list[str]], typer.Option(help="model, rules, spacy or gold; default: all.")] = None,
    out: Annotated[Path, typer.Option(help="Directory for metrics.json, report.md, report.html, run.json.")] = Path("eval-report"),
    min_f1: Annotated[Optional[float], typer.Option(help="Exit 1 when strict span F1 is lower.")] = None,
    min_check_recall: Annotated[Optional[float], typer.Option(help="Exit 1 when check recall is lower.")] = None,
    min_detection: Annotated[Optional[float], typer.Option(help="Exit 1 when perturbed detection is lower.")] = None,
    model: Annotated[Optional[Path], typer.Option("--model", help="A model directory instead of the shipped one.")] = None,
    runtime: Annotated[Runtime, typer.Option(help="Where the model runs: onnx (ONNX Runtime, the default) or torch (needs numcheck\\[train]).")] = Runtime.onnx,
) -> None:
    """Score extractors and the checker against a gold set (--gold) or series (--cross) and write a report."""
    from numcheck.errors import UsageError

    if gold is None and cross is None:
        _fail(UsageError("E_USAGE", "eval needs --gold FILE or --cross FILE", "see numcheck eval --help"))
    code = 0
    if cross is not None:
        from numcheck.eval.cross import run_cross_eval

        try:
            code = run_cross_eval(cross, out=out, extractor=(extractor or ["model"])[0], model_path=model,
                                  min_right=min_cross, console=err_console)
        except NumcheckError as exc:
            _fail(exc)
        if gold is None:
            raise typer.Exit(code=code)
    from numcheck.eval.run import run_eval

    try:
        config = EvalConfig(
            gold=gold, perturbed=perturbed, out=out, min_f1=min_f1,
            min_check_recall=min_check_recall, min_detection=min_detection, model_path=model, runtime=runtime,
            **({"extractors": extractor} if extractor else {}),
        )
        code = max(code, run_eval(config, console=err_console))
    except NumcheckError as exc:
        _fail(exc)
    raise typer.Exit(code=code)


@app.command()
def train(
    config: Annotated[Path, typer.Option(help="Training config (JSON or TOML), e.g. configs/train.json.")],
    output: Annotated[Optional[Path], typer.Option(help="Model directory to write; default from the config.")] = None,
) -> None:
    """Fine-tune the token-classification model from a config (reproducible from its seed)."""
    from numcheck.training.train import train_from_file

    try:
        train_from_file(config, output=output, console=err_console)
    except NumcheckError as exc:
        _fail(exc)


@app.command(name="export")
def export(
    model: Annotated[Optional[Path], typer.Option("--model", help="Model directory (default: the shipped model); model.onnx is written into it.")] = None,
    scheme: Annotated[str, typer.Option(help="int8 (dynamic int8 matrix products, the default) or float32.")] = "int8",
    keep_float: Annotated[str, typer.Option(help="With int8, the parts left in float, comma-separated: classifier, qkv, attn_out, ffn_in, ffn_out.")] = "classifier,ffn_out",
) -> None:
    """Export a model directory's tagger, and its relation head's branch when it has one, to ONNX (model.onnx), for
    `check` without torch; rerun it after a relation head is trained or copied into the directory. Needs numcheck[train]."""
    from numcheck.models.export import export_onnx

    try:
        parts = tuple(p.strip() for p in keep_float.split(",") if p.strip())
        export_onnx(model, scheme=scheme, keep_float=parts, log=lambda msg: err_console.print(msg, highlight=False))
    except NumcheckError as exc:
        _fail(exc)
    except ImportError as exc:
        err_console.print(f"[bold red]error[/]: export needs torch and onnx ({exc}); pip install 'numcheck[train]'", highlight=False)
        raise typer.Exit(code=2) from None


@app.command(name="train-links")
def train_links(
    config: Annotated[Path, typer.Option(help="Relation-head config (JSON), e.g. configs/links.json.")],
    output: Annotated[Optional[Path], typer.Option(help="Model directory to write the head into; default from the config.")] = None,
    calibrate_only: Annotated[bool, typer.Option(help="Keep the trained weights; calibrate and choose thresholds again.")] = False,
    slip_only: Annotated[bool, typer.Option(help="Keep the weights, calibration and flag threshold; choose the "
                                            "threshold for contradictions a slip of the pen explains again.")] = False,
    confirmed_only: Annotated[bool, typer.Option(help="Keep the weights, thresholds and calibration of decoded "
                                                 "relations; fit the calibration of the relations the arithmetic "
                                                 "confirms again.")] = False,
) -> None:
    """Train the relation head on labelled relations, calibrate it and choose its flag threshold."""
    from numcheck.training.relations import train_links_from_file

    try:
        train_links_from_file(config, output=output, console=err_console, calibrate_only=calibrate_only,
                              slip_only=slip_only, confirmed_only=confirmed_only)
    except NumcheckError as exc:
        _fail(exc)


@app.command()
def bench(
    sizes: Annotated[str, typer.Option(help="Corpus multiples of the generated suite, comma-separated.")] = "1,10,100",
    extractor: Annotated[str, typer.Option(help="Extractor to benchmark.")] = "model",
    runtime: Annotated[Runtime, typer.Option(help="Where the model runs: onnx (the default) or torch.")] = Runtime.onnx,
    suites: Annotated[str, typer.Option(help="What to run, comma-separated: generated (press releases we write), press and cdc "
                                        "(100,000 words of real paragraphs each), pdf (generated 25/100/200-page reports), "
                                        "documents (the real PDFs of ../shared/data/documents). See benchmarks/README.md.")]
    = "generated,press,cdc,pdf,documents",
    repeat: Annotated[int, typer.Option(min=1, help="Runs of each real-text and document input (best and median reported).")] = 1,
    timeout: Annotated[float, typer.Option(help="Seconds after which one run is stopped and reported as timed out.")] = 900.0,
    data: Annotated[Optional[Path], typer.Option(help="The shared data folder; default: ../shared/data beside the repository.")] = None,
    compare: Annotated[bool, typer.Option(help="Also time spaCy and quantulum3 on the same text.")] = True,
    out: Annotated[Path, typer.Option(help="JSON file for the figures.")] = Path("bench.json"),
) -> None:
    """Measure throughput, time per stage, load time and memory on generated and real text and long documents."""
    from numcheck.inference.bench import run_bench

    try:
        run_bench(sizes=[int(s) for s in sizes.split(",")], extractor=extractor, compare=compare, console=err_console,
                  runtime=runtime.value, suites=[x.strip() for x in suites.split(",") if x.strip()], repeat=repeat,
                  timeout=timeout, data=data, out=out)
    except NumcheckError as exc:
        _fail(exc)


store_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Inspect a store of figures (numcheck check --store).")
app.add_typer(store_app, name="store")


@store_app.command("ls")
def store_ls(
    path: Annotated[str, typer.Argument(help="The store: a SQLite file or postgresql://...")],
    json_out: Annotated[bool, typer.Option("--json", help="Print the listing as JSON on stdout.")] = False,
) -> None:
    """List what a store holds: documents, publishers, periods, figures."""
    import json

    from rich.table import Table
    from rich.text import Text

    from numcheck.store import Store

    try:
        store = Store(path, create=False)
        summary = store.summary()
        store.close()
    except NumcheckError as exc:
        _fail(exc)
    if json_out:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=1))
        return
    out = Console(highlight=False)
    table = Table(title=f"{len(summary['documents'])} documents, {summary['figures']} figures, "
                        f"{summary['cross_checks']} cross checks reported", title_justify="left")
    for col in ("document", "publisher", "date", "period", "figures"):
        table.add_column(col, overflow="fold")
    for d in summary["documents"]:
        # Stored text is untrusted: it reaches rich as Text, never as markup.
        table.add_row(*(Text(str(d[k] or "")) for k in ("id", "publisher", "date", "period_label", "figures")))
    out.print(table)
    out.print(Text("publishers: " + ", ".join(f"{k} ({v})" for k, v in summary["publishers"].items())))
    out.print(Text("periods: " + ", ".join(f"{k} ({v})" for k, v in summary["periods"].items())))


if __name__ == "__main__":  # pragma: no cover
    app()
