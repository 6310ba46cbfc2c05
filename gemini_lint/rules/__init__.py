"""The rules, one a module. Each module carries its code, summary, docs and examples as data
(collected for ``--list-rules``, ``--explain`` and SARIF by :mod:`gemini_lint.rules.catalog`)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ~1.5 ms of a run over a clean file
if TYPE_CHECKING:  # imported where used: the GL003 pre-check (rules.gl003_hints) loads this package too
    import datetime as dt
    from collections.abc import Sequence
    from typing import Optional

    from gemini_lint.diagnostic import Diagnostic, Fix, Severity
    from gemini_lint.matching import Matcher
    from gemini_lint.registry import LegacyModel
    from gemini_lint.rules.gl003_free_claim import FreeClaim
    from gemini_lint.sources.base import Mention, Position, ProseBlock


def finding(
    path: str, position: Position, code: str, severity: Severity, message: str, fix: Optional[Fix] = None
) -> Diagnostic:
    """A rule's finding shown at ``position`` (a notebook's cell included)."""
    from gemini_lint.diagnostic import Diagnostic

    return Diagnostic(
        path=path,
        line=position.line,
        column=position.column,
        end_line=position.end_line,
        end_column=position.end_column,
        code=code,
        severity=severity,
        message=message,
        fix=fix,
        cell=position.cell,
        in_file=position.in_file,
    )


def no_replacement(model: LegacyModel) -> str:
    """Why a finding names no replacement: none named, or the one named is retired too with none after it."""
    if model.retired_replacement:
        return f"the replacement named for it, '{model.retired_replacement}', is retired too, with none named after it"
    return "Google names no replacement"


def fix_note(mention: Mention, *, unsafe: bool) -> str:
    """`` (<reason>; not fixed automatically)`` or `` (<reason>; fix needs --unsafe-fixes)`` for a message.

    Empty when the reader gave no reason; ``unsafe`` is whether the rule's fix needs ``--unsafe-fixes``.
    """
    if not mention.reason:
        return ""
    if not mention.fixable:
        return f" ({mention.reason}; not fixed automatically)"
    return f" ({mention.reason}; fix needs --unsafe-fixes)" if unsafe else ""


def free_claims(
    path: str, block: ProseBlock, matcher: Matcher, today: dt.date, claims: Optional[Sequence[FreeClaim]] = None
) -> list[Diagnostic]:
    """GL003 findings in one prose block (never fixed, always warning): ``claims`` (found here if not given).

    A claim whose subject is a legacy ID (``gemini-3.1-flash-image-preview is free``) starts with that
    ID's dates for ``today`` and its replacement, as GL001/GL002 give them.
    """
    from dataclasses import replace

    from gemini_lint.diagnostic import Severity, lifecycle_phrase
    from gemini_lint.rules.gl003_free_claim import CODE, find_free_claims
    from gemini_lint.sources.base import position_of

    found = []
    for claim in find_free_claims(block.text) if claims is None else claims:
        position = position_of(block.index, claim.start, claim.end, block.cell)
        if block.to_file is not None:
            position = replace(position, in_file=(*block.to_file(claim.start), *block.to_file(claim.end, end=True)))
        message = claim.message
        named = next(iter(matcher.finditer(claim.subject)), None)
        if named is not None:
            model = named.model
            use = f"use '{model.replacement}'" if model.replacement else no_replacement(model)
            message = f"{lifecycle_phrase(model, today)} ({use}); {message}"
        found.append(finding(path, position, CODE, Severity.WARNING, message))
    return found
