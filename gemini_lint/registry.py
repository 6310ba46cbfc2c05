"""The deprecation registry: loads ``data/models.toml`` into frozen :class:`LegacyModel` records.

This is the one place model IDs live. Configuration may add private models (``extra``), which go
through the same validation as the packaged data.

``data/models.toml`` is the file people edit. At run time the loader reads ``data/models.json``,
the same document compiled by ``python -m gemini_lint.registry README.md`` (tomllib takes ~18 ms to
parse the TOML, a third of a pre-commit run's budget; json takes under 1 ms). A test fails when the
JSON is not exactly what the TOML compiles to, and every entry goes through the same validation.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ~1.5 ms of a run over a clean file
if TYPE_CHECKING:
    from typing import Any

SURFACES = ("gemini-api", "vertex-ai", "firebase")
DEFAULT_SURFACE = "gemini-api"


class ShutdownKind(enum.Enum):
    """Whether the shutdown date is announced exactly or only as an earliest date."""

    ANNOUNCED = "announced"
    EARLIEST = "earliest"


@dataclass(frozen=True)
class LegacyModel:
    """One retired or retiring model ID on one surface."""

    id: str
    replacement: str
    deprecated: dt.date
    shutdown: dt.date
    shutdown_kind: ShutdownKind = ShutdownKind.ANNOUNCED
    surface: str = DEFAULT_SURFACE
    source: str = ""
    as_of: dt.date | None = None
    note: str = ""
    #: Set when ``replacement`` was followed to the end of its chain and that end names none: the
    #: last ID of the chain, retired too (``gemini-1.5-pro`` -> ``gemini-2.0-flash`` -> none on Vertex AI).
    retired_replacement: str = ""


class RegistryError(ValueError):
    """A registry entry (packaged or from configuration) is malformed."""


_REQUIRED = ("id", "deprecated", "shutdown")
_KNOWN = frozenset(
    ("id", "replacement", "deprecated", "shutdown", "shutdown_kind", "surface", "source", "as_of", "note")
)


def iso_date(text: str) -> dt.date:
    """A YYYY-MM-DD date (ValueError otherwise), on every Python: 3.11's ``fromisoformat`` also
    takes ``20261126`` and week dates."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(text)
    return dt.date.fromisoformat(text)


_MODEL_ID_CHARS = "letters, digits and . _ - @ / :, starting with a letter or digit"
_MODEL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@/:-]*\Z")


