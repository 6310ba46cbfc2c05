"""Config and data files (JSON, YAML, TOML, INI, .env): values vs keys vs comments, sibling keys,
the ``[tool.gemini-lint]`` exclusion, files that do not parse, ``same_entries``, golden files."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from conftest import FLASH, FLASH_GA, PRO, PRO_GA, make_settings
from gemini_lint.cli import main
from gemini_lint.diagnostic import Applicability
from gemini_lint.linter import applicable, fix_source, lint_source
from gemini_lint.matching import settings_matcher
from gemini_lint.sources import Kind, kind_of
from gemini_lint.sources.base import ESCAPE_REASON, Scan
from gemini_lint.sources.config_files import (
    KUBERNETES_REASON,
    KUBERNETES_REFERENCE_REASON,
    SAME_AS_KEY_REASON,
    reader,
    same_entries,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SETTINGS = make_settings(select=("GL001", "GL002"))
MATCHER = settings_matcher(SETTINGS)
GOLDEN = Path(__file__).parent / "golden" / "config"
CLI = ["--today", "2026-11-25", "--ignore", "GL003"]
V, P = "value", "prose"
SIBLING = f"a sibling key '{FLASH_GA}' already exists; renaming would drop an entry"
#: Two legacy IDs with the same replacement: renaming both keys would merge them.
PRO_0325, PRO_0506, PRO_31 = "gemini-2.5-pro-preview-03-25", "gemini-2.5-pro-preview-05-06", "gemini-3.1-pro-preview"

EXTENSIONS = {Kind.JSON: "json", Kind.YAML: "yaml", Kind.TOML: "toml", Kind.INI: "ini", Kind.ENV: "env"}


def _json_error(text: str, *, where: bool = False) -> str:
    """The json module's message for ``text`` (worded differently since Python 3.13), with its position if ``where``."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return str(exc) if where else exc.msg
    raise AssertionError(f"{text!r} is valid JSON")


def scan(kind: Kind, text: str) -> Scan:
    result = reader(kind)(text, MATCHER)
    starts = [m.start for m in result.mentions]
    assert starts == sorted(starts)
    assert all(text[m.start : m.end] == m.model.id for m in result.mentions)
    return result


def found(kind: Kind, text: str) -> list[tuple[int, int, str, bool]]:
    """(line, column, context, fixable) of every mention."""
    return [(m.position.line, m.position.column, m.context.value, m.fixable) for m in scan(kind, text).mentions]


def reasons(kind: Kind, text: str) -> list[str]:
    return [m.reason for m in scan(kind, text).mentions]


def path_for(kind: Kind) -> str:
    return ".env" if kind is Kind.ENV else f"x.{EXTENSIONS[kind]}"


def fixed(kind: Kind, text: str, *, unsafe: bool = False) -> str:
    result = lint_source(text, path_for(kind), SETTINGS, kind=kind)
    return fix_source(text, applicable(result.diagnostics, unsafe_fixes=unsafe))


JSN, YML, TML, INI, ENV = Kind.JSON, Kind.YAML, Kind.TOML, Kind.INI, Kind.ENV

# (kind, text, expected (line, column, context, fixable))
FLAGGED = [
    # JSON
    pytest.param(JSN, f'{{"model": "{FLASH}"}}', [(1, 12, V, True)], id="json-value"),
    pytest.param(JSN, f'{{"{FLASH}": 1}}', [(1, 3, V, True)], id="json-key-alone"),
    pytest.param(JSN, f'{{"{FLASH}": 1, "{FLASH_GA}": 2}}', [(1, 3, V, False)], id="json-key-with-ga-sibling"),
    pytest.param(JSN, f'{{"{FLASH_GA}": 2, "{FLASH}": 1}}', [(1, 32, V, False)], id="json-key-sibling-before"),
    pytest.param(JSN, f'{{"a": {{"{FLASH}": 1}}, "b": {{"{FLASH_GA}": 2}}}}', [(1, 9, V, True)], id="json-ga-in-other-object"),
    pytest.param(JSN, f'{{"a": {{"{FLASH_GA}": {{"{FLASH}": 1}}}}}}', [(1, 36, V, True)], id="json-ga-is-parent-not-sibling"),
    pytest.param(JSN, f'{{"{PRO_0325}": 1, "{PRO_0506}": 2}}', [(1, 3, V, False), (1, 38, V, False)], id="json-two-keys-merge"),
    pytest.param(JSN, f'[[{{"m": ["x", "{FLASH}"]}}]]', [(1, 16, V, True)], id="json-nested-arrays"),
    pytest.param(JSN, f'{{"p": "a\\n{FLASH}\\t"}}', [(1, 11, V, True)], id="json-after-escape"),
    pytest.param(JSN, f'{{"p": "say \\"{FLASH}\\""}}', [(1, 14, V, True)], id="json-after-escaped-quote"),
    pytest.param(JSN, f'{{"p": "C:\\\\{FLASH}"}}', [(1, 12, V, True)], id="json-after-escaped-backslash"),
    pytest.param(JSN, f'{{"u": "models/{PRO}:generateContent"}}', [(1, 15, V, True)], id="json-rest-path"),
    pytest.param(JSN, f'"{FLASH}"', [(1, 2, V, True)], id="json-top-level-string"),
    pytest.param(JSN, f'{{\r\n  "a": "{FLASH}",\r\n  "b": ["{PRO}"]\r\n}}\r\n', [(2, 9, V, True), (3, 10, V, True)], id="json-crlf"),
    pytest.param(JSN, f'{{"é": "日本 {FLASH}"}}', [(1, 11, V, True)], id="json-non-ascii-columns"),
    pytest.param(JSN, f'{{"a": "\\"", "{FLASH}": "\\\\"}}', [(1, 14, V, True)], id="json-key-after-tricky-escapes"),
    pytest.param(JSN, f'{{"a": "{FLASH} or {PRO}"}}', [(1, 8, V, True), (1, 42, V, True)], id="json-two-ids-in-one-string"),
    pytest.param(JSN, f'{{"gemini\\u002d3.1-flash-image": 1, "{FLASH}": 2}}', [(1, 37, V, False)], id="json-escaped-sibling-key"),
    # YAML
    pytest.param(YML, f"model: {FLASH}\n", [(1, 8, V, True)], id="yaml-plain-value"),
    pytest.param(YML, f"model: '{FLASH}'\n", [(1, 9, V, True)], id="yaml-single-quoted"),
    pytest.param(YML, f'model: "\\n{FLASH}"\n', [(1, 11, V, True)], id="yaml-double-quoted-escape"),
    pytest.param(YML, f"model: {FLASH}  # was {PRO}\n", [(1, 8, V, True), (1, 46, P, True)], id="yaml-value-and-comment"),
    pytest.param(YML, f"# {FLASH}\na: 1\n", [(1, 3, P, True)], id="yaml-comment-line"),
    pytest.param(YML, f"{FLASH}: 1\n", [(1, 1, V, True)], id="yaml-key-alone"),
    pytest.param(YML, f"{FLASH}: 1\n{FLASH_GA}: 2\n", [(1, 1, V, False)], id="yaml-key-with-ga-sibling"),
    pytest.param(YML, f"'{FLASH}': 1\n\"{FLASH_GA}\": 2\n", [(1, 2, V, False)], id="yaml-quoted-keys-sibling"),
    pytest.param(YML, f"a:\n  {FLASH}: 1\nb:\n  {FLASH_GA}: 2\n", [(2, 3, V, True)], id="yaml-ga-in-other-mapping"),
    pytest.param(YML, f"p: {{{FLASH}: 1, {FLASH_GA}: 2}}\n", [(1, 5, V, False)], id="yaml-flow-mapping-sibling"),
    pytest.param(YML, f"p: {{{FLASH}: 1, x: [{PRO}]}}\n", [(1, 5, V, True), (1, 44, V, True)], id="yaml-flow-mapping"),
    pytest.param(YML, f"- {FLASH}\n- [a, {PRO}]\n", [(1, 3, V, True), (2, 7, V, True)], id="yaml-sequences"),
    pytest.param(YML, f"- name: x\n  model: {FLASH}\n", [(2, 10, V, True)], id="yaml-mapping-in-sequence"),
    pytest.param(YML, f"p: |  # {FLASH}\n  {PRO}\n  x\n", [(1, 9, P, True), (2, 3, V, True)], id="yaml-literal-block"),
    pytest.param(YML, f"p: >-\n    {PRO}\n  # {FLASH}\n", [(2, 5, V, True), (3, 5, P, True)], id="yaml-folded-then-comment"),
    pytest.param(YML, f"p: plain\n  {FLASH} # c\n", [(2, 3, V, True)], id="yaml-multi-line-plain"),
    pytest.param(YML, f'p: "a\n  # {FLASH}"\n', [(2, 5, V, True)], id="yaml-hash-in-quoted"),
    # A '#' run into a word is no comment; in a web address the ID keeps no fix (the renamed page may not exist).
    pytest.param(YML, f"u: http://x/#{FLASH}\n", [(1, 14, V, False)], id="yaml-hash-without-space"),
    pytest.param(YML, f"a: &{PRO} x\nb: *{PRO}\n", [(1, 5, V, False), (2, 5, V, False)], id="yaml-anchor-alias-names"),
    pytest.param(YML, f"a: &x {FLASH}\nb: !Ref {PRO}\n", [(1, 7, V, True), (2, 9, V, True)], id="yaml-after-anchor-and-tag"),
    pytest.param(YML, f"base: &b\n  k: 1\nm:\n  <<: *b\n  {FLASH}: 2\n", [(5, 3, V, False)], id="yaml-key-in-merged-mapping"),
    pytest.param(YML, f"? [{FLASH}]\n: 1\n{PRO}: 2\n", [(1, 4, V, True), (3, 1, V, False)], id="yaml-complex-key"),
    pytest.param(YML, f"k: &k x\nm:\n  *k : 1\n  {FLASH}: 2\n", [(4, 3, V, False)], id="yaml-alias-as-key"),
    pytest.param(YML, f"a: {FLASH}\n---\n# {PRO}\nb: {PRO}\n", [(1, 4, V, True), (3, 3, P, True), (4, 4, V, True)], id="yaml-two-documents"),
    pytest.param(YML, f"a: {FLASH}\r\nb: {PRO}  # {FLASH}\r\n", [(1, 4, V, True), (2, 4, V, True), (2, 34, P, True)], id="yaml-crlf"),
    # TOML
    pytest.param(TML, f'model = "{FLASH}"\n', [(1, 10, V, True)], id="toml-basic-string"),
    pytest.param(TML, f"model = '{FLASH}'  # {PRO}\n", [(1, 10, V, True), (1, 45, P, True)], id="toml-literal-and-comment"),
    pytest.param(TML, f'p = """\n{FLASH}\n"""\nq = \'\'\'{PRO}\'\'\'\n', [(2, 1, V, True), (4, 8, V, True)], id="toml-multi-line-strings"),
    pytest.param(TML, f'a = [\n  "{FLASH}",  # {PRO}\n  [1, "{PRO}"],\n]\n', [(2, 4, V, True), (2, 40, P, True), (3, 8, V, True)], id="toml-array-over-lines"),
    pytest.param(TML, f'[pricing]\n"{FLASH}" = 0.067\n', [(2, 2, V, True)], id="toml-quoted-key-alone"),
    pytest.param(TML, f'[pricing]\n"{FLASH}" = 0.067\n"{FLASH_GA}" = 0.067\n', [(2, 2, V, False)], id="toml-quoted-key-sibling"),
    pytest.param(TML, f'[pricing."{FLASH}"]\nusd = 1\n[pricing."{FLASH_GA}"]\nusd = 1\n', [(1, 11, V, False)], id="toml-table-name-sibling"),
    pytest.param(TML, f'[pricing]\n"{FLASH_GA}" = 1\n[pricing."{FLASH}".x]\ny = 1\n', [(3, 11, V, False)], id="toml-sibling-across-tables"),
    pytest.param(TML, f'[pricing."{FLASH}"]\nusd = 1\n[pricing."{FLASH}".eur]\nv = 1\n', [(1, 11, V, True), (3, 11, V, True)], id="toml-same-table-twice"),
    pytest.param(TML, f'p.\'{FLASH}\'.usd = 1\np."{FLASH_GA}" = 2\n', [(1, 4, V, False)], id="toml-dotted-key-sibling"),
    pytest.param(TML, f'p = {{ "{FLASH}" = 1, "{FLASH_GA}" = 2 }}\nq = {{ "{PRO}" = "{PRO}" }}\n', [(1, 8, V, False), (2, 8, V, True), (2, 39, V, True)], id="toml-inline-tables"),
    pytest.param(TML, f'[[m]]\n"{FLASH}" = 1\n[[m]]\n"{FLASH}" = 1\n"{FLASH_GA}" = 2\n', [(2, 2, V, True), (4, 2, V, False)], id="toml-array-of-tables-elements"),
    pytest.param(TML, f'a = [{{ "{FLASH}" = 1 }}, {{ "{FLASH_GA}" = 2 }}]\n', [(1, 9, V, True)], id="toml-inline-tables-in-array"),
    pytest.param(TML, f"{FLASH} = 1\n", [(1, 1, V, False)], id="toml-bare-dotted-key-spans-dot"),
    pytest.param(TML, f'"gemini\\u002d3.1-flash-image" = 1\n"{FLASH}" = 2\n', [(2, 2, V, False)], id="toml-escaped-sibling-key"),
    pytest.param(TML, f'[[m]]\n[m.sub]\n"{FLASH}" = 1\n[[m]]\n[m.sub]\n"{FLASH_GA}" = 1\n', [(3, 2, V, True)], id="toml-sub-table-of-array-element"),
    pytest.param(TML, f'a = [[1, "{FLASH}"], ["x"]]\nb = {{}}\n', [(1, 11, V, True)], id="toml-nested-arrays"),
    pytest.param(TML, f'# {FLASH}\r\n[a]\r\nb = "{PRO}"\r\n', [(1, 3, P, True), (3, 6, V, True)], id="toml-crlf"),
    # INI
    pytest.param(INI, f"[a]\nmodel = {FLASH}\nhero: {PRO}\n", [(2, 9, V, True), (3, 7, V, True)], id="ini-values"),
    pytest.param(INI, f"; {FLASH}\n  # {PRO}\n[a]\n", [(1, 3, P, True), (2, 5, P, True)], id="ini-comments"),
    pytest.param(INI, f"[a]\nk =\n    {FLASH}\n    # {PRO}\n", [(3, 5, V, True), (4, 7, P, True)], id="ini-continuation"),
    pytest.param(INI, f"[a]\nk = x ; {FLASH}\n", [(2, 9, V, True)], id="ini-inline-semicolon-is-value"),
    pytest.param(INI, f"[{FLASH}]\n[{FLASH_GA}]\n[model:{PRO}]\n", [(1, 2, V, False), (3, 8, V, True)], id="ini-section-names"),
    # configparser: every section inherits [DEFAULT]'s options, so its keys are every section's siblings.
    pytest.param(INI, f"[DEFAULT]\n{FLASH_GA} = 2\n[m]\n{FLASH} = 1\n", [(4, 1, V, False)], id="ini-default-key-is-a-sibling"),
    pytest.param(INI, f"[DEFAULT]\n{FLASH} = 2\n[m]\n{FLASH_GA} = 1\n", [(2, 1, V, False)], id="ini-default-key-meets-a-section-key"),
    pytest.param(INI, f"[DEFAULT]\n{FLASH} = 2\n[m]\nx = 1\n", [(2, 1, V, True)], id="ini-default-key-alone"),
    pytest.param(INI, f"[DEFAULT]\n{FLASH} = 2\n[m]\n{FLASH} = 1\n", [(2, 1, V, True), (4, 1, V, True)], id="ini-default-key-overridden"),
    pytest.param(INI, f"[other]\n{FLASH_GA} = 2\n[m]\n{FLASH} = 1\n", [(4, 1, V, True)], id="ini-other-section-is-no-sibling"),
    pytest.param(INI, f"[a] ; {FLASH}\nk = 1\n", [(1, 7, P, True)], id="ini-comment-after-section"),
    pytest.param(INI, f"[p]\n{FLASH} = 1\n{FLASH_GA.upper()} = 2\n[q]\n{FLASH} = 1\n", [(2, 1, V, False), (5, 1, V, True)], id="ini-option-keys-fold-case"),
    # ENV
    pytest.param(ENV, f"MODEL={FLASH}\n", [(1, 7, V, True)], id="env-plain"),
    pytest.param(ENV, f'export MODEL="{FLASH}"\n', [(1, 15, V, True)], id="env-export-double-quotes"),
    pytest.param(ENV, f"MODEL='{PRO}'  # {FLASH}\n", [(1, 8, V, True), (1, 39, P, True)], id="env-single-quotes-comment"),
    pytest.param(ENV, f"MODEL={FLASH} # was {PRO}\n", [(1, 7, V, True), (1, 44, P, True)], id="env-inline-comment"),
    pytest.param(ENV, f"  # {FLASH}\nX=1\n", [(1, 5, P, True)], id="env-comment"),
    pytest.param(ENV, f'P="a\n{FLASH}\nb" # {PRO}\nQ={PRO}\n', [(2, 1, V, True), (3, 6, P, True), (4, 3, V, True)], id="env-multi-line-value"),
    pytest.param(ENV, f"just text {FLASH}\n", [(1, 11, V, False)], id="env-not-an-assignment"),
    pytest.param(ENV, f"MODEL = {FLASH}\r\n", [(1, 9, V, True)], id="env-spaces-crlf"),
]

