"""The default of ``--jobs``: the CPUs this process may use (affinity, capped by a cgroup CPU quota)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest

from conftest import FLASH
from gemini_lint import cpus, engine
from gemini_lint.cli import main


def cgroup(tmp_path: Path, files: dict[str, str]) -> str:
    """A fake cgroup mount with ``files`` (relative path -> content)."""
    root = tmp_path / "cgroup"
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content)
    root.mkdir(parents=True, exist_ok=True)
    return str(root)


@pytest.mark.parametrize(
    ("files", "path", "limit"),
    [
        ({"cpu.max": "200000 100000\n"}, "/", 2),  # docker run --cpus 2 (cgroup v2)
        ({"cpu.max": "150000 100000\n"}, "/", 2),  # 1.5 CPUs: rounded up
        ({"cpu.max": "50000 100000\n"}, "/", 1),  # half a CPU: still one worker
        ({"cpu.max": "max 100000\n"}, "/", None),  # no limit
        ({"cpu.max": "max\n"}, "/", None),
        ({"cpu.max": "garbage here\n"}, "/", None),
        ({"cpu.max": ""}, "/", None),
        # The lowest limit between the process's cgroup and the root counts.
        ({"cpu.max": "400000 100000", "ci.slice/cpu.max": "max 100000", "ci.slice/job.scope/cpu.max": "300000 100000"},
         "/ci.slice/job.scope", 3),
        ({"cpu.max": "max 100000", "ci.slice/cpu.max": "100000 100000", "ci.slice/job.scope/cpu.max": "max 100000"},
         "/ci.slice/job.scope", 1),
        ({"ci.slice/cpu.max": "200000 100000"}, "/ci.slice/gone.scope", 2),  # a cgroup without the file
        ({"cpu/cpu.cfs_quota_us": "300000\n", "cpu/cpu.cfs_period_us": "100000\n"}, "/", 3),  # cgroup v1
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, "/", None),  # v1, no limit
        ({"cpu/cpu.cfs_quota_us": "100000\n"}, "/", None),  # v1 without a period: no limit known
        ({"cpu/cpu.cfs_quota_us": "100000\n", "cpu/cpu.cfs_period_us": "0\n"}, "/", None),
        ({}, "/", None),  # no cgroup file system (macOS, a bare chroot)
    ],
)
def test_cgroup_cpu_limit(tmp_path: Path, files: dict[str, str], path: str, limit: Optional[int]) -> None:
    assert cpus.cgroup_cpu_limit(cgroup(tmp_path, files), path) == limit


def test_usable_cpus_is_the_affinity_capped_by_the_quota(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "self-cgroup"
    own.write_text("12:cpu,cpuacct:/docker/abc\n0::/ci.slice/job.scope\n")
    root = cgroup(tmp_path, {"ci.slice/cpu.max": "200000 100000"})
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert cpus.usable_cpus(root, str(own)) == 2  # 64 host CPUs, a 2-CPU quota
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert cpus.usable_cpus(root, str(own)) == 1  # taskset -c 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert cpus.usable_cpus(cgroup(tmp_path / "none", {}), str(tmp_path / "missing")) == 4


def test_usable_cpus_without_affinity_counts_the_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS and Windows have no sched_getaffinity: os.cpu_count() it is (at least 1)."""
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert cpus.usable_cpus(str(tmp_path / "none"), str(tmp_path / "none")) == 6
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert cpus.usable_cpus(str(tmp_path / "none"), str(tmp_path / "none")) == 1


def test_usable_cpus_on_this_machine_is_within_its_cpus() -> None:
    assert 1 <= cpus.usable_cpus() <= (os.cpu_count() or 1)


def test_jobs_default_is_the_usable_cpus_and_a_given_jobs_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(f'MODEL = "{FLASH}"\n')
    seen: list[int] = []
    real_run = engine.run

    def run(paths: list[str], settings: object, mode: object, jobs: int = 1, parser: object = None) -> object:
        seen.append(jobs)
        return real_run(paths, settings, mode, jobs, parser)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "run", run)
    monkeypatch.setattr(cpus, "usable_cpus", lambda: 3)
    assert main(["--today", "2026-11-25", "--quiet", "."]) == 1
    assert main(["--today", "2026-11-25", "--quiet", "--jobs", "5", "."]) == 1
    assert seen == [3, 5]
    capsys.readouterr()


@pytest.mark.skipif(shutil.which("taskset") is None or not hasattr(os, "sched_getaffinity"), reason="needs taskset")
def test_entry_point_under_taskset_uses_one_worker(tmp_path: Path) -> None:
    """Pinned to one CPU, a large run starts no worker process: the default --jobs is 1 (counted by
    wrapping os.fork around the console script's entry point, ``gemini_lint.__main__.run``, in a
    fresh interpreter: no pool and no parser process). Unpinned on a machine with more CPUs, it forks."""
    for index in range(300):
        folder = tmp_path / f"pkg{index % 10}"
        folder.mkdir(exist_ok=True)
        (folder / f"m{index}.py").write_text(f'MODEL = "{FLASH}"\n' + "X = 1\n" * 200)
    probe = (
        "import os, sys, runpy\n"
        "forks = []\n"
        "real = os.fork\n"
        "def fork():\n"
        "    pid = real()\n"
        "    if pid: forks.append(pid)\n"
        "    return pid\n"
        "os.fork = fork\n"
        "import atexit\n"
        "atexit.register(lambda: sys.stderr.write(f'forks={len(forks)}\\n'))\n"
        "sys.argv = ['gemini-lint', *sys.argv[1:]]\n"
        "from gemini_lint.__main__ import run\n"
        "sys.exit(run())\n"
    )
    args = ["--today", "2026-11-25", "--quiet", "--exit-zero", "."]
    pinned = subprocess.run(["taskset", "-c", "0", sys.executable, "-c", probe, *args], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert pinned.returncode == 0, pinned.stderr
    assert pinned.stdout.count("GL001") == 300 and "forks=0" in pinned.stderr
    if len(os.sched_getaffinity(0)) > 1:
        free = subprocess.run([sys.executable, "-c", probe, *args], cwd=tmp_path, capture_output=True, text=True,
                              timeout=300)
        assert free.stdout == pinned.stdout and "forks=0" not in free.stderr
