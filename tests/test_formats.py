"""Output formats (SARIF validated against the official schema, GitHub, JSON), stdin, rule docs, models."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from conftest import FLASH, FLASH_GA, PRO
from gemini_lint.cli import main
from gemini_lint.rules.catalog import all_rules

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
BASE = ["--today", "2026-11-25", "--select", "GL001,GL002"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "app.py").write_text(f'MODEL = "{FLASH}"  # was {PRO}\n')
    return tmp_path


def test_sarif_validates_and_carries_rules_results_and_fixes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BASE, "--format", "sarif", "pkg"]) == 1
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, SCHEMA)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "gemini-lint" and driver["version"] and driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == ["GL001", "GL002", "GL003"]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["helpUri"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    first, second = run["results"]
    assert first["ruleId"] == "GL001" and first["level"] == "error"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "pkg/app.py"
    assert location["region"] == {"startLine": 1, "startColumn": 10, "endLine": 1, "endColumn": 40}
    replacement = first["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == FLASH_GA
    assert second["ruleId"] == "GL002" and second["level"] == "warning"


def test_sarif_with_no_findings_and_info_level(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pkg" / "app.py").write_text("x = 1\n")
    main([*BASE, "--format", "sarif", "pkg"])
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, SCHEMA)
    assert log["runs"][0]["results"] == []
    (project / "pkg" / "app.py").write_text(f'MODEL = "{FLASH}"\n')
    main(["--today", "2026-01-01", "--select", "GL001", "--format", "sarif", "pkg"])
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, SCHEMA)
    assert log["runs"][0]["results"][0]["level"] == "note"


def test_notebook_findings_point_at_the_file_s_line_and_name_the_cell(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A cell's line and column are not lines of the .ipynb JSON text: SARIF and GitHub annotations
    give the line and column in the file's text (a viewer shows the file's lines; GitHub code scanning
    needs a region), and the message says which cell and which line in it. The fix goes with it."""
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Nano Banana 2 is free to use via the Gemini API.\n"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": ["x = 1\n", f'm = "{FLASH}"\n']},
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(notebook, indent=1) + "\n"
    (project / "pkg" / "nb.ipynb").write_text(text)
    lines = text.splitlines()
    id_line = next(n for n, line in enumerate(lines, 1) if FLASH in line)
    id_column = lines[id_line - 1].index(FLASH) + 1
    free_line = next(n for n, line in enumerate(lines, 1) if "free" in line)
    every = [*BASE, "--select", "ALL"]
    assert main([*every, "--format", "sarif", "pkg/nb.ipynb"]) == 1
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, SCHEMA)
    claim, result = log["runs"][0]["results"]
    region = {"startLine": id_line, "startColumn": id_column, "endLine": id_line, "endColumn": id_column + len(FLASH)}
    assert result["locations"][0]["physicalLocation"]["region"] == region
    assert result["message"]["text"].startswith("cell 2, line 2: ") and result["properties"] == {"cell": 2}
    (change,) = result["fixes"][0]["artifactChanges"]
    assert change["replacements"] == [{"deletedRegion": region, "insertedContent": {"text": FLASH_GA}}]
    assert claim["ruleId"] == "GL003" and claim["locations"][0]["physicalLocation"]["region"]["startLine"] == free_line
    assert main([*every, "--format", "github", "pkg/nb.ipynb"]) == 1
    annotations = capsys.readouterr().out.splitlines()
    assert annotations[1].startswith(
        f"::error file=pkg/nb.ipynb,line={id_line},col={id_column},endLine={id_line},endColumn={id_column + len(FLASH)},"
        "title=GL001::cell 2, line 2, column 6: "
    )