def _date(value: object, where: str, key: str) -> dt.date:
    if isinstance(value, dt.datetime):
        raise RegistryError(f"{where}: '{key}' must be a date (YYYY-MM-DD), not a date-time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return iso_date(value)
        except ValueError:
            pass
    raise RegistryError(f"{where}: '{key}' must be a date (YYYY-MM-DD), got {value!r}")


def _text(value: object, where: str, key: str) -> str:
    if not isinstance(value, str):
        raise RegistryError(f"{where}: '{key}' must be a string, got {value!r}")
    return value


def model_from_mapping(raw: Mapping[str, Any], where: str, *, require_source: bool) -> LegacyModel:
    """Build one :class:`LegacyModel` from a TOML table, raising :class:`RegistryError` with ``where``."""
    unknown = sorted(set(raw) - _KNOWN)
    if unknown:
        raise RegistryError(f"{where}: unknown key '{unknown[0]}'")
    for key in _REQUIRED:
        if key not in raw:
            raise RegistryError(f"{where}: missing key '{key}'")
    model_id = _text(raw["id"], where, "id").strip()
    if not _MODEL_ID.match(model_id):
        raise RegistryError(f"{where}: 'id' must be a model ID ({_MODEL_ID_CHARS}), got {model_id!r}")
    replacement = _text(raw.get("replacement", ""), where, "replacement").strip()
    if replacement and not _MODEL_ID.match(replacement):
        # --fix writes it into strings and files as it is: a quote, a backslash or a space would break them.
        raise RegistryError(f"{where}: 'replacement' must be a model ID ({_MODEL_ID_CHARS}), got {replacement!r}")
    kind_text = _text(raw.get("shutdown_kind", "announced"), where, "shutdown_kind")
    try:
        kind = ShutdownKind(kind_text)
    except ValueError:
        raise RegistryError(f"{where}: 'shutdown_kind' must be 'announced' or 'earliest'") from None
    surface = _text(raw.get("surface", DEFAULT_SURFACE), where, "surface")
    if surface not in SURFACES:
        raise RegistryError(f"{where}: 'surface' must be one of {', '.join(SURFACES)}")
    source = _text(raw.get("source", ""), where, "source")
    if require_source and not source.startswith("https://"):
        raise RegistryError(f"{where}: 'source' must be an https URL")
    deprecated = _date(raw["deprecated"], where, "deprecated")
    shutdown = _date(raw["shutdown"], where, "shutdown")
    if deprecated > shutdown:
        raise RegistryError(f"{where}: 'deprecated' ({deprecated}) is after 'shutdown' ({shutdown})")
    as_of = _date(raw["as_of"], where, "as_of") if "as_of" in raw else None
    return LegacyModel(
        id=model_id,
        replacement=replacement,
        deprecated=deprecated,
        shutdown=shutdown,
        shutdown_kind=kind,
        surface=surface,
        source=source,
        as_of=as_of,
        note=_text(raw.get("note", ""), where, "note"),
    )


def check_registry(models: Iterable[LegacyModel], where: str) -> tuple[LegacyModel, ...]:
    """Reject duplicate ``(id, surface)`` pairs; resolve replacement chains to their final ID.

    When the named replacement is itself legacy on the same surface (imagen-3 -> imagen-4 -> ...),
    the fix must point at the end of the chain, never at another retired model. A cycle is an error.
    """
    result = tuple(models)
    by_key: dict[tuple[str, str], LegacyModel] = {}
    for model in result:
        key = (model.id, model.surface)
        if key in by_key:
            raise RegistryError(f"{where}: duplicate entry for '{model.id}' on surface '{model.surface}'")
        by_key[key] = model
    resolved = []
    for model in result:
        final, last = model.replacement, ""
        visited = {model.id}
        while (final, model.surface) in by_key:
            if final in visited:
                raise RegistryError(f"{where}: replacement chain of '{model.id}' loops back to '{final}'")
            visited.add(final)
            final, last = by_key[(final, model.surface)].replacement, final
        resolved.append(_followed(model, final, last))
    return tuple(resolved)


PACKAGED_TOML = "gemini_lint/data/models.toml"
PACKAGED_JSON = "gemini_lint/data/models.json"


def _packaged_path(name: str) -> str:
    # A plain path (the package is always installed as files): importlib.resources costs ~6 ms of start-up.
    return os.path.join(os.path.dirname(__file__), "data", name)


def load_packaged() -> tuple[LegacyModel, ...]:
    """Load and validate the packaged registry (``data/models.json``, compiled from ``data/models.toml``)."""
    with open(_packaged_path("models.json"), encoding="utf-8") as handle:
        document = json.load(handle)
    return models_from_document(document, PACKAGED_JSON)


def compile_registry(toml_text: str) -> str:
    """The JSON text ``load_packaged`` reads, for registry TOML text (dates become ISO strings)."""
    parsed = load_toml(toml_text, PACKAGED_TOML)
    models_from_document(parsed, PACKAGED_TOML)  # refuse to compile an invalid registry
    document = {
        "generated_from": f"{PACKAGED_TOML}: edit that file, then run `python -m gemini_lint.registry README.md`",
        "model": parsed["model"],
    }
    return json.dumps(document, indent=1, ensure_ascii=False, default=dt.date.isoformat) + "\n"


def load_toml(text: str, where: str, error: type[ValueError] = RegistryError) -> dict[str, Any]:
    """TOML ``text`` as a dict, or ``error("<where>: not valid TOML: ...")``; tomllib loads only when asked."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python < 3.11 only
        import tomli as tomllib
    try:
        document: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{where}: not valid TOML: {exc}") from None
    return document


def parse_registry(text: str, where: str) -> tuple[LegacyModel, ...]:
    """Parse registry TOML text (``[[model]]`` tables) into validated models."""
    return models_from_document(load_toml(text, where), where)


def models_from_document(document: Mapping[str, Any], where: str) -> tuple[LegacyModel, ...]:
    """Validate a parsed registry document (``{"model": [table, ...]}``) into models."""
    tables = document.get("model", [])
    if not isinstance(tables, list):
        raise RegistryError(f"{where}: 'model' must be an array of tables ([[model]])")
    models = [
        model_from_mapping(table, f"{where}: model #{index + 1}", require_source=True)
        for index, table in enumerate(tables)
    ]
    return check_registry(models, where)


def for_surface(models: Iterable[LegacyModel], surface: str) -> tuple[LegacyModel, ...]:
    """The entries that apply on ``surface``.

    An ID's own entry for the surface wins; otherwise its ``gemini-api`` entry applies (the model
    IDs are shared, and the data holds a per-surface entry only where dates or replacements differ).
    """
    listed = tuple(models)
    own = {model.id for model in listed if model.surface == surface}
    return tuple(
        model
        for model in listed
        if model.surface == surface or (model.surface == DEFAULT_SURFACE and model.id not in own)
    )


def resolve_across_surfaces(models: tuple[LegacyModel, ...]) -> tuple[LegacyModel, ...]:
    """Replacement chains followed through the entries that apply here, whatever surface they come from.

    A ``vertex-ai`` entry may name a replacement that only a ``gemini-api`` entry retires (which
    applies on Vertex AI too): the fix must name the end of the chain, or a second ``--fix`` would
    change the file again. Each ID has one entry here, and :func:`check_registry` refused loops.
    This cannot be done in :func:`check_registry`, entry by entry: a ``gemini-api`` entry applies
    on every surface, and its chain may end differently on each (gemini-2.0-flash-lite-preview ->
    gemini-2.5-flash-lite is retired on ``vertex-ai`` only).
    """
    by_id = {model.id: model for model in models}
    resolved = []
    for model in models:
        final, seen, last = model.replacement, {model.id}, ""
        while final in by_id and final not in seen:
            seen.add(final)
            final, last = by_id[final].replacement, final
        resolved.append(_followed(model, final, last))
    return tuple(resolved)


def _followed(model: LegacyModel, final: str, last: str) -> LegacyModel:
    """``model`` with its chain's end as replacement; an end that names none keeps the ID it ended at."""
    if final == model.replacement:
        return model
    if not final and last:
        return replace(model, replacement="", retired_replacement=model.retired_replacement or last)
    return replace(model, replacement=final)


