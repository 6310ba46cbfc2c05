"""What a source reader hands to the rules: mentions of legacy IDs, prose blocks, notes."""

from __future__ import annotations

import bisect
import enum
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Optional

from gemini_lint.matching import Matcher, TokenPattern
from gemini_lint.registry import LegacyModel

_NEWLINE = re.compile(r"\r\n?|\n")


class Context(enum.Enum):
    """Where an ID stands: a value the program uses (GL001), or prose that talks about it (GL002)."""

    VALUE = "value"
    PROSE = "prose"


class LineIndex:
    """Offsets to 1-based (line, column) in characters; ``\\n``, ``\\r\\n`` and ``\\r`` end lines."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.starts.extend(found.end() for found in _NEWLINE.finditer(text))

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of ``offset``."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Start and end offsets of 1-based ``line`` (end excludes the line break)."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else -1
        return start, end


@dataclass(frozen=True)
class Position:
    """Where a finding is shown: 1-based line/column (within ``cell`` for notebooks)."""

    line: int
    column: int
    end_line: int
    end_column: int
    cell: Optional[int] = None
    #: In a notebook: (line, column, end line, end column) in the .ipynb file's own text, where known
    #: (SARIF viewers show a file's lines, not a cell's).
    in_file: Optional[tuple[int, int, int, int]] = None


@dataclass(frozen=True)
class Mention:
    """One legacy ID found by a source reader.

    ``start``/``end`` index the file's decoded text (what a fix edits); ``position`` is what the
    user sees. ``fixable`` is False when the reader cannot prove an edit is sound (then the finding
    has no fix at all); ``unsafe`` demotes a fix to ``--unsafe-fixes``; ``reason`` says why.
    """

    start: int
    end: int
    model: LegacyModel
    context: Context
    position: Position
    fixable: bool = True
    unsafe: bool = False
    reason: str = ""

    @property
    def safe_value(self) -> bool:
        """A value (GL001) whose fix is safe so far: what the scope checks may still make unsafe."""
        return self.context is Context.VALUE and self.fixable and not self.unsafe


@dataclass(frozen=True)
class ProseBlock:
    """Prose of a file (non-prose blanked out, same length) for the free-claim rule."""

    text: str
    index: LineIndex
    cell: Optional[int] = None
    #: In a notebook: the (line, column) in the .ipynb file's text of an offset in ``text`` (of an end
    #: offset with ``end=True``), where known.
    to_file: Optional[Callable[..., tuple[int, int]]] = None


@dataclass
class Scan:
    """Everything a reader found in one file."""

    mentions: list[Mention] = field(default_factory=list)
    prose: list[ProseBlock] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    writable: bool = True
    #: 1-based lines (per cell, keyed (cell, line)) that carry a ``noqa`` comment, with the codes it names
    noqa: dict[tuple[Optional[int], int], Optional[frozenset[str]]] = field(default_factory=dict)
    #: Data files: (start, end, loaded text) of each double-quoted string with an escape in it, as the
    #: reader's own parse found it (IDs spelt with escapes are looked for in the loaded text).
    escaped_strings: Optional[list[tuple[int, int, str]]] = None
    #: Mentions (by start offset) that must be fixed together or not at all: a heading or link target
    #: whose anchor holds an ID and the links in the same file that point to it.
    linked: list[tuple[int, ...]] = field(default_factory=list)


_LINE_TEXT = re.compile(r"[^\r\n]+")


def blank(text: str) -> str:
    """``text`` with every character but line breaks replaced by a space (same length, one match a line)."""
    return _LINE_TEXT.sub(lambda m: " " * (m.end() - m.start()), text)


def blank_except(text: str, keep: Iterable[tuple[int, int]]) -> str:
    """``text`` with everything outside the ``keep`` ranges blanked (same length, line breaks kept).

    The ranges come in order of their start; one that starts inside a range already kept is skipped.
    """
    pieces: list[str] = []
    last = 0
    for start, end in keep:
        if start < last:
            continue
        pieces.append(blank(text[last:start]))
        pieces.append(text[start:end])
        last = end
    pieces.append(blank(text[last:]))
    return "".join(pieces)


def position_of(index: LineIndex, start: int, end: int, cell: Optional[int] = None) -> Position:
    """The :class:`Position` of ``text[start:end]``."""
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    return Position(line, column, end_line, end_column, cell)


#: A ``noqa`` marker: bare (every code), or a colon and codes (``GL001``: upper-case letters, then digits)
#: separated by commas or blanks, as in ruff; text after the codes is a comment (``# noqa: GL001 old docs``).
_NOQA = re.compile(
    r"(?:#|//|<!--|;)[^\S\r\n]*(?P<word>(?i:noqa))(?!\w|-(?!->))"
    r"(?P<colon>[^\S\r\n]*:)?(?(colon)[^\S\r\n]*(?P<codes>[A-Z]+[0-9]+(?:(?:[^\S\r\n]|,)+[A-Z]+[0-9]+)*)?)"
)
#: After the last code, what makes the list no list (``GL001x``, ``GL001:GL002``, ``GL001;GL002``): ruff
#: takes such a marker for a mistake, and so does this; it silences nothing.
_BAD_CODE_END = re.compile(r"[\w:;]")
#: The codes of a ``noqa:`` marker that names none (``# noqa:``, ``# noqa: gl001``, ``# noqa: unused-import``):
#: it silences nothing (ruff warns and does the same; flake8 would silence the whole line).
NO_CODES: frozenset[str] = frozenset()


def collect_noqa(
    text: str,
    index: LineIndex,
    cell: Optional[int] = None,
    in_comment: Optional[Callable[[int], bool]] = None,
) -> dict[tuple[Optional[int], int], Optional[frozenset[str]]]:
    """Lines with a ``# noqa`` (all codes: None) or ``# noqa: GL001, GL002`` marker. A ``noqa:``
    that names no code the way ruff reads codes silences nothing (:data:`NO_CODES`); two markers
    on a line add up.

    ``in_comment`` (Python) keeps only ``#`` markers it says start a comment, not text in a string.
    """
    result: dict[tuple[Optional[int], int], Optional[frozenset[str]]] = {}
    if "noqa" not in text.lower():
        return result
    for found in _NOQA.finditer(text):
        closes = text.startswith("-", found.end("word"))  # "noqa-->": only an HTML comment's end
        if in_comment is not None and not (found.group().startswith("#") and in_comment(found.start()) and not closes):
            continue  # in Python, only a comment, and "# noqa-->" is no marker (as for ruff)
        if closes:
            line_start = max(text.rfind("\n", 0, found.start()), text.rfind("\r", 0, found.start())) + 1
            if "<!--" not in text[line_start : found.end("word")]:
                continue  # "# noqa-->" outside an HTML comment is no marker
        line, _ = index.position(found.start())
        key = (cell, line)
        if found.group("colon") is None:
            result[key] = None
            continue
        listed = found.group("codes")
        if listed is None or _BAD_CODE_END.match(text, found.end()):
            codes = NO_CODES
        else:
            codes = frozenset(c for c in re.split(r"(?:[^\S\r\n]|,)+", listed) if c)
        if key not in result:
            result[key] = codes
        elif result[key] is not None:
            result[key] = result[key] | codes  # type: ignore[operator]
    return result


def plain_mentions(
    matcher: Matcher,
    text: str,
    index: LineIndex,
    context: Context,
    *,
    start: int = 0,
    end: Optional[int] = None,
    fixable: bool = True,
    reason: str = "",
    cell: Optional[int] = None,
    offset: int = 0,
) -> list[Mention]:
    """Mentions of every ID in ``text[start:end]`` with one context (offsets shifted by ``offset``)."""
    return [
        Mention(
            match.start + offset,
            match.end + offset,
            match.model,
            context,
            position_of(index, match.start, match.end, cell),
            fixable=fixable,
            reason=reason,
        )
        for match in matcher.finditer(text, start, end)
    ]


def renamed(name: str, matcher: Matcher) -> str:
    """``name`` with every legacy ID that has a replacement replaced (what a fix would make of it)."""
    pieces: list[str] = []
    last = 0
    for match in matcher.finditer(name):
        if match.model.replacement:
            pieces.append(name[last : match.start])
            pieces.append(match.model.replacement)
            last = match.end
    if not pieces:
        return name
    pieces.append(name[last:])
    return "".join(pieces)


def key_conflicts(
    names: Iterable[str], matcher: Matcher, fold: Callable[[str], str] = str
) -> dict[str, str]:
    """For the keys of one mapping: ``name -> reason`` for each key a fix must not rename.

    A rename is refused when the new name is already a sibling key (the fix would drop an entry) or
    when another key of the mapping would get the same new name (the fix would merge two entries).
    ``fold`` normalises names for comparison (INI option names are case-insensitive).
    """
    originals = list(dict.fromkeys(names))
    final = {name: renamed(name, matcher) for name in originals}
    if all(final[name] == name for name in originals):
        return {}
    # Grouped once by folded new name: comparing each key with every other is quadratic (a mapping of
    # 10,000 keys, half of them clashing, took minutes).
    counts = Counter(fold(new) for new in final.values())
    unchanged: dict[str, str] = {}  # folded new name -> the first key that keeps that name
    for name in originals:
        if final[name] == name:
            unchanged.setdefault(fold(name), name)
    conflicts: dict[str, str] = {}
    for name in originals:
        new = final[name]
        if new == name or counts[fold(new)] < 2:
            continue
        existing = unchanged.get(fold(new))
        if existing is not None:
            conflicts[name] = f"{KEY_CONFLICT_STARTS[0]}{existing}' already exists; renaming would drop an entry"
        else:
            conflicts[name] = f"{KEY_CONFLICT_STARTS[1]}{new}'; renaming would merge two entries"
    return conflicts


#: How the reasons :func:`key_conflicts` gives start (a key that a fix must not rename).
KEY_CONFLICT_STARTS = ("a sibling key '", "another key in the same mapping would also become '")
#: Substrings (lower case) that a name with a word saying "retired" holds (``DEPRECATED_MODELS``,
#: ``model_blocklist``): a quick test first (python._retired_name reads the words).
RETIRED_STEMS = ("retir", "deprecat", "legacy", "sunset", "shutdown", "shut_down", "obsolete", "unsupported",
                 "denylist", "deny_list", "blocklist", "block_list", "blacklist", "black_list", "banned",
                 "downgrade", "backwards", "rollback", "disallow", "eol", "expired", "removed", "discontinued",
                 "end_of_life", "endoflife", "previews", "deny", "denied", "blocked", "forbid")


ESCAPE_REASON = "an escape sequence next to the ID may make the string hold another token"
_ESCAPE_LETTERS = "abfnrtv"
BOUNDARY_ESCAPES = frozenset("abfnrtv\"'/")  # escapes that decode to a character no ID token continues with


def _backslashes_before(text: str, end: int) -> int:
    """How many backslashes end at ``end`` (exclusive)."""
    count = 0
    while end - count > 0 and text[end - count - 1] == "\\":
        count += 1
    return count


_HEX = frozenset("0123456789abcdefABCDEF")


def escape_next_to(text: str, start: int, end: int, *, raw: bool) -> str:
    """Why an ID at ``text[start:end]``, inside a quoted string, must not be fixed because of an escape; else "".

    The matcher reads the text as written, but the program gets the string decoded: ``ID\\u002d2``
    holds a longer token, ``\\\\nID`` a literal ``n`` glued to the ID, and a backslash at the end of a
    line joins the ID to the text before it. In a ``raw`` string (and in quoting that has no
    backslash escapes) only a letter escape before the ID matters: the letter is literal there.
    """
    letter_before = start >= 2 and text[start - 1] in _ESCAPE_LETTERS and text[start - 2] == "\\"
    if start >= 6 and text[start - 6 : start - 4] == "\\u" and all(c in _HEX for c in text[start - 4 : start]):
        return ESCAPE_REASON  # "\u4f7fgemini-...": a character escape (or, raw, the text "u4f7f") glued to the ID
    if raw:
        return ESCAPE_REASON if letter_before else ""
    after = end
    while text[after : after + 1] == "\\":
        after += 1
    if (after - end) % 2 and text[after : after + 1] not in BOUNDARY_ESCAPES:
        return ESCAPE_REASON
    if letter_before and _backslashes_before(text, start - 1) % 2 == 0:
        return ESCAPE_REASON
    if text[start - 1 : start] == "}":  # a named escape: "\N{LATIN SMALL LETTER X}gemini-..."
        named = text.rfind("\\N{", max(0, start - 100), start)
        if named >= 0 and "}" not in text[named : start - 1] and _backslashes_before(text, named) % 2 == 0:
            return ESCAPE_REASON
    line_start = start
    while line_start > 0 and text[line_start - 1] in " \t":
        line_start -= 1
    if text[line_start - 1 : line_start] in ("\n", "\r"):  # a backslash-newline (or a lone CR) before the line
        newline = line_start - 2 if text[line_start - 2 : line_start] == "\r\n" else line_start - 1
        if _backslashes_before(text, newline) % 2:
            return ESCAPE_REASON
    return ""


TEMPLATE_REASON = "a '-' or '.' after the ID may build a longer name (a prefix or a template)"
FIELD_REASON = "a template field or format placeholder after the ID may build a longer name"
_FIELD_AFTER = frozenset("{%$")
ENDS_A_SENTENCE = frozenset(" \t\r\n\f'\"`),;:]}\\.")  # "." for an ellipsis: "Calling gemini-2.5-flash..."


def continued_in_code(text: str, start: int, end: int) -> str:
    """Why an ID in code, run into by what may build a longer name, must not be fixed; else "".

    ``"gemini-2.5-flash-"`` is a prefix (``startswith``), ``f"gemini-2.5-flash-{variant}"``,
    ``"...-flash-%s"`` and ``f"...-flash.{ext}"`` build other names: a fix would change them. So do
    a template field or format placeholder right after the ID: ``f"...-flash{suffix}"``,
    ``"...-flash%s"``, ``"...-flash${SUFFIX}"``. (One before it, ``f"{prefix}gemini-..."``, is left
    alone: what goes before an ID is most often a path, ``models/``, and so it keeps its fix.)
    """
    following = text[end : end + 1]
    if following == "." and text[end + 1 : end + 2].isalpha():  # gemini-2.0-flash.json, ....internal
        return NAME_AFTER_REASON
    if following == "-" or (following == "." and text[end + 1 : end + 2] not in ENDS_A_SENTENCE):
        return TEMPLATE_REASON
    if following == "@" and text[end + 1 : end + 2].isalnum():
        return VERSION_REASON
    if following == ":" and _VARIANT.match(text, end):
        return VARIANT_REASON
    if following in _FIELD_AFTER:
        return FIELD_REASON
    if following in _PATTERN_AFTER:
        return PATTERN_REASON
    if following == "}" and _default_expansion_goes_on(text, start, end):
        return EXPANSION_REASON
    return ""


NAME_AFTER_REASON = "a '.' and a name after the ID make a file or host name, which may not exist under the new name"
VERSION_REASON = "an '@' version after the ID pins a version of the old model, which the new one may not have"
VARIANT_REASON = (
    "a router's variant after the ID (':free', ':nitro', ...) names a route of the old model, which the new one may "
    "not be offered as"
)
#: A router's variant of a model after its ID (OpenRouter's ``google/<ID>:free``, ``:nitro``, ``:online``...):
#: a route offered per model (``:free`` for some models only), not a method of the API (``:generateContent``).
_VARIANT = re.compile(r":(?:free|beta|extended|thinking|online|nitro|floor|exacto)(?![\w-])")
WRAP_REASON = "the ID ends a line with '-': a name wrapped over the line break would become another model's"
ADDRESS_REASON = "part of a web address: the renamed page may not exist"
PATH_REASON = "part of a file path or link target: the renamed path may not exist"
REF_REASON = "a git ref or version after '@' (owner/action@<ID>): the renamed ref may not exist"
#: ``gemini-2.0-flash-`` ending a line and ``lite`` starting the next (after a comment's or quote's
#: markers), also in a notebook's JSON (``-\n",  "lite``, or ``-\nlite`` inside one string).
_WRAPPED = re.compile(r'-[ \t]*(?:\r\n?|\n|\\r\\n|\\[nr])(?:"[ \t]*,\s*")?[ \t>#*/;]*[0-9A-Za-z]')
#: A web address's start (``scheme://``) in the word before an ID; the word stops at a space or a delimiter.
_ADDRESS = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://([^/\s]*)")
_WORD_DELIMITERS = frozenset(" \t\r\n\f<>()[]\"'`")


def prose_fix_blocker(text: str, start: int, end: int) -> str:
    """Why an ID in prose (a comment, a docstring, Markdown) must not be rewritten even with
    ``--unsafe-fixes``; else "".

    * ``gemini-2.0-flash-`` at a line's end, ``lite`` on the next: a wrapped ``gemini-2.0-flash-lite``,
      which the fix would turn into another model's name.
    * Inside a web address (``https://github.com/.../tag/gemini-2.0-flash``) or a file path
      (``assets/gemini-3.1-flash-image-preview/cat.png``, a link target): the renamed address may not
      exist. The API's own (a ``googleapis.com`` host) and a model's resource name
      (``models/gemini-...``) name the model that is called, and keep their fix.
    """
    if _WRAPPED.match(text, end):
        return WRAP_REASON
    word = _word_start(text, 0, start, escapes=True)
    address = _ADDRESS.search(text, word, start)
    if address is not None:
        return "" if _the_apis(address) else ADDRESS_REASON
    before, after = text[start - 1 : start], text[end : end + 1]
    # (Not a backslash: in a notebook's JSON it starts the escape of a line break.)
    if after == "/" or (before == "/" and text[max(0, start - 7) : start] != "models/"):
        return PATH_REASON
    if after in (".", "@") and text[end + 1 : end + 2].isalnum():  # gemini-2.0-flash.png, ...@001
        return PATH_REASON if after == "." else VERSION_REASON
    if after == ":" and _VARIANT.match(text, end):  # google/gemini-2.0-flash-001:free
        return VARIANT_REASON
    return ""


def value_fix_blocker(text: str, low: int, high: int, start: int, end: int, says: Optional[bool] = None) -> str:
    """Why an ID at ``text[start:end]`` in a string value whose content is ``text[low:high]`` must
    not be fixed because of what the string holds; else "".

    * A web address (``https://github.com/.../tag/gemini-2.0-flash``, a documentation page): the
      renamed page may not exist. The API's own (a ``googleapis.com`` host) and an address that
      names the model as the API does (``.../models/gemini-...``, through a gateway) keep their fix.
    * A file path: the ID is a folder (``samples/gemini-2.0-flash/cat.png``), or comes after a
      folder that is not a model's resource name or a provider's prefix (``fixtures/gemini-2.0-flash``;
      ``models/``, ``gemini/``, ``vertex_ai/``, ``openrouter/google/`` keep their fix).
    * A ref or version after an ``@`` (``acme/render-action@gemini-2.0-flash``, a GitHub Action's
      git tag): a tag of the old name, which may not exist under the new one.
    * Text that says the ID is retired (``"gemini-2.0-flash was shut down; pick another"``):
      renamed, it would say so of the new model. ``says_retired`` is :func:`says_retired` of the
      content, when the caller knows it (it reads each string once, however many IDs it holds).
    """
    word = _word_start(text, low, start)
    # .../v1beta/models/<ID>:generateContent through a gateway; not a page about the model (.../docs/models/<ID>)
    resource = text[max(low, start - 7) : start] == "models/" and (
        text[end : end + 1] == ":" or _API_VERSION.search(text, word, start) is not None
    )
    address = _ADDRESS.search(text, word, start)
    if address is not None and not resource and not _the_apis(address):
        return ADDRESS_REASON
    if text[end : end + 1] == "/":
        return PATH_REASON
    if address is None and text[start - 1 : start] == "/" and not _provider(text[word : start - 1]):
        return PATH_REASON
    if text[start - 1 : start] == "@" and word < start - 1:  # acme/render-action@<ID>, pkg@<ID>
        return REF_REASON
    if says_retired(text, low, high) if says is None else says:
        return RETIRED_TEXT_REASON
    if searched_by_command(text, low, start):
        return SEARCH_REASON
    return ""


SEARCH_REASON = (
    "a text search (grep, rg, git grep, findstr) looks for the ID: renamed, it would look for the new name "
    "(a guard against the old model would reject the new one)"
)
#: A command that searches text for a pattern, as a word (``grep -rn``, ``! git grep -q``, ``rg -F``,
#: PowerShell's ``Select-String``, ``git log -S`` for a pickaxe), in the stretch of a shell command
#: before the ID (after the last ``|``, ``;``, ``&`` or line break).
_SEARCH_COMMAND = re.compile(
    r"(?:^|(?<=[\s\"'`(\[,=!]))(?:[efz]?grep|rg|ag|ack|findstr|Select-String|sls|git(?:[ \t]+-C[ \t]+\S+)?[ \t]+grep"
    r"|git[ \t]+log\b.*[ \t]-[SG])(?=[\s\"'`\],]|$)"
)
_SEARCH_WORDS = ("grep", "rg", "ag", "ack", "findstr", "Select-String", "sls", "git")
#: How far before an ID its command is looked for.
_SEARCH_REACH = 300


def searched_by_command(text: str, low: int, start: int) -> bool:
    """Whether the ID at ``start`` is what a text search command before it on its line looks for
    (``grep -rn "<ID>" src/``, a CI step that fails while the old model is named; ``rg -l <ID>``; a
    migration guide's "find every use of the old model"): renamed, the guard rejects the new model
    and the search finds nothing to migrate. Only the stretch of the command since the last ``|``,
    ``;``, ``&`` or line break, at most :data:`_SEARCH_REACH` characters back and not before ``low``."""
    floor = max(low, start - _SEARCH_REACH)
    cut = max(text.rfind(mark, floor, start) for mark in ("\n", "\r", "|", ";", "&"))
    segment = text[max(floor, cut + 1) : start]
    if not any(word in segment for word in _SEARCH_WORDS):
        return False
    return _SEARCH_COMMAND.search(segment) is not None


def _word_start(text: str, low: int, start: int, escapes: bool = False) -> int:
    """Where the word ending at ``start`` starts (not before ``low``, at most 2048 characters back): after
    a blank, a bracket or a quote; with ``escapes``, after a line break escaped in a notebook's JSON too."""
    word = start
    while word > low and text[word - 1] not in _WORD_DELIMITERS and start - word < 2048:
        if escapes and text[word - 2 : word] in ("\\n", "\\r", "\\t"):
            break
        word -= 1
    return word


def _the_apis(address: re.Match[str]) -> bool:
    """Whether a web address (:data:`_ADDRESS`) is the API's own: a ``googleapis.com`` host (user and port left out)."""
    host = address.group(1).lower().rpartition("@")[2].partition(":")[0]
    return host == "googleapis.com" or host.endswith(".googleapis.com")


def says_retired(text: str, low: int, high: int) -> bool:
    """Whether ``text[low:high]`` (a string's content) has a word saying a model is retired (no ID holds one).

    The pattern, case-insensitive and led by ``\b``, has no prefix for ``re`` to skip to: ~60 ns a
    character, where a whole file is read (a comment's sentences over lines). In ASCII text a match
    starts where one of :data:`_SAYS_RETIRED_HEADS` stands in the lower-cased text, so longer
    texts are matched only there (found by substring search, ~17 times quicker; same answers: ``re``
    looks before ``pos`` for ``\b`` in ``match`` as in ``search``).
    """
    if high - low > _SAYS_RETIRED_DIRECT:
        part = text[low:high]
        if part.isascii():
            lowered = part.lower()
            for head in _SAYS_RETIRED_HEADS:
                at = lowered.find(head)
                while at >= 0:
                    if _SAYS_RETIRED.match(text, low + at, high) is not None:
                        return True
                    at = lowered.find(head, at + 1)
            return False
    return _SAYS_RETIRED.search(text, low, high) is not None


def _provider(path: str) -> bool:
    """Whether ``path``, what stands before ``/<ID>`` in its word, names a model as an API or a
    router does (``models``, ``publishers/google/models``, ``gemini``, ``vertex_ai``, ``openrouter/google``)."""
    folder = path.rpartition("/")[2].rpartition(":")[2].lower()
    return folder in _PROVIDERS or any(word in folder for word in ("gemini", "google", "vertex"))


_API_VERSION = re.compile(r"/v\d+(?:(?:alpha|beta)\d*)?/")
#: Prefixes before ``/<ID>`` that name a model for an API, a router or a gateway rather than a folder.
_PROVIDERS = frozenset(
    "models openai openrouter litellm litellm_proxy azure portkey helicone cloudflare together_ai deepinfra".split()
)
RETIRED_TEXT_REASON = "the string says the ID is retired: renamed, it would say so of the new model"
#: Words that say a model is retired, in the text of a string that holds its ID.
_SAYS_RETIRED = re.compile(
    r"(?i)\b(?:retired?|retiring|deprecated|deprecation|shut\s*down|shutdown|sunset(?:ted)?|discontinued|"
    r"decommissioned|end[- ]of[- ]life|eol|obsolete|legacy|removed|unsupported|not\s+supported|no\s+longer|"
    r"stopped\s+(?:working|serving)|turned\s+off)\b"
    # Chinese, Japanese and Korean put no space between words, so these have no \b: "<ID>已停用",
    # "<ID>は廃止されました", "<ID> 지원 종료".
    r"|停用|[弃棄]用|[废廢][弃棄]|下[线線]|停止|不再|淘汰|退役|[过過]时|[过過]時|[旧舊]版"
    r"|廃止|非推奨|提供終了|サポート終了|レガシー|종료|중단|폐기|더\s*이상|레거시|지원되지"
)
#: How each ASCII alternative of :data:`_SAYS_RETIRED` starts, lower-cased ("no" serves "not" too).
_SAYS_RETIRED_HEADS = (
    "retir", "deprecat", "shut", "sunset", "discontinued", "decommissioned", "end", "eol", "obsolete", "legacy",
    "removed", "unsupported", "no", "stopped", "turned",
)
#: Texts up to this long are searched with the pattern alone (the substring searches cost more there).
_SAYS_RETIRED_DIRECT = 256


def line_around(text: str, start: int, end: int, notebook: bool = False) -> tuple[int, int]:
    """The line of ``text[start:end]`` (line breaks ``\n``, ``\r``; in a notebook's JSON also the ``\n`` escape)."""
    newline = text.rfind("\n", 0, start)
    low = max(newline, text.rfind("\r", newline + 1, start)) + 1  # each search stops at the nearer break
    newline = text.find("\n", end)
    high = len(text) if newline < 0 else newline
    carriage = text.find("\r", end, high)
    high = high if carriage < 0 else carriage
    if notebook:
        escaped = text.rfind("\\n", low, start)
        low = escaped + 2 if escaped >= 0 else low
        escaped = text.find("\\n", end, high)
        high = escaped if escaped >= 0 else high
    return low, high


#: A paragraph's end: a line that is blank (or holds only blanks).
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n?|\n)[ \t\f]*(?=\r|\n)")
#: The same in a notebook's JSON: an escaped line break, then a blank line (in the same string, or as
#: the next string of a ``source`` list); and the end of a cell's source, or the start of another key.
_NOTEBOOK_PARAGRAPH_BREAK = re.compile(
    r'\\n(?:"\s*,\s*")?(?:[ \t]|\\t)*(?=(?:\\r)?\\n)|(?<!\\)"\s*\]|"(?:source|cell_type|outputs|metadata|attachments)"\s*:'
)


def prose_fixes_held(
    text: str, mentions: list[Mention], prose: Optional[str] = None, notebook: bool = False
) -> list[Mention]:
    """``mentions``, with no fix for prose that is never rewritten, even with ``--unsafe-fixes``:
    prose whose line, or whose paragraph's prose, names the ID's replacement, that sets the ID
    against another (:func:`_compared`), or that :func:`prose_fix_blocker` stops.

    Such prose is about the migration ("The current ID is gemini-3.1-flash-image. Older
    gemini-3.1-flash-image-preview examples are legacy", ``x = "<new>"  # was <old>``, "docs that
    still mention <old>:" above "replace active calls with <new>"), and its rewrite says the new
    name twice and the old one never. In the paragraph (to a blank line) only prose counts:
    ``prose`` is ``text`` with all but its prose blanked (a reader's :class:`ProseBlock`), since the
    values a safe fix renamed around a docstring must not hold back its fix in a second run with
    ``--unsafe-fixes``. In a notebook's JSON (``notebook``) the paragraph is a cell's, read from the
    JSON; a code cell's code counts too there (a held fix rather than a wrong one: a comment block
    about the change, "# Before: <old>" then "# After: <new>", must not become "# Before: <new>").
    Each line and paragraph is searched once per new name.
    """
    prose_fixable = [m for m in mentions if m.context is Context.PROSE and m.fixable]
    chosen = [m for m in prose_fixable if m.model.replacement]
    held: dict[int, str] = {}
    if chosen:
        held = _names_the_new_id(text, chosen, prose, notebook)
        held.update(_compared(text, mentions, chosen, held))
    where = prose if prose is not None and len(prose) == len(text) else None
    for mention in prose_fixable:
        if id(mention) not in held:
            reason = prose_fix_blocker(text, mention.start, mention.end)
            if not reason and _sentence_says_retired(text, where, mention, notebook):
                reason = RETIRED_PROSE_REASON
            if reason:
                held[id(mention)] = reason
    if not held:
        return mentions
    return [replace(m, fixable=False, reason=held[id(m)]) if id(m) in held else m for m in mentions]


RETIRED_PROSE_REASON = "its sentence says the ID is retired: renamed, it would say so of the new model"


def _sentence_says_retired(text: str, prose: Optional[str], mention: Mention, notebook: bool) -> bool:
    """Whether the sentence of a prose mention says the ID is retired ("gemini-2.0-flash was shut
    down", "We removed <ID> in v2", "Dropped support for <ID>"): read in ``prose`` (the file's prose,
    code blanked) where the reader gave it, else on the mention's line."""
    if prose is None:
        low, high = line_around(text, mention.start, mention.end, notebook)
        return says_retired(text, low, high)
    low = max(0, mention.start - _SENTENCE_SPAN)
    for found in _SENTENCE_BREAK.finditer(prose, low, mention.start):
        low = found.end()
    high = min(len(prose), mention.end + _SENTENCE_SPAN)
    end = _SENTENCE_BREAK.search(prose, mention.end, high)
    high = end.start() if end is not None else high
    # A list item or a table row is a sentence of its own: "- Removed support for Python 3.8"
    # above "- Default model is <ID>" says nothing of the ID (a list item's own lines go on it).
    own_line = prose.rfind("\n", 0, mention.start) + 1
    for found in _ITEM_START.finditer(prose, low, mention.start):
        line_end = prose.find("\n", found.start(), mention.start)
        low = line_end + 1 if found.group(1) is None and line_end >= 0 else found.start()  # a row above ends
    item = _ITEM_START.search(prose, mention.end, high)
    high = item.start() if item is not None else high
    own = _ITEM_START.match(prose, own_line)
    if own is not None and own.group(1) is None:
        line_end = prose.find("\n", mention.end, high)
        high = line_end if line_end >= 0 else high  # a table row ends at its line's end
    return says_retired(prose, low, high)


#: A line that starts a list item (group 1: its marker) or a table row, also in a comment (``# - item``).
#: (Not a heading: a config file's comment lines start with ``#`` too, and their sentences go on over them.)
_ITEM_START = re.compile(r"^[ \t>]*(?:(?:#|//|;)[ \t]*)?(?:([-*+\u2022]|\d{1,3}[.)])[ \t]|\|)", re.M)


def _names_the_new_id(text: str, chosen: list[Mention], prose: Optional[str], notebook: bool) -> dict[int, str]:
    """The mentions of ``chosen`` whose line, or whose paragraph's prose, names their replacement,
    with the reason (see :func:`prose_fixes_held`)."""
    from gemini_lint.matching import token_regex

    paragraphs = None
    if notebook:  # a cell's paragraph, in the notebook's JSON (a review found the wrapped migration note rewritten)
        paragraphs = [found.end() for found in _NOTEBOOK_PARAGRAPH_BREAK.finditer(text)]
        prose = text
    elif prose is not None and len(prose) == len(text):
        paragraphs = [found.end() for found in _PARAGRAPH_BREAK.finditer(text)]
    patterns = {new: token_regex([new]) for new in {m.model.replacement for m in chosen}}
    named: dict[tuple[str, int, str], bool] = {}
    held: dict[int, str] = {}
    for mention in chosen:
        new = mention.model.replacement
        low, high = line_around(text, mention.start, mention.end, notebook)
        scopes = [("line", low, high, text)]
        if paragraphs is not None and prose is not None:
            at = bisect.bisect_left(paragraphs, mention.start)
            scopes.append(("paragraph", paragraphs[at - 1] if at else 0, paragraphs[at] if at < len(paragraphs) else len(text), prose))
        for scope, low, high, where in scopes:
            key = (scope, low, new)
            if key not in named:
                named[key] = patterns[new].search(where, low, high) is not None
            if named[key]:
                held[id(mention)] = f"its {scope} also names '{new}': the text may compare the old and new names"
                break
    return held


#: Words between two IDs that make a line a change from one to the other or a comparison.
_BETWEEN_IDS = re.compile(
    r"(?i)\b(?:to|into|with|instead\s+of|over|vs|versus|than|replac\w*|becomes?|became|now|then|from|previously|"
    r"formerly|was|were|prior|earlier|supersed\w*|successor)\b|->|=>|\u2192|\u21d2"
)


def _compared(text: str, mentions: list[Mention], chosen: list[Mention], held: dict[int, str]) -> dict[int, str]:
    """Prose mentions of ``chosen`` that a sentence sets against another legacy ID ("upgraded from
    gemini-2.0-flash to gemini-2.5-flash", "A and B -> C", also wrapped over lines): rewriting them
    makes the history false, and rewriting some of them tells of another change. A list of IDs
    ("gemini-2.0-flash, gemini-2.0-flash-lite") keeps its fixes."""
    candidates = {id(m) for m in chosen if id(m) not in held}
    if not candidates:
        return {}
    runs: list[list[Mention]] = []  # prose mentions of one sentence, in order (a value next to a
    # comment is no part of its sentence, and a fix of the value would change the comment's fate)
    for mention in sorted((m for m in mentions if m.context is Context.PROSE), key=lambda m: m.start):
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.position.cell == mention.position.cell
            and mention.start - last.end < _SENTENCE_SPAN
            and not _SENTENCE_BREAK.search(text, last.end, mention.start)
        ):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    found: dict[int, str] = {}
    for run in runs:
        if len(run) < 2 or not any(id(m) in candidates for m in run):
            continue
        if any(
            first.model.id != second.model.id and _BETWEEN_IDS.search(text, first.end, second.start)
            for first, second in zip(run, run[1:])
        ):
            for this in run:
                if id(this) in candidates:
                    other = next(m for m in run if m.model.id != this.model.id)
                    found[id(this)] = f"its sentence sets it against '{other.model.id}': the text may tell of a change"
    return found


#: Between two mentions: a sentence's end or a blank line (in a notebook's JSON also an escaped one).
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]*_`]*(?:\s|\\n)|\n[ \t]*\r?\n|\r[ \t]*\r|(?:\\n)[ \t]*(?:\",\s*\")?\\n")
#: Mentions further apart than this are not read as one sentence.
_SENTENCE_SPAN = 400


PATTERN_REASON = "a glob or regular-expression character after the ID: the fix would change what it matches"
_PATTERN_AFTER = frozenset("*?([|+")
EXPANSION_REASON = "text right after the default expansion '${...:-ID}' goes on with the ID"


def _default_expansion_goes_on(text: str, start: int, end: int) -> bool:
    """``${BASE:-gemini-2.5-flash}-lite``: the ID is the default of a shell expansion, and what follows
    the closing brace joins it (``-lite``, ``.v2``, ``$SUFFIX``, ``${SUFFIX}``)."""
    opening = text.rfind("${", max(0, start - 200), start)
    if opening < 0 or "}" in text[opening:start] or "\n" in text[opening:start]:
        return False
    after = text[end + 1 : end + 2]
    return after != "" and (after.isalnum() or after in "_.-${")


#: The ranges of a text around an offset that make up its scope, in order (often one).
Scope = Callable[[int], list[tuple[int, int]]]


def mark_migrations(
    text: str,
    mentions: list[Mention],
    scope_of: Optional[Scope] = None,
    where: str = "this file",
    offset: int = 0,
    spread: bool = False,
) -> list[Mention]:
    """``mentions``, with the fix of each value made unsafe where its scope also names its replacement.

    Such code is about the migration: an alias map ``{"...-preview": "..."}``, a ``.replace(old,
    new)``, an SQL migration, an enum or ``Literal`` holding both, a before/after example. Rewriting
    the old name there reverses the code or merges two entries into one. So does a scope that names
    another legacy ID getting the same new name (a list of both), and two old IDs mapped one to the
    other (:func:`_mark_mappings`). ``scope_of`` gives the ranges of ``text`` that make up the scope
    around an offset (None: the whole text); mention offsets are ``offset`` past ``text``'s.

    With ``spread`` (a data file's scopes, an object or a list), a scope that names another surface's
    replacement for one of its IDs holds all its values: the list is that surface's or a gateway's
    catalog (a run over real packages: the other items of a Vercel gateway's list were renamed to
    names it may not serve). A Python block, which may be a whole class, does not spread.
    """
    values = [m for m in mentions if m.safe_value and m.model.replacement]
    if not values:
        return mentions
    mentions = _mark_mappings(text, mentions, offset)
    from gemini_lint.matching import token_regex

    elsewhere = _replacements_elsewhere({m.model.id: m.model.replacement for m in values})
    patterns = {new: token_regex([new]) for new in {m.model.replacement for m in values} | set().union(*elsewhere.values())}
    named = replacements_named(text, mentions, patterns)
    by_new = Counter(m.model.replacement for m in {m.model.id: m for m in mentions}.values())
    if not named and all(count == 1 for count in by_new.values()):
        return mentions  # the usual file: nothing to look for around each ID
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start - offset for m in ordered]
    reasons: dict[tuple[str, str, tuple[int, int], tuple[int, int]], str] = {}  # a scope is read once per ID

    def reason_for(model_id: str, new: str, pieces: list[tuple[int, int]]) -> str:
        if new in named and any(patterns[new].search(text, low, high) for low, high in pieces):
            return f"{where} also names '{new}': it may map or compare the old and new names"
        for other in sorted(elsewhere.get(model_id, set()) & named):
            if any(patterns[other].search(text, low, high) for low, high in pieces):
                gateways.setdefault(pieces[-1], other)  # the last piece: the list's (the first may be a line)
                return (f"{where} also names '{other}', its replacement on another surface: the list may be "
                        f"another surface's or a gateway's, where '{new}' may not exist")
        if by_new[new] > 1:
            near = {m.model.id for low, high in pieces
                    for m in ordered[bisect.bisect_left(starts, low) : bisect.bisect_left(starts, high)]
                    if m.model.replacement == new}
            others = sorted(near - {model_id})
            if others:
                return f"{where} also names '{others[0]}', which gets the same new name"
        return ""

    gateways: dict[tuple[int, int], str] = {}  # a scope's last piece -> another surface's name in it
    result = []
    scopes: list[Optional[tuple[int, int]]] = []
    for mention in mentions:
        new = mention.model.replacement
        ends = None
        if mention.safe_value and new:
            pieces = scope_of(mention.start - offset) if scope_of is not None else [(0, len(text))]
            ends = pieces[-1]
            key = (mention.model.id, new, pieces[0], pieces[-1])  # its ends name a scope
            if key not in reasons:
                reasons[key] = reason_for(mention.model.id, new, pieces)
            if reasons[key]:
                mention = replace(mention, unsafe=True, reason=reasons[key])
        result.append(mention)
        scopes.append(ends)
    if gateways and spread:  # the list is another surface's or a gateway's: its other items wait too
        result = [
            replace(mention, unsafe=True, reason=GATEWAY_LIST_REASON.format(
                where=where, other=gateways[ends], new=mention.model.replacement))
            if ends in gateways and mention.safe_value else mention
            for mention, ends in zip(result, scopes)
        ]
    return result


#: Why an item of a list that names another surface's replacement for one of its IDs waits.
GATEWAY_LIST_REASON = (
    "{where} also names '{other}', another surface's replacement for one of its IDs: the list may be that "
    "surface's or a gateway's, where '{new}' may not exist"
)


def _replacements_elsewhere(replacements: dict[str, str]) -> dict[str, set[str]]:
    """For each legacy ID (to its replacement on the run's surface), its other replacements on the
    other surfaces of the packaged registry (``veo-3.0-generate-001``: ``veo-3.1-generate-preview``
    on the Gemini API, ``veo-3.1-generate-001`` on Vertex AI)."""
    everywhere = _replacements_by_surface()
    found: dict[str, set[str]] = {}
    for model_id, new in replacements.items():
        others = {other for other in everywhere.get(model_id, ()) if other != new}
        if others:
            found[model_id] = others
    return found


@functools.lru_cache(maxsize=1)
def _replacements_by_surface() -> dict[str, frozenset[str]]:
    """Each legacy ID of the packaged registry, to its replacements on every surface (read once)."""
    from gemini_lint.matching import models_for
    from gemini_lint.registry import SURFACES

    found: dict[str, set[str]] = {}
    for surface in SURFACES:
        for model in models_for(surface):
            if model.replacement:
                found.setdefault(model.id, set()).add(model.replacement)
    return {model_id: frozenset(news) for model_id, news in found.items()}


def all_unsafe(mentions: Sequence[Mention], reason: str) -> list[Mention]:
    """``mentions``, with every value whose fix is still safe given an unsafe fix for ``reason`` (none
    when ``reason`` is empty): a whole file's reason (a recording, a generated file, a changelog)."""
    if not reason:
        return list(mentions)
    return [replace(m, unsafe=True, reason=reason) if m.safe_value else m for m in mentions]


def replacements_named(text: str, mentions: Sequence[Mention], patterns: dict[str, TokenPattern]) -> set[str]:
    """The new names (keys of ``patterns``, each its whole-token pattern) that ``text`` names on
    their own, not only as part of an old ID of ``mentions``."""
    longer = {m.model.id for m in mentions}
    return {
        new for new, pattern in patterns.items()
        # Plain counts first: most often every occurrence of the new name is part of one old ID
        # (gemini-3-pro-image in gemini-3-pro-image-preview). The largest such share only, never too much.
        if text.count(new) > max((text.count(old) * old.count(new) for old in longer if new in old), default=0)
        and pattern.search(text)
    }


MAPPING_REASON = "it stands next to '{other}' as in a map between two old IDs: a fix would rewrite both sides"
#: Between two IDs on a line, what makes the line a mapping: a key and its value, an arrow.
_MAPPING_MARKS = frozenset((":", "=", ":=", "->", "=>", "\u2192"))
_MAPPING_CALLS = re.compile(r"(?:\breplace|\bsub|\btranslate|\brename|\bmigrate)\s*\(\s*$", re.I)
_SQL_BETWEEN = re.compile(r"(?<!!)\b(?:where|set)\b", re.I)  # not a YAML tag (!!set)


def _mark_mappings(text: str, mentions: list[Mention], offset: int) -> list[Mention]:
    """Two different legacy IDs next to each other (at most 200 characters apart, line breaks
    allowed: a formatter may wrap them) that map one to the other, as a key and its value
    (``"gemini-2.0-flash": "gemini-2.5-flash"``), the arguments of a ``replace(``, or an SQL
    ``SET ... WHERE``: both fixes become unsafe. Rewriting them makes the map, the migration
    or the normalisation point the current model at a wrong one (``UPDATE ... SET model = '<new>'
    WHERE model = '<new of another>'``)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    paired: dict[int, str] = {}
    for first, second in zip(ordered, ordered[1:]):
        if first.model.id == second.model.id or Context.VALUE not in (first.context, second.context):
            continue
        low, high = first.end - offset, second.start - offset
        between = text[low:high]
        if high - low > 200:
            continue
        mark = between.strip(" \t\r\n\"'`")
        if mark == ",":  # the arguments of a replace( call (a formatter may have wrapped them)
            head = text[max(0, first.start - offset - 80) : first.start - offset].rstrip(" \t\r\n\"'`rbfu")
            mapping = _MAPPING_CALLS.search(head) is not None
        else:
            mapping = mark in _MAPPING_MARKS or _SQL_BETWEEN.search(between) is not None
        if mapping:
            paired[first.start] = MAPPING_REASON.format(other=second.model.id)
            paired[second.start] = MAPPING_REASON.format(other=first.model.id)
    if not paired:
        return mentions
    return [
        replace(m, unsafe=True, reason=paired[m.start])
        if m.start in paired and m.safe_value else m
        for m in mentions
    ]


