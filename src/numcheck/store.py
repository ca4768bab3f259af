"""A store of figures across documents: every document read, and every figure with what a check
across releases needs (value and printed text, kind, what it counts, the period, the place).

One store is a SQLite file by default (no server) or a PostgreSQL database for a newsroom that
shares an archive (`postgresql://...`); the same SQLAlchemy Core code runs on both. A document
is written in one transaction together with the cross checks it was matched into, under a
store-wide write lock (SQLite `BEGIN IMMEDIATE`, a PostgreSQL transaction-level advisory lock),
so a run killed mid-write leaves the store as it was before that document, two runs writing
one store at once never store a document twice, and each pair of documents is matched exactly
once, by whichever run stores the second.

The store keeps numbers and words only; it knows nothing of models. Figure vectors (what the
cross matcher compares "what it counts" with) are kept as opaque bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from numcheck.errors import UsageError

#: Bumped when the tables change shape; a store of another version is refused with a hint.
STORE_VERSION = "1"
#: Any constant: the key of the PostgreSQL advisory lock that serialises writers of one store.
_PG_LOCK_KEY = 7_318_018

try:  # SQLAlchemy is a core dependency, but say how to install it rather than fail on import
    import sqlalchemy as sa
except ImportError:  # pragma: no cover - depends on the environment
    sa = None  # type: ignore[assignment]


@dataclass
class StoredFigure:
    """One figure of a stored document, as a cross check needs it.

    `measure` is the words that name what the figure counts (its clause, figures left out);
    `period_start`/`period_end` are ISO dates (the end inclusive; equal for a figure at a date,
    "at 1 January"); `vector` is the matcher's encoding of `measure`, as bytes.
    """

    doc_id: str
    qid: str
    start: int
    end: int
    text: str
    kind: str
    value: float | None = None
    unit: str | None = None
    measure: str = ""
    period_start: str | None = None
    period_end: str | None = None
    period_label: str | None = None
    place: str | None = None
    sentence_start: int = 0
    sentence_end: int = 0
    #: For a change: the period it compares against, and the new level its document pairs it with.
    compare_start: str | None = None
    compare_end: str | None = None
    partner: str | None = None
    #: For a change: the level printed right before it ("5688 (+1160)").
    adjacent: str | None = None
    vector: bytes | None = None


@dataclass
class StoredDocument:
    """A stored document: its id, where it came from and its text (figures point into it)."""

    id: str
    text: str
    publisher: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    period_label: str | None = None
    place: str | None = None
    text_hash: str = ""
    figures: list[StoredFigure] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.text_hash:
            self.text_hash = text_hash(self.text)


def text_hash(text: str) -> str:
    """The hash a store keeps of a document's text.

    >>> text_hash("5 cases")[:12]
    'sha256:10d2d'
    """
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _tables(meta: Any) -> dict[str, Any]:
    documents = sa.Table(
        "documents", meta,
        sa.Column("id", sa.String(512), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, index=True),
        sa.Column("publisher", sa.Text), sa.Column("title", sa.Text), sa.Column("date", sa.String(32)),
        sa.Column("url", sa.Text), sa.Column("text_hash", sa.String(80), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("period_start", sa.String(10)), sa.Column("period_end", sa.String(10)),
        sa.Column("period_label", sa.Text), sa.Column("place", sa.Text),
        sa.Column("stored_at", sa.String(32), nullable=False),
    )
    figures = sa.Table(
        "figures", meta,
        sa.Column("doc_id", sa.String(512), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("qid", sa.String(64), primary_key=True),
        sa.Column("start", sa.Integer, nullable=False), sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False), sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.Float), sa.Column("unit", sa.Text), sa.Column("measure", sa.Text, nullable=False),
        sa.Column("period_start", sa.String(10)), sa.Column("period_end", sa.String(10)),
        sa.Column("period_label", sa.Text), sa.Column("place", sa.Text),
        sa.Column("sentence_start", sa.Integer, nullable=False), sa.Column("sentence_end", sa.Integer, nullable=False),
        sa.Column("compare_start", sa.String(10)), sa.Column("compare_end", sa.String(10)),
        sa.Column("partner", sa.String(64)), sa.Column("adjacent", sa.String(64)),
        sa.Column("vector", sa.LargeBinary),
        sa.Index("ix_figures_period", "period_end", "period_start"),
        sa.Index("ix_figures_compare", "compare_end", "compare_start"),
        sa.Index("ix_figures_value", "value"),
    )
    cross = sa.Table(
        "cross_checks", meta,
        sa.Column("key", sa.String(128), primary_key=True),
        sa.Column("doc_id", sa.String(512), nullable=False, index=True),
        sa.Column("payload", sa.Text, nullable=False),
    )
    info = sa.Table("store_info", meta, sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text))
    return {"documents": documents, "figures": figures, "cross_checks": cross, "store_info": info}


def store_url(location: str | Path) -> str:
    """The SQLAlchemy URL of a store given as a path or a URL.

    >>> store_url("archive.db")
    'sqlite:///archive.db'
    >>> store_url("postgresql://u@localhost/news")
    'postgresql+psycopg://u@localhost/news'
    """
    loc = str(location)
    if loc.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + loc.split("://", 1)[1]
    if "://" in loc:
        return loc
    return f"sqlite:///{loc}"


class Store:
    """A store of documents and their figures (see the module docstring).

    >>> import tempfile
    >>> s = Store(Path(tempfile.mkdtemp()) / "a.db")
    >>> with s.writing() as w:
    ...     w.add_document(StoredDocument(id="d1", text="5 cases in 2024", date="2025-01-02"))
    True
    >>> [d["id"] for d in s.documents()]
    ['d1']
    """

    def __init__(self, location: str | Path, *, create: bool = True) -> None:
        if sa is None:  # pragma: no cover - depends on the environment
            raise UsageError("E_STORE", "--store needs SQLAlchemy, which is not installed", "pip install sqlalchemy")
        self.location = str(location)
        self.url = store_url(location)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            path = Path(self.url.removeprefix("sqlite:///"))
            if not create and not path.exists():
                raise UsageError("E_STORE", f"no store at {path}", "pass the file a `numcheck check --store` run wrote")
            if path.exists() and path.is_dir():
                raise UsageError("E_STORE", f"--store {path} is a directory", "pass a file name such as archive.db")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UsageError("E_STORE", f"--store {path} cannot be created: {exc}", "pass a writable path") from None
            self.engine = sa.create_engine(self.url, connect_args={"timeout": 300})
            _sqlite_transactions(self.engine, write_lock=True)
            # Readers (`numcheck store ls`) take no write lock: WAL lets them read while a run writes.
            self.read_engine = sa.create_engine(self.url, connect_args={"timeout": 300})
            _sqlite_transactions(self.read_engine, write_lock=False)
        else:
            try:
                self.engine = sa.create_engine(self.url, pool_pre_ping=True)
                self.read_engine = self.engine
            except (ImportError, sa.exc.ArgumentError) as exc:
                raise UsageError("E_STORE", f"--store {self._safe_url()} cannot be opened: {exc}",
                                 "pass a file path or postgresql://user@host/db (needs psycopg)") from None
        self.meta = sa.MetaData()
        self.t = _tables(self.meta)
        try:
            self._init()
        except sa.exc.OperationalError as exc:
            raise UsageError("E_STORE", f"--store {self._safe_url()} cannot be opened: {exc.orig}",
                             "check the path or the database URL and that the server is running") from None

    def _safe_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True) if hasattr(self, "engine") else self.location

    def _init(self) -> None:
        with self.writing_connection() as conn:
            self.meta.create_all(conn, checkfirst=True)
            info = self.t["store_info"]
            row = conn.execute(sa.select(info.c.value).where(info.c.key == "version")).scalar()
            if row is None:
                conn.execute(info.insert().values(key="version", value=STORE_VERSION))
            elif row != STORE_VERSION:
                raise UsageError("E_STORE", f"the store {self._safe_url()} has version {row}, this numcheck writes {STORE_VERSION}",
                                 "start a new store or use the numcheck version that wrote it")

    @contextmanager
    def writing_connection(self) -> Iterator[Any]:
        """A connection in a transaction that holds the store's write lock; commits on exit."""
        with self.engine.begin() as conn:
            if not self.is_sqlite:
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            yield conn

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One write transaction (a document and its cross checks), under the store's write lock.

        Everything read through the writer sees the store as this transaction leaves it, and no
        other writer runs until it commits; an exception rolls everything back.
        """
        with self.writing_connection() as conn:
            yield Writer(self, conn)

    # -- reading --------------------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        """Every stored document (without its text), in the order stored."""
        d = self.t["documents"]
        cols = [c for c in d.c if c.name != "text"]
        with self.read_engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(sa.select(*cols).order_by(d.c.seq))]

    def figure_count(self) -> int:
        """How many figures the store holds."""
        with self.read_engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(self.t["figures"])).scalar() or 0)

    def cross_checks(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        """The cross checks reported so far (each once), optionally those reported with one document."""
        c = self.t["cross_checks"]
        q = sa.select(c.c.doc_id, c.c.payload)
        if doc_id is not None:
            q = q.where(c.c.doc_id == doc_id)
        with self.read_engine.connect() as conn:
            return [{"doc": r.doc_id, **json.loads(r.payload)} for r in conn.execute(q)]

    def summary(self) -> dict[str, Any]:
        """What the store holds: documents, publishers, periods and figures, for `numcheck store ls`."""
        docs = self.documents()
        publishers: dict[str, int] = {}
        periods: dict[str, int] = {}
        for d in docs:
            publishers[d["publisher"] or "(no publisher)"] = publishers.get(d["publisher"] or "(no publisher)", 0) + 1
            label = d["period_label"] or "(no period)"
            periods[label] = periods.get(label, 0) + 1
        f = self.t["figures"]
        with self.read_engine.connect() as conn:
            per_doc = dict(conn.execute(sa.select(f.c.doc_id, sa.func.count()).group_by(f.c.doc_id)).all())
        return {
            "store": self._safe_url(),
            "documents": [{**d, "figures": per_doc.get(d["id"], 0)} for d in docs],
            "publishers": publishers,
            "periods": periods,
            "figures": sum(per_doc.values()),
            "cross_checks": len(self.cross_checks()),
        }

    def close(self) -> None:
        """Release the store's connections."""
        self.engine.dispose()
        self.read_engine.dispose()