# Must not be reported: as many as the positive cases.
FLAGGED += [
    # A file or host name, a pinned version: reported without a fix (found by a review on 2026-12-07).
    pytest.param(JSN, f'{{"{FLASH}.json": 2, "h": "{PRO}.internal", "v": "{FLASH}@001"}}',
                 [(1, 3, V, False), (1, 50, V, False), (1, 94, V, False)], id="json-file-host-version"),
    pytest.param(YML, f"m: {FLASH}.v2\n", [(1, 4, V, False)], id="yaml-dotted-name"),
]

NOT_FLAGGED = [
    pytest.param(INI, f"[DEFAULT]\n{FLASH_GA} = 2\n[m]\nmodel = {FLASH_GA}\n", id="ini-default-ga"),
    pytest.param(INI, f"[DEFAULT]\nbase = {FLASH}-2\n[m]\nx = my-{FLASH}\n", id="ini-default-longer-names"),
    pytest.param(INI, f"[DEFAULT]\n{FLASH_GA}_x = 1\n[{FLASH}s]\n", id="ini-default-other-tokens"),
    pytest.param(INI, f"[DEFAULT]\nk = gemini-3.1-flash\n", id="ini-default-a-shorter-name"),
    pytest.param(INI, f"[DEFAULT]\n\n[m]\n", id="ini-default-empty"),
    pytest.param(JSN, f'{{"m": "{FLASH_GA}", "{PRO_GA}": 1}}', id="json-ga"),
    pytest.param(JSN, f'{{"m": "{FLASH}-2", "n": "{FLASH}s"}}', id="json-suffixes"),
    pytest.param(JSN, f'{{"m": "my-{FLASH}", "n": "x{FLASH}"}}', id="json-prefixes"),
    pytest.param(JSN, f'{{"{FLASH}_old": 1, "{FLASH}2": 2, "{FLASH}.2": 3}}', id="json-longer-keys"),
    pytest.param(JSN, f'{{"m": "{FLASH.upper()}"}}', id="json-uppercase"),
    pytest.param(JSN, '{"m": "gemini\\u002d3.1-flash-image-preview-2"}', id="json-escaped-inside-a-longer-name"),
    pytest.param(JSN, "", id="json-empty"),
    pytest.param(JSN, "{}", id="json-empty-object"),
    pytest.param(JSN, '{"m": "gemini-3.1-flash-image-pre" , "n": "view"}', id="json-split"),
    pytest.param(YML, f"m: {FLASH_GA}\n{PRO_GA}: 1\n", id="yaml-ga"),
    pytest.param(YML, f"m: {FLASH}2\n", id="yaml-suffix-digit"),
    pytest.param(YML, "m: gemini_3_1_flash_image_preview\n", id="yaml-underscored"),
    pytest.param(YML, f"m: {FLASH}.2\n", id="yaml-dotted-suffix"),
    pytest.param(YML, f"m: {FLASH}.5.1\nn: {PRO}-x\n", id="yaml-version-going-on"),
    pytest.param(JSN, f'{{"m": "{FLASH}.2", "n": "{PRO}.0"}}', id="json-version-going-on"),
    pytest.param(YML, f"# {FLASH_GA}\n", id="yaml-ga-comment"),
    pytest.param(YML, "", id="yaml-empty"),
    pytest.param(YML, "---\n...\n", id="yaml-empty-document"),
    pytest.param(YML, f"m: {FLASH}  # noqa\n", id="yaml-noqa"),
    pytest.param(YML, f"m: {FLASH}  # noqa: GL001\n", id="yaml-noqa-code"),
    pytest.param(TML, f'm = "{FLASH_GA}"  # {PRO_GA}\n', id="toml-ga"),
    pytest.param(TML, f'[tool.gemini-lint]\nignore = ["{FLASH}"]  # {FLASH}\n', id="toml-own-table"),
    pytest.param(TML, f'[tool.gemini-lint]\n# {FLASH}\nx = 1\n', id="toml-own-table-comment-line"),
    pytest.param(TML, f'[tool.gemini-lint.models."acme-vision-beta"]\nnote = "{FLASH}"\n', id="toml-own-models-subtable"),
    pytest.param(TML, f'[tool.gemini-lint.models."{FLASH}"]\nreplacement = "{FLASH_GA}"\n', id="toml-own-model-key"),
    pytest.param(TML, f'tool.gemini-lint.models."{PRO}".note = "{FLASH}"\n', id="toml-own-dotted-keys"),
    pytest.param(TML, f'[tool]\n"gemini-lint" = {{ ignore = ["{FLASH}"] }}\n', id="toml-own-inline-table"),
    pytest.param(TML, f'[tool.gemini-lint]\na = [\n  "{FLASH}",  # {PRO}\n]\n', id="toml-own-array"),
    pytest.param(TML, "", id="toml-empty"),
    pytest.param(TML, f'm = "{FLASH}"  # noqa: GL001\n', id="toml-noqa"),
    pytest.param(INI, f"[a]\nm = {FLASH_GA}\n; {PRO_GA}\n", id="ini-ga"),
    pytest.param(INI, f"[a]\nm = {FLASH}-2\n", id="ini-suffix"),
    pytest.param(INI, f"[a]\nm = {FLASH}  ; noqa\n", id="ini-noqa"),
    pytest.param(INI, "", id="ini-empty"),
    pytest.param(ENV, f"M={FLASH_GA}\n", id="env-ga"),
    pytest.param(ENV, f"M={FLASH}-2\n", id="env-suffix"),
    pytest.param(ENV, f"# {PRO_GA}\n", id="env-ga-comment"),
    pytest.param(ENV, f"M={FLASH}  # noqa\n", id="env-noqa"),
    pytest.param(ENV, "GEMINI_3_1_FLASH_IMAGE_PREVIEW=1\n", id="env-constant-name"),
    pytest.param(ENV, "", id="env-empty"),
    pytest.param(ENV, "\n\n", id="env-blank-lines"),
    pytest.param(JSN, '{"m": "gemini-3.1-flash", "n": "gemini-3-pro-image-previewer"}', id="json-other-models"),
    pytest.param(JSN, f'{{"m": "{FLASH}-0514", "n": "0{FLASH}"}}', id="json-dated-and-digit-prefix"),
    pytest.param(JSN, "[1, 2.5, true, null, -0.0e+1]", id="json-no-strings"),
    pytest.param(JSN, '{"gemini_3_1_flash_image_preview": 1}', id="json-underscored-key"),
    pytest.param(JSN, f'{{"a": "{FLASH_GA}", "b": {{"c": ["{PRO_GA}"]}}}}', id="json-nested-ga"),
    pytest.param(JSN, f'{{"a": "\\\\", "b": "\\"", "c": "{FLASH}x"}}', id="json-escapes-then-longer-word"),
    pytest.param(YML, f"m: {FLASH}-exp\n", id="yaml-suffix-exp"),
    pytest.param(YML, f"m: my-{FLASH}\n", id="yaml-prefix"),
    pytest.param(YML, "gemini_3_1: 1\n", id="yaml-underscored-key"),
    pytest.param(YML, f"m: |\n  {FLASH_GA}\n", id="yaml-ga-block"),
    pytest.param(YML, f"m: [{FLASH_GA}, {PRO_GA}]\n", id="yaml-ga-flow"),
    pytest.param(YML, f'm: "{FLASH.upper()}"\n', id="yaml-uppercase"),
    pytest.param(YML, "# just a comment\n", id="yaml-comment-only"),
    pytest.param(TML, f'm = "{FLASH}-2"\n', id="toml-suffix"),
    pytest.param(TML, f'[tool.gemini-lint]\nextend-exclude = ["legacy/{FLASH}/**"]\n', id="toml-own-glob"),
    pytest.param(TML, f'[[tool.gemini-lint.x]]\ny = "{FLASH}"\n', id="toml-own-array-of-tables"),
    pytest.param(TML, f'[tool.gemini-lint]\nm = """\n{FLASH}\n"""\n', id="toml-own-multi-line-string"),
    pytest.param(TML, f'[tool]\ngemini-lint.select = ["GL001"]  # {FLASH}\n', id="toml-own-dotted-comment"),
    pytest.param(TML, "x = 1979-05-27T07:32:00Z\ny = 3.14\nz = [1, [2, 3]]\nw = 1979-05-27 07:32:00\n", id="toml-no-strings"),
    pytest.param(TML, f"{FLASH}_model = 1\n", id="toml-longer-bare-key"),
    pytest.param(INI, "[a]\nm = gemini_3_1_flash_image_preview\n", id="ini-underscored"),
    pytest.param(INI, f"[{FLASH_GA}]\n", id="ini-ga-section"),
    pytest.param(INI, f"[a]\nm = my-{FLASH}\n", id="ini-prefix"),
    pytest.param(INI, f"; the GA ID is {FLASH_GA}\n", id="ini-ga-comment"),
    pytest.param(INI, f"[a]\n{PRO_GA} = 1\n", id="ini-ga-key"),
    pytest.param(ENV, f'M="{FLASH_GA}"\n', id="env-ga-double-quotes"),
    pytest.param(ENV, f"export M='{PRO_GA}'\n", id="env-ga-export"),
    pytest.param(ENV, f"M=x{FLASH}\n", id="env-prefix-letter"),
    pytest.param(ENV, f"M={FLASH}_x\n", id="env-suffix-underscore"),
    pytest.param(ENV, f'M="a\n{FLASH_GA}\nb"\n', id="env-ga-multi-line"),
    pytest.param(ENV, f"M={FLASH.replace('-', '_')}\n", id="env-underscored"),
    pytest.param(ENV, f"export M={PRO_GA} # {FLASH_GA}\n", id="env-ga-export-comment"),
    pytest.param(JSN, f'{{"{FLASH_GA}": {{"{PRO_GA}": "x"}}}}', id="json-ga-keys-nested"),
    pytest.param(TML, "x = {}\ny = []\n", id="toml-empty-inline-table-and-array"),
    pytest.param(TML, f'[a]\n"{FLASH_GA}" = 1\n', id="toml-ga-key"),
    pytest.param(YML, f"m: !Ref {FLASH_GA}\na: &{PRO_GA} x\n", id="yaml-ga-tag-and-anchor"),
    pytest.param(INI, f"[a]\nk =\n    {FLASH_GA}\n", id="ini-ga-continuation"),
]


@pytest.mark.parametrize(("kind", "text", "expected"), FLAGGED)
def test_flagged(kind: Kind, text: str, expected: list[tuple[int, int, str, bool]]) -> None:
    assert found(kind, text) == expected


@pytest.mark.parametrize(("kind", "text"), NOT_FLAGGED)
def test_not_flagged(kind: Kind, text: str) -> None:
    result = lint_source(text, path_for(kind), SETTINGS, kind=kind)
    assert result.diagnostics == ()
    assert result.notes == ()


def test_lists_are_equally_long() -> None:
    assert len(NOT_FLAGGED) >= len(FLAGGED)


@pytest.mark.parametrize(("kind", "text", "expected"), FLAGGED)
def test_fix_replaces_only_fixable_ids(kind: Kind, text: str, expected: list[tuple[int, int, str, bool]]) -> None:
    result = scan(kind, text)
    out = fixed(kind, text, unsafe=True)
    # Undo the fixable replacements: the rest of the text is unchanged, and unfixable IDs stay.
    pieces, last = [], 0
    for mention in result.mentions:
        pieces.append(text[last : mention.start])
        pieces.append(mention.model.replacement if mention.fixable else mention.model.id)
        last = mention.end
    pieces.append(text[last:])
    assert out == "".join(pieces)
    assert fixed(kind, out, unsafe=True) == out  # idempotent
    if kind in (JSN, YML, TML) and same_entries(kind, text, text) is None:  # PyYAML cannot load complex keys
        assert same_entries(kind, text, out) is None


# ---------------------------------------------------------------------------------------------
# Keys and their siblings


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        pytest.param(JSN, f'{{"{FLASH}": 0.067, "{FLASH_GA}": 0.067}}', id="json"),
        pytest.param(YML, f"{FLASH}: 0.067\n{FLASH_GA}: 0.067\n", id="yaml"),
        pytest.param(TML, f'"{FLASH}" = 0.067\n"{FLASH_GA}" = 0.067\n', id="toml"),
        pytest.param(INI, f"[p]\n{FLASH} = 0.067\n{FLASH_GA} = 0.067\n", id="ini"),
        pytest.param(INI, f"[p]\n  {FLASH} = 0.067\n  {FLASH_GA} = 0.067\n", id="ini-indented-keys"),
        pytest.param(INI, f"[p]\n\t{FLASH} = 0.067\n\t{FLASH_GA} = 0.067\n", id="ini-tab-indented-keys"),
        pytest.param(ENV, f"{FLASH}=1\n{FLASH_GA}=2\n", id="env"),
    ],
)
def test_sibling_key_blocks_the_rename_and_says_why(kind: Kind, text: str) -> None:
    assert reasons(kind, text) == [SIBLING]
    result = lint_source(text, path_for(kind), SETTINGS, kind=kind)
    (diagnostic,) = result.diagnostics
    assert diagnostic.fix is None
    assert diagnostic.message.endswith(f"({SIBLING}; not fixed automatically)")
    assert fixed(kind, text, unsafe=True) == text


def test_ini_line_indented_as_its_option_is_a_key_not_a_continuation() -> None:
    # configparser: a continuation line is indented MORE than its option's line; one indented the
    # same is a new option (renaming it beside its new name raised DuplicateOptionError).
    import configparser

    text = f"[p]\n  default = 1\n  {FLASH} = 0.067\n  {FLASH_GA} = 0.067\n  m = {PRO}\n    {PRO}\n"
    new = fixed(INI, text)
    assert new == text.replace(f"m = {PRO}\n    {PRO}", f"m = {PRO_GA}\n    {PRO_GA}")
    configparser.ConfigParser().read_string(new)


@pytest.mark.parametrize(
    "text",
    [
        # the option's rename is refused (a sibling has the new name): the reference alone read the other price
        pytest.param(f"[p]\n{PRO} = 0.134\n{PRO_GA} = 0.2\ndefault = %({PRO})s\n", id="basic-sibling"),
        pytest.param(f"[a]\nm = ${{b:{PRO}}}\n[b]\n{PRO} = 1\n{PRO_GA} = 2\n", id="extended-sibling"),
        # the reference's fix is unsafe (its line names the new name): the option alone was renamed
        pytest.param(f"[p]\n{PRO} = 0.134\nnote = %({PRO})s, now {PRO_GA}\n", id="reference-left-behind"),
    ],
)
def test_ini_interpolation_reference_and_its_option_are_not_parted(text: str) -> None:
    import configparser

    def values(source: str) -> dict[str, dict[str, str]]:
        parser = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation() if "${" in source else configparser.BasicInterpolation())
        parser.read_string(source)
        return {name: dict(parser[name]) for name in parser.sections()}

    new = fixed(INI, text)
    assert values(new) == values(text)


def test_two_keys_that_would_merge_say_so() -> None:
    text = f'{{"{PRO_0325}": 1, "{PRO_0506}": 2, "x": "{PRO_0325}"}}'
    expected = f"another key in the same mapping would also become '{PRO_31}'; renaming would merge two entries"
    near = f"this JSON object or array also names '{PRO_0506}', which gets the same new name"
    assert reasons(JSN, text) == [expected, expected, near]
    assert fixed(JSN, text) == text  # the value's fix needs --unsafe-fixes: the object names another such ID
    apart = f'{{"a": {{"{PRO_0325}": 1, "{PRO_0506}": 2}}, "x": "{PRO_0325}"}}'
    assert reasons(JSN, apart) == [expected, expected, SAME_AS_KEY_REASON]  # a value moves with its ID's keys
    assert fixed(JSN, apart) == apart


def test_key_without_replacement_is_reported_without_a_fix() -> None:
    text = '{"gemini-1.5-pro": 1, "gemini-2.5-flash-image": 2}'
    result = lint_source(text, "x.json", SETTINGS)
    assert [(d.column, d.fix is not None) for d in result.diagnostics] == [(3, False), (24, True)]


def test_keys_whose_ids_have_no_replacement_are_not_checked() -> None:
    assert reasons(JSN, '{"gemini-1.5-pro": 1, "gemini-1.5-flash": 2}') == ["", ""]


def test_yaml_merge_key_reason() -> None:
    text = f"base: &b\n  k: 1\nm:\n  <<: *b\n  {FLASH}: 2\n"
    assert reasons(YML, text) == ["the mapping merges other entries with '<<'; a renamed key could override one"]


def test_yaml_anchor_reason() -> None:
    assert reasons(YML, f"a: &{PRO} x\nb: *{PRO}\n") == ["a YAML anchor or tag", "a YAML alias"]


def test_yaml_alias_key_reason() -> None:
    text = f"k: &k x\nm:\n  *k : 1\n  {FLASH}: 2\n"
    assert reasons(YML, text) == ["the mapping has alias or complex keys; a rename cannot be checked"]


def test_toml_dotted_bare_key_reason() -> None:
    assert reasons(TML, f"{FLASH} = 1\n") == ["not inside a single TOML string, key or comment"]


# ---------------------------------------------------------------------------------------------
# pyproject.toml: [tool.gemini-lint] is never reported or rewritten

PYPROJECT = f"""\
[project]
name = "x"
description = "uses {FLASH}"

[tool.gemini-lint]
# {FLASH} is listed below on purpose
extend-exclude = ["legacy/{PRO}/**"]
per-file-ignores = {{ "docs/{FLASH}.md" = ["GL002"] }}

[tool.gemini-lint.models."acme-vision-beta"]
replacement = "acme-vision"
deprecated = 2026-01-15
shutdown = 2026-03-31
note = "based on {FLASH}"

[tool.gemini-lint-extra]
model = "{PRO}"

[tool.thumbnailer]
model = "{FLASH}"  # {PRO}
vision = "acme-vision-beta"
"""


