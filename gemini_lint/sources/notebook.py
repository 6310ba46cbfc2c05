"""Jupyter notebooks (nbformat 4): each cell read by its own kind, fixes edited into the raw JSON text.

Code cells are Python (:func:`~gemini_lint.sources.python.scan_python`, IPython magics blanked),
markdown cells are Markdown (the Markdown reader), raw cells are prose. Outputs, attachments and
metadata are neither reported nor changed: they are what a run produced, not what the author wrote.

A fix must leave the notebook exactly as Jupyter (or any other tool) wrote it: same indent, key order,
escaping and final newline, so that the diff shows only the ID. So nothing is re-serialized:

1. ``json.loads`` validates the text and gives each cell's type and source (the reference);
2. a small scanner walks the raw text down to each cell's ``"source"`` value (a JSON string or a list
   of them), using the C string scanner and ``raw_decode`` to step over everything else, and records
   the raw span of every source string;
3. each such string is decoded with a map from decoded characters back to raw offsets, the pieces are
   joined into the cell source, and the result must equal what ``json.loads`` read, cell for cell;
4. each mention found in a cell is mapped back to raw offsets. It keeps its fix only when the raw
   text there is the ID itself, verbatim (no JSON escape inside) and inside one JSON string.

Whenever the two readings disagree the IDs are still reported, without a fix: a wrong edit is worse
than a missed one. Text that is not valid JSON, or not an nbformat 4 notebook, is scanned as plain
text: IDs reported with file positions, nothing written.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

from gemini_lint.matching import Matcher, may_be_joined_over_lines
from gemini_lint.sources.base import (
    Context,
    LineIndex,
    Mention,
    ProseBlock,
    Scan,
    collect_noqa,
    continued_in_code,
    plain_mentions,
)

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
#: The (C) JSON string scanner: ``scanstring(text, offset after the opening quote) -> (value, end)``.
scanstring: Callable[[str, int], tuple[str, int]] = getattr(json.decoder, "scanstring")
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

REASON_ESCAPED = "the ID is written with JSON escapes in the notebook"
REASON_SPLIT = "the ID spans two strings of the cell's source list"
REASON_UNMAPPED = "gemini-lint could not map this cell to the notebook's JSON text"
REASON_TEXT = "the notebook could not be read as nbformat 4 JSON"


class _Shape(Exception):
    """The raw text does not have the layout the scanner expects (json.loads stays the reference)."""


# --------------------------------------------------------------------------------------------
# JSON strings with a decoded -> raw offset map


@dataclass(frozen=True)
class _Piece:
    """One JSON string of a cell's source: where its decoded text sits in the cell and in the raw text.

    ``raw_start``/``raw_end`` bound the string's content (quotes excluded). ``segments`` is None when
    the content has no escape (decoded offset ``d`` is raw offset ``raw_start + d - dec_start``);
    otherwise it lists ``(decoded start, raw start, verbatim)`` per run: a verbatim run maps linearly,
    an escape (``\\n``, ``\\u00e9``, a surrogate pair) is one decoded character.
    """

    dec_start: int
    dec_end: int
    raw_start: int
    raw_end: int
    seg_dec: Optional[tuple[int, ...]] = None
    seg_raw: tuple[int, ...] = ()
    seg_verbatim: tuple[bool, ...] = ()

    def raw_offset(self, offset: int) -> int:
        """The raw offset of decoded offset ``offset`` (``dec_start <= offset <= dec_end``)."""
        if offset >= self.dec_end:
            return self.raw_end
        if self.seg_dec is None:
            return self.raw_start + offset - self.dec_start
        at = bisect.bisect_right(self.seg_dec, offset) - 1
        start = self.seg_raw[at]
        if self.seg_verbatim[at]:
            return start + offset - self.seg_dec[at]
        return start  # an escape decodes to exactly one character, so offset == seg_dec[at]


def _hex4(text: str, at: int) -> int:
    digits = text[at : at + 4]
    if len(digits) != 4 or not all(c in "0123456789abcdefABCDEF" for c in digits):
        raise _Shape(f"bad \\u escape at offset {at}")
    return int(digits, 16)


def _decode_piece(text: str, start: int, end: int, dec_start: int) -> tuple[str, _Piece]:
    """Decode the JSON string content ``text[start:end]`` (quotes excluded) with its offset map."""
    if "\\" not in text[start:end]:
        value = text[start:end]
        return value, _Piece(dec_start, dec_start + len(value), start, end)
    out: list[str] = []
    seg_dec: list[int] = []
    seg_raw: list[int] = []
    seg_verbatim: list[bool] = []
    decoded = dec_start
    pos = start
    while pos < end:
        slash = text.find("\\", pos, end)
        stop = end if slash == -1 else slash
        if stop > pos:
            seg_dec.append(decoded)
            seg_raw.append(pos)
            seg_verbatim.append(True)
            out.append(text[pos:stop])
            decoded += stop - pos
        if slash == -1:
            break
        kind = text[slash + 1 : slash + 2]
        if kind == "u":
            code = _hex4(text, slash + 2)
            after = slash + 6
            # As json.decoder does: a high surrogate followed by an escaped low one is one character.
            if 0xD800 <= code <= 0xDBFF and text.startswith("\\u", after) and after + 6 <= end:
                low = _hex4(text, after + 2)
                if 0xDC00 <= low <= 0xDFFF:
                    code = 0x10000 + (((code - 0xD800) << 10) | (low - 0xDC00))
                    after += 6
            char = chr(code)
        elif kind in _SIMPLE_ESCAPES:
            char = _SIMPLE_ESCAPES[kind]
            after = slash + 2
        else:
            raise _Shape(f"bad escape at offset {slash}")
        if after > end:
            raise _Shape(f"escape runs past the string at offset {slash}")
        seg_dec.append(decoded)
        seg_raw.append(slash)
        seg_verbatim.append(False)
        out.append(char)
        decoded += 1
        pos = after
    value = "".join(out)
    piece = _Piece(dec_start, decoded, start, end, tuple(seg_dec), tuple(seg_raw), tuple(seg_verbatim))
    return value, piece


# --------------------------------------------------------------------------------------------
# The raw scanner: down to each cell's "source", stepping over everything else at C speed


def _ws(text: str, at: int) -> int:
    found = _WS.match(text, at)
    assert found is not None  # the pattern matches the empty string
    return found.end()


def _string_end(text: str, at: int) -> int:
    """The offset after the JSON string token starting at ``text[at] == '"'``."""
    if text[at : at + 1] != '"':
        raise _Shape(f"expected a string at offset {at}")
    _, end = scanstring(text, at + 1)
    return int(end)


def _skip_value(text: str, at: int) -> int:
    _, end = _DECODER.raw_decode(text, at)
    return int(end)


def _walk(
    text: str, at: int, open_char: str, close_char: str, on_item: Callable[[str, int, int], int]
) -> int:
    """Walk the object or array at ``text[at]``; ``on_item(key, index, value offset)`` returns the value's end."""
    if text[at : at + 1] != open_char:
        raise _Shape(f"expected {open_char!r} at offset {at}")
    at = _ws(text, at + 1)
    if text[at : at + 1] == close_char:
        return at + 1
    index = 0
    while True:
        key = ""
        if open_char == "{":
            if text[at : at + 1] != '"':
                raise _Shape(f"expected a key at offset {at}")
            key, key_end = scanstring(text, at + 1)
            at = _ws(text, key_end)
            if text[at : at + 1] != ":":
                raise _Shape(f"expected ':' at offset {at}")
            at = _ws(text, at + 1)
        at = _ws(text, on_item(key, index, at))
        index += 1
        following = text[at : at + 1]
        if following == ",":
            at = _ws(text, at + 1)
        elif following == close_char:
            return at + 1
        else:
            raise _Shape(f"expected ',' or {close_char!r} at offset {at}")


