"""Input paths in, `Document`s out: files, directories, globs, standard input, JSONL sets.

Every input document comes out exactly once, readable or not: a document that cannot be
read carries `errors` (a stable code and a message that says what to do), so that a batch
never loses a document silently. Offsets always refer to the text extracted here, which the
result line carries, so the original HTML or PDF is never needed to read a result.

Layout that the checker relies on: paragraphs are separated by one blank line, a table is a
block of rows, one row per line with cells joined by " | ".
"""

from __future__ import annotations

import glob
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from numcheck.errors import InputError
from numcheck.schema import DocError, Document, Quantity, Reference, Source, Table

#: Suffixes picked up when walking a directory (explicitly named files are read whatever their suffix).
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".jsonl")
HTML_SUFFIXES = (".html", ".htm")
#: The id of a document read from standard input.
STDIN_ID = "<stdin>"
_GLOB_CHARS = re.compile(r"[*?\[]")
#: How many leading bytes decide whether a file is binary.
_SNIFF = 8192
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True)
class InputUnit:
    """One thing to read: a file, standard input, or a named path that does not exist.

    >>> InputUnit(path="press/a.txt", kind="file").path
    'press/a.txt'
    """

    path: str
    kind: Literal["file", "stdin", "missing"]
    #: Why a missing unit is missing (shown in its error message).
    reason: str = ""


@dataclass
class LoadedDocument:
    """A document as read, with what went wrong reading it (empty when it is fine).

    >>> LoadedDocument(Document(id="a", text="5 cases")).ok
    True
    """

    doc: Document
    errors: list[DocError] = field(default_factory=list)
    #: True when the document came from JSONL with its own gold `quantities` parsed.
    has_gold: bool = False

    @property
    def ok(self) -> bool:
        """Whether the document can be checked (warnings do not stop it)."""
        return all(e.is_warning for e in self.errors)


# --------------------------------------------------------------------------- paths


def expand_paths(
    paths: Sequence[str], *, exclude: Sequence[Path] = (), exclude_files: Sequence[Path] = ()
) -> list[InputUnit]:
    """Turn command-line paths into input units: directories recursively, globs, `-` (stdin).

    Directories are walked in sorted order (hidden entries skipped) and yield the files with a
    supported suffix. A walk never enters a directory in `exclude` (the run's own `--out`)
    unless it was named itself, and never yields a file in `exclude_files` (the run's own
    reports), so a run never reads what it writes. A path that is named but does not exist
    becomes a `missing` unit, so it gets a result line. Duplicates are read once.

    >>> [u.kind for u in expand_paths(["no/such/file.txt", "-"])]
    ['missing', 'stdin']
    """
    excluded = [_real(p) for p in exclude]
    skipped = {_real(p) for p in exclude_files}
    units: list[InputUnit] = []
    seen: set[str] = set()

    def add(unit: InputUnit) -> None:
        key = unit.kind + ":" + (_real(Path(unit.path)) if unit.kind == "file" else unit.path)
        if key not in seen:
            seen.add(key)
            units.append(unit)

    for raw in paths:
        if raw == "-":
            add(InputUnit(path=STDIN_ID, kind="stdin"))
            continue
        if not os.path.lexists(raw) and _GLOB_CHARS.search(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                add(InputUnit(path=raw, kind="missing", reason="no file matches this pattern"))
            for match in matches:
                for unit in _expand_one(match, excluded, skipped):
                    add(unit)
            continue
        for unit in _expand_one(raw, excluded, skipped):
            add(unit)
    return units


def _expand_one(raw: str, excluded: list[str], skipped: set[str]) -> Iterator[InputUnit]:
    if os.path.isdir(raw):
        yield from _walk(raw, excluded, skipped)
    elif os.path.lexists(raw) and not os.path.exists(raw):
        yield InputUnit(path=raw, kind="missing", reason="it is a symbolic link to a file that does not exist")
    elif os.path.lexists(raw):
        yield InputUnit(path=raw, kind="file")
    else:
        yield InputUnit(path=raw, kind="missing", reason="no such file or directory")


def _walk(root: str, excluded: list[str], skipped: set[str]) -> Iterator[InputUnit]:
    for dirpath, dirnames, filenames in os.walk(root):
        # Sorting in place makes os.walk itself deterministic; hidden and excluded dirs are pruned.
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and _real(Path(dirpath, d)) not in excluded
        )
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(SUPPORTED_SUFFIXES):
                continue
            if skipped and _real(Path(dirpath, name)) in skipped:
                continue
            yield InputUnit(path=os.path.join(dirpath, name), kind="file")


