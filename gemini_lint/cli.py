"""The ``gemini-lint`` command line, defined with click: help, shell completion, every error message.

The command itself is in :mod:`gemini_lint.app`, whose :func:`~gemini_lint.app.main` parses the plain
command lines without importing this module; the others come here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from gemini_lint import __version__
from gemini_lint.app import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, PipeClosed, error, guarded, main, run_command

__all__ = ["click_main", "command", "main"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.command(context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str, readable=False))
@click.option("--fix", is_flag=True, help="Apply safe fixes in place (atomic writes).")
@click.option(
    "--unsafe-fixes/--no-unsafe-fixes",
    default=None,
    help="Also apply unsafe fixes (prose mentions, code that also names the replacement) with --fix / --diff.",
)
@click.option("--diff", is_flag=True, help="Print a unified diff of what --fix would write; write nothing.")
@click.option(
    "--format",
    "--output-format",
    "output_format",
    type=click.Choice(["text", "json", "sarif", "github"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--today", metavar="YYYY-MM-DD", help="The date severities are computed for (default: $GEMINI_LINT_TODAY, config, clock).")
@click.option("--select", metavar="CODES", multiple=True, help="Comma-separated codes or prefixes to enable (e.g. GL001,GL002 or GL); replaces the configured selection.")
@click.option("--ignore", metavar="CODES", multiple=True, help="Comma-separated codes or prefixes to disable (repeatable).")
@click.option("--extend-exclude", metavar="GLOB", multiple=True, help="Also exclude paths matching GLOB (repeatable).")
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error"], case_sensitive=False),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: warning].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="With --fix: exit 1 when a file was fixed, even if nothing remains.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no notes but those that say why a file failed.")
@click.option("--surface", type=click.Choice(["gemini-api", "vertex-ai", "firebase"]), default=None, help="Which shutdown dates apply [default: gemini-api].")
@click.option("--config", "config_path", metavar="PATH", type=click.Path(path_type=str), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--stdin-filename", metavar="PATH", help="The path of the source read from '-' (kind, per-file-ignores, messages).")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to paths named on the command line too (for pre-commit).")
@click.option("--no-gitignore", "no_gitignore", is_flag=True, help="Do not honour .gitignore files.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes [default: the CPUs this process may use].")
@click.option("--list-rules", is_flag=True, help="List every rule with its summary and default severity.")
@click.option("--explain", metavar="CODE", help="Explain a rule: what it finds, why, an example and its fix.")
@click.option("--list-models", is_flag=True, help="List the registry with days until or since each shutdown.")
@click.version_option(__version__, "--version", prog_name="gemini-lint", message="%(prog)s %(version)s")
def command(**options: Any) -> int:
    """Find and fix retired Gemini image model IDs and "free API" claims.

    PATHS are files or folders (default: the current folder); '-' reads stdin.
    """
    try:
        return run_command(**options)
    except BrokenPipeError as exc:  # click would answer it with exit 1 whatever the command
        raise PipeClosed() from exc


def click_main(args: Sequence[str]) -> int:
    """Run ``args`` through click; its usage errors are one line on stderr, exit 2."""

    def call() -> int:
        try:
            result = command.main(args=list(args), prog_name="gemini-lint", standalone_mode=False)
        except click.exceptions.Abort:
            error("gemini-lint: interrupted")
            return EXIT_INTERRUPTED
        except click.exceptions.Exit as exc:
            return int(exc.exit_code)
        except click.ClickException as exc:  # a usage error among them
            error(f"gemini-lint: error: {exc.format_message()}")
            return EXIT_ERROR
        return int(result) if isinstance(result, int) else EXIT_OK

    # A report cut short by its reader (`| head`) fails the run only where a finding would: not a
    # --exit-zero run, nor a command that reports no findings (--explain, --list-rules...).
    no_failure = any(arg.split("=")[0] in _NEVER_FAIL for arg in args if arg.startswith("-"))
    return guarded(call, EXIT_OK if no_failure else EXIT_FINDINGS)


_NEVER_FAIL = frozenset(("--exit-zero", "--explain", "--list-rules", "--list-models", "--version", "--help", "-h"))
