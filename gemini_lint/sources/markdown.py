"""Markdown, reStructuredText and plain-text sources: code blocks hold values, the rest is prose.

Each reader is a line-based state machine (compiled regexes, no Markdown or docutils import) that
decides, line by line, whether a line belongs to a code block. A legacy ID on a code line is a
``Context.VALUE`` (GL001, safe fix); anywhere else it is ``Context.PROSE`` (GL002, fix only with
``--unsafe-fixes``). IDs never contain whitespace, so a line is always the right unit.

Markdown (CommonMark block structure, as far as it decides what is code):

* fenced code blocks (```` ``` ```` or ``~~~``, three or more, any info string, indented up to three
  spaces) including their fence lines; the closing fence must use the same character, be at least
  as long and carry nothing but spaces or tabs; an unclosed fence runs to the end of its container
  (the end of the file at top level), as CommonMark says;
* indented code blocks (four columns, tabs to a stop of four), which cannot interrupt a paragraph:
  a four-space-indented line that continues a paragraph (lazily, or inside a list item) is prose;
* block quotes (``>``) and list items (bullets and ``1.``/``1)``, with CommonMark's content
  indentation rules) as containers, so fences and indented code inside them are found, and a fence
  ends when its container does;
* HTML blocks (the seven CommonMark kinds, comments included) are prose and hide what they contain
  from the rules above (a fence inside ``<!-- ... -->`` opens nothing);
* MyST directive fences (```` ```{note} ````): only code directives (``{code-block}``,
  ``{code-cell}``, ...) are code; the body of any other directive is Markdown and is read as such,
  and ``{eval-rst}`` bodies are read as reStructuredText;
* YAML (``---``) or TOML (``+++``) front matter at the very top is read as prose: it mixes titles and
  descriptions with settings, and nothing tells them apart, so IDs there are reported (GL002) but
  fixed only with ``--unsafe-fixes``; it stays in the prose block (a free claim in a page
  description is still a claim).

Inline code spans, links, URLs, headings, tables and HTML comments are prose, kept verbatim in the
prose block (comments, like Python comments, are prose for people). MDX shares ``Kind.MARKDOWN``:
JSX and ``import``/``export`` lines are prose, and indented code blocks (which MDX turns off) are
still read as code.

reStructuredText:

* bodies of code directives (``code-block``, ``code``, ``sourcecode``, ``ipython``,
  ``jupyter-execute``, ``doctest``, ``testcode``, ...) are code; the directive line and its option
  lines (``:caption:``, ``:linenos:``) before the first blank line are prose;
* literal blocks: a paragraph whose last line ends with ``::`` followed by a blank line and a block
  indented more than the paragraph's text (or a quoted literal block: unindented lines that all
  start with the same punctuation character); ``::`` in the middle of a line is not a marker;
* doctest blocks (``>>>``) are code;
* comments and other explicit markup (``.. _target:``, footnotes), ``raw`` and ``math`` bodies are
  prose and not looked into; bodies of other directives (``note``, ``only``...) are read as rst.

Comments and quoted output in code blocks (Markdown and rst alike) are prose, as comments are in a
``.py`` file: an ID there is GL002, fixed only with ``--unsafe-fixes`` ("# Until June this called
<old ID>" must stay true):

* the block's language (the fence's info string, the directive's argument) says what a comment is:
  ``#`` in Python, shell (at the start of a word: not ``${x#y}`` nor ``http://x/#y``), YAML, TOML,
  INI and ``.env``; ``//`` and ``/* */`` in JavaScript, TypeScript, Go, Java, C and kin; ``--`` in
  SQL; ``<!-- -->`` in HTML and XML; none in JSON. Strings are followed on their line, so a ``#``
  inside quotes is no comment. A block with no language or an unknown one (indented code, rst
  ``::`` blocks included) takes ``#`` or ``//`` at the start of a word outside quotes for a comment:
  a doubtful one only costs a safe fix;
* a block of plain text or program output (``text``, ``txt``, ``plaintext``, ``output``, ``log``,
  ``none``...) is prose throughout; in a terminal transcript (``console``, ``shell-session``,
  ``pycon``) the lines after a prompt (``$ ``, ``> ``; ``>>> ``, ``... ``) and those a ``\\``
  continues are commands (code, with shell or Python comments), the others are output (prose). An
  rst doctest block (``>>>``, ``.. doctest::``) is Python throughout: a doctest checks its output.

Fix safety in code blocks (Markdown and rst alike):

* a removed line (``-old``, not ``--- a/file``) of a ``diff``/``patch`` block shows the old code on
  purpose: an ID there is reported as prose (GL002) with no fix at all;
* an ID in a code block that also names its replacement as a whole token (a before/after example,
  a fallback list) is still GL001, but its fix needs ``--unsafe-fixes``.

An rst fix that changes an ID's length inside a grid table, or inside a simple table (lengthened,
or shortened with cells after it on its line, which would move out of their columns), or lengthens
it in a section title beyond its underline, would break the markup: such mentions are reported
without a fix.

An ID in an anchor (a Markdown heading, ``{#id}``, an HTML ``id``/``name``; an rst target
``.. _name:`` or section title) and in a link in the same file that points to it (``](#...)``,
``href="#..."``; `` `name`_ ``, ``name_``, ``:ref:``) are fixed together or not at all: when one is
held (its line names the replacement, a ``noqa``), so is the other, as renaming one alone leaves the
link pointing nowhere. A link whose anchor cannot follow it (the anchor has no ID as a token, as
``#using-gemini-...`` or the dot-less ``#gemini-31-...``; it is in another file; it is not found here)
is held, and so is an anchor whose links cannot follow. Notebook cells are not tied this way.

Plain text (``.txt``): all prose. There is no structure to tell a value from a sentence, and a
wrong rewrite is the worst outcome, so every ID is GL002 (fix only with ``--unsafe-fixes``).

``Scan.prose`` is one block: the file with code lines blanked to spaces (line breaks kept, same
length). ``noqa`` markers (``<!-- noqa: GL001 -->``, ``# noqa``) come from :func:`collect_noqa`.
None of these readers raises on any input.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import replace
from typing import Callable, NamedTuple, Optional

from gemini_lint.matching import Matcher, TokenPattern, token_regex
from gemini_lint.registry import LegacyModel
from gemini_lint.sources import Kind
from gemini_lint.sources.base import (
    RETIRED_TEXT_REASON,
    SEARCH_REASON,
    mark_migrations,
    Context,
    LineIndex,
    Mention,
    Position,
    ProseBlock,
    Scan,
    collect_noqa,
    continued_in_code,
    position_of,
    says_retired,
    searched_by_command,
)

#: Line kinds: prose, code, a removed line ("-...") in a diff code block (history, never fixed), and a line
#: of quoted output in a code block (a ``text`` or ``log`` block, a console line without a prompt), which
#: is prose for the rules but stays part of its block.
PROSE, CODE, REMOVED, OUTPUT = 0, 1, 2, 3
_DIFF_LANGUAGES = frozenset(["diff", "patch", "udiff"])

#: Comment spans of code lines: line number (0-based) -> (start, end) columns in the line as read (a
#: byte-order mark on the first line not counted). An ID there is prose, as in a ``.py`` file.
Comments = dict[int, list[tuple[int, int]]]

#: Deeper MyST directive nesting than this is read as prose (bounds the recursion).
_MAX_DEPTH = 16

# ---------------------------------------------------------------------------------------------
# Code block bodies: comments and quoted output
# ---------------------------------------------------------------------------------------------


class _Syntax(NamedTuple):
    """What decides, in one language, where a comment starts: comment markers and string quotes.

    ``word``: the characters after which a line comment may start (besides the start of the line);
    None when it may start anywhere outside a string. ``anywhere``: a quote opens a string wherever
    it stands (else only at the start of a token: ``it's`` is no string in YAML). ``escapes``: the
    quotes inside which a backslash escapes the next character.
    """

    line: tuple[str, ...] = ()
    word: Optional[str] = None
    block: Optional[tuple[str, str]] = None
    quotes: str = ""
    anywhere: bool = True
    escapes: str = ""


#: After one of these (or at the start of the line) a quote starts a token (``anywhere=False``).
_TOKEN_START = frozenset(" \t=:,([{")

_HASH = _Syntax(("#",), None, None, "'\"", True, "'\"")
_SHELL = _Syntax(("#",), " \t;&|()", None, "'\"`", True, "\"`")
_YAML = _Syntax(("#",), " \t", None, "'\"", False, "\"")
_TOML = _Syntax(("#",), None, None, "'\"", True, "\"")
_INI = _Syntax(("#", ";"), " \t")
_POWERSHELL = _Syntax(("#",), None, ("<#", "#>"), "'\"", True, "")
_SLASH = _Syntax(("//",), None, ("/*", "*/"), "'\"`", True, "'\"")
_RUST = _Syntax(("//",), None, ("/*", "*/"), "\"", True, "\"")
_HASH_SLASH = _Syntax(("#", "//"), None, ("/*", "*/"), "'\"", True, "'\"")
_SQL = _Syntax(("--",), None, ("/*", "*/"), "'\"", True, "")
_DASH = _Syntax(("--",), None, None, "\"", True, "\"")
_CSS = _Syntax((), None, ("/*", "*/"), "'\"", True, "'\"")
_MARKUP = _Syntax((), None, ("<!--", "-->"))
#: A block with no language or an unknown one (indented code, rst ``::``): ``#`` or ``//`` at the start
#: of a word outside quotes is taken for a comment. A doubtful one costs a safe fix, not a wrong rewrite.
_GENERIC = _Syntax(("#", "//"), " \t", None, "'\"", False, "")


def _languages(syntax: _Syntax, names: str) -> dict[str, _Syntax]:
    return dict.fromkeys(names.split(), syntax)


_SYNTAXES: dict[str, _Syntax] = {
    **_languages(
        _HASH,
        "python py python3 py3 ipython ipython3 pyi sage starlark bzl bazel cython pyx ruby rb perl pl r "
        "julia jl elixir ex exs nim crystal graphql gql",
    ),
    **_languages(_SHELL, "bash sh shell zsh ksh fish ash shellscript dockerfile docker containerfile make makefile mk"),
    **_languages(_YAML, "yaml yml dotenv env"),
    **_languages(_TOML, "toml"),
    **_languages(_INI, "ini cfg properties editorconfig gitconfig desktop systemd"),
    **_languages(_POWERSHELL, "powershell ps1 pwsh posh"),
    **_languages(
        _SLASH,
        "c h cpp c++ cxx cc hpp hxx cs csharp c# java javascript js jsx mjs cjs node typescript ts tsx mts cts "
        "go golang kotlin kt kts scala swift dart groovy gradle objective-c objc objectivec jsonc json5 proto "
        "protobuf solidity sol zig scss less",
    ),
    **_languages(_RUST, "rust rs"),
    **_languages(_HASH_SLASH, "php hcl terraform tf tfvars"),
    **_languages(_SQL, "sql mysql postgresql postgres psql pgsql plpgsql sqlite sqlite3 tsql plsql bigquery"),
    **_languages(_DASH, "lua haskell hs elm"),
    **_languages(_CSS, "css"),
    **_languages(_MARKUP, "html htm xhtml xml svg"),
    **_languages(_Syntax(), "json jsonl ndjson geojson"),
}

#: Blocks of plain text or program output (``text``, ``log``...): quoted words, prose throughout.
_OUTPUT_LANGUAGES = frozenset(
    "text txt plaintext plain output out stdout stderr log logs none nohighlight no-highlight".split()
)


class _Session(NamedTuple):
    """A terminal transcript: lines after a prompt are commands (code), the others are output (prose)."""

    prompts: tuple[str, ...]
    syntax: _Syntax
    continues: str  # a command line ending with this goes on at the next line ("" for none)


_SHELL_SESSION = _Session(("$ ", "> ", "$", ">"), _SHELL, "\\")
_SESSIONS: dict[str, _Session] = {
    **dict.fromkeys(
        ["console", "shell-session", "sh-session", "shellsession", "bash-session", "terminal"], _SHELL_SESSION
    ),
    **dict.fromkeys(["pycon", "python-console"], _Session((">>> ", "... ", ">>>", "..."), _HASH, "")),
}


@functools.lru_cache(maxsize=None)
def _stops(syntax: _Syntax) -> Optional[re.Pattern[str]]:
    """The characters where a string or a comment may start in ``syntax`` (None: it has neither)."""
    chars = {*syntax.quotes, *(marker[0] for marker in syntax.line), *(syntax.block[0][0] if syntax.block else "")}
    return re.compile("[" + "".join(re.escape(char) for char in sorted(chars)) + "]") if chars else None


def _string_end(text: str, start: int, escapes: bool) -> int:
    """The offset after the quote that closes the string opened at ``start``, or -1 if the line ends first."""
    quote = text[start]
    close = text.find(quote, start + 1)
    while escapes and close >= 0:
        before = close
        while before > start + 1 and text[before - 1] == "\\":
            before -= 1
        if (close - before) % 2 == 0:
            break  # an even run of backslashes escapes itself, not the quote
        close = text.find(quote, close + 1)
    return close + 1 if close >= 0 else -1


def _comment_spans(text: str, syntax: _Syntax, in_block: bool) -> tuple[list[tuple[int, int]], bool]:
    """The comments in one line of code (offsets in ``text``) and whether a block comment is open at its end.

    ``in_block``: the line starts inside a block comment. Strings are followed on one line only (a
    line inside a multi-line string is read afresh, which errs towards finding a comment).
    """
    stops = _stops(syntax)
    if stops is None:
        return [], False
    opener, closer = syntax.block or ("", "")
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    if in_block:
        close = text.find(closer)
        if close < 0:
            return [(0, n)], True
        i = close + len(closer)
        spans.append((0, i))
    while True:
        found = stops.search(text, i)
        if found is None:
            break
        i = found.start()
        char = text[i]
        if char in syntax.quotes and (syntax.anywhere or i == 0 or text[i - 1] in _TOKEN_START):
            i = _string_end(text, i, char in syntax.escapes)
            if i < 0:
                break  # the string runs past the end of the line
        elif opener and text.startswith(opener, i):
            close = text.find(closer, i + len(opener))
            if close < 0:
                spans.append((i, n))
                return spans, True
            spans.append((i, close + len(closer)))
            i = close + len(closer)
        elif (syntax.word is None or i == 0 or text[i - 1] in syntax.word) and text.startswith(syntax.line, i):
            spans.append((i, n))
            break
        else:
            i += 1
    return spans, False


def code_comments(line: str) -> list[tuple[int, int]]:
    """The comments in one line of code in no known language, as a code block with no language is
    read: ``#`` or ``//`` at the start of a word outside quotes (offsets in ``line``)."""
    return _comment_spans(line, _GENERIC, False)[0]


def _prompt_end(text: str, session: _Session) -> int:
    """Where the command starts on a transcript line after its prompt, or -1 for a line of output."""
    start = len(text) - len(text.lstrip(" \t"))
    for prompt in session.prompts:
        if text.startswith(prompt, start) and (prompt[-1] == " " or text[start:].rstrip(" \t") == prompt):
            return start + len(prompt)
    return -1


def _code_body(texts: list[str], language: str) -> tuple[bytearray, list[list[tuple[int, int]]]]:
    """Each line's kind in a code block's body (``CODE``, ``REMOVED``, ``OUTPUT``) and its comments.

    ``texts`` are the body lines less the block's indentation; ``language`` is the fence's or
    directive's language, lowercase ("" when none is given).
    """
    kinds = bytearray([CODE]) * len(texts)
    spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    if language in _DIFF_LANGUAGES:
        for k, text in enumerate(texts):
            if _is_removed_line(text, 0):
                kinds[k] = REMOVED
        return kinds, spans
    if language in _OUTPUT_LANGUAGES:
        return bytearray([OUTPUT]) * len(texts), spans
    session = _SESSIONS.get(language)
    syntax = session.syntax if session else _SYNTAXES.get(language, _GENERIC)
    in_block = continued = False
    for k, text in enumerate(texts):
        start = 0
        if session is not None:
            start = 0 if continued else _prompt_end(text, session)
            continued = start >= 0 and bool(session.continues) and text.rstrip(" \t").endswith(session.continues)
            if start < 0:
                kinds[k], in_block = OUTPUT, False
                continue
        found, in_block = _comment_spans(text[start:] if start else text, syntax, in_block)
        spans[k] = [(start + a, start + b) for a, b in found]
    return kinds, spans


def _raw_column(raw: str, column: int, tab_size: int) -> int:
    """The index in ``raw`` of what is at ``column`` once its tabs are expanded to stops of ``tab_size``."""
    if "\t" not in raw:
        return column
    width = 0
    for index, char in enumerate(raw):
        if width >= column:
            return index
        width = (width // tab_size + 1) * tab_size if char == "\t" else width + 1
    return len(raw)


def _note_comments(
    comments: Optional[Comments], line_no: int, raw: str, offset: int, spans: list[tuple[int, int]], tab_size: int
) -> None:
    """Record ``spans`` (columns from ``offset`` in the tab-expanded ``raw``) as comments of ``line_no``."""
    if comments is None or not spans:
        return
    comments.setdefault(line_no, []).extend(
        (_raw_column(raw, offset + start, tab_size), _raw_column(raw, offset + end, tab_size)) for start, end in spans
    )


# ---------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------

_NONE, _PARA, _FENCE, _INDENTED, _HTML = range(5)
_FENCE_CODE, _FENCE_MARKDOWN, _FENCE_RST, _FENCE_PROSE = range(4)

#: A line whose first character is none of these starts no block but a paragraph (fast path).
_SPECIAL_START = frozenset(" \t>*+-_#=`~<0123456789")

_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})(.*)")
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_THEMATIC = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_LIST_MARKER = re.compile(r"(?:[*+-]|(\d{1,9})[.)])(?=[ \t]|$)")
_MYST_NAME = re.compile(r"\{([^{}\s]+)\}")

