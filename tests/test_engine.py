"""The engine's cheap tests before parsing: what is skipped must hold nothing to report."""

from __future__ import annotations

import pytest

from conftest import FLASH, make_settings
from gemini_lint import engine
from gemini_lint.engine import FileOutcome, Mode, process_bytes


def _no_lint(*args: object, **kwargs: object) -> None:
    raise AssertionError("parsed a file that cannot hold a finding")


@pytest.mark.parametrize(
    "data",
    [
        b"x = 1\n",
        b"# the gemini constellation\n",  # names Gemini, but no ID and no claim word
        b"GEMINI_HOME = 'gemini-3.1-flash-image'\n",  # the current ID only
        b"x = 'my-gemini-3.1-flash-image-preview'\n",  # the stem, but no whole-token ID
    ],
)
def test_files_that_cannot_hold_a_finding_are_not_parsed(data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "lint_source", _no_lint)
    assert process_bytes("m.py", data, make_settings(), Mode.CHECK) == FileOutcome("m.py")


@pytest.mark.parametrize(
    "data, code",
    [
        (f"MODEL = '{FLASH}'\n".encode(), "GL001"),
        (b"# the Gemini API is free to use\n", "GL003"),
        (b'"""Nano Banana costs nothing."""\n', "GL003"),
    ],
)
def test_files_that_hold_a_finding_are_parsed(data: bytes, code: str) -> None:
    outcome = process_bytes("m.py", data, make_settings(), Mode.CHECK)
    assert [d.code for d in outcome.diagnostics] == [code]


def test_prose_triggers_only_with_gl003() -> None:
    settings = make_settings(select=("GL001", "GL002"))
    matcher = engine.settings_matcher(settings)
    assert not engine.worth_reading(b"# Gemini API is free", matcher, settings)
    assert engine.worth_reading(b"# Gemini API is free", matcher, make_settings())
    assert engine.worth_reading(FLASH.encode(), matcher, settings)


def test_needles_drop_stems_a_trigger_covers() -> None:
    needles = engine._needles((b"gemini-", b"veo-"), True)
    assert b"gemini-" not in needles and b"emini" in needles and b"veo-" in needles
    assert engine._needles((b"gemini-", b"veo-"), False) == (b"gemini-", b"veo-")


def test_binary_files_get_a_note_only_when_they_could_hold_a_finding() -> None:
    settings = make_settings()
    assert process_bytes("a.py", b"\x00gemini constellation\n", settings, Mode.CHECK) == FileOutcome("a.py")
    noted = process_bytes("a.py", b"\x00" + FLASH.encode(), settings, Mode.CHECK)
    assert noted.notes == ("binary file (NUL bytes); skipped",)
