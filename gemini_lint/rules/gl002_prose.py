"""GL002: a legacy model ID mentioned in prose (a comment, a docstring, Markdown text)."""

from __future__ import annotations

import datetime as dt

from gemini_lint.diagnostic import Diagnostic, Severity, lifecycle_phrase, lifecycle_severity
from gemini_lint.rules import finding, fix_note, gl001_value
from gemini_lint.sources.base import Mention

CODE = "GL002"
NAME = "legacy-model-mention"
SUMMARY = "Legacy model ID mentioned in prose"
DEFAULT_SEVERITY = "warning once deprecated (info before); never error"

DOCS = """\
## What it does
Finds a retired or retiring model ID in prose: a Python comment or docstring, Markdown/rst/text
outside code blocks (inline code spans included), a `#` comment in a config file, a notebook
markdown cell.

## Why is this bad?
Readers copy what the docs say. A comment or README that still names
`gemini-3.1-flash-image-preview` sends the next person to a model that was shut down on 2026-06-25.
It is not itself a failing request, so it is at most a `warning`.

## Example
```python
# Uses gemini-3.1-flash-image-preview for thumbnails.
```

## Use instead
```python
# Uses gemini-3.1-flash-image for thumbnails.
```

## Fix safety
Unsafe: prose may be history on purpose ("we used to call gemini-3.1-flash-image-preview"), so the
rewrite is applied only with `--unsafe-fixes`.
"""

VALID_EXAMPLES = ("# Uses gemini-3.1-flash-image for thumbnails.\n",)
INVALID_EXAMPLES = ("# Uses gemini-3.1-flash-image-preview for thumbnails.\n",)


def diagnostic(path: str, mention: Mention, today: dt.date) -> Diagnostic:
    """The GL002 finding for one prose mention; severity capped at warning, fix always unsafe."""
    model = mention.model
    severity = lifecycle_severity(model, today)
    if severity is Severity.ERROR:
        severity = Severity.WARNING
    target = f"'{model.replacement}'" if model.replacement else "a current model"
    message = f"{lifecycle_phrase(model, today)}; update the text to {target} if it describes current use"
    message += fix_note(mention, unsafe=True)
    return finding(path, mention.position, CODE, severity, message, gl001_value.fix_for(mention, unsafe=True))
