"""GL001: a legacy model ID used as a value (a string the program sends, a config value, a code block)."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from gemini_lint.diagnostic import Applicability, Diagnostic, Edit, Fix, lifecycle_phrase, lifecycle_severity
from gemini_lint.rules import finding, fix_note, no_replacement
from gemini_lint.sources.base import Mention

CODE = "GL001"
NAME = "legacy-model-id"
SUMMARY = "Legacy model ID used as a value"
DEFAULT_SEVERITY = "error after shutdown (warning once deprecated, info before)"

DOCS = """\
## What it does
Finds a retired or retiring model ID (for example `gemini-3.1-flash-image-preview`) used as a value:
a Python string literal of any form (quotes, raw, bytes, f-string literal parts, implicit
concatenation, `match`/`case` patterns, `Literal[...]`, dict keys, call arguments), a value in a
config file, or code in a Markdown/rst code block or a notebook code cell.

## Why is this bad?
Google shuts preview IDs down: `gemini-3.1-flash-image-preview` and `gemini-3-pro-image-preview`
were deprecated on 2026-05-28 and shut down on 2026-06-25. A request that still names them fails.
The severity follows the date: `info` before deprecation, `warning` until shutdown, `error` after.

## Example
```python
response = client.models.generate_content(model="gemini-3.1-flash-image-preview", contents=prompt)
```

## Use instead
```python
response = client.models.generate_content(model="gemini-3.1-flash-image", contents=prompt)
```

## Fix safety
Safe: only the ID is replaced, prefixes such as `models/` or `publishers/google/models/` and
suffixes such as `:generateContent` stay, and the fixed file must parse (or load) before it is
written. The fix is unsafe (applied only with `--unsafe-fixes`) when the code around the ID also
names the replacement (an alias map, `.replace(old, new)` outside Python, where the first argument
is a search and never fixed, an SQL migration, an enum or a
before/after example holding both: the fix would reverse it) or another legacy ID that gets the
same new name, when a name next to it says the IDs are retired (`RETIRED = {...}`,
`def test_deprecated_model_is_rejected`), when the Python string is compared with a value
(`if model == "...":` may test for the old name on purpose), when a notebook's kernel is not
Python, or when the replacement is not called as the old model was (an Imagen model's Gemini
replacement takes `generate_content` where Imagen took `generate_images`; an embedding model's
vectors do not compare with its replacement's). There is no fix at all when renaming a mapping key (a config file's, or a string key of a
Python dict display) would collide with a sibling (the replacement name already exists, two keys
would get the same new name, or another key is computed at run time), when the Python string
builds a longer name, is looked for in longer text (`startswith`, a regular expression, `in`) or
is cut by a slice, when the file could not be parsed, or when the registry names no replacement;
the message says why.
"""

VALID_EXAMPLES = (
    'MODEL = "gemini-3.1-flash-image"\n',
    'MODEL = "gemini-3.1-flash-image-preview-2"\n',
    "gemini_3_1_flash_image_preview = 1\n",
)
INVALID_EXAMPLES = (
    'MODEL = "gemini-3.1-flash-image-preview"\n',
    'url = f"https://x/v1beta/models/gemini-3-pro-image-preview:generateContent?key={key}"\n',
)


def diagnostic(path: str, mention: Mention, today: dt.date) -> Diagnostic:
    """The GL001 finding for one value mention."""
    model = mention.model
    severity = lifecycle_severity(model, today)
    message = message_for(mention, today)
    return finding(path, mention.position, CODE, severity, message, fix_for(mention, unsafe=mention.unsafe))


def message_for(mention: Mention, today: dt.date) -> str:
    """``'X' was shut down on D; use 'Y'`` (plus why no fix is offered, if none is)."""
    model = mention.model
    phrase = lifecycle_phrase(model, today)
    advice = f"use '{model.replacement}'" if model.replacement else f"{no_replacement(model)}; pick a current model"
    return f"{phrase}; {advice}{fix_note(mention, unsafe=mention.unsafe)}"


def fix_for(mention: Mention, *, unsafe: bool) -> Optional[Fix]:
    """Replace the ID with the registry's replacement, when there is one and the reader allows it."""
    model = mention.model
    if not model.replacement or not mention.fixable:
        return None
    applicability = Applicability.UNSAFE if unsafe else Applicability.SAFE
    return Fix(
        applicability,
        (Edit(mention.start, mention.end, model.replacement),),
        f"Replace '{model.id}' with '{model.replacement}'",
    )
