#!/usr/bin/env python3
"""gemini-lint benchmarks (issue 7): every number is a ratio to a baseline measured in the same run.

Corpora (built from the local interpreter, no network; in ``benchmarks/.corpus/``, git-ignored):

* ``sparse``: every ``.py`` file of the interpreter's standard library and site-packages, with
  legacy IDs appended to 50 files picked by a seeded RNG (40 string values, 10 comments);
* ``dense``: 600 real source files of about 8 KB, each with two legacy IDs (a value, a comment),
  so that every file needs a real libcst parse;
* ``one``: single files for the pre-commit case (clean; clean but naming a current ID; dirty).

Each corpus folder is its own (empty) git repository: ``benchmarks/.corpus/`` is in the project's
.gitignore, and tools that honour parent .gitignore files would otherwise skip the whole tree.

Tools: gemini-lint (the console script next to ``sys.executable``), ripgrep, semgrep and Fixit 2.x
with equivalent one-rule configurations (``semgrep_rule.yml``, ``fixit_rule/``), plus the
baselines (``rg -l -F``, a single-process ``libcst.parse_module`` loop, ``python -c pass``).
A missing peer is reported as "not installed".

Usage: ``python benchmarks/run.py [--runs 5] [--slow-runs 2] [--only sparse,dense,one] [--rebuild]``.
Writes ``benchmarks/results.md`` and ``benchmarks/chart.png``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Set, Tuple

HERE = Path(__file__).resolve().parent
CORPUS = HERE / ".corpus"
BIN = Path(sys.executable).parent
SEED = 7
PLANTED = 50
PLANTED_COMMENTS = 10  # of the 50: the rest are string values
DENSE_FILES = 600
DENSE_TARGET_BYTES = 8 * 1024
TODAY = "2026-11-25"
#: The IDs planted in the corpora (the issue's headline IDs); the tools search for every registry ID.
HEADLINE_IDS = ("gemini-3.1-flash-image-preview", "gemini-3-pro-image-preview")  # noqa
CURRENT_ID = "gemini-3.1-flash-image"
CORPUS_VERSION = 1

VALUE_TEMPLATES = (
    'MODEL = "{id}"',
    "IMAGE_MODEL = '{id}'",
    'DEFAULT_MODELS = {{"image": "{id}", "text": "gemini-3.5-flash"}}',
    'ENDPOINT = f"models/{id}:generateContent?key={{API_KEY}}"',
    'def _image_model_name():\n    return "{id}"',
)
COMMENT_TEMPLATES = (
    "# TODO: move the thumbnails off {id}",
    "# image generation used {id} before the switch",
)
DENSE_BLOCK = (
    "\n\n# Images used to come from {old} (retired 2026-06-25).\n"
    'IMAGE_MODEL = "{new}"\n'
)

# Child programs run with ``sys.executable -c`` (no harness imports in the timed process).
WALK_READ = r"""
import os, sys
n = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if d != ".git"]
    for name in files:
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as handle:
                n += len(handle.read())
"""
LIBCST_LOOP = r"""
import os, sys
import libcst
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = sorted(d for d in dirs if d != ".git")
    for name in sorted(files):
        if name.endswith(".py"):
            with open(os.path.join(folder, name), "rb") as handle:
                libcst.parse_module(handle.read().decode("utf-8"))
"""
#: Runs ``argv`` in a fresh process: wall time, exit code and the peak RSS of its process tree
#: (``ru_maxrss`` of RUSAGE_CHILDREN is the largest single descendant, so one wrapper per run).
WRAPPER = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "rc": rc, "maxrss_kb": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime}))
"""


# ---------------------------------------------------------------------------------------------
# Registry and peer rules


def registry() -> Dict[str, str]:
    """Legacy ID -> replacement ("" when none) for the default surface, from the CLI itself."""
    out = subprocess.run(
        [str(BIN / "gemini-lint"), "--isolated", "--list-models", "--format", "json", "--today", TODAY],
        check=True, capture_output=True, text=True,
    ).stdout
    return {row["id"]: row["replacement"] or "" for row in json.loads(out)}


def token_regex(ids: Sequence[str]) -> str:
    """The whole-token pattern of ``gemini_lint.matching`` (PCRE and Python ``re`` alike)."""
    alternation = "|".join(re.escape(i) for i in sorted(ids, key=lambda i: (-len(i), i)))
    return r"(?<![\w.\-])(?:" + alternation + r")(?![\w]|[.\-][^\W_])"


