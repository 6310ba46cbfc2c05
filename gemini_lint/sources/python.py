"""Python sources: libcst decides what is a value, a docstring or a comment; offsets come from a lexer.

Why not a ``CSTVisitor`` with ``PositionProvider``? Measured on the standard library, position
metadata costs about 2.5x the parse and a full ``CSTVisitor`` pass about 0.8x the parse. Instead:

1. a small lexer (compiled regexes) finds every string token, f-string literal part and comment with
   its offsets, in one pass over the text;
2. libcst parses the file once; a plain iterative walk over the tree (about 0.15x the parse) counts
   the IDs in string values, docstrings and comments, and records which string tokens are docstrings;
3. the two must agree, count for count. When they do, the lexer's offsets are exact and fixes are
   offered; when they do not (a construct the lexer misreads), every ID is still reported but no fix
   is offered. A wrong rewrite is worse than a missed fix.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import re
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from typing import Any, Callable, Optional

from gemini_lint.matching import LINE_CONTINUATION, Match, Matcher, may_be_joined_over_lines, may_be_split
from gemini_lint.sources.base import (
    ADDRESS_REASON,
    BOUNDARY_ESCAPES,
    DESCRIBING_KEYS,
    DISPLAY_NAME_REASON,
    ENDS_A_SENTENCE,
    ESCAPE_REASON,
    FIELD_REASON,
    IDENTITY_KEYS,
    MAPPING_REASON,
    MODEL_KEYS,
    NAME_AFTER_REASON,
    PATH_REASON,
    PRICED_REASON,
    RECORD_NAME_REASON,
    REF_REASON,
    RETIRED_TEXT_REASON,
    TEMPLATE_REASON,
    VARIANT_REASON,
    VERSION_REASON,
    _VARIANT,
    Context,
    LineIndex,
    Mention,
    ProseBlock,
    Scan,
    blank,
    blank_except,
    collect_noqa,
    continued_in_code,
    escape_next_to,
    key_conflicts,
    mark_migrations,
    names_for_people,
    shown_to_people,
    plain_mentions,
    position_of,
    prices_a_model,
    renamed,
    says_retired,
    RETIRED_STEMS,
    value_fix_blocker,
)

STRING, FSTRING_PART, COMMENT = "string", "fstring", "comment"

_PREFIXES = frozenset(
    ["", "r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "tr", "rt"]
)
_NEXT = re.compile(r"[#'\"]")
_EOL = re.compile(r"[\r\n]")
_BODY = {
    "'": re.compile(r"'(?:[^'\\\n]|\\(?:\r\n|[\s\S]))*'"),
    '"': re.compile(r'"(?:[^"\\\n]|\\(?:\r\n|[\s\S]))*"'),
    "'''": re.compile(r"'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''"),
    '"""': re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""'),
}


class LexError(ValueError):
    """The lexer could not read the source (libcst will say why)."""


@dataclass(frozen=True)
class Span:
    """A region of the source: a whole string token, an f-string literal part, or a comment."""

    start: int
    end: int
    kind: str
    depth: int = 0