def test_pyproject_own_table_and_models_subtable_are_skipped() -> None:
    assert found(TML, PYPROJECT) == [(3, 21, V, True), (17, 10, V, True), (20, 10, V, True), (20, 45, P, True)]
    prose = scan(TML, PYPROJECT).prose[0].text
    assert FLASH not in prose.splitlines()[5]  # the comment in [tool.gemini-lint] is not prose either
    assert prose.splitlines()[19].strip() == f"# {PRO}"


def test_pyproject_custom_model_reported_outside_the_table_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main([*CLI, "pyproject.toml"]) == 1
    out = capsys.readouterr().out
    assert "pyproject.toml:21:11: GL001 [error] 'acme-vision-beta' was shut down on 2026-03-31; use 'acme-vision'" in out
    assert [line.split(":")[1] for line in out.splitlines()[:-1]] == ["3", "17", "20", "20", "21"]
    main([*CLI, "--fix", "--unsafe-fixes", "pyproject.toml"])
    capsys.readouterr()
    after = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    own_before = PYPROJECT[PYPROJECT.index("[tool.gemini-lint]") : PYPROJECT.index("[tool.gemini-lint-extra]")]
    own_after = after[after.index("[tool.gemini-lint]") : after.index("[tool.gemini-lint-extra]")]
    assert own_after == own_before
    assert 'vision = "acme-vision"\n' in after and f'model = "{FLASH_GA}"  # {PRO_GA}\n' in after


def test_invalid_toml_still_skips_the_own_table() -> None:
    text = f'[tool.gemini-lint]\nignore = ["{FLASH}"]\n[other]\nm = "{FLASH}"\nbroken =\n'
    result = scan(TML, text)
    assert [(m.position.line, m.fixable, m.reason) for m in result.mentions] == [(4, False, "the file is not valid TOML")]
    assert not result.writable


# ---------------------------------------------------------------------------------------------
# Files that do not parse


@pytest.mark.parametrize(
    ("kind", "text", "note"),
    [
        # (the message is the json module's own, worded differently since Python 3.13)
        pytest.param(JSN, f'{{"m": "{FLASH}",}}', "not valid JSON (line 1): " + _json_error('{"m": 1,}'), id="json"),
        pytest.param(JSN, f'// comment\n{{"m": "{FLASH}"}}', "not valid JSON (line 1): Expecting value", id="jsonc"),
        pytest.param(JSN, "[" * 100_000 + f'"{FLASH}"' + "]" * 100_000, "not valid JSON: too deeply nested to load", id="json-deep"),
        pytest.param(YML, f"a:\n  m: {FLASH}\n  s: [1, 2\nb: {PRO}\n", "not valid YAML (line 4): ", id="yaml"),
        pytest.param(YML, f"a: {FLASH}\n\tb: 1\n", "not valid YAML (line 2): ", id="yaml-tab"),
        pytest.param(TML, f'm = "{FLASH}"\nm = "{PRO}"\n', "not valid TOML (line 2): Cannot overwrite a value", id="toml-duplicate"),
        pytest.param(TML, f'm = "{FLASH}\n', "not valid TOML (line 1): Illegal character '\\n'", id="toml-unterminated"),
        pytest.param(TML, f'm = "{FLASH}"\na = ' + "[" * 5000 + "]" * 5000, "not valid TOML: too deeply nested to load", id="toml-deep"),
    ],
)
def test_invalid_file_reports_ids_without_fixes(kind: Kind, text: str, note: str) -> None:
    result = scan(kind, text)
    fmt = {JSN: "JSON", YML: "YAML", TML: "TOML"}[kind]
    assert result.mentions and all(not m.fixable and m.context.value == V for m in result.mentions)
    assert {m.reason for m in result.mentions} == {f"the file is not valid {fmt}"}
    # (PyYAML's wording depends on whether libyaml is installed: YAML notes are checked up to the message)
    (only,) = result.notes
    assert only.startswith(note) and only.endswith("; IDs reported from the text, nothing written")
    assert kind is YML or only == f"{note}; IDs reported from the text, nothing written"
    assert not result.writable


def test_toml_tokenizer_surprise_reports_without_fixes(monkeypatch: pytest.MonkeyPatch) -> None:
    from gemini_lint.sources import config_files

    def refuse(self: object) -> None:
        raise config_files._TomlShape("unexpected 'x'")

    monkeypatch.setattr(config_files._TomlWalker, "walk", refuse)
    result = scan(TML, f'[tool.gemini-lint]\nignore = ["{FLASH}"]\n[a]\nm = "{FLASH}"\n')
    assert [(m.position.line, m.fixable) for m in result.mentions] == [(4, False)]
    assert result.mentions[0].reason == "gemini-lint could not locate this ID in the TOML with certainty"
    assert result.notes == ["could not tokenize the TOML (unexpected 'x'); IDs reported from the text without a fix, nothing written"]
    assert not result.writable


def test_reader_failure_becomes_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    from gemini_lint.sources import config_files

    def boom(*args: object) -> int:
        raise RuntimeError("surprise")

    monkeypatch.setattr(config_files, "_json_open_string", boom)
    result = scan(JSN, f'{{"m": "{FLASH}"}}')
    assert [(m.fixable, m.reason) for m in result.mentions] == [(False, "gemini-lint could not analyse this JSON file")]
    assert result.notes == ["could not analyse the JSON (RuntimeError: surprise); IDs reported from the text, nothing written"]
    assert not result.writable


def test_reader_for_other_kinds_is_an_error() -> None:
    with pytest.raises(ValueError, match="no config-file reader for python files"):
        reader(Kind.PYTHON)


def test_invalid_file_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = f'{{"m": "{FLASH}",}}\n'.encode()
    (tmp_path / "bad.json").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    assert main([*CLI, "--fix", "bad.json"]) == 1
    captured = capsys.readouterr()
    assert "bad.json:1:8: GL001 [error]" in captured.out and "(the file is not valid JSON; not fixed automatically)" in captured.out
    assert "bad.json: not valid JSON (line 1)" in captured.err
    assert (tmp_path / "bad.json").read_bytes() == data


WEIRD = [
    "", "\x00", "\ufeff{}", "{", "}", "[", '"', "'", "'''", '"""', "\\", "[[", "]]", "= =", "a.b.", "---\n---",
    "\r\r\n\n", "? ", "- - -", "&a *a", "!!", "[a]]\n", "{a = }", "export", "export =", "\t\t", "#",
    f'"{FLASH}', f"'{FLASH}", f'{{"{FLASH}"', f"[{FLASH}", f'"""{FLASH}', f"{FLASH}:\n  - {FLASH}: [",
    f"a = [\n{FLASH}", f'x = {{ "{FLASH}" = 1, ', f"&{FLASH} *{FLASH}", f"\\{FLASH}\\", f"%YAML 1.2\n--- {FLASH}",
    "é" * 10 + FLASH, f'{{"a":"\\\\\\"{FLASH}"}}', f"[a]\n  {FLASH}\n", f'K="{FLASH}\n', f"K='{FLASH}",
]


@pytest.mark.parametrize("kind", [JSN, YML, TML, INI, ENV], ids=lambda k: k.value)
@pytest.mark.parametrize("text", WEIRD)
def test_readers_never_raise(kind: Kind, text: str) -> None:
    result = scan(kind, text)  # also checks offsets and order
    assert not any(note.startswith("could not analyse") for note in result.notes)
    for mention in result.mentions:
        assert mention.fixable or mention.reason


def test_readers_never_raise_on_generated_text() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    strategies = hypothesis.strategies
    pieces = strategies.sampled_from(
        [FLASH, PRO, FLASH_GA, '"', "'", "#", ";", ":", "=", "[", "]", "{", "}", ",", ".", "\\", "\n", "\r\n",
         " ", "  ", "\t", "-", "? ", "&", "*", "!", "|", ">", "a", "export ", "K", "'''", '"""', "1"]
    )

    @hypothesis.settings(max_examples=100, deadline=None, derandomize=True)
    @hypothesis.given(strategies.lists(pieces, max_size=30).map("".join), strategies.sampled_from([JSN, YML, TML, INI, ENV]))
    def check(text: str, kind: Kind) -> None:
        result = scan(kind, text)
        for mention in result.mentions:
            assert mention.fixable or mention.reason
        out = fixed(kind, text, unsafe=True)
        if kind in (JSN, YML, TML) and out != text and result.writable:
            assert same_entries(kind, text, out) is None

    check()


# ---------------------------------------------------------------------------------------------
# same_entries


@pytest.mark.parametrize(
    ("kind", "old", "new", "expected"),
    [
        pytest.param(JSN, f'{{"{FLASH}": 1, "m": "{PRO}"}}', f'{{"{FLASH_GA}": 1, "m": "{PRO_GA}"}}', None, id="json-fine-rename"),
        pytest.param(JSN, f'{{"p": {{"{FLASH}": 1, "{FLASH_GA}": 2}}}}', f'{{"p": {{"{FLASH_GA}": 1, "{FLASH_GA}": 2}}}}', "the fix would merge two keys in p", id="json-duplicate-key"),
        pytest.param(JSN, f'{{"m": "{FLASH}"}}', f'{{"m": "{FLASH_GA}}}', "the fixed JSON would not load: Unterminated string starting at: line 1 column 7 (char 6)", id="json-invalid-new"),
        pytest.param(JSN, '{"m": 1}', '{"m": 2}', "the fix would change a non-string value in m", id="json-number-changed"),
        pytest.param(JSN, '{"m": [1, 2]}', '{"m": [1]}', "the fix would change the number of items in m", id="json-list-shorter"),
        pytest.param(JSN, '{"m": "1"}', '{"m": 1}', "the fix would change the type of m", id="json-type-changed"),
        pytest.param(JSN, '{"a": {"b.c": [0, {"d": 1}]}}', '{"a": {"b.c": [0, {"d": 2}]}}', 'the fix would change a non-string value in a."b.c"[1].d', id="json-path"),
        pytest.param(JSN, '{"a": 1}', '{"a": 1, "b": 2}', "the fix would change the number of entries in the top level", id="json-entry-added"),
        pytest.param(JSN, '{"a": NaN}', '{"a": NaN}', None, id="json-nan"),
        pytest.param(JSN, '{"a": 1,}', '{"a": 1}', "the original JSON does not load (" + _json_error('{"a": 1,}', where=True) + ")", id="json-invalid-old"),
        pytest.param(Kind.NOTEBOOK, '{"cells": ["a"]}', '{"cells": ["b"]}', None, id="notebook"),
        pytest.param(TML, f'[p]\n"{FLASH}" = 1\nm = "{PRO}"\n', f'[p]\n"{FLASH_GA}" = 1\nm = "{PRO_GA}"\n', None, id="toml-fine-rename"),
        pytest.param(TML, f'[p]\n"{FLASH}" = 1\n"{FLASH_GA}" = 2\n', f'[p]\n"{FLASH_GA}" = 1\n"{FLASH_GA}" = 2\n', "the fixed TOML would not load: Cannot overwrite a value (at line 3, column 29)", id="toml-duplicate-key"),
        pytest.param(TML, 'd = 2026-01-01\n', 'd = 2026-01-02\n', "the fix would change a non-string value in d", id="toml-date-changed"),
        pytest.param(YML, f"{FLASH}: 1\nm: {PRO}\n", f"{FLASH_GA}: 1\nm: {PRO_GA}\n", None, id="yaml-fine-rename"),
        pytest.param(YML, f"p:\n  {FLASH}: 1\n  {FLASH_GA}: 2\n", f"p:\n  {FLASH_GA}: 1\n  {FLASH_GA}: 2\n", "the fix would merge two keys in p", id="yaml-duplicate-key"),
        pytest.param(YML, f"m: {FLASH}\n", f"m: [{FLASH_GA}\n", "the fixed YAML would not load: while parsing a flow sequence", id="yaml-invalid-new"),
        pytest.param(YML, "a: 1\n---\nb: 2\n", "a: 1\n---\nb: 3\n", "the fix would change a non-string value in b (document 2)", id="yaml-second-document"),
        pytest.param(YML, f"a: !Ref {FLASH}\nb: !!python/tuple [1]\n", f"a: !Ref {FLASH_GA}\nb: !!python/tuple [1]\n", None, id="yaml-unknown-tags"),
        pytest.param(YML, "a: &a [1, *a]\n", "a: &a [1, *a]\n", None, id="yaml-recursive-alias"),
        pytest.param(YML, "m: yes\n", "m: 'yes'\n", "the fix would change the type of m", id="yaml-bool-became-string"),
        pytest.param(YML, "a: !Custom {b: 1}\n", "a: !Custom {b: 2}\n", "the fix would change a non-string value in a.b", id="yaml-unknown-tag-mapping"),
        pytest.param(YML, "a: 1\n", "a: 1\n---\nb: 1\n", "the fix would change the number of YAML documents", id="yaml-document-added"),
        pytest.param(YML, "1: a\n", "2: a\n", "the fix would change a non-string key in the top level", id="yaml-int-key-changed"),
        pytest.param(JSN, '{"a": {}}', '{"a": []}', "the fix would change the type of a", id="json-object-became-list"),
        pytest.param(JSN, '{"a": []}', '{"a": {}}', "the fix would change the type of a", id="json-list-became-object"),
        pytest.param(JSN, '{"a": "x"}', '{"a": null}', "the fix would change the type of a", id="json-string-became-null"),
        pytest.param(JSN, "[" * 900 + f'"{FLASH}"' + "]" * 900, "[" * 900 + f'"{FLASH_GA}"' + "]" * 900, None, id="json-deep"),
        pytest.param(JSN, "[" * 900 + "1" + "]" * 900, "[" * 900 + "2" + "]" * 900, "the fix would change a non-string value in " + "[0]" * 900, id="json-deep-change"),
        pytest.param(INI, "a", "b", None, id="ini-not-checked"),
        pytest.param(ENV, "a", "b", None, id="env-not-checked"),
    ],
)
def test_same_entries(kind: Kind, old: str, new: str, expected: object) -> None:
    assert same_entries(kind, old, new) == expected


