"""SARIF 2.1.0 for code scanning: the rules with their docs, results with locations and fixes."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import Any

from gemini_lint import __version__
from gemini_lint.diagnostic import Diagnostic, Severity
from gemini_lint.rules.catalog import all_rules

INFORMATION_URI = "https://github.com/gemini-lint/gemini-lint"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_DEFAULT_LEVEL = {"GL001": "error", "GL002": "warning", "GL003": "warning"}


def artifact_uri(path: str) -> str:
    """The path relative to the current folder as a URI reference (a file URI when outside it).

    Percent-encoded (RFC 3986): ``#``, ``?``, ``%``, spaces and non-ASCII characters in a file name
    would otherwise end the path or make the reference invalid for code-scanning tools.
    """
    from urllib.parse import quote

    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):  # outside; "..foo.py" is inside
        return "file://" + quote(absolute.replace(os.sep, "/"), safe="/", errors="surrogateescape")
    return quote(relative.replace(os.sep, "/"), safe="/", errors="surrogateescape")


def _region(d: Diagnostic) -> dict[str, int] | None:
    """The finding's region in the file's text; for a notebook, where it sits in the .ipynb JSON (its
    line and column in the cell count in the cell, which a viewer of the file cannot show), or None."""
    span = d.file_span
    if span is None:
        return None
    line, column, end_line, end_column = span
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _result(d: Diagnostic, rule_index: dict[str, int]) -> dict[str, Any]:
    uri = artifact_uri(d.path)
    message = d.message if d.cell is None else f"cell {d.cell}, line {d.line}: {d.message}"
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index[d.code],
        "level": _LEVEL[d.severity],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
    }
    region = _region(d)
    if region is not None:
        result["locations"][0]["physicalLocation"]["region"] = region
    if d.cell is not None:
        result["properties"] = {"cell": d.cell}
    if d.fix is not None and region is not None:
        result["fixes"] = [
            {
                "description": {"text": f"{d.fix.message} ({d.fix.applicability.value} fix)"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri},
                        "replacements": [{"deletedRegion": region, "insertedContent": {"text": d.fix.replacement}}],
                    }
                ],
            }
        ]
    return result


def render(
    diagnostics: Sequence[Diagnostic], *, ascii_only: bool = False, notes: Sequence[str] = (), failed: bool = False
) -> str:
    """One SARIF log with one run; ``notes`` (``path: what happened``) and whether a file ``failed``
    (exit code 1 with no finding to show for it) go in its invocation."""
    rules = all_rules()
    rule_index = {rule.code: index for index, rule in enumerate(rules)}
    driver = {
        "name": "gemini-lint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.docs},
                "help": {"text": rule.docs, "markdown": rule.docs},
                "helpUri": f"{INFORMATION_URI}#{rule.code.lower()}",
                "defaultConfiguration": {"level": _DEFAULT_LEVEL.get(rule.code, "warning")},
            }
            for rule in rules
        ],
    }
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, rule_index) for d in diagnostics],
                # What stderr says (a file not read, parsed or written), for viewers of the log alone.
                "invocations": [
                    {
                        "executionSuccessful": not failed,
                        "toolExecutionNotifications": [
                            {"level": "warning", "message": {"text": note}} for note in notes
                        ],
                    }
                ],
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=ascii_only) + "\n"
