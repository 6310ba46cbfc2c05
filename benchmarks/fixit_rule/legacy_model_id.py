"""A Fixit 2.x rule doing gemini-lint's GL001 + GL002 job, for ``benchmarks/run.py`` (a peer to time).

It reports every whole-token legacy model ID in a string literal, an f-string literal part or a
comment, with the same token boundaries as ``gemini_lint.matching`` (no character of a token
right before the ID; after it, no letter/digit/underscore and no ``-``/``.`` followed by one).
String values get an autofix to the replacement when the registry names one; comments are only
reported (gemini-lint treats prose as an unsafe fix). Docstrings are plain ``SimpleString`` nodes
here, so they are reported like values.

The IDs come from ``legacy_ids.py`` next to this file, which ``run.py`` regenerates from
``gemini-lint --list-models --format json`` before every run.
"""

from __future__ import annotations

import re
from typing import Dict, Optional

import libcst as cst
from fixit import Invalid, LintRule, Valid

from .legacy_ids import REPLACEMENTS

_IDS = sorted(REPLACEMENTS, key=lambda i: (-len(i), i))
_TOKEN = re.compile(r"(?<![\w.\-])(?:" + "|".join(re.escape(i) for i in _IDS) + r")(?![\w]|[.\-][^\W_])")
_MESSAGE = "{id} is a retired Google model ID; use {replacement}"


def _replaced(value: str, table: Dict[str, str]) -> Optional[str]:
    """``value`` with every ID that has a replacement swapped, or None when nothing could change."""
    changed = False

    def swap(found: "re.Match[str]") -> str:
        nonlocal changed
        replacement = table.get(found.group(), "")
        if not replacement:
            return found.group()
        changed = True
        return replacement

    new = _TOKEN.sub(swap, value)
    return new if changed else None


class LegacyModelId(LintRule):
    """Retired Gemini/Imagen/Veo model IDs in strings and comments."""

    VALID = [
        Valid('MODEL = "gemini-3.1-flash-image"'),
        Valid('MODEL = "gemini-3.1-flash-image-preview-2"'),
        Valid('MODEL = "my-gemini-3-pro-image-preview"'),
        Valid("# gemini-3-pro-image is the GA model"),
    ]
    INVALID = [
        Invalid(
            'MODEL = "gemini-3.1-flash-image-preview"',  # noqa
            expected_replacement='MODEL = "gemini-3.1-flash-image"',
        ),
        Invalid(
            'URL = f"models/gemini-3-pro-image-preview:generateContent?key={key}"',  # noqa
            expected_replacement='URL = f"models/gemini-3-pro-image:generateContent?key={key}"',
        ),
        Invalid("x = 1  # was gemini-3-pro-image-preview"),  # noqa
    ]

    def _check(self, node: cst.CSTNode, value: str, *, fixable: bool) -> None:
        found = _TOKEN.search(value)
        if found is None:
            return
        legacy = found.group()
        message = _MESSAGE.format(id=legacy, replacement=REPLACEMENTS.get(legacy) or "a current model")
        new = _replaced(value, REPLACEMENTS) if fixable else None
        self.report(node, message, replacement=node.with_changes(value=new) if new is not None else None)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._check(node, node.value, fixable=True)

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        self._check(node, node.value, fixable=True)

    def visit_Comment(self, node: cst.Comment) -> None:
        self._check(node, node.value, fixable=False)
