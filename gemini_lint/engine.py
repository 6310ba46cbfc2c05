"""Files -> outcomes: read once, skip what cannot contain an ID, lint, fix, write; in parallel where it pays."""

from __future__ import annotations

import codecs
import enum
import functools
import gc
import os
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from gemini_lint.config import Settings
from gemini_lint.matching import (
    Matcher,
    may_be_joined_over_lines,
    may_be_split,
    other_surface_matchers,
    settings_matcher,
)
from gemini_lint.sources import Kind, kind_of

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ~1.5 ms of a run over a clean file
if TYPE_CHECKING:
    from typing import Optional, Union

    from gemini_lint.diagnostic import Diagnostic
    from gemini_lint.interrupts import Stop
    from gemini_lint.parser_process import ParserProcess
    from gemini_lint.sources.base import Scan


# The linter, its sources and its records load only when a file passes the cheap tests: a
# pre-commit run over clean files never pays for them.

#: Words whose presence (in any case) makes a file worth reading for free-API claims (GL003) even
#: without an ID: each claim's subject holds one (see :mod:`gemini_lint.rules.gl003_hints`).
_PROSE_TRIGGERS = (b"gemini", b"banana")
#: Files larger than this are not parsed or fixed (a minified 50 MB bundle is not source).
MAX_PARSE_BYTES = 8 * 1024 * 1024


class Mode(enum.Enum):
    """What to do with the findings."""

    CHECK = "check"
    FIX = "fix"
    DIFF = "diff"


@dataclass(frozen=True)
class FileOutcome:
    """The result for one file: what remains, what was fixed, notes, and a diff in ``--diff`` mode."""

    path: str
    diagnostics: tuple[Diagnostic, ...] = ()
    fixed: int = 0
    notes: tuple[str, ...] = ()
    diff: str = ""
    failed: bool = False
    new_bytes: Optional[bytes] = None
    #: In ``--diff`` mode, the encoding of a file that is not UTF-8 (latin-1, UTF-16...): its patch is
    #: written in it, as patch tools compare bytes. Empty for UTF-8.
    diff_encoding: str = ""
    #: From a worker's first pass over a large tree (:func:`first_pass`): the bytes of a file that
    #: needs the Python parser, left for a process that has libcst loaded. Never in a final outcome.
    pending: Optional[bytes] = None


@dataclass
class Decoded:
    """A file's text and how to turn it back into bytes."""

    text: str
    encoding: str
    exact: bool = True
    notes: list[str] = field(default_factory=list)


def decode(data: bytes, kind: Kind) -> Decoded:
    """Decode ``data`` as Python (PEP 263 cookie, BOM) or as UTF-8 text (UTF-16/32 with a BOM); never raises.

    When the bytes do not decode, the text is decoded with replacement characters for reporting only
    (``exact`` is False and the file is never written).
    """
    wide = wide_encoding(data)
    encoding = wide or ("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8")
    head = _first_two_lines(data) if kind is Kind.PYTHON and wide is None else []
    if any(_COOKIE.match(line) for line in head):
        # Python's own rules for the declared encoding. Without a declaration they give the
        # default above (and bytes that are not UTF-8 fail to decode below, with the same note).
        import tokenize

        try:
            # Lines end at \r too, as for the interpreter (a file with \r line ends keeps its cookie).
            if data.startswith(codecs.BOM_UTF8):
                head[0] = codecs.BOM_UTF8 + head[0]
            encoding, _ = tokenize.detect_encoding(iter(head).__next__)
        except SyntaxError as exc:
            text = data.decode("utf-8", errors="replace")
            problem = f"bad encoding declaration ({exc.msg})"
            return Decoded(text, "utf-8", False, [f"{problem}; IDs reported from the text, nothing written"])
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        # A byte order mark before text without NUL bytes (a stray "\xff\xfe" before ASCII) is not
        # UTF-16 text: read as UTF-8, its IDs are found; real UTF-16 with a bad unit stays UTF-16.
        fallback = wide if wide is not None and b"\x00" in data[2:4096] else "utf-8"
        text = data.decode(fallback, errors="replace")
        read_as = f" (read as {fallback})" if wide is not None and fallback != wide else ""
        return Decoded(text, fallback, False, [f"not valid {encoding}; IDs reported from the text{read_as}, nothing written"])
    if kind is Kind.PYTHON and wide is not None:
        return Decoded(text, encoding, False, [f"Python does not read {encoding} source; IDs reported, nothing written"])
    if encoding not in ("utf-8", "utf-8-sig") and text.encode(encoding) != data:
        # cp932, big5, utf-7...: some characters have two byte forms, and encoding picks one; UTF-16
        # and UTF-32 in the other byte order than this machine's come back with the BOM turned round.
        note = f"its {encoding} bytes would not be written back the same; IDs reported, nothing written"
        return Decoded(text, encoding, False, [note])
    return Decoded(text, encoding)


_COOKIE = re.compile(rb"[ \t\f]*#.*?coding[:=]")


