"""Config and data files: JSON, YAML, TOML, INI and ``.env``.

Every reader works on the raw text and never re-serialises it: a tokenizer (compiled regexes, or
PyYAML's event stream for YAML, whose marks are character offsets) classifies regions of the text as

* a value (a string value, a scalar): an ID there is ``Context.VALUE`` (GL001, safe fix), unless
  what the value holds besides the ID makes the fix wrong (a web address, a path, a git ref after
  ``@``, words saying it is retired: :func:`base.value_fix_blocker`, as for a Python string);
* a mapping key: ``Context.VALUE`` too, with an unsafe fix (:data:`KEY_REASON`: an entry's data describe
  the old model), and none when a sibling key in the same mapping has (or would get) the new name --
  real pricing tables list the preview and the GA ID side by side, and a fix must never drop or merge
  an entry; the other values of a key's ID move with it (:func:`_with_their_keys`);
* a comment: ``Context.PROSE`` (GL002); so is a comment inside a YAML block scalar (``run: |``
  scripts, a ConfigMap's ``config.yaml: |``), read as a Markdown code block with no language;
* something else an ID should not be in (a YAML anchor, an ID spanning a dotted TOML key): reported
  without a fix.

The structured formats (JSON, YAML, TOML) are parsed first; when they do not parse, IDs are reported
from the text without a fix and the file is never written. After a fix, the engine calls
:func:`same_entries`, which loads both texts and checks that only strings changed.

The TOML reader never reports anything inside ``[tool.gemini-lint]`` (and its sub-tables or dotted
keys): gemini-lint does not report or rewrite its own configuration.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Optional, TypeVar, Union

from gemini_lint.matching import Match, Matcher
from gemini_lint.sources import Kind
from gemini_lint.sources.base import (
    DESCRIBING_KEYS as _DESCRIBING_KEYS,
    DISPLAY_NAME_REASON,
    IDENTITY_KEYS as _IDENTITY_KEYS,
    MODEL_KEYS as _MODEL_KEYS,
    PRICED_REASON,
    RECORD_NAME_REASON,
    KEY_CONFLICT_STARTS,
    RETIRED_STEMS,
    all_unsafe,
    Scope,
    line_around,
    line_scope,
    mark_migrations,
    names_for_people,
    prices_a_model,
    shown_to_people,
    Context,
    LineIndex,
    Mention,
    ProseBlock,
    Scan,
    blank_except,
    collect_noqa,
    continued_in_code,
    escape_next_to,
    key_conflicts,
    plain_mentions,
    position_of,
    renamed,
    replacements_named,
    says_retired,
    value_fix_blocker,
)
from gemini_lint.sources.markdown import code_comments

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

Reader = Callable[[str, Matcher], Scan]

# Region kinds: what an ID inside the region is.
_VALUE = 0  # a value: GL001 with a fix (unless the region carries a reason)
_PROSE = 1  # a comment: GL002
_SKIP = 2  # not reported at all ([tool.gemini-lint])


@dataclass(frozen=True)
class _Region:
    """``text[start:end]`` is one token of the file: a value, a key, a comment, or skipped."""

    start: int
    end: int
    kind: int
    reason: str = ""  # set: an ID here is reported without a fix, for this reason
    block: bool = False  # a YAML literal block scalar (``|``): a script or a file, read line by line
    key: bool = False  # a mapping's key (or a TOML table's name): its fix is unsafe (KEY_REASON)


def reader(kind: Kind) -> Reader:
    """The reader for ``kind`` (JSON, YAML, TOML, INI or ENV)."""
    readers: dict[Kind, Reader] = {
        Kind.JSON: scan_json,
        Kind.YAML: scan_yaml,
        Kind.TOML: scan_toml,
        Kind.INI: scan_ini,
        Kind.ENV: scan_env,
    }
    if kind not in readers:
        raise ValueError(f"no config-file reader for {kind.value} files")
    return readers[kind]


# ---------------------------------------------------------------------------------------------
# Shared pieces


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0].strip() if lines else type(exc).__name__


def _unparsed(
    text: str,
    matcher: Matcher,
    index: LineIndex,
    scan: Scan,
    fmt: str,
    line: Optional[int],
    message: str,
    matches: Optional[list[Match]] = None,
) -> Scan:
    """Every ID from the text, as a value without a fix; the file is not written."""
    where = f" (line {line})" if line is not None else ""
    scan.notes.append(f"not valid {fmt}{where}: {message}; IDs reported from the text, nothing written")
    scan.writable = False
    scan.mentions = _mentions(text, matcher, index, [], f"the file is not valid {fmt}", matches=matches)
    return scan


def _mentions(
    text: str,
    matcher: Matcher,
    index: LineIndex,
    regions: list[_Region],
    outside: str,
    *,
    blanket_reason: str = "",
    matches: Optional[Iterable[Match]] = None,
    bare_keys: bool = False,
) -> list[Mention]:
    """Classify every ID of ``text`` by the region holding it.

    An ID that no single region holds is reported as a value without a fix (``outside`` says why);
    ``blanket_reason`` withholds every fix (the reader could not locate IDs with certainty).
    """
    regions = sorted(regions, key=lambda r: (r.start, -r.end))
    starts = [r.start for r in regions]
    mentions: list[Mention] = []
    says: dict[tuple[int, int], bool] = {}  # per value (or block line): whether it says an ID is retired
    for match in matcher.finditer(text) if matches is None else matches:
        at = bisect.bisect_right(starts, match.start) - 1
        region: Optional[_Region] = None
        while at >= 0:
            candidate = regions[at]
            if candidate.start <= match.start and match.end <= candidate.end:
                region = candidate
                break
            if candidate.end <= match.start:
                break
            at -= 1
        if region is not None and region.kind == _SKIP:
            continue
        if region is None:
            context, reason = Context.VALUE, outside
        else:
            context = Context.PROSE if region.kind == _PROSE else Context.VALUE
            reason = region.reason
            if not reason and context is Context.VALUE:  # backslash escapes only in double quotes
                quote = text[region.start]
                reason = escape_next_to(text, match.start, match.end, raw=quote != '"')
                if not bare_keys or quote in "'\"":  # in TOML, unquoted is a key: a dot separates keys
                    reason = reason or continued_in_code(text, match.start, match.end)
                    reason = reason or _value_blocker(text, region, match.start, match.end, says)
        if blanket_reason and not reason:
            reason = blanket_reason
        unsafe = not reason and region is not None and region.key and bool(match.model.replacement)
        mentions.append(
            Mention(
                match.start,
                match.end,
                match.model,
                context,
                position_of(index, match.start, match.end),
                fixable=not reason,
                unsafe=unsafe,
                reason=KEY_REASON if unsafe else reason,
            )
        )
    return mentions


def _with_their_keys(mentions: list[Mention]) -> list[Mention]:
    """``mentions``, with the safe fix of a value made unsafe where the same ID is a mapping's key in
    this file (whose fix is unsafe, or refused): ``default: <ID>`` beside ``models: {<ID>: {...}}``
    must not part from the entry it looks up, nor ``shared_group: <ID>`` inside the entry leave it."""
    keyed = {m.model.id for m in mentions if m.reason == KEY_REASON or m.reason.startswith(KEY_CONFLICT_STARTS)}
    named = dict.fromkeys((m.model.id for m in mentions if m.reason == PRICED_REASON), SAME_AS_PRICED_REASON)
    named.update(
        dict.fromkeys((m.model.id for m in mentions if m.reason == RECORD_NAME_REASON), SAME_AS_RECORD_REASON)
    )
    named.update(dict.fromkeys(keyed, SAME_AS_KEY_REASON))
    if not named:
        return mentions
    return [replace(m, unsafe=True, reason=named[m.model.id]) if m.safe_value and m.model.id in named else m
            for m in mentions]


SAME_AS_KEY_REASON = "the same ID is a mapping's key in this file, not fixed without --unsafe-fixes: the two move together"
SAME_AS_RECORD_REASON = (
    "the same ID names an entry of a list in this file, not fixed without --unsafe-fixes: the two move together"
)
SAME_AS_PRICED_REASON = (
    "the same ID names the model of a record that gives its price in this file, not fixed without --unsafe-fixes: "
    "the two move together"
)
#: Between an identity key and the ID: the value holds only the ID, a provider's path before it allowed.
_VALUE_UP_TO_ID = re.compile(r"[ \t]*[\"']?(?:[\w.\-]+/)*")
_VALUE_AFTER_ID = re.compile(r"[\"']?[ \t]*(?:[,}\]#\r\n]|$)")
#: Why a mapping's key (a price table's, a tokenizer map's, a profile's) gets an unsafe fix.
KEY_REASON = (
    "a mapping's key: the entry's data (prices, limits, a tokenizer, a profile) describe the old model, and "
    "renamed they would be the new model's"
)


def _value_blocker(text: str, region: _Region, start: int, end: int, says: dict[tuple[int, int], bool]) -> str:
    """Why an ID in a value must not be fixed because of what the value holds (a web address, a path, a
    git ref, words saying it is retired), as for a Python string: :func:`value_fix_blocker` on the
    value's content (inside its quotes; in a literal block scalar, the ID's line)."""
    low, high = region.start, region.end
    if high - low >= 2 and text[low] in "'\"" and text[high - 1] == text[low]:
        low, high = low + 1, high - 1
    if region.block:
        line_low, line_high = line_around(text, start, end)
        low, high = max(low, line_low), min(high, line_high)
    said = says.get((low, high))
    if said is None:  # once a value: read again for each of its IDs, a value of many IDs is quadratic
        said = says[(low, high)] = says_retired(text, low, high)
    return value_fix_blocker(text, low, high, start, end, said)


def _prose(text: str, index: LineIndex, comments: list[tuple[int, int]]) -> list[ProseBlock]:
    """The comments of the file as one prose block (everything else blanked, line breaks kept)."""
    if not comments:
        return []
    return [ProseBlock(blank_except(text, sorted(comments)), index)]


#: A double-quoted string on one line with an escape in it (JSON, YAML and TOML spell them alike).
_ESCAPED_STRING = re.compile(r'"(?:[^"\\\r\n]|\\[^\r\n])*\\(?:[^"\\\r\n]|\\[^\r\n])*"')
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|x([0-9a-fA-F]{2})|(.))", re.S)
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "0": "\0", "/": "/", "\"": "\"", "\\": "\\"}
_TOML_JOINED_BREAK = re.compile(r"\\[ \t]*\r?\n\s*")
ESCAPED_REASON = "written with escapes (\\u002d...) or a line-ending backslash, which load as the ID; change it by hand"


def unescaped(token: str) -> str:
    """The text of a double-quoted string ``token`` with its escapes read (\\uXXXX, \\xXX, \\n...)."""
    return _read_escapes(token[1:-1])


def _read_escapes(content: str) -> str:
    def one(found: re.Match[str]) -> str:
        code = found.group(1) or found.group(2) or found.group(3)
        if code is not None:
            value = int(code, 16)
            return chr(value) if value <= 0x10FFFF else ""
        return _SIMPLE_ESCAPES.get(found.group(4), found.group(4))

    return _ESCAPE.sub(one, content)


def _toml_loaded(token: str) -> str:
    """What a TOML basic string token loads as: escapes read; in a multi-line one, its first line break
    dropped and a line-ending backslash eating the break and the blanks after it."""
    if not token.startswith('"""'):
        return unescaped(token)
    content = token[3:-3]
    content = content[2:] if content.startswith("\r\n") else content[1:] if content.startswith("\n") else content
    return _read_escapes(_TOML_JOINED_BREAK.sub("", content))


def _escaped_strings(text: str) -> list[tuple[int, int, str]]:
    """(start, end, loaded text) of every one-line double-quoted string with an escape in it, found by
    the letters: exact for JSON (no comments, no strings over lines); readers of YAML and TOML give their own."""
    return [(token.start(), token.end(), unescaped(token.group())) for token in _ESCAPED_STRING.finditer(text)]


def escaped_mentions(
    text: str, matcher: Matcher, strings: Optional[list[tuple[int, int, str]]] = None
) -> list[Mention]:
    """IDs that a data file's double-quoted strings hold only once their escapes are read
    (``"gemini\\u002d3.1-flash-image-preview"`` loads as the ID, and so does a YAML string whose
    line-ending backslash joins ``"gemini-3.1-\\`` to the next line): reported at the string, never fixed.
    ``strings`` are the reader's (:attr:`Scan.escaped_strings`), else one-line strings by the letters."""
    index: Optional[LineIndex] = None
    found: list[Mention] = []
    for start, end, loaded in strings if strings is not None else _escaped_strings(text):
        raw = {match.model.id for match in matcher.finditer(text, start, end)}
        named = set()
        for match in matcher.finditer(loaded):
            if match.model.id in raw or match.model.id in named:
                continue
            named.add(match.model.id)
            index = index or LineIndex(text)
            position = position_of(index, start, end)
            found.append(Mention(start, end, match.model, Context.VALUE, position, fixable=False, reason=ESCAPED_REASON))
    return found


def _not_loaded(matcher: Matcher, strings: list[tuple[int, int, str]], mentions: list[Mention]) -> list[Mention]:
    """``mentions`` less those inside an escaped string that loads as other IDs but not theirs
    (``"gemini-2.0-flash\\u002dlite"`` is gemini-2.0-flash-lite, which :func:`escaped_mentions` reports).
    A string that loads as no ID (``"<ID>\\u002d2"``) keeps its mention, reported without a fix."""
    spans = []
    for start, end, loaded in strings:
        ids = {m.model.id for m in matcher.finditer(loaded)}
        if ids:
            spans.append((start, end, ids))
    if not spans:
        return mentions
    return [
        m for m in mentions
        if all(not (start <= m.start and m.end <= end) or m.model.id in ids for start, end, ids in spans)
    ]


