"""Find legacy model IDs in text as whole tokens, with their offsets.

An ID matches only as a whole token: the character before it must not continue a token
(letters, digits, ``_``, ``-``, ``.``) and the character after it must not either (a letter,
digit or ``_``; a ``-`` that goes on with a letter or digit, as in ``-preview-2``; or a ``.``
before a digit, a version going on). A ``.`` before a letter ends the ID: ``gemini-2.0-flash.json``
and ``gemini-2.0-flash.internal`` name the model in a file or host name, which the sources
report without a fix.
One ``-`` before an ID is a boundary all the same where it ends a shell default expansion,
``${MODEL:-gemini-...}`` or ``${MODEL-gemini-...}`` (POSIX shell, docker compose), so the ``.env``,
YAML and shell snippets that spell a default this way are read; ``my-gemini-...`` is still one token.
Surroundings such as ``models/``, ``publishers/google/models/``, ``gemini/`` and ``:generateContent``
are left alone: only the ID itself is ever replaced.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from gemini_lint.config import ConfigError, Settings
from gemini_lint.registry import (
    SURFACES,
    LegacyModel,
    RegistryError,
    check_registry,
    for_surface,
    load_packaged,
    resolve_across_surfaces,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ~1.5 ms of a run over a clean file
if TYPE_CHECKING:
    from typing import Optional


@dataclass(frozen=True)
class Match:
    """One whole-token occurrence of a legacy ID at ``text[start:end]``."""

    start: int
    end: int
    model: LegacyModel


#: Up to this many stretches around stems, :meth:`Matcher._finditer` tests them for an ID as written
#: before it compiles the pattern.
_FEW_WINDOWS = 64


class Matcher:
    """All legacy IDs of a registry compiled into one pass over the text (and a cheaper bytes pre-check)."""

    def __init__(self, models: Iterable[LegacyModel]) -> None:
        self.models: dict[str, LegacyModel] = {}
        for model in models:
            self.models.setdefault(model.id, model)
        ids = sorted(self.models, key=lambda i: (-len(i), i))
        self._ids = ids
        self._last: Optional[tuple[str, list[Match]]] = None
        # A cheap necessary condition, tested on raw bytes before anything is decoded: each ID
        # contains its stem. Families with a distinctive first word share one stem ("gemini-");
        # other IDs ("text-bison") keep their own, since "text-" alone is everywhere.
        self.stems: tuple[bytes, ...] = _stems(ids)
        #: What is left of a stem that a seam between strings cuts (:data:`SPLIT_HEADS`), for these IDs.
        self.split_heads: tuple[bytes, ...] = tuple(
            head.encode("ascii") for head in SPLIT_HEADS if any(head in model_id for model_id in ids)
        )
        self._text_stems = tuple(stem.decode("utf-8") for stem in self.stems)
        self._longest = max((len(i) for i in ids), default=0)
        #: Besides word characters, what a match (an ID and the ``${NAME-`` before it) may hold.
        self._run_chars = frozenset("".join(ids)) | frozenset("${-_")

    @functools.cached_property
    def regex(self) -> TokenPattern:
        """The whole-token pattern, compiled on first use (~15 ms: a run whose files all fail the bytes test never needs it)."""
        return token_regex(self._ids)

    def may_contain(self, data: bytes) -> bool:
        """False only when ``data`` cannot contain any ID (no decode needed)."""
        return any(stem in data for stem in self.stems)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """Whole-token matches in ``text[start:end]`` in order, offsets relative to ``text``."""
        if start == 0 and end is None:
            last = self._last
            if last is not None and last[0] is text:  # the whole text, just searched
                return iter(last[1])
        return self._finditer(text, start, len(text) if end is None else end)

    def _finditer(self, text: str, start: int, end: int) -> Iterator[Match]:
        models = self.models
        windows = self._windows(text, start, end)
        if not self.regex.compiled_for(text) and len(windows) <= _FEW_WINDOWS:
            # Until the pattern is compiled (~15 ms), a window that holds no ID as written needs
            # none: most texts that get here only name current IDs.
            windows = [(low, high) for low, high in windows if any(i in text[low:high] for i in self._ids)]
        pattern = self.regex.pattern_for(text)
        for low, high in windows:
            for found in pattern.finditer(text, low, high):
                yield Match(found.start("id"), found.end(), models[found.group("id")])

    def _windows(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The stretches of ``text[start:end]`` that hold every match, in order and apart.

        The pattern cannot skip ahead (its first step is a look-behind, tried at each position:
        ~50 ns a character), but every ID holds its stem, found by ``str.find`` at C speed. The
        pattern then runs only around each stem: back by the longest ID, and further back over an
        unbroken run of characters a match may hold (a ``${NAME-`` has no length limit), and on by
        the longest ID plus the two characters its look-ahead reads. The finds are those of a scan
        of the whole text: look-behinds see the text before a window, no match crosses a window's
        start (the run it would need is inside the window), and each look-ahead sees what it needs.
        """
        spots = []
        for stem in self._text_stems:
            at = text.find(stem, start, end)
            while at != -1:
                spots.append(at)
                at = text.find(stem, at + 1, end)
        spots.sort()
        windows: list[tuple[int, int]] = []
        longest, run_chars = self._longest, self._run_chars
        for at in spots:
            floor = windows[-1][1] if windows else start
            low = max(at - longest, floor)
            while low > floor and (text[low - 1] in run_chars or text[low - 1].isalnum()):
                low -= 1
            high = min(at + longest + 2, end)
            if windows and low <= floor:
                windows[-1] = (windows[-1][0], max(windows[-1][1], high))
            else:
                windows.append((low, high))
        return windows

    @functools.cached_property
    def escaped_regex(self) -> TokenPattern:
        """The IDs with a ``.`` written as a regular expression would (``gemini-3\\.1-...``, or with
        ``\\\\.`` in a non-raw string): each dot escaped or not, at least one escaped."""
        dotted = sorted((i for i in self._ids if "." in i), key=lambda i: (-len(i), i))
        if not dotted:
            return TokenPattern(lambda word: r"(?!x)x(?P<id>)")
        alternation = "|".join(
            r"\\{0,2}\.".join(re.escape(part) for part in model_id.split(".")) for model_id in dotted
        )
        return TokenPattern(lambda word: rf"(?<!{word}|[.\-])(?P<id>{alternation})(?!{word}|[.\-][^\W_]|\\\.)")

    def escaped(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Match]:
        """IDs written with escaped dots in ``text[start:end]`` (a regular expression's), in order;
        ``Match.end - Match.start`` is the written length, longer than the ID."""
        if "\\." not in text or not any(stem in text for stem in self._text_stems):
            return
        for found in self.escaped_regex.finditer(text, start, len(text) if end is None else end):
            written = found.group("id")
            if "\\" in written:
                model_id = written.replace("\\", "")
                yield Match(found.start("id"), found.end("id"), self.models[model_id])

    def search(self, text: str) -> bool:
        """True when ``text`` holds at least one whole-token ID.

        Plain substring tests first: the stems (a few passes), then, until the pattern is compiled,
        each ID (a pass each, but a file that only names the current ID, the common case in a
        migrated repository, is answered without compiling the pattern). The matches are kept for
        the same text object, so the reader that asks next does not scan it again.
        """
        if not any(stem in text for stem in self._text_stems):
            return False
        if not self.regex.compiled_for(text) and not any(model_id in text for model_id in self._ids):
            return False
        matches = list(self._finditer(text, 0, len(text)))
        self._last = (text, matches)
        return bool(matches)


