"""The process pool: same output in the same order for any --jobs; a crashing worker loses only its file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import FLASH, FLASH_GA, PRO, make_settings
from gemini_lint import engine, parallel
from gemini_lint.cli import main
from gemini_lint.engine import Mode

ARGS = ["--today", "2026-11-25", "--select", "GL001,GL002", "--format", "json"]


@pytest.fixture
def mixed_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 2)
    for index in range(40):
        folder = tmp_path / f"pkg{index % 4}"
        folder.mkdir(exist_ok=True)
        body = f'"""Module {index}."""\nA = "{FLASH}"\n# was {PRO}\n' if index % 3 else "x = 1\n"
        (folder / f"m{index:02d}.py").write_text(body)
    (tmp_path / "broken.py").write_text(f'def f(:\n  "{FLASH}"\n')
    (tmp_path / "notes.md").write_text(f"Use `{FLASH}`.\n")
    return tmp_path


fork_pool_only = pytest.mark.skipif(not parallel.FORK_POOL, reason="workers are forked on Linux only")


@pytest.fixture(params=["fork", "executor"])
def pool_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both pools: workers forked here (Linux) and a ProcessPoolExecutor (elsewhere; on Linux with fork)."""
    from gemini_lint import parallel

    if request.param == "fork" and not parallel.FORK_POOL:
        pytest.skip("workers are forked on Linux only")
    monkeypatch.setattr(parallel, "FORK_POOL", request.param == "fork")
    return str(request.param)


def _reaped(pids: list[int]) -> bool:
    """Whether every process in ``pids`` has been waited for (none left as a zombie or running)."""
    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


def _forked_workers(monkeypatch: pytest.MonkeyPatch, then: object = None) -> list[int]:
    """Record the pids of the workers the fork pool starts (and call ``then`` after each fork)."""
    from gemini_lint import parallel

    pids: list[int] = []
    real = parallel._fork_worker

    def recorded(*args: object) -> parallel._Worker:
        worker = real(*args)  # type: ignore[arg-type]
        pids.append(worker.pid)
        if callable(then):
            then()
        return worker

    monkeypatch.setattr(parallel, "_fork_worker", recorded)
    return pids


