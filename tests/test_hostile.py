"""Hostile and huge inputs (issue 21): no batch dies, no document hangs, nothing leaks.

The batch is `benchmarks/hostile.py`'s (a surrogate in a JSONL line, a file name that is not
UTF-8, a 10^30 compound figure, a 5,000-digit run, HTML nested 3,000 deep, one bad byte in
UTF-8, terminal escapes, a long single line) beside a good document, with a 40 KB line here
so the suite stays quick; `benchmarks/README.md` records the full-size run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from numcheck.benchmarks.corpus import generate_corpus
from numcheck.benchmarks.hostile import AFTER_DEEP, write_batch
from numcheck.cli import app

pytest.importorskip("numcheck.inference.rules")


def lines_of(path: Path) -> list[dict]:
    data = path.read_bytes()
    data.decode("utf-8")  # strict: every line is valid UTF-8
    return [json.loads(line) for line in data.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> tuple[Path, Path, object]:
    base = tmp_path_factory.mktemp("hostile")
    batch = write_batch(base / "batch", line_kb=40)
    out = base / "out"
    result = CliRunner().invoke(app, ["check", str(batch), "--out", str(out), "--format", "jsonl", "--format", "text",
                                      "--format", "html", "--format", "sarif", "--extractor", "rules", "--no-progress"])
    return batch, out, result


def by_name(lines: list[dict]) -> dict[str, dict]:
    return {os.path.basename(r["id"]) if "/" in r["id"] or os.sep in r["id"] else r["id"]: r for r in lines}


def test_every_document_gets_one_line_and_none_raises(hostile_run):
    batch, out, result = hostile_run
    assert result.exit_code in (0, 1), result.output
    lines = lines_of(out / "results.jsonl")
    assert len(lines) == 10  # nine files, two documents in the JSONL
    codes = {e["code"] for r in lines for e in r["errors"]}
    assert not {c for c in codes if c.startswith("E_")}, codes
    for r in lines:
        assert all(r["text"][q["start"] : q["end"]] == q["text"] for q in r["quantities"])
    run = json.loads((out / "run.json").read_text())
    assert run["status"] == "complete" and run["exit_code"] == result.exit_code


def test_each_hostile_input_is_read_with_its_warning(hostile_run):
    _, out, _ = hostile_run
    docs = by_name(lines_of(out / "results.jsonl"))
    expected = {
        "bad-byte.txt": "W_DECODE_REPLACED", "deep.html": "W_HTML_DEEP", "digit-run.txt": "W_LONG_NUMBER",
        "escapes.txt": "W_CONTROL_CHARS", "surrogate": "W_INVALID_UNICODE", "long-line.txt": "W_PARTS",
    }
    for name, code in expected.items():
        assert code in [e["code"] for e in docs[name]["errors"]], name
    assert docs["good.txt"]["errors"] == [] and docs["after-surrogate"]["errors"] == []
    assert docs["good.txt"]["checks"]


def test_the_deep_paragraph_and_the_one_after_it_are_read(hostile_run):
    _, out, _ = hostile_run
    deep = by_name(lines_of(out / "results.jsonl"))["deep.html"]
    assert AFTER_DEEP in deep["text"]
    assert {"1,250", "300", "24%"} <= {q["text"] for q in deep["quantities"]}
    assert ("share", "consistent") in [(c["kind"], c["verdict"]) for c in deep["checks"]]


def test_one_bad_byte_keeps_the_euro_and_minus_signs(hostile_run):
    _, out, _ = hostile_run
    doc = by_name(lines_of(out / "results.jsonl"))["bad-byte.txt"]
    assert "€5.5 million" in doc["text"] and "−2%" in doc["text"] and "\ufffd" in doc["text"]
    assert [q["kind"] for q in doc["quantities"] if q["text"].startswith("€")] == ["MONEY", "MONEY"]
    assert [c["kind"] for c in doc["checks"]] == ["change"]


def test_a_file_name_that_is_not_utf8_is_kept_losslessly(hostile_run):
    batch, out, _ = hostile_run
    [doc] = [r for r in lines_of(out / "results.jsonl") if "report.txt" in r["id"]]
    assert os.fsencode(doc["id"]) == os.fsencode(str(batch)) + b"/caf\xe9 report.txt"
    assert doc["checks"]
    report = (out / "report.txt").read_text(encoding="utf-8")
    assert "caf\\xe9 report.txt" in report


def test_no_escape_character_reaches_the_text_report_and_no_figure_is_read_inside_one(hostile_run):
    _, out, result = hostile_run
    report = (out / "report.txt").read_text(encoding="utf-8")
    assert "\x1b" not in report and "\x07" not in report
    assert "\\x1b]0;pwned\\x07" in report
    doc = by_name(lines_of(out / "results.jsonl"))["escapes.txt"]
    assert [q["text"] for q in doc["quantities"]] == ["80", "20", "25%"]
    assert "\x1b" not in result.stdout


def test_the_html_and_sarif_reports_show_escapes_never_raw_control_characters(hostile_run):
    _, out, _ = hostile_run
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "\x1b" not in html and "\x07" not in html and "\ud800" not in html
    assert "\\x1b]0;pwned\\x07" in html and "caf\\xe9 report.txt" in html
    sarif = json.loads((out / "report.sarif").read_text(encoding="utf-8"))
    levels = {n["descriptor"]["id"]: n["level"] for n in sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]}
    assert levels["W_HTML_DEEP"] == "warning"


def test_the_text_report_on_stdout_never_raises_on_content(tmp_path):
    batch = write_batch(tmp_path / "batch", line_kb=4)
    result = CliRunner().invoke(app, ["check", str(batch), "--extractor", "rules", "--no-progress"])
    assert result.exit_code in (0, 1), result.output
    assert "\x1b" not in result.stdout and "caf\\xe9 report.txt" in result.stdout
    assert result.stdout.count("━━ ") == 10


def test_huge_figures_are_read_or_refused_never_a_crash(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The port handled 1000000000000000000000000000000 tons and 5 kilograms of cargo, a change of "
        "100000000000000000000000000% on 2023. The code was " + "7" * 5000 + " and 12 of 40 staff (30%) read it. "
        "Sales were 1234567890123456789012345678901234 units, of which 1234567890123456789012345678901233 sold.")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "a.txt"), "--format", "jsonl", "--extractor", "rules"])
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    assert [e["code"] for e in line["errors"]] == ["W_LONG_NUMBER"]
    values = {q["text"]: q["value"] for q in line["quantities"]}
    assert values["1234567890123456789012345678901234"] == 1234567890123456789012345678901234  # not rounded
    # the figures around the refused one are still linked and checked
    assert line["checks"] and all(c["verdict"] != "inconsistent" for c in line["checks"])
    # the 34-digit pair as read is compared exactly: one unit apart, which a float cannot see
    from numcheck.checks.relation import CheckKind, Relation, check_relation, figures_of
    from numcheck.schema import Quantity

    text = (tmp_path / "a.txt").read_text()
    qs = [Quantity.model_validate(q) for q in line["quantities"]]
    ids = {q.text: q.id for q in qs}
    big, less = ids["1234567890123456789012345678901234"], ids["1234567890123456789012345678901233"]
    figures = figures_of(text, qs)
    assert check_relation(text, figures, Relation(CheckKind.part_whole, (less, big)))[0].verdict.value == "consistent"
    assert check_relation(text, figures, Relation(CheckKind.part_whole, (big, less)))[0].verdict.value == "inconsistent"


# --------------------------------------------------------------------------- two runs, one --out


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "numcheck.cli", "check", *args, "--no-progress"]


def _wait_for_lock(out: Path, proc: subprocess.Popen, seconds: float = 60) -> None:
    lock = out / ".numcheck.lock"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        if lock.exists() and lock.read_text().startswith("pid"):
            return
        time.sleep(0.02)
    raise AssertionError(f"the first run never took the lock (exit {proc.poll()})")


def test_two_runs_on_one_out_one_refuses_and_the_other_completes(tmp_path):
    corpus = generate_corpus(60, seed=3)
    payload = "".join(json.dumps(d) + "\n" for d in corpus).encode()
    (tmp_path / "in.jsonl").write_bytes(payload)
    out = tmp_path / "out"
    # The first run reads standard input: it holds --out, deterministically, until we feed it.
    first = subprocess.Popen(_cli("-", "--out", str(out), "--format", "jsonl", "--extractor", "gold"),
                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_lock(out, first)
        for extra in ([], ["--resume"]):
            second = subprocess.run(_cli(str(tmp_path / "in.jsonl"), "--out", str(out), "--format", "jsonl",
                                         "--extractor", "gold", *extra), capture_output=True, text=True, timeout=120)
            assert second.returncode == 2, second.stderr
            said = " ".join(second.stderr.split())  # rich wraps the message to the terminal's width
            assert "E_OUT_LOCKED" in said and "in use by another numcheck run" in said
        _, err = first.communicate(payload, timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode in (0, 1), err
    lines = lines_of(out / "results.jsonl")
    assert [r["id"] for r in lines] == [d["id"] for d in corpus]
    assert json.loads((out / "run.json").read_text())["status"] == "complete"
    assert not (out / ".numcheck.lock").exists()


def test_sigterm_stops_a_run_like_ctrl_c_and_frees_its_out(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen(_cli("-", "--out", str(out), "--format", "jsonl", "--extractor", "rules"),
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_lock(out, proc)
        run_json = out / "run.json"
        deadline = time.monotonic() + 60  # wait until it reads its input, run.json saying "running"
        while time.monotonic() < deadline and not (run_json.exists() and '"running"' in run_json.read_text()):
            time.sleep(0.02)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143, err
    run = json.loads((out / "run.json").read_text())
    assert run["status"] == "interrupted" and run["exit_code"] == 143
    # The lock went with the run: the same --out takes a new run at once.
    (tmp_path / "a.txt").write_text("Of 40 cases, 12 (30%) were closed.")
    again = subprocess.run(_cli(str(tmp_path / "a.txt"), "--out", str(out), "--format", "jsonl", "--extractor", "rules"),
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr


def test_a_repeated_id_gets_a_warning_and_the_run_goes_on(tmp_path):
    src = tmp_path / "dup.jsonl"
    src.write_text("".join(json.dumps({"id": "same", "text": f"Of 40 cases, {n} were closed."}) + "\n" for n in (10, 12)))
    result = CliRunner().invoke(app, ["check", str(src), "--format", "jsonl", "--extractor", "rules"])
    first, second = [json.loads(x) for x in result.stdout.splitlines()]
    assert first["errors"] == [] and [e["code"] for e in second["errors"]] == ["W_DUPLICATE_ID"]
    assert second["quantities"] and result.exit_code == 0


def test_an_error_message_quoting_a_hostile_path_prints_it_escaped():
    result = CliRunner().invoke(app, ["check", "no\x1b]0;pwned\x07[red]x.txt"])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "no\\x1b]0;pwned\\x07[red]x.txt" in " ".join(result.output.split())


def test_a_crash_of_the_whole_run_exits_2_never_1(monkeypatch, tmp_path):
    import numcheck.runner

    def broken(config, console):
        raise RuntimeError("kaput")

    monkeypatch.setattr(numcheck.runner, "run_check", broken)
    (tmp_path / "a.txt").write_text("Of 40 cases, 12 were closed.")
    result = CliRunner().invoke(app, ["check", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert "RuntimeError: kaput" in result.output and "bug in numcheck" in " ".join(result.output.split())
