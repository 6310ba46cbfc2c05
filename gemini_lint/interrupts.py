"""Ctrl-C held back across the few steps that must not be cut in two.

A ``KeyboardInterrupt`` raised in the middle of starting a process pool leaves workers that nobody
stops (the run then hangs at exit, waiting for them), and one raised inside an import of libcst
comes out, on Python before 3.12, wrapped in a ``RuntimeError`` from a class body (a traceback
instead of "interrupted"); one that cuts short the shutdown of a pool leaves workers waiting for a
word that never comes. Inside :func:`held`, SIGINT is blocked; a Ctrl-C pressed meanwhile is
delivered when the block ends, as the usual ``KeyboardInterrupt``, where the caller handles it.

The block is the calling thread's: threads started inside it (a pool's manager and queue threads)
keep it for good, so a Ctrl-C always reaches the main thread, which handles it.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Protocol


class Stop(Protocol):
    """What workers check between files, and what a Ctrl-C sets: a ``multiprocessing.Event``, or a
    :class:`~gemini_lint.parser_process.SharedFlag` set from the main process."""

    def set(self) -> None: ...

    def is_set(self) -> bool: ...


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Block SIGINT for the duration (main thread, POSIX; elsewhere a no-op)."""
    usable = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    if not usable:  # pragma: no cover - Windows, or a caller's own thread (signals go to the main thread)
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