def line_scope(text: str, comment: str = "#") -> Scope:
    """The line around an offset, up to a ``comment`` that follows a blank (``# the GA ID is ...``)."""

    lines: list[LineIndex] = []  # built on first use: one pass, then a bisection per ID
    marks: dict[int, list[int]] = {}  # line -> where a comment may start on it (read once)
    pattern = re.compile("[ \t][" + re.escape(comment) + "]")

    def scope(at: int) -> list[tuple[int, int]]:
        if not lines:
            lines.append(LineIndex(text))
        line = lines[0].position(at)[0]
        low, high = lines[0].line_span(line)
        high = high if high >= 0 else len(text)
        if line not in marks:
            marks[line] = [found.start() for found in pattern.finditer(text, low, high)]
        after = bisect.bisect_left(marks[line], at)
        return [(low, marks[line][after] if after < len(marks[line]) else high)]

    return scope


#: Why the name of an entry in a list of entries (``- name: <ID>`` over its settings) gets an unsafe fix.
RECORD_NAME_REASON = (
    "it names an entry of a list (its 'name' or 'id' over other settings, or its 'model' over what the model "
    "supports): the entry's data describe the old model, and renamed they would be the new model's"
)
#: Keys whose value names the entry that holds them.
IDENTITY_KEYS = frozenset({"name", "id", "model_name", "model_id"})
#: Keys that name an entry's model only when the entry also says what that model is or can do
#: (:data:`DESCRIBING_KEYS`): ``- model: <ID>`` over ``temperature: 0`` is a run to make, over
#: ``supports: [tool-request, ...]`` a model's profile (genkit's conformance tests).
MODEL_KEYS = frozenset({"model"})
#: Keys that describe a model rather than configure a request to it (``max_output_tokens``, a request's
#: setting as much as a model's limit, is not one).
DESCRIBING_KEYS = frozenset({
    "supports", "capabilities", "features", "modalities", "input_modalities", "output_modalities", "context_window",
    "context_length", "max_input_tokens", "input_token_limit", "output_token_limit", "pricing", "price", "prices",
    "cost", "costs", "input_cost_per_token", "output_cost_per_token", "knowledge_cutoff", "release_date",
    "display_name", "displayName", "supportsTools", "supports_tools", "supports_vision", "supportsVision",
})
#: Why an ID naming the model of a record that gives its price (anywhere, not only in a list) gets an unsafe fix.
PRICED_REASON = (
    "it names the model of a record that gives its price: the price is the old model's, and renamed it would be "
    "the new model's"
)
_PRICE_KEY = re.compile(r"(?:^|_)(?:prices?|pricing|costs?)(?:_|$)|[a-z0-9](?:Prices?|Pricing|Costs?)(?:[A-Z0-9_]|$)|^(?:prices?|pricing|costs?)[A-Z0-9]")


