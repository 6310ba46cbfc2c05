"""The parser process: forked before the walk with libcst loading, it gives the outcomes this process would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import FLASH, FLASH_GA, PRO, make_settings
from gemini_lint import engine, parser_process
from gemini_lint.engine import Mode
from gemini_lint.parser_process import parser_process as started, wanted

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked on Linux only")


def _candidates(root: Path, count: int = 12) -> list[tuple[str, bytes]]:
    out = []
    for index in range(count):
        path = root / f"m{index:02d}.py"
        body = f'"""Module {index}."""\nMODEL = "{FLASH}"\n# was {PRO}\n' if index % 3 else f"# {FLASH} in a comment\n"
        path.write_text(body + "x = 1\n" * index)
        out.append((str(path), path.read_bytes()))
    return out


def _gone(pid: int, seconds: float = 10.0) -> bool:
    """The process has exited (and been reaped, by us or by init)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)
    return False


def test_wanted_for_a_folder_or_many_files_with_several_jobs(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    assert wanted([str(tmp_path)], 2)
    assert wanted(["a.py"] * engine.PARALLEL_READ_FILES, 2)  # pre-commit run --all-files
    assert not wanted([str(tmp_path)], 1)
    assert not wanted([str(tmp_path / "a.py")], 8)  # the pre-commit case: a few files by name
    assert not wanted([], 2)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("mode", [Mode.CHECK, Mode.DIFF])
def test_outcomes_are_those_of_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int, mode: Mode) -> None:
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)  # with 2 jobs: a pool forked from the parser process
    settings = make_settings()
    candidates = _candidates(tmp_path)
    expected = engine._run_candidates(candidates, settings, mode, 1)
    with started(settings, True) as parser:
        assert parser is not None
        assert parser.run(candidates, mode, jobs) == expected
        assert parser.run(candidates, mode, jobs) is None  # one use
    assert _gone(parser.pid)
    if mode is Mode.CHECK:  # 8 modules with a value and a comment, 4 with a comment only
        assert sum(len(o.diagnostics) for o in expected.values()) == 8 * 2 + 4
    else:
        assert sum(bool(o.diff) for o in expected.values()) == 8


def test_fix_through_the_parser_process_writes_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "PARALLEL_READ_FILES", 2)  # a large tree: the workers read, the parser process parses
    settings = make_settings()
    candidates = _candidates(tmp_path, 4)
    serial = tmp_path / "serial"
    serial.mkdir()
    for path, data in candidates:  # the same files, fixed by this process alone
        (serial / Path(path).name).write_bytes(data)
    engine.run(sorted(str(p) for p in serial.iterdir()), settings, Mode.FIX, jobs=1)
    with started(settings, True) as parser:
        outcomes = engine.run([path for path, _ in candidates], settings, Mode.FIX, jobs=2, parser=parser)
    assert [o.fixed for o in outcomes] == [0, 1, 1, 0]  # a comment mention is not fixed; a value is
    for path, data in candidates:  # byte for byte what the serial fix wrote; unfixed files untouched
        assert Path(path).read_bytes() == (serial / Path(path).name).read_bytes()
    assert Path(candidates[0][0]).read_bytes() == candidates[0][1]
    assert Path(candidates[1][0]).read_bytes() == candidates[1][1].replace(FLASH.encode(), FLASH_GA.encode(), 1)


def test_an_unused_parser_process_is_killed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "PARALLEL_READ_FILES", 2)
    paths = []
    for name in ("clean.py", "other.py"):
        (tmp_path / name).write_text("x = 1\n")
        paths.append(str(tmp_path / name))
    with started(make_settings(), True) as parser:
        assert parser is not None
        pid = parser.pid
        # A large run with nothing that needs the parser never sends it anything.
        assert engine.run(paths, make_settings(), Mode.CHECK, 2, parser) == [engine.FileOutcome(p) for p in paths]
        assert not _gone(pid, 0.1)
    assert _gone(pid)


def test_a_small_run_closes_it_at_once(tmp_path: Path) -> None:
    candidates = _candidates(tmp_path, 3)
    paths = [path for path, _ in candidates]
    expected = engine.run(paths, make_settings(), Mode.CHECK, jobs=1)
    with started(make_settings(), True) as parser:
        assert parser is not None
        assert engine.run(paths, make_settings(), Mode.CHECK, 2, parser) == expected
        assert _gone(parser.pid, 0.5)  # killed and reaped before the files were read
        assert parser.run(candidates, Mode.CHECK, 2) is None
    assert expected[1].diagnostics
    with started(make_settings(), False) as nothing:
        assert nothing is None


