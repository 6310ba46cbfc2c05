"""What the ``gemini-lint`` command does once its options are known, without click.

:mod:`gemini_lint.cli` defines the command line with click, for help, completion and every error
message; importing click is ~10 ms of a ~40 ms run over a clean file (the pre-commit case). So the
console script first tries :func:`fast_options`, a parser of the plain forms a hook or a CI step
passes, which gives the options click would give or None, and then click does the parsing instead
(``tests/test_app.py`` holds the two to the same options).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from gemini_lint.reporters.text import diff_name, shown_path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ~1.5 ms of a run over a clean file
if TYPE_CHECKING:
    from typing import IO, Any, Callable, Optional


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
    if os.environ.get("FORCE_COLOR") or os.environ.get("CLICOLOR_FORCE", "0") not in ("", "0"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _settings(options: dict[str, Any]) -> Any:
    from gemini_lint.config import FileConfig, Overrides, find_config, load_config, parse_date, parse_severity, resolve

    if options["isolated"] and options["config_path"] is not None:
        raise UsageError("--isolated ignores every configuration file: drop --config (or --isolated)")
    if options["isolated"]:
        file_config = FileConfig()
    elif options["config_path"] is not None:
        path = options["config_path"]
        if not path:
            raise UsageError("--config: the path is empty")
        if os.path.isdir(path):
            raise UsageError(f"--config {path}: is a folder, not a configuration file")
        if os.path.exists(path) and not os.path.isfile(path):
            raise UsageError(f"--config {path}: not a regular file")
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


def run_command(**options: Any) -> int:
    """The command, given its options (as click passes them); errors are one line on stderr, exit 2."""
    from gemini_lint.config import ConfigError
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
            options = {**options, "fix": False}  # as in ruff, --diff wins: it writes nothing
        try:
            os.getcwd()
        except OSError as exc:  # run from a folder since removed: relative paths and the configuration start there
            raise UsageError(f"the current folder cannot be read ({exc.strerror or exc}; removed?); cd to one that exists") from None
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
        if options["stdin_filename"] is not None and not options["stdin_filename"].strip():  # an unset $FILE
            raise UsageError("--stdin-filename: no file name given")
        paths = list(options["paths"]) or (["-"] if options["stdin_filename"] else ["."])
        if options["stdin_filename"] and "-" not in paths:
            # As in ruff, --stdin-filename means "read stdin"; with other paths it would be ignored.
            raise UsageError("--stdin-filename names the source read from '-': pass '-' (or no paths), not files")
        if "-" in paths:
            if len(paths) > 1:
                raise UsageError("'-' (stdin) cannot be combined with other paths")
            return _run_stdin(settings, options, out)
        return _run_paths(paths, settings, options, out)
    except (UsageError, ConfigError, RegistryError) as exc:
        error(f"gemini-lint: error: {exc}")
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
    if options["jobs"]:
        jobs = options["jobs"]
    else:
        from gemini_lint.cpus import usable_cpus

        jobs = usable_cpus()
    # On a large run, a process forked now imports libcst on a CPU the walk leaves idle.
    with parser_process(settings, wanted(paths, jobs)) as parser:
        found = discover(
            paths,
            extend_exclude=settings.extend_exclude,
            root=settings.root,
            force_exclude=options["force_exclude"],
            respect_gitignore=not options["no_gitignore"],
        )
        # A path that does not exist is an error (exit 2), said now; the others are still checked.
        for message in found.missing:
            error(f"gemini-lint: error: {message}")
        if found.missing and len(found.missing) == len(paths):
            return EXIT_ERROR
        files = _without_config_file(found.files, settings.config_path)
        notes = [f"{shown_path(path)}: {note}" for path, note in found.notes]
        if mode is engine.Mode.FIX:
            for temp in found.stale_temp_files:
                if remove_stale_temp(temp):
                    notes.append(f"{shown_path(temp)}: removed a temp file left by an interrupted run")
        outcomes = engine.run(files, settings, mode, jobs, parser)
    # A folder that could not be read left its files unchecked: that fails the run, as an unreadable file does.
    unread = [engine.FileOutcome(path, notes=(note,), failed=True) for path, note in found.unreadable]
    code = _report(unread + outcomes, notes, settings, options, out, missing=found.missing)
    return EXIT_ERROR if found.missing else code


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

    from gemini_lint.discovery import OWN_CONFIG_NAMES, tidy

    path = tidy(options["stdin_filename"]) if options["stdin_filename"] else "-"
    if sys.stdin is None:  # started with stdin closed (``<&-``)
        error("gemini-lint: error: standard input is closed; nothing to read for '-'")
        return EXIT_ERROR
    data = sys.stdin.buffer.read()
    # The configuration's own file (gemini-lint.toml, the --config file) is never checked, as in a walk:
    # its models table names the legacy IDs, and a fix would rename them there.
    own_config = path != "-" and (
        os.path.basename(path) in OWN_CONFIG_NAMES or not _without_config_file([path], settings.config_path)
    )
    if own_config or (path != "-" and options["force_exclude"] and _force_excluded(path, settings)):
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
        # The source owns stdout here: notes and remaining findings (in the format asked for) go to
        # stderr; with json or sarif the report alone, so that it parses (SARIF carries the notes).
        notes = [f"{shown_path(path)}: {note}" for note in outcome.notes]
        if options["output_format"] in ("text", "github"):
            for note in notes:
                _to_stderr(f"gemini-lint: {note}\n")
        for chunk in _lines(outcome.diagnostics, options["output_format"], sys.stderr, notes, outcome.failed):
            _to_stderr(chunk)
        return _exit_code([outcome], settings, options)
    return _report([outcome], [], settings, options, out)


def _force_excluded(path: str, settings: Any) -> bool:
    from gemini_lint.discovery import force_excluded

    return force_excluded(path, extend_exclude=settings.extend_exclude, root=settings.root)


def _renamed(outcome: Any, path: str) -> Any:
    """``outcome`` of stdin, read as ``stdin.py``, under the name ``path`` (findings and diff alike)."""
    from dataclasses import replace

    head = f"--- {diff_name(outcome.path)}\n+++ {diff_name(outcome.path)}\n"
    named = f"--- {diff_name(path)}\n+++ {diff_name(path)}\n"
    diff = named + outcome.diff[len(head) :] if outcome.diff.startswith(head) else outcome.diff
    return replace(outcome, path=path, diff=diff, diagnostics=tuple(replace(d, path=path) for d in outcome.diagnostics))


def _lines(
    diagnostics: Sequence[Any], output_format: str, stream: IO[str], notes: Sequence[str] = (), failed: bool = False
) -> list[str]:
    """The report of ``diagnostics`` for ``stream``: JSON and SARIF escape what is not ASCII when the
    stream's encoding is not UTF-8 (a cp1252 pipe would otherwise get ``\\xe9``, which no JSON reader takes)."""
    if output_format == "json":
        from gemini_lint.reporters import json as json_reporter

        return [json_reporter.render(diagnostics, ascii_only=not _utf8(stream))]
    if output_format == "sarif":
        from gemini_lint.reporters import sarif

        return [sarif.render(diagnostics, ascii_only=not _utf8(stream), notes=notes, failed=failed)]
    if output_format == "github":
        from gemini_lint.reporters import github

        return [github.render(diagnostics)]
    from gemini_lint.reporters import text

    return [text.render(diagnostics, colour=_use_colour(stream))]