def _merged_entries(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions``, with unsafe fixes where the fixes would make two entries of a data file alike.

    * Two legacy IDs that get the same new name, anywhere in the file: a data file listing both is
      most often a catalog (``[{"name": "models/gemini-2.0-flash", ...}, {"name":
      "models/gemini-2.0-flash-001", ...}]``), whose two entries the fixes would make one, each
      still with its own version and limits. (Python looks at a block of statements, where such a
      list is written whole.)
    * A legacy ID held by a key that holds its new name once elsewhere in the file, each name once
      (``- name: gemini-3.5-flash-lite`` above ``- name: gemini-2.5-flash``: a manifest with one
      entry per model): renamed, the two entries would have one name. Every value of that ID in
      the file then waits for ``--unsafe-fixes``, as the values of a key's ID do, since what
      refers to the entry by its name must move with it. A key whose values repeat (``model:`` in
      each of many records) names no entry, and keeps its fixes.
    """
    ids_by_new: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.safe_value and mention.model.replacement:
            ids_by_new.setdefault(mention.model.replacement, set()).add(mention.model.id)
    if not ids_by_new:
        return mentions
    merging = {new: ids for new, ids in ids_by_new.items() if len(ids) > 1}
    named = _named_by_one_key(text, mentions, ids_by_new)
    if not merging and not named:
        return mentions
    result = []
    for mention in mentions:
        new = mention.model.replacement
        if mention.safe_value and mention.model.id in named:
            key = named[mention.model.id]
            reason = f"this file also names '{new}' as a '{key}': renamed, two entries would have the same '{key}'"
            mention = replace(mention, unsafe=True, reason=reason)
        elif mention.safe_value and new in merging:
            other = sorted(merging[new] - {mention.model.id})[0]
            reason = f"this file also names '{other}', which gets the same new name: two entries would become one"
            mention = replace(mention, unsafe=True, reason=reason)
        result.append(mention)
    return result


def _named_by_one_key(text: str, mentions: list[Mention], ids_by_new: dict[str, set[str]]) -> dict[str, str]:
    """The legacy IDs (to the key) that a key holds once, as a value, where the same key holds
    their new name once too (see :func:`_merged_entries`)."""
    from gemini_lint.matching import token_regex

    named = replacements_named(text, mentions, {new: token_regex([new]) for new in ids_by_new})
    if not named:
        return {}
    keys = _keys_of(text)
    old_under: Counter[tuple[str, str]] = Counter()
    for mention in mentions:
        if mention.context is Context.VALUE and mention.model.replacement in named:
            old_under[mention.model.id, keys.before(mention.start)] += 1
    found: dict[str, str] = {}
    for new in sorted(named):
        new_under = Counter(_value_key(keys, text, match.start("id")) for match in token_regex([new]).finditer(text))
        for old in sorted(ids_by_new[new]):
            for (model_id, key), times in sorted(old_under.items()):
                if model_id == old and key and times == 1 and new_under[key] == 1:
                    found.setdefault(old, key)
    return found


def _guarded(fmt: str, scan_fn: Reader) -> Reader:
    """``scan_fn``, with any failure turned into a text scan without fixes (a reader never raises).

    A value whose scope also names its replacement gets an unsafe fix (:func:`mark_migrations`): in
    JSON its innermost object or array (``{"...-preview": "..."}``, ``["...-preview", "..."]``),
    elsewhere its line up to a comment (``gemini-3-pro-image-preview: gemini-3-pro-image``).
    """

    def scan(text: str, matcher: Matcher) -> Scan:
        try:
            found = scan_fn(text, matcher)
            if fmt == "JSON":
                scope, where = _container_scope(text), "this JSON object or array"
            elif fmt in ("YAML", "TOML"):
                scope, where = _list_scope(text, line_scope(text)), "this line or list"
            else:
                scope, where = line_scope(text, "#;" if fmt == "INI" else "#"), "this line"
            found.mentions = mark_migrations(text, found.mentions, scope, where, spread=fmt in ("JSON", "YAML", "TOML"))
            found.mentions = _held_by_key(text, found.mentions, fmt, scope)
            if fmt in ("JSON", "YAML", "TOML"):
                found.mentions = _record_names(text, found.mentions, fmt, scope)
                found.mentions = _conditions(text, found.mentions, fmt, scope)
                found.mentions = _shown_beside(text, found.mentions, fmt, scope)
                found.mentions = _other_providers(text, found.mentions)
            if fmt == "YAML":
                found.mentions = _pygrep_hooks(text, found.mentions)
            found.mentions = _with_their_keys(found.mentions)
            if fmt in ("JSON", "YAML", "TOML"):
                found.mentions = _merged_entries(text, found.mentions)
            if fmt in ("JSON", "YAML", "TOML") and "\\" in text:
                strings = found.escaped_strings
                if strings is None:  # JSON, or a file its reader could not parse: one-line strings by the letters
                    strings = _escaped_strings(text)
                kept = _not_loaded(matcher, strings, found.mentions)
                found.mentions = sorted(kept + escaped_mentions(text, matcher, strings), key=lambda m: m.start)
            return found
        except Exception as exc:  # a reader never raises: report from the text instead
            index = LineIndex(text)
            fallback = Scan(noqa=collect_noqa(text, index))
            fallback.notes.append(
                f"could not analyse the {fmt} ({type(exc).__name__}: {_first_line(exc)}); "
                "IDs reported from the text, nothing written"
            )
            fallback.writable = False
            fallback.mentions = plain_mentions(
                matcher, text, index, Context.VALUE, fixable=False,
                reason=f"gemini-lint could not analyse this {fmt} file",
            )
            return fallback

    scan.__doc__ = scan_fn.__doc__
    return scan


#: A key before a value on its line, as it ends (``OLD_MODEL=``, ``"retired": [``, ``deprecated-models:``).
#: A key starts a run of name characters (after leading digits, dots or dashes: ``--old-model=``):
#: tried at each character of a long run, the pattern would scan to its end each time (quadratic).
_KEY_BEFORE = re.compile(r"""["']?(?<![\w.\-])[0-9.\-]*([A-Za-z_][\w.\-]*)["']?[ \t]*[:=]""")


class _KeysBefore:
    """The keys of ``text`` (:data:`_KEY_BEFORE`), found once: the last one before an offset on its line."""

    def __init__(self, text: str) -> None:
        found = list(_KEY_BEFORE.finditer(text))
        self.starts = [match.start() for match in found]
        self.ends = [match.end() for match in found]
        self.names = [match.group(1) for match in found]
        self.lines = LineIndex(text).starts

    def line_start(self, at: int) -> int:
        return self.lines[bisect.bisect_right(self.lines, at) - 1]

    def index_before(self, at: int, low: Optional[int] = None) -> Optional[int]:
        """The index of the last key that ends by ``at`` and starts on its line (at ``low`` or after)."""
        low = self.line_start(at) if low is None else low
        index = bisect.bisect_right(self.ends, at) - 1
        return index if index >= 0 and self.starts[index] >= low else None

    def before(self, at: int, low: Optional[int] = None) -> str:
        """The last key that ends by ``at`` and starts on its line (at ``low`` or after), or ""."""
        index = self.index_before(at, low)
        return "" if index is None else self.names[index]



def _record_names(text: str, mentions: list[Mention], fmt: str, scope: Scope) -> list[Mention]:
    """``mentions``, with unsafe fixes for the name of an entry in a list of entries: an ID that is
    the whole value (a provider's path allowed) of ``name``/``id`` in a record that is an item of a
    list and holds other keys too (aider's ``model-settings.yml``: ``- name: gemini/<ID>`` over
    that model's edit format and weak model). Such a list is a mapping written as records: its
    entry's data describe the old model, as a key's do (found in a run over real packages). So is
    the ID naming the model of a record that gives its price, wherever the record stands."""
    values = [m for m in mentions if m.safe_value and m.model.replacement]
    if not values or not any(f"{key}" in text for key in _IDENTITY_KEYS | _MODEL_KEYS):
        return mentions
    keys = _keys_of(text)
    headers = [(found.start(), found.end(), found.group(0).lstrip().startswith("[["))
               for found in _TOML_TABLE_HEADER.finditer(text)] if fmt == "TOML" else []
    held: dict[int, str] = {}
    # A record's answer is worked out once for all the values in it (a mapping of thousands of keys was
    # read whole for each: quadratic), and the priced reading only where some key names a price.
    blocks = _YamlBlocks(text) if fmt == "YAML" else None
    memo: dict[tuple[bool, tuple[tuple[int, int], ...]], bool] = {}
    priced = any(prices_a_model(name) for name in set(keys.names))
    for mention in values:
        index = keys.index_before(mention.start)
        if index is None or (keys.names[index] not in _IDENTITY_KEYS and keys.names[index] not in _MODEL_KEYS):
            continue
        if _VALUE_UP_TO_ID.fullmatch(text, keys.ends[index], mention.start) is None:
            continue
        if _VALUE_AFTER_ID.match(text, mention.end) is None:
            continue
        if _in_a_record_of_a_list(text, keys, index, fmt, scope, headers) and (
            keys.names[index] in _IDENTITY_KEYS
            or _describes_a_model(text, keys, mention.start, fmt, scope, headers, blocks=blocks, memo=memo)
        ):
            held[mention.start] = RECORD_NAME_REASON
        elif priced and _describes_a_model(
            text, keys, mention.start, fmt, scope, headers, prices_a_model, blocks=blocks, memo=memo
        ):
            # Wherever it stands (a list's '- model: <ID>' over 'input_price:' too), a record that gives
            # the model's price is a price table's entry.
            held[mention.start] = PRICED_REASON
    if not held:
        return mentions
    return [replace(m, unsafe=True, reason=held[m.start]) if m.start in held else m for m in mentions]


def _describes_a_model(
    text: str, keys: _KeysBefore, at: int, fmt: str, scope: Scope, headers: list[tuple[int, int, bool]],
    describing: Callable[[str], bool] = _DESCRIBING_KEYS.__contains__,
    blocks: Optional[_YamlBlocks] = None,
    memo: Optional[dict[tuple[bool, tuple[tuple[int, int], ...]], bool]] = None,
) -> bool:
    """Whether the record holding the value at ``at`` has a key that describes a model (``describing``,
    by default one of :data:`_DESCRIBING_KEYS`): its JSON object, its YAML block mapping (found through
    ``blocks`` when given), its TOML table, or its line (an inline table). ``memo`` keeps each record's
    answer for the values after the first in it."""
    if fmt == "JSON":
        pieces = tuple(scope(at))
    elif fmt == "YAML":
        pieces = (blocks.around(at) if blocks is not None else _yaml_block_of(text, at),)
    else:
        line = _line_of(text, at)
        there = bisect.bisect_right(headers, (line[0], -1, False)) - 1
        pieces = (line,) if there < 0 or text.rfind("{", line[0], at) >= 0 else (
            (headers[there][1], headers[there + 1][0] if there + 1 < len(headers) else len(text)),
        )
    asked = (describing is prices_a_model, pieces)
    if memo is not None and asked in memo:
        return memo[asked]
    found = False
    for low, high in pieces:
        first, last = bisect.bisect_left(keys.starts, low), bisect.bisect_left(keys.starts, high)
        if any(describing(name) for name in keys.names[first:last]):
            found = True
            break
    if memo is not None:
        memo[asked] = found
    return found


def _in_a_record_of_a_list(
    text: str, keys: _KeysBefore, index: int, fmt: str, scope: Scope, headers: list[tuple[int, int, bool]]
) -> bool:
    """Whether key ``index`` of ``keys`` is in a record that is an item of a list, beside other keys
    (``headers``: a TOML file's table headers, start, end and whether it is an array's)."""
    start = keys.starts[index]
    line_start = keys.line_start(start)
    if fmt == "YAML":  # "- name: x" and, on the next line that holds one, a key at its column
        if _LIST_ITEM_START.fullmatch(text, line_start, start) is None:
            return False
        below = _NEXT_KEY_LINE.search(text, start)
        return below is not None and len(below.group(1)) == start - line_start
    reach = max(line_start, start - _INLINE_REACH)  # a long line is not read back to its start for each ID
    if fmt == "TOML" and text.rfind("{", reach, start) < 0:  # a key of a [[table]]: its other keys
        at = bisect.bisect_right(headers, (line_start, -1, False)) - 1  # the last header above the line
        if at < 0 or not headers[at][2]:
            return False
        stop = headers[at + 1][0] if at + 1 < len(headers) else len(text)
        return bisect.bisect_left(keys.starts, stop) - bisect.bisect_left(keys.starts, headers[at][1]) >= 2
    if fmt == "JSON":
        pieces = scope(start)
        opener, close = pieces[0][0], pieces[-1][1]
    else:  # a TOML inline table on its line: {name = "x", ...}
        opener = text.rfind("{", reach, start)
        close = text.find("}", start, start + _INLINE_REACH)
        close = min(len(text), start + _INLINE_REACH) if close < 0 else close
    if text[opener : opener + 1] != "{":
        return False
    before = opener - 1
    while before >= 0 and text[before] in " \t\r\n":
        before -= 1
    if before < 0 or text[before] not in "[,":  # in an object, a value follows ':'
        return False
    return bisect.bisect_left(keys.starts, close) - bisect.bisect_right(keys.starts, opener) >= 2


#: How far an inline table or flow mapping around an ID is looked for on its line (characters each way).
_INLINE_REACH = 4096
#: A YAML list item's dash before its first key.
_LIST_ITEM_START = re.compile(r"[ \t]*-[ \t]+")
#: The next line below that holds something other than a comment: its indentation.
_NEXT_KEY_LINE = re.compile(r"\n([ \t]*)(?=[^\s#])")
#: A TOML table header at a line's start: ``[table]`` or ``[[array.of.tables]]``.
_TOML_TABLE_HEADER = re.compile(r"(?m)^[ \t]*\[\[?[^\]\r\n]*\]\]?")


CONDITION_REASON = (
    "a condition ('{key}'): a rule that matches or tests the old name (an override, a deny rule) would catch "
    "the new model instead"
)
#: Keys whose value is a condition on a model, not a setting (``"match": {"model": ...}``, ``when:``).
_CONDITION_KEYS = frozenset({"match", "matches", "when", "if", "condition", "conditions", "where", "unless", "only_if"})
_CONDITION_SUFFIXES = ("_equals", "_eq", "_matches", "Equals", "Matches")


#: A line's own key at its start (``if:``, ``- when:``, ``"if": ``), and text after it up to an ID that holds
#: no other key or mapping (an expression: ``vars.MODEL == '``, ``${{ contains(x, '``).
_LINE_LEADING_KEY = re.compile(r"""[ \t]*(?:-[ \t]+)?["']?([A-Za-z_][\w.\-]*)["']?[ \t]*:(?=[ \t])""")
_EXPRESSION_ONLY = re.compile(r"""(?:(?!:[ \t])[^{}\r\n])*""")


def _is_condition(key: str) -> bool:
    return key in _CONDITION_KEYS or key.endswith(_CONDITION_SUFFIXES)


def _conditions(text: str, mentions: list[Mention], fmt: str, scope: Scope) -> list[Mention]:
    """``mentions``, with unsafe fixes for values under a condition key: ``"match": {"model": "<ID>"}``
    in an override (gemini-cli's settings: renamed, the override caught the new model and sent it to an
    old experimental one), ``{"condition": {"model_equals": "<ID>"}, "action": "deny"}``, ``when:``.
    Such a value is a test of the old name, as a comparison is in Python. The key is the one right
    before the ID, the one before its JSON object or inline mapping, or in YAML one of the two keys
    above its line."""
    values = [m for m in mentions if m.safe_value]
    low = text.lower() if values else ""
    if not values or not any(word in low for word in ("match", "when", "if", "condition", "where", "unless", "equals")):
        return mentions
    keys = _keys_of(text)
    paths: Optional[dict[int, tuple[str, ...]]] = None
    held: dict[int, str] = {}
    tested: dict[str, int] = {}  # an ID an expression under a condition key tests -> its line
    for mention in values:
        line_start = keys.line_start(mention.start)
        names = [keys.before(mention.start, line_start)]
        if fmt == "JSON":
            opener = scope(mention.start)[0][0]
        else:  # a flow mapping or inline table on the line: {model: <ID>}
            opener = text.rfind("{", max(line_start, mention.start - _INLINE_REACH), mention.start)
        if opener >= 0 and text[opener : opener + 1] == "{":
            names.append(keys.before(opener))
        if fmt == "YAML":
            if paths is None:
                paths = _key_paths(text, 0, len(text))
            names.extend(paths.get(line_start, ())[-2:])
        # The line's own key, over an expression that holds the ID (GitHub Actions' `if: vars.MODEL ==
        # '<ID>'`, whose `MODEL ==` reads as the key before the ID): a review of variants, 2026-12-07.
        leading = _LINE_LEADING_KEY.match(text, line_start, mention.start)
        found = next((name for name in names if name and _is_condition(name)), "")
        if not found and leading is not None and _is_condition(leading.group(1)) and _EXPRESSION_ONLY.fullmatch(
            text, leading.end(), mention.start
        ):
            # The expression may test a value this file sets (`matrix.model == '<ID>'` over a matrix of
            # models): the ID's other values wait with it, or the renamed matrix would never match.
            found = leading.group(1)
            tested.setdefault(mention.model.id, text.count("\n", 0, mention.start) + 1)
        if found:
            held[mention.start] = CONDITION_REASON.format(key=found)
    if not held:
        return mentions
    return [
        replace(m, unsafe=True, reason=held[m.start]) if m.start in held
        else replace(m, unsafe=True, reason=TESTED_ELSEWHERE_REASON.format(line=tested[m.model.id]))
        if m.safe_value and m.model.id in tested else m
        for m in mentions
    ]


TESTED_ELSEWHERE_REASON = (
    "a condition on line {line} tests the same ID (an expression such as `matrix.model == '<ID>'`): the two move "
    "together"
)


def _shown_beside(text: str, mentions: list[Mention], fmt: str, scope: Scope) -> list[Mention]:
    """``mentions``, with unsafe fixes for an ID in a record that also names its old model for people
    (``"name": "Gemini 2.5 Flash Image"`` beside ``"model_id": "<ID>"``, a description, a label):
    renamed, the record would show the new ID under the old model's name (an MCP server's model list,
    found by a run over real packages). The record is the JSON object around the ID, the YAML block
    mapping (its lines as indented as the ID's key or more) or the TOML table, and the ID's line."""
    values = [m for m in mentions if m.safe_value and m.model.replacement]
    if not values or not shown_to_people(text):
        return mentions
    shown = {(m.model.id, m.model.replacement) for m in values}
    shown = {pair for pair in shown if names_for_people(text, *pair) is not None}
    if not shown:
        return mentions
    headers = [found.start() for found in _TOML_TABLE_HEADER.finditer(text)] if fmt == "TOML" else []
    blocks = _YamlBlocks(text) if fmt == "YAML" else None
    searched: dict[tuple[int, int, tuple[str, str]], Optional[str]] = {}  # a record is read once per model
    held: dict[int, str] = {}
    for mention in values:
        pair = (mention.model.id, mention.model.replacement)
        if pair not in shown:
            continue
        pieces = list(scope(mention.start)) if fmt == "JSON" else [_line_of(text, mention.start)]
        if blocks is not None:
            pieces.append(blocks.around(mention.start))
        elif fmt == "TOML" and headers:
            at = bisect.bisect_right(headers, mention.start) - 1
            if at >= 0:
                pieces.append((headers[at], headers[at + 1] if at + 1 < len(headers) else len(text)))
        for low, high in pieces:
            key = (low, high, pair)
            if key not in searched:
                searched[key] = names_for_people(text[low:high], *pair)
            found = searched[key]
            if found is not None:
                held[mention.start] = DISPLAY_NAME_REASON.format(shown=found)
                break
    if not held:
        return mentions
    return [replace(m, unsafe=True, reason=held[m.start]) if m.start in held else m for m in mentions]


PYGREP_REASON = (
    "a pre-commit hook of language 'pygrep' searches the files for its entry: renamed, it would forbid "
    "(or look for) the new model"
)
_PYGREP = re.compile(r"""^[ \t]*(?:-[ \t]+)?["']?language["']?[ \t]*:[ \t]*["']?pygrep\b""", re.M)


def _pygrep_hooks(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions``, without a fix for the IDs of a pre-commit hook whose ``language: pygrep`` makes its
    ``entry`` a pattern searched in the files (a hook "forbid gemini-2.0-flash"): renamed, the hook
    would reject the new model. Its name and other values go with it (the hook's YAML block mapping)."""
    if "pygrep" not in text or not any(m.safe_value for m in mentions):
        return mentions
    blocks = _YamlBlocks(text)
    held: set[int] = set()
    for mention in mentions:
        if mention.safe_value:
            low, high = blocks.around(mention.start)
            if _PYGREP.search(text, low, high) is not None:
                held.add(mention.start)
    if not held:
        return mentions
    return [replace(m, fixable=False, unsafe=False, reason=PYGREP_REASON) if m.start in held else m for m in mentions]


def _line_of(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


class _YamlBlocks:
    """:func:`_yaml_block_of` for many offsets of one text: the keys of one mapping share its block, which
    is found once (a file of thousands of top-level keys would otherwise be read whole for each)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[int, list[tuple[int, int]]] = {}  # a key's column -> blocks found, in order

    def around(self, at: int) -> tuple[int, int]:
        start, end = _line_of(self.text, at)
        line = self.text[start:end]
        body = line.lstrip(" \t")
        column = len(line) - len(body.lstrip("- \t")) if body.startswith("- ") else len(line) - len(body)
        known = self.found.setdefault(column, [])
        index = bisect.bisect_right(known, (start, len(self.text) + 1)) - 1
        if index >= 0 and known[index][0] <= start and end <= known[index][1] and not body.startswith("- "):
            return known[index]
        block = _yaml_block_of(self.text, at)
        bisect.insort(known, block)
        return block


def _yaml_block_of(text: str, at: int) -> tuple[int, int]:
    """The lines of the YAML block mapping that holds the key of the line at ``at``: those around it
    indented as far as that key or further (a list item's dash counts as indentation), up to the
    first line less indented, the next item of the list or a document marker (``---``)."""
    start, end = _line_of(text, at)
    line = text[start:end]
    body = line.lstrip(" \t")
    item = body.startswith("- ")
    column = len(line) - len(body.lstrip("- \t")) if item else len(line) - len(body)

    def indent(low: int, high: int) -> tuple[int, bool]:  # (the key's column, whether it starts an item)
        row = text[low:high]
        rest = row.lstrip(" \t")
        if not rest.strip() or rest.startswith("#"):
            return -1, False
        if row.startswith(("---", "...")) and not row[3:].strip(" \t\r"):
            return -2, False  # a document's start or end: no block goes on past it
        if rest.startswith("- "):
            return len(row) - len(rest.lstrip("- \t")), True
        return len(row) - len(rest), False

    low = start
    if not item:
        while low > 0:
            above = text.rfind("\n", 0, low - 1) + 1
            depth, starts = indent(above, low - 1)
            if depth == -2:
                break
            if depth == -1 or depth > column or (depth == column and not starts):
                low = above
                continue
            if depth == column and starts:
                low = above
            break
    high = end
    while high < len(text):
        below_end = text.find("\n", high + 1)
        below_end = len(text) if below_end < 0 else below_end
        depth, starts = indent(high + 1, below_end)
        if depth == -2 or (depth != -1 and (depth < column or (depth == column and starts))):
            break
        high = below_end
    return low, high


OTHER_PROVIDERS_REASON = (
    "this file gives the addresses of other providers ({hosts}): a catalog of what each serves may not have "
    "the new name"
)
#: A web address given as an endpoint (``"url": "https://zenmux.ai/api/v1"``, ``base_url: ...``): its host.
_ENDPOINT = re.compile(
    r"""(?i)["']?\b(?:url|base_?url|api_?base|api_?url|endpoint|base)["']?[ \t]*[:=][ \t]*["']?https?://([^/\s"'<>:?#]+)"""
)
#: Hosts that serve no model catalog of their own (code hosts, this machine) or are Google's.
_NOT_PROVIDERS = re.compile(
    r"(?i)(?:^|\.)(?:localhost|127\.0\.0\.1|0\.0\.0\.0|github\.com|gitlab\.com|bitbucket\.org|npmjs\.(?:com|org)|"
    r"pypi\.org|googleapis\.com|google\.com|google\.dev|example\.(?:com|org))$"
)


def _other_providers(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions``, with unsafe fixes for the values of a data file that gives the endpoints of two or
    more providers other than Google: a catalog of what each gateway serves (@mastra/core's provider
    registry: zenmux, cortecs, requesty...), where the new name may not be served, and which the next
    generation of the catalog rewrites anyway."""
    if not any(m.safe_value for m in mentions) or "://" not in text:
        return mentions
    hosts = sorted({found.group(1).lower() for found in _ENDPOINT.finditer(text)
                    if not _NOT_PROVIDERS.search(found.group(1))})
    if len(hosts) < 2:
        return mentions
    return all_unsafe(mentions, OTHER_PROVIDERS_REASON.format(
        hosts=", ".join(f"'{host}'" for host in hosts[:3]) + (", ..." if len(hosts) > 3 else "")
    ))


#: The keys of the text read last (several checks of one file ask for them): (text, its keys).
_last_keys: Optional[tuple[str, _KeysBefore]] = None


def _keys_of(text: str) -> _KeysBefore:
    """``text``'s keys (:class:`_KeysBefore`), found once per file however many checks ask."""
    global _last_keys
    last = _last_keys
    if last is None or last[0] is not text:
        last = _last_keys = (text, _KeysBefore(text))
    return last[1]


def _value_key(keys: _KeysBefore, text: str, at: int) -> str:
    """The key whose value holds offset ``at``, as far as its line tells: the last key before it,
    unless a comment starts between the two (``model: x  # or <ID>``), or ""."""
    index = keys.index_before(at)
    if index is None or "#" in text[keys.ends[index] : at]:
        return ""
    return keys.names[index]


def _held_by_key(text: str, mentions: list[Mention], fmt: str, scope: Scope) -> list[Mention]:
    """``mentions``, with the fix of each value made unsafe where the key holding it says the IDs are
    retired (``deprecated_models:`` over a list, ``"retired": [...]``, ``OLD_MODEL=...``,
    ``rollback_model = ...``), as a Python name that says so does: fixed, a denylist would deny the
    current model and a rollback target would be the new one. The key is the last one before the
    ID on its line, else (an item alone on its line) the one before the list that ``scope`` gives (a
    JSON array, a ``[`` over lines, or the line above a YAML block sequence)."""
    values = [m for m in mentions if m.safe_value and m.model.replacement]
    lowered = text.lower() if values else ""
    if not values or not any(stem in lowered for stem in _RETIRED_KEY_STEMS):
        return mentions
    from gemini_lint.sources.python import _retired_name

    keys = _keys_of(text)
    said: dict[str, str] = {}  # key -> the retired name in it, or ""
    held: dict[int, str] = {}
    brackets: list[tuple[int, int]] = []
    for mention in values:
        line_start = keys.line_start(mention.start)
        key = keys.before(mention.start, line_start)
        if not key and fmt in ("JSON", "YAML", "TOML"):
            pieces = scope(mention.start)
            opener = pieces[0][0] if fmt == "JSON" else pieces[-1][0] if len(pieces) > 1 else -1
            if opener < 0 and fmt != "JSON":  # an item after a comment ("[  # gone", "# old" above it) is
                # no whole item to the scope: the [...] around it still is its list
                if not brackets:
                    brackets = _multiline_brackets(text) or [(-1, -1)]
                region = _enclosing(brackets, mention.start)
                opener = region[0] if region is not None else -1
            if 0 <= opener < line_start and text[opener] == "[":  # a bracketed list over lines
                key = keys.before(opener)
            elif fmt == "YAML" and 0 < opener <= line_start and text[opener - 1] == "\n":  # a block sequence
                key = keys.before(opener - 1)
        if key and key not in said:
            said[key] = _retired_name(key, targets=True)
        named = said.get(key, "")
        if named:
            held[id(mention)] = f"its key says the IDs are retired ('{named}'): fixed, it would name the new model"
    if not held:
        return mentions
    return [replace(m, unsafe=True, reason=held[id(m)]) if id(m) in held else m for m in mentions]


#: What a key that says the IDs are retired holds (lower case), a quick test first: what python._retired_name
#: looks for (its stems, and the common words it reads as parts of a name: old, prev, original, outdated, from).
_RETIRED_KEY_STEMS = RETIRED_STEMS + ("old", "prev", "orig", "outdated", "from")


def _multiline_strings_marked(text: str, mentions: list[Mention], regions: list[_Region]) -> list[Mention]:
    """``mentions``, with the fix of each value made unsafe where the string holding it spans lines
    and also names its replacement, or another old ID with the same new name (:func:`mark_migrations`
    on the string): a note in a YAML block or plain scalar over lines, or a TOML ``\"\"\"`` string,
    "moved from <old>" then "to <new>" on the next line. The line, the scope of other values, would
    not see the new name, and the fix would write "moved from <new> to <new>"."""
    spans = sorted(
        (r.start, r.end) for r in regions
        if r.kind == _VALUE and not r.reason and text.find("\n", r.start, r.end) >= 0
    )
    if not spans:
        return mentions
    starts = [low for low, _ in spans]

    def span_of(at: int) -> Optional[tuple[int, int]]:
        index = bisect.bisect_right(starts, at) - 1
        return spans[index] if index >= 0 and spans[index][0] <= at < spans[index][1] else None

    inside = [m for m in mentions if m.safe_value and m.model.replacement and span_of(m.start) is not None]
    if not inside:
        return mentions
    marked = mark_migrations(text, inside, lambda at: [span_of(at) or (at, at)], "this string")
    changed = {id(old): new for old, new in zip(inside, marked) if new is not old}
    return [changed.get(id(m), m) for m in mentions]


def _list_scope(text: str, line: Scope) -> Scope:
    """``line``, widened to the whole list where the ID is one of its items as a whole.

    A list of model names that spans lines (a YAML ``- item`` sequence, a TOML or YAML ``[...]``
    over several lines) and holds an old ID and its replacement would be fixed into a list with
    the same name twice; one that holds two old IDs with the same replacement, likewise. Items that
    only contain an ID (``- MODEL=gemini-...``, ``{name = ..., model = "gemini-..."}``) are settings
    of their own: their scope stays the line. Lines, sequences and brackets are each worked out
    once per text (a file with thousands of IDs in one list stays linear).
    """
    brackets: list[tuple[int, int]] = []  # multi-line [...] pairs, by start
    lines: list[str] = []
    starts: list[int] = []
    sequences: dict[int, list[tuple[int, int]]] = {}  # indentation -> (first, last) line runs found
    built: list[bool] = []

    def build() -> None:
        built.append(True)
        brackets.extend(_multiline_brackets(text))
        lines.extend(text.split("\n"))
        starts.append(0)
        for one in lines[:-1]:
            starts.append(starts[-1] + len(one) + 1)

    def sequence(at: int) -> tuple[int, int]:
        here = bisect.bisect_right(starts, at) - 1
        indent = len(lines[here]) - len(lines[here].lstrip(" "))
        runs = sequences.setdefault(indent, [])
        index = bisect.bisect_right(runs, (here, len(lines))) - 1
        if index >= 0 and runs[index][0] <= here <= runs[index][1]:
            first, last = runs[index]
        else:
            first, last = _block_sequence(lines, here, indent)
            bisect.insort(runs, (first, last))
        return starts[first], starts[last] + len(lines[last])

    def scope(at: int) -> list[tuple[int, int]]:
        pieces = line(at)
        whole = _whole_item(text, at)
        if whole is None:
            return pieces
        if not built:
            build()
        region = sequence(at) if whole == "-" else _enclosing(brackets, at)
        return pieces if region is None else pieces + [region]

    return scope


#: An ID written as a whole item: after "- ", "[" or "," (and an optional quote), up to the
#: optional closing quote, then the end of the item.
_ITEM_TOKEN = re.compile(r"[^\s'\"#,\[\]{}]+")
_ITEM_AFTER = re.compile(r"""['"]?[ \t]*(?:#[^\n]*)?(?:\r?\n|$)|['"]?\s*[,\]]""")
_ITEM_HEAD = re.compile(r"[ \t]*-[ \t]+")


def _path_start(text: str, at: int) -> int:
    """Where a provider's path right before ``at`` starts (``google/``, ``openrouter/google/``), or ``at``."""
    start = at
    while start > 0 and text[start - 1] == "/":
        word = start - 1
        while word > 0 and (text[word - 1].isalnum() or text[word - 1] in "_.-") and start - word < 128:
            word -= 1
        if word == start - 1 or not text[word].isalpha():
            break
        start = word
    return start


def _whole_item(text: str, at: int) -> Optional[str]:
    """``"-"`` when the ID at ``at`` is a whole ``- item`` of a YAML block sequence, ``"["`` when it
    is a whole element of a bracketed list, else None."""
    token = _ITEM_TOKEN.match(text, at)
    if token is None or not _ITEM_AFTER.match(text, token.end()):
        return None
    at = _path_start(text, at)  # a provider's path: "- google/<ID>" is the ID's item
    before = at - 1 if at > 0 and text[at - 1] in "'\"" else at
    line_start = text.rfind("\n", 0, before) + 1
    if _ITEM_HEAD.fullmatch(text, line_start, before):
        return "-"
    back = before
    while back > 0 and text[back - 1] in " \t\r\n":
        back -= 1
    return "[" if back > 0 and text[back - 1] in "[," else None


def _block_sequence(lines: list[str], here: int, indent: int) -> tuple[int, int]:
    """The first and last line of the YAML block sequence whose item is line ``here`` (at ``indent``):
    items at that indentation, with what is indented deeper, blank lines and comments between them."""

    def belongs(number: int) -> bool:
        line = lines[number]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            return True
        depth = len(line) - len(line.lstrip(" "))
        return depth > indent or (depth == indent and (stripped == "-" or stripped.startswith(("- ", "-\t"))))

    first = last = here
    while first > 0 and belongs(first - 1):
        first -= 1
    while last + 1 < len(lines) and belongs(last + 1):
        last += 1
    return first, last


_BRACKET_STRUCTURE = re.compile(r"""["'\[\]#\n]""")
_DOUBLE_QUOTED_REST = re.compile(r'(?:[^"\\\n]|\\.)*"')
_SINGLE_QUOTED_REST = re.compile(r"[^'\n]*'")


def _multiline_brackets(text: str) -> list[tuple[int, int]]:
    """The ``[...]`` pairs of a YAML or TOML text that span lines, by start (strings and comments skipped)."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[int, int]] = []  # (start, line) of each open bracket
    line = 0
    for char, start, end in _structure(text, _BRACKET_STRUCTURE, _skip_yaml_toml):
        if char == "\n":
            line += 1
        elif char == "[":
            stack.append((start, line))
        elif stack:
            opened, opened_line = stack.pop()
            if opened_line != line:
                pairs.append((opened, end))
    pairs.sort()
    return pairs


def _structure(text: str, pattern: re.Pattern[str], skip: Callable[[str, str, int, int], Optional[int]]) -> Iterator[
    tuple[str, int, int]
]:
    """(character, start, end) of each match of ``pattern`` in ``text`` that ``skip`` does not pass
    over; ``skip(text, char, start, end)`` gives where to go on after a string or comment, or None."""
    at, size = 0, len(text)
    while at < size:
        found = pattern.search(text, at)
        if found is None:
            return
        char, at = found.group(), found.end()
        after = skip(text, char, found.start(), at)
        if after is None:
            yield char, found.start(), at
        else:
            at = after


def _skip_yaml_toml(text: str, char: str, start: int, end: int) -> Optional[int]:
    """Past a quoted string (up to the end of its line) or a comment (up to its line break), else None."""
    if char == '"' or char == "'":
        closing = (_DOUBLE_QUOTED_REST if char == '"' else _SINGLE_QUOTED_REST).match(text, end)
        return closing.end() if closing else end
    if char != "#":
        return None
    if start > 0 and text[start - 1] not in " \t\n":
        return end  # inside a plain scalar (a#b): not a comment
    return _line_end(text, end)


def _line_end(text: str, offset: int) -> int:
    """Where the line holding ``offset`` ends (its line break, or the end of ``text``)."""
    found = text.find("\n", offset)
    return len(text) if found < 0 else found


def _skip_json(text: str, char: str, start: int, end: int) -> Optional[int]:
    """Past a JSON string, else None."""
    if char != '"':
        return None
    closing = _JSON_STRING_END.search(text, end)
    return closing.end() if closing else len(text)


def _enclosing(pairs: list[tuple[int, int]], at: int) -> Optional[tuple[int, int]]:
    """The innermost of ``pairs`` around ``at`` (a bounded look back: no quadratic time on odd input)."""
    index = bisect.bisect_right(pairs, (at, 1 << 62)) - 1
    for start, end in reversed(pairs[max(0, index - 200) : index + 1]):
        if start < at < end:
            return start, end
    return None


def _container_scope(text: str) -> Callable[[int], list[tuple[int, int]]]:
    """The innermost JSON object or array around an offset, less the objects and arrays inside it
    (``{"default_model": ..., "prices": {...}}`` is not an alias map), from one pass over the text
    that skips strings; built on first use. Outside any container: the whole text."""
    spans: list[tuple[int, int]] = []
    children: dict[int, list[tuple[int, int]]] = {}
    made: dict[int, list[tuple[int, int]]] = {}  # container start -> its pieces
    ends: dict[int, int] = {}  # container start -> its end
    parents: dict[int, int] = {}  # container start -> the start of the container around it (-1: none)
    built: list[bool] = []

    def build() -> None:
        built.append(True)  # a text without containers builds nothing, once
        stack: list[int] = []
        for char, start, at in _structure(text, _JSON_STRUCTURE, _skip_json):
            if char in "{[":
                stack.append(start)
            elif stack:
                span = (stack.pop(), at)
                spans.append(span)
                outer = stack[-1] if stack else -1
                children.setdefault(outer, []).append(span)
                parents[span[0]] = outer
        spans.sort()
        ends.update(spans)

    def scope(at: int) -> list[tuple[int, int]]:
        if not built:
            build()
        # The innermost: the last container starting before ``at``, or the first of its outer ones
        # (its parent, theirs...) that ends after ``at``.
        index = bisect.bisect_right(spans, (at, len(text))) - 1
        low = spans[index][0] if index >= 0 else -1
        while low >= 0 and ends[low] <= at:
            low = parents[low]
        high = ends[low] if low >= 0 else len(text)
        if low not in made:
            pieces, cursor = [], max(low, 0)
            for child_low, child_high in children.get(low, []):  # in order of their ends, so of their starts
                pieces.append((cursor, child_low))
                cursor = child_high
            pieces.append((cursor, high))
            made[low] = pieces
        return made[low]

    return scope


_JSON_STRUCTURE = re.compile(r'["{}\[\]]')
_JSON_STRING_END = re.compile(r'(?:[^"\\]|\\.)*"', re.S)


def _lines(text: str, index: LineIndex) -> Iterable[tuple[int, int]]:
    """``(start, end)`` of every line, the end excluding the line break."""
    starts = index.starts
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        yield start, end


# ---------------------------------------------------------------------------------------------
# JSON

#: An escaped backslash or an escaped quote: scanned left to right, a quote after an escaped
#: backslash (``\\\\"``) is not counted as escaped.
_JSON_BACKSLASH_PAIR = re.compile(r'\\[\\"]')
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON_COLON = re.compile(r"[ \t\r\n]*:")
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"([ \t\r\n]*:)?|[{}\[\]]', re.S)


def _scan_json(text: str, matcher: Matcher) -> Scan:
    """Read a JSON file: string values and keys are values; keys are checked against their siblings."""
    index = LineIndex(text)
    scan = Scan(noqa=collect_noqa(text, index))
    matches = list(matcher.finditer(text))
    if not matches:
        return scan
    try:
        json.loads(text)
    except RecursionError:
        return _unparsed(text, matcher, index, scan, "JSON", None, "too deeply nested to load", matches)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        message = getattr(exc, "msg", None) or _first_line(exc)
        return _unparsed(text, matcher, index, scan, "JSON", line, message, matches)
    regions: list[_Region] = []
    keys: dict[int, tuple[int, int]] = {}  # string start -> string span, for strings that are keys
    cur = 0  # an offset known to be outside any string
    last_string: tuple[int, int] = (-1, -1)
    for match in matches:
        if last_string[0] <= match.start and match.end <= last_string[1]:
            continue
        opening = _json_open_string(text, cur, match.start)
        string = _JSON_STRING.match(text, opening) if opening >= 0 else None
        if string is None or string.end() < match.end:
            continue  # not inside a string: reported without a fix (outside every region)
        last_string = (string.start(), string.end())
        cur = string.end()
        if _JSON_COLON.match(text, string.end()):
            keys[string.start()] = last_string
        else:
            regions.append(_Region(string.start(), string.end(), _VALUE))
    if keys:
        reasons = _json_key_reasons(text, set(keys), matcher)
        for start, (begin, end) in keys.items():
            regions.append(_Region(begin, end, _VALUE, reasons.get(start, ""), key=True))
    mentions = _mentions(text, matcher, index, regions, "not inside a JSON string", matches=matches)
    scan.mentions = _pointers_held(text, mentions)
    return scan


def _json_open_string(text: str, outside: int, offset: int) -> int:
    """The opening quote of the string holding ``offset``, or -1 when ``offset`` is outside strings.

    ``outside`` is an offset known to be outside any string (of a valid JSON text): the quotes
    between it and ``offset`` that no backslash escapes open and close strings in turn. All counting
    is done by ``str`` methods, so a 50 MB file costs a few passes in C.
    """
    quotes = text.count('"', outside, offset)
    if quotes and text.count("\\", outside, offset):
        quotes -= sum(1 for pair in _JSON_BACKSLASH_PAIR.findall(text, outside, offset) if pair == '\\"')
    if quotes % 2 == 0:
        return -1
    at = offset
    while True:
        at = text.rfind('"', outside, at)
        if at < 0:  # pragma: no cover - an odd count guarantees an unescaped quote
            return -1
        backslashes = 0
        while at - backslashes - 1 >= outside and text[at - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return at


def _json_key_reasons(text: str, wanted: set[int], matcher: Matcher) -> dict[int, str]:
    """For the key strings starting at ``wanted``: why renaming each would be unsound (if it would).

    One pass over the tokens with a stack of objects; each object's keys are decoded only when it
    holds one of the wanted keys.
    """
    reasons: dict[int, str] = {}
    stack: list[Optional[list[tuple[int, int]]]] = []
    for token in _JSON_TOKEN.finditer(text):
        start = token.start()
        char = text[start]
        if char == '"':
            if token.group(1) is not None and stack:
                frame = stack[-1]
                if frame is not None:
                    frame.append((start, token.end() - len(token.group(1))))
        elif char == "{":
            stack.append([])
        elif char == "[":
            stack.append(None)
        elif stack:
            frame = stack.pop()
            if frame and any(begin in wanted for begin, _ in frame):
                names = [(begin, _json_decode(text[begin:end])) for begin, end in frame]
                conflicts = key_conflicts((name for _, name in names), matcher)
                for begin, name in names:
                    if begin in wanted and name in conflicts:
                        reasons[begin] = conflicts[name]
    return reasons


def _json_decode(token: str) -> str:
    if "\\" not in token:
        return token[1:-1]
    value = json.loads(token)
    return value if isinstance(value, str) else token[1:-1]


scan_json = _guarded("JSON", _scan_json)


# ---------------------------------------------------------------------------------------------
# TOML

_TOML_TOKEN = re.compile(
    r"(?P<nl>\r\n|\r|\n)"
    r"|(?P<ws>[ \t]+)"
    r"|(?P<comment>#[^\r\n]*)"
    r'|(?P<mlbasic>"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""(?:""?)?)'
    r"|(?P<mlliteral>'''[\s\S]*?'''(?:''?)?)"
    r'|(?P<basic>"(?:[^"\\\r\n]|\\.)*")'
    r"|(?P<literal>'[^'\r\n]*')"
    r"|(?P<punct>\[\[|\]\]|[\[\]{}=,.])"
    r"|(?P<bare>[A-Za-z0-9_+:\-]+)"
    r"|(?P<other>.)"
)
_TOML_STRINGS = frozenset(("mlbasic", "mlliteral", "basic", "literal"))
_TOML_KEY_TOKENS = frozenset(("bare", "basic", "literal"))
#: The linter's own table: never reported, never rewritten.
OWN_TABLE = ("tool", "gemini-lint")

Path = tuple[Union[str, int], ...]


class _TomlShape(ValueError):
    """The tokenizer met something it does not expect in a file tomllib accepted."""


def _own(path: Path) -> bool:
    return path[: len(OWN_TABLE)] == OWN_TABLE


@dataclass
class _Frame:
    """An open array (``mapping`` is None) or inline table while walking a TOML value."""

    owner: Path
    excluded: bool
    mapping: Optional[Path] = None
    state: str = "key"  # inline tables: "key", "value" or "after"
    parts: list[tuple[int, int, str]] = field(default_factory=list)
    dot: bool = True
    value_owner: Path = ()


class _TomlWalker:
    """Tokens of a valid TOML document -> regions (values, comments, skipped) and key occurrences."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.regions: list[_Region] = []
        #: (start, end, mapping, name): each key token with the table it names a key of
        self.keys: list[tuple[int, int, Path, str]] = []
        self.arrays_of_tables: dict[Path, int] = {}
        self.inline_count = 0
        #: Basic strings (values) with an escape in them, and what they load as.
        self.escaped_strings: list[tuple[int, int, str]] = []

    # keys

    def _name(self, kind: str, start: int, end: int) -> str:
        token = self.text[start:end]
        if kind == "bare":
            return token
        if kind == "literal" or "\\" not in token:
            return token[1:-1]
        value = tomllib.loads(f"k = {token}")["k"]
        if not isinstance(value, str):  # pragma: no cover - a quoted key is always a string
            raise _TomlShape("key is not a string")
        return value

    def _key_part(self, parts: list[tuple[int, int, str]], dot: bool, kind: str, start: int, end: int) -> bool:
        """Add a token to a (dotted) key; return whether the next token must be a name."""
        token = self.text[start:end]
        if kind in _TOML_KEY_TOKENS and dot:
            parts.append((start, end, self._name(kind, start, end)))
            return False
        if kind == "punct" and token == "." and not dot:
            return True
        raise _TomlShape(f"unexpected {token!r} in a key")

    def _record(self, mapping: Path, start: int, end: int, name: str) -> None:
        self.keys.append((start, end, mapping, name))

    def _assign(self, base: Path, parts: list[tuple[int, int, str]]) -> Path:
        """Record the keys of ``a.b.c =`` relative to ``base``; return the path of its value."""
        if not parts:
            raise _TomlShape("empty key")
        path = base
        for start, end, name in parts:
            self._record(path, start, end, name)
            path = path + (name,)
        return path

    def _header(self, parts: list[tuple[int, int, str]], array: bool) -> Path:
        """Record the keys of ``[a.b]`` / ``[[a.b]]``; return the table's path (array elements numbered)."""
        if not parts:
            raise _TomlShape("empty table header")
        path: Path = ()
        for number, (start, end, name) in enumerate(parts):
            self._record(path, start, end, name)
            path = path + (name,)
            if array and number == len(parts) - 1:
                element = self.arrays_of_tables.get(path, -1) + 1
                self.arrays_of_tables[path] = element
                path = path + (element,)
            elif path in self.arrays_of_tables:
                path = path + (self.arrays_of_tables[path],)
        return path

    # values

    def _value(self, kind: str, start: int, end: int, owner: Path, excluded: bool, stack: list[_Frame]) -> None:
        token = self.text[start:end]
        if kind in _TOML_STRINGS:
            self.regions.append(_Region(start, end, _SKIP if excluded else _VALUE))
            if kind in ("basic", "mlbasic") and "\\" in token and not excluded:
                self.escaped_strings.append((start, end, _toml_loaded(token)))
        elif kind == "bare":
            pass
        elif token == "[":
            stack.append(_Frame(owner, excluded))
        elif token == "[[":
            stack.append(_Frame(owner, excluded))
            stack.append(_Frame(owner, excluded))
        elif token == "{":
            mapping = owner
            if stack and stack[-1].mapping is None:  # an inline table in an array: its own mapping
                self.inline_count += 1
                mapping = owner + (-self.inline_count,)
            stack.append(_Frame(owner, excluded, mapping))
        else:
            raise _TomlShape(f"unexpected {token!r} where a value should be")

    def _in_frame(self, stack: list[_Frame], kind: str, start: int, end: int) -> None:
        top = stack[-1]
        token = self.text[start:end]
        if top.mapping is None:  # an array
            if token == "]":
                stack.pop()
            elif token == "]]":
                stack.pop()
                if not stack or stack[-1].mapping is not None:
                    raise _TomlShape("']]' does not close two arrays")
                stack.pop()
            elif token == "," or kind == "bare" or token == ".":
                pass
            else:
                self._value(kind, start, end, top.owner, top.excluded, stack)
            return
        if top.state == "key":
            if token == "}" and not top.parts:
                stack.pop()
            elif token == "=" and not top.dot:
                top.value_owner = self._assign(top.mapping, top.parts)
                top.state = "value"
            else:
                top.dot = self._key_part(top.parts, top.dot, kind, start, end)
        elif top.state == "value":
            top.state = "after"
            excluded = top.excluded or _own(top.value_owner)
            self._value(kind, start, end, top.value_owner, excluded, stack)
        elif token == ",":
            top.state, top.parts, top.dot = "key", [], True
        elif token == "}":
            stack.pop()
        elif kind != "bare" and token != ".":
            raise _TomlShape(f"unexpected {token!r} in an inline table")

    def walk(self) -> None:
        text = self.text
        table: Path = ()
        table_excluded = False
        owner: Path = ()
        owner_excluded = False
        mode = "line"  # top level: "line", "header", "key", "value", "after"
        array_header = False
        parts: list[tuple[int, int, str]] = []
        dot = True
        stack: list[_Frame] = []
        for found in _TOML_TOKEN.finditer(text):
            kind = found.lastgroup or "other"
            if kind == "ws":
                continue
            start, end = found.span()
            token = found.group()
            if kind == "other":
                raise _TomlShape(f"unexpected {token!r}")
            if kind == "comment":
                if stack:
                    excluded = stack[-1].excluded
                elif mode in ("value", "after") and owner:
                    excluded = owner_excluded
                else:
                    excluded = table_excluded
                self.regions.append(_Region(start, end, _SKIP if excluded else _PROSE))
                continue
            if kind == "nl":
                if not stack:
                    if mode in ("header", "key", "value"):
                        raise _TomlShape("line ends inside a key/value pair or header")
                    mode, owner = "line", ()
                continue
            if stack:
                self._in_frame(stack, kind, start, end)
                continue
            if mode == "line":
                if token in ("[", "[["):
                    mode, array_header, parts, dot = "header", token == "[[", [], True
                    continue
                mode, parts, dot = "key", [], True
            if mode == "header":
                if token in ("]", "]]") and not dot:
                    if (token == "]]") != array_header:
                        raise _TomlShape("mismatched table header brackets")
                    table = self._header(parts, array_header)
                    table_excluded = _own(table)
                    mode = "after"
                else:
                    dot = self._key_part(parts, dot, kind, start, end)
            elif mode == "key":
                if token == "=" and not dot:
                    owner = self._assign(table, parts)
                    owner_excluded = table_excluded or _own(owner)
                    mode = "value"
                else:
                    dot = self._key_part(parts, dot, kind, start, end)
            elif mode == "value":
                mode = "after"
                self._value(kind, start, end, owner, owner_excluded, stack)
            elif kind != "bare" and token != ".":  # "after": pieces of a float or date-time only
                raise _TomlShape(f"unexpected {token!r} after a value")
        if stack or mode in ("header", "key", "value"):
            raise _TomlShape("the document ends inside a value")

    def key_regions(self, matcher: Matcher) -> list[_Region]:
        """A region for every key token, with the reason a rename would be unsound, if any."""
        by_mapping: dict[Path, list[str]] = {}
        for _, _, mapping, name in self.keys:
            by_mapping.setdefault(mapping, []).append(name)
        conflicts: dict[Path, dict[str, str]] = {}
        for mapping, names in by_mapping.items():
            if any(matcher.search(name) for name in names):
                conflicts[mapping] = key_conflicts(names, matcher)
        regions = []
        for start, end, mapping, name in self.keys:
            if _own(mapping + (name,)):
                regions.append(_Region(start, end, _SKIP))
            else:
                reason = conflicts.get(mapping, {}).get(name, "") or self._unbare(start, end, name, matcher)
                regions.append(_Region(start, end, _VALUE, reason, key=True))
        return regions

    def _unbare(self, start: int, end: int, name: str, matcher: Matcher) -> str:
        """Why a bare key may not be renamed: ``gemini-3-pro-preview = 1`` renamed to
        ``gemini-3.1-pro-preview = 1`` is a dotted key, a table. "" for a quoted key or a bare new name."""
        if self.text[start:end] != name:
            return ""
        for match in matcher.finditer(name):
            new = match.model.replacement
            if new and not _BARE_KEY.fullmatch(new):
                return f"'{new}' is no bare TOML key; quote the key by hand"
        return ""


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]*")
_TOML_HEADER = re.compile(r"^[ \t]*\[\[?(?P<name>[^\]\r\n]*)\]", re.M)
_TOML_ERROR_AT = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$|\s*\(at end of document\)\s*$")


def _own_sections(text: str) -> list[_Region]:
    """By header lines only: the spans of ``[tool.gemini-lint...]`` sections (for a file tomllib refuses)."""
    regions: list[_Region] = []
    headers = list(_TOML_HEADER.finditer(text))
    for number, header in enumerate(headers):
        name = re.sub(r"[\s\"']", "", header.group("name"))
        if name == "tool.gemini-lint" or name.startswith("tool.gemini-lint."):
            end = headers[number + 1].start() if number + 1 < len(headers) else len(text)
            regions.append(_Region(header.start(), end, _SKIP))
    return regions


def _scan_toml(text: str, matcher: Matcher) -> Scan:
    """Read a TOML file: strings and keys are values, ``#`` comments prose; ``[tool.gemini-lint]`` is skipped."""
    index = LineIndex(text)
    scan = Scan(noqa=collect_noqa(text, index))
    try:
        tomllib.loads(text)
    except Exception as exc:  # TOMLDecodeError, or RecursionError on absurd nesting
        message = _first_line(exc)
        at = _TOML_ERROR_AT.search(message)
        line = int(at.group(1)) if at is not None and at.group(1) else None
        message = message[: at.start()] if at is not None else message
        if isinstance(exc, RecursionError):
            message = "too deeply nested to load"
        _unparsed(text, matcher, index, scan, "TOML", line, message)
        skipped = _own_sections(text)
        if skipped:
            reason = "the file is not valid TOML"
            scan.mentions = _mentions(text, matcher, index, skipped, reason, blanket_reason=reason)
        return scan
    walker = _TomlWalker(text)
    try:
        walker.walk()
    except _TomlShape as exc:
        scan.notes.append(
            f"could not tokenize the TOML ({exc}); IDs reported from the text without a fix, nothing written"
        )
        scan.writable = False
        reason = "gemini-lint could not locate this ID in the TOML with certainty"
        scan.mentions = _mentions(text, matcher, index, _own_sections(text), reason, blanket_reason=reason)
        return scan
    regions = walker.regions + walker.key_regions(matcher)
    outside = "not inside a single TOML string, key or comment"
    matches = _with_dotted_keys(text, matcher, walker)
    scan.mentions = _mentions(text, matcher, index, regions, outside, matches=matches, bare_keys=True)
    scan.mentions = _multiline_strings_marked(text, scan.mentions, regions)
    scan.prose = _prose(text, index, [(r.start, r.end) for r in walker.regions if r.kind == _PROSE])
    # Quoted keys with escapes too ("gemini\u002d2.5-pro" = 1, [tbl."..."], {"..." = 1}): their names as loaded.
    escaped_keys = [(start, end, name) for start, end, _, name in walker.keys if "\\" in text[start:end]]
    scan.escaped_strings = sorted(walker.escaped_strings + escaped_keys)
    return scan


scan_toml = _guarded("TOML", _scan_toml)


def _with_dotted_keys(text: str, matcher: Matcher, walker: _TomlWalker) -> list[Match]:
    """The IDs of ``text``, and those that are a bare key of a dotted key (``[pricing.<ID>]``, ``<ID>.usd = 1``).

    Elsewhere a dot next to an ID makes it part of a longer name (``models.gemini-...``), so the
    matcher skips it; in a TOML key, the dot separates keys and the ID is a key of its own.
    """
    found = list(matcher.finditer(text))
    spans = [(match.start, match.end) for match in found]
    for start, end, _, name in walker.keys:
        if text[start:end] != name:  # quoted: the matcher reads it as it reads strings
            continue
        for match in matcher.finditer(name):
            low, high = start + match.start, start + match.end
            if not any(a < high and low < b for a, b in spans):
                found.append(Match(low, high, match.model))
    return sorted(found, key=lambda match: match.start)


# ---------------------------------------------------------------------------------------------
# YAML

#: A ``#`` that starts a comment: at the start of a line or after white space (outside scalars).
_YAML_HASH = re.compile(r"(?<![^ \t\r\n])#[^\r\n]*")
#: Node properties before a node: anchors and tags.
_YAML_PROPS = re.compile(r"(?:[&!][^ \t\r\n,\[\]{}]*[ \t]*)+")
_YAML_GAP = re.compile(r"(?:[ \t\r\n]+|#[^\r\n]*)*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class _YamlMapping:
    """An open YAML mapping: its scalar keys and what makes renaming them unsafe to check."""

    keys: list[tuple[int, int, str]] = field(default_factory=list)
    expect_key: bool = True
    merges: bool = False  # has a ``<<`` merge key
    opaque: bool = False  # has an alias or a collection as a key


def _yaml_module() -> Any:
    import yaml

    return yaml


def _scan_yaml(text: str, matcher: Matcher) -> Scan:
    """Read a YAML file from PyYAML's event stream: scalars are values or keys, ``#`` comments prose."""
    index = LineIndex(text)
    scan = Scan(noqa=collect_noqa(text, index))
    try:
        yaml = _yaml_module()
    except ImportError:  # pragma: no cover - PyYAML is a dependency
        return _unparsed(text, matcher, index, scan, "YAML", None, "PyYAML is not installed, so YAML cannot be checked")
    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    try:
        events = list(yaml.parse(text, Loader=loader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or _first_line(exc)
        line = mark.line + 1 if mark is not None else None
        return _unparsed(text, matcher, index, scan, "YAML", line, str(problem))
    except RecursionError:
        return _unparsed(text, matcher, index, scan, "YAML", None, "too deeply nested to load")
    scan.escaped_strings = []
    in_blocks: list[tuple[int, int]] = []
    regions, certain = _yaml_regions(text, events, matcher, yaml, scan.escaped_strings, in_blocks)
    structure = sorted(regions + [_Region(start, end, _PROSE) for start, end in in_blocks], key=lambda r: r.start)
    comments = sorted(_yaml_comments(text, structure) + in_blocks)
    regions.extend(_Region(start, end, _PROSE) for start, end in comments)
    blanket = "" if certain else "gemini-lint could not locate this ID in the YAML with certainty"
    mentions = _mentions(text, matcher, index, regions, "a YAML anchor, alias or tag name", blanket_reason=blanket)
    scan.mentions = _kubernetes_held(text, _multiline_strings_marked(text, _pointers_held(text, mentions), regions))
    scan.prose = _prose(text, index, comments)
    return scan


def _yaml_regions(
    text: str,
    events: list[Any],
    matcher: Matcher,
    yaml: Any,
    escaped: list[tuple[int, int, str]],
    in_blocks: list[tuple[int, int]],
) -> tuple[list[_Region], bool]:
    """Value, key and property regions from the events; False when the marks look unreliable.
    Double-quoted scalars with an escape in them go to ``escaped``, with the text they load as; the
    comments of the scripts and files that block scalars hold go to ``in_blocks``."""
    regions: list[_Region] = []
    stack: list[Optional[_YamlMapping]] = []  # None: a sequence
    certain = True
    node_types = (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
    for event in events:
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            closed = stack.pop() if stack else None
            if closed is not None:
                _close_yaml_mapping(closed, matcher, regions)
            _node_done(stack)
            continue
        if not isinstance(event, node_types):
            continue
        start, end = event.start_mark.index, event.end_mark.index
        parent = stack[-1] if stack else None
        is_key = parent is not None and parent.expect_key
        value_start = start
        props = _YAML_PROPS.match(text, start, end) if text[start : start + 1] in ("&", "!") else None
        if props is not None and props.end() > start:
            regions.append(_Region(start, props.end(), _VALUE, "a YAML anchor or tag"))
            gap = _YAML_GAP.match(text, props.end(), end)
            value_start = gap.end() if gap is not None else props.end()
        if isinstance(event, yaml.AliasEvent):
            regions.append(_Region(start, end, _VALUE, "a YAML alias"))
            if is_key and parent is not None:
                parent.opaque = True
            _node_done(stack)
        elif isinstance(event, yaml.ScalarEvent):
            raw = text[value_start:end]
            style = event.style or None  # libyaml says "" for plain scalars, PyYAML None
            if style in ("|", ">"):
                certain = certain and raw[:1] == style
                header = _LINE_BREAK.search(text, value_start, end)
                value_start = header.end() if header is not None else end
            elif style in ("'", '"'):
                certain = certain and len(raw) >= 2 and raw[0] == style and raw[-1] == style
                if style == '"' and "\\" in raw:
                    escaped.append((value_start, end, event.value))
            else:
                certain = certain and raw.split() == event.value.split()
            if is_key and parent is not None:
                parent.keys.append((value_start, end, event.value))
                if event.value == "<<" and style is None:
                    parent.merges = True
            elif end > value_start:
                at = value_start
                if style in ("|", ">"):  # the block's text around its comments (a region holds no other)
                    for low, high in _block_comments(text, value_start, end):
                        if low > at:
                            regions.append(_Region(at, low, _VALUE, block=style == "|"))
                        in_blocks.append((low, high))
                        at = high
                if end > at:
                    regions.append(_Region(at, end, _VALUE, block=style == "|"))
            _node_done(stack)
        else:
            if is_key and parent is not None:
                parent.opaque = True  # a complex key: its content is read as values
            stack.append(_YamlMapping() if isinstance(event, yaml.MappingStartEvent) else None)
    return regions, certain


_LINE_TEXT = re.compile(r"[^\r\n]+")


def _block_comments(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The comments in a block scalar's body ``text[start:end]``, read as a Markdown code block with no
    language is: ``#`` or ``//`` at the start of a word outside quotes. A ``run: |`` script or a
    ConfigMap's ``config.yaml: |`` holds comments ("# before 2026-06 this job used <ID>"), prose that
    a value's fix would make false; a doubtful one only costs a safe fix."""
    for line in _LINE_TEXT.finditer(text, start, end):
        body = line.start() + len(line.group()) - len(line.group().lstrip(" \t"))
        for low, high in code_comments(text[body : line.end()]):
            yield body + low, body + high


def _node_done(stack: list[Optional[_YamlMapping]]) -> None:
    """A node ended: in a mapping, a key is followed by a value and a value by a key."""
    if stack and stack[-1] is not None:
        top = stack[-1]
        top.expect_key = not top.expect_key


def _close_yaml_mapping(mapping: _YamlMapping, matcher: Matcher, regions: list[_Region]) -> None:
    names = [name for _, _, name in mapping.keys]
    conflicts: dict[str, str] = {}
    if any(matcher.search(name) for name in names):
        if mapping.merges:
            blocked = "the mapping merges other entries with '<<'; a renamed key could override one"
            conflicts = {name: blocked for name in names if renamed(name, matcher) != name}
        elif mapping.opaque:
            blocked = "the mapping has alias or complex keys; a rename cannot be checked"
            conflicts = {name: blocked for name in names if renamed(name, matcher) != name}
        else:
            conflicts = key_conflicts(names, matcher)
    for start, end, name in mapping.keys:
        if end > start:
            regions.append(_Region(start, end, _VALUE, conflicts.get(name, ""), key=True))


def _yaml_comments(text: str, structure: list[_Region]) -> list[tuple[int, int]]:
    """``#`` comments: a ``#`` at a line start or after white space that no scalar or property holds."""
    starts = [r.start for r in structure]
    ends: list[int] = []
    running = 0
    for region in structure:  # running maximum of ends, for "is this offset inside any region"
        running = max(running, region.end)
        ends.append(running)
    comments = []
    for found in _YAML_HASH.finditer(text):
        at = bisect.bisect_right(starts, found.start()) - 1
        if at >= 0 and ends[at] > found.start():
            continue
        comments.append(found.span())
    return comments


scan_yaml = _guarded("YAML", _scan_yaml)


# ---------------------------------------------------------------------------------------------
# INI

_INI_SECTION = re.compile(r"\[(?P<name>.+)\]")
_INI_DELIMITER = re.compile(r"[=:]")
_SECTIONS: Path = ("\x00sections",)
#: configparser's default section: every other section inherits its options.
_INI_DEFAULT: Path = ("\x00section", "DEFAULT")


def _scan_ini(text: str, matcher: Matcher) -> Scan:
    """Read an INI/cfg file as configparser does: sections, ``key = value`` / ``key: value``,
    indented continuation lines, and whole-line ``#`` / ``;`` comments.

    Section names and option names are keys (option names compared case-insensitively, as
    configparser folds them); a value's inline ``; ...`` is part of the value, as in configparser.
    """
    index = LineIndex(text)
    scan = Scan(noqa=collect_noqa(text, index))
    regions: list[_Region] = []
    comments: list[tuple[int, int]] = []
    keys: list[tuple[int, int, Path, str]] = []
    section: Path = ("\x00top",)
    in_option = False
    option_indent = 0  # a continuation line is indented more than its option's line (configparser)
    building = _interpolated_into_longer_values(text)
    option_reason = ""
    for start, end in _lines(text, index):
        line = text[start:end]
        body = line.lstrip()
        if not body.strip():
            continue
        indent = len(line) - len(body)
        first = start + indent
        if body[0] in "#;":
            comments.append((first, end))
            continue
        if in_option and indent > option_indent:
            regions.append(_Region(first, end, _VALUE, option_reason))
            continue
        header = _INI_SECTION.match(body)
        if header is not None:
            name_start, name_end = first + header.start("name"), first + header.end("name")
            keys.append((name_start, name_end, _SECTIONS, header.group("name")))
            section = ("\x00section", header.group("name"))
            in_option = False
            rest = body[header.end() :].lstrip()
            if rest[:1] in ("#", ";"):
                comments.append((end - len(rest), end))
            continue
        in_option, option_indent = True, indent
        delimiter = _INI_DELIMITER.search(body)
        key_end = first + (delimiter.start() if delimiter is not None else len(body))
        while key_end > first and text[key_end - 1] in " \t":
            key_end -= 1
        keys.append((first, key_end, section, text[first:key_end]))
        option_reason = _INI_INTERPOLATED if text[first:key_end].lower() in building else ""
        if delimiter is not None:
            value_start = first + delimiter.end()
            if value_start < end:
                regions.append(_Region(value_start, end, _VALUE, option_reason))
    for region in _key_regions(keys, matcher, fold=str.lower, section_fold=_SECTIONS, inherited=_INI_DEFAULT):
        # A new option name holding a delimiter would be read as a shorter key and a value
        # (a configured replacement may hold ':'); a section name holding ']' would end early.
        name = text[region.start : region.end]
        new = renamed(name, matcher)
        if not region.reason and any(new.count(c) != name.count(c) for c in "=:[]"):
            region = _Region(region.start, region.end, region.kind, f"'{new}' is no INI name (it holds '=', ':', '[' or ']'); rename it by hand")
        regions.append(region)
    regions.extend(_Region(s, e, _PROSE) for s, e in comments)
    mentions = _mentions(text, matcher, index, regions, "not inside an INI key, value or comment")
    scan.mentions = _ini_references_held(text, mentions, [(start, end) for start, end, _, _ in keys])
    scan.prose = _prose(text, index, comments)
    return scan


_INI_REFERENCE_REASON = (
    "it names an option (or section) through configparser interpolation; a fix could point it at another"
    " option, or at none: rename the option and its references together by hand"
)
_POINTER_REASON = (
    "a JSON reference ('#/...') in this file names it; a fix could point the reference at another key, or"
    " at none: rename the key and its references together by hand"
)
#: A JSON pointer in a string (``"$ref": "#/definitions/<ID>"``, ``other.json#/...``).
_POINTER = re.compile(r"#/[^\s\"',}\]]*")


def _ini_references_held(text: str, mentions: list[Mention], keys: list[tuple[int, int]]) -> list[Mention]:
    """``mentions``, with no fix for a value's ID inside an interpolation reference (``%(<ID>)s``,
    ``${<ID>}``, ``${<ID>:x}``), nor for the option keys it names: the reference names an option or
    section, whose own rename may be refused (a sibling already has the new name) or not be made,
    so the reference would then read another option's value (``default = %(<preview>)s`` beside
    both prices) or a missing one."""
    if "%(" not in text and "${" not in text:
        return mentions
    return _references_held(mentions, [found.span() for found in _INI_REFERENCE.finditer(text)], keys, _INI_REFERENCE_REASON)


def _pointers_held(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions``, with no fix for any value of an ID that a JSON pointer names (``"$ref":
    "#/definitions/<ID>"``): the key it points at may keep its name (a sibling has the new one) or
    lose its fix for another reason, and the reference would then point at another key or none."""
    if "#/" not in text:
        return mentions
    spans = [found.span() for found in _POINTER.finditer(text) if not _in_web_address(text, found.start())]
    return _references_held(mentions, spans, None, _POINTER_REASON)


#: Why a Kubernetes object's own name or a label's value is not fixed.
KUBERNETES_REASON = (
    "a Kubernetes object's name or label: renamed, `kubectl apply` would create another object beside the running "
    "one, or change a selector that cannot change"
)
KUBERNETES_REFERENCE_REASON = (
    "it names another Kubernetes object (a ConfigMap, a Secret, a Service...) that the manifest refers to: "
    "renamed, it would refer to an object that does not exist (the object keeps its name)"
)
#: (parent key, key) of a value that refers to another object by its name (an Ingress's backend
#: ``service: name:``, ``configMapKeyRef: name:``, a volume's ``configMap: name:``), and keys that do so
#: on their own (``secretName:``, ``claimName:``, ``serviceAccountName:``).
_REFERENCE_PATHS = frozenset(
    (parent, "name") for parent in (
        "configMapKeyRef", "secretKeyRef", "configMapRef", "secretRef", "configMap", "secret", "service",
        "scaleTargetRef", "roleRef", "targetRef", "imagePullSecrets", "subjects", "backend", "parentRefs",
        "backendRefs", "sourceRef", "chartRef", "valuesFrom",
    )
)
_REFERENCE_KEYS = frozenset((
    "secretName", "claimName", "serviceName", "serviceAccountName", "configMapName", "priorityClassName",
    "storageClassName", "ingressClassName", "runtimeClassName", "volumeName", "schedulerName",
))
#: Keys whose values are labels (also as selected): a Deployment's selector cannot change once applied.
_LABEL_KEYS = frozenset(("labels", "matchLabels", "selector", "nodeSelector"))
#: A YAML line's key, after its indentation and list markers (``  - name: x``).
_LINE_KEY = re.compile(r"""[ \t]*(?:-[ \t]+)*["']?([A-Za-z_][\w.\-/]*)["']?[ \t]*:(?:[ \t]|$)""")
_DOCUMENT_START = re.compile(r"^---", re.M)
_MANIFEST_KEYS = (re.compile(r"^apiVersion:[ \t]*\S", re.M), re.compile(r"^kind:[ \t]*\S", re.M))


def _kubernetes_held(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions``, with the fixes of a Kubernetes manifest's object names (``metadata: name: <ID>``)
    and label values (``labels:``, ``matchLabels:``, a Service's ``selector:``) made unsafe: renamed,
    ``kubectl apply`` creates a second Deployment beside the running one, or fails on a selector that
    cannot change, and what selects the object elsewhere no longer finds it. A document counts as a
    manifest when it has ``apiVersion:`` and ``kind:`` at its top level."""
    values = [m for m in mentions if m.safe_value and m.model.replacement]
    if not values or "apiVersion:" not in text or "kind:" not in text:
        return mentions
    starts = [0] + [found.start() for found in _DOCUMENT_START.finditer(text)]
    parents: dict[int, Optional[dict[int, tuple[str, ...]]]] = {}  # per document: line start -> its keys' path
    keys = _keys_of(text)
    # Per key: whether a label key stands before it on its line (``labels: {model: <ID>}``).
    label_before, line, seen = [], -1, False
    for start, name in zip(keys.starts, keys.names):
        own_line = keys.line_start(start)
        if own_line != line:
            line, seen = own_line, False
        label_before.append(seen)
        seen = seen or name in _LABEL_KEYS
    held: dict[int, str] = {}
    for mention in values:
        at = bisect.bisect_right(starts, mention.start) - 1
        if at not in parents:
            end = starts[at + 1] if at + 1 < len(starts) else len(text)
            manifest = all(key.search(text, starts[at], end) is not None for key in _MANIFEST_KEYS)
            parents[at] = _key_paths(text, starts[at], end) if manifest else None
        paths = parents[at]
        if paths is None:
            continue
        line_start = keys.line_start(mention.start)
        above = paths.get(line_start, ())
        last = keys.index_before(mention.start, line_start)  # the key the value is of, on its line
        if last is None:  # an item alone on its line: of the key above
            path, labelled = above[-2:], any(key in _LABEL_KEYS for key in above[:-1])
        else:
            before = keys.names[last - 1] if last and keys.starts[last - 1] >= line_start else (above or ("",))[-1]
            path = (before, keys.names[last])
            labelled = label_before[last] or any(key in _LABEL_KEYS for key in above)
        if path == ("metadata", "name") or labelled:
            held[id(mention)] = KUBERNETES_REASON
        elif path in _REFERENCE_PATHS or path[-1] in _REFERENCE_KEYS:
            held[id(mention)] = KUBERNETES_REFERENCE_REASON
    if not held:
        return mentions
    return [replace(m, unsafe=True, reason=held[id(m)]) if id(m) in held else m for m in mentions]


def _key_paths(text: str, low: int, high: int) -> dict[int, tuple[str, ...]]:
    """For each line of the YAML document ``text[low:high]``, the keys of the block mappings around it
    (outermost first): the keys of the lines above it, each less indented than the last (one pass)."""
    paths: dict[int, tuple[str, ...]] = {}
    stack: list[tuple[int, str]] = []  # (indentation, key) of the open mappings
    start = low
    while start < high:
        # Lines end as _KeysBefore's do (a CRLF file's "metadata:\r" is a key too)
        found = _LINE_BREAK.search(text, start, high)
        end, after = (found.start(), found.end()) if found is not None else (high, high)
        line = text[start:end]
        stripped = line.lstrip(" -\t")
        if stripped and not stripped.startswith("#"):
            depth = len(line) - len(stripped)
            while stack and stack[-1][0] >= depth:
                stack.pop()
            paths[start] = tuple(key for _, key in stack)
            key = _LINE_KEY.match(line)
            if key is not None:
                stack.append((depth, key.group(1)))
        start = after
    return paths


def _in_web_address(text: str, at: int) -> bool:
    """A ``#/`` that is a web address's fragment (``https://host/#/route``, a hash-routed page), no JSON pointer."""
    word = at
    while word > 0 and text[word - 1] not in " \t\r\n\"'" and at - word < 2048:
        word -= 1
    return "://" in text[word:at]


def _references_held(
    mentions: list[Mention], spans: list[tuple[int, int]], keys: Optional[list[tuple[int, int]]], reason: str
) -> list[Mention]:
    """``mentions``, with no fix for a value's ID inside one of ``spans`` (references), nor for the
    ``keys`` (every value, when None) holding an ID so referred to."""
    if not spans:
        return mentions
    starts = [start for start, _ in spans]

    def referring(mention: Mention) -> bool:
        at = bisect.bisect_right(starts, mention.start) - 1
        return mention.context is Context.VALUE and at >= 0 and mention.end <= spans[at][1]

    referred = {mention.model.id for mention in mentions if referring(mention)}
    if not referred:
        return mentions
    key_spans = sorted(keys or ())
    firsts = [start for start, _ in key_spans]

    def named(mention: Mention) -> bool:
        if keys is None:
            return mention.context is Context.VALUE
        at = bisect.bisect_right(firsts, mention.start) - 1
        return at >= 0 and mention.end <= key_spans[at][1]

    return [
        replace(mention, fixable=False, reason=reason)
        if mention.fixable and mention.model.id in referred and (referring(mention) or named(mention))
        else mention
        for mention in mentions
    ]


_INI_REFERENCE = re.compile(r"%\((?P<name>[^)\r\n]+)\)s|\$\{(?:[^:}\r\n]*:)?(?P<extended>[^}\r\n]+)\}")
_INI_INTERPOLATED = "another value interpolates this option into a longer name, as '%(base)s-lite' does"


def _interpolated_into_longer_values(text: str) -> set[str]:
    """Option names (lower case) that configparser interpolation runs into more text: ``%(base)s-lite``."""
    if "%(" not in text and "${" not in text:
        return set()
    return {name.strip().lower() for name in _referenced_with_more(text, _INI_REFERENCE, "_.-%$")}


def _referenced_with_more(text: str, reference: re.Pattern[str], goes_on: str) -> set[str]:
    """The names that ``reference`` (one group holding the name per alternative) finds in ``text`` right
    before a letter, a digit or one of ``goes_on``: what the value is run into (``${MODEL}-lite``)."""
    names = set()
    for found in reference.finditer(text):
        after = text[found.end() : found.end() + 1]
        if after and (after.isalnum() or after in goes_on):
            names.add(next(name for name in found.groups() if name))
    return names


def _key_regions(
    keys: list[tuple[int, int, Path, str]],
    matcher: Matcher,
    *,
    fold: Callable[[str], str] = str,
    section_fold: Optional[Path] = None,
    inherited: Optional[Path] = None,
) -> list[_Region]:
    """Regions for key tokens grouped by mapping, each with the reason its rename is unsound (if so).

    ``fold`` applies to every mapping but ``section_fold`` (INI section names are case-sensitive).
    The keys of ``inherited`` (INI's ``[DEFAULT]``) are keys of every other mapping too: a rename
    there or beside one must not collide with them.
    """
    by_mapping: dict[Path, list[str]] = {}
    for _, _, mapping, name in keys:
        by_mapping.setdefault(mapping, []).append(name)
    conflicts: dict[Path, dict[str, str]] = {}
    base = by_mapping.get(inherited, []) if inherited is not None else []
    others = [m for m in by_mapping if m not in (section_fold, inherited)]
    # The defaults are keys of every section: handing all of them to key_conflicts once per section
    # is sections x defaults (a 25 KB file took 13 s). Only the keys a fix renames, and the keys whose
    # name one of those would take, decide a conflict: each section gets just those, in their order.
    renames: dict[str, str] = {}

    def new_name(name: str) -> str:
        new = renames.get(name)
        if new is None:
            new = renames[name] = renamed(name, matcher) if matcher.search(name) else name
        return new

    base_changed = [at for at, name in enumerate(base) if new_name(name) != name]
    base_folded: dict[Callable[[str], str], tuple[dict[str, list[int]], set[str]]] = {}

    def relevant(own: list[str], folding: Callable[[str], str], base_first: bool) -> list[str]:
        """``base + own`` (``base_first``) or ``own + base``, less the keys :func:`key_conflicts` cannot
        find in conflict: neither renamed nor named like a renamed key's new name."""
        if folding not in base_folded:
            index: dict[str, list[int]] = {}
            for at, name in enumerate(base):
                index.setdefault(folding(name), []).append(at)
            base_folded[folding] = (index, {folding(new_name(base[at])) for at in base_changed})
        index, base_targets = base_folded[folding]
        own_changed = [at for at, name in enumerate(own) if new_name(name) != name]
        if not own_changed and not base_changed:
            return []
        targets = base_targets | {folding(new_name(own[at])) for at in own_changed}
        keep_base = set(base_changed).union(*(index.get(target, ()) for target in targets))
        keep_own = set(own_changed).union(at for at, name in enumerate(own) if folding(name) in targets)
        base_part = [base[at] for at in sorted(keep_base)]
        own_part = [own[at] for at in sorted(keep_own)]
        return base_part + own_part if base_first else own_part + base_part

    for mapping, names in by_mapping.items():
        folding: Callable[[str], str] = str if mapping == section_fold else fold
        if mapping == inherited:
            found: dict[str, str] = {}
            for other in others or [mapping]:  # each section sees the defaults beside its own keys
                combined = relevant(by_mapping[other] if other != mapping else [], folding, True)
                if combined:
                    for name, reason in key_conflicts(combined, matcher, folding).items():
                        found.setdefault(name, reason)
            conflicts[mapping] = found
            continue
        if mapping == section_fold:  # section names: no defaults beside them
            if any(new_name(name) != name for name in names):
                conflicts[mapping] = key_conflicts(names, matcher, folding)
            continue
        combined = relevant(names, folding, False)
        if combined:
            conflicts[mapping] = key_conflicts(combined, matcher, folding)
    return [
        _Region(start, end, _VALUE, conflicts.get(mapping, {}).get(name, ""), key=True)
        for start, end, mapping, name in keys
        if end > start
    ]


scan_ini = _guarded("INI", _scan_ini)


# ---------------------------------------------------------------------------------------------
# .env

_ENV_ASSIGNMENT = re.compile(r"[ \t]*(?:export[ \t]+)?(?P<key>[A-Za-z_][A-Za-z0-9_.\-]*)[ \t]*=[ \t]*")
_ENV_DOUBLE = re.compile(r'"(?:[^"\\]|\\[\s\S])*"')
_ENV_SINGLE = re.compile(r"'[^']*'")
_ENV_INLINE_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#")


_ENV_JOINED = "a backslash at the end of the line joins the next line to the value"
_ENV_GLUED = "text right after the closing quote, which the shell joins to the value"
_ENV_SHELL = "the shell builds this value from parts (quotes, a command, an expansion), joining more text to the ID"
#: In an unquoted value: what makes the shell build the value from parts.
_ENV_SHELL_SYNTAX = re.compile(r"[\"'`\\]|\$")
#: In a double-quoted value: an expansion or a command whose output the shell puts there.
_ENV_COMMAND = re.compile(r"[$`\\]")
_ENV_EXPANDED = "another value expands this variable into a longer name, as '${MODEL}-lite' does"
_ENV_REFERENCE = re.compile(r"\$(?:\{(?P<braced>[A-Za-z_]\w*)(?P<op>[^}\r\n]*)\}|(?P<plain>[A-Za-z_]\w*))")
_ENV_LINE_KEY = re.compile(r"^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.\-]*)[ \t]*=", re.M)
_ENV_APPEND = re.compile(r"^[ \t]*(?:export[ \t]+)?([A-Za-z_]\w*)\+=", re.M)
#: Closing quotes, parentheses, braces and backticks: the shell's word goes on through them.
_ENV_TRANSPARENT = "\"')}`"
#: What, right after a value (closers passed over), runs the shell's word on into a longer name.
_ENV_RUNS_ON = re.compile(r"[A-Za-z0-9_.$\\(-]")
#: What, right before a value (quotes passed over), it is run into: a name's letters, or the end of
#: an expansion or a command (``${X}<ID>``, ``$(echo x)<ID>``), or a ``$`` (``$<ID>`` reads a variable).
_ENV_RUN_INTO = re.compile(r"[A-Za-z0-9_.\-})`$]$")
#: ...but not a default's or an alternative's opening (``${X:-``, ``${X-``, ``${X:+``), whose own start is
#: then looked at.
_ENV_DEFAULT_OPENING = re.compile(r"\$\{\w+:?[-?+]$")
#: A default that also assigns (``${X:=<ID>}``): X holds the ID for the lines after.
_ENV_ASSIGNING_DEFAULT = re.compile(r"\$\{\w+:?=$")
#: A backslash and a line break right before an ID: the shell drops both, joining it to what came before.
_ENV_JOINED_BREAK = re.compile(r"\\\r?\n$")


def _env_runs_on(
    text: str, start: int, end: int, limit: int, floor: int, inside_double: bool,
    in_command: Optional[Callable[[int], bool]] = None,
) -> bool:
    """Whether the shell's word holding ``text[start:end]`` goes on past it, or comes before it, with
    text that makes it a longer name: ``"<ID>"-lite``, ``$(echo <ID>)-lite``, ``<ID>"$X"``, ``pre"<ID>"``.
    ``limit`` and ``floor`` bound the word; inside double quotes an apostrophe is a letter, not a quote.
    ``in_command``: a :class:`_CommandReader` from ``floor``, for a caller asking of many IDs in order."""
    after, inside = end, inside_double
    while after < limit and text[after] in _ENV_TRANSPARENT:
        if text[after] == "'" and inside:
            break  # a letter inside double quotes
        inside = not inside if text[after] == '"' else inside
        after += 1
    if after < limit and _ENV_RUNS_ON.match(text, after):
        return True
    before = _env_before(text, floor, start)
    if _ENV_ASSIGNING_DEFAULT.search(before) or (in_command or _CommandReader(text, floor))(start):
        return True  # ${X:=<ID>} sets X for later lines; a command may print anything around it
    return bool(_ENV_RUN_INTO.search(before))


#: How much of a value before an ID :func:`_env_before` reads: its patterns look at the end only. All
#: of a value is read only when all of that much could be one expansion's start (``${`` and a long name).
_ENV_BEFORE_WINDOW = 512
#: What those patterns (and the quotes and joined breaks passed over) are made of.
_ENV_WORDLIKE = re.compile(r"[\w${:?=+\-\"'\\\r\n]*")


def _env_before(text: str, floor: int, start: int) -> str:
    """What comes before an ID in its shell word (``text[floor:start]``), less the quotes, joined line
    breaks and default openings (``${X:-``) right before it: the end of it is what the ID runs into.
    The last :data:`_ENV_BEFORE_WINDOW` characters decide, as the whole would (each ID of a long value
    read the whole value before it: quadratic)."""
    window = max(floor, start - _ENV_BEFORE_WINDOW)
    before = _passed_over(text[window:start])
    if window > floor and _ENV_WORDLIKE.fullmatch(before):
        before = _passed_over(text[floor:start])  # the window may have cut an expansion's start off
    return before


def _passed_over(before: str) -> str:
    while True:
        before = _ENV_JOINED_BREAK.sub("", before.rstrip("\"'")).rstrip("\"'")  # "...\<newline><ID>" joins
        opening = _ENV_DEFAULT_OPENING.search(before)
        if opening is None:
            return before
        before = before[: opening.start()]  # x${X:-<ID>}: what comes before the expansion


class _CommandReader:
    """Whether an offset is inside a command substitution (``$(...)``, backticks) begun after ``floor``,
    for offsets asked in increasing order: the text is read once, not again from ``floor`` for each
    (a value of thousands of IDs over lines was quadratic). An earlier offset starts again from ``floor``."""

    def __init__(self, text: str, floor: int) -> None:
        self._text, self._floor = text, floor
        self._at, self._depth, self._ticks = floor, 0, False

    def __call__(self, offset: int) -> bool:
        if offset < self._at:
            self._at, self._depth, self._ticks = self._floor, 0, False
        text, at, depth, ticks = self._text, self._at, self._depth, self._ticks
        while at < offset:
            if text.startswith("$(", at):
                depth += 1
                at += 2
                continue
            char = text[at]
            if char == "\\":
                at += 2
                continue
            if char == ")" and depth:
                depth -= 1
            elif char == "`":
                ticks = not ticks
            at += 1
        self._at, self._depth, self._ticks = at, depth, ticks
        return depth > 0 or ticks


def _env_comment(text: str, start: int, end: int) -> Optional[int]:
    """Where a ``#`` comment starts in an unquoted value ``text[start:end]``: after a blank and outside
    the quotes inside it (``M=a" #"<ID>`` has none), or None."""
    found = _ENV_INLINE_COMMENT.search(text, start, end)
    quotes = _QuoteReader(text, start)
    while found is not None and quotes(found.start()):
        found = _ENV_INLINE_COMMENT.search(text, found.end(), end)
    return None if found is None else found.start()


class _QuoteReader:
    """The quote (``"`` or ``'``) an offset is inside of, reading the shell's quotes from ``start`` (a
    backslash escapes the next character but in single quotes), or "" outside both; for offsets asked
    in increasing order, reading the text once (as :class:`_CommandReader`)."""

    def __init__(self, text: str, start: int) -> None:
        self._text, self._start = text, start
        self._at, self._quote = start, ""

    def __call__(self, offset: int) -> str:
        if offset < self._at:
            self._at, self._quote = self._start, ""
        text, at, quote = self._text, self._at, self._quote
        while at < offset:
            char = text[at]
            if char == "\\" and quote != "'":
                at += 2
                continue
            if char in "\"'" and quote in ("", char):
                quote = "" if quote else char
            at += 1
        self._at, self._quote = at, quote
        return quote


def _expanded_into_longer_values(text: str) -> set[str]:
    """Variables whose value another value runs into a longer name or cuts (``LITE=${MODEL}-lite``,
    ``"$MODEL"'-lite'``, ``x$MODEL``, ``${MODEL%-preview}``), as docker compose and the shell read
    ``.env`` files; and the variables such a variable's own value uses (``B="$A"``, ``C="$B"-lite``)."""
    building = {found.group(1) for found in _ENV_APPEND.finditer(text)}  # X+=-lite
    if "$" not in text:
        return building
    uses: dict[str, set[str]] = {}
    quotes: dict[int, _QuoteReader] = {}  # by where they read from: the references come in order
    commands: dict[int, _CommandReader] = {}
    keys = [(found.start(), found.group(1)) for found in _ENV_LINE_KEY.finditer(text)]
    starts = [start for start, _ in keys]
    for found in _ENV_REFERENCE.finditer(text):
        name = found.group("braced") or found.group("plain")
        op = found.group("op") or ""
        if "$" in op:  # ${Y:-$X}, ${X:+$X-lite}: a reference inside another one, made of parts
            building.update(inner.group("braced") or inner.group("plain") for inner in _ENV_REFERENCE.finditer(op))
        if op.startswith((":+", "+")):
            continue  # ${A:+x}: A's value is not used
        at = bisect.bisect_right(starts, found.start()) - 1
        if at >= 0:
            uses.setdefault(keys[at][1], set()).add(name)
        line_start = text.rfind("\n", 0, found.start()) + 1
        limit = _line_end(text, found.end())
        # Quotes are counted from the start of the value the reference is in (a quoted value may span lines).
        value_start = text.find("=", keys[at][0], found.start()) + 1 if at >= 0 else line_start
        inside = _reader(quotes, _QuoteReader, text, value_start or line_start)(found.start()) == '"'
        cut = bool(op) and (op[0] in "%#/^,@" or bool(re.match(r":\s*-?\d", op)))  # ${X%x}, ${X:0:10}
        floor = max(value_start, line_start)
        if cut or _env_runs_on(text, found.start(), found.end(), limit, floor, inside,
                               _reader(commands, _CommandReader, text, floor)):
            building.add(name)
    pending = list(building)
    while pending:  # what a building variable's value uses builds too
        for name in uses.get(pending.pop(), ()):
            if name not in building:
                building.add(name)
                pending.append(name)
    return building


_R = TypeVar("_R", _QuoteReader, _CommandReader)


def _reader(readers: dict[int, _R], kind: Callable[[str, int], _R], text: str, start: int) -> _R:
    """The reader of ``text`` from ``start`` in ``readers`` (made on first use)."""
    reader = readers.get(start)
    if reader is None:
        reader = readers[start] = kind(text, start)
    return reader


def _env_value(
    text: str, matcher: Matcher, start: int, end: int, reason: str, glued: str, line_end: Optional[int] = None
) -> list[_Region]:
    """Regions for a value ``text[start:end]``: its IDs that the shell runs on into more text through a
    quote, a parenthesis, a brace or a backtick get ``glued`` as their reason (``"<ID>"-lite``,
    ``$(echo <ID>)-lite``, ``<ID>"-lite"``, ``pre"<ID>"``), the rest of the value ``reason``. (The
    matcher already keeps an ID that letters or a ``-`` continue directly from being one.)
    ``line_end``: where the shell's word may go on to (past a quoted value's closing quote)."""
    if not glued:
        return [_Region(start, end, _VALUE, reason)]
    regions, at = [], start
    limit = end if line_end is None else line_end
    quotes, commands = _QuoteReader(text, start), _CommandReader(text, start)
    for match in matcher.finditer(text, start, end):
        inside = quotes(match.start) == '"'
        if _env_runs_on(text, match.start, match.end, limit, start, inside, commands):
            if match.start > at:
                regions.append(_Region(at, match.start, _VALUE, reason))
            regions.append(_Region(match.start, match.end, _VALUE, glued))
            at = match.end
    if end > at:
        regions.append(_Region(at, end, _VALUE, reason))
    return regions


def _scan_env(text: str, matcher: Matcher) -> Scan:
    """Read a ``.env`` file: ``KEY=value`` / ``export KEY="value"`` (quotes may span lines), ``#`` comments."""
    index = LineIndex(text)
    scan = Scan(noqa=collect_noqa(text, index))
    regions: list[_Region] = []
    comments: list[tuple[int, int]] = []
    keys: list[tuple[int, int, Path, str]] = []
    resume = 0  # the end of a quoted value that spanned lines
    continued = False  # the line before ended an unquoted value with a backslash: this line goes on with it
    building = _expanded_into_longer_values(text)
    for start, end in _lines(text, index):
        if continued:
            continued = text[start:end].rstrip(" \t").endswith("\\")
            if end > start:
                regions.append(_Region(start, end, _VALUE, _ENV_JOINED))
            continue
        if start < resume:
            start = resume
            if start >= end:
                continue
            comment_at = _env_comment(text, start, end)  # after a quoted value over lines
            if comment_at is not None:
                comments.append((comment_at, end))
            continue
        line = text[start:end]
        body = line.lstrip()
        if not body:
            continue
        first = start + len(line) - len(body)
        if body[0] == "#":
            comments.append((first, end))
            continue
        assignment = _ENV_ASSIGNMENT.match(text, start, end)
        if assignment is None:
            regions.append(_Region(first, end, _VALUE, "not a KEY=value line"))
            continue
        keys.append((assignment.start("key"), assignment.end("key"), (), assignment.group("key")))
        expanded = _ENV_EXPANDED if assignment.group("key") in building else ""
        value_start = assignment.end()
        quote = text[value_start : value_start + 1]
        if quote in ('"', "'"):
            closing = (_ENV_DOUBLE if quote == '"' else _ENV_SINGLE).match(text, value_start)
            if closing is None:
                regions.append(_Region(value_start, end, _VALUE, "unterminated quoted value"))
                continue
            word_end = end if closing.end() <= end else _line_end(text, closing.end())  # past a quote over lines
            tail = text[closing.end() : word_end]
            glued = bool(tail) and not tail[0].isspace() and tail[0] != "#"
            command = quote == '"' and _ENV_COMMAND.search(text, value_start, closing.end()) is not None
            why = _ENV_GLUED if glued else _ENV_SHELL if command else ""
            regions.extend(_env_value(text, matcher, value_start, closing.end(), expanded, why, word_end))
            if closing.end() > end:
                resume = closing.end()
                continue
            comment_at = _env_comment(text, closing.end(), end)  # not a '#' in a quoted part glued on
            if comment_at is not None:
                comments.append((comment_at, end))
            continue
        comment_at = _env_comment(text, value_start, end)
        value_end = comment_at if comment_at is not None else end
        if comment_at is not None:
            comments.append((comment_at, end))
        if value_end > value_start:
            # A backslash at the end of an unquoted value joins the next line to it (as the shell does).
            joined = text[value_start:value_end].rstrip(" \t").endswith("\\") and comment_at is None
            if joined:
                regions.append(_Region(value_start, value_end, _VALUE, _ENV_JOINED))
                continued = True
            elif _ENV_SHELL_SYNTAX.search(text, value_start, value_end) is not None:
                regions.extend(_env_value(text, matcher, value_start, value_end, expanded, _ENV_SHELL))
            else:
                regions.append(_Region(value_start, value_end, _VALUE, expanded))
    regions.extend(_key_regions(keys, matcher))
    regions.extend(_Region(s, e, _PROSE) for s, e in comments)
    scan.mentions = _mentions(text, matcher, index, regions, "not inside a .env key, value or comment")
    scan.prose = _prose(text, index, comments)
    return scan


scan_env = _guarded(".env", _scan_env)


# ---------------------------------------------------------------------------------------------
# After a fix: does the file still load, with the same entries?

_NAMES = {Kind.JSON: "JSON", Kind.NOTEBOOK: "JSON", Kind.TOML: "TOML", Kind.YAML: "YAML"}


def _load(kind: Kind, text: str) -> Any:
    if kind is Kind.TOML:
        return tomllib.loads(text)
    if kind is Kind.YAML:
        return _yaml_load_all(text)
    return json.loads(text)


@functools.lru_cache(maxsize=1)
def _yaml_loader() -> Any:
    """A safe loader (libyaml when available) that keeps unknown tags (``!Ref``, ``!include``) as plain nodes."""
    yaml = _yaml_module()
    base = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

    class _Loader(base):  # type: ignore[misc, valid-type]
        pass

    def _untagged(loader: Any, node: Any) -> Any:
        if isinstance(node, yaml.MappingNode):
            return loader.construct_mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node)
        return loader.construct_scalar(node)

    _Loader.add_constructor(None, _untagged)
    return _Loader


def _yaml_load_all(text: str) -> list[Any]:
    yaml = _yaml_module()
    return list(yaml.load_all(text, Loader=_yaml_loader()))


def same_entries(kind: Kind, old_text: str, new_text: str) -> Optional[str]:
    """Why the fixed ``new_text`` must not be written, or None when it is sound.

    For JSON (and notebooks), TOML and YAML both texts are loaded: the fixed one must load and have
    the same shape, with the same number of entries in every mapping and list, and only strings (or
    string keys) changed. Other kinds are not checked here (None).
    """
    fmt = _NAMES.get(kind)
    if fmt is None:
        return None
    try:
        old = _load(kind, old_text)
    except Exception as exc:  # the original does not load: nothing to compare against
        return f"the original {fmt} does not load ({_first_line(exc)})"
    try:
        new = _load(kind, new_text)
    except Exception as exc:
        return f"the fixed {fmt} would not load: {_first_line(exc)}"
    try:
        if kind is Kind.YAML:
            return _compare_documents(old, new)
        return _compare(old, new)
    except RecursionError:  # pragma: no cover - the walk is iterative; only exotic keys recurse
        return f"the {fmt} is too deeply nested to compare"


def _compare_documents(old: list[Any], new: list[Any]) -> Optional[str]:
    if len(old) != len(new):
        return "the fix would change the number of YAML documents"
    for number, (a, b) in enumerate(zip(old, new), start=1):
        problem = _compare(a, b)
        if problem is not None:
            return problem if len(old) == 1 else f"{problem} (document {number})"
    return None


_Trail = Optional[tuple[Any, Any]]  # (parent trail, key or index): built per node, rendered on error
_PLAIN_NAME = re.compile(r"[^.\[\]\s\"']+")


def _where(trail: _Trail) -> str:
    """``a.b[2]."c.d"`` for a trail, or "the top level"."""
    steps: list[Any] = []
    while trail is not None:
        trail, step = trail
        steps.append(step)
    path = ""
    for step in reversed(steps):
        if isinstance(step, int) and not isinstance(step, bool):
            path += f"[{step}]"
            continue
        name = str(step)
        if not _PLAIN_NAME.fullmatch(name):
            name = json.dumps(name, ensure_ascii=False)
        path = f"{path}.{name}" if path else name
    return path or "the top level"


def _same(a: Any, b: Any) -> bool:
    """``a == b`` with the same type, in C; False when that recursion cannot finish (aliases, depth)."""
    try:
        return type(a) is type(b) and bool(a == b)
    except RecursionError:
        return False


def _compare(old: Any, new: Any) -> Optional[str]:
    """The first difference between ``old`` and ``new`` other than changed strings, or None.

    Iterative (no recursion limit), each shared node walked once (YAML aliases may even loop), and
    the path of a node is only rendered when something is wrong there. Subtrees that compare equal
    are skipped: the fix did not touch them (``==`` cannot tell 1 from 1.0 or True deep inside, but
    replacing an ID inside a string cannot turn one into the other).
    """
    stack: list[tuple[Any, Any, _Trail]] = [(old, new, None)]
    seen: set[tuple[int, int]] = set()
    while stack:
        a, b, trail = stack.pop()
        if isinstance(a, dict):
            if not isinstance(b, dict):
                return f"the fix would change the type of {_where(trail)}"
            if (id(a), id(b)) in seen:
                continue
            seen.add((id(a), id(b)))
            if len(b) < len(a):
                return f"the fix would merge two keys in {_where(trail)}"
            if len(b) != len(a):
                return f"the fix would change the number of entries in {_where(trail)}"
            for (key_a, value_a), (key_b, value_b) in zip(a.items(), b.items()):
                if key_a != key_b and not (isinstance(key_a, str) and isinstance(key_b, str)):
                    return f"the fix would change a non-string key in {_where(trail)}"
                if (type(value_a) is str and type(value_b) is str) or _same(value_a, value_b):
                    continue  # a string leaf, or an unchanged subtree (compared in C)
                stack.append((value_a, value_b, (trail, key_b)))
        elif isinstance(a, list):
            if not isinstance(b, list):
                return f"the fix would change the type of {_where(trail)}"
            if (id(a), id(b)) in seen:
                continue
            seen.add((id(a), id(b)))
            if len(b) != len(a):
                return f"the fix would change the number of items in {_where(trail)}"
            for number, (item_a, item_b) in enumerate(zip(a, b)):
                if (type(item_a) is str and type(item_b) is str) or _same(item_a, item_b):
                    continue
                stack.append((item_a, item_b, (trail, number)))
        elif isinstance(a, str):
            if not isinstance(b, str):
                return f"the fix would change the type of {_where(trail)}"
        elif type(a) is not type(b):
            return f"the fix would change the type of {_where(trail)}"
        elif a != b and not (a != a and b != b):  # NaN equals NaN here
            return f"the fix would change a non-string value in {_where(trail)}"
    return None