def test_a_parser_process_that_died_leaves_the_work_to_this_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "PARALLEL_READ_FILES", 2)
    settings = make_settings()
    candidates = _candidates(tmp_path, 6)
    paths = [path for path, _ in candidates]
    expected = engine.run(paths, settings, Mode.CHECK, jobs=1)
    with started(settings, True) as parser:
        assert parser is not None
        os.kill(parser.pid, signal.SIGKILL)
        assert engine.run(paths, settings, Mode.CHECK, jobs=2, parser=parser) == expected
    assert _gone(parser.pid)  # reaped on the way out


def test_stop_skips_the_files_not_begun(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)
    stop = parser_process.SharedFlag()
    assert not stop.is_set()
    stop.set()
    candidates = _candidates(tmp_path, 9)
    assert engine._run_candidates(candidates, make_settings(), Mode.CHECK, 1, stop=stop) == {}
    pooled = engine._run_candidates(candidates, make_settings(), Mode.CHECK, 2, stop=stop)
    assert set(pooled) == {path for path, _ in candidates}
    assert not any(o.diagnostics for o in pooled.values())  # no worker began a file


def test_a_ctrl_c_while_it_works_stops_it_after_the_file_in_hand(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C in this process while the parser process lints (one file a second): it stops, and is reaped."""
    real = engine.guarded
    begun = tmp_path / "begun"
    begun.mkdir()

    def slow(path: str, *args: object) -> engine.FileOutcome:
        (begun / Path(path).name).touch()
        time.sleep(1.0)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "guarded", slow)  # inherited by the fork
    candidates = _candidates(tmp_path, 10)

    def press_ctrl_c() -> None:  # from a thread that takes no SIGINT itself
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        time.sleep(1.5)
        os.kill(os.getpid(), signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        with started(make_settings(), True) as parser:
            assert parser is not None
            pid = parser.pid
            threading.Thread(target=press_ctrl_c).start()
            parser.run(candidates, Mode.CHECK, 1)
    assert _gone(pid, 0.5)  # already reaped on the way out
    assert 1 <= len(list(begun.iterdir())) <= 3  # not the 10 files: it stopped after the one in hand


_KILLED = """
import os, signal, sys, time
from pathlib import Path
from conftest import make_settings
from gemini_lint import engine
from gemini_lint.engine import Mode
from gemini_lint.parser_process import parser_process
marker = Path(sys.argv[1])
def busy(*args):
    marker.touch()
    time.sleep(60)
engine.guarded = busy  # inherited by the fork: the parser process is busy for a minute
with parser_process(make_settings(), True) as parser:
    print(parser.pid, flush=True)
    if sys.argv[2] == "idle":
        os.kill(os.getpid(), signal.SIGKILL)
    parser.run([("m.py", b"x = 1")], Mode.CHECK, 1)
"""


def test_a_shared_flag_is_seen_by_a_forked_process() -> None:
    flag = parser_process.SharedFlag()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        flag.set()
        os._exit(0)
    os.waitpid(pid, 0)
    assert flag.is_set()


def test_messages_go_through_a_pipe_whole(tmp_path: Path) -> None:
    read, write = os.pipe()
    message = {"big": b"x" * (3 << 20), "small": (1, "two")}  # larger than a pipe's buffer
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read)
        parser_process.send(write, message)
        os._exit(0)
    os.close(write)
    assert parser_process.receive(read) == message
    with pytest.raises(EOFError):
        parser_process.receive(read)  # the writer is gone
    os.close(read)
    os.waitpid(pid, 0)


@pytest.mark.parametrize("state", ["idle", "busy"])
def test_it_dies_with_a_killed_main_process(tmp_path: Path, state: str) -> None:
    tests = str(Path(__file__).parent)
    marker = tmp_path / "busy"
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED, str(marker), state], stdout=subprocess.PIPE, text=True, cwd=tests,
        env={**os.environ, "PYTHONPATH": tests + os.pathsep + os.environ.get("PYTHONPATH", "")},
    )
    assert proc.stdout is not None
    pid = int(proc.stdout.readline())
    if state == "busy":
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert marker.exists()
        proc.kill()  # the main process only, as `kill -9 <pid>` does
    proc.wait(timeout=60)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    assert _gone(pid, 3), "the parser process outlived the killed run"


def test_the_cli_uses_it_on_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from gemini_lint.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(engine, "PARALLEL_READ_FILES", 2)
    _candidates(tmp_path, 6)
    runs = []
    real = parser_process.ParserProcess.run

    def spy(self: parser_process.ParserProcess, *args: object) -> object:
        runs.append(self.pid)
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(parser_process.ParserProcess, "run", spy)
    outputs = []
    for jobs in ("2", "1"):
        main(["--today", "2026-11-25", "--jobs", jobs, "."])
        outputs.append(capsys.readouterr())
    assert len(runs) == 1  # --jobs 2 only
    assert outputs[0] == outputs[1] and "GL001" in outputs[0].out
