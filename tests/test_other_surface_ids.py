"""IDs that only another surface lists (Vertex AI's ``imagetext@001``, ``text-bison``), in a file that plainly
calls that surface: reported by a run for any surface, with that surface's dates and replacement, and an
unsafe fix (two runs over real packages found ``imagetext@001`` beside ``ChatVertexAI(...)`` passing a
default run)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path
from typing import Callable

import pytest

from conftest import make_settings
from gemini_lint import engine, matching
from gemini_lint.config import Settings
from gemini_lint.diagnostic import Applicability, Diagnostic
from gemini_lint.engine import FileOutcome, Mode, process_bytes
from gemini_lint.linter import applicable, fix_source, lint_source
from gemini_lint.matching import matcher_for, models_for, other_surface_matchers, surface_only

SETTINGS = make_settings(select=("GL001", "GL002"))
VERTEX_SETTINGS = make_settings(select=("GL001", "GL002"), surface="vertex-ai")
CAPTION = "imagetext@001"  # Vertex AI only: gemini-3.1-flash-image there
CAPTION_GA = "gemini-3.1-flash-image"
BISON = "text-bison"  # Vertex AI only, with no replacement named
CALLS_VERTEX = "from langchain_google_vertexai import ChatVertexAI\n"
REASON = "retired on Vertex AI, which this file calls, not on the Gemini Developer API: check with --surface vertex-ai"
CLI = ["--today", "2026-11-25", "--select", "GL001,GL002"]

RunCli = Callable[..., "subprocess.CompletedProcess[str]"]


def _lint(src: str, path: str, settings: Settings = SETTINGS) -> list[Diagnostic]:
    return list(lint_source(src, path, settings).diagnostics)


def _fixed(src: str, path: str, *, unsafe: bool, settings: Settings = SETTINGS) -> str:
    return fix_source(src, applicable(_lint(src, path, settings), unsafe_fixes=unsafe))


def test_the_registry_has_such_ids_on_vertex_ai_and_firebase_only() -> None:
    """What models_for gives: Vertex AI lists IDs the Gemini API does not (and Firebase one); the Gemini
    API lists none that Vertex AI or Firebase lack, so a run for either of those gains nothing here."""
    vertex = {m.id for m in surface_only("vertex-ai", "gemini-api")}
    assert {CAPTION, BISON, "textembedding-gecko@003", "imagegeneration@006", "gemini-2.5-flash-lite"} <= vertex
    assert {m.id for m in surface_only("firebase", "gemini-api")} == {"imagen-3.0-capability-001"}
    assert surface_only("gemini-api", "vertex-ai") == () and surface_only("gemini-api", "firebase") == ()
    assert [surface for surface, _ in other_surface_matchers(SETTINGS)] == ["firebase", "vertex-ai"]
    assert other_surface_matchers(VERTEX_SETTINGS) == ()
    firebase = make_settings(surface="firebase")
    assert [surface for surface, _ in other_surface_matchers(firebase)] == ["vertex-ai"]


@pytest.mark.parametrize(
    "head",
    [
        CALLS_VERTEX,
        "import vertexai\n",
        'client = genai.Client(vertexai=True, project="p")\n',
        'NAME = "projects/p/locations/us-central1/publishers/google/models/x"\n',
    ],
)
def test_reported_in_a_python_file_that_calls_vertex(head: str) -> None:
    src = head + f'CAPTION_MODEL = "{CAPTION}"\n'
    (diagnostic,) = _lint(src, "caption.py")
    assert diagnostic.code == "GL001" and diagnostic.line == src.count("\n")
    assert f"'{CAPTION}' was shut down on 2026-08-17; use '{CAPTION_GA}'" in diagnostic.message
    assert REASON in diagnostic.message and "fix needs --unsafe-fixes" in diagnostic.message
    assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.UNSAFE
    assert _fixed(src, "caption.py", unsafe=False) == src
    assert _fixed(src, "caption.py", unsafe=True) == src.replace(CAPTION, CAPTION_GA)  # Vertex AI's replacement


@pytest.mark.parametrize(
    ("path", "src"),
    [
        pytest.param("caption.py", f'CAPTION_MODEL = "{CAPTION}"\n', id="python"),
        pytest.param("caption.py", f'client = genai.Client(api_key=KEY)\nCAPTION_MODEL = "{CAPTION}"\n', id="gemini-api"),
        pytest.param("m.json", f'{{"model": "{CAPTION}"}}\n', id="json"),
        pytest.param("README.md", f"```python\nm = '{CAPTION}'\n```\n\nWe use {CAPTION}.\n", id="markdown"),
        pytest.param("c.yaml", f"provider: google\nmodel: {BISON}\n", id="yaml"),
    ],
)
def test_not_reported_in_a_file_that_does_not_call_vertex(path: str, src: str) -> None:
    assert _lint(src, path) == []
    assert process_bytes(path, src.encode(), SETTINGS, Mode.CHECK) == FileOutcome(path)


def test_an_id_whose_surface_names_no_replacement_gets_no_fix() -> None:
    src = f'import vertexai\nLLM = "{BISON}"\n'
    (diagnostic,) = _lint(src, "llm.py")
    assert diagnostic.fix is None
    assert "the replacement named for it, 'gemini-2.0-flash-lite', is retired too" in diagnostic.message
    assert f"({REASON}; not fixed automatically)" in diagnostic.message
    assert _fixed(src, "llm.py", unsafe=True) == src


def test_a_markdown_code_block_and_its_prose() -> None:
    src = f"# Captions\n\n```python\nimport vertexai\nm = '{CAPTION}'\n```\n\nWe use {CAPTION} for captions.\n"
    value, prose = _lint(src, "docs/captions.md")
    assert (value.code, value.line, prose.code, prose.line) == ("GL001", 5, "GL002", 8)
    assert REASON in value.message and REASON in prose.message
    assert value.fix is not None and value.fix.applicability is Applicability.UNSAFE
    assert _fixed(src, "docs/captions.md", unsafe=False) == src
    assert _fixed(src, "docs/captions.md", unsafe=True) == src.replace(CAPTION, CAPTION_GA)


@pytest.mark.parametrize(
    ("path", "src"),
    [
        pytest.param("m.json", '{"endpoint": "https://us-central1-aiplatform.googleapis.com/v1", '
                     f'"model": "{CAPTION}"}}\n', id="json"),
        pytest.param("c.yaml", f"model: vertex_ai/x\ncaption: {CAPTION}\n", id="yaml"),
        pytest.param("p.yaml", f"init_parameters:\n  api: vertex\n  model: {CAPTION}\n", id="haystack-yaml"),
    ],
)
def test_reported_in_data_files_that_call_vertex(path: str, src: str) -> None:
    (diagnostic,) = _lint(src, path)
    assert diagnostic.code == "GL001" and REASON in diagnostic.message
    # Through the engine (bytes test, triage, a data file's load check): the same, fixed only when asked.
    outcome = process_bytes(path, src.encode(), SETTINGS, Mode.DIFF)
    assert [d.code for d in outcome.diagnostics] == ["GL001"] and outcome.new_bytes is None
    unsafe = process_bytes(path, src.encode(), make_settings(select=("GL001",), unsafe_fixes=True), Mode.DIFF)
    assert unsafe.new_bytes == src.replace(CAPTION, CAPTION_GA).encode() and unsafe.fixed == 1


def test_a_notebook_that_calls_vertex() -> None:
    cell = {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "id": "a",
            "source": ["vertexai.init(project='p')\n", f"m = ImageTextModel.from_pretrained('{CAPTION}')\n"]}
    meta = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"}}
    src = json.dumps({"cells": [cell], "metadata": meta, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"
    (diagnostic,) = _lint(src, "demo.ipynb")
    assert (diagnostic.code, diagnostic.cell, diagnostic.line) == ("GL001", 1, 2) and REASON in diagnostic.message
    assert _fixed(src, "demo.ipynb", unsafe=False) == src
    assert _fixed(src, "demo.ipynb", unsafe=True) == src.replace(CAPTION, CAPTION_GA)
    outcome = process_bytes("demo.ipynb", src.encode(), SETTINGS, Mode.CHECK)
    assert [d.code for d in outcome.diagnostics] == ["GL001"]


def test_noqa_and_per_file_ignores_silence_them() -> None:
    src = CALLS_VERTEX + f'A = "{CAPTION}"  # noqa: GL001\nB = "{CAPTION}"  # noqa\nC = "{CAPTION}"  # noqa: GL002\n'
    assert [d.line for d in _lint(src, "a.py")] == [4]
    ignoring = dataclasses.replace(SETTINGS, per_file_ignores=(("/legacy/**", frozenset({"GL001"})),), root="/r")
    assert _lint(src, "/r/legacy/a.py", ignoring) == []
    assert [d.line for d in _lint(src, "/r/new/a.py", ignoring)] == [4]


def test_an_id_on_both_surfaces_is_reported_once() -> None:
    """``gemini-2.5-flash`` has entries on both: the run's (with the existing hold for a file that calls
    Vertex AI), never a second finding from Vertex AI's."""
    src = CALLS_VERTEX + 'A = "gemini-2.5-flash"\nB = "gemini-2.5-flash-lite"\n'
    first, second = _lint(src, "a.py")
    assert "this file calls Vertex AI, where its replacement is 'gemini-3.8-flash'" in first.message
    assert second.line == 3 and REASON in second.message and "use 'gemini-3.8-flash'" in second.message
    # A run for Vertex AI itself: the same two IDs, with Vertex AI's replacement, and no more findings.
    found = _lint(src, "a.py", VERTEX_SETTINGS)
    assert [d.line for d in found] == [2, 3] and all("use 'gemini-3.8-flash'" in d.message for d in found)
    assert not any("check with --surface" in d.message for d in found)


