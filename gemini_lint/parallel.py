"""The process pool: files fan out to workers in chunks, results come back keyed by path.

Chunks shrink as the work runs out (guided scheduling), so a large tree costs few round trips and
the last files still spread over every worker. Workers send back only outcomes with something in
them; a file with nothing to say is filled in here.

On a large tree the workers first read every file and finish all but those that need libcst, which
come back with their bytes (``defer``). The pending files then go, largest first, to workers forked
from a process that has libcst loaded: one import of libcst (~0.25 s of CPU) instead of one per
worker, and the longest parse starts first. That process is the parser process forked before the
walk (:mod:`gemini_lint.parser_process`), or else this one, which imports libcst when the first
pending file comes back, while the workers go on (``preload``).

On Linux the workers are forked here and fed through a pair of pipes each (:func:`_fork_pool`):
a batch goes to whichever worker answers first. That spares the ~25 ms import of
:mod:`concurrent.futures` and :mod:`multiprocessing` and the executor's threads (measured on the
sparse benchmark, 10 alternating runs each: 0.721 s -> 0.683 s of wall time); elsewhere a
``ProcessPoolExecutor`` does the same (:func:`_executor_pool`).

A worker that dies (a segfault in a native parser, an ``os._exit``) leaves its batch without an
answer (the executor: every batch not yet answered). Those files are then run one at a time in a
one-worker pool, where the first file without an answer is the one that broke it: that file is
reported with a note, the rest go on, so one bad file never loses the other files' results.

Workers ignore SIGINT (the terminal sends Ctrl-C to the whole process group): the main process
stops handing out batches, tells the workers to stop after the file in hand, and waits for them,
so a Ctrl-C is quick even with large chunks and no write is cut in half.
Workers also exit on their own when the main process is gone (``kill -9``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional

from gemini_lint.config import Settings
from gemini_lint.engine import FileOutcome, Mode, guarded, load_parser, needles, read_candidate
from gemini_lint.interrupts import Stop, held
from gemini_lint.matching import settings_matcher

if TYPE_CHECKING:
    import multiprocessing.context

Item = tuple[str, Optional[bytes]]

#: Largest chunk of files sent to a worker at once.
MAX_CHUNK = 256
#: Chunks per worker still to go: chunk size = remaining files // (workers * this).
CHUNKS_PER_WORKER = 4
#: How often an idle worker checks that the main process is still there (seconds).
PARENT_POLL = 0.2


#: Whether workers are forked by :func:`_fork_pool` (Linux) rather than started by an executor.
FORK_POOL = sys.platform.startswith("linux")


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    # fork is cheapest where it is safe (Linux); elsewhere the platform default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()  # pragma: no cover


#: What a file costs beyond its bytes, in bytes (for chunks of files already read).
FILE_COST = 1024


def chunks(items: Sequence[Item], workers: int) -> list[list[Item]]:
    """``items`` cut into chunks that shrink towards the end (order kept).

    A chunk's share is counted in files, or for files already read in bytes: a large file is a
    chunk of its own and a run of small ones is one chunk.
    """
    weights = [1 if data is None else len(data) + FILE_COST for _, data in items]
    remaining = sum(weights)
    out: list[list[Item]] = []
    at = 0
    while at < len(items):
        share = remaining // (workers * CHUNKS_PER_WORKER)
        end, taken = at + 1, weights[at]
        while end < len(items) and end - at < MAX_CHUNK and taken + weights[end] <= share:
            taken += weights[end]
            end += 1
        out.append(list(items[at:end]))
        remaining -= taken
        at = end
    return out


#: In a worker: set by the main process on Ctrl-C (and only then: it reads no answer after that).
_stop: Optional[Stop] = None


def _work(
    chunk: Sequence[Item], settings: Settings, mode: Mode, defer: bool, stop: Optional[Stop] = None
) -> list[FileOutcome]:
    """Run in a worker: the outcomes of ``chunk`` that say something (the files before a Ctrl-C).

    A file to read here that fails the bytes test (most of a large tree) costs a read and that test.
    ``stop`` is the worker's flag (:func:`_worker_setup`) unless given (a pool's work run in its own process).
    """
    look_for = needles(settings_matcher(settings), settings)
    outcomes = []
    stop = stop if stop is not None else _stop
    for path, data in chunk:
        if stop is not None and stop.is_set():
            break
        if data is None:
            read = read_candidate(path, look_for)
            if not isinstance(read, bytes):
                if read is not None:  # unreadable
                    outcomes.append(read)
                continue
            data = read
        outcome = guarded(path, data, settings, mode, defer)
        if outcome != FileOutcome(path):
            outcomes.append(outcome)
    return outcomes


def _worker_setup(parent: int, stop: Stop) -> None:  # pragma: no cover - runs in the worker processes
    global _stop
    _stop = stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:  # pragma: no cover - runs in the worker processes
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _warm_up(settings: Settings) -> None:
    """Build what every worker needs once, here, before the workers are forked from this process.

    GL003's patterns are not among them: compiled where first used (:mod:`gemini_lint.rules.lazy_re`),
    they would cost more here, before any worker starts, than in the few workers that need them.
    """
    settings_matcher(settings).regex.ascii  # noqa: B018  (compiled once, inherited by every worker)


def _new_stop(context: multiprocessing.context.BaseContext) -> Stop:
    """A flag the workers read between files: shared memory where they are forked (reading it is a
    memory read; a ``multiprocessing.Event`` takes a lock, ~3 µs a file), else an ``Event``."""
    if context.get_start_method() == "fork":
        from gemini_lint.parser_process import SharedFlag

        return SharedFlag()
    return context.Event()  # pragma: no cover - platforms without fork


def run_parallel(
    items: Sequence[Item],
    settings: Settings,
    mode: Mode,
    jobs: int,
    defer: bool = False,
    preload: bool = True,
    stop: Optional[Stop] = None,
) -> list[FileOutcome]:
    """Process ``items`` (path, bytes or None to read in the worker) on ``jobs`` workers; results in order.

    With ``defer``, files that need the Python parser come back pending (:func:`~gemini_lint.engine.first_pass`),
    and (``preload``) the first one to come back loads the parser here, while the workers go on.
    ``stop``, once set by another process, has the workers stop after the file in hand, as a
    Ctrl-C here does (the outcomes of files not begun then say nothing: for a run being interrupted).
    """
    _warm_up(settings)
    results: dict[str, FileOutcome] = {}
    pending = list(items)
    isolate = False
    while pending:
        if isolate:
            try:
                done = _one_pool([[item] for item in pending], settings, mode, 1, defer, preload, stop, alone=True)
            except NoWorker as exc:  # one of them crashes whatever runs it: not in this process
                note = (f"a worker process crashed on this file or one beside it, and none could be started to "
                        f"retry it ({exc.strerror}); skipped, nothing written")
                results.update((path, FileOutcome(path, notes=(note,), failed=True)) for path, _ in pending)
                break
            results.update(done)
            # One worker runs the files in order: the first without an answer broke the pool.
            unanswered = [item for item in pending if item[0] not in done]
            if unanswered:
                path = unanswered[0][0]
                results[path] = FileOutcome(
                    path, notes=("crashed the analysing process; skipped, nothing written",), failed=True
                )
                unanswered = unanswered[1:]
        else:
            workers = min(jobs, len(pending))
            answered = _one_pool(chunks(pending, workers), settings, mode, workers, defer, preload, stop)
            results.update(answered)
            unanswered = [item for item in pending if item[0] not in answered]
        pending = unanswered
        isolate = not isolate and bool(unanswered)
    return [results[path] for path, _ in items]


def _record(done: dict[str, FileOutcome], batch: Sequence[Item], outcomes: Sequence[FileOutcome]) -> bool:
    """The outcomes of an answered ``batch`` into ``done`` (its files with nothing to say too, since
    workers leave those out); whether one of them is pending (needs the parser)."""
    said = {o.path: o for o in outcomes}
    done.update((path, said.get(path) or FileOutcome(path)) for path, _ in batch)
    return any(o.pending is not None for o in outcomes)


class NoWorker(OSError):
    """Not one worker could be started for files that must not run in this process."""


def _one_pool(
    batches: Sequence[Sequence[Item]],
    settings: Settings,
    mode: Mode,
    workers: int,
    defer: bool,
    preload: bool,
    stop: Optional[Stop],
    alone: bool = False,
) -> dict[str, FileOutcome]:
    """Outcomes of every file whose batch was answered (files with nothing to say included).

    With ``preload``, the first pending outcome (only deferring workers send one) loads the parser here.
    ``alone``: the files are being retried after a worker crashed on one of them, so they must run in
    a worker of their own; when none can be started (:class:`NoWorker`) they are not run here.
    """
    if FORK_POOL:
        return _fork_pool(batches, settings, mode, workers, defer, preload, stop, alone)
    return _executor_pool(batches, settings, mode, workers, defer, preload, stop)


def _executor_pool(
    batches: Sequence[Sequence[Item]],
    settings: Settings,
    mode: Mode,
    workers: int,
    defer: bool,
    preload: bool,
    stop: Optional[Stop],
) -> dict[str, FileOutcome]:
    """:func:`_one_pool` on a ``ProcessPoolExecutor`` (where workers are not forked here)."""
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done: dict[str, FileOutcome] = {}
    parser_loaded = not preload
    futures: list[tuple[Sequence[Item], Future[list[FileOutcome]]]] = []
    context = _context()
    if stop is None:
        stop = _new_stop(context)
    pool: Optional[ProcessPoolExecutor] = None
    try:
        with held():  # a Ctrl-C while the workers start would leave some that nobody stops
            pool = ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=_worker_setup, initargs=(os.getpid(), stop)
            )
            for batch in batches:
                try:
                    futures.append((batch, pool.submit(_work, batch, settings, mode, defer)))
                except BrokenProcessPool:
                    break  # a worker died before every batch was handed out: the rest are retried by the caller
        for batch, future in futures:
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                if workers == 1:
                    break  # one worker, files in order: nothing after this one ran
                continue  # this batch's worker died (or the pool did): retried by the caller
            if _record(done, batch, outcomes) and not parser_loaded:
                load_parser()  # meanwhile: the pending files will need it
                parser_loaded = True
    except KeyboardInterrupt:
        stop.set()
        if pool is not None:
            with held():  # another Ctrl-C must not cut the shutdown short either
                pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        # Held: a Ctrl-C that cuts a shutdown short leaves workers waiting for a word that never
        # comes, and the run hangs at exit waiting for them.
        with held():
            try:
                if pool is not None:
                    pool.shutdown(wait=True)
            except BrokenProcessPool:  # pragma: no cover - raised on shutdown after a crash
                pass
    return done


class _Worker:
    """A worker forked by :func:`_fork_pool`: its pid, the pipe it reads batches from, the pipe it
    answers on, and the index of the batch in hand."""

    def __init__(self, pid: int, tasks: int, answers: int) -> None:
        self.pid = pid
        self.tasks = tasks
        self.answers = answers
        self.batch = -1


def _fork_pool(
    batches: Sequence[Sequence[Item]],
    settings: Settings,
    mode: Mode,
    workers: int,
    defer: bool,
    preload: bool,
    stop: Optional[Stop],
    alone: bool = False,
) -> dict[str, FileOutcome]:
    """:func:`_one_pool` on workers forked here, a batch at a time to whichever answers first.

    A worker that dies leaves its batch unanswered and takes no other; the rest go on. Settings,
    mode and the stop flag are inherited by the fork, so a batch is just its items. When not one
    worker can be forked, the batches run here, as with ``--jobs 1`` (unless ``alone``: NoWorker).
    """
    import select

    from gemini_lint.parser_process import SharedFlag, receive

    done: dict[str, FileOutcome] = {}
    if stop is None:
        stop = SharedFlag()
    parser_loaded = not preload
    started: list[_Worker] = []
    todo = list(range(len(batches)))[::-1]  # pop() hands them out in order
    try:
        refused: Optional[OSError] = None
        with held():  # a Ctrl-C between a fork and its bookkeeping would leave a worker nobody waits for
            for _ in range(workers):
                try:
                    started.append(_fork_worker(settings, mode, defer, stop, started))
                except OSError as exc:  # out of processes or file descriptors: fewer workers
                    refused = exc
                    break
        if not started:  # not even one (workers >= 1, so a fork or a pipe was refused): this process does the work
            assert refused is not None
            if alone:
                raise NoWorker(refused.errno, refused.strerror) from refused
            for batch in batches:  # none handed out yet
                _record(done, batch, _work(batch, settings, mode, defer, stop))
            return done
        poller = select.poll()
        busy: dict[int, _Worker] = {}
        for worker in started:
            _hand_out(worker, batches, todo, busy, poller)
        while busy:
            for fd, _ in poller.poll():
                worker = busy.pop(fd)
                poller.unregister(fd)
                try:
                    outcomes = receive(fd)
                except EOFError:  # it died: its batch stays unanswered (retried by the caller)
                    continue
                pending = _record(done, batches[worker.batch], outcomes)
                _hand_out(worker, batches, todo, busy, poller)
                if pending and not parser_loaded:
                    load_parser()  # meanwhile: the pending files will need it
                    parser_loaded = True
    except KeyboardInterrupt:
        stop.set()  # the workers stop after the file in hand
        raise
    finally:
        # Held: a second Ctrl-C must not leave a worker unwaited for. With its pipes closed, an idle
        # worker reads the end of its batches and exits; a busy one exits when its answer finds no
        # reader (it ignores SIGPIPE, as Python does).
        with held():
            for worker in started:
                for fd in (worker.tasks, worker.answers):
                    with contextlib.suppress(OSError):
                        os.close(fd)
            for worker in started:
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(worker.pid, 0)
    return done


def _hand_out(
    worker: _Worker, batches: Sequence[Sequence[Item]], todo: list[int], busy: dict[int, _Worker], poller: Any
) -> None:
    """Give ``worker`` the next batch, or, with none left, close its pipe of batches (it then exits)."""
    import select

    from gemini_lint.parser_process import send

    if not todo:
        os.close(worker.tasks)
        worker.tasks = -1
        return
    worker.batch = todo.pop()
    try:
        send(worker.tasks, batches[worker.batch])
    except OSError:  # it is gone (killed from outside): the batch stays unanswered
        return
    busy[worker.answers] = worker
    poller.register(worker.answers, select.POLLIN | select.POLLERR | select.POLLHUP)  # an answer, or its end (a death)


def _fork_worker(settings: Settings, mode: Mode, defer: bool, stop: Stop, others: Sequence[_Worker]) -> _Worker:
    """Fork a worker that runs batches from its pipe until the pipe ends; raises OSError when it cannot."""
    from gemini_lint.parser_process import receive, send

    parent = os.getpid()
    tasks_r, tasks_w = os.pipe()
    try:
        answers_r, answers_w = os.pipe()
    except OSError:
        os.close(tasks_r)
        os.close(tasks_w)
        raise
    try:
        pid = os.fork()
    except OSError:
        for fd in (tasks_r, tasks_w, answers_r, answers_w):
            os.close(fd)
        raise
    if pid == 0:  # pragma: no cover - runs in the worker (its outcomes are tested)
        code = 1
        try:
            os.close(tasks_w)
            os.close(answers_r)
            for other in others:  # or closing another worker's pipe would not end it
                for fd in (other.tasks, other.answers):
                    with contextlib.suppress(OSError):
                        os.close(fd)
            _worker_setup(parent, stop)
            while True:
                try:
                    batch = receive(tasks_r)
                except EOFError:
                    break
                send(answers_w, _work(batch, settings, mode, defer))
            code = 0
        finally:
            os._exit(code)
    os.close(tasks_r)
    os.close(answers_w)
    return _Worker(pid, tasks_w, answers_r)