def prices_a_model(key: str) -> bool:
    """Whether a record's ``key`` gives a price (``pricing``, ``input_price``, ``input_cost_per_token``,
    ``outputCostPer1M``): beside a model's ID, the record is a price table's entry wherever it stands."""
    return _PRICE_KEY.search(key) is not None


DISPLAY_NAME_REASON = (
    "beside it, '{shown}' names the old model for people (a display name, a label): renamed, the new ID would "
    "be shown under the old model's name, with what the entry says of it; change both by hand"
)
#: Last words of an ID that a display name leaves out: a version number (``-002``, ``-05-20``), a stage.
_DISPLAY_DROPS = frozenset(("preview", "exp", "experimental", "latest"))


@functools.lru_cache(maxsize=256)
def display_pattern(old: str, new: str) -> Optional[re.Pattern[str]]:
    """How people write the model ``old`` (replaced by ``new``): its words spaced or joined by ``-``,
    in any case (``gemini-2.5-flash-image``: "Gemini 2.5 Flash Image", "Gemini-2.5-Flash-Image"),
    without a last version number or stage
    unless that is all that tells it from ``new`` (``gemini-3.1-flash-image-preview``: "Gemini 3.1
    Flash Image Preview", as "Gemini 3.1 Flash Image" is the new model's name). None when fewer than
    two words would be left."""

    def words(model_id: str) -> list[str]:
        return [word for word in re.split(r"[-/]", model_id.split("@", 1)[0].lower()) if word]

    def core(found: list[str]) -> list[str]:
        kept = list(found)
        while len(kept) > 2 and (kept[-1] in _DISPLAY_DROPS or (kept[-1].isdigit() and len(kept[-1]) >= 2)):
            kept.pop()
        return kept

    full = words(old)
    chosen = core(full)
    if not any(char.isdigit() for char in "".join(chosen)) or chosen == core(words(new)):
        chosen = full
    if len(chosen) < 2:
        return None
    spaced = r"(?:[ \t]+|-)".join(re.escape(word) for word in chosen)
    return re.compile(r"(?<![\w.\-])" + spaced + r"(?![\w\-]|\.\d)", re.IGNORECASE)


def shown_to_people(text: str) -> bool:
    """Whether ``text`` may hold a model's name as people write it: spaced words, or capitals
    (``Gemini-2.5-Pro``, llmware's catalog); an ID as written (lowercase, joined by ``-``) is neither."""
    return " " in text or "\t" in text or not text.islower()


def names_for_people(text: str, old: str, new: str) -> Optional[str]:
    """The display name of the model ``old`` in ``text`` (see :func:`display_pattern`), or None: its
    words spaced, or joined by ``-`` with a capital (``Gemini-2.5-Pro``), in any case; the ID as
    written (``gemini-2.5-pro``) is not one."""
    if not shown_to_people(text):
        return None
    pattern = display_pattern(old, new)
    if pattern is None:
        return None
    for found in pattern.finditer(text):
        shown = found.group(0)
        if " " in shown or "\t" in shown or not shown.islower():
            return shown
    return None
