"""A process forked at the start of a large run that imports libcst while this one walks the tree.

Importing libcst costs ~0.25 s of CPU, and on a large tree it used to be paid in the main process
while the workers read files, i.e. on a CPU they wanted. The walk before them leaves a CPU idle on
any machine with two: this process is forked just before the walk, imports libcst and builds the
matcher there, then waits. The files that need the Python parser are sent to it once they are
known; it lints them itself, or on workers forked from it (with libcst loaded), as the main process
would have, and sends the outcomes back. A run that needs no parser kills it unused, and so does
one over fewer than ``engine.PARALLEL_READ_FILES`` files: a walk that short hid little of the
import, and the main process does the work as quickly without the fork and the pipes.

Nothing here changes what is found or written: the outcomes are those :func:`engine._run_candidates`
gives in the main process, which is also where the files go if this process is gone (or cannot be
started). Its life is bound to the main process's:

* SIGINT is blocked in it for good (it is forked with the signal held): a Ctrl-C reaches the main
  process, which sets ``stop``; workers then finish the file in hand, as in the main process's own
  pools, and it exits. One way to stop, whether the terminal signalled the whole process group or
  ``kill -INT`` the main process alone.
* It dies with the main process (``PR_SET_PDEATHSIG`` on Linux; it also checks while it waits), and
  its workers die with it (:func:`gemini_lint.parallel._exit_with`).
* It never returns into the caller's code: it leaves by ``os._exit``, with nothing flushed twice.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ~1.5 ms of a run over a clean file
if TYPE_CHECKING:
    from typing import Any, Optional

    from gemini_lint.config import Settings
    from gemini_lint.engine import FileOutcome, Mode


#: How often the waiting process checks that the main process is still there (seconds).
PARENT_POLL = 0.2
#: Linux prctl option: the signal this process gets when its parent dies.
_PR_SET_PDEATHSIG = 1


class SharedFlag:
    """A flag in memory shared with the processes forked after it: what a ``stop`` needs of a
    ``multiprocessing.Event``, without the ~30 ms import of :mod:`multiprocessing` before the walk
    (a run that turns out small never needs it)."""

    def __init__(self) -> None:
        import mmap

        self._memory = mmap.mmap(-1, 1)  # anonymous and shared (MAP_SHARED is the default)

    def set(self) -> None:
        self._memory[0] = 1

    def is_set(self) -> bool:
        return self._memory[0] == 1


class ParserProcess:
    """The forked process and the pipes to it; :meth:`run` once, then :meth:`close`."""

    def __init__(self, pid: int, requests: int, answers: int, stop: SharedFlag) -> None:
        self.pid = pid
        self._requests = requests
        self._answers = answers
        self._stop = stop
        self._sent = False
        self._answered = False
        self._exited = False
        self._closed = False

    def run(
        self, candidates: Sequence[tuple[str, bytes]], mode: Mode, jobs: int
    ) -> Optional[dict[str, FileOutcome]]:
        """The outcomes of ``candidates`` (files already read), or None when this process cannot
        give them (used already, or gone): the caller then runs them itself."""
        if self._sent or self._closed:
            return None
        self._sent = True
        from gemini_lint.interrupts import held

        try:
            with held():  # a message cut in two would leave it waiting for the rest
                send(self._requests, (list(candidates), mode, jobs))
            answer: dict[str, FileOutcome] = receive(self._answers)
        except (OSError, EOFError):  # it died (or was killed): the caller does the work
            return None
        except KeyboardInterrupt:
            self._interrupt()
            raise
        self._answered = True
        return answer

    def _interrupt(self) -> None:
        """Ctrl-C after the files were sent: its workers finish the file in hand, then it exits.

        What it sends meanwhile is read and dropped (raw bytes: a message may have been cut), so
        that it is never stuck writing to a pipe nobody reads.
        """
        import select

        from gemini_lint.interrupts import held

        self._stop.set()
        with held():
            while not self._exited:
                with contextlib.suppress(OSError):
                    readable, _, _ = select.select([self._answers], [], [], 0.05)
                    if readable and not os.read(self._answers, 1 << 16):
                        break  # end of file: it has closed its end and is exiting
                self._reap(block=False)
            self._reap()

    def close(self) -> None:
        """End it (once): unused, it is killed (it holds no file); sent files, it is waited for."""
        if self._closed:
            return
        self._closed = True
        if not self._sent:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        elif not self._answered:
            self._interrupt()
        self._reap()
        os.close(self._requests)
        os.close(self._answers)

    def _reap(self, block: bool = True) -> None:
        if self._exited:
            return
        try:
            pid, _ = os.waitpid(self.pid, 0 if block else os.WNOHANG)
        except ChildProcessError:  # pragma: no cover - reaped elsewhere
            pid = self.pid
        self._exited = pid == self.pid


def send(fd: int, message: Any) -> None:
    """Write ``message`` to the pipe ``fd``: its pickle's length (8 bytes), then the pickle."""
    import pickle

    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    for part in (len(data).to_bytes(8, "little"), data):
        view = memoryview(part)
        while view:
            view = view[os.write(fd, view) :]