def _is_ident(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _quote_at(text: str, i: int) -> str:
    triple = text[i : i + 3]
    return triple if triple in ('"""', "'''") else text[i]


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[Span] = []
        self.depth = 0

    def run(self) -> list[Span]:
        text, pos, n = self.text, 0, len(self.text)
        while pos < n:
            found = _NEXT.search(text, pos)
            if found is None:
                break
            pos = self._token(found.start())
        self.spans.sort(key=lambda span: (span.start, -span.end))
        return self.spans

    def _token(self, i: int) -> int:
        """Lex the comment or string starting at ``i`` (a ``#`` or a quote); return the offset after it."""
        text = self.text
        if text[i] == "#":
            end = self._line_end(i)
            self.spans.append(Span(i, end, COMMENT, self.depth))
            return end
        begin = i
        while begin > 0 and i - begin < 2 and _is_ident(text[begin - 1]):
            begin -= 1
        prefix = text[begin:i].lower()
        if prefix not in _PREFIXES or (begin > 0 and _is_ident(text[begin - 1])):
            prefix, begin = "", i
        if "f" in prefix or "t" in prefix:
            return self._fstring(begin, i, "r" in prefix)
        quote = _quote_at(text, i)
        found = _BODY[quote].match(text, i)
        if found is None:
            raise LexError(f"unterminated string at offset {i}")
        self.spans.append(Span(begin, found.end(), STRING, self.depth))
        return found.end()

    def _line_end(self, i: int) -> int:
        found = _EOL.search(self.text, i)  # not find("\r"): in a file without one, it reads to the end each time
        return found.start() if found else len(self.text)

    def _fstring(self, begin: int, i: int, raw: bool) -> int:
        quote = _quote_at(self.text, i)
        self.depth += 1
        end = self._literal(i + len(quote), quote, in_spec=False, raw=raw)
        self.depth -= 1
        self.spans.append(Span(begin, end, STRING, self.depth))
        return end

    def _literal(self, j: int, quote: str, *, in_spec: bool, raw: bool) -> int:
        """Literal text of an f-string (or a format spec) from ``j``; return the offset after its end."""
        text, n = self.text, len(self.text)
        part = j
        while j < n:
            if text.startswith(quote, j) and not in_spec:
                self.spans.append(Span(part, j, FSTRING_PART, self.depth))
                return j + len(quote)
            ch = text[j]
            if ch == "\\":
                j += self._escape_length(j, raw)
            elif ch == "{":
                if text.startswith("{{", j) and not in_spec:
                    j += 2
                    continue
                self.spans.append(Span(part, j, FSTRING_PART, self.depth))
                j = self._replacement_field(j + 1, quote, raw)
                part = j
            elif ch == "}":
                if in_spec:
                    self.spans.append(Span(part, j, FSTRING_PART, self.depth))
                    return j + 1
                j += 2 if text.startswith("}}", j) else 1
            elif ch in "\r\n" and len(quote) == 1 and not in_spec:
                raise LexError(f"unterminated f-string at offset {j}")
            else:
                j += 1
        raise LexError("unterminated f-string at end of file")

    def _escape_length(self, j: int, raw: bool) -> int:
        """Length of the backslash sequence at ``j`` in f-string literal text.

        A backslash never escapes a brace: ``\\{`` is a backslash and then a field. In a raw
        f-string it only keeps a quote, a backslash or a line break from ending anything; ``\\N{...}``
        is one escape in a plain one.
        """
        text = self.text
        following = text[j + 1 : j + 2]
        if following in ("{", ""):
            return 1
        if text.startswith("\r\n", j + 1):  # a line continuation, CRLF
            return 3
        if raw:
            return 2 if following in "\\'\"\r\n" else 1
        if following == "N" and text.startswith("{", j + 2):
            close = text.find("}", j + 3)
            if close != -1:
                return close + 1 - j
        return 2

    def _replacement_field(self, j: int, quote: str, raw: bool) -> int:
        """An f-string ``{...}`` from just after ``{``; return the offset after its ``}``."""
        text, n = self.text, len(self.text)
        depth = 0
        while j < n:
            ch = text[j]
            if ch in "([{":
                depth += 1
            elif ch in ")]":
                depth -= 1
            elif ch == "}":
                if depth == 0:
                    return j + 1
                depth -= 1
            elif ch == ":" and depth == 0:
                return self._literal(j + 1, quote, in_spec=True, raw=raw)
            elif ch in "'\"":
                j = self._token(j)
                continue
            elif ch == "#":
                j = self._token(j)
                continue
            j += 1
        raise LexError("unterminated f-string replacement field")


def lex(text: str) -> list[Span]:
    """String tokens, f-string literal parts and comments of ``text``, in source order.

    A string token's span covers prefix and quotes; an f-string is one ``string`` span plus
    ``fstring`` spans for its literal parts (and nested spans for strings inside its fields).
    """
    return _Lexer(text).run()


# --------------------------------------------------------------------------------------------
# What libcst may be given

#: Deepest bracket nesting handed to libcst: its native parser overflows the C stack (a SIGSEGV that
#: ends the whole run) near 1500 levels and needs seconds for 1000 ``[``. CPython refuses over 200.
MAX_NESTING = 200
#: Deepest expression handed to libcst, counted as the operators and brackets in the unfinished item
#: of every open bracket (a comma, a semicolon or the end of the logical line finishes an item).
#: libcst's time grows with its square (0.4 s for a chain of 1000 ``+``, 6 s for 3000) and a chain
#: of 10000 ``and`` crashes it; CPython refuses about 3000.
MAX_DEPTH = 1000

_F_STRING_START = re.compile(r"(?:[rR]?[fFtT]|[fFtT][rR])['\"]")
#: Brackets, item and line ends, a backslash continuation, operator runs and the keywords that nest.
_CODE_TOKEN = re.compile(r"[()\[\]{},;\r\n]|\\\r?\n|[-+*/%@&|^~<>!.=]+|\b(?:not|and|or|if|else|lambda|await)\b")
_OPEN, _CLOSE, _ITEM_END, _LINE_END = range(1, 5)
_TOKEN_KINDS = {
    **dict.fromkeys("([{", _OPEN), **dict.fromkeys(")]}", _CLOSE), **dict.fromkeys(",;", _ITEM_END),
    "\r": _LINE_END, "\n": _LINE_END, "\\": 0,
}


class TooDeep(ValueError):
    """The source nests deeper than libcst parses safely and quickly."""


def check_depth(source: str, spans: Optional[list[Span]]) -> None:
    """Raise :class:`TooDeep` where ``source`` goes past :data:`MAX_NESTING` or :data:`MAX_DEPTH`.

    One regex pass over the code outside strings and comments (``spans`` from :func:`lex`; None
    counts the whole text): a few per cent of the parse it guards.
    """
    if obviously_shallow(source):
        return
    items = [0]  # per open bracket (the first: the logical line), operators and brackets in its open item
    fields = [False]  # per open bracket: whether it opened a replacement field of an f-string
    depth = 0  # sum(items)
    kind_of = _TOKEN_KINDS.get
    # A replacement field of an f-string is one of the string's parts, beside the others, not nested
    # in them (1,001 fields in a template had counted as 1,001 levels): its "{" adds nothing to the
    # item around it. A field opens where the string's text or content starts, or right after a field.
    openers = _field_openers(source, spans)
    field_end = -1
    for start, end in _code_between(source, spans):
        for match in _CODE_TOKEN.finditer(source, start, end):
            token = match.group()
            kind = kind_of(token[0])
            if kind is None:  # an operator run (each character counts) or a keyword
                count = 1 if token[0].isalpha() else len(token)
                items[-1] += count
                depth += count
            elif kind == _OPEN:  # an atom, a call or a subscript: one level here, a new item inside
                field = token == "{" and (match.start() in openers or match.start() == field_end)
                if not field:
                    items[-1] += 1
                    depth += 1
                items.append(0)
                fields.append(field)
                if len(items) > MAX_NESTING + 1:
                    raise _too_deep(source, match.start(), f"brackets nested more than {MAX_NESTING} deep")
            elif kind == _CLOSE:
                if len(items) > 1:
                    depth -= items.pop()
                    if fields.pop():
                        field_end = match.end()  # f"{a}{b}": the next field opens right here
                continue
            elif kind == _ITEM_END or (kind == _LINE_END and len(items) == 1):
                depth -= items[-1]
                items[-1] = 0
                continue
            else:  # a line end inside brackets, a backslash continuation
                continue
            if depth > MAX_DEPTH:
                raise _too_deep(source, match.start(), f"an expression more than {MAX_DEPTH} operators deep")


def _field_openers(source: str, spans: Optional[list[Span]]) -> set[int]:
    """Where a replacement field of an f-string may open: right after a piece of its literal text, or
    at the start of its content (``f"{``)."""
    if spans is None:
        return set()
    found = {span.end for span in spans if span.kind == FSTRING_PART}
    for span in spans:
        head = _F_STRING_START.match(source, span.start) if span.kind == STRING else None
        if head is not None:
            quote = head.end()
            if source.startswith(source[quote - 1] * 2, quote):  # a triple quote
                quote += 2
            found.add(quote)
    return found


#: What check_depth counts, as plain substrings: every occurrence in the text (strings and comments
#: included, keywords inside longer words too) is at least one token it would count.
_COUNTED = tuple("-+*/%@&|^~<>!.=") + ("not", "and", "or", "if", "else", "lambda", "await")


def obviously_shallow(source: str) -> bool:
    """True when ``source`` cannot reach either limit, by counting substrings (about a tenth of the full check).

    Nesting never exceeds the number of opening brackets, and an expression's depth never exceeds the
    number of tokens the check counts, which the substring counts bound from above. Most files of
    a few KB pass; the rest get the exact pass.
    """
    opens = source.count("(") + source.count("[") + source.count("{")
    return opens <= MAX_NESTING and opens + sum(source.count(token) for token in _COUNTED) <= MAX_DEPTH


def _code_between(source: str, spans: Optional[list[Span]]) -> Iterator[tuple[int, int]]:
    """The regions of ``source`` outside comments, strings and f-string literal text, in order."""
    if spans is None:
        yield 0, len(source)
        return
    at = 0
    for span in spans:
        # Spans left out here are all nested in an f-string's span, whose replacement fields are code.
        if span.start < at or (span.kind == STRING and _F_STRING_START.match(source, span.start)):
            continue
        yield at, span.start
        at = span.end
    yield at, len(source)


def _too_deep(source: str, offset: int, what: str) -> TooDeep:
    return TooDeep(f"{what} at line {LineIndex(source).position(offset)[0]}")


def _parse(source: str) -> tuple[Any, list[Span]]:
    """libcst's tree and the lexer's spans of ``source``; raises when either cannot be had.

    The depth check runs first: libcst must never see what could crash the process.
    """
    try:
        spans = lex(source)
    except (LexError, RecursionError):
        # Not fixable either way. libcst gives the clearer reason, if the whole text (strings
        # counted too, so perhaps too strictly) shows that it is safe to run; else the lexer's.
        with contextlib.suppress(TooDeep):
            check_depth(source, None)
            parse_module(source)
        raise
    check_depth(source, spans)
    return parse_module(source), spans


_parse_lock = threading.Lock()
_parsing = 0
_gc_was_enabled = False


def _skip_validation(node: Any) -> None:
    """Stands in for ``CSTNode.__post_init__`` while libcst's parser builds a tree."""


def parse_module(source: str) -> Any:
    """``libcst.parse_module``, without libcst re-validating every node its own parser just built.

    Each node's ``__post_init__`` runs ``_validate()``, checks meant for trees built by hand; on
    parser output they always pass and cost about a fifth of the parse (measured: 3.66 s -> 2.94 s
    CPU on 150 files of the dense benchmark). libcst says as much beside that method ("It might make
    more sense to move validation work into the visitor, which would allow us to avoid validating
    the tree when parsing a file"). The hook is switched off only for the duration of the parse, only
    when it is exactly ``self._validate()`` (any other libcst keeps its own), and switched back after;
    the tree is the same either way (tested). The node classes' faster constructors
    (:mod:`~gemini_lint.sources.cst_constructors`) skip the call altogether meanwhile.

    The cyclic garbage collector is paused for the parse too: a parse allocates ~100,000 objects and
    no cycles, so the collections it triggers find nothing and cost ~4% of it.
    """
    load()
    import libcst as cst

    from gemini_lint.sources.cst_constructors import checking, validation_hook

    global _parsing, _gc_was_enabled
    node = cst.CSTNode
    hook = validation_hook(node)
    if hook is None:
        return cst.parse_module(source)
    with _parse_lock:
        if _parsing == 0:
            setattr(node, "__post_init__", _skip_validation)  # noqa: B010
            checking(False)
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _parsing += 1
    try:
        return cst.parse_module(source)
    finally:
        with _parse_lock:
            _parsing -= 1
            if _parsing == 0:
                setattr(node, "__post_init__", hook)  # noqa: B010
                checking(True)
                if _gc_was_enabled:
                    gc.enable()


# --------------------------------------------------------------------------------------------
# The tree side


@dataclass
class _TreeFacts:
    value_ids: int = 0
    docstring_ids: int = 0
    docstrings: Optional[Counter[str]] = None
    value_strings: Optional[Counter[str]] = None  # how many times each literal holding an ID is a value
    all_docstrings: Optional[set[str]] = None
    #: String literals (as written) that a fix must not rename: dict keys whose new name another key has.
    kept_keys: Optional[dict[str, str]] = None
    #: IDs looked for as a prefix, pattern or substring somewhere: fixed nowhere in the file's values.
    searched_ids: frozenset[str] = frozenset()
    #: The fates (:func:`_by_fate`) of literals whose fix is unsafe: compared with a value, with the reason.
    unsafe: Optional[dict[str, str]] = None


_FIELDS: dict[type, tuple[str, ...]] = {}
#: What may stand before an ID in a provider's path to it (``google/``, ``models/``, ``vertex_ai/``).
_PROVIDER_PATH = re.compile(r"(?:[A-Za-z0-9_.\-]+/)+")
#: Per node class, for the tree walk: its fields to walk, and whether it may build a name
#: (:class:`_Builds`), has a body (docstrings), is a mapping (kept keys).
_PLANS: dict[type, tuple[tuple[str, ...], bool, bool, bool]] = {}
#: Per type: a node class that may lead to a string (a libcst node, not one of the leaf types).
_WANTED: dict[type, bool] = {}
_LEAVES: set[type] = set()


#: Fields that only ever hold whitespace, comments, parentheses or separators (never a string).
_BARE_FIELDS = frozenset(
    "lpar rpar comma semicolon leading_lines trailing_whitespace lines_after_decorators header footer newline".split()
)


def _child_fields(cls: type) -> tuple[str, ...]:
    """The fields of a node class that may lead to a string, in declaration order."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(
            f.name for f in fields(cls) if f.name not in _BARE_FIELDS and not f.name.startswith("whitespace")
        )
    return names


def _wanted(kind: type) -> bool:
    """Whether a walk enters a node of type ``kind``: a libcst node, not one of the leaf types (cached)."""
    import libcst as cst

    go = _WANTED[kind] = issubclass(kind, cst.CSTNode) and kind not in _leaf_types(cst)
    return go


def load() -> None:
    """Import libcst and build the walk's tables now (before worker processes are forked).

    A Ctrl-C during the import waits for its end (:mod:`gemini_lint.interrupts`).
    """
    if "libcst" not in sys.modules:
        from gemini_lint.interrupts import held

        with held():
            import libcst  # noqa: F401
    import libcst as cst

    from gemini_lint.sources.cst_constructors import install

    install(cst.CSTNode)
    _leaf_types(cst)


def _leaf_types(cst: Any) -> set[type]:
    """Node types whose subtree holds no string: whitespace, comments, operators, names, numbers.

    Skipping them is most of the walk's speed. Comments are left to the lexer, which finds them
    unambiguously once strings are lexed right (and string counts are what the tree checks).
    """
    if not _LEAVES:
        named = (
            "SimpleWhitespace ParenthesizedWhitespace Newline EmptyLine TrailingWhitespace Comment Name "
            "Integer Float Imaginary Comma Dot Colon Semicolon AssignEqual LeftParen RightParen "
            "LeftSquareBracket RightSquareBracket LeftCurlyBrace RightCurlyBrace Ellipsis ImportStar "
            "Pass Break Continue"
        ).split()
        _LEAVES.update(getattr(cst, name) for name in named if hasattr(cst, name))
        bases = tuple(
            getattr(cst, name) for name in ("BaseBinaryOp", "BaseUnaryOp", "BaseBooleanOp", "BaseCompOp", "BaseAugOp")
        )
        pending = list(bases)
        while pending:
            cls = pending.pop()
            _LEAVES.add(cls)
            pending.extend(cls.__subclasses__())
    return _LEAVES


def _tree_facts(module: Any, matcher: Matcher) -> _TreeFacts:
    """Count IDs in string values and docstrings of the libcst tree (an iterative walk, no visitor)."""
    import libcst as cst

    facts = _TreeFacts(docstrings=Counter(), value_strings=Counter(), all_docstrings=set(), kept_keys={})
    assert facts.docstrings is not None and facts.value_strings is not None
    assert facts.all_docstrings is not None and facts.kept_keys is not None
    docstring_nodes: set[int] = set()
    kept_count = Counter[str]()
    simple, text_part = cst.SimpleString, cst.FormattedStringText
    templated = getattr(cst, "TemplatedStringText", text_part)
    stems = tuple(stem.decode() for stem in matcher.stems)
    bodies = (cst.Module, cst.ClassDef, cst.FunctionDef)
    mappings = (cst.Dict, cst.MatchMapping)
    dict_display = cst.Dict
    keys: list[str] = []  # string keys of dict displays holding an ID (as written)
    leaves = _leaf_types(cst)
    wanted = _WANTED
    builds = _Builds(cst, stems, matcher)
    builders = builds.types
    plans = _PLANS
    unsure = False

    def count(value: str) -> int:
        if not any(stem in value for stem in stems):
            return 0
        return sum(1 for _ in matcher.finditer(value))

    stack: list[Any] = [module]
    while stack:
        node = stack.pop()
        cls = type(node)
        if cls is simple:
            found = count(node.value)
            is_docstring = id(node) in docstring_nodes
            if is_docstring:
                facts.all_docstrings.add(node.value)
            if found:
                if is_docstring:
                    facts.docstring_ids += found
                    facts.docstrings[node.value] += 1
                else:
                    facts.value_ids += found
                    facts.value_strings[node.value] += 1
            continue
        if cls is text_part or cls is templated:
            facts.value_ids += count(node.value)
            continue
        plan = plans.get(cls)
        if plan is None:
            plan = plans[cls] = (_child_fields(cls), cls in builders, cls in bodies, cls in mappings)
        names, builder, body, mapping = plan
        if builder:
            try:
                builds.visit(node)
            except Exception:  # noqa: BLE001 - a shape not foreseen: no fix in this file rather than no report
                unsure = True
        if body:
            docstring_nodes.update(id(s) for s in _docstring_parts(node, cst))
        elif mapping:
            for written, reason in _kept_keys(node, cst, matcher, stems).items():
                kept_count[written] += 1
                known = facts.kept_keys.setdefault(written, reason)
                if known != reason:
                    facts.kept_keys[written] = _KEPT_SOMEWHERE
            if cls is dict_display:  # a dict's keys (a price table, a tokenizer map): unsafe fixes
                for element in node.elements:
                    key = getattr(element, "key", None)
                    if type(key) is simple and any(stem in key.value for stem in stems):
                        keys.append(key.value)
        for name in names:
            child = getattr(node, name)
            kind = type(child)
            if kind is list or kind is tuple:
                stack.extend([c for c in child if type(c) not in leaves])
                continue
            go = wanted.get(kind)
            if go is None:
                go = _wanted(kind)
            if go:
                stack.append(child)
    # The lexer tells a literal by its text: one that also stands elsewhere keeps a reason true of all.
    for written, times in kept_count.items():
        if facts.value_strings[written] > times:
            facts.kept_keys[written] = _KEPT_SOMEWHERE
    for written, reason in builds.withheld().items():
        facts.kept_keys.setdefault(written, reason)
    facts.searched_ids = frozenset(builds.searched_ids)
    # One string, one fate: a literal is known by what stands between its quotes, so that 'x', "x"
    # and f"x" (a dict's key and its lookup, a constant and a comparison) share what befalls one.
    facts.kept_keys = _by_fate(facts.kept_keys)
    facts.unsafe = _by_fate(
        {**dict.fromkeys(keys, KEY_REASON), **builds.entries, **builds.failing(), **builds.mapped_to_names(),
         **builds.compared(), **builds.listed_elsewhere(), **builds.named_for_the_old(), **builds.shown}
    )
    if unsure:
        facts.value_ids = -1  # the lexer's count cannot agree: every ID is reported, none fixed
    return facts


def _attribute_names(node: Any, cst: Any) -> set[str]:
    """The attribute names of the chain ``node`` (``{"objects", "all"}`` of ``Usage.objects.all()``)."""
    names: set[str] = set()
    while True:
        if type(node) is cst.Call:
            node = node.func
        elif type(node) is cst.Attribute:
            names.add(node.attr.value)
            node = node.value
        else:
            return names


def _by_fate(reasons: dict[str, str]) -> dict[str, str]:
    """``reasons`` keyed by a literal's fate, the text between its quotes (:func:`_inside_quotes`);
    literals of one fate with different reasons get the first in order."""
    merged: dict[str, str] = {}
    for written in sorted(reasons):
        merged.setdefault(_inside_quotes(written), reasons[written])
    return merged


FORMAT_REASON = "the string is formatted into a template or joined, which may build a longer name"
SEARCH_REASON = "the string is looked for as a prefix, pattern or substring, which also matches longer names"
SEARCHED_ID_REASON = (
    "this file looks for the ID as a prefix, pattern or substring elsewhere; fixing one side would part them"
)
CONSTANT_REASON = "the constant '{name}' holding it builds a longer name or is taken apart elsewhere in this file"
SLICE_REASON = "the string is cut by a slice, which counts on the old name's length"
PATH_OPERAND_REASON = "the string is joined into a file path by '/': the renamed path may not exist"
RETURN_REASON = "the function '{name}' returning it builds a longer name elsewhere in this file"
MAPPED_REASON = "in this file the string is a key mapped to '{name}', a model name: fixed, the map would send the new name to itself"
LOOKED_UP_REASON = (
    "the value is looked up in a mapping imported from another module, whose keys' fixes are unsafe there "
    "(a dict's key): fixed alone, the lookup would find nothing"
)
LOADED_REASON = (
    "the value is looked up in data loaded from a file (json.load, yaml.safe_load...), whose keys' fixes are "
    "unsafe there (a mapping's key): fixed alone, the lookup would find nothing"
)
PROBED_REASON = (
    "a test asserts what a call gives for this ID (its version, a default, a tokenizer): renamed, it would "
    "test another model against the old one's expectation"
)
KEY_REASON = (
    "a dict's key: the entry's data (prices, limits, a tokenizer, a profile) describe the old model, and renamed "
    "they would be the new model's (a lookup by the same string moves with it)"
)
MAPPED_IMPORTED_REASON = (
    "in this file the string is a key mapped to '{name}', imported: it may hold the new name, and "
    "fixed, the map would send it to itself"
)
PAIR_KEY_REASON = (
    "the first of a pair in '{name}', a list of pairs read as a table (a context size, a price per model): the "
    "pair's data describe the old model, and renamed they would be the new model's"
)
MEMBER_REASON = (
    "an item of '{name}', a collection models are tested against ('in'): it says what each model does or may "
    "do, and renamed, the new model would be listed for what the old one did"
)
CAPABILITY_REASON = (
    "an item of '{name}', whose name says what its models support: renamed, the new model would be listed for "
    "what the old one did (the list may be tested in another module)"
)
LISTED_ELSEWHERE_REASON = (
    "the collection '{name}' in this file lists '{new}' already: renamed, the new model would be in both "
    "(a capability set, a list of models that take an option)"
)
COMPARED_REASON = "the string is compared with a value: code testing for the old name may mean it"
COMPARED_CONSTANT_REASON = "the constant '{name}' holding it is compared with a value: code testing for the old name may mean it"
SEARCHED_CONSTANT_REASON = (
    "the constant '{name}' holding it is looked for as a prefix, pattern or substring, which also matches longer names"
)
OVERLOAD_REASON = "the string is in an @overload's signature: another overload may take the new name already"
NAMED_FOR_REASON = (
    "the constant '{name}' holding it is named for the old model: renamed, '{name}' would hold another model "
    "(an enum member, a library's constant: code that asks for it would get the new one); rename both by hand"
)
REGISTERED_REASON = (
    "{label} registers what it decorates under this name: the code describes the old model, and renamed it "
    "would be registered for the new one"
)
#: A registering decorator's keywords that give the name registered (others give settings, a default).
_REGISTRY_KEYWORDS = frozenset({"name", "id", "key", "model", "model_name", "model_id"})
#: Decorators with arguments that register nothing under them.
_NOT_REGISTRIES = frozenset({"parametrize", "patch", "skipif", "xfail", "filterwarnings", "usefixtures"})
EXPECTED_FAILURE_REASON = (
    "a test expects an error, a warning or a false result here: it may check that the old name is rejected"
)


#: A call's keywords that name the entry it builds, in a list of records (``name=``, ``id=``).
_CALL_IDENTITY_KEYWORDS = frozenset({"name", "id"})
#: Keys that name a record's model only beside a key saying what the model is (:data:`DESCRIBING_KEYS`).
_RECORD_MODEL_KEYS = MODEL_KEYS | {"model_name", "model_id"}


class _Items:
    """The items of an iterable, as a loop's target gets them (``for p in [...]``)."""

    def __init__(self, iterable: Any) -> None:
        self.iterable = iterable


class _Part:
    """Some part of a value, as a name bound by unpacking gets it (``m, p = pair``, ``for m, p in
    d.items()``, ``case {"model": m}``) where which part is not read: any literal in it may be the name's."""

    def __init__(self, value: Any) -> None:
        self.value = value


class _Builds:
    """String literals whose value goes into a name built at run time, from the libcst tree.

    ``"{}-lite".format("gemini-2.5-flash")``, ``"%s-lite" % "gemini-2.5-flash"``,
    ``"-".join(["gemini-2.5-flash", "lite"])``: the literal goes into a template that runs it into
    more text. And ``FLASH = "gemini-2.5-flash"`` (or ``os.getenv("M", "...")``, a parameter's
    default, a class attribute) with ``f"{FLASH}-lite"``, ``FLASH + suffix``, ``self.FLASH +
    "-lite"``, ``FLASH.replace(...)`` or ``FLASH`` formatted into such a template elsewhere: the
    constant builds a longer name. A fix there would build ``gemini-3.5-flash-lite-lite``. A
    template known to put a space, a quote or the end of a sentence after the value (``"model:
    {}".format(MODEL)``, ``f"Using {MODEL}."``, ``", ".join(...)``) builds nothing longer and keeps
    the fix. Literals are told by their text, as written (the lexer's view); names by their last
    part (``self.MODEL`` is ``MODEL``), whatever their scope.
    """

    def __init__(self, cst: Any, stems: tuple[str, ...], matcher: Matcher) -> None:
        self.cst, self.stems, self.matcher = cst, stems, matcher
        self.names_and_strings = (cst.SimpleString, cst.Name, cst.Attribute)  # what a walk yields unless told
        self.types = frozenset(
            (cst.Call, cst.BinaryOperation, cst.FormattedString, cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Param,
             cst.ConcatenatedString, cst.Comparison, cst.FunctionDef, cst.Subscript, cst.CompFor, cst.For, cst.Import,
             cst.ImportFrom, cst.Dict, cst.MatchValue, cst.Assert, cst.With, cst.NamedExpr, cst.Match, cst.ClassDef,
             cst.List, cst.Tuple)
        )
        self.functions: dict[str, list[Any]] = {}  # name -> its definitions (read only for names that build)
        #: Lists, tuples, sets and dicts, written out or built by a comprehension: values that are not strings.
        self.displays = (cst.List, cst.Tuple, cst.Set, cst.Dict, cst.ListComp, cst.SetComp, cst.DictComp,
                         cst.GeneratorExp)
        self.formatted: set[str] = set()  # literals passed to a template
        self.sliced: set[str] = set()  # literals cut by a slice
        self.searched: set[str] = set()  # literals looked for as a prefix, pattern or substring
        self.searched_ids: set[str] = set()  # the IDs they hold
        self.searched_names: set[str] = set()  # names looked for so (MODEL in BANNER): their IDs are searched too
        self.constants: dict[str, set[str]] = {}  # name -> literals assigned to it
        self.items: dict[str, set[str]] = {}  # name -> literals in a list, tuple, set or dict assigned to it
        self.aliases: dict[str, set[str]] = {}  # name -> names assigned to it (BASE = FLASH)
        self.item_aliases: dict[str, set[str]] = {}  # name -> names it takes the items of (for p in MODELS)
        self.literal_constants: dict[str, set[str]] = {}  # name -> literals assigned to it as they are
        self.building: set[str] = set()  # names used to build a longer value
        self.building_items: set[str] = set()  # names whose items do (MODELS["fast"] + "-lite")
        self.assignments: list[tuple[Any, Any]] = []  # (target, value), read only for names that build
        self.loops: list[tuple[Any, Any]] = []  # (target, iterable) of for loops and comprehensions
        #: Literals (as written) compared with ``==``/``!=`` or found in a display by ``in``, and names so compared.
        self.compared_literals: set[str] = set()
        self.compared_names: set[str] = set()
        self.asserted: set[int] = set()  # the comparisons of assert statements (their ids)
        self.mapped: list[tuple[str, str]] = []  # (a dict key holding an ID, as written; the name of its value)
        #: (a dict key holding an ID, as written; the first name of its value, a constant: PRO, models.PRO,
        #: Model.PRO; that value as written)
        self.mapped_roots: list[tuple[str, str, str]] = []
        self.imported: set[str] = set()  # names imported by ``from ... import``
        self.paths: set[str] = set()  # literals joined into a path by '/' (pathlib)
        self.overloaded: set[str] = set()  # IDs in the signature of an @overload
        #: Literals (as written) and names where a test expects a failure (``with pytest.raises(...):``).
        self.failing_literals: set[str] = set()
        self.failing_names: set[str] = set()
        #: (a mapping, the keys looked up in it): PRICES[MODEL], PRICES.get(MODEL).
        self.lookups: list[tuple[Any, list[Any]]] = []
        #: Literals and names passed to a call inside an assertion: the test checks what code says of that ID.
        self.probed_literals: set[str] = set()
        #: Names of the rows given to ``parametrize`` (``parametrize("m, limit", CASES)``): read once the walk is over.
        self.parametrized_names: set[str] = set()
        self.probed_names: set[str] = set()
        #: Names read in an assertion or a block expected to fail (``assert model["x"]``, ``model.f()`` under
        #: ``pytest.raises``): a call's answer bound to one is what the test checks.
        self.asserted_names: set[str] = set()
        #: Names a value is tested against for membership (``model in SUPPORTED``).
        self.membership_names: set[str] = set()
        #: Names whose text is searched (``"pro" in MODEL``, ``re.search(p, MODEL)``) -> the literal looked
        #: for in them, or None when it is not a string literal (a pattern, a variable).
        self.searched_within: dict[str, set[Optional[str]]] = {}
        #: Local names of the ``re``/``regex`` modules and of their pattern functions (``from re import match``).
        self.pattern_modules: set[str] = {"re", "regex"}
        self.pattern_names: set[str] = set()
        self.pattern_calls: list[Any] = []  # calls that may be pattern functions, known once imports are read
        #: Calls with arguments (``build(...)``, ``self.build(...)``): what a function's parameters may
        #: hold, grouped by the name called only for parameters that build something.
        self.with_arguments: list[Any] = []
        self._calls: Optional[dict[str, list[Any]]] = None
        self._parameters: Optional[dict[str, list[tuple[str, Any]]]] = None
        #: Classes defined here: name -> the ids of its methods' definitions (a constructor call C(...)
        #: reaches C.__init__; C.method(obj, ...) passes self itself).
        self.classes: dict[str, set[int]] = {}
        self._owners: Optional[dict[int, str]] = None
        self._by_name: Optional[dict[str, list[tuple[Any, Any]]]] = None
        #: Classes with annotated fields: name -> (the fields' names, in order; whether it defines __init__).
        self.fields: dict[str, list[tuple[list[Any], bool]]] = {}
        #: Class name -> its bodies: an item of the class (``M[name].value``, ``M(x).value``) is one of its members.
        self.class_bodies: dict[str, list[Any]] = {}
        #: ``operator`` and its adding functions as this file names them (``import operator as op``, ``from operator import add``).
        self.operator_modules: set[str] = {"operator"}
        self.operator_names: set[str] = set()
        #: Module -> (the names it goes by here, the names of its functions imported, those functions).
        self.watched_modules = {
            "re": (self.pattern_modules, self.pattern_names, _PATTERN_FUNCTIONS),
            "regex": (self.pattern_modules, self.pattern_names, _PATTERN_FUNCTIONS),
            "operator": (self.operator_modules, self.operator_names, _OPERATOR_ADDS),
        }
        self.joined: set[int] = set()  # concatenations read with the one around them (their ids)
        #: Literals (as written) of IDs beside the old model's display name (:meth:`_shown_beside`) -> why.
        self.shown: dict[str, str] = {}
        #: Literals (as written) of IDs that name an entry of a list of records (:meth:`_entries`) -> why.
        self.entries: dict[str, str] = {}

    def visit(self, node: Any) -> None:
        cst, cls = self.cst, type(node)
        if cls is cst.Call:
            self._call(node)
        elif cls is cst.BinaryOperation:
            operator = type(node.operator)
            if operator is cst.Modulo and not (
                self._template_ends_values(node.left, _PERCENT_FIELD) or self._a_number(node.right)
            ):
                self._mark(node.right)
            elif operator is cst.Add and self._path_added(node.right):
                left = node.left
                while type(left) is cst.BinaryOperation and type(left.operator) is cst.Add:
                    left = left.right
                if type(left) in (cst.Name, cst.Attribute):  # MODEL + "/final_score": a path (a column) under the ID
                    self._name_of(left, self.building)
            elif operator is cst.Add and not (self._plainly_new_token(node.right) or type(node.right) in self.displays):
                left = node.left
                while type(left) is cst.BinaryOperation and type(left.operator) is cst.Add:
                    left = left.right  # PREFIX + FLASH + "-lite": FLASH is what "-lite" runs into
                self._runs_into(left)
            elif operator is cst.Divide:  # FIXTURES / "gemini-2.0-flash" / "response.json": a path
                for side in (node.left, node.right):
                    if type(side) is cst.SimpleString and any(stem in side.value for stem in self.stems):
                        self.paths.add(side.value)
                    elif type(side) in (cst.Name, cst.Attribute):  # CACHE / MODEL, as os.path.join(CACHE, MODEL)
                        self._name_of(side, self.building)
        elif cls is cst.FormattedString:
            self._fields(node.parts, _raw_prefix(node.prefix))
        elif cls is cst.ConcatenatedString:
            self._joined(node)
        elif cls is cst.Comparison:
            self._substring_test(node)
        elif cls is cst.MatchValue:
            self._compare(node.value)  # case "gemini-...-preview": as ==
        elif cls is cst.Assert:
            # assert req.model == "...": a test's expected value, which moves with the code it tests
            # (as assertEqual's does), not code testing for the old name on purpose.
            self.asserted.update(id(found) for found in self._walk(node.test, yields=(cst.Comparison,)))
            self._probes(node.test)
            self._answer_read(node.test)
            if type(node.test) is cst.UnaryOperation and type(node.test.operator) is cst.Not:
                self._fails(node.test)  # assert not supported("gemini-...")
        elif cls is cst.With:
            if any(self._expects_failure(item.item) for item in node.items):
                self._fails(node.body)  # with pytest.raises(NotFound): generate(model="gemini-...")
                self._names_read(node.body, self.asserted_names)
        elif cls is cst.Dict:
            self._shown_beside([getattr(element, "key", None) for element in node.elements]
                               + [element.value for element in node.elements])
            self._entry(node, False)
            for element in node.elements:  # {"gemini-...-preview": NEW_MODEL}: a map from old to new?
                key: Any = getattr(element, "key", None)
                if type(key) is cst.SimpleString and any(stem in key.value for stem in self.stems):
                    if type(element.value) in (cst.Name, cst.Attribute):
                        names: set[str] = set()
                        self._name_of(element.value, names)
                        self.mapped.extend((key.value, name) for name in names)
                        root, shown = element.value, []
                        while type(root) is cst.Attribute:
                            shown.append(root.attr.value)
                            root = root.value
                        if type(root) is cst.Name and names and all(name.isupper() for name in names) and any(
                            part in _MODEL_NAME_PARTS for name in names for part in name.split("_")
                        ):  # PRO_IMAGE, models.FLASH_GA; not FREE_TIER, MAX_TOKENS
                            shown.append(root.value)
                            self.mapped_roots.append((key.value, root.value, ".".join(reversed(shown))))
        elif cls is cst.List or cls is cst.Tuple:
            self._entries(node)
        elif cls is cst.Assign:
            for target in node.targets:
                self.assignments.append((target.target, node.value))
        elif cls is cst.AnnAssign:
            if node.value is not None:
                self.assignments.append((node.target, node.value))
        elif cls is cst.AugAssign:
            if type(node.operator) is cst.AddAssign and not self._plainly_new_token(node.value):
                self._name_of(node.target, self.building)  # m += "-lite"
        elif cls is cst.FunctionDef:
            self.functions.setdefault(node.name.value, []).append(node)
            self._registered(node)
            if any(_named(decorator.decorator, cst) == "overload" for decorator in node.decorators):
                for part in (node.params, node.returns):  # def f(m: Literal["gemini-..."]) -> ...
                    for found in self._walk(part, yields=(cst.SimpleString,)) if part is not None else ():
                        if self._holds_only_an_id(found.value):
                            self.overloaded.add(found.value)
        elif cls is cst.Subscript:
            if any(type(element.slice) is cst.Slice for element in node.slice):
                self._slice(node.value)  # "gemini-3-pro-image-preview"[:-8], M[:-len("-preview")]
            else:  # PRICES[MODEL]: a table of another module's, whose keys' fixes are unsafe there
                self.lookups.append((node.value, [element.slice.value for element in node.slice
                                                  if type(element.slice) is cst.Index]))
                if type(node.value) is cst.Attribute and node.value.attr.value in _LABEL_INDEXERS:
                    for element in node.slice:  # df.loc["<ID>"]: stored rows found by the old name
                        if type(element.slice) is cst.Index:
                            self._compare(element.slice.value)
        elif cls is cst.CompFor or cls is cst.For:
            self.loops.append((node.target, node.iter))  # any(n.startswith(p) for p in ["..."])
        elif cls is cst.ClassDef:
            self._registered(node)
            body = node.body.body if type(node.body) is cst.IndentedBlock else ()
            self.classes.setdefault(node.name.value, set()).update(
                id(statement) for statement in body if type(statement) is cst.FunctionDef
            )
            # Annotated fields (a dataclass, a NamedTuple, a pydantic model): C(model="...") fills them.
            fields = [
                line.body[0].target for line in body if type(line) is cst.SimpleStatementLine and line.body
                and type(line.body[0]) is cst.AnnAssign and type(line.body[0].target) is cst.Name
            ]
            if any(type(line) is cst.SimpleStatementLine for line in body):  # an Enum's members: M[name].value
                self.class_bodies.setdefault(node.name.value, []).append(node.body)
            if fields:
                has_init = any(type(line) is cst.FunctionDef and line.name.value == "__init__" for line in body)
                self.fields.setdefault(node.name.value, []).append((fields, has_init))
        elif cls is cst.NamedExpr:  # if (m := "gemini-..."): m + "-lite"
            self.assignments.append((node.target, node.value))
        elif cls is cst.Match:  # match {"model": "gemini-..."}: case {"model": m}: m + "-lite"
            for case in node.cases:
                for capture in self._walk(case.pattern, yields=(cst.Name,), skip=(cst.MatchValue,)):
                    self.assignments.append((capture, _Part(node.subject)))
        elif cls is cst.Import:  # import re as regex_mod, import operator as op
            for alias in node.names:
                top = alias.asname.name if alias.asname is not None else alias.name
                self._name_of(_leftmost(top, cst), self.imported)  # import app.models: the name bound is app
                watched = self.watched_modules.get(alias.name.value) if type(alias.name) is cst.Name else None
                if watched is not None and alias.asname is not None:
                    self._name_of(alias.asname.name, watched[0])
        elif cls is cst.ImportFrom:  # from re import match (as m), from operator import add
            if type(node.names) is not cst.ImportStar:
                for alias in node.names:
                    self._name_of(alias.asname.name if alias.asname is not None else alias.name, self.imported)
            module = node.module
            watched = self.watched_modules.get(module.value) if type(module) is cst.Name else None
            if watched is not None:
                _, names, functions = watched
                if type(node.names) is cst.ImportStar:
                    names.update(functions)
                else:
                    for alias in node.names:
                        if type(alias.name) is cst.Name and alias.name.value in functions:
                            self._name_of(alias.asname.name if alias.asname is not None else alias.name, names)
        elif node.default is not None:  # Param: def build(model="gemini-...")
            self.assignments.append((node.name, node.default))

    def _read_assignments(self, wanted: set[str]) -> None:
        """The constants and aliases of the names ``wanted`` (that build something, or are compared),
        and of their aliases' sources: only those assignments are read, most files have none to read."""
        by_name = self._by_name
        if by_name is None:  # the walk is over: what each name is assigned, read once for every question
            by_name = self._by_name = {}
            shapes = (self.cst.Tuple, self.cst.List, self.cst.StarredElement)
            for whole, whole_value in self.assignments:
                pairs = self._unpacked(whole, whole_value) if type(whole) in shapes else ((whole, whole_value),)
                for target, value in pairs:
                    names: set[str] = set()
                    if type(target) is not self.cst.Subscript:  # MODELS["fast"] = ... names no constant
                        self._name_of(target, names)
                    for name in names:
                        by_name.setdefault(name, []).append((target, value))
            for whole, iterable in self.loops:  # for p in ["gemini-...", ...]: p holds each item
                unpacked = type(whole) in (self.cst.Tuple, self.cst.List)
                for target, _ in self._unpacked(whole, None):  # for m, p in d.items(): any part of an item
                    names = set()
                    self._name_of(target, names)
                    for name in names:
                        by_name.setdefault(name, []).append((target, _Part(iterable) if unpacked else _Items(iterable)))
            if self.fields:
                self._calls_by_name()
                assert self._calls is not None
                for owner, kinds in self.fields.items():
                    for fields, has_init in kinds:
                        by_field = {field.value: field for field in fields}
                        for call in self._calls.get(owner, ()):
                            for at, arg in enumerate(call.args):
                                keyword = arg.keyword.value if arg.keyword is not None else None
                                if keyword is not None:
                                    field = by_field.get(keyword)
                                elif arg.star:
                                    field = None
                                else:  # in order, where no __init__ of its own takes them
                                    field = fields[at] if not has_init and at < len(fields) else None
                                if field is not None:
                                    by_name.setdefault(field.value, []).append((field, arg.value))
        pending, seen = list(wanted), set(wanted)
        while pending:
            name = pending.pop()
            for target, value in by_name.get(name, []) + self._arguments(name):
                self._constant(target, value)
                name = self._target_name(target)
                for source in self.aliases.get(name, set()) | self.item_aliases.get(name, set()):
                    if source not in seen:
                        seen.add(source)
                        pending.append(source)

    def _unpacked(self, target: Any, value: Any) -> Iterator[tuple[Any, Any]]:
        """(name target, what it gets) for an assignment's ``target``: itself, or each name of a tuple or
        list target (nested, starred), paired with the matching element of a display value of the same
        shape (``a, b = "x", "y"``), else with some part of the value (``m, p = pair``)."""
        cst = self.cst
        pending = [(target, value)]
        while pending:
            current, given = pending.pop()
            if type(current) is cst.StarredElement:
                current, given = current.value, given if given is None or type(given) is _Part else _Part(given)
            if type(current) not in (cst.Tuple, cst.List):
                yield current, given
                continue
            targets = [element.value if type(element) is cst.Element else element for element in current.elements]
            values = getattr(given, "elements", None) if type(given) in (cst.Tuple, cst.List) else None
            if values is not None and len(values) == len(targets) and not any(
                type(element) is cst.StarredElement for element in [*current.elements, *values]
            ):
                pending.extend(zip(targets, (element.value for element in values)))
            else:
                part = given if given is None or type(given) is _Part else _Part(given)
                pending.extend((each, part) for each in targets)

    def _arguments(self, name: str) -> list[tuple[Any, Any]]:
        """(parameter, argument) for each call in this file of a function defined here with a
        parameter ``name`` (``def build(m): return m + "-lite"`` and ``build("gemini-...")``)."""
        if self._parameters is None:  # parameter name -> (function name, definition): built once
            self._parameters = {}
            for function, definitions in self.functions.items():
                for definition in definitions:
                    params = definition.params
                    for param in [*params.posonly_params, *params.params, *params.kwonly_params]:
                        self._parameters.setdefault(param.name.value, []).append((function, definition))
        self._calls_by_name()
        assert self._calls is not None
        found: list[tuple[Any, Any]] = []
        # Definitions alike (one method name in many classes) read each call once: (function, the
        # parameter's position, whether it is a method) -> a parameter node standing for them all.
        shapes: dict[tuple[str, Optional[int], str, bool], Any] = {}
        if self._owners is None:  # a method's definition (its id) -> the class defined here that holds it
            self._owners = {method: owner for owner, methods in self.classes.items() for method in methods}
        for function, definition in self._parameters.get(name, ()):
            if function == "__init__":  # C(...) calls it, for the class C defined here that holds it
                owner = self._owners.get(id(definition))
                if owner is not None:
                    self._shape(shapes, owner, definition, name, constructor=True)
                continue
            if function.startswith("__") and function.endswith("__"):
                continue  # __call__, __getitem__: called through syntax or super(), mostly another class's
            self._shape(shapes, function, definition, name)
        for (function, index, first, constructor), parameter in shapes.items():
            for call in self._calls.get(function, ()):
                receiver: Any = getattr(call.func, "value", None)
                if type(receiver) is self.cst.Call and _named(receiver.func, self.cst) == "super":
                    continue  # super().build(...): the parent's method, not one defined here
                # o.build(x): self is o; C.build(o, x) passes it; C(x) for __init__: self is the new object;
                # a classmethod gets cls however it is called (C.make(x), o.make(x))
                attribute = type(call.func) is self.cst.Attribute
                through_class = attribute and type(receiver) is self.cst.Name and receiver.value in self.classes
                if first == "cls":
                    shift = 1 if attribute or constructor else 0
                else:
                    shift = 1 if first == "self" and (constructor or (attribute and not through_class)) else 0
                for at, arg in enumerate(call.args):
                    keyword = arg.keyword.value if arg.keyword is not None else None
                    if keyword == name or (keyword is None and not arg.star and index is not None and at + shift == index):
                        found.append((parameter, arg.value))
                    elif arg.star:  # build(*args): any of them
                        found.append((parameter, _Part(arg.value)))
        return found

    def _calls_by_name(self) -> None:
        """Group the calls with arguments by the name called, once the walk is over."""
        if self._calls is not None:
            return
        self._calls = {}
        cst = self.cst
        for call in self.with_arguments:
            func = call.func
            if type(func) is cst.Name:
                self._calls.setdefault(func.value, []).append(call)
            elif type(func) is cst.Attribute:
                self._calls.setdefault(func.attr.value, []).append(call)

    def _shape(
        self, shapes: dict[tuple[str, Optional[int], str, bool], Any], called: str, definition: Any, name: str,
        constructor: bool = False,
    ) -> None:
        """Record how calls of ``called`` reach the parameter ``name`` of ``definition``."""
        params = definition.params
        positional = [*params.posonly_params, *params.params]
        named = {param.name.value: param for param in [*positional, *params.kwonly_params]}
        index = next((at for at, param in enumerate(positional) if param.name.value == name), None)
        decorators = {_named(decorator.decorator, self.cst) for decorator in definition.decorators}
        first = "" if "staticmethod" in decorators or not positional else positional[0].name.value
        if "classmethod" in decorators:
            first = "cls"
        shapes.setdefault((called, index, first if first in ("self", "cls") else "", constructor), named[name].name)

    def _target_name(self, target: Any) -> str:
        names: set[str] = set()
        self._name_of(target, names)
        return next(iter(names), "")

    def withheld(self) -> dict[str, str]:
        """Literal (as written) -> why its fix is withheld."""
        self._pattern_calls()
        reasons = {written: FORMAT_REASON for written in self.formatted}
        for written in self.searched:
            reasons.setdefault(written, SEARCH_REASON)
        for written in self.sliced:
            reasons.setdefault(written, SLICE_REASON)
        for written in self.paths:
            reasons.setdefault(written, PATH_OPERAND_REASON)
        if self.building or self.building_items:
            self._read_assignments(self.building | self.building_items)
        building = self._with_sources(self.building)
        building_items = self.building_items | {
            source for name in building for source in self.item_aliases.get(name, ())  # for p in MODELS: p + "-lite"
        }
        pending = list(building_items)  # for g in GROUPS: for m in g: m + "-lite": the items of GROUPS' items
        while pending:
            name = pending.pop()
            for source in self.aliases.get(name, set()) | self.item_aliases.get(name, set()):
                if source not in building_items:
                    building_items.add(source)
                    pending.append(source)
        for name in sorted(building & set(self.constants)):
            for written in self.constants[name]:
                reasons.setdefault(written, CONSTANT_REASON.format(name=name))
        for name in sorted(self._with_sources(self.searched_names) & set(self.constants)):
            for written in self.constants[name]:  # MODEL in BANNER: BANNER's copy of the ID must stay too
                self.searched_ids.update(found.model.id for found in self.matcher.finditer(_inside_quotes(written)))
        for name in sorted(building_items & set(self.items)):
            for written in self.items[name]:
                reasons.setdefault(written, CONSTANT_REASON.format(name=name))
        for name in sorted(building_items & set(self.class_bodies)):  # M[name].value + "-lite": any member's
            for body in self.class_bodies[name]:
                for found in self._walk(body, yields=(self.cst.SimpleString,)):
                    if self._ends_in_an_id(found.value):
                        reasons.setdefault(found.value, CONSTANT_REASON.format(name=name))
        for name in sorted(self._with_sources(self.searched_names) & set(self.items)):
            for written in self.items[name]:  # model.startswith(PREFIXES), PREFIXES = ("gemini-...", ...)
                reasons.setdefault(written, SEARCHED_CONSTANT_REASON.format(name=name))
        for name in sorted(building & set(self.functions)):  # def get(): return "..."; get() + "-lite"
            for written in self._returned(self.functions[name]):
                reasons.setdefault(written, RETURN_REASON.format(name=name))
        self._searched_constants(reasons)
        return reasons

    def _searched_constants(self, reasons: dict[str, str]) -> None:
        """A constant whose text is searched (``"2.0" in MODEL``, ``re.search(r"-pro$", MODEL)``, also a
        parameter's default or a loop's item) is taken apart as ``MODEL.startswith(...)`` is: renamed, the
        test could give another answer. A literal looked for that the old and the new text both hold, or
        both lack (``"gemini" in MODEL``), gives the same answer, and holds nothing back."""
        if not self.searched_within:
            return
        self._read_assignments(set(self.searched_within))
        for name in sorted(self.searched_within):
            needles = self.searched_within[name]
            sources = self._with_sources({name})
            held_items = {source for alias in sources for source in self.item_aliases.get(alias, ())}
            pending = list(held_items)
            while pending:  # for g in GROUPS: for m in g: "x" in m
                current = pending.pop()
                for source in self.aliases.get(current, set()) | self.item_aliases.get(current, set()):
                    if source not in held_items:
                        held_items.add(source)
                        pending.append(source)
            found = [(alias, written) for alias in sorted(sources & set(self.constants)) for written in self.constants[alias]]
            found += [(alias, written) for alias in sorted(held_items & set(self.items)) for written in self.items[alias]]
            for holder, written in found:
                ids = [match.model.id for match in self.matcher.finditer(_inside_quotes(written))]
                if any(searched in id_ for id_ in ids for searched in self.searched_ids):
                    continue  # the ID is looked for itself (re.sub(r"gemini-2\.5-flash", "", M)): that reason is the precise one
                if written not in reasons and self._answer_changes(written, needles):
                    reasons[written] = CONSTANT_REASON.format(name=holder)

    def _answer_changes(self, written: str, needles: set[Optional[str]]) -> bool:
        """Whether a substring test of the literal ``written`` may answer otherwise once its IDs are renamed."""
        if None in needles:
            return True
        old = _inside_quotes(written)
        new = old
        for found in sorted(self.matcher.finditer(old), key=lambda match: match.start, reverse=True):
            new = new[: found.start] + (found.model.replacement or found.model.id) + new[found.end :]
        # as written, and in each case (the text searched may be MODEL.lower(): "gemini/gemini-2.0" in "Gemini/...")
        return any(
            (needle in case(old)) != (needle in case(new)) for needle in needles if needle is not None for case in _CASES
        )

    def _with_sources(self, names: set[str]) -> set[str]:
        """``names`` and the names they are aliases of (``BASE = FLASH``: BASE is FLASH too)."""
        found = set(names)
        pending = list(found)
        while pending:
            for source in self.aliases.get(pending.pop(), ()):
                if source not in found:
                    found.add(source)
                    pending.append(source)
        return found

    def listed_elsewhere(self) -> dict[str, str]:
        """Literal (as written) -> why its fix is unsafe, for the items of collections assigned to a name:

        * an item whose new name another such collection of this file lists (``THINKING_BUDGET_MODELS =
          {"<ID>", ...}`` beside ``THINKING_LEVEL_MODELS = {"<new>", ...}``): the collections say what
          each model takes, and renamed, the new model would take both (llm-gemini's capability sets);
        * an item of a set, or of a list or tuple that this file tests a value against (``in``): it says
          what each model does or may do (mirascope's ``MODELS_WITHOUT_STRUCTURED_OUTPUT_AND_TOOLS_SUPPORT``,
          tested in another module: renamed, the new models lost a feature). A value tested against a
          name is held already (:meth:`_substring_test`), so the two do not part.
        """
        items = self._named_collections()
        reasons: dict[str, str] = {}
        news = {
            string.value: renamed(_inside_quotes(string.value), self.matcher)
            for _, strings, _ in items for string in self._ids_among(strings)
        } if len(items) >= 2 else {}
        if news:
            wanted = set(news.values())
            holders: dict[str, str] = {}  # a new name -> the first collection listing it
            for name, strings, _ in items:
                for string in strings:
                    if any(new in string.value for new in wanted):  # most items name no new model: not read
                        content = _evaluated(string)
                        if isinstance(content, str):
                            holders.setdefault(content, name)
            for name, strings, _ in items:
                for string in self._ids_among(strings):
                    new = news[string.value]
                    holder = holders.get(new)
                    if holder is not None and holder != name:
                        reasons.setdefault(string.value, LISTED_ELSEWHERE_REASON.format(name=holder, new=new))
        # (An item may be a provider's path to the ID, "google_ai/<ID>": what it says of the model is the same.)
        for name, rows in self._pair_tables():
            for string in self._ids_among(rows, paths=True):
                reasons.setdefault(string.value, PAIR_KEY_REASON.format(name=name))
        for name, strings, is_set in items:
            # A set whose name says its models are retired keeps them on purpose (held on its own, its uses move on).
            if (is_set or name in self.membership_names) and not _retired_name(name, targets=True):
                for string in self._ids_among(strings, paths=True):
                    reasons.setdefault(string.value, MEMBER_REASON.format(name=name))
            elif _names_a_capability(name) and not _retired_name(name, targets=True):
                for string in self._ids_among(strings, paths=True):
                    reasons.setdefault(string.value, CAPABILITY_REASON.format(name=name))
        return reasons

    def named_for_the_old(self) -> dict[str, str]:
        """Literal (as written) -> why its fix is unsafe, for an ID that is the whole value of a constant
        whose name spells it (``GEMINI_2_5_PRO = "gemini-2.5-pro"``, an enum member in genkit's
        ``GoogleAIGeminiVersion``; a run over real packages, 2026-12-07): renamed, the member named for
        2.5 Pro held gemini-3.8-flash. A name that spells only part of it (``PRO_IMAGE``,
        ``GEMINI_3_PRO_IMAGE`` for the preview) names no version the fix would contradict."""
        cst = self.cst
        reasons: dict[str, str] = {}
        for target, value in self.assignments:
            if type(value) is not cst.SimpleString or type(target) not in (cst.Name, cst.Attribute):
                continue
            if not self._holds_only_an_id(value.value):
                continue
            name = _named(target, cst)
            spelled = _spelled(name)
            for found in self.matcher.finditer(_inside_quotes(value.value)):
                if found.model.replacement and _spelled(found.model.id) in spelled:
                    reasons.setdefault(value.value, NAMED_FOR_REASON.format(name=name))
        return reasons

    def _shown_beside(self, values: list[Any]) -> None:
        """Of the values of one record (a dict display's keys and values, a call's arguments): an ID
        beside a string that names its old model for people (\"Gemini 2.5 Flash Image\"), into
        :attr:`shown`. An MCP server's model list (``{"name": "Gemini 2.5 Flash Image", "model_id":
        "<ID>", "max_resolution": ...}``) and ``_patch_tier(..., "<ID>", "Gemini 2.5 Flash Image")``,
        renamed, showed the new ID under the old model's name and features (a run over real packages)."""
        simple = self.cst.SimpleString
        strings = [value for value in values if type(value) is simple]
        if len(strings) < 2 or not any(stem in string.value for string in strings for stem in self.stems):
            return
        ids = [
            (string, (found.model.id, found.model.replacement))
            for string in self._ids_among(strings, paths=True)
            for found in self.matcher.finditer(_inside_quotes(string.value))
        ]
        if not ids:
            return
        # An ID as written holds no name for people: each model's name is looked for once among all the strings.
        texts = [text for text in (_inside_quotes(string.value) for string in strings) if shown_to_people(text)]
        named: dict[tuple[str, str], Optional[str]] = {}
        for string, pair in ids:
            if pair not in named:
                named[pair] = next((found for found in (names_for_people(text, *pair) for text in texts) if found), None)
            shown = named[pair]
            if shown is not None:
                self.shown.setdefault(string.value, DISPLAY_NAME_REASON.format(shown=shown))

    def _entries(self, display: Any) -> None:
        """Of a list or tuple whose items are records (dict displays, or calls with keyword arguments):
        an ID that is the whole value (a provider's path allowed) of an item's ``name``/``id`` beside
        other keys, or of its ``model`` beside a key that says what the model is or can do, into
        :attr:`entries`. A catalog written as records (lfx's ``create_model_metadata(name="<ID>",
        tool_calling=True, preview=True)``, a run over real packages): renamed, the entry's flags
        (a preview, a capability, a default) were the new model's, as in a JSON array of such objects.
        A call's ``model_name``/``model_id`` (``ChatVertexAI(model_name="<ID>", temperature=0)``, a
        client to make) names its model as ``model`` does."""
        for element in display.elements:
            self._entry(element.value, True)

    def _entry(self, item: Any, listed: bool) -> None:
        """One record, a dict display or a call's keyword arguments, into :attr:`entries`: an item of a
        list or tuple (``listed``, see :meth:`_entries`); or, wherever it stands, a record that gives its
        model's price (a key such as ``input_price``, ``inputCostPer1M``, ``pricing``: :func:`prices_a_model`),
        whose ID as the whole value of ``name``, ``id``, ``model_name``, ``model_id`` or ``model`` makes it
        a price table's entry (``ModelCard(name="<ID>", input_price=0.1)``, a review of llmware's catalog's
        variants): renamed, the old model's price was the new model's. Read for every dict display and
        call of two arguments or more, it looks at keys only when a string value holds an ID's stem."""
        cst = self.cst
        simple = cst.SimpleString
        kind = type(item)
        if kind is cst.Dict:
            entries = item.elements
        elif kind is cst.Call:
            entries = item.args
        else:
            return
        if len(entries) < 2 or not any(
            type(entry.value) is simple and any(stem in entry.value.value for stem in self.stems) for entry in entries
        ):
            return
        if kind is cst.Dict:
            identities = IDENTITY_KEYS
            pairs = [
                (_inside_quotes(entry.key.value), entry.value) for entry in entries
                if type(getattr(entry, "key", None)) is simple
            ]
        elif _named(item.func, cst) == "param":  # pytest.param(..., id="<ID>"): a test's id
            return
        else:
            identities = _CALL_IDENTITY_KEYWORDS
            pairs = [(arg.keyword.value, arg.value) for arg in entries if arg.keyword is not None]
        named = [
            (key, value) for key, value in pairs
            if type(value) is simple and (key in identities or key in _RECORD_MODEL_KEYS)
            and self._holds_only_an_id(value.value, paths=True)
        ]
        if not named:
            return
        if listed:
            describes = any(key in DESCRIBING_KEYS for key, _ in pairs)
            for key, value in named:
                if key in identities or describes:
                    self.entries.setdefault(value.value, RECORD_NAME_REASON)
        elif any(prices_a_model(key) for key, _ in pairs):  # a list's items are read on their own too
            for _, value in named:
                self.entries.setdefault(value.value, PRICED_REASON)

    def _ids_among(self, strings: list[Any], paths: bool = False) -> Iterator[Any]:
        """The literals of ``strings`` that are an ID and nothing more (with ``paths``, after a provider's
        path too: ``"google/<ID>"``)."""
        for string in strings:
            if self._holds_only_an_id(string.value, paths):
                yield string

    def _holds_only_an_id(self, written: str, paths: bool = False) -> bool:
        """Whether the literal ``written`` is an ID and nothing more (with ``paths``, after a provider's path too)."""
        return any(stem in written for stem in self.stems) and (
            self._is_an_id(written) or (paths and self._is_a_path_to_an_id(written))
        )

    def _pair_tables(self) -> Iterator[tuple[str, list[Any]]]:
        """Lists of pairs assigned to a name, each row a tuple whose first item is a string and which holds
        more (``CONTEXT_SIZES_BY_PREFIX = [("gemini-2.5-flash", 1048576), ...]``, ``dict([...])``): a table
        written as rows (kani's context sizes, found by a run over real packages). The name and the first items."""
        cst = self.cst
        for target, value in self.assignments:
            if type(value) is cst.Call and _named(value.func, cst) in ("dict", "OrderedDict") and len(value.args) == 1:
                value = value.args[0].value
            if type(value) not in (cst.List, cst.Tuple) or type(target) not in (cst.Name, cst.Attribute):
                continue
            rows = [element.value for element in value.elements]
            if len(rows) >= 2 and all(
                type(row) in (cst.Tuple, cst.List) and len(row.elements) >= 2 and type(row.elements[0].value) is cst.SimpleString
                for row in rows
            ):
                yield _named(target, cst), [row.elements[0].value for row in rows]

    def _named_collections(self) -> list[tuple[str, list[Any], bool]]:
        """Collections assigned to a name (``MODELS = ["...", ...]``, ``frozenset({...})``): the name,
        the string literals among the items, and whether it is a set."""
        cst = self.cst
        items: list[tuple[str, list[Any], bool]] = []
        for target, value in self.assignments:
            is_set = False
            if type(value) is cst.Call and _named(value.func, cst) in ("frozenset", "set", "tuple", "list") and value.args:
                is_set = _named(value.func, cst) in ("frozenset", "set")
                value = value.args[0].value
            if type(value) in (cst.Set, cst.List, cst.Tuple) and type(target) in (cst.Name, cst.Attribute):
                strings = [element.value for element in value.elements if type(element.value) is cst.SimpleString]
                if strings:
                    items.append((_named(target, cst), strings, is_set or type(value) is cst.Set))
        return items

    def compared(self) -> dict[str, str]:
        """Literal (as written) -> why its fix is unsafe: it is compared with a value (``model ==
        "..."``, ``m in ("...", ...)``), itself or through a constant (``if m == OLD``). Such code
        may test for the old name on purpose (a migration, a rejection of retired IDs); and fixing
        one side of ``MODEL = "..."`` and ``if MODEL == "..."`` but not the other would part them."""
        reasons = {written: COMPARED_REASON for written in self.compared_literals}
        for name, written in self._constant_ids(self.compared_names, paths=True):
            reasons.setdefault(written, COMPARED_CONSTANT_REASON.format(name=name))
        return reasons

    def _constant_ids(self, names: set[str], paths: bool = False) -> Iterator[tuple[str, str]]:
        """(name, literal as written) for the constants ``names`` (and those they are aliases of) hold.

        Only a name assigned the literal itself holds it: ``url = endpoint("...")`` holds what the call
        gives, and a default (``getenv("M", "...")``) is one value of several; and only a literal that
        is an ID and nothing more (with ``paths``, also after a provider's path: ``"gemini/<ID>"``)."""
        if not names:
            return
        self._read_assignments(names)
        for name in sorted(self._with_sources(names) & set(self.literal_constants)):
            for written in self.literal_constants[name]:
                if self._is_an_id(written) or (paths and self._is_a_path_to_an_id(written)):
                    yield name, written

    def failing(self) -> dict[str, str]:
        """Literal (as written) -> why its fix is unsafe: a value where a test expects a failure
        (``with pytest.raises(...)``, ``assertRaises``, ``assert not``), itself or through a
        constant: such a test may check that the old name is rejected."""
        self._named_rows()
        reasons = {written: EXPECTED_FAILURE_REASON for written in self.failing_literals}
        for written in self.overloaded:
            reasons.setdefault(written, OVERLOAD_REASON)
        for _, written in self._constant_ids(self.failing_names):
            reasons.setdefault(written, EXPECTED_FAILURE_REASON)
        for written in self.probed_literals:
            reasons.setdefault(written, PROBED_REASON)
        imported_keys: set[str] = set()
        looked_up: set[str] = set()
        read: set[str] = set()
        loaded_keys: set[str] = set()
        loaded_names: set[str] = set()
        loaded: Optional[set[str]] = None
        for mapping, keys in self.lookups:  # PRICES[MODEL] with PRICES imported: its keys keep the old name
            last = _named(mapping, self.cst)
            if last[:1].isupper() and not last.isupper():
                continue  # Literal["<ID>"], typing.Annotated[...]: a type, not a table (PRICES, models.prices are)
            root = _leftmost(mapping, self.cst)
            if type(root) is self.cst.Name and root.value in self.imported:
                for key in keys:
                    self._ids_and_names_in(key, imported_keys, looked_up)
                    self._names_read(key, read)  # SUMMARY.get(p) too, whose values are the keys looked up
                continue
            if loaded is None:
                loaded = self._loaded_names()
            if self._loaded(mapping, loaded):  # PRICES = json.load(f); PRICES["<ID>"]: the file's key is unsafe
                for key in keys:
                    self._ids_and_names_in(key, loaded_keys, loaded_names)
        for written in imported_keys | self._values_of_dicts(looked_up | read):
            reasons.setdefault(written, LOOKED_UP_REASON)
        for _, written in self._constant_ids(looked_up):
            reasons.setdefault(written, LOOKED_UP_REASON)
        for written in loaded_keys:
            reasons.setdefault(written, LOADED_REASON)
        for _, written in self._constant_ids(loaded_names):
            reasons.setdefault(written, LOADED_REASON)
        for _, written in self._constant_ids(self.probed_names):
            reasons.setdefault(written, PROBED_REASON)
        literals, names = self._answers_asserted()
        for written in literals:
            reasons.setdefault(written, PROBED_REASON)
        for _, written in self._constant_ids(names):
            reasons.setdefault(written, PROBED_REASON)
        return reasons

    def _loaded_names(self) -> set[str]:
        """The names (last parts: ``prices`` of ``self.prices``) bound to data a loader read from a file
        (``PRICES = json.load(f)``, ``yaml.safe_load(...)``, ``tomllib.loads(...)``)."""
        cst = self.cst
        return self._bound_to_calls(lambda func: _named(func, cst) in _LOADERS)

    def _loaded(self, mapping: Any, loaded: set[str]) -> bool:
        """Whether ``mapping`` (or the value it is an item of: ``CONFIG["models"]``) is data loaded from a
        file: a loader's call, or a name bound to one (:meth:`_loaded_names`)."""
        cst = self.cst
        while type(mapping) is cst.Subscript:
            mapping = mapping.value
        if type(mapping) is cst.Call:
            return _named(mapping.func, cst) in _LOADERS
        return type(mapping) in (cst.Name, cst.Attribute) and _named(mapping, cst) in loaded

    def _values_of_dicts(self, names: set[str]) -> set[str]:
        """The literals that are an ID among the values of dicts assigned to ``names``: the key looked up
        is one of them (``MODELS[SUMMARY_MODELS[provider]]``, ``SUMMARY_MODELS = {"gemini": "<ID>"}``)."""
        cst = self.cst
        found: set[str] = set()
        if not names:
            return found
        for target, value in self.assignments:
            if type(value) is cst.Dict and type(target) is cst.Name and target.value in names:
                items = [getattr(element, "value", None) for element in value.elements]  # a ** unpacking too
                found.update(item.value for item in self._ids_among([i for i in items if type(i) is cst.SimpleString]))
        return found

    def _answers_asserted(self) -> tuple[set[str], set[str]]:
        """The IDs (literals, names) passed to a call whose answer is bound to a name that an assertion
        reads (``model = get_model("<ID>")`` then ``assert model["thinking_budget"]``, or ``model.f()``
        under ``pytest.raises``): as an asserted call's own (:meth:`_probes`), the test checks what
        the code gives for that ID (a real package's tests failed once the ID reached them renamed)."""
        literals: set[str] = set()
        names: set[str] = set()
        if not self.asserted_names:
            return literals, names
        cst = self.cst
        for target, value in self.assignments:
            read: set[str] = set()
            self._names_read(target, read)  # _, usage = f(...); results[level] = f(...): usage, results
            if read & self.asserted_names and isinstance(value, cst.CSTNode):
                for call in self._chained_calls(value):
                    for arg in call.args:
                        self._passed(arg.value, literals, names)
        return literals, names

    def _answer_read(self, node: Any) -> None:
        """An assertion reads the names in ``node``, unless it names an ID itself: ``assert req.model ==
        "<ID>"`` checks that the code passes the ID on, which holds as well once both are renamed."""
        parts = node if isinstance(node, (list, tuple)) else [node]  # an assertion method's arguments
        read: set[str] = set()
        if all(self._names_read(part, read, strings=True) for part in parts):
            self.asserted_names |= read - {"self", "cls"}  # self.ok read: not every value set on self

    def _names_read(self, node: Any, into: set[str], strings: bool = False) -> bool:
        """The names ``node`` reads, an attribute chain's first one included (``model`` of ``model.f()``).
        With ``strings``, the same walk stops at a string holding an ID stem and returns False."""
        cst = self.cst
        yields = (cst.SimpleString, cst.Name, cst.Attribute) if strings else (cst.Name, cst.Attribute)
        for found in self._walk(node, yields=yields):
            if type(found) is cst.SimpleString:
                if any(stem in found.value for stem in self.stems):
                    return False
                continue
            root = _leftmost(found, cst) if type(found) is cst.Attribute else found
            if type(root) is cst.Name:
                into.add(root.value)
        return True

    def _probes(self, node: Any) -> None:
        """In an assertion: the IDs passed to a call (``assert is_gemini_25("gemini-2.5-pro") is True``,
        ``assertEqual(tokenizer_for("<ID>"), "gemma3")``), whose result the test checks for that ID."""
        for call in self._chained_calls(node):
            for arg in call.args:
                self._passed(arg.value, self.probed_literals, self.probed_names)

    def _passed(self, node: Any, literals: set[str], names: set[str]) -> None:
        """The IDs (literals, names) an argument ``node`` passes on: its strings and names, and the
        receiver of a method called in it (``"<ID>"`` of ``md5("<ID>".encode())``, ``MODEL`` of
        ``MODEL.lower()``), which a walk stopping at the attribute would miss."""
        cst = self.cst
        self._ids_and_names_in(node, literals, names, paths=True)
        for call in self._chained_calls(node):
            receiver = call.func.value if type(call.func) is cst.Attribute else None
            if type(receiver) in (cst.SimpleString, cst.Name):
                self._ids_and_names(iter((receiver,)), literals, names, paths=True)

    def _chained_calls(self, node: Any) -> Iterator[Any]:
        """The outermost calls in ``node``, and the calls a chain of them is made of: ``get("<ID>")`` of
        ``get("<ID>").supports_tools()`` and of ``md5("<ID>".encode()).hexdigest()`` (a call's arguments
        are read whole by the caller)."""
        cst = self.cst
        pending = [node]
        while pending:
            for call in self._walk(pending.pop(), yields=(cst.Call,)):
                yield call
                pending.append(call.func)

    def _expectation_rows(self, rows: Any) -> None:
        """``@pytest.mark.parametrize("model, effort", [("<ID>", "minimal"), pytest.param("<ID>", 0.7)])``:
        a row that pairs an ID (or a provider's path to it, ``"googleai/<ID>"``) with other values is what a
        test expects of that model (a real package's test then checked the new model against the old one's
        profile); a row of the ID alone is not."""
        cst = self.cst
        if type(rows) in (cst.Name, cst.Attribute):  # parametrize("m, limit", CASES): CASES's rows, read after the walk
            self._name_of(rows, self.parametrized_names)
            return
        # The rows in a tuple as in a list: ((<ID>, True), (...)) is no row of its own.
        # (A display's elements hold their values; a name of rows, ``parametrize("m", MODELS)``, is its own node.)
        listed = [item.value for item in rows.elements] if type(rows) in (cst.List, cst.Tuple, cst.Set) else [rows]
        for row in (found for item in listed for found in self._walk(item, yields=(cst.Tuple, cst.Call))):
            if type(row) is cst.Call and _named(row.func, cst) != "param":
                continue
            values = [element.value for element in (row.elements if type(row) is cst.Tuple else row.args)
                      if type(row) is cst.Tuple or element.keyword is None]
            if len(values) >= 2:
                # ("googleai/<ID>", True): a provider's path to the ID is the ID passed on, as in a call
                self._ids_and_names(
                    iter(v for v in values if type(v) is cst.SimpleString), self.probed_literals, set(), paths=True
                )

    def _named_rows(self) -> None:
        """The rows of the constants given to ``parametrize`` by name (``CASES = [pytest.param("<ID>", 8192)]``),
        read as rows written in the call are (:meth:`_expectation_rows`); a name of a name is followed."""
        if not self.parametrized_names:
            return
        self._read_assignments(set(self.parametrized_names))
        assert self._by_name is not None
        seen: set[str] = set()
        while self.parametrized_names - seen:
            name = min(self.parametrized_names - seen)
            seen.add(name)
            for _, value in self._by_name.get(name, ()):
                if isinstance(value, self.cst.CSTNode):  # not a loop's item (_Part, _Items)
                    self._expectation_rows(value)

    def _expects_failure(self, node: Any) -> bool:
        """Whether ``node`` is a call such as ``pytest.raises(E)``, ``self.assertWarns(W)``."""
        return type(node) is self.cst.Call and _named(node.func, self.cst) in _FAILURE_CALLS

    def _fails(self, node: Any) -> None:
        """A test expects ``node`` (a block, a call's arguments, an assertion) to fail: the literals
        that are an ID and the names it uses."""
        self._ids_and_names_in(node, self.failing_literals, self.failing_names)

    def mapped_to_names(self) -> dict[str, str]:
        """Literal (as written) -> why its fix is unsafe: a dict key whose value is a constant holding
        its new name or another model ID (``{"...-preview": PRO_GA}``), a map from old names to new
        that the fix would turn into one from new to new."""
        if not self.mapped:
            return {}
        wanted = {name for _, name in self.mapped}
        values: dict[str, set[str]] = {}
        for target, value in self.assignments:
            if type(value) is not self.cst.SimpleString or type(target) is self.cst.Subscript:
                continue
            names: set[str] = set()
            self._name_of(target, names)
            text = _evaluated(value)
            if isinstance(text, str):
                for name in names & wanted:
                    values.setdefault(name, set()).add(text)
        reasons: dict[str, str] = {}
        for written, name in self.mapped:
            new = renamed(_inside_quotes(written), self.matcher)
            if any(text == new or self.matcher.search(text) for text in values.get(name, ())):
                reasons.setdefault(written, MAPPED_REASON.format(name=name))
        for written, root, shown in self.mapped_roots:  # {"...-preview": PRO_IMAGE} with PRO_IMAGE imported
            if root in self.imported:
                reasons.setdefault(written, MAPPED_IMPORTED_REASON.format(name=shown))
        return reasons

    def _returned(self, definitions: list[Any]) -> set[str]:
        """The literals ending in an ID that the functions ``definitions`` may return."""
        cst = self.cst
        returns = (
            found for definition in definitions for found in self._walk(definition, yields=(cst.Return,))
            if found.value is not None
        )
        return {
            node.value for found in returns for node in self._walk(found.value)
            if type(node) is cst.SimpleString and self._ends_in_an_id(node.value)
        }

    def _call(self, node: Any) -> None:
        cst, func = self.cst, node.func
        if node.args:
            self.with_arguments.append(node)
            if len(node.args) > 1:
                self._shown_beside([arg.value for arg in node.args])
                self._entry(node, False)
            called = _named(func, cst)
            if called == "get" and type(func) is cst.Attribute:  # PRICES.get(MODEL): as PRICES[MODEL]
                self.lookups.append((func.value, [node.args[0].value]))
            if called in _OPTION_CALLS:
                self._option(node)
            elif called.startswith("assert") and type(func) is cst.Attribute:  # self.assertEqual(f("<ID>"), ...)
                for arg in node.args:
                    self._probes(arg.value)
                self._answer_read(node.args)
            elif called == "parametrize" and len(node.args) >= 2:
                self._expectation_rows(node.args[1].value)
            elif called in _GLOB_CALLS:  # fnmatch(name, "*gemini-2.0-flash"), glob.glob("runs/*gemini-2.0-flash")
                position = _GLOB_CALLS[called]
                for index, arg in enumerate(node.args):
                    keyword = arg.keyword.value if arg.keyword is not None else ""
                    if keyword in ("pat", "pattern", "pathname") or (not keyword and index == position):
                        self._search(arg.value, pattern=True)
                    elif position == 1 and (keyword == "name" or (not keyword and index == 0)):
                        self._searched_within(arg.value, None)  # fnmatch(MODEL, "gemini-2*"): MODEL's text is matched
        for arg in node.args:
            keyword = arg.keyword.value if arg.keyword is not None else ""
            if keyword == "match" or (keyword and keyword.rpartition("__")[2] in _SEARCH_LOOKUPS and "__" in keyword):
                # pytest.raises(E, match="..."), filter(model__startswith="..."): a pattern or a prefix
                self._search(arg.value, pattern=True)
            elif type(arg.value) is cst.Attribute and arg.value.attr.value in _STRING_METHODS:
                # map(MODEL.startswith, PREFIXES): the method is called elsewhere, on MODEL's text
                self._name_of(arg.value.value, self.building)
                self._literal_receiver(arg.value.value)
        if type(func) is cst.Name:
            if node.args:
                self.pattern_calls.append(node)  # from re import match (as m); m("...", name)
            return
        if type(func) is not cst.Attribute:
            return
        method = func.attr.value
        if method in _TEMPLATE_METHODS:
            if method == "join":
                ends = self._separator_ends_values(func.value)
            else:
                ends = method in ("format", "format_map") and self._template_ends_values(func.value, _BRACE_FIELD)
            if not ends:
                for arg in node.args:
                    self._mark(arg.value)
        elif method == "replace":  # name.replace("gemini-2.5-flash", x) also cuts it out of longer names
            self._name_of(func.value, self.building)
            self._literal_receiver(func.value)
            for at, arg in enumerate(node.args):
                if at == 0:
                    self._search(arg.value)
                else:
                    self._mark(arg.value)
        elif method in _STRING_METHODS:  # MODEL.startswith(...), MODEL.split("-")
            self._name_of(func.value, self.building)
            self._literal_receiver(func.value)
            if method in _SEARCH_METHODS:  # name.startswith("gemini-2.5-flash") also matches longer names
                for arg in node.args:
                    self._search(arg.value)
        elif method in _PATTERN_FUNCTIONS and type(func.value) in (cst.Name, cst.Attribute):
            # re.match(...), regex_mod.match(...) or a compiled pattern's PAT.search(...), once the file is read
            self.pattern_calls.append(node)
        elif method in _SEARCHING_CALLS:  # self.assertIn("...", log), Run.model.contains("...")
            for arg in node.args:
                self._search(arg.value)
        elif method in _ADDING_METHODS:  # "...".__add__("-lite")
            self._mark(func.value)
            for arg in node.args:
                self._mark(arg.value)
        elif method in _OPERATOR_ADDS and type(func.value) is cst.Name:
            self.pattern_calls.append(node)  # operator.add("...", "-lite"), op.add(...) once its import is read
        elif (
            method in _QUERY_CALLS
            or method in _ROW_LOOKUP_CALLS
            or (method in _MANAGER_GETS and "objects" in _attribute_names(func.value, cst))
        ):  # Usage.objects.filter(model="..."), .get(model="..."), df["model"].isin([...]): stored rows
            for arg in node.args:
                keyword = arg.keyword.value if arg.keyword is not None else ""
                lookup = keyword.rpartition("__")[2] if "__" in keyword else ""
                if keyword in ("defaults", "create_defaults"):
                    continue
                if method == "isin" or (keyword and lookup in ("", "exact", "iexact", "in")):
                    self._compare(arg.value)
        elif method in _LABEL_LOOKUPS:  # df.groupby("model").get_group("<ID>"), df.xs("<ID>"): stored rows
            for arg in node.args:
                if arg.keyword is None or arg.keyword.value in ("name", "key"):
                    self._compare(arg.value)
        elif method in _DOCUMENT_QUERIES and node.args and node.args[0].keyword is None:
            if type(node.args[0].value) is cst.Dict:  # coll.find_one({"model": "..."}): a stored document's filter
                self._compare(node.args[0].value)
        elif method in _FAILURE_CALLS and len(node.args) > 1:  # self.assertRaises(E, generate, "gemini-...")
            for arg in node.args[1:]:
                self._fails(arg.value)
        elif method in _EQUALITY_CALLS:  # operator.eq(m, "..."), "...".__eq__(m)
            self._compare(func.value)
            for arg in node.args:
                self._compare(arg.value)

    def _option(self, node: Any) -> None:
        """``parser.add_argument("--base-model", default="...")``, ``@click.option("--model", default=...)``:
        the default is what the option's name holds (``args.base_model``, the parameter ``model``)."""
        cst = self.cst
        default = next((arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value == "default"), None)
        if default is None:
            return
        names = [arg.value for arg in node.args if arg.keyword is None or arg.keyword.value == "dest"]
        for name in names:
            text = _evaluated(name) if type(name) is cst.SimpleString else None
            if isinstance(text, str):
                dest = text.lstrip("-").replace("-", "_")
                if dest.isidentifier():
                    self.assignments.append((cst.Name(value=dest), default))

    def _literal_receiver(self, node: Any) -> None:
        """``"gemini-2.5-flash".replace(...)``: a literal taken apart or built on in place, as a constant would be."""
        cst = self.cst
        if type(node) in (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString):
            self._mark(node)

    def _pattern_calls(self) -> None:
        """The calls of ``re``'s pattern functions and ``operator``'s adding ones, now that the file's
        imports are read: ``re.match("gemini-2.5-flash", name)`` matches longer names too, and
        ``add("gemini-2.5-flash", "-lite")`` builds one."""
        cst = self.cst
        compiled: Optional[set[str]] = None
        for node in self.pattern_calls:
            func = node.func
            if type(func) is cst.Name:
                adds = func.value in self.operator_names
                known = func.value in self.pattern_names
            elif type(func.value) is not cst.Name:  # self.PATTERN.search(...)
                adds = known = False
            else:
                adds = func.attr.value in _OPERATOR_ADDS and func.value.value in self.operator_modules
                known = func.attr.value in _PATTERN_FUNCTIONS and func.value.value in self.pattern_modules
            if not (adds or known) and type(func) is cst.Attribute and func.attr.value in _PATTERN_METHODS:
                if compiled is None:
                    compiled = self._compiled_patterns()
                holder = func.value.value if type(func.value) is cst.Name else func.value.attr.value
                if holder in compiled:  # PATTERN.search(MODEL): MODEL's text is searched, as by re.search
                    self._text_searched(node, func.attr.value, after_the_pattern=False)
                continue
            if adds:  # operator.add("...", "-lite"), add(...) from operator: "+" by another name
                for arg in node.args:
                    self._mark(arg.value)
            elif known and node.args:
                self._search(node.args[0].value, pattern=True)
                # re.search(r"-pro$", MODEL): the text searched is taken apart as MODEL.endswith("-pro") is
                named = func.value if type(func) is cst.Name else func.attr.value
                if named != "compile":
                    self._text_searched(node, named, after_the_pattern=True)
        self.pattern_calls = []

    def _text_searched(self, node: Any, method: str, after_the_pattern: bool) -> None:
        """The text a pattern function or method ``node`` searches (``string=``, or the argument after
        the pattern, if given first, and after ``sub``'s replacement): its name's text is searched."""
        at = (1 if after_the_pattern else 0) + (1 if method in ("sub", "subn") else 0)
        for index, arg in enumerate(node.args):
            keyword = arg.keyword.value if arg.keyword is not None else ""
            if keyword == "string" or (not keyword and index == at):
                self._searched_within(arg.value, None)

    def _registered(self, node: Any) -> None:
        """A class or function registered under an ID by its decorator (``@register("<ID>")``): what it
        defines is the old model's (its limits, its request shape), and a fix would register it as the
        new one's: the fix is unsafe. pytest's marks (``parametrize``) are read as test rows instead."""
        cst = self.cst
        for decorator in node.decorators:
            call = decorator.decorator
            if type(call) is not cst.Call:
                continue
            name = _named(call.func, cst)
            if name in _NOT_REGISTRIES or "mark" in _attribute_names(call.func, cst):
                continue
            for arg in call.args:
                value = arg.value
                if arg.keyword is not None and arg.keyword.value not in _REGISTRY_KEYWORDS:
                    continue  # @click.option("--model", default="<ID>"): a default, not a name registered
                if type(value) is cst.SimpleString and self._holds_only_an_id(value.value):
                    label = f"'@{name}'" if name else "its decorator"
                    self.entries.setdefault(value.value, REGISTERED_REASON.format(label=label))

    def _compiled_patterns(self) -> set[str]:
        """The names (their last part) assigned a pattern compiled by ``re``/``regex`` (``PAT =
        re.compile(...)``, ``self._RE = compile(...)`` from ``from re import compile``)."""
        cst = self.cst

        def compiles(func: Any) -> bool:
            if type(func) is cst.Name:
                return func.value in self.pattern_names
            return bool(
                type(func) is cst.Attribute and func.attr.value == "compile" and type(func.value) is cst.Name
                and func.value.value in self.pattern_modules
            )

        return self._bound_to_calls(compiles)

    def _bound_to_calls(self, calling: Callable[[Any], bool]) -> set[str]:
        """The names (last parts: ``prices`` of ``self.prices``) assigned the result of a call whose
        function ``calling`` accepts (``PRICES = json.load(f)``, ``PAT = re.compile(...)``)."""
        cst = self.cst
        return {
            _named(target, cst) for target, value in self.assignments
            if type(target) in (cst.Name, cst.Attribute) and type(value) is cst.Call and calling(value.func)
        }

    def _searched_within(self, node: Any, needle: Optional[str]) -> None:
        """``node`` (a name, ``self.MODEL``) is the text searched: ``"pro" in MODEL``, ``re.search(p, MODEL)``,
        also as ``MODEL.lower()`` or ``str(MODEL)`` (:meth:`_answer_changes` reads the needle in each case)."""
        cst = self.cst
        while True:
            if type(node) is cst.Call and not node.args and type(node.func) is cst.Attribute and (
                node.func.attr.value in _CASE_METHODS
            ):
                node = node.func.value
            elif type(node) is cst.Call and type(node.func) is cst.Name and node.func.value == "str" and len(node.args) == 1:
                node = node.args[0].value
            else:
                break
        if type(node) is cst.Name or (type(node) is cst.Attribute and node.attr.value not in _ENUM_VALUES):
            names: set[str] = set()
            self._name_of(node, names)
            for name in names:
                self.searched_within.setdefault(name, set()).add(needle)

    def _search(self, node: Any, pattern: bool = False) -> None:
        """``node`` is looked for in longer text: the IDs its literals end in are not fixed anywhere in
        the file (the text searched may be another literal holding the ID), and its names keep theirs.
        A regular expression's IDs count with their dots escaped too (``r"gemini-2\\.5-flash"``)."""
        cst = self.cst
        for current in self._walk(node, yields=(cst.SimpleString, cst.Name, cst.Attribute, cst.FormattedStringText)):
            if type(current) is cst.FormattedStringText:  # f"{p}/gemini-2.5-flash": fixed nowhere in the file
                text = _dots_unescaped(current.value) if pattern else current.value
                self.searched_ids.update(found.model.id for found in self.matcher.finditer(text))
            elif type(current) is cst.SimpleString:
                ends = self._ends_in_an_id(current.value)
                if ends:
                    self.searched.add(current.value)
                if ends or pattern:
                    content = _inside_quotes(current.value)
                    if pattern:
                        content = _dots_unescaped(content)
                    self.searched_ids.update(found.model.id for found in self.matcher.finditer(content))
            else:
                self._name_of(current, self.building)
                self._name_of(current, self.searched_names)

    def _substring_test(self, node: Any) -> None:
        """``"gemini-2.5-flash" in name`` tests a substring (a display on the right tests membership);
        ``model == "gemini-2.5-flash"`` and ``model in ("gemini-2.5-flash", ...)`` compare with the old name."""
        cst = self.cst
        left = node.left
        for target in node.comparisons:
            operator = type(target.operator)
            if operator in (cst.In, cst.NotIn) and type(target.comparator) not in self.displays:
                self._search(left)
                self._name_of(target.comparator, self.membership_names)
                needle = _evaluated(left) if type(left) is cst.SimpleString else None
                self._searched_within(target.comparator, needle if isinstance(needle, str) else None)
                if type(target.comparator) in (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString):
                    self._search(target.comparator)
            elif id(node) in self.asserted:
                pass
            elif operator in (cst.In, cst.NotIn) or operator in (cst.Equal, cst.NotEqual, cst.Is, cst.IsNot):
                sides = (target.comparator,) if operator in (cst.In, cst.NotIn) else (left, target.comparator)
                for side in sides:
                    self._compare(side)
            left = target.comparator

    def _compare(self, node: Any) -> None:
        """``node`` is compared with a value: its literals that are an ID and nothing more, also after a
        provider's path (``model == "gemini/<id>"`` tests for the old model as ``model == "<id>"`` does; a
        longer text holding one, ``".../<id>:generateContent"``, is an expected value built from it), and
        the constants it names."""
        self._ids_and_names(self._walk(node, skip=(self.cst.Call,)), self.compared_literals, self.compared_names, paths=True)

    def _ids_and_names(
        self, nodes: Iterator[Any], literals: set[str], names: set[str], paths: bool = False
    ) -> None:
        """Of ``nodes``: the literals that are an ID and nothing more into ``literals`` (with ``paths``,
        after a provider's path too: ``"google/<ID>"``), the names their values are read from into ``names``."""
        simple = self.cst.SimpleString
        for current in nodes:
            if type(current) is simple:
                if self._holds_only_an_id(current.value, paths):
                    literals.add(current.value)
            else:
                self._name_of(current, names)

    def _ids_and_names_in(self, node: Any, literals: set[str], names: set[str], paths: bool = False) -> None:
        """:meth:`_ids_and_names` of the strings, names and attributes in ``node``."""
        cst = self.cst
        self._ids_and_names(self._walk(node, yields=(cst.SimpleString, cst.Name, cst.Attribute)), literals, names, paths)

    def _is_a_path_to_an_id(self, written: str) -> bool:
        """Whether the literal ``written`` is a provider's path to an ID and nothing more (``"google/<ID>"``)."""
        content = _inside_quotes(written)
        return any(
            found.end == len(content) and _PROVIDER_PATH.fullmatch(content, 0, found.start) is not None
            for found in self.matcher.finditer(content)
        )

    def _is_an_id(self, written: str) -> bool:
        """Whether the string literal ``written`` holds an ID and nothing else."""
        content = _inside_quotes(written)
        return any(found.start == 0 and found.end == len(content) for found in self.matcher.finditer(content))

    def _slice(self, node: Any) -> None:
        """``node``'s value is cut by a slice: its literals, and the constants it names."""
        cst = self.cst
        if type(node) is cst.SimpleString:
            if any(stem in node.value for stem in self.stems):
                self.sliced.add(node.value)
        else:
            self._name_of(node, self.building)

    def _runs_into(self, node: Any) -> None:
        """Text that may continue a name is added right after the value of ``node``: a name there, or
        any literal ending in an ID or name anywhere in a larger expression (``(M or "x") + "-lite"``,
        ``["gemini-2.5-flash"][0] + "-lite"``), builds a longer name."""
        cst = self.cst
        if type(node) in (cst.Name, cst.Attribute):
            self._name_of(node, self.building)
        elif type(node) not in self.displays:  # ["gemini-2.5-flash"] + EXTRA joins lists: no name grows
            self._mark(node)  # its names too (MODELS["fast"]: MODELS and its items)

    def _joined(self, node: Any) -> None:
        """``f"{M}" "-lite"``: an f-string ending in a field, then a string going on with a name's text.

        Empty strings join nothing (``f"{M}" "" "-lite"`` is ``f"{M}-lite"``): they are left out first.
        The walk comes to the outermost concatenation first: the ones inside it are read with it, once
        (read again for each, a run of 1,000 strings took seconds)."""
        cst = self.cst
        if id(node) in self.joined:
            return
        pieces = [piece for piece in _concatenated(node, cst, self.joined) if not self._empty(piece)]
        for first, second in zip(pieces, pieces[1:]):
            if type(first) is not cst.FormattedString:
                continue
            last = first.parts[-1]
            if type(last) is cst.FormattedStringExpression and not self._plainly_new_token(second):
                self._runs_into(last.expression)

    def _a_number(self, node: Any) -> bool:
        """A number, or a call that gives one (``n % len(MODELS)`` is arithmetic, not a template)."""
        cst = self.cst
        if type(node) in (cst.Integer, cst.Float):
            return True
        return type(node) is cst.Call and type(node.func) is cst.Name and node.func.value in _NUMBER_FUNCTIONS

    def _empty(self, node: Any) -> bool:
        """An empty string literal (``""``, ``f""``)."""
        if type(node) is self.cst.FormattedString:
            return not node.parts
        return type(node) is self.cst.SimpleString and _evaluated(node) in ("", b"")

    def _mark(self, node: Any) -> None:
        """Every literal holding an ID stem in ``node``, and every name, goes into a template."""
        for current in self._walk(node):
            if type(current) is self.cst.SimpleString:
                if self._ends_in_an_id(current.value):
                    self.formatted.add(current.value)
            else:  # a name, or its items ("-".join(PARTS)), goes into the template
                self._name_of(current, self.building)
                self._name_of(current, self.building_items)

    def _walk(self, node: Any, skip: tuple[type, ...] = (), yields: Optional[tuple[type, ...]] = None) -> Iterator[Any]:
        """``node`` and what is under it: nodes of the ``yields`` types (string literals, names and
        attributes unless given) are yielded, not entered; nodes of the ``skip`` types are not entered either."""
        if yields is None:
            yields = self.names_and_strings
        wanted, fields_of = _WANTED, _FIELDS
        pending = [node]
        while pending:
            current = pending.pop()
            cls = type(current)
            if cls in yields:
                yield current
                continue
            if cls in skip:
                continue
            for name in fields_of.get(cls) or _child_fields(cls):
                child = getattr(current, name)
                kind = type(child)
                if kind is list or kind is tuple:
                    for item in child:
                        kind = type(item)
                        go = wanted.get(kind)
                        if go is None:
                            go = _wanted(kind)
                        if go or kind in yields:
                            pending.append(item)
                    continue
                go = wanted.get(kind)
                if go is None:
                    go = _wanted(kind)
                if go or kind in yields:
                    pending.append(child)

    def _name_of(self, node: Any, into: set[str]) -> None:
        """The name a value is read from: ``FLASH``, ``self.FLASH`` (its last part), ``str(FLASH)``,
        ``MODELS["fast"]`` (``MODELS``)."""
        cst = self.cst
        while True:
            cls = type(node)
            if cls is cst.Name:
                into.add(node.value)
                return
            if cls is cst.Attribute:
                into.add(node.attr.value)
                if node.attr.value not in _ENUM_VALUES:
                    return
                # TextModel.FLASH.value is FLASH's value; TextModel[name].value and TextModel(x).value
                # are some member's, as an item of TextModel (its class body: see visit)
                node = node.value
                if type(node) is cst.Call and type(node.func) is cst.Name:  # as TextModel[x]: an item of it
                    node = node.func
                    if into is self.building:
                        into = self.building_items
                continue
            if cls is cst.Subscript:
                node = node.value
                if into is self.building:
                    into = self.building_items  # MODELS["fast"]: an item of MODELS builds
            elif cls is cst.Call and type(node.func) is cst.Name and node.func.value == "str" and node.args:
                node = node.args[0].value
            else:
                return

    def _fields(self, parts: Any, raw: bool) -> None:
        """A name in an f-string field with text going on right after it builds a longer value (``raw``:
        the f-string's escapes are text)."""
        cst = self.cst
        for at, part in enumerate(parts):
            if type(part) is not cst.FormattedStringExpression:
                continue
            after: Any = parts[at + 1] if at + 1 < len(parts) else None
            text = after.value if type(after) is cst.FormattedStringText else ""
            if type(after) is cst.FormattedStringText and at + 2 < len(parts) and (
                type(parts[at + 2]) is cst.FormattedStringExpression
            ):
                text += "{"  # f"{FLASH}.{ext}": the text goes on into another field
            if type(after) is cst.FormattedStringExpression or _text_runs_on(text, raw) or _path_goes_on(text):
                self._runs_into(part.expression)

    def _constant(self, target: Any, value: Any) -> None:
        """``NAME = <value>`` (also ``self.NAME = ...``, ``def f(NAME=...)``): the literals holding an
        ID stem in the value are the name's (``M = os.getenv("M", "gemini-...")``); a name is an alias."""
        cst = self.cst
        if type(value) is _Part:  # some part of the value: its literals may be the name's, whole or as items
            bound: set[str] = set()
            self._name_of(target, bound)
            literals: set[str] = set()
            for current in self._walk(value.value, yields=(cst.SimpleString,)):
                if self._ends_in_an_id(current.value):
                    literals.add(current.value)
            parts_of: set[str] = set()  # m, n = pair; for m, p in zip(MODELS, x): m is one of the items
            pending = [value.value]
            while pending:
                current = pending.pop()
                if type(current) is cst.Call:  # MODELS.items(), enumerate(MODELS), zip(A, B)
                    if type(current.func) is cst.Attribute:
                        pending.append(current.func.value)
                    pending.extend(arg.value for arg in current.args)
                elif type(current) in (cst.Tuple, cst.List):
                    pending.extend(element.value for element in current.elements)
                else:
                    self._name_of(current, parts_of)
            for name in bound:
                if literals:
                    for into in (self.constants, self.items, self.literal_constants):
                        into.setdefault(name, set()).update(literals)
                if parts_of:
                    self.item_aliases.setdefault(name, set()).update(parts_of)
            return
        items = type(value) is _Items  # a loop's target: each item of the iterable in turn
        if items:
            value = value.iterable
        kind = type(value)
        if kind is cst.SimpleString and not self._ends_in_an_id(value.value):
            return  # the most common assignment: a string without an ID
        if kind is cst.SimpleString and not items:  # OLD = "gemini-...": the name is the literal
            direct: set[str] = set()
            if type(target) is not cst.Subscript:
                self._name_of(target, direct)
            for name in direct:
                self.literal_constants.setdefault(name, set()).add(value.value)
        if kind is cst.Integer or kind is cst.Float:
            return
        names: set[str] = set()
        if type(target) is not cst.Subscript:  # MODELS["fast"] = ... names no constant
            self._name_of(target, names)
        if not names:
            return
        if kind is cst.Call and not value.args:
            if type(value.func) is cst.Name:  # M = get(): M holds what get returns
                for name in names:
                    self.aliases.setdefault(name, set()).add(value.func.value)
            return
        # BASE = FLASH, M = model or DEFAULT, DEFAULT if c else x, os.getenv("M", DEFAULT),
        # kw.get("model", DEFAULT): the value may be the constant itself; M = MODELS[0],
        # M = CONFIG.get("model") or DEFAULT, CONFIG["model"] or x: an item of MODELS, CONFIG
        sources: set[str] = set()
        held: set[str] = set()
        for alternative, of_items in self._alternatives(value):
            if of_items:
                for current in self._walk(alternative, yields=(cst.Name, cst.Attribute)):
                    self._name_of(current, held)
            else:
                self._name_of(alternative, sources)
        for name in names:
            if sources:
                (self.item_aliases if items else self.aliases).setdefault(name, set()).update(sources)
            if held:
                self.item_aliases.setdefault(name, set()).update(held)
        if kind in (cst.Subscript, cst.Name, cst.Attribute):
            return
        # The literals the name may hold whole: the value, a default (getenv(..., "..."), x or "..."),
        # not one built into a longer string (f"{x}{'...'}", "a" + "..."); those of a display are items.
        displays = (cst.List, cst.Tuple, cst.Set, cst.Dict)
        into = self.items if type(value) in displays and not items else self.constants
        literals = {
            current.value for current in self._walk(value, skip=(cst.FormattedString, cst.BinaryOperation))
            if type(current) is cst.SimpleString and self._ends_in_an_id(current.value)
        }
        for name in names:
            if literals:
                into.setdefault(name, set()).update(literals)

    def _alternatives(self, value: Any) -> Iterator[tuple[Any, bool]]:
        """The names and attributes that ``value`` may be as a whole (an operand of ``or``/``and``, a
        branch of ``x if c else y``, a default given to ``get``/``getenv``/``getattr``/``pop``/``setdefault``),
        each with False; with True, the containers it may be an item of (``MODELS[0]``, ``CONFIG.get("model")``)."""
        cst = self.cst
        pending = [value]
        while pending:
            current = pending.pop()
            kind = type(current)
            if kind is cst.BooleanOperation:
                pending.extend((current.left, current.right))
            elif kind is cst.IfExp:
                pending.extend((current.body, current.orelse))
            elif kind is cst.Subscript:
                yield current.value, True
            elif kind is cst.Call and _named(current.func, cst) in _DEFAULT_CALLS:
                pending.extend(arg.value for arg in current.args[1:] if arg.keyword is None or arg.keyword.value == "default")
                if type(current.func) is cst.Attribute and current.func.attr.value in ("get", "pop"):
                    yield current.func.value, True
            elif kind is cst.Name or kind is cst.Attribute:
                yield current, False

    def _ends_in_an_id(self, written: str) -> bool:
        """Whether the string literal ``written`` (as written) ends with an ID: only then can text
        added after its value run into the ID (``"gemini-2.5-flash" + "-lite"``, not
        ``"gemini-2.5-flash at tab size" + "s"``)."""
        if not any(stem in written for stem in self.stems):
            return False
        content = _inside_quotes(written)
        return any(found.end == len(content) for found in self.matcher.finditer(content))

    def _template_ends_values(self, template: Any, fields: re.Pattern[str]) -> bool:
        """Whether ``template`` is a literal in which no field runs on into more text."""
        if type(template) is not self.cst.SimpleString:
            return False
        text = _evaluated(template)
        if not isinstance(text, str):
            return False
        return all(
            # "{}/{}".format(PROVIDER, MODEL): a field then "/" and another field is a router's prefix
            # and its model, more often than a folder (the template is read whole, not field by field)
            not _runs_on(text[found.end() :]) and not _path_goes_on(text[found.end() :], fields=False)
            for found in fields.finditer(text)
        )

    def _separator_ends_values(self, separator: Any) -> bool:
        """A ``join`` separator that puts a blank, a comma or the like between the values (``", "``)."""
        if type(separator) is not self.cst.SimpleString:
            return False
        text = _evaluated(separator)
        return isinstance(text, str) and text != "" and not _continues(text[0]) and not _continues(text[-1])

    def _path_added(self, node: Any) -> bool:
        """A string literal that puts a folder's ``/`` and more name right after a value (``+ "/final_score"``)."""
        cst = self.cst
        if type(node) is cst.FormattedString:
            head: Any = node.parts[0] if node.parts else None
            return type(head) is cst.FormattedStringText and _path_goes_on(head.value)
        if type(node) is not cst.SimpleString:
            return False
        value = _evaluated(node)
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        return isinstance(value, str) and _path_goes_on(value)

    def _plainly_new_token(self, node: Any) -> bool:
        """A string literal whose first character starts a new token (``FLASH + " model"``, ``+ "."``,
        ``+ b"/x"``, ``+ f"@{host}"``)."""
        cst = self.cst
        if type(node) is cst.FormattedString:
            head: Any = node.parts[0] if node.parts else None
            return (type(head) is cst.FormattedStringText and head.value != ""
                    and not _text_runs_on(head.value, _raw_prefix(node.prefix)))
        if type(node) is not cst.SimpleString:
            return False
        value = _evaluated(node)
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        return isinstance(value, str) and value != "" and not _runs_on(value)


def _leftmost(node: Any, cst: Any) -> Any:
    """The first part of an attribute chain (``app`` of ``app.models.PRICES``), or ``node``."""
    while type(node) is cst.Attribute:
        node = node.value
    return node


def _named(node: Any, cst: Any) -> str:
    """The last name of ``node`` (``overload``, ``typing.overload``), or ""."""
    if type(node) is cst.Name:
        return str(node.value)
    return str(node.attr.value) if type(node) is cst.Attribute else ""


def _spelled(name: str) -> str:
    """``name``'s letters and digits in lower case: how a constant spells an ID (``GEMINI_2_5_PRO``,
    ``gemini-2.5-pro``: ``gemini25pro``)."""
    return "".join(char for char in name.lower() if char.isalnum())


def _dots_unescaped(pattern: str) -> str:
    """A regular expression's text with its escaped dots plain (``gemini-2\\.5-flash``, also ``\\\\.``
    in a non-raw string), so that the IDs it looks for are found in it."""
    return pattern.replace("\\\\.", ".").replace("\\.", ".")


def _evaluated(node: Any) -> Any:
    """The value of a string literal node, or None when Python would refuse it (``"\\xZZ"``,
    ``"\\N{NO SUCH NAME}"``); a warning about an escape (``"\\d"`` on Python 3.12) is not printed."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return node.evaluated_value
        except (SyntaxError, ValueError, UnicodeError):
            return None


#: Methods that put their arguments into a template (``str.format``, ``str.join``, ``Template.substitute``).
_TEMPLATE_METHODS = frozenset(("format", "format_map", "join", "substitute", "safe_substitute"))
#: Parts of an imported constant's name that make it a model's name (``PRO_IMAGE``, ``FLASH_GA``, ``DEFAULT_MODEL``):
#: a key mapped to it may be an alias map's (old name -> new); one mapped to ``FREE_TIER`` is a table's.
_MODEL_NAME_PARTS = frozenset(
    "MODEL MODELS GEMINI FLASH PRO IMAGE IMAGEN VEO LITE ULTRA NANO BANANA ID NAME GA NEW CURRENT LATEST STABLE "
    "EMBEDDING REPLACEMENT".split()
)
#: An enum member's value (``TextModel.FLASH.value``): the member's.
_ENUM_VALUES = frozenset(("value", "_value_"))
#: Calls that declare a command-line option whose ``default=`` its parsed value holds (argparse,
#: optparse, click): ``add_argument("--model", default="...")`` then ``args.model + "-lite"``.
_OPTION_CALLS = frozenset(("add_argument", "add_option", "option", "argument"))
#: Calls whose value may be the default they are given (``os.getenv("M", DEFAULT)``, ``kw.get("m", DEFAULT)``).
_DEFAULT_CALLS = frozenset(("get", "getenv", "getattr", "pop", "setdefault"))
#: String methods that take a model name apart or test it as a prefix: the fix changes what they give.
_STRING_METHODS = frozenset(
    "replace split rsplit partition rpartition removeprefix removesuffix startswith endswith find rfind index "
    "rindex strip lstrip rstrip count".split()
)
#: Of those, the methods whose argument is looked for in the name (``startswith``) or cut out of it
#: (``strip``'s characters); ``replace``'s first argument is too (:meth:`_Builds._call`).
_SEARCH_METHODS = frozenset(
    "split rsplit partition rpartition removeprefix removesuffix startswith endswith find rfind index rindex "
    "count strip lstrip rstrip".split()
)
#: Calls whose arguments are looked for in other text (``assertIn(member, text)``, a query's ``contains``).
_SEARCHING_CALLS = frozenset(
    "contains __contains__ icontains like ilike assertIn assertNotIn assertRegex "
    "assertNotRegex assertRaisesRegex assertWarnsRegex assertRegexpMatches assertNotRegexpMatches "
    "assertRaisesRegexp".split()
)
#: Builtins that give a number: ``x % len(MODELS)`` is arithmetic.
_NUMBER_FUNCTIONS = frozenset(("len", "int", "float", "round", "abs", "hash", "ord", "sum", "max", "min"))
#: Calls that compare their arguments (and the object of a method) for equality.
_EQUALITY_CALLS = frozenset(("eq", "ne", "__eq__", "__ne__"))
#: Calls that select stored rows by a value (Django and SQLAlchemy querysets, pandas): code reading data
#: written under the old name, which a fix would stop finding.
_QUERY_CALLS = frozenset(("filter", "filter_by", "exclude", "isin"))
#: Calls that read a file's data (``json.load``, ``yaml.safe_load``, ``tomllib.loads``, ``pickle.load``): a
#: mapping's keys there are the file's, which a fix renames only with ``--unsafe-fixes``.
_LOADERS = frozenset(("load", "loads", "safe_load", "full_load", "unsafe_load"))
#: pandas' lookups of rows by their label (``df.set_index("model").loc["<ID>"]``, ``.get_group("<ID>")``):
#: data stored under the old name, which a renamed label no longer finds (a variant review, 2026-12-07).
_LABEL_INDEXERS = frozenset(("loc", "at"))
_LABEL_LOOKUPS = frozenset(("get_group", "xs"))
#: Django's calls that find (or else create) a stored row by its lookups, whatever they are called on
#: (``defaults=`` is what a created row gets, not a lookup).
_ROW_LOOKUP_CALLS = frozenset(("get_or_create", "update_or_create", "aget_or_create", "aupdate_or_create"))
#: Django's ``get``: a stored row's lookup on a manager (``Usage.objects.get(model=...)``); a dict's
#: ``get`` takes no keywords, and google-genai's ``client.models.get(model=...)`` asks the API.
_MANAGER_GETS = frozenset(("get", "aget"))
#: MongoDB's calls whose first argument is a filter document (``coll.find_one({"model": ...})``).
_DOCUMENT_QUERIES = frozenset(
    "find_one count_documents delete_one delete_many update_one update_many replace_one find_one_and_update "
    "find_one_and_delete find_one_and_replace".split()
)
#: Calls of a test that expects what they hold (a ``with`` block, or arguments after the first) to fail.
_FAILURE_CALLS = frozenset(
    "raises warns deprecated_call assertRaises assertRaisesRegex assertRaisesRegexp assertWarns assertWarnsRegex".split()
)
#: Methods that add their object and arguments as ``+`` does (``str.__add__``): the result may be a longer name.
_ADDING_METHODS = frozenset(("__add__", "__radd__", "__iadd__"))
#: The same in :mod:`operator` (``operator.add``; not any ``.add``: ``seen.add("...")`` adds to a set).
_OPERATOR_ADDS = frozenset(("add", "iadd", "concat", "iconcat"))
#: Query lookups (Django's ``model__startswith="..."``) that look for the value in longer text.
_SEARCH_LOOKUPS = frozenset(
    "startswith istartswith endswith iendswith contains icontains regex iregex search".split()
)
#: Calls that match a glob pattern (the argument at this position) against names or files: the ID in it
#: matches the old name (or longer ones), as a regular expression's does.
_GLOB_CALLS = {"fnmatch": 1, "fnmatchcase": 1, "glob": 0, "iglob": 0, "rglob": 0}
#: ``re`` functions whose first argument is a pattern: ``re.match("gemini-2.5-flash", name)`` matches longer names.
_PATTERN_FUNCTIONS = frozenset("match search fullmatch compile findall finditer sub subn split".split())
#: A compiled pattern's methods that search the text given to them (``PAT.search(text)``, ``PAT.sub(repl, text)``).
_PATTERN_METHODS = frozenset("match search fullmatch findall finditer sub subn split".split())
#: Methods that give a string's text in another case: ``"2.0" in MODEL.lower()`` searches MODEL's text.
_CASE_METHODS = frozenset(("lower", "upper", "casefold"))
_CASES: tuple[Callable[[str], str], ...] = (str, str.lower, str.upper, str.casefold)
_BRACE_FIELD = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")
_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrai]")


def _runs_on(text: str) -> bool:
    """Whether ``text``, right after a value, runs into it: a character that continues a name, or a
    field; a ``.`` that ends a sentence (``f"Using {MODEL}."``, ``"..."``) does not."""
    head = text[:1]
    if head == ".":
        return text[1:2] != "" and text[1:2] not in ENDS_A_SENTENCE
    if head == ":":  # f"{MODEL}:free" names a router's route of the old model, as "<ID>:free" does
        return _VARIANT.match(text) is not None
    return head in ("{", "%", "$") or _continues(head)


def _path_goes_on(text: str, fields: bool = True) -> bool:
    """Whether ``text``, right after a value, makes the value a folder of a longer path (``f"{MODEL}/final_score"``,
    a CSV column or a file under the old name; ``"evals/<ID>/score"`` as a literal is held as a path too):
    a ``/``, then a name or a field. A review over real packages (weave, 2026-12-07) found a column
    ``f"{model}/final_score"`` of a stored CSV renamed with its model."""
    follower = text[1:2]
    return text[:1] == "/" and ((fields and follower in ("{", "%", "$")) or _continues(follower))


def _text_runs_on(text: str, raw: bool) -> bool:
    """:func:`_runs_on` for an f-string's text as written (libcst keeps its escapes): an escape may
    decode to a character that goes on with a name (``\\x2d``, ``\\u002d``, ``\\055``, ``\\N{HYPHEN-MINUS}``);
    one that decodes to a blank or a quote (``\\n``, ``\\"``) does not. In a raw f-string it is text."""
    if text.startswith("\\") and not raw:
        return text[1:2] not in BOUNDARY_ESCAPES
    return _runs_on(text)


def _raw_prefix(prefix: str) -> bool:
    return "r" in prefix.lower()


_KEPT_SOMEWHERE = "the same string is a key of a dict in this file where renaming it would drop or merge entries"


def _kept_keys(node: Any, cst: Any, matcher: Matcher, stems: tuple[str, ...]) -> dict[str, str]:
    """The string keys of a dict display or ``case {...}`` pattern that a fix must not rename, as
    written (each string token of the key), with the reason.

    Renaming a key to a name another key has (or will have) would drop an entry when the dict is
    built, and a mapping pattern with a duplicate key does not compile. Keys made of string
    literals are compared (plain, concatenated, f-strings without fields); a key computed at run
    time cannot be known here.
    """
    simple = cst.SimpleString
    elements = node.elements
    # Most dicts name no ID in a plain key: answered without evaluating a key.
    if all(type(getattr(e, "key", None)) is simple for e in elements) and not any(
        stem in e.key.value for e in elements for stem in stems
    ):
        return {}
    keys: list[tuple[list[str], str]] = []
    unknown = False  # a key computed at run time: a name, a call, a ``**spread`` (or a ``**rest`` pattern)
    for element in elements:
        key: Any = getattr(element, "key", None)  # None for a ``**spread``
        known = _literal_key(key, cst) if key is not None else None
        if known is not None:
            keys.append(known)
        else:
            unknown = True
    if not any(stem in written for tokens, _ in keys for written in tokens for stem in stems):
        return {}
    if unknown:
        return {
            written: _UNKNOWN_KEY_REASON for tokens, value in keys if renamed(value, matcher) != value
            for written in tokens
        }
    conflicts = key_conflicts((value for _, value in keys), matcher)
    return {written: conflicts[value] for tokens, value in keys if value in conflicts for written in tokens}


_UNKNOWN_KEY_REASON = (
    "another key of this mapping is computed at run time (a name, a call, a ** spread) and may be the new name; "
    "renaming could drop an entry"
)


def _literal_key(key: Any, cst: Any) -> Optional[tuple[list[str], str]]:
    """The string tokens of a key (as written) and its value, when the key is made of literals only."""
    if type(key) is cst.SimpleString:
        value = _evaluated(key)
        return ([key.value], value) if isinstance(value, str) else None
    if type(key) is cst.FormattedString:
        if not all(type(part) is cst.FormattedStringText for part in key.parts):
            return None
        return [cst.Module([]).code_for_node(key)], "".join(part.value for part in key.parts)
    if type(key) is cst.ConcatenatedString:
        left, right = _literal_key(key.left, cst), _literal_key(key.right, cst)
        if left is None or right is None:
            return None
        return left[0] + right[0], left[1] + right[1]
    return None


def _names_a_replacement(source: str, mentions: list[Mention]) -> bool:
    """Whether ``source`` names, as a whole token, the replacement of a prose mention that has a fix."""
    from gemini_lint.matching import token_regex

    wanted = {m.model.replacement for m in mentions if m.context is Context.PROSE and m.fixable and m.model.replacement}
    return bool(wanted) and token_regex(sorted(wanted)).search(source) is not None


def _docstring_parts(node: Any, cst: Any) -> list[Any]:
    """The SimpleString nodes that make up the docstring of a module, class or function body, and in
    a module or class body the attribute docstrings too: a string statement right after an
    assignment (``judge_model: str = "..."`` then ``'''The judge model. Versions before 1.4 used
    <ID>.'''``), which Sphinx and IDEs show as the attribute's documentation (PEP 257). A review of
    a real package found one read as a value and its history rewritten by a safe fix."""
    body = node.body if isinstance(node, cst.Module) else node.body.body
    if not body:
        return []
    parts = _string_statement(body[0], cst)
    if type(node) is cst.FunctionDef:
        return parts
    for before, statement in zip(body, body[1:]):
        if type(before) is cst.SimpleStatementLine and before.body and type(before.body[-1]) in (cst.Assign, cst.AnnAssign):
            parts = parts + _string_statement(statement, cst)
    return parts


def _string_statement(statement: Any, cst: Any) -> list[Any]:
    """The strings of ``statement`` when it starts with a string alone (implicitly concatenated or not), else []."""
    first = statement  # in a one-line body (class C: "..."), the statement itself
    if isinstance(statement, cst.SimpleStatementLine):
        if not statement.body:
            return []
        first = statement.body[0]
    if not isinstance(first, cst.Expr):
        return []
    parts = _concatenated(first.value, cst)
    # b"...": Python keeps no bytes literal as a docstring (ast.get_docstring is None), it is a value.
    return parts if all(type(part) is cst.SimpleString and "b" not in part.prefix.lower() for part in parts) else []


def _concatenated(node: Any, cst: Any, inner: Optional[set[int]] = None) -> list[Any]:
    """The strings of an implicit concatenation (``"a" f"{b}" "c"``) in order; ``[node]`` for any other
    node. ``inner`` collects the ids of the concatenations inside ``node``."""
    pieces: list[Any] = []
    pending = [node]
    while pending:
        current = pending.pop()
        if type(current) is cst.ConcatenatedString:
            if inner is not None and current is not node:
                inner.add(id(current))
            pending.extend((current.right, current.left))
        else:
            pieces.append(current)
    return pieces


# --------------------------------------------------------------------------------------------
# The reader

_MAGIC = re.compile(r"^[ \t]*(?:[%!?]|[\w.]+\?)[^\r\n]*", re.M)
#: A line that a backslash at its end joins to the next (IPython reads such a magic or shell line on).
_JOINED = re.compile(r"(?:\\\r?\n|\\\r)[^\r\n]*")


def _magic_lines(text: str) -> list[tuple[int, int]]:
    """The IPython magics and shell escapes of a code cell: lines starting with ``%``, ``!``, ``?``
    (or ending in ``?``) where a logical line starts, as IPython reads them, with the lines a backslash
    at their end joins to them.

    Not such a line inside brackets (black's ``% FLASH`` or ``!= "..."`` on a line of their own),
    inside a string over lines, or after a line joined by a backslash: those are Python.
    """
    candidates: list[tuple[int, int]] = []
    for found in _MAGIC.finditer(text):
        if candidates and found.start() < candidates[-1][1]:
            continue  # a line a backslash joined to the magic before it
        end = found.end()
        while text[end - 1 : end] == "\\":
            next_line = _JOINED.match(text, end - 1)
            if next_line is None:
                break
            end = next_line.end()
        candidates.append((found.start(), end))
    for _ in range(3):  # a line found Python can change how the lines after it read (a quote in it)
        pieces, last = [], 0
        for start, end in candidates:
            pieces += [text[last:start], blank(text[start:end])]
            last = end
        source = "".join(pieces) + text[last:]
        try:
            spans = lex(source)
        except (LexError, RecursionError):
            return candidates
        code = blank_except(source, _code_between(source, spans))
        starts = [span.start for span in spans]
        openers = _innermost_openers(code, [start for start, _ in candidates])
        kept = []
        for start, end in candidates:
            holder = _innermost(spans, starts, start, start)
            # (A candidate starts its line: what ends the line before is a backslash or not.)
            joined = code[max(0, start - 3) : start] == "\\\r\n" or code[max(0, start - 2) : start] in ("\\\n", "\\\r")
            if (holder is None or holder.kind == COMMENT) and openers[start] < 0 and not joined:
                kept.append((start, end))
        if kept == candidates:
            break
        candidates = kept
    return candidates
_CELL_MAGIC = re.compile(r"\s*%%(\w*)")
#: Cell magics whose body is Python run in the kernel (its IDs are read as Python).
_PYTHON_CELL_MAGICS = frozenset(("time", "timeit", "capture", "prun", "debug", "python", "python3", "pypy"))


def scan_python(
    text: str,
    matcher: Matcher,
    *,
    cell: Optional[int] = None,
    offset: int = 0,
    notebook: bool = False,
) -> Scan:
    """Read a Python module (or notebook code cell) for IDs, prose and ``noqa`` markers.

    ``offset`` shifts the edit offsets (a notebook cell inside its JSON); positions stay cell-relative.
    """
    index = LineIndex(text)
    scan = Scan()
    source = text
    magic_spans: list[tuple[int, int]] = []
    if notebook:
        # IPython magics and shell escapes are not Python: blank them (same length) so the rest of
        # the cell still parses; IDs in them are reported from the text, without a fix. The body of
        # a cell magic (%%bash, %%writefile .env) is not Python either, unless the magic runs Python.
        cell_magic = _CELL_MAGIC.match(text)
        if cell_magic is not None and cell_magic.group(1) not in _PYTHON_CELL_MAGICS:
            magic_spans = [(cell_magic.start(1) - 2, len(text))]
        else:
            magic_spans = _magic_lines(text)
        for start, end in magic_spans:
            source = source[:start] + " " * (end - start) + source[end:]
    in_python_comment = _in_comment(source)
    magic_starts = [start for start, _ in magic_spans]

    def in_comment(at: int) -> bool:  # a marker on a magic line counts as written
        magic = bisect.bisect_right(magic_starts, at) - 1
        return (magic >= 0 and at < magic_spans[magic][1]) or in_python_comment(at)

    scan.noqa = collect_noqa(text, index, cell, in_comment=in_comment)
    matches = list(matcher.finditer(source))
    escaped = list(matcher.escaped(source))  # r"gemini-3\.1-flash-image-preview": a pattern's IDs
    joined_over_lines = may_be_joined_over_lines(source, matcher)
    if not matches and not may_be_split(source, matcher) and not escaped and not joined_over_lines:
        prose = _prose_only(source)
        if prose is not None:  # no ID: only free claims to look for, and the stdlib parser suffices
            scan.prose.append(ProseBlock(prose, index, cell))
            scan.mentions = _magic_mentions(text, matcher, index, magic_spans, cell, offset)
            return scan
    try:
        module, spans = _parse(source)
    except Exception as exc:  # ParserSyntaxError, CSTValidationError, RecursionError, LexError, TooDeep...
        reason = "the file could not be parsed as Python"
        unwritten = "nothing written" if cell is None else "this cell is not fixed"  # the notebook adds "cell N: "
        scan.notes.append(f"not parsed as Python ({_first_line(exc)}); IDs reported from the text, {unwritten}")
        scan.writable = False
        scan.mentions = plain_mentions(
            matcher, text, index, Context.VALUE, fixable=False, reason=reason, cell=cell, offset=offset
        )
        return scan
    if scan.noqa:
        _noqa_over_lines(scan.noqa, source, spans, index, cell)
    try:
        facts = _tree_facts(module, matcher)
    except RecursionError:  # pragma: no cover - the native parser fails first on such input
        facts = _TreeFacts()
    scan.mentions.extend(_magic_mentions(text, matcher, index, magic_spans, cell, offset))
    blanked: list[str] = []

    def code() -> str:  # the source with strings and comments blanked, built when first needed
        if not blanked:
            blanked.append(blank_except(source, _code_between(source, spans)))
        return blanked[0]

    pieces = _Pieces(source, spans, [span.start for span in spans], code)
    late: dict[int, str] = {}
    lexed = _classify(source, spans, matches, facts, index, cell, offset, pieces, late)
    scan.mentions.extend(lexed)
    if may_be_split(source, matcher):
        split = _split_mentions(source, spans, matcher, index, cell, offset, pieces)
        # ("gemini-2.0-flash" "-lite") names gemini-2.0-flash-lite, not the ID its first piece holds.
        def in_a_piece(m: Mention) -> bool:  # not a comment between the pieces, which keeps its finding
            holder = _innermost(spans, pieces.starts, m.start - offset, m.end - offset)
            return holder is None or holder.kind != COMMENT

        scan.mentions = [m for m in scan.mentions if not any(
            s.start <= m.start and m.end <= s.end and (m.start, m.end) != (s.start, s.end) for s in split) or not in_a_piece(m)]
        scan.mentions.extend(split)
    docstrings = facts.all_docstrings or set()
    if joined_over_lines:
        continued = _continued_mentions(source, spans, matcher, index, cell, offset, docstrings)
        # "gemini-2.0-flash-\⏎lite" names gemini-2.0-flash-lite, not the ID its first line holds.
        ends = sorted((c.start, c.end) for c in continued)  # they do not overlap
        firsts = [start for start, _ in ends]

        def inside(m: Mention) -> bool:
            k = bisect.bisect_right(firsts, m.start) - 1
            return k >= 0 and m.end <= ends[k][1] and (m.start, m.end) != ends[k]

        scan.mentions = [m for m in scan.mentions if not inside(m)] + continued
    shown: dict[int, bool] = {}  # per string token, not per ID: the copy costs the token's length
    for found in escaped:
        holder = _innermost(spans, pieces.starts, found.start, found.end)
        if holder is None or holder.kind == COMMENT:
            continue
        string = _string_token(spans, pieces.starts, holder)
        if string.start not in shown:
            shown[string.start] = source[string.start : string.end] in docstrings
        if not shown[string.start]:  # a docstring shows a pattern, runs none
            position = position_of(index, found.start, found.end, cell)
            scan.mentions.append(Mention(found.start + offset, found.end + offset, found.model, Context.VALUE, position,
                                         fixable=False, reason=ESCAPED_ID_REASON))
    scan.mentions.sort(key=lambda m: m.start)
    scan.mentions = _on_purpose(source, spans, scan.mentions, offset, code)
    if late:
        scan.mentions = [
            replace(m, unsafe=True, reason=late[m.start]) if m.start in late and m.safe_value else m
            for m in scan.mentions
        ]
    scan.mentions = _one_fate_per_id(scan.mentions, _doctest_ids(facts, matcher))
    from gemini_lint.rules.gl003_hints import may_claim

    # Else no prose of this file can hold a free claim, and only a prose fix needs it: a comment's
    # paragraph that names the new ID in prose holds it back (base.prose_fixes_held), which the
    # file's text must name somewhere first, and so does a comment's sentence over lines that says
    # the ID is retired, which must have such a word.
    if may_claim(source) or _names_a_replacement(source, scan.mentions) or (
        any(m.context is Context.PROSE for m in scan.mentions) and says_retired(source, 0, len(source))
    ):
        scan.prose.append(ProseBlock(_prose_text(source, spans, facts), index, cell))
    return scan


def _noqa_over_lines(
    noqa: dict[tuple[Optional[int], int], Optional[frozenset[str]]], source: str, spans: list[Span],
    index: LineIndex, cell: Optional[int],
) -> None:
    """A ``# noqa`` at the end of a statement's lines covers all of them, as in ruff: after a string
    that spans lines (``x = \"\"\"...\"\"\"  # noqa: GL001``: no comment can stand inside it) and
    after lines joined by a backslash (``x = "..." + \\`` then ``"-x"  # noqa``), or both."""
    ranges: list[tuple[int, int]] = []
    outer = [span for span in spans if not span.depth]
    for span in outer:
        if span.kind == STRING:
            first, last = index.position(span.start)[0], index.position(span.end - 1)[0]
            if first < last:
                ranges.append((first, last))
    if "\\" in source:
        starts = [span.start for span in outer]
        for found in _CONTINUATION.finditer(source):
            inside = bisect.bisect_right(starts, found.start()) - 1
            if inside < 0 or found.start() >= outer[inside].end:  # in code, not in a string or comment
                line = index.position(found.start())[0]
                ranges.append((line, line + 1))
    ranges.sort()
    joined: list[list[int]] = []
    for first, last in ranges:
        if joined and first <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], last)
        else:
            joined.append([first, last])
    for first, last in joined:
        if (cell, last) in noqa:
            for line in range(first, last):
                noqa.setdefault((cell, line), noqa[(cell, last)])


