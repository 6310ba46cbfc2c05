"""GL003's whole-file pre-check, apart from the rule so that testing a file does not compile the rule.

The engine asks :func:`may_claim` before it decodes or parses a file that only names Gemini.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ~1.5 ms of a run over a clean file
if TYPE_CHECKING:
    from typing import Union


# Every claim phrase of the rule contains one of these words (keep them in step with its patterns).
CLAIM_WORDS = (
    r"cost|charge|fee|\$\s?0|0\s?\$|dollars|usd|bucks|pay|paid|spend|bill|invoice|meter|card|nothing|zero"
)

#: Words every claim needs, as plain substrings of the lower-cased text: the claim hints above with
#: their ``\s`` parts taken out, so a file without them cannot hold a claim, whatever a reader blanks.
#: "The image API" is a subject only in prose that also names Gemini or Nano Banana, so it needs
#: no entry of its own: a file with neither holds no claim (and "image" and "api" are everywhere).
_SUBJECT_WORDS = (("gemini",), ("nano", "banana"))
#: One word of each subject above, any case: the prose of every claim holds one of them.
SUBJECT_IN_PROSE = re.compile("|".join(words[-1] for words in _SUBJECT_WORDS), re.I)
_CLAIM_SUBSTRINGS = ("free", "gratis", "complimentary", "house") + tuple(
    word for word in CLAIM_WORDS.split("|") if "$" not in word
)
_SUBJECT_BYTES = tuple(tuple(word.encode() for word in words) for words in _SUBJECT_WORDS)
_CLAIM_BYTES = tuple(word.encode() for word in _CLAIM_SUBSTRINGS)
# "$0" and "0 $": readers blank characters one for one, so in the whole text the two are as close as
# in the prose; up to 6 characters apart allows for a JSON escape in a notebook ("\n", "\u00a0").
_ZERO_DOLLARS = re.compile(r"\$[\s\S]{0,6}0|0[\s\S]{0,6}\$")
_ZERO_DOLLARS_BYTES = re.compile(_ZERO_DOLLARS.pattern.encode())


def may_claim(text: Union[str, bytes]) -> bool:
    """False only when no prose taken from ``text`` can hold a free claim (a cheap whole-file test).

    Every claim needs a subject hint and a claim hint; readers only blank characters, so a word
    that is not in the whole text is not in any of its prose either. On bytes (before decoding) the
    test holds for every ASCII-compatible encoding, which is every encoding a source file may use.
    """
    low = text.lower()
    if isinstance(low, bytes):
        return any(all(word in low for word in words) for words in _SUBJECT_BYTES) and (
            any(word in low for word in _CLAIM_BYTES) or _ZERO_DOLLARS_BYTES.search(low) is not None
        )
    return any(all(word in low for word in words) for words in _SUBJECT_WORDS) and (
        any(word in low for word in _CLAIM_SUBSTRINGS) or _ZERO_DOLLARS.search(low) is not None
    )