def _real(path: Path) -> str:
    return os.path.realpath(path)


def count_documents(units: Iterable[InputUnit]) -> int:
    """How many result lines the units will give (a JSONL file gives one per non-blank line).

    >>> count_documents([InputUnit(path="x.txt", kind="missing")])
    1
    """
    total = 0
    for unit in units:
        if unit.kind == "file" and unit.path.lower().endswith(".jsonl"):
            try:
                # Never open a pipe named *.jsonl here: it would block; reading reports it instead.
                if not stat.S_ISREG(os.stat(unit.path).st_mode):
                    raise OSError("not a regular file")
                with open(unit.path, "rb") as fh:
                    n = sum(1 for line in fh if line.strip())
            except OSError:
                n = 1
            total += max(n, 1)
        else:
            total += 1
    return total


# --------------------------------------------------------------------------- documents


def iter_documents(
    units: Iterable[InputUnit],
    *,
    max_bytes: int,
    with_gold: bool = False,
    stdin: BinaryIO | None = None,
) -> Iterator[LoadedDocument]:
    """Read each unit and yield its documents, one per file (one per line for JSONL).

    A document that cannot be read is yielded with an `errors` entry, never skipped; reading
    stops for nothing but the end of the input. `with_gold` also parses the gold `quantities`
    of JSONL documents (for `--extractor gold`).

    >>> [d.errors[0].code for d in iter_documents([InputUnit("gone.txt", "missing")], max_bytes=100)]
    ['E_MISSING']
    """
    for unit in units:
        try:
            yield from _read_unit(unit, max_bytes=max_bytes, with_gold=with_gold, stdin=stdin)
        except InputError as exc:
            yield _failed(unit.path, exc)
        except Exception as exc:  # noqa: BLE001 - one broken input must not stop the batch
            yield _failed(
                unit.path,
                InputError(
                    "E_INTERNAL",
                    f"reading {unit.path} raised {type(exc).__name__}: {exc}",
                    "this is a bug in numcheck; please report it together with the file",
                ),
            )


def _failed(doc_id: str, exc: InputError, source: Source | str | None = None) -> LoadedDocument:
    return LoadedDocument(
        Document(id=doc_id, text="", source=source or Source(path=doc_id)), [exc.to_doc_error()]
    )


def _read_unit(unit: InputUnit, *, max_bytes: int, with_gold: bool, stdin: BinaryIO | None) -> Iterator[LoadedDocument]:
    if unit.kind == "missing":
        raise InputError(
            "E_MISSING", f"{unit.path}: {unit.reason or 'no such file or directory'}",
            "check the path (relative paths start from the current directory)",
        )
    if unit.kind == "stdin":
        stream = stdin or sys.stdin.buffer
        head = _read_chunks(stream, _SNIFF)
        kind = _sniff_kind(head)
        # A JSONL stream is limited per line; any other is one document, read no further than
        # one byte past --max-bytes (endless input, /dev/zero say, must not fill the memory).
        data = head + _read_chunks(stream, None if kind == "jsonl" else max_bytes + 1 - len(head))
        yield from _read_bytes(STDIN_ID, data, kind, max_bytes=max_bytes, with_gold=with_gold)
        return
    path = unit.path
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("E_MISSING", f"{path}: the file disappeared before it could be read", "check the path") from None
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if not stat.S_ISREG(st.st_mode):
        # Opening a FIFO would block the whole batch; sockets and devices are not documents.
        raise InputError(
            "E_UNREADABLE", f"{path} is not a regular file (a pipe, socket or device)",
            "pass a regular file, or '-' to read standard input",
        )
    suffix = Path(path).suffix.lower()
    if suffix == ".jsonl":
        try:
            fh = open(path, "rb")  # noqa: SIM115 - closed below; the generator streams its lines
        except OSError as exc:
            raise _unreadable(path, exc) from None
        with fh:
            yield from _read_jsonl(path, fh, max_bytes=max_bytes, with_gold=with_gold)
        return
    if st.st_size > max_bytes:
        raise _too_large(path, st.st_size, max_bytes)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from None
    kind = "pdf" if suffix == ".pdf" else "html" if suffix in HTML_SUFFIXES else "text"
    yield from _read_bytes(path, data, kind, max_bytes=max_bytes, with_gold=with_gold)


