"""The local runner: every document gets exactly one line, broken ones included; exit codes;
E_INTERNAL for a document whose checking raises; --resume after a kill; run.json."""

from __future__ import annotations

import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

from numcheck import pipeline
from numcheck.config import CheckConfig, FailOn
from numcheck.errors import InputError, ModelError, UsageError
from numcheck.formats import RunSummary
from numcheck.runner import exit_code, run_check
from numcheck.schema import Check, DocumentResult, Quantity, Reference

THINGS = ["ships", "permits", "inspections", "complaints", "road accidents", "vaccinations"]
KINDS = ("E_MISSING", "E_UNREADABLE", "E_BINARY", "E_EMPTY", "E_ENCODING", "E_PDF_NO_TEXT", "E_TOO_LARGE", "E_JSONL")


def quiet() -> Console:
    return Console(file=io.StringIO(), width=120)


def share_doc(i: int, rng: random.Random) -> dict:
    """A gold document of our own: 'In 2021 the office recorded 1,240 ships. Of these, 310 ships, or 25%, ...'"""
    whole = rng.randrange(200, 20000)
    part = rng.randrange(1, whole)
    pct = round(part / whole * 100, 1)
    if i % 7 == 0:  # every seventh document states a wrong share
        pct = round(pct + 3.0, 1)
    year = 2015 + i % 10
    thing = THINGS[i % len(THINGS)]
    pieces = [("In ", None), (str(year), ("DATE", year, "year")), (" the office recorded ", None),
              (f"{whole:,}", ("COUNT", whole, thing)), (f" {thing}. Of these, ", None), (f"{part:,}", ("COUNT", part, thing)),
              (f" {thing}, or ", None), (f"{pct}%", ("PERCENT", pct, "%")), (", were inspected.", None)]
    text, quantities = "", []
    for piece, q in pieces:
        if q is not None:
            quantities.append({"id": f"q{len(quantities) + 1}", "start": len(text), "end": len(text) + len(piece),
                               "text": piece, "kind": q[0], "value": q[1], "unit": q[2]})
        text += piece
    return {"id": f"doc-{i:04d}", "text": text, "quantities": quantities}


def no_text_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 200, 300, fill=1)  # a drawing and no text: what a scan looks like to a parser
    c.showPage()
    c.save()
    return buf.getvalue()