def test_engine_refuses_a_fix_that_would_merge_keys(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Even if a reader offered an unsound key rename, same_entries stops the write."""
    from gemini_lint.sources import config_files

    monkeypatch.setattr(config_files, "key_conflicts", lambda names, matcher, fold=str: {})
    data = f'{{"p": {{"{FLASH}": 1, "{FLASH_GA}": 2}}}}\n'.encode()
    (tmp_path / "p.json").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    assert main([*CLI, "p.json"]) == 1  # a check does not count the fix either
    out, err = capsys.readouterr()
    assert "p.json: fix not offered: the fix would merge two keys in p" in err and "fixable" not in out
    assert main([*CLI, "--fix", "--unsafe-fixes", "p.json"]) == 1
    out, err = capsys.readouterr()
    assert "p.json: fix not offered: the fix would merge two keys in p" in err
    assert "failed" not in out  # nothing went wrong: the finding stays, without a fix
    assert (tmp_path / "p.json").read_bytes() == data


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("merge.yaml", f"a: &a\n  {FLASH}: 1\nb:\n  <<: *a\n  {FLASH_GA}: 2\n", "the fix would merge two keys in b"),
        ("complex.yaml", f"{{{FLASH}: 1}}: v\n", "the original YAML does not load"),
    ],
)
def test_a_fix_the_loader_refuses_is_never_counted_nor_a_failure(
    tmp_path: Path, run_cli, name: str, text: str, problem: str  # type: ignore[no-untyped-def]
) -> None:
    """Found by a review: the check said '1 fixable with --fix', then --fix refused it and failed the file."""
    (tmp_path / name).write_text(text)
    check = run_cli(*CLI, name, cwd=tmp_path)
    assert check.returncode == 1 and check.stdout.endswith("Found 1 finding.\n"), check.stdout
    assert f"gemini-lint: {name}: fix not offered: {problem}" in check.stderr
    fix = run_cli(*CLI, "--fix", "--unsafe-fixes", name, cwd=tmp_path)
    assert fix.stdout.endswith("Found 1 finding.\n"), fix.stdout
    assert (tmp_path / name).read_text() == text


# ---------------------------------------------------------------------------------------------
# Prose blocks (for GL003): comments only, same length as the file


@pytest.mark.parametrize(
    ("kind", "text", "comments"),
    [
        pytest.param(YML, "a: free  # The Gemini API is free\nb: 'x # y'\n", ["# The Gemini API is free"], id="yaml"),
        pytest.param(TML, 'a = "free # not a comment"  # Free tier\n', ["# Free tier"], id="toml"),
        pytest.param(INI, "; free API\n[a]\nk = v ; not prose\n", ["; free API"], id="ini"),
        pytest.param(ENV, '# free\nA="x # y" # z\nB=c # d\n', ["# free", "# z", "# d"], id="env"),
        pytest.param(JSN, '{"a": "# free"}', [], id="json-has-no-comments"),
    ],
)
def test_prose_is_comments_only(kind: Kind, text: str, comments: list[str]) -> None:
    blocks = reader(kind)(text, MATCHER).prose
    if not comments:
        assert blocks == []
        return
    (block,) = blocks
    assert len(block.text) == len(text)
    assert block.text.split() == " ".join(comments).split()
    assert all(a == b or (b == " " and a not in "\r\n") for a, b in zip(text, block.text))


# ---------------------------------------------------------------------------------------------
# Fixed files still load with the same entries


@pytest.mark.parametrize("name", ["pricing.json", "values.yaml", "pyproject.toml"])
def test_fixed_golden_files_load_with_the_same_entries(name: str) -> None:
    source = (GOLDEN / name).read_text(encoding="utf-8")
    after = (GOLDEN / f"{name}.fixed").read_text(encoding="utf-8")
    kind = kind_of(name)
    assert kind is not None
    assert same_entries(kind, source, after) is None

    def load(text: str) -> Any:
        if kind is TML:
            return tomllib.loads(text)
        if kind is YML:
            return list(yaml.safe_load_all(text))
        return json.loads(text)

    def shape(value: Any) -> Any:
        if isinstance(value, dict):
            return [("key", shape(v)) for v in value.values()]
        if isinstance(value, list):
            return [shape(v) for v in value]
        return "str" if isinstance(value, str) else value

    assert shape(load(after)) == shape(load(source))
    assert FLASH in after  # the colliding pricing key is still there


# ---------------------------------------------------------------------------------------------
# Pricing tables: preview and GA side by side


@pytest.mark.parametrize(
    ("name", "text"),
    [
        pytest.param("pricing.json", f'{{\n  "usd_per_image_1k_size": {{\n    "{FLASH}": 0.067,\n    "{FLASH_GA}": 0.067\n  }}\n}}\n', id="json"),
        pytest.param("pricing.yaml", f"usd_per_image_1k_size:\n  {FLASH}: 0.067\n  {FLASH_GA}: 0.067\n", id="yaml"),
        pytest.param("pricing.toml", f'[usd_per_image_1k_size]\n"{FLASH}" = 0.067\n"{FLASH_GA}" = 0.067\n', id="toml"),
    ],
)
def test_pricing_table_is_left_byte_identical(name: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = text.encode()
    (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    assert main([*CLI, "--fix", "--unsafe-fixes", name]) == 1
    out = capsys.readouterr().out
    assert f"({SIBLING}; not fixed automatically)" in out
    assert out.splitlines()[-1].startswith("Found ")
    assert (tmp_path / name).read_bytes() == data


# ---------------------------------------------------------------------------------------------
# Large files


def _big_json(count: int) -> str:
    items = [
        {"id": n, "name": f'item "{n}" \\ {n}', "model": FLASH if n % 100 == 0 else FLASH_GA, "tags": ["a", "b\n"], "score": 0.067}
        for n in range(count)
    ]
    return json.dumps(items, separators=(",", ":"))


def test_large_minified_json_is_fixed_and_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    text = _big_json(42_000)  # about 5 MB on one line
    assert len(text) > 4_500_000
    (tmp_path / "big.json").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main([*CLI, "--fix", "big.json"]) == 0
    assert capsys.readouterr().out.startswith("Fixed 420 findings in 1 file")
    after = (tmp_path / "big.json").read_text(encoding="utf-8")
    assert json.loads(after) == json.loads(text.replace(f'"{FLASH}"', f'"{FLASH_GA}"'))


def test_large_invalid_json_is_reported_and_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = _big_json(42_000)[:-1].encode()  # the closing ']' is missing
    (tmp_path / "big.json").write_bytes(data)
    monkeypatch.chdir(tmp_path)
    assert main([*CLI, "--fix", "big.json"]) == 1
    captured = capsys.readouterr()
    assert captured.out.endswith("Found 420 findings.\n")
    assert "big.json: not valid JSON (line 1): Expecting ',' delimiter" in captured.err
    assert (tmp_path / "big.json").read_bytes() == data


def test_large_json_with_a_key_checks_its_siblings() -> None:
    mapping = {f"k{n}": n for n in range(50_000)}
    mapping[FLASH] = 1
    mapping[FLASH_GA] = 2
    text = json.dumps({"p": mapping, "q": [mapping]})
    assert [m.reason for m in scan(JSN, text).mentions] == [SIBLING, SIBLING]


# ---------------------------------------------------------------------------------------------
# Discovery and golden files through the CLI


def test_env_example_is_discovered_in_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / ".env.example").write_text(f"MODEL={FLASH}\n", encoding="utf-8")
    (tmp_path / "app" / ".env").write_text(f"export MODEL='{PRO}'\n", encoding="utf-8")
    (tmp_path / "app" / "settings.cfg").write_text(f"[a]\nm = {PRO}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main([*CLI, "app"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": GL")[0] for line in lines[:-1]] == ["app/.env:1:15", "app/.env.example:1:7", "app/settings.cfg:2:5"]


GOLDEN_INPUTS = sorted(
    p.name for p in GOLDEN.iterdir() if p.is_file() and not p.name.endswith((".expected.txt", ".fixed"))
)


def test_golden_inputs_cover_every_kind() -> None:
    assert {kind_of(name) for name in GOLDEN_INPUTS} == {JSN, YML, TML, INI, ENV}
    for name in GOLDEN_INPUTS:
        assert (GOLDEN / f"{name}.expected.txt").is_file() and (GOLDEN / f"{name}.fixed").is_file()


@pytest.mark.parametrize("name", GOLDEN_INPUTS)
def test_golden(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    expected_output = (GOLDEN / f"{name}.expected.txt").read_text(encoding="utf-8")
    expected_fixed = (GOLDEN / f"{name}.fixed").read_bytes()
    shutil.copyfile(GOLDEN / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)

    assert main([*CLI, name]) == 1
    assert capsys.readouterr().out == expected_output

    main([*CLI, "--fix", name])
    capsys.readouterr()
    assert (tmp_path / name).read_bytes() == expected_fixed

    main([*CLI, "--fix", name])  # idempotent
    assert capsys.readouterr().out.splitlines()[-1].startswith(("Found ", "All checks passed!"))
    assert (tmp_path / name).read_bytes() == expected_fixed


def test_console_script(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    shutil.copyfile(GOLDEN / "values.yaml", tmp_path / "values.yaml")
    result = run_cli(*CLI, "values.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == (GOLDEN / "values.yaml.expected.txt").read_text(encoding="utf-8")
    result = run_cli(*CLI, "--fix", "values.yaml", cwd=tmp_path)
    assert (tmp_path / "values.yaml").read_bytes() == (GOLDEN / "values.yaml.fixed").read_bytes()


ESCAPES = [
    # (kind, text with {m} for PRO, whether the ID may be fixed)
    pytest.param(Kind.JSON, '{"a": "{m}\\u002d2"}', False, id="json-escape-continues-the-token"),
    pytest.param(Kind.JSON, '{"a": "dir\\\\n{m}"}', False, id="json-escaped-backslash-then-n"),
    pytest.param(Kind.JSON, '{"a": "line\\n{m}"}', True, id="json-newline-escape-before"),
    pytest.param(Kind.JSON, '{"a": "{m}\\n", "b": "C:\\\\x\\\\{m}\\\\y"}', True, id="json-boundary-escapes"),
    pytest.param(Kind.YAML, 'a: "{m}\\x2d2"\n', False, id="yaml-double-quoted-escape"),
    pytest.param(Kind.YAML, 'a: "one\\\n  {m}"\n', False, id="yaml-escaped-line-break"),
    pytest.param(Kind.YAML, "a: '\\n{m}'\n", False, id="yaml-single-quoted-literal-letter"),
    pytest.param(Kind.YAML, "a: C:\\{m}\\x\n", True, id="yaml-plain-backslashes-are-literal"),
    pytest.param(Kind.TOML, 'a = """x\\\n{m}"""\n', False, id="toml-line-ending-backslash"),
    pytest.param(Kind.TOML, "a = 'C:\\{m}\\x'\n", True, id="toml-literal-string"),
]


@pytest.mark.parametrize(("kind", "text", "fixable"), ESCAPES)
def test_an_escape_next_to_an_id_withholds_its_fix(kind: Kind, text: str, fixable: bool) -> None:
    """The matcher reads the text as written; the program gets it decoded, where the ID may be another token."""
    text = text.replace("{m}", PRO)
    mentions = scan(kind, text).mentions
    assert mentions and all(m.fixable is fixable for m in mentions)
    assert all((m.reason == ESCAPE_REASON) is not fixable for m in mentions)


DOTTED_KEYS = [
    pytest.param("[pricing.{m}]\nusd = 1\n", [(1, 10, V, True)], id="table-header-after-a-dot"),
    pytest.param("[{m}.usd]\nx = 1\n", [(1, 2, V, True)], id="table-header-before-a-dot"),
    pytest.param("[t]\n{m}.usd = 1\nx.{m} = 2\n", [(2, 1, V, True), (3, 3, V, True)], id="dotted-keys"),
    pytest.param("[a.{m}]\nu = 1\n[a.{new}]\nu = 2\n", [(1, 4, V, False)], id="header-with-ga-sibling"),
    pytest.param('[t]\nx = "models.{m}"\n', [], id="a-dot-inside-a-string-still-joins"),
    pytest.param("[tool.gemini-lint.models.{m}]\nx = 1\n", [], id="own-section-skipped"),
    pytest.param("a.{m}.b = 1\n[c.{m}.d]\nx = 1\n", [(1, 3, V, True), (2, 4, V, True)], id="in-the-middle"),
]


@pytest.mark.parametrize(("text", "expected"), DOTTED_KEYS)
def test_a_bare_toml_key_next_to_a_dot_is_a_key_of_its_own(text: str, expected: list[tuple[int, int, str, bool]]) -> None:
    text = text.replace("{m}", PRO).replace("{new}", PRO_GA)
    assert found(Kind.TOML, text) == expected
    after = fixed(Kind.TOML, text, unsafe=True)  # a key's fix is unsafe (KEY_REASON)
    assert after == text.replace(PRO, PRO_GA) if any(f for *_, f in expected) else after == text
    assert fixed(Kind.TOML, text) == text
    tomllib.loads(after)


@pytest.mark.parametrize(("name", "kind"), [(".env", ENV), (".env.local", ENV), ("prod.env", ENV), ("env.txt", Kind.TEXT)])
def test_env_file_names(name: str, kind: Kind) -> None:
    assert kind_of(name) is kind



@pytest.mark.parametrize("text", ["gemini-3-pro-preview = 1\n", "[p.gemini-3-pro-preview]\nx = 1\n", "a.gemini-3-pro-preview.b = 1\n"])
def test_a_bare_toml_key_is_not_renamed_to_a_name_with_a_dot(text: str) -> None:
    """gemini-3-pro-preview -> gemini-3.1-pro-preview would make the key a dotted key: a table."""
    (mention,) = scan(Kind.TOML, text).mentions
    assert not mention.fixable and mention.reason == "'gemini-3.1-pro-preview' is no bare TOML key; quote the key by hand"


def test_the_pre_check_reads_a_toml_file_whose_only_id_sits_between_dots() -> None:
    from gemini_lint.engine import Mode, process_bytes

    data = f"a.{PRO}.b = 1\n".encode()
    outcome = process_bytes("x.toml", data, SETTINGS, Mode.DIFF)
    assert [d.column for d in outcome.diagnostics] == [3] and outcome.new_bytes is None  # a key: its fix is unsafe


MIGRATIONS = [
    # (kind, text, fixed safely?) -- a value whose scope also names its replacement needs --unsafe-fixes.
    pytest.param(YML, f"aliases:\n  {FLASH}: {FLASH_GA}\n", False, id="yaml-alias-map"),
    pytest.param(YML, f"model: {FLASH}\nfallback: {FLASH_GA}\n", True, id="yaml-other-line"),
    pytest.param(YML, f"model: {FLASH}  # the GA ID is {FLASH_GA}\n", True, id="yaml-comment-names-it"),
    pytest.param(TML, f'a = ["{FLASH}", "{FLASH_GA}"]\n', False, id="toml-array-on-a-line"),
    pytest.param(ENV, f"MODEL={FLASH} # later {FLASH_GA}\n", True, id="env-comment"),
    pytest.param(INI, f"[m]\nmodel = {FLASH} ; later {FLASH_GA}\n", True, id="ini-semicolon-comment"),
    pytest.param(JSN, f'{{"map": {{"{PRO}": "{PRO_GA}"}}, "default": "{FLASH}"}}', False, id="json-alias-object"),
    pytest.param(JSN, f'{{"default": "{FLASH}", "prices": {{"{FLASH_GA}": 1}}}}', True, id="json-new-in-a-nested-object"),
    # One key holding each name once reads as one entry per model (pipecat's eval manifest, a
    # 2026-12-07 run): renamed, two entries would have one name. Where the key's values repeat, the
    # records are data about something else (requests, items) and keep their fixes.
    pytest.param(JSN, f'[{{"m": "{FLASH}"}}, {{"m": "{FLASH_GA}"}}]', False, id="json-records-one-each"),
    pytest.param(JSN, f'[{{"m": "{FLASH}"}}, {{"m": "{FLASH_GA}"}}, {{"m": "{FLASH_GA}"}}]', True, id="json-records"),
    pytest.param(JSN, f'[{{"m": "{FLASH}"}}, {{"m": "{FLASH}"}}, {{"m": "{FLASH_GA}"}}]', True, id="json-records-old-twice"),
    pytest.param(JSN, f'[{{"m": "{FLASH}"}}, {{"n": "{FLASH_GA}"}}]', True, id="json-records-other-keys"),
    pytest.param(JSN, f'{{"fallbacks": ["{FLASH}", "{FLASH_GA}"]}}', False, id="json-array-of-both"),
    # A list over several lines is one scope where the ID is a whole item: a fix would list the new name twice.
    pytest.param(YML, f"models:\n  - {FLASH}\n  # next\n  - '{FLASH_GA}'\n", False, id="yaml-block-list-of-both"),
    pytest.param(YML, f"models:\n- {FLASH}  # old\n- {FLASH_GA}\n", False, id="yaml-block-list-at-key-indent"),
    pytest.param(YML, f"models: [{FLASH},\n  {FLASH_GA}]\n", False, id="yaml-flow-list-over-lines"),
    pytest.param(TML, f'models = [\n  "{FLASH}",  # old\n  "{FLASH_GA}",\n]\n', False, id="toml-array-over-lines"),
    pytest.param(YML, f"models:\n  - {FLASH}\n  - {PRO_GA}\n", True, id="yaml-list-of-others"),
    pytest.param(YML, f"models:\n  - {FLASH}\nfallback:\n  - {FLASH_GA}\n", True, id="yaml-two-lists"),
    pytest.param(
        YML, f"providers:\n  - name: a\n    models:\n      - {FLASH}\n  - name: b\n    models:\n      - {FLASH_GA}\n",
        True, id="yaml-nested-lists-of-two-records",
    ),
    # Items that hold an ID among other text are settings of their own: the line stays the scope.
    pytest.param(YML, f"env:\n  - MODEL={FLASH}\n  - FALLBACK={FLASH_GA}\n", True, id="yaml-list-of-settings"),
    # Two runs, each model once under 'model': a comparison of the two, which the fix would make one model twice.
    pytest.param(
        TML, f'runs = [\n  {{name = "a", model = "{FLASH}"}},\n  {{name = "b", model = "{FLASH_GA}"}},\n]\n', False,
        id="toml-array-of-tables",
    ),
    pytest.param(
        TML, f'runs = [\n  {{name = "a", model = "{FLASH}"}},\n  {{name = "b", model = "{FLASH_GA}"}},\n'
        f'  {{name = "c", model = "{FLASH_GA}"}},\n]\n', True, id="toml-array-of-tables-new-twice",
    ),
]


@pytest.mark.parametrize(("kind", "text", "safe"), MIGRATIONS)
def test_a_value_next_to_its_replacement_gets_an_unsafe_fix(kind: Kind, text: str, safe: bool) -> None:
    result = lint_source(text, path_for(kind), SETTINGS, kind=kind)
    first = next(d for d in result.diagnostics if d.code == "GL001" and d.fix is not None)
    assert (first.fix is not None and first.fix.applicability.value == "safe") is safe
    assert ("also names" in first.message or "a mapping's key" in first.message) is not safe
    end = first.fix.edits[0].end if first.fix is not None else 0
    assert (fixed(kind, text)[:end] == text[:end]) is not safe  # the earliest fixable ID: fixed only if safe


@pytest.mark.parametrize(
    ("kind", "text", "reason"),
    [
        pytest.param(ENV, f"M=${{BASE:-{FLASH}}}-lite\n", "builds this value from parts", id="env-expansion-then-text"),
        pytest.param(YML, f"m: ${{BASE:-{FLASH}}}.v2\n", "default expansion", id="compose-expansion-then-text"),
        pytest.param(ENV, f"M={FLASH}\\\n-x\n", "joins the next line", id="env-backslash-continuation"),
        pytest.param(INI, f"[DEFAULT]\nbase = {FLASH}\n[m]\nlite = %(base)s-lite\n", "interpolates", id="ini-interpolation"),
        pytest.param(INI, f"[a]\nbase = {FLASH}\n[m]\nlite = ${{a:base}}.v2\n", "interpolates", id="ini-extended"),
        pytest.param(ENV, f"MODEL={FLASH}\nLITE=${{MODEL}}-lite\n", "expands this variable", id="env-braced"),
        pytest.param(ENV, f'MODEL="{FLASH}"\nLITE=$MODEL.v2\n', "expands this variable", id="env-plain-quoted"),
        # A fuzzer's finds: the shell joins what follows a closing quote, and builds unquoted values from parts.
        pytest.param(ENV, f'M="{FLASH}"-lite\n', "after the closing quote", id="env-glued-after-double-quote"),
        pytest.param(ENV, f"M='{FLASH}'_2\n", "after the closing quote", id="env-glued-after-single-quote"),
        pytest.param(ENV, f'M={FLASH}"-lite"\n', "builds this value from parts", id="env-quoted-part-after"),
        pytest.param(ENV, f"M=${{X:-'{FLASH}'}}-lite\n", "builds this value from parts", id="env-quoted-default"),
        pytest.param(ENV, f"M=$(echo {FLASH})-lite\n", "builds this value from parts", id="env-command"),
        pytest.param(ENV, f"M=`echo {FLASH}`-lite\n", "builds this value from parts", id="env-backticks"),
        pytest.param(ENV, f'A={FLASH}\nL="${{A}}"-lite\n', "expands this variable", id="env-quoted-reference-glued"),
        pytest.param(ENV, f'A={FLASH}\nL=${{A}}"-lite"\n', "expands this variable", id="env-reference-then-quoted"),
    ],
)
def test_a_value_built_into_a_longer_name_gets_no_fix(kind: Kind, text: str, reason: str) -> None:
    diagnostics = lint_source(text, path_for(kind), SETTINGS, kind=kind).diagnostics
    assert diagnostics[0].fix is None and reason in diagnostics[0].message
    assert fixed(kind, text, unsafe=True) == text


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        pytest.param(ENV, f"M=${{BASE:-{FLASH}}}\n", id="env-expansion-alone"),
        pytest.param(ENV, f"M=${{BASE:-{FLASH}}} # x\n", id="env-expansion-then-comment"),
        pytest.param(INI, f"[DEFAULT]\nbase = {FLASH}\n[m]\nurl = models/%(base)s\n", id="ini-interpolated-at-the-end"),
        pytest.param(ENV, f"MODEL={FLASH}\nURL=models/${{MODEL}}\nX=$MODEL\n", id="env-expanded-at-the-end"),
        pytest.param(ENV, f'M="{FLASH}"  # x\n', id="env-quoted-then-comment"),
        pytest.param(ENV, f'MODEL={FLASH}\nX="${{MODEL}}"\n', id="env-quoted-reference-alone"),
        # A review: quotes or $(...) elsewhere in a value are no reason to withhold the ID's fix.
        pytest.param(ENV, f'JSON_CONFIG={{"model":"{FLASH}","n":1}}\n', id="env-json-in-an-unquoted-value"),
        pytest.param(ENV, f'ARGS=--model "{FLASH}"\n', id="env-quoted-argument"),
        pytest.param(ENV, f"CMD=run --model={FLASH} --name=$(hostname)\n", id="env-command-elsewhere"),
        pytest.param(ENV, f"D=${{X:-'{FLASH}'}}\n", id="env-quoted-default-alone"),
        pytest.param(ENV, f'M="a {FLASH} b"-x\n', id="env-glued-to-another-word"),
        pytest.param(ENV, f'MODEL={FLASH}\nGREETING="Using $MODEL\'s defaults"\n', id="env-apostrophe-after-reference"),
    ],
)
def test_a_value_used_whole_keeps_its_fix(kind: Kind, text: str) -> None:
    diagnostics = lint_source(text, path_for(kind), SETTINGS, kind=kind).diagnostics
    assert [d.fix is not None for d in diagnostics] == [True]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        pytest.param(YML, f"aliases:\n  {PRO}: {FLASH}\n", id="yaml"),
        pytest.param(JSN, f'{{"aliases": {{"{PRO}": "{FLASH}"}}}}', id="json"),
        pytest.param(TML, f'[aliases]\n"{PRO}" = "{FLASH}"\n', id="toml"),
    ],
)
def test_a_map_from_one_legacy_id_to_another_gets_unsafe_fixes(kind: Kind, text: str) -> None:
    diagnostics = lint_source(text, path_for(kind), SETTINGS, kind=kind).diagnostics
    assert len(diagnostics) == 2 and all(
        "as in a map between two old IDs" in d.message or "a mapping's key" in d.message for d in diagnostics
    )
    assert fixed(kind, text) == text


def test_a_yaml_set_tag_between_two_ids_is_no_sql_set() -> None:
    """``!!set`` is a YAML tag, not SQL's SET (a review found both IDs held "as in a map between two old IDs")."""
    text = f"aliases:\n  ? {PRO}\n  : pro\ntags: !!set\n  ? {FLASH}\n"
    assert not any("as in a map between two old IDs" in reason for reason in reasons(YML, text))
    sql = f"sql: UPDATE jobs SET model = '{FLASH}' WHERE model = '{PRO}'\n"
    held = reasons(YML, sql)
    assert len(held) == 2 and all("as in a map between two old IDs" in reason for reason in held)


@pytest.mark.parametrize("kind", [YML, TML])
def test_a_list_of_two_old_ids_with_one_new_name_gets_unsafe_fixes(kind: Kind) -> None:
    text = f"models:\n  - {PRO}\n  - {PRO}-x\n" if kind is YML else f'models = [\n  "{PRO}",\n  "x",\n]\n'
    two = f"models:\n  - {FLASH}\n  - gemini-2.5-flash-image-preview\n"  # both become {FLASH_GA}
    if kind is TML:
        two = f'models = [\n  "{FLASH}",\n  "gemini-2.5-flash-image-preview",\n]\n'
    assert all("which gets the same new name" in reason for reason in reasons(kind, two))
    assert reasons(kind, text)[0] == ""  # one old ID, nothing else: fixed as usual


def test_list_scopes_are_worked_out_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from gemini_lint.sources import config_files

    calls = {"sequence": 0, "brackets": 0}
    real_sequence, real_brackets = config_files._block_sequence, config_files._multiline_brackets

    def sequence(*args: Any) -> Any:
        calls["sequence"] += 1
        return real_sequence(*args)

    def brackets(*args: Any) -> Any:
        calls["brackets"] += 1
        return real_brackets(*args)

    monkeypatch.setattr(config_files, "_block_sequence", sequence)
    monkeypatch.setattr(config_files, "_multiline_brackets", brackets)
    items = [FLASH, PRO] * 500 + [FLASH_GA]
    for kind, text in [
        (YML, "models:\n" + "".join(f"  - {item}\n" for item in items)),
        (TML, "models = [\n" + "".join(f'  "{item}",\n' for item in items) + "]\n"),
    ]:
        said = {m.model.id: m.reason for m in scan(kind, text).mentions}
        assert said[FLASH].startswith(f"this line or list also names '{FLASH_GA}'")
        assert said[PRO] == ""  # its own new name is not in the list, and it is the only ID that gets it
    assert calls == {"sequence": 1, "brackets": 2}  # one sequence; one bracket pass per text


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        pytest.param(JSN, '{"m": "gemini\\u002d3.1-flash-image-preview", "e": "caf\\u00e9"}\n', id="json-unicode-escape"),
        pytest.param(JSN, '{"m": "gemini-3.1-flash-image\\u002Dpreview"}\n', id="json-upper-hex"),
        pytest.param(YML, 'm: "gemini\\x2d3.1-flash-image-preview"\n', id="yaml-hex-escape"),
        pytest.param(TML, 'm = "gemini-3.1-flash-image\\u002dpreview"\n', id="toml-unicode-escape"),
        # A fuzzer's finds: strings over lines, joined by a line-ending backslash, load as the ID too.
        pytest.param(YML, 'a: "gemini-3.1-\\\n  flash-image-preview"\n', id="yaml-escaped-line-break"),
        pytest.param(YML, 'a:\n  - "x \\\n    gemini-3.1-flash-image-\\\n    preview"\n', id="yaml-two-breaks-in-a-list"),
        pytest.param(TML, 'm = """gemini-3.1-flash-image\\\n   -preview"""\n', id="toml-multiline-backslash"),
        pytest.param(TML, 'm = """gemini-3.1-flash-image-previe\\\n\n  w"""\n', id="toml-multiline-blank-lines"),
    ],
)
def test_an_id_spelt_with_escapes_is_reported_without_a_fix(kind: Kind, text: str) -> None:
    """A review found these missed: the strings load as the retired ID. The whole string is reported."""
    (mention,) = reader(kind)(text, MATCHER).mentions
    assert mention.model.id == FLASH and not mention.fixable and "escapes" in mention.reason
    assert text[mention.start] == '"' and text[mention.end - 1] == '"'
    assert fixed(kind, text, unsafe=True) == text