def write_peer_rules(models: Dict[str, str]) -> None:
    """Regenerate the ID lists of the semgrep rule and the Fixit rule from the registry."""
    rule = (
        "# Generated by benchmarks/run.py from `gemini-lint --list-models --format json`: the semgrep\n"
        "# equivalent of gemini-lint GL001 + GL002 (every whole-token legacy ID in Python code,\n"
        "# strings and comments alike; no autofix: one regex cannot carry per-ID replacements).\n"
        "rules:\n"
        "  - id: gemini-legacy-model-id\n"
        "    languages: [python]\n"
        "    severity: WARNING\n"
        "    message: Retired Google model ID\n"
        f"    pattern-regex: '{token_regex(list(models))}'  # noqa\n"
    )
    _write_if_changed(HERE / "semgrep_rule.yml", rule)
    lines = [
        '"""Generated by benchmarks/run.py from `gemini-lint --list-models --format json`: ID -> replacement."""',
        "",
        "REPLACEMENTS = {",
    ]
    lines += [f"    {legacy!r}: {new!r},  # noqa" for legacy, new in models.items()]
    lines.append("}")
    _write_if_changed(HERE / "fixit_rule" / "legacy_ids.py", "\n".join(lines) + "\n")


def install_fixit_rule() -> None:
    """Fixit applies a config only below its folder: put a copy above the corpora (see fixit.toml)."""
    CORPUS.mkdir(exist_ok=True)
    shutil.copyfile(HERE / "fixit_rule" / "fixit.toml", CORPUS / "fixit.toml")
    target = CORPUS / "fixit_rule"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    for name in ("__init__.py", "legacy_model_id.py", "legacy_ids.py"):
        shutil.copyfile(HERE / "fixit_rule" / name, target / name)


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Corpora


def source_roots(python: str) -> List[Tuple[str, Path]]:
    """(label, folder) of the interpreter's stdlib and purelib, asked of that interpreter."""
    code = "import json, sysconfig; print(json.dumps(sysconfig.get_paths()))"
    paths = json.loads(subprocess.run([python, "-I", "-c", code], check=True, capture_output=True, text=True).stdout)
    return [("stdlib", Path(paths["stdlib"])), ("site-packages", Path(paths["purelib"]))]


def _py_files(root: Path, skip: Sequence[Path]) -> List[Path]:
    found: List[Path] = []
    skipped = {str(s) for s in skip}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and os.path.join(folder, d) not in skipped)
        found.extend(Path(folder, f) for f in sorted(files) if f.endswith(".py"))
    return found


def _git_init(folder: Path) -> None:
    if shutil.which("git") and not (folder / ".git").exists():
        subprocess.run(["git", "init", "-q", str(folder)], check=True)


def _manifest(name: str) -> Path:
    return CORPUS / f"{name}.json"


def build_sparse(python: str, rebuild: bool) -> Dict[str, Any]:
    manifest_path = _manifest("sparse")
    if not rebuild and manifest_path.exists():
        manifest: Dict[str, Any] = json.loads(manifest_path.read_text())
        if manifest.get("version") == CORPUS_VERSION and (CORPUS / "sparse").is_dir():
            return manifest
    target = CORPUS / "sparse"
    shutil.rmtree(target, ignore_errors=True)
    roots = source_roots(python)
    sources: List[Tuple[Path, Path]] = []  # (source file, relative destination)
    for label, root in roots:
        others = [r for _, r in roots if r != root and root in r.parents]
        sources.extend((f, Path(label) / f.relative_to(root)) for f in _py_files(root, others))
    total = 0
    for source, rel in sources:
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
        total += dest.stat().st_size
    rng = random.Random(SEED)
    chosen = rng.sample(sorted(str(rel) for _, rel in sources), PLANTED)
    planted = []
    for n, chosen_rel in enumerate(chosen):
        legacy = HEADLINE_IDS[n % len(HEADLINE_IDS)]
        comment = n >= PLANTED - PLANTED_COMMENTS
        templates = COMMENT_TEMPLATES if comment else VALUE_TEMPLATES
        line = templates[n % len(templates)].format(id=legacy)
        path = target / chosen_rel
        data = path.read_bytes()
        if data and not data.endswith(b"\n"):
            data += b"\n"
        path.write_bytes(data + line.encode("ascii") + b"\n")
        total += len(line) + 1
        planted.append({"path": chosen_rel, "id": legacy, "kind": "comment" if comment else "value"})
    _git_init(target)
    manifest = {
        "version": CORPUS_VERSION,
        "roots": [str(r) for _, r in roots],
        "python": python,
        "files": len(sources),
        "bytes": total,
        "planted": planted,
        "sources": {str(rel): str(src) for src, rel in sources},
    }
    manifest_path.write_text(json.dumps(manifest, indent=1))
    return manifest