def test_sarif_invocation_carries_the_notes_and_whether_a_file_failed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pkg" / "bad.ipynb").write_text(f'{{"cells": [ "{FLASH}"\n')
    (project / "pkg" / "ok.py").write_text("x = 1\n")
    main([*BASE, "--format", "sarif", "pkg/ok.py"])
    (invocation,) = json.loads(capsys.readouterr().out)["runs"][0]["invocations"]
    assert invocation == {"executionSuccessful": True, "toolExecutionNotifications": []}
    (project / "pkg" / "gone.py").symlink_to("nowhere.py")  # named, it fails the run (exit 1)
    assert main([*BASE, "--format", "sarif", "pkg/gone.py", "pkg/bad.ipynb"]) == 1
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, SCHEMA)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    texts = [n["message"]["text"] for n in invocation["toolExecutionNotifications"]]
    assert any(t.startswith("pkg/gone.py: dangling or looping symlink") for t in texts)
    assert any(t.startswith("pkg/bad.ipynb: not valid JSON") for t in texts)


def test_github_format_golden(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*BASE, "--format", "github", "pkg"]) == 1
    assert capsys.readouterr().out == (
        f"::error file=pkg/app.py,line=1,col=10,endLine=1,endColumn=40,title=GL001::'{FLASH}' was shut down on "
        f"2026-06-25; use '{FLASH_GA}'\n"
        f"::warning file=pkg/app.py,line=1,col=49,endLine=1,endColumn=75,title=GL002::'{PRO}' was shut down on "
        "2026-06-25; update the text to 'gemini-3-pro-image' if it describes current use\n"
    )
    main(["--today", "2026-01-01", "--select", "GL001", "--format", "github", "pkg"])
    assert capsys.readouterr().out.startswith("::notice file=pkg/app.py,line=1,col=10,")


