"""Byte-exact fixes: encodings, BOM, line endings, whitespace, idempotency, atomic writes."""

from __future__ import annotations

import dataclasses

import os
import sys
from pathlib import Path

import pytest

from conftest import FLASH, FLASH_GA, PRO, PRO_GA, make_settings
from gemini_lint.engine import Mode, process_bytes
from gemini_lint.fixer import WriteError, temp_name, write_atomic

SETTINGS = make_settings(select=("GL001", "GL002"))

CASES = [
    pytest.param(
        f'# -*- coding: latin-1 -*-\nNAME = "caf\xe9"\nM = "{FLASH}"\n'.encode("latin-1"),
        f'# -*- coding: latin-1 -*-\nNAME = "caf\xe9"\nM = "{FLASH_GA}"\n'.encode("latin-1"),
        id="latin-1-cookie",
    ),
    pytest.param(
        b"\xef\xbb\xbf" + f'M = "{FLASH}"\n'.encode(),
        b"\xef\xbb\xbf" + f'M = "{FLASH_GA}"\n'.encode(),
        id="utf-8-bom",
    ),
    pytest.param(
        f'A = "{FLASH}"\r\nB = "{PRO}"\r\n'.encode(),
        f'A = "{FLASH_GA}"\r\nB = "{PRO_GA}"\r\n'.encode(),
        id="crlf",
    ),
    pytest.param(
        f'A = "{FLASH}"\r\nB = 1\nC = "{PRO}"\r\n'.encode(),
        f'A = "{FLASH_GA}"\r\nB = 1\nC = "{PRO_GA}"\r\n'.encode(),
        id="mixed-line-endings",
    ),
    pytest.param(
        f'if True:\n\tA = "{FLASH}"   \n\t\tB = 1\n'.replace("\t\tB = 1\n", "\tB = 1 \t\n").encode(),
        f'if True:\n\tA = "{FLASH_GA}"   \n\tB = 1 \t\n'.encode(),
        id="tabs-and-trailing-whitespace",
    ),
    pytest.param(
        f'A = "{FLASH}"'.encode(),
        f'A = "{FLASH_GA}"'.encode(),
        id="no-final-newline",
    ),
    pytest.param(
        f'A = "\u00e9\u4e2d {FLASH}"\n'.encode(),
        f'A = "\u00e9\u4e2d {FLASH_GA}"\n'.encode(),
        id="utf-8-non-ascii",
    ),
    pytest.param(
        f'#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nNAME = "\u20ac"\nM = "{FLASH}"\n'.encode("cp1252"),
        f'#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nNAME = "\u20ac"\nM = "{FLASH_GA}"\n'.encode("cp1252"),
        id="cp1252-declared-on-line-2",
    ),
    pytest.param(
        f'X = 1\nY = 2\n# coding: latin-1 (line 3: Python ignores it)\nM = "\u00e9 {FLASH}"\n'.encode(),
        f'X = 1\nY = 2\n# coding: latin-1 (line 3: Python ignores it)\nM = "\u00e9 {FLASH_GA}"\n'.encode(),
        id="declaration-too-late-stays-utf-8",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_fix_is_byte_exact(tmp_path: Path, before: bytes, after: bytes) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(before)
    outcome = process_bytes(str(path), before, SETTINGS, Mode.FIX)
    assert path.read_bytes() == after, outcome.notes
    assert outcome.fixed >= 1
    second = process_bytes(str(path), after, SETTINGS, Mode.FIX)
    assert second.fixed == 0 and path.read_bytes() == after


def test_diff_mode_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    before = f'M = "{FLASH}"\n'.encode()
    path.write_bytes(before)
    outcome = process_bytes(str(path), before, SETTINGS, Mode.DIFF)
    assert outcome.fixed == 1 and f'+M = "{FLASH_GA}"' in outcome.diff
    assert path.read_bytes() == before


def test_fix_that_would_not_parse_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A registry whose replacement contains a quote would break the string: the parse check stops it.
    import gemini_lint.rules.gl001_value as gl001
    from gemini_lint.diagnostic import Applicability, Edit, Fix

    def broken_fix(mention, *, unsafe):  # type: ignore[no-untyped-def]
        return Fix(Applicability.SAFE, (Edit(mention.start, mention.end, 'x"y'),), "broken")

    monkeypatch.setattr(gl001, "fix_for", broken_fix)
    path = tmp_path / "m.py"
    before = f'M = "{FLASH}"\n'.encode()
    path.write_bytes(before)
    outcome = process_bytes(str(path), before, SETTINGS, Mode.FIX)
    assert outcome.failed and any("does not parse" in note for note in outcome.notes)
    assert path.read_bytes() == before


def test_write_atomic_keeps_mode_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "run.py"
    path.write_bytes(b"old")
    os.chmod(path, 0o755)
    write_atomic(str(path), b"new", expected=b"old")
    assert path.read_bytes() == b"new"
    assert oct(path.stat().st_mode & 0o777) == oct(0o755)
    assert os.listdir(tmp_path) == ["run.py"]


def test_write_atomic_refuses_changed_content(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"newer content")
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomic(str(path), b"fixed", expected=b"old content")
    assert path.read_bytes() == b"newer content"
    assert os.listdir(tmp_path) == ["m.py"]


def test_write_atomic_read_only(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_bytes(b"old")
    os.chmod(path, 0o444)
    with pytest.raises(WriteError, match="read-only"):
        write_atomic(str(path), b"new", expected=b"old")
    assert path.read_bytes() == b"old"


def test_write_atomic_follows_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.py"
    target.write_bytes(b"old")
    link = tmp_path / "link.py"
    link.symlink_to(target)
    write_atomic(str(link), b"new", expected=b"old")
    assert link.is_symlink() and target.read_bytes() == b"new"


def test_temp_name_pattern() -> None:
    from gemini_lint.discovery import TEMP_FILE

    name = temp_name("app.py")
    assert name.startswith(".app.py.") and name.endswith(".gemini-lint.tmp")
    assert TEMP_FILE.match(name)
    assert not TEMP_FILE.match("app.py") and not TEMP_FILE.match(".app.py.tmp")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b'# coding: cp932\nx = "\x87\x90"\n' + f'y = "{PRO}"\n'.encode(), id="cp932-nec-form"),
        pytest.param(b"# coding: utf-7\nx = 'a+AGE-b'\n" + f'y = "{PRO}"\n'.encode(), id="utf-7"),
    ],
)
def test_an_encoding_that_does_not_round_trip_is_never_written(tmp_path: Path, run_cli, data: bytes) -> None:  # type: ignore[no-untyped-def]
    """Decoding then encoding would change bytes outside the ID (cp932 has two forms of some characters)."""
    (tmp_path / "t.py").write_bytes(data)
    result = run_cli("--isolated", "--today", "2026-11-25", "--fix", "t.py", cwd=tmp_path)
    assert (tmp_path / "t.py").read_bytes() == data
    assert result.returncode == 1 and "t.py:3:6: GL001" in result.stdout
    assert "bytes would not be written back the same; IDs reported, nothing written" in result.stderr


