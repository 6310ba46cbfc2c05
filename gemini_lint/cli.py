"""The ``gemini-lint`` command: wiring only. ``main(argv) -> int`` so tests get an exit code."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from typing import IO, Any, Optional

import click

from gemini_lint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """A problem with the command line, configuration or paths: one line on stderr, exit 2."""


def _codes(values: Sequence[str]) -> Optional[tuple[str, ...]]:
    if not values:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _use_colour(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


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
    type=click.Choice(["info", "warning", "error"]),
    default=None,
    help="Lowest severity that makes the exit code 1 [default: warning].",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no summary, no notes.")
@click.option("--surface", type=click.Choice(["gemini-api", "vertex-ai", "firebase"]), default=None, help="Which shutdown dates apply [default: gemini-api].")
@click.option("--config", "config_path", metavar="PATH", type=click.Path(path_type=str), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--stdin-filename", metavar="PATH", help="The path of the source read from '-' (kind, config, messages).")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to paths named on the command line too (for pre-commit).")
@click.option("--no-gitignore", "no_gitignore", is_flag=True, help="Do not honour .gitignore files.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes [default: CPU count].")
@click.option("--list-rules", is_flag=True, help="List every rule with its summary and default severity.")
@click.option("--explain", metavar="CODE", help="Explain a rule: what it finds, why, an example and its fix.")
@click.option("--list-models", is_flag=True, help="List the registry with days until or since each shutdown.")
@click.version_option(__version__, "--version", prog_name="gemini-lint", message="%(prog)s %(version)s")
def command(**options: Any) -> int:
    """Find and fix retired Gemini image model IDs and "free API" claims.

    PATHS are files or folders (default: the current folder); '-' reads stdin.
    """
    return _run(**options)


def _settings(options: dict[str, Any]) -> Any:
    from gemini_lint.config import FileConfig, Overrides, find_config, load_config, parse_date, parse_severity, resolve

    if options["isolated"]:
        file_config = FileConfig()
    elif options["config_path"]:
        path = options["config_path"]
        if not os.path.isfile(path):
            raise UsageError(f"--config {path}: no such file")
        file_config = load_config(path)
    else:
        found = find_config(os.getcwd())
        file_config = load_config(found) if found else FileConfig()
    select = _codes(options["select"])
    if select == ():
        # An empty $CODES in a CI script would otherwise turn every rule off, silently.
        raise UsageError("--select: no rule code given (e.g. --select GL001,GL002); to turn rules off, use --ignore")
    overrides = Overrides(
        select=select,
        ignore=_codes(options["ignore"]),
        extend_exclude=tuple(options["extend_exclude"]),
        fail_on=parse_severity(options["fail_on"], "--fail-on") if options["fail_on"] else None,
        unsafe_fixes=options["unsafe_fixes"],
        today=parse_date(options["today"], "--today") if options["today"] is not None else None,
        surface=options["surface"],
    )
    return resolve(file_config, overrides)


def _run(**options: Any) -> int:
    from gemini_lint.config import ConfigError
    from gemini_lint.discovery import PathError
    from gemini_lint.registry import RegistryError

    out = sys.stdout
    try:
        if (options["explain"] or options["list_rules"]) and options["output_format"] != "text":
            which = "--explain" if options["explain"] else "--list-rules"
            raise UsageError(f"{which} prints text, not {options['output_format']}")
        if options["explain"]:
            return _explain(options["explain"], out)
        if options["list_rules"]:
            return _list_rules(out)
        if options["fix"] and options["diff"]:
            raise UsageError("--fix and --diff cannot be used together (--diff writes nothing)")
        if options["diff"] and options["output_format"] != "text":
            raise UsageError(f"--diff prints a unified diff, not {options['output_format']}; drop --format")
        settings = _settings(options)
        from gemini_lint.matching import models_for

        try:  # validate configured models up front
            models_for(settings.surface, settings.extra_models)
        except ConfigError as exc:
            raise ConfigError(f"{settings.config_path}: {exc}" if settings.config_path else str(exc)) from None
        if options["list_models"]:
            if options["output_format"] not in ("text", "json"):
                raise UsageError(f"--list-models prints text or json, not {options['output_format']}")
            return _list_models(settings, options["output_format"], out)
        paths = list(options["paths"]) or (["-"] if options["stdin_filename"] else ["."])
        if options["stdin_filename"] and "-" not in paths:
            # As in ruff, --stdin-filename means "read stdin"; with other paths it would be ignored.
            raise UsageError("--stdin-filename names the source read from '-': pass '-' (or no paths), not files")
        if "-" in paths:
            if len(paths) > 1:
                raise UsageError("'-' (stdin) cannot be combined with other paths")
            return _run_stdin(settings, options, out)
        return _run_paths(paths, settings, options, out)
    except (UsageError, ConfigError, PathError, RegistryError) as exc:
        click.echo(f"gemini-lint: error: {exc}", err=True)
        return EXIT_ERROR


def _mode(options: dict[str, Any]) -> Any:
    from gemini_lint.engine import Mode

    return Mode.FIX if options["fix"] else Mode.DIFF if options["diff"] else Mode.CHECK


def _run_paths(paths: list[str], settings: Any, options: dict[str, Any], out: IO[str]) -> int:
    from gemini_lint import engine
    from gemini_lint.discovery import discover
    from gemini_lint.fixer import remove_stale_temp
    from gemini_lint.parser_process import parser_process, wanted

    mode = _mode(options)
    jobs = options["jobs"] or os.cpu_count() or 1
    # On a large run, a process forked now imports libcst on a CPU the walk leaves idle.
    with parser_process(settings, wanted(paths, jobs)) as parser:
        found = discover(
            paths,
            extend_exclude=settings.extend_exclude,
            root=settings.root,
            force_exclude=options["force_exclude"],
            respect_gitignore=not options["no_gitignore"],
        )
        files = _without_config_file(found.files, settings.config_path)
        notes = [f"{path}: {note}" for path, note in found.notes]
        if mode is engine.Mode.FIX:
            for temp in found.stale_temp_files:
                if remove_stale_temp(temp):
                    notes.append(f"{temp}: removed a temp file left by an interrupted run")
        outcomes = engine.run(files, settings, mode, jobs, parser)
    # A folder that could not be read left its files unchecked: that fails the run, as an unreadable file does.
    unread = [engine.FileOutcome(path, notes=(note,), failed=True) for path, note in found.unreadable]
    return _report(unread + outcomes, notes, settings, options, out)


def _without_config_file(files: list[str], config_path: Optional[str]) -> list[str]:
    """``files`` less the configuration file in use (``--config ci-lint.toml``): its model IDs are its own.

    ``gemini-lint.toml`` and ``.gemini-lint.toml`` are never walked; a ``pyproject.toml`` is linted outside
    ``[tool.gemini-lint]``.
    """
    if config_path is None or os.path.basename(config_path) == "pyproject.toml":
        return files
    name, own = os.path.basename(config_path), os.path.realpath(config_path)
    return [p for p in files if os.path.basename(p) != name or os.path.realpath(p) != own]


def _run_stdin(settings: Any, options: dict[str, Any], out: IO[str]) -> int:
    from gemini_lint import engine

    path = options["stdin_filename"] or "-"
    data = sys.stdin.buffer.read()
    if path != "-" and options["force_exclude"] and _force_excluded(path, settings, options):
        # As ruff does: an excluded --stdin-filename is not checked; --fix echoes the source as is.
        if options["fix"]:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return EXIT_OK
        return _report([], [], settings, options, out)
    mode = _mode(options)
    # The fixed source goes to stdout; nothing is written to disk.
    outcome = engine.guarded(path if path != "-" else "stdin.py", data, settings, mode if mode is engine.Mode.CHECK else engine.Mode.DIFF)
    if path == "-":
        outcome = _renamed(outcome, "-")
    if options["fix"]:
        sys.stdout.buffer.write(data if outcome.new_bytes is None else outcome.new_bytes)
        sys.stdout.buffer.flush()
        # The source owns stdout here: notes and remaining findings go to stderr.
        from gemini_lint.reporters import text

        for note in outcome.notes:
            sys.stderr.write(f"gemini-lint: {path}: {note}\n")
        sys.stderr.write(text.render(outcome.diagnostics))
        return _exit_code([outcome], settings, options)
    return _report([outcome], [], settings, options, out)


def _force_excluded(path: str, settings: Any, options: dict[str, Any]) -> bool:
    from gemini_lint.discovery import force_excluded

    return force_excluded(
        path, extend_exclude=settings.extend_exclude, root=settings.root, respect_gitignore=not options["no_gitignore"]
    )


def _renamed(outcome: Any, path: str) -> Any:
    """``outcome`` of stdin, read as ``stdin.py``, under the name ``path`` (findings and diff alike)."""
    from dataclasses import replace

    head = f"--- {outcome.path}\n+++ {outcome.path}\n"
    diff = f"--- {path}\n+++ {path}\n" + outcome.diff[len(head) :] if outcome.diff.startswith(head) else outcome.diff
    return replace(outcome, path=path, diff=diff, diagnostics=tuple(replace(d, path=path) for d in outcome.diagnostics))


def _lines(diagnostics: Sequence[Any], output_format: str, colour: bool) -> list[str]:
    if output_format == "json":
        from gemini_lint.reporters import json as json_reporter

        return [json_reporter.render(diagnostics)]
    if output_format == "sarif":
        from gemini_lint.reporters import sarif

        return [sarif.render(diagnostics)]
    if output_format == "github":
        from gemini_lint.reporters import github

        return [github.render(diagnostics)]
    from gemini_lint.reporters import text

    return [text.render(diagnostics, colour=colour)]


def _fixable(diagnostics: Sequence[Any]) -> tuple[int, int]:
    """How many diagnostics ``--fix`` fixes, and how many more ``--fix --unsafe-fixes`` would."""
    if not diagnostics:
        return 0, 0
    from gemini_lint.linter import applicable

    safe = len(applicable(diagnostics, unsafe_fixes=False))
    return safe, len(applicable(diagnostics, unsafe_fixes=True)) - safe


def _exit_code(outcomes: Sequence[Any], settings: Any, options: dict[str, Any]) -> int:
    failed = any(o.failed for o in outcomes)
    if options["diff"]:
        would_change = any(o.diff for o in outcomes)
        return EXIT_OK if options["exit_zero"] else (EXIT_FINDINGS if would_change or failed else EXIT_OK)
    if options["exit_zero"]:
        return EXIT_OK
    threshold = settings.fail_on.rank
    blocking = any(d.severity.rank >= threshold for o in outcomes for d in o.diagnostics)
    return EXIT_FINDINGS if blocking or failed else EXIT_OK


def _report(outcomes: Sequence[Any], notes: list[str], settings: Any, options: dict[str, Any], out: IO[str]) -> int:
    quiet = options["quiet"]
    diagnostics = sorted((d for o in outcomes for d in o.diagnostics), key=lambda d: d.sort_key)
    notes = notes + [f"{o.path}: {note}" for o in outcomes for note in o.notes]
    err = sys.stderr
    if not quiet:
        for note in notes:
            err.write(f"gemini-lint: {note}\n")
    if options["diff"]:
        for outcome in outcomes:
            if outcome.diff:
                out.write(outcome.diff)
        fixed = sum(o.fixed for o in outcomes)
        files = sum(1 for o in outcomes if o.diff)
        if not quiet:
            err.write(f"Would fix {_plural(fixed, 'finding')} in {_plural(files, 'file')}.\n")
        out.flush()
        return _exit_code(outcomes, settings, options)
    for chunk in _lines(diagnostics, options["output_format"], _use_colour(out)):
        out.write(chunk)
    if options["output_format"] == "text" and not quiet:
        fixed = sum(o.fixed for o in outcomes)
        fixed_files = sum(1 for o in outcomes if o.fixed)
        safe, unsafe = _fixable(diagnostics)
        hint = []
        if safe:
            hint.append(f"{safe} fixable with --fix")
        if unsafe:
            hint.append(f"{unsafe} {'more' if safe else 'fixable'} with --fix --unsafe-fixes")
        hint_text = f" ({', '.join(hint)})" if hint else ""
        failed = sum(1 for o in outcomes if o.failed)
        # A file that could not be read, parsed for a fix, or written makes the exit code 1: say so.
        failed_text = f"; {_plural(failed, 'file')} failed (see the notes above)" if failed else ""
        if options["fix"] and (fixed or diagnostics):
            out.write(f"Fixed {_plural(fixed, 'finding')} in {_plural(fixed_files, 'file')}")
            out.write(f"; {_plural(len(diagnostics), 'finding')} remaining{hint_text}" if diagnostics else "")
            out.write(f"{failed_text}.\n")
        elif diagnostics:
            out.write(f"Found {_plural(len(diagnostics), 'finding')}{hint_text}{failed_text}.\n")
        else:
            out.write(f"No findings{failed_text}.\n" if failed else "All checks passed!\n")
    out.flush()
    return _exit_code(outcomes, settings, options)


def _list_rules(out: IO[str]) -> int:
    from gemini_lint.rules.catalog import all_rules

    for rule in all_rules():
        out.write(f"{rule.code}  {rule.summary}  [{rule.default_severity}; fix: {rule.fixable}]\n")
    return EXIT_OK


def _explain(code: str, out: IO[str]) -> int:
    from gemini_lint.rules.catalog import all_rules

    for rule in all_rules():
        if rule.code == code.strip().upper():
            out.write(f"# {rule.code} ({rule.name}): {rule.summary}\n\n")
            out.write(f"Default severity: {rule.default_severity}. Fix: {rule.fixable}.\n\n{rule.docs}")
            return EXIT_OK
    known = ", ".join(rule.code for rule in all_rules())
    raise UsageError(f"--explain: unknown rule code '{code}' (known: {known})")


def _list_models(settings: Any, output_format: str, out: IO[str]) -> int:
    import json

    from gemini_lint.diagnostic import lifecycle_severity
    from gemini_lint.matching import models_for

    shown = models_for(settings.surface, settings.extra_models)
    if output_format == "json":
        rows = [
            {
                "id": m.id,
                "replacement": m.replacement,
                "deprecated": m.deprecated.isoformat(),
                "shutdown": m.shutdown.isoformat(),
                "shutdown_kind": m.shutdown_kind.value,
                "surface": m.surface,
                "source": m.source,
                "as_of": m.as_of.isoformat() if m.as_of else None,
                "note": m.note,
                "severity": lifecycle_severity(m, settings.today).value,
                "days_to_shutdown": (m.shutdown - settings.today).days,
            }
            for m in shown
        ]
        out.write(json.dumps(rows, indent=2) + "\n")
        return EXIT_OK
    width = max((len(m.id) for m in shown), default=10)
    for m in shown:
        days = (m.shutdown - settings.today).days
        when = f"shuts down in {_plural(days, 'day')}" if days > 0 else "shuts down today" if days == 0 else f"shut down {_plural(-days, 'day')} ago"
        if m.shutdown_kind.value == "earliest":
            when += " (earliest date)"
        target = m.replacement or "(no replacement named)"
        out.write(f"{m.id:<{width}}  -> {target:<28} {m.shutdown}  {when}  [{lifecycle_severity(m, settings.today).value}]\n")
    out.write(f"{_plural(len(shown), 'model')} on {settings.surface}, as of {settings.today}.\n")
    return EXIT_OK


def _escape_unencodable() -> None:
    """Write a character the output's encoding lacks (a path on a cp1252 pipe) as an escape, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # pragma: no cover - not a TextIOWrapper
            pass


def _silence_stdout() -> None:
    """Point stdout at the null device, so the flush at exit does not fail (and print) a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # pragma: no cover - stdout without a file descriptor
        pass


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    _escape_unencodable()
    try:
        result = command.main(args=args, prog_name="gemini-lint", standalone_mode=False)
    except click.UsageError as exc:
        click.echo(f"gemini-lint: error: {exc.format_message()}", err=True)
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("gemini-lint: interrupted", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("gemini-lint: interrupted", err=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # pragma: no cover - `gemini-lint . | head`
        return EXIT_FINDINGS
    except OSError as exc:  # the report could not be written (a full disk): files are handled where read
        click.echo(f"gemini-lint: error: {exc}", err=True)
        _silence_stdout()
        return EXIT_ERROR
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"gemini-lint: error: {exc.format_message()}", err=True)
        return EXIT_ERROR
    return int(result) if isinstance(result, int) else EXIT_OK
