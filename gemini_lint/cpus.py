"""How many CPUs this process may use: the default of ``--jobs``.

``os.cpu_count()`` counts the machine's CPUs. A CI job in a container often may use far fewer
(``docker run --cpus 2``, a Kubernetes CPU limit, ``taskset``), and a worker per host CPU there
means dozens of processes time-sharing two CPUs, each with its own memory. So the count is the
CPUs of this process's affinity mask, capped by a cgroup CPU quota, as Rust's
``available_parallelism`` (ruff's thread pool) and joblib's ``cpu_count`` count them.
"""

from __future__ import annotations

import math
import os

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ~1.5 ms of a run over a clean file
if TYPE_CHECKING:
    from typing import Optional

#: Where the cgroup file systems are mounted (in a container: its own cgroup, at the root).
CGROUP_ROOT = "/sys/fs/cgroup"


def usable_cpus(root: str = CGROUP_ROOT, own_cgroup: str = "/proc/self/cgroup") -> int:
    """The CPUs this process may run on (its affinity mask), capped by a cgroup CPU quota; at least 1."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        count = os.cpu_count() or 1
    limit = cgroup_cpu_limit(root, _cgroup_path(own_cgroup))
    if limit is not None:
        count = min(count, limit)
    return max(1, count)


def cgroup_cpu_limit(root: str, path: str = "/") -> Optional[int]:
    """The CPU quota over ``root`` as a whole number of CPUs (rounded up), or None without one.

    cgroup v2: the lowest ``cpu.max`` (``"200000 100000"``: 2 CPUs; ``"max 100000"``: no limit) of the
    process's cgroup ``path`` and the cgroups above it. cgroup v1: ``cpu.cfs_quota_us`` over
    ``cpu.cfs_period_us`` (a quota of -1: no limit) at the ``cpu`` controller's root.
    """
    limits = []
    folder = path.strip("/")
    while True:
        text = _read(os.path.join(root, folder, "cpu.max"))
        if text is not None:
            parts = text.split()
            if len(parts) == 2 and parts[0] != "max":
                limits.append(_cpus(parts[0], parts[1]))
        if not folder:
            break
        folder = os.path.dirname(folder)
    if not limits:
        v1 = os.path.join(root, "cpu")
        limits.append(_cpus(_read(os.path.join(v1, "cpu.cfs_quota_us")), _read(os.path.join(v1, "cpu.cfs_period_us"))))
    found = [limit for limit in limits if limit is not None]
    return min(found) if found else None


def _cpus(quota: Optional[str], period: Optional[str]) -> Optional[int]:
    try:
        quota_us, period_us = int(quota or ""), int(period or "")
    except ValueError:
        return None
    if quota_us <= 0 or period_us <= 0:
        return None
    return max(1, math.ceil(quota_us / period_us))


def _cgroup_path(own_cgroup: str) -> str:
    """This process's cgroup v2 path (the ``0::/path`` line), or ``/``."""
    for line in (_read(own_cgroup) or "").splitlines():
        if line.startswith("0::"):
            return line[3:] or "/"
    return "/"


def _read(path: str) -> Optional[str]:
    """A small file's text, or None (os.open and os.read: this runs on every start, also over one file)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        return os.read(fd, 4096).decode("ascii", "replace").strip()
    except OSError:
        return None
    finally:
        os.close(fd)