def _first_two_lines(data: bytes) -> list[bytes]:
    """Where Python looks for an encoding declaration, after a BOM: its first two lines, which end
    at ``\\n``, ``\\r\\n`` or ``\\r`` (the interpreter, 3.9 to 3.13, honours a cookie after a ``\\r``)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    lines: list[bytes] = []
    at = 0
    while len(lines) < 2 and at < len(data):
        newline = data.find(b"\n", at)
        stop = len(data) if newline == -1 else newline + 1
        carriage = data.find(b"\r", at, stop)  # only up to the \n: a file without \r is not read to its end
        end = stop if carriage == -1 else carriage + 1
        if data[end - 1 : end + 1] == b"\r\n":
            end += 1
        lines.append(data[at:end])
        at = end
    return lines


#: Byte order marks of the UTF-16/32 encodings, longest first (UTF-32-LE's starts with UTF-16-LE's).
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
              (codecs.BOM_UTF16_BE, "utf-16"))


def wide_encoding(data: bytes) -> Optional[str]:
    """``"utf-16"`` or ``"utf-32"`` when ``data`` starts with such a byte order mark (PowerShell 5.1's
    ``>`` writes UTF-16), else None. Their ASCII letters are not the bytes the bytes tests look for."""
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return None
    return next(encoding for bom, encoding in _WIDE_BOMS if data.startswith(bom))


def _is_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def worth_reading(data: bytes, matcher: Matcher, settings: Settings) -> bool:
    """The cheap bytes test: could this file hold an ID (or, with GL003 on, a Gemini free claim)?"""
    return may_hold(data, needles(matcher, settings))


def needles(matcher: Matcher, settings: Settings) -> Needles:
    """What :func:`may_hold` looks for under ``settings``: ID stems and (GL003 on) claim subjects."""
    # The heads that hold a '-' cost little in the pass that stops at each '-' (see _searches);
    # "gemini" alone would cost a pass (with GL003 on, its claims' pass finds it).
    heads = tuple(head for head in matcher.split_heads if b"-" in head)
    stems = matcher.stems + heads
    # The IDs that only another surface lists, which a file calling that surface reports too
    # (imagetext@001, text-bison): their stems that no stem above covers ("chat-bison", "imagetext@").
    for _, other in other_surface_matchers(settings):
        for stem in other.stems + tuple(head for head in other.split_heads if b"-" in head):
            if not any(have in stem for have in stems):
                stems += (_with_at(stem, other),)
    return _needles(stems, "GL003" in settings.enabled)


def _with_at(stem: bytes, matcher: Matcher) -> bytes:
    """``stem`` with the ``@`` that follows it in every ID of ``matcher`` that holds it, where it holds no
    ``-`` (``imagetext@`` of ``imagetext@001``, ``imagegeneration@``): the pass that stops at each ``@``
    (see :func:`_searches`) costs a third of one that stops at each ``i``. (It lets through no file whose
    ``@`` is spelled as an escape or follows a seam between two strings: a loss for these IDs only, which
    a run for their own surface reads with the stem alone.)"""
    if b"-" in stem:
        return stem
    word = stem.decode("utf-8")
    holding = [model_id for model_id in matcher.models if word in model_id]
    return stem + b"@" if holding and all(word + "@" in model_id for model_id in holding) else stem


@dataclass(frozen=True)
class Needles:
    """What the bytes test looks for: ID ``stems`` as written (IDs match only as written) and claim
    subject ``words`` (lower case) in any case."""

    stems: tuple[bytes, ...]
    words: tuple[bytes, ...] = ()


def may_hold(data: bytes, needles: Needles) -> bool:
    """Whether one of the stems, or one of the words in any case, is in ``data`` (or ``data`` is UTF-16/32).

    This runs on every byte of a tree, so it is a few fast passes (:func:`_searches`): the stems, then
    the words in a lower-cased copy (one pass to lower-case misses no mixed-case spelling).
    """
    cased, caseless = _searches(needles)
    if any(search(data) for search in cased):
        return True
    if caseless:
        low = data.lower()
        if any(search(low) for search in caseless):
            return True
    return wide_encoding(data) is not None


if TYPE_CHECKING:
    _Search = Callable[[bytes], Optional[re.Match[bytes]]]


@functools.lru_cache(maxsize=8)
def _searches(needles: Needles) -> tuple[tuple[_Search, ...], tuple[_Search, ...]]:
    """The passes of :func:`may_hold`: for the stems, for the words (lower-cased bytes).

    A pattern that starts with a literal skips to that byte in a tight loop, and one with a
    literal prefix runs faster than ``in`` (CPython's ``re`` against its substring search: ~25%
    over a tree's bytes); a rare first byte makes both quicker. So a word is a pattern of its own
    (``gemini``, ``banana``: rare first letters), and the stems that hold a ``-`` share one pass
    that stops at each ``-`` and looks around it (:func:`_dash_pattern`), where a pass per stem would
    start at letters as common as ``e`` and ``d``.
    """
    caseless = tuple(re.compile(re.escape(word)).search for word in needles.words)
    stems = [stem for stem in needles.stems if not any(word in stem.lower() for word in needles.words)]
    stems = [stem for stem in stems if not any(other != stem and other in stem for other in stems)]  # the fewest
    anchored = [stem for stem in stems if b"-" in stem]
    # Stems without a '-' that hold an '@' ("imagetext@", see needles) share a pass that stops at each
    # '@', as rare a byte in code; the others ("imagegeneration", "imagetext" of a Vertex AI run) share
    # one pattern, led by their common head where they have one ("image"): the cost of one stem's pass.
    at = [stem for stem in stems if b"-" not in stem and b"@" in stem]
    plain = sorted(stem for stem in stems if b"-" not in stem and b"@" not in stem)
    cased: list[_Search] = [re.compile(b"|".join(re.escape(stem) for stem in plain)).search] if plain else []
    if at:
        cased.insert(0, _from_first(b"@", re.compile(_dash_pattern(at, b"@"))))
    if anchored:
        cased.insert(0, re.compile(_dash_pattern(anchored)).search)
    return tuple(cased), caseless


#: How many of a file's ``@`` :func:`_from_first` tries one by one before one pass reads on from there.
_FIRST_TRIES = 16


def _from_first(byte: bytes, pattern: re.Pattern[bytes]) -> _Search:
    """A search for ``pattern`` (which starts at ``byte`` and only looks back from it) that finds each
    ``byte`` with ``bytes.find`` (memchr, ~10 times as fast as ``re``'s scan) and tries the pattern
    there, for the first :data:`_FIRST_TRIES` of them, then searches on from the next: most files hold
    no ``@`` at all (three in five of the standard library's ``.py`` files) or a few decorators', and a
    file full of them costs one pass, not a Python loop per ``@``. Over the standard library's sources
    the pass costs ~45% less than ``pattern.search`` (~28 ms against ~50 ms)."""
    match, search = pattern.match, pattern.search

    def found(data: bytes) -> Optional[re.Match[bytes]]:
        at = data.find(byte)
        for _ in range(_FIRST_TRIES):
            if at < 0:
                return None
            hit = match(data, at)  # its look-behinds see the bytes before ``at``
            if hit is not None:
                return hit
            at = data.find(byte, at + 1)
        return None if at < 0 else search(data, at)

    return found


def _dash_pattern(stems: list[bytes], sep: bytes = b"-") -> bytes:
    """One pattern for ``stems`` (each holding a ``-``) that starts at each ``-`` and looks around it (or
    at each ``sep``, a byte that is no regular expression's own, which each stem holds instead).

    At most ``-`` of code nothing follows, so what is tried there must fail at once: a stem that goes
    on after its first ``-`` reads on first and looks back only then (``research-(?<=deep-research-)``),
    and the stems that end at it (``embedding-``, ``imagen-``) are looked back for only behind one of
    their last letters (``(?<=[gn]-)(?:(?<=embedding-)|(?<=imagen-))``). The same speed for five
    stems as for two, where a look back first at every ``-`` cost ~25% more.
    """
    options, ending = [], []
    for stem in sorted(stems):
        before, _, after = stem.partition(sep)
        if not after:
            ending.append(before)
        else:
            options.append(re.escape(after) + (b"(?<=" + re.escape(stem) + b")" if before else b""))
    if ending:
        last = b"".join(sorted({re.escape(before[-1:]) for before in ending}))
        behind = b"|".join(b"(?<=" + re.escape(before + sep) + b")" for before in ending)
        options.append(b"(?<=[" + last + b"]" + sep + b")(?:" + behind + b")")
    return sep + b"(?:" + b"|".join(options) + b")"


def _needles(stems: tuple[bytes, ...], prose: bool) -> Needles:
    """The stems, and with ``prose`` the claim subjects; a stem that holds a subject ("gemini-") is
    left to the subject's pass (see :func:`_searches`)."""
    return Needles(stems, _PROSE_TRIGGERS if prose else ())


#: For the triage of YAML and TOML files: a backslash at a line's end, or a numbered escape (which
#: a string over lines may hold on any line): their readers tell what the strings load as.
_ESCAPE_OR_JOINED_LINE = re.compile(r"\\(?:[uUx]|[ \t]*\r?\n)")


def _worth_decoding(data: bytes, matcher: Matcher, settings: Settings) -> bool:
    """After the bytes test: an ID stem, or (GL003 on) the words a claim needs, in the bytes."""
    return matcher.may_contain(data) or _may_claim(data, settings)


def _may_claim(content: Union[str, bytes], settings: Settings) -> bool:
    if "GL003" not in settings.enabled:
        return False
    from gemini_lint.rules.gl003_hints import may_claim

    return may_claim(content)


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)


def read_file(path: str) -> bytes:
    """The bytes of a regular file (FIFOs and devices refused without blocking)."""
    fd = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file (FIFO, socket or device); skipped")
        # Ask for one byte more than the size: getting exactly the size means the end of the file,
        # without the usual second read (of nothing). A short read or a file that grew reads on.
        first = os.read(fd, info.st_size + 1)
        if len(first) == info.st_size:
            return first
        chunks = [first]
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def process_bytes(path: str, data: bytes, settings: Settings, mode: Mode) -> FileOutcome:
    """Lint (and in fix/diff mode, fix) one file's bytes. Writes the file in ``Mode.FIX``."""
    ready = _triage(path, data, settings)
    if isinstance(ready, FileOutcome):
        return ready
    return _lint(path, data, ready, settings, mode)


def first_pass(path: str, data: bytes, settings: Settings, mode: Mode) -> FileOutcome:
    """:func:`process_bytes`, except that a file needing the Python parser comes back pending.

    Workers on a large tree run this: most files need no parser, and the few that do are parsed
    afterwards by processes forked once libcst is loaded, instead of every worker importing it.
    """
    ready = _triage(path, data, settings)
    if isinstance(ready, FileOutcome):
        return ready
    if ready.needs_parser:
        return FileOutcome(path, pending=data)
    return _lint(path, data, ready, settings, mode)


@dataclass(frozen=True)
class _Ready:
    """A file that passed the cheap tests: its kind, its text, and whether libcst will parse it."""

    kind: Kind
    decoded: Decoded
    needs_parser: bool


def _triage(path: str, data: bytes, settings: Settings) -> Union[FileOutcome, _Ready]:
    """The cheap tests, cheapest first: the outcome of a file that cannot hold a finding, or its text.

    Most files that pass the bytes tests only name Gemini; without a whole-token ID (or, GL003 on,
    the words a claim needs) they are not parsed.
    """
    matcher = settings_matcher(settings)
    if not worth_reading(data, matcher, settings):
        return FileOutcome(path)
    kind = kind_of(path) or Kind.TEXT
    # A notebook's JSON may spell an ID with escapes or split it between two strings of a cell.
    notebook = kind is Kind.NOTEBOOK
    wide = wide_encoding(data) is not None  # its bytes hold no ASCII words: the tests are on its text
    # A data file's string may spell an ID with escapes ("gemini\u002d3.1-..."): read when it has any.
    escapable = kind in _ESCAPABLE_KINDS and b"\\" in data
    worth = notebook or wide or escapable or _worth_decoding(data, matcher, settings)
    # A Python file may hold an ID split between strings where the split cuts its stem: read for
    # that alone, it says nothing (no note on its encoding) unless one is there.
    split = not worth and kind is Kind.PYTHON and any(head in data for head in matcher.split_heads)
    # An ID that only another surface lists ("imagetext@001"), reported where the file calls that
    # surface: read for that alone, it says nothing either unless one is there.
    others = other_surface_matchers(settings)
    other = not (worth or split) and any(
        o.may_contain(data) or (kind is Kind.PYTHON and any(head in data for head in o.split_heads)) for _, o in others
    )
    if not (worth or split or other) or ((split or other) and _is_binary(data)):
        return FileOutcome(path)
    if _is_binary(data) and not (notebook or wide):
        return FileOutcome(path, notes=("binary file (NUL bytes); skipped",))
    decoded = decode(data, kind)
    has_ids = holds_ids(decoded.text, kind, matcher, escapable)
    if not has_ids and others:
        has_ids = bool(other_surface_ids(decoded.text, kind, others, escapable))
    if not (has_ids or _may_claim(decoded.text, settings)):
        return FileOutcome(path, notes=tuple(decoded.notes) if worth else ())
    needs_parser = has_ids and kind in _PARSED_KINDS and len(data) <= MAX_PARSE_BYTES
    return _Ready(kind, decoded, needs_parser)


def holds_ids(text: str, kind: Kind, matcher: Matcher, escapable: bool) -> bool:
    """Whether ``text`` (of ``kind``) may hold an ID of ``matcher`` that its reader finds: as written,
    or in the forms each reader reads (``escapable``: a data file's string may spell it with escapes)."""
    # A bare key of a dotted TOML key ([a.<ID>.b]): the reader splits keys at their dots.
    has_ids = matcher.search(text) or (kind is Kind.TOML and matcher.search(text.replace(".", " ")))
    if not has_ids and kind in _UNDERSCORE_PROSE and "_" in text:
        # Markdown emphasis (_<ID>_) and rst targets (.. _<ID>:): the reader looks past the underscores.
        has_ids = matcher.search(text.replace("_", " "))
    if not has_ids and kind in _UNDERSCORE_PROSE and "shields.io/badge/" in text:
        from gemini_lint.sources.markdown import badge_mentions

        has_ids = bool(badge_mentions(text, matcher))  # badge/model-gemini--2.0--flash-blue
    if escapable and not has_ids:
        from gemini_lint.sources.config_files import escaped_mentions

        has_ids = bool(escaped_mentions(text, matcher)) or (
            # YAML and TOML strings joined over lines by a backslash: their readers tell what loads
            kind in (Kind.YAML, Kind.TOML) and bool(_ESCAPE_OR_JOINED_LINE.search(text))
        )
    if kind is Kind.NOTEBOOK and not has_ids:
        from gemini_lint.sources.notebook import cells_hold_ids

        has_ids = cells_hold_ids(text, matcher)
    elif kind is Kind.PYTHON and not has_ids:
        has_ids = may_be_split(text, matcher) or any(matcher.escaped(text)) or may_be_joined_over_lines(text, matcher)
    return bool(has_ids)


def other_surface_ids(
    text: str, kind: Kind, others: Sequence[tuple[str, Matcher]], escapable: Optional[bool] = None
) -> list[tuple[str, Matcher]]:
    """Of ``others`` (:func:`~gemini_lint.matching.other_surface_matchers`), the surfaces that ``text``
    plainly calls (:func:`~gemini_lint.sources.surfaces.surfaces_named`) and whose own IDs it may hold
    (:func:`holds_ids`; ``escapable`` as there, by default when ``text`` holds a backslash)."""
    if not others:
        return []
    from gemini_lint.sources.surfaces import surfaces_named

    called = surfaces_named(text)
    if not called:
        return []
    if escapable is None:
        escapable = kind in _ESCAPABLE_KINDS and "\\" in text
    return [(surface, o) for surface, o in others if surface in called and holds_ids(text, kind, o, escapable)]


#: Data kinds whose double-quoted strings take escapes (``\u002d``) that load as the characters of an ID.
_ESCAPABLE_KINDS = frozenset((Kind.JSON, Kind.YAML, Kind.TOML))
#: Prose kinds whose underscores are markup, not part of a name (emphasis, rst targets).
_UNDERSCORE_PROSE = frozenset((Kind.MARKDOWN, Kind.RST, Kind.TEXT))
#: The kinds whose IDs libcst parses (a notebook's code cells are Python).
_PARSED_KINDS = frozenset((Kind.PYTHON, Kind.NOTEBOOK))


def load_parser() -> None:
    """Import libcst and the Python reader in this process (workers forked afterwards share them)."""
    from gemini_lint.sources.python import load

    load()


def _lint(path: str, data: bytes, ready: _Ready, settings: Settings, mode: Mode) -> FileOutcome:
    from gemini_lint.linter import LintResult, applicable, fix_source, lint_source

    kind, decoded, matcher = ready.kind, ready.decoded, settings_matcher(settings)
    notes = list(decoded.notes)
    reader = None
    if len(data) > MAX_PARSE_BYTES:
        reader = _too_large_prose if kind in _PROSE_KINDS else _too_large
        notes.append(f"larger than {MAX_PARSE_BYTES // (1024 * 1024)} MB; IDs reported from the text, nothing written")
    beside = recordings_beside(path, decoded.text) if kind is Kind.PYTHON else ""
    result = lint_source(decoded.text, path, settings, kind=kind, matcher=matcher, reader=reader, recordings=beside)
    notes.extend(result.notes)
    if not (decoded.exact and result.writable):
        # Nothing may be written: say so by offering no fix, whatever the readers found.
        result = LintResult(_without_fixes(result.diagnostics), result.notes, False)
    elif kind in _LOADED_KINDS:
        # A data file's fix must load with the same entries: tried now, in every mode, so that a check
        # never counts a fix that --fix would refuse (a key a YAML merge key brings in, say).
        diagnostics, problem = _sound_fixes(kind, decoded.text, result.diagnostics, path, settings, matcher)
        if problem is not None:
            notes.append(problem)
            result = LintResult(tuple(diagnostics), result.notes, result.writable)
    to_fix = applicable(result.diagnostics, unsafe_fixes=settings.unsafe_fixes) if mode is not Mode.CHECK else []
    if not to_fix:
        return FileOutcome(path, result.diagnostics, notes=tuple(notes))
    new_text = fix_source(decoded.text, to_fix)
    after = lint_source(new_text, path, settings, kind=kind, matcher=matcher, recordings=beside)
    if kind in _LOADED_KINDS and after.writable:  # what remains is offered as a check would offer it
        remaining, _ = _sound_fixes(kind, new_text, after.diagnostics, path, settings, matcher)
        after = LintResult(tuple(remaining), after.notes, after.writable)
    problem = _verify(kind, decoded.text, new_text, after.writable)
    if problem is not None:
        notes.append(f"fix not applied: {problem}")
        return FileOutcome(path, result.diagnostics, notes=tuple(notes), failed=True)
    new_bytes = new_text.encode(decoded.encoding)
    if mode is Mode.DIFF:
        bom = "\ufeff" if decoded.encoding == "utf-8-sig" else ""  # in the patch too, or line 1 will not apply
        diff = unified_diff(path, bom + decoded.text, bom + new_text)
        encoding = "" if decoded.encoding in ("utf-8", "utf-8-sig") else decoded.encoding
        return FileOutcome(
            path, after.diagnostics, len(to_fix), tuple(notes), diff=diff, new_bytes=new_bytes, diff_encoding=encoding
        )
    from gemini_lint.fixer import WriteError, write_atomic

    try:
        write_atomic(path, new_bytes, expected=data)
    except WriteError as exc:
        notes.append(str(exc))
        return FileOutcome(path, result.diagnostics, notes=tuple(notes), failed=True)
    return FileOutcome(path, after.diagnostics, len(to_fix), tuple(notes))


def recordings_beside(path: str, text: str) -> str:
    """The recorded HTTP exchanges that the Python test module ``path`` (holding ``text``) may replay,
    as the module shows them, or "": a ``cassettes`` folder beside it holding a folder or files named
    for the module (pytest-recording's ``cassettes/<module>/``) or files named for one of its test
    functions (``cassettes/test_x.yaml``, ``test_x[param].yaml``, ``Class.test_x.yaml``: one library
    for all modules, set in conftest.py). The module need not say that it replays them: magentic's
    conftest.py marks every Gemini test ``vcr`` by a marker of its own, and a safe fix renamed the
    model of tests whose recorded request bodies (matched on the model) kept the old name (a run over
    real packages)."""
    folder, name = os.path.split(path)
    stem = name[:-3] if name.endswith(".py") else ""
    library = os.path.join(folder, "cassettes")
    if not stem or not os.path.isdir(library):
        return ""
    try:
        if os.path.isdir(os.path.join(library, stem)):
            return f"cassettes/{stem}/"
        entries = os.listdir(library)
    except OSError:
        return ""
    tests = {stem, *_TEST_FUNCTION.findall(text)}
    for entry in sorted(entries):
        for test in tests:
            at = entry.find(test)
            if (at == 0 or (at > 0 and entry[at - 1] == ".")) and entry[at + len(test):at + len(test) + 1] in (".", "["):
                return f"cassettes/{entry}"
    return ""


#: A test function's name where it is defined.
_TEST_FUNCTION = re.compile(r"(?m)^[ \t]*(?:async[ \t]+)?def[ \t]+(test\w*)")


#: Safe fixes of a data file tried an ID at a time when they are not sound alone (each ID costs a load).
_DEMOTE_ONE_BY_ONE = 64
#: Data kinds whose fixed text is loaded and compared with the original before anything is written.
_LOADED_KINDS = frozenset((Kind.JSON, Kind.TOML, Kind.YAML, Kind.NOTEBOOK))


def _sound_fixes(
    kind: Kind, text: str, diagnostics: Sequence[Diagnostic], path: str, settings: Settings, matcher: Matcher
) -> tuple[Sequence[Diagnostic], Optional[str]]:
    """``diagnostics`` with only fixes that load with the same entries, and a note on what was
    dropped (or made to wait for ``--unsafe-fixes``)."""
    from gemini_lint.linter import applicable, fix_source, lint_source

    everything = applicable(diagnostics, unsafe_fixes=True)
    if not everything:
        return diagnostics, None

    def problem_of(chosen: Sequence[Diagnostic]) -> Optional[str]:
        new = fix_source(text, chosen)
        return _verify(kind, text, new, lint_source(new, path, settings, kind=kind, matcher=matcher).writable)

    # Both sets a run may apply are tried: the safe fixes alone (--fix) and every fix (--unsafe-fixes).
    problem = problem_of(everything)
    safe = applicable(diagnostics, unsafe_fixes=False)
    partial = safe and len(safe) < len(everything)
    safe_problem = problem_of(safe) if partial else None
    if problem is None and safe_problem is None:
        return diagnostics, None
    if problem is None:
        # Sound only all together (renaming one of two duplicate keys parts them): the safe fixes
        # that --fix alone could not make wait for --unsafe-fixes too, so that --fix never counts on
        # a fix it would refuse. Which ones: each safe fix in turn is kept when it loads the same
        # with those kept before it (one load each; past _DEMOTE_ONE_BY_ONE, all of them wait).
        from gemini_lint.diagnostic import Applicability

        # The safe fixes of one ID go together (two duplicate keys renamed alike load the same).
        groups: dict[str, list[Diagnostic]] = {}
        for diagnostic in safe:
            assert diagnostic.fix is not None
            edit = diagnostic.fix.edits[0]
            groups.setdefault(text[edit.start : edit.end], []).append(diagnostic)
        kept: list[Diagnostic] = []
        if len(groups) <= _DEMOTE_ONE_BY_ONE:
            for group in groups.values():
                if problem_of([*kept, *group]) is None:
                    kept.extend(group)
                    continue
                for diagnostic in group if len(group) > 1 else ():  # then each on its own
                    if problem_of([*kept, diagnostic]) is None:
                        kept.append(diagnostic)
        chosen = {id(d) for d in safe} - {id(d) for d in kept}
        why = f"fixed alone, {safe_problem}; fix needs --unsafe-fixes"
        return tuple(
            replace(d, message=f"{d.message} ({why})", fix=replace(d.fix, applicability=Applicability.UNSAFE))
            if id(d) in chosen and d.fix
            else d
            for d in diagnostics
        ), f"{len(chosen)} safe {'fix needs' if len(chosen) == 1 else 'fixes need'} --unsafe-fixes here, with the others: alone, {safe_problem}"
    if partial and safe_problem is None:
        unsafe = {id(d) for d in everything} - {id(d) for d in safe}
        return tuple(replace(d, fix=None) if id(d) in unsafe else d for d in diagnostics), f"fix not offered: {problem}"
    return _without_fixes(diagnostics), f"fix not offered: {problem}"


def unified_diff(path: str, old: str, new: str) -> str:
    """A patch that ``git apply`` and ``patch`` take: lines end at ``\\n`` only (a form feed or a
    lone ``\\r`` is inside a line, as for them), and a last line without one is marked."""
    import difflib

    from gemini_lint.reporters.text import diff_name

    def lines(text: str) -> list[str]:
        parts = [line + "\n" for line in text.split("\n")]
        parts[-1] = parts[-1][:-1]
        return parts if parts[-1] else parts[:-1]

    before, after = lines(old), lines(new)
    if len(before) == len(after):  # a fix changes IDs within lines: line i is line i
        diff = _aligned_diff(before, after, diff_name(path))
    else:  # pragma: no cover - no fix adds or removes a line break
        diff = difflib.unified_diff(before, after, fromfile=diff_name(path), tofile=diff_name(path))
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in diff)


def _aligned_diff(before: list[str], after: list[str], name: str, context: int = 3) -> Iterator[str]:
    """``difflib.unified_diff`` of two texts of as many lines, line i against line i. difflib's own
    matching would find the same hunks the long way (a file of 3,000 alike lines, each with an ID,
    took seconds in ``SequenceMatcher``); this gives its grouping and format."""
    runs: list[tuple[bool, int, int]] = []  # (changed, first line, end): alternating runs
    at = 0
    while at < len(before):
        changed = before[at] != after[at]
        end = at + 1
        while end < len(before) and (before[end] != after[end]) is changed:
            end += 1
        runs.append((changed, at, end))
        at = end
    if not any(changed for changed, _, _ in runs):
        return
    yield f"--- {name}\n"
    yield f"+++ {name}\n"
    # difflib's grouping: unchanged runs trimmed to ``context`` lines at both ends of the file, and a
    # hunk ends where more than twice ``context`` unchanged lines come between two changes.
    if not runs[0][0]:
        runs[0] = (False, max(runs[0][1], runs[0][2] - context), runs[0][2])
    if not runs[-1][0]:
        runs[-1] = (False, runs[-1][1], min(runs[-1][2], runs[-1][1] + context))
    hunks: list[list[tuple[bool, int, int]]] = [[]]
    for changed, low, high in runs:
        if not changed and high - low > 2 * context:
            hunks[-1].append((False, low, low + context))
            hunks.append([])
            low = high - context
        hunks[-1].append((changed, low, high))
    for hunk in hunks:
        if len(hunk) == 1 and not hunk[0][0]:
            continue
        first, last = hunk[0][1], hunk[-1][2]
        span = f"{first + 1}" if last - first == 1 else f"{first + (1 if last > first else 0)},{last - first}"
        yield f"@@ -{span} +{span} @@\n"
        for changed, low, high in hunk:
            if changed:
                yield from ("-" + line for line in before[low:high])
                yield from ("+" + line for line in after[low:high])
            else:
                yield from (" " + line for line in before[low:high])


def _too_large(text: str, matcher: Matcher, prose: bool = False) -> Scan:
    """A file too large to parse (a minified bundle, a data dump): IDs from the text, no fixes; in
    prose kinds (Markdown, rst, text) they are prose mentions (GL002), as most of such a file is."""
    from gemini_lint.sources.base import Context, LineIndex, Scan, plain_mentions

    index = LineIndex(text)
    context = Context.PROSE if prose else Context.VALUE
    mentions = plain_mentions(matcher, text, index, context, fixable=False, reason="file too large to analyse")
    return Scan(mentions=mentions, writable=False)


def _too_large_prose(text: str, matcher: Matcher) -> Scan:
    return _too_large(text, matcher, prose=True)


#: Kinds that are mostly prose: an ID in one too large to read is a GL002 mention.
_PROSE_KINDS = frozenset((Kind.MARKDOWN, Kind.RST, Kind.TEXT))


def _without_fixes(diagnostics: Sequence[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(replace(d, fix=None) if d.fix is not None else d for d in diagnostics)


def _verify(kind: Kind, old: str, new: str, parsed: bool) -> Optional[str]:
    """Why the fixed text must not be written, or None when it is sound."""
    if not parsed:
        return "the fixed text does not parse"
    if kind in (Kind.JSON, Kind.TOML, Kind.YAML, Kind.NOTEBOOK):
        from gemini_lint.sources.config_files import same_entries

        reason: Optional[str] = same_entries(kind, old, new)
        return reason
    if kind is Kind.PYTHON and _compiles(old) and not _compiles(new):
        # libcst parses what the compiler refuses, such as a duplicate key in a ``case {...}`` pattern.
        return "the fixed text does not compile"
    return None


def _compiles(text: str) -> bool:
    """Whether this Python compiles ``text`` (a file for a newer Python does not: then it proves nothing)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences and the like
        try:
            compile(text, "<fixed>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return True


def run(
    paths: Sequence[str], settings: Settings, mode: Mode, jobs: int = 1, parser: Optional[ParserProcess] = None
) -> list[FileOutcome]:
    """Outcomes for ``paths``, in the order given, whatever the number of workers.

    Every file is read once. On a large tree (``jobs`` > 1 and at least :data:`PARALLEL_READ_FILES`
    files) the workers read too, since reading and the bytes test are most of the work there;
    otherwise the files are read here and only those whose bytes may hold an ID go to the workers,
    when there is enough parsing to pay for starting them. On a large tree, a ``parser`` process
    (forked before the walk to import libcst meanwhile: :mod:`gemini_lint.parser_process`) gets
    the files that need parsing; on a small one it is closed unused.
    """
    if jobs > 1 and len(paths) >= PARALLEL_READ_FILES:
        from gemini_lint.parallel import run_parallel

        # The workers finish every file but those that need libcst, which come back with their
        # bytes (the parser is loaded here meanwhile, unless a parser process has it) and go to
        # workers forked with it loaded.
        first = run_parallel([(path, None) for path in paths], settings, mode, jobs, defer=True, preload=parser is None)
        pending = [(o.path, o.pending) for o in first if o.pending is not None]
        if not pending:
            return first
        done = _run_candidates(pending, settings, mode, jobs, parser)
        return [done.get(o.path, o) for o in first]
    if parser is not None:
        # A walk this short hid little of its import: this process is as quick, and pays no fork.
        parser.close()
    look_for = needles(settings_matcher(settings), settings)
    outcomes: dict[str, FileOutcome] = {}
    candidates: list[tuple[str, bytes]] = []
    for path in paths:
        read = read_candidate(path, look_for)
        if isinstance(read, bytes):
            candidates.append((path, read))
        else:
            outcomes[path] = read or FileOutcome(path)
    outcomes.update(_run_candidates(candidates, settings, mode, jobs))
    return [outcomes[path] for path in paths]


def _run_candidates(
    candidates: Sequence[tuple[str, bytes]],
    settings: Settings,
    mode: Mode,
    jobs: int,
    parser: Optional[ParserProcess] = None,
    stop: Optional[Stop] = None,
) -> dict[str, FileOutcome]:
    """The outcomes of files already read: in the ``parser`` process if there is one, on workers
    when there is enough to parse, else here. Once ``stop`` is set (a run being interrupted), the
    files not begun are skipped."""
    if parser is not None:
        done = parser.run(candidates, mode, jobs)
        if done is not None:
            return done
    if jobs > 1 and pays_to_parallelise(candidates):
        from gemini_lint.parallel import run_parallel

        # Largest first, so that the longest parse starts early instead of finishing last.
        ordered = sorted(candidates, key=lambda item: -len(item[1]))
        return {o.path: o for o in run_parallel(ordered, settings, mode, jobs, stop=stop)}
    outcomes = {}
    for path, data in candidates:
        if stop is not None and stop.is_set():
            break
        outcomes[path] = guarded(path, data, settings, mode)
    return outcomes


#: From this many files on, the workers read the files themselves.
PARALLEL_READ_FILES = 256
#: Below this much candidate source, starting workers costs more than it saves.
PARALLEL_MIN_BYTES = 256 * 1024
PARALLEL_MIN_FILES = 8


def pays_to_parallelise(candidates: Sequence[tuple[str, bytes]]) -> bool:
    """Enough files need parsing to pay for starting worker processes."""
    return len(candidates) >= PARALLEL_MIN_FILES and sum(len(d) for _, d in candidates) >= PARALLEL_MIN_BYTES


def read_candidate(path: str, needles: Needles) -> Union[bytes, FileOutcome, None]:
    """A file's bytes when they may hold ``needles`` (:func:`may_hold`), None when they cannot, and
    its outcome when it cannot be read. A clean file costs its read and the bytes test, no outcome."""
    try:
        data = read_file(path)
    except OSError as exc:
        return FileOutcome(path, notes=(f"cannot read: {exc.strerror or exc}",), failed=True)
    return data if may_hold(data, needles) else None


def guarded(path: str, data: bytes, settings: Settings, mode: Mode, defer: bool = False) -> FileOutcome:
    """:func:`process_bytes` (:func:`first_pass` if ``defer``), every failure a note about this one file.

    The cyclic garbage collector waits until the file is done: a syntax tree is up to ~100,000
    objects without a cycle, freed by reference counting when the file is done, and collections
    during its life only walk it to find nothing (~4% of the time of a file that is parsed).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return first_pass(path, data, settings, mode) if defer else process_bytes(path, data, settings, mode)
    except RecursionError:
        return FileOutcome(path, notes=("too deeply nested to analyse; skipped, nothing written",))
    except Exception as exc:  # a bug must cost one file, not the run  # pragma: no cover
        return FileOutcome(path, notes=(f"internal error ({type(exc).__name__}: {exc}); skipped",), failed=True)
    finally:
        if was_enabled:
            gc.enable()