def test_github_format_escapes_control_characters_in_file_names(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """A review (2026-12-07): the escape character of a file named ``esc\x1b[31m.py`` reached the job's log raw."""
    (tmp_path / "esc\x1b[31m,x.py").write_text(f'M = "{FLASH}"\n')
    result = run_cli(*BASE, "--format", "github", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=esc%1B[31m%2Cx.py,line=1,col=6,")
    assert "\x1b" not in result.stdout


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    import io
    import sys

    source = f'MODEL = "{FLASH}"\n'.encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source)))
    assert main([*BASE, "-"]) == 1
    out = capsysbinary.readouterr().out.decode()
    assert out.splitlines()[0].startswith("-:1:10: GL001 [error]")

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source)))
    assert main([*BASE, "--stdin-filename", "src/app.py", "-"]) == 1
    assert capsysbinary.readouterr().out.decode().startswith("src/app.py:1:10: GL001")

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source)))
    assert main([*BASE, "--fix", "--stdin-filename", "src/app.py", "-"]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out == f'MODEL = "{FLASH_GA}"\n'.encode()
    assert captured.err == b""


def test_stdin_diff_names_stdin_as_the_findings_do(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = f'MODEL = "{FLASH}"\n'
    result = run_cli(*BASE, "--diff", "-", cwd=tmp_path, input=source)
    assert result.returncode == 1 and result.stdout.startswith("--- -\n+++ -\n@@ -1 +1 @@\n")
    named = run_cli(*BASE, "--diff", "--stdin-filename", "src/app.py", "-", cwd=tmp_path, input=source)
    assert named.stdout.startswith("--- src/app.py\n+++ src/app.py\n")


def test_stdin_filename_alone_reads_stdin_as_in_ruff(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "other.py").write_text(f'M = "{FLASH}"\n')  # the folder is not linted
    result = run_cli(*BASE, "--stdin-filename", "src/app.py", cwd=tmp_path, input=f'MODEL = "{FLASH}"\n')
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("src/app.py:1:10: GL001 [error]")
    assert "other.py" not in result.stdout


def test_stdin_fix_keeps_unfixable_source(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    import io
    import sys

    source = f"# only a comment about {FLASH}\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source)))
    assert main([*BASE, "--fix", "--stdin-filename", "a.py", "-"]) == 1
    captured = capsysbinary.readouterr()
    assert captured.out == source
    assert b"a.py:1:24: GL002" in captured.err


def test_stdin_through_console_script(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(*BASE, "--fix", "--stdin-filename", "notes.md", "-", cwd=tmp_path, input=f"```python\nm = '{FLASH}'\n```\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"```python\nm = '{FLASH_GA}'\n```\n"


def test_force_exclude_applies_to_stdin_filename(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """As ruff: with --force-exclude, an excluded --stdin-filename is not checked, and --fix echoes
    the source unchanged (an editor integration must get its buffer back); not excluded, it is checked."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("generated/\n")
    source = f'MODEL = "{FLASH}"\n'
    cases = [
        ("build/api.py", []),  # a default exclude
        ("src/gen_api.py", ["--extend-exclude", "gen_*.py"]),
    ]
    for name, extra in cases:
        checked = run_cli(*BASE, *extra, "--force-exclude", "--stdin-filename", name, "-", cwd=tmp_path, input=source)
        assert (checked.returncode, checked.stdout, checked.stderr) == (0, "All checks passed!\n", ""), name
        fixed = run_cli(*BASE, *extra, "--force-exclude", "--fix", "--stdin-filename", name, "-", cwd=tmp_path, input=source)
        assert (fixed.returncode, fixed.stdout, fixed.stderr) == (0, source, ""), name
        without = run_cli(*BASE, *extra, "--stdin-filename", name, "-", cwd=tmp_path, input=source)
        assert without.returncode == 1 and without.stdout.startswith(f"{name}:1:10: GL001"), name
    kept = run_cli(*BASE, "--force-exclude", "--fix", "--stdin-filename", "src/api.py", "-", cwd=tmp_path, input=source)
    assert (kept.returncode, kept.stdout) == (0, f'MODEL = "{FLASH_GA}"\n')
    # .gitignore does not count for a named path: an editor's buffer of a force-added file is checked.
    ignored = run_cli(*BASE, "--force-exclude", "--stdin-filename", "generated/api.py", "-", cwd=tmp_path, input=source)
    assert ignored.returncode == 1


def test_list_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["GL001", "GL002", "GL003"]


@pytest.mark.parametrize("code", ["GL001", "GL002", "GL003", "gl001"])
def test_explain(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--explain", code]) == 0
    out = capsys.readouterr().out
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"):
        assert section in out


def test_every_rule_documents_itself() -> None:
    for rule in all_rules():
        assert re.fullmatch(r"GL\d{3}", rule.code) and rule.summary and rule.invalid_examples and rule.valid_examples


def test_readme_rule_table_matches_the_rules() -> None:
    readme = (ROOT / "README.md").read_text()
    rows = re.findall(r"^\| \[?`?(GL\d{3})`?\]?[^|]*\| ([^|]+?) \|", readme, re.M)
    assert [(code, summary.strip()) for code, summary in rows] == [(r.code, r.summary) for r in all_rules()]


def test_list_models(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--list-models", "--today", "2026-06-20"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith(FLASH + " "))
    assert "-> gemini-3.1-flash-image" in line and "shuts down in 5 days" in line and "[warning]" in line
    assert main(["--list-models", "--today", "2026-11-25", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    entry = next(row for row in rows if row["id"] == FLASH)
    assert entry["shutdown"] == "2026-06-25" and entry["days_to_shutdown"] == -153 and entry["surface"] == "gemini-api"
    assert set(entry) >= {"id", "replacement", "deprecated", "shutdown", "shutdown_kind", "surface", "source", "as_of"}


@pytest.mark.parametrize(
    ("today", "said"),
    [("2026-09-01", "may shut down in 31 days or later"), ("2026-10-02", "may be shut down from today"),
     ("2026-12-07", "may be shut down (earliest date 66 days ago)")],
)
def test_list_models_never_calls_an_earliest_date_a_shutdown(capsys: pytest.CaptureFixture[str], today: str, said: str) -> None:
    # "shut down 66 days ago (earliest date)" said as done what the registry holds unconfirmed.
    assert main(["--list-models", "--today", today]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("gemini-2.5-flash-image "))
    assert said in line and "shut down" not in line.replace("may be shut down", "").replace("may shut down", "")


def test_readme_registry_table_is_fresh() -> None:
    from gemini_lint.registry import load_packaged, with_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert with_table(readme, load_packaged()) == readme, "run: python -m gemini_lint.registry README.md"


def test_readme_intro_counts_the_registry() -> None:
    """The first screen's "and N other retired or retiring Google model IDs" follows the registry (every surface)."""
    from gemini_lint.registry import load_packaged

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"\(and (\d+) other retired or retiring Google model IDs", readme)
    assert stated is not None
    assert int(stated.group(1)) == len({model.id for model in load_packaged()} - {FLASH, PRO})


def test_sarif_uris_are_percent_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A '#', '?', '%', a space or a non-ASCII letter in a file name would end or break the URI reference."""
    from urllib.parse import unquote, urlsplit

    inside = tmp_path / "in"
    (inside / "my docs").mkdir(parents=True)
    names = ["a#b?c.py", "100%.py", "my docs/é.py", "..dots.py"]  # "..dots.py" is in this folder, not above
    for name in names:
        (inside / name).write_text(f'MODEL = "{FLASH}"\n')
    (tmp_path / "out side.py").write_text(f'MODEL = "{FLASH}"\n')
    monkeypatch.chdir(inside)
    assert main([*BASE, "--format", "sarif", ".", str(tmp_path / "out side.py")]) == 1
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, SCHEMA)
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"])
    outside = [uri for uri in uris if uri.startswith("file:///")]
    relative = [uri for uri in uris if uri not in outside]
    assert relative == ["..dots.py", "100%25.py", "a%23b%3Fc.py", "my%20docs/%C3%A9.py"]
    assert len(outside) == 1 and outside[0].endswith("/out%20side.py")
    assert all(not urlsplit(uri).query and not urlsplit(uri).fragment for uri in uris)
    assert sorted(unquote(uri) for uri in relative) == sorted(names)


def test_readme_registry_table_names_what_a_fix_writes() -> None:
    """A row's replacement is the end of the chain on its surface, as --list-models and --fix give it
    (the table printed what the entry named, itself a retired ID for ten Vertex AI rows)."""
    from gemini_lint.matching import models_for

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)` \| (?:`([^`]+)`|\(none named\))[^|]* \| [^|]+ \| [^|]+ \| ([\w-]+) \|", readme, re.M)
    assert len(rows) > 100
    for model_id, replacement, surface in rows:
        used = {m.id: m.replacement for m in models_for(surface)}
        assert used[model_id] == replacement, (model_id, surface)


def test_a_claim_ending_where_a_source_string_ends_has_an_exact_region(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A review: the region of "free" ran on into the next source string ('free",\\n    "')."""
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["The Gemini API is free", " for everyone.\n"]}]
    text = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"
    (project / "pkg" / "nb.ipynb").write_text(text)
    main(["--today", "2026-11-25", "--select", "GL003", "--format", "sarif", "pkg/nb.ipynb"])
    (result,) = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    lines = text.splitlines()
    assert region["startLine"] == region["endLine"]
    line = lines[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "free"


@pytest.mark.parametrize(
    ("path", "shown", "in_diff"),
    [
        ("a.py", "a.py", "a.py"),
        ("é😀.py", "é😀.py", "é😀.py"),
        ("zw\u200dj.py", "zw\u200dj.py", "zw\u200dj.py"),  # a format character is no control character
        ("nl\nname.py", '"nl\\nname.py"', '"nl\\nname.py"'),
        ("evil\x1b[2J.py", '"evil\\033[2J.py"', '"evil\\033[2J.py"'),
        ("bad\udcff.py", '"bad\\377.py"', '"bad\\377.py"'),  # a byte that is not UTF-8 (surrogateescape)
        ("lone\ud800.py", '"lone\\355\\240\\200.py"', '"lone\\355\\240\\200.py"'),
        ("tab\tq\"x\\.py", '"tab\\tq\\"x\\\\.py"', '"tab\\tq\\"x\\\\.py"'),
        ("sp ace.py", "sp ace.py", "sp ace.py\t"),
        ('"lead.py', '"lead.py', '"\\"lead.py"'),
        (" lead.py", " lead.py", '" lead.py"'),
    ],
)
def test_names_are_shown_on_one_line_as_git_quotes_them(path: str, shown: str, in_diff: str) -> None:
    from gemini_lint.reporters.text import diff_name, shown_path

    assert shown_path(path) == shown and diff_name(path) == in_diff
