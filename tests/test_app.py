"""The command line without click (``app.fast_options``) against click's own parsing of it."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

import click
import pytest

from conftest import FLASH, FLASH_GA, console_script
from gemini_lint import app, cli

#: Options the fast parser leaves to click on purpose (they print something other than findings).
LEFT_TO_CLICK = {"--list-rules", "--explain", "--list-models", "--version", "-h", "--help"}


def click_options(args: Sequence[str]) -> Optional[dict[str, Any]]:
    """The parameters click passes the command for ``args``, or None when click refuses them."""
    try:
        with cli.command.make_context("gemini-lint", list(args)) as context:
            return dict(context.params)
    except (click.UsageError, click.exceptions.Exit):
        return None


def test_the_tables_are_the_click_command_s_options() -> None:
    flags: dict[str, tuple[str, Any]] = {}
    values: dict[str, str] = {}
    multiple: dict[str, str] = {}
    choices: dict[str, tuple[str, ...]] = {}
    for param in cli.command.params:
        if not isinstance(param, click.Option) or not param.expose_value:
            continue
        names = [*param.opts, *param.secondary_opts]
        if LEFT_TO_CLICK.intersection(names):
            continue
        assert param.name is not None
        if param.is_flag:
            flags.update((name, (param.name, True)) for name in param.opts)
            flags.update((name, (param.name, False)) for name in param.secondary_opts)
        elif param.multiple:
            multiple.update((name, param.name) for name in param.opts)
        else:
            values.update((name, param.name) for name in param.opts)
        if isinstance(param.type, click.Choice):
            choices[param.name] = tuple(param.type.choices)
    assert flags == app.FAST_FLAGS
    assert values == app.FAST_VALUES
    assert multiple == app.FAST_MULTIPLE
    assert choices == app.FAST_CHOICES
    assert click_options([]) == app.fast_options([]) == app.FAST_DEFAULTS


@pytest.mark.parametrize(
    "args",
    [
        ["--force-exclude", "src/app.py", "docs/guide.md"],  # the pre-commit hook
        ["--fix", "--force-exclude", "a.py"],
        ["--format", "github", "src/"],
        ["--format=sarif", "--exit-zero", "."],
        ["-j2", "."],
        ["-j", "3", "--jobs=4", "."],  # the last one counts
        ["--select=GL001,GL002", "--ignore", "GL003", "--select", "GL", "."],
        ["--unsafe-fixes", "--no-unsafe-fixes", "--diff"],
        ["src", "--quiet", "-q", "--fail-on", "error", "--surface", "vertex-ai", "--today", "2026-07-01"],
        ["--config", "ci.toml", "--isolated", "--no-gitignore", "--extend-exclude", "vendor/**"],
        ["--stdin-filename", "m.py"],
        ["--", "-odd-name.py", "--fix"],  # after "--", paths
        ["--today=", "."],  # an empty value is a value (refused later, as with click)
    ],
)
def test_plain_command_lines_are_parsed_as_click_parses_them(args: list[str]) -> None:
    fast = app.fast_options(args)
    assert fast is not None
    assert fast == click_options(args)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"], ["-h"], ["--version"], ["--list-rules"], ["--explain", "GL001"], ["--list-models"],
        ["-"], ["-qj2"], ["--fi"], ["--fix=yes"], ["--format", "xml"], ["--format"], ["-j", "0"], ["-j", "two"],
        ["-j", " 2"], ["-j", "1" * 4301], ["--jobs=" + "1" * 10], ["--today", "--fix"], ["--select", "-GL001"], ["-x"], ["--surface", "Vertex-AI"],
    ],
)
def test_everything_else_goes_to_click(args: list[str]) -> None:
    assert app.fast_options(args) is None


def test_an_unreadable_config_file_goes_to_click(tmp_path: Path) -> None:
    config = tmp_path / "ci.toml"
    config.write_text("")
    config.chmod(0)
    try:
        config.read_bytes()  # root reads it anyway
        readable = True
    except OSError:
        readable = False
    args = ["--config", str(config), "."]
    assert (app.fast_options(args) is not None) is readable
    if not readable:
        assert click_options(args) is None


def test_shell_completion_goes_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_GEMINI_LINT_COMPLETE", "bash_complete")
    assert app.fast_options(["."]) is None


TOKENS = [
    "--fix", "--diff", "--exit-zero", "-q", "--quiet", "--isolated", "--force-exclude", "--no-gitignore",
    "--unsafe-fixes", "--no-unsafe-fixes", "--format", "json", "text", "xml", "--format=github", "--today",
    "2026-07-01", "--select", "GL001", "--select=GL002,GL003", "--ignore", "--extend-exclude", "**/gen/*",
    "--fail-on", "error", "info", "--surface", "firebase", "--config", "--stdin-filename", "-j", "2", "0",
    "-j3", "--jobs", "--jobs=1", "--", "-", "src", "a.py", "-odd.py", "--fix=1", "-qj2", "--list-rules",
    "--explain", "--version", "", "=", "--select=", "-jx",
]


def test_random_command_lines_agree_with_click() -> None:
    rng = random.Random(20261206)
    parsed = 0
    for _ in range(4000):
        args = [rng.choice(TOKENS) for _ in range(rng.randint(0, 7))]
        fast = app.fast_options(args)
        if fast is not None:
            parsed += 1
            assert fast == click_options(args), args
    assert parsed > 400  # the test says something: the fast parser took a good share of them


def test_the_console_script_runs_a_plain_command_line_without_click(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(f'MODEL = "{FLASH}"\n')
    code = (
        "import sys; from gemini_lint.__main__ import run; code = run(); "
        "sys.stderr.write('click imported\\n' if 'click' in sys.modules else ''); sys.exit(code)"
    )
    argv = ["--isolated", "--today", "2026-11-25", "m.py"]
    fast = subprocess.run([sys.executable, "-c", code, *argv], cwd=tmp_path, capture_output=True, text=True)
    assert fast.returncode == 1 and "m.py:1:10: GL001" in fast.stdout
    assert "click imported" not in fast.stderr
    # The same run through click gives the same report (and --version still comes from click).
    slow = subprocess.run([*console_script(), *argv, "--explain", "GL001"], cwd=tmp_path, capture_output=True, text=True)
    assert slow.returncode == 0 and "GL001" in slow.stdout
    through_click = subprocess.run(
        [sys.executable, "-c", "import sys; from gemini_lint.cli import click_main; sys.exit(click_main(sys.argv[1:]))",
         *argv], cwd=tmp_path, capture_output=True, text=True,
    )
    assert (through_click.returncode, through_click.stdout, through_click.stderr) == (
        fast.returncode, fast.stdout, fast.stderr
    )
    assert FLASH_GA in fast.stdout