def fix_caveat(model_id: str, replacement: str) -> str:
    """Why putting ``replacement`` in place of ``model_id`` is more than a rename, or "".

    * An embedding model's vectors do not compare with another model's: vectors already stored
      (a vector database, a cache) must be made again, and their size may differ.
    * A model of another family is called through another API: an Imagen model through
      ``generate_images`` (``:predict``), its Gemini replacement through ``generate_content`` with
      image output; PaLM's ``text-bison`` through ``:predict`` too. The call must change with the ID.

    The replacements of the registry are taken as Google names them; these are the cases where the
    program around the ID must change too, so a fix is offered only with ``--unsafe-fixes``.
    """
    if not replacement:
        return ""
    if "embedding" in model_id:
        return (
            f"vectors of '{model_id}' and '{replacement}' do not compare: stored vectors must be made again "
            "(and their size may differ)"
        )
    old, new = _family(model_id), _family(replacement)
    if old != new:
        return f"'{replacement}' is a {new} model, called through another API than {old} models: change the call too"
    return ""


def _family(model_id: str) -> str:
    """The first word of an ID: ``imagen`` (``imagen-4.0-generate-001``), ``imagegeneration`` (``@006``), ``gemini``."""
    return re.split(r"[-@]", model_id, maxsplit=1)[0]


README_START = "<!-- registry-table:start (generated by `python -m gemini_lint.registry README.md`) -->"
README_END = "<!-- registry-table:end -->"


def markdown_table(models: Iterable[LegacyModel]) -> str:
    """The registry as the README's Markdown table, each entry with the replacement a fix writes on its surface."""
    lines = [
        "| Legacy ID | Replacement | Deprecated | Shutdown | Surface | Source |",
        "|---|---|---|---|---|---|",
    ]
    listed = tuple(models)
    final = {
        (model.id, surface): model.replacement
        for surface in SURFACES
        for model in resolve_across_surfaces(for_surface(listed, surface))
    }
    for model in listed:
        shutdown = f"{model.shutdown}" + (" (earliest)" if model.shutdown_kind is ShutdownKind.EARLIEST else "")
        # What a fix writes on the entry's surface: the end of the chain, which the entry may not name itself.
        used = final[(model.id, model.surface)]
        replacement = f"`{used}`" if used else "(none named)"
        if used != model.replacement and model.replacement:
            replacement += f" (named: `{model.replacement}`{'' if used else ', retired too'})"
        lines.append(
            f"| `{model.id}` | {replacement} | {model.deprecated} | {shutdown} | {model.surface} | "
            f"[source]({model.source}) |"
        )
    return "\n".join(lines) + "\n"


def with_table(readme: str, models: Iterable[LegacyModel]) -> str:
    """``readme`` with the text between the registry markers replaced by a fresh table."""
    start = readme.index(README_START) + len(README_START)
    end = readme.index(README_END)
    return readme[:start] + "\n" + markdown_table(models) + readme[end:]


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool, exercised by the README test
    import pathlib

    with open(_packaged_path("models.toml"), encoding="utf-8") as source:
        compiled = compile_registry(source.read())
    with open(_packaged_path("models.json"), "w", encoding="utf-8", newline="\n") as sink:
        sink.write(compiled)
    print(f"compiled {PACKAGED_TOML} to {PACKAGED_JSON}")
    target = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    target.write_text(with_table(target.read_text(encoding="utf-8"), load_packaged()), encoding="utf-8")
    print(f"updated the registry table in {target}")
