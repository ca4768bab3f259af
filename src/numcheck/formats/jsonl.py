"""The machine-readable report (spec/report-format.md): one JSON line per document, streamed.

Each line is written and flushed as its document finishes, so a run killed at any moment
leaves every finished document on disk; `read_for_resume` then recovers them (dropping a
line cut off mid-write) so that `--resume` redoes only what is missing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TextIO

from numcheck.formats import RunSummary
from numcheck.schema import DocumentResult, dump_record, dump_result_pieces

#: File name of the JSONL report in `--out`.
RESULTS_NAME = "results.jsonl"


class JsonlWriter:
    """Writes one line per result to a stream, flushing after each.

    >>> import io
    >>> buf = io.StringIO(); JsonlWriter(buf).add(DocumentResult(id="a", text="5 cases"))
    >>> json.loads(buf.getvalue())["id"]
    'a'
    """

    def __init__(self, stream: TextIO, *, owns_stream: bool = False) -> None:
        self.stream = stream
        self.owns_stream = owns_stream
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
        # A stream that cannot take every character (stdout in a legacy locale) gets ASCII JSON.
        self.ascii = encoding not in ("utf8", "utf8sig")

    @classmethod
    def to_file(cls, path: Path, *, append: bool = False) -> JsonlWriter:
        """A writer on `path`, truncating it unless `append`."""
        return cls(Path(path).open("a" if append else "w", encoding="utf-8"), owns_stream=True)

    def add(self, result: DocumentResult) -> None:
        """Write one line and flush it to the operating system."""
        # In pieces (`dump_result_pieces`): a table-heavy report's line is tens of MB, and as one
        # string, then a copy with its newline, then its UTF-8 bytes, it was three times that.
        if self.ascii:
            line = dump_record(result)
            # escaped to ASCII, in the same compact layout as every other line
            line = line if line.isascii() else json.dumps(json.loads(line), separators=(",", ":"))
            self.stream.write(line + "\n")
        else:
            for piece in dump_result_pieces(result):
                self.stream.write(piece)
            self.stream.write("\n")
        self.stream.flush()

    def close(self, summary: RunSummary) -> None:  # noqa: ARG002 - the summary goes to run.json
        """Close the file (a borrowed stream such as stdout stays open)."""
        if self.owns_stream:
            self.stream.close()
        else:
            self.stream.flush()


def read_for_resume(path: Path) -> tuple[list[DocumentResult], int]:
    """The complete results of an interrupted run, and how many broken lines were dropped.

    A line cut off mid-write (the last one, after a kill) or any line that no longer parses
    is removed from the file itself, so that appending goes on from a clean end and its
    document is redone. Returns ([], 0) when the file does not exist.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "results.jsonl"
    >>> _ = p.write_text(dump_record(DocumentResult(id="a")) + "\\n" + '{"id": "b", "te')
    >>> results, dropped = read_for_resume(p)
    >>> [r.id for r in results], dropped, p.read_text().count("\\n")
    (['a'], 1, 1)
    """
    path = Path(path)
    if not path.exists():
        return [], 0
    data = path.read_bytes()
    kept: list[bytes] = []
    results: list[DocumentResult] = []
    dropped = 0
    lines = data.split(b"\n")
    # The piece after the last newline is a line still being written when the run stopped.
    complete, tail = lines[:-1], lines[-1]
    if tail.strip():
        dropped += 1
    for raw in complete:
        if not raw.strip():
            continue
        try:
            results.append(DocumentResult.model_validate(json.loads(raw)))
            kept.append(raw)
        except ValueError:
            dropped += 1
    if dropped:
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(b"".join(line + b"\n" for line in kept))
        os.replace(tmp, path)
    return results, dropped
