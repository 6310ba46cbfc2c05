"""Find legacy model IDs in text as whole tokens, with their offsets.

An ID matches only as a whole token: the character before it must not continue a token
(letters, digits, ``_``, ``-``, ``.``) and the character after it must not either (a letter,
digit or ``_``; or a ``-``/``.`` that goes on with a letter or digit, as in ``-preview-2``).
One ``-`` before an ID is a boundary all the same where it ends a shell default expansion,
``${MODEL:-gemini-...}`` or ``${MODEL-gemini-...}`` (POSIX shell, docker compose), so the ``.env``,
YAML and shell snippets that spell a default this way are read; ``my-gemini-...`` is still one token.
Surroundings such as ``models/``, ``publishers/google/models/``, ``gemini/`` and ``:generateContent``
are left alone: only the ID itself is ever replaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gemini_lint.registry import LegacyModel


@dataclass(frozen=True)
class Match:
    """One whole-token occurrence of a legacy ID at ``text[start:end]``."""

    start: int
    end: int
    model: LegacyModel


class Matcher:
    """All legacy IDs of a registry compiled into one pass over the text (and a cheaper bytes pre-check)."""

    def __init__(self, models: Iterable[LegacyModel]) -> None:
        self.models: dict[str, LegacyModel] = {}
        for model in models:
            self.models.setdefault(model.id, model)
        ids = sorted(self.models, key=lambda i: (-len(i), i))
        self._regex = token_regex(ids)
        # A cheap necessary condition, tested on raw bytes before anything is decoded: each ID
        # contains its stem. Families with a distinctive first word share one stem ("gemini-");
        # other IDs ("text-bison") keep their own, since "text-" alone is everywhere.
        self.stems: tuple[bytes, ...] = _stems(ids)

    def may_contain(self, data: bytes) -> bool:
        """False only when ``data`` cannot contain any ID (no decode needed)."""
        return any(stem in data for stem in self.stems)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Whole-token matches in ``text[start:end]`` in order, offsets relative to ``text``."""
        regex_end = len(text) if end is None else end
        models = self.models
        for found in self._regex.finditer(text, start, regex_end):
            yield Match(found.start("id"), found.end(), models[found.group("id")])

    def search(self, text: str) -> bool:
        """True when ``text`` holds at least one whole-token ID."""
        return self._regex.search(text) is not None


def token_regex(ids: Iterable[str]) -> re.Pattern[str]:
    """One pattern for ``ids`` as whole tokens (longest first); group ``id`` is the ID itself.

    A match may start before its ID: the ``${NAME-`` of a default expansion is consumed, since ``re``
    has no variable-width look-behind. No ID holds ``$``, so nothing is lost.
    """
    ordered = sorted(ids, key=lambda i: (-len(i), i))
    if not ordered:
        return re.compile(r"(?!x)x(?P<id>)")
    alternation = "|".join(re.escape(i) for i in ordered)
    # The look-ahead on first letters is redundant but lets most positions fail at once (about
    # twice as fast over ordinary source). Boundaries on the left: nothing that continues a token;
    # an escape such as \n inside a string; the ``:-`` or ``${NAME-`` of a shell default expansion
    # (``${{NAME-`` in an f-string or a ``str.format`` template; ``=``, ``?`` and ``+``, as in
    # ``${X:=...}``, ``${X:?...}``, ``${X+...}``, are boundaries anyway).
    first = "".join(sorted({re.escape(i[0]) for i in ordered}))
    left = rf"(?:(?=[{first}])(?:(?<![\w.\-])|(?<=\\[abfnrtv])|(?<=:-))|\$\{{\{{?\w+-)"
    return re.compile(rf"{left}(?P<id>{alternation})(?![\w]|[.\-][^\W_])")


#: Words rare enough in ordinary text to stand for a whole family of IDs (``embedding-`` covers
#: ``text-embedding-004`` and ``embedding-001`` alike). Each stem costs one pass over every file's bytes.
FAMILY_WORDS = ("gemini-", "imagen-", "veo-", "embedding-")


def _stems(ids: Iterable[str]) -> tuple[bytes, ...]:
    """The fewest substrings such that every ID contains one of them."""
    candidates = set()
    for model_id in ids:
        family = next((word for word in FAMILY_WORDS if word in model_id), None)
        candidates.add(family or model_id.split("@", 1)[0])
    minimal = {c for c in candidates if not any(other != c and other in c for other in candidates)}
    return tuple(sorted(stem.encode("utf-8") for stem in minimal))