def test_findings_are_sorted_with_the_others() -> None:
    src = f'import vertexai\nA = "{CAPTION}"\nB = "gemini-2.0-flash"\nC = "{BISON}"  # {CAPTION}\n'
    found = _lint(src, "a.py")
    assert [(d.line, d.column, d.code) for d in found] == sorted((d.line, d.column, d.code) for d in found)
    assert [d.line for d in found] == [2, 3, 4, 4]


def test_a_file_calling_two_surfaces_that_replace_an_id_otherwise_gets_no_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    """No packaged entry does this yet: two surfaces the file calls, each with its own replacement."""
    vertex = next(m for m in models_for("vertex-ai") if m.id == CAPTION)
    from dataclasses import replace

    other = replace(vertex, surface="firebase", replacement="gemini-3-pro-image")
    found = (("firebase", matcher_for((other,))), ("vertex-ai", matcher_for((vertex,))))
    monkeypatch.setattr(matching, "other_surface_matchers", lambda settings: found)
    (diagnostic,) = _lint(f"import vertexai\nfrom firebase_ai import x\nM = '{CAPTION}'\n", "a.py")
    assert diagnostic.fix is None
    assert "retired on Firebase AI Logic and Vertex AI, which this file calls, with different replacements" in (
        diagnostic.message
    )


