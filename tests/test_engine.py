"""The engine's cheap tests before parsing: what is skipped must hold nothing to report."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FLASH, FLASH_GA, make_settings
from gemini_lint import engine, linter
from gemini_lint.engine import FileOutcome, Mode, process_bytes


def _no_lint(*args: object, **kwargs: object) -> None:
    raise AssertionError("parsed a file that cannot hold a finding")


@pytest.mark.parametrize(
    "data",
    [
        b"x = 1\n",
        b"# the gemini constellation\n",  # names Gemini, but no ID and no claim word
        b"GEMINI_HOME = 'gemini-3.1-flash-image'\n",  # the current ID only
        b"x = 'my-gemini-3.1-flash-image-preview'\n",  # the stem, but no whole-token ID
    ],
)
def test_files_that_cannot_hold_a_finding_are_not_parsed(data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linter, "lint_source", _no_lint)
    assert process_bytes("m.py", data, make_settings(), Mode.CHECK) == FileOutcome("m.py")


@pytest.mark.parametrize(
    "data, code",
    [
        (f"MODEL = '{FLASH}'\n".encode(), "GL001"),
        (b"# the Gemini API is free to use\n", "GL003"),
        (b'"""Nano Banana costs nothing."""\n', "GL003"),
    ],
)
def test_files_that_hold_a_finding_are_parsed(data: bytes, code: str) -> None:
    outcome = process_bytes("m.py", data, make_settings(), Mode.CHECK)
    assert [d.code for d in outcome.diagnostics] == [code]


def test_prose_triggers_only_with_gl003() -> None:
    settings = make_settings(select=("GL001", "GL002"))
    matcher = engine.settings_matcher(settings)
    assert not engine.worth_reading(b"# Gemini API is free", matcher, settings)
    assert engine.worth_reading(b"# Gemini API is free", matcher, make_settings())
    assert engine.worth_reading(FLASH.encode(), matcher, settings)


def test_stems_a_word_covers_get_no_pass_of_their_own() -> None:
    needles = engine._needles((b"gemini-", b"veo-"), True)
    assert needles == engine.Needles((b"gemini-", b"veo-"), (b"gemini", b"banana"))
    cased, caseless = engine._searches(needles)
    assert [search.__self__.pattern for search in cased] == [rb"-(?:(?<=[o]-)(?:(?<=veo\-)))"]
    assert [search.__self__.pattern for search in caseless] == [b"gemini", b"banana"]
    assert engine._needles((b"gemini-", b"veo-"), False) == engine.Needles((b"gemini-", b"veo-"))


@pytest.mark.parametrize(
    ("stems", "hits", "misses"),
    [
        # Stems with a "-" share one pass that stops at each "-", whatever side of it they hold.
        ((b"-generate-", b"embedding-", b"deep-research-pro"), [b"x-generate-y", b"text-embedding-004",
         b"deep-research-pro-preview", b"-generate-"], [b"generate", b"embedding", b"deep-researc-pro", b"-generat-e-"]),
        # Heads a seam between strings may leave of an ID, forward then back: in the same pass.
        ((b"deep-research-", b"text-embedding", b"imagen-", b"-generate-"), [b"x deep-research-pro", b"text-embedding",
         b"(imagen-", b"models/imagen-4", b"a-generate-b"], [b"deep-researc", b"text-embeddin", b"imagen", b"textembedding"]),
        # Stems without one share another pass.
        ((b"acme_v1", b"zeta-"), [b"m = 'acme_v1'", b"zeta-2"], [b"acme_v2", b"zeta", b"-zeta"]),
        # IDs match only as written: so do their stems (a configured ID in capitals stays in capitals).
        ((b"Acme-Image-",), [b"Acme-Image-2"], [b"acme-image-2", b"ACME-IMAGE-2"]),
    ],
)
def test_stems_are_found_as_written(stems: tuple[bytes, ...], hits: list[bytes], misses: list[bytes]) -> None:
    needles = engine.Needles(stems)
    assert [data for data in hits if engine.may_hold(data, needles)] == hits
    assert [data for data in misses if engine.may_hold(data, needles)] == []


def test_the_bytes_test_finds_what_a_substring_test_finds() -> None:
    # Around every "-" of every packaged stem, at the start, the end and the middle of the bytes.
    settings = make_settings(select=("GL001", "GL002"))
    needles = engine.needles(engine.settings_matcher(settings), settings)
    assert b"gemini-" in needles.stems
    for stem in needles.stems:
        for data in (stem, b"x" + stem, stem + b"x", b"a-b " + stem + b" c-d", stem[:-1], stem[1:]):
            assert engine.may_hold(data, needles) == any(s in data for s in needles.stems), data


@pytest.mark.parametrize(
    "data",
    [b"# GEMINI API is free", b"# GeMiNi api is free", b"Nano BANANA", b"x = 'GEMINI-3-PRO-IMAGE-PREVIEW'"],
)
def test_bytes_test_ignores_case(data: bytes) -> None:
    settings = make_settings()
    assert engine.worth_reading(data, engine.settings_matcher(settings), settings)


def test_bytes_test_rejects_files_without_a_needle() -> None:
    settings = make_settings()
    matcher = engine.settings_matcher(settings)
    assert not engine.worth_reading(b"import os\n# the image API is free\n", matcher, settings)
    assert not engine.may_hold(b"Gemini", engine.Needles((), (b"banana",)))
    assert engine.may_hold(b"GEMINI", engine.Needles((), (b"banana", b"gemini")))


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16-le", "utf-16"), ("utf-16-be", "utf-16"), ("utf-32-le", "utf-32"), ("utf-32-be", "utf-32")],
)
def test_a_utf16_or_utf32_bom_passes_the_bytes_test_and_is_decoded(encoding: str, expected: str) -> None:
    data = ("\ufeff" + f"m: {FLASH}\n").encode(encoding)
    assert engine.wide_encoding(data) == expected
    assert engine.may_hold(data, engine.Needles((b"gemini-",)))
    assert engine.decode(data, engine.Kind.YAML).text == f"m: {FLASH}\n"
    assert engine.wide_encoding(f"m: {FLASH}\n".encode(encoding)) is None  # no BOM: NUL bytes, a binary file


def test_a_wide_file_that_does_not_decode_is_reported_not_written() -> None:
    data = codecs.BOM_UTF16_LE + f"m: {FLASH}".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    decoded = engine.decode(data, engine.Kind.YAML)
    assert not decoded.exact and decoded.notes == ["not valid utf-16; IDs reported from the text, nothing written"]
    assert FLASH in decoded.text


def test_binary_files_get_a_note_only_when_they_could_hold_a_finding() -> None:
    settings = make_settings()
    assert process_bytes("a.py", b"\x00gemini constellation\n", settings, Mode.CHECK) == FileOutcome("a.py")
    noted = process_bytes("a.py", b"\x00" + FLASH.encode(), settings, Mode.CHECK)
    assert noted.notes == ("binary file (NUL bytes); skipped",)


_IMPORTED = """
import sys
from gemini_lint.cli import main
rc = main(["--isolated", "--quiet", "--today", "2026-11-25", sys.argv[1]])
print(rc, " ".join(sorted(m for m in sys.modules if m.startswith(("gemini_lint", "libcst", "tomli", "difflib")))))
"""


def _modules_after_run(path: str) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", _IMPORTED, path], capture_output=True, text=True, check=True)
    rc, _, names = done.stdout.strip().splitlines()[-1].partition(" ")
    return int(rc), set(names.split())


def test_a_clean_file_loads_neither_libcst_nor_the_linter(tmp_path: Path) -> None:
    """The pre-commit case: lazy imports keep a run over clean files to the discovery and the bytes test."""
    clean, dirty = tmp_path / "clean.py", tmp_path / "dirty.py"
    clean.write_text("import os\n\nprint(os.sep)  # nothing to see\n", encoding="utf-8")
    dirty.write_text(f"MODEL = '{FLASH}'\n", encoding="utf-8")
    heavy = {"libcst", "gemini_lint.linter", "gemini_lint.diagnostic", "gemini_lint.sources.base", "tomllib", "difflib"}
    rc, loaded = _modules_after_run(str(clean))
    assert rc == 0 and "gemini_lint.engine" in loaded
    assert not heavy & loaded
    # A file naming the current ID (and Gemini) is decoded and searched, but builds no rule catalogue,
    # compiles no GL003 pattern and loads no parser.
    current = tmp_path / "current.py"
    current.write_text("MODEL = 'gemini-3.1-flash-image'  # Gemini\n", encoding="utf-8")
    rc, loaded = _modules_after_run(str(current))
    assert rc == 0 and "gemini_lint.rules.gl003_hints" in loaded
    assert not (heavy | {"gemini_lint.rules.catalog", "gemini_lint.rules.gl003_free_claim"}) & loaded
    rc, loaded = _modules_after_run(str(dirty))  # the same check sees them load when a file needs them
    assert rc == 1 and {"libcst", "gemini_lint.linter", "gemini_lint.diagnostic", "gemini_lint.sources.base"} <= loaded


def test_a_file_too_large_to_parse_is_reported_from_its_text_and_never_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "MAX_PARSE_BYTES", 16)
    data = f"MODEL = '{FLASH}'\n".encode()
    outcome = process_bytes("big.py", data, make_settings(), Mode.FIX)
    assert [d.code for d in outcome.diagnostics] == ["GL001"]
    assert all(d.fix is None for d in outcome.diagnostics) and outcome.fixed == 0 and outcome.new_bytes is None
    assert any(note.endswith("IDs reported from the text, nothing written") for note in outcome.notes)


@pytest.mark.parametrize(("name", "code"), [("big.md", "GL002"), ("big.txt", "GL002"), ("big.rst", "GL002"), ("big.json", "GL001")])
def test_a_too_large_prose_file_reports_prose_mentions(monkeypatch: pytest.MonkeyPatch, name: str, code: str) -> None:
    # GL002 stays a warning at most, and per-file-ignores of GL002 apply (found by a review).
    monkeypatch.setattr(engine, "MAX_PARSE_BYTES", 16)
    data = f'"See {FLASH} in the changelog."\n'.encode()
    outcome = process_bytes(name, data, make_settings(), Mode.CHECK)
    assert [d.code for d in outcome.diagnostics] == [code]
    assert all(d.fix is None for d in outcome.diagnostics)


@pytest.mark.parametrize("size", [0, 1, 4096, 70_000])
def test_read_file_returns_every_byte(tmp_path: Path, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path = tmp_path / "a.py"
    path.write_bytes(data)
    assert engine.read_file(str(path)) == data


def test_read_file_reads_on_after_a_short_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A read may return less than asked (a signal, a network file system): that is not the end.
    data = b"model = 'gemini-3-pro-image-preview'\n" * 50
    path = tmp_path / "a.py"
    path.write_bytes(data)
    real_read = engine.os.read
    calls = []

    def short_read(fd: int, n: int) -> bytes:
        calls.append(n)
        return real_read(fd, min(n, 100))

    monkeypatch.setattr(engine.os, "read", short_read)
    assert engine.read_file(str(path)) == data
    assert len(calls) > 2


def test_read_file_reads_what_was_appended_after_the_size_was_taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.py"
    path.write_bytes(b"a = 1\n")
    real_fstat = engine.os.fstat

    def stale_fstat(fd: int) -> object:
        info = real_fstat(fd)
        with open(path, "ab") as handle:  # the file grows once its size is known
            handle.write(b"b = 2\n")
        return info

    monkeypatch.setattr(engine.os, "fstat", stale_fstat)
    assert engine.read_file(str(path)) == b"a = 1\nb = 2\n"


@pytest.mark.parametrize("defer", [False, True])
@pytest.mark.parametrize("enabled_before", [True, False])
def test_the_collector_waits_while_a_file_is_processed(
    monkeypatch: pytest.MonkeyPatch, defer: bool, enabled_before: bool
) -> None:
    """Collections during a file's life would only walk its syntax tree; the collector's state comes back after."""
    import gc

    seen: list[bool] = []

    def record(path: str, data: bytes, settings: object, mode: Mode) -> FileOutcome:
        seen.append(gc.isenabled())
        if data == b"boom":
            raise RecursionError
        return FileOutcome(path)

    monkeypatch.setattr(engine, "first_pass" if defer else "process_bytes", record)
    was = gc.isenabled()
    try:
        (gc.enable if enabled_before else gc.disable)()
        assert engine.guarded("a.py", b"x", make_settings(), Mode.CHECK, defer) == FileOutcome("a.py")
        assert gc.isenabled() is enabled_before
        assert engine.guarded("b.py", b"boom", make_settings(), Mode.CHECK, defer).notes  # a failure too
        assert gc.isenabled() is enabled_before
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False, False]


def test_a_utf16_python_file_is_reported_never_written() -> None:
    decoded = engine.decode(("\ufeff" + f'M = "{FLASH}"\n').encode("utf-16-le"), engine.Kind.PYTHON)
    assert not decoded.exact
    assert decoded.notes == ["Python does not read utf-16 source; IDs reported, nothing written"]


@pytest.mark.parametrize(
    "data",
    [
        b"x = 1\n",
        b"\xef\xbb\xbfx = 1\n",  # BOM
        b"# -*- coding: latin-1 -*-\nx = '\xe9'\n",
        b"#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nx = '\x80'\n",
        b"x = 1\n# coding: latin-1\ny = '\xe9'\n",  # a declaration after code on line 1 does not count
        b"#!/usr/bin/env python\nx = 1\n# coding: latin-1\n",  # nor one on line 3
        b"# coding: nonsense-encoding\nx = 1\n",
        b"\xef\xbb\xbf# coding: latin-1\nx = 1\n",  # BOM and another declaration: refused
        b"x = '\xe9'\n",  # not UTF-8 on line 1
        b"x = 1\ny = 2\nz = '\xe9'\n",  # not UTF-8 further down
        b"# coding: utf-8\rx = 1\r",  # lines that end in \r only
        b"",
    ],
)
def test_python_source_is_decoded_as_python_decodes_it(data: bytes) -> None:
    import io
    import tokenize

    decoded = engine.decode(data, engine.Kind.PYTHON)
    try:
        # The interpreter reads lines ending at \r too (tokenize's own readline would not).
        encoding, _ = tokenize.detect_encoding(io.BytesIO(b"\n".join(data.splitlines())).readline)
        text = data.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        assert not decoded.exact and decoded.notes  # reported from the text, never written
        return
    assert (decoded.text, decoded.exact) == (text, text.encode(encoding) == data)
    if decoded.exact:
        assert codecs.lookup(decoded.encoding).name == codecs.lookup(encoding).name


def test_random_python_heads_are_decoded_as_python_decodes_them() -> None:
    import random

    parts = [b"\xef\xbb\xbf", b"# coding: latin-1", b"# -*- coding: utf-8 -*-", b"#!/usr/bin/env python", b"x = 1",
             b"", b"  ", b"\xe9", b"\x80", b"# vim: fileencoding=cp1252", b"#", b"'\xc3\xa9'", b"\f# coding=ascii"]
    rng = random.Random(6)
    for _ in range(2000):
        data = b"".join(rng.choice(parts) + rng.choice([b"\n", b"\r\n", b"\r", b""]) for _ in range(rng.randint(0, 5)))
        test_python_source_is_decoded_as_python_decodes_it(data)


def test_safe_fixes_that_part_duplicate_keys_wait_in_process(settings) -> None:  # type: ignore[no-untyped-def]
    """The check offers what --fix would do: the key that parts a pair waits for --unsafe-fixes, with why."""
    from gemini_lint.engine import Mode, process_bytes

    data = b"a:\n  gemini-2.0-flash: 1\n  gemini-2.0-flash: gemini-2.5-flash\nb:\n  gemini-2.5-pro: 1\n  gemini-2.5-pro: 2\n"
    outcome = process_bytes("q.yaml", data, settings, Mode.CHECK)
    safe = [d for d in outcome.diagnostics if d.fix is not None and d.fix.applicability.value == "safe"]
    assert safe == []  # every key's fix is unsafe (a run over real packages), so none waits with a note
    first = outcome.diagnostics[0]
    assert first.fix is not None and first.fix.applicability.value == "unsafe"
    assert "a mapping's key" in first.message


def _difflib_diff(old: str, new: str) -> str:
    import difflib

    def lines(text: str) -> list[str]:
        parts = [line + "\n" for line in text.split("\n")]
        parts[-1] = parts[-1][:-1]
        return parts if parts[-1] else parts[:-1]

    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in difflib.unified_diff(lines(old), lines(new), fromfile="a.py", tofile="a.py"))


@pytest.mark.parametrize("changed", [(0,), (5,), (19,), (0, 1, 2), (3, 10), (3, 9), (3, 11), (0, 19), tuple(range(20))])
@pytest.mark.parametrize("end", ["", "\n"])
def test_the_diff_is_difflib_s_where_lines_differ(changed: tuple[int, ...], end: str) -> None:
    # Lines are compared line by line (a fix never adds or removes one): same hunks, context and
    # headers as difflib's, whose matching took seconds on thousands of alike lines.
    old_lines = [f"line {i} = '{FLASH}'" for i in range(20)]
    new_lines = [line.replace(FLASH, "gemini-new") if i in changed else line for i, line in enumerate(old_lines)]
    old, new = "\n".join(old_lines) + end, "\n".join(new_lines) + end
    assert engine.unified_diff("a.py", old, new) == _difflib_diff(old, new)
    assert engine.unified_diff("a.py", old, old) == ""


def test_the_diff_of_alike_lines_pairs_each_line_with_itself(tmp_path: Path) -> None:
    old = f'M = "{FLASH}"\nM = "gemini-new"\n' * 1500
    new = old.replace(FLASH, "gemini-new")
    diff = engine.unified_diff("a.py", old, new)
    assert diff.startswith(f'--- a.py\n+++ a.py\n@@ -1,3000 +1,3000 @@\n-M = "{FLASH}"\n+M = "gemini-new"\n M = "gemini-new"\n')
    (tmp_path / "a.py").write_text(old)
    (tmp_path / "fix.diff").write_text(diff)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "apply", "-p0", "fix.diff"], cwd=tmp_path, check=True)
    assert (tmp_path / "a.py").read_text() == new


@pytest.mark.parametrize("newline", [b"\r", b"\n", b"\r\n"])
def test_a_coding_cookie_holds_whatever_ends_the_lines(newline: bytes) -> None:
    # The interpreter reads lines ending at \r too: a latin-1 file with \r line ends runs with its
    # cookie, and was refused a fix ("bad encoding declaration").
    data = newline.join([b"# -*- coding: latin-1 -*-", f'M = "\xe9 {FLASH}"'.encode("latin-1"), b""])
    namespace: dict[str, object] = {}
    exec(compile(data, "m.py", "exec"), namespace)  # the interpreter takes the cookie
    assert namespace["M"] == f"\xe9 {FLASH}"
    decoded = engine.decode(data, engine.Kind.PYTHON)
    assert (decoded.encoding, decoded.exact, decoded.notes) == ("iso-8859-1", True, [])
    outcome = process_bytes("m.py", data, make_settings(), Mode.DIFF)
    assert outcome.new_bytes == data.replace(FLASH.encode(), FLASH_GA.encode())  # every other byte as it was
