"""`numcheck eval` end to end on the tiny set of conftest.py: figures, files, gates, exit codes."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from numcheck.cli import app
from numcheck.config import EvalConfig
from numcheck.errors import InputError, UsageError
from numcheck.eval.results import MetricsReport
from numcheck.eval.run import evaluate, load_gold, run_eval
from numcheck.schema import save_results

from evalkit import GOLD_DOCS, FakeExtractor, write_jsonl

ROOT = Path(__file__).resolve().parents[2]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_evaluate_figures_by_hand(gold_file, perturbed_file, fake_checker, tmp_path):
    cfg = EvalConfig(gold=gold_file, perturbed=perturbed_file, extractors=["fake", "gold"], out=tmp_path / "out")
    m = evaluate(cfg, extractors={"fake": FakeExtractor()}).metrics
    fake, gold = m.extractors
    assert (fake.status, gold.status) == ("ok", "ok")
    # Spans: gold 7; fake predicts 120, 30, 50, 70, 2024 (as COUNT), 10 = 6; strict matches 5
    # (2024 has the wrong kind, 8 is missed): P = 5/6, R = 5/7, F1 = 2PR/(P+R) = 10/13.
    strict = fake.gold.spans["strict"].overall
    assert (strict.tp, strict.n_gold, strict.n_pred) == (5, 7, 6)
    assert strict.f1 == pytest.approx(10 / 13)
    # Untyped strict also counts 2024: tp 6 -> P = 1, R = 6/7.
    assert fake.gold.spans["untyped_strict"].overall.tp == 6
    # Checks: d1 and d2 match; on d3 the fake checker pairs (10, 2024) -> no match: 2/3 both ways.
    assert (fake.gold.checks.overall.recall, fake.gold.checks.overall.precision) == (2 / 3, 2 / 3)
    assert gold.gold.checks.overall.recall == 1.0
    # Detection on the gold set: d2's real inconsistency is flagged; clean d1, d3 have no alarm.
    det = fake.gold.detection
    assert (det.overall.recall, det.clean_docs, det.clean_docs_with_false_alarm) == (1.0, 2, 0)
    # Perturbed: the altered part_whole is flagged, and that flag is right.
    pdet = fake.perturbed.detection
    assert (pdet.overall.recall, pdet.flags, pdet.right_flags) == (1.0, 1, 1)
    assert gold.gold.spans is None  # the gold extractor measures the checker alone
    assert fake.cost.documents == 4 and fake.cost.words > 0


def test_run_eval_writes_the_files(gold_file, perturbed_file, fake_checker, fake_loader, tmp_path):
    from rich.console import Console

    out = tmp_path / "out"
    cfg = EvalConfig(gold=gold_file, perturbed=perturbed_file, extractors=["rules", "spacy", "gold"], out=out)
    console = Console(file=open(tmp_path / "log.txt", "w"), width=200)  # noqa: SIM115
    assert run_eval(cfg, console) == 0
    for name in ("metrics.json", "metrics.schema.json", "report.md", "report.html", "run.json"):
        assert (out / name).stat().st_size > 100, name
    m = MetricsReport.model_validate_json((out / "metrics.json").read_text())
    assert [e.status for e in m.extractors] == ["ok", "skipped", "ok"]
    assert "spacy is not installed here" in m.extractors[1].reason
    run = json.loads((out / "run.json").read_text())
    assert run["config"]["extractors"] == ["rules", "spacy", "gold"]
    assert set(run["timings_seconds"]) >= {"total", "rules", "gold"}
    md = (out / "report.md").read_text()
    assert "| rules |" in md and "spacy skipped" in md
    # Document text is untrusted: the <script> of d3 shows as text, never as a tag.
    html = (out / "report.html").read_text()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;script&gt;" in md


def test_schema_file_documents_every_field(gold_file, fake_checker, tmp_path):
    out = tmp_path / "out"
    from rich.console import Console

    run_eval(EvalConfig(gold=gold_file, extractors=["gold"], out=out), Console(file=open(tmp_path / "l", "w")))  # noqa: SIM115
    schema = json.loads((out / "metrics.schema.json").read_text())

    def walk(props):
        for name, spec in props.items():
            assert spec.get("description"), f"field {name} has no description"

    walk(schema["properties"])
    for definition in schema["$defs"].values():
        walk(definition.get("properties", {}))


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--min-f1", "0.7"], 0),  # rules (the fake) strict F1 10/13 = 0.769 >= 0.7
        (["--min-f1", "0.8"], 1),  # 0.769 < 0.8
        (["--min-check-recall", "0.9"], 1),  # the first extractor with checks is rules: 2/3
        (["--min-detection", "1.0"], 0),  # perturbed detection 1/1
    ],
)
def test_cli_gates(args, code, gold_file, perturbed_file, fake_checker, fake_loader, tmp_path):
    result = CliRunner().invoke(
        app,
        ["eval", "--gold", str(gold_file), "--perturbed", str(perturbed_file), "--extractor", "rules",
         "--extractor", "gold", "--out", str(tmp_path / "o"), *args],
    )  # fmt: skip
    assert result.exit_code == code, result.output
    assert ("missed" in result.output) == (code == 1)


def test_cli_gate_on_the_checker_alone(gold_file, fake_checker, tmp_path):
    result = CliRunner().invoke(
        app, ["eval", "--gold", str(gold_file), "--extractor", "gold", "--min-check-recall", "1.0", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    m = json.loads((tmp_path / "o" / "metrics.json").read_text())
    assert m["gates"][0]["extractor"] == "gold" and m["gates"][0]["value"] == 1.0


def test_cli_missing_gold_file_exits_2(tmp_path):
    result = CliRunner().invoke(app, ["eval", "--gold", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "nope.jsonl does not exist" in _flat(result.output)


def test_cli_malformed_line_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(GOLD_DOCS[0]) + "\n{not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "--gold", str(bad), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "bad.jsonl:2:" in _flat(result.output).replace(" ", "")


def test_cli_min_detection_needs_perturbed(gold_file, tmp_path):
    result = CliRunner().invoke(app, ["eval", "--gold", str(gold_file), "--min-detection", "0.5", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "--perturbed" in _flat(result.output)


def test_unknown_extractor_is_a_usage_error(gold_file, tmp_path):
    with pytest.raises(UsageError, match="must be one of"):
        evaluate(EvalConfig(gold=gold_file, extractors=["nonesuch"], out=tmp_path))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["quantities"][0].update(start=17), "text[17:19] is '20'"),
        (lambda d: d["checks"][0].update(quantities=["q2", "q7"]), "names quantity 'q7'"),
        (lambda d: d["checks"][0].update(verdict="fine"), "has verdict 'fine'"),
        (lambda d: d.pop("text"), "field 'text'"),
    ],
)
def test_load_gold_rejects_bad_documents_with_line(mutate, message, tmp_path):
    doc = json.loads(json.dumps(GOLD_DOCS[0]))
    mutate(doc)
    path = write_jsonl(tmp_path / "g.jsonl", [GOLD_DOCS[1], doc])
    with pytest.raises(InputError) as err:
        load_gold(path)
    assert f"{path}:2:" in str(err.value) and message in str(err.value)


def test_partial_sets_are_flagged(tmp_path, fake_checker):
    doc = dict(GOLD_DOCS[0], gold_scope="only some numbers were annotated")
    docs, info = load_gold(write_jsonl(tmp_path / "g.jsonl", [doc]))
    assert info.partial and info.gold_scope == ["only some numbers were annotated"]
    from rich.console import Console

    run_eval(EvalConfig(gold=tmp_path / "g.jsonl", extractors=["gold"], out=tmp_path / "o"), Console(file=open(tmp_path / "l", "w")))  # noqa: SIM115
    assert "Partial gold set" in (tmp_path / "o" / "report.md").read_text()


def test_a_checker_that_cannot_import_is_reported_not_raised(gold_file, monkeypatch, tmp_path):
    import numcheck.pipeline

    def broken(docs, extractor, **_):
        raise ImportError("no module named numcheck.inference.relations")

    monkeypatch.setattr(numcheck.pipeline, "check_documents", broken)
    m = evaluate(EvalConfig(gold=gold_file, extractors=["fake"], out=tmp_path), extractors={"fake": FakeExtractor()}).metrics
    assert m.extractors[0].status == "ok"
    assert m.extractors[0].gold.checks is None
    assert "checker is not available" in m.extractors[0].gold.checker_error
    assert m.extractors[0].gold.spans["strict"].overall.tp == 5


def _independent():
    spec = importlib.util.spec_from_file_location("independent_score", ROOT / "scripts" / "independent_score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_metrics_agree_with_the_independent_scorer(gold_file, perturbed_file, fake_checker, tmp_path):
    # Differential test: the predictions written as `check --format jsonl` would write them,
    # scored by scripts/independent_score.py (no numcheck imports), agree with evaluate().
    from numcheck.eval.run import _run_set
    from numcheck.schema import load_documents

    ind = _independent()
    for path, set_name in ((gold_file, "gold"), (perturbed_file, "perturbed")):
        docs = load_documents(path)
        srun, _ = _run_set(docs, FakeExtractor(), {"extract": 0.0, "check": 0.0})
        save_results(srun.results, tmp_path / f"{set_name}.pred.jsonl")
        got = ind.score(ind.read_jsonl(path), ind.read_jsonl(tmp_path / f"{set_name}.pred.jsonl"))
        m = evaluate(EvalConfig(gold=path, extractors=["fake"], out=tmp_path), extractors={"fake": FakeExtractor()}).metrics
        s = m.extractors[0].gold
        assert got["strict_span"]["f1"] == pytest.approx(s.spans["strict"].overall.f1)
        assert got["checks"]["recall"] == pytest.approx(s.checks.overall.recall)
        assert got["checks"]["precision"] == pytest.approx(s.checks.overall.precision)
        assert got["detection"]["recall"] == pytest.approx(s.detection.overall.recall)
        assert got["flags"]["right"] == s.detection.right_flags
        assert got["clean_docs"]["with_false_alarm"] == s.detection.clean_docs_with_false_alarm


def test_an_extractor_that_breaks_is_reported_failed_and_the_run_goes_on(gold_file, fake_checker, tmp_path):
    class Broken:
        name = "broken"

        def extract(self, texts):
            raise RuntimeError("tokenizer exploded")

    m = evaluate(
        EvalConfig(gold=gold_file, extractors=["broken", "fake"], out=tmp_path),
        extractors={"broken": Broken(), "fake": FakeExtractor()},
    ).metrics
    assert [(e.name, e.status) for e in m.extractors] == [("broken", "failed"), ("fake", "ok")]
    assert "tokenizer exploded" in m.extractors[0].reason


def test_model_weights_are_hashed(tmp_path):
    import hashlib

    from numcheck.eval.run import _weights_of

    weights = tmp_path / "model" / "model.safetensors"
    weights.parent.mkdir()
    weights.write_bytes(b"not really weights")
    got = _weights_of(None, EvalConfig(gold=tmp_path / "g.jsonl", model_path=weights.parent))
    assert got == {str(weights): hashlib.sha256(b"not really weights").hexdigest()}


def test_independent_scorer_compare_flags_a_difference(gold_file, fake_checker, tmp_path):
    ind = _independent()
    m = evaluate(EvalConfig(gold=gold_file, extractors=["gold"], out=tmp_path)).metrics
    metrics = json.loads(m.model_dump_json())
    mine = ind.score(ind.read_jsonl(gold_file), ind.read_jsonl(gold_file))  # gold as its own prediction
    pairs = {name: (a, b) for name, a, b in ind.compare(mine, metrics, "gold", "gold")}
    # The fake checker finds all 3 gold checks, and gold-as-prediction has them all: both 1.0.
    assert pairs["checks.recall"] == (1.0, 1.0)
    metrics["extractors"][0]["gold"]["checks"]["overall"]["recall"] = 0.5
    pairs = {name: (a, b) for name, a, b in ind.compare(mine, metrics, "gold", "gold")}
    assert pairs["checks.recall"] == (1.0, 0.5)


def test_a_gate_on_a_skipped_extractor_is_missed_not_moved(gold_file, fake_checker, fake_loader, tmp_path):
    # model is listed first and cannot load: the gate is on model, and missed, even though the
    # next extractor (rules, the fake) would have passed.
    result = CliRunner().invoke(
        app, ["eval", "--gold", str(gold_file), "--extractor", "model", "--extractor", "rules", "--min-f1", "0.5", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1, result.output
    assert "model skipped" in _flat(result.output)
    gate = json.loads((tmp_path / "o" / "metrics.json").read_text())["gates"][0]
    assert (gate["extractor"], gate["value"], gate["passed"]) == ("model", None, False)


def test_eval_links_with_the_relation_head_of_model(gold_file, tmp_path, monkeypatch):
    # `--model DIR` is the whole model: its relation head links every extractor's figures, as
    # `check --model DIR` does, not the shipped head
    import numcheck.inference.linker
    import numcheck.pipeline
    from evalkit import fake_check_documents

    seen = []

    def check_documents(docs, extractor, **kw):
        seen.append(kw.get("linker"))
        return fake_check_documents(docs, extractor, **kw)

    monkeypatch.setattr(numcheck.pipeline, "check_documents", check_documents)
    monkeypatch.setattr(numcheck.inference.linker, "default_linker", lambda path=None: ("linker of", path))
    evaluate(EvalConfig(gold=gold_file, extractors=["fake"], out=tmp_path, model_path=tmp_path / "m"),
             extractors={"fake": FakeExtractor()})
    assert seen and all(x == ("linker of", str(tmp_path / "m")) for x in seen)
    seen.clear()
    evaluate(EvalConfig(gold=gold_file, extractors=["fake"], out=tmp_path), extractors={"fake": FakeExtractor()})
    assert seen and all(x is None for x in seen)  # the shipped linker, looked up by the pipeline