# The bytes test and the triage.


def test_the_bytes_test_lets_such_files_through() -> None:
    for settings in (SETTINGS, make_settings(), make_settings(select=("GL001",))):
        needles = engine.needles(engine.settings_matcher(settings), settings)
        for word in (CAPTION, BISON, "chat-bison", "code-gecko", "imagegeneration@006", "textembedding-gecko@003"):
            assert engine.may_hold(f"import vertexai\nM = '{word}'\n".encode(), needles), word
        assert not engine.may_hold(b"import vertexai\nM = 'imagetext'  # no @\n", needles)
    # Stems the run's already cover are not added; those without a '-' share one pass that stops at each '@'.
    settings = make_settings(select=("GL001",))
    needles = engine.needles(engine.settings_matcher(settings), settings)
    assert b"imagetext@" in needles.stems and b"imagegeneration@" in needles.stems and b"imagen-" in needles.stems
    assert len(needles.stems) == len(set(needles.stems))
    cased, _ = engine._searches(needles)
    assert len(cased) == 2  # the '-' pass and the '@' pass


def test_a_run_for_vertex_keeps_its_bytes_test_and_shares_one_pass_for_its_plain_stems() -> None:
    settings = make_settings(select=("GL001",), surface="vertex-ai")
    needles = engine.needles(engine.settings_matcher(settings), settings)
    assert b"imagetext" in needles.stems and b"imagetext@" not in needles.stems
    cased, _ = engine._searches(needles)
    assert len(cased) == 2  # the '-' pass and one for "imagegeneration" and "imagetext"
    assert engine.may_hold(b"m = 'imagetext\\u0040001'", needles)


def test_an_at_pass_finds_what_a_substring_test_finds() -> None:
    needles = engine.Needles((b"imagetext@", b"imagegeneration@", b"gemini-"))
    many = b"@decorator\n" * (engine._FIRST_TRIES + 3)  # past the '@'s tried one by one: one pass reads on
    for data in (b"imagetext@", b"@imagetext@", b"x@y imagegeneration@0", b"a@b", b"imagetext", b"@", b"t@", b"",
                 many, many + b"imagetext@001", b"imagetext@001" + many, many[:-1] + b"imagegeneration@2"):
        assert bool(engine.may_hold(data, needles)) == any(s in data for s in needles.stems), data


def test_a_file_that_only_holds_such_an_id_and_no_sign_loads_no_linter(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom gemini_lint.cli import main\n"
        "rc = main(['--isolated', '--quiet', '--today', '2026-11-25', sys.argv[1]])\n"
        "print(rc, 'gemini_lint.linter' in sys.modules, 'libcst' in sys.modules)\n"
    )
    import sys

    plain = tmp_path / "plain.py"
    plain.write_text(f"M = '{CAPTION}'\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", code, str(plain)], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "False", "False"]
    plain.write_text(CALLS_VERTEX + f"M = '{CAPTION}'\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", code, str(plain)], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1].split() == ["1", "True", "True"]