def receive(fd: int) -> Any:
    """The next message from the pipe ``fd`` (:func:`send`); EOFError when the writer is gone."""
    import pickle

    return pickle.loads(_read_exactly(fd, int.from_bytes(_read_exactly(fd, 8), "little")))


def _read_exactly(fd: int, size: int) -> bytes:
    data = bytearray()
    while len(data) < size:
        chunk = os.read(fd, min(size - len(data), 1 << 20))
        if not chunk:
            raise EOFError("the other end of the pipe closed")
        data += chunk
    return bytes(data)


def wanted(paths: Sequence[str], jobs: int) -> bool:
    """Whether a run over ``paths`` is likely large enough to use a parser process: more than one
    job, fork available, and a folder among the paths (or many files, as ``pre-commit run -a`` gives)."""
    from gemini_lint.engine import PARALLEL_READ_FILES

    if jobs < 2 or not sys.platform.startswith("linux"):
        return False
    return len(paths) >= PARALLEL_READ_FILES or any(os.path.isdir(path) for path in paths)


@contextlib.contextmanager
def parser_process(settings: Settings, start: bool) -> Iterator[Optional[ParserProcess]]:
    """A :class:`ParserProcess` for the duration (None when ``start`` is False or it cannot be
    forked), closed on the way out whatever happens."""
    process = _start(settings) if start else None
    try:
        yield process
    finally:
        if process is not None:
            process.close()


def _start(settings: Settings) -> Optional[ParserProcess]:
    from gemini_lint.interrupts import held

    stop = SharedFlag()
    request_r, request_w = os.pipe()
    answer_r, answer_w = os.pipe()
    parent = os.getpid()
    for stream in (sys.stdout, sys.stderr):  # nothing buffered here may be written twice
        with contextlib.suppress(Exception):
            stream.flush()
    with held():  # the child keeps SIGINT blocked for good
        try:
            pid = os.fork()
        except OSError:  # pragma: no cover - out of processes: the main process does the work
            pid = -1
        if pid == 0:  # pragma: no cover - runs in the forked process (its outcomes are tested)
            code = 1
            try:
                os.close(request_w)
                os.close(answer_r)
                code = _serve(request_r, answer_w, parent, settings, stop)
            finally:
                os._exit(code)
    os.close(request_r)
    os.close(answer_w)
    if pid < 0:  # pragma: no cover
        os.close(request_w)
        os.close(answer_r)
        return None
    return ParserProcess(pid, request_w, answer_r, stop)


def _serve(requests: int, answers: int, parent: int, settings: Settings, stop: SharedFlag) -> int:  # pragma: no cover - forked
    """The forked process: load libcst, wait for the files, lint them, answer."""
    import select

    from gemini_lint.engine import _run_candidates, load_parser
    from gemini_lint.parallel import _warm_up

    load_parser()
    _warm_up(settings)
    _die_with_parent()
    while not select.select([requests], [], [], PARENT_POLL)[0]:
        if os.getppid() != parent:
            return 0
    if os.getppid() != parent:
        return 0
    try:
        candidates, mode, jobs = receive(requests)
    except EOFError:
        return 0
    outcomes = _run_candidates(candidates, settings, mode, jobs, stop=stop)
    with contextlib.suppress(OSError):
        send(answers, outcomes)
    return 0


def _die_with_parent() -> None:  # pragma: no cover - forked
    """Have the kernel kill this process when its parent dies (Linux), as a ``kill -9`` of the main
    process would otherwise leave it (and its workers) running. (Asked after the import of libcst,
    which a small run is waiting for: the wait for the files checks on the parent too.)"""
    with contextlib.suppress(Exception):
        import ctypes

        libc: Any = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