def _doctest_ids(facts: _TreeFacts, matcher: Matcher) -> dict[str, str]:
    """ID -> why its values' fixes are unsafe: a doctest in a docstring shows it (``>>> f()`` then
    ``'gemini-...'``), and a doctest is a test the fix of the value alone would break."""
    found: dict[str, str] = {}
    for docstring in facts.all_docstrings or ():
        if ">>>" in docstring:
            for match in matcher.finditer(docstring):
                found.setdefault(match.model.id, DOCTEST_REASON)
    return found


DOCTEST_REASON = "a doctest in this file shows the old name: fixing the value alone would break it"
SAME_ID_KEPT_REASON = "the same ID is not fixed on line {line}: {reason}"
SAME_ID_UNSAFE_REASON = "the same ID needs --unsafe-fixes on line {line}: {reason}"


def _one_fate_per_id(mentions: list[Mention], unsafe_ids: dict[str, str]) -> list[Mention]:
    """One ID, one fate among a file's values: where one of its values is not fixed because of how
    the program uses it (searched, a key, taken apart, split between strings...), none of them is;
    where one is compared with a value or mapped to another old ID, all need --unsafe-fixes. Values
    of one ID often stand for one another (a constant and the value a test expects of it, a split
    list and a set of the same names): a fix of some of them parts them. Not so a literal stopped by its own text (an escape next to the ID), nor a
    retired list or a migration map: that the old name stays there while the uses move on is the
    migration. ``unsafe_ids`` are IDs made unsafe from outside the values (a doctest)."""
    kept: dict[str, Mention] = {}
    unsafe: dict[str, Mention] = {}
    for mention in mentions:
        if mention.context is not Context.VALUE:
            continue
        if not mention.fixable:
            if _root(mention.reason) in (ADDRESS_REASON, PATH_REASON) and mention.model.id not in unsafe:
                # A test's request built from the ID and the address it expects (a review of real code:
                # google-genai's tests failed once the one was fixed and the other not): both move, or neither.
                unsafe[mention.model.id] = mention
            if _root(mention.reason) in _OWN_TEXT_REASONS:
                continue  # the literal's own text stops its fix: the ID's other values are not concerned
            known = kept.get(mention.model.id)
            if known is None or (_root(known.reason) != known.reason and _root(mention.reason) == mention.reason):
                kept[mention.model.id] = mention  # a reason of its own rather than "the same ... on line N"
        elif mention.unsafe and mention.model.id not in unsafe and _spreads_unsafe(mention.reason):
            unsafe[mention.model.id] = mention
    if not kept and not unsafe and not unsafe_ids:
        return mentions
    result = []
    for mention in mentions:
        model_id = mention.model.id
        if mention.context is Context.VALUE and mention.fixable:
            other = kept.get(model_id)
            if other is not None:
                reason = SAME_ID_KEPT_REASON.format(line=other.position.line, reason=_root(other.reason))
                mention = replace(mention, fixable=False, unsafe=False, reason=reason)
            elif not mention.unsafe and model_id in unsafe:
                first = unsafe[model_id]
                reason = SAME_ID_UNSAFE_REASON.format(line=first.position.line, reason=_root(first.reason))
                mention = replace(mention, unsafe=True, reason=reason)
            elif not mention.unsafe and model_id in unsafe_ids:
                mention = replace(mention, unsafe=True, reason=unsafe_ids[model_id])
        result.append(mention)
    return result