def _utf8(stream: IO[str]) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:  # pragma: no cover - an encoding Python does not know
        return False


def _write_diff(outcome: Any, out: IO[str]) -> None:
    """``outcome``'s patch, in its file's encoding: ``git apply`` and ``patch`` compare bytes, and a
    latin-1 file's ``é`` is one byte, not UTF-8's two. A UTF-16 or UTF-32 file's patch is left out
    with a note (patch tools take such a file for binary, and one hunk they refuse fails the whole
    patch); ``--fix`` writes it all the same."""
    import codecs

    encoding = outcome.diff_encoding or "utf-8"
    buffer = getattr(out, "buffer", None)
    stream_encoding = getattr(out, "encoding", None) or "utf-8"
    if buffer is None or (not outcome.diff_encoding and codecs.lookup(stream_encoding).name == "utf-8"):
        out.write(outcome.diff)  # a UTF-8 file on a UTF-8 stream; else its bytes, whatever the stream's encoding
        return
    if encoding.startswith(("utf-16", "utf-32")):
        note = f"its {encoding} change is left out of the patch (patch tools read such a file as binary); --fix writes it"
        _to_stderr(f"gemini-lint: {shown_path(outcome.path)}: {note}\n")
        return
    header_end = outcome.diff.index("\n", outcome.diff.index("\n") + 1) + 1  # the ---/+++ lines: names, in the output's encoding
    header, body = outcome.diff[:header_end], outcome.diff[header_end:]
    out.flush()
    buffer.write(header.encode(stream_encoding, "backslashreplace") + body.encode(encoding))


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
    # As ruff's: a CI step that fixes should still fail the build when it changed something.
    changed = options["fix"] and options["exit_non_zero_on_fix"] and any(o.fixed for o in outcomes)
    return EXIT_FINDINGS if blocking or failed or changed else EXIT_OK


