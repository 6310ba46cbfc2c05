"""Property tests: fixes touch only the IDs, always parse, are idempotent; no input makes the pipeline raise."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from typing import Optional

import libcst
import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from conftest import FLASH, make_settings
from gemini_lint.engine import Mode, decode, process_bytes
from gemini_lint.linter import applicable, fix_source, lint_source
from gemini_lint.matching import models_for, settings_matcher
from gemini_lint.matching import Match, Matcher
from gemini_lint.registry import LegacyModel
from gemini_lint.sources import Kind, kind_of
from gemini_lint.sources.base import (
    ADDRESS_REASON, ESCAPE_REASON, FIELD_REASON, NAME_AFTER_REASON, PATH_REASON, PATTERN_REASON, RETIRED_TEXT_REASON,
    REF_REASON, TEMPLATE_REASON, VARIANT_REASON, VERSION_REASON, WRAP_REASON,
)
from gemini_lint.sources.python import (
    CONSTANT_REASON, CONTINUED_REASON, FORMAT_REASON, OPERATOR_REASON, PATH_OPERAND_REASON, TEXT_ESCAPE_REASON,
)

SETTINGS = make_settings(select=("GL001", "GL002"), unsafe_fixes=True)
ALL_RULES = make_settings()
MATCHER = settings_matcher(SETTINGS)
FIXABLE = sorted(m.id for m in models_for(SETTINGS.surface) if m.replacement)
SUFFIXES = [".py", ".md", ".ipynb", ".json", ".yaml", ".toml", ".env", ".txt"]
PROPERTY = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def only_ids_changed(old: str, new: str, matcher: Matcher = MATCHER) -> list[str]:
    """Assert ``new`` is ``old`` with some whole-token IDs replaced by their replacement; return the IDs left."""
    matches = list(matcher.finditer(old))
    kept: list[str] = []
    i = j = 0
    for index, match in enumerate(matches):
        between = old[i : match.start]
        assert new[j : j + len(between)] == between, f"text outside an ID changed near offset {i}"
        j += len(between)
        after = old[match.end : matches[index + 1].start if index + 1 < len(matches) else len(old)][:24]
        legacy, replacement = old[match.start : match.end], match.model.replacement
        options = [text for text in (legacy, replacement) if text and new.startswith(text + after, j)]
        assert options, f"an ID was replaced by something else at offset {match.start}: {new[j : j + 60]!r}"
        j += len(options[0])
        if options[0] == legacy:
            kept.append(legacy)
        i = match.end
    assert new[j:] == old[i:], "text after the last ID changed"
    return kept


class AnyOccurrence(Matcher):
    """Every legacy ID, whole token or not: for raw JSON, where escapes (``\\n``, ``\\ude00``) hide boundaries."""

    def __init__(self, models: Iterable[LegacyModel]) -> None:
        super().__init__(models)
        self._any = re.compile("|".join(re.escape(i) for i in sorted(self.models, key=lambda i: (-len(i), i))))

    def finditer(self, text: str, start: int = 0, end: Optional[int] = None) -> Iterator[Match]:
        for found in self._any.finditer(text, start, len(text) if end is None else end):
            yield Match(found.start(), found.end(), self.models[found.group()])


ANY_ID = AnyOccurrence(models_for(SETTINGS.surface))


def fixed(text: str, path: str = "generated.py") -> str:
    result = lint_source(text, path, SETTINGS)
    return fix_source(text, applicable(result.diagnostics, unsafe_fixes=True))


# ----------------------------------------------------------------------------- generated Python sources

legacy_id = st.sampled_from(FIXABLE)
#: Safe inside any string literal: no quote, backslash, brace or newline.
plain = st.text(alphabet="abcxyz019 _.,:;/()[]<>=+*-@!?$%^&|~", max_size=8)
non_ascii = st.sampled_from(["\u00e9", "\u4e2d\u6587", "\U0001f600", "\u00a0", "\u200b"])
escape = st.sampled_from(["\\n", "\\t", "\\\\", "\\x41", "\\'", '\\"'])
format_field = st.sampled_from(["{x}", "{x!r}", "{x:>10}", "{{", "}}", "{x}{y}", "{x:{width}}"])

PREFIXES = ["", "r", "u", "R", "U", "b", "B", "br", "rb", "Rb", "bR", "f", "F", "fr", "rf", "Rf", "fR"]


@st.composite
def string_literal(draw: st.DrawFn, *, allow_f: bool = True, allow_bytes: bool = True) -> str:
    prefixes = [p for p in PREFIXES if (allow_f or "f" not in p.lower()) and (allow_bytes or "b" not in p.lower())]
    prefix = draw(st.sampled_from(prefixes))
    quote = draw(st.sampled_from(['"', "'", '"""', "'''"]))
    is_bytes, is_f = "b" in prefix.lower(), "f" in prefix.lower()
    parts = [plain, legacy_id, legacy_id.map(lambda i: f"models/{i}"), legacy_id.map(lambda i: f"{i}:generateContent")]
    if not is_bytes:
        parts.append(non_ascii)
    if "r" not in prefix.lower():
        parts.append(escape)
    if is_f:
        parts.append(format_field)
        inner = "'" if quote[0] == '"' else '"'
        parts.append(st.builds(lambda i, w: "{" + inner + w + i + inner + "}", legacy_id, plain))
    if len(quote) == 3:
        parts.append(st.just("\n"))
    body = "".join(draw(st.lists(st.one_of(*parts), max_size=6)))
    if len(quote) == 3 and body.endswith(quote[0]):
        body += " "
    return f"{prefix}{quote}{body}{quote}"


