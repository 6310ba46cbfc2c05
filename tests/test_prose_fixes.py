"""Prose that is never rewritten, whatever reader found it: a name wrapped at a hyphen, a web
address, a file path (GL002's fix is unsafe; these get no fix at all, with the reason in the message)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path
from typing import Callable

import pytest

from conftest import make_settings
from gemini_lint.linter import applicable, fix_source, lint_source
from gemini_lint.sources.base import (
    ADDRESS_REASON,
    PATH_REASON,
    RETIRED_PROSE_REASON,
    VARIANT_REASON,
    VERSION_REASON,
    WRAP_REASON,
    prose_fix_blocker,
)

SETTINGS = make_settings(select=("GL002",), today=dt.date(2026, 12, 7))
OLD = "gemini-2.0-flash"  # -> gemini-3.6-flash; gemini-2.0-flash-lite is another ID (-> gemini-3.1-flash-lite)

CASES = [
    # A hyphenated wrap: the fix would name another model (gemini-3.6-flash-⏎lite).
    pytest.param("x.md", f"We benchmarked {OLD}-\nlite today.\n", WRAP_REASON, id="md-wrap"),
    pytest.param("x.md", f"We benchmarked {OLD}-\r\nlite today.\r\n", WRAP_REASON, id="md-wrap-crlf"),
    pytest.param("x.md", f"> We benchmarked {OLD}-\n> lite today.\n", WRAP_REASON, id="md-wrap-in-quote"),
    pytest.param("x.txt", f"We benchmarked {OLD}- \n  8b today.\n", WRAP_REASON, id="txt-wrap-blank-before-break"),
    pytest.param("x.rst", f"We benchmarked {OLD}-\nlite today.\n", WRAP_REASON, id="rst-wrap"),
    pytest.param("x.py", f"# We benchmarked {OLD}-\n# lite today.\nx = 1\n", WRAP_REASON, id="py-comment-wrap"),
    pytest.param("x.yaml", f"# We benchmarked {OLD}-\n# lite today.\nx: 1\n", WRAP_REASON, id="yaml-comment-wrap"),
    pytest.param("x.ini", f"; We benchmarked {OLD}-\n; lite today.\n[a]\nx = 1\n", WRAP_REASON, id="ini-comment-wrap"),
    # Not a wrap: the ID ends the sentence, or a dash stands apart.
    pytest.param("x.md", f"We benchmarked {OLD}.\nLite came later.\n", "", id="md-sentence-end"),
    pytest.param("x.md", f"We benchmarked {OLD} -\nand more.\n", "", id="md-dash-apart"),
    pytest.param("x.md", f"We benchmarked {OLD}-\n\n- next item\n", "", id="md-dash-then-blank-line"),
    # Web addresses and paths: the renamed one may not exist.
    pytest.param("x.md", f"See https://github.com/acme/app/releases/tag/{OLD} now.\n", ADDRESS_REASON, id="md-url"),
    pytest.param("x.md", f"See [notes](https://ai.google.dev/docs/models/{OLD}#pricing).\n", ADDRESS_REASON, id="md-link-url"),
    pytest.param("x.md", f"See <https://example.com/{OLD}>.\n", ADDRESS_REASON, id="md-autolink"),
    pytest.param("x.md", f"[ref]: https://example.com/{OLD}\n\nSee [ref].\n", ADDRESS_REASON, id="md-reference-definition"),
    pytest.param("x.md", f"See [the example](examples/{OLD}/).\n", PATH_REASON, id="md-relative-link"),
    pytest.param("x.md", f"![sample](assets/{OLD}/cat.png)\n", PATH_REASON, id="md-image-path"),
    pytest.param("x.rst", f"See `notes <https://example.com/{OLD}>`_.\n", ADDRESS_REASON, id="rst-link"),
    pytest.param("x.py", f"# Results: https://example.com/runs/{OLD}/latest\nx = 1\n", ADDRESS_REASON, id="py-comment-url"),
    pytest.param("x.py", f'def f():\n    """Cached under cache/{OLD}/images."""\n', PATH_REASON, id="py-docstring-path"),
    # The API's own addresses and resource names name the model called: they keep their fix.
    pytest.param(
        "x.md", f"POST https://generativelanguage.googleapis.com/v1beta/models/{OLD}:generateContent\n", "",
        id="md-api-endpoint",
    ),
    pytest.param("x.md", f"Call `models/{OLD}` directly.\n", "", id="md-resource-name"),
    pytest.param("x.md", f"Use {OLD}/gemini-2.5-flash as you like.\n", PATH_REASON, id="md-slash-between-names"),
    pytest.param("x.md", f"See {OLD}.png for a sample.\n", PATH_REASON, id="md-file-name"),
    pytest.param("x.md", f"Pinned as {OLD}@001 there.\n", VERSION_REASON, id="md-at-version"),
    pytest.param("x.md", f"Route it as {OLD}:free there.\n", VARIANT_REASON, id="md-router-variant"),
    pytest.param("x.md", f"The model is {OLD}: fast and cheap.\n", "", id="md-colon-ends-a-clause"),
    pytest.param("x.md", f"We used {OLD}.\nThen more.\n", "", id="md-sentence-end-before-a-line-break"),
]


NEW = "gemini-3.6-flash"


def _held(scope: str) -> str:
    return f"its {scope} also names '{NEW}': the text may compare the old and new names"


MIGRATION_CASES = [
    # Prose about the migration: its rewrite would say the new name twice and the old one never.
    pytest.param("x.md", f"The current ID is {NEW}. Older {OLD} examples are legacy.\n", _held("line"), id="md-same-line"),
    pytest.param("x.md", f"Docs that still mention {OLD}:\n\n- replace them with {NEW}.\n", "", id="md-next-paragraph"),
    pytest.param("x.md", f"Docs that still mention {OLD}:\nreplace them with {NEW}.\n", _held("paragraph"), id="md-same-paragraph"),
    pytest.param("x.md", f"Still {OLD}?\n\n```python\nm = '{NEW}'\n```\n", "", id="md-code-block-is-not-prose"),
    pytest.param("x.py", f'M = "{NEW}"  # was {OLD}\n', _held("line"), id="py-comment-beside-the-new-value"),
    # A value renamed by a safe fix beside a docstring is no sign: a second run with --unsafe-fixes fixes it.
    pytest.param("x.py", f'def f():\n    """Uses {OLD}."""\n    return "{NEW}"\n', "", id="py-docstring-above-a-fixed-value"),
    pytest.param("x.py", f'# Moved from {OLD}\n# to {NEW} in June.\nx = 1\n', _held("paragraph"), id="py-comment-block"),
    pytest.param("x.yaml", f"# was {OLD}\nmodel: {NEW}\n", "", id="yaml-comment-above-a-value"),
    pytest.param("x.yaml", f"# was {OLD}, now {NEW}\nmodel: {NEW}\n", _held("line"), id="yaml-comment-naming-both"),
]


RETIRED_CASES = [
    # Found by a review (2026-12-07): prose that says the ID is retired was renamed with --unsafe-fixes
    # into a false statement about the new model ("`gemini-3.6-flash` was shut down").
    pytest.param("x.md", f"`{OLD}` is deprecated and was shut down.\n", RETIRED_PROSE_REASON, id="md-shut-down"),
    pytest.param("x.md", f"We removed {OLD} in v2.\n", RETIRED_PROSE_REASON, id="md-removed"),
    pytest.param("x.md", f"- Dropped {OLD}: it is no longer\n  served.\n", RETIRED_PROSE_REASON, id="md-wrapped-sentence"),
    pytest.param("x.md", f"| {OLD} | retired |\n", RETIRED_PROSE_REASON, id="md-table-row"),
    pytest.param("x.py", f"# {OLD} is deprecated; do not use it.\nx = 1\n", RETIRED_PROSE_REASON, id="py-comment"),
    pytest.param("x.yaml", f"# {OLD} was retired in June\nx: 1\n", RETIRED_PROSE_REASON, id="yaml-comment"),
    pytest.param("x.cfg", f"; {OLD} is retired\n[a]\nx = 1\n", RETIRED_PROSE_REASON, id="ini-comment"),
    # Another sentence, or code between, says nothing of this one.
    pytest.param("x.md", f"We call {OLD} here. The old client was removed.\n", "", id="md-other-sentence"),
    pytest.param("x.py", f"# We call {OLD} here\nremoved = legacy()\n", "", id="py-code-after-the-comment"),
    # Nor does another list item, table row or heading (a review of the change: 4.6% of the list and table lines
    # of 216 READMEs and changelogs would have lost their fix to a neighbour's "removed" or "legacy").
    pytest.param("x.md", f"- Removed support for Python 3.8\n- Default model is {OLD}\n", "", id="md-list-item-above"),
    pytest.param("x.md", f"1. Default model is {OLD}\n2. Python 3.8 is no longer supported\n", "", id="md-list-item-below"),
    pytest.param("x.md", f"| {OLD} | chat |\n| text-bison | legacy |\n", "", id="md-table-row-below"),
    pytest.param("x.yaml", f"a:\n  # - Removed the v1 client\n  # - Default model is {OLD}\n", "", id="yaml-comment-list"),
    # A sentence over comment lines is one.
    pytest.param("x.py", f"# We call {OLD}\n# which was retired in June.\nx = 1\n", RETIRED_PROSE_REASON, id="py-comment-lines"),
    pytest.param("x.yaml", f"a:\n  # We call {OLD}\n  # which was retired in June.\n", RETIRED_PROSE_REASON, id="yaml-comment-lines"),
    pytest.param("x.md", f"- {OLD} was retired\n  in June.\n- Other\n", RETIRED_PROSE_REASON, id="md-item-over-lines"),
]


OTHER = "gemini-2.5-flash"  # legacy too (a real changelog: both became other models' names)
COMPARED_CASES = [
    pytest.param("x.md", f"- Upgraded from `{OLD}` to `{OTHER}` for speed.\n", True, id="md-from-to"),
    pytest.param("x.md", f"| {OLD} -> {OTHER} | June |\n", True, id="md-arrow"),
    pytest.param("x.py", f"# {OLD} replaced by {OTHER}\nx = 1\n", True, id="py-replaced-by"),
    pytest.param("x.md", f"Supported: {OLD}, {OTHER} and more.\n", False, id="md-a-list-keeps-its-fixes"),
    pytest.param("x.md", f"Use {OLD} for chat.\nSee {OTHER} to compare.\n", False, id="md-other-sentence"),
    # Found by a review: a sentence wrapped over lines, and a list on one side of the change.
    pytest.param("x.md", f"- Upgraded the model from {OLD}\n  to {OTHER} in the worker.\n", True, id="md-wrapped-sentence"),
    pytest.param("x.md", f"Use {OLD} for chat.\n\nMoving to {OTHER} later.\n", False, id="md-other-paragraph"),
    # pipecat's changelog (a run over real packages): "(previously ...)" and "up from ..." tell of a change too.
    pytest.param("x.md", f"- Now defaults to `{OTHER}` (previously\n  `{OLD}`).\n", True, id="md-previously"),
    pytest.param("x.md", f"- Now defaults to `{OTHER}`, up from `{OLD}`.\n", True, id="md-up-from"),
    pytest.param("x.md", f"- `{OTHER}` (formerly `{OLD}`)\n", True, id="md-formerly"),
    pytest.param("x.md", f"- `{OTHER}` supersedes `{OLD}`\n", True, id="md-supersedes"),
]


def test_a_list_on_one_side_of_a_change_is_held_whole() -> None:
    text = f"- Migrated {OLD} and {OLD}-lite to {OTHER}.\n- Moved {OLD}, {OLD}-lite -> {OTHER}\n"
    result = lint_source(text, "x.md", SETTINGS)
    assert len(result.diagnostics) == 6 and all(d.fix is None for d in result.diagnostics)


@pytest.mark.parametrize(("name", "text", "held"), COMPARED_CASES)
def test_prose_setting_two_legacy_ids_against_each_other_is_not_rewritten(name: str, text: str, held: bool) -> None:
    result = lint_source(text, name, SETTINGS)
    assert len(result.diagnostics) == 2
    for diagnostic in result.diagnostics:
        assert (diagnostic.fix is None) is held
        assert ("its sentence sets it against" in diagnostic.message) is held


@pytest.mark.parametrize(("name", "text", "reason"), CASES + MIGRATION_CASES + RETIRED_CASES)
def test_prose_that_is_never_rewritten(name: str, text: str, reason: str) -> None:
    result = lint_source(text, name, SETTINGS)
    (diagnostic,) = [d for d in result.diagnostics if f"'{OLD}'" in d.message]
    if reason:
        assert diagnostic.fix is None
        assert f"({reason}; not fixed automatically)" in diagnostic.message
    else:
        assert diagnostic.fix is not None
        fixed = fix_source(text, applicable(result.diagnostics, unsafe_fixes=True))
        assert fixed == text.replace(OLD, "gemini-3.6-flash", 1)


def test_a_wrap_in_a_notebook_markdown_cell() -> None:
    cell = {"cell_type": "markdown", "metadata": {}, "source": [f"We used {OLD}-\n", f"lite here, and {OLD}-\nlite too; {OLD}.\n"]}
    text = json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"
    result = lint_source(text, "x.ipynb", SETTINGS)
    assert [WRAP_REASON in d.message for d in result.diagnostics] == [True, True, False]
    assert [d.fix is None for d in result.diagnostics] == [True, True, False]


def test_the_blocker_reads_only_the_word_around_the_id() -> None:
    text = f"https://example.com/a {OLD}"  # an address before the word is not the ID's
    assert prose_fix_blocker(text, text.index(OLD), len(text)) == ""
    # A backslash after the ID is the start of an escape in a notebook's JSON, not a Windows path.
    text = f'"# {OLD}\\n",'
    assert prose_fix_blocker(text, 3, 3 + len(OLD)) == ""


def test_the_installed_command_leaves_wrapped_names_and_links(
    tmp_path: Path, run_cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    original = (
        f"We benchmarked {OLD}-\nlite and {OLD}.\n"
        f"See [notes](https://example.com/{OLD}) and ![x](img/{OLD}/a.png).\n"
    )
    doc = tmp_path / "README.md"
    doc.write_text(original, encoding="utf-8")
    done = run_cli("--isolated", "--today", "2026-12-07", "--fix", "--unsafe-fixes", str(doc))
    assert done.returncode == 1, done.stderr
    assert doc.read_text(encoding="utf-8") == original.replace(f"lite and {OLD}.", "lite and gemini-3.6-flash.")
    lines = done.stdout.splitlines()
    assert sum("not fixed automatically" in line for line in lines) == 3
    assert lines[-1] == "Fixed 1 finding in 1 file; 3 findings remaining."


def test_a_notebook_cell_line_naming_the_new_id_is_not_rewritten() -> None:
    cell = {"cell_type": "markdown", "metadata": {}, "source": f"Was {OLD}, now {NEW}.\n\nOnly {OLD} here.\n"}
    text = json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"
    result = lint_source(text, "x.ipynb", SETTINGS)
    assert [d.fix is None for d in result.diagnostics] == [True, False]
    assert "its line also names" in result.diagnostics[0].message


@pytest.mark.parametrize(
    ("cells", "held"),
    [
        # Found by a review: the source guide's note, wrapped over two lines of a Markdown cell.
        pytest.param([{"cell_type": "markdown", "metadata": {}, "source": [f"The current ID is {NEW}.\n", f"Older {OLD} examples are legacy.\n"]}],
                     True, id="list-of-lines"),
        pytest.param([{"cell_type": "markdown", "metadata": {}, "source": f"The current ID is {NEW}.\nOlder {OLD} examples are legacy.\n"}],
                     True, id="one-string"),
        pytest.param([{"cell_type": "markdown", "metadata": {}, "source": [f"The current ID is {NEW}.\n", "\n", f"Older {OLD} examples.\n"]}],
                     False, id="blank-line-between"),
        pytest.param([{"cell_type": "markdown", "metadata": {}, "source": [f"Uses {NEW}.\n"]},
                      {"cell_type": "markdown", "metadata": {}, "source": [f"Older {OLD} examples.\n"]}], False, id="another-cell"),
        # A quote and a bracket inside the text are no end of the source list (found by a third review).
        pytest.param([{"cell_type": "markdown", "metadata": {}, "source": [f'Use {OLD} here, see `x["a"]` then\n', f"the current ID is {NEW}.\n"]}],
                     True, id="escaped-quote-before-a-bracket"),
        pytest.param([{"cell_type": "markdown", "metadata": {}, "source": [f"Uses {NEW}.\r\n", "\t\r\n", f"Older {OLD} examples.\r\n"]}],
                     False, id="crlf-and-tab-blank-line"),
        # In a code cell the paragraph's code counts too: a comment block about the change is held (a fourth
        # review found "# Before: <old>" / "# After: <new>" rewritten when code cells held by the line only).
        pytest.param([{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                       "source": [f"# Before: {OLD}\n", f"# After: {NEW}\n", "x = 1\n"]}], True, id="code-cell-comment-block"),
        pytest.param([{"source": [f"# Before: {OLD}\n", f"# After: {NEW}\n"], "cell_type": "code", "metadata": {},
                       "outputs": [], "execution_count": None}], True, id="code-cell-keys-reversed"),
    ],
)
def test_a_notebook_cells_paragraph_naming_the_new_id_is_not_rewritten(cells: list[dict[str, object]], held: bool) -> None:
    for indent in (1, None):
        text = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=indent) + "\n"
        (diagnostic,) = lint_source(text, "x.ipynb", SETTINGS).diagnostics
        assert (diagnostic.fix is None) is held
        assert ("its paragraph also names" in diagnostic.message) is held


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # Only googleapis.com itself and its subdomains are the API's (found by a review).
        pytest.param(f"Use https://notgoogleapis.com/{OLD} now.\n", ADDRESS_REASON, id="a-host-ending-in-the-name"),
        pytest.param(f"POST https://generativelanguage.googleapis.com:443/v1/models/{OLD}:generateContent\n", "", id="a-port"),
        pytest.param(f"POST https://user@aiplatform.googleapis.com/v1/models/{OLD}:predict\n", "", id="a-user-part"),
    ],
)
def test_which_addresses_are_the_apis(text: str, reason: str) -> None:
    start = text.index(OLD)
    assert prose_fix_blocker(text, start, start + len(OLD)) == reason


def test_a_notebook_line_after_an_address_is_no_part_of_it() -> None:
    cell = {"cell_type": "markdown", "metadata": {}, "source": f"Read https://example.com/docs\n{OLD} is used here.\n"}
    text = json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"
    (diagnostic,) = lint_source(text, "x.ipynb", SETTINGS).diagnostics
    assert diagnostic.fix is not None


# --- a mention inside a sentence that claims the API is free (GL003) --------------------------------

FLASH_OLD, FLASH_NEW = "gemini-3.1-flash-image-preview", "gemini-3.1-flash-image"
CLAIM = f"Back in 2025, {FLASH_OLD} was free to call from the Gemini API."


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param("x.md", f"{CLAIM}\n\nWe call {FLASH_OLD} for thumbnails.\n", id="md"),
        pytest.param("x.txt", f"{CLAIM}\n\nWe call {FLASH_OLD} for thumbnails.\n", id="txt"),
        pytest.param("x.rst", f"{CLAIM}\n\nWe call {FLASH_OLD} for thumbnails.\n", id="rst"),
        pytest.param("x.py", f"# {CLAIM}\nx = 1\n\n# We call {FLASH_OLD} for thumbnails.\ny = 2\n", id="py-comment"),
        pytest.param("x.yaml", f"# {CLAIM}\nx: 1\n\n# We call {FLASH_OLD} for thumbnails.\ny: 2\n", id="yaml-comment"),
        pytest.param("x.md", f"| Model | Notes |\n|---|---|\n| {FLASH_OLD} | Free on the Gemini API |\n\n"
                     f"We call {FLASH_OLD} for thumbnails.\n", id="md-table-row"),
    ],
)
@pytest.mark.parametrize("select", [("GL002", "GL003"), ("GL002",)])
def test_a_free_claim_holds_the_prose_fix_of_its_sentence(name: str, text: str, select: tuple[str, ...]) -> None:
    """Renaming the ID would pin the false claim on the GA model: the sentence needs rewriting by
    hand (whether GL003 is reported or not). The other paragraph's mention keeps its unsafe fix."""
    result = lint_source(text, name, make_settings(select=select, today=dt.date(2026, 12, 7)))
    mentions = [d for d in result.diagnostics if d.code == "GL002"]
    assert [d.fix is None for d in mentions] == [True, False]
    assert "its sentence says the API is free (GL003)" in mentions[0].message
    fixed = fix_source(text, applicable(result.diagnostics, unsafe_fixes=True))
    last = text.rindex(FLASH_OLD)
    assert fixed == text[:last] + FLASH_NEW + text[last + len(FLASH_OLD) :]


def test_a_free_claim_in_a_notebook_cell_holds_only_its_own_cell() -> None:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [f"{CLAIM}\n"]},
        {"cell_type": "markdown", "metadata": {}, "source": [f"We call {FLASH_OLD} here.\n"]},
    ]
    text = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"
    result = lint_source(text, "x.ipynb", make_settings(select=("GL002",), today=dt.date(2026, 12, 7)))
    assert [(d.cell, d.fix is None) for d in result.diagnostics] == [(1, True), (2, False)]  # cells count from 1


def test_the_installed_command_leaves_a_free_claim_for_its_author(
    tmp_path: Path, run_cli: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    original = f"{CLAIM}\n\nWe call {FLASH_OLD} for thumbnails.\n"
    doc = tmp_path / "README.md"
    doc.write_bytes(original.encode())
    done = run_cli("--isolated", "--today", "2026-12-07", "--fix", "--unsafe-fixes", str(doc))
    assert done.returncode == 1, done.stderr
    assert doc.read_bytes() == original.replace(f"call {FLASH_OLD}", f"call {FLASH_NEW}").encode()
    assert done.stdout.splitlines()[-1] == "Fixed 1 finding in 1 file; 2 findings remaining."