@dataclass
class _RawCell:
    """What the raw scanner found for one cell: its source pieces (None: no usable source)."""

    pieces: Optional[list[_Piece]] = None
    source: str = ""


def _source_pieces(text: str, at: int, cell: _RawCell) -> int:
    """Record the source value at ``at`` (a string or a list of strings) in ``cell``; return its end."""
    pieces: list[_Piece] = []
    values: list[str] = []
    decoded = 0

    def add(start: int) -> int:
        nonlocal decoded
        end = _string_end(text, start)
        value, piece = _decode_piece(text, start + 1, end - 1, decoded)
        decoded = piece.dec_end
        pieces.append(piece)
        values.append(value)
        return end

    odd = False

    def element(_key: str, _index: int, start: int) -> int:
        nonlocal odd
        if text[start : start + 1] != '"':
            odd = True
            return _skip_value(text, start)
        return add(start)

    if text[at : at + 1] == '"':
        end = add(at)
    elif text[at : at + 1] == "[":
        end = _walk(text, at, "[", "]", element)
    else:  # not a notebook source (json.loads will say so too): no pieces
        odd = True
        end = _skip_value(text, at)
    cell.pieces, cell.source = (None, "") if odd else (pieces, "".join(values))
    return end


def _raw_cells(text: str) -> list[_RawCell]:
    """Each cell's source pieces, from the raw text (last key wins, as in ``json.loads``)."""
    cells: list[_RawCell] = []

    def cell_member(raw_cell: _RawCell) -> Callable[[str, int, int], int]:
        def member(key: str, _index: int, at: int) -> int:
            if key == "source":
                return _source_pieces(text, at, raw_cell)
            return _skip_value(text, at)

        return member

    def cell_item(_key: str, _index: int, at: int) -> int:
        raw_cell = _RawCell()
        cells.append(raw_cell)
        if text[at : at + 1] != "{":
            return _skip_value(text, at)
        return _walk(text, at, "{", "}", cell_member(raw_cell))

    def top_member(key: str, _index: int, at: int) -> int:
        if key == "cells" and text[at : at + 1] == "[":
            del cells[:]
            return _walk(text, at, "[", "]", cell_item)
        return _skip_value(text, at)

    end = _walk(text, _ws(text, 0), "{", "}", top_member)
    if _ws(text, end) != len(text):
        raise _Shape("text after the notebook object")
    return cells


