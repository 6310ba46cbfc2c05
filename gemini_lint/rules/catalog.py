"""What ``--list-rules``, ``--explain``, SARIF and the README say about each rule.

Apart from the package so that a run that only needs a rule's pre-check or messages (every file that
names Gemini) does not build this record class (~1-2 ms at start-up).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class RuleInfo:
    """What ``--list-rules``, ``--explain``, SARIF and the README say about a rule."""

    code: str
    name: str
    summary: str
    default_severity: str
    docs: str
    fixable: str
    valid_examples: tuple[str, ...]
    invalid_examples: tuple[str, ...]


def _info(module: ModuleType, fixable: str) -> RuleInfo:
    return RuleInfo(
        code=module.CODE,
        name=module.NAME,
        summary=module.SUMMARY,
        default_severity=getattr(module, "DEFAULT_SEVERITY", "warning"),
        docs=module.DOCS,
        fixable=fixable,
        valid_examples=tuple(module.VALID_EXAMPLES),
        invalid_examples=tuple(module.INVALID_EXAMPLES),
    )


def all_rules() -> tuple[RuleInfo, ...]:
    """Every rule, in code order."""
    from gemini_lint.rules import gl001_value, gl002_prose, gl003_free_claim

    return (
        _info(gl001_value, "safe"),
        _info(gl002_prose, "unsafe"),
        _info(gl003_free_claim, "never"),
    )