def build_dense_and_one(sparse: Dict[str, Any], rebuild: bool) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    dense_path, one_path = _manifest("dense"), _manifest("one")
    if not rebuild and dense_path.exists() and one_path.exists():
        dense, one = json.loads(dense_path.read_text()), json.loads(one_path.read_text())
        if dense.get("version") == one.get("version") == CORPUS_VERSION:
            return dense, one
    import libcst

    planted = {p["path"] for p in sparse["planted"]}
    candidates = []
    for rel, source in sparse["sources"].items():
        if rel in planted:
            continue
        size = os.path.getsize(source)
        if abs(size - DENSE_TARGET_BYTES) <= 1536:
            candidates.append(rel)
    rng = random.Random(SEED)
    rng.shuffle(candidates)
    dense_dir, one_dir = CORPUS / "dense", CORPUS / "one"
    for folder in (dense_dir, one_dir):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    chosen: List[str] = []
    clean_source: Optional[str] = None
    stems = tuple(i.split("-", 1)[0].encode() for i in registry())
    total = 0
    for rel in candidates:
        data = Path(sparse["sources"][rel]).read_bytes()
        try:
            text = data.decode("utf-8")
            libcst.parse_module(text)
        except Exception:
            continue
        if clean_source is None and not any(stem in data for stem in stems):
            clean_source = rel  # the pre-commit file: real code, nothing a pre-filter could match
            continue
        if len(chosen) == DENSE_FILES:
            if clean_source is not None:
                break
            continue
        if not text.endswith("\n"):
            text += "\n"
        text += DENSE_BLOCK.format(old=HEADLINE_IDS[1], new=HEADLINE_IDS[0])
        libcst.parse_module(text)
        name = f"{len(chosen):03d}_" + rel.replace("/", "__")
        (dense_dir / name).write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
        chosen.append(name)
    if len(chosen) < DENSE_FILES or clean_source is None:
        raise SystemExit(f"only {len(chosen)} parseable files of about 8 KB found for the dense corpus")
    _git_init(dense_dir)
    dense = {"version": CORPUS_VERSION, "files": len(chosen), "bytes": total, "planted": [{"path": c} for c in chosen]}
    dense_path.write_text(json.dumps(dense, indent=1))

    clean = Path(sparse["sources"][clean_source]).read_text(encoding="utf-8")
    if not clean.endswith("\n"):
        clean += "\n"
    files = {
        "clean.py": clean,
        "clean_current_id.py": clean + f'\nIMAGE_MODEL = "{CURRENT_ID}"\n',
        "dirty.py": clean + f'\nIMAGE_MODEL = "{HEADLINE_IDS[0]}"\n',
    }
    for name, text in files.items():
        (one_dir / name).write_text(text, encoding="utf-8")
    _git_init(one_dir)
    one = {
        "version": CORPUS_VERSION,
        "source": clean_source,
        "files": {name: len(text.encode("utf-8")) for name, text in files.items()},
        "planted": [{"path": "dirty.py"}],
    }
    one_path.write_text(json.dumps(one, indent=1))
    return dense, one


# ---------------------------------------------------------------------------------------------
# Tools


@dataclass
class Tool:
    """One row: how to time it, how to count what it found, whether it is a baseline."""

    name: str
    argv: Optional[List[str]]  # None: not installed
    count_argv: Optional[List[str]] = None  # the run whose output is parsed (default: argv)
    parse: Optional[Callable[[str], Set[str]]] = None  # stdout -> flagged files (relative)
    baseline: bool = False
    ours: bool = False
    ok_codes: Tuple[int, ...] = (0, 1)
    note: str = ""


@dataclass
class Row:
    corpus: str
    tool: Tool
    walls: List[float] = field(default_factory=list)
    cpus: List[float] = field(default_factory=list)
    first_wall: float = 0.0
    failed: bool = False
    first: Dict[str, Any] = field(default_factory=dict)
    warm_up_only: bool = False
    maxrss_kb: int = 0
    pss_kb: int = 0
    flagged: Optional[Set[str]] = None
    error: str = ""

    @property
    def median(self) -> Optional[float]:
        return statistics.median(self.walls) if self.walls else None

    @property
    def cpu(self) -> Optional[float]:
        return statistics.median(self.cpus) if self.cpus else None


def _norm(path: str) -> str:
    return os.path.normpath(path.strip()).replace(os.sep, "/")


def parse_lines(out: str) -> Set[str]:
    return {_norm(line) for line in out.splitlines() if line.strip()}


def parse_gemini_lint(out: str) -> Set[str]:
    return {_norm(d["path"]) for d in json.loads(out or "[]")}


def parse_semgrep(out: str) -> Set[str]:
    return {_norm(r["path"]) for r in json.loads(out)["results"]}


_FIXIT_LINE = re.compile(r"^(?P<path>.+?)@\d+:\d+ LegacyModelId: ", re.M)


def parse_fixit(out: str) -> Set[str]:
    return {_norm(found.group("path")) for found in _FIXIT_LINE.finditer(out)}


#: The children's environment. This sandbox sets PYTHONDONTWRITEBYTECODE, which would make every run
#: of an editable install recompile its modules; a user's installed copy has its .pyc files.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CHILD_ENV["SEMGREP_ENABLE_VERSION_CHECK"] = "0"
CHILD_ENV["SEMGREP_SEND_METRICS"] = "off"


