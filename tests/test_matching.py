"""Whole-token matching over the full registry: look-alikes, prefixes, the bytes pre-check."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from conftest import FLASH, FLASH_GA, PRO, PRO_GA, make_settings
from gemini_lint.diagnostic import Severity, lifecycle_severity
from gemini_lint.linter import applicable, fix_source, lint_source
from gemini_lint.matching import Matcher
from gemini_lint.registry import LegacyModel, ShutdownKind, for_surface, load_packaged

MODELS = load_packaged()
MATCHER = Matcher(for_surface(MODELS, "gemini-api"))


def ids_in(text: str) -> list[str]:
    return [text[m.start : m.end] for m in MATCHER.finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gemini-2.0-flash", ["gemini-2.0-flash"]),
        ("models/gemini-2.0-flash", ["gemini-2.0-flash"]),
        ("gemini-2.0-flash-001", ["gemini-2.0-flash-001"]),
        ("gemini-2.0-flash-thinking-exp", ["gemini-2.0-flash-thinking-exp"]),
        ("gemini-2.0-flash-thinking-exp-01-21", ["gemini-2.0-flash-thinking-exp-01-21"]),
        ("gemini-2.0-flash-lite-001", ["gemini-2.0-flash-lite-001"]),
        ("'gemini-3-pro-preview' and 'gemini-3-pro-image-preview'", ["gemini-3-pro-preview", "gemini-3-pro-image-preview"]),
        ("imagen-3.0-generate-002:predict", ["imagen-3.0-generate-002"]),
        ("gemini/gemini-2.5-pro", ["gemini-2.5-pro"]),
        ("x=gemini-2.5-flash,y=gemini-2.5-flash-image", ["gemini-2.5-flash", "gemini-2.5-flash-image"]),
    ],
)
def test_longest_whole_token_wins(text: str, expected: list[str]) -> None:
    assert ids_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "gemini-2.0-flash-thinking-exp-99-99",  # an unknown dated variant is not its stem
        "gemini-2.0-flash-999",
        "gemini-2.5-flash-image-edit",
        "my-gemini-2.0-flash",
        "gemini-2.0-flashy",
        "gemini_2_0_flash",
        "gemini-3.1-flash-image",
        "gemini-3-pro-image",
        "imagen-4.0-generate-002",
    ],
)
def test_look_alikes_do_not_match(text: str) -> None:
    assert ids_in(text) == []


def test_every_id_contains_a_stem_and_stems_are_few() -> None:
    for model in MODELS:
        assert MATCHER.may_contain(model.id.encode()) or model.surface != "gemini-api"
        assert Matcher([model]).may_contain(model.id.encode())
    assert len(Matcher(MODELS).stems) < len({m.id for m in MODELS}) / 3
    assert not MATCHER.may_contain(b"text-align: center; code-block; chat-room")


def test_imagen_and_veo_ids_share_one_stem() -> None:
    # Each stem is a pass over every file's bytes: one word stands for both families.
    assert b"-generate-" in MATCHER.stems
    assert not {b"imagen-", b"veo-"} & set(MATCHER.stems)
    assert Matcher([LegacyModel("imagen-9", "n", dt.date(2026, 1, 1), dt.date(2026, 2, 1))]).stems == (b"imagen-",)


def test_one_pass_finds_every_registry_id() -> None:
    ids = sorted({m.id for m in for_surface(MODELS, "gemini-api")})
    text = "\n".join(f'"{i}"' for i in ids)
    assert ids_in(text) == ids


def test_earliest_shutdown_never_escalates_to_error() -> None:
    model = LegacyModel("m", "n", dt.date(2026, 1, 1), dt.date(2026, 2, 1), ShutdownKind.EARLIEST)
    assert lifecycle_severity(model, dt.date(2025, 12, 31)) is Severity.INFO
    assert lifecycle_severity(model, dt.date(2026, 1, 1)) is Severity.WARNING
    assert lifecycle_severity(model, dt.date(2027, 1, 1)) is Severity.WARNING


def test_surface_entries_override_gemini_api() -> None:
    api = LegacyModel("m", "a", dt.date(2026, 1, 1), dt.date(2026, 2, 1))
    vertex = LegacyModel("m", "b", dt.date(2026, 1, 1), dt.date(2026, 3, 1), surface="vertex-ai")
    only_api = LegacyModel("k", "c", dt.date(2026, 1, 1), dt.date(2026, 2, 1))
    assert for_surface([api, vertex, only_api], "vertex-ai") == (vertex, only_api)
    assert for_surface([api, vertex, only_api], "gemini-api") == (api, only_api)
    assert for_surface([api, vertex, only_api], "firebase") == (api, only_api)


def test_empty_registry_matches_nothing() -> None:
    empty = Matcher([])
    assert list(empty.finditer("gemini-3.1-flash-image-preview")) == [] and not empty.may_contain(b"gemini-")


# A shell default expansion ends in '-' right before the ID: docker compose, .env, shell snippets.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("${MODEL:-gemini-3.1-flash-image-preview}", ["gemini-3.1-flash-image-preview"]),
        ("${MODEL-gemini-3.1-flash-image-preview}", ["gemini-3.1-flash-image-preview"]),
        ("${1:-gemini-2.0-flash}", ["gemini-2.0-flash"]),
        ("${MODEL_2-gemini-2.0-flash}", ["gemini-2.0-flash"]),
        ("a-${MODEL-gemini-2.0-flash}", ["gemini-2.0-flash"]),
        ("${A:-${B:-gemini-2.5-pro}}", ["gemini-2.5-pro"]),
        ("${MODEL:-models/gemini-2.0-flash}", ["gemini-2.0-flash"]),
        (
            "${X:=gemini-2.0-flash} ${X:?gemini-2.5-pro} ${X+gemini-2.5-pro}",
            ["gemini-2.0-flash", "gemini-2.5-pro", "gemini-2.5-pro"],
        ),
    ],
)
def test_shell_default_expansion_is_a_boundary(text: str, expected: list[str]) -> None:
    assert ids_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "${MODEL:-gemini-3.1-flash-image-preview-2}",  # still a whole token on the right
        "${MODEL:-my-gemini-3.1-flash-image-preview}",
        "${MODEL-my-gemini-2.0-flash}",
        "$MODEL-gemini-2.0-flash",  # the value of $MODEL glued to more text
        "${A-B-gemini-2.0-flash}",
        "${X=-gemini-2.0-flash}",  # a default of '-gemini-...', not the ID
        "x-gemini-2.0-flash",
        "{MODEL-gemini-2.0-flash}",
    ],
)
def test_hyphenated_tokens_still_do_not_match(text: str) -> None:
    assert ids_in(text) == []


def test_match_offsets_cover_the_id_only() -> None:
    text = "A=${MODEL-gemini-2.0-flash} B=${MODEL:-gemini-2.5-pro}"
    assert [(m.start, m.end) for m in MATCHER.finditer(text)] == [(10, 26), (39, 53)]
    assert MATCHER.search("${M-gemini-2.0-flash}") and not MATCHER.search("${M-x-gemini-2.0-flash}")
    assert ids_in("${{MODEL-gemini-2.0-flash}}") == ["gemini-2.0-flash"]  # f-string / str.format braces


@pytest.mark.parametrize(
    ("path", "text", "fixed_text", "codes"),
    [
        (".env.example", f"MODEL=${{MODEL:-{FLASH}}}\n", f"MODEL=${{MODEL:-{FLASH_GA}}}\n", ["GL001"]),
        (
            ".env",
            f"MODEL=${{MODEL-{FLASH}}}\nOTHER={FLASH}-2\n",
            f"MODEL=${{MODEL-{FLASH_GA}}}\nOTHER={FLASH}-2\n",
            ["GL001"],
        ),
        # A longer name built from the ID ('my-<ID>', which no fix renames) holds the value's fix (a log
        # folder named after the model in gemini-cli's docs): the two would part.
        (".env", f"MODEL=${{MODEL-{FLASH}}}\nOTHER=my-{FLASH}\n", f"MODEL=${{MODEL-{FLASH}}}\nOTHER=my-{FLASH}\n", ["GL001"]),
        (
            "compose.yaml",
            f"services:\n  app:\n    environment:\n      MODEL: ${{MODEL:-{FLASH}}}\n      X: '${{X:-{FLASH}-2}}'\n",
            f"services:\n  app:\n    environment:\n      MODEL: ${{MODEL:-{FLASH_GA}}}\n      X: '${{X:-{FLASH}-2}}'\n",
            ["GL001"],
        ),
        (
            "README.md",
            f"Run:\n\n```sh\nexport MODEL=\"${{MODEL:-{FLASH}}}\"\n```\n",
            f"Run:\n\n```sh\nexport MODEL=\"${{MODEL:-{FLASH_GA}}}\"\n```\n",
            ["GL001"],
        ),
        ("README.md", f"Set `${{MODEL:-{FLASH}}}`.\n", f"Set `${{MODEL:-{FLASH}}}`.\n", ["GL002"]),
        (
            "run.py",
            f'CMD = "docker run -e MODEL=${{MODEL:-{FLASH}}} app"\n',
            f'CMD = "docker run -e MODEL=${{MODEL:-{FLASH_GA}}} app"\n',
            ["GL001"],
        ),
        (
            "run.py",
            f'CMD = f"MODEL=${{{{MODEL-{FLASH}}}}} {{app}}"  # default ${{MODEL:-{PRO}}}\n',
            f'CMD = f"MODEL=${{{{MODEL-{FLASH_GA}}}}} {{app}}"  # default ${{MODEL:-{PRO}}}\n',
            ["GL001", "GL002"],
        ),
    ],
)
def test_shell_default_is_found_and_only_the_id_fixed(path: str, text: str, fixed_text: str, codes: list[str]) -> None:
    settings = make_settings(select=("GL001", "GL002"))
    result = lint_source(text, path, settings)
    assert [d.code for d in result.diagnostics] == codes
    assert fix_source(text, applicable(result.diagnostics, unsafe_fixes=False)) == fixed_text


def test_settings_matcher_is_kept_per_settings_object() -> None:
    from gemini_lint.matching import models_for, settings_matcher

    gemini_api, vertex = make_settings(), make_settings(surface="vertex-ai")
    first = settings_matcher(gemini_api)
    assert settings_matcher(gemini_api) is first
    other = settings_matcher(vertex)
    assert other.models == Matcher(models_for("vertex-ai")).models
    assert settings_matcher(gemini_api).models == first.models  # back to the first settings: its registry again


def test_matches_kept_from_search_are_the_same_as_a_fresh_scan() -> None:
    matcher, fresh = Matcher(load_packaged()), Matcher(load_packaged())
    text = f"a = '{FLASH}'\nb = '{PRO}'  # {FLASH}\n"
    assert matcher.search(text)
    assert list(matcher.finditer(text)) == list(fresh.finditer(text))
    assert list(matcher.finditer(text, 5)) == list(fresh.finditer(text, 5))  # a range is scanned afresh
    other = text.replace(PRO, "x")
    assert list(matcher.finditer(other)) == list(fresh.finditer(other))  # another text: no stale answer
    assert not matcher.search("nothing here")
    assert list(matcher.finditer(text)) == list(fresh.finditer(text))


def _whole_scan(matcher: Matcher, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """The pattern run over the whole range: what the windowed search must reproduce exactly."""
    stop = len(text) if end is None else end
    return [(f.start("id"), f.end(), f.group("id")) for f in matcher.regex.finditer(text, start, stop)]


def _windowed(matcher: Matcher, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.model.id) for m in matcher.finditer(text, start, end)]


@pytest.mark.parametrize(
    "text",
    [
        "${" + "A" * 80 + "-gemini-2.0-flash}",  # a NAME longer than any ID: the window reaches back over it
        "${{" + "N" * 60 + "-" + FLASH + "}}",
        "x" * 100 + "-" + FLASH,  # a long token glued on: no match, whatever the window
        "é" * 70 + FLASH,  # non-ASCII word characters continue a token too
        FLASH + "-2",  # the look-ahead reads past the ID: "-2" continues it
        FLASH + FLASH,
        f"{FLASH} {PRO}\n{FLASH}",
        "gemini-" * 40 + FLASH,  # many stems close together: one merged window
        "\\n" + FLASH + "\\t" + PRO,
        "a:-" + FLASH,
    ],
)
def test_windowed_search_finds_what_a_whole_scan_finds(text: str) -> None:
    assert _windowed(MATCHER, text) == _whole_scan(MATCHER, text)
    for start in range(0, len(text), 7):
        for end in (start, start + len(FLASH), start + len(FLASH) + 1, len(text)):
            assert _windowed(MATCHER, text, start, end) == _whole_scan(MATCHER, text, start, min(end, len(text)))


def test_windowed_search_matches_a_whole_scan_on_random_texts() -> None:
    import random

    rnd = random.Random(20261126)
    ids = sorted(MATCHER.models)
    pieces = ["${", "${{", "MODEL", "-", ":-", ".", "_", " ", "\n", "\\n", "x", "9", '"', "/", "$", "{", "}", "é"]
    pieces += ["models/", "gemini-", "-generate-", "embedding-", "-2", ".5"]
    for _ in range(3000):
        parts = []
        for _ in range(rnd.randint(1, 8)):
            if rnd.random() < 0.35:
                model_id = rnd.choice(ids)
                cut = rnd.random()
                parts.append(model_id[: rnd.randint(1, len(model_id))] if cut < 0.3 else model_id)
            else:
                parts.append(rnd.choice(pieces))
        text = "".join(parts)
        start = rnd.randint(0, len(text)) if rnd.random() < 0.3 else 0
        end = rnd.randint(start, len(text))
        assert _windowed(MATCHER, text, start, end) == _whole_scan(MATCHER, text, start, end), (text, start, end)


OLD = "gemini-2.5-flash"  # a legacy ID that longer IDs (gemini-2.5-flash-lite) start with
NEW = next(m.replacement for m in load_packaged() if m.id == OLD)


@pytest.mark.parametrize(
    "text",
    [
        f'm.startswith("{OLD}-")',  # a prefix, not a model
        f'f"{OLD}-{{variant}}"',  # a template
        f'"{OLD}-%s" % variant',
        f'"{OLD}-{{}}".format(v)',
        f'glob("{OLD}-*")',
        f'r"{OLD}-\\w+"',
        f'f"{OLD}.{{ext}}"',  # a name being built, as "<id>.json" is one
        f'"{OLD}.*"',
    ],
)
def test_an_id_that_a_dash_or_a_dot_continues_in_code_is_reported_without_a_fix(text: str) -> None:
    """Fixing these would change what the program builds: "...-flash-{variant}" became "...-lite-lite"."""
    source = f"x = {text}\n"
    settings = make_settings()
    diagnostics = lint_source(source, "x.py", settings).diagnostics
    assert [d.code for d in diagnostics] == ["GL001"] and diagnostics[0].fix is None
    assert "may build a longer name (a prefix or a template)" in diagnostics[0].message
    block = f"```python\nx = {text}\n```\n"
    assert applicable(lint_source(block, "x.md", settings).diagnostics, unsafe_fixes=True) == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (f'"{OLD}" + "-lite"', "'+' joins the string to a value that may continue the ID"),
        (f'"{OLD}" + suffix', "'+' joins the string to a value that may continue the ID"),
        (f'("{OLD}"\n     + variant)', "'+' joins"),
        (f'"{OLD}" \\\n    + "-lite"', "'+' joins"),
        (f'"{OLD}" + f"{{x}}"', "'+' joins"),  # an f-string that starts with a field: unknown
        ('"gemini-" + "embedding-001"', "'+' joins"),  # a literal before that runs into the ID
        (f'f"{OLD}{{suffix}}"', "a template field or format placeholder after the ID"),
        (f'"{OLD}%s" % s', "a template field or format placeholder after the ID"),
        (f'"{OLD}{{}}".format(s)', "a template field or format placeholder after the ID"),
        (f'"{OLD}${{SUFFIX}}"', "a template field or format placeholder after the ID"),
        (f"f\"{{'{OLD}'}}{{suffix}}\"", "a template field or format placeholder after the ID"),
        (f"f\"v{{'{OLD}'}}\"", "a template field or format placeholder after the ID"),
    ],
)
def test_an_id_that_code_runs_on_into_a_longer_name_is_reported_without_a_fix(text: str, reason: str) -> None:
    """A fix would change the name built at run time: "gemini-2.5-flash" + "-lite" became "...-lite-lite"."""
    source = f"x = {text}\n"
    compile(source, "<test>", "exec")
    diagnostics = lint_source(source, "x.py", make_settings()).diagnostics
    assert [d.code for d in diagnostics] == ["GL001"] and diagnostics[0].fix is None
    assert reason in diagnostics[0].message


@pytest.mark.parametrize(
    "text",
    [
        f'"models/" + "{OLD}"',
        f'PREFIX + "{OLD}"',  # what goes before an ID is most often a path: kept, as f"{{prefix}}ID" is
        f'"{OLD}" + "\\n"',
        f'"Using " + "{OLD}" + " now"',
        f'"{OLD}"  # + suffix',
        f'"{OLD}" +\\\n    " x"',
        f"f\"{{d['{OLD}']}}\"",
        f"f\"{{'{OLD}'}}\"",
        f"f\"{{ '{OLD}' }}/\"",
        f"f\"{{x}}{{'{OLD}'}}\"",
        f'"{OLD}" * 2',
    ],
)
def test_an_id_next_to_an_operator_or_field_that_ends_the_name_keeps_its_fix(text: str) -> None:
    source = f"x = {text}\n"
    compile(source, "<test>", "exec")
    assert fix_source(source, lint_source(source, "x.py", make_settings()).diagnostics) == source.replace(OLD, NEW)


def test_a_template_field_after_an_id_in_config_or_markdown_code_withholds_the_fix() -> None:
    settings = make_settings()
    for path, text in [
        ("x.yaml", f"model: {OLD}${{SUFFIX}}\n"),
        ("x.env", f"MODEL={OLD}$SUFFIX\n"),
        ("x.md", f"```python\nm = f\"{OLD}{{suffix}}\"\n```\n"),
    ]:
        diagnostics = lint_source(text, path, settings).diagnostics
        assert diagnostics and applicable(diagnostics, unsafe_fixes=True) == [], path


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("x.json", f'{{"prefix": "{OLD}-", "template": "{OLD}-{{}}", "name": "{OLD}.{{ext}}"}}'),
        ("x.yaml", f"a: '{OLD}-%s'\nb: \"{OLD}-*\"\n"),
        ("x.toml", f'a = "{OLD}-"\n'),
        ("x.yaml", f"prefix: {OLD}-\ntmpl: {OLD}-{{variant}}\nname: {OLD}.{{ext}}\n"),  # unquoted
        (".env", f"PREFIX={OLD}-\nT={OLD}-${{V}}\n"),
        ("x.ini", f'[s]\ntmpl = {OLD}-%(variant)s\nb = "{OLD}-"\n'),
    ],
)
def test_a_config_string_that_builds_a_name_from_an_id_is_not_fixed(path: str, text: str) -> None:
    diagnostics = lint_source(text, path, make_settings()).diagnostics
    assert diagnostics and applicable(diagnostics, unsafe_fixes=True) == []


@pytest.mark.parametrize(
    "text",
    [
        f"Use **{OLD}.** now",
        f"Try {OLD}...",
        f"<!-- model: {OLD}-->",
        f"Migrate {OLD}->gemini-3-flash",
        f"See {OLD}.[1]",
        f"We used {OLD}.&nbsp;Next",
        f"{OLD}-- the best",
    ],
)
def test_prose_ids_before_punctuation_are_found(text: str) -> None:
    assert ids_in(text) == [OLD]


@pytest.mark.parametrize(
    "text",
    [f"Use {OLD}.", f"Use {OLD}. Then", f'"{OLD}."', f"({OLD}.)", f"{OLD}.\n", f"'{OLD}.',", f"use {OLD}: fast"],
)
def test_a_dot_that_ends_a_sentence_still_ends_the_id(text: str) -> None:
    assert ids_in(text) == [OLD]



@pytest.mark.parametrize("path, text", [("x.py", f'print("Calling {OLD}...")\n'), ("x.md", f"```\nrun {OLD}...\n```\n")])
def test_an_ellipsis_after_an_id_in_code_still_lets_it_be_fixed(path: str, text: str) -> None:
    diagnostics = lint_source(text, path, make_settings()).diagnostics
    assert [d.fix is not None for d in diagnostics] == [True]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"model = '{FLASH_GA}'", False),  # names only the GA ID: answered by substring tests
        ("no model here", False),
        (f"model = '{FLASH}'", True),
        (f"x = '{FLASH}x'", False),  # the ID as part of a longer token: no whole-token match
    ],
)
def test_search_answers_the_same_before_and_after_the_pattern_is_compiled(text: str, expected: bool) -> None:
    matcher = Matcher(for_surface(load_packaged(), "gemini-api"))
    assert matcher.search(text) is expected
    assert matcher.regex.compiled_for(text) is (FLASH in text)  # compiled only for a text with a legacy ID
    matcher.regex.ascii  # noqa: B018  (compiled: the next search skips the per-ID substring tests)
    assert Matcher.search(matcher, text + " ") is expected
    assert "wide" not in matcher.regex.__dict__  # the CJK-aware pattern, compiled only for non-ASCII text


@pytest.mark.parametrize(
    "text",
    [
        f"x = '{PRO}'", f"使用{PRO}模型", f"é{PRO}", f"{PRO}é", f"x{PRO}", f"{PRO}_v2", f"{PRO}-2", f"{PRO}.1",
        f"${{M:-{PRO}}}", f"\\n{PRO}", f"Ünïcödé {PRO} and {FLASH}", f"{FLASH}模型 {PRO}",
    ],
)
def test_the_ascii_and_the_wide_pattern_find_the_same_where_both_apply(text: str) -> None:
    """The pattern compiled for ASCII text (``\\w``) and the CJK-aware one agree on ASCII text, and
    the CJK-aware one is used for the rest."""
    matcher = Matcher(for_surface(load_packaged(), "gemini-api"))
    wide = [(m.start(), m.end()) for m in matcher.regex.wide.finditer(text)]
    found = [(m.start, m.end) for m in matcher.finditer(text)]
    if text.isascii():
        assert [(m.start(), m.end()) for m in matcher.regex.ascii.finditer(text)] == wide
    assert [(start, end) for start, end in found] == [(m.start("id"), m.end()) for m in matcher.regex.wide.finditer(text)]


# Chinese, Japanese and Korean put no space between words: their characters end a token, though ``\w``
# holds them. Latin letters, digits and ``_`` still go on with one.
@pytest.mark.parametrize(
    "text",
    [
        f"使用{PRO}模型生成图片。",
        f"{PRO}を使います。",
        f"カタカナ{PRO}ｶﾀｶﾅ",
        f"「{PRO}」",
        f"모델{PRO}를 사용",
        f"（{PRO}）",
        f"用{PRO}，再用",
        f"𠀀{PRO}𠀀",  # a Han ideograph outside the Basic Multilingual Plane
    ],
)
def test_cjk_characters_end_a_token(text: str) -> None:
    assert ids_in(text) == [PRO]


@pytest.mark.parametrize(
    "text",
    [f"x{PRO}", f"{PRO}_v2", f"{PRO}x", f"é{PRO}", f"{PRO}é", f"_{PRO}", f"{PRO}-模型", f"使用{PRO}2"],
)
def test_latin_letters_digits_and_underscore_still_go_on_with_a_token(text: str) -> None:
    assert ids_in(text) == []


def test_cjk_characters_end_an_id_written_with_escaped_dots() -> None:
    text = "匹配gemini-3\\.1-flash-image-preview模型"
    assert [text[m.start : m.end] for m in MATCHER.escaped(text)] == ["gemini-3\\.1-flash-image-preview"]


@pytest.mark.parametrize(
    ("path", "text", "code", "safe_fixed", "unsafe_fixed"),
    [
        (
            "x.md",
            f"# 说明\n\n使用{PRO}模型生成图片。\n",
            "GL002",
            None,
            f"# 说明\n\n使用{PRO_GA}模型生成图片。\n",
        ),
        ("x.rst", f"説明\n====\n\n{PRO}を使います。\n", "GL002", None, f"説明\n====\n\n{PRO_GA}を使います。\n"),
        ("x.txt", f"{PRO}를 사용합니다\n", "GL002", None, f"{PRO_GA}를 사용합니다\n"),
        # A value holding a sentence gets the safe fix, as "Use <ID> to draw" does.
        ("x.json", f'{{"prompt_zh": "用{PRO}生成"}}\n', "GL001", f'{{"prompt_zh": "用{PRO_GA}生成"}}\n', None),
        ("x.py", f'x = "使用{PRO}模型"\n', "GL001", f'x = "使用{PRO_GA}模型"\n', None),
        ("x.yaml", f"prompt: 用{PRO}生成\n", "GL001", f"prompt: 用{PRO_GA}生成\n", None),
        ("x.md", f"```python\nm = '使用{PRO}模型'\n```\n", "GL001", f"```python\nm = '使用{PRO_GA}模型'\n```\n", None),
    ],
)
def test_an_id_written_against_cjk_text_is_reported_and_fixed(
    path: str, text: str, code: str, safe_fixed: str | None, unsafe_fixed: str | None
) -> None:
    diagnostics = lint_source(text, path, make_settings(select=("GL001", "GL002"))).diagnostics
    assert [d.code for d in diagnostics] == [code]
    assert fix_source(text, applicable(diagnostics, unsafe_fixes=False)) == (safe_fixed or text)
    assert fix_source(text, applicable(diagnostics, unsafe_fixes=True)) == (unsafe_fixed or safe_fixed)


@pytest.mark.parametrize(
    ("content", "retired"),
    [
        (f"{PRO}已停用", True),
        (f"{PRO}已弃用，请换用新模型", True),
        (f"{PRO}は廃止されました", True),
        (f"{PRO}는 지원 종료", True),
        (f"使用{PRO}模型生成图片", False),
    ],
)
def test_cjk_words_that_say_a_model_is_retired(content: str, retired: bool) -> None:
    from gemini_lint.sources.base import says_retired

    assert says_retired(content, 0, len(content)) is retired


def test_every_ascii_retiring_word_starts_with_a_head_of_the_quick_search() -> None:
    """says_retired looks for the pattern only where a head stands in longer ASCII text: a word
    added to the pattern without its head would go unseen there."""
    from gemini_lint.sources.base import _SAYS_RETIRED, _SAYS_RETIRED_HEADS

    ascii_part = _SAYS_RETIRED.pattern.split(r"\b(?:", 1)[1].split(r")\b", 1)[0]
    words, depth, current = [], 0, ""
    for char in ascii_part:  # the top-level alternatives
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            words.append(current)
            current = ""
        else:
            current += char
    words.append(current)
    assert len(words) > 15
    for word in words:
        lead = re.match(r"[a-z]+", word)
        assert lead is not None, word
        assert any(lead.group().startswith(head) for head in _SAYS_RETIRED_HEADS), word


@pytest.mark.parametrize("seed", range(4))
def test_the_quick_search_for_retiring_words_answers_as_the_pattern(seed: int) -> None:
    from gemini_lint.sources.base import _SAYS_RETIRED, says_retired

    rnd = random.Random(seed)
    pieces = ["retired", "Deprecated", "SHUT  DOWN", "shutdown", "end of-life", "no", "not", "NOT\tsupported",
              "no longer", "stopped serving", "turned off", "legacyx", "xremoved", "end", "eol", "_eol", "sunsetted",
              " ", " ", "\n", "model", "x", "-", "_", "retire", "retiring", "Obsolete."]
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 200)))
        low = rnd.randrange(len(text) + 1)
        high = rnd.randrange(low, len(text) + 1)
        assert says_retired(text, low, high) is (_SAYS_RETIRED.search(text, low, high) is not None), (text, low, high)


def test_ids_against_cjk_text_through_the_command(tmp_path, run_cli) -> None:  # type: ignore[no-untyped-def]
    files = {
        "a.md": f"# 说明\n\n使用{PRO}模型生成图片。\n",
        "b.rst": f"説明\n====\n\n{PRO}を使います。\n",
        "c.json": f'{{"prompt_zh": "用{PRO}生成"}}\n',
        "d.py": f'x = "使用{PRO}模型"\n',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = run_cli("--isolated", "--today", "2026-11-25", *files, cwd=tmp_path)
    assert found.returncode == 1, found.stderr
    assert [line.split(" ")[:2] for line in found.stdout.splitlines() if line.startswith(tuple(files))] == [
        ["a.md:3:3:", "GL002"],
        ["b.rst:4:1:", "GL002"],
        ["c.json:1:17:", "GL001"],
        ["d.py:1:8:", "GL001"],
    ]
    fixed = run_cli("--isolated", "--today", "2026-11-25", "--fix", "--unsafe-fixes", *files, cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    for name, text in files.items():
        assert (tmp_path / name).read_bytes() == text.replace(PRO, PRO_GA).encode("utf-8")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('"\\u4f7f\\u7528gemini-2.0-flash"', True),  # 使用 as escapes: the ID starts a token
        ('"\\uac00gemini-2.0-flash"', True),  # a Hangul syllable
        ('"\\u0041gemini-2.0-flash"', False),  # "A": a letter goes on with the token
        ('"\\u002dgemini-2.0-flash"', False),  # "-"
    ],
)
def test_an_escaped_cjk_character_ends_a_token(text: str, found: bool) -> None:
    matcher = Matcher(for_surface(load_packaged(), "gemini-api"))
    assert matcher.search(text) is found
