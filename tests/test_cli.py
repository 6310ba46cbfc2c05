"""The command line through ``main([...])`` and through the installed console script."""

from __future__ import annotations

import json
import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from conftest import FLASH, FLASH_GA, PRO, PRO_GA, console_script
from gemini_lint import __version__
from gemini_lint.cli import main

BASE = ["--today", "2026-11-25", "--select", "GL001,GL002"]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "src" / "app.py", f'MODEL = "{FLASH}"  # default was {PRO}\n')
    write(tmp_path / "src" / "clean.py", f'MODEL = "{FLASH_GA}"\n')
    write(tmp_path / "src" / "hero.py", f'def hero():\n    """Uses {PRO}."""\n    return "{PRO}"\n')
    return tmp_path


def test_text_output_and_summary(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BASE, "src"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"src/app.py:1:10: GL001 [error] '{FLASH}' was shut down on 2026-06-25; use '{FLASH_GA}'",
        f"src/app.py:1:57: GL002 [warning] '{PRO}' was shut down on 2026-06-25; "
        f"update the text to '{PRO_GA}' if it describes current use",
        f"src/hero.py:2:13: GL002 [warning] '{PRO}' was shut down on 2026-06-25; "
        f"update the text to '{PRO_GA}' if it describes current use",
        f"src/hero.py:3:13: GL001 [error] '{PRO}' was shut down on 2026-06-25; use '{PRO_GA}'",
        "Found 4 findings (2 fixable with --fix, 2 more with --fix --unsafe-fixes).",
    ]
    assert err == ""


