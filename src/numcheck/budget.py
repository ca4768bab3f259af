"""A time budget for checking one document: work past it is stopped, the batch goes on.

`time_budget(seconds)` arms a real-time timer (SIGALRM) around a block; when it fires, the
block is interrupted by `BudgetExceeded` at the next Python instruction (regular expressions
check for it too), and the runner writes what was checked with an `E_TIMEOUT` entry. It
derives from BaseException, like KeyboardInterrupt, so that no `except Exception` on the way
swallows it. Off the main thread, or where the platform has no SIGALRM, the block runs
without a budget (parts keep each piece of work bounded there).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class BudgetExceeded(BaseException):  # noqa: N818 - raised like KeyboardInterrupt, named for what happened
    """The time budget of a block ran out."""


def can_interrupt() -> bool:
    """Whether `time_budget` can stop work here (the main thread of a Unix process).

    >>> isinstance(can_interrupt(), bool)
    True
    """
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block for at most `seconds` (None or 0: no limit), else raise `BudgetExceeded`.

    >>> import time
    >>> try:
    ...     with time_budget(0.05):
    ...         while True: time.sleep(0.01)
    ... except BudgetExceeded:
    ...     print("stopped")
    stopped
    """
    if not seconds or seconds <= 0 or not can_interrupt():
        yield
        return

    running = True

    def expire(signum: int, frame: Any) -> None:  # noqa: ARG001 - signal handler signature
        if running:  # a timer firing as the block ends must not fail work that finished
            raise BudgetExceeded(f"the time budget of {seconds:g} s ran out")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        running = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
