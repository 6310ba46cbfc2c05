"""A real tree: a copy of part of the standard library, with IDs seeded; --fix changes exactly the seeds."""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import subprocess
import sysconfig
import tokenize
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import console_script
from gemini_lint.linter import _GENERATED, _HEAD
from gemini_lint.matching import models_for
from gemini_lint.registry import fix_caveat
from gemini_lint.sources import python as python_source

STDLIB = Path(sysconfig.get_paths()["stdlib"])
PACKAGES = ("json", "email", "asyncio")
#: IDs whose fix is a plain replacement (some retired IDs have none to offer).
#: IDs a safe fix renames (an Imagen or embedding ID's fix needs --unsafe-fixes: the code changes too).
FIXABLE = sorted(
    (m.id, m.replacement) for m in models_for("gemini-api") if m.replacement and not fix_caveat(m.id, m.replacement)
)
ENV = {**os.environ, "NO_COLOR": "1"}
SEEDS = 30


@dataclass(frozen=True)
class Seed:
    path: str  # relative, with forward slashes
    offset: int  # where the ID starts in the seeded text
    legacy_id: str
    replacement: str


def stdlib_files() -> list[Path]:
    files = sorted(STDLIB.glob("*.py"))
    for package in PACKAGES:
        files.extend(sorted(p for p in (STDLIB / package).rglob("*.py") if "__pycache__" not in p.parts))
    return files


def plain_value_strings(text: str) -> list[tuple[int, int]]:
    """(line, column) of the opening quote of every plain, one-line string literal used as a value."""
    found = []
    previous = None
    callee = None  # the name before the last "(": a string looked for (re.compile, startswith) keeps its ID
    name = None
    lines = text.splitlines(keepends=True)
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type in (tokenize.NL, tokenize.COMMENT, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            continue
        if (
            token.type == tokenize.STRING
            and token.string[0] in "'\""
            and not token.string.startswith(('"""', "'''"))
            and token.start[0] == token.end[0]
            and len(token.string) > 2
            and previous in ("=", "(", ",", "[")
            and not (previous in ("(", ",") and callee in SEARCHES)
            and not COMPARED.search(lines[token.start[0] - 1][: token.start[1]])
            and "noqa" not in lines[token.start[0] - 1]
            # not a dict's key, whose fix is unsafe (KEY_REASON)
            and not lines[token.start[0] - 1][token.end[1]:].lstrip().startswith(":")
        ):
            found.append(token.start)
        if token.type == tokenize.OP and token.string == "(":
            callee = name
        previous = token.string if token.type == tokenize.OP else None
        name = token.string if token.type == tokenize.NAME else None
    return found


#: Calls whose string arguments are looked for in longer text: gemini-lint leaves their IDs alone
#: (its own lists of string methods and ``re`` functions, so that the two stay in step).
SEARCHES = python_source._SEARCH_METHODS | python_source._PATTERN_FUNCTIONS | python_source._SEARCHING_CALLS
#: A string after one of these on its line may be compared with a value: its fix is unsafe.
COMPARED = re.compile(r"==|!=|\bin\b|\bis\b")


def offset_of(text: str, line: int, column: int) -> int:
    lines = text.splitlines(keepends=True)
    return sum(len(lines[i]) for i in range(line - 1)) + column


def seed(root: Path, rng: random.Random) -> tuple[list[Seed], dict[str, bytes]]:
    """Seed one ID into each of ``SEEDS`` random files: inside an existing string, or as an assignment."""
    seeds: list[Seed] = []
    expected: dict[str, bytes] = {}
    candidates = sorted(p for p in root.rglob("*.py"))
    for path in rng.sample(candidates, len(candidates)):
        if len(seeds) == SEEDS:
            break
        data = path.read_bytes()
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        if encoding != "utf-8" or b"\r" in data:
            continue
        text = data.decode()
        if _GENERATED.search(text, 0, _HEAD):  # a generated file's fixes are unsafe (stringprep.py on 3.13)
            continue
        legacy_id, replacement = rng.choice(FIXABLE)
        strings = plain_value_strings(text)
        if strings and len(seeds) % 2 == 0:
            line, column = rng.choice(strings)
            at = offset_of(text, line, column) + 1  # just inside the opening quote
            seeded = text[:at] + legacy_id + " " + text[at:]
        else:
            head = text if text.endswith("\n") or not text else text + "\n"
            seeded = head + f'_SEEDED_MODEL = "{legacy_id}"\n'
            at = len(head) + len('_SEEDED_MODEL = "')
        assert seeded[at : at + len(legacy_id)] == legacy_id
        path.write_bytes(seeded.encode())
        relative = path.relative_to(root).as_posix()
        seeds.append(Seed(relative, at, legacy_id, replacement))
        expected[relative] = (seeded[:at] + replacement + seeded[at + len(legacy_id) :]).encode()
    return seeds, expected


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` (lines split on \\n only, as the stdlib files use)."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


@pytest.mark.slow
def test_fix_changes_exactly_the_seeded_ids_in_a_copy_of_the_stdlib(tmp_path: Path) -> None:
    sources = stdlib_files()
    if len(sources) < 100:  # pragma: no cover - an interpreter without its standard library sources
        pytest.skip(f"the standard library sources are not at {STDLIB}")
    root = tmp_path / "stdlib"
    for source in sources:
        target = root / source.relative_to(STDLIB)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    seeds, expected = seed(root, random.Random(2026))
    assert len(seeds) == SEEDS and sum(s.legacy_id != s.replacement for s in seeds) == SEEDS
    before = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    assert len(before) == len(sources)

    check = subprocess.run(
        [*console_script(), "--today", "2026-11-25", "--select", "GL001", "--format", "json", "."],
        cwd=root, env=ENV, capture_output=True, text=True, timeout=300,
    )
    assert check.returncode == 1, check.stderr
    found = sorted((d["path"], d["line"], d["column"]) for d in json.loads(check.stdout))
    wanted = sorted((s.path, *position(before[s.path].decode(), s.offset)) for s in seeds)
    assert found == wanted  # the standard library itself holds no ID: the pre-run finds exactly the seeds

    fix = subprocess.run(
        [*console_script(), "--today", "2026-11-25", "--fix", "--select", "GL001", "."],
        cwd=root, env=ENV, capture_output=True, text=True, timeout=300,
    )
    assert fix.returncode == 0, fix.stdout + fix.stderr
    assert fix.stdout.splitlines()[-1] == f"Fixed {SEEDS} findings in {SEEDS} files."
    after = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    assert sorted(after) == sorted(before)  # no file added (no temp file left), none removed
    changed = sorted(path for path in after if after[path] != before[path])
    assert changed == sorted(expected)
    for path, data in expected.items():
        assert after[path] == data, f"{path} differs from its seeded text beyond the ID"
