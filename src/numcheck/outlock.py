"""One run at a time in an output directory: `--out DIR` is locked for the whole run.

Two runs writing one `results.jsonl` interleave their lines and lose documents, and a run
beside a `--resume` of the same directory writes duplicates that the next resume keeps. So a
run takes an exclusive lock on `DIR/.numcheck.lock` before it reads or truncates anything
there, and a second run fails at once with a clear message (exit code 2). The lock is an
`flock`: the operating system releases it when the process ends, however it ends (kill -9
included), so a stale lock never blocks the next run. A run that ends removes the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from numcheck.errors import UsageError

#: The lock file in `--out` (hidden: a directory walk never reads it as input).
LOCK_NAME = ".numcheck.lock"


@contextmanager
def locked_out(out: Path | None) -> Iterator[None]:
    """Hold the lock of the output directory `out` (created already) for the block.

    Raises `UsageError` E_OUT_LOCKED when another run holds it. Without `out`, or where the
    platform has no `fcntl`, the block runs unlocked.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> with locked_out(d):
    ...     with locked_out(d):  # doctest: +IGNORE_EXCEPTION_DETAIL
    ...         pass
    Traceback (most recent call last):
    numcheck.errors.UsageError: [E_OUT_LOCKED] --out ... is in use by another numcheck run
    """
    if out is None:
        yield
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Linux or macOS
        yield
        return
    path = Path(out) / LOCK_NAME
    fh = _acquire(path, out, fcntl)
    try:
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}, started {datetime.now(UTC).isoformat(timespec='seconds')}\n")
        fh.flush()
        yield
    finally:
        # Removed while still held: a run that opened it meanwhile sees it gone and takes a new one.
        with suppress(OSError):
            path.unlink()
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        fh.close()


def _acquire(path: Path, out: Path, fcntl: Any) -> TextIO:
    for _ in range(5):
        fh = path.open("a+", encoding="utf-8")  # "a+" never truncates: the holder's note stays readable
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            raise UsageError(
                "E_OUT_LOCKED",
                f"--out {out} is in use by another numcheck run" + (f" ({holder})" if holder else ""),
                "wait for that run to finish, or pass another --out DIR",
            ) from None
        try:
            current = os.stat(path).st_ino == os.fstat(fh.fileno()).st_ino
        except FileNotFoundError:
            current = False
        if current:
            return fh
        fh.close()  # the run before removed this file as we opened it: lock the one there now
    raise UsageError("E_OUT_LOCKED", f"--out {out}: its lock file keeps changing", "wait for the other runs to finish")