def _exe(name: str) -> Optional[str]:
    local = BIN / name
    if local.exists():
        return str(local)
    return shutil.which(name)


def tools(corpus: str, target: str, ids: Sequence[str], peers: bool) -> List[Tool]:
    """The rows of one corpus; ``target`` is what each tool is given (run in the corpus folder)."""
    py = sys.executable
    gl = _exe("gemini-lint")
    rg, semgrep, fixit = shutil.which("rg"), _exe("semgrep"), _exe("fixit")
    rg_ids = [a for i in ids for a in ("-e", i)]
    rg_headline = [a for i in HEADLINE_IDS for a in ("-e", i)]
    rows: List[Tool] = []
    if corpus == "sparse":
        rows.append(Tool("rg -l -F (all IDs) [baseline]", [rg, "-l", "-F", *rg_ids, target] if rg else None,
                         parse=parse_lines, baseline=True))
        rows.append(Tool("rg -l -F (2 planted IDs)", [rg, "-l", "-F", *rg_headline, target] if rg else None,
                         parse=parse_lines))
        rows.append(Tool("python walk + read (reference)", [py, "-c", WALK_READ, target], ok_codes=(0,)))
    elif corpus == "dense":
        rows.append(Tool("libcst.parse_module loop, 1 process [baseline]", [py, "-c", LIBCST_LOOP, target],
                         baseline=True, ok_codes=(0,)))
    else:
        rows.append(Tool("python -c pass [baseline]", [py, "-c", "pass"], baseline=True, ok_codes=(0,)))
    if gl:
        common = ["--isolated", "--today", TODAY]
        rows.append(Tool("gemini-lint", [gl, *common, "--quiet", "--exit-zero", target],
                         count_argv=[gl, *common, "--format", "json", "--exit-zero", target],
                         parse=parse_gemini_lint, ours=True, ok_codes=(0,)))
        if corpus != "one":
            rows.append(Tool("gemini-lint --jobs 1", [gl, *common, "--jobs", "1", "--quiet", "--exit-zero", target],
                             ok_codes=(0,)))
    else:
        rows.append(Tool("gemini-lint", None, ours=True))
    if not peers:
        return rows
    if corpus != "sparse":
        rows.append(Tool("rg -l -F (all IDs)", [rg, "-l", "-F", *rg_ids, target] if rg else None, parse=parse_lines))
    semgrep_argv = None
    if semgrep:
        semgrep_argv = [semgrep, "scan", "--config", str(HERE / "semgrep_rule.yml"), "--metrics=off",
                        "--disable-version-check", "--quiet", "--json", target]
    rows.append(Tool("semgrep (semgrep_rule.yml)", semgrep_argv, parse=parse_semgrep,
                     note="default excludes (.semgrepignore: tests, ...) and --max-target-bytes 1 MB"))
    fixit_argv = None
    if fixit:
        fixit_argv = [fixit, "lint", target]
    # exit status: 1 = violations, 2 = a file it could not parse (old Python 2 files in the stdlib tests)
    rows.append(Tool("fixit lint (fixit_rule/)", fixit_argv, parse=parse_fixit, ok_codes=(0, 1, 2, 3),
                     note="config: benchmarks/.corpus/fixit.toml, a copy of fixit_rule/fixit.toml"))
    return rows


# ---------------------------------------------------------------------------------------------
# Measuring


def _proc_children() -> Dict[int, List[int]]:
    children: Dict[int, List[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed PSS of a process and its descendants (Linux only)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.stop = pid, 0, threading.Event()

    def run(self) -> None:
        if not os.path.exists("/proc/self/smaps_rollup"):
            return
        started = time.perf_counter()
        while not self.stop.is_set():
            children = _proc_children()
            stack, total = [self.pid], 0
            while stack:
                pid = stack.pop()
                total += _pss_kb(pid)
                stack.extend(children.get(pid, ()))
            self.peak_kb = max(self.peak_kb, total)
            # every 50 ms for the first 5 s, then every 0.5 s: reading smaps_rollup of big processes
            # costs CPU that a long-running tool would otherwise have had on a 2-core machine
            self.stop.wait(0.05 if time.perf_counter() - started < 5 else 0.5)


def count_run(tool: Tool, cwd: Path) -> Dict[str, Any]:
    """The first run (also the warm-up): output captured, tree PSS sampled, rusage from wait4."""
    argv = tool.count_argv or tool.argv
    assert argv is not None
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=CHILD_ENV)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    chunks: Dict[str, List[bytes]] = {"out": [], "err": []}

    def drain(stream: object, key: str) -> None:
        chunks[key].append(stream.read())  # type: ignore[attr-defined]

    readers = [threading.Thread(target=drain, args=(proc.stdout, "out")),
               threading.Thread(target=drain, args=(proc.stderr, "err"))]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(proc.pid, 0)  # the rusage of the child and its reaped descendants
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    sampler.stop.set()
    sampler.join()
    return {
        "wall": wall,
        "rc": proc.returncode,
        "out": b"".join(chunks["out"]).decode("utf-8", "replace"),
        "err": b"".join(chunks["err"]).decode("utf-8", "replace"),
        "pss_kb": sampler.peak_kb,
        "cpu": usage.ru_utime + usage.ru_stime,
        "maxrss_kb": usage.ru_maxrss,
    }


def timed_run(argv: Sequence[str], cwd: Path) -> Dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *argv], cwd=cwd, check=True, capture_output=True,
                         text=True, env=CHILD_ENV).stdout
    result: Dict[str, Any] = json.loads(out)
    return result