#: Han (with CJK radicals, symbols and punctuation), kana, Bopomofo, Hangul and fullwidth/halfwidth
#: forms, as the body of a character class. Chinese, Japanese and Korean put no space between words,
#: so ``使用gemini-2.0-flash模型`` names the model: these characters end a token though ``\w`` holds them.
CJK = (
    "\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003ffff"
)
#: A character that goes on with a token: a word character (``\w``) that is not one of :data:`CJK`.
WORD = rf"[^\W{CJK}]"


#: Just after a ``\\uXXXX`` escape of a CJK character (JSON, a notebook's source, a Python string):
#: ``"\\u4f7f\\u7528gemini-2.0-flash"`` reads ``使用gemini-2.0-flash``, where the ID starts a token (not
#: after an escaped backslash, ``\\\\u4e00``, which is text; readers hold a fix next to an escape).
_CJK_ESCAPE = r"(?<=(?<!\\)\\u(?:2[eEfF]|[3-9][0-9a-fA-F]|[aA][c-fC-F]|[bBcC][0-9a-fA-F]|[dD][0-7]|[fF][fF])[0-9a-fA-F]{2})"


class TokenPattern:
    """A whole-token pattern, compiled on first use for each kind of text: with ``\\w`` for the
    characters that go on with a token in ASCII text (nearly every source file), with :data:`WORD`
    otherwise. Both find the same in ASCII text; :data:`WORD`'s classes cost ~5 ms more to compile
    (``re`` walks their ranges), paid by every one-file run and every worker that never sees CJK.
    ``build`` gives the pattern's text for a word-character class."""

    def __init__(self, build: Callable[[str], str]) -> None:
        self._build = build

    @functools.cached_property
    def ascii(self) -> re.Pattern[str]:
        return re.compile(self._build(r"\w"))

    @functools.cached_property
    def wide(self) -> re.Pattern[str]:
        return re.compile(self._build(WORD))

    def pattern_for(self, text: str) -> re.Pattern[str]:
        """The compiled pattern for ``text``."""
        return self.ascii if text.isascii() else self.wide

    def compiled_for(self, text: str) -> bool:
        """Whether the pattern for ``text`` is compiled already."""
        return ("ascii" if text.isascii() else "wide") in self.__dict__

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern_for(text).search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.pattern_for(text).finditer(text, pos, endpos)