comment_text = st.lists(st.one_of(plain, legacy_id, st.sampled_from(["'", '"', "#", "\\", "{", "}", '"""'])), max_size=6).map("".join)


@st.composite
def statement(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["assign", "call", "concat", "comment", "trailing", "function", "dict", "class"]))
    literal = string_literal()
    if kind == "assign":
        return f"name = {draw(literal)}"
    if kind == "call":
        return f"call({draw(literal)}, model={draw(literal)})"
    if kind == "concat":
        return f"name = ({draw(string_literal(allow_bytes=False))}\n    {draw(string_literal(allow_bytes=False))})"
    if kind == "comment":
        return f"# {draw(comment_text)}"
    if kind == "trailing":
        return f"value = 1  # {draw(comment_text)}"
    if kind == "dict":
        return f"table = {{{draw(literal)}: {draw(literal)}}}"
    doc = draw(string_literal(allow_f=False, allow_bytes=False))
    if kind == "class":
        return f"class Model:\n    {doc}\n    name = {draw(literal)}"
    return f"def run(x, y, width):\n    {doc}\n    return {draw(literal)}"


@st.composite
def python_source(draw: st.DrawFn) -> str:
    lines = []
    if draw(st.booleans()):
        lines.append(draw(string_literal(allow_f=False, allow_bytes=False)))  # module docstring
    lines.extend(draw(st.lists(statement(), min_size=1, max_size=8)))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + draw(st.sampled_from(["", newline]))


from gemini_lint.linter import CLAIM_REASON  # noqa: E402
from gemini_lint.sources.base import RETIRED_PROSE_REASON  # noqa: E402
from gemini_lint.sources.python import (  # noqa: E402
    KEY_REASON,
    LINE_SPLIT_REASON,
    LOADED_REASON,
    LOOKED_UP_REASON,
    MAPPED_IMPORTED_REASON,
    PROBED_REASON,
)

