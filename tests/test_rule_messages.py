"""Messages say why a finding has no fix (GL001 and GL002 alike); reader notes are worded for where they apply."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import ModuleType
from typing import Optional

import pytest

from conftest import FLASH, FLASH_GA, PRO, PRO_GA, TODAY, make_settings
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


# --- GL003: a retired ID as the claim's subject gets its dates for the run's day ------------------------


@pytest.mark.parametrize(
    ("today", "surface", "phrase"),
    [
        ("2026-05-27", "gemini-api", "will be deprecated on 2026-05-28 and shut down on 2026-06-25"),
        ("2026-06-24", "gemini-api", "is deprecated and shuts down on 2026-06-25"),
        ("2026-07-01", "gemini-api", "was shut down on 2026-06-25"),
        ("2026-07-01", "vertex-ai", "is deprecated and shuts down no earlier than 2026-07-19"),
    ],
)
def test_gl003_states_a_preview_subject_s_dates_for_the_day(today: str, surface: str, phrase: str) -> None:
    # The message used to say "shut down on 2026-06-25" on every date and surface.
    settings = make_settings(select=("GL003",), today=dt.date.fromisoformat(today), surface=surface)
    for preview, ga in ((FLASH, FLASH_GA), (PRO, PRO_GA)):
        (found,) = lint_source(f"The {preview} model has a free tier.\n", "README.md", settings).diagnostics
        assert found.code == "GL003"
        assert found.message.startswith(f"'{preview}' {phrase} (use '{ga}'); ")


def test_gl003_subject_without_a_replacement_says_so() -> None:
    settings = make_settings(select=("GL003",), surface="vertex-ai")
    (found,) = lint_source("gemini-2.0-flash is free to call.\n", "README.md", settings).diagnostics
    assert found.message.startswith("'gemini-2.0-flash' ") and "(Google names no replacement); " in found.message


def test_gl003_current_subject_gets_no_dates() -> None:
    (found,) = lint_source(f"{FLASH_GA} is free to call.\n", "README.md", make_settings(select=("GL003",))).diagnostics
    assert found.message.startswith("the official Gemini Developer API has no free tier")


def test_a_chain_ending_in_no_replacement_names_the_retired_end() -> None:
    # "Google names no replacement" for gemini-1.5-pro on Vertex AI, whose source names gemini-2.0-flash
    # (retired there too, with nothing named after it): the message now says so.
    settings = make_settings(select=("GL001",), surface="vertex-ai")
    (found,) = lint_source('B = "gemini-1.5-pro"\n', "v.py", settings).diagnostics
    assert found.fix is None
    assert found.message.endswith(
        "; the replacement named for it, 'gemini-2.0-flash', is retired too, with none named after it; pick a current model"
    )
    (claim,) = lint_source("gemini-1.5-pro is free to call.\n", "README.md", make_settings(select=("GL003",), surface="vertex-ai")).diagnostics
    assert "(the replacement named for it, 'gemini-2.0-flash', is retired too" in claim.message
    (plain,) = lint_source('B = "gemini-2.0-flash"\n', "v.py", settings).diagnostics
    assert "Google names no replacement; pick a current model" in plain.message
