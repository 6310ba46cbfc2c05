"""Integrity tests for the packaged deprecation registry, ``gemini_lint/data/models.toml``.

Like a spelling dictionary's self-tests: they do not check that Google's dates are right (a
human does that against the cited source), they check that the data is well-formed, cited,
internally consistent and safe for the whole-token matcher.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
from importlib import resources
from urllib.parse import urlparse

import pytest

from gemini_lint.registry import (
    SURFACES,
    LegacyModel,
    RegistryError,
    ShutdownKind,
    compile_registry,
    load_packaged,
    parse_registry,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

# Characters that continue a token for the whole-token matcher; a longer ID that starts with a
# shorter one must go on with one of these, so the shorter ID can never match inside the longer.
TOKEN_CONTINUATION = set("-._0123456789abcdefghijklmnopqrstuvwxyz")
# What a model ID looks like: lowercase letters, digits, '.', '-', '_' and the '@' of Vertex
# versioned IDs (textembedding-gecko@003), starting and ending with a letter or digit.
PLAUSIBLE_ID = re.compile(r"^[a-z0-9](?:[a-z0-9._@-]{0,126}[a-z0-9])?$")
# GA models that are easy to confuse with their retired previews. Remove an ID from this set
# only when Google announces a shutdown date for it (and cite that page in the new entry).
NEVER_LEGACY = {"gemini-3.1-flash-image", "gemini-3-pro-image"}
GEMINI_API_LAUNCH = dt.date(2023, 12, 13)

# The smallest valid entry, for the tests that feed parse_registry bad input.
VALID = """
[[model]]
id = "gemini-old-preview"
replacement = "gemini-new"
deprecated = 2026-01-01
shutdown = 2026-02-01
shutdown_kind = "announced"
surface = "gemini-api"
source = "https://ai.google.dev/gemini-api/docs/deprecations"
as_of = 2026-01-02
note = "test entry"
"""


def _raw_text() -> str:
    return resources.files("gemini_lint").joinpath("data/models.toml").read_text(encoding="utf-8")


def _raw_tables() -> list[dict]:
    return tomllib.loads(_raw_text())["model"]


@pytest.fixture(scope="module")
def models() -> tuple[LegacyModel, ...]:
    return load_packaged()


@pytest.fixture(scope="module")
def raw() -> list[dict]:
    return _raw_tables()


def _where(model: LegacyModel) -> str:
    return f"{model.id} ({model.surface})"


# --- the packaged data -------------------------------------------------------------------------


def test_packaged_json_is_the_compiled_toml() -> None:
    """The file read at run time is exactly what the edited TOML compiles to (re-run the maintainer command)."""
    compiled = resources.files("gemini_lint").joinpath("data/models.json").read_text(encoding="utf-8")
    assert compiled == compile_registry(_raw_text()), "run `python -m gemini_lint.registry README.md`"


def test_packaged_json_loads_the_same_models_as_the_toml(models: tuple[LegacyModel, ...]) -> None:
    assert models == parse_registry(_raw_text(), "models.toml")


def test_an_invalid_registry_is_not_compiled() -> None:
    with pytest.raises(RegistryError, match="missing key 'shutdown'"):
        compile_registry(VALID.replace("shutdown = 2026-02-01\n", ""))


def test_loads_and_is_not_empty(models: tuple[LegacyModel, ...]) -> None:
    assert len(models) >= 50
    assert all(isinstance(m, LegacyModel) for m in models)


def test_every_surface_has_entries(models: tuple[LegacyModel, ...]) -> None:
    assert {m.surface for m in models} == set(SURFACES)


def test_unique_id_and_surface(raw: list[dict]) -> None:
    keys = [(t["id"], t.get("surface", "gemini-api")) for t in raw]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates


def test_dates_are_dates_and_in_order(raw: list[dict], models: tuple[LegacyModel, ...]) -> None:
    for table in raw:
        for key in ("deprecated", "shutdown", "as_of"):
            value = table[key]
            assert isinstance(value, dt.date) and not isinstance(value, dt.datetime), (table["id"], key)
    for model in models:
        assert model.deprecated <= model.shutdown, _where(model)


def test_as_of_present_for_every_entry(raw: list[dict], models: tuple[LegacyModel, ...]) -> None:
    assert all("as_of" in table for table in raw)
    for model in models:
        assert model.as_of is not None, _where(model)
        # Not compared with the system clock (tests pin their own "today"); just a sanity floor:
        # nothing can have been read before the Gemini API launched.
        assert model.as_of >= GEMINI_API_LAUNCH, _where(model)


def test_every_source_is_an_https_url(models: tuple[LegacyModel, ...]) -> None:
    for model in models:
        url = urlparse(model.source)
        assert url.scheme == "https" and url.netloc, _where(model)
        assert not any(ch.isspace() for ch in model.source), _where(model)


def test_shutdown_kind_and_surface(models: tuple[LegacyModel, ...]) -> None:
    for model in models:
        assert isinstance(model.shutdown_kind, ShutdownKind), _where(model)
        assert model.surface in SURFACES, _where(model)


def test_ids_are_lowercase_without_whitespace(raw: list[dict]) -> None:
    for table in raw:
        model_id = table["id"]
        assert model_id == model_id.strip() == model_id.lower(), model_id
        assert not any(ch.isspace() for ch in model_id), model_id
        assert PLAUSIBLE_ID.match(model_id), model_id


def test_replacement_empty_or_plausible(raw: list[dict]) -> None:
    for table in raw:
        replacement = table.get("replacement", "")
        assert replacement == replacement.strip(), table["id"]
        if replacement:
            assert PLAUSIBLE_ID.match(replacement), (table["id"], replacement)
            assert replacement != table["id"], table["id"]


def test_notes_are_one_line(models: tuple[LegacyModel, ...]) -> None:
    for model in models:
        assert model.note.strip(), _where(model)
        assert "\n" not in model.note, _where(model)


def test_ga_models_are_not_listed(models: tuple[LegacyModel, ...]) -> None:
    assert not NEVER_LEGACY & {m.id for m in models}


def test_no_prefix_boundary_match() -> None:
    """A shorter ID inside a longer one is always followed by a token character.

    Otherwise the whole-token matcher would report the shorter ID inside the longer one as well.
    """
    ids = sorted({t["id"] for t in _raw_tables()})
    for short, long in itertools.permutations(ids, 2):
        if long.startswith(short):
            assert long[len(short)] in TOKEN_CONTINUATION, (short, long)


def test_replacement_chains_are_resolved(raw: list[dict], models: tuple[LegacyModel, ...]) -> None:
    """After loading, no replacement is itself a legacy ID on the same surface."""
    legacy = {(m.id, m.surface) for m in models}
    for model in models:
        assert (model.replacement, model.surface) not in legacy, _where(model)
    # The data really contains chains, so the check above is not vacuous.
    raw_legacy = {(t["id"], t["surface"]) for t in raw}
    chained = [t for t in raw if (t.get("replacement", ""), t["surface"]) in raw_legacy]
    assert chained


def test_known_chain_resolves_to_its_end(models: tuple[LegacyModel, ...]) -> None:
    by_key = {(m.id, m.surface): m for m in models}
    # imagen-3.0-generate-002 -> imagen-4.0-generate-001 (itself retired) -> gemini-3.1-flash-image
    assert by_key[("imagen-3.0-generate-002", "gemini-api")].replacement == "gemini-3.1-flash-image"
    # gemini-robotics-er-1.5-preview -> gemini-robotics-er-1.6-preview (retired) -> ER 2
    assert by_key[("gemini-robotics-er-1.5-preview", "gemini-api")].replacement == "gemini-robotics-er-2-preview"


def test_known_facts(models: tuple[LegacyModel, ...]) -> None:
    by_key = {(m.id, m.surface): m for m in models}
    pro = by_key[("gemini-3-pro-preview", "gemini-api")]
    assert pro.shutdown == dt.date(2026, 3, 9) and pro.replacement == "gemini-3.1-pro-preview"
    imagen3 = by_key[("imagen-3.0-generate-002", "gemini-api")]
    assert imagen3.shutdown == dt.date(2025, 11, 10)
    for model_id in ("imagen-4.0-generate-001", "imagen-4.0-ultra-generate-001", "imagen-4.0-fast-generate-001"):
        imagen4 = by_key[(model_id, "gemini-api")]
        assert (imagen4.deprecated, imagen4.shutdown) == (dt.date(2026, 6, 15), dt.date(2026, 8, 17))
    for model_id, replacement in (
        ("gemini-3.1-flash-image-preview", "gemini-3.1-flash-image"),
        ("gemini-3-pro-image-preview", "gemini-3-pro-image"),
    ):
        preview = by_key[(model_id, "gemini-api")]
        assert (preview.deprecated, preview.shutdown) == (dt.date(2026, 5, 28), dt.date(2026, 6, 25))
        assert preview.replacement == replacement


def test_tables_are_separated_by_blank_lines() -> None:
    lines = _raw_text().splitlines()
    for number, line in enumerate(lines):
        if line == "[[model]]":
            assert number > 0 and lines[number - 1] == "", f"line {number + 1}"


# --- parse_registry rejects bad input ----------------------------------------------------------


def test_valid_snippet_parses() -> None:
    (model,) = parse_registry(VALID, "test")
    assert model.id == "gemini-old-preview" and model.shutdown_kind is ShutdownKind.ANNOUNCED


def test_rejects_duplicate_id_and_surface() -> None:
    with pytest.raises(RegistryError, match="duplicate"):
        parse_registry(VALID + VALID, "test")


def test_same_id_on_another_surface_is_not_a_duplicate() -> None:
    other = VALID.replace('surface = "gemini-api"', 'surface = "vertex-ai"')
    assert len(parse_registry(VALID + other, "test")) == 2


def test_rejects_deprecated_after_shutdown() -> None:
    with pytest.raises(RegistryError, match="after"):
        parse_registry(VALID.replace("deprecated = 2026-01-01", "deprecated = 2026-03-01"), "test")


def test_rejects_missing_source() -> None:
    text = "\n".join(line for line in VALID.splitlines() if not line.startswith("source"))
    with pytest.raises(RegistryError, match="source"):
        parse_registry(text, "test")


def test_rejects_non_https_source() -> None:
    with pytest.raises(RegistryError, match="https"):
        parse_registry(VALID.replace("https://", "http://"), "test")


def test_rejects_unknown_shutdown_kind_and_surface() -> None:
    with pytest.raises(RegistryError, match="shutdown_kind"):
        parse_registry(VALID.replace('"announced"', '"maybe"'), "test")
    with pytest.raises(RegistryError, match="surface"):
        parse_registry(VALID.replace('"gemini-api"', '"ai-studio"'), "test")


def test_resolves_chain_and_rejects_loop() -> None:
    second = (
        VALID.replace('"gemini-old-preview"', '"gemini-new"')
        .replace('replacement = "gemini-new"', 'replacement = "gemini-newer"')
    )
    resolved = {m.id: m.replacement for m in parse_registry(VALID + second, "test")}
    assert resolved == {"gemini-old-preview": "gemini-newer", "gemini-new": "gemini-newer"}
    loop = second.replace('"gemini-newer"', '"gemini-old-preview"')
    with pytest.raises(RegistryError, match="loops"):
        parse_registry(VALID + loop, "test")


def test_rejects_text_that_is_not_toml() -> None:
    with pytest.raises(RegistryError, match="not valid TOML"):
        parse_registry("[[model]\nid = ", "test")


@pytest.mark.parametrize("surface", SURFACES)
def test_every_fix_on_every_surface_is_final(surface: str) -> None:
    """A fix names the end of the chain, through entries of any surface: a second --fix changes nothing."""
    from gemini_lint.matching import models_for, settings_matcher

    from conftest import make_settings

    settings = make_settings(select=("GL001",), surface=surface)
    matcher = settings_matcher(settings)
    for model in models_for(surface):
        if model.replacement:
            assert list(matcher.finditer(f'"{model.replacement}"')) == [], (model.id, model.replacement)


def test_fixes_that_need_the_code_changed_too_are_told_apart() -> None:
    """An Imagen ID's Gemini replacement takes another call; an embedding model's vectors do not
    compare with its replacement's: their fixes need --unsafe-fixes (found in real code: a safe fix
    put gemini-3.1-flash-image into client.models.generate_images)."""
    from gemini_lint.registry import fix_caveat

    assert "another API than imagen models" in fix_caveat("imagen-4.0-generate-001", "gemini-3.1-flash-image")
    assert "another API than imagegeneration models" in fix_caveat("imagegeneration@006", "gemini-2.5-flash-image")
    assert "do not compare" in fix_caveat("text-embedding-004", "gemini-embedding-2")
    assert "do not compare" in fix_caveat("gemini-embedding-exp", "gemini-embedding-2")
    assert fix_caveat("veo-3.0-generate-001", "veo-3.1-generate-preview") == ""
    assert fix_caveat("gemini-2.0-flash", "gemini-3.6-flash") == ""
    assert fix_caveat("gemini-3.1-flash-image-preview", "gemini-3.1-flash-image") == ""
    assert fix_caveat("chat-bison", "") == ""
    # Every packaged entry: the image and text models of the mission keep their safe fix.
    caveats = {m.id for m in load_packaged() if fix_caveat(m.id, m.replacement)}
    assert caveats and all(i.startswith(("imagen-", "imagegeneration@", "imagetext@")) or "embedding" in i for i in caveats)