def _read_bytes(doc_id: str, data: bytes, kind: str, *, max_bytes: int, with_gold: bool) -> Iterator[LoadedDocument]:
    if kind == "jsonl":
        yield from _read_jsonl(doc_id, io.BytesIO(data), max_bytes=max_bytes, with_gold=with_gold)
        return
    if len(data) > max_bytes:
        raise _too_large(doc_id, len(data), max_bytes)
    if not data.strip():
        raise InputError("E_EMPTY", f"{doc_id} is empty", "pass a document that contains text")
    source = Source(path=None if doc_id == STDIN_ID else doc_id)
    warnings: list[DocError] = []
    tables: list[Table] = []
    if kind == "pdf":
        from numcheck.pdf_read import read_pdf

        text, tables, meta = read_pdf(data, where=doc_id)
    elif kind == "html":
        from numcheck.html_read import read_html

        text, tables, meta = read_html(data, where=doc_id, warnings=warnings)
    else:
        text, meta = decode_text(data, where=doc_id, warnings=warnings), Source()
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        what = "has no main text (only navigation, scripts or markup)" if kind == "html" else "contains only white space"
        raise InputError("E_EMPTY", f"{doc_id} {what}", "pass a document that contains text")
    source = source.model_copy(update={k: v for k, v in meta.model_dump().items() if v is not None})
    yield LoadedDocument(Document(id=doc_id, text=text, source=source, tables=tables), warnings)


def _read_chunks(stream: BinaryIO, limit: int | None) -> bytes:
    """Up to `limit` bytes (None: all) from a stream, a megabyte at a time, so that a signal
    (Ctrl-C, SIGTERM) is handled between reads even when the input never ends."""
    chunks: list[bytes] = []
    left = limit
    while left is None or left > 0:
        chunk = stream.read(1 << 20 if left is None else min(1 << 20, left))
        if not chunk:
            break
        chunks.append(chunk)
        if left is not None:
            left -= len(chunk)
    return b"".join(chunks)


def _sniff_kind(data: bytes) -> str:
    head = data[:_SNIFF].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    lowered = head[:1024].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered:
        return "html"
    if head.startswith(b"{"):
        first = head.split(b"\n", 1)[0]
        try:
            obj = json.loads(first)
        except ValueError:
            return "text"
        if isinstance(obj, dict) and "text" in obj:
            return "jsonl"
    return "text"


def _unreadable(path: str, exc: OSError) -> InputError:
    if isinstance(exc, PermissionError):
        return InputError("E_UNREADABLE", f"{path} cannot be read: permission denied", "make it readable (chmod +r) or run as its owner")
    if isinstance(exc, IsADirectoryError):
        return InputError("E_UNREADABLE", f"{path} is a directory", "pass the directory itself, not a file path inside it")
    return InputError("E_UNREADABLE", f"{path} cannot be read: {exc.strerror or exc}", "check that the file is a readable regular file")


def _too_large(doc_id: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        "E_TOO_LARGE", f"{doc_id} has {size:,} bytes, more than --max-bytes {max_bytes:,}",
        "split the document or raise --max-bytes",
    )


# --------------------------------------------------------------------------- text


