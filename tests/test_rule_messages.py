"""Messages say why a finding has no fix (GL001 and GL002 alike); reader notes are worded for where they apply."""

from __future__ import annotations

import dataclasses
from types import ModuleType
from typing import Optional

import pytest

from conftest import FLASH, FLASH_GA, TODAY, make_settings
from gemini_lint.linter import lint_source
from gemini_lint.matching import Matcher
from gemini_lint.rules import fix_note, gl001_value, gl002_prose
from gemini_lint.sources.base import Context, Mention, Position
from gemini_lint.sources.python import scan_python

SETTINGS = make_settings(select=("GL001", "GL002"))


def mention(matcher: Matcher, context: Context, **changes: object) -> Mention:
    (match,) = matcher.finditer(FLASH)
    base = Mention(match.start, match.end, match.model, context, Position(1, 1, 1, 1 + len(FLASH)))
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "unsafe", "expected"),
    [
        ({}, False, ""),
        ({}, True, ""),
        ({"reason": "why", "fixable": False}, False, " (why; not fixed automatically)"),
        ({"reason": "why", "fixable": False}, True, " (why; not fixed automatically)"),
        ({"reason": "why", "unsafe": True}, True, " (why; fix needs --unsafe-fixes)"),
        ({"reason": "why"}, False, ""),
    ],
)
def test_fix_note(matcher: Matcher, changes: dict[str, object], unsafe: bool, expected: str) -> None:
    assert fix_note(mention(matcher, Context.VALUE, **changes), unsafe=unsafe) == expected


@pytest.mark.parametrize("rule", [gl001_value, gl002_prose], ids=lambda r: r.CODE)
def test_both_rules_say_why_there_is_no_fix(matcher: Matcher, rule: ModuleType) -> None:
    context = Context.VALUE if rule is gl001_value else Context.PROSE
    found = rule.diagnostic("x", mention(matcher, context, reason="some reason", fixable=False), TODAY)
    assert found.fix is None
    assert found.message.endswith(" (some reason; not fixed automatically)")
    plain = rule.diagnostic("x", mention(matcher, context), TODAY)
    assert plain.fix is not None and "(" not in plain.message


def test_gl002_reason_from_a_reader() -> None:
    text = f"```diff\n-model = '{FLASH}'\n+model = '{FLASH_GA}'\n```\n"
    (found,) = lint_source(text, "CHANGES.md", SETTINGS).diagnostics
    assert found.code == "GL002" and found.fix is None
    assert found.message.endswith("(on a removed line of a diff, which shows the old code; not fixed automatically)")


def test_gl002_unsafe_fix_carries_no_note_without_a_reason() -> None:
    (found,) = lint_source(f"Use {FLASH} here.\n", "README.md", SETTINGS).diagnostics
    assert found.code == "GL002" and found.fix is not None and found.message.endswith("if it describes current use")


@pytest.mark.parametrize(
    ("cell", "ending"),
    [(None, "IDs reported from the text, nothing written"), (3, "IDs reported from the text, this cell is not fixed")],
)
def test_unparsed_python_note_fits_a_file_or_a_cell(matcher: Matcher, cell: Optional[int], ending: str) -> None:
    scan = scan_python(f'def f(:\n    m = "{FLASH}"\n', matcher, cell=cell, notebook=cell is not None)
    (note,) = scan.notes
    assert note.startswith("not parsed as Python (") and note.endswith(ending)
    assert not scan.writable and [m.fixable for m in scan.mentions] == [False]