def test_fix_then_remaining(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BASE, "--fix", "src"]) == 1  # GL002 warnings remain
    out, _ = capsys.readouterr()
    assert out.splitlines()[-1] == "Fixed 2 findings in 2 files; 2 findings remaining (2 fixable with --fix --unsafe-fixes)."
    assert (project / "src/app.py").read_text() == f'MODEL = "{FLASH_GA}"  # default was {PRO}\n'
    assert main([*BASE, "--fix", "--unsafe-fixes", "src"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[-1] == "Fixed 2 findings in 2 files."
    assert (project / "src/hero.py").read_text() == f'def hero():\n    """Uses {PRO_GA}."""\n    return "{PRO_GA}"\n'
    assert main([*BASE, "--fix", "--unsafe-fixes", "src"]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[-1] == "All checks passed!"


def test_diff_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (project / "src/app.py").read_bytes()
    assert main([*BASE, "--diff", "src/app.py"]) == 1
    out, err = capsys.readouterr()
    assert out == (
        "--- src/app.py\n+++ src/app.py\n@@ -1 +1 @@\n"
        f'-MODEL = "{FLASH}"  # default was {PRO}\n'
        f'+MODEL = "{FLASH_GA}"  # default was {PRO}\n'
    )
    assert err == "Would fix 1 finding in 1 file.\n"
    assert (project / "src/app.py").read_bytes() == before
    assert main([*BASE, "--diff", "src/clean.py"]) == 0


def test_json_output(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BASE, "--format", "json", "src/app.py"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data[0] == {
        "path": "src/app.py",
        "cell": None,
        "line": 1,
        "column": 10,
        "end_line": 1,
        "end_column": 40,
        "code": "GL001",
        "severity": "error",
        "message": f"'{FLASH}' was shut down on 2026-06-25; use '{FLASH_GA}'",
        "fix": {"applicability": "safe", "replacement": FLASH_GA, "message": f"Replace '{FLASH}' with '{FLASH_GA}'"},
    }
    assert data[1]["code"] == "GL002" and data[1]["fix"]["applicability"] == "unsafe"


def test_json_output_empty_is_an_array(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BASE, "--format", "json", "src/clean.py"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--fail-on", "error", "src/app.py"], 1),
        (["--fail-on", "error", "--select", "GL002", "src/app.py"], 0),
        (["--fail-on", "warning", "--select", "GL002", "src/app.py"], 1),
        (["--fail-on", "info", "--today", "2026-01-01", "src/app.py"], 1),
        (["--fail-on", "warning", "--today", "2026-01-01", "src/app.py"], 0),
        (["--exit-zero", "src/app.py"], 0),
        (["--ignore", "GL001,GL002", "src/app.py"], 0),
        (["src/clean.py"], 0),
    ],
)
def test_exit_codes(project: Path, args: list[str], code: int) -> None:
    assert main(["--today", "2026-11-25", "--ignore", "GL003", *args]) == code


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "2026-13-01", "src"], "--today: expected a date as YYYY-MM-DD, got '2026-13-01'"),
        (["--today", "20261126", "src"], "--today: expected a date as YYYY-MM-DD, got '20261126'"),  # 3.11 took it
        (["--today", "2026-W48-4", "src"], "--today: expected a date as YYYY-MM-DD, got '2026-W48-4'"),
        (["--today", "", "src"], "--today: expected a date as YYYY-MM-DD, got ''"),  # not the clock
        (["missing/path.py"], "missing/path.py: no such file or directory"),
        (["--select", "GL999", "src"], "--select: unknown rule code 'GL999'"),
        (["--select", "", "src"], "--select: no rule code given"),  # an empty $CODES must not turn every rule off
        (["--select", " , ", "src"], "--select: no rule code given"),
        (["--list-models", "--format", "sarif"], "--list-models prints text or json, not sarif"),
        (["--diff", "--format", "json", "src"], "--diff prints a unified diff, not json"),
        (["--list-rules", "--format", "json"], "--list-rules prints text, not json"),
        (["--explain", "GL001", "--format", "sarif"], "--explain prints text, not sarif"),
        (["--stdin-filename", "a.py", "src"], "--stdin-filename names the source read from '-'"),
        (["--stdin-filename", "", "src"], "--stdin-filename: no file name given"),
        (["--stdin-filename", " ", "src"], "--stdin-filename: no file name given"),
        (["--format", "xml", "src"], "Invalid value for '--format'"),
        (["--no-such-flag"], "--no-such-flag"),
        (["--explain", "GL404"], "--explain: unknown rule code 'GL404'"),
        (["--config", "nope.toml", "src"], "--config nope.toml: no such file"),
        (["--config", "", "src"], "--config: the path is empty"),  # not a silent search for one
        (["--config=", "src"], "--config: the path is empty"),
        (["--config", "src", "src"], "--config src: is a folder, not a configuration file"),
        (["--isolated", "--config", "nope.toml", "src"], "--isolated ignores every configuration file"),
        (["--extend-exclude", "", "src"], "--extend-exclude: an empty glob matches nothing"),
        (["x" * 300 + ".py"], "file name too long"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    project: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err


def test_env_today(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GEMINI_LINT_TODAY", "2026-06-01")
    assert main(["--select", "GL001", "src/app.py"]) == 1
    assert "[warning]" in capsys.readouterr().out
    monkeypatch.setenv("GEMINI_LINT_TODAY", "not-a-date")
    assert main(["--select", "GL001", "src/app.py"]) == 2
    assert "GEMINI_LINT_TODAY: expected a date" in capsys.readouterr().err


def test_quiet_prints_findings_only(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BASE, "--quiet", "src/app.py"]) == 1
    out, _ = capsys.readouterr()
    assert [line.split(":")[0] for line in out.splitlines()] == ["src/app.py", "src/app.py"]


def test_default_path_is_current_folder(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "node_modules" / "dep.py", f'M = "{FLASH}"\n')
    write(project / ".venv" / "lib.py", f'M = "{FLASH}"\n')
    assert main(BASE) == 1
    out = capsys.readouterr().out
    assert "node_modules" not in out and ".venv" not in out
    assert "src/app.py:1:10" in out


def test_unparsable_file_is_reported_and_never_written(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = write(project / "broken.py", f'def f(:\n    return "{FLASH}"\n')
    before = broken.read_bytes()
    assert main([*BASE, "--fix", "broken.py"]) == 1
    out, err = capsys.readouterr()
    assert "broken.py:2:13: GL001 [error]" in out
    assert "broken.py: not parsed as Python" in err and "nothing written" in err
    assert broken.read_bytes() == before


def test_binary_file_is_skipped_with_a_note(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blob = project / "blob.py"
    blob.write_bytes(b"\x00\x01" + FLASH.encode() + b"\xff\xfe")
    assert main([*BASE, "--fix", "blob.py"]) == 0
    out, err = capsys.readouterr()
    assert "blob.py: binary file (NUL bytes); skipped" in err
    assert blob.read_bytes() == b"\x00\x01" + FLASH.encode() + b"\xff\xfe"


def test_utf16_and_utf32_files_with_a_bom_are_read(
    tmp_path: Path, run_cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    # PowerShell 5.1's `>` writes UTF-16-LE with a BOM: no ASCII "gemini" in the bytes, and NUL bytes.
    native = write(tmp_path / "native.json", f'{{"m": "{FLASH}"}}\n', "utf-16")
    other = "utf-16-be" if native.read_bytes().startswith(b"\xff\xfe") else "utf-16-le"
    swapped = tmp_path / "swapped.yaml"
    swapped.write_bytes(("\ufeff" + f"m: {FLASH}\n").encode(other))
    write(tmp_path / "wide.md", f"Nano Banana 2 is free in the Gemini API.\n\nWe used `{PRO}` before.\n", "utf-32")
    write(tmp_path / "wide.py", f'M = "{PRO}"\n', "utf-16")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    result = run_cli("--isolated", "--today", "2026-11-25", "--fix", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"swapped.yaml:1:4: GL001 [error] '{FLASH}' was shut down on 2026-06-25; use '{FLASH_GA}'",
        "wide.md:1:18: GL003 [warning] the official Gemini Developer API has no free tier for gemini-3.1-flash-image "
        "(Standard $60 / Batch $30 per 1M output image tokens, June 2026 pricing); AI Studio is for browser testing "
        'only; write "AI Studio testing" or "official API Free Tier not available" instead',
        f"wide.md:3:10: GL002 [warning] '{PRO}' was shut down on 2026-06-25; "
        f"update the text to '{PRO_GA}' if it describes current use",
        f"wide.py:1:6: GL001 [error] '{PRO}' was shut down on 2026-06-25; use '{PRO_GA}'",
        "Fixed 1 finding in 1 file; 4 findings remaining (1 fixable with --fix --unsafe-fixes).",
    ]
    assert "swapped.yaml: its utf-16 bytes would not be written back the same" in result.stderr
    assert "wide.py: Python does not read utf-16 source; IDs reported, nothing written" in result.stderr
    assert (tmp_path / "native.json").read_text("utf-16") == f'{{"m": "{FLASH_GA}"}}\n'
    assert (tmp_path / "native.json").read_bytes() == f'{{"m": "{FLASH_GA}"}}\n'.encode("utf-16")  # BOM, order kept
    assert (tmp_path / "native.json").read_bytes()[:2] == before["native.json"][:2]
    assert all((tmp_path / name).read_bytes() == data for name, data in before.items() if name != "native.json")


def test_undecodable_file_reported_not_written(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = project / "bad.py"
    bad.write_bytes(f'M = "{FLASH}"  # \xe9\n'.encode("latin-1"))
    assert main([*BASE, "--fix", "bad.py"]) == 1
    out, err = capsys.readouterr()
    assert "bad.py:1:6: GL001" in out and "not valid utf-8" in err
    assert bad.read_bytes() == f'M = "{FLASH}"  # \xe9\n'.encode("latin-1")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"gemini-lint {__version__}\n"


def test_noqa(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "n.py", f'A = "{FLASH}"  # noqa: GL001\nB = "{FLASH}"  # noqa\nC = "{FLASH}"  # noqa: GL002\n')
    assert main([*BASE, "n.py"]) == 1
    assert [line.split(": ")[0] for line in capsys.readouterr().out.splitlines()[:-1]] == ["n.py:3:6"]


def test_a_noqa_that_names_no_code_says_why_the_finding_shows(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "n.py").write_text(f'A = "{FLASH}"  # noqa: gl001\nB = "{FLASH}"  # noqa:\nC = 1  # noqa: x\n')
    (tmp_path / "n.md").write_text(f"Uses {FLASH}. <!-- noqa: GL002 -->\n\nAnd {FLASH}. <!-- noqa: -->\n")
    result = run_cli("--today", "2026-11-25", "n.py", "n.md", cwd=tmp_path)
    assert result.returncode == 1
    assert [line.split(": ")[0] for line in result.stdout.splitlines()[:-1]] == ["n.md:3:5", "n.py:1:6", "n.py:2:6"]
    # Only lines where the marker left a finding shown get a note (line 3 of n.py has none).
    assert result.stderr.splitlines() == [
        f"gemini-lint: {name}: line {line}: the `noqa:` names no code, so it silences nothing (codes are upper case: "
        "`# noqa: GL001, GL002`; a bare `# noqa` silences every code)"
        for name, line in (("n.md", 3), ("n.py", 1), ("n.py", 2))
    ]


def test_console_script_end_to_end(project: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(*BASE, "src", cwd=project)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0].startswith("src/app.py:1:10: GL001 [error]")
    assert "\x1b[" not in result.stdout  # not a terminal: no colour
    fixed = run_cli(*BASE, "--fix", "src", cwd=project)
    assert fixed.returncode == 1 and "Fixed 2 findings in 2 files" in fixed.stdout
    assert (project / "src/app.py").read_text() == f'MODEL = "{FLASH_GA}"  # default was {PRO}\n'
    again = run_cli(*BASE, "--fix", "src", cwd=project)
    assert again.stdout.splitlines()[-1].startswith("Found ")  # nothing fixed: as a check says it
    missing = run_cli("nowhere", cwd=project)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr


def test_python_dash_m(project: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "gemini_lint", *BASE, "src/app.py"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 1 and "GL001" in result.stdout


def test_colour_only_when_forced(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    main([*BASE, "src/app.py"])
    assert "\x1b[" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    main([*BASE, "src/app.py"])
    assert "\x1b[" not in capsys.readouterr().out


@pytest.mark.parametrize(("value", "coloured"), [("1", True), ("yes", True), ("0", False), ("", False)])
def test_clicolor_force_forces_colour_as_in_ruff(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str, coloured: bool
) -> None:
    monkeypatch.setenv("CLICOLOR_FORCE", value)
    main([*BASE, "src/app.py"])
    assert ("\x1b[" in capsys.readouterr().out) is coloured
    monkeypatch.setenv("NO_COLOR", "1")  # NO_COLOR wins over every way of forcing it
    main([*BASE, "src/app.py"])
    assert "\x1b[" not in capsys.readouterr().out


def test_exit_non_zero_on_fix_and_output_format_as_in_ruff(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.py").write_text(f'M = "{FLASH}"\n')
    base = ("--today", "2026-11-25")
    assert run_cli(*base, "--fix", "--exit-non-zero-on-fix", "a.py", cwd=tmp_path).returncode == 1
    assert (tmp_path / "a.py").read_text() == f'M = "{FLASH_GA}"\n'
    assert run_cli(*base, "--fix", "--exit-non-zero-on-fix", "a.py", cwd=tmp_path).returncode == 0  # nothing to fix
    assert run_cli(*base, "--fix", "--exit-non-zero-on-fix", "--exit-zero", "a.py", cwd=tmp_path).returncode == 0
    stdin = run_cli(*base, "--fix", "--exit-non-zero-on-fix", "--stdin-filename", "x.py", "-", cwd=tmp_path,
                    input=f'M = "{FLASH}"\n')
    assert (stdin.returncode, stdin.stdout) == (1, f'M = "{FLASH_GA}"\n')
    (tmp_path / "b.py").write_text(f'M = "{FLASH}"\n')
    assert run_cli(*base, "--exit-non-zero-on-fix", "b.py", cwd=tmp_path).returncode == 1  # a finding, no fix
    as_json = run_cli(*base, "--output-format", "json", "b.py", cwd=tmp_path)
    assert json.loads(as_json.stdout)[0]["code"] == "GL001"


def test_no_colour_on_a_dumb_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from gemini_lint.app import _use_colour

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert _use_colour(Terminal())
    monkeypatch.setenv("TERM", "dumb")
    assert not _use_colour(Terminal())
    monkeypatch.setenv("FORCE_COLOR", "1")  # forced wins, as in ruff
    assert _use_colour(Terminal())


def test_fix_keeps_mode(project: Path) -> None:
    script = write(project / "tool.py", f'#!/usr/bin/env python\nM = "{FLASH}"\n')
    os.chmod(script, 0o751)
    assert main([*BASE, "--fix", "tool.py"]) == 0
    assert stat.S_IMODE(script.stat().st_mode) == 0o751
    assert script.read_text() == f'#!/usr/bin/env python\nM = "{FLASH_GA}"\n'


def test_surface_picks_its_dates(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "s.py", 'M = "gemini-2.5-pro"\n')
    assert main([*BASE, "s.py"]) == 1
    assert "s.py:1:6: GL001 [warning] 'gemini-2.5-pro' is deprecated and shuts down on 2026-12-01" in capsys.readouterr().out
    assert main([*BASE, "--surface", "vertex-ai", "s.py"]) == 1
    assert "s.py:1:6: GL001 [error] 'gemini-2.5-pro' was shut down on 2026-10-20" in capsys.readouterr().out
    write(project / "pyproject.toml", '[tool.gemini-lint]\nsurface = "vertex-ai"\n')
    assert main([*BASE, "s.py"]) == 1
    assert "was shut down on 2026-10-20" in capsys.readouterr().out


def test_console_script_fixes_new_forms_byte_exactly(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """Shell defaults in .env/YAML and backslashes in f-strings: the installed script rewrites only the IDs."""
    files = {
        ".env.example": f"MODEL=${{IMAGE_MODEL:-{FLASH}}}\r\nPRO=${{PRO_MODEL-{PRO}}}\r\n".encode(),
        "compose.yaml": f"services:\n  app:\n    environment:\n      MODEL: ${{MODEL:-{FLASH}}}  # default\n".encode(),
        "paths.py": (
            "# -*- coding: latin-1 -*-\nP = rf'\\{{%é' + f'\\N{BULLET} " + FLASH + "'\nQ = rf'\\{x}" + PRO + "'\n"
        ).encode("latin-1"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = run_cli("--today", "2026-11-25", "--fix", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Fixed 5 findings in 3 files" in result.stdout
    for name, data in files.items():
        expected = data.replace(FLASH.encode(), FLASH_GA.encode()).replace(PRO.encode(), PRO_GA.encode())
        assert (tmp_path / name).read_bytes() == expected, name


def test_console_script_never_renames_a_key_into_a_sibling(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """Python dicts, notebook cells and Markdown blocks: a rename that would drop or merge an entry is not made."""
    old = "gemini-2.5-flash-image-preview"  # like FLASH, it becomes FLASH_GA
    cell = json.dumps(f'P = {{"{FLASH}": 0.067, "{FLASH_GA}": 0.039}}\n')
    files = {
        "prices.py": f'P = {{\n    "{FLASH}": 0.067,\n    "{old}": 0.039,\n}}\n'.encode(),
        "prices.ipynb": (
            '{"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], '
            f'"source": [{cell}]}}], "metadata": {{"language_info": {{"name": "python"}}}}, '
            '"nbformat": 4, "nbformat_minor": 5}\n'
        ).encode(),
        "README.md": f'```json\n{{"{FLASH}": 1, "{old}": 2}}\n```\n'.encode(),
        # configparser gives [m] the [DEFAULT] option too: the rename would drop one.
        "setup.cfg": f"[DEFAULT]\n{FLASH_GA} = 2\n\n[m]\n{FLASH} = 1\n".encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = run_cli("--today", "2026-11-25", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Fixed 2 findings in 1 file" in result.stdout  # the Markdown block, with --unsafe-fixes only
    assert result.stdout.count("not fixed automatically") == 4
    for name in ("prices.py", "prices.ipynb", "setup.cfg"):
        assert (tmp_path / name).read_bytes() == files[name], name
    result = run_cli("--today", "2026-11-25", "--fix", ".", cwd=tmp_path)
    assert "Found 4 findings." in result.stdout


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs patch(1)")
def test_console_script_diff_applies_with_patch_as_fix_writes(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """--diff output is a patch: no final newline is marked, a form feed is inside a line, as patch(1) reads it."""
    files = {
        "m.json": f'{{"model": "{FLASH}"}}',  # no newline at the end, as json.dump writes
        "f.py": f'a = "{PRO}"  # \x0c page\r\nb = 1\r\nc = "{PRO}"',
        "ok.yaml": f"m: {FLASH}\n",
        "bom.py": f'\ufeffm = "{PRO}"\n',
    }
    for name, text in files.items():
        (tmp_path / name).write_bytes(text.encode())
    command = [*console_script(), "--today", "2026-11-25", "--diff", "."]
    diff = subprocess.run(command, cwd=tmp_path, capture_output=True, check=False)  # bytes: CRLF kept
    assert diff.returncode == 1 and diff.stdout.count(b"\\ No newline at end of file\n") == 4, diff.stdout
    fixed = tmp_path / "fixed"
    fixed.mkdir()
    for name, text in files.items():
        (fixed / name).write_bytes(text.encode())
    assert run_cli("--today", "2026-11-25", "--fix", ".", cwd=fixed).returncode == 0
    assert b"Would fix" not in diff.stdout  # the summary goes to stderr: stdout is the patch alone
    applied = subprocess.run(["patch", "-p0"], input=diff.stdout, cwd=tmp_path, capture_output=True, check=False)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    for name in files:
        assert (tmp_path / name).read_bytes() == (fixed / name).read_bytes(), name


def test_console_script_summary_says_when_a_file_failed(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """A FIFO named on the command line cannot be read: exit 1, and the summary does not say all passed."""
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "ok.py").write_text("x = 1\n")
    result = run_cli("--isolated", "pipe.py", "ok.py", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == "No findings; 1 file failed (see the notes above).\n"
    assert result.stderr == "gemini-lint: pipe.py: cannot read: not a regular file (FIFO, socket or device); skipped\n"


def test_the_console_entry_point_runs_main_with_the_collector_back_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from gemini_lint.__main__ import run

    monkeypatch.setattr("sys.argv", ["gemini-lint", "--list-rules"])
    try:
        assert run() == 0
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_a_named_path_this_user_cannot_read_is_a_failed_file_not_a_usage_error(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As for a file met in a walk: a note and exit 1, not click's "not readable" and exit 2."""
    import os

    real_access, real_open = os.access, os.open

    def no_access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        return False if str(path).endswith("clean.py") else real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    def refuse(path: str, *args: object, **kwargs: object) -> int:  # as chmod 000 does for a user other than root
        if str(path).endswith("clean.py"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", no_access)
    monkeypatch.setattr(os, "open", refuse)
    assert main(["--today", "2026-11-25", "--isolated", "src/clean.py"]) == 1
    out, err = capsys.readouterr()
    assert "src/clean.py: cannot read: Permission denied" in err and "Invalid value" not in err
    assert out == "No findings; 1 file failed (see the notes above).\n"


def test_a_named_file_in_a_folder_this_user_cannot_search_is_a_failed_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """chmod 000 on its folder makes a file's stat fail with EACCES, not ENOENT: it is there, unread."""
    real_lstat = os.lstat

    def refuse(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).endswith("clean.py"):
            raise PermissionError(13, "Permission denied", path)
        return real_lstat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "lstat", refuse)
    assert main(["--today", "2026-11-25", "--isolated", "src/clean.py", "src/app.py"]) == 1
    out, err = capsys.readouterr()
    assert err == "gemini-lint: src/clean.py: cannot read: Permission denied\n"
    assert out.endswith("; 1 file failed (see the notes above).\n") and out.startswith("src/app.py:1:10: GL001")


@pytest.mark.skipif(not os.path.exists("/bin/sh"), reason="closes a descriptor with the shell")
@pytest.mark.parametrize("extra", [["-"], ["--stdin-filename", "app.py"]])
def test_a_closed_stdin_is_one_line_and_exit_2(tmp_path: Path, extra: list[str]) -> None:
    """Started with ``<&-`` and asked to read stdin: one line, no traceback (found by a review)."""
    command = " ".join([*console_script(), "--isolated", "--today", "2026-11-25", *extra])
    result = subprocess.run(["/bin/sh", "-c", command + " <&-"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "gemini-lint: error: standard input is closed; nothing to read for '-'\n"


@pytest.mark.skipif(not os.path.exists("/bin/sh"), reason="closes a descriptor with the shell")
@pytest.mark.parametrize("extra", [[], ["--fix"], ["--format", "json"], ["--list-models"]])
def test_a_closed_stdout_is_one_line_and_exit_2_and_nothing_written(tmp_path: Path, extra: list[str]) -> None:
    """Started with ``>&-``, nothing could be reported: nothing is checked or written."""
    app = write(tmp_path / "app.py", f'MODEL = "{FLASH}"\n')
    command = " ".join([*console_script(), "--isolated", "--today", "2026-11-25", *extra, "app.py"])
    result = subprocess.run(["/bin/sh", "-c", command + " >&-"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "gemini-lint: error: standard output is closed; nothing checked or written\n"
    assert app.read_text() == f'MODEL = "{FLASH}"\n'


@pytest.mark.skipif(not os.path.exists("/bin/sh"), reason="closes a descriptor with the shell")
@pytest.mark.parametrize(
    ("args", "code"),
    [(["--format", "bogus", "app.py"], 2), (["missing.py"], 2), (["app.py"], 1), (["--fix", "app.py"], 0),
     (["app.py", "bin.txt"], 1), (["--diff", "app.py", "bin.txt"], 1)],
)
def test_a_closed_or_full_stderr_keeps_the_exit_code(tmp_path: Path, args: list[str], code: int) -> None:
    # A note (bin.txt is not text) written to a full stderr threw the report on stdout away, exit 2.
    (tmp_path / "bin.txt").write_bytes(b"a\0b")
    command = " ".join([*console_script(), "--isolated", "--today", "2026-11-25", *args])
    for redirect in (" 2>&-", " 2>/dev/full") if os.path.exists("/dev/full") else (" 2>&-",):
        write(tmp_path / "app.py", f'MODEL = "{FLASH}"\n')
        result = subprocess.run(["/bin/sh", "-c", command + redirect], cwd=tmp_path, capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == code, (redirect, result.stdout)
        assert "Traceback" not in result.stdout
        if code == 1:
            assert "app.py" in result.stdout, redirect


def test_a_byte_order_mark_before_plain_text_is_read_as_utf8(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """"\\xff\\xfe" then ASCII is no UTF-16 text: read as UTF-8, its ID is reported (the note said so, and none was)."""
    (project / "odd.py").write_bytes(b"\xff\xfe" + f'M = "{FLASH}"\n'.encode())
    assert main(["--today", "2026-11-25", "--isolated", "odd.py"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"odd.py:1:8: GL001 [error] '{FLASH}'") and "(read as utf-8)" in err


def test_output_the_terminal_cannot_encode_or_cannot_take_is_no_traceback(tmp_path: Path) -> None:
    """A path a cp1252 pipe cannot encode is escaped; a full disk is one line on stderr and exit 2."""
    import os
    import subprocess

    from conftest import console_script

    write(tmp_path / "中.py", f'MODEL = "{FLASH}"\n')
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "NO_COLOR": "1"}
    args = [*console_script(), "--isolated", "--today", "2026-11-25", "中.py"]
    result = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, timeout=60)
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert result.stdout.startswith(b"\\u4e2d.py:1:10: GL001")
    if os.path.exists("/dev/full"):
        for extra in ([], ["--format", "sarif"]):
            with open("/dev/full", "w") as full:
                failed = subprocess.run([*args, *extra], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
            assert failed.returncode == 2
            assert failed.stderr == "gemini-lint: error: [Errno 28] No space left on device\n"


def test_fix_leaves_code_about_the_migration_for_unsafe_fixes(
    tmp_path: Path, run_cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    source = (
        f'RENAMED = {{"{PRO}": "{PRO_GA}"}}\n\nRETIRED = frozenset({{"{FLASH}"}})\n\n'
        f'MODEL = os.getenv("MODEL", "{FLASH}")\n'
    )
    write(tmp_path / "models.py", source)
    result = run_cli("--isolated", "--today", "2026-11-25", "--fix", "models.py", cwd=tmp_path)
    assert result.returncode == 1
    assert (tmp_path / "models.py").read_text() == source.replace(f'"MODEL", "{FLASH}"', f'"MODEL", "{FLASH_GA}"')
    assert result.stdout.splitlines() == [
        f"models.py:1:13: GL001 [error] '{PRO}' was shut down on 2026-06-25; use '{PRO_GA}' (a dict's key: the "
        "entry's data (prices, limits, a tokenizer, a profile) describe the old model, and renamed they would be "
        "the new model's (a lookup by the same string moves with it); fix needs --unsafe-fixes)",
        f"models.py:3:23: GL001 [error] '{FLASH}' was shut down on 2026-06-25; use '{FLASH_GA}' (the code around it "
        "keeps retired IDs on purpose ('RETIRED'); fix needs --unsafe-fixes)",
        "Fixed 1 finding in 1 file; 2 findings remaining (2 fixable with --fix --unsafe-fixes).",
    ]


def test_fix_through_dot_dot_after_a_symlinked_folder_writes_the_named_file(run_cli, tmp_path: Path) -> None:
    # "deep/../b.py" with deep -> x/y is x/b.py; the unrelated ./b.py was fixed instead, x/b.py never checked.
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "b.py").write_text(f'M = "{FLASH}"\n')
    (tmp_path / "b.py").write_text(f'M = "{PRO}"  # another file\n')
    (tmp_path / "deep").symlink_to("x/y")
    result = run_cli("--isolated", "--today", "2026-11-25", "--fix", "deep/../b.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Fixed 1 finding in 1 file.\n"
    assert (tmp_path / "x" / "b.py").read_text() == f'M = "{FLASH_GA}"\n'
    assert (tmp_path / "b.py").read_text() == f'M = "{PRO}"  # another file\n'


def test_a_file_named_twice_through_a_folder_link_is_fixed_once(run_cli, tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.py").write_text(f'M = "{FLASH}"\n')
    (tmp_path / "linkdir").symlink_to("real")
    result = run_cli("--isolated", "--today", "2026-11-25", "--diff", "linkdir", "real", cwd=tmp_path)
    assert result.stdout.count("\n@@ ") == 1 and result.stderr == "Would fix 1 finding in 1 file.\n"
    result = run_cli("--isolated", "--today", "2026-11-25", "--fix", "linkdir", "real", cwd=tmp_path)
    assert result.stdout == "Fixed 1 finding in 1 file.\n"


def test_awkward_file_names_keep_one_finding_a_line_and_patches_apply(run_cli, tmp_path: Path) -> None:
    # A newline in a name split a finding in two, an escape sequence reached the terminal, and diff
    # headers with a space or a newline could not be applied: names are quoted as git quotes them.
    names = ["nl\nname.py", "evil\x1b[2J.py", "sp ace.py", "plain é.py", "x.py"]
    for name in names:
        (tmp_path / name).write_text(f'M = "{FLASH}"\n')
    os.mkdir(tmp_path / "raw")
    with open(os.path.join(os.fsencode(tmp_path / "raw"), b"bad\xff.py"), "w") as handle:
        handle.write(f'M = "{FLASH}"\n')
    result = run_cli("--isolated", "--today", "2026-11-25", ".", cwd=tmp_path)
    assert [line.split(":1:6: ")[0] for line in result.stdout.splitlines()[:-1]] == [
        '"evil\\033[2J.py"', '"nl\\nname.py"', "plain é.py", '"raw/bad\\377.py"', "sp ace.py", "x.py"
    ]
    diff = run_cli("--isolated", "--today", "2026-11-25", "--diff", ".", cwd=tmp_path).stdout
    assert "--- sp ace.py\t\n" in diff and '--- "nl\\nname.py"\n' in diff
    (tmp_path / "patch.diff").write_text(diff)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    applied = subprocess.run(["git", "apply", "-p0", "patch.diff"], cwd=tmp_path, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert all((tmp_path / name).read_text() == f'M = "{FLASH_GA}"\n' for name in names)


def test_json_and_sarif_stay_json_on_a_pipe_that_is_not_utf8(run_cli, tmp_path: Path) -> None:
    # ensure_ascii=False with the backslashreplace handler wrote "\xe9" into a JSON string: invalid JSON.
    (tmp_path / "emo😀é.py").write_text(f'M = "{FLASH}"\n')
    for output_format in ("json", "sarif"):
        result = subprocess.run(
            [*console_script(), "--isolated", "--format", output_format, "."],
            cwd=tmp_path, capture_output=True, env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        )
        document = json.loads(result.stdout.decode("ascii"))
        if output_format == "json":
            assert document[0]["path"] == "emo😀é.py"
        else:
            location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
            assert location["artifactLocation"]["uri"] == "emo%F0%9F%98%80%C3%A9.py"


def test_stdin_fix_reports_what_remains_in_the_format_asked_for(run_cli) -> None:
    source = f'M = "{FLASH}"\n# {FLASH}\n'
    result = run_cli("--fix", "--format", "json", "--stdin-filename", "./a.py", "-", input=source)
    assert result.stdout == f'M = "{FLASH_GA}"\n# {FLASH}\n'
    (remaining,) = json.loads(result.stderr)
    assert remaining["path"] == "a.py" and remaining["code"] == "GL002"


def test_a_name_starting_with_a_quote_is_quoted_in_diff_headers(run_cli, tmp_path: Path) -> None:
    # git apply and patch read a name that starts with '"' as a quoted one: it is quoted.
    for name in ('"lead.py', "plain.py"):
        (tmp_path / name).write_text(f'M = "{FLASH}"\n')
    diff = run_cli("--isolated", "--today", "2026-11-25", "--diff", ".", cwd=tmp_path).stdout
    assert '--- "\\"lead.py"\n' in diff
    (tmp_path / "patch.diff").write_text(diff)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    applied = subprocess.run(["git", "apply", "-p0", "patch.diff"], cwd=tmp_path, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / '"lead.py').read_text() == f'M = "{FLASH_GA}"\n'


def test_a_missing_path_is_an_error_and_the_other_paths_are_still_checked(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # As ruff does, the files that exist are checked (a hook over `git ls-files` output with one
    # deleted file still reports); unlike ruff, the run fails with exit 2 whatever they hold.
    (tmp_path / "a.py").write_text(f'M = "{FLASH}"\n')
    (tmp_path / "clean.py").write_text("x = 1\n")
    result = run_cli("--today", "2026-11-25", "a.py", "nope.py", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "gemini-lint: error: nope.py: no such file or directory\n"
    assert result.stdout.startswith("a.py:1:6: GL001") and result.stdout.endswith(
        "\nFound 1 finding (1 fixable with --fix); 1 path not found (see the errors above).\n")
    clean = run_cli("--today", "2026-11-25", "--exit-zero", "clean.py", "gone/", cwd=tmp_path)
    assert (clean.returncode, clean.stdout) == (2, "No findings; 1 path not found (see the errors above).\n")
    diff = run_cli("--today", "2026-11-25", "--diff", "a.py", "nope.py", cwd=tmp_path)
    assert diff.returncode == 2 and diff.stdout.startswith("--- a.py\n")
    assert diff.stderr.splitlines()[-1] == "Would fix 1 finding in 1 file; 1 path not found (see the errors above)."
    fixed = run_cli("--today", "2026-11-25", "--fix", "a.py", "nope.py", cwd=tmp_path)
    assert fixed.returncode == 2 and (tmp_path / "a.py").read_text() == f'M = "{FLASH_GA}"\n'
    alone = run_cli("--today", "2026-11-25", "nope.py", "gone", cwd=tmp_path)
    assert (alone.returncode, alone.stdout) == (2, "")
    assert alone.stderr.splitlines() == [f"gemini-lint: error: {name}: no such file or directory" for name in ("nope.py", "gone")]


def test_quiet_still_says_why_a_file_failed(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "dangling.py").symlink_to(tmp_path / "missing.py")
    (tmp_path / "clean.py").write_text(f'M = "{FLASH}"  # noqa\n')
    result = run_cli("--today", "2026-11-25", "-q", "dangling.py", "clean.py", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "gemini-lint: dangling.py: dangling or looping symlink; skipped\n"


def test_a_path_error_quotes_a_name_with_control_characters(run_cli, tmp_path: Path) -> None:
    result = run_cli("--isolated", "no\nsuch\x1b[31m.py", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == 'gemini-lint: error: "no\\nsuch\\033[31m.py": no such file or directory\n'


def test_stdin_fix_in_json_keeps_stderr_parseable(run_cli) -> None:
    result = run_cli("--fix", "--format", "json", "--stdin-filename", "bad.py", "-", input="x = (\n")
    assert json.loads(result.stderr) == [] and result.stdout == "x = (\n"


def test_stdin_named_as_the_configuration_is_neither_reported_nor_rewritten(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # An editor fixing gemini-lint.toml on save must not rename the models table's own legacy ID
    # (the next run would then fail: the entry's replacement would be itself), as a walk never reads it.
    config = 'today = "2026-11-25"\n[models."acme-v1"]\nreplacement = "acme-v2"\ndeprecated = "2026-01-01"\nshutdown = "2026-02-01"\n'
    (tmp_path / "gemini-lint.toml").write_text(config)
    (tmp_path / "ci.toml").write_text(config)
    for args in (["--stdin-filename", "gemini-lint.toml"], ["--config", "ci.toml", "--stdin-filename", "ci.toml"]):
        fixed = run_cli("--fix", *args, "-", cwd=tmp_path, input=config)
        assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, config, "")
        checked = run_cli(*args, "-", cwd=tmp_path, input=config)
        assert (checked.returncode, checked.stdout) == (0, "All checks passed!\n")
    # Another TOML file that holds the ID is checked as any other.
    other = run_cli("--stdin-filename", "ci.toml", "-", cwd=tmp_path, input=config)
    assert other.returncode == 1 and other.stdout.startswith("ci.toml:2:10: GL001")


def test_summary_counts_unsafe_fixes_as_fixable_with_fix_when_they_are_on(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.py").write_text(f'M = "{FLASH}"  # was {PRO}\n')
    plain = run_cli("--isolated", "--today", "2026-11-25", "a.py", cwd=tmp_path)
    assert plain.stdout.endswith("Found 2 findings (1 fixable with --fix, 1 more with --fix --unsafe-fixes).\n")
    on = run_cli("--isolated", "--today", "2026-11-25", "--unsafe-fixes", "a.py", cwd=tmp_path)
    assert on.stdout.endswith("Found 2 findings (2 fixable with --fix).\n")
    (tmp_path / "pyproject.toml").write_text("[tool.gemini-lint]\nunsafe-fixes = true\n")
    configured = run_cli("--today", "2026-11-25", "a.py", cwd=tmp_path)
    assert configured.stdout.endswith("Found 2 findings (2 fixable with --fix).\n")
    assert run_cli("--today", "2026-11-25", "--fix", "a.py", cwd=tmp_path).stdout == "Fixed 2 findings in 1 file.\n"


def test_sarif_of_a_run_with_a_missing_path_is_not_successful(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.py").write_text(f'M = "{FLASH}"\n')
    result = run_cli("--isolated", "--today", "2026-11-25", "--format", "sarif", "a.py", "nope.py", cwd=tmp_path)
    assert result.returncode == 2
    (invocation,) = json.loads(result.stdout)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == ["nope.py: no such file or directory"]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(["many.py"], 1, id="findings"),
        pytest.param(["--exit-zero", "many.py"], 0, id="exit-zero"),
        pytest.param(["-qj1", "--exit-zero", "many.py"], 0, id="exit-zero-parsed-by-click"),
        pytest.param(["--explain", "GL001"], 0, id="explain"),
        pytest.param(["--list-models"], 0, id="list-models"),
    ],
)
def test_a_reader_that_stops_early_fails_the_run_only_where_findings_would(
    tmp_path: Path, args: list[str], code: int
) -> None:
    """`gemini-lint ... | head -1`: the closed pipe is no traceback, and under `set -o pipefail`
    an `--exit-zero` step (or `--explain`) still passes."""
    (tmp_path / "many.py").write_text("".join(f'M{i} = "{FLASH}"\n' for i in range(3000)), encoding="utf-8")
    process = subprocess.Popen(
        [*console_script(), "--isolated", "--today", "2026-11-25", *args],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"},
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()
    process.stdout.close()  # as `head -1` does
    assert process.wait(timeout=120) == code
    assert "Traceback" not in process.stderr.read().decode()
    process.stderr.close()


def test_ctrl_c_while_the_command_loads_is_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from gemini_lint import __main__

    class Interrupting:
        def find_spec(self, name: str, *args: object) -> None:
            if name == "gemini_lint.app":
                raise KeyboardInterrupt

    monkeypatch.delitem(sys.modules, "gemini_lint.app")
    monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
    assert __main__.run() == 130
    assert capsys.readouterr().err == "\ngemini-lint: interrupted\n"


def test_a_patch_is_written_in_each_files_encoding_and_applies(tmp_path: Path) -> None:
    """git apply compares bytes: a latin-1 file's context line in UTF-8 made the whole patch fail.
    A UTF-16 file's change is left out (patch tools read it as binary), with a note; --fix writes it."""
    latin = f'# -*- coding: latin-1 -*-\nNAME = "café"\nM = "{PRO}"\n'
    (tmp_path / "l1.py").write_bytes(latin.encode("latin-1"))
    (tmp_path / "cp.py").write_bytes(f'# coding: cp1252\nS = "€"\nM = "{PRO}"\n'.encode("cp1252"))
    (tmp_path / "u8.py").write_text(f'NAME = "café"\nM = "{PRO}"\n', encoding="utf-8")
    (tmp_path / "u16.json").write_bytes(f'{{"model": "{PRO}"}}\n'.encode("utf-16"))
    done = subprocess.run(
        [*console_script(), "--isolated", "--today", "2026-11-25", "--diff", "."],
        cwd=tmp_path, capture_output=True, env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        "gemini-lint: u16.json: its utf-16 change is left out of the patch (patch tools read such a file as binary); --fix writes it",
        "Would fix 4 findings in 4 files.",
    ]
    assert "NAME = \"café\"".encode("latin-1") in done.stdout and 'S = "€"'.encode("cp1252") in done.stdout
    (tmp_path / "patch.diff").write_bytes(done.stdout)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    applied = subprocess.run(["git", "apply", "-p0", "patch.diff"], cwd=tmp_path, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / "l1.py").read_bytes() == latin.replace(PRO, PRO_GA).encode("latin-1")
    assert (tmp_path / "u8.py").read_text(encoding="utf-8") == f'NAME = "café"\nM = "{PRO_GA}"\n'
    assert PRO_GA.encode("cp1252") in (tmp_path / "cp.py").read_bytes()


def test_an_imagen_call_is_fixed_only_with_unsafe_fixes(tmp_path: Path) -> None:
    source = (
        "from google import genai\n\nclient = genai.Client()\n"
        'result = client.models.generate_images(model="imagen-4.0-generate-001", prompt="a cat")\n'
        f'EMBED = "text-embedding-004"\nVIDEO = "veo-3.0-generate-001"\nIMAGE = "{PRO}"\n'
    )
    (tmp_path / "app.py").write_text(source, encoding="utf-8")
    args = [*console_script(), "--isolated", "--today", "2026-11-25", "--fix", "app.py"]
    done = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 1
    fixed = source.replace("veo-3.0-generate-001", "veo-3.1-generate-preview").replace(PRO, PRO_GA)
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == fixed
    assert "called through another API than imagen models: change the call too; fix needs --unsafe-fixes" in done.stdout
    assert "stored vectors must be made again" in done.stdout
    done = subprocess.run([*args, "--unsafe-fixes"], cwd=tmp_path, capture_output=True, text=True)
    unsafe = fixed.replace("imagen-4.0-generate-001", "gemini-3.1-flash-image").replace("text-embedding-004", "gemini-embedding-2")
    assert (tmp_path / "app.py").read_bytes() == unsafe.encode()  # only the two IDs changed


def test_a_patch_applies_whatever_the_outputs_encoding(tmp_path: Path) -> None:
    """stdout in cp1252 (Windows, redirected): a UTF-8 file's hunks are still its UTF-8 bytes."""
    (tmp_path / "u8.py").write_text(f'NAME = "café"\nM = "{PRO}"\n', encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run(
        [*console_script(), "--isolated", "--today", "2026-11-25", "--diff", "u8.py"], cwd=tmp_path, capture_output=True, env=env
    )
    assert done.returncode == 1 and 'NAME = "café"'.encode() in done.stdout
    (tmp_path / "patch.diff").write_bytes(done.stdout)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    applied = subprocess.run(["git", "apply", "-p0", "patch.diff"], cwd=tmp_path, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / "u8.py").read_text(encoding="utf-8") == f'NAME = "café"\nM = "{PRO_GA}"\n'


def test_fix_leaves_values_whose_rewrite_would_change_the_program(
    tmp_path: Path, run_cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    # Found by a review of code about migrations: a file name, a folder, a docs page, a message that
    # says the model is retired, a test that expects a rejection.
    source = (
        f'CACHE = "{FLASH}.json"\n'
        f'ASSET = "samples/{FLASH}/cat.png"\n'
        f'DOCS = "https://ai.google.dev/gemini-api/docs/models/{PRO}"\n'
        f'GONE = "{PRO} was shut down; pick another model"\n'
        "\n\n"
        "def test_old_model_is_rejected():\n"
        "    with pytest.raises(NotFound):\n"
        '        generate("gemini-2.0-flash")\n'
        "\n\n"
        'MODEL = "gemini-2.5-pro"\n'
    )
    write(tmp_path / "app.py", source)
    result = run_cli("--isolated", "--today", "2026-12-07", "--fix", "app.py", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "app.py").read_text() == source.replace('"gemini-2.5-pro"', '"gemini-3.8-flash"')
    out = result.stdout
    for reason in (
        "a '.' and a name after the ID make a file or host name",
        "part of a file path or link target",
        "part of a web address",
        "the string says the ID is retired",
        "a test expects an error, a warning or a false result here",
    ):
        assert reason in out, reason
    assert out.splitlines()[-1].startswith("Fixed 1 finding in 1 file; 5 findings remaining")


def test_fix_with_diff_prints_the_diff_and_writes_nothing(
    tmp_path: Path, run_cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    # As in ruff, --diff wins over --fix (it was a usage error; found by a review).
    app = write(tmp_path / "app.py", f'MODEL = "{FLASH}"\n')
    both = run_cli("--isolated", "--today", "2026-11-25", "--fix", "--diff", "app.py", cwd=tmp_path)
    alone = run_cli("--isolated", "--today", "2026-11-25", "--diff", "app.py", cwd=tmp_path)
    assert (both.returncode, both.stdout, both.stderr) == (alone.returncode, alone.stdout, alone.stderr)
    assert both.returncode == 1 and f'+MODEL = "{FLASH_GA}"' in both.stdout
    assert app.read_text() == f'MODEL = "{FLASH}"\n'


@pytest.mark.skipif(not os.path.exists("/bin/sh"), reason="removes the folder it runs in with the shell")
def test_a_removed_current_folder_is_one_line_that_says_so(tmp_path: Path) -> None:
    app = write(tmp_path / "app.py", f'MODEL = "{FLASH}"\n')
    gone = tmp_path / "gone"
    gone.mkdir()
    command = f"cd {gone} && rmdir {gone} && " + " ".join([*console_script(), "--isolated", str(app)])
    result = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("gemini-lint: error: the current folder cannot be read (No such file or directory")
    # What needs no folder still works there (found by a review: --version and --explain had failed too).
    for args in (["--version"], ["--explain", "GL001"], ["--list-rules"]):
        gone.mkdir()
        command = f"cd {gone} && rmdir {gone} && " + " ".join([*console_script(), *args])
        done = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and done.stdout, (args, done.stderr)


def test_fix_keeps_a_table_and_its_uses_in_other_files_together(
    tmp_path: Path, run_cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    # A price table in its own module and a lookup elsewhere: an unsafe key there and a safe value here
    # left `PRICES[MODEL]` a KeyError after --fix (found by a review): both are renamed, or neither. A
    # dict's keys need --unsafe-fixes (a run over real packages), so a value looked up in an imported
    # mapping does too.
    write(tmp_path / "pricing.py", 'PRICES = {"gemini-2.0-flash": 0.10, "gemini-2.5-pro": 0.5}\n')
    write(tmp_path / "main.py", 'from pricing import PRICES\nMODEL = "gemini-2.0-flash"\nprint(PRICES[MODEL])\n')
    for unsafe, summary in (([], "Found 3 findings (3 fixable with --fix --unsafe-fixes)"), (["--unsafe-fixes"], "Fixed 3 findings in 2 files")):
        result = run_cli("--isolated", "--today", "2026-12-07", "--fix", *unsafe, ".", cwd=tmp_path)
        assert summary in result.stdout, result.stdout
        run = subprocess.run([sys.executable, "main.py"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert (run.returncode, run.stdout) == (0, "0.1\n"), run.stderr