# --------------------------------------------------------------------------------------------
# The reader


def scan_notebook(text: str, matcher: Matcher) -> Scan:
    """Read an ``.ipynb`` file's raw JSON text; mentions carry raw offsets and cell-relative positions."""
    try:
        return _scan(text, matcher)
    except RecursionError:
        return _text_scan(text, matcher, "too deeply nested to read as a notebook")
    except Exception as exc:  # never raise: one odd notebook must not cost the run  # pragma: no cover
        return _text_scan(text, matcher, f"internal error reading the notebook ({type(exc).__name__}: {exc})")


def _text_scan(text: str, matcher: Matcher, why: str) -> Scan:
    """The fallback: every ID in the raw text, file positions, no fix, nothing written."""
    index = LineIndex(text)
    scan = Scan(writable=False)
    scan.notes.append(f"{why}; IDs reported from the text, nothing written")
    scan.mentions = plain_mentions(matcher, text, index, Context.VALUE, fixable=False, reason=REASON_TEXT)
    return scan


def _source_text(source: Any) -> Optional[str]:
    """A cell's source as ``json.loads`` read it, joined; None when it is neither a string nor a list of them."""
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    return None


def cells_hold_ids(text: str, matcher: Matcher) -> bool:
    """Whether the cells, as ``json.loads`` reads them, hold an ID: for the engine's pre-check, when
    the text as written does not (an ID with JSON escapes, or split between two source strings)."""
    try:
        cells = json.loads(text).get("cells", [])
        sources = (_source_text(cell.get("source", "")) for cell in cells if isinstance(cell, dict))
        joined = "\n".join(source for source in sources if source is not None)
        # A code cell's string split over lines by a backslash holds the ID its value reads.
        return matcher.search(joined) or may_be_joined_over_lines(joined, matcher)
    except (ValueError, AttributeError, TypeError, RecursionError):  # not a notebook: the reader says so
        return False


