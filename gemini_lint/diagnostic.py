"""Frozen records that cross module boundaries: severities, fixes, diagnostics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from gemini_lint.levels import Applicability, Severity
from gemini_lint.registry import LegacyModel, ShutdownKind

__all__ = [
    "Applicability",
    "Diagnostic",
    "Edit",
    "Fix",
    "Severity",
    "lifecycle_phrase",
    "lifecycle_severity",
]


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of the file's decoded text with ``content``."""

    start: int
    end: int
    content: str


@dataclass(frozen=True)
class Fix:
    """One fix: its applicability and the edits that make it."""

    applicability: Applicability
    edits: tuple[Edit, ...]
    message: str

    @property
    def replacement(self) -> str:
        """The new text of the (single) edit."""
        return self.edits[0].content


@dataclass(frozen=True)
class Diagnostic:
    """One finding at a position in a file (or a notebook cell)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    severity: Severity
    message: str
    fix: Optional[Fix] = None
    cell: Optional[int] = None
    #: A notebook finding's place in the .ipynb file's own text (line, column, end line, end column), where known.
    in_file: Optional[tuple[int, int, int, int]] = None

    @property
    def file_span(self) -> Optional[tuple[int, int, int, int]]:
        """(line, column, end line, end column) in the file's own text: a notebook finding's place in
        the .ipynb text (None where unknown), else its own."""
        if self.cell is not None:
            return self.in_file
        return (self.line, self.column, self.end_line, self.end_column)

    @property
    def sort_key(self) -> tuple[str, int, int, int, str]:
        """Deterministic report order: path, cell, line, column, code."""
        return (self.path, self.cell or 0, self.line, self.column, self.code)


def lifecycle_severity(model: LegacyModel, today: dt.date) -> Severity:
    """Severity of using ``model`` on ``today``: info before deprecation, warning until shutdown, then error.

    A shutdown known only as an earliest date never escalates past warning until it is confirmed.
    """
    if today < model.deprecated:
        return Severity.INFO
    if today < model.shutdown or model.shutdown_kind is ShutdownKind.EARLIEST:
        return Severity.WARNING
    return Severity.ERROR


def lifecycle_phrase(model: LegacyModel, today: dt.date) -> str:
    """``'X' was shut down on D`` / ``'X' is deprecated and shuts down on D`` / ... for messages."""
    earliest = model.shutdown_kind is ShutdownKind.EARLIEST
    when = f"no earlier than {model.shutdown}" if earliest else f"on {model.shutdown}"
    if today < model.deprecated:
        return f"'{model.id}' will be deprecated on {model.deprecated} and shut down {when}"
    if today < model.shutdown:
        return f"'{model.id}' is deprecated and shuts down {when}"
    if earliest:
        return f"'{model.id}' is deprecated and may be shut down from {model.shutdown} on"
    return f"'{model.id}' was shut down on {model.shutdown}"