def _report(
    outcomes: Sequence[Any], notes: list[str], settings: Any, options: dict[str, Any], out: IO[str], missing: Sequence[str] = ()
) -> int:
    """Write the report of ``outcomes`` (and ``notes``) and return the exit code; ``missing``: the errors
    of paths named that do not exist (out already), which the summary counts and SARIF carries."""
    quiet = options["quiet"]
    missing_text = f"; {_plural(len(missing), 'path')} not found (see the errors above)" if missing else ""
    diagnostics = sorted((d for o in outcomes for d in o.diagnostics), key=lambda d: d.sort_key)
    # --quiet keeps the notes of files that failed: they are why the exit code is 1.
    failures = [f"{shown_path(o.path)}: {note}" for o in outcomes if o.failed for note in o.notes]
    notes = notes + [f"{shown_path(o.path)}: {note}" for o in outcomes for note in o.notes]
    for note in failures if quiet else notes:
        _to_stderr(f"gemini-lint: {note}\n")
    if options["diff"]:
        for outcome in outcomes:
            if outcome.diff:
                _write_diff(outcome, out)
        fixed = sum(o.fixed for o in outcomes)
        files = sum(1 for o in outcomes if o.diff)
        if not quiet:
            _to_stderr(f"Would fix {_plural(fixed, 'finding')} in {_plural(files, 'file')}{missing_text}.\n")
        out.flush()
        return _exit_code(outcomes, settings, options)
    failed_run = any(o.failed for o in outcomes) or bool(missing)  # a missing path: exit 2, not a success
    for chunk in _lines(diagnostics, options["output_format"], out, [*notes, *missing], failed_run):
        out.write(chunk)
    if options["output_format"] == "text" and not quiet:
        fixed = sum(o.fixed for o in outcomes)
        fixed_files = sum(1 for o in outcomes if o.fixed)
        safe, unsafe = _fixable(diagnostics)
        if options["fix"]:  # what --fix left fixable, it could not write (a failed file, said below)
            safe = 0
            unsafe = 0 if settings.unsafe_fixes else unsafe
        elif settings.unsafe_fixes:  # unsafe fixes on (flag or configuration): --fix alone applies them
            safe, unsafe = safe + unsafe, 0
        hint = []
        if safe:
            hint.append(f"{safe} fixable with --fix")
        if unsafe:
            hint.append(f"{unsafe} {'more' if safe else 'fixable'} with --fix --unsafe-fixes")
        hint_text = f" ({', '.join(hint)})" if hint else ""
        failed = sum(1 for o in outcomes if o.failed)
        # A file that could not be read, parsed for a fix, or written makes the exit code 1: say so.
        failed_text = (f"; {_plural(failed, 'file')} failed (see the notes above)" if failed else "") + missing_text
        if options["fix"] and fixed:
            out.write(f"Fixed {_plural(fixed, 'finding')} in {_plural(fixed_files, 'file')}")
            out.write(f"; {_plural(len(diagnostics), 'finding')} remaining{hint_text}" if diagnostics else "")
            out.write(f"{failed_text}.\n")
        elif diagnostics:
            out.write(f"Found {_plural(len(diagnostics), 'finding')}{hint_text}{failed_text}.\n")
        else:
            out.write(f"No findings{failed_text}.\n" if failed_text else "All checks passed!\n")
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
        if m.shutdown_kind.value == "earliest":  # a date it will not be shut down before, not a shutdown
            when = f"may shut down in {_plural(days, 'day')} or later" if days > 0 else (
                "may be shut down from today" if days == 0 else f"may be shut down (earliest date {_plural(-days, 'day')} ago)"
            )
        else:
            when = f"shuts down in {_plural(days, 'day')}" if days > 0 else "shuts down today" if days == 0 else f"shut down {_plural(-days, 'day')} ago"
        target = m.replacement or "(no replacement named)"
        out.write(f"{m.id:<{width}}  -> {target:<28} {m.shutdown}  {when}  [{lifecycle_severity(m, settings.today).value}]\n")
    out.write(f"{_plural(len(shown), 'model')} on {settings.surface}, as of {settings.today}.\n")
    return EXIT_OK


