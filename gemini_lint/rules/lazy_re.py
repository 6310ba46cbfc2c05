"""Regular expressions compiled where they are first used.

GL003 holds ~90 patterns, most of them needed only once a sentence names a Gemini subject next to
a claim word. Compiled at import they cost ~30 ms: paid at start-up by every run that reads one
file with "Gemini" in it, and before the workers of a large tree are forked. Compiled on first use,
a file pays only for the patterns its prose reaches.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Optional


class LazyPattern:
    """A :class:`re.Pattern` of ``str`` that compiles itself the first time it is used.

    After that the compiled pattern's own methods are set on the instance, so a call costs what a
    call on a compiled pattern costs.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = re.compile(self.pattern, self.flags)
        for name in ("search", "match", "finditer", "sub"):
            setattr(self, name, getattr(compiled, name))
        return compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Optional[re.Match[str]]:
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Optional[re.Match[str]]:
        return self.compiled().match(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def sub(self, repl: str, string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