def _spreads_unsafe(reason: str) -> bool:
    """A comparison with the old name, or a map between two old IDs: the ID's other values follow."""
    root = _root(reason)
    spreading = (COMPARED_REASON, COMPARED_CONSTANT_REASON, MAPPING_REASON, EXPECTED_FAILURE_REASON, PROBED_REASON,
                 KEY_REASON, PAIR_KEY_REASON, MEMBER_REASON, LISTED_ELSEWHERE_REASON,
                 CAPABILITY_REASON, RECORD_NAME_REASON, PRICED_REASON)
    return any(_made_from(root, template) for template in spreading)


def _made_from(reason: str, template: str) -> bool:
    """Whether ``reason`` is ``template`` with its ``{field}`` (if any) filled in."""
    head, brace, rest = template.partition("{")
    if not brace:
        return reason == template
    tail = rest.partition("}")[2]
    return len(reason) >= len(head) + len(tail) and reason.startswith(head) and reason.endswith(tail)


def _root(reason: str) -> str:
    """A reason without the "the same ... on line N: " before it."""
    while reason.startswith("the same ") and ": " in reason:
        reason = reason.split(": ", 1)[1]
    return reason


def _on_purpose(
    source: str, spans: list[Span], mentions: list[Mention], offset: int, code: Callable[[], str]
) -> list[Mention]:
    """``mentions``, with the fixes made unsafe of IDs that the code around them names on purpose.

    Around an ID is its block: the run of top-level statements it stands in, up to a blank line
    (a class or a function is one statement). A block that also names the replacement (or another
    legacy ID with the same one) maps or compares old and new names (:func:`mark_migrations`). A
    name that holds the ID (assigned or passed by keyword on its line, or holding the brackets it
    stands in) or heads its block, and says the IDs are retired (``RETIRED = {...}``,
    ``def test_deprecated_model_rejected``, an Alembic ``downgrade``), keeps them so. In both,
    rewriting the old name reverses the code.
    """
    if not any(m.safe_value for m in mentions):
        return mentions
    blocks: list[tuple[int, int]] = []  # built when first needed (most files need none)
    lows: list[int] = []

    def block_of(at: int) -> tuple[int, int]:
        if not blocks:
            blocks.extend(top_level_blocks(source, code(), spans))
            lows.extend(low for low, _ in blocks)
        return blocks[max(bisect.bisect_right(lows, at) - 1, 0)]

    mentions = mark_migrations(source, mentions, lambda at: [block_of(at)], "the code around it", offset)
    if not _may_name_retired(code()):  # names only: "# retired in June" says nothing of the code
        # The words too common to look for in the whole file (old, prev, from...) count only in the
        # name that holds an ID on its line (OLD_MODEL = "...", migrate(from_model="...")).
        return [_named_on_its_line(m, code(), offset) if m.safe_value else m for m in mentions]
    heads: dict[int, str] = {}  # block start -> the retired name its head gives; a head is read once

    def head_name(low: int) -> str:
        if low not in heads:
            heads[low] = _retired_name(_head_names(code(), low, block_of(low)[1]), heads=True)
        return heads[low]

    found: dict[int, int] = {}

    def openers() -> dict[int, int]:  # one pass for all the IDs
        if not found:
            found.update(_innermost_openers(code(), sorted(m.start - offset for m in mentions)))
        return found

    result = []
    for mention in mentions:
        if mention.safe_value:
            at = mention.start - offset
            # What holds the ID on its line (``RETIRED = frozenset({``, ``legacyModel=``), else its
            # block's head (``def test_deprecated_model_is_rejected``, ``OLD_MODELS = [``).
            line_start = _line_start(code(), at)
            opener = openers().get(at, -1)
            named = (
                _target_named_retired(code(), line_start, at)
                or (opener < line_start and _retired_name(_holder_before(code(), opener), targets=True))
                or _retired_name(_called_before(code(), opener))
                or head_name(block_of(at)[0])
            )
            if named:
                reason = f"the code around it keeps retired IDs on purpose ('{named}')"
                mention = replace(mention, unsafe=True, reason=reason)
        result.append(mention)
    return result