def test_jobs_do_not_change_output(pool_kind: str, mixed_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = []
    for jobs in ("1", "2", "3"):
        code = main([*ARGS, "--jobs", jobs, "."])
        out, err = capsys.readouterr()
        results.append((code, out, err))
    assert results[0][1].count('"GL001"') == 26 + 1  # 26 modules with an ID, and broken.py
    assert results[0] == results[1] == results[2]


def test_parallel_fix_matches_serial_fix(mixed_tree: Path, tmp_path: Path) -> None:
    main([*ARGS, "--jobs", "2", "--fix", "."])
    fixed = {p: p.read_text() for p in sorted(mixed_tree.rglob("m*.py"))}
    assert all(FLASH not in text for text in fixed.values())
    assert sum(FLASH_GA in text for text in fixed.values()) == 26


def test_worker_crash_loses_only_that_file(pool_kind: str, mixed_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = engine.process_bytes

    def crash_on_one(path: str, data: bytes, settings: object, mode: Mode) -> engine.FileOutcome:
        if path.endswith("m05.py"):
            os._exit(3)  # a native crash in the worker: no exception, the process is gone
        return real(path, data, settings, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "process_bytes", crash_on_one)
    paths = sorted(str(p) for p in mixed_tree.rglob("*.py"))
    candidates = [(p, Path(p).read_bytes()) for p in paths]
    from gemini_lint.parallel import run_parallel

    outcomes = run_parallel(candidates, make_settings(select=("GL001",)), Mode.CHECK, 2)
    assert [o.path for o in outcomes] == paths
    by_name = {Path(o.path).name: o for o in outcomes}
    assert by_name["m05.py"].failed and "crashed the analysing process" in by_name["m05.py"].notes[0]
    assert all(len(by_name[f"m{i:02d}.py"].diagnostics) == 1 for i in range(40) if i % 3 and i != 5)


def test_pays_to_parallelise_thresholds() -> None:
    small = [("a.py", b"x" * 10)] * 100
    assert not engine.pays_to_parallelise(small)
    big = [("a.py", b"x" * 64 * 1024)] * 8
    assert engine.pays_to_parallelise(big)
    assert not engine.pays_to_parallelise(big[:2])


def test_workers_reading_give_the_same_output(mixed_tree: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A large tree is read in the workers: same findings, same order as one process."""
    main([*ARGS, "--jobs", "1", "."])
    serial = capsys.readouterr()
    monkeypatch.setattr(engine, "PARALLEL_READ_FILES", 2)
    (mixed_tree / "pkg0" / "unreadable.py").write_text(f"A = '{FLASH}'\n")
    (mixed_tree / "pkg0" / "unreadable.py").chmod(0)
    if os.access(mixed_tree / "pkg0" / "unreadable.py", os.R_OK):
        (mixed_tree / "pkg0" / "unreadable.py").unlink()  # root reads anything: nothing to compare
    code = main([*ARGS, "--jobs", "2", "."])
    pooled = capsys.readouterr()
    assert pooled.out == serial.out
    assert code == 1
    if (mixed_tree / "pkg0" / "unreadable.py").exists():
        assert "unreadable.py: cannot read" in pooled.err


@pytest.mark.parametrize(
    ("step", "victim"),
    [
        ("first_pass", "m04.py"),  # the workers' first pass, reading the tree
        ("process_bytes", "m07.py"),  # the second pass, parsing what came back pending
    ],
)
def test_crash_while_workers_read(pool_kind: str, mixed_tree: Path, monkeypatch: pytest.MonkeyPatch, step: str, victim: str) -> None:
    real = getattr(engine, step)

    def crash_on_one(path: str, data: bytes, settings: object, mode: Mode) -> engine.FileOutcome:
        if path.endswith(victim):
            os._exit(3)
        return real(path, data, settings, mode)  # type: ignore[no-any-return]

    monkeypatch.setattr(engine, step, crash_on_one)
    monkeypatch.setattr(engine, "PARALLEL_READ_FILES", 2)
    paths = sorted(str(p) for p in mixed_tree.rglob("*.py"))
    outcomes = engine.run(paths, make_settings(select=("GL001",)), Mode.CHECK, jobs=2)
    assert [o.path for o in outcomes] == paths
    by_name = {Path(o.path).name: o for o in outcomes}
    assert by_name[victim].failed and "crashed the analysing process" in by_name[victim].notes[0]
    others = (f"m{i:02d}.py" for i in range(40) if i % 3)
    assert all(len(by_name[name].diagnostics) == 1 for name in others if name != victim)
    assert by_name["broken.py"].notes
    assert all(o.pending is None for o in outcomes)


def test_chunks_shrink_and_keep_order() -> None:
    from gemini_lint.parallel import MAX_CHUNK, chunks

    items = [(f"f{i:05d}", None) for i in range(5000)]
    cut = chunks(items, 2)
    assert [item for chunk in cut for item in chunk] == items
    sizes = [len(chunk) for chunk in cut]
    assert sizes[0] == MAX_CHUNK and sizes[-1] == 1 and sizes == sorted(sizes, reverse=True)
    assert chunks([], 2) == []


@fork_pool_only
def test_a_ctrl_c_while_forked_workers_start_stops_them_all(mixed_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    from gemini_lint import parallel

    pids = _forked_workers(monkeypatch, then=lambda: os.kill(os.getpid(), signal.SIGINT))
    items = [(str(p), None) for p in sorted(mixed_tree.rglob("*.py"))]
    with pytest.raises(KeyboardInterrupt):
        parallel.run_parallel(items, make_settings(), Mode.CHECK, 2)
    assert len(pids) == 2 and _reaped(pids)


@fork_pool_only
def test_a_ctrl_c_while_forked_workers_run_stops_them_after_the_file_in_hand(
    mixed_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import signal
    import time

    from gemini_lint import parallel

    real = engine.process_bytes
    started = mixed_tree / "started"
    started.mkdir()

    def slow(path: str, data: bytes, settings: object, mode: Mode) -> engine.FileOutcome:
        (started / Path(path).name).touch()  # in the worker: the files begun, on disk
        time.sleep(0.2)
        return real(path, data, settings, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "process_bytes", slow)
    pids = _forked_workers(monkeypatch)
    items = [(str(p), p.read_bytes()) for p in sorted(mixed_tree.rglob("*.py"))]
    batches = parallel.chunks(items, 2)
    assert min(len(batch) for batch in batches[:2]) >= 4  # a batch is far longer than the file in hand
    real_hand_out = parallel._hand_out
    calls = []

    def ctrl_c_once_busy(*args: object) -> None:
        real_hand_out(*args)  # type: ignore[arg-type]
        calls.append(1)
        if len(calls) == 2:  # both workers have a batch
            while len(list(started.iterdir())) < 2:
                time.sleep(0.01)
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(parallel, "_hand_out", ctrl_c_once_busy)
    with pytest.raises(KeyboardInterrupt):
        parallel.run_parallel(items, make_settings(), Mode.CHECK, 2)
    assert len(pids) == 2 and _reaped(pids)
    # Each worker finished the file in hand (a second one may have begun before the flag was set).
    assert len(list(started.iterdir())) <= 4


def no_fork() -> int:
    """os.fork when the system is out of processes."""
    raise OSError(11, "Resource temporarily unavailable")


@fork_pool_only
@pytest.mark.parametrize("refused", ["fork", "second pipe", "third pipe"])
def test_without_a_fork_the_work_is_done_here(mixed_tree: Path, monkeypatch: pytest.MonkeyPatch, refused: str) -> None:
    """No process (or no file descriptor for its pipes) for a worker: this process does the work; a
    worker started before the refusal does its share, and no descriptor is left open."""
    from gemini_lint import parallel

    items = [(str(p), None) for p in sorted(mixed_tree.rglob("*.py"))]
    forked = parallel.run_parallel(items, make_settings(), Mode.CHECK, 2, defer=True)
    real_pipe, pipes = os.pipe, []

    def no_second_pipe() -> tuple[int, int]:
        pipes.append(1)
        if len(pipes) == (2 if refused == "second pipe" else 3):
            raise OSError(24, "Too many open files")
        return real_pipe()

    if refused == "fork":
        monkeypatch.setattr(os, "fork", no_fork)
    else:
        monkeypatch.setattr(os, "pipe", no_second_pipe)
    open_before = sorted(os.listdir("/proc/self/fd"))
    assert parallel.run_parallel(items, make_settings(), Mode.CHECK, 2, defer=True) == forked
    assert sorted(os.listdir("/proc/self/fd")) == open_before
    assert sum(o.pending is not None for o in forked) == 26 + 1


@fork_pool_only
def test_without_a_fork_a_ctrl_c_still_stops_the_work(mixed_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The batches run here (no worker could be forked) still stop when ``stop`` is set, as the
    parser process's pool does on a Ctrl-C in the main process (it blocks SIGINT itself)."""
    from gemini_lint import parallel
    from gemini_lint.parser_process import SharedFlag

    monkeypatch.setattr(os, "fork", no_fork)
    stop = SharedFlag()
    stop.set()
    items = [(str(p), p.read_bytes()) for p in sorted(mixed_tree.rglob("*.py"))]
    outcomes = parallel.run_parallel(items, make_settings(), Mode.CHECK, 2, stop=stop)
    assert [o.path for o in outcomes] == [path for path, _ in items]
    assert all(o == engine.FileOutcome(o.path) for o in outcomes)  # not one file begun


@fork_pool_only
def test_a_crash_is_never_retried_in_this_process(mixed_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork refused after a worker crashed: the files of its batch are reported unanalysed, not run
    here (the crash would end the whole run); every other file keeps its result."""
    from gemini_lint import parallel

    real_fork, forks = os.fork, []

    def two_forks_then_none() -> int:
        forks.append(1)
        return no_fork() if len(forks) > 2 else real_fork()

    real = engine.process_bytes

    def crash_on_one(path: str, data: bytes, settings: object, mode: Mode) -> engine.FileOutcome:
        if path.endswith("m05.py"):
            os._exit(3)
        return real(path, data, settings, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "process_bytes", crash_on_one)
    monkeypatch.setattr(os, "fork", two_forks_then_none)
    paths = sorted(str(p) for p in mixed_tree.rglob("*.py"))
    outcomes = parallel.run_parallel([(p, Path(p).read_bytes()) for p in paths], make_settings(select=("GL001",)),
                                     Mode.CHECK, 2)
    assert [o.path for o in outcomes] == paths
    skipped = [o for o in outcomes if o.failed]
    assert "m05.py" in {Path(o.path).name for o in skipped}
    assert all("none could be started to retry it (Resource temporarily unavailable)" in o.notes[0] for o in skipped)
    assert len(skipped) < len(paths) // 2  # the crashed batch only
    kept = [o for o in outcomes if not o.failed and Path(o.path).name.startswith("m")]
    assert all(len(o.diagnostics) == (1 if int(Path(o.path).stem[1:]) % 3 else 0) for o in kept)


@fork_pool_only
def test_a_worker_gone_before_its_batch_loses_nothing(mixed_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed from outside between two batches: the batch it could not be given is run again."""
    from gemini_lint import parallel, parser_process

    items = [(str(p), None) for p in sorted(mixed_tree.rglob("*.py"))]
    expected = parallel.run_parallel(items, make_settings(), Mode.CHECK, 2)
    real = parser_process.send
    sent = []

    def broken_once(fd: int, message: object) -> None:
        sent.append(1)
        if len(sent) == 3:
            raise BrokenPipeError(32, "Broken pipe")
        real(fd, message)

    monkeypatch.setattr(parser_process, "send", broken_once)
    assert parallel.run_parallel(items, make_settings(), Mode.CHECK, 2) == expected
    assert len(sent) > 3


def test_a_ctrl_c_while_workers_start_stops_them_all(mixed_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C between the fork of the workers and their first task: none is left behind."""
    import multiprocessing
    import signal
    from concurrent.futures import ProcessPoolExecutor

    from gemini_lint import parallel

    # The step that forks workers: one at a time on Python 3.11+, all at once before.
    name = "_spawn_process" if hasattr(ProcessPoolExecutor, "_spawn_process") else "_adjust_process_count"
    real_spawn = getattr(ProcessPoolExecutor, name)

    def interrupted_spawn(self: ProcessPoolExecutor) -> None:
        real_spawn(self)
        os.kill(os.getpid(), signal.SIGINT)  # a worker exists now; the pool does not watch it yet

    monkeypatch.setattr(ProcessPoolExecutor, name, interrupted_spawn)
    monkeypatch.setattr(parallel, "FORK_POOL", False)  # the executor, as on platforms without fork
    items = [(str(p), None) for p in sorted(mixed_tree.rglob("*.py"))]
    with pytest.raises(KeyboardInterrupt):
        parallel.run_parallel(items, make_settings(), Mode.CHECK, 2)
    assert multiprocessing.active_children() == []


_IMPORT_INTERRUPTED = """
import os, signal, sys, threading, time
from gemini_lint.sources import python
def press_ctrl_c():  # from a thread that takes no SIGINT itself, like the pool's own threads
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    time.sleep(0.02)
    os.kill(os.getpid(), signal.SIGINT)
threading.Thread(target=press_ctrl_c).start()
try:
    python.load()
    time.sleep(5)
except KeyboardInterrupt:
    print("interrupted after the import" if "libcst" in sys.modules else "interrupted in the import")
except RuntimeError as exc:  # Python < 3.12, cut inside a class body
    print("RuntimeError", exc)
"""


def test_a_ctrl_c_during_the_libcst_import_waits_for_its_end() -> None:
    # Cut inside a class body, the import would raise a RuntimeError on Python 3.11 (a traceback).
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", _IMPORT_INTERRUPTED], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "interrupted after the import", proc.stderr


def test_a_ctrl_c_while_the_pool_shuts_down_stops_every_worker(mixed_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last step of a run: cut short, it left workers waiting for a word that never came (a hang at exit)."""
    import multiprocessing
    import signal
    from concurrent.futures import ProcessPoolExecutor

    from gemini_lint import parallel

    real_shutdown = ProcessPoolExecutor.shutdown

    def interrupted_shutdown(self: ProcessPoolExecutor, *args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        real_shutdown(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ProcessPoolExecutor, "shutdown", interrupted_shutdown)
    monkeypatch.setattr(parallel, "FORK_POOL", False)
    items = [(str(p), None) for p in sorted(mixed_tree.rglob("*.py"))]
    with pytest.raises(KeyboardInterrupt):
        parallel.run_parallel(items, make_settings(), Mode.CHECK, 2)
    assert multiprocessing.active_children() == []


def test_chunks_of_files_already_read_are_weighed_in_bytes() -> None:
    from gemini_lint.parallel import chunks

    items = [("big.py", b"x" * 100_000)] + [(f"s{i:02d}.py", b"x" * 500) for i in range(40)]
    cut = chunks(items, 2)
    assert [item for chunk in cut for item in chunk] == items
    assert cut[0] == [items[0]]  # the large file is a chunk of its own, started first
    assert len(cut[1]) > 1 and len(cut) < len(items)


def test_the_first_pass_leaves_only_what_needs_libcst(tmp_path: Path) -> None:
    settings = make_settings()
    python_id = f'MODEL = "{FLASH}"\n'.encode()
    assert engine.first_pass("a.py", python_id, settings, Mode.CHECK) == engine.FileOutcome("a.py", pending=python_id)
    notebook = b'{"cells": [{"cell_type": "code", "source": ["m = \'' + FLASH.encode() + b'\'"]}]}'
    assert engine.first_pass("n.ipynb", notebook, settings, Mode.CHECK).pending == notebook
    markdown = engine.first_pass("notes.md", f"Use `{FLASH}`.\n".encode(), settings, Mode.CHECK)
    assert markdown.pending is None and [d.code for d in markdown.diagnostics] == ["GL002"]
    claim = engine.first_pass("c.py", b"# The Gemini API is free.\n", settings, Mode.CHECK)
    assert claim.pending is None and [d.code for d in claim.diagnostics] == ["GL003"]
    assert engine.first_pass("clean.py", b"x = 1\n", settings, Mode.CHECK) == engine.FileOutcome("clean.py")
    # What was deferred comes out the same as when processed at once.
    assert engine.process_bytes("a.py", python_id, settings, Mode.CHECK).diagnostics


def test_a_large_tree_with_nothing_for_libcst_takes_one_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "PARALLEL_READ_FILES", 2)
    for index in range(12):
        (tmp_path / f"m{index:02d}.py").write_text("x = 1\n")
    (tmp_path / "notes.md").write_text(f"Use `{FLASH}`.\n")
    paths = sorted(str(p) for p in tmp_path.iterdir())
    calls: list[tuple[object, ...]] = []
    real = engine._run_candidates

    def recorded(*args: object) -> object:
        calls.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_run_candidates", recorded)
    outcomes = engine.run(paths, make_settings(), Mode.CHECK, jobs=2)
    assert calls == []  # no second pass: nothing came back pending
    assert [o.path for o in outcomes] == paths
    assert [d.code for o in outcomes for d in o.diagnostics] == ["GL002"]


def test_a_worker_chunk_says_only_what_matters(tmp_path: Path) -> None:
    """parallel._work in this process: clean files read here cost no outcome, every other file gets one."""
    from gemini_lint import parallel

    clean, dirty, claim = tmp_path / "clean.py", tmp_path / "dirty.py", tmp_path / "claim.md"
    clean.write_text("x = 1  # a comment about nothing\n")
    dirty.write_text(f'MODEL = "{FLASH}"\n')
    claim.write_text("The Gemini API is free.\n")
    missing = tmp_path / "gone.py"
    chunk = [(str(clean), None), (str(missing), None), (str(dirty), None), (str(claim), None), ("given.py", b"x = 2\n")]
    said = parallel._work(chunk, make_settings(), Mode.CHECK, True)
    assert [o.path for o in said] == [str(missing), str(dirty), str(claim)]
    assert said[0].failed and said[0].notes[0].startswith("cannot read:")
    assert said[1].pending == dirty.read_bytes()  # deferred to a process with libcst loaded
    assert [d.code for d in said[2].diagnostics] == ["GL003"]
    # Not deferred: the same chunk is finished here, with the same answers for the files that had them.
    finished = parallel._work(chunk, make_settings(), Mode.CHECK, False)
    assert [o.path for o in finished] == [str(missing), str(dirty), str(claim)]
    assert [d.code for d in finished[1].diagnostics] == ["GL001"] and finished[1].pending is None


def test_a_worker_that_dies_while_batches_are_still_handed_out_loses_no_file(
    mixed_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pool breaks before the last batch is submitted (a fast crash): submit raises, and the
    batches not handed out are retried like those of the dead worker."""
    import time
    from concurrent.futures import ProcessPoolExecutor

    from gemini_lint import parallel

    class SlowToHandOut(ProcessPoolExecutor):
        submitted = 0

        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            SlowToHandOut.submitted += 1
            if SlowToHandOut.submitted > 1 and len(args[0]) > 1:  # not in the one-file retries
                time.sleep(0.3)  # the worker that took the crashing file dies meanwhile: the pool breaks
            return super().submit(fn, *args, **kwargs)

    real = engine.first_pass

    def crash_on_one(path: str, data: bytes, settings: object, mode: Mode) -> engine.FileOutcome:
        if path.endswith("m01.py"):
            os._exit(3)
        return real(path, data, settings, mode)  # type: ignore[arg-type]

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", SlowToHandOut)
    monkeypatch.setattr(parallel, "FORK_POOL", False)
    monkeypatch.setattr(engine, "first_pass", crash_on_one)
    monkeypatch.setattr(engine, "PARALLEL_READ_FILES", 2)
    paths = sorted(str(p) for p in mixed_tree.rglob("*.py"))
    outcomes = engine.run(paths, make_settings(select=("GL001",)), Mode.CHECK, jobs=2)
    assert [o.path for o in outcomes] == paths
    by_name = {Path(o.path).name: o for o in outcomes}
    assert by_name["m01.py"].failed
    assert [name for name, o in by_name.items() if o.failed] == ["m01.py"]
    assert all(len(by_name[f"m{i:02d}.py"].diagnostics) == 1 for i in range(40) if i % 3 and i != 1)
