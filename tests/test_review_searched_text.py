"""From a run over real packages (2026-12-07): a constant whose text is searched with ``in`` or a
``re`` function (``"2.0" in model`` with ``def f(model="gemini-2.0-flash")``, ``re.search(r"-pro$",
MODEL)``) had a safe fix, where ``model.startswith("gemini-2.0")`` and ``MODEL.endswith("-pro")``
already held theirs: renamed, the test gives another answer and the code takes another branch."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import PRO, PRO_GA, make_settings
from gemini_lint.diagnostic import Applicability
from gemini_lint.linter import applicable, fix_source, lint_source

SETTINGS = make_settings(select=("GL001",), today=dt.date(2026, 12, 7))
OLD = "gemini-2.0-flash"  # -> gemini-3.6-flash


def fixed(src: str, *, unsafe: bool = False) -> str:
    result = lint_source(src, "x.py", SETTINGS)
    return fix_source(src, applicable(result.diagnostics, unsafe_fixes=unsafe))


@pytest.mark.parametrize(
    "src",
    [
        pytest.param(f'def build(model="{OLD}"):\n    if "gemini-2.0" in model:\n        return 1\n    return 2\n',
                     id="parameter-default-in"),
        pytest.param(f'DEFAULT = "{OLD}"\n\n\ndef build(model=DEFAULT):\n    return "2.0" in model\n',
                     id="constant-through-a-parameter"),
        pytest.param(f'MODEL = "{OLD}"\nLEGACY = "2.0" not in MODEL\n', id="not-in"),
        pytest.param(f'MODEL = "{OLD}"\n\n\ndef has(tag):\n    return tag in MODEL\n', id="a-variable-looked-for"),
        pytest.param(f'MODELS = ["{OLD}", "gpt-4o"]\nOLD = [m for m in MODELS if "2.0" in m]\n', id="loop-items"),
        pytest.param(f'import re\n\nMODEL = "{OLD}"\nV2 = re.search(r"-2\\.0-", MODEL) is not None\n', id="re-search"),
        pytest.param(f'import re\n\nMODEL = "{OLD}"\nBASE = re.sub(r"-flash$", "", MODEL)\n', id="re-sub"),
        pytest.param(f'from re import match\n\nMODEL = "{OLD}"\nV2 = match(pattern=r"gemini-2", string=MODEL)\n',
                     id="re-keyword-string"),
        # A compiled pattern's methods search the text they are given as re's functions do (left alone by
        # the review of 2026-12-07, held since).
        pytest.param(f'import re\n\nPAT = re.compile(r"-2\\.0-")\nMODEL = "{OLD}"\nV2 = PAT.search(MODEL) is not None\n',
                     id="compiled-search"),
        pytest.param(f'from re import compile\n\nPAT = compile(r"-flash$")\nMODEL = "{OLD}"\nBASE = PAT.sub("", MODEL)\n',
                     id="compiled-sub"),
        pytest.param(f'import re\n\n\nclass C:\n    _RE = re.compile(r"2\\.0")\n    MODEL = "{OLD}"\n\n'
                     f'    def old(self):\n        return bool(self._RE.fullmatch(string=self.MODEL))\n',
                     id="compiled-attribute"),
        pytest.param(f'from fnmatch import fnmatch\n\nMODEL = "{OLD}"\nV2 = fnmatch(MODEL, "*-2.0-*")\n', id="fnmatch-name"),
        pytest.param(f'import fnmatch\n\nMODEL = "{OLD}"\nV2 = fnmatch.fnmatchcase(name=MODEL, pat="*-2.0-*")\n',
                     id="fnmatchcase-keyword"),
        pytest.param(f'MODEL = "{OLD}"\nV2 = any(map(MODEL.startswith, ("gemini-2", "gemini-1")))\n', id="method-passed-to-map"),
    ],
)
def test_searched_text_holds_the_fix(src: str) -> None:
    result = lint_source(src, "x.py", SETTINGS)
    assert [d.fix is None for d in result.diagnostics] == [True], [d.message for d in result.diagnostics]
    assert "taken apart" in result.diagnostics[0].message
    assert fixed(src, unsafe=True) == src
    # Held by its reading of the search, not because the file could not be read.
    other = f'{src}OTHER = "{PRO}"\n'
    assert fixed(other) == src + f'OTHER = "{PRO_GA}"\n'


@pytest.mark.parametrize(
    "src",
    [
        # Both names hold the text looked for (or neither does): the answer is the same.
        pytest.param(f'def provider(model="{OLD}"):\n    return "google" if "gemini" in model else "openai"\n',
                     id="family-word"),
        pytest.param(f'MODELS = ["{OLD}", "gpt-4o"]\nFAST = [m for m in MODELS if "flash" in m]\n', id="both-hold-it"),
        pytest.param(f'MODEL = "{OLD}"\nCLAUDE = "claude" in MODEL\n', id="neither-holds-it"),
        # The ID looked for in a display (membership) is a comparison of its own, not a search of a name.
        pytest.param(f'MODEL = "{OLD}"\nclient.generate(model=MODEL)\nKNOWN = "x" in ["a", "b"]\n', id="display"),
        # A compiled pattern that searches other text says nothing of the constant; nor does a method of
        # the same name on something that is no pattern.
        pytest.param(f'import re\n\nPAT = re.compile(r"2\\.0")\nMODEL = "{OLD}"\nclient.generate(model=MODEL)\n'
                     f'V2 = PAT.search(name)\n', id="compiled-searching-another"),
        pytest.param(f'MODEL = "{OLD}"\nclient.generate(model=MODEL)\nHIT = index.search(MODEL)\n', id="not-a-pattern"),
    ],
)
def test_a_search_with_the_same_answer_keeps_the_fix(src: str) -> None:
    result = lint_source(src, "x.py", SETTINGS)
    assert [d.fix is not None and d.fix.applicability is Applicability.SAFE for d in result.diagnostics] == [True]
    assert fixed(src) == src.replace(OLD, "gemini-3.6-flash")


# Review (2026-12-07): the text searched may be the constant in another case or as str() ('"2.0" in
# model.lower()' kept a safe fix that flipped the branch taken), and a router's variant added to a
# constant (f"{MODEL}:free", MODEL + ":nitro") names a route of the old model as "<ID>:free" does.
@pytest.mark.parametrize(
    "src",
    [
        pytest.param(f'MODEL = "{OLD}"\nV2 = "2.0" in MODEL.lower()\n', id="in-lower"),
        pytest.param(f'MODEL = "{OLD}"\nV2 = "2.0" not in str(MODEL).casefold()\n', id="in-str-casefold"),
        pytest.param(f'import re\n\nMODEL = "{OLD}"\nV2 = re.search(r"2\\.0", MODEL.upper())\n', id="re-search-upper"),
        pytest.param(f'MODEL = "Google/{OLD}"\nV2 = "google/gemini-2.0" in MODEL.lower()\n', id="needle-in-the-lowered-text"),
        pytest.param(f'MODEL = "google/{OLD}"\nURL = f"{{MODEL}}:free"\n', id="variant-in-an-f-string"),
        pytest.param(f'MODEL = "google/{OLD}"\nURL = MODEL + ":nitro"\n', id="variant-added"),
        pytest.param(f'MODEL = "google/{OLD}"\nURL = "{{}}:free".format(MODEL)\n', id="variant-in-a-template"),
        pytest.param(f'M = ("google/{OLD}"\n     ":free")\n', id="variant-in-an-implicit-concatenation"),
    ],
)
def test_searched_in_another_case_or_given_a_variant_holds_the_fix(src: str) -> None:
    result = lint_source(src, "x.py", SETTINGS)
    assert [d.fix is None for d in result.diagnostics] == [True], [d.message for d in result.diagnostics]
    assert fixed(src, unsafe=True) == src


@pytest.mark.parametrize(
    "src",
    [
        pytest.param(f'MODEL = "{OLD}"\nG = "gemini" in MODEL.lower()\n', id="family-word-in-lower"),
        pytest.param(f'MODEL = "{OLD}"\nURL = MODEL + ":generateContent"\n', id="a-method-of-the-api"),
        pytest.param(f'MODEL = "{OLD}"\nprint(f"{{MODEL}}: fast")\n', id="a-colon-ending-a-label"),
    ],
)
def test_the_same_answer_in_any_case_keeps_the_fix(src: str) -> None:
    assert fixed(src) == src.replace(OLD, "gemini-3.6-flash")


@pytest.mark.parametrize(
    "src",
    [
        pytest.param(f'import subprocess\n\nfound = subprocess.run("grep -rn {OLD} src/", shell=True)\n', id="grep"),
        pytest.param(f'import os\n\nos.system("git grep -q \'{OLD}\' -- \'*.py\'")\n', id="git-grep"),
    ],
)
def test_a_string_a_shell_search_looks_in_gets_no_fix(src: str) -> None:
    """A shell command that searches for the ID (a guard against the old model; a review of variants,
    2026-12-07): renamed, it looked for the new model."""
    (diagnostic,) = lint_source(src, "x.py", SETTINGS).diagnostics
    assert diagnostic.fix is None and "a text search" in diagnostic.message
    assert fixed(src, unsafe=True) == src