def _named_on_its_line(mention: Mention, code: str, offset: int) -> Mention:
    """``mention``, with an unsafe fix when the name assigned or passed by keyword before it on its
    line says the ID is an old one (``OLD_MODEL = "..."``, ``migrate(previous="...")``)."""
    at = mention.start - offset
    named = _target_named_retired(code, _line_start(code, at), at)
    if not named:
        return mention
    return replace(mention, unsafe=True, reason=f"the code around it keeps retired IDs on purpose ('{named}')")


def _line_start(code: str, at: int) -> int:
    """Where the line holding ``at`` starts (after a ``\n``, ``\r`` or ``\r\n``)."""
    return max(code.rfind("\n", 0, at), code.rfind("\r", 0, at)) + 1


def _target_named_retired(code: str, line_start: int, at: int) -> str:
    """The name assigned or passed by keyword before ``at`` on its line, when it says the ID there is
    an old one (``OLD_MODEL = "..."``, ``migrate(previous="...")``); else ""."""
    return _retired_name(_target_before(code[max(line_start, at - _LOOK_BACK) : at]), targets=True)


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WORD_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
#: Words in a name that say the IDs near it are meant as retired ones.
_RETIRED_WORDS = frozenset(
    "retired retire deprecated deprecation deprecations legacy sunset sunsetted shutdown obsolete unsupported "
    "denylist blocklist blacklist banned downgrade backwards rollback disallowed disallow eol expired removed "
    "discontinued previews old older previous prev original outdated"
    # BLOCKED_MODELS=, DENY_MODELS=, forbidden_models: (a review of variants, 2026-12-07)
    " deny denied blocked forbid forbidden".split()
)
#: Words made of two (``BLOCK_LIST``, ``shutDown``), found in the name without its underscores.
_RETIRED_COMPOUNDS = ("shutdown", "denylist", "blocklist", "blacklist", "endoflife")