def token_regex(ids: Iterable[str]) -> TokenPattern:
    """One pattern for ``ids`` as whole tokens (longest first); group ``id`` is the ID itself.

    A match may start before its ID: the ``${NAME-`` of a default expansion is consumed, since ``re``
    has no variable-width look-behind. No ID holds ``$``, so nothing is lost.
    """
    ordered = sorted(ids, key=lambda i: (-len(i), i))
    if not ordered:
        return TokenPattern(lambda word: r"(?!x)x(?P<id>)")
    alternation = "|".join(re.escape(i) for i in ordered)
    # The look-ahead on first letters is redundant but lets most positions fail at once (about
    # twice as fast over ordinary source). Boundaries on the left: nothing that continues a token;
    # an escape such as \n inside a string; the ``:-`` or ``${NAME-`` of a shell default expansion
    # (``${{NAME-`` in an f-string or a ``str.format`` template; ``=``, ``?`` and ``+``, as in
    # ``${X:=...}``, ``${X:?...}``, ``${X+...}``, are boundaries anyway).
    first = "".join(sorted({re.escape(i[0]) for i in ordered}))

    def build(word: str) -> str:
        left = rf"(?:(?=[{first}])(?:(?<!{word}|[.\-])|(?<=\\[abfnrtv])|{_CJK_ESCAPE}|(?<=:-))|\$\{{\{{?\w+-)"
        return rf"{left}(?P<id>{alternation})(?!{word}|-[^\W_]|\.\d)"

    return TokenPattern(build)


