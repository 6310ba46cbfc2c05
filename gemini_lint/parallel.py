"""The process pool: candidates fan out to workers, results come back keyed by path.

A worker that dies (a segfault in a native parser, an ``os._exit``) breaks the pool; the files it
had not answered for are tried again in a fresh pool, and a file that breaks a pool on its own is
reported with a note, so one bad file never loses the other files' results.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from gemini_lint.config import Settings
from gemini_lint.engine import FileOutcome, Mode, guarded


def _context() -> multiprocessing.context.BaseContext:
    # fork is cheapest where it is safe (Linux); elsewhere the platform default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()  # pragma: no cover


def run_parallel(
    candidates: Sequence[tuple[str, bytes]], settings: Settings, mode: Mode, jobs: int
) -> list[FileOutcome]:
    """Process ``candidates`` on ``jobs`` workers; results in the order given."""
    results: dict[str, FileOutcome] = {}
    pending = list(candidates)
    isolate = False
    while pending:
        workers = 1 if isolate else min(jobs, len(pending))
        batch = pending[:1] if isolate else pending
        done = _one_pool(batch, settings, mode, workers)
        results.update(done)
        unanswered = [item for item in batch if item[0] not in done]
        if isolate and unanswered:
            path = unanswered[0][0]
            results[path] = FileOutcome(path, notes=("crashed the analysing process; skipped, nothing written",), failed=True)
            unanswered = []
        pending = unanswered + pending[len(batch):]
        isolate = bool(unanswered)
    return [results[path] for path, _ in candidates]


def _one_pool(
    batch: Sequence[tuple[str, bytes]], settings: Settings, mode: Mode, workers: int
) -> dict[str, FileOutcome]:
    done: dict[str, FileOutcome] = {}
    futures: list[tuple[str, Future[FileOutcome]]] = []
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
            for path, data in batch:
                futures.append((path, pool.submit(guarded, path, data, settings, mode)))
            for path, future in futures:
                try:
                    done[path] = future.result()
                except BrokenProcessPool:
                    continue  # this file's worker died (or the pool did): retried by the caller
    except BrokenProcessPool:  # pragma: no cover - raised on shutdown after a crash
        pass
    return done