#: The words of :data:`_RETIRED_WORDS` too common inside other words (``hold``, ``from x import``) for a
#: substring test: found as a part of a name (``OLD_MODEL``, ``oldModel``, ``model_prev``, ``FROM_MODEL``).
_COMMON_RETIRED_PARTS = re.compile(
    r"(?<![A-Za-z0-9])(?:[Oo]ld(?:er)?|OLD(?:ER)?|[Pp]rev(?:ious)?|PREV(?:IOUS)?|[Oo]riginal|ORIGINAL|[Oo]utdated"
    r"|OUTDATED)(?![a-z0-9])|(?<![A-Za-z0-9])(?:from|From|FROM)(?=_|[A-Z0-9])|_(?:from|From|FROM)(?![A-Za-z0-9])"
)


def _may_name_retired(text: str) -> bool:
    low = text.lower()
    return any(word in low for word in RETIRED_STEMS)


def _brackets(depth: int) -> str:
    """A pattern for text without ``=``, parentheses or braces, with square brackets ``depth`` deep."""
    inner = r"[^=()\[\]{}]"
    for _ in range(depth):
        inner = r"(?:[^=()\[\]{}]|\[" + inner + r"*\])"
    return inner


#: An annotation may hold brackets three deep (``ClassVar[dict[str, list[str]]]``), never ``=`` or parentheses.
_ANNOTATION = r"(?::" + _brackets(3) + r"*)?"
_TARGET = re.compile(r"([A-Za-z_]\w*)\s*" + _ANNOTATION + r"=(?!=)")
_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+(\w+)", re.M)