_WITHHELD = (
    ESCAPE_REASON, CONTINUED_REASON, OPERATOR_REASON, FIELD_REASON, TEMPLATE_REASON, PATTERN_REASON, FORMAT_REASON,
    CONSTANT_REASON.split("'")[0], WRAP_REASON, ADDRESS_REASON, PATH_REASON, NAME_AFTER_REASON, VERSION_REASON,
    RETIRED_TEXT_REASON, PATH_OPERAND_REASON, TEXT_ESCAPE_REASON, REF_REASON, VARIANT_REASON,
    "its line also names", "its paragraph also names", "its sentence sets it against",  # prose about a change
    "also names",  # unsafe: the code around the ID also names its replacement (left by a safe-only run)
    "keeps retired IDs on purpose",
    CLAIM_REASON, LINE_SPLIT_REASON, RETIRED_PROSE_REASON, MAPPED_IMPORTED_REASON.split("'")[0],
    KEY_REASON, PROBED_REASON, LOOKED_UP_REASON, LOADED_REASON, "the same ID needs --unsafe-fixes",
    ", which this file calls, ",  # an ID only another surface lists, which names no replacement (linter.SURFACE_ONLY_REASON)
    "a text search (grep", "of language 'pygrep'",
)


def _withheld(message: str) -> bool:
    return any(reason in message for reason in _WITHHELD)


@PROPERTY
@given(python_source())
@example(f'name = f"{{x}} {FLASH}"\n')
@example(f'# {FLASH}\nname = rb"\\\\{FLASH}"\n')
@example("# embedding-001=>deep-research-pro-preview-12-2025\n")  # a line setting two IDs against each other
@example('def run(x):\n    "embedding-001"\n    return "=>deep-research-pro-preview-12-2025"\n')  # a value is no part of it
def test_fix_source_parses_changes_only_ids_and_is_idempotent(source: str) -> None:
    compile(source, "<generated>", "exec")  # the generator makes valid Python
    result = lint_source(source, "generated.py", SETTINGS)
    assert result.writable
    out = fix_source(source, applicable(result.diagnostics, unsafe_fixes=True))
    libcst.parse_module(out)
    compile(out, "<fixed>", "exec")
    kept = only_ids_changed(source, out)
    # The only IDs left are those whose string as Python builds it may hold another token: next to
    # an escape, continued by the next string of an implicit concatenation, by a "-" or a ".", by a
    # template field or placeholder, or by what a "+" adds.
    unfixed = [d.message for d in result.diagnostics if d.fix is None]
    assert len(kept) == len(unfixed) and all(_withheld(message) for message in unfixed), kept
    assert fixed(out) == out
    assert len(lint_source(out, "generated.py", SETTINGS).diagnostics) == len(unfixed)


@PROPERTY
@given(python_source(), st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "cp1252"]))
@example(source="# /deep-research-pro-preview-12-2025", encoding="utf-8")  # a path: reported, not fixed
def test_fixed_bytes_keep_the_encoding_and_change_only_ids(source: str, encoding: str) -> None:
    """The whole per-file pipeline (decode, lint, fix, verify, encode), in --diff mode."""
    cookie = "" if encoding.startswith("utf-8") else f"# -*- coding: {encoding} -*-\n"
    data = (cookie + source).encode(encoding, errors="replace")  # characters it cannot hold become '?'
    text = data.decode(encoding)
    outcome = process_bytes("generated.py", data, SETTINGS, Mode.DIFF)
    assert not outcome.failed and not outcome.notes, outcome.notes
    if not MATCHER.search(text):
        assert outcome.new_bytes is None and outcome.diagnostics == ()
        return
    unfixed = outcome.diagnostics  # what is left after the fixes
    assert all(_withheld(d.message) for d in unfixed)
    if not outcome.fixed:
        assert outcome.new_bytes is None and unfixed
        return
    assert outcome.new_bytes is not None
    assert outcome.new_bytes.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    assert len(only_ids_changed(text, outcome.new_bytes.decode(encoding))) == len(unfixed)