def test_every_escaped_id_in_a_string_is_reported_and_none_it_does_not_hold() -> None:
    # Only the first was reported; a raw ID that an escape runs on into another one was reported (and not the other).
    text = '{"a": "gemini\\u002d2.5-pro,veo-3.0-g\\u0065nerate-001", "b": "gemini-2.0-flash\\u002dlite"}\n'
    found = sorted((m.start, m.model.id) for m in reader(JSN)(text, MATCHER).mentions)
    second = text.index('"gemini-2.0')
    assert found == [(6, "gemini-2.5-pro"), (6, "veo-3.0-generate-001"), (second, "gemini-2.0-flash-lite")]
    text = 'm = """gemini-2.0-flash\\\n  -lite"""\n'
    assert [m.model.id for m in reader(TML)(text, MATCHER).mentions] == ["gemini-2.0-flash-lite"]


def test_escaped_ids_are_read_through_the_command(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.json").write_text('{"m": "gemini\\u002d3.1-flash-image-preview"}\n')
    (tmp_path / "b.json").write_text('{"m": "caf\\u00e9", "n": "gemini-3.1-flash-image"}\n')
    result = run_cli("--isolated", "--today", "2026-11-25", ".", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.startswith("a.json:1:7: GL001"), result.stdout
    assert result.stdout.count("GL001") == 1


@pytest.mark.parametrize(
    ("name", "text", "fixed_text"),
    [
        ("dup.yaml", "gemini-2.0-flash: 1\ngemini-2.0-flash: gemini-2.5-flash\n",
         "gemini-3.6-flash: 1\ngemini-3.6-flash: gemini-3.5-flash-lite\n"),
        ("dup.json", '{"gemini-2.0-flash": 1, "gemini-2.0-flash": "gemini-2.5-flash"}\n',
         '{"gemini-3.6-flash": 1, "gemini-3.6-flash": "gemini-3.5-flash-lite"}\n'),
    ],
)
def test_safe_fixes_sound_only_with_the_unsafe_ones_wait_for_them(
    tmp_path: Path, run_cli, name: str, text: str, fixed_text: str  # type: ignore[no-untyped-def]
) -> None:
    """A fuzzer's find: a repeated key, renamed once (the safe fix) of twice, parts the two and adds an
    entry, so --fix refused and failed the file the check had called fixable. Every fix together loads
    the same: offered with --unsafe-fixes, all of them."""
    (tmp_path / name).write_text(text)
    check = run_cli("--isolated", "--today", "2026-12-07", name, cwd=tmp_path)
    assert check.stdout.endswith("Found 3 findings (3 fixable with --fix --unsafe-fixes).\n"), check.stdout
    fix = run_cli("--isolated", "--today", "2026-12-07", "--fix", name, cwd=tmp_path)
    assert fix.returncode == 1 and "failed" not in fix.stdout and (tmp_path / name).read_text() == text
    fix = run_cli("--isolated", "--today", "2026-12-07", "--fix", "--unsafe-fixes", name, cwd=tmp_path)
    assert fix.returncode == 0 and (tmp_path / name).read_text() == fixed_text


def test_only_the_safe_fixes_that_part_duplicate_keys_wait(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """A review: every safe fix in the file waited for --unsafe-fixes, the unrelated ones too."""
    text = (f"image:\n  model: {PRO}\n  fallback: {FLASH}\n"
            "text_models:\n  gemini-2.0-flash: 1\n  gemini-2.0-flash: gemini-2.5-flash\n")
    (tmp_path / "dup.yaml").write_text(text)
    check = run_cli("--isolated", "--today", "2026-12-07", "dup.yaml", cwd=tmp_path)
    assert check.stdout.endswith("Found 5 findings (2 fixable with --fix, 3 more with --fix --unsafe-fixes).\n")
    fix = run_cli("--isolated", "--today", "2026-12-07", "--fix", "dup.yaml", cwd=tmp_path)
    assert fix.stdout.endswith("Fixed 2 findings in 1 file; 3 findings remaining (3 fixable with --fix --unsafe-fixes).\n")
    assert (tmp_path / "dup.yaml").read_text() == text.replace(PRO, PRO_GA).replace(FLASH, FLASH_GA)


@pytest.mark.parametrize(
    ("kind", "text", "ids"),
    [
        # A review: a quote in a comment paired with the next string by the letters gave phantom errors.
        pytest.param(YML, '# the "default" model\nallow: ^gemini-3-pro-image\\-preview$\ndesc: "x"\n', [], id="yaml-comment-quote"),
        pytest.param(TML, 'a = """\nx"""\n# see gemini\\u002d3-pro-image-preview docs\nb = """y"""\n', [], id="toml-comment-between"),
        pytest.param(TML, f'c = """\n{PRO}"""\ne = "gemini\\u002d3-pro-image-preview"\ni = """{PRO}"""\n', [PRO] * 3,
                     id="toml-three-strings"),
    ],
)
def test_escaped_strings_are_the_parsers_not_the_letters(kind: Kind, text: str, ids: list[str]) -> None:
    assert [m.model.id for m in reader(kind)(text, MATCHER).mentions] == ids


SHELL_JOINS = [
    # A second review's shapes: the shell's value is a longer name; a fix would make it one that is no model.
    "A=gemini-2.0-flash\nM=$A'-lite'\n",
    "A=gemini-2.0-flash\nM=\"$A\"'-lite'\n",
    "A=gemini-2.0-flash\nM=${A}'-lite'\n",
    "X=-lite\nM=\"gemini-2.0-flash\"$X\n",
    "M=\"gemini-2.0-flash\"$(echo -lite)\n",
    "M=\"gemini-2.0-flash\"$'-lite'\n",
    "M=\"gemini-2.0-flash\"\\\n-lite\n",
    "M=\"gemini-2.0-flash.\"x\n",
    "M=pre-\"gemini-2.0-flash\"\n",
    "M=\"$(printf %s gemini-2.0-flash)-lite\"\n",
    "M=\"x $(echo gemini-2.0-flash)-lite\"\n",
    "M=\"`echo gemini-2.0-flash`-lite\"\n",
    "A=gemini-2.0-flash\nB=\"${A}\"\nC=\"$B\"-lite\n",
    "A=gemini-2.0-flash\nM=${A%x}-lite\n",
    "A=gemini-2.0-flash\nM=${A/x/y}-lite\n",
    "A=gemini-2.0-flash\nM=$(echo $A)-lite\n",
    "A=gemini-2.0-flash\nM=x$A\n",
    "M=gemini-2.0-flash\\-lite\n",
    # A third review's fuzzer against bash: expansions, commands and defaults run into the ID too.
    "X=x\nM=${X}gemini-2.0-flash\n",
    "X=x\nM=\"${X}gemini-2.0-flash\"\n",
    "M=${X-x}gemini-2.0-flash\n",
    "M=$(echo x)gemini-2.0-flash\n",
    "M=$(printf %s-x gemini-2.0-flash)\n",
    "X=gemini-2.0-flash\nM=$(printf %s-lite $X)\n",
    "M=x$(echo gemini-2.0-flash)\n",
    "M=x${X:-gemini-2.0-flash}\n",
    "M=\"\ngemini-2.0-flash\"x\n",
    "M=a'x'\"gemini-2.0-flash\"\n",
    "M=${X:=gemini-2.0-flash}\nN=${X}-lite\n",
    "M=\\\"'gemini-2.0-flash'x\n",
    "M=$gemini-2.0-flash\n",
    "X=gemini-2.0-flash\nM=${Y:-$X}-lite\n",
    "X=gemini-2.0-flash\nM=${X:+$X-lite}\n",
    "X=gemini-2.0-flash\nM=${X:0:10}\n",
    "X=gemini-2.0-flash\nX+=-lite\n",
    "M=a\" #\"gemini-2.0-flash\"x\"\n",
    "M=\"x\\\ngemini-2.0-flash\"\n",
]
SHELL_KEEPS = [
    'JSON_CONFIG={"model":"gemini-2.0-flash","n":1}\n',
    'ARGS=--model "gemini-2.0-flash"\n',
    "CMD=run --model=gemini-2.0-flash --name=$(hostname)\n",
    "MODEL=gemini-2.0-flash\nGREETING=\"Using $MODEL's defaults\"\n",
    "D=${X:-'gemini-2.0-flash'}\n",
    "D=${X-gemini-2.0-flash}\n",
    "A=gemini-2.0-flash\nC=\"${A:+x}\"-lite\n",
    "MODEL=gemini-2.0-flash\nURL=models/${MODEL}\nX=$MODEL\n",
]


def _sourced(path: Path) -> dict[str, str]:
    """The variables bash gets from sourcing ``path`` (what a .env means to the shell)."""
    script = f"set -a; . {shlex.quote(str(path))}; env -0"
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env={"PATH": os.environ["PATH"]}).stdout
    return dict(item.split("=", 1) for item in out.split("\0") if "=" in item)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash reads the .env files")
@pytest.mark.parametrize(("text", "changed"), [(t, False) for t in SHELL_JOINS] + [(t, True) for t in SHELL_KEEPS])
def test_env_fixes_follow_what_the_shell_reads(tmp_path: Path, text: str, changed: bool) -> None:
    """Every value holding the ID whole is fixed, and no value the shell runs on into a longer name."""
    path = tmp_path / "x.env"
    path.write_text(text)
    before = _sourced(path)
    after_text = fixed_text = fixed(ENV, text, unsafe=True)
    path.write_text(after_text)
    after = _sourced(path)
    assert (fixed_text != text) is changed
    if changed:  # only the ID's bytes move
        assert fixed_text == text.replace("gemini-2.0-flash", "gemini-3.6-flash")
    if not changed:
        assert after == before
        return
    for name, value in before.items():  # a value that held the ID holds the new one, and nothing else moved
        assert after[name] == value.replace("gemini-2.0-flash", "gemini-3.6-flash"), name


def test_duplicate_key_pairs_and_other_values_of_an_id_keep_their_safe_fixes(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """A second review: a pair of duplicate keys renamed alike loads the same, and a plain value of the ID
    that parts a pair elsewhere is fixed on its own; only the key that parts a pair waits. (Since a run over
    real packages, every key's fix is unsafe, and a value of an ID that is a key moves with it.)"""
    text = ("text_models:\n  gemini-2.0-flash: 1\n  gemini-2.0-flash: gemini-2.5-flash\n"
            "other:\n  gemini-2.5-pro: 1\n  gemini-2.5-pro: 2\nm: gemini-2.0-flash-lite\nn: gemini-2.0-flash\n")
    (tmp_path / "q.yaml").write_text(text)
    check = run_cli("--isolated", "--today", "2026-12-07", "q.yaml", cwd=tmp_path)
    assert check.stdout.endswith("Found 7 findings (1 fixable with --fix, 6 more with --fix --unsafe-fixes).\n"), check.stdout
    assert "q.yaml:8:4: GL001" in check.stdout and "the same ID is a mapping's key in this file" in check.stdout
    run_cli("--isolated", "--today", "2026-12-07", "--fix", "q.yaml", cwd=tmp_path)
    assert (tmp_path / "q.yaml").read_text() == text.replace("m: gemini-2.0-flash-lite", "m: gemini-3.1-flash-lite")
    run_cli("--isolated", "--today", "2026-12-07", "--fix", "--unsafe-fixes", "q.yaml", cwd=tmp_path)
    yaml = __import__("yaml")
    assert len(yaml.safe_load((tmp_path / "q.yaml").read_text())["other"]) == 1


@pytest.mark.parametrize(
    ("name", "text"),
    [("a.yaml", f"m: {FLASH} # noqa-->\n"), (".env", f"M={FLASH} # noqa-->\n"), ("a.toml", f'm = "{FLASH}" # noqa-->\n'),
     ("a.ini", f"[a]\nm = {FLASH} ; noqa-->\n"), ("cr.yaml", f"# <!-- see docs -->\rm: {FLASH} # noqa-->\r")],
)
def test_noqa_then_an_html_comment_end_is_no_marker_outside_an_html_comment(name: str, text: str) -> None:
    assert len(lint_source(text, name, make_settings()).diagnostics) == 1


def test_ini_option_not_renamed_to_a_name_holding_a_delimiter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import configparser

    (tmp_path / "gemini-lint.toml").write_text(
        '[models."acme-vision-beta"]\nreplacement = "acme-vision:1"\ndeprecated = 2026-01-10\nshutdown = 2026-03-01\n',
        encoding="utf-8",
    )
    text = "[prices]\nacme-vision-beta = 0.1\nmodel = acme-vision-beta\n"
    (tmp_path / "p.ini").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["--today", "2026-12-07", "--fix", "p.ini"])
    parser = configparser.ConfigParser()
    parser.read_string((tmp_path / "p.ini").read_text(encoding="utf-8"))
    assert dict(parser["prices"]) == {"acme-vision-beta": "0.1", "model": "acme-vision:1"}


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # the key keeps its name (a sibling has the new one): the reference alone pointed at the other schema
        pytest.param(
            JSN, f'{{"d": {{"{PRO}": {{"a": 1}}, "{PRO_GA}": {{"a": 2}}}}, "x": {{"$ref": "#/d/{PRO}"}}, "m": "{PRO}"}}',
            id="json-sibling",
        ),
        pytest.param(JSN, f'{{"d": {{"{PRO}": 1}}, "x": {{"$ref": "other.json#/d/{PRO}"}}}}', id="json-other-file"),
        pytest.param(YML, f'd:\n  {PRO}: {{a: 1}}\n  {PRO_GA}: {{a: 2}}\nx:\n  $ref: "#/d/{PRO}"\n', id="yaml-sibling"),
        pytest.param(YML, f"d:\n  {PRO}: 1\nx: {{$ref: '#/d/{PRO}'}}\n", id="yaml-flow"),
    ],
)
def test_a_json_pointer_and_the_key_it_names_are_not_parted(kind: Kind, text: str) -> None:
    result = lint_source(text, path_for(kind), SETTINGS, kind=kind)
    held = [d for d in result.diagnostics if f"'{PRO}'" in d.message]
    assert held and all(d.fix is None for d in held)  # the key may have its own reason (a sibling)
    # ... and so may the pointer: '#/d/<ID>' reads as a path ('d/<ID>') too, which holds its fix first.
    assert any(
        "a JSON reference ('#/...') in this file names it" in d.message or "part of a file path" in d.message
        for d in held
    )
    assert fixed(kind, text, unsafe=True) == text