def test_an_encoding_that_round_trips_is_fixed() -> None:
    data = b'# coding: cp932\nx = "\x81\xe0"\n' + f'y = "{PRO}"\n'.encode()
    outcome = process_bytes("t.py", data, SETTINGS, Mode.DIFF)
    assert outcome.new_bytes == data.replace(PRO.encode(), PRO_GA.encode())


@pytest.mark.skipif(sys.version_info < (3, 10), reason="match statements compile from Python 3.10")
def test_a_fix_the_compiler_refuses_is_not_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """The last check before writing compiles the fixed text: libcst takes a duplicate key in a pattern."""
    from gemini_lint.sources import python

    monkeypatch.setattr(python, "key_conflicts", lambda names, matcher: {})  # as if the key check missed it
    data = f'match m:\n    case {{"{FLASH}": a, "{FLASH_GA}": b}}:\n        pass\n'.encode()
    outcome = process_bytes("t.py", data, dataclasses.replace(SETTINGS, unsafe_fixes=True), Mode.DIFF)
    assert outcome.new_bytes is None and outcome.failed
    assert outcome.notes == ("fix not applied: the fixed text does not compile",)


def test_a_file_for_a_newer_python_is_still_fixed() -> None:
    """Text this interpreter cannot compile proves nothing about the fix: the libcst parse decides."""
    data = f'type Model = str\nM: Model = "{FLASH}"\n'.encode()  # PEP 695 needs Python 3.12
    outcome = process_bytes("t.py", data, SETTINGS, Mode.DIFF)
    assert outcome.new_bytes == data.replace(FLASH.encode(), FLASH_GA.encode())


def test_an_encoding_that_does_not_round_trip_is_reported_with_a_note() -> None:
    data = b'# coding: cp932\nx = "\x87\x90"\n' + f'y = "{PRO}"\n'.encode()
    outcome = process_bytes("t.py", data, SETTINGS, Mode.DIFF)
    assert outcome.new_bytes is None and [d.line for d in outcome.diagnostics] == [3]
    assert outcome.notes == ("its cp932 bytes would not be written back the same; IDs reported, nothing written",)