@st.composite
def notebook(draw: st.DrawFn) -> str:
    cells = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            source = draw(python_source())
            cells.append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source.splitlines(keepends=True)})
        else:
            text = draw(st.lists(st.one_of(plain, legacy_id.map(lambda i: f"`{i}`"), st.just("\n")), max_size=6))
            cells.append({"cell_type": "markdown", "metadata": {}, "source": "".join(text)})
    document = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(document, indent=draw(st.sampled_from([1, 2, None])), ensure_ascii=draw(st.booleans())) + "\n"


@PROPERTY
@given(notebook())
@example(  # a comment and a value on the next line of a cell are no one sentence
    json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": [
        "# deep-research-pro-preview-12-2025\n", 'name = "=>embedding-001"']}], "metadata": {}, "nbformat": 4,
        "nbformat_minor": 5}, indent=1) + "\n"
)
def test_notebook_fixes_change_only_ids_and_keep_the_json(text: str) -> None:
    outcome = process_bytes("generated.ipynb", text.encode(), SETTINGS, Mode.DIFF)
    if outcome.new_bytes is None:
        assert not applicable(outcome.diagnostics, unsafe_fixes=True)
        return
    new_text = outcome.new_bytes.decode()
    only_ids_changed(text, new_text, ANY_ID)
    old_doc, new_doc = json.loads(text), json.loads(new_text)
    old_sources = [cell.pop("source") for cell in old_doc["cells"]]
    new_sources = [cell.pop("source") for cell in new_doc["cells"]]
    assert old_doc == new_doc  # nothing but the sources changed
    for old, new in zip(old_sources, new_sources):
        assert type(old) is type(new)
        if isinstance(old, list):
            assert len(old) == len(new)  # a line list keeps its lines
        only_ids_changed("".join(old), "".join(new))
    again = process_bytes("generated.ipynb", outcome.new_bytes, SETTINGS, Mode.DIFF)
    assert again.new_bytes is None


# ------------------------------------------------------------------------------- anything at all

STRUCTURE = [
    b"{", b"}", b"[", b"]", b"(", b")", b'"', b"'", b'"""', b"\n", b"\r\n", b"\r", b":", b",", b"#", b"- ", b"=",
    b"```", b"```python\n", b"`", b"\\", b"%pip install x\n", b"!ls\n", b"    ", b"\t", b"\x00", b"\xff", b"\xc3",
    b"\xef\xbb\xbf", b"# -*- coding: latin-1 -*-\n", b"# coding: utf-8\n", b'f"{', b"{x}", b"<!--", b"-->",
    b'"cells": [', b'"source": ["', b'"cell_type": "code"', b'"nbformat": 4', b"---\n", b"&a ", b"*a", b"!!python/object ",
    b"[tool.x]\n", b'"""\n', b"export ", b"# noqa", b"  # noqa: GL001", b".. code-block:: python\n", b"<script>",
    b"free tier", b"Gemini API is free", b"nano banana", b"gemini", b"models/", b"-preview", "\u2028".encode(),
]
IDS_AS_BYTES = st.sampled_from(FIXABLE + [m.id for m in models_for(SETTINGS.surface)]).map(str.encode)
anything = st.lists(
    st.one_of(st.binary(max_size=12), st.sampled_from(STRUCTURE), IDS_AS_BYTES), max_size=40
).map(b"".join)
any_text = st.lists(st.one_of(st.text(max_size=12), st.sampled_from([FLASH, "gemini-", "\n", '"', "{", "#"])), max_size=30).map(
    lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
)


TEMPLATES = {
    ".md": "# Title\n\nUse `{id}` now, see {id}.\n\n```python\nMODEL = \"{id}\"\n```\n\n<!-- {id} -->\n",
    ".json": '{{"model": "{id}", "list": ["{id}", 1], "nested": {{"k": "x {id}", "{id}": true}}}}\n',
    ".yaml": "model: {id}\nlist:\n  - {id}\n  - '{id}'\nnested:\n  key: \"models/{id}\"\n# {id}\n",
    ".toml": 'model = "{id}"\nlist = ["{id}", \'{id}\']\n[nested]\nkey = """{id}"""\n# {id}\n',
    ".env": "MODEL={id}\nOTHER=\"{id}\"\nexport X='{id}'\n# {id}\n",
    ".txt": "Use {id} for images.\n",
}