def test_a_pointer_elsewhere_or_in_a_comment_holds_nothing() -> None:
    assert fixed(YML, f"m: {PRO}\nn: '#/d/{FLASH}'  # see #/d/x\n") == f"m: {PRO_GA}\nn: '#/d/{FLASH}'  # see #/d/x\n"
    assert fixed(YML, f"m: {PRO}  # #/{PRO}\n") == f"m: {PRO_GA}  # #/{PRO}\n"


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # A saved model catalog: the two entries would become one (found in a real models.json).
        pytest.param(
            JSN, '{"models": [{"name": "models/gemini-2.0-flash", "version": "2.0"},\n'
            ' {"name": "models/gemini-2.0-flash-001", "version": "2.0-001"}]}\n', id="json-catalog",
        ),
        pytest.param(YML, "- name: gemini-2.0-flash\n  limit: 1\n- name: gemini-2.0-flash-001\n  limit: 2\n", id="yaml-catalog"),
        pytest.param(TML, '[[m]]\nname = "gemini-2.0-flash"\n[[m]]\nname = "gemini-2.0-flash-001"\n', id="toml-catalog"),
    ],
)
def test_two_legacy_ids_with_one_new_name_in_a_data_file_are_fixed_only_with_unsafe_fixes(kind: Kind, text: str) -> None:
    diagnostics = lint_source(text, path_for(kind), SETTINGS, kind=kind).diagnostics
    assert len(diagnostics) == 2
    assert all(d.fix is not None and d.fix.applicability is Applicability.UNSAFE for d in diagnostics)
    # Each entry's name is also the name of a list's entry over its settings, which holds it first.
    assert all("which gets the same new name: two entries would become one" in d.message
               or "it names an entry of a list" in d.message for d in diagnostics)
    assert fixed(kind, text) == text


def test_one_legacy_id_named_twice_in_a_data_file_keeps_its_safe_fix() -> None:
    text = "a: gemini-2.0-flash\nb: gemini-2.0-flash\nc: gemini-2.0-flash-lite\n"
    assert fixed(YML, text) == "a: gemini-3.6-flash\nb: gemini-3.6-flash\nc: gemini-3.1-flash-lite\n"


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        # A hash-routed page's address is no JSON pointer: the value keeps its fix (found by a review).
        # The address itself keeps the old name, as the same string in a .py file does: the renamed
        # page may not exist (a later review found config addresses renamed where Python's were not).
        pytest.param(
            YML, "model: gemini-2.0-flash\ndashboard: https://console.example.com/#/models/gemini-2.0-flash\n",
            "model: gemini-3.6-flash\ndashboard: https://console.example.com/#/models/gemini-2.0-flash\n", id="yaml",
        ),
        pytest.param(
            JSN, '{"model": "gemini-2.0-flash", "ui": "https://studio.example.com/#/p/gemini-2.0-flash"}',
            '{"model": "gemini-3.6-flash", "ui": "https://studio.example.com/#/p/gemini-2.0-flash"}', id="json",
        ),
    ],
)
def test_an_address_fragment_is_no_json_pointer(kind: Kind, text: str, expected: str) -> None:
    assert fixed(kind, text) == expected
    messages = [d.message for d in lint_source(text, path_for(kind), SETTINGS, kind=kind).diagnostics]
    assert not any("JSON reference" in message for message in messages)
    assert sum("part of a web address" in message for message in messages) == 1


# ---------------------------------------------------------------------------------------------
# What a config value holds besides the ID: the same decision as for a Python string (a review found
# addresses, paths, git refs and images renamed in config files where the same string in a .py file
# was held back).

DOCS = "https://ai.google.dev/gemini-api/docs/image-generation"

HELD_VALUES = [
    # An address's fragment, in every format.
    pytest.param(YML, f"docs_url: {DOCS}#{PRO}\n", id="yaml-fragment"),
    pytest.param(TML, f'docs_url = "{DOCS}#{PRO}"\n', id="toml-fragment"),
    pytest.param(JSN, f'{{"docs_url": "{DOCS}#{PRO}"}}\n', id="json-fragment"),
    pytest.param(ENV, f"DOCS_URL={DOCS}#{PRO}\n", id="env-fragment"),
    pytest.param(ENV, f'DOCS_URL="{DOCS}#{PRO}"\n', id="env-quoted-fragment"),
    pytest.param(INI, f"[links]\ndocs_url = {DOCS}#{PRO}\n", id="ini-fragment"),
    # A GitHub Actions workflow: a branch filter, a paths glob, an action's git ref, an image.
    pytest.param(
        YML,
        f'on:\n  push:\n    branches: [release/{PRO}]\n    paths: ["assets/{PRO}/**"]\njobs:\n  build:\n'
        f"    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/render-action@{PRO}\n"
        f"      - run: docker pull ghcr.io/acme/{PRO}:1.2\n",
        id="workflow",
    ),
    pytest.param(YML, f"jobs:\n  render:\n    steps:\n      - uses: ./.github/actions/{PRO}\n", id="workflow-local-action"),
    pytest.param(YML, f"nav:\n  - Pro model: guides/{PRO}/index.md\n", id="mkdocs-nav"),
    pytest.param(
        YML, f"services:\n  app:\n    image: ghcr.io/acme/{PRO}:1.2\n    volumes:\n      - ./outputs/{PRO}:/data\n",
        id="compose",
    ),
    pytest.param(JSN, f'{{"name": "x", "files": ["presets/{PRO}/"]}}\n', id="package-json-files"),
    pytest.param(TML, f'[project.urls]\nDocs = "https://example.com/docs#{PRO}"\n', id="pyproject-urls"),
    pytest.param(TML, f'[tool.cache]\ncache_dir = "cache/{PRO}"\n', id="toml-path"),
    pytest.param(ENV, f"CACHE_DIR=cache/{PRO}\nOUT='out/{PRO}/x.png'\n", id="env-paths"),
    pytest.param(INI, f"[paths]\nsamples = samples/{FLASH}/cat.png\n", id="ini-path"),
    # A hash-routed dashboard: the route may name the model, but the renamed page may not exist.
    pytest.param(YML, f"dashboard: https://console.example.com/#/models/{PRO}\n", id="dashboard-route"),
    pytest.param(YML, f"note: '{PRO} is deprecated; pick another'\n", id="yaml-says-retired"),
]

KEPT_VALUES = [
    pytest.param(YML, f"model: {PRO}\n", f"model: {PRO_GA}\n", id="yaml-model"),
    pytest.param(ENV, f"MODEL={PRO}\n", f"MODEL={PRO_GA}\n", id="env-model"),
    pytest.param(JSN, f'{{"model": "{PRO}"}}\n', f'{{"model": "{PRO_GA}"}}\n', id="json-model"),
    pytest.param(TML, f'model = "{PRO}"\n', f'model = "{PRO_GA}"\n', id="toml-model"),
    pytest.param(INI, f"[m]\nmodel = {PRO}\n", f"[m]\nmodel = {PRO_GA}\n", id="ini-model"),
    pytest.param(
        YML, f"url: https://generativelanguage.googleapis.com/v1beta/models/{PRO}:generateContent\n",
        f"url: https://generativelanguage.googleapis.com/v1beta/models/{PRO_GA}:generateContent\n", id="yaml-api-endpoint",
    ),
    pytest.param(
        ENV, f"URL=https://gateway.example.com/v1beta/models/{PRO}:generateContent\n",
        f"URL=https://gateway.example.com/v1beta/models/{PRO_GA}:generateContent\n", id="env-endpoint-through-a-gateway",
    ),
    pytest.param(
        YML, f"a: models/{PRO}\nb: vertex_ai/{PRO}\nc: openrouter/google/{PRO}\n",
        f"a: models/{PRO_GA}\nb: vertex_ai/{PRO_GA}\nc: openrouter/google/{PRO_GA}\n", id="yaml-resource-and-providers",
    ),
    pytest.param(INI, f"[m]\nmodel = models/{PRO}\n", f"[m]\nmodel = models/{PRO_GA}\n", id="ini-resource"),
    pytest.param(JSN, f'{{"model": "litellm/{PRO}"}}\n', f'{{"model": "litellm/{PRO_GA}"}}\n', id="json-provider"),
    pytest.param(YML, f"u: tag#{FLASH}\n", f"u: tag#{FLASH_GA}\n", id="yaml-hash-run-into-a-word"),
    pytest.param(YML, f'model: "{PRO}"\n{FLASH}: 0.067\n', f'model: "{PRO_GA}"\n{FLASH}: 0.067\n', id="yaml-quoted-and-key"),  # a key: unsafe
    pytest.param(TML, f'model = "vertex_ai/{PRO}"\n', f'model = "vertex_ai/{PRO_GA}"\n', id="toml-provider"),
    pytest.param(TML, f"model = 'gemini/{PRO}'\n", f"model = 'gemini/{PRO_GA}'\n", id="toml-litellm-gemini"),
    pytest.param(ENV, f'MODEL="models/{PRO}"\n', f'MODEL="models/{PRO_GA}"\n', id="env-quoted-resource"),
    pytest.param(ENV, f"export MODEL='{PRO}'\n", f"export MODEL='{PRO_GA}'\n", id="env-export"),
    pytest.param(
        JSN, f'{{"url": "https://aiplatform.googleapis.com/v1/publishers/google/models/{PRO}:predict"}}\n',
        f'{{"url": "https://aiplatform.googleapis.com/v1/publishers/google/models/{PRO_GA}:predict"}}\n', id="json-vertex-endpoint",
    ),
    pytest.param(INI, f"[m]\nname = publishers/google/models/{PRO}\n", f"[m]\nname = publishers/google/models/{PRO_GA}\n", id="ini-publisher"),
]


def test_held_and_kept_lists_are_equally_long() -> None:
    assert len(KEPT_VALUES) >= len(HELD_VALUES)


@pytest.mark.parametrize(("kind", "text"), HELD_VALUES)
def test_a_value_holding_an_address_a_path_or_a_ref_is_reported_without_a_fix(kind: Kind, text: str) -> None:
    diagnostics = lint_source(text, path_for(kind), SETTINGS, kind=kind).diagnostics
    assert diagnostics and all(d.code == "GL001" and d.fix is None for d in diagnostics)
    assert all("not fixed automatically" in d.message for d in diagnostics)
    assert fixed(kind, text) == text
    assert fixed(kind, text, unsafe=True) == text


@pytest.mark.parametrize(("kind", "text", "expected"), KEPT_VALUES)
def test_a_model_value_an_api_address_or_a_providers_name_keeps_its_safe_fix(kind: Kind, text: str, expected: str) -> None:
    assert fixed(kind, text) == expected


@pytest.mark.parametrize(
    "value",
    [
        f"{DOCS}#{PRO}",
        f"https://console.example.com/#/models/{PRO}",
        f"release/{PRO}",
        f"assets/{PRO}/**",
        f"acme/render-action@{PRO}",
        f"ghcr.io/acme/{PRO}:1.2",
        f"./outputs/{PRO}:/data",
        f"{PRO} is deprecated",
        PRO,
        f"models/{PRO}",
        f"vertex_ai/{PRO}",
        f"openrouter/google/{PRO}",
        f"https://generativelanguage.googleapis.com/v1beta/models/{PRO}:generateContent",
    ],
)
def test_a_config_value_gets_the_decision_of_the_same_python_string(value: str) -> None:
    def fixable(text: str, path: str) -> bool:
        (diagnostic,) = lint_source(text, path, SETTINGS).diagnostics
        return diagnostic.fix is not None

    in_python = fixable(f'MODEL = "{value}"\n', "x.py")
    assert fixable(f'model: "{value}"\n', "x.yaml") is in_python
    assert fixable(f"model: {value}\n", "x.yaml") is in_python
    assert fixable(f'{{"model": "{value}"}}\n', "x.json") is in_python
    assert fixable(f'model = "{value}"\n', "x.toml") is in_python
    assert fixable(f"MODEL={value}\n", ".env") is in_python
    assert fixable(f"[m]\nmodel = {value}\n", "x.ini") is in_python


# ---------------------------------------------------------------------------------------------
# Comments inside YAML block scalars: a script's or a file's comment is prose (GL002), as a comment
# in a Markdown code block is (a review found "# before 2026-06 this job used <ID>" rewritten).

RUN_BLOCK = (
    f"steps:\n  - run: |\n      python render.py --model {FLASH_GA}\n      # before 2026-06 this job used {PRO}\n"
)
CONFIG_MAP = (
    "apiVersion: v1\nkind: ConfigMap\ndata:\n  config.yaml: |\n"
    f"    model: {FLASH}  # was {PRO} in the beta\n    # previously {PRO}\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(RUN_BLOCK, [(4, 38, P, True)], id="run-block-comment"),
        pytest.param(CONFIG_MAP, [(5, 12, V, True), (5, 50, P, True), (6, 18, P, True)], id="configmap"),
        pytest.param(f"p: >\n  # folded {PRO}\n  {FLASH}\n", [(2, 12, P, True), (3, 3, V, True)], id="folded"),
        pytest.param(
            f"script: |\n  // github-script: was {PRO}\n  await run('{FLASH}')\n", [(2, 25, P, True), (3, 14, V, True)],
            id="javascript-comment",
        ),
        # A '#' inside quotes, run into a word or in ${x#y} is no comment.
        pytest.param(
            f'run: |\n  echo "# {PRO}"\n  m=x#{FLASH}\n  n=${{M:-{PRO}}}\n', [(2, 11, V, True), (3, 7, V, True), (4, 10, V, True)],
            id="hash-no-comment",
        ),
    ],
)
def test_a_comment_in_a_block_scalar_is_prose(text: str, expected: list[tuple[int, int, str, bool]]) -> None:
    assert found(YML, text) == expected