def warm_up(row: Row, cwd: Path) -> None:
    """The first run of a tool: its output gives the *found* columns; the tree PSS is sampled."""
    tool = row.tool
    if tool.argv is None:
        row.error, row.failed = "not installed", True
        return
    print(f"  warm-up {tool.name} ...", end="", flush=True)
    first = count_run(tool, cwd)
    wall, rc, out, err = first["wall"], first["rc"], first["out"], first["err"]
    row.pss_kb, row.first_wall, row.first = first["pss_kb"], wall, first
    if rc not in tool.ok_codes:
        row.error = f"exit {rc}: {' '.join((err or out).strip().splitlines()[-1:])}"[:300]
        row.failed = True
        print(f" FAILED ({row.error})")
        return
    if tool.parse is not None:
        try:
            row.flagged = tool.parse(out)
        except (ValueError, KeyError) as exc:
            row.error = f"unreadable output ({exc})"
    print(f" {wall:.2f} s (exit {rc})", flush=True)


def measure(rows: Sequence[Row], cwd: Path, runs: int, slow_runs: int, slow_seconds: float,
            max_seconds: float) -> None:
    """Warm-up runs, then timed runs in rounds (one run of each tool per round), so that a burst of
    load from other processes on the machine hits every tool alike rather than one of them.

    A tool whose warm-up took longer than ``max_seconds`` is not run again: its warm-up is its
    only (reported) sample."""
    for row in rows:
        warm_up(row, cwd)
    live = [r for r in rows if not r.failed]
    for row in live:
        if row.first_wall >= max_seconds:
            row.warm_up_only = True
            row.walls.append(row.first_wall)
            row.cpus.append(row.first["cpu"])
            row.maxrss_kb = row.first["maxrss_kb"]
    live = [r for r in live if not r.warm_up_only]
    wanted = {id(r): (runs if r.first_wall < slow_seconds else max(1, min(runs, slow_runs))) for r in live}
    for round_no in range(max(wanted.values(), default=0)):
        print(f"  round {round_no + 1}:", end="", flush=True)
        for row in live:
            if round_no >= wanted[id(row)]:
                continue
            assert row.tool.argv is not None
            result = timed_run(row.tool.argv, cwd)
            if result["rc"] not in row.tool.ok_codes:
                row.error = f"exit {result['rc']} in a timed run"
                print(f" [{row.tool.name}: exit {result['rc']}]", end="")
            row.walls.append(result["wall"])
            row.cpus.append(result["cpu"])
            row.maxrss_kb = max(row.maxrss_kb, result["maxrss_kb"])
            print(f" {result['wall']:.2f}", end="", flush=True)
        print()


# ---------------------------------------------------------------------------------------------
# Report


@dataclass
class Target:
    corpus: str
    text: str
    passed: Optional[bool]
    detail: str