def _language(data: dict[str, Any]) -> str:
    """The notebook's kernel language as its metadata spells it ("python" when it does not say)."""
    metadata = data.get("metadata")
    if not isinstance(metadata, dict):
        return "python"
    for holder, key in (("kernelspec", "language"), ("language_info", "name")):
        section = metadata.get(holder)
        if isinstance(section, dict) and isinstance(section.get(key), str) and section[key].strip():
            return str(section[key]).strip()
    return "python"


def _scan(text: str, matcher: Matcher) -> Scan:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return _text_scan(text, matcher, f"not valid JSON (line {exc.lineno}): {exc.msg}")
    if not isinstance(data, dict):
        return _text_scan(text, matcher, "not a Jupyter notebook (the JSON is not an object)")
    cells = data.get("cells")
    if not isinstance(cells, list):
        if "worksheets" in data:
            return _text_scan(text, matcher, "an nbformat 3 notebook (worksheets), which gemini-lint does not parse")
        return _text_scan(text, matcher, "not a Jupyter notebook (no 'cells' list)")
    scan = Scan()
    raw: Optional[list[_RawCell]]
    try:
        raw = _raw_cells(text)
    except (_Shape, ValueError, IndexError):
        raw = None
    if raw is not None and len(raw) != len(cells):
        raw = None
    if raw is None:
        scan.notes.append("could not map the cells to the notebook's JSON text; IDs reported without fixes")
        scan.writable = False
    language = _language(data)
    python = language.lower().startswith(("python", "ipython"))
    file_index: Optional[LineIndex] = None
    for number, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            scan.notes.append(f"cell {number} is not a JSON object; skipped")
            continue
        source = _source_text(cell.get("source", ""))
        if source is None:
            scan.notes.append(f"cell {number}: 'source' is neither a string nor a list of strings; skipped")
            continue
        if not source:
            continue
        pieces = None
        if raw is not None and raw[number - 1].pieces is not None and raw[number - 1].source == source:
            pieces = raw[number - 1].pieces
        if pieces is not None and file_index is None:
            file_index = LineIndex(text)
        _add_cell(scan, _cell_scan(cell.get("cell_type"), source, matcher, number, python, language),
                  number, text, pieces, file_index or LineIndex(""))
    return scan


def _cell_scan(cell_type: Any, source: str, matcher: Matcher, number: int, python: bool, language: str) -> Scan:
    """The scan of one cell's decoded source; offsets index ``source``, positions carry ``cell``."""
    if cell_type == "code":
        if python:
            from gemini_lint.sources.python import scan_python

            return scan_python(source, matcher, cell=number, notebook=True)
        index = LineIndex(source)
        scan = Scan(noqa=collect_noqa(source, index, number))
        for mention in plain_mentions(matcher, source, index, Context.VALUE, cell=number):
            # What goes on after the ID (a file or host name, '@001', '-lite') stops even the unsafe fix.
            kept = continued_in_code(source, mention.start, mention.end)
            if kept:
                mention = dataclasses.replace(mention, fixable=False, reason=kept)
            else:
                mention = dataclasses.replace(mention, unsafe=True, reason=f"the notebook's language is {language}, not Python")
            scan.mentions.append(mention)
        return scan
    if cell_type == "markdown":
        from gemini_lint.sources.markdown import scan_markdown_cell

        return _in_cell(scan_markdown_cell(source, matcher), number)
    # raw cells (and unknown types): prose
    index = LineIndex(source)
    return Scan(
        mentions=plain_mentions(matcher, source, index, Context.PROSE, cell=number),
        prose=[ProseBlock(source, index, number)],
        noqa=collect_noqa(source, index, number),
    )