# Through the installed console script, on files on disk.


def _tree(root: Path) -> dict[str, str]:
    files = {
        "app/caption.py": CALLS_VERTEX + f'CAPTION_MODEL = "{CAPTION}"\nLLM = "{BISON}"\n',
        "app/quiet.py": CALLS_VERTEX + f'CAPTION_MODEL = "{CAPTION}"  # noqa: GL001\n',
        "app/plain.py": f'CAPTION_MODEL = "{CAPTION}"\n',
        "conf/vertex.json": '{"endpoint": "https://us-central1-aiplatform.googleapis.com/v1", '
                            f'"model": "{CAPTION}"}}\n',
        "conf/vertex.yaml": f"model: vertex_ai/x\nembed: textembedding-gecko@003\n",
        "docs/captions.md": f"```python\nimport vertexai\nm = '{CAPTION}'\n```\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return files


def test_the_console_script_reports_and_fixes_them(tmp_path: Path, run_cli: RunCli) -> None:
    files = _tree(tmp_path)
    result = run_cli(*CLI, ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if ": GL00" in line]
    assert [line.split(": GL")[0] for line in lines] == [
        "app/caption.py:2:18", "app/caption.py:3:8", "conf/vertex.json:1:76", "conf/vertex.yaml:2:8", "docs/captions.md:3:6"
    ]
    assert all("check with --surface vertex-ai" in line for line in lines)
    # --fix alone changes nothing: every such fix is unsafe.
    result = run_cli(*CLI, "--fix", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert {name: (tmp_path / name).read_text(encoding="utf-8") for name in files} == files
    # With --unsafe-fixes: Vertex AI's replacements; text-bison (none named) and the noqa line stay.
    result = run_cli(*CLI, "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    assert result.returncode == 1  # text-bison is left
    after = {name: (tmp_path / name).read_text(encoding="utf-8") for name in files}
    for name in ("app/caption.py", "conf/vertex.json", "docs/captions.md"):
        assert after[name] == files[name].replace(CAPTION, CAPTION_GA), name
    assert after["conf/vertex.yaml"] == files["conf/vertex.yaml"].replace("textembedding-gecko@003", "gemini-embedding-001")
    assert after["app/quiet.py"] == files["app/quiet.py"] and after["app/plain.py"] == files["app/plain.py"]
    result = run_cli(*CLI, ".", cwd=tmp_path)
    assert [line.split(": GL")[0] for line in result.stdout.splitlines() if ": GL00" in line] == ["app/caption.py:3:8"]


def test_the_console_script_gives_the_same_with_one_job_or_two(tmp_path: Path, run_cli: RunCli) -> None:
    """Over enough files that workers read them (engine.PARALLEL_READ_FILES) and parse them."""
    _tree(tmp_path)
    filler = "def f(x):\n    return x + 1\n" * 200
    for number in range(engine.PARALLEL_READ_FILES + 20):
        (tmp_path / "pkg" / f"m{number}.py").parent.mkdir(exist_ok=True)
        text = filler
        if number % 25 == 0:
            text = CALLS_VERTEX + f'M = "{CAPTION}"\nN = "gemini-2.0-flash"\n' + filler
        (tmp_path / "pkg" / f"m{number}.py").write_text(text, encoding="utf-8")
    one = run_cli(*CLI, "--jobs", "1", ".", cwd=tmp_path)
    two = run_cli(*CLI, "--jobs", "2", ".", cwd=tmp_path)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stdout.count(REASON) == 5 + 12
    diff_one = run_cli(*CLI, "--jobs", "1", "--diff", "--unsafe-fixes", ".", cwd=tmp_path)
    diff_two = run_cli(*CLI, "--jobs", "2", "--diff", "--unsafe-fixes", ".", cwd=tmp_path)
    assert diff_one.stdout == diff_two.stdout and diff_one.stdout.count(f"+M = \"{CAPTION_GA}\"") == 12


def test_configured_ids_of_another_surface_count_too(tmp_path: Path, run_cli: RunCli) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gemini-lint.models."acme-vision-1"]\nreplacement = "acme-vision-2"\ndeprecated = "2026-01-01"\n'
        'shutdown = "2026-02-01"\nsurface = "vertex-ai"\n',
        encoding="utf-8",
    )
    (tmp_path / "a.py").write_text(CALLS_VERTEX + 'M = "acme-vision-1"\n', encoding="utf-8")
    (tmp_path / "b.py").write_text('M = "acme-vision-1"\n', encoding="utf-8")
    result = run_cli(*CLI, ".", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.count("GL001") == 1 and "a.py:2:6" in result.stdout
    assert "use 'acme-vision-2'" in result.stdout and REASON in result.stdout