def decode_text(data: bytes, *, where: str = "input", warnings: list[DocError] | None = None) -> str:
    """Bytes of a text file as a string: UTF-8 (with or without BOM), UTF-16/32, or the detected encoding.

    UTF-8 with a few invalid bytes stays UTF-8 (each bad byte becomes U+FFFD, every other
    character is kept); text with no valid UTF-8 beyond ASCII is decoded in the encoding
    charset-normalizer guesses; UTF-16 without a byte order mark is recognised by its NUL
    bytes. Each of these is noted in `warnings` (W_ codes: the document is still checked).
    Raises `InputError` E_BINARY for binary data and E_ENCODING when no encoding fits.

    >>> decode_text("12 400 navires en été".encode("cp1252"))
    '12 400 navires en été'
    >>> notes = []; text = decode_text("€".encode() + b"\\xff" + "5.5 million".encode(), warnings=notes)
    >>> text[0], text[1] == "\\ufffd", [w.code for w in notes]
    ('€', True, ['W_DECODE_REPLACED'])
    """
    notes = warnings if warnings is not None else []
    head = data[:_SNIFF]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        text = data.decode("utf-32" if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) else "utf-16", errors="replace")
        _note_replaced(text, data, notes, where)
        return text
    if b"\x00" in head:
        codec = _utf16_without_bom(head)
        if codec is None:
            raise InputError(
                "E_BINARY", f"{where} looks binary (it contains NUL bytes), not text",
                "pass the text, HTML or PDF version of the document",
            )
        notes.append(DocError(code="W_ENCODING", message=f"{where} has no byte order mark; its NUL bytes say it is {codec.upper()}, read as such"))
        text = data.decode(codec, errors="replace")
        _note_replaced(text, data, notes, where)
        return text
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    replaced = data.decode("utf-8-sig", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = len(_NON_ASCII.findall(replaced))
    if valid_multibyte >= bad:
        # Mostly UTF-8: a stray byte must not turn every euro sign and minus into mojibake.
        notes.append(DocError(
            code="W_DECODE_REPLACED",
            message=f"{where} is UTF-8 with {bad} invalid byte(s), the first at byte {first_bad:,}; each was read "
            "as U+FFFD and every other character as UTF-8",
        ))
        return replaced
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(
            "E_ENCODING", f"{where} is not UTF-8 and no text encoding fits its bytes",
            "convert it to UTF-8 (e.g. iconv -f ENCODING -t UTF-8), or check that it is a text file",
        )
    notes.append(DocError(
        code="W_ENCODING",
        message=f"{where} is not UTF-8; it was read as {best.encoding} (a guess): check its currency signs and "
        "minus signs, or convert it to UTF-8",
    ))
    return str(best)


_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NUL bytes fill every other byte as in UTF-16 text, else None."""
    sample = head[: len(head) // 2 * 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.05 * len(other):
            text = sample.decode(codec, errors="replace")
            if sum(c.isprintable() or c.isspace() for c in text) >= 0.95 * len(text):
                return codec
    return None


def _note_replaced(text: str, data: bytes, notes: list[DocError], where: str) -> None:
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad:
        notes.append(DocError(code="W_DECODE_REPLACED", message=f"{where}: {bad} byte sequence(s) could not be decoded and were read as U+FFFD"))


# --------------------------------------------------------------------------- HTML

_WS = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n+")


def _clean_block(text: str) -> str:
    lines = [_WS.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n", "\n".join(line for line in lines if line)).strip()


def _inline_text(el: Any) -> str:
    for lb in el.iter("lb"):
        lb.text = "\n"  # a <br> ends a line; without this, its neighbours' words run together
    return _clean_block("".join(el.itertext()))


def _table_rows(table: Any) -> list[str]:
    rows = []
    for row in table.iter("row"):
        cells = [_inline_text(c).replace("\n", " ") for c in row.findall("cell")]
        cells = [c for c in cells if c]
        if cells:
            rows.append(" | ".join(cells))
    return rows


def _body_blocks(body: Any) -> list[str]:
    blocks: list[str] = []
    for el in body.iterchildren():
        if el.tag == "table":
            block = "\n".join(_table_rows(el))
        elif el.tag == "list":
            block = "\n".join(t for t in (_inline_text(i) for i in el.findall("item")) if t)
        else:
            block = _inline_text(el)
        if block:
            blocks.append(block)
    return blocks


def extract_html(
    data: bytes | str, *, url: str | None = None, where: str = "input", warnings: list[DocError] | None = None
) -> tuple[str, Source]:
    """The main text of a web page and its metadata (title, publisher, date, url).

    Menus, footers, share buttons and scripts are left out (trafilatura); paragraphs and
    headings become blocks separated by blank lines; table rows become lines of cells
    joined by " | ". Returns ("", Source()) when the page has no main text. A page nested
    deeper than libxml2 reads is flattened first (`numcheck.deephtml`), and bytes that are
    not valid UTF-8 are decoded as `decode_text` does unless the page declares its charset;
    both are noted in `warnings`.

    >>> extract_html("<html><body><nav>Home | News</nav><article><p>In 2024, 12 ships docked.</p>"
    ...              "<p>Of these, 3 were ferries and the rest cargo vessels, all of them inspected.</p>"
    ...              "</article></body></html>")[0].splitlines()[0]
    'In 2024, 12 ships docked.'
    """
    import trafilatura

    if isinstance(data, bytes) and b"\x00" in data[:_SNIFF] and not data.startswith(_BOMS[1:]):
        raise InputError("E_BINARY", f"{where} looks binary (it contains NUL bytes), not HTML", "pass the page's HTML source")
    data = _readable_html(data, where, warnings if warnings is not None else [])
    found = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_tables=True, include_comments=False,
        include_images=False, include_links=False, include_formatting=False, deduplicate=False,
        # Only a date the page's markup states: a guess from a year in the text would be a wrong date.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    blocks = _body_blocks(found.body) if found is not None and found.body is not None else []
    if not blocks:
        # Very short pages can fall under trafilatura's thresholds; its baseline keeps the paragraphs.
        body, _text, _n = trafilatura.baseline(data)
        blocks = [t for t in (_inline_text(p) for p in body.iterchildren()) if t]
    meta = Source()
    if found is not None:
        meta = Source(
            title=found.title or None,
            publisher=found.sitename or found.author or None,
            date=found.date or None,
            url=found.url or url,
        )
    return "\n\n".join(blocks), meta


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _readable_html(data: bytes | str, where: str, notes: list[DocError]) -> str:
    """The page as text for trafilatura: decoded in the charset it declares, else as a text
    file is (UTF-8 kept through a stray bad byte), and flattened when it nests too deep."""
    from numcheck.deephtml import MAX_DEPTH, flatten

    if isinstance(data, bytes):
        declared = _META_CHARSET.search(data[:_SNIFF])
        codec = _codec(declared.group(1).decode("ascii", "replace")) if declared else None
        if codec is not None and codec != "utf-8":
            data = data.decode(codec, errors="replace")
            _note_replaced(data, b"", notes, where)
        else:
            data = decode_text(data, where=where, warnings=notes)
    flat, depth = flatten(data)
    if depth:
        notes.append(DocError(
            code="W_HTML_DEEP",
            message=f"{where} nests its elements {depth:,} deep; markup below depth {MAX_DEPTH} was flattened "
            "(its text and paragraphs kept) so that the page could be read whole",
        ))
    return flat


def _codec(name: str) -> str | None:
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# --------------------------------------------------------------------------- PDF


def extract_pdf(data: bytes, *, where: str = "input") -> tuple[str, Source]:
    """The text of a PDF read as laid out (`numcheck.pdf_read`), and its title/author metadata.

    Raises `InputError` E_PDF_NO_TEXT when there is no text layer (a scan) and E_PDF_INVALID
    when the file cannot be read. `numcheck.pdf_read.read_pdf` also returns the tables.

    >>> extract_pdf(b"not a pdf")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    numcheck.errors.InputError: [E_PDF_INVALID] input is not a readable PDF
    """
    from numcheck.pdf_read import read_pdf

    text, _tables, meta = read_pdf(data, where=where)
    return text, meta


# --------------------------------------------------------------------------- JSONL


def _read_jsonl(name: str, fh: BinaryIO, *, max_bytes: int, with_gold: bool) -> Iterator[LoadedDocument]:
    head = fh.read(_SNIFF)
    if b"\x00" in head:
        raise InputError("E_BINARY", f"{name} looks binary (it contains NUL bytes), not JSONL", "pass a UTF-8 JSONL file")
    fh.seek(0)
    any_line = False
    for lineno, raw in enumerate(fh, start=1):
        if not raw.strip():
            continue
        any_line = True
        line_id = f"{name}:{lineno}"
        try:
            yield _jsonl_document(name, lineno, raw, max_bytes=max_bytes, with_gold=with_gold)
        except InputError as exc:
            yield _failed(line_id, exc, Source(path=name))
    if not any_line:
        raise InputError("E_EMPTY", f"{name} contains no JSON lines", "pass a JSONL file with one document per line")


def _jsonl_document(name: str, lineno: int, raw: bytes, *, max_bytes: int, with_gold: bool) -> LoadedDocument:
    where = f"{name}:{lineno}"
    if len(raw) > max_bytes:
        raise _too_large(where, len(raw), max_bytes)

    def bad(what: str, hint: str = 'each line must be a JSON object with at least "id" and "text"') -> InputError:
        return InputError("E_JSONL", f"line {lineno} of {name} {what}", hint)

    if lineno == 1 and raw.startswith(_BOMS[0]):
        raw = raw[len(_BOMS[0]) :]  # a byte order mark, as some Windows editors write it
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise bad("is not UTF-8", "save the file as UTF-8") from None
    except ValueError as exc:
        raise bad(f"is not valid JSON ({exc})") from None
    if not isinstance(obj, dict):
        raise bad(f"is a JSON {type(obj).__name__}, not an object")
    doc_id, text = obj.get("id"), obj.get("text")
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or str(doc_id) == "":
        raise bad('has no "id" (a non-empty string)')
    doc_id = str(doc_id)
    if not isinstance(text, str):
        raise bad(f'(id {doc_id!r}) has no "text" string')
    source: Source | str | None = obj.get("source")
    if isinstance(source, dict):
        try:
            source = Source.model_validate(source)
        except ValueError:
            source = Source(path=name)
    elif not isinstance(source, str):
        source = Source(path=name)
    reference = None
    if obj.get("reference") is not None:
        try:
            reference = Reference.model_validate(obj["reference"])
        except ValueError as exc:
            raise bad(f'(id {doc_id!r}) has an invalid "reference": {_first_error(exc)}', 'see spec/gold-format.md "reference"') from None
    if not text.strip():
        return LoadedDocument(
            Document(id=doc_id, text=text, source=source, reference=reference),
            [DocError(code="E_EMPTY", message=f'line {lineno} of {name} (id {doc_id!r}) has an empty "text". Give the document its text')],
        )
    quantities: list[Quantity] = []
    has_gold = False
    if with_gold and "quantities" in obj:
        has_gold = True
        try:
            quantities = [Quantity.model_validate(q) for q in obj["quantities"]]
        except (TypeError, ValueError) as exc:
            raise bad(f'(id {doc_id!r}) has invalid "quantities": {_first_error(exc)}', 'see spec/gold-format.md "quantities"') from None
        for q in quantities:
            if text[q.start : q.end] != q.text:
                raise bad(
                    f"(id {doc_id!r}): quantity {q.id} at {q.start}-{q.end} reads {text[q.start:q.end]!r}, not {q.text!r}",
                    "offsets must be Python string indices into text",
                )
    return LoadedDocument(
        Document(id=doc_id, text=text, source=source, reference=reference, quantities=quantities), has_gold=has_gold
    )


def _first_error(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        return f"{'.'.join(str(p) for p in first.get('loc', ()))}: {first.get('msg')}"
    return str(exc)