def version_of(argv: List[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0] if text else "?"


def _usable_cpus() -> int:
    """What gemini-lint's default ``--jobs`` is on this machine (its own count; the machine's if it is not importable)."""
    try:
        from gemini_lint.cpus import usable_cpus
    except ImportError:
        return os.cpu_count() or 1
    return usable_cpus()


def _fmt_s(value: Optional[float]) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def _command(tool: Tool) -> str:
    if tool.argv is None:
        return "-"
    parts = []
    skip = False
    argv = tool.argv
    ids_shown = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "-e" and i + 1 < len(argv):
            if not ids_shown:
                count = sum(1 for a in argv if a == "-e")
                parts.append(f"-e <id> ×{count}")
                ids_shown = True
            skip = True
            continue
        if arg == "-c" and i + 1 < len(argv) and "\n" in argv[i + 1]:
            parts.append("-c <script in run.py>")
            skip = True
            continue
        arg = arg.replace(str(HERE) + os.sep, "benchmarks/").replace(str(BIN) + os.sep, "")
        if arg == sys.executable:
            arg = "python"
        parts.append(arg)
    return " ".join(parts)


def render(rows: Dict[str, List[Row]], manifests: Dict[str, Dict[str, Any]], targets: List[Target], meta: Dict[str, Any]) -> str:
    titles = {
        "sparse": "Large sparse tree",
        "dense": "Dense tree",
        "one": "One file (pre-commit)",
    }
    lines = [
        "# gemini-lint benchmarks",
        "",
        f"Generated by `python benchmarks/run.py` on {meta['date']}: {meta['machine']}.",
        "Wall times are medians of the timed runs (the first run of each tool is an untimed warm-up",
        "whose output is parsed for the *found* columns); every ratio is to the baseline row of the",
        "same table, measured in the same run. Peak RSS is `ru_maxrss` of the largest single process",
        "of the tool's process tree; tree PSS is the summed proportional set size of all its processes",
        "(sampled every 50 ms, after 5 s every 0.5 s, during the warm-up run).",
        "",
        "CPU is the median user + system time of the whole process tree.",
        "",
        "Versions: " + "; ".join(f"{k} {v}" for k, v in meta["versions"].items()) + ".",
        f"Load average (1 min) before / after the run: {meta['load']}.",
        "",
        "## Targets",
        "",
        "| corpus | target | result | |",
        "|---|---|---|---|",
    ]
    for t in targets:
        verdict = "n/a" if t.passed is None else ("**pass**" if t.passed else "**MISSED**")
        lines.append(f"| {t.corpus} | {t.text} | {t.detail} | {verdict} |")
    for corpus, corpus_rows in rows.items():
        manifest = manifests[corpus]
        lines += ["", f"## {titles[corpus]}", ""]
        if corpus == "sparse":
            lines.append(
                f"{manifest['files']:,} `.py` files, {manifest['bytes'] / 1e6:.1f} MB, copied from "
                + ", ".join(f"`{r}`" for r in manifest["roots"])
                + f"; legacy IDs appended to {PLANTED} files (seed {SEED}: "
                f"{PLANTED - PLANTED_COMMENTS} string values, {PLANTED_COMMENTS} comments)."
            )
        elif corpus == "dense":
            lines.append(
                f"{manifest['files']} files, {manifest['bytes'] / 1e6:.2f} MB (about "
                f"{manifest['bytes'] / manifest['files'] / 1024:.1f} KiB each), real source files that libcst "
                "parses, each with one legacy ID in a string value and one in a comment."
            )
        else:
            sizes = ", ".join(f"`{k}` {v:,} B" for k, v in manifest["files"].items())
            lines.append(
                f"Single files ({sizes}) from `{manifest['source']}`: `clean.py` contains no ID stem, "
                f"`clean_current_id.py` names the current `{CURRENT_ID}` (the bytes pre-check passes, so it is "
                "decoded and searched, though not parsed), `dirty.py` names a legacy ID."
            )
        lines.append("")
        planted = {p["path"] for p in manifest["planted"]}
        base = next((r.median for r in corpus_rows if r.tool.baseline and r.median), None)
        lines.append("| tool | command | median wall (s) | × baseline | CPU (s) | peak RSS (MB) | tree PSS (MB) | "
                     f"found (of {len(planted)}) | other files flagged | runs |")
        lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for row in corpus_rows:
            name = f"**{row.tool.name}**" if row.tool.ours else row.tool.name
            if row.error and not row.walls:
                lines.append(f"| {name} | `{_command(row.tool)}` | {row.error} | | | | | | | |")
                continue
            ratio = f"{row.median / base:.2f}" if base and row.median else "-"
            found = other = "-"
            if row.flagged is not None:
                found = str(len(row.flagged & planted))
                other = str(len(row.flagged - planted))
            rss = f"{row.maxrss_kb / 1024:.0f}" if row.maxrss_kb else "-"
            pss = f"{row.pss_kb / 1024:.0f}" if row.pss_kb else "-"
            lines.append(f"| {name} | `{_command(row.tool)}` | {_fmt_s(row.median)} | {ratio} | {_fmt_s(row.cpu)} | "
                         f"{rss} | {pss} | "
                         f"{found} | {other} | {'1 (warm-up)' if row.warm_up_only else len(row.walls)} |")
        misses = []
        for row in corpus_rows:
            if row.flagged is not None and corpus != "one":
                missed = sorted(planted - row.flagged)
                if missed and len(missed) < len(planted):
                    shown = ", ".join(f"`{m}`" for m in missed[:12]) + (" ..." if len(missed) > 12 else "")
                    misses.append(f"- {row.tool.name} missed {len(missed)}: {shown}")
            if row.error and row.walls:
                misses.append(f"- {row.tool.name}: {row.error}")
        if misses:
            lines += [""] + misses
    lines += [
        "",
        "## Notes",
        "",
        "- Every tool runs in the corpus folder on `.` (the one-file rows on the file name), output to",
        "  a pipe for the warm-up run and to /dev/null for the timed runs; gemini-lint with",
        f"  `--isolated --today {TODAY} --quiet --exit-zero` (default `--jobs`: the CPUs it may use, {_usable_cpus()} here).",
        "- The searched IDs are every legacy ID of the registry's default surface",
        "  (`gemini-lint --list-models --format json`); `semgrep_rule.yml` and `fixit_rule/legacy_ids.py`",
        "  are regenerated from it, so all tools do the same job. The planted IDs are the two headline",
        "  image-preview IDs; `rg -F` matches substrings, the others whole tokens.",
        "- semgrep skips what its default `.semgrepignore` lists (test folders among them) and files",
        "  over 1 MB; Fixit parses every file with libcst and computes position metadata for each.",
        "- Each corpus folder is an empty git repository of its own, so that the project's",
        "  `.gitignore` line `benchmarks/.corpus/` does not hide it from tools that honour parent",
        "  ignore files (gemini-lint, semgrep, Fixit).",
        "",
    ]
    return "\n".join(lines)


def chart(rows: Dict[str, List[Row]], targets: Dict[str, float], path: Path) -> None:
    try:
        import matplotlib
    except ImportError:  # an optional dependency: the table is written all the same
        print(f"note: matplotlib is not installed (pip install '.[bench]'); {path} not written", file=sys.stderr)
        return

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    corpora = list(rows)
    heights = [max(1, sum(1 for r in rows[c] if r.median)) for c in corpora]
    fig, axes = plt.subplots(len(corpora), 1, figsize=(10, 1.6 + 0.42 * sum(heights) + 0.9 * len(corpora)),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    titles = {"sparse": "Large sparse tree", "dense": "Dense tree", "one": "One file (pre-commit)"}
    for ax, corpus in zip(axes[:, 0], corpora):
        measured = [r for r in rows[corpus] if r.median]
        base = next((r.median for r in measured if r.tool.baseline), None)
        names = [r.tool.name.replace("`", "") for r in measured]
        values = [r.median or 0.0 for r in measured]
        colours = [
            "#d62728" if r.tool.ours else "#f4a6a6" if r.tool.name.startswith("gemini-lint")
            else "#7f7f7f" if r.tool.baseline else "#1f77b4"
            for r in measured
        ]
        ypos = list(range(len(measured)))[::-1]
        ax.barh(ypos, values, color=colours)
        ax.set_yticks(ypos)
        ax.set_yticklabels(names, fontsize=8)
        ax.set_xscale("log")
        for y, value in zip(ypos, values):
            label = f" {value:.3g} s" + (f" ({value / base:.2f}x)" if base else "")
            ax.text(value, y, label, va="center", fontsize=7)
        if corpus in targets:
            ax.axvline(targets[corpus], color="#d62728", linestyle="--", linewidth=1)
            ax.text(targets[corpus], len(measured) - 0.4, " target", color="#d62728", fontsize=7, va="top")
        ax.set_title(titles[corpus], fontsize=10, loc="left")
        ax.set_xlim(right=max(values + [targets.get(corpus, 0)]) * 8)
    axes[-1, 0].set_xlabel("median wall time (s, log scale); red: gemini-lint (pink: --jobs 1), grey: baseline, "
                           "blue: peers and references")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool (default 5)")
    parser.add_argument("--slow-runs", type=int, default=2, help="timed runs for a tool whose warm-up took "
                        "longer than --slow-seconds (default 2)")
    parser.add_argument("--slow-seconds", type=float, default=20.0)
    parser.add_argument("--max-seconds", type=float, default=240.0, help="a tool whose warm-up took longer "
                        "is not run again: the warm-up is its one sample (default 240)")
    parser.add_argument("--only", default="sparse,dense,one", help="corpora to run (default: all)")
    parser.add_argument("--no-peers", action="store_true", help="skip ripgrep (beyond the baseline), semgrep, fixit")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the corpora")
    parser.add_argument("--source-python", default=getattr(sys, "_base_executable", sys.executable),
                        help="the interpreter whose stdlib + site-packages make the sparse tree "
                             "(default: this virtualenv's base interpreter)")
    parser.add_argument("--output", default=str(HERE / "results.md"))
    parser.add_argument("--chart", default=str(HERE / "chart.png"))
    args = parser.parse_args(argv)

    models = registry()
    missing = [i for i in HEADLINE_IDS if i not in models]
    if missing:
        raise SystemExit(f"the registry no longer lists {missing}: update HEADLINE_IDS")
    write_peer_rules(models)
    install_fixit_rule()
    ids = list(models)
    CORPUS.mkdir(exist_ok=True)
    print(f"building corpora in {CORPUS} ...", flush=True)
    sparse = build_sparse(args.source_python, args.rebuild)
    dense, one = build_dense_and_one(sparse, args.rebuild)
    manifests = {"sparse": sparse, "dense": dense, "one": one}
    # Warm the page cache: every tool then reads from memory.
    for name in ("sparse", "dense", "one"):
        for folder, _, files in os.walk(CORPUS / name):
            for f in files:
                with open(os.path.join(folder, f), "rb") as handle:
                    handle.read()

    wanted = [c.strip() for c in args.only.split(",") if c.strip()]
    load_before = os.getloadavg()[0]
    results: Dict[str, List[Row]] = {}
    for corpus in wanted:
        cwd = CORPUS / corpus
        print(f"{corpus}:", flush=True)
        if corpus == "one":
            rows: List[Row] = []
            for label in ("clean.py", "clean_current_id.py", "dirty.py"):
                for tool in tools(corpus, label, ids, not args.no_peers):
                    # the baseline once; gemini-lint on all three files; the peers on dirty.py
                    if tool.baseline and label != "clean.py":
                        continue
                    if not tool.baseline and not tool.ours and label != "dirty.py":
                        continue
                    tool.name = tool.name if tool.baseline else f"{tool.name} `{label}`"
                    rows.append(Row(corpus, tool))
            measure(rows, cwd, max(args.runs, 10), args.slow_runs, args.slow_seconds, args.max_seconds)
            results[corpus] = rows
        else:
            results[corpus] = [Row(corpus, tool) for tool in tools(corpus, ".", ids, not args.no_peers)]
            measure(results[corpus], cwd, args.runs, args.slow_runs, args.slow_seconds, args.max_seconds)

    targets: List[Target] = []
    lines_at: Dict[str, float] = {}
    for corpus, rows in results.items():
        planted = {p["path"] for p in manifests[corpus]["planted"]}
        base = next((r for r in rows if r.tool.baseline), None)
        ours = [r for r in rows if r.tool.ours]
        if base is None or base.median is None:
            continue
        for r in ours:
            if r.median is None:
                targets.append(Target(corpus, f"{r.tool.name} runs", False, r.error or "no result"))
        if corpus == "sparse" and ours and ours[0].median:
            r = ours[0]
            assert r.median is not None and base.median is not None
            found = len((r.flagged or set()) & planted)
            targets.append(Target(corpus, f"all {len(planted)} found", found == len(planted), f"{found} found"))
            ratio = r.median / base.median
            lines_at[corpus] = 4 * base.median
            targets.append(Target(corpus, "wall ≤ 4× `rg -l -F` (all IDs)", ratio <= 4,
                                  f"{r.median:.3f} s = {ratio:.2f}× ({base.median:.3f} s)"))
            rg2 = next((x for x in rows if x.tool.name.startswith("rg -l -F (2")), None)
            if rg2 is not None and rg2.median is not None:
                ratio2 = r.median / rg2.median
                targets.append(Target(corpus, "wall ≤ 4× `rg -l -F -e <id> -e <id>` (issue's literal command)",
                                      ratio2 <= 4, f"{ratio2:.2f}× ({rg2.median:.3f} s)"))
            mb = r.maxrss_kb / 1024
            targets.append(Target(corpus, "peak RSS ≤ 200 MB", mb <= 200, f"{mb:.0f} MB (tree PSS {r.pss_kb / 1024:.0f} MB)"))
        if corpus == "dense" and ours and ours[0].median:
            r = ours[0]
            assert r.median is not None and base.median is not None
            found = len((r.flagged or set()) & planted)
            ratio = r.median / base.median
            lines_at[corpus] = 0.6 * base.median
            targets.append(Target(corpus, "wall ≤ 0.6× single-process libcst loop", ratio <= 0.6,
                                  f"{r.median:.3f} s = {ratio:.2f}× ({base.median:.3f} s); {found}/{len(planted)} found"))
        if corpus == "one":
            limit = min(0.15, 5 * base.median)
            lines_at[corpus] = limit
            for r in ours:
                if r.median is None or "dirty" in r.tool.name:
                    continue
                ratio = r.median / base.median
                targets.append(Target(corpus, f"{r.tool.name}: wall ≤ 0.15 s and ≤ 5× `python -c pass`",
                                      r.median <= 0.15 and ratio <= 5,
                                      f"{r.median:.3f} s = {ratio:.2f}× ({base.median:.3f} s)"))

    versions = {
        "python": platform.python_version(),
        "gemini-lint": version_of([str(BIN / "gemini-lint"), "--version"]).replace("gemini-lint ", ""),
        "libcst": _dist_version("libcst"),
        "ripgrep": version_of(["rg", "--version"]).replace("ripgrep ", "") if shutil.which("rg") else "not installed",
        # (`semgrep --version` checks for a newer release over the network: ask the installed metadata)
        "semgrep": _dist_version("semgrep") if _exe("semgrep") else "not installed",
        "fixit": _dist_version("fixit") if _exe("fixit") else "not installed",
    }
    meta = {
        "load": f"{load_before:.2f} / {os.getloadavg()[0]:.2f}",
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.cpu_count()} CPUs, {platform.platform()}",
        "versions": versions,
    }
    text = render(results, manifests, targets, meta)
    Path(args.output).write_text(text, encoding="utf-8")
    chart(results, lines_at, Path(args.chart))
    print()
    print(text)
    return 0


def _dist_version(name: str) -> str:
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