class Writer:
    """What one write transaction can do: read the store as it stands, add a document and its cross checks."""

    def __init__(self, store: Store, conn: Any) -> None:
        self.store = store
        self.conn = conn
        self.t = store.t

    def stored_hash(self, doc_id: str) -> str | None:
        """The text hash of a stored document, or None when no document has this id."""
        d = self.t["documents"]
        return self.conn.execute(sa.select(d.c.text_hash).where(d.c.id == doc_id)).scalar()

    def add_document(self, doc: StoredDocument) -> bool:
        """Store a document and its figures; False (and nothing written) when its id is already stored."""
        if self.stored_hash(doc.id) is not None:
            return False
        d, f = self.t["documents"], self.t["figures"]
        seq = (self.conn.execute(sa.select(sa.func.max(d.c.seq))).scalar() or 0) + 1
        row = {k: v for k, v in asdict(doc).items() if k != "figures"}
        self.conn.execute(d.insert().values(**row, seq=seq, stored_at=datetime.now(UTC).isoformat(timespec="seconds")))
        if doc.figures:
            self.conn.execute(f.insert(), [{**asdict(x), "doc_id": doc.id} for x in doc.figures])
        return True

    def candidates(self, periods: Iterable[tuple[str, str]], *, exclude: str | None = None,
                   kinds: Sequence[str] | None = None, place: str | None = None) -> list[StoredFigure]:
        """Stored figures whose period overlaps any of `periods` (ISO start, end), of other documents.

        This is the one query a new document runs against the archive: an index on the periods
        keeps it to the figures of the periods the document's own figures speak of.
        """
        f = self.t["figures"]
        spans = list(dict.fromkeys(periods))
        if not spans:
            return []
        cond = sa.or_(*[sa.and_(f.c.period_start <= end, f.c.period_end >= start) for start, end in spans])
        q = sa.select(f).where(cond)
        if exclude is not None:
            q = q.where(f.c.doc_id != exclude)
        if kinds:
            q = q.where(f.c.kind.in_(list(kinds)))
        if place:
            # A figure of another place is never the same measure; one of no known place may be.
            q = q.where(sa.or_(f.c.place == place, f.c.place.is_(None)))
        return [StoredFigure(**dict(r._mapping)) for r in self.conn.execute(q)]

    def same_values(self, ranges: Iterable[tuple[str, float, float]], *, exclude: str | None = None,
                    place: str | None = None) -> list[StoredFigure]:
        """Stored figures of other documents whose kind is one of `ranges`' and whose value lies in
        its [low, high]: a figure restated whatever period each document gives it (a settlement's
        amount in its release and in a year-end review)."""
        f = self.t["figures"]
        spans = list(dict.fromkeys(ranges))
        if not spans:
            return []
        cond = sa.or_(*[sa.and_(f.c.kind == kind, f.c.value >= lo, f.c.value <= hi) for kind, lo, hi in spans])
        q = sa.select(f).where(cond)
        if exclude is not None:
            q = q.where(f.c.doc_id != exclude)
        if place:
            q = q.where(sa.or_(f.c.place == place, f.c.place.is_(None)))
        return [StoredFigure(**dict(r._mapping)) for r in self.conn.execute(q)]

    def compared_with(self, periods: Iterable[tuple[str, str]], *, exclude: str | None = None,
                      place: str | None = None) -> list[StoredFigure]:
        """Stored changes whose compared period overlaps any of `periods`: the changes a document
        read late (an older release after a newer one) holds the old levels of."""
        f = self.t["figures"]
        spans = list(dict.fromkeys(periods))
        if not spans:
            return []
        cond = sa.or_(*[sa.and_(f.c.compare_start <= end, f.c.compare_end >= start) for start, end in spans])
        q = sa.select(f).where(cond)
        if exclude is not None:
            q = q.where(f.c.doc_id != exclude)
        if place:
            q = q.where(sa.or_(f.c.place == place, f.c.place.is_(None)))
        return [StoredFigure(**dict(r._mapping)) for r in self.conn.execute(q)]

    def figures_of(self, doc_ids: Iterable[str]) -> list[StoredFigure]:
        """Every stored figure of these documents."""
        f = self.t["figures"]
        ids = list(dict.fromkeys(doc_ids))
        out: list[StoredFigure] = []
        for i in range(0, len(ids), 500):  # keeps the IN list within every backend's limits
            q = sa.select(f).where(f.c.doc_id.in_(ids[i : i + 500]))
            out += [StoredFigure(**dict(r._mapping)) for r in self.conn.execute(q)]
        return out

    def documents_by_id(self, doc_ids: Iterable[str]) -> dict[str, StoredDocument]:
        """Stored documents by id (their figures not loaded); ids not stored are left out."""
        d = self.t["documents"]
        ids = list(dict.fromkeys(doc_ids))
        out: dict[str, StoredDocument] = {}
        for i in range(0, len(ids), 500):
            for row in self.conn.execute(sa.select(d).where(d.c.id.in_(ids[i : i + 500]))):
                m = dict(row._mapping)
                m.pop("seq"), m.pop("stored_at")
                out[m["id"]] = StoredDocument(**m)
        return out

    def document(self, doc_id: str) -> StoredDocument | None:
        """A stored document (its figures not loaded), or None."""
        d = self.t["documents"]
        row = self.conn.execute(sa.select(d).where(d.c.id == doc_id)).first()
        if row is None:
            return None
        m = dict(row._mapping)
        m.pop("seq"), m.pop("stored_at")
        return StoredDocument(**m)

    def reported(self, key: str) -> bool:
        """Whether a cross check with this key was already reported."""
        c = self.t["cross_checks"]
        return self.conn.execute(sa.select(c.c.key).where(c.c.key == key)).first() is not None

    def add_cross_check(self, key: str, doc_id: str, payload: dict[str, Any]) -> bool:
        """Record that a cross check was reported with `doc_id`; False when it already was."""
        if self.reported(key):
            return False
        self.conn.execute(self.t["cross_checks"].insert().values(key=key, doc_id=doc_id,
                                                                   payload=json.dumps(payload, ensure_ascii=False)))
        return True


def _sqlite_transactions(engine: Any, *, write_lock: bool) -> None:
    """Let SQLAlchemy own SQLite's transactions and begin each with a write lock (BEGIN IMMEDIATE).

    pysqlite's own transaction handling begins lazily and lets two writers both read before
    either writes; SQLAlchemy's documented recipe disables it and emits the BEGIN itself. WAL
    journaling lets readers (`numcheck store ls`) run while a writer holds the lock.
    """

    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=300000")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write_lock else "BEGIN")
