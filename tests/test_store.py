"""The store of figures: the same tests on SQLite and on PostgreSQL.

PostgreSQL runs when NUMCHECK_TEST_POSTGRES_URL names a server (`.ci/run` starts one with
`.ci/postgres.sh`); each test gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from numcheck.errors import UsageError
from numcheck.store import Store, StoredDocument, StoredFigure, store_url

PG_URL = os.environ.get("NUMCHECK_TEST_POSTGRES_URL")


def _pg_database() -> str:
    """A fresh database on the test server; its URL."""
    import psycopg

    name = f"numcheck_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_URL.rsplit("/", 1)[0] + "/" + name


def _pg_drop(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path):
    """Where a store lives: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "archive.db")
        return
    if not PG_URL:
        pytest.skip("NUMCHECK_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against (.ci/postgres.sh starts one)")
    url = _pg_database()
    yield url
    _pg_drop(url)


def _doc(i: int, n_figures: int = 3, year: int = 2024) -> StoredDocument:
    text = " ".join(f"{k + 1} cases." for k in range(n_figures))
    figures, pos = [], 0
    for k in range(n_figures):
        t = str(k + 1)
        figures.append(StoredFigure(doc_id=f"d{i}", qid=f"q{k + 1}", start=pos, end=pos + len(t), text=t, kind="COUNT",
                                    value=k + 1, measure="cases", period_start=f"{year}-01-01", period_end=f"{year}-12-31"))
        pos += len(f"{k + 1} cases. ")
    return StoredDocument(id=f"d{i}", text=text, publisher="Invented Office", date=f"{year + 1}-01-15", figures=figures)


def test_store_url() -> None:
    assert store_url("a/b.db") == "sqlite:///a/b.db"
    assert store_url("postgresql://u@h/db").startswith("postgresql+psycopg://")


def test_add_list_and_refuse_a_second_copy(location: str) -> None:
    store = Store(location)
    with store.writing() as w:
        assert w.add_document(_doc(1))
    with store.writing() as w:
        assert not w.add_document(_doc(1))  # same id: stored once
        assert w.stored_hash("d1") == _doc(1).text_hash
    summary = store.summary()
    assert [d["id"] for d in summary["documents"]] == ["d1"]
    assert summary["figures"] == 3
    assert summary["publishers"] == {"Invented Office": 1}
    store.close()


def test_candidates_by_period(location: str) -> None:
    store = Store(location)
    with store.writing() as w:
        w.add_document(_doc(1, year=2023))
        w.add_document(_doc(2, year=2024))
    with store.writing() as w:
        found = w.candidates([("2023-06-01", "2023-06-30")])
        assert {f.doc_id for f in found} == {"d1"}
        assert w.candidates([("2024-01-01", "2024-12-31")], exclude="d2") == []
        assert len(w.figures_of(["d1", "d2"])) == 6
    store.close()


def test_figures_by_value_whatever_their_period(location: str) -> None:
    store = Store(location)
    with store.writing() as w:
        w.add_document(_doc(1, year=2019))  # values 1, 2, 3
        w.add_document(_doc(2, n_figures=2, year=2024))  # values 1, 2
    with store.writing() as w:
        found = w.same_values([("COUNT", 1.9, 3.1)])
        assert sorted((f.doc_id, f.value) for f in found) == [("d1", 2.0), ("d1", 3.0), ("d2", 2.0)]
        assert {f.doc_id for f in w.same_values([("COUNT", 1.9, 2.1)], exclude="d1")} == {"d2"}
        assert w.same_values([("MONEY", 0, 10)]) == [] and w.same_values([]) == []
    store.close()


def test_a_failed_write_leaves_nothing(location: str) -> None:
    store = Store(location)
    with pytest.raises(RuntimeError), store.writing() as w:
        w.add_document(_doc(1))
        raise RuntimeError("killed midway")
    assert store.summary()["documents"] == []
    store.close()


def test_cross_checks_are_recorded_once(location: str) -> None:
    store = Store(location)
    with store.writing() as w:
        assert w.add_cross_check("equal|a#q1|b#q2", "b", {"kind": "equal"})
        assert not w.add_cross_check("equal|a#q1|b#q2", "b", {"kind": "equal"})
    assert len(store.cross_checks()) == 1
    store.close()


def test_missing_store_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no store at"):
        Store(tmp_path / "none.db", create=False)
    with pytest.raises(UsageError, match="is a directory"):
        Store(tmp_path)


_WRITER = """
import sys
from numcheck.store import Store, StoredDocument, StoredFigure
location, first, last, figures = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
store = Store(location)
for i in range(first, last):
    text = "x" * figures
    figs = [StoredFigure(doc_id=f"d{i}", qid=f"q{k}", start=k, end=k + 1, text="x", kind="COUNT", value=k,
                         measure="cases", period_start="2024-01-01", period_end="2024-12-31") for k in range(figures)]
    with store.writing() as w:
        w.add_document(StoredDocument(id=f"d{i}", text=text, figures=figs))
print("done")
"""


def _figures_per_doc(location: str) -> dict[str, int]:
    store = Store(location)
    try:
        return {d["id"]: d["figures"] for d in store.summary()["documents"]}
    finally:
        store.close()


def test_a_killed_run_leaves_a_store_the_next_run_reads(location: str) -> None:
    Store(location).close()
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, location, "0", "100000", "400"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(_figures_per_doc(location)) < 3:
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    counts = _figures_per_doc(location)
    assert len(counts) >= 3
    assert set(counts.values()) == {400}, "a document was stored without all its figures"
    # The next run reads the store and adds to it.
    done = subprocess.run([sys.executable, "-c", _WRITER, location, "100000", "100002", "5"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _figures_per_doc(location)["d100001"] == 5


def test_two_runs_at_once_store_every_document_once(location: str) -> None:
    Store(location).close()
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, location, "0", "40", "30"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    counts = _figures_per_doc(location)
    assert sorted(counts) == sorted(f"d{i}" for i in range(40))
    assert set(counts.values()) == {30}