#: Words rare enough in ordinary text to stand for a whole family of IDs (``embedding-`` covers
#: ``text-embedding-004`` and ``embedding-001`` alike; ``-generate-`` every Imagen and Veo ID). Each
#: stem costs one pass over every file's bytes (~0.1 s per 160 MB), so the first word that an ID
#: holds is its stem, and fewer stems are better.
FAMILY_WORDS = ("gemini-", "-generate-", "imagen-", "veo-", "embedding-")
#: Where a family's IDs start, as a seam between two strings may leave them: ``("...imagen-4.0-generate"
#: "-001:predict")`` holds no ``-generate-``, ``("gemini" "-2.0-flash")`` no ``gemini-``. A Python
#: file that holds one is read for split IDs (:func:`may_be_split`) even without a stem.
SPLIT_HEADS = ("deep-research-", "gemini", "imagen-", "text-embedding", "veo-")


def _stems(ids: Iterable[str]) -> tuple[bytes, ...]:
    """The fewest substrings such that every ID contains one of them."""
    candidates = set()
    for model_id in ids:
        family = next((word for word in FAMILY_WORDS if word in model_id), None)
        candidates.add(family or model_id.split("@", 1)[0])
    minimal = {c for c in candidates if not any(other != c and other in c for other in candidates)}
    return tuple(sorted(stem.encode("utf-8") for stem in minimal))


@functools.lru_cache(maxsize=None)
def _packaged() -> tuple[LegacyModel, ...]:
    return load_packaged()


@functools.lru_cache(maxsize=16)
def models_for(surface: str, extra: tuple[LegacyModel, ...] = ()) -> tuple[LegacyModel, ...]:
    """The registry that applies on ``surface``: packaged entries plus configured ones (config wins)."""
    packaged = for_surface(_packaged(), surface)
    extra_here = for_surface(extra, surface)
    legacy_ids = {m.id for m in packaged} | {m.id for m in extra_here}
    for model in extra_here:
        if model.replacement in legacy_ids:
            raise ConfigError(
                f"models.\"{model.id}\".replacement: '{model.replacement}' is itself a legacy model ID"
            )
    overridden = {m.id for m in extra_here}
    try:
        models = check_registry([m for m in packaged if m.id not in overridden] + list(extra_here), "models")
    except RegistryError as exc:  # pragma: no cover - duplicates are caught per file already
        raise ConfigError(str(exc)) from None
    models = resolve_across_surfaces(models)
    if extra_here:
        matcher = matcher_for(models)
        for model in extra_here:
            inside = next(matcher.finditer(model.replacement), None) if model.replacement else None
            if inside is not None:
                raise ConfigError(
                    f"models.\"{model.id}\".replacement: '{model.replacement}' holds the legacy model ID "
                    f"'{inside.model.id}', so every --fix would rewrite it again; name a current model"
                )
    return models


@functools.lru_cache(maxsize=16)
def matcher_for(models: tuple[LegacyModel, ...]) -> Matcher:
    """One compiled matcher per registry (cached: building the regex is not free)."""
    return Matcher(models)


_last: Optional[tuple[Settings, Matcher]] = None


def settings_matcher(settings: Settings) -> Matcher:
    """The matcher for the registry ``settings`` select.

    Asked once a file: the last answer is kept for the same ``settings`` object, since the cache
    key of :func:`matcher_for` (a tuple of ~100 frozen records) costs ~50 us to hash, 0.6 s of CPU
    over a 13,000-file tree.
    """
    global _last
    last = _last
    if last is not None and last[0] is settings:
        return last[1]
    matcher = matcher_for(models_for(settings.surface, settings.extra_models))
    _last = (settings, matcher)
    return matcher


@functools.lru_cache(maxsize=16)
def surface_only(surface: str, run_surface: str, extra: tuple[LegacyModel, ...] = ()) -> tuple[LegacyModel, ...]:
    """The entries of ``surface``'s registry whose ID has none on ``run_surface``'s (``text-bison``,
    ``imagetext@001``: Vertex AI's only): what a run for ``run_surface`` reports only in a file that
    plainly calls ``surface``. None when ``surface``'s view of the configured entries is refused."""
    try:
        there = models_for(surface, extra)
    except ConfigError:  # configured entries that do not hold on that surface: no view of it
        return ()
    here = {model.id for model in models_for(run_surface, extra)}
    return tuple(model for model in there if model.id not in here)


