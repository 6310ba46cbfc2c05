"""The rules, one a module. Each module carries its code, summary, docs and examples as data
(collected for ``--list-rules``, ``--explain`` and SARIF by :mod:`gemini_lint.rules.catalog`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the GL003 pre-check (rules.gl003_hints) loads this package too
    from gemini_lint.diagnostic import Diagnostic
    from gemini_lint.sources.base import Mention, ProseBlock


def fix_note(mention: Mention, *, unsafe: bool) -> str:
    """`` (<reason>; not fixed automatically)`` or `` (<reason>; fix needs --unsafe-fixes)`` for a message.

    Empty when the reader gave no reason; ``unsafe`` is whether the rule's fix needs ``--unsafe-fixes``.
    """
    if not mention.reason:
        return ""
    if not mention.fixable:
        return f" ({mention.reason}; not fixed automatically)"
    return f" ({mention.reason}; fix needs --unsafe-fixes)" if unsafe else ""


def free_claims(path: str, block: ProseBlock) -> list[Diagnostic]:
    """GL003 findings in one prose block (never fixed, always warning)."""
    from gemini_lint.diagnostic import Diagnostic, Severity
    from gemini_lint.rules.gl003_free_claim import CODE, find_free_claims
    from gemini_lint.sources.base import position_of

    found = []
    for claim in find_free_claims(block.text):
        position = position_of(block.index, claim.start, claim.end, block.cell)
        found.append(
            Diagnostic(
                path=path,
                line=position.line,
                column=position.column,
                end_line=position.end_line,
                end_column=position.end_column,
                code=CODE,
                severity=Severity.WARNING,
                message=claim.message,
                fix=None,
                cell=block.cell,
            )
        )
    return found