@st.composite
def mutated(draw: st.DrawFn, document: bytes) -> bytes:
    """``document`` with a few random bytes or structural tokens inserted, and spans deleted."""
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(document)))
        if draw(st.booleans()):
            document = document[:at] + draw(st.one_of(st.sampled_from(STRUCTURE), st.binary(max_size=3))) + document[at:]
        else:
            document = document[:at] + document[at + draw(st.integers(1, 4)) :]
    return document


def valid_document(suffix: str) -> st.SearchStrategy[bytes]:
    if suffix == ".py":
        return python_source().map(str.encode)
    if suffix == ".ipynb":
        return notebook().map(str.encode)
    return legacy_id.map(lambda i: TEMPLATES[suffix].format(id=i).encode())


def documents(suffix: str) -> st.SearchStrategy[tuple[str, bytes]]:
    near_valid = valid_document(suffix).flatmap(lambda d: st.one_of(st.just(d), mutated(d)))
    return st.tuples(st.just(suffix), st.one_of(near_valid, anything, any_text, st.binary(max_size=300)))


def loads(kind: Kind, text: str) -> object:
    """The data of a JSON/TOML/YAML text, or an exception when it does not load."""
    try:
        if kind in (Kind.JSON, Kind.NOTEBOOK):
            return json.loads(text)
        if kind is Kind.TOML:
            if sys.version_info >= (3, 11):
                import tomllib
            else:  # pragma: no cover
                import tomli as tomllib

            return tomllib.loads(text)
        if kind is Kind.YAML:
            import yaml

            return list(yaml.safe_load_all(text))
    except Exception as exc:  # noqa: BLE001 - any failure to load
        return exc
    return None


@PROPERTY
@given(st.sampled_from(SUFFIXES).flatmap(documents))
def test_the_pipeline_never_raises_and_never_offers_a_wrong_rewrite(case: tuple[str, bytes]) -> None:
    suffix, data = case
    path = ".env" if suffix == ".env" else f"random{suffix}"
    kind = kind_of(path) or Kind.TEXT
    check = process_bytes(path, data, ALL_RULES, Mode.CHECK)
    assert check.new_bytes is None
    diff = process_bytes(path, data, SETTINGS, Mode.DIFF)
    if diff.new_bytes is None:
        return
    decoded = decode(data, kind)
    assert decoded.exact
    new_text = diff.new_bytes.decode(decoded.encoding)
    only_ids_changed(decoded.text, new_text, ANY_ID)  # what changed is IDs, and IDs only
    if kind is Kind.PYTHON:
        try:
            compile(data, "<random>", "exec")
        except Exception:  # noqa: BLE001 - only a source that compiled must compile once fixed
            pass
        else:
            compile(diff.new_bytes, "<random-fixed>", "exec")
    before = loads(kind, decoded.text)
    if not isinstance(before, Exception):
        after = loads(kind, new_text)
        assert not isinstance(after, Exception), f"loaded before the fix, not after: {after}"
        assert type(after) is type(before)


EDGE_FILES = [(b"", None), (FLASH.encode(), 1), (b"\n\n" + FLASH.encode() + b"\n", 3), (b"\xef\xbb\xbf" + FLASH.encode(), 1)]


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize(("data", "line"), EDGE_FILES)
def test_every_kind_reports_a_bare_id_and_nothing_in_an_empty_file(suffix: str, data: bytes, line: object) -> None:
    path = ".env" if suffix == ".env" else f"edge{suffix}"
    outcome = process_bytes(path, data, ALL_RULES, Mode.CHECK)
    if suffix == ".py":
        line = None  # `gemini-3.1-flash-image-preview` is valid Python: names subtracted, no string, no ID
    assert [d.line for d in outcome.diagnostics if d.code in ("GL001", "GL002")] == ([] if line is None else [line])