_last_others: Optional[tuple[Settings, tuple[tuple[str, Matcher], ...]]] = None


def other_surface_matchers(settings: Settings) -> tuple[tuple[str, Matcher], ...]:
    """Per surface other than the run's that has IDs of its own (:func:`surface_only`), a matcher of
    only those IDs, in the order of the surfaces' names. Kept for the same ``settings`` object, as
    :func:`settings_matcher` is: the bytes test of every file asks for their stems."""
    global _last_others
    last = _last_others
    if last is not None and last[0] is settings:
        return last[1]
    found = []
    for surface in sorted(SURFACES):
        if surface != settings.surface:
            models = surface_only(surface, settings.surface, settings.extra_models)
            if models:
                found.append((surface, matcher_for(models)))
    others = tuple(found)
    _last_others = (settings, others)
    return others


#: In Python: a quote, blanks (line breaks, backslash continuations, comments), then another string's quote.
#: A comment holding a quote ends the seam (linear: no backtracking over a run of comment lines).
STRING_SEAM = re.compile(r"""["'][ \t\f]*(?:(?:\\?(?:\r\n?|\n)|#[^\r\n"']*(?:\r\n?|\n))[ \t\f]*)*[rRbBuUfFtT]{0,2}["']""")


#: A backslash that ends a line: in a (non-raw) Python string, the line goes on without the break.
LINE_CONTINUATION = re.compile(r"\\(?:\r\n?|\n)")


def may_be_joined_over_lines(text: str, matcher: Matcher) -> bool:
    """Whether ``text`` may hold an ID split over lines by a backslash inside a string
    (``"models/gemini-3-pro-\\`` then ``image-preview"``): with a backslash-newline taken out, an ID
    runs over where it was (a test from above: escaped backslashes and raw strings count too). Only
    the text around each such break is read (an ID is short), not the whole file again."""
    if "\\\n" not in text and "\\\r" not in text:
        return False
    reach = 100
    for seam in LINE_CONTINUATION.finditer(text):
        before = LINE_CONTINUATION.sub("", text[max(0, seam.start() - reach) : seam.start()])
        after = LINE_CONTINUATION.sub("", text[seam.end() : seam.end() + reach])  # "gem\\⏎ini-3-pro-\\⏎image..."
        joined = before + after
        if not any(stem in joined for stem in matcher._text_stems):  # an ID holds its stem: most breaks are in code
            continue
        for match in matcher.finditer(joined):
            if match.start < len(before) < match.end:
                return True
    return False


def may_be_split(text: str, matcher: Matcher) -> bool:
    """Whether Python ``text`` may hold an ID split between two strings of an implicit concatenation
    (``("...models/gemini-3-pro-image-" "preview:generateContent")``, as a formatter wraps a long
    URL): with the seams between strings (``" "`` in ``"a" "b"``) taken out, an ID runs over where
    one was. (Counting IDs before and after is not enough: taking out a seam that is no
    concatenation, between a string and a docstring below it, can also break one.) Most files have
    seams, few such IDs."""
    import bisect

    pieces: list[str] = []
    cuts: list[int] = []  # where the seams were, in the joined text
    last = removed = 0
    for seam in STRING_SEAM.finditer(text):
        pieces.append(text[last : seam.start()])
        cuts.append(seam.start() - removed)
        removed += seam.end() - seam.start()
        last = seam.end()
    if not cuts:
        return False
    pieces.append(text[last:])
    for match in matcher.finditer("".join(pieces)):
        after = bisect.bisect_right(cuts, match.start)
        if after < len(cuts) and cuts[after] < match.end:
            return True
    return False
