#!/usr/bin/env python3
"""Hand labels of real tables: show a document's tables to label them, and build the gold set.

The labels (`eval/labels/tables-real.jsonl`) hold no text. Each line names a document of
`../shared/data/documents/` by file name and pins what numcheck reads from it by the SHA-256
of the extracted text; each labelled check names its figures by place in a table grid
(table id, row, column, and 0 or 1 for the second figure of a cell such as "60 (28.0)")
with the SHA-256 of the figure's printed text (first 12 hex digits), its kind, its verdict
(decided by a person reading the rendered page) and a note. `build` reads each document
with numcheck, finds every labelled figure in the grid, checks its hash, and writes a
gold-format JSONL (spec/gold-format.md, with the document's `tables`) for `numcheck eval`.
A document whose extracted text changed is still built from its grid places when every
figure's hash still matches; a figure that no longer matches stops the build with its place.

    python scripts/table_labels.py show ../shared/data/documents/census-statistical-abstract-2012-table-324-arrests.pdf
    python scripts/table_labels.py build --labels eval/labels/tables-real.jsonl \\
        --documents ../shared/data/documents --out /tmp/tables-real.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any


def sha(text: str, n: int | None = None) -> str:
    """Hex SHA-256 of UTF-8 text, optionally cut to n digits.

    >>> sha("", 12)
    'e3b0c44298fc'
    """
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return digest[:n] if n else digest


def read_document(path: Path) -> Any:
    """The document as numcheck reads it (text and tables)."""
    from numcheck.sources import expand_paths, iter_documents

    loaded = next(iter_documents(expand_paths([str(path)]), max_bytes=50_000_000))
    if loaded.errors:
        raise SystemExit(f"{path}: {loaded.errors[0].message}")
    doc = loaded.doc
    if not doc.tables:
        from numcheck.tables import find_text_tables

        doc = doc.model_copy(update={"tables": find_text_tables(doc.text)})
    return doc


def figure_at(doc: Any, place: list[Any]) -> tuple[int, int, str] | None:
    """[start, end) and printed text of the figure at a grid place [table, row, col, sub]."""
    from numcheck.tables import Grid, read_cell

    table_id, row, col, *rest = place
    sub = rest[0] if rest else 0
    table = next((t for t in doc.tables if t.id == table_id), None)
    if table is None:
        return None
    grid = Grid(table, doc.text)
    cell = grid.own(row, col)
    if cell is None:
        return None
    cn = read_cell(doc.text[cell.start : cell.end])
    if cn is None or cn.form != "number":
        return None
    part = cn if sub == 0 else cn.second
    if part is None:
        return None
    start, end = cell.start + part.start, cell.start + part.end
    return start, end, doc.text[start:end]


def show(path: Path, only: str | None) -> None:
    """Print each table's grid with row and column numbers (for the person labelling)."""
    from numcheck.tables import Grid

    doc = read_document(path)
    print(f"{path.name}: text sha256 {sha(doc.text)}, {len(doc.tables)} tables")
    for t in doc.tables:
        if only and t.id != only:
            continue
        grid = Grid(t, doc.text)
        cap = doc.text[t.caption[0] : t.caption[1]] if t.caption else ""
        print(f"\n== {t.id} page {t.page} {t.n_rows}x{t.n_cols} header rows {t.header_rows} cols {t.header_cols}: {cap[:100]}")
        for r in range(t.n_rows):
            cells = [grid.text_at(r, c)[:14] for c in range(t.n_cols)]
            print(f"r{r:<3}" + " | ".join(f"{c}:{x}" for c, x in enumerate(cells)))


def build(labels: Path, documents: Path, out: Path) -> int:
    """Write the gold set; return how many checks it holds."""
    lines = []
    n_checks = 0
    for raw in labels.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        lab = json.loads(raw)
        doc = read_document(documents / lab["document"])
        if sha(doc.text) != lab["text_sha256"]:
            print(f"{lab['document']}: the extracted text changed since labelling; building from grid places",
                  file=sys.stderr)
        found: dict[tuple[Any, ...], tuple[int, int, str]] = {}
        for check in lab["checks"]:
            for place, digest in zip(check["figures"], check["hashes"], strict=True):
                if place is None:
                    continue
                hit = figure_at(doc, place)
                if hit is None or sha(hit[2], 12) != digest:
                    raise SystemExit(f"{lab['document']}: no figure with hash {digest} at {place} "
                                     f"(found {hit[2] if hit else None!r}); relabel this table")
                found[tuple(place)] = hit
        ordered = sorted(found.items(), key=lambda kv: kv[1][0])
        ids = {place: f"q{i}" for i, (place, _hit) in enumerate(ordered, start=1)}
        quantities = []
        for place, (start, end, text) in ordered:
            quantities.append({"id": ids[place], "start": start, "end": end, "text": text, "kind": "COUNT"})
        checks = []
        for check in lab["checks"]:
            members = [ids[tuple(p)] if p is not None else check.get("literal") for p in check["figures"]]
            checks.append({"kind": check["kind"], "quantities": members, "verdict": check["verdict"],
                           "note": check.get("note", "")})
        n_checks += len(checks)
        lines.append(json.dumps({
            "id": lab["document"], "source": {"path": lab["document"], "title": lab.get("title")},
            "gold_scope": "the figures of the labelled table relations only",
            "text": doc.text, "tables": [t.model_dump(mode="json") for t in doc.tables],
            "quantities": quantities, "checks": checks,
        }, ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n_checks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("show", help="print a document's tables with row and column numbers")
    s.add_argument("path", type=Path)
    s.add_argument("--table")
    b = sub.add_parser("build", help="write the gold set from the labels and the documents")
    b.add_argument("--labels", type=Path, default=Path("eval/labels/tables-real.jsonl"))
    b.add_argument("--documents", type=Path, default=Path("../shared/data/documents"))
    b.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    if args.command == "show":
        show(args.path, args.table)
        return 0
    n = build(args.labels, args.documents, args.out)
    print(f"wrote {args.out}: {n} checks", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
