"""The Ray engine: same result lines as the local runner, bad lines kept, usage errors early."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from numcheck.benchmarks.corpus import write_corpus
from numcheck.config import CheckConfig, OutputFormat
from numcheck.errors import UsageError
from numcheck.formats.jsonl import RESULTS_NAME
from numcheck.inference.runners import ray_runner
from numcheck.runner import run_check
from numcheck.schema import Document


def _inputs(tmp_path: Path) -> list[str]:
    """Two JSONL files: generated releases, plus a broken line and an empty text in the second."""
    a = write_corpus(tmp_path / "a.jsonl", 9, seed=11)
    b = tmp_path / "b.jsonl"
    extra = write_corpus(tmp_path / "tmp.jsonl", 3, seed=12).read_text(encoding="utf-8").splitlines()
    extra.insert(1, "{not json")
    extra.append(json.dumps({"id": "empty-1", "text": "   "}))
    b.write_text("\n".join(extra) + "\n", encoding="utf-8")
    (tmp_path / "tmp.jsonl").unlink()
    return [str(a), str(b)]


def _local_lines(paths: list[str], out: Path) -> dict[str, dict]:
    """Result objects of the local runner on the same inputs."""
    config = CheckConfig(paths=paths, formats=[OutputFormat.jsonl], out=out, extractor="gold", progress=False)
    run_check(config, console=Console(stderr=True, quiet=True))
    lines = (out / RESULTS_NAME).read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["id"]: json.loads(line) for line in lines}


def _gold_config() -> dict:
    return CheckConfig(paths=["x.jsonl"], extractor="gold").model_dump(mode="json")


def test_check_batch_checks_good_rows_and_keeps_bad_ones(tmp_path: Path):
    paths = _inputs(tmp_path)
    rows = [r for p in paths for r in ray_runner.read_unit_rows({"path": p, "kind": "file", "reason": ""},
                                                                max_bytes=20_000_000, with_gold=True)]
    assert len(rows) == 14
    batch = {k: [r[k] for r in rows] for k in ("doc", "errors", "has_gold")}
    out = ray_runner.CheckBatch(config=_gold_config())(batch)
    results = [json.loads(line) for line in out["line"]]
    assert [r["id"] for r in results][:2] == ["bench-11-00000", "bench-11-00001"]
    bad = {r["id"]: r["errors"][0]["code"] for r in results if r["errors"]}
    assert bad == {f"{paths[1]}:2": "E_JSONL", "empty-1": "E_EMPTY"}
    assert sum(len(r["checks"]) for r in results) > 0


def test_check_batch_turns_a_failing_document_into_an_error_line(monkeypatch: pytest.MonkeyPatch):
    import numcheck.pipeline

    real = numcheck.pipeline.iter_check_documents

    def flaky(docs, extractor, **kw):
        if any(d.id == "boom" for d in docs):
            raise RuntimeError("kaput")
        return real(docs, extractor, **kw)

    monkeypatch.setattr(numcheck.pipeline, "iter_check_documents", flaky)
    docs = [Document(id="ok", text="It rose from 10 to 12."), Document(id="boom", text="5 cases.")]
    batch = {"doc": [d.model_dump_json() for d in docs], "errors": ["[]", "[]"], "has_gold": [True, True]}
    out = ray_runner.CheckBatch(config=_gold_config())(batch)
    lines = [json.loads(s) for s in out["line"]]
    assert [r["id"] for r in lines] == ["ok", "boom"]
    assert lines[0]["errors"] == [] and lines[1]["errors"][0]["code"] == "E_INTERNAL"
    assert "kaput" in lines[1]["errors"][0]["message"]


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"formats": [OutputFormat.html]}, "--format html"),
        ({"paths": ["-"]}, "standard input"),
        ({"resume": True}, "--resume"),
    ],
)
def test_what_ray_cannot_do_is_a_usage_error(kwargs: dict, words: str):
    config = CheckConfig(**{"paths": ["x.jsonl"], "engine": "ray", **kwargs})
    with pytest.raises(UsageError, match=words.replace("-", r"\-")):
        ray_runner.run_with_ray(config, Console(stderr=True, quiet=True))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # raised inside Ray Data itself
def test_ray_engine_matches_local_runner(tmp_path: Path):
    pytest.importorskip("ray.data", reason="Ray Data is not installed (pip install 'numcheck[ray]')")
    paths = _inputs(tmp_path)
    local = _local_lines(paths, tmp_path / "local")
    from typer.testing import CliRunner

    from numcheck.cli import app

    # Through the CLI, so the dispatch of run_check to the Ray engine is tested too.
    res = CliRunner().invoke(app, ["check", *paths, "--engine", "ray", "--extractor", "gold", "--format", "jsonl",
                                   "--out", str(tmp_path / "ray"), "--no-progress"])
    code = res.exit_code
    lines = (tmp_path / "ray" / RESULTS_NAME).read_text(encoding="utf-8").splitlines()
    got = [json.loads(line) for line in lines]
    assert [r["id"] for r in got] == list(local), "same documents, in input order"
    for r in got:
        assert r == local[r["id"]], r["id"]
    # The default --fail-on inconsistent fires exactly when a finding was written.
    assert code == (1 if any(c["verdict"] == "inconsistent" for r in got for c in r["checks"]) else 0), res.output
    run = json.loads((tmp_path / "ray" / "run.json").read_text())
    assert run["config"]["engine"] == "ray" and run["status"] == "complete" and run["counts"]["documents"] == 14