def _in_cell(scan: Scan, number: int) -> Scan:
    """A scan of a cell's text made by a whole-file reader, with the cell number set everywhere."""
    return Scan(
        mentions=[
            dataclasses.replace(m, position=dataclasses.replace(m.position, cell=number)) for m in scan.mentions
        ],
        prose=[dataclasses.replace(block, cell=number) for block in scan.prose],
        notes=list(scan.notes),
        writable=scan.writable,
        noqa={(number, line): codes for (_, line), codes in scan.noqa.items()},
    )


def _add_cell(
    scan: Scan, cell_scan: Scan, number: int, text: str, pieces: Optional[list[_Piece]], index: LineIndex
) -> None:
    """Merge one cell's scan into the notebook's, mapping each mention to raw offsets (and, with
    ``index``, the raw text's lines, where each finding also gets its line and column in the file)."""
    starts = [piece.dec_start for piece in pieces] if pieces is not None else []
    for mention in cell_scan.mentions:
        mapped = _mapped(mention, text, pieces, starts, cell_scan.writable)
        if pieces is not None:
            where = (*index.position(mapped.start), *index.position(mapped.end))
            mapped = dataclasses.replace(mapped, position=dataclasses.replace(mapped.position, in_file=where))
        scan.mentions.append(mapped)
    if pieces is not None:
        mapped_pieces = pieces

        def to_file(offset: int, end: bool = False) -> tuple[int, int]:
            # An end at a piece's start belongs to the piece before it (the mentions' rule in _mapped).
            pick = bisect.bisect_left if end else bisect.bisect_right
            piece = mapped_pieces[max(pick(starts, offset) - 1, 0)]
            return index.position(piece.raw_offset(offset))

        scan.prose.extend(dataclasses.replace(block, to_file=to_file) for block in cell_scan.prose)
    else:
        scan.prose.extend(cell_scan.prose)
    scan.noqa.update(cell_scan.noqa)
    if cell_scan.mentions:
        # A cell reader words its notes for one cell (scan_python's cell=...); the location goes in front.
        scan.notes.extend(f"cell {number}: {note}" for note in cell_scan.notes)


def _mapped(
    mention: Mention, text: str, pieces: Optional[list[_Piece]], starts: list[int], writable: bool
) -> Mention:
    """``mention`` (offsets into the cell source) with raw offsets; its fix kept only when provably sound.

    ``starts`` are the pieces' decoded starts. Without pieces (the cell could not be mapped to the
    raw text) the offsets are 0: such a mention has no fix, so nothing ever edits there.
    """
    if pieces is None:
        return dataclasses.replace(
            mention, start=0, end=0, fixable=False, reason=mention.reason if not mention.fixable else REASON_UNMAPPED
        )
    first = pieces[max(bisect.bisect_right(starts, mention.start) - 1, 0)]
    last = pieces[max(bisect.bisect_left(starts, mention.end) - 1, 0)]
    start, end = first.raw_offset(mention.start), last.raw_offset(mention.end)
    if not (mention.fixable and writable):
        reason = mention.reason or "the cell could not be parsed"
        return dataclasses.replace(mention, start=start, end=end, fixable=False, reason=reason)
    if first is not last:
        return dataclasses.replace(mention, start=start, end=end, fixable=False, reason=REASON_SPLIT)
    if text[start:end] != mention.model.id:
        return dataclasses.replace(mention, start=start, end=end, fixable=False, reason=REASON_ESCAPED)
    return dataclasses.replace(mention, start=start, end=end)
