"""The Markdown / reStructuredText / plain-text reader: what is code (GL001), what is prose (GL002)."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from conftest import console_script, make_settings
from gemini_lint.cli import main
from gemini_lint.linter import reader_for
from gemini_lint.matching import Matcher
from gemini_lint.registry import LegacyModel, load_packaged
from gemini_lint.sources import Kind
from gemini_lint.sources.base import Context, LineIndex
from gemini_lint.sources.markdown import markdown_kinds, reader, rst_kinds, scan_markdown, scan_rst, scan_text

V, P = Context.VALUE, Context.PROSE
ID = "gemini-3-pro-image-preview"
GOLDEN = Path(__file__).parent / "golden" / "markdown"
CLI_ARGS = ["--isolated", "--today", "2026-11-25", "--ignore", "GL003"]

MATCHER = Matcher(load_packaged())


def found(kind: Kind, source: str) -> list[tuple[int, int, Context]]:
    """(line, column, context) of every ID the reader reports in ``source`` (``{m}`` stands for an ID)."""
    text = source.replace("{m}", ID)
    scan = reader(kind)(text, MATCHER)
    for mention in scan.mentions:
        assert text[mention.start : mention.end] == mention.model.id
    return [(m.position.line, m.position.column, m.context) for m in scan.mentions]


# ---------------------------------------------------------------------------------------------
# Markdown: each construct, with exact positions
# ---------------------------------------------------------------------------------------------

MARKDOWN_CASES = [
    pytest.param("Plain prose about {m}.\n", [(1, 19, P)], id="prose"),
    # In prose an underscore is emphasis, not part of a name (found by a review: these were missed).
    pytest.param("We call _{m}_ and __{m}__ now.\n", [(1, 10, P), (1, 44, P)], id="underscore-emphasis"),
    pytest.param("```python\nm = x_{m}\n```\n", [], id="underscore-joins-a-name-in-code"),
    pytest.param("Use `{m}` here.\n", [(1, 6, P)], id="inline-code-span"),
    pytest.param("Use ``{m}`` or ```{m}``` inline.\n", [(1, 7, P), (1, 42, P)], id="inline-code-multi-backtick"),
    pytest.param("[docs](https://x.dev/models/{m}) and <a href=\"{m}\">x</a>\n", [(1, 29, P), (1, 70, P)], id="link-url-and-inline-html"),
    pytest.param("# Using {m}\n", [(1, 9, P)], id="atx-heading"),
    pytest.param("```python\nm = \"{m}\"\n```\n", [(2, 6, V)], id="backtick-fence"),
    pytest.param("~~~\n{m}\n~~~\n", [(2, 1, V)], id="tilde-fence"),
    pytest.param("```{m}\nx\n```\n", [(1, 4, V)], id="fence-info-string"),
    pytest.param("   ```\n   {m}\n   ```\n", [(2, 4, V)], id="fence-indented-three-spaces"),
    pytest.param("````\n```\n{m}\n```\n````\n", [(3, 1, V)], id="longer-fence-holds-shorter"),
    pytest.param("Para.\n\n    {m}\n", [(3, 5, V)], id="indented-code"),
    pytest.param("Para.\n\n\t{m}\n", [(3, 2, V)], id="indented-code-tab"),
    pytest.param("# Title\n    {m}\n", [(2, 5, V)], id="indented-code-after-heading"),
    pytest.param("Title\n=====\n    {m}\n", [(3, 5, V)], id="indented-code-after-setext"),
    pytest.param("***\n    {m}\n", [(2, 5, V)], id="indented-code-after-thematic-break"),
    pytest.param("    a\n\n    {m}\n", [(3, 5, V)], id="indented-code-across-blank-line"),
    pytest.param("- item\n\n  ```\n  {m}\n  ```\n", [(4, 3, V)], id="fence-in-list-item"),
    pytest.param("1. item\n\n       {m}\n", [(3, 8, V)], id="indented-code-in-list-item"),
    pytest.param("-     {m}\n", [(1, 7, V)], id="list-item-starting-with-indented-code"),
    pytest.param("- a\n  - b\n\n    ```\n    {m}\n    ```\n", [(5, 5, V)], id="fence-in-nested-list"),
    pytest.param("> ```\n> {m}\n> ```\n", [(2, 3, V)], id="fence-in-blockquote"),
    pytest.param(">     {m}\n", [(1, 7, V)], id="indented-code-in-blockquote"),
    pytest.param("> - item\n>\n>   ```\n>   {m}\n>   ```\n", [(4, 5, V)], id="fence-in-list-in-blockquote"),
    pytest.param("> > ~~~\n> > {m}\n", [(2, 5, V)], id="fence-in-nested-blockquote"),
    pytest.param("Intro {m}\n\n```\n{m}\n\n{m}\n", [(1, 7, P), (4, 1, V), (6, 1, V)], id="unclosed-fence-runs-to-eof"),
    pytest.param("> quoted {m}\n", [(1, 10, P)], id="blockquote-prose"),
    pytest.param("<!-- {m} -->\n", [(1, 6, P)], id="html-comment"),
    pytest.param("<!--\n\n    {m}\n-->\n", [(3, 5, P)], id="html-comment-hides-indented-code"),
    pytest.param("<div>\n    {m}\n</div>\n", [(2, 5, P)], id="html-block"),
    pytest.param("<pre>\n\n    {m}\n</pre>\n", [(3, 5, P)], id="html-pre-block-spans-blank-lines"),
    pytest.param("<div>\n\n    {m}\n", [(3, 5, V)], id="html-block-ends-at-blank-line"),
    pytest.param("| a | b |\n|---|---|\n| {m} | x |\n", [(3, 3, P)], id="table"),
    pytest.param("---\ntitle: {m}\n---\n\n{m}\n", [(2, 8, P), (5, 1, P)], id="yaml-front-matter"),
    pytest.param("+++\nmodel = \"{m}\"\n+++\n", [(2, 10, P)], id="toml-front-matter"),
    pytest.param("```{code-cell} ipython3\n{m}\n```\n", [(2, 1, V)], id="myst-code-cell"),
    pytest.param("```{code-block} python\n{m}\n```\n", [(2, 1, V)], id="myst-code-block"),
    pytest.param("```{note} About {m}\n{m}\n```\n", [(1, 17, P), (2, 1, P)], id="myst-note-is-prose"),
    pytest.param("````{tip}\n{m}\n```\n{m}\n```\n````\n", [(2, 1, P), (4, 1, V)], id="myst-code-inside-note"),
    pytest.param("```{eval-rst}\nEx::\n\n    {m}\n\n{m}\n```\n", [(4, 5, V), (6, 1, P)], id="myst-eval-rst"),
    pytest.param("# T\r\n\r\n{m}\r\n```\r\n{m}\r\n```\r\n", [(3, 1, P), (5, 1, V)], id="crlf"),
    pytest.param("{m}\r```\r{m}\r```\r", [(1, 1, P), (3, 1, V)], id="cr-only"),
    pytest.param("\ufeff# T\n    {m}\n", [(2, 5, V)], id="byte-order-mark"),
    pytest.param("x\n\n```\n{m} {m}\n```\n", [(4, 1, V), (4, 28, V)], id="two-ids-one-line"),
]


@pytest.mark.parametrize(("source", "expected"), MARKDOWN_CASES)
def test_markdown_constructs(source: str, expected: list[tuple[int, int, Context]]) -> None:
    assert found(Kind.MARKDOWN, source) == expected


# Each of these trips a naive reader (regex for ``` pairs, "4 spaces = code", ...).
MARKDOWN_MUST_NOT_CONFUSE = [
    pytest.param("Para.\n\n    ```\n    x\n\n{m}\n", [(6, 1, P)], id="fence-inside-indented-block-opens-nothing"),
    pytest.param("```\n~~~\n{m}\n```\n{m}\n", [(3, 1, V), (5, 1, P)], id="tildes-do-not-close-backticks"),
    pytest.param("~~~\n```\n{m}\n~~~\n{m}\n", [(3, 1, V), (5, 1, P)], id="backticks-do-not-close-tildes"),
    pytest.param("````\n```\n{m}\n````\n{m}\n", [(3, 1, V), (5, 1, P)], id="shorter-fence-does-not-close"),
    pytest.param("```\n{m}\n`````\n{m}\n", [(2, 1, V), (4, 1, P)], id="longer-fence-closes"),
    pytest.param("~~~~\n~~~\n{m}\n~~~~~\n{m}\n", [(3, 1, V), (5, 1, P)], id="tilde-lengths"),
    pytest.param("```\n``` python\n{m}\n```\n", [(3, 1, V)], id="fence-with-info-does-not-close"),
    pytest.param("Para\n    ```\n{m}\n", [(3, 1, P)], id="four-space-fence-is-paragraph-text"),
    pytest.param("``` `{m}` ```\n", [(1, 6, P)], id="backtick-in-info-string-is-inline-code"),
    pytest.param("``\n{m}\n``\n", [(2, 1, P)], id="two-backticks-are-not-a-fence"),
    pytest.param("text ```\n{m} ```\n", [(2, 1, P)], id="backticks-mid-line"),
    pytest.param("- item\n\n    {m}\n", [(3, 5, P)], id="list-continuation-paragraph"),
    pytest.param("1.  item\n\n    {m}\n", [(3, 5, P)], id="ordered-list-continuation-paragraph"),
    pytest.param("10. item\n\n     {m}\n", [(3, 6, P)], id="wide-marker-continuation"),
    pytest.param("* item\n  more\n\n    {m}\n", [(4, 5, P)], id="star-list-continuation"),
    pytest.param("Para\n        {m}\n", [(2, 9, P)], id="paragraph-continuation-not-code"),
    pytest.param("> para\n    {m}\n", [(2, 5, P)], id="lazy-continuation-not-code"),
    pytest.param("- a\n    {m}\n", [(2, 5, P)], id="list-paragraph-continuation-not-code"),
    pytest.param("Para\n2. x\n        {m}\n", [(3, 9, P)], id="ordered-list-not-starting-at-one-cannot-interrupt"),
    pytest.param("> ```\n> x\n{m}\n", [(3, 1, P)], id="fence-ends-with-its-blockquote"),
    pytest.param("- ```\n  x\n{m}\n", [(3, 1, P)], id="fence-ends-with-its-list-item"),
    pytest.param("> ```\n\n{m}\n", [(3, 1, P)], id="blank-line-ends-blockquote-fence"),
    pytest.param("<!--\n```\n-->\n{m}\n", [(4, 1, P)], id="fence-inside-html-comment"),
    pytest.param("---\na: 1\n```\n---\n{m}\n", [(5, 1, P)], id="fence-inside-front-matter"),
    pytest.param("---\ntitle: t\n\n    {m}\n---\n", [(4, 5, P)], id="indented-front-matter"),
    pytest.param(">\t{m}\n", [(1, 3, P)], id="tab-after-blockquote-marker"),
    pytest.param("-\t{m}\n", [(1, 3, P)], id="tab-after-list-marker"),
    pytest.param("```{note}\n{m}\n```\n", [(2, 1, P)], id="myst-directive-body-is-prose"),
    pytest.param("Ex::\n\n  {m}\n", [(3, 3, P)], id="rst-literal-marker-means-nothing-in-markdown"),
    pytest.param("A {m}-2 and {m}er and x{m}\n", [], id="not-whole-tokens"),
    pytest.param("```\nx\n```\n\n{m}\n", [(5, 1, P)], id="prose-after-closed-fence"),
    pytest.param("    x\n{m}\n", [(2, 1, P)], id="indented-code-ends-at-unindented-line"),
    pytest.param("- a\n-\n\n      {m}\n", [(4, 7, V)], id="empty-item-ends-at-blank-line"),
    pytest.param("+++\nx\n", [], id="unclosed-front-matter-is-text"),
    pytest.param("---\n\n```\n{m}\n```\n---\n", [(4, 1, V)], id="thematic-break-is-not-front-matter"),
    pytest.param("---\nSome text\n---\n    {m}\n", [(4, 5, V)], id="setext-heading-is-not-front-matter"),
]


@pytest.mark.parametrize(("source", "expected"), MARKDOWN_MUST_NOT_CONFUSE)
def test_markdown_must_not_confuse(source: str, expected: list[tuple[int, int, Context]]) -> None:
    assert found(Kind.MARKDOWN, source) == expected


# ---------------------------------------------------------------------------------------------
# reStructuredText
# ---------------------------------------------------------------------------------------------

RST_CASES = [
    pytest.param(".. _{m}: https://x\n\nSee {m}_.\n", [(1, 5, P), (3, 5, P)], id="hyperlink-target-and-reference"),
    pytest.param("Prose {m}.\n", [(1, 7, P)], id="prose"),
    pytest.param("Use ``{m}``.\n", [(1, 7, P)], id="inline-literal"),
    pytest.param("Example::\n\n    {m}\n", [(3, 5, V)], id="literal-block"),
    pytest.param("Example: ::\n\n    {m}\n", [(3, 5, V)], id="literal-block-expanded-form"),
    pytest.param("Para.\n\n::\n\n  {m}\n", [(5, 3, V)], id="literal-block-bare-marker"),
    pytest.param("Long paragraph\nending here::\n\n    {m}\n\n    {m}\n", [(4, 5, V), (6, 5, V)], id="literal-after-multiline-paragraph"),
    pytest.param("Example::  \n\n    {m}\n", [(3, 5, V)], id="literal-marker-trailing-space"),
    pytest.param("Ex::\n\n      {m}\n    {m}\n", [(3, 7, V), (4, 5, V)], id="literal-block-ragged-indent"),
    pytest.param("Ex::\n\n> {m}\n> {m}\n", [(3, 3, V), (4, 3, V)], id="quoted-literal-block"),
    pytest.param(".. code-block:: python\n\n   m = \"{m}\"\n", [(3, 9, V)], id="code-block"),
    pytest.param(".. code-block:: python\n   :caption: {m}\n   :linenos:\n\n   {m}\n", [(2, 14, P), (5, 4, V)], id="code-block-with-options"),
    pytest.param(".. code:: bash\n\n   export M={m}\n", [(3, 13, V)], id="code"),
    pytest.param(".. sourcecode:: python\n\n    {m}\n", [(3, 5, V)], id="sourcecode"),
    pytest.param(".. code-block::\n\n   {m}\n\n   {m}\n\nafter {m}\n", [(3, 4, V), (5, 4, V), (7, 7, P)], id="code-block-body-ends-at-dedent"),
    pytest.param(".. code-block:: python\n\n\t{m}\n", [(3, 2, V)], id="code-block-tab-body"),
    pytest.param("- item\n\n  .. code-block:: python\n\n     {m}\n", [(5, 6, V)], id="code-block-in-list"),
    pytest.param(">>> f(\"{m}\")\n... {m}\n\n{m}\n", [(1, 8, V), (2, 5, V), (4, 1, P)], id="doctest-block"),
    pytest.param("- Example::\n\n    {m}\n", [(3, 5, V)], id="literal-in-list-item"),
    pytest.param("#. Step::\n\n      {m}\n", [(3, 7, V)], id="literal-in-enumerated-item"),
    pytest.param(".. note::\n\n   Run::\n\n       {m}\n\n   {m}\n", [(5, 8, V), (7, 4, P)], id="literal-in-note"),
    pytest.param("Term\n    Def::\n\n        {m}\n", [(4, 9, V)], id="literal-in-definition"),
    pytest.param("- a\n>>> {m}\n", [(2, 5, V)], id="doctest-after-bullet-without-blank-line"),
    pytest.param(".. _target: https://x.dev/\n\n   Ex::\n\n       {m}\n", [(5, 8, V)], id="target-ends-at-blank-line"),
    pytest.param("T\r\n\r\nEx::\r\n\r\n    {m}\r\n\r\n{m}\r\n", [(5, 5, V), (7, 1, P)], id="crlf"),
    pytest.param(".. image:: /img/{m}/x.png\n   :alt: {m}\n", [(1, 17, P), (2, 10, P)], id="generic-directive"),
]


@pytest.mark.parametrize(("source", "expected"), RST_CASES)
def test_rst_constructs(source: str, expected: list[tuple[int, int, Context]]) -> None:
    assert found(Kind.RST, source) == expected


RST_MUST_NOT_CONFUSE = [
    pytest.param("Text with std::vector\n\n    {m}\n", [(3, 5, P)], id="double-colon-mid-line"),
    pytest.param("Ends with a::b\n\n    {m}\n", [(3, 5, P)], id="double-colon-not-at-end"),
    pytest.param("Term::\n    {m}\n", [(2, 5, P)], id="marker-without-blank-line-is-definition"),
    pytest.param("- Example::\n\n  {m}\n", [(3, 3, P)], id="literal-must-indent-past-item-text"),
    pytest.param("Ex::\n\n    x\n\n{m}\n", [(5, 1, P)], id="literal-block-ends-at-dedent"),
    pytest.param("Ex::\n\nNot literal {m}\n", [(3, 13, P)], id="unindented-text-after-marker"),
    pytest.param(".. note to self::\n\n   {m}\n", [(3, 4, P)], id="comment-ending-with-double-colon"),
    pytest.param(".. a comment\n   Ex::\n\n       {m}\n", [(4, 8, P)], id="literal-marker-inside-comment"),
    pytest.param(".. raw:: html\n\n   Ex::\n\n       {m}\n", [(5, 8, P)], id="raw-directive-body"),
    pytest.param(".. code-block::python\n\n   {m}\n", [(3, 4, P)], id="directive-needs-space-after-colons"),
    pytest.param(".. code-block:: python\n   :caption: Ex::\n\n   x\n\n{m}\n", [(6, 1, P)], id="code-block-then-prose"),
    pytest.param(">>>{m}\n", [(1, 4, P)], id="doctest-needs-space"),
    pytest.param(".. note:: {m}\n", [(1, 11, P)], id="admonition-argument"),
    pytest.param("..\n\n   {m}\n", [(3, 4, P)], id="empty-comment-then-block-quote"),
    pytest.param("Para\n\n   {m}\n", [(3, 4, P)], id="block-quote-is-prose"),
    pytest.param("```\n{m}\n```\n", [(2, 1, P)], id="markdown-fence-means-nothing-in-rst"),
    pytest.param("1. step\n>>> {m}\n", [(2, 5, P)], id="enumerator-without-indented-body-is-a-paragraph"),
    pytest.param("   >>> x\n {m}\n", [(2, 2, P)], id="doctest-block-ends-at-dedent"),
    pytest.param("Para\n>>> {m}\n", [(2, 5, P)], id="doctest-prompt-inside-paragraph"),
]


@pytest.mark.parametrize(("source", "expected"), RST_MUST_NOT_CONFUSE)
def test_rst_must_not_confuse(source: str, expected: list[tuple[int, int, Context]]) -> None:
    assert found(Kind.RST, source) == expected


# ---------------------------------------------------------------------------------------------
# Plain text
# ---------------------------------------------------------------------------------------------

TEXT_CASES = [
    pytest.param("We used {m}.\n", [(1, 9, P)], id="prose"),
    pytest.param("Para\n\n    {m}\n", [(3, 5, P)], id="indented-is-prose"),
    pytest.param("```\n{m}\n```\n", [(2, 1, P)], id="fence-is-prose"),
    pytest.param("Ex::\n\n    {m}\n", [(3, 5, P)], id="rst-literal-is-prose"),
    pytest.param("a\r\nb {m}\r\n", [(2, 3, P)], id="crlf"),
]


@pytest.mark.parametrize(("source", "expected"), TEXT_CASES)
def test_text_is_prose_everywhere(source: str, expected: list[tuple[int, int, Context]]) -> None:
    assert found(Kind.TEXT, source) == expected


# ---------------------------------------------------------------------------------------------
# Offsets, prose blocks, noqa, fix safety
# ---------------------------------------------------------------------------------------------


def test_offsets_index_the_file_text() -> None:
    text = f"# T\r\n\r\n```\r\nm = '{ID}'\r\n```\r\n"
    (mention,) = scan_markdown(text, MATCHER).mentions
    assert text[mention.start : mention.end] == ID
    assert (mention.position.line, mention.position.column) == (4, 6)
    assert (mention.position.end_line, mention.position.end_column) == (4, 6 + len(ID))
    assert mention.position.cell is None
    assert mention.fixable and not mention.unsafe


def test_mentions_are_sorted_by_start() -> None:
    text = f"{ID}\n\n```\n{ID}\n```\n{ID} `{ID}`\n\n    {ID}\n"
    starts = [m.start for m in scan_markdown(text, MATCHER).mentions]
    assert starts == sorted(starts)
    assert len(starts) == 5


PROSE_CASES = [
    pytest.param(
        Kind.MARKDOWN,
        "Free `x` tier\n\n```py\ncode\n```\n\n    indented\nend\n",
        "Free `x` tier\n\n     \n    \n   \n\n            \nend\n",
        id="markdown-code-blanked-inline-kept",
    ),
    pytest.param(
        Kind.MARKDOWN,
        "a\r\n\r\n~~~\r\nb\r\n~~~\r\nc",
        "a\r\n\r\n   \r\n \r\n   \r\nc",
        id="markdown-crlf-kept",
    ),
    pytest.param(
        Kind.MARKDOWN,
        "<!-- free -->\n---\n",
        "<!-- free -->\n---\n",
        id="markdown-comment-kept",
    ),
    pytest.param(
        Kind.RST,
        "Ex::\n\n  lit\n\n.. code:: py\n   :caption: c\n\n   code\n",
        "Ex::\n\n     \n\n.. code:: py\n   :caption: c\n\n       \n",
        id="rst-literal-and-directive-body-blanked",
    ),
    pytest.param(Kind.TEXT, "```\ncode\n```\n", "```\ncode\n```\n", id="text-unchanged"),
]


@pytest.mark.parametrize(("kind", "source", "prose"), PROSE_CASES)
def test_prose_block(kind: Kind, source: str, prose: str) -> None:
    scan = reader(kind)(source, MATCHER)
    (block,) = scan.prose
    assert block.text == prose
    assert len(block.text) == len(source)
    assert block.cell is None
    assert block.index.starts == LineIndex(source).starts


def test_noqa_markers() -> None:
    text = f"a {ID} <!-- noqa: GL002 -->\n\n```\nx = '{ID}'  # noqa\n```\n"
    scan = scan_markdown(text, MATCHER)
    assert scan.noqa == {(None, 1): frozenset({"GL002"}), (None, 4): None}
    # <!--noqa--> without blanks; a definition list's ':' on the next line is not the marker's colon.
    text = f"a {ID} <!--noqa-->\n\nTerm {ID} # noqa\n: a definition\n\nb {ID} <!-- noqa-ish -->\n\nc {ID} <!--#noqa-->\n"
    assert scan_markdown(text, MATCHER).noqa == {(None, 1): None, (None, 3): None, (None, 8): None}


def _model(old: str, new: str) -> LegacyModel:
    return LegacyModel(old, new, dt.date(2026, 1, 1), dt.date(2026, 2, 1))


GROWING = Matcher([_model("old-model-x", "new-model-much-longer-x")])

RST_FIX_SAFETY = [
    pytest.param(GROWING, "+-------------+\n| old-model-x |\n+-------------+\n", False, id="grid-row-growing"),
    pytest.param(MATCHER, f"+----+\n| {ID} |\n+----+\n", False, id="grid-row-shrinking"),
    pytest.param(GROWING, "=====  ====\nA      B\n=====  ====\nold-model-x  1\n=====  ====\n", False, id="simple-table-growing"),
    # Shortened, an ID with a cell after it on its line moves that cell left, out of its column
    # ("gemini-3-pro-image-preview  0.134" became one merged cell); ending the line, it moves nothing.
    pytest.param(MATCHER, f"=====  ====\nA      B\n=====  ====\n{ID}  1\n=====  ====\n", False, id="simple-table-shrinking"),
    pytest.param(MATCHER, f"=====  ====\nA      B\n=====  ====\n1      {ID}\n=====  ====\n", True, id="simple-table-shrinking-last"),
    pytest.param(MATCHER, f"=====  ====\nA      B\n=====  ====\n1      {ID}  \n=====  ====\n", True, id="simple-table-shrinking-last-blanks"),
    pytest.param(MATCHER, f"Text {ID} here.\n", True, id="prose-shrinking"),
    pytest.param(GROWING, "Using old-model-x\n=================\n", False, id="title-underline-too-short"),
    pytest.param(GROWING, "Using old-model-x\n" + "=" * 40 + "\n", True, id="title-underline-long-enough"),
    pytest.param(MATCHER, f"Using {ID}\n" + "=" * (6 + len(ID)) + "\n", True, id="title-shrinking"),
    pytest.param(GROWING, "Text old-model-x here.\n", True, id="prose-growing"),
    pytest.param(GROWING, "Ex::\n\n    old-model-x\n    =====\n", True, id="literal-growing"),
]


@pytest.mark.parametrize(("matcher", "source", "fixable"), RST_FIX_SAFETY)
def test_rst_fixes_that_would_break_markup_are_withheld(matcher: Matcher, source: str, fixable: bool) -> None:
    (mention,) = scan_rst(source, matcher).mentions
    assert mention.fixable is fixable
    assert bool(mention.reason) is not fixable


NEW = "gemini-3-pro-image"
VS, PR = (V, True, False), (P, True, False)  # a safe value fix; a prose mention (its fix needs --unsafe-fixes)

FIX_SAFETY_CASES = [
    pytest.param(Kind.MARKDOWN, "```python\nm = '{m}'\n```\n", [(V, True, False)], id="plain-code-block-safe"),
    pytest.param(Kind.MARKDOWN, "```diff\n-m = '{m}'\n+m = '{new}'\n```\n", [(P, False, False)], id="diff-removed-line"),
    pytest.param(Kind.MARKDOWN, "```diff\n {m}\n```\n", [(V, True, False)], id="diff-context-line"),
    pytest.param(Kind.MARKDOWN, "```diff\n--- a/{m}/x\n```\n", [(V, True, False)], id="diff-file-header"),
    pytest.param(Kind.MARKDOWN, "- ```patch\n  -m = '{m}'\n  ```\n", [(P, False, False)], id="diff-in-list-item"),
    pytest.param(Kind.MARKDOWN, "```{code-block} diff\n-m = {m}\n```\n", [(P, False, False)], id="myst-diff"),
    pytest.param(Kind.MARKDOWN, "```python\n-m = {m}\n```\n", [(V, True, False)], id="minus-outside-diff"),
    pytest.param(Kind.MARKDOWN, "```py\nold = '{m}'\nnew = '{new}'\n```\n", [(V, True, True)], id="before-after-block-unsafe"),
    pytest.param(Kind.MARKDOWN, "```py\nold = '{m}'\n```\n\nUse {new}.\n", [(V, True, False)], id="replacement-in-prose-only"),
    pytest.param(Kind.MARKDOWN, "```py\nold = '{m}'\n```\n\n    {new}\n", [(V, True, True)], id="replacement-in-another-block"),
    pytest.param(Kind.RST, ".. code-block:: diff\n\n   -m = {m}\n   +m = {new}\n", [(P, False, False)], id="rst-diff"),
    pytest.param(Kind.RST, ".. code-block:: diff\n\n    {m}\n   +x\n", [(V, True, False)], id="rst-diff-context-line"),
    pytest.param(Kind.RST, "Ex::\n\n   a = '{m}'\n   b = '{new}'\n", [(V, True, True)], id="rst-before-after-literal"),
    # Two legacy IDs a fix gives the same name: as keys of one mapping (unparsed here) they would merge.
    pytest.param(
        Kind.MARKDOWN, '```json\n{"{m}": 1, "{other}": 2}\n```\n', [(V, True, True)] * 2, id="block-ids-merging"
    ),
    pytest.param(Kind.MARKDOWN, "```yaml\n{m}: 1\n```\n\n```yaml\n{other}: 2\n```\n", [(V, True, True)] * 2, id="merge-across-blocks"),
    # A document that names the new ID anywhere is about the migration: its "before" blocks keep their IDs.
    pytest.param(Kind.MARKDOWN, "Before:\n```py\nm = '{m}'\n```\nAfter:\n```py\nm = '{new}'\n```\n", [(V, True, True)], id="before-after-blocks"),
    pytest.param(Kind.MARKDOWN, "```py\nm = '{m}'\n```\n\nUse {new}-2 later.\n", [(V, True, False)], id="new-id-only-inside-a-longer-token"),
    pytest.param(Kind.MARKDOWN, "```py\na = '{m}'\nb = '{m}'\n```\n", [(V, True, False)] * 2, id="same-id-twice-safe"),
    # A comment in a code block is prose, as in a .py file: "# Until June this called <old>" must stay true.
    pytest.param(Kind.MARKDOWN, "```python\n# Until 2026-06 this called {m}, which Google shut down.\n```\n", [PR], id="python-comment-line"),
    pytest.param(Kind.MARKDOWN, "```python\nm = '{m}'  # was {m}\n```\n", [VS, PR], id="python-trailing-comment"),
    pytest.param(Kind.MARKDOWN, "```python\nm = 'a # {m}'\n```\n", [VS], id="python-hash-in-string"),
    pytest.param(Kind.MARKDOWN, "```py\nm = \"it's\"; n = 1#{m}\n```\n", [PR], id="python-hash-anywhere-after-string"),
    pytest.param(Kind.MARKDOWN, "```py\nm = \"a\\\" # {m}\"\nn = \"C:\\\\\\\\\" # {m}\n```\n", [VS, PR], id="python-escaped-quotes"),
    pytest.param(Kind.MARKDOWN, "```bash\nexport M={m} # old {m}\n```\n", [VS, PR], id="bash-comment"),
    pytest.param(Kind.MARKDOWN, "```sh\necho \"a # {m}\" 'b # {m}'\n```\n", [VS, VS], id="shell-hash-in-quotes"),
    pytest.param(Kind.MARKDOWN, "```shell\nv=${M#x} {m}\ncurl http://x/#{m}\n```\n", [VS, VS], id="shell-hash-inside-a-word"),
    pytest.param(Kind.MARKDOWN, "```bash\necho 'C:\\' # {m}\n```\n", [PR], id="shell-single-quotes-have-no-escapes"),
    pytest.param(Kind.MARKDOWN, "```zsh\ntrue;# {m}\n```\n", [PR], id="shell-comment-after-semicolon"),
    pytest.param(Kind.MARKDOWN, "```yaml\nmodel: {m}  # was {m}\n```\n", [VS, PR], id="yaml-comment"),
    pytest.param(Kind.MARKDOWN, "```yaml\nnote: it's {m} # {m}\nm: \"a # {m}\"\nx: a#{m}\n```\n", [VS, PR, VS, VS], id="yaml-quotes-and-hashes"),
    pytest.param(Kind.MARKDOWN, "```toml\nm = \"{m}\" # {m}\n```\n", [VS, PR], id="toml-comment"),
    pytest.param(Kind.MARKDOWN, "```ini\n; {m}\nm = {m}\n```\n", [PR, VS], id="ini-comment"),
    pytest.param(Kind.MARKDOWN, "```dotenv\n# {m}\nM=\"{m}\"\n```\n", [PR, VS], id="dotenv-comment"),
    pytest.param(Kind.MARKDOWN, "```Dockerfile\n# {m}\nENV M={m}\n```\n", [PR, VS], id="dockerfile-comment"),
    pytest.param(Kind.MARKDOWN, "```js\nconst m = '{m}'; // {m}\nfetch('https://x.dev//{m}')\n```\n", [VS, PR, VS], id="js-line-comment"),
    pytest.param(Kind.MARKDOWN, "```go\n/* {m}\n * {m} */ f(\"{m}\")\n```\n", [PR, PR, VS], id="go-block-comment"),
    pytest.param(Kind.MARKDOWN, "```c\n#define M \"{m}\"\n```\n", [VS], id="c-hash-is-code"),
    pytest.param(Kind.MARKDOWN, "```sql\n-- {m}\nSELECT '{m}';\n```\n", [PR, VS], id="sql-comment"),
    pytest.param(Kind.MARKDOWN, "```html\n<!-- {m} -->\n<p>{m}</p>\n```\n", [PR, VS], id="html-comment"),
    pytest.param(Kind.MARKDOWN, "```json\n{\"m\": \"# {m}\"}\n```\n", [VS], id="json-has-no-comments"),
    pytest.param(Kind.MARKDOWN, "```\n# {m}\nm = '{m}' // {m}\n```\n", [PR, VS, PR], id="no-language-takes-hash-and-slashes"),
    pytest.param(Kind.MARKDOWN, "```mermaid\ncurl http://x/#{m} a#{m}\n```\n", [VS, VS], id="unknown-language-hash-inside-a-word"),
    pytest.param(Kind.MARKDOWN, "Para.\n\n    # {m}\n    {m}\n", [PR, VS], id="indented-code-comment"),
    pytest.param(Kind.MARKDOWN, "\ufeff    # {m}\n", [PR], id="indented-comment-after-byte-order-mark"),
    pytest.param(Kind.MARKDOWN, "> - ```py\n>   \tm = '{m}'\t# {m}\n>   ```\n", [VS, PR], id="comment-after-tabs-in-containers"),
    pytest.param(Kind.MARKDOWN, "```{eval-rst}\n.. code-block:: python\n\n   m = '{m}'  # {m}\n```\n", [VS, PR], id="myst-eval-rst-comment"),
    pytest.param(Kind.MARKDOWN, "```diff\n # {m}\n```\n", [VS], id="diff-has-no-comments"),
    # Quoted program output is prose: "models/<old> is not found" must stay true.
    *(
        pytest.param(Kind.MARKDOWN, f"```{language}\n404 NOT_FOUND. models/{{m}} is not found\n```\n", [PR], id=f"{language}-fence-is-prose")
        for language in ("text", "txt", "plaintext", "output", "log", "none")
    ),
    pytest.param(Kind.MARKDOWN, "```{code-block} text\n{m}\n```\n", [PR], id="myst-text-block"),
    pytest.param(Kind.MARKDOWN, "> - ```text\n>   {m}\n>   ```\n", [PR], id="text-fence-in-containers"),
    pytest.param(
        Kind.MARKDOWN,
        "```console\n$ run --model {m} \\\n    --size {m}\n404 models/{m} is not found\n> echo {m}  # {m}\n$\n{m}\n```\n",
        [VS, VS, PR, VS, PR, PR],
        id="console-commands-and-output",
    ),
    pytest.param(Kind.MARKDOWN, "```shell-session\npip install {m}\n```\n", [PR], id="console-line-without-prompt-is-output"),
    pytest.param(Kind.MARKDOWN, "```pycon\n>>> m = '{m}'  # {m}\n... {m}\n'{m}'\n```\n", [VS, PR, VS, PR], id="pycon-prompts-and-output"),
    pytest.param(Kind.RST, ".. code-block:: text\n\n   404 NOT_FOUND. models/{m} is not found\n", [PR], id="rst-text-block"),
    pytest.param(Kind.RST, ".. code-block:: python\n\n   m = '{m}'  # was {m}\n", [VS, PR], id="rst-python-comment"),
    pytest.param(Kind.RST, ".. code-block:: python\n\n\tm = '{m}'\t# {m}\n", [VS, PR], id="rst-comment-after-tab"),
    pytest.param(Kind.RST, "Ex::\n\n    # {m}\n    {m}\n", [PR, VS], id="rst-literal-block-comment"),
    pytest.param(Kind.RST, ".. testcode::\n\n   x = 1#{m}\n", [PR], id="rst-testcode-is-python"),
    pytest.param(Kind.RST, ".. code:: console\n\n   $ run {m}\n   {m} ready\n", [VS, PR], id="rst-console"),
    pytest.param(Kind.RST, ">>> m = '{m}'  # {m}\n>>> m\n'{m}'\n", [VS, PR, VS], id="rst-doctest-output-stays-code"),
    # A text search looks for the old name (a migration guide's "find every use", a guard that fails while
    # it is named): renamed, it looked for the new model (a review of variants, 2026-12-07).
    pytest.param(
        Kind.MARKDOWN,
        "```bash\ngrep -rn \"{m}\" src/\n! git grep -q {m}\nrg -F {m} | wc -l\necho x | grep -c {m}\n"
        "git log -S {m} --oneline\nSelect-String -Pattern {m} *.py\n```\n",
        [(V, False, False)] * 6,
        id="searched-by-grep",
    ),
    pytest.param(Kind.RST, ".. code-block:: console\n\n   $ grep -r {m} .\n", [(V, False, False)], id="rst-searched-by-grep"),
    pytest.param(
        Kind.MARKDOWN,
        "```bash\nrun --model {m} | grep score\nllm -m {m} 'grep the logs'\ntag {m}; grep x\n```\n",
        [VS, VS, VS],
        id="grep-after-the-id-keeps-the-fix",
    ),
]

OLD_FLASH, OTHER = "gemini-2.5-flash-image-preview", "gemini-3.1-flash-image-preview"  # both become one ID


@pytest.mark.parametrize(("kind", "source", "expected"), FIX_SAFETY_CASES)
def test_fix_safety_in_code_blocks(kind: Kind, source: str, expected: list[tuple[Context, bool, bool]]) -> None:
    if "{other}" in source:
        source = source.replace("{m}", OLD_FLASH).replace("{other}", OTHER)
    text = source.replace("{new}", NEW).replace("{m}", ID)
    scan = reader(kind)(text, MATCHER)
    assert [(m.context, m.fixable, m.unsafe) for m in scan.mentions] == expected
    assert all(bool(m.reason) is (m.unsafe or not m.fixable) for m in scan.mentions)


def test_empty_inputs() -> None:
    assert markdown_kinds([]) == bytearray()
    assert rst_kinds([]) == bytearray()
    for kind in (Kind.MARKDOWN, Kind.RST, Kind.TEXT):
        scan = reader(kind)("", MATCHER)
        assert scan.mentions == [] and scan.prose[0].text == "" and scan.noqa == {}


def test_readers_by_kind() -> None:
    assert reader(Kind.MARKDOWN) is scan_markdown
    assert reader(Kind.RST) is scan_rst
    assert reader(Kind.TEXT) is scan_text
    assert reader_for(Kind.MARKDOWN) is scan_markdown
    with pytest.raises(ValueError, match="no Markdown-family reader"):
        reader(Kind.PYTHON)


_PIECES = [
    " ", "  ", "    ", "\t", "\n", "\r\n", "\r", ">", "> ", "-", "- ", "*", "1.", "2)", "```", "~~~",
    "````", "```{note}", "```{eval-rst}", "<!--", "-->", "<div>", "<pre>", "</pre>", "<x y='1'>", "#",
    "===", "---", "+++", "::", "..", ".. code-block:: py", ".. raw:: html", ":opt:", ">>> ", "|", "+",
    "x", ID, "\ufeff", "\x0c", "\u2028", "é", "\x00", "```sh", "```console", "```text", "```js", "$ ",
    "# ", "//", "/*", "*/", "'", '"', "\\", ".. code-block:: console",
]


@pytest.mark.parametrize("kind", [Kind.MARKDOWN, Kind.RST, Kind.TEXT])
def test_never_raises_and_keeps_invariants(kind: Kind) -> None:
    rng = random.Random(20261125)
    samples = ["", "\n", "```", ">" * 3000, "- " * 2000, "`" * 5000, "````{note}\n" * 40, "   ::\n\n" * 3]
    samples += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 50))) for _ in range(600)]
    for text in samples:
        scan = reader(kind)(text, MATCHER)
        (block,) = scan.prose
        assert len(block.text) == len(text)
        assert all(a == b or (b == " " and a not in "\r\n") for a, b in zip(text, block.text))
        starts = [m.start for m in scan.mentions]
        assert starts == sorted(starts)
        assert all(text[m.start : m.end] == m.model.id for m in scan.mentions)
        assert scan.writable


# ---------------------------------------------------------------------------------------------
# Golden files through the CLI
# ---------------------------------------------------------------------------------------------

GOLDEN_INPUTS = sorted(p for p in GOLDEN.iterdir() if p.is_file() and not p.name.startswith(".") and p.name.count(".") == 1)


def test_golden_inputs_cover_every_kind() -> None:
    assert {p.suffix for p in GOLDEN_INPUTS} == {".md", ".rst", ".txt"}


@pytest.mark.parametrize("source", GOLDEN_INPUTS, ids=lambda p: p.name)
def test_golden(source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    name = source.name
    expected_output = (GOLDEN / f"{source.stem}.expected.txt").read_text(encoding="utf-8")
    expected_fixed = (GOLDEN / f"{source.stem}.fixed{source.suffix}").read_bytes()
    shutil.copyfile(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)

    status = main([*CLI_ARGS, name])
    assert capsys.readouterr().out == expected_output
    assert status == (1 if expected_output.startswith(name) else 0)

    main([*CLI_ARGS, "--fix", name])
    *after_first, summary = capsys.readouterr().out.splitlines()
    assert (tmp_path / name).read_bytes() == expected_fixed
    findings = [line for line in expected_output.splitlines() if line.startswith(f"{name}:")]
    fixed = int(summary.split()[1]) if summary.startswith("Fixed ") else 0 if summary.startswith("Found ") else -1
    assert fixed + len(after_first) == len(findings)
    assert set(after_first) <= set(findings)  # what remains is reported as before, at the same place

    main([*CLI_ARGS, "--fix", name])  # idempotent: a second --fix changes nothing and reports the same
    *after_second, summary = capsys.readouterr().out.splitlines()
    assert summary.startswith("Found ")
    assert after_second == after_first
    assert (tmp_path / name).read_bytes() == expected_fixed


def test_golden_crlf_input_really_has_crlf() -> None:
    data = (GOLDEN / "crlf.md").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 0
    assert (GOLDEN / "crlf.fixed.md").read_bytes().count(b"\r\n") == data.count(b"\r\n")


def test_unsafe_fixes_leave_grid_tables_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copyfile(GOLDEN / "guide.rst", tmp_path / "guide.rst")
    monkeypatch.chdir(tmp_path)
    main([*CLI_ARGS, "--fix", "--unsafe-fixes", "guide.rst"])
    capsys.readouterr()
    fixed = (tmp_path / "guide.rst").read_text(encoding="utf-8")
    assert fixed.count(ID) == 1
    assert f"| {ID} | retired  |" in fixed
    assert "-preview" not in fixed.replace(f"| {ID} |", "")
    main([*CLI_ARGS, "guide.rst"])
    assert capsys.readouterr().out.splitlines()[0].startswith("guide.rst:37:3: GL002 ")


def test_console_script(tmp_path: Path) -> None:
    shutil.copyfile(GOLDEN / "readme.md", tmp_path / "readme.md")
    beside = Path(sys.executable).with_name("gemini-lint")
    script = str(beside) if beside.is_file() else shutil.which("gemini-lint")
    command = [script] if script else [sys.executable, "-m", "gemini_lint"]
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(
        [*command, *CLI_ARGS, "readme.md"], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 1
    assert result.stdout == (GOLDEN / "readme.expected.txt").read_text(encoding="utf-8")
    result = subprocess.run(
        [*command, *CLI_ARGS, "--fix", "readme.md"], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
    )
    assert (tmp_path / "readme.md").read_bytes() == (GOLDEN / "readme.fixed.md").read_bytes()


def test_console_script_keeps_comments_and_output(tmp_path: Path, run_cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    """A plain --fix through the installed script rewrites code, never a code comment or quoted output."""
    source = (
        "# Migrating\n\n"
        "```python\n"
        f"# Until 2026-06 this called {ID}, which Google shut down.\n"
        f'MODEL = "{ID}"\n'
        "```\n\n"
        "```text\n"
        f"404 NOT_FOUND. models/{ID} is not found\n"
        "```\n\n"
        "```console\n"
        f"$ export IMAGE_MODEL={ID}  # was the default\n"
        f"models/{ID} is not found\n"
        "```\n"
    )
    (tmp_path / "guide.md").write_text(source, encoding="utf-8")
    result = run_cli(*CLI_ARGS, "--fix", "guide.md", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "guide.md").read_text(encoding="utf-8") == source.replace(
        f'MODEL = "{ID}"', f'MODEL = "{NEW}"'
    ).replace(f"IMAGE_MODEL={ID}", f"IMAGE_MODEL={NEW}")
    assert [line.split(" [")[0] for line in result.stdout.splitlines()[:-1]] == [
        "guide.md:4:29: GL002",
        "guide.md:9:23: GL002",
        "guide.md:14:8: GL002",
    ]
    assert result.stdout.splitlines()[-1].startswith("Fixed 2 findings in 1 file; 3 findings remaining")
    result = run_cli(*CLI_ARGS, "--fix", "--unsafe-fixes", "guide.md", cwd=tmp_path)
    # The comment that says Google shut the ID down stays: renamed, it would say so of the new model.
    assert result.returncode == 1, result.stdout + result.stderr
    assert "guide.md:4:29: GL002" in result.stdout and "its sentence says the ID is retired" in result.stdout
    said = f"# Until 2026-06 this called {ID}, which Google shut down.\n"
    assert (tmp_path / "guide.md").read_text(encoding="utf-8") == source.replace(said, "@").replace(ID, NEW).replace("@", said)


def test_ids_in_underscore_markup_are_found_through_the_command(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """The engine's cheap tests look past prose underscores too: such a file was never read."""
    (tmp_path / "emph.md").write_text(f"We call _{ID}_ now.\n")
    (tmp_path / "tgt.rst").write_text(f".. _{ID}: https://x\n")
    result = run_cli(*CLI_ARGS, ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert [line.split(" ")[0] for line in result.stdout.splitlines()[:-1]] == ["emph.md:1:10:", "tgt.rst:1:5:"]


def test_ids_in_shields_badges_are_found_not_fixed(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """A review (2026-12-07): a badge writes each '-' of its text as '--', which hid the ID from the search
    (and the engine's cheap tests left such a file unread); the README's most visible model name."""
    badge = "https://img.shields.io/badge/model-" + ID.replace("-", "--") + "-blue"
    (tmp_path / "README.md").write_text(f"# App\n\n[![Model]({badge})](https://x)\n![ok](https://img.shields.io/badge/model-"
                                        + NEW.replace("-", "--") + "-green)\n")
    (tmp_path / "index.rst").write_text(f".. image:: {badge}\n")
    result = run_cli(*CLI_ARGS, ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert [line.split(" ")[:2] for line in result.stdout.splitlines()[:-1]] == [
        ["README.md:3:46:", "GL002"], ["index.rst:1:47:", "GL002"],
    ]
    assert "inside a shields.io badge's address" in result.stdout
    before = (tmp_path / "README.md").read_bytes()
    assert run_cli(*CLI_ARGS, "--fix", "--unsafe-fixes", ".", cwd=tmp_path).returncode == 1
    assert (tmp_path / "README.md").read_bytes() == before
    # The span is the ID as written in the badge.
    (mention,) = scan_markdown(f"![m]({badge})\n", MATCHER).mentions
    assert f"![m]({badge})"[mention.start : mention.end] == ID.replace("-", "--")


@pytest.mark.parametrize(
    ("source", "line"),
    [
        pytest.param("```python\n# Nano Banana 2 is free to use through the Gemini API.\nx = 1\n```\n", 2,
                     id="comment-in-a-code-block"),
        pytest.param("```sql\nselect 1; -- Nano Banana 2 is free to use through the Gemini API.\n```\n", 2,
                     id="sql-comment"),
        pytest.param("```text\nNano Banana 2 is free to use through the Gemini API.\n```\n", 2, id="text-block"),
        pytest.param("```python\nx = 'Nano Banana 2 is free to use through the Gemini API.'\n```\n", None,
                     id="string-in-code-is-no-prose"),
    ],
)
def test_free_claims_in_the_prose_of_code_blocks(source: str, line: int | None) -> None:
    """Comments in code blocks and plain-text blocks are prose for GL002: for GL003 too (they were blanked)."""
    from gemini_lint.config import Settings
    from gemini_lint.linter import lint_source

    settings = Settings(enabled=frozenset({"GL003"}), today=dt.date(2026, 11, 25))
    found = [d.line for d in lint_source(source, "guide.md", settings).diagnostics]
    assert found == ([line] if line else [])


SIMPLE_TABLE = (
    "==========================  =====\n"
    "Model                       Price\n"
    "==========================  =====\n"
    f"{ID}  0.134\n"
    "==========================  =====\n"
)
#: The same table with the model in the last column, whose text may end anywhere.
SIMPLE_TABLE_LAST = (
    "=====  ==========================\n"
    "Price  Model\n"
    "=====  ==========================\n"
    f"0.134  {ID}\n"
    "0.067  gemini-3.1-flash-image-preview\n"
    "=====  ==========================\n"
)


def test_simple_table_cells_after_a_shorter_id_are_not_moved() -> None:
    """Shortened, ``<ID>  0.134`` became ``gemini-3-pro-image  0.134``: docutils read one merged cell."""
    from gemini_lint.linter import applicable, fix_source, lint_source

    settings = make_settings()
    (diagnostic,) = lint_source(SIMPLE_TABLE, "t.rst", settings).diagnostics
    assert diagnostic.fix is None
    assert "inside an rst simple table, where a shorter ID moves the cells after it out of their columns" in (
        diagnostic.message
    )
    diagnostics = lint_source(SIMPLE_TABLE_LAST, "t.rst", settings).diagnostics
    assert fix_source(SIMPLE_TABLE_LAST, applicable(diagnostics, unsafe_fixes=True)) == (
        "=====  ==========================\n"
        "Price  Model\n"
        "=====  ==========================\n"
        "0.134  gemini-3-pro-image\n"
        "0.067  gemini-3.1-flash-image\n"
        "=====  ==========================\n"
    )


def test_simple_table_through_the_command(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "prices.rst").write_text(SIMPLE_TABLE, encoding="utf-8")
    (tmp_path / "last.rst").write_text(SIMPLE_TABLE_LAST, encoding="utf-8")
    result = run_cli(*CLI_ARGS, "--fix", "--unsafe-fixes", "prices.rst", "last.rst", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "prices.rst").read_bytes() == SIMPLE_TABLE.encode()
    assert (tmp_path / "last.rst").read_bytes() == SIMPLE_TABLE_LAST.replace("-preview", "").encode()
    assert result.stdout.startswith("prices.rst:4:1: GL002 ")


FLASH_ID, FLASH_NEW = "gemini-3.1-flash-image-preview", "gemini-3.1-flash-image"
#: (name, source, what --fix --unsafe-fixes writes). An anchor holding an ID (a heading, an rst target or
#: section title) and a link in the same file that points to it are fixed together or not at all.
LINKED_ANCHORS = [
    pytest.param(
        "x.md",
        f"# Guide\n\n## {ID}\n\nIt renders 4K.\n\n## Migrating\n\n"
        f"Read [the old model notes](#{ID}) before you switch to {NEW}.\n",
        None,  # the link's line names the replacement, so it is held: the heading too
        id="md-link-held-holds-heading",
    ),
    pytest.param(
        "x.md",
        f"# Guide\n\n## {ID}\n\nIt renders 4K.\n\nRead [the notes](#{ID}) first.\n",
        f"# Guide\n\n## {NEW}\n\nIt renders 4K.\n\nRead [the notes](#{NEW}) first.\n",
        id="md-both-fixed",
    ),
    pytest.param(
        "x.md",
        f"# Guide\n\n## Using {ID}\n\n- [Using it](#using-{ID})\n",
        None,  # in the fragment a '-' joins the ID to 'using': no token, so the link cannot follow
        id="md-slug-of-a-longer-heading",
    ),
    pytest.param(
        "x.md",
        f"# Guide\n\n## Using {ID} today\n\n- [Using it](#using-{ID}-today)\n",
        None,  # in the fragment the ID runs on into '-today': no token, so the link cannot follow
        id="md-slug-runs-on-after-the-id",
    ),
    pytest.param(
        "x.md",
        f"# Guide\n\n## {ID}\n\nRead [the notes](#{ID}). <!-- noqa: GL002 -->\n",
        None,
        id="md-link-silenced-holds-heading",
    ),
    pytest.param(
        "x.md",
        f"# Guide\n\n## {FLASH_ID}\n\nRead [the notes](#gemini-31-flash-image-preview).\n",
        None,  # the anchor drops the dot: the link holds no ID, so it cannot follow
        id="md-dotted-heading-link-without-the-id",
    ),
    pytest.param(
        "x.md",
        f"# Guide\n\n## {ID}\n\nOld.\n\n## {ID}\n\nRead [the second](#{ID}-1).\n",
        None,
        id="md-duplicate-heading-suffix",
    ),
    pytest.param(
        "x.md",
        f"# Guide\n\n## {ID}\n\n## {NEW}\n\nRead [the old notes](#{ID}) first.\n",
        None,  # renamed, the first heading would take the second's anchor
        id="md-renamed-anchor-collides",
    ),
    pytest.param(
        "x.md",
        f"# Guide\n\nRead [the notes](models.md#{ID}) first.\n",
        None,
        id="md-link-to-another-file",
    ),
    pytest.param(
        "x.md",
        f"# Guide\n\nRead [the notes](#{ID}) first.\n",
        None,
        id="md-link-to-a-missing-anchor",
    ),
    pytest.param(
        "x.md",
        f'# Guide\n\n<a id="{ID}"></a>\nOld model.\n\nRead [the notes](#{ID}) first.\n',
        f'# Guide\n\n<a id="{NEW}"></a>\nOld model.\n\nRead [the notes](#{NEW}) first.\n',
        id="md-html-anchor",
    ),
    pytest.param(
        "x.md",
        f"# Guide\n\n## [{ID}](https://example.com/a) notes\n\nRead [them](#{ID}-notes).\n",
        None,  # the anchor is the heading's text without the link's destination; the ID runs on into '-notes'
        id="md-heading-with-a-link",
    ),
    pytest.param(
        "x.md",
        f"# Guide\n\n## {ID}\n\nIt renders 4K.\n",
        f"# Guide\n\n## {NEW}\n\nIt renders 4K.\n",
        id="md-heading-without-links",
    ),
    pytest.param(
        "x.rst",
        f"Guide\n=====\n\n.. _{ID}:\n\nPro model\n---------\n\nIt renders 4K.\n\nMigrating\n---------\n\n"
        f"Read `{ID}`_ before you switch to {NEW}.\n",
        None,
        id="rst-reference-held-holds-target",
    ),
    pytest.param(
        "x.rst",
        f"Guide\n=====\n\n.. _{ID}:\n\nPro model\n---------\n\nRead `{ID}`_ and :ref:`the notes <{ID}>`.\n",
        f"Guide\n=====\n\n.. _{NEW}:\n\nPro model\n---------\n\nRead `{NEW}`_ and :ref:`the notes <{NEW}>`.\n",
        id="rst-target-and-references-fixed",
    ),
    pytest.param(
        "x.rst",
        f"Guide\n=====\n\n{ID}\n{'-' * len(ID)}\n\nIt renders 4K.\n\nSee {ID}_ above.\n",
        f"Guide\n=====\n\n{NEW}\n{'-' * len(ID)}\n\nIt renders 4K.\n\nSee {NEW}_ above.\n",
        id="rst-section-title-and-simple-reference",
    ),
    pytest.param(
        "x.rst",
        f"Guide\n=====\n\n.. _pro: https://example.com/\n\nSee `{ID} <pro_>`_ here.\n",
        f"Guide\n=====\n\n.. _pro: https://example.com/\n\nSee `{NEW} <pro_>`_ here.\n",
        id="rst-alias-reference-text-is-free",
    ),
    pytest.param(
        "x.rst",
        f"Guide\n=====\n\nRead `{ID}`_ first.\n",
        None,
        id="rst-reference-to-a-missing-target",
    ),
]


@pytest.mark.parametrize(("path", "source", "fixed"), LINKED_ANCHORS)
def test_an_anchor_and_the_links_to_it_share_one_fate(path: str, source: str, fixed: str | None) -> None:
    from gemini_lint.linter import applicable, fix_source, lint_source

    diagnostics = lint_source(source, path, make_settings(select=("GL001", "GL002"))).diagnostics
    assert diagnostics
    assert fix_source(source, applicable(diagnostics, unsafe_fixes=True)) == (source if fixed is None else fixed)
    if fixed is None:
        assert all(d.fix is None for d in diagnostics if "anchor" in d.message or "link" in d.message)


def test_anchors_and_links_through_the_command(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    held_rst = (
        f"Guide\n=====\n\n.. _{ID}:\n\nPro model\n---------\n\nIt renders 4K.\n\nMigrating\n---------\n\n"
        f"Read `{ID}`_ before you switch to {NEW}.\n"
    )
    held_md = (
        f"# Guide\n\n## {ID}\n\nIt renders 4K.\n\n## Migrating\n\n"
        f"Read [the old model notes](#{ID}) before you switch to {NEW}.\n"
    )
    fixed_md = f"# Guide\n\n## {ID}\n\nIt renders 4K.\n\nRead [the notes](#{ID}) first.\n"
    files = {"held.rst": held_rst, "held.md": held_md, "fixed.md": fixed_md}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli(*CLI_ARGS, "--fix", "--unsafe-fixes", *files, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "held.rst").read_bytes() == held_rst.encode()
    assert (tmp_path / "held.md").read_bytes() == held_md.encode()
    assert (tmp_path / "fixed.md").read_bytes() == fixed_md.replace(ID, NEW).encode()
    assert "held.rst:4:5: GL002 " in result.stdout
    assert "a link in this file points to this anchor" in result.stdout


@pytest.mark.parametrize(
    ("text", "fixable"),
    [
        pytest.param("```\ngemini-2.5-flash已停用，请迁移。\n```\n", [False], id="cjk-note-in-a-block"),
        pytest.param('```python\nprint("gemini-2.0-flash is deprecated")\n```\n', [False], id="message-in-python"),
        pytest.param('```python\nm = "gemini-2.0-flash"  # deprecated soon\n```\n', [True], id="the-comment-is-not-the-value-s"),
        pytest.param('```python\nm = "gemini-2.0-flash"\n```\n', [True], id="plain-value"),
    ],
)
def test_a_code_line_that_says_the_model_is_retired_keeps_its_id(text: str, fixable: list[bool]) -> None:
    """A differential run found a Chinese note in a code block renamed into a false sentence by a safe
    fix (the English one was too): the line's words outside its comments hold the fix, as a Python
    string's do."""
    from conftest import make_settings
    from gemini_lint.linter import lint_source

    result = lint_source(text, "x.md", make_settings(select=("GL001",)))
    assert [d.fix is not None for d in result.diagnostics] == fixable


# ---------------------------------------------------------------------------------------------
# A condition in a code block: gemini-cli's docs (a run over npm packages, 2026-12-07) show an
# override '"match": {"model": "gemini-2.5-pro"}' that routes the model to an experimental one. In a
# settings file that value gets an unsafe fix (a condition); in the docs' code block it was renamed by
# --fix, and the example then caught the new model and sent it to the old experimental one.
# ---------------------------------------------------------------------------------------------

CONDITION_BLOCKS = [
    pytest.param('```json\n"overrides": [\n  {\n    "match": {\n      "model": "{m}"\n    },\n'
                 '    "modelConfig": {"model": "gemini-2.5-pro-experimental-001"}\n  }\n]\n```\n', "match", id="json-over-lines"),
    pytest.param('```json\n{"match": {"model": "{m}"}, "modelConfig": {"model": "x"}}\n```\n', "match", id="json-one-line"),
    pytest.param("```yaml\nrules:\n  - when:\n      model: {m}\n    use: x\n```\n", "when", id="yaml-above"),
    pytest.param("```yaml\n- match: {model: {m}}\n  use: x\n```\n", "match", id="yaml-flow"),
    pytest.param("```yaml\ndeny:\n  model_equals: {m}\n```\n", "model_equals", id="key-on-its-line"),
]


@pytest.mark.parametrize(("source", "key"), CONDITION_BLOCKS)
def test_a_value_under_a_condition_in_a_code_block_gets_an_unsafe_fix(source: str, key: str) -> None:
    from gemini_lint.linter import applicable, fix_source, lint_source
    from gemini_lint.diagnostic import Applicability

    text = source.replace("{m}", ID)
    (diagnostic,) = lint_source(text, "guide.md", make_settings(select=("GL001", "GL002"))).diagnostics
    assert diagnostic.code == "GL001" and diagnostic.fix is not None
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    assert f"a condition ('{key}')" in diagnostic.message
    assert fix_source(text, applicable([diagnostic], unsafe_fixes=False)) == text


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("```yaml\ngeneration:\n  model: {m}\n```\n", id="yaml-setting"),
        pytest.param("```yaml\n- when: x\n  model: {m}\n```\n", id="yaml-sibling-of-a-condition"),
        pytest.param('```python\nif use_pro:\n    model = "{m}"\nconfig = {"model": "{m}"}\n```\n', id="python-if-and-dict"),
        pytest.param("```js\nfunction f() {\n  if (x) {\n    return google('{m}');\n  }\n}\n```\n", id="js-braces"),
    ],
)
def test_a_setting_in_a_code_block_keeps_its_fix(source: str) -> None:
    from gemini_lint.linter import applicable, fix_source, lint_source

    text = source.replace("{m}", ID)
    diagnostics = lint_source(text, "guide.md", make_settings(select=("GL001", "GL002"))).diagnostics
    assert diagnostics and all(d.code == "GL001" and d.fix is not None for d in diagnostics)
    assert fix_source(text, applicable(diagnostics, unsafe_fixes=False)) == text.replace(ID, "gemini-3-pro-image")


def test_the_installed_command_leaves_a_condition_in_a_code_block(tmp_path: Path) -> None:
    doc = tmp_path / "settings.md"
    text = f'```json\n{{"match": {{\n  "model": "{ID}"\n}}}}\n```\n\n```python\nclient.generate(model="{ID}")\n```\n'
    doc.write_text(text, encoding="utf-8")
    script = Path(sys.executable).parent / "gemini-lint"
    run = subprocess.run([str(script), *CLI_ARGS, "--fix", str(doc)], capture_output=True, text=True)
    assert "a condition ('match')" in run.stdout, run.stdout + run.stderr
    after = doc.read_text(encoding="utf-8")
    assert after.count(ID) == 1 and f'"model": "{ID}"' in after and 'model="gemini-3-pro-image"' in after


# ---------------------------------------------------------------------------------------------
# YAML, JSON and TOML code blocks are read as the data files they show (aider's documented model
# settings, a copy of its model-settings.yml: `- name: gemini/<ID>` over an edit format was renamed
# by a safe --fix in the page while the same line is held in the YAML file; a run over real packages)
# ---------------------------------------------------------------------------------------------

DATA_BLOCK_CASES = [
    pytest.param("```yaml\n- name: gemini/{m}\n  edit_format: diff\n- name: gpt-4o\n  edit_format: whole\n```\n",
                 [(V, True, True)], "names an entry of a list", id="yaml-entry-name"),
    pytest.param("- Settings:\n\n  ```yml\n  - name: {m}\n    use_repo_map: true\n  ```\n",
                 [(V, True, True)], "names an entry of a list", id="yaml-entry-name-in-a-list-item"),
    pytest.param("```json\n{\n  \"gemini/{m}\": {\"max_tokens\": 8192, \"input_cost_per_token\": 1e-06}\n}\n```\n",
                 [(V, True, True)], "key", id="json-key-of-a-price-table"),
    pytest.param("```toml\n[overrides.\"{m}\"]\ncontext = 1000\n```\n", [(V, True, True)], "key", id="toml-table-key"),
    # What the data reading keeps safe stays safe, and a block that does not load adds no hold.
    pytest.param("```yaml\nmodel: {m}\ntemperature: 0\n```\n", [(V, True, False)], "", id="yaml-setting-keeps-its-fix"),
    pytest.param("```json\n{\"model\": \"{m}\", ...}\n```\n", [(V, True, False)], "", id="snippet-that-does-not-load"),
    pytest.param("```python\nPRICES = {\"{m}\": 0.1}\n```\n", [(V, True, False)], "", id="python-block-is-not-parsed"),
]


@pytest.mark.parametrize(("source", "expected", "reason"), DATA_BLOCK_CASES)
def test_data_code_blocks_hold_as_data_files(source: str, expected: list[tuple[Context, bool, bool]], reason: str) -> None:
    text = source.replace("{m}", "gemini-2.5-pro")
    scan = reader(Kind.MARKDOWN)(text, MATCHER)
    assert [(m.context, m.fixable, m.unsafe) for m in scan.mentions] == expected
    for mention in scan.mentions:
        assert text[mention.start : mention.end] == "gemini-2.5-pro"
        assert reason in mention.reason
        if reason:
            assert mention.reason.startswith("read as the ")


def test_data_code_block_entry_name_is_not_renamed_by_fix(tmp_path: Path) -> None:
    from gemini_lint.linter import applicable, fix_source, lint_source

    text = "# Settings\n\n```yaml\n- name: gemini/gemini-2.5-pro\n  edit_format: diff-fenced\n```\n"
    result = lint_source(text, "settings.md", make_settings(today=dt.date(2026, 12, 7)))
    assert fix_source(text, applicable(result.diagnostics, unsafe_fixes=False)) == text
    assert "gemini-3.8-flash" in fix_source(text, applicable(result.diagnostics, unsafe_fixes=True))
    page = tmp_path / "settings.md"
    page.write_text(text)
    run = subprocess.run([*console_script(), *CLI_ARGS, "--fix", str(page)], capture_output=True, text=True)
    assert page.read_text() == text, run.stdout
    assert "names an entry of a list" in run.stdout


# ---------------------------------------------------------------------------------------------
# Review of the condition and data-block reading (2026-12-07): a condition above a blank line held
# its value in a file with '\n' line ends but not with '\r\n' (the blank line's '\r' read as a less
# indented line) or a lone '\r' (no line above found); and the work per value grew with its line and
# the number of blocks (a minified JSON line of 2,500 values took 30 s; 10,000 JSON blocks 15 s).
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize(
    "source",
    [
        pytest.param("```\nrules:\n  - when:\n\n      model: {m}\n    use: x\n```\n", id="blank-line-under-the-key"),
        pytest.param("```js\nconst rules = [{\n  when:\n\n    {model: \"{m}\"}}]\n```\n", id="js-blank-line"),
        pytest.param("```\nrules:\n  - when:\n      model: {m}\n    use: x\n```\n", id="no-blank-line"),
    ],
)
def test_a_condition_holds_whatever_ends_the_lines(source: str, newline: str) -> None:
    from gemini_lint.linter import applicable, fix_source, lint_source

    text = source.replace("{m}", ID).replace("\n", newline)
    (diagnostic,) = lint_source(text, "guide.md", make_settings(select=("GL001",))).diagnostics
    assert "a condition ('when')" in diagnostic.message
    assert fix_source(text, applicable([diagnostic], unsafe_fixes=False)) == text


def test_the_condition_look_back_is_bounded_on_a_long_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not timed: each value reads at most _CONDITION_REACH characters of its line for keys."""
    from gemini_lint.sources import config_files, markdown

    windows: list[int] = []
    real = config_files._KEY_BEFORE
    line = ", ".join(f'{{"model": "{ID}", "n": {k}}}' for k in range(2000))
    text = f'```json\n{{"when": 1, "rules": [{line}]}}\n```\n'

    class Spy:
        def finditer(self, searched: str, pos: int = 0, endpos: int = sys.maxsize):  # type: ignore[no-untyped-def]
            if searched is text:  # the document's (the block read as JSON is another text, read once)
                windows.append(min(endpos, len(searched)) - pos)
            return real.finditer(searched, pos, endpos)

    monkeypatch.setattr(config_files, "_KEY_BEFORE", Spy())
    scan = reader(Kind.MARKDOWN)(text, MATCHER)
    assert len(scan.mentions) == 2000 and all(m.safe_value for m in scan.mentions[1:])
    assert windows and max(windows) <= markdown._CONDITION_REACH


def test_a_block_without_a_condition_key_is_not_read_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from gemini_lint.sources import markdown

    calls: list[int] = []
    real = markdown._condition_above
    monkeypatch.setattr(markdown, "_condition_above", lambda *args: calls.append(1) or real(*args))
    plain = "```yaml\nroot:\n" + "".join(f"  k{k}:\n    sub:\n      model: {ID}\n" for k in range(300)) + "```\n"
    assert all(m.safe_value for m in reader(Kind.MARKDOWN)(plain, MATCHER).mentions) and not calls
    conditional = plain.replace("sub:", "when:")
    assert all(m.unsafe for m in reader(Kind.MARKDOWN)(conditional, MATCHER).mentions) and len(calls) == 300


def test_many_data_blocks_are_matched_to_their_mentions_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not timed: each block found its mentions by reading all of the document's (quadratic)."""
    from gemini_lint.sources.base import Mention

    reads: list[int] = []
    real = Mention.safe_value
    monkeypatch.setattr(Mention, "safe_value", property(lambda m: reads.append(1) or real.fget(m)))  # type: ignore[attr-defined]
    blocks = 1500
    text = "".join(f"Step {k}.\n\n```yaml\n- name: gemini/{ID}\n  edit_format: diff\n```\n\n" for k in range(blocks))
    scan = reader(Kind.MARKDOWN)(text, MATCHER)
    assert len(scan.mentions) == blocks and all(m.unsafe and "read as the YAML" in m.reason for m in scan.mentions)
    assert len(reads) < 20 * blocks


def test_a_code_line_holding_many_ids_is_read_once_for_a_retiring_word(monkeypatch: pytest.MonkeyPatch) -> None:
    # A review (2026-12-07): a line of minified JSON in a code block holding thousands of IDs was read
    # whole for each of them (31 s for 10,000 IDs on one line); now once per line (counted, not timed).
    from gemini_lint.linter import lint_source
    from gemini_lint.sources import markdown

    calls: list[int] = []
    real = markdown._line_says_retired

    def counting(text: str, start: int, length: int, comments: object) -> bool:
        calls.append(start)
        return real(text, start, length, comments)  # type: ignore[arg-type]

    monkeypatch.setattr(markdown, "_line_says_retired", counting)
    line = ", ".join(f'{{"m": "{ID}", "k": {k}}}' for k in range(50))
    text = f"# Models\n\n```\n[{line}]\n```\n\n```\n{ID}\n```\n"
    diagnostics = lint_source(text, "doc.md", make_settings(select=("GL001", "GL002"))).diagnostics
    assert len(diagnostics) == 51
    assert len(calls) == len(set(calls)) == 2