def make_batch(root: Path, n_total: int, n_broken: int) -> tuple[list[str], int]:
    """Inputs for `n_total` documents, `n_broken` broken ones of every kind; returns (paths, max_bytes)."""
    pytest.importorskip("reportlab")
    rng = random.Random(7)
    root.mkdir()
    n_good = n_total - n_broken * len(KINDS)
    lines = []
    bad_every = max((n_good + n_broken) // n_broken, 2)
    good = 0
    for pos in range(n_good + n_broken):
        if pos % bad_every == bad_every - 1 and len(lines) - good < n_broken:
            lines.append('{"id": "cut-short", "text": "In 2020, 5 of')  # a malformed line
        else:
            lines.append(json.dumps(share_doc(good, rng)))
            good += 1
    while len(lines) - good < n_broken:
        lines.append("[1, 2, 3]")
    (root / "good.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pdf = no_text_pdf()
    max_bytes = 4000
    for k in range(n_broken):
        (root / f"binary-{k:02d}.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        (root / f"empty-{k:02d}.txt").write_bytes(b"" if k % 2 else b" \n\t\n")
        (root / f"encoding-{k:02d}.txt").write_bytes(random.Random(k).randbytes(400).replace(b"\x00", b"\x01"))
        (root / f"scan-{k:02d}.pdf").write_bytes(pdf)
        (root / f"large-{k:02d}.txt").write_text("In 2020, 12 ships docked. " * 200)
        unreadable = root / f"locked-{k:02d}.txt"
        if os.geteuid() == 0:
            os.mkfifo(unreadable)  # root reads any file; a pipe is as unreadable as a document gets
        else:
            unreadable.write_text("In 2020, 12 ships docked.")
            unreadable.chmod(0)
    missing = [str(root / f"gone-{k:02d}.txt") for k in range(n_broken)]
    return [str(root), *missing], max_bytes


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def expected_exit(lines: list[dict]) -> int:
    return int(any(c["verdict"] == "inconsistent" for line in lines for c in line["checks"]))


def run_batch(tmp_path: Path, n_total: int, n_broken: int) -> None:
    paths, max_bytes = make_batch(tmp_path / "batch", n_total, n_broken)
    config = CheckConfig(paths=paths, formats=["jsonl"], out=tmp_path / "out", extractor="gold",
                         max_bytes=max_bytes, progress=False)
    started = time.perf_counter()
    code = run_check(config, quiet())
    seconds = time.perf_counter() - started
    lines = read_lines(tmp_path / "out" / "results.jsonl")
    assert len(lines) == n_total
    assert len({line["id"] for line in lines}) == n_total  # a malformed line's id is file:line, unique too
    assert all(line["text"][q["start"]:q["end"]] == q["text"] for line in lines for q in line["quantities"])
    codes = [e["code"] for line in lines for e in line["errors"]]
    for kind in KINDS:
        assert codes.count(kind) == n_broken, kind
    assert len(codes) == n_broken * len(KINDS)
    assert code == expected_exit(lines)  # the exit code follows the findings
    # every seventh document states a wrong share: a finding, or a question when the linker is unsure of the link
    wrong = [line for line in lines if line["id"].startswith("doc-") and int(line["id"][4:]) % 7 == 0]
    assert len(wrong) >= (n_total - n_broken * len(KINDS)) // 7
    assert all(any(c["kind"] == "share" and c["verdict"] == "inconsistent" for c in line["checks"] + line["unconfirmed"])
               for line in wrong)
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run["status"] == "complete" and run["counts"]["documents"] == n_total
    assert run["counts"]["errors"] == {k: n_broken for k in KINDS}
    print(f"{n_total} documents in {seconds:.2f} s")


def test_batch_of_1000_documents_with_20_broken_of_every_kind(tmp_path):
    run_batch(tmp_path, n_total=1000, n_broken=20)


# --------------------------------------------------------------------------- fakes of the checker


def fake_check(docs, extractor, *, population=None, reference=None, linker=None):
    """One part_whole check per document: consistent unless the text says 'WRONG'."""
    out = []
    for d in docs:
        if "CRASH" in d.text:
            raise ZeroDivisionError("division by zero")
        q = [Quantity(id="q1", start=0, end=1, text=d.text[0], kind="COUNT")]
        verdict = "inconsistent" if "WRONG" in d.text else "ambiguous" if "MAYBE" in d.text else "consistent"
        out.append(DocumentResult(id=d.id, text=d.text, quantities=q,
                                  checks=[Check(kind="part_whole", quantities=["q1", "q1"], verdict=verdict,
                                                explanation=f"pop={population} ref={reference.population if reference else None}")]))
    return out


def fake_iter(docs, extractor, *, budget=None, **kw):
    """The runner's seam: results one at a time, as `pipeline.iter_check_documents` gives them."""
    yield from fake_check(docs, extractor, **kw)


@pytest.fixture
def fake_checker(monkeypatch):
    monkeypatch.setattr(pipeline, "iter_check_documents", fake_iter)


def jsonl_input(path: Path, texts: list[str]) -> str:
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t, "quantities": []}) + "\n" for i, t in enumerate(texts)))
    return str(path)


@pytest.mark.parametrize(
    ("texts", "fail_on", "code"),
    [
        (["1 fine", "2 fine"], FailOn.inconsistent, 0),
        (["1 fine", "2 WRONG"], FailOn.inconsistent, 1),
        (["1 fine", "2 WRONG"], FailOn.never, 0),
        (["1 MAYBE"], FailOn.inconsistent, 0),
        (["1 MAYBE"], FailOn.ambiguous, 1),
    ],
)
def test_exit_code_follows_fail_on(tmp_path, fake_checker, texts, fail_on, code):
    src = jsonl_input(tmp_path / "in.jsonl", texts)
    config = CheckConfig(paths=[src], formats=["jsonl"], out=tmp_path / "out", extractor="gold", fail_on=fail_on)
    assert run_check(config, quiet()) == code