def _target_before(prefix: str) -> str:
    """The last name assigned or passed by keyword in ``prefix`` (``RETIRED = frozenset({``,
    ``f(legacy=False, model=`` gives ``model``), or ""."""
    found = _TARGET.findall(prefix)
    return found[-1] if found else ""


#: How far back (characters) the names holding an ID are looked for: bounds the work on one-line files.
_LOOK_BACK = 200


def _innermost_openers(code: str, offsets: list[int]) -> dict[int, int]:
    """For each of the sorted ``offsets``: where the innermost bracket open around it starts (-1: none).
    One pass over the brackets of ``code`` (strings and comments blanked)."""
    result: dict[int, int] = {}
    stack: list[int] = []
    brackets = [(found.start(), found.group()) for found in _BRACKETS.finditer(code)]
    next_bracket = 0
    for offset in offsets:
        while next_bracket < len(brackets) and brackets[next_bracket][0] < offset:
            position, char = brackets[next_bracket]
            if char in "([{":
                stack.append(position)
            elif stack:
                stack.pop()
            next_bracket += 1
        result[offset] = stack[-1] if stack else -1
    return result


_BRACKETS = re.compile(r"[()\[\]{}]")


def _holder_before(code: str, opener: int) -> str:
    """The name that holds the brackets opening at ``opener`` (``DEPRECATED_MODELS = [``), or ""."""
    if opener < 0:
        return ""
    window = code[max(0, opener - _LOOK_BACK) : opener]
    return _target_before(window[max(window.rfind("\n"), window.rfind("\r")) + 1 :])


def _called_before(code: str, opener: int) -> str:
    """The name called or indexed with the brackets opening at ``opener`` (``register_retired(``), or ""."""
    called = _CALLED.search(code, max(0, opener - _LOOK_BACK), opener) if opener >= 0 else None
    return called.group(1) if called else ""


_CALLED = re.compile(r"([A-Za-z_]\w*)\s*\Z")


def _head_names(code: str, low: int, high: int) -> str:
    """The names a block's head gives: its ``def``/``class`` name (past decorators), or the target
    of its first statement; an ``import`` gives none."""
    end = code.find("\n", low, high)
    first = code[low : end if end >= 0 else high]
    if first.lstrip().startswith(("import ", "from ")):
        return ""
    if first.lstrip().startswith("@") or _DEF.match(first):
        found = _DEF.search(code, low, high)
        return found.group(1) if found else ""
    target = _TARGET.match(first.strip())
    return target.group(1) if target else ""


#: Words of a collection's name that say its models can do something (``CONTEXT_CACHE_SUPPORTED_MODELS``,
#: ``MODELS_WITH_THINKING``, ``VISION_CAPABLE_MODELS``) ...
_CAPABILITY_WORDS = frozenset(("supported", "supporting", "supports", "support", "capable", "with", "without"))
#: ... and words that say nothing of what: with only these beside it, the list is a plain allowlist
#: (``SUPPORTED_MODELS``, ``GEMINI_SUPPORTED_MODELS``), whose items a migration moves on.
_PLAIN_LIST_WORDS = frozenset((
    "models", "model", "ids", "names", "list", "all", "default", "allowed", "available", "known", "valid", "the",
    "gemini", "google", "vertex", "vertexai", "genai", "palm", "imagen", "veo", "llm", "llms", "chat", "",
))


def _names_a_capability(name: str) -> bool:
    """Whether a collection's ``name`` says what its models support, beyond being models (genkit's
    ``CONTEXT_CACHE_SUPPORTED_MODELS``, tested with ``in`` in another module: a safe fix listed the new
    model as caching contexts; a run over real packages, 2026-12-07)."""
    words = name.lower().split("_")
    if not any(word in ("models", "model", "ids") for word in words):
        return False
    return any(word in _CAPABILITY_WORDS for word in words) and any(
        word not in _CAPABILITY_WORDS and word not in _PLAIN_LIST_WORDS for word in words
    )


def _retired_name(code: str, heads: bool = False, targets: bool = False) -> str:
    """The first name in ``code`` (strings and comments blanked) with a word such as "retired" in it.

    For a block's head (``heads``), "legacy" is left out: ``class LegacyClient`` holds current IDs too.
    For the name that holds an ID (``targets``), "from" counts too where it ends the name or a model's
    name follows it (``MIGRATE_FROM``, ``FROM_MODEL = "..."``, ``from_model=``; not ``model_from_env``,
    ``from_cache``)."""
    if not _may_name_retired(code) and _COMMON_RETIRED_PARTS.search(code) is None:
        return ""
    name: str
    for name in _IDENTIFIER.findall(code):
        if heads and "legacy" in name.lower():
            continue
        if name.endswith(("Warning", "Error")):  # warnings.warn(..., DeprecationWarning) says nothing of IDs
            continue
        ordered = [part.lower() for part in _WORD_PART.findall(name)]
        parts = set(ordered)
        flat = name.lower().replace("_", "")
        if parts & _RETIRED_WORDS or any(word in flat for word in _RETIRED_COMPOUNDS):
            return name
        if targets and "from" in ordered:  # MIGRATE_FROM, renamed_from, from_model; not from_cache, model_from_env
            after = ordered[ordered.index("from") + 1 :]
            if not after or not _MODEL_WORDS.isdisjoint(after):  # FROM_BASE_MODEL, from_chat_model too
                return name
    return ""


#: What a name starting with "from" must also say to hold the old side of a migration (``from_model``).
_MODEL_WORDS = frozenset(("model", "models", "id", "ids", "name", "version", "engine", "gemini", "llm"))


_CONTINUES_A_STATEMENT = re.compile(r"(?:else|elif|except|finally)\b")


def top_level_blocks(source: str, code: str, spans: list[Span]) -> list[tuple[int, int]]:
    """The ranges of ``source``'s blocks: runs of top-level statements up to a blank line (a class or
    a function is one statement, with its decorators and ``else``/``except`` clauses), read from
    ``code``, the source with strings and comments blanked, and the lexer's ``spans``."""
    span_starts = [span.start for span in spans]
    starts: list[int] = []
    depth, joined, decorated, after_blank = 0, False, False, True
    for found in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n)?", code):
        body = found.group().rstrip("\r\n")
        if body.strip():
            if depth == 0 and not joined and body[0] not in " \t\f" and not _CONTINUES_A_STATEMENT.match(body):
                if not decorated and after_blank:
                    starts.append(found.start())
                decorated = body.startswith("@")
            depth = max(depth + _balance(body), 0)
            joined = body.rstrip(" \t\f").endswith("\\")
        # A line blank in the source parts two blocks (outside brackets); a comment line is looked past.
        if not source[found.start() : found.end()].strip():
            in_string = _innermost(spans, span_starts, found.start(), found.start() + 1) is not None
            after_blank = depth == 0 and not joined and not in_string
        elif body.strip():
            after_blank = False
        if found.end() == len(code):
            break
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return [(start, end) for start, end in zip(starts, [*starts[1:], len(source)])]


def _magic_mentions(
    text: str, matcher: Matcher, index: LineIndex, magic_spans: list[tuple[int, int]], cell: Optional[int], offset: int
) -> list[Mention]:
    """IDs on IPython magic and shell lines: reported from the text, never fixed."""
    return [
        mention
        for start, end in magic_spans
        for mention in plain_mentions(
            matcher, text, index, Context.VALUE, start=start, end=end, fixable=False,
            reason=MAGIC_REASON, cell=cell, offset=offset,
        )
    ]


def _prose_only(source: str) -> Optional[str]:
    """The comments and docstrings of a module that holds no ID, found with the stdlib parser.

    libcst is for files whose IDs may be rewritten; a file read only for free-API claims (GL003)
    needs to know which strings are docstrings, which :mod:`ast` answers many times faster.
    None when :mod:`ast` cannot parse the source (the libcst path then says why).
    """
    import ast

    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    index = LineIndex(source)
    ranges: list[tuple[int, int]] = []
    for node in _bodies(tree):
        first = node.body[0] if node.body else None
        if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)):
            continue
        if not isinstance(first.value.value, str):
            continue
        start = _char_offset(source, index, first.lineno, first.col_offset)
        end = _char_offset(source, index, first.end_lineno or first.lineno, first.end_col_offset or 0)
        ranges.append((start, end))
    if not _subject_may_be_prose(source, ranges):
        return blank(source)  # no claim without a subject: the comments need not be found
    try:
        spans = lex(source)
    except (ValueError, RecursionError):
        return None
    starts = [span.start for span in spans]
    docstrings: set[str] = set()
    for start, end in ranges:
        # The string tokens of the docstring: spans are sorted by start, so only those from ``start`` on.
        for span in spans[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]:
            if span.kind == STRING and span.end <= end:
                docstrings.add(source[span.start : span.end])
    return _prose_text(source, spans, _TreeFacts(all_docstrings=docstrings))


def _subject_may_be_prose(source: str, docstrings: list[tuple[int, int]]) -> bool:
    """Could a word that every free claim needs lie in a comment or in one of the ``docstrings``?

    Files that name Gemini only in code and string values (an emoji table, a list of constellations)
    then skip the lexer. A comment starts with ``#`` on its own line, so a word with no ``#``
    before it on its line, outside every docstring, is in neither.
    """
    from gemini_lint.rules.gl003_hints import SUBJECT_IN_PROSE

    # Linear in the source even on one long line: each stretch between two words is read once.
    line_start, hashed, last = 0, False, 0
    for found in SUBJECT_IN_PROSE.finditer(source):
        at = found.start()
        if any(start <= at < end for start, end in docstrings):
            return True
        newline = max(source.rfind("\n", last, at), source.rfind("\r", last, at))
        if newline >= 0:
            line_start, hashed = newline + 1, False
        hashed = hashed or source.find("#", max(line_start, last), at) >= 0
        if hashed:
            return True
        last = at
    return False


_BLOCK_FIELDS = ("body", "orelse", "finalbody", "handlers", "cases")


def _bodies(tree: Any) -> Iterator[Any]:
    """The module, classes and functions of an :mod:`ast` tree: the nodes that may have a docstring.

    Only lists of statements are followed (bodies, ``else`` and ``finally`` blocks, ``except``
    handlers, ``match`` cases): a class or function is always a statement, and skipping the
    expressions makes this many times faster than :func:`ast.walk` on data modules.
    """
    import ast

    kinds = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    yield tree
    pending = [tree]
    while pending:
        node = pending.pop()
        for name in _BLOCK_FIELDS:
            block = getattr(node, name, None)
            if type(block) is list:
                for child in block:
                    if isinstance(child, kinds):
                        yield child
                    pending.append(child)


def _char_offset(source: str, index: LineIndex, line: int, byte_column: int) -> int:
    """The text offset of :mod:`ast`'s (1-based line, UTF-8 byte column)."""
    line_start = index.line_span(line)[0]
    head = source[line_start : line_start + byte_column]
    if head.isascii():
        return line_start + byte_column
    return line_start + len(head.encode("utf-8")[:byte_column].decode("utf-8", errors="ignore"))


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _classify(
    source: str,
    spans: list[Span],
    matches: list[Match],
    facts: _TreeFacts,
    index: LineIndex,
    cell: Optional[int],
    offset: int,
    pieces: _Pieces,
    late: dict[int, str],
) -> list[Mention]:
    """Give each ID found by the lexer its context, then check the counts against the tree.

    ``pieces`` reads the implicit concatenation around a string (and gives the blanked code). The
    safe values in a query's text go into ``late`` (start -> reason), for after :func:`_on_purpose`,
    whose reasons say more (a migration's ``UPDATE ... SET new WHERE old``)."""
    docstrings = facts.docstrings or Counter()
    value_strings = facts.value_strings or Counter()
    kept_keys = facts.kept_keys or {}
    unsafe = facts.unsafe or {}
    starts = pieces.starts
    found: list[tuple[int, int, Any, Context, str]] = []

    counts = Counter[str]()
    left_alone: dict[str, tuple[int, str]] = {}  # a value literal's fate -> where and why it is not fixed
    values: list[tuple[int, str]] = []  # the value mentions in ``found``, with their literal as written
    # Per token, not per ID: copying and hashing a string token for each of its IDs is quadratic in a
    # long string that holds thousands of them.
    is_docstring: dict[tuple[int, int], bool] = {}
    written_of: dict[int, str] = {}
    for match in matches:
        holder = _innermost(spans, starts, match.start, match.end)
        if holder is None:
            continue  # in code, e.g. the arithmetic `gemini-3` : not a model ID
        if holder.kind == STRING and (holder.start, holder.end) not in is_docstring:
            token = source[holder.start : holder.end]
            is_docstring[(holder.start, holder.end)] = token in docstrings and (
                token not in value_strings or _looks_like_docstring(pieces.code(), holder.start, holder.end)
            )
        if holder.kind == COMMENT:
            found.append((match.start, match.end, match.model, Context.PROSE, ""))
        elif holder.kind == STRING and is_docstring[(holder.start, holder.end)]:
            # """Doc gemini-2.5-flash""" "-based routing.": the next piece goes on with the ID's name.
            found.append((match.start, match.end, match.model, Context.PROSE, pieces.continued(holder, match.start, match.end)))
            counts["docstring"] += 1
        else:
            string = _string_token(spans, starts, holder)
            written = written_of.get(string.start)
            if written is None:
                written = written_of[string.start] = _inside_quotes(source[string.start : string.end])  # the literal's fate
            # What the text right around this ID shows comes first (the most precise reason), then
            # what the tree shows of every place the literal is written.
            raw = _raw(source, string)
            kept = escape_next_to(source, match.start, match.end, raw=raw)
            if (raw or source[match.end : match.end + 1] == "\\") and _TEXT_ESCAPE.match(source, match.end + (0 if raw else 1)):
                kept = kept or TEXT_ESCAPE_REASON  # '{"model": "gemini-2.0-flash\\u002d001"}': JSON reads on
            kept = kept or continued_in_code(source, match.start, match.end)
            if not kept:
                low, high = _content(source, string)
                kept = value_fix_blocker(source, low, high, match.start, match.end, pieces.says_retired(string))
            kept = kept or pieces.continued(string, match.start, match.end)
            # What the tree shows of every place the literal is written comes after the precise reasons
            # of its own text, but not after a message's words: those say nothing of the ID's other
            # values, and the tree's reason (a name built from it) spreads to them.
            tree = kept_keys.get(written, "")
            kept = tree if tree and (not kept or kept == RETIRED_TEXT_REASON) else kept
            if not kept and any(searched in match.model.id for searched in facts.searched_ids):
                kept = SEARCHED_ID_REASON  # "gemini-2.0-flash" is looked for in "gemini-2.0-flash-lite" too
            if kept and kept != RETIRED_TEXT_REASON:  # a message's words say nothing of the same ID elsewhere
                left_alone.setdefault(written, (match.start, kept))
            found.append((match.start, match.end, match.model, Context.VALUE, kept))
            values.append((len(found) - 1, written))
            counts["value"] += 1
    # One string, one fate: a literal left alone in one place (it builds a longer name there, say) is
    # left alone wherever the same literal is written, or a lookup and its key could part ways.
    for at, written in values:
        start, end, model, context, kept = found[at]
        if not kept and written in left_alone:
            where, why = left_alone[written]
            kept = SAME_STRING_REASON.format(line=index.position(where)[0], reason=why)
            found[at] = (start, end, model, context, kept)
    agree = counts["value"] == facts.value_ids and counts["docstring"] == facts.docstring_ids
    unsure = "" if agree else "gemini-lint could not locate this ID in the syntax tree with certainty"
    fates = dict(values)
    mentions = []
    lists: dict[int, Any] = {}  # the '(' of an IN list -> the operator before it (see _queried)
    for at, (start, end, model, context, kept) in enumerate(found):
        demoted = unsafe.get(fates[at], "") if at in fates and agree and not kept else ""
        if at in fates and agree and not kept and not demoted:
            query = _queried(source, spans, starts, start, lists)
            if query:
                late[start + offset] = query
        mentions.append(
            Mention(
                start + offset,
                end + offset,
                model,
                context,
                position_of(index, start, end, cell),
                fixable=agree and not kept,
                unsafe=bool(demoted),
                reason=unsure or kept or demoted,
            )
        )
    return mentions


TEXT_ESCAPE_REASON = (
    "a '\\u' or '\\x' escape right after the ID, in the JSON or pattern the string holds, may decode to text "
    "going on with the name"
)
#: A JSON or pattern escape as the string's text holds it (after the ``\\`` of a non-raw literal).
_TEXT_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2})")
QUERY_REASON = "the string is a query that selects stored rows by the old name, which a fix would stop finding"
#: The operator that ends the text of a string right before an ID it compares: ``= '``, ``== "``, ``IN ('a', '``.
_QUERY_OPERATOR = re.compile(r"(?is)(==|!=|<>|=|\blike|\bin\s*\((?:[^()]*,)?)\s*\\?['\"]?\s*\Z")
#: How far back the '(' of a long ``IN (...)`` list is looked for (bounds the work on a hostile string).
_LIST_LOOK_BACK = 5000
#: The words of a query before such an operator (``WHERE model = '``, ``AND model IN (``).
_QUERY_KEYWORD = re.compile(r"(?i)\b(?:where|having|when|and|or|on)\b")