_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|"
    "hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|"
    "search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_ATTRIBUTE = r"""(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)"""
#: (start pattern, end pattern or None when a blank line ends the block, may interrupt a paragraph)
_HTML_KINDS: tuple[tuple[re.Pattern[str], Optional[re.Pattern[str]], bool], ...] = (
    (re.compile(r"<(?:pre|script|style|textarea)(?:[ \t>]|$)", re.I),
     re.compile(r"</(?:pre|script|style|textarea)>", re.I), True),
    (re.compile(r"<!--"), re.compile(r"-->"), True),
    (re.compile(r"<\?"), re.compile(r"\?>"), True),
    (re.compile(r"<![A-Za-z]"), re.compile(r">"), True),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>"), True),
    (re.compile(rf"</?(?:{_BLOCK_TAGS})(?:[ \t>]|/>|$)", re.I), None, True),
    (re.compile(rf"(?:<[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTE}*[ \t]*/?>|</[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$"),
     None, False),
)

#: MyST directives whose body is code; ``eval-rst`` bodies are rst; any other directive holds Markdown.
_MYST_CODE = frozenset(
    [
        "code", "code-block", "sourcecode", "code-cell", "ipython", "jupyter-execute", "doctest",
        "testcode", "testsetup", "testcleanup", "literalinclude", "prompt", "parsed-literal",
    ]
)


class _Container:
    """An open block quote (``width`` unused) or list item (``width``: its content indentation)."""

    __slots__ = ("quote", "width", "empty")

    def __init__(self, quote: bool, width: int = 0, empty: bool = False) -> None:
        self.quote = quote
        self.width = width
        self.empty = empty


def _skip_spaces(line: str, pos: int) -> int:
    n = len(line)
    while pos < n and line[pos] == " ":
        pos += 1
    return pos


_YAML_KEY = re.compile(r"""(?:#|[\w"'-][^:]*:(?:[ \t]|$))""")
_TOML_KEY = re.compile(r"""(?:#|\[|[\w"'.-]+[ \t]*=)""")


def _front_matter_end(lines: list[str]) -> int:
    """The number of lines of YAML (``---``) or TOML (``+++``) front matter at the top (0: none).

    The first line inside must be a key (or a comment): a document that merely opens with a
    thematic break is not front matter.
    """
    if not lines:
        return 0
    first = lines[0].rstrip(" \t")
    if first not in ("---", "+++"):
        return 0
    closers, key = (("---", "..."), _YAML_KEY) if first == "---" else (("+++",), _TOML_KEY)
    for k in range(1, len(lines)):
        if lines[k].rstrip(" \t") in closers:
            return k + 1
        if k == 1 and not key.match(lines[k]):
            return 0
    return 0


def _fence_language(info: str) -> str:
    """The language of a fence's info string (``python``; ``diff`` for ``{code-block} diff``)."""
    words = info.replace("{", " {").replace("}", "} ").split()
    if words and words[0].startswith("{"):
        words = words[1:]
    return words[0].lower() if words else ""


def _is_removed_line(line: str, start: int) -> bool:
    """True when ``line[start:]`` is a removed line of a unified diff (``-old``, not ``--- a/file``)."""
    return line.startswith("-", start) and not line.startswith("---", start)


def _fence_mode(info: str, depth: int) -> int:
    found = _MYST_NAME.match(info.strip(" \t"))
    if found is None:
        return _FENCE_CODE
    name = found.group(1).lower()
    if name in _MYST_CODE:
        return _FENCE_CODE
    if depth >= _MAX_DEPTH:
        return _FENCE_PROSE
    return _FENCE_RST if name == "eval-rst" else _FENCE_MARKDOWN


class DataBlock(NamedTuple):
    """A fenced code block of a data language: its kind, its body lines (less the fence's indentation,
    tabs expanded) and, for each, its line number in the document and the column its text starts at."""

    kind: Kind
    body: tuple[str, ...]
    lines: tuple[int, ...]
    columns: tuple[int, ...]


#: Fence languages whose blocks are read as the data files they show (``- name: <ID>`` over settings).
_DATA_LANGUAGES = {"yaml": Kind.YAML, "yml": Kind.YAML, "json": Kind.JSON, "toml": Kind.TOML}


def markdown_kinds(
    lines: list[str], depth: int = 0, comments: Optional[Comments] = None, data: Optional[list[DataBlock]] = None
) -> bytearray:
    """For each line (without its line break), its kind: ``CODE`` when it belongs to a code block, else ``PROSE``.

    Code blocks may hold ``REMOVED`` and ``OUTPUT`` lines; the comments of their code lines go into
    ``comments`` when given, and the fenced blocks of a data language (YAML, JSON, TOML) into ``data``.
    """
    if lines and lines[0].startswith("\ufeff"):
        lines = [lines[0][1:], *lines[1:]]  # a byte-order mark is not text
    n = len(lines)
    kinds = bytearray(n)
    containers: list[_Container] = []
    leaf = _NONE
    fence_char, fence_len, fence_indent, fence_mode, fence_language = "`", 0, 0, _FENCE_CODE, ""
    body: list[str] = []
    body_lines: list[int] = []
    body_offsets: list[int] = []
    html_end: Optional[re.Pattern[str]] = None

    def finish_fence() -> None:
        inner_comments: Optional[Comments] = None if comments is None else {}
        if fence_mode == _FENCE_CODE:
            inner, spans = _code_body(body, fence_language)
            if data is not None and fence_language in _DATA_LANGUAGES and body and not any("\t" in lines[k] for k in body_lines):
                # (a line with a tab is read with its tabs expanded: its columns are not the file's)
                data.append(DataBlock(_DATA_LANGUAGES[fence_language], tuple(body), tuple(body_lines), tuple(body_offsets)))
            if inner_comments is not None:
                inner_comments.update((k, found) for k, found in enumerate(spans) if found)
        elif fence_mode == _FENCE_MARKDOWN:
            inner = markdown_kinds(body, depth + 1, inner_comments)
        elif fence_mode == _FENCE_RST:
            inner = rst_kinds(body, depth + 1, inner_comments)
        else:
            return
        for k, kind in enumerate(inner):
            if kind:
                kinds[body_lines[k]] = kind
        for k, found in (inner_comments or {}).items():
            _note_comments(comments, body_lines[k], lines[body_lines[k]], body_offsets[k], found, 4)
        body.clear()
        body_lines.clear()
        body_offsets.clear()

    start = _front_matter_end(lines) if depth == 0 else 0
    for i in range(start, n):
        raw = lines[i]
        line = raw.expandtabs(4) if "\t" in raw else raw
        if line and line[0] not in _SPECIAL_START and (leaf in (_NONE, _PARA) or containers):
            # Unindented plain text: matches no container; a paragraph line (lazily, if one is open).
            if leaf != _PARA:
                if leaf == _FENCE:
                    finish_fence()
                containers.clear()
                leaf = _PARA
            continue
        length = len(line)
        pos = 0
        matched = 0
        while matched < len(containers):
            container = containers[matched]
            nxt = _skip_spaces(line, pos)
            if container.quote:
                if nxt - pos <= 3 and nxt < length and line[nxt] == ">":
                    pos = nxt + 1
                    if pos < length and line[pos] == " ":
                        pos += 1
                    matched += 1
                    continue
                break
            if nxt >= length:
                if container.empty:
                    break  # a list item can begin with at most one blank line
                pos = length
                matched += 1
                continue
            if nxt - pos >= container.width:
                pos += container.width
                matched += 1
                continue
            break
        all_matched = matched == len(containers)

        if leaf == _FENCE:
            if all_matched:
                nxt = _skip_spaces(line, pos)
                if (
                    nxt - pos <= 3
                    and line.startswith(fence_char * fence_len, nxt)
                    and line[nxt:].rstrip(" \t").strip(fence_char) == ""
                ):
                    finish_fence()
                    leaf = _NONE
                    kinds[i] = CODE if fence_mode == _FENCE_CODE else PROSE
                    continue
                content = pos + min(fence_indent, nxt - pos)
                if fence_mode != _FENCE_PROSE:
                    if fence_mode == _FENCE_CODE:
                        kinds[i] = CODE  # finish_fence() tells comments, output and removed lines
                    body.append(line[content:])
                    body_lines.append(i)
                    body_offsets.append(content)
                continue
            finish_fence()
            leaf = _NONE
            del containers[matched:]
            all_matched = True
        elif leaf == _INDENTED:
            nxt = _skip_spaces(line, pos)
            if all_matched and (nxt >= length or nxt - pos >= 4):
                kinds[i] = CODE
                _note_comments(comments, i, raw, pos, _comment_spans(line[pos:], _GENERIC, False)[0], 4)
                continue
            leaf = _NONE
        elif leaf == _HTML:
            if all_matched:
                if html_end is None:
                    if _skip_spaces(line, pos) >= length:
                        leaf = _NONE
                elif html_end.search(line, pos):
                    leaf = _NONE
                continue
            leaf = _NONE
            del containers[matched:]
            all_matched = True

        # New containers.
        while True:
            nxt = _skip_spaces(line, pos)
            if nxt >= length or nxt - pos >= 4:
                break
            char = line[nxt]
            if char == ">":
                del containers[matched:]
                containers.append(_Container(True))
                matched = len(containers)
                all_matched = True
                leaf = _NONE
                pos = nxt + 1
                if pos < length and line[pos] == " ":
                    pos += 1
                continue
            if char in "*+-0123456789":
                marker = _LIST_MARKER.match(line, nxt)
                if marker is None or (char in "*-" and _THEMATIC.match(line, nxt)):
                    break
                if all_matched and leaf == _PARA and char in "-" and _SETEXT.match(line, nxt):
                    break
                after = marker.end()
                content = _skip_spaces(line, after)
                empty = content >= length
                number = marker.group(1)
                if all_matched and leaf == _PARA and (empty or (number is not None and int(number) != 1)):
                    break  # cannot interrupt a paragraph
                if empty or content - after >= 5:
                    content = after + 1
                del containers[matched:]
                containers.append(_Container(False, content - pos, empty))
                matched = len(containers)
                all_matched = True
                leaf = _NONE
                pos = min(content, length)
                continue
            break

        nxt = _skip_spaces(line, pos)
        if nxt >= length:
            del containers[matched:]
            leaf = _NONE
            continue
        for container in containers:
            container.empty = False
        indent = nxt - pos
        if indent >= 4:
            if leaf == _PARA:
                continue  # paragraph continuation, lazy or not
            del containers[matched:]
            leaf = _INDENTED
            kinds[i] = CODE
            _note_comments(comments, i, raw, pos, _comment_spans(line[pos:], _GENERIC, False)[0], 4)
            continue
        char = line[nxt]
        if char in "`~":
            fence = _FENCE_OPEN.match(line, nxt)
            if fence is not None and not (char == "`" and "`" in fence.group(2)):
                del containers[matched:]
                leaf = _FENCE
                fence_char, fence_len, fence_indent = char, len(fence.group(1)), indent
                fence_mode = _fence_mode(fence.group(2), depth)
                fence_language = _fence_language(fence.group(2))
                kinds[i] = CODE if fence_mode == _FENCE_CODE else PROSE
                continue
        elif char == "<":
            html_start = False
            for start_pattern, end_pattern, interrupts in _HTML_KINDS:
                if (interrupts or leaf != _PARA) and start_pattern.match(line, nxt):
                    html_start = True
                    del containers[matched:]
                    leaf, html_end = _HTML, end_pattern
                    if end_pattern is not None and end_pattern.search(line, nxt + 2):
                        leaf = _NONE
                    break
            if html_start:
                continue
        elif char == "#":
            if _ATX.match(line, nxt):
                del containers[matched:]
                leaf = _NONE
                continue
        if char in "=-" and all_matched and leaf == _PARA and _SETEXT.match(line, nxt):
            leaf = _NONE
            continue
        if char in "*-_" and _THEMATIC.match(line, nxt):
            del containers[matched:]
            leaf = _NONE
            continue
        if leaf != _PARA:
            del containers[matched:]
            leaf = _PARA
    if leaf == _FENCE:
        finish_fence()
    return kinds


# ---------------------------------------------------------------------------------------------
# reStructuredText
# ---------------------------------------------------------------------------------------------

_RST_CODE_DIRECTIVES = frozenset(
    [
        "code-block", "code", "sourcecode", "ipython", "jupyter-execute", "code-cell", "doctest",
        "testcode", "testsetup", "testcleanup", "parsed-literal", "prompt",
    ]
)
#: Code directives whose body is Python when they name no language.
_RST_PYTHON_DIRECTIVES = dict.fromkeys(
    ["ipython", "jupyter-execute", "doctest", "testcode", "testsetup", "testcleanup"], "python"
)
#: Directives whose body is neither rst nor code: prose, not looked into.
_RST_OPAQUE_DIRECTIVES = frozenset(["raw", "math", "comment"])
_RST_DIRECTIVE = re.compile(r"\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?([A-Za-z0-9][\w:+.-]*?)[ ]?::(?:[ \t]|$)")
_RST_OPTION = re.compile(r":[^:\s][^:]*:(?:[ \t]|$)")
_RST_MARKER = re.compile(
    r"(?:[-*+\u2022\u2023\u2043]|\(?(?:\d+|#|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)[.)])(?:[ \t]+|$)"
)
_RST_BULLETS = frozenset("-*+\u2022\u2023\u2043")
_RST_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _rst_indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_blank(line: str) -> bool:
    return not line.strip(" \t\f\v")


def rst_kinds(raw_lines: list[str], depth: int = 0, comments: Optional[Comments] = None) -> bytearray:
    """For each line, ``CODE`` inside literal blocks, code directive bodies and doctest blocks.

    Code blocks may hold ``REMOVED`` and ``OUTPUT`` lines; the comments of their code lines go into
    ``comments`` when given.
    """
    lines = [line.expandtabs(8) if "\t" in line else line for line in raw_lines]
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
        raw_lines = [raw_lines[0][1:], *raw_lines[1:]]
    n = len(lines)
    kinds = bytearray(n)
    blocks: list[tuple[list[int], str]] = []  # the non-blank lines of each code block, its language
    i = 0
    para_indent: Optional[int] = None
    para_plain = -1
    para_literal = False
    pending: Optional[int] = None
    while i < n:
        line = lines[i]
        if _is_blank(line):
            if para_indent is not None and para_literal:
                pending = para_indent
            para_indent = None
            i += 1
            continue
        indent = _rst_indent(line)
        if pending is not None:
            literal_indent, pending = pending, None
            if indent > literal_indent:
                blocks.append(([], ""))
                while i < n and (_is_blank(lines[i]) or _rst_indent(lines[i]) > literal_indent):
                    kinds[i] = CODE
                    if not _is_blank(lines[i]):
                        blocks[-1][0].append(i)
                    i += 1
                continue
            first = line[indent]
            if indent == literal_indent and first in _RST_PUNCTUATION:
                # A quoted literal block: unindented lines that all start with the same punctuation.
                blocks.append(([], ""))
                while i < n and not _is_blank(lines[i]) and _rst_indent(lines[i]) == indent:
                    if lines[i][indent] != first:
                        break
                    kinds[i] = CODE
                    blocks[-1][0].append(i)
                    i += 1
                continue
        if para_indent is not None and (indent == para_indent or indent == para_plain):
            para_literal = line.rstrip().endswith("::")
            i += 1
            continue
        para_indent = None
        text = line[indent:]
        if text.startswith("..") and (len(text) == 2 or text[2] in " \t"):
            directive = _RST_DIRECTIVE.match(text)
            name = directive.group(1).lower() if directive else ""
            if directive is not None and name in _RST_CODE_DIRECTIVES:
                language = _fence_language(text[directive.end() :]) or _RST_PYTHON_DIRECTIVES.get(name, "")
                blocks.append(([], language))
                i = _rst_code_directive(lines, kinds, i, indent, blocks[-1][0])
            elif directive is not None and name not in _RST_OPAQUE_DIRECTIVES:
                i += 1  # any other directive: its body is rst, read on
            else:
                i = _rst_opaque(lines, i, indent, until_blank=text.startswith((".. _", ".. __")))
            continue
        if text.startswith(">>>") and (len(text) == 3 or text[3] in " \t"):
            # A doctest block runs to a blank line (or to a line indented less: its block ends).
            blocks.append(([], "python"))
            while i < n and not _is_blank(lines[i]) and _rst_indent(lines[i]) >= indent:
                kinds[i] = CODE
                blocks[-1][0].append(i)
                i += 1
            continue
        marker = _RST_MARKER.match(text)
        para_indent = indent + (marker.end() if marker else 0)
        # "1. text" followed by an unindented line is no list item but a paragraph (docutils).
        para_plain = indent if marker and text[0] not in _RST_BULLETS else -1
        para_literal = text.rstrip().endswith("::")
        i += 1
    for body, language in blocks:
        _rst_code_body(lines, raw_lines, kinds, body, language, comments)
    return kinds


def _rst_code_body(
    lines: list[str], raw_lines: list[str], kinds: bytearray, body: list[int], language: str, comments: Optional[Comments]
) -> None:
    """Tell the removed, output and comment parts of a code block's non-blank lines ``body``."""
    if not body:
        return
    margin = min(_rst_indent(lines[k]) for k in body)
    inner, spans = _code_body([lines[k][margin:] for k in body], language)
    for k, kind, found in zip(body, inner, spans):
        kinds[k] = kind
        _note_comments(comments, k, raw_lines[k], margin, found, 8)


def _rst_code_directive(lines: list[str], kinds: bytearray, i: int, indent: int, body: list[int]) -> int:
    """Mark the body of the code directive at line ``i`` (its lines into ``body``); return the line after it."""
    j = i + 1
    header = True
    while j < len(lines):
        line = lines[j]
        if _is_blank(line):
            header = False
        elif _rst_indent(line) <= indent:
            break
        elif header and _RST_OPTION.match(line, _rst_indent(line)):
            pass  # an option line (:caption: ...) is prose
        else:
            header = False
            kinds[j] = CODE
            body.append(j)
        j += 1
    return j


def _rst_opaque(lines: list[str], i: int, indent: int, *, until_blank: bool) -> int:
    """Skip an explicit markup block (comment, target, footnote, raw body); return the line after it."""
    j = i + 1
    if lines[i].strip() == ".." and (j >= len(lines) or _is_blank(lines[j])):
        return j  # an empty comment ends at once
    while j < len(lines):
        line = lines[j]
        if _is_blank(line):
            if until_blank:
                break
        elif _rst_indent(line) <= indent:
            break
        j += 1
    return j


_GRID_ROW = re.compile(r"[ \t]*[|+].*[|+][ \t]*$")
_SIMPLE_BORDER = re.compile(r"[ \t]*=+(?:[ \t]+=+)+[ \t]*$")
_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1*[ \t]*$")


def _simple_table_lines(lines: list[str], kinds: bytearray) -> set[int]:
    """Lines inside rst simple tables (a multi-column ``=== ===`` border to the last border)."""
    inside: set[int] = set()
    n = len(lines)
    k = 0
    while k < n:
        if not kinds[k] and _SIMPLE_BORDER.match(lines[k]):
            j = k + 1
            while j < n and not (_SIMPLE_BORDER.match(lines[j]) and (j + 1 == n or _is_blank(lines[j + 1]))):
                j += 1
            if j < n:
                inside.update(range(k, j + 1))
                k = j + 1
                continue
        k += 1
    return inside


def _rst_fix_blocker(
    lines: list[str], kinds: bytearray, line_no: int, end: int, own: int, total: int, tables: Optional[set[int]]
) -> tuple[str, Optional[set[int]]]:
    """Why a fix on rst line ``line_no`` (0-based) would break the markup ("" when it would not).

    ``end`` is where the ID ends in the line, ``own`` how much this replacement changes the line's
    length, ``total`` how much all the replacements on the line do together.
    """
    line = lines[line_no]
    if own and _GRID_ROW.match(line):
        return "inside an rst grid table, where a change of width breaks the table", tables
    if kinds[line_no] or (own <= 0 and total <= 0 and not line[end:].strip(" \t")):
        return "", tables
    if own:
        if tables is None:
            tables = _simple_table_lines(lines, kinds)
        if line_no in tables:
            if own > 0:
                return "inside an rst simple table, where a longer ID may overflow its column", tables
            # Columns are told by position: what follows would move left, into the ID's column.
            return "inside an rst simple table, where a shorter ID moves the cells after it out of their columns", tables
    if total > 0 and line_no + 1 < len(lines) and not _ADORNMENT.match(line):
        under = lines[line_no + 1].rstrip(" \t")
        if under and _ADORNMENT.match(under) and len(line.rstrip(" \t")) + total > len(under):
            return "in an rst section title, whose underline would become too short", tables
    return "", tables


# ---------------------------------------------------------------------------------------------
# Assembling the scan
# ---------------------------------------------------------------------------------------------


def split_lines(text: str, index: LineIndex) -> list[str]:
    """The lines of ``text`` as :class:`LineIndex` counts them, without their line breaks."""
    starts = index.starts
    last = len(starts) - 1
    return [
        text[starts[k] : starts[k + 1] if k < last else len(text)].rstrip("\r\n") for k in range(last + 1)
    ]


def _prose_text(text: str, index: LineIndex, lines: list[str], kinds: bytearray, comments: Comments) -> str:
    """The prose of a document for free claims: code lines blanked (same length), but for their
    comments, which are prose here as in a ``.py`` file; plain-text and output blocks are prose."""
    if CODE not in kinds:
        return text
    pieces: list[str] = []
    last = 0
    starts = index.starts
    bom = 1 if text.startswith("\ufeff") else 0
    for k, kind in enumerate(kinds):
        if kind in (CODE, REMOVED) and lines[k]:  # plain-text and output blocks are prose throughout
            start = starts[k]
            pieces.append(text[last:start])
            blanked = [" "] * len(lines[k])
            shift = bom if k == 0 else 0
            for low, high in comments.get(k, ()) if kind == CODE else ():
                blanked[low + shift : high + shift] = lines[k][low + shift : high + shift]
            pieces.append("".join(blanked))
            last = start + len(lines[k])
    pieces.append(text[last:])
    return "".join(pieces)


@functools.lru_cache(maxsize=64)
def _token_pattern(model_id: str) -> TokenPattern:
    """``model_id`` as a whole token (the matcher's rule)."""
    return token_regex([model_id])


class _CodeBlocks:
    """Runs of code lines, found on demand: does the block holding a line also name an ID?"""

    def __init__(self, text: str, index: LineIndex, lines: list[str], kinds: bytearray) -> None:
        self.text, self.index, self.lines, self.kinds = text, index, lines, kinds
        self.spans: dict[int, tuple[int, int]] = {}
        self.answers: dict[tuple[int, str], bool] = {}
        self.legacy: dict[int, dict[str, str]] = {}
        self.conditional: dict[int, bool] = {}

    def names(self, line_no: int, model_id: str) -> bool:
        span = self.span(line_no)
        key = (span[0], model_id)
        answer = self.answers.get(key)
        if answer is None:
            answer = self.answers[key] = _token_pattern(model_id).search(self.text, *span) is not None
        return answer

    def merged(self, line_no: int, model: LegacyModel, matcher: Matcher) -> Optional[str]:
        """Another legacy ID of the block that a fix gives the same new name as ``model``, if any."""
        span = self.span(line_no)
        legacy = self.legacy.get(span[0])
        if legacy is None:
            found = matcher.finditer(self.text, *span)
            legacy = self.legacy[span[0]] = {match.model.id: match.model.replacement for match in found}
        return next((other for other, new in legacy.items() if new == model.replacement and other != model.id), None)

    def first(self, line_no: int) -> int:
        """The first line of the run of code lines holding ``line_no``."""
        return bisect.bisect_left(self.index.starts, self.span(line_no)[0])

    def conditions(self, line_no: int) -> bool:
        """Whether the run of code lines holding ``line_no`` may hold a condition key (:func:`_condition_above`)."""
        span = self.span(line_no)
        answer = self.conditional.get(span[0])
        if answer is None:
            answer = self.conditional[span[0]] = _condition_keys().search(self.text, *span) is not None
        return answer

    def span(self, line_no: int) -> tuple[int, int]:
        """Start and end offsets of the run of code lines holding ``line_no``."""
        span = self.spans.get(line_no)
        if span is None:
            first = last = line_no
            while first > 0 and self.kinds[first - 1]:
                first -= 1
            while last + 1 < len(self.kinds) and self.kinds[last + 1]:
                last += 1
            span = (self.index.starts[first], self.index.starts[last] + len(self.lines[last]))
            for k in range(first, last + 1):
                self.spans[k] = span
        return span


#: A shields.io badge's path (``img.shields.io/badge/<label>-<message>-<colour>``), where a ``-`` of
#: the text is written ``--`` and a ``_`` ``__`` (one ``-`` parts it, one ``_`` is a space).
_BADGE = re.compile(r"shields\.io/badge/([^\s)\]\"'<>?#]+)")
BADGE_REASON = "inside a shields.io badge's address, where each '-' is written '--': edit the badge by hand"


def badge_mentions(text: str, matcher: Matcher, index: Optional[LineIndex] = None) -> list[Mention]:
    """IDs in shields.io badges (``badge/model-gemini--2.0--flash-blue``), which the doubled dashes
    hide from the search: reported (GL002), not fixed (an address, and a rename must keep the escapes)."""
    if "shields.io/badge/" not in text:
        return []
    found = []
    for badge in _BADGE.finditer(text):
        shown, at = [], []  # the badge's text, and where each of its characters is in ``text``
        low, high = badge.span(1)
        i = low
        while i < high:
            pair = text[i : i + 2]
            if pair in ("--", "__"):
                shown.append(pair[0])
                at.append(i)
                i += 2
                continue
            shown.append(" " if text[i] in "-_" else text[i])
            at.append(i)
            i += 1
        decoded = "".join(shown)
        if "--" not in text[low:high]:
            continue  # no doubled dash: an ID there is found as written
        for match in matcher.finditer(decoded):
            start, end = at[match.start], at[match.end - 1] + (2 if text[at[match.end - 1] : at[match.end - 1] + 2] in ("--", "__") else 1)
            index = index or LineIndex(text)
            found.append(Mention(start, end, match.model, Context.PROSE, position_of(index, start, end), fixable=False,
                                 reason=BADGE_REASON))
    return found


def _scan(text: str, matcher: Matcher, kind: Kind, anchors: bool = True) -> Scan:
    index = LineIndex(text)
    scan = Scan()
    scan.noqa = collect_noqa(text, index)
    comments: Comments = {}
    data: list[DataBlock] = []
    retired_lines: dict[int, bool] = {}  # a code line's answer, read once however many IDs it holds
    if kind is Kind.TEXT:
        lines: list[str] = []
        kinds = bytearray()
    else:
        lines = split_lines(text, index)
        kinds = markdown_kinds(lines, 0, comments, data) if kind is Kind.MARKDOWN else rst_kinds(lines, 0, comments)
    bom = 1 if text.startswith("\ufeff") else 0
    starts = index.starts
    tables: Optional[set[int]] = None
    line_growth: dict[int, int] = {}  # rst: how much longer the fixes make each line
    blocks = _CodeBlocks(text, index, lines, kinds)
    for match in matcher.finditer(_emphasis_open(text, index, kinds)):
        model = match.model
        line_no = bisect.bisect_right(starts, match.start) - 1
        if line_no + 1 < len(starts) and match.end > starts[line_no + 1]:  # pragma: no cover - IDs are tokens
            position = position_of(index, match.start, match.end)
        else:
            column = match.start - starts[line_no] + 1
            position = Position(line_no + 1, column, line_no + 1, column + match.end - match.start)
        line_kind = kinds[line_no] if kinds else PROSE
        if line_kind == CODE and line_no in comments:
            column = match.start - starts[line_no] - (bom if line_no == 0 else 0)
            if any(start <= column < end for start, end in comments[line_no]):
                line_kind = PROSE  # a comment in a code block is prose, as in a .py file
        reason, unsafe = "", False
        own = len(model.replacement) - len(model.id)
        if line_kind == REMOVED:
            reason = "on a removed line of a diff, which shows the old code"
        elif kind is Kind.RST and model.replacement and own:
            total = line_growth.get(line_no)
            if total is None:  # once a line: summed again for each of its IDs, a long line is quadratic
                total = line_growth[line_no] = sum(
                    len(other.model.replacement) - len(other.model.id)
                    for other in matcher.finditer(text, starts[line_no], starts[line_no] + len(lines[line_no]))
                    if other.model.replacement
                )
            end = match.end - starts[line_no]
            reason, tables = _rst_fix_blocker(lines, kinds, line_no, end, own, total, tables)
        if not reason and line_kind == CODE:
            reason = continued_in_code(text, match.start, match.end)
        if not reason and line_kind == CODE and searched_by_command(text, starts[line_no], match.start):
            reason = SEARCH_REASON  # grep -rn "<ID>" src/: renamed, it would look for the new model
        if not reason and line_kind == CODE and _said_retired(retired_lines, line_no, text, starts, lines, comments):
            reason = RETIRED_TEXT_REASON  # gemini-2.5-flash已停用: renamed, the line would say so of the new model
        if not reason and line_kind == CODE and model.replacement:
            condition = _condition_above(text, lines, starts, blocks.first(line_no), line_no, match.start) if blocks.conditions(line_no) else ""
            if condition:
                reason, unsafe = condition, True
        if not reason and line_kind == CODE and model.replacement:
            new = model.replacement
            other = None if blocks.names(line_no, new) else blocks.merged(line_no, model, matcher)
            if other is None and blocks.names(line_no, new):
                reason, unsafe = f"the code block also names '{new}', as a before/after example would", True
            elif other is not None:  # as keys of one mapping, the two would merge
                reason, unsafe = f"the fix would also rename '{other}' in this code block to '{new}'", True
        scan.mentions.append(
            Mention(
                match.start,
                match.end,
                model,
                Context.VALUE if line_kind == CODE else Context.PROSE,
                position,
                fixable=unsafe or not reason,
                unsafe=unsafe,
                reason=reason,
            )
        )
    scan.mentions.extend(badge_mentions(text, matcher, index))
    scan.mentions.sort(key=lambda m: m.start)
    if data and any(m.safe_value for m in scan.mentions):
        scan.mentions = _data_blocks_held(scan.mentions, data, starts, bom, matcher)
    prose = text if kind is Kind.TEXT else _prose_text(text, index, lines, kinds, comments)
    scan.prose.append(ProseBlock(prose, index))
    # A document whose code also names the new ID is about the migration: a "Before:" block next to an
    # "After:" one. Its prose and tables ("Supported models: ...") do not count.
    code_lines = [
        (starts[n], starts[n + 1] if n + 1 < len(starts) else len(text)) for n, line_kind in enumerate(kinds)
        if line_kind in (CODE, REMOVED)
    ]
    scan.mentions = mark_migrations(text, scan.mentions, lambda _: code_lines, "this document's code")
    if anchors and kind is not Kind.TEXT and scan.mentions:
        _link_anchors(scan, text, index, lines, kinds, kind)
    return scan


#: A line's own key, at its start (``match:``, ``"when": {``, ``- if:``), as YAML and pretty-printed JSON write it.
_LEADING_KEY = re.compile(r"""[ \t]*(?:-[ \t]+)?["']?([A-Za-z_][\w.\-]*)["']?[ \t]*:""")
#: A YAML sequence item's marker, before its first key.
_ITEM = re.compile(r"-[ \t]+")
_BLANKS_AT = re.compile(r"[ \t]*")
_BRACES = re.compile(r"[{}]")
#: How far back (characters, lines) a value's enclosing braces and parent lines are looked for.
_CONDITION_REACH, _CONDITION_LINES = 4000, 200


@functools.lru_cache(maxsize=1)
def _condition_keys() -> re.Pattern[str]:
    """Text that any condition key read by :func:`_condition_above` ends with, followed as a key is:
    a block without it has no condition above any of its values (most blocks; read once a block)."""
    from gemini_lint.sources.config_files import _CONDITION_KEYS, _CONDITION_SUFFIXES

    words = sorted({*_CONDITION_KEYS, *_CONDITION_SUFFIXES}, key=len, reverse=True)
    return re.compile(rf"""(?:{"|".join(map(re.escape, words))})["']?[ \t]*[:=]""")


def _condition_above(text: str, lines: list[str], starts: list[int], first: int, line_no: int, start: int) -> str:
    """Why a value at ``start`` on line ``line_no`` of a code block (whose lines start at ``first``) is
    under a condition key, else "": the last key before it on its line (``model_equals: <ID>``), the key
    before its innermost open brace (``"match": {"model": "<ID>"}``), or the keys of the two lines above
    it that are less indented (``match:`` over ``model: <ID>``, pretty-printed JSON). A code block is
    read as text, but its JSON or YAML means what a config file's does: gemini-cli's docs show
    ``"match": {"model": "<ID>"}`` in an override, which a fix turned into one that catches the new
    model (a run over real packages). Lines are the document's (``\r\n`` and a lone ``\r`` end them
    too), and each value reads at most :data:`_CONDITION_REACH` characters of its line back and
    :data:`_CONDITION_LINES` lines above: a minified line of thousands of values stays linear."""
    from gemini_lint.sources.config_files import _KEY_BEFORE, CONDITION_REASON, _is_condition

    low = starts[first]
    line_start = starts[line_no]
    near = max(line_start, start - _CONDITION_REACH)
    names = [found.group(1) for found in _KEY_BEFORE.finditer(text, near, start)][-1:]
    leading = _LEADING_KEY.match(text, line_start, start)
    if leading is not None:
        names.append(leading.group(1))
    depth = 0
    braces = [found.start() for found in _BRACES.finditer(text, max(low, start - _CONDITION_REACH), start)]
    for i in reversed(braces):
        if text[i] == "}":
            depth += 1
        elif depth == 0:
            opener_line = starts[bisect.bisect_right(starts, i) - 1]
            opener_near = max(low, opener_line, i - _CONDITION_REACH)
            names.extend(found.group(1) for found in list(_KEY_BEFORE.finditer(text, opener_near, i))[-1:])
            break
        else:
            depth -= 1
    indent = _BLANKS_AT.match(text, line_start, start).end() - line_start  # type: ignore[union-attr]
    parents = 0
    for k in range(line_no - 1, max(first, line_no - _CONDITION_LINES) - 1, -1):
        if parents >= 2:
            break
        line = lines[k]
        own = _BLANKS_AT.match(line).end()  # type: ignore[union-attr]
        if own == len(line):
            continue
        item = _ITEM.match(line, own)
        if item is not None:  # "- when: x" over "  model: <ID>": a key of the same item, not a parent
            own = item.end()
        if own < indent:
            indent, parents = own, parents + 1
            leading = _LEADING_KEY.match(line)
            if leading is not None:
                names.append(leading.group(1))
    found = next((name for name in names if _is_condition(name)), "")
    return CONDITION_REASON.format(key=found) if found else ""


def _data_blocks_held(
    mentions: list[Mention], blocks: list[DataBlock], starts: list[int], bom: int, matcher: Matcher
) -> list[Mention]:
    """``mentions``, with the values in a YAML, JSON or TOML code block held as the data file the block
    shows would hold them: ``- name: gemini/<ID>`` over an edit format in aider's documented model
    settings (a copy of its ``model-settings.yml``, where the same line is held) names an entry, and
    renamed, the page would document settings for the new model that nothing defines (a run over real
    packages, 2026-12-07). Only holds carry over: a block that does not load as its language (a snippet
    with ``...`` in it) adds none, and nothing a block reads as safe is made so here."""
    from gemini_lint.sources import config_files

    held: dict[int, tuple[bool, str]] = {}  # a document offset -> (still fixable, why not safely)
    safe = sorted(m.start for m in mentions if m.safe_value)  # found by bisection: thousands of blocks stay linear
    for block in blocks:
        begin = starts[block.lines[0]]
        end = starts[block.lines[-1] + 1] if block.lines[-1] + 1 < len(starts) else None
        at = bisect.bisect_left(safe, begin)
        if at == len(safe) or (end is not None and safe[at] >= end):
            continue
        body = "\n".join(block.body) + "\n"
        found = config_files.reader(block.kind)(body, matcher)
        if not found.writable:
            continue
        line_starts = [0]
        for line in block.body[:-1]:
            line_starts.append(line_starts[-1] + len(line) + 1)
        for inner in found.mentions:
            if inner.context is not Context.VALUE or not (inner.unsafe or not inner.fixable):
                continue
            k = bisect.bisect_right(line_starts, inner.start) - 1
            line_no = block.lines[k]
            at = starts[line_no] + (bom if line_no == 0 else 0) + block.columns[k] + inner.start - line_starts[k]
            held[at] = (inner.fixable, f"read as the {block.kind.value.upper()} it shows, {inner.reason}")
    if not held:
        return mentions
    out = []
    for mention in mentions:
        hold = held.get(mention.start) if mention.safe_value else None
        if hold is not None:
            fixable, reason = hold
            mention = replace(mention, fixable=fixable, unsafe=fixable, reason=reason)
        out.append(mention)
    return out


def _said_retired(
    known: dict[int, bool], line_no: int, text: str, starts: list[int], lines: list[str], comments: Comments
) -> bool:
    """:func:`_line_says_retired` of the line ``line_no``, worked out once per line (``known``): a long line of
    minified JSON holding thousands of IDs was read once for each (17 s for 145 KB)."""
    said = known.get(line_no)
    if said is None:
        said = known[line_no] = _line_says_retired(text, starts[line_no], len(lines[line_no]), comments.get(line_no))
    return said


def _line_says_retired(text: str, start: int, length: int, comments: Optional[list[tuple[int, int]]]) -> bool:
    """Whether a code line (``text[start:start + length]``) says a model is retired outside its comments
    (a comment is prose, with its own fix): a message or a note written in the block, as a Python
    string that says so keeps its ID."""
    at = 0
    for low, high in sorted(comments or ()):
        if says_retired(text, start + at, start + low):
            return True
        at = max(at, high)
    return says_retired(text, start + at, start + length)


# ---------------------------------------------------------------------------------------------
# Anchors and the links to them
# ---------------------------------------------------------------------------------------------

#: A fragment in a Markdown link destination (``](#x)``, ``](page.md#x)``), an HTML ``href``, or a link
#: reference definition; groups: (path, fragment) of whichever matched.
_MD_FRAGMENT = re.compile(
    r"""\]\([ \t]*<?([^()\s<>#]*)#([^()\s<>"']*)"""
    r"""|\bhref[ \t]*=[ \t]*["']([^"'#\s]*)#([^"'\s]*)["']"""
    r"""|^[ ]{0,3}\[[^\]\r\n]+\]:[ \t]*<?([^\s<>#]*)#([^\s<>]*?)>?(?=[ \t]|$)""",
    re.M,
)
#: What a Markdown heading line starts with: block quote and list markers, then the ``#`` run.
_MD_LINE_MARKUP = re.compile(r"^(?:[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t]))*[ \t]*(?:#{1,6}(?=[ \t]|$))?")
#: An explicit anchor on a line: ``{#id}`` (attribute lists), ``id="..."``/``name="..."`` (HTML).
_MD_EXPLICIT = re.compile(r"""\{#([^}\s]+)[^}]*\}|\b(?:id|name)[ \t]*=[ \t]*["']([^"']+)["']""")
#: A link's destination in a heading, not part of its anchor: ``## [text](https://...)``.
_MD_LINK_DESTINATION = re.compile(r"\]\([^()\s]*(?:[ \t]+\"[^\"]*\")?\)")
#: A duplicate heading's anchor: ``#title-1``.
_DUPLICATE_SUFFIX = re.compile(r"-\d+$")
#: rst references by name: `` `name`_ ``, `` `text <name_>`_ ``, ``:ref:`name``` / ``:ref:`text <name>```
#: (Sphinx), ``name_``; group ``name`` (or ``alias``/``label``/``simple``) holds the name.
_RST_REFERENCE = re.compile(
    r"`(?P<name>[^`<>]+?)(?:[ \t]*<(?P<alias>[^`<>]+)_>)?`_(?!_)"
    r"|:(?:ref|numref):`(?:[^`<>]*<(?P<label>[^`<>]+)>|(?P<plain>[^`<>]+))`"
    r"|(?<![\w`.+:\-])(?P<simple>\w+(?:[-.+:]\w+)*)_(?![\w])"
)
#: An rst hyperlink target: ``.. _name:`` or ``.. _`name`:``.
_RST_TARGET = re.compile(r"^[ \t]*\.\.[ \t]+_(?:`([^`]+)`|([^`:\s][^:]*?)):(?=[ \t]|$)")

LINK_TARGET_ELSEWHERE_REASON = "part of a link to an anchor in another file, which this fix does not rename"
LINK_TARGET_MISSING_REASON = "part of a link to an anchor not found in this file: the renamed link may point nowhere"
LINK_NOT_FOLLOWED_REASON = "its anchor is the target of a link in this file that the fix would not rename"
LINK_COLLISION_REASON = "renamed, its anchor would be that of another heading or target in this file"


def _md_key(line: str) -> str:
    """The anchor a Markdown heading with the text of ``line`` gets (GitHub's rule: lower case, no
    punctuation but ``-`` and ``_``, blanks as ``-``); any line is read as if it were a heading."""
    body = _MD_LINK_DESTINATION.sub("]", _MD_LINE_MARKUP.sub("", line, count=1))
    body = _MD_EXPLICIT.sub("", re.sub(r"[ \t]+#+[ \t]*$", "", body)).strip().lower()
    return re.sub(r"[^\w\- ]", "", body).replace(" ", "-")


def _rst_key(name: str) -> str:
    """An rst reference name as docutils compares it: blanks collapsed, lower case."""
    return " ".join(name.replace("`", "").replace("*", "").split()).lower()


def _renamed(text: str, low: int, high: int, mentions: list[Mention]) -> str:
    """``text[low:high]`` with the IDs of ``mentions`` (those inside it) renamed."""
    pieces, last = [], low
    for mention in mentions:
        if low <= mention.start and mention.end <= high and mention.model.replacement:
            pieces.append(text[last : mention.start])
            pieces.append(mention.model.replacement)
            last = mention.end
    pieces.append(text[last:high])
    return "".join(pieces)


def _link_anchors(scan: Scan, text: str, index: LineIndex, lines: list[str], kinds: bytearray, kind: Kind) -> None:
    """Tie the fix of an ID in an anchor (a heading, an rst target) to those of the links in this
    file that point to it: renaming one alone leaves the link pointing nowhere.

    A link whose target holds an ID but points to another file, or to no anchor found here, is not
    fixed; nor is an anchor that a link the fix cannot follow points to (one without the ID, as
    ``#gemini-31-flash-image-preview`` for a heading with a dotted ID), nor one that, renamed,
    would take another's name. The others share one fate: :attr:`Scan.linked`, which the linter
    reads once every other reason to hold a fix is known.
    """
    starts = index.starts
    mentions = sorted(scan.mentions, key=lambda m: m.start)
    mention_starts = [m.start for m in mentions]

    def inside(low: int, high: int) -> list[Mention]:
        first = bisect.bisect_left(mention_starts, low)
        return [m for m in mentions[first : bisect.bisect_left(mention_starts, high)] if m.end <= high]

    # References: (offset of the name, its end, the key it points to, whether it points to another file).
    references: list[tuple[int, int, str, bool]] = []
    # Anchors: key -> [(low, high)] spans of the text the anchor is made from.
    anchors: dict[str, list[tuple[int, int]]] = {}
    for line_no, line in enumerate(lines):
        if kinds[line_no] != PROSE:
            continue
        base = starts[line_no]
        if kind is Kind.MARKDOWN:
            if "#" in line or "=" in line:
                for found in _MD_FRAGMENT.finditer(line):
                    group = next(g for g in range(1, 7, 2) if found.group(g + 1) is not None)
                    low, high = found.span(group + 1)
                    references.append((base + low, base + high, found.group(group + 1).lower(), found.group(group) != ""))
            for found in _MD_EXPLICIT.finditer(line):
                group = 1 if found.group(1) is not None else 2
                anchors.setdefault(found.group(group).lower(), []).append((base + found.start(group), base + found.end(group)))
            key = _md_key(line)
            if key:
                anchors.setdefault(key, []).append((base, base + len(line)))
        else:
            target = _RST_TARGET.match(line)
            if target is not None:
                group = 1 if target.group(1) is not None else 2
                anchors.setdefault(_rst_key(target.group(group)), []).append(
                    (base + target.start(group), base + target.end(group))
                )
            elif line.strip():
                anchors.setdefault(_rst_key(line), []).append((base, base + len(line)))
            if "_" in line:
                for found in _RST_REFERENCE.finditer(line):
                    name = next(n for n in ("alias", "name", "label", "plain", "simple") if found.group(n) is not None)
                    low, high = found.span(name)
                    references.append((base + low, base + high, _rst_key(found.group(name)), False))
    if not references:
        return
    key_of = _md_key if kind is Kind.MARKDOWN else _rst_key
    held: dict[int, str] = {}
    parent: dict[int, int] = {}

    def root(start: int) -> int:
        path = []
        while parent.setdefault(start, start) != start:
            path.append(start)
            start = parent[start]
        for step in path:  # path compression: a long chain is walked once
            parent[step] = start
        return start

    # Per key, read once however many links point to it: its anchors' spans and the IDs in them.
    targets_of: dict[str, tuple[list[tuple[int, int]], list[Mention]]] = {}
    follows_of: dict[tuple[str, str], bool] = {}  # (key, renamed key) -> whether every anchor follows
    key_reason: dict[str, str] = {}  # key -> why its anchors (and every link to them) are held
    for low, high, key, elsewhere in references:
        named = inside(low, high)
        if elsewhere:
            held.update((m.start, LINK_TARGET_ELSEWHERE_REASON) for m in named)
            continue
        known = targets_of.get(key)
        if known is None:
            spans = anchors.get(key) or anchors.get(_DUPLICATE_SUFFIX.sub("", key)) or []
            known = targets_of[key] = (spans, [m for span in spans for m in inside(*span)])
        spans, targets = known
        if not named and not targets:
            continue  # nothing here is renamed
        if not spans:
            held.update((m.start, LINK_TARGET_MISSING_REASON) for m in named)
            continue
        renamed = _renamed(text, low, high, named)
        new_key = renamed.lower() if kind is Kind.MARKDOWN else _rst_key(renamed)
        follows = follows_of.get((key, new_key))
        if follows is None:
            follows = follows_of[(key, new_key)] = all(
                inside(*span) and _follows(key_of(_renamed(text, *span, inside(*span))), new_key, key) for span in spans
            )
        follows = follows and bool(named)
        if follows and new_key != key and (new_key in anchors or _DUPLICATE_SUFFIX.sub("", new_key) in anchors):
            reason = LINK_COLLISION_REASON
        elif follows:
            reason = ""
        else:
            reason = LINK_NOT_FOLLOWED_REASON
        if reason:
            held.update((m.start, reason) for m in named)
            key_reason.setdefault(key, reason)
        # One group per key: the link's IDs join the anchors' (or the first link's, where the anchors hold none).
        members = named + targets[:1]
        for member in members[1:]:
            parent[root(member.start)] = root(members[0].start)
        if not targets and named:
            first = targets_of[key][1][:1] or [named[0]]
            parent[root(named[0].start)] = root(first[0].start)
            if first[0] is named[0]:
                targets_of[key] = (spans, [named[0]])  # the key's representative from now on
    for key, reason in key_reason.items():  # every anchor of a held key, and so every link in its group
        held.update((m.start, reason) for m in targets_of[key][1])
    for key, (spans, targets) in targets_of.items():  # the anchors of one key share their fate
        for member in targets[1:]:
            parent[root(member.start)] = root(targets[0].start)
    if held:
        scan.mentions = [
            replace(m, fixable=False, unsafe=False, reason=held[m.start]) if m.start in held and m.fixable else m
            for m in scan.mentions
        ]
    groups: dict[int, list[int]] = {}
    for start in parent:
        groups.setdefault(root(start), []).append(start)
    scan.linked = [tuple(sorted(group)) for group in groups.values() if len(group) > 1]


def _follows(new_anchor: str, new_reference: str, old_reference: str) -> bool:
    """Whether a renamed reference still names its renamed anchor (a duplicate's ``-1`` kept)."""
    suffix = _DUPLICATE_SUFFIX.search(old_reference)
    return new_anchor == new_reference or (
        suffix is not None and new_anchor + suffix.group() == new_reference
    )


def _emphasis_open(text: str, index: LineIndex, kinds: bytearray) -> str:
    """``text`` with the ``_`` of its prose lines as blanks (same length), for finding IDs: in prose an
    underscore is emphasis (``_gemini-...-preview_``, ``__...__``) or an rst target
    (``.. _gemini-...:``, ``gemini-..._``), not part of a name as in code. Code lines keep theirs."""
    if "_" not in text:
        return text
    if not kinds:
        return text.replace("_", " ")
    starts = index.starts
    pieces: list[str] = []
    for line_no, line_kind in enumerate(kinds):
        low = starts[line_no]
        high = starts[line_no + 1] if line_no + 1 < len(starts) else len(text)
        piece = text[low:high]
        pieces.append(piece if line_kind in (CODE, REMOVED) else piece.replace("_", " "))
    if len(starts) > len(kinds):  # pragma: no cover - the line kinds cover every line
        pieces.append(text[starts[len(kinds)] :])
    return "".join(pieces)


def scan_markdown(text: str, matcher: Matcher) -> Scan:
    """Read a Markdown file (``.md``, ``.mdx``, ``.markdown``)."""
    return _scan(text, matcher, Kind.MARKDOWN)


def scan_markdown_cell(text: str, matcher: Matcher) -> Scan:
    """Read a notebook's Markdown cell: as a Markdown file, but for links to anchors, which may be in
    other cells (an anchor and the links to it are not tied together there)."""
    return _scan(text, matcher, Kind.MARKDOWN, anchors=False)


def scan_rst(text: str, matcher: Matcher) -> Scan:
    """Read a reStructuredText file (``.rst``)."""
    return _scan(text, matcher, Kind.RST)


def scan_text(text: str, matcher: Matcher) -> Scan:
    """Read a plain-text file (``.txt`` and anything else read as text): prose throughout."""
    return _scan(text, matcher, Kind.TEXT)


_READERS: dict[Kind, Callable[[str, Matcher], Scan]] = {
    Kind.MARKDOWN: scan_markdown,
    Kind.RST: scan_rst,
    Kind.TEXT: scan_text,
}


def reader(kind: Kind) -> Callable[[str, Matcher], Scan]:
    """The reader for ``kind`` (MARKDOWN, RST or TEXT)."""
    try:
        return _READERS[kind]
    except KeyError:
        raise ValueError(f"no Markdown-family reader for {kind}") from None