def test_a_document_that_raises_gets_e_internal_and_the_batch_goes_on(tmp_path, fake_checker):
    src = jsonl_input(tmp_path / "in.jsonl", ["1 fine", "2 CRASH here", "3 WRONG"])
    config = CheckConfig(paths=[src], formats=["jsonl"], out=tmp_path / "out", extractor="gold")
    assert run_check(config, quiet()) == 2  # a bug in numcheck: a CI gate must not pass
    lines = read_lines(tmp_path / "out" / "results.jsonl")
    assert [line["id"] for line in lines] == ["d0", "d1", "d2"]
    assert lines[1]["errors"][0]["code"] == "E_INTERNAL"
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run["exit_code"] == 2 and "E_INTERNAL" in run["exit_reason"]
    assert "ZeroDivisionError" in lines[1]["errors"][0]["message"]
    assert lines[1]["text"] == "2 CRASH here"
    assert [c["verdict"] for c in lines[2]["checks"]] == ["inconsistent"]


def test_population_and_reference_pass_through(tmp_path, fake_checker):
    src = jsonl_input(tmp_path / "in.jsonl", ["1 fine"])
    ref = tmp_path / "ref.json"
    ref.write_text('{"population": 10180770, "population_end": 10224889}')
    config = CheckConfig(paths=[src], formats=["jsonl"], out=tmp_path / "out", extractor="gold",
                         population=5000, reference=ref)
    run_check(config, quiet())
    assert read_lines(tmp_path / "out" / "results.jsonl")[0]["checks"][0]["explanation"] == "pop=5000.0 ref=10180770.0"


def test_every_document_unreadable_exits_2_but_still_reports(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    config = CheckConfig(paths=[str(tmp_path / "empty.txt")], formats=["jsonl"], out=tmp_path / "out", extractor="gold")
    assert run_check(config, quiet()) == 2
    assert read_lines(tmp_path / "out" / "results.jsonl")[0]["errors"][0]["code"] == "E_EMPTY"


def test_no_existing_input_is_an_input_error(tmp_path):
    config = CheckConfig(paths=[str(tmp_path / "nope.txt")], extractor="gold")
    with pytest.raises(InputError, match="no input path exists"):
        run_check(config, quiet())


def test_model_that_cannot_load_suggests_rules(tmp_path, monkeypatch):
    import numcheck.inference.extractor as ex

    def broken(name, **options):
        raise OSError("no shipped model in models/shipped")

    monkeypatch.setattr(ex, "get_extractor", broken)
    (tmp_path / "a.txt").write_text("In 2024, 12 ships docked.")
    with pytest.raises(ModelError, match="--extractor rules"):
        run_check(CheckConfig(paths=[str(tmp_path / "a.txt")], extractor="model"), quiet())


def test_several_formats_need_out(tmp_path):
    (tmp_path / "a.txt").write_text("In 2024, 12 ships docked.")
    with pytest.raises(UsageError, match="--out DIR"):
        run_check(CheckConfig(paths=[str(tmp_path / "a.txt")], formats=["jsonl", "html"]), quiet())


def test_all_formats_written_with_run_json(tmp_path, fake_checker):
    src = jsonl_input(tmp_path / "in.jsonl", ["1 fine", "2 WRONG"])
    out = tmp_path / "out"
    config = CheckConfig(paths=[src], formats=["text", "jsonl", "html", "sarif"], out=out, extractor="gold")
    assert run_check(config, quiet()) == 1
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.sarif", "report.txt", "results.jsonl", "run.json"]
    run = json.loads((out / "run.json").read_text())
    assert run["numcheck_version"] and run["config"]["extractor"] == "gold"
    assert run["counts"]["verdicts"] == {"consistent": 1, "inconsistent": 1, "ambiguous": 0, "unverifiable": 0}
    assert run["timings"]["seconds"] >= run["timings"]["check_seconds"] >= 0
    assert "2 WRONG" in (out / "report.txt").read_text()


# --------------------------------------------------------------------------- resume


def test_resume_drops_a_cut_line_and_redoes_only_the_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "iter_check_documents", fake_iter)
    src = jsonl_input(tmp_path / "in.jsonl", [f"{i} fine" for i in range(6)])
    out = tmp_path / "out"
    config = CheckConfig(paths=[src], formats=["jsonl"], out=out, extractor="gold")
    run_check(config, quiet())
    full = (out / "results.jsonl").read_text().splitlines()
    # As if killed while writing the fourth line.
    (out / "results.jsonl").write_text("\n".join(full[:3]) + "\n" + full[3][:25])
    calls = []

    def counting(docs, extractor, **kw):
        calls.extend(d.id for d in docs)
        return fake_iter(docs, extractor, **kw)

    monkeypatch.setattr(pipeline, "iter_check_documents", counting)
    run_check(config.model_copy(update={"resume": True}), quiet())
    assert calls == ["d3", "d4", "d5"]
    assert (out / "results.jsonl").read_text().splitlines() == full


