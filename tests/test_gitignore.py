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
    ],
)
def test_one_entry(lines: list[str], path: str, is_dir: bool, expected: bool | None) -> None:
    assert ignored(parse(lines), path, is_dir) is expected


@pytest.mark.parametrize("line", ["", "# comment", "!", "/", "foo\\", "[z-a]", "[abc", "[[:nosuch:]]", "a[\\"])
def test_lines_git_does_not_take_match_nothing(line: str) -> None:
    assert parse([line]) == ()


def test_a_bracket_never_matches_a_slash() -> None:
    assert ignored(parse(["a[!x]b"]), "a/b", False) is None
    assert ignored(parse(["a[/]b"]), "a/b", False) is None
