"""A JSON array of findings: path, line, column, end_line, end_column, code, severity, message, fix, cell."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from gemini_lint.diagnostic import Diagnostic


def as_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    """The JSON object of one finding (positions 1-based; column of the ID's first character)."""
    fix = diagnostic.fix
    return {
        "path": diagnostic.path,
        "cell": diagnostic.cell,
        "line": diagnostic.line,
        "column": diagnostic.column,
        "end_line": diagnostic.end_line,
        "end_column": diagnostic.end_column,
        "code": diagnostic.code,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "fix": None
        if fix is None
        else {"applicability": fix.applicability.value, "replacement": fix.replacement, "message": fix.message},
    }


def render(diagnostics: Iterable[Diagnostic], *, ascii_only: bool = False) -> str:
    """The findings as a JSON array (an empty array when there are none)."""
    return json.dumps([as_dict(d) for d in diagnostics], indent=2, ensure_ascii=ascii_only) + "\n"