def escape_unencodable() -> None:
    """Write a character the output's encoding lacks (a path on a cp1252 pipe) as an escape, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # pragma: no cover - not a TextIOWrapper
            pass


def silence_stdout() -> None:
    """Point stdout at the null device, so the flush at exit does not fail (and print) a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # pragma: no cover - stdout without a file descriptor
        pass


def error(message: str) -> None:
    """One line on stderr (none when stderr is closed or full: the exit code still says it)."""
    _to_stderr(message + "\n")


def _to_stderr(text: str) -> None:
    """``text`` on stderr, now; lost when stderr is closed or full, which must not cost the report
    on stdout or the exit code (notes and errors are all that goes there)."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):  # stderr closed (None), full or detached
        pass


class PipeClosed(Exception):
    """The reader of the report closed the pipe (a ``BrokenPipeError``, passed through click, which
    would otherwise answer it with exit 1 itself)."""


def guarded(call: Callable[[], int], broken_pipe: int = EXIT_FINDINGS) -> int:
    """``call()``'s exit code, or the one for a Ctrl-C, a closed pipe (``broken_pipe``: the reader,
    ``gemini-lint . | head``, had enough of the report) or an output that cannot be written."""
    try:
        return call()
    except (KeyboardInterrupt, EOFError):
        error("\ngemini-lint: interrupted")  # as click says it: on a new line after the terminal's ^C
        return EXIT_INTERRUPTED
    except (BrokenPipeError, PipeClosed):
        silence_stdout()  # nothing more to flush at exit into the closed pipe
        return broken_pipe
    except OSError as exc:  # the report could not be written (a full disk): files are handled where read
        error(f"gemini-lint: error: {exc}")
        silence_stdout()
        return EXIT_ERROR


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if sys.stderr is None:  # started with stderr closed (``2>&-``): notes go nowhere, the exit code still counts
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    if sys.stdout is None:  # started with stdout closed (``>&-``): nothing could be reported, so nothing is done
        error("gemini-lint: error: standard output is closed; nothing checked or written")
        return EXIT_ERROR
    escape_unencodable()
    options = fast_options(args)
    if options is None:
        from gemini_lint.cli import click_main

        return click_main(args)
    return guarded(lambda: run_command(**options), EXIT_OK if options["exit_zero"] else EXIT_FINDINGS)


# The plain command lines, parsed without click. Each table mirrors an option of
# ``gemini_lint.cli.command`` (tests/test_app.py checks them against it, and the parsed options
# against click's for many command lines). What is not here (--help, --version, --list-rules,
# --explain, --list-models, '-' for stdin, combined short options, a value that starts with '-',
# an unknown option, a bad value...) goes to click, which parses it or says what is wrong.

#: Flags: option -> (parameter, value).
FAST_FLAGS = {
    "--fix": ("fix", True),
    "--diff": ("diff", True),
    "--exit-zero": ("exit_zero", True),
    "--exit-non-zero-on-fix": ("exit_non_zero_on_fix", True),
    "-q": ("quiet", True),
    "--quiet": ("quiet", True),
    "--isolated": ("isolated", True),
    "--force-exclude": ("force_exclude", True),
    "--no-gitignore": ("no_gitignore", True),
    "--unsafe-fixes": ("unsafe_fixes", True),
    "--no-unsafe-fixes": ("unsafe_fixes", False),
}
#: Options with a value: option -> parameter (the last one given counts).
FAST_VALUES = {
    "--format": "output_format",
    "--output-format": "output_format",
    "--today": "today",
    "--fail-on": "fail_on",
    "--surface": "surface",
    "--config": "config_path",
    "--stdin-filename": "stdin_filename",
    "-j": "jobs",
    "--jobs": "jobs",
}
#: Repeatable options: option -> parameter (a tuple of every value, in order).
FAST_MULTIPLE = {"--select": "select", "--ignore": "ignore", "--extend-exclude": "extend_exclude"}
#: The values a parameter takes, where it is a choice.
FAST_CHOICES = {
    "output_format": ("text", "json", "sarif", "github"),
    "fail_on": ("info", "warning", "error"),
    "surface": ("gemini-api", "vertex-ai", "firebase"),
}
#: Every parameter the command gets, with its default.
FAST_DEFAULTS: dict[str, Any] = {
    "paths": (),
    "fix": False,
    "unsafe_fixes": None,
    "diff": False,
    "output_format": "text",
    "today": None,
    "select": (),
    "ignore": (),
    "extend_exclude": (),
    "fail_on": None,
    "exit_zero": False,
    "exit_non_zero_on_fix": False,
    "quiet": False,
    "surface": None,
    "config_path": None,
    "isolated": False,
    "stdin_filename": None,
    "force_exclude": False,
    "no_gitignore": False,
    "jobs": None,
    "list_rules": False,
    "explain": None,
    "list_models": False,
}


def fast_options(args: Sequence[str]) -> Optional[dict[str, Any]]:
    """The options click would pass the command for ``args``, or None when this parser is not sure."""
    if os.environ.get("_GEMINI_LINT_COMPLETE"):  # click's shell completion
        return None
    options = dict(FAST_DEFAULTS)
    repeated: dict[str, list[str]] = {name: [] for name in FAST_MULTIPLE.values()}
    paths: list[str] = []
    at = 0
    while at < len(args):
        arg = args[at]
        at += 1
        if arg == "--":
            paths.extend(args[at:])
            break
        if not arg.startswith("-"):
            paths.append(arg)
            continue
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in FAST_FLAGS and not equals:
            flag, setting = FAST_FLAGS[name]
            options[flag] = setting
            continue
        if name.startswith("-j") and not name.startswith("--") and len(name) > 2:
            name, equals, value = "-j", "=", name[2:]  # -j2
        if name not in FAST_VALUES and name not in FAST_MULTIPLE:
            return None
        if not equals:
            if at == len(args):
                return None
            value = args[at]
            at += 1
        if value.startswith("-"):
            return None
        if name in FAST_MULTIPLE:
            repeated[FAST_MULTIPLE[name]].append(value)
            continue
        parameter = FAST_VALUES[name]
        if value not in FAST_CHOICES.get(parameter, (value,)):
            return None
        if parameter == "jobs":
            if not (value.isascii() and value.isdigit()) or len(value) > 9 or int(value) < 1:
                return None  # (more than 4,300 digits would not even convert)
            options[parameter] = int(value)
        else:
            options[parameter] = value
    config = options["config_path"]
    if config is not None and os.path.exists(config) and not os.access(config, os.R_OK):
        return None  # click refuses it ("is not readable")
    options.update((name, tuple(values)) for name, values in repeated.items())
    options["paths"] = tuple(paths)
    return options