def test_resume_counts_repeated_ids(tmp_path, fake_checker):
    src = tmp_path / "dup.jsonl"
    src.write_text("".join(json.dumps({"id": "same", "text": f"{i} fine", "quantities": []}) + "\n" for i in range(3)))
    out = tmp_path / "out"
    config = CheckConfig(paths=[str(src)], formats=["jsonl"], out=out, extractor="gold")
    run_check(config, quiet())
    full = (out / "results.jsonl").read_text().splitlines()
    assert len(full) == 3
    (out / "results.jsonl").write_text(full[0] + "\n")
    run_check(config.model_copy(update={"resume": True}), quiet())
    assert (out / "results.jsonl").read_text().splitlines() == full


def test_killed_run_resumes_to_the_same_results(tmp_path):
    """SIGKILL half-way through a real CLI run, then --resume: same lines as an uninterrupted run."""
    paths, max_bytes = make_batch(tmp_path / "batch", 600, 5)
    args = [sys.executable, "-m", "numcheck.cli", "check", *paths, "--format", "jsonl", "--extractor", "gold",
            "--max-bytes", str(max_bytes), "--no-progress"]
    subprocess.run([*args, "--out", str(tmp_path / "full")], capture_output=True, check=False, timeout=120)
    expected = (tmp_path / "full" / "results.jsonl").read_text().splitlines()
    assert len(expected) == 600

    out = tmp_path / "killed"
    proc = subprocess.Popen([*args, "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = out / "results.jsonl"
    deadline = time.monotonic() + 60
    killed_at = None
    while time.monotonic() < deadline and proc.poll() is None:
        if results.exists() and results.stat().st_size > 0 and results.read_bytes().count(b"\n") >= 200:
            proc.send_signal(signal.SIGKILL)
            killed_at = results.read_bytes().count(b"\n")
            break
        time.sleep(0.005)
    if proc.poll() is None and killed_at is None:  # too slow to reach the mark: kill it wherever it is
        proc.send_signal(signal.SIGKILL)
        killed_at = results.read_bytes().count(b"\n") if results.exists() else 0
    proc.wait(timeout=30)
    print(f"killed after {killed_at} of 600 lines")
    if killed_at is None:  # the machine outran the poll: cut the file as a kill would have
        data = results.read_bytes()
        results.write_bytes(data[: len(data) // 2])
    if results.exists():
        assert len(results.read_text().splitlines()) < 600
    done = subprocess.run([*args, "--out", str(out), "--resume"], capture_output=True, check=False, timeout=120)
    assert done.returncode == expected_exit([json.loads(x) for x in expected])
    assert results.read_text().splitlines() == expected


def test_exit_code_table():
    assert exit_code(RunSummary(documents=2, documents_with_errors=2, errors={"E_EMPTY": 2}), FailOn.inconsistent) == 2
    # A document whose checking raised is a bug in numcheck: the run did not check everything.
    assert exit_code(RunSummary(documents=2, documents_with_errors=2, errors={"E_INTERNAL": 2}), FailOn.inconsistent) == 2
    assert exit_code(RunSummary(documents=2, documents_with_errors=1, errors={"E_INTERNAL": 1},
                                verdicts={"inconsistent": 1}), FailOn.inconsistent) == 2
    assert exit_code(RunSummary(documents=2, documents_with_warnings=2, errors={"W_ENCODING": 2}), FailOn.inconsistent) == 0
    assert exit_code(RunSummary(documents=1, verdicts={"unverifiable": 1}), FailOn.ambiguous) == 0
    assert exit_code(RunSummary(documents=1, verdicts={"inconsistent": 1}), FailOn.ambiguous) == 1


def test_reference_model_is_what_check_documents_gets(tmp_path, monkeypatch):
    seen = {}

    def spy(docs, extractor, *, population=None, reference=None, budget=None, linker=None):
        seen["reference"] = reference
        return fake_iter(docs, extractor, population=population, reference=reference)

    monkeypatch.setattr(pipeline, "iter_check_documents", spy)
    ref = tmp_path / "ref.json"
    ref.write_text('{"population": 100000, "population_source": "our own census"}')
    src = jsonl_input(tmp_path / "in.jsonl", ["1 fine"])
    run_check(CheckConfig(paths=[src], formats=["jsonl"], out=tmp_path / "o", extractor="gold", reference=ref), quiet())
    assert seen["reference"] == Reference(population=100000, population_source="our own census")


@pytest.mark.parametrize(("terminal", "progress", "shown"), [(True, True, True), (True, False, False), (False, True, False)])
def test_progress_bar_only_on_a_terminal_and_when_asked(tmp_path, fake_checker, terminal, progress, shown):
    src = jsonl_input(tmp_path / "in.jsonl", [f"{i} fine" for i in range(5)])
    console = Console(file=io.StringIO(), force_terminal=terminal, width=100)
    run_check(CheckConfig(paths=[src], formats=["jsonl"], out=tmp_path / "out", extractor="gold", progress=progress), console)
    assert ("checking" in console.file.getvalue()) is shown


def test_run_json_names_the_model_by_the_hash_of_its_directory(tmp_path, monkeypatch, fake_checker):
    import numcheck.inference.extractor as ex

    class Loaded:
        name = "model"

        def extract(self, texts):
            return [[] for _ in texts]

    monkeypatch.setattr(ex, "get_extractor", lambda name, **options: Loaded())
    model = tmp_path / "model"
    model.mkdir()
    (model / "numcheck.json").write_text('{"label_scheme_version": 1}')
    (tmp_path / "a.txt").write_text("1 fine")
    config = CheckConfig(paths=[str(tmp_path / "a.txt")], formats=["jsonl"], out=tmp_path / "out", extractor="model",
                         model_path=model)
    run_check(config, quiet())
    first = json.loads((tmp_path / "out" / "run.json").read_text())["extractor"]["model_hash"]
    (model / "numcheck.json").write_text('{"label_scheme_version": 2}')
    run_check(config, quiet())
    second = json.loads((tmp_path / "out" / "run.json").read_text())["extractor"]["model_hash"]
    assert first.startswith("sha256:") and len(first) == 71 and first != second


def test_resume_warns_when_settings_that_change_results_differ(tmp_path, fake_checker):
    src = jsonl_input(tmp_path / "in.jsonl", ["1 fine", "2 fine"])
    out = tmp_path / "out"
    run_check(CheckConfig(paths=[src], formats=["jsonl"], out=out, extractor="gold", population=1000), quiet())
    console = quiet()
    run_check(CheckConfig(paths=[src], formats=["jsonl"], out=out, extractor="gold", population=2000, resume=True), console)
    said = " ".join(console.file.getvalue().split())
    assert "the interrupted run had --population 1000.0, this one 2000.0" in said
    assert "--extractor" not in said


def test_the_collector_is_tuned_for_a_run_and_put_back_after_it():
    import gc

    from numcheck.runner import GC_THRESHOLD, collector_tuned

    before = gc.get_threshold()
    loaded = [object() for _ in range(10)]  # stands for the model, loaded before the run
    with collector_tuned():
        assert gc.get_threshold() == GC_THRESHOLD
        assert gc.get_freeze_count() >= len(loaded)  # never traversed during the run
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    try:
        with collector_tuned():
            raise KeyError("a run that fails")
    except KeyError:
        pass
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
