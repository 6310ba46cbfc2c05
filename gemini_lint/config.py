"""Configuration: ``[tool.gemini-lint]`` in pyproject.toml, or ``gemini-lint.toml`` / ``.gemini-lint.toml``.

Files are found by walking up from the current directory, as ruff does; in one folder
``.gemini-lint.toml`` wins over ``gemini-lint.toml``, which wins over ``pyproject.toml`` (and a
pyproject.toml without a ``[tool.gemini-lint]`` table does not count). Unknown keys, wrong types
and bad dates are errors that name the file and the key.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from gemini_lint.levels import Severity
from gemini_lint.registry import (
    DEFAULT_SURFACE,
    SURFACES,
    LegacyModel,
    RegistryError,
    iso_date,
    load_toml,
    model_from_mapping,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: ~1.5 ms of a run over a clean file
if TYPE_CHECKING:
    from typing import Any, Optional

CONFIG_NAMES = (".gemini-lint.toml", "gemini-lint.toml", "pyproject.toml")
TODAY_ENV = "GEMINI_LINT_TODAY"
ALL_CODES = ("GL001", "GL002", "GL003")
_KEYS = frozenset(
    (
        "select",
        "ignore",
        "extend-exclude",
        "per-file-ignores",
        "fail-on",
        "unsafe-fixes",
        "today",
        "surface",
        "models",
    )
)
_MODEL_KEYS = frozenset(("replacement", "deprecated", "shutdown", "shutdown_kind", "surface", "source", "note", "as_of"))


class ConfigError(ValueError):
    """A configuration problem, reported as one line and exit code 2."""


@dataclass(frozen=True)
class FileConfig:
    """What one configuration file says (None: not set there)."""

    path: Optional[str] = None
    select: Optional[tuple[str, ...]] = None
    ignore: Optional[tuple[str, ...]] = None
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Optional[Severity] = None
    unsafe_fixes: Optional[bool] = None
    today: Optional[dt.date] = None
    surface: Optional[str] = None
    models: tuple[LegacyModel, ...] = ()

    @property
    def root(self) -> str:
        """The folder globs in this file are relative to."""
        return os.path.dirname(os.path.abspath(self.path)) if self.path is not None else os.getcwd()


@dataclass(frozen=True)
class Settings:
    """The resolved settings of one run (config file, then command line on top)."""

    enabled: frozenset[str] = frozenset(ALL_CODES)
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    fail_on: Severity = Severity.WARNING
    unsafe_fixes: bool = False
    today: dt.date = field(default_factory=dt.date.today)
    surface: str = DEFAULT_SURFACE
    extra_models: tuple[LegacyModel, ...] = ()
    root: str = field(default_factory=os.getcwd)
    config_path: Optional[str] = None


def expand_codes(selectors: tuple[str, ...], where: str) -> frozenset[str]:
    """Codes named by selectors: ``GL001``, a prefix such as ``GL`` or ``GL00``, or ``ALL``."""
    codes: set[str] = set()
    for selector in selectors:
        wanted = selector.strip().upper()
        if not wanted:
            continue
        matched = [code for code in ALL_CODES if wanted == "ALL" or code.startswith(wanted)]
        if not matched:
            raise ConfigError(f"{where}: unknown rule code '{selector.strip()}' (known: {', '.join(ALL_CODES)})")
        codes.update(matched)
    return frozenset(codes)


def parse_date(value: str, where: str) -> dt.date:
    """A YYYY-MM-DD date, or a :class:`ConfigError` naming ``where``.

    Only that form, on every Python (:func:`~gemini_lint.registry.iso_date`).
    """
    try:
        return iso_date(value.strip())
    except ValueError:
        raise ConfigError(f"{where}: expected a date as YYYY-MM-DD, got '{value}'") from None


def find_config(start: str) -> Optional[str]:
    """The nearest configuration file at or above the folder ``start`` (plain ``os.path``: pathlib costs ~5 ms to import)."""
    folder = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _read_text(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _has_tool_table(path: str) -> bool:
    """Whether a ``pyproject.toml`` configures gemini-lint (one that names it must be readable TOML)."""
    try:
        text = _read_text(path)
    except OSError as exc:  # it may configure gemini-lint: running with the defaults instead would say nothing
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        with open(path, "rb") as handle:
            if b"gemini-lint" not in handle.read():
                return False
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    if not any(name in text for name in ("gemini-lint", *_MISSPELT)):
        return False
    tool = load_toml(text, path, ConfigError).get("tool")
    if not isinstance(tool, dict):
        return False
    for name in _MISSPELT:
        if name in tool:  # silently ignored, it would leave every default in force
            raise ConfigError(f"{path}: [tool.{name}] is not read; the table is [tool.gemini-lint]")
    return "gemini-lint" in tool


#: Spellings of the table name that are surely meant for gemini-lint (the package's import name).
_MISSPELT = ("gemini_lint", "geminilint")


def load_config(path: str) -> FileConfig:
    """Read one configuration file into a :class:`FileConfig`."""
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    document = load_toml(text, path, ConfigError)
    if os.path.basename(path) == "pyproject.toml":
        tool = document.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(f"{path}: tool must be a table ([tool.gemini-lint])")
        table = tool.get("gemini-lint", {})
        prefix = "tool.gemini-lint."
    else:
        table, prefix = document, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [{prefix.rstrip('.')}] must be a table")
    return _from_table(path, table, prefix)


def _from_table(path: str, table: Mapping[str, Any], prefix: str) -> FileConfig:
    def where(key: str) -> str:
        return f"{path}: {prefix}{key}"

    for key in table:
        if key == "tool" and not prefix and isinstance(table[key], dict) and "gemini-lint" in table[key]:
            raise ConfigError(
                f"{path}: [tool.gemini-lint] is read only in pyproject.toml; in this file the settings are top-level keys"
            )
        if key not in _KEYS:
            raise ConfigError(f"{where(toml_key(key))}: unknown key (known: {', '.join(sorted(_KEYS))})")
    values: dict[str, Any] = {"path": path}
    for key in ("select", "ignore"):
        if key in table:
            codes = _str_list(table[key], where(key))
            if key == "select" and not any(code.strip() for code in codes):
                # As --select '': an empty list would turn every rule off, silently.
                raise ConfigError(f"{where(key)}: no rule code given (e.g. [\"GL001\"]); to turn rules off, use ignore")
            expand_codes(codes, where(key))
            values[key] = codes
    if "extend-exclude" in table:
        listed = _str_list(table["extend-exclude"], where("extend-exclude"))
        values["extend_exclude"] = _globs(listed, lambda _: where("extend-exclude"))
    if "per-file-ignores" in table:
        raw = table["per-file-ignores"]
        if not isinstance(raw, dict):
            raise ConfigError(f"{where('per-file-ignores')}: must be a table of glob = [codes]")
        pairs = []
        for key, codes in raw.items():
            (glob,) = _globs((key,), lambda key: where(f"per-file-ignores.{key}"))
            if glob.startswith("!"):
                raise ConfigError(f"{where(f'per-file-ignores.{key}')}: a negated glob is not supported here; "
                                  "name the files the codes are ignored in")
            listed = _str_list(codes, where(f"per-file-ignores.{key}"))
            expand_codes(listed, where(f"per-file-ignores.{key}"))
            pairs.append((glob, listed))
        values["per_file_ignores"] = tuple(pairs)
    if "fail-on" in table:
        values["fail_on"] = parse_severity(_str(table["fail-on"], where("fail-on")), where("fail-on"))
    if "unsafe-fixes" in table:
        if not isinstance(table["unsafe-fixes"], bool):
            raise ConfigError(f"{where('unsafe-fixes')}: must be true or false")
        values["unsafe_fixes"] = table["unsafe-fixes"]
    if "today" in table:
        today = table["today"]
        if isinstance(today, dt.date) and not isinstance(today, dt.datetime):
            values["today"] = today
        elif isinstance(today, (dt.datetime, dt.time)):
            raise ConfigError(f"{where('today')}: expected a date as YYYY-MM-DD, got a {type(today).__name__} ({today})")
        else:
            values["today"] = parse_date(_str(today, where("today")), where("today"))
    if "surface" in table:
        values["surface"] = parse_surface(_str(table["surface"], where("surface")), where("surface"))
    if "models" in table:
        values["models"] = _models(table["models"], where("models"))
    return FileConfig(**values)


def _globs(globs: tuple[str, ...], where: Callable[[str], str]) -> tuple[str, ...]:
    """``globs``, once each is known to be a gitignore-style pattern (``where(glob)`` names a bad one),
    without a leading ``./`` (``./tests/**`` means ``tests/**``, relative to the configuration's folder)."""
    from gemini_lint.discovery import glob_error

    normal = []
    for glob in globs:
        if not glob.strip():
            raise ConfigError(f"{where(glob)}: an empty glob matches nothing; remove it")
        problem = glob_error(glob)
        if problem is not None:
            raise ConfigError(f"{where(glob)}: {problem}")
        negated = glob.startswith("!")
        bare = glob[1:] if negated else glob
        stripped = bare
        while stripped.startswith("./"):
            stripped = stripped[2:].lstrip("/")
        if stripped and stripped != bare:
            bare = "/" + stripped  # anchored to the configuration's folder, as "./" says
        normal.append(("!" if negated else "") + bare)
    return tuple(normal)


def _models(raw: object, where: str) -> tuple[LegacyModel, ...]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: must be a table of model ID = {{ replacement, deprecated, shutdown }}")
    models = []
    for model_id, entry in raw.items():
        at = f"{where}.{toml_key(model_id, quoted=True)}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{at}: must be a table with replacement, deprecated and shutdown")
        unknown = sorted(set(entry) - _MODEL_KEYS)
        if unknown:
            raise ConfigError(f"{at}.{toml_key(unknown[0])}: unknown key (known: {', '.join(sorted(_MODEL_KEYS))})")
        try:
            models.append(model_from_mapping({"id": model_id, **entry}, at, require_source=False))
        except RegistryError as exc:
            raise ConfigError(str(exc)) from None
    return tuple(models)


def toml_key(key: str, quoted: bool = False) -> str:
    """``key`` as TOML writes it: bare (letters, digits, ``-``, ``_``) unless ``quoted``, else a
    basic string, escapes and all: a key holding a newline stays on the one line of an error."""
    if not quoted and key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key):
        return key
    import json

    return json.dumps(key, ensure_ascii=False)


def _str(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: must be a string, got {type(value).__name__}")
    return value


def _str_list(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: must be a list of strings")
    return tuple(value)


def parse_severity(value: str, where: str) -> Severity:
    """``info`` / ``warning`` / ``error``."""
    try:
        return Severity(value.strip().lower())
    except ValueError:
        raise ConfigError(f"{where}: must be one of info, warning, error; got '{value}'") from None


def parse_surface(value: str, where: str) -> str:
    """One of the registry's surfaces."""
    if value not in SURFACES:
        raise ConfigError(f"{where}: must be one of {', '.join(SURFACES)}; got '{value}'")
    return value


@dataclass(frozen=True)
class Overrides:
    """What the command line says (None: not given)."""

    select: Optional[tuple[str, ...]] = None
    ignore: Optional[tuple[str, ...]] = None
    extend_exclude: tuple[str, ...] = ()
    fail_on: Optional[Severity] = None
    unsafe_fixes: Optional[bool] = None
    today: Optional[dt.date] = None
    surface: Optional[str] = None


def resolve(
    file_config: FileConfig,
    overrides: Overrides,
    *,
    environ: Optional[Mapping[str, str]] = None,
    clock: Optional[dt.date] = None,
) -> Settings:
    """Merge a configuration file and the command line (the command line wins) into :class:`Settings`."""
    env = os.environ if environ is None else environ
    where = str(file_config.path) if file_config.path else "configuration"
    if overrides.select is not None:
        # As in ruff, a --select on the command line replaces the file's select and ignore.
        select, ignore = overrides.select, overrides.ignore or ()
    else:
        select = file_config.select if file_config.select is not None else ("ALL",)
        ignore = (file_config.ignore or ()) + (overrides.ignore or ())
    enabled = expand_codes(select, "--select" if overrides.select is not None else where) - expand_codes(
        ignore, "--ignore"
    )
    today = overrides.today
    if today is None and env.get(TODAY_ENV):
        today = parse_date(env[TODAY_ENV], TODAY_ENV)
    if today is None:
        today = file_config.today
    if today is None:
        today = clock or dt.date.today()
    surface = overrides.surface or file_config.surface or DEFAULT_SURFACE
    return Settings(
        enabled=enabled,
        extend_exclude=file_config.extend_exclude + _globs(overrides.extend_exclude, lambda _: "--extend-exclude"),
        per_file_ignores=tuple(
            (glob, expand_codes(codes, where)) for glob, codes in file_config.per_file_ignores
        ),
        fail_on=overrides.fail_on or file_config.fail_on or Severity.WARNING,
        unsafe_fixes=bool(
            overrides.unsafe_fixes if overrides.unsafe_fixes is not None else file_config.unsafe_fixes
        ),
        today=today,
        surface=surface,
        extra_models=file_config.models,
        root=file_config.root,
        config_path=file_config.path,
    )
