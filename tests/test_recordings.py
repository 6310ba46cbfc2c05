"""Recorded HTTP exchanges (VCR cassettes) and the tests that replay them get unsafe fixes."""

from __future__ import annotations

import pytest

from conftest import FLASH, FLASH_GA, make_settings
from gemini_lint.diagnostic import Applicability
from gemini_lint.linter import applicable, fix_source, lint_source

SETTINGS = make_settings(select=("GL001", "GL002"))

CASSETTE_YAML = f"""interactions:
- request:
    body: '{{"contents": "hi"}}'
    method: POST
    uri: https://generativelanguage.googleapis.com/v1beta/models/{FLASH}:generateContent
  response:
    body:
      string: '{{"modelVersion": "{FLASH}"}}'
version: 1
"""
CASSETTE_JSON = f'{{"interactions": [{{"request": {{"body": "{FLASH}"}}, "response": {{"body": "ok"}}}}], "version": 1}}\n'


@pytest.mark.parametrize(
    ("path", "text", "where"),
    [
        # mirascope's end-to-end tests (a run over real packages): their cassettes' names are built from
        # the ID, and a safe fix rewrote 210 recordings, what the server answered included.
        pytest.param("cassettes/google_gemini.yaml", CASSETTE_YAML, "a recorded HTTP exchange", id="yaml-cassette"),
        pytest.param("cassettes/c.json", CASSETTE_JSON, "a recorded HTTP exchange", id="json-cassette"),
        pytest.param("test_e2e.py", f'@pytest.mark.vcr\ndef test_g():\n    generate(model="{FLASH}")\n',
                     "this file replays recorded HTTP exchanges", id="pytest-recording"),
        pytest.param("conftest.py", f'E2E_MODEL_IDS = ["{FLASH}"]\nCASSETTES = Path("cassettes")\n',
                     "this file replays recorded HTTP exchanges", id="names-the-cassettes"),
        pytest.param("t.py", f'with my_vcr.use_cassette("x.yaml"):\n    generate(model="{FLASH}")\n',
                     "this file replays recorded HTTP exchanges", id="use-cassette"),
    ],
)
def test_recordings_and_their_replays_get_unsafe_fixes(path: str, text: str, where: str) -> None:
    diagnostics = [d for d in lint_source(text, path, SETTINGS).diagnostics if d.code == "GL001"]
    assert diagnostics
    for diagnostic in diagnostics:
        assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.UNSAFE
        assert where in diagnostic.message and "record the exchanges again" in diagnostic.message
    assert fix_source(text, applicable(diagnostics, unsafe_fixes=False)) == text


@pytest.mark.parametrize(
    ("path", "text"),
    [
        pytest.param("settings.yaml", f"interactions: 3\nmodel: {FLASH}\n", id="a-key-named-interactions"),
        pytest.param("app.py", f'# Recorded with care.\nMODEL = "{FLASH}"\n', id="no-recording"),
    ],
)
def test_other_files_keep_their_fixes(path: str, text: str) -> None:
    diagnostics = lint_source(text, path, SETTINGS).diagnostics
    assert fix_source(text, applicable(diagnostics, unsafe_fixes=False)) == text.replace(FLASH, FLASH_GA)