@pytest.mark.parametrize(
    ("name", "before"),
    [
        ("models.yaml", f"# models\nmodels:\n  - {FLASH}\r\n  - {FLASH_GA}\n"),
        ("pyproject.toml", f'[tool.x]\nmodels = [\n  "{FLASH}",  # old\n  "{FLASH_GA}",\n]\n'),
    ],
)
def test_a_list_over_lines_with_old_and_new_is_left_as_it_is_by_fix(tmp_path: Path, run_cli, name: str, before: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(before.encode())
    base = ["--isolated", "--today", "2026-11-25", "--select", "GL001"]
    safe = run_cli(*base, "--fix", name, cwd=tmp_path)
    assert "fix needs --unsafe-fixes" in safe.stdout and path.read_bytes() == before.encode(), safe.stdout
    unsafe = run_cli(*base, "--fix", "--unsafe-fixes", name, cwd=tmp_path)
    assert path.read_bytes() == before.replace(FLASH, FLASH_GA, 1).encode(), unsafe.stdout + unsafe.stderr


# A name built or searched for at run time (found by running fuzzed programs before and after --fix):
# through the installed command, --fix leaves these files byte for byte; the plain uses beside them
# are fixed at the ID and nowhere else.
LEFT_AS_THEY_ARE = {
    "plus_after_parentheses.py": f'print(("{FLASH}" or "x") + "-lite")\r\n',
    "field_then_joined.py": f'M = "{FLASH}"\nprint(f"{{M}}" "-lite")\n',
    "dict_key_in_field.py": f"print(f\"{{ {{'{FLASH}': 1}}['{FLASH}'] }}\")\n",
    "searched_elsewhere.py": f'name = "{FLASH}!"\nprint(name.startswith("{FLASH}"))\n',
    "escaped_pattern.py": f'import re\nprint(re.fullmatch(r"{FLASH.replace(".", chr(92) + ".")}", "{FLASH}"))\n',
    "function_return.py": f'def get():\n    return "{FLASH}"\n\nM = get()\nprint(M + "_v2")\n',
    "field_empty_then_joined.py": f'M = "{FLASH}"\r\nprint(f"{{M}}" "" f"" "-lite")\r\n',
    # Found by a review running programs before and after --fix (each changed what the program did):
    "membership.py": f'print("{FLASH}" in ["{FLASH}", "x"])\r\n',
    "lookup_in_other_quotes.py": f'PRICES = {{"{FLASH}": 1, "{FLASH_GA}": 2}}\n\n\nprint(PRICES[\'{FLASH}\'])\n',
    "count.py": f'print("x".count("{FLASH}"))\n',
    "replace.py": f'print("{FLASH}-2".replace("{FLASH}", "x"), "y".strip("{FLASH}"))\n',
    "f_string_prefix.py": f'MODEL = "{FLASH}"\nprint("x".startswith(f"{FLASH}"))\n',
    "imported_match.py": f'from re import match as m\nimport re as rx\nprint(m("{FLASH}", "x"), rx.search("{FLASH}", "y"))\n',
    "test_searches.py": f'import pytest\nwith pytest.raises(ValueError, match="{FLASH}"):\n    raise ValueError("x")\n',
    "annotated_retired.py": f'DEPRECATED_MODELS: frozenset[str] = frozenset({{"{FLASH}"}})\n',
    "name_key.py": f'NEW = "{FLASH_GA}"\n\nPRICES = {{"{FLASH}": 1, NEW: 2}}\n',
    "migrate.py": f'def migrate(m):\n    if m == "{FLASH}":\n        return "x"\n    return m\n',
    "slice.py": f'M = "{FLASH}"\nprint(M[:-len("-preview")])\n',
    "loop.py": f'for b in ["{FLASH}"]:\n    print(b + "-lite")\n',
    "csv_and_set.py": f'CSV = "x,{FLASH}"\nEXPECTED = {{"{FLASH}", "x"}}\nprint(set(CSV.split(",")) == EXPECTED)\n',
    "doctest_shows_it.py": f'def default():\n    """\n    >>> default()\n    \'{FLASH}\'\n    """\n    return "{FLASH}"\n',
    "banner.py": f'MODEL = "{FLASH}"\nBANNER = "Powered by {FLASH}"\nprint(MODEL in BANNER)\n',
}
FIXED_AT_THE_ID = {
    "tuple_sum.py": f'print(("{FLASH}", "x") + ("y",))\n',
    "bytes_then_slash.py": f'print(b"{FLASH}" + b"/x")  # trailing\t\n',
    "return_then_text.py": f'def get():\n    return "{FLASH}"\n\nprint(get() + " (fast)")\n',
    "longer_expected.py": f'def key(p, model="{FLASH}"):\n    return f"{{model}}:{{p}}"\n\n\nassert key("cat") == "{FLASH}:cat"\n',
}


def test_fix_leaves_built_and_searched_names_byte_for_byte(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    for name, text in {**LEFT_AS_THEY_ARE, **FIXED_AT_THE_ID}.items():
        (tmp_path / name).write_bytes(text.encode())
    result = run_cli("--isolated", "--today", "2026-11-25", "--select", "GL001", "--fix", ".", cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    for name, text in LEFT_AS_THEY_ARE.items():
        assert (tmp_path / name).read_bytes() == text.encode(), name
        assert f"{name}:" in result.stdout  # still reported
    for name, text in FIXED_AT_THE_ID.items():
        assert (tmp_path / name).read_bytes() == text.replace(FLASH, FLASH_GA).encode(), name
    assert f"Fixed {sum(t.count(FLASH) for t in FIXED_AT_THE_ID.values())} findings in {len(FIXED_AT_THE_ID)} files" in (
        result.stdout
    )
