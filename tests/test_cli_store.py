"""`numcheck check --store`, `numcheck store ls` and `numcheck eval --cross` through the CLI.

The releases are the bundled example (examples/releases/: an invented port authority, 2023 and
2024, the 2024 release restating a 2023 figure wrongly).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from numcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
RELEASES = ROOT / "examples" / "releases"
runner = CliRunner()


def _check(store: Path, path: Path, out: Path) -> tuple[int, list[dict]]:
    res = runner.invoke(app, ["check", str(path), "--store", str(store), "--format", "jsonl", "--out", str(out),
                              "--extractor", "rules"])
    lines = [json.loads(x) for x in (out / "results.jsonl").read_text().splitlines()]
    return res.exit_code, lines


def test_example_releases_in_two_runs_flag_the_wrong_restatement(tmp_path: Path) -> None:
    store = tmp_path / "archive.db"
    code1, (first,) = _check(store, RELEASES / "kestrel-bay-2023.jsonl", tmp_path / "run1")
    assert first["cross_checks"] == []
    code2, (second,) = _check(store, RELEASES / "kestrel-bay-2024.jsonl", tmp_path / "run2")
    assert code2 == 1
    by_verdict = {}
    for c in second["cross_checks"]:
        by_verdict.setdefault(c["verdict"], []).append(c)
    (wrong,) = by_verdict["inconsistent"]
    assert wrong["kind"] == "equal"
    assert [q["text"] for q in wrong["quantities"]] == ["4,210", "4,120"]
    assert [q["doc"] for q in wrong["quantities"]] == ["kestrel-bay-2023", "kestrel-bay-2024"]
    text_2023 = json.loads((RELEASES / "kestrel-bay-2023.jsonl").read_text())["text"]
    q = wrong["quantities"][0]
    assert text_2023[q["start"]:q["end"]] == "4,210"
    assert "Port traffic in 2023 (2024-01-18)" in wrong["explanation"]
    changes = [c for c in second["cross_checks"] if c["kind"] == "change"]
    assert changes and all(c["verdict"] == "consistent" for c in changes)
    assert all(0 <= c["score"] <= 1 for c in second["cross_checks"])

    listing = runner.invoke(app, ["store", "ls", str(store), "--json"])
    assert listing.exit_code == 0
    summary = json.loads(listing.stdout)
    assert [d["id"] for d in summary["documents"]] == ["kestrel-bay-2023", "kestrel-bay-2024"]
    assert summary["publishers"] == {"Port Authority of Kestrel Bay": 2}
    assert summary["cross_checks"] == len(second["cross_checks"])


def test_a_cross_check_is_reported_once_whichever_order(tmp_path: Path) -> None:
    store = tmp_path / "archive.db"
    _, (late,) = _check(store, RELEASES / "kestrel-bay-2024.jsonl", tmp_path / "a")
    _, (early,) = _check(store, RELEASES / "kestrel-bay-2023.jsonl", tmp_path / "b")
    assert late["cross_checks"] == []
    flagged = [c for c in early["cross_checks"] if c["verdict"] == "inconsistent"]
    assert [[q["text"] for q in c["quantities"]] for c in flagged] == [["4,210", "4,120"]]


def test_store_ls_text_and_errors(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["store", "ls", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no store at" in missing.output
    store = tmp_path / "archive.db"
    _check(store, RELEASES / "kestrel-bay-2023.jsonl", tmp_path / "run")
    listing = runner.invoke(app, ["store", "ls", str(store)])
    assert listing.exit_code == 0
    assert "kestrel-bay-2023" in listing.stdout and "Port Authority of Kestrel Bay (1)" in listing.stdout


def test_text_report_shows_both_sentences_with_dates(tmp_path: Path) -> None:
    store = tmp_path / "archive.db"
    _check(store, RELEASES / "kestrel-bay-2023.jsonl", tmp_path / "run1")
    res = runner.invoke(app, ["check", str(RELEASES / "kestrel-bay-2024.jsonl"), "--store", str(store),
                              "--extractor", "rules"])
    assert res.exit_code == 1
    assert "across documents" in res.stdout
    assert "Port traffic in 2023 (2024-01-18):" in res.stdout and "Port traffic in 2024 (2025-01-21):" in res.stdout


def test_two_runs_at_once_on_one_store(tmp_path: Path) -> None:
    store = tmp_path / "archive.db"
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(4):
        (docs / f"r{i}.txt").write_text(f"In {2010 + i}, the office recorded {1000 + 10 * i} thefts and {200 + i} robberies.")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "numcheck.cli", "check", str(docs), "--store", str(store), "--extractor", "rules",
           "--format", "jsonl"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outs]
    listing = runner.invoke(app, ["store", "ls", str(store), "--json"])
    ids = [d["id"] for d in json.loads(listing.stdout)["documents"]]
    assert sorted(ids) == sorted(str(docs / f"r{i}.txt") for i in range(4))


def test_eval_cross_scores_a_series_file(tmp_path: Path) -> None:
    from numcheck.training.cross_synth import make_set

    series = make_set(["tourism"], range(300, 302), perturbed=0.0)
    path = tmp_path / "series.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in series))
    res = runner.invoke(app, ["eval", "--cross", str(path), "--extractor", "rules", "--out", str(tmp_path / "ev")])
    assert res.exit_code == 0, res.output
    metrics = json.loads((tmp_path / "ev" / "cross-metrics.json").read_text())
    assert metrics["series"] == 2 and metrics["gold_cross_checks"] == sum(len(s["cross_checks"]) for s in series)
    assert 0 <= metrics["right_rate"] <= 1
    usage = runner.invoke(app, ["eval"])
    assert usage.exit_code == 2


def test_html_report_shows_cross_checks_with_both_documents(tmp_path: Path) -> None:
    store = tmp_path / "archive.db"
    _check(store, RELEASES / "kestrel-bay-2023.jsonl", tmp_path / "run1")
    out = tmp_path / "run2"
    res = runner.invoke(app, ["check", str(RELEASES / "kestrel-bay-2024.jsonl"), "--store", str(store),
                              "--extractor", "rules", "--format", "html", "--out", str(out)])
    assert res.exit_code == 1
    html = (out / "report.html").read_text()
    section = html[html.index("Checks across documents"):]
    assert "Port traffic in 2023</b> (2024-01-18)" in section and "Port traffic in 2024</b> (2025-01-21)" in section
    assert "4,210" in section and "4,120" in section and 'class="check v-inconsistent"' in section


def test_a_document_read_with_a_warning_is_stored_and_matched(tmp_path: Path) -> None:
    # One byte that is no UTF-8: the release is read with a warning (its encoding guessed) and checked,
    # so it is stored like any other (a report checked in parts, W_PARTS, was never stored)
    text = json.loads((RELEASES / "kestrel-bay-2023.jsonl").read_text())["text"]
    path = tmp_path / "release.txt"
    path.write_bytes(text.encode("utf-8") + b" \xff\n")
    store = tmp_path / "archive.db"
    code, (result,) = _check(store, path, tmp_path / "run")
    assert result["errors"] and all(e["code"].startswith("W_") for e in result["errors"])
    listing = json.loads(runner.invoke(app, ["store", "ls", str(store), "--json"]).stdout)
    assert [d["id"] for d in listing["documents"]] == [result["id"]]
    assert next(d for d in listing["documents"])["figures"] > 0