def _queried(source: str, spans: list[Span], starts: list[int], start: int, lists: dict[int, Any]) -> str:
    """:data:`QUERY_REASON` when the string holding the ID at ``start`` selects rows by it
    (``"SELECT ... WHERE model = 'gemini-...'"``, ``df.query("model == 'gemini-...'")``), else ""."""
    # First what stands right before the ID (most IDs are not in a query): '=', '(', ',' or LIKE.
    tail = source[max(0, start - 80) : start].rstrip(" \t\r\n'\"\\")  # '= \\"': a quote escaped in the string
    if not (tail.endswith(("=", "(", ",", ">")) or tail[-4:].lower() == "like"):
        return ""
    holder = _innermost(spans, starts, start, start)
    if holder is None:
        return ""
    low = max(_content(source, _string_token(spans, starts, holder))[0], start - 300)  # f"...": the whole string
    operator = _QUERY_OPERATOR.search(source, max(low, start - 120), start)
    if operator is None and tail.endswith(","):  # deep in an IN ('a', 'b', ...) list: back to its '('
        opening = source.rfind("(", max(low, start - _LIST_LOOK_BACK), start)
        if opening >= 0 and source.find(")", opening, start) < 0:
            if opening not in lists:  # the IDs of one long list share it
                lists[opening] = _QUERY_OPERATOR.search(source, max(low, opening - 20), opening + 1)
            operator = lists[opening]
    if operator is None:
        return ""
    if operator.group(1) in ("==", "!=", "<>"):
        return QUERY_REASON
    # '=', LIKE, IN (...): a WHERE (HAVING, WHEN, AND, OR, ON) before it, with no other '=' or ';' between.
    keyword = None
    for keyword in _QUERY_KEYWORD.finditer(source, max(low, operator.start() - 200), operator.start()):
        pass
    if keyword is None or any(char in source[keyword.end() : operator.start()] for char in ";="):
        return ""
    return QUERY_REASON


SPLIT_REASON = "the ID is split between strings of an implicit concatenation"
ESCAPED_ID_REASON = "written with its dots escaped, as in a regular expression; change the pattern by hand"
SAME_STRING_REASON = "the same string is not fixed on line {line}: {reason}"


def _split_mentions(
    source: str,
    spans: list[Span],
    matcher: Matcher,
    index: LineIndex,
    cell: Optional[int],
    offset: int,
    pieces: _Pieces,
) -> list[Mention]:
    """IDs split between the pieces of an implicit concatenation: reported from the joined text, never fixed."""
    found: list[Mention] = []
    seen: set[int] = set()
    for span in spans:
        if span.kind != STRING or span.start in seen:
            continue
        run = pieces.concatenation(span)  # at the top level, or in an f-string's field
        seen.update(piece.start for piece in run)
        if len(run) < 2:
            continue
        contents = [_content(source, piece) for piece in run]
        for match, start, end in _across_pieces(source, contents, matcher):
            found.append(
                Mention(start + offset, end + offset, match.model, Context.VALUE, position_of(index, start, end, cell),
                        fixable=False, reason=SPLIT_REASON)
            )
    return found


def _across_pieces(
    source: str, pieces: list[tuple[int, int]], matcher: Matcher
) -> Iterator[tuple[Match, int, int]]:
    """The IDs of the text the ``pieces`` (``(start, end)`` in ``source``, in order) make when joined
    that run over from one piece into the next, each with its start and end in ``source`` (an ID
    whole in one piece is the lexer's)."""
    wheres: list[int] = []  # where each piece starts in the joined text
    length = 0
    for low, high in pieces:
        wheres.append(length)
        length += high - low
    for match in matcher.finditer("".join(source[low:high] for low, high in pieces)):
        first = bisect.bisect_right(wheres, match.start) - 1
        last = bisect.bisect_left(wheres, match.end) - 1
        if first != last:
            yield match, pieces[first][0] + match.start - wheres[first], pieces[last][0] + match.end - wheres[last]


LINE_SPLIT_REASON = "the ID is split over lines by a backslash at a line's end inside the string"


def _continued_mentions(
    source: str, spans: list[Span], matcher: Matcher, index: LineIndex, cell: Optional[int], offset: int,
    docstrings: set[str],
) -> list[Mention]:
    """IDs split over lines inside one string by a backslash at a line's end (which Python drops with
    the line break): reported from the string's value, never fixed."""
    found: list[Mention] = []
    for span in spans:
        if span.kind == COMMENT or _raw(source, span) or (span.kind == STRING and _F_STRING_START.match(source, span.start)):
            continue  # (an f-string's text is read from its literal parts)
        head, tail = (span.start, span.end) if span.kind == FSTRING_PART else _content(source, span)
        text = source[head:tail]
        if "\\\n" not in text and "\\\r" not in text:
            continue
        lines: list[tuple[int, int]] = []  # the string's text line by line, each continuation taken out
        at = head
        for seam in LINE_CONTINUATION.finditer(source, head, tail):
            before = seam.start()
            while before > head and source[before - 1] == "\\":
                before -= 1
            if (seam.start() - before) % 2:  # the backslash is the second of an escaped one (\\): no continuation
                continue
            lines.append((at, seam.start()))
            at = seam.end()
        if not lines:
            continue
        lines.append((at, tail))
        context = Context.PROSE if source[span.start : span.end] in docstrings else Context.VALUE
        for match, start, end in _across_pieces(source, lines, matcher):
            found.append(Mention(start + offset, end + offset, match.model, context, position_of(index, start, end, cell),
                                 fixable=False, reason=LINE_SPLIT_REASON))
    return found


CONTINUED_REASON = "the string next to it in an implicit concatenation continues the ID"
OPERATOR_REASON = "'+' joins the string to a value that may continue the ID"
MAGIC_REASON = "IPython magic, shell line or the body of a non-Python cell magic"
#: Why a literal's own text keeps it from being fixed (an escape or a template right next to the ID,
#: a magic line): these say nothing of the ID's other values (:func:`_one_fate_per_id`). An ID split
#: between strings is not among them: it is the same value as the others.
#: What every word of ``base.says_retired`` holds (lower case): a file with none says no model is retired.
_RETIRED_TEXT_STEMS = (
    "retir", "deprecat", "shut", "sunset", "discontinu", "decommission", "end-of", "end of", "eol", "obsolete",
    "legacy", "removed", "supported", "longer", "stopped", "turned",
    # Chinese, Japanese and Korean (base._SAYS_RETIRED): each of its words holds one of these.
    "停", "弃", "棄", "废", "廢", "下线", "下線", "不再", "淘汰", "退役", "时", "時", "旧版", "舊版", "廃止", "非推奨", "終了",
    "レガシー", "종료", "중단", "폐기", "이상", "레거시", "지원되지",
)
_OWN_TEXT_REASONS = frozenset(
    (ESCAPE_REASON, TEMPLATE_REASON, FIELD_REASON, CONTINUED_REASON, OPERATOR_REASON, MAGIC_REASON, VERSION_REASON,
     VARIANT_REASON, TEXT_ESCAPE_REASON,
     NAME_AFTER_REASON, ADDRESS_REASON, PATH_REASON, REF_REASON, RETIRED_TEXT_REASON)
)
_BLANKS = frozenset(" \t\r\n\f\\")


def _continues(char: str) -> bool:
    return char != "" and (char.isalnum() or char in "_.-")


class _Pieces:
    """Implicit concatenation around a string token, read from the lexer's spans and the blanked code.

    ``code`` is the source with strings and comments blanked (built on first use); bracket depths
    come from per-line totals, so asking about many strings stays linear in the file's size.
    """

    def __init__(self, source: str, spans: list[Span], starts: list[int], code: Callable[[], str]) -> None:
        self.source, self.spans, self.starts, self.code = source, spans, starts, code
        self._retired: dict[int, bool] = {}  # string start -> whether its run of strings says "retired"
        self._no_retired_word: Optional[bool] = None
        self.line_starts: list[int] = []
        self.line_depths: list[int] = []

    def continued(self, string: Span, start: int, end: int) -> str:
        """Why an ID that ends (or starts) its string literal is no whole token of the value built; or "".

        ``("gemini-2.5-flash" "-lite")`` is one string to Python: the ID ends its piece, and the
        next piece goes on with ``-lite``. Across a line break only inside brackets: elsewhere the
        next line is another statement. ``"gemini-2.5-flash" + suffix`` builds its name at run time:
        unless the operand after it is a string literal that plainly starts a new token, the fix
        would change what is built.
        """
        first, last = _content(self.source, string)
        top = not string.depth  # else a string in an f-string's field: f"{'gemini-2.5-flash' '-lite'}"
        if end == last:
            edge, after = string, self._neighbour(string, +1)
            while after is not None and self._joined(string.end, after.start):
                head, tail = _content(self.source, after)
                if tail > head:  # an empty piece ("" or f"") adds nothing: look past it
                    if _piece_goes_on(self.source, after, head):
                        return CONTINUED_REASON
                    break
                edge, after = after, self._neighbour(after, +1)
            else:
                if top and self._added(edge, +1):
                    return OPERATOR_REASON
        if start == first:
            edge, before = string, self._neighbour(string, -1)
            while before is not None and self._joined(before.end, string.start):
                head, tail = _content(self.source, before)
                if tail > head:
                    if _piece_ends_in(self.source, before, head, tail):
                        return CONTINUED_REASON
                    break
                edge, before = before, self._neighbour(before, -1)
            else:
                if top and self._added(edge, -1):
                    return OPERATOR_REASON
        return "" if top else self._field(start == first, end == last, string)

    def says_retired(self, string: Span) -> bool:
        """Whether the text of ``string``, or of a string an implicit concatenation joins to it, says a
        model is retired (``"The model gemini-2.0-flash " "is deprecated."``); one reading per run."""
        if self._no_retired_word is None:  # many files have none: one quick look, then no string is read
            low = self.source.lower()
            self._no_retired_word = not any(stem in low for stem in _RETIRED_TEXT_STEMS)
        if self._no_retired_word:
            return False
        if string.start in self._retired:
            return self._retired[string.start]
        first = string
        before = self._neighbour(first, -1)
        while before is not None and self._joined(before.end, first.start):
            first = before
            before = self._neighbour(first, -1)
        run = self.concatenation(first)
        says = any(says_retired(self.source, *_content(self.source, piece)) for piece in run)
        self._retired.update((piece.start, says) for piece in run)
        return says

    def concatenation(self, first: Span) -> list[Span]:
        """The string ``first`` and the strings an implicit concatenation joins after it (as deep as it)."""
        run = [first]
        after = self._neighbour(first, +1)
        while after is not None and self._joined(run[-1].end, after.start):
            run.append(after)
            after = self._neighbour(after, +1)
        return run

    def _field(self, starts: bool, ends: bool, string: Span) -> str:
        """A string inside an f-string's field: when it is the whole field (``f"{'gemini-2.5-flash'}{x}"``),
        the f-string's text on either side goes on with the ID it starts or ends. Else left to the count check."""
        code = self.code()
        before, after = self._skip(string.start, -1), self._skip(string.end, +1)
        if code[before - 1 : before] != "{" or code[after : after + 1] not in ("}", "!", ":", "="):
            # Part of a field (f"{model or 'gemini-...'}-lite"): its value may be the ID; judge by
            # the f-string's text right after the field.
            close = self._field_end(string.end)
            if ends and close is not None and (code[close] != "}" or self._text_goes_on(close + 1, string)):
                return FIELD_REASON
            return ""
        if starts and _continues(self.source[before - 2 : before - 1]):
            return FIELD_REASON  # f"v{'gemini-...'}" (a field just before is let be, as for an ID in the text)
        # After a conversion or spec (f"{'gemini-...'!s}"), unsure: as if the text went on.
        if ends and (code[after] != "}" or self._text_goes_on(after + 1, string)):
            return FIELD_REASON
        return ""

    def _text_goes_on(self, at: int, string: Span) -> bool:
        """Whether the f-string text at ``at``, right after the field holding ``string``, goes on with
        the field's value: a character that continues a name, another field, or an escape that may
        decode to such a character (``\\x2d``; not in a raw f-string, where it is text)."""
        char = self.source[at : at + 1]
        if char == "\\" and not self._raw_around(string):
            return self.source[at + 1 : at + 2] not in BOUNDARY_ESCAPES
        return char == "{" or _continues(char)

    def _raw_around(self, string: Span) -> bool:
        """Whether the f-string whose field holds ``string`` is raw."""
        at = bisect.bisect_right(self.starts, string.start) - 1
        while at >= 0:
            span = self.spans[at]
            if span.kind == STRING and span.depth == string.depth - 1 and span.start <= string.start < span.end:
                return _raw(self.source, span)
            at -= 1
        return False  # pragma: no cover - a string in a field is inside its f-string

    def _field_end(self, offset: int) -> Optional[int]:
        """The ``}`` (or ``!``/``:`` of a conversion or spec) that ends the f-string field holding ``offset``."""
        code, depth = self.code(), 0
        for at in range(offset, min(len(code), offset + 4096)):
            char = code[at]
            if char in "([{":
                depth += 1
            elif char == "}" and depth <= 0:
                return at
            elif char in ")]}":
                depth -= 1  # below 0: a bracket that opened in the field around the string (f"{(m or 'x')}")
            elif depth <= 0 and char in "!:" and code[at + 1 : at + 2] != "=":
                return at
        return None

    def _added(self, edge: Span, step: int) -> bool:
        """Whether a ``+`` joins the string group ending (``step`` 1) or starting (-1) at ``edge`` to
        an operand that may run into the ID: after it, anything but a string literal whose first
        character cannot go on a name; before it, a string literal whose last character can."""
        code = self.code()
        if step > 0:
            at = self._skip(edge.end, +1)
            while code[at : at + 1] == ")":  # (model or "gemini-...") + "-lite", getenv("M", "gemini-...") + x
                at = self._skip(at + 1, +1)
            if code[at : at + 1] != "+" or code[at + 1 : at + 2] == "=":
                return False
            operand = self._string_at(self._skip(at + 1, +1), +1)
            if operand is None:
                return True
            head, tail = _content(self.source, operand)
            return tail == head or _piece_goes_on(self.source, operand, head) or self.source[head] == "}"
        at = self._skip(edge.start, -1)
        if code[at - 1 : at] != "+":
            return False
        # Before the ID, only a literal known to run into it counts ("gemini-" + "embedding-001"):
        # an unknown value there is most often a path ("models/"), as for f"{prefix}gemini-...".
        operand = self._string_at(self._skip(at - 1, -1), -1)
        if operand is None:
            return False
        head, tail = _content(self.source, operand)
        return tail > head and _continues(self.source[tail - 1])

    def _skip(self, offset: int, step: int) -> int:
        """Past the blanks, line continuations and comments after ``offset`` (``step`` 1) or before it (-1)."""
        code, source = self.code(), self.source
        while 0 <= offset - (step < 0) < len(code):
            at = offset if step > 0 else offset - 1
            if code[at] not in _BLANKS:
                break
            if source[at] not in _BLANKS:  # blanked: a comment is skipped, a string is an operand
                holder = bisect.bisect_right(self.starts, at) - 1
                span = self.spans[holder] if holder >= 0 else None
                if span is None or span.kind != COMMENT or not span.start <= at < span.end:
                    break
            offset += step
        return offset

    def _string_at(self, offset: int, step: int) -> Optional[Span]:
        """The top-level string token that starts (``step`` 1) or ends (-1) at ``offset``, if any."""
        at = bisect.bisect_left(self.starts, offset)
        if step > 0:
            span = self.spans[at] if at < len(self.spans) else None
            return span if span is not None and span.start == offset and span.kind == STRING else None
        while at > 0:
            at -= 1
            span = self.spans[at]
            if span.depth == 0:
                return span if span.end == offset and span.kind == STRING else None
        return None

    def _neighbour(self, string: Span, step: int) -> Optional[Span]:
        """The next (``step`` 1) or previous (-1) string token as deep as ``string`` (at the top level,
        or in the same f-string field), with only blanks and comments between."""
        at = bisect.bisect_left(self.starts, string.end if step > 0 else string.start) - (step < 0)
        while 0 <= at < len(self.spans):
            span = self.spans[at]
            beyond = span.start >= string.end if step > 0 else span.end <= string.start
            if span.depth == string.depth and span is not string and beyond and span.kind == STRING:
                low, high = (string.end, span.start) if step > 0 else (span.end, string.start)
                return span if not self.code()[low:high].strip(" \t\r\n\f\\") else None
            at += step
        return None

    def _joined(self, low: int, high: int) -> bool:
        """Whether the blanks ``source[low:high]`` join two strings: no line break, or inside brackets."""
        if not _EOL.search(_CONTINUATION.sub("", self.source[low:high])):
            return True
        return self._depth(low) > 0

    def _depth(self, offset: int) -> int:
        code = self.code()
        if not self.line_starts:
            depth = 0
            for found in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n)?", code):
                if found.start() == len(code) and self.line_starts:
                    break
                self.line_starts.append(found.start())
                self.line_depths.append(depth)
                depth += _balance(found.group())
        number = bisect.bisect_right(self.line_starts, offset) - 1
        return self.line_depths[number] + _balance(code[self.line_starts[number] : offset])


def _raw(source: str, string: Span) -> bool:
    prefix = source[string.start : string.start + 3].split("'")[0].split('"')[0]
    return "r" in prefix.lower()


def _piece_goes_on(source: str, piece: Span, head: int) -> bool:
    """Whether the piece whose content starts at ``head`` runs on from an ID before it: a character
    that continues a token, a field or placeholder (``{``, ``%``, ``$``), or an escape that may
    decode to one (``\x2d``; ``\n`` and the like do not)."""
    char = source[head]
    if char == "." and source[head + 1 : head + 2] in (" ", "\t", "\r", "\n"):
        return False  # ". Falls back to...": a sentence ends (a "." ending the piece may go on: "." "v2")
    if _continues(char) or char in "{%$" or (char == ":" and _VARIANT.match(source, head) is not None):
        return True
    if char == "\\" and not _raw(source, piece):
        return source[head + 1 : head + 2] not in BOUNDARY_ESCAPES
    return False


def _piece_ends_in(source: str, piece: Span, head: int, tail: int) -> bool:
    """Whether the piece whose content is ``source[head:tail]`` runs into an ID after it (a
    backslash-newline at its end joins nothing, so the character before it counts)."""
    if not _raw(source, piece):
        while tail - head >= 2 and source[tail - 1] in "\r\n":
            end = tail - 2 if source[tail - 2 : tail] == "\r\n" else tail - 1
            if source[end - 1 : end] != "\\":
                break
            tail = end - 1
        if tail > head and source[tail - 1] == "}" and "\\N{" in source[max(head, tail - 100) : tail]:
            return True  # a named escape may decode to a letter
    return tail > head and _continues(source[tail - 1])


def _balance(code: str) -> int:
    """Brackets opened minus brackets closed in ``code``."""
    return sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")


def _content(source: str, string: Span) -> tuple[int, int]:
    """Start and end offsets of what is between the quotes of a string token."""
    return _between_quotes(source, string.start, string.end)


def _inside_quotes(token: str) -> str:
    """What stands between the quotes of a string literal ``token`` (as written, escapes unread)."""
    head, tail = _between_quotes(token, 0, len(token))
    return token[head:tail]


def _between_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of what is between the quotes of the string literal ``text[start:end]`` (prefix,
    quotes), read in place: it is asked once per ID, and copying a long token each time was quadratic."""
    quote = 3 if end - start >= 6 and text[end - 3 : end] in ("'''", '"""') else 1
    return text.find(text[end - 1], start, end) + quote, end - quote


_CONTINUATION = re.compile(r"\\\r?\n|\\\r")


def _in_comment(text: str) -> Callable[[int], bool]:
    """Whether an offset of ``text`` is inside a comment (asked for ``noqa`` markers only: lexes lazily)."""
    comments: Optional[list[Span]] = None
    starts: list[int] = []

    def inside(offset: int) -> bool:
        nonlocal comments
        if comments is None:
            try:
                comments = [span for span in lex(text) if span.kind == COMMENT]
            except LexError:  # not Python the lexer reads: take the marker as written
                return True
            starts.extend(span.start for span in comments)
        at = bisect.bisect_right(starts, offset) - 1
        return at >= 0 and offset < comments[at].end

    return inside


def _string_token(spans: list[Span], starts: list[int], holder: Span) -> Span:
    """The string token that is ``holder`` or holds it (the f-string of a literal part)."""
    at = bisect.bisect_right(starts, holder.start) - 1
    while holder.kind != STRING and at >= 0:
        span = spans[at]
        if span.kind == STRING and span.start <= holder.start and holder.end <= span.end:
            holder = span
        at -= 1
    return holder


_HEADER = re.compile(r"(?:async\s+)?def\b|class\b")


_LAMBDA = re.compile(r"(?<![\w.])lambda\b")


def _looks_like_docstring(code: str, start: int, end: int) -> bool:
    """Does the string token at ``start`` open a module, class or function body?

    ``code`` is the source with strings and comments blanked. The code before the string must be
    nothing (a module docstring) or the colon that ends a ``def`` or ``class`` header: the first
    colon outside brackets of its logical line, which may span lines, that no ``lambda`` takes
    (``def f() -> lambda: 1:``). After the string (``end``) the statement must end: ``"...", 1`` is
    a tuple. Only asked when the same literal is both a docstring and a value somewhere in the
    file; the count check against the tree still guards the answer.
    """
    after = end
    while after < len(code):
        if code[after] in " \t\f":
            after += 1
        elif code.startswith("\\\n", after) or code.startswith("\\\r", after):
            after += 2 + code.startswith("\\\r\n", after)  # a backslash continuation: more strings may follow
        else:
            break
    if after < len(code) and code[after] not in "\r\n;":
        return False
    colon = start - 1
    while colon >= 0 and code[colon] in " \t\r\n\f\\":
        colon -= 1
    if colon < 0:
        return True
    if code[colon] != ":":
        return False
    depth, line_start = 0, colon
    while line_start > 0:
        char = code[line_start - 1]
        if char in ")]}":
            depth += 1
        elif char in "([{":
            if depth == 0:
                return False  # the colon is inside brackets (a lambda, a slice, a dict)
            depth -= 1
        elif char in "\r\n" and depth == 0:
            before = line_start - 2
            if char == "\n" and code[before : before + 1] == "\r":
                before -= 1
            if code[before : before + 1] != "\\":  # a line break without a backslash ends the logical line
                break
        line_start -= 1
    header = code[line_start : colon + 1].lstrip()
    if _HEADER.match(header) is None:
        return False
    depth = lambdas = 0
    for index, char in enumerate(header):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif depth == 0 and char == "l" and _LAMBDA.match(header, index):
            lambdas += 1  # its colon is not the header's
        elif char == ":" and depth == 0:
            if lambdas:
                lambdas -= 1
                continue
            return index == len(header) - 1
    return False  # pragma: no cover - the header ends with the colon


def _innermost(spans: list[Span], starts: list[int], start: int, end: int) -> Optional[Span]:
    """The innermost span holding ``[start, end)``.

    Spans are sorted by (start, -end), so walking back from the last span that starts at or before
    ``start``, the first one that holds the range is the innermost; a top-level token (depth 0)
    that does not hold it ends the walk, since no earlier span can.
    """
    at = bisect.bisect_right(starts, start) - 1
    while at >= 0:
        span = spans[at]
        if span.start <= start and end <= span.end:
            return span
        if span.depth == 0:
            return None
        at -= 1
    return None


def _prose_text(source: str, spans: list[Span], facts: _TreeFacts) -> str:
    """``source`` with everything but comments and docstrings blanked (same length, newlines kept)."""
    docstrings = facts.all_docstrings or set()
    keep: list[tuple[int, int]] = []
    for span in spans:
        if span.kind == COMMENT:
            keep.append((span.start + 1, span.end))
        elif span.kind == STRING and source[span.start : span.end] in docstrings:
            keep.append(_content(source, span))
    return blank_except(source, keep)

