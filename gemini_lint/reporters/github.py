"""GitHub Actions workflow commands: ``::error file=PATH,line=L,col=C,title=GL001::message``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from gemini_lint.levels import Severity

if TYPE_CHECKING:
    from gemini_lint.diagnostic import Diagnostic

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


#: Control characters other than line breaks (an escape, a bell) in a file's name: written as ``%XX``, so
#: that none reaches the job's log as a terminal command (GitHub cannot point at such a file anyway).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _escape_property(text: str) -> str:
    escaped = _escape_data(text).replace(":", "%3A").replace(",", "%2C")
    return _CONTROL.sub(lambda found: f"%{ord(found.group()):02X}", escaped)


def render(diagnostics: Iterable[Diagnostic]) -> str:
    """One workflow command a finding (notebook findings point at the line of the .ipynb text that
    holds them, when known, and name the cell and its line in the text)."""
    lines = []
    for d in diagnostics:
        properties = [f"file={_escape_property(d.path)}"]
        span = d.file_span
        if span is not None:  # a notebook's: where the ID sits in the .ipynb text, when known
            properties += [f"line={span[0]}", f"col={span[1]}", f"endLine={span[2]}", f"endColumn={span[3]}"]
        properties.append(f"title={d.code}")
        where = f"cell {d.cell}, line {d.line}, column {d.column}: " if d.cell is not None else ""
        lines.append(f"::{_LEVEL[d.severity]} {','.join(properties)}::{_escape_data(where + d.message)}\n")
    return "".join(lines)
