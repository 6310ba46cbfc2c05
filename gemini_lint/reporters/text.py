"""``path:line:col: CODE [severity] message``, one finding a line, colour only when asked."""

from __future__ import annotations

from collections.abc import Iterable

from gemini_lint.levels import Severity

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ~1.5 ms of a run over a clean file
if TYPE_CHECKING:
    from gemini_lint.diagnostic import Diagnostic


_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_NAMED_ESCAPES = {7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 34: '\\"', 92: "\\\\"}


def shown_path(path: str) -> str:
    """``path`` for a line of text output: as it is, or, when it holds a control character (a newline
    would split a finding in two, an escape would reach the terminal) or bytes that are not UTF-8,
    quoted as git quotes it: ``"nl\\nname.py"``, ``"bad\\377.py"`` (every byte outside printable ASCII
    in octal, ``"`` and ``\\`` escaped). Names without such characters, Unicode ones too, are shown as they are."""
    if path.isprintable() or not _needs_quotes(path):
        return path
    return _quoted(path)


def _quoted(path: str) -> str:
    """``path`` in double quotes, C-style, as git quotes a name (octal for every byte outside printable ASCII)."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        raw = path.encode("utf-8", "surrogatepass")
    quoted = []
    for byte in raw:
        if byte in _NAMED_ESCAPES:
            quoted.append(_NAMED_ESCAPES[byte])
        elif 32 <= byte < 127:
            quoted.append(chr(byte))
        else:
            quoted.append(f"\\{byte:03o}")
    return '"' + "".join(quoted) + '"'


def _needs_quotes(path: str) -> bool:
    """A control character, a line or paragraph separator, or a byte that is not UTF-8 (a surrogate)."""
    import unicodedata

    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") for ch in path)


def diff_name(path: str) -> str:
    """``path`` for a ``---``/``+++`` line: quoted as :func:`shown_path` does, and followed by a tab
    when it holds a space, as git and GNU diff write it, so that ``patch`` and ``git apply`` see where it ends."""
    shown = shown_path(path)
    if shown == path and (path.startswith(('"', " ")) or path.endswith(" ")):
        shown = _quoted(path)  # read as a quoted name by git apply and patch, or its blanks dropped by patch
    return shown + "\t" if " " in shown and not shown.startswith('"') else shown


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def location(diagnostic: Diagnostic) -> str:
    """``path:line:col`` (``path:cell N:line:col`` in a notebook)."""
    cell = f"cell {diagnostic.cell}:" if diagnostic.cell is not None else ""
    return f"{shown_path(diagnostic.path)}:{cell}{diagnostic.line}:{diagnostic.column}"


def render_line(diagnostic: Diagnostic, *, colour: bool = False) -> str:
    """One finding as one line."""
    where = _paint(location(diagnostic), "1", colour)
    code = _paint(diagnostic.code, "1;" + _COLOURS[diagnostic.severity], colour)
    severity = _paint(f"[{diagnostic.severity.value}]", _COLOURS[diagnostic.severity], colour)
    return f"{where}: {code} {severity} {diagnostic.message}"


def render(diagnostics: Iterable[Diagnostic], *, colour: bool = False) -> str:
    """Every finding, one a line."""
    return "".join(render_line(d, colour=colour) + "\n" for d in diagnostics)
