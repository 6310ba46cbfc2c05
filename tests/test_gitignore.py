"""Git's ignore rules (gemini_lint.gitignore): one entry at a time, the last matching line decides."""

from __future__ import annotations

import pytest

from gemini_lint.gitignore import ignored, parse


@pytest.mark.parametrize(
    ("lines", "path", "is_dir", "expected"),
    [
        (["*", "!*/"], "src", True, False),  # the allow-list: folders come back
        (["*", "!*/"], "src/x.txt", False, True),  # !*/ is for folders only
        (["*", "!*/", "!*.py"], "src/deep/b.py", False, False),
        (["build/"], "build", False, None),  # a folder pattern says nothing of a file
        (["build/"], "a/build", True, True),  # no slash before the end: any depth
        (["/top"], "a/top", False, None),  # anchored
        (["a/b"], "x/a/b", False, None),  # a middle slash anchors too
        (["**/cache"], "p/q/cache", True, True),
        (["doc/**/*.md"], "doc/a.md", False, True),  # "/**/" is zero folders too
        (["doc/**/*.md"], "doc/p/q/a.md", False, True),
        (["x/**"], "x", True, None),  # everything inside x, not x itself
        (["x/**"], "x/y/z", False, True),
        (["a**b"], "axxb", False, True),  # other stars are one star
        (["a**b"], "a/b", False, None),
        (["?.py"], "a.py", False, True),
        (["[!a].py"], "b.py", False, True),
        (["[!a].py"], "a.py", False, None),
        (["[]]"], "]", False, True),  # a "]" first is a character
        (["[[:digit:]][[:upper:]]"], "1A", False, True),
        (["a\\*"], "a*", False, True),
        (["a\\*"], "ab", False, None),
        (["foo\\ "], "foo ", False, True),  # a quoted trailing space stays
        (["foo  "], "foo", False, True),  # other trailing spaces go
        (["\\#x"], "#x", False, True),
        (["\\!x"], "!x", False, True),
        (["*.py", "!a.py", "a.py"], "a.py", False, True),  # the last line wins
        # Quirks of git's own matcher, found by a differential fuzzer against git ls-files:
        (["[z-a].py"], "z.py", False, True),  # a backwards range matches nothing, its first character still does
        (["[z-a].py"], "m.py", False, None),
        (["[!z-a].py"], "m.py", False, True),
        (["[z-ab].py"], "b.py", False, True),
        (["a**/b"], "ab", True, True),  # the text before the first wildcard is compared on its own:
        (["a**/b"], "a/x/b", True, True),  # then "**/b" is a leading "**/"
        (["d/a**/x.py"], "d/ab/c/x.py", False, True),
        (["a**b"], "a/b", False, None),  # no slash: matched on the name, "**" one "*"
        (["[[:]a:].py"], "[a:].py", False, True),  # "[:" without ":]" before the first "]" is a "["
        (["[[:]a:].py"], "a.py", False, None),
    ],
)
def test_one_entry(lines: list[str], path: str, is_dir: bool, expected: bool | None) -> None:
    assert ignored(parse(lines), path, is_dir) is expected


@pytest.mark.parametrize("line", ["", "# comment", "!", "/", "foo\\", "[abc", "[[:nosuch:]]", "a[\\"])
def test_lines_git_does_not_take_match_nothing(line: str) -> None:
    assert parse([line]) == ()


def test_a_bracket_never_matches_a_slash() -> None:
    assert ignored(parse(["a[!x]b"]), "a/b", False) is None
    assert ignored(parse(["a[/]b"]), "a/b", False) is None


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"\xef\xbb\xbfa.py\n", "a.py", True),  # a UTF-8 byte order mark is skipped
        (b"a.py\rb.py\n", "a.py", None),  # lines end at \n only: this is one pattern
        (b"a.py\r\n", "a.py", True),  # one \r before the \n goes
        (b"a.py\x00junk\n", "a.py", True),  # a NUL cuts the line
        (b"a\x00.py\n", "a.py", None),
        (b"caf\xe9.py\n", "caf\xe9.py", None),  # Latin-1 bytes: no UTF-8 name has them
        ("caf\u00e9.py\n".encode(), "caf\u00e9.py", True),
        (b"?.py\n", "\u00e9.py", None),  # "?" is one byte, and UTF-8 "\u00e9" is two
        (b"??.py\n", "\u00e9.py", True),
        ("[\u00e9].py\n".encode(), "\u00e9.py", None),  # so is a bracket
    ],
)
def test_git_reads_bytes(data: bytes, name: str, expected: bool | None) -> None:
    from gemini_lint.gitignore import as_bytes, lines_of

    assert ignored(parse(lines_of(data)), as_bytes(name), False) is expected