def test_a_comment_in_a_block_scalar_keeps_its_old_name_under_fix() -> None:
    assert fixed(YML, RUN_BLOCK) == RUN_BLOCK
    diagnostics = lint_source(RUN_BLOCK, "ci.yml", SETTINGS, kind=YML).diagnostics
    assert [(d.code, d.fix is not None and d.fix.applicability) for d in diagnostics] == [("GL002", Applicability.UNSAFE)]
    # The ConfigMap's value is fixed; both of its comments keep the old name.
    assert fixed(YML, CONFIG_MAP) == CONFIG_MAP.replace(f"model: {FLASH}", f"model: {FLASH_GA}")
    # With --unsafe-fixes the comments are rewritten, as comments in a Markdown code block are.
    assert fixed(YML, RUN_BLOCK, unsafe=True) == RUN_BLOCK.replace(PRO, PRO_GA)


def test_block_scalar_comments_are_prose_for_the_free_claim_rule() -> None:
    text = f"run: |\n  python x.py\n  # calling {PRO} is free\n"
    result = lint_source(text, "ci.yml", make_settings(), kind=YML)
    assert "GL003" in {d.code for d in result.diagnostics}


def test_config_values_and_block_comments_through_the_command(tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    held = {
        "docs.yaml": f"docs_url: {DOCS}#{PRO}\n",
        "docs.toml": f'docs_url = "{DOCS}#{PRO}"\n',
        "docs.json": f'{{"docs_url": "{DOCS}#{PRO}"}}\n',
        ".env": f"DOCS_URL={DOCS}#{PRO}\n",
        "setup.cfg": f"[links]\ndocs_url = {DOCS}#{PRO}\n",
        "ci.yml": (
            f'on:\n  push:\n    branches: [release/{PRO}]\n    paths: ["assets/{PRO}/**"]\njobs:\n  build:\n'
            f"    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/render-action@{PRO}\n"
            f"      - run: docker pull ghcr.io/acme/{PRO}:1.2\n"
        ),
        "compose.yaml": f"services:\n  app:\n    image: ghcr.io/acme/{PRO}:1.2\n    volumes:\n      - ./outputs/{PRO}:/data\n",
        "package.json": f'{{"name": "x", "files": ["presets/{PRO}/"]}}\n',
        "pyproject.toml": f'[project]\nname = "x"\n[project.urls]\nDocs = "https://example.com/docs#{PRO}"\n',
        "render.yml": RUN_BLOCK,
    }
    kept = {
        "app.yaml": (f"model: {PRO}\napi: https://generativelanguage.googleapis.com/v1beta/models/{PRO}:generateContent\n",
                     f"model: {PRO_GA}\napi: https://generativelanguage.googleapis.com/v1beta/models/{PRO_GA}:generateContent\n"),
        "app.json": (f'{{"model": "models/{PRO}"}}\n', f'{{"model": "models/{PRO_GA}"}}\n'),
        "app.env": (f"MODEL={PRO}\n", f"MODEL={PRO_GA}\n"),
    }
    for name, text in held.items():
        (tmp_path / name).write_bytes(text.encode())
    for name, (text, _) in kept.items():
        (tmp_path / name).write_bytes(text.encode())

    result = run_cli("--isolated", "--today", "2026-11-25", "--ignore", "GL003", "--fix", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    for name, text in held.items():
        assert (tmp_path / name).read_bytes() == text.encode(), name
    for name, (_, expected) in kept.items():
        assert (tmp_path / name).read_bytes() == expected.encode(), name
    # Still reported, with the reason the fix was held.
    assert "ci.yml:9:34: GL001" in result.stdout
    assert "a git ref or version after '@'" in result.stdout
    assert "part of a web address: the renamed page may not exist" in result.stdout
    assert "part of a file path or link target" in result.stdout
    assert "render.yml:4:38: GL002" in result.stdout
    assert result.stdout.count("GL001") == 13

    again = run_cli("--isolated", "--today", "2026-11-25", "--ignore", "GL003", "--fix", "--unsafe-fixes", ".", cwd=tmp_path)
    assert again.returncode == 1, again.stderr
    assert (tmp_path / "render.yml").read_bytes() == RUN_BLOCK.replace(PRO, PRO_GA).encode()
    for name, text in held.items():
        if name != "render.yml":
            assert (tmp_path / name).read_bytes() == text.encode(), name


# ---------------------------------------------------------------------------------------------
# Found by a review of realistic config files (2026-12-07): a key that says its IDs are retired (a
# denylist, a rollback target) and a string over lines that also names the replacement (a release
# note "moved from <old>" / "to <new>") had safe fixes, which denied the current model or wrote
# "moved from <new> to <new>".


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        pytest.param(YML, f"deprecated_models:\n  - {FLASH}\n  - {PRO}\n", id="yaml-block-sequence"),
        pytest.param(YML, f"rollback:\n  # one release\n  - {PRO}\n", id="yaml-sequence-comment"),
        pytest.param(YML, f"legacy-models: [\n  {FLASH},\n]\nretired: [{PRO}]\n", id="yaml-flow"),
        pytest.param(YML, f"previous_model: {PRO}\n", id="yaml-scalar"),
        pytest.param(JSN, f'{{"m": {{"deprecated": [\n  "{FLASH}",\n  "{PRO}"\n]}}}}\n', id="json-array"),
        pytest.param(JSN, f'{{"retired": ["{FLASH}"], "legacy_model": "{PRO}"}}\n', id="json-line"),
        pytest.param(TML, f'old_models = [\n  "{PRO}",\n]\nretired = ["{FLASH}"]\n', id="toml"),
        pytest.param(ENV, f"OLD_MODEL={PRO}  # the default until June\nDEPRECATED_MODELS={FLASH},{PRO}\n", id="env"),
        pytest.param(INI, f"[models]\ndeprecated = {FLASH}\n", id="ini"),
        # A review of variants (2026-12-07): renamed, these denied the new model.
        pytest.param(ENV, f"BLOCKED_MODELS=gpt-4,{FLASH}\nDENY_MODELS={PRO}\n", id="env-blocked-deny"),
        pytest.param(YML, f"forbidden_models:\n  - {FLASH}\ndenied: [{PRO}]\n", id="yaml-forbidden-denied"),
    ],
)
def test_a_key_that_says_the_ids_are_retired_holds_their_fix(kind: Kind, text: str) -> None:
    assert fixed(kind, text) == text
    assert all("its key says the IDs are retired" in reason for reason in reasons(kind, text))
    assert FLASH not in fixed(kind, text, unsafe=True)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f'deprecated_models = [\n  # shut down in June\n  "{FLASH}",\n]\n', id="comment-line-above"),
        pytest.param(f'deprecated_models = [  # shut down in June\n  "{FLASH}",\n]\n', id="comment-after-bracket"),
    ],
)
def test_a_retired_keys_list_with_a_comment_holds_its_fix(text: str) -> None:
    """A comment before the item made it no whole item of the list, and the key above was not read."""
    assert fixed(TML, text) == text
    assert fixed(TML, text.replace("deprecated_models", "models")) == text.replace("deprecated_models", "models").replace(
        FLASH, FLASH_GA
    )


@pytest.mark.parametrize("kind", [YML, TML, JSN, ENV])
def test_the_key_lookup_is_linear_in_a_long_word(kind: Kind) -> None:
    """A long run of name characters without ':' or '=' (a hash, an encoded blob) in a file with an ID
    and a word such as 'old': the key pattern, tried at each of its characters, scanned to its end
    each time (100 KB took minutes; benchmarks/scaling.py). Not timed: a key starts only where its
    run of name characters does, so an attempt inside the run fails at once."""
    from gemini_lint.sources.config_files import _KEY_BEFORE

    blob = "a1" * 50_000
    text = {
        YML: f"model: {FLASH}\nold: 1\nblob: {blob}\n",
        TML: f'model = "{FLASH}"\nold = 1\nblob = "{blob}"\n',
        JSN: f'{{"model": "{FLASH}", "old": "{blob}"}}\n',
        ENV: f"MODEL={FLASH}\n# old\nBLOB={blob}\n",
    }[kind]
    assert fixed(kind, text) == text.replace(FLASH, FLASH_GA)
    assert all(_KEY_BEFORE.match(f"x{blob}", at) is None for at in range(2, 2000))
    assert [m.group(1) for m in _KEY_BEFORE.finditer("--old-model=x 1abc: 'k': x-y.z=")] == ["old-model", "abc", "k", "x-y.z"]


def test_other_keys_keep_their_fix() -> None:
    text = f"models:\n  - {FLASH}\nmodel: {PRO}\nfallbacks: [{PRO}]\nlegacy_format: false\n"
    assert fixed(YML, text) == text.replace(FLASH, FLASH_GA).replace(PRO, PRO_GA)
    assert fixed(ENV, f"MODEL_FROM_ENV={PRO}\n") == f"MODEL_FROM_ENV={PRO_GA}\n"


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        pytest.param(YML, f"notes: |\n  Moved from {PRO}\n  to {PRO_GA}.\n", id="yaml-literal"),
        pytest.param(YML, f"notes: Moved from {PRO}\n  to {PRO_GA}.\n", id="yaml-plain"),
        pytest.param(YML, f'notes: "Moved from {PRO}\n  to {PRO_GA}."\n', id="yaml-double-quoted"),
        pytest.param(TML, f'notes = """\nMoved from {PRO}\nto {PRO_GA}."""\n', id="toml-multiline"),
    ],
)
def test_a_string_over_lines_that_names_the_replacement_is_not_fixed(kind: Kind, text: str) -> None:
    assert fixed(kind, text) == text
    assert reasons(kind, text) == [f"this string also names '{PRO_GA}': it may map or compare the old and new names"]
    # Values outside the string keep their fix.
    other = f'model = "{FLASH}"\n' if kind is TML else f"model: {FLASH}\n"
    assert fixed(kind, other + text) == other.replace(FLASH, FLASH_GA) + text


# A review (2026-12-07): a Kubernetes object named after the ID, or labelled with it, was renamed by a
# safe fix; `kubectl apply` then creates a second Deployment beside the running one, or refuses a
# Deployment whose selector changed (it cannot change), and a Service in another file selects nothing.
K8S = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {id}\n  labels:\n    model: {id}\n"
    "spec:\n  selector:\n    matchLabels: {{model: {id}}}\n  template:\n    spec:\n      containers:\n"
    "        - name: worker\n          image: acme/worker:1.2\n          env:\n            - name: IMAGE_MODEL\n"
    "              value: {id}\n"
)


def test_a_kubernetes_object_name_and_labels_get_unsafe_fixes() -> None:
    text = K8S.format(id=PRO)
    assert reasons(YML, text) == [KUBERNETES_REASON] * 3 + [""]
    # The container's environment, which the program reads, keeps its safe fix.
    assert fixed(YML, text) == text.replace(f"value: {PRO}", f"value: {PRO_GA}")
    assert fixed(YML, text, unsafe=True) == text.replace(PRO, PRO_GA)


def test_a_kubernetes_manifest_with_crlf_line_ends_gets_unsafe_fixes() -> None:
    """The key paths split lines at "\n" only: "metadata:\r" was no key, and the name got a safe fix."""
    text = K8S.format(id=PRO).replace("\n", "\r\n")
    assert reasons(YML, text) == [KUBERNETES_REASON] * 3 + [""]
    assert fixed(YML, text) == text.replace(f"value: {PRO}", f"value: {PRO_GA}")


def test_a_kubernetes_reference_to_another_object_by_name_gets_an_unsafe_fix() -> None:
    """A reference to a ConfigMap, a Secret or a Service by its name, whose own ``metadata: name:`` keeps
    its name under --fix (a review of variants, 2026-12-07): renamed, the Deployment referred to a
    ConfigMap that does not exist. The container's environment keeps its safe fix."""
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: proxy\nspec:\n  template:\n    spec:\n"
        "      containers:\n        - name: proxy\n          env:\n            - name: MODEL\n"
        f"              value: {PRO}\n            - name: URL\n              valueFrom:\n"
        f"                configMapKeyRef:\n                  name: {PRO}\n                  key: url\n"
        f"          envFrom:\n            - secretRef:\n                name: {PRO}\n"
        f"      volumes:\n        - name: cfg\n          configMap:\n            name: {PRO}\n"
        f"        - name: s\n          secret:\n            secretName: {PRO}\n"
        "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: llm\nspec:\n  defaultBackend:\n"
        f"    service:\n      name: {PRO}\n"
    )
    assert reasons(YML, text) == [""] + [KUBERNETES_REFERENCE_REASON] * 5
    assert fixed(YML, text) == text.replace(f"value: {PRO}", f"value: {PRO_GA}")
    assert fixed(YML, text, unsafe=True) == text.replace(PRO, PRO_GA)


def test_other_documents_and_files_are_no_manifests() -> None:
    service = f"apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    model: {PRO}\n"
    config = f"metadata:\n  name: {PRO}\nlabels:\n  model: {PRO}\n"  # no apiVersion and kind: not Kubernetes
    text = f"{service}---\n{config}"
    assert reasons(YML, text) == [KUBERNETES_REASON, "", ""]
    configmap = f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  config.yaml: |\n    name: {PRO}\n"
    assert reasons(YML, configmap) == [""]


# A run over real packages (2026-12-07): aider's model-settings.yml lists one entry per model, each
# named by '- name: gemini/<ID>' over its edit format, weak model and repo-map settings; renamed, the old
# model's settings became the new model's (and a second entry where the new model had one already).
RECORD_NAMES = [
    pytest.param(YML, f"- name: gemini/{FLASH}\n  edit_format: diff\n\n- name: other\n  weak_model_name: gemini/{FLASH}\n",
                 False, id="yaml-list-of-settings-entries"),
    pytest.param(YML, f"- id: {FLASH}\n  # its limits\n  rpm: 10\n", False, id="yaml-id-over-a-comment"),
    pytest.param(JSN, f'[{{"name": "{FLASH}", "edit_format": "diff"}}, {{"name": "x"}}]', False, id="json-array-of-entries"),
    pytest.param(TML, f'[[models]]\nname = "{FLASH}"\nedit = "diff"\n', False, id="toml-array-of-tables"),
    pytest.param(TML, f'models = [{{name = "{FLASH}", edit = "diff"}}]\n', False, id="toml-inline-tables-in-an-array"),
    # genkit's conformance tests (a sixth run, 2026-12-07): '- model:' over what the model supports is a
    # profile of that model; over a request's settings it is a run to make, and keeps its fix.
    pytest.param(YML, f"- model: googleai/{FLASH}\n  supports:\n    - tool-request\n", False, id="yaml-model-over-supports"),
    pytest.param(JSN, f'[{{"model": "{FLASH}", "supports": ["tools"]}}, {{"x": 1}}]', False, id="json-model-beside-supports"),
    pytest.param(TML, f'[[models]]\nmodel = "{FLASH}"\ncontext_window = 1\n', False, id="toml-model-with-its-context"),
    pytest.param(YML, f"- model: {FLASH}\n  temperature: 0\n  max_output_tokens: 9\n", True, id="yaml-model-of-a-run"),
    pytest.param(JSN, f'[{{"model": "{FLASH}", "temperature": 0}}]', True, id="json-model-of-a-run"),
    # A setting named 'name' outside a list, or a list item that is only a name, names no entry.
    pytest.param(YML, f"llm:\n  name: {FLASH}\n  temperature: 0.2\n", True, id="yaml-mapping"),
    pytest.param(YML, f"models:\n  - name: {FLASH}\n  - name: other\n", True, id="yaml-items-of-one-key"),
    pytest.param(YML, f"- name: {FLASH} for images\n  run: x\n", True, id="yaml-name-with-more-text"),
    pytest.param(JSN, f'{{"llm": {{"name": "{FLASH}", "t": 1}}}}', True, id="json-object-value"),
    pytest.param(JSN, f'[{{"name": "{FLASH}"}}]', True, id="json-entry-of-one-key"),
    pytest.param(TML, f'[tool]\nname = "{FLASH}"\nx = 1\n', True, id="toml-table"),
    pytest.param(TML, f'tool = {{name = "{FLASH}", e = 1}}\n', True, id="toml-inline-table-value"),
]


@pytest.mark.parametrize(("kind", "text", "safe"), RECORD_NAMES)
def test_the_name_of_an_entry_in_a_list_of_entries_gets_an_unsafe_fix(kind: Kind, text: str, safe: bool) -> None:
    diagnostics = lint_source(text, path_for(kind), SETTINGS, kind=kind).diagnostics
    assert diagnostics and all(d.fix is not None for d in diagnostics)
    assert all((d.fix is not None and d.fix.applicability is Applicability.SAFE) is safe for d in diagnostics)
    if not safe:
        assert "it names an entry of a list" in diagnostics[0].message
        assert all("names an entry of a list" in d.message for d in diagnostics)  # its other values move with it
    assert fixed(kind, text) == (text.replace(FLASH, FLASH_GA) if safe else text)


