"""`numcheck check` through typer's CliRunner: exit codes, stdout lines, stderr summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from numcheck.cli import app
from numcheck.schema import DocumentResult

pytest.importorskip("numcheck.inference.rules")

# Tables: their checks follow from the structure alone, so these exit codes do not depend on the
# learned linker's scores (tests/inference/test_relations.py tests the linker).
GOOD = "Port | Ships\nNorth | 120\nSouth | 190\nTotal | 310"
BAD = "Office | Permits\nNorth | 120\nSouth | 150\nTotal | 310"
RATE = "In 2024, 33,290 crimes were registered, which is 327 crimes per 100,000 population."

runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, ["check", *args], input=input)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    d = tmp_path / "press"
    d.mkdir()
    (d / "a-good.txt").write_text(GOOD)
    (d / "b-bad.md").write_text("# Permits\n\n" + BAD + "\n")
    return d


def jsonl_lines(stdout: str) -> list[DocumentResult]:
    return [DocumentResult.model_validate_json(line) for line in stdout.splitlines() if line.strip()]


def test_jsonl_to_stdout_one_line_per_document_and_exit_1_for_an_inconsistency(docs):
    result = invoke(str(docs), "--format", "jsonl", "--extractor", "rules", "--no-progress")
    assert result.exit_code == 1, result.stderr
    lines = jsonl_lines(result.stdout)
    assert [Path(r.id).name for r in lines] == ["a-good.txt", "b-bad.md"]
    assert [c.verdict.value for c in lines[0].checks if c.kind == "sum"] == ["consistent"]
    assert [c.verdict.value for c in lines[1].checks if c.kind == "sum"] == ["inconsistent"]
    for r in lines:
        assert all(r.text[q.start : q.end] == q.text for q in r.quantities)
    assert "2 documents" in result.stderr and "1 inconsistent" in result.stderr


def test_fail_on_never_exits_0(docs):
    assert invoke(str(docs), "-f", "jsonl", "--extractor", "rules", "--fail-on", "never").exit_code == 0


def test_clean_documents_exit_0(docs):
    assert invoke(str(docs / "a-good.txt"), "-f", "jsonl", "--extractor", "rules").exit_code == 0


def test_text_report_shows_verdicts_and_arithmetic(docs):
    result = invoke(str(docs), "--extractor", "rules", "--no-progress")
    assert result.exit_code == 1
    out = result.stdout
    assert "b-bad.md" in out and "¶2" in out  # the heading is paragraph 1
    assert "✗ inconsistent" in out and "120 + 150 = 270" in out
    assert "Findings (1)" in out
    assert "2 documents" in out


def test_population_option_and_reference_file(tmp_path):
    (tmp_path / "rate.txt").write_text(RATE)
    plain = jsonl_lines(invoke(str(tmp_path / "rate.txt"), "-f", "jsonl", "--extractor", "rules").stdout)
    assert [c.verdict.value for c in plain[0].checks] == ["unverifiable"]
    given = jsonl_lines(invoke(str(tmp_path / "rate.txt"), "-f", "jsonl", "--extractor", "rules",
                               "--population", "10180770").stdout)
    assert [c.verdict.value for c in given[0].checks] == ["consistent"]
    ref = tmp_path / "ref.json"
    ref.write_text(json.dumps({"population": 10180770, "population_end": 10224889}))
    referenced = jsonl_lines(invoke(str(tmp_path / "rate.txt"), "-f", "jsonl", "--extractor", "rules",
                                    "--reference", str(ref)).stdout)
    assert [c.verdict.value for c in referenced[0].checks] == ["consistent"]
    assert "ref:population" in referenced[0].checks[0].quantities


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/dir/x.txt"], "no input path exists"),
        (["{doc}", "--format", "html"], "--format html writes a file"),
        (["{doc}", "--format", "jsonl", "--format", "sarif"], "pass --out DIR"),
        (["{doc}", "--resume"], "--resume continues"),
        (["{doc}", "--reference", "{bad_ref}"], "E_REFERENCE"),
        (["{doc}", "--reference", "{neg_ref}"], "must be positive"),
        (["{doc}", "--extractor", "nonsense"], "--extractor must be one of"),
        (["{doc}", "--extractor", "model", "--model", "/no/such/model"], "--extractor rules"),
        (["{doc}", "--engine", "spark"], "--engine must be local or ray"),
    ],
)
def test_usage_and_input_errors_exit_2(tmp_path, args, message):
    doc = tmp_path / "a.txt"
    doc.write_text(GOOD)
    bad = tmp_path / "bad.json"
    bad.write_text('{"population": ')
    neg = tmp_path / "neg.json"
    neg.write_text('{"population": -5}')
    args = [a.format(doc=doc, bad_ref=bad, neg_ref=neg) for a in args]
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())


def test_unknown_format_is_a_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    assert invoke(str(tmp_path / "a.txt"), "--format", "docx").exit_code == 2


def test_stdin(tmp_path):
    result = invoke("-", "-f", "jsonl", "--extractor", "rules", input=BAD)
    assert result.exit_code == 1
    [line] = jsonl_lines(result.stdout)
    assert line.id == "<stdin>" and line.text == BAD


def test_broken_documents_still_get_lines_and_others_are_checked(docs):
    (docs / "c-empty.txt").write_text("")
    (docs / "d-binary.txt").write_bytes(b"\x00\x01\x02")
    result = invoke(str(docs), str(docs / "zz-gone.txt"), "-f", "jsonl", "--extractor", "rules")
    assert result.exit_code == 1
    lines = jsonl_lines(result.stdout)
    assert [(Path(r.id).name, [e.code for e in r.errors]) for r in lines] == [
        ("a-good.txt", []), ("b-bad.md", []), ("c-empty.txt", ["E_EMPTY"]), ("d-binary.txt", ["E_BINARY"]),
        ("zz-gone.txt", ["E_MISSING"])]
    assert "E_BINARY" in result.stderr


def test_out_dir_with_every_format_then_resume(docs, tmp_path):
    out = tmp_path / "report"
    args = [str(docs), "-f", "text", "-f", "jsonl", "-f", "html", "-f", "sarif", "--out", str(out), "--extractor", "rules"]
    first = invoke(*args)
    assert first.exit_code == 1
    assert first.stdout == ""  # with --out, reports go to files; stderr has the summary
    assert {p.name for p in out.iterdir()} == {"results.jsonl", "run.json", "report.txt", "report.html", "report.sarif"}
    lines = (out / "results.jsonl").read_text().splitlines()
    assert len(lines) == 2
    sarif = json.loads((out / "report.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    assert "data-quantity-id" in (out / "report.html").read_text()
    again = invoke(*args, "--resume")
    assert again.exit_code == 1
    assert (out / "results.jsonl").read_text().splitlines() == lines
    assert "2 documents already done" in again.stderr
    assert json.loads((out / "run.json").read_text())["counts"]["resumed"] == 2


def test_gold_extractor_uses_the_jsonl_quantities(tmp_path):
    text = "Area | Cases\nNorth | 200\nSouth | 150\nTotal | 380"
    gold = {"id": "g1", "text": text, "quantities": [
        {"id": "q1", "start": 21, "end": 24, "text": "200", "kind": "COUNT", "value": 200, "unit": "cases"},
        {"id": "q2", "start": 33, "end": 36, "text": "150", "kind": "COUNT", "value": 150, "unit": "cases"},
        {"id": "q3", "start": 45, "end": 48, "text": "380", "kind": "COUNT", "value": 380, "unit": "cases"}]}
    (tmp_path / "g.jsonl").write_text(json.dumps(gold) + "\n")
    result = invoke(str(tmp_path / "g.jsonl"), "-f", "jsonl", "--extractor", "gold")
    [line] = jsonl_lines(result.stdout)
    assert line.id == "g1" and [q.text for q in line.quantities] == ["200", "150", "380"]
    assert [(c.kind.value, c.verdict.value) for c in line.checks] == [("sum", "inconsistent")]
    assert result.exit_code == 1


def test_out_inside_the_input_directory_is_never_read_back(docs):
    args = [str(docs), "-f", "jsonl", "-f", "html", "--out", str(docs), "--extractor", "rules"]
    invoke(*args)
    invoke(*args)
    lines = (docs / "results.jsonl").read_text().splitlines()
    assert [Path(json.loads(x)["id"]).name for x in lines] == ["a-good.txt", "b-bad.md"]


def test_model_option_links_gold_figures_with_that_models_head(tmp_path):
    # --model beside --extractor gold: the relation head of that directory links the figures,
    # not the shipped one; a head that this numcheck cannot read proves which one was loaded.
    from numcheck.models.io import SHIPPED_DIR

    shipped = SHIPPED_DIR
    other = tmp_path / "other-model"
    other.mkdir()
    for f in shipped.iterdir():
        if f.name != "relations.json":
            (other / f.name).symlink_to(f)
    meta = json.loads((shipped / "relations.json").read_text())
    meta["links"] = meta["links"][:-1]
    (other / "relations.json").write_text(json.dumps(meta))
    text = "Of the 2,400 claims, 1,500 were paid."
    gold = {"id": "g1", "text": text, "quantities": [
        {"id": "q1", "start": 7, "end": 12, "text": "2,400", "kind": "COUNT", "value": 2400, "unit": "claims"},
        {"id": "q2", "start": 21, "end": 26, "text": "1,500", "kind": "COUNT", "value": 1500, "unit": "claims"}]}
    (tmp_path / "g.jsonl").write_text(json.dumps(gold) + "\n")
    assert invoke(str(tmp_path / "g.jsonl"), "-f", "jsonl", "--extractor", "gold").exit_code in (0, 1)
    result = invoke(str(tmp_path / "g.jsonl"), "-f", "jsonl", "--extractor", "gold", "--model", str(other))
    assert result.exit_code == 2 and "links" in result.output and "numcheck train-links" in result.output