# A run over npm packages (2026-12-07): gemini-cli's settings route requests by '"match": {"model": <ID>}';
# renamed, the override caught the new model and sent it to an old experimental one.
CONDITIONS = [
    pytest.param(JSN, f'{{"overrides": [{{"match": {{"model": "{FLASH}"}},\n  "modelConfig": {{"model": "x"}}}}]}}\n', "match",
                 id="json-match"),
    pytest.param(JSN, f'{{"match": {{\n    "model": "{FLASH}"\n}}}}\n', "match", id="json-match-over-lines"),
    pytest.param(JSN, f'{{"rules": [{{"condition": {{"model_equals": "{FLASH}"}}, "action": "deny"}}]}}\n', "model_equals",
                 id="json-equals"),
    pytest.param(YML, f"rules:\n  - match:\n      model: {FLASH}\n    target: x\n", "match", id="yaml-match-above"),
    pytest.param(YML, f"- when: {{model: {FLASH}}}\n  then: deny\n", "when", id="yaml-flow"),
    pytest.param(TML, f'b = {{match = {{model = "{FLASH}"}}}}\n', "match", id="toml-inline"),
    # A review of variants (2026-12-07): `MODEL ==` read as the key before the ID, and the step that warns
    # of the retired model warned of the new one.
    pytest.param(YML, f"steps:\n  - if: vars.GEMINI_MODEL == '{FLASH}'\n    run: echo retired\n", "if", id="yaml-expression"),
    pytest.param(JSN, f'{{"if": "env.MODEL != \'{FLASH}\'", "run": "x"}}\n', "if", id="json-expression"),
]


@pytest.mark.parametrize(("kind", "text", "key"), CONDITIONS)
def test_a_value_under_a_condition_key_gets_an_unsafe_fix(kind: Kind, text: str, key: str) -> None:
    (diagnostic,) = lint_source(text, path_for(kind), SETTINGS, kind=kind).diagnostics
    assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.UNSAFE
    assert f"a condition ('{key}')" in diagnostic.message
    assert fixed(kind, text) == text


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        pytest.param(JSN, f'{{"rules": [{{"when": "x", "action": "deny"}}], "default": "{FLASH}"}}\n', id="json-beside-a-rule"),
        pytest.param(YML, f"- when: x\n  model: {FLASH}\n", id="yaml-sibling-of-a-condition"),
        pytest.param(TML, f'a = {{when = "x", default = "{FLASH}"}}\n', id="toml-sibling"),
    ],
)
def test_a_value_beside_a_condition_keeps_its_fix(kind: Kind, text: str) -> None:
    assert fixed(kind, text) == text.replace(FLASH, FLASH_GA)


def test_a_condition_expression_holds_the_ids_other_values() -> None:
    """`if: matrix.model == '<ID>'` over a matrix of models: fixed alone, the matrix would never match it;
    the ID's other values wait with it, and another ID keeps its fix."""
    text = (
        f"jobs:\n  e:\n    strategy:\n      matrix:\n        model: [{FLASH}, {PRO}]\n    steps:\n"
        f"      - if: matrix.model == '{FLASH}'\n        run: eval --model ${{{{ matrix.model }}}}\n"
    )
    diagnostics = lint_source(text, "w.yml", SETTINGS, kind=YML).diagnostics
    assert [d.fix is not None and d.fix.applicability is Applicability.UNSAFE for d in diagnostics] == [True, False, True]
    assert "a condition on line 7 tests the same ID" in diagnostics[0].message
    assert fixed(YML, text) == text.replace(PRO, PRO_GA)
    assert fixed(YML, text, unsafe=True) == text.replace(PRO, PRO_GA).replace(FLASH, FLASH_GA)


# A run over npm packages (2026-12-07): OpenRouter's routes of a model ('google/gemini-2.0-flash-exp:free' in
# @mastra/core's catalog). ':free' is offered for some models only: renamed, the route may not exist.
ROUTER_VARIANTS = [
    pytest.param(YML, f"model: openrouter/google/{FLASH}:free\n", id="yaml"),
    pytest.param(JSN, f'{{"model": "google/{FLASH}:free"}}\n', id="json"),
    pytest.param(TML, f'model = "google/{FLASH}:nitro"\n', id="toml"),
    pytest.param(Kind.ENV, f"MODEL=openrouter/google/{FLASH}:online\n", id="env"),
]


@pytest.mark.parametrize(("kind", "text"), ROUTER_VARIANTS)
def test_a_router_variant_after_the_id_gets_no_fix(kind: Kind, text: str) -> None:
    (diagnostic,) = lint_source(text, path_for(kind), SETTINGS, kind=kind).diagnostics
    assert diagnostic.fix is None and "a router's variant after the ID" in diagnostic.message
    assert fixed(kind, text, unsafe=True) == text


def test_a_method_of_the_api_after_the_id_keeps_its_fix() -> None:
    text = f'{{"url": "https://generativelanguage.googleapis.com/v1beta/models/{FLASH}:generateContent"}}\n'
    assert fixed(JSN, text) == text.replace(FLASH, FLASH_GA)


def test_a_catalog_of_other_providers_gets_unsafe_fixes() -> None:
    """@mastra/core's provider registry (a run over npm packages): what each gateway serves."""
    text = (f'{{"providers": {{\n  "zenmux": {{"url": "https://zenmux.ai/api/v1", "models": ["google/{FLASH}"]}},\n'
            f'  "cortecs": {{"url": "https://api.cortecs.ai/v1", "models": ["{FLASH}"]}}}}}}\n')
    diagnostics = lint_source(text, "registry.json", SETTINGS, kind=JSN).diagnostics
    assert len(diagnostics) == 2 and all("the addresses of other providers ('api.cortecs.ai', 'zenmux.ai')" in d.message
                                         for d in diagnostics)
    assert fixed(JSN, text) == text


def test_one_other_address_or_code_hosts_hold_nothing() -> None:
    text = (f'{{"name": "x", "repository": {{"url": "git+https://github.com/a/b.git"}}, "bugs": {{"url": "https://github.com/a/b"}},\n'
            f' "homepage": "https://x.example.org", "endpoint": "https://api.openai.com/v1", "model": "{FLASH}"}}\n')
    assert fixed(JSN, text) == text.replace(FLASH, FLASH_GA)


# MCP servers for Gemini image models (a sixth run over real packages, 2026-12-07): a model list whose
# entries pair a display name with the ID; renamed, the new ID was shown as "Gemini 2.5 Flash Image".
SHOWN = [
    pytest.param(JSN, '{"flash": {"name": "Gemini 2.5 Flash Image", "model_id": "gemini-2.5-flash-image", "max": "1px"}}',
                 id="json-object"),
    pytest.param(JSN, '{"flash": {"label": "gemini 2.5 flash image (fast)", "model": "gemini-2.5-flash-image"}}',
                 id="json-object-label-any-case"),
    pytest.param(YML, "tiers:\n  flash:\n    title: Gemini 2.5 Flash Image\n    model: gemini-2.5-flash-image\n",
                 id="yaml-block-above"),
    pytest.param(YML, "- model: gemini-2.5-flash-image\n  about:\n    name: Gemini 2.5 Flash Image\n", id="yaml-block-below"),
    pytest.param(TML, '[flash]\nmodel = "gemini-2.5-flash-image"\ntitle = "Gemini 2.5 Flash Image"\n', id="toml-table"),
    # llmware's catalog writes display names joined by dashes (a run over real packages, 2026-12-07).
    pytest.param(JSN, '{"m": {"model": "gemini-2.5-flash-image", "displayName": "Gemini-2.5-Flash-Image"}}',
                 id="json-object-dashed-name"),
    pytest.param(YML, "flash:\n  model: gemini-2.5-flash-image\n  label: GEMINI-2.5-FLASH-IMAGE\n", id="yaml-dashed-capitals"),
]


PRICED = [
    pytest.param(JSN, f'{{"model": "{FLASH}", "context_window": 1048576, "pricing": {{"input": 0.1}}}}\n', id="json"),
    pytest.param(YML, f"gemini:\n  model: {FLASH}\n  input_cost_per_token: 1.0e-7\nother:\n  model: {FLASH}\n",
                 id="yaml-and-another-value"),
    pytest.param(TML, f'[gemini]\nmodel = "{FLASH}"\ninput_price = 0.1\n', id="toml-table"),
    pytest.param(YML, f"models:\n  - model: {FLASH}\n    input_price: 0.1\n", id="yaml-list-item"),
    pytest.param(YML, f"model: {FLASH}\ninput_cost_per_token: 1.0e-7\n", id="yaml-document"),
]


@pytest.mark.parametrize(("kind", "text"), PRICED)
def test_an_id_naming_the_model_of_a_priced_record_gets_an_unsafe_fix(kind: Kind, text: str) -> None:
    """A record that gives its model's price, in a list or not, is a price table's entry: renamed, the
    old model's price would be the new model's."""
    diagnostics = lint_source(text, path_for(kind), SETTINGS, kind=kind).diagnostics
    assert diagnostics and all(d.fix is not None and d.fix.applicability is Applicability.UNSAFE for d in diagnostics)
    assert all("a record that gives its price" in d.message for d in diagnostics)  # its other values too
    assert fixed(kind, text) == text


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        pytest.param(YML, f"gemini:\n  model: {FLASH}\n  temperature: 0\n", id="yaml-settings"),
        pytest.param(JSN, f'{{"model": "{FLASH}", "max_tokens": 10}}\n', id="json-settings"),
        pytest.param(YML, f"a:\n  model: {FLASH}\nb:\n  price: 1\n", id="price-of-another-block"),
        # A YAML block ends at a document marker: the next document's keys are not the record's.
        pytest.param(YML, f"model: {FLASH}\n---\ninput_price: 0.1\n", id="price-in-the-next-document"),
        pytest.param(YML, f"input_price: 0.1\n---\nmodel: {FLASH}\n", id="price-in-the-document-before"),
        pytest.param(YML, f"model: {FLASH}\n...\n---\ninput_price: 0.1\n", id="after-a-document-end"),
    ],
)
def test_a_record_that_gives_no_price_keeps_the_fix(kind: Kind, text: str) -> None:
    assert fixed(kind, text) == text.replace(FLASH, FLASH_GA)


@pytest.mark.parametrize(("kind", "text"), SHOWN)
def test_an_id_beside_the_old_models_display_name_gets_an_unsafe_fix(kind: Kind, text: str) -> None:
    (diagnostic,) = lint_source(text, path_for(kind), SETTINGS, kind=kind).diagnostics
    assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.UNSAFE
    assert "names the old model for people" in diagnostic.message
    assert fixed(kind, text) == text


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # The new model's name beside the preview's ID: the fix makes the two agree.
        pytest.param(JSN, f'{{"a": {{"name": "Gemini 3.1 Flash Image", "model_id": "{FLASH}", "max": "1px"}}}}', id="new-name"),
        # The display name is another entry's.
        pytest.param(YML, f"a:\n  model: {FLASH}\n  t: 0\nb:\n  title: Gemini 3.1 Flash Image Preview\n", id="other-block"),
        pytest.param(TML, f'[a]\nmodel = "{FLASH}"\n\n[b]\ntitle = "Gemini 3.1 Flash Image Preview"\n', id="other-table"),
        pytest.param(JSN, f'{{"a": {{"model": "{FLASH}"}}, "b": {{"title": "Gemini 3.1 Flash Image Preview"}}}}', id="other-object"),
    ],
)
def test_a_display_name_elsewhere_or_of_the_new_model_keeps_the_fix(kind: Kind, text: str) -> None:
    assert fixed(kind, text) == text.replace(FLASH, FLASH_GA)


@pytest.mark.parametrize(
    ("kind", "name", "text"),
    [
        # letta (a run on 2026-12-07): the test configs its tests list by file name got the new model inside.
        pytest.param(JSN, f"tests/configs/llm_model_configs/{FLASH}.json", f'{{\n  "model": "{FLASH}"\n}}\n', id="json"),
        pytest.param(JSN, f"model_settings/{FLASH}-vertex.json", f'{{"handle": "google_ai/{FLASH}"}}\n', id="json-suffix"),
        pytest.param(YML, f"configs/agent_{FLASH}.yaml", f"model: {FLASH}\n", id="yaml"),
    ],
)
def test_a_data_file_named_for_the_id_gets_unsafe_fixes(kind: Kind, name: str, text: str) -> None:
    diagnostics = lint_source(text, name, SETTINGS, kind=kind).diagnostics
    assert diagnostics and all(d.fix is not None and d.fix.applicability is Applicability.UNSAFE for d in diagnostics)
    assert f"this file is named for '{FLASH}'" in diagnostics[0].message
    assert fix_source(text, applicable(diagnostics, unsafe_fixes=False)) == text
    assert fix_source(text, applicable(diagnostics, unsafe_fixes=True)) == text.replace(FLASH, FLASH_GA)


@pytest.mark.parametrize("name", [f"configs/x{FLASH}.json", f"configs/{FLASH}x.json", f"{FLASH}/settings.json", "m.json"])
def test_a_data_file_named_otherwise_keeps_its_fixes(name: str) -> None:
    text = f'{{"model": "{FLASH}"}}\n'
    diagnostics = lint_source(text, name, SETTINGS, kind=JSN).diagnostics
    assert fix_source(text, applicable(diagnostics, unsafe_fixes=False)) == text.replace(FLASH, FLASH_GA)


@pytest.mark.parametrize(
    "text",
    [
        f"models:\n  - google/{FLASH}\n  - google/{FLASH_GA}\n",
        f'models: ["openrouter/google/{FLASH}",\n  "google/{FLASH_GA}"]\n',
        f"models:\n  - 'google/{FLASH}'\n  - x\n  - google/{FLASH_GA}\n",
    ],
    ids=["block-sequence", "brackets-over-lines", "quoted"],
)
def test_a_list_of_provider_paths_holding_the_old_and_new_ids_waits(text: str) -> None:
    """Items with a provider's path are items as a whole too: fixed, the list named the new model twice
    (its scope was the ID's line only)."""
    (diagnostic,) = lint_source(text, "m.yaml", SETTINGS, kind=YML).diagnostics
    assert diagnostic.fix is not None and diagnostic.fix.applicability is Applicability.UNSAFE
    assert fixed(YML, text) == text


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # A CI step that fails while the old model is named (a review of variants, 2026-12-07): renamed, it
        # failed on every use of the new model and let the old one through.
        pytest.param(YML, f'jobs:\n  g:\n    steps:\n      - run: |\n          if grep -rn "{FLASH}" src/; then exit 1; fi\n',
                     id="workflow-run-block"),
        pytest.param(YML, f"steps:\n  - run: '! git grep -q {FLASH}'\n", id="git-grep"),
        pytest.param(JSN, f'{{"scripts": {{"lint:models": "! grep -rn \'{FLASH}\' src"}}}}\n', id="package-json-script"),
        pytest.param(ENV, f'CHECK="rg -F {FLASH} src"\n', id="env"),
        pytest.param(TML, f'[tool.poe.tasks]\nguard = "findstr /s {FLASH} *.py"\n', id="toml-task"),
    ],
)
def test_an_id_a_text_search_looks_for_gets_no_fix(kind: Kind, text: str) -> None:
    (diagnostic,) = lint_source(text, path_for(kind), SETTINGS, kind=kind).diagnostics
    assert diagnostic.fix is None and "a text search" in diagnostic.message
    assert fixed(kind, text, unsafe=True) == text


@pytest.mark.parametrize(
    "text",
    [
        f"steps:\n  - run: python eval.py --model {FLASH} | grep score\n",
        f"steps:\n  - run: |\n      grep -c x log.txt\n      python eval.py --model {FLASH}\n",
        f"greps: 2\nmodel: {FLASH}\n",
    ],
    ids=["grep-after-the-id", "grep-on-another-line", "a-word-holding-grep"],
)
def test_a_search_elsewhere_keeps_the_fix(text: str) -> None:
    assert fixed(YML, text) == text.replace(FLASH, FLASH_GA)


def test_a_pygrep_hook_forbidding_the_old_id_gets_no_fix() -> None:
    """A pre-commit hook of language pygrep searches the files for its entry: renamed, the hook named
    "forbid <old>" forbade the new model (a review of variants, 2026-12-07). Its name goes with it; the
    other hooks keep their fixes."""
    text = (
        "repos:\n  - repo: local\n    hooks:\n"
        f"      - id: no-old-model\n        name: forbid {FLASH}\n        entry: {FLASH}\n        language: pygrep\n"
        f"      - id: eval\n        name: eval\n        entry: python eval.py --model {PRO}\n        language: system\n"
    )
    diagnostics = lint_source(text, ".pre-commit-config.yaml", SETTINGS, kind=YML).diagnostics
    assert [d.fix is None for d in diagnostics] == [True, True, False]
    assert "pygrep" in diagnostics[0].message
    assert fixed(YML, text, unsafe=True) == text.replace(PRO, PRO_GA)


def test_one_mapping_of_many_model_values_is_read_once_for_its_record(monkeypatch: pytest.MonkeyPatch) -> None:
    # The priced-record reading (2026-12-07) found each value's YAML block anew: a block of 3,400 values
    # under a condition took 9.4 s at 100 KB (quadratic). Counted, not timed: one block, found once.
    from gemini_lint.linter import lint_source
    from gemini_lint.sources import config_files

    calls: list[int] = []
    real = config_files._yaml_block_of

    def counting(text: str, at: int) -> tuple[int, int]:
        calls.append(at)
        return real(text, at)

    monkeypatch.setattr(config_files, "_yaml_block_of", counting)
    text = "card:\n  input_price: 0.1\n" + "".join(f"  model: {FLASH}\n" for _ in range(100))
    diagnostics = lint_source(text, "card.yaml", make_settings(select=("GL001",))).diagnostics
    assert len(diagnostics) == 100
    assert all("gives its price" in d.message for d in diagnostics)
    assert len(calls) <= 2
